//! egui's textures kept on the CPU, as egui sends them: premultiplied sRGBA (`Color32`), a
//! version per texture that changes with every update (so that damage tracking sees a
//! texture change), and sampling as egui_wgpu's shader samples (bilinear or nearest at the
//! texture's own filter, clamped, repeated or mirrored at the edges).
//!
//! Invariant: a stored texture's `pixels.len() == width * height`, and both are at least 1.
//! A patch that does not fit its texture, or a patch of a texture never set, is dropped with
//! a warning rather than written out of bounds.

use egui::epaint::textures::TexturesDelta;
use egui::epaint::{ImageData, ImageDelta, TextureId};
use egui::{Color32, TextureFilter, TextureOptions, TextureWrapMode};
use std::collections::HashMap;

/// One texture.
pub struct Texture {
    /// Texels across.
    pub width: usize,
    /// Texels down.
    pub height: usize,
    /// Premultiplied sRGBA texels, row by row.
    pub pixels: Vec<Color32>,
    /// How egui asked for it to be sampled.
    pub options: TextureOptions,
    /// Changes with each update.
    pub version: u64,
}

/// All the textures egui has set and not yet freed.
#[derive(Default)]
pub struct Textures {
    textures: HashMap<TextureId, Texture>,
    next_version: u64,
}

impl Textures {
    /// Apply the textures egui set in a frame (before painting it).
    pub fn set(&mut self, delta: &TexturesDelta) {
        for (id, deltas) in &delta.set {
            for image in deltas {
                self.set_one(*id, image);
            }
        }
    }

    /// Free the textures egui freed (after painting the frame).
    pub fn free(&mut self, delta: &TexturesDelta) {
        for id in &delta.free {
            self.textures.remove(id);
        }
    }

    /// The texture `id`, if set.
    pub fn get(&self, id: TextureId) -> Option<&Texture> {
        self.textures.get(&id)
    }

    /// The version of texture `id` (0 for a texture not set).
    pub fn version(&self, id: TextureId) -> u64 {
        self.textures.get(&id).map_or(0, |texture| texture.version)
    }

    fn set_one(&mut self, id: TextureId, delta: &ImageDelta) {
        let ImageData::Color(image) = &delta.image;
        let [width, height] = image.size;
        self.next_version += 1;
        let version = self.next_version;
        match delta.pos {
            None => {
                if width == 0 || height == 0 || image.pixels.len() != width * height {
                    log::warn!("texture {id:?}: an image of {width}×{height} is not drawn");
                    return;
                }
                self.textures.insert(
                    id,
                    Texture {
                        width,
                        height,
                        pixels: image.pixels.clone(),
                        options: delta.options,
                        version,
                    },
                );
            }
            Some([x, y]) => {
                let Some(texture) = self.textures.get_mut(&id) else {
                    log::warn!("texture {id:?}: a patch of a texture never set");
                    return;
                };
                if x + width > texture.width
                    || y + height > texture.height
                    || image.pixels.len() != width * height
                {
                    log::warn!(
                        "texture {id:?}: a patch of {width}×{height} at {x},{y} does not fit"
                    );
                    return;
                }
                for row in 0..height {
                    let from = row * width;
                    let to = (y + row) * texture.width + x;
                    texture.pixels[to..to + width]
                        .copy_from_slice(&image.pixels[from..from + width]);
                }
                texture.options = delta.options;
                texture.version = version;
            }
        }
    }
}

impl Texture {
    /// The texel at (`x`, `y`), already inside the texture.
    fn texel(&self, x: usize, y: usize) -> [f32; 4] {
        let texel = self.pixels[y * self.width + x];
        [
            f32::from(texel.r()),
            f32::from(texel.g()),
            f32::from(texel.b()),
            f32::from(texel.a()),
        ]
    }

    /// The premultiplied colour (0–255 a channel) at `uv` (0–1 across the texture), filtered
    /// with the texture's magnification filter (egui's meshes are drawn at about one texel a
    /// pixel, so minification is rare; it is sampled the same way).
    pub fn sample(&self, u: f32, v: f32) -> [f32; 4] {
        #[expect(
            clippy::cast_precision_loss,
            reason = "texture sizes are far below 2^23"
        )]
        let (width, height) = (self.width as f32, self.height as f32);
        let (x, y) = (u * width, v * height);
        if self.options.magnification == TextureFilter::Nearest {
            return self.texel(
                self.wrap(x.floor(), self.width),
                self.wrap(y.floor(), self.height),
            );
        }
        let (x, y) = (x - 0.5, y - 0.5);
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let (left, right) = (self.wrap(x0, self.width), self.wrap(x0 + 1.0, self.width));
        let (top, bottom) = (self.wrap(y0, self.height), self.wrap(y0 + 1.0, self.height));
        let (tl, tr) = (self.texel(left, top), self.texel(right, top));
        let (bl, br) = (self.texel(left, bottom), self.texel(right, bottom));
        std::array::from_fn(|channel| {
            let upper = tl[channel] + (tr[channel] - tl[channel]) * fx;
            let lower = bl[channel] + (br[channel] - bl[channel]) * fx;
            upper + (lower - upper) * fy
        })
    }

    /// The texel index for coordinate `at` (whole texels) along an axis of `size` texels.
    fn wrap(&self, at: f32, size: usize) -> usize {
        #[expect(clippy::cast_possible_truncation, reason = "clamped first")]
        let at = at.clamp(-1.0e9, 1.0e9) as i64;
        let size = i64::try_from(size).unwrap_or(i64::MAX);
        let index = match self.options.wrap_mode {
            TextureWrapMode::ClampToEdge => at.clamp(0, size - 1),
            TextureWrapMode::Repeat => at.rem_euclid(size),
            TextureWrapMode::MirroredRepeat => {
                let phase = at.rem_euclid(2 * size);
                phase.min(2 * size - 1 - phase)
            }
        };
        usize::try_from(index).unwrap_or(0)
    }
}
