//! `--renderer auto` as a machine's signals decide it: the cheap signals decide without
//! asking wgpu, and wgpu's adapters decide the rest. The probe here is a fake that records
//! whether it was called.

use std::cell::Cell;
use storyroute::app::{AdapterKind, GraphicsSignals, Renderer, choose_renderer};
use storyroute::cli::RendererArg;

fn signals(
    variable: Option<&str>,
    software_gl: bool,
    render_node: Option<bool>,
) -> GraphicsSignals<'_> {
    GraphicsSignals {
        renderer_variable: variable,
        software_gl_asked: software_gl,
        has_render_node: render_node,
    }
}

/// The renderer chosen, and whether wgpu was asked.
fn chosen(
    arg: RendererArg,
    signals: &GraphicsSignals<'_>,
    adapters: &[AdapterKind],
) -> (Renderer, bool) {
    let probed = Cell::new(false);
    let (renderer, why) = choose_renderer(arg, signals, || {
        probed.set(true);
        adapters.to_vec()
    });
    assert!(!why.is_empty());
    (renderer, probed.get())
}

#[test]
fn a_forced_renderer_is_taken_whatever_the_machine_says() {
    let gpu_machine = signals(Some("software"), true, Some(true));
    let hardware = [AdapterKind::Hardware];
    assert_eq!(
        chosen(RendererArg::Gpu, &gpu_machine, &hardware),
        (Renderer::Gpu, false)
    );
    let bare = signals(None, false, Some(false));
    assert_eq!(
        chosen(RendererArg::Software, &bare, &hardware),
        (Renderer::Software, false)
    );
}

#[test]
fn the_environment_variable_decides_auto_without_a_probe() {
    let hardware = [AdapterKind::Hardware];
    let software = signals(Some("software"), false, Some(true));
    assert_eq!(
        chosen(RendererArg::Auto, &software, &hardware),
        (Renderer::Software, false)
    );
    let gpu = signals(Some("gpu"), false, Some(false));
    assert_eq!(chosen(RendererArg::Auto, &gpu, &[]), (Renderer::Gpu, false));
}

#[test]
fn no_render_node_means_the_cpu_without_asking_wgpu() {
    let bare = signals(None, false, Some(false));
    assert_eq!(
        chosen(RendererArg::Auto, &bare, &[AdapterKind::Hardware]),
        (Renderer::Software, false)
    );
}

#[test]
fn software_gl_asked_for_means_the_cpu() {
    let asked = signals(None, true, Some(true));
    assert_eq!(
        chosen(RendererArg::Auto, &asked, &[AdapterKind::Hardware]),
        (Renderer::Software, false)
    );
}

#[test]
fn with_a_render_node_the_adapters_decide() {
    let node = signals(None, false, Some(true));
    // llvmpipe or lavapipe alone: the CPU.
    assert_eq!(
        chosen(RendererArg::Auto, &node, &[AdapterKind::Software]),
        (Renderer::Software, true)
    );
    // A real GPU beside a software adapter: the GPU.
    assert_eq!(
        chosen(
            RendererArg::Auto,
            &node,
            &[AdapterKind::Software, AdapterKind::Hardware]
        ),
        (Renderer::Gpu, true)
    );
    // No Vulkan adapter at all: the CPU.
    assert_eq!(
        chosen(RendererArg::Auto, &node, &[]),
        (Renderer::Software, true)
    );
}

#[test]
fn an_unknown_variable_value_is_ignored_and_the_machine_decides() {
    let odd = signals(Some("vulkan"), false, Some(true));
    assert_eq!(
        chosen(RendererArg::Auto, &odd, &[AdapterKind::Hardware]),
        (Renderer::Gpu, true)
    );
}
