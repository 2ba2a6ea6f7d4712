//! Opening a GPX track of 100,000 points (generated here: a line of points 10 m apart with
//! times, as a tracker writes them) from disk, as the app and `convert` do: read, parsed by
//! the `gpx` crate, made a story and checked. Must be well under a second (BENCHMARKS.md,
//! "Files: opening GPX"); the same figure for the KML of that story, and for writing the GPX.

// A benchmark that cannot set up should stop loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::fmt::Write as _;
use std::hint::black_box;
use storyroute::formats::{ExportFormat, ItineraryInputs, export, open_story_file};
use storyroute::route::{Itinerary, Route, TripOptions};

const POINTS: usize = 100_000;

fn track_gpx(points: usize) -> String {
    let mut text = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"bench\" \
         xmlns=\"http://www.topografix.com/GPX/1/1\">\n<trk><name>Bench</name><trkseg>\n",
    );
    for index in 0..points {
        #[allow(clippy::cast_precision_loss)]
        let step = index as f64;
        let seconds = index % 60;
        let minutes = (index / 60) % 60;
        let hours = (index / 3600) % 24;
        writeln!(
            text,
            "<trkpt lat=\"{:.7}\" lon=\"{:.7}\"><ele>12.5</ele><time>2023-09-12T{hours:02}:{minutes:02}:{seconds:02}Z</time></trkpt>",
            43.0 + step * 0.000_09,
            131.0 + step * 0.000_01,
        )
        .unwrap();
    }
    text.push_str("</trkseg></trk>\n</gpx>\n");
    text
}

fn bench_formats(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let gpx_path = dir.path().join("track.gpx");
    std::fs::write(&gpx_path, track_gpx(POINTS)).unwrap();
    let story = open_story_file(&gpx_path).unwrap().story;
    assert_eq!(story.legs[0].geometry.len(), POINTS);
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
    let inputs = ItineraryInputs {
        route: &route,
        itinerary: &itinerary,
        unit: story.meta.default_speed.unit,
        departure_assumed: false,
    };
    let kml_path = dir.path().join("track.kml");
    export(&story, &inputs, ExportFormat::Kml, &kml_path).unwrap();

    let mut group = c.benchmark_group("formats_100k");
    group.sample_size(10);
    group.bench_function("open_gpx", |b| {
        b.iter(|| open_story_file(black_box(&gpx_path)).unwrap());
    });
    group.bench_function("open_kml", |b| {
        b.iter(|| open_story_file(black_box(&kml_path)).unwrap());
    });
    let out = dir.path().join("out.gpx");
    group.bench_function("export_gpx", |b| {
        b.iter(|| export(black_box(&story), &inputs, ExportFormat::Gpx, &out).unwrap());
    });
    group.finish();
}

criterion_group!(benches, bench_formats);
criterion_main!(benches);
