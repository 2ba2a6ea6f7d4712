//! Pixel snapshots of the real app, rendered with wgpu (software Vulkan on CI). The main
//! view is also the README's screenshot. `UPDATE_SNAPSHOTS=1 cargo test` rewrites them.

// A test that cannot set up is a failed test: panicking is the right outcome here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/harness.rs"]
mod harness;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use harness::start_app;
use storyroute::app::{AppOptions, StoryApp};
use storyroute::basemap::BasemapTheme;
use storyroute::model::view::MapView;

fn app(theme: egui::Theme) -> Harness<'static, StoryApp> {
    start_app(AppOptions::default(), |builder| {
        builder.with_theme(theme).wgpu()
    })
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
