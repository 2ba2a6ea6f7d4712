//! Implied speeds and the best fit, every expected value worked out by hand in a comment from
//! the reported times and the rail distances, never by the code under test.

// A test that cannot set up is a failed test: panicking is the right outcome here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::story::{
    Departure, Extra, Leg, LonLat, Place, Role, SourcedDistance, StoryKind, StoryMeta,
};

fn time(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn reported(text: &str, approximate: bool) -> ReportedTime {
    ReportedTime {
        time: time(text),
        source: format!("report of {text}"),
        approximate,
        note: None,
        extra: Extra::new(),
    }
}

/// A place on the meridian 10° E at `lat`, UTC+`offset_hours`.
fn place(id: &str, role: Role, lat: f64, offset_hours: i32) -> Place {
    Place {
        role,
        utc_offset: FixedOffset::east_opt(offset_hours * 3600),
        ..Place::new(id.to_owned(), id.to_uppercase(), LonLat::new(10.0, lat))
    }
}

fn leg(from: &str, to: &str, from_lat: f64, to_lat: f64, rail_km: Option<f64>) -> Leg {
    Leg {
        rail_distance: rail_km.map(|km| SourcedDistance {
            distance: Distance::from_km(km),
            source: "test".to_owned(),
            note: None,
        }),
        ..Leg::new(
            from.to_owned(),
            to.to_owned(),
            vec![LonLat::new(10.0, from_lat), LonLat::new(10.0, to_lat)],
        )
    }
}

/// A (UTC+9) → B (UTC+10) → C (UTC+10, stop 1 h) → D (UTC+9); rail A→B 100 km, B→C 50 km,
/// C→D 150 km. Departure 1 Jan 00:00 UTC+9 (= 31 Dec 15:00 UTC), an assumption.
/// Reported arrivals: B 03:00 UTC+10 (= 17:00 UTC, 2 h after departure), C 04:00 UTC+10
/// (= 18:00 UTC, 3 h), D 08:00 UTC+9 (= 23:00 UTC, 8 h).
fn abcd_story() -> Story {
    let mut places = vec![
        place("a", Role::Origin, 0.0, 9),
        place("b", Role::Stop, 1.0, 10),
        place("c", Role::Stop, 1.5, 10),
        place("d", Role::Destination, 3.0, 9),
    ];
    places[1].reported_arrival = Some(reported("2023-01-01T03:00:00+10:00", false));
    places[2].reported_arrival = Some(reported("2023-01-01T04:00:00+10:00", true));
    places[2].dwell_secs = Some(3600.0);
    places[3].reported_arrival = Some(reported("2023-01-01T08:00:00+09:00", false));
    let mut meta = StoryMeta::untold("test".to_owned(), "test");
    meta.departure = Some(Departure {
        time: time("2023-01-01T00:00:00+09:00"),
        assumed: true,
        note: Some("assumed".to_owned()),
        source: None,
        extra: Extra::new(),
    });
    Story {
        kind: StoryKind::Story,
        meta,
        places,
        legs: vec![
            leg("a", "b", 0.0, 1.0, Some(100.0)),
            leg("b", "c", 1.0, 1.5, Some(50.0)),
            leg("c", "d", 1.5, 3.0, Some(150.0)),
        ],
        detours: Vec::new(),
        areas: Vec::new(),
        other_features: Vec::new(),
        feature_order: Vec::new(),
        extra: Extra::new(),
    }
}

fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
    (actual - expected).abs() < tolerance
}

