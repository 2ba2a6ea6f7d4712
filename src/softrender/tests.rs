//! The rasteriser against pixels worked out by hand. The frames are built here as egui's
//! tessellator would send them: quads of two triangles, a 1×1 white texture for flat fills.

use super::{FrameInput, PixelRect, SoftRenderer};
use egui::epaint::textures::TexturesDelta;
use egui::epaint::{ClippedPrimitive, ImageDelta, Mesh, Primitive, Vertex};
use egui::{Color32, ColorImage, Pos2, Rect, TextureId, TextureOptions, pos2};

const WHITE: TextureId = TextureId::Managed(0);
const PICTURE: TextureId = TextureId::Managed(1);

fn textures(picture_options: TextureOptions) -> TexturesDelta {
    let mut delta = TexturesDelta::default();
    let white = ColorImage::new([1, 1], vec![Color32::WHITE]);
    delta.set.insert(
        WHITE,
        vec![ImageDelta::full(white, TextureOptions::LINEAR)].into(),
    );
    // Red, green / blue, white.
    let picture = ColorImage::new(
        [2, 2],
        vec![Color32::RED, Color32::GREEN, Color32::BLUE, Color32::WHITE],
    );
    delta.set.insert(
        PICTURE,
        vec![ImageDelta::full(picture, picture_options)].into(),
    );
    delta
}

/// A quad over `rect` (points) of one colour, its texture coordinates spanning `uv`.
fn quad(rect: Rect, uv: Rect, colour: Color32, texture_id: TextureId) -> Mesh {
    let corner = |pos: Pos2, uv: Pos2| Vertex {
        pos,
        uv,
        color: colour,
    };
    Mesh {
        indices: vec![0, 1, 2, 2, 1, 3],
        vertices: vec![
            corner(rect.left_top(), uv.left_top()),
            corner(rect.right_top(), uv.right_top()),
            corner(rect.left_bottom(), uv.left_bottom()),
            corner(rect.right_bottom(), uv.right_bottom()),
        ],
        texture_id,
    }
}

fn flat(rect: Rect, colour: Color32) -> Mesh {
    quad(
        rect,
        Rect::from_min_max(Pos2::ZERO, Pos2::ZERO),
        colour,
        WHITE,
    )
}

fn clipped(mesh: Mesh, clip_rect: Rect) -> ClippedPrimitive {
    ClippedPrimitive {
        clip_rect,
        primitive: Primitive::Mesh(mesh),
    }
}

const SCREEN: Rect = Rect::from_min_max(Pos2::ZERO, pos2(10.0, 10.0));

/// A 10×10 frame of `meshes` (unclipped) over `clear`, drawn by a fresh renderer.
fn draw(meshes: Vec<Mesh>, clear: Color32) -> SoftRenderer {
    let primitives: Vec<_> = meshes
        .into_iter()
        .map(|mesh| clipped(mesh, SCREEN))
        .collect();
    draw_primitives(&primitives, clear, 1.0, TextureOptions::NEAREST)
}

fn draw_primitives(
    primitives: &[ClippedPrimitive],
    clear: Color32,
    pixels_per_point: f32,
    picture_options: TextureOptions,
) -> SoftRenderer {
    let mut renderer = SoftRenderer::new();
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "10 or 20"
    )]
    let side = (10.0 * pixels_per_point) as usize;
    let mut delta = textures(picture_options);
    renderer.render(&FrameInput {
        primitives,
        textures_delta: &delta,
        pixels_per_point,
        size: [side, side],
        clear,
    });
    // Applied: egui's delta insists on being emptied before it is dropped.
    delta.clear();
    renderer
}

fn pixel(renderer: &SoftRenderer, x: usize, y: usize) -> u32 {
    renderer.pixels()[y * renderer.size()[0] + x]
}

/// The pixels of each colour, as `(colour, count)` sorted by colour.
fn histogram(renderer: &SoftRenderer) -> Vec<(u32, usize)> {
    let mut counts = std::collections::BTreeMap::new();
    for &pixel in renderer.pixels() {
        *counts.entry(pixel).or_insert(0) += 1;
    }
    counts.into_iter().collect()
}

fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
    Rect::from_min_max(pos2(x0, y0), pos2(x1, y1))
}

#[test]
fn a_red_rectangle_covers_exactly_its_pixels() {
    // Points 2..6 across, 3..5 down: 4 × 2 pixels, the rest stays black.
    let renderer = draw(
        vec![flat(rect(2.0, 3.0, 6.0, 5.0), Color32::RED)],
        Color32::BLACK,
    );
    assert_eq!(
        histogram(&renderer),
        vec![(0x00_00_00, 92), (0xff_00_00, 8)]
    );
    assert_eq!(pixel(&renderer, 2, 3), 0xff_00_00);
    assert_eq!(pixel(&renderer, 5, 4), 0xff_00_00);
    assert_eq!(pixel(&renderer, 6, 4), 0);
    assert_eq!(pixel(&renderer, 5, 5), 0);
}

