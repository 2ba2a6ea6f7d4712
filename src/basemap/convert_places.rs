//! The places labelled on the basemap, as the converter reads them: GeoNames cities (English
//! name, population), raised and given local names from Natural Earth's populated places
//! (joined on the GeoNames id), the small towns of North-East Asia, and country names at
//! Natural Earth's label points.
//!
//! Invariants: a GeoNames id is kept once (the first file read wins); every place has a
//! finite `min_zoom` and `priority`; the local name is empty when unknown or the same as the
//! English one.

use std::collections::{HashMap, HashSet};

use geojson::{Feature, FeatureCollection};

use super::asset::{PlaceFile, PlaceKind};
use super::convert_source::{prop_f64, prop_str, quantise};

/// What Natural Earth's populated places add to a GeoNames city.
#[derive(Debug, Clone, Default)]
pub(crate) struct NeExtra {
    scalerank: Option<f64>,
    /// Natural Earth's name in a few languages: `name_ru`, `name_zh`, …
    names: HashMap<String, String>,
}

/// Natural Earth places by GeoNames id.
pub(crate) fn ne_extras(fc: &FeatureCollection) -> HashMap<i64, NeExtra> {
    let mut out = HashMap::new();
    for f in &fc.features {
        let Some(id) = prop_f64(f, "geonameid") else {
            continue;
        };
        let names = [
            "name_ru", "name_zh", "name_de", "name_fr", "name_es", "name_pt",
        ]
        .iter()
        .filter_map(|k| Some(((*k).to_owned(), prop_str(f, k)?)))
        .collect();
        out.entry(id as i64).or_insert(NeExtra {
            scalerank: prop_f64(f, "scalerank"),
            names,
        });
    }
    out
}

/// The Natural Earth name field for a country's language, where it has one.
fn ne_language(country: &str) -> Option<&'static str> {
    Some(match country {
        "RU" | "BY" | "UA" | "KZ" | "KG" | "BG" | "RS" | "MK" | "MN" | "TJ" => "name_ru",
        "CN" | "TW" | "HK" | "MO" => "name_zh",
        "DE" | "AT" | "LI" => "name_de",
        "FR" | "MC" | "LU" => "name_fr",
        "ES" | "MX" | "AR" | "CO" | "PE" | "VE" | "CL" | "EC" | "GT" | "CU" | "BO" | "DO"
        | "HN" | "PY" | "SV" | "NI" | "CR" | "PA" | "UY" => "name_es",
        "PT" | "BR" | "AO" | "MZ" => "name_pt",
        _ => return None,
    })
}

/// Whether a name is written in the country's own script, for countries that have one.
fn in_local_script(country: &str, name: &str) -> Option<bool> {
    let any = |range: &[std::ops::RangeInclusive<char>]| {
        name.chars().any(|c| range.iter().any(|r| r.contains(&c)))
    };
    Some(match country {
        "RU" | "BY" | "UA" | "KZ" | "KG" | "BG" | "RS" | "MK" | "MN" | "TJ" => {
            any(&['\u{400}'..='\u{4ff}'])
        }
        "CN" | "TW" | "HK" | "MO" => any(&['\u{4e00}'..='\u{9fff}']),
        "JP" => any(&['\u{3040}'..='\u{30ff}', '\u{4e00}'..='\u{9fff}']),
        "KR" | "KP" => any(&['\u{ac00}'..='\u{d7af}']),
        "GR" | "CY" => any(&['\u{370}'..='\u{3ff}']),
        "IL" => any(&['\u{590}'..='\u{5ff}']),
        "TH" => any(&['\u{e00}'..='\u{e7f}']),
        "GE" => any(&['\u{10a0}'..='\u{10ff}']),
        "AM" => any(&['\u{530}'..='\u{58f}']),
        "SA" | "EG" | "IQ" | "SY" | "JO" | "LB" | "AE" | "QA" | "KW" | "OM" | "YE" | "LY"
        | "TN" | "DZ" | "MA" | "SD" | "IR" | "AF" | "PK" | "BH" => any(&['\u{600}'..='\u{6ff}']),
        _ => return None,
    })
}

/// The local name of a GeoNames city: Natural Earth's name in the country's language, else
/// the first alternate name in the country's script, else none.
fn local_name(f: &Feature, country: &str, extra: Option<&NeExtra>) -> String {
    if let Some(field) = ne_language(country)
        && let Some(name) = extra.and_then(|e| e.names.get(field))
    {
        return name.clone();
    }
    let alternates = f
        .properties
        .as_ref()
        .and_then(|p| p.get("alternatenames"))
        .and_then(|v| v.as_array());
    alternates
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
        .find(|name| in_local_script(country, name) == Some(true))
        .unwrap_or_default()
        .to_owned()
}

