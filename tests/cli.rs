//! The command line, run as a user runs it: the real binary, real files, exit codes.

// A test that cannot set up is a failed test: panicking is the right outcome here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/big_story.rs"]
mod big_story;

use std::io::Write as _;
use std::process::{Command, Output};

fn storyroute(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storyroute"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn temp_file(bytes: &[u8]) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new()
        .suffix(".geojson")
        .tempfile()
        .unwrap();
    file.write_all(bytes).unwrap();
    file
}

#[test]
fn the_itinerary_prints_the_whole_journey_at_37_mph_with_rail_distances_and_reported_times() {
    let output = storyroute(&["itinerary"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    for place in [
        "Pyongyang",
        "Tumangang",
        "Khasan",
        "Baranovsky",
        "Ussuriysk",
        "Khabarovsk",
        "Belogorsk",
        "Ledyanaya",
        "Vostochny",
    ] {
        assert!(text.contains(place), "{place} missing from:\n{text}");
    }
    assert!(text.contains("Speed: 37.0 mph (59.5 km/h)"), "{text}");
    assert!(
        text.contains("ASSUMED"),
        "the assumed departure must be labelled:\n{text}"
    );
    // Khasan's reported arrival (KCNA, 06:00 local).
    assert!(text.contains("Tue 12 Sep 06:00 (UTC+10:00)"), "{text}");
    assert!(text.contains("rail distance"), "{text}");
    assert!(text.contains("Total"), "{text}");
}

#[test]
fn the_json_itinerary_has_the_documented_fields_and_adds_up() {
    let output = storyroute(&["itinerary", "--format", "json", "--speed", "60kmh"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!((value["speed_kmh"].as_f64().unwrap() - 60.0).abs() < 1e-9);
    let legs = value["legs"].as_array().unwrap();
    assert_eq!(legs[0]["from"], "Pyongyang");
    assert_eq!(legs.last().unwrap()["to"], "Vostochny Cosmodrome");
    let mut total_km = 0.0;
    let mut total_secs = 0.0;
    for leg in legs {
        let km = leg["distance_km"].as_f64().unwrap();
        let secs = leg["duration_secs"].as_f64().unwrap();
        assert!(
            leg["distance_source"]
                .as_str()
                .is_some_and(|s| !s.is_empty())
        );
        // At 60 km/h a kilometre takes a minute.
        assert!((secs - km * 60.0).abs() < 1e-6, "{leg}");
        total_km += km;
        total_secs += secs;
    }
    assert!((value["total_distance_km"].as_f64().unwrap() - total_km).abs() < 1e-6);
    assert!((value["total_duration_secs"].as_f64().unwrap() - total_secs).abs() < 1e-6);
    // Pyongyang → Tumangang is 845 km by rail (850 − 5).
    assert!((legs[0]["distance_km"].as_f64().unwrap() - 845.0).abs() < 1e-9);
}

#[test]
fn via_vladivostok_adds_two_times_112_km() {
    let plain = storyroute(&["itinerary", "--format", "json"]);
    let via = storyroute(&["itinerary", "--format", "json", "--via-vladivostok"]);
    assert!(via.status.success(), "{}", stderr(&via));
    let plain: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    let via: serde_json::Value = serde_json::from_slice(&via.stdout).unwrap();
    let extra_km =
        via["total_distance_km"].as_f64().unwrap() - plain["total_distance_km"].as_f64().unwrap();
    assert!((extra_km - 224.0).abs() < 1e-6, "{extra_km}");
    assert!((via["detour_extra_distance_km"].as_f64().unwrap() - 224.0).abs() < 1e-6);
}

#[test]
fn csv_has_a_header_and_a_row_per_leg() {
    let output = storyroute(&["itinerary", "--format", "csv"]);
    assert!(output.status.success());
    let text = stdout(&output);
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("from,to,kind,distance_km")
    );
    assert_eq!(lines.count(), 8, "{text}");
}

#[test]
fn depart_overrides_the_assumed_departure() {
    let output = storyroute(&[
        "itinerary",
        "--depart",
        "2023-09-10T16:00",
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["departure"], "2023-09-10T16:00:00+09:00");
    assert_eq!(value["departure_assumed"], false);
    let bad = storyroute(&["itinerary", "--depart", "teatime"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("--depart"), "{}", stderr(&bad));
}

#[test]
fn absurd_speeds_are_refused_with_a_clear_message() {
    for speed in ["0mph", "-5kmh", "2000kmh", "fast", "60"] {
        let output = storyroute(&["itinerary", "--speed", speed]);
        assert!(!output.status.success(), "{speed} was accepted");
        assert!(
            stderr(&output).contains("speed") || stderr(&output).contains("unit"),
            "{speed}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn validate_accepts_the_bundled_story() {
    let output = storyroute(&["validate", "assets/stories/kim-jong-un-2023.geojson"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("ok: "));
}

#[test]
fn validate_reports_every_bad_file_and_fails() {
    let empty = temp_file(b"");
    let binary = temp_file(&[0x89, b'P', b'N', b'G', 0xff, 0x00, 0x01]);
    let truncated =
        temp_file(br#"{"type": "FeatureCollection", "story": {"format": "storyroute/1""#);
    let bad_leg = temp_file(
        br#"{"type": "FeatureCollection", "story": {"format": "storyroute/1", "title": "t", "article": [],
            "default_speed": {"value": 10, "unit": "km/h", "source": "s"}},
         "features": [
           {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"id": "a", "name": "A", "role": "origin"}},
           {"type": "Feature", "geometry": {"type": "Point", "coordinates": [3, 4]}, "properties": {"id": "b", "name": "B", "role": "destination"}},
           {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}, "properties": {"from": "a", "to": "c"}}
         ]}"#,
    );
    let good = "assets/stories/kim-jong-un-2023.geojson";
    let paths = [
        empty.path(),
        binary.path(),
        truncated.path(),
        bad_leg.path(),
    ];
    let mut args = vec!["validate", good];
    let path_texts: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    args.extend(path_texts.iter().map(String::as_str));
    let output = storyroute(&args);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(errors.contains("the file is empty"), "{errors}");
    assert!(errors.contains("not UTF-8"), "{errors}");
    assert!(errors.contains("not valid JSON"), "{errors}");
    assert!(
        errors.contains("feature 2, field properties.to: \"c\" is not the id of any place"),
        "{errors}"
    );
    assert!(errors.contains("4 of 5 files failed to load"), "{errors}");
    assert!(
        stdout(&output).contains("ok: assets/stories"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn validate_does_not_hang_or_panic_on_a_large_random_file() {
    // Pseudo-random bytes (a fixed linear congruential sequence), 2 MiB.
    let mut state: u32 = 12345;
    let bytes: Vec<u8> = (0..2 * 1024 * 1024)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (state >> 16).to_le_bytes()[0]
        })
        .collect();
    let file = temp_file(&bytes);
    let output = storyroute(&["validate", &file.path().display().to_string()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!stderr(&output).contains("panicked"));
}

#[test]
fn validate_opens_plain_geojson_with_warnings() {
    let file = temp_file(
        br#"{"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2.35, 48.85]}, "properties": {"name": "Paris"}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.83, 45.76]}, "properties": {"name": "Lyon"}}]}"#,
    );
    let output = storyroute(&["validate", &file.path().display().to_string()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("warning"), "{}", stderr(&output));
}

#[test]
fn help_explains_the_commands() {
    let output = storyroute(&["--help"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(
        text.contains("itinerary")
            && text.contains("validate")
            && text.contains("Without a command, the desktop app opens")
    );
}

/// A two-place story, Alpha → Beta, with `dwell`, `rail_km` and `speed_kmh` written into it
/// as they are (JSON number text).
fn bounded_story(dwell: &str, rail_km: &str, speed_kmh: &str) -> tempfile::NamedTempFile {
    let text = format!(
        r#"{{"type": "FeatureCollection",
  "story": {{"format": "storyroute/1", "title": "t", "article": [],
            "default_speed": {{"value": {speed_kmh}, "unit": "km/h", "source": "s"}},
            "departure": {{"time": "2023-09-10T17:00:00+09:00"}}}},
  "features": [
    {{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [130.0, 42.0]}},
     "properties": {{"id": "a", "name": "A", "role": "origin", "utc_offset": "+09:00", "dwell_secs": {dwell}}}}},
    {{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [130.5, 42.5]}},
     "properties": {{"id": "b", "name": "B", "role": "destination", "utc_offset": "+09:00"}}}},
    {{"type": "Feature", "geometry": {{"type": "LineString", "coordinates": [[130.0, 42.0], [130.5, 42.5]]}},
     "properties": {{"from": "a", "to": "b", "rail_distance_km": {rail_km}, "rail_distance_source": "s"}}}}
  ]}}"#
    );
    temp_file(text.as_bytes())
}

#[test]
fn a_speed_too_slow_is_refused_with_exit_status_2_and_the_range() {
    for speed in ["0.0000001kmh", "0.05kmh", "0.06mph", "-0kmh"] {
        let output = storyroute(&["itinerary", "--speed", speed]);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{speed}: {}",
            stderr(&output)
        );
        let errors = stderr(&output);
        assert!(
            errors.contains("between 0.1 and 1,000 km/h (0.062 and 621.4 mph)"),
            "{speed}: {errors}"
        );
        assert!(errors.contains("--speed"), "{errors}");
        assert!(!errors.contains("panicked"), "{errors}");
    }
    // The bounds themselves are fine: 0.1 km/h, 1,000 km/h.
    for speed in ["0.1kmh", "1000kmh"] {
        let output = storyroute(&["itinerary", "--speed", speed]);
        assert!(output.status.success(), "{speed}: {}", stderr(&output));
    }
}

#[test]
fn out_of_bounds_numbers_in_a_story_are_refused_by_validate_and_itinerary_without_a_panic() {
    for (dwell, rail, speed, field) in [
        ("1e15", "10", "60", "field properties.dwell_secs"),
        ("0", "1e12", "60", "field properties.rail_distance_km"),
        ("0", "10", "1e-9", "field story.default_speed.value"),
    ] {
        let file = bounded_story(dwell, rail, speed);
        let path = file.path().display().to_string();
        let validate = storyroute(&["validate", &path]);
        assert_eq!(validate.status.code(), Some(1), "{}", stderr(&validate));
        assert!(stderr(&validate).contains(field), "{}", stderr(&validate));
        let itinerary = storyroute(&["itinerary", "--story", &path]);
        assert_eq!(itinerary.status.code(), Some(1), "{}", stderr(&itinerary));
        assert!(stderr(&itinerary).contains(field), "{}", stderr(&itinerary));
        assert!(!stderr(&itinerary).contains("panicked"));
    }
    // Within bounds, the same story runs: 30 days at A, 40,000 km at 0.1 km/h.
    let file = bounded_story("2592000", "40000", "0.1");
    let output = storyroute(&["itinerary", "--story", &file.path().display().to_string()]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn the_bundled_itinerary_prints_no_warning_and_validate_says_the_rail_distances_once() {
    let output = storyroute(&["itinerary"]);
    assert!(output.status.success());
    assert_eq!(stderr(&output), "", "no warning for the bundled story");
    let output = storyroute(&["validate", "assets/stories/kim-jong-un-2023.geojson"]);
    assert!(output.status.success());
    assert_eq!(stderr(&output), "");
    let text = stdout(&output);
    // FACTS.md §2: rail figures for 6 of the 8 route legs (none for Belogorsk–Ledyanaya and
    // Ledyanaya–Vostochny).
    assert!(text.contains("0 warnings"), "{text}");
    assert_eq!(
        text.matches("6 of 8 legs use official rail distances; 2 use the drawn length")
            .count(),
        1,
        "{text}"
    );
}

#[test]
fn a_thousand_places_without_an_offset_are_one_grouped_warning() {
    // 1,000 places along the equator (features 0–999), chained by 999 legs without rail
    // distances, none with a utc_offset.
    let mut features = Vec::new();
    for index in 0..1000 {
        let role = match index {
            0 => "origin",
            999 => "destination",
            _ => "stop",
        };
        features.push(format!(
            r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [{}, 0]}},
               "properties": {{"id": "p{index}", "name": "P{index}", "role": "{role}"}}}}"#,
            f64::from(index) * 0.01
        ));
    }
    for index in 0..999 {
        features.push(format!(
            r#"{{"type": "Feature", "geometry": {{"type": "LineString", "coordinates": [[{}, 0], [{}, 0]]}},
               "properties": {{"from": "p{index}", "to": "p{}"}}}}"#,
            f64::from(index) * 0.01,
            f64::from(index + 1) * 0.01,
            index + 1
        ));
    }
    let text = format!(
        r#"{{"type": "FeatureCollection",
  "story": {{"format": "storyroute/1", "title": "t", "article": [],
            "default_speed": {{"value": 60, "unit": "km/h", "source": "s"}}}},
  "features": [{}]}}"#,
        features.join(",\n")
    );
    let file = temp_file(text.as_bytes());
    let path = file.path().display().to_string();
    let output = storyroute(&["validate", &path]);
    assert!(output.status.success(), "{}", stderr(&output));
    let errors = stderr(&output);
    assert_eq!(errors.lines().count(), 1, "{errors}");
    assert!(
        errors.contains(
            "warning: 1,000 features (0–999), field properties.utc_offset: missing: times at this place are shown in UTC"
        ),
        "{errors}"
    );
    assert!(
        stdout(&output)
            .contains("no leg has an official rail distance: all 999 use the drawn length"),
        "{}",
        stdout(&output)
    );
    let output = storyroute(&["itinerary", "--story", &path]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output).lines().count(), 1, "{}", stderr(&output));
}

