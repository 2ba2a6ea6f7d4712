//! Files as a user handles them in the app: File ▸ Open… and its dialog, Save, Save As…,
//! Export, Open recent, the story's details, and the question about unsaved changes before
//! opening another story or quitting. Every step clicks the real menu entries and buttons
//! and types into the real fields, by their accessible names.

// A test that cannot set up is a failed test: panicking is the right outcome here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/flows.rs"]
mod flows;
#[path = "common/harness.rs"]
mod harness;
#[path = "common/storage.rs"]
mod storage;

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use flows::{file_menu, settle, type_into};
use harness::start_app;
use std::path::{Path, PathBuf};
use storage::{MemoryStorage, app_with_storage};
use storyroute::app::{AppOptions, StoryApp};

const FOUR_STATIONS: &str = "tests/data/stories/four-stations.geojson";

fn app() -> Harness<'static, StoryApp> {
    start_app(AppOptions::default(), |builder| builder)
}

fn four_stations_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(FOUR_STATIONS)
}

/// Click File, then Export, then the entry named `entry`.
fn export_menu(harness: &mut Harness<'_, StoryApp>, entry: &str) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export").click();
    harness.run();
    harness.get_by_label(entry).click();
    harness.run();
}

#[test]
fn file_open_shows_a_dialog_where_the_path_is_typed_and_the_story_opens() {
    let mut harness = app();
    file_menu(&mut harness, "Open…");
    // The menu is closed and the dialog has the keyboard: typing goes into its field, not
    // to the map's shortcuts.
    type_into(
        &mut harness,
        "File name",
        four_stations_path().to_str().unwrap(),
    );
    settle(&mut harness);
    assert_eq!(
        harness.state().story().meta.title,
        "Four stations, hand-checkable"
    );
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "File name")
            .is_none(),
        "the dialog closed"
    );
    harness.get_by_label("Bravo");
    assert_eq!(
        harness.state().persisted().recent_files,
        vec![four_stations_path()]
    );
}

#[test]
fn ctrl_o_opens_the_dialog_and_a_file_is_picked_from_its_folder_list() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(four_stations_path(), dir.path().join("stations.geojson")).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a story").unwrap();
    std::fs::create_dir(dir.path().join("older")).unwrap();
    let mut harness = app();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::O);
    harness.run();
    type_into(&mut harness, "Folder", dir.path().to_str().unwrap());
    // Folders end in a slash; files of other kinds are not listed.
    harness.get_by_label("older/");
    assert!(harness.query_by_label("notes.txt").is_none());
    harness.get_by_label("stations.geojson").click();
    harness.run();
    harness.get_by_label("Open").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().story().meta.title,
        "Four stations, hand-checkable"
    );
    assert_eq!(
        harness.state().window_title(),
        "Four stations, hand-checkable (stations.geojson) — storyroute"
    );
}

#[test]
fn a_file_that_is_not_there_is_said_in_the_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app();
    file_menu(&mut harness, "Open…");
    type_into(&mut harness, "Folder", dir.path().to_str().unwrap());
    type_into(&mut harness, "File name", "ghost.geojson");
    harness.get_by_label_contains("There is no file ghost.geojson");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "File name")
            .is_none()
    );
    assert!(
        harness.state().document().path().is_none(),
        "the bundled story stays"
    );
}

#[test]
fn save_as_writes_a_story_that_reopens_the_same_and_becomes_the_storys_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app();
    file_menu(&mut harness, "Save As…");
    type_into(&mut harness, "Folder", dir.path().to_str().unwrap());
    type_into(&mut harness, "File name", "kim copy");
    let written = dir.path().join("kim copy.geojson");
    assert!(written.is_file(), "Save As added the extension");
    let reopened = storyroute::story::load_story_file(&written).unwrap().story;
    let names = |story: &storyroute::story::Story| {
        story
            .places
            .iter()
            .map(|place| (place.name.clone(), place.position))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&reopened), names(harness.state().story()));
    assert_eq!(
        harness.state().window_title(),
        format!(
            "{} (kim copy.geojson) — storyroute",
            harness.state().story().meta.title
        )
    );
    harness.get_by_label_contains("Saved kim copy.geojson");
    // Save As onto a file that exists asks first; keeping it writes nothing.
    std::fs::write(&written, "keep me").unwrap();
    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::S);
    harness.run();
    type_into(&mut harness, "File name", "kim copy.geojson");
    harness.get_by_label_contains("already exists");
    harness.get_by_label("Keep it").click();
    harness.run();
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(std::fs::read_to_string(&written).unwrap(), "keep me");
}