#[test]
fn each_pair_of_consecutive_reported_places_implies_its_distance_over_its_time() {
    let story = abcd_story();
    let speeds = implied_speeds(&story, &Route::new(&story));
    assert_eq!(speeds.len(), 3);
    // A → B: 100 km in 2 h = 50 km/h, from the assumed departure.
    assert_eq!((speeds[0].from.place, speeds[0].to.place), (0, 1));
    assert!(close(speeds[0].distance.km(), 100.0, 1e-9));
    assert!(close(speeds[0].reported_secs, 7200.0, 1e-9));
    assert!(close(speeds[0].speed_kmh.unwrap(), 50.0, 1e-9));
    assert!(speeds[0].departure_assumed);
    // B → C: 50 km in 1 h = 50 km/h; C's time is approximate.
    assert!(close(speeds[1].speed_kmh.unwrap(), 50.0, 1e-9));
    assert!(!speeds[1].departure_assumed && speeds[1].approximate);
    // C → D: 150 km from 18:00 UTC to 23:00 UTC = 5 h (the stop at C included, as C has no
    // reported departure) = 30 km/h.
    assert!(close(speeds[2].reported_secs, 18_000.0, 1e-9));
    assert!(close(speeds[2].speed_kmh.unwrap(), 30.0, 1e-9));
    assert!(!speeds.iter().any(|speed| speed.includes_drawn));
}

#[test]
fn the_best_fit_is_least_squares_on_arrival_times_with_the_stops_taken_out() {
    let story = abcd_story();
    let fit = best_fit(&story, &Route::new(&story));
    // d = 100, 150, 300 km; t = 2, 3, 8 h; stops before arriving w = 0, 0, 1 h.
    // Σ d(t − w) = 100·2 + 150·3 + 300·7 = 2750; Σ d² = 10,000 + 22,500 + 90,000 = 122,500.
    // u = 2750 / 122,500 h/km, v = 122,500 / 2750 = 44.5454… km/h.
    let kmh = fit.speed.unwrap().kmh();
    assert!(close(kmh, 44.545_454_5, 1e-6), "{kmh}");
    assert!(fit.departure_assumed);
    // Fitted minus reported: B 100/44.5454 = 2.244898 h − 2 h = +0.244898 h = +881.63 s;
    // C 150/44.5454 = 3.367347 h − 3 h = +1322.45 s; D 300/44.5454 + 1 = 7.734694 h − 8 h
    // = −955.10 s.
    let residuals: Vec<f64> = fit.residuals.iter().map(|r| r.residual_secs).collect();
    assert_eq!(fit.residuals.len(), 3);
    assert!(close(residuals[0], 881.63, 0.01), "{residuals:?}");
    assert!(close(residuals[1], 1322.45, 0.01), "{residuals:?}");
    assert!(close(residuals[2], -955.10, 0.01), "{residuals:?}");
    assert!(close(fit.residuals[2].reported_secs, 28_800.0, 1e-9));
}

#[test]
fn a_fit_faster_than_1000_kmh_is_clamped_and_reports_before_the_departure_give_none() {
    let mut story = abcd_story();
    // Only B, 100 km reached 1 minute after departure: 6000 km/h, clamped to 1000.
    story.places[2].reported_arrival = None;
    story.places[3].reported_arrival = None;
    story.places[1].reported_arrival = Some(reported("2023-01-01T01:01:00+10:00", false));
    let fit = best_fit(&story, &Route::new(&story));
    assert!(close(fit.speed.unwrap().kmh(), 1000.0, 1e-9));
    assert!(close(fit.unclamped_kmh.unwrap(), 6000.0, 1e-6));
    // B an hour before the departure: no positive speed fits.
    story.places[1].reported_arrival = Some(reported("2022-12-31T23:00:00+10:00", false));
    let fit = best_fit(&story, &Route::new(&story));
    assert_eq!(fit.speed, None);
    assert!(fit.residuals.is_empty());
    assert_eq!(
        implied_speeds(&story, &Route::new(&story))[0].speed_kmh,
        None
    );
}

