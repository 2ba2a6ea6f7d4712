//! How far opening a story has got, and a way to call it off, shared between the thread that
//! opens the file and the one that shows a progress bar.
//!
//! Invariants: every field is an atomic, so one [`LoadProgress`] is shared (by reference or
//! in an `Arc`) across threads without a lock; a reader may see a stage and its counts a
//! moment apart, which a progress bar does not mind. Once cancelled it stays cancelled: a
//! [`CountingReader`] fails its next read, and the later stages stop at their next check.
//! Nothing here knows egui, the route or the app: the stages only name what opening a story
//! does, in order.

use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};

/// What opening a story is doing, in the order it does it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadStage {
    /// Reading the file from disk (counts bytes of the file's size).
    Reading,
    /// Reading the JSON text (counts bytes of the text).
    ReadingJson,
    /// Reading each feature: places, legs, areas (counts features).
    CheckingPlaces,
    /// The checks across features: ids, references, the chain, the excerpts.
    CheckingStory,
    /// Measuring the legs and working out the itinerary.
    MeasuringRoute,
    /// Preparing what the map draws (the areas).
    PreparingMap,
}

impl LoadStage {
    const ALL: [Self; 6] = [
        Self::Reading,
        Self::ReadingJson,
        Self::CheckingPlaces,
        Self::CheckingStory,
        Self::MeasuringRoute,
        Self::PreparingMap,
    ];

    /// What it is doing, as a reader would say it: "reading the file".
    pub fn describe(self) -> &'static str {
        match self {
            Self::Reading => "reading the file",
            Self::ReadingJson => "reading the GeoJSON",
            Self::CheckingPlaces => "checking places",
            Self::CheckingStory => "checking the story",
            Self::MeasuringRoute => "measuring the route",
            Self::PreparingMap => "preparing the map",
        }
    }

    /// The share of the whole work done before this stage begins, and this stage's share
    /// (rough weights from profiling a 100,000-place story: reading the JSON dominates).
    pub fn span(self) -> (f32, f32) {
        match self {
            Self::Reading => (0.0, 0.05),
            Self::ReadingJson => (0.05, 0.45),
            Self::CheckingPlaces => (0.5, 0.25),
            Self::CheckingStory => (0.75, 0.05),
            Self::MeasuringRoute => (0.8, 0.15),
            Self::PreparingMap => (0.95, 0.05),
        }
    }

    fn index(self) -> u8 {
        // Six stages: the position always fits.
        Self::ALL
            .iter()
            .position(|stage| *stage == self)
            .map_or(0, |index| u8::try_from(index).unwrap_or(0))
    }

    fn from_index(index: u8) -> Self {
        Self::ALL
            .get(usize::from(index))
            .copied()
            .unwrap_or(Self::Reading)
    }
}

/// How far opening a story has got, read at one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProgressSnapshot {
    /// The stage under way.
    pub stage: LoadStage,
    /// How much of the stage is done (bytes or features, see [`LoadStage`]).
    pub done: u64,
    /// How much there is to do in the stage; 0 when not known.
    pub total: u64,
}

impl ProgressSnapshot {
    /// The share of the whole work done, 0…1: the stages before this one, and the part of
    /// this one done when its total is known.
    pub fn fraction(&self) -> f32 {
        let (before, share) = self.stage.span();
        let within = if self.total == 0 {
            0.0
        } else {
            // Precision does not matter for a bar.
            #[allow(clippy::cast_precision_loss)]
            let ratio = self.done.min(self.total) as f32 / self.total as f32;
            ratio
        };
        (before + share * within).clamp(0.0, 1.0)
    }
}

/// Shared progress of opening one story, and its cancel flag.
#[derive(Debug)]
pub struct LoadProgress {
    stage: AtomicU8,
    done: AtomicU64,
    total: AtomicU64,
    cancelled: AtomicBool,
}

impl Default for LoadProgress {
    fn default() -> Self {
        Self::new()
    }
}

impl LoadProgress {
    /// Nothing done yet, not cancelled.
    pub fn new() -> Self {
        Self {
            stage: AtomicU8::new(LoadStage::Reading.index()),
            done: AtomicU64::new(0),
            total: AtomicU64::new(0),
            cancelled: AtomicBool::new(false),
        }
    }

    /// Begin `stage`, with `total` to do (0 when not known).
    pub fn begin(&self, stage: LoadStage, total: u64) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.stage.store(stage.index(), Ordering::Relaxed);
    }

    /// `done` of the stage's total is done.
    pub fn set_done(&self, done: u64) {
        self.done.store(done, Ordering::Relaxed);
    }

    fn add_done(&self, more: u64) {
        self.done.fetch_add(more, Ordering::Relaxed);
    }

    /// Where it stands now.
    pub fn snapshot(&self) -> ProgressSnapshot {
        ProgressSnapshot {
            stage: LoadStage::from_index(self.stage.load(Ordering::Relaxed)),
            done: self.done.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
        }
    }

    /// Call the work off: it stops at its next read or check.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether the work was called off.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// The error a [`CountingReader`] returns once its progress is cancelled.
pub const CANCELLED: &str = "cancelled";

/// Bytes counted before they are added to the shared count: one atomic add per 64 KiB, not
/// per read, for callers that read a few bytes at a time (serde_json's `from_reader` does;
/// the story loader itself reads the file in bulk and parses it from memory).
const REPORT_EVERY_BYTES: u64 = 64 * 1024;

/// A read at least this long is reported at once: one atomic add per such read costs
/// nothing, and the count is exact whenever a bulk reader waits for more.
const BULK_READ_BYTES: usize = 512;

