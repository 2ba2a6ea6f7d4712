//! The journey at a speed: per leg the distance, the time, the cumulative time, the
//! estimated arrival in local time and how it compares with what was reported.
//!
//! Invariants and rules:
//! - A place's stop (its `dwell_secs`) is spent before the leg that leaves it; the origin's
//!   stop is not counted (the journey starts when the train leaves), nor the destination's.
//! - A detour is taken once, where the route first reaches its junction: out to the far end,
//!   the far end's stop, back to the junction. The junction's own stop is counted once, on the
//!   final departure from the junction along the route; so the detour adds exactly its two
//!   legs' travel time and the far end's stop ([`Itinerary::detour_extra`]).
//! - All date arithmetic is checked: a moment that is not finite or falls outside the
//!   calendar ([`CALENDAR_YEARS`]) has no clock time (`None`, and
//!   [`ItineraryLeg::beyond_calendar`] says why); nothing here panics on any speed, distance,
//!   stop or departure, even ones a story file would refuse.

use super::{DistanceBasis, Route, RouteLeg};
use crate::story::{LonLat, Story};
use crate::units::{Distance, Speed};
use chrono::{DateTime, Datelike as _, FixedOffset, NaiveDateTime, TimeDelta};
use std::ops::RangeInclusive;

/// The years a clock time may fall in: those RFC 3339 can write (four digits). An estimate
/// outside them is "beyond the calendar" and has no clock time.
pub const CALENDAR_YEARS: RangeInclusive<i32> = 0..=9999;

/// Longest elapsed time turned into a clock time, in milliseconds: 10,000 years of 365.25
/// days (10,000 × 365.25 × 86,400,000 = 3.15576e14 ms), more than the whole calendar, and
/// far below both 2^53 (exact in an f64) and `TimeDelta`'s limit (i64::MAX ms).
const MAX_ELAPSED_MILLIS: f64 = 3.155_76e14;

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
    /// Estimated arrival at `to`, in `to`'s local time (UTC if it has no offset); `None`
    /// without a departure, or when the moment is beyond the calendar.
    pub estimated_arrival: Option<DateTime<FixedOffset>>,
    /// A departure is known but the arrival falls outside [`CALENDAR_YEARS`] (or is not
    /// finite): shown as "beyond the calendar", never as a wrong date.
    pub beyond_calendar: bool,
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
    /// For each place index, the first row arriving at it (not coming back from a detour):
    /// found once here, so that asking per place is not a search through every leg.
    arriving: Vec<Option<usize>>,
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
        let dwell_at = |place: usize| dwell_secs_at(story, place);
        let mut push = |kind: LegKind,
                        leg_index: usize,
                        leg: &RouteLeg,
                        from: usize,
                        to: usize,
                        dwell_before_secs: f64| {
            clock_secs += dwell_before_secs;
            let start_secs = clock_secs;
            let distance = leg.distance();
            let duration_secs = speed.duration_secs(distance);
            clock_secs += duration_secs;
            travelled += distance;
            let place = story.places.get(to);
            let estimated_arrival = options.departure.and_then(|departure| {
                checked_local_time(departure, clock_secs, place.and_then(|p| p.utc_offset))
            });
            let beyond_calendar = options.departure.is_some() && estimated_arrival.is_none();
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
                beyond_calendar,
                reported_arrival,
                difference_secs,
            });
        };
        let mut detour_taken = false;
        for (index, leg) in route.legs.iter().enumerate() {
            // The origin's stop is not part of the journey; every other place's stop is spent
            // before the route leg leaving it (a junction's once, after any detour).
            let dwell = if index == 0 { 0.0 } else { dwell_at(leg.from) };
            push(LegKind::Route, index, leg, leg.from, leg.to, dwell);
            if let Some((detour_index, detour_leg)) = detour
                && !detour_taken
                && detour_leg.from == leg.to
            {
                detour_taken = true;
                let (junction, far_end) = (detour_leg.from, detour_leg.to);
                push(
                    LegKind::DetourOut,
                    detour_index,
                    detour_leg,
                    junction,
                    far_end,
                    0.0,
                );
                push(
                    LegKind::DetourBack,
                    detour_index,
                    detour_leg,
                    far_end,
                    junction,
                    dwell_at(far_end),
                );
            }
        }
        let places = legs
            .iter()
            .map(|leg| leg.to + 1)
            .max()
            .unwrap_or(0)
            .max(story.places.len());
        let mut arriving = vec![None; places];
        for (row, leg) in legs.iter().enumerate() {
            if leg.kind != LegKind::DetourBack
                && let Some(slot) = arriving.get_mut(leg.to)
                && slot.is_none()
            {
                *slot = Some(row);
            }
        }
        Self {
            total_distance: travelled,
            total_duration_secs: clock_secs,
            origin: route.stops.first().copied(),
            legs,
            options,
            arriving,
        }
    }

    /// Seconds from departure to arriving at the place at `place_index` (0 at the origin),
    /// or `None` if the journey does not pass it.
    pub fn elapsed_at_place(&self, place_index: usize) -> Option<f64> {
        if self.origin == Some(place_index) {
            return Some(0.0);
        }
        self.leg_arriving_at(place_index)
            .map(|leg| leg.cumulative_secs)
    }

    /// The first row arriving at the place at `place_index` (not coming back from a
    /// detour), if any.
    pub fn leg_arriving_at(&self, place_index: usize) -> Option<&ItineraryLeg> {
        let row = (*self.arriving.get(place_index)?)?;
        self.legs.get(row)
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
    /// local time; `None` without a departure, if the journey does not pass the place, or if
    /// the moment is beyond the calendar.
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
            .and_then(|elapsed| checked_local_time(departure, elapsed, offset))
    }

    /// Whether some estimated arrival is beyond the calendar (see [`CALENDAR_YEARS`]).
    pub fn beyond_calendar(&self) -> bool {
        self.legs.iter().any(|leg| leg.beyond_calendar)
    }

    /// Extra distance and time of the detour, if one is taken: its two legs' travel time and
    /// the stop at its far end (the junction's stop is counted once, on the route, either
    /// way).
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

