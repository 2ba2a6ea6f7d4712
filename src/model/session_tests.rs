//! The session's rules, without egui: selection and stepping, speeds refused with a reason,
//! the replay within the journey, fitting, and any intent in any order without a panic.

// A test that cannot set up is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::story::{default_story, parse_story};
use crate::units::SpeedUnit;
use proptest::prelude::*;

fn bundled() -> Session {
    Session::new(default_story().unwrap(), None, false, true)
}

fn index(session: &Session, name: &str) -> usize {
    session
        .story()
        .places
        .iter()
        .position(|place| place.name == name)
        .unwrap()
}

/// A 1000 × 700 map showing North-East Asia at zoom 5, at clock time 10 s; the card covers
/// 300 px.
fn around() -> Surroundings {
    Surroundings {
        now_secs: 10.0,
        view: MapView {
            center_lon: 130.0,
            center_lat: 45.0,
            zoom: 5.0,
        },
        map_width_px: 1000.0,
        map_height_px: 700.0,
        card_cover_px: 300.0,
    }
}

/// The view the session's flight ends at.
fn landing(session: &mut Session) -> MapView {
    let effects = session.advance(1_000.0, 0.0);
    assert!(!session.is_flying());
    match effects.first() {
        Some(Effect::JumpTo(view)) => *view,
        other => panic!("no view: {other:?}"),
    }
}

#[test]
fn a_new_session_starts_at_the_storys_reported_speed_with_nothing_selected() {
    let session = bundled();
    assert_eq!(session.speed().unit, SpeedUnit::Mph);
    // 37 mph = 59.545728 km/h.
    assert!((session.speed().speed.kmh() - 59.545_728).abs() < 1e-9);
    assert_eq!(session.selected(), None);
    assert!(session.fit_pending());
}

#[test]
fn selecting_khasan_flies_to_it_left_of_the_card() {
    let mut session = bundled();
    let khasan = index(&session, "Khasan");
    let effects = session.apply(&Intent::Select(khasan), &around());
    assert_eq!(effects, vec![Effect::Repaint]);
    assert_eq!(session.selected(), Some(khasan));
    let view = landing(&mut session);
    // Zoom 5 is below the 7 a place is shown at; at zoom 7 the world is 256 × 2⁷ = 32,768 px
    // wide, so the card's 300 px / 2 = 150 px move the centre 150 / 32,768 × 360° = 1.648°
    // east of Khasan (130.6453° E): 132.2933° E, at Khasan's latitude.
    assert!((view.zoom - 7.0).abs() < 1e-9);
    assert!((view.center_lon - 132.2933).abs() < 1e-3, "{view:?}");
    assert!((view.center_lat - 42.4281).abs() < 1e-6, "{view:?}");
}

#[test]
fn a_rebuilt_session_keeps_a_selection_only_if_the_place_is_there() {
    let khasan = index(&bundled(), "Khasan");
    let kept = bundled().with_selection(Some(khasan));
    assert_eq!(kept.selected(), Some(khasan));
    assert!(!kept.is_flying(), "keeping a selection is not a flight");
    let places = bundled().story().places.len();
    assert_eq!(bundled().with_selection(Some(places)).selected(), None);
    assert_eq!(bundled().with_selection(None).selected(), None);
}

#[test]
fn selecting_a_place_that_does_not_exist_changes_nothing() {
    let mut session = bundled();
    assert!(session.apply(&Intent::Select(10_000), &around()).is_empty());
    assert_eq!(session.selected(), None);
    assert!(!session.is_flying());
}

#[test]
fn the_arrows_step_along_the_route_then_to_the_bypassed_place() {
    let mut session = bundled();
    let mut names = Vec::new();
    for _ in 0..12 {
        session.apply(&Intent::SelectNext, &around());
        names.push(
            session.story().places[session.selected().unwrap()]
                .name
                .clone(),
        );
    }
    // The route's stops in travel order, then Vladivostok (off the route), then it stays.
    let expected = [
        "Pyongyang",
        "Tumangang",
        "Khasan",
        "Baranovsky",
        "Ussuriysk",
        "Khabarovsk",
        "Belogorsk",
        "Ledyanaya",
        "Vostochny Cosmodrome",
        "Vladivostok",
        "Vladivostok",
        "Vladivostok",
    ];
    assert_eq!(names, expected);
    session.apply(&Intent::SelectPrevious, &around());
    assert_eq!(
        session.selected(),
        Some(index(&session, "Vostochny Cosmodrome"))
    );
    session.apply(&Intent::SelectFirst, &around());
    assert_eq!(session.selected(), Some(index(&session, "Pyongyang")));
}

