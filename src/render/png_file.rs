//! Writing a picture as PNG, whole or not at all: it is encoded in memory, then written by
//! [`crate::story::write_file_atomically`] (a temporary file in the destination's folder,
//! flushed to disk, renamed over the destination). A failure (no
//! such folder, a read-only one, a full disk, a destination that is a folder) leaves whatever
//! was there before untouched and removes the temporary file.

use super::RenderError;
use egui::ColorImage;
use image::ImageEncoder as _;
use std::path::Path;

/// Encode `image` as an 8-bit RGBA PNG at `path`, atomically.
pub fn save_png_atomically(image: &ColorImage, path: &Path) -> Result<(), RenderError> {
    let failed = |reason: String| RenderError::Write {
        path: path.to_path_buf(),
        reason,
    };
    let [width, height] = image.size;
    let (Ok(width), Ok(height)) = (u32::try_from(width), u32::try_from(height)) else {
        return Err(failed("the picture is too large for a PNG".to_owned()));
    };
    let bytes: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(egui::Color32::to_srgba_unmultiplied)
        .collect();
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&bytes, width, height, image::ExtendedColorType::Rgba8)
        .map_err(|error| failed(error.to_string()))?;
    crate::story::write_file_atomically(path, &png).map_err(|error| match error {
        crate::story::SaveError::Io { source, .. } => failed(source.to_string()),
        crate::story::SaveError::Json(error) => failed(error.to_string()),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use egui::Color32;

    fn two_by_one() -> ColorImage {
        ColorImage::new(
            [2, 1],
            vec![Color32::from_rgb(200, 10, 20), Color32::from_rgb(0, 0, 255)],
        )
    }

    #[test]
    fn a_saved_picture_reads_back_with_its_pixels_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.png");
        save_png_atomically(&two_by_one(), &path).unwrap();
        let back = image::open(&path).unwrap().to_rgba8();
        assert_eq!(back.dimensions(), (2, 1));
        assert_eq!(back.get_pixel(0, 0).0, [200, 10, 20, 255]);
        assert_eq!(back.get_pixel(1, 0).0, [0, 0, 255, 255]);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn a_failed_save_names_the_file_and_keeps_what_was_there() {
        let dir = tempfile::tempdir().unwrap();
        // A destination that is a folder: the rename fails, the folder stays.
        let folder = dir.path().join("taken");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("keep.txt"), "kept").unwrap();
        let error = save_png_atomically(&two_by_one(), &folder).unwrap_err();
        assert!(error.to_string().contains("taken"), "{error}");
        assert_eq!(
            std::fs::read_to_string(folder.join("keep.txt")).unwrap(),
            "kept"
        );
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "the temporary file is removed: {left:?}");
        // A folder that does not exist.
        let missing = dir.path().join("no/such/folder/map.png");
        let error = save_png_atomically(&two_by_one(), &missing).unwrap_err();
        assert!(error.to_string().contains("no/such/folder"), "{error}");
    }
}
