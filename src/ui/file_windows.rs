//! The small windows around files: the question about unsaved changes, the story's details
//! (its title), and what the last save or export did.
//!
//! Invariant: each returns intents; none writes a file or changes the story itself.

use crate::model::Intent;

/// What the unsaved-changes question is about.
pub struct UnsavedQuestion<'a> {
    /// The story's title.
    pub title: &'a str,
    /// What will happen after: "opening another story", "closing the app".
    pub then: &'a str,
}

/// Ask what to do with unsaved changes: save, don't save, or cancel.
pub fn unsaved_changes_ui(ctx: &egui::Context, question: &UnsavedQuestion<'_>) -> Vec<Intent> {
    let mut intents = Vec::new();
    let modal = egui::Modal::new(egui::Id::unique("unsaved_changes")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading("Unsaved changes");
        ui.label(format!(
            "“{}” has changes that are not saved. Save them before {}?",
            question.title, question.then
        ));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                intents.push(Intent::SaveThenContinue);
            }
            if ui.button("Don't save").clicked() {
                intents.push(Intent::DiscardThenContinue);
            }
            if ui.button("Cancel").clicked() {
                intents.push(Intent::KeepEditing);
            }
        });
    });
    if intents.is_empty() && modal.should_close() {
        intents.push(Intent::KeepEditing);
    }
    intents
}

/// The story's details: its title, editable.
pub fn details_window_ui(ctx: &egui::Context, title_text: &mut String) -> Vec<Intent> {
    let mut intents = Vec::new();
    let mut open = true;
    egui::Window::new("Story details")
        .open(&mut open)
        // Below the menu bar, beside the side panel, not over either.
        .default_pos([460.0, 60.0])
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("Title");
                let field = ui.add(egui::TextEdit::singleline(title_text).desired_width(320.0));
                field.widget_info(|| {
                    let mut info =
                        egui::WidgetInfo::text_edit(true, &*title_text, &*title_text, "Title");
                    info.label = Some("Story title".to_owned());
                    info
                });
                if field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter)) {
                    intents.push(Intent::SetTitle(title_text.clone()));
                }
            });
            ui.horizontal(|ui| {
                if ui.button("Apply").clicked() {
                    intents.push(Intent::SetTitle(title_text.clone()));
                }
                if ui.button("Close").clicked() {
                    intents.push(Intent::SetDetails(false));
                }
            });
        });
    if !open {
        intents.push(Intent::SetDetails(false));
    }
    intents
}

/// Why the last save or export failed, until dismissed.
pub fn file_error_window_ui(ctx: &egui::Context, message: &str) -> Vec<Intent> {
    let mut intents = Vec::new();
    egui::Window::new("Not saved")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.label(message);
            ui.label("The story is still open, with all its changes.");
            if ui.button("OK").clicked() {
                intents.push(Intent::DismissFileMessage);
            }
        });
    intents
}
