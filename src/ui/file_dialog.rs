//! The Open and Save dialog, drawn by egui in the app's window, so that it looks and works
//! the same everywhere the app runs (no desktop portal needed) and tests and screen readers
//! drive it like any other widget: a folder field, the folder's entries, a file-name field
//! and a button to confirm.
//!
//! Why not a crate: `egui-file-dialog` 0.15 is built for egui 0.36; `egui_file` 0.29 is
//! built for egui 0.37, but its buttons are glyphs with no accessible name ("⬆", "⟲"), its
//! fields have no label, its Save replaces a file without asking and its errors go to
//! standard output. Listing a folder needs no parser, only `std::fs::read_dir`.
//!
//! Invariants: the dialog never touches a file: it only lists folders and returns the path
//! chosen. Save asks before naming a file that exists. A folder that cannot be read is said
//! in the dialog, never shown as empty. Names are words (accessible names included).

use std::path::{Path, PathBuf};

/// Open an existing file, or name one to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogMode {
    /// Choose a file that exists.
    Open,
    /// Name a file to write (asking before replacing one).
    Save,
}

/// What the dialog ended with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogOutcome {
    /// This file was chosen.
    Chosen(PathBuf),
    /// The user cancelled.
    Cancelled,
}

/// One entry of the folder shown.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    name: String,
    is_folder: bool,
}

/// A file dialog's state, kept by the shell while the dialog is open.
#[derive(Debug)]
pub struct FileDialog {
    mode: DialogMode,
    title: String,
    confirm_label: &'static str,
    /// The extensions shown (lower case, no dot); empty: every file.
    extensions: Vec<&'static str>,
    /// What the filter is called, for the "Show all files" hint.
    filter_name: String,
    show_all: bool,
    folder: PathBuf,
    folder_text: String,
    file_name: String,
    entries: Result<Vec<Entry>, String>,
    /// Why the last confirmation did not go through.
    error: Option<String>,
    /// A file that exists, waiting for "Replace" (Save only).
    replace: Option<PathBuf>,
    /// Put the keyboard in the file-name field on the first frame.
    focus_name: bool,
}

impl FileDialog {
    /// A dialog to open a file of one of `extensions` (called `filter_name`), starting in
    /// `folder`.
    pub fn open(
        title: &str,
        folder: PathBuf,
        extensions: Vec<&'static str>,
        filter_name: &str,
    ) -> Self {
        Self::new(
            DialogMode::Open,
            title,
            "Open",
            folder,
            String::new(),
            extensions,
            filter_name,
        )
    }

    /// A dialog to name a `.extension` file to write, starting in `folder` with
    /// `file_name` proposed; `confirm_label` is the button ("Save", "Export").
    pub fn save(
        title: &str,
        confirm_label: &'static str,
        folder: PathBuf,
        file_name: String,
        extension: &'static str,
    ) -> Self {
        Self::new(
            DialogMode::Save,
            title,
            confirm_label,
            folder,
            file_name,
            vec![extension],
            &format!(".{extension} files"),
        )
    }

    fn new(
        mode: DialogMode,
        title: &str,
        confirm_label: &'static str,
        folder: PathBuf,
        file_name: String,
        extensions: Vec<&'static str>,
        filter_name: &str,
    ) -> Self {
        let mut dialog = Self {
            mode,
            title: title.to_owned(),
            confirm_label,
            extensions,
            filter_name: filter_name.to_owned(),
            show_all: false,
            folder_text: folder.display().to_string(),
            folder,
            file_name,
            entries: Ok(Vec::new()),
            error: None,
            replace: None,
            focus_name: true,
        };
        dialog.read_folder();
        dialog
    }

