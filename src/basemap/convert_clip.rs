//! Cutting converted geometry into the tiles of one level of detail (converter only).
//!
//! Triangles are clipped to each tile square they cross (Sutherland–Hodgman against the
//! square's four sides, then a fan), lines are split where they cross a tile's grid, so that
//! everything stored in a tile lies inside it and a view needs only the tiles it meets.
//!
//! Invariants: coordinates are quantised integers (2^24 a world width); a point computed on a
//! tile's grid depends only on the edge it lies on, never on the order its ends are visited
//! in, so the triangles of two neighbouring tiles meet without cracks; no zero-area triangle
//! is emitted.

use std::collections::{BTreeMap, HashMap};

/// A quantised point.
pub(crate) type Pt = [i64; 2];

/// Tile column and row in a grid of squares of `size` units.
pub(crate) fn tile_of(p: [f64; 2], size: i64, grid: i64) -> (i64, i64) {
    let clamp = |v: f64| ((v / size as f64).floor() as i64).clamp(0, grid - 1);
    (clamp(p[0]), clamp(p[1]))
}

/// Twice the signed area of a triangle, exact on integers.
pub(crate) fn doubled_area(a: Pt, b: Pt, c: Pt) -> i64 {
    (b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])
}

/// The point where the edge a–b meets `axis` = `value`, the same whichever end comes first.
fn on_side(a: Pt, b: Pt, axis: usize, value: i64) -> Pt {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    let other = 1 - axis;
    let t = (value - a[axis]) as f64 / (b[axis] - a[axis]) as f64;
    let mut p = [0; 2];
    p[axis] = value;
    p[other] = (a[other] as f64 + t * (b[other] - a[other]) as f64).round() as i64;
    p
}

