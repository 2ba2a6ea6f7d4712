//! Runs of words in a text that name something in the gazetteer: at each word, the longest
//! run (up to the longest key's length) whose folded words are a key wins, so "Vostochny space
//! centre" is one match and not "Vostochny" followed by words.
//!
//! Invariants: matches are in text order and never overlap; a match starts with a capital or
//! a letter of a script without case (Hangul, Han, kana), because a lower-case word in a
//! cased script ("nice", "reading", "of") is a common word, not a name; a match never spans a
//! line break or punctuation other than a hyphen, a dot or an apostrophe (so "Paris, Texas"
//! is two matches); the last word may be a possessive ("Russia’s").

use crate::gazetteer::{Gazetteer, Word};
use std::ops::Range;

/// A run of words whose folded form is a gazetteer key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameMatch {
    /// The index of its first word.
    pub first_word: usize,
    /// How many words it has.
    pub word_count: usize,
    /// Where it is in the text, possessive "'s" left out.
    pub span: Range<usize>,
    /// The key it matched.
    pub key: String,
}

/// Whether a word may begin a name: a capital, or a letter of a script without case.
pub fn starts_like_a_name(text: &str, word: &Word) -> bool {
    text.get(word.start..word.end)
        .and_then(|w| w.chars().next())
        .is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()))
}

/// Whether the text between two words lets them belong to one name.
fn joins(gap: &str) -> bool {
    gap.chars()
        .all(|c| matches!(c, ' ' | '-' | '‐' | '.' | '\'' | '’'))
}

/// The gazetteer names in `text`, whose words are `words` (from [`crate::gazetteer::words`]).
pub fn name_matches(text: &str, words: &[Word], gazetteer: &Gazetteer) -> Vec<NameMatch> {
    let longest = usize::from(gazetteer.max_key_words.max(1));
    let mut found = Vec::new();
    let mut index = 0;
    while index < words.len() {
        let Some(first) = words.get(index) else {
            break;
        };
        if !starts_like_a_name(text, first) {
            index += 1;
            continue;
        }
        // How many words from here may belong to one name.
        let mut reach = 1;
        while reach < longest && index + reach < words.len() {
            let gap = text
                .get(words[index + reach - 1].end..words[index + reach].start)
                .unwrap_or(",");
            if !joins(gap) {
                break;
            }
            reach += 1;
        }
        let mut matched = None;
        for count in (1..=reach).rev() {
            let run = &words[index..index + count];
            let mut key = run
                .iter()
                .map(|w| w.folded.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let last = &run[count - 1];
            let mut end = last.end;
            if gazetteer.lookup(&key).is_empty() {
                let Some(stem) = &last.without_possessive else {
                    continue;
                };
                key.truncate(key.len() - last.folded.len());
                key.push_str(stem);
                if gazetteer.lookup(&key).is_empty() {
                    continue;
                }
                // The stem ends where the apostrophe starts: "’s" is 4 bytes, "'s" 2.
                end = text
                    .get(last.start..last.end)
                    .and_then(|w| w.rfind(['\'', '’']))
                    .map_or(last.end, |at| last.start + at);
            }
            matched = Some(NameMatch {
                first_word: index,
                word_count: count,
                span: first.start..end,
                key,
            });
            break;
        }
        match matched {
            Some(name) => {
                index += name.word_count;
                found.push(name);
            }
            None => index += 1,
        }
    }
    found
}
