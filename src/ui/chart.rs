//! The time–distance chart's window: the estimate in a sentence, "Fit speed to reports" and
//! "Reported speed", the chart itself ([`chart_plot_ui`]), the best fit with its residuals,
//! the implied speeds, and saving the chart as SVG or PNG.
//!
//! Invariants: reads the view model and returns intents; the only state it keeps is the
//! export file name the user types (owned by the shell). With nothing to compare (no route,
//! no departure, no reported arrival) it says so instead of an empty chart.

use super::chart_plot::{ChartColours, chart_plot_ui};
use crate::model::{Intent, ViewModel};
use crate::units::format_duration;
use egui::{Rect, RichText};

/// What the chart window needs from the shell besides the view model.
pub struct ChartWindowState<'a> {
    /// The file name the chart is saved under, without extension (the user edits it).
    pub export_path: &'a mut String,
    /// What the last save did, if anything.
    pub export_message: Option<&'a str>,
}

/// The estimate in one sentence: "Estimate at 37.0 mph: arrives Vostochny Cosmodrome Tue 12
/// Sep 11:46 (UTC+09:00)".
pub fn estimate_sentence(model: &ViewModel<'_>) -> String {
    let speed = format!(
        "Estimate at {:.1} {}",
        model.speed.in_unit(model.unit),
        model.unit.symbol()
    );
    let Some(last) = model
        .itinerary
        .legs
        .iter()
        .rev()
        .find(|leg| leg.kind == crate::route::LegKind::Route)
    else {
        return format!("{speed}: no route");
    };
    let name = model.story.place_name(last.to);
    let arrival = model
        .itinerary
        .clock_at_place(model.story, last.to)
        .map_or_else(
            || {
                format!(
                    "{} after the start",
                    format_duration(model.itinerary.total_duration_secs)
                )
            },
            crate::display::format_clock,
        );
    format!("{speed}: arrives {name} {arrival}")
}

/// The chart window; returns the intents and where the chart was drawn (for a PNG).
pub fn chart_window_ui(
    ctx: &egui::Context,
    model: &ViewModel<'_>,
    mut state: ChartWindowState<'_>,
) -> (Vec<Intent>, Option<Rect>) {
    let mut intents = Vec::new();
    let mut chart_rect = None;
    let mut open = true;
    egui::Window::new("Time–distance chart")
        .open(&mut open)
        .default_size([820.0, 600.0])
        // Below the map's zoom buttons, which float above windows.
        .default_pos([452.0, 124.0])
        .show(ctx, |ui| {
            let chart = model.chart;
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(estimate_sentence(model)).strong());
            });
            ui.horizontal_wrapped(|ui| {
                let fit = ui
                    .add_enabled(
                        chart.best_fit.speed.is_some(),
                        egui::Button::new("Fit speed to reports"),
                    )
                    .on_hover_text(
                        "Set the speed to the one that best matches the reported arrival times: \
                         least squares on the arrival times, stops included (arrival = departure \
                         + distance ÷ speed + stops)",
                    );
                if fit.clicked() {
                    intents.push(Intent::FitSpeedToReports);
                }
                let reported = &model.story.meta.default_speed;
                let back = ui.button("Reported speed");
                let name = format!(
                    "Back to the reported speed ({} {})",
                    reported.value,
                    reported.unit.symbol()
                );
                back.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                if back.on_hover_text(&name).clicked() {
                    intents.push(Intent::ResetSpeed);
                }
            });
            legend_ui(ui);
            if let Some(why) = chart.nothing_to_compare() {
                ui.label(RichText::new(why).italics());
            }
            let height = (ui.available_height() - 150.0).clamp(220.0, 900.0);
            let (plot_intents, rect) = chart_plot_ui(ui, model, height);
            intents.extend(plot_intents);
            chart_rect = Some(rect);
            best_fit_ui(ui, model);
            export_ui(ui, &mut state, &mut intents);
        });
    if !open {
        intents.push(Intent::SetChart(false));
    }
    (intents, chart_rect)
}

/// What each mark means, in its colour.
fn legend_ui(ui: &mut egui::Ui) {
    let colours = ChartColours::for_visuals(ui.visuals());
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(colours.estimate, "━ estimate at the speed set");
        ui.colored_label(colours.reported, "● reported time (○ approximate, ±1 h)");
        ui.colored_label(colours.implied, "╌ speed the reports imply");
        ui.colored_label(colours.detour, "┈ what-if detour");
        ui.colored_label(colours.replay, "│ replay (click or drag)");
    });
}

/// The best fit and, per reported arrival, how far it is off.
fn best_fit_ui(ui: &mut egui::Ui, model: &ViewModel<'_>) {
    let fit = &model.chart.best_fit;
    let Some(speed) = fit.speed else {
        return;
    };
    let assumed = if fit.departure_assumed {
        ", from the assumed departure"
    } else {
        ""
    };
    ui.label(format!(
        "Best fit to the reported arrivals: {:.1} km/h ({:.1} mph){assumed}",
        speed.kmh(),
        speed.mph()
    ))
    .on_hover_text(
        "Least squares on arrival times: each arrival is departure + distance ÷ speed + stops; \
         the speed minimising the sum of squared differences from the reports.",
    );
    ui.horizontal_wrapped(|ui| {
        for residual in &fit.residuals {
            let name = model.story.place_name(residual.place);
            ui.label(
                RichText::new(format!(
                    "{name}: {}",
                    crate::display::format_difference(residual.residual_secs)
                ))
                .small(),
            )
            .on_hover_text(format!(
                "At the best fit {} after departure; reported {}",
                format_duration(residual.fitted_secs),
                format_duration(residual.reported_secs)
            ));
        }
    });
}

/// The file name and the two save buttons.
fn export_ui(ui: &mut egui::Ui, state: &mut ChartWindowState<'_>, intents: &mut Vec<Intent>) {
    ui.horizontal(|ui| {
        ui.label("Save as");
        let field = ui.add(egui::TextEdit::singleline(state.export_path).desired_width(240.0));
        field.widget_info(|| {
            let mut info =
                egui::WidgetInfo::text_edit(true, &*state.export_path, &*state.export_path, "file");
            info.label = Some("Chart file name".to_owned());
            info
        });
        let base = state
            .export_path
            .trim()
            .trim_end_matches(".svg")
            .trim_end_matches(".png");
        if !base.is_empty() {
            if ui.button("Save SVG").clicked() {
                intents.push(Intent::ExportChartSvg(format!("{base}.svg").into()));
            }
            if ui.button("Save PNG").clicked() {
                intents.push(Intent::ExportChartPng(format!("{base}.png").into()));
            }
        }
    });
    if let Some(message) = state.export_message {
        ui.label(RichText::new(message).small());
    }
}
