//! What an author decides about a [`Draft`] before it becomes a story: which candidates are
//! places of the story and in what order, which reading of each, its role and status, a
//! corrected position, the excerpts (spans of the draft's text), per leg the via points and
//! an official distance, and whether the speed found is taken. [`StoryChoices::automatic`]
//! is what `storyroute draft` decides with no questions; the app's desk starts from it and
//! lets the author change it. [`super::build_story`] turns any choices into a story.
//!
//! Invariants of [`StoryChoices::automatic`]: each candidate appears at most once; each
//! excerpt is a whole sentence of the draft; the route's candidates come first, in travel
//! order, then the bypassed places as waypoints.

use super::{Candidate, Cue, Draft};
use crate::gazetteer::{Gazetteer, Kind};
use crate::geodesy::LonLat;
use crate::story::{Role, Status};
use std::collections::HashSet;
use std::ops::Range;

/// What the author chose for one place of the story.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceChoice {
    /// The candidate (an index into [`Draft::candidates`]).
    pub candidate: usize,
    /// Its reading taken (an index into the candidate's readings).
    pub reading: usize,
    /// The role set by the author; `None`: from its place on the route. The first place of
    /// the route is the origin and the last the destination whatever is set here (a story
    /// has one of each); between them, `None` is a border if its sentence speaks of a
    /// border, else a stop. A waypoint is off the route: no leg goes to it.
    pub role: Option<Role>,
    /// The status set by the author; `None`: from the role.
    pub status: Option<Status>,
    /// Where the author moved it, if they did (else the reading's position).
    pub moved_to: Option<LonLat>,
    /// Its excerpts: spans of [`Draft::text`], each inside one sentence.
    pub excerpts: Vec<Range<usize>>,
}

/// A distance given by someone (a railway, a timetable), with who gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct OfficialDistance {
    /// The distance in kilometres (finite, above zero).
    pub km: f64,
    /// Who gives it.
    pub source: String,
}

/// What the author drew or said about the leg between two candidates.
#[derive(Clone, Debug, PartialEq)]
pub struct LegChoice {
    /// The candidate the leg starts at.
    pub from: usize,
    /// The candidate it ends at.
    pub to: usize,
    /// Points the line goes through, in order (else a great circle).
    pub via: Vec<LonLat>,
    /// The official distance, if one is known (else the drawn line's length).
    pub official: Option<OfficialDistance>,
}

/// Everything decided about a draft.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryChoices {
    /// The places of the story, in order: those that are not waypoints are the route, in
    /// travel order.
    pub places: Vec<PlaceChoice>,
    /// What is known about legs, by the pair of candidates they join (a pair not listed is
    /// a great circle with its measured length).
    pub legs: Vec<LegChoice>,
    /// Whether the speed found in the text is the story's speed.
    pub use_speed: bool,
    /// The times found that become reported times: indices into [`Draft::times`].
    pub times: Vec<usize>,
    /// Whether the author confirmed those times (else they are written "to confirm").
    pub times_confirmed: bool,
}

/// The sentences a candidate is mentioned in, each once, in order, as spans.
pub fn mention_sentences(draft: &Draft, candidate: &Candidate) -> Vec<Range<usize>> {
    let mut seen = HashSet::new();
    candidate
        .mentions
        .iter()
        .filter(|mention| seen.insert(mention.sentence))
        .filter_map(|mention| draft.sentences.get(mention.sentence).cloned())
        .filter(|span| !draft.slice(span).is_empty())
        .collect()
}

impl StoryChoices {
    /// The choices `storyroute draft` makes: the route in travel order with the most likely
    /// reading of each, then the bypassed places (but countries) as waypoints; whole
    /// sentences as excerpts; the speed found, if any; every time found (marked to confirm).
    pub fn automatic(draft: &Draft, gazetteer: &Gazetteer) -> Self {
        let choice = |index: usize, role: Option<Role>| {
            let candidate = draft.candidates.get(index)?;
            draft.chosen_entry(gazetteer, candidate)?;
            Some(PlaceChoice {
                candidate: index,
                reading: candidate.chosen?,
                role,
                status: None,
                moved_to: None,
                excerpts: mention_sentences(draft, candidate),
            })
        };
        let mut places: Vec<PlaceChoice> = draft
            .route
            .iter()
            .filter_map(|&index| choice(index, None))
            .collect();
        for (index, candidate) in draft.candidates.iter().enumerate() {
            let bypassed = matches!(Draft::first_cue(candidate), Some((_, Cue::Bypassed)));
            let is_country = draft
                .chosen_entry(gazetteer, candidate)
                .is_some_and(|entry| entry.kind == Kind::Country);
            if !draft.route.contains(&index) && bypassed && !is_country {
                places.extend(choice(index, Some(Role::Waypoint)));
            }
        }
        Self {
            places,
            legs: Vec::new(),
            use_speed: true,
            times: (0..draft.times.len()).collect(),
            times_confirmed: false,
        }
    }

    /// The leg choice between two candidates, if any.
    pub fn leg(&self, from: usize, to: usize) -> Option<&LegChoice> {
        self.legs
            .iter()
            .find(|leg| leg.from == from && leg.to == to)
    }
}

/// The status a place has when the author sets none: from its role.
pub fn automatic_status(role: Role) -> Status {
    match role {
        Role::Origin => Status::Departed,
        Role::Destination => Status::Arrived,
        Role::Waypoint => Status::Bypassed,
        Role::Border | Role::Stop => Status::Passed,
    }
}
