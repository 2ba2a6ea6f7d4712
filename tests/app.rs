//! The desktop app driven as a user drives it: markers clicked by their names, keys pressed,
//! the speed typed; then what the user would see is checked.

// A test that cannot set up is a failed test: panicking is the right outcome here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/harness.rs"]
mod harness;
#[path = "common/headless.rs"]
mod headless;
#[path = "common/storage.rs"]
mod storage;

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use harness::start_app;
use headless::Headless;
use storage::{MemoryStorage, app_with_storage};
use storyroute::app::{AppOptions, StoryApp};
use storyroute::model::view::MapView;
use storyroute::units::SpeedUnit;

fn app() -> Harness<'static, StoryApp> {
    start_app(AppOptions::default(), |builder| builder)
}

fn place_index(harness: &Harness<'_, StoryApp>, name: &str) -> usize {
    harness
        .state()
        .story()
        .places
        .iter()
        .position(|place| place.name == name)
        .unwrap()
}

/// Pyongyang → Khasan by rail: 845 km to Tumangang plus 5 km over the Friendship Bridge
/// (the story's rail distances, from its sources), so 850 km. The times below are worked out
/// by hand from it, rounded to the minute as the panel shows them:
/// - 37 mph = 37 × 1.609344 = 59.545728 km/h: 850 ÷ 59.545728 = 14.2747 h = 856.5 min
///   → "14 h 16 min";
/// - 60 km/h: 850 ÷ 60 = 14 h 10 min exactly;
/// - 80 mph = 128.74752 km/h: 850 ÷ 128.74752 = 6.6021 h = 396.1 min → "6 h 36 min";
/// - 85 km/h: 850 ÷ 85 = 10 h exactly → "10 h 00 min".
const PYONGYANG_TO_KHASAN_AT_37_MPH: &str = "Pyongyang → Khasan: 14 h 16 min";
const PYONGYANG_TO_KHASAN_AT_60_KMH: &str = "Pyongyang → Khasan: 14 h 10 min";
const PYONGYANG_TO_KHASAN_AT_80_MPH: &str = "Pyongyang → Khasan: 6 h 36 min";
const PYONGYANG_TO_KHASAN_AT_85_KMH: &str = "Pyongyang → Khasan: 10 h 00 min";

/// Pyongyang → Khabarovsk by rail: 845 + 5 + 238 + 23 + 654 = 1,765 km (the story's rail
/// distances); no stop has a dwell. At 37 mph (59.545728 km/h): 1765 ÷ 59.545728 =
/// 29.64109 h = 106,708 s.
const KHABAROVSK_AT_37_MPH_SECS: f64 = 106_708.0;

#[test]
fn every_place_has_a_marker_on_the_map_at_start() {
    let harness = app();
    let map = harness.state().map_rect();
    for place in &harness.state().story().places {
        // Tumangang lies under the Khasan border station at the overview: it is drawn, but
        // only the marker on top answers clicks there.
        if place.name == "Tumangang" {
            assert!(
                harness
                    .query_by_role_and_label(Role::Button, &place.name)
                    .is_none()
            );
            continue;
        }
        let marker = harness.get_by_role_and_label(Role::Button, &place.name);
        assert!(
            map.contains_rect(marker.rect()),
            "{} is off the map",
            place.name
        );
    }
}

#[test]
fn clicking_each_marker_shows_that_places_excerpts() {
    let mut harness = app();
    let places: Vec<(String, Vec<String>)> = harness
        .state()
        .story()
        .places
        .iter()
        .map(|place| (place.name.clone(), place.excerpts.clone()))
        .collect();
    assert!(
        places
            .iter()
            .filter(|(_, excerpts)| !excerpts.is_empty())
            .count()
            >= 4
    );
    for (name, excerpts) in places {
        // Zoom in on the place, as a reader does where markers crowd.
        harness.key_press(Key::Escape);
        let position = harness.state().story().places[place_index(&harness, &name)].position;
        harness.state_mut().set_view(MapView {
            center_lon: position.lon,
            center_lat: position.lat,
            zoom: 11.0,
        });
        harness.run();
        harness.get_by_role_and_label(Role::Button, &name).click();
        harness.run();
        assert_eq!(
            harness.state().selected(),
            Some(place_index(&harness, &name)),
            "{name}"
        );
        for excerpt in &excerpts {
            harness.get_by_label(&format!("“{excerpt}”"));
        }
    }
}