#[test]
fn an_edited_title_marks_the_story_unsaved_and_ctrl_s_saves_it_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stations.geojson");
    std::fs::copy(four_stations_path(), &path).unwrap();
    let mut harness = start_app(
        AppOptions {
            story_path: Some(path.clone()),
            ..AppOptions::default()
        },
        |builder| builder,
    );
    settle(&mut harness);
    file_menu(&mut harness, "Story details…");
    type_into(&mut harness, "Story title", "Four stations, renamed");
    assert!(harness.state().is_unsaved());
    assert_eq!(
        harness.state().window_title(),
        "● Four stations, renamed (stations.geojson) — storyroute"
    );
    harness.get_by_label("Close").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(!harness.state().is_unsaved());
    let saved = storyroute::story::load_story_file(&path).unwrap().story;
    assert_eq!(saved.meta.title, "Four stations, renamed");
    assert_eq!(saved.places.len(), 4, "every place is kept");
}

#[test]
fn opening_another_story_with_unsaved_changes_asks_first() {
    let mut harness = app();
    let bundled_title = harness.state().story().meta.title.clone();
    file_menu(&mut harness, "Story details…");
    type_into(&mut harness, "Story title", "My notes on the train");
    harness.get_by_label("Close").click();
    harness.run();
    file_menu(&mut harness, "Open…");
    type_into(
        &mut harness,
        "File name",
        four_stations_path().to_str().unwrap(),
    );
    // Asked; Cancel keeps the edited story.
    harness.get_by_label_contains("has changes that are not saved");
    harness.get_by_label("Cancel").click();
    settle(&mut harness);
    assert_eq!(harness.state().story().meta.title, "My notes on the train");
    assert!(harness.state().is_unsaved());
    assert_ne!(bundled_title, "My notes on the train");
    // Asked again; "Don't save" opens the other story.
    file_menu(&mut harness, "Open…");
    type_into(
        &mut harness,
        "File name",
        four_stations_path().to_str().unwrap(),
    );
    harness.get_by_label("Don't save").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().story().meta.title,
        "Four stations, hand-checkable"
    );
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_and_save_writes_before_closing() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app();
    file_menu(&mut harness, "Story details…");
    type_into(&mut harness, "Story title", "Unsaved work");
    harness.get_by_label("Close").click();
    harness.run();
    // The window manager's close button.
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    assert!(
        steps_until_sent(&mut harness, &egui::ViewportCommand::CancelClose),
        "the close was held back"
    );
    harness.run();
    harness.get_by_label_contains("Save them before closing the app?");
    // The bundled story has no file: Save asks where, then the app closes.
    harness.get_by_label("Save").click();
    harness.run();
    type_into(&mut harness, "Folder", dir.path().to_str().unwrap());
    harness
        .get_by_role_and_label(Role::TextInput, "File name")
        .click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "File name")
        .type_text("unsaved-work");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().is_closing(), "the app closes once saved");
    let saved = storyroute::story::load_story_file(&dir.path().join("unsaved-work.geojson"))
        .unwrap()
        .story;
    assert_eq!(saved.meta.title, "Unsaved work");
}

/// Run frame by frame (a few at most) until the app sends `command` to the window.
fn steps_until_sent(harness: &mut Harness<'_, StoryApp>, command: &egui::ViewportCommand) -> bool {
    (0..5).any(|_| {
        harness.step();
        harness
            .output()
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .is_some_and(|output| output.commands.contains(command))
    })
}

#[test]
fn a_save_that_fails_is_said_and_the_story_stays_unsaved() {
    let mut harness = app();
    file_menu(&mut harness, "Story details…");
    type_into(&mut harness, "Story title", "Cannot be written");
    harness.get_by_label("Close").click();
    harness.run();
    file_menu(&mut harness, "Save As…");
    // /proc cannot hold a new file, even for root.
    type_into(&mut harness, "Folder", "/proc");
    type_into(&mut harness, "File name", "story.geojson");
    harness.get_by_label_contains("/proc/story.geojson could not be saved");
    assert!(harness.state().is_unsaved());
    assert_eq!(harness.state().story().meta.title, "Cannot be written");
    harness.get_by_label("OK").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("could not be saved")
            .is_none()
    );
}

#[test]
fn exports_write_the_itinerary_as_csv_and_the_story_as_geojson() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = start_app(
        AppOptions {
            story_path: Some(four_stations_path()),
            ..AppOptions::default()
        },
        |builder| builder,
    );
    settle(&mut harness);
    export_menu(&mut harness, "Itinerary as CSV…");
    type_into(&mut harness, "Folder", dir.path().to_str().unwrap());
    // The proposed name is the story's file's with "-itinerary".
    harness.get_by_label("Export").click();
    harness.run();
    let csv = std::fs::read_to_string(dir.path().join("four-stations-itinerary.csv")).unwrap();
    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_storyroute"))
        .args(["itinerary", "--format", "csv", "--story", FOUR_STATIONS])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(
        csv,
        String::from_utf8(cli.stdout).unwrap(),
        "the CLI's columns"
    );
    harness.get_by_label_contains("Exported four-stations-itinerary.csv");
}