/// The zoom from which a city is labelled, from its population and Natural Earth's
/// scalerank (0 = most important).
fn city_min_zoom(population: u32, scalerank: Option<f64>) -> f32 {
    let by_population = match population {
        1_000_000.. => 0.0,
        300_000.. => 5.5,
        100_000.. => 6.5,
        40_000.. => 7.5,
        _ => 8.5,
    };
    let by_rank = match scalerank {
        Some(r) if r <= 2.0 => 0.0,
        Some(r) if r <= 4.0 => 4.0,
        Some(r) if r <= 6.0 => 5.5,
        _ => f32::INFINITY,
    };
    f32::min(by_population, by_rank)
}

/// Population, doubled for every two steps of scalerank above 10.
fn city_priority(population: u32, scalerank: Option<f64>) -> f32 {
    let rank = scalerank.unwrap_or(10.0).clamp(0.0, 10.0);
    (f64::from(population) * ((10.0 - rank) / 2.0).exp2()) as f32
}

/// Read GeoNames cities or towns from `fc`, skipping ids already in `seen`.
pub(crate) fn read_cities(
    fc: &FeatureCollection,
    kind: PlaceKind,
    extras: &HashMap<i64, NeExtra>,
    seen: &mut HashSet<i64>,
    out: &mut Vec<PlaceFile>,
) {
    for f in &fc.features {
        let point = f
            .geometry
            .as_ref()
            .and_then(|g| geo::Geometry::<f64>::try_from(g).ok());
        let Some(geo::Geometry::Point(p)) = point else {
            continue;
        };
        let (lon, lat) = (p.x(), p.y());
        let id = prop_f64(f, "geonameid").map(|id| id as i64);
        if let Some(id) = id
            && !seen.insert(id)
        {
            continue;
        }
        let Some(name) = prop_str(f, "name") else {
            continue;
        };
        let extra = id.and_then(|id| extras.get(&id));
        let scalerank = extra.and_then(|e| e.scalerank);
        let country = prop_str(f, "country").unwrap_or_default();
        let population = prop_f64(f, "population")
            .unwrap_or(0.0)
            .clamp(0.0, f64::from(u32::MAX)) as u32;
        let q = quantise(lon, lat);
        let (min_zoom, priority) = match kind {
            PlaceKind::Town => (9.0, population as f32),
            _ => (
                city_min_zoom(population, scalerank),
                city_priority(population, scalerank),
            ),
        };
        out.push(PlaceFile {
            local_name: local_name(f, &country, extra),
            name,
            country,
            population,
            x: q.x as u32,
            y: q.y as u32,
            kind,
            min_zoom,
            priority,
        });
    }
}

/// Country names at Natural Earth's label points, labelled from `min_label` − 1.
pub(crate) fn read_countries(fc: &FeatureCollection, out: &mut Vec<PlaceFile>) {
    for f in &fc.features {
        let (Some(name), Some(lon), Some(lat)) = (
            prop_str(f, "name"),
            prop_f64(f, "label_x"),
            prop_f64(f, "label_y"),
        ) else {
            continue;
        };
        let country = prop_str(f, "iso_a2").unwrap_or_default();
        let local_field = match country.as_str() {
            "RU" => Some("name_ru"),
            "CN" | "TW" => Some("name_zh"),
            "JP" => Some("name_ja"),
            "KR" | "KP" => Some("name_ko"),
            _ => None,
        };
        let min_label = prop_f64(f, "min_label").unwrap_or(6.0);
        let q = quantise(lon, lat);
        out.push(PlaceFile {
            local_name: local_field.and_then(|k| prop_str(f, k)).unwrap_or_default(),
            name,
            country,
            population: 0,
            x: q.x as u32,
            y: q.y as u32,
            kind: PlaceKind::Country,
            min_zoom: (min_label - 1.0).max(0.0) as f32,
            // Before every city: the bigger the country (the lower min_label), the earlier.
            priority: (1.0e10 * (12.0 - min_label.clamp(0.0, 11.0))) as f32,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capital_of_scalerank_zero_is_labelled_at_every_zoom() {
        assert_eq!(city_min_zoom(200_000, Some(0.0)), 0.0);
        assert_eq!(city_min_zoom(200_000, None), 6.5);
        assert_eq!(city_min_zoom(20_000, Some(9.0)), 8.5);
    }

    #[test]
    fn scalerank_raises_a_city_above_a_bigger_one() {
        // 500,000 people at scalerank 2: 500,000 × 2^4 = 8,000,000 > 5,000,000 unranked.
        assert_eq!(city_priority(500_000, Some(2.0)), 8_000_000.0);
        assert_eq!(city_priority(5_000_000, None), 5_000_000.0);
    }

    #[test]
    fn the_local_script_is_recognised() {
        assert_eq!(in_local_script("RU", "Москва"), Some(true));
        assert_eq!(in_local_script("RU", "Moskva"), Some(false));
        assert_eq!(in_local_script("JP", "東京"), Some(true));
        assert_eq!(in_local_script("KP", "평양"), Some(true));
        assert_eq!(in_local_script("GB", "London"), None);
    }
}
