//! Pictures of the map without a window: `storyroute render`, and the app's "export the map
//! as PNG" at twice the screen's resolution. The app's own map code draws the picture
//! ([`crate::map::map_picture_ui`]: basemap, route, markers, labels, legend, attribution;
//! no zoom buttons) in a headless egui context (`scene.rs`), and wgpu rasterises it into a
//! texture read back as an [`egui::ColorImage`] (`gpu.rs`); [`save_png_atomically`] writes it.
//!
//! A shell-level layer beside [`crate::app`]: it names the map, the ui, the model and below,
//! never the app, and nothing below it names it. It needs no display and no GPU (a software
//! Vulkan driver does), and never the network: the offline basemap only, no tiles.
//!
//! The app's 2× export: with `app` the [`crate::app::StoryApp`],
//!
//! ```no_run
//! # fn export(app: &storyroute::app::StoryApp, theme: egui::Theme) -> Result<(), storyroute::render::RenderError> {
//! use storyroute::render::{MapPicture, PictureView, render_map, save_png_atomically};
//! let picture = MapPicture {
//!     session: app.session(),
//!     state: app.persisted(),
//!     view: PictureView::At(app.map_view()),
//!     size_points: app.map_rect().size(),
//!     pixels_per_point: 2.0,
//!     theme,
//! };
//! let image = render_map(&picture)?;
//! save_png_atomically(&image, std::path::Path::new("map@2x.png"))?;
//! # Ok(()) }
//! ```

mod command;
mod gpu;
mod png_file;
mod scene;

pub use command::run_render;
pub use gpu::OffscreenGpu;
pub use png_file::save_png_atomically;
pub use scene::{MapPicture, PictureView};

use egui::ColorImage;
use std::path::PathBuf;

/// Why a picture could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// No adapter or device for drawing offscreen.
    #[error(
        "no graphics device to draw the map with ({0}); on a machine without a GPU, install a \
         software Vulkan driver (apt-get install mesa-vulkan-drivers libvulkan1)"
    )]
    NoGpu(String),
    /// The picture is larger than the device can draw, or empty.
    #[error(
        "the picture would be {width}×{height} pixels; this graphics device draws 1 to {max} \
         pixels a side"
    )]
    TooLarge {
        /// Width asked for, in pixels.
        width: u32,
        /// Height asked for, in pixels.
        height: u32,
        /// The device's largest side, in pixels.
        max: u32,
    },
    /// The device failed while drawing or reading back.
    #[error("drawing the map failed on the graphics device: {0}")]
    Gpu(String),
    /// The PNG could not be written.
    #[error("could not write {}: {reason}", path.display())]
    Write {
        /// The file asked for.
        path: PathBuf,
        /// Why not.
        reason: String,
    },
}

/// The picture's size in pixels: its size in points times the scale, rounded; `None` if it
/// is not a finite, positive size that fits in `u32`.
pub fn size_in_pixels(size_points: egui::Vec2, pixels_per_point: f32) -> Option<[u32; 2]> {
    let side = |points: f32| {
        let pixels = (points * pixels_per_point).round();
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "checked finite and within 1..=u32::MAX first"
        )]
        (1.0..=1.0e9).contains(&pixels).then_some(pixels as u32)
    };
    Some([side(size_points.x)?, side(size_points.y)?])
}

/// Draw `picture` with `gpu` (reuse one for several pictures: opening a device takes a
/// while).
pub fn render_map_with(
    gpu: &mut OffscreenGpu,
    picture: &MapPicture<'_>,
) -> Result<ColorImage, RenderError> {
    let max = gpu.max_side_px();
    let Some([width, height]) = size_in_pixels(picture.size_points, picture.pixels_per_point)
        .filter(|[width, height]| *width <= max && *height <= max)
    else {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "for the message only; saturates"
        )]
        let (width, height) = (
            (picture.size_points.x * picture.pixels_per_point) as u32,
            (picture.size_points.y * picture.pixels_per_point) as u32,
        );
        return Err(RenderError::TooLarge { width, height, max });
    };
    let frame = scene::draw_frames(picture, [width, height]);
    log::debug!(
        "drew the map picture in {} frames on {}",
        frame.frames,
        gpu.adapter_summary()
    );
    gpu.paint(frame)
}

/// Draw `picture` on a graphics device opened for it.
pub fn render_map(picture: &MapPicture<'_>) -> Result<ColorImage, RenderError> {
    render_map_with(&mut OffscreenGpu::new()?, picture)
}
