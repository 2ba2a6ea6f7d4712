//! Opening any supported file: which format it is (by its first bytes, then its extension),
//! and the one entry point the app and the command line call.

use super::imported::{FromXml, story_from_xml};
use crate::story::{
    CANCELLED_MESSAGE, LoadError, LoadProgress, LoadStage, Loaded, MAX_FILE_BYTES, parse_story,
    parse_story_with, read_file_with,
};
use std::path::Path;

/// The formats a story can be opened from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    /// A `storyroute/1` file or plain GeoJSON.
    GeoJson,
    /// GPX 1.0 or 1.1.
    Gpx,
    /// KML 2.2.
    Kml,
    /// KML zipped (`doc.kml`, or the first `.kml` inside).
    Kmz,
}

/// How many bytes are looked at to tell the format.
const SNIFF_BYTES: usize = 4096;

impl FileFormat {
    /// The format of a file named `path` that begins with `head`: what the bytes say when
    /// they say it (a zip, a JSON object, a `<gpx` or `<kml` element), else the extension,
    /// else GeoJSON (whose reader then says what is wrong).
    pub fn detect(path: &Path, head: &[u8]) -> Self {
        if head.starts_with(b"PK\x03\x04") {
            return Self::Kmz;
        }
        let text = String::from_utf8_lossy(&head[..head.len().min(SNIFF_BYTES)]);
        let first = text.trim_start_matches('\u{feff}').trim_start();
        if first.starts_with('{') || first.starts_with('[') {
            return Self::GeoJson;
        }
        if first.starts_with('<') {
            if text.contains("<gpx") {
                return Self::Gpx;
            }
            if text.contains("<kml") || text.contains(":kml") {
                return Self::Kml;
            }
        }
        Self::from_extension(path).unwrap_or(Self::GeoJson)
    }

    /// The format a file's extension names, if it names one.
    pub fn from_extension(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "geojson" | "json" => Some(Self::GeoJson),
            "gpx" => Some(Self::Gpx),
            "kml" => Some(Self::Kml),
            "kmz" => Some(Self::Kmz),
            _ => None,
        }
    }
}

/// Open a story from any supported file: `storyroute/1`, plain GeoJSON, GPX, KML or KMZ.
pub fn open_story_file(path: &Path) -> Result<Loaded, LoadError> {
    open_story_file_with(path, &LoadProgress::new())
}

/// [`open_story_file`], reporting how far it got into `progress` and stopping (with
/// [`CANCELLED_MESSAGE`]) once `progress` is cancelled.
pub fn open_story_file_with(path: &Path, progress: &LoadProgress) -> Result<Loaded, LoadError> {
    let file = path.display().to_string();
    let fail = |message: String| LoadError::single(&file, message);
    // The file is read once, then its first bytes say what it is.
    let bytes = read_file_with(path, progress)?;
    let format = FileFormat::detect(path, &bytes);
    if format == FileFormat::GeoJson {
        // The story loader reports its own stages (and refuses a file over the limit).
        return parse_story_with(&bytes, &file, progress);
    }
    progress.begin(LoadStage::CheckingPlaces, 0);
    let loaded = open_story_bytes(&bytes, &file, format);
    if progress.is_cancelled() {
        return Err(fail(CANCELLED_MESSAGE.to_owned()));
    }
    loaded
}

/// Open a story from the bytes of a file in `format`; `file` names it in problems and in the
/// sources of what it tells.
pub fn open_story_bytes(bytes: &[u8], file: &str, format: FileFormat) -> Result<Loaded, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::single(
            file,
            format!(
                "the file is larger than {} MiB",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    match format {
        FileFormat::GeoJson => parse_story(bytes, file),
        FileFormat::Gpx => story_from_xml(bytes, file, FromXml::Gpx),
        FileFormat::Kml => story_from_xml(bytes, file, FromXml::Kml),
        FileFormat::Kmz => story_from_xml(bytes, file, FromXml::Kmz),
    }
}
