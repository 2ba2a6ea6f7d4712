//! The embedded gazetteer against published facts, and the decoder against bad bytes.

use super::*;

fn embedded() -> &'static Gazetteer {
    match gazetteer() {
        Ok(gazetteer) => gazetteer,
        Err(error) => panic!("the embedded gazetteer should decode: {error}"),
    }
}

fn first(name: &str) -> &'static Entry {
    let gazetteer = embedded();
    let ids = gazetteer.lookup(&name_key(name));
    match ids.first().and_then(|&id| gazetteer.entry(id)) {
        Some(entry) => entry,
        None => panic!("{name} is not in the gazetteer"),
    }
}

fn near(entry: &Entry, lat: f64, lon: f64) -> bool {
    let position = entry.position();
    (position.lat - lat).abs() < 0.1 && (position.lon - lon).abs() < 0.1
}

#[test]
fn capitals_are_where_atlases_put_them() {
    // Pyongyang 39.03° N 125.75° E, Vladivostok 43.12° N 131.89° E, Paris 48.86° N 2.35° E
    // (Wikipedia's infoboxes).
    assert!(near(first("Pyongyang"), 39.03, 125.75));
    assert!(near(first("Vladivostok"), 43.12, 131.89));
    assert!(near(first("Paris"), 48.86, 2.35));
}

#[test]
fn names_in_other_scripts_and_spellings_find_the_same_place() {
    let pyongyang = first("Pyongyang");
    assert_eq!(first("평양"), pyongyang);
    assert_eq!(first("Пхеньян"), pyongyang);
    assert_eq!(first("P'yŏngyang"), pyongyang);
    assert_eq!(first("VLADIVOSTOK"), first("Владивосток"));
}

#[test]
fn a_homonym_lists_every_place_of_the_name_biggest_first() {
    let gazetteer = embedded();
    let paris: Vec<&Entry> = gazetteer
        .lookup("paris")
        .iter()
        .filter_map(|&id| gazetteer.entry(id))
        .collect();
    assert_eq!(paris[0].country, "FR");
    // Paris, Texas has about 25,000 people: in GeoNames' 15,000 list.
    assert!(paris.iter().any(|entry| entry.country == "US"));
}

#[test]
fn the_stations_of_the_bundled_story_are_there_with_their_time_zones() {
    let gazetteer = embedded();
    let stations: Vec<&Entry> = gazetteer
        .lookup("khasan")
        .iter()
        .filter_map(|&id| gazetteer.entry(id))
        .filter(|entry| entry.kind == Kind::Station)
        .collect();
    let [khasan] = stations.as_slice() else {
        panic!("one Khasan station: {stations:?}");
    };
    assert!(near(khasan, 42.43, 130.65));
    assert_eq!(gazetteer.timezone_of(khasan), Some("Asia/Vladivostok"));
    let vostochny = first("Vostochny space centre");
    assert_eq!(vostochny.name, "Vostochny Cosmodrome");
    // Amur Oblast keeps Yakutsk time (UTC+9).
    assert_eq!(gazetteer.timezone_of(vostochny), Some("Asia/Yakutsk"));
    assert_eq!(first("Tumangang").country, "KP");
}

#[test]
fn countries_are_places_at_their_label_points() {
    let korea = first("North Korea");
    assert_eq!(korea.kind, Kind::Country);
    assert_eq!(korea.country, "KP");
    assert_eq!(first("Russia").country, "RU");
}

#[test]
fn towns_and_islands_of_the_far_east_are_there() {
    assert_eq!(first("Russky Island").country, "RU");
    assert_eq!(first("Wŏnsan").country, "KP");
}

#[test]
fn airport_codes_are_not_names() {
    // GeoNames lists "SHA" among Shanghai's alternate names.
    assert!(embedded().lookup("sha").iter().all(|&id| {
        embedded()
            .entry(id)
            .is_some_and(|entry| entry.name != "Shanghai")
    }));
}

#[test]
fn bad_bytes_are_an_error_not_a_panic() {
    assert!(matches!(
        Gazetteer::decode(&[0xff, 0xff, 0xff]),
        Err(GazetteerError::Decode(_))
    ));
    assert!(Gazetteer::decode(&[]).is_err());
    let truncated = &EMBEDDED[..EMBEDDED.len() / 2];
    assert!(Gazetteer::decode(truncated).is_err());
}

#[test]
fn another_version_is_refused_by_name() {
    let other = Gazetteer {
        version: FORMAT_VERSION + 1,
        ..Gazetteer::default()
    };
    let Ok(bytes) = other.encode() else {
        panic!("an empty gazetteer encodes");
    };
    assert_eq!(
        Gazetteer::decode(&bytes),
        Err(GazetteerError::Version {
            found: FORMAT_VERSION + 1
        })
    );
}

#[test]
fn a_posting_to_no_entry_is_refused() {
    let broken = Gazetteer {
        version: FORMAT_VERSION,
        keys: vec!["nowhere".to_owned()],
        postings: vec![vec![7]],
        ..Gazetteer::default()
    };
    let Ok(bytes) = broken.encode() else {
        panic!("it encodes");
    };
    assert!(matches!(
        Gazetteer::decode(&bytes),
        Err(GazetteerError::Inconsistent(_))
    ));
}

#[test]
fn a_coordinate_out_of_range_is_refused() {
    let broken = Gazetteer {
        version: FORMAT_VERSION,
        sources: vec!["test".to_owned()],
        entries: vec![Entry {
            name: "Nowhere".to_owned(),
            kind: Kind::City,
            country: String::new(),
            population: 0,
            lon: 200.0,
            lat: 0.0,
            timezone: None,
            source: 0,
            source_id: None,
        }],
        ..Gazetteer::default()
    };
    let Ok(bytes) = broken.encode() else {
        panic!("it encodes");
    };
    assert!(matches!(
        Gazetteer::decode(&bytes),
        Err(GazetteerError::Inconsistent(_))
    ));
}
