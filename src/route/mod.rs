//! Route math: leg lengths on the ellipsoid, travel times at a speed, arrival clock times,
//! where the train is at a given moment, the speeds the reported times imply, and the
//! time–distance chart (its data and its SVG). Nothing here knows egui.
//!
//! Invariants: a [`Route`] is built once per story (the geodesic lengths are the costly
//! part), in time linear in the places and vertices (ids are looked up in a map built once),
//! and is cheap to ask for an [`Itinerary`] at any speed. A leg's estimate uses its
//! official rail distance when the story gives one, else the geodesic length of its drawn
//! line, and always says which ([`DistanceBasis`]).

mod chart;
mod chart_svg;
mod implied;
mod itinerary;

pub use chart::{
    APPROXIMATE_HALF_HOURS, ChartImplied, ChartPlace, ChartPoint, ChartReport, ChartSegment,
    TimeDistanceChart,
};
pub use chart_svg::{
    PLOT_HEIGHT, PLOT_LEFT, PLOT_TOP, PLOT_WIDTH, SVG_HEIGHT, SVG_WIDTH, chart_svg, hour_range,
    to_svg,
};
pub use implied::{
    BestFit, ImpliedSpeed, MomentKind, ReportedMoment, Residual, best_fit, group_thousands,
    implied_speeds, reported_moments, stop_distances, stop_dwells_secs,
};
pub use itinerary::{
    CALENDAR_YEARS, Itinerary, ItineraryLeg, LegKind, TripOptions, checked_local_time,
    dwell_secs_at, seconds_between,
};

pub use crate::geodesy::{geodesic_distance, polyline_length};
use crate::story::{LonLat, SourcedDistance, Story};
use crate::units::Distance;

/// What a leg's estimate is based on.
#[derive(Clone, Debug, PartialEq)]
pub enum DistanceBasis {
    /// The official rail distance, with its source.
    Rail {
        /// Who gives the figure.
        source: String,
        /// How it was derived, if it was.
        note: Option<String>,
    },
    /// The length of the line drawn on the map: no official figure is known.
    Drawn {
        /// Why there is no official figure, if the story says.
        note: Option<String>,
    },
}

impl DistanceBasis {
    /// A short label: "rail" or "drawn".
    pub fn label(&self) -> &'static str {
        match self {
            Self::Rail { .. } => "rail",
            Self::Drawn { .. } => "drawn",
        }
    }

    /// The source as one line, for tables and cards.
    pub fn describe(&self) -> String {
        match self {
            Self::Rail { source, note: None } => format!("rail distance: {source}"),
            Self::Rail {
                source,
                note: Some(note),
            } => format!("rail distance ({note}): {source}"),
            Self::Drawn { note: None } => {
                "no official rail distance: length of the drawn line".to_owned()
            }
            Self::Drawn { note: Some(note) } => {
                format!("no official rail distance ({note}): length of the drawn line")
            }
        }
    }
}

/// A stretch of line with its measured length, ready for interpolation.
#[derive(Clone, Debug)]
pub struct MeasuredLine {
    /// The drawn points, longitude first.
    pub points: Vec<LonLat>,
    /// Geodesic distance from the first point to each point, in metres; same length as
    /// `points`, non-decreasing.
    pub cumulative_m: Vec<f64>,
}

impl MeasuredLine {
    /// Measure `points` once.
    pub fn new(points: Vec<LonLat>) -> Self {
        let mut cumulative_m = Vec::with_capacity(points.len());
        let mut total_m = 0.0;
        for (index, point) in points.iter().enumerate() {
            if index > 0 {
                total_m += geodesic_distance(points[index - 1], *point).metres();
            }
            cumulative_m.push(total_m);
        }
        Self {
            points,
            cumulative_m,
        }
    }

    /// The geodesic length of the whole line.
    pub fn length(&self) -> Distance {
        Distance::from_metres(self.cumulative_m.last().copied().unwrap_or(0.0))
    }

    /// The point a `fraction` (0…1, clamped) of the way along the line.
    pub fn point_at_fraction(&self, fraction: f64) -> Option<LonLat> {
        let first = *self.points.first()?;
        let total_m = self.length().metres();
        if total_m <= 0.0 || !fraction.is_finite() {
            return Some(first);
        }
        let target_m = fraction.clamp(0.0, 1.0) * total_m;
        let after = self
            .cumulative_m
            .partition_point(|distance_m| *distance_m < target_m)
            .clamp(1, self.points.len() - 1);
        let (start_m, end_m) = (self.cumulative_m[after - 1], self.cumulative_m[after]);
        let (a, b) = (self.points[after - 1], self.points[after]);
        let t = if end_m > start_m {
            (target_m - start_m) / (end_m - start_m)
        } else {
            0.0
        };
        Some(LonLat::new(
            a.lon + (b.lon - a.lon) * t,
            a.lat + (b.lat - a.lat) * t,
        ))
    }
}

