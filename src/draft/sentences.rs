//! Where the sentences of a text are: Unicode sentence boundaries (UAX #29), mended where an
//! abbreviation's dot ("Mr. Kim", "St. Petersburg") was taken for a sentence's end.
//!
//! Invariants: the spans are sorted, disjoint, non-empty, trimmed of white space, on `char`
//! boundaries, and never cross a line break (a paragraph ends every sentence in it).

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation as _;

/// Words whose dot does not end a sentence (compared in lower case, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "mt", "ft", "gen", "col", "lt", "capt", "sgt", "gov", "sen",
    "rep", "prof", "jr", "sr", "rev", "no", "vs", "approx", "u.s", "u.k", "jan", "feb", "aug",
    "sep", "sept", "oct", "nov", "dec",
];

/// Whether a sentence as UAX #29 cut it ends on an abbreviation's dot.
fn ends_with_abbreviation(sentence: &str) -> bool {
    let trimmed = sentence.trim_end();
    if trimmed.len() != sentence.len() && sentence.trim_end_matches([' ', '\t']).ends_with('\n') {
        return false;
    }
    let Some(stem) = trimmed.strip_suffix('.') else {
        return false;
    };
    let last_word = stem
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    // A single capital and a dot is an initial ("John F. Kennedy").
    let is_initial = {
        let mut chars = last_word.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
    };
    is_initial || ABBREVIATIONS.contains(&last_word.as_str())
}

/// The sentences of `text`, as byte ranges.
pub fn sentence_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut pending: Option<Range<usize>> = None;
    for (start, sentence) in text.split_sentence_bound_indices() {
        let range = match pending.take() {
            Some(open) => open.start..start + sentence.len(),
            None => start..start + sentence.len(),
        };
        if ends_with_abbreviation(sentence) {
            pending = Some(range);
        } else {
            spans.push(range);
        }
    }
    spans.extend(pending);
    spans
        .into_iter()
        .flat_map(|range| split_lines(text, range))
        .collect()
}

/// One span cut at its line breaks and trimmed; empty pieces dropped.
fn split_lines(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    let mut pieces = Vec::new();
    let mut offset = range.start;
    for line in slice.split_inclusive('\n') {
        let leading = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = offset + leading;
            pieces.push(start..start + trimmed.len());
        }
        offset += line.len();
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        sentence_spans(text)
            .into_iter()
            .map(|range| &text[range])
            .collect()
    }

    #[test]
    fn a_title_does_not_end_a_sentence() {
        assert_eq!(
            sentences("Mr. Kim left. He went to St. Petersburg by train."),
            ["Mr. Kim left.", "He went to St. Petersburg by train."]
        );
    }

    #[test]
    fn a_line_break_ends_a_sentence() {
        assert_eq!(
            sentences("A headline without a dot\nThe first sentence.  "),
            ["A headline without a dot", "The first sentence."]
        );
    }

    #[test]
    fn an_empty_text_has_no_sentences() {
        assert!(sentence_spans("  \n\n ").is_empty());
    }
}
