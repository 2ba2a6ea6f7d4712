//! Which renderer draws the window, and starting it: the GPU (eframe with wgpu) or the CPU
//! ([`super::software_window`]), as `--renderer` asks; `auto` takes the CPU wherever the GPU
//! would be a software rasteriser anyway (Mesa's llvmpipe or lavapipe, SwiftShader, WARP),
//! where it costs ~100 ms of CPU a frame against a few on the CPU path.
//!
//! The signals for `auto`, cheapest first, so that a machine without a GPU pays nothing to
//! find out: `STORYROUTE_RENDERER=software|gpu`; `LIBGL_ALWAYS_SOFTWARE` (the user asked for
//! software GL); on Linux, no render node in `/dev/dri` (no GPU the kernel drives); only
//! then wgpu is asked for its Vulkan adapters (no device is created) and the GPU is taken if
//! one of them is a real GPU. A machine with a GPU but no Vulkan driver gets the CPU path.

use super::software_window::{self, SoftwareWindowError};
use super::{AppOptions, run};
use crate::cli::RendererArg;

/// The renderers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Renderer {
    /// egui drawn on the CPU, presented with softbuffer.
    Software,
    /// eframe with wgpu.
    Gpu,
}

/// What the machine says about its graphics, for [`choose_renderer`].
pub struct GraphicsSignals<'a> {
    /// `STORYROUTE_RENDERER`, if set.
    pub renderer_variable: Option<&'a str>,
    /// Whether `LIBGL_ALWAYS_SOFTWARE` is set to something but `0`.
    pub software_gl_asked: bool,
    /// Whether the system has a GPU render node (`None`: cannot tell on this system).
    pub has_render_node: Option<bool>,
}

/// A GPU adapter as wgpu reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdapterKind {
    /// A discrete, integrated or virtual GPU.
    Hardware,
    /// A software rasteriser (wgpu's `DeviceType::Cpu`) or one wgpu cannot place.
    Software,
}

/// The renderer for `arg` on a machine showing `signals`; `probe` lists the GPU adapters
/// and is called only when nothing cheaper decides. Returns the choice and why.
pub fn choose_renderer(
    arg: RendererArg,
    signals: &GraphicsSignals<'_>,
    probe: impl FnOnce() -> Vec<AdapterKind>,
) -> (Renderer, String) {
    match arg {
        RendererArg::Software => return (Renderer::Software, "--renderer software".to_owned()),
        RendererArg::Gpu => return (Renderer::Gpu, "--renderer gpu".to_owned()),
        RendererArg::Auto => {}
    }
    match signals.renderer_variable.map(str::trim) {
        Some("software") => {
            return (
                Renderer::Software,
                "STORYROUTE_RENDERER=software".to_owned(),
            );
        }
        Some("gpu") => return (Renderer::Gpu, "STORYROUTE_RENDERER=gpu".to_owned()),
        Some("auto" | "") | None => {}
        Some(other) => log::warn!(
            "STORYROUTE_RENDERER={other:?} is not one of software, gpu, auto: choosing by itself"
        ),
    }
    if signals.software_gl_asked {
        return (
            Renderer::Software,
            "LIBGL_ALWAYS_SOFTWARE is set".to_owned(),
        );
    }
    if signals.has_render_node == Some(false) {
        return (
            Renderer::Software,
            "no GPU render node in /dev/dri".to_owned(),
        );
    }
    let adapters = probe();
    if adapters.contains(&AdapterKind::Hardware) {
        (Renderer::Gpu, "a hardware GPU adapter".to_owned())
    } else if adapters.is_empty() {
        (Renderer::Software, "no GPU adapter".to_owned())
    } else {
        (Renderer::Software, "only software GPU adapters".to_owned())
    }
}

/// This machine's signals.
fn signals_here(renderer_variable: Option<&str>) -> GraphicsSignals<'_> {
    let software_gl_asked = std::env::var_os("LIBGL_ALWAYS_SOFTWARE")
        .is_some_and(|value| !value.is_empty() && value != "0");
    let has_render_node = cfg!(target_os = "linux").then(|| {
        std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
        })
    });
    GraphicsSignals {
        renderer_variable,
        software_gl_asked,
        has_render_node,
    }
}

/// The Vulkan adapters wgpu finds (no device is created).
fn vulkan_adapters() -> Vec<AdapterKind> {
    use eframe::wgpu;
    let mut descriptor = wgpu::InstanceDescriptor::new_without_display_handle();
    descriptor.backends = wgpu::Backends::VULKAN;
    let instance = wgpu::Instance::new(descriptor);
    pollster::block_on(instance.enumerate_adapters(wgpu::Backends::VULKAN))
        .iter()
        .map(|adapter| match adapter.get_info().device_type {
            wgpu::DeviceType::DiscreteGpu
            | wgpu::DeviceType::IntegratedGpu
            | wgpu::DeviceType::VirtualGpu => AdapterKind::Hardware,
            wgpu::DeviceType::Cpu | wgpu::DeviceType::Other => AdapterKind::Software,
        })
        .collect()
}

/// Why the window could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The GPU path failed.
    #[error("{0}")]
    Gpu(#[from] eframe::Error),
    /// The CPU path failed.
    #[error("{0}")]
    Software(#[from] SoftwareWindowError),
}

/// Open the app in a window drawn by the renderer `arg` chooses.
pub fn run_with_renderer(arg: RendererArg, options: AppOptions) -> Result<(), RunError> {
    let variable = std::env::var("STORYROUTE_RENDERER").ok();
    let (renderer, why) = choose_renderer(arg, &signals_here(variable.as_deref()), vulkan_adapters);
    log::info!("renderer: {renderer:?} ({why})");
    match renderer {
        Renderer::Software => Ok(software_window::run(options)?),
        Renderer::Gpu => match run(options.clone()) {
            Ok(()) => Ok(()),
            // Chosen by itself, the GPU may still fail to start: draw on the CPU then.
            Err(error) if arg == RendererArg::Auto => {
                log::warn!("the GPU renderer failed ({error}); drawing on the CPU");
                Ok(software_window::run(options)?)
            }
            Err(error) => Err(error.into()),
        },
    }
}
