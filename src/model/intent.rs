//! What the user asks for. UI functions return [`Intent`]s; the app applies them in one
//! place: the per-story ones in [`Session::apply`](super::Session::apply), the rest (theme,
//! windows, files, tiles) in the shell that outlives stories.

use super::export_kind::ExportKind;
use super::state::ThemeChoice;
use crate::desk::DeskEdit;
use crate::units::SpeedUnit;

/// Something the user asked for. UI functions return these; the app applies them in one
/// place.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    /// Select the place at this index of `story.places`, and fly to it.
    Select(usize),
    /// Close the card; nothing selected.
    ClearSelection,
    /// The next place along the route (→).
    SelectNext,
    /// The previous place (←).
    SelectPrevious,
    /// The origin (Home).
    SelectFirst,
    /// The destination (End).
    SelectLast,
    /// Set the speed to this value in the current unit.
    SetSpeed(f64),
    /// Show speeds and distances in this unit (the speed itself is kept).
    SetUnit(SpeedUnit),
    /// Back to the story's reported speed.
    ResetSpeed,
    /// Set the speed to the one that best fits the reported arrival times (see
    /// [`crate::route::best_fit`]); nothing changes when the reports fit no speed.
    FitSpeedToReports,
    /// Open or close the time–distance chart.
    SetChart(bool),
    /// Write the time–distance chart as an SVG document to this file.
    ExportChartSvg(std::path::PathBuf),
    /// Write the time–distance chart, as drawn on screen, as a PNG image to this file.
    ExportChartPng(std::path::PathBuf),
    /// Show and count the what-if detour, or not.
    SetDetour(bool),
    /// Show the whole route (F).
    FitRoute,
    /// Zoom in (+) or out (−) by this many levels.
    ZoomBy(f64),
    /// Zoom in on these places (a cluster's members, by index into `story.places`) until
    /// they part.
    ZoomToPlaces(Vec<usize>),
    /// Light, dark or system.
    SetTheme(ThemeChoice),
    /// Open or close the keyboard help.
    ToggleHelp,
    /// Open or close the data sources and licences.
    ToggleSources,
    /// Open or close the article panel.
    SetArticle(bool),
    /// Draw OpenStreetMap tiles (online) or not.
    SetOnlineTiles(bool),
    /// Label the basemap's places with their local names (true) or English ones.
    SetLocalNames(bool),
    /// Open a story file (after asking what to do with unsaved changes, if any).
    OpenStory(std::path::PathBuf),
    /// Show the Open dialog (Ctrl+O).
    ShowOpenDialog,
    /// Forget the recently used files.
    ClearRecent,
    /// Save the story to its own file, or ask where if it has none (Ctrl+S).
    Save,
    /// Show the Save As dialog (Ctrl+Shift+S).
    ShowSaveAs,
    /// Write the story as a `storyroute/1` file here; it becomes the story's file.
    SaveAs(std::path::PathBuf),
    /// Show the dialog asking where to export this.
    ShowExport(ExportKind),
    /// Write this export to this file.
    Export(ExportKind, std::path::PathBuf),
    /// Open or close the story's details (its title).
    SetDetails(bool),
    /// Give the story this title (an edit: the story then has unsaved changes).
    SetTitle(String),
    /// Close the app (after asking what to do with unsaved changes, if any).
    Quit,
    /// In the unsaved-changes question: save, then go on.
    SaveThenContinue,
    /// In the unsaved-changes question: go on without saving.
    DiscardThenContinue,
    /// In the unsaved-changes question: do nothing.
    KeepEditing,
    /// Close the notice saying what the last save or export did.
    DismissFileMessage,
    /// Close the window listing a failed load's problems.
    DismissLoadError,
    /// Close the window saying the local tiles file could not be used.
    DismissTilesError,
    /// Close the notice about something that went wrong in the background (the saved
    /// settings could not be read, say).
    DismissNotice,
    /// Show the train this many seconds after departure.
    SetPlayback(f64),
    /// Start or pause the journey replay.
    TogglePlay,
    /// Stop the replay and hide the train.
    HideTrain,
    /// Open or close the window to paste an article (File ▸ New story from article…).
    SetArticleWindow(bool),
    /// Show the dialog to open an article's text file.
    ShowOpenArticleDialog,
    /// Read this article file into the article window.
    OpenArticleFile(std::path::PathBuf),
    /// Find the places of the article in the window and open the author's desk (after
    /// asking what to do with unsaved changes, if any).
    FindPlaces,
    /// An edit at the author's desk.
    Desk(DeskEdit),
    /// Undo the last edit at the desk (Ctrl+Z).
    DeskUndo,
    /// Redo the last edit undone at the desk (Ctrl+Shift+Z).
    DeskRedo,
    /// Close the desk: the story it made stays open, unsaved.
    CloseDesk,
    /// At the desk, make the leg at this index of `story.legs` pass through a point (its
    /// handle dragged there).
    BendLeg {
        /// The leg.
        leg: usize,
        /// The point.
        through: crate::story::LonLat,
    },
    /// At the desk, draw the leg at this index of `story.legs` as a great circle again.
    StraightenLeg(usize),
    /// At the desk, put the place at this index of `story.places` here (a marker dragged).
    MovePlace {
        /// The place.
        place: usize,
        /// Where.
        to: crate::story::LonLat,
    },
}