    /// The folder shown.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    fn go_to(&mut self, folder: PathBuf) {
        self.folder_text = folder.display().to_string();
        self.folder = folder;
        self.error = None;
        self.read_folder();
    }

    fn read_folder(&mut self) {
        self.entries = list_folder(&self.folder, &self.extensions, self.show_all);
    }

    /// What the file-name field names: an absolute path as typed, else a name in the folder
    /// shown; a name typed without the extension of the file being saved gets it.
    fn typed_path(&self) -> Option<PathBuf> {
        let name = self.file_name.trim();
        if name.is_empty() {
            return None;
        }
        let mut path = if Path::new(name).is_absolute() {
            PathBuf::from(name)
        } else {
            self.folder.join(name)
        };
        if self.mode == DialogMode::Save
            && !path.is_dir()
            && let Some(extension) = self.extensions.first()
            && !has_extension(&path, &[extension])
        {
            let mut with = path.into_os_string();
            with.push(".");
            with.push(extension);
            path = PathBuf::from(with);
        }
        Some(path)
    }

    /// The user confirmed (button, Enter or double click): go into a folder, or end with a
    /// file, or say why not.
    fn confirm(&mut self) -> Option<DialogOutcome> {
        let Some(path) = self.typed_path() else {
            self.error = Some("Type a file name or pick a file.".to_owned());
            return None;
        };
        if path.is_dir() {
            self.file_name.clear();
            self.go_to(path);
            return None;
        }
        match self.mode {
            DialogMode::Open => {
                if path.is_file() {
                    Some(DialogOutcome::Chosen(path))
                } else {
                    self.error = Some(format!(
                        "There is no file {} in {}.",
                        crate::model::document::display_name(&path),
                        path.parent().unwrap_or(&self.folder).display()
                    ));
                    None
                }
            }
            DialogMode::Save => {
                let folder = path.parent().unwrap_or(&self.folder);
                if !folder.is_dir() {
                    self.error = Some(format!("There is no folder {}.", folder.display()));
                    None
                } else if path.exists() {
                    self.replace = Some(path);
                    None
                } else {
                    Some(DialogOutcome::Chosen(path))
                }
            }
        }
    }

    /// Draw the dialog; `Some` once the user has chosen or cancelled.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<DialogOutcome> {
        let mut outcome = None;
        let modal = egui::Modal::new(egui::Id::unique("file_dialog")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(&self.title);
            ui.add_space(4.0);
            if let Some(path) = self.replace.clone() {
                outcome = self.replace_ui(ui, &path);
                return;
            }
            self.folder_row_ui(ui);
            self.entries_ui(ui, &mut outcome);
            self.name_row_ui(ui, &mut outcome);
            if self.mode == DialogMode::Open
                && !self.extensions.is_empty()
                && ui
                    .checkbox(&mut self.show_all, "Show all files")
                    .on_hover_text(format!("Show files other than {}", self.filter_name))
                    .changed()
            {
                self.read_folder();
            }
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button(self.confirm_label).clicked() {
                    outcome = self.confirm();
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(DialogOutcome::Cancelled);
                }
            });
        });
        if outcome.is_none() && modal.should_close() && self.replace.is_none() {
            outcome = Some(DialogOutcome::Cancelled);
        }
        outcome
    }

    fn replace_ui(&mut self, ui: &mut egui::Ui, path: &Path) -> Option<DialogOutcome> {
        ui.label(format!(
            "{} already exists in {}. Replace it?",
            crate::model::document::display_name(path),
            path.parent().unwrap_or(&self.folder).display()
        ));
        ui.add_space(6.0);
        let mut outcome = None;
        ui.horizontal(|ui| {
            if ui.button("Replace").clicked() {
                outcome = Some(DialogOutcome::Chosen(path.to_path_buf()));
            }
            if ui.button("Keep it").clicked() {
                self.replace = None;
            }
        });
        outcome
    }

    fn folder_row_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let up = ui
                .add_enabled(self.folder.parent().is_some(), egui::Button::new("Up"))
                .on_hover_text("The folder this one is in");
            up.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Parent folder"));
            if up.clicked()
                && let Some(parent) = self.folder.parent()
            {
                self.go_to(parent.to_path_buf());
            }
            ui.label("Folder");
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.folder_text).desired_width(f32::INFINITY),
            );
            named_field(&field, "Folder", &self.folder_text);
            if field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter)) {
                let typed = PathBuf::from(self.folder_text.trim());
                if typed.is_dir() {
                    self.go_to(typed);
                } else {
                    self.error = Some(format!("There is no folder {}.", typed.display()));
                }
            }
        });
    }

    fn entries_ui(&mut self, ui: &mut egui::Ui, outcome: &mut Option<DialogOutcome>) {
        let mut clicked: Option<(Entry, bool)> = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .min_scrolled_height(260.0)
                .auto_shrink([false, false])
                .show(ui, |ui| match &self.entries {
                    Err(reason) => {
                        ui.colored_label(ui.visuals().error_fg_color, reason);
                    }
                    Ok(entries) if entries.is_empty() => {
                        ui.weak(if self.extensions.is_empty() || self.show_all {
                            "This folder is empty.".to_owned()
                        } else {
                            format!("No {} in this folder.", self.filter_name)
                        });
                    }
                    Ok(entries) => {
                        for entry in entries {
                            let text = if entry.is_folder {
                                format!("{}/", entry.name)
                            } else {
                                entry.name.clone()
                            };
                            let chosen = !entry.is_folder && entry.name == self.file_name;
                            let response = ui.selectable_label(chosen, text);
                            if response.double_clicked() {
                                clicked = Some((entry.clone(), true));
                            } else if response.clicked() {
                                clicked = Some((entry.clone(), false));
                            }
                        }
                    }
                });
        });
        if let Some((entry, double)) = clicked {
            self.error = None;
            if entry.is_folder {
                self.go_to(self.folder.join(&entry.name));
            } else {
                self.file_name = entry.name;
                if double {
                    *outcome = self.confirm();
                }
            }
        }
    }

    fn name_row_ui(&mut self, ui: &mut egui::Ui, outcome: &mut Option<DialogOutcome>) {
        ui.horizontal(|ui| {
            ui.label("File name");
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.file_name).desired_width(f32::INFINITY));
            named_field(&field, "File name", &self.file_name);
            if std::mem::take(&mut self.focus_name) {
                field.request_focus();
            }
            if field.changed() {
                self.error = None;
            }
            if field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter)) {
                *outcome = self.confirm();
            }
        });
    }
}

