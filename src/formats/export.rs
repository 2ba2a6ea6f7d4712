//! Writing a story or its itinerary to a file in a format the user picks: the small API the
//! app's Export menu and `storyroute convert` share. Every file is written atomically: a
//! failed export leaves the file that was there untouched.

use super::itinerary_output::{OutputFormat, render_itinerary};
use super::{gpx_out, kml_out, kmz};
use crate::route::{Itinerary, Route};
use crate::story::{SaveError, Story, story_to_json, write_file_atomically};
use crate::units::SpeedUnit;
use std::path::Path;

/// What a story can be written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// The whole story, `storyroute/1` GeoJSON (as Save writes it).
    StoryGeoJson,
    /// GPX 1.1: places as waypoints, the route as a track.
    Gpx,
    /// KML 2.2: placemarks styled by role, the route as a LineString.
    Kml,
    /// The KML, zipped.
    Kmz,
    /// The itinerary as CSV, the columns of `storyroute itinerary --format csv`.
    ItineraryCsv,
    /// The itinerary as JSON, as `storyroute itinerary --format json` prints it.
    ItineraryJson,
}

impl ExportFormat {
    /// Every format, in the order a menu lists them.
    pub const ALL: [Self; 6] = [
        Self::StoryGeoJson,
        Self::Gpx,
        Self::Kml,
        Self::Kmz,
        Self::ItineraryCsv,
        Self::ItineraryJson,
    ];

    /// Its name in a menu.
    pub fn display_name(self) -> &'static str {
        match self {
            Self::StoryGeoJson => "Story (GeoJSON)",
            Self::Gpx => "GPX",
            Self::Kml => "KML",
            Self::Kmz => "KMZ",
            Self::ItineraryCsv => "Itinerary (CSV)",
            Self::ItineraryJson => "Itinerary (JSON)",
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::StoryGeoJson => "geojson",
            Self::Gpx => "gpx",
            Self::Kml => "kml",
            Self::Kmz => "kmz",
            Self::ItineraryCsv => "csv",
            Self::ItineraryJson => "json",
        }
    }

    /// The format a file name's extension asks for, as `storyroute convert` reads it:
    /// `.geojson` and `.json` are the story (not the itinerary), `.csv` the itinerary.
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "geojson" | "json" => Some(Self::StoryGeoJson),
            "gpx" => Some(Self::Gpx),
            "kml" => Some(Self::Kml),
            "kmz" => Some(Self::Kmz),
            "csv" => Some(Self::ItineraryCsv),
            _ => None,
        }
    }
}

/// What the itinerary formats need besides the story: the measured route, the itinerary at
/// the chosen speed and departure, the unit speeds are shown in, and whether the departure is
/// the story's assumption. The story formats take the route from the story itself.
#[derive(Clone, Copy)]
pub struct ItineraryInputs<'a> {
    /// The measured route.
    pub route: &'a Route,
    /// The journey at the chosen speed.
    pub itinerary: &'a Itinerary,
    /// The unit of the chosen speed.
    pub unit: SpeedUnit,
    /// The departure is the story's assumed one (the outputs say so).
    pub departure_assumed: bool,
}

/// Why an export failed: the file, and the reason. The file that was there is untouched.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The text could not be made.
    #[error("{path} could not be written: {reason}")]
    Encode {
        /// The file, as the user named it.
        path: String,
        /// What went wrong.
        reason: String,
    },
    /// The file could not be written.
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// The bytes of `story` (and its itinerary) in `format`.
pub fn export_bytes(
    story: &Story,
    inputs: &ItineraryInputs<'_>,
    format: ExportFormat,
) -> Result<Vec<u8>, String> {
    let itinerary = |output: OutputFormat| {
        render_itinerary(
            story,
            inputs.route,
            inputs.itinerary,
            inputs.unit,
            inputs.departure_assumed,
            output,
        )
        .map(String::into_bytes)
        .map_err(|error| format!("the itinerary could not be written: {error}"))
    };
    match format {
        // The same text Save writes.
        ExportFormat::StoryGeoJson => story_to_json(story)
            .map(String::into_bytes)
            .map_err(|error| error.to_string()),
        ExportFormat::Gpx => gpx_out::story_to_gpx(story),
        ExportFormat::Kml => kml_out::story_to_kml(story),
        ExportFormat::Kmz => kmz::kmz_of(&kml_out::story_to_kml(story)?),
        ExportFormat::ItineraryCsv => itinerary(OutputFormat::Csv),
        ExportFormat::ItineraryJson => itinerary(OutputFormat::Json),
    }
}

/// Write `story` (and its itinerary) to `path` in `format`, atomically.
pub fn export(
    story: &Story,
    inputs: &ItineraryInputs<'_>,
    format: ExportFormat,
    path: &Path,
) -> Result<(), ExportError> {
    let bytes = export_bytes(story, inputs, format).map_err(|reason| ExportError::Encode {
        path: path.display().to_string(),
        reason,
    })?;
    write_file_atomically(path, &bytes)?;
    Ok(())
}