#[test]
fn recent_files_survive_a_restart_and_reopen_with_one_click() {
    use eframe::App as _;
    let mut storage = MemoryStorage::default();
    {
        let mut harness = app_with_storage(MemoryStorage::default(), AppOptions::default());
        file_menu(&mut harness, "Open…");
        type_into(
            &mut harness,
            "File name",
            four_stations_path().to_str().unwrap(),
        );
        settle(&mut harness);
        harness.state_mut().save(&mut storage);
    }
    let mut harness = app_with_storage(storage, AppOptions::default());
    assert!(
        harness.state().document().path().is_none(),
        "starts on the bundled story"
    );
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open recent").click();
    harness.run();
    harness.get_by_label("four-stations.geojson").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().story().meta.title,
        "Four stations, hand-checkable"
    );
}

#[test]
fn the_map_is_exported_as_a_png_of_the_map_area_as_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = start_app(AppOptions::default(), egui_kittest::HarnessBuilder::wgpu);
    export_menu(&mut harness, "Map as PNG…");
    type_into(&mut harness, "Folder", dir.path().to_str().unwrap());
    harness.get_by_label("Export").click();
    harness.run();
    harness.run();
    let path = dir.path().join("kim-jong-un-2023-map.png");
    let image = image::open(&path).unwrap().to_rgba8();
    let map = harness.state().map_rect();
    // The map area, not the window: 1× pixels at the harness's one pixel per point.
    #[expect(clippy::cast_precision_loss, reason = "image sizes are far below 2^24")]
    let size = (image.width() as f32, image.height() as f32);
    assert_eq!(size, (map.width().round(), map.height().round()));
    // Drawn, not blank: the basemap, the route and the labels give many colours.
    let colours: std::collections::HashSet<[u8; 4]> = image.pixels().map(|pixel| pixel.0).collect();
    assert!(colours.len() > 100, "{} colours", colours.len());
    harness.get_by_label_contains("Exported kim-jong-un-2023-map.png");
}

#[test]
fn a_gpx_track_opens_from_the_dialog_and_exports_as_gpx_with_its_waypoints() {
    let dir = tempfile::tempdir().unwrap();
    let gpx = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/formats/gpx-crate-mousehole_to_paul.gpx");
    std::fs::copy(&gpx, dir.path().join("mousehole.gpx")).unwrap();
    let mut harness = app();
    file_menu(&mut harness, "Open…");
    type_into(&mut harness, "Folder", dir.path().to_str().unwrap());
    harness.get_by_label("mousehole.gpx").click();
    harness.run();
    harness.get_by_label("Open").click();
    settle(&mut harness);
    // The two waypoints of the file (read from it by eye) are the places.
    harness.get_by_label("N Cliff");
    harness.get_by_label("The Church Of Paul");
    assert!(
        harness
            .state()
            .window_title()
            .contains("(mousehole.gpx, imported)"),
        "{}",
        harness.state().window_title()
    );
    export_menu(&mut harness, "Story as GPX…");
    // The dialog opens in the track's folder and proposes its name: the file exists, so it
    // asks before replacing it; another name is typed instead.
    type_into(&mut harness, "File name", "out");
    let written = std::fs::read_to_string(dir.path().join("out.gpx")).unwrap();
    assert_eq!(written.matches("<wpt ").count(), 2, "{written}");
    assert!(written.contains("lat=\"50.0834956\""), "{written}");
    assert!(written.contains("<trkpt"), "the route as a track");
}

#[test]
fn the_map_at_twice_the_pixels_is_drawn_offscreen_at_twice_the_map_areas_size() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app();
    export_menu(&mut harness, "Map as PNG, 2× pixels…");
    type_into(&mut harness, "Folder", dir.path().to_str().unwrap());
    harness.get_by_label("Export").click();
    harness.run();
    // Drawn on a worker: the window stays responsive and says when it is written.
    for _ in 0..600 {
        harness.run();
        if harness
            .state()
            .file_message()
            .is_some_and(|message| message.starts_with("Exported") || message.starts_with("Not"))
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    harness.get_by_label_contains("Exported kim-jong-un-2023-map@2x.png");
    let image = image::open(dir.path().join("kim-jong-un-2023-map@2x.png"))
        .unwrap()
        .to_rgba8();
    let map = harness.state().map_rect();
    #[expect(clippy::cast_precision_loss, reason = "image sizes are far below 2^24")]
    let size = (image.width() as f32, image.height() as f32);
    assert_eq!(
        size,
        ((map.width() * 2.0).round(), (map.height() * 2.0).round())
    );
}
