//! The desktop app's shell: what outlives a story. It holds the saved state, the map's
//! memory, the basemap and tiles, the windows and the file that failed to open, and one
//! [`Session`] for the open story; opening another story replaces the session only.
//!
//! Invariants: [`PersistedState`] is the only state saved between runs. UI functions read a
//! [`ViewModel`](crate::model::ViewModel) and return [`Intent`]s, which [`StoryApp::apply`]
//! carries out in one place (the per-story ones by [`Session::apply`]). Time comes from egui
//! (`input.time`), never the system clock (but for `--measure-startup`, which measures the
//! wall time to the first frame). A story that fails to load is reported in a window, and
//! the story already open stays open. Nothing fails silently: a saved state that cannot be
//! read, and online tiles that cannot be fetched, are said on screen.

mod chart_export;
mod desk;
mod files;
mod loading;
mod look;
mod renderer_choice;
mod saved_state;
mod software_storage;
mod software_window;

pub use chart_export::{crop_screenshot, save_chart_svg, save_png, write_png};
pub use files::OPEN_EXTENSIONS;
pub use renderer_choice::{
    AdapterKind, GraphicsSignals, Renderer, RunError, choose_renderer, run_with_renderer,
};
pub use saved_state::{Restored, keep_aside, restore_state};

use crate::map::{AreaMeshes, MapLayers, MarkerLayout};
use crate::model::view::MapView;
use crate::model::{Document, Effect, Intent, PersistedState, Session, Surroundings};
use crate::story::{LoadError, Loaded, Story, default_story};
use loading::{Finished, Loading, Opened, Purpose};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
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
    /// Where saved settings that cannot be read are copied aside; `None`: the app's data
    /// folder (eframe's storage folder for "storyroute").
    pub data_dir: Option<PathBuf>,
    /// When the program started, to report how long the first frame took to reach the
    /// screen and then quit (`--measure-startup`, for benchmarks).
    pub measure_startup_from: Option<std::time::Instant>,
}

/// The app.
pub struct StoryApp {
    state: PersistedState,
    session: Session,
    /// Whether the open story is the bundled one: only its view is saved, as the next run
    /// opens on it (a story opened from a file is fitted when opened again).
    bundled_open: bool,
    /// The story's areas, triangulated once per story.
    areas: AreaMeshes,
    map_memory: MapMemory,
    /// The map's size in the last frame, for zoom-to-fit from the keyboard.
    map_size: egui::Vec2,
    /// Where the map was on screen in the last frame.
    map_rect: egui::Rect,
    layers: MapLayers,
    load_error: Option<LoadError>,
    /// Something that went wrong outside the user's sight (the saved settings could not be
    /// read), said once until dismissed.
    notice: Option<String>,
    /// The saved settings that could not be read, written back under another key at the
    /// next save so that they are not lost.
    unreadable_state: Option<String>,
    show_help: bool,
    show_sources: bool,
    show_warnings: bool,
    /// The open story's file, and whether it has unsaved changes.
    document: Document,
    /// The file dialogs, the unsaved-changes question, what the last save did.
    files: files::Files,
    /// The article window and the author's desk.
    authoring: desk::Authoring,
    /// A map image written from a screenshot, once the screenshot has come: the file and
    /// whether it was written.
    screenshot_result: Arc<Mutex<Option<files::Written>>>,
    /// The file name the chart is saved under (without extension).
    chart_export_path: String,
    /// What the last chart export did; a PNG is written when the screenshot arrives, so the
    /// sentence is shared with the screenshot's callback.
    chart_export_message: Arc<Mutex<Option<String>>>,
    /// Where the chart was drawn in the last frame, in points.
    chart_rect: Option<egui::Rect>,
    /// While measuring the startup: when the program started, and egui's number of the
    /// app's first frame.
    startup_probe: Option<(std::time::Instant, u64)>,
    /// From the start of the program until its first frame was on screen.
    startup_secs: Option<f64>,
    /// The story being opened in the background, if one is.
    loading: Option<Loading>,
    /// While measuring the startup with a story named: when the program started, and the
    /// frame that drew the story (or the reason it could not be opened) once it did.
    story_probe: Option<(std::time::Instant, Option<(u64, bool)>)>,
    /// From the start of the program until the story asked for was on screen.
    story_on_screen_secs: Option<f64>,
}

/// The storage key under which saved settings that could not be read are kept.
pub const UNREADABLE_STATE_KEY: &str = "unreadable_app_state";

