//! The software path's window: a winit event loop, egui-winit for input, clipboard, IME,
//! drag and drop and AccessKit (as eframe does), the same [`StoryApp`] as the GPU path, and
//! [`SoftRenderer`] presenting through softbuffer only the rectangles that changed.
//!
//! Invariants: the app sees what eframe would give it (`logic` then `ui` in one pass, the
//! same settings file, saved on exit and every [`eframe::App::auto_save_interval`]); a
//! frame is drawn only when egui asks for one (input, a repaint request from any thread, a
//! timer), so an idle window costs nothing. The window stays hidden until its first frame
//! is drawn (AccessKit must be set up before it is shown).

use super::software_storage::RonFileStorage;
use super::{APP_NAME, AppOptions, StoryApp};
use crate::softrender::{FrameInput, PixelRect, SoftRenderer};
use eframe::App as _;
use egui_winit::accesskit_winit;
use egui_winit::winit;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, Instant};
use winit::application::ApplicationHandler;
use winit::event::WindowEvent;
use winit::event_loop::{ActiveEventLoop, ControlFlow, EventLoop, EventLoopProxy};
use winit::window::{Window, WindowId};

/// Why the software window could not run.
#[derive(Debug, thiserror::Error)]
pub enum SoftwareWindowError {
    /// No event loop (no display to talk to).
    #[error("no event loop: {0}")]
    EventLoop(#[from] winit::error::EventLoopError),
    /// The window could not be created.
    #[error("could not create the window: {0}")]
    Window(#[from] winit::error::OsError),
    /// softbuffer could not draw into the window.
    #[error("could not draw into the window: {0}")]
    Surface(String),
}

/// What wakes the event loop besides the window's own events.
#[derive(Debug)]
enum UserEvent {
    /// egui asked for a frame at this time (from any thread).
    RepaintAt(Instant),
    /// A screen reader's request.
    AccessKit(accesskit_winit::Event),
}

impl From<accesskit_winit::Event> for UserEvent {
    fn from(event: accesskit_winit::Event) -> Self {
        Self::AccessKit(event)
    }
}

/// Open the app in a window drawn on the CPU; returns when it is closed.
pub fn run(options: AppOptions) -> Result<(), SoftwareWindowError> {
    let event_loop = EventLoop::<UserEvent>::with_user_event().build()?;
    let mut shell = Shell {
        options: Some(options),
        proxy: event_loop.create_proxy(),
        running: None,
        repaint_at: None,
        error: None,
    };
    event_loop.run_app(&mut shell)?;
    match shell.error {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// The event loop's state: the window once it exists.
struct Shell {
    /// Taken when the window is created.
    options: Option<AppOptions>,
    proxy: EventLoopProxy<UserEvent>,
    running: Option<Running>,
    /// When egui wants its next frame.
    repaint_at: Option<Instant>,
    /// What stopped the loop, if something went wrong.
    error: Option<SoftwareWindowError>,
}

/// The window, its surface and the app in it.
struct Running {
    window: Arc<Window>,
    surface: softbuffer::Surface<Arc<Window>, Arc<Window>>,
    input: egui_winit::State,
    ctx: egui::Context,
    app: StoryApp,
    frame: eframe::Frame,
    renderer: SoftRenderer,
    storage: Option<RonFileStorage>,
    last_save: Instant,
    viewport_info: egui::ViewportInfo,
    /// Whether the window has been shown (after its first frame).
    shown: bool,
    /// Frames still to present whole: a window just mapped may miss what was presented
    /// before the server showed it.
    whole_presents_left: u32,
    /// Whether the next redraw is one the app asked for; one it did not ask for is the
    /// system's (the window was uncovered): everything is presented again.
    redraw_asked: bool,
    /// The window's close button was pressed: the next frame tells the app, which may
    /// hold the close back (`CancelClose`) to ask about unsaved changes, as under eframe.
    close_asked: bool,
    /// Frames drawn so far, each logged at trace level (`RUST_LOG=storyroute=trace`): CPU
    /// time measured from outside (tools/measure/cpu_cost.sh) over the frames drawn is the
    /// cost of one frame.
    frames_drawn: u64,
    /// When the last frame began: the next waits until [`FRAME_INTERVAL`] after it.
    last_frame_at: Instant,
}

/// The shortest time between two frames: a 60 Hz display's. Without a GPU there is no vsync
/// to pace frames, and egui's animations (a hover's fade, the wheel's smooth zoom) ask for
/// the next frame at once: unpaced, a hover drew 11 frames (≈ 185 a second) where a screen
/// shows at most 3 in the 50 ms between two mouse moves.
const FRAME_INTERVAL: Duration = Duration::from_micros(16_667);

impl Shell {
    fn start(&mut self, event_loop: &ActiveEventLoop) -> Result<(), SoftwareWindowError> {
        let Some(options) = self.options.take() else {
            return Ok(());
        };
        let ctx = egui::Context::default();
        let builder = egui::ViewportBuilder::default()
            .with_title("storyroute")
            .with_app_id(APP_NAME)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true)
            .with_visible(false);
        let window = Arc::new(egui_winit::create_window(&ctx, event_loop, &builder)?);
        let mut input = egui_winit::State::new(
            ctx.clone(),
            egui::ViewportId::ROOT,
            event_loop,
            Some(egui_winit::pixels_per_point(&ctx, &window) / ctx.zoom_factor()),
            window.theme(),
            None,
        );
        input.init_accesskit(event_loop, &window, self.proxy.clone());
        let context = softbuffer::Context::new(Arc::clone(&window))
            .map_err(|error| SoftwareWindowError::Surface(error.to_string()))?;
        let surface = softbuffer::Surface::new(&context, Arc::clone(&window))
            .map_err(|error| SoftwareWindowError::Surface(error.to_string()))?;
        let proxy = self.proxy.clone();
        ctx.set_request_repaint_callback(move |info| {
            let when = Instant::now()
                .checked_add(info.delay)
                .unwrap_or_else(|| Instant::now() + Duration::from_hours(1));
            // The loop is gone only when the app is closing.
            let _ = proxy.send_event(UserEvent::RepaintAt(when));
        });
        let storage = RonFileStorage::for_app(APP_NAME);
        if let Some(storage) = &storage
            && let Some(memory) = eframe::get_value::<egui::Memory>(storage, EGUI_MEMORY_KEY)
            && !options.fresh
        {
            ctx.memory_mut(|saved| *saved = memory);
        }
        let mut creation = eframe::CreationContext::_new_kittest(ctx.clone());
        creation.storage = storage
            .as_ref()
            .map(|storage| storage as &dyn eframe::Storage);
        let app = StoryApp::new(&creation, options);
        window.request_redraw();
        self.running = Some(Running {
            window,
            surface,
            input,
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
            renderer: SoftRenderer::new(),
            storage,
            last_save: Instant::now(),
            viewport_info: egui::ViewportInfo::default(),
            shown: false,
            whole_presents_left: 0,
            redraw_asked: true,
            close_asked: false,
            frames_drawn: 0,
            last_frame_at: Instant::now(),
        });
        Ok(())
    }

    fn stop(&mut self, event_loop: &ActiveEventLoop, error: Option<SoftwareWindowError>) {
        if let Some(running) = &mut self.running {
            running.save();
        }
        if error.is_some() {
            self.error = error;
        }
        self.running = None;
        event_loop.exit();
    }
}

/// The key eframe keeps egui's memory (window positions, open sections) under.
const EGUI_MEMORY_KEY: &str = "egui";

impl Running {
    fn save(&mut self) {
        let Some(storage) = &mut self.storage else {
            return;
        };
        self.ctx
            .memory(|memory| eframe::set_value(storage, EGUI_MEMORY_KEY, memory));
        self.app.save(storage);
        eframe::Storage::flush(storage);
        self.last_save = Instant::now();
    }

    /// Run the app for one frame and present it; `false` once the app asked to close.
    fn frame(&mut self, event_loop: &ActiveEventLoop) -> Result<bool, SoftwareWindowError> {
        self.frames_drawn += 1;
        self.last_frame_at = Instant::now();
        log::trace!("software frame {}", self.frames_drawn);
        let mut raw_input = self.input.take_egui_input(&self.window);
        let close_asked = std::mem::take(&mut self.close_asked);
        if close_asked {
            raw_input
                .viewports
                .entry(egui::ViewportId::ROOT)
                .or_default()
                .events
                .push(egui::ViewportEvent::Close);
        }
        let (app, frame) = (&mut self.app, &mut self.frame);
        let output = self.ctx.run_ui(raw_input, |ui| {
            app.logic(ui.ctx(), frame);
            app.ui(ui, frame);
        });
        self.input.handle_platform_output_with_event_loop(
            &self.window,
            event_loop,
            output.platform_output,
        );
        let pixels_per_point = output.pixels_per_point;
        let primitives = self.ctx.tessellate(output.shapes, pixels_per_point);
        let mut textures_delta = output.textures_delta;
        let size = self.window.inner_size();
        let (Some(width), Some(height)) =
            (NonZeroU32::new(size.width), NonZeroU32::new(size.height))
        else {
            return Ok(true);
        };
        self.surface
            .resize(width, height)
            .map_err(|error| SoftwareWindowError::Surface(error.to_string()))?;
        let clear = self.app.clear_color(&self.ctx.global_style().visuals);
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "0–1 → 0–255"
        )]
        let [r, g, b] =
            [clear[0], clear[1], clear[2]].map(|c| (c.clamp(0.0, 1.0) * 255.0).round() as u8);
        let size_px = [width.get() as usize, height.get() as usize];
        let damage = self.renderer.render(&FrameInput {
            primitives: &primitives,
            textures_delta: &textures_delta,
            pixels_per_point,
            size: size_px,
            clear: egui::Color32::from_rgb(r, g, b),
        });
        // Applied: egui's delta insists on being emptied before it is dropped.
        textures_delta.clear();
        if !self.shown {
            self.window.set_visible(true);
            self.shown = true;
            self.whole_presents_left = 10;
        }
        let whole = self.whole_presents_left > 0 || !self.redraw_asked;
        self.whole_presents_left = self.whole_presents_left.saturating_sub(1);
        self.redraw_asked = false;
        self.present(&damage, whole)?;
        let mut close = close_asked
            && !output
                .viewport_output
                .get(&egui::ViewportId::ROOT)
                .is_some_and(|viewport| {
                    viewport
                        .commands
                        .contains(&egui::ViewportCommand::CancelClose)
                });
        for (id, viewport) in output.viewport_output {
            if id != egui::ViewportId::ROOT {
                continue;
            }
            let mut actions = Vec::new();
            egui_winit::process_viewport_commands(
                &self.ctx,
                &mut self.viewport_info,
                viewport.commands,
                &self.window,
                &mut actions,
            );
            for action in actions {
                if let egui_winit::ActionRequested::Screenshot(callback) = action {
                    callback.complete(Arc::new(self.renderer.to_image()));
                }
            }
            close |= self
                .viewport_info
                .events
                .drain(..)
                .any(|event| event == egui::ViewportEvent::Close);
        }
        if self.last_save.elapsed() > self.app.auto_save_interval() {
            self.save();
        }
        Ok(!close)
    }

    /// Ask for a frame.
    fn request_redraw(&mut self) {
        self.redraw_asked = true;
        self.window.request_redraw();
    }

    /// Copy the damaged rectangles (everything if `whole`, or if the buffer is not last
    /// frame's) to the window.
    fn present(&mut self, damage: &[PixelRect], whole: bool) -> Result<(), SoftwareWindowError> {
        let [width, height] = self.renderer.size();
        let mut buffer = self
            .surface
            .buffer_mut()
            .map_err(|error| SoftwareWindowError::Surface(error.to_string()))?;
        let pixels = self.renderer.pixels();
        let everything = [PixelRect::of_size(width, height)];
        let rects: &[PixelRect] = if buffer.age() == 1 && !whole {
            damage
        } else {
            &everything
        };
        if rects.is_empty() {
            return Ok(());
        }
        for rect in rects {
            let (Ok(x0), Ok(x1)) = (usize::try_from(rect.x0), usize::try_from(rect.x1)) else {
                continue;
            };
            for y in rect.y0..rect.y1 {
                let Ok(y) = usize::try_from(y) else { continue };
                let row = y * width;
                if let (Some(to), Some(from)) = (
                    buffer.get_mut(row + x0..row + x1),
                    pixels.get(row + x0..row + x1),
                ) {
                    to.copy_from_slice(from);
                }
            }
        }
        let softbuffer_rects: Vec<softbuffer::Rect> = rects
            .iter()
            .filter_map(|rect| {
                Some(softbuffer::Rect {
                    x: u32::try_from(rect.x0).ok()?,
                    y: u32::try_from(rect.y0).ok()?,
                    width: NonZeroU32::new(u32::try_from(rect.x1 - rect.x0).ok()?)?,
                    height: NonZeroU32::new(u32::try_from(rect.y1 - rect.y0).ok()?)?,
                })
            })
            .collect();
        buffer
            .present_with_damage(&softbuffer_rects)
            .map_err(|error| SoftwareWindowError::Surface(error.to_string()))
    }
}

impl ApplicationHandler<UserEvent> for Shell {
    fn resumed(&mut self, event_loop: &ActiveEventLoop) {
        if let Err(error) = self.start(event_loop) {
            self.stop(event_loop, Some(error));
        }
    }

