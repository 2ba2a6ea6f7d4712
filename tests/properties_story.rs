//! Property tests: no input makes the story reader, the route or the itinerary panic.
//!
//! Arbitrary bytes, and the bundled story with its numbers, strings, dates and members
//! mutated (extreme values, deleted members, changed types, odd dates), go through
//! `parse_story`. When a file loads, `Route::new`, `Itinerary::new` at valid speeds (with and
//! without a detour, with odd departures), `position_at` at any time (NaN, ±∞, huge),
//! `clock_at_place` at every place and the CLI's three renderings must not panic. When it does
//! not load, every problem must have a message, and at least one must be an error.

// A test that cannot set up is a failed test: panicking is the right outcome here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};
use storyroute::cli::{OutputFormat, render_itinerary};
use storyroute::route::{Itinerary, Route, TripOptions};
use storyroute::story::{DEFAULT_STORY_JSON, LoadError, Loaded, Severity, parse_story};
use storyroute::units::{Speed, SpeedUnit};

/// Checks a load's outcome, and exercises a loaded story at `speed_kmh`.
fn check(result: &Result<Loaded, LoadError>, speed_kmh: f64, times: &[f64]) {
    match result {
        Ok(loaded) => {
            assert!(
                loaded
                    .warnings
                    .iter()
                    .all(|problem| problem.severity != Severity::Error),
                "a loaded story carries an error: {:?}",
                loaded.warnings
            );
            for problem in &loaded.warnings {
                assert!(!problem.message.is_empty(), "{problem:?}");
            }
            exercise(loaded, speed_kmh, times);
        }
        Err(error) => {
            assert!(error.errors().next().is_some(), "no error in {error:?}");
            for problem in &error.problems {
                assert!(!problem.message.trim().is_empty(), "{problem:?}");
            }
            assert!(!error.to_string().is_empty());
        }
    }
}

/// Departures to try besides the story's own: the edges of the story years and of the
/// calendar.
fn departures() -> [Option<DateTime<FixedOffset>>; 4] {
    [
        None,
        DateTime::parse_from_rfc3339("2100-12-31T23:59:59-12:00").ok(),
        DateTime::parse_from_rfc3339("9999-12-31T23:59:59+14:00").ok(),
        DateTime::parse_from_rfc3339("0000-01-01T00:00:00-12:00").ok(),
    ]
}

fn exercise(loaded: &Loaded, speed_kmh: f64, times: &[f64]) {
    let story = &loaded.story;
    let route = Route::new(story);
    let speed = Speed::new(speed_kmh, SpeedUnit::Kmh).expect("the strategy makes valid speeds");
    let story_departure = story.meta.departure.as_ref().map(|d| d.time);
    let detours = (0..route.detours.len())
        .map(Some)
        .chain([None, Some(usize::MAX)]);
    for detour in detours {
        for departure in departures().into_iter().chain([story_departure]) {
            let itinerary = Itinerary::new(
                story,
                &route,
                TripOptions {
                    speed,
                    departure,
                    detour,
                },
            );
            let total = itinerary.total_duration_secs;
            for &time in times.iter().chain(&[total, total / 2.0, total * 1.5]) {
                let _ = itinerary.position_at(&route, story, time);
            }
            for place in 0..=story.places.len() {
                let _ = itinerary.clock_at_place(story, place);
                let _ = itinerary.elapsed_at_place(place);
                let _ = itinerary.distance_to_place(place);
            }
            let _ = itinerary.detour_extra();
            for format in [
                OutputFormat::Table,
                OutputFormat::Csv,
                OutputFormat::Json,
                OutputFormat::Svg,
            ] {
                let text =
                    render_itinerary(story, &route, &itinerary, SpeedUnit::Mph, true, format)
                        .expect("an itinerary can be written");
                assert!(!text.is_empty());
            }
        }
    }
}

