//! A marker for every place: its shape says its role, a hollow ring says "bypassed", and each
//! one is a real widget (hover, click, accessible name) although it is painted.

use super::route_paint::{country_colour, detour_colour};
use crate::display::{format_clock, format_distance_pair};
use crate::model::{Intent, ViewModel};
use crate::story::{Place, Role, Status};
use egui::{Color32, Pos2, Rect, Shape, Stroke, vec2};
use walkers::Projector;

/// Which places' labels get placed first: the journey's ends, then the border, then stops.
pub fn label_rank(role: Role) -> u8 {
    match role {
        Role::Origin | Role::Destination => 0,
        Role::Border => 1,
        Role::Waypoint => 2,
        Role::Stop => 3,
    }
}

/// The marker's radius in points, by role.
pub fn radius(role: Role) -> f32 {
    match role {
        Role::Origin | Role::Destination => 9.0,
        Role::Border => 8.0,
        Role::Waypoint => 7.0,
        Role::Stop => 5.5,
    }
}

/// Paint the markers and report clicks.
pub fn markers_ui(
    ui: &mut egui::Ui,
    projector: &Projector,
    model: &ViewModel<'_>,
    dark: bool,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    let clip = ui.clip_rect();
    let outline = if dark {
        Color32::from_gray(20)
    } else {
        Color32::WHITE
    };
    let selection = Color32::from_rgb(255, 200, 0);
    // Stops first, so the bigger markers are on top (and win the click where they overlap).
    let mut order: Vec<usize> = (0..model.story.places.len()).collect();
    order.sort_by_key(|index| match model.story.places[*index].role {
        Role::Stop => 0,
        Role::Waypoint => 1,
        Role::Border => 2,
        Role::Origin | Role::Destination => 3,
    });
    let centers: Vec<Pos2> = model
        .story
        .places
        .iter()
        .map(|place| {
            projector
                .project(walkers::lon_lat(place.position.lon, place.position.lat))
                .to_pos2()
        })
        .collect();
    for &index in &order {
        let place = &model.story.places[index];
        let center = centers[index];
        let r = radius(place.role);
        if !clip.expand(r).contains(center) {
            continue;
        }
        let selected = model.selected == Some(index);
        let painter = ui.painter();
        if selected {
            painter.circle_filled(center, r + 7.0, selection.gamma_multiply(0.45));
            painter.circle_stroke(center, r + 7.0, Stroke::new(2.0, selection));
        }
        let colour = if place.status == Some(Status::Bypassed) {
            detour_colour(dark)
        } else {
            country_colour(place.country.as_deref(), dark)
        };
        paint_marker(painter, center, r, place, colour, outline);

        // A marker hidden under a more important one (a station a few pixels from the border
        // station, at the overview) cannot be clicked: the reader zooms in, or uses the list.
        let position = order.iter().position(|i| *i == index).unwrap_or(0);
        let covered = order[position + 1..].iter().any(|above| {
            centers[*above].distance(center) < radius(model.story.places[*above].role)
        });
        if covered {
            continue;
        }
        // Where markers crowd, each one answers only near its own centre, so that a click
        // always goes to the nearest place.
        let nearest_px = centers
            .iter()
            .enumerate()
            .filter(|(other, _)| *other != index)
            .map(|(_, other)| other.distance(center))
            .fold(f32::INFINITY, f32::min);
        let half = (r + 5.0).min(nearest_px / 2.0).max(0.5);
        let hit = Rect::from_center_size(center, vec2(2.0 * half, 2.0 * half));
        let response = ui.interact(
            hit,
            ui.scope_id().with(("place_marker", index)),
            egui::Sense::click(),
        );
        let name = place.name.clone();
        response
            .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &name));
        let response = response.on_hover_cursor(egui::CursorIcon::PointingHand);
        let response = response.on_hover_ui(|ui| marker_tooltip_ui(ui, model, index, place));
        if response.clicked() {
            intents.push(Intent::Select(index));
        }
    }
    intents
}

