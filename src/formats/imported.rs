//! A GPX or KML file made into a story: its plain GeoJSON (from [`super::gpx_in`] or
//! [`super::kml_in`]) is read as plain GeoJSON is, then what a story knows is lifted out of
//! the places' properties: `note` into the place's note, `time` into a reported time whose
//! source is the file, `role` into the place's role. Every place's coordinate source names
//! the file. Other properties (a GPX waypoint's symbol, KML ExtendedData) stay as properties
//! and are written back when the story is saved.

use super::{gpx_in, kml_in, kmz};
use crate::story::{LoadError, Loaded, ReportedTime, Role, StoryKind, parse_story};
use chrono::DateTime;
use serde_json::Value;

/// Which reader makes the plain GeoJSON.
#[derive(Clone, Copy, Debug)]
pub(crate) enum FromXml {
    Gpx,
    Kml,
    Kmz,
}

/// Read `bytes` (the file `file`) as a story.
pub(crate) fn story_from_xml(bytes: &[u8], file: &str, from: FromXml) -> Result<Loaded, LoadError> {
    let fail = |message: String| LoadError::single(file, message);
    let (geojson, kind) = match from {
        FromXml::Gpx => (gpx_in::gpx_to_geojson(bytes).map_err(fail)?, StoryKind::Gpx),
        FromXml::Kml => (kml_in::kml_to_geojson(bytes).map_err(fail)?, StoryKind::Kml),
        FromXml::Kmz => {
            let kml = kmz::kml_in_kmz(bytes).map_err(fail)?;
            (kml_in::kml_to_geojson(&kml).map_err(fail)?, StoryKind::Kml)
        }
    };
    let text = serde_json::to_vec(&geojson)
        .map_err(|error| fail(format!("could not be read as a story: {error}")))?;
    let mut loaded = parse_story(&text, file)?;
    let source = std::path::Path::new(file).file_name().map_or_else(
        || file.to_owned(),
        |name| name.to_string_lossy().into_owned(),
    );
    let story = &mut loaded.story;
    story.kind = kind;
    // The title was read from these; they are not members to write back.
    story.extra.remove("name");
    for place in &mut story.places {
        if let Some(Value::String(note)) = place.extra.remove("note") {
            place.note = Some(note);
        }
        if let Some(Value::String(text)) = place.extra.get("time")
            && let Ok(time) = DateTime::parse_from_rfc3339(text)
        {
            place.extra.remove("time");
            place.reported_arrival = Some(ReportedTime {
                time,
                source: source.clone(),
                approximate: false,
                note: None,
                extra: crate::story::Extra::new(),
            });
        }
        if let Some(role) = place
            .extra
            .get("role")
            .and_then(Value::as_str)
            .and_then(Role::parse)
        {
            place.extra.remove("role");
            // The route decided which places are its ends; a border it passes stays one.
            if role == Role::Border && place.role == Role::Stop {
                place.role = Role::Border;
            }
        }
        place.coordinate_source = Some(source.clone());
    }
    Ok(loaded)
}
