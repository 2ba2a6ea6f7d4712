//! GPX, KML and KMZ in; GeoJSON, GPX, KML, KMZ, CSV and JSON out; atomic saving; and
//! `storyroute convert`. Expected values come from the fixture files themselves, read by eye
//! and with Python's `xml.etree` (see tests/data/formats/README.md), or from the `gpx` crate
//! reading a file we wrote (a reader that is not ours).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use storyroute::formats::{
    ExportFormat, FileFormat, ItineraryInputs, export, open_story_bytes, open_story_file,
};
use storyroute::route::{Itinerary, Route, TripOptions};
use storyroute::story::{
    DEFAULT_STORY_JSON, LoadError, Loaded, LonLat, Role, SaveError, Story, StoryKind,
    default_story, save_story_file,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/formats")
        .join(name)
}

fn open(name: &str) -> Loaded {
    open_story_file(&fixture(name)).unwrap_or_else(|error| panic!("{error}"))
}

fn refusal(name: &str) -> String {
    open_story_file(&fixture(name))
        .map(|_| ())
        .expect_err("the file should be refused")
        .to_string()
}

fn names(story: &Story) -> Vec<&str> {
    story
        .places
        .iter()
        .map(|place| place.name.as_str())
        .collect()
}

/// The route's drawn line, legs joined.
fn route_line(story: &Story) -> Vec<LonLat> {
    let mut line: Vec<LonLat> = Vec::new();
    for leg in &story.legs {
        for &point in &leg.geometry {
            if line.last() != Some(&point) {
                line.push(point);
            }
        }
    }
    line
}

fn assert_near(a: LonLat, b: LonLat, what: &str) {
    assert!(
        (a.lon - b.lon).abs() < 1e-6 && (a.lat - b.lat).abs() < 1e-6,
        "{what}: {a:?} vs {b:?}"
    );
}

fn lon_lat(lon: f64, lat: f64) -> LonLat {
    LonLat { lon, lat }
}

// GPX in.

#[test]
fn a_gpx_1_0_file_opens_with_its_waypoints_as_places_their_notes_and_reported_times() {
    let loaded = open("hand-gpx10.gpx");
    let story = &loaded.story;
    assert_eq!(story.kind, StoryKind::Gpx);
    assert_eq!(names(story), ["Vladivostok", "Ussuriysk"]);
    let vladivostok = &story.places[0];
    assert_near(
        vladivostok.position,
        lon_lat(131.8735, 43.1056),
        "Vladivostok",
    );
    assert_eq!(
        vladivostok.note.as_deref(),
        Some("Where the train was expected.")
    );
    let arrival = vladivostok.reported_arrival.as_ref().expect("a time");
    assert_eq!(arrival.time.to_rfc3339(), "2023-09-12T06:15:00+00:00");
    assert_eq!(arrival.source, "hand-gpx10.gpx");
    assert_eq!(
        vladivostok.coordinate_source.as_deref(),
        Some("hand-gpx10.gpx")
    );
    assert_eq!(vladivostok.role, Role::Origin);
    assert_eq!(story.places[1].role, Role::Destination);
    // The track runs between them: one leg along its three points.
    assert_eq!(story.legs.len(), 1);
    assert_eq!(story.legs[0].geometry.len(), 3);
    assert_near(
        story.legs[0].geometry[1],
        lon_lat(131.9, 43.4),
        "the middle point",
    );
}

#[test]
fn a_track_of_two_segments_is_one_route_joined_in_order_whose_ends_are_the_places() {
    // caltopo-export.gpx: "Day 01" and "Day 02", three points each.
    let story = open("gpx-crate-caltopo-export.gpx").story;
    assert_eq!(names(&story), ["Start", "End"]);
    let line = route_line(&story);
    assert_eq!(line.len(), 6);
    assert_near(
        line[0],
        lon_lat(-118.171_006_171_032_79, 36.448_348_034_173_25),
        "first",
    );
    assert_near(
        line[5],
        lon_lat(-118.336_980_510_503_05, 36.496_734_833_344_82),
        "last",
    );
    assert_near(story.places[0].position, line[0], "the start");
    assert_near(story.places[1].position, line[5], "the end");
    assert_eq!(story.meta.title, "Day 01", "the first track's name");
}

