//! The itinerary as text: an aligned table for people, CSV for spreadsheets, JSON for
//! programs, and the time–distance chart as SVG. The same figures in all of them. An arrival beyond the calendar (see
//! [`crate::route::CALENDAR_YEARS`]) is written as "beyond the calendar" in the table and the
//! CSV, and as `null` with `"beyond_calendar": true` in JSON; never as a wrong date.

use crate::display::{format_clock, format_difference, format_distance_pair, other_unit};
use crate::route::{
    Itinerary, ItineraryLeg, LegKind, Route, TimeDistanceChart, best_fit, chart_svg, implied_speeds,
};
use crate::story::Story;
use crate::units::{SpeedUnit, format_duration};
use serde_json::json;
use std::fmt::Write as _;

/// How `itinerary` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// An aligned table with the sources listed below it.
    Table,
    /// Comma-separated values, one row per leg.
    Csv,
    /// One JSON object.
    Json,
    /// The time–distance chart as an SVG document (estimate, reported times, implied
    /// speeds).
    Svg,
}

fn leg_label(story: &Story, leg: &ItineraryLeg) -> (String, String) {
    let name = |index: usize| {
        story
            .places
            .get(index)
            .map_or_else(|| "?".to_owned(), |place| place.name.clone())
    };
    let suffix = match leg.kind {
        LegKind::Route => "",
        LegKind::DetourOut | LegKind::DetourBack => " (what-if)",
    };
    (name(leg.from), format!("{}{suffix}", name(leg.to)))
}

/// What an arrival beyond the calendar is printed as.
const BEYOND_CALENDAR: &str = "beyond the calendar";

/// The estimated arrival of `leg` for the table: its clock time, "beyond the calendar", or
/// "—" without a departure.
fn arrival_cell(leg: &ItineraryLeg) -> String {
    match leg.estimated_arrival {
        Some(time) => format_clock(time),
        None if leg.beyond_calendar => BEYOND_CALENDAR.to_owned(),
        None => "—".to_owned(),
    }
}

/// The itinerary of `route` in `format`; `unit` chooses miles or kilometres first. The table
/// and the JSON also give the speeds the reported times imply and the best-fit speed (see
/// [`crate::route::best_fit`]). Fails only if the JSON document cannot be written, and then
/// says why rather than printing nothing.
pub fn render_itinerary(
    story: &Story,
    route: &Route,
    itinerary: &Itinerary,
    unit: SpeedUnit,
    departure_assumed: bool,
    format: OutputFormat,
) -> Result<String, serde_json::Error> {
    Ok(match format {
        OutputFormat::Table => {
            let mut text = render_table(story, itinerary, unit, departure_assumed);
            text.push_str(&render_reported_speeds(story, route));
            text
        }
        OutputFormat::Csv => render_csv(story, itinerary),
        OutputFormat::Json => render_json(story, route, itinerary, departure_assumed)?,
        OutputFormat::Svg => chart_svg(
            &TimeDistanceChart::new(story, route, itinerary),
            &story.meta.title,
        ),
    })
}