fn paint_marker(
    painter: &egui::Painter,
    center: Pos2,
    r: f32,
    place: &Place,
    colour: Color32,
    outline: Color32,
) {
    match place.role {
        Role::Origin => {
            painter.circle(center, r, colour, Stroke::new(2.5, outline));
            painter.circle_filled(center, r * 0.35, outline);
        }
        Role::Destination => {
            painter.circle_stroke(center, r + 3.0, Stroke::new(2.0, colour));
            painter.circle(center, r, colour, Stroke::new(2.5, outline));
            painter.circle_filled(center, r * 0.35, outline);
        }
        Role::Border => {
            let points = vec![
                center + vec2(0.0, -r - 2.0),
                center + vec2(r + 2.0, 0.0),
                center + vec2(0.0, r + 2.0),
                center + vec2(-r - 2.0, 0.0),
            ];
            painter.add(Shape::convex_polygon(
                points,
                colour,
                Stroke::new(2.5, outline),
            ));
        }
        Role::Stop => {
            painter.circle(center, r, outline, Stroke::new(2.5, colour));
        }
        Role::Waypoint => {
            // Hollow: the journey did not reach it.
            painter.circle_stroke(center, r, Stroke::new(5.0, outline));
            painter.circle_stroke(center, r, Stroke::new(2.5, colour));
        }
    }
}

/// Name, what happened there, and the arrival at the current speed.
fn marker_tooltip_ui(ui: &mut egui::Ui, model: &ViewModel<'_>, index: usize, place: &Place) {
    ui.strong(&place.name);
    ui.label(crate::display::role_line(place));
    match model.itinerary.clock_at_place(model.story, index) {
        Some(time) if place.role == Role::Origin => {
            ui.label(format!("Departs {}", format_clock(time)));
        }
        Some(time) => {
            ui.label(format!(
                "Arrives {} at {:.0} {}",
                format_clock(time),
                model.speed.in_unit(model.unit),
                model.unit.symbol()
            ));
        }
        None if place.role == Role::Waypoint => {
            ui.label("Not on the route the train took");
        }
        None => {}
    }
    if let Some(distance) = model
        .itinerary
        .distance_to_place(index)
        .filter(|d| d.metres() > 0.0)
    {
        ui.label(format!(
            "{} from the start",
            format_distance_pair(distance, model.unit)
        ));
    }
}

/// The train, where the replay says it is.
pub fn train_ui(ui: &mut egui::Ui, projector: &Projector, model: &ViewModel<'_>, dark: bool) {
    let Some(secs) = model.playback_secs else {
        return;
    };
    let Some(position) = model.itinerary.position_at(model.route, model.story, secs) else {
        return;
    };
    let center = projector
        .project(walkers::lon_lat(position.lon, position.lat))
        .to_pos2();
    let body = Rect::from_center_size(center, vec2(22.0, 14.0));
    let painter = ui.painter();
    let (fill, outline) = if dark {
        (Color32::from_rgb(255, 220, 60), Color32::from_gray(20))
    } else {
        (Color32::from_rgb(20, 20, 20), Color32::WHITE)
    };
    painter.circle_filled(center, 16.0, fill.gamma_multiply(0.25));
    painter.rect(
        body,
        4.0,
        fill,
        Stroke::new(2.0, outline),
        egui::StrokeKind::Outside,
    );
    let window = if dark {
        Color32::from_gray(30)
    } else {
        Color32::from_rgb(255, 220, 60)
    };
    for dx in [-5.0, 0.0, 5.0] {
        painter.rect_filled(
            Rect::from_center_size(center + vec2(dx, -1.5), vec2(3.0, 4.0)),
            0.5,
            window,
        );
    }
    let response = ui.interact(body, ui.scope_id().with("train"), egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "Train"));
    response.on_hover_text(format!(
        "Where the train would be {} after departure at {:.0} {}",
        crate::units::format_duration(secs),
        model.speed.in_unit(model.unit),
        model.unit.symbol()
    ));
}
