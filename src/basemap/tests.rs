//! Tests of the basemap as a whole: the embedded asset, validity of every level of detail,
//! culling, labels and the out-of-extent message.

use egui::{Pos2, Rect, Shape, vec2};
use walkers::{MapMemory, MercatorProjection, Projector, lon_lat};

use super::asset::{self, MercRect};
use super::draw::{ViewTransform, cull, is_outside};
use super::tiles::{tile_rect, tiles_for_view};
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

/// A painter that decodes the tiles a view needs at once (every frame complete).
fn sync_painter() -> BasemapPainter {
    BasemapPainter::new_synchronous(basemap())
}

/// The tile of level `lod` holding the point, decoded.
fn tile_at(map: &Basemap, lod: usize, lon: f64, lat: f64) -> asset::Tile {
    let [x, y] = asset::lon_lat_to_merc(lon, lat);
    let probe = MercRect {
        min: [x, y],
        max: [x, y],
    };
    let placed = tiles_for_view(map.index(), lod, &probe);
    assert_eq!(placed.len(), 1, "one tile at {lon},{lat}, level {lod}");
    map.index().tile(placed[0].id).unwrap()
}

#[test]
fn the_embedded_asset_has_land_wherever_a_story_may_be() {
    let map = basemap();
    let [min_lon, min_lat, max_lon, max_lat] = map.extent();
    assert!(min_lon <= -180.0 && max_lon >= 180.0 && min_lat <= -85.0 && max_lat >= 85.0);
    let lods = map.index().lods.len();
    assert!(lods >= 3);
    // Land at every level of detail, at points on land (GeoNames coordinates, rounded):
    // Vladivostok, Pyongyang, Blagoveshchensk region, Moscow, New York (Manhattan), Sydney
    // (Parramatta, inland), Suva (Fiji, Viti Levu), Longyearbyen (Svalbard), Anadyr (Chukotka).
    let on_land = [
        (131.9, 43.12),
        (125.75, 39.03),
        (127.5, 50.3),
        (37.62, 55.75),
        (-73.97, 40.78),
        (151.0, -33.82),
        (178.44, -18.12),
        (15.64, 78.22),
        (177.5, 64.73),
    ];
    for lod in 0..lods {
        for (lon, lat) in on_land {
            let [x, y] = asset::lon_lat_to_merc(lon, lat);
            let probe = MercRect {
                min: [x - 2e-4, y - 2e-4],
                max: [x + 2e-4, y + 2e-4],
            };
            let tile = tile_at(&map, lod, lon, lat);
            assert!(
                tile.land.iter().any(|m| m.bbox.intersects(&probe)),
                "no land at {lon},{lat} at level {lod}"
            );
        }
    }
    // The coarsest level alone labels the biggest cities of every continent.
    let names: Vec<&str> = map
        .root()
        .1
        .places
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    for city in [
        "Moscow",
        "New York City",
        "Sydney",
        "Tokyo",
        "Lagos",
        "São Paulo",
    ] {
        assert!(names.contains(&city), "{city} is not in the coarsest level");
    }
}

