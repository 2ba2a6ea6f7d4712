//! A marker for every place: its shape says its role, a hollow ring says "bypassed", and each
//! one is a real widget (hover, click, accessible name) although it is painted.

use super::clusters::{self, Group};
use super::route_paint::{country_colour, degrees_box, detour_colour};
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

/// The places the map shows this frame: markers of their own, and clusters of stops whose
/// markers would cover each other.
#[derive(Clone, Debug, Default)]
pub struct MarkerLayout {
    /// Places drawn with a marker of their own, with their screen position.
    pub singles: Vec<(usize, Pos2)>,
    /// Counted clusters of crowded stops.
    pub clusters: Vec<Group>,
}

impl MarkerLayout {
    /// No markers (before the map's first frame).
    pub const EMPTY: Self = Self {
        singles: Vec::new(),
        clusters: Vec::new(),
    };
}

/// Clusters closer than this (screen points) are merged: a cluster's bubble with its halo
/// is up to about 30 points wide (four digits), so merged clusters do not overlap.
const CLUSTER_SPACING_PX: f32 = 30.0;

/// Whether a place may be drawn as part of a cluster: the journey's ends, border stations
/// and the selected place are always drawn on their own.
fn clusterable(place: &Place, selected: bool) -> bool {
    !selected && matches!(place.role, Role::Stop | Role::Waypoint)
}

/// Which places are in view (the spatial index, not every place), and how they group.
pub fn layout_markers(projector: &Projector, model: &ViewModel<'_>, clip: Rect) -> MarkerLayout {
    // The view's box in degrees, a big marker's width beyond each edge.
    let (min, max) = degrees_box(projector, clip.expand(2.0 * radius(Role::Destination)));
    // File order, so that the same places group the same way wherever the view is: marked
    // in a table, then read in order (linear, where sorting 100,000 was not).
    let mut marked = vec![false; model.story.places.len()];
    for index in model.place_index.within(min, max) {
        if let Some(mark) = marked.get_mut(index) {
            *mark = true;
        }
    }
    if let Some(mark) = model.selected.and_then(|selected| marked.get_mut(selected)) {
        *mark = true;
    }
    let in_view = marked
        .iter()
        .enumerate()
        .filter_map(|(index, mark)| mark.then_some(index));
    // Web Mercator to screen is a scale and a shift: taken from where two points of the
    // equator land (0° at x = ½, 90° E at x = ¾ of the world).
    let origin = projector.project(walkers::lon_lat(0.0, 0.0));
    let quarter = projector.project(walkers::lon_lat(90.0, 0.0));
    let world_px = 4.0 * f64::from(quarter.x - origin.x);
    let on_screen = |(x, y): (f64, f64)| {
        #[expect(clippy::cast_possible_truncation, reason = "screen points")]
        let offset = egui::vec2(((x - 0.5) * world_px) as f32, ((y - 0.5) * world_px) as f32);
        origin.to_pos2() + offset
    };
    let mut layout = MarkerLayout::default();
    let mut crowd: Vec<(usize, Pos2)> = Vec::new();
    for index in in_view {
        let (Some(place), Some(merc)) = (
            model.story.places.get(index),
            model.place_index.mercator(index),
        ) else {
            continue;
        };
        let center = on_screen(merc);
        if clusterable(place, model.selected == Some(index)) {
            crowd.push((index, center));
        } else {
            layout.singles.push((index, center));
        }
    }
    // First the stops that would hide each other; then clusters close enough for their
    // bubbles to overlap are merged, so that a dense route reads as a row of counts.
    let mut crowded: Vec<Group> = Vec::new();
    for group in clusters::group(&crowd, clusters::cluster_distance(radius(Role::Stop))) {
        match group.members.as_slice() {
            [only] => layout.singles.push((*only, group.center)),
            _ => crowded.push(group),
        }
    }
    let centres: Vec<(usize, Pos2)> = crowded
        .iter()
        .enumerate()
        .map(|(i, group)| (i, group.center))
        .collect();
    for merged in clusters::group(&centres, CLUSTER_SPACING_PX) {
        let mut members: Vec<usize> = Vec::new();
        let mut sum = egui::Vec2::ZERO;
        for part in merged.members.iter().filter_map(|i| crowded.get(*i)) {
            #[expect(clippy::cast_precision_loss, reason = "a count of markers on screen")]
            let weight = part.members.len() as f32;
            sum += part.center.to_vec2() * weight;
            members.extend_from_slice(&part.members);
        }
        members.sort_unstable();
        #[expect(clippy::cast_precision_loss, reason = "a count of markers on screen")]
        let count = members.len().max(1) as f32;
        layout.clusters.push(Group {
            center: (sum / count).to_pos2(),
            members,
        });
    }
    layout
}

