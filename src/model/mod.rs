//! The app's model, apart from any drawing: the per-story [`Session`], what the user asks
//! for ([`Intent`]), what the panels and the map read each frame ([`ViewModel`]), the one
//! persisted state, and the map view's math.
//!
//! Invariants: nothing here imports egui, eframe, walkers, [`map`](crate::map) or
//! [`ui`](crate::ui); both of those import this module, and the shell ([`app`](crate::app))
//! joins them. The layers, each importing only those below it: `ui`, `map` → `model` →
//! `route`, `story` → `geodesy`, `units` (checked by `tests/architecture.rs`).

pub mod document;
mod export_kind;
mod intent;
mod lon_wrap;
mod place_index;
mod route_runs;
mod session;
pub mod state;
pub mod view;

pub use document::{Document, Origin, SaveTarget};
pub use export_kind::ExportKind;
pub use intent::Intent;
pub use lon_wrap::LonWrap;
pub use place_index::PlaceIndex;
pub use route_runs::{
    LOD_ZOOMS, MAX_RUN_POINTS, RouteRun, border_crossings, route_countries, route_runs,
};
pub use session::{Effect, FIT_MAX_ZOOM, REPLAY_HOURS_PER_SEC, Replay, Session, Surroundings};
pub use state::{PersistedState, ThemeChoice};

use crate::route::{Itinerary, Route, TimeDistanceChart};
use crate::story::{ExcerptSpan, Problem, Story};
use crate::units::{Speed, SpeedUnit};

/// Everything the UI functions read in a frame.
pub struct ViewModel<'a> {
    /// The session's number: what is kept per story is kept under it.
    pub generation: u64,
    /// The open story.
    pub story: &'a Story,
    /// Its measured route.
    pub route: &'a Route,
    /// Where the places' excerpts stand in each paragraph of the article.
    pub excerpt_spans: &'a [Vec<ExcerptSpan>],
    /// The journey at the current speed and options.
    pub itinerary: &'a Itinerary,
    /// The places in the order the list shows: the route's stops, then the others.
    pub place_order: &'a [usize],
    /// The places by position.
    pub place_index: &'a PlaceIndex,
    /// The route as the map draws it.
    pub route_runs: &'a [RouteRun],
    /// Where the route crosses borders.
    pub border_crossings: &'a [crate::story::LonLat],
    /// How the story's longitudes are drawn: every position the map puts on screen goes
    /// through it.
    pub lon_wrap: LonWrap,
    /// The countries the route runs in, for the legend.
    pub route_countries: &'a [String],
    /// The places the journey summary times: the origin, each border station, the
    /// destination.
    pub journey_marks: &'a [usize],
    /// Its time–distance chart, with the implied speeds and the best fit.
    pub chart: &'a TimeDistanceChart,
    /// The selected place, if any.
    pub selected: Option<usize>,
    /// The current speed.
    pub speed: Speed,
    /// The unit speeds and distances are shown in.
    pub unit: SpeedUnit,
    /// Why the last speed typed was refused, if it was.
    pub speed_error: Option<&'a str>,
    /// The saved state (theme, detour, panels).
    pub state: &'a PersistedState,
    /// Index into `route.detours` of the detour the toggle controls, if the story has one.
    pub detour: Option<usize>,
    /// Whether the departure time is an assumption.
    pub departure_assumed: bool,
    /// What was not quite right about the story file (warnings and information).
    pub warnings: &'a [Problem],
    /// The journey replay: seconds since departure, if the train is shown.
    pub playback_secs: Option<f64>,
    /// Whether the replay is running.
    pub playing: bool,
    /// Whether the story is being made at the author's desk: markers can be dragged.
    pub editing: bool,
}

impl Session {
    /// What the panels and the map read this frame.
    pub fn view_model<'a>(&'a self, state: &'a PersistedState) -> ViewModel<'a> {
        let speed = self.speed();
        let replay = self.replay();
        ViewModel {
            generation: self.generation(),
            story: self.story(),
            route: self.route(),
            excerpt_spans: self.excerpt_spans(),
            itinerary: self.itinerary(),
            place_order: self.place_order(),
            place_index: self.place_index(),
            route_runs: self.route_runs(),
            border_crossings: self.border_crossings(),
            lon_wrap: self.lon_wrap(),
            route_countries: self.route_countries(),
            journey_marks: self.journey_marks(),
            chart: self.chart(),
            selected: self.selected(),
            speed: speed.speed,
            unit: speed.unit,
            speed_error: self.speed_error(),
            state,
            detour: self.detour(),
            departure_assumed: self
                .story()
                .meta
                .departure
                .as_ref()
                .is_some_and(|departure| departure.assumed),
            warnings: self.problems(),
            playback_secs: replay.secs,
            playing: replay.playing,
            editing: false,
        }
    }
}
