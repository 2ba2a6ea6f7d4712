//! Saving the time–distance chart: as SVG, written from the chart's data
//! ([`crate::route::chart_svg`]); as PNG, cut from a screenshot of the window where the chart
//! was drawn and encoded with the `image` crate.
//!
//! Invariants: nothing here panics on any rectangle or image (the rectangle is clipped to the
//! image; an empty cut is an error); every outcome, saved or not, comes back as a sentence
//! for the chart window.

use crate::route::{TimeDistanceChart, chart_svg};
use egui::{ColorImage, Rect};
use std::path::Path;

/// Write `chart` as SVG to `path`; the sentence says where, or why not.
pub fn save_chart_svg(chart: &TimeDistanceChart, title: &str, path: &Path) -> String {
    match std::fs::write(path, chart_svg(chart, title)) {
        Ok(()) => format!("Saved the chart as SVG: {}", path.display()),
        Err(error) => format!("Could not save {}: {error}", path.display()),
    }
}

/// The part of `image` (a screenshot, `pixels_per_point` pixels a point) inside `rect`
/// (points), clipped to the image; `None` if nothing is left.
pub fn crop_screenshot(
    image: &ColorImage,
    rect: Rect,
    pixels_per_point: f32,
) -> Option<ColorImage> {
    let [width, height] = image.size;
    #[expect(
        clippy::cast_precision_loss,
        reason = "screen sizes are far below 2^24"
    )]
    let bounds = Rect::from_min_max(egui::Pos2::ZERO, egui::pos2(width as f32, height as f32));
    let ppp = if pixels_per_point.is_finite() && pixels_per_point > 0.0 {
        pixels_per_point
    } else {
        1.0
    };
    if rect.min.any_nan() || rect.max.any_nan() {
        return None;
    }
    let round = |point: egui::Pos2| egui::pos2((point.x * ppp).round(), (point.y * ppp).round());
    let pixels = Rect::from_min_max(round(rect.min), round(rect.max)).intersect(bounds);
    if !(pixels.is_finite() && pixels.width() >= 1.0 && pixels.height() >= 1.0) {
        return None;
    }
    Some(image.region(&pixels, None))
}

/// Encode `image` as PNG into `path`; the sentence says where, or why not.
pub fn save_png(image: &ColorImage, path: &Path) -> String {
    match write_png(image, path) {
        Ok(()) => format!("Saved the chart as PNG: {}", path.display()),
        Err(error) => format!("Could not save the chart: {error}"),
    }
}

/// Encode `image` as PNG into `path`, whole or not at all, or say why not.
pub fn write_png(image: &ColorImage, path: &Path) -> Result<(), String> {
    crate::render::save_png_atomically(image, path).map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use egui::Color32;

    /// A 4 × 3 image whose pixel at (x, y) has red x·10 and green y·10.
    fn gradient() -> ColorImage {
        let pixels = (0..3)
            .flat_map(|y| (0..4).map(move |x| Color32::from_rgb(x * 10, y * 10, 0)))
            .collect();
        ColorImage::new([4, 3], pixels)
    }

    #[test]
    fn a_cut_takes_the_pixels_under_the_rectangle_at_the_screen_scale() {
        // Points (1, 0.5)–(2, 1.5) at 2 pixels a point: pixels x 2…4, y 1…3.
        let cut = crop_screenshot(
            &gradient(),
            Rect::from_min_max(egui::pos2(1.0, 0.5), egui::pos2(2.0, 1.5)),
            2.0,
        )
        .unwrap();
        assert_eq!(cut.size, [2, 2]);
        assert_eq!(cut.pixels[0], Color32::from_rgb(20, 10, 0));
        assert_eq!(cut.pixels[3], Color32::from_rgb(30, 20, 0));
    }

    #[test]
    fn a_rectangle_off_the_image_or_not_finite_cuts_nothing_and_does_not_panic() {
        let image = gradient();
        let off = Rect::from_min_max(egui::pos2(10.0, 10.0), egui::pos2(20.0, 20.0));
        assert!(crop_screenshot(&image, off, 1.0).is_none());
        let nan = Rect::from_min_max(egui::pos2(f32::NAN, 0.0), egui::pos2(2.0, 2.0));
        assert!(crop_screenshot(&image, nan, 1.0).is_none());
        assert!(crop_screenshot(&image, Rect::EVERYTHING, f32::NAN).is_some());
    }

    #[test]
    fn a_saved_png_reads_back_with_the_same_pixels() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chart.png");
        let message = save_png(&gradient(), &path);
        assert!(message.starts_with("Saved"), "{message}");
        let back = image::open(&path).unwrap().to_rgba8();
        assert_eq!(back.dimensions(), (4, 3));
        assert_eq!(back.get_pixel(3, 2).0, [30, 20, 0, 255]);
        let failed = save_png(&gradient(), &dir.path().join("no/such/dir/chart.png"));
        assert!(failed.starts_with("Could not save"), "{failed}");
    }
}