#[test]
fn half_transparent_black_over_white_is_mid_grey() {
    // Premultiplied (0, 0, 0, 128) over 255: 0 + 255 × (255 − 128) / 255 = 127.
    let shade = Color32::from_rgba_premultiplied(0, 0, 0, 128);
    let renderer = draw(vec![flat(SCREEN, shade)], Color32::WHITE);
    assert_eq!(histogram(&renderer), vec![(0x7f_7f_7f, 100)]);
}

#[test]
fn half_transparent_red_over_white_is_pink_and_no_seam_blends_twice() {
    // Premultiplied (128, 0, 0, 128) over white: red 128 + 127 = 255, green and blue 127.
    // Every pixel once, the diagonal where the two triangles meet included.
    let tint = Color32::from_rgba_premultiplied(128, 0, 0, 128);
    let renderer = draw(vec![flat(SCREEN, tint)], Color32::WHITE);
    assert_eq!(histogram(&renderer), vec![(0xff_7f_7f, 100)]);
}

#[test]
fn a_clip_rectangle_keeps_the_paint_inside_it() {
    let primitives = [clipped(
        flat(SCREEN, Color32::RED),
        rect(0.0, 0.0, 5.0, 4.0),
    )];
    let renderer = draw_primitives(&primitives, Color32::BLACK, 1.0, TextureOptions::NEAREST);
    assert_eq!(
        histogram(&renderer),
        vec![(0x00_00_00, 80), (0xff_00_00, 20)]
    );
    assert_eq!(pixel(&renderer, 4, 3), 0xff_00_00);
    assert_eq!(pixel(&renderer, 5, 3), 0);
    assert_eq!(pixel(&renderer, 4, 4), 0);
}

#[test]
fn a_textured_quad_shows_its_texels_scaled_up() {
    // The 2×2 picture over 4×4 pixels, nearest: each texel a 2×2 block.
    let uv = rect(0.0, 0.0, 1.0, 1.0);
    let renderer = draw(
        vec![quad(rect(0.0, 0.0, 4.0, 4.0), uv, Color32::WHITE, PICTURE)],
        Color32::BLACK,
    );
    for (x, y, colour) in [
        (0, 0, 0xff_00_00),
        (1, 1, 0xff_00_00),
        (2, 0, 0x00_ff_00),
        (3, 1, 0x00_ff_00),
        (0, 2, 0x00_00_ff),
        (1, 3, 0x00_00_ff),
        (2, 2, 0xff_ff_ff),
        (3, 3, 0xff_ff_ff),
        (4, 0, 0),
    ] {
        assert_eq!(pixel(&renderer, x, y), colour, "pixel {x},{y}");
    }
}

#[test]
fn a_texture_drawn_a_texel_a_pixel_is_copied_and_tinted() {
    // The picture at its own size with linear filtering, as glyphs are drawn: each pixel's
    // centre is a texel's centre, so it is that texel exactly, times the half-grey tint
    // (premultiplied 128 × 255 / 255 = 128 on each channel of white).
    let uv = rect(0.0, 0.0, 1.0, 1.0);
    let tint = Color32::from_rgba_premultiplied(128, 128, 128, 128);
    let primitives = [clipped(
        quad(rect(3.0, 5.0, 5.0, 7.0), uv, tint, PICTURE),
        SCREEN,
    )];
    let renderer = draw_primitives(&primitives, Color32::BLACK, 1.0, TextureOptions::LINEAR);
    assert_eq!(pixel(&renderer, 3, 5), 0x80_00_00);
    assert_eq!(pixel(&renderer, 4, 5), 0x00_80_00);
    assert_eq!(pixel(&renderer, 3, 6), 0x00_00_80);
    assert_eq!(pixel(&renderer, 4, 6), 0x80_80_80);
    assert_eq!(pixel(&renderer, 5, 6), 0);
}

#[test]
fn linear_filtering_between_two_texels_gives_their_mean() {
    // The picture's top row (red, green) stretched over 4 pixels across, one row down the
    // middle of the texel row: pixel centres at texel x = 0.25, 0.75, 1.25, 1.75. Bilinear
    // with clamping: red, then 0.25 of the way to green (191, 64), then 0.75 (64, 191),
    // then green.
    let uv = rect(0.0, 0.25, 1.0, 0.25);
    let mut mesh = quad(rect(0.0, 0.0, 4.0, 1.0), uv, Color32::WHITE, PICTURE);
    mesh.vertices[2].uv.y = 0.25;
    mesh.vertices[3].uv.y = 0.25;
    let primitives = [clipped(mesh, SCREEN)];
    let renderer = draw_primitives(&primitives, Color32::BLACK, 1.0, TextureOptions::LINEAR);
    let row: Vec<u32> = (0..4).map(|x| pixel(&renderer, x, 0)).collect();
    assert_eq!(row, vec![0xff_00_00, 0xbf_40_00, 0x40_bf_00, 0x00_ff_00]);
}

