//! Property tests of speeds: no text and no number makes `SpeedInput::from_str` or
//! `Speed::new` panic, and a speed is accepted only within 0.1–1,000 km/h.
//!
//! The bounds in mph are converted by hand: 0.1 km/h ÷ 1.609344 = 0.062137119 mph and
//! 1,000 km/h ÷ 1.609344 = 621.371192 mph. Values within a hair of a bound may go either way
//! (the conversion rounds); everything clearly inside must be accepted, everything clearly
//! outside refused.

use proptest::prelude::*;
use storyroute::units::{Speed, SpeedInput, SpeedUnit};

/// Interesting numbers: zeros, subnormals, the bounds and their neighbours, huge, non-finite.
fn edge_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(-0.0),
        Just(f64::MIN_POSITIVE),
        Just(f64::MIN_POSITIVE / 1024.0),
        Just(5e-324),
        Just(1e-300),
        Just(1e-7),
        Just(0.1),
        Just(0.099_999_999),
        Just(0.062_137_119),
        Just(0.062_137_120),
        Just(621.371_192),
        Just(621.371_193),
        Just(1000.0),
        Just(1_000.000_001),
        Just(1e300),
        Just(f64::MAX),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        any::<f64>(),
        (0.0..2000.0f64),
        (-10.0..10.0f64),
    ]
}

fn unit() -> impl Strategy<Value = SpeedUnit> {
    prop_oneof![Just(SpeedUnit::Kmh), Just(SpeedUnit::Mph)]
}

/// Whether `value` in `unit` must be accepted (`Some(true)`), refused (`Some(false)`), or is
/// too close to a bound to say (`None`). Bounds converted by hand, see the module comment.
fn expected(value: f64, unit: SpeedUnit) -> Option<bool> {
    let (low, high, hair) = match unit {
        SpeedUnit::Kmh => (0.1, 1000.0, 1e-12),
        SpeedUnit::Mph => (0.062_137_119_223_733_4, 621.371_192_237_334, 1e-9),
    };
    if value.is_nan() {
        return Some(false);
    }
    if (value - low).abs() <= hair || (value - high).abs() <= hair * 1000.0 {
        return None;
    }
    Some(value > low && value < high)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn speed_new_accepts_exactly_the_range(value in edge_f64(), unit in unit()) {
        let result = Speed::new(value, unit);
        if let Some(ok) = expected(value, unit) {
            prop_assert_eq!(result.is_ok(), ok, "{} {:?}: {:?}", value, unit, result);
        }
        match result {
            Ok(speed) => {
                // In km/h, within the range (a hair of rounding allowed).
                prop_assert!((0.1 - 1e-12..=1000.0 + 1e-9).contains(&speed.kmh()));
                prop_assert!(speed.metres_per_sec().is_finite());
            }
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
    }

    #[test]
    fn speed_text_never_panics_and_is_read_within_the_range(
        text in prop_oneof![
            "\\PC{0,24}",
            "[-+0-9.eE]{0,12} ?(mph|kmh|km/h|kph|MPH|knots|)",
        ],
    ) {
        match text.parse::<SpeedInput>() {
            Ok(input) => {
                let kmh = input.speed.kmh();
                prop_assert!((0.1 - 1e-12..=1000.0 + 1e-9).contains(&kmh), "{text:?}: {kmh}");
            }
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
    }

    #[test]
    fn a_written_number_is_read_as_speed_new_reads_it(value in edge_f64(), unit in unit()) {
        // Rust prints any finite f64 so that it reads back exactly.
        let text = format!("{value}{}", unit.symbol());
        let parsed = text.parse::<SpeedInput>();
        if value.is_finite()
            && !text.contains('e')
            && let Some(ok) = expected(value, unit)
        {
            prop_assert_eq!(parsed.is_ok(), ok, "{:?}: {:?}", text, parsed);
        }
    }
}
