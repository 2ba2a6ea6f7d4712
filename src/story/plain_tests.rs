//! Tests of plain GeoJSON as people have it: every geometry type, one point, polygons kept
//! and drawn, and bad polygons reported with their path.

use super::super::*;
use crate::route::{Itinerary, Route, TripOptions};
use crate::units::{Speed, SpeedUnit};
use serde_json::{Value, json};

fn parse(value: &Value) -> Result<Loaded, LoadError> {
    parse_story(value.to_string().as_bytes(), "plain.geojson")
}

fn collection(features: Vec<Value>) -> Value {
    let mut collection = json!({"type": "FeatureCollection"});
    collection["features"] = Value::Array(features);
    collection
}

fn feature(geometry: Value, properties: Value) -> Value {
    let mut feature = json!({"type": "Feature"});
    feature["geometry"] = geometry;
    feature["properties"] = properties;
    feature
}

fn point(lon: f64, lat: f64) -> Value {
    json!({"type": "Point", "coordinates": [lon, lat]})
}

fn lon_lats(pairs: &[[f64; 2]]) -> Vec<LonLat> {
    pairs
        .iter()
        .map(|[lon, lat]| LonLat::new(*lon, *lat))
        .collect()
}

/// The unit square with corners (0, 0) and (1, 1) as a closed ring, counter-clockwise.
const SQUARE: [[f64; 2]; 5] = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]];

fn errors(value: &Value) -> Vec<Problem> {
    parse(value)
        .expect_err("must not load")
        .errors()
        .cloned()
        .collect()
}

fn has_warning(loaded: &Loaded, words: &str) -> bool {
    loaded.warnings.iter().any(|w| w.message.contains(words))
}

#[test]
fn the_rfc_7946_example_opens_with_its_point_its_line_as_the_route_and_its_polygon() {
    // tests/data/geojson/rfc7946-example.geojson is the example of RFC 7946 §1.5, verbatim:
    // a Point, a LineString and a Polygon.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/geojson/rfc7946-example.geojson");
    let loaded = load_story_file(&path).unwrap();
    let story = &loaded.story;
    assert_eq!(story.kind, StoryKind::PlainGeoJson);
    // The one Point is a place; it is not on the line, so it is off the route.
    let from_points: Vec<&Place> = story
        .places
        .iter()
        .filter(|p| p.name.starts_with("Place"))
        .collect();
    assert_eq!(from_points.len(), 1);
    assert_eq!(from_points[0].position, LonLat::new(102.0, 0.5));
    assert_eq!(from_points[0].role, Role::Waypoint);
    assert_eq!(
        from_points[0].extra.get("prop0"),
        Some(&json!("value0")),
        "its properties are kept"
    );
    // The route is the LineString, from its first to its last position.
    assert_eq!(story.places.len(), 3, "the Point and the line's two ends");
    assert_eq!(story.legs.len(), 1);
    assert_eq!(
        story.legs[0].geometry,
        lon_lats(&[[102.0, 0.0], [103.0, 1.0], [104.0, 0.0], [105.0, 1.0]])
    );
    let origin = story.place(&story.legs[0].from).unwrap();
    assert_eq!(
        (origin.role, origin.position),
        (Role::Origin, LonLat::new(102.0, 0.0))
    );
    let destination = story.place(&story.legs[0].to).unwrap();
    assert_eq!(
        (destination.role, destination.position),
        (Role::Destination, LonLat::new(105.0, 1.0))
    );
    // The Polygon is an area with its one ring, and its feature is kept as it was.
    assert_eq!(story.areas.len(), 1);
    let area = &story.areas[0];
    assert_eq!(area.name, None);
    assert_eq!(
        area.polygons,
        vec![vec![lon_lats(&[
            [100.0, 0.0],
            [101.0, 0.0],
            [101.0, 1.0],
            [100.0, 1.0],
            [100.0, 0.0]
        ])]]
    );
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(story.other_features[area.feature], file["features"][2]);
}

