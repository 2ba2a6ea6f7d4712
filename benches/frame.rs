//! Frame building of the real app, headless at 1280×800 with the bundled story and with
//! generated stories of 10,000 and 100,000 places: one egui pass (logic and ui, map included) plus
//! tessellation, at the views that matter: North-East Asia, and the world basemap (the world at
//! zoom 2, Moscow at zoom 10, the antimeridian at zoom 5, a flight from Lisbon to
//! Vladivostok). Every view waits for the basemap's tiles (decoded off the UI thread) first. Driven the
//! way eframe drives it, without a screen reader (no AccessKit tree).

// A benchmark that cannot set up should stop loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use storyroute::app::AppOptions;
use storyroute::basemap::tiles_in_flight;
use storyroute::model::Intent;
use storyroute::model::view::{Flight, MapView};

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

/// `headless` settled (fonts, panel sizes, the fit to the story), then at `view` if given.
fn settle(mut headless: Headless, view: Option<MapView>) -> Headless {
    for _ in 0..5 {
        frame(&mut headless);
    }
    if let Some(view) = view {
        headless.app.set_view(view);
        frame(&mut headless);
    }
    wait_for_tiles(&mut headless);
    headless
}

/// Frames until the basemap has every tile the view asked for, then one more to draw them.
fn wait_for_tiles(headless: &mut Headless) {
    for _ in 0..2000 {
        if tiles_in_flight() == 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
        frame(headless);
    }
    assert_eq!(tiles_in_flight(), 0, "the basemap's tiles never arrived");
    frame(headless);
    frame(headless);
}

/// The app with the bundled story settled at `view` (the fit to the route if `None`).
fn settled(view: Option<MapView>) -> Headless {
    settle(Headless::start(AppOptions::default()), view)
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
        (
            "world_zoom_2",
            Some(MapView {
                center_lon: 20.0,
                center_lat: 20.0,
                zoom: 2.0,
            }),
        ),
        (
            "moscow_zoom_10",
            Some(MapView {
                center_lon: 37.6178,
                center_lat: 55.752,
                zoom: 10.0,
            }),
        ),
        (
            "antimeridian_zoom_5",
            Some(MapView {
                center_lon: 180.0,
                center_lat: 60.0,
                zoom: 5.0,
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
    // Lisbon (GeoNames 2267057) to Vladivostok (2013348) at zoom 5, in 60 frames, over and
    // over: every frame a new view, the tiles of each asked for on the way (what has not
    // arrived is drawn from the coarser level).
    let lisbon = MapView {
        center_lon: -9.1333,
        center_lat: 38.7167,
        zoom: 5.0,
    };
    let vladivostok = MapView {
        center_lon: 131.8735,
        center_lat: 43.1056,
        zoom: 5.0,
    };
    let flight = Flight::new(lisbon, vladivostok, 0.0);
    let mut headless = settled(Some(lisbon));
    let mut step = 0_u32;
    group.bench_function("fly_lisbon_to_vladivostok", |b| {
        b.iter(|| {
            step = (step + 1) % 61;
            let t = Flight::DEFAULT_DURATION_SECS * f64::from(step) / 60.0;
            headless.app.set_view(flight.view_at(t));
            frame(&mut headless)
        });
    });
    group.finish();
}

/// The app with a generated story of `count` stops on one line, settled at `view` (the fit
/// to the story if `None`).
fn open_big(path: &std::path::Path, count: usize, view: Option<MapView>) -> Headless {
    let mut headless = Headless::start(AppOptions {
        story_path: Some(path.to_path_buf()),
        ..AppOptions::default()
    });
    // Until the story is in (it loads in the background) and the view has settled.
    for _ in 0..20_000 {
        frame(&mut headless);
        if headless.app.story().places.len() == count && !headless.app.is_flying() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert_eq!(headless.app.story().places.len(), count);
    settle(headless, view)
}

/// Frames of generated stories of 10,000 and 100,000 stops on one line: the overview (all
/// in view, clustered) still and panning a point a frame, zoomed in on the middle (a few
/// dozen markers), and flying from stop to stop.
fn bench_big_story_frames(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("storyroute-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for count in [10_000, 100_000] {
        let path = dir.join(format!("line-{count}.geojson"));
        std::fs::write(&path, big_story::big_story_text(count)).unwrap();
        let mut group = c.benchmark_group(format!("frame_{count}_places"));
        let middle = MapView {
            center_lon: big_story::stop_lon(count / 2, count),
            center_lat: 45.0,
            zoom: 13.0,
        };
        for (name, view) in [("overview", None), ("zoom_13_middle", Some(middle))] {
            let mut headless = open_big(&path, count, view);
            group.bench_function(name, |b| b.iter(|| frame(&mut headless)));
        }
        // Panning the overview: every frame the map has moved, so nothing is kept.
        let mut headless = open_big(&path, count, None);
        let start = headless.app.map_view();
        let mut step = 0_u32;
        group.bench_function("overview_panning", |b| {
            b.iter(|| {
                step = (step + 1) % 200;
                // A point a frame at this zoom: 360° / (256 × 2^zoom) per point.
                let point_deg = 360.0 / (256.0 * 2f64.powf(start.zoom));
                headless.app.set_view(MapView {
                    center_lon: start.center_lon + f64::from(step) * point_deg,
                    ..start
                });
                frame(&mut headless)
            });
        });
        let mut headless = open_big(&path, count, Some(middle));
        let first = count / 2 - 10;
        let mut next = first;
        group.bench_function("flying_between_places", |b| {
            b.iter(|| {
                if !headless.app.is_flying() {
                    let ctx = headless.ctx.clone();
                    headless.app.apply(&ctx, Intent::Select(next));
                    next = if next >= first + 20 { first } else { next + 1 };
                }
                frame(&mut headless)
            });
        });
        group.finish();
    }
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