#[test]
fn a_track_of_thousands_of_points_keeps_every_point() {
    // garmin_with_extensions.gpx: 35 + 3505 points; the second segment starts where the
    // first ends, so the joined line has 3539.
    let story = open("gpx-crate-garmin_with_extensions.gpx").story;
    let line = route_line(&story);
    assert_eq!(line.len(), 3539);
    assert_near(
        line[0],
        lon_lat(10.975_689_562_0, 47.484_481_427_8),
        "first",
    );
    assert_near(
        line[3538],
        lon_lat(10.975_883_016_4, 47.484_545_549_4),
        "last",
    );
}

#[test]
fn waypoints_on_a_track_are_its_places_with_their_descriptions() {
    let story = open("gpx-crate-mousehole_to_paul.gpx").story;
    assert_eq!(names(&story), ["N Cliff", "The Church Of Paul"]);
    assert_near(
        story.places[0].position,
        lon_lat(-5.539_066, 50.083_495_6),
        "N Cliff",
    );
    assert_near(
        story.places[1].position,
        lon_lat(-5.546_070_6, 50.089_627_9),
        "Paul",
    );
    assert_eq!(
        story.places[1].note.as_deref(),
        Some("The Church Of Paul, Mousehole Ln, Penzance TR19 6TY, United Kingdom")
    );
    assert_eq!(story.legs.len(), 1);
    assert!(story.legs[0].geometry.len() > 100, "drawn along the track");
}

// KML in.

#[test]
fn nested_folders_are_walked_and_point_placemarks_become_places_in_file_order() {
    // Google's KML samples: folders three deep, four Point placemarks.
    let story = open("kml-crate-sample.kml").story;
    assert_eq!(story.kind, StoryKind::Kml);
    assert_eq!(story.meta.title, "KML Samples");
    assert_eq!(
        names(&story),
        [
            "Simple placemark",
            "Floating placemark",
            "Extruded placemark",
            "Roll over this icon"
        ]
    );
    assert_near(
        story.places[0].position,
        lon_lat(-122.082_203_542_568_3, 37.422_289_901_402_51),
        "Simple placemark",
    );
    assert_eq!(story.areas.len(), 9, "its nine polygons");
}

#[test]
fn extended_data_multi_geometry_and_a_gx_track_are_read() {
    let story = open("hand-folders-extended-track.kml").story;
    assert_eq!(story.meta.title, "Hand-made KML");
    assert_eq!(
        names(&story),
        ["Khasan", "Two points and a line", "Ussuriysk"]
    );
    let khasan = &story.places[0];
    assert_near(khasan.position, lon_lat(130.6436, 42.4306), "Khasan");
    assert_eq!(khasan.note.as_deref(), Some("Border station & bridge"));
    assert_eq!(
        khasan
            .reported_arrival
            .as_ref()
            .map(|time| time.time.to_rfc3339()),
        Some("2023-09-12T05:00:00+10:00".to_owned())
    );
    assert_eq!(
        khasan.extra.get("platform").and_then(|v| v.as_str()),
        Some("2")
    );
    assert_eq!(
        khasan.extra.get("operator").and_then(|v| v.as_str()),
        Some("RZD")
    );
    // The LineString then the gx:Track, joined: 130.6436,42.4306 → 130.9,42.6 → 131,42.8 →
    // 131.5,43.2.
    let line = route_line(&story);
    let expected = [
        lon_lat(130.6436, 42.4306),
        lon_lat(130.9, 42.6),
        lon_lat(131.0, 42.8),
        lon_lat(131.5, 43.2),
    ];
    for point in expected {
        assert!(
            line.iter().any(|drawn| (drawn.lon - point.lon).abs() < 1e-9
                && (drawn.lat - point.lat).abs() < 1e-9),
            "{point:?} is drawn: {line:?}"
        );
    }
}

#[test]
fn a_kml_of_multi_geometry_polygons_opens_as_areas() {
    // countries.kml: 180 placemarks, 292 polygons, most in MultiGeometry.
    let story = open("kml-crate-countries.kml").story;
    assert!(story.places.is_empty());
    assert_eq!(story.areas.len(), 292);
    assert_eq!(story.areas[0].name.as_deref(), Some("Afghanistan"));
}

