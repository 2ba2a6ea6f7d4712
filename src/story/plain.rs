//! Plain GeoJSON (an export from uMap or geojson.io, say) opened as a story: points become
//! places in file order, line strings the drawn route, polygons areas. What a story would have
//! and the file lacks is a warning, never a silent default.
//!
//! Geometry of every type is read: the parts of a MultiPoint, MultiLineString or
//! GeometryCollection (nested ones walked) join in file order, as if they were features of
//! their own. The route:
//! - two or more points: the places in file order, joined along the lines (cut at the vertex
//!   nearest each place) or, without lines, by straight lines; a point whose `role` property
//!   is "waypoint" stays off the route (while two others remain to join);
//! - one point and a line, or no point and a line: the line's ends are the start and the end
//!   (a point at one of them is that end); a point elsewhere is a place off the route;
//! - one point and no line: one place, the origin, and no legs (no route to follow);
//! - only polygons: areas and no places.
//!
//! A file with no point, line or polygon is an error ("nothing to show"). Polygon and
//! MultiPolygon features stay in `other_features` as they were read, so a save writes them
//! back unchanged; a polygon inside a GeometryCollection is written back as a feature of its
//! own with the collection's properties, since the collection's points and lines become
//! places and legs.

use super::fields::{At, Report, kind_of};
use super::geometry::{FeatureParts, Shape, area_name, feature_parts, parse_shape};
use super::{Area, Extra, FeatureRef, Leg, LonLat, Place, Role, Story, StoryKind, StoryMeta};
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

    let mut found = Found::default();
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
            found.keep(feature.clone());
            continue;
        };
        match parse_shape(geometry, &parts.at, report) {
            Some(Shape::Collection(members)) if members.is_empty() => {
                report.warning(
                    &parts.at.with_prefix(""),
                    "geometry",
                    "an empty GeometryCollection: kept, not shown",
                );
                found.keep(feature.clone());
            }
            Some(shape) => found.add(shape, geometry, Some(feature), &parts),
            None => {}
        }
    }
    let Found {
        mut places,
        route,
        areas,
        other_features,
        mut feature_order,
        mut used_ids,
    } = found;

    // Which places the route passes, in travel order; the others are off the route.
    let lone_point = match places.as_slice() {
        [place] => Some((place.position, place.name.clone())),
        _ => None,
    };
    let route_order: Vec<usize> = match (places.len(), lone_point, route.first(), route.last()) {
        (0, _, Some(&first), Some(&last)) => {
            report.warning(
                &top,
                "features",
                "no points: the line's ends are used as the start and the end",
            );
            let mut order = vec![push_line_end(
                &mut places,
                &mut feature_order,
                &mut used_ids,
                "Start",
                first,
            )];
            if route.len() >= 2 {
                order.push(push_line_end(
                    &mut places,
                    &mut feature_order,
                    &mut used_ids,
                    "End",
                    last,
                ));
            }
            order
        }
        (1, Some((point, name)), Some(&first), Some(&last)) if route.len() >= 2 => {
            let start = if point == first {
                0
            } else {
                push_line_end(
                    &mut places,
                    &mut feature_order,
                    &mut used_ids,
                    "Start",
                    first,
                )
            };
            let end = if point == last && start != 0 {
                0
            } else {
                push_line_end(&mut places, &mut feature_order, &mut used_ids, "End", last)
            };
            let what = if start == 0 || end == 0 {
                format!("{name:?} is at one of them")
            } else {
                format!("{name:?} is shown off the route")
            };
            report.warning(
                &top,
                "features",
                format!("one point and a line: the line's ends are the start and the end; {what}"),
            );
            vec![start, end]
        }
        (1, _, _, _) => {
            report.warning(
                &top,
                "features",
                "one place and no line: no route to follow",
            );
            vec![0]
        }
        (0, _, _, _) if !areas.is_empty() => {
            report.warning(
                &top,
                "features",
                "no points and no line: the areas are shown, there is no route to follow",
            );
            Vec::new()
        }
        (0, _, _, _) => {
            // Features that could not be read already say why; "nothing" would mislead.
            if !report.has_errors() {
                let count = features.len();
                report.error(
                    &top,
                    "features",
                    format!(
                        "nothing to show: no Point, LineString or Polygon in {count} feature(s)"
                    ),
                );
            }
            return None;
        }
        // A point whose `role` property says "waypoint" (as storyroute's GPX and KML exports
        // write) stays off the route, unless that leaves fewer than two to join.
        (count, _, _, _) => {
            let on_route: Vec<usize> = (0..count)
                .filter(|&index| {
                    places.get(index).is_some_and(|place| {
                        place.extra.get("role").and_then(Value::as_str) != Some("waypoint")
                    })
                })
                .collect();
            if on_route.len() >= 2 {
                on_route
            } else {
                (0..count).collect()
            }
        }
    };
    for place in &mut places {
        place.role = Role::Waypoint;
    }
    let last = route_order.len().saturating_sub(1);
    for (step, &index) in route_order.iter().enumerate() {
        if let Some(place) = places.get_mut(index) {
            place.role = match step {
                0 => Role::Origin,
                i if i == last => Role::Destination,
                _ => Role::Stop,
            };
        }
    }

    let legs = plain_legs(&places, &route_order, &route, report);
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
        areas,
        other_features,
        feature_order,
        extra,
    })
}

