//! Speeds written in a text: "around 37mph", "60 km/h", "at 80 kilometres an hour", "50
//! miles per hour". The number and unit are read by [`SpeedInput`] (the parser the command
//! line and the app use), so a speed found here obeys the same bounds (0.1–1,000 km/h).
//!
//! Invariants: a found speed's span covers the number and its unit, on `char` boundaries;
//! speeds outside the bounds are not offered.

use crate::units::SpeedInput;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// A speed in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct SpeedMention {
    /// The speed, in the unit written.
    pub input: SpeedInput,
    /// The number as written.
    pub value: f64,
    /// Where the number and unit are.
    pub span: Range<usize>,
}

fn pattern() -> Option<&'static Regex> {
    static PATTERN: OnceLock<Option<Regex>> = OnceLock::new();
    PATTERN
        .get_or_init(|| {
            Regex::new(
                r"(?ix)
                \b(?P<number>\d{1,4}(?:[.,]\d+)?)
                \s?(?:-\s?)?
                (?P<unit>
                    mph | km/h | kmh | kph | km\s?/\s?h
                  | (?:kilometres|kilometers|km)\s(?:an|a|per)\s hour
                  | miles\s(?:an|a|per)\s hour
                )\b",
            )
            .ok()
        })
        .as_ref()
}

/// Every speed in `text`, in order.
pub fn speeds(text: &str) -> Vec<SpeedMention> {
    let Some(pattern) = pattern() else {
        return Vec::new();
    };
    pattern
        .captures_iter(text)
        .filter_map(|found| {
            let whole = found.get(0)?;
            let number = found.name("number")?.as_str().replace(',', ".");
            let unit_words = found.name("unit")?.as_str().to_lowercase();
            let unit = if unit_words.starts_with("mi") || unit_words == "mph" {
                "mph"
            } else {
                "km/h"
            };
            let input: SpeedInput = format!("{number} {unit}").parse().ok()?;
            Some(SpeedMention {
                input,
                value: number.parse().ok()?,
                span: whole.start()..whole.end(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::float_cmp,
        reason = "the speeds are written in the text, exactly"
    )]
    use super::*;
    use crate::units::SpeedUnit;

    fn first(text: &str) -> (f64, SpeedUnit, &str) {
        let found = speeds(text);
        let Some(speed) = found.first() else {
            panic!("no speed in {text:?}");
        };
        (speed.value, speed.input.unit, &text[speed.span.clone()])
    }

    #[test]
    fn the_written_forms_of_a_speed_are_read() {
        assert_eq!(
            first("a sluggish pace of only around 37mph because"),
            (37.0, SpeedUnit::Mph, "37mph")
        );
        assert_eq!(first("at 60 km/h."), (60.0, SpeedUnit::Kmh, "60 km/h"));
        assert_eq!(
            first("at 80 kilometres an hour"),
            (80.0, SpeedUnit::Kmh, "80 kilometres an hour")
        );
        assert_eq!(
            first("up to 50 miles per hour"),
            (50.0, SpeedUnit::Mph, "50 miles per hour")
        );
        assert_eq!(first("a 120-kph line"), (120.0, SpeedUnit::Kmh, "120-kph"));
    }

    #[test]
    fn numbers_without_a_speed_unit_are_not_speeds() {
        assert!(speeds("20 heavy carriages, 37 miles long, in 2019").is_empty());
    }

    #[test]
    fn a_speed_out_of_bounds_is_not_offered() {
        assert!(speeds("at 5000 km/h").is_empty());
    }
}
