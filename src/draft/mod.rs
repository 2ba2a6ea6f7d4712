//! Making a story from an article: finding the places a text names (with the gazetteer), the
//! sentences they are in, the travel order, the speed and the times it reports, as a
//! [`Draft`] that an author can correct and that [`to_story`] turns into a [`Story`](crate::story::Story).
//! `storyroute draft` runs it with no questions asked; the app's author desk can show the
//! same draft and let the author pick.
//!
//! Invariants of a [`Draft`]: every span (mention, sentence, speed, time) lies on `char`
//! boundaries of [`Draft::text`]; every sentence is inside one paragraph (paragraphs are
//! separated by a blank line), so a sentence is a verbatim excerpt; each candidate has at
//! least one mention and one reading, readings best first; [`Draft::route`] names each
//! candidate at most once. Nothing here panics on any text, and nothing knows egui.
//!
//! How places are found and told from people and organisations, how the route is ordered and
//! how good it is on labelled articles: `docs/draft.md`.

mod choices;
mod finder;
mod input;
mod not_places;
mod rank;
mod report;
mod sentences;
mod speed;
mod times;
mod to_story;
mod travel;

pub use choices::{
    LegChoice, OfficialDistance, PlaceChoice, StoryChoices, automatic_status, mention_sentences,
};
pub use finder::NameMatch;
pub use input::{ArticleError, read_article};
pub use not_places::{NotPlace, STOP_KEYS};
pub use report::report;
pub use sentences::sentence_spans;
pub use speed::{SpeedMention, speeds};
pub use times::{DateMention, TimeMention, clock_times, dates};
pub use to_story::{
    CONFIRMED_TIME_SOURCE, DraftError, LEG_STEP_KM, MEASURED_NOTE, build_story, to_story,
    utc_offset_on,
};
pub use travel::Cue;

use crate::gazetteer::{Gazetteer, Kind, words};
use chrono::{Datelike as _, NaiveDate, NaiveTime};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// One mention of a candidate in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Where the name is (a possessive "'s" left out).
    pub span: Range<usize>,
    /// The index of its sentence in [`Draft::sentences`].
    pub sentence: usize,
    /// What the sentence says the journey did there, if anything.
    pub cue: Option<Cue>,
}

/// A gazetteer entry a candidate may be, with its score (higher is likelier).
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// The entry's id in the gazetteer.
    pub entry: u32,
    /// Size, named countries and nearness to the other places (see `docs/draft.md`).
    pub score: f64,
}

/// A name in the text that is likely a place.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The name as first written.
    pub name: String,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
    /// What it may be, best first.
    pub readings: Vec<Reading>,
    /// The reading taken (an index into `readings`); `None` when it is left out.
    pub chosen: Option<usize>,
}

/// A name in the gazetteer that was judged not a place here.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    /// The name as written.
    pub name: String,
    /// Where.
    pub span: Range<usize>,
    /// Why.
    pub why: NotPlace,
}

/// The speed the text reports, with its sentence as the quote.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundSpeed {
    /// The speed.
    pub speed: SpeedMention,
    /// The index of its sentence in [`Draft::sentences`].
    pub sentence: usize,
}

/// A date or time in the text, near a place: a reported time for the author to confirm.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundTime {
    /// The index of its sentence in [`Draft::sentences`].
    pub sentence: usize,
    /// Where the time (or the date, if no time) is.
    pub span: Range<usize>,
    /// The day, if the sentence gives one (else the story's date, if any).
    pub date: Option<NaiveDate>,
    /// The clock time, if the sentence gives one.
    pub time: Option<NaiveTime>,
    /// The candidate it is near (the nearest mention in the same sentence).
    pub candidate: Option<usize>,
}

/// What the author may set before the finder runs.
#[derive(Clone, Debug, Default)]
pub struct DraftOptions {
    /// The story's date (time zones' offsets are taken on it); else the first full date in
    /// the text.
    pub date: Option<NaiveDate>,
}

/// Everything found in an article.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// The article as read: paragraphs separated by one blank line, lines of a paragraph
    /// joined. Every span refers to it.
    pub text: String,
    /// The paragraphs' spans.
    pub paragraphs: Vec<Range<usize>>,
    /// The sentences' spans.
    pub sentences: Vec<Range<usize>>,
    /// The likely places, in order of first mention.
    pub candidates: Vec<Candidate>,
    /// Names in the gazetteer that are not places here, and why.
    pub rejected: Vec<Rejected>,
    /// The candidates on the route, in travel order (indices into `candidates`).
    pub route: Vec<usize>,
    /// The first stop of the route was assumed (no place had a "from" sense; the most
    /// mentioned place off the route was taken).
    pub origin_assumed: bool,
    /// The first speed in the text.
    pub speed: Option<FoundSpeed>,
    /// Dates and times near places, to confirm.
    pub times: Vec<FoundTime>,
    /// The story's date: given, or the first full date in the text.
    pub date: Option<NaiveDate>,
}