#[test]
fn without_reports_or_a_departure_or_legs_there_is_nothing_to_compare() {
    let mut story = abcd_story();
    story.meta.departure = None;
    let route = Route::new(&story);
    assert_eq!(best_fit(&story, &route).speed, None);
    // B → C and C → D still have both ends reported.
    assert_eq!(implied_speeds(&story, &route).len(), 2);
    for place in &mut story.places {
        place.reported_arrival = None;
    }
    let route = Route::new(&story);
    assert!(implied_speeds(&story, &route).is_empty());
    assert!(reported_moments(&story, &route).is_empty());
    story.legs.clear();
    let route = Route::new(&story);
    assert!(implied_speeds(&story, &route).is_empty());
    assert_eq!(best_fit(&story, &route).speed, None);
    let empty = crate::story::empty_story("nothing");
    let route = Route::new(&empty);
    assert!(implied_speeds(&empty, &route).is_empty());
    assert_eq!(best_fit(&empty, &route).speed, None);
}

#[test]
fn a_drawn_leg_in_between_is_said() {
    let mut story = abcd_story();
    story.legs[2].rail_distance = None;
    let speeds = implied_speeds(&story, &Route::new(&story));
    assert!(!speeds[1].includes_drawn && speeds[2].includes_drawn);
}

#[test]
fn the_bundled_story_implies_38_kmh_from_khasan_to_baranovsky_and_24_from_pyongyang() {
    let story = crate::story::default_story().unwrap().story;
    let route = Route::new(&story);
    let speeds = implied_speeds(&story, &route);
    let names: Vec<(&str, &str)> = speeds
        .iter()
        .map(|s| {
            (
                story.places[s.from.place].name.as_str(),
                story.places[s.to.place].name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Pyongyang", "Khasan"),
            ("Khasan", "Baranovsky"),
            ("Baranovsky", "Vostochny Cosmodrome")
        ]
    );
    // Pyongyang 10 Sep 17:00 UTC+9 (08:00 UTC, assumed) → Khasan 12 Sep 06:00 UTC+10
    // (11 Sep 20:00 UTC) = 36 h; rail 845 + 5 = 850 km; 850 / 36 = 23.61 km/h.
    assert!(close(speeds[0].reported_secs, 36.0 * 3600.0, 1e-9));
    assert!(close(speeds[0].distance.km(), 850.0, 1e-9));
    assert!(close(speeds[0].speed_kmh.unwrap(), 23.611_111, 1e-5));
    assert!(speeds[0].departure_assumed);
    // Khasan 06:00 → Baranovsky 12:15, both UTC+10: 6 h 15 min; 238 km / 6.25 h = 38.08 km/h
    // (= 23.66 mph).
    assert!(close(speeds[1].reported_secs, 22_500.0, 1e-9));
    assert!(close(speeds[1].speed_kmh.unwrap(), 38.08, 1e-9));
    assert!(!speeds[1].departure_assumed && !speeds[1].includes_drawn);
    // Baranovsky 12 Sep 12:15 UTC+10 (02:15 UTC) → Vostochny 13 Sep 13:00 UTC+9 (04:00 UTC)
    // = 25 h 45 min; two legs are drawn.
    assert!(close(speeds[2].reported_secs, 25.75 * 3600.0, 1e-9));
    assert!(speeds[2].includes_drawn);
}

#[test]
fn an_implied_speed_reads_as_a_sentence_with_its_cautions() {
    let story = crate::story::default_story().unwrap().story;
    let speeds = implied_speeds(&story, &Route::new(&story));
    // 38.08 km/h = 23.66 mph (38.08 / 1.609344); Baranovsky's time is approximate.
    assert_eq!(
        speeds[1].sentence(&story),
        "Khasan → Baranovsky: reported 6 h 15 min for 238 km, i.e. 38 km/h, 24 mph (an approximate time)"
    );
    // 850 km in 36 h = 23.6 km/h = 14.7 mph.
    assert!(
        speeds[0]
            .sentence(&story)
            .starts_with("Pyongyang → Khasan: reported 1 d 12 h 00 min for 850 km, i.e. 24 km/h, 15 mph (from the assumed departure"),
        "{}",
        speeds[0].sentence(&story)
    );
    assert_eq!(group_thousands(1698.4), "1,698");
    assert_eq!(group_thousands(1_234_567.0), "1,234,567");
    assert_eq!(group_thousands(999.6), "1,000");
    assert_eq!(group_thousands(f64::NAN), "—");
}
