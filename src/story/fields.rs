//! Reading typed fields out of JSON objects, reporting every problem with its place in the
//! file. Shared by the story and the plain-GeoJSON readers.
//!
//! The bounds a story's numbers and times must keep (documented in `docs/story-format.md`,
//! "Bounds") are defined here. Together with the speed range (0.1–1,000 km/h, see
//! [`crate::units::Speed`]) they keep every leg's estimate far inside the calendar: the
//! longest leg (40,000 km at 0.1 km/h = 400,000 h, about 46 years, plus a 30-day stop) that
//! starts by 2100 ends before 2150.

use super::problem::{Problem, Severity};
use super::{Extra, LonLat, ReportedTime};
use chrono::{DateTime, Datelike as _, FixedOffset};
use serde_json::Value;
use std::ops::RangeInclusive;

/// The longest stop at a place, in seconds: 30 days (30 × 86,400 s).
pub const MAX_DWELL_SECS: f64 = 2_592_000.0;

/// The longest rail distance of one leg, in km: once round the Earth (its circumference is
/// about 40,000 km).
pub const MAX_RAIL_DISTANCE_KM: f64 = 40_000.0;

/// The years a departure or reported time may fall in, as written (in its own offset).
pub const STORY_YEARS: RangeInclusive<i32> = 1900..=2100;

/// Why `time` is not a year a story may use, if it is not.
pub fn check_story_year(time: DateTime<FixedOffset>) -> Result<(), String> {
    let year = time.year();
    if STORY_YEARS.contains(&year) {
        Ok(())
    } else {
        Err(format!(
            "year {year} is outside {}–{}, the years a story's times may use",
            STORY_YEARS.start(),
            STORY_YEARS.end()
        ))
    }
}

/// Problems collected while reading one file.
pub(crate) struct Report {
    pub file: String,
    pub problems: Vec<Problem>,
}

/// Where in the file a field is: which feature, and the path to the object holding it.
#[derive(Clone, Debug, Default)]
pub(crate) struct At {
    pub feature_index: Option<usize>,
    pub feature_id: Option<String>,
    /// e.g. `properties` or `story.default_speed`.
    pub prefix: String,
}

impl At {
    /// The story member, or an object inside it.
    pub fn member(prefix: &str) -> Self {
        Self {
            prefix: prefix.to_owned(),
            ..Self::default()
        }
    }

    /// The properties of feature `index`.
    pub fn feature(index: usize, id: Option<String>) -> Self {
        Self {
            feature_index: Some(index),
            feature_id: id,
            prefix: "properties".to_owned(),
        }
    }

    /// The same feature, another object.
    pub fn with_prefix(&self, prefix: &str) -> Self {
        Self {
            prefix: prefix.to_owned(),
            ..self.clone()
        }
    }

    fn field(&self, key: &str) -> Option<String> {
        match (self.prefix.is_empty(), key.is_empty()) {
            (true, true) => None,
            (true, false) => Some(key.to_owned()),
            (false, true) => Some(self.prefix.clone()),
            (false, false) => Some(format!("{}.{key}", self.prefix)),
        }
    }
}

impl Report {
    pub fn new(file: &str) -> Self {
        Self {
            file: file.to_owned(),
            problems: Vec::new(),
        }
    }

    fn push(&mut self, severity: Severity, at: &At, key: &str, message: String) {
        self.problems.push(Problem {
            severity,
            file: self.file.clone(),
            feature_index: at.feature_index,
            feature_id: at.feature_id.clone(),
            field: at.field(key),
            message,
        });
    }

    /// Something that stops the file from loading.
    pub fn error(&mut self, at: &At, key: &str, message: impl Into<String>) {
        self.push(Severity::Error, at, key, message.into());
    }

    /// Something missing or doubtful that does not.
    pub fn warning(&mut self, at: &At, key: &str, message: impl Into<String>) {
        self.push(Severity::Warning, at, key, message.into());
    }

    /// Worth knowing, nothing wrong: said once per story.
    pub fn info(&mut self, at: &At, key: &str, message: impl Into<String>) {
        self.push(Severity::Info, at, key, message.into());
    }

    pub fn has_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|problem| problem.severity == Severity::Error)
    }
}

