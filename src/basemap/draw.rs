//! Turning the basemap into egui shapes for the current walkers view.
//!
//! Per frame: one affine transform from normalised Mercator to screen points (derived from the
//! projector, no trigonometry per vertex), the level of detail for the zoom and its tiles in
//! view (for each copy of the world the view spans; a tile not decoded yet is asked for and
//! its area drawn from the coarser level meanwhile), culling by per-feature bounding boxes,
//! then meshes for polygons and paths for lines, tessellated once into one mesh. The `below` shapes are cached for an unchanged view (rect, zoom, centre, theme),
//! so a still map costs a clone. While the view moves, it is drawn with a margin and the
//! next frames move and scale that mesh (one multiply-add per vertex) until the view leaves
//! the margin or the scale changes by more than a quarter; the first still frame draws again.
//! A drawing that lacked tiles is drawn again when they arrive.
//!
//! Invariant: `shapes` never panics on any projector state; degenerate views (zero-size rect,
//! non-finite transform) give just a background.

use egui::epaint::{PathShape, TextShape, WHITE_UV};
use egui::{Color32, FontId, Mesh, Pos2, Rect, Shape, Stroke, Vec2, pos2, vec2};
use walkers::Projector;

use std::collections::HashSet;
use std::sync::Arc;

use super::asset::{self, LineKind, MercRect, PlaceKind, Tile};
use super::labels::{LabelCandidate, place_labels};
use super::loader::TileLoader;
use super::style::{self, Palette};
use super::tiles::{tile_rect, tiles_for_view};
use super::{Basemap, BasemapTheme, StoryLabel};

/// Shapes of one frame of the basemap.
#[derive(Debug, Clone, Default)]
pub struct BasemapShapes {
    /// Painted under the route: background, land, water, lines.
    pub below: Vec<Shape>,
    /// Painted over the route: place labels, story labels, the "no data here" message.
    pub labels: Vec<Shape>,
    /// The view has (almost) no overlap with the data's extent; `labels` then holds a message.
    pub outside_extent: bool,
}

/// Screen = `offset + scale * mercator`, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ViewTransform {
    pub scale: f64,
    pub offset: [f64; 2],
}

impl ViewTransform {
    /// Derive the transform from two points of the projector (x of Mercator is linear).
    pub(crate) fn from_projector(projector: &Projector) -> Option<Self> {
        let center = projector.clip_rect().center().to_vec2();
        let step = 256.0_f32;
        let a = projector.unproject(center);
        let b = projector.unproject(center + vec2(step, 0.0));
        let ma = asset::lon_lat_to_merc(a.x(), a.y());
        let mb = asset::lon_lat_to_merc(b.x(), b.y());
        let scale = f64::from(step) / (mb[0] - ma[0]);
        let offset = [
            f64::from(center.x) - scale * ma[0],
            f64::from(center.y) - scale * ma[1],
        ];
        let ok = scale.is_finite() && scale > 0.0 && offset.iter().all(|v| v.is_finite());
        ok.then_some(Self { scale, offset })
    }

    pub(crate) fn to_screen(&self, p: [f64; 2]) -> Pos2 {
        pos2(
            (self.offset[0] + self.scale * p[0]) as f32,
            (self.offset[1] + self.scale * p[1]) as f32,
        )
    }

    pub(crate) fn to_merc(&self, p: Pos2) -> [f64; 2] {
        [
            (f64::from(p.x) - self.offset[0]) / self.scale,
            (f64::from(p.y) - self.offset[1]) / self.scale,
        ]
    }

    /// The Mercator rectangle seen through `rect`.
    pub(crate) fn view_rect(&self, rect: Rect) -> MercRect {
        MercRect {
            min: self.to_merc(rect.min),
            max: self.to_merc(rect.max),
        }
    }

    fn rect_to_screen(&self, r: &MercRect) -> Rect {
        Rect::from_min_max(self.to_screen(r.min), self.to_screen(r.max))
    }

    /// The transform for the copy of the world `copy` widths east.
    fn for_copy(&self, copy: i64) -> Self {
        Self {
            scale: self.scale,
            offset: [self.offset[0] + copy as f64 * self.scale, self.offset[1]],
        }
    }
}

