//! The panels and windows around the map. Each `*_ui` function reads the [`ViewModel`](crate::model::ViewModel) and
//! returns the [`Intent`](crate::model::Intent)s the user expressed; none of them changes the app directly.

mod accessible;
mod article;
mod article_window;
mod card;
mod chart;
mod chart_plot;
mod desk_legs;
mod desk_times;
mod desk_window;
mod file_dialog;
mod file_windows;
mod fonts;
mod itinerary_table;
mod menu;
mod progress;
mod replay;
mod side_panel;
mod speed;
mod windows;

pub use article::article_panel_ui;
pub use article_window::article_window_ui;
pub use card::{CARD_COVER_PX, place_card_ui};
pub use chart::{ChartWindowState, chart_window_ui, estimate_sentence};
pub use desk_legs::{DeskFields, LegFields};
pub use desk_window::{DeskView, REDO_SHORTCUT, UNDO_SHORTCUT, desk_panel_ui};
pub use file_dialog::{DialogMode, DialogOutcome, FileDialog};
pub use file_windows::{
    UnsavedQuestion, details_window_ui, file_error_window_ui, unsaved_changes_ui,
};
pub use fonts::install_fonts;
pub use menu::{
    MenuView, OPEN_SHORTCUT, QUIT_SHORTCUT, SAVE_AS_SHORTCUT, SAVE_SHORTCUT, menu_bar_ui,
};
pub use progress::{CANCEL_LOADING, LoadingView, loading_window_ui, stage_text};
pub use replay::replay_ui;
pub use side_panel::side_panel_ui;
pub use windows::{
    help_window_ui, load_error_window_ui, notice_window_ui, sources_window_ui,
    tiles_error_window_ui, warnings_window_ui,
};
