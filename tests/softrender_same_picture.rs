//! The CPU renderer draws what the GPU renderer draws: the main views of the real app,
//! rendered from the same kittest harness output by egui_wgpu (software Vulkan here, as the
//! snapshot tests) and by `storyroute::softrender`, compared pixel by pixel.
//!
//! The tolerance, stated once: a pixel "differs" when a channel differs by more than
//! [`CHANNEL_TOLERANCE`] levels (the GPU blends and filters in floats, the CPU in integers:
//! they round apart by a level or two; measured at most 2 on every view here); at most
//! [`DIFFERING_SHARE`] percent of the pixels may differ. A missing glyph, a shape in the
//! wrong place or a wrong colour fails it by far.

// A test that cannot set up is a failed test: panicking is the right outcome here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/harness.rs"]
mod harness;
#[path = "common/soft_test_renderer.rs"]
mod soft_test_renderer;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use harness::start_app;
use soft_test_renderer::SoftTestRenderer;
use storyroute::app::{AppOptions, StoryApp};
use storyroute::model::view::MapView;

/// The largest per-channel difference that still counts as the same pixel.
const CHANNEL_TOLERANCE: u8 = 4;
/// The largest share of differing pixels, in percent.
const DIFFERING_SHARE: f64 = 0.1;

fn both(theme: egui::Theme) -> (Harness<'static, StoryApp>, Harness<'static, StoryApp>) {
    let gpu = start_app(AppOptions::default(), |builder| {
        builder.with_theme(theme).wgpu()
    });
    let cpu = start_app(AppOptions::default(), |builder| {
        builder
            .with_theme(theme)
            .renderer(SoftTestRenderer::default())
    });
    (gpu, cpu)
}

/// The share of differing pixels in percent, and the largest channel difference.
fn compare(gpu: &image::RgbaImage, cpu: &image::RgbaImage) -> (f64, u8) {
    assert_eq!(gpu.dimensions(), cpu.dimensions());
    let mut differing = 0_u64;
    let mut largest = 0;
    for (a, b) in gpu.pixels().zip(cpu.pixels()) {
        let worst = (0..3).map(|c| a[c].abs_diff(b[c])).max().unwrap_or(0);
        largest = largest.max(worst);
        if worst > CHANNEL_TOLERANCE {
            differing += 1;
        }
    }
    let total = u64::from(gpu.width()) * u64::from(gpu.height());
    #[expect(clippy::cast_precision_loss, reason = "pixel counts far below 2^52")]
    let share = differing as f64 * 100.0 / total as f64;
    (share, largest)
}

fn assert_same_picture(
    name: &str,
    gpu: &mut Harness<'_, StoryApp>,
    cpu: &mut Harness<'_, StoryApp>,
) {
    let gpu_image = gpu.render().unwrap();
    let cpu_image = cpu.render().unwrap();
    let (share, largest) = compare(&gpu_image, &cpu_image);
    eprintln!(
        "{name}: {share:.3}% of pixels differ by more than {CHANNEL_TOLERANCE}; largest difference {largest}"
    );
    if share > DIFFERING_SHARE {
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
        gpu_image.save(dir.join(format!("{name}.gpu.png"))).unwrap();
        cpu_image.save(dir.join(format!("{name}.cpu.png"))).unwrap();
        panic!(
            "{name}: {share:.3}% of pixels differ (more than {DIFFERING_SHARE}%); both images in {}",
            dir.display()
        );
    }
}

#[test]
fn the_main_view_is_the_same_on_the_cpu_in_the_dark_theme() {
    let (mut gpu, mut cpu) = both(egui::Theme::Dark);
    assert_same_picture("main_view_dark", &mut gpu, &mut cpu);
}

#[test]
fn a_selected_marker_and_its_card_are_the_same_on_the_cpu_in_the_light_theme() {
    let (mut gpu, mut cpu) = both(egui::Theme::Light);
    for harness in [&mut gpu, &mut cpu] {
        harness
            .get_by_role_and_label(Role::Button, "Khasan")
            .click();
        harness.run();
    }
    assert_same_picture("khasan_selected_light", &mut gpu, &mut cpu);
}

#[test]
fn the_border_area_zoomed_in_is_the_same_on_the_cpu() {
    let (mut gpu, mut cpu) = both(egui::Theme::Light);
    for harness in [&mut gpu, &mut cpu] {
        harness.state_mut().set_view(MapView {
            center_lon: 130.55,
            center_lat: 42.5,
            zoom: 9.0,
        });
        harness.run();
    }
    assert_same_picture("khasan_border_area", &mut gpu, &mut cpu);
}

#[test]
fn the_time_distance_chart_is_the_same_on_the_cpu_in_the_dark_theme() {
    let (mut gpu, mut cpu) = both(egui::Theme::Dark);
    for harness in [&mut gpu, &mut cpu] {
        harness
            .get_by_role_and_label(Role::Button, "Time–distance chart")
            .click();
        harness.run();
    }
    assert_same_picture("time_distance_chart_dark", &mut gpu, &mut cpu);
}
