//! Where the map looks: fitting a set of points into a window, and flying smoothly from one
//! view to another. Pure math on Web Mercator, testable without a window.
//!
//! Invariants: zoom levels are those of walkers (256-pixel tiles, zoom 0 = whole world);
//! a [`Flight`] is driven by the caller's clock (egui's `input.time`), never the system
//! clock, so tests can step it frame by frame.

use crate::story::LonLat;
use serde::{Deserialize, Serialize};
use std::f64::consts::PI;

/// The closest the map zooms in.
pub const MAX_ZOOM: f64 = 18.0;
/// The farthest the map zooms out.
pub const MIN_ZOOM: f64 = 2.0;

/// A view of the map: its centre and zoom.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapView {
    /// Longitude of the centre, degrees.
    pub center_lon: f64,
    /// Latitude of the centre, degrees.
    pub center_lat: f64,
    /// walkers zoom level.
    pub zoom: f64,
}

impl MapView {
    /// The centre as a point.
    pub fn center(&self) -> LonLat {
        LonLat::new(self.center_lon, self.center_lat)
    }

    /// Whether the numbers make a view (a corrupted saved view must not reach the map).
    pub fn is_valid(&self) -> bool {
        self.center_lon.is_finite()
            && self.center_lat.is_finite()
            && (-180.0..=180.0).contains(&self.center_lon)
            && (-85.0..=85.0).contains(&self.center_lat)
            && (MIN_ZOOM..=MAX_ZOOM).contains(&self.zoom)
    }
}

/// A point in normalised Web Mercator: x and y in 0…1, y growing southwards.
pub fn mercator(point: LonLat) -> (f64, f64) {
    let x = (point.lon + 180.0) / 360.0;
    let lat = point.lat.clamp(-85.051_128, 85.051_128).to_radians();
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / PI) / 2.0;
    (x, y)
}

/// The inverse of [`mercator`].
pub fn unmercator(x: f64, y: f64) -> LonLat {
    let lon = x * 360.0 - 180.0;
    let lat = (PI * (1.0 - 2.0 * y)).sinh().atan().to_degrees();
    LonLat::new(lon, lat)
}

/// Pixels across the whole world at `zoom`.
pub fn world_size_px(zoom: f64) -> f64 {
    256.0 * 2f64.powf(zoom)
}

/// Room to keep free on each side of a map, in pixels (for margins and overlays).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Insets {
    /// Left.
    pub left: f64,
    /// Top.
    pub top: f64,
    /// Right.
    pub right: f64,
    /// Bottom.
    pub bottom: f64,
}

impl Insets {
    /// The same on every side.
    pub fn uniform(px: f64) -> Self {
        Self {
            left: px,
            top: px,
            right: px,
            bottom: px,
        }
    }
}

/// The view that shows every point inside a `width_px` × `height_px` map less `insets`.
/// `None` without points or without room.
pub fn fit_view(
    points: impl IntoIterator<Item = LonLat>,
    width_px: f64,
    height_px: f64,
    insets: Insets,
) -> Option<MapView> {
    let mut bounds: Option<(f64, f64, f64, f64)> = None;
    for point in points {
        let (x, y) = mercator(point);
        bounds = Some(match bounds {
            None => (x, y, x, y),
            Some((min_x, min_y, max_x, max_y)) => {
                (min_x.min(x), min_y.min(y), max_x.max(x), max_y.max(y))
            }
        });
    }
    let (min_x, min_y, max_x, max_y) = bounds?;
    let usable_w = width_px - insets.left - insets.right;
    let usable_h = height_px - insets.top - insets.bottom;
    if usable_w <= 1.0 || usable_h <= 1.0 {
        return None;
    }
    let span_x = (max_x - min_x).max(1e-9);
    let span_y = (max_y - min_y).max(1e-9);
    let zoom_x = (usable_w / (256.0 * span_x)).log2();
    let zoom_y = (usable_h / (256.0 * span_y)).log2();
    let zoom = zoom_x.min(zoom_y).clamp(MIN_ZOOM, MAX_ZOOM);
    // Centre the points in the usable room, which is off the map's centre when the insets
    // differ.
    let world = world_size_px(zoom);
    let shift_x = (insets.right - insets.left) / 2.0 / world;
    let shift_y = (insets.bottom - insets.top) / 2.0 / world;
    let center = unmercator(
        f64::midpoint(min_x, max_x) + shift_x,
        f64::midpoint(min_y, max_y) + shift_y,
    );
    Some(MapView {
        center_lon: center.lon,
        center_lat: center.lat,
        zoom,
    })
}

/// A smooth move from one view to another over a fixed time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flight {
    /// Where it starts.
    pub from: MapView,
    /// Where it ends.
    pub to: MapView,
    /// Clock time (seconds, the caller's clock) at which it started.
    pub start_secs: f64,
    /// How long it lasts.
    pub duration_secs: f64,
}

impl Flight {
    /// How long a flight to a place takes.
    pub const DEFAULT_DURATION_SECS: f64 = 0.5;

    /// A flight starting now.
    pub fn new(from: MapView, to: MapView, now_secs: f64) -> Self {
        Self {
            from,
            to,
            start_secs: now_secs,
            duration_secs: Self::DEFAULT_DURATION_SECS,
        }
    }

    /// Whether the flight is over at `now_secs`.
    pub fn is_done(&self, now_secs: f64) -> bool {
        now_secs - self.start_secs >= self.duration_secs
    }