fn triangle_area(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> f64 {
    ((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs() / 2.0
}

fn absolute(bbox: &MercRect, p: [f32; 2]) -> [f64; 2] {
    [bbox.min[0] + f64::from(p[0]), bbox.min[1] + f64::from(p[1])]
}

#[test]
fn every_tile_is_valid_and_inside_its_square() {
    let map = basemap();
    let index = map.index();
    let mut vertices_per_level = vec![0_usize; index.lods.len()];
    let ids: Vec<asset::TileId> = index.ids().collect();
    for id in ids {
        let tile = index.tile(id).unwrap();
        let square = tile_rect(index, id);
        // A point of a tile lies in its square (f32 offsets: within a millionth of a world).
        let slack = 1e-6;
        let inside = |p: [f64; 2]| {
            p.iter().all(|v| v.is_finite())
                && (square.min[0] - slack..=square.max[0] + slack).contains(&p[0])
                && (square.min[1] - slack..=square.max[1] + slack).contains(&p[1])
        };
        for mesh in tile.land.iter().chain(&tile.lakes) {
            assert!(!mesh.indices.is_empty() && mesh.indices.len() % 3 == 0);
            let pts: Vec<[f64; 2]> = mesh
                .local
                .iter()
                .map(|p| absolute(&mesh.bbox, *p))
                .collect();
            assert!(pts.iter().all(|p| inside(*p)), "mesh outside {id:?}");
            for tri in mesh.indices.chunks_exact(3) {
                let [a, b, c] = [0, 1, 2].map(|k| pts[tri[k] as usize]);
                assert!(triangle_area(a, b, c) > 0.0, "degenerate triangle");
            }
            vertices_per_level[usize::from(id.lod)] += pts.len();
        }
        for line in &tile.lines {
            let pts: Vec<[f64; 2]> = line
                .local
                .iter()
                .map(|p| absolute(&line.bbox, *p))
                .collect();
            assert!(pts.len() >= 2 && pts.iter().all(|p| inside(*p)), "{id:?}");
            assert!(pts.windows(2).any(|w| w[0] != w[1]), "a line of one point");
            vertices_per_level[usize::from(id.lod)] += pts.len();
        }
        for place in &tile.places {
            assert!(inside(place.pos), "{} outside {id:?}", place.name);
        }
    }
    assert!(
        vertices_per_level.windows(2).all(|w| w[0] < w[1]),
        "finer levels have more detail: {vertices_per_level:?}"
    );
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
    // The finest level's tile around Khabarovsk, and the part of it in a zoom-14 view.
    let tile = tile_at(&map, map.lod_index(14.0), 135.07, 48.50);
    let kept: Vec<_> = cull(&tile.lines, |l: &asset::Line| &l.bbox, &view).collect();
    assert!(!kept.is_empty() && kept.len() < tile.lines.len() / 4);
    assert!(kept.iter().all(|l| l.bbox.intersects(&view)));
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
fn a_view_anywhere_on_earth_has_data_and_no_hatch() {
    for (lon, lat, zoom) in [(10.0, 50.0, 6.0), (-73.97, 40.78, 10.0), (15.6, 78.2, 7.0)] {
        let shapes = with_view(lon, lat, zoom, |ctx, projector| {
            sync_painter().shapes(ctx, projector, BasemapTheme::Light, &[])
        });
        assert!(!shapes.outside_extent, "{lon},{lat}");
        assert!(
            !texts(&shapes.labels)
                .iter()
                .any(|t| t.contains("No offline map data"))
        );
        let mesh = features_mesh(&shapes).unwrap();
        let land = BasemapTheme::Light.land_colour();
        assert!(mesh.vertices.iter().any(|v| v.color == land), "{lon},{lat}");
    }
    let extent = basemap().extent_merc();
    let world = MercRect {
        min: [0.0, 0.0],
        max: [1.0, 1.0],
    };
    assert!(!is_outside(&world, &extent));
}

#[test]
fn a_view_centred_on_the_antimeridian_draws_fiji_on_both_sides() {
    // Zoom 7 at 180°, 17° S: Viti Levu (178° E) lies left of the centre, the Lau Islands
    // (178.5–179° W) right of it; 1° is 256 × 2^7 / 360 = 91 points.
    let mesh = with_view(180.0, -17.5, 7.0, |ctx, projector| {
        features_mesh(&sync_painter().shapes(ctx, projector, BasemapTheme::Light, &[])).unwrap()
    });
    let land = BasemapTheme::Light.land_colour();
    let centre = screen().center().x;
    let on_screen = |v: &&egui::epaint::Vertex| screen().contains(v.pos);
    let land_vertices: Vec<_> = mesh
        .vertices
        .iter()
        .filter(|v| v.color == land)
        .filter(on_screen)
        .collect();
    assert!(
        land_vertices.iter().any(|v| v.pos.x < centre - 91.0),
        "no land west of 180°"
    );
    assert!(
        land_vertices.iter().any(|v| v.pos.x > centre + 91.0),
        "no land east of 180°"
    );
}

#[test]
fn a_painter_that_decodes_off_thread_draws_the_coarse_level_first_then_the_tiles() {
    let frames = Frames::new();
    let mut painter = BasemapPainter::new(basemap());
    let view = (37.62, 55.75, 10.0);
    let first = features_mesh(&next_frame_shapes(
        &frames,
        &mut painter,
        view,
        BasemapTheme::Light,
    ));
    // Not blank: the coarser level is there from the start.
    assert!(first.is_some_and(|mesh| mesh.vertices.len() > 100));
    let mut complete = painter.is_complete();
    for _ in 0..500 {
        if complete {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        next_frame_shapes(&frames, &mut painter, view, BasemapTheme::Light);
        complete = painter.is_complete();
    }
    assert!(complete, "the tiles never arrived");
    assert!(painter.tiles_kept() >= 1);
}

/// The rectangles of the labels drawn (the text itself, not its halo copies).
fn label_rects(shapes: &[Shape]) -> Vec<(String, Rect)> {
    shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text(t) if t.override_text_color.is_none() => Some((
                t.galley.text().to_owned(),
                Rect::from_min_size(t.pos, t.galley.size()),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn world_views_get_many_labels_and_none_overlap() {
    // The world at zoom 2, Europe at 4, the antimeridian at 5, Moscow at 10.
    for (lon, lat, zoom) in [
        (20.0, 20.0, 2.0),
        (15.0, 50.0, 4.0),
        (180.0, -10.0, 5.0),
        (37.62, 55.75, 10.0),
    ] {
        let shapes = with_view(lon, lat, zoom, |ctx, projector| {
            sync_painter().shapes(ctx, projector, BasemapTheme::Dark, &[])
        });
        let rects = label_rects(&shapes.labels);
        assert!(rects.len() >= 3, "{} labels at {lon},{lat}", rects.len());
        for (n, (a_text, a)) in rects.iter().enumerate() {
            assert!(screen().contains_rect(*a), "{a_text} leaves the map");
            for (b_text, b) in &rects[n + 1..] {
                assert!(
                    !a.intersects(*b),
                    "{a_text} overlaps {b_text} at zoom {zoom}"
                );
            }
        }
    }
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
            sync_painter().shapes(ctx, projector, BasemapTheme::Light, &story)
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
fn a_still_map_reuses_the_cached_shapes() {
    let (reused, vertices, same_labels) = with_view(130.6, 42.4, 8.0, |ctx, projector| {
        let mut painter = sync_painter();
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
    let mut painter = sync_painter();
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
    let mut fresh_painter = sync_painter();
    let fresh = features_mesh(&next_frame_shapes(&frames, &mut fresh_painter, c, theme));
    assert_eq!(still.vertices, fresh.unwrap().vertices);
}

#[test]
fn a_map_that_stops_on_a_drawing_made_in_motion_is_drawn_again_without_the_margin() {
    let frames = Frames::new();
    let mut painter = sync_painter();
    let theme = BasemapTheme::Dark;
    let (a, b) = ((131.9, 43.1, 8.0), (134.9, 43.1, 8.0));
    next_frame_shapes(&frames, &mut painter, a, theme);
    let in_motion = features_mesh(&next_frame_shapes(&frames, &mut painter, b, theme)).unwrap();
    let stopped = features_mesh(&next_frame_shapes(&frames, &mut painter, b, theme)).unwrap();
    let mut fresh_painter = sync_painter();
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
    let mut painter = sync_painter();
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
    let mut painter = sync_painter();
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
    let mut painter = sync_painter();
    let theme = BasemapTheme::Light;
    let here = (131.9, 43.1, 10.0);
    // The frame before, a little to the west: the view is moving.
    next_frame_shapes(&frames, &mut painter, (131.85, 43.1, 10.0), theme);
    let moving = texts(&next_frame_shapes(&frames, &mut painter, here, theme).labels);
    // The same view in the next frame: it stands still.
    let still = texts(&next_frame_shapes(&frames, &mut painter, here, theme).labels);
    // What a painter that never moved draws there.
    let mut fresh_painter = sync_painter();
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

/// Vertices of a tile's polygons and lines.
fn vertices(tile: &asset::Tile) -> usize {
    tile.land
        .iter()
        .chain(&tile.lakes)
        .map(|mesh| mesh.local.len())
        .sum::<usize>()
        + tile
            .lines
            .iter()
            .map(|line| line.local.len())
            .sum::<usize>()
}

#[test]
fn the_world_below_zoom_2_5_is_drawn_from_a_coarser_single_tile() {
    // The world at zoom 2 drew the zoom-3 level whole and went over its 2 ms frame budget
    // (BENCHMARKS.md): below zoom 2.5 a coarser level is drawn, one tile for the world.
    let map = basemap();
    assert_eq!(map.lod_index(2.0), 0);
    assert_eq!(map.lod_index(2.7), 1);
    let coarse = map.root().1.clone();
    let next = map.index().tile(TileId { lod: 1, x: 0, y: 0 }).unwrap();
    // Half a pixel at zoom 2 rather than at zoom 3: well under two thirds of the vertices.
    assert!(
        vertices(&coarse) * 3 < vertices(&next) * 2,
        "{} against {}",
        vertices(&coarse),
        vertices(&next)
    );
}