#[test]
fn clicking_khasan_shows_the_brass_band_and_its_arrival_at_the_current_speed() {
    let mut harness = app();
    harness
        .get_by_role_and_label(Role::Button, "Khasan")
        .click();
    harness.run();
    let brass_band = harness.state().story().places[place_index(&harness, "Khasan")]
        .excerpts
        .iter()
        .find(|excerpt| excerpt.contains("brass band at the Khasan border station"))
        .cloned()
        .unwrap();
    harness.get_by_label(&format!("“{brass_band}”"));
    harness.get_by_label("Estimated arrival at 37 mph");
    harness.get_by_label("Tue 12 Sep 06:00 (UTC+10:00)");
}

#[test]
fn setting_60_kmh_changes_the_pyongyang_to_khasan_time() {
    let mut harness = app();
    harness.get_by_label(PYONGYANG_TO_KHASAN_AT_37_MPH);

    harness.get_by_label("km/h").click();
    harness.run();
    let field = harness.get_by_label("Speed value");
    field.click();
    harness.run();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[Key::A]);
    harness.get_by_label("Speed value").type_text("60");
    harness.run();

    harness.get_by_label(PYONGYANG_TO_KHASAN_AT_60_KMH);
    assert!(
        harness
            .query_by_label(PYONGYANG_TO_KHASAN_AT_37_MPH)
            .is_none()
    );
}

#[test]
fn the_reported_speed_button_brings_back_37_mph() {
    let mut harness = app();
    harness
        .get_by_label("Speed slider")
        .set_value_accesskit(80.0);
    harness.run();
    harness.get_by_label(PYONGYANG_TO_KHASAN_AT_80_MPH);
    harness.get_by_label("Reported speed (37 mph)").click();
    harness.run();
    harness.get_by_label(PYONGYANG_TO_KHASAN_AT_37_MPH);
}

#[test]
fn arrow_keys_home_and_end_step_through_the_places() {
    let mut harness = app();
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(
        harness.state().selected(),
        Some(place_index(&harness, "Pyongyang"))
    );
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(
        harness.state().selected(),
        Some(place_index(&harness, "Tumangang"))
    );
    harness.key_press(Key::ArrowLeft);
    harness.run();
    assert_eq!(
        harness.state().selected(),
        Some(place_index(&harness, "Pyongyang"))
    );
    harness.key_press(Key::End);
    harness.run();
    let last = harness.state().selected().unwrap();
    assert_eq!(harness.state().story().places[last].name, "Vladivostok");
    harness.key_press(Key::Home);
    harness.run();
    assert_eq!(
        harness.state().selected(),
        Some(place_index(&harness, "Pyongyang"))
    );
}

#[test]
fn the_vladivostok_toggle_adds_the_detour_to_the_total_distance() {
    let mut harness = app();
    // The journey's total as the panel shows it: "1,607 mi (2,586 km) in …".
    let total_km = |harness: &Harness<'_, StoryApp>| -> f64 {
        let label = harness
            .get_by_label_contains(" km) in ")
            .accesskit_node()
            .value()
            .unwrap();
        let km = label
            .split(" (")
            .nth(1)
            .unwrap()
            .split(" km)")
            .next()
            .unwrap();
        km.replace(',', "").parse().unwrap()
    };
    let without = total_km(&harness);
    harness
        .get_by_label("Via Vladivostok (as expected)")
        .click();
    harness.run();
    // Ussuriysk–Vladivostok is 112 km by rail (the story's source), out and back: 224 km.
    assert!((total_km(&harness) - (without + 224.0)).abs() < 1.0);
    // 224 km ÷ 1.609344 = 139.2 mi.
    harness.get_by_label_contains("The detour adds 139 mi (224 km)");
}

#[test]
fn escape_and_the_close_button_close_the_card() {
    let mut harness = app();
    harness
        .get_by_role_and_label(Role::Button, "Vladivostok")
        .click();
    harness.run();
    harness
        .get_by_label_contains("“The much-anticipated meeting, expected to unfold in Vladivostok");
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.state().selected(), None);
    assert!(harness.query_by_label("Close").is_none());

    harness
        .get_by_role_and_label(Role::Button, "Vladivostok")
        .click();
    harness.run();
    harness.get_by_label("Close").click();
    harness.run();
    assert_eq!(harness.state().selected(), None);
}

#[test]
fn clicking_an_excerpt_in_the_article_selects_its_place() {
    let mut harness = app();
    harness
        .get_by_label_contains("Excerpt about Vostochny Cosmodrome: Emarking on an intensively")
        .click();
    harness.run();
    assert_eq!(
        harness.state().selected(),
        Some(place_index(&harness, "Vostochny Cosmodrome"))
    );
}

