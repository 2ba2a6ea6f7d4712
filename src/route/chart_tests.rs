//! The chart's data and its SVG, checked against figures worked out by hand for the
//! four-station story in tests/data/stories (rail 100, 50, 150 km; a 1 h stop at Charlie;
//! departure 1 Jan 00:00 UTC+9; reported Bravo 03:00 UTC+10, Charlie 04:00 UTC+10, Delta
//! 08:00 UTC+9, i.e. 2, 3 and 8 h after the departure).

// A test that cannot set up is a failed test: panicking is the right outcome here. The
// expected points are exact binary fractions, so comparing them exactly is right.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::float_cmp)]

use super::super::chart_svg::{chart_svg, to_svg};
use super::*;
use crate::route::TripOptions;
use crate::units::{Speed, SpeedUnit};

fn four_stations() -> Story {
    let bytes = include_bytes!("../../tests/data/stories/four-stations.geojson");
    crate::story::parse_story(bytes, "four-stations.geojson")
        .unwrap()
        .story
}

fn chart_at(story: &Story, kmh: f64, detour: Option<usize>) -> TimeDistanceChart {
    let route = Route::new(story);
    let itinerary = Itinerary::new(
        story,
        &route,
        TripOptions {
            speed: Speed::new(kmh, SpeedUnit::Kmh).unwrap(),
            departure: story.meta.departure.as_ref().map(|d| d.time),
            detour,
        },
    );
    TimeDistanceChart::new(story, &route, &itinerary)
}

#[test]
fn the_estimate_is_one_line_flat_while_the_train_stops() {
    let chart = chart_at(&four_stations(), 50.0, None);
    // At 50 km/h: 100 km in 2 h, 50 km in 1 h, a 1 h stop at Charlie, 150 km in 3 h.
    assert_eq!(
        chart.estimate,
        [
            [0.0, 0.0],
            [2.0, 100.0],
            [3.0, 150.0],
            [4.0, 150.0],
            [7.0, 300.0]
        ]
    );
    let stop = chart.segment_at(3.5).unwrap();
    assert_eq!((stop.from, stop.to, stop.speed_kmh), (2, 2, 0.0));
    assert!((chart.segment_at(5.0).unwrap().speed_kmh - 50.0).abs() < 1e-9);
    // Halfway through Charlie → Delta (4 h → 7 h): 150 + 75 km.
    assert!((chart.estimate_km_at(5.5).unwrap() - 225.0).abs() < 1e-9);
    assert!(chart.detour.is_empty());
    assert!((chart.total_km - 300.0).abs() < 1e-9);
}

#[test]
fn reports_and_implied_speeds_are_placed_in_hours_since_the_departure() {
    let chart = chart_at(&four_stations(), 50.0, None);
    let at: Vec<[f64; 2]> = chart.reported.iter().map(|r| r.at).collect();
    assert_eq!(at, [[0.0, 0.0], [2.0, 100.0], [3.0, 150.0], [8.0, 300.0]]);
    assert!(chart.reported[0].moment.assumed);
    assert_eq!(chart.implied.len(), 3);
    assert_eq!(
        (chart.implied[2].start, chart.implied[2].end),
        ([3.0, 150.0], [8.0, 300.0])
    );
    // 8 h after 1 Jan 00:00 UTC+9, in the origin's time.
    assert_eq!(
        chart.clock_at(8.0).unwrap().to_rfc3339(),
        "2023-01-01T08:00:00+09:00"
    );
    // Bravo (+10 after Alpha's +9) and Delta (+9 after +10) change zone.
    let changes: Vec<bool> = chart.places.iter().map(|p| p.zone_changes).collect();
    assert_eq!(changes, [false, true, false, true]);
    assert_eq!(chart.nothing_to_compare(), None);
}

