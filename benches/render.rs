//! The map picture of `storyroute render`, in process, split in its parts: opening the
//! offscreen graphics device (once per `render` run), and drawing one picture of the bundled
//! story fitted to 1600×1000 points at 1× and 2× with a device already open (the egui frames,
//! tessellation, rasterising and reading the pixels back). Writing the PNG is left out
//! (timing the whole command covers it; BENCHMARKS.md, "Map pictures").

// A benchmark that cannot set up should stop loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::time::Duration;
use storyroute::model::{PersistedState, Session};
use storyroute::render::{MapPicture, OffscreenGpu, PictureView, render_map_with};

fn bench_render(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("open_device", |b| b.iter(|| OffscreenGpu::new().unwrap()));
    let session = Session::new(
        storyroute::story::default_story().unwrap(),
        None,
        false,
        true,
    );
    let state = PersistedState::default();
    let mut gpu = OffscreenGpu::new().unwrap();
    eprintln!("adapter: {}", gpu.adapter_summary());
    for (name, pixels_per_point) in [("bundled_1600x1000_1x", 1.0), ("bundled_1600x1000_2x", 2.0)] {
        let picture = MapPicture {
            session: &session,
            state: &state,
            view: PictureView::Fit,
            size_points: egui::vec2(1600.0, 1000.0),
            pixels_per_point,
            theme: egui::Theme::Light,
        };
        group.bench_function(name, |b| {
            b.iter(|| render_map_with(&mut gpu, &picture).unwrap());
        });
    }
    group.finish();
}

criterion_group!(benches, bench_render);
criterion_main!(benches);
