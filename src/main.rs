//! The `storyroute` binary: parse the arguments, then run a command or open the app.

use clap::Parser as _;
use std::process::ExitCode;
use storyroute::app::{AppOptions, run_with_renderer};
use storyroute::cli::{Cli, Command, run_convert, run_draft, run_itinerary, run_validate};

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let cli = Cli::parse();
    storyroute::diagnostics::init_logging();
    match &cli.command {
        Some(Command::Itinerary(args)) => run_itinerary(cli.story.as_ref(), args),
        Some(Command::Validate(args)) => run_validate(args),
        Some(Command::Convert(args)) => run_convert(args),
        Some(Command::Render(args)) => storyroute::render::run_render(cli.story.as_ref(), args),
        Some(Command::Draft(args)) => run_draft(args),
        None => match run_with_renderer(
            cli.renderer,
            AppOptions {
                story_path: cli.story.clone(),
                pmtiles_path: cli.tiles.clone(),
                fresh: false,
                data_dir: None,
                measure_startup_from: cli.measure_startup.then_some(started),
            },
        ) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("storyroute: could not open the window: {error}");
                ExitCode::FAILURE
            }
        },
    }
}
