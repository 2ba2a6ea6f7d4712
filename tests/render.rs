//! `storyroute render`, run as a user runs it: the real binary draws the bundled story's map
//! into a PNG in a temporary folder (software Vulkan on a machine with no GPU), and the test
//! reads the file back. The route's colours are the app's published ones (light theme: North
//! Korea rgb(200, 30, 45), Russia rgb(25, 85, 200); dark: rgb(255, 90, 95) and
//! rgb(100, 160, 255), `src/map/route_paint.rs`). `UPDATE_SNAPSHOTS=1 cargo test --test
//! render` rewrites the pixel snapshot in `tests/snapshots/render/`.

// A test that cannot set up is a failed test: panicking is the right outcome here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/harness.rs"]
mod harness;

use clap::Parser as _;
use proptest::prelude::*;
use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output};
use storyroute::cli::{Cli, Command as Sub, parse_size};

fn storyroute(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storyroute"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Run `render` with `args` into `dir/name`, and read the PNG back.
fn render(dir: &Path, name: &str, args: &[&str]) -> image::RgbaImage {
    let out = dir.join(name);
    let mut all = vec!["render", "--out", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let output = storyroute(&all);
    assert!(output.status.success(), "{}", stderr(&output));
    image::open(&out).unwrap().to_rgba8()
}

/// Pixels of exactly this colour.
fn count(image: &image::RgbaImage, rgb: [u8; 3]) -> usize {
    image.pixels().filter(|pixel| pixel.0[..3] == rgb).count()
}

/// Mean luma (Rec. 601 weights, 0–255) of the picture.
fn mean_luma(image: &image::RgbaImage) -> f64 {
    let sum: f64 = image
        .pixels()
        .map(|pixel| {
            0.299 * f64::from(pixel.0[0])
                + 0.587 * f64::from(pixel.0[1])
                + 0.114 * f64::from(pixel.0[2])
        })
        .sum();
    #[expect(clippy::cast_precision_loss, reason = "pixel counts far below 2^52")]
    let n = image.pixels().len() as f64;
    sum / n
}

#[test]
fn the_bundled_story_renders_at_the_asked_size_with_its_route_and_matches_its_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let image = render(dir.path(), "map.png", &["--size", "800x500"]);
    assert_eq!(image.dimensions(), (800, 500));
    // Opaque everywhere: a picture for an article, not a cut-out.
    assert!(image.pixels().all(|pixel| pixel.0[3] == 255));
    // A map, not a blank: land, sea, rivers, borders, labels, the route in two colours.
    let colours: HashSet<[u8; 4]> = image.pixels().map(|pixel| pixel.0).collect();
    assert!(colours.len() > 100, "only {} colours", colours.len());
    let north_korea = count(&image, [200, 30, 45]);
    let russia = count(&image, [25, 85, 200]);
    // The Russian part of the route is about three times as long as the North Korean one.
    assert!(north_korea > 150, "{north_korea} red route pixels");
    assert!(russia > north_korea, "{russia} blue ≤ {north_korea} red");
    // Only the temporary file's rename left the PNG: nothing else in the folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    egui_kittest::image_snapshot_options(
        &image,
        "bundled_800x500_light",
        &egui_kittest::SnapshotOptions::default().output_path("tests/snapshots/render"),
    );
}

#[test]
fn scale_two_draws_twice_the_pixels_and_the_dark_theme_is_darker() {
    let dir = tempfile::tempdir().unwrap();
    let light = render(
        dir.path(),
        "light.png",
        &["--size", "400x250", "--scale", "2"],
    );
    assert_eq!(light.dimensions(), (800, 500));
    let dark = render(
        dir.path(),
        "dark.png",
        &["--size", "400x250", "--scale", "2", "--theme", "dark"],
    );
    assert_eq!(dark.dimensions(), (800, 500));
    assert!(count(&dark, [255, 90, 95]) > 100, "dark red route");
    assert!(count(&dark, [100, 160, 255]) > 100, "dark blue route");
    assert_eq!(count(&dark, [200, 30, 45]), 0, "no light-theme red in dark");
    let (light_luma, dark_luma) = (mean_luma(&light), mean_luma(&dark));
    // The light basemap is near white, the dark one near black.
    assert!(light_luma > 180.0, "light mean luma {light_luma}");
    assert!(dark_luma < 80.0, "dark mean luma {dark_luma}");
}

