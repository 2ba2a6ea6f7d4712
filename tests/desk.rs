//! Making a story from an article in the app, as an author does it: File ▸ New story from
//! article…, the article pasted into its field, Find places, then the desk: a place left
//! out, another reading of a homonym taken, a place taken and moved up the route, Ctrl+Z
//! and Ctrl+Shift+Z, Save As through the dialog, and the file opened again through File ▸
//! Open…. Every step clicks the real menu entries and buttons and types into the real fields,
//! by their accessible names.
//!
//! The article is the U.S. Navy's "America Departs Peru, Sets Sail for San Diego" (public
//! domain; see tests/data/articles/README.md): we did not write it.

// A test that cannot set up is a failed test: panicking is the right outcome here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/article.rs"]
mod article;
#[path = "common/flows.rs"]
mod flows;
#[path = "common/harness.rs"]
mod harness;

use article::new_story_from_article;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use flows::{file_menu, settle, type_into};
use harness::start_app;
use storyroute::app::{AppOptions, StoryApp};
use storyroute::story::{LonLat, Story};

const NAVY: &str = "tests/data/articles/us-navy-america-departs-peru-2014.txt";

/// The app in a window tall enough for the desk's list.
fn app() -> Harness<'static, StoryApp> {
    start_app(AppOptions::default(), |builder| {
        builder.with_size(egui::vec2(1600.0, 1400.0))
    })
}

/// Click the field named `field` and type `text` into it (no Enter).
fn type_in(harness: &mut Harness<'_, StoryApp>, field: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .type_text(text);
    harness.run();
}

/// Click the widget named `name`.
fn click(harness: &mut Harness<'_, StoryApp>, name: &str) {
    harness.get_by_label(name).click();
    harness.run();
}

/// The story's places, in order, with where they are.
fn places(story: &Story) -> Vec<(String, LonLat)> {
    story
        .places
        .iter()
        .map(|place| (place.name.clone(), place.position))
        .collect()
}

fn place_names(harness: &Harness<'_, StoryApp>) -> Vec<String> {
    harness
        .state()
        .story()
        .places
        .iter()
        .map(|place| place.name.clone())
        .collect()
}

/// The navy article pasted into a new story, its places found.
fn desk_with_navy_article() -> Harness<'static, StoryApp> {
    let mut harness = app();
    new_story_from_article(&mut harness, &std::fs::read_to_string(NAVY).unwrap());
    harness
}

#[test]
fn an_article_becomes_a_route_that_is_edited_undone_saved_and_reopened_the_same() {
    let mut harness = desk_with_navy_article();
    // The route the article tells: from Callao by Pascagoula to San Diego (the ship sailed
    // from Pascagoula to San Diego by way of Callao; the desk is where that is fixed).
    assert_eq!(place_names(&harness), ["Callao", "Pascagoula", "San Diego"]);
    assert!(harness.state().is_unsaved(), "a new story is not saved");
    // The desk lists every place found, the countries too.
    harness.get_by_label("Use Cartagena");
    harness.get_by_label("Use Peru");

    // Pascagoula left out.
    click(&mut harness, "Use Pascagoula");
    assert_eq!(place_names(&harness), ["Callao", "San Diego"]);

    // The other San Diego: the one in Colombia.
    let us = harness.state().story().places[1].position;
    click(&mut harness, "Which San Diego");
    click(&mut harness, "San Diego, Colombia");
    let colombian = harness.state().story().places[1].clone();
    assert_eq!(colombian.country.as_deref(), Some("CO"));
    assert_ne!(colombian.position, us);

    // Cartagena taken (it goes last), then moved up before San Diego.
    click(&mut harness, "Use Cartagena");
    assert_eq!(place_names(&harness), ["Callao", "San Diego", "Cartagena"]);
    click(&mut harness, "Move Cartagena up");
    assert_eq!(place_names(&harness), ["Callao", "Cartagena", "San Diego"]);

    // Ctrl+Z undoes the move; Ctrl+Shift+Z does it again.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(place_names(&harness), ["Callao", "San Diego", "Cartagena"]);
    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(place_names(&harness), ["Callao", "Cartagena", "San Diego"]);
    let made = places(harness.state().story());

    // Save As, through the dialog.
    let dir = tempfile::tempdir().unwrap();
    file_menu(&mut harness, "Save As…");
    type_into(&mut harness, "Folder", dir.path().to_str().unwrap());
    type_into(&mut harness, "File name", "navy");
    let written = dir.path().join("navy.geojson");
    assert!(written.is_file(), "saved as {}", written.display());
    assert!(!harness.state().is_unsaved());

    // Open it again through File ▸ Open…: the same places, in the same order, at the same
    // coordinates.
    file_menu(&mut harness, "Open…");
    type_into(&mut harness, "File name", written.to_str().unwrap());
    settle(&mut harness);
    assert!(
        harness.state().desk().is_none(),
        "another story closes the desk"
    );
    assert_eq!(places(harness.state().story()), made);
}

