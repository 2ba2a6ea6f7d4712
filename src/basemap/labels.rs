//! Label placement: a pure function from candidates to non-overlapping rectangles.
//!
//! Greedy in priority order: forced candidates (the story's own places) first, then the rest by
//! descending priority (population). Each label tries four spots around its point: right, left,
//! above, below, then the same a little farther out. Invariants of the result:
//! - no two placed labels of unforced candidates overlap, nor overlap a forced one or any
//!   placed label's marker (all padded by [`LABEL_PADDING_PX`]);
//! - every forced candidate is placed (at its first free spot inside the bounds, else its
//!   first free spot, else on its right regardless);
//! - every unforced label lies fully inside the bounds.

use egui::{Pos2, Rect, Vec2, pos2};

/// Empty space kept around each label and marker, in points.
pub const LABEL_PADDING_PX: f32 = 2.0;

/// Gap between the marker (point) and its text, in points.
const GAP_PX: f32 = 3.0;

/// A label that could be drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelCandidate {
    /// Screen position of the place (its marker).
    pub anchor: Pos2,
    /// Size of the text in points.
    pub size: Vec2,
    /// Higher is placed first.
    pub priority: f32,
    /// Always placed (story labels), even if it must overlap another forced label.
    pub forced: bool,
    /// Radius of the marker drawn at the anchor, in points.
    pub marker_radius_px: f32,
}

/// A candidate that got a spot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedLabel {
    /// Index into the candidates.
    pub index: usize,
    /// Where the text goes (without padding).
    pub rect: Rect,
}

/// Extra distance of the second ring of spots, for labels whose near spots are all taken
/// (places a few pixels apart, like a border station and the town across the bridge).
const FAR_EXTRA_PX: f32 = 14.0;

fn spots(c: &LabelCandidate) -> [Rect; 8] {
    let Vec2 { x: w, y: h } = c.size;
    let a = c.anchor;
    let ring = |r: f32| {
        [
            Rect::from_min_size(pos2(a.x + r, a.y - h / 2.0), c.size),
            Rect::from_min_size(pos2(a.x - r - w, a.y - h / 2.0), c.size),
            Rect::from_min_size(pos2(a.x - w / 2.0, a.y - r - h), c.size),
            Rect::from_min_size(pos2(a.x - w / 2.0, a.y + r), c.size),
        ]
    };
    let near = ring(c.marker_radius_px + GAP_PX);
    let far = ring(c.marker_radius_px + GAP_PX + FAR_EXTRA_PX);
    [
        near[0], near[1], near[2], near[3], far[0], far[1], far[2], far[3],
    ]
}

fn marker_rect(c: &LabelCandidate) -> Rect {
    Rect::from_center_size(c.anchor, Vec2::splat(2.0 * c.marker_radius_px))
}

/// The rectangles taken so far, bucketed in a grid so that a test looks only at its
/// neighbours: placement stays fast with hundreds of candidates.
struct Taken {
    cells: std::collections::HashMap<(i32, i32), Vec<Rect>>,
}

/// Side of a grid cell, in points: about a label's length.
const CELL_PX: f32 = 64.0;

impl Taken {
    fn new() -> Self {
        Self {
            cells: std::collections::HashMap::new(),
        }
    }