/// The decoded tiles a view draws, each with the copy of the world it is seen in.
#[derive(Default)]
struct Plan {
    /// Land, water and lines: the view's level, and coarser ones where it is missing.
    geometry: Vec<(Arc<Tile>, i64)>,
    /// Places: every level up to the view's.
    places: Vec<(Arc<Tile>, i64)>,
    /// Every tile the view needs was there.
    complete: bool,
}

#[derive(Debug, Clone, PartialEq)]
struct CacheKey {
    rect: Rect,
    zoom: f64,
    transform: ViewTransform,
    theme: BasemapTheme,
    local_names: bool,
}

/// At most this many basemap places are considered for labels (biggest first)...
const LABEL_BUDGET: usize = 300;

/// ...and this many while the view moves.
const MOTION_LABEL_BUDGET: usize = 80;

/// While the view moves, a drawn basemap is moved and scaled instead of drawn again, as long
/// as the scale changed by less than this factor either way...
const MAX_REUSE_SCALE: f64 = 1.25;

/// ...and the view stays inside what was drawn: a moving view is drawn this far beyond each
/// edge, as a fraction of the map's width and height.
const MOTION_MARGIN: f32 = 0.25;

#[derive(Debug, Clone)]
struct Cached {
    key: CacheKey,
    /// Background (sea, "no data" hatch), land, water and lines, in screen points for `key`.
    mesh: std::sync::Arc<Mesh>,
    /// The Mercator rectangle `mesh` covers.
    covers: MercRect,
    /// Drawn for `key`; false when moved and scaled from another view.
    exact: bool,
    /// Drawn with every tile it needs (else drawn again once they arrive).
    complete: bool,
    /// The zoom and scale the features were drawn at (line widths, level of detail), which
    /// moving and scaling them does not change.
    drawn_zoom: f64,
    drawn_scale: f64,
    /// The egui frame this was made in, and whether the view was moving then.
    frame_nr: u64,
    moving: bool,
    /// The labels, valid while `key`, the story labels and the text scale are unchanged.
    labels: Option<CachedLabels>,
}

#[derive(Debug, Clone)]
struct CachedLabels {
    /// Placed from every candidate, not the fewer of a moving view.
    full: bool,
    story_labels: Vec<StoryLabel>,
    pixels_per_point: f32,
    shapes: Vec<Shape>,
}

/// Draws a [`Basemap`] for walkers views. Keep one across frames (it caches the last frame's
/// shapes); never persist it.
#[derive(Debug)]
pub struct BasemapPainter {
    basemap: Basemap,
    loader: TileLoader,
    cached: Option<Cached>,
    local_names: bool,
}

/// Whether the view is mostly off the data: under a fifth of the view shows data and under
/// half of the data is in view (so a zoomed-out world view showing all the data is fine).
pub(crate) fn is_outside(view: &MercRect, extent: &MercRect) -> bool {
    let shared = view.intersection(extent).area();
    shared <= 0.0 || (shared < 0.2 * view.area() && shared < 0.5 * extent.area())
}

/// Indices of items whose bounding box meets `view`.
pub(crate) fn cull<'a, T>(
    items: &'a [T],
    bbox: impl Fn(&T) -> &MercRect + 'a,
    view: &'a MercRect,
) -> impl Iterator<Item = &'a T> + 'a {
    items.iter().filter(move |item| bbox(item).intersects(view))
}

impl BasemapPainter {
    /// A painter for `basemap`.
    pub fn new(basemap: Basemap) -> Self {
        Self::with_loader(basemap, false)
    }

    /// A painter that decodes the tiles a view needs at once, on the calling thread, so that
    /// every frame is complete: for tests and benchmarks, not the app.
    pub fn new_synchronous(basemap: Basemap) -> Self {
        Self::with_loader(basemap, true)
    }

    fn with_loader(basemap: Basemap, inline: bool) -> Self {
        Self {
            loader: TileLoader::new(basemap.index().clone(), basemap.root().clone(), inline),
            basemap,
            cached: None,
            local_names: false,
        }
    }

    /// Label places with their local names (where known and the fonts can show them)
    /// instead of the English ones.
    pub fn set_local_names(&mut self, local: bool) {
        self.local_names = local;
    }

    /// Tiles decoded and kept besides the coarsest level (for tests and measurements).
    pub fn tiles_kept(&self) -> usize {
        self.loader.kept_count()
    }

