//! The time–distance chart (Marey's train graph) as data: time across in hours since the
//! departure, distance along the route up in km. The app draws it with egui, the SVG writer
//! writes it; both read only this, so they always show the same figures.
//!
//! Invariants: every coordinate is finite (a moment that is not is left out); the estimate
//! is one line through the route legs in travel order, flat while the train stops (and while
//! it is away on the what-if detour, which is its own line, out along its length and back);
//! reported moments are placed only when the departure is known (without it they have no
//! place on the time axis, and the chart says so). Nothing here panics on any story or speed.

use super::implied::{
    BestFit, ImpliedSpeed, MomentKind, ReportedMoment, best_fit, implied_speeds, reported_moments,
    stop_distances,
};
use super::itinerary::seconds_between;
use super::{Itinerary, LegKind, Route};
use crate::story::Story;
use chrono::{DateTime, FixedOffset, TimeDelta};

/// Half the width drawn around an approximate reported time, in hours. The story gives no
/// range for most approximate times, so the chart shows this one convention: ±1 h (the
/// departure from Pyongyang was reported as "afternoon", 16:00–18:00).
pub const APPROXIMATE_HALF_HOURS: f64 = 1.0;

/// A point of the chart: hours since the departure, km from the origin.
pub type ChartPoint = [f64; 2];

/// A place on the route: a labelled horizontal line.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartPlace {
    /// Index into [`Story::places`].
    pub place: usize,
    /// Its name.
    pub name: String,
    /// Km from the origin along the route.
    pub km: f64,
    /// Its local time, if the story gives one.
    pub utc_offset: Option<FixedOffset>,
    /// The route changes time zone here (its offset differs from the place before).
    pub zone_changes: bool,
}

/// A stretch of the estimate: moving between two places, or stopped at one.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSegment {
    /// Where it starts.
    pub start: ChartPoint,
    /// Where it ends.
    pub end: ChartPoint,
    /// The place it leaves (or stops at).
    pub from: usize,
    /// The place it reaches (the same as `from` for a stop).
    pub to: usize,
    /// Km/h while moving; 0 for a stop.
    pub speed_kmh: f64,
    /// Part of the what-if detour.
    pub detour: bool,
}

/// A reported time, placed on the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartReport {
    /// What was reported.
    pub moment: ReportedMoment,
    /// Where it goes.
    pub at: ChartPoint,
}

/// An implied speed, placed on the chart as a dashed segment.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartImplied {
    /// The speed and its ends.
    pub implied: ImpliedSpeed,
    /// Where the segment starts.
    pub start: ChartPoint,
    /// Where it ends.
    pub end: ChartPoint,
}

/// Everything the chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeDistanceChart {
    /// The departure in the origin's local time; `None` without one (then the time axis is
    /// hours since the start, and reported times cannot be placed).
    pub departure: Option<DateTime<FixedOffset>>,
    /// The places along the route, bottom to top.
    pub places: Vec<ChartPlace>,
    /// The estimate at the current speed: one line, flat where the train stops.
    pub estimate: Vec<ChartPoint>,
    /// The what-if detour, out and back, when it is taken (else empty).
    pub detour: Vec<ChartPoint>,
    /// The estimate stretch by stretch, for hovering.
    pub segments: Vec<ChartSegment>,
    /// Reported times (only with a known departure).
    pub reported: Vec<ChartReport>,
    /// The speeds the reports imply (only with a known departure).
    pub implied: Vec<ChartImplied>,
    /// The single speed that best fits the reported arrivals.
    pub best_fit: BestFit,
    /// The estimate's speed, km/h.
    pub speed_kmh: f64,
    /// Hours from the departure to the estimated arrival.
    pub total_hours: f64,
    /// Km along the route, detour excluded.
    pub total_km: f64,
}