/// Give a text field its accessible name.
fn named_field(field: &egui::Response, name: &str, value: &str) {
    field.widget_info(|| {
        let mut info = egui::WidgetInfo::text_edit(true, value, value, name);
        info.label = Some(name.to_owned());
        info
    });
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| {
            extensions
                .iter()
                .any(|wanted| extension.eq_ignore_ascii_case(wanted))
        })
}

/// The folders and the files of `extensions` (all files if empty or `show_all`) in
/// `folder`, folders first, each group by name; hidden entries (a leading dot) left out.
fn list_folder(folder: &Path, extensions: &[&str], show_all: bool) -> Result<Vec<Entry>, String> {
    let read = std::fs::read_dir(folder)
        .map_err(|error| format!("Cannot read the folder {}: {error}", folder.display()))?;
    let mut entries: Vec<Entry> = read
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                return None;
            }
            let is_folder = entry.path().is_dir();
            let shown = is_folder
                || show_all
                || extensions.is_empty()
                || has_extension(&entry.path(), extensions);
            shown.then_some(Entry { name, is_folder })
        })
        .collect();
    entries.sort_by(|a, b| {
        b.is_folder
            .cmp(&a.is_folder)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_lists_folders_first_then_the_matching_files_by_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in ["b.gpx", "A.geojson", "notes.txt", ".hidden.gpx"] {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        std::fs::create_dir(dir.path().join("zeta")).expect("mkdir");
        let listed = list_folder(dir.path(), &["geojson", "gpx"], false).expect("listed");
        let names: Vec<&str> = listed.iter().map(|entry| entry.name.as_str()).collect();
        assert_eq!(names, ["zeta", "A.geojson", "b.gpx"]);
        let all = list_folder(dir.path(), &["geojson", "gpx"], true).expect("listed");
        assert_eq!(all.len(), 4);
    }

    #[test]
    fn a_missing_folder_is_said_not_shown_empty() {
        let error =
            list_folder(Path::new("/no/such/folder/here"), &[], false).expect_err("cannot list");
        assert!(error.contains("/no/such/folder/here"), "{error}");
    }

    #[test]
    fn save_adds_the_extension_and_asks_before_replacing() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("trip.gpx"), "x").expect("write");
        let mut dialog = FileDialog::save(
            "Export",
            "Export",
            dir.path().to_path_buf(),
            "new".to_owned(),
            "gpx",
        );
        assert_eq!(
            dialog.confirm(),
            Some(DialogOutcome::Chosen(dir.path().join("new.gpx")))
        );
        dialog.file_name = "trip".to_owned();
        assert_eq!(dialog.confirm(), None);
        assert_eq!(dialog.replace, Some(dir.path().join("trip.gpx")));
    }

    #[test]
    fn open_refuses_a_file_that_is_not_there() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut dialog = FileDialog::open("Open", dir.path().to_path_buf(), vec!["gpx"], "GPX");
        dialog.file_name = "ghost.gpx".to_owned();
        assert_eq!(dialog.confirm(), None);
        assert!(
            dialog
                .error
                .as_deref()
                .is_some_and(|error| error.contains("ghost.gpx"))
        );
    }
}