#[test]
fn selecting_a_place_flies_the_map_there_smoothly() {
    let mut harness = app();
    let start = harness.state().map_view();
    let khasan = harness.state().story().places[place_index(&harness, "Khasan")].position;
    harness
        .get_by_role_and_label(Role::Button, "Khasan")
        .click();
    harness.step();
    harness.step();
    assert!(
        harness.state().is_flying(),
        "the move is animated, not a jump"
    );
    let middle = harness.state().map_view();
    assert!(
        (middle.center_lon - start.center_lon).abs() > 1e-6
            || (middle.zoom - start.zoom).abs() > 1e-6
    );
    harness.run();
    assert!(!harness.state().is_flying());
    // Khasan ends up in the middle of the map's room left of the card, at the same latitude.
    let marker = harness
        .get_by_role_and_label(Role::Button, "Khasan")
        .rect()
        .center();
    let card = harness.get_by_label("Close").rect();
    assert!(
        marker.x < card.left(),
        "the card covers the place: {marker:?} {card:?}"
    );
    let end = harness.state().map_view();
    assert!((end.center_lat - khasan.lat).abs() < 1e-6);
    assert!(end.center_lon > khasan.lon);
}

#[test]
fn no_selected_place_is_hidden_under_its_card() {
    let mut harness = app();
    let place_count = harness.state().story().places.len();
    let mut checked = 0;
    let mut card_widths = Vec::new();
    // Step through every place from the keyboard: Home, then →.
    for step in 0..place_count {
        harness.key_press(if step == 0 {
            egui::Key::Home
        } else {
            egui::Key::ArrowRight
        });
        harness.run();
        let Some(index) = harness.state().selected() else {
            panic!("step {step} selected nothing");
        };
        let name = harness.state().story().places[index].name.clone();
        let card = harness.get_by_role_and_label(Role::Window, &name).rect();
        card_widths.push(card.width());
        // A marker under a bigger one (Tumangang under Khasan) is not a widget of its own.
        let Some(marker) = harness.query_by_role_and_label(Role::Button, &name) else {
            continue;
        };
        let marker = marker.rect();
        checked += 1;
        assert!(
            !card.intersects(marker),
            "{name}: the card {card:?} covers the marker {marker:?}"
        );
    }
    assert!(checked + 1 >= place_count, "only {checked} markers checked");
    // The fly-to leaves the card a fixed room: no place's card is wider than that.
    let widest = card_widths.iter().copied().fold(0.0_f32, f32::max);
    let narrowest = card_widths.iter().copied().fold(f32::INFINITY, f32::min);
    assert!(widest - narrowest < 1.0, "card widths {card_widths:?}");
    assert!(
        f64::from(widest) <= storyroute::ui::CARD_COVER_PX - 40.0,
        "card widths {card_widths:?}"
    );
}

#[test]
fn plus_minus_and_f_zoom_and_fit() {
    let mut harness = app();
    let fitted = harness.state().map_view();
    harness.key_press(Key::Plus);
    harness.run();
    assert!((harness.state().map_view().zoom - fitted.zoom - 1.0).abs() < 1e-6);
    harness.key_press(Key::Minus);
    harness.key_press(Key::Minus);
    harness.run();
    assert!((harness.state().map_view().zoom - fitted.zoom + 1.0).abs() < 1e-6);
    harness.key_press(Key::F);
    harness.run();
    assert!((harness.state().map_view().zoom - fitted.zoom).abs() < 1e-6);
    // The map's buttons, by the names a screen reader reads.
    harness.get_by_label("Zoom in").click();
    harness.run();
    assert!((harness.state().map_view().zoom - fitted.zoom - 1.0).abs() < 1e-6);
    harness.get_by_label("Zoom out").click();
    harness.run();
    harness.get_by_label("Zoom out").click();
    harness.run();
    assert!((harness.state().map_view().zoom - fitted.zoom + 1.0).abs() < 1e-6);
    harness.get_by_label("Fit the route").click();
    harness.run();
    assert!((harness.state().map_view().zoom - fitted.zoom).abs() < 1e-6);
}

#[test]
fn f1_opens_the_keyboard_help() {
    let mut harness = app();
    harness.key_press(Key::F1);
    harness.run();
    harness.get_by_label("fit the whole route");
    harness.get_by_label("Close help").click();
    harness.run();
    assert!(harness.query_by_label("fit the whole route").is_none());
}

