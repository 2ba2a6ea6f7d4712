//! The author's edits as values ([`DeskEdit`]) and the one reducer that applies them
//! ([`reduce`]). Places are named by their candidate's index in the draft, which no edit
//! changes, so an edit means the same thing whatever order the desk is in.
//!
//! Invariants: [`reduce`] takes any edit, with any numbers, on any state without panicking;
//! an edit that names no candidate, no reading, no excerpt, no time found, or carries a position or a
//! distance out of range changes nothing; every state it returns keeps the invariants of
//! [`DeskState`].

use super::state::DeskState;
use super::trim::{Trim, trim_end, trim_start, untrim};
use crate::draft::{Draft, LegChoice, OfficialDistance};
use crate::geodesy::LonLat;
use crate::story::{Role, Status};

/// Something the author did at the desk.
#[derive(Clone, Debug, PartialEq)]
pub enum DeskEdit {
    /// Take the candidate as a place of the story, or leave it out.
    SetUsed {
        /// The candidate.
        candidate: usize,
        /// Taken.
        used: bool,
    },
    /// Take another reading (a homonym) of the candidate; a position it was moved to is
    /// forgotten.
    ChooseReading {
        /// The candidate.
        candidate: usize,
        /// An index into its readings.
        reading: usize,
    },
    /// Set its role (`None`: from its place on the route). The route's ends are its
    /// origin and destination: reorder to change them; these two roles are refused here.
    SetRole {
        /// The candidate.
        candidate: usize,
        /// The role.
        role: Option<Role>,
    },
    /// Set its status (`None`: from its role).
    SetStatus {
        /// The candidate.
        candidate: usize,
        /// The status.
        status: Option<Status>,
    },
    /// Move it before the previous place that is used as it is (or not used as it is).
    MoveUp(usize),
    /// Move it after the next place that is used as it is (or not used as it is).
    MoveDown(usize),
    /// Put it at this index of the desk's order (a drag in the list).
    MoveToIndex {
        /// The candidate.
        candidate: usize,
        /// Where it goes (clamped to the list).
        index: usize,
    },
    /// Put it here on the map.
    Relocate {
        /// The candidate.
        candidate: usize,
        /// Where.
        to: LonLat,
    },
    /// Back to its reading's position.
    ResetPosition(usize),
    /// Trim or untrim one of its excerpts.
    TrimExcerpt {
        /// The candidate.
        candidate: usize,
        /// An index into its excerpts.
        excerpt: usize,
        /// How.
        trim: Trim,
    },
    /// Make the leg between two candidates pass through a point.
    AddVia {
        /// Where the leg starts.
        from: usize,
        /// Where it ends.
        to: usize,
        /// Where among its via points (clamped).
        index: usize,
        /// The point.
        point: LonLat,
    },
    /// Draw the leg between two candidates as a great circle again.
    RemoveVias {
        /// Where the leg starts.
        from: usize,
        /// Where it ends.
        to: usize,
    },
    /// Give the leg an official distance, or take it away (`None`).
    SetOfficialDistance {
        /// Where the leg starts.
        from: usize,
        /// Where it ends.
        to: usize,
        /// The distance and its source (a source is needed).
        distance: Option<OfficialDistance>,
    },
    /// Take the speed found in the text as the story's speed, or not.
    UseSpeed(bool),
    /// Accept a time found in the text as a reported time of the place it is near, or only
    /// offer it again.
    AcceptTime {
        /// An index into the draft's times.
        time: usize,
        /// Accepted.
        accepted: bool,
    },
}

/// A position on the map, if it is one.
fn valid_position(point: LonLat) -> Option<LonLat> {
    (point.lon.is_finite()
        && point.lat.is_finite()
        && (-180.0..=180.0).contains(&point.lon)
        && (-90.0..=90.0).contains(&point.lat))
    .then_some(point)
}

/// The state after `edit` (the same state if the edit changes nothing).
pub fn reduce(draft: &Draft, state: &DeskState, edit: &DeskEdit) -> DeskState {
    let mut next = state.clone();
    apply(draft, &mut next, edit);
    next
}