/// Paint the markers and clusters of `layout` and report clicks.
pub fn markers_ui(
    ui: &mut egui::Ui,
    projector: &Projector,
    model: &ViewModel<'_>,
    layout: &MarkerLayout,
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
    let mut order: Vec<(usize, Pos2)> = layout.singles.clone();
    order.sort_by_key(|(index, _)| {
        model
            .story
            .places
            .get(*index)
            .map_or(0, |place| match place.role {
                Role::Stop => 0,
                Role::Waypoint => 1,
                Role::Border => 2,
                Role::Origin | Role::Destination => 3,
            })
    });
    // Neighbours through a grid of cells as wide as the biggest hit area, so that each
    // marker looks at the few near it, not at every other.
    let cell_px = 32.0;
    let cell_of = |p: Pos2| clusters::grid_cell(p, cell_px);
    // Every centre on the map: the markers (slots 0…) then the clusters.
    let centres: Vec<Pos2> = order
        .iter()
        .map(|(_, centre)| *centre)
        .chain(layout.clusters.iter().map(|group| group.center))
        .collect();
    let mut grid: clusters::Cells<Vec<usize>> = clusters::Cells::default();
    for (slot, centre) in centres.iter().enumerate() {
        grid.entry(cell_of(*centre)).or_default().push(slot);
    }
    let neighbours = |slot: usize| -> Vec<usize> {
        let (cx, cy) = cell_of(centres[slot]);
        let mut found = Vec::new();
        for dx in -1..=1_i64 {
            for dy in -1..=1_i64 {
                if let Some(slots) = grid.get(&(cx.saturating_add(dx), cy.saturating_add(dy))) {
                    found.extend(slots.iter().copied().filter(|other| *other != slot));
                }
            }
        }
        found
    };
    // Where markers and clusters crowd, each answers only near its own centre, so that a
    // click always goes to the nearest.
    let nearest_px = |slot: usize| {
        neighbours(slot)
            .into_iter()
            .map(|other| centres[other].distance(centres[slot]))
            .fold(f32::INFINITY, f32::min)
    };
    // Clusters under the markers.
    for (i, group) in layout.clusters.iter().enumerate() {
        let nearest = nearest_px(order.len() + i);
        intents.extend(cluster_ui(
            ui, projector, model, group, nearest, dark, outline,
        ));
    }
    for (slot, &(index, center)) in order.iter().enumerate() {
        let Some(place) = model.story.places.get(index) else {
            continue;
        };
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

        // A marker under a more important one (a station a few pixels from the border
        // station, at the overview) cannot be clicked there: zooming in separates them.
        let covered = neighbours(slot)
            .into_iter()
            .filter(|above| *above > slot && *above < order.len())
            .any(|above| {
                let (above_index, above_center) = order[above];
                model
                    .story
                    .places
                    .get(above_index)
                    .is_some_and(|p| above_center.distance(center) < radius(p.role))
            });
        if covered {
            continue;
        }
        let half = (r + 5.0).min(nearest_px(slot) / 2.0).max(0.5);
        let hit = Rect::from_center_size(center, vec2(2.0 * half, 2.0 * half));
        // At the author's desk a marker can be dragged to where the place really is.
        let sense = if model.editing {
            egui::Sense::click_and_drag()
        } else {
            egui::Sense::click()
        };
        let response = ui.interact(hit, ui.scope_id().with(("place_marker", index)), sense);
        if let Some(pointer) = response
            .interact_pointer_pos()
            .filter(|_| response.dragged())
        {
            ui.painter()
                .circle_stroke(pointer, r + 3.0, Stroke::new(2.0, selection));
        }
        if response.drag_stopped()
            && let Some(pointer) = response.interact_pointer_pos()
        {
            let to = projector.unproject(pointer.to_vec2());
            intents.push(Intent::MovePlace {
                place: index,
                // The map may draw the story a turn east or west (see `LonWrap`).
                to: crate::story::LonLat::new(to.x(), to.y()).wrapped(),
            });
        }
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

/// How many members a cluster's name and menu list before "and N more".
const CLUSTER_NAMES_SHOWN: usize = 12;

/// A counted cluster: clicking it zooms in on its places until they part; where they cannot
/// part (the closest zoom, or places at one spot), it lists them to pick from.
fn cluster_ui(
    ui: &mut egui::Ui,
    projector: &Projector,
    model: &ViewModel<'_>,
    group: &Group,
    nearest_px: f32,
    dark: bool,
    outline: Color32,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    let count = group.members.len();
    let text = count.to_string();
    let font = egui::FontId::proportional(11.0);
    let galley = ui.painter().layout_no_wrap(
        text,
        font,
        if dark { Color32::BLACK } else { Color32::WHITE },
    );
    let r = (galley.size().x / 2.0 + 5.0).max(radius(Role::Stop) + 3.0);
    let center = group.center;
    if !ui.clip_rect().expand(r).contains(center) {
        return intents;
    }
    let first = group
        .members
        .first()
        .and_then(|index| model.story.places.get(*index));
    let colour = first.map_or_else(
        || country_colour(None, dark),
        |place| country_colour(place.country.as_deref(), dark),
    );
    let painter = ui.painter();
    painter.circle(center, r + 3.0, colour.gamma_multiply(0.35), Stroke::NONE);
    painter.circle(center, r, colour, Stroke::new(2.0, outline));
    painter.galley(center - galley.size() / 2.0, galley, Color32::PLACEHOLDER);

    let names: Vec<&str> = group
        .members
        .iter()
        .take(CLUSTER_NAMES_SHOWN)
        .filter_map(|index| model.story.places.get(*index))
        .map(|place| place.name.as_str())
        .collect();
    let more = count.saturating_sub(names.len());
    let listed = if more > 0 {
        format!("{} and {more} more", names.join(", "))
    } else {
        names.join(", ")
    };
    let name = format!("{count} places: {listed}");
    let half = r.min(nearest_px / 2.0).max(0.5);
    let hit = Rect::from_center_size(center, vec2(2.0 * half, 2.0 * half));
    let response = ui.interact(
        hit,
        ui.scope_id().with(("place_cluster", group.members.first())),
        egui::Sense::click(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    let at_closest = projector.zoom() >= crate::model::view::MAX_ZOOM - 0.01;
    let response = response
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_text(if at_closest {
            format!("{name}\nClick to pick one")
        } else {
            format!("{name}\nClick to zoom in")
        });
    if response.clicked() && !at_closest {
        intents.push(Intent::ZoomToPlaces(group.members.clone()));
    }
    let open = (response.clicked() && at_closest).then_some(egui::SetOpenCommand::Toggle);
    egui::Popup::menu(&response).open_memory(open).show(|ui| {
        for &index in group.members.iter().take(CLUSTER_NAMES_SHOWN * 4) {
            if let Some(place) = model.story.places.get(index)
                && ui.button(&place.name).clicked()
            {
                intents.push(Intent::Select(index));
            }
        }
        let hidden = count.saturating_sub(CLUSTER_NAMES_SHOWN * 4);
        if hidden > 0 {
            ui.label(format!("and {hidden} more: see the list of places"));
        }
    });
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
    let position = model.lon_wrap.point(position);
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
