//! Which tiles a view needs: the tiles of one level of detail that meet a rectangle of
//! normalised Web Mercator, for every copy of the world the rectangle spans.
//!
//! Web Mercator wraps in x: a view centred on the antimeridian spans x < 0 or x > 1, and sees
//! the tiles at the world's other edge as a copy shifted by a whole world width. Each tile
//! comes with that shift (`copy`, in world widths), so the painter draws it where the view
//! sees it. Invariants: no (tile, copy) pair twice; only tiles the index holds; at most
//! [`MAX_COPIES`] copies of the world (a view wider than that is nonsense).

use super::asset::{MercRect, TileId, TileIndex};

/// The most copies of the world a view is drawn with.
pub(crate) const MAX_COPIES: i64 = 4;

/// A tile and the copy of the world it is seen in (0 the world itself, −1 the one west…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Placed {
    pub id: TileId,
    pub copy: i64,
}

/// The square a tile covers in normalised Mercator (in the world itself, copy 0).
pub(crate) fn tile_rect(index: &TileIndex, id: TileId) -> MercRect {
    let zoom = index
        .lods
        .get(usize::from(id.lod))
        .map_or(0, |l| l.tile_zoom);
    let size = 1.0 / f64::from(1_u32 << zoom);
    MercRect {
        min: [f64::from(id.x) * size, f64::from(id.y) * size],
        max: [f64::from(id.x + 1) * size, f64::from(id.y + 1) * size],
    }
}

/// Tile ids of level `lod` (grid of 2^`tile_zoom`) meeting `view`, with their copy; whether
/// the index holds them is not checked.
pub(crate) fn grid_tiles(lod: u8, tile_zoom: u8, view: &MercRect) -> Vec<Placed> {
    let side = 1_i64 << tile_zoom;
    let finite = view.min.iter().chain(&view.max).all(|v| v.is_finite());
    if !finite || view.max[0] < view.min[0] || view.max[1] < view.min[1] {
        return Vec::new();
    }
    let first_copy = view.min[0].floor() as i64;
    let last_copy = (view.max[0].floor() as i64).min(first_copy + MAX_COPIES - 1);
    let cell = |v: f64| ((v * side as f64).floor() as i64).clamp(0, side - 1);
    let (y0, y1) = (cell(view.min[1]), cell(view.max[1]));
    let mut out = Vec::new();
    for copy in first_copy..=last_copy {
        let lo = (view.min[0] - copy as f64).max(0.0);
        let hi = (view.max[0] - copy as f64).min(1.0);
        if hi < lo {
            continue;
        }
        for y in y0..=y1 {
            for x in cell(lo)..=cell(hi) {
                out.push(Placed {
                    id: TileId {
                        lod,
                        x: x as u32,
                        y: y as u32,
                    },
                    copy,
                });
            }
        }
    }
    out
}

/// The tiles of level `lod` the index holds that meet `view`.
pub(crate) fn tiles_for_view(index: &TileIndex, lod: usize, view: &MercRect) -> Vec<Placed> {
    let Some(info) = index.lods.get(lod) else {
        return Vec::new();
    };
    grid_tiles(lod as u8, info.tile_zoom, view)
        .into_iter()
        .filter(|p| index.has(p.id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(placed: &[Placed]) -> Vec<(u32, u32, i64)> {
        placed.iter().map(|p| (p.id.x, p.id.y, p.copy)).collect()
    }

    #[test]
    fn a_view_inside_one_tile_needs_that_tile() {
        // Zoom-3 tiles are 1/8 wide: x 0.30..0.32 is column 2, y 0.40..0.41 row 3.
        let view = MercRect {
            min: [0.30, 0.40],
            max: [0.32, 0.41],
        };
        assert_eq!(ids(&grid_tiles(2, 3, &view)), vec![(2, 3, 0)]);
    }

    #[test]
    fn a_view_over_a_tile_corner_needs_the_four_tiles_around_it() {
        // Around (0.5, 0.25) at zoom 2 (quarters): columns 1 and 2, rows 0 and 1.
        let view = MercRect {
            min: [0.45, 0.20],
            max: [0.55, 0.30],
        };
        assert_eq!(
            ids(&grid_tiles(1, 2, &view)),
            vec![(1, 0, 0), (2, 0, 0), (1, 1, 0), (2, 1, 0)]
        );
    }

    #[test]
    fn a_view_across_the_antimeridian_needs_tiles_of_both_edges() {
        // Centred on 180° (x = 1): the east edge of the world, then the west edge seen as
        // the copy one world east.
        let view = MercRect {
            min: [0.95, 0.55],
            max: [1.05, 0.60],
        };
        assert_eq!(ids(&grid_tiles(2, 3, &view)), vec![(7, 4, 0), (0, 4, 1)]);
        // The same centred on −180° (x = 0): the west edge, and the east edge as copy −1.
        let view = MercRect {
            min: [-0.05, 0.55],
            max: [0.05, 0.60],
        };
        assert_eq!(ids(&grid_tiles(2, 3, &view)), vec![(7, 4, -1), (0, 4, 0)]);
    }

    #[test]
    fn a_view_beyond_the_poles_is_clamped_and_nonsense_is_empty() {
        let view = MercRect {
            min: [0.1, -0.5],
            max: [0.2, 0.1],
        };
        assert_eq!(ids(&grid_tiles(0, 1, &view)), vec![(0, 0, 0)]);
        let nan = MercRect {
            min: [f64::NAN, 0.0],
            max: [0.2, 0.1],
        };
        assert!(grid_tiles(0, 1, &nan).is_empty());
    }
}
