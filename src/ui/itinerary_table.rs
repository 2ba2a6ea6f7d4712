//! The itinerary table: per leg the distance and its source, the time at the current speed,
//! the cumulative time, the estimated and reported arrivals and their difference; a total row.

use crate::app::ViewModel;
use crate::display::{format_clock, format_clock_short, format_difference, format_distance};
use crate::route::LegKind;
use crate::units::format_duration;
use egui::RichText;

/// The table, in a horizontally scrollable grid.
pub fn itinerary_table_ui(ui: &mut egui::Ui, model: &ViewModel<'_>) {
    let story = model.story;
    let name = |index: usize| {
        story
            .places
            .get(index)
            .map_or("?", |place| place.name.as_str())
    };
    egui::ScrollArea::horizontal()
        .id_salt("itinerary_scroll")
        .show(ui, |ui| {
            egui::Grid::new("itinerary")
                .striped(true)
                .num_columns(7)
                .spacing([10.0, 4.0])
                .show(ui, |ui| {
                    for header in [
                        "Leg",
                        "Distance",
                        "Time",
                        "Total",
                        "Arrives (local)",
                        "Reported",
                        "Δ",
                    ] {
                        ui.label(RichText::new(header).strong());
                    }
                    ui.end_row();
                    for leg in &model.itinerary.legs {
                        let what_if = leg.kind != LegKind::Route;
                        let text = format!("{} → {}", name(leg.from), name(leg.to));
                        let leg_label = if what_if {
                            RichText::new(format!("{text} (what-if)")).italics()
                        } else {
                            RichText::new(text)
                        };
                        ui.label(leg_label);
                        let distance = format!(
                            "{}{}",
                            format_distance(leg.distance, model.unit),
                            if leg.basis.label() == "rail" {
                                ""
                            } else {
                                " *"
                            }
                        );
                        ui.label(distance).on_hover_text(leg.basis.describe());
                        let time = ui.label(format_duration(leg.duration_secs));
                        if leg.dwell_before_secs > 0.0 {
                            time.on_hover_text(format!(
                                "after a stop of {}",
                                format_duration(leg.dwell_before_secs)
                            ));
                        }
                        ui.label(format_duration(leg.cumulative_secs));
                        match leg.estimated_arrival {
                            Some(time) => {
                                ui.label(format_clock_short(time))
                                    .on_hover_text(format_clock(time));
                            }
                            None => {
                                ui.label("—");
                            }
                        }
                        match leg.reported_arrival {
                            Some(time) => {
                                ui.label(format_clock_short(time))
                                    .on_hover_text(format_clock(time));
                            }
                            None => {
                                ui.label("—");
                            }
                        }
                        ui.label(
                            leg.difference_secs
                                .map_or_else(|| "—".to_owned(), format_difference),
                        )
                        .on_hover_text(
                            "Estimated minus reported: negative means the estimate is earlier",
                        );
                        ui.end_row();
                    }
                    ui.label(RichText::new("Total").strong());
                    ui.label(
                        RichText::new(format_distance(model.itinerary.total_distance, model.unit))
                            .strong(),
                    );
                    ui.label("");
                    ui.label(
                        RichText::new(format_duration(model.itinerary.total_duration_secs))
                            .strong(),
                    );
                    match model
                        .itinerary
                        .legs
                        .last()
                        .and_then(|leg| leg.estimated_arrival)
                    {
                        Some(time) => {
                            ui.label(RichText::new(format_clock_short(time)).strong());
                        }
                        None => {
                            ui.label("");
                        }
                    }
                    ui.label("");
                    ui.label("");
                    ui.end_row();
                });
        });
    ui.label(
        RichText::new("* no official rail distance: the length of the drawn line. Hover a figure for its source.")
            .small()
            .weak(),
    );
}
