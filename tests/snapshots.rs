//! Pixel snapshots of the real app, rendered with wgpu (software Vulkan on CI). The main
//! view is also the README's screenshot. `UPDATE_SNAPSHOTS=1 cargo test` rewrites them.
//! The basemap decodes its tiles off the UI thread: every view waits for them first, so that
//! a snapshot shows the finished map.

// A test that cannot set up is a failed test: panicking is the right outcome here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/article.rs"]
mod article;
#[path = "common/harness.rs"]
mod harness;

use article::new_story_from_article;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use harness::start_app;
use storyroute::app::{AppOptions, StoryApp};
use storyroute::basemap::{BasemapTheme, tiles_in_flight};
use storyroute::model::view::MapView;

fn app(theme: egui::Theme) -> Harness<'static, StoryApp> {
    let mut harness = start_app(AppOptions::default(), |builder| {
        builder.with_theme(theme).wgpu()
    });
    settle_tiles(&mut harness);
    harness
}

/// Run frames until the basemap has decoded every tile asked for (those of every harness in
/// this process: tests run side by side), then until nothing moves.
fn settle_tiles(harness: &mut Harness<'static, StoryApp>) {
    for _ in 0..1000 {
        harness.step();
        if tiles_in_flight() == 0 {
            harness.run();
            if tiles_in_flight() == 0 {
                return;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the basemap's tiles never arrived");
}

/// The app opened on a story of `tests/data/world`, once the story is in, the map has
/// flown to it and its tiles are decoded.
fn world_story(file: &str, places: usize, theme: egui::Theme) -> Harness<'static, StoryApp> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/world")
        .join(file);
    let mut harness = start_app(
        AppOptions {
            story_path: Some(path),
            ..AppOptions::default()
        },
        |builder| builder.with_theme(theme).wgpu(),
    );
    for _ in 0..1000 {
        let app = harness.state();
        if !app.is_loading() && !app.is_flying() && app.story().places.len() == places {
            break;
        }
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert_eq!(harness.state().story().places.len(), places, "{file}");
    settle_tiles(&mut harness);
    harness
}

/// The map's centre is inside the story's box of places, within a degree.
fn assert_map_shows(harness: &Harness<'static, StoryApp>, lon: f64, lat: f64) {
    let view = harness.state().map_view();
    assert!(
        (view.center_lon - lon).abs() < 1.0 && (view.center_lat - lat).abs() < 1.0,
        "the map looks at {view:?}, not at {lon}, {lat}"
    );
}

#[test]
fn a_story_in_moscow_opens_on_moscow_with_its_towns_labelled() {
    let mut harness = world_story("moscow.geojson", 4, egui::Theme::Light);
    // Moscow 37.62 E, 55.75 N (GeoNames 524901).
    assert_map_shows(&harness, 37.62, 55.7);
    harness.snapshot("world_moscow");
}

#[test]
fn a_story_in_new_york_opens_on_new_york() {
    let mut harness = world_story("new-york.geojson", 4, egui::Theme::Dark);
    assert_map_shows(&harness, -74.0, 40.8);
    harness.snapshot("world_new_york");
}

#[test]
fn a_story_in_sydney_opens_on_sydney() {
    let mut harness = world_story("sydney.geojson", 3, egui::Theme::Light);
    assert_map_shows(&harness, 151.05, -34.1);
    harness.snapshot("world_sydney");
}

#[test]
fn a_story_in_fiji_opens_on_fiji() {
    let mut harness = world_story("fiji.geojson", 4, egui::Theme::Dark);
    assert_map_shows(&harness, 178.4, -17.3);
    harness.snapshot("world_fiji");
}

#[test]
fn a_route_across_the_date_line_is_drawn_across_it() {
    let mut harness = world_story("vladivostok-anchorage.geojson", 3, egui::Theme::Light);
    // Vladivostok 131.87 E to Anchorage 149.90 W: the short way runs east over 180°, and the
    // middle of that arc is (131.87 + 210.10) / 2 = 171.0 (210.10 being 149.90 W one turn
    // on). The fit keeps room for the zoom buttons and the legend, so a few degrees off it;
    // a map that went the long way round would look at Europe (lon near −9).
    let view = harness.state().map_view();
    assert!(
        (view.center_lon - 171.0).abs() < 5.0,
        "the map looks at {view:?}, not across the date line"
    );
    harness.snapshot("world_across_the_date_line");
}

#[test]
fn the_main_view_shows_the_whole_route() {
    let mut harness = app(egui::Theme::Dark);
    harness.snapshot("main_view");
}

#[test]
fn a_selected_marker_opens_its_card() {
    let mut harness = app(egui::Theme::Light);
    harness
        .get_by_role_and_label(Role::Button, "Khasan")
        .click();
    harness.run();
    settle_tiles(&mut harness);
    harness.snapshot("khasan_selected");
}

#[test]
fn the_khasan_border_area_shows_the_tumen_and_the_three_borders() {
    let mut harness = app(egui::Theme::Light);
    harness.state_mut().set_view(MapView {
        center_lon: 130.55,
        center_lat: 42.5,
        zoom: 9.0,
    });
    harness.run();
    settle_tiles(&mut harness);
    harness.snapshot("khasan_border_area");
}

/// Pixels of `image` inside `rect` whose colour is `colour`.
fn count_colour(image: &image::RgbaImage, rect: egui::Rect, colour: egui::Color32) -> usize {
    let mut count = 0;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "pixel indices"
    )]
    for y in rect.top() as u32..rect.bottom() as u32 {
        for x in rect.left() as u32..rect.right() as u32 {
            let pixel = image.get_pixel(x, y);
            if pixel[0] == colour.r() && pixel[1] == colour.g() && pixel[2] == colour.b() {
                count += 1;
            }
        }
    }
    count
}

#[test]
fn with_online_tiles_on_and_no_network_the_land_is_still_drawn() {
    let mut harness = app(egui::Theme::Dark);
    let land = BasemapTheme::Dark.land_colour();
    let map = harness.state().map_rect().shrink(4.0);
    let offline = harness.render().unwrap();
    let land_offline = count_colour(&offline, map, land);
    // Land covers much of the overview.
    #[expect(clippy::cast_precision_loss, reason = "a pixel count, far below 2^23")]
    let land_share = land_offline as f32 / map.area();
    assert!(land_share > 0.15, "{land_offline} land pixels");

    // Switched on as a reader does: View, then the tiles' box, then the menu closed.
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("OpenStreetMap tiles (online)").click();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    for _ in 0..10 {
        harness.step();
    }
    // The credit says OpenStreetMap now, and the land is all still there.
    harness.get_by_label("Natural Earth · GSHHG · GeoNames · © OpenStreetMap contributors");
    let online = harness.render().unwrap();
    let land_online = count_colour(&online, map, land);
    assert!(
        land_online * 100 >= land_offline * 98,
        "land pixels: {land_offline} offline, {land_online} with tiles on"
    );
}

#[test]
fn the_time_distance_chart_shows_the_estimate_against_the_reports() {
    let mut harness = app(egui::Theme::Light);
    harness
        .get_by_role_and_label(Role::Button, "Time–distance chart")
        .click();
    harness.run();
    harness.snapshot("time_distance_chart");
}

#[test]
fn the_time_distance_chart_in_the_dark_theme() {
    let mut harness = app(egui::Theme::Dark);
    harness
        .get_by_role_and_label(Role::Button, "Time–distance chart")
        .click();
    harness.run();
    harness.snapshot("time_distance_chart_dark");
}

#[test]
fn save_png_writes_the_chart_as_it_is_on_screen() {
    let mut harness = app(egui::Theme::Light);
    harness
        .get_by_role_and_label(Role::Button, "Time–distance chart")
        .click();
    harness.run();
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("chart");
    harness.get_by_label("Chart file name").click();
    harness.run();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    harness
        .get_by_label("Chart file name")
        .type_text(&base.display().to_string());
    harness.run();
    harness.get_by_label("Save PNG").click();
    harness.run();
    let path = dir.path().join("chart.png");
    let message = harness.state().chart_export_message().unwrap_or_default();
    assert!(message.starts_with("Saved the chart as PNG"), "{message}");
    let png = image::open(&path).unwrap().to_rgba8();
    // The chart's rectangle at the harness's 1 pixel a point.
    let rect = harness.state().chart_rect().unwrap();
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "pixels"
    )]
    let expected = (rect.width().round() as u32, rect.height().round() as u32);
    let (width, height) = png.dimensions();
    assert!(
        width.abs_diff(expected.0) <= 1 && height.abs_diff(expected.1) <= 1,
        "{width}×{height} for {rect:?}"
    );
    // Not blank: the estimate's blue is in it.
    assert!(png.pixels().any(|p| p.0[..3] == [31, 111, 209]));
}

#[test]
fn the_authors_desk_shows_an_articles_places_beside_its_route() {
    let article =
        std::fs::read_to_string("tests/data/articles/us-navy-america-departs-peru-2014.txt")
            .unwrap();
    let mut harness = app(egui::Theme::Light);
    new_story_from_article(&mut harness, &article);
    settle_tiles(&mut harness);
    harness.snapshot("authors_desk");
}
