//! The route as the map draws it, prepared once per story: each leg cut where it crosses a
//! border, consecutive stretches in the same country joined into runs of a bounded number of
//! points, each with its bounding box, so that a frame draws only the runs near the screen
//! and never looks places up.
//!
//! Invariants: runs follow the route in travel order; every run has at least two points and
//! at most [`MAX_RUN_POINTS`] (a single leg longer than that is one run of its own); a run's
//! box holds all its points; joined runs share no repeated point at the join.

use super::lon_wrap::LonWrap;
use crate::story::{Leg, LonLat, Story};
use std::collections::HashMap;

/// At most this many points in a run made by joining legs.
pub const MAX_RUN_POINTS: usize = 512;

/// A stretch of the route in one country.
#[derive(Clone, Debug, PartialEq)]
pub struct RouteRun {
    /// The drawn points, in travel order.
    pub points: Vec<LonLat>,
    /// The country it runs in (ISO code of its places), if known.
    pub country: Option<String>,
    /// The south-west corner of its box.
    pub min: LonLat,
    /// The north-east corner of its box.
    pub max: LonLat,
    /// The same line with fewer points, for the zooms of [`LOD_ZOOMS`] in order: no two
    /// kept points closer than half a screen point at that zoom (the line looks the same).
    pub coarse: Vec<Vec<LonLat>>,
}

/// The zooms a route run is thinned for (see [`RouteRun::points_at`]).
pub const LOD_ZOOMS: [f64; 4] = [4.0, 7.0, 10.0, 13.0];

/// `points` without those closer than `tolerance_deg` (in longitude and latitude) to the last
/// kept one; the first and the last are always kept.
fn thinned(points: &[LonLat], tolerance_deg: f64) -> Vec<LonLat> {
    let mut kept: Vec<LonLat> = Vec::new();
    let last = points.len().saturating_sub(1);
    for (index, point) in points.iter().enumerate() {
        let far = kept.last().is_none_or(|previous| {
            (point.lon - previous.lon).abs() >= tolerance_deg
                || (point.lat - previous.lat).abs() >= tolerance_deg
        });
        if far || index == last {
            kept.push(*point);
        }
    }
    kept
}

impl RouteRun {
    fn new(points: Vec<LonLat>, country: Option<String>) -> Self {
        let mut run = Self {
            points,
            country,
            min: LonLat::new(0.0, 0.0),
            max: LonLat::new(0.0, 0.0),
            coarse: Vec::new(),
        };
        run.fit_box();
        run
    }

    /// Make the box hold exactly the run's points (after they were moved).
    fn fit_box(&mut self) {
        self.min = LonLat::new(f64::INFINITY, f64::INFINITY);
        self.max = LonLat::new(f64::NEG_INFINITY, f64::NEG_INFINITY);
        self.grow_box(0);
    }

    /// Thin the line for each zoom of [`LOD_ZOOMS`] (once the run is complete).
    fn thin(&mut self) {
        self.coarse = LOD_ZOOMS
            .iter()
            .map(|zoom| {
                // Half a point at `zoom`, where the world is 256 × 2^zoom points wide. Far
                // from the equator a degree of latitude is longer on the map: thinning in
                // degrees of longitude is then finer than it needs to be, never coarser.
                let tolerance = 0.5 * 360.0 / (256.0 * 2f64.powf(*zoom));
                thinned(&self.points, tolerance)
            })
            .collect();
    }

    /// The points to draw at `zoom`: the thinned line made for the nearest zoom at or above
    /// it, or every point when closer than all of them.
    pub fn points_at(&self, zoom: f64) -> &[LonLat] {
        LOD_ZOOMS
            .iter()
            .zip(&self.coarse)
            .find(|(lod_zoom, _)| **lod_zoom >= zoom)
            .map_or(&self.points, |(_, points)| points)
    }

    fn grow_box(&mut self, from: usize) {
        for point in &self.points[from..] {
            self.min = LonLat::new(self.min.lon.min(point.lon), self.min.lat.min(point.lat));
            self.max = LonLat::new(self.max.lon.max(point.lon), self.max.lat.max(point.lat));
        }
    }

    /// Whether the run's box meets the box from `min` to `max`.
    pub fn meets(&self, min: LonLat, max: LonLat) -> bool {
        self.min.lon <= max.lon
            && self.max.lon >= min.lon
            && self.min.lat <= max.lat
            && self.max.lat >= min.lat
    }
}

/// The route's runs (the detours are drawn apart, dashed), their longitudes as `wrap` draws
/// them.
pub fn route_runs(story: &Story, wrap: LonWrap) -> Vec<RouteRun> {
    let countries: HashMap<&str, Option<&str>> = story
        .places
        .iter()
        .map(|place| (place.id.as_str(), place.country.as_deref()))
        .collect();
    let country = |id: &str| countries.get(id).copied().flatten();
    let mut runs: Vec<RouteRun> = Vec::new();
    for leg in &story.legs {
        for (points, country) in country_stretches(leg, country(&leg.from), country(&leg.to)) {
            if points.len() < 2 {
                continue;
            }
            let country = country.map(str::to_owned);
            match runs.last_mut() {
                Some(last)
                    if last.country == country
                        && last.points.last() == points.first()
                        && last.points.len() + points.len() <= MAX_RUN_POINTS =>
                {
                    let from = last.points.len();
                    last.points.extend_from_slice(&points[1..]);
                    last.grow_box(from);
                }
                _ => runs.push(RouteRun::new(points.to_vec(), country)),
            }
        }
    }
    for run in &mut runs {
        wrap.line(&mut run.points);
        run.fit_box();
        run.thin();
    }
    runs
}