impl StoryApp {
    /// The app as eframe creates it: the saved state restored, the story loaded.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        let restored = if options.fresh {
            Restored::default()
        } else {
            let raw = cc
                .storage
                .and_then(|storage| storage.get_string(eframe::APP_KEY));
            restore_state(raw.as_deref())
        };
        let state = restored.state;
        let saved_view = state.view.filter(MapView::is_valid);
        // The window opens at once with the bundled story; a story named on the command
        // line is opened in the background and swapped in when ready.
        let session = Session::new(
            bundled_story(),
            state.saved_speed(),
            state.via_detour,
            saved_view.is_none(),
        );
        let loading = options.story_path.as_deref().map(|path| {
            Loading::start(
                path,
                Purpose::Startup,
                state.via_detour,
                // The saved view was of another story: a story asked for is fitted.
                true,
                &cc.egui_ctx,
            )
        });
        let mut map_memory = MapMemory::default();
        if let Some(view) = saved_view {
            apply_view(&mut map_memory, view);
        }
        look::apply_theme(&cc.egui_ctx, state.theme);
        look::install_fonts(&cc.egui_ctx);
        let layers = MapLayers::new(&cc.egui_ctx, options.pmtiles_path, state.online_tiles);
        let mut notice = None;
        if let Some(unreadable) = &restored.unreadable {
            let kept = options
                .data_dir
                .clone()
                .or_else(|| eframe::storage_dir(APP_NAME))
                .ok_or_else(|| "no folder for the app's data".to_owned())
                .and_then(|dir| keep_aside(&dir, &unreadable.text).map_err(|e| e.to_string()));
            notice = Some(match kept {
                Ok(path) => format!(
                    "Your saved settings could not be read ({}). They were kept in {} and \
                     the app starts with the default settings.",
                    unreadable.reason,
                    path.display()
                ),
                Err(why) => format!(
                    "Your saved settings could not be read ({}); the app starts with the \
                     default settings. They could not be copied aside ({why}); they stay in \
                     the settings file under another name.",
                    unreadable.reason
                ),
            });
            log::warn!("saved settings unreadable: {}", unreadable.reason);
        }
        let mut app = Self {
            state,
            areas: AreaMeshes::new(&session.story().areas),
            session,
            bundled_open: true,
            map_memory,
            map_size: egui::Vec2::ZERO,
            map_rect: egui::Rect::NOTHING,
            layers,
            load_error: None,
            notice,
            unreadable_state: restored.unreadable.map(|unreadable| unreadable.text),
            show_help: false,
            show_sources: false,
            show_warnings: false,
            document: Document::new(crate::model::Origin::Bundled, 0),
            files: files::Files::default(),
            authoring: desk::Authoring::default(),
            screenshot_result: Arc::new(Mutex::new(None)),
            chart_export_path: "time-distance-chart".to_owned(),
            chart_export_message: Arc::new(Mutex::new(None)),
            chart_rect: None,
            startup_probe: None,
            startup_secs: None,
            loading,
            story_probe: None,
            story_on_screen_secs: None,
        };
        app.startup_probe = options
            .measure_startup_from
            .map(|started| (started, cc.egui_ctx.cumulative_frame_nr()));
        if app.loading.is_some() {
            app.story_probe = options.measure_startup_from.map(|started| (started, None));
        }
        app
    }

    /// The open story.
    pub fn story(&self) -> &Story {
        self.session.story()
    }

    /// The open story's session.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The selected place, if any.
    pub fn selected(&self) -> Option<usize> {
        self.session.selected()
    }

    /// The current map view.
    pub fn map_view(&self) -> MapView {
        let center = self.map_memory.detached().map_or_else(
            || self.session.home(),
            |position| crate::story::LonLat::new(position.x(), position.y()),
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

    /// The markers and clusters the map showed in the last frame.
    pub fn marker_layout(&self) -> &MarkerLayout {
        self.layers.marker_layout()
    }

    /// Jump to `view` at once (benchmarks and tests; the user's moves fly).
    pub fn set_view(&mut self, view: MapView) {
        self.session.stop_moving();
        apply_view(&mut self.map_memory, view);
    }

    /// Whether a flight between views is under way.
    pub fn is_flying(&self) -> bool {
        self.session.is_flying()
    }

    /// How long the first frame took to reach the screen, once measured (see
    /// [`AppOptions::measure_startup_from`]).
    pub fn startup_secs(&self) -> Option<f64> {
        self.startup_secs
    }

    /// How long the story asked for with `--story` took to be on screen, once measured (see
    /// [`AppOptions::measure_startup_from`]); without `--story`, the first frame's time.
    pub fn story_on_screen_secs(&self) -> Option<f64> {
        self.story_on_screen_secs
    }

    /// Whether a story is being opened in the background.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// The saved state as it stands.
    pub fn persisted(&self) -> &PersistedState {
        &self.state
    }

    /// The notice shown about something that went wrong in the background, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The journey replay's position, if the train is shown.
    pub fn playback_secs(&self) -> Option<f64> {
        self.session.replay().secs
    }

    fn surroundings(&self, ctx: &egui::Context) -> Surroundings {
        Surroundings {
            now_secs: ctx.input(|input| input.time),
            view: self.map_view(),
            map_width_px: f64::from(self.map_size.x),
            map_height_px: f64::from(self.map_size.y),
            card_cover_px: crate::ui::CARD_COVER_PX,
        }
    }

    /// Carry out what the user asked for.
    pub fn apply(&mut self, ctx: &egui::Context, intent: Intent) {
        match intent {
            Intent::SetTheme(theme) => {
                self.state.theme = theme;
                look::apply_theme(ctx, theme);
            }
            Intent::ToggleHelp => self.show_help = !self.show_help,
            Intent::ToggleSources => self.show_sources = !self.show_sources,
            Intent::SetArticle(open) => self.state.show_article = open,
            Intent::SetChart(open) => self.state.show_chart = open,
            Intent::ExportChartSvg(path) => {
                let message = save_chart_svg(
                    self.session.chart(),
                    &self.session.story().meta.title,
                    &path,
                );
                self.set_chart_message(message);
            }
            Intent::ExportChartPng(path) => self.export_chart_png(ctx, path),
            Intent::SetOnlineTiles(on) => {
                self.state.online_tiles = on;
                self.layers.set_online(ctx, on);
            }
            Intent::SetLocalNames(on) => self.state.local_names = on,
            Intent::DismissLoadError => self.load_error = None,
            Intent::DismissTilesError => self.layers.dismiss_tiles_error(),
            Intent::DismissNotice => self.notice = None,
            file_intent if self.apply_file_intent(ctx, &file_intent) => {}
            desk_intent if self.apply_desk_intent(ctx, &desk_intent) => {}
            story_intent => {
                let around = self.surroundings(ctx);
                let effects = self.session.apply(&story_intent, &around);
                self.carry_out(ctx, &effects);
                self.remember_session_choices();
            }
        }
    }

    /// Where the time–distance chart was drawn in the last frame (points), if it is open.
    pub fn chart_rect(&self) -> Option<egui::Rect> {
        self.chart_rect.filter(|_| self.state.show_chart)
    }

    /// What the last chart export did, if anything.
    pub fn chart_export_message(&self) -> Option<String> {
        self.chart_export_message
            .lock()
            .ok()
            .and_then(|message| message.clone())
    }

    fn set_chart_message(&self, message: String) {
        log::info!("{message}");
        if let Ok(mut slot) = self.chart_export_message.lock() {
            *slot = Some(message);
        }
    }

    /// Ask for a screenshot; when it arrives, cut the chart out of it and save it as PNG.
    fn export_chart_png(&self, ctx: &egui::Context, path: PathBuf) {
        let Some(rect) = self.chart_rect() else {
            self.set_chart_message("Open the chart to save it as PNG".to_owned());
            return;
        };
        self.set_chart_message(format!("Saving {}…", path.display()));
        let slot = Arc::clone(&self.chart_export_message);
        let pixels_per_point = ctx.pixels_per_point();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            let message = match crop_screenshot(&image, rect, pixels_per_point) {
                Some(cut) => save_png(&cut, &path),
                None => "Could not save the PNG: the chart is not on screen".to_owned(),
            };
            log::info!("{message}");
            if let Ok(mut slot) = slot.lock() {
                *slot = Some(message);
            }
            repaint.request_repaint();
        });
    }

    fn carry_out(&mut self, ctx: &egui::Context, effects: &[Effect]) {
        for effect in effects {
            match effect {
                Effect::Repaint => ctx.request_repaint(),
                Effect::JumpTo(view) => apply_view(&mut self.map_memory, *view),
            }
        }
    }

    /// The speed, its unit and the detour belong to the session; the saved state follows.
    fn remember_session_choices(&mut self) {
        let speed = self.session.speed();
        self.state.speed_value = Some(speed.speed.in_unit(speed.unit));
        self.state.unit = Some(speed.unit);
        self.state.via_detour = self.session.via_detour();
    }

    /// Open another story in the background; the open one stays until it is ready (see
    /// [`loading`]). A story that opens within [`loading::GRACE`] swaps in at once.
    fn open_story(&mut self, ctx: &egui::Context, path: &std::path::Path) {
        // Only one load at a time: the one under way, if any, is called off.
        self.loading = None;
        let mut loading = Loading::start(path, Purpose::Open, self.state.via_detour, true, ctx);
        match loading.wait(loading::GRACE) {
            Some(finished) => self.finish_loading(ctx, &loading, finished),
            None => {
                self.loading = Some(loading);
                ctx.request_repaint_after(loading::POLL_INTERVAL);
            }
        }
    }

    /// Swap in the story once it is ready (called as a frame begins).
    fn poll_loading(&mut self, ctx: &egui::Context) {
        let Some(loading) = &mut self.loading else {
            return;
        };
        match loading.poll() {
            Some(finished) => {
                if let Some(loading) = self.loading.take() {
                    self.finish_loading(ctx, &loading, finished);
                }
            }
            None => ctx.request_repaint_after(loading::POLL_INTERVAL),
        }
    }

    /// Stop opening a story: the open one stays, nothing is reported.
    fn cancel_loading(&mut self, ctx: &egui::Context) {
        if let Some(loading) = self.loading.take() {
            log::info!("cancelled opening {}", loading.path().display());
            loading.cancel();
            self.story_probe_done(ctx, false);
        }
    }

    /// Put the story in place as opening it used to: a new story starts at its own speed,
    /// fitted, its warnings shown; on failure keep the open one and show why.
    fn finish_loading(&mut self, ctx: &egui::Context, loading: &Loading, finished: Finished) {
        let opened = matches!(finished, Finished::Opened(_));
        match finished {
            Finished::Opened(opened) => {
                log::info!("opened {}", loading.path().display());
                let Opened { session, areas } = *opened;
                self.session = session;
                self.areas = areas;
                // The desk made the story that was open; this one is another.
                self.authoring.desk = None;
                self.document = files::document_for(
                    Some(loading.path()),
                    self.session.story().kind,
                    self.session.revision(),
                );
                crate::model::document::remember_recent(
                    &mut self.state.recent_files,
                    loading.path(),
                );
                self.bundled_open = false;
                self.load_error = None;
                if loading.purpose() == Purpose::Open {
                    self.show_warnings = self
                        .session
                        .problems()
                        .iter()
                        .any(|problem| problem.severity == crate::story::Severity::Warning);
                }
                // The view saved was of the story before; this one is fitted.
                self.state.view = None;
                // The what-if toggle may have changed while the story loaded.
                if self.session.via_detour() != self.state.via_detour {
                    let around = self.surroundings(ctx);
                    self.session
                        .apply(&Intent::SetDetour(self.state.via_detour), &around);
                }
                if loading.purpose() == Purpose::Open {
                    self.remember_session_choices();
                }
            }
            Finished::Failed(error) => {
                log::warn!("{error}");
                self.load_error = Some(error);
            }
        }
        self.story_probe_done(ctx, opened);
    }

    /// While measuring the startup: the story asked for (or why it is not there) is drawn
    /// in this frame, so it is on screen when the next one begins.
    fn story_probe_done(&mut self, ctx: &egui::Context, opened: bool) {
        if let Some((_, drawn_in)) = &mut self.story_probe {
            *drawn_in = Some((ctx.cumulative_frame_nr(), opened));
            ctx.request_repaint();
        }
    }

    /// `--measure-startup`: the first frame on screen, then (with `--story`) the story.
    fn measure_startup(&mut self, ctx: &egui::Context) {
        let frame = ctx.cumulative_frame_nr();
        if let Some((started, first_frame_nr)) = self.startup_probe {
            // eframe paints and presents a frame before it begins the next one, and shows
            // the window after its first paint: when the second frame begins, the first is
            // on screen.
            if frame > first_frame_nr {
                let secs = started.elapsed().as_secs_f64();
                self.startup_secs = Some(secs);
                self.startup_probe = None;
                println!("first frame on screen {:.0} ms after start", secs * 1000.0);
                if self.story_probe.is_none() {
                    self.story_on_screen_secs = Some(secs);
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            } else {
                ctx.request_repaint();
            }
        }
        if let Some((started, Some((drawn_in, opened)))) = self.story_probe
            && frame > drawn_in
            && self.startup_secs.is_some()
        {
            let secs = started.elapsed().as_secs_f64();
            self.story_probe = None;
            if opened {
                self.story_on_screen_secs = Some(secs);
                println!("story on screen {:.0} ms after start", secs * 1000.0);
            } else {
                println!(
                    "the story was not opened ({:.0} ms after start)",
                    secs * 1000.0
                );
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
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
}

/// The name eframe files the app's data under.
pub const APP_NAME: &str = "storyroute";

fn bundled_story() -> Loaded {
    // The bundled story is checked by the tests; should it ever fail, show an empty map with
    // the reason rather than crash.
    default_story().unwrap_or_else(|error| Loaded {
        story: crate::story::empty_story(&error.to_string()),
        warnings: error.problems,
    })
}

fn apply_view(memory: &mut MapMemory, view: MapView) {
    if !view.is_valid() {
        return;
    }
    memory.center_at(walkers::lon_lat(view.center_lon, view.center_lat));
    // Out of range only for a corrupted view; the map then keeps its zoom.
    let _ = memory.set_zoom(view.zoom);
}

impl eframe::App for StoryApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll_loading(ctx);
        self.measure_startup(ctx);
        self.check_close(ctx);
        self.poll_screenshot_export();
        for intent in Self::file_shortcuts(ctx) {
            self.apply(ctx, intent);
        }
        for intent in self.desk_shortcuts(ctx) {
            self.apply(ctx, intent);
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
        let (now, dt) = ctx.input(|input| (input.time, f64::from(input.stable_dt)));
        let effects = self.session.advance(now, dt);
        self.carry_out(ctx, &effects);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let mut intents = Vec::new();
        let size_settled;
        {
            let mut model = self.session.view_model(&self.state);
            model.editing = self.authoring.desk.is_some();
            intents.extend(crate::ui::menu_bar_ui(
                ui,
                &model,
                &crate::ui::MenuView {
                    unsaved: self.document.is_unsaved(self.session.revision()),
                    file_status: self.files.status.as_deref(),
                },
            ));
            intents.extend(crate::ui::side_panel_ui(
                ui,
                &model,
                &mut self.show_warnings,
            ));
            if let Some(desk) = &self.authoring.desk {
                let resolved = desk::resolved_roles(desk, self.session.story());
                let drawn_km = desk::drawn_km(&self.authoring, &self.session);
                let view = crate::ui::DeskView {
                    desk,
                    problem: self.authoring.desk_problem.as_deref(),
                    resolved: &resolved,
                    drawn_km: &drawn_km,
                };
                intents.extend(crate::ui::desk_panel_ui(
                    ui,
                    &view,
                    &mut self.authoring.fields,
                ));
            }
            // At the desk, its sentences are the article: the panel would squeeze the map.
            if self.state.show_article && self.authoring.desk.is_none() {
                intents.extend(crate::ui::article_panel_ui(ui, &model));
            }
            let map_output = crate::map::map_ui(
                ui,
                &model,
                self.session.home(),
                &self.areas,
                &mut self.map_memory,
                &mut self.layers,
            );
            size_settled = map_output.size == self.map_size;
            self.map_size = map_output.size;
            self.map_rect = map_output.rect;
            intents.extend(map_output.intents);
            if let Some(selected) = model.selected {
                intents.extend(crate::ui::place_card_ui(
                    &ctx,
                    &model,
                    selected,
                    map_output.rect,
                ));
            }
            if self.state.show_chart {
                let message = self.chart_export_message();
                let (chart_intents, rect) = crate::ui::chart_window_ui(
                    &ctx,
                    &model,
                    crate::ui::ChartWindowState {
                        export_path: &mut self.chart_export_path,
                        export_message: message.as_deref(),
                    },
                );
                intents.extend(chart_intents);
                self.chart_rect = rect;
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
            if let Some(notice) = &self.notice {
                intents.extend(crate::ui::notice_window_ui(&ctx, notice));
            }
        }
        intents.extend(self.article_window_ui(&ctx));
        intents.extend(self.files_ui(&ctx));
        if let Some(loading) = &self.loading {
            let view = crate::ui::LoadingView {
                file_name: &loading.file_name(),
                progress: loading.progress(),
            };
            if crate::ui::loading_window_ui(&ctx, &view) {
                self.cancel_loading(&ctx);
            }
        }
        // Fit once the panels have settled and the map's size is what it will be.
        let effects = self.session.fit_if_pending(
            f64::from(self.map_size.x),
            f64::from(self.map_size.y),
            size_settled,
        );
        self.carry_out(&ctx, &effects);
        for intent in intents {
            self.apply(&ctx, intent);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.state.view = Some(self.map_view()).filter(|view| self.bundled_open && view.is_valid());
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
        if let Some(text) = &self.unreadable_state {
            storage.set_string(UNREADABLE_STATE_KEY, text.clone());
        }
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
        APP_NAME,
        native_options,
        Box::new(move |cc| Ok(Box::new(StoryApp::new(cc, options)))),
    )
}