/// Clip a convex polygon to the half-plane `axis` ≥ `value` (`keep_above`) or ≤ `value`.
fn clip_half(poly: &[Pt], axis: usize, value: i64, keep_above: bool) -> Vec<Pt> {
    let inside = |p: &Pt| {
        if keep_above {
            p[axis] >= value
        } else {
            p[axis] <= value
        }
    };
    let mut out = Vec::with_capacity(poly.len() + 2);
    for (i, &cur) in poly.iter().enumerate() {
        let prev = poly[(i + poly.len() - 1) % poly.len()];
        match (inside(&prev), inside(&cur)) {
            (true, true) => out.push(cur),
            (true, false) => out.push(on_side(prev, cur, axis, value)),
            (false, true) => {
                out.push(on_side(prev, cur, axis, value));
                out.push(cur);
            }
            (false, false) => {}
        }
    }
    out.dedup();
    if out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

/// A mesh being built for one tile: vertices shared by position.
#[derive(Debug, Default)]
pub(crate) struct MeshBuilder {
    pub vertices: Vec<Pt>,
    index_of: HashMap<Pt, u32>,
    pub indices: Vec<u32>,
}

impl MeshBuilder {
    fn vertex(&mut self, p: Pt) -> u32 {
        let next = self.vertices.len() as u32;
        *self.index_of.entry(p).or_insert_with(|| {
            self.vertices.push(p);
            next
        })
    }

    /// Add a triangle unless it has no area.
    pub fn triangle(&mut self, a: Pt, b: Pt, c: Pt) {
        if doubled_area(a, b, c) == 0 {
            return;
        }
        for p in [a, b, c] {
            let i = self.vertex(p);
            self.indices.push(i);
        }
    }
}

/// The meshes of one layer, per tile.
pub(crate) type TileMeshes = BTreeMap<(i64, i64), MeshBuilder>;

/// Add a triangle to the tiles it crosses (grid of `grid` × `grid` squares of `size` units).
pub(crate) fn add_triangle(meshes: &mut TileMeshes, tri: [Pt; 3], size: i64, grid: i64) {
    let min = |axis: usize| tri.iter().map(|p| p[axis]).min().unwrap_or(0);
    let max = |axis: usize| tri.iter().map(|p| p[axis]).max().unwrap_or(0);
    let (x0, y0) = tile_of([min(0) as f64, min(1) as f64], size, grid);
    // A point on a tile's far grid belongs to the tile before it.
    let (x1, y1) = tile_of([(max(0) - 1) as f64, (max(1) - 1) as f64], size, grid);
    let (x1, y1) = (x1.max(x0), y1.max(y0));
    if x0 == x1 && y0 == y1 {
        let [a, b, c] = tri;
        meshes.entry((x0, y0)).or_default().triangle(a, b, c);
        return;
    }
    for ty in y0..=y1 {
        let row = clip_half(
            &clip_half(&tri, 1, ty * size, true),
            1,
            (ty + 1) * size,
            false,
        );
        if row.len() < 3 {
            continue;
        }
        for tx in x0..=x1 {
            let cell = clip_half(
                &clip_half(&row, 0, tx * size, true),
                0,
                (tx + 1) * size,
                false,
            );
            if cell.len() < 3 {
                continue;
            }
            let mesh = meshes.entry((tx, ty)).or_default();
            for k in 1..cell.len() - 1 {
                mesh.triangle(cell[0], cell[k], cell[k + 1]);
            }
        }
    }
}

/// Split a line where it crosses a tile's grid and hand out each tile's runs of points.
pub(crate) fn split_line(points: &[Pt], size: i64, grid: i64) -> Vec<((i64, i64), Vec<Pt>)> {
    let mut runs: Vec<((i64, i64), Vec<Pt>)> = Vec::new();
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        // Where the segment crosses a grid line, as fractions of its length.
        let mut cuts: Vec<f64> = Vec::new();
        for axis in 0..2 {
            let (lo, hi) = (a[axis].min(b[axis]), a[axis].max(b[axis]));
            let mut k = lo.div_euclid(size) + 1;
            while k * size < hi {
                cuts.push((k * size - a[axis]) as f64 / (b[axis] - a[axis]) as f64);
                k += 1;
            }
        }
        cuts.sort_by(f64::total_cmp);
        let at = |t: f64| -> Pt {
            [
                (a[0] as f64 + t * (b[0] - a[0]) as f64).round() as i64,
                (a[1] as f64 + t * (b[1] - a[1]) as f64).round() as i64,
            ]
        };
        let mut from = a;
        let stops = cuts.into_iter().map(at).chain(std::iter::once(b));
        for to in stops {
            if to == from {
                continue;
            }
            let mid = [
                (from[0] + to[0]) as f64 / 2.0,
                (from[1] + to[1]) as f64 / 2.0,
            ];
            let tile = tile_of(mid, size, grid);
            match runs.last_mut() {
                Some((t, run)) if *t == tile && run.last() == Some(&from) => run.push(to),
                _ => runs.push((tile, vec![from, to])),
            }
            from = to;
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area_of(meshes: &TileMeshes) -> i64 {
        meshes
            .values()
            .flat_map(|m| {
                m.indices.chunks_exact(3).map(|t| {
                    doubled_area(
                        m.vertices[t[0] as usize],
                        m.vertices[t[1] as usize],
                        m.vertices[t[2] as usize],
                    )
                    .abs()
                })
            })
            .sum()
    }

    #[test]
    fn a_triangle_over_four_tiles_is_cut_into_four_with_the_same_area() {
        let mut meshes = TileMeshes::new();
        // Right triangle with legs of 20 from (0, 0), tiles of 10: its area is 200.
        add_triangle(&mut meshes, [[0, 0], [20, 0], [0, 20]], 10, 4);
        assert_eq!(area_of(&meshes), 2 * 200);
        // It covers tiles (0,0), (1,0), (0,1) and touches (1,1) only at a point.
        let tiles: Vec<(i64, i64)> = meshes.keys().copied().collect();
        assert_eq!(tiles, vec![(0, 0), (0, 1), (1, 0)]);
        for (&(tx, ty), mesh) in &meshes {
            for p in &mesh.vertices {
                assert!(
                    (tx * 10..=tx * 10 + 10).contains(&p[0]),
                    "{p:?} in {tx},{ty}"
                );
                assert!(
                    (ty * 10..=ty * 10 + 10).contains(&p[1]),
                    "{p:?} in {tx},{ty}"
                );
            }
        }
    }

    #[test]
    fn a_line_across_three_tiles_is_split_at_their_sides() {
        let runs = split_line(&[[5, 5], [25, 5]], 10, 4);
        let tiles: Vec<(i64, i64)> = runs.iter().map(|(t, _)| *t).collect();
        assert_eq!(tiles, vec![(0, 0), (1, 0), (2, 0)]);
        assert_eq!(runs[0].1, vec![[5, 5], [10, 5]]);
        assert_eq!(runs[1].1, vec![[10, 5], [20, 5]]);
        assert_eq!(runs[2].1, vec![[20, 5], [25, 5]]);
    }
}
