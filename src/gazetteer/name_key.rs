//! How names are compared: the same function folds a gazetteer name into its key and the
//! words of an article into theirs, so a name matches wherever its words appear.
//!
//! Invariants: a key is the name's words (Unicode word boundaries, UAX #29), each folded
//! (compatibility decomposition, combining marks dropped, lower case, anything that is not a
//! letter or digit dropped: apostrophes, the dot of "St."), joined by one space. Punctuation
//! between words (hyphens, commas, dots) never reaches a key, so "Ulan-Ude", "Ulan Ude" and
//! "ULAN UDE" share the key `ulan ude`, and "Wŏnsan" folds to `wonsan`. Ideographs are each a
//! word of their own (UAX #29 says so), so `上海` is the key `上 海` in a name and in a text.

use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation as _;

/// One word of a text: where it is and its folded form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Start in the text, in bytes.
    pub start: usize,
    /// End in the text (exclusive), in bytes.
    pub end: usize,
    /// The word folded (see the module doc).
    pub folded: String,
    /// The folded word without a possessive "'s" ("Russia’s" → `russia`), if it has one.
    pub without_possessive: Option<String>,
}

/// Fold one word: decompose, drop combining marks, compose again (Hangul syllables stay
/// syllables), lower-case, keep letters and digits.
pub fn fold_word(word: &str) -> String {
    word.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .nfc()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The words of `text` in order: segments with at least one letter or digit.
pub fn words(text: &str) -> Vec<Word> {
    text.split_word_bound_indices()
        .filter(|(_, segment)| segment.chars().any(char::is_alphanumeric))
        .map(|(start, segment)| {
            let without_possessive = ["'s", "’s", "'S", "’S"]
                .iter()
                .find_map(|suffix| segment.strip_suffix(suffix))
                .filter(|stem| !stem.is_empty())
                .map(fold_word);
            Word {
                start,
                end: start + segment.len(),
                folded: fold_word(segment),
                without_possessive,
            }
        })
        .filter(|word| !word.folded.is_empty())
        .collect()
}

/// The key a name is looked up by: its folded words joined by single spaces (empty for a
/// name with no letters or digits).
pub fn name_key(name: &str) -> String {
    words(name)
        .into_iter()
        .map(|word| word.folded)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_diacritics_and_punctuation_do_not_change_a_key() {
        assert_eq!(name_key("Ulan-Ude"), "ulan ude");
        assert_eq!(name_key("ULAN UDE"), "ulan ude");
        assert_eq!(name_key("Wŏnsan"), "wonsan");
        assert_eq!(name_key("Ch’ŏngjin"), "chongjin");
        assert_eq!(name_key("São Paulo"), "sao paulo");
        assert_eq!(name_key("St. Petersburg"), "st petersburg");
        assert_eq!(name_key("Владивосток"), "владивосток");
    }

    #[test]
    fn ideographs_are_words_of_their_own() {
        assert_eq!(name_key("上海"), "上 海");
        assert_eq!(name_key("평양"), "평양");
    }

    #[test]
    fn a_possessive_is_offered_without_its_s() {
        let found = words("to reach Russia’s farthest east");
        assert_eq!(found[2].folded, "russias");
        assert_eq!(found[2].without_possessive.as_deref(), Some("russia"));
        assert_eq!(found[1].without_possessive, None);
    }

    #[test]
    fn words_know_where_they_are() {
        let text = "From Pyongyang, via Khasan.";
        let found = words(text);
        let spans: Vec<&str> = found.iter().map(|w| &text[w.start..w.end]).collect();
        assert_eq!(spans, ["From", "Pyongyang", "via", "Khasan"]);
    }

    #[test]
    fn a_name_of_punctuation_only_has_an_empty_key() {
        assert_eq!(name_key("--- ..."), "");
    }
}
