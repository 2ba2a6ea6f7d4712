//! The whole article, with every excerpt attached to a place highlighted; clicking a
//! highlighted excerpt selects its place on the map.

use crate::model::{Intent, ViewModel};
use crate::story::ExcerptSpan;
use egui::{Color32, RichText};

/// The article panel on the right.
pub fn article_panel_ui(ui: &mut egui::Ui, model: &ViewModel<'_>) -> Vec<Intent> {
    let mut intents = Vec::new();
    if model.story.meta.article.is_empty() {
        return intents;
    }
    egui::Panel::right("article_panel")
        .resizable(true)
        .default_size(280.0)
        .size_range(240.0..=600.0)
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                ui.heading("The article");
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .small_button("✕")
                        .on_hover_text("Hide the article")
                        .clicked()
                    {
                        intents.push(Intent::SetArticle(false));
                    }
                });
            });
            if let Some(source) = &model.story.meta.article_source {
                ui.label(RichText::new(source).small().weak());
            }
            ui.label(
                RichText::new(
                    "Highlighted sentences are tied to a place: click one to see it on the map.",
                )
                .small(),
            );
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("article_scroll")
                .show(ui, |ui| {
                    let paragraphs = model.story.meta.article.iter();
                    for (paragraph, spans) in paragraphs.zip(model.excerpt_spans) {
                        intents.extend(paragraph_ui(ui, paragraph, spans, model));
                        ui.add_space(8.0);
                    }
                });
        });
    intents
}

fn paragraph_ui(
    ui: &mut egui::Ui,
    paragraph: &str,
    spans: &[ExcerptSpan],
    model: &ViewModel<'_>,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    let dark = ui.visuals().dark_mode;
    let highlight = if dark {
        Color32::from_rgb(90, 70, 10)
    } else {
        Color32::from_rgb(255, 236, 150)
    };
    let selected_highlight = if dark {
        Color32::from_rgb(150, 110, 0)
    } else {
        Color32::from_rgb(255, 200, 0)
    };
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        let mut cursor = 0;
        for &ExcerptSpan {
            start_byte: start,
            end_byte: end,
            place: place_index,
        } in spans
        {
            if start > cursor {
                ui.label(&paragraph[cursor..start]);
            }
            let background = if model.selected == Some(place_index) {
                selected_highlight
            } else {
                highlight
            };
            let text = RichText::new(&paragraph[start..end]).background_color(background);
            let response = ui
                .add(egui::Label::new(text).sense(egui::Sense::click()))
                .on_hover_cursor(egui::CursorIcon::PointingHand);
            let name = model.story.place_name(place_index);
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Link,
                    true,
                    format!("Excerpt about {name}: {}", &paragraph[start..end]),
                )
            });
            let response = response.on_hover_text(format!("Show {name} on the map"));
            if response.clicked() {
                intents.push(Intent::Select(place_index));
            }
            cursor = end;
        }
        if cursor < paragraph.len() {
            ui.label(&paragraph[cursor..]);
        }
    });
    intents
}
