//! egui's triangles onto a framebuffer of `0x00RRGGBB` pixels, as egui_wgpu's shader draws
//! them into a gamma-space (non-sRGB) target: the vertex colour times the texture's sample,
//! both premultiplied sRGB, blended with `src + dst × (1 − src.a)`.
//!
//! Coverage is decided at pixel centres in fixed point (1/256 pixel), with a tie rule that
//! gives a pixel on an edge shared by two triangles to exactly one of them, so meshes never
//! leave seams or blend twice. Each row of a triangle is one span found by solving its three
//! edge inequalities, then filled: at one colour (a flat fill, the bulk of egui's shapes and
//! of the map), by copying texels one for one (glyphs, drawn a texel a pixel), or, for the
//! feathered edges and scaled images, by interpolating colour and texture coordinates.
//!
//! Invariant: nothing outside the clip rectangle given (already inside the framebuffer) is
//! written.

use super::pixel_rect::PixelRect;
use super::textures::Texture;
use egui::epaint::Vertex;

/// Subpixel steps a pixel.
const SUBPIXEL: i64 = 256;

/// The framebuffer drawn into: `width × height` pixels, `0x00RRGGBB`, row by row.
pub struct Target<'a> {
    /// The pixels.
    pub pixels: &'a mut [u32],
    /// Pixels a row.
    pub width: usize,
}

/// `value / 255` rounded, for `value` in `0..=255 × 255`.
#[inline]
fn div255(value: u32) -> u32 {
    let value = value + 128;
    (value + (value >> 8)) >> 8
}

/// `src` (premultiplied, channels `[r, g, b, a]`) over the pixel `dst`.
#[inline]
fn blend(src: [u32; 4], dst: u32) -> u32 {
    let keep = 255 - src[3];
    let r = src[0] + div255(((dst >> 16) & 0xff) * keep);
    let g = src[1] + div255(((dst >> 8) & 0xff) * keep);
    let b = src[2] + div255((dst & 0xff) * keep);
    (r.min(255) << 16) | (g.min(255) << 8) | b.min(255)
}

/// A float channel (0–255) as a byte, rounded as a GPU writes a unorm target.
#[inline]
fn to_byte(value: f32) -> u32 {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped"
    )]
    let byte = (value.clamp(0.0, 255.0) + 0.5) as u32;
    byte
}

/// A vertex position in pixels, in fixed point.
#[expect(clippy::cast_possible_truncation, reason = "clamped to ±2^30 first")]
fn fixed(value: f32, pixels_per_point: f32) -> i64 {
    let scaled = (value * pixels_per_point * 256.0).round();
    if scaled.is_nan() {
        return 0;
    }
    scaled.clamp(-1.0e9, 1.0e9) as i64
}

/// One edge of a triangle: its value at a pixel centre is positive inside.
#[derive(Clone, Copy)]
struct Edge {
    /// The value at the first pixel centre of the row being drawn.
    at_row_start: i64,
    /// How much the value grows a pixel to the right.
    step_x: i64,
    /// How much the value grows a pixel down.
    step_y: i64,
    /// The smallest value still inside (0 on an edge this triangle owns, else 1).
    threshold: i64,
}

impl Edge {
    /// The edge from `a` to `b` (fixed point), valued at the centre of pixel (`x`, `y`).
    fn new(a: [i64; 2], b: [i64; 2], x: i32, y: i32) -> Self {
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let px = i64::from(x) * SUBPIXEL + SUBPIXEL / 2;
        let py = i64::from(y) * SUBPIXEL + SUBPIXEL / 2;
        // The tie rule: of the two triangles sharing this edge (run the other way there),
        // exactly one owns the pixels on it.
        let owns = dy < 0 || (dy == 0 && dx > 0);
        Self {
            at_row_start: dx * (py - a[1]) - dy * (px - a[0]),
            step_x: -dy * SUBPIXEL,
            step_y: dx * SUBPIXEL,
            threshold: i64::from(!owns),
        }
    }