    /// Whether the last frame was drawn with every tile it needed.
    pub fn is_complete(&self) -> bool {
        self.cached.as_ref().is_some_and(|c| c.complete)
    }

    /// The basemap drawn.
    pub fn basemap(&self) -> &Basemap {
        &self.basemap
    }

    /// Whether the last frame was drawn for its own view (`Some(false)`: moved and scaled
    /// from an earlier one), if any was drawn.
    #[cfg(test)]
    pub(crate) fn drawn_exactly(&self) -> Option<bool> {
        self.cached.as_ref().map(|cached| cached.exact)
    }

    /// Forget the cached shapes (the next call to [`Self::shapes`] rebuilds everything).
    pub fn invalidate(&mut self) {
        self.cached = None;
    }

    /// The shapes for the current view. Call during an egui pass (fonts must exist), from the
    /// walkers plugin or closure that has the frame's `projector`.
    pub fn shapes(
        &mut self,
        ctx: &egui::Context,
        projector: &Projector,
        theme: BasemapTheme,
        story_labels: &[StoryLabel],
    ) -> BasemapShapes {
        let palette = theme.palette();
        let rect = projector.clip_rect();
        let zoom = projector.zoom();
        let Some(transform) = ViewTransform::from_projector(projector) else {
            return BasemapShapes {
                below: vec![Shape::rect_filled(rect, 0.0, palette.no_data)],
                labels: Vec::new(),
                outside_extent: true,
            };
        };
        let key = CacheKey {
            rect,
            zoom,
            transform,
            theme,
            local_names: self.local_names,
        };
        // New tiles: a drawing that lacked them is not reused (below), so it is drawn again.
        self.loader.poll();
        // A view that changed since the last frame is moving (a drag, a flight): it is drawn
        // with a margin or moved from the last drawing, and fewer places are considered for
        // labels. Another pass of the same frame (egui may run two) reuses what the first
        // made. A later frame on the same view means it stopped: unless the drawing was made
        // for a still view, it is drawn again, exactly and without margin, and labelled in
        // full.
        let frame_nr = ctx.cumulative_frame_nr();
        let reusable = self.cached.as_ref().filter(|c| {
            c.key == key && (c.frame_nr == frame_nr || (c.exact && !c.moving && c.complete))
        });
        let (mesh, moving) = if let Some(c) = reusable {
            (c.mesh.clone(), c.frame_nr == frame_nr && c.moving)
        } else {
            let previous = self.cached.take();
            let moving = previous.as_ref().is_some_and(|c| c.key != key);
            let moved = previous
                .filter(|_| moving)
                .and_then(|c| self.moved(c, &key, frame_nr));
            let fresh = match moved {
                Some(fresh) => {
                    // Draw exactly once the view stops.
                    ctx.request_repaint();
                    fresh
                }
                None => self.build(ctx, key, &palette, moving, frame_nr),
            };
            let mesh = fresh.mesh.clone();
            self.cached = Some(fresh);
            (mesh, moving)
        };
        let below = vec![Shape::Mesh(mesh)];
        let outside_extent = is_outside(&transform.view_rect(rect), &self.basemap.extent_merc());
        let pixels_per_point = ctx.pixels_per_point();
        let cached_labels = self.cached.as_ref().and_then(|cached| {
            cached.labels.as_ref().filter(|labels| {
                (labels.full || moving)
                    && labels.pixels_per_point == pixels_per_point
                    && labels.story_labels == story_labels
            })
        });
        let labels = if let Some(labels) = cached_labels {
            labels.shapes.clone()
        } else {
            let budget = if moving {
                MOTION_LABEL_BUDGET
            } else {
                LABEL_BUDGET
            };
            let view = transform.view_rect(rect);
            let plan = self.plan(ctx, &view, self.basemap.lod_index(zoom));
            let mut labels = self.build_labels(
                ctx,
                &plan,
                &transform,
                rect,
                zoom,
                &palette,
                story_labels,
                budget,
            );
            if outside_extent {
                labels.extend(self.message(ctx, rect, &palette));
            }
            if moving {
                // One more frame, to label in full if the view stops here.
                ctx.request_repaint();
            }
            if let Some(cached) = &mut self.cached {
                cached.labels = Some(CachedLabels {
                    story_labels: story_labels.to_vec(),
                    pixels_per_point,
                    shapes: labels.clone(),
                    full: !moving,
                });
            }
            labels
        };
        BasemapShapes {
            below,
            labels,
            outside_extent,
        }
    }

