//! The excerpt card of the selected place: what the article says there, when it was
//! reported, when it arrives at the current speed, how far it is from the start, and the
//! sources.

use crate::display::{format_clock, format_difference, format_distance_pair};
use crate::model::{Intent, ViewModel};
use crate::story::Role;
use egui::{Align2, Rect, RichText, vec2};

/// The card's width.
const CARD_WIDTH_PX: f32 = 330.0;
/// Room between the card and the map's right edge (the zoom buttons).
const CARD_RIGHT_GAP_PX: f32 = 60.0;
/// How much of the map's width the card covers, from the right edge.
pub const CARD_COVER_PX: f64 = (CARD_WIDTH_PX + CARD_RIGHT_GAP_PX) as f64;

/// The card, floating at the top right of the map.
pub fn place_card_ui(
    ctx: &egui::Context,
    model: &ViewModel<'_>,
    index: usize,
    map_rect: Rect,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    let Some(place) = model.story.places.get(index) else {
        return intents;
    };
    egui::Window::new(RichText::new(&place.name).strong())
        .id(egui::Id::unique("place_card"))
        .pivot(Align2::RIGHT_TOP)
        .fixed_pos(map_rect.right_top() + vec2(-CARD_RIGHT_GAP_PX, 10.0))
        // Exactly this wide whatever the place, so that the fly-to, which leaves this much
        // room, keeps the place clear of the card.
        .default_width(CARD_WIDTH_PX)
        .min_width(CARD_WIDTH_PX)
        .max_width(CARD_WIDTH_PX)
        .max_height(map_rect.height() - 40.0)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            // A long card scrolls; its Close button stays in view below the scrolled part.
            egui::ScrollArea::vertical()
                .id_salt("card_scroll")
                .max_height(map_rect.height() - 110.0)
                .show(ui, |ui| {
                    ui.label(RichText::new(crate::display::role_line(place)).weak());
                    if let Some(note) = &place.note {
                        ui.add_space(4.0);
                        ui.label(note);
                    }
                    if !place.excerpts.is_empty() {
                        ui.add_space(6.0);
                        ui.label(RichText::new("What the article says").strong());
                        for excerpt in &place.excerpts {
                            ui.label(RichText::new(format!("“{excerpt}”")).italics());
                        }
                    }
                    ui.add_space(6.0);
                    // Long values (a time with its offset and "assumed") wrap in their
                    // column instead of widening the card.
                    egui::Grid::new("card_facts")
                        .num_columns(2)
                        .max_col_width(CARD_WIDTH_PX / 2.0 - 8.0)
                        .spacing([8.0, 4.0])
                        .show(ui, |ui| {
                            facts_rows_ui(ui, model, index);
                        });
                    sources_ui(ui, model, index);
                });
            ui.add_space(6.0);
            if ui
                .button("Close")
                .on_hover_text("Close the card (Esc)")
                .clicked()
            {
                intents.push(Intent::ClearSelection);
            }
        });
    intents
}

fn facts_rows_ui(ui: &mut egui::Ui, model: &ViewModel<'_>, index: usize) {
    let place = &model.story.places[index];
    let estimated = model.itinerary.clock_at_place(model.story, index);
    if let Some(reported) = &place.reported_departure {
        ui.label("Reported departure");
        ui.label(format!(
            "{}{}",
            if reported.approximate { "≈ " } else { "" },
            format_clock(reported.time)
        ));
        ui.end_row();
    }
    if let Some(reported) = &place.reported_arrival {
        ui.label("Reported arrival");
        ui.label(format!(
            "{}{}",
            if reported.approximate { "≈ " } else { "" },
            format_clock(reported.time)
        ));
        ui.end_row();
    }
    if let Some(time) = estimated {
        let speed = format!(
            "{:.0} {}",
            model.speed.in_unit(model.unit),
            model.unit.symbol()
        );
        if place.role == Role::Origin {
            ui.label("Departure");
            let assumed = if model.departure_assumed {
                " (assumed)"
            } else {
                ""
            };
            ui.label(format!("{}{assumed}", format_clock(time)));
        } else {
            ui.label(format!("Estimated arrival at {speed}"));
            ui.label(format_clock(time));
        }
        ui.end_row();
        if let Some(reported) = &place.reported_arrival
            && place.role != Role::Origin
        {
            #[expect(clippy::cast_precision_loss, reason = "seconds of a journey")]
            let difference = (time - reported.time).num_seconds() as f64;
            ui.label("Estimate − reported");
            ui.label(format_difference(difference));
            ui.end_row();
        }
    }
    if let Some(distance) = model.itinerary.distance_to_place(index) {
        ui.label("From the start");
        ui.label(format_distance_pair(distance, model.unit));
        ui.end_row();
    } else if place.role == Role::Waypoint {
        ui.label("On the route");
        ui.label("no: the train did not go there");
        ui.end_row();
    }
}

fn sources_ui(ui: &mut egui::Ui, model: &ViewModel<'_>, index: usize) {
    let place = &model.story.places[index];
    let mut sources: Vec<(String, &str)> = Vec::new();
    if let Some(source) = &place.coordinate_source {
        let quality = place.coordinate_quality.as_deref().unwrap_or("coordinate");
        sources.push((format!("Position ({quality})"), source));
    }
    if let Some(reported) = &place.reported_departure {
        sources.push(("Departure time".to_owned(), &reported.source));
    }
    if let Some(reported) = &place.reported_arrival {
        sources.push(("Arrival time".to_owned(), &reported.source));
    }
    if let Some(leg) = model.itinerary.leg_arriving_at(index) {
        let basis = leg.basis.describe();
        egui::CollapsingHeader::new("Sources")
            .id_salt(("card_sources", index))
            .show(ui, |ui| {
                for (what, source) in &sources {
                    ui.label(RichText::new(format!("{what}: {source}")).small());
                }
                ui.label(RichText::new(format!("Distance: {basis}")).small());
            });
    } else if !sources.is_empty() {
        egui::CollapsingHeader::new("Sources")
            .id_salt(("card_sources", index))
            .show(ui, |ui| {
                for (what, source) in &sources {
                    ui.label(RichText::new(format!("{what}: {source}")).small());
                }
            });
    }
}
