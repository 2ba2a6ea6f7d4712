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

/// The table, in a horizontally scrollable grid. Tooltips are built only when shown: the
/// table is laid out every frame.
pub fn itinerary_table_ui(ui: &mut egui::Ui, model: &ViewModel<'_>) {
    let story = model.story;
    if model.itinerary.legs.is_empty() {
        ui.label("No legs yet.");
        return;
    }
    let name = |index: usize| {
        story
            .places
            .get(index)
            .map_or("?", |place| place.name.as_str())
    };
    egui::ScrollArea::horizontal()
        .id_salt("itinerary_scroll")
        .show(ui, |ui| {
            // A notch smaller than body text, so the seven columns fit the panel.
            ui.style_mut().override_font_id = Some(egui::FontId::proportional(11.5));
            egui::Grid::new("itinerary")
                .striped(true)
                .num_columns(7)
                .spacing([8.0, 3.0])
                .show(ui, |ui| {
                    for (header, tip) in [
                        ("Leg", "From → to"),
                        ("Dist.", "Distance; * = no official rail distance"),
                        ("Time", "Hours:minutes on this leg at the current speed"),
                        ("Total", "Hours:minutes since the departure"),
                        ("Arrives", "Estimated arrival, local time of the place"),
                        ("Reported", "Reported arrival, local time"),
                        ("Δ", "Estimated minus reported (h:mm)"),
                    ] {
                        ui.label(RichText::new(header).strong()).on_hover_text(tip);
                    }
                    ui.end_row();
                    for leg in &model.itinerary.legs {
                        let text = format!("{} →\n{}", name(leg.from), name(leg.to));
                        let leg_label = if leg.kind == LegKind::Route {
                            RichText::new(text)
                        } else {
                            RichText::new(format!("{text} (what-if)")).italics()
                        };
                        ui.label(leg_label);
                        let distance = format!(
                            "{}{}",
                            format_distance(leg.distance, model.unit),
                            if leg.basis.label() == "rail" { "" } else { " *" }
                        );
                        ui.label(distance).on_hover_ui(|ui| {
                            ui.label(leg.basis.describe());
                        });
                        let time = duration_cell(ui, leg.duration_secs, false);
                        if leg.dwell_before_secs > 0.0 {
                            time.on_hover_ui(|ui| {
                                ui.label(format!(
                                    "after a stop of {}",
                                    format_duration(leg.dwell_before_secs)
                                ));
                            });
                        }
                        duration_cell(ui, leg.cumulative_secs, false);
                        clock_cell(ui, leg.estimated_arrival, false);
                        clock_cell(ui, leg.reported_arrival, false);
                        match leg.difference_secs {
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
                        }
                        ui.end_row();
                    }
                    ui.label(RichText::new("Total").strong());
                    ui.label(
                        RichText::new(format_distance(model.itinerary.total_distance, model.unit))
                            .strong(),
                    );
                    ui.label("");
                    duration_cell(ui, model.itinerary.total_duration_secs, true);
                    clock_cell(
                        ui,
                        model.itinerary.legs.last().and_then(|leg| leg.estimated_arrival),
                        true,
                    );
                    ui.label("");
                    ui.label("");
                    ui.end_row();
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
