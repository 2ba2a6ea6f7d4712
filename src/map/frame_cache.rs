//! What the map works out from the story and the view, kept while neither changes: where the
//! markers and clusters go, and the route's runs on screen. A frame on a still map (the
//! reader hovers the side panel, types a speed) then costs the painting only, however many
//! places the story has.
//!
//! Invariants: an entry is used only for the story it was made for (the session's
//! generation) and the exact same view (clip rectangle, zoom, and where the map's origin
//! lands on screen), and the markers only for the same selection; anything else makes it
//! anew.

use super::markers::MarkerLayout;
use super::route_paint::{ScreenRun, ScreenRuns};
use egui::{Pos2, Rect};
use walkers::Projector;

/// The story and the view a cached entry was made for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewKey {
    generation: u64,
    clip: Rect,
    zoom: f64,
    /// Where longitude 0, latitude 0 lands: moves with every pan.
    origin: Pos2,
}

impl ViewKey {
    /// The key of `generation`'s story seen through `projector` in `clip`.
    pub fn new(generation: u64, projector: &Projector, clip: Rect) -> Self {
        Self {
            generation,
            clip,
            zoom: projector.zoom(),
            origin: projector.project(walkers::lon_lat(0.0, 0.0)).to_pos2(),
        }
    }
}

/// Kept across frames by the map's layers.
#[derive(Default)]
pub struct FrameCache {
    markers: Option<(ViewKey, Option<usize>, MarkerLayout)>,
    route: Option<(ViewKey, bool, ScreenRuns)>,
}

impl FrameCache {
    /// Make the markers' layout for `key` with `selected` with `make`, unless it is kept.
    pub fn update_markers(
        &mut self,
        key: ViewKey,
        selected: Option<usize>,
        make: impl FnOnce() -> MarkerLayout,
    ) {
        if !matches!(&self.markers, Some((kept, kept_selected, _)) if *kept == key && *kept_selected == selected)
        {
            self.markers = Some((key, selected, make()));
        }
    }

    /// Make the route's runs on screen for `key` in the `dark` theme with `make`, unless
    /// they are kept.
    pub fn update_route(&mut self, key: ViewKey, dark: bool, make: impl FnOnce() -> ScreenRuns) {
        if !matches!(&self.route, Some((kept, kept_dark, _)) if *kept == key && *kept_dark == dark)
        {
            self.route = Some((key, dark, make()));
        }
    }

    /// The markers' layout last made (empty before the first frame).
    pub fn markers(&self) -> &MarkerLayout {
        static NONE: MarkerLayout = MarkerLayout::EMPTY;
        self.markers.as_ref().map_or(&NONE, |(_, _, layout)| layout)
    }

    /// The route's runs on screen last made (none before the first frame).
    pub fn route(&self) -> &[ScreenRun] {
        self.route.as_ref().map_or(&[], |(_, _, runs)| runs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(generation: u64, origin_x: f32) -> ViewKey {
        ViewKey {
            generation,
            clip: Rect::from_min_size(Pos2::ZERO, egui::vec2(800.0, 600.0)),
            zoom: 5.0,
            origin: Pos2::new(origin_x, 0.0),
        }
    }

    #[test]
    fn a_still_map_is_worked_out_once_and_anything_that_moves_it_works_it_out_again() {
        let mut cache = FrameCache::default();
        let mut made = 0;
        let mut layout = |cache: &mut FrameCache, key: ViewKey, selected: Option<usize>| {
            cache.update_markers(key, selected, || {
                made += 1;
                MarkerLayout::default()
            });
        };
        layout(&mut cache, key(1, 0.0), None);
        layout(&mut cache, key(1, 0.0), None);
        layout(&mut cache, key(1, 0.0), None);
        // Three frames of a still map: one layout.
        // Then a pan, a selection and another story: one each.
        layout(&mut cache, key(1, 1.0), None);
        layout(&mut cache, key(1, 1.0), Some(3));
        layout(&mut cache, key(2, 1.0), Some(3));
        assert_eq!(made, 4);

        let mut drawn = 0;
        for (generation, dark) in [(1, false), (1, false), (1, true), (2, true)] {
            cache.update_route(key(generation, 0.0), dark, || {
                drawn += 1;
                Vec::new()
            });
        }
        // The same view twice, then another theme and another story.
        assert_eq!(drawn, 3);
    }
}
