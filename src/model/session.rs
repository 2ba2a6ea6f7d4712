//! One open story and everything that belongs to it: the story and its problems, the
//! measured route, where the excerpts stand in the article, the speed and the what-if
//! detour, the itinerary at that speed and its time–distance chart, the selection, the
//! replay and the map's flight to a place. Opening another story replaces the session and
//! nothing else.
//!
//! Invariants: the itinerary and the chart always match the speed and the detour (they are
//! rebuilt when either changes, never per frame); `selected` is an index into the story's
//! places or `None`; the replay's moment is within the journey; nothing here knows egui, so
//! every rule is unit-tested on its own. [`Session::apply`] takes any intent in any order
//! without panicking; what the shell must do in return comes back as [`Effect`]s.

use super::intent::Intent;
use super::lon_wrap::LonWrap;
use super::place_index::PlaceIndex;
use super::route_runs::{RouteRun, border_crossings, route_countries, route_runs};
use super::view::world_size_px;
use super::view::{Flight, Insets, MAX_ZOOM, MIN_ZOOM, MapView, fit_view, mercator, unmercator};
use crate::route::{Itinerary, Route, TimeDistanceChart, TripOptions, best_fit};
use crate::story::{Area, ExcerptSpan, Loaded, LonLat, Problem, Story, excerpt_spans};
use crate::units::{Speed, SpeedInput};

/// What the session needs to know about the map and the clock to carry out an intent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Surroundings {
    /// The caller's clock, in seconds (egui's `input.time`).
    pub now_secs: f64,
    /// What the map shows now.
    pub view: MapView,
    /// The map's size in pixels.
    pub map_width_px: f64,
    /// The map's height in pixels.
    pub map_height_px: f64,
    /// How much of the map's right side a place's card covers, in pixels.
    pub card_cover_px: f64,
}

/// What the shell must do after an intent or a frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Effect {
    /// Draw another frame soon: something is moving.
    Repaint,
    /// Show this view at once (the map's first fit).
    JumpTo(MapView),
}

/// The journey replay: where the train is shown, and whether it moves.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Replay {
    /// Seconds since departure, if the train is shown.
    pub secs: Option<f64>,
    /// Whether the replay is running.
    pub playing: bool,
}

/// Sessions made so far, to number them.
static SESSIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// One open story.
pub struct Session {
    /// This session's number, different from every other session's in this process: what
    /// the map keeps per story is keyed by it.
    generation: u64,
    loaded: Loaded,
    route: Route,
    excerpt_spans: Vec<Vec<ExcerptSpan>>,
    /// Index into `route.detours` of the detour the toggle controls, if the story has one.
    detour: Option<usize>,
    speed: SpeedInput,
    via_detour: bool,
    itinerary: Itinerary,
    /// The time–distance chart of the itinerary, rebuilt with it.
    chart: TimeDistanceChart,
    /// Why the last speed typed was refused, until a valid one is set.
    speed_error: Option<String>,
    selected: Option<usize>,
    /// The order ←/→ step through and the list shows: the route's stops, then the other
    /// places.
    place_order: Vec<usize>,
    /// The places by position, for the map's "which are in view".
    place_index: PlaceIndex,
    /// How the story's longitudes are drawn (one piece across the antimeridian).
    lon_wrap: LonWrap,
    /// The route as the map draws it.
    route_runs: Vec<RouteRun>,
    /// Where the route crosses borders.
    border_crossings: Vec<LonLat>,
    /// The countries the route runs in, for the legend.
    route_countries: Vec<String>,
    /// The origin, each border station and the destination, in travel order.
    journey_marks: Vec<usize>,
    replay: Replay,
    flight: Option<Flight>,
    /// Fit the story once the map's size is known.
    fit_pending: bool,
    /// How many edits the story has had since it was opened: the document compares it with
    /// the revision it last saved.
    revision: u64,
}

/// Room kept free around a fitted story: the zoom buttons are on the right, the legend at
/// the bottom left.
const FIT_INSETS: Insets = Insets {
    left: 40.0,
    top: 40.0,
    right: 70.0,
    bottom: 150.0,
};

/// The closest a fit goes: a story of one place is shown with its town around it.
pub const FIT_MAX_ZOOM: f64 = 11.0;

/// The zoom a selected place is shown at, at least.
const SELECT_MIN_ZOOM: f64 = 7.0;

