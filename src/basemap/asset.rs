//! The basemap's file format (postcard) and its decoded, ready-to-draw form.
//!
//! The file is a [`Header`] (format version, extent, the levels of detail and an index of
//! tiles with their byte lengths) followed by the tiles' bytes, each a postcard [`TileFile`],
//! in the index's order. Each level of detail is cut into the Web-Mercator tiles of one zoom
//! (its `tile_zoom`): a tile holds the triangles, line pieces and places inside its square,
//! clipped to it, so a view needs only the tiles it meets. Only the header and the coarsest
//! tile are decoded at start-up; other tiles are decoded on demand ([`decode_tile`]).
//!
//! Invariants of a decoded [`Tile`] (checked by [`decode_tile`], never assumed from the bytes):
//! - every coordinate is finite and in `0..=1` normalised Web Mercator (x east, y south);
//! - every mesh has indices in range and a multiple of three;
//! - every line has at least two points;
//! - every feature's bounding box contains all of its points.
//!
//! Invariants of a [`TileIndex`]: every tile's byte range lies inside the file, its level
//! exists, and its x, y are inside the level's tile grid.
//!
//! Coordinates are stored quantised to [`QUANT_PER_WORLD`] units per world width and
//! delta-encoded (zig-zag varints in postcard), which keeps the asset small.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::BasemapError;

/// Version of the file format; bumped on any incompatible change.
pub(crate) const FORMAT_VERSION: u32 = 2;

/// Quantisation: integer units per world width (2^24, about 2.4 m at the equator).
pub(crate) const QUANT_PER_WORLD: f64 = 16_777_216.0;

/// The start of the file: everything but the tiles' contents.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Header {
    pub version: u32,
    /// `[min_lon, min_lat, max_lon, max_lat]` of the source data.
    pub extent_lon_lat: [f64; 4],
    /// Levels of detail, coarsest first.
    pub lods: Vec<LodSpecFile>,
    /// The tiles, in the order of their bytes after the header.
    pub tiles: Vec<TileEntry>,
}

/// One level of detail as stored.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub(crate) struct LodSpecFile {
    /// This level is used for zooms below this one (the last level for all higher zooms).
    pub max_zoom: f32,
    /// Its tiles are the Web-Mercator tiles of this zoom (2^z × 2^z over the world).
    pub tile_zoom: u8,
}

/// Where a tile's bytes are.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub(crate) struct TileEntry {
    pub lod: u8,
    pub x: u32,
    pub y: u32,
    pub len: u32,
}

/// One tile's contents as stored.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub(crate) struct TileFile {
    pub land: Vec<MeshFile>,
    pub lakes: Vec<MeshFile>,
    pub lines: Vec<LineFile>,
    pub places: Vec<PlaceFile>,
}

/// A triangulated polygon piece: delta-encoded quantised `x, y` pairs and triangle indices.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct MeshFile {
    pub coords: Vec<i32>,
    pub indices: Vec<u32>,
}

/// A polyline piece.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct LineFile {
    pub kind: LineKind,
    pub coords: Vec<i32>,
}

/// What a line is, which decides its style.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub(crate) enum LineKind {
    /// Sea coast and lake shores.
    Coast,
    /// Country boundary.
    Border,
    /// First-level administrative boundary (oblast, province).
    Admin1,
    /// River by importance: 0 major … 4 minor.
    River(u8),
}

/// What a labelled place is, which decides when and how it is labelled.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub(crate) enum PlaceKind {
    /// A country's name at its label point (world views only).
    Country,
    /// A city or town of GeoNames cities15000.
    City,
    /// A small town (GeoNames cities500, North-East Asia), shown only when zoomed in.
    Town,
}

/// A labelled place as stored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct PlaceFile {
    /// English name.
    pub name: String,
    /// Name in the local language and script, empty when the same as `name` or unknown.
    pub local_name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    pub population: u32,
    /// Quantised Mercator position.
    pub x: u32,
    pub y: u32,
    pub kind: PlaceKind,
    /// Labelled from this zoom on.
    pub min_zoom: f32,
    /// Higher is labelled first (population, raised by Natural Earth's scalerank).
    pub priority: f32,
}

/// Axis-aligned rectangle in normalised Mercator units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct MercRect {
    pub min: [f64; 2],
    pub max: [f64; 2],
}

impl MercRect {
    /// The empty rectangle, which grows with [`MercRect::extend`].
    pub const EMPTY: Self = Self {
        min: [f64::INFINITY; 2],
        max: [f64::NEG_INFINITY; 2],
    };

