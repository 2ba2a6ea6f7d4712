//! The author's desk, a panel beside the map: the places found in the article, each with its sentences, to take or
//! leave out, to tell apart from its homonyms, to give a role and a status, to move up or
//! down the route (or drag onto another), and whose excerpts to trim; the speed offered by the text; undo and redo.
//! The legs are in [`super::desk_legs`], the times found in [`super::desk_times`]. Every control returns an [`Intent::Desk`] edit;
//! nothing here changes the desk.
//!
//! Accessible names say which place a control is for ("Use Kazan", "Which Paris", "Move
//! Kazan up"), so that a screen reader, and a test, can tell them apart.

use super::accessible::set_accessible_name;
use super::desk_legs::{DeskFields, legs_ui};
use super::desk_times::times_ui;
use crate::desk::{Desk, DeskEdit, DeskPlace, Trim};
use crate::model::Intent;
use crate::story::{Role, Status};

/// Ctrl+Z: undo the last edit at the desk.
pub const UNDO_SHORTCUT: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Z);
/// Ctrl+Shift+Z: redo it.
pub const REDO_SHORTCUT: egui::KeyboardShortcut = egui::KeyboardShortcut::new(
    egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
    egui::Key::Z,
);

/// The roles an author sets; the route's first place is its origin and its last its
/// destination (reorder to change them).
const ROLES: [(Option<Role>, &str); 4] = [
    (None, "From the route"),
    (Some(Role::Border), "Border"),
    (Some(Role::Stop), "Stop"),
    (Some(Role::Waypoint), "Waypoint (off the route)"),
];

const STATUSES: [(Option<Status>, &str); 6] = [
    (None, "From the role"),
    (Some(Status::Departed), "Departed"),
    (Some(Status::Passed), "Passed"),
    (Some(Status::Stopped), "Stopped"),
    (Some(Status::Bypassed), "Bypassed"),
    (Some(Status::Arrived), "Arrived"),
];

/// What the desk panel shows.
pub struct DeskView<'a> {
    /// The desk.
    pub desk: &'a Desk,
    /// Why its choices make no story now, if they do not.
    pub problem: Option<&'a str>,
    /// By candidate: the role and status it has in the story shown, if it is in it.
    pub resolved: &'a [Option<(Role, Option<Status>)>],
    /// The length of each leg's drawn line in the story shown, in km, in the route's order.
    pub drawn_km: &'a [f64],
}

/// The desk, as a panel on the right of the map (the map shows the story it makes).
pub fn desk_panel_ui(
    ui: &mut egui::Ui,
    view: &DeskView<'_>,
    fields: &mut DeskFields,
) -> Vec<Intent> {
    let (desk, problem) = (view.desk, view.problem);
    let mut intents = Vec::new();
    egui::Panel::right("desk_panel")
        .resizable(true)
        .default_size(520.0)
        .size_range(360.0..=900.0)
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.heading("Author's desk");
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(desk.can_undo(), egui::Button::new("Undo"))
                    .on_hover_text("Undo the last change (Ctrl+Z)")
                    .clicked()
                {
                    intents.push(Intent::DeskUndo);
                }
                if ui
                    .add_enabled(desk.can_redo(), egui::Button::new("Redo"))
                    .on_hover_text("Redo the change undone (Ctrl+Shift+Z)")
                    .clicked()
                {
                    intents.push(Intent::DeskRedo);
                }
                if ui
                    .button("Done")
                    .on_hover_text("Close the desk; the story stays open, to save")
                    .clicked()
                {
                    intents.push(Intent::CloseDesk);
                }
            });
            if let Some(problem) = problem {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
            speed_ui(ui, desk, &mut intents);
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.heading("Places");
                ui.weak("The places used, in this order, are the route.");
                for (index, place) in desk.state().places.iter().enumerate() {
                    let resolved = view.resolved.get(place.choice.candidate).copied().flatten();
                    let row = ui.scope(|ui| place_ui(ui, desk, place, resolved, &mut intents));
                    // A place dragged by its handle and dropped on this one takes its place.
                    if let Some(dragged) = row.response.dnd_release_payload::<usize>()
                        && *dragged != place.choice.candidate
                    {
                        intents.push(Intent::Desk(DeskEdit::MoveToIndex {
                            candidate: *dragged,
                            index,
                        }));
                    }
                }
                ui.separator();
                legs_ui(ui, desk, view.drawn_km, fields, &mut intents);
                ui.separator();
                times_ui(ui, desk, &mut intents);
            });
        });
    intents
}

/// The speed the text offers, to take or not.
fn speed_ui(ui: &mut egui::Ui, desk: &Desk, intents: &mut Vec<Intent>) {
    let draft = desk.draft();
    let Some(found) = &draft.speed else {
        ui.weak("The article gives no speed: the story assumes one.");
        return;
    };
    let mut use_speed = desk.state().use_speed;
    let text = format!(
        "Use the speed from the article: {} {}",
        found.speed.value,
        found.speed.input.unit.symbol()
    );
    if ui.checkbox(&mut use_speed, text).changed() {
        intents.push(Intent::Desk(DeskEdit::UseSpeed(use_speed)));
    }
    if let Some(sentence) = draft.sentences.get(found.sentence) {
        ui.weak(format!("“{}”", draft.slice(sentence)));
    }
}

