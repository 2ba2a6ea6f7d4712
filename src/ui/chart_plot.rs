//! The time–distance chart drawn with egui_plot, from the model's
//! [`TimeDistanceChart`](crate::route::TimeDistanceChart): places as labelled horizontal lines,
//! the estimate, the what-if detour, reported times (approximate ones with a ±1 h bar), the
//! implied speeds as dashed segments, the replay's moment as a vertical line.
//!
//! Invariants: this only draws and returns intents; every figure comes from the chart data.
//! Clicking a place's name or a reported point selects that place; clicking elsewhere, or
//! dragging across the chart, moves the replay's moment there. Each clickable mark has a
//! name for assistive technology ("Khasan on the chart", "Reported arrival at Khasan").

use crate::model::{Intent, ViewModel};
use crate::route::{APPROXIMATE_HALF_HOURS, MomentKind, TimeDistanceChart, hour_range};
use egui::{Color32, Rect, Sense, Vec2, pos2, vec2};
use egui_plot::{
    HLine, HoverPosition, Line, LineStyle, MarkerShape, Plot, PlotPoint, Points, Text, VLine,
};

/// The colours of the chart's marks, for the theme in use.
pub struct ChartColours {
    /// The estimate at the current speed.
    pub estimate: Color32,
    /// Reported times.
    pub reported: Color32,
    /// The speeds the reports imply.
    pub implied: Color32,
    /// The what-if detour.
    pub detour: Color32,
    /// The replay's moment.
    pub replay: Color32,
}

impl ChartColours {
    /// Colours readable on `visuals`' background.
    pub fn for_visuals(visuals: &egui::Visuals) -> Self {
        if visuals.dark_mode {
            Self {
                estimate: Color32::from_rgb(100, 170, 255),
                reported: Color32::from_rgb(255, 100, 90),
                implied: Color32::from_rgb(255, 170, 60),
                detour: Color32::from_rgb(200, 140, 230),
                replay: Color32::from_rgb(120, 220, 120),
            }
        } else {
            Self {
                estimate: Color32::from_rgb(31, 111, 209),
                reported: Color32::from_rgb(192, 57, 43),
                implied: Color32::from_rgb(211, 84, 0),
                detour: Color32::from_rgb(142, 68, 173),
                replay: Color32::from_rgb(30, 140, 60),
            }
        }
    }
}

/// How near (px) a click must be to a reported point or a place's line to select it.
const HIT_PX: f32 = 8.0;

/// What a reported moment is called on the chart: "Reported arrival at Khasan".
pub fn report_name(chart: &TimeDistanceChart, index: usize, story: &crate::story::Story) -> String {
    let Some(report) = chart.reported.get(index) else {
        return String::new();
    };
    let place = story.place_name(report.moment.place);
    match (report.moment.kind, report.moment.assumed) {
        (MomentKind::Arrival, _) => format!("Reported arrival at {place}"),
        (MomentKind::Departure, true) => format!("Assumed departure from {place}"),
        (MomentKind::Departure, false) => format!("Reported departure from {place}"),
    }
}

/// What hovering at (`hours`, `km`) shows: the time, the nearest place, the distance and
/// the estimate's speed at that time.
fn hover_text(chart: &TimeDistanceChart, model: &ViewModel<'_>, hours: f64, km: f64) -> String {
    let mut lines = Vec::new();
    lines.push(chart.clock_at(hours).map_or_else(
        || format!("{hours:.1} h after the start"),
        crate::display::format_clock,
    ));
    if let Some(place) = chart.place_nearest(km) {
        lines.push(format!("Near {} ({:.0} km)", place.name, place.km));
    }
    lines.push(format!("{km:.0} km from the origin"));
    if let Some(segment) = chart.segment_at(hours) {
        let name = |index: usize| model.story.place_name(index);
        lines.push(if segment.speed_kmh > 0.0 {
            format!(
                "Estimate: {} → {} at {:.0} km/h ({:.0} mph)",
                name(segment.from),
                name(segment.to),
                segment.speed_kmh,
                segment.speed_kmh / 1.609_344
            )
        } else {
            format!("Estimate: stopped at {}", name(segment.from))
        });
    }
    lines.join("\n")
}