#[test]
fn the_attribution_is_on_the_map_and_lists_the_licences() {
    let mut harness = app();
    harness
        .get_by_label("Natural Earth · GSHHG · GeoNames")
        .click();
    harness.run();
    for source in storyroute::basemap::SOURCES {
        harness.get_by_label(&format!(
            "{}: {} ({})",
            source.name, source.what, source.licence
        ));
    }
    harness
        .get_by_label("GeoNames: place names and populations (Creative Commons Attribution 4.0)");
    harness.get_by_label_contains("GNU LGPL v3 or later");
}

#[test]
fn a_story_that_fails_to_open_is_reported_and_the_open_story_stays() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.geojson");
    std::fs::write(&path, "{\"type\": \"FeatureCollection\", \"features\": [").unwrap();
    let mut harness = app();
    drop_file(&mut harness, &path);
    harness.get_by_label_contains("could not be opened; the story on screen is unchanged");
    harness.get_by_label_contains("not valid JSON");
    assert!(
        harness
            .state()
            .story()
            .places
            .iter()
            .any(|place| place.name == "Khasan")
    );
}

/// A file dropped on the window from a file manager.
#[derive(Debug)]
struct DroppedPath(std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|error| error.to_string())
    }
}

/// Drop `path` on the window, as a user drags a file from their file manager.
fn drop_file(harness: &mut Harness<'_, StoryApp>, path: &std::path::Path) {
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(path.to_path_buf())));
    harness.run();
}

#[test]
fn speed_unit_theme_and_view_survive_a_restart() {
    use eframe::App as _;
    let mut storage = MemoryStorage::default();
    {
        let mut harness = app();
        harness.get_by_label("km/h").click();
        harness.run();
        harness
            .get_by_label("Speed slider")
            .set_value_accesskit(85.0);
        harness.run();
        harness
            .get_by_role_and_label(Role::Button, "Khabarovsk")
            .click();
        harness.run();
        harness.get_by_label("Switch to the light theme").click();
        harness.run();
        harness.state_mut().save(&mut storage);
    }
    let saved_view = {
        let state: storyroute::model::PersistedState =
            eframe::get_value(&storage, eframe::APP_KEY).unwrap();
        state.view.unwrap()
    };
    let mut harness = app_with_storage(storage, AppOptions::default());
    harness.run();
    let state = harness.state().persisted().clone();
    assert_eq!(state.unit, Some(SpeedUnit::Kmh));
    assert_eq!(state.speed_value, Some(85.0));
    assert_eq!(state.theme, storyroute::model::ThemeChoice::Light);
    let view = harness.state().map_view();
    assert!(
        (view.center_lon - saved_view.center_lon).abs() < 1e-6
            && (view.zoom - saved_view.zoom).abs() < 1e-6
    );
    harness.get_by_label(PYONGYANG_TO_KHASAN_AT_85_KMH);
}

#[test]
fn a_missing_tiles_file_is_reported_and_the_offline_map_stays() {
    let mut harness = start_app(
        AppOptions {
            pmtiles_path: Some("/nonexistent/tiles.pmtiles".into()),
            ..AppOptions::default()
        },
        |builder| builder,
    );
    harness.get_by_label_contains("/nonexistent/tiles.pmtiles");
    harness.get_by_label("The offline map is shown instead.");
    harness.get_by_label("OK").click();
    harness.run();
    assert!(
        harness
            .query_by_label("The offline map is shown instead.")
            .is_none()
    );
}

#[test]
fn the_replay_puts_the_train_at_khabarovsk_when_it_would_arrive_there() {
    let mut harness = app();
    assert!(harness.query_by_label("Train").is_none());
    harness.get_by_label("▶ Replay the journey").click();
    harness.step();
    harness.step();
    // Playing: the train moves on by itself.
    let early = harness.state().playback_secs().unwrap();
    harness.step();
    assert!(harness.state().playback_secs().unwrap() > early);
    harness.get_by_label("⏸ Pause").click();
    harness.run();

    harness
        .get_by_label("Journey time")
        .set_value_accesskit(KHABAROVSK_AT_37_MPH_SECS);
    harness.run();
    harness.get_by_label_contains("between Ussuriysk and Khabarovsk");
    let train = harness.get_by_label("Train").rect().center();
    let marker = harness
        .get_by_role_and_label(Role::Button, "Khabarovsk")
        .rect()
        .center();
    assert!(
        train.distance(marker) < 2.0,
        "train at {train:?}, Khabarovsk at {marker:?}"
    );

    harness.get_by_label("Hide the train").click();
    harness.run();
    assert!(harness.query_by_label("Train").is_none());
}

