//! `storyroute convert IN OUT`: open any supported file and write it in the format OUT's
//! extension names. Exit status 0 when written; 1 when IN cannot be read or OUT cannot be
//! written (the reasons on stderr); 2 on a usage error (an extension naming no format), before
//! anything is read. Warnings about IN go to stderr, as `itinerary` prints them.

use super::load_for_command;
use crate::formats::{ExportFormat, ItineraryInputs, export};
use crate::route::{Itinerary, Route, TripOptions};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The file to read: a story, plain GeoJSON, GPX, KML or KMZ.
    #[arg(value_name = "IN")]
    pub input: PathBuf,
    /// The file to write: .geojson or .json (a storyroute/1 story), .gpx, .kml, .kmz, or
    /// .csv (the itinerary at the story's speed).
    #[arg(value_name = "OUT")]
    pub output: PathBuf,
}

/// The exit status of a usage error, as clap uses.
const USAGE_ERROR: u8 = 2;

/// Run `convert`.
pub fn run_convert(args: &ConvertArgs) -> ExitCode {
    let Some(format) = ExportFormat::from_path(&args.output) else {
        eprintln!(
            "storyroute: convert: {}: unknown extension; use .geojson, .json, .gpx, .kml, .kmz or .csv",
            args.output.display()
        );
        return ExitCode::from(USAGE_ERROR);
    };
    let loaded = match load_for_command(Some(&args.input)) {
        Ok(loaded) => loaded,
        Err(status) => return status,
    };
    let story = &loaded.story;
    let route = Route::new(story);
    let itinerary = Itinerary::new(
        story,
        &route,
        TripOptions {
            speed: story.meta.default_speed.speed,
            departure: story
                .meta
                .departure
                .as_ref()
                .map(|departure| departure.time),
            detour: None,
        },
    );
    let inputs = ItineraryInputs {
        route: &route,
        itinerary: &itinerary,
        unit: story.meta.default_speed.unit,
        departure_assumed: story
            .meta
            .departure
            .as_ref()
            .is_some_and(|departure| departure.assumed),
    };
    match export(story, &inputs, format, &args.output) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("storyroute: convert: {error}");
            ExitCode::FAILURE
        }
    }
}
