//! Route math: measuring the story's legs (geodesic lengths) once, and what every frame
//! asks of it: the itinerary at a speed and the train's position at a moment.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use storyroute::route::{Itinerary, Route, TripOptions};
use storyroute::story::default_story;
use storyroute::units::{Speed, SpeedUnit};

fn bench_route(c: &mut Criterion) {
    let story = default_story().unwrap().story;
    c.bench_function("route_measure_legs", |b| {
        b.iter(|| Route::new(black_box(&story)));
    });
    let route = Route::new(&story);
    let options = TripOptions {
        speed: Speed::new(37.0, SpeedUnit::Mph).unwrap(),
        departure: story.meta.departure.as_ref().map(|d| d.time),
        detour: Some(0),
    };
    c.bench_function("itinerary_at_a_speed", |b| {
        b.iter(|| Itinerary::new(black_box(&story), black_box(&route), options.clone()));
    });
    let itinerary = Itinerary::new(&story, &route, options);
    let total_secs = itinerary.total_duration_secs;
    c.bench_function("position_along_the_route", |b| {
        let mut t = 0.0;
        b.iter(|| {
            t = (t + 977.0) % total_secs;
            itinerary.position_at(&route, &story, black_box(t))
        });
    });
    c.bench_function("load_the_bundled_story", |b| b.iter(default_story));
}

criterion_group!(benches, bench_route);
criterion_main!(benches);
