//! The options of `storyroute render`, which draws the story's map into a PNG without a
//! window. Only the arguments live here (the command line is a low layer); the drawing is in
//! [`crate::render`].
//!
//! Invariants: every value clap hands over is valid: a size is whole points within
//! [`MIN_SIDE_POINTS`]..=[`MAX_SIDE_POINTS`] a side, the scale is 1 or 2, the speed is within
//! the app's bounds ([`crate::units::SpeedInput`]). Anything else is a usage error (exit 2)
//! with the reason.

use crate::units::SpeedInput;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// The smallest side of a picture, in points: below this the legend covers the map.
pub const MIN_SIDE_POINTS: u32 = 64;

/// The largest side of a picture, in points: at scale 2 that is 8,192 pixels, the largest
/// texture every wgpu device must support.
pub const MAX_SIDE_POINTS: u32 = 4096;

/// Options of `render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Where to write the PNG (written whole or not at all: a temporary file, then renamed).
    #[arg(long, value_name = "FILE.png")]
    pub out: PathBuf,

    /// The picture's size in points, WIDTHxHEIGHT, each 64 to 4096.
    #[arg(long, value_name = "WxH", default_value = "1600x1000", value_parser = parse_size)]
    pub size: PictureSize,

    /// Pixels per point: 2 draws the same picture at twice the resolution (for sharp
    /// screens and print).
    #[arg(long, value_name = "1|2", default_value = "1", value_parser = parse_scale)]
    pub scale: u32,

    /// Light or dark map.
    #[arg(long, value_enum, default_value_t = PictureTheme::Light)]
    pub theme: PictureTheme,

    /// Speed with its unit (37mph, 60kmh), set as in the app. The map itself draws no
    /// times, so today the picture is the same at any speed. Default: the story's reported
    /// speed.
    #[arg(long, value_name = "SPEED", allow_hyphen_values = true)]
    pub speed: Option<SpeedInput>,
}

/// A picture's size in points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PictureSize {
    /// Width in points.
    pub width: u32,
    /// Height in points.
    pub height: u32,
}

/// The picture's theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PictureTheme {
    /// Light land, dark text.
    Light,
    /// Dark land, light text.
    Dark,
}

/// Read `WIDTHxHEIGHT` (`1600x1000`, `1600×1000`, `1600X1000`), each side a whole number of
/// points within [`MIN_SIDE_POINTS`]..=[`MAX_SIDE_POINTS`].
pub fn parse_size(text: &str) -> Result<PictureSize, String> {
    let trimmed = text.trim();
    let Some((width, height)) = trimmed
        .split_once(['x', 'X', '×'])
        .map(|(width, height)| (width.trim(), height.trim()))
    else {
        return Err(format!(
            "{text:?} is not a size: write WIDTHxHEIGHT in points, e.g. 1600x1000"
        ));
    };
    let side = |name: &str, value: &str| -> Result<u32, String> {
        let number: u64 = value.parse().map_err(|_| {
            format!("the {name} {value:?} is not a whole number of points (e.g. 1600x1000)")
        })?;
        u32::try_from(number)
            .ok()
            .filter(|points| (MIN_SIDE_POINTS..=MAX_SIDE_POINTS).contains(points))
            .ok_or_else(|| {
                format!(
                    "the {name} {number} is out of range: each side is {MIN_SIDE_POINTS} to \
                     {MAX_SIDE_POINTS} points"
                )
            })
    };
    Ok(PictureSize {
        width: side("width", width)?,
        height: side("height", height)?,
    })
}

/// Read the scale: 1 or 2 pixels per point.
pub fn parse_scale(text: &str) -> Result<u32, String> {
    match text.trim() {
        "1" => Ok(1),
        "2" => Ok(2),
        _ => Err(format!("{text:?}: the scale is 1 or 2 (pixels per point)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_size_reads_width_then_height_in_any_of_the_usual_spellings() {
        let expected = PictureSize {
            width: 1600,
            height: 1000,
        };
        for text in ["1600x1000", "1600X1000", "1600×1000", " 1600 x 1000 "] {
            assert_eq!(parse_size(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn a_size_outside_the_bounds_or_not_a_size_is_refused_with_the_reason() {
        let zero = parse_size("0x0").unwrap_err();
        assert!(zero.contains("width 0 is out of range"), "{zero}");
        let huge = parse_size("100000x100000").unwrap_err();
        assert!(huge.contains("64 to 4096 points"), "{huge}");
        let tall = parse_size("800x4097").unwrap_err();
        assert!(tall.contains("height 4097"), "{tall}");
        assert!(parse_size("64x4096").is_ok());
        for text in [
            "",
            "1600",
            "x",
            "1600x",
            "-5x10",
            "1.5x10",
            "ax b",
            "1600x1000x3",
        ] {
            assert!(parse_size(text).is_err(), "{text}");
        }
    }

    #[test]
    fn the_scale_is_one_or_two() {
        assert_eq!(parse_scale("1"), Ok(1));
        assert_eq!(parse_scale("2"), Ok(2));
        for text in ["0", "3", "1.5", "", "two"] {
            assert!(parse_scale(text).is_err(), "{text}");
        }
    }
}