    /// Grow to contain the point.
    pub fn extend(&mut self, x: f64, y: f64) {
        self.min[0] = self.min[0].min(x);
        self.min[1] = self.min[1].min(y);
        self.max[0] = self.max[0].max(x);
        self.max[1] = self.max[1].max(y);
    }

    /// Whether the two rectangles share any point.
    pub fn intersects(&self, other: &Self) -> bool {
        self.min[0] <= other.max[0]
            && other.min[0] <= self.max[0]
            && self.min[1] <= other.max[1]
            && other.min[1] <= self.max[1]
    }

    /// Whether `other` lies wholly inside this rectangle.
    pub fn contains(&self, other: &Self) -> bool {
        self.min[0] <= other.min[0]
            && self.min[1] <= other.min[1]
            && other.max[0] <= self.max[0]
            && other.max[1] <= self.max[1]
    }

    /// Area, zero for empty rectangles.
    pub fn area(&self) -> f64 {
        let w = self.max[0] - self.min[0];
        let h = self.max[1] - self.min[1];
        if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
    }

    /// The overlap of two rectangles (possibly empty).
    pub fn intersection(&self, other: &Self) -> Self {
        Self {
            min: [self.min[0].max(other.min[0]), self.min[1].max(other.min[1])],
            max: [self.max[0].min(other.max[0]), self.max[1].min(other.max[1])],
        }
    }

    /// The same rectangle `dx` world widths east.
    pub fn shifted(&self, dx: f64) -> Self {
        Self {
            min: [self.min[0] + dx, self.min[1]],
            max: [self.max[0] + dx, self.max[1]],
        }
    }
}

/// A decoded mesh: vertices relative to `origin` (its bbox min) for f32 precision at any zoom.
#[derive(Debug, Clone)]
pub(crate) struct Mesh {
    pub bbox: MercRect,
    pub local: Vec<[f32; 2]>,
    pub indices: Vec<u32>,
}

/// A decoded line, vertices relative to its bbox min.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub kind: LineKind,
    pub bbox: MercRect,
    pub local: Vec<[f32; 2]>,
}

/// A decoded place.
#[derive(Debug, Clone)]
pub(crate) struct Place {
    pub name: String,
    /// `None` when the local name is the English one or unknown.
    pub local_name: Option<String>,
    /// ISO country code, kept for the app (e.g. to filter or tint by country).
    #[allow(dead_code)]
    pub country: String,
    pub population: u32,
    pub pos: [f64; 2],
    pub kind: PlaceKind,
    pub min_zoom: f64,
    pub priority: f32,
}

/// A decoded tile, ready to draw.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tile {
    pub land: Vec<Mesh>,
    pub lakes: Vec<Mesh>,
    pub lines: Vec<Line>,
    pub places: Vec<Place>,
}

/// A tile of one level of detail: `x`, `y` in that level's grid of `2^tile_zoom` squares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct TileId {
    pub lod: u8,
    pub x: u32,
    pub y: u32,
}

/// A level of detail, decoded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LodInfo {
    pub max_zoom: f64,
    pub tile_zoom: u8,
}

/// The decoded header: where each tile's bytes are. The bytes themselves are kept as they
/// are (borrowed from the binary for the embedded asset) until a tile is asked for.
#[derive(Debug, Clone)]
pub(crate) struct TileIndex {
    pub extent_lon_lat: [f64; 4],
    pub lods: Vec<LodInfo>,
    bytes: Cow<'static, [u8]>,
    tiles: HashMap<TileId, Range<usize>>,
}

impl TileIndex {
    /// Whether the tile exists (a tile with nothing in it is not stored).
    pub fn has(&self, id: TileId) -> bool {
        self.tiles.contains_key(&id)
    }

    /// Number of tiles stored.
    pub fn tile_count(&self) -> usize {
        self.tiles.len()
    }

    /// Every stored tile, in no particular order.
    pub fn ids(&self) -> impl Iterator<Item = TileId> + '_ {
        self.tiles.keys().copied()
    }

    /// Decode one tile; a tile not stored is empty.
    pub fn tile(&self, id: TileId) -> Result<Tile, BasemapError> {
        match self.tiles.get(&id) {
            Some(range) => decode_tile(self.bytes.get(range.clone()).unwrap_or_default()),
            None => Ok(Tile::default()),
        }
    }
}