#[test]
fn one_point_alone_opens_as_one_place_and_no_route() {
    let loaded = parse(&collection(vec![feature(
        point(129.0, 41.0),
        json!({"name": "Tumangang"}),
    )]))
    .unwrap();
    let story = &loaded.story;
    assert_eq!(story.places.len(), 1);
    assert_eq!(story.places[0].name, "Tumangang");
    assert_eq!(story.places[0].role, Role::Origin);
    assert!(story.legs.is_empty());
    assert!(has_warning(
        &loaded,
        "one place and no line: no route to follow"
    ));
    // The route and the itinerary of a story with no legs are empty, not a crash.
    let route = Route::new(story);
    assert!(route.legs.is_empty());
    assert!(route.stops.is_empty());
    let itinerary = Itinerary::new(
        story,
        &route,
        TripOptions {
            speed: Speed::new(60.0, SpeedUnit::Kmh).unwrap(),
            departure: None,
            detour: None,
        },
    );
    assert!(itinerary.legs.is_empty());
    assert!(itinerary.total_duration_secs.abs() < f64::EPSILON);
    assert!(itinerary.total_distance.metres().abs() < f64::EPSILON);
}

#[test]
fn a_bare_point_opens_too() {
    let loaded = parse(&point(129.0, 41.0)).unwrap();
    assert_eq!(loaded.story.places.len(), 1);
    assert!(loaded.story.legs.is_empty());
}

#[test]
fn one_point_and_one_polygon_open_as_one_place_and_one_area() {
    let loaded = parse(&collection(vec![
        feature(point(0.5, 0.5), json!({"name": "Centre"})),
        feature(
            json!({"type": "Polygon", "coordinates": [SQUARE]}),
            json!({"title": "The square"}),
        ),
    ]))
    .unwrap();
    let story = &loaded.story;
    assert_eq!(story.places.len(), 1);
    assert!(story.legs.is_empty());
    assert_eq!(story.areas.len(), 1);
    assert_eq!(story.areas[0].name.as_deref(), Some("The square"));
    assert_eq!(story.areas[0].polygons, vec![vec![lon_lats(&SQUARE)]]);
    assert_eq!(
        story.feature_order,
        [FeatureRef::Place(0), FeatureRef::Other(0)]
    );
}

#[test]
fn polygons_alone_open_as_areas_with_no_route() {
    let loaded = parse(&json!({"type": "Polygon", "coordinates": [SQUARE]})).unwrap();
    assert!(loaded.story.places.is_empty());
    assert_eq!(loaded.story.areas.len(), 1);
    assert!(has_warning(&loaded, "no route to follow"));
}

/// Save `loaded` as a `storyroute/1` file and open that again.
fn saved_and_reopened(loaded: &Loaded) -> Loaded {
    let text = story_to_json(&loaded.story).unwrap();
    parse_story(text.as_bytes(), "saved.geojson").unwrap()
}

#[test]
fn a_story_of_one_place_saves_and_reopens() {
    let loaded = parse(&feature(point(-9.1415, 38.7142), json!({"name": "Rossio"}))).unwrap();
    let again = saved_and_reopened(&loaded);
    assert_eq!(again.story.kind, StoryKind::Story);
    assert_eq!(again.story.places.len(), 1);
    assert_eq!(again.story.places[0].name, "Rossio");
    assert_eq!(
        again.story.places[0].position,
        LonLat::new(-9.1415, 38.7142)
    );
    assert!(again.story.legs.is_empty());
}

#[test]
fn a_story_of_areas_only_saves_and_reopens() {
    let loaded = parse(&json!({"type": "Polygon", "coordinates": [SQUARE]})).unwrap();
    let again = saved_and_reopened(&loaded);
    assert!(again.story.places.is_empty());
    assert_eq!(again.story.areas.len(), 1);
    assert_eq!(again.story.areas[0].polygons, vec![vec![lon_lats(&SQUARE)]]);
}

#[test]
fn a_story_file_with_two_places_and_no_legs_is_still_refused() {
    // Two places on a route need a leg between them: only a lone place may go without.
    let loaded = parse(&collection(vec![
        feature(point(0.0, 0.0), json!({"name": "A"})),
        feature(point(1.0, 1.0), json!({"name": "B"})),
    ]))
    .unwrap();
    let mut story = loaded.story;
    story.legs.clear();
    story
        .feature_order
        .retain(|part| !matches!(part, FeatureRef::Leg(_)));
    let text = story_to_json(&story).unwrap();
    let error = parse_story(text.as_bytes(), "two.geojson").unwrap_err();
    assert!(
        error
            .errors()
            .any(|problem| problem.message.contains("no legs")),
        "{error}"
    );
}

