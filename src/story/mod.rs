//! The story: what the article says, where, and when: the file format, loading, validation
//! and saving. The format is specified in `docs/story-format.md`.
//!
//! Invariants of a loaded [`Story`]: place ids are unique; every leg's `from` and `to` name a
//! place; the route legs chain from the origin to the destination; every excerpt occurs
//! verbatim in the article; every coordinate is finite and in range. Properties and members
//! this module does not know are kept in `extra` and written back on save, so a round trip
//! loses nothing. Nothing here knows egui.

mod excerpt_spans;
mod fields;
mod geometry;
mod parse;
mod plain;
mod problem;
mod progress;
mod save;

pub use excerpt_spans::{ExcerptSpan, excerpt_spans};
pub use parse::{
    CANCELLED_MESSAGE, MAX_FILE_BYTES, load_story_file, load_story_file_with, parse_story,
    parse_story_with, read_file_with,
};
pub use problem::{LoadError, Problem, Severity};
pub use save::{SaveError, save_story_file, story_to_json, write_file_atomically};

pub use crate::geodesy::LonLat;
use crate::units::{Distance, Speed, SpeedInput, SpeedUnit};
use chrono::{DateTime, FixedOffset};
pub use fields::{MAX_DWELL_SECS, MAX_RAIL_DISTANCE_KM, STORY_YEARS, check_story_year};
pub use problem::{ProblemGroup, group_problems};
pub use progress::{CANCELLED, CountingReader, LoadProgress, LoadStage, ProgressSnapshot};
use serde_json::{Map, Value};

/// Properties or members kept as they were read, because they are not ours to understand.
pub type Extra = Map<String, Value>;

/// The default story, bundled so that the app works offline on first start.
pub const DEFAULT_STORY_JSON: &str = include_str!("../../assets/stories/kim-jong-un-2023.geojson");

/// The name the default story is reported under.
pub const DEFAULT_STORY_NAME: &str = "kim-jong-un-2023.geojson (bundled)";

/// Load the bundled default story.
pub fn default_story() -> Result<Loaded, LoadError> {
    parse_story(DEFAULT_STORY_JSON.as_bytes(), DEFAULT_STORY_NAME)
}

/// A story that loaded, with what was not quite right about it.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The story.
    pub story: Story,
    /// Problems that did not stop the story from opening.
    pub warnings: Vec<Problem>,
}

/// Where a story came from: a story file, or plain GeoJSON turned into one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoryKind {
    /// A `storyroute/1` file.
    Story,
    /// Plain GeoJSON: points became places, lines the route.
    PlainGeoJson,
    /// A GPX file: waypoints became places, tracks and routes the route.
    Gpx,
    /// A KML or KMZ file: Point placemarks became places, lines the route.
    Kml,
}

/// A news story told as a route on a map.
#[derive(Clone, Debug)]
pub struct Story {
    /// What the file was.
    pub kind: StoryKind,
    /// Title, outlet, article, default speed, departure.
    pub meta: StoryMeta,
    /// Every place, in file order; waypoints included.
    pub places: Vec<Place>,
    /// The journey's legs, in travel order, chaining from the origin to the destination.
    pub legs: Vec<Leg>,
    /// What-if legs off the route (e.g. into Vladivostok), travelled out and back.
    pub detours: Vec<Leg>,
    /// Polygons the story shows (a region, a zone), drawn with an outline and a light fill.
    /// Their features stay in `other_features`, so a save writes them back unchanged.
    pub areas: Vec<Area>,
    /// Features that are neither places nor legs (polygons, say), kept for saving.
    pub other_features: Vec<Value>,
    /// The order features had in the file, so a save keeps it.
    pub feature_order: Vec<FeatureRef>,
    /// Members of the collection other than `type`, `features` and `story`.
    pub extra: Extra,
}

