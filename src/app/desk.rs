//! The shell's side of making a story from an article: the window the article is pasted
//! into (or read from a text file), the author's [`Desk`] once places are found, and the
//! story it builds, swapped in as the open story after every edit (the map keeps its view,
//! the speed panel its speed).
//!
//! Invariants: the desk belongs to the open story: opening another story closes it. The
//! story it builds is a new, unsaved story with no file; each change at the desk is a new
//! revision of it (keeping the title given in the story's details), so Save knows there is
//! something to save. A desk that cannot make a story (fewer than two places) says why and
//! leaves the last story it made open.

use super::StoryApp;
use super::files::{DialogPurpose, Pending};
use crate::desk::{Desk, DeskEdit, via_index};
use crate::draft::{DraftOptions, find, read_article};
use crate::gazetteer::gazetteer;
use crate::map::AreaMeshes;
use crate::model::{Document, Intent, Origin, Session};
use crate::story::{Loaded, LonLat, Role, Status, Story};
use crate::ui::{DeskFields, FileDialog};

/// The extensions "Open text file…" shows.
pub const ARTICLE_EXTENSIONS: [&str; 4] = ["txt", "md", "html", "htm"];

/// The article window and the desk.
#[derive(Default)]
pub struct Authoring {
    /// Whether the article window is open.
    pub show_article_window: bool,
    /// The article as typed, pasted or read.
    pub article_text: String,
    /// Why the article could not be read or its places found.
    pub article_error: Option<String>,
    /// The desk, while it is open.
    pub desk: Option<Desk>,
    /// Why the desk's choices make no story now, if they do not.
    pub desk_problem: Option<String>,
    /// What is being typed in the desk's fields.
    pub fields: DeskFields,
    /// Whether the open story is one the desk made (else the desk has made none yet: its
    /// first is a new story).
    pub made_story: bool,
}

/// By candidate of the desk's draft: the role and status it has in `story` (the story the
/// desk made last), if it is one of its places.
pub fn resolved_roles(desk: &Desk, story: &Story) -> Vec<Option<(Role, Option<Status>)>> {
    let mut resolved = vec![None; desk.draft().candidates.len()];
    let order = desk.state().story_order();
    // A desk that makes no story now shows the last one made: its places may not match.
    if order.len() == story.places.len() {
        for (candidate, place) in order.into_iter().zip(&story.places) {
            if let Some(slot) = resolved.get_mut(candidate) {
                *slot = Some((place.role, place.status));
            }
        }
    }
    resolved
}

/// The length of each leg's drawn line in the story the desk made last, in km; none when
/// the desk's choices make no story now (the legs shown are then not the desk's).
pub fn drawn_km(authoring: &Authoring, session: &Session) -> Vec<f64> {
    if authoring.desk_problem.is_some() {
        return Vec::new();
    }
    session
        .route()
        .legs
        .iter()
        .map(|leg| leg.line.length().km())
        .collect()
}

impl StoryApp {
    /// The author's desk, while it is open.
    pub fn desk(&self) -> Option<&Desk> {
        self.authoring.desk.as_ref()
    }

    /// Carry out an intent of the article window or the desk; `false` if `intent` is not
    /// one.
    pub(super) fn apply_desk_intent(&mut self, ctx: &egui::Context, intent: &Intent) -> bool {
        match intent {
            Intent::SetArticleWindow(open) => {
                self.authoring.show_article_window = *open;
                self.authoring.article_error = None;
            }
            Intent::ShowOpenArticleDialog => {
                let dialog = FileDialog::open(
                    "Open an article",
                    self.dialog_folder(),
                    ARTICLE_EXTENSIONS.to_vec(),
                    "articles (.txt, .md, .html)",
                );
                self.files.dialog = Some((DialogPurpose::OpenArticle, dialog));
            }
            Intent::OpenArticleFile(path) => match read_article(path) {
                Ok(text) => {
                    self.authoring.article_text = text;
                    self.authoring.article_error = None;
                    self.authoring.show_article_window = true;
                }
                Err(error) => self.authoring.article_error = Some(error.to_string()),
            },
            Intent::FindPlaces => self.ask_then(ctx, Pending::FindPlaces),
            Intent::Desk(edit) => {
                let selected = self.selected_candidate();
                if let Some(desk) = &mut self.authoring.desk
                    && desk.apply(edit)
                {
                    self.show_desk_story(selected);
                }
            }
            Intent::MovePlace { place, to } => {
                let candidate = self
                    .desk_of_the_map()
                    .and_then(|desk| desk.state().story_order().get(*place).copied());
                if let Some(candidate) = candidate {
                    self.apply_desk_intent(
                        ctx,
                        &Intent::Desk(DeskEdit::Relocate { candidate, to: *to }),
                    );
                }
            }
            Intent::BendLeg { leg, through } => {
                if let Some(edit) = self.bend(*leg, *through) {
                    self.apply_desk_intent(ctx, &Intent::Desk(edit));
                }
            }
            Intent::StraightenLeg(leg) => {
                let pair = self
                    .desk_of_the_map()
                    .and_then(|desk| desk.state().leg_pairs().get(*leg).copied());
                if let Some((from, to)) = pair {
                    self.apply_desk_intent(ctx, &Intent::Desk(DeskEdit::RemoveVias { from, to }));
                }
            }
            Intent::DeskUndo => {
                let selected = self.selected_candidate();
                if let Some(desk) = &mut self.authoring.desk
                    && desk.undo()
                {
                    self.show_desk_story(selected);
                }
            }
            Intent::DeskRedo => {
                let selected = self.selected_candidate();
                if let Some(desk) = &mut self.authoring.desk
                    && desk.redo()
                {
                    self.show_desk_story(selected);
                }
            }
            Intent::CloseDesk => {
                self.authoring.desk = None;
                self.authoring.desk_problem = None;
                self.authoring.fields = DeskFields::default();
            }
            _ => return false,
        }
        true
    }