    /// The pixels `first..=last` (relative to the row's start) inside this edge, clipped to
    /// `0..=last`.
    fn span(&self, last: i64) -> Option<(i64, i64)> {
        let need = self.threshold - self.at_row_start;
        match self.step_x.signum() {
            0 => (need <= 0).then_some((0, last)),
            1 => {
                let first = -((-need).div_euclid(self.step_x));
                (first <= last).then_some((first.max(0), last))
            }
            _ => {
                let end = (-need).div_euclid(-self.step_x);
                (end >= 0).then_some((0, end.min(last)))
            }
        }
    }
}

/// Draw the triangle `vertices` (positions in points), textured with `texture`, into
/// `target` within `clip`.
pub fn draw_triangle(
    vertices: [&Vertex; 3],
    texture: &Texture,
    pixels_per_point: f32,
    clip: PixelRect,
    target: &mut Target<'_>,
) {
    let mut v = vertices;
    let mut p: [[i64; 2]; 3] = std::array::from_fn(|i| {
        [
            fixed(v[i].pos.x, pixels_per_point),
            fixed(v[i].pos.y, pixels_per_point),
        ]
    });
    let mut area =
        (p[1][0] - p[0][0]) * (p[2][1] - p[0][1]) - (p[1][1] - p[0][1]) * (p[2][0] - p[0][0]);
    if area == 0 {
        return;
    }
    if area < 0 {
        p.swap(1, 2);
        v.swap(1, 2);
        area = -area;
    }
    #[expect(
        clippy::cast_possible_truncation,
        reason = "fixed point within ±2^30 / 256"
    )]
    let bounds = PixelRect {
        x0: (p
            .iter()
            .map(|q| q[0])
            .min()
            .unwrap_or(0)
            .div_euclid(SUBPIXEL)) as i32,
        y0: (p
            .iter()
            .map(|q| q[1])
            .min()
            .unwrap_or(0)
            .div_euclid(SUBPIXEL)) as i32,
        x1: (p
            .iter()
            .map(|q| q[0])
            .max()
            .unwrap_or(0)
            .div_euclid(SUBPIXEL)) as i32
            + 1,
        y1: (p
            .iter()
            .map(|q| q[1])
            .max()
            .unwrap_or(0)
            .div_euclid(SUBPIXEL)) as i32
            + 1,
    }
    .intersect(clip);
    if bounds.is_empty() {
        return;
    }
    // Edge i faces vertex i: its value at vertex i is the doubled area.
    let mut edges = [
        Edge::new(p[1], p[2], bounds.x0, bounds.y0),
        Edge::new(p[2], p[0], bounds.x0, bounds.y0),
        Edge::new(p[0], p[1], bounds.x0, bounds.y0),
    ];
    let fill = Fill::choose(v, texture, pixels_per_point, area);
    let last = i64::from(bounds.x1 - bounds.x0 - 1);
    for y in bounds.y0..bounds.y1 {
        let mut first = 0;
        let mut end = last;
        let mut inside = true;
        for edge in &edges {
            match edge.span(last) {
                Some((a, b)) => {
                    first = first.max(a);
                    end = end.min(b);
                }
                None => inside = false,
            }
        }
        if inside && first <= end {
            let weights: [i64; 3] =
                std::array::from_fn(|i| edges[i].at_row_start + edges[i].step_x * first);
            #[expect(clippy::cast_possible_truncation, reason = "within the clip rectangle")]
            let (x_first, x_end) = (bounds.x0 + first as i32, bounds.x0 + end as i32);
            fill.span(y, x_first, x_end, weights, &edges, texture, target);
        }
        for edge in &mut edges {
            edge.at_row_start += edge.step_y;
        }
    }
}

