//! `storyroute render`: the story's map as a PNG, drawn without a window. Exit status 0 when
//! the PNG is written; 1 when the story cannot be read, the map cannot be drawn or the PNG
//! cannot be written (the reasons on stderr); usage errors (2) are clap's, in
//! [`crate::cli::RenderArgs`].

use super::{MapPicture, PictureView, render_map, save_png_atomically};
use crate::cli::{PictureTheme, RenderArgs, load_for_command};
use crate::model::{PersistedState, Session, ThemeChoice};
use std::path::PathBuf;
use std::process::ExitCode;

/// Run `render`: load the story (or the bundled one), fit its route, draw, write.
pub fn run_render(story_path: Option<&PathBuf>, args: &RenderArgs) -> ExitCode {
    let loaded = match load_for_command(story_path) {
        Ok(loaded) => loaded,
        Err(status) => return status,
    };
    let (theme, theme_choice) = match args.theme {
        PictureTheme::Light => (egui::Theme::Light, ThemeChoice::Light),
        PictureTheme::Dark => (egui::Theme::Dark, ThemeChoice::Dark),
    };
    let state = PersistedState {
        theme: theme_choice,
        ..PersistedState::default()
    };
    let session = Session::new(loaded, args.speed, false, true);
    #[expect(
        clippy::cast_precision_loss,
        reason = "sides are at most 4096 points (cli::MAX_SIDE_POINTS)"
    )]
    let size_points = egui::vec2(args.size.width as f32, args.size.height as f32);
    #[expect(clippy::cast_precision_loss, reason = "the scale is 1 or 2")]
    let pixels_per_point = args.scale as f32;
    let picture = MapPicture {
        session: &session,
        state: &state,
        view: PictureView::Fit,
        size_points,
        pixels_per_point,
        theme,
    };
    let image = match render_map(&picture) {
        Ok(image) => image,
        Err(error) => {
            eprintln!("storyroute: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(error) = save_png_atomically(&image, &args.out) {
        eprintln!("storyroute: {error}");
        return ExitCode::FAILURE;
    }
    let [width, height] = image.size;
    println!("wrote {} ({width}×{height} pixels)", args.out.display());
    ExitCode::SUCCESS
}
