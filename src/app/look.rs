//! How the app looks before anything is drawn: the bundled font and the theme.

use crate::model::ThemeChoice;

/// The bundled font after egui's own (in [`crate::ui`], shared with the offscreen map
/// pictures).
pub use crate::ui::install_fonts;

/// Light, dark or the system's.
pub fn apply_theme(ctx: &egui::Context, theme: ThemeChoice) {
    ctx.set_theme(match theme {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
    });
}