#[test]
fn the_svg_puts_each_mark_where_the_scale_says() {
    let chart = chart_at(&four_stations(), 50.0, None);
    // Hours 0…8 onto x 240…920 (85 px an hour), km 0…300 onto y 530…80 (1.5 px a km).
    assert_eq!(to_svg(&chart, 8.0, 300.0), (920.0, 80.0));
    let svg = chart_svg(&chart, "Four <stations> & more");
    // The estimate through (0,0) (2,100) (3,150) (4,150) (7,300): x = 240 + 85 h,
    // y = 530 − 1.5 km.
    assert!(
        svg.contains(
            r#"<polyline class="estimate" points="240.0,530.0 410.0,380.0 495.0,305.0 580.0,305.0 835.0,80.0"/>"#
        ),
        "{svg}"
    );
    // Delta reported 8 h after the departure at 300 km.
    assert!(svg.contains(r#"<circle class="reported" cx="920.0" cy="80.0" r="5"/>"#));
    // Charlie → Delta implied: 150 km in 5 h = 30 km/h.
    assert!(svg.contains(">30 km/h</text>"));
    assert!(svg.contains("Four &lt;stations&gt; &amp; more"));
    assert!(svg.contains("clocks UTC+10:00 from here"));
    // Charlie is approximate: a ±1 h bar, 85 px each side of x = 495.
    assert!(svg.contains(r#"<line class="approximate" x1="410.0" y1="305.0" x2="580.0""#));
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
}

#[test]
fn the_bundled_detour_rises_112_km_from_ussuriysk_and_comes_back() {
    let story = crate::story::default_story().unwrap().story;
    let vladivostok = story
        .places
        .iter()
        .position(|p| p.name == "Vladivostok")
        .unwrap();
    let detour = Route::new(&story).detour_to(vladivostok);
    let chart = chart_at(&story, 60.0, detour);
    // Ussuriysk: 845 + 5 + 238 + 23 = 1111 km; Vladivostok 112 km further by rail.
    assert_eq!(chart.detour.len(), 3);
    assert!((chart.detour[0][1] - 1111.0).abs() < 1e-9);
    assert!((chart.detour[1][1] - 1223.0).abs() < 1e-9);
    assert!((chart.detour[2][1] - 1111.0).abs() < 1e-9);
    // 224 km at 60 km/h = 3 h 44 min away; the estimate stays flat at Ussuriysk meanwhile.
    assert!((chart.detour[2][0] - chart.detour[0][0] - 224.0 / 60.0).abs() < 1e-9);
    assert!(chart.estimate.contains(&[chart.detour[2][0], 1111.0]));
    // Three reported arrivals and the departure, in their own time zones.
    assert_eq!(chart.reported.len(), 4);
    // Khasan: 12 Sep 06:00 UTC+10 is 36 h after 10 Sep 17:00 UTC+9.
    assert!((chart.reported[1].at[0] - 36.0).abs() < 1e-9);
}

#[test]
fn a_story_without_a_route_or_departure_has_nothing_to_compare_and_does_not_panic() {
    let empty = crate::story::empty_story("nothing");
    let chart = chart_at(&empty, 60.0, None);
    assert!(chart.estimate.is_empty() && chart.reported.is_empty());
    assert!(chart.nothing_to_compare().unwrap().contains("no route"));
    let svg = chart_svg(&chart, "empty");
    assert!(svg.contains("no route"));
    let mut story = four_stations();
    story.meta.departure = None;
    let chart = chart_at(&story, 0.1, None);
    assert!(chart.reported.is_empty());
    assert!(chart.nothing_to_compare().unwrap().contains("departure"));
    assert_eq!(chart.clock_at(1.0), None);
    let _ = chart_svg(&chart, "no departure");
    let chart = chart_at(&four_stations(), 1000.0, None);
    assert_eq!(chart.segment_at(f64::NAN), None);
    assert_eq!(chart.clock_at(f64::INFINITY), None);
}

#[test]
fn time_ticks_fall_on_the_origins_local_hours() {
    let story = crate::story::default_story().unwrap().story;
    let chart = chart_at(&story, 60.0, None);
    // Departure 17:00 at the origin: 6-hourly ticks over 0…20 h fall at 18:00 (1 h), 00:00
    // (7 h), 06:00 (13 h) and 12:00 (19 h).
    assert_eq!(
        chart.time_ticks(0.0, 20.0, 4.0),
        (6.0, vec![1.0, 7.0, 13.0, 19.0])
    );
    assert_eq!(chart.time_ticks(0.0, f64::NAN, 4.0).1, Vec::<f64>::new());
    // 0…1000 h in at most 8 ticks: 1000 / 8 / 24 = 5.2 → 6-day steps (144 h), counted from
    // the departure day's midnight (17 h before the departure): the first at 144 − 17 = 127 h.
    let (step, ticks) = chart.time_ticks(0.0, 1000.0, 8.0);
    assert_eq!((step, ticks[0]), (144.0, 127.0));
}
