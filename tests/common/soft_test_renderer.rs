//! storyroute's CPU renderer as a kittest renderer: the harness hands it the same output
//! (shapes, textures) it hands wgpu, so that the two pictures can be compared.

use egui::TexturesDelta;
use storyroute::softrender::{FrameInput, SoftRenderer};

/// [`SoftRenderer`] behind kittest's renderer trait.
#[derive(Default)]
pub struct SoftTestRenderer {
    renderer: SoftRenderer,
    /// Texture changes since the last render.
    pending: TexturesDelta,
}

impl egui_kittest::TestRenderer for SoftTestRenderer {
    fn handle_delta(&mut self, delta: &mut TexturesDelta) {
        self.pending.append(std::mem::take(delta));
    }

    fn render(
        &mut self,
        ctx: &egui::Context,
        output: &egui::FullOutput,
    ) -> Result<image::RgbaImage, String> {
        let pixels_per_point = output.pixels_per_point;
        let primitives = ctx.tessellate(output.shapes.clone(), pixels_per_point);
        let screen = ctx.content_rect();
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "pixels"
        )]
        let size = [
            (screen.width() * pixels_per_point).round() as usize,
            (screen.height() * pixels_per_point).round() as usize,
        ];
        self.renderer.render(&FrameInput {
            primitives: &primitives,
            textures_delta: &self.pending,
            pixels_per_point,
            size,
            clear: egui::Color32::BLACK,
        });
        self.pending.clear();
        let [width, height] = self.renderer.size();
        let bytes = self
            .renderer
            .pixels()
            .iter()
            .flat_map(|pixel| {
                let [_, r, g, b] = pixel.to_be_bytes();
                [r, g, b, 255]
            })
            .collect();
        image::RgbaImage::from_raw(
            u32::try_from(width).map_err(|e| e.to_string())?,
            u32::try_from(height).map_err(|e| e.to_string())?,
            bytes,
        )
        .ok_or_else(|| "the framebuffer is not width × height".to_owned())
    }
}
