//! Pixel snapshots of the real app, rendered with wgpu (software Vulkan on CI). The main
//! view is also the README's screenshot. `UPDATE_SNAPSHOTS=1 cargo test` rewrites them.

// A test that cannot set up is a failed test: panicking is the right outcome here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use storyroute::app::{AppOptions, StoryApp};

fn app(theme: egui::Theme) -> Harness<'static, StoryApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(40)
        .with_theme(theme)
        .wgpu()
        .build_eframe(|cc| {
            StoryApp::new(
                cc,
                AppOptions {
                    fresh: true,
                    ..AppOptions::default()
                },
            )
        });
    harness.run();
    harness
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
