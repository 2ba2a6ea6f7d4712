//! The desktop app: the story's route on a map, the article's words at each place, and the
//! journey's times at a speed the reader chooses.
//!
//! Invariants: [`PersistedState`] is the only state saved between runs; the story, its
//! measured [`Route`] and the map's caches are rebuilt at start. UI functions read a
//! [`ViewModel`] and return [`Intent`]s, which [`StoryApp::apply`] carries out in one place.
//! Time comes from egui (`input.time`), never the system clock (but for `--measure-startup`,
//! which measures the wall time to the first frame). A story that fails to load
//! is reported in a window, and the story already open stays open.

pub mod state;

use crate::map::MapLayers;
use crate::map::view::{Flight, Insets, MapView, fit_view};
use crate::route::{Itinerary, Route, TripOptions};
use crate::story::{
    ExcerptSpan, LoadError, Loaded, LonLat, Problem, Story, default_story, excerpt_spans,
    load_story_file,
};
use crate::units::{Speed, SpeedUnit};
pub use state::{Intent, PersistedState, ThemeChoice};
use std::path::PathBuf;
use walkers::MapMemory;

/// How the app is started.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    /// A story file to open instead of the bundled story.
    pub story_path: Option<PathBuf>,
    /// A local `.pmtiles` file to draw under the route.
    pub pmtiles_path: Option<PathBuf>,
    /// Ignore the saved state (tests and screenshots start fresh).
    pub fresh: bool,
    /// When the program started, to report how long the first frame took to reach the
    /// screen and then quit (`--measure-startup`, for benchmarks).
    pub measure_startup_from: Option<std::time::Instant>,
}

/// Everything the UI functions read in a frame.
pub struct ViewModel<'a> {
    /// The open story.
    pub story: &'a Story,
    /// Its measured route.
    pub route: &'a Route,
    /// Where the places' excerpts stand in each paragraph of the article.
    pub excerpt_spans: &'a [Vec<ExcerptSpan>],
    /// The journey at the current speed and options.
    pub itinerary: &'a Itinerary,
    /// The selected place, if any.
    pub selected: Option<usize>,
    /// The current speed.
    pub speed: Speed,
    /// The unit speeds and distances are shown in.
    pub unit: SpeedUnit,
    /// The saved state (theme, detour, panels).
    pub state: &'a PersistedState,
    /// Index into `route.detours` of the detour the toggle controls, if the story has one.
    pub detour: Option<usize>,
    /// Whether the departure time is an assumption.
    pub departure_assumed: bool,
    /// Warnings from loading the story.
    pub warnings: &'a [Problem],
    /// The journey replay: seconds since departure, if the train is shown.
    pub playback_secs: Option<f64>,
    /// Whether the replay is running.
    pub playing: bool,
}

/// The app.
pub struct StoryApp {
    state: PersistedState,
    loaded: Loaded,
    route: Route,
    /// Where the places' excerpts stand in the article, found once per story.
    excerpt_spans: Vec<Vec<ExcerptSpan>>,
    /// The detour the "via" toggle controls.
    detour: Option<usize>,
    selected: Option<usize>,
    map_memory: MapMemory,
    flight: Option<Flight>,
    /// Fit the route once the map's size is known.
    fit_pending: bool,
    /// The map's size in the last frame, for zoom-to-fit from the keyboard.
    map_size: egui::Vec2,
    /// Where the map was on screen in the last frame.
    map_rect: egui::Rect,
    layers: MapLayers,
    load_error: Option<LoadError>,
    show_help: bool,
    show_sources: bool,
    show_warnings: bool,
    /// The journey replay: seconds since departure, if the train is shown.
    playback_secs: Option<f64>,
    /// Whether the replay is running.
    playing: bool,
    /// What the user typed in the "open story" field.
    open_path_text: String,
    /// While measuring the startup: when the program started, and egui's number of the
    /// app's first frame.
    startup_probe: Option<(std::time::Instant, u64)>,
    /// From the start of the program until its first frame was on screen.
    startup_secs: Option<f64>,
}

