//! What is drawn under the route: the offline basemap (always), and optionally raster tiles
//! from OpenStreetMap (online, off by default) or a local `.pmtiles` file. Also the overlays
//! every map needs: zoom buttons, a legend and the attribution of what is shown.

use super::basemap_layer::BasemapLayer;
use super::frame_cache::FrameCache;
use crate::diagnostics::TileFailures;
use crate::model::{Intent, ViewModel};
use egui::{Align2, Rect, RichText, vec2};
use std::path::PathBuf;
use walkers::{HttpOptions, HttpTiles, PmTiles, Tiles};

/// The user agent sent to tile servers, as their usage policies ask.
const USER_AGENT: &str = concat!("storyroute/", env!("CARGO_PKG_VERSION"), " (desktop app)");

/// The map's layers; kept across frames, never persisted.
pub struct MapLayers {
    basemap: Option<BasemapLayer>,
    online: Option<HttpTiles>,
    pmtiles: Option<PmTiles>,
    /// Why the local tiles file could not be used, until the user dismisses it.
    tiles_error: Option<String>,
    /// What the map worked out for the view, kept while it stays.
    cache: FrameCache,
    /// How many tile fetches had failed when online tiles were switched on: more than that
    /// means they are failing now, and the map says so.
    failures_before_online: u64,
}

impl MapLayers {
    /// The offline basemap, plus the tiles asked for.
    pub fn new(ctx: &egui::Context, pmtiles_path: Option<PathBuf>, online: bool) -> Self {
        let mut layers = Self::empty();
        layers.basemap = Some(BasemapLayer::new());
        if let Some(path) = pmtiles_path {
            match std::fs::metadata(&path) {
                Ok(metadata) if metadata.is_file() => {
                    layers.pmtiles = Some(PmTiles::new(path, ctx.clone()));
                }
                Ok(_) => {
                    layers.tiles_error = Some(format!("{}: not a file", path.display()));
                }
                Err(error) => {
                    layers.tiles_error = Some(format!("{}: {error}", path.display()));
                }
            }
        }
        layers.set_online(ctx, online);
        layers
    }

    /// No layers at all (while a story is being swapped).
    pub fn empty() -> Self {
        Self {
            basemap: None,
            online: None,
            pmtiles: None,
            tiles_error: None,
            cache: FrameCache::default(),
            failures_before_online: 0,
        }
    }

    /// Why the local tiles file could not be used, if it could not.
    pub fn tiles_error(&self) -> Option<&str> {
        self.tiles_error.as_deref()
    }

    /// The user has read the tiles error.
    pub fn dismiss_tiles_error(&mut self) {
        self.tiles_error = None;
    }

    /// Switch OpenStreetMap tiles on or off.
    pub fn set_online(&mut self, ctx: &egui::Context, on: bool) {
        if !on {
            self.online = None;
            return;
        }
        if self.online.is_some() {
            return;
        }
        self.failures_before_online = TileFailures::now().count;
        let cache = directories::ProjectDirs::from("", "", "storyroute")
            .map(|dirs| dirs.cache_dir().join("tiles"));
        let options = HttpOptions {
            cache,
            user_agent: walkers::HeaderValue::from_str(USER_AGENT).ok(),
            ..HttpOptions::default()
        };
        self.online = Some(HttpTiles::with_options(
            walkers::sources::OpenStreetMap,
            options,
            ctx.clone(),
        ));
    }

    /// Whether OpenStreetMap tiles are shown.
    pub fn online(&self) -> bool {
        self.online.is_some()
    }

    /// Online tiles are on and some could not be fetched since: how many, and why the last
    /// one failed.
    pub fn online_failures(&self) -> Option<TileFailures> {
        self.online.as_ref()?;
        let failures = TileFailures::now();
        (failures.count > self.failures_before_online).then(|| TileFailures {
            count: failures.count - self.failures_before_online,
            last_reason: failures.last_reason,
        })
    }

    /// Whether online tiles are being fetched now (a failure may then need showing).
    pub fn online_fetching(&self) -> bool {
        self.online
            .as_ref()
            .is_some_and(|online| online.stats().in_progress > 0)
    }

    /// The markers and clusters the map showed in its last frame.
    pub fn marker_layout(&self) -> &super::MarkerLayout {
        self.cache.markers()
    }

