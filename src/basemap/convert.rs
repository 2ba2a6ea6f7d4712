//! Conversion of the source GeoJSON layers into the embedded, tiled basemap asset.
//!
//! Used by the `make_basemap` binary; never at run time of the app. It reads the whole world
//! (`../shared/basemap-world`: Natural Earth 1:10m land, lakes, borders, admin-1 lines,
//! rivers, populated places and country label points; GeoNames cities15000) and keeps the
//! finer North-East Asia layers of `../shared/basemap` where they are: its GSHHG rivers
//! replace Natural Earth's rivers inside its box, and its small towns and extra places are
//! added. The pipeline per layer: lon/lat → normalised Web Mercator → quantised integers
//! (2^24 per world width) → per level of detail Douglas–Peucker simplification
//! ([`geo::Simplify`]) → polygons triangulated with holes ([`geo::TriangulateEarcut`]) →
//! everything cut into the level's tiles (`convert_clip.rs`) → postcard.
//!
//! Invariants of the output: no zero-area triangle (checked exactly on the quantised
//! integers), no line with fewer than two distinct points, no empty tile stored, everything
//! inside the world square and inside its tile; the same input gives the same bytes.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use geo::{Area, Coord, LineString, MultiPolygon, Polygon, Simplify, TriangulateEarcut};
use geojson::{FeatureCollection, GeoJson};

use super::BasemapError;
use super::asset::{
    FORMAT_VERSION, Header, LineFile, LineKind, LodSpecFile, MeshFile, PlaceFile, PlaceKind,
    QUANT_PER_WORLD, TileEntry, TileFile, delta_encode,
};
use super::convert_clip::{Pt, TileMeshes, add_triangle, split_line, tile_of};
use super::convert_places::{ne_extras, read_cities, read_countries};
use super::convert_source::{prop_f64, quantise};
use super::style::line_min_zoom;

/// One level of detail: used below `max_zoom`, simplified to half a pixel at
/// `tolerance_zoom`, cut into the tiles of `tile_zoom`.
#[derive(Debug, Clone, Copy)]
struct LodSpec {
    max_zoom: f32,
    tolerance_zoom: f64,
    tile_zoom: u8,
}

/// Zoom bands <2.5, 2.5–3, 3–5, ≥6 (band tops are exclusive fractional zooms). The first
/// two are one tile each: the first, the whole world at half a pixel at zoom 2, is decoded at
/// start-up and keeps a world view within its frame budget (the second has 1.8 times its
/// vertices); a view needs a handful of tiles of its band. Few levels keep the asset within
/// its budget (each level stores the world again); Natural Earth's 1:10m data has no more
/// detail to show beyond zoom 9 or so anyway.
const LODS: [LodSpec; 4] = [
    LodSpec {
        max_zoom: 2.5,
        tolerance_zoom: 2.0,
        tile_zoom: 0,
    },
    LodSpec {
        max_zoom: 3.0,
        tolerance_zoom: 3.0,
        tile_zoom: 0,
    },
    LodSpec {
        max_zoom: 6.0,
        tolerance_zoom: 5.5,
        tile_zoom: 2,
    },
    LodSpec {
        max_zoom: f32::INFINITY,
        tolerance_zoom: 8.5,
        tile_zoom: 5,
    },
];

/// Most points in one stored line piece (pieces overlap by one point).
const MAX_LINE_POINTS: usize = 64;

/// The box of `../shared/basemap` (lon, lat): its GSHHG rivers replace Natural Earth's here.
const NE_ASIA_BOX: [f64; 4] = [120.0, 35.0, 145.0, 56.0];

/// Quantised units per screen pixel at `zoom` (256 px tiles).
fn units_per_px(zoom: f64) -> f64 {
    QUANT_PER_WORLD / (256.0 * zoom.exp2())
}

