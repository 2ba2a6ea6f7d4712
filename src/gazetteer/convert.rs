//! Building the gazetteer from the shared GeoJSON sources (run by `src/bin/make_gazetteer.rs`,
//! never by the app). Reads GeoNames cities15000 with their alternate names and Natural Earth
//! populated places (`../shared/basemap-world/places.geojson`, `ne_places.geojson`), Natural
//! Earth countries (`countries.geojson`, at their label points), GeoNames towns of North Korea
//! and the Russian Far East (`../shared/basemap/towns500_kp_ru.geojson`), and the stations the
//! bundled story names that no list has (Khasan, Tumangang, the Vostochny Cosmodrome).
//!
//! Invariants of the output: a place that two sources share (same GeoNames id) is one entry
//! with the names of both; every kept name is folded with [`super::name_key`]; IATA-style
//! codes (all capitals, at most four ASCII letters, such as "SHA") are dropped, because in a
//! text they are acronyms far more often than places. The output is deterministic.

use super::{Entry, FORMAT_VERSION, Gazetteer, Kind, name_key};
use crate::geodesy::{LonLat, geodesic_distance};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

/// The bundled story's places taken as stations, with names a text may use for them.
const STORY_STATIONS: &[(&str, &[&str])] = &[
    ("khasan", &["Khasan", "Khasan station", "Хасан"]),
    ("tumangang", &["Tumangang", "Tumen River station", "두만강"]),
    (
        "vostochny",
        &[
            "Vostochny",
            "Vostochny Cosmodrome",
            "Vostochny space centre",
            "Vostochny space center",
            "Vostochny spaceport",
            "Восточный",
        ],
    ),
];

/// Names a place is known by that its source lacks: (name in the source, country, names).
/// Russkiy is the GeoNames town on Russky Island, which no list here has as an island; news
/// abbreviates two countries' names.
const EXTRA_NAMES: &[(&str, &str, &[&str])] = &[
    (
        "Russkiy",
        "RU",
        &[
            "Russky",
            "Russky Island",
            "Russkiy Island",
            "остров Русский",
        ],
    ),
    (
        "United States of America",
        "US",
        &["U.S.", "U.S.A.", "USA", "United States"],
    ),
    (
        "United Kingdom",
        "GB",
        &["U.K.", "UK", "Britain", "Great Britain"],
    ),
];

const GEONAMES: &str = "GeoNames cities15000 (geonames.org), CC BY 4.0";
const NATURAL_EARTH_PLACES: &str = "Natural Earth 10m populated places (public domain)";
const GEONAMES_TOWNS: &str =
    "GeoNames cities500, North Korea and the Russian Far East (geonames.org), CC BY 4.0";
const NATURAL_EARTH_COUNTRIES: &str =
    "Natural Earth 10m admin-0 countries, label point (public domain)";

/// The gazetteer and a summary of what went in.
pub struct Converted {
    /// The gazetteer, ready to encode.
    pub gazetteer: Gazetteer,
    /// Counts per source, for the converter to print.
    pub summary: String,
}

/// Entries being collected, with their raw names.
#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    names: Vec<Vec<String>>,
    timezones: Vec<String>,
    sources: Vec<String>,
    by_geonames_id: HashMap<u32, usize>,
}

impl Builder {
    fn intern(table: &mut Vec<String>, text: &str) -> Result<u16, String> {
        let index = match table.iter().position(|known| known == text) {
            Some(index) => index,
            None => {
                table.push(text.to_owned());
                table.len() - 1
            }
        };
        u16::try_from(index).map_err(|_| format!("more than {} distinct values", u16::MAX))
    }

    fn push(&mut self, entry: Entry, names: Vec<String>) -> usize {
        if let Some(id) = entry.source_id {
            self.by_geonames_id.insert(id, self.entries.len());
        }
        self.entries.push(entry);
        self.names.push(names);
        self.entries.len() - 1
    }

    /// The time zone of the nearest place with one in the same country: for sources that give
    /// none (towns, stations).
    fn nearest_timezone(&self, country: &str, position: LonLat) -> Option<u16> {
        self.entries
            .iter()
            .filter(|entry| entry.country == country && entry.timezone.is_some())
            .min_by(|a, b| {
                let to_a = geodesic_distance(a.position(), position).metres();
                let to_b = geodesic_distance(b.position(), position).metres();
                to_a.total_cmp(&to_b)
            })
            .and_then(|entry| entry.timezone)
    }
}

fn read_features(path: &Path) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut value: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    match value.get_mut("features").map(Value::take) {
        Some(Value::Array(features)) => Ok(features),
        _ => Err(format!("{}: not a FeatureCollection", path.display())),
    }
}

fn text<'a>(properties: &'a Value, key: &str) -> Option<&'a str> {
    properties
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

