//! The command line: `storyroute` opens the app; `itinerary` prints the journey at a speed;
//! `validate` checks story files; `convert` writes a story in another format; `render`
//! draws its map into a PNG. Errors and warnings are reported here, on stderr, each kind
//! once (problems differing only in their feature are grouped into one line); information
//! lines go to stdout, under `validate`'s "ok" line. A refused `--speed` is clap's usage
//! error: exit status 2 and the reason, naming the valid range.

mod convert;
mod draft;
mod render;
mod renderer_arg;

pub use crate::formats::{OutputFormat, render_itinerary};
pub use convert::{ConvertArgs, run_convert};
pub use draft::{DraftArgs, run_draft};
pub use render::{
    MAX_SIDE_POINTS, MIN_SIDE_POINTS, PictureSize, PictureTheme, RenderArgs, parse_scale,
    parse_size,
};
pub use renderer_arg::RendererArg;

use crate::route::{Itinerary, Route, TripOptions};
use crate::story::{Loaded, Severity, Story, check_story_year, default_story, group_problems};
use crate::units::SpeedInput;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone as _};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// storyroute tells a news story on a map: the route, what the article says at each place,
/// and how long the journey takes at a speed you choose.
#[derive(Debug, Parser)]
#[command(name = "storyroute", version, about, long_about = None)]
#[command(after_help = "Without a command, the desktop app opens.\n\n\
Examples:\n  storyroute                                   open the app with the bundled story\n  \
storyroute --story my-story.geojson          open the app with another story\n  \
storyroute itinerary --speed 60kmh           the bundled journey at 60 km/h\n  \
storyroute itinerary --via-vladivostok       what if the train had gone into Vladivostok\n  \
storyroute validate a.geojson b.gpx          check story files\n  \
storyroute convert walk.gpx walk.geojson     convert between formats")]
pub struct Cli {
    /// What to do; without one, the desktop app opens.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Open this story (a storyroute file, plain GeoJSON, GPX, KML or KMZ) instead of the
    /// bundled one.
    #[arg(long, value_name = "FILE", global = true)]
    pub story: Option<PathBuf>,

    /// Show raster tiles from this local .pmtiles file under the route.
    #[arg(long, value_name = "FILE.pmtiles")]
    pub tiles: Option<PathBuf>,

    /// Open the window, print how long the first frame took to reach the screen, and quit
    /// (for benchmarks; see BENCHMARKS.md).
    #[arg(long)]
    pub measure_startup: bool,

    /// Which renderer draws the window: on the CPU (`software`), with the GPU (`gpu`), or
    /// `auto`: the CPU when the GPU is a software one or there is none (README: "Without a
    /// GPU").
    #[arg(long, value_enum, default_value_t = RendererArg::Auto)]
    pub renderer: RendererArg,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the journey leg by leg: distance and its source, time at the speed, cumulative
    /// time, estimated arrival in local time, reported arrival and the difference.
    Itinerary(ItineraryArgs),
    /// Check story files and print every problem; exit status 1 if any file fails to load.
    Validate(ValidateArgs),
    /// Convert a story between formats: IN and OUT are .geojson/.json, .gpx, .kml or .kmz
    /// (OUT may also be .csv, the itinerary); formats come from the extensions.
    Convert(ConvertArgs),
    /// Draw the story's map into a PNG without opening a window: basemap, route, markers,
    /// labels, legend and attribution. Exit status 1 if the story cannot be read or the PNG
    /// cannot be written.
    Render(RenderArgs),
    /// Make a story from an article (.txt, .md, .html): places, route, speed, times.
    Draft(DraftArgs),
}

/// Options of `itinerary`.
#[derive(Debug, Args)]
pub struct ItineraryArgs {
    /// Speed with its unit: 37mph, 60kmh, "60 km/h". Default: the story's reported speed.
    #[arg(long, value_name = "SPEED", allow_hyphen_values = true)]
    pub speed: Option<SpeedInput>,

    /// Departure time: RFC 3339 (2023-09-10T16:00:00+09:00), or local time at the origin
    /// (2023-09-10T16:00, or just 16:00 on the story's departure day). Default: the story's
    /// departure, which may be an assumption (the output says so).
    #[arg(long, value_name = "TIME")]
    pub depart: Option<String>,

    /// What if the train had gone into Vladivostok and back out, as expected?
    #[arg(long)]
    pub via_vladivostok: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
}

/// Options of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Story files, plain GeoJSON, GPX, KML or KMZ files to check.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// Load the story the user asked for, or the bundled one.
pub fn load_requested_story(path: Option<&PathBuf>) -> Result<Loaded, crate::story::LoadError> {
    match path {
        Some(path) => crate::formats::open_story_file(path),
        None => default_story(),
    }
}

/// For the commands that work on one story: [`load_requested_story`], with the reasons on
/// stderr when it cannot be read (`Err`: exit status 1), and its warnings and errors (not
/// its information, which is for `validate`) on stderr, each kind said once.
pub fn load_for_command(path: Option<&PathBuf>) -> Result<Loaded, ExitCode> {
    let loaded = load_requested_story(path).map_err(|error| {
        eprintln!("{error}");
        ExitCode::FAILURE
    })?;
    for group in group_problems(&loaded.warnings) {
        if group.severity != Severity::Info {
            eprintln!("{group}");
        }
    }
    Ok(loaded)
}

