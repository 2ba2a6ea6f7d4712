//! Windows: keyboard help, data sources and licences, story warnings, and a failed load.

use crate::model::{Intent, ViewModel};
use crate::story::LoadError;
use egui::RichText;

/// The keyboard shortcuts.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("→ / ←", "next / previous place"),
    ("Home / End", "first / last place"),
    ("Esc", "close the card"),
    ("+ / −", "zoom in / out"),
    ("F", "fit the whole route"),
    ("F1 or ?", "this help"),
    ("drag, scroll", "move and zoom the map"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo at the author's desk"),
];

/// The help window.
pub fn help_window_ui(ctx: &egui::Context) -> Vec<Intent> {
    let mut intents = Vec::new();
    egui::Window::new("Keyboard shortcuts")
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .spacing([16.0, 4.0])
                .show(ui, |ui| {
                    for (keys, what) in SHORTCUTS {
                        ui.label(RichText::new(*keys).monospace().strong());
                        ui.label(*what);
                        ui.end_row();
                    }
                });
            if ui.button("Close help").clicked() {
                intents.push(Intent::ToggleHelp);
            }
        });
    intents
}

/// Where the map data and the story come from, with the licences.
pub fn sources_window_ui(ctx: &egui::Context, model: &ViewModel<'_>, online: bool) -> Vec<Intent> {
    let mut intents = Vec::new();
    egui::Window::new("Sources and licences")
        .collapsible(false)
        .default_width(460.0)
        .show(ctx, |ui| {
            ui.strong("Offline map");
            for source in crate::basemap::SOURCES {
                ui.label(format!(
                    "{}: {} ({})",
                    source.name, source.what, source.licence
                ));
                ui.hyperlink(source.url);
            }
            ui.label("Place names for storyroute draft: GeoNames (geonames.org, CC BY 4.0) and Natural Earth (public domain)");
            if online {
                ui.add_space(4.0);
                ui.strong("Online tiles");
                ui.label("© OpenStreetMap contributors (ODbL)");
                ui.hyperlink("https://www.openstreetmap.org/copyright");
            }
            ui.add_space(4.0);
            ui.strong("The story");
            for source in &model.story.meta.sources {
                match &source.url {
                    Some(url) => {
                        ui.hyperlink_to(&source.label, url);
                    }
                    None => {
                        ui.label(&source.label);
                    }
                }
            }
            if ui.button("Close sources").clicked() {
                intents.push(Intent::ToggleSources);
            }
        });
    intents
}

/// What was found while loading the story: warnings first, then information; many similar
/// problems are one line with their count.
pub fn warnings_window_ui(ctx: &egui::Context, model: &ViewModel<'_>, open: &mut bool) {
    let mut groups = crate::story::group_problems(model.warnings);
    groups.sort_by_key(|group| group.severity == crate::story::Severity::Info);
    egui::Window::new("About the story file")
        .open(open)
        .default_width(520.0)
        // Over the map, below the menu bar: not over the File menu.
        .default_pos([460.0, 60.0])
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                for group in &groups {
                    ui.colored_label(severity_colour(ui, group.severity), group.to_string());
                }
            });
        });
}

fn severity_colour(ui: &egui::Ui, severity: crate::story::Severity) -> egui::Color32 {
    match severity {
        crate::story::Severity::Error => ui.visuals().error_fg_color,
        crate::story::Severity::Warning => ui.visuals().warn_fg_color,
        crate::story::Severity::Info => ui.visuals().text_color(),
    }
}

/// Why a story could not be opened; the open story stays as it was.
pub fn load_error_window_ui(ctx: &egui::Context, error: &LoadError) -> Vec<Intent> {
    let mut intents = Vec::new();
    egui::Window::new("Could not open the story")
        .collapsible(false)
        .default_width(560.0)
        .show(ctx, |ui| {
            ui.label(format!(
                "{} could not be opened; the story on screen is unchanged.",
                error.file
            ));
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| {
                    for group in crate::story::group_problems(&error.problems) {
                        ui.colored_label(severity_colour(ui, group.severity), group.to_string());
                    }
                });
            if ui.button("OK").clicked() {
                intents.push(Intent::DismissLoadError);
            }
        });
    intents
}

/// The local tiles file given with `--tiles` could not be used; the offline map is shown.
pub fn tiles_error_window_ui(ctx: &egui::Context, error: &str) -> Vec<Intent> {
    let mut intents = Vec::new();
    egui::Window::new("Could not open the tiles file")
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label(error);
            ui.label("The offline map is shown instead.");
            if ui.button("OK").clicked() {
                intents.push(Intent::DismissTilesError);
            }
        });
    intents
}

/// Something that went wrong out of sight (the saved settings could not be read), said once.
pub fn notice_window_ui(ctx: &egui::Context, notice: &str) -> Vec<Intent> {
    let mut intents = Vec::new();
    egui::Window::new("Something went wrong")
        .collapsible(false)
        .default_width(480.0)
        .show(ctx, |ui| {
            ui.label(notice);
            if ui.button("OK").clicked() {
                intents.push(Intent::DismissNotice);
            }
        });
    intents
}