/// A leg's drawn line split at its border crossing (at the vertex nearest to it), each part
/// with its country; one part when the leg stays in one country.
fn country_stretches<'a>(
    leg: &'a Leg,
    from: Option<&'a str>,
    to: Option<&'a str>,
) -> Vec<(&'a [LonLat], Option<&'a str>)> {
    let split = leg.border_crossing.as_ref().and_then(|crossing| {
        leg.geometry
            .iter()
            .enumerate()
            .min_by(|(_, a), (_, b)| {
                let da = (a.lon - crossing.position.lon).powi(2)
                    + (a.lat - crossing.position.lat).powi(2);
                let db = (b.lon - crossing.position.lon).powi(2)
                    + (b.lat - crossing.position.lat).powi(2);
                da.total_cmp(&db)
            })
            .map(|(index, _)| index)
    });
    match split {
        Some(index) if from != to => vec![
            (&leg.geometry[..=index], from),
            (&leg.geometry[index..], to),
        ],
        _ => vec![(&leg.geometry[..], from.or(to))],
    }
}

/// Where the route crosses borders, in travel order, as `wrap` draws them.
pub fn border_crossings(story: &Story, wrap: LonWrap) -> Vec<LonLat> {
    story
        .legs
        .iter()
        .filter_map(|leg| {
            leg.border_crossing
                .as_ref()
                .map(|crossing| wrap.point(crossing.position))
        })
        .collect()
}

/// The countries the route runs in (its places' codes, waypoints left out), in the order
/// the route meets them: what the legend names.
pub fn route_countries(story: &Story) -> Vec<String> {
    let mut countries: Vec<String> = Vec::new();
    for place in &story.places {
        if let Some(country) = place.country.as_deref()
            && place.role != crate::story::Role::Waypoint
            && !countries.iter().any(|known| known == country)
        {
            countries.push(country.to_owned());
        }
    }
    countries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::default_story;

    #[test]
    fn the_bundled_route_is_one_run_in_north_korea_and_one_in_russia() {
        let story = default_story().expect("bundled").story;
        let runs = route_runs(&story, LonWrap::default());
        let countries: Vec<Option<&str>> = runs.iter().map(|run| run.country.as_deref()).collect();
        assert_eq!(countries, [Some("KP"), Some("RU")]);
        // Every drawn point of every leg is in a run, the joins and the border vertex once
        // each: Σ points − (legs − 1) joins + 1 for the vertex the border split shares.
        let points: usize = story.legs.iter().map(|leg| leg.geometry.len()).sum();
        let expected = points - (story.legs.len() - 1) + 1;
        assert_eq!(
            runs.iter().map(|run| run.points.len()).sum::<usize>(),
            expected
        );
        // Pyongyang (125.7364 E, 39.0047 N) is inside the first run's box.
        assert!(runs[0].meets(LonLat::new(125.7, 39.0), LonLat::new(125.8, 39.1)));
        assert!(!runs[1].meets(LonLat::new(125.7, 39.0), LonLat::new(125.8, 39.1)));
    }

    #[test]
    fn a_run_is_thinned_for_far_zooms_and_whole_up_close() {
        // 1,001 points 0.001° apart along the equator: at zoom 4 half a point is
        // 0.5 × 360 / 4,096 = 0.0439°, so one point in 44 is kept (0.044° apart; first and
        // last always): ⌈1000 / 44⌉ + 1 = 24 points.
        let points: Vec<LonLat> = (0..=1000)
            .map(|i| LonLat::new(f64::from(i) * 0.001, 0.0))
            .collect();
        let mut run = RouteRun::new(points.clone(), None);
        run.thin();
        assert_eq!(run.points_at(3.0).len(), 24);
        assert_eq!(run.points_at(4.0).len(), 24);
        assert_eq!(run.points_at(4.5).first(), Some(&LonLat::new(0.0, 0.0)));
        assert_eq!(run.points_at(4.5).last(), Some(&LonLat::new(1.0, 0.0)));
        // Closer than every thinned zoom: every point.
        assert_eq!(run.points_at(13.5), points.as_slice());
    }

    #[test]
    fn long_routes_are_cut_into_runs_of_bounded_length() {
        // 2,000 legs of three points on one line, all in one country: 4,001 distinct points.
        let mut story = crate::story::empty_story("test");
        for i in 0..=2000 {
            let mut place = crate::story::Place::new(
                format!("p{i}"),
                format!("P{i}"),
                LonLat::new(f64::from(i) * 0.01, 0.0),
            );
            place.country = Some("PT".to_owned());
            story.places.push(place);
        }
        for i in 0..2000 {
            let (a, b) = (f64::from(i) * 0.01, f64::from(i + 1) * 0.01);
            story.legs.push(Leg::new(
                format!("p{i}"),
                format!("p{}", i + 1),
                vec![
                    LonLat::new(a, 0.0),
                    LonLat::new(a + 0.005, 0.001),
                    LonLat::new(b, 0.0),
                ],
            ));
        }
        let runs = route_runs(&story, LonWrap::default());
        assert!(runs.iter().all(|run| run.points.len() <= MAX_RUN_POINTS));
        // 4,001 points in runs of at most 512 that share their joins: at least 8 runs.
        assert!(runs.len() >= 8, "{}", runs.len());
        assert_eq!(
            runs.iter().map(|run| run.points.len()).sum::<usize>() - (runs.len() - 1),
            4001
        );
        // Runs follow each other: each starts where the previous ended.
        for pair in runs.windows(2) {
            assert_eq!(pair[0].points.last(), pair[1].points.first());
        }
    }
}