#[test]
fn multi_line_string_parts_join_the_route_in_order() {
    // Parts: 3 positions, then 2 starting where the first ended, then 2 elsewhere.
    // Joined: (0,0) (1,0) (2,0) [(2,0) repeated, dropped] (3,0) (3,1) (4,1): 6 vertices.
    let lines = json!({"type": "MultiLineString", "coordinates": [
        [[0.0, 0.0], [1.0, 0.0], [2.0, 0.0]],
        [[2.0, 0.0], [3.0, 0.0]],
        [[3.0, 1.0], [4.0, 1.0]]
    ]});
    let loaded = parse(&collection(vec![
        feature(point(0.0, 0.0), json!({"name": "Start here"})),
        feature(lines, json!({})),
    ]))
    .unwrap();
    let story = &loaded.story;
    // The point is at the line's start, so it is the origin; the line's end is the end.
    assert_eq!(story.places.len(), 2);
    assert_eq!(story.places[0].name, "Start here");
    assert_eq!(story.places[0].role, Role::Origin);
    assert_eq!(story.places[1].role, Role::Destination);
    assert_eq!(story.places[1].position, LonLat::new(4.0, 1.0));
    assert_eq!(story.legs.len(), 1);
    assert_eq!(
        story.legs[0].geometry,
        lon_lats(&[
            [0.0, 0.0],
            [1.0, 0.0],
            [2.0, 0.0],
            [3.0, 0.0],
            [3.0, 1.0],
            [4.0, 1.0]
        ])
    );
}

/// A Feature whose geometry is a GeometryCollection: point A, a line A → B, point B, a
/// polygon, and a nested collection with a line B → C and point C.
fn collection_feature() -> Value {
    feature(
        json!({"type": "GeometryCollection", "geometries": [
            point(10.0, 10.0),
            {"type": "LineString", "coordinates": [[10.0, 10.0], [11.0, 10.5], [12.0, 10.0]]},
            point(12.0, 10.0),
            {"type": "Polygon", "coordinates": [[[10.0, 9.0], [14.0, 9.0], [14.0, 12.0], [10.0, 12.0], [10.0, 9.0]]]},
            {"type": "GeometryCollection", "geometries": [
                {"type": "LineString", "coordinates": [[12.0, 10.0], [13.0, 10.5], [14.0, 10.0]]},
                point(14.0, 10.0)
            ]}
        ]}),
        json!({"name": "Zone", "x_kept": 1}),
    )
}

#[test]
fn a_geometry_collection_gives_places_a_route_and_an_area_in_order() {
    let loaded = parse(&collection(vec![collection_feature()])).unwrap();
    let story = &loaded.story;
    let positions: Vec<LonLat> = story.places.iter().map(|p| p.position).collect();
    assert_eq!(
        positions,
        lon_lats(&[[10.0, 10.0], [12.0, 10.0], [14.0, 10.0]])
    );
    let roles: Vec<Role> = story.places.iter().map(|p| p.role).collect();
    assert_eq!(roles, [Role::Origin, Role::Stop, Role::Destination]);
    // The two lines join into (10,10) (11,10.5) (12,10) (13,10.5) (14,10), cut at (12,10).
    assert_eq!(story.legs.len(), 2);
    assert_eq!(
        story.legs[0].geometry,
        lon_lats(&[[10.0, 10.0], [11.0, 10.5], [12.0, 10.0]])
    );
    assert_eq!(
        story.legs[1].geometry,
        lon_lats(&[[12.0, 10.0], [13.0, 10.5], [14.0, 10.0]])
    );
    assert_eq!(story.areas.len(), 1);
    assert_eq!(story.areas[0].name.as_deref(), Some("Zone"));
    assert_eq!(story.areas[0].polygons[0][0].len(), 5);
    // The polygon is kept as a feature of its own, with the collection's properties.
    let kept = &story.other_features[story.areas[0].feature];
    assert_eq!(kept["geometry"]["type"], json!("Polygon"));
    assert_eq!(kept["properties"]["x_kept"], json!(1));
}

