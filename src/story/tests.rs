//! Tests of the story format: what loads, what round-trips, and a distinct error for each
//! class of bad input.

use super::*;
use serde_json::{Value, json};

/// A small valid story: A → B → C, with a waypoint W off the route.
fn small_story() -> Value {
    json!({
        "type": "FeatureCollection",
        "story": {
            "format": "storyroute/1",
            "title": "A small story",
            "article": ["The train left Alpha at dawn. It passed Beta.", "Gamma welcomed it with a band."],
            "default_speed": {"value": 60, "unit": "km/h", "source": "test", "quote": "passed Beta"},
            "departure": {"time": "2023-09-10T06:00:00+09:00", "assumed": true, "note": "a guess"},
            "x_custom_member": {"kept": true}
        },
        "x_collection_member": 42,
        "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [130.0, 42.0]},
             "properties": {"id": "a", "name": "Alpha", "role": "origin", "utc_offset": "+09:00",
                            "excerpts": ["The train left Alpha at dawn."], "x_colour": "red"}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [130.5, 42.5]},
             "properties": {"id": "b", "name": "Beta", "role": "stop", "status": "passed", "utc_offset": "+10:00",
                            "dwell_secs": 600,
                            "reported_arrival": {"time": "2023-09-10T10:00:00+10:00", "source": "a wire"}}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [131.0, 43.0]},
             "properties": {"id": "c", "name": "Gamma", "role": "destination", "utc_offset": "+10:00",
                            "excerpts": ["Gamma welcomed it with a band."]}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [131.5, 42.0]},
             "properties": {"id": "w", "name": "Waypoint", "role": "waypoint", "status": "bypassed", "utc_offset": "+10:00"}},
            {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[130.0, 42.0], [130.2, 42.3], [130.5, 42.5]]},
             "properties": {"from": "a", "to": "b", "rail_distance_km": 80, "rail_distance_source": "km posts", "x_gauge": "1435"}},
            {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[130.5, 42.5], [131.0, 43.0]]},
             "properties": {"from": "b", "to": "c"}},
            {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[130.5, 42.5], [131.5, 42.0]]},
             "properties": {"from": "b", "to": "w", "detour": true, "rail_distance_km": 100, "rail_distance_source": "test"}}
        ]
    })
}

fn parse(value: &Value) -> Result<Loaded, LoadError> {
    parse_story(value.to_string().as_bytes(), "test.geojson")
}

/// The single error of a load that must fail, checked to be the only one.
fn only_error(value: &Value) -> Problem {
    let error = parse(value).expect_err("must not load");
    let errors: Vec<&Problem> = error.errors().collect();
    assert_eq!(errors.len(), 1, "expected one error, got: {error}");
    errors[0].clone()
}

#[test]
fn a_valid_story_loads_with_its_places_legs_and_detour() {
    let loaded = parse(&small_story()).unwrap();
    let story = &loaded.story;
    assert_eq!(story.kind, StoryKind::Story);
    assert_eq!(story.places.len(), 4);
    assert_eq!(story.legs.len(), 2);
    assert_eq!(story.detours.len(), 1);
    assert_eq!(story.places[1].dwell_secs, Some(600.0));
    assert!(story.meta.departure.as_ref().unwrap().assumed);
    // The b → c leg has no rail distance: a warning, not an error.
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.field.as_deref() == Some("properties.rail_distance_km"))
    );
}

#[test]
fn unknown_properties_and_members_survive_a_round_trip() {
    let loaded = parse(&small_story()).unwrap();
    let saved = story_to_json(&loaded.story).unwrap();
    let value: Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(value["x_collection_member"], json!(42));
    assert_eq!(value["story"]["x_custom_member"], json!({"kept": true}));
    assert_eq!(value["features"][0]["properties"]["x_colour"], json!("red"));
    assert_eq!(value["features"][4]["properties"]["x_gauge"], json!("1435"));
    // And the saved file loads again to the same story.
    let again = parse_story(saved.as_bytes(), "saved.geojson").unwrap();
    assert_eq!(again.story.places.len(), 4);
    assert_eq!(story_to_json(&again.story).unwrap(), saved);
}

#[test]
fn the_bundled_story_loads_without_errors() {
    let loaded = default_story().unwrap();
    assert!(loaded.story.places.iter().any(|p| p.name == "Khasan"));
    assert!(
        loaded
            .story
            .places
            .iter()
            .any(|p| p.role == Role::Waypoint && p.name == "Vladivostok")
    );
}

#[test]
fn the_bundled_story_survives_a_round_trip_unchanged() {
    let original: Value = serde_json::from_str(DEFAULT_STORY_JSON).unwrap();
    let saved: Value =
        serde_json::from_str(&story_to_json(&default_story().unwrap().story).unwrap()).unwrap();
    assert_eq!(saved, original);
}

