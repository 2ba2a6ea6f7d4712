//! Ranking the gazetteer entries a name may be: a bigger place is likelier ("Paris" is
//! France's before Texas'), a place in a country the text names likelier still, and a place
//! near the other places of the text likelier again ("Vladimir" near Moscow in a story about
//! Russia). Stations taken from a story and countries rank above towns of the same name.
//!
//! Invariants: scores are finite; the ranking of one name depends on the others only through
//! the best reading of each (sizes and countries first, then two rounds of nearness to the
//! previous round's choices).

use super::Reading;
use crate::gazetteer::{Entry, Gazetteer, Kind};
use geo::{Distance as _, Haversine};
use std::collections::HashSet;

/// How much a place of ten times the people counts (one point per power of ten).
fn size_score(entry: &Entry) -> f64 {
    match entry.kind {
        // A country named in a text is the country, not a town of that name.
        Kind::Country => 9.0,
        // A station or site a story names is what a journey story means by the name.
        Kind::Station => 6.0,
        Kind::City | Kind::Town => (f64::from(entry.population) + 1.0).log10(),
    }
}

/// Points for lying in a country the text names (even as "U.S.", which is not taken as a
/// place).
const NAMED_COUNTRY: f64 = 2.5;

/// Points for being near another place found: up to this much, halved every
/// [`NEAR_HALF_KM`]; summed over the other places, up to [`NEARNESS_MAX`].
const NEARNESS: f64 = 2.0;
const NEARNESS_MAX: f64 = 3.0;
const NEAR_HALF_KM: f64 = 250.0;

/// How many names' choices the nearness is measured to.
const NEIGHBOURS: usize = 100;

/// Rounds of nearness: the second sees the first's choices ("Sherman" is the Texan one once
/// Dallas is known), so a homonym near a homonym is found.
const ROUNDS: usize = 2;

/// Rank each name's readings, best first: `readings[i]` are the entries name `i` may be.
pub fn rank(gazetteer: &Gazetteer, readings: &mut [Vec<Reading>], countries: &HashSet<String>) {
    let base: Vec<Vec<f64>> = readings
        .iter()
        .map(|list| {
            list.iter()
                .map(|reading| {
                    gazetteer.entry(reading.entry).map_or(0.0, |entry| {
                        let named =
                            entry.kind != Kind::Country && countries.contains(&entry.country);
                        size_score(entry) + if named { NAMED_COUNTRY } else { 0.0 }
                    })
                })
                .collect()
        })
        .collect();
    for (list, scores) in readings.iter_mut().zip(&base) {
        for (reading, score) in list.iter_mut().zip(scores) {
            reading.score = *score;
        }
    }
    for _ in 0..ROUNDS {
        // This round's choice of every name that is not a country (of the first
        // [`NEIGHBOURS`] names: enough for any article, and bounded for any text).
        let chosen: Vec<Option<&Entry>> = readings
            .iter()
            .take(NEIGHBOURS)
            .map(|list| {
                list.iter()
                    .max_by(|a, b| a.score.total_cmp(&b.score).then(b.entry.cmp(&a.entry)))
                    .and_then(|reading| gazetteer.entry(reading.entry))
                    .filter(|entry| entry.kind != Kind::Country)
            })
            .collect();
        let nearness: Vec<Vec<f64>> = readings
            .iter()
            .enumerate()
            .map(|(index, list)| {
                // A name with one reading has nothing to choose between.
                if list.len() < 2 {
                    return Vec::new();
                }
                list.iter()
                    .map(|reading| near_others(gazetteer, reading, index, &chosen))
                    .collect()
            })
            .collect();
        for ((list, scores), extra) in readings.iter_mut().zip(&base).zip(nearness) {
            for ((reading, score), extra) in list.iter_mut().zip(scores).zip(extra) {
                reading.score = score + extra;
            }
        }
    }
    for list in readings.iter_mut() {
        sort(list);
    }
}

/// Points for a reading of name `index` lying near the other names' choices.
fn near_others(
    gazetteer: &Gazetteer,
    reading: &Reading,
    index: usize,
    chosen: &[Option<&Entry>],
) -> f64 {
    let Some(entry) = gazetteer.entry(reading.entry) else {
        return 0.0;
    };
    if entry.kind == Kind::Country {
        return 0.0;
    }
    chosen
        .iter()
        .enumerate()
        .filter(|(other, _)| *other != index)
        .filter_map(|(_, other)| *other)
        .map(|other| {
            // On the sphere: a ranking needs no ellipsoid, and this runs often.
            let km = Haversine.distance(entry.position().to_point(), other.position().to_point())
                / 1000.0;
            NEARNESS * 0.5_f64.powf(km / NEAR_HALF_KM)
        })
        .sum::<f64>()
        .min(NEARNESS_MAX)
}

fn sort(list: &mut [Reading]) {
    list.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
}
