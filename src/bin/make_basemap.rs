//! Convert the GeoJSON basemap sources into the embedded asset.
//!
//! `cargo run --release --bin make_basemap -- --world ../shared/basemap-world --input
//! ../shared/basemap --output assets/basemap.bin` (those are the defaults). The logic lives in `storyroute::basemap::convert`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Convert GeoJSON basemap layers into `assets/basemap.bin`.
#[derive(Debug, Parser)]
struct Args {
    /// Directory with the world's layers: land.geojson, countries.geojson, … (see its README.md).
    #[arg(long, default_value = "../shared/basemap-world")]
    world: PathBuf,
    /// Directory with the finer North-East Asia layers: rivers.geojson (GSHHG), places.geojson,
    /// towns500_kp_ru.geojson (see its README.md).
    #[arg(long, default_value = "../shared/basemap")]
    input: PathBuf,
    /// Where to write the postcard asset.
    #[arg(long, default_value = "assets/basemap.bin")]
    output: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match storyroute::basemap::convert::convert_directories(&args.world, &args.input) {
        Ok(converted) => {
            if let Err(e) = std::fs::write(&args.output, &converted.bytes) {
                eprintln!("cannot write {}: {e}", args.output.display());
                return ExitCode::FAILURE;
            }
            print!("{}", converted.summary);
            println!("wrote {}", args.output.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("make_basemap: {e}");
            ExitCode::FAILURE
        }
    }
}
