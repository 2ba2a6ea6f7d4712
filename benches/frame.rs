//! Frame building of the real app, headless at 1280×800 with the bundled story: one egui
//! pass (logic and ui, map included) plus tessellation, at the views that matter. Driven the
//! way eframe drives it, without a screen reader (no AccessKit tree).

// A benchmark that cannot set up should stop loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::App as _;
use egui::{Pos2, RawInput, Rect, vec2};
use storyroute::app::{AppOptions, Intent, StoryApp};
use storyroute::map::view::MapView;

/// The app in a bare egui context, and the clock that drives it.
struct Headless {
    ctx: egui::Context,
    app: StoryApp,
    frame: eframe::Frame,
    time: f64,
}

impl Headless {
    /// The app as it starts: nothing drawn yet.
    fn start() -> Self {
        let ctx = egui::Context::default();
        let creation = eframe::CreationContext::_new_kittest(ctx.clone());
        let options = AppOptions {
            fresh: true,
            ..AppOptions::default()
        };
        let app = StoryApp::new(&creation, options);
        let frame = eframe::Frame::_new_kittest();
        Self {
            ctx,
            app,
            frame,
            time: 0.0,
        }
    }

    fn new(view: Option<MapView>) -> Self {
        let mut headless = Self::start();
        // Settle: fonts, panel sizes, the fit to the route.
        for _ in 0..5 {
            headless.frame();
        }
        if let Some(view) = view {
            headless.app.set_view(view);
            headless.frame();
        }
        headless
    }

    /// One frame: the app's pass, then tessellation of everything it painted.
    fn frame(&mut self) -> usize {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
            time: Some(self.time),
            ..RawInput::default()
        };
        let Self {
            ctx, app, frame, ..
        } = self;
        let output = ctx.run_ui(input, |ui| {
            app.logic(ui.ctx(), frame);
            app.ui(ui, frame);
        });
        ctx.tessellate(output.shapes, output.pixels_per_point).len()
    }
}

fn bench_frames(c: &mut Criterion) {
    let views = [
        ("overview", None),
        (
            "tumen_border_zoom_8",
            Some(MapView {
                center_lon: 130.6,
                center_lat: 42.42,
                zoom: 8.0,
            }),
        ),
        (
            "khabarovsk_zoom_14",
            Some(MapView {
                center_lon: 135.0727,
                center_lat: 48.4966,
                zoom: 14.0,
            }),
        ),
    ];
    let mut group = c.benchmark_group("frame_1280x800");
    for (name, view) in views {
        let mut headless = Headless::new(view);
        group.bench_function(name, |b| b.iter(|| headless.frame()));
    }
    // Flying between places: every frame moves the map.
    let mut headless = Headless::new(None);
    let place_count = headless.app.story().places.len();
    let mut next = 0;
    group.bench_function("flying_between_places", |b| {
        b.iter(|| {
            if !headless.app.is_flying() {
                let ctx = headless.ctx.clone();
                headless.app.apply(&ctx, Intent::Select(next % place_count));
                next += 1;
            }
            headless.frame()
        });
    });
    group.finish();
}

/// From nothing to the first drawn frame, in process: loading the story and the basemap,
/// measuring the route, and one pass with tessellation (the window itself is not included).
fn bench_startup(c: &mut Criterion) {
    c.bench_function("startup_to_first_frame", |b| {
        b.iter(|| Headless::start().frame());
    });
}

criterion_group!(benches, bench_frames, bench_startup);
criterion_main!(benches);
