//! Distances, speeds and durations as types, so that miles and kilometres cannot be mixed.
//!
//! Invariants: everything is stored in SI (metres, metres per second, seconds) and converted
//! only for display or input. One mile is exactly 1 609.344 m. A [`Speed`] is always finite
//! and between [`Speed::MIN_KMH`] and [`Speed::MAX_KMH`] (0.1–1,000 km/h, about 0.062–621 mph);
//! the only way to make one is [`Speed::new`]. The lower bound keeps every journey's duration
//! far inside the calendar: 40,000 km (once round the Earth) at 0.1 km/h is 400,000 h, about
//! 46 years.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Metres in one international mile (exact, by definition).
pub const METRES_PER_MILE: f64 = 1_609.344;

/// Metres in one kilometre.
pub const METRES_PER_KM: f64 = 1_000.0;

/// A length, stored in metres.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd, Serialize, Deserialize)]
pub struct Distance {
    metres: f64,
}

impl Distance {
    /// Zero length.
    pub const ZERO: Self = Self { metres: 0.0 };

    /// A distance of `metres`.
    pub fn from_metres(metres: f64) -> Self {
        Self { metres }
    }

    /// A distance of `km` kilometres.
    pub fn from_km(km: f64) -> Self {
        Self::from_metres(km * METRES_PER_KM)
    }

    /// A distance of `miles` international miles.
    pub fn from_miles(miles: f64) -> Self {
        Self::from_metres(miles * METRES_PER_MILE)
    }

    /// In metres.
    pub fn metres(self) -> f64 {
        self.metres
    }

    /// In kilometres.
    pub fn km(self) -> f64 {
        self.metres / METRES_PER_KM
    }

    /// In international miles.
    pub fn miles(self) -> f64 {
        self.metres / METRES_PER_MILE
    }

    /// In the given unit's length (kilometres for km/h, miles for mph).
    pub fn in_unit(self, unit: SpeedUnit) -> f64 {
        match unit {
            SpeedUnit::Kmh => self.km(),
            SpeedUnit::Mph => self.miles(),
        }
    }
}

impl std::ops::Add for Distance {
    type Output = Self;
    fn add(self, rhs: Self) -> Self {
        Self::from_metres(self.metres + rhs.metres)
    }
}

impl std::ops::AddAssign for Distance {
    fn add_assign(&mut self, rhs: Self) {
        self.metres += rhs.metres;
    }
}

impl std::ops::Mul<f64> for Distance {
    type Output = Self;
    fn mul(self, factor: f64) -> Self {
        Self::from_metres(self.metres * factor)
    }
}

impl std::iter::Sum for Distance {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::ZERO, |a, b| a + b)
    }
}

/// The unit a speed is entered and shown in. Files spell it `mph` or `km/h` (read with
/// [`FromStr`]); serde uses the variant names, which every format (RON included) can write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SpeedUnit {
    /// Miles per hour.
    #[default]
    Mph,
    /// Kilometres per hour.
    Kmh,
}

impl SpeedUnit {
    /// Both units, in the order a switch shows them.
    pub const ALL: [Self; 2] = [Self::Mph, Self::Kmh];

    /// The symbol shown after a speed: "mph" or "km/h".
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Mph => "mph",
            Self::Kmh => "km/h",
        }
    }

    /// The symbol of the matching length unit: "mi" or "km".
    pub fn distance_symbol(self) -> &'static str {
        match self {
            Self::Mph => "mi",
            Self::Kmh => "km",
        }
    }

    /// Metres per second in one of this unit.
    fn metres_per_sec(self) -> f64 {
        match self {
            Self::Mph => METRES_PER_MILE / 3_600.0,
            Self::Kmh => METRES_PER_KM / 3_600.0,
        }
    }
}

impl fmt::Display for SpeedUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

impl FromStr for SpeedUnit {
    type Err = SpeedError;
    fn from_str(text: &str) -> Result<Self, SpeedError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "mph" | "mi/h" => Ok(Self::Mph),
            "km/h" | "kmh" | "kph" | "kmph" => Ok(Self::Kmh),
            _ => Err(SpeedError::UnknownUnit(text.to_owned())),
        }
    }
}

