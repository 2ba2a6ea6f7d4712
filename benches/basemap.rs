//! Basemap drawing: building the shapes of one view (culling, level of detail, labels) and
//! tessellating them, at 1280×800: drawn from scratch (the cache dropped), still (the cache
//! reused), and panning (each frame a pixel or so off the last, as in a drag).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, vec2};
use storyroute::basemap::{Basemap, BasemapPainter, BasemapTheme, StoryLabel};
use walkers::{MapMemory, MercatorProjection, Projector, lon_lat};

fn story_labels() -> Vec<StoryLabel> {
    [
        ("Pyongyang", 125.7364, 39.0047),
        ("Khasan", 130.6453, 42.4281),
        ("Khabarovsk", 135.0727, 48.4966),
    ]
    .into_iter()
    .map(|(name, lon, lat)| StoryLabel {
        name: name.to_owned(),
        lon,
        lat,
        marker_radius_px: 12.0,
    })
    .collect()
}

/// One frame of the basemap alone: shapes, then tessellation. `cold` forgets the cache first.
fn frame(
    ctx: &egui::Context,
    painter: &mut BasemapPainter,
    memory: &MapMemory,
    cold: bool,
) -> usize {
    let rect = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
    let labels = story_labels();
    let input = RawInput {
        screen_rect: Some(rect),
        ..RawInput::default()
    };
    let mut count = 0;
    let output = ctx.run_ui(input, |ui| {
        if cold {
            painter.invalidate();
        }
        let projector = Projector::new(rect, &MercatorProjection, memory, lon_lat(0.0, 0.0));
        let shapes = painter.shapes(ui.ctx(), &projector, BasemapTheme::Dark, &labels);
        count = shapes.below.len() + shapes.labels.len();
        ui.painter().extend(shapes.below);
        ui.painter().extend(shapes.labels);
    });
    count + ctx.tessellate(output.shapes, 1.0).len()
}

fn bench_basemap(c: &mut Criterion) {
    let views = [
        ("overview_zoom_4_6", 130.5, 45.4, 4.6),
        ("tumen_border_zoom_8", 130.6, 42.42, 8.0),
        ("khabarovsk_zoom_14", 135.0727, 48.4966, 14.0),
        ("world_zoom_2", 20.0, 20.0, 2.0),
        ("moscow_zoom_10", 37.6178, 55.752, 10.0),
        ("antimeridian_zoom_5", 180.0, 60.0, 5.0),
    ];
    let ctx = egui::Context::default();
    // Tiles decoded at once on the first frame of a view (then kept): frames measure drawing.
    let mut painter = BasemapPainter::new_synchronous(Basemap::embedded().unwrap());
    let mut group = c.benchmark_group("basemap_1280x800");
    for (name, lon, lat, zoom) in views {
        let mut memory = MapMemory::default();
        memory.center_at(lon_lat(lon, lat));
        memory.set_zoom(zoom).unwrap();
        // A warm-up frame, so fonts exist.
        frame(&ctx, &mut painter, &memory, true);
        group.bench_function(format!("{name}_drawn"), |b| {
            b.iter(|| frame(&ctx, &mut painter, &memory, true));
        });
        group.bench_function(format!("{name}_still"), |b| {
            b.iter(|| frame(&ctx, &mut painter, &memory, false));
        });
        // Back and forth over 40 pixels, a pixel a frame.
        let degrees_per_px = 360.0 / (256.0 * 2_f64.powf(zoom));
        let mut step = 0_u32;
        group.bench_function(format!("{name}_panning"), |b| {
            b.iter(|| {
                step = (step + 1) % 80;
                let px = f64::from(step.min(80 - step));
                let mut panned = memory.clone();
                panned.center_at(lon_lat(lon + px * degrees_per_px, lat));
                frame(&ctx, &mut painter, &panned, false)
            });
        });
    }
    group.finish();
    c.bench_function("basemap_decode_index_and_world", |b| {
        b.iter(Basemap::embedded);
    });
}

criterion_group!(benches, bench_basemap);
criterion_main!(benches);