// Bad files.

#[test]
fn bad_files_are_refused_with_a_reason_naming_the_element_or_line() {
    let cases: [(&str, &[&str]); 9] = [
        ("bad-not-xml.gpx", &["bad-not-xml.gpx", "GPX"]),
        (
            "bad-after-the-root.kml",
            &["line 8", "<Placemark>", "after the end of the <kml>"],
        ),
        ("bad-truncated.gpx", &["bad-truncated.gpx", "GPX"]),
        ("bad-truncated.kml", &["cut short", "line 9", "<name>"]),
        (
            "bad-coordinates.kml",
            &["line 6", "east,north", "<coordinates>"],
        ),
        (
            "bad-wrong-root.kml",
            &["root element is <html>", "not <kml>"],
        ),
        ("no-kml.kmz", &["no .kml file", "readme.txt"]),
        ("bomb.kmz", &["doc.kml", "more than 64 MiB"]),
        ("kml-crate-polygon.kmz", &["root element is <Polygon>"]),
    ];
    for (name, words) in cases {
        let text = refusal(name);
        for word in words {
            assert!(text.contains(word), "{name}: {word:?} missing from: {text}");
        }
    }
}

#[test]
fn the_format_is_told_by_the_bytes_before_the_extension() {
    let head = br#"<?xml version="1.0"?><gpx version="1.1">"#;
    assert_eq!(
        FileFormat::detect(Path::new("x.kml"), head),
        FileFormat::Gpx
    );
    assert_eq!(
        FileFormat::detect(Path::new("x.gpx"), b"  {\"type\":"),
        FileFormat::GeoJson
    );
    assert_eq!(
        FileFormat::detect(Path::new("x.dat"), b"PK\x03\x04rest"),
        FileFormat::Kmz
    );
    assert_eq!(FileFormat::detect(Path::new("x.KML"), b""), FileFormat::Kml);
}

// Round trips.

fn itinerary_inputs_for<'a>(
    story: &Story,
    route: &'a Route,
    itinerary: &'a Itinerary,
) -> ItineraryInputs<'a> {
    ItineraryInputs {
        route,
        itinerary,
        unit: story.meta.default_speed.unit,
        departure_assumed: false,
    }
}

/// Write `story` as `format` into `dir` and open it again.
fn through(story: &Story, format: ExportFormat, dir: &Path) -> Loaded {
    let route = Route::new(story);
    let itinerary = Itinerary::new(
        story,
        &route,
        TripOptions {
            speed: story.meta.default_speed.speed,
            departure: None,
            detour: None,
        },
    );
    let path = dir.join(format!("story.{}", format.extension()));
    export(
        story,
        &itinerary_inputs_for(story, &route, &itinerary),
        format,
        &path,
    )
    .unwrap();
    open_story_file(&path).unwrap_or_else(|error| panic!("{error}"))
}

fn assert_same_places_and_route(original: &Story, again: &Story) {
    assert_eq!(names(again), names(original));
    for (a, b) in original.places.iter().zip(&again.places) {
        assert_near(a.position, b.position, &a.name);
        assert_eq!(a.role, b.role, "{}", a.name);
    }
    let (line, line_again) = (route_line(original), route_line(again));
    assert_eq!(line.len(), line_again.len());
    for (a, b) in line.iter().zip(&line_again) {
        assert_near(*a, *b, "a route point");
    }
    assert_eq!(again.legs.len(), original.legs.len());
}

#[test]
fn the_bundled_story_survives_gpx_and_kml_and_kmz() {
    let story = default_story().unwrap().story;
    let dir = tempfile::tempdir().unwrap();
    for format in [ExportFormat::Gpx, ExportFormat::Kml, ExportFormat::Kmz] {
        let again = through(&story, format, dir.path()).story;
        assert_same_places_and_route(&story, &again);
    }
}