#[test]
fn an_edit_after_saving_marks_the_story_unsaved_again() {
    let mut harness = desk_with_navy_article();
    let dir = tempfile::tempdir().unwrap();
    file_menu(&mut harness, "Save As…");
    type_into(&mut harness, "Folder", dir.path().to_str().unwrap());
    type_into(&mut harness, "File name", "navy");
    assert!(!harness.state().is_unsaved());
    click(&mut harness, "Move San Diego up");
    assert_eq!(place_names(&harness), ["Callao", "San Diego", "Pascagoula"]);
    assert!(harness.state().is_unsaved());
}

#[test]
fn an_official_distance_with_its_source_replaces_the_measured_one() {
    let mut harness = desk_with_navy_article();
    assert!(harness.state().story().legs[0].rail_distance.is_none());
    // Each leg says where its distance comes from.
    let measured = |harness: &Harness<'_, StoryApp>| {
        harness
            .query_all_by_label_contains("km, measured on the line drawn")
            .count()
    };
    assert_eq!(measured(&harness), 2);
    type_in(
        &mut harness,
        "Official distance Callao to Pascagoula",
        "5150",
    );
    // No source yet: refused, and said.
    click(&mut harness, "Set distance Callao to Pascagoula");
    harness.get_by_label_contains("Say who gives this distance");
    assert!(harness.state().story().legs[0].rail_distance.is_none());
    type_in(
        &mut harness,
        "Source Callao to Pascagoula",
        "a sailing chart",
    );
    click(&mut harness, "Set distance Callao to Pascagoula");
    let leg = &harness.state().story().legs[0];
    let official = leg.rail_distance.as_ref().unwrap();
    assert!((official.distance.km() - 5150.0).abs() < 1e-9);
    assert_eq!(official.source, "a sailing chart");
    harness.get_by_label("official distance 5150 km (a sailing chart)");
    assert_eq!(measured(&harness), 1);
}

#[test]
fn an_excerpt_is_trimmed_word_by_word_and_untrimmed() {
    let mut harness = desk_with_navy_article();
    let callao =
        |harness: &Harness<'_, StoryApp>| harness.state().story().places[0].excerpts[0].clone();
    let whole = callao(&harness);
    assert!(
        whole.starts_with("PACIFIC OCEAN (NNS) -- The future"),
        "{whole}"
    );
    click(&mut harness, "Trim start of excerpt 1 of Callao");
    click(&mut harness, "Trim start of excerpt 1 of Callao");
    assert!(
        callao(&harness).starts_with("NNS) -- The future"),
        "{}",
        callao(&harness)
    );
    click(&mut harness, "Trim end of excerpt 1 of Callao");
    assert!(
        callao(&harness).ends_with("three-day port"),
        "{}",
        callao(&harness)
    );
    click(&mut harness, "Untrim of excerpt 1 of Callao");
    assert_eq!(callao(&harness), whole);
}

/// Press on `from`, move by `by` in small steps, release.
fn drag(harness: &mut Harness<'_, StoryApp>, from: egui::Pos2, by: egui::Vec2) {
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    for step in 1..=8 {
        #[allow(clippy::cast_precision_loss)]
        harness.hover_at(from + by * (step as f32 / 8.0));
        harness.run();
    }
    harness.drop_at(from + by);
    harness.run();
}

/// Where the widget named `name` with role `role` is on the map.
fn on_map(harness: &Harness<'_, StoryApp>, role: Role, name: &str) -> egui::Pos2 {
    let map = harness.state().map_rect();
    harness
        .get_all_by_role_and_label(role, name)
        .map(|node| node.rect().center())
        .find(|center| map.contains(*center))
        .unwrap_or_else(|| panic!("no {name} on the map"))
}

#[test]
fn a_marker_dragged_on_the_map_moves_its_place_and_undo_puts_it_back() {
    let mut harness = desk_with_navy_article();
    let before = harness.state().story().places[1].clone();
    assert_eq!(before.name, "Pascagoula");
    let at = on_map(&harness, Role::Button, "Pascagoula");
    // Right and down on the screen: east and south.
    drag(&mut harness, at, egui::vec2(60.0, 40.0));
    let after = harness.state().story().places[1].clone();
    assert!(after.position.lon > before.position.lon, "{after:?}");
    assert!(after.position.lat < before.position.lat, "{after:?}");
    assert_eq!(after.coordinate_quality.as_deref(), Some("estimate"));
    // The legs end where the place now is.
    assert_eq!(
        harness.state().story().legs[0].geometry.last(),
        Some(&after.position)
    );
    harness.get_by_label("Put Pascagoula back");
    click(&mut harness, "Undo");
    assert_eq!(harness.state().story().places[1].position, before.position);
}

