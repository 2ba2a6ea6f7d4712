//! Tests of the basemap as a whole: the embedded asset, validity of every level of detail,
//! culling, labels and the out-of-extent message.

use egui::{Pos2, Rect, Shape, vec2};
use walkers::{MapMemory, MercatorProjection, Projector, lon_lat};

use super::asset::{self, MercRect};
use super::draw::{ViewTransform, cull, is_outside};
use super::labels::{LabelCandidate, place_labels};
use super::*;

fn basemap() -> Basemap {
    Basemap::embedded().unwrap()
}

fn screen() -> Rect {
    Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))
}

fn memory(lon: f64, lat: f64, zoom: f64) -> MapMemory {
    let mut memory = MapMemory::default();
    memory.center_at(lon_lat(lon, lat));
    memory.set_zoom(zoom).unwrap();
    memory
}

/// Run `f` inside an egui pass (fonts exist) with a projector for the view.
fn with_view<R>(
    lon: f64,
    lat: f64,
    zoom: f64,
    f: impl FnOnce(&egui::Context, &Projector) -> R,
) -> R {
    let ctx = egui::Context::default();
    let input = || egui::RawInput {
        screen_rect: Some(screen()),
        ..Default::default()
    };
    ctx.run_ui(input(), |_| {}).textures_delta.clear();
    let memory = memory(lon, lat, zoom);
    let projector = Projector::new(screen(), &MercatorProjection, &memory, lon_lat(lon, lat));
    let mut f = Some(f);
    let mut out = None;
    ctx.run_ui(input(), |ui| {
        if let Some(f) = f.take() {
            out = Some(f(ui.ctx(), &projector));
        }
    })
    .textures_delta
    .clear();
    out.unwrap()
}