#[test]
fn gpx_to_story_to_gpx_keeps_waypoints_and_track_points() {
    for name in [
        "gpx-crate-mousehole_to_paul.gpx",
        "gpx-crate-garmin_with_extensions.gpx",
    ] {
        let original = gpx::read(std::fs::File::open(fixture(name)).unwrap()).unwrap();
        let story = open(name).story;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("again.gpx");
        let route = Route::new(&story);
        let itinerary = Itinerary::new(
            &story,
            &route,
            TripOptions {
                speed: story.meta.default_speed.speed,
                departure: None,
                detour: None,
            },
        );
        export(
            &story,
            &itinerary_inputs_for(&story, &route, &itinerary),
            ExportFormat::Gpx,
            &path,
        )
        .unwrap();
        let again = gpx::read(std::fs::File::open(&path).unwrap()).unwrap();
        let wanted: Vec<_> = original
            .waypoints
            .iter()
            .map(|w| (w.name.clone(), w.point()))
            .collect();
        let got: Vec<_> = again
            .waypoints
            .iter()
            .map(|w| (w.name.clone(), w.point()))
            .collect();
        if wanted.is_empty() {
            // A track alone opens as a route whose ends are the places; they are written.
            let ends: Vec<_> = got.iter().map(|(name, _)| name.as_deref()).collect();
            assert_eq!(ends, [Some("Start"), Some("End")], "{name}");
        } else {
            assert_eq!(got, wanted, "{name}: waypoints");
        }
        let points = |gpx: &gpx::Gpx| {
            let mut all: Vec<geo::Point> = Vec::new();
            for segment in gpx.tracks.iter().flat_map(|track| &track.segments) {
                for point in &segment.points {
                    if all.last() != Some(&point.point()) {
                        all.push(point.point());
                    }
                }
            }
            all
        };
        // Every track point comes back, in order. A leg runs from place to place, so where a
        // waypoint lies off the track's vertices its own position is where the track starts
        // or ends (mousehole_to_paul: both waypoints are a few metres off): those, and only
        // those, are added.
        let waypoints: Vec<geo::Point> = original
            .waypoints
            .iter()
            .map(gpx::Waypoint::point)
            .collect();
        let mut kept = points(&again);
        kept.retain(|point| !waypoints.contains(point) || points(&original).contains(point));
        assert_eq!(kept, points(&original), "{name}: track points");
        assert!(points(&again).len() <= points(&original).len() + waypoints.len());
    }
}

// Exports.

#[test]
fn a_csv_export_is_what_itinerary_prints() {
    let dir = tempfile::tempdir().unwrap();
    let story_path = dir.path().join("story.geojson");
    std::fs::write(&story_path, DEFAULT_STORY_JSON).unwrap();
    let csv_path = dir.path().join("itinerary.csv");
    let status = Command::new(env!("CARGO_BIN_EXE_storyroute"))
        .args(["convert"])
        .arg(&story_path)
        .arg(&csv_path)
        .status()
        .unwrap();
    assert!(status.success());
    let printed = Command::new(env!("CARGO_BIN_EXE_storyroute"))
        .args(["itinerary", "--format", "csv", "--story"])
        .arg(&story_path)
        .output()
        .unwrap();
    assert_eq!(std::fs::read(&csv_path).unwrap(), printed.stdout);
    let header = String::from_utf8(printed.stdout).unwrap();
    assert!(header.starts_with("from,to,"), "{header}");
}

