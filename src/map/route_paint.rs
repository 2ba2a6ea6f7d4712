//! Painting the route: each country's stretch in its own colour, arrows in the direction of
//! travel, the border crossing marked, and the what-if detour dashed.

use crate::model::ViewModel;
use crate::story::LonLat;
use egui::{Color32, Painter, Pos2, Shape, Stroke, pos2, vec2};
use walkers::Projector;

/// A run of the route on screen, with its colour.
pub type ScreenRun = (Vec<Pos2>, Color32);

/// The route's runs on screen.
pub type ScreenRuns = Vec<ScreenRun>;

/// Screen distance between direction arrows.
const ARROW_SPACING_PX: f32 = 140.0;

/// The colour of the route in a country.
pub fn country_colour(country: Option<&str>, dark: bool) -> Color32 {
    match (country, dark) {
        (Some("KP"), false) => Color32::from_rgb(200, 30, 45),
        (Some("KP"), true) => Color32::from_rgb(255, 90, 95),
        (Some("RU"), false) => Color32::from_rgb(25, 85, 200),
        (Some("RU"), true) => Color32::from_rgb(100, 160, 255),
        (_, false) => Color32::from_rgb(220, 110, 0),
        (_, true) => Color32::from_rgb(255, 160, 40),
    }
}

/// The colour of the what-if detour.
pub fn detour_colour(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(230, 200, 80)
    } else {
        Color32::from_rgb(150, 110, 0)
    }
}

/// A country's name for the legend.
fn country_name(code: &str) -> &str {
    match code {
        "KP" => "North Korea",
        "RU" => "Russia",
        "CN" => "China",
        other => other,
    }
}

fn project(projector: &Projector, point: LonLat) -> Pos2 {
    projector
        .project(walkers::lon_lat(point.lon, point.lat))
        .to_pos2()
}

/// The south-west and north-east corners, in degrees, of what `rect` shows on the map.
pub fn degrees_box(projector: &Projector, rect: egui::Rect) -> (LonLat, LonLat) {
    let corner = |pos: Pos2| projector.unproject(pos.to_vec2());
    let (a, b) = (corner(rect.left_top()), corner(rect.right_bottom()));
    (
        LonLat::new(a.x().min(b.x()), a.y().min(b.y())),
        LonLat::new(a.x().max(b.x()), a.y().max(b.y())),
    )
}

/// The route's runs near `clip` (their boxes, in degrees), projected, with their colours.
pub fn route_on_screen(
    projector: &Projector,
    model: &ViewModel<'_>,
    clip: egui::Rect,
    dark: bool,
) -> ScreenRuns {
    let (min, max) = degrees_box(projector, clip.expand(20.0));
    model
        .route_runs
        .iter()
        .filter(|run| run.meets(min, max))
        .map(|run| {
            (
                on_screen(projector, run.points_at(projector.zoom())),
                country_colour(run.country.as_deref(), dark),
            )
        })
        .collect()
}

/// Paint the route (its `runs` on screen, from [`route_on_screen`]), the detour and the
/// border crossings.
pub fn paint_route(
    painter: &Painter,
    projector: &Projector,
    model: &ViewModel<'_>,
    runs: &[ScreenRun],
    dark: bool,
) {
    let story = model.story;
    let halo = if dark {
        Color32::from_black_alpha(160)
    } else {
        Color32::from_white_alpha(200)
    };
    // Detours first, under the route.
    for (index, leg) in story.detours.iter().enumerate() {
        let taken = model.state.via_detour && model.detour == Some(index);
        let points: Vec<Pos2> = leg
            .geometry
            .iter()
            .map(|p| project(projector, *p))
            .collect();
        let colour = detour_colour(dark);
        let width = if taken { 3.5 } else { 2.0 };
        let clip = painter.clip_rect();
        painter.extend(visible_dashes(
            &points,
            clip,
            Stroke::new(width + 2.0, halo),
        ));
        painter.extend(visible_dashes(&points, clip, Stroke::new(width, colour)));
        if taken {
            paint_arrows(painter, &points, colour, halo);
            let reversed: Vec<Pos2> = points.iter().rev().copied().collect();
            paint_arrows(painter, &reversed, colour, halo);
        }
    }
    for (points, _) in runs {
        painter.add(Shape::line(points.clone(), Stroke::new(6.0, halo)));
    }
    for (points, colour) in runs {
        painter.add(Shape::line(points.clone(), Stroke::new(3.5, *colour)));
    }
    for (points, colour) in runs {
        paint_arrows(painter, points, *colour, halo);
    }
    for crossing in model.border_crossings {
        let at = project(projector, *crossing);
        let size = 7.0;
        let bar = [at + vec2(-size, -size), at + vec2(size, size)];
        let bar2 = [at + vec2(-size, size), at + vec2(size, -size)];
        for line in [bar, bar2] {
            painter.line_segment(line, Stroke::new(5.0, halo));
            painter.line_segment(
                line,
                Stroke::new(2.5, if dark { Color32::WHITE } else { Color32::BLACK }),
            );
        }
    }
}