/// Replacements for any value of the story: extreme numbers, odd dates, other types.
fn replacement() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!(0)),
        Just(json!(-1)),
        Just(json!(-0.0)),
        Just(json!(1e300)),
        Just(json!(-1e300)),
        Just(json!(1e-300)),
        Just(json!(5e-324)),
        Just(json!(f64::MAX)),
        Just(json!(f64::MIN_POSITIVE)),
        Just(json!(u64::MAX)),
        Just(json!(i64::MIN)),
        Just(json!(1e15)),
        Just(json!(1e12)),
        Just(json!(2_592_001)),
        Just(json!(40_000.000_1)),
        Just(json!(1e-9)),
        Just(json!("9999-12-31T23:59:59+14:00")),
        Just(json!("0000-01-01T00:00:00-12:00")),
        Just(json!("2100-12-31T23:59:59-12:00")),
        Just(json!("1900-01-01T00:00:00+14:00")),
        Just(json!("2023-02-29T12:00:00+09:00")),
        Just(json!("+14:59")),
        Just(json!("-99:99")),
        Just(json!("")),
        Just(json!("mph")),
        Just(json!("khasan")),
        Just(json!(null)),
        Just(json!(true)),
        Just(json!([])),
        Just(json!({})),
        Just(json!([[0, 0]])),
        Just(json!([f64::MAX, -1e300])),
        any::<f64>().prop_map(|x| json!(x)),
        any::<i64>().prop_map(|x| json!(x)),
        "\\PC{0,12}".prop_map(|text| json!(text)),
    ]
}

/// What to do at one place in the document.
#[derive(Clone, Debug)]
enum Mutation {
    /// Put this value there.
    Replace(Value),
    /// Remove the member (or array item).
    Delete,
    /// A string becomes the number it spells, or 12345; a number becomes its text.
    SwapType,
    /// An integer literal too long for any integer type (written into the text).
    HugeInteger,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => replacement().prop_map(Mutation::Replace),
        2 => Just(Mutation::Delete),
        2 => Just(Mutation::SwapType),
        1 => Just(Mutation::HugeInteger),
    ]
}

/// JSON pointers to every value in `value`, the root excluded.
fn pointers(value: &Value, prefix: &str, out: &mut Vec<String>) {
    let escape = |key: &str| key.replace('~', "~0").replace('/', "~1");
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let pointer = format!("{prefix}/{}", escape(key));
                out.push(pointer.clone());
                pointers(child, &pointer, out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                let pointer = format!("{prefix}/{index}");
                out.push(pointer.clone());
                pointers(child, &pointer, out);
            }
        }
        _ => {}
    }
}

const HUGE_MARK: &str = "\"__huge_integer__\"";
const HUGE_INTEGER: &str = "123456789012345678901234567890123456789012345678901234567890";

/// Members whose values the format gives a meaning to (the story's numbers, times and ids).
/// Most of the document is coordinates and article text; a mutation aimed at random would
/// rarely reach these.
const MEANINGFUL: &[&str] = &[
    "dwell_secs",
    "rail_distance_km",
    "rail_distance_source",
    "value",
    "unit",
    "time",
    "utc_offset",
    "from",
    "to",
    "id",
    "role",
    "detour",
    "departure",
    "default_speed",
    "reported_arrival",
    "geometry",
    "coordinates",
    "properties",
    "features",
];

/// Where a mutation goes: anywhere in the document, or at a member in [`MEANINGFUL`] (or an
/// item of its value), present or not: a missing `dwell_secs` is a place to put one.
#[derive(Clone, Debug)]
enum Target {
    Anywhere(Index),
    Meaningful(Index),
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        1 => any::<Index>().prop_map(Target::Anywhere),
        3 => any::<Index>().prop_map(Target::Meaningful),
    ]
}

