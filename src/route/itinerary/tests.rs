//! The itinerary from first principles: small stories built here, every expected value worked
//! out by hand in a comment (or taken from the published facts), never by the code under test.

// A test that cannot set up is a failed test: panicking is the right outcome here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::story::{Leg, Place, Role, SourcedDistance};
use crate::units::SpeedUnit;

/// A place at (`lon`, `lat`) with a UTC offset of `offset_hours` and an optional stop.
fn place(id: &str, role: Role, lon: f64, lat: f64, offset_hours: i32, dwell: Option<f64>) -> Place {
    Place {
        role,
        utc_offset: FixedOffset::east_opt(offset_hours * 3600),
        dwell_secs: dwell,
        ..Place::new(id.to_owned(), id.to_uppercase(), LonLat::new(lon, lat))
    }
}

/// A leg drawn through `points`, with an official rail distance of `rail_km` if given.
fn leg(from: &str, to: &str, points: &[(f64, f64)], rail_km: Option<f64>, detour: bool) -> Leg {
    Leg {
        rail_distance: rail_km.map(|km| SourcedDistance {
            distance: Distance::from_km(km),
            source: "test".to_owned(),
            note: None,
        }),
        detour,
        ..Leg::new(
            from.to_owned(),
            to.to_owned(),
            points
                .iter()
                .map(|&(lon, lat)| LonLat::new(lon, lat))
                .collect(),
        )
    }
}

fn story(places: Vec<Place>, legs: Vec<Leg>, detours: Vec<Leg>) -> Story {
    Story {
        places,
        legs,
        detours,
        ..crate::story::empty_story("test")
    }
}

/// Along the meridian 10° E: A (0° N, UTC+9) → B (1° N, UTC+9, stop 1800 s) → C (2° N, UTC+10,
/// stop 1800 s, not counted: the journey ends there). Rail: A→B 100 km, B→C 60 km. A detour
/// B → F (11° E 1° N, UTC+10, stop 600 s), 25 km by rail.
fn meridian_story() -> Story {
    story(
        vec![
            place("a", Role::Origin, 10.0, 0.0, 9, Some(1800.0)),
            place("b", Role::Stop, 10.0, 1.0, 9, Some(1800.0)),
            place("c", Role::Destination, 10.0, 2.0, 10, Some(1800.0)),
            place("f", Role::Waypoint, 11.0, 1.0, 10, Some(600.0)),
        ],
        vec![
            leg(
                "a",
                "b",
                &[(10.0, 0.0), (10.0, 0.25), (10.0, 1.0)],
                Some(100.0),
                false,
            ),
            leg("b", "c", &[(10.0, 1.0), (10.0, 2.0)], Some(60.0), false),
        ],
        vec![leg("b", "f", &[(10.0, 1.0), (11.0, 1.0)], Some(25.0), true)],
    )
}

fn kmh(value: f64) -> Speed {
    Speed::new(value, SpeedUnit::Kmh).unwrap()
}