/// A polygon the story shows: a region, a zone, a country.
#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    /// Its name, if the feature gives one.
    pub name: Option<String>,
    /// The polygons (one for a `Polygon`, several for a `MultiPolygon`): each an outer ring
    /// followed by its holes; every ring closed and of at least four positions.
    pub polygons: Vec<Vec<Vec<LonLat>>>,
    /// Index into [`Story::other_features`] of the feature it comes from.
    pub feature: usize,
}

impl Area {
    /// Every position of the outer rings, for fitting a view and centring on the area.
    pub fn outer_points(&self) -> impl Iterator<Item = LonLat> + '_ {
        self.polygons
            .iter()
            .filter_map(|polygon| polygon.first())
            .flatten()
            .copied()
    }
}

/// Which feature stood at a position in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeatureRef {
    /// `places[i]`.
    Place(usize),
    /// `legs[i]`.
    Leg(usize),
    /// `detours[i]`.
    Detour(usize),
    /// `other_features[i]`.
    Other(usize),
}

/// The story's metadata: the `story` member of the collection.
#[derive(Clone, Debug)]
pub struct StoryMeta {
    /// Headline shown above everything.
    pub title: String,
    /// The publication, if known.
    pub outlet: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Where the article can be read.
    pub url: Option<String>,
    /// The article text, one entry per paragraph.
    pub article: Vec<String>,
    /// Where the article text comes from.
    pub article_source: Option<String>,
    /// The speed the story reports, and where that figure comes from.
    pub default_speed: ReportedSpeed,
    /// When the journey began; may be an assumption.
    pub departure: Option<Departure>,
    /// What the story draws on.
    pub sources: Vec<SourceRef>,
    /// Members of `story` this version does not know.
    pub extra: Extra,
}

/// A speed as the article or its sources report it.
#[derive(Clone, Debug)]
pub struct ReportedSpeed {
    /// The number, in `unit`.
    pub value: f64,
    /// The unit the figure was reported in.
    pub unit: SpeedUnit,
    /// The speed itself (validated).
    pub speed: Speed,
    /// Where the figure comes from.
    pub source: String,
    /// The article's own words for it, verbatim, if any.
    pub quote: Option<String>,
    /// Other members, kept.
    pub extra: Extra,
}

impl ReportedSpeed {
    /// The reported speed in the unit it was reported in.
    pub fn input(&self) -> SpeedInput {
        SpeedInput {
            speed: self.speed,
            unit: self.unit,
        }
    }
}

/// When the journey began.
#[derive(Clone, Debug)]
pub struct Departure {
    /// The departure time with its local offset.
    pub time: DateTime<FixedOffset>,
    /// The clock time is an assumption, not a report; shown as such.
    pub assumed: bool,
    /// Why, or what was actually reported.
    pub note: Option<String>,
    /// Where it comes from.
    pub source: Option<String>,
    /// Other members, kept.
    pub extra: Extra,
}

/// A labelled link to a source.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceRef {
    /// What it is.
    pub label: String,
    /// Where it is.
    pub url: Option<String>,
}

/// What a place is to the journey.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Where the journey starts.
    Origin,
    /// Where it crosses into another country.
    Border,
    /// A place on the way.
    Stop,
    /// A place off the route that the story speaks of (e.g. bypassed).
    Waypoint,
    /// Where the journey ends.
    Destination,
}

impl Role {
    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Origin => "origin",
            Self::Border => "border",
            Self::Stop => "stop",
            Self::Waypoint => "waypoint",
            Self::Destination => "destination",
        }
    }

    /// Read the word used in files.
    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Origin,
            Self::Border,
            Self::Stop,
            Self::Waypoint,
            Self::Destination,
        ]
        .into_iter()
        .find(|role| role.as_str() == text)
    }
}

/// What happened at a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// The journey began here.
    Departed,
    /// The train went through.
    Passed,
    /// The train stopped.
    Stopped,
    /// The train did not go there, although it was expected to.
    Bypassed,
    /// The journey ended here.
    Arrived,
}