/// The pointers of `document` a mutation may go to: with [`Target::Meaningful`], every
/// [`MEANINGFUL`] member of every object (added as null if absent) and its direct items.
fn candidates(document: &mut Value, target: &Target) -> Vec<String> {
    let mut all = Vec::new();
    pointers(document, "", &mut all);
    if matches!(target, Target::Anywhere(_)) {
        return all;
    }
    let objects: Vec<String> = std::iter::once(String::new())
        .chain(all.iter().cloned())
        .filter(|pointer| document.pointer(pointer).is_some_and(Value::is_object))
        .collect();
    let mut meaningful = Vec::new();
    for object in objects {
        let Some(Value::Object(map)) = document.pointer_mut(&object) else {
            continue;
        };
        // Only feature properties and the story member gain members that were absent.
        let may_add = object.ends_with("/properties") || object == "/story";
        for key in MEANINGFUL {
            if may_add
                && !map.contains_key(*key)
                && (*key == "dwell_secs" || *key == "rail_distance_km")
            {
                map.insert((*key).to_owned(), Value::Null);
            }
            if let Some(value) = map.get(*key) {
                meaningful.push(format!("{object}/{key}"));
                if let Value::Array(items) = value {
                    meaningful.extend((0..items.len()).map(|i| format!("{object}/{key}/{i}")));
                }
            }
        }
    }
    meaningful
}