/// Normalised Web Mercator of a lon/lat in degrees: x east, y south, both `0..1` in the world.
pub(crate) fn lon_lat_to_merc(lon: f64, lat: f64) -> [f64; 2] {
    let lat = lat.clamp(-85.051_128_78, 85.051_128_78);
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - lat.to_radians().tan().asinh() / std::f64::consts::PI) / 2.0;
    [x, y]
}

/// Inverse of [`lon_lat_to_merc`].
#[cfg(test)]
pub(crate) fn merc_to_lon_lat(x: f64, y: f64) -> [f64; 2] {
    let lon = x * 360.0 - 180.0;
    let lat = ((1.0 - 2.0 * y) * std::f64::consts::PI)
        .sinh()
        .atan()
        .to_degrees();
    [lon, lat]
}

/// Delta-encode absolute quantised pairs.
pub(crate) fn delta_encode(points: &[[i64; 2]]) -> Vec<i32> {
    let mut out = Vec::with_capacity(points.len() * 2);
    let mut prev = [0_i64; 2];
    for p in points {
        for axis in 0..2 {
            let delta = p[axis] - prev[axis];
            out.push(i32::try_from(delta).unwrap_or(0));
        }
        prev = *p;
    }
    out
}

fn invalid(what: &str) -> BasemapError {
    BasemapError::Invalid(what.to_owned())
}

/// Decode delta-encoded pairs into normalised coordinates, checking the range.
fn delta_decode(coords: &[i32]) -> Result<Vec<[f64; 2]>, BasemapError> {
    if !coords.len().is_multiple_of(2) {
        return Err(invalid("odd coordinate count"));
    }
    let max = QUANT_PER_WORLD as i64;
    let mut acc = [0_i64; 2];
    let mut out = Vec::with_capacity(coords.len() / 2);
    for pair in coords.chunks_exact(2) {
        for axis in 0..2 {
            acc[axis] += i64::from(pair[axis]);
            if !(0..=max).contains(&acc[axis]) {
                return Err(invalid("coordinate outside the world"));
            }
        }
        out.push([
            acc[0] as f64 / QUANT_PER_WORLD,
            acc[1] as f64 / QUANT_PER_WORLD,
        ]);
    }
    Ok(out)
}

fn bbox_of(points: &[[f64; 2]]) -> MercRect {
    let mut bbox = MercRect::EMPTY;
    for p in points {
        bbox.extend(p[0], p[1]);
    }
    bbox
}

fn to_local(points: &[[f64; 2]], bbox: &MercRect) -> Vec<[f32; 2]> {
    points
        .iter()
        .map(|p| [(p[0] - bbox.min[0]) as f32, (p[1] - bbox.min[1]) as f32])
        .collect()
}

fn decode_mesh(file: MeshFile) -> Result<Mesh, BasemapError> {
    let points = delta_decode(&file.coords)?;
    if points.len() < 3 || file.indices.len() < 3 || !file.indices.len().is_multiple_of(3) {
        return Err(invalid("mesh without triangles"));
    }
    if file.indices.iter().any(|&i| i as usize >= points.len()) {
        return Err(invalid("mesh index out of range"));
    }
    let bbox = bbox_of(&points);
    Ok(Mesh {
        local: to_local(&points, &bbox),
        bbox,
        indices: file.indices,
    })
}

fn decode_line(file: &LineFile) -> Result<Line, BasemapError> {
    let points = delta_decode(&file.coords)?;
    if points.len() < 2 {
        return Err(invalid("line with fewer than two points"));
    }
    let bbox = bbox_of(&points);
    Ok(Line {
        kind: file.kind,
        local: to_local(&points, &bbox),
        bbox,
    })
}

fn decode_place(place: PlaceFile) -> Result<Place, BasemapError> {
    let max = QUANT_PER_WORLD as u32;
    if place.x > max || place.y > max {
        return Err(invalid("place outside the world"));
    }
    if !place.min_zoom.is_finite() || !place.priority.is_finite() {
        return Err(invalid(
            "place with a zoom or priority that is not a number",
        ));
    }
    Ok(Place {
        pos: [
            f64::from(place.x) / QUANT_PER_WORLD,
            f64::from(place.y) / QUANT_PER_WORLD,
        ],
        local_name: Some(place.local_name).filter(|n| !n.is_empty() && *n != place.name),
        name: place.name,
        country: place.country,
        population: place.population,
        kind: place.kind,
        min_zoom: f64::from(place.min_zoom),
        priority: place.priority,
    })
}

