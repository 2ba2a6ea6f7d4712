//! The itinerary table: per leg the distance and its source, the time at the current speed,
//! the cumulative time, the estimated and reported arrivals and their difference; a total row.

use crate::display::{format_clock, format_difference, format_distance, format_hours_minutes};
use crate::model::ViewModel;
use crate::route::LegKind;
use crate::units::format_duration;
use chrono::{DateTime, FixedOffset};
use egui::RichText;

/// "Mon 07:11": the table's clock time; the full time with its offset is in the tooltip.
fn clock_cell(ui: &mut egui::Ui, time: Option<DateTime<FixedOffset>>, strong: bool) {
    match time {
        Some(time) => {
            let text = RichText::new(time.format("%a %H:%M").to_string());
            let text = if strong { text.strong() } else { text };
            ui.label(text).on_hover_ui(|ui| {
                ui.label(format_clock(time));
            });
        }
        None => {
            ui.label("—");
        }
    }
}

/// A duration cell in h:mm, the long form in the tooltip.
fn duration_cell(ui: &mut egui::Ui, duration_secs: f64, strong: bool) -> egui::Response {
    let text = RichText::new(format_hours_minutes(duration_secs));
    let text = if strong { text.strong() } else { text };
    ui.label(text).on_hover_ui(|ui| {
        ui.label(format_duration(duration_secs));
    })
}

/// The table's rows are this many text lines tall (the leg's two place names).
const ROW_LINES: f32 = 2.0;

/// The table shows at most this height before it scrolls; only the rows in view are laid out,
/// so a journey of 10,000 legs costs what one of 20 does.
const MAX_HEIGHT: f32 = 360.0;

/// The table, horizontally scrollable, its rows scrolled within it. Tooltips are built only
/// when shown.
pub fn itinerary_table_ui(ui: &mut egui::Ui, model: &ViewModel<'_>) {
    let story = model.story;
    if model.itinerary.legs.is_empty() {
        ui.label("No legs yet.");
        return;
    }
    let name = |index: usize| story.place_name(index);
    let legs = &model.itinerary.legs;
    egui::ScrollArea::horizontal()
        .id_salt("itinerary_scroll")
        .show(ui, |ui| {
            // A notch smaller than body text, so the seven columns fit the panel.
            let font = egui::FontId::proportional(11.5);
            ui.style_mut().override_font_id = Some(font.clone());
            let line = ui.fonts_mut(|fonts| fonts.row_height(&font));
            let row_height = ROW_LINES * line + 6.0;
            ui.spacing_mut().item_spacing.x = 8.0;
            egui_extras::TableBuilder::new(ui)
                .id_salt("itinerary")
                .striped(true)
                .vscroll(true)
                .max_scroll_height(MAX_HEIGHT)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .columns(egui_extras::Column::auto(), 7)
                .header(line + 6.0, |mut header| {
                    for (title, tip) in [
                        ("Leg", "From → to"),
                        ("Dist.", "Distance; * = no official rail distance"),
                        ("Time", "Hours:minutes on this leg at the current speed"),
                        ("Total", "Hours:minutes since the departure"),
                        ("Arrives", "Estimated arrival, local time of the place"),
                        ("Reported", "Reported arrival, local time"),
                        ("Δ", "Estimated minus reported (h:mm)"),
                    ] {
                        header.col(|ui| {
                            ui.label(RichText::new(title).strong()).on_hover_text(tip);
                        });
                    }
                })
                .body(|body| {
                    // One row a leg, then the total.
                    body.rows(row_height, legs.len() + 1, |mut row| {
                        let Some(leg) = legs.get(row.index()) else {
                            total_row(&mut row, model);
                            return;
                        };
                        row.col(|ui| {
                            let text = format!("{} →\n{}", name(leg.from), name(leg.to));
                            let leg_label = if leg.kind == LegKind::Route {
                                RichText::new(text)
                            } else {
                                RichText::new(format!("{text} (what-if)")).italics()
                            };
                            ui.label(leg_label);
                        });
                        row.col(|ui| {
                            let distance = format!(
                                "{}{}",
                                format_distance(leg.distance, model.unit),
                                if leg.basis.label() == "rail" { "" } else { " *" }
                            );
                            ui.label(distance).on_hover_ui(|ui| {
                                ui.label(leg.basis.describe());
                            });
                        });
                        row.col(|ui| {
                            let time = duration_cell(ui, leg.duration_secs, false);
                            if leg.dwell_before_secs > 0.0 {
                                time.on_hover_ui(|ui| {
                                    ui.label(format!(
                                        "after a stop of {}",
                                        format_duration(leg.dwell_before_secs)
                                    ));
                                });
                            }
                        });
                        row.col(|ui| {
                            duration_cell(ui, leg.cumulative_secs, false);
                        });
                        row.col(|ui| clock_cell(ui, leg.estimated_arrival, false));
                        row.col(|ui| clock_cell(ui, leg.reported_arrival, false));
                        row.col(|ui| match leg.difference_secs {
                            Some(difference) => {
                                ui.label(format_hours_minutes(difference)).on_hover_ui(|ui| {
                                    ui.label(format!(
                                        "Estimated minus reported: {} (negative: the estimate is earlier)",
                                        format_difference(difference)
                                    ));
                                });
                            }
                            None => {
                                ui.label("—");
                            }
                        });
                    });
                });
        });
    ui.label(
        RichText::new(
            "* no official rail distance: the length of the drawn line. Hover a figure for its source.",
        )
        .small()
        .weak(),
    );
}

/// The last row: the whole journey's distance, time and arrival.
fn total_row(row: &mut egui_extras::TableRow<'_, '_>, model: &ViewModel<'_>) {
    row.col(|ui| {
        ui.label(RichText::new("Total").strong());
    });
    row.col(|ui| {
        ui.label(
            RichText::new(format_distance(model.itinerary.total_distance, model.unit)).strong(),
        );
    });
    row.col(|_| {});
    row.col(|ui| {
        duration_cell(ui, model.itinerary.total_duration_secs, true);
    });
    row.col(|ui| {
        clock_cell(
            ui,
            model
                .itinerary
                .legs
                .last()
                .and_then(|leg| leg.estimated_arrival),
            true,
        );
    });
    row.col(|_| {});
    row.col(|_| {});
}
