//! Reading a feature's parts and its geometry, of every GeoJSON type, with each bad
//! coordinate reported by its path (`geometry.geometries[2].coordinates[0][3]`): shared by
//! the story reader (`parse`) and plain GeoJSON (`plain`), which import it and not each other.
//!
//! Invariants: a position is finite and in range, or reported; a ring is closed and of at
//! least four positions, or reported; nothing here panics on any JSON.

use super::fields::{At, Report, check_position, kind_of};
use super::{Extra, LonLat};
use serde_json::Value;

/// The parts of a feature object every reader needs.
pub(crate) struct FeatureParts<'a> {
    pub properties: Extra,
    pub geometry: Option<&'a Extra>,
    pub feature_id: Option<Value>,
    pub feature_extra: Extra,
    pub at: At,
}

/// Split a feature into its parts, or report why it is not a feature.
pub(crate) fn feature_parts<'a>(
    index: usize,
    feature: &'a Value,
    report: &mut Report,
) -> Option<FeatureParts<'a>> {
    let Value::Object(object) = feature else {
        report.error(
            &At::feature(index, None).with_prefix(""),
            "",
            format!("expected a Feature object, found {}", kind_of(feature)),
        );
        return None;
    };
    let properties = match object.get("properties") {
        Some(Value::Object(properties)) => properties.clone(),
        Some(Value::Null) | None => Extra::new(),
        Some(other) => {
            report.error(
                &At::feature(index, None).with_prefix(""),
                "properties",
                format!("expected an object, found {}", kind_of(other)),
            );
            Extra::new()
        }
    };
    let feature_id = object.get("id").cloned();
    let id_for_messages = match properties.get("id") {
        Some(Value::String(id)) => Some(id.clone()),
        Some(Value::Number(id)) => Some(id.to_string()),
        _ => match &feature_id {
            Some(Value::String(id)) => Some(id.clone()),
            Some(Value::Number(id)) => Some(id.to_string()),
            _ => None,
        },
    };
    let at = At::feature(index, id_for_messages);
    match object.get("type") {
        Some(Value::String(kind)) if kind == "Feature" => {}
        Some(other) => {
            report.error(
                &at.with_prefix(""),
                "type",
                format!("expected \"Feature\", found {other}"),
            );
            return None;
        }
        None => {
            report.error(
                &at.with_prefix(""),
                "type",
                "missing: not a GeoJSON Feature",
            );
            return None;
        }
    }
    let geometry = match object.get("geometry") {
        Some(Value::Object(geometry)) => Some(geometry),
        Some(Value::Null) | None => None,
        Some(other) => {
            report.error(
                &at.with_prefix(""),
                "geometry",
                format!("expected an object or null, found {}", kind_of(other)),
            );
            return None;
        }
    };
    let feature_extra = object
        .iter()
        .filter(|(key, _)| !["type", "geometry", "properties", "id"].contains(&key.as_str()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    Some(FeatureParts {
        properties,
        geometry,
        feature_id,
        feature_extra,
        at,
    })
}

/// A geometry's type and its coordinates, checked.
pub(crate) enum Shape {
    Point(LonLat),
    Line(Vec<LonLat>),
    Lines(Vec<Vec<LonLat>>),
    Points(Vec<LonLat>),
    /// A `Polygon` (one) or a `MultiPolygon` (several): each an outer ring then its holes,
    /// every ring closed and of at least four positions.
    Polygons(Vec<Vec<Vec<LonLat>>>),
    /// A `GeometryCollection`: one shape per member of `geometries`, in the same order.
    Collection(Vec<Shape>),
}

/// Read a geometry object's coordinates, reporting bad ones with their path (e.g.
/// `geometry.geometries[2].coordinates[0][3]`).
///
/// Polygon rings must be closed (last position equal to the first) and hold at least four
/// positions, as RFC 7946 §3.1.6 requires: an unclosed ring is an error naming the ring, not
/// silently closed, because a missing closing position often means a truncated file.
/// Members of a `GeometryCollection` are read in order, nested collections included; one bad
/// member makes the whole collection fail, after every member has been checked.
pub(crate) fn parse_shape(geometry: &Extra, at: &At, report: &mut Report) -> Option<Shape> {
    read_shape(geometry, &at.with_prefix("geometry"), report)
}

/// [`parse_shape`] with `at` already pointing at the geometry object.
fn read_shape(geometry: &Extra, at: &At, report: &mut Report) -> Option<Shape> {
    let kind = match geometry.get("type") {
        Some(Value::String(kind)) => kind.as_str(),
        _ => {
            report.error(at, "type", "missing or not text");
            return None;
        }
    };
    if kind == "GeometryCollection" {
        return read_collection(geometry, at, report);
    }
    let Some(coordinates) = geometry.get("coordinates") else {
        if is_geometry_type(kind) {
            report.error(at, "coordinates", "missing (required)");
        } else {
            report.error(
                at,
                "type",
                format!("{kind:?} is not a GeoJSON geometry type"),
            );
        }
        return None;
    };
    let coords = Coordinates { at, report };
    coords.shape(kind, coordinates)
}

fn is_geometry_type(kind: &str) -> bool {
    [
        "Point",
        "MultiPoint",
        "LineString",
        "MultiLineString",
        "Polygon",
        "MultiPolygon",
        "GeometryCollection",
    ]
    .contains(&kind)
}

fn read_collection(geometry: &Extra, at: &At, report: &mut Report) -> Option<Shape> {
    let members = match geometry.get("geometries") {
        Some(Value::Array(members)) => members,
        Some(other) => {
            report.error(
                at,
                "geometries",
                format!("expected an array, found {}", kind_of(other)),
            );
            return None;
        }
        None => {
            report.error(at, "geometries", "missing (required)");
            return None;
        }
    };
    let mut shapes = Vec::with_capacity(members.len());
    let mut ok = true;
    for (index, member) in members.iter().enumerate() {
        let member_at = at.with_prefix(&join_path(&at.prefix, &format!("geometries[{index}]")));
        let Value::Object(member) = member else {
            report.error(
                &member_at,
                "",
                format!("expected a geometry object, found {}", kind_of(member)),
            );
            ok = false;
            continue;
        };
        match read_shape(member, &member_at, report) {
            Some(shape) => shapes.push(shape),
            None => ok = false,
        }
    }
    ok.then_some(Shape::Collection(shapes))
}

fn join_path(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Reads the `coordinates` of one geometry, reporting into `report` at `at`.
struct Coordinates<'a> {
    at: &'a At,
    report: &'a mut Report,
}

impl Coordinates<'_> {
    fn shape(mut self, kind: &str, coordinates: &Value) -> Option<Shape> {
        let path = "coordinates";
        match kind {
            "Point" => self.position(coordinates, path).map(Shape::Point),
            "LineString" => self.line_string(coordinates, path).map(Shape::Line),
            "MultiPoint" => self.positions(coordinates, path).map(Shape::Points),
            "MultiLineString" => self
                .each(coordinates, path, |this, part, path| {
                    this.line_string(part, path)
                })
                .map(Shape::Lines),
            "Polygon" => self
                .polygon(coordinates, path)
                .map(|polygon| Shape::Polygons(vec![polygon])),
            "MultiPolygon" => {
                let polygons = self.each(coordinates, path, |this, part, path| {
                    this.polygon(part, path)
                })?;
                if polygons.is_empty() {
                    self.report
                        .error(self.at, path, "a MultiPolygon needs at least one polygon");
                    return None;
                }
                Some(Shape::Polygons(polygons))
            }
            other => {
                self.report.error(
                    self.at,
                    "type",
                    format!("{other:?} is not a GeoJSON geometry type"),
                );
                None
            }
        }
    }

    /// Every item of the array `value` read by `read`; `None` (after reading them all) if
    /// any failed.
    fn each<T>(
        &mut self,
        value: &Value,
        path: &str,
        mut read: impl FnMut(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Value::Array(items) = value else {
            self.report.error(
                self.at,
                path,
                format!("expected an array, found {}", kind_of(value)),
            );
            return None;
        };
        let mut read_items = Vec::with_capacity(items.len());
        let mut ok = true;
        for (index, item) in items.iter().enumerate() {
            match read(self, item, &format!("{path}[{index}]")) {
                Some(item) => read_items.push(item),
                None => ok = false,
            }
        }
        ok.then_some(read_items)
    }

    fn position(&mut self, value: &Value, path: &str) -> Option<LonLat> {
        let Value::Array(numbers) = value else {
            self.report.error(
                self.at,
                path,
                format!("expected a position array, found {}", kind_of(value)),
            );
            return None;
        };
        let mut parsed = Vec::with_capacity(numbers.len());
        for number in numbers {
            match number.as_f64() {
                Some(number) => parsed.push(number),
                None => {
                    self.report.error(
                        self.at,
                        path,
                        format!("a coordinate must be a number, found {}", kind_of(number)),
                    );
                    return None;
                }
            }
        }
        check_position(&parsed)
            .map_err(|message| self.report.error(self.at, path, message))
            .ok()
    }

    fn positions(&mut self, value: &Value, path: &str) -> Option<Vec<LonLat>> {
        if !value.is_array() {
            self.report.error(
                self.at,
                path,
                format!("expected an array of positions, found {}", kind_of(value)),
            );
            return None;
        }
        self.each(value, path, Self::position)
    }

    fn line_string(&mut self, value: &Value, path: &str) -> Option<Vec<LonLat>> {
        let points = self.positions(value, path)?;
        if points.len() < 2 {
            self.report
                .error(self.at, path, "a LineString needs at least two positions");
            return None;
        }
        Some(points)
    }

    /// A polygon's rings: the outer ring, then the holes.
    fn polygon(&mut self, value: &Value, path: &str) -> Option<Vec<Vec<LonLat>>> {
        let rings = self.each(value, path, Self::ring)?;
        if rings.is_empty() {
            self.report
                .error(self.at, path, "a Polygon needs at least its outer ring");
            return None;
        }
        Some(rings)
    }

    /// A linear ring: closed, at least four positions (RFC 7946 §3.1.6).
    fn ring(&mut self, value: &Value, path: &str) -> Option<Vec<LonLat>> {
        let ring = self.positions(value, path)?;
        if ring.len() < 4 {
            self.report.error(
                self.at,
                path,
                format!(
                    "a polygon ring needs at least four positions (the last repeating the first), found {}",
                    ring.len()
                ),
            );
            return None;
        }
        if ring.first() != ring.last() {
            self.report.error(
                self.at,
                path,
                "the ring is not closed: its last position must repeat the first",
            );
            return None;
        }
        Some(ring)
    }
}

/// An area's name: the `name` or else the `title` property, if either is text.
pub(crate) fn area_name(properties: &Extra) -> Option<String> {
    ["name", "title"]
        .iter()
        .find_map(|key| match properties.get(*key) {
            Some(Value::String(text)) if !text.trim().is_empty() => Some(text.clone()),
            _ => None,
        })
}
