//! The side panel: the story's title, the speed, the journey in brief, the itinerary and the
//! list of places.

use super::itinerary_table::itinerary_table_ui;
use super::speed::speed_ui;
use crate::display::{format_clock, format_difference, format_distance, format_distance_pair};
use crate::model::{Intent, ViewModel};
use crate::story::{Role, Severity};
use crate::units::format_duration;
use egui::RichText;

/// The left panel.
pub fn side_panel_ui(
    ui: &mut egui::Ui,
    model: &ViewModel<'_>,
    show_warnings: &mut bool,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    egui::Panel::left("story_panel")
        .resizable(true)
        .default_size(440.0)
        .size_range(340.0..=760.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("side_scroll")
                .show(ui, |ui| {
                    header_ui(ui, model, show_warnings);
                    ui.separator();
                    intents.extend(speed_ui(ui, model));
                    ui.separator();
                    intents.extend(journey_ui(ui, model));
                    intents.extend(super::replay_ui(ui, model));
                    ui.separator();
                    egui::CollapsingHeader::new(RichText::new("Itinerary").strong())
                        .default_open(true)
                        .show(ui, |ui| {
                            intents.extend(chart_button_ui(ui, model));
                            itinerary_table_ui(ui, model);
                            implied_speeds_ui(ui, model);
                        });
                    egui::CollapsingHeader::new(RichText::new("Places").strong())
                        .default_open(true)
                        .show(ui, |ui| intents.extend(places_ui(ui, model)));
                });
        });
    intents
}

fn header_ui(ui: &mut egui::Ui, model: &ViewModel<'_>, show_warnings: &mut bool) {
    let meta = &model.story.meta;
    ui.add_space(4.0);
    ui.heading(&meta.title);
    let byline: Vec<&str> = [meta.outlet.as_deref(), meta.date.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !byline.is_empty() {
        ui.label(RichText::new(byline.join(" · ")).weak());
    }
    if let Some(url) = &meta.url {
        ui.hyperlink_to("Read the article", url);
    }
    // Warnings are counted as the window lists them: similar ones grouped. Information
    // (how many legs have official rail distances) is in the window, not the badge.
    let warnings = crate::story::group_problems(model.warnings)
        .into_iter()
        .filter(|group| group.severity == Severity::Warning)
        .count();
    if warnings > 0 {
        let text = format!(
            "⚠ {warnings} warning{} in the story file",
            if warnings == 1 { "" } else { "s" }
        );
        if ui.link(text).clicked() {
            *show_warnings = true;
        }
    } else if !model.warnings.is_empty()
        && ui
            .link(RichText::new("About this story file").small())
            .clicked()
    {
        *show_warnings = true;
    }
}

/// The journey in brief: totals, each country's stretch, and the what-if detour.
fn journey_ui(ui: &mut egui::Ui, model: &ViewModel<'_>) -> Vec<Intent> {
    let mut intents = Vec::new();
    let story = model.story;
    let itinerary = model.itinerary;
    ui.strong("Journey");
    if itinerary.legs.is_empty() {
        ui.label(no_route_text(model));
        return intents;
    }
    ui.label(format!(
        "{} in {} at {:.0} {}",
        format_distance_pair(itinerary.total_distance, model.unit),
        format_duration(itinerary.total_duration_secs),
        model.speed.in_unit(model.unit),
        model.unit.symbol()
    ));
    if let Some(departure) = &story.meta.departure {
        let text = format!("Departure: {}", format_clock(departure.time));
        if departure.assumed {
            ui.label(RichText::new(format!("{text} (assumed)")))
                .on_hover_text(
                    departure
                        .note
                        .as_deref()
                        .unwrap_or("The clock time is an assumption."),
                );
        } else {
            ui.label(text);
        }
    }
    // From the origin to each border station, and from the last border station on.
    for pair in model.journey_marks.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let (Some(start), Some(end)) = (
            itinerary.elapsed_at_place(from),
            itinerary.elapsed_at_place(to),
        ) else {
            continue;
        };
        let estimated_secs = end - start;
        let text = format!(
            "{} → {}: {}",
            story.place_name(from),
            story.place_name(to),
            format_duration(estimated_secs)
        );
        let reported = reported_span_secs(model, from, to);
        ui.horizontal_wrapped(|ui| {
            ui.label(text);
            if let Some(reported_secs) = reported {
                ui.label(
                    RichText::new(format!(
                        "reported {} ({})",
                        format_duration(reported_secs),
                        format_difference(estimated_secs - reported_secs)
                    ))
                    .weak(),
                );
            }
        });
    }
    if let Some(detour_index) = model.detour
        && let Some(detour) = model.route.detours.get(detour_index)
    {
        let name = story.place_name(detour.to);
        let mut on = model.state.via_detour;
        let label = format!("Via {name} (as expected)");
        if ui.checkbox(&mut on, label).on_hover_text(format!(
            "The meeting was expected in {name}: show the detour into {name} and back out, and count it in every figure"
        )).changed() {
            intents.push(Intent::SetDetour(on));
        }
        if model.state.via_detour {
            let (distance, secs) = itinerary.detour_extra();
            ui.label(format!(
                "The detour adds {} and {}",
                format_distance_pair(distance, model.unit),
                format_duration(secs)
            ));
        }
    }
    intents
}

