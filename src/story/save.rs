//! Writing a story back as a `storyroute/1` file. Known fields are written from the model;
//! everything the loader did not know is written back as it was read.

use super::fields::format_utc_offset;
use super::parse::FORMAT;
use super::{Extra, FeatureRef, Leg, LonLat, Place, ReportedTime, Story};
use serde_json::{Value, json};
use std::path::Path;

/// Why a story could not be saved. Nothing is written when saving fails: the file that was
/// there stays as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The story could not be turned into JSON text.
    #[error("the story could not be written as JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The file could not be written.
    #[error("{path} could not be saved: {source}")]
    Io {
        /// The file, as the user named it.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
}

/// The story as pretty-printed GeoJSON text.
pub fn story_to_json(story: &Story) -> Result<String, SaveError> {
    Ok(serde_json::to_string_pretty(&story_value(story))?)
}

/// Save the story to `path`, replacing the file only once the new one is written whole (see
/// [`write_file_atomically`]). On an error the file that was there stays as it was.
pub fn save_story_file(story: &Story, path: &Path) -> Result<(), SaveError> {
    let text = story_to_json(story)?;
    write_file_atomically(path, text.as_bytes())
}

/// Write `bytes` to `path` so that a reader sees either the old file or the whole new one,
/// never a part: the bytes go to a temporary file in the same folder, are flushed to disk
/// (fsync), and the temporary file is renamed over `path`. A file that was there keeps its
/// permissions. On an error nothing is left behind and the old file is untouched; the error
/// names `path` and says why (a folder that does not exist, a path that is a folder, a folder
/// that cannot be written).
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    use std::io::Write as _;
    let fail = |source: std::io::Error| SaveError::Io {
        path: path.display().to_string(),
        source,
    };
    if path.is_dir() {
        return Err(fail(std::io::Error::other("it is a folder, not a file")));
    }
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(fail(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("the folder {} does not exist", folder.display()),
        )));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".storyroute-saving-");
    // A temporary file is private (0600); a new story or picture is an ordinary file,
    // readable as the user's umask says (a file replaced keeps its own, below).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temporary = builder.tempfile_in(folder).map_err(fail)?;
    temporary.write_all(bytes).map_err(fail)?;
    temporary.as_file().sync_all().map_err(fail)?;
    if let Ok(metadata) = std::fs::metadata(path) {
        // Best effort: a file that could not take the old permissions is still a good file.
        let _ = temporary.as_file().set_permissions(metadata.permissions());
    }
    // On failure `persist` hands the temporary file back; dropping it removes it.
    temporary.persist(path).map_err(|error| fail(error.error))?;
    // The rename itself reaches the disk once the folder is flushed (Unix; best effort).
    if let Ok(handle) = std::fs::File::open(folder) {
        let _ = handle.sync_all();
    }
    Ok(())
}

fn story_value(story: &Story) -> Value {
    let meta = &story.meta;
    let mut member = Extra::new();
    member.insert("format".into(), json!(FORMAT));
    member.insert("title".into(), json!(meta.title));
    insert_some(&mut member, "outlet", meta.outlet.as_ref());
    insert_some(&mut member, "date", meta.date.as_ref());
    insert_some(&mut member, "url", meta.url.as_ref());
    member.insert("article".into(), json!(meta.article));
    insert_some(&mut member, "article_source", meta.article_source.as_ref());
    let speed = &meta.default_speed;
    let mut speed_value = Extra::new();
    speed_value.insert("value".into(), number_value(speed.value));
    speed_value.insert("unit".into(), json!(speed.unit.symbol()));
    speed_value.insert("source".into(), json!(speed.source));
    insert_some(&mut speed_value, "quote", speed.quote.as_ref());
    speed_value.extend(speed.extra.clone());
    member.insert("default_speed".into(), Value::Object(speed_value));
    if let Some(departure) = &meta.departure {
        let mut value = Extra::new();
        value.insert("time".into(), json!(departure.time.to_rfc3339()));
        value.insert("assumed".into(), json!(departure.assumed));
        insert_some(&mut value, "note", departure.note.as_ref());
        insert_some(&mut value, "source", departure.source.as_ref());
        value.extend(departure.extra.clone());
        member.insert("departure".into(), Value::Object(value));
    }
    if !meta.sources.is_empty() {
        let sources: Vec<Value> = meta
            .sources
            .iter()
            .map(|source| json!({"label": source.label, "url": source.url}))
            .collect();
        member.insert("sources".into(), Value::Array(sources));
    }
    member.extend(meta.extra.clone());

    let features: Vec<Value> = story
        .feature_order
        .iter()
        .filter_map(|feature| match *feature {
            FeatureRef::Place(index) => story.places.get(index).map(place_value),
            FeatureRef::Leg(index) => story.legs.get(index).map(leg_value),
            FeatureRef::Detour(index) => story.detours.get(index).map(leg_value),
            FeatureRef::Other(index) => story.other_features.get(index).cloned(),
        })
        .collect();

    let mut root = Extra::new();
    root.insert("type".into(), json!("FeatureCollection"));
    root.insert("story".into(), Value::Object(member));
    root.extend(story.extra.clone());
    root.insert("features".into(), Value::Array(features));
    Value::Object(root)
}