/// What the features hold, gathered in file order.
#[derive(Default)]
struct Found {
    places: Vec<Place>,
    /// Every line, joined in file order (repeated vertices where lines meet dropped).
    route: Vec<LonLat>,
    areas: Vec<Area>,
    other_features: Vec<Value>,
    feature_order: Vec<FeatureRef>,
    used_ids: HashSet<String>,
}

impl Found {
    /// Keep a feature that is written back as it was; its index in `other_features`.
    fn keep(&mut self, feature: Value) -> usize {
        let index = self.other_features.len();
        self.feature_order.push(FeatureRef::Other(index));
        self.other_features.push(feature);
        index
    }

    /// Take in a shape read from `geometry`. `feature` is the whole feature when the shape is
    /// its geometry, `None` for a member of a GeometryCollection.
    fn add(
        &mut self,
        shape: Shape,
        geometry: &Extra,
        feature: Option<&Value>,
        parts: &FeatureParts<'_>,
    ) {
        match shape {
            Shape::Point(position) => self.add_place(parts, position, feature.is_some()),
            // Each point of a MultiPoint becomes a place; the feature is rewritten as Points.
            Shape::Points(positions) => {
                for position in positions {
                    self.add_place(parts, position, false);
                }
            }
            Shape::Line(points) => append_line(&mut self.route, points),
            Shape::Lines(lines) => {
                for points in lines {
                    append_line(&mut self.route, points);
                }
            }
            Shape::Polygons(polygons) => {
                // A polygon that is a collection's member is written back as a feature of
                // its own, with the collection's properties.
                let kept = feature.cloned().unwrap_or_else(|| {
                    let mut own = Extra::new();
                    own.insert("type".to_owned(), Value::from("Feature"));
                    own.insert("geometry".to_owned(), Value::Object(geometry.clone()));
                    own.insert(
                        "properties".to_owned(),
                        Value::Object(parts.properties.clone()),
                    );
                    Value::Object(own)
                });
                let index = self.keep(kept);
                self.areas.push(Area {
                    name: area_name(&parts.properties),
                    polygons,
                    feature: index,
                });
            }
            Shape::Collection(members) => {
                // `parse_shape` read the members in the order of `geometries`, one shape each.
                let raw = geometry
                    .get("geometries")
                    .and_then(Value::as_array)
                    .map_or(&[][..], Vec::as_slice);
                for (member, raw) in members.into_iter().zip(raw) {
                    if let Value::Object(raw) = raw {
                        self.add(member, raw, None, parts);
                    }
                }
            }
        }
    }

    /// A place at `position`; `whole` when it is the feature's only point, so the feature's
    /// id goes with it (one id, one place).
    fn add_place(&mut self, parts: &FeatureParts<'_>, position: LonLat, whole: bool) {
        self.feature_order
            .push(FeatureRef::Place(self.places.len()));
        let mut place = plain_place(parts, position, self.places.len(), &mut self.used_ids);
        if whole {
            place.feature_id.clone_from(&parts.feature_id);
        }
        self.places.push(place);
    }
}

/// Add a place at an end of the line; its index in `places`.
fn push_line_end(
    places: &mut Vec<Place>,
    feature_order: &mut Vec<FeatureRef>,
    used_ids: &mut HashSet<String>,
    name: &str,
    position: LonLat,
) -> usize {
    let mut id = name.to_ascii_lowercase();
    let mut n = 2;
    while used_ids.contains(&id) {
        id = format!("{}-{n}", name.to_ascii_lowercase());
        n += 1;
    }
    used_ids.insert(id.clone());
    let index = places.len();
    feature_order.push(FeatureRef::Place(index));
    places.push(Place::new(id, name.to_owned(), position));
    index
}

fn append_line(route: &mut Vec<LonLat>, points: Vec<LonLat>) {
    for point in points {
        if route.last() != Some(&point) {
            route.push(point);
        }
    }
}

/// A place from a point of `parts`, without the feature's id (see [`Found::add_place`]).
fn plain_place(
    parts: &FeatureParts<'_>,
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
    let mut place = Place::new(id, name, position);
    place.feature_extra.clone_from(&parts.feature_extra);
    place.extra = parts
        .properties
        .iter()
        .filter(|(key, _)| *key != "name" && *key != "id")
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    place
}

/// Legs between consecutive places of `route_order` (indices into `places`), cut from the
/// route line where it passes them.
fn plain_legs(
    places: &[Place],
    route_order: &[usize],
    route: &[LonLat],
    report: &mut Report,
) -> Vec<Leg> {
    let top = At::default();
    let stops: Vec<&Place> = route_order
        .iter()
        .filter_map(|&index| places.get(index))
        .collect();
    if stops.len() < 2 {
        return Vec::new();
    }
    let cuts: Option<Vec<usize>> = (route.len() >= 2).then(|| {
        stops
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
    stops
        .windows(2)
        .enumerate()
        .filter_map(|(index, pair)| {
            let [from, to] = pair else { return None };
            let mut geometry = match (&cuts, usable) {
                (Some(cuts), true) => {
                    let (start, end) = (*cuts.get(index)?, *cuts.get(index + 1)?);
                    route.get(start..=end)?.to_vec()
                }
                _ => Vec::new(),
            };
            if geometry.first() != Some(&from.position) {
                geometry.insert(0, from.position);
            }
            if geometry.last() != Some(&to.position) {
                geometry.push(to.position);
            }
            Some(Leg::new(from.id.clone(), to.id.clone(), geometry))
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

#[cfg(test)]
#[path = "plain_tests.rs"]
mod plain_tests;