#[test]
fn a_kml_export_styles_placemarks_by_role() {
    let story = default_story().unwrap().story;
    let dir = tempfile::tempdir().unwrap();
    through(&story, ExportFormat::Kml, dir.path());
    let text = std::fs::read_to_string(dir.path().join("story.kml")).unwrap();
    assert!(text.contains(r#"<Style id="origin">"#), "{text}");
    assert!(text.contains("<styleUrl>#destination</styleUrl>"));
    assert!(text.contains("<LineString>"));
}

// Atomic saving.

#[test]
fn saving_onto_a_folder_fails_naming_it_and_leaves_the_folder_as_it_was() {
    let story = default_story().unwrap().story;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    let error = save_story_file(&story, &folder).expect_err("a folder is not a file");
    assert!(matches!(error, SaveError::Io { .. }));
    let text = error.to_string();
    assert!(
        text.contains("a-folder") && text.contains("folder"),
        "{text}"
    );
    assert!(folder.is_dir());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing left behind"
    );
}

#[test]
fn saving_into_a_missing_folder_fails_saying_so() {
    let story = default_story().unwrap().story;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("story.geojson");
    let text = save_story_file(&story, &path).unwrap_err().to_string();
    assert!(
        text.contains("does not exist") && text.contains("missing"),
        "{text}"
    );
}

#[test]
fn a_failed_save_into_a_read_only_folder_leaves_the_old_file_untouched() {
    use std::os::unix::fs::PermissionsExt as _;
    let story = default_story().unwrap().story;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.geojson");
    std::fs::write(&path, "the old text").unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes anyway: then there is nothing to see here (the other tests still run).
    let probe = dir.path().join("probe");
    let is_root = std::fs::write(&probe, "x").is_ok();
    if !is_root {
        let error = save_story_file(&story, &path).expect_err("read-only");
        assert!(error.to_string().contains("story.geojson"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "the old text");
    }
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_save_over_a_file_replaces_it_whole_keeps_its_permissions_and_leaves_no_temporary_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let story = default_story().unwrap().story;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.geojson");
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    save_story_file(&story, &path).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    let again = open_story_file(&path).unwrap().story;
    assert_eq!(names(&again), names(&story));
}

// The command line.

#[test]
fn convert_writes_gpx_and_kml_as_a_story_that_validate_accepts() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["hand-gpx10.gpx", "hand-folders-extended-track.kml"] {
        let out = dir.path().join(format!("{name}.geojson"));
        let status = Command::new(env!("CARGO_BIN_EXE_storyroute"))
            .arg("convert")
            .arg(fixture(name))
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(
            status.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains("\"storyroute/1\""), "{text}");
        let validate = Command::new(env!("CARGO_BIN_EXE_storyroute"))
            .arg("validate")
            .arg(&out)
            .arg(fixture(name))
            .output()
            .unwrap();
        assert_eq!(
            validate.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&validate.stderr)
        );
    }
}

#[test]
fn convert_exits_2_on_an_unknown_extension_and_1_on_a_file_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let unknown = Command::new(env!("CARGO_BIN_EXE_storyroute"))
        .arg("convert")
        .arg(fixture("hand-gpx10.gpx"))
        .arg(dir.path().join("out.docx"))
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unknown extension"));
    let unreadable = Command::new(env!("CARGO_BIN_EXE_storyroute"))
        .arg("convert")
        .arg(fixture("bad-coordinates.kml"))
        .arg(dir.path().join("out.gpx"))
        .output()
        .unwrap();
    assert_eq!(unreadable.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unreadable.stderr).contains("east,north"));
    assert!(!dir.path().join("out.gpx").exists());
}

#[test]
fn itinerary_reads_a_kml_story() {
    let output = Command::new(env!("CARGO_BIN_EXE_storyroute"))
        .args(["itinerary", "--format", "csv", "--story"])
        .arg(fixture("hand-gpx10.gpx"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("Vladivostok,Ussuriysk"), "{text}");
}

// Any bytes.

fn refuses_cleanly(result: Result<Loaded, LoadError>) -> Result<(), TestCaseError> {
    if let Err(error) = result {
        prop_assert!(!error.problems.is_empty());
        prop_assert!(error.errors().all(|problem| !problem.message.is_empty()));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_bytes_are_opened_or_refused_with_a_reason(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        for format in [FileFormat::Gpx, FileFormat::Kml, FileFormat::Kmz] {
            refuses_cleanly(open_story_bytes(&bytes, "any", format))?;
        }
    }

    #[test]
    fn cut_or_mutated_gpx_and_kml_never_panic(cut in 0.0..1.0_f64, at in 0.0..1.0_f64, byte in any::<u8>()) {
        for (name, format) in [
            ("hand-gpx10.gpx", FileFormat::Gpx),
            ("hand-folders-extended-track.kml", FileFormat::Kml),
        ] {
            let mut bytes = std::fs::read(fixture(name)).unwrap();
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
            let (cut_at, change_at) = (
                (cut * bytes.len() as f64) as usize,
                (at * bytes.len() as f64) as usize,
            );
            if let Some(slot) = bytes.get_mut(change_at) {
                *slot = byte;
            }
            refuses_cleanly(open_story_bytes(&bytes, name, format))?;
            bytes.truncate(cut_at);
            refuses_cleanly(open_story_bytes(&bytes, name, format))?;
        }
    }
}

#[test]
fn a_third_party_gpx_1_0_file_with_every_field_opens() {
    // gpxpy's validation file (see tests/data/formats/README.md): two waypoints, two routes
    // and a track of one point; values read from the file by eye.
    let loaded = open("gpxpy-validation_gpx10.gpx");
    let story = &loaded.story;
    assert_eq!(story.kind, StoryKind::Gpx);
    // The two waypoints, then the track of one point, which is not a line but still says
    // where the track was: a place named after the track.
    assert_eq!(
        names(story),
        ["example name", "Place 2", "example name t"],
        "the unnamed waypoint is numbered"
    );
    assert_near(
        story.places[2].position,
        lon_lat(-20.2, 10.1),
        "the track's point",
    );
    assert_near(
        story.places[0].position,
        lon_lat(45.6, 12.3),
        "first waypoint",
    );
    assert_near(
        story.places[1].position,
        lon_lat(46.7, 13.4),
        "second waypoint",
    );
    assert_eq!(story.places[0].note.as_deref(), Some("example desc"));
    let arrival = story.places[0].reported_arrival.as_ref().expect("a time");
    assert_eq!(arrival.time.to_rfc3339(), "2013-01-02T02:03:00+00:00");
}

// Third-party KML: GDAL's autotest files (`gdal-*.kml`, see tests/data/formats/README.md).
// Expected values were read from the files by eye and with Python's `xml.etree`.

/// The text of the property `key` of the place at `index`.
fn property<'a>(story: &'a Story, index: usize, key: &str) -> Option<&'a str> {
    story.places[index]
        .extra
        .get(key)
        .and_then(serde_json::Value::as_str)
}