/// Decode and validate one tile's postcard bytes.
pub(crate) fn decode_tile(bytes: &[u8]) -> Result<Tile, BasemapError> {
    let file: TileFile = postcard::from_bytes(bytes)?;
    Ok(Tile {
        land: file
            .land
            .into_iter()
            .map(decode_mesh)
            .collect::<Result<_, _>>()?,
        lakes: file
            .lakes
            .into_iter()
            .map(decode_mesh)
            .collect::<Result<_, _>>()?,
        lines: file
            .lines
            .iter()
            .map(decode_line)
            .collect::<Result<_, _>>()?,
        places: file
            .places
            .into_iter()
            .map(decode_place)
            .collect::<Result<_, _>>()?,
    })
}

/// Decode and validate the header; the tiles stay undecoded.
pub(crate) fn decode_index(bytes: Cow<'static, [u8]>) -> Result<TileIndex, BasemapError> {
    let (header, rest): (Header, &[u8]) = postcard::take_from_bytes(&bytes)?;
    if header.version != FORMAT_VERSION {
        return Err(BasemapError::Version {
            found: header.version,
            expected: FORMAT_VERSION,
        });
    }
    let [min_lon, min_lat, max_lon, max_lat] = header.extent_lon_lat;
    let extent_ok = header.extent_lon_lat.iter().all(|v| v.is_finite())
        && min_lon < max_lon
        && min_lat < max_lat
        && (-180.0..=180.0).contains(&min_lon)
        && (-180.0..=180.0).contains(&max_lon)
        && (-90.0..=90.0).contains(&min_lat)
        && (-90.0..=90.0).contains(&max_lat);
    if !extent_ok {
        return Err(invalid("bad extent"));
    }
    if header.lods.is_empty() {
        return Err(invalid("no levels of detail"));
    }
    let mut lods = Vec::with_capacity(header.lods.len());
    let mut prev_zoom = f64::NEG_INFINITY;
    for lod in &header.lods {
        let max_zoom = f64::from(lod.max_zoom);
        if max_zoom.is_nan() || max_zoom <= prev_zoom || lod.tile_zoom > 20 {
            return Err(invalid("levels of detail out of order"));
        }
        prev_zoom = max_zoom;
        lods.push(LodInfo {
            max_zoom,
            tile_zoom: lod.tile_zoom,
        });
    }
    let start = bytes.len() - rest.len();
    let mut offset = start;
    let mut tiles = HashMap::with_capacity(header.tiles.len());
    for entry in &header.tiles {
        let Some(lod) = lods.get(usize::from(entry.lod)) else {
            return Err(invalid("tile of a level of detail that does not exist"));
        };
        let side = 1_u32 << lod.tile_zoom;
        if entry.x >= side || entry.y >= side {
            return Err(invalid("tile outside its level's grid"));
        }
        let end = offset
            .checked_add(entry.len as usize)
            .filter(|&end| end <= bytes.len())
            .ok_or_else(|| invalid("tile bytes past the end of the file"))?;
        let id = TileId {
            lod: entry.lod,
            x: entry.x,
            y: entry.y,
        };
        if tiles.insert(id, offset..end).is_some() {
            return Err(invalid("the same tile twice"));
        }
        offset = end;
    }
    if offset != bytes.len() {
        return Err(invalid("bytes after the last tile"));
    }
    Ok(TileIndex {
        extent_lon_lat: header.extent_lon_lat,
        lods,
        bytes,
        tiles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_encoding_round_trips() {
        let points = [[10_i64, 20], [15, 5], [0, 16_777_216]];
        let decoded = delta_decode(&delta_encode(&points)).unwrap();
        for (p, d) in points.iter().zip(&decoded) {
            assert_eq!(p[0] as f64 / QUANT_PER_WORLD, d[0]);
            assert_eq!(p[1] as f64 / QUANT_PER_WORLD, d[1]);
        }
    }

    #[test]
    fn mercator_round_trips_and_matches_the_known_origin() {
        assert_eq!(lon_lat_to_merc(0.0, 0.0), [0.5, 0.5]);
        let [x, y] = lon_lat_to_merc(130.6, 42.4);
        let [lon, lat] = merc_to_lon_lat(x, y);
        assert!((lon - 130.6).abs() < 1e-9 && (lat - 42.4).abs() < 1e-9);
    }

    #[test]
    fn coordinates_outside_the_world_are_rejected() {
        assert!(delta_decode(&[-1, 0]).is_err());
        assert!(delta_decode(&[i32::MAX, 0, i32::MAX, 0]).is_err());
        assert!(delta_decode(&[1, 2, 3]).is_err());
    }
}