#[test]
fn hovering_a_marker_shows_its_name_and_arrival_at_the_current_speed() {
    let mut harness = app();
    harness
        .get_by_role_and_label(Role::Button, "Khabarovsk")
        .hover();
    for _ in 0..6 {
        harness.step();
    }
    harness.get_by_label("Arrives Mon 11 Sep 23:38 (UTC+10:00) at 37 mph");
    // At another speed the tooltip follows.
    harness
        .get_by_label("Speed slider")
        .set_value_accesskit(74.0);
    harness
        .get_by_role_and_label(Role::Button, "Khabarovsk")
        .hover();
    for _ in 0..6 {
        harness.step();
    }
    // 74 mph = 119.091456 km/h: 1,765 km take 14.8206 h = 14 h 49 min; leaving Pyongyang
    // on Sunday 10 September at 17:00 UTC+9 (08:00 UTC) that is 22:49 UTC, Monday 08:49 in
    // Khabarovsk (UTC+10).
    harness.get_by_label("Arrives Mon 11 Sep 08:49 (UTC+10:00) at 74 mph");
}

#[test]
fn the_theme_button_switches_between_dark_and_light() {
    let mut harness = app();
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    harness.get_by_label("Switch to the light theme").click();
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    assert_eq!(
        harness.state().persisted().theme,
        storyroute::model::ThemeChoice::Light
    );
    harness.get_by_label("Switch to the dark theme").click();
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
}

#[test]
fn plain_geojson_opens_as_a_story_and_the_map_says_where_it_has_no_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("france-trip.geojson");
    std::fs::write(
        &path,
        r#"{"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2.35, 48.85]}, "properties": {"name": "Paris"}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.83, 45.76]}, "properties": {"name": "Lyon"}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [5.37, 43.30]}, "properties": {"name": "Marseille"}}]}"#,
    )
    .unwrap();
    let mut harness = app();
    drop_file(&mut harness, &path);
    harness.get_by_label("france-trip");
    for name in ["Paris", "Lyon", "Marseille"] {
        harness.get_by_role_and_label(Role::Button, name);
    }
    // The basemap covers the whole world: France has a map, no "no data" message.
    assert!(
        harness
            .query_by_label_contains("No offline map data here")
            .is_none()
    );
    // The warnings of a plain file are one click away.
    harness
        .get_by_label_contains("warnings in the story file")
        .click();
    harness.run();
    harness.get_by_label_contains("60 km/h is assumed");
}

#[test]
fn measuring_the_startup_waits_for_the_first_frame_to_be_drawn() {
    // Driven frame by frame, as eframe does: each frame is painted before the next begins.
    let started = std::time::Instant::now();
    let mut headless = Headless::start(AppOptions {
        measure_startup_from: Some(started),
        ..AppOptions::default()
    });
    let first = headless.run_frame();
    assert_eq!(
        headless.app.startup_secs(),
        None,
        "measured before the first frame was painted"
    );
    assert!(
        !first.viewport_output[&egui::ViewportId::ROOT]
            .commands
            .contains(&egui::ViewportCommand::Close)
    );
    let second = headless.run_frame();
    let measured = headless.app.startup_secs();
    assert!(
        measured.is_some_and(|secs| secs > 0.0 && secs <= started.elapsed().as_secs_f64()),
        "{measured:?}"
    );
    assert!(
        second.viewport_output[&egui::ViewportId::ROOT]
            .commands
            .contains(&egui::ViewportCommand::Close),
        "the app quits once it has measured"
    );
}

#[test]
fn without_measuring_the_app_reports_no_startup_time() {
    let harness = app();
    assert_eq!(harness.state().startup_secs(), None);
}

#[test]
fn hovering_a_time_in_the_itinerary_shows_it_in_full() {
    let mut harness = app();
    assert!(
        harness
            .query_by_label("Tue 12 Sep 06:00 (UTC+10:00)")
            .is_none()
    );
    // Khasan's reported arrival, in the itinerary's "Reported" column.
    harness.get_by_label("Tue 06:00").hover();
    harness.run();
    harness.get_by_label("Tue 12 Sep 06:00 (UTC+10:00)");
}