/// The story's places are `expected` (name, longitude, latitude), in this order.
fn assert_places(story: &Story, expected: &[(&str, f64, f64)]) {
    let wanted: Vec<&str> = expected.iter().map(|(name, _, _)| *name).collect();
    assert_eq!(names(story), wanted);
    for (place, &(name, lon, lat)) in story.places.iter().zip(expected) {
        assert_near(place.position, lon_lat(lon, lat), name);
    }
}

/// The story's route line is `expected` (longitude, latitude), point by point.
fn assert_line(story: &Story, expected: &[(f64, f64)]) {
    let line = route_line(story);
    assert_eq!(line.len(), expected.len(), "{line:?}");
    for (got, &(lon, lat)) in line.iter().zip(expected) {
        assert_near(*got, lon_lat(lon, lat), "a route point");
    }
}

#[test]
fn gdal_extended_data_values_are_kept_as_each_places_properties() {
    let story = open("gdal-extended_data_without_schema_data.kml").story;
    assert_eq!(story.kind, StoryKind::Kml);
    assert_eq!(story.meta.title, "layer_name");
    assert_places(&story, &[("feature1", 2.0, 48.0), ("feature2", 3.0, 49.0)]);
    assert_eq!(property(&story, 0, "field1"), Some("1_1"));
    assert_eq!(property(&story, 0, "field2"), Some("1_2"));
    assert_eq!(property(&story, 0, "field3"), None);
    assert_eq!(property(&story, 1, "field1"), Some("2_1"));
    assert_eq!(property(&story, 1, "field2"), None);
    assert_eq!(property(&story, 1, "field3"), Some("2_3"));
}

#[test]
fn gdal_schema_data_inside_a_folder_is_kept_and_the_unnamed_placemark_is_numbered() {
    // ID_simple_field.kml: Document > Folder > Placemark with SchemaData ID=32 at 2,49.
    let story = open("gdal-ID_simple_field.kml").story;
    assert_places(&story, &[("Place 1", 2.0, 49.0)]);
    assert_eq!(property(&story, 0, "ID"), Some("32"));
    assert!(story.legs.is_empty(), "one place: no route");
}

#[test]
fn gdal_placemarks_in_two_folders_of_the_same_name_are_two_places_in_file_order() {
    let story = open("gdal-duplicate_folder_name.kml").story;
    assert_eq!(story.meta.title, "doc");
    assert_places(
        &story,
        &[("placemark", 2.0, 49.0), ("placemark", 3.0, 50.0)],
    );
    assert_ne!(story.places[0].id, story.places[1].id);
    assert_eq!(story.legs.len(), 1);
}