#[test]
fn empty_binary_and_truncated_files_are_errors_not_empty_stories() {
    for (bytes, expected) in [
        (&b""[..], "empty"),
        (&b"   \n"[..], "empty"),
        (&[0xff, 0xfe, 0x00, 0x12][..], "not UTF-8"),
        (
            &b"{\"type\": \"FeatureCollection\", \"features\": ["[..],
            "not valid JSON",
        ),
        (&b"[1, 2, 3]"[..], "top level is an array"),
        (&b"{\"features\": []}"[..], "not a GeoJSON object"),
    ] {
        let error = parse_story(bytes, "bad.geojson").expect_err("must fail");
        let text = error.to_string();
        assert!(text.contains(expected), "{expected:?} not in {text}");
        assert!(text.contains("bad.geojson"), "{text}");
    }
}

#[test]
fn deeply_nested_json_is_an_error_not_a_crash() {
    let bytes = "[".repeat(100_000);
    assert!(parse_story(bytes.as_bytes(), "deep.json").is_err());
}

#[test]
fn a_coordinate_out_of_range_names_the_feature_and_the_field() {
    let mut story = small_story();
    story["features"][1]["geometry"]["coordinates"] = json!([42.5, 130.5]);
    let error = only_error(&story);
    assert_eq!(error.feature_index, Some(1));
    assert_eq!(error.field.as_deref(), Some("geometry.coordinates"));
    assert!(
        error.message.contains("latitude 130.5"),
        "{}",
        error.message
    );
}

#[test]
fn a_non_numeric_coordinate_is_an_error() {
    let mut story = small_story();
    story["features"][4]["geometry"]["coordinates"][1] = json!(["x", 42.0]);
    let error = only_error(&story);
    assert_eq!(error.feature_index, Some(4));
    assert_eq!(error.field.as_deref(), Some("geometry.coordinates[1]"));
}

#[test]
fn an_out_of_range_number_is_an_error() {
    // JSON has no NaN; the nearest a file gets is a number too large for f64.
    let text = small_story().to_string().replace("130.2", "1e999");
    assert!(parse_story(text.as_bytes(), "big.geojson").is_err());
}

#[test]
fn a_leg_to_an_unknown_place_is_an_error() {
    let mut story = small_story();
    story["features"][6]["properties"]["to"] = json!("nowhere");
    let error = only_error(&story);
    assert_eq!(error.feature_index, Some(6));
    assert_eq!(error.field.as_deref(), Some("properties.to"));
    assert!(
        error
            .message
            .contains("\"nowhere\" is not the id of any place")
    );
}

#[test]
fn a_duplicate_id_is_an_error() {
    let mut story = small_story();
    story["features"][3]["properties"]["id"] = json!("b");
    let error = parse(&story).expect_err("duplicate");
    assert!(
        error
            .errors()
            .any(|e| e.message.contains("duplicate id \"b\"") && e.feature_index == Some(3))
    );
}

#[test]
fn an_excerpt_not_in_the_article_is_an_error() {
    let mut story = small_story();
    story["features"][0]["properties"]["excerpts"] = json!(["The train left Alpha at noon."]);
    let error = only_error(&story);
    assert_eq!(error.field.as_deref(), Some("properties.excerpts[0]"));
    assert_eq!(error.feature_id.as_deref(), Some("a"));
    assert!(error.message.contains("not found verbatim"));
}

#[test]
fn a_missing_required_field_is_an_error() {
    let mut story = small_story();
    story["features"][0]["properties"]
        .as_object_mut()
        .unwrap()
        .remove("name");
    let error = only_error(&story);
    assert_eq!(error.field.as_deref(), Some("properties.name"));
    assert!(error.message.contains("missing"));
}

#[test]
fn an_unknown_role_is_an_error() {
    let mut story = small_story();
    story["features"][1]["properties"]["role"] = json!("pitstop");
    let error = only_error(&story);
    assert!(error.message.contains("\"pitstop\" is not a role"));
}

#[test]
fn a_bad_time_is_an_error() {
    let mut story = small_story();
    story["features"][1]["properties"]["reported_arrival"]["time"] = json!("12 Sep 06:00");
    let error = only_error(&story);
    assert_eq!(
        error.field.as_deref(),
        Some("properties.reported_arrival.time")
    );
}

#[test]
fn an_absurd_or_zero_default_speed_is_an_error() {
    for value in [json!(0), json!(-3), json!(5000)] {
        let mut story = small_story();
        story["story"]["default_speed"]["value"] = value;
        let error = only_error(&story);
        assert_eq!(error.field.as_deref(), Some("story.default_speed.value"));
    }
}

#[test]
fn legs_that_do_not_chain_are_an_error() {
    let mut story = small_story();
    story["features"][5]["properties"]["from"] = json!("a");
    let error = parse(&story).expect_err("broken chain");
    assert!(
        error.errors().any(|e| e.message.contains("do not chain")),
        "{error}"
    );
}

