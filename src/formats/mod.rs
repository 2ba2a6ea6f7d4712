//! Files in and out: opening GPX, KML and KMZ as stories (besides `storyroute/1` and plain
//! GeoJSON, which [`crate::story`] reads), and writing a story as GeoJSON, GPX, KML or KMZ and
//! its itinerary as CSV or JSON. Nothing here knows egui; the app and the command line call
//! [`open_story_file`] to open anything and [`export`] to write anything.
//!
//! How an import works: the GPX or KML is read with a maintained XML reader (the `gpx` crate;
//! `quick-xml` for KML, whose `gx:Track` and `ExtendedData` the `kml` crate does not read)
//! into plain GeoJSON (points with their properties, lines in file order), which
//! [`crate::story::parse_story`] turns into a story exactly as it does a plain GeoJSON file;
//! then the properties a story knows (`note`, `time`, `role`) are lifted into its fields.
//!
//! Invariants: an import never panics on any bytes; a file that cannot be read is a
//! [`LoadError`](crate::story::LoadError) naming the file and the element or line; every fact an import adds (a
//! place's coordinate, a reported time) has a source naming the file; a story's
//! [`StoryKind`](crate::story::StoryKind) says which format it came from. Every file written
//! here is written atomically ([`crate::story::write_file_atomically`]).

mod export;
mod gpx_in;
mod gpx_out;
mod imported;
mod itinerary_output;
mod kml_in;
mod kml_out;
mod kmz;
mod sniff;

pub use export::{ExportError, ExportFormat, ItineraryInputs, export, export_bytes};
pub use itinerary_output::{OutputFormat, render_itinerary};
pub use sniff::{FileFormat, open_story_bytes, open_story_file, open_story_file_with};

/// The route's drawn line: the legs' geometry joined in travel order (where one leg ends and
/// the next begins, the point once). Detours are left out.
pub(crate) fn route_line(story: &crate::story::Story) -> Vec<crate::story::LonLat> {
    let mut line: Vec<crate::story::LonLat> = Vec::new();
    for leg in &story.legs {
        for &point in &leg.geometry {
            if line.last() != Some(&point) {
                line.push(point);
            }
        }
    }
    line
}
