//! Big stories for tests and benches, made here: N stops on one line, as
//! `tools/bigstory/make_big_story.py` writes them.

use serde_json::{Value, json};

/// Degrees of longitude between consecutive stops (about 390 m on the 45th parallel).
pub const STEP_DEG: f64 = 0.005;

/// The longitude of stop `i` (stops run east along 45° N from 10° W).
pub fn stop_lon(i: usize) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "stop numbers far below 2^52")]
    let i = i as f64;
    -10.0 + i * STEP_DEG
}

/// A valid `storyroute/1` story of `count` stops named "Stop 0" … on one line, every leg
/// three points with an official distance, every place with a UTC offset.
pub fn big_story_json(count: usize) -> String {
    let mut features: Vec<Value> = Vec::with_capacity(2 * count);
    for i in 0..count {
        let role = if i == 0 {
            "origin"
        } else if i + 1 == count {
            "destination"
        } else {
            "stop"
        };
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [stop_lon(i), 45.0]},
            "properties": {"id": format!("s{i}"), "name": format!("Stop {i}"), "role": role,
                           "utc_offset": "+00:00", "coordinate_source": "generated"}
        }));
    }
    for i in 1..count {
        let (a, b) = (stop_lon(i - 1), stop_lon(i));
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "LineString",
                         "coordinates": [[a, 45.0], [f64::midpoint(a, b), 45.0005], [b, 45.0]]},
            "properties": {"from": format!("s{}", i - 1), "to": format!("s{i}"),
                           "rail_distance_km": 0.4, "rail_distance_source": "generated"}
        }));
    }
    json!({
        "type": "FeatureCollection",
        "story": {
            "format": "storyroute/1",
            "title": format!("A generated line of {count} stops (for measuring)"),
            "article": [],
            "default_speed": {"value": 60, "unit": "km/h", "source": "generated"},
            "departure": {"time": "2024-01-01T08:00:00+00:00", "assumed": true}
        },
        "features": features
    })
    .to_string()
}