#[test]
fn a_speed_too_slow_to_arrive_is_refused_and_the_last_speed_stays() {
    let mut harness = app();
    harness.get_by_label(PYONGYANG_TO_KHASAN_AT_37_MPH);
    harness.get_by_label("Speed value").click();
    harness.run();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[Key::A]);
    harness.get_by_label("Speed value").type_text("0.0000001");
    harness.run();
    // While typing, the field says why; the journey is still at 37 mph.
    harness.get_by_label_contains("0.1");
    harness.get_by_label(PYONGYANG_TO_KHASAN_AT_37_MPH);
    harness.key_press(Key::Enter);
    harness.run();
    // After Enter: the app is alive, the speed kept, and the reason still shown.
    harness.get_by_label_contains("Kept 37.0 mph");
    harness.get_by_label(PYONGYANG_TO_KHASAN_AT_37_MPH);
    // What is saved for the next run is still 37 mph.
    let saved = harness.state().persisted().speed_value;
    assert!(
        saved.is_none_or(|mph| (mph - 37.0).abs() < 1e-9),
        "{saved:?}"
    );
    // A valid speed clears the message.
    harness
        .get_by_label("Speed slider")
        .set_value_accesskit(80.0);
    harness.run();
    harness.get_by_label(PYONGYANG_TO_KHASAN_AT_80_MPH);
    assert!(harness.query_by_label_contains("Kept ").is_none());
}

#[test]
fn unreadable_saved_settings_are_reported_and_kept_aside() {
    use eframe::App as _;
    let garbage = "(speed_value: Some(60.0), unit: Some(Furlongs";
    let data_dir = tempfile::tempdir().unwrap();
    let saved = MemoryStorage(
        [(eframe::APP_KEY.to_owned(), garbage.to_owned())]
            .into_iter()
            .collect(),
    );
    let dir = data_dir.path().to_path_buf();
    let mut harness = app_with_storage(
        saved,
        AppOptions {
            data_dir: Some(dir),
            ..AppOptions::default()
        },
    );
    harness.run();
    harness.get_by_label_contains("Your saved settings could not be read");
    // Kept in a file beside the settings, word for word.
    let kept = data_dir.path().join("unreadable-settings-1.ron");
    assert_eq!(std::fs::read_to_string(kept).unwrap(), garbage);
    // The app started with the defaults: the story's 37 mph.
    harness.get_by_label(PYONGYANG_TO_KHASAN_AT_37_MPH);
    // The next save keeps them under another key, not overwritten.
    let mut storage = MemoryStorage::default();
    harness.state_mut().save(&mut storage);
    assert_eq!(
        storage
            .0
            .get(storyroute::app::UNREADABLE_STATE_KEY)
            .map(String::as_str),
        Some(garbage)
    );
    harness.get_by_label("OK").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Your saved settings could not be read")
            .is_none()
    );
}

#[test]
fn online_tiles_that_cannot_be_fetched_say_so_on_the_map() {
    // No network here: every tile fetch fails, and walkers logs it.
    storyroute::diagnostics::init_logging();
    let mut harness = app();
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("OpenStreetMap tiles (online)").click();
    harness.run();
    let mut seen = false;
    for _ in 0..100 {
        std::thread::sleep(std::time::Duration::from_millis(100));
        harness.step();
        if harness
            .query_by_label_contains("Online tiles are not loading")
            .is_some()
        {
            seen = true;
            break;
        }
    }
    assert!(seen, "no notice after 10 s of failing tiles");
    // The offline map stays under it, credited.
    harness.get_by_label_contains("© OpenStreetMap contributors");
}

#[test]
fn a_file_with_one_place_opens_centred_on_it_with_no_route() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rossio.geojson");
    std::fs::write(
        &path,
        r#"{"type": "Feature", "properties": {"name": "Rossio"},
            "geometry": {"type": "Point", "coordinates": [-9.1415, 38.7142]}}"#,
    )
    .unwrap();
    let mut harness = app();
    drop_file(&mut harness, &path);
    let view = harness.state().map_view();
    // Fitted to the one place: centred on it (the insets shift the centre by a few hundred
    // metres at this zoom), as close as a fit goes.
    assert!((view.center_lon - -9.1415).abs() < 0.01, "{view:?}");
    assert!((view.center_lat - 38.7142).abs() < 0.01, "{view:?}");
    assert!(
        (view.zoom - storyroute::model::FIT_MAX_ZOOM).abs() < 1e-6,
        "{view:?}"
    );
    harness.get_by_label("No route yet: the story has one place and no line to follow.");
    // The marker (not the list's row of the same name) answers a click: its card opens.
    let map = harness.state().map_rect();
    harness
        .get_all_by_role_and_label(Role::Button, "Rossio")
        .find(|node| map.contains_rect(node.rect()))
        .unwrap()
        .click();
    harness.run();
    assert_eq!(harness.state().selected(), Some(0));
}

