//! The shell's file commands: the Open, Save As and Export dialogs, Save, the question
//! about unsaved changes before opening another story or quitting, the recent files, and
//! the window's title.
//!
//! Invariants: nothing is lost. A save or export that fails is said in a window and the
//! story stays open, unchanged and still marked unsaved; the question about unsaved
//! changes comes before anything that would drop them (opening another story, quitting,
//! closing the window), and "Save" then goes on only if the save went through. Files are
//! written whole or not at all (see [`crate::story::save_story_file`]).

use super::{StoryApp, crop_screenshot};
use crate::formats::{ExportFormat, ItineraryInputs, export};
use crate::model::document::{display_name, remember_recent};
use crate::model::{Document, ExportKind, Intent, Origin, SaveTarget};
use crate::story::{StoryKind, save_story_file};
use crate::ui::{DialogOutcome, FileDialog};
use std::path::{Path, PathBuf};

/// The extensions File ▸ Open shows.
pub const OPEN_EXTENSIONS: [&str; 5] = ["geojson", "json", "gpx", "kml", "kmz"];

/// The file name the bundled story is proposed under when saved.
const BUNDLED_FILE_NAME: &str = "kim-jong-un-2023.geojson";

/// A file written in the background (a map image, once its screenshot came): where, and
/// whether it was written.
pub type Written = (PathBuf, Result<(), String>);

/// What a file dialog is open for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogPurpose {
    /// Open a story.
    Open,
    /// Save the story under a new name.
    SaveAs,
    /// Export something.
    Export(ExportKind),
    /// Read an article into the article window.
    OpenArticle,
}

/// What waits for the answer to the unsaved-changes question (or for the save it asked
/// for).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// Open this story.
    Open(PathBuf),
    /// Close the app.
    Quit,
    /// Find the places of the article in the article window (a new story).
    FindPlaces,
}

/// The file side of the shell.
#[derive(Default)]
pub struct Files {
    /// The open dialog and what it is for.
    pub dialog: Option<(DialogPurpose, FileDialog)>,
    /// What is waiting on the unsaved-changes question.
    pub pending: Option<Pending>,
    /// Whether the question is on screen (it is not while its Save asks where).
    pub asking: bool,
    /// The window may close: the user has answered, or there was nothing to lose.
    pub may_close: bool,
    /// Whether the story's details window is open, and its title field.
    pub show_details: bool,
    /// The title being typed in the details window.
    pub details_title: String,
    /// What the last save or export did, when it went well.
    pub status: Option<String>,
    /// Why the last save or export failed, until dismissed.
    pub error: Option<String>,
    /// The folder the last dialog ended in.
    pub last_folder: Option<PathBuf>,
    /// The window title last sent.
    pub shown_title: String,
}

/// The document for a story just opened from `path` (or built in, without one).
pub fn document_for(path: Option<&Path>, kind: StoryKind, revision: u64) -> Document {
    let origin = match (path, kind) {
        (None, _) => Origin::Bundled,
        (Some(path), StoryKind::Story) => Origin::Story(path.to_path_buf()),
        (Some(path), _) => Origin::Imported(path.to_path_buf()),
    };
    Document::new(origin, revision)
}

impl StoryApp {
    /// Whether the open story has changes that are not saved.
    pub fn is_unsaved(&self) -> bool {
        self.document.is_unsaved(self.session.revision())
    }

    /// Whether the app has asked its window to close (Quit, or the window's close button,
    /// with nothing left unsaved).
    pub fn is_closing(&self) -> bool {
        self.files.may_close
    }

    /// The open story's document (its file and saved revision).
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The window's title as it should be now.
    pub fn window_title(&self) -> String {
        self.document
            .window_title(&self.session.story().meta.title, self.session.revision())
    }

    /// What the last save or export did, or why it failed.
    pub fn file_message(&self) -> Option<&str> {
        self.files.error.as_deref().or(self.files.status.as_deref())
    }