#[test]
fn a_speed_out_of_range_is_refused_with_its_reason_and_the_last_speed_stays() {
    let mut session = bundled();
    session.apply(&Intent::SetUnit(SpeedUnit::Kmh), &around());
    session.apply(&Intent::SetSpeed(60.0), &around());
    // Pyongyang → Khasan is 845 + 5 = 850 km by rail: 850 ÷ 60 = 14 h 10 min = 51,000 s.
    let khasan = index(&session, "Khasan");
    let at_khasan = session.itinerary().elapsed_at_place(khasan).unwrap();
    assert!((at_khasan - 51_000.0).abs() < 1e-6, "{at_khasan}");
    for refused in [0.000_000_1, 0.0, -5.0, f64::NAN, f64::INFINITY, 1e9] {
        session.apply(&Intent::SetSpeed(refused), &around());
        assert!(
            session.speed_error().is_some_and(|why| !why.is_empty()),
            "{refused} accepted"
        );
        assert!((session.speed().speed.kmh() - 60.0).abs() < 1e-9);
        let at_khasan = session.itinerary().elapsed_at_place(khasan).unwrap();
        assert!((at_khasan - 51_000.0).abs() < 1e-6);
    }
    session.apply(&Intent::SetSpeed(85.0), &around());
    assert_eq!(session.speed_error(), None);
    // 850 ÷ 85 = 10 h = 36,000 s.
    let at_khasan = session.itinerary().elapsed_at_place(khasan).unwrap();
    assert!((at_khasan - 36_000.0).abs() < 1e-6, "{at_khasan}");
}

#[test]
fn the_reported_speed_comes_back_in_its_own_unit() {
    let mut session = bundled();
    session.apply(&Intent::SetUnit(SpeedUnit::Kmh), &around());
    session.apply(&Intent::SetSpeed(120.0), &around());
    session.apply(&Intent::ResetSpeed, &around());
    assert_eq!(session.speed().unit, SpeedUnit::Mph);
    assert!((session.speed().speed.mph() - 37.0).abs() < 1e-9);
}

#[test]
fn the_detour_adds_224_km_out_and_back() {
    let mut session = bundled();
    let without = session.itinerary().total_distance.km();
    session.apply(&Intent::SetDetour(true), &around());
    assert!(session.via_detour());
    // Ussuriysk–Vladivostok is 112 km by rail, each way.
    assert!((session.itinerary().total_distance.km() - without - 224.0).abs() < 1e-9);
}

#[test]
fn the_replay_stays_within_the_journey_whatever_it_is_asked() {
    let mut session = bundled();
    let total = session.itinerary().total_duration_secs;
    for (asked, expected) in [
        (-5.0, 0.0),
        (f64::NAN, 0.0),
        (f64::NEG_INFINITY, 0.0),
        (1e300, total),
        (f64::INFINITY, total),
        (3_600.0, 3_600.0),
    ] {
        session.apply(&Intent::SetPlayback(asked), &around());
        assert_eq!(session.replay().secs, Some(expected), "asked {asked}");
    }
}

#[test]
fn playing_from_the_end_starts_again_and_stops_at_the_end() {
    let mut session = bundled();
    let total = session.itinerary().total_duration_secs;
    session.apply(&Intent::SetPlayback(total), &around());
    session.apply(&Intent::TogglePlay, &around());
    assert_eq!(session.replay().secs, Some(0.0));
    assert!(session.replay().playing);
    // A tenth of a second of replay is 0.1 × 3 h = 1,080 s of journey.
    session.advance(20.0, 0.1);
    assert!((session.replay().secs.unwrap() - 1_080.0).abs() < 1e-9);
    // Frames of a long pause move it by at most a tenth of a second each.
    session.advance(40.0, 25.0);
    assert!((session.replay().secs.unwrap() - 2_160.0).abs() < 1e-9);
    while session.replay().playing {
        session.advance(50.0, 0.1);
    }
    assert_eq!(session.replay().secs, Some(total));
}

#[test]
fn the_story_is_fitted_once_the_map_size_settles() {
    let mut session = bundled();
    assert!(session.fit_if_pending(0.0, 0.0, true).is_empty());
    let effects = session.fit_if_pending(1000.0, 700.0, false);
    assert!(matches!(effects.first(), Some(Effect::JumpTo(_))));
    assert!(session.fit_pending());
    session.fit_if_pending(1000.0, 700.0, true);
    assert!(!session.fit_pending());
    assert!(session.fit_if_pending(1000.0, 700.0, true).is_empty());
}

