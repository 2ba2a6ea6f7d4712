//! The places by where they are, for asking which are in view without looking at every one:
//! an R-tree over their coordinates as drawn (see [`LonWrap`]), built once per story.
//!
//! Invariants: every place of the story is in the index once, under its index in
//! `story.places`; a query returns each place inside the box once, in no set order.

use super::lon_wrap::LonWrap;
use crate::story::{LonLat, Place};
use rstar::RTree;
use rstar::primitives::GeomWithData;

type Entry = GeomWithData<[f64; 2], usize>;

/// The places of one story, by position.
pub struct PlaceIndex {
    tree: RTree<Entry>,
    /// Each place's Web Mercator position (0…1 across the world, y down), worked out once:
    /// the map then puts a place on screen with a multiply-add.
    merc: Vec<(f64, f64)>,
}

impl PlaceIndex {
    /// Index `places` where `wrap` draws them (bulk-loaded: O(n log n)).
    pub fn new(places: &[Place], wrap: LonWrap) -> Self {
        let drawn: Vec<_> = places
            .iter()
            .map(|place| wrap.point(place.position))
            .collect();
        let entries = drawn
            .iter()
            .enumerate()
            .map(|(index, point)| Entry::new([point.lon, point.lat], index))
            .collect();
        Self {
            tree: RTree::bulk_load(entries),
            merc: drawn.into_iter().map(super::view::mercator).collect(),
        }
    }

    /// The Web Mercator position (0…1 across the world, y down) of the place at `index`.
    pub fn mercator(&self, index: usize) -> Option<(f64, f64)> {
        self.merc.get(index).copied()
    }

    /// The indices of the places inside the box from `min` to `max` (edges included).
    pub fn within(&self, min: LonLat, max: LonLat) -> impl Iterator<Item = usize> + '_ {
        let envelope = rstar::AABB::from_corners([min.lon, min.lat], [max.lon, max.lat]);
        self.tree
            .locate_in_envelope(&envelope)
            .map(|entry| entry.data)
    }

    /// How many places are indexed.
    pub fn len(&self) -> usize {
        self.tree.size()
    }

    /// Whether no place is indexed.
    pub fn is_empty(&self) -> bool {
        self.tree.size() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::default_story;

    #[test]
    fn a_box_around_the_border_finds_khasan_and_tumangang_only() {
        let story = default_story().expect("bundled").story;
        let index = PlaceIndex::new(&story.places, LonWrap::default());
        assert_eq!(index.len(), story.places.len());
        // Khasan 130.6453 E 42.4281 N and Tumangang 130.6081 E 42.4214 N; the nearest other
        // place, Vladivostok, is more than a degree away.
        let mut found: Vec<&str> = index
            .within(LonLat::new(130.5, 42.3), LonLat::new(130.7, 42.5))
            .map(|i| story.places[i].name.as_str())
            .collect();
        found.sort_unstable();
        assert_eq!(found, ["Khasan", "Tumangang"]);
        assert_eq!(
            index
                .within(LonLat::new(0.0, 0.0), LonLat::new(1.0, 1.0))
                .count(),
            0
        );
    }
}
