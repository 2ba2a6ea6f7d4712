//! Opening big stories in the background, driven as a user drives it: a file dropped on the
//! window (or named with `--story`) shows a progress bar with a Cancel button while the
//! story on screen stays usable; Cancel leaves that story; letting it finish swaps in the
//! new one.
//!
//! A story streamed through a named pipe (a FIFO, as from a slow disk or a network share)
//! arrives only as fast as the test writes it, so what is on screen while it loads is checked
//! without any race: nothing here depends on how fast the machine is, and no test asserts a
//! timing (timings are in BENCHMARKS.md).

// A test that cannot set up is a failed test: panicking is the right outcome here.
#![allow(clippy::unwrap_used, clippy::expect_used)]
// Figures for labels and views: a few thousand, exact in an f64.
#![allow(clippy::cast_precision_loss)]

#[path = "common/big_story.rs"]
mod big_story;
#[path = "common/harness.rs"]
mod harness;
#[path = "common/headless.rs"]
mod headless;

use big_story::{big_story_text, big_story_title, stop_name};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use harness::start_app;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use storyroute::app::{AppOptions, StoryApp};

/// How many places the big stories have.
const BIG: usize = 20_000;

/// The longest the tests wait for a load that should finish (a debug build on a busy
/// machine); reaching it fails the test, it never passes one.
const PATIENCE: Duration = Duration::from_mins(10);

/// A file dropped on the window from a file manager.
#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|error| error.to_string())
    }
}

fn drop_file(harness: &mut Harness<'_, StoryApp>, path: &Path) {
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(path.to_path_buf())));
    harness.run();
}