/// The stop at the place at `place_index`, in seconds: 0 when there is none, or when it is
/// not a finite positive number (a story file keeps stops within 0…30 days; a story built in
/// code might not).
pub fn dwell_secs_at(story: &Story, place_index: usize) -> f64 {
    story
        .places
        .get(place_index)
        .and_then(|place| place.dwell_secs)
        .filter(|dwell| dwell.is_finite() && *dwell > 0.0)
        .unwrap_or(0.0)
}

/// `departure` plus `elapsed_secs` (rounded to the millisecond), shown at `offset` (UTC when
/// there is none); `None` if `elapsed_secs` is not finite or the moment, in UTC or at
/// `offset`, falls outside [`CALENDAR_YEARS`]. Never panics.
pub fn checked_local_time(
    departure: DateTime<FixedOffset>,
    elapsed_secs: f64,
    offset: Option<FixedOffset>,
) -> Option<DateTime<FixedOffset>> {
    let millis = (elapsed_secs * 1000.0).round();
    if !millis.is_finite() || millis.abs() > MAX_ELAPSED_MILLIS {
        return None;
    }
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a whole number of at most 3.2e14, checked above"
    )]
    let elapsed = TimeDelta::try_milliseconds(millis as i64)?;
    let utc: NaiveDateTime = departure.naive_utc().checked_add_signed(elapsed)?;
    let offset = offset.unwrap_or(FixedOffset::east_opt(0)?);
    let local = utc.checked_add_offset(offset)?;
    (CALENDAR_YEARS.contains(&utc.year()) && CALENDAR_YEARS.contains(&local.year()))
        .then(|| DateTime::from_naive_utc_and_offset(utc, offset))
}

/// Seconds from `from` to `to` (negative if `to` is earlier). Cannot overflow: chrono's
/// dates span ±262,143 years, a `TimeDelta` ±292 million years, and any whole number of
/// milliseconds in that span converts to an f64 within 1 ms.
pub fn seconds_between(from: DateTime<FixedOffset>, to: DateTime<FixedOffset>) -> f64 {
    #[expect(
        clippy::cast_precision_loss,
        reason = "milliseconds below 2^53 are exact; beyond, within a millisecond"
    )]
    let millis = to.signed_duration_since(from).num_milliseconds() as f64;
    millis / 1000.0
}

#[cfg(test)]
mod tests;