fn texts(shapes: &[Shape]) -> Vec<String> {
    shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text(t) => Some(t.galley.text().to_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_embedded_asset_covers_the_story_extent() {
    let map = basemap();
    let [min_lon, min_lat, max_lon, max_lat] = map.extent();
    assert!(min_lon <= 125.0 && max_lon >= 132.0 && min_lat <= 38.0 && max_lat >= 52.0);
    let data = map.data();
    assert!(data.lods.len() >= 4);
    assert!(map.place_count() > 1000);
    // Land at every level of detail, near Vladivostok (131.9 E, 43.1 N) and Pyongyang.
    for (lon, lat) in [(131.9, 43.1), (125.75, 39.03), (127.5, 50.3)] {
        let [x, y] = asset::lon_lat_to_merc(lon, lat);
        let probe = MercRect {
            min: [x - 1e-4, y - 1e-4],
            max: [x + 1e-4, y + 1e-4],
        };
        for lod in &data.lods {
            assert!(
                lod.land.iter().any(|m| m.bbox.intersects(&probe)),
                "no land at {lon},{lat}"
            );
        }
    }
}

fn triangle_area(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> f64 {
    ((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs() / 2.0
}

fn absolute(bbox: &MercRect, p: [f32; 2]) -> [f64; 2] {
    [bbox.min[0] + f64::from(p[0]), bbox.min[1] + f64::from(p[1])]
}

#[test]
fn every_level_of_detail_is_valid() {
    let map = basemap();
    let in_world = |p: [f64; 2]| p.iter().all(|v| v.is_finite() && (0.0..=1.0).contains(v));
    let mut previous_vertices = 0;
    for lod in &map.data().lods {
        let mut vertices = 0;
        for mesh in lod.land.iter().chain(&lod.lakes) {
            assert!(!mesh.indices.is_empty() && mesh.indices.len() % 3 == 0);
            let pts: Vec<[f64; 2]> = mesh
                .local
                .iter()
                .map(|p| absolute(&mesh.bbox, *p))
                .collect();
            assert!(pts.iter().all(|p| in_world(*p)));
            for tri in mesh.indices.chunks_exact(3) {
                let [a, b, c] = [0, 1, 2].map(|k| pts[tri[k] as usize]);
                assert!(triangle_area(a, b, c) > 0.0, "degenerate triangle");
            }
            vertices += pts.len();
        }
        for line in &lod.lines {
            assert!(line.local.len() >= 2);
            let pts: Vec<[f64; 2]> = line
                .local
                .iter()
                .map(|p| absolute(&line.bbox, *p))
                .collect();
            assert!(pts.iter().all(|p| in_world(*p)));
            assert!(pts.windows(2).any(|w| w[0] != w[1]), "a line of one point");
            vertices += pts.len();
        }
        assert!(
            vertices >= previous_vertices,
            "finer levels have more detail"
        );
        previous_vertices = vertices;
    }
}

#[test]
fn garbage_and_truncated_bytes_are_errors_not_panics() {
    let good = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/basemap.bin")).unwrap();
    assert!(Basemap::from_bytes(&[]).is_err());
    assert!(Basemap::from_bytes(b"definitely not a basemap").is_err());
    for len in [1, 7, 100, good.len() / 3, good.len() - 1] {
        assert!(
            Basemap::from_bytes(&good[..len]).is_err(),
            "truncated at {len}"
        );
    }
    let mut seed = 7_u32;
    for _ in 0..50 {
        let mut bytes = good.clone();
        for _ in 0..20 {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let at = seed as usize % bytes.len();
            bytes[at] ^= (seed >> 24) as u8 | 1;
        }
        let _ = Basemap::from_bytes(&bytes); // error or valid, never a panic
    }
    let noise: Vec<u8> = (0..5000_u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(Basemap::from_bytes(&noise).is_err());
}

#[test]
fn culling_drops_features_outside_the_view() {
    let map = basemap();
    let memory = memory(135.07, 48.50, 14.0);
    let projector = Projector::new(
        screen(),
        &MercatorProjection,
        &memory,
        lon_lat(135.07, 48.50),
    );
    let t = ViewTransform::from_projector(&projector).unwrap();
    let view = t.view_rect(screen());
    let lod = &map.data().lods[map.lod_index(14.0)];
    let kept: Vec<_> = cull(&lod.lines, |l: &asset::Line| &l.bbox, &view).collect();
    assert!(kept.len() < lod.lines.len() / 10);
    assert!(kept.iter().all(|l| l.bbox.intersects(&view)));
    let kept_meshes = cull(&lod.land, |m: &asset::Mesh| &m.bbox, &view).count();
    assert!(kept_meshes >= 1 && kept_meshes < lod.land.len() / 10);
}

#[test]
fn the_view_transform_matches_the_projector() {
    let memory = memory(130.6, 42.4, 8.0);
    let projector = Projector::new(screen(), &MercatorProjection, &memory, lon_lat(130.6, 42.4));
    let t = ViewTransform::from_projector(&projector).unwrap();
    for (lon, lat) in [(130.6, 42.4), (129.0, 41.0), (133.0, 44.5)] {
        let expected = projector.project(lon_lat(lon, lat));
        let [x, y] = asset::lon_lat_to_merc(lon, lat);
        let got = [t.offset[0] + t.scale * x, t.offset[1] + t.scale * y];
        assert!((got[0] - f64::from(expected.x)).abs() < 0.05);
        assert!((got[1] - f64::from(expected.y)).abs() < 0.05);
    }
}

#[test]
fn a_view_outside_the_extent_reports_outside_extent() {
    let shapes = with_view(10.0, 50.0, 6.0, |ctx, projector| {
        BasemapPainter::new(basemap()).shapes(ctx, projector, BasemapTheme::Light, &[])
    });
    assert!(shapes.outside_extent);
    assert!(
        texts(&shapes.labels)
            .iter()
            .any(|t| t.contains("No offline map data"))
    );

    let inside = with_view(130.6, 42.4, 8.0, |ctx, projector| {
        BasemapPainter::new(basemap()).shapes(ctx, projector, BasemapTheme::Dark, &[])
    });
    assert!(!inside.outside_extent);
    assert!(inside.below.iter().any(|s| matches!(s, Shape::Mesh(_))));

    let map = basemap();
    let extent = map.extent_merc();
    // The whole world at zoom 2 shows all the data: not "outside".
    let world = MercRect {
        min: [0.0, 0.0],
        max: [1.0, 1.0],
    };
    assert!(!is_outside(&world, &extent));
}

#[test]
fn story_labels_are_always_placed_and_replace_the_same_basemap_place() {
    let story = vec![
        StoryLabel {
            name: "Vladivostok".into(),
            lon: 131.8869,
            lat: 43.1056,
            marker_radius_px: 6.0,
        },
        StoryLabel {
            name: "Khasan".into(),
            lon: 130.6473,
            lat: 42.4297,
            marker_radius_px: 6.0,
        },
        StoryLabel {
            name: "Tumangang".into(),
            lon: 130.6270,
            lat: 42.4180,
            marker_radius_px: 6.0,
        },
    ];
    for zoom in [5.0, 8.0, 11.0] {
        let shapes = with_view(131.0, 42.8, zoom, |ctx, projector| {
            BasemapPainter::new(basemap()).shapes(ctx, projector, BasemapTheme::Light, &story)
        });
        let texts = texts(&shapes.labels);
        for s in &story {
            // 8 halo copies and the text itself, exactly once.
            assert_eq!(
                texts.iter().filter(|t| **t == s.name).count(),
                9,
                "{} at {zoom}",
                s.name
            );
        }
    }
}

#[test]
fn real_places_never_get_overlapping_labels() {
    let map = basemap();
    for (lon, lat, zoom) in [(131.0, 45.0, 5.0), (130.6, 42.4, 8.0), (129.5, 41.5, 10.0)] {
        let memory = memory(lon, lat, zoom);
        let projector = Projector::new(screen(), &MercatorProjection, &memory, lon_lat(lon, lat));
        let t = ViewTransform::from_projector(&projector).unwrap();
        let candidates: Vec<LabelCandidate> = map
            .data()
            .places
            .iter()
            .map(|p| LabelCandidate {
                anchor: Pos2::new(
                    (t.offset[0] + t.scale * p.pos[0]) as f32,
                    (t.offset[1] + t.scale * p.pos[1]) as f32,
                ),
                size: vec2(7.0 * p.name.chars().count() as f32, 14.0),
                priority: p.population as f32,
                forced: false,
                marker_radius_px: 2.5,
            })
            .collect();
        let placed = place_labels(&candidates, screen());
        assert!(!placed.is_empty());
        for (n, a) in placed.iter().enumerate() {
            for b in &placed[n + 1..] {
                assert!(!a.rect.intersects(b.rect), "overlap at zoom {zoom}");
            }
        }
    }
}

#[test]
fn a_still_map_reuses_the_cached_shapes() {
    let (reused, vertices, same_labels) = with_view(130.6, 42.4, 8.0, |ctx, projector| {
        let mut painter = BasemapPainter::new(basemap());
        let first = painter.shapes(ctx, projector, BasemapTheme::Light, &[]);
        let second = painter.shapes(ctx, projector, BasemapTheme::Light, &[]);
        let mesh = |shapes: &BasemapShapes| features_mesh(shapes);
        let (a, b) = (mesh(&first).unwrap(), mesh(&second).unwrap());
        (
            std::sync::Arc::ptr_eq(&a, &b),
            a.vertices.len(),
            first.labels.len() == second.labels.len(),
        )
    });
    assert!(reused, "the second frame tessellated the basemap again");
    assert!(
        vertices > 1000,
        "{vertices} vertices: the border area is drawn"
    );
    assert!(same_labels);
}

/// The mesh of land, water and lines among the shapes under the route.
fn features_mesh(shapes: &BasemapShapes) -> Option<std::sync::Arc<egui::Mesh>> {
    shapes.below.iter().find_map(|shape| match shape {
        Shape::Mesh(mesh) => Some(mesh.clone()),
        _ => None,
    })
}

fn projector_at(memory: &MapMemory, lon: f64, lat: f64) -> Projector<'_> {
    Projector::new(screen(), &MercatorProjection, memory, lon_lat(lon, lat))
}

/// An egui context whose frames a test runs one by one, as the app's frames come.
struct Frames(egui::Context);

impl Frames {
    fn new() -> Self {
        let ctx = egui::Context::default();
        ctx.run_ui(Self::input(), |_| {}).textures_delta.clear();
        Self(ctx)
    }

    fn input() -> egui::RawInput {
        egui::RawInput {
            screen_rect: Some(screen()),
            ..Default::default()
        }
    }

    /// Run `f` during the next frame.
    fn next<R>(&self, f: impl FnOnce(&egui::Context) -> R) -> R {
        let mut f = Some(f);
        let mut out = None;
        self.0
            .run_ui(Self::input(), |ui| {
                if let Some(f) = f.take() {
                    out = Some(f(ui.ctx()));
                }
            })
            .textures_delta
            .clear();
        out.unwrap()
    }
}

/// `painter`'s shapes for the view centred on `lon`, `lat` at `zoom`, in the next frame.
fn next_frame_shapes(
    frames: &Frames,
    painter: &mut BasemapPainter,
    (lon, lat, zoom): (f64, f64, f64),
    theme: BasemapTheme,
) -> BasemapShapes {
    let memory = memory(lon, lat, zoom);
    frames.next(|ctx| painter.shapes(ctx, &projector_at(&memory, lon, lat), theme, &[]))
}

#[test]
fn a_moving_map_moves_its_drawing_and_draws_again_once_still() {
    let frames = Frames::new();
    let mut painter = BasemapPainter::new(basemap());
    let theme = BasemapTheme::Light;
    // A map 7° wide; b leaves what a drew, c stays within b's margin.
    let (a, b, c) = ((131.9, 43.1, 8.0), (132.4, 43.1, 8.0), (132.6, 43.1, 8.1));
    next_frame_shapes(&frames, &mut painter, a, theme);
    // A moving frame out of the drawing draws, with a margin; the next ones move that.
    let drawn = features_mesh(&next_frame_shapes(&frames, &mut painter, b, theme)).unwrap();
    assert_eq!(painter.drawn_exactly(), Some(true));
    let moved = features_mesh(&next_frame_shapes(&frames, &mut painter, c, theme)).unwrap();
    assert_eq!(painter.drawn_exactly(), Some(false));
    assert_eq!(moved.vertices.len(), drawn.vertices.len());
    // Every vertex lands where the new view puts its point on the Earth.
    let transform = |(lon, lat, zoom)| {
        let memory = memory(lon, lat, zoom);
        ViewTransform::from_projector(&projector_at(&memory, lon, lat)).unwrap()
    };
    let (from, to) = (transform(b), transform(c));
    for (before, after) in drawn.vertices.iter().zip(&moved.vertices).step_by(97) {
        let expected = to.to_screen(from.to_merc(before.pos));
        assert!(
            after.pos.distance(expected) < 0.01,
            "{:?} should be at {expected:?}",
            after.pos
        );
    }
    // Standing still on that view, it is drawn for it, as a painter that never moved does.
    let still = features_mesh(&next_frame_shapes(&frames, &mut painter, c, theme)).unwrap();
    assert_eq!(painter.drawn_exactly(), Some(true));
    let mut fresh_painter = BasemapPainter::new(basemap());
    let fresh = features_mesh(&next_frame_shapes(&frames, &mut fresh_painter, c, theme));
    assert_eq!(still.vertices, fresh.unwrap().vertices);
}

#[test]
fn a_map_that_stops_on_a_drawing_made_in_motion_is_drawn_again_without_the_margin() {
    let frames = Frames::new();
    let mut painter = BasemapPainter::new(basemap());
    let theme = BasemapTheme::Dark;
    let (a, b) = ((131.9, 43.1, 8.0), (134.9, 43.1, 8.0));
    next_frame_shapes(&frames, &mut painter, a, theme);
    let in_motion = features_mesh(&next_frame_shapes(&frames, &mut painter, b, theme)).unwrap();
    let stopped = features_mesh(&next_frame_shapes(&frames, &mut painter, b, theme)).unwrap();
    let mut fresh_painter = BasemapPainter::new(basemap());
    let fresh = features_mesh(&next_frame_shapes(&frames, &mut fresh_painter, b, theme)).unwrap();
    assert!(
        in_motion.vertices.len() > fresh.vertices.len(),
        "drawn with a margin"
    );
    assert_eq!(stopped.vertices, fresh.vertices);
}

#[test]
fn a_second_pass_of_the_same_frame_reuses_the_moved_drawing_and_labels() {
    let frames = Frames::new();
    let mut painter = BasemapPainter::new(basemap());
    let theme = BasemapTheme::Light;
    next_frame_shapes(&frames, &mut painter, (131.9, 43.1, 8.0), theme);
    next_frame_shapes(&frames, &mut painter, (131.95, 43.1, 8.1), theme);
    // Still moving, and egui runs the frame twice.
    let memory = memory(132.0, 43.1, 8.2);
    let (first, second) = frames.next(|ctx| {
        let projector = projector_at(&memory, 132.0, 43.1);
        let first = painter.shapes(ctx, &projector, theme, &[]);
        let second = painter.shapes(ctx, &projector, theme, &[]);
        (first, second)
    });
    assert_eq!(
        painter.drawn_exactly(),
        Some(false),
        "the second pass took the view for a still one"
    );
    let (a, b) = (
        features_mesh(&first).unwrap(),
        features_mesh(&second).unwrap(),
    );
    assert!(std::sync::Arc::ptr_eq(&a, &b), "the second pass drew again");
    assert_eq!(texts(&first.labels), texts(&second.labels));
}

#[test]
fn a_moving_map_draws_again_when_the_zoom_jumps_or_the_view_leaves_the_drawing() {
    let frames = Frames::new();
    let mut painter = BasemapPainter::new(basemap());
    let views = [
        (131.9, 43.1, 8.0),
        // Zooming in a little: the view stays inside the drawing, scaled.
        (131.9, 43.1, 8.1),
        (131.9, 43.1, 8.2),
        (131.9, 43.1, 8.3),
        // Small steps add up: 0.4 of a zoom level scales by 32 % since the drawing.
        (131.9, 43.1, 8.4),
        (131.9, 43.1, 8.45),
        // A jump of half a zoom level: 41 %.
        (131.9, 43.1, 8.95),
        // Three map widths to the east.
        (150.0, 43.1, 8.95),
    ];
    let mut exact = Vec::new();
    for view in views {
        next_frame_shapes(&frames, &mut painter, view, BasemapTheme::Dark);
        exact.push(painter.drawn_exactly() == Some(true));
    }
    assert_eq!(exact, [true, false, false, false, true, false, true, true]);
}

#[test]
fn once_a_moving_map_stands_still_it_is_labelled_in_full() {
    let frames = Frames::new();
    let mut painter = BasemapPainter::new(basemap());
    let theme = BasemapTheme::Light;
    let here = (131.9, 43.1, 10.0);
    // The frame before, a little to the west: the view is moving.
    next_frame_shapes(&frames, &mut painter, (131.85, 43.1, 10.0), theme);
    let moving = texts(&next_frame_shapes(&frames, &mut painter, here, theme).labels);
    // The same view in the next frame: it stands still.
    let still = texts(&next_frame_shapes(&frames, &mut painter, here, theme).labels);
    // What a painter that never moved draws there.
    let mut fresh_painter = BasemapPainter::new(basemap());
    let fresh = texts(&next_frame_shapes(&frames, &mut fresh_painter, here, theme).labels);
    assert!(!moving.is_empty());
    assert_eq!(still, fresh);
}

#[test]
fn the_sources_name_every_data_set_of_the_attribution() {
    for name in ["Natural Earth", "GSHHG", "GeoNames"] {
        assert!(ATTRIBUTION.contains(name));
        assert!(SOURCES.iter().any(|s| s.name.contains(name)));
    }
}