impl Status {
    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Departed => "departed",
            Self::Passed => "passed",
            Self::Stopped => "stopped",
            Self::Bypassed => "bypassed",
            Self::Arrived => "arrived",
        }
    }

    /// Read the word used in files.
    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Departed,
            Self::Passed,
            Self::Stopped,
            Self::Bypassed,
            Self::Arrived,
        ]
        .into_iter()
        .find(|status| status.as_str() == text)
    }
}

/// A time reported by a source.
#[derive(Clone, Debug)]
pub struct ReportedTime {
    /// The time with the offset it was reported in.
    pub time: DateTime<FixedOffset>,
    /// Who reported it.
    pub source: String,
    /// Reported as "about" or derived.
    pub approximate: bool,
    /// Context.
    pub note: Option<String>,
    /// Other members, kept.
    pub extra: Extra,
}

/// A place the story speaks of.
#[derive(Clone, Debug)]
pub struct Place {
    /// Unique id within the story.
    pub id: String,
    /// Shown on the map.
    pub name: String,
    /// Its part in the journey.
    pub role: Role,
    /// What happened there.
    pub status: Option<Status>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    /// Where it is.
    pub position: LonLat,
    /// Local time at the place on the story's dates.
    pub utc_offset: Option<FixedOffset>,
    /// Where the coordinate comes from.
    pub coordinate_source: Option<String>,
    /// `station`, `town` or `estimate`.
    pub coordinate_quality: Option<String>,
    /// When it was reported to arrive.
    pub reported_arrival: Option<ReportedTime>,
    /// When it was reported to leave.
    pub reported_departure: Option<ReportedTime>,
    /// A planned stop, used by the estimates.
    pub dwell_secs: Option<f64>,
    /// Why the stop lasts that long.
    pub dwell_source: Option<String>,
    /// A sentence for the place's card.
    pub note: Option<String>,
    /// The article's words about this place, verbatim.
    pub excerpts: Vec<String>,
    /// The GeoJSON feature `id`, if it had one.
    pub feature_id: Option<Value>,
    /// Properties this version does not know, kept.
    pub extra: Extra,
    /// Members of the feature other than type, geometry, properties and id, kept.
    pub feature_extra: Extra,
}

/// A rail distance and where it comes from.
#[derive(Clone, Debug)]
pub struct SourcedDistance {
    /// The distance.
    pub distance: Distance,
    /// Who gives it.
    pub source: String,
    /// How it was derived, if it was.
    pub note: Option<String>,
}

/// Where a leg crosses a border.
#[derive(Clone, Debug)]
pub struct BorderCrossing {
    /// The crossing point.
    pub position: LonLat,
    /// Its name, e.g. a bridge.
    pub name: Option<String>,
    /// Where that comes from.
    pub source: Option<String>,
    /// Other members, kept.
    pub extra: Extra,
}

/// A stretch of the journey between two places, with its drawn geometry.
#[derive(Clone, Debug)]
pub struct Leg {
    /// Id of the place it starts at.
    pub from: String,
    /// Id of the place it ends at.
    pub to: String,
    /// The drawn line, longitude first; at least two points.
    pub geometry: Vec<LonLat>,
    /// The official rail distance, when one is known.
    pub rail_distance: Option<SourcedDistance>,
    /// A note about the distance when there is no official figure.
    pub rail_distance_note: Option<String>,
    /// Where the leg crosses a border, if it does.
    pub border_crossing: Option<BorderCrossing>,
    /// A what-if leg off the route.
    pub detour: bool,
    /// The GeoJSON feature `id`, if it had one.
    pub feature_id: Option<Value>,
    /// Properties this version does not know, kept.
    pub extra: Extra,
    /// Members of the feature other than type, geometry, properties and id, kept.
    pub feature_extra: Extra,
}

