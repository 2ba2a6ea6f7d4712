//! What the reported times say about the speed: the moments a story reports along its route,
//! the speed implied between every two consecutive places that have reported times, and the
//! single speed that best fits the reported arrivals.
//!
//! Invariants and rules:
//! - Only the route counts (never the what-if detour): reports are about the journey as it
//!   happened. Distances are along the route, each leg's estimate distance (rail when
//!   known, else the drawn line), and an implied speed says when a drawn leg is part of it.
//! - The origin's moment is its reported departure, else the story's departure; when that
//!   departure is an assumption, every figure it enters says so (`departure_assumed`).
//! - An implied speed runs from the "from" place's reported departure (else its arrival) to
//!   the "to" place's reported arrival (else its departure), so a stop at the "from" place
//!   that has no reported departure is inside the elapsed time.
//! - The best fit is least squares on arrival times (see [`best_fit`]); its speed is always a
//!   valid [`Speed`] (0.1–1,000 km/h) or none. Nothing here panics on any story.

use super::itinerary::{dwell_secs_at, seconds_between};
use super::{DistanceBasis, Route};
use crate::story::{ReportedTime, Story};
use crate::units::{Distance, METRES_PER_MILE, Speed, SpeedUnit, format_duration};
use chrono::{DateTime, FixedOffset};

/// Whether a reported moment is an arrival or a departure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MomentKind {
    /// The train arrived (or passed).
    Arrival,
    /// The train left.
    Departure,
}

/// A time the story reports at a place on the route.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportedMoment {
    /// Position of the place in [`Route::stops`].
    pub stop: usize,
    /// Index of the place in [`Story::places`].
    pub place: usize,
    /// Arrival or departure.
    pub kind: MomentKind,
    /// The reported time, in the place's local time as the story gives it.
    pub time: DateTime<FixedOffset>,
    /// The report is approximate ("about 05:15 Moscow time").
    pub approximate: bool,
    /// This is the story's departure and it is an assumption.
    pub assumed: bool,
    /// Who reported it.
    pub source: String,
    /// What the report says exactly, if the story says.
    pub note: Option<String>,
    /// Distance along the route from the origin.
    pub distance: Distance,
}

/// The speed the reports imply between two consecutive places with reported times.
#[derive(Clone, Debug, PartialEq)]
pub struct ImpliedSpeed {
    /// The earlier moment (a departure, else an arrival).
    pub from: ReportedMoment,
    /// The later moment (an arrival, else a departure).
    pub to: ReportedMoment,
    /// Distance along the route between them.
    pub distance: Distance,
    /// Reported seconds between them.
    pub reported_secs: f64,
    /// Distance over time; `None` when the time is not positive or the distance is zero.
    pub speed_kmh: Option<f64>,
    /// The "from" time is the story's assumed departure.
    pub departure_assumed: bool,
    /// One of the two times is approximate.
    pub approximate: bool,
    /// A leg in between has no official rail distance (the drawn length is used).
    pub includes_drawn: bool,
}

impl ImpliedSpeed {
    /// The speed in words, for the itinerary and the table: "Khasan → Baranovsky: reported
    /// 6 h 15 min for 238 km, i.e. 38 km/h, 24 mph", then what to keep in mind (the assumed
    /// departure, approximate times, drawn distances).
    pub fn sentence(&self, story: &Story) -> String {
        let name = |index: usize| story.place_name(index);
        let speed = match self.speed_kmh {
            Some(kmh) => format!(
                "i.e. {} km/h, {} mph",
                group_thousands(kmh),
                group_thousands(kmh * 1000.0 / METRES_PER_MILE)
            ),
            None => "which implies no forward speed".to_owned(),
        };
        let mut text = format!(
            "{} → {}: reported {} for {} km, {speed}",
            name(self.from.place),
            name(self.to.place),
            format_duration(self.reported_secs),
            group_thousands(self.distance.km()),
        );
        let cautions: Vec<&str> = [
            (self.departure_assumed, "from the assumed departure"),
            (self.approximate, "an approximate time"),
            (self.includes_drawn, "partly the drawn length"),
        ]
        .into_iter()
        .filter_map(|(on, caution)| on.then_some(caution))
        .collect();
        if !cautions.is_empty() {
            text = format!("{text} ({})", cautions.join("; "));
        }
        text
    }
}