#[test]
fn a_leg_dragged_by_its_handle_bends_and_a_double_click_or_the_desk_straightens_it() {
    let mut harness = desk_with_navy_article();
    let straight = harness.state().story().legs[1].geometry.clone();
    let name = "Bend the leg from Pascagoula to San Diego";
    let at = on_map(&harness, Role::Button, name);
    // Down on the screen: the line now bends south, through the Gulf of Mexico.
    drag(&mut harness, at, egui::vec2(0.0, 50.0));
    let bent = harness.state().story().legs[1].geometry.clone();
    assert_ne!(bent, straight);
    assert_eq!(bent.first(), straight.first());
    assert_eq!(bent.last(), straight.last());
    let lowest = |line: &[LonLat]| line.iter().map(|p| p.lat).fold(f64::INFINITY, f64::min);
    assert!(lowest(&bent) < lowest(&straight), "the leg bends south");
    // A double-click on the handle draws it straight again.
    let at = on_map(&harness, Role::Button, name);
    harness.hover_at(at);
    harness.run();
    // Both clicks in one frame: the harness's frames are a quarter second apart, longer
    // than a double-click's pause.
    for pressed in [true, false, true, false] {
        harness.input_mut().events.push(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    harness.run();
    assert_eq!(harness.state().story().legs[1].geometry, straight);
    // Undo bends it again; the desk's button straightens it too.
    click(&mut harness, "Undo");
    assert_eq!(harness.state().story().legs[1].geometry, bent);
    click(&mut harness, "Remove via points Pascagoula to San Diego");
    assert_eq!(harness.state().story().legs[1].geometry, straight);
}

#[test]
fn an_article_file_is_opened_through_the_dialog_and_an_empty_one_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("navy.md");
    std::fs::write(&article, std::fs::read_to_string(NAVY).unwrap()).unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let mut harness = app();
    file_menu(&mut harness, "New story from article…");
    click(&mut harness, "Open text file…");
    type_into(&mut harness, "File name", empty.to_str().unwrap());
    harness.get_by_label_contains("the article is empty");
    click(&mut harness, "Open text file…");
    type_into(&mut harness, "File name", article.to_str().unwrap());
    let text = harness
        .get_by_role_and_label(Role::TextInput, "Article text")
        .value()
        .unwrap();
    assert!(
        text.starts_with("America Departs Peru, Sets Sail for San Diego"),
        "{text}"
    );
    click(&mut harness, "Find places");
    assert_eq!(place_names(&harness), ["Callao", "Pascagoula", "San Diego"]);
}

#[test]
fn finding_places_over_unsaved_changes_asks_first() {
    let mut harness = app();
    // An edit to the bundled story: its title.
    file_menu(&mut harness, "Story details…");
    type_into(&mut harness, "Story title", "My train");
    click(&mut harness, "Close");
    assert!(harness.state().is_unsaved());
    file_menu(&mut harness, "New story from article…");
    type_in(
        &mut harness,
        "Article text",
        &std::fs::read_to_string(NAVY).unwrap(),
    );
    click(&mut harness, "Find places");
    harness.get_by_label_contains("has changes that are not saved");
    click(&mut harness, "Cancel");
    assert_eq!(harness.state().story().meta.title, "My train");
    assert!(harness.state().desk().is_none());
    click(&mut harness, "Find places");
    click(&mut harness, "Don't save");
    assert_eq!(place_names(&harness), ["Callao", "Pascagoula", "San Diego"]);
}

#[test]
fn a_place_dragged_onto_another_in_the_desk_takes_its_place_on_the_route() {
    let mut harness = desk_with_navy_article();
    let from = harness.get_by_label("Drag San Diego").rect().center();
    let onto = harness.get_by_label("Use Callao").rect().center();
    drag(&mut harness, from, onto - from);
    assert_eq!(place_names(&harness), ["San Diego", "Callao", "Pascagoula"]);
    click(&mut harness, "Undo");
    assert_eq!(place_names(&harness), ["Callao", "Pascagoula", "San Diego"]);
}

#[test]
fn a_desk_with_fewer_than_two_places_says_why_and_the_last_story_stays() {
    let mut harness = desk_with_navy_article();
    click(&mut harness, "Use Callao");
    click(&mut harness, "Use Pascagoula");
    harness.get_by_label_contains("a story needs at least two");
    assert_eq!(place_names(&harness), ["Pascagoula", "San Diego"]);
    click(&mut harness, "Use Cartagena");
    assert!(
        harness
            .query_by_label_contains("a story needs at least two")
            .is_none()
    );
    assert_eq!(place_names(&harness), ["San Diego", "Cartagena"]);
}

#[test]
fn an_article_with_no_route_opens_the_desk_and_says_why_with_the_open_story_kept() {
    let article =
        std::fs::read_to_string("tests/data/articles/wikinews-train-wreck-southern-india-2005.txt")
            .unwrap();
    let mut harness = app();
    let title = harness.state().story().meta.title.clone();
    file_menu(&mut harness, "New story from article…");
    type_in(&mut harness, "Article text", &article);
    click(&mut harness, "Find places");
    harness.get_by_label_contains("a story needs at least two");
    harness.get_by_label("Use India");
    assert_eq!(harness.state().story().meta.title, title);
    assert!(!harness.state().is_unsaved());
}

#[test]
fn the_speed_set_in_the_panel_stays_through_desk_edits() {
    let mut harness = desk_with_navy_article();
    type_into(&mut harness, "Speed value", "30");
    let speed = |harness: &Harness<'_, StoryApp>| harness.state().session().speed().speed.kmh();
    assert!((speed(&harness) - 30.0).abs() < 1e-9);
    click(&mut harness, "Move San Diego up");
    assert!((speed(&harness) - 30.0).abs() < 1e-9);
}

#[test]
fn the_selected_place_stays_selected_through_desk_edits() {
    let mut harness = desk_with_navy_article();
    let at = on_map(&harness, Role::Button, "Pascagoula");
    harness.hover_at(at);
    harness.run();
    harness.drag_at(at);
    harness.drop_at(at);
    harness.run();
    assert_eq!(harness.state().selected(), Some(1));
    click(&mut harness, "Move San Diego up");
    // Pascagoula is now the third place, and still the one selected.
    assert_eq!(place_names(&harness), ["Callao", "San Diego", "Pascagoula"]);
    assert_eq!(harness.state().selected(), Some(2));
}

#[test]
fn a_day_found_in_the_navy_article_is_offered_with_its_sentence_and_gives_no_reported_time() {
    let mut harness = desk_with_navy_article();
    // "departed Callao, Peru, Sept. 3": the mention nearest the date is Peru's; the
    // article gives the day but no clock time (and no year), so nothing can be reported.
    // Its sentence is shown twice: as Callao's excerpt, and under the time.
    assert_eq!(
        harness
            .query_all_by_label_contains("“PACIFIC OCEAN (NNS) -- The future amphibious")
            .count(),
        2
    );
    harness.get_by_label("A day with no clock time: it gives no reported time.");
    harness.get_by_label("Peru is not a place of the story.");
    let accepted =
        |harness: &Harness<'_, StoryApp>| harness.state().desk().unwrap().state().times.clone();
    assert_eq!(accepted(&harness), [false]);
    click(&mut harness, "Use Sept. 3 at Peru");
    assert_eq!(accepted(&harness), [true]);
    let reported = |harness: &Harness<'_, StoryApp>| {
        harness
            .state()
            .story()
            .places
            .iter()
            .filter(|place| place.reported_arrival.is_some() || place.reported_departure.is_some())
            .count()
    };
    assert_eq!(reported(&harness), 0);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(accepted(&harness), [false]);
}