#[test]
fn at_two_pixels_a_point_a_point_is_four_pixels() {
    let primitives = [clipped(
        flat(rect(1.0, 1.0, 2.0, 2.0), Color32::RED),
        SCREEN,
    )];
    let renderer = draw_primitives(&primitives, Color32::BLACK, 2.0, TextureOptions::NEAREST);
    assert_eq!(
        histogram(&renderer),
        vec![(0x00_00_00, 396), (0xff_00_00, 4)]
    );
    assert_eq!(pixel(&renderer, 2, 2), 0xff_00_00);
    assert_eq!(pixel(&renderer, 3, 3), 0xff_00_00);
}

fn frame_of(primitives: &[ClippedPrimitive]) -> FrameInput<'_> {
    // Leaked once a test: a frame borrows its texture changes.
    let delta: &'static TexturesDelta = Box::leak(Box::new(TexturesDelta::default()));
    FrameInput {
        primitives,
        textures_delta: delta,
        pixels_per_point: 1.0,
        size: [10, 10],
        clear: Color32::BLACK,
    }
}

#[test]
fn a_frame_the_same_as_the_last_damages_nothing() {
    let primitives = [
        clipped(flat(rect(0.0, 0.0, 10.0, 10.0), Color32::GRAY), SCREEN),
        clipped(flat(rect(2.0, 2.0, 4.0, 4.0), Color32::RED), SCREEN),
    ];
    let mut renderer = draw_primitives(&primitives, Color32::BLACK, 1.0, TextureOptions::NEAREST);
    let before = renderer.pixels().to_vec();
    let damage = renderer.render(&frame_of(&primitives));
    assert_eq!(damage, Vec::<PixelRect>::new());
    assert_eq!(renderer.pixels(), before.as_slice());
}

#[test]
fn a_moved_rectangle_damages_where_it_was_and_where_it_is() {
    let at = |x: f32| {
        [
            clipped(flat(rect(0.0, 0.0, 10.0, 10.0), Color32::GRAY), SCREEN),
            clipped(flat(rect(x, 2.0, x + 2.0, 4.0), Color32::RED), SCREEN),
        ]
    };
    let mut renderer = draw_primitives(&at(1.0), Color32::BLACK, 1.0, TextureOptions::NEAREST);
    let damage = renderer.render(&frame_of(&at(6.0)));
    // Its bounds, one pixel wider than the quad at the right and bottom edges: x 1..4 and
    // 6..9, y 2..5; two separate rectangles.
    let mut damage = damage;
    damage.sort_by_key(|rect| rect.x0);
    assert_eq!(
        damage,
        vec![
            PixelRect {
                x0: 1,
                y0: 2,
                x1: 4,
                y1: 5
            },
            PixelRect {
                x0: 6,
                y0: 2,
                x1: 9,
                y1: 5
            },
        ]
    );
    // And the picture is the new frame's: grey where the square was, red where it is.
    let grey = 0xa0_a0_a0;
    assert_eq!(pixel(&renderer, 1, 2), grey);
    assert_eq!(pixel(&renderer, 6, 2), 0xff_00_00);
    assert_eq!(pixel(&renderer, 7, 3), 0xff_00_00);
    assert_eq!(histogram(&renderer), vec![(grey, 96), (0xff_00_00, 4)]);
}

#[test]
fn a_raised_window_damages_where_the_two_overlap() {
    let red = clipped(flat(rect(0.0, 0.0, 6.0, 6.0), Color32::RED), SCREEN);
    let blue = clipped(flat(rect(4.0, 4.0, 10.0, 10.0), Color32::BLUE), SCREEN);
    let mut renderer = draw_primitives(
        &[red.clone(), blue.clone()],
        Color32::BLACK,
        1.0,
        TextureOptions::NEAREST,
    );
    assert_eq!(pixel(&renderer, 5, 5), 0x00_00_ff);
    let damage = renderer.render(&frame_of(&[blue, red]));
    assert!(!damage.is_empty());
    // Red is on top now where they overlap.
    assert_eq!(pixel(&renderer, 5, 5), 0xff_00_00);
    assert_eq!(pixel(&renderer, 4, 4), 0xff_00_00);
    assert_eq!(pixel(&renderer, 6, 6), 0x00_00_ff);
}
