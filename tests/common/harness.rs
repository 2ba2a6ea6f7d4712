//! The app as a reader first sees it, in a kittest harness: 1280×800, no saved state, run
//! until it settles. Shared by the app tests and the snapshot tests.

use egui_kittest::{Harness, HarnessBuilder};
use storyroute::app::{AppOptions, StoryApp};

/// The app started with `options` (saved state ignored), the builder adjusted by `configure`
/// (a theme, the wgpu renderer), run until nothing moves.
pub fn start_app(
    options: AppOptions,
    configure: impl FnOnce(HarnessBuilder<StoryApp>) -> HarnessBuilder<StoryApp>,
) -> Harness<'static, StoryApp> {
    let builder = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(40);
    let mut harness = configure(builder).build_eframe(move |cc| {
        StoryApp::new(
            cc,
            AppOptions {
                fresh: true,
                ..options
            },
        )
    });
    harness.run();
    harness
}