fn insert_some(object: &mut Extra, key: &str, value: Option<&String>) {
    if let Some(value) = value {
        object.insert(key.to_owned(), json!(value));
    }
}

/// Whole numbers are written without a fraction, as people write them.
fn number_value(value: f64) -> Value {
    const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0; // 2^53
    if value.fract() == 0.0 && value.abs() < EXACT_INTEGERS {
        // Exact: the value is a whole number that fits an i64.
        #[expect(
            clippy::cast_possible_truncation,
            reason = "checked to be whole and in range"
        )]
        let whole = value as i64;
        json!(whole)
    } else {
        json!(value)
    }
}

fn position_value(position: LonLat) -> Value {
    json!([position.lon, position.lat])
}

fn reported_time_value(time: &ReportedTime) -> Value {
    let mut value = Extra::new();
    value.insert("time".into(), json!(time.time.to_rfc3339()));
    value.insert("source".into(), json!(time.source));
    value.insert("approximate".into(), json!(time.approximate));
    insert_some(&mut value, "note", time.note.as_ref());
    value.extend(time.extra.clone());
    Value::Object(value)
}

fn feature(
    feature_id: Option<&Value>,
    geometry: Value,
    properties: Extra,
    feature_extra: &Extra,
) -> Value {
    let mut object = Extra::new();
    object.insert("type".into(), json!("Feature"));
    if let Some(id) = feature_id {
        object.insert("id".into(), id.clone());
    }
    object.insert("geometry".into(), geometry);
    object.insert("properties".into(), Value::Object(properties));
    object.extend(feature_extra.clone());
    Value::Object(object)
}

fn place_value(place: &Place) -> Value {
    let mut properties = Extra::new();
    properties.insert("id".into(), json!(place.id));
    properties.insert("name".into(), json!(place.name));
    properties.insert("role".into(), json!(place.role.as_str()));
    if let Some(status) = place.status {
        properties.insert("status".into(), json!(status.as_str()));
    }
    insert_some(&mut properties, "country", place.country.as_ref());
    if let Some(offset) = place.utc_offset {
        properties.insert("utc_offset".into(), json!(format_utc_offset(offset)));
    }
    insert_some(
        &mut properties,
        "coordinate_source",
        place.coordinate_source.as_ref(),
    );
    insert_some(
        &mut properties,
        "coordinate_quality",
        place.coordinate_quality.as_ref(),
    );
    if let Some(time) = &place.reported_arrival {
        properties.insert("reported_arrival".into(), reported_time_value(time));
    }
    if let Some(time) = &place.reported_departure {
        properties.insert("reported_departure".into(), reported_time_value(time));
    }
    if let Some(dwell) = place.dwell_secs {
        properties.insert("dwell_secs".into(), number_value(dwell));
    }
    insert_some(&mut properties, "dwell_source", place.dwell_source.as_ref());
    insert_some(&mut properties, "note", place.note.as_ref());
    if !place.excerpts.is_empty() {
        properties.insert("excerpts".into(), json!(place.excerpts));
    }
    properties.extend(place.extra.clone());
    let geometry = json!({"type": "Point", "coordinates": position_value(place.position)});
    feature(
        place.feature_id.as_ref(),
        geometry,
        properties,
        &place.feature_extra,
    )
}

fn leg_value(leg: &Leg) -> Value {
    let mut properties = Extra::new();
    properties.insert("from".into(), json!(leg.from));
    properties.insert("to".into(), json!(leg.to));
    if let Some(rail) = &leg.rail_distance {
        properties.insert("rail_distance_km".into(), number_value(rail.distance.km()));
        properties.insert("rail_distance_source".into(), json!(rail.source));
    }
    insert_some(
        &mut properties,
        "rail_distance_note",
        leg.rail_distance_note.as_ref(),
    );
    if let Some(crossing) = &leg.border_crossing {
        let mut value = Extra::new();
        value.insert("lon_lat".into(), position_value(crossing.position));
        insert_some(&mut value, "name", crossing.name.as_ref());
        insert_some(&mut value, "source", crossing.source.as_ref());
        value.extend(crossing.extra.clone());
        properties.insert("border_crossing".into(), Value::Object(value));
    }
    if leg.detour {
        properties.insert("detour".into(), json!(true));
    }
    properties.extend(leg.extra.clone());
    let coordinates: Vec<Value> = leg.geometry.iter().copied().map(position_value).collect();
    let geometry = json!({"type": "LineString", "coordinates": coordinates});
    feature(
        leg.feature_id.as_ref(),
        geometry,
        properties,
        &leg.feature_extra,
    )
}
