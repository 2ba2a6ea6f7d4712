//! `--renderer`: which renderer draws the app's window (the choice itself is the app's; see
//! `app::run_with_renderer`).

/// Which renderer draws the window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum RendererArg {
    /// The CPU renderer when the machine has no GPU or only a software one (llvmpipe,
    /// lavapipe, SwiftShader, WARP), else the GPU; `STORYROUTE_RENDERER=software|gpu`
    /// decides instead when set.
    #[default]
    Auto,
    /// Draw on the CPU (quick where the GPU is a software one).
    Software,
    /// Draw with the GPU (wgpu).
    Gpu,
}
