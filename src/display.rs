//! Figures as people read them, shared by the command line and the app: clock times with
//! their UTC offset, differences with a sign, distances in both units.

use crate::story::{Place, Role, Status};
use crate::units::{Distance, SpeedUnit, duration_parts, format_duration};
use chrono::{DateTime, FixedOffset};

/// "Tue 12 Sep 06:00 (UTC+10:00)".
pub fn format_clock(time: DateTime<FixedOffset>) -> String {
    time.format("%a %d %b %H:%M (UTC%:z)").to_string()
}

/// "Tue 12 Sep 06:00": the short form, when the offset is shown elsewhere.
pub fn format_clock_short(time: DateTime<FixedOffset>) -> String {
    time.format("%a %d %b %H:%M").to_string()
}

/// "+3 h 10 min" / "−22 h 44 min": estimated minus reported.
pub fn format_difference(difference_secs: f64) -> String {
    if difference_secs >= 0.0 {
        format!("+{}", format_duration(difference_secs))
    } else {
        format_duration(difference_secs)
    }
}

/// "14:11", "1 d 04:30", "−21:44": a duration in hours and minutes, for narrow tables.
pub fn format_hours_minutes(duration_secs: f64) -> String {
    let Some((sign, days, hours, minutes)) = duration_parts(duration_secs) else {
        return "—".to_owned();
    };
    if days > 0 {
        format!("{sign}{days} d {hours:02}:{minutes:02}")
    } else {
        format!("{sign}{hours}:{minutes:02}")
    }
}

/// The unit that is not `unit`.
pub fn other_unit(unit: SpeedUnit) -> SpeedUnit {
    match unit {
        SpeedUnit::Mph => SpeedUnit::Kmh,
        SpeedUnit::Kmh => SpeedUnit::Mph,
    }
}

/// "850 km (528 mi)", the chosen unit first.
pub fn format_distance_pair(distance: Distance, unit: SpeedUnit) -> String {
    let other = other_unit(unit);
    format!(
        "{} ({})",
        format_distance(distance, unit),
        format_distance(distance, other)
    )
}

/// "850 km": in the chosen unit only; under ten, to a tenth ("0.9 km", a walk across town),
/// since a whole number would round a short leg to "1 km" or "0 km".
pub fn format_distance(distance: Distance, unit: SpeedUnit) -> String {
    let value = distance.in_unit(unit);
    if value.abs() < 9.95 {
        format!("{value:.1} {}", unit.distance_symbol())
    } else {
        format!("{value:.0} {}", unit.distance_symbol())
    }
}

/// "Border station · stopped": what a place is to the journey, in words.
pub fn role_line(place: &Place) -> String {
    let role = match place.role {
        Role::Origin => "Start of the journey",
        Role::Border => "Border station",
        Role::Stop => "On the route",
        Role::Waypoint => "Off the route",
        Role::Destination => "End of the journey",
    };
    let status = place.status.map(|status| match status {
        Status::Departed => "departed",
        Status::Passed => "passed through",
        Status::Stopped => "stopped",
        Status::Bypassed => "bypassed",
        Status::Arrived => "arrived",
    });
    match status {
        Some(status) => format!("{role} · {status}"),
        None => role.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_keep_their_local_offset() {
        let time = DateTime::parse_from_rfc3339("2023-09-12T06:00:00+10:00").unwrap();
        assert_eq!(format_clock(time), "Tue 12 Sep 06:00 (UTC+10:00)");
    }

    #[test]
    fn distances_show_the_chosen_unit_first() {
        let distance = Distance::from_km(850.0);
        assert_eq!(
            format_distance_pair(distance, SpeedUnit::Kmh),
            "850 km (528 mi)"
        );
        assert_eq!(
            format_distance_pair(distance, SpeedUnit::Mph),
            "528 mi (850 km)"
        );
    }

    #[test]
    fn narrow_durations_are_hours_and_minutes() {
        assert_eq!(format_hours_minutes(14.0 * 3600.0 + 11.0 * 60.0), "14:11");
        assert_eq!(format_hours_minutes(5.0 * 60.0), "0:05");
        assert_eq!(format_hours_minutes(86_400.0 + 4.5 * 3600.0), "1 d 04:30");
        assert_eq!(
            format_hours_minutes(-(21.0 * 3600.0 + 44.0 * 60.0)),
            "−21:44"
        );
    }

    #[test]
    fn differences_carry_their_sign() {
        assert_eq!(format_difference(3600.0), "+1 h 00 min");
        assert_eq!(format_difference(-120.0), "−2 min");
    }
}