    fn window_event(&mut self, event_loop: &ActiveEventLoop, _id: WindowId, event: WindowEvent) {
        let Some(running) = &mut self.running else {
            return;
        };
        match event {
            WindowEvent::RedrawRequested => match running.frame(event_loop) {
                Ok(true) => {}
                Ok(false) => self.stop(event_loop, None),
                Err(error) => self.stop(event_loop, Some(error)),
            },
            WindowEvent::CloseRequested => {
                running.close_asked = true;
                running.request_redraw();
            }
            event => {
                let response = running.input.on_window_event(&running.window, &event);
                if response.repaint {
                    // Drawn when the frame interval allows (see `about_to_wait`).
                    let now = Instant::now();
                    self.repaint_at = Some(self.repaint_at.map_or(now, |at| at.min(now)));
                }
            }
        }
    }

    fn user_event(&mut self, _event_loop: &ActiveEventLoop, event: UserEvent) {
        let Some(running) = &mut self.running else {
            return;
        };
        match event {
            UserEvent::RepaintAt(when) => {
                self.repaint_at = Some(self.repaint_at.map_or(when, |at| at.min(when)));
            }
            UserEvent::AccessKit(event) => match event.window_event {
                accesskit_winit::WindowEvent::InitialTreeRequested => {
                    running.ctx.enable_accesskit();
                    running.request_redraw();
                }
                accesskit_winit::WindowEvent::ActionRequested(request) => {
                    running.input.on_accesskit_action_request(request);
                    running.request_redraw();
                }
                accesskit_winit::WindowEvent::AccessibilityDeactivated => {
                    running.ctx.disable_accesskit();
                }
            },
        }
    }

    fn about_to_wait(&mut self, event_loop: &ActiveEventLoop) {
        let Some(running) = &mut self.running else {
            return;
        };
        match self.repaint_at {
            Some(at) => {
                let at = at.max(running.last_frame_at + FRAME_INTERVAL);
                if at <= Instant::now() {
                    self.repaint_at = None;
                    running.request_redraw();
                    event_loop.set_control_flow(ControlFlow::Wait);
                } else {
                    event_loop.set_control_flow(ControlFlow::WaitUntil(at));
                }
            }
            None => event_loop.set_control_flow(ControlFlow::Wait),
        }
    }
}