/// The valid range, as every refusal states it. 0.1 km/h ÷ 1.609344 = 0.062 mph;
/// 1,000 km/h ÷ 1.609344 = 621.4 mph.
const RANGE: &str = "a speed must be between 0.1 and 1,000 km/h (0.062 and 621.4 mph)";

/// Why a speed was refused.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SpeedError {
    /// NaN or infinite.
    #[error("the speed must be a finite number")]
    NotFinite,
    /// Zero or negative: the train would never arrive.
    #[error("the speed must be greater than zero (got {0}); {RANGE}")]
    NotPositive(f64),
    /// Slower than [`Speed::MIN_KMH`]: the journey would outlast the calendar.
    #[error("{value} {unit} is too slow; {RANGE}")]
    TooSlow {
        /// The refused number, as given.
        value: f64,
        /// The unit it was given in.
        unit: SpeedUnit,
    },
    /// Faster than [`Speed::MAX_KMH`]: faster than any train.
    #[error("{value} {unit} is faster than any train; {RANGE}")]
    Absurd {
        /// The refused number, as given.
        value: f64,
        /// The unit it was given in.
        unit: SpeedUnit,
    },
    /// Not mph or km/h.
    #[error("unknown speed unit {0:?}: use mph or km/h")]
    UnknownUnit(String),
    /// A number was expected.
    #[error("{0:?} is not a speed: write a number and a unit, like 37mph or 60kmh")]
    Unreadable(String),
}

/// A travel speed: finite, at least [`Speed::MIN_KMH`] and at most [`Speed::MAX_KMH`].
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize)]
pub struct Speed {
    metres_per_sec: f64,
}

impl Speed {
    /// Anything slower is refused: at 0.1 km/h a train covers 2.4 km a day, and a journey
    /// once round the Earth (40,000 km) already takes about 46 years.
    pub const MIN_KMH: f64 = 0.1;

    /// Anything faster is refused as absurd for a train.
    pub const MAX_KMH: f64 = 1_000.0;

    /// `value` in `unit`, or why it cannot be a speed: it must be finite and, converted to
    /// km/h, within [`Speed::MIN_KMH`]…[`Speed::MAX_KMH`] (both included).
    pub fn new(value: f64, unit: SpeedUnit) -> Result<Self, SpeedError> {
        if !value.is_finite() {
            return Err(SpeedError::NotFinite);
        }
        if value <= 0.0 {
            return Err(SpeedError::NotPositive(value));
        }
        // Compared in km/h, converted once: km/h values are compared exactly as written.
        let kmh = match unit {
            SpeedUnit::Kmh => value,
            SpeedUnit::Mph => value * (METRES_PER_MILE / METRES_PER_KM),
        };
        if kmh < Self::MIN_KMH {
            return Err(SpeedError::TooSlow { value, unit });
        }
        if kmh > Self::MAX_KMH {
            return Err(SpeedError::Absurd { value, unit });
        }
        Ok(Self {
            metres_per_sec: value * unit.metres_per_sec(),
        })
    }

    /// Metres per second.
    pub fn metres_per_sec(self) -> f64 {
        self.metres_per_sec
    }

    /// Kilometres per hour.
    pub fn kmh(self) -> f64 {
        self.in_unit(SpeedUnit::Kmh)
    }

    /// Miles per hour.
    pub fn mph(self) -> f64 {
        self.in_unit(SpeedUnit::Mph)
    }

    /// The value in `unit`.
    pub fn in_unit(self, unit: SpeedUnit) -> f64 {
        self.metres_per_sec / unit.metres_per_sec()
    }

    /// Seconds needed to cover `distance` at this speed.
    pub fn duration_secs(self, distance: Distance) -> f64 {
        distance.metres() / self.metres_per_sec
    }

    /// Distance covered in `duration_secs` at this speed.
    pub fn distance_in(self, duration_secs: f64) -> Distance {
        Distance::from_metres(self.metres_per_sec * duration_secs)
    }
}

