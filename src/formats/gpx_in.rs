//! GPX 1.0 and 1.1, read with the `gpx` crate, as plain GeoJSON: each waypoint a Point
//! (properties `name`, `note` from `desc`, `time`, `comment`, `symbol`, `type`,
//! `elevation_m`; a `type` that is a story role, as storyroute's export writes, becomes
//! `role`), each route and each track segment a LineString, in the order GPX keeps them
//! (routes before tracks). The title is the metadata's name, else the first track's or
//! route's.

use crate::story::Role;
use serde_json::{Map, Value, json};

/// Elements of the GPX schemas that the `gpx` crate (0.10) refuses as "invalid child
/// element", though valid: `magvar` (1.0 and 1.1) and `course` (1.0) in a point, and GPX
/// 1.0's `url` and `urlname` below the root (in points, routes and tracks). storyroute
/// keeps none of them, so they are dropped before the crate reads the file.
const UNREAD_ELEMENTS: [&[u8]; 2] = [b"magvar", b"course"];
const UNREAD_BELOW_ROOT: [&[u8]; 2] = [b"url", b"urlname"];

/// `bytes` with the [`UNREAD_ELEMENTS`] (anywhere) and [`UNREAD_BELOW_ROOT`] (deeper than
/// the root's children) left out, rewritten event by event with quick-xml; `None` if the
/// XML cannot be read (the gpx crate then reports the file itself).
fn without_unread_elements(bytes: &[u8]) -> Option<Vec<u8>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(bytes.len()));
    let mut buffer = Vec::new();
    let mut depth = 0_usize;
    // While inside a dropped element: the depth it opened at.
    let mut skipping: Option<usize> = None;
    loop {
        let event = reader.read_event_into(&mut buffer).ok()?;
        let dropped = |name: &[u8], depth: usize| {
            UNREAD_ELEMENTS.contains(&name) || (depth >= 2 && UNREAD_BELOW_ROOT.contains(&name))
        };
        match &event {
            Event::Eof => break,
            Event::Start(element) => {
                depth += 1;
                if skipping.is_none() && dropped(element.local_name().as_ref(), depth) {
                    skipping = Some(depth);
                }
            }
            Event::End(_) => {
                let closing = depth;
                depth = depth.saturating_sub(1);
                if skipping == Some(closing) {
                    skipping = None;
                    buffer.clear();
                    continue;
                }
            }
            Event::Empty(element)
                if skipping.is_none() && dropped(element.local_name().as_ref(), depth + 1) =>
            {
                buffer.clear();
                continue;
            }
            _ => {}
        }
        if skipping.is_none() {
            writer.write_event(event).ok()?;
        }
        buffer.clear();
    }
    Some(writer.into_inner())
}

/// The GPX `bytes` as a plain GeoJSON FeatureCollection, or why they are not GPX.
pub(crate) fn gpx_to_geojson(bytes: &[u8]) -> Result<Value, String> {
    check_root(bytes)?;
    // What the gpx crate does not read is left out first; if that cannot be done, the
    // crate's own error on the file as it is says why.
    let filtered = without_unread_elements(bytes);
    let gpx = gpx::read(filtered.as_deref().unwrap_or(bytes))
        .map_err(|error| format!("not a readable GPX file: {}", chain(&error)))?;
    let mut features = Vec::new();
    for waypoint in &gpx.waypoints {
        features.push(point_feature(waypoint)?);
    }
    for route in &gpx.routes {
        push_line(&mut features, &route.points, route.name.as_deref(), "rte")?;
    }
    for track in &gpx.tracks {
        for segment in &track.segments {
            push_line(
                &mut features,
                &segment.points,
                track.name.as_deref(),
                "trkseg",
            )?;
        }
    }
    if features.is_empty() {
        return Err("nothing to show: the GPX file has no waypoint, route or track".to_owned());
    }
    let title = gpx
        .metadata
        .as_ref()
        .and_then(|metadata| metadata.name.clone())
        .or_else(|| gpx.tracks.iter().find_map(|track| track.name.clone()))
        .or_else(|| gpx.routes.iter().find_map(|route| route.name.clone()));
    let mut root = Map::new();
    root.insert("type".into(), json!("FeatureCollection"));
    if let Some(title) = title.filter(|title| !title.trim().is_empty()) {
        root.insert("name".into(), json!(title));
    }
    root.insert("features".into(), Value::Array(features));
    Ok(Value::Object(root))
}

/// The root element must be `<gpx>`: the `gpx` crate says little about a file that is not.
fn check_root(bytes: &[u8]) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    loop {
        match reader.read_event() {
            Ok(
                quick_xml::events::Event::Start(element) | quick_xml::events::Event::Empty(element),
            ) => {
                let name = String::from_utf8_lossy(element.local_name().as_ref()).into_owned();
                return if name == "gpx" {
                    Ok(())
                } else {
                    Err(format!("not GPX: the root element is <{name}>, not <gpx>"))
                };
            }
            Ok(quick_xml::events::Event::Eof) => {
                return Err("not GPX: the file has no XML element".to_owned());
            }
            Ok(_) => {}
            Err(error) => {
                let line = super::kml_in::line_at(bytes, reader.error_position());
                return Err(format!("not well-formed XML at line {line}: {error}"));
            }
        }
    }
}

/// An error and its causes, "a: b: c" (the `gpx` crate's XML errors say where in their cause).
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn position(waypoint: &gpx::Waypoint, element: &str) -> Result<[f64; 2], String> {
    let point = waypoint.point();
    let (lon, lat) = (point.x(), point.y());
    if lon.is_finite()
        && lat.is_finite()
        && (-180.0..=180.0).contains(&lon)
        && (-90.0..=90.0).contains(&lat)
    {
        Ok([lon, lat])
    } else {
        Err(format!(
            "<{element}> lon={lon} lat={lat}: not a position on Earth"
        ))
    }
}

fn point_feature(waypoint: &gpx::Waypoint) -> Result<Value, String> {
    let mut properties = Map::new();
    let mut text = |key: &str, value: Option<&String>| {
        if let Some(value) = value.filter(|value| !value.trim().is_empty()) {
            properties.insert(key.to_owned(), json!(value));
        }
    };
    text("name", waypoint.name.as_ref());
    text("note", waypoint.description.as_ref());
    text("comment", waypoint.comment.as_ref());
    text("symbol", waypoint.symbol.as_ref());
    match waypoint.type_.as_deref().and_then(Role::parse) {
        Some(role) => {
            properties.insert("role".into(), json!(role.as_str()));
        }
        None => text("type", waypoint.type_.as_ref()),
    }
    if let Some(time) = waypoint.time.as_ref().and_then(|time| time.format().ok()) {
        properties.insert("time".into(), json!(time));
    }
    if let Some(elevation) = waypoint.elevation.filter(|value| value.is_finite()) {
        properties.insert("elevation_m".into(), json!(elevation));
    }
    Ok(json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": position(waypoint, "wpt")?},
        "properties": properties,
    }))
}

fn push_line(
    features: &mut Vec<Value>,
    points: &[gpx::Waypoint],
    name: Option<&str>,
    element: &str,
) -> Result<(), String> {
    let coordinates = points
        .iter()
        .map(|point| position(point, element))
        .collect::<Result<Vec<_>, _>>()?;
    match coordinates.len() {
        0 => {}
        // One point is not a line; it still says where the track was.
        1 => features.push(json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": coordinates[0]},
            "properties": {"name": name.unwrap_or(element)},
        })),
        _ => features.push(json!({
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": coordinates},
            "properties": {"name": name},
        })),
    }
    Ok(())
}