#[test]
fn plain_geojson_points_become_places_in_file_order() {
    let plain = json!({
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2.35, 48.85]}, "properties": {"name": "Paris", "marker-color": "#f00"}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.83, 45.76]}, "properties": {"title": "Lyon"}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [5.37, 43.30]}, "properties": {}},
            {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[2.35, 48.85], [3.0, 47.0], [4.83, 45.76], [5.0, 44.5], [5.37, 43.30]]}, "properties": {}}
        ]
    });
    let loaded = parse_story(plain.to_string().as_bytes(), "/tmp/trip.geojson").unwrap();
    let story = &loaded.story;
    assert_eq!(story.kind, StoryKind::PlainGeoJson);
    let names: Vec<&str> = story.places.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Paris", "Lyon", "Place 3"]);
    assert_eq!(story.places[0].role, Role::Origin);
    assert_eq!(story.places[2].role, Role::Destination);
    assert_eq!(story.legs.len(), 2);
    assert_eq!(story.legs[0].geometry.len(), 3, "the line is cut at Lyon");
    assert_eq!(story.meta.title, "trip");
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.message.contains("60 km/h is assumed"))
    );
    // Unknown properties are kept.
    let saved = story_to_json(story).unwrap();
    assert!(saved.contains("marker-color"));
}

#[test]
fn plain_geojson_without_anything_to_show_is_an_error() {
    let plain = json!({"type": "FeatureCollection", "features": []});
    let error = parse_story(plain.to_string().as_bytes(), "empty.geojson").expect_err("empty");
    assert!(error.to_string().contains("nothing to show"), "{error}");
}

#[test]
fn a_bare_line_string_opens_with_its_ends_as_places() {
    let plain =
        json!({"type": "LineString", "coordinates": [[10.0, 50.0], [11.0, 51.0], [12.0, 52.0]]});
    let loaded = parse_story(plain.to_string().as_bytes(), "line.geojson").unwrap();
    assert_eq!(loaded.story.places.len(), 2);
    assert_eq!(loaded.story.legs[0].geometry.len(), 3);
}

#[test]
fn a_file_over_the_size_limit_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.geojson");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES + 10).unwrap();
    let error = load_story_file(&path).expect_err("too large");
    assert!(error.to_string().contains("larger than 64 MiB"), "{error}");
}

#[test]
fn a_missing_file_is_an_error_that_names_it() {
    let error =
        load_story_file(std::path::Path::new("/nonexistent/story.geojson")).expect_err("missing");
    let text = error.to_string();
    assert!(
        text.contains("/nonexistent/story.geojson") && text.contains("cannot open"),
        "{text}"
    );
}

#[test]
fn a_save_that_cannot_write_is_an_error_naming_the_file_and_leaves_nothing_behind() {
    let story = parse(&small_story()).unwrap().story;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("story.geojson");
    let error = save_story_file(&story, &path).expect_err("the folder does not exist");
    assert!(matches!(error, SaveError::Io { .. }), "{error:?}");
    assert!(error.to_string().contains("no-such-folder"), "{error}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // And a save that can write writes the whole story, which loads again.
    let good = dir.path().join("story.geojson");
    save_story_file(&story, &good).unwrap();
    assert_eq!(
        std::fs::read_to_string(&good).unwrap(),
        story_to_json(&story).unwrap()
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

// Polygons in a story file.

#[test]
fn a_polygon_in_a_story_is_an_area_and_survives_a_save_unchanged() {
    let mut story = small_story();
    let zone = json!({"type": "Feature", "id": 7,
        "geometry": {"type": "Polygon", "coordinates": [
            [[130.0, 42.0], [131.0, 42.0], [131.0, 43.0], [130.0, 43.0], [130.0, 42.0]]]},
        "properties": {"name": "Border zone", "x_fill": "#f00"}});
    story["features"]
        .as_array_mut()
        .unwrap()
        .insert(2, zone.clone());
    let loaded = parse(&story).unwrap();
    assert!(
        !loaded
            .warnings
            .iter()
            .any(|w| w.message.contains("Polygon")),
        "a polygon is shown now: {:?}",
        loaded.warnings
    );
    let areas = &loaded.story.areas;
    assert_eq!(areas.len(), 1);
    assert_eq!(areas[0].name.as_deref(), Some("Border zone"));
    assert_eq!(areas[0].polygons[0][0].len(), 5);
    assert_eq!(loaded.story.other_features[areas[0].feature], zone);
    let saved = story_to_json(&loaded.story).unwrap();
    let saved_value: Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(saved_value["features"][2], zone);
    let again = parse_story(saved.as_bytes(), "saved.geojson").unwrap();
    assert_eq!(&again.story.areas, areas);
}
