//! Rasterising egui's triangles offscreen with wgpu: no window, no surface; a texture is
//! drawn into and read back. On a machine with no GPU a software driver (Mesa's lavapipe,
//! `mesa-vulkan-drivers`) does it; a CPU adapter is preferred when there is one, so a picture
//! comes out the same, pixel for pixel, on every machine that has it (the snapshot tests rely
//! on that).
//!
//! Invariants: the target is `Rgba8Unorm`, the format egui_wgpu picks without a surface; the
//! pixels read back are egui's (gamma-space, unmultiplied once converted); waiting on the
//! device is bounded, so a lost device is an error, not a hang.

use super::RenderError;
use super::scene::DrawnFrame;
use egui::{Color32, ColorImage};
use egui_wgpu::wgpu;
use std::sync::Arc;
use std::time::Duration;

/// The longest wait for the device to finish a picture (a software driver drawing 8,192²
/// pixels takes well under a second).
const WAIT: Duration = Duration::from_secs(30);

/// A wgpu device for drawing pictures; make one and draw many.
pub struct OffscreenGpu {
    state: egui_wgpu::RenderState,
}

impl OffscreenGpu {
    /// Open a device with no window: Vulkan, Metal or DirectX 12, else OpenGL (tried only
    /// then: probing it without a display fills stderr with EGL's complaints).
    pub fn new() -> Result<Self, RenderError> {
        Self::with_backends(wgpu::Backends::PRIMARY)
            .or_else(|_| Self::with_backends(wgpu::Backends::GL))
    }

    fn with_backends(backends: wgpu::Backends) -> Result<Self, RenderError> {
        let mut setup = egui_wgpu::WgpuSetupCreateNew::without_display_handle();
        setup.instance_descriptor.backends = backends;
        setup.native_adapter_selector = Some(Arc::new(|adapters, _surface| {
            // Software first (the same pixels everywhere), then any GPU.
            adapters
                .iter()
                .min_by_key(|adapter| match adapter.get_info().device_type {
                    wgpu::DeviceType::Cpu => 0,
                    wgpu::DeviceType::DiscreteGpu => 1,
                    wgpu::DeviceType::IntegratedGpu => 2,
                    wgpu::DeviceType::VirtualGpu | wgpu::DeviceType::Other => 3,
                })
                .cloned()
                .ok_or_else(|| "no graphics adapter found".to_owned())
        }));
        let setup = egui_wgpu::WgpuSetup::CreateNew(setup);
        let instance = pollster::block_on(setup.new_instance());
        let configuration = egui_wgpu::WgpuConfiguration {
            wgpu_setup: setup,
            ..egui_wgpu::WgpuConfiguration::default()
        };
        let state = pollster::block_on(egui_wgpu::RenderState::create(
            &configuration,
            &instance,
            None,
            egui_wgpu::RendererOptions::PREDICTABLE,
        ))
        .map_err(|error| RenderError::NoGpu(error.to_string()))?;
        if state.target_format != wgpu::TextureFormat::Rgba8Unorm {
            return Err(RenderError::Gpu(format!(
                "unexpected target format {:?}",
                state.target_format
            )));
        }
        Ok(Self { state })
    }

    /// The largest side of a picture this device can draw, in pixels.
    pub fn max_side_px(&self) -> u32 {
        self.state.device.limits().max_texture_dimension_2d
    }

    /// What the adapter is (name and backend), for logs and benchmarks.
    pub fn adapter_summary(&self) -> String {
        let info = self.state.adapter.get_info();
        format!("{} ({:?}, {:?})", info.name, info.backend, info.device_type)
    }