impl TimeDistanceChart {
    /// The chart of `itinerary` (the route of `story` at a speed, with or without the detour).
    pub fn new(story: &Story, route: &Route, itinerary: &Itinerary) -> Self {
        let distances: Vec<f64> = stop_distances(route).iter().map(|d| d.km()).collect();
        let mut places = Vec::new();
        let mut previous_offset = None;
        for (&place, &km) in route.stops.iter().zip(&distances) {
            let Some(found) = story.places.get(place) else {
                continue;
            };
            places.push(ChartPlace {
                place,
                name: found.name.clone(),
                km,
                utc_offset: found.utc_offset,
                zone_changes: previous_offset.is_some() && found.utc_offset != previous_offset,
            });
            previous_offset = found.utc_offset.or(previous_offset);
        }
        let (estimate, detour, segments) = estimate_lines(itinerary, &distances);
        let departure = itinerary.options.departure;
        let hours_at = |time: DateTime<FixedOffset>| {
            departure
                .map(|departure| seconds_between(departure, time) / 3600.0)
                .filter(|hours| hours.is_finite())
        };
        let reported = reported_moments(story, route)
            .into_iter()
            .filter_map(|moment| {
                let hours = hours_at(moment.time)?;
                let km = moment.distance.km();
                Some(ChartReport {
                    at: [hours, km],
                    moment,
                })
            })
            .collect();
        let implied = implied_speeds(story, route)
            .into_iter()
            .filter_map(|implied| {
                let start = [hours_at(implied.from.time)?, implied.from.distance.km()];
                let end = [hours_at(implied.to.time)?, implied.to.distance.km()];
                Some(ChartImplied {
                    implied,
                    start,
                    end,
                })
            })
            .collect();
        let total_hours = itinerary.total_duration_secs / 3600.0;
        Self {
            departure,
            places,
            estimate,
            detour,
            segments,
            reported,
            implied,
            best_fit: best_fit(story, route),
            speed_kmh: itinerary.options.speed.kmh(),
            total_hours: if total_hours.is_finite() {
                total_hours
            } else {
                0.0
            },
            total_km: distances.last().copied().unwrap_or(0.0),
        }
    }

    /// Whether there are reported times to compare the estimate with.
    pub fn has_reports(&self) -> bool {
        !self.reported.is_empty()
    }

    /// Why there is nothing to compare, if there is not: no route, no departure, or no
    /// reported times.
    pub fn nothing_to_compare(&self) -> Option<&'static str> {
        if self.places.len() < 2 {
            Some("Nothing to compare: the story has no route.")
        } else if self.departure.is_none() {
            Some(
                "Nothing to compare: without a departure time the reported times have no place on the chart.",
            )
        } else if !self
            .reported
            .iter()
            .any(|r| r.moment.kind == MomentKind::Arrival)
        {
            Some("Nothing to compare: the story reports no arrival time.")
        } else {
            None
        }
    }

    /// The clock time `hours` after the departure, in the origin's local time.
    pub fn clock_at(&self, hours: f64) -> Option<DateTime<FixedOffset>> {
        let millis = (hours * 3_600_000.0).round();
        if !millis.is_finite() || millis.abs() > 3.0e14 {
            return None;
        }
        #[expect(
            clippy::cast_possible_truncation,
            reason = "a whole number of at most 3e14, checked above"
        )]
        let delta = TimeDelta::try_milliseconds(millis as i64)?;
        self.departure?.checked_add_signed(delta)
    }

    /// Time ticks between `low` and `high` hours: a step of 1, 2, 3, 6, 12 or 24 h (or a
    /// whole number of days) giving at most `max_ticks`, aligned to the origin's local
    /// midnight (to the start without a departure). Returns the step and the ticks (at most
    /// 200 of them).
    pub fn time_ticks(&self, low: f64, high: f64, max_ticks: f64) -> (f64, Vec<f64>) {
        let span = high - low;
        if !(span.is_finite() && span > 0.0 && max_ticks >= 1.0) {
            return (1.0, Vec::new());
        }
        let step = [1.0, 2.0, 3.0, 6.0, 12.0, 24.0]
            .into_iter()
            .find(|step| span / step <= max_ticks)
            .unwrap_or_else(|| (span / max_ticks / 24.0).ceil() * 24.0);
        // Hours from the departure back to the origin's local midnight.
        let since_midnight = self.departure.map_or(0.0, |departure| {
            use chrono::Timelike as _;
            f64::from(departure.hour()) + f64::from(departure.minute()) / 60.0
        });
        let first = ((low + since_midnight) / step).ceil() * step - since_midnight;
        let ticks = (0..200)
            .map(|index| first + f64::from(index) * step)
            .take_while(|tick| *tick <= high)
            .collect();
        (step, ticks)
    }

    /// The stretch of the estimate at `hours` (a stop or a leg), if the journey is under way.
    pub fn segment_at(&self, hours: f64) -> Option<&ChartSegment> {
        self.segments
            .iter()
            .find(|segment| segment.start[0] <= hours && hours <= segment.end[0])
    }

    /// The place whose line is closest to `km`.
    pub fn place_nearest(&self, km: f64) -> Option<&ChartPlace> {
        self.places
            .iter()
            .min_by(|a, b| (a.km - km).abs().total_cmp(&(b.km - km).abs()))
    }

    /// Where the estimate is `hours` after the departure: km from the origin (the detour's
    /// far end counts as its junction).
    pub fn estimate_km_at(&self, hours: f64) -> Option<f64> {
        let segment = self.segment_at(hours)?;
        if segment.detour {
            return Some(segment.start[1].min(segment.end[1]));
        }
        let span = segment.end[0] - segment.start[0];
        let fraction = if span > 0.0 {
            (hours - segment.start[0]) / span
        } else {
            1.0
        };
        Some(segment.start[1] + (segment.end[1] - segment.start[1]) * fraction)
    }
}

