//! At the author's desk, a handle in the middle of each leg: drag it to where the line
//! should pass (a via point is added there), double-click it to draw the leg straight again
//! (as a great circle). Shown only while the desk is open.

use crate::model::{Intent, ViewModel};
use egui::{Color32, Rect, Stroke, vec2};
use walkers::Projector;

/// The handle's half size, in points.
const HALF: f32 = 5.0;

/// The handles, with the intents of those dragged or double-clicked.
pub fn leg_handles_ui(
    ui: &mut egui::Ui,
    projector: &Projector,
    model: &ViewModel<'_>,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    if !model.editing {
        return intents;
    }
    let clip = ui.clip_rect();
    let colour = ui.visuals().strong_text_color();
    for (index, leg) in model.story.legs.iter().enumerate() {
        let Some(middle) = leg.geometry.get(leg.geometry.len() / 2) else {
            continue;
        };
        // Where the map draws it: a story across ±180° is drawn a turn east or west.
        let drawn = model.lon_wrap.point(*middle);
        let center = projector
            .project(walkers::lon_lat(drawn.lon, drawn.lat))
            .to_pos2();
        if !clip.contains(center) {
            continue;
        }
        let rect = Rect::from_center_size(center, vec2(2.0 * HALF, 2.0 * HALF));
        let response = ui.interact(
            rect.expand(3.0),
            ui.scope_id().with(("leg_handle", index)),
            egui::Sense::click_and_drag(),
        );
        let name = format!(
            "Bend the leg from {} to {}",
            model
                .story
                .place(&leg.from)
                .map_or("?", |p| p.name.as_str()),
            model.story.place(&leg.to).map_or("?", |p| p.name.as_str())
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
        let response = response
            .on_hover_cursor(egui::CursorIcon::Grab)
            .on_hover_text("Drag to make the leg pass there; double-click to straighten it");
        let painter = ui.painter();
        painter.rect(
            rect,
            1.0,
            ui.visuals().extreme_bg_color,
            Stroke::new(2.0, colour),
            egui::StrokeKind::Middle,
        );
        if let Some(pointer) = response
            .interact_pointer_pos()
            .filter(|_| response.dragged())
        {
            painter.circle_stroke(
                pointer,
                HALF,
                Stroke::new(2.0, Color32::from_rgb(255, 200, 0)),
            );
        }
        if response.double_clicked() {
            intents.push(Intent::StraightenLeg(index));
        } else if response.drag_stopped()
            && let Some(pointer) = response.interact_pointer_pos()
        {
            let to = projector.unproject(pointer.to_vec2());
            intents.push(Intent::BendLeg {
                leg: index,
                through: crate::story::LonLat::new(to.x(), to.y()).wrapped(),
            });
        }
    }
    intents
}