/// Journey hours shown per second of replay: the whole trip in about a quarter minute.
pub const REPLAY_HOURS_PER_SEC: f64 = 3.0;

/// Every point a fitted view should show: the route, the detours, the places, the areas.
fn story_points(story: &Story) -> impl Iterator<Item = LonLat> + '_ {
    story
        .legs
        .iter()
        .chain(&story.detours)
        .flat_map(|leg| leg.geometry.iter().copied())
        .chain(story.places.iter().map(|place| place.position))
        .chain(story.areas.iter().flat_map(Area::outer_points))
}

impl Session {
    /// A session for `loaded`, at `speed` if given (else the story's reported speed), with
    /// the detour on or off. `fit` asks for the story to be fitted once the map's size is
    /// known (a new story, or no saved view).
    pub fn new(loaded: Loaded, speed: Option<SpeedInput>, via_detour: bool, fit: bool) -> Self {
        let route = Route::new(&loaded.story);
        let excerpt_spans = excerpt_spans(&loaded.story);
        let detour = (!route.detours.is_empty()).then_some(0);
        let speed = speed.unwrap_or_else(|| loaded.story.meta.default_speed.input());
        let mut in_order = vec![false; loaded.story.places.len()];
        let mut place_order = Vec::with_capacity(loaded.story.places.len());
        for &index in &route.stops {
            if let Some(seen) = in_order.get_mut(index)
                && !*seen
            {
                *seen = true;
                place_order.push(index);
            }
        }
        place_order.extend((0..in_order.len()).filter(|index| !in_order[*index]));
        let lon_wrap = LonWrap::around(story_points(&loaded.story).map(|point| point.lon));
        let place_index = PlaceIndex::new(&loaded.story.places, lon_wrap);
        let route_runs = route_runs(&loaded.story, lon_wrap);
        let border_crossings = border_crossings(&loaded.story, lon_wrap);
        let route_countries = route_countries(&loaded.story);
        let mut journey_marks: Vec<usize> = route.stops.first().copied().into_iter().collect();
        journey_marks.extend(route.stops.iter().copied().filter(|index| {
            loaded
                .story
                .places
                .get(*index)
                .is_some_and(|place| place.role == crate::story::Role::Border)
        }));
        journey_marks.extend(route.stops.last().copied());
        journey_marks.dedup();
        let itinerary = build_itinerary(&loaded.story, &route, speed.speed, detour, via_detour);
        let chart = TimeDistanceChart::new(&loaded.story, &route, &itinerary);
        Self {
            generation: SESSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            loaded,
            route,
            excerpt_spans,
            detour,
            speed,
            via_detour,
            itinerary,
            chart,
            speed_error: None,
            selected: None,
            place_order,
            place_index,
            lon_wrap,
            route_runs,
            border_crossings,
            route_countries,
            journey_marks,
            replay: Replay::default(),
            flight: None,
            fit_pending: fit,
            revision: 0,
        }
    }

    /// The session of a story rebuilt after `revision` edits (the author's desk makes a new
    /// session for each edit; the document compares revisions to tell unsaved changes).
    #[must_use]
    pub fn with_revision(mut self, revision: u64) -> Self {
        self.revision = revision;
        self
    }

    /// The session with the place at `selected` selected (if it is one of the story's), as
    /// it was before the story was rebuilt; the map does not fly to it.
    #[must_use]
    pub fn with_selection(mut self, selected: Option<usize>) -> Self {
        self.selected = selected.filter(|&index| index < self.loaded.story.places.len());
        self
    }

    /// How many edits the story has had since it was opened.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// This session's number, different from every other session's in this process.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The open story.
    pub fn story(&self) -> &Story {
        &self.loaded.story
    }

    /// What was not quite right about the story file.
    pub fn problems(&self) -> &[Problem] {
        &self.loaded.warnings
    }

    /// The story's measured route.
    pub fn route(&self) -> &Route {
        &self.route
    }

    /// Where the excerpts stand in each paragraph of the article.
    pub fn excerpt_spans(&self) -> &[Vec<ExcerptSpan>] {
        &self.excerpt_spans
    }

    /// The journey at the current speed and detour.
    pub fn itinerary(&self) -> &Itinerary {
        &self.itinerary
    }

    /// The time–distance chart of the journey at the current speed and detour.
    pub fn chart(&self) -> &TimeDistanceChart {
        &self.chart
    }

    /// The speed and its unit.
    pub fn speed(&self) -> SpeedInput {
        self.speed
    }