/// The estimate line, the detour line and the stretches, from the itinerary's legs.
fn estimate_lines(
    itinerary: &Itinerary,
    distances: &[f64],
) -> (Vec<ChartPoint>, Vec<ChartPoint>, Vec<ChartSegment>) {
    let speed_kmh = itinerary.options.speed.kmh();
    let mut estimate: Vec<ChartPoint> = Vec::new();
    let mut detour: Vec<ChartPoint> = Vec::new();
    let mut segments = Vec::new();
    let finite = |point: ChartPoint| point.iter().all(|value| value.is_finite());
    let mut last: Option<(ChartPoint, usize)> = None;
    for leg in &itinerary.legs {
        let start_hours = leg.start_secs / 3600.0;
        let end_hours = leg.cumulative_secs / 3600.0;
        let (start_km, end_km) = match leg.kind {
            LegKind::Route => {
                let Some((&from, &to)) = distances
                    .get(leg.leg_index)
                    .zip(distances.get(leg.leg_index + 1))
                else {
                    continue;
                };
                (from, to)
            }
            LegKind::DetourOut => {
                let junction = last.map_or(0.0, |(point, _)| point[1]);
                (junction, junction + leg.distance.km())
            }
            LegKind::DetourBack => {
                let junction = last.map_or(0.0, |(point, _)| point[1]) - leg.distance.km();
                (junction + leg.distance.km(), junction)
            }
        };
        let start = [start_hours, start_km];
        let end = [end_hours, end_km];
        if !finite(start) || !finite(end) {
            continue;
        }
        if let Some((previous, place)) = last
            && start[0] > previous[0]
        {
            segments.push(ChartSegment {
                start: previous,
                end: [start[0], previous[1]],
                from: place,
                to: place,
                speed_kmh: 0.0,
                detour: leg.kind == LegKind::DetourBack,
            });
        }
        let is_detour = leg.kind != LegKind::Route;
        if is_detour {
            if detour.is_empty() {
                detour.push(start);
            }
            detour.push(end);
        } else {
            if estimate.is_empty() {
                estimate.push(start);
            } else if let Some(previous) = estimate.last().copied()
                && (start[0] > previous[0] || start[1] > previous[1] || start[1] < previous[1])
            {
                // Flat while stopped (or away on the detour).
                estimate.push([start[0], previous[1]]);
            }
            estimate.push(end);
        }
        segments.push(ChartSegment {
            start,
            end,
            from: leg.from,
            to: leg.to,
            speed_kmh,
            detour: is_detour,
        });
        last = Some((end, leg.to));
    }
    (estimate, detour, segments)
}

#[cfg(test)]
#[path = "chart_tests.rs"]
mod tests;
