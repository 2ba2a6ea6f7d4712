//! The desk's state: every candidate of the draft with the author's choices about it, in
//! the order the author put them, the legs' via points and official distances, whether
//! the speed found is taken, and which times found the author accepted. A value: the desk
//! keeps earlier ones for undo.
//!
//! Invariants (kept by [`DeskState::start`] and the reducer): each candidate of the draft
//! that has a reading appears exactly once; each place's reading is one of its candidate's;
//! each excerpt lies inside one sentence of the draft, on `char` boundaries, and is not
//! empty; positions are finite and in range; each leg pair is listed at most once;
//! `times` has one entry per time found in the draft.

use crate::draft::{Draft, LegChoice, PlaceChoice, StoryChoices, mention_sentences};
use crate::gazetteer::Gazetteer;

/// One candidate on the desk.
#[derive(Clone, Debug, PartialEq)]
pub struct DeskPlace {
    /// Whether it is a place of the story (else the author rejected it, or has not taken
    /// it yet).
    pub used: bool,
    /// What the author chose about it.
    pub choice: PlaceChoice,
}

/// Everything the author has decided so far.
#[derive(Clone, Debug, PartialEq)]
pub struct DeskState {
    /// Every candidate, in the author's order: the used ones that are not waypoints are
    /// the route, in travel order.
    pub places: Vec<DeskPlace>,
    /// Via points and official distances, by pair of candidates.
    pub legs: Vec<LegChoice>,
    /// Whether the speed found in the text is the story's speed.
    pub use_speed: bool,
    /// For each time found ([`Draft::times`], same order): whether the author accepted it
    /// as a reported time (else it is only offered).
    pub times: Vec<bool>,
}

impl DeskState {
    /// The desk as `storyroute draft` would decide: its places used, in its order, then
    /// every other candidate, not used, in order of first mention; but no time found is
    /// accepted yet (each is offered, for the author to confirm).
    pub fn start(draft: &Draft, gazetteer: &Gazetteer) -> Self {
        let automatic = StoryChoices::automatic(draft, gazetteer);
        let mut places: Vec<DeskPlace> = automatic
            .places
            .into_iter()
            .map(|choice| DeskPlace { used: true, choice })
            .collect();
        for (index, candidate) in draft.candidates.iter().enumerate() {
            if candidate.readings.is_empty()
                || places.iter().any(|place| place.choice.candidate == index)
            {
                continue;
            }
            places.push(DeskPlace {
                used: false,
                choice: PlaceChoice {
                    candidate: index,
                    reading: candidate.chosen.unwrap_or(0),
                    role: None,
                    status: None,
                    moved_to: None,
                    excerpts: mention_sentences(draft, candidate),
                },
            });
        }
        Self {
            places,
            legs: automatic.legs,
            use_speed: automatic.use_speed,
            times: vec![false; draft.times.len()],
        }
    }

    /// The choices the story is built from: the used places, in order.
    pub fn choices(&self) -> StoryChoices {
        StoryChoices {
            places: self
                .places
                .iter()
                .filter(|place| place.used)
                .map(|place| place.choice.clone())
                .collect(),
            legs: self.legs.clone(),
            use_speed: self.use_speed,
            times: self
                .times
                .iter()
                .enumerate()
                .filter(|(_, accepted)| **accepted)
                .map(|(index, _)| index)
                .collect(),
            times_confirmed: true,
        }
    }

    /// Where the candidate is in the desk's order.
    pub fn position_of(&self, candidate: usize) -> Option<usize> {
        self.places
            .iter()
            .position(|place| place.choice.candidate == candidate)
    }

    /// The candidate's place on the desk.
    pub fn place(&self, candidate: usize) -> Option<&DeskPlace> {
        self.places
            .iter()
            .find(|place| place.choice.candidate == candidate)
    }

    /// The candidates on the route (used, not waypoints), in travel order.
    pub fn route(&self) -> Vec<usize> {
        self.places
            .iter()
            .filter(|place| place.used && place.choice.role != Some(crate::story::Role::Waypoint))
            .map(|place| place.choice.candidate)
            .collect()
    }

    /// The pairs of candidates the route's legs join, in order.
    pub fn leg_pairs(&self) -> Vec<(usize, usize)> {
        self.route()
            .windows(2)
            .map(|pair| (pair[0], pair[1]))
            .collect()
    }

    /// The candidates in the order the story lists its places: the route, then the
    /// waypoints.
    pub fn story_order(&self) -> Vec<usize> {
        let mut order = self.route();
        order.extend(
            self.places
                .iter()
                .filter(|place| {
                    place.used && place.choice.role == Some(crate::story::Role::Waypoint)
                })
                .map(|place| place.choice.candidate),
        );
        order
    }
}
