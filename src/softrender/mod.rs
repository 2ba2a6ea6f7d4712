//! A renderer of egui's output on the CPU, for machines without a GPU (or with only a
//! software one, where the GPU path costs ~100 ms of CPU a frame): it takes what
//! `egui::Context::tessellate` returns and the frame's texture changes, and paints them into
//! a framebuffer of `0x00RRGGBB` pixels, the format `softbuffer` presents. It knows nothing
//! of windows.
//!
//! It paints as egui_wgpu does into a gamma-space target (premultiplied alpha, vertex colour
//! times texture, clip rectangles as scissors; see `raster.rs`), and repaints only what
//! changed: each frame's primitives are compared with the last frame's (`damage.rs`), the
//! damaged rectangles are cleared and only the primitives over them are drawn again, clipped
//! to them.
//!
//! Invariant: after [`SoftRenderer::render`], the framebuffer holds the whole frame, the
//! same as if every primitive had been drawn over a cleared buffer; the rectangles it returns
//! are the only pixels that changed since the previous call.

mod damage;
mod pixel_rect;
mod raster;
mod textures;

pub use pixel_rect::PixelRect;

use egui::epaint::textures::TexturesDelta;
use egui::epaint::{ClippedPrimitive, Primitive};
use raster::Target;
use textures::Textures;

/// One frame for [`SoftRenderer::render`].
pub struct FrameInput<'a> {
    /// The frame's tessellated shapes, in paint order.
    pub primitives: &'a [ClippedPrimitive],
    /// The textures the frame set and freed.
    pub textures_delta: &'a TexturesDelta,
    /// Pixels a point.
    pub pixels_per_point: f32,
    /// The framebuffer's size in pixels, `[width, height]`.
    pub size: [usize; 2],
    /// What is under everything (its alpha is ignored: the window is opaque).
    pub clear: egui::Color32,
}

/// The framebuffer, the textures, and what the last frame drew.
#[derive(Default)]
pub struct SoftRenderer {
    textures: Textures,
    size: [usize; 2],
    clear: u32,
    pixels: Vec<u32>,
    last: Vec<damage::Summary>,
}

impl SoftRenderer {
    /// A renderer with nothing drawn yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Paint `frame`; returns the rectangles that changed (the whole framebuffer on the first
    /// frame and after a resize, nothing when the frame is the last one again).
    pub fn render(&mut self, frame: &FrameInput<'_>) -> Vec<PixelRect> {
        self.textures.set(frame.textures_delta);
        let [width, height] = frame.size;
        let screen = PixelRect::of_size(width, height);
        let textures = &self.textures;
        let summaries = damage::summarise(frame.primitives, frame.pixels_per_point, screen, |id| {
            textures.version(id)
        });
        let [r, g, b, _] = frame.clear.to_array().map(u32::from);
        let clear = (r << 16) | (g << 8) | b;
        let damaged = if frame.size == self.size && clear == self.clear {
            damage::damage(&self.last, &summaries)
        } else {
            self.size = frame.size;
            self.clear = clear;
            self.pixels = vec![clear; width * height];
            if screen.is_empty() {
                Vec::new()
            } else {
                vec![screen]
            }
        };
        for &rect in &damaged {
            self.repaint(rect, frame, &summaries);
        }
        self.textures.free(frame.textures_delta);
        self.last = summaries;
        damaged
    }

    /// Clear `rect` and draw again every primitive over it, clipped to it.
    fn repaint(&mut self, rect: PixelRect, frame: &FrameInput<'_>, summaries: &[damage::Summary]) {
        let width = self.size[0];
        let mut target = Target {
            pixels: &mut self.pixels,
            width,
        };
        clear_rect(&mut target, rect, self.clear);
        for (primitive, summary) in frame.primitives.iter().zip(summaries) {
            if !summary.bounds.overlaps(rect) {
                continue;
            }
            let Primitive::Mesh(mesh) = &primitive.primitive else {
                continue;
            };
            let Some(texture) = self.textures.get(mesh.texture_id) else {
                log::debug!(
                    "a mesh of texture {:?}, not set, is not drawn",
                    mesh.texture_id
                );
                continue;
            };
            let clip = summary.clip.intersect(rect);
            for triangle in mesh.indices.chunks_exact(3) {
                let vertex = |i: usize| {
                    usize::try_from(triangle[i])
                        .ok()
                        .and_then(|index| mesh.vertices.get(index))
                };
                let (Some(a), Some(b), Some(c)) = (vertex(0), vertex(1), vertex(2)) else {
                    continue;
                };
                raster::draw_triangle(
                    [a, b, c],
                    texture,
                    frame.pixels_per_point,
                    clip,
                    &mut target,
                );
            }
        }
    }

    /// The framebuffer, `0x00RRGGBB`, row by row.
    pub fn pixels(&self) -> &[u32] {
        &self.pixels
    }

    /// The framebuffer's size in pixels, `[width, height]`.
    pub fn size(&self) -> [usize; 2] {
        self.size
    }

    /// The framebuffer as an opaque image (screenshots, tests).
    pub fn to_image(&self) -> egui::ColorImage {
        let pixels = self
            .pixels
            .iter()
            .map(|&pixel| {
                let [_, r, g, b] = pixel.to_be_bytes();
                egui::Color32::from_rgb(r, g, b)
            })
            .collect();
        egui::ColorImage::new(self.size, pixels)
    }
}

/// Fill `rect` (inside the framebuffer) with `colour`.
fn clear_rect(target: &mut Target<'_>, rect: PixelRect, colour: u32) {
    let (Ok(x0), Ok(x1)) = (usize::try_from(rect.x0), usize::try_from(rect.x1)) else {
        return;
    };
    for y in rect.y0..rect.y1 {
        let Ok(y) = usize::try_from(y) else { continue };
        let start = y * target.width;
        if let Some(row) = target.pixels.get_mut(start + x0..start + x1) {
            row.fill(colour);
        }
    }
}

#[cfg(test)]
mod tests;