/// A speed together with the unit the user chose for it, parsed from text like `37mph`,
/// `60kmh`, `60 km/h` or `37 mph`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpeedInput {
    /// The speed itself.
    pub speed: Speed,
    /// The unit it was written in, and should be shown in.
    pub unit: SpeedUnit,
}

impl FromStr for SpeedInput {
    type Err = SpeedError;
    fn from_str(text: &str) -> Result<Self, SpeedError> {
        let trimmed = text.trim();
        let split_at = trimmed
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
            .unwrap_or(trimmed.len());
        let (number, unit) = trimmed.split_at(split_at);
        if number.is_empty() || unit.trim().is_empty() {
            return Err(SpeedError::Unreadable(text.to_owned()));
        }
        let unit: SpeedUnit = unit.parse()?;
        let value: f64 = number
            .parse()
            .map_err(|_| SpeedError::Unreadable(text.to_owned()))?;
        Ok(Self {
            speed: Speed::new(value, unit)?,
            unit,
        })
    }
}

/// A duration split for display: its sign ("−" or ""), whole days, hours and minutes, rounded
/// to the minute; `None` if it is not finite.
pub fn duration_parts(duration_secs: f64) -> Option<(&'static str, i64, i64, i64)> {
    if !duration_secs.is_finite() {
        return None;
    }
    let sign = if duration_secs < 0.0 { "−" } else { "" };
    // Rounded to whole minutes; a journey of days still fits in i64 minutes.
    #[expect(
        clippy::cast_possible_truncation,
        reason = "rounded, and far below i64::MAX"
    )]
    let total_minutes = (duration_secs.abs() / 60.0).round() as i64;
    Some((
        sign,
        total_minutes / (24 * 60),
        (total_minutes / 60) % 24,
        total_minutes % 60,
    ))
}