fn point(feature: &Value, index: usize, path: &Path) -> Result<(f32, f32), String> {
    let coordinates = feature
        .pointer("/geometry/coordinates")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{} feature {index}: no point coordinates", path.display()))?;
    lon_lat(coordinates.first(), coordinates.get(1), index, path)
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "degrees in f32 keep about 1 m, the precision of the sources"
)]
fn lon_lat(
    lon: Option<&Value>,
    lat: Option<&Value>,
    index: usize,
    path: &Path,
) -> Result<(f32, f32), String> {
    match (lon.and_then(Value::as_f64), lat.and_then(Value::as_f64)) {
        (Some(lon), Some(lat))
            if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) =>
        {
            Ok((lon as f32, lat as f32))
        }
        _ => Err(format!(
            "{} feature {index}: coordinates missing or out of range",
            path.display()
        )),
    }
}

fn number_u32(properties: &Value, key: &str) -> Option<u32> {
    properties
        .get(key)
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
}

/// An IATA-like code: "SHA", "BJS", "LED".
fn is_code(name: &str) -> bool {
    name.len() <= 4 && name.chars().all(|c| c.is_ascii_uppercase())
}

/// Build the gazetteer from `world` (`../shared/basemap-world`), `basemap`
/// (`../shared/basemap`) and the bundled story file.
pub fn convert(world: &Path, basemap: &Path, story: &Path) -> Result<Converted, String> {
    let mut builder = Builder::default();
    let mut summary = String::new();

    let path = world.join("places.geojson");
    let source = Builder::intern(&mut builder.sources, GEONAMES)?;
    let features = read_features(&path)?;
    for (index, feature) in features.iter().enumerate() {
        let properties = &feature["properties"];
        let Some(name) = text(properties, "name") else {
            return Err(format!("{} feature {index}: no name", path.display()));
        };
        let (lon, lat) = point(feature, index, &path)?;
        let timezone = match text(properties, "timezone") {
            Some(tz) => Some(Builder::intern(&mut builder.timezones, tz)?),
            None => None,
        };
        let mut names = vec![name.to_owned()];
        if let Some(Value::Array(alternates)) = properties.get("alternatenames") {
            names.extend(
                alternates
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|alt| !is_code(alt))
                    .map(str::to_owned),
            );
        }
        builder.push(
            Entry {
                name: name.to_owned(),
                kind: Kind::City,
                country: text(properties, "country").unwrap_or_default().to_owned(),
                population: number_u32(properties, "population").unwrap_or(0),
                lon,
                lat,
                timezone,
                source,
                source_id: number_u32(properties, "geonameid"),
            },
            names,
        );
    }
    let _ = writeln!(summary, "GeoNames cities15000: {} places", features.len());

    let path = world.join("ne_places.geojson");
    let source = Builder::intern(&mut builder.sources, NATURAL_EARTH_PLACES)?;
    let features = read_features(&path)?;
    let (mut merged, mut added) = (0, 0);
    for (index, feature) in features.iter().enumerate() {
        let properties = &feature["properties"];
        let names: Vec<String> = [
            "name",
            "nameascii",
            "name_en",
            "name_ru",
            "name_zh",
            "name_de",
            "name_fr",
            "name_es",
            "name_pt",
        ]
        .iter()
        .filter_map(|key| text(properties, key))
        .map(str::to_owned)
        .collect();
        let Some(name) = names.first().cloned() else {
            return Err(format!("{} feature {index}: no name", path.display()));
        };
        let geonames_id = number_u32(properties, "geonameid");
        if let Some(&known) = geonames_id.and_then(|id| builder.by_geonames_id.get(&id)) {
            builder.names[known].extend(names);
            merged += 1;
            continue;
        }
        let (lon, lat) = point(feature, index, &path)?;
        let timezone = match text(properties, "timezone") {
            Some(tz) => Some(Builder::intern(&mut builder.timezones, tz)?),
            None => None,
        };
        builder.push(
            Entry {
                name,
                kind: Kind::City,
                country: text(properties, "iso_a2").unwrap_or_default().to_owned(),
                population: number_u32(properties, "pop_max").unwrap_or(0),
                lon,
                lat,
                timezone,
                source,
                source_id: None,
            },
            names,
        );
        added += 1;
    }
    let _ = writeln!(
        summary,
        "Natural Earth populated places: {merged} merged into GeoNames places, {added} added"
    );

    let path = basemap.join("towns500_kp_ru.geojson");
    let source = Builder::intern(&mut builder.sources, GEONAMES_TOWNS)?;
    let features = read_features(&path)?;
    let mut added = 0;
    for (index, feature) in features.iter().enumerate() {
        let properties = &feature["properties"];
        let geonames_id = number_u32(properties, "geonameid");
        if geonames_id.is_some_and(|id| builder.by_geonames_id.contains_key(&id)) {
            continue;
        }
        let Some(name) = text(properties, "name") else {
            return Err(format!("{} feature {index}: no name", path.display()));
        };
        let (lon, lat) = point(feature, index, &path)?;
        let country = text(properties, "country").unwrap_or_default().to_owned();
        let timezone = builder.nearest_timezone(&country, LonLat::new(lon.into(), lat.into()));
        builder.push(
            Entry {
                name: name.to_owned(),
                kind: Kind::Town,
                country,
                population: number_u32(properties, "population").unwrap_or(0),
                lon,
                lat,
                timezone,
                source,
                source_id: geonames_id,
            },
            vec![name.to_owned()],
        );
        added += 1;
    }
    let _ = writeln!(summary, "GeoNames towns (KP, RU Far East): {added} added");

    let path = world.join("countries.geojson");
    let source = Builder::intern(&mut builder.sources, NATURAL_EARTH_COUNTRIES)?;
    let features = read_features(&path)?;
    for (index, feature) in features.iter().enumerate() {
        let properties = &feature["properties"];
        let names: Vec<String> = [
            "name",
            "name_long",
            "admin",
            "name_en",
            "name_ru",
            "name_zh",
            "name_ja",
            "name_ko",
        ]
        .iter()
        .filter_map(|key| text(properties, key))
        .map(str::to_owned)
        .collect();
        let Some(name) = names.first().cloned() else {
            return Err(format!("{} feature {index}: no name", path.display()));
        };
        let (lon, lat) = lon_lat(
            properties.get("label_x"),
            properties.get("label_y"),
            index,
            &path,
        )?;
        builder.push(
            Entry {
                name,
                kind: Kind::Country,
                country: text(properties, "iso_a2").unwrap_or_default().to_owned(),
                population: 0,
                lon,
                lat,
                timezone: None,
                source,
                source_id: None,
            },
            names,
        );
    }
    let _ = writeln!(summary, "Natural Earth countries: {}", features.len());

    let features = read_features(story)?;
    for (id, names) in STORY_STATIONS {
        let found = features.iter().enumerate().find(|(_, feature)| {
            feature.pointer("/properties/id").and_then(Value::as_str) == Some(*id)
        });
        let Some((index, feature)) = found else {
            return Err(format!("{}: no place with id {id}", story.display()));
        };
        let properties = &feature["properties"];
        let (lon, lat) = point(feature, index, story)?;
        let country = text(properties, "country").unwrap_or_default().to_owned();
        let label = format!(
            "the bundled story (assets/stories/kim-jong-un-2023.geojson): {}",
            text(properties, "coordinate_source").unwrap_or("no source given")
        );
        let source = Builder::intern(&mut builder.sources, &label)?;
        let timezone = builder.nearest_timezone(&country, LonLat::new(lon.into(), lat.into()));
        builder.push(
            Entry {
                name: text(properties, "name").unwrap_or(id).to_owned(),
                kind: Kind::Station,
                country,
                population: 0,
                lon,
                lat,
                timezone,
                source,
                source_id: None,
            },
            names.iter().map(|name| (*name).to_owned()).collect(),
        );
    }
    let _ = writeln!(
        summary,
        "stations from the bundled story: {}",
        STORY_STATIONS.len()
    );

    for (name, country, extra) in EXTRA_NAMES {
        let found = builder
            .entries
            .iter()
            .position(|entry| entry.name == *name && entry.country == *country);
        let Some(index) = found else {
            return Err(format!("no place {name} ({country}) to add names to"));
        };
        builder.names[index].extend(extra.iter().map(|name| (*name).to_owned()));
    }

    let gazetteer = index(builder);
    let _ = writeln!(
        summary,
        "{} entries, {} names, {} time zones",
        gazetteer.entries.len(),
        gazetteer.keys.len(),
        gazetteer.timezones.len()
    );
    Ok(Converted { gazetteer, summary })
}