/// The source layers, already projected to quantised Mercator (as f64 integers).
#[derive(Debug, Default)]
pub struct Sources {
    land: Vec<Polygon<f64>>,
    lakes: Vec<Polygon<f64>>,
    lines: Vec<(LineKind, LineString<f64>)>,
    places: Vec<PlaceFile>,
}

/// What [`convert_directories`] produced.
#[derive(Debug)]
pub struct Converted {
    /// The postcard bytes to write to `assets/basemap.bin`.
    pub bytes: Vec<u8>,
    /// A human-readable line per level of detail.
    pub summary: String,
}

fn project_line(line: &LineString<f64>) -> LineString<f64> {
    let mut out: Vec<Coord<f64>> = Vec::with_capacity(line.0.len());
    for c in &line.0 {
        let q = quantise(c.x, c.y);
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    LineString(out)
}

fn project_polygon(poly: &Polygon<f64>) -> Polygon<f64> {
    Polygon::new(
        project_line(poly.exterior()),
        poly.interiors().iter().map(project_line).collect(),
    )
}

fn read_collection(path: &Path) -> Result<FeatureCollection, BasemapError> {
    let text = std::fs::read_to_string(path).map_err(|e| BasemapError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    match text.parse::<GeoJson>() {
        Ok(GeoJson::FeatureCollection(fc)) => Ok(fc),
        Ok(_) => Err(BasemapError::Source(format!(
            "{}: not a FeatureCollection",
            path.display()
        ))),
        Err(e) => Err(BasemapError::Source(format!("{}: {e}", path.display()))),
    }
}

fn geometries(fc: &FeatureCollection) -> impl Iterator<Item = (&geojson::Feature, geo::Geometry)> {
    fc.features.iter().filter_map(|f| {
        let g = f.geometry.as_ref()?;
        let g = geo::Geometry::<f64>::try_from(g).ok()?;
        Some((f, g))
    })
}

fn polygons_of(g: geo::Geometry) -> Vec<Polygon<f64>> {
    match g {
        geo::Geometry::Polygon(p) => vec![p],
        geo::Geometry::MultiPolygon(MultiPolygon(ps)) => ps,
        _ => Vec::new(),
    }
}

fn lines_of(g: geo::Geometry) -> Vec<LineString<f64>> {
    match g {
        geo::Geometry::LineString(l) => vec![l],
        geo::Geometry::MultiLineString(m) => m.0,
        _ => Vec::new(),
    }
}

fn in_ne_asia(c: &Coord<f64>) -> bool {
    let [w, s, e, n] = NE_ASIA_BOX;
    (w..=e).contains(&c.x) && (s..=n).contains(&c.y)
}

/// The runs of `line` outside the North-East Asia box (each keeps the point just inside, so
/// a river reaches the box's GSHHG river).
fn outside_ne_asia(line: &LineString<f64>) -> Vec<LineString<f64>> {
    let mut runs = Vec::new();
    let mut run: Vec<Coord<f64>> = Vec::new();
    for (i, c) in line.0.iter().enumerate() {
        let inside = in_ne_asia(c);
        let next_outside = line.0.get(i + 1).is_some_and(|n| !in_ne_asia(n));
        if !inside || next_outside || run.last().is_some_and(|p| !in_ne_asia(p)) {
            run.push(*c);
        }
        if inside && !next_outside && !run.is_empty() {
            if run.len() >= 2 {
                runs.push(LineString(std::mem::take(&mut run)));
            }
            run.clear();
        }
    }
    if run.len() >= 2 {
        runs.push(LineString(run));
    }
    runs
}

/// Importance of a Natural Earth river (0 major … 4 minor) from its scalerank.
fn river_level(scalerank: f64) -> u8 {
    match scalerank {
        r if r <= 3.0 => 1,
        r if r <= 5.0 => 2,
        r if r <= 7.0 => 3,
        _ => 4,
    }
}

impl Sources {
    /// Read the world layers from `world` and the North-East Asia layers from `ne_asia` (see
    /// the READMEs of `../shared/basemap-world` and `../shared/basemap`).
    pub fn read_dirs(world: &Path, ne_asia: &Path) -> Result<Self, BasemapError> {
        let mut s = Sources::default();
        for (_, g) in geometries(&read_collection(&world.join("land.geojson"))?) {
            for p in polygons_of(g) {
                let p = project_polygon(&p);
                for ring in std::iter::once(p.exterior()).chain(p.interiors()) {
                    s.lines.push((LineKind::Coast, ring.clone()));
                }
                s.land.push(p);
            }
        }
        for (_, g) in geometries(&read_collection(&world.join("lakes.geojson"))?) {
            for p in polygons_of(g) {
                let p = project_polygon(&p);
                s.lines.push((LineKind::Coast, p.exterior().clone()));
                s.lakes.push(p);
            }
        }
        for (file, kind) in [
            ("borders.geojson", LineKind::Border),
            ("admin1.geojson", LineKind::Admin1),
        ] {
            for (_, g) in geometries(&read_collection(&world.join(file))?) {
                for l in lines_of(g) {
                    s.lines.push((kind, project_line(&l)));
                }
            }
        }
        for (f, g) in geometries(&read_collection(&world.join("rivers.geojson"))?) {
            let level = river_level(prop_f64(f, "scalerank").unwrap_or(10.0));
            for l in lines_of(g) {
                for run in outside_ne_asia(&l) {
                    s.lines.push((LineKind::River(level), project_line(&run)));
                }
            }
        }
        for (f, g) in geometries(&read_collection(&ne_asia.join("rivers.geojson"))?) {
            let level = prop_f64(f, "level").unwrap_or(4.0).clamp(0.0, 4.0) as u8;
            for l in lines_of(g) {
                s.lines.push((LineKind::River(level), project_line(&l)));
            }
        }
        let extras = ne_extras(&read_collection(&world.join("ne_places.geojson"))?);
        let mut seen = HashSet::new();
        read_countries(
            &read_collection(&world.join("countries.geojson"))?,
            &mut s.places,
        );
        for (dir, file, kind) in [
            (world, "places.geojson", PlaceKind::City),
            (ne_asia, "places.geojson", PlaceKind::City),
            (ne_asia, "towns500_kp_ru.geojson", PlaceKind::Town),
        ] {
            let fc = read_collection(&dir.join(file))?;
            read_cities(&fc, kind, &extras, &mut seen, &mut s.places);
        }
        // Most important first: label placement likes that order.
        s.places
            .sort_by(|a, b| b.priority.total_cmp(&a.priority).then(a.name.cmp(&b.name)));
        if s.land.is_empty() {
            return Err(BasemapError::Source("no land in the input".into()));
        }
        Ok(s)
    }

    /// Build every level of detail's tiles: the header and the bytes of each tile.
    fn build(&self) -> (Header, Vec<Vec<u8>>, String) {
        let mut entries = Vec::new();
        let mut blobs = Vec::new();
        let mut summary = String::new();
        for (lod_index, spec) in LODS.iter().enumerate() {
            let tiles = self.build_lod(lod_index, spec);
            let (mut vertices, mut bytes) = (0, 0);
            for (&(x, y), tile) in &tiles {
                vertices += tile
                    .land
                    .iter()
                    .chain(&tile.lakes)
                    .map(|m| m.coords.len() / 2)
                    .sum::<usize>();
                vertices += tile.lines.iter().map(|l| l.coords.len() / 2).sum::<usize>();
                let blob = postcard::to_stdvec(tile).unwrap_or_default();
                bytes += blob.len();
                entries.push(TileEntry {
                    lod: lod_index as u8,
                    x: x as u32,
                    y: y as u32,
                    len: blob.len() as u32,
                });
                blobs.push(blob);
            }
            summary.push_str(&format!(
                "LOD < zoom {}: {} tiles of zoom {}, {vertices} vertices, {bytes} bytes\n",
                spec.max_zoom,
                tiles.len(),
                spec.tile_zoom
            ));
        }
        let header = Header {
            version: FORMAT_VERSION,
            extent_lon_lat: [-180.0, -90.0, 180.0, 90.0],
            lods: LODS
                .iter()
                .map(|s| LodSpecFile {
                    max_zoom: s.max_zoom,
                    tile_zoom: s.tile_zoom,
                })
                .collect(),
            tiles: entries,
        };
        (header, blobs, summary)
    }

    fn build_lod(&self, lod_index: usize, spec: &LodSpec) -> BTreeMap<(i64, i64), TileFile> {
        let tolerance = 0.5 * units_per_px(spec.tolerance_zoom);
        let min_ring_area = tolerance * tolerance * 4.0;
        let grid = 1_i64 << spec.tile_zoom;
        let size = QUANT_PER_WORLD as i64 / grid;
        let mut tiles: BTreeMap<(i64, i64), TileFile> = BTreeMap::new();
        for (polys, is_land) in [(&self.land, true), (&self.lakes, false)] {
            let mut meshes = TileMeshes::new();
            for p in polys {
                for tri in triangles(p, tolerance, min_ring_area) {
                    add_triangle(&mut meshes, tri, size, grid);
                }
            }
            for (key, m) in meshes {
                if m.indices.is_empty() {
                    continue;
                }
                let tile = tiles.entry(key).or_default();
                let mesh = MeshFile {
                    coords: delta_encode(&m.vertices),
                    indices: m.indices,
                };
                if is_land {
                    tile.land.push(mesh);
                } else {
                    tile.lakes.push(mesh);
                }
            }
        }
        for (kind, line) in &self.lines {
            if line_min_zoom(*kind) >= f64::from(spec.max_zoom) {
                continue;
            }
            let points = as_ints(&line.simplify(tolerance));
            if points.len() < 2 {
                continue;
            }
            for (key, run) in split_line(&points, size, grid) {
                let tile = tiles.entry(key).or_default();
                for coords in line_pieces(&run) {
                    tile.lines.push(LineFile {
                        kind: *kind,
                        coords,
                    });
                }
            }
        }
        for place in &self.places {
            let first_lod = LODS
                .iter()
                .position(|l| place.min_zoom < l.max_zoom)
                .unwrap_or(LODS.len() - 1);
            if first_lod != lod_index {
                continue;
            }
            let key = tile_of([f64::from(place.x), f64::from(place.y)], size, grid);
            tiles.entry(key).or_default().places.push(place.clone());
        }
        tiles
    }
}

fn as_ints(line: &LineString<f64>) -> Vec<Pt> {
    let mut out: Vec<Pt> = Vec::with_capacity(line.0.len());
    for c in &line.0 {
        let p = [c.x as i64, c.y as i64];
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    out
}

/// Cut a line into pieces of at most [`MAX_LINE_POINTS`], sharing end points.
fn line_pieces(points: &[Pt]) -> Vec<Vec<i32>> {
    let mut pieces = Vec::new();
    let mut start = 0;
    while start + 1 < points.len() {
        let end = (start + MAX_LINE_POINTS).min(points.len());
        pieces.push(delta_encode(&points[start..end]));
        start = end - 1;
    }
    pieces
}

/// Area enclosed by a ring (a `LineString` itself has no area).
fn ring_area(ring: &LineString<f64>) -> f64 {
    Polygon::new(ring.clone(), Vec::new()).unsigned_area()
}

/// Simplify and triangulate one polygon (holes respected); rings smaller than `min_area`
/// vanish instead of making slivers.
fn triangles(poly: &Polygon<f64>, tolerance: f64, min_area: f64) -> Vec<[Pt; 3]> {
    let simplified = poly.simplify(tolerance);
    if simplified.exterior().0.len() < 4 || ring_area(simplified.exterior()) < min_area {
        return Vec::new();
    }
    let interiors: Vec<LineString<f64>> = simplified
        .interiors()
        .iter()
        .filter(|r| r.0.len() >= 4 && ring_area(r) >= min_area)
        .cloned()
        .collect();
    let cleaned = Polygon::new(simplified.exterior().clone(), interiors);
    let raw = cleaned.earcut_triangles_raw();
    let verts: Vec<Pt> = raw
        .vertices
        .iter()
        .map(|v| [v[0] as i64, v[1] as i64])
        .collect();
    raw.triangle_indices
        .chunks_exact(3)
        .filter_map(|t| Some([*verts.get(t[0])?, *verts.get(t[1])?, *verts.get(t[2])?]))
        .collect()
}

/// Read both directories and produce the asset bytes.
pub fn convert_directories(world: &Path, ne_asia: &Path) -> Result<Converted, BasemapError> {
    let sources = Sources::read_dirs(world, ne_asia)?;
    let (header, blobs, mut summary) = sources.build();
    let mut bytes = postcard::to_stdvec(&header)?;
    for blob in blobs {
        bytes.extend(blob);
    }
    summary.push_str(&format!(
        "{} places, {} tiles, {} bytes\n",
        sources.places.len(),
        header.tiles.len(),
        bytes.len()
    ));
    Ok(Converted { bytes, summary })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basemap::convert_clip::doubled_area;

    fn square(x0: f64, y0: f64, size: f64) -> LineString<f64> {
        LineString::from(vec![
            (x0, y0),
            (x0 + size, y0),
            (x0 + size, y0 + size),
            (x0, y0 + size),
            (x0, y0),
        ])
    }

    #[test]
    fn a_polygon_with_a_hole_is_triangulated_around_the_hole() {
        let poly = Polygon::new(
            square(1000.0, 1000.0, 3000.0),
            vec![square(2000.0, 2000.0, 1000.0)],
        );
        let area: i64 = triangles(&poly, 1.0, 1.0)
            .iter()
            .map(|[a, b, c]| doubled_area(*a, *b, *c).abs())
            .sum();
        assert_eq!(area, 2 * (3000 * 3000 - 1000 * 1000));
    }

    #[test]
    fn long_lines_are_cut_into_pieces_that_share_their_ends() {
        let points: Vec<Pt> = (0..200).map(|i| [i, 0]).collect();
        let pieces = line_pieces(&points);
        assert!(pieces.len() >= 3);
        let count: usize = pieces.iter().map(|p| p.len() / 2).sum();
        assert_eq!(count, 200 + pieces.len() - 1);
        assert!(pieces.iter().all(|p| p.len() >= 4));
    }

    #[test]
    fn a_tiny_ring_vanishes_instead_of_making_slivers() {
        let poly = Polygon::new(square(0.0, 0.0, 2.0), vec![]);
        assert!(triangles(&poly, 10.0, 100.0).is_empty());
    }

    #[test]
    fn a_river_loses_only_its_part_inside_north_east_asia() {
        // From Mongolia (110 E) east into the box (125 E) and out north (60 N).
        let line = LineString::from(vec![
            (110.0, 50.0),
            (118.0, 50.0),
            (125.0, 50.0),
            (130.0, 50.0),
            (130.0, 60.0),
            (131.0, 62.0),
        ]);
        let runs = outside_ne_asia(&line);
        let coords: Vec<Vec<(f64, f64)>> = runs
            .iter()
            .map(|r| r.0.iter().map(|c| (c.x, c.y)).collect())
            .collect();
        assert_eq!(
            coords,
            vec![
                vec![(110.0, 50.0), (118.0, 50.0), (125.0, 50.0)],
                vec![(130.0, 50.0), (130.0, 60.0), (131.0, 62.0)],
            ]
        );
    }
}
