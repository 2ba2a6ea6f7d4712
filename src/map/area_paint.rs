//! Painting the story's areas (regions, zones): a light translucent fill, holes left open, and
//! an outline, in colours that read on both the light and the dark basemap.
//!
//! Invariants: polygons are triangulated once, in longitude/latitude, by [`AreaMeshes::new`]
//! (with `geo`'s ear cutting, holes included); a frame only projects the vertices of the areas
//! whose bounding box is on screen. The fill and the outline join the same projected vertices
//! with straight screen lines, so they always agree.

use crate::story::{Area, LonLat};
use egui::{Color32, Mesh, Painter, Pos2, Rect, Shape, Stroke};
use geo::{Coord, LineString, Polygon, TriangulateEarcut as _};
use walkers::Projector;

/// Width of an area's outline.
const OUTLINE_WIDTH_PX: f32 = 1.5;

/// The fill of an area: light and translucent, so the basemap and route show through.
pub fn area_fill_colour(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(190, 150, 255, 40)
    } else {
        Color32::from_rgba_unmultiplied(120, 60, 170, 36)
    }
}

/// The outline of an area: the fill's hue, opaque; distinct from the route's red, blue and
/// orange and the detour's yellow.
pub fn area_outline_colour(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(190, 150, 255)
    } else {
        Color32::from_rgb(120, 60, 170)
    }
}

/// One polygon, triangulated.
#[derive(Clone, Debug, Default)]
struct PolygonMesh {
    /// The vertices of every ring, without the closing repeat.
    vertices: Vec<LonLat>,
    /// Triangles as indices into `vertices`, three by three.
    triangles: Vec<u32>,
    /// The rings (outer first), each as indices into `vertices`, for the outline.
    rings: Vec<std::ops::Range<usize>>,
}

/// An area, triangulated, with its bounding box.
#[derive(Clone, Debug)]
struct AreaMesh {
    polygons: Vec<PolygonMesh>,
    /// South-west and north-east corners of the outer rings' bounding box.
    bounds: (LonLat, LonLat),
}

/// The story's areas, triangulated once in longitude/latitude; build it when the story loads
/// and paint it every frame.
#[derive(Clone, Debug, Default)]
pub struct AreaMeshes {
    areas: Vec<AreaMesh>,
}

impl AreaMeshes {
    /// Triangulate `areas` (holes left open). An area without positions is skipped; a
    /// degenerate polygon (no surface) gets an outline and no fill.
    pub fn new(areas: &[Area]) -> Self {
        let areas = areas
            .iter()
            .filter_map(|area| {
                Some(AreaMesh {
                    bounds: bounds(area.outer_points())?,
                    polygons: area
                        .polygons
                        .iter()
                        .map(|rings| triangulate(rings))
                        .collect(),
                })
            })
            .collect();
        Self { areas }
    }

    /// No area to paint.
    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }

    /// Paint the areas: fills first, then outlines.
    pub fn paint(&self, painter: &Painter, projector: &Projector, dark: bool) {
        painter.extend(self.shapes(projector, painter.clip_rect(), dark));
    }

    /// The shapes of the areas whose bounding box meets `clip`.
    pub fn shapes(&self, projector: &Projector, clip: Rect, dark: bool) -> Vec<Shape> {
        let project = |point: LonLat| {
            projector
                .project(walkers::lon_lat(point.lon, point.lat))
                .to_pos2()
        };
        let fill = area_fill_colour(dark);
        let outline = Stroke::new(OUTLINE_WIDTH_PX, area_outline_colour(dark));
        let mut fills = Vec::new();
        let mut outlines = Vec::new();
        for area in &self.areas {
            let (south_west, north_east) = area.bounds;
            let on_screen = Rect::from_two_pos(project(south_west), project(north_east));
            if !on_screen.intersects(clip) {
                continue;
            }
            for polygon in &area.polygons {
                let screen: Vec<Pos2> = polygon.vertices.iter().map(|p| project(*p)).collect();
                if !polygon.triangles.is_empty() {
                    let mut mesh = Mesh::default();
                    for pos in &screen {
                        mesh.colored_vertex(*pos, fill);
                    }
                    mesh.indices.clone_from(&polygon.triangles);
                    fills.push(Shape::mesh(mesh));
                }
                for ring in &polygon.rings {
                    if let Some(points) = screen.get(ring.clone()) {
                        outlines.push(Shape::closed_line(points.to_vec(), outline));
                    }
                }
            }
        }
        fills.extend(outlines);
        fills
    }
}

/// The bounding box of `points`, or `None` if there are none.
fn bounds(points: impl Iterator<Item = LonLat>) -> Option<(LonLat, LonLat)> {
    points.fold(None, |bounds, point| {
        let (low, high) = bounds.unwrap_or((point, point));
        Some((
            LonLat::new(low.lon.min(point.lon), low.lat.min(point.lat)),
            LonLat::new(high.lon.max(point.lon), high.lat.max(point.lat)),
        ))
    })
}

