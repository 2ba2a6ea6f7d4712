//! Offline vector basemap of North-East Asia (lon 120–145° E, lat 35–56° N).
//!
//! There is no network, so walkers has no tiles to draw: this module is the map users see. The
//! data (Natural Earth land, coast, lakes, borders and admin-1 lines, GSHHG rivers, GeoNames
//! places) is converted once by `make_basemap` ([`convert`]) into `assets/basemap.bin`, which is
//! embedded in the binary; nothing is read from disk at run time.
//!
//! Invariants:
//! - all geometry is pre-projected to normalised Web Mercator (x, y in `0..=1`, y grows south),
//!   the same as walkers' `MercatorProjection` divided by the world size in pixels;
//! - every level of detail is valid after [`Basemap::from_bytes`]: triangles index existing
//!   vertices, lines have two points or more, coordinates are finite and inside the world;
//!   bad bytes give a [`BasemapError`], never a panic;
//! - [`BasemapPainter`] only reads the `walkers::Projector` it is given (clip rect, zoom,
//!   `project`/`unproject`), so it works with any centre and zoom; its caches are never
//!   persisted.

// Map coordinates are f64 (normalised Mercator), screen points f32, the asset stores
// quantised integers: converting between them, with rounding, is what this module does.
// Quantised coordinates are compared exactly on purpose; geometry reads best with x, y, a, b.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap,
    clippy::float_cmp,
    clippy::many_single_char_names,
    clippy::wrong_self_convention,
    clippy::trivially_copy_pass_by_ref,
    clippy::struct_field_names,
    clippy::items_after_statements,
    clippy::format_push_string
)]

mod asset;
pub mod convert;
mod draw;
pub mod labels;
mod style;

pub use draw::{BasemapPainter, BasemapShapes};
pub use style::BasemapTheme;

use asset::Decoded;

/// Short attribution line for the map corner.
pub const ATTRIBUTION: &str = "Natural Earth · GSHHG · GeoNames";

/// One data source of the basemap, for the "sources and licences" popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataSource {
    /// Name of the data set.
    pub name: &'static str,
    /// Which layers of the basemap come from it.
    pub what: &'static str,
    /// Its licence.
    pub licence: &'static str,
    /// Where it comes from.
    pub url: &'static str,
}

/// The data sources of the basemap and their licences.
pub const SOURCES: &[DataSource] = &[
    DataSource {
        name: "Natural Earth (1:10m)",
        what: "land, coastline, lakes, country borders, first-level boundaries",
        licence: "Public domain",
        url: "https://www.naturalearthdata.com/",
    },
    DataSource {
        name: "GSHHG 2.3.7 (Wessel & Smith), WDB-II rivers",
        what: "rivers",
        licence: "GNU LGPL v3 or later",
        url: "https://www.soest.hawaii.edu/pwessel/gshhg/",
    },
    DataSource {
        name: "GeoNames",
        what: "place names and populations",
        licence: "Creative Commons Attribution 4.0",
        url: "https://www.geonames.org/",
    },
];

/// Why the basemap could not be loaded or converted.
#[derive(Debug, thiserror::Error)]
pub enum BasemapError {
    /// The bytes are not a postcard-encoded basemap.
    #[error("basemap bytes cannot be decoded: {0}")]
    Decode(#[from] postcard::Error),
    /// The asset was written by an incompatible converter.
    #[error("basemap format version {found}, expected {expected}; rerun make_basemap")]
    Version {
        /// Version in the bytes.
        found: u32,
        /// Version this build reads.
        expected: u32,
    },
    /// The bytes decode but break an invariant.
    #[error("basemap data is invalid: {0}")]
    Invalid(String),
    /// A source file could not be read (converter only).
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A source file is not the GeoJSON expected (converter only).
    #[error("bad source data: {0}")]
    Source(String),
}

/// A place of the story itself, always labelled on top of the basemap's places.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryLabel {
    /// Text of the label.
    pub name: String,
    /// Longitude in degrees east.
    pub lon: f64,
    /// Latitude in degrees north.
    pub lat: f64,
    /// Radius of the app's own marker drawn there, in points: the text keeps clear of it, and
    /// the basemap draws no dot of its own.
    pub marker_radius_px: f32,
}

/// The decoded basemap: levels of detail and places, ready to draw. Cheap to share via
/// [`BasemapPainter`]; decode it once.
#[derive(Debug, Clone)]
pub struct Basemap {
    data: Decoded,
}

static EMBEDDED: &[u8] = include_bytes!("../../assets/basemap.bin");

impl Basemap {
    /// Decode the basemap embedded in the binary.
    pub fn embedded() -> Result<Basemap, BasemapError> {
        Self::from_bytes(EMBEDDED)
    }

    /// Decode and validate a basemap asset (as written by `make_basemap`).
    pub fn from_bytes(bytes: &[u8]) -> Result<Basemap, BasemapError> {
        Ok(Basemap {
            data: asset::decode(bytes)?,
        })
    }

    /// Area covered by the data: `[min_lon, min_lat, max_lon, max_lat]` in degrees.
    pub fn extent(&self) -> [f64; 4] {
        self.data.extent_lon_lat
    }

    /// Number of places (cities and towns) with names.
    pub fn place_count(&self) -> usize {
        self.data.places.len()
    }

    pub(crate) fn data(&self) -> &Decoded {
        &self.data
    }

    /// The extent in normalised Mercator.
    pub(crate) fn extent_merc(&self) -> asset::MercRect {
        let [min_lon, min_lat, max_lon, max_lat] = self.data.extent_lon_lat;
        let a = asset::lon_lat_to_merc(min_lon, max_lat);
        let b = asset::lon_lat_to_merc(max_lon, min_lat);
        asset::MercRect { min: a, max: b }
    }

    /// The level of detail for `zoom`.
    pub(crate) fn lod_index(&self, zoom: f64) -> usize {
        let lods = &self.data.lods;
        lods.iter()
            .position(|l| zoom < l.max_zoom)
            .unwrap_or(lods.len().saturating_sub(1))
    }
}

#[cfg(test)]
mod tests;
