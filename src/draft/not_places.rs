//! Names in the gazetteer that are not places in this text: people ("Mr. Kim", "President
//! Vladimir Putin"), organisations ("Moscow Times", "Bank of England") and words that name a
//! town somewhere but, in news, almost always mean something else (months, weekdays, and the
//! stop-list below, each entry with the evidence that put it there).
//!
//! Invariants: the judgement uses only this text and fixed word lists; a person is found from
//! a title before a capitalised run of words, and everything that run names is a person
//! throughout the text ("Mr. Kim" makes every "Kim" a person).

use super::finder::NameMatch;
use crate::gazetteer::Word;
use std::collections::HashSet;

/// Why a name found in the gazetteer was not taken as a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NotPlace {
    /// On the stop-list: a month, a weekday or a word that news uses for something else.
    StopWord,
    /// A person, or part of a person's name.
    Person,
    /// Part of an organisation's name.
    Organisation,
    /// A word the text also writes in lower case, so a common word ("As", "North").
    CommonWord,
    /// The last word of a longer name that is not a place ("Alexander Kozlov", "USS
    /// America"): it follows another capitalised word that is not a place's qualifier.
    LongerName,
}

impl NotPlace {
    /// Why, in words.
    pub fn reason(self) -> &'static str {
        match self {
            Self::StopWord => "a common word, not a place here (stop-list)",
            Self::Person => "a person's name",
            Self::Organisation => "part of an organisation's name",
            Self::CommonWord => "a common word: the text also writes it in lower case",
            Self::LongerName => "part of a longer name (a person, a ship, an organisation)",
        }
    }
}

/// Folded keys that are never taken as places, and why. Months and weekdays are names of
/// towns somewhere (March, England; Mayo, Ireland has "May" among its names); the rest were
/// found wrongly as places in the test articles (`tests/data/articles/`) or in the bundled
/// story's article.
pub const STOP_KEYS: &[(&str, &str)] = &[
    ("january", "month"),
    ("february", "month"),
    ("march", "month (March, England)"),
    ("april", "month"),
    ("may", "month"),
    ("june", "month"),
    ("july", "month"),
    ("august", "month"),
    ("september", "month"),
    ("october", "month"),
    ("november", "month"),
    ("december", "month"),
    ("monday", "weekday"),
    ("tuesday", "weekday"),
    ("wednesday", "weekday"),
    ("thursday", "weekday"),
    ("friday", "weekday"),
    ("saturday", "weekday"),
    ("sunday", "weekday"),
    ("kremlin", "the Russian presidency in news"),
    ("white house", "the US presidency in news"),
    (
        "us",
        "\"US\", \"U.S.\": in news mostly an adjective (\"US president\")",
    ),
    ("usa", "as \"US\""),
    ("mr", "a title"),
    ("mrs", "a title"),
    ("ms", "a title"),
];

/// Words after which a capitalised run of words is a person.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "president",
    "minister",
    "leader",
    "chancellor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "senator",
    "sen",
    "governor",
    "gov",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "premier",
    "ambassador",
    "sir",
    "mayor",
    "chairman",
    "chairwoman",
    "envoy",
    "commander",
    "admiral",
    "colonel",
    "captain",
    "lieutenant",
    "sergeant",
    "judge",
    "officer",
    "director",
    "chief",
    "correspondent",
    "reporter",
    "professor",
    "prof",
    "gen",
    "adm",
    "rear",
    "vice",
    "lt",
    "col",
    "capt",
    "cmdr",
    "sgt",
    "maj",
    "uss",
    "hms",
];

/// Capitalised words that may stand before a place's name ("Southern India", "Greater
/// London", "Central Moscow") without making it another name.
const QUALIFIERS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "upper",
    "lower",
    "greater",
    "inner",
    "outer",
    "downtown",
    "old",
    "new",
    "saint",
    "st",
    "mount",
    "mt",
    "lake",
    "port",
    "fort",
    "cape",
    "in",
    "at",
    "to",
    "from",
    "via",
    "and",
    "the",
    "of",
    "for",
    "near",
    "by",
    "through",
    "towards",
    "into",
];

/// Words that end an organisation's name ("Moscow Times", "Beijing Institute").
const ORGANISATION_WORDS: &[&str] = &[
    "times",
    "post",
    "herald",
    "tribune",
    "journal",
    "news",
    "daily",
    "university",
    "college",
    "institute",
    "council",
    "house",
    "ministry",
    "party",
    "agency",
    "airlines",
    "airways",
    "bank",
    "group",
    "company",
    "corporation",
    "club",
    "fc",
    "united",
    "stadium",
    "airport",
    "street",
    "avenue",
    "road",
    "square",
    "declaration",
    "accord",
    "accords",
    "treaty",
    "summit",
    "conference",
    "protocol",
    "convention",
    "zoo",
    "museum",
    "hospital",
    "school",
    "church",
    "cathedral",
    "command",
    "navy",
    "army",
    "forces",
    "railways",
    "agency",
    "committee",
    "commission",
    "games",
    "olympics",
    "paralympics",
    "shipbuilding",
    "ministry",
    "embassy",
    "station",
];