    /// The desk, if the map shows the story it makes now: places and legs on the map are
    /// then its places and legs, in its order (when its choices make no story, the map
    /// shows an earlier one and a drag there means nothing to the desk).
    fn desk_of_the_map(&self) -> Option<&Desk> {
        self.authoring
            .desk
            .as_ref()
            .filter(|_| self.authoring.made_story && self.authoring.desk_problem.is_none())
    }

    /// The edit that makes the story's leg `leg` pass through `through`: a via point where
    /// it lengthens the line least.
    fn bend(&self, leg: usize, through: LonLat) -> Option<DeskEdit> {
        let desk = self.desk_of_the_map()?;
        let (from, to) = desk.state().leg_pairs().get(leg).copied()?;
        let line = &self.session.story().legs.get(leg)?.geometry;
        let (start, end) = (*line.first()?, *line.last()?);
        let via = desk
            .state()
            .legs
            .iter()
            .find(|said| said.from == from && said.to == to)
            .map_or(&[][..], |said| said.via.as_slice());
        Some(DeskEdit::AddVia {
            from,
            to,
            index: via_index(start, via, end, through),
            point: through,
        })
    }

    /// Find the places of the article in the window and open the desk on them.
    pub(super) fn find_places(&mut self) {
        let places = match gazetteer() {
            Ok(places) => places,
            Err(error) => {
                self.authoring.article_error = Some(error.to_string());
                return;
            }
        };
        let text = self.authoring.article_text.trim();
        if text.is_empty() {
            self.authoring.article_error =
                Some("Paste an article or open a text file first.".to_owned());
            return;
        }
        let draft = find(text, places, &DraftOptions::default());
        if draft.candidates.is_empty() {
            self.authoring.article_error = Some("No places were found in this text.".to_owned());
            return;
        }
        self.authoring.desk = Some(Desk::new(draft, places));
        self.authoring.fields = DeskFields::default();
        self.authoring.article_error = None;
        self.authoring.show_article_window = false;
        self.authoring.made_story = false;
        self.show_desk_story(None);
    }

    /// The candidate of the place selected on the map, if the map shows the desk's story.
    fn selected_candidate(&self) -> Option<usize> {
        let desk = self.desk_of_the_map()?;
        desk.state()
            .story_order()
            .get(self.session.selected()?)
            .copied()
    }

    /// Make the desk's story the open story, a new session for it: the desk's first story
    /// is a new story, fitted on the map; the later ones are revisions of it, and the map
    /// stays where it is. The place of candidate `selected` stays selected if it is still
    /// in the story.
    fn show_desk_story(&mut self, selected: Option<usize>) {
        let fit = !self.authoring.made_story;
        let (Some(desk), Ok(places)) = (&self.authoring.desk, gazetteer()) else {
            return;
        };
        match desk.story(places) {
            Ok(mut story) => {
                // Each change is a new revision of the story, and a title the author gave
                // it in its details stays.
                let revision = if fit {
                    1
                } else {
                    story
                        .meta
                        .title
                        .clone_from(&self.session.story().meta.title);
                    self.session.revision() + 1
                };
                // The speed set in the panel stays, unless the story's own speed changed
                // (the author took or left the article's).
                let before = &self.session.story().meta.default_speed;
                let after = &story.meta.default_speed;
                let same_speed =
                    before.value.to_bits() == after.value.to_bits() && before.unit == after.unit;
                let speed = (!fit && same_speed).then(|| self.session.speed());
                let session = Session::new(
                    Loaded {
                        story,
                        warnings: Vec::new(),
                    },
                    speed,
                    self.state.via_detour,
                    fit,
                )
                .with_revision(revision)
                .with_selection(
                    selected.and_then(|c| desk.state().story_order().iter().position(|&o| o == c)),
                );
                self.areas = AreaMeshes::new(&session.story().areas);
                self.session = session;
                self.bundled_open = false;
                self.authoring.desk_problem = None;
                self.authoring.made_story = true;
                if fit {
                    self.document = Document::new(Origin::New, 0);
                    self.state.view = None;
                }
            }
            Err(error) => self.authoring.desk_problem = Some(error.to_string()),
        }
    }

    /// Draw the article window; returns what the user asked for.
    pub(super) fn article_window_ui(&mut self, ctx: &egui::Context) -> Vec<Intent> {
        if !self.authoring.show_article_window {
            return Vec::new();
        }
        crate::ui::article_window_ui(
            ctx,
            &mut self.authoring.article_text,
            self.authoring.article_error.as_deref(),
        )
    }

    /// Ctrl+Z and Ctrl+Shift+Z while the desk is open and no text field has the keyboard.
    pub(super) fn desk_shortcuts(&self, ctx: &egui::Context) -> Vec<Intent> {
        if self.authoring.desk.is_none() || ctx.egui_wants_keyboard_input() {
            return Vec::new();
        }
        ctx.input_mut(|input| {
            // Redo first: Ctrl+Z would also match Ctrl+Shift+Z.
            if input.consume_shortcut(&crate::ui::REDO_SHORTCUT) {
                vec![Intent::DeskRedo]
            } else if input.consume_shortcut(&crate::ui::UNDO_SHORTCUT) {
                vec![Intent::DeskUndo]
            } else {
                Vec::new()
            }
        })
    }
}
