//! Where each place's excerpts stand in the article, found once per story so that the article
//! panel can highlight them every frame without searching the text again.
//!
//! Invariants: the spans of a paragraph are sorted by start and never overlap (the first place
//! to quote a stretch of text keeps it); every span lies on `char` boundaries of its paragraph,
//! because it is where a whole excerpt string was found.

use super::Story;
use std::collections::BTreeMap;

/// A stretch of one paragraph that one place's excerpt quotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExcerptSpan {
    /// Where the excerpt starts in the paragraph, in bytes.
    pub start_byte: usize,
    /// Where it ends (exclusive), in bytes.
    pub end_byte: usize,
    /// The index of the place in [`Story::places`].
    pub place: usize,
}

/// For every paragraph of the story's article, the excerpts it contains, in reading order.
pub fn excerpt_spans(story: &Story) -> Vec<Vec<ExcerptSpan>> {
    story
        .meta
        .article
        .iter()
        .map(|paragraph| paragraph_spans(paragraph, story))
        .collect()
}

fn paragraph_spans(paragraph: &str, story: &Story) -> Vec<ExcerptSpan> {
    // By start: the spans are disjoint, so a new one overlaps some span exactly when it
    // overlaps the last span starting before its end (a lookup, not a scan of them all).
    let mut spans: BTreeMap<usize, ExcerptSpan> = BTreeMap::new();
    for (place, excerpt) in story
        .places
        .iter()
        .enumerate()
        .flat_map(|(index, place)| place.excerpts.iter().map(move |e| (index, e)))
    {
        if excerpt.is_empty() {
            continue;
        }
        if let Some(start_byte) = paragraph.find(excerpt.as_str()) {
            let end_byte = start_byte + excerpt.len();
            let overlaps = spans
                .range(..end_byte)
                .next_back()
                .is_some_and(|(_, span)| start_byte < span.end_byte);
            if !overlaps {
                spans.insert(
                    start_byte,
                    ExcerptSpan {
                        start_byte,
                        end_byte,
                        place,
                    },
                );
            }
        }
    }
    spans.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::{default_story, parse_story};

    fn story_with(article: &[&str], excerpts: &[(&str, &[&str])]) -> Story {
        let places: Vec<serde_json::Value> = excerpts
            .iter()
            .zip(0_u8..)
            .map(|((name, quotes), index)| {
                let role = match usize::from(index) {
                    0 => "origin",
                    i if i + 1 == excerpts.len() => "destination",
                    _ => "stop",
                };
                let lon = 130.0 + f64::from(index);
                serde_json::json!({
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [lon, 42.0]},
                    "properties": {"id": name, "name": name, "role": role, "excerpts": quotes}
                })
            })
            .collect();
        let legs: Vec<serde_json::Value> = excerpts
            .windows(2)
            .zip(0_u8..)
            .map(|(pair, index)| {
                let lon = 130.0 + f64::from(index);
                serde_json::json!({
                    "type": "Feature",
                    "geometry": {"type": "LineString", "coordinates": [[lon, 42.0], [lon + 1.0, 42.0]]},
                    "properties": {"from": pair[0].0, "to": pair[1].0}
                })
            })
            .collect();
        let json = serde_json::json!({
            "type": "FeatureCollection",
            "story": {"format": "storyroute/1", "title": "t", "article": article,
                      "default_speed": {"value": 60, "unit": "km/h", "source": "test"}},
            "features": places.into_iter().chain(legs).collect::<Vec<_>>()
        });
        match parse_story(json.to_string().as_bytes(), "test.geojson") {
            Ok(loaded) => loaded.story,
            Err(error) => panic!("the test story should load: {error}"),
        }
    }

    #[test]
    fn every_excerpt_of_the_bundled_story_is_found_in_the_article() {
        let story = match default_story() {
            Ok(loaded) => loaded.story,
            Err(error) => panic!("the bundled story should load: {error}"),
        };
        let spans = excerpt_spans(&story);
        assert_eq!(spans.len(), story.meta.article.len());
        for (index, place) in story.places.iter().enumerate() {
            for excerpt in &place.excerpts {
                let found = story.meta.article.iter().zip(&spans).any(|(text, spans)| {
                    spans.iter().any(|span| {
                        span.place == index && &text[span.start_byte..span.end_byte] == excerpt
                    })
                });
                assert!(
                    found,
                    "{}'s excerpt {excerpt:?} is not highlighted",
                    place.name
                );
            }
        }
    }

    #[test]
    fn spans_come_in_reading_order_whatever_the_order_of_the_places() {
        let story = story_with(
            &["Gamma was last. Alpha came first. Beta was between."],
            &[
                ("alpha", &["Alpha came first."]),
                ("beta", &["Beta was between."]),
                ("gamma", &["Gamma was last."]),
            ],
        );
        let places: Vec<usize> = excerpt_spans(&story)[0].iter().map(|s| s.place).collect();
        assert_eq!(places, vec![2, 0, 1]);
    }

    #[test]
    fn the_first_place_to_quote_a_sentence_keeps_it() {
        let story = story_with(
            &["The train reached the border. It went on."],
            &[
                ("alpha", &["The train reached the border."]),
                ("beta", &["reached the border. It went on."]),
            ],
        );
        let spans = &excerpt_spans(&story)[0];
        assert_eq!(
            spans,
            &vec![ExcerptSpan {
                start_byte: 0,
                end_byte: "The train reached the border.".len(),
                place: 0
            }]
        );
    }

    #[test]
    fn a_paragraph_that_quotes_no_place_has_no_spans() {
        let story = story_with(
            &["Nothing here.", "Alpha is here."],
            &[("alpha", &["Alpha is here."]), ("beta", &[])],
        );
        let spans = excerpt_spans(&story);
        assert!(spans[0].is_empty());
        assert_eq!(spans[1].len(), 1);
    }
}