fn time(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn trip(speed: Speed, departure: Option<&str>, detour: Option<usize>) -> TripOptions {
    TripOptions {
        speed,
        departure: departure.map(time),
        detour,
    }
}

fn rfc3339(time: Option<DateTime<FixedOffset>>) -> Option<String> {
    time.map(|time| time.to_rfc3339())
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < 1e-6
}

#[test]
fn each_leg_takes_its_rail_distance_over_the_speed_and_a_stop_is_spent_before_leaving() {
    let story = meridian_story();
    let route = Route::new(&story);
    let itinerary = Itinerary::new(&story, &route, trip(kmh(50.0), None, None));
    assert_eq!(itinerary.legs.len(), 2);
    let [first, second] = [&itinerary.legs[0], &itinerary.legs[1]];
    // A → B: 100 km ÷ 50 km/h = 2 h = 7200 s; the origin's stop is not counted.
    assert!(close(first.dwell_before_secs, 0.0), "{first:?}");
    assert!(close(first.start_secs, 0.0));
    assert!(
        close(first.duration_secs, 7200.0),
        "{}",
        first.duration_secs
    );
    assert!(close(first.cumulative_secs, 7200.0));
    // B → C: the stop at B (1800 s), then 60 km ÷ 50 km/h = 1.2 h = 4320 s:
    // leaves at 7200 + 1800 = 9000 s, arrives at 9000 + 4320 = 13 320 s.
    assert!(close(second.dwell_before_secs, 1800.0));
    assert!(close(second.start_secs, 9000.0));
    assert!(close(second.duration_secs, 4320.0));
    assert!(close(second.cumulative_secs, 13_320.0));
    assert!(close(second.cumulative_distance.km(), 160.0));
    // The destination's stop is not part of the journey: 13 320 s in all.
    assert!(close(itinerary.total_duration_secs, 13_320.0));
    assert!(close(itinerary.total_distance.km(), 160.0));
    // No departure: no clock times, and nothing is "beyond the calendar".
    assert_eq!(second.estimated_arrival, None);
    assert!(!itinerary.beyond_calendar());
    assert_eq!(itinerary.detour_extra(), (Distance::ZERO, 0.0));
}

#[test]
fn arrival_clock_times_are_shown_in_each_place_s_offset_across_midnight() {
    let story = meridian_story();
    let route = Route::new(&story);
    // 22:00 at UTC+9 is 13:00 UTC.
    let departure = "2023-09-10T22:00:00+09:00";
    let itinerary = Itinerary::new(&story, &route, trip(kmh(50.0), Some(departure), None));
    // B: 13:00 UTC + 7200 s = 15:00 UTC = 00:00 the next day at UTC+9.
    assert_eq!(
        rfc3339(itinerary.legs[0].estimated_arrival).as_deref(),
        Some("2023-09-11T00:00:00+09:00")
    );
    // C: 13:00 UTC + 13 320 s (3 h 42 min) = 16:42 UTC = 02:42 at UTC+10.
    assert_eq!(
        rfc3339(itinerary.legs[1].estimated_arrival).as_deref(),
        Some("2023-09-11T02:42:00+10:00")
    );
    assert_eq!(
        rfc3339(itinerary.clock_at_place(&story, 2)).as_deref(),
        Some("2023-09-11T02:42:00+10:00")
    );
    // At the origin, the departure itself.
    assert_eq!(
        rfc3339(itinerary.clock_at_place(&story, 0)).as_deref(),
        Some(departure)
    );
    // F is off the route when the detour is not taken.
    assert_eq!(itinerary.clock_at_place(&story, 3), None);
    assert_eq!(itinerary.elapsed_at_place(3), None);
}

#[test]
fn a_detour_counts_the_junction_s_stop_once_and_the_far_end_s_stop_on_the_way_back() {
    let story = meridian_story();
    let route = Route::new(&story);
    let departure = "2023-09-10T22:00:00+09:00";
    let itinerary = Itinerary::new(&story, &route, trip(kmh(50.0), Some(departure), Some(0)));
    let kinds: Vec<LegKind> = itinerary.legs.iter().map(|leg| leg.kind).collect();
    assert_eq!(
        kinds,
        [
            LegKind::Route,
            LegKind::DetourOut,
            LegKind::DetourBack,
            LegKind::Route
        ]
    );
    let legs = &itinerary.legs;
    // A → B: arrives at 7200 s, as without the detour.
    assert!(close(legs[0].cumulative_secs, 7200.0));
    // B → F: straight out, no stop at B yet; 25 km ÷ 50 km/h = 0.5 h = 1800 s: 9000 s.
    assert!(close(legs[1].dwell_before_secs, 0.0), "{:?}", legs[1]);
    assert!(close(legs[1].start_secs, 7200.0));
    assert!(close(legs[1].cumulative_secs, 9000.0));
    assert_eq!((legs[1].from, legs[1].to), (1, 3));
    // F → B: F's stop (600 s), then 1800 s back: leaves 9600 s, arrives 11 400 s.
    assert!(close(legs[2].dwell_before_secs, 600.0), "{:?}", legs[2]);
    assert!(close(legs[2].start_secs, 9600.0));
    assert!(close(legs[2].cumulative_secs, 11_400.0));
    assert_eq!((legs[2].from, legs[2].to), (3, 1));
    // B → C: B's stop, once (1800 s), then 4320 s: leaves 13 200 s, arrives 17 520 s.
    assert!(close(legs[3].dwell_before_secs, 1800.0));
    assert!(close(legs[3].start_secs, 13_200.0));
    assert!(close(legs[3].cumulative_secs, 17_520.0));
    assert!(close(itinerary.total_duration_secs, 17_520.0));
    // 100 + 25 + 25 + 60 = 210 km.
    assert!(close(itinerary.total_distance.km(), 210.0));
    // The detour adds its legs (1800 + 1800 s) and F's stop (600 s) = 4200 s, and 50 km;
    // 17 520 − 13 320 (the journey without it) = 4200 s as well.
    let (extra_distance, extra_secs) = itinerary.detour_extra();
    assert!(close(extra_distance.km(), 50.0));
    assert!(close(extra_secs, 4200.0), "{extra_secs}");
    // Where and when: F first reached at 9000 s, 125 km; B at 7200 s, 100 km.
    assert_eq!(itinerary.elapsed_at_place(3), Some(9000.0));
    assert_eq!(itinerary.elapsed_at_place(1), Some(7200.0));
    assert!(close(itinerary.distance_to_place(3).unwrap().km(), 125.0));
    assert!(close(itinerary.distance_to_place(1).unwrap().km(), 100.0));
    assert!(close(itinerary.distance_to_place(2).unwrap().km(), 210.0));
    assert_eq!(itinerary.distance_to_place(0), Some(Distance::ZERO));
    // 13:00 UTC + 9000 s (2 h 30 min) = 15:30 UTC = 01:30 at F (UTC+10).
    assert_eq!(
        rfc3339(itinerary.clock_at_place(&story, 3)).as_deref(),
        Some("2023-09-11T01:30:00+10:00")
    );
    // Back at B: 13:00 UTC + 11 400 s (3 h 10 min) = 16:10 UTC = 01:10 at UTC+9.
    assert_eq!(
        rfc3339(legs[2].estimated_arrival).as_deref(),
        Some("2023-09-11T01:10:00+09:00")
    );
    // C: 13:00 UTC + 17 520 s (4 h 52 min) = 17:52 UTC = 03:52 at UTC+10.
    assert_eq!(
        rfc3339(itinerary.clock_at_place(&story, 2)).as_deref(),
        Some("2023-09-11T03:52:00+10:00")
    );
}

#[test]
fn the_train_is_half_way_along_the_line_half_way_through_a_leg_and_at_the_place_while_it_stops() {
    let story = meridian_story();
    let route = Route::new(&story);
    let itinerary = Itinerary::new(&story, &route, trip(kmh(50.0), None, Some(0)));
    let at = |secs: f64| itinerary.position_at(&route, &story, secs).unwrap();
    // A → B takes 7200 s; at 3600 s the train is half-way along the drawn line, by length:
    // the line runs due north from 0° to 1°, so half its length is at 0.5° N (a degree of
    // meridian is 110.57 km at 0° and 110.58 km at 1°, so the middle is within 0.0001°).
    let middle = at(3600.0);
    assert!((middle.lat - 0.5).abs() < 1e-3, "{middle:?}");
    assert!((middle.lon - 10.0).abs() < 1e-9, "{middle:?}");
    // A quarter of the time, a quarter of the way: 0.25° N.
    assert!((at(1800.0).lat - 0.25).abs() < 1e-3);
    // During F's stop (9000 s to 9600 s) the train is at F.
    assert_eq!(at(9300.0), LonLat::new(11.0, 1.0));
    // Half-way back from F (9600 + 1800 ÷ 2 = 10 500 s): half-way between 11° E and 10° E.
    let back = at(10_500.0);
    assert!(
        (back.lon - 10.5).abs() < 1e-3 && (back.lat - 1.0).abs() < 1e-9,
        "{back:?}"
    );
    // During B's stop after the detour (11 400 s to 13 200 s): at B.
    assert_eq!(at(12_000.0), LonLat::new(10.0, 1.0));
    // Before departure and at any time that is not a number: at the origin.
    assert_eq!(at(-5.0), LonLat::new(10.0, 0.0));
    assert_eq!(at(f64::NAN), LonLat::new(10.0, 0.0));
    // After arrival (17 520 s) and forever after: at C.
    assert_eq!(at(20_000.0), LonLat::new(10.0, 2.0));
    assert_eq!(at(f64::MAX), LonLat::new(10.0, 2.0));
}

#[test]
fn a_detour_is_taken_once_even_if_the_route_passes_its_junction_twice() {
    // A → B → A' → B again is not a story anyone tells, but a file may: B → F once.
    let story = story(
        vec![
            place("a", Role::Origin, 10.0, 0.0, 9, None),
            place("b", Role::Stop, 10.0, 1.0, 9, None),
            place("c", Role::Destination, 10.0, 0.5, 9, None),
            place("f", Role::Waypoint, 11.0, 1.0, 9, None),
        ],
        vec![
            leg("a", "b", &[(10.0, 0.0), (10.0, 1.0)], Some(10.0), false),
            leg("b", "a", &[(10.0, 1.0), (10.0, 0.0)], Some(10.0), false),
            leg("a", "b", &[(10.0, 0.0), (10.0, 1.0)], Some(10.0), false),
            leg("b", "c", &[(10.0, 1.0), (10.0, 0.5)], Some(5.0), false),
        ],
        vec![leg("b", "f", &[(10.0, 1.0), (11.0, 1.0)], Some(1.0), true)],
    );
    let route = Route::new(&story);
    let itinerary = Itinerary::new(&story, &route, trip(kmh(50.0), None, Some(0)));
    // 4 route legs and the detour's 2: 6 rows; 10 + 10 + 10 + 5 + 2 × 1 = 37 km.
    assert_eq!(itinerary.legs.len(), 6);
    assert!(close(itinerary.total_distance.km(), 37.0));
}

#[test]
fn a_moment_beyond_the_calendar_has_no_clock_time_and_says_so_without_panicking() {
    // One leg once round the Earth (40,000 km) at the slowest speed (0.1 km/h): 400,000 h,
    // about 45.6 years: from 9990-01-01 it ends in 10035, past the calendar's year 9999.
    let story = story(
        vec![
            place("a", Role::Origin, 0.0, 0.0, 14, Some(2_592_000.0)),
            place("b", Role::Destination, 0.0, 1.0, -12, None),
        ],
        vec![leg(
            "a",
            "b",
            &[(0.0, 0.0), (0.0, 1.0)],
            Some(40_000.0),
            false,
        )],
        Vec::new(),
    );
    let route = Route::new(&story);
    let slowest = Speed::new(0.1, SpeedUnit::Kmh).unwrap();
    let late = trip(slowest, Some("9990-01-01T00:00:00+14:00"), None);
    let itinerary = Itinerary::new(&story, &route, late);
    assert!(close(itinerary.total_duration_secs, 400_000.0 * 3600.0));
    assert_eq!(itinerary.legs[0].estimated_arrival, None);
    assert!(itinerary.legs[0].beyond_calendar);
    assert!(itinerary.beyond_calendar());
    assert_eq!(itinerary.clock_at_place(&story, 1), None);
    assert_eq!(itinerary.legs[0].difference_secs, None);
    // From 2023 the same journey ends in 2069, well inside. 400,000 h = 16,666 d 16 h.
    // 2023-09-10 08:00 UTC + 45 years (45 × 365 d + 12 leap days, 2024…2068, = 16,437 d)
    // = 2068-09-10 08:00; + 16 h = 2068-09-11 00:00; the 229 d left: to 30 Sep 19, Oct 31,
    // Nov 30, Dec 31, Jan 31, Feb 28, Mar 31 (= 201), + 28 = 229: 2069-04-28 00:00 UTC,
    // 12:00 the day before at b (UTC−12).
    let early = trip(slowest, Some("2023-09-10T17:00:00+09:00"), None);
    let itinerary = Itinerary::new(&story, &route, early);
    assert_eq!(
        rfc3339(itinerary.legs[0].estimated_arrival).as_deref(),
        Some("2069-04-27T12:00:00-12:00")
    );
    assert!(!itinerary.beyond_calendar());
}

#[test]
fn clock_times_are_checked_at_the_edges_of_every_number() {
    let departure = time("2023-09-10T17:00:00+09:00");
    let plus_ten = FixedOffset::east_opt(10 * 3600);
    for elapsed in [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        f64::MIN,
        1e15,
        -1e15,
        // 10,001 years of seconds: beyond year 9999 from 2023.
        10_001.0 * 365.25 * 86_400.0,
        // 2024 years back from 2023 is before year 0.
        -2_024.0 * 365.25 * 86_400.0,
    ] {
        assert_eq!(
            checked_local_time(departure, elapsed, plus_ten),
            None,
            "{elapsed}"
        );
    }
    // Subnormal and negative zero are just zero: the departure, shown at UTC+10.
    for elapsed in [f64::MIN_POSITIVE / 4.0, -0.0, 0.000_4] {
        assert_eq!(
            rfc3339(checked_local_time(departure, elapsed, plus_ten)).as_deref(),
            Some("2023-09-10T18:00:00+10:00")
        );
    }
    // The calendar's last moment, 9999-12-31T23:59:59 UTC, shown at UTC+14 is already in
    // year 10000: beyond. Shown at UTC it is fine; one second later is not.
    let last = time("9999-12-31T23:59:58+00:00");
    assert_eq!(
        rfc3339(checked_local_time(last, 1.0, None)).as_deref(),
        Some("9999-12-31T23:59:59+00:00")
    );
    assert_eq!(checked_local_time(last, 2.0, None), None);
    assert_eq!(
        checked_local_time(last, 1.0, FixedOffset::east_opt(14 * 3600)),
        None
    );
    // 1 h 30 min back from 0000-01-01T01:00Z is before year 0.
    let first = time("0000-01-01T01:00:00+00:00");
    assert_eq!(checked_local_time(first, -5400.0, None), None);
}

#[test]
fn the_bundled_story_reaches_khasan_850_km_from_pyongyang_in_14_h_16_min_at_37_mph() {
    // FACTS.md §2: "Pyongyang → Khasan | 850 km" (ru-wiki Pyongyang station infobox); the
    // story splits it 845 km to Tumangang + 5 km to Khasan. 37 mph × 1.609344 = 59.545728
    // km/h; 850 ÷ 59.545728 = 14.27474 h = 51,389.08 s = 14 h 16 min 29 s. The story's
    // assumed departure is 17:00 at UTC+9 = 08:00 UTC on 10 Sep; + 14 h 16 min 29 s =
    // 22:16:29 UTC = 08:16:29 on 11 Sep at Khasan (UTC+10). (KCNA reports 06:00 on 12 Sep:
    // the real train was slower, or stopped.)
    let story = crate::story::default_story().unwrap().story;
    let route = Route::new(&story);
    let khasan = story.place_index("khasan").unwrap();
    let options = TripOptions {
        speed: Speed::new(37.0, SpeedUnit::Mph).unwrap(),
        departure: story.meta.departure.as_ref().map(|d| d.time),
        detour: None,
    };
    let itinerary = Itinerary::new(&story, &route, options);
    let elapsed = itinerary.elapsed_at_place(khasan).unwrap();
    assert!((elapsed - 51_389.08).abs() < 0.01, "{elapsed}");
    assert!(close(
        itinerary.distance_to_place(khasan).unwrap().km(),
        850.0
    ));
    let clock = itinerary.clock_at_place(&story, khasan).unwrap();
    assert_eq!(
        clock.format("%Y-%m-%d %H:%M:%S %:z").to_string(),
        "2023-09-11 08:16:29 +10:00"
    );
    // FACTS.md §2: the Baranovsky–Khasan line is 238 km: 238 ÷ 59.545728 = 3.996928 h =
    // 14,388.94 s.
    let baranovsky = itinerary
        .legs
        .iter()
        .find(|leg| leg.from == khasan)
        .unwrap();
    assert!(
        (baranovsky.duration_secs - 14_388.94).abs() < 0.01,
        "{}",
        baranovsky.duration_secs
    );
}
