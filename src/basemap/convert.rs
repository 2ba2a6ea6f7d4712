//! Conversion of the source GeoJSON layers into the embedded basemap asset.
//!
//! Used by the `make_basemap` binary; never at run time of the app. The pipeline per layer:
//! lon/lat → normalised Web Mercator → quantised integers (2^24 per world width) → per level of
//! detail Douglas–Peucker simplification ([`geo::Simplify`]) → polygons triangulated with holes
//! ([`geo::TriangulateEarcut`]) and split into grid cells, lines cut into short pieces, so that
//! per-feature bounding boxes make culling effective → postcard.
//!
//! Invariants of the output: no zero-area triangle (checked exactly on the quantised
//! integers), no line with fewer than two distinct points, no empty ring, everything inside the
//! world square.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use geo::{Area, Coord, LineString, MultiPolygon, Polygon, Simplify, TriangulateEarcut};
use geojson::{FeatureCollection, GeoJson};

use super::BasemapError;
use super::asset::{
    AssetFile, FORMAT_VERSION, LineFile, LineKind, LodFile, MeshFile, PlaceFile, QUANT_PER_WORLD,
    delta_encode, lon_lat_to_merc,
};
use super::style::line_min_zoom;

/// One level of detail: used below `max_zoom`, simplified to half a pixel at `tolerance_zoom`,
/// polygons split into cells of 1024 px at `min_zoom`.
#[derive(Debug, Clone, Copy)]
struct LodSpec {
    min_zoom: f64,
    max_zoom: f32,
    tolerance_zoom: f64,
}

/// Zoom bands ≤4, 5–6, 7–8, 9–10, ≥11 (band tops are exclusive fractional zooms).
const LODS: [LodSpec; 5] = [
    LodSpec {
        min_zoom: 0.0,
        max_zoom: 5.0,
        tolerance_zoom: 5.0,
    },
    LodSpec {
        min_zoom: 5.0,
        max_zoom: 7.0,
        tolerance_zoom: 7.0,
    },
    LodSpec {
        min_zoom: 7.0,
        max_zoom: 9.0,
        tolerance_zoom: 9.0,
    },
    LodSpec {
        min_zoom: 9.0,
        max_zoom: 11.0,
        tolerance_zoom: 11.0,
    },
    LodSpec {
        min_zoom: 11.0,
        max_zoom: f32::INFINITY,
        tolerance_zoom: 13.0,
    },
];

/// Most points in one stored line piece (pieces overlap by one point).
const MAX_LINE_POINTS: usize = 64;

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
    extent_lon_lat: [f64; 4],
}

/// What [`convert_directory`] produced.
#[derive(Debug)]
pub struct Converted {
    /// The postcard bytes to write to `assets/basemap.bin`.
    pub bytes: Vec<u8>,
    /// A human-readable line per level of detail.
    pub summary: String,
}

fn quantise(lon: f64, lat: f64) -> Coord<f64> {
    let [x, y] = lon_lat_to_merc(lon, lat);
    Coord {
        x: (x * QUANT_PER_WORLD).round().clamp(0.0, QUANT_PER_WORLD),
        y: (y * QUANT_PER_WORLD).round().clamp(0.0, QUANT_PER_WORLD),
    }
}