/// The button that opens (or closes) the time–distance chart.
fn chart_button_ui(ui: &mut egui::Ui, model: &ViewModel<'_>) -> Vec<Intent> {
    let open = model.state.show_chart;
    let button = ui
        .selectable_label(open, "📈 Time–distance chart")
        .on_hover_text(
            "Time against distance: the estimate, the reported times and the speeds they imply",
        );
    button
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Time–distance chart"));
    if button.clicked() {
        vec![Intent::SetChart(!open)]
    } else {
        Vec::new()
    }
}

/// The speeds the reported times imply, one sentence each.
fn implied_speeds_ui(ui: &mut egui::Ui, model: &ViewModel<'_>) {
    let implied = &model.chart.implied;
    if implied.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.label(RichText::new("Speeds the reported times imply").strong())
        .on_hover_text("Distance along the route between two places with reported times, over the time between the reports");
    for speed in implied {
        ui.label(speed.implied.sentence(model.story));
    }
}

/// Why there are no times: the story has no route yet.
fn no_route_text(model: &ViewModel<'_>) -> String {
    match model.story.places.len() {
        0 => "No route: the story has no places.".to_owned(),
        1 => "No route yet: the story has one place and no line to follow.".to_owned(),
        n => format!("No route yet: the story has {n} places and no line between them."),
    }
}

/// The reported time between two places, when both have a reported time.
fn reported_span_secs(model: &ViewModel<'_>, from: usize, to: usize) -> Option<f64> {
    let story = model.story;
    let start = story.places[from]
        .reported_departure
        .as_ref()
        .or(story.places[from].reported_arrival.as_ref())
        .map(|reported| reported.time)
        .or_else(|| {
            (story.places[from].role == Role::Origin)
                .then(|| story.meta.departure.as_ref().map(|d| d.time))
                .flatten()
        })?;
    let end = story.places[to].reported_arrival.as_ref()?.time;
    #[expect(clippy::cast_precision_loss, reason = "seconds of a journey")]
    let secs = (end - start).num_seconds() as f64;
    Some(secs)
}

/// The places list shows at most this height before it scrolls.
const PLACES_MAX_HEIGHT: f32 = 320.0;

/// Every place, in route order then waypoints; clicking selects it. Only the rows in view
/// are laid out.
fn places_ui(ui: &mut egui::Ui, model: &ViewModel<'_>) -> Vec<Intent> {
    let mut intents = Vec::new();
    let story = model.story;
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("places_list")
        .max_height(PLACES_MAX_HEIGHT)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, model.place_order.len(), |ui, rows| {
            for &index in model.place_order.get(rows).unwrap_or_default() {
                let Some(place) = story.places.get(index) else {
                    continue;
                };
                let text = format!("{}{}", place.name, place_when(model, index));
                // An id of the place's own, not of the row's position in the scrolled list,
                // so that a click (or a screen reader's action) stays with its place.
                let response = ui
                    .push_id(("place_row", index), |ui| {
                        ui.selectable_label(model.selected == Some(index), text)
                    })
                    .inner
                    .on_hover_text(crate::display::role_line(place));
                if response.clicked() {
                    intents.push(Intent::Select(index));
                }
            }
        });
    intents
}

/// " · Mon 07:11", " · 392 km from the start" or " · not on the route".
fn place_when(model: &ViewModel<'_>, index: usize) -> String {
    match model.itinerary.clock_at_place(model.story, index) {
        Some(time) => time.format(" · %a %H:%M").to_string(),
        // Without a departure time there are distances but no clock times.
        None => match model.itinerary.distance_to_place(index) {
            Some(distance) if distance.metres() > 0.0 => {
                format!(
                    " · {} from the start",
                    format_distance(distance, model.unit)
                )
            }
            Some(_) => " · the start".to_owned(),
            None if model.route.stops.is_empty() => String::new(),
            None => " · not on the route".to_owned(),
        },
    }
}
