//! The map: the offline basemap, optional tiles, the route with its direction and border
//! crossing, and a clickable marker for every place; at the author's desk markers can be
//! dragged and each leg has a handle to bend it.
//!
//! Invariants: the map never needs the network; online tiles are drawn over the offline
//! basemap, so a missing tile shows the basemap, never a blank. Every marker is a widget with
//! the place's name as its accessible label, so screen readers and tests find it.

mod area_paint;
mod basemap_layer;
pub mod clusters;
mod frame_cache;
mod layers;
mod leg_handles;
mod markers;
mod route_paint;

pub use area_paint::{AreaMeshes, area_fill_colour, area_outline_colour};
pub use layers::MapLayers;
pub use markers::MarkerLayout;

use crate::model::{Intent, ViewModel};
use egui::{Rect, Vec2};

/// What the map reports back each frame.
pub struct MapOutput {
    /// What the user asked for on the map.
    pub intents: Vec<Intent>,
    /// The map's size, for zoom-to-fit.
    pub size: Vec2,
    /// Where the map is on screen, to anchor cards.
    pub rect: Rect,
}

/// The map, filling the remaining space of `ui`.
pub fn map_ui(
    ui: &mut egui::Ui,
    model: &ViewModel<'_>,
    home: crate::story::LonLat,
    areas: &AreaMeshes,
    memory: &mut walkers::MapMemory,
    layers: &mut MapLayers,
) -> MapOutput {
    map_with_controls_ui(ui, model, home, areas, memory, layers, true)
}

/// The map as a picture (an image for an article, [`crate::render`]): drawn as [`map_ui`]
/// draws it, legend and attribution included, without the zoom buttons.
pub fn map_picture_ui(
    ui: &mut egui::Ui,
    model: &ViewModel<'_>,
    home: crate::story::LonLat,
    areas: &AreaMeshes,
    memory: &mut walkers::MapMemory,
    layers: &mut MapLayers,
) -> MapOutput {
    map_with_controls_ui(ui, model, home, areas, memory, layers, false)
}

/// The map, with or without its zoom buttons.
fn map_with_controls_ui(
    ui: &mut egui::Ui,
    model: &ViewModel<'_>,
    home: crate::story::LonLat,
    areas: &AreaMeshes,
    memory: &mut walkers::MapMemory,
    layers: &mut MapLayers,
    zoom_buttons: bool,
) -> MapOutput {
    let mut intents = Vec::new();
    let inner = egui::CentralPanel::default()
        .frame(egui::Frame::NONE)
        .show(ui, |ui| {
            let rect = ui.available_rect_before_wrap();
            let basemap_slot = ui.painter().add(egui::Shape::Noop);
            // Where the map is when it follows nothing else: the story's start.
            let my_position = walkers::lon_lat(home.lon, home.lat);
            let dark = ui.visuals().dark_mode;
            let (tiles, basemap, cache) = layers.parts();
            let map = walkers::Map::new(tiles, memory, my_position)
                .zoom_with_ctrl(false)
                .double_click_to_zoom(true);
            map.show(ui, |ui, _response, projector, _memory| {
                let clip = ui.clip_rect();
                let key = frame_cache::ViewKey::new(model.generation, projector, clip);
                cache.update_markers(key, model.selected, || {
                    markers::layout_markers(projector, model, clip)
                });
                cache.update_route(key, dark, || {
                    route_paint::route_on_screen(projector, model, clip, dark)
                });
                let layout = cache.markers();
                let labels = story_labels(model, layout);
                let label_shapes = basemap.map_or_else(Vec::new, |basemap| {
                    basemap.paint(
                        ui,
                        projector,
                        basemap_slot,
                        &labels,
                        dark,
                        model.state.local_names,
                    )
                });
                areas.paint(ui.painter(), projector, dark);
                route_paint::paint_route(ui.painter(), projector, model, cache.route(), dark);
                ui.painter().extend(label_shapes);
                intents.extend(leg_handles::leg_handles_ui(ui, projector, model));
                intents.extend(markers::markers_ui(ui, projector, model, layout, dark));
                markers::train_ui(ui, projector, model, dark);
            });
            let failures = layers.online_failures();
            if layers.online_fetching() {
                // walkers repaints when a tile arrives, not when one fails: look again soon.
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(500));
            }
            layers::map_overlays_ui(
                ui,
                rect,
                model,
                &mut intents,
                layers.online(),
                failures.as_ref(),
                zoom_buttons,
            );
            rect
        });
    let rect = inner.inner;
    MapOutput {
        intents,
        size: rect.size(),
        rect,
    }
}

/// At most this many of the story's places are labelled at once: the most important first.
const STORY_LABELS_MAX: usize = 120;

/// Labels for the places with a marker of their own in view, the journey's ends and border
/// stations first (the placement gives earlier labels the better spots).
fn story_labels(
    model: &ViewModel<'_>,
    layout: &markers::MarkerLayout,
) -> Vec<crate::basemap::StoryLabel> {
    let mut places: Vec<(usize, &crate::story::Place)> = layout
        .singles
        .iter()
        .filter_map(|(index, _)| Some((*index, model.story.places.get(*index)?)))
        .collect();
    places.sort_by_key(|(index, place)| (markers::label_rank(place.role), *index));
    places
        .into_iter()
        .take(STORY_LABELS_MAX)
        .map(|(_, place)| {
            let drawn = model.lon_wrap.point(place.position);
            crate::basemap::StoryLabel {
                name: place.name.clone(),
                lon: drawn.lon,
                lat: drawn.lat,
                marker_radius_px: markers::radius(place.role) + 3.0,
            }
        })
        .collect()
}