    /// Draw the basemap for `key` in frame `frame_nr`; a `moving` view with
    /// [`MOTION_MARGIN`] beyond each edge.
    fn build(
        &mut self,
        ctx: &egui::Context,
        key: CacheKey,
        palette: &Palette,
        moving: bool,
        frame_nr: u64,
    ) -> Cached {
        let (t, zoom) = (key.transform, key.zoom);
        let margin = if moving { MOTION_MARGIN } else { 0.0 };
        let drawn = key.rect.expand2(key.rect.size() * margin);
        let covers = t.view_rect(drawn);
        let plan = self.plan(ctx, &covers, self.basemap.lod_index(zoom));
        let mut shapes = self.background(&t, drawn, palette);
        shapes.extend(features(&plan, &t, &covers, zoom, palette));
        let mesh = std::sync::Arc::new(pretessellate(ctx, shapes));
        Cached {
            key,
            mesh,
            covers,
            exact: true,
            complete: plan.complete,
            drawn_zoom: zoom,
            drawn_scale: t.scale,
            frame_nr,
            moving,
            labels: None,
        }
    }

    /// The drawing of `cached` moved and scaled to the view of `key`, if it still serves:
    /// same map size, theme and level of detail, a scale within [`MAX_REUSE_SCALE`] of the
    /// one it was drawn at, and a view inside what was drawn.
    ///
    /// The mesh is moved in place when egui no longer holds the last frame's (it has painted
    /// it by then), so a moving frame allocates and copies nothing here.
    fn moved(&self, mut cached: Cached, key: &CacheKey, frame_nr: u64) -> Option<Cached> {
        let from = &cached.key;
        let drift = key.transform.scale / cached.drawn_scale;
        let view = key.transform.view_rect(key.rect);
        let serves = from.rect == key.rect
            && from.theme == key.theme
            && self.basemap.lod_index(cached.drawn_zoom) == self.basemap.lod_index(key.zoom)
            && (1.0 / MAX_REUSE_SCALE..=MAX_REUSE_SCALE).contains(&drift)
            && cached.covers.contains(&view);
        if !serves {
            return None;
        }
        // new screen = offset' + scale' · merc, and merc = (old screen − offset) / scale.
        let ratio = key.transform.scale / from.transform.scale;
        let a = ratio as f32;
        let b = vec2(
            (key.transform.offset[0] - ratio * from.transform.offset[0]) as f32,
            (key.transform.offset[1] - ratio * from.transform.offset[1]) as f32,
        );
        for vertex in &mut std::sync::Arc::make_mut(&mut cached.mesh).vertices {
            vertex.pos = (vertex.pos.to_vec2() * a + b).to_pos2();
        }
        Some(Cached {
            key: key.clone(),
            exact: false,
            complete: false,
            frame_nr,
            moving: true,
            labels: None,
            ..cached
        })
    }

    /// The sea over `rect`, or the "no data" hatch where it leaves the data's extent.
    fn background(&self, t: &ViewTransform, rect: Rect, palette: &Palette) -> Vec<Shape> {
        let view = t.view_rect(rect);
        let extent = self.basemap.extent_merc();
        let mut out = Vec::new();
        let shared = view.intersection(&extent);
        if shared.min == view.min && shared.max == view.max {
            out.push(Shape::rect_filled(rect, 0.0, palette.sea));
        } else {
            out.push(Shape::rect_filled(rect, 0.0, palette.no_data));
            hatch(&mut out, t, rect, palette.no_data_hatch);
            if shared.area() > 0.0 {
                let sea = t.rect_to_screen(&shared).intersect(rect);
                out.push(Shape::rect_filled(sea, 0.0, palette.sea));
            }
        }
        out
    }