/// The bundled story with `mutations` applied, as text.
fn mutated(mutations: &[(Target, Mutation)]) -> String {
    let mut document: Value = serde_json::from_str(DEFAULT_STORY_JSON).unwrap();
    for (target, mutation) in mutations {
        let all = candidates(&mut document, target);
        if all.is_empty() {
            continue;
        }
        let index = match target {
            Target::Anywhere(index) | Target::Meaningful(index) => index,
        };
        let pointer = all[index.index(all.len())].clone();
        match mutation {
            Mutation::Replace(value) => {
                if let Some(target) = document.pointer_mut(&pointer) {
                    *target = value.clone();
                }
            }
            Mutation::HugeInteger => {
                if let Some(target) = document.pointer_mut(&pointer) {
                    *target = json!(HUGE_MARK.trim_matches('"'));
                }
            }
            Mutation::SwapType => {
                if let Some(target) = document.pointer_mut(&pointer) {
                    *target = match target.take() {
                        Value::String(text) => text
                            .parse::<f64>()
                            .ok()
                            .filter(|number| number.is_finite())
                            .map_or(json!(12345), |number| json!(number)),
                        Value::Number(number) => json!(number.to_string()),
                        other => json!(other.to_string()),
                    };
                }
            }
            Mutation::Delete => {
                let (parent, last) = pointer.rsplit_once('/').unwrap();
                match document.pointer_mut(parent) {
                    Some(Value::Object(map)) => {
                        let key = last.replace("~1", "/").replace("~0", "~");
                        map.shift_remove(&key);
                    }
                    Some(Value::Array(items)) => {
                        if let Ok(position) = last.parse::<usize>()
                            && position < items.len()
                        {
                            items.remove(position);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    document.to_string().replace(HUGE_MARK, HUGE_INTEGER)
}

/// Valid speeds, the bounds included.
fn speed_kmh() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.1), Just(1000.0), Just(59.545_728), 0.1..=1000.0f64]
}

/// Times to ask where the train is.
fn times() -> impl Strategy<Value = Vec<f64>> {
    proptest::collection::vec(
        prop_oneof![
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(f64::MAX),
            Just(f64::MIN),
            Just(-0.0),
            Just(5e-324),
            Just(1e300),
            any::<f64>(),
            0.0..1e6f64,
        ],
        1..6,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        check(&parse_story(&bytes, "bytes.geojson"), 60.0, &[0.0]);
    }

    #[test]
    fn arbitrary_text_shaped_like_json_never_panics(
        text in "[\\[\\]{}\",:0-9eE.+\\- a-z\\\\]{0,200}",
    ) {
        check(&parse_story(text.as_bytes(), "text.geojson"), 60.0, &[0.0]);
    }

    #[test]
    fn a_mutated_bundled_story_never_panics_anywhere(
        mutations in proptest::collection::vec((target(), mutation()), 1..4),
        speed in speed_kmh(),
        times in times(),
    ) {
        let text = mutated(&mutations);
        check(&parse_story(text.as_bytes(), "mutated.geojson"), speed, &times);
    }
}

/// A bounded member of the bundled story to set.
#[derive(Clone, Debug)]
enum Field {
    /// `dwell_secs` of the n-th place.
    Dwell(Index),
    /// `rail_distance_km` of the n-th leg (detours included).
    Rail(Index),
    /// `story.default_speed.value`.
    Speed,
    /// `story.departure.time`.
    Departure,
    /// `reported_arrival.time` of the n-th place (the member is created if absent).
    Reported(Index),
}

fn field() -> impl Strategy<Value = Field> {
    prop_oneof![
        3 => any::<Index>().prop_map(Field::Dwell),
        3 => any::<Index>().prop_map(Field::Rail),
        1 => Just(Field::Speed),
        1 => Just(Field::Departure),
        1 => any::<Index>().prop_map(Field::Reported),
    ]
}

/// Extreme numbers, numbers at and around the bounds, and odd dates.
fn extreme() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop_oneof![
            Just(json!(0)),
            Just(json!(-0.0)),
            Just(json!(-1)),
            Just(json!(1e300)),
            Just(json!(1e-300)),
            Just(json!(5e-324)),
            Just(json!(f64::MAX)),
            Just(json!(u64::MAX)),
            Just(json!(i64::MIN)),
            Just(json!(1e15)),
            Just(json!(1e12)),
            Just(json!(1e-9)),
            Just(json!(0.1)),
            Just(json!(1000)),
            Just(json!(2_592_000)),
            Just(json!(40_000)),
        ],
        any::<f64>().prop_map(|x| json!(x)),
        prop_oneof![
            Just(json!("9999-12-31T23:59:59+14:00")),
            Just(json!("0000-01-01T00:00:00-12:00")),
            Just(json!("2100-12-31T23:59:59-12:00")),
            Just(json!("1900-01-01T00:00:00+14:00")),
            Just(json!("2023-09-10T17:00:00+09:00")),
        ],
    ]
}

/// The bundled story with `changes` made to its bounded members, as text.
fn with_extremes(changes: &[(Field, Value)]) -> String {
    let mut document: Value = serde_json::from_str(DEFAULT_STORY_JSON).unwrap();
    let kind = |feature: &Value| feature["geometry"]["type"].as_str().map(str::to_owned);
    for (field, value) in changes {
        let features = document["features"].as_array().unwrap();
        let of_kind = |wanted: &str| -> Vec<usize> {
            (0..features.len())
                .filter(|&i| kind(&features[i]).as_deref() == Some(wanted))
                .collect()
        };
        let (places, legs) = (of_kind("Point"), of_kind("LineString"));
        let pointer = match field {
            Field::Dwell(index) => {
                format!(
                    "/features/{}/properties/dwell_secs",
                    places[index.index(places.len())]
                )
            }
            Field::Rail(index) => {
                format!(
                    "/features/{}/properties/rail_distance_km",
                    legs[index.index(legs.len())]
                )
            }
            Field::Speed => "/story/default_speed/value".to_owned(),
            Field::Departure => "/story/departure/time".to_owned(),
            Field::Reported(index) => {
                let place = places[index.index(places.len())];
                let properties = &mut document["features"][place]["properties"];
                if !properties["reported_arrival"].is_object() {
                    properties["reported_arrival"] = json!({"source": "test"});
                }
                format!("/features/{place}/properties/reported_arrival/time")
            }
        };
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        if let Some(Value::Object(object)) = document.pointer_mut(parent) {
            object.insert(key.to_owned(), value.clone());
        }
    }
    document.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn extreme_numbers_and_dates_in_the_bounded_members_never_panic(
        changes in proptest::collection::vec((field(), extreme()), 1..4),
        speed in speed_kmh(),
        times in times(),
    ) {
        let text = with_extremes(&changes);
        check(&parse_story(text.as_bytes(), "extreme.geojson"), speed, &times);
    }
}

#[test]
fn the_unmutated_bundled_story_is_exercised_too() {
    // The baseline of the property above: the story loads, and every path runs.
    let result = parse_story(DEFAULT_STORY_JSON.as_bytes(), "bundled");
    assert!(result.is_ok());
    check(&result, 0.1, &[f64::NAN, 1e12, 3600.0]);
}