    /// Why the last speed typed was refused, if it was.
    pub fn speed_error(&self) -> Option<&str> {
        self.speed_error.as_deref()
    }

    /// Whether the what-if detour is taken.
    pub fn via_detour(&self) -> bool {
        self.via_detour
    }

    /// Index into the route's detours of the detour the toggle controls.
    pub fn detour(&self) -> Option<usize> {
        self.detour
    }

    /// The selected place.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// The places in the order the list shows and ←/→ step through.
    pub fn place_order(&self) -> &[usize] {
        &self.place_order
    }

    /// The places by position.
    pub fn place_index(&self) -> &PlaceIndex {
        &self.place_index
    }

    /// The route as the map draws it.
    pub fn route_runs(&self) -> &[RouteRun] {
        &self.route_runs
    }

    /// Where the route crosses borders.
    pub fn border_crossings(&self) -> &[LonLat] {
        &self.border_crossings
    }

    /// The countries the route runs in, for the legend.
    pub fn route_countries(&self) -> &[String] {
        &self.route_countries
    }

    /// The origin, each border station and the destination, in travel order.
    pub fn journey_marks(&self) -> &[usize] {
        &self.journey_marks
    }

    /// The replay.
    pub fn replay(&self) -> Replay {
        self.replay
    }

    /// Whether the map is flying to a view.
    pub fn is_flying(&self) -> bool {
        self.flight.is_some()
    }

    /// Whether the story still waits for its first fit.
    pub fn fit_pending(&self) -> bool {
        self.fit_pending
    }

    /// Where the map is centred when nothing else says: the origin, else the first place.
    pub fn home(&self) -> LonLat {
        let story = &self.loaded.story;
        self.route
            .stops
            .first()
            .and_then(|index| story.places.get(*index))
            .or_else(|| story.places.first())
            .map(|place| place.position)
            .or_else(|| {
                story
                    .areas
                    .iter()
                    .find_map(|area| area.outer_points().next())
            })
            .map_or(LonLat::new(130.0, 45.0), |point| self.lon_wrap.point(point))
    }

    /// How the story's longitudes are drawn.
    pub fn lon_wrap(&self) -> LonWrap {
        self.lon_wrap
    }

    /// The view that shows the whole story on a map of this size, if there is room.
    pub fn fitted_view(&self, width_px: f64, height_px: f64) -> Option<MapView> {
        let points = story_points(&self.loaded.story).map(|point| self.lon_wrap.point(point));
        fit_view(points, width_px, height_px, FIT_INSETS).map(|mut view| {
            view.zoom = view.zoom.min(FIT_MAX_ZOOM);
            view
        })
    }