/// `points` on screen, dropping those within half a point of the last kept one (at the
/// overview a long route has many vertices per pixel; the line looks the same).
fn on_screen(projector: &Projector, points: &[LonLat]) -> Vec<Pos2> {
    let mut projected: Vec<Pos2> = Vec::with_capacity(points.len());
    let last = points.len().saturating_sub(1);
    for (index, point) in points.iter().enumerate() {
        let pos = project(projector, *point);
        let keep = index == last
            || projected
                .last()
                .is_none_or(|previous| previous.distance_sq(pos) >= 0.25);
        if keep {
            projected.push(pos);
        }
    }
    projected
}

/// Length of a dash of the detour, in points.
const DASH_PX: f32 = 8.0;
/// Length of a gap between dashes of the detour, in points.
const GAP_PX: f32 = 6.0;

/// The dashes of the line through `points` that can show inside `clip`.
///
/// Zoomed in, a detour can run for tens of thousands of points off screen; only the runs of
/// segments near `clip` are dashed, each starting in step with the pattern along the whole
/// line, so the dashes on screen are the same as if the whole line had been dashed.
fn visible_dashes(points: &[Pos2], clip: egui::Rect, stroke: Stroke) -> Vec<Shape> {
    let near = clip.expand(stroke.width + DASH_PX);
    let period = DASH_PX + GAP_PX;
    let mut shapes = Vec::new();
    let mut along = 0.0_f32;
    let mut run_start: Option<(usize, f32)> = None;
    let dash_run = |from: usize, to: usize, start_along: f32, shapes: &mut Vec<Shape>| {
        let phase = start_along.rem_euclid(period);
        // The pattern starts a dash at every multiple of the period along the whole line.
        let offset = if phase == 0.0 { 0.0 } else { period - phase };
        Shape::dashed_line_many_with_offset(
            &points[from..=to],
            stroke,
            &[DASH_PX],
            &[GAP_PX],
            offset,
            shapes,
        );
    };
    for (index, pair) in points.windows(2).enumerate() {
        let visible = near.intersects(egui::Rect::from_two_pos(pair[0], pair[1]));
        match (visible, run_start) {
            (true, None) => run_start = Some((index, along)),
            (false, Some((from, start_along))) => {
                dash_run(from, index, start_along, &mut shapes);
                run_start = None;
            }
            _ => {}
        }
        along += pair[0].distance(pair[1]);
    }
    if let Some((from, start_along)) = run_start {
        dash_run(from, points.len() - 1, start_along, &mut shapes);
    }
    shapes
}

/// Chevrons along `points`, every [`ARROW_SPACING_PX`], pointing the way of travel.
fn paint_arrows(painter: &Painter, points: &[Pos2], colour: Color32, halo: Color32) {
    let clip = painter.clip_rect().expand(20.0);
    let mut until_next = ARROW_SPACING_PX / 2.0;
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let segment = b - a;
        let length = segment.length();
        if length <= f32::EPSILON {
            continue;
        }
        let direction = segment / length;
        let mut along = until_next;
        while along < length {
            let tip = a + direction * along;
            if clip.contains(tip) {
                let back = tip - direction * 7.0;
                let side = vec2(-direction.y, direction.x) * 5.0;
                let chevron = vec![back + side, tip, back - side];
                painter.add(Shape::line(chevron.clone(), Stroke::new(4.5, halo)));
                painter.add(Shape::line(chevron, Stroke::new(2.0, colour)));
            }
            along += ARROW_SPACING_PX;
        }
        until_next = along - length;
    }
}