/// "a number", "an array": for messages that say what was found instead.
pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Typed access to one JSON object, reporting into a [`Report`].
pub(crate) struct Fields<'a> {
    pub object: &'a Extra,
    pub at: At,
}

impl<'a> Fields<'a> {
    pub fn new(object: &'a Extra, at: At) -> Self {
        Self { object, at }
    }

    /// A field that is present and not null.
    fn present(&self, key: &str) -> Option<&'a Value> {
        self.object.get(key).filter(|value| !value.is_null())
    }

    pub fn optional_str(&self, report: &mut Report, key: &str) -> Option<String> {
        match self.present(key)? {
            Value::String(text) => Some(text.clone()),
            other => {
                report.error(
                    &self.at,
                    key,
                    format!("expected text, found {}", kind_of(other)),
                );
                None
            }
        }
    }

    pub fn required_str(&self, report: &mut Report, key: &str) -> Option<String> {
        if self.present(key).is_none() {
            report.error(&self.at, key, "missing (required)");
            return None;
        }
        let text = self.optional_str(report, key)?;
        if text.trim().is_empty() {
            report.error(&self.at, key, "must not be empty");
            return None;
        }
        Some(text)
    }

    pub fn optional_bool(&self, report: &mut Report, key: &str) -> Option<bool> {
        match self.present(key)? {
            Value::Bool(flag) => Some(*flag),
            other => {
                report.error(
                    &self.at,
                    key,
                    format!("expected true or false, found {}", kind_of(other)),
                );
                None
            }
        }
    }

    pub fn optional_f64(&self, report: &mut Report, key: &str) -> Option<f64> {
        match self.present(key)? {
            Value::Number(number) => match number.as_f64() {
                Some(value) if value.is_finite() => Some(value),
                _ => {
                    report.error(&self.at, key, "not a finite number");
                    None
                }
            },
            other => {
                report.error(
                    &self.at,
                    key,
                    format!("expected a number, found {}", kind_of(other)),
                );
                None
            }
        }
    }

    pub fn optional_object(&self, report: &mut Report, key: &str) -> Option<&'a Extra> {
        match self.present(key)? {
            Value::Object(object) => Some(object),
            other => {
                report.error(
                    &self.at,
                    key,
                    format!("expected an object, found {}", kind_of(other)),
                );
                None
            }
        }
    }

    pub fn optional_array(&self, report: &mut Report, key: &str) -> Option<&'a Vec<Value>> {
        match self.present(key)? {
            Value::Array(items) => Some(items),
            other => {
                report.error(
                    &self.at,
                    key,
                    format!("expected an array, found {}", kind_of(other)),
                );
                None
            }
        }
    }

    /// An array of strings; a non-string item is reported with its index.
    pub fn string_list(&self, report: &mut Report, key: &str) -> Vec<String> {
        let Some(items) = self.optional_array(report, key) else {
            return Vec::new();
        };
        let mut texts = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            match item {
                Value::String(text) => texts.push(text.clone()),
                other => report.error(
                    &self.at,
                    &format!("{key}[{index}]"),
                    format!("expected text, found {}", kind_of(other)),
                ),
            }
        }
        texts
    }

    /// An RFC 3339 time with an offset, in [`STORY_YEARS`].
    pub fn optional_time(&self, report: &mut Report, key: &str) -> Option<DateTime<FixedOffset>> {
        let text = self.optional_str(report, key)?;
        match DateTime::parse_from_rfc3339(&text) {
            Ok(time) => match check_story_year(time) {
                Ok(()) => Some(time),
                Err(message) => {
                    report.error(&self.at, key, format!("{text:?}: {message}"));
                    None
                }
            },
            Err(error) => {
                report.error(
                    &self.at,
                    key,
                    format!("{text:?} is not an RFC 3339 time with an offset ({error}), e.g. 2023-09-12T06:00:00+10:00"),
                );
                None
            }
        }
    }

    /// A `±HH:MM` offset from UTC.
    pub fn optional_offset(&self, report: &mut Report, key: &str) -> Option<FixedOffset> {
        let text = self.optional_str(report, key)?;
        let parsed = parse_utc_offset(&text);
        if parsed.is_none() {
            report.error(
                &self.at,
                key,
                format!("{text:?} is not a UTC offset like +09:00 or -05:30"),
            );
        }
        parsed
    }

    /// A `{time, source, approximate, note}` object.
    pub fn optional_reported_time(&self, report: &mut Report, key: &str) -> Option<ReportedTime> {
        let object = self.optional_object(report, key)?;
        let fields = Fields::new(object, self.at.with_prefix(&self.field_path(key)));
        let time = fields.optional_time(report, "time");
        if fields.present("time").is_none() {
            report.error(&fields.at, "time", "missing (required)");
        }
        let source = fields.required_str(report, "source");
        let approximate = fields.optional_bool(report, "approximate").unwrap_or(false);
        let note = fields.optional_str(report, "note");
        Some(ReportedTime {
            time: time?,
            source: source?,
            approximate,
            note,
            extra: fields.extra(&["time", "source", "approximate", "note"]),
        })
    }

    fn field_path(&self, key: &str) -> String {
        if self.at.prefix.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.at.prefix)
        }
    }

    /// Everything but `known`, kept for a faithful save.
    pub fn extra(&self, known: &[&str]) -> Extra {
        self.object
            .iter()
            .filter(|(key, _)| !known.contains(&key.as_str()))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect()
    }
}