impl StoryApp {
    /// The app as eframe creates it: the saved state restored, the story loaded.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        let state: PersistedState = if options.fresh {
            PersistedState::default()
        } else {
            cc.storage
                .and_then(|storage| eframe::get_value(storage, eframe::APP_KEY))
                .unwrap_or_default()
        };
        let (loaded, load_error) = match &options.story_path {
            Some(path) => match load_story_file(path) {
                Ok(loaded) => (loaded, None),
                Err(error) => (bundled_story(), Some(error)),
            },
            None => (bundled_story(), None),
        };
        let mut app = Self::with_story(&cc.egui_ctx, state, loaded, options.pmtiles_path);
        app.load_error = load_error;
        app.startup_probe = options
            .measure_startup_from
            .map(|started| (started, cc.egui_ctx.cumulative_frame_nr()));
        app
    }

    fn with_story(
        ctx: &egui::Context,
        state: PersistedState,
        loaded: Loaded,
        pmtiles_path: Option<PathBuf>,
    ) -> Self {
        let route = Route::new(&loaded.story);
        let excerpt_spans = excerpt_spans(&loaded.story);
        let detour = (!route.detours.is_empty()).then_some(0);
        let mut map_memory = MapMemory::default();
        let saved_view = state.view.filter(MapView::is_valid);
        if let Some(view) = saved_view {
            apply_view(&mut map_memory, view);
        }
        apply_theme(ctx, state.theme);
        install_fonts(ctx);
        let layers = MapLayers::new(ctx, pmtiles_path, state.online_tiles);
        Self {
            fit_pending: saved_view.is_none(),
            state,
            loaded,
            route,
            excerpt_spans,
            detour,
            selected: None,
            map_memory,
            flight: None,
            map_size: egui::Vec2::ZERO,
            map_rect: egui::Rect::NOTHING,
            layers,
            load_error: None,
            show_help: false,
            show_sources: false,
            show_warnings: false,
            open_path_text: String::new(),
            playback_secs: None,
            playing: false,
            startup_probe: None,
            startup_secs: None,
        }
    }

    /// The open story.
    pub fn story(&self) -> &Story {
        &self.loaded.story
    }

    /// The selected place, if any.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// The current map view.
    pub fn map_view(&self) -> MapView {
        let center = self.map_memory.detached().map_or_else(
            || self.origin_position(),
            |position| LonLat::new(position.x(), position.y()),
        );
        MapView {
            center_lon: center.lon,
            center_lat: center.lat,
            zoom: self.map_memory.zoom(),
        }
    }

    /// Where the map was on screen in the last frame.
    pub fn map_rect(&self) -> egui::Rect {
        self.map_rect
    }

    /// Jump to `view` at once (benchmarks and tests; the user's moves fly).
    pub fn set_view(&mut self, view: MapView) {
        self.flight = None;
        self.fit_pending = false;
        apply_view(&mut self.map_memory, view);
    }

    /// Whether a flight between views is under way.
    pub fn is_flying(&self) -> bool {
        self.flight.is_some()
    }

    /// How long the first frame took to reach the screen, once measured (see
    /// [`AppOptions::measure_startup_from`]).
    pub fn startup_secs(&self) -> Option<f64> {
        self.startup_secs
    }

    /// The saved state as it stands.
    pub fn persisted(&self) -> &PersistedState {
        &self.state
    }

    fn origin_position(&self) -> LonLat {
        self.route
            .stops
            .first()
            .and_then(|index| self.loaded.story.places.get(*index))
            .map_or(LonLat::new(130.0, 45.0), |place| place.position)
    }

    fn speed(&self) -> (Speed, SpeedUnit) {
        let reported = &self.loaded.story.meta.default_speed;
        self.state.speed(reported.speed, reported.unit)
    }

    /// The journey at the current speed and options.
    pub fn itinerary(&self) -> Itinerary {
        let (speed, _) = self.speed();
        Itinerary::new(
            &self.loaded.story,
            &self.route,
            TripOptions {
                speed,
                departure: self.loaded.story.meta.departure.as_ref().map(|d| d.time),
                detour: self.detour.filter(|_| self.state.via_detour),
            },
        )
    }

    /// Every point the route view should show: the route, the detour and every place.
    fn route_points(&self) -> Vec<LonLat> {
        let story = &self.loaded.story;
        story
            .legs
            .iter()
            .chain(&story.detours)
            .flat_map(|leg| leg.geometry.iter().copied())
            .chain(story.places.iter().map(|place| place.position))
            .collect()
    }

    fn fit_route_view(&self, size: egui::Vec2) -> Option<MapView> {
        // Keep the route clear of the zoom buttons (right) and the legend (bottom left).
        let insets = Insets {
            left: 40.0,
            top: 40.0,
            right: 70.0,
            bottom: 150.0,
        };
        fit_view(
            self.route_points(),
            f64::from(size.x),
            f64::from(size.y),
            insets,
        )
    }

    fn fly_to(&mut self, ctx: &egui::Context, to: MapView) {
        let now = ctx.input(|input| input.time);
        self.flight = Some(Flight::new(self.map_view(), to, now));
        ctx.request_repaint();
    }

    /// The order places are stepped through with ←/→: the route's stops, then the waypoints.
    fn place_order(&self) -> Vec<usize> {
        let mut order = self.route.stops.clone();
        for index in 0..self.loaded.story.places.len() {
            if !order.contains(&index) {
                order.push(index);
            }
        }
        order
    }

    /// Carry out what the user asked for.
    pub fn apply(&mut self, ctx: &egui::Context, intent: Intent) {
        match intent {
            Intent::Select(index) => self.select(ctx, index),
            Intent::ClearSelection => self.selected = None,
            Intent::SelectNext
            | Intent::SelectPrevious
            | Intent::SelectFirst
            | Intent::SelectLast => {
                let order = self.place_order();
                let position = self
                    .selected
                    .and_then(|selected| order.iter().position(|i| *i == selected));
                let target = match (intent, position) {
                    (Intent::SelectFirst, _) | (Intent::SelectNext, None) => order.first(),
                    (Intent::SelectNext, Some(position)) => {
                        order.get((position + 1).min(order.len() - 1))
                    }
                    (Intent::SelectPrevious, Some(position)) => {
                        order.get(position.saturating_sub(1))
                    }
                    _ => order.last(),
                };
                if let Some(target) = target.copied() {
                    self.select(ctx, target);
                }
            }
            Intent::SetSpeed(value) => {
                let (_, unit) = self.speed();
                if Speed::new(value, unit).is_ok() {
                    self.state.speed_value = Some(value);
                    self.state.unit = Some(unit);
                }
            }
            Intent::SetUnit(unit) => {
                let (speed, _) = self.speed();
                self.state.unit = Some(unit);
                self.state.speed_value = Some(speed.in_unit(unit));
            }
            Intent::ResetSpeed => {
                let reported = &self.loaded.story.meta.default_speed;
                self.state.speed_value = Some(reported.value);
                self.state.unit = Some(reported.unit);
            }
            Intent::SetDetour(on) => self.state.via_detour = on,
            Intent::FitRoute => {
                if let Some(view) = self.fit_route_view(self.map_size) {
                    self.fly_to(ctx, view);
                }
            }
            Intent::ZoomBy(levels) => {
                let mut view = self
                    .flight
                    .map_or_else(|| self.map_view(), |flight| flight.to);
                view.zoom = (view.zoom + levels)
                    .clamp(crate::map::view::MIN_ZOOM, crate::map::view::MAX_ZOOM);
                self.fly_to(ctx, view);
            }
            Intent::SetTheme(theme) => {
                self.state.theme = theme;
                apply_theme(ctx, theme);
            }
            Intent::ToggleHelp => self.show_help = !self.show_help,
            Intent::ToggleSources => self.show_sources = !self.show_sources,
            Intent::SetArticle(open) => self.state.show_article = open,
            Intent::SetOnlineTiles(on) => {
                self.state.online_tiles = on;
                self.layers.set_online(ctx, on);
            }
            Intent::OpenStory(path) => self.open_story(ctx, &path),
            Intent::DismissLoadError => self.load_error = None,
            Intent::DismissTilesError => self.layers.dismiss_tiles_error(),
            Intent::SetPlayback(secs) => {
                let total = self.itinerary().total_duration_secs;
                self.playback_secs = Some(secs.clamp(0.0, total));
            }
            Intent::TogglePlay => {
                let total = self.itinerary().total_duration_secs;
                self.playing = !self.playing;
                // Playing from the end starts again.
                if self.playing && self.playback_secs.is_none_or(|secs| secs >= total) {
                    self.playback_secs = Some(0.0);
                }
                ctx.request_repaint();
            }
            Intent::HideTrain => {
                self.playing = false;
                self.playback_secs = None;
            }
        }
    }

    fn select(&mut self, ctx: &egui::Context, index: usize) {
        let Some(place) = self.loaded.story.places.get(index) else {
            return;
        };
        self.selected = Some(index);
        let current = self.map_view();
        let zoom = current.zoom.max(7.0);
        // The card covers the right of the map: centre the place in the room left of it.
        let free_px = f64::from(self.map_size.x) - crate::ui::CARD_COVER_PX;
        let shift_px = if free_px >= 160.0 {
            crate::ui::CARD_COVER_PX / 2.0
        } else {
            0.0
        };
        let (x, y) = crate::map::view::mercator(place.position);
        let center =
            crate::map::view::unmercator(x + shift_px / crate::map::view::world_size_px(zoom), y);
        self.fly_to(
            ctx,
            MapView {
                center_lon: center.lon,
                center_lat: center.lat,
                zoom,
            },
        );
    }

    /// Open another story; on failure keep the open one and show why.
    fn open_story(&mut self, ctx: &egui::Context, path: &std::path::Path) {
        match load_story_file(path) {
            Ok(loaded) => {
                let mut state = self.state.clone();
                state.view = None;
                // A new story starts at its own reported speed.
                state.speed_value = None;
                state.unit = None;
                let layers = std::mem::replace(&mut self.layers, MapLayers::empty());
                *self = Self::with_story(ctx, state, loaded, None);
                self.layers = layers;
                self.show_warnings = !self.loaded.warnings.is_empty();
            }
            Err(error) => self.load_error = Some(error),
        }
    }

    /// Keyboard shortcuts, unless a text field has the keyboard.
    fn keyboard_intents(ctx: &egui::Context) -> Vec<Intent> {
        if ctx.egui_wants_keyboard_input() {
            return Vec::new();
        }
        let bindings = [
            (egui::Key::ArrowRight, Intent::SelectNext),
            (egui::Key::ArrowLeft, Intent::SelectPrevious),
            (egui::Key::Home, Intent::SelectFirst),
            (egui::Key::End, Intent::SelectLast),
            (egui::Key::Escape, Intent::ClearSelection),
            (egui::Key::Plus, Intent::ZoomBy(1.0)),
            (egui::Key::Equals, Intent::ZoomBy(1.0)),
            (egui::Key::Minus, Intent::ZoomBy(-1.0)),
            (egui::Key::F, Intent::FitRoute),
            (egui::Key::F1, Intent::ToggleHelp),
            (egui::Key::Questionmark, Intent::ToggleHelp),
        ];
        ctx.input(|input| {
            bindings
                .into_iter()
                .filter(|(key, _)| input.key_pressed(*key) && !input.modifiers.command)
                .map(|(_, intent)| intent)
                .collect()
        })
    }

    /// Journey hours shown per second of replay: the whole trip in about a quarter minute.
    const REPLAY_HOURS_PER_SEC: f64 = 3.0;

    fn advance_playback(&mut self, ctx: &egui::Context) {
        if !self.playing {
            return;
        }
        let total = self.itinerary().total_duration_secs;
        let dt = f64::from(ctx.input(|input| input.stable_dt).min(0.1));
        let secs = self.playback_secs.unwrap_or(0.0) + dt * Self::REPLAY_HOURS_PER_SEC * 3600.0;
        if secs >= total {
            self.playback_secs = Some(total);
            self.playing = false;
        } else {
            self.playback_secs = Some(secs);
            ctx.request_repaint();
        }
    }

    /// The journey replay's position, if the train is shown.
    pub fn playback_secs(&self) -> Option<f64> {
        self.playback_secs
    }

    fn advance_flight(&mut self, ctx: &egui::Context) {
        let Some(flight) = self.flight else {
            return;
        };
        let now = ctx.input(|input| input.time);
        apply_view(&mut self.map_memory, flight.view_at(now));
        if flight.is_done(now) {
            self.flight = None;
        } else {
            ctx.request_repaint();
        }
    }
}

