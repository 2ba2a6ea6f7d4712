//! Turning a [`Draft`] and the author's [`StoryChoices`] into a [`Story`] that `validate`
//! accepts ([`build_story`]; [`to_story`] with the choices `storyroute draft` makes): the
//! places that are not waypoints are the route, in order (the first the origin, the last
//! the destination; between them the role the author set, else a border place if its
//! sentence speaks of a border, else a stop), consecutive stops are joined by legs drawn as great circles through
//! the author's via points, with the official distance where one is given (else the leg says
//! its length is measured on the line), the speed found becomes the default speed with its
//! sentence as the quote, and the times found that the choices take, near a place, become its reported times,
//! approximate and marked "to confirm" (or "confirmed", when the author accepted them).
//!
//! Invariants: every excerpt and the speed's quote are spans of the draft's text inside one
//! sentence, so they occur verbatim in the story's article; place ids are unique; legs chain
//! from the origin to the destination; each leg's points are at most [`LEG_STEP_KM`] apart.

use super::Draft;
use super::choices::{PlaceChoice, StoryChoices, automatic_status};
use crate::gazetteer::{Gazetteer, Kind};
use crate::geodesy::LonLat;
use crate::story::{
    Extra, FeatureRef, Leg, Place, ReportedSpeed, ReportedTime, Role, SourceRef, SourcedDistance,
    Status, Story, StoryKind, StoryMeta,
};
use crate::units::{Distance, Speed};
use chrono::{FixedOffset, NaiveDate, Offset as _, TimeZone as _};
use geo::{Geodesic, InterpolatePoint as _};
use std::collections::HashSet;

/// The longest straight piece of a drawn leg: short enough that the line on a Mercator map
/// follows the great circle.
pub const LEG_STEP_KM: f64 = 50.0;

/// What a leg with no official distance says about its length.
pub const MEASURED_NOTE: &str = "measured along the line drawn on the map (no official figure)";

/// What the source of every time found in the text says.
pub const FOUND_TIME_SOURCE: &str = "the article, found by storyroute draft: to confirm";

/// What the source of a time found in the text says once the author has accepted it.
pub const CONFIRMED_TIME_SOURCE: &str =
    "the article, found by storyroute draft: confirmed by the author";

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

