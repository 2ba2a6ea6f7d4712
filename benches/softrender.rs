//! The CPU renderer alone (no window), on the real app's output at 1280×800: the whole main
//! view drawn from nothing, a pan step (the map moved by 8 points: the map redrawn, the
//! panels not), and a hover over the side panel (a frame like the last: nothing redrawn).
//! The frames are captured from a headless egui pass of the real app, as `benches/frame.rs`
//! builds it; only `SoftRenderer::render` is timed. The pan and hover iterations draw two
//! frames each (there and back again), so a step is half the time reported.

// A benchmark that cannot set up should stop loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::App as _;
use egui::epaint::ClippedPrimitive;
use egui::{Pos2, RawInput, Rect, TexturesDelta, vec2};
use storyroute::app::{AppOptions, StoryApp};
use storyroute::softrender::{FrameInput, SoftRenderer};

/// The app in a bare egui context, keeping the texture changes for the renderer.
struct Captured {
    ctx: egui::Context,
    app: StoryApp,
    frame: eframe::Frame,
    time: f64,
    /// Every texture change so far (the renderer must see the font atlas).
    textures: TexturesDelta,
}

impl Captured {
    fn start() -> Self {
        let ctx = egui::Context::default();
        let creation = eframe::CreationContext::_new_kittest(ctx.clone());
        let app = StoryApp::new(
            &creation,
            AppOptions {
                fresh: true,
                ..AppOptions::default()
            },
        );
        Self {
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
            time: 0.0,
            textures: TexturesDelta::default(),
        }
    }

    /// One frame's primitives, with `events` as its input.
    fn frame(&mut self, events: Vec<egui::Event>) -> Vec<ClippedPrimitive> {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
            time: Some(self.time),
            events,
            ..RawInput::default()
        };
        let Self {
            ctx, app, frame, ..
        } = self;
        let output = ctx.run_ui(input, |ui| {
            app.logic(ui.ctx(), frame);
            app.ui(ui, frame);
        });
        self.textures.append(output.textures_delta);
        self.ctx.tessellate(output.shapes, output.pixels_per_point)
    }
}

fn input<'a>(primitives: &'a [ClippedPrimitive], textures: &'a TexturesDelta) -> FrameInput<'a> {
    FrameInput {
        primitives,
        textures_delta: textures,
        pixels_per_point: 1.0,
        size: [1280, 800],
        clear: egui::Color32::from_gray(12),
    }
}

fn bench_softrender(c: &mut Criterion) {
    let mut captured = Captured::start();
    let mut main_view = Vec::new();
    for _ in 0..6 {
        main_view = captured.frame(Vec::new());
    }
    // The pan step: the map 8 points to the right.
    let start = captured.app.map_view();
    let point_deg = 360.0 / (256.0 * 2f64.powf(start.zoom));
    captured.app.set_view(storyroute::model::view::MapView {
        center_lon: start.center_lon - 8.0 * point_deg,
        ..start
    });
    let panned = captured.frame(Vec::new());
    // The hover: the pointer moved over the side panel's text, after the map has settled, so
    // that only the panel may differ between the two frames.
    let mut hovered_before =
        captured.frame(vec![egui::Event::PointerMoved(egui::pos2(120.0, 200.0))]);
    for _ in 0..6 {
        hovered_before = captured.frame(Vec::new());
    }
    let hovered = captured.frame(vec![egui::Event::PointerMoved(egui::pos2(120.0, 212.0))]);
    let textures = std::mem::take(&mut captured.textures);
    let none = TexturesDelta::default();

    let mut group = c.benchmark_group("softrender_1280x800");
    group.bench_function("main_view_from_nothing", |b| {
        b.iter(|| {
            let mut renderer = SoftRenderer::new();
            renderer.render(&input(&main_view, &textures)).len()
        });
    });
    let mut renderer = SoftRenderer::new();
    renderer.render(&input(&main_view, &textures));
    // Two frames an iteration, as for the hover below.
    group.bench_function("pan_step", |b| {
        b.iter(|| {
            renderer.render(&input(&panned, &none));
            renderer.render(&input(&main_view, &none)).len()
        });
    });
    // Each iteration draws two frames, there and back: half its time is one frame.
    group.bench_function("hover_over_the_side_panel", |b| {
        b.iter(|| {
            renderer.render(&input(&hovered_before, &none));
            renderer.render(&input(&hovered, &none)).len()
        });
    });
    group.finish();
    let mut textures = textures;
    textures.clear();
}

criterion_group!(benches, bench_softrender);
criterion_main!(benches);
