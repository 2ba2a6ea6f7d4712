//! The time–distance chart as an SVG document, written from the same
//! [`TimeDistanceChart`] the app draws, so a newsroom can restyle it: every kind of mark has
//! a class (`place`, `estimate`, `detour`, `reported`, `approximate`, `implied`, `axis`) and
//! the colours live in one `<style>` block.
//!
//! Invariants: the document is well-formed for any chart (names are escaped; a chart with
//! nothing to draw is an empty frame with the reason); coordinates are rounded to 0.1 px;
//! the plot area is [`PLOT_LEFT`]…[`PLOT_LEFT`]+[`PLOT_WIDTH`] across and
//! [`PLOT_TOP`]…[`PLOT_TOP`]+[`PLOT_HEIGHT`] down, time mapping linearly onto x from the
//! chart's first to its last hour, km onto y from 0 (bottom) to the route's length (top).

use super::chart::{APPROXIMATE_HALF_HOURS, TimeDistanceChart};
use super::implied::MomentKind;
use std::fmt::Write as _;

/// Width of the whole document, px.
pub const SVG_WIDTH: f64 = 960.0;
/// Height of the whole document, px.
pub const SVG_HEIGHT: f64 = 600.0;
/// Left edge of the plot area (the place names are to its left), px.
pub const PLOT_LEFT: f64 = 240.0;
/// Top edge of the plot area, px.
pub const PLOT_TOP: f64 = 80.0;
/// Width of the plot area, px.
pub const PLOT_WIDTH: f64 = 680.0;
/// Height of the plot area, px.
pub const PLOT_HEIGHT: f64 = 450.0;

/// The least vertical distance between two place names, px.
const LABEL_GAP: f64 = 13.0;

/// The hours the chart spans: from the earliest to the latest of the departure, the
/// estimate and the reports (an empty chart spans 0…1 h).
pub fn hour_range(chart: &TimeDistanceChart) -> (f64, f64) {
    let hours = chart
        .estimate
        .iter()
        .chain(&chart.detour)
        .map(|point| point[0])
        .chain(chart.reported.iter().map(|report| report.at[0]))
        .chain([0.0, chart.total_hours])
        .filter(|hours| hours.is_finite());
    let (low, high) = hours.fold((0.0_f64, 0.0_f64), |(low, high), hours| {
        (low.min(hours), high.max(hours))
    });
    if high > low {
        (low, high)
    } else {
        (low, low + 1.0)
    }
}

/// Where the point (`hours`, `km`) lands in the document, px.
pub fn to_svg(chart: &TimeDistanceChart, hours: f64, km: f64) -> (f64, f64) {
    let (low, high) = hour_range(chart);
    let top_km = chart
        .total_km
        .max(chart.detour.iter().map(|p| p[1]).fold(0.0, f64::max));
    let top_km = if top_km > 0.0 { top_km } else { 1.0 };
    (
        PLOT_LEFT + (hours - low) / (high - low) * PLOT_WIDTH,
        PLOT_TOP + PLOT_HEIGHT - km / top_km * PLOT_HEIGHT,
    )
}

