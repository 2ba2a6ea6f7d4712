//! The travel sense of a mention: whether the words around a place say the journey starts
//! there ("left Pyongyang", "from"), passes it ("via", "through", "crossed into", "a pitstop
//! at"), goes to it ("arrived in", "to reach", "towards") or went round it ("bypassing").
//!
//! Invariants: only the mention's own sentence is read. A strong cue ("via", "towards",
//! "arrived", "bypassed") counts alone; a weak one ("to", "from", "in", "at", "into") counts
//! only in a sentence that speaks of moving (a train, a journey, arriving, a border...),
//! because "a message to Moscow" is no journey.

use crate::gazetteer::Word;

/// What a mention says the journey did at the place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cue {
    /// The journey starts there ("from", "left", "departed").
    From,
    /// The journey passes or stops there ("via", "through", "crossed into", "stopped at").
    Via,
    /// The journey goes there ("to", "arrived in", "reached", "towards").
    To,
    /// The journey went round it ("bypassing", "skipped").
    Bypassed,
}

impl Cue {
    /// The cue in words, for reports.
    pub fn describe(self) -> &'static str {
        match self {
            Self::From => "left from",
            Self::Via => "passed through",
            Self::To => "went to",
            Self::Bypassed => "bypassed",
        }
    }
}

/// Words that make a sentence about moving.
const MOTION: &[&str] = &[
    "train",
    "trains",
    "rail",
    "railway",
    "railroad",
    "travel",
    "travels",
    "travelled",
    "traveled",
    "travelling",
    "traveling",
    "journey",
    "journeyed",
    "trip",
    "voyage",
    "arrive",
    "arrived",
    "arrives",
    "arriving",
    "arrival",
    "reach",
    "reached",
    "reaches",
    "reaching",
    "depart",
    "departed",
    "departs",
    "departing",
    "departure",
    "left",
    "leave",
    "leaves",
    "leaving",
    "cross",
    "crossed",
    "crosses",
    "crossing",
    "drove",
    "drive",
    "driving",
    "flew",
    "fly",
    "flight",
    "flying",
    "sailed",
    "sail",
    "rode",
    "ride",
    "route",
    "station",
    "stop",
    "stopped",
    "stops",
    "pitstop",
    "stopover",
    "headed",
    "heading",
    "heads",
    "continued",
    "continuing",
    "moved",
    "border",
    "convoy",
    "motorcade",
    "bus",
    "ship",
    "ferry",
    "landed",
    "visit",
    "visited",
    "visiting",
    "went",
    "go",
    "goes",
    "going",
    "came",
    "returned",
    "return",
    "bound",
    "marched",
    "walked",
    "cruise",
    "passed",
    "passing",
    "transit",
    "onward",
    "entered",
    "enter",
];

/// Words that say where the journey went round a place.
const BYPASS: &[&str] = &[
    "bypass",
    "bypassed",
    "bypassing",
    "bypasses",
    "skipped",
    "skipping",
    "avoided",
    "avoiding",
];

/// Articles and the like that may stand between a cue and the name ("at the Khasan").
const FILLERS: &[&str] = &["the", "a", "an", "its", "their", "his", "her"];

/// Strong cues: (word, sense, how many words before the name it may stand).
const STRONG: &[(&str, Cue, usize)] = &[
    ("via", Cue::Via, 2),
    ("through", Cue::Via, 2),
    ("towards", Cue::To, 2),
    ("toward", Cue::To, 2),
    ("departed", Cue::From, 3),
    ("left", Cue::From, 2),
    ("leaving", Cue::From, 2),
    ("arrived", Cue::To, 3),
    ("arriving", Cue::To, 3),
    ("arrives", Cue::To, 3),
    ("reach", Cue::To, 6),
    ("reached", Cue::To, 6),
    ("reaching", Cue::To, 6),
    ("bound", Cue::To, 2),
    ("entered", Cue::Via, 2),
    ("crossed", Cue::Via, 3),
    ("bypassing", Cue::Bypassed, 3),
    ("bypassed", Cue::Bypassed, 3),
];

/// Weak cues, which need a sentence about moving: (word, sense), directly before the name
/// (fillers aside).
const WEAK: &[(&str, Cue)] = &[
    ("from", Cue::From),
    ("to", Cue::To),
    ("into", Cue::Via),
    ("in", Cue::Via),
    ("at", Cue::Via),
    ("for", Cue::To),
];

/// What a sentence says as a whole, found once per sentence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SentenceSense {
    /// It speaks of moving (a train, a journey, arriving, a border...).
    pub moving: bool,
    /// It says something was bypassed.
    pub bypass: bool,
}

impl SentenceSense {
    /// Read a sentence's words.
    pub fn of(words: &[Word]) -> Self {
        Self {
            moving: words.iter().any(|w| MOTION.contains(&w.folded.as_str())),
            bypass: words.iter().any(|w| BYPASS.contains(&w.folded.as_str())),
        }
    }
}

/// The most words before a name that a cue may stand at.
pub const LOOK_BACK: usize = 6;

/// The travel sense of a name, from the words of its sentence just before it (`before`, in
/// text order, at most [`LOOK_BACK`] of them are read) and what the sentence says as a whole.
pub fn cue(before: &[Word], sentence: SentenceSense) -> Option<Cue> {
    let before: Vec<&Word> = before.iter().rev().take(LOOK_BACK).collect();
    for (distance, word) in before.iter().enumerate() {
        if let Some((_, sense, reach)) = STRONG.iter().find(|(w, _, _)| *w == word.folded)
            && distance < *reach
        {
            return Some(*sense);
        }
    }
    let nearest = before
        .iter()
        .find(|word| !FILLERS.contains(&word.folded.as_str()));
    if sentence.moving
        && let Some(word) = nearest
        && let Some((_, sense)) = WEAK.iter().find(|(w, _)| *w == word.folded)
    {
        // "arrived in X" is arrival, "stopped in X" a stop; "in" and "at" alone are stops.
        let arrival = before.iter().take(4).any(|w| {
            matches!(
                w.folded.as_str(),
                "arrived" | "arrive" | "arrives" | "arriving" | "reached" | "landed"
            )
        });
        return Some(if arrival { Cue::To } else { *sense });
    }
    sentence.bypass.then_some(Cue::Bypassed)
}