#[test]
fn opening_another_story_keeps_the_theme_tiles_and_windows_of_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two-stations.geojson");
    std::fs::write(
        &path,
        r#"{"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.6570, 55.7765]}, "properties": {"name": "Kursky"}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30.3620, 59.9300]}, "properties": {"name": "Moskovsky"}}]}"#,
    )
    .unwrap();
    let mut harness = start_app(AppOptions::default(), |builder| builder);
    harness.get_by_label("Switch to the light theme").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Khasan")
        .click();
    harness.run();
    drop_file(&mut harness, &path);
    // The new story, at its own speed, nothing selected; the theme as the reader set it.
    harness.get_by_label("two-stations");
    // Its view is not saved for the next run, which opens on the bundled story.
    let mut saved = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut saved);
    let state: storyroute::model::PersistedState =
        eframe::get_value(&saved, eframe::APP_KEY).unwrap();
    assert_eq!(state.view, None);
    assert_eq!(harness.state().selected(), None);
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    harness.get_by_role_and_label(Role::Button, "Kursky");
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Khasan")
            .is_none()
    );
}

/// The hand-checkable story of tests/data/stories/four-stations.geojson: rail 100, 50 and
/// 150 km, a 1 h stop at Charlie, departure 1 Jan 2023 00:00 UTC+9 (assumed), reported
/// arrivals 2, 3 and 8 h after it; the story's speed is 60 km/h.
fn four_stations() -> Harness<'static, StoryApp> {
    start_app(
        AppOptions {
            story_path: Some("tests/data/stories/four-stations.geojson".into()),
            ..AppOptions::default()
        },
        |builder| builder,
    )
}

fn open_chart_from_the_view_menu(harness: &mut Harness<'_, StoryApp>) {
    harness.get_by_label("View").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "Time–distance chart")
        .click();
    harness.run();
}

#[test]
fn the_view_menu_opens_the_chart_and_the_speed_slider_moves_its_estimate() {
    let mut harness = four_stations();
    assert!(harness.query_by_label("Fit speed to reports").is_none());
    open_chart_from_the_view_menu(&mut harness);
    assert!(harness.state().persisted().show_chart);
    // 300 km at 60 km/h = 5 h, plus the 1 h stop: Delta at 06:00 UTC+9 (Delta's time).
    harness.get_by_label("Estimate at 60.0 km/h: arrives Delta Sun 01 Jan 06:00 (UTC+09:00)");
    harness
        .get_by_label("Speed slider")
        .set_value_accesskit(50.0);
    harness.run();
    // 300 km at 50 km/h = 6 h, plus 1 h: 07:00.
    harness.get_by_label("Estimate at 50.0 km/h: arrives Delta Sun 01 Jan 07:00 (UTC+09:00)");
}

#[test]
fn fit_speed_to_reports_sets_the_least_squares_speed_and_reported_speed_brings_60_back() {
    let mut harness = four_stations();
    harness.get_by_label("Time–distance chart").click();
    harness.run();
    harness.get_by_label("Fit speed to reports").click();
    harness.run();
    // d = 100, 150, 300 km; t = 2, 3, 8 h; 1 h stop before Delta: v = Σ d² / Σ d(t − w)
    // = 122,500 / 2750 = 44.545 km/h. Delta: 300 / 44.545 + 1 = 7.7347 h = 7 h 44 min.
    let kmh = harness.state().session().speed().speed.kmh();
    assert!((kmh - 44.545_454_5).abs() < 1e-6, "{kmh}");
    harness.get_by_label("Estimate at 44.5 km/h: arrives Delta Sun 01 Jan 07:44 (UTC+09:00)");
    // The residuals: Delta 7 h 44 min against 8 h reported: −16 min.
    harness.get_by_label("Delta: −16 min");
    harness
        .get_by_label("Back to the reported speed (60 km/h)")
        .click();
    harness.run();
    let kmh = harness.state().session().speed().speed.kmh();
    assert!((kmh - 60.0).abs() < 1e-9, "{kmh}");
}

#[test]
fn clicking_a_reported_point_or_a_place_on_the_chart_selects_that_place() {
    let mut harness = app();
    harness.get_by_label("Time–distance chart").click();
    harness.run();
    harness.get_by_label("Reported arrival at Khasan").click();
    harness.run();
    assert_eq!(
        harness.state().selected(),
        Some(place_index(&harness, "Khasan"))
    );
    harness.get_by_label("Khabarovsk on the chart").click();
    harness.run();
    assert_eq!(
        harness.state().selected(),
        Some(place_index(&harness, "Khabarovsk"))
    );
}