/// A reader that counts the bytes read into a [`LoadProgress`] and fails (with an error of
/// kind `Other` saying [`CANCELLED`], never `Interrupted`, which readers retry) once it is
/// cancelled.
pub struct CountingReader<'a, R> {
    inner: R,
    progress: &'a LoadProgress,
    unreported: u64,
}

impl<'a, R: Read> CountingReader<'a, R> {
    /// Count what is read from `inner` into `progress`.
    pub fn new(inner: R, progress: &'a LoadProgress) -> Self {
        Self {
            inner,
            progress,
            unreported: 0,
        }
    }
}

impl<R: Read> Read for CountingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.progress.is_cancelled() {
            return Err(io::Error::other(CANCELLED));
        }
        let read = self.inner.read(buf)?;
        self.unreported += read as u64;
        // A bulk read (from disk or a pipe) is reported at once; small reads are batched.
        if self.unreported >= REPORT_EVERY_BYTES || read == 0 || read >= BULK_READ_BYTES {
            self.progress.add_done(self.unreported);
            self.unreported = 0;
        }
        Ok(read)
    }
}

impl<R> Drop for CountingReader<'_, R> {
    fn drop(&mut self) {
        self.progress.add_done(self.unreported);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_read_is_counted_once_the_reader_is_done() {
        let text = vec![b'x'; 200_000];
        let progress = LoadProgress::new();
        progress.begin(LoadStage::ReadingJson, 200_000);
        let mut copy = Vec::new();
        {
            let mut reader = CountingReader::new(&text[..], &progress);
            // Small reads, as serde_json makes: the count is batched, then flushed.
            let mut buf = [0_u8; 7];
            loop {
                let read = reader.read(&mut buf).unwrap();
                if read == 0 {
                    break;
                }
                copy.extend_from_slice(&buf[..read]);
            }
        }
        assert_eq!(copy.len(), 200_000);
        let snapshot = progress.snapshot();
        assert_eq!(snapshot.done, 200_000);
        assert_eq!(snapshot.stage, LoadStage::ReadingJson);
    }

    #[test]
    fn a_bulk_read_is_counted_at_once_small_ones_in_batches() {
        let text = vec![b'x'; 10_000];
        let progress = LoadProgress::new();
        let mut reader = CountingReader::new(&text[..], &progress);
        let mut buf = vec![0_u8; 1000];
        reader.read_exact(&mut buf).unwrap();
        assert_eq!(progress.snapshot().done, 1000);
        let mut byte = [0_u8; 1];
        reader.read_exact(&mut byte).unwrap();
        assert_eq!(progress.snapshot().done, 1000, "one byte is batched");
        drop(reader);
        assert_eq!(
            progress.snapshot().done,
            1001,
            "and counted when the reader is done"
        );
    }

    #[test]
    fn the_count_shows_while_reading_not_only_at_the_end() {
        let text = vec![b'x'; 200_000];
        let progress = LoadProgress::new();
        let mut reader = CountingReader::new(&text[..], &progress);
        let mut buf = vec![0_u8; 100_000];
        reader.read_exact(&mut buf).unwrap();
        // 100,000 bytes read in one call: past the 64 KiB batch, so they are counted now.
        assert_eq!(progress.snapshot().done, 100_000);
    }

    #[test]
    fn a_cancelled_reader_fails_at_its_next_read_and_serde_json_stops() {
        let text = format!("[{}1]", "1, ".repeat(100_000));
        let progress = LoadProgress::new();
        progress.cancel();
        let result: Result<serde_json::Value, _> =
            serde_json::from_reader(CountingReader::new(text.as_bytes(), &progress));
        let error = result.unwrap_err();
        assert!(error.is_io(), "{error}");
        assert!(error.to_string().contains(CANCELLED), "{error}");
        // Without the cancel the same text reads.
        let progress = LoadProgress::new();
        let value: serde_json::Value =
            serde_json::from_reader(CountingReader::new(text.as_bytes(), &progress)).unwrap();
        assert_eq!(value.as_array().map(Vec::len), Some(100_001));
    }

    #[test]
    fn a_cancel_between_reads_stops_the_next_one() {
        let text = vec![b'x'; 1000];
        let progress = LoadProgress::new();
        let mut reader = CountingReader::new(&text[..], &progress);
        let mut buf = [0_u8; 10];
        assert_eq!(reader.read(&mut buf).unwrap(), 10);
        progress.cancel();
        let error = reader.read(&mut buf).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::Other);
        assert!(progress.is_cancelled());
    }

    #[test]
    fn the_bar_moves_through_the_stages_in_order_and_ends_full() {
        let mut last = -1.0;
        for stage in LoadStage::ALL {
            let start = ProgressSnapshot {
                stage,
                done: 0,
                total: 10,
            }
            .fraction();
            let end = ProgressSnapshot {
                stage,
                done: 10,
                total: 10,
            }
            .fraction();
            assert!(start > last && end > start, "{stage:?}: {start} {end}");
            last = end - 1e-6;
            assert_eq!(LoadStage::from_index(stage.index()), stage);
        }
        let full = ProgressSnapshot {
            stage: LoadStage::PreparingMap,
            done: 1,
            total: 1,
        };
        assert!((full.fraction() - 1.0).abs() < 1e-6);
        // An unknown total shows the stage's start, never past it.
        let unknown = ProgressSnapshot {
            stage: LoadStage::MeasuringRoute,
            done: 5,
            total: 0,
        };
        assert!((unknown.fraction() - 0.8).abs() < 1e-6);
    }
}
