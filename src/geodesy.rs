//! Points on the Earth and the distances between them: the bottom of the domain, shared by
//! the story format (which checks that lines reach their places) and the route math.
//!
//! Invariants: coordinates are WGS 84 degrees, longitude first as in GeoJSON; distances are
//! geodesics on the WGS 84 ellipsoid (Karney's algorithm, via `geo`). Nothing here knows
//! egui.

use crate::units::Distance;
use geo::{Distance as _, Geodesic};

/// A longitude/latitude pair in WGS 84 degrees; GeoJSON order, longitude first.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LonLat {
    /// Degrees east, −180…180.
    pub lon: f64,
    /// Degrees north, −90…90.
    pub lat: f64,
}

impl LonLat {
    /// A point at `lon`, `lat` (note the order).
    pub fn new(lon: f64, lat: f64) -> Self {
        Self { lon, lat }
    }

    /// As a `geo` point (x = longitude).
    pub fn to_point(self) -> geo::Point<f64> {
        geo::Point::new(self.lon, self.lat)
    }

    /// The same place with its longitude moved by whole turns into −180…180 (a point the
    /// map draws a turn east or west, back in the story's range). 180° stays 180°.
    #[must_use]
    pub fn wrapped(self) -> Self {
        if !self.lon.is_finite() || (-180.0..=180.0).contains(&self.lon) {
            return self;
        }
        Self::new((self.lon + 180.0).rem_euclid(360.0) - 180.0, self.lat)
    }
}

/// The geodesic (WGS 84 ellipsoid) distance between two points.
pub fn geodesic_distance(a: LonLat, b: LonLat) -> Distance {
    Distance::from_metres(Geodesic.distance(a.to_point(), b.to_point()))
}

/// The geodesic length of a polyline.
pub fn polyline_length(points: &[LonLat]) -> Distance {
    points
        .windows(2)
        .map(|pair| geodesic_distance(pair[0], pair[1]))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::LonLat;

    #[test]
    fn a_point_drawn_a_turn_away_wraps_back_into_range() {
        assert_eq!(
            LonLat::new(190.0, 10.0).wrapped(),
            LonLat::new(-170.0, 10.0)
        );
        assert_eq!(
            LonLat::new(-190.0, -5.0).wrapped(),
            LonLat::new(170.0, -5.0)
        );
        assert_eq!(LonLat::new(-530.0, 0.0).wrapped(), LonLat::new(-170.0, 0.0));
        assert_eq!(LonLat::new(180.0, 0.0).wrapped(), LonLat::new(180.0, 0.0));
        assert_eq!(LonLat::new(12.5, 0.0).wrapped(), LonLat::new(12.5, 0.0));
        assert!(LonLat::new(f64::NAN, 0.0).wrapped().lon.is_nan());
    }
}
