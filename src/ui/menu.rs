//! The menu bar: files (open, recent, new story from article, save, export, details, quit), the view options (theme, article, time–distance chart,
//! online tiles) and help.

use super::accessible::set_accessible_name;
use crate::model::{ExportKind, Intent, ThemeChoice, ViewModel};

/// Ctrl+O (⌘O on a Mac).
pub const OPEN_SHORTCUT: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::O);
/// Ctrl+S.
pub const SAVE_SHORTCUT: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::S);
/// Ctrl+Shift+S.
pub const SAVE_AS_SHORTCUT: egui::KeyboardShortcut = egui::KeyboardShortcut::new(
    egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
    egui::Key::S,
);
/// Ctrl+Q.
pub const QUIT_SHORTCUT: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Q);

/// What the menu bar shows besides the view model.
pub struct MenuView<'a> {
    /// Whether the story has changes not saved.
    pub unsaved: bool,
    /// What the last save or export did, when it went well.
    pub file_status: Option<&'a str>,
}

/// The bar at the top of the window.
pub fn menu_bar_ui(ui: &mut egui::Ui, model: &ViewModel<'_>, view: &MenuView<'_>) -> Vec<Intent> {
    let mut intents = Vec::new();
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu_ui(ui, model, view, &mut intents));
            ui.menu_button("View", |ui| {
                let mut article = model.state.show_article;
                if ui.checkbox(&mut article, "Article panel").changed() {
                    intents.push(Intent::SetArticle(article));
                }
                let mut chart = model.state.show_chart;
                if ui
                    .checkbox(&mut chart, "Time–distance chart")
                    .on_hover_text("The journey as time against distance: the estimate, the reported times and the speeds they imply")
                    .changed()
                {
                    intents.push(Intent::SetChart(chart));
                    ui.close();
                }
                let mut online = model.state.online_tiles;
                if ui
                    .checkbox(&mut online, "OpenStreetMap tiles (online)")
                    .on_hover_text(
                        "Draw OpenStreetMap tiles over the offline map; needs the network",
                    )
                    .changed()
                {
                    intents.push(Intent::SetOnlineTiles(online));
                }
                let mut local = model.state.local_names;
                if ui
                    .checkbox(&mut local, "Local place names")
                    .on_hover_text("Label places in their own language where the map knows it (else in English)")
                    .changed()
                {
                    intents.push(Intent::SetLocalNames(local));
                }
                ui.separator();
                ui.label("Theme");
                for (choice, label) in [
                    (ThemeChoice::System, "Follow the system"),
                    (ThemeChoice::Light, "Light"),
                    (ThemeChoice::Dark, "Dark"),
                ] {
                    if ui.radio(model.state.theme == choice, label).clicked() {
                        intents.push(Intent::SetTheme(choice));
                    }
                }
                ui.separator();
                if ui.button("Fit the route (F)").clicked() {
                    intents.push(Intent::FitRoute);
                    ui.close();
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard shortcuts (F1)").clicked() {
                    intents.push(Intent::ToggleHelp);
                    ui.close();
                }
                if ui.button("Sources and licences").clicked() {
                    intents.push(Intent::ToggleSources);
                    ui.close();
                }
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let dark = ui.visuals().dark_mode;
                let (icon, target, name) = if dark {
                    ("☀", ThemeChoice::Light, "Switch to the light theme")
                } else {
                    ("🌙", ThemeChoice::Dark, "Switch to the dark theme")
                };
                let button = ui.button(icon);
                button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
                if button.on_hover_text(name).clicked() {
                    intents.push(Intent::SetTheme(target));
                }
                if !model.state.show_article
                    && !model.story.meta.article.is_empty()
                    && ui.button("Article").clicked()
                {
                    intents.push(Intent::SetArticle(true));
                }
                if let Some(status) = view.file_status {
                    ui.weak(status);
                }
            });
        });
    });
    intents
}

fn file_menu_ui(
    ui: &mut egui::Ui,
    model: &ViewModel<'_>,
    view: &MenuView<'_>,
    intents: &mut Vec<Intent>,
) {
    if entry_with_shortcut(ui, "Open…", OPEN_SHORTCUT)
        .on_hover_text("Open a story, GeoJSON, GPX, KML or KMZ file (or drop one on the window)")
        .clicked()
    {
        intents.push(Intent::ShowOpenDialog);
        ui.close();
    }
    ui.add_enabled_ui(!model.state.recent_files.is_empty(), |ui| {
        let recent = ui.menu_button("Open recent", |ui| {
            for path in &model.state.recent_files {
                let name = crate::model::document::display_name(path);
                if ui
                    .button(name)
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    intents.push(Intent::OpenStory(path.clone()));
                    ui.close();
                }
            }
            ui.separator();
            if ui.button("Clear recent files").clicked() {
                intents.push(Intent::ClearRecent);
                ui.close();
            }
        });
        name_submenu(&recent.response, "Open recent");
    });
    if ui
        .button("New story from article…")
        .on_hover_text("Paste an article or open its text file; find its places; make its route")
        .clicked()
    {
        intents.push(Intent::SetArticleWindow(true));
        ui.close();
    }
    ui.separator();
    let save_hint = if view.unsaved {
        "Save the changes"
    } else {
        "Save the story as a storyroute file"
    };
    if entry_with_shortcut(ui, "Save", SAVE_SHORTCUT)
        .on_hover_text(save_hint)
        .clicked()
    {
        intents.push(Intent::Save);
        ui.close();
    }
    if entry_with_shortcut(ui, "Save As…", SAVE_AS_SHORTCUT).clicked() {
        intents.push(Intent::ShowSaveAs);
        ui.close();
    }
    let export = ui.menu_button("Export", |ui| {
        for kind in ExportKind::ALL {
            if ui.button(kind.label()).clicked() {
                intents.push(Intent::ShowExport(kind));
                ui.close();
            }
        }
    });
    name_submenu(&export.response, "Export");
    ui.separator();
    if ui.button("Story details…").clicked() {
        intents.push(Intent::SetDetails(true));
        ui.close();
    }
    ui.separator();
    if entry_with_shortcut(ui, "Quit", QUIT_SHORTCUT).clicked() {
        intents.push(Intent::Quit);
        ui.close();
    }
}

/// A menu entry showing its shortcut; its accessible name is the words alone (a screen
/// reader gets the shortcut from the menu, not as part of the name).
fn entry_with_shortcut(
    ui: &mut egui::Ui,
    label: &str,
    shortcut: egui::KeyboardShortcut,
) -> egui::Response {
    let text = ui.ctx().format_shortcut(&shortcut);
    let response = ui.add(egui::Button::new(label).shortcut_text(text));
    set_accessible_name(&response, label);
    response
}

/// A submenu's accessible name is its words, without the "⏵" egui draws after them.
fn name_submenu(response: &egui::Response, label: &str) {
    set_accessible_name(response, label);
}
