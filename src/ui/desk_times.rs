//! The times at the author's desk: each date or clock time found in the article, with its
//! sentence and the place it is near, offered as a reported time of that place for the
//! author to accept (a checkbox) or leave. Every control returns an [`Intent::Desk`] edit;
//! nothing here changes the desk.
//!
//! Accessible names are the time as the article writes it and the place ("Use Sept. 3 at
//! Peru"), so that a screen reader, and a test, can tell them apart.

use crate::desk::{Desk, DeskEdit};
use crate::model::Intent;

/// The times found, each to accept as a reported time of its place, or not.
pub fn times_ui(ui: &mut egui::Ui, desk: &Desk, intents: &mut Vec<Intent>) {
    let draft = desk.draft();
    ui.heading("Times");
    if draft.times.is_empty() {
        ui.weak("The article gives no date or time near a place.");
        return;
    }
    ui.weak(
        "A time accepted becomes the reported arrival (departure, at the origin) of its place.",
    );
    for (index, found) in draft.times.iter().enumerate() {
        ui.separator();
        let written = draft.slice(&found.span);
        match found.candidate {
            Some(candidate) => {
                let name = desk.name(candidate);
                let mut accepted = desk.state().times.get(index).copied().unwrap_or(false);
                if ui
                    .checkbox(&mut accepted, format!("Use {written} at {name}"))
                    .changed()
                {
                    intents.push(Intent::Desk(DeskEdit::AcceptTime {
                        time: index,
                        accepted,
                    }));
                }
                if found.time.is_none() {
                    ui.weak("A day with no clock time: it gives no reported time.");
                }
                if !desk
                    .state()
                    .place(candidate)
                    .is_some_and(|place| place.used)
                {
                    ui.weak(format!("{name} is not a place of the story."));
                }
            }
            None => {
                ui.label(format!("{written}: near no place"));
            }
        }
        if let Some(sentence) = draft.sentences.get(found.sentence) {
            ui.weak(format!("“{}”", draft.slice(sentence)));
        }
    }
}