    /// Upload the frame's textures, draw its triangles into a texture, read it back.
    pub fn paint(&mut self, mut frame: DrawnFrame) -> Result<ColorImage, RenderError> {
        let device = &self.state.device;
        let queue = &self.state.queue;
        let mut renderer = self.state.renderer.write();
        // Every delta is taken (egui insists), whatever happens next.
        for mut delta in std::mem::take(&mut frame.textures) {
            for (id, images) in delta.set.drain() {
                for image in images {
                    renderer.update_texture(device, queue, id, &image);
                }
            }
            for id in delta.free.drain() {
                renderer.free_texture(&id);
            }
        }
        let [width, height] = frame.size_px;
        let max = device.limits().max_texture_dimension_2d;
        if width == 0 || height == 0 || width > max || height > max {
            return Err(RenderError::TooLarge { width, height, max });
        }
        let screen = egui_wgpu::ScreenDescriptor {
            size_in_pixels: [width, height],
            pixels_per_point: frame.pixels_per_point,
        };
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("storyroute picture"),
        });
        let callbacks =
            renderer.update_buffers(device, queue, &mut encoder, &frame.primitives, &screen);
        let extent = wgpu::Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        };
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("storyroute picture"),
            size: extent,
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: self.state.target_format,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        {
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("storyroute picture"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view: &view,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            load: wgpu::LoadOp::Clear(wgpu::Color::BLACK),
                            store: wgpu::StoreOp::Store,
                        },
                        depth_slice: None,
                    })],
                    ..wgpu::RenderPassDescriptor::default()
                })
                .forget_lifetime();
            renderer.render(&mut pass, &frame.primitives, &screen);
        }
        // Rows of a buffer copy are aligned to 256 bytes.
        let row_bytes = width * 4;
        let padded_row_bytes = row_bytes.div_ceil(wgpu::COPY_BYTES_PER_ROW_ALIGNMENT)
            * wgpu::COPY_BYTES_PER_ROW_ALIGNMENT;
        let buffer = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("storyroute picture pixels"),
            size: u64::from(padded_row_bytes) * u64::from(height),
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        encoder.copy_texture_to_buffer(
            texture.as_image_copy(),
            wgpu::TexelCopyBufferInfo {
                buffer: &buffer,
                layout: wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(padded_row_bytes),
                    rows_per_image: None,
                },
            },
            extent,
        );
        let submission = queue.submit(callbacks.into_iter().chain([encoder.finish()]));
        let slice = buffer.slice(..);
        let (sender, receiver) = std::sync::mpsc::channel();
        slice.map_async(wgpu::MapMode::Read, move |result| {
            // The receiver waits below; it is gone only if this function already returned.
            let _ = sender.send(result);
        });
        device
            .poll(wgpu::PollType::Wait {
                submission_index: Some(submission),
                timeout: Some(WAIT),
            })
            .map_err(|error| RenderError::Gpu(format!("waiting for the picture: {error}")))?;
        receiver
            .recv_timeout(WAIT)
            .map_err(|error| RenderError::Gpu(format!("reading the picture back: {error}")))?
            .map_err(|error| RenderError::Gpu(format!("reading the picture back: {error}")))?;
        let mapped = slice
            .get_mapped_range()
            .map_err(|error| RenderError::Gpu(format!("reading the picture back: {error}")))?;
        let row_len = usize::try_from(row_bytes).unwrap_or(usize::MAX);
        let padded_len = usize::try_from(padded_row_bytes).unwrap_or(usize::MAX);
        let pixels: Vec<Color32> = mapped
            .chunks_exact(padded_len)
            .flat_map(|row| row.get(..row_len).unwrap_or_default().chunks_exact(4))
            .map(|rgba| Color32::from_rgba_premultiplied(rgba[0], rgba[1], rgba[2], rgba[3]))
            .collect();
        drop(mapped);
        buffer.unmap();
        let size = [row_len / 4, pixels.len() / (row_len / 4).max(1)];
        if size[0] * size[1] != pixels.len() || u32::try_from(size[1]) != Ok(height) {
            return Err(RenderError::Gpu(format!(
                "read back {} pixels for a {width}×{height} picture",
                pixels.len()
            )));
        }
        Ok(ColorImage::new(size, pixels))
    }
}
