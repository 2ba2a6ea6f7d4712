//! Labels that tell a name's readings apart: "Paris, France", "Paris, United States".
//!
//! Invariants: one label per reading, in the readings' order; two readings of a candidate
//! get the same label only if their name, country, time zone and population are all the
//! same.

use crate::draft::Draft;
use crate::gazetteer::{Entry, Gazetteer, Kind};
use crate::geodesy::geodesic_distance;

/// The name of the country `entry` is in: of the countries with its code (a code may have
/// several: France and Clipperton Island), the one whose label point is nearest.
fn country_name<'g>(countries: &[&'g Entry], entry: &Entry) -> Option<&'g str> {
    countries
        .iter()
        .filter(|country| country.country == entry.country)
        .map(|country| {
            let metres = geodesic_distance(country.position(), entry.position()).metres();
            (metres, country.name.as_str())
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// For each candidate of the draft, a label for each of its readings.
pub fn reading_labels(draft: &Draft, gazetteer: &Gazetteer) -> Vec<Vec<String>> {
    let countries: Vec<&Entry> = gazetteer
        .entries
        .iter()
        .filter(|entry| entry.kind == Kind::Country && !entry.country.is_empty())
        .collect();
    draft
        .candidates
        .iter()
        .map(|candidate| {
            let entries: Vec<Option<&Entry>> = candidate
                .readings
                .iter()
                .map(|reading| gazetteer.entry(reading.entry))
                .collect();
            let plain: Vec<String> = entries
                .iter()
                .map(|entry| match entry {
                    None => "an unknown place".to_owned(),
                    Some(entry) if entry.kind == Kind::Country => {
                        format!("{} (the country)", entry.name)
                    }
                    Some(entry) => {
                        let country =
                            country_name(&countries, entry).unwrap_or(entry.country.as_str());
                        if country.is_empty() {
                            entry.name.clone()
                        } else {
                            format!("{}, {country}", entry.name)
                        }
                    }
                })
                .collect();
            plain
                .iter()
                .zip(&entries)
                .map(|(label, entry)| {
                    let shared = plain.iter().filter(|other| *other == label).count() > 1;
                    match entry {
                        Some(entry) if shared => {
                            let zone = gazetteer.timezone_of(entry).unwrap_or("no time zone");
                            format!("{label} ({zone}, population {})", entry.population)
                        }
                        _ => label.clone(),
                    }
                })
                .collect()
        })
        .collect()
}
