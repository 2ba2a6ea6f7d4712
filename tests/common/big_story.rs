//! A valid `storyroute/1` story of any number of stops on one line, written in Rust as
//! `tools/bigstory/make_big_story.py` writes it: for the loading tests and benchmarks of big
//! stories (each builds its own, none reads a file it did not write).
//!
//! The stops run east along the 45th parallel from 10° W, 0.005° apart (about 390 m), each
//! leg drawn with three points; every place has a UTC offset and every leg an official rail
//! distance of 0.4 km, so the story loads with no warning.

use std::fmt::Write as _;

/// The id of stop `index`.
pub fn stop_id(index: usize) -> String {
    format!("s{index}")
}

/// The name of stop `index`.
pub fn stop_name(index: usize) -> String {
    format!("Stop {index}")
}

/// Degrees of longitude between consecutive stops of a story of `count`: 0.005, or closer
/// where that would run past 170° E (as the Python tool does).
pub fn step_deg(count: usize) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let count = count as f64;
    (180.0 / count).min(0.005)
}

/// The longitude of stop `index` of a story of `count`.
pub fn stop_lon(index: usize, count: usize) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let index = index as f64;
    -10.0 + index * step_deg(count)
}

/// The title of a story of `count` stops.
pub fn big_story_title(count: usize) -> String {
    format!("A generated line of {count} stops (for measuring)")
}

/// The story's text: `count` (at least 2) places, then `count - 1` legs.
pub fn big_story_text(count: usize) -> String {
    assert!(count >= 2, "a story needs two stops");
    let step = step_deg(count);
    let mut places = Vec::with_capacity(count);
    let mut legs = Vec::with_capacity(count - 1);
    for index in 0..count {
        let lon = stop_lon(index, count);
        let role = match index {
            0 => "origin",
            i if i == count - 1 => "destination",
            _ => "stop",
        };
        let mut place = String::with_capacity(200);
        let _ = write!(
            place,
            r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [{lon:.6}, 45.0]}}, "properties": {{"id": "{}", "name": "{}", "role": "{role}", "utc_offset": "+00:00", "coordinate_source": "generated"}}}}"#,
            stop_id(index),
            stop_name(index),
        );
        places.push(place);
        if index > 0 {
            let start = lon - step;
            let mut leg = String::with_capacity(300);
            let _ = write!(
                leg,
                r#"{{"type": "Feature", "geometry": {{"type": "LineString", "coordinates": [[{start:.6}, 45.0], [{:.6}, 45.0005], [{lon:.6}, 45.0]]}}, "properties": {{"from": "{}", "to": "{}", "rail_distance_km": 0.4, "rail_distance_source": "generated"}}}}"#,
                start + step / 2.0,
                stop_id(index - 1),
                stop_id(index),
            );
            legs.push(leg);
        }
    }
    format!(
        r#"{{"type": "FeatureCollection", "story": {{"format": "storyroute/1", "title": "{}", "article": [], "default_speed": {{"value": 60, "unit": "km/h", "source": "generated"}}, "departure": {{"time": "2024-01-01T08:00:00+00:00", "assumed": true}}}}, "features": [{}, {}]}}"#,
        big_story_title(count),
        places.join(", "),
        legs.join(", ")
    )
}