/// Step frames until `done` holds, at most [`PATIENCE`].
fn step_until(
    harness: &mut Harness<'_, StoryApp>,
    what: &str,
    done: impl Fn(&Harness<'_, StoryApp>) -> bool,
) {
    let started = Instant::now();
    while !done(harness) {
        assert!(started.elapsed() < PATIENCE, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run();
}

fn is_bundled(harness: &Harness<'_, StoryApp>) -> bool {
    harness
        .state()
        .story()
        .places
        .iter()
        .any(|place| place.name == "Khasan")
}

/// A story being written into a named pipe by another thread, a part at a time.
struct Stream {
    path: PathBuf,
    /// Send the next part (or drop to close the pipe).
    parts: Option<mpsc::Sender<Vec<u8>>>,
    writer: Option<std::thread::JoinHandle<()>>,
    _dir: tempfile::TempDir,
}

impl Stream {
    /// A pipe named `name` whose writer waits for parts to write.
    fn new(name: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(made.success(), "mkfifo failed");
        let (parts, receive) = mpsc::channel::<Vec<u8>>();
        let pipe = path.clone();
        let writer = std::thread::spawn(move || {
            // Opening for writing waits until the app opens it for reading.
            let Ok(mut file) = std::fs::OpenOptions::new().write(true).open(&pipe) else {
                return;
            };
            for part in receive {
                // The reader may be gone (cancelled): stop writing, quietly.
                if file.write_all(&part).is_err() {
                    return;
                }
            }
        });
        Self {
            path,
            parts: Some(parts),
            writer: Some(writer),
            _dir: dir,
        }
    }

    fn send(&self, part: &[u8]) {
        self.parts.as_ref().unwrap().send(part.to_vec()).unwrap();
    }

    /// Close the pipe (the reader sees the end of the file) and wait for the writer.
    fn close(&mut self) {
        self.parts = None;
        if let Some(writer) = self.writer.take() {
            writer.join().unwrap();
        }
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        self.parts = None;
        // A writer still waiting for a reader that never came would block the join: it is
        // left to end with the process.
    }
}

/// The big story's text, and where its first half ends.
fn big_story_halves() -> (String, usize) {
    let text = big_story_text(BIG);
    let half = text.len() / 2;
    (text, half)
}

#[test]
fn a_story_streaming_in_shows_its_progress_and_the_open_story_stays_usable_then_cancel_keeps_it() {
    let (text, half) = big_story_halves();
    let mut stream = Stream::new("big.geojson");
    let mut harness = start_app(AppOptions::default(), |builder| builder);
    drop_file(&mut harness, &stream.path);
    stream.send(&text.as_bytes()[..half]);
    // The bar says what it is doing and how far it got: half the text read.
    step_until(&mut harness, "the first half to be read", |harness| {
        harness
            .query_by_role_and_label(
                Role::ProgressIndicator,
                &format!("Reading the file: {:.1} MB", half as f64 / 1e6),
            )
            .is_some()
    });
    harness.get_by_label("Opening big.geojson");
    harness.get_by_role_and_label(Role::Button, "Cancel loading");
    assert!(is_bundled(&harness));
    assert!(harness.state().is_loading());

    // Meanwhile the story on screen answers: its markers, the keyboard, the speed.
    harness
        .get_by_role_and_label(Role::Button, "Khasan")
        .click();
    harness.run();
    let khasan = harness
        .state()
        .story()
        .places
        .iter()
        .position(|place| place.name == "Khasan")
        .unwrap();
    assert_eq!(harness.state().selected(), Some(khasan));
    harness.key_press(egui::Key::Home);
    harness.run();
    assert_eq!(harness.state().selected(), Some(0));
    harness.get_by_label("Close").click();
    harness.run();
    assert_eq!(harness.state().selected(), None);

    // Cancel: the bar goes, the story on screen stays, nothing is reported as an error.
    harness
        .get_by_role_and_label(Role::Button, "Cancel loading")
        .click();
    harness.run();
    assert!(!harness.state().is_loading());
    assert!(harness.query_by_label("Cancel loading").is_none());
    assert!(harness.query_by_role(Role::ProgressIndicator).is_none());
    assert!(
        harness
            .query_by_label_contains("could not be opened")
            .is_none()
    );
    assert!(is_bundled(&harness));
    // The rest of the file arrives after the cancel: it is not opened.
    stream.send(&text.as_bytes()[half..]);
    stream.close();
    for _ in 0..10 {
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    assert!(is_bundled(&harness));
    assert!(harness.query_by_role(Role::ProgressIndicator).is_none());
}

#[test]
fn a_story_streaming_in_swaps_in_once_it_is_all_read() {
    let (text, half) = big_story_halves();
    let mut stream = Stream::new("big.geojson");
    let mut harness = start_app(AppOptions::default(), |builder| builder);
    drop_file(&mut harness, &stream.path);
    stream.send(&text.as_bytes()[..half]);
    step_until(&mut harness, "the progress bar", |harness| {
        harness.query_by_role(Role::ProgressIndicator).is_some()
    });
    assert!(is_bundled(&harness));
    stream.send(&text.as_bytes()[half..]);
    stream.close();
    step_until(&mut harness, "the new story", |harness| {
        !is_bundled(harness)
    });
    let story = harness.state().story();
    assert_eq!(story.places.len(), BIG);
    assert_eq!(story.legs.len(), BIG - 1);
    assert_eq!(story.meta.title, big_story_title(BIG));
    assert!(!harness.state().is_loading());
    assert!(harness.query_by_label("Cancel loading").is_none());
    assert!(
        harness
            .query_by_label_contains("could not be opened")
            .is_none()
    );
    // The map went to the new story: the middle of the line (10° W … 90° E at 45° N) is in
    // view, far from the bundled story in North-East Asia.
    let view = harness.state().map_view();
    let first = -10.0;
    let last = -10.0 + (BIG - 1) as f64 * 0.005;
    assert!(
        (view.center_lon - f64::midpoint(first, last)).abs() < 30.0,
        "{view:?}"
    );
    assert!((view.center_lat - 45.0).abs() < 10.0, "{view:?}");
}

#[test]
fn a_big_story_file_dropped_on_the_window_opens_and_the_last_stop_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big-file.geojson");
    std::fs::write(&path, big_story_text(BIG)).unwrap();
    let mut harness = start_app(AppOptions::default(), |builder| builder);
    drop_file(&mut harness, &path);
    step_until(&mut harness, "the new story", |harness| {
        !is_bundled(harness)
    });
    let story = harness.state().story();
    assert_eq!(story.places.len(), BIG);
    assert_eq!(story.places[BIG - 1].name, stop_name(BIG - 1));
    assert_eq!(harness.state().session().route().legs.len(), BIG - 1);
    assert!(harness.query_by_role(Role::ProgressIndicator).is_none());
}

#[test]
fn a_big_file_that_turns_out_broken_is_reported_and_the_open_story_stays() {
    let (text, half) = big_story_halves();
    let mut stream = Stream::new("cut-short.geojson");
    let mut harness = start_app(AppOptions::default(), |builder| builder);
    drop_file(&mut harness, &stream.path);
    stream.send(&text.as_bytes()[..half]);
    stream.close();
    step_until(&mut harness, "the load to end", |harness| {
        !harness.state().is_loading()
    });
    harness.get_by_label_contains("could not be opened; the story on screen is unchanged");
    harness.get_by_label_contains("not valid JSON: EOF while parsing");
    assert!(is_bundled(&harness));
}

#[test]
fn a_story_named_at_startup_opens_after_the_window_shows_the_bundled_one() {
    let (text, half) = big_story_halves();
    let mut stream = Stream::new("startup.geojson");
    let mut harness = start_app(
        AppOptions {
            story_path: Some(stream.path.clone()),
            ..AppOptions::default()
        },
        |builder| builder,
    );
    // The window is up at once, with the bundled story and the bar.
    assert!(is_bundled(&harness));
    harness.get_by_label("Opening startup.geojson");
    harness.get_by_role_and_label(Role::Button, "Cancel loading");
    stream.send(&text.as_bytes()[..half]);
    stream.send(&text.as_bytes()[half..]);
    stream.close();
    step_until(&mut harness, "the new story", |harness| {
        !is_bundled(harness)
    });
    assert_eq!(harness.state().story().places.len(), BIG);
}

#[test]
fn measuring_the_startup_waits_until_the_requested_story_is_on_screen() {
    let (text, _) = big_story_halves();
    let mut stream = Stream::new("measured.geojson");
    let started = Instant::now();
    let mut headless = headless::Headless::start(AppOptions {
        story_path: Some(stream.path.clone()),
        measure_startup_from: Some(started),
        ..AppOptions::default()
    });
    let quit_asked = |output: &egui::FullOutput| {
        output.viewport_output[&egui::ViewportId::ROOT]
            .commands
            .contains(&egui::ViewportCommand::Close)
    };
    // The first frame is on screen once the second begins; the story is not there yet, so
    // the app does not quit.
    for _ in 0..3 {
        let output = headless.run_frame();
        assert!(!quit_asked(&output), "quit before the story arrived");
    }
    assert!(headless.app.startup_secs().is_some());
    assert_eq!(headless.app.story_on_screen_secs(), None);
    stream.send(text.as_bytes());
    stream.close();
    let waited = Instant::now();
    let mut closed = false;
    while !closed {
        assert!(waited.elapsed() < PATIENCE, "the story never arrived");
        std::thread::sleep(Duration::from_millis(20));
        let on_screen_before = headless.app.story().places.len() == BIG;
        let output = headless.run_frame();
        closed = quit_asked(&output);
        if closed {
            // It quits only on the frame after the one that drew the new story.
            assert!(on_screen_before, "quit before the story was drawn");
        }
    }
    let first = headless.app.startup_secs().unwrap();
    let story = headless.app.story_on_screen_secs().unwrap();
    assert!(first > 0.0 && story > first, "{first} {story}");
    assert!(story <= started.elapsed().as_secs_f64());
}