/// Parse `+09:00`, `-05:30`, `+0900` or `Z`.
pub(crate) fn parse_utc_offset(text: &str) -> Option<FixedOffset> {
    let text = text.trim();
    if text == "Z" || text == "UTC" {
        return FixedOffset::east_opt(0);
    }
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (hours, minutes) = match rest.split_once(':') {
        Some((hours, minutes)) => (hours, minutes),
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "0"),
    };
    if hours.is_empty() || hours.len() > 2 || minutes.len() > 2 {
        return None;
    }
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    if hours > 14 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// `+09:00` for an offset.
pub(crate) fn format_utc_offset(offset: FixedOffset) -> String {
    let secs = offset.local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let minutes = secs.abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A GeoJSON position as a checked [`LonLat`], or why it is not one.
pub(crate) fn check_position(position: &[f64]) -> Result<LonLat, String> {
    let [lon, lat, ..] = position else {
        return Err(format!(
            "a position needs a longitude and a latitude, found {} number(s)",
            position.len()
        ));
    };
    if !lon.is_finite() || !lat.is_finite() {
        return Err("a coordinate is NaN or infinite".to_owned());
    }
    if !(-180.0..=180.0).contains(lon) {
        return Err(format!(
            "longitude {lon} is outside −180…180 (GeoJSON puts longitude first)"
        ));
    }
    if !(-90.0..=90.0).contains(lat) {
        return Err(format!(
            "latitude {lat} is outside −90…90 (GeoJSON puts longitude first)"
        ));
    }
    Ok(LonLat::new(*lon, *lat))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::{LoadError, Loaded, parse_story};
    use serde_json::json;

    /// A two-place story, Alpha → Beta, with every bounded number and time in it.
    fn story_with(dwell: &Value, rail_km: &Value, speed_kmh: &Value, departure: &str) -> Value {
        json!({
            "type": "FeatureCollection",
            "story": {
                "format": "storyroute/1", "title": "Bounds", "article": [],
                "default_speed": {"value": speed_kmh, "unit": "km/h", "source": "test"},
                "departure": {"time": departure}
            },
            "features": [
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": [130.0, 42.0]},
                 "properties": {"id": "a", "name": "Alpha", "role": "origin", "utc_offset": "+09:00",
                                "dwell_secs": dwell}},
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": [130.5, 42.5]},
                 "properties": {"id": "b", "name": "Beta", "role": "destination", "utc_offset": "+09:00",
                                "reported_arrival": {"time": "2023-09-10T10:00:00+09:00", "source": "t"}}},
                {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[130.0, 42.0], [130.5, 42.5]]},
                 "properties": {"from": "a", "to": "b", "rail_distance_km": rail_km, "rail_distance_source": "t"}}
            ]
        })
    }

    fn load(value: &Value) -> Result<Loaded, LoadError> {
        parse_story(value.to_string().as_bytes(), "bounds.geojson")
    }

    /// The one error of a load that must fail: its field and message.
    fn the_error(value: &Value) -> (String, String) {
        let error = load(value).expect_err("out of bounds");
        let errors: Vec<&Problem> = error.errors().collect();
        assert_eq!(errors.len(), 1, "{error}");
        (
            errors[0].field.clone().unwrap_or_default(),
            errors[0].message.clone(),
        )
    }

    const DEPARTURE: &str = "2023-09-10T17:00:00+09:00";

    fn infos(loaded: &Loaded) -> Vec<&str> {
        loaded
            .warnings
            .iter()
            .filter(|problem| problem.severity == Severity::Info)
            .map(|problem| problem.message.as_str())
            .collect()
    }

    #[test]
    fn the_bundled_story_loads_with_no_warning_and_one_line_on_its_rail_distances() {
        // FACTS.md §2 gives rail figures for Pyongyang–Tumangang (845, derived), Tumangang–
        // Khasan (5), Khasan–Baranovsky (238), Baranovsky–Ussuriysk (23), Ussuriysk–Khabarovsk
        // and Khabarovsk–Belogorsk (from km posts); none for Belogorsk–Ledyanaya or the
        // Ledyanaya–Vostochny branch ("not found"): 6 of the 8 route legs.
        let loaded = crate::story::default_story().unwrap();
        let warnings: Vec<String> = loaded
            .warnings
            .iter()
            .filter(|problem| problem.severity != Severity::Info)
            .map(ToString::to_string)
            .collect();
        assert!(warnings.is_empty(), "{warnings:#?}");
        assert_eq!(
            infos(&loaded),
            ["6 of 8 legs use official rail distances; 2 use the drawn length"]
        );
    }

    #[test]
    fn a_story_without_any_rail_distance_says_so_once() {
        let mut story = story_with(&json!(0), &json!(10), &json!(60), DEPARTURE);
        let line = |from: &str, to: &str, a: [f64; 2], b: [f64; 2]| {
            json!({"type": "Feature", "geometry": {"type": "LineString", "coordinates": [a, b]},
                   "properties": {"from": from, "to": to}})
        };
        let place = |id: &str, position: [f64; 2]| {
            json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": position},
                   "properties": {"id": id, "name": id, "role": "stop", "utc_offset": "+09:00"}})
        };
        // Alpha → Beta (no rail distance now) → Gamma → Delta, Delta the destination.
        story["features"][1]["properties"]["role"] = json!("stop");
        story["features"][2]["properties"]
            .as_object_mut()
            .unwrap()
            .retain(|key, _| key == "from" || key == "to");
        let features = story["features"].as_array_mut().unwrap();
        features.push(place("g", [131.0, 43.0]));
        features.push(place("d", [131.5, 43.5]));
        features[4]["properties"]["role"] = json!("destination");
        features.push(line("b", "g", [130.5, 42.5], [131.0, 43.0]));
        features.push(line("g", "d", [131.0, 43.0], [131.5, 43.5]));
        let loaded = load(&story).unwrap();
        assert_eq!(
            infos(&loaded),
            ["no leg has an official rail distance: all 3 use the drawn length"]
        );
        assert!(
            loaded
                .warnings
                .iter()
                .all(|problem| problem.severity == Severity::Info),
            "{:#?}",
            loaded.warnings
        );
    }

    #[test]
    fn numbers_at_their_bounds_load() {
        // 30 days = 30 × 86,400 s = 2,592,000 s; 40,000 km; 0.1 and 1,000 km/h.
        for (dwell, rail, speed) in [
            (json!(0), json!(40_000), json!(0.1)),
            (json!(2_592_000), json!(0.001), json!(1000)),
            (json!(-0.0), json!(5), json!(60)),
        ] {
            let loaded = load(&story_with(&dwell, &rail, &speed, DEPARTURE));
            assert!(loaded.is_ok(), "{dwell} {rail} {speed}: {loaded:?}");
        }
    }

    #[test]
    fn a_stop_longer_than_30_days_or_negative_is_an_error_naming_the_field_and_the_bound() {
        for dwell in [json!(2_592_001), json!(1e15), json!(-1), json!(1e300)] {
            let (field, message) =
                the_error(&story_with(&dwell, &json!(10), &json!(60), DEPARTURE));
            assert_eq!(field, "properties.dwell_secs", "{dwell}");
            assert!(message.contains("2,592,000 s (30 days)"), "{message}");
        }
    }

    #[test]
    fn a_rail_distance_of_zero_or_past_once_round_the_earth_is_an_error_naming_the_bound() {
        for rail in [json!(0), json!(-5), json!(40_000.1), json!(1e12)] {
            let (field, message) = the_error(&story_with(&json!(0), &rail, &json!(60), DEPARTURE));
            assert_eq!(field, "properties.rail_distance_km", "{rail}");
            assert!(message.contains("at most 40,000 km"), "{message}");
        }
    }

    #[test]
    fn a_default_speed_outside_0_1_to_1000_km_h_is_an_error_naming_the_range() {
        for speed in [json!(1e-9), json!(0.099), json!(1000.5), json!(0)] {
            let (field, message) = the_error(&story_with(&json!(0), &json!(10), &speed, DEPARTURE));
            assert_eq!(field, "story.default_speed.value", "{speed}");
            assert!(message.contains("0.1 and 1,000 km/h"), "{message}");
        }
    }

    #[test]
    fn times_outside_1900_to_2100_are_errors_and_the_bounds_are_read_as_written() {
        // The first and last moments, in their own offsets: 1900 and 2100 as written.
        for time in ["1900-01-01T00:00:00+14:00", "2100-12-31T23:59:59-12:00"] {
            assert!(
                load(&story_with(&json!(0), &json!(10), &json!(60), time)).is_ok(),
                "{time}"
            );
        }
        for time in [
            "1899-12-31T23:59:59+00:00",
            "2101-01-01T00:00:00+00:00",
            "9999-12-31T23:59:59+14:00",
            "0000-01-01T00:00:00-12:00",
        ] {
            let (field, message) = the_error(&story_with(&json!(0), &json!(10), &json!(60), time));
            assert_eq!(field, "story.departure.time", "{time}");
            assert!(message.contains("outside 1900–2100"), "{message}");
        }
        // A reported time is held to the same years.
        let mut story = story_with(&json!(0), &json!(10), &json!(60), DEPARTURE);
        story["features"][1]["properties"]["reported_arrival"]["time"] =
            json!("2150-01-01T00:00:00+09:00");
        let (field, message) = the_error(&story);
        assert_eq!(field, "properties.reported_arrival.time");
        assert!(message.contains("year 2150"), "{message}");
    }

    #[test]
    fn utc_offsets_are_read_in_the_usual_spellings() {
        assert_eq!(
            parse_utc_offset("+09:00").map(|o| o.local_minus_utc()),
            Some(9 * 3600)
        );
        assert_eq!(
            parse_utc_offset("-05:30").map(|o| o.local_minus_utc()),
            Some(-(5 * 3600 + 1800))
        );
        assert_eq!(
            parse_utc_offset("+1000").map(|o| o.local_minus_utc()),
            Some(10 * 3600)
        );
        assert_eq!(parse_utc_offset("Z").map(|o| o.local_minus_utc()), Some(0));
        assert_eq!(parse_utc_offset("+25:00"), None);
        assert_eq!(parse_utc_offset("9"), None);
        assert_eq!(parse_utc_offset(""), None);
        assert_eq!(parse_utc_offset("+é"), None);
    }

    #[test]
    fn offsets_are_written_as_they_are_read() {
        for text in ["+09:00", "+10:00", "-05:30", "+00:00"] {
            let offset = parse_utc_offset(text).unwrap();
            assert_eq!(format_utc_offset(offset), text);
        }
    }

    #[test]
    fn positions_out_of_range_say_longitude_comes_first() {
        assert!(check_position(&[130.0, 42.0]).is_ok());
        let error = check_position(&[42.0, 130.0]).unwrap_err();
        assert!(error.contains("latitude 130"), "{error}");
        assert!(error.contains("longitude first"), "{error}");
        assert!(
            check_position(&[200.0, 0.0])
                .unwrap_err()
                .contains("longitude 200")
        );
        assert!(
            check_position(&[f64::NAN, 0.0])
                .unwrap_err()
                .contains("NaN")
        );
        assert!(check_position(&[1.0]).unwrap_err().contains("1 number"));
    }
}
