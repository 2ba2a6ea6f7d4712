//! The journey at a speed: per leg the distance, the time, the cumulative time, the
//! estimated arrival in local time and how it compares with what was reported.

use super::{DistanceBasis, Route, RouteLeg};
use crate::story::{LonLat, Story};
use crate::units::{Distance, Speed};
use chrono::{DateTime, FixedOffset, Offset as _, TimeDelta, Utc};

/// How to travel: the speed, when to leave, and whether to take a detour.
#[derive(Clone, Debug)]
pub struct TripOptions {
    /// The train's speed while moving.
    pub speed: Speed,
    /// When the journey begins; without it there are durations but no clock times.
    pub departure: Option<DateTime<FixedOffset>>,
    /// Index into [`Route::detours`] of a detour to take (in and back out), if any.
    pub detour: Option<usize>,
}

/// Whether a leg is part of the journey or of the what-if detour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegKind {
    /// A leg of the route.
    Route,
    /// The detour, going in.
    DetourOut,
    /// The detour, coming back out.
    DetourBack,
}

/// One row of the itinerary.
#[derive(Clone, Debug)]
pub struct ItineraryLeg {
    /// Route or detour.
    pub kind: LegKind,
    /// Index into [`Route::legs`] (route) or [`Route::detours`] (detour).
    pub leg_index: usize,
    /// Index of the place the leg starts at, in [`Story::places`].
    pub from: usize,
    /// Index of the place it ends at.
    pub to: usize,
    /// The distance the estimate uses.
    pub distance: Distance,
    /// Where that distance comes from.
    pub basis: DistanceBasis,
    /// Time spent at `from` before this leg (its dwell), in seconds.
    pub dwell_before_secs: f64,
    /// Seconds from the start of the journey to leaving `from`.
    pub start_secs: f64,
    /// Seconds moving on this leg.
    pub duration_secs: f64,
    /// Seconds from the start of the journey to arriving at `to`.
    pub cumulative_secs: f64,
    /// Distance from the start of the journey to `to`.
    pub cumulative_distance: Distance,
    /// Estimated arrival at `to`, in `to`'s local time (UTC if it has no offset).
    pub estimated_arrival: Option<DateTime<FixedOffset>>,
    /// The reported arrival at `to`, if any (route legs only).
    pub reported_arrival: Option<DateTime<FixedOffset>>,
    /// Estimated minus reported, in seconds: positive when the estimate is later.
    pub difference_secs: Option<f64>,
}

/// The journey at one speed.
#[derive(Clone, Debug)]
pub struct Itinerary {
    /// The options it was computed with.
    pub options: TripOptions,
    /// The rows, in travel order, detour legs included when taken.
    pub legs: Vec<ItineraryLeg>,
    /// Sum of the distances.
    pub total_distance: Distance,
    /// Seconds from departure to arrival at the destination, dwell included.
    pub total_duration_secs: f64,
    /// Index of the origin place.
    pub origin: Option<usize>,
}

impl Itinerary {
    /// Compute the itinerary of `route` (of `story`) with `options`.
    pub fn new(story: &Story, route: &Route, options: TripOptions) -> Self {
        let speed = options.speed;
        let mut legs: Vec<ItineraryLeg> = Vec::with_capacity(route.legs.len() + 2);
        let mut clock_secs = 0.0;
        let mut travelled = Distance::ZERO;
        let detour = options
            .detour
            .and_then(|index| Some((index, route.detours.get(index)?)));
        let mut push = |kind: LegKind, leg_index: usize, leg: &RouteLeg, from: usize, to: usize| {
            let is_first = legs.is_empty();
            let dwell_before_secs = if is_first || kind == LegKind::DetourBack {
                0.0
            } else {
                story
                    .places
                    .get(from)
                    .and_then(|place| place.dwell_secs)
                    .unwrap_or(0.0)
            };
            clock_secs += dwell_before_secs;
            let start_secs = clock_secs;
            let distance = leg.distance();
            let duration_secs = speed.duration_secs(distance);
            clock_secs += duration_secs;
            travelled += distance;
            let place = story.places.get(to);
            let estimated_arrival = options.departure.map(|departure| {
                local_time(departure, clock_secs, place.and_then(|p| p.utc_offset))
            });
            let reported_arrival = (kind == LegKind::Route)
                .then(|| {
                    place
                        .and_then(|p| p.reported_arrival.as_ref())
                        .map(|r| r.time)
                })
                .flatten();
            let difference_secs = match (estimated_arrival, reported_arrival) {
                (Some(estimated), Some(reported)) => Some(seconds_between(reported, estimated)),
                _ => None,
            };
            legs.push(ItineraryLeg {
                kind,
                leg_index,
                from,
                to,
                distance,
                basis: leg.basis(),
                dwell_before_secs,
                start_secs,
                duration_secs,
                cumulative_secs: clock_secs,
                cumulative_distance: travelled,
                estimated_arrival,
                reported_arrival,
                difference_secs,
            });
        };
        for (index, leg) in route.legs.iter().enumerate() {
            push(LegKind::Route, index, leg, leg.from, leg.to);
            if let Some((detour_index, detour_leg)) = detour
                && detour_leg.from == leg.to
            {
                push(
                    LegKind::DetourOut,
                    detour_index,
                    detour_leg,
                    detour_leg.from,
                    detour_leg.to,
                );
                push(
                    LegKind::DetourBack,
                    detour_index,
                    detour_leg,
                    detour_leg.to,
                    detour_leg.from,
                );
            }
        }
        Self {
            total_distance: travelled,
            total_duration_secs: clock_secs,
            origin: route.stops.first().copied(),
            legs,
            options,
        }
    }

