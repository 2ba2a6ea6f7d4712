//! Build the embedded gazetteer from the shared GeoJSON sources.
//!
//! `cargo run --release --bin make_gazetteer` (the defaults read `../shared/basemap-world`,
//! `../shared/basemap` and the bundled story, and write `assets/gazetteer.bin`). The logic
//! lives in `storyroute::gazetteer::convert`.

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

/// Convert GeoNames and Natural Earth places into `assets/gazetteer.bin`.
#[derive(Debug, Parser)]
struct Args {
    /// Directory with places.geojson, ne_places.geojson and countries.geojson.
    #[arg(long, default_value = "../shared/basemap-world")]
    world: PathBuf,
    /// Directory with towns500_kp_ru.geojson.
    #[arg(long, default_value = "../shared/basemap")]
    basemap: PathBuf,
    /// The story whose stations are added.
    #[arg(long, default_value = "assets/stories/kim-jong-un-2023.geojson")]
    story: PathBuf,
    /// Where to write the postcard asset.
    #[arg(long, default_value = "assets/gazetteer.bin")]
    output: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let converted =
        match storyroute::gazetteer::convert::convert(&args.world, &args.basemap, &args.story) {
            Ok(converted) => converted,
            Err(e) => {
                eprintln!("make_gazetteer: {e}");
                return ExitCode::FAILURE;
            }
        };
    let bytes = match converted.gazetteer.encode() {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("make_gazetteer: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(&args.output, &bytes) {
        eprintln!(
            "make_gazetteer: cannot write {}: {e}",
            args.output.display()
        );
        return ExitCode::FAILURE;
    }
    print!("{}", converted.summary);
    println!("wrote {} ({} bytes)", args.output.display(), bytes.len());
    ExitCode::SUCCESS
}