/// How a triangle's pixels get their colour.
enum Fill {
    /// One premultiplied colour everywhere.
    Flat([u32; 4]),
    /// One vertex colour times a texel, the texel at the pixel plus an offset.
    TexelCopy { colour: [u32; 4], dx: i64, dy: i64 },
    /// Colour and texture coordinates interpolated between the vertices.
    Interpolated(Box<Gradient>),
}

/// What [`Fill::Interpolated`] interpolates.
struct Gradient {
    /// Each vertex's premultiplied colour, 0–255 a channel.
    colours: [[f32; 4]; 3],
    /// Each vertex's texture coordinates.
    uvs: [[f32; 2]; 3],
    /// The doubled area in fixed point: the sum of the three edges' values anywhere.
    area: f32,
}

fn colour_f(channel: u32) -> f32 {
    #[expect(clippy::cast_precision_loss, reason = "a byte")]
    let channel = channel as f32;
    channel
}

/// The largest texel index along an axis of `size` texels.
fn texel_max(size: usize) -> i64 {
    i64::try_from(size).unwrap_or(i64::MAX) - 1
}

/// When the triangle maps pixels to texels one for one (a glyph drawn at its size, an image
/// at a texel a pixel), each pixel's centre samples a texel's centre and bilinear filtering
/// returns that texel: the offset from pixel to texel, whole texels.
fn texel_offset(v: [&Vertex; 3], texture: &Texture, pixels_per_point: f32) -> Option<(i64, i64)> {
    #[expect(
        clippy::cast_precision_loss,
        reason = "texture sizes are far below 2^23"
    )]
    let size = [texture.width as f64, texture.height as f64];
    let pos = |i: usize| {
        [
            f64::from(v[i].pos.x * pixels_per_point),
            f64::from(v[i].pos.y * pixels_per_point),
        ]
    };
    let texel = |i: usize| {
        [
            f64::from(v[i].uv.x) * size[0],
            f64::from(v[i].uv.y) * size[1],
        ]
    };
    let (p0, p1, p2) = (pos(0), pos(1), pos(2));
    let (t0, t1, t2) = (texel(0), texel(1), texel(2));
    let det = (p1[0] - p0[0]) * (p2[1] - p0[1]) - (p2[0] - p0[0]) * (p1[1] - p0[1]);
    if det.abs() < 1e-9 {
        return None;
    }
    // The texel coordinate's gradient along x and y, axis by axis.
    let gradient = |axis: usize| {
        let (d1, d2) = (t1[axis] - t0[axis], t2[axis] - t0[axis]);
        let along_x = (d1 * (p2[1] - p0[1]) - d2 * (p1[1] - p0[1])) / det;
        let along_y = (d2 * (p1[0] - p0[0]) - d1 * (p2[0] - p0[0])) / det;
        (along_x, along_y)
    };
    let (ux, uy) = gradient(0);
    let (vx, vy) = gradient(1);
    let tolerance = 1e-3;
    if (ux - 1.0).abs() > tolerance
        || uy.abs() > tolerance
        || vx.abs() > tolerance
        || (vy - 1.0).abs() > tolerance
    {
        return None;
    }
    // The texel coordinate at the centre of pixel (0, 0), less half a texel: whole if the
    // centres meet.
    let offset_x = t0[0] + (0.5 - p0[0]) - 0.5;
    let offset_y = t0[1] + (0.5 - p0[1]) - 0.5;
    let (round_x, round_y) = (offset_x.round(), offset_y.round());
    if (offset_x - round_x).abs() > 0.01 || (offset_y - round_y).abs() > 0.01 {
        return None;
    }
    #[expect(clippy::cast_possible_truncation, reason = "within the texture's size")]
    Some((round_x as i64, round_y as i64))
}