#[test]
fn the_itinerary_lists_the_speeds_the_reports_imply() {
    let harness = app();
    // Khasan 06:00 → Baranovsky 12:15 (both UTC+10): 6 h 15 min for 238 km by rail:
    // 38.08 km/h = 23.66 mph.
    harness.get_by_label(
        "Khasan → Baranovsky: reported 6 h 15 min for 238 km, i.e. 38 km/h, 24 mph (an approximate time)",
    );
}

#[test]
fn the_chart_is_saved_as_svg_from_its_window() {
    let mut harness = four_stations();
    harness.get_by_label("Time–distance chart").click();
    harness.run();
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("chart");
    let field = harness.get_by_label("Chart file name");
    field.click();
    harness.run();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[Key::A]);
    harness
        .get_by_label("Chart file name")
        .type_text(&base.display().to_string());
    harness.run();
    harness.get_by_label("Save SVG").click();
    harness.run();
    let svg = std::fs::read_to_string(dir.path().join("chart.svg")).unwrap();
    // At 60 km/h: (0 h, 0) (100/60 h, 100) …; Delta reported 8 h after the departure is the
    // chart's right edge (x 920) at the top (y 80).
    assert!(svg.contains(r#"cx="920.0" cy="80.0""#), "{svg}");
}

#[test]
fn a_typed_speed_between_the_sliders_steps_is_kept_as_typed() {
    let mut harness = app();
    harness.get_by_label("km/h").click();
    harness.run();
    harness.get_by_label("Speed value").click();
    harness.run();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[Key::A]);
    harness.get_by_label("Speed value").type_text("59.3");
    harness.run();
    // The slider steps by 0.5: drawing it must not round 59.3 to 59.5.
    let kmh = harness.state().session().speed().speed.kmh();
    assert!((kmh - 59.3).abs() < 1e-9, "{kmh}");
}

#[test]
fn dragging_across_the_chart_moves_the_replay_to_that_moment() {
    let mut harness = four_stations();
    harness.get_by_label("Time–distance chart").click();
    harness.run();
    assert_eq!(harness.state().playback_secs(), None);
    // Bravo's reported arrival is 2 h after the departure (03:00 UTC+10 = 17:00 UTC; the
    // departure 00:00 UTC+9 = 15:00 UTC): drag to its column, 20 px above the point.
    let bravo = harness
        .get_by_label("Reported arrival at Bravo")
        .rect()
        .center();
    let start = bravo + egui::vec2(-40.0, -20.0);
    let end = bravo + egui::vec2(0.0, -20.0);
    harness.hover_at(start);
    harness.run();
    harness.drag_at(start);
    harness.run();
    for fraction in [0.25, 0.5, 0.75, 1.0] {
        harness.hover_at(start + (end - start) * fraction);
        harness.run();
    }
    harness.drop_at(end);
    harness.run();
    let secs = harness.state().playback_secs().unwrap();
    // One pixel is about 8 h / 600 px ≈ 50 s: within 3 px of 7200 s.
    assert!((secs - 7200.0).abs() < 150.0, "{secs}");
}

#[test]
fn a_story_given_at_start_is_fitted_even_with_a_view_saved_from_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rossio.geojson");
    std::fs::write(
        &path,
        r#"{"type": "Feature", "properties": {"name": "Rossio"},
            "geometry": {"type": "Point", "coordinates": [-9.1415, 38.7142]}}"#,
    )
    .unwrap();
    // The last run looked at North-East Asia.
    let mut saved = MemoryStorage::default();
    let state = storyroute::model::PersistedState {
        view: Some(MapView {
            center_lon: 130.0,
            center_lat: 45.0,
            zoom: 5.0,
        }),
        ..storyroute::model::PersistedState::default()
    };
    eframe::set_value(&mut saved, eframe::APP_KEY, &state);
    let mut harness = app_with_storage(
        saved,
        AppOptions {
            story_path: Some(path),
            ..AppOptions::default()
        },
    );
    for _ in 0..200 {
        harness.step();
        if harness.state().story().places.len() == 1 && !harness.state().is_flying() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
    let view = harness.state().map_view();
    assert!((view.center_lon - -9.1415).abs() < 0.01, "{view:?}");
    assert!((view.center_lat - 38.7142).abs() < 0.01, "{view:?}");
}