#[test]
fn a_cluster_click_zooms_in_until_its_places_part() {
    let mut session = bundled();
    let (baranovsky, ussuriysk) = (index(&session, "Baranovsky"), index(&session, "Ussuriysk"));
    session.apply(
        &Intent::ZoomToPlaces(vec![baranovsky, ussuriysk]),
        &around(),
    );
    let view = landing(&mut session);
    // Centred between Baranovsky (131.9272 E, 43.6456 N) and Ussuriysk (131.95 E, 43.8 N),
    // and at least two levels closer than zoom 5.
    assert!((view.center_lon - 131.9386).abs() < 0.01, "{view:?}");
    assert!(view.zoom >= 7.0, "{view:?}");
    // Places at one spot cannot part: each click goes two levels closer, up to the closest.
    let mut at = around();
    at.view.zoom = 17.0;
    session.apply(&Intent::ZoomToPlaces(vec![baranovsky, baranovsky]), &at);
    assert!((landing(&mut session).zoom - MAX_ZOOM).abs() < 1e-9);
}

#[test]
fn a_story_of_one_place_is_centred_on_it_at_town_zoom() {
    // Plain GeoJSON: one point, Lisbon's Rossio station.
    let text = r#"{"type": "Feature", "properties": {"name": "Rossio"},
                   "geometry": {"type": "Point", "coordinates": [-9.1415, 38.7142]}}"#;
    let Ok(loaded) = parse_story(text.as_bytes(), "rossio.geojson") else {
        // Until plain GeoJSON of one point opens, there is nothing to centre.
        panic!("one point does not open");
    };
    let mut session = Session::new(loaded, None, false, true);
    assert_eq!(session.home(), LonLat::new(-9.1415, 38.7142));
    let Some(Effect::JumpTo(view)) = session.fit_if_pending(1000.0, 700.0, true).first().copied()
    else {
        panic!("not fitted");
    };
    assert!((view.zoom - FIT_MAX_ZOOM).abs() < 1e-9, "{view:?}");
    assert!(session.itinerary().legs.is_empty());
    session.apply(&Intent::SelectNext, &around());
    assert_eq!(session.selected(), Some(0));
}

#[test]
fn fitting_the_speed_to_the_reports_sets_the_least_squares_speed_and_keeps_the_unit() {
    let bytes = include_bytes!("../../tests/data/stories/four-stations.geojson");
    let mut session = Session::new(parse_story(bytes, "four").unwrap(), None, false, true);
    session.apply(&Intent::SetUnit(SpeedUnit::Mph), &around());
    session.apply(&Intent::FitSpeedToReports, &around());
    // d = 100, 150, 300 km; t = 2, 3, 8 h after the departure; 1 h stop before the last:
    // v = Σ d² / Σ d(t − w) = 122,500 / 2750 = 44.5454… km/h = 27.679… mph.
    let speed = session.speed();
    assert!((speed.speed.kmh() - 44.545_454_5).abs() < 1e-6);
    assert_eq!(speed.unit, SpeedUnit::Mph);
    assert!((session.chart().speed_kmh - 44.545_454_5).abs() < 1e-6);
    session.apply(&Intent::ResetSpeed, &around());
    assert!((session.speed().speed.kmh() - 60.0).abs() < 1e-9);
}

#[test]
fn fitting_a_story_without_reports_says_why_and_keeps_the_speed() {
    let bytes = br#"{"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
         "properties": {"name": "line"}}]}"#;
    let Ok(loaded) = parse_story(bytes, "plain") else {
        return;
    };
    let mut session = Session::new(loaded, None, false, true);
    let before = session.speed();
    session.apply(&Intent::FitSpeedToReports, &around());
    assert_eq!(session.speed(), before);
    assert!(session.speed_error().unwrap().contains("No speed fits"));
    assert!(session.chart().nothing_to_compare().is_some());
}

fn any_intent() -> impl Strategy<Value = Intent> {
    let number = prop_oneof![
        any::<f64>(),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(-0.0),
        Just(1e-308),
        -10.0..300.0_f64,
    ];
    prop_oneof![
        (0_usize..14).prop_map(Intent::Select),
        Just(Intent::ClearSelection),
        Just(Intent::SelectNext),
        Just(Intent::SelectPrevious),
        Just(Intent::SelectFirst),
        Just(Intent::SelectLast),
        number.clone().prop_map(Intent::SetSpeed),
        prop_oneof![Just(SpeedUnit::Mph), Just(SpeedUnit::Kmh)].prop_map(Intent::SetUnit),
        Just(Intent::ResetSpeed),
        Just(Intent::FitSpeedToReports),
        any::<bool>().prop_map(Intent::SetDetour),
        Just(Intent::FitRoute),
        number.clone().prop_map(Intent::ZoomBy),
        prop::collection::vec(0_usize..14, 0..5).prop_map(Intent::ZoomToPlaces),
        number.prop_map(Intent::SetPlayback),
        Just(Intent::TogglePlay),
        Just(Intent::HideTrain),
        ".{0,40}".prop_map(Intent::SetTitle),
        Just(Intent::ToggleHelp),
        Just(Intent::DismissNotice),
        // The desk's intents belong to the shell: the session takes them and does nothing.
        Just(Intent::DeskUndo),
        (0_usize..14).prop_map(Intent::StraightenLeg),
        (0_usize..14, -200.0..200.0_f64, -100.0..100.0_f64).prop_map(|(place, lon, lat)| {
            Intent::MovePlace {
                place,
                to: crate::story::LonLat::new(lon, lat),
            }
        }),
    ]
}

