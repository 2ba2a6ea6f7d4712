//! Grouping crowded markers: stops whose markers would cover each other on screen become one
//! counted cluster, so that no marker is drawn hidden under another.
//!
//! Invariants: every input point is in exactly one group; a group's members all lie within
//! the distance given of its first member (its seed; see [`cluster_distance`]), so that zooming in (which spreads
//! them) splits it; points are taken in the order given, so the same points in the same order
//! group the same way wherever the view is panned. The work is linear in the points: a grid
//! of cells as wide as the distance finds the seeds near each point.

use egui::Pos2;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast hash for grid cells (a multiply and a rotate per number, as rustc's own FxHash):
/// the default hasher, built against untrusted keys, was a sixth of a panning frame with
/// 100,000 places. Cells are screen positions, not input an attacker chooses.
#[derive(Clone, Copy, Default)]
pub struct CellHasher(u64);

impl Hasher for CellHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.write_u64(u64::from(*byte));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n.cast_unsigned());
    }
}

/// A map from grid cells, hashed fast.
pub type Cells<V> = HashMap<(i64, i64), V, BuildHasherDefault<CellHasher>>;

/// One group: a marker of its own (one member) or a cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// Where the group is drawn: the mean of its members.
    pub center: Pos2,
    /// The members' indices (what the caller passed with each point), in the order given.
    pub members: Vec<usize>,
}

/// How close (screen points) two stops' centres may come before they are grouped: a stop's
/// marker radius, so that grouped markers are ones whose centres would be hidden under each
/// other. Markers that only touch stay apart, each answering clicks near its own centre.
pub fn cluster_distance(marker_radius: f32) -> f32 {
    marker_radius
}

/// The cell of a grid of `size`-point squares that `p` falls in. Screen positions are
/// bounded; a non-finite one saturates to a cell of its own.
pub fn grid_cell(p: Pos2, size: f32) -> (i64, i64) {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "grid cells of screen points"
    )]
    let cell = ((p.x / size).floor() as i64, (p.y / size).floor() as i64);
    cell
}

/// Group `points` (index, screen position): each point joins the first seed within
/// `distance` of it, or becomes a seed itself.
pub fn group(points: &[(usize, Pos2)], distance: f32) -> Vec<Group> {
    let distance = if distance.is_finite() && distance > 0.0 {
        distance
    } else {
        f32::MIN_POSITIVE
    };
    let cell = |p: Pos2| grid_cell(p, distance);
    let mut seeds_by_cell: Cells<Vec<usize>> = Cells::default();
    // (seed position, members, sum of member positions)
    let mut groups: Vec<(Pos2, Vec<usize>, egui::Vec2)> = Vec::new();
    for &(index, position) in points {
        let (cx, cy) = cell(position);
        // The earliest seed within reach, wherever the grid's cell edges fall.
        let mut joined: Option<usize> = None;
        for dx in -1..=1 {
            for dy in -1..=1 {
                for &seed in seeds_by_cell
                    .get(&(cx.saturating_add(dx), cy.saturating_add(dy)))
                    .into_iter()
                    .flatten()
                {
                    if groups[seed].0.distance_sq(position) < distance * distance
                        && joined.is_none_or(|earliest| seed < earliest)
                    {
                        joined = Some(seed);
                    }
                }
            }
        }
        match joined {
            Some(seed) => {
                let group = &mut groups[seed];
                group.1.push(index);
                group.2 += position.to_vec2();
            }
            None => {
                seeds_by_cell
                    .entry((cx, cy))
                    .or_default()
                    .push(groups.len());
                groups.push((position, vec![index], position.to_vec2()));
            }
        }
    }
    groups
        .into_iter()
        .map(|(_, members, sum)| {
            #[expect(clippy::cast_precision_loss, reason = "a count of markers on screen")]
            let count = members.len() as f32;
            Group {
                center: (sum / count).to_pos2(),
                members,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    #[test]
    fn markers_apart_stay_alone_and_overlapping_ones_are_counted_together() {
        // Stops of radius 5.5: (4, 0) lies under the marker at (0, 0); (9, 0) only touches
        // it (its centre is clear); (40, 0) is clear of all.
        let points = [
            (0, pos2(0.0, 0.0)),
            (1, pos2(4.0, 0.0)),
            (2, pos2(40.0, 0.0)),
            (3, pos2(9.0, 0.0)),
        ];
        let groups = group(&points, cluster_distance(5.5));
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[0].members, [0, 1]);
        assert_eq!(groups[0].center, pos2(2.0, 0.0));
        assert_eq!(groups[1].members, [2]);
        assert_eq!(groups[2].members, [3]);
    }

    #[test]
    fn every_point_is_in_exactly_one_group() {
        // A line of 10,000 stops 0.1 point apart, as a long story looks at the overview.
        let points: Vec<(usize, Pos2)> = (0..10_000_u16)
            .map(|i| (usize::from(i), pos2(f32::from(i) * 0.1, 100.0)))
            .collect();
        let groups = group(&points, 11.0);
        let mut seen: Vec<usize> = groups.iter().flat_map(|g| g.members.clone()).collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..10_000).collect::<Vec<_>>());
        // Seeds every 11 points along 999.9 points of line: 91 groups (⌈999.9 / 11⌉).
        assert_eq!(groups.len(), 91);
    }

    #[test]
    fn panning_does_not_change_the_groups() {
        let points: Vec<(usize, Pos2)> = (0..300_u16)
            .map(|i| {
                let i_f = f32::from(i);
                (usize::from(i), pos2(i_f * 1.7 % 97.0, i_f * 2.3 % 61.0))
            })
            .collect();
        let moved: Vec<(usize, Pos2)> = points
            .iter()
            .map(|(i, p)| (*i, *p + egui::vec2(123.4, -56.7)))
            .collect();
        let members = |groups: Vec<Group>| -> Vec<Vec<usize>> {
            groups.into_iter().map(|g| g.members).collect()
        };
        assert_eq!(members(group(&points, 11.0)), members(group(&moved, 11.0)));
    }

    #[test]
    fn odd_positions_and_distances_do_not_panic() {
        let points = [
            (0, pos2(f32::NAN, 0.0)),
            (1, pos2(f32::INFINITY, f32::NEG_INFINITY)),
            (2, pos2(1e30, -1e30)),
        ];
        for distance in [0.0, -1.0, f32::NAN, f32::INFINITY, 11.0] {
            let groups = group(&points, distance);
            assert_eq!(groups.iter().map(|g| g.members.len()).sum::<usize>(), 3);
        }
    }
}
