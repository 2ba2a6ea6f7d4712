//! Finding places in an article: the bundled story's article (about 3 KB) and a 100 KB text
//! made of the three labelled articles of `tests/data/articles/` repeated; decoding the
//! embedded gazetteer (done once per process, on first use). Figures in BENCHMARKS.md,
//! "Drafting a story from an article".

// A benchmark that cannot set up should stop loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use storyroute::draft::{DraftOptions, find, to_story};
use storyroute::gazetteer::{Gazetteer, gazetteer};
use storyroute::story::default_story;

fn hundred_kb_text() -> String {
    let mut pieces = Vec::new();
    for name in [
        "us-navy-america-departs-peru-2014.txt",
        "wikinews-rail-border-ukraine-russia-2014.txt",
        "wikinews-train-wreck-southern-india-2005.txt",
    ] {
        pieces.push(std::fs::read_to_string(format!("tests/data/articles/{name}")).unwrap());
    }
    let one = pieces.join("\n\n");
    let mut text = String::new();
    while text.len() < 100_000 {
        text.push_str(&one);
        text.push_str("\n\n");
    }
    text
}

fn bench_draft(c: &mut Criterion) {
    let mut group = c.benchmark_group("draft");
    group.sample_size(20);
    group.bench_function("gazetteer_decode", |b| {
        let bytes = gazetteer().unwrap().encode().unwrap();
        b.iter(|| Gazetteer::decode(black_box(&bytes)).unwrap());
    });
    let places = gazetteer().unwrap();
    let article = default_story().unwrap().story.article_text();
    let options = DraftOptions::default();
    group.bench_function("find_bundled_article", |b| {
        b.iter(|| find(black_box(&article), places, &options));
    });
    let draft = find(&article, places, &options);
    group.bench_function("to_story_bundled_article", |b| {
        b.iter(|| to_story(black_box(&draft), places, "t").unwrap());
    });
    let big = hundred_kb_text();
    group.bench_function("find_100_kb", |b| {
        b.iter(|| find(black_box(&big), places, &options));
    });
    group.finish();
}

criterion_group!(benches, bench_draft);
criterion_main!(benches);
