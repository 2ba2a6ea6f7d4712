//! Opening a story in the background: the file is read, checked and made into a new
//! [`Session`] on a worker thread while the story on screen stays usable; the shell polls
//! for the result once per frame and shows a progress bar with a Cancel button meanwhile.
//!
//! Invariants: at most one load is under way (starting another cancels the first); the
//! worker never touches the shell's state, it only reports through the shared
//! [`LoadProgress`] and hands back a finished [`Opened`] (or the [`LoadError`]) over a
//! channel; a cancelled load's result is never used, even if it finished before the cancel
//! was seen. The worker checks the cancel flag while reading (the counting reader fails)
//! and between stages, so a cancelled load stops soon and frees its memory.

use crate::map::AreaMeshes;
use crate::model::Session;
use crate::story::{LoadError, LoadProgress, LoadStage, Loaded, ProgressSnapshot};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

/// How often the shell looks for the result while a story loads (and redraws the bar).
pub const POLL_INTERVAL: Duration = Duration::from_millis(50);

/// How long the UI thread waits for a load before it shows the progress bar: a file that
/// opens within a tenth of a second (most stories) swaps in at once, with no bar flashing.
pub const GRACE: Duration = Duration::from_millis(100);

/// A story opened in the background, ready to swap in.
pub struct Opened {
    /// The new session (route measured, itinerary worked out).
    pub session: Session,
    /// Its areas, triangulated.
    pub areas: AreaMeshes,
}

/// Why a story is being opened, which decides how it is put in place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Named on the command line: it replaces the bundled story shown meanwhile, as if it had
    /// been there from the start (the saved view stays, no warnings window).
    Startup,
    /// Opened by the reader (File → Open, a dropped file): the map flies to it and its
    /// warnings are shown.
    Open,
}

/// What a finished load gave.
pub enum Finished {
    /// The story, ready.
    Opened(Box<Opened>),
    /// Why it could not be opened.
    Failed(LoadError),
}

/// A load under way.
pub struct Loading {
    path: PathBuf,
    purpose: Purpose,
    progress: Arc<LoadProgress>,
    result: Receiver<Finished>,
    finished: Option<Finished>,
}

impl Loading {
    /// Start opening `path` on a worker thread; its session takes the what-if detour if
    /// `via_detour`, and is fitted to the map once its size is known if `fit`.
    /// `ctx` is asked for a frame as soon as the work is done, so the story is swapped in at
    /// once rather than at the next poll.
    pub fn start(
        path: &Path,
        purpose: Purpose,
        via_detour: bool,
        fit: bool,
        ctx: &egui::Context,
    ) -> Self {
        let progress = Arc::new(LoadProgress::new());
        let (sender, result) = mpsc::channel();
        let worker_progress = Arc::clone(&progress);
        let worker_path = path.to_path_buf();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("open story".to_owned())
            .spawn(move || {
                let finished = open(&worker_path, via_detour, fit, &worker_progress);
                // The shell may have given up on this load (cancelled, or replaced it): then
                // nobody listens, and the result is dropped here.
                let _ = sender.send(finished);
                ctx.request_repaint();
            });
        let mut loading = Self {
            path: path.to_path_buf(),
            purpose,
            progress,
            result,
            finished: None,
        };
        if let Err(error) = spawned {
            loading.finished = Some(Finished::Failed(LoadError::single(
                &path.display().to_string(),
                format!("cannot start reading: {error}"),
            )));
        }
        loading
    }

    /// The file being opened.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why it is being opened.
    pub fn purpose(&self) -> Purpose {
        self.purpose
    }

    /// The file's name, as a file manager shows it.
    pub fn file_name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        )
    }

    /// How far it has got.
    pub fn progress(&self) -> ProgressSnapshot {
        self.progress.snapshot()
    }

    /// Wait up to `timeout` for the result; `Some` once the work is done (or the worker is
    /// gone, which is reported as a failure, never a hang).
    pub fn wait(&mut self, timeout: Duration) -> Option<Finished> {
        if let Some(finished) = self.finished.take() {
            return Some(finished);
        }
        match self.result.recv_timeout(timeout) {
            Ok(finished) => Some(finished),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Finished::Failed(LoadError::single(
                &self.path.display().to_string(),
                "the story could not be opened: reading it stopped unexpectedly".to_owned(),
            ))),
        }
    }

    /// The result if the work is done, without waiting.
    pub fn poll(&mut self) -> Option<Finished> {
        self.wait(Duration::ZERO)
    }

    /// Call the work off; its result, if it still comes, is dropped with `self`.
    pub fn cancel(&self) {
        self.progress.cancel();
    }
}

impl Drop for Loading {
    /// A load nobody waits for any more stops: its thread ends at its next check.
    fn drop(&mut self) {
        self.progress.cancel();
    }
}

/// The worker's part: load, check, measure, prepare; stop early once cancelled.
fn open(path: &Path, via_detour: bool, fit: bool, progress: &LoadProgress) -> Finished {
    let started = std::time::Instant::now();
    // Any supported file: a story, plain GeoJSON, GPX, KML or KMZ.
    let loaded: Loaded = match crate::formats::open_story_file_with(path, progress) {
        Ok(loaded) => loaded,
        Err(error) => return Finished::Failed(error),
    };
    log::debug!(
        "{}: read and checked in {:.0} ms",
        path.display(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    let cancelled = || {
        Finished::Failed(LoadError::single(
            &path.display().to_string(),
            crate::story::CANCELLED_MESSAGE.to_owned(),
        ))
    };
    if progress.is_cancelled() {
        return cancelled();
    }
    progress.begin(LoadStage::MeasuringRoute, 0);
    // A new story starts at its own reported speed.
    let session = Session::new(loaded, None, via_detour, fit);
    log::debug!(
        "{}: session built at {:.0} ms",
        path.display(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    if progress.is_cancelled() {
        return cancelled();
    }
    progress.begin(LoadStage::PreparingMap, 0);
    let areas = AreaMeshes::new(&session.story().areas);
    Finished::Opened(Box::new(Opened { session, areas }))
}