#[test]
fn gdal_line_strings_in_the_root_and_in_a_subfolder_join_into_one_route_in_file_order() {
    // 2,49 3,50 (in the Document) then 3,50 4,51 (in SubFolder1); a line alone: its ends
    // are the places.
    let story = open("gdal-placemark_in_root_and_subfolder.kml").story;
    assert_eq!(story.meta.title, "TopLevel");
    assert_line(&story, &[(2.0, 49.0), (3.0, 50.0), (4.0, 51.0)]);
    assert_places(&story, &[("Start", 2.0, 49.0), ("End", 4.0, 51.0)]);
}

#[test]
fn gdal_gx_tracks_are_the_route_point_by_point() {
    // gx_track_without_when.kml: seven gx:coords, `lon lat alt`, in a Folder.
    let story = open("gdal-gx_track_without_when.kml").story;
    assert_line(
        &story,
        &[
            (-122.207_881, 37.371_915),
            (-122.205_712, 37.373_288),
            (-122.204_678, 37.373_939),
            (-122.203_572, 37.374_630),
            (-122.203_451, 37.374_706),
            (-122.203_329, 37.374_780),
            (-122.203_207, 37.374_857),
        ],
    );
    assert_places(
        &story,
        &[
            ("Start", -122.207_881, 37.371_915),
            ("End", -122.203_207, 37.374_857),
        ],
    );
    // gxtrack.kml: two `when`s and two gx:coords, `lon lat` without altitude.
    let story = open("gdal-gxtrack.kml").story;
    assert_eq!(story.meta.title, "layer");
    assert_line(&story, &[(2.0, 49.0), (3.0, 50.0)]);
}

#[test]
fn gdal_multi_geometries_written_as_gml_multi_elements_are_read() {
    // non_conformant_multi.kml: MultiPolygon, MultiLineString and MultiPoint, which KML does
    // not have (GML does) but writers produce.
    let story = open("gdal-non_conformant_multi.kml").story;
    assert_eq!(story.meta.title, "Test");
    assert_eq!(story.areas.len(), 1);
    let ring = &story.areas[0].polygons[0][0];
    assert_eq!(ring.len(), 5, "{ring:?}");
    assert_near(ring[2], lon_lat(1.0, 1.0), "the ring's third corner");
    assert_line(&story, &[(0.0, 0.0), (1.0, 1.0)]);
    assert!(
        story
            .places
            .iter()
            .any(|place| place.position == lon_lat(0.0, 0.0)),
        "the MultiPoint's point"
    );
}

#[test]
fn gdal_coordinates_separated_by_a_tab_and_a_kml_prefix_are_read() {
    // tab_separated_coord_triplet.kml: `1,2,3<TAB>4,5,6`.
    assert_line(
        &open("gdal-tab_separated_coord_triplet.kml").story,
        &[(1.0, 2.0), (4.0, 5.0)],
    );
    // placemark_with_kml_prefix.kml: every element written `kml:…`.
    let story = open("gdal-placemark_with_kml_prefix.kml").story;
    assert_places(&story, &[("Simple placemark", 2.0, 49.0)]);
}