/// Words before "of" that make what follows part of a name ("Bank of England").
const ORGANISATION_HEADS: &[&str] = &["bank", "university", "ministry", "department"];

fn is_capitalised(text: &str, word: &Word) -> bool {
    super::finder::starts_like_a_name(text, word)
}

/// Whether two neighbouring words are joined by spaces only (one name run).
fn adjacent(text: &str, left: &Word, right: &Word) -> bool {
    text.get(left.end..right.start)
        .is_some_and(|gap| !gap.is_empty() && gap.chars().all(|c| c == ' '))
}

/// Whether `left` and `right` are joined by spaces or an abbreviation's dot ("Mr. Kim").
fn title_joined(text: &str, left: &Word, right: &Word) -> bool {
    text.get(left.end..right.start)
        .is_some_and(|gap| matches!(gap.trim_end_matches(' '), "" | "."))
}

/// The folded words that name people in this text: every capitalised run after a title.
pub fn people(text: &str, words: &[Word]) -> HashSet<String> {
    let mut found = HashSet::new();
    for (index, word) in words.iter().enumerate() {
        if !TITLES.contains(&word.folded.as_str()) {
            continue;
        }
        let mut previous = word;
        let mut first = true;
        for next in words.iter().skip(index + 1) {
            let joined = if first {
                title_joined(text, previous, next)
            } else {
                adjacent(text, previous, next)
            };
            if !joined || !is_capitalised(text, next) || TITLES.contains(&next.folded.as_str()) {
                break;
            }
            found.insert(
                next.without_possessive
                    .clone()
                    .unwrap_or_else(|| next.folded.clone()),
            );
            previous = next;
            first = false;
        }
    }
    found
}

/// The folded words the text writes in lower case somewhere: common words, not names.
pub fn lower_case_words(text: &str, words: &[Word]) -> HashSet<String> {
    words
        .iter()
        .filter(|word| {
            text.get(word.start..word.end)
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_lowercase)
        })
        .map(|word| word.folded.clone())
        .collect()
}

/// Whether a name found in the gazetteer is not a place here, and why.
pub fn judge(
    text: &str,
    words: &[Word],
    name: &NameMatch,
    people: &HashSet<String>,
    lower_case: &HashSet<String>,
) -> Option<NotPlace> {
    if STOP_KEYS.iter().any(|(key, _)| *key == name.key) {
        return Some(NotPlace::StopWord);
    }
    if name.word_count == 1 && lower_case.contains(&name.key) {
        return Some(NotPlace::CommonWord);
    }
    if name.word_count == 1 && (people.contains(&name.key) || TITLES.contains(&name.key.as_str())) {
        return Some(NotPlace::Person);
    }
    if let Some(before) = name.first_word.checked_sub(1)
        && let (Some(previous), Some(first)) = (words.get(before), words.get(name.first_word))
        && adjacent(text, previous, first)
        && is_capitalised(text, previous)
        && !QUALIFIERS.contains(&previous.folded.as_str())
    {
        return Some(NotPlace::LongerName);
    }
    // The capitalised words after the name, joined to it by spaces: a person's name after
    // a first name, an organisation's word after its place ("Immaculate Conception
    // Municipal School").
    let mut previous = words.get(name.first_word + name.word_count - 1);
    for next in words.iter().skip(name.first_word + name.word_count).take(3) {
        let Some(left) = previous else {
            break;
        };
        if !adjacent(text, left, next) || !is_capitalised(text, next) {
            break;
        }
        let key = next.without_possessive.as_ref().unwrap_or(&next.folded);
        if people.contains(key) && previous == words.get(name.first_word + name.word_count - 1) {
            return Some(NotPlace::Person);
        }
        if ORGANISATION_WORDS.contains(&next.folded.as_str()) {
            return Some(NotPlace::Organisation);
        }
        previous = Some(next);
    }
    if let Some(before) = name.first_word.checked_sub(2)
        && let (Some(head), Some(of)) = (words.get(before), words.get(before + 1))
        && of.folded == "of"
        && is_capitalised(text, head)
        && ORGANISATION_HEADS.contains(&head.folded.as_str())
    {
        return Some(NotPlace::Organisation);
    }
    None
}