fn bundled_story() -> Loaded {
    // The bundled story is checked by the tests; should it ever fail, show an empty map with
    // the reason rather than crash.
    default_story().unwrap_or_else(|error| Loaded {
        story: crate::story::empty_story(&error.to_string()),
        warnings: error.problems,
    })
}

fn apply_view(memory: &mut MapMemory, view: MapView) {
    memory.center_at(walkers::lon_lat(view.center_lon, view.center_lat));
    // Out of range only for a corrupted view; the map then keeps its zoom.
    let _ = memory.set_zoom(view.zoom);
}

/// egui's own font lacks arrows (→), the minus sign and other symbols the app shows; DejaVu
/// Sans, bundled, fills the gaps on every machine, with or without system fonts.
fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "DejaVuSans".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(include_bytes!(
            "../../assets/fonts/DejaVuSans.ttf"
        ))),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("DejaVuSans".to_owned());
    }
    ctx.set_fonts(fonts);
}

fn apply_theme(ctx: &egui::Context, theme: ThemeChoice) {
    ctx.set_theme(match theme {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
    });
}

impl eframe::App for StoryApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if let Some((started, first_frame_nr)) = self.startup_probe {
            // eframe paints and presents a frame before it begins the next one, and shows
            // the window after its first paint: when the second frame begins, the first is
            // on screen.
            if ctx.cumulative_frame_nr() > first_frame_nr {
                let secs = started.elapsed().as_secs_f64();
                self.startup_secs = Some(secs);
                self.startup_probe = None;
                println!("first frame on screen {:.0} ms after start", secs * 1000.0);
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                ctx.request_repaint();
            }
        }
        for intent in Self::keyboard_intents(ctx) {
            self.apply(ctx, intent);
        }
        let dropped: Vec<PathBuf> = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_path_buf())
                .filter(|path| !path.as_os_str().is_empty())
                .collect()
        });
        for path in dropped {
            self.apply(ctx, Intent::OpenStory(path));
        }
        self.advance_flight(ctx);
        self.advance_playback(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let itinerary = self.itinerary();
        let (speed, unit) = self.speed();
        let departure_assumed = self
            .loaded
            .story
            .meta
            .departure
            .as_ref()
            .is_some_and(|departure| departure.assumed);
        let mut intents = Vec::new();
        let map_size_stable;
        {
            let model = ViewModel {
                story: &self.loaded.story,
                route: &self.route,
                excerpt_spans: &self.excerpt_spans,
                itinerary: &itinerary,
                selected: self.selected,
                speed,
                unit,
                state: &self.state,
                detour: self.detour,
                departure_assumed,
                warnings: &self.loaded.warnings,
                playback_secs: self.playback_secs,
                playing: self.playing,
            };
            intents.extend(crate::ui::menu_bar_ui(ui, &model, &mut self.open_path_text));
            intents.extend(crate::ui::side_panel_ui(
                ui,
                &model,
                &mut self.show_warnings,
            ));
            if self.state.show_article {
                intents.extend(crate::ui::article_panel_ui(ui, &model));
            }
            let map_output = crate::map::map_ui(ui, &model, &mut self.map_memory, &mut self.layers);
            map_size_stable = map_output.size == self.map_size;
            self.map_size = map_output.size;
            self.map_rect = map_output.rect;
            intents.extend(map_output.intents);
            if let Some(selected) = self.selected {
                intents.extend(crate::ui::place_card_ui(
                    &ctx,
                    &model,
                    selected,
                    map_output.rect,
                ));
            }
            if self.show_help {
                intents.extend(crate::ui::help_window_ui(&ctx));
            }
            if self.show_sources {
                intents.extend(crate::ui::sources_window_ui(
                    &ctx,
                    &model,
                    self.layers.online(),
                ));
            }
            if self.show_warnings {
                crate::ui::warnings_window_ui(&ctx, &model, &mut self.show_warnings);
            }
            if let Some(error) = &self.load_error {
                intents.extend(crate::ui::load_error_window_ui(&ctx, error));
            }
            if let Some(error) = self.layers.tiles_error() {
                intents.extend(crate::ui::tiles_error_window_ui(&ctx, error));
            }
        }
        // Fit once the panels have settled and the map's size is what it will be.
        if self.fit_pending && self.map_size.x > 0.0 {
            if let Some(view) = self.fit_route_view(self.map_size) {
                apply_view(&mut self.map_memory, view);
            }
            self.fit_pending = !map_size_stable;
            ctx.request_repaint();
        }
        for intent in intents {
            self.apply(&ctx, intent);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.state.view = Some(self.map_view()).filter(MapView::is_valid);
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
    }
}

/// Open the app in a native window.
pub fn run(options: AppOptions) -> eframe::Result {
    let native_options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("storyroute")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "storyroute",
        native_options,
        Box::new(move |cc| Ok(Box::new(StoryApp::new(cc, options)))),
    )
}