#[test]
fn a_story_that_cannot_be_read_exits_1_with_the_reason_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("broken.geojson");
    std::fs::write(&story, "{\"type\": \"FeatureCollection\", \"features\": [").unwrap();
    let out = dir.path().join("map.png");
    let output = storyroute(&[
        "render",
        "--story",
        story.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("broken.geojson"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists());
    let missing = storyroute(&[
        "render",
        "--story",
        "no-such-story.geojson",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("no-such-story.geojson"));
}

#[test]
fn a_png_that_cannot_be_written_exits_1_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no/such/folder/map.png");
    let output = storyroute(&["render", "--size", "64x64", "--out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(
        text.contains("could not write") && text.contains("map.png"),
        "{text}"
    );
}

#[test]
fn bad_sizes_themes_scales_and_speeds_are_usage_errors_with_the_reason() {
    let cases: [(&[&str], &str); 7] = [
        (&["--size", "0x0"], "out of range"),
        (&["--size", "100000x100000"], "64 to 4096 points"),
        (&["--size", "big"], "not a size"),
        (&["--theme", "sepia"], "sepia"),
        (&["--scale", "3"], "1 or 2"),
        (&["--speed", "0.0000001kmh"], "0.1"),
        (&["--speed", "fast"], "fast"),
    ];
    for (args, reason) in cases {
        let mut all = vec!["render", "--out", "never-written.png"];
        all.extend_from_slice(args);
        let output = storyroute(&all);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(reason),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    assert!(!Path::new("never-written.png").exists());
    let no_out = storyroute(&["render"]);
    assert_eq!(no_out.status.code(), Some(2));
    assert!(stderr(&no_out).contains("--out"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_size_text_parses_within_bounds_or_is_refused_with_a_reason(text in "\\PC{0,24}") {
        match parse_size(&text) {
            Ok(size) => {
                prop_assert!((64..=4096).contains(&size.width));
                prop_assert!((64..=4096).contains(&size.height));
            }
            Err(reason) => prop_assert!(!reason.is_empty()),
        }
    }

    #[test]
    fn a_size_in_bounds_reads_back_as_written(width in 64u32..=4096, height in 64u32..=4096) {
        let size = parse_size(&format!("{width}x{height}")).unwrap();
        prop_assert_eq!((size.width, size.height), (width, height));
    }

    #[test]
    fn a_side_out_of_bounds_is_refused(width in 0u64..64, height in 4097u64..u64::MAX) {
        let narrow = parse_size(&format!("{width}x100")).unwrap_err();
        prop_assert!(narrow.contains("out of range"), "{}", narrow);
        let tall = parse_size(&format!("100x{height}")).unwrap_err();
        prop_assert!(tall.contains("out of range"), "{}", tall);
    }

    #[test]
    fn any_speed_given_to_render_is_within_the_apps_bounds_or_a_usage_error(
        speed in prop_oneof![
            "\\PC{0,12}",
            (-1.0e6f64..1.0e6).prop_map(|value| format!("{value}kmh")),
            (-1.0e4f64..1.0e4).prop_map(|value| format!("{value}mph")),
        ]
    ) {
        let parsed = Cli::try_parse_from(["storyroute", "render", "--out", "m.png", "--speed", &speed]);
        match parsed {
            Ok(Cli { command: Some(Sub::Render(args)), .. }) => {
                let kmh = args.speed.unwrap().speed.kmh();
                // The app's bounds: 0.1 to 1,000 km/h.
                prop_assert!((0.1..=1000.0).contains(&kmh), "{speed} → {kmh} km/h");
            }
            Ok(other) => prop_assert!(false, "parsed as {other:?}"),
            Err(error) => prop_assert_eq!(error.exit_code(), 2),
        }
    }
}

/// Mean absolute difference per channel (0–255) between `image` and `other`, both
/// `width`×`height`, `other` averaged over `factor`×`factor` blocks first.
fn mean_difference(image: &image::RgbaImage, other: &image::RgbaImage, factor: u32) -> f64 {
    let (width, height) = image.dimensions();
    assert_eq!(other.dimensions(), (width * factor, height * factor));
    let mut total = 0.0;
    for y in 0..height {
        for x in 0..width {
            for channel in 0..3 {
                let mut sum = 0.0;
                for dy in 0..factor {
                    for dx in 0..factor {
                        let pixel = other.get_pixel(x * factor + dx, y * factor + dy);
                        sum += f64::from(pixel.0[channel]);
                    }
                }
                let mean = sum / f64::from(factor * factor);
                total += (f64::from(image.get_pixel(x, y).0[channel]) - mean).abs();
            }
        }
    }
    total / (f64::from(width) * f64::from(height) * 3.0)
}

fn to_rgba(image: &egui::ColorImage) -> image::RgbaImage {
    let [width, height] = image.size;
    let bytes = image
        .pixels
        .iter()
        .flat_map(egui::Color32::to_srgba_unmultiplied)
        .collect();
    image::RgbaImage::from_raw(
        u32::try_from(width).unwrap(),
        u32::try_from(height).unwrap(),
        bytes,
    )
    .unwrap()
}

#[test]
fn the_apps_map_exported_at_1x_and_2x_is_the_map_on_screen() {
    use storyroute::render::{MapPicture, PictureView, render_map};
    let mut harness = harness::start_app(storyroute::app::AppOptions::default(), |builder| {
        builder.with_theme(egui::Theme::Light).wgpu()
    });
    // A view the user moved to: the border area at zoom 8.
    harness
        .state_mut()
        .set_view(storyroute::model::view::MapView {
            center_lon: 130.6,
            center_lat: 42.6,
            zoom: 8.0,
        });
    harness.run();
    let screen = harness.render().unwrap();
    let app = harness.state();
    let rect = app.map_rect();
    // The window at 1×, cut to the map (what `app::crop_screenshot` cuts).
    let cut = to_rgba(
        &storyroute::app::crop_screenshot(
            &egui::ColorImage::from_rgba_unmultiplied(
                [screen.width() as usize, screen.height() as usize],
                screen.as_raw(),
            ),
            rect,
            1.0,
        )
        .unwrap(),
    );
    let picture = |pixels_per_point| MapPicture {
        session: app.session(),
        state: app.persisted(),
        view: PictureView::At(app.map_view()),
        size_points: rect.size(),
        pixels_per_point,
        theme: egui::Theme::Light,
    };
    let one = to_rgba(&render_map(&picture(1.0)).unwrap());
    let two = to_rgba(&render_map(&picture(2.0)).unwrap());
    assert_eq!(one.dimensions(), cut.dimensions());
    assert_eq!(two.dimensions(), (cut.width() * 2, cut.height() * 2));
    // The offscreen picture is the screen's map but for the zoom buttons (a few hundred of
    // its ~600,000 pixels): nearly every pixel the same.
    let same = one
        .pixels()
        .zip(cut.pixels())
        .filter(|(a, b)| a.0 == b.0)
        .count();
    #[expect(clippy::cast_precision_loss, reason = "pixel counts")]
    let share = same as f64 / f64::from(one.width() * one.height());
    assert!(
        share > 0.98,
        "only {share:.3} of the pixels match the screen"
    );
    // At 2× the same map, sharper: averaged back to 1× it differs little (text and lines
    // are anti-aliased at another resolution, so not exactly).
    let difference = mean_difference(&one, &two, 2);
    assert!(difference < 3.0, "mean difference {difference:.2} of 255");
}