fn apply(draft: &Draft, state: &mut DeskState, edit: &DeskEdit) {
    match edit {
        DeskEdit::SetUsed { candidate, used } => {
            if let Some(place) = place_mut(state, *candidate) {
                place.used = *used;
            }
        }
        DeskEdit::ChooseReading { candidate, reading } => {
            let readings = draft
                .candidates
                .get(*candidate)
                .map_or(0, |c| c.readings.len());
            if let Some(place) = place_mut(state, *candidate)
                && *reading < readings
            {
                place.choice.reading = *reading;
                place.choice.moved_to = None;
            }
        }
        DeskEdit::SetRole { candidate, role } => {
            let an_end = matches!(role, Some(Role::Origin | Role::Destination));
            if !an_end && let Some(place) = place_mut(state, *candidate) {
                place.choice.role = *role;
            }
        }
        DeskEdit::SetStatus { candidate, status } => {
            if let Some(place) = place_mut(state, *candidate) {
                place.choice.status = *status;
            }
        }
        DeskEdit::MoveUp(candidate) => {
            if let Some(from) = state.position_of(*candidate) {
                let used = state.places[from].used;
                if let Some(to) = (0..from).rev().find(|&i| state.places[i].used == used) {
                    let place = state.places.remove(from);
                    state.places.insert(to, place);
                }
            }
        }
        DeskEdit::MoveDown(candidate) => {
            if let Some(from) = state.position_of(*candidate) {
                let used = state.places[from].used;
                if let Some(to) =
                    (from + 1..state.places.len()).find(|&i| state.places[i].used == used)
                {
                    let place = state.places.remove(from);
                    state.places.insert(to, place);
                }
            }
        }
        DeskEdit::MoveToIndex { candidate, index } => {
            if let Some(from) = state.position_of(*candidate) {
                let place = state.places.remove(from);
                let to = (*index).min(state.places.len());
                state.places.insert(to, place);
            }
        }
        DeskEdit::Relocate { candidate, to } => {
            if let (Some(to), Some(place)) = (valid_position(*to), place_mut(state, *candidate)) {
                place.choice.moved_to = Some(to);
            }
        }
        DeskEdit::ResetPosition(candidate) => {
            if let Some(place) = place_mut(state, *candidate) {
                place.choice.moved_to = None;
            }
        }
        DeskEdit::TrimExcerpt {
            candidate,
            excerpt,
            trim,
        } => {
            if let Some(span) = place_mut(state, *candidate)
                .and_then(|place| place.choice.excerpts.get_mut(*excerpt))
            {
                *span = match trim {
                    Trim::Start => trim_start(&draft.text, span),
                    Trim::End => trim_end(&draft.text, span),
                    Trim::Untrim => untrim(&draft.sentences, span),
                };
            }
        }
        DeskEdit::AddVia {
            from,
            to,
            index,
            point,
        } => {
            if let Some(point) = valid_position(*point)
                && let Some(leg) = leg_mut(draft, state, *from, *to)
            {
                let at = (*index).min(leg.via.len());
                leg.via.insert(at, point);
            }
        }
        DeskEdit::RemoveVias { from, to } => {
            if let Some(leg) = leg_mut(draft, state, *from, *to) {
                leg.via.clear();
            }
        }
        DeskEdit::SetOfficialDistance { from, to, distance } => {
            let valid = distance.as_ref().is_none_or(|distance| {
                distance.km.is_finite() && distance.km > 0.0 && !distance.source.trim().is_empty()
            });
            if valid && let Some(leg) = leg_mut(draft, state, *from, *to) {
                leg.official.clone_from(distance);
            }
        }
        DeskEdit::UseSpeed(on) => state.use_speed = *on,
        DeskEdit::AcceptTime { time, accepted } => {
            if let Some(slot) = state.times.get_mut(*time) {
                *slot = *accepted;
            }
        }
    }
    // A leg with nothing said about it is the same as no entry: dropped, so that undoing
    // to an equal state finds an equal value.
    state
        .legs
        .retain(|leg| !leg.via.is_empty() || leg.official.is_some());
}

fn place_mut(state: &mut DeskState, candidate: usize) -> Option<&mut super::state::DeskPlace> {
    state
        .places
        .iter_mut()
        .find(|place| place.choice.candidate == candidate)
}

/// The leg choice between two candidates of the draft, made if there is none.
fn leg_mut<'s>(
    draft: &Draft,
    state: &'s mut DeskState,
    from: usize,
    to: usize,
) -> Option<&'s mut LegChoice> {
    if from >= draft.candidates.len() || to >= draft.candidates.len() || from == to {
        return None;
    }
    let index = match state
        .legs
        .iter()
        .position(|leg| leg.from == from && leg.to == to)
    {
        Some(index) => index,
        None => {
            state.legs.push(LegChoice {
                from,
                to,
                via: Vec::new(),
                official: None,
            });
            state.legs.len() - 1
        }
    };
    state.legs.get_mut(index)
}
