//! Turning a [`Draft`] into a [`Story`] that `validate` accepts: the route's candidates
//! become places (the first the origin, the last the destination, a stop whose sentence
//! speaks of a border a border place), bypassed places become waypoints, consecutive stops
//! are joined by legs drawn as great circles, the speed found becomes the default speed with
//! its sentence as the quote, and times found near a place become its reported times,
//! approximate and marked "to confirm".
//!
//! Invariants: every excerpt and the speed's quote are whole sentences of the draft's text,
//! so they occur verbatim in the story's article; place ids are unique; legs chain from the
//! origin to the destination; each leg's points are at most [`LEG_STEP_KM`] apart.

use super::{Candidate, Cue, Draft};
use crate::gazetteer::{Entry, Gazetteer, Kind};
use crate::geodesy::LonLat;
use crate::story::{
    Extra, FeatureRef, Leg, Place, ReportedSpeed, ReportedTime, Role, SourceRef, Status, Story,
    StoryKind, StoryMeta,
};
use crate::units::Speed;
use chrono::{FixedOffset, NaiveDate, Offset as _, TimeZone as _};
use geo::{Geodesic, InterpolatePoint as _};
use std::collections::HashSet;

/// The longest straight piece of a drawn leg: short enough that the line on a Mercator map
/// follows the great circle.
pub const LEG_STEP_KM: f64 = 50.0;

/// What the source of every time found in the text says.
pub const FOUND_TIME_SOURCE: &str = "the article, found by storyroute draft: to confirm";

/// Why a draft cannot be a story.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DraftError {
    /// A story needs an origin and a destination.
    #[error(
        "found {found} place(s) on a route ({names}); a story needs at least two: an origin and a destination"
    )]
    TooFewPlaces {
        /// How many.
        found: usize,
        /// Their names.
        names: String,
    },
}

/// The UTC offset of the IANA time zone `zone` at noon UTC on `date` (daylight saving
/// included); `None` for a name chrono-tz does not know.
pub fn utc_offset_on(zone: &str, date: NaiveDate) -> Option<FixedOffset> {
    let zone: chrono_tz::Tz = zone.parse().ok()?;
    let noon = date.and_hms_opt(12, 0, 0)?;
    Some(zone.offset_from_utc_datetime(&noon).fix())
}