fn project_line(line: &LineString<f64>, extent: &mut [f64; 4]) -> LineString<f64> {
    let mut out: Vec<Coord<f64>> = Vec::with_capacity(line.0.len());
    for c in &line.0 {
        extent[0] = extent[0].min(c.x);
        extent[1] = extent[1].min(c.y);
        extent[2] = extent[2].max(c.x);
        extent[3] = extent[3].max(c.y);
        let q = quantise(c.x, c.y);
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    LineString(out)
}

fn project_polygon(poly: &Polygon<f64>, extent: &mut [f64; 4]) -> Polygon<f64> {
    Polygon::new(
        project_line(poly.exterior(), extent),
        poly.interiors()
            .iter()
            .map(|r| project_line(r, extent))
            .collect(),
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

fn prop_f64(f: &geojson::Feature, key: &str) -> Option<f64> {
    f.properties.as_ref()?.get(key)?.as_f64()
}

fn prop_str(f: &geojson::Feature, key: &str) -> Option<String> {
    Some(f.properties.as_ref()?.get(key)?.as_str()?.to_owned())
}

impl Sources {
    /// Read the GeoJSON layers from `dir` (see `../shared/basemap/README.md` for the files).
    pub fn read_dir(dir: &Path) -> Result<Self, BasemapError> {
        let mut s = Sources::default();
        let mut ext = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        for (_, g) in geometries(&read_collection(&dir.join("land.geojson"))?) {
            for p in polygons_of(g) {
                s.land.push(project_polygon(&p, &mut ext));
            }
        }
        for (_, g) in geometries(&read_collection(&dir.join("lakes.geojson"))?) {
            for p in polygons_of(g) {
                let p = project_polygon(&p, &mut ext);
                s.lines.push((LineKind::Coast, p.exterior().clone()));
                s.lakes.push(p);
            }
        }
        let simple_layers = [
            ("coast.geojson", LineKind::Coast),
            ("borders.geojson", LineKind::Border),
            ("admin1.geojson", LineKind::Admin1),
        ];
        for (file, kind) in simple_layers {
            for (_, g) in geometries(&read_collection(&dir.join(file))?) {
                for l in lines_of(g) {
                    s.lines.push((kind, project_line(&l, &mut ext)));
                }
            }
        }
        for (f, g) in geometries(&read_collection(&dir.join("rivers.geojson"))?) {
            let level = prop_f64(f, "level").unwrap_or(4.0).clamp(0.0, 4.0) as u8;
            for l in lines_of(g) {
                s.lines
                    .push((LineKind::River(level), project_line(&l, &mut ext)));
            }
        }
        let mut seen_ids = HashSet::new();
        for (file, small_town) in [("places.geojson", false), ("towns500_kp_ru.geojson", true)] {
            for (f, g) in geometries(&read_collection(&dir.join(file))?) {
                let geo::Geometry::Point(p) = g else { continue };
                if let Some(id) = prop_f64(f, "geonameid")
                    && !seen_ids.insert(id as i64)
                {
                    continue;
                }
                let Some(name) = prop_str(f, "name") else {
                    continue;
                };
                let q = quantise(p.x(), p.y());
                s.places.push(PlaceFile {
                    name,
                    country: prop_str(f, "country").unwrap_or_default(),
                    population: prop_f64(f, "population")
                        .unwrap_or(0.0)
                        .clamp(0.0, f64::from(u32::MAX)) as u32,
                    x: q.x as u32,
                    y: q.y as u32,
                    small_town,
                });
            }
        }
        // Biggest first: label placement and culling like that order.
        s.places
            .sort_by_key(|place| std::cmp::Reverse(place.population));
        if !ext.iter().all(|v| v.is_finite()) {
            return Err(BasemapError::Source("no coordinates in the input".into()));
        }
        s.extent_lon_lat = [ext[0].floor(), ext[1].floor(), ext[2].ceil(), ext[3].ceil()];
        Ok(s)
    }

    /// Build the asset (all levels of detail).
    pub(crate) fn build(&self) -> AssetFile {
        let lods = LODS.iter().map(|spec| self.build_lod(spec)).collect();
        AssetFile {
            version: FORMAT_VERSION,
            extent_lon_lat: self.extent_lon_lat,
            lods,
            places: self.places.clone(),
        }
    }

    fn build_lod(&self, spec: &LodSpec) -> LodFile {
        let tolerance = 0.5 * units_per_px(spec.tolerance_zoom);
        let cell = 1024.0 * units_per_px(spec.min_zoom);
        let min_ring_area = tolerance * tolerance * 4.0;
        let meshes = |polys: &[Polygon<f64>]| {
            polys
                .iter()
                .flat_map(|p| polygon_meshes(p, tolerance, min_ring_area, cell))
                .collect()
        };
        let lines = self
            .lines
            .iter()
            .filter(|(kind, _)| line_min_zoom(*kind) < f64::from(spec.max_zoom))
            .flat_map(|(kind, line)| {
                line_pieces(&line.simplify(tolerance))
                    .into_iter()
                    .map(|coords| LineFile {
                        kind: *kind,
                        coords,
                    })
            })
            .collect();
        LodFile {
            max_zoom: spec.max_zoom,
            land: meshes(&self.land),
            lakes: meshes(&self.lakes),
            lines,
        }
    }
}

fn as_ints(line: &LineString<f64>) -> Vec<[i64; 2]> {
    let mut out: Vec<[i64; 2]> = Vec::with_capacity(line.0.len());
    for c in &line.0 {
        let p = [c.x as i64, c.y as i64];
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    out
}

/// Cut a simplified line into pieces of at most [`MAX_LINE_POINTS`], sharing end points.
fn line_pieces(line: &LineString<f64>) -> Vec<Vec<i32>> {
    let points = as_ints(line);
    if points.len() < 2 {
        return Vec::new();
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    while start + 1 < points.len() {
        let end = (start + MAX_LINE_POINTS).min(points.len());
        pieces.push(delta_encode(&points[start..end]));
        start = end - 1;
    }
    pieces
}

/// Twice the signed area of a triangle, exact on integers.
fn doubled_area(a: [i64; 2], b: [i64; 2], c: [i64; 2]) -> i64 {
    (b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])
}

/// Area enclosed by a ring (a `LineString` itself has no area).
fn ring_area(ring: &LineString<f64>) -> f64 {
    Polygon::new(ring.clone(), Vec::new()).unsigned_area()
}

/// Simplify, triangulate and split one polygon into per-cell meshes.
fn polygon_meshes(poly: &Polygon<f64>, tolerance: f64, min_area: f64, cell: f64) -> Vec<MeshFile> {
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
    let verts: Vec<[i64; 2]> = raw
        .vertices
        .iter()
        .map(|v| [v[0] as i64, v[1] as i64])
        .collect();

    // cell → (vertices, index remap, indices)
    type CellMesh = (Vec<[i64; 2]>, HashMap<usize, u32>, Vec<u32>);
    let mut cells: BTreeMap<(i64, i64), CellMesh> = BTreeMap::new();
    for tri in raw.triangle_indices.chunks_exact(3) {
        let (Some(&a), Some(&b), Some(&c)) =
            (verts.get(tri[0]), verts.get(tri[1]), verts.get(tri[2]))
        else {
            continue;
        };
        if doubled_area(a, b, c) == 0 {
            continue;
        }
        let cx = (a[0] + b[0] + c[0]) as f64 / 3.0;
        let cy = (a[1] + b[1] + c[1]) as f64 / 3.0;
        let key = ((cx / cell).floor() as i64, (cy / cell).floor() as i64);
        let (cell_verts, remap, indices) = cells.entry(key).or_default();
        for &i in tri {
            let next = cell_verts.len() as u32;
            let idx = *remap.entry(i).or_insert_with(|| {
                cell_verts.push(verts[i]);
                next
            });
            indices.push(idx);
        }
    }
    cells
        .into_values()
        .map(|(v, _, indices)| MeshFile {
            coords: delta_encode(&v),
            indices,
        })
        .collect()
}

/// Read `input_dir` and produce the asset bytes.
pub fn convert_directory(input_dir: &Path) -> Result<Converted, BasemapError> {
    let sources = Sources::read_dir(input_dir)?;
    let asset = sources.build();
    let bytes = postcard::to_stdvec(&asset)?;
    let mut summary = String::new();
    for lod in &asset.lods {
        let land_v: usize = lod.land.iter().map(|m| m.coords.len() / 2).sum();
        let land_t: usize = lod.land.iter().map(|m| m.indices.len() / 3).sum();
        let line_v: usize = lod.lines.iter().map(|l| l.coords.len() / 2).sum();
        summary.push_str(&format!(
            "LOD < zoom {}: {} land meshes ({land_v} vertices, {land_t} triangles), {} lake meshes, {} line pieces ({line_v} vertices)\n",
            lod.max_zoom,
            lod.land.len(),
            lod.lakes.len(),
            lod.lines.len()
        ));
    }
    summary.push_str(&format!(
        "{} places, extent {:?}, {} bytes\n",
        asset.places.len(),
        asset.extent_lon_lat,
        bytes.len()
    ));
    Ok(Converted { bytes, summary })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let meshes = polygon_meshes(&poly, 1.0, 1.0, 1.0e9);
        assert_eq!(meshes.len(), 1);
        let mesh = &meshes[0];
        let mut acc = [0_i64; 2];
        let verts: Vec<[i64; 2]> = mesh
            .coords
            .chunks_exact(2)
            .map(|d| {
                acc = [acc[0] + i64::from(d[0]), acc[1] + i64::from(d[1])];
                acc
            })
            .collect();
        let area: i64 = mesh
            .indices
            .chunks_exact(3)
            .map(|t| {
                doubled_area(
                    verts[t[0] as usize],
                    verts[t[1] as usize],
                    verts[t[2] as usize],
                )
                .abs()
            })
            .sum();
        assert_eq!(area, 2 * (3000 * 3000 - 1000 * 1000));
    }

    #[test]
    fn long_lines_are_cut_into_pieces_that_share_their_ends() {
        let line = LineString::from((0..200).map(|i| (f64::from(i), 0.0)).collect::<Vec<_>>());
        let pieces = line_pieces(&line);
        assert!(pieces.len() >= 3);
        let points: usize = pieces.iter().map(|p| p.len() / 2).sum();
        assert_eq!(points, 200 + pieces.len() - 1);
        assert!(pieces.iter().all(|p| p.len() >= 4));
    }

    #[test]
    fn a_tiny_ring_vanishes_instead_of_making_slivers() {
        let poly = Polygon::new(square(0.0, 0.0, 2.0), vec![]);
        assert!(polygon_meshes(&poly, 10.0, 100.0, 1.0e9).is_empty());
    }
}