    /// The cells `rect` touches.
    fn cells_of(rect: Rect) -> impl Iterator<Item = (i32, i32)> {
        // Screen coordinates are far inside i32; NaN never gets here (anchors are finite).
        #[allow(clippy::cast_possible_truncation)]
        let cell = |v: f32| (v / CELL_PX).floor() as i32;
        let (x0, x1, y0, y1) = (
            cell(rect.min.x),
            cell(rect.max.x),
            cell(rect.min.y),
            cell(rect.max.y),
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn push(&mut self, rect: Rect) {
        for key in Self::cells_of(rect) {
            self.cells.entry(key).or_default().push(rect);
        }
    }

    fn is_free(&self, rect: Rect) -> bool {
        let padded = rect.expand(LABEL_PADDING_PX);
        Self::cells_of(padded).all(|key| {
            self.cells
                .get(&key)
                .is_none_or(|rects| !rects.iter().any(|t| t.intersects(padded)))
        })
    }
}

/// Choose which candidates get a label and where, within `bounds` (the map's rect).
pub fn place_labels(candidates: &[LabelCandidate], bounds: Rect) -> Vec<PlacedLabel> {
    let mut order: Vec<usize> = (0..candidates.len())
        .filter(|&i| candidates[i].anchor.x.is_finite() && candidates[i].anchor.y.is_finite())
        .collect();
    order.sort_by(|&a, &b| {
        let (ca, cb) = (&candidates[a], &candidates[b]);
        cb.forced
            .cmp(&ca.forced)
            .then(cb.priority.total_cmp(&ca.priority))
            .then(a.cmp(&b))
    });
    // Rects stored here are already padded once, so two padded rects never touch.
    let mut taken = Taken::new();
    let mut placed = Vec::new();
    for i in order {
        let c = &candidates[i];
        let marker = marker_rect(c);
        if !c.forced && (!bounds.contains(c.anchor) || !taken.is_free(marker)) {
            continue;
        }
        // A spot inside the map first; a forced label takes a free one cut by the edge
        // only when no spot inside is free.
        let free = spots(c)
            .into_iter()
            .find(|r| bounds.contains_rect(*r) && taken.is_free(*r))
            .or_else(|| spots(c).into_iter().find(|r| c.forced && taken.is_free(*r)));
        let rect = match (free, c.forced) {
            (Some(r), _) => r,
            (None, true) => spots(c)[0],
            (None, false) => continue,
        };
        taken.push(rect.expand(LABEL_PADDING_PX));
        taken.push(marker.expand(LABEL_PADDING_PX));
        placed.push(PlacedLabel { index: i, rect });
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::vec2;

    fn candidate(x: f32, y: f32, priority: f32, forced: bool) -> LabelCandidate {
        LabelCandidate {
            anchor: pos2(x, y),
            size: vec2(60.0, 14.0),
            priority,
            forced,
            marker_radius_px: 2.5,
        }
    }

    fn assert_no_overlap(candidates: &[LabelCandidate], placed: &[PlacedLabel]) {
        for (n, a) in placed.iter().enumerate() {
            for b in &placed[n + 1..] {
                if candidates[a.index].forced && candidates[b.index].forced {
                    continue;
                }
                assert!(!a.rect.intersects(b.rect), "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn many_colliding_candidates_never_overlap() {
        let bounds = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 300.0));
        let mut candidates = Vec::new();
        // A dense pseudo-random cloud, plenty of collisions.
        let mut seed = 12345_u32;
        for i in 0..2000 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let x = (seed >> 8) as f32 % 400.0;
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let y = (seed >> 8) as f32 % 300.0;
            candidates.push(candidate(x, y, i as f32, false));
        }
        let placed = place_labels(&candidates, bounds);
        assert!(placed.len() > 10);
        assert_no_overlap(&candidates, &placed);
        for p in &placed {
            assert!(bounds.contains_rect(p.rect));
        }
    }

    #[test]
    fn forced_labels_are_always_placed_and_win_over_big_cities() {
        let bounds = Rect::from_min_size(Pos2::ZERO, vec2(200.0, 200.0));
        let candidates = vec![
            candidate(100.0, 100.0, 1e9, false),
            candidate(101.0, 101.0, 0.0, true),
            candidate(102.0, 99.0, 0.0, true),
            candidate(198.0, 198.0, 0.0, true), // its text leaves the bounds
        ];
        let placed = place_labels(&candidates, bounds);
        let indices: Vec<usize> = placed.iter().map(|p| p.index).collect();
        assert!(indices.contains(&1) && indices.contains(&2) && indices.contains(&3));
        assert!(!indices.contains(&0));
        assert_no_overlap(&candidates, &placed);
    }

    #[test]
    fn a_story_label_at_the_edge_of_the_map_turns_inward() {
        let bounds = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 200.0));
        // Near the right edge: the text goes to the left of the marker.
        let right = place_labels(&[candidate(390.0, 100.0, 0.0, true)], bounds);
        assert!(bounds.contains_rect(right[0].rect), "{:?}", right[0].rect);
        assert!(right[0].rect.max.x <= 390.0);
        // Near the left edge, its first choice (the right) is inside already.
        let left = place_labels(&[candidate(10.0, 100.0, 0.0, true)], bounds);
        assert!(bounds.contains_rect(left[0].rect), "{:?}", left[0].rect);
    }

    #[test]
    fn a_label_moves_to_the_left_when_the_right_is_taken() {
        let bounds = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 200.0));
        let candidates = vec![
            candidate(200.0, 100.0, 2.0, false),
            candidate(190.0, 116.0, 1.0, false),
        ];
        let placed = place_labels(&candidates, bounds);
        assert_eq!(placed.len(), 2);
        assert!(placed[1].rect.max.x <= 190.0);
    }

    #[test]
    fn candidates_outside_the_bounds_or_not_finite_are_skipped() {
        let bounds = Rect::from_min_size(Pos2::ZERO, vec2(100.0, 100.0));
        let candidates = vec![
            candidate(-50.0, 50.0, 1.0, false),
            candidate(f32::NAN, 50.0, 1.0, true),
        ];
        assert!(place_labels(&candidates, bounds).is_empty());
    }
}