    /// The view at `now_secs`: eased in and out; the centre moves in a straight line on the
    /// map, the zoom changes evenly.
    pub fn view_at(&self, now_secs: f64) -> MapView {
        let t = if self.duration_secs > 0.0 {
            ((now_secs - self.start_secs) / self.duration_secs).clamp(0.0, 1.0)
        } else {
            1.0
        };
        let eased = ease_in_out_cubic(t);
        let (x0, y0) = mercator(self.from.center());
        let (x1, y1) = mercator(self.to.center());
        let center = unmercator(x0 + (x1 - x0) * eased, y0 + (y1 - y0) * eased);
        MapView {
            center_lon: center.lon,
            center_lat: center.lat,
            zoom: self.from.zoom + (self.to.zoom - self.from.zoom) * eased,
        }
    }
}

/// Slow at both ends, fast in the middle.
fn ease_in_out_cubic(t: f64) -> f64 {
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where `point` lands on a `width` × `height` map showing `view`, in pixels.
    fn on_screen(view: &MapView, point: LonLat, width: f64, height: f64) -> (f64, f64) {
        let world = world_size_px(view.zoom);
        let (cx, cy) = mercator(view.center());
        let (x, y) = mercator(point);
        (
            width / 2.0 + (x - cx) * world,
            height / 2.0 + (y - cy) * world,
        )
    }

    #[test]
    fn mercator_and_back_is_the_same_point() {
        let point = LonLat::new(130.6453, 42.4281);
        let (x, y) = mercator(point);
        let back = unmercator(x, y);
        assert!((back.lon - point.lon).abs() < 1e-9 && (back.lat - point.lat).abs() < 1e-9);
        assert_eq!(mercator(LonLat::new(0.0, 0.0)), (0.5, 0.5));
    }

    #[test]
    fn a_fitted_view_shows_every_point_inside_the_margins() {
        let points = [
            LonLat::new(125.7364, 39.0047),
            LonLat::new(128.3333, 51.8833),
            LonLat::new(135.0727, 48.4966),
        ];
        let (width, height, margin) = (900.0, 700.0, 40.0);
        let view = fit_view(points, width, height, Insets::uniform(margin)).unwrap();
        let world = world_size_px(view.zoom);
        for point in points {
            let (sx, sy) = on_screen(&view, point, width, height);
            assert!((margin - 0.5..=width - margin + 0.5).contains(&sx), "{sx}");
            assert!((margin - 0.5..=height - margin + 0.5).contains(&sy), "{sy}");
        }
        // And it is tight: one of the two spans fills the usable room.
        let (x0, y0) = mercator(points[0]);
        let (x1, _) = mercator(points[2]);
        let (_, y1) = mercator(points[1]);
        let used_w = (x1 - x0).abs() * world;
        let used_h = (y1 - y0).abs() * world;
        assert!(
            (used_w - (width - 2.0 * margin)).abs() < 1.0
                || (used_h - (height - 2.0 * margin)).abs() < 1.0
        );
    }

    #[test]
    fn uneven_insets_keep_the_points_out_of_the_covered_sides() {
        let points = [LonLat::new(125.0, 39.0), LonLat::new(135.0, 52.0)];
        let insets = Insets {
            left: 20.0,
            top: 20.0,
            right: 80.0,
            bottom: 150.0,
        };
        let (width, height) = (800.0, 700.0);
        let view = fit_view(points, width, height, insets).unwrap();
        for point in points {
            let (sx, sy) = on_screen(&view, point, width, height);
            assert!(
                sx >= insets.left - 0.5 && sx <= width - insets.right + 0.5,
                "{sx}"
            );
            assert!(
                sy >= insets.top - 0.5 && sy <= height - insets.bottom + 0.5,
                "{sy}"
            );
        }
    }

    #[test]
    fn fitting_nothing_gives_no_view() {
        assert_eq!(fit_view([], 800.0, 600.0, Insets::uniform(10.0)), None);
        assert_eq!(
            fit_view([LonLat::new(1.0, 1.0)], 10.0, 10.0, Insets::uniform(10.0)),
            None
        );
    }

    #[test]
    fn a_flight_starts_at_its_start_ends_at_its_end_and_moves_in_between() {
        let from = MapView {
            center_lon: 125.0,
            center_lat: 39.0,
            zoom: 5.0,
        };
        let to = MapView {
            center_lon: 130.6,
            center_lat: 42.4,
            zoom: 9.0,
        };
        let flight = Flight::new(from, to, 10.0);
        let start = flight.view_at(10.0);
        assert!(
            (start.center_lon - from.center_lon).abs() < 1e-9
                && (start.center_lat - from.center_lat).abs() < 1e-9
        );
        assert!((start.zoom - from.zoom).abs() < 1e-12);
        let end = flight.view_at(10.5);
        assert!((end.center_lon - to.center_lon).abs() < 1e-9 && (end.zoom - to.zoom).abs() < 1e-9);
        assert!(flight.is_done(10.5) && !flight.is_done(10.25));
        let middle = flight.view_at(10.25);
        assert!(middle.zoom > 5.0 && middle.zoom < 9.0);
        assert!(middle.center_lon > 125.0 && middle.center_lon < 130.6);
        // Eased: a quarter of the time covers less than a quarter of the zoom change.
        assert!(flight.view_at(10.125).zoom - 5.0 < 1.0);
    }

    #[test]
    fn corrupted_saved_views_are_refused() {
        assert!(
            !MapView {
                center_lon: f64::NAN,
                center_lat: 0.0,
                zoom: 5.0
            }
            .is_valid()
        );
        assert!(
            !MapView {
                center_lon: 0.0,
                center_lat: 0.0,
                zoom: 99.0
            }
            .is_valid()
        );
        assert!(
            MapView {
                center_lon: 130.0,
                center_lat: 45.0,
                zoom: 5.0
            }
            .is_valid()
        );
    }
}