/// Run `itinerary`; prints to stdout, errors to stderr.
pub fn run_itinerary(story_path: Option<&PathBuf>, args: &ItineraryArgs) -> ExitCode {
    let loaded = match load_for_command(story_path) {
        Ok(loaded) => loaded,
        Err(status) => return status,
    };
    let story = &loaded.story;
    let (speed, unit) = match args.speed {
        Some(input) => (input.speed, input.unit),
        None => (
            story.meta.default_speed.speed,
            story.meta.default_speed.unit,
        ),
    };
    let route = Route::new(story);
    let departure = match &args.depart {
        Some(text) => match parse_departure(text, story) {
            Ok(time) => Some(time),
            Err(message) => {
                eprintln!("storyroute: --depart {text:?}: {message}");
                return ExitCode::FAILURE;
            }
        },
        None => story
            .meta
            .departure
            .as_ref()
            .map(|departure| departure.time),
    };
    let detour = if args.via_vladivostok {
        let found = story
            .places
            .iter()
            .position(|place| place.name.eq_ignore_ascii_case("Vladivostok"))
            .and_then(|index| route.detour_to(index));
        let Some(detour) = found else {
            eprintln!(
                "storyroute: --via-vladivostok: this story has no detour leg into Vladivostok"
            );
            return ExitCode::FAILURE;
        };
        Some(detour)
    } else {
        None
    };
    let itinerary = Itinerary::new(
        story,
        &route,
        TripOptions {
            speed,
            departure,
            detour,
        },
    );
    let departure_assumed = args.depart.is_none()
        && story
            .meta
            .departure
            .as_ref()
            .is_some_and(|departure| departure.assumed);
    match render_itinerary(
        story,
        &route,
        &itinerary,
        unit,
        departure_assumed,
        args.format,
    ) {
        Ok(text) => print!("{text}"),
        Err(error) => {
            eprintln!("storyroute: cannot write the itinerary: {error}");
            return ExitCode::FAILURE;
        }
    }
    if itinerary.beyond_calendar() {
        eprintln!(
            "storyroute: some arrivals fall beyond the calendar (outside years 0–9999) and have no clock time"
        );
    }
    ExitCode::SUCCESS
}

/// Read `--depart`: RFC 3339, or a local time at the origin; in the years a story may use
/// ([`crate::story::STORY_YEARS`]).
pub fn parse_departure(text: &str, story: &Story) -> Result<DateTime<FixedOffset>, String> {
    let time = read_departure(text, story)?;
    check_story_year(time)?;
    Ok(time)
}

fn read_departure(text: &str, story: &Story) -> Result<DateTime<FixedOffset>, String> {
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Ok(time);
    }
    let origin_offset = story
        .places
        .iter()
        .find(|place| place.role == crate::story::Role::Origin)
        .and_then(|place| place.utc_offset)
        .or_else(|| story.meta.departure.as_ref().map(|d| *d.time.offset()))
        .ok_or("the origin has no UTC offset: give the time in RFC 3339 with its offset")?;
    let naive = if let Ok(naive) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M") {
        naive
    } else if let Ok(time) = NaiveTime::parse_from_str(text, "%H:%M") {
        let day: NaiveDate = story
            .meta
            .departure
            .as_ref()
            .map(|departure| departure.time.date_naive())
            .ok_or("the story has no departure day: give the date too, e.g. 2023-09-10T16:00")?;
        day.and_time(time)
    } else {
        return Err(
            "not a time: use 2023-09-10T16:00:00+09:00, 2023-09-10T16:00 or 16:00".to_owned(),
        );
    };
    origin_offset
        .from_local_datetime(&naive)
        .single()
        .ok_or_else(|| "that local time does not exist at the origin".to_owned())
}

/// Run `validate`; exit status 1 if any file fails to load.
pub fn run_validate(args: &ValidateArgs) -> ExitCode {
    let mut failed = 0usize;
    for path in &args.files {
        match crate::formats::open_story_file(path) {
            Ok(loaded) => {
                let groups = group_problems(&loaded.warnings);
                for group in groups.iter().filter(|g| g.severity != Severity::Info) {
                    eprintln!("{group}");
                }
                let warnings = loaded
                    .warnings
                    .iter()
                    .filter(|problem| problem.severity == Severity::Warning)
                    .count();
                println!(
                    "ok: {} ({} places, {} legs, {} warning{})",
                    path.display(),
                    loaded.story.places.len(),
                    loaded.story.legs.len() + loaded.story.detours.len(),
                    warnings,
                    if warnings == 1 { "" } else { "s" }
                );
                for group in groups.iter().filter(|g| g.severity == Severity::Info) {
                    println!("  {group}");
                }
            }
            Err(error) => {
                failed += 1;
                eprintln!("{error}");
            }
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "{failed} of {} file{} failed to load",
            args.files.len(),
            if args.files.len() == 1 { "" } else { "s" }
        );
        ExitCode::FAILURE
    }
}
