//! What changed between two frames: each clipped primitive is summed up as a hash of all it
//! draws (clip rectangle, texture and its version, every vertex and index) and the pixels it
//! may touch; primitives of the last frame and of this one are matched by hash in paint
//! order, and the damage is the pixels of those that appeared, disappeared or moved in the
//! paint order, merged into a few rectangles.
//!
//! Invariant: a pixel outside the damage would be painted the same in both frames (given
//! equal hashes mean equal primitives; the hash is 64 bits of a multiplicative mix, so a
//! collision between a primitive and its changed self is about one in 2^64).

use super::pixel_rect::PixelRect;
use egui::epaint::{ClippedPrimitive, Primitive};
use std::collections::HashMap;

/// At most this many rectangles of damage: more are merged (repainting some unchanged pixels
/// costs less than going over every primitive once more per rectangle).
pub const MAX_RECTS: usize = 6;

/// A primitive as damage tracking sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Everything that decides its pixels.
    pub hash: u64,
    /// The pixels it may touch: its mesh's bounds within its clip rectangle.
    pub bounds: PixelRect,
    /// Its clip rectangle, in pixels.
    pub clip: PixelRect,
}

/// A fast 64-bit mix (the multiply-rotate of rustc's FxHasher): enough to tell a changed
/// primitive from its old self, and cheap over the tens of thousands of vertices of a map.
struct Mix(u64);

impl Mix {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Each primitive summed up, in paint order; `version` gives a texture's version.
pub fn summarise(
    primitives: &[ClippedPrimitive],
    pixels_per_point: f32,
    screen: PixelRect,
    version: impl Fn(egui::TextureId) -> u64,
) -> Vec<Summary> {
    primitives
        .iter()
        .map(|primitive| {
            let clip =
                PixelRect::from_points(primitive.clip_rect, pixels_per_point).intersect(screen);
            let mut mix = Mix(0);
            for value in [
                primitive.clip_rect.min.x,
                primitive.clip_rect.min.y,
                primitive.clip_rect.max.x,
                primitive.clip_rect.max.y,
                pixels_per_point,
            ] {
                mix.add(u64::from(value.to_bits()));
            }
            let Primitive::Mesh(mesh) = &primitive.primitive else {
                // A paint callback is not drawn here: nothing of it to damage.
                return Summary {
                    hash: 0,
                    bounds: PixelRect::EMPTY,
                    clip,
                };
            };
            let mut hash_id = std::hash::DefaultHasher::new();
            std::hash::Hash::hash(&mesh.texture_id, &mut hash_id);
            mix.add(std::hash::Hasher::finish(&hash_id));
            mix.add(version(mesh.texture_id));
            let mut bounds = egui::Rect::NOTHING;
            for vertex in &mesh.vertices {
                bounds.extend_with(vertex.pos);
                mix.add(
                    u64::from(vertex.pos.x.to_bits()) << 32 | u64::from(vertex.pos.y.to_bits()),
                );
                mix.add(u64::from(vertex.uv.x.to_bits()) << 32 | u64::from(vertex.uv.y.to_bits()));
                mix.add(u64::from(u32::from_le_bytes(vertex.color.to_array())));
            }
            for pair in mesh.indices.chunks(2) {
                let second = pair.get(1).copied().unwrap_or(u32::MAX);
                mix.add(u64::from(pair[0]) << 32 | u64::from(second));
            }
            Summary {
                hash: mix.0,
                bounds: PixelRect::covering(bounds, pixels_per_point).intersect(clip),
                clip,
            }
        })
        .collect()
}

/// The pixels that differ between a frame of primitives `before` and one of `now`, as at
/// most [`MAX_RECTS`] rectangles.
pub fn damage(before: &[Summary], now: &[Summary]) -> Vec<PixelRect> {
    let mut unmatched: HashMap<u64, std::collections::VecDeque<usize>> = HashMap::new();
    for (index, summary) in before.iter().enumerate() {
        unmatched.entry(summary.hash).or_default().push_back(index);
    }
    let mut matched = vec![false; before.len()];
    let mut rects = Vec::new();
    let mut last_matched = None;
    for summary in now {
        let found = unmatched
            .get_mut(&summary.hash)
            .and_then(std::collections::VecDeque::pop_front);
        match found {
            // Drawn before, and still after everything it was after: unchanged.
            Some(index) if last_matched.is_none_or(|last| index > last) => {
                matched[index] = true;
                last_matched = Some(index);
            }
            // Moved in the paint order: what overlaps it may now be above or below it.
            Some(index) => {
                matched[index] = true;
                rects.push(summary.bounds);
            }
            None => rects.push(summary.bounds),
        }
    }
    for (summary, matched) in before.iter().zip(matched) {
        if !matched {
            rects.push(summary.bounds);
        }
    }
    merge(rects)
}

/// `rects` as at most [`MAX_RECTS`] rectangles covering them all, none overlapping another.
pub fn merge(rects: Vec<PixelRect>) -> Vec<PixelRect> {
    let mut merged = merge_overlapping(rects);
    while merged.len() > MAX_RECTS {
        // Join the two whose union adds the fewest pixels.
        let mut best = (u64::MAX, 0, 1);
        for i in 0..merged.len() {
            for j in i + 1..merged.len() {
                let growth = merged[i]
                    .union(merged[j])
                    .area()
                    .saturating_sub(merged[i].area() + merged[j].area());
                if growth < best.0 {
                    best = (growth, i, j);
                }
            }
        }
        let (_, i, j) = best;
        let joined = merged[i].union(merged[j]);
        // `j > i`: removing `j` first leaves `i` where it was.
        merged.swap_remove(j);
        merged.swap_remove(i);
        merged.push(joined);
        // The join may overlap others.
        merged = merge_overlapping(merged);
    }
    merged
}

/// `rects` with overlapping ones joined, empty ones left out (no count limit).
fn merge_overlapping(rects: Vec<PixelRect>) -> Vec<PixelRect> {
    let mut merged: Vec<PixelRect> = Vec::new();
    for mut rect in rects.into_iter().filter(|rect| !rect.is_empty()) {
        // Swallow every rectangle it overlaps, again as it grows.
        loop {
            let before = merged.len();
            merged.retain(|other| {
                if other.overlaps(rect) {
                    rect = rect.union(*other);
                    false
                } else {
                    true
                }
            });
            if merged.len() == before {
                break;
            }
        }
        merged.push(rect);
    }
    merged
}
