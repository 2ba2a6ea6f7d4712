//! What `storyroute draft` prints: what it found, what it assumed and what it could not
//! resolve, in words, so that the author knows what to check.
//!
//! Invariants: one line per place, per assumption and per kind of name left out; names are
//! quoted as the text writes them.

use super::{Cue, Draft};
use crate::gazetteer::{Gazetteer, Kind};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The report on a draft.
pub fn report(draft: &Draft, gazetteer: &Gazetteer) -> String {
    let mut out = String::new();
    let describe = |index: usize| {
        let Some(candidate) = draft.candidates.get(index) else {
            return String::from("?");
        };
        match draft.chosen_entry(gazetteer, candidate) {
            Some(entry) => {
                let country = if entry.country.is_empty() {
                    String::new()
                } else {
                    format!(", {}", entry.country)
                };
                format!("{}{country}", entry.name)
            }
            None => candidate.name.clone(),
        }
    };
    let _ = writeln!(out, "Found {} places:", draft.candidates.len());
    for (index, candidate) in draft.candidates.iter().enumerate() {
        let sense =
            Draft::first_cue(candidate).map_or("no travel sense", |(_, cue)| cue.describe());
        let others = candidate.readings.len().saturating_sub(1);
        let alternatives = if others == 0 {
            String::new()
        } else {
            format!(", {others} other reading(s)")
        };
        let _ = writeln!(
            out,
            "  “{}” → {} ({} mention(s), {sense}{alternatives})",
            candidate.name,
            describe(index),
            candidate.mentions.len()
        );
    }
    let route: Vec<String> = draft.route.iter().map(|&i| describe(i)).collect();
    let _ = writeln!(out, "Route: {}", route.join(" → "));

    let _ = writeln!(out, "Assumed:");
    if draft.origin_assumed
        && let Some(&origin) = draft.route.first()
    {
        let _ = writeln!(
            out,
            "  {} is the origin: no place is named as the start (\"from\", \"left\"); it is the most mentioned place off the route",
            describe(origin)
        );
    }
    for &index in &draft.route {
        if let Some(candidate) = draft.candidates.get(index)
            && candidate.readings.len() > 1
        {
            let scores: Vec<String> = candidate
                .readings
                .iter()
                .take(3)
                .filter_map(|reading| {
                    let entry = gazetteer.entry(reading.entry)?;
                    Some(format!(
                        "{}, {} {:.1}",
                        entry.name, entry.country, reading.score
                    ))
                })
                .collect();
            let _ = writeln!(
                out,
                "  “{}” is {}, the likeliest of {} places of that name (scores: {})",
                candidate.name,
                describe(index),
                candidate.readings.len(),
                scores.join("; ")
            );
        }
    }
    match &draft.speed {
        Some(found) => {
            let _ = writeln!(
                out,
                "  the speed: {} {} (“{}”)",
                found.speed.value,
                found.speed.input.unit.symbol(),
                draft.slice(&found.speed.span)
            );
        }
        None => {
            let _ = writeln!(out, "  the speed: 60 km/h (the article gives none)");
        }
    }
    match draft.date {
        Some(date) => {
            let _ = writeln!(
                out,
                "  the story's date: {date} (UTC offsets are taken on it)"
            );
        }
        None => {
            let _ = writeln!(out, "  no date: places have no UTC offset");
        }
    }

    let _ = writeln!(out, "Left out:");
    for (index, candidate) in draft.candidates.iter().enumerate() {
        if draft.route.contains(&index) {
            continue;
        }
        let is_country = draft
            .chosen_entry(gazetteer, candidate)
            .is_some_and(|entry| entry.kind == Kind::Country);
        let why = match Draft::first_cue(candidate) {
            _ if is_country => "a country: not drawn",
            Some((_, Cue::Bypassed)) => "bypassed: a waypoint off the route",
            _ => "no travel sense: named, not travelled to (not drawn)",
        };
        let _ = writeln!(out, "  “{}”: {why}", candidate.name);
    }
    let mut rejected: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for name in &draft.rejected {
        *rejected
            .entry((name.name.as_str(), name.why.reason()))
            .or_default() += 1;
    }
    for ((name, why), count) in rejected {
        let _ = writeln!(out, "  “{name}” ×{count}: {why}");
    }
    if !draft.times.is_empty() {
        let _ = writeln!(out, "Times to confirm:");
        for found in &draft.times {
            let place = found
                .candidate
                .map_or_else(|| "no place".to_owned(), describe);
            let _ = writeln!(out, "  “{}” near {place}", draft.slice(&found.span));
        }
    }
    out
}