#[test]
fn gdal_html_written_into_a_description_without_cdata_is_the_whole_note() {
    let story = open("gdal-placemark.kml").story;
    assert_places(&story, &[("Simple placemark", 2.0, 49.0)]);
    assert_eq!(
        story.places[0].note.as_deref(),
        Some("Some<br/>HTML<br/>content")
    );
    let story = open("gdal-description_with_xml.kml").story;
    assert_places(&story, &[("Simple placemark", 2.0, 49.0)]);
    assert_eq!(
        story.places[0].note.as_deref(),
        Some(r#"Description<br/><i attr="val">Interesting</i><br/>"#)
    );
}

#[test]
fn gdal_files_with_nothing_to_show_or_cut_short_are_refused_saying_why() {
    let cases: [(&str, &[&str]); 4] = [
        // An empty Folder and an empty Placemark.
        (
            "gdal-folder_with_subfolder_placemark.kml",
            &["nothing to show"],
        ),
        // Placemarks with ExtendedData and no geometry.
        ("gdal-several_schema_in_layer.kml", &["nothing to show"]),
        // A LineString whose <coordinates> hold only white space.
        (
            "gdal-kml_with_space_content_in_coordinates.kml",
            &["nothing to show"],
        ),
        // Google's KML samples cut inside <coordinates>; the file's last line is 34, so the
        // end is at line 35 (as Python's expat says too: "no element found: line 35").
        (
            "gdal-truncated.kml",
            &["cut short", "<coordinates>", "line 35"],
        ),
    ];
    for (name, words) in cases {
        let text = refusal(name);
        assert!(text.contains(name), "{name}: the file is named in: {text}");
        for word in words {
            assert!(text.contains(word), "{name}: {word:?} missing from: {text}");
        }
    }
}

#[test]
fn gdal_kml_to_story_to_kml_to_story_keeps_names_order_coordinates_and_the_route() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "gdal-extended_data_without_schema_data.kml",
        "gdal-duplicate_folder_name.kml",
        "gdal-placemark_in_root_and_subfolder.kml",
        "gdal-gx_track_without_when.kml",
        "gdal-placemark.kml",
        "kml-crate-sample.kml",
    ] {
        let story = open(name).story;
        let again = through(&story, ExportFormat::Kml, dir.path()).story;
        assert_same_places_and_route(&story, &again);
        for (a, b) in story.places.iter().zip(&again.places) {
            assert_eq!(a.note, b.note, "{name}: {}", a.name);
        }
    }
    // And against the files themselves, after the round trip.
    let again = |name: &str| through(&open(name).story, ExportFormat::Kml, dir.path()).story;
    assert_places(
        &again("gdal-extended_data_without_schema_data.kml"),
        &[("feature1", 2.0, 48.0), ("feature2", 3.0, 49.0)],
    );
    assert_line(
        &again("gdal-placemark_in_root_and_subfolder.kml"),
        &[(2.0, 49.0), (3.0, 50.0), (4.0, 51.0)],
    );
}

#[test]
fn gdal_files_cut_at_every_byte_are_refused_naming_a_line_or_open_and_never_panic() {
    for entry in std::fs::read_dir(fixture("")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let is_kml = path.extension().is_some_and(|extension| extension == "kml");
        if !(name.starts_with("gdal-") && is_kml) {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        // Where the root element's end tag begins: any cut before it leaves an element open.
        let root_end = bytes
            .windows(6)
            .rposition(|window| window == b"</kml>" || window == b"</kml:")
            .unwrap_or(bytes.len());
        for cut in 0..root_end {
            let text = match open_story_bytes(&bytes[..cut], &name, FileFormat::Kml) {
                Ok(_) => panic!("{name} cut at byte {cut} was opened"),
                Err(error) => error.to_string(),
            };
            assert!(
                text.contains("line ") || text.contains("no XML element"),
                "{name} cut at byte {cut}: {text}"
            );
        }
    }
}

#[test]
fn a_third_party_nested_multi_geometry_gives_its_points_as_places_and_its_lines_as_the_route() {
    // giscore's NestedMultiGeoms.kml: one placemark, a MultiGeometry of a Point (-71,42.07),
    // a LineString (-71,42.05 -71,42.07 -71.05,42.07) and a MultiGeometry of a Point
    // (-71.2,42.1) and a LineString (-71.1,42.1 -71.2,42.1 -71.2,42.0833).
    let story = open("giscore-NestedMultiGeoms.kml").story;
    assert_places(
        &story,
        &[
            ("multiPointLine", -71.0, 42.07),
            ("multiPointLine", -71.2, 42.1),
        ],
    );
    for place in &story.places {
        assert_eq!(
            place.note.as_deref(),
            Some("Nested MultiGeometry structure")
        );
    }
    // The two lines joined in file order, between the two places (each at a vertex of it):
    // from the second vertex of the first line to the second vertex of the second.
    assert_eq!(story.legs.len(), 1);
    assert_line(
        &story,
        &[
            (-71.0, 42.07),
            (-71.05, 42.07),
            (-71.1, 42.1),
            (-71.2, 42.1),
        ],
    );
    let again = through(
        &story,
        ExportFormat::Kml,
        tempfile::tempdir().unwrap().path(),
    )
    .story;
    assert_same_places_and_route(&story, &again);
}
