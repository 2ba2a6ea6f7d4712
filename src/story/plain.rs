//! Plain GeoJSON (an export from uMap or geojson.io, say) opened as a story: points become
//! places in file order, line strings the drawn route. What a story would have and the file
//! lacks is a warning, never a silent default.

use super::fields::{At, Report, kind_of};
use super::parse::{FeatureParts, Shape, feature_parts, parse_shape};
use super::{Extra, FeatureRef, Leg, LonLat, Place, Role, Story, StoryKind, StoryMeta};
use serde_json::Value;
use std::collections::HashSet;

/// Read `root` (a FeatureCollection without `story`, a Feature or a geometry) as a story.
pub(crate) fn parse_plain(root: &Extra, file: &str, report: &mut Report) -> Option<Story> {
    let top = At::default();
    let kind = root.get("type").and_then(Value::as_str).unwrap_or_default();
    let owned_features: Vec<Value>;
    let features: &[Value] = match kind {
        "FeatureCollection" => match root.get("features") {
            Some(Value::Array(features)) => features,
            Some(other) => {
                report.error(
                    &top,
                    "features",
                    format!("expected an array, found {}", kind_of(other)),
                );
                return None;
            }
            None => {
                report.error(&top, "features", "missing (required)");
                return None;
            }
        },
        "Feature" => {
            owned_features = vec![Value::Object(root.clone())];
            &owned_features
        }
        "Point" | "MultiPoint" | "LineString" | "MultiLineString" | "Polygon" | "MultiPolygon"
        | "GeometryCollection" => {
            let mut feature = Extra::new();
            feature.insert("type".to_owned(), Value::from("Feature"));
            feature.insert("geometry".to_owned(), Value::Object(root.clone()));
            feature.insert("properties".to_owned(), Value::Null);
            owned_features = vec![Value::Object(feature)];
            &owned_features
        }
        other => {
            report.error(&top, "type", format!("{other:?} is not a GeoJSON type"));
            return None;
        }
    };

    let mut places: Vec<Place> = Vec::new();
    let mut route: Vec<LonLat> = Vec::new();
    let mut other_features = Vec::new();
    let mut feature_order = Vec::new();
    let mut used_ids = HashSet::new();
    for (index, feature) in features.iter().enumerate() {
        let Some(parts) = feature_parts(index, feature, report) else {
            continue;
        };
        let Some(geometry) = parts.geometry else {
            report.warning(
                &parts.at.with_prefix(""),
                "geometry",
                "no geometry: kept, not shown",
            );
            feature_order.push(FeatureRef::Other(other_features.len()));
            other_features.push(feature.clone());
            continue;
        };
        match parse_shape(geometry, &parts.at, report) {
            Some(Shape::Point(position)) => {
                feature_order.push(FeatureRef::Place(places.len()));
                let place = plain_place(parts, position, places.len(), &mut used_ids);
                places.push(place);
            }
            Some(Shape::Points(positions)) => {
                // Each point of a MultiPoint becomes a place; the feature is rewritten as Points.
                for position in positions {
                    feature_order.push(FeatureRef::Place(places.len()));
                    let parts = FeatureParts {
                        properties: parts.properties.clone(),
                        geometry: None,
                        feature_id: None,
                        feature_extra: parts.feature_extra.clone(),
                        at: parts.at.clone(),
                    };
                    let place = plain_place(parts, position, places.len(), &mut used_ids);
                    places.push(place);
                }
            }
            Some(Shape::Line(points)) => append_line(&mut route, points),
            Some(Shape::Lines(lines)) => {
                for points in lines {
                    append_line(&mut route, points);
                }
            }
            Some(Shape::Other(kind)) => {
                report.warning(
                    &parts.at.with_prefix(""),
                    "geometry",
                    format!("a {kind} is neither a place nor a route: kept, not shown"),
                );
                feature_order.push(FeatureRef::Other(other_features.len()));
                other_features.push(feature.clone());
            }
            None => {}
        }
    }

    if places.is_empty() && route.len() >= 2 {
        report.warning(
            &top,
            "features",
            "no points: the line's ends are used as the start and the end",
        );
        for (name, position) in [("Start", route[0]), ("End", route[route.len() - 1])] {
            let id = name.to_ascii_lowercase();
            used_ids.insert(id.clone());
            feature_order.push(FeatureRef::Place(places.len()));
            places.push(new_place(id, name.to_owned(), position));
        }
    }
    if places.len() < 2 {
        report.error(
            &top,
            "features",
            format!(
                "nothing to follow: found {} point(s) and no line; a route needs at least two points or a line",
                places.len()
            ),
        );
        return None;
    }
    let last = places.len() - 1;
    for (index, place) in places.iter_mut().enumerate() {
        place.role = match index {
            0 => Role::Origin,
            i if i == last => Role::Destination,
            _ => Role::Stop,
        };
    }

    let legs = plain_legs(&places, &route, report);
    let line_count = legs.len();
    // The legs take the place of the file's line strings; the order of places is kept.
    feature_order.extend((0..line_count).map(FeatureRef::Leg));

    let title = ["title", "name"]
        .iter()
        .find_map(|key| root.get(*key).and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_else(|| {
            report.warning(
                &top,
                "story",
                "no story metadata: the file name is used as the title",
            );
            std::path::Path::new(file).file_stem().map_or_else(
                || file.to_owned(),
                |stem| stem.to_string_lossy().into_owned(),
            )
        });
    report.warning(
        &top,
        "story.default_speed",
        format!("no speed given: {} km/h is assumed", StoryMeta::ASSUMED_KMH),
    );
    report.warning(&top, "story.article", "no article: places have no excerpts");
    let extra = root
        .iter()
        .filter(|(key, _)| {
            !["type", "features", "story", "geometry", "properties"].contains(&key.as_str())
        })
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    Some(Story {
        kind: StoryKind::PlainGeoJson,
        meta: StoryMeta::untold(title, "assumed: the file gives no speed"),
        places,
        legs,
        detours: Vec::new(),
        areas: Vec::new(),
        other_features,
        feature_order,
        extra,
    })
}

fn append_line(route: &mut Vec<LonLat>, points: Vec<LonLat>) {
    for point in points {
        if route.last() != Some(&point) {
            route.push(point);
        }
    }
}

fn new_place(id: String, name: String, position: LonLat) -> Place {
    Place {
        id,
        name,
        role: Role::Stop,
        status: None,
        country: None,
        position,
        utc_offset: None,
        coordinate_source: None,
        coordinate_quality: None,
        reported_arrival: None,
        reported_departure: None,
        dwell_secs: None,
        dwell_source: None,
        note: None,
        excerpts: Vec::new(),
        feature_id: None,
        extra: Extra::new(),
        feature_extra: Extra::new(),
    }
}

fn plain_place(
    parts: FeatureParts<'_>,
    position: LonLat,
    index: usize,
    used_ids: &mut HashSet<String>,
) -> Place {
    let text = |key: &str| match parts.properties.get(key) {
        Some(Value::String(text)) if !text.trim().is_empty() => Some(text.clone()),
        Some(Value::Number(number)) => Some(number.to_string()),
        _ => None,
    };
    let name = text("name")
        .or_else(|| text("title"))
        .unwrap_or_else(|| format!("Place {}", index + 1));
    let wanted_id = text("id").filter(|id| !used_ids.contains(id));
    let id = wanted_id.unwrap_or_else(|| {
        let mut n = index + 1;
        while used_ids.contains(&format!("place-{n}")) {
            n += 1;
        }
        format!("place-{n}")
    });
    used_ids.insert(id.clone());
    let mut place = new_place(id, name, position);
    place.feature_id = parts.feature_id;
    place.feature_extra = parts.feature_extra;
    place.extra = parts
        .properties
        .into_iter()
        .filter(|(key, _)| key != "name" && key != "id")
        .collect();
    place
}

/// Legs between consecutive places, cut from the route line where it passes them.
fn plain_legs(places: &[Place], route: &[LonLat], report: &mut Report) -> Vec<Leg> {
    let top = At::default();
    let cuts: Option<Vec<usize>> = (route.len() >= 2).then(|| {
        places
            .iter()
            .map(|place| nearest_vertex(route, place.position))
            .collect()
    });
    let usable = cuts
        .as_ref()
        .is_some_and(|cuts| cuts.windows(2).all(|pair| pair[0] < pair[1]));
    if route.len() < 2 {
        report.warning(
            &top,
            "features",
            "no line: places are joined by straight lines",
        );
    } else if !usable {
        report.warning(
            &top,
            "features",
            "the line does not pass the points in file order: places are joined by straight lines",
        );
    }
    places
        .windows(2)
        .enumerate()
        .filter_map(|(index, pair)| {
            let [from, to] = pair else { return None };
            let mut geometry = match (&cuts, usable) {
                (Some(cuts), true) => route[cuts[index]..=cuts[index + 1]].to_vec(),
                _ => Vec::new(),
            };
            if geometry.first() != Some(&from.position) {
                geometry.insert(0, from.position);
            }
            if geometry.last() != Some(&to.position) {
                geometry.push(to.position);
            }
            Some(Leg {
                from: from.id.clone(),
                to: to.id.clone(),
                geometry,
                rail_distance: None,
                rail_distance_note: None,
                border_crossing: None,
                detour: false,
                feature_id: None,
                extra: Extra::new(),
                feature_extra: Extra::new(),
            })
        })
        .collect()
}

fn nearest_vertex(route: &[LonLat], position: LonLat) -> usize {
    route
        .iter()
        .enumerate()
        .min_by(|(_, a), (_, b)| {
            let da = (a.lon - position.lon).powi(2) + (a.lat - position.lat).powi(2);
            let db = (b.lon - position.lon).powi(2) + (b.lat - position.lat).powi(2);
            da.total_cmp(&db)
        })
        .map_or(0, |(index, _)| index)
}
