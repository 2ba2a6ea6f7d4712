//! The offline basemap under the route, as a map layer.

use crate::app::ViewModel;
use egui::layers::ShapeIdx;
use walkers::Projector;

/// Draws the offline basemap; kept across frames for its caches.
pub struct BasemapLayer;

impl BasemapLayer {
    /// Load the embedded basemap.
    pub fn new() -> Self {
        Self
    }

    /// Fill `slot` (reserved under the tiles) with the basemap and return the labels, which go
    /// over the route.
    #[expect(
        clippy::unused_self,
        reason = "the vector basemap will keep its caches here"
    )]
    pub fn paint(
        &mut self,
        ui: &egui::Ui,
        projector: &Projector,
        slot: ShapeIdx,
        _model: &ViewModel<'_>,
        dark: bool,
    ) -> Vec<egui::Shape> {
        let sea = if dark {
            egui::Color32::from_rgb(28, 36, 48)
        } else {
            egui::Color32::from_rgb(200, 220, 235)
        };
        ui.painter().set(
            slot,
            egui::Shape::rect_filled(projector.clip_rect(), 0.0, sea),
        );
        Vec::new()
    }
}

/// The credit line shown on the map at all times.
pub const ATTRIBUTION: &str = "Natural Earth · GSHHG · GeoNames";

/// One source of the offline map, with its licence.
pub struct DataSource {
    /// Who made it.
    pub name: &'static str,
    /// What of it is used.
    pub what: &'static str,
    /// Its licence.
    pub licence: &'static str,
    /// Where it comes from.
    pub url: &'static str,
}

/// The offline map's sources.
pub const DATA_SOURCES: &[DataSource] = &[
    DataSource {
        name: "Natural Earth",
        what: "land, coastline, lakes, borders, provinces",
        licence: "public domain",
        url: "https://www.naturalearthdata.com",
    },
    DataSource {
        name: "GSHHG 2.3.7 (Wessel & Smith)",
        what: "rivers",
        licence: "GNU LGPL v3 or later",
        url: "https://www.soest.hawaii.edu/pwessel/gshhg/",
    },
    DataSource {
        name: "GeoNames",
        what: "place names and populations",
        licence: "CC BY 4.0",
        url: "https://www.geonames.org",
    },
];
