//! The author's desk: a [`Draft`] of an article and what the author decides about it,
//! edited by [`DeskEdit`] values through one reducer, with undo and redo. [`Desk::story`]
//! builds the story from it by the same path as `storyroute draft`
//! ([`crate::draft::build_story`]). The app shows a desk in a window and the map shows the
//! story it builds; nothing here knows egui.
//!
//! Invariants: the state only changes through [`Desk::apply`], [`Desk::undo`] and
//! [`Desk::redo`]; an edit that changes nothing is not an undo step; undoing every step
//! gives the state the desk started with; [`Desk::changes`] grows by one with every change
//! (an edit, an undo or a redo), so the app can tell a changed story from a saved one. The
//! undo history is bounded ([`MAX_UNDO`]).

mod edit;
mod labels;
mod state;
mod trim;
mod via;

/// An official distance, as the desk's edits carry it.
pub use crate::draft::OfficialDistance;
pub use edit::{DeskEdit, reduce};
pub use labels::reading_labels;
pub use state::{DeskPlace, DeskState};
pub use trim::{Trim, trim_end, trim_start, untrim};
pub use via::via_index;

use crate::draft::{Draft, DraftError, build_story};
use crate::gazetteer::Gazetteer;
use crate::story::Story;

/// How many steps can be undone.
pub const MAX_UNDO: usize = 500;

/// The longest first paragraph taken as the story's title.
const MAX_TITLE_CHARS: usize = 120;

/// A draft on the author's desk.
#[derive(Clone, Debug)]
pub struct Desk {
    draft: Draft,
    /// For each candidate, a label for each of its readings ("Paris, France").
    labels: Vec<Vec<String>>,
    state: DeskState,
    undo: Vec<DeskState>,
    redo: Vec<DeskState>,
    changes: u64,
}

impl Desk {
    /// A desk for `draft`, starting from what `storyroute draft` would decide, but for the
    /// times found: each is only offered, until the author accepts it.
    pub fn new(draft: Draft, gazetteer: &Gazetteer) -> Self {
        let state = DeskState::start(&draft, gazetteer);
        let labels = reading_labels(&draft, gazetteer);
        Self {
            draft,
            labels,
            state,
            undo: Vec::new(),
            redo: Vec::new(),
            changes: 0,
        }
    }

    /// The draft.
    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    /// What the author has decided so far.
    pub fn state(&self) -> &DeskState {
        &self.state
    }

    /// How many changes (edits, undos, redos) the desk has had.
    pub fn changes(&self) -> u64 {
        self.changes
    }

    /// The labels of a candidate's readings, best first.
    pub fn labels(&self, candidate: usize) -> &[String] {
        self.labels.get(candidate).map_or(&[], Vec::as_slice)
    }

    /// The name a candidate is written as.
    pub fn name(&self, candidate: usize) -> &str {
        self.draft
            .candidates
            .get(candidate)
            .map_or("", |candidate| candidate.name.as_str())
    }

    /// Apply an edit; `true` if it changed something (it is then an undo step).
    pub fn apply(&mut self, edit: &DeskEdit) -> bool {
        let next = reduce(&self.draft, &self.state, edit);
        if next == self.state {
            return false;
        }
        self.undo.push(std::mem::replace(&mut self.state, next));
        if self.undo.len() > MAX_UNDO {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.changes += 1;
        true
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undo the last edit; `false` if there was none.
    pub fn undo(&mut self) -> bool {
        let Some(previous) = self.undo.pop() else {
            return false;
        };
        self.redo.push(std::mem::replace(&mut self.state, previous));
        self.changes += 1;
        true
    }

    /// Redo the last edit undone; `false` if there was none.
    pub fn redo(&mut self) -> bool {
        let Some(next) = self.redo.pop() else {
            return false;
        };
        self.undo.push(std::mem::replace(&mut self.state, next));
        self.changes += 1;
        true
    }

    /// The story's title: the article's first paragraph if it is short (a headline), else
    /// "Story from an article".
    pub fn title(&self) -> String {
        self.draft
            .paragraphs
            .first()
            .map(|span| self.draft.slice(span).trim())
            .filter(|first| !first.is_empty() && first.chars().count() <= MAX_TITLE_CHARS)
            .map_or_else(|| "Story from an article".to_owned(), str::to_owned)
    }

    /// The story the desk makes now.
    pub fn story(&self, gazetteer: &Gazetteer) -> Result<Story, DraftError> {
        build_story(&self.draft, gazetteer, &self.state.choices(), &self.title())
    }
}

#[cfg(test)]
mod edit_properties_tests;
#[cfg(test)]
mod tests;