    /// Carry out `intent`. Intents that belong to the shell (theme, windows, files) are
    /// ignored here.
    pub fn apply(&mut self, intent: &Intent, around: &Surroundings) -> Vec<Effect> {
        match *intent {
            Intent::Select(index) => return self.select(index, around),
            Intent::ClearSelection => self.selected = None,
            Intent::SelectNext
            | Intent::SelectPrevious
            | Intent::SelectFirst
            | Intent::SelectLast => {
                if let Some(target) = self.step_target(intent) {
                    return self.select(target, around);
                }
            }
            Intent::SetSpeed(value) => match Speed::new(value, self.speed.unit) {
                Ok(speed) => {
                    self.speed_error = None;
                    self.set_speed(SpeedInput {
                        speed,
                        unit: self.speed.unit,
                    });
                }
                Err(error) => self.speed_error = Some(error.to_string()),
            },
            Intent::SetUnit(unit) => {
                self.speed_error = None;
                self.speed.unit = unit;
            }
            Intent::ResetSpeed => {
                self.speed_error = None;
                self.set_speed(self.loaded.story.meta.default_speed.input());
            }
            Intent::FitSpeedToReports => match best_fit(&self.loaded.story, &self.route).speed {
                Some(speed) => {
                    self.speed_error = None;
                    self.set_speed(SpeedInput {
                        speed,
                        unit: self.speed.unit,
                    });
                }
                None => {
                    self.speed_error = Some(
                        "No speed fits: the story has no reported arrival after a known departure"
                            .to_owned(),
                    );
                }
            },
            Intent::SetDetour(on) => {
                self.via_detour = on;
                self.rebuild_itinerary();
            }
            Intent::FitRoute => {
                if let Some(view) = self.fitted_view(around.map_width_px, around.map_height_px) {
                    return self.fly_to(view, around);
                }
            }
            Intent::ZoomBy(levels) => {
                if levels.is_finite() {
                    let mut view = self.flight.map_or(around.view, |flight| flight.to);
                    view.zoom = (view.zoom + levels).clamp(MIN_ZOOM, MAX_ZOOM);
                    return self.fly_to(view, around);
                }
            }
            Intent::ZoomToPlaces(ref members) => return self.zoom_to_places(members, around),
            Intent::SetPlayback(secs) => {
                let total = self.itinerary.total_duration_secs;
                self.replay.secs = Some(clamp_or_zero(secs, total));
            }
            Intent::TogglePlay => {
                let total = self.itinerary.total_duration_secs;
                self.replay.playing = !self.replay.playing;
                // Playing from the end starts again.
                if self.replay.playing && self.replay.secs.is_none_or(|secs| secs >= total) {
                    self.replay.secs = Some(0.0);
                }
                return vec![Effect::Repaint];
            }
            Intent::HideTrain => self.replay = Replay::default(),
            Intent::SetTitle(ref title) => {
                let title = title.trim();
                if title != self.loaded.story.meta.title {
                    title.clone_into(&mut self.loaded.story.meta.title);
                    self.revision += 1;
                }
            }
            Intent::SetTheme(_)
            | Intent::ToggleHelp
            | Intent::ToggleSources
            | Intent::SetArticle(_)
            | Intent::SetChart(_)
            | Intent::ExportChartSvg(_)
            | Intent::ExportChartPng(_)
            | Intent::SetOnlineTiles(_)
            | Intent::SetLocalNames(_)
            | Intent::OpenStory(_)
            | Intent::ShowOpenDialog
            | Intent::ClearRecent
            | Intent::Save
            | Intent::ShowSaveAs
            | Intent::SaveAs(_)
            | Intent::ShowExport(_)
            | Intent::Export(..)
            | Intent::SetDetails(_)
            | Intent::Quit
            | Intent::SaveThenContinue
            | Intent::DiscardThenContinue
            | Intent::KeepEditing
            | Intent::DismissFileMessage
            | Intent::DismissLoadError
            | Intent::DismissTilesError
            | Intent::DismissNotice
            | Intent::SetArticleWindow(_)
            | Intent::ShowOpenArticleDialog
            | Intent::OpenArticleFile(_)
            | Intent::FindPlaces
            | Intent::Desk(_)
            | Intent::DeskUndo
            | Intent::DeskRedo
            | Intent::CloseDesk
            | Intent::MovePlace { .. }
            | Intent::BendLeg { .. }
            | Intent::StraightenLeg(_) => {}
        }
        Vec::new()
    }

    /// Move time on to `now_secs`, `dt_secs` after the last frame: the flight and the
    /// replay advance.
    pub fn advance(&mut self, now_secs: f64, dt_secs: f64) -> Vec<Effect> {
        let mut effects = Vec::new();
        if let Some(flight) = self.flight {
            // A clock gone wrong (not finite) ends the flight where it was going.
            let view = Some(flight.view_at(now_secs)).filter(MapView::is_valid);
            effects.push(Effect::JumpTo(view.unwrap_or(flight.to)));
            if view.is_none() || flight.is_done(now_secs) {
                self.flight = None;
            } else {
                effects.push(Effect::Repaint);
            }
        }
        if self.replay.playing {
            let total = self.itinerary.total_duration_secs;
            let step = if dt_secs.is_finite() {
                dt_secs.clamp(0.0, 0.1)
            } else {
                0.0
            };
            let secs = self.replay.secs.unwrap_or(0.0) + step * REPLAY_HOURS_PER_SEC * 3600.0;
            if secs >= total {
                self.replay = Replay {
                    secs: Some(total),
                    playing: false,
                };
            } else {
                self.replay.secs = Some(secs);
                effects.push(Effect::Repaint);
            }
        }
        effects
    }

    /// Fit the story to a map of this size if it waits for its first fit. The fit is
    /// repeated until the map's size has settled (`size_settled`: the same as in the frame
    /// before), as panels find their widths in the first frames.
    pub fn fit_if_pending(
        &mut self,
        width_px: f64,
        height_px: f64,
        size_settled: bool,
    ) -> Vec<Effect> {
        if !self.fit_pending || width_px <= 0.0 {
            return Vec::new();
        }
        let mut effects = Vec::new();
        if let Some(view) = self.fitted_view(width_px, height_px) {
            effects.push(Effect::JumpTo(view));
        }
        self.fit_pending = !size_settled;
        effects.push(Effect::Repaint);
        effects
    }