    /// Carry out a file intent; `false` if `intent` is not one.
    pub(super) fn apply_file_intent(&mut self, ctx: &egui::Context, intent: &Intent) -> bool {
        match intent {
            Intent::OpenStory(path) => self.ask_then(ctx, Pending::Open(path.clone())),
            Intent::ShowOpenDialog => {
                let dialog = FileDialog::open(
                    "Open a story",
                    self.dialog_folder(),
                    OPEN_EXTENSIONS.to_vec(),
                    "stories and tracks (.geojson, .json, .gpx, .kml, .kmz)",
                );
                self.files.dialog = Some((DialogPurpose::Open, dialog));
            }
            Intent::ClearRecent => self.state.recent_files.clear(),
            Intent::Save => self.save(ctx),
            Intent::ShowSaveAs => self.show_save_as(),
            Intent::SaveAs(path) => self.save_to(ctx, path),
            Intent::ShowExport(kind) => {
                let name = self.document.export_file_name(
                    BUNDLED_FILE_NAME.trim_end_matches(".geojson"),
                    kind.extension(),
                );
                let name = with_suffix(&name, kind.name_suffix());
                let dialog = FileDialog::save(
                    kind.dialog_title(),
                    "Export",
                    self.dialog_folder(),
                    name,
                    kind.extension(),
                );
                self.files.dialog = Some((DialogPurpose::Export(*kind), dialog));
            }
            Intent::Export(kind, path) => self.export(ctx, *kind, path),
            Intent::SetDetails(open) => {
                self.files.show_details = *open;
                if *open {
                    self.files
                        .details_title
                        .clone_from(&self.session.story().meta.title);
                }
            }
            Intent::Quit => self.ask_then(ctx, Pending::Quit),
            Intent::SaveThenContinue => {
                self.files.asking = false;
                self.save(ctx);
            }
            Intent::DiscardThenContinue => {
                self.files.asking = false;
                self.go_on(ctx);
            }
            Intent::KeepEditing => {
                self.files.asking = false;
                self.files.pending = None;
            }
            Intent::DismissFileMessage => self.files.error = None,
            _ => return false,
        }
        true
    }

    /// Do `next` now if nothing would be lost, else ask first.
    pub(super) fn ask_then(&mut self, ctx: &egui::Context, next: Pending) {
        self.files.pending = Some(next);
        if self.is_unsaved() {
            self.files.asking = true;
        } else {
            self.go_on(ctx);
        }
    }