/// One leg of the route, measured.
#[derive(Clone, Debug)]
pub struct RouteLeg {
    /// Index of the place it starts at, in [`Story::places`].
    pub from: usize,
    /// Index of the place it ends at.
    pub to: usize,
    /// The drawn line, measured.
    pub line: MeasuredLine,
    /// The official rail distance, when known.
    pub rail: Option<SourcedDistance>,
    /// Why there is no rail distance, if the story says.
    pub rail_note: Option<String>,
}

impl RouteLeg {
    /// The distance the estimates use: rail when known, else drawn.
    pub fn distance(&self) -> Distance {
        self.rail
            .as_ref()
            .map_or_else(|| self.line.length(), |rail| rail.distance)
    }

    /// What [`RouteLeg::distance`] is based on.
    pub fn basis(&self) -> DistanceBasis {
        match &self.rail {
            Some(rail) => DistanceBasis::Rail {
                source: rail.source.clone(),
                note: rail.note.clone(),
            },
            None => DistanceBasis::Drawn {
                note: self.rail_note.clone(),
            },
        }
    }
}

/// The story's journey, measured: legs in order, plus the what-if detours.
#[derive(Clone, Debug)]
pub struct Route {
    /// The legs in travel order.
    pub legs: Vec<RouteLeg>,
    /// The detour legs (off the route, out and back).
    pub detours: Vec<RouteLeg>,
    /// Indices (into [`Story::places`]) of the places the route passes, in order.
    pub stops: Vec<usize>,
}

impl Route {
    /// Measure the story's legs. Legs naming unknown places are skipped; a loaded story has
    /// none.
    pub fn new(story: &Story) -> Self {
        // Ids looked up in a map built once, not searched per leg.
        let place_indices = story.place_indices();
        let index_of = |id: &str| place_indices.get(id).copied();
        let measure = |leg: &crate::story::Leg| {
            Some(RouteLeg {
                from: index_of(&leg.from)?,
                to: index_of(&leg.to)?,
                line: MeasuredLine::new(leg.geometry.clone()),
                rail: leg.rail_distance.clone(),
                rail_note: leg.rail_distance_note.clone(),
            })
        };
        let legs: Vec<RouteLeg> = story.legs.iter().filter_map(measure).collect();
        let detours = story.detours.iter().filter_map(measure).collect();
        let mut stops: Vec<usize> = legs.first().map(|leg| leg.from).into_iter().collect();
        stops.extend(legs.iter().map(|leg| leg.to));
        Self {
            legs,
            detours,
            stops,
        }
    }

    /// The sum of the legs' estimate distances (no detour).
    pub fn total_distance(&self) -> Distance {
        self.legs.iter().map(RouteLeg::distance).sum()
    }

    /// The sum of the legs' drawn lengths (no detour).
    pub fn total_drawn_length(&self) -> Distance {
        self.legs.iter().map(|leg| leg.line.length()).sum()
    }

    /// The detour that reaches the place at `place_index`, if there is one.
    pub fn detour_to(&self, place_index: usize) -> Option<usize> {
        self.detours
            .iter()
            .position(|detour| detour.to == place_index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_geodesic_distance_from_pyongyang_station_to_vladivostok_station_is_about_688_km() {
        // FACTS.md §7: "Pyongyang → Vladivostok is 688 km in a straight line" (haversine).
        let pyongyang = LonLat::new(125.7364, 39.0047);
        let vladivostok = LonLat::new(131.8819, 43.1112);
        let km = geodesic_distance(pyongyang, vladivostok).km();
        assert!((km - 688.0).abs() < 3.0, "{km}");
    }

    #[test]
    fn one_degree_of_latitude_at_the_equator_is_110_574_m_on_wgs84() {
        // The WGS 84 meridian arc from 0° to 1° N is 110 574.4 m.
        let metres = geodesic_distance(LonLat::new(0.0, 0.0), LonLat::new(0.0, 1.0)).metres();
        assert!((metres - 110_574.4).abs() < 1.0, "{metres}");
    }

    #[test]
    fn a_point_halfway_along_a_line_is_halfway_by_distance_not_by_vertex() {
        let line = MeasuredLine::new(vec![
            LonLat::new(0.0, 0.0),
            LonLat::new(0.0, 0.1),
            LonLat::new(0.0, 3.0),
        ]);
        let middle = line.point_at_fraction(0.5).unwrap();
        assert!((middle.lat - 1.5).abs() < 0.01, "{middle:?}");
        assert_eq!(line.point_at_fraction(0.0), Some(LonLat::new(0.0, 0.0)));
        assert_eq!(line.point_at_fraction(2.0), Some(LonLat::new(0.0, 3.0)));
    }
}
