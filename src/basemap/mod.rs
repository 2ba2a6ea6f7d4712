//! Offline vector basemap of the whole world, finer in North-East Asia.
//!
//! walkers has no tiles to draw without the network: this module is the map users see. The
//! data (Natural Earth land, lakes, borders, admin-1 lines, rivers and populated places,
//! GeoNames places; GSHHG rivers and small towns in North-East Asia) is converted once by
//! `make_basemap` ([`convert`]) into `assets/basemap.bin`, which is embedded in the binary;
//! nothing is read from disk at run time.
//!
//! The asset is a pyramid of levels of detail, each cut into Web-Mercator tiles. Start-up
//! decodes only its index and the coarsest level (one tile of the whole world); the painter
//! asks a worker thread for the tiles a view needs (`loader.rs`) and draws the coarser level
//! where they have not arrived yet, so a view is never blank.
//!
//! Invariants:
//! - all geometry is pre-projected to normalised Web Mercator (x, y in `0..=1`, y grows south),
//!   the same as walkers' `MercatorProjection` divided by the world size in pixels; x wraps,
//!   and a view across the antimeridian draws the copies of the world it spans;
//! - every tile is valid once decoded: triangles index existing vertices, lines have two points
//!   or more, coordinates are finite and inside the world; bad bytes give a [`BasemapError`],
//!   never a panic;
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
mod convert_clip;
mod convert_places;
mod convert_source;
mod draw;
pub mod labels;
mod loader;
mod style;
mod tiles;

pub use draw::{BasemapPainter, BasemapShapes};
pub use loader::tiles_in_flight;
pub use style::BasemapTheme;

use std::borrow::Cow;
use std::sync::Arc;

use asset::{Tile, TileId, TileIndex};

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
        what: "land, coastline, lakes, rivers (outside North-East Asia), country borders and \
               names, first-level boundaries, populated places' rank",
        licence: "Public domain",
        url: "https://www.naturalearthdata.com/",
    },
    DataSource {
        name: "GSHHG 2.3.7 (Wessel & Smith), WDB-II rivers",
        what: "rivers of North-East Asia",
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

/// The basemap: its tile index and the coarsest level, decoded; the other tiles stay as
/// bytes until a painter asks for them. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Basemap {
    index: Arc<TileIndex>,
    root: (TileId, Arc<Tile>),
}

static EMBEDDED: &[u8] = include_bytes!("../../assets/basemap.bin");

/// The coarsest level's single tile, always decoded.
const ROOT: TileId = TileId { lod: 0, x: 0, y: 0 };

impl Basemap {
    /// Decode the index and the coarsest level of the basemap embedded in the binary.
    pub fn embedded() -> Result<Basemap, BasemapError> {
        Self::from_cow(Cow::Borrowed(EMBEDDED))
    }

    /// Decode and validate a basemap asset's index and coarsest level (as written by
    /// `make_basemap`); the bytes are copied.
    pub fn from_bytes(bytes: &[u8]) -> Result<Basemap, BasemapError> {
        Self::from_cow(Cow::Owned(bytes.to_vec()))
    }

    fn from_cow(bytes: Cow<'static, [u8]>) -> Result<Basemap, BasemapError> {
        let index = asset::decode_index(bytes)?;
        if index.lods.first().map(|l| l.tile_zoom) != Some(0) {
            return Err(BasemapError::Invalid(
                "the coarsest level is not one tile".into(),
            ));
        }
        let root = Arc::new(index.tile(ROOT)?);
        Ok(Basemap {
            index: Arc::new(index),
            root: (ROOT, root),
        })
    }

    /// Area covered by the data: `[min_lon, min_lat, max_lon, max_lat]` in degrees.
    pub fn extent(&self) -> [f64; 4] {
        self.index.extent_lon_lat
    }

    /// Number of tiles over all levels of detail.
    pub fn tile_count(&self) -> usize {
        self.index.tile_count()
    }

    /// Decode every tile, checking it: the number of places in all of them. Slow (the whole
    /// world); for tests and tools, never the app.
    pub fn check_every_tile(&self) -> Result<usize, BasemapError> {
        let mut places = 0;
        for id in self.index.ids() {
            places += self.index.tile(id)?.places.len();
        }
        Ok(places)
    }

    pub(crate) fn index(&self) -> &Arc<TileIndex> {
        &self.index
    }

    pub(crate) fn root(&self) -> &(TileId, Arc<Tile>) {
        &self.root
    }

    /// The extent in normalised Mercator; x unbounded when the data goes all the way round.
    pub(crate) fn extent_merc(&self) -> asset::MercRect {
        let [min_lon, min_lat, max_lon, max_lat] = self.index.extent_lon_lat;
        let a = asset::lon_lat_to_merc(min_lon, max_lat);
        let b = asset::lon_lat_to_merc(max_lon, min_lat);
        let mut rect = asset::MercRect { min: a, max: b };
        if max_lon - min_lon >= 360.0 {
            rect.min[0] = -f64::from(u32::MAX);
            rect.max[0] = f64::from(u32::MAX);
        }
        rect
    }

    /// The level of detail for `zoom`.
    pub(crate) fn lod_index(&self, zoom: f64) -> usize {
        let lods = &self.index.lods;
        lods.iter()
            .position(|l| zoom < l.max_zoom)
            .unwrap_or(lods.len().saturating_sub(1))
    }
}

#[cfg(test)]
mod tests;