/// "14 h 05 min", "45 min", "2 d 03 h 10 min": a duration as a traveller reads it, rounded to the
/// minute.
pub fn format_duration(duration_secs: f64) -> String {
    let Some((sign, days, hours, minutes)) = duration_parts(duration_secs) else {
        return "—".to_owned();
    };
    if days > 0 {
        format!("{sign}{days} d {hours:02} h {minutes:02} min")
    } else if hours > 0 {
        format!("{sign}{hours} h {minutes:02} min")
    } else {
        format!("{sign}{minutes} min")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[expect(
        clippy::float_cmp,
        reason = "the definition is exact, so is the comparison"
    )]
    fn a_mile_is_exactly_1609_344_metres() {
        assert_eq!(Distance::from_miles(1.0).metres(), 1_609.344);
        assert!((Distance::from_km(1.609_344).miles() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn thirty_seven_mph_is_about_59_5_kmh() {
        let speed = Speed::new(37.0, SpeedUnit::Mph).unwrap();
        assert!((speed.kmh() - 59.545_728).abs() < 1e-6, "{}", speed.kmh());
        assert!((speed.mph() - 37.0).abs() < 1e-12);
    }

    #[test]
    fn a_leg_at_37_mph_takes_distance_over_speed() {
        let speed = Speed::new(37.0, SpeedUnit::Mph).unwrap();
        let secs = speed.duration_secs(Distance::from_miles(74.0));
        assert!((secs - 2.0 * 3600.0).abs() < 1e-9);
        let back = speed.distance_in(secs);
        assert!((back.miles() - 74.0).abs() < 1e-9);
    }

    #[test]
    fn zero_negative_nan_infinite_and_absurd_speeds_are_refused() {
        assert_eq!(
            Speed::new(0.0, SpeedUnit::Kmh),
            Err(SpeedError::NotPositive(0.0))
        );
        assert_eq!(
            Speed::new(-5.0, SpeedUnit::Mph),
            Err(SpeedError::NotPositive(-5.0))
        );
        assert_eq!(
            Speed::new(f64::NAN, SpeedUnit::Kmh),
            Err(SpeedError::NotFinite)
        );
        assert_eq!(
            Speed::new(f64::INFINITY, SpeedUnit::Kmh),
            Err(SpeedError::NotFinite)
        );
        assert!(matches!(
            Speed::new(1001.0, SpeedUnit::Kmh),
            Err(SpeedError::Absurd { .. })
        ));
        // 700 mph is about 1127 km/h: over the limit although the number is below 1000.
        assert!(matches!(
            Speed::new(700.0, SpeedUnit::Mph),
            Err(SpeedError::Absurd { .. })
        ));
        assert!(Speed::new(1000.0, SpeedUnit::Kmh).is_ok());
    }

    #[test]
    fn speeds_below_a_tenth_of_a_km_per_hour_are_refused_and_the_message_names_the_range() {
        assert!(Speed::new(0.1, SpeedUnit::Kmh).is_ok());
        assert!(matches!(
            Speed::new(0.099_9, SpeedUnit::Kmh),
            Err(SpeedError::TooSlow { .. })
        ));
        assert!(matches!(
            Speed::new(1e-7, SpeedUnit::Kmh),
            Err(SpeedError::TooSlow { .. })
        ));
        assert!(matches!(
            Speed::new(f64::MIN_POSITIVE / 4.0, SpeedUnit::Kmh),
            Err(SpeedError::TooSlow { .. })
        ));
        // 0.06 mph × 1.609344 = 0.0966 km/h: too slow; 0.07 mph = 0.1127 km/h: fine.
        assert!(matches!(
            Speed::new(0.06, SpeedUnit::Mph),
            Err(SpeedError::TooSlow { .. })
        ));
        assert!(Speed::new(0.07, SpeedUnit::Mph).is_ok());
        // 621 mph = 999.4 km/h: fine; 622 mph = 1001.0 km/h: too fast.
        assert!(Speed::new(621.0, SpeedUnit::Mph).is_ok());
        assert!(matches!(
            Speed::new(622.0, SpeedUnit::Mph),
            Err(SpeedError::Absurd { .. })
        ));
        for refused in [
            Speed::new(1e-7, SpeedUnit::Kmh),
            Speed::new(2000.0, SpeedUnit::Kmh),
            Speed::new(0.0, SpeedUnit::Mph),
        ] {
            let message = refused.unwrap_err().to_string();
            assert!(
                message.contains("between 0.1 and 1,000 km/h (0.062 and 621.4 mph)"),
                "{message}"
            );
        }
        let input = "0.0000001kmh".parse::<SpeedInput>();
        assert!(
            matches!(input, Err(SpeedError::TooSlow { .. })),
            "{input:?}"
        );
    }

    #[test]
    fn speeds_are_read_with_their_unit() {
        let input: SpeedInput = "37mph".parse().unwrap();
        assert_eq!(input.unit, SpeedUnit::Mph);
        assert!((input.speed.mph() - 37.0).abs() < 1e-12);
        let input: SpeedInput = "60 km/h".parse().unwrap();
        assert_eq!(input.unit, SpeedUnit::Kmh);
        assert!((input.speed.kmh() - 60.0).abs() < 1e-12);
        let input: SpeedInput = "60kmh".parse().unwrap();
        assert_eq!(input.unit, SpeedUnit::Kmh);
        assert!(matches!(
            "60".parse::<SpeedInput>(),
            Err(SpeedError::Unreadable(_))
        ));
        assert!(matches!(
            "fast".parse::<SpeedInput>(),
            Err(SpeedError::Unreadable(_))
        ));
        assert!(matches!(
            "60 knots".parse::<SpeedInput>(),
            Err(SpeedError::UnknownUnit(_))
        ));
        assert!(matches!(
            "0mph".parse::<SpeedInput>(),
            Err(SpeedError::NotPositive(_))
        ));
        assert!(matches!(
            "NaNmph".parse::<SpeedInput>(),
            Err(SpeedError::Unreadable(_))
        ));
    }

    #[test]
    fn durations_read_like_a_timetable() {
        assert_eq!(format_duration(45.0 * 60.0), "45 min");
        assert_eq!(
            format_duration(14.0 * 3600.0 + 5.0 * 60.0 + 20.0),
            "14 h 05 min"
        );
        assert_eq!(
            format_duration(2.0 * 86_400.0 + 3.0 * 3600.0 + 600.0),
            "2 d 03 h 10 min"
        );
        assert_eq!(format_duration(-90.0 * 60.0), "−1 h 30 min");
    }
}