/// The story's place for one choice: the reading's entry, at the author's position if
/// they moved it, with the chosen excerpts.
fn place_for(
    draft: &Draft,
    gazetteer: &Gazetteer,
    choice: &PlaceChoice,
    used: &mut HashSet<String>,
) -> Option<Place> {
    let candidate = draft.candidates.get(choice.candidate)?;
    let entry = gazetteer.entry(candidate.readings.get(choice.reading)?.entry)?;
    let mut place = Place::new(
        unique_id(&entry.name, used),
        entry.name.clone(),
        choice.moved_to.unwrap_or_else(|| entry.position()),
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
    let source = format!("{}{id}", gazetteer.source_of(entry));
    place.coordinate_source = Some(match choice.moved_to {
        Some(_) => format!("placed by the author on the map, near {source}"),
        None => source,
    });
    place.coordinate_quality = Some(
        match (choice.moved_to, entry.kind) {
            (Some(_), _) | (None, Kind::Country) => "estimate",
            (None, Kind::Station) => "station",
            (None, Kind::City | Kind::Town) => "town",
        }
        .to_owned(),
    );
    place.excerpts = choice
        .excerpts
        .iter()
        .map(|span| draft.slice(span).trim().to_owned())
        .filter(|excerpt| !excerpt.is_empty())
        .collect();
    place.note = Some(format!(
        "Found by storyroute draft as “{}”; check the place and its role.",
        candidate.name
    ));
    Some(place)
}

/// Whether one of the candidate's sentences speaks of a border.
fn speaks_of_border(draft: &Draft, candidate: usize) -> bool {
    draft.candidates.get(candidate).is_some_and(|candidate| {
        candidate.mentions.iter().any(|mention| {
            draft
                .sentences
                .get(mention.sentence)
                .is_some_and(|s| draft.slice(s).to_lowercase().contains("border"))
        })
    })
}

/// The line of a leg: great circles from `a` through each via point to `b`.
fn leg_line(a: LonLat, via: &[LonLat], b: LonLat) -> Vec<LonLat> {
    let corners: Vec<LonLat> = std::iter::once(a)
        .chain(via.iter().copied())
        .chain(std::iter::once(b))
        .collect();
    let mut line: Vec<LonLat> = Vec::new();
    for point in corners
        .windows(2)
        .flat_map(|pair| great_circle(pair[0], pair[1]))
    {
        // A piece starts where the last ended, and the geodesic's last step may land a
        // hair from its end: one point there, the later (the corner itself).
        match line.last_mut() {
            Some(last)
                if (last.lon - point.lon).abs() < 1e-9 && (last.lat - point.lat).abs() < 1e-9 =>
            {
                *last = point;
            }
            _ => line.push(point),
        }
    }
    line
}

/// The story a draft tells, titled `title`, with the choices `storyroute draft` makes.
pub fn to_story(draft: &Draft, gazetteer: &Gazetteer, title: &str) -> Result<Story, DraftError> {
    build_story(
        draft,
        gazetteer,
        &StoryChoices::automatic(draft, gazetteer),
        title,
    )
}

/// The story a draft tells with the author's `choices`, titled `title`: the places that
/// are not waypoints, in order, joined by legs.
pub fn build_story(
    draft: &Draft,
    gazetteer: &Gazetteer,
    choices: &StoryChoices,
    title: &str,
) -> Result<Story, DraftError> {
    let mut used = HashSet::new();
    // The story's places with the candidate each comes from, the route's first.
    let built: Vec<(&PlaceChoice, Place)> = choices
        .places
        .iter()
        .filter_map(|choice| Some((choice, place_for(draft, gazetteer, choice, &mut used)?)))
        .collect();
    let (mut route, waypoints): (Vec<_>, Vec<_>) = built
        .into_iter()
        .partition(|(choice, _)| choice.role != Some(Role::Waypoint));
    if route.len() < 2 {
        return Err(DraftError::TooFewPlaces {
            found: route.len(),
            names: route
                .iter()
                .map(|(_, place)| place.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    let last = route.len() - 1;
    for (position, (choice, place)) in route.iter_mut().enumerate() {
        // The ends of the route are its origin and destination whatever was chosen (a story
        // has one of each); a role chosen for a place between them is kept.
        let role = match (position, choice.role) {
            (0, _) => Role::Origin,
            (p, _) if p == last => Role::Destination,
            (_, Some(Role::Origin | Role::Destination)) => Role::Stop,
            (_, Some(role)) => role,
            (_, None) if speaks_of_border(draft, choice.candidate) => Role::Border,
            (_, None) => Role::Stop,
        };
        place.role = role;
        place.status = Some(choice.status.unwrap_or(automatic_status(role)));
    }
    let legs: Vec<Leg> = route
        .windows(2)
        .map(|pair| {
            let ((from_choice, from), (to_choice, to)) = (&pair[0], &pair[1]);
            let said = choices.leg(from_choice.candidate, to_choice.candidate);
            let via = said.map(|leg| leg.via.as_slice()).unwrap_or_default();
            let mut leg = Leg::new(
                from.id.clone(),
                to.id.clone(),
                leg_line(from.position, via, to.position),
            );
            match said.and_then(|leg| leg.official.as_ref()) {
                Some(official) => {
                    leg.rail_distance = Some(SourcedDistance {
                        distance: Distance::from_km(official.km),
                        source: official.source.clone(),
                        note: None,
                    });
                }
                None => leg.rail_distance_note = Some(MEASURED_NOTE.to_owned()),
            }
            leg
        })
        .collect();
    let mut from_candidate = Vec::with_capacity(route.len() + waypoints.len());
    let mut places = Vec::with_capacity(from_candidate.capacity());
    for (choice, place) in route {
        from_candidate.push(choice.candidate);
        places.push(place);
    }
    for (choice, mut place) in waypoints {
        place.role = Role::Waypoint;
        place.status = Some(choice.status.unwrap_or(Status::Bypassed));
        from_candidate.push(choice.candidate);
        places.push(place);
    }
    add_reported_times(draft, choices, &from_candidate, &mut places);

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
    if let Some(found) = draft.speed.as_ref().filter(|_| choices.use_speed)
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

/// Each time found that the choices take ([`StoryChoices::times`]) near a place in the
/// story, with a day and a clock time and the place's offset known, becomes its reported
/// arrival (its departure for the origin), approximate, to confirm or confirmed
/// ([`StoryChoices::times_confirmed`]); the first such time of a place wins.
fn add_reported_times(
    draft: &Draft,
    choices: &StoryChoices,
    from_candidate: &[usize],
    places: &mut [Place],
) {
    let (source, said) = if choices.times_confirmed {
        (CONFIRMED_TIME_SOURCE, "confirmed")
    } else {
        (FOUND_TIME_SOURCE, "to confirm")
    };
    let taken = draft
        .times
        .iter()
        .enumerate()
        .filter(|(index, _)| choices.times.contains(index))
        .map(|(_, found)| found);
    for found in taken {
        let (Some(date), Some(time), Some(candidate)) = (found.date, found.time, found.candidate)
        else {
            continue;
        };
        let Some(place) = from_candidate
            .iter()
            .position(|&c| c == candidate)
            .and_then(|index| places.get_mut(index))
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
            source: source.to_owned(),
            approximate: true,
            note: Some(format!("{said}: “{sentence}”")),
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
