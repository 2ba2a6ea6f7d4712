//! The offline vector basemap under the route, as a map layer: it fills a shape slot
//! reserved under walkers' tiles, and hands back the labels, which go over the route. The
//! story's own labels (the places with a marker of their own in view) are placed first.

use crate::basemap::{Basemap, BasemapPainter, BasemapTheme, StoryLabel};
use egui::layers::ShapeIdx;
use walkers::Projector;

/// Draws the offline basemap; kept across frames for its caches.
pub struct BasemapLayer {
    /// `None` only if the embedded asset cannot be decoded (a broken build).
    painter: Option<BasemapPainter>,
    /// Why there is no basemap, shown on the map.
    error: Option<String>,
}

impl BasemapLayer {
    /// Decode the embedded basemap's index and coarsest level (the rest is decoded as views
    /// need it, off the UI thread).
    pub fn new() -> Self {
        match Basemap::embedded() {
            Ok(basemap) => Self {
                painter: Some(BasemapPainter::new(basemap)),
                error: None,
            },
            Err(error) => Self {
                painter: None,
                error: Some(format!("The offline map could not be loaded: {error}")),
            },
        }
    }

    /// Fill `slot` (reserved under the tiles) with the basemap and return the labels, which go
    /// over the route.
    pub fn paint(
        &mut self,
        ui: &egui::Ui,
        projector: &Projector,
        slot: ShapeIdx,
        labels: &[StoryLabel],
        dark: bool,
        local_names: bool,
    ) -> Vec<egui::Shape> {
        let theme = if dark {
            BasemapTheme::Dark
        } else {
            BasemapTheme::Light
        };
        let Some(painter) = &mut self.painter else {
            let rect = projector.clip_rect();
            ui.painter().set(
                slot,
                egui::Shape::rect_filled(rect, 0.0, ui.visuals().extreme_bg_color),
            );
            let message = self.error.as_deref().unwrap_or("No offline map");
            let text = ui.painter().layout_no_wrap(
                message.to_owned(),
                egui::FontId::proportional(14.0),
                ui.visuals().error_fg_color,
            );
            return vec![egui::Shape::galley(
                rect.center() - text.size() / 2.0,
                text,
                egui::Color32::PLACEHOLDER,
            )];
        };
        painter.set_local_names(local_names);
        let shapes = painter.shapes(ui.ctx(), projector, theme, labels);
        // egui merges shapes that follow each other with the same clip rectangle into one
        // mesh, and each shape painted after a mesh this big grows that mesh, copying it
        // whole. A clip rectangle of its own (a thousandth of a point shorter: the same
        // pixels) keeps the basemap's mesh apart from the route and markers painted next.
        let clip = ui.clip_rect();
        let own_clip = egui::Rect::from_min_max(clip.min, clip.max - egui::vec2(0.0, 1e-3));
        ui.painter()
            .with_clip_rect(own_clip)
            .set(slot, egui::Shape::Vec(shapes.below));
        if shapes.outside_extent {
            // The message is painted; make it readable to screen readers too.
            let message = painter.no_data_message();
            let area = egui::Rect::from_center_size(
                projector.clip_rect().center(),
                egui::vec2(400.0, 30.0),
            );
            let response = ui.interact(
                area,
                ui.scope_id().with("no_basemap_here"),
                egui::Sense::hover(),
            );
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &message));
        }
        shapes.labels
    }
}

impl Default for BasemapLayer {
    fn default() -> Self {
        Self::new()
    }
}
