//! Reading the source GeoJSON's values (converter only): a feature's properties, and a
//! lon/lat quantised to the asset's integer Web Mercator.
//!
//! Invariant: a quantised point is inside the world square, `0..=2^24` on both axes.

use geo::Coord;

use super::asset::{QUANT_PER_WORLD, lon_lat_to_merc};

/// A lon/lat in degrees as quantised Mercator units (integers held in f64).
pub(crate) fn quantise(lon: f64, lat: f64) -> Coord<f64> {
    let [x, y] = lon_lat_to_merc(lon, lat);
    Coord {
        x: (x * QUANT_PER_WORLD).round().clamp(0.0, QUANT_PER_WORLD),
        y: (y * QUANT_PER_WORLD).round().clamp(0.0, QUANT_PER_WORLD),
    }
}

/// A number property of a feature.
pub(crate) fn prop_f64(f: &geojson::Feature, key: &str) -> Option<f64> {
    f.properties.as_ref()?.get(key)?.as_f64()
}

/// A string property of a feature.
pub(crate) fn prop_str(f: &geojson::Feature, key: &str) -> Option<String> {
    Some(f.properties.as_ref()?.get(key)?.as_str()?.to_owned())
}
