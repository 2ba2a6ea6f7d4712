//! The offline gazetteer: the world's populated places, countries and a few railway stations,
//! with their names in several scripts, looked up by folded name. Built by
//! `cargo run --release --bin make_gazetteer` (see [`convert`]) into `assets/gazetteer.bin`,
//! embedded in the binary and decoded once, on first use ([`gazetteer`]).
//!
//! Invariants of a decoded [`Gazetteer`]: every coordinate is finite and in range; every
//! time-zone and source index points into its table; the keys are sorted, unique and folded
//! with [`name_key`]; every posting names an entry. Bad bytes are an error, never a panic.
//! Nothing here knows egui.

pub mod convert;
mod name_key;

pub use name_key::{Word, fold_word, name_key, words};

use crate::geodesy::LonLat;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The format version written into the asset; a mismatch is an error.
pub const FORMAT_VERSION: u32 = 1;

/// The most bytes the asset may inflate to (it inflates to about 7 MB): a bound, so that bad
/// bytes cannot ask for all the memory.
const MAX_INFLATED: usize = 64 * 1024 * 1024;

/// The asset, embedded.
static EMBEDDED: &[u8] = include_bytes!("../../assets/gazetteer.bin");

/// What kind of place an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// A city or town of GeoNames' cities15000, or a Natural Earth populated place.
    City,
    /// A smaller town (GeoNames cities500 of North Korea and the Russian Far East).
    Town,
    /// A country (Natural Earth admin-0), at its label point.
    Country,
    /// A station, border post or site a journey story names, taken from the bundled story.
    Station,
}

/// One place of the gazetteer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The name shown (the source's own spelling, diacritics kept).
    pub name: String,
    /// What it is.
    pub kind: Kind,
    /// ISO 3166-1 alpha-2 code, or empty when the source gives none.
    pub country: String,
    /// People living there (0 for countries and stations: not known here).
    pub population: u32,
    /// Longitude, degrees east.
    pub lon: f32,
    /// Latitude, degrees north.
    pub lat: f32,
    /// Index of its IANA time zone in [`Gazetteer::timezones`] (none for countries).
    pub timezone: Option<u16>,
    /// Index of where it comes from in [`Gazetteer::sources`].
    pub source: u16,
    /// Its id in the source (the GeoNames id), when it has one.
    pub source_id: Option<u32>,
}

/// The whole gazetteer, as stored in the asset.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Gazetteer {
    /// [`FORMAT_VERSION`] of the writer.
    pub version: u32,
    /// IANA time-zone names, referred to by index.
    pub timezones: Vec<String>,
    /// Sources and their licences, referred to by index.
    pub sources: Vec<String>,
    /// The places.
    pub entries: Vec<Entry>,
    /// Every folded name, sorted and unique.
    pub keys: Vec<String>,
    /// For each key, the entries it names, most populous first.
    pub postings: Vec<Vec<u32>>,
    /// The most words any key has: the longest run of words worth looking up.
    pub max_key_words: u8,
}

/// Why the gazetteer could not be read.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum GazetteerError {
    /// Not postcard, or truncated.
    #[error("the gazetteer asset cannot be decoded: {0}")]
    Decode(String),
    /// Written by another version of the converter.
    #[error("the gazetteer asset has format version {found}, this build reads {FORMAT_VERSION}")]
    Version {
        /// The version found.
        found: u32,
    },
    /// Decoded, but breaks an invariant.
    #[error("the gazetteer asset is inconsistent: {0}")]
    Inconsistent(String),
}

/// The embedded gazetteer, decoded on first use and kept for the life of the process.
pub fn gazetteer() -> Result<&'static Gazetteer, &'static GazetteerError> {
    static DECODED: OnceLock<Result<Gazetteer, GazetteerError>> = OnceLock::new();
    DECODED.get_or_init(|| Gazetteer::decode(EMBEDDED)).as_ref()
}

impl Gazetteer {
    /// Read and check an asset: postcard, deflated.
    pub fn decode(bytes: &[u8]) -> Result<Self, GazetteerError> {
        let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(bytes, MAX_INFLATED)
            .map_err(|e| GazetteerError::Decode(format!("not deflate data: {e}")))?;
        let gazetteer: Self =
            postcard::from_bytes(&inflated).map_err(|e| GazetteerError::Decode(e.to_string()))?;
        gazetteer.check()?;
        Ok(gazetteer)
    }

    /// The asset's bytes: postcard, deflated (names compress to about a third).
    pub fn encode(&self) -> Result<Vec<u8>, GazetteerError> {
        let bytes = postcard::to_stdvec(self).map_err(|e| GazetteerError::Decode(e.to_string()))?;
        Ok(miniz_oxide::deflate::compress_to_vec(&bytes, 9))
    }

    fn check(&self) -> Result<(), GazetteerError> {
        let bad = |what: String| Err(GazetteerError::Inconsistent(what));
        if self.version != FORMAT_VERSION {
            return Err(GazetteerError::Version {
                found: self.version,
            });
        }
        for (index, entry) in self.entries.iter().enumerate() {
            let in_range = entry.lon.is_finite()
                && entry.lat.is_finite()
                && (-180.0..=180.0).contains(&entry.lon)
                && (-90.0..=90.0).contains(&entry.lat);
            if !in_range {
                return bad(format!(
                    "entry {index} ({}): coordinate out of range",
                    entry.name
                ));
            }
            if entry
                .timezone
                .is_some_and(|tz| usize::from(tz) >= self.timezones.len())
                || usize::from(entry.source) >= self.sources.len()
            {
                return bad(format!(
                    "entry {index} ({}): index out of its table",
                    entry.name
                ));
            }
        }
        if self.keys.len() != self.postings.len() {
            return bad("keys and postings differ in length".to_owned());
        }
        if self.keys.windows(2).any(|pair| pair[0] >= pair[1]) {
            return bad("keys are not sorted and unique".to_owned());
        }
        let count = self.entries.len();
        if self
            .postings
            .iter()
            .flatten()
            .any(|&id| !usize::try_from(id).is_ok_and(|id| id < count))
        {
            return bad("a posting names no entry".to_owned());
        }
        Ok(())
    }

    /// The entries whose names fold to `key` (see [`name_key`]), most populous first.
    pub fn lookup(&self, key: &str) -> &[u32] {
        match self.keys.binary_search_by(|probe| probe.as_str().cmp(key)) {
            Ok(index) => self.postings.get(index).map_or(&[], Vec::as_slice),
            Err(_) => &[],
        }
    }

    /// The entry with id `id` (an index from [`Gazetteer::lookup`]).
    pub fn entry(&self, id: u32) -> Option<&Entry> {
        self.entries.get(usize::try_from(id).ok()?)
    }

    /// The IANA time zone of an entry, if it has one.
    pub fn timezone_of(&self, entry: &Entry) -> Option<&str> {
        entry
            .timezone
            .and_then(|tz| self.timezones.get(usize::from(tz)))
            .map(String::as_str)
    }

    /// Where an entry comes from.
    pub fn source_of(&self, entry: &Entry) -> &str {
        self.sources
            .get(usize::from(entry.source))
            .map_or("unknown", String::as_str)
    }
}

impl Entry {
    /// Where it is.
    pub fn position(&self) -> LonLat {
        // Five decimals (about 1 m): what the f32 holds, without its binary tail.
        let round = |degrees: f32| (f64::from(degrees) * 1e5).round() / 1e5;
        LonLat::new(round(self.lon), round(self.lat))
    }
}

#[cfg(test)]
mod tests;