/// One candidate: use it, which reading, role, status, order, position, excerpts.
fn place_ui(
    ui: &mut egui::Ui,
    desk: &Desk,
    place: &DeskPlace,
    resolved: Option<(Role, Option<Status>)>,
    intents: &mut Vec<Intent>,
) {
    let candidate = place.choice.candidate;
    let name = desk.name(candidate);
    let edit = |edit: DeskEdit| Intent::Desk(edit);
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        let mut used = place.used;
        if ui.checkbox(&mut used, format!("Use {name}")).changed() {
            intents.push(edit(DeskEdit::SetUsed { candidate, used }));
        }
        if !place.used {
            return;
        }
        let handle = ui
            .add(egui::Button::new("Drag").small().sense(egui::Sense::drag()))
            .on_hover_cursor(egui::CursorIcon::Grab)
            .on_hover_text("Drag onto another place to put this one there");
        set_accessible_name(&handle, &format!("Drag {name}"));
        handle.dnd_set_drag_payload(candidate);
        let readings: Vec<(usize, &str)> = desk
            .labels(candidate)
            .iter()
            .map(String::as_str)
            .enumerate()
            .collect();
        let reading = readings
            .get(place.choice.reading)
            .map_or("?", |(_, label)| *label);
        combo(
            ui,
            (
                ("which", candidate),
                format!("Which {name}"),
                reading.to_owned(),
            ),
            &readings,
            place.choice.reading,
            |reading| intents.push(edit(DeskEdit::ChooseReading { candidate, reading })),
        );
        let role = match (place.choice.role, resolved) {
            (None, Some((role, _))) => format!("Role: {} (from the route)", role.as_str()),
            (Some(role), _) => format!("Role: {}", role.as_str()),
            (None, None) => "Role: from the route".to_owned(),
        };
        combo(
            ui,
            (("role", candidate), format!("Role of {name}"), role),
            &ROLES,
            place.choice.role,
            |role| intents.push(edit(DeskEdit::SetRole { candidate, role })),
        );
        let status = match (place.choice.status, resolved.and_then(|(_, status)| status)) {
            (None, Some(status)) => format!("Status: {} (from the role)", status.as_str()),
            (Some(status), _) => format!("Status: {}", status.as_str()),
            (None, None) => "Status: from the role".to_owned(),
        };
        combo(
            ui,
            (("status", candidate), format!("Status of {name}"), status),
            &STATUSES,
            place.choice.status,
            |status| intents.push(edit(DeskEdit::SetStatus { candidate, status })),
        );
        let up = ui.small_button("Up").on_hover_text("Earlier on the route");
        set_accessible_name(&up, &format!("Move {name} up"));
        if up.clicked() {
            intents.push(edit(DeskEdit::MoveUp(candidate)));
        }
        let down = ui.small_button("Down").on_hover_text("Later on the route");
        set_accessible_name(&down, &format!("Move {name} down"));
        if down.clicked() {
            intents.push(edit(DeskEdit::MoveDown(candidate)));
        }
        if place.choice.moved_to.is_some() {
            ui.weak("moved on the map");
            let back = ui.small_button("Put back");
            set_accessible_name(&back, &format!("Put {name} back"));
            if back.clicked() {
                intents.push(edit(DeskEdit::ResetPosition(candidate)));
            }
        }
    });
    if !place.used {
        return;
    }
    for (excerpt, span) in place.choice.excerpts.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("“{}”", desk.draft().slice(span)));
            for (trim, words, hint) in [
                (Trim::Start, "Trim start", "Leave out the first word"),
                (Trim::End, "Trim end", "Leave out the last word"),
                (Trim::Untrim, "Untrim", "Back to the whole sentence"),
            ] {
                let button = ui.small_button(words).on_hover_text(hint);
                set_accessible_name(
                    &button,
                    &format!("{words} of excerpt {} of {name}", excerpt + 1),
                );
                if button.clicked() {
                    intents.push(edit(DeskEdit::TrimExcerpt {
                        candidate,
                        excerpt,
                        trim,
                    }));
                }
            }
        });
    }
}

/// A combo box: `(id, name, shown)` its id, its accessible name and the text it shows; the
/// options and their labels; `chosen` is called with the option picked.
fn combo<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    (id, name, shown): (impl std::hash::Hash + std::fmt::Debug, String, String),
    options: &[(T, &str)],
    current: T,
    mut chosen: impl FnMut(T),
) {
    let response = egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for (value, label) in options {
                if ui.selectable_label(*value == current, *label).clicked() {
                    chosen(*value);
                }
            }
        });
    set_accessible_name(&response.response, &name);
}