#[test]
fn a_departure_outside_1900_to_2100_is_refused_with_the_bound() {
    for depart in [
        "2150-01-01T00:00:00+09:00",
        "1899-12-31T23:00",
        "9999-12-31T23:59:59+14:00",
    ] {
        let output = storyroute(&["itinerary", "--depart", depart]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{depart}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("outside 1900–2100"),
            "{}",
            stderr(&output)
        );
    }
    let output = storyroute(&["itinerary", "--depart", "2100-12-31T23:59:59-12:00"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

/// The hand-checkable story of tests/data/stories/four-stations.geojson.
const FOUR_STATIONS: &str = "tests/data/stories/four-stations.geojson";

#[test]
fn the_json_itinerary_gives_the_speeds_the_reports_imply_and_the_best_fit() {
    let output = storyroute(&["--story", FOUR_STATIONS, "itinerary", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let implied = value["implied_speeds"].as_array().unwrap();
    // Departure 00:00 UTC+9 (assumed) = 15:00 UTC; Bravo 03:00 UTC+10 = 17:00 UTC; Charlie
    // 04:00 UTC+10 = 18:00 UTC; Delta 08:00 UTC+9 = 23:00 UTC. Rail 100, 50, 150 km.
    let expected = [
        ("Alpha", "Bravo", 100.0, 7200.0, 50.0, true),
        ("Bravo", "Charlie", 50.0, 3600.0, 50.0, false),
        ("Charlie", "Delta", 150.0, 18_000.0, 30.0, false),
    ];
    assert_eq!(implied.len(), expected.len());
    for (speed, (from, to, km, secs, kmh, assumed)) in implied.iter().zip(expected) {
        assert_eq!(speed["from"], from);
        assert_eq!(speed["to"], to);
        assert!((speed["distance_km"].as_f64().unwrap() - km).abs() < 1e-9);
        assert!((speed["reported_secs"].as_f64().unwrap() - secs).abs() < 1e-9);
        assert!((speed["speed_kmh"].as_f64().unwrap() - kmh).abs() < 1e-9);
        assert_eq!(speed["departure_assumed"], assumed);
    }
    // d = 100, 150, 300 km; t = 2, 3, 8 h; Charlie's 1 h stop before Delta: w = 0, 0, 1 h.
    // u = Σ d(t − w) / Σ d² = (200 + 450 + 2100) / 122,500; v = 1/u = 44.5454… km/h.
    let fit = value["best_fit_speed_kmh"].as_f64().unwrap();
    assert!((fit - 44.545_454_5).abs() < 1e-6, "{fit}");
}

#[test]
fn the_bundled_json_itinerary_implies_38_kmh_from_khasan_to_baranovsky() {
    let output = storyroute(&["itinerary", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let implied = value["implied_speeds"].as_array().unwrap();
    assert_eq!(implied.len(), 3);
    // Khasan 12 Sep 06:00 → Baranovsky 12:15, both UTC+10: 6 h 15 min; 238 km / 6.25 h.
    assert_eq!(implied[1]["from"], "Khasan");
    assert_eq!(implied[1]["to"], "Baranovsky");
    assert!((implied[1]["speed_kmh"].as_f64().unwrap() - 38.08).abs() < 1e-9);
    // Pyongyang 10 Sep 17:00 UTC+9 (assumed) → Khasan: 36 h for 845 + 5 km.
    assert_eq!(implied[0]["reported_secs"].as_f64(), Some(129_600.0));
    assert_eq!(implied[0]["departure_assumed"], true);
    assert!(value["best_fit_speed_kmh"].as_f64().is_some());
}

#[test]
fn the_table_lists_the_implied_speeds_and_the_best_fit_under_the_legs() {
    let output = storyroute(&["--story", FOUR_STATIONS, "itinerary"]);
    let text = stdout(&output);
    // 150 km in 5 h = 30 km/h = 18.6 mph.
    assert!(
        text.contains("Charlie → Delta: reported 5 h 00 min for 150 km, i.e. 30 km/h, 19 mph"),
        "{text}"
    );
    assert!(text.contains("from the assumed departure"), "{text}");
    // 44.545 km/h = 27.68 mph; Delta at 300/44.545 + 1 h = 7.7347 h = 7 h 44 min, reported 8 h.
    assert!(
        text.contains("Best-fit speed: 44.5 km/h (27.7 mph)"),
        "{text}"
    );
    assert!(text.contains("Delta: at that speed 7 h 44 min"), "{text}");
    let legs_end = text.find("Distance sources").unwrap();
    assert!(text.find("Speeds the reported times imply").unwrap() > legs_end);
}

#[test]
fn the_chart_comes_out_as_svg_with_the_estimate_and_the_reports() {
    let output = storyroute(&[
        "--story",
        FOUR_STATIONS,
        "itinerary",
        "--format",
        "svg",
        "--speed",
        "50kmh",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let svg = stdout(&output);
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    // At 50 km/h: (0 h, 0 km) (2, 100) (3, 150) (4, 150: the stop) (7, 300); the plot maps
    // 0…8 h (Delta reported 8 h after departure) onto x 240…920 and 0…300 km onto y 530…80.
    assert!(svg.contains(r#"points="240.0,530.0 410.0,380.0 495.0,305.0 580.0,305.0 835.0,80.0""#));
    // Four reported times (the assumed departure and three arrivals), three implied speeds.
    assert_eq!(svg.matches("<circle class=\"reported\"").count(), 4);
    assert_eq!(svg.matches("<line class=\"implied\"").count(), 3);
    assert!(svg.contains(">50 km/h</text>") && svg.contains(">30 km/h</text>"));
}

#[test]
fn validate_checks_a_story_of_ten_thousand_places() {
    // Written as tools/bigstory/make_big_story.py writes it: 10,000 stops, 9,999 legs, each
    // place with its offset and each leg with a rail distance, so no warning.
    let file = temp_file(big_story::big_story_text(10_000).as_bytes());
    let path = file.path().display().to_string();
    let output = storyroute(&["validate", &path]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    let text = stdout(&output);
    assert!(
        text.contains(&format!("ok: {path} (10000 places, 9999 legs, 0 warnings)")),
        "{text}"
    );
    assert!(
        text.contains("all 9999 legs use official rail distances"),
        "{text}"
    );
    // The itinerary of the same file: one row per leg, the last arriving at the last stop.
    let output = storyroute(&["itinerary", "--story", &path, "--format", "csv"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let rows = stdout(&output);
    assert_eq!(
        rows.lines()
            .filter(|line| line.starts_with("Stop "))
            .count(),
        9_999
    );
    // Worked out by hand: 0.4 km (0.249 mi) at 60 km/h is 24 s a leg; 9,999 legs take
    // 239,976 s = 66 h 39 min 36 s, so leaving at 08:00 on 1 January 2024 (UTC) the train
    // reaches the last stop at 02:39:36 on 4 January.
    assert_eq!(
        rows.lines().last(),
        Some(
            "Stop 9998,Stop 9999,route,0.400,0.249,rail,rail distance: generated,24,239976,2024-01-04T02:39:36+00:00,,"
        )
    );
}
