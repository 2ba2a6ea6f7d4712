//! Turning the basemap into egui shapes for the current walkers view.
//!
//! Per frame: one affine transform from normalised Mercator to screen points (derived from the
//! projector, no trigonometry per vertex), culling by per-feature bounding boxes, the level of
//! detail for the zoom, then meshes for polygons and paths for lines, tessellated once into
//! one mesh. The `below` shapes are cached for an unchanged view (rect, zoom, centre, theme),
//! so a still map costs a clone. While the view moves, it is drawn with a margin and the
//! next frames move and scale that mesh (one multiply-add per vertex) until the view leaves
//! the margin or the scale changes by more than a quarter; the first still frame draws again.
//!
//! Invariant: `shapes` never panics on any projector state; degenerate views (zero-size rect,
//! non-finite transform) give just a background.

use egui::epaint::{PathShape, TextShape, WHITE_UV};
use egui::{Color32, FontId, Mesh, Pos2, Rect, Shape, Stroke, Vec2, pos2, vec2};
use walkers::Projector;

use super::asset::{self, LineKind, MercRect};
use super::labels::{LabelCandidate, place_labels};
use super::style::{self, Palette};
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
}

#[derive(Debug, Clone, PartialEq)]
struct CacheKey {
    rect: Rect,
    zoom: f64,
    transform: ViewTransform,
    theme: BasemapTheme,
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
    cached: Option<Cached>,
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
        Self {
            basemap,
            cached: None,
        }
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
        };
        // A view that changed since the last frame is moving (a drag, a flight): it is drawn
        // with a margin or moved from the last drawing, and fewer places are considered for
        // labels. Another pass of the same frame (egui may run two) reuses what the first
        // made. A later frame on the same view means it stopped: unless the drawing was made
        // for a still view, it is drawn again, exactly and without margin, and labelled in
        // full.
        let frame_nr = ctx.cumulative_frame_nr();
        let reusable = self
            .cached
            .as_ref()
            .filter(|c| c.key == key && (c.frame_nr == frame_nr || (c.exact && !c.moving)));
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
            let mut labels =
                self.build_labels(ctx, &transform, rect, zoom, &palette, story_labels, budget);
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
        &self,
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
        let mut shapes = self.background(&t, drawn, palette);
        shapes.extend(self.features(&t, &covers, zoom, palette));
        let mesh = std::sync::Arc::new(pretessellate(ctx, shapes));
        Cached {
            key,
            mesh,
            covers,
            exact: true,
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

    /// Land, water and lines inside `view`, at the detail for `zoom`.
    fn features(
        &self,
        t: &ViewTransform,
        view: &MercRect,
        zoom: f64,
        palette: &Palette,
    ) -> Vec<Shape> {
        let mut out = Vec::new();
        let data = self.basemap.data();
        let Some(lod) = data.lods.get(self.basemap.lod_index(zoom)) else {
            return out;
        };
        // Polygons: one mesh per layer.
        for (meshes, color) in [(&lod.land, palette.land), (&lod.lakes, palette.lake)] {
            let mut mesh = Mesh::default();
            for m in cull(meshes, |m: &asset::Mesh| &m.bbox, view) {
                append_mesh(&mut mesh, t, m, color);
            }
            if !mesh.is_empty() {
                out.push(Shape::mesh(mesh));
            }
        }
        // Lines, bottom to top.
        let mut layers: [Vec<Shape>; 5] = Default::default();
        for line in cull(&lod.lines, |l: &asset::Line| &l.bbox, view) {
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
            let points = line_points(t, line);
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
        for layer in layers {
            out.extend(layer);
        }
        out
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "one private step of shapes(), fed from its locals"
    )]
    fn build_labels(
        &self,
        ctx: &egui::Context,
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
            population: u32,
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
                population: u32::MAX,
                forced: true,
                marker_radius_px: s.marker_radius_px,
            });
        }
        let min_population = style::min_population(zoom);
        let towns = zoom >= style::SMALL_TOWN_MIN_ZOOM;
        let mut budget = budget;
        for place in &self.basemap.data().places {
            if place.population < min_population || (place.small_town && !towns) {
                continue;
            }
            let pos = t.to_screen(place.pos);
            if !rect.contains(pos) {
                continue;
            }
            let lower = place.name.to_lowercase();
            let near_story = story.iter().any(|(p, name)| {
                let d = p.distance(pos);
                d < 8.0 || (d < 60.0 && *name == lower)
            });
            if near_story {
                continue;
            }
            pending.push(Pending {
                text: place.name.clone(),
                pos,
                size_pt: style::label_size_pt(place.population, place.small_town),
                color: if place.small_town {
                    palette.town_text
                } else {
                    palette.place_text
                },
                dot: palette.dot,
                population: place.population,
                forced: false,
                marker_radius_px: 2.5,
            });
            budget -= 1;
            if budget == 0 {
                break;
            }
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
                priority: p.population as f32,
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
            if !p.forced {
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