    /// Seconds from departure to arriving at the place at `place_index` (0 at the origin),
    /// or `None` if the journey does not pass it.
    pub fn elapsed_at_place(&self, place_index: usize) -> Option<f64> {
        if self.origin == Some(place_index) {
            return Some(0.0);
        }
        self.legs
            .iter()
            .find(|leg| leg.to == place_index && leg.kind != LegKind::DetourBack)
            .map(|leg| leg.cumulative_secs)
    }

    /// The row arriving at the place at `place_index`, if any.
    pub fn leg_arriving_at(&self, place_index: usize) -> Option<&ItineraryLeg> {
        self.legs
            .iter()
            .find(|leg| leg.to == place_index && leg.kind != LegKind::DetourBack)
    }

    /// Distance from the origin to the place at `place_index` along the journey.
    pub fn distance_to_place(&self, place_index: usize) -> Option<Distance> {
        if self.origin == Some(place_index) {
            return Some(Distance::ZERO);
        }
        self.leg_arriving_at(place_index)
            .map(|leg| leg.cumulative_distance)
    }

    /// The estimated arrival (or, at the origin, the departure) at `place_index`, in its
    /// local time.
    pub fn clock_at_place(
        &self,
        story: &Story,
        place_index: usize,
    ) -> Option<DateTime<FixedOffset>> {
        let departure = self.options.departure?;
        let offset = story
            .places
            .get(place_index)
            .and_then(|place| place.utc_offset);
        self.elapsed_at_place(place_index)
            .map(|elapsed| local_time(departure, elapsed, offset))
    }

    /// Extra distance and time of the detour legs, if a detour is taken.
    pub fn detour_extra(&self) -> (Distance, f64) {
        self.legs
            .iter()
            .filter(|leg| leg.kind != LegKind::Route)
            .fold((Distance::ZERO, 0.0), |(distance, secs), leg| {
                (
                    distance + leg.distance,
                    secs + leg.duration_secs + leg.dwell_before_secs,
                )
            })
    }

    /// Where the train is `elapsed_secs` after departure: on the drawn line, moving at the
    /// same pace along it as the estimate does along the rail distance; still at a place while
    /// it dwells; at the destination once it has arrived.
    pub fn position_at(&self, route: &Route, story: &Story, elapsed_secs: f64) -> Option<LonLat> {
        let place_position = |index: usize| story.places.get(index).map(|place| place.position);
        let first = self.legs.first()?;
        if !elapsed_secs.is_finite() || elapsed_secs <= 0.0 {
            return place_position(first.from);
        }
        for leg in &self.legs {
            if elapsed_secs < leg.start_secs {
                // Dwelling at `from`.
                return place_position(leg.from);
            }
            if elapsed_secs <= leg.cumulative_secs {
                let fraction = if leg.duration_secs > 0.0 {
                    (elapsed_secs - leg.start_secs) / leg.duration_secs
                } else {
                    1.0
                };
                let line = match leg.kind {
                    LegKind::Route => &route.legs.get(leg.leg_index)?.line,
                    LegKind::DetourOut | LegKind::DetourBack => {
                        &route.detours.get(leg.leg_index)?.line
                    }
                };
                let fraction = if leg.kind == LegKind::DetourBack {
                    1.0 - fraction
                } else {
                    fraction
                };
                return line.point_at_fraction(fraction);
            }
        }
        place_position(self.legs.last()?.to)
    }
}

/// `departure` plus `elapsed_secs`, shown at `offset` (UTC when there is none).
pub fn local_time(
    departure: DateTime<FixedOffset>,
    elapsed_secs: f64,
    offset: Option<FixedOffset>,
) -> DateTime<FixedOffset> {
    // Whole milliseconds are plenty; the cast cannot overflow for any journey on Earth.
    #[expect(
        clippy::cast_possible_truncation,
        reason = "rounded milliseconds of a journey"
    )]
    let elapsed = TimeDelta::milliseconds((elapsed_secs * 1000.0).round() as i64);
    (departure + elapsed).with_timezone(&offset.unwrap_or_else(|| Utc.fix()))
}

/// Seconds from `from` to `to` (negative if `to` is earlier).
fn seconds_between(from: DateTime<FixedOffset>, to: DateTime<FixedOffset>) -> f64 {
    #[expect(
        clippy::cast_precision_loss,
        reason = "milliseconds of a journey fit an f64 exactly"
    )]
    let millis = (to - from).num_milliseconds() as f64;
    millis / 1000.0
}
