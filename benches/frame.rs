//! Frame building of the real app, headless at 1280×800 with the bundled story: one egui
//! pass (logic and ui, map included) plus tessellation, at the views that matter. Driven the
//! way eframe drives it, without a screen reader (no AccessKit tree).

// A benchmark that cannot set up should stop loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use storyroute::app::AppOptions;
use storyroute::model::Intent;
use storyroute::model::view::MapView;

#[path = "../tests/common/headless.rs"]
mod headless;

use headless::Headless;

/// One frame: the app's pass, then tessellation of everything it painted.
fn frame(headless: &mut Headless) -> usize {
    let output = headless.run_frame();
    headless
        .ctx
        .tessellate(output.shapes, output.pixels_per_point)
        .len()
}

/// The app settled at `view` (the fit to the route if `None`).
fn settled(view: Option<MapView>) -> Headless {
    let mut headless = Headless::start(AppOptions::default());
    // Settle: fonts, panel sizes, the fit to the route.
    for _ in 0..5 {
        frame(&mut headless);
    }
    if let Some(view) = view {
        headless.app.set_view(view);
        frame(&mut headless);
    }
    headless
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
        let mut headless = settled(view);
        group.bench_function(name, |b| b.iter(|| frame(&mut headless)));
    }
    // Flying between places: every frame moves the map.
    let mut headless = settled(None);
    let place_count = headless.app.story().places.len();
    let mut next = 0;
    group.bench_function("flying_between_places", |b| {
        b.iter(|| {
            if !headless.app.is_flying() {
                let ctx = headless.ctx.clone();
                headless.app.apply(&ctx, Intent::Select(next % place_count));
                next += 1;
            }
            frame(&mut headless)
        });
    });
    group.finish();
}

/// From nothing to the first drawn frame, in process: loading the story and the basemap,
/// measuring the route, and one pass with tessellation (the window itself is not included).
fn bench_startup(c: &mut Criterion) {
    c.bench_function("startup_to_first_frame", |b| {
        b.iter(|| frame(&mut Headless::start(AppOptions::default())));
    });
}

criterion_group!(benches, bench_frames, bench_startup);
criterion_main!(benches);
