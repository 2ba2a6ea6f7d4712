//! A rectangle of whole pixels, half-open (`x0..x1`, `y0..y1`): the unit of clipping and of
//! damage. Invariant: an empty rectangle has `x0 >= x1` or `y0 >= y1`; [`PixelRect::is_empty`]
//! says so and every operation treats all empty rectangles alike.

/// A rectangle of pixels, `x0..x1` × `y0..y1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PixelRect {
    /// The first column inside.
    pub x0: i32,
    /// The first row inside.
    pub y0: i32,
    /// The first column past the right edge.
    pub x1: i32,
    /// The first row past the bottom edge.
    pub y1: i32,
}

impl PixelRect {
    /// Nothing.
    pub const EMPTY: Self = Self {
        x0: 0,
        y0: 0,
        x1: 0,
        y1: 0,
    };

    /// The whole of a `width` × `height` framebuffer.
    pub fn of_size(width: usize, height: usize) -> Self {
        Self {
            x0: 0,
            y0: 0,
            x1: i32::try_from(width).unwrap_or(i32::MAX),
            y1: i32::try_from(height).unwrap_or(i32::MAX),
        }
    }

    /// The pixels whose centres `rect` (in points, scaled by `pixels_per_point`) covers, as a
    /// GPU's scissor rectangle does: edges rounded to the nearest pixel.
    pub fn from_points(rect: egui::Rect, pixels_per_point: f32) -> Self {
        #[expect(clippy::cast_possible_truncation, reason = "clamped to ±2^24 first")]
        let round = |value: f32| (value * pixels_per_point).round().clamp(-16.0e6, 16.0e6) as i32;
        if !(rect.min.x <= rect.max.x && rect.min.y <= rect.max.y) {
            return Self::EMPTY;
        }
        Self {
            x0: round(rect.min.x),
            y0: round(rect.min.y),
            x1: round(rect.max.x),
            y1: round(rect.max.y),
        }
    }

    /// The smallest rectangle of whole pixels holding `rect` (in points).
    pub fn covering(rect: egui::Rect, pixels_per_point: f32) -> Self {
        #[expect(clippy::cast_possible_truncation, reason = "clamped to ±2^24 first")]
        let to_pixel = |value: f32| value.clamp(-16.0e6, 16.0e6) as i32;
        if !(rect.min.x <= rect.max.x && rect.min.y <= rect.max.y) {
            return Self::EMPTY;
        }
        Self {
            x0: to_pixel((rect.min.x * pixels_per_point).floor()),
            y0: to_pixel((rect.min.y * pixels_per_point).floor()),
            x1: to_pixel((rect.max.x * pixels_per_point).ceil()) + 1,
            y1: to_pixel((rect.max.y * pixels_per_point).ceil()) + 1,
        }
    }

    /// Whether no pixel is inside.
    pub fn is_empty(self) -> bool {
        self.x0 >= self.x1 || self.y0 >= self.y1
    }

    /// The pixels in both.
    #[must_use]
    pub fn intersect(self, other: Self) -> Self {
        let rect = Self {
            x0: self.x0.max(other.x0),
            y0: self.y0.max(other.y0),
            x1: self.x1.min(other.x1),
            y1: self.y1.min(other.y1),
        };
        if rect.is_empty() { Self::EMPTY } else { rect }
    }

    /// The smallest rectangle holding both.
    #[must_use]
    pub fn union(self, other: Self) -> Self {
        if self.is_empty() {
            return other;
        }
        if other.is_empty() {
            return self;
        }
        Self {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }

    /// Whether any pixel is in both.
    pub fn overlaps(self, other: Self) -> bool {
        !self.intersect(other).is_empty()
    }

    /// How many pixels are inside.
    pub fn area(self) -> u64 {
        if self.is_empty() {
            return 0;
        }
        u64::from((self.x1 - self.x0).unsigned_abs())
            * u64::from((self.y1 - self.y0).unsigned_abs())
    }
}