impl Fill {
    /// The quickest fill that draws the triangle as the shader would.
    fn choose(v: [&Vertex; 3], texture: &Texture, pixels_per_point: f32, area: i64) -> Self {
        let same_colour = v[0].color == v[1].color && v[1].color == v[2].color;
        let colour = v[0].color.to_array().map(u32::from);
        if same_colour && v[0].uv == v[1].uv && v[1].uv == v[2].uv {
            let texel = texture.sample(v[0].uv.x, v[0].uv.y);
            return Self::Flat(std::array::from_fn(|c| {
                to_byte(colour_f(colour[c]) * texel[c] / 255.0)
            }));
        }
        if same_colour
            && texture.options.magnification == egui::TextureFilter::Linear
            && let Some((dx, dy)) = texel_offset(v, texture, pixels_per_point)
        {
            return Self::TexelCopy { colour, dx, dy };
        }
        #[expect(clippy::cast_precision_loss, reason = "a ratio of weights")]
        let area = area as f32;
        Self::Interpolated(Box::new(Gradient {
            colours: std::array::from_fn(|i| v[i].color.to_array().map(f32::from)),
            uvs: std::array::from_fn(|i| [v[i].uv.x, v[i].uv.y]),
            area,
        }))
    }

    /// Fill pixels `x_first..=x_end` of row `y`; `weights` are the edges' values at the first.
    #[expect(clippy::too_many_arguments, reason = "one span's whole context")]
    fn span(
        &self,
        y: i32,
        x_first: i32,
        x_end: i32,
        weights: [i64; 3],
        edges: &[Edge; 3],
        texture: &Texture,
        target: &mut Target<'_>,
    ) {
        let (Ok(row), Ok(first), Ok(end)) = (
            usize::try_from(y),
            usize::try_from(x_first),
            usize::try_from(x_end),
        ) else {
            return;
        };
        let start = row * target.width;
        let Some(pixels) = target.pixels.get_mut(start + first..=start + end) else {
            return;
        };
        match self {
            Self::Flat(src) => {
                if src[3] == 255 {
                    pixels.fill((src[0] << 16) | (src[1] << 8) | src[2]);
                } else if *src != [0; 4] {
                    for pixel in pixels {
                        *pixel = blend(*src, *pixel);
                    }
                }
            }
            Self::TexelCopy { colour, dx, dy } => {
                let ty = (i64::from(y) + dy).clamp(0, texel_max(texture.height));
                let row = usize::try_from(ty).unwrap_or(0) * texture.width;
                for (x, pixel) in (i64::from(x_first)..).zip(pixels) {
                    let tx = (x + dx).clamp(0, texel_max(texture.width));
                    let texel = texture.pixels[row + usize::try_from(tx).unwrap_or(0)].to_array();
                    let src: [u32; 4] =
                        std::array::from_fn(|c| div255(colour[c] * u32::from(texel[c])));
                    if src != [0; 4] {
                        *pixel = blend(src, *pixel);
                    }
                }
            }
            Self::Interpolated(gradient) => {
                #[expect(clippy::cast_precision_loss, reason = "ratios of weights")]
                let (mut share, step) = (
                    weights.map(|weight| weight as f32 / gradient.area),
                    edges.map(|edge| edge.step_x as f32 / gradient.area),
                );
                let (colours, uvs) = (&gradient.colours, &gradient.uvs);
                let mixed = |share: &[f32; 3], value: &dyn Fn(usize) -> f32| {
                    share[0] * value(0) + share[1] * value(1) + share[2] * value(2)
                };
                for pixel in pixels {
                    let colour: [f32; 4] =
                        std::array::from_fn(|k| mixed(&share, &|i| colours[i][k]));
                    let texel = texture
                        .sample(mixed(&share, &|i| uvs[i][0]), mixed(&share, &|i| uvs[i][1]));
                    let src: [u32; 4] =
                        std::array::from_fn(|k| to_byte(colour[k] * texel[k] / 255.0));
                    if src != [0; 4] {
                        *pixel = blend(src, *pixel);
                    }
                    for (share, step) in share.iter_mut().zip(step) {
                        *share += step;
                    }
                }
            }
        }
    }
}