/// Whether the legend has anything to say: a story of places alone has no route to explain
/// (an empty legend would be a stray empty frame in the corner).
pub fn has_legend(model: &ViewModel<'_>) -> bool {
    !model.route_runs.is_empty() || !model.story.detours.is_empty()
}

/// What the colours and symbols mean.
pub fn legend_ui(ui: &mut egui::Ui, model: &ViewModel<'_>) {
    let dark = ui.visuals().dark_mode;
    let countries = model.route_countries;
    let swatch = |ui: &mut egui::Ui, colour: Color32, dashed: bool, text: &str| {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(24.0, 10.0), egui::Sense::hover());
            let y = rect.center().y;
            let line = [pos2(rect.left(), y), pos2(rect.right(), y)];
            if dashed {
                ui.painter().extend(Shape::dashed_line(
                    &line,
                    Stroke::new(2.5, colour),
                    5.0,
                    3.0,
                ));
            } else {
                ui.painter().line_segment(line, Stroke::new(3.5, colour));
            }
            ui.label(egui::RichText::new(text).small());
        });
    };
    // A country with a colour of its own gets its own line; the others share the default
    // colour, so one line says it ("Route in PE" and "Route in US" in one colour would read
    // as two routes). Only colours the route is drawn in are listed, in the legend's order.
    let default_colour = country_colour(None, dark);
    let drawn: Vec<Color32> = model
        .route_runs
        .iter()
        .map(|run| country_colour(run.country.as_deref(), dark))
        .collect();
    let mut own_colours = 0;
    for country in countries {
        let colour = country_colour(Some(country.as_str()), dark);
        if colour != default_colour && drawn.contains(&colour) {
            own_colours += 1;
            swatch(
                ui,
                colour,
                false,
                &format!("Route in {}", country_name(country)),
            );
        }
    }
    if drawn.contains(&default_colour) {
        let text = if own_colours > 0 {
            "Route elsewhere"
        } else {
            "Route"
        };
        swatch(ui, default_colour, false, text);
    }
    if !model.story.detours.is_empty() {
        swatch(
            ui,
            detour_colour(dark),
            true,
            "Not taken: the expected detour",
        );
    }
    if !model.border_crossings.is_empty() {
        ui.label(egui::RichText::new("✕ border crossing").small());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::Rect;

    fn segments(shapes: &[Shape], inside: Rect) -> Vec<[Pos2; 2]> {
        shapes
            .iter()
            .filter_map(|shape| match shape {
                Shape::LineSegment { points, .. }
                    if inside.contains(points[0]) && inside.contains(points[1]) =>
                {
                    Some(*points)
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_long_dashed_line_is_dashed_only_near_the_screen_and_in_step_with_the_whole() {
        // A zigzag 40 000 points long, of which a 200-point window is on screen.
        let points: Vec<Pos2> = (0..=200_u16)
            .map(|i| {
                pos2(
                    f32::from(i) * 200.0 - 20_000.0,
                    if i % 2 == 0 { 0.0 } else { 37.0 },
                )
            })
            .collect();
        let clip = Rect::from_min_max(pos2(-100.0, -50.0), pos2(100.0, 50.0));
        let stroke = Stroke::new(2.0, Color32::RED);

        let visible = visible_dashes(&points, clip, stroke);
        let whole = Shape::dashed_line(&points, stroke, DASH_PX, GAP_PX);

        assert!(
            visible.len() * 20 < whole.len(),
            "{} dashes for the screen, {} for the whole line",
            visible.len(),
            whole.len()
        );
        let on_screen = segments(&whole, clip);
        assert!(!on_screen.is_empty());
        let drawn = segments(&visible, clip);
        assert_eq!(drawn.len(), on_screen.len());
        for (a, b) in drawn.iter().zip(&on_screen) {
            assert!(
                a[0].distance(b[0]) < 0.05 && a[1].distance(b[1]) < 0.05,
                "{a:?} vs {b:?}"
            );
        }
    }

    #[test]
    fn a_dashed_line_wholly_off_screen_draws_nothing() {
        let points = [pos2(1000.0, 1000.0), pos2(5000.0, 1000.0)];
        let clip = Rect::from_min_max(pos2(0.0, 0.0), pos2(100.0, 100.0));
        assert!(visible_dashes(&points, clip, Stroke::new(2.0, Color32::RED)).is_empty());
    }
}
