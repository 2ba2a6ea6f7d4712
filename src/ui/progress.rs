//! The progress of opening a story: a small window over the bottom of the map (the part a
//! fitted story leaves free) with what is being done, a bar, and a Cancel button. The
//! story on screen stays usable around it.
//!
//! Invariants: it reads what the shell gives it and returns whether Cancel was pressed; it
//! never changes the app itself, and it does not animate (the shell asks for the frames).

use crate::story::{LoadStage, ProgressSnapshot};
use std::fmt::Write as _;

/// What the progress window shows.
pub struct LoadingView<'a> {
    /// The file's name, as the reader knows it.
    pub file_name: &'a str,
    /// How far it has got.
    pub progress: ProgressSnapshot,
}

/// The accessible name (and text) of the button that stops opening a story.
pub const CANCEL_LOADING: &str = "Cancel loading";

/// Show the progress of opening a story; `true` if the reader pressed Cancel.
pub fn loading_window_ui(ctx: &egui::Context, view: &LoadingView<'_>) -> bool {
    let mut cancel = false;
    egui::Window::new("Opening a story")
        .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -24.0))
        // Above the map's own overlays (the legend at its bottom), so Cancel always answers.
        .order(egui::Order::Foreground)
        .collapsible(false)
        .resizable(false)
        .title_bar(false)
        .show(ctx, |ui| {
            ui.set_width(360.0);
            ui.label(format!("Opening {}", view.file_name));
            let progress = view.progress;
            ui.add(
                egui::ProgressBar::new(progress.fraction())
                    .desired_width(360.0)
                    .text(stage_text(&progress)),
            );
            ui.horizontal(|ui| {
                ui.label("The story on screen stays open until the new one is ready.");
            });
            if ui.button(CANCEL_LOADING).clicked() {
                cancel = true;
            }
        });
    cancel
}

/// "Reading the file: 12.3 of 45.0 MB", "Checking places: 40,000 of 200,000 features".
pub fn stage_text(progress: &ProgressSnapshot) -> String {
    let stage = progress.stage.describe();
    let mut text = String::with_capacity(48);
    let mut chars = stage.chars();
    if let Some(first) = chars.next() {
        text.extend(first.to_uppercase());
        text.push_str(chars.as_str());
    }
    match progress.stage {
        LoadStage::Reading | LoadStage::ReadingJson => {
            let done = megabytes(progress.done);
            if progress.total > 0 {
                let _ = write!(text, ": {done} of {} MB", megabytes(progress.total));
            } else {
                let _ = write!(text, ": {done} MB");
            }
        }
        LoadStage::CheckingPlaces if progress.total > 0 => {
            let _ = write!(
                text,
                ": {} of {} features",
                thousands(progress.done),
                thousands(progress.total)
            );
        }
        _ => text.push('…'),
    }
    text
}

fn megabytes(bytes: u64) -> String {
    // A figure for a label: the precision lost past 2^52 bytes does not matter.
    #[allow(clippy::cast_precision_loss)]
    let mb = bytes as f64 / 1_000_000.0;
    format!("{mb:.1}")
}

/// 40000 → "40,000".
fn thousands(number: u64) -> String {
    let digits = number.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_says_what_it_is_doing_and_how_far_it_got() {
        let reading = ProgressSnapshot {
            stage: LoadStage::Reading,
            done: 12_345_678,
            total: 45_000_000,
        };
        assert_eq!(stage_text(&reading), "Reading the file: 12.3 of 45.0 MB");
        let piped = ProgressSnapshot {
            total: 0,
            ..reading
        };
        assert_eq!(stage_text(&piped), "Reading the file: 12.3 MB");
        let places = ProgressSnapshot {
            stage: LoadStage::CheckingPlaces,
            done: 40_000,
            total: 200_000,
        };
        assert_eq!(
            stage_text(&places),
            "Checking places: 40,000 of 200,000 features"
        );
        let route = ProgressSnapshot {
            stage: LoadStage::MeasuringRoute,
            done: 0,
            total: 0,
        };
        assert_eq!(stage_text(&route), "Measuring the route…");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
    }
}