    /// Stop any flight and do not fit later (the view was set from outside).
    pub fn stop_moving(&mut self) {
        self.flight = None;
        self.fit_pending = false;
    }

    fn set_speed(&mut self, choice: SpeedInput) {
        self.speed = choice;
        self.rebuild_itinerary();
    }

    fn rebuild_itinerary(&mut self) {
        self.itinerary = build_itinerary(
            &self.loaded.story,
            &self.route,
            self.speed.speed,
            self.detour,
            self.via_detour,
        );
        self.chart = TimeDistanceChart::new(&self.loaded.story, &self.route, &self.itinerary);
        // The journey's length changed: keep the replay's train within it.
        if let Some(secs) = self.replay.secs {
            self.replay.secs = Some(clamp_or_zero(secs, self.itinerary.total_duration_secs));
        }
    }

    fn step_target(&self, intent: &Intent) -> Option<usize> {
        let order = &self.place_order;
        let position = self
            .selected
            .and_then(|selected| order.iter().position(|i| *i == selected));
        let target = match (intent, position) {
            (Intent::SelectFirst, _) | (Intent::SelectNext, None) => order.first(),
            (Intent::SelectNext, Some(position)) => order.get((position + 1).min(order.len() - 1)),
            (Intent::SelectPrevious, Some(position)) => order.get(position.saturating_sub(1)),
            _ => order.last(),
        };
        target.copied()
    }

    fn select(&mut self, index: usize, around: &Surroundings) -> Vec<Effect> {
        let Some(place) = self.loaded.story.places.get(index) else {
            return Vec::new();
        };
        self.selected = Some(index);
        let zoom = if around.view.zoom.is_finite() {
            around.view.zoom.clamp(SELECT_MIN_ZOOM, MAX_ZOOM)
        } else {
            SELECT_MIN_ZOOM
        };
        // The card covers the right of the map: centre the place in the room left of it.
        let free_px = around.map_width_px - around.card_cover_px;
        let shift_px = if free_px >= 160.0 {
            around.card_cover_px / 2.0
        } else {
            0.0
        };
        let (x, y) = mercator(self.lon_wrap.point(place.position));
        let center = unmercator(x + shift_px / world_size_px(zoom), y);
        self.fly_to(
            MapView {
                center_lon: center.lon,
                center_lat: center.lat,
                zoom,
            },
            around,
        )
    }

    /// Fly to show `members`, at least two levels closer than now when they lie too close
    /// together for a fit to zoom in (places at one spot), up to the closest zoom.
    fn zoom_to_places(&mut self, members: &[usize], around: &Surroundings) -> Vec<Effect> {
        let story = &self.loaded.story;
        let points = members
            .iter()
            .filter_map(|index| story.places.get(*index))
            .map(|place| self.lon_wrap.point(place.position));
        let Some(mut view) = fit_view(
            points,
            around.map_width_px,
            around.map_height_px,
            Insets::uniform(60.0),
        ) else {
            return Vec::new();
        };
        if around.view.zoom.is_finite() && view.zoom < around.view.zoom + 2.0 {
            view.zoom = (around.view.zoom + 2.0).min(MAX_ZOOM);
        }
        self.fly_to(view, around)
    }

    fn fly_to(&mut self, to: MapView, around: &Surroundings) -> Vec<Effect> {
        if !to.is_valid() {
            return Vec::new();
        }
        let from = if around.view.is_valid() {
            around.view
        } else {
            to
        };
        self.flight = Some(Flight::new(from, to, around.now_secs));
        self.fit_pending = false;
        vec![Effect::Repaint]
    }
}

fn build_itinerary(
    story: &Story,
    route: &Route,
    speed: Speed,
    detour: Option<usize>,
    via_detour: bool,
) -> Itinerary {
    Itinerary::new(
        story,
        route,
        TripOptions {
            speed,
            departure: story.meta.departure.as_ref().map(|d| d.time),
            detour: detour.filter(|_| via_detour),
        },
    )
}

/// `secs` within 0…`total`; NaN becomes 0.
fn clamp_or_zero(secs: f64, total: f64) -> f64 {
    if secs.is_nan() {
        0.0
    } else {
        secs.clamp(0.0, total.max(0.0))
    }
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