/// Text safe inside SVG.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn points_attr(chart: &TimeDistanceChart, points: &[[f64; 2]]) -> String {
    points
        .iter()
        .map(|point| {
            let (x, y) = to_svg(chart, point[0], point[1]);
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The chart as an SVG document titled `title`.
pub fn chart_svg(chart: &TimeDistanceChart, title: &str) -> String {
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{SVG_WIDTH}" height="{SVG_HEIGHT}" viewBox="0 0 {SVG_WIDTH} {SVG_HEIGHT}" font-family="DejaVu Sans, sans-serif" font-size="12">"#
    );
    svg.push_str(
        "<style>\n\
         .background { fill: #ffffff; }\n\
         .place { stroke: #c8c8c8; stroke-width: 1; }\n\
         .place-name { fill: #333333; text-anchor: end; dominant-baseline: middle; }\n\
         .zone { fill: #8a5a00; font-size: 10px; }\n\
         .axis { stroke: #666666; stroke-width: 1; }\n\
         .tick { fill: #555555; text-anchor: middle; font-size: 10px; }\n\
         .estimate { fill: none; stroke: #1f6fd1; stroke-width: 2.5; }\n\
         .detour { fill: none; stroke: #8e44ad; stroke-width: 2; stroke-dasharray: 2 3; }\n\
         .implied { stroke: #d35400; stroke-width: 1.5; stroke-dasharray: 6 4; }\n\
         .implied-label { fill: #d35400; font-size: 11px; }\n\
         .reported { fill: #c0392b; stroke: #ffffff; stroke-width: 1; }\n\
         .approximate { fill: none; stroke: #c0392b; stroke-width: 1.5; }\n\
         .title { font-size: 15px; font-weight: bold; fill: #222222; }\n\
         .note { fill: #555555; font-size: 11px; }\n\
         </style>\n",
    );
    let _ = writeln!(
        svg,
        r#"<rect class="background" x="0" y="0" width="{SVG_WIDTH}" height="{SVG_HEIGHT}"/>"#
    );
    let _ = writeln!(
        svg,
        r#"<text class="title" x="20" y="28">{}</text>"#,
        escape(title)
    );
    let estimate_note = format!(
        "Estimate at {:.1} km/h ({:.1} mph); time in the origin's local time",
        chart.speed_kmh,
        chart.speed_kmh / 1.609_344
    );
    let _ = writeln!(
        svg,
        r#"<text class="note" x="20" y="46">{}</text>"#,
        escape(&estimate_note)
    );
    if let Some(why) = chart.nothing_to_compare() {
        let _ = writeln!(
            svg,
            r#"<text class="note" x="{:.1}" y="{:.1}">{}</text>"#,
            PLOT_LEFT + 10.0,
            PLOT_TOP + 16.0,
            escape(why)
        );
    }
    // Axes.
    let bottom = PLOT_TOP + PLOT_HEIGHT;
    let _ = writeln!(
        svg,
        r#"<line class="axis" x1="{PLOT_LEFT}" y1="{bottom}" x2="{}" y2="{bottom}"/>"#,
        PLOT_LEFT + PLOT_WIDTH
    );
    let (low, high) = hour_range(chart);
    for hours in chart.time_ticks(low, high, 8.0).1 {
        let (x, _) = to_svg(chart, hours, 0.0);
        let label = chart.clock_at(hours).map_or_else(
            || format!("{hours:+.0} h"),
            |time| time.format("%a %H:%M").to_string(),
        );
        let _ = writeln!(
            svg,
            r#"<line class="axis" x1="{x:.1}" y1="{bottom}" x2="{x:.1}" y2="{:.1}"/><text class="tick" x="{x:.1}" y="{:.1}">{}</text>"#,
            bottom + 5.0,
            bottom + 18.0,
            escape(&label)
        );
    }
    // Places; names of places close together are moved up so that they do not overlap.
    let mut label_floor = f64::INFINITY;
    for place in &chart.places {
        let (x1, y) = to_svg(chart, low, place.km);
        let x2 = PLOT_LEFT + PLOT_WIDTH;
        let label_y = y.min(label_floor - LABEL_GAP);
        label_floor = label_y;
        let _ = writeln!(
            svg,
            r#"<line class="place" x1="{x1:.1}" y1="{y:.1}" x2="{x2:.1}" y2="{y:.1}"/><text class="place-name" x="{:.1}" y="{label_y:.1}">{} ({:.0} km)</text>"#,
            x1 - 6.0,
            escape(&place.name),
            place.km
        );
        if place.zone_changes
            && let Some(offset) = place.utc_offset
        {
            let _ = writeln!(
                svg,
                r#"<text class="zone" x="{:.1}" y="{:.1}">clocks UTC{offset} from here</text>"#,
                x1 + 4.0,
                y - 4.0
            );
        }
    }
    // Implied speeds.
    for implied in &chart.implied {
        let (x1, y1) = to_svg(chart, implied.start[0], implied.start[1]);
        let (x2, y2) = to_svg(chart, implied.end[0], implied.end[1]);
        let label = implied
            .implied
            .speed_kmh
            .map_or_else(|| "no speed".to_owned(), |kmh| format!("{kmh:.0} km/h"));
        let _ = writeln!(
            svg,
            r#"<line class="implied" x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}"/><text class="implied-label" x="{:.1}" y="{:.1}">{label}</text>"#,
            f64::midpoint(x1, x2) + 6.0,
            f64::midpoint(y1, y2)
        );
    }
    // The estimate and the detour.
    if !chart.estimate.is_empty() {
        let _ = writeln!(
            svg,
            r#"<polyline class="estimate" points="{}"/>"#,
            points_attr(chart, &chart.estimate)
        );
    }
    if !chart.detour.is_empty() {
        let _ = writeln!(
            svg,
            r#"<polyline class="detour" points="{}"/>"#,
            points_attr(chart, &chart.detour)
        );
    }
    // Reported times.
    for report in &chart.reported {
        let (x, y) = to_svg(chart, report.at[0], report.at[1]);
        let kind = match report.moment.kind {
            MomentKind::Arrival => "arrival",
            MomentKind::Departure => "departure",
        };
        let mut tooltip = format!(
            "Reported {kind}: {} ({})",
            report.moment.time.format("%a %d %b %H:%M UTC%:z"),
            report.moment.source
        );
        if report.moment.assumed {
            tooltip.push_str("; an assumption");
        }
        if report.moment.approximate {
            let (left, _) = to_svg(chart, report.at[0] - APPROXIMATE_HALF_HOURS, report.at[1]);
            let (right, _) = to_svg(chart, report.at[0] + APPROXIMATE_HALF_HOURS, report.at[1]);
            let _ = writeln!(
                svg,
                r#"<line class="approximate" x1="{left:.1}" y1="{y:.1}" x2="{right:.1}" y2="{y:.1}"/>"#
            );
        }
        let _ = writeln!(
            svg,
            r#"<g class="report"><title>{}</title><circle class="reported" cx="{x:.1}" cy="{y:.1}" r="5"/></g>"#,
            escape(&tooltip)
        );
    }
    svg.push_str("</svg>\n");
    svg
}