/// A figure rounded to a whole number with thousands separated by commas: "1,698".
pub fn group_thousands(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let rounded = format!("{:.0}", value.abs());
    let mut grouped = String::new();
    for (index, digit) in rounded.chars().enumerate() {
        if index > 0 && (rounded.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if value.round() < 0.0 {
        format!("−{grouped}")
    } else {
        grouped
    }
}

/// One reported arrival against the best-fit estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct Residual {
    /// Index of the place in [`Story::places`].
    pub place: usize,
    /// Reported seconds from the departure to the arrival.
    pub reported_secs: f64,
    /// Seconds the best-fit speed gives (stops included).
    pub fitted_secs: f64,
    /// Fitted minus reported, in seconds: positive when the fit arrives later.
    pub residual_secs: f64,
}

/// The single speed that best matches the reported arrivals.
#[derive(Clone, Debug, PartialEq)]
pub struct BestFit {
    /// The speed, clamped to 0.1–1,000 km/h; `None` without a departure, without reported
    /// arrivals after it, or when they do not determine a positive speed.
    pub speed: Option<Speed>,
    /// The speed before clamping, km/h.
    pub unclamped_kmh: Option<f64>,
    /// Each reported arrival against the fit (empty without a speed).
    pub residuals: Vec<Residual>,
    /// The departure used is the story's assumption.
    pub departure_assumed: bool,
}

/// Distance along the route from the origin to each stop, same length as [`Route::stops`].
pub fn stop_distances(route: &Route) -> Vec<Distance> {
    let mut distances = Vec::with_capacity(route.stops.len());
    let mut travelled = Distance::ZERO;
    distances.push(travelled);
    for leg in &route.legs {
        travelled += leg.distance();
        distances.push(travelled);
    }
    distances.truncate(route.stops.len());
    distances
}

/// Every time the story reports along its route, in route order (at one place the arrival
/// before the departure). The origin's departure is its reported departure, else the story's
/// departure.
pub fn reported_moments(story: &Story, route: &Route) -> Vec<ReportedMoment> {
    let distances = stop_distances(route);
    let departure = story.meta.departure.as_ref();
    let mut moments = Vec::new();
    for (stop, (&place_index, &distance)) in route.stops.iter().zip(&distances).enumerate() {
        let Some(place) = story.places.get(place_index) else {
            continue;
        };
        let moment = |kind: MomentKind, reported: &ReportedTime| ReportedMoment {
            stop,
            place: place_index,
            kind,
            time: reported.time,
            approximate: reported.approximate,
            assumed: false,
            source: reported.source.clone(),
            note: reported.note.clone(),
            distance,
        };
        if stop > 0
            && let Some(arrival) = &place.reported_arrival
        {
            moments.push(moment(MomentKind::Arrival, arrival));
        }
        let leaving = match (&place.reported_departure, departure) {
            (Some(reported), _) => Some(moment(MomentKind::Departure, reported)),
            (None, Some(departure)) if stop == 0 => Some(ReportedMoment {
                stop,
                place: place_index,
                kind: MomentKind::Departure,
                time: departure.time,
                approximate: false,
                assumed: false,
                source: departure.source.clone().unwrap_or_default(),
                note: departure.note.clone(),
                distance,
            }),
            _ => None,
        };
        if let Some(mut leaving) = leaving {
            // The origin's time is the story's departure: say when that is an assumption.
            leaving.assumed =
                stop == 0 && departure.is_some_and(|d| d.assumed && d.time == leaving.time);
            moments.push(leaving);
        }
    }
    moments
}

/// The speed implied between every two consecutive places that have reported times.
pub fn implied_speeds(story: &Story, route: &Route) -> Vec<ImpliedSpeed> {
    let moments = reported_moments(story, route);
    // Per stop with reports: the time it was left (departure, else arrival) and reached
    // (arrival, else departure).
    let mut per_stop: Vec<(&ReportedMoment, &ReportedMoment)> = Vec::new();
    for moment in &moments {
        match per_stop.last_mut() {
            Some((reached, left)) if reached.stop == moment.stop => {
                if moment.kind == MomentKind::Departure {
                    *left = moment;
                } else {
                    *reached = moment;
                }
            }
            _ => per_stop.push((moment, moment)),
        }
    }
    per_stop
        .windows(2)
        .map(|pair| {
            let (_, from) = pair[0];
            let (to, _) = pair[1];
            let distance = Distance::from_metres(to.distance.metres() - from.distance.metres());
            let reported_secs = seconds_between(from.time, to.time);
            let speed_kmh = (reported_secs > 0.0 && distance.metres() > 0.0)
                .then(|| distance.km() / (reported_secs / 3600.0))
                .filter(|kmh| kmh.is_finite());
            let includes_drawn = route
                .legs
                .get(from.stop..to.stop)
                .unwrap_or_default()
                .iter()
                .any(|leg| matches!(leg.basis(), DistanceBasis::Drawn { .. }));
            ImpliedSpeed {
                distance,
                reported_secs,
                speed_kmh,
                departure_assumed: from.assumed,
                approximate: from.approximate || to.approximate,
                includes_drawn,
                from: from.clone(),
                to: to.clone(),
            }
        })
        .collect()
}

/// Seconds of stops spent before arriving at each stop of the route (the origin's stop is
/// not counted, as in the itinerary), same length as [`Route::stops`].
pub fn stop_dwells_secs(story: &Story, route: &Route) -> Vec<f64> {
    let mut dwells = Vec::with_capacity(route.stops.len());
    let mut total = 0.0;
    dwells.push(total);
    for (index, leg) in route.legs.iter().enumerate() {
        if index > 0 {
            total += dwell_secs_at(story, leg.from);
        }
        dwells.push(total);
    }
    dwells.truncate(route.stops.len());
    dwells
}

/// The single speed that best matches the reported arrivals, stops included.
///
/// The estimate says a place at distance `dᵢ` along the route is reached at
/// `tᵢ = dᵢ / v + wᵢ` after the departure, `wᵢ` being the stops before it. With `u = 1/v`
/// that is linear in `u`; minimising `Σ (tᵢ − wᵢ − dᵢ·u)²` over the reported arrivals gives
/// `u = Σ dᵢ (tᵢ − wᵢ) / Σ dᵢ²` and `v = 1/u`, clamped to the valid speeds (0.1–1,000
/// km/h). Times in hours and distances in km give km/h. Each residual is the fitted time
/// minus the reported one.
pub fn best_fit(story: &Story, route: &Route) -> BestFit {
    let moments = reported_moments(story, route);
    let dwells = stop_dwells_secs(story, route);
    let departure = moments
        .iter()
        .find(|moment| moment.stop == 0 && moment.kind == MomentKind::Departure);
    let none = BestFit {
        speed: None,
        unclamped_kmh: None,
        residuals: Vec::new(),
        departure_assumed: departure.is_some_and(|d| d.assumed),
    };
    let Some(departure) = departure else {
        return none;
    };
    // (place, dᵢ km, tᵢ h, wᵢ h)
    let arrivals: Vec<(usize, f64, f64, f64)> = moments
        .iter()
        .filter(|moment| moment.kind == MomentKind::Arrival && moment.distance.km() > 0.0)
        .map(|moment| {
            (
                moment.place,
                moment.distance.km(),
                seconds_between(departure.time, moment.time) / 3600.0,
                dwells.get(moment.stop).copied().unwrap_or(0.0) / 3600.0,
            )
        })
        .collect();
    let numerator: f64 = arrivals.iter().map(|(_, d, t, w)| d * (t - w)).sum();
    let denominator: f64 = arrivals.iter().map(|(_, d, _, _)| d * d).sum();
    let u = numerator / denominator;
    if !(u.is_finite() && u > 0.0) {
        return none;
    }
    let unclamped_kmh = 1.0 / u;
    let kmh = unclamped_kmh.clamp(Speed::MIN_KMH, Speed::MAX_KMH);
    let Ok(speed) = Speed::new(kmh, SpeedUnit::Kmh) else {
        return none;
    };
    let residuals = arrivals
        .iter()
        .map(|&(place, d, t, w)| {
            let fitted_secs = (d / kmh + w) * 3600.0;
            let reported_secs = t * 3600.0;
            Residual {
                place,
                reported_secs,
                fitted_secs,
                residual_secs: fitted_secs - reported_secs,
            }
        })
        .collect();
    BestFit {
        speed: Some(speed),
        unclamped_kmh: Some(unclamped_kmh),
        residuals,
        departure_assumed: departure.assumed,
    }
}

#[cfg(test)]
#[path = "implied_tests.rs"]
mod tests;