impl Draft {
    /// The text of a span (empty if it is not one of this draft's).
    pub fn slice(&self, span: &Range<usize>) -> &str {
        self.text.get(span.clone()).unwrap_or_default()
    }

    /// The candidate's chosen reading's entry, if any.
    pub fn chosen_entry<'g>(
        &self,
        gazetteer: &'g Gazetteer,
        candidate: &Candidate,
    ) -> Option<&'g crate::gazetteer::Entry> {
        let reading = candidate.readings.get(candidate.chosen?)?;
        gazetteer.entry(reading.entry)
    }

    /// The candidate's first travel sense: the first mention with a cue.
    pub fn first_cue(candidate: &Candidate) -> Option<(usize, Cue)> {
        candidate
            .mentions
            .iter()
            .find_map(|mention| mention.cue.map(|cue| (mention.span.start, cue)))
    }
}

/// The text with its paragraphs separated by exactly one blank line: where the text has
/// blank lines, they separate paragraphs and single line breaks are wrapping (joined with a
/// space); where it has none, every line is a paragraph.
pub fn normalise_paragraphs(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let has_blank_lines = text
        .split('\n')
        .collect::<Vec<_>>()
        .windows(3)
        .any(|w| !w[0].trim().is_empty() && w[1].trim().is_empty() && !w[2].trim().is_empty());
    let paragraphs: Vec<String> = if has_blank_lines {
        text.split("\n\n")
            .map(|block| {
                block
                    .lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    } else {
        text.lines().map(|line| line.trim().to_owned()).collect()
    };
    paragraphs
        .into_iter()
        .filter(|paragraph| !paragraph.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Find the places, the route, the speed and the times of an article.
pub fn find(article: &str, gazetteer: &Gazetteer, options: &DraftOptions) -> Draft {
    let text = normalise_paragraphs(article);
    let mut paragraphs = Vec::new();
    let mut offset = 0;
    for paragraph in text.split("\n\n") {
        paragraphs.push(offset..offset + paragraph.len());
        offset += paragraph.len() + 2;
    }
    let sentences = sentence_spans(&text);
    let all_words = words(&text);
    let sentence_of = |position: usize| {
        sentences
            .partition_point(|sentence| sentence.end <= position)
            .min(sentences.len().saturating_sub(1))
    };
    // The words of each sentence, as a range of indices into `all_words`.
    let sentence_words: Vec<Range<usize>> = sentences
        .iter()
        .map(|sentence| {
            let start = all_words.partition_point(|w| w.start < sentence.start);
            let end = all_words.partition_point(|w| w.start < sentence.end);
            start..end
        })
        .collect();

    let senses: Vec<travel::SentenceSense> = sentence_words
        .iter()
        .map(|range| travel::SentenceSense::of(all_words.get(range.clone()).unwrap_or_default()))
        .collect();
    let people = not_places::people(&text, &all_words);
    let lower_case = not_places::lower_case_words(&text, &all_words);
    let mut rejected = Vec::new();
    // Countries a text names, even where the name is not taken as a place ("U.S.
    // Ambassador"): evidence for ranking the readings of the others.
    let mut countries: HashSet<String> = HashSet::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut candidates: Vec<Candidate> = Vec::new();
    for name in finder::name_matches(&text, &all_words, gazetteer) {
        let written = text.get(name.span.clone()).unwrap_or_default().to_owned();
        countries.extend(
            gazetteer
                .lookup(&name.key)
                .iter()
                .filter_map(|&id| gazetteer.entry(id))
                .filter(|entry| entry.kind == Kind::Country && !entry.country.is_empty())
                .map(|entry| entry.country.clone()),
        );
        if let Some(why) = not_places::judge(&text, &all_words, &name, &people, &lower_case) {
            rejected.push(Rejected {
                name: written,
                span: name.span,
                why,
            });
            continue;
        }
        let sentence = sentence_of(name.span.start);
        let cue = sentence_words.get(sentence).and_then(|range| {
            let from = name
                .first_word
                .saturating_sub(travel::LOOK_BACK)
                .max(range.start);
            let before = all_words.get(from..name.first_word.max(from))?;
            travel::cue(before, *senses.get(sentence)?)
        });
        let mention = Mention {
            span: name.span,
            sentence,
            cue,
        };
        if let Some(&index) = by_key.get(&name.key) {
            candidates[index].mentions.push(mention);
            continue;
        }
        let readings: Vec<Reading> = gazetteer
            .lookup(&name.key)
            .iter()
            .map(|&entry| Reading { entry, score: 0.0 })
            .collect();
        if readings.is_empty() {
            continue;
        }
        by_key.insert(name.key, candidates.len());
        candidates.push(Candidate {
            name: written,
            mentions: vec![mention],
            readings,
            chosen: Some(0),
        });
    }

    let mut readings: Vec<Vec<Reading>> = candidates
        .iter_mut()
        .map(|c| std::mem::take(&mut c.readings))
        .collect();
    rank::rank(gazetteer, &mut readings, &countries);
    for (candidate, list) in candidates.iter_mut().zip(readings) {
        candidate.readings = list;
    }
    let candidates = merge_same_place(candidates);

    let (route, origin_assumed) = order_route(&candidates, gazetteer);

    let found_dates = dates(&text);
    let date = options.date.or_else(|| {
        found_dates
            .iter()
            .find(|d| d.year.is_some())
            .and_then(|d| d.date(0))
    });
    let speed = speeds(&text).into_iter().next().map(|speed| FoundSpeed {
        sentence: sentence_of(speed.span.start),
        speed,
    });
    let times = found_times(&text, &sentences, &candidates, &found_dates, date);

    Draft {
        text,
        paragraphs,
        sentences,
        candidates,
        rejected,
        route,
        origin_assumed,
        speed,
        times,
        date,
    }
}

/// Candidates whose best readings are the same entry are one place written two ways
/// ("Vostochny" and "the Vostochny space centre").
fn merge_same_place(candidates: Vec<Candidate>) -> Vec<Candidate> {
    let mut merged: Vec<Candidate> = Vec::with_capacity(candidates.len());
    let mut by_entry: HashMap<u32, usize> = HashMap::new();
    for candidate in candidates {
        let best = candidate.readings.first().map(|r| r.entry);
        match best.and_then(|entry| by_entry.get(&entry)) {
            Some(&index) => {
                let into = &mut merged[index];
                into.mentions.extend(candidate.mentions);
                into.mentions.sort_by_key(|m| m.span.start);
            }
            None => {
                if let Some(entry) = best {
                    by_entry.insert(entry, merged.len());
                }
                merged.push(candidate);
            }
        }
    }
    merged
}

/// The route: candidates with a "from" sense first, then those passed and gone to in order
/// of their first travel mention ("to" places after "via" ones); countries and bypassed
/// places are not stops. With no "from" place, the most mentioned place off the route is
/// taken as the origin (and the draft says it was assumed).
fn order_route(candidates: &[Candidate], gazetteer: &Gazetteer) -> (Vec<usize>, bool) {
    let is_country = |candidate: &Candidate| {
        candidate
            .readings
            .first()
            .and_then(|r| gazetteer.entry(r.entry))
            .is_some_and(|entry| entry.kind == Kind::Country)
    };
    let mut stops: Vec<(u8, usize, usize)> = candidates
        .iter()
        .enumerate()
        .filter(|(_, candidate)| !is_country(candidate))
        .filter_map(|(index, candidate)| {
            let (position, cue) = Draft::first_cue(candidate)?;
            let rank = match cue {
                Cue::From => 0,
                Cue::Via => 1,
                Cue::To => 2,
                Cue::Bypassed => return None,
            };
            Some((rank, position, index))
        })
        .collect();
    stops.sort_unstable();
    let mut route: Vec<usize> = stops.iter().map(|&(_, _, index)| index).collect();
    let has_origin = stops.first().is_some_and(|&(rank, _, _)| rank == 0);
    if has_origin {
        return (route, false);
    }
    let origin = candidates
        .iter()
        .enumerate()
        .filter(|(index, candidate)| {
            !route.contains(index)
                && !is_country(candidate)
                && Draft::first_cue(candidate).is_none()
        })
        .max_by_key(|(index, candidate)| (candidate.mentions.len(), std::cmp::Reverse(*index)))
        .map(|(index, _)| index);
    match origin {
        Some(origin) if !route.is_empty() => {
            route.insert(0, origin);
            (route, true)
        }
        _ => (route, false),
    }
}

/// Clock times and dates in sentences that name a place: a reported time for that place.
fn found_times(
    text: &str,
    sentences: &[Range<usize>],
    candidates: &[Candidate],
    found_dates: &[DateMention],
    story_date: Option<NaiveDate>,
) -> Vec<FoundTime> {
    let year = story_date.map_or(2000, |d| d.year());
    let clock = clock_times(text);
    let mut found = Vec::new();
    for (index, sentence) in sentences.iter().enumerate() {
        let inside = |span: &Range<usize>| sentence.start <= span.start && span.end <= sentence.end;
        let time = clock.iter().find(|t| inside(&t.span));
        let date = found_dates.iter().find(|d| inside(&d.span));
        let Some(span) = time
            .map(|t| t.span.clone())
            .or_else(|| date.map(|d| d.span.clone()))
        else {
            continue;
        };
        let candidate = candidates
            .iter()
            .enumerate()
            .flat_map(|(c, candidate)| candidate.mentions.iter().map(move |m| (c, m)))
            .filter(|(_, mention)| mention.sentence == index)
            .min_by_key(|(_, mention)| mention.span.start.abs_diff(span.start))
            .map(|(c, _)| c);
        found.push(FoundTime {
            sentence: index,
            span,
            date: date.and_then(|d| d.date(year)).or(story_date),
            time: time.map(|t| t.time),
            candidate,
        });
    }
    found
}