fn render_table(
    story: &Story,
    itinerary: &Itinerary,
    unit: SpeedUnit,
    departure_assumed: bool,
) -> String {
    let speed = itinerary.options.speed;
    let mut out = String::new();
    let _ = writeln!(out, "{}", story.meta.title);
    let _ = writeln!(
        out,
        "Speed: {:.1} {} ({:.1} {}); the story reports {} {}: {}",
        speed.in_unit(unit),
        unit.symbol(),
        speed.in_unit(other_unit(unit)),
        other_unit(unit).symbol(),
        story.meta.default_speed.value,
        story.meta.default_speed.unit.symbol(),
        story.meta.default_speed.source
    );
    match (itinerary.options.departure, &story.meta.departure) {
        (Some(time), Some(departure)) if departure_assumed => {
            let _ = writeln!(
                out,
                "Departure: {} (ASSUMED: {}; override with --depart)",
                format_clock(time),
                departure
                    .note
                    .as_deref()
                    .unwrap_or("the clock time was not published")
                    .trim_end_matches('.')
            );
        }
        (Some(time), _) => {
            let _ = writeln!(out, "Departure: {}", format_clock(time));
        }
        (None, _) => {
            let _ = writeln!(
                out,
                "Departure: unknown (give one with --depart to see arrival times)"
            );
        }
    }
    out.push('\n');

    let mut sources: Vec<String> = Vec::new();
    let headers = [
        "#",
        "From",
        "To",
        "Distance",
        "Src",
        "Time",
        "Cumulative",
        "Estimated arrival",
        "Reported arrival",
        "Difference",
    ];
    let mut rows: Vec<[String; 10]> = Vec::new();
    for (index, leg) in itinerary.legs.iter().enumerate() {
        let (from, to) = leg_label(story, leg);
        let described = leg.basis.describe();
        let source_number = match sources.iter().position(|source| *source == described) {
            Some(position) => position + 1,
            None => {
                sources.push(described);
                sources.len()
            }
        };
        rows.push([
            (index + 1).to_string(),
            from,
            to,
            format_distance_pair(leg.distance, unit),
            format!("[{source_number}] {}", leg.basis.label()),
            format_duration(leg.duration_secs)
                + &if leg.dwell_before_secs > 0.0 {
                    format!(" (+{} stop)", format_duration(leg.dwell_before_secs))
                } else {
                    String::new()
                },
            format_duration(leg.cumulative_secs),
            arrival_cell(leg),
            leg.reported_arrival
                .map_or_else(|| "—".to_owned(), format_clock),
            leg.difference_secs
                .map_or_else(|| "—".to_owned(), format_difference),
        ]);
    }
    let destination_arrival = itinerary
        .legs
        .last()
        .map_or_else(|| "—".to_owned(), arrival_cell);
    rows.push([
        String::new(),
        "Total".to_owned(),
        String::new(),
        format_distance_pair(itinerary.total_distance, unit),
        String::new(),
        format_duration(itinerary.total_duration_secs),
        format_duration(itinerary.total_duration_secs),
        destination_arrival,
        String::new(),
        String::new(),
    ]);
    let mut widths = headers.map(|header| header.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut text = String::new();
        for (column, (cell, width)) in cells.iter().zip(widths).enumerate() {
            let pad = width.saturating_sub(cell.chars().count());
            let right_aligned = matches!(column, 0 | 3 | 5 | 6);
            if right_aligned {
                text.push_str(&" ".repeat(pad));
                text.push_str(cell);
            } else {
                text.push_str(cell);
                text.push_str(&" ".repeat(pad));
            }
            text.push_str("  ");
        }
        text.trim_end().to_owned() + "\n"
    };
    out.push_str(&line(&headers.map(str::to_owned)));
    let rule: Vec<String> = widths.iter().map(|width| "─".repeat(*width)).collect();
    out.push_str(&line(&rule));
    let (body, total) = rows.split_at(rows.len() - 1);
    for row in body {
        out.push_str(&line(row));
    }
    out.push_str(&line(&rule));
    for row in total {
        out.push_str(&line(row));
    }
    let (extra_distance, extra_secs) = itinerary.detour_extra();
    if extra_secs > 0.0 {
        let _ = writeln!(
            out,
            "\nThe detour adds {} and {} at this speed.",
            format_distance_pair(extra_distance, unit),
            format_duration(extra_secs)
        );
    }
    out.push_str(
        "\nDifference = estimated − reported arrival (negative: the estimate is earlier).\n",
    );
    out.push_str("Distance sources:\n");
    for (index, source) in sources.iter().enumerate() {
        let _ = writeln!(out, "  [{}] {source}", index + 1);
    }
    out
}

