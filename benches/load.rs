//! Loading big stories: a generated story of 10,000 stops on one line (built here, in Rust)
//! parsed and checked, its route measured, its itinerary worked out, and a whole session
//! made of it, as the app does when it opens a file. Each should grow linearly with the
//! number of places (BENCHMARKS.md, "Big stories: loading").

// A benchmark that cannot set up should stop loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/big_story.rs"]
mod big_story;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use storyroute::model::Session;
use storyroute::route::{Itinerary, Route, TripOptions};
use storyroute::story::parse_story;

const PLACES: usize = 10_000;

fn bench_load(c: &mut Criterion) {
    let text = big_story::big_story_text(PLACES);
    let mut group = c.benchmark_group("load_10k");
    group.sample_size(20);
    group.bench_function("parse_and_check", |b| {
        b.iter(|| parse_story(black_box(text.as_bytes()), "big.geojson").unwrap());
    });
    let loaded = parse_story(text.as_bytes(), "big.geojson").unwrap();
    let story = &loaded.story;
    group.bench_function("route_new", |b| b.iter(|| Route::new(black_box(story))));
    let route = Route::new(story);
    let options = TripOptions {
        speed: story.meta.default_speed.speed,
        departure: story.meta.departure.as_ref().map(|d| d.time),
        detour: None,
    };
    group.bench_function("itinerary_new", |b| {
        b.iter(|| Itinerary::new(black_box(story), black_box(&route), options.clone()));
    });
    group.bench_function("session_new", |b| {
        b.iter_batched(
            || loaded.clone(),
            |loaded| Session::new(loaded, None, false, true),
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

criterion_group!(benches, bench_load);
criterion_main!(benches);
