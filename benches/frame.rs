//! Frame building of the real app, headless at 1280×800 with the bundled story and with a
//! generated story of 10,000 places: one egui pass (logic and ui, map included) plus
//! tessellation, at the views that matter. Driven the
//! way eframe drives it, without a screen reader (no AccessKit tree).

// A benchmark that cannot set up should stop loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use storyroute::app::AppOptions;
use storyroute::model::Intent;
use storyroute::model::view::MapView;

#[path = "../tests/common/big_story.rs"]
mod big_story;
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

/// Frames of a story of 10,000 stops on one line: the overview (all in view, clustered),
/// zoomed in on the middle (a few dozen markers), and flying from stop to stop.
fn bench_big_story_frames(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("storyroute-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("line-10000.geojson");
    std::fs::write(&path, big_story::big_story_text(10_000)).unwrap();
    let open = |view: Option<MapView>| {
        let mut headless = Headless::start(AppOptions {
            story_path: Some(path.clone()),
            ..AppOptions::default()
        });
        // Until the story is in (it may load in the background) and the view has settled.
        for _ in 0..2_000 {
            frame(&mut headless);
            if headless.app.story().places.len() == 10_000 && !headless.app.is_flying() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        assert_eq!(headless.app.story().places.len(), 10_000);
        for _ in 0..5 {
            frame(&mut headless);
        }
        if let Some(view) = view {
            headless.app.set_view(view);
            frame(&mut headless);
        }
        headless
    };
    let mut group = c.benchmark_group("frame_10000_places");
    let middle = MapView {
        center_lon: big_story::stop_lon(5_000),
        center_lat: 45.0,
        zoom: 13.0,
    };
    for (name, view) in [("overview", None), ("zoom_13_middle", Some(middle))] {
        let mut headless = open(view);
        group.bench_function(name, |b| b.iter(|| frame(&mut headless)));
    }
    let mut headless = open(Some(middle));
    let mut next = 4_990;
    group.bench_function("flying_between_places", |b| {
        b.iter(|| {
            if !headless.app.is_flying() {
                let ctx = headless.ctx.clone();
                headless.app.apply(&ctx, Intent::Select(next));
                next = if next >= 5_010 { 4_990 } else { next + 1 };
            }
            frame(&mut headless)
        });
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

/// From nothing to the first drawn frame, in process: loading the story and the basemap,
/// measuring the route, and one pass with tessellation (the window itself is not included).
fn bench_startup(c: &mut Criterion) {
    c.bench_function("startup_to_first_frame", |b| {
        b.iter(|| frame(&mut Headless::start(AppOptions::default())));
    });
}

criterion_group!(benches, bench_frames, bench_big_story_frames, bench_startup);
criterion_main!(benches);