    /// The decoded tiles for `view` at level `lod`: those missing are asked for, and their
    /// area is covered by the finest coarser level that is there (the coarsest always is).
    fn plan(&mut self, ctx: &egui::Context, view: &MercRect, lod: usize) -> Plan {
        let index = self.basemap.index().clone();
        let mut plan = Plan {
            complete: true,
            ..Plan::default()
        };
        let mut seen = HashSet::new();
        for placed in tiles_for_view(&index, lod, view) {
            if let Some(tile) = self.loader.get(placed.id, ctx) {
                if seen.insert(placed) {
                    plan.geometry.push((tile, placed.copy));
                }
                continue;
            }
            plan.complete &= self.loader.has_failed(placed.id);
            let area = tile_rect(&index, placed.id)
                .shifted(placed.copy as f64)
                .intersection(view);
            for coarser in (0..lod).rev() {
                let fallback = tiles_for_view(&index, coarser, &area);
                let tiles: Option<Vec<_>> = fallback
                    .iter()
                    .map(|p| self.loader.get(p.id, ctx).map(|tile| (*p, tile)))
                    .collect();
                if let Some(tiles) = tiles {
                    for (p, tile) in tiles {
                        if seen.insert(p) {
                            plan.geometry.push((tile, p.copy));
                        }
                    }
                    break;
                }
            }
        }
        for level in 0..=lod {
            for placed in tiles_for_view(&index, level, view) {
                match self.loader.get(placed.id, ctx) {
                    Some(tile) => plan.places.push((tile, placed.copy)),
                    None => plan.complete &= self.loader.has_failed(placed.id),
                }
            }
        }
        plan
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "one private step of shapes(), fed from its locals"
    )]
    fn build_labels(
        &self,
        ctx: &egui::Context,
        plan: &Plan,
        t: &ViewTransform,
        rect: Rect,
        zoom: f64,
        palette: &Palette,
        story_labels: &[StoryLabel],
        budget: usize,
    ) -> Vec<Shape> {
        struct Pending {
            text: String,
            pos: Pos2,
            size_pt: f32,
            color: Color32,
            dot: Color32,
            priority: f32,
            forced: bool,
            marker_radius_px: f32,
        }
        let mut pending: Vec<Pending> = Vec::new();
        let story: Vec<(Pos2, String)> = story_labels
            .iter()
            .map(|s| {
                let m = asset::lon_lat_to_merc(s.lon, s.lat);
                (t.to_screen(m), s.name.to_lowercase())
            })
            .collect();
        for (s, (pos, _)) in story_labels.iter().zip(&story) {
            pending.push(Pending {
                text: s.name.clone(),
                pos: *pos,
                size_pt: style::STORY_LABEL_SIZE_PT,
                color: palette.story_text,
                dot: palette.story_dot,
                priority: f32::MAX,
                forced: true,
                marker_radius_px: s.marker_radius_px,
            });
        }
        let mut places: Vec<(&asset::Place, Pos2)> = Vec::new();
        for (tile, copy) in &plan.places {
            let tc = t.for_copy(*copy);
            for place in &tile.places {
                if zoom < place.min_zoom
                    || (place.kind == PlaceKind::Country && zoom >= style::COUNTRY_MAX_ZOOM)
                {
                    continue;
                }
                let pos = tc.to_screen(place.pos);
                if rect.contains(pos) {
                    places.push((place, pos));
                }
            }
        }
        places.sort_by(|a, b| b.0.priority.total_cmp(&a.0.priority));
        let mut budget = budget;
        for (place, pos) in places {
            if budget == 0 {
                break;
            }
            let text = self.label_text(ctx, place);
            let lower = text.to_lowercase();
            let english = place.name.to_lowercase();
            let near_story = story.iter().any(|(p, name)| {
                let d = p.distance(pos);
                d < 8.0 || (d < 60.0 && (*name == lower || *name == english))
            });
            if near_story {
                continue;
            }
            let country = place.kind == PlaceKind::Country;
            pending.push(Pending {
                text,
                pos,
                size_pt: style::label_size_pt(place.kind, place.population),
                color: match place.kind {
                    PlaceKind::Town => palette.town_text,
                    PlaceKind::Country => palette.country_text,
                    PlaceKind::City => palette.place_text,
                },
                dot: palette.dot,
                priority: place.priority,
                forced: false,
                // A country's name is centred on its label point: no dot.
                marker_radius_px: if country { 0.0 } else { 2.5 },
            });
            budget -= 1;
        }
        let galleys: Vec<_> = ctx.fonts_mut(|fonts| {
            pending
                .iter()
                .map(|p| {
                    fonts.layout_no_wrap(
                        p.text.clone(),
                        FontId::proportional(p.size_pt),
                        Color32::PLACEHOLDER,
                    )
                })
                .collect()
        });
        let candidates: Vec<LabelCandidate> = pending
            .iter()
            .zip(&galleys)
            .map(|(p, g)| LabelCandidate {
                anchor: p.pos,
                size: g.size(),
                priority: p.priority,
                forced: p.forced,
                marker_radius_px: p.marker_radius_px,
            })
            .collect();
        let mut shapes = Vec::new();
        for placed in place_labels(&candidates, rect) {
            let (Some(p), Some(g), Some(c)) = (
                pending.get(placed.index),
                galleys.get(placed.index),
                candidates.get(placed.index),
            ) else {
                continue;
            };
            // The story's places have the app's own markers; only basemap places get a dot.
            if !p.forced && c.marker_radius_px > 0.0 {
                shapes.push(Shape::circle_filled(
                    p.pos,
                    c.marker_radius_px + 1.0,
                    palette.halo,
                ));
                shapes.push(Shape::circle_filled(p.pos, c.marker_radius_px, p.dot));
            }
            push_haloed_text(&mut shapes, placed.rect.min, g, p.color, palette.halo);
        }
        shapes
    }

    /// The name a place is labelled with: its local name if asked for, known, and drawable
    /// with the fonts at hand; else its English name (countries in capitals).
    fn label_text(&self, ctx: &egui::Context, place: &asset::Place) -> String {
        let local = place.local_name.as_ref().filter(|name| {
            self.local_names
                && ctx.fonts_mut(|fonts| {
                    name.chars()
                        .all(|c| fonts.has_glyph(&FontId::proportional(12.0), c))
                })
        });
        let text = local.unwrap_or(&place.name);
        if place.kind == PlaceKind::Country {
            text.to_uppercase()
        } else {
            text.clone()
        }
    }

    /// What the map says where the view is (almost) outside the data.
    pub fn no_data_message(&self) -> String {
        let [min_lon, min_lat, max_lon, max_lat] = self.basemap.extent();
        format!(
            "No offline map data here (basemap covers {min_lon:.0}–{max_lon:.0}° E, {min_lat:.0}–{max_lat:.0}° N)"
        )
    }

    fn message(&self, ctx: &egui::Context, rect: Rect, palette: &Palette) -> Vec<Shape> {
        let text = self.no_data_message();
        let galley = ctx.fonts_mut(|f| {
            f.layout_no_wrap(text, FontId::proportional(15.0), palette.message_text)
        });
        let text_rect = Rect::from_center_size(rect.center(), galley.size());
        vec![
            Shape::rect_filled(text_rect.expand2(vec2(14.0, 9.0)), 6.0, palette.message_bg),
            Shape::galley(text_rect.min, galley, palette.message_text),
        ]
    }
}