/// Draw the chart at `height` points; returns the intents and where the chart, with its axes,
/// was on screen.
pub fn chart_plot_ui(ui: &mut egui::Ui, model: &ViewModel<'_>, height: f32) -> (Vec<Intent>, Rect) {
    let mut intents = Vec::new();
    let chart = model.chart;
    let colours = ChartColours::for_visuals(ui.visuals());
    let (low, high) = hour_range(chart);
    let top_km = chart
        .detour
        .iter()
        .map(|point| point[1])
        .fold(chart.total_km, f64::max)
        .max(1.0);
    let line_colour = ui.visuals().weak_text_color().gamma_multiply(0.6);
    let selection = ui.visuals().selection.bg_fill;
    let report_names: Vec<String> = (0..chart.reported.len())
        .map(|index| report_name(chart, index, model.story))
        .collect();
    let hover_names = report_names.clone();
    let plot = Plot::new("time_distance_chart")
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        // Room on the left for the place names, a little on the right for the last point.
        .include_x(low - (high - low) * 0.16)
        .include_x(high + (high - low) * 0.02)
        .include_y(0.0)
        .include_y(top_km * 1.03)
        .x_axis_label("time at the origin")
        .y_axis_label("km along the route")
        .x_axis_formatter(move |mark, _| {
            chart.clock_at(mark.value).map_or_else(
                || format!("{:.0} h", mark.value),
                |t| t.format("%a %H:%M").to_string(),
            )
        })
        .x_grid_spacer(move |input| {
            let (step, ticks) = chart.time_ticks(input.bounds.0, input.bounds.1, 8.0);
            ticks
                .into_iter()
                .map(|value| egui_plot::GridMark {
                    value,
                    step_size: step,
                })
                .collect()
        })
        .y_axis_formatter(|mark, _| format!("{:.0}", mark.value))
        .label_formatter(move |position| {
            let (point, name) = match position {
                HoverPosition::NearDataPoint {
                    plot_name,
                    position,
                    ..
                } => (*position, Some(*plot_name)),
                HoverPosition::Elsewhere { position } => (*position, None),
            };
            let mut text = hover_text(chart, model, point.x, point.y);
            if let Some(index) = name.and_then(|name| hover_names.iter().position(|n| n == name))
                && let Some(report) = chart.reported.get(index)
            {
                text = format!(
                    "{}: {}{}\nSource: {}\n{text}",
                    hover_names[index],
                    crate::display::format_clock(report.moment.time),
                    if report.moment.approximate {
                        " (approximate)"
                    } else {
                        ""
                    },
                    report.moment.source
                );
            }
            Some(text)
        });
    let top = ui.cursor().top();
    let response = plot.show(ui, |plot_ui| {
        for place in &chart.places {
            let selected = model.selected == Some(place.place);
            plot_ui.hline(
                HLine::new(place.name.clone(), place.km)
                    .color(if selected { selection } else { line_colour })
                    .width(if selected { 3.0 } else { 1.0 }),
            );
            if place.zone_changes
                && let Some(offset) = place.utc_offset
            {
                plot_ui.text(
                    Text::new(
                        "zone",
                        PlotPoint::new(high, place.km),
                        egui::RichText::new(format!("clocks UTC{offset} from {}", place.name))
                            .small(),
                    )
                    .anchor(egui::Align2::RIGHT_BOTTOM)
                    .color(ui_weak(line_colour)),
                );
            }
        }
        for implied in &chart.implied {
            plot_ui.line(
                Line::new("Implied speed", vec![implied.start, implied.end])
                    .color(colours.implied)
                    .style(LineStyle::dashed_loose())
                    .width(1.5),
            );
            if let Some(kmh) = implied.implied.speed_kmh {
                plot_ui.text(
                    Text::new(
                        "Implied speed",
                        PlotPoint::new(
                            f64::midpoint(implied.start[0], implied.end[0]),
                            f64::midpoint(implied.start[1], implied.end[1]),
                        ),
                        egui::RichText::new(format!("{kmh:.0} km/h"))
                            .strong()
                            .color(colours.implied),
                    )
                    .anchor(egui::Align2::LEFT_TOP)
                    .color(colours.implied),
                );
            }
        }
        if !chart.detour.is_empty() {
            plot_ui.line(
                Line::new("What-if detour", chart.detour.clone())
                    .color(colours.detour)
                    .style(LineStyle::Dotted { spacing: 6.0 })
                    .width(2.0),
            );
        }
        plot_ui.line(
            Line::new("Estimate", chart.estimate.clone())
                .color(colours.estimate)
                .width(2.5),
        );
        for (report, name) in chart.reported.iter().zip(&report_names) {
            let selected = model.selected == Some(report.moment.place);
            if report.moment.approximate {
                plot_ui.line(
                    Line::new(
                        name.clone(),
                        vec![
                            [report.at[0] - APPROXIMATE_HALF_HOURS, report.at[1]],
                            [report.at[0] + APPROXIMATE_HALF_HOURS, report.at[1]],
                        ],
                    )
                    .color(colours.reported)
                    .width(2.0),
                );
            }
            plot_ui.points(
                Points::new(name.clone(), vec![report.at])
                    .shape(MarkerShape::Circle)
                    .filled(!report.moment.approximate)
                    .radius(if selected { 7.0 } else { 5.0 })
                    .color(if selected {
                        selection
                    } else {
                        colours.reported
                    }),
            );
        }
        if let Some(secs) = model.playback_secs {
            plot_ui.vline(
                VLine::new("Replay moment", secs / 3600.0)
                    .color(colours.replay)
                    .width(2.0),
            );
        }
    });
    let transform = response.transform;
    let frame = *transform.frame();
    // Place names: buttons at the left of their lines, from the top down, moved down when
    // they would overlap the one above.
    let mut label_top = f32::NEG_INFINITY;
    for place in chart.places.iter().rev() {
        let y = transform.position_from_point_y(place.km);
        let top = (y - 8.0).max(label_top);
        let button = egui::Button::new(egui::RichText::new(&place.name).small())
            .wrap_mode(egui::TextWrapMode::Extend)
            .selected(model.selected == Some(place.place))
            .fill(ui.visuals().extreme_bg_color.gamma_multiply(0.85));
        let text_width = ui.fonts_mut(|fonts| {
            fonts
                .layout_no_wrap(
                    place.name.clone(),
                    egui::TextStyle::Small.resolve(ui.style()),
                    Color32::WHITE,
                )
                .size()
                .x
        });
        let rect = Rect::from_min_size(
            pos2(frame.left() + 4.0, top),
            vec2(text_width + 2.0 * ui.spacing().button_padding.x, 16.0),
        );
        if !frame.contains_rect(rect) {
            continue;
        }
        label_top = top + 17.0;
        let button = ui.place(rect, button);
        let label = format!("{} on the chart", place.name);
        button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        if button.clicked() {
            intents.push(Intent::Select(place.place));
        }
    }
    // Reported points: each a click target with its name and source.
    for (index, report) in chart.reported.iter().enumerate() {
        let at = transform.position_from_point(&PlotPoint::new(report.at[0], report.at[1]));
        if !frame.contains(at) {
            continue;
        }
        let target = ui.interact(
            Rect::from_center_size(at, Vec2::splat(2.0 * HIT_PX)),
            ui.scope_id().with(("reported_point", index)),
            Sense::click(),
        );
        let name = report_names.get(index).cloned().unwrap_or_default();
        target.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
        let target = target.on_hover_text(format!(
            "{name}: {}{}\nSource: {}",
            crate::display::format_clock(report.moment.time),
            if report.moment.approximate {
                " (approximate: ±1 h shown)"
            } else {
                ""
            },
            report.moment.source
        ));
        if target.clicked() {
            intents.push(Intent::Select(report.moment.place));
        }
    }
    // Elsewhere on the chart: a click near a place's line selects it; otherwise a click or a
    // drag moves the replay there.
    let plot_response = &response.response;
    if let Some(pointer) = plot_response.interact_pointer_pos() {
        let value = transform.value_from_position(pointer);
        if plot_response.clicked() {
            let near_line = chart.places.iter().find(|place| {
                (transform.position_from_point_y(place.km) - pointer.y).abs() <= HIT_PX / 2.0
            });
            match near_line {
                Some(place) => intents.push(Intent::Select(place.place)),
                None => intents.push(Intent::SetPlayback(value.x * 3600.0)),
            }
        } else if plot_response.dragged() {
            intents.push(Intent::SetPlayback(value.x * 3600.0));
        }
    }
    // The whole chart, axes and their labels included (for a PNG).
    let drawn = Rect::from_x_y_ranges(ui.min_rect().x_range(), top..=ui.min_rect().bottom());
    (intents, drawn)
}

fn ui_weak(colour: Color32) -> Color32 {
    colour.gamma_multiply(1.4)
}