/// Triangulate one polygon (outer ring, then holes) with ear cutting. A polygon breaking
/// [`Area`]'s promise (a ring open or of fewer than four positions) is not painted.
fn triangulate(rings: &[Vec<LonLat>]) -> PolygonMesh {
    let line = |ring: &Vec<LonLat>| {
        LineString::new(
            ring.iter()
                .map(|point| Coord {
                    x: point.lon,
                    y: point.lat,
                })
                .collect(),
        )
    };
    // `Area` promises closed rings of at least four positions; the ear cutter relies on it.
    let valid = |ring: &Vec<LonLat>| ring.len() >= 4 && ring.first() == ring.last();
    let Some((outer, holes)) = rings.split_first() else {
        return PolygonMesh::default();
    };
    if !rings.iter().all(valid) {
        return PolygonMesh::default();
    }
    let polygon = Polygon::new(line(outer), holes.iter().map(line).collect());
    let raw = polygon.earcut_triangles_raw();
    // The ear cutter's vertices are the rings' positions without their closing repeats, in
    // ring order: the rings' ranges follow from their lengths.
    let mut rings_ranges = Vec::with_capacity(rings.len());
    let mut start = 0;
    for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
        let count = ring.0.len().saturating_sub(1);
        rings_ranges.push(start..start + count);
        start += count;
    }
    let vertices: Vec<LonLat> = raw
        .vertices
        .iter()
        .map(|[lon, lat]| LonLat::new(*lon, *lat))
        .collect();
    let triangles = raw
        .triangle_indices
        .iter()
        .map(|index| u32::try_from(*index))
        .collect::<Result<Vec<u32>, _>>()
        .unwrap_or_default();
    if rings_ranges.last().map(|range| range.end) != Some(vertices.len()) {
        // Not the layout described above: fill without outline rather than a wrong outline.
        rings_ranges.clear();
    }
    PolygonMesh {
        vertices,
        triangles,
        rings: rings_ranges,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Pos2, vec2};
    use walkers::{MapMemory, MercatorProjection, lon_lat};

    fn ring(corners: &[[f64; 2]]) -> Vec<LonLat> {
        corners
            .iter()
            .map(|[lon, lat]| LonLat::new(*lon, *lat))
            .collect()
    }

    /// A 4 × 4 degree square with a 1 × 1 square hole: 16 − 1 = 15 square degrees.
    fn square_with_hole() -> Area {
        Area {
            name: Some("Square".to_owned()),
            polygons: vec![vec![
                ring(&[[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0], [0.0, 0.0]]),
                ring(&[[1.0, 1.0], [1.0, 2.0], [2.0, 2.0], [2.0, 1.0], [1.0, 1.0]]),
            ]],
            feature: 0,
        }
    }

    fn triangle_area_sum(mesh: &PolygonMesh) -> f64 {
        mesh.triangles
            .chunks_exact(3)
            .map(|triangle| {
                let [a, b, c] = [0, 1, 2].map(|i| mesh.vertices[triangle[i] as usize]);
                ((b.lon - a.lon) * (c.lat - a.lat) - (c.lon - a.lon) * (b.lat - a.lat)).abs() / 2.0
            })
            .sum()
    }

    #[test]
    fn a_square_with_a_square_hole_is_filled_around_the_hole() {
        let meshes = AreaMeshes::new(&[square_with_hole()]);
        let polygon = &meshes.areas[0].polygons[0];
        let sum = triangle_area_sum(polygon);
        assert!((sum - 15.0).abs() < 1e-9, "{sum}");
        // No triangle covers the hole's centre (1.5, 1.5).
        assert!(polygon.triangles.chunks_exact(3).all(|triangle| {
            let [a, b, c] = [0, 1, 2].map(|i| polygon.vertices[triangle[i] as usize]);
            let p = LonLat::new(1.5, 1.5);
            let side = |u: LonLat, v: LonLat| {
                (v.lon - u.lon) * (p.lat - u.lat) - (p.lon - u.lon) * (v.lat - u.lat)
            };
            let (d1, d2, d3) = (side(a, b), side(b, c), side(c, a));
            let inside = (d1 > 0.0 && d2 > 0.0 && d3 > 0.0) || (d1 < 0.0 && d2 < 0.0 && d3 < 0.0);
            !inside
        }));
        // Two rings of four corners each, outlined.
        assert_eq!(polygon.rings, [0..4, 4..8]);
        assert_eq!(
            meshes.areas[0].bounds,
            (LonLat::new(0.0, 0.0), LonLat::new(4.0, 4.0))
        );
    }

    #[test]
    fn only_areas_on_screen_are_painted() {
        let screen = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        let meshes = AreaMeshes::new(&[square_with_hole()]);
        let shapes_seen_from = |lon: f64, lat: f64| {
            let mut memory = MapMemory::default();
            memory.center_at(lon_lat(lon, lat));
            memory.set_zoom(6.0).unwrap();
            let projector = Projector::new(screen, &MercatorProjection, &memory, lon_lat(lon, lat));
            meshes.shapes(&projector, screen, false)
        };
        // Centred on the square: one fill and two outlines (outer ring and hole).
        let shapes = shapes_seen_from(2.0, 2.0);
        assert_eq!(shapes.len(), 3);
        assert!(matches!(shapes[0], Shape::Mesh(_)));
        // Far away (the other side of the world): nothing.
        assert!(shapes_seen_from(120.0, 40.0).is_empty());
    }

    #[test]
    fn an_area_without_surface_is_outlined_not_filled() {
        let flat = Area {
            name: None,
            polygons: vec![vec![ring(&[
                [0.0, 0.0],
                [1.0, 0.0],
                [2.0, 0.0],
                [0.0, 0.0],
            ])]],
            feature: 0,
        };
        let meshes = AreaMeshes::new(&[flat]);
        assert!(triangle_area_sum(&meshes.areas[0].polygons[0]).abs() < 1e-12);
        assert!(AreaMeshes::new(&[]).is_empty());
    }
}