impl Place {
    /// A stop named `name` at `position`, with nothing else known about it.
    pub fn new(id: String, name: String, position: LonLat) -> Self {
        Self {
            id,
            name,
            role: Role::Stop,
            status: None,
            country: None,
            position,
            utc_offset: None,
            coordinate_source: None,
            coordinate_quality: None,
            reported_arrival: None,
            reported_departure: None,
            dwell_secs: None,
            dwell_source: None,
            note: None,
            excerpts: Vec::new(),
            feature_id: None,
            extra: Extra::new(),
            feature_extra: Extra::new(),
        }
    }
}

impl Leg {
    /// A leg of the route from `from` to `to` drawn through `geometry`, with nothing else
    /// known about it (no rail distance, no border crossing).
    pub fn new(from: String, to: String, geometry: Vec<LonLat>) -> Self {
        Self {
            from,
            to,
            geometry,
            rail_distance: None,
            rail_distance_note: None,
            border_crossing: None,
            detour: false,
            feature_id: None,
            extra: Extra::new(),
            feature_extra: Extra::new(),
        }
    }
}

impl Story {
    /// The place with `id` (a linear search: to look up many, use [`Story::place_indices`]).
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|place| place.id == id)
    }

    /// The name of the place at `index` in [`Story::places`], or "?" for an index that is
    /// not a place (never, for indices from the story's own route).
    pub fn place_name(&self, index: usize) -> &str {
        self.places
            .get(index)
            .map_or("?", |place| place.name.as_str())
    }

    /// Index of the place with `id` in [`Story::places`] (a linear search: to look up many,
    /// use [`Story::place_indices`]).
    pub fn place_index(&self, id: &str) -> Option<usize> {
        self.places.iter().position(|place| place.id == id)
    }

    /// Every place's index by its id, built once: where ids repeat (a story that fails to
    /// load), the first place with the id, as [`Story::place_index`] finds it.
    pub fn place_indices(&self) -> std::collections::HashMap<&str, usize> {
        let mut indices = std::collections::HashMap::with_capacity(self.places.len());
        for (index, place) in self.places.iter().enumerate() {
            indices.entry(place.id.as_str()).or_insert(index);
        }
        indices
    }

    /// The article as one text, paragraphs separated by blank lines.
    pub fn article_text(&self) -> String {
        self.meta.article.join("\n\n")
    }
}

/// A story with nothing in it, titled with why: shown only if even the bundled story cannot
/// be loaded, so the app can say so instead of crashing.
pub fn empty_story(reason: &str) -> Story {
    Story {
        kind: StoryKind::Story,
        meta: StoryMeta::untold(format!("No story: {reason}"), "no story loaded"),
        places: Vec::new(),
        legs: Vec::new(),
        detours: Vec::new(),
        areas: Vec::new(),
        other_features: Vec::new(),
        feature_order: Vec::new(),
        extra: Extra::new(),
    }
}

impl StoryMeta {
    /// The speed assumed when a file gives none, in km/h.
    pub const ASSUMED_KMH: f64 = 60.0;

    /// Metadata of a story that tells nothing but its title: no article, no times, and the
    /// assumed speed with `speed_source` saying why it is assumed.
    pub fn untold(title: String, speed_source: &str) -> Self {
        Self {
            title,
            outlet: None,
            date: None,
            url: None,
            article: Vec::new(),
            article_source: None,
            default_speed: ReportedSpeed {
                value: Self::ASSUMED_KMH,
                unit: SpeedUnit::Kmh,
                speed: Speed::new(Self::ASSUMED_KMH, SpeedUnit::Kmh)
                    .unwrap_or_else(|_| unreachable!("60 km/h is a valid speed")),
                source: speed_source.to_owned(),
                quote: None,
                extra: Extra::new(),
            },
            departure: None,
            sources: Vec::new(),
            extra: Extra::new(),
        }
    }
}

#[cfg(test)]
mod tests;
