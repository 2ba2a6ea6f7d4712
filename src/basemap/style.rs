//! Colours, widths and zoom rules of the basemap.
//!
//! Two muted palettes in the spirit of Carto's Positron (light) and Dark Matter (dark): low
//! contrast land and water, grey lines, so that a saturated red or orange route drawn on top is
//! the most visible thing on the map. Invariant: every zoom rule here is monotonic (zooming in
//! never hides a layer that was visible further out).

use egui::Color32;

use super::asset::{LineKind, PlaceKind};

/// Colour scheme of the basemap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BasemapTheme {
    /// Pale grey land, grey-blue water (like Carto Positron).
    #[default]
    Light,
    /// Near-black land and water, grey lines (like Carto Dark Matter).
    Dark,
}

/// The resolved colours of one theme.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Palette {
    pub sea: Color32,
    pub no_data: Color32,
    pub no_data_hatch: Color32,
    pub land: Color32,
    pub lake: Color32,
    pub river: Color32,
    pub coast: Color32,
    pub border: Color32,
    pub border_casing: Color32,
    pub admin1: Color32,
    pub place_text: Color32,
    pub town_text: Color32,
    pub country_text: Color32,
    pub story_text: Color32,
    pub halo: Color32,
    pub dot: Color32,
    pub story_dot: Color32,
    pub message_bg: Color32,
    pub message_text: Color32,
}

impl BasemapTheme {
    /// The colour of land: what a map of the region mostly shows.
    pub fn land_colour(self) -> Color32 {
        self.palette().land
    }

    pub(crate) fn palette(self) -> Palette {
        match self {
            BasemapTheme::Light => Palette {
                sea: Color32::from_rgb(0xd4, 0xda, 0xdc),
                no_data: Color32::from_rgb(0xe9, 0xe9, 0xe6),
                no_data_hatch: Color32::from_rgb(0xdb, 0xdb, 0xd7),
                land: Color32::from_rgb(0xfa, 0xfa, 0xf8),
                lake: Color32::from_rgb(0xd4, 0xda, 0xdc),
                river: Color32::from_rgb(0xbf, 0xcc, 0xd1),
                coast: Color32::from_rgb(0xb4, 0xc0, 0xc5),
                border: Color32::from_rgb(0x9e, 0x9c, 0xab),
                border_casing: Color32::from_rgba_unmultiplied(0xc9, 0xc4, 0xd9, 0x90),
                admin1: Color32::from_rgb(0xcc, 0xcc, 0xcc),
                place_text: Color32::from_rgb(0x4a, 0x4a, 0x4a),
                town_text: Color32::from_rgb(0x6e, 0x76, 0x7a),
                country_text: Color32::from_rgb(0x7a, 0x72, 0x8c),
                story_text: Color32::from_rgb(0x1a, 0x1a, 0x1a),
                halo: Color32::from_rgba_unmultiplied(0xff, 0xff, 0xff, 0xe0),
                dot: Color32::from_rgb(0x8a, 0x8a, 0x8a),
                story_dot: Color32::from_rgb(0x30, 0x30, 0x30),
                message_bg: Color32::from_rgba_unmultiplied(0xff, 0xff, 0xff, 0xe6),
                message_text: Color32::from_rgb(0x30, 0x30, 0x30),
            },
            BasemapTheme::Dark => Palette {
                sea: Color32::from_rgb(0x17, 0x19, 0x1c),
                no_data: Color32::from_rgb(0x22, 0x22, 0x22),
                no_data_hatch: Color32::from_rgb(0x2d, 0x2d, 0x2d),
                land: Color32::from_rgb(0x2c, 0x2d, 0x2f),
                lake: Color32::from_rgb(0x17, 0x19, 0x1c),
                river: Color32::from_rgb(0x1d, 0x22, 0x27),
                coast: Color32::from_rgb(0x3b, 0x3f, 0x44),
                border: Color32::from_rgb(0x76, 0x73, 0x85),
                border_casing: Color32::from_rgba_unmultiplied(0x4a, 0x47, 0x5a, 0x90),
                admin1: Color32::from_rgb(0x48, 0x48, 0x4c),
                place_text: Color32::from_rgb(0xb4, 0xb4, 0xb4),
                town_text: Color32::from_rgb(0x8c, 0x8c, 0x8c),
                country_text: Color32::from_rgb(0x9a, 0x94, 0xa8),
                story_text: Color32::from_rgb(0xf2, 0xf2, 0xf2),
                halo: Color32::from_rgba_unmultiplied(0x10, 0x10, 0x10, 0xd8),
                dot: Color32::from_rgb(0x80, 0x80, 0x80),
                story_dot: Color32::from_rgb(0xe0, 0xe0, 0xe0),
                message_bg: Color32::from_rgba_unmultiplied(0x10, 0x10, 0x10, 0xe6),
                message_text: Color32::from_rgb(0xe0, 0xe0, 0xe0),
            },
        }
    }
}

/// The lowest zoom at which a kind of line is drawn.
pub(crate) fn line_min_zoom(kind: LineKind) -> f64 {
    match kind {
        LineKind::Coast | LineKind::Border => 0.0,
        LineKind::Admin1 => 6.0,
        LineKind::River(level) => match level {
            0 | 1 => 0.0,
            2 => 5.0,
            3 => 7.0,
            _ => 9.0,
        },
    }
}

/// Stroke width in points of a kind of line at `zoom`; grows gently as you zoom in.
pub(crate) fn line_width_px(kind: LineKind, zoom: f64) -> f32 {
    let grow = ((zoom - 4.0) / 6.0).clamp(0.0, 1.0) as f32; // 0 at zoom 4, 1 at zoom 10+
    match kind {
        LineKind::Coast => 0.6 + 0.4 * grow,
        LineKind::Border => 0.9 + 0.6 * grow,
        LineKind::Admin1 => 0.6 + 0.3 * grow,
        LineKind::River(level) => {
            let base = match level {
                0 => 1.1,
                1 => 0.9,
                2 => 0.7,
                3 => 0.6,
                _ => 0.5,
            };
            base + (1.6 - base * 0.8) * grow
        }
    }
}

/// Country names are labelled below this zoom only (cities take over closer in).
pub(crate) const COUNTRY_MAX_ZOOM: f64 = 5.0;

/// Font size in points of a place label.
pub(crate) fn label_size_pt(kind: PlaceKind, population: u32) -> f32 {
    match kind {
        PlaceKind::Town => 11.0,
        PlaceKind::City if population >= 1_000_000 => 14.0,
        PlaceKind::City if population >= 200_000 => 13.0,
        PlaceKind::City | PlaceKind::Country => 12.0,
    }
}

/// Font size in points of a story label.
pub(crate) const STORY_LABEL_SIZE_PT: f32 = 14.5;