fn any_surroundings() -> impl Strategy<Value = Surroundings> {
    let number = prop_oneof![any::<f64>(), -1e3..1e4_f64, Just(f64::NAN)];
    (
        number.clone(),
        number.clone(),
        number.clone(),
        number.clone(),
        number,
    )
        .prop_map(|(now, lon, zoom, width, height)| Surroundings {
            now_secs: now,
            view: MapView {
                center_lon: lon,
                center_lat: 45.0,
                zoom,
            },
            map_width_px: width,
            map_height_px: height,
            card_cover_px: 300.0,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any intents, in any order, on any map: no panic, and the session stays consistent.
    #[test]
    fn any_intents_in_any_order_keep_the_session_consistent(
        steps in prop::collection::vec((any_intent(), any_surroundings(), any::<f64>()), 1..40)
    ) {
        let mut session = bundled();
        let places = session.story().places.len();
        for (intent, around, dt) in steps {
            for effect in session.apply(&intent, &around) {
                if let Effect::JumpTo(view) = effect {
                    prop_assert!(view.is_valid(), "{view:?} after {intent:?}");
                }
            }
            for effect in session.advance(around.now_secs, dt) {
                if let Effect::JumpTo(view) = effect {
                    prop_assert!(view.is_valid(), "{view:?} while flying");
                }
            }
            session.fit_if_pending(around.map_width_px, around.map_height_px, true);
            prop_assert!(session.selected().is_none_or(|index| index < places));
            let total = session.itinerary().total_duration_secs;
            prop_assert!(total.is_finite() && total >= 0.0);
            if let Some(secs) = session.replay().secs {
                prop_assert!((0.0..=total).contains(&secs), "{secs} of {total}");
            }
            let kmh = session.speed().speed.kmh();
            prop_assert!((0.1..=1000.0).contains(&kmh), "{kmh} km/h");
            prop_assert!(
                (session.itinerary().options.speed.kmh() - kmh).abs() < 1e-9,
                "the itinerary is at another speed than the session"
            );
            prop_assert!(
                (session.chart().speed_kmh - kmh).abs() < 1e-9,
                "the chart is at another speed than the session"
            );
        }
    }
}

#[test]
fn a_new_title_is_an_edit_and_the_same_title_is_not() {
    let mut session = bundled();
    assert_eq!(session.revision(), 0);
    session.apply(
        &Intent::SetTitle("  Kim's train, 2023  ".to_owned()),
        &around(),
    );
    assert_eq!(session.story().meta.title, "Kim's train, 2023");
    assert_eq!(session.revision(), 1);
    session.apply(&Intent::SetTitle("Kim's train, 2023".to_owned()), &around());
    assert_eq!(session.revision(), 1);
    // Choosing a speed is the reader's view, not an edit of the story.
    session.apply(&Intent::SetSpeed(50.0), &around());
    assert_eq!(session.revision(), 1);
}

#[test]
fn a_route_across_the_date_line_is_drawn_and_fitted_as_one_piece() {
    // Plain GeoJSON: Vladivostok (131.87 E) to Anchorage (149.90 W) by Anadyr (177.51 E).
    let text = include_str!("../../tests/data/world/vladivostok-anchorage.geojson");
    let Ok(loaded) = parse_story(text.as_bytes(), "vladivostok-anchorage.geojson") else {
        panic!("the story does not open");
    };
    let session = Session::new(loaded, None, false, true);
    let runs = session.route_runs();
    let points: Vec<LonLat> = runs.iter().flat_map(|run| run.points.clone()).collect();
    assert!(points.len() >= 3, "{points:?}");
    for pair in points.windows(2) {
        assert!(
            (pair[1].lon - pair[0].lon).abs() < 180.0,
            "the route jumps across the world: {pair:?}"
        );
    }
    // Anchorage is drawn one turn east: −149.900 28 + 360 = 210.099 72.
    let last = points.last().copied().unwrap_or(LonLat::new(0.0, 0.0));
    assert!((last.lon - 210.099_72).abs() < 1e-6, "{last:?}");
    // The fit looks at the middle of the short way, (131.87 + 210.10) / 2 = 171.0, not at
    // Europe; the insets move it a little.
    let Some(view) = session.fitted_view(1000.0, 700.0) else {
        panic!("not fitted");
    };
    assert!((view.center_lon - 171.0).abs() < 5.0, "{view:?}");
}
