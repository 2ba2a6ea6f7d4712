//! The map drawn by egui with no window: a headless [`egui::Context`] runs the app's own map
//! code ([`crate::map::map_picture_ui`]: walkers' map with the app's basemap, route, markers,
//! labels, legend and attribution) for a few frames, until nothing asks for another.
//!
//! Invariants: the context has the app's fonts and the asked theme before its first frame;
//! no tiles are fetched (the offline basemap only, so no network and nothing arrives late);
//! the frames' texture changes are all kept, in order, since the last frame alone does not
//! hold the font atlas uploaded in the first.

use crate::map::{AreaMeshes, MapLayers};
use crate::model::view::MapView;
use crate::model::{PersistedState, Session};
use egui::{ClippedPrimitive, TexturesDelta, ViewportId};

/// How many frames are run at most: the map settles in two or three (the panel finds its
/// size, the labels are placed); a map still asking for more after this is drawn as it is.
const MAX_FRAMES: u32 = 12;

/// What part of the world the picture shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PictureView {
    /// The whole story, as the app fits it when a story opens.
    Fit,
    /// This view (the app's map as it is on screen: [`crate::app::StoryApp::map_view`]).
    At(MapView),
}

/// A picture of a story's map.
pub struct MapPicture<'a> {
    /// The story's session: its route, places, speed, detour and selection are drawn.
    pub session: &'a Session,
    /// The app's settings the map reads (the what-if detour).
    pub state: &'a PersistedState,
    /// Where the map looks.
    pub view: PictureView,
    /// The picture's size in points (the app's map area: `StoryApp::map_rect().size()`).
    pub size_points: egui::Vec2,
    /// Pixels per point: 1 for the size on a plain screen, 2 for twice the resolution.
    pub pixels_per_point: f32,
    /// Light or dark.
    pub theme: egui::Theme,
}

/// The last frame, ready for the GPU, with every texture change of the frames run.
pub struct DrawnFrame {
    /// The last frame's triangles.
    pub primitives: Vec<ClippedPrimitive>,
    /// The texture changes of every frame, oldest first.
    pub textures: Vec<TexturesDelta>,
    /// The picture's size in pixels.
    pub size_px: [u32; 2],
    /// Pixels per point the frame was tessellated at.
    pub pixels_per_point: f32,
    /// How many frames were run.
    pub frames: u32,
}

/// Run the map in a headless context until it settles; the caller checked the size.
pub fn draw_frames(picture: &MapPicture<'_>, size_px: [u32; 2]) -> DrawnFrame {
    let ctx = egui::Context::default();
    crate::ui::install_fonts(&ctx);
    ctx.set_theme(picture.theme);
    ctx.all_styles_mut(|style| style.animation_time = 0.0);

    let size = picture.size_points;
    let session = picture.session;
    let view = match picture.view {
        PictureView::At(view) if view.is_valid() => Some(view),
        PictureView::At(_) => None,
        PictureView::Fit => session.fitted_view(f64::from(size.x), f64::from(size.y)),
    };
    let mut memory = walkers::MapMemory::default();
    if let Some(view) = view {
        memory.center_at(walkers::lon_lat(view.center_lon, view.center_lat));
        // A valid view's zoom is within walkers' range; should it not be, the default stays.
        let _ = memory.set_zoom(view.zoom);
    }
    let areas = AreaMeshes::new(&session.story().areas);
    let mut layers = MapLayers::new(&ctx, None, false);
    let model = session.view_model(picture.state);
    let home = session.home();

    let mut textures = Vec::new();
    let mut frames = 0;
    let mut last = None;
    while frames < MAX_FRAMES {
        let mut input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
            time: Some(f64::from(frames) / 60.0),
            ..egui::RawInput::default()
        };
        if let Some(viewport) = input.viewports.get_mut(&ViewportId::ROOT) {
            viewport.native_pixels_per_point = Some(picture.pixels_per_point);
        }
        let mut output = ctx.run_ui(input, |ui| {
            let rect = ui.max_rect();
            ui.painter()
                .rect_filled(rect, 0.0, ui.visuals().extreme_bg_color);
            // What the user would ask for on a picture (nothing: there is no pointer) is
            // dropped.
            let _ = crate::map::map_picture_ui(ui, &model, home, &areas, &mut memory, &mut layers);
        });
        frames += 1;
        textures.push(std::mem::take(&mut output.textures_delta));
        let settled = output
            .viewport_output
            .get(&ViewportId::ROOT)
            .is_none_or(|viewport| !viewport.repaint_delay.is_zero());
        last = Some(output);
        // The first frame lays out; the second draws what the first measured.
        if settled && frames >= 2 {
            break;
        }
    }
    let (shapes, pixels_per_point) = last.map_or_else(
        || (Vec::new(), picture.pixels_per_point),
        |output| (output.shapes, output.pixels_per_point),
    );
    DrawnFrame {
        primitives: ctx.tessellate(shapes, pixels_per_point),
        textures,
        size_px,
        pixels_per_point,
        frames,
    }
}
