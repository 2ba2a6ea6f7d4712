//! Trimming an excerpt by whole words: the excerpt is a span of the article's text, so a
//! trimmed one is still a verbatim part of it.
//!
//! Invariants: each function returns a span inside the one it was given (or the sentence,
//! for [`untrim`]), on `char` boundaries, holding at least one word; a span it cannot trim
//! comes back unchanged.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation as _;

/// How to change an excerpt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trim {
    /// Leave out its first word.
    Start,
    /// Leave out its last word.
    End,
    /// Back to its whole sentence.
    Untrim,
}

/// The words of `span` of `text`, as spans of `text`.
fn word_spans(text: &str, span: &Range<usize>) -> Vec<Range<usize>> {
    let Some(inside) = text.get(span.clone()) else {
        return Vec::new();
    };
    inside
        .unicode_word_indices()
        .map(|(at, word)| span.start + at..span.start + at + word.len())
        .collect()
}

/// `span` without its first word (and what follows it up to the next word).
pub fn trim_start(text: &str, span: &Range<usize>) -> Range<usize> {
    match word_spans(text, span).get(1) {
        Some(second) => second.start..span.end,
        None => span.clone(),
    }
}

/// `span` without its last word (and what comes before it back to the word before).
pub fn trim_end(text: &str, span: &Range<usize>) -> Range<usize> {
    let words = word_spans(text, span);
    match words
        .len()
        .checked_sub(2)
        .and_then(|index| words.get(index))
    {
        Some(before_last) => span.start..before_last.end,
        None => span.clone(),
    }
}

/// The sentence of `sentences` that holds `span`'s start (`span` itself if none does).
pub fn untrim(sentences: &[Range<usize>], span: &Range<usize>) -> Range<usize> {
    sentences
        .iter()
        .find(|sentence| sentence.start <= span.start && span.start < sentence.end)
        .cloned()
        .unwrap_or_else(|| span.clone())
}