/// Fold every name into its key and list the entries of each key, most populous first.
fn index(builder: Builder) -> Gazetteer {
    let entries = builder.entries;
    let mut postings: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    for (id, names) in (0_u32..).zip(&builder.names) {
        for name in names {
            let key = name_key(name);
            // One- and two-letter Latin keys of towns are words ("As", "Of"), not names;
            // "평양" (two syllables) is a name, and so is a country's "US".
            let is_country = usize::try_from(id)
                .ok()
                .and_then(|index| entries.get(index))
                .is_some_and(|e| e.kind == Kind::Country);
            if key.chars().count() >= 3 || (!key.is_ascii() && !key.is_empty()) || is_country {
                postings.entry(key).or_default().insert(id);
            }
        }
    }
    let max_key_words = postings
        .keys()
        .map(|key| key.split(' ').count())
        .max()
        .map_or(1, |n| u8::try_from(n).unwrap_or(u8::MAX));
    let (keys, postings) = postings
        .into_iter()
        .map(|(key, ids)| {
            let mut ids: Vec<u32> = ids.into_iter().collect();
            ids.sort_by_key(|&id| {
                let population = usize::try_from(id)
                    .ok()
                    .and_then(|index| entries.get(index))
                    .map_or(0, |entry| entry.population);
                (std::cmp::Reverse(population), id)
            });
            (key, ids)
        })
        .unzip();
    Gazetteer {
        version: FORMAT_VERSION,
        timezones: builder.timezones,
        sources: builder.sources,
        entries,
        keys,
        postings,
        max_key_words,
    }
}