/// Land, water and lines of the planned tiles inside `view`, for `zoom`.
fn features(
    plan: &Plan,
    t: &ViewTransform,
    view: &MercRect,
    zoom: f64,
    palette: &Palette,
) -> Vec<Shape> {
    let mut out = Vec::new();
    // Polygons: one mesh per layer.
    for (lakes, color) in [(false, palette.land), (true, palette.lake)] {
        let mut mesh = Mesh::default();
        for (tile, copy) in &plan.geometry {
            let seen = view.shifted(-(*copy as f64));
            let tc = t.for_copy(*copy);
            let meshes = if lakes { &tile.lakes } else { &tile.land };
            for m in cull(meshes, |m: &asset::Mesh| &m.bbox, &seen) {
                append_mesh(&mut mesh, &tc, m, color);
            }
        }
        if !mesh.is_empty() {
            out.push(Shape::mesh(mesh));
        }
    }
    // Lines, bottom to top.
    let mut layers: [Vec<Shape>; 5] = Default::default();
    for (tile, copy) in &plan.geometry {
        let seen = view.shifted(-(*copy as f64));
        let tc = t.for_copy(*copy);
        for line in cull(&tile.lines, |l: &asset::Line| &l.bbox, &seen) {
            if zoom < style::line_min_zoom(line.kind) {
                continue;
            }
            let width = style::line_width_px(line.kind, zoom);
            let (layer, color) = match line.kind {
                LineKind::River(_) => (0, palette.river),
                LineKind::Admin1 => (1, palette.admin1),
                LineKind::Coast => (2, palette.coast),
                LineKind::Border => (4, palette.border),
            };
            let points = line_points(&tc, line);
            if line.kind == LineKind::Border {
                layers[3].push(Shape::Path(PathShape::line(
                    points.clone(),
                    Stroke::new(width * 3.5, palette.border_casing),
                )));
            }
            layers[layer].push(Shape::Path(PathShape::line(
                points,
                Stroke::new(width, color),
            )));
        }
    }
    for layer in layers {
        out.extend(layer);
    }
    out
}

