//! Diagnostics: `log` records go to `env_logger` (set `RUST_LOG`, e.g. `RUST_LOG=debug`),
//! and failures that would otherwise be invisible are counted for the screen. walkers
//! reports a tile it could not fetch only as a log warning; the logger here counts those
//! warnings so that the map can say that online tiles are failing.
//!
//! Invariants: installing the logger twice is harmless (the second time does nothing); the
//! counts only grow.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Tiles that could not be fetched since the start, and the last reason.
static TILE_FAILURES: AtomicU64 = AtomicU64::new(0);
static LAST_TILE_FAILURE: Mutex<String> = Mutex::new(String::new());

/// What is known about tiles that could not be fetched.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TileFailures {
    /// How many fetches failed since the start.
    pub count: u64,
    /// Why the last one failed.
    pub last_reason: String,
}

impl TileFailures {
    /// The failures so far.
    pub fn now() -> Self {
        let last_reason = LAST_TILE_FAILURE
            .lock()
            .map(|reason| reason.clone())
            .unwrap_or_default();
        Self {
            count: TILE_FAILURES.load(Ordering::Relaxed),
            last_reason,
        }
    }

    /// Count one failure (what the logger does for walkers' fetch warnings).
    pub fn record(reason: &str) {
        TILE_FAILURES.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut last) = LAST_TILE_FAILURE.lock() {
            reason.clone_into(&mut last);
        }
    }
}

struct Logger {
    inner: env_logger::Logger,
}

impl log::Log for Logger {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        self.inner.enabled(metadata) || is_tile_fetch(metadata)
    }

    fn log(&self, record: &log::Record<'_>) {
        if is_tile_fetch(record.metadata()) && record.level() <= log::Level::Warn {
            TileFailures::record(&record.args().to_string());
        }
        if self.inner.enabled(record.metadata()) {
            self.inner.log(record);
        }
    }

    fn flush(&self) {
        self.inner.flush();
    }
}

fn is_tile_fetch(metadata: &log::Metadata<'_>) -> bool {
    metadata.target().starts_with("walkers::io")
}

/// Send `log` records to stderr as `RUST_LOG` says (warnings by default), and count tile
/// failures.
pub fn init_logging() {
    let inner =
        env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).build();
    let max = inner.filter().max(log::LevelFilter::Warn);
    if log::set_boxed_logger(Box::new(Logger { inner })).is_ok() {
        log::set_max_level(max);
    }
}