/// A place id from a name: lower-case ASCII letters and digits joined by "-", made unique.
fn unique_id(name: &str, used: &mut HashSet<String>) -> String {
    let folded = crate::gazetteer::name_key(name);
    let base: String = folded
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let base = if base.is_empty() {
        "place".to_owned()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

/// The great circle from `a` to `b`, in pieces of at most [`LEG_STEP_KM`].
fn great_circle(a: LonLat, b: LonLat) -> Vec<LonLat> {
    let points: Vec<LonLat> = Geodesic
        .points_along_line(a.to_point(), b.to_point(), LEG_STEP_KM * 1000.0, true)
        .map(|p| LonLat::new(p.x(), p.y()))
        .filter(|p| p.lon.is_finite() && p.lat.is_finite())
        .collect();
    if points.len() < 2 { vec![a, b] } else { points }
}

/// The sentences a candidate is mentioned in, each once, in order.
fn excerpts(draft: &Draft, candidate: &Candidate) -> Vec<String> {
    let mut seen = HashSet::new();
    candidate
        .mentions
        .iter()
        .filter(|mention| seen.insert(mention.sentence))
        .filter_map(|mention| draft.sentences.get(mention.sentence))
        .map(|span| draft.slice(span).to_owned())
        .filter(|sentence| !sentence.is_empty())
        .collect()
}

fn place_for(
    draft: &Draft,
    gazetteer: &Gazetteer,
    candidate: &Candidate,
    entry: &Entry,
    used: &mut HashSet<String>,
) -> Place {
    let mut place = Place::new(
        unique_id(&entry.name, used),
        entry.name.clone(),
        entry.position(),
    );
    place.country = Some(entry.country.clone()).filter(|code| code.len() == 2);
    place.utc_offset = match (gazetteer.timezone_of(entry), draft.date) {
        (Some(zone), Some(date)) => utc_offset_on(zone, date),
        _ => None,
    };
    let id = entry
        .source_id
        .map(|id| format!(", id {id}"))
        .unwrap_or_default();
    place.coordinate_source = Some(format!("{}{id}", gazetteer.source_of(entry)));
    place.coordinate_quality = Some(
        match entry.kind {
            Kind::Station => "station",
            Kind::City | Kind::Town => "town",
            Kind::Country => "estimate",
        }
        .to_owned(),
    );
    place.excerpts = excerpts(draft, candidate);
    place.note = Some(format!(
        "Found by storyroute draft as “{}”; check the place and its role.",
        candidate.name
    ));
    place
}

/// The story a draft tells, titled `title`.
pub fn to_story(draft: &Draft, gazetteer: &Gazetteer, title: &str) -> Result<Story, DraftError> {
    let route: Vec<(&Candidate, &Entry)> = draft
        .route
        .iter()
        .filter_map(|&index| draft.candidates.get(index))
        .filter_map(|candidate| Some((candidate, draft.chosen_entry(gazetteer, candidate)?)))
        .collect();
    if route.len() < 2 {
        return Err(DraftError::TooFewPlaces {
            found: route.len(),
            names: route
                .iter()
                .map(|(c, _)| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    let mut used = HashSet::new();
    let mut places = Vec::new();
    let last = route.len() - 1;
    for (position, (candidate, entry)) in route.iter().enumerate() {
        let mut place = place_for(draft, gazetteer, candidate, entry, &mut used);
        let speaks_of_border = candidate.mentions.iter().any(|mention| {
            draft
                .sentences
                .get(mention.sentence)
                .is_some_and(|s| draft.slice(s).to_lowercase().contains("border"))
        });
        (place.role, place.status) = match position {
            0 => (Role::Origin, Some(Status::Departed)),
            p if p == last => (Role::Destination, Some(Status::Arrived)),
            _ if speaks_of_border => (Role::Border, Some(Status::Passed)),
            _ => (Role::Stop, Some(Status::Passed)),
        };
        places.push(place);
    }
    let legs: Vec<Leg> = places
        .windows(2)
        .map(|pair| {
            Leg::new(
                pair[0].id.clone(),
                pair[1].id.clone(),
                great_circle(pair[0].position, pair[1].position),
            )
        })
        .collect();
    for (index, candidate) in draft.candidates.iter().enumerate() {
        if draft.route.contains(&index)
            || !matches!(Draft::first_cue(candidate), Some((_, Cue::Bypassed)))
        {
            continue;
        }
        let Some(entry) = draft.chosen_entry(gazetteer, candidate) else {
            continue;
        };
        if entry.kind == Kind::Country {
            continue;
        }
        let mut place = place_for(draft, gazetteer, candidate, entry, &mut used);
        place.role = Role::Waypoint;
        place.status = Some(Status::Bypassed);
        places.push(place);
    }
    add_reported_times(draft, gazetteer, &mut places);

    let mut meta = StoryMeta::untold(
        title.to_owned(),
        "assumed: the article gives no speed (storyroute draft)",
    );
    meta.article = draft
        .paragraphs
        .iter()
        .map(|span| draft.slice(span).to_owned())
        .collect();
    meta.date = draft.date.map(|date| date.format("%Y-%m-%d").to_string());
    if let Some(found) = &draft.speed
        && let Ok(speed) = Speed::new(found.speed.value, found.speed.input.unit)
    {
        meta.default_speed = ReportedSpeed {
            value: found.speed.value,
            unit: found.speed.input.unit,
            speed,
            source: "the article (found by storyroute draft)".to_owned(),
            quote: draft
                .sentences
                .get(found.sentence)
                .map(|span| draft.slice(span).to_owned()),
            extra: Extra::new(),
        };
    }
    meta.sources = vec![SourceRef {
        label: "Places: GeoNames (geonames.org, CC BY 4.0) and Natural Earth (public domain), via storyroute's gazetteer".to_owned(),
        url: Some("https://www.geonames.org/".to_owned()),
    }];
    let feature_order = (0..places.len())
        .map(FeatureRef::Place)
        .chain((0..legs.len()).map(FeatureRef::Leg))
        .collect();
    Ok(Story {
        kind: StoryKind::Story,
        meta,
        places,
        legs,
        detours: Vec::new(),
        areas: Vec::new(),
        other_features: Vec::new(),
        feature_order,
        extra: Extra::new(),
    })
}

/// Each time found near a place in the story, with a day and a clock time and the place's
/// offset known, becomes its reported arrival (its departure for the origin), approximate
/// and to confirm; the first such time of a place wins.
fn add_reported_times(draft: &Draft, gazetteer: &Gazetteer, places: &mut [Place]) {
    for found in &draft.times {
        let (Some(date), Some(time), Some(candidate)) = (
            found.date,
            found.time,
            found.candidate.and_then(|c| draft.candidates.get(c)),
        ) else {
            continue;
        };
        let Some(entry) = draft.chosen_entry(gazetteer, candidate) else {
            continue;
        };
        let Some(place) = places
            .iter_mut()
            .find(|place| place.name == entry.name && place.position == entry.position())
        else {
            continue;
        };
        let Some(offset) = place.utc_offset else {
            continue;
        };
        let Some(when) = offset.from_local_datetime(&date.and_time(time)).single() else {
            continue;
        };
        let sentence = draft
            .sentences
            .get(found.sentence)
            .map(|span| draft.slice(span))
            .unwrap_or_default();
        let reported = ReportedTime {
            time: when,
            source: FOUND_TIME_SOURCE.to_owned(),
            approximate: true,
            note: Some(format!("to confirm: “{sentence}”")),
            extra: Extra::new(),
        };
        let slot = if place.role == Role::Origin {
            &mut place.reported_departure
        } else {
            &mut place.reported_arrival
        };
        if slot.is_none() {
            *slot = Some(reported);
        }
    }
}
