//! Longitudes as the map draws them, so that a story across the antimeridian is drawn as one
//! piece: a route Vladivostok → Anchorage leaves 179.9°E and goes on at 180.1°, not at
//! 179.9°W on the far side of the world.
//!
//! Web Mercator is linear in longitude and the map (walkers, the basemap's copies of the
//! world) draws any longitude, 200° included, one world to the east. So the story's points
//! are moved by whole turns (±360°) into the one 360° window centred on the middle of the
//! shortest arc of longitude that holds them all, and each line is unrolled so that no step
//! jumps by more than half a turn.
//!
//! Invariants: only whole turns are added, so every drawn point is the same place on Earth as
//! the story's; a story whose shortest arc does not cross ±180° keeps every longitude as it is
//! (the window is then centred within −180…180 and holds them all); the story itself is never
//! changed: files, exports and distances use its own coordinates.

use crate::story::LonLat;

/// How the story's longitudes are drawn: the centre of the window they are moved into.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LonWrap {
    /// The window is `centre − 180 ≤ lon < centre + 180`.
    centre: f64,
}

impl Default for LonWrap {
    /// The usual window, −180…180.
    fn default() -> Self {
        Self { centre: 0.0 }
    }
}

impl LonWrap {
    /// The window centred on the middle of the shortest arc of longitude holding all of
    /// `lons` (non-finite ones are left out). With no longitudes, the usual window.
    pub fn around(lons: impl IntoIterator<Item = f64>) -> Self {
        let mut lons: Vec<f64> = lons
            .into_iter()
            .filter(|lon| lon.is_finite())
            .map(|lon| (lon + 180.0).rem_euclid(360.0) - 180.0)
            .collect();
        if lons.is_empty() {
            return Self::default();
        }
        lons.sort_by(f64::total_cmp);
        // The arc is the turn without its widest empty gap between neighbours (the gap from
        // the last back round to the first included).
        let (mut gap, mut gap_end) = (lons[0] + 360.0 - lons[lons.len() - 1], 0);
        for (index, pair) in lons.windows(2).enumerate() {
            if pair[1] - pair[0] > gap {
                (gap, gap_end) = (pair[1] - pair[0], index + 1);
            }
        }
        let start = lons[gap_end];
        let width = 360.0 - gap;
        let mut centre = start + width / 2.0;
        // Keep the usual window wherever it holds the whole arc: only a story across ±180°
        // is moved.
        if start >= -180.0 && start + width < 180.0 {
            centre = 0.0;
        } else if centre > 180.0 {
            // The same window one turn west holds most of the points where they are.
            centre -= 360.0;
        }
        Self { centre }
    }

    /// The window's centre, degrees.
    pub fn centre(self) -> f64 {
        self.centre
    }

    /// `point`, moved by whole turns into the window.
    pub fn point(self, point: LonLat) -> LonLat {
        if !point.lon.is_finite() {
            return point;
        }
        let low = self.centre - 180.0;
        if (low..low + 360.0).contains(&point.lon) {
            return point;
        }
        let turns = ((point.lon - low) / 360.0).floor();
        LonLat::new(point.lon - 360.0 * turns, point.lat)
    }

    /// `line` unrolled (no step longer than half a turn in longitude) and moved by whole
    /// turns so that its first point is in the window.
    pub fn line(self, line: &mut [LonLat]) {
        let mut previous: Option<f64> = None;
        for point in line.iter_mut().filter(|point| point.lon.is_finite()) {
            point.lon = match previous {
                None => self.point(*point).lon,
                // Whole turns only, so that a point already next to the last stays bit for
                // bit as it is (runs must meet exactly where they join).
                Some(previous) => point.lon - 360.0 * ((point.lon - previous) / 360.0).round(),
            };
            previous = Some(point.lon);
        }
    }
}

#[cfg(test)]
// Longitudes a window already holds must come back bit for bit: exact comparison is the test.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    fn lons(points: &[LonLat]) -> Vec<f64> {
        points.iter().map(|p| p.lon).collect()
    }

    #[test]
    fn a_story_that_does_not_cross_the_antimeridian_keeps_its_longitudes() {
        // Pyongyang, Khasan, Vladivostok, Vostochny; then Lisbon and New York.
        let wrap = LonWrap::around([125.75, 130.64, 131.89, 128.33, -9.14, -74.0]);
        assert_eq!(wrap.centre(), 0.0);
        for lon in [125.75, -9.14, -74.0, 179.0, -179.0] {
            assert_eq!(wrap.point(LonLat::new(lon, 10.0)).lon, lon);
        }
    }

    #[test]
    fn vladivostok_to_anchorage_is_drawn_east_across_the_date_line() {
        // Vladivostok 131.89°E, Anchorage 149.90°W: the short way is 78.2° east across 180°.
        let wrap = LonWrap::around([131.89, -149.90]);
        // The arc runs 131.89 … 210.10; its middle is 171.0.
        assert!((wrap.centre() - 170.995).abs() < 1e-9, "{}", wrap.centre());
        let anchorage = wrap.point(LonLat::new(-149.90, 61.22));
        assert!((anchorage.lon - 210.10).abs() < 1e-9, "{}", anchorage.lon);
        assert_eq!(wrap.point(LonLat::new(131.89, 43.12)).lon, 131.89);
    }

    #[test]
    fn a_line_across_the_date_line_is_unrolled_without_a_jump() {
        let wrap = LonWrap::around([178.0, -178.0]);
        let mut line = vec![
            LonLat::new(178.0, 0.0),
            LonLat::new(179.5, 0.0),
            LonLat::new(-179.5, 0.0),
            LonLat::new(-178.0, 0.0),
        ];
        wrap.line(&mut line);
        assert_eq!(lons(&line), vec![178.0, 179.5, 180.5, 182.0]);
    }

    #[test]
    fn a_line_beginning_west_of_the_date_line_is_moved_into_the_window() {
        // Fiji's Labasa (179.36°E) and Taveuni's east (179.9°W, say): window centred near 180.
        let wrap = LonWrap::around([179.36, -179.9]);
        let mut line = vec![LonLat::new(-179.9, -16.8), LonLat::new(179.36, -16.4)];
        wrap.line(&mut line);
        assert!((line[0].lon - 180.1).abs() < 1e-9, "{:?}", lons(&line));
        assert!((line[1].lon - 179.36).abs() < 1e-9, "{:?}", lons(&line));
    }

    #[test]
    fn no_points_or_bad_points_change_nothing() {
        assert_eq!(LonWrap::around([]), LonWrap::default());
        assert_eq!(LonWrap::around([f64::NAN]), LonWrap::default());
        let mut line = vec![LonLat::new(f64::NAN, 0.0), LonLat::new(10.0, 0.0)];
        LonWrap::default().line(&mut line);
        assert_eq!(line[1].lon, 10.0);
        assert!(line[0].lon.is_nan());
    }
}
