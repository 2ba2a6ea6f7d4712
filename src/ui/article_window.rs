//! File ▸ New story from article…: a window to paste an article (or read it from a text
//! file) and find its places.

use super::accessible::set_accessible_name;
use crate::model::Intent;

/// The window: the article's text (edited in place), why it could not be read or used, if
/// so; returns what the user asked for.
pub fn article_window_ui(
    ctx: &egui::Context,
    article_text: &mut String,
    error: Option<&str>,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    let mut open = true;
    egui::Window::new("New story from article")
        .open(&mut open)
        .default_pos([460.0, 60.0])
        .default_width(520.0)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label("Paste the article's text, or open a text file (.txt, .md, .html).");
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    let field = ui.add(
                        egui::TextEdit::multiline(article_text)
                            .desired_rows(14)
                            .desired_width(f32::INFINITY),
                    );
                    field.widget_info(|| {
                        let mut info = egui::WidgetInfo::text_edit(
                            true,
                            &*article_text,
                            &*article_text,
                            "Article text",
                        );
                        info.label = Some("Article text".to_owned());
                        info
                    });
                });
            if let Some(error) = error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.horizontal(|ui| {
                if ui.button("Open text file…").clicked() {
                    intents.push(Intent::ShowOpenArticleDialog);
                }
                if ui
                    .button("Find places")
                    .on_hover_text("Find the places the article names and open the desk")
                    .clicked()
                {
                    intents.push(Intent::FindPlaces);
                }
                let close = ui.button("Close");
                // Not "Cancel": the unsaved-changes question, which may be open over this
                // window, has one.
                set_accessible_name(&close, "Close the article window");
                if close.clicked() {
                    intents.push(Intent::SetArticleWindow(false));
                }
            });
        });
    if !open {
        intents.push(Intent::SetArticleWindow(false));
    }
    intents
}