/// Under the table: the speeds the reported times imply and the best-fit speed with its
/// residuals.
fn render_reported_speeds(story: &Story, route: &Route) -> String {
    let mut out = String::new();
    let implied = implied_speeds(story, route);
    if implied.is_empty() {
        out.push_str("\nThe story has too few reported times to compare speeds.\n");
        return out;
    }
    out.push_str("\nSpeeds the reported times imply (distance along the route ÷ reported time):\n");
    for speed in &implied {
        let _ = writeln!(out, "  {}", speed.sentence(story));
    }
    let fit = best_fit(story, route);
    match fit.speed {
        Some(speed) => {
            let _ = writeln!(
                out,
                "Best-fit speed: {:.1} km/h ({:.1} mph): least squares on the reported arrivals, stops included{}",
                speed.kmh(),
                speed.mph(),
                if fit.departure_assumed {
                    ", from the assumed departure"
                } else {
                    ""
                }
            );
            for residual in &fit.residuals {
                let name = story.place_name(residual.place);
                let _ = writeln!(
                    out,
                    "  {name}: at that speed {} after departure, reported {} ({})",
                    format_duration(residual.fitted_secs),
                    format_duration(residual.reported_secs),
                    format_difference(residual.residual_secs)
                );
            }
        }
        None => {
            out.push_str("Best-fit speed: none (no reported arrival after a known departure)\n");
        }
    }
    out
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn render_csv(story: &Story, itinerary: &Itinerary) -> String {
    let mut out = String::from(
        "from,to,kind,distance_km,distance_mi,distance_basis,distance_source,duration_secs,cumulative_secs,estimated_arrival,reported_arrival,difference_secs\n",
    );
    for leg in &itinerary.legs {
        let (from, to) = leg_label(story, leg);
        let cells = [
            csv_field(&from),
            csv_field(&to),
            kind_name(leg.kind).to_owned(),
            format!("{:.3}", leg.distance.km()),
            format!("{:.3}", leg.distance.miles()),
            leg.basis.label().to_owned(),
            csv_field(&leg.basis.describe()),
            format!("{:.0}", leg.duration_secs),
            format!("{:.0}", leg.cumulative_secs),
            match leg.estimated_arrival {
                Some(time) => time.to_rfc3339(),
                None if leg.beyond_calendar => BEYOND_CALENDAR.to_owned(),
                None => String::new(),
            },
            leg.reported_arrival
                .map(|t| t.to_rfc3339())
                .unwrap_or_default(),
            leg.difference_secs
                .map(|d| format!("{d:.0}"))
                .unwrap_or_default(),
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

fn kind_name(kind: LegKind) -> &'static str {
    match kind {
        LegKind::Route => "route",
        LegKind::DetourOut => "detour_out",
        LegKind::DetourBack => "detour_back",
    }
}

fn render_json(
    story: &Story,
    route: &Route,
    itinerary: &Itinerary,
    departure_assumed: bool,
) -> Result<String, serde_json::Error> {
    let legs: Vec<serde_json::Value> = itinerary
        .legs
        .iter()
        .map(|leg| {
            let (_, to) = leg_label(story, leg);
            let from = story
                .places
                .get(leg.from)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            let to_name = story.places.get(leg.to).map_or(to, |p| p.name.clone());
            json!({
                "from": from,
                "to": to_name,
                "kind": kind_name(leg.kind),
                "distance_km": leg.distance.km(),
                "distance_mi": leg.distance.miles(),
                "distance_basis": leg.basis.label(),
                "distance_source": leg.basis.describe(),
                "dwell_before_secs": leg.dwell_before_secs,
                "duration_secs": leg.duration_secs,
                "cumulative_secs": leg.cumulative_secs,
                "estimated_arrival": leg.estimated_arrival.map(|t| t.to_rfc3339()),
                "beyond_calendar": leg.beyond_calendar,
                "reported_arrival": leg.reported_arrival.map(|t| t.to_rfc3339()),
                "difference_secs": leg.difference_secs,
            })
        })
        .collect();
    let name = |index: usize| story.places.get(index).map(|place| place.name.clone());
    let implied: Vec<serde_json::Value> = implied_speeds(story, route)
        .iter()
        .map(|speed| {
            json!({
                "from": name(speed.from.place),
                "to": name(speed.to.place),
                "distance_km": speed.distance.km(),
                "reported_secs": speed.reported_secs,
                "speed_kmh": speed.speed_kmh,
                "speed_mph": speed.speed_kmh.map(|kmh| kmh * 1000.0 / crate::units::METRES_PER_MILE),
                "departure_assumed": speed.departure_assumed,
                "approximate": speed.approximate,
                "includes_drawn_distance": speed.includes_drawn,
            })
        })
        .collect();
    let fit = best_fit(story, route);
    let residuals: Vec<serde_json::Value> = fit
        .residuals
        .iter()
        .map(|residual| {
            json!({
                "place": name(residual.place),
                "reported_secs": residual.reported_secs,
                "fitted_secs": residual.fitted_secs,
                "residual_secs": residual.residual_secs,
            })
        })
        .collect();
    let (extra_distance, extra_secs) = itinerary.detour_extra();
    let value = json!({
        "story": story.meta.title,
        "speed_kmh": itinerary.options.speed.kmh(),
        "speed_mph": itinerary.options.speed.mph(),
        "departure": itinerary.options.departure.map(|t| t.to_rfc3339()),
        "departure_assumed": departure_assumed,
        "legs": legs,
        "total_distance_km": itinerary.total_distance.km(),
        "total_distance_mi": itinerary.total_distance.miles(),
        "total_duration_secs": itinerary.total_duration_secs,
        "detour_extra_distance_km": extra_distance.km(),
        "detour_extra_duration_secs": extra_secs,
        "implied_speeds": implied,
        "best_fit_speed_kmh": fit.speed.map(crate::units::Speed::kmh),
        "best_fit_residuals": residuals,
    });
    Ok(serde_json::to_string_pretty(&value)? + "\n")
}
