//! The app in a bare egui context, driven frame by frame the way eframe drives it: `logic`
//! and `ui` in one pass, a 60 Hz clock, 1280×800, no renderer and no screen reader. Shared
//! by the frame benchmark and the app tests.

use eframe::App as _;
use egui::{Pos2, RawInput, Rect, vec2};
use storyroute::app::{AppOptions, StoryApp};

/// The app, its context and the clock that drives it.
pub struct Headless {
    /// The egui context the app runs in.
    pub ctx: egui::Context,
    /// The app.
    pub app: StoryApp,
    frame: eframe::Frame,
    time: f64,
}

impl Headless {
    /// The app as it starts with `options` (saved state ignored): nothing drawn yet.
    pub fn start(options: AppOptions) -> Self {
        let ctx = egui::Context::default();
        let creation = eframe::CreationContext::_new_kittest(ctx.clone());
        let app = StoryApp::new(
            &creation,
            AppOptions {
                fresh: true,
                ..options
            },
        );
        Self {
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
            time: 0.0,
        }
    }

    /// One frame: the app's pass, 1/60 s after the last. The font atlas's changes are
    /// dropped, as no renderer is here to take them.
    pub fn run_frame(&mut self) -> egui::FullOutput {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
            time: Some(self.time),
            ..RawInput::default()
        };
        let Self {
            ctx, app, frame, ..
        } = self;
        let mut output = ctx.run_ui(input, |ui| {
            app.logic(ui.ctx(), frame);
            app.ui(ui, frame);
        });
        output.textures_delta.clear();
        output
    }
}
