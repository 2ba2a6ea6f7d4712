//! Where a new via point goes among a leg's others: where it lengthens the line least, so
//! that a point dropped near the middle of a leg bends that part of it.
//!
//! Invariant: the index returned is at most the number of via points.

use crate::geodesy::{LonLat, geodesic_distance};

/// The index among `via` (the points between `start` and `end`) at which `point` adds the
/// least length to the line.
pub fn via_index(start: LonLat, via: &[LonLat], end: LonLat, point: LonLat) -> usize {
    let corners: Vec<LonLat> = std::iter::once(start)
        .chain(via.iter().copied())
        .chain(std::iter::once(end))
        .collect();
    let metres = |a: LonLat, b: LonLat| geodesic_distance(a, b).metres();
    corners
        .windows(2)
        .enumerate()
        .map(|(index, pair)| {
            let added = metres(pair[0], point) + metres(point, pair[1]) - metres(pair[0], pair[1]);
            (index, added)
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map_or(0, |(index, _)| index)
}