/// Worked by hand: Moscow and Kazan keep UTC+3 all year (no summer time in Russia since
/// 2014); the second sentence gives no day, so it takes the article's, Wednesday
/// 13 September 2023.
const TIMED: &str =
    "The train left Moscow at 10:30 on 13 September 2023.\n\nIt arrived in Kazan at 18:00.";

#[test]
fn a_time_ticked_at_the_desk_is_the_reported_arrival_in_the_itinerary_and_ctrl_z_takes_it_back() {
    let mut harness = app();
    new_story_from_article(&mut harness, TIMED);
    assert_eq!(place_names(&harness), ["Moscow", "Kazan"]);
    // Offered, not taken: the itinerary reports nothing yet.
    assert!(harness.query_by_label("Wed 18:00").is_none());
    click(&mut harness, "Use 18:00 at Kazan");
    let arrival = harness.state().story().places[1]
        .reported_arrival
        .clone()
        .unwrap();
    assert_eq!(arrival.time.to_rfc3339(), "2023-09-13T18:00:00+03:00");
    // The itinerary's Reported column; its tooltip gives the day and the offset.
    harness.get_by_label("Wed 18:00").hover();
    harness.run();
    harness.get_by_label("Wed 13 Sep 18:00 (UTC+03:00)");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().story().places[1].reported_arrival.is_none());
    assert!(harness.query_by_label("Wed 18:00").is_none());
}