    /// Whether a local tile file is shown.
    pub fn has_pmtiles(&self) -> bool {
        self.pmtiles.is_some()
    }

    /// The tiles for walkers, the basemap to draw under them, and what the map keeps while
    /// the view stays.
    pub fn parts(
        &mut self,
    ) -> (
        Option<&mut dyn Tiles>,
        Option<&mut BasemapLayer>,
        &mut FrameCache,
    ) {
        let tiles: Option<&mut dyn Tiles> = match (&mut self.online, &mut self.pmtiles) {
            (Some(online), _) => Some(online),
            (None, Some(pmtiles)) => Some(pmtiles),
            (None, None) => None,
        };
        (tiles, self.basemap.as_mut(), &mut self.cache)
    }
}

/// Zoom buttons (unless `zoom_buttons` is false: a picture of the map), the legend and the
/// attribution, over the map.
pub fn map_overlays_ui(
    ui: &mut egui::Ui,
    rect: Rect,
    model: &ViewModel<'_>,
    intents: &mut Vec<Intent>,
    online: bool,
    tile_failures: Option<&TileFailures>,
    zoom_buttons: bool,
) {
    let margin = 8.0;
    if zoom_buttons {
        zoom_buttons_ui(ui, rect, margin, intents);
    }

    let mut attribution = crate::basemap::ATTRIBUTION.to_owned();
    if online {
        attribution.push_str(" · © OpenStreetMap contributors");
    }
    egui::Area::new(ui.scope_id().with("attribution"))
        .pivot(Align2::RIGHT_BOTTOM)
        .fixed_pos(rect.right_bottom() + vec2(-margin, -margin))
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .inner_margin(egui::Margin::symmetric(6, 2))
                .show(ui, |ui| {
                    let response = ui
                        .add(egui::Button::new(RichText::new(attribution).small()).frame(false))
                        .on_hover_text("Map data sources and licences");
                    if response.clicked() {
                        intents.push(Intent::ToggleSources);
                    }
                });
        });

    if let Some(failures) = tile_failures {
        egui::Area::new(ui.scope_id().with("tile_failures"))
            .pivot(Align2::CENTER_TOP)
            .fixed_pos(rect.center_top() + vec2(0.0, margin))
            .order(egui::Order::Foreground)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    let plural = if failures.count == 1 { "" } else { "s" };
                    ui.label(
                        RichText::new(format!(
                            "Online tiles are not loading ({} tile{plural} failed); the offline map is shown.",
                            failures.count
                        ))
                        .small()
                        .color(ui.visuals().warn_fg_color),
                    )
                    .on_hover_text(format!("Last failure: {}", failures.last_reason));
                });
            });
    }

    if super::route_paint::has_legend(model) {
        egui::Area::new(ui.scope_id().with("legend"))
            .pivot(Align2::LEFT_BOTTOM)
            .fixed_pos(rect.left_bottom() + vec2(margin, -margin))
            .order(egui::Order::Foreground)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    super::route_paint::legend_ui(ui, model);
                });
            });
    }
}

/// Zoom in, out and fit, at the map's top right.
fn zoom_buttons_ui(ui: &egui::Ui, rect: Rect, margin: f32, intents: &mut Vec<Intent>) {
    egui::Area::new(ui.scope_id().with("zoom_buttons"))
        .pivot(Align2::RIGHT_TOP)
        .fixed_pos(rect.right_top() + vec2(-margin, margin))
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    if named_button(ui, "+", 16.0, "Zoom in", "Zoom in (+)").clicked() {
                        intents.push(Intent::ZoomBy(1.0));
                    }
                    if named_button(ui, "−", 16.0, "Zoom out", "Zoom out (−)").clicked() {
                        intents.push(Intent::ZoomBy(-1.0));
                    }
                    if named_button(ui, "⛶", 14.0, "Fit the route", "Fit the route (F)").clicked()
                    {
                        intents.push(Intent::FitRoute);
                    }
                });
            });
        });
}

/// A button showing `glyph`, named `name` for screen readers and tests (a word, not a glyph).
fn named_button(
    ui: &mut egui::Ui,
    glyph: &str,
    size: f32,
    name: &str,
    tip: &str,
) -> egui::Response {
    let response = ui.button(RichText::new(glyph).size(size));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
    response.on_hover_text(tip)
}