#[test]
fn polygon_features_survive_a_save_unchanged_and_are_areas_again() {
    let polygon = feature(
        json!({"type": "MultiPolygon", "coordinates": [
            [SQUARE, [[0.25, 0.25], [0.25, 0.75], [0.75, 0.75], [0.75, 0.25], [0.25, 0.25]]],
            [[[2.0, 2.0], [3.0, 2.0], [3.0, 3.0], [2.0, 2.0]]]
        ]}),
        json!({"name": "Two fields", "fill": "#0f0"}),
    );
    let mut polygon = polygon;
    polygon["id"] = json!("fields");
    let plain = collection(vec![
        feature(point(0.0, 0.0), json!({"name": "A"})),
        polygon.clone(),
        feature(point(3.0, 3.0), json!({"name": "B"})),
    ]);
    let loaded = parse(&plain).unwrap();
    assert_eq!(loaded.story.areas.len(), 1);
    assert_eq!(loaded.story.areas[0].polygons.len(), 2);
    assert_eq!(
        loaded.story.areas[0].polygons[0].len(),
        2,
        "outer ring and hole"
    );
    let saved = story_to_json(&loaded.story).unwrap();
    let saved_value: Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(saved_value["features"][1], polygon);
    let again = parse_story(saved.as_bytes(), "saved.geojson").unwrap();
    assert_eq!(again.story.kind, StoryKind::Story);
    assert_eq!(again.story.areas, loaded.story.areas);
    assert_eq!(again.story.other_features, [polygon]);
}

#[test]
fn an_unclosed_ring_is_an_error_naming_the_ring() {
    let open_ring = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]];
    let errors = errors(&collection(vec![feature(
        json!({"type": "MultiPolygon", "coordinates": [[SQUARE], [SQUARE, open_ring]]}),
        json!({}),
    )]));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].feature_index, Some(0));
    assert_eq!(
        errors[0].field.as_deref(),
        Some("geometry.coordinates[1][1]")
    );
    assert!(
        errors[0].message.contains("not closed"),
        "{}",
        errors[0].message
    );
}

#[test]
fn a_ring_of_three_positions_is_an_error() {
    let errors = errors(&collection(vec![feature(
        json!({"type": "Polygon", "coordinates": [[[0.0, 0.0], [1.0, 0.0], [0.0, 0.0]]]}),
        json!({}),
    )]));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field.as_deref(), Some("geometry.coordinates[0]"));
    assert!(
        errors[0].message.contains("at least four positions"),
        "{}",
        errors[0].message
    );
}

#[test]
fn a_bad_coordinate_inside_a_geometry_collection_is_named_by_its_path() {
    let mut bad = collection_feature();
    bad["geometry"]["geometries"][3]["coordinates"][0][3] = json!(["x", 12.0]);
    bad["geometry"]["geometries"][4]["geometries"][1]["coordinates"] = json!([14.0, 95.0]);
    let errors = errors(&collection(vec![bad]));
    let fields: Vec<&str> = errors.iter().filter_map(|e| e.field.as_deref()).collect();
    assert_eq!(
        fields,
        [
            "geometry.geometries[3].coordinates[0][3]",
            "geometry.geometries[4].geometries[1].coordinates"
        ]
    );
    assert!(errors[0].message.contains("must be a number"));
    assert!(errors[1].message.contains("latitude 95"));
}

#[test]
fn a_polygon_without_rings_and_a_collection_without_geometries_are_errors() {
    let errors = errors(&collection(vec![
        feature(json!({"type": "Polygon", "coordinates": []}), json!({})),
        feature(json!({"type": "GeometryCollection"}), json!({})),
        feature(
            json!({"type": "Polygon", "coordinates": [[1, 2, 3, 4]]}),
            json!({}),
        ),
    ]));
    let found: Vec<(Option<usize>, Option<&str>)> = errors
        .iter()
        .map(|e| (e.feature_index, e.field.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (Some(0), Some("geometry.coordinates")),
            (Some(1), Some("geometry.geometries")),
            (Some(2), Some("geometry.coordinates[0][0]")),
            (Some(2), Some("geometry.coordinates[0][1]")),
            (Some(2), Some("geometry.coordinates[0][2]")),
            (Some(2), Some("geometry.coordinates[0][3]")),
        ]
    );
}

#[test]
fn a_file_with_nothing_to_show_is_an_error() {
    for nothing in [
        collection(Vec::new()),
        collection(vec![
            json!({"type": "Feature", "geometry": null, "properties": {}}),
        ]),
        json!({"type": "GeometryCollection", "geometries": []}),
    ] {
        let errors = errors(&nothing);
        assert!(
            errors
                .iter()
                .any(|e| e.message.starts_with("nothing to show")),
            "{errors:?}"
        );
    }
}