/// Tessellate the basemap's shapes once into a single mesh, so that a still map (and the
/// cache) hands egui a finished mesh each frame instead of thousands of paths to feather
/// again. Everything below the route is untextured, so one mesh holds it all.
fn pretessellate(ctx: &egui::Context, shapes: Vec<Shape>) -> Mesh {
    let options = ctx.options(|options| options.tessellation_options);
    // Paths, rectangles and meshes need neither the font atlas nor prepared discs.
    let mut tessellator =
        egui::epaint::Tessellator::new(ctx.pixels_per_point(), options, [1, 1], Vec::new());
    let mut mesh = egui::Mesh::default();
    for shape in shapes {
        tessellator.tessellate_shape(shape, &mut mesh);
    }
    mesh
}

/// Text with a halo: eight offset copies in the halo colour, then the text.
fn push_haloed_text(
    shapes: &mut Vec<Shape>,
    pos: Pos2,
    galley: &std::sync::Arc<egui::Galley>,
    color: Color32,
    halo: Color32,
) {
    const OFFSETS: [Vec2; 8] = [
        vec2(-1.0, -1.0),
        vec2(0.0, -1.2),
        vec2(1.0, -1.0),
        vec2(-1.2, 0.0),
        vec2(1.2, 0.0),
        vec2(-1.0, 1.0),
        vec2(0.0, 1.2),
        vec2(1.0, 1.0),
    ];
    for o in OFFSETS {
        shapes.push(Shape::Text(
            TextShape::new(pos + o, galley.clone(), halo).with_override_text_color(halo),
        ));
    }
    shapes.push(Shape::Text(TextShape::new(pos, galley.clone(), color)));
}

/// Diagonal hatch over `rect`, anchored to the map so it pans with it.
fn hatch(out: &mut Vec<Shape>, t: &ViewTransform, rect: Rect, color: Color32) {
    let spacing = 12.0_f32;
    let stroke = Stroke::new(1.0, color);
    // Lines x − y = c on screen; c follows the map's offset so the hatch moves with it.
    let phase = (t.offset[0] - t.offset[1]).rem_euclid(f64::from(spacing)) as f32;
    let c_min = rect.left() - rect.bottom();
    let c_max = rect.right() - rect.top();
    let mut c = c_min - (c_min - phase).rem_euclid(spacing);
    while c <= c_max {
        let y0 = rect.top().max(rect.left() - c);
        let y1 = rect.bottom().min(rect.right() - c);
        if y0 < y1 {
            out.push(Shape::line_segment(
                [pos2(c + y0, y0), pos2(c + y1, y1)],
                stroke,
            ));
        }
        c += spacing;
    }
}

fn feature_origin(t: &ViewTransform, bbox: &MercRect) -> (Pos2, f32) {
    (t.to_screen(bbox.min), t.scale as f32)
}

fn line_points(t: &ViewTransform, line: &asset::Line) -> Vec<Pos2> {
    let (origin, scale) = feature_origin(t, &line.bbox);
    line.local
        .iter()
        .map(|p| pos2(origin.x + scale * p[0], origin.y + scale * p[1]))
        .collect()
}

fn append_mesh(mesh: &mut Mesh, t: &ViewTransform, m: &asset::Mesh, color: Color32) {
    let (origin, scale) = feature_origin(t, &m.bbox);
    let base = mesh.vertices.len() as u32;
    mesh.vertices
        .extend(m.local.iter().map(|p| egui::epaint::Vertex {
            pos: pos2(origin.x + scale * p[0], origin.y + scale * p[1]),
            uv: WHITE_UV,
            color,
        }));
    mesh.indices.extend(m.indices.iter().map(|i| base + i));
}