    /// Do what was waiting on the question (or on a save).
    fn go_on(&mut self, ctx: &egui::Context) {
        match self.files.pending.take() {
            Some(Pending::Open(path)) => self.open_story(ctx, &path),
            Some(Pending::Quit) => {
                self.files.may_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Some(Pending::FindPlaces) => self.find_places(),
            None => {}
        }
    }

    /// The window is closing: let it, or stop it and ask about unsaved changes.
    pub(super) fn check_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|input| input.viewport().close_requested())
            && !self.files.may_close
            && self.is_unsaved()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.files.pending = Some(Pending::Quit);
            self.files.asking = true;
        }
    }

    fn save(&mut self, ctx: &egui::Context) {
        match self.document.save_target(BUNDLED_FILE_NAME) {
            SaveTarget::Write(path) => self.save_to(ctx, &path),
            SaveTarget::Ask { folder, file_name } => {
                let folder = folder.unwrap_or_else(|| self.dialog_folder());
                self.files.dialog = Some((
                    DialogPurpose::SaveAs,
                    FileDialog::save("Save the story", "Save", folder, file_name, "geojson"),
                ));
            }
        }
    }

    fn show_save_as(&mut self) {
        let file_name = self
            .document
            .export_file_name(BUNDLED_FILE_NAME.trim_end_matches(".geojson"), "geojson");
        self.files.dialog = Some((
            DialogPurpose::SaveAs,
            FileDialog::save(
                "Save the story as",
                "Save",
                self.dialog_folder(),
                file_name,
                "geojson",
            ),
        ));
    }

    /// Write the story to `path`; it becomes the story's file. On failure nothing waiting
    /// goes on and the story stays unsaved.
    fn save_to(&mut self, ctx: &egui::Context, path: &Path) {
        match save_story_file(self.session.story(), path) {
            Ok(()) => {
                self.document
                    .saved_as(path.to_path_buf(), self.session.revision());
                remember_recent(&mut self.state.recent_files, path);
                self.files.status = Some(format!("Saved {}", display_name(path)));
                self.files.error = None;
                log::info!("saved {}", path.display());
                self.go_on(ctx);
            }
            Err(error) => {
                log::warn!("could not save {}: {error}", path.display());
                self.files.error = Some(format!("Not saved: {error}"));
                self.files.status = None;
                self.files.pending = None;
            }
        }
    }

    fn export(&mut self, ctx: &egui::Context, kind: ExportKind, path: &Path) {
        let format = match kind {
            ExportKind::StoryGeoJson => ExportFormat::StoryGeoJson,
            ExportKind::StoryGpx => ExportFormat::Gpx,
            ExportKind::StoryKml => ExportFormat::Kml,
            ExportKind::StoryKmz => ExportFormat::Kmz,
            ExportKind::ItineraryCsv => ExportFormat::ItineraryCsv,
            ExportKind::ItineraryJson => ExportFormat::ItineraryJson,
            ExportKind::MapPng => {
                self.export_map_png(ctx, path.to_path_buf());
                return;
            }
            ExportKind::MapPng2x => {
                self.export_map_png_2x(ctx, path.to_path_buf());
                return;
            }
        };
        let story = self.session.story();
        let inputs = ItineraryInputs {
            route: self.session.route(),
            itinerary: self.session.itinerary(),
            unit: self.session.speed().unit,
            departure_assumed: story
                .meta
                .departure
                .as_ref()
                .is_some_and(|departure| departure.assumed),
        };
        let written = export(story, &inputs, format, path).map_err(|error| error.to_string());
        self.export_done(path, written);
    }

    /// Draw the map at twice the pixels offscreen, on a worker (with a software driver it
    /// takes seconds), and write it; the result comes back like a screenshot's.
    fn export_map_png_2x(&mut self, ctx: &egui::Context, path: PathBuf) {
        let loaded = crate::story::Loaded {
            story: self.session.story().clone(),
            warnings: self.session.problems().to_vec(),
        };
        let speed = self.session.speed();
        let via_detour = self.session.via_detour();
        let state = self.state.clone();
        let view = self.map_view();
        let size_points = self.map_rect.size();
        let theme = ctx.theme();
        let slot = std::sync::Arc::clone(&self.screenshot_result);
        let repaint = ctx.clone();
        self.files.status = Some(format!("Exporting {}…", display_name(&path)));
        let spawned = std::thread::Builder::new()
            .name("map-export".to_owned())
            .spawn(move || {
                let session = crate::model::Session::new(loaded, Some(speed), via_detour, false);
                let picture = crate::render::MapPicture {
                    session: &session,
                    state: &state,
                    view: crate::render::PictureView::At(view),
                    size_points,
                    pixels_per_point: 2.0,
                    theme,
                };
                let written = crate::render::render_map(&picture)
                    .and_then(|image| crate::render::save_png_atomically(&image, &path))
                    .map_err(|error| error.to_string());
                if let Ok(mut slot) = slot.lock() {
                    *slot = Some((path, written));
                }
                repaint.request_repaint();
            });
        if let Err(error) = spawned {
            self.files.status = None;
            self.files.error = Some(format!("Not exported: no thread to draw the map ({error})"));
        }
    }

    fn export_done(&mut self, path: &Path, written: Result<(), String>) {
        match written {
            Ok(()) => {
                log::info!("exported {}", path.display());
                self.files.status = Some(format!("Exported {}", display_name(path)));
                self.files.error = None;
            }
            Err(reason) => {
                log::warn!("could not export {}: {reason}", path.display());
                self.files.error = Some(format!("Not exported: {reason}"));
                self.files.status = None;
            }
        }
    }

    /// Ask for a screenshot; when it arrives, cut the map out of it and save it as PNG.
    fn export_map_png(&mut self, ctx: &egui::Context, path: PathBuf) {
        let rect = self.map_rect;
        let pixels_per_point = ctx.pixels_per_point();
        let slot = std::sync::Arc::clone(&self.screenshot_result);
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            let written = match crop_screenshot(&image, rect, pixels_per_point) {
                Some(cut) => super::chart_export::write_png(&cut, &path),
                None => Err("the map is not on screen".to_owned()),
            };
            if let Ok(mut slot) = slot.lock() {
                *slot = Some((path, written));
            }
            repaint.request_repaint();
        });
    }

    /// A map image written from a screenshot: say so.
    pub(super) fn poll_screenshot_export(&mut self) {
        let done = self
            .screenshot_result
            .lock()
            .ok()
            .and_then(|mut slot| slot.take());
        if let Some((path, written)) = done {
            self.export_done(&path, written);
        }
    }

    /// The folder a new dialog opens in: where the last one ended, else the story's
    /// folder, else the home folder.
    pub(super) fn dialog_folder(&self) -> PathBuf {
        self.files
            .last_folder
            .clone()
            .or_else(|| {
                self.document
                    .path()
                    .and_then(Path::parent)
                    .filter(|folder| folder.is_dir())
                    .map(Path::to_path_buf)
            })
            .or_else(|| directories::UserDirs::new().map(|dirs| dirs.home_dir().to_path_buf()))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"))
    }

    /// Draw the file windows: the dialog, the question, the details, the error. Returns
    /// what the user asked for.
    pub(super) fn files_ui(&mut self, ctx: &egui::Context) -> Vec<Intent> {
        let mut intents = Vec::new();
        if let Some((purpose, dialog)) = &mut self.files.dialog
            && let Some(outcome) = dialog.ui(ctx)
        {
            let purpose = *purpose;
            // The next dialog opens where this one chose (a typed path may name another
            // folder than the one shown).
            self.files.last_folder = Some(match &outcome {
                DialogOutcome::Chosen(path) => path
                    .parent()
                    .map_or_else(|| dialog.folder().to_path_buf(), Path::to_path_buf),
                DialogOutcome::Cancelled => dialog.folder().to_path_buf(),
            });
            self.files.dialog = None;
            match outcome {
                DialogOutcome::Chosen(path) => intents.push(match purpose {
                    DialogPurpose::Open => Intent::OpenStory(path),
                    DialogPurpose::SaveAs => Intent::SaveAs(path),
                    DialogPurpose::Export(kind) => Intent::Export(kind, path),
                    DialogPurpose::OpenArticle => Intent::OpenArticleFile(path),
                }),
                // A save asked for by the question, cancelled: nothing goes on.
                DialogOutcome::Cancelled => self.files.pending = None,
            }
        }
        if self.files.asking {
            let then = match self.files.pending {
                Some(Pending::Quit) => "closing the app",
                Some(Pending::FindPlaces) => "making a story from the article",
                _ => "opening another story",
            };
            intents.extend(crate::ui::unsaved_changes_ui(
                ctx,
                &crate::ui::UnsavedQuestion {
                    title: &self.session.story().meta.title,
                    then,
                },
            ));
        }
        if self.files.show_details {
            intents.extend(crate::ui::details_window_ui(
                ctx,
                &mut self.files.details_title,
            ));
        }
        if let Some(error) = &self.files.error {
            intents.extend(crate::ui::file_error_window_ui(ctx, error));
        }
        let title = self.window_title();
        if title != self.files.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.files.shown_title = title;
        }
        intents
    }

    /// The file shortcuts: Ctrl+Shift+S, Ctrl+S, Ctrl+O, Ctrl+Q.
    pub(super) fn file_shortcuts(ctx: &egui::Context) -> Vec<Intent> {
        ctx.input_mut(|input| {
            let mut intents = Vec::new();
            // Save As first: Ctrl+S would also match Ctrl+Shift+S.
            if input.consume_shortcut(&crate::ui::SAVE_AS_SHORTCUT) {
                intents.push(Intent::ShowSaveAs);
            } else if input.consume_shortcut(&crate::ui::SAVE_SHORTCUT) {
                intents.push(Intent::Save);
            }
            if input.consume_shortcut(&crate::ui::OPEN_SHORTCUT) {
                intents.push(Intent::ShowOpenDialog);
            }
            if input.consume_shortcut(&crate::ui::QUIT_SHORTCUT) {
                intents.push(Intent::Quit);
            }
            intents
        })
    }
}

/// `name` with `suffix` before its extension: "trip.csv" + "-itinerary" →
/// "trip-itinerary.csv".
fn with_suffix(name: &str, suffix: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, extension)) => format!("{stem}{suffix}.{extension}"),
        None => format!("{name}{suffix}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suffix_goes_before_the_extension() {
        assert_eq!(with_suffix("trip.csv", "-itinerary"), "trip-itinerary.csv");
        assert_eq!(with_suffix("trip", "-map"), "trip-map");
        assert_eq!(with_suffix("a.b.png", "-map@2x"), "a.b-map@2x.png");
    }

    #[test]
    fn only_a_storyroute_file_is_saved_in_place() {
        let path = Path::new("/t/x.geojson");
        assert_eq!(
            document_for(Some(path), StoryKind::Story, 0).origin(),
            &Origin::Story(path.to_path_buf())
        );
        assert_eq!(
            document_for(Some(path), StoryKind::PlainGeoJson, 0).origin(),
            &Origin::Imported(path.to_path_buf())
        );
        assert_eq!(
            document_for(None, StoryKind::Story, 0).origin(),
            &Origin::Bundled
        );
    }
}
