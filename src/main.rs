//! The `storyroute` binary: parse the arguments, then run a command or open the app.

use clap::Parser as _;
use std::process::ExitCode;
use storyroute::app::{AppOptions, run};
use storyroute::cli::{Cli, Command, run_itinerary, run_validate};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Itinerary(args)) => run_itinerary(cli.story.as_ref(), args),
        Some(Command::Validate(args)) => run_validate(args),
        None => match run(AppOptions {
            story_path: cli.story.clone(),
            pmtiles_path: cli.tiles.clone(),
            fresh: false,
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("storyroute: could not open the window: {error}");
                ExitCode::FAILURE
            }
        },
    }
}
