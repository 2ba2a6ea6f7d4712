//! Frame building of the real app, headless at 1280×800 with the bundled story: one egui
//! pass (logic and ui, map included) plus tessellation, at the views that matter.

// A benchmark that cannot set up should stop loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use storyroute::app::{AppOptions, Intent, StoryApp};
use storyroute::map::view::MapView;

fn app_at(view: Option<MapView>) -> Harness<'static, StoryApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(200)
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
    if let Some(view) = view {
        harness.state_mut().set_view(view);
        harness.run();
    }
    harness
}

/// One frame: the app's pass, then tessellation of everything it painted.
fn frame(harness: &mut Harness<'static, StoryApp>) -> usize {
    harness.step();
    let shapes = harness.output().shapes.clone();
    harness.ctx.tessellate(shapes, 1.0).len()
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
        let mut harness = app_at(view);
        group.bench_function(name, |b| b.iter(|| frame(&mut harness)));
    }
    // Flying between places: every frame moves the map.
    let mut harness = app_at(None);
    let place_count = harness.state().story().places.len();
    let mut next = 0;
    group.bench_function("flying_between_places", |b| {
        b.iter(|| {
            if !harness.state().is_flying() {
                let ctx = harness.ctx.clone();
                harness
                    .state_mut()
                    .apply(&ctx, Intent::Select(next % place_count));
                next += 1;
            }
            frame(&mut harness)
        });
    });
    group.finish();
}

/// From nothing to the first drawn frame, in process: loading the story and the basemap,
/// measuring the route, and one pass with tessellation (the window itself is not included).
fn bench_startup(c: &mut Criterion) {
    c.bench_function("startup_to_first_frame", |b| {
        b.iter(|| {
            let mut harness = Harness::builder()
                .with_size(egui::vec2(1280.0, 800.0))
                .build_eframe(|cc| {
                    StoryApp::new(
                        cc,
                        AppOptions {
                            fresh: true,
                            ..AppOptions::default()
                        },
                    )
                });
            frame(&mut harness)
        });
    });
}

criterion_group!(benches, bench_frames, bench_startup);
criterion_main!(benches);
