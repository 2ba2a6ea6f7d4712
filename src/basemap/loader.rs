//! Decoding tiles off the UI thread: a worker thread decodes the tiles a view asks for and
//! sends them back over a channel, asking egui for a repaint as each arrives; the painter
//! keeps the decoded tiles it used recently.
//!
//! Invariants: a tile is asked for at most once while pending; a tile that fails to decode
//! is remembered and never asked for again (the view then draws the coarser level there);
//! the coarsest level's single tile is decoded before the loader exists and never evicted;
//! at most [`MAX_TILES`] other tiles are kept. [`tiles_in_flight`] counts the requests of
//! every loader in the process that are not decoded yet (for tests and benchmarks that must
//! wait for a view to be complete).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use super::BasemapError;
use super::asset::{Tile, TileId, TileIndex};

/// Decoded tiles kept besides the coarsest one (a few views' worth).
pub(crate) const MAX_TILES: usize = 160;

static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

/// Tiles asked for and not decoded yet, over every basemap painter of the process.
pub fn tiles_in_flight() -> usize {
    IN_FLIGHT.load(Ordering::SeqCst)
}

type Request = (TileId, egui::Context);
type Decoded = (TileId, Result<Tile, BasemapError>);

/// The decoded tiles and the worker that decodes more.
#[derive(Debug)]
pub(crate) struct TileLoader {
    index: Arc<TileIndex>,
    root: (TileId, Arc<Tile>),
    kept: HashMap<TileId, (Arc<Tile>, u64)>,
    pending: HashSet<TileId>,
    failed: HashSet<TileId>,
    requests: Option<Sender<Request>>,
    results_tx: Sender<Decoded>,
    results: Receiver<Decoded>,
    /// Counts calls to [`TileLoader::poll`]: a tile's last use, for eviction.
    clock: u64,
    /// Decode on the caller's thread, at once (tests and benchmarks that want whole views).
    inline: bool,
}

impl TileLoader {
    /// A loader; `inline` decodes each tile when first asked for, on the caller's thread.
    pub fn new(index: Arc<TileIndex>, root: (TileId, Arc<Tile>), inline: bool) -> Self {
        let (results_tx, results) = channel();
        Self {
            index,
            root,
            kept: HashMap::new(),
            pending: HashSet::new(),
            failed: HashSet::new(),
            requests: None,
            results_tx,
            results,
            clock: 0,
            inline,
        }
    }

    /// Take in what the worker decoded since the last call; true if anything arrived. Call
    /// once a frame, before [`TileLoader::get`].
    pub fn poll(&mut self) -> bool {
        self.clock += 1;
        let mut arrived = false;
        while let Ok((id, result)) = self.results.try_recv() {
            self.pending.remove(&id);
            match result {
                Ok(tile) => {
                    self.kept.insert(id, (Arc::new(tile), self.clock));
                }
                Err(error) => {
                    log::warn!("basemap tile {id:?} cannot be decoded: {error}");
                    self.failed.insert(id);
                }
            }
            arrived = true;
        }
        self.evict();
        arrived
    }

    /// The tile if decoded; otherwise it is asked for (once) and `None` is returned.
    pub fn get(&mut self, id: TileId, ctx: &egui::Context) -> Option<Arc<Tile>> {
        if id == self.root.0 {
            return Some(self.root.1.clone());
        }
        if let Some((tile, used)) = self.kept.get_mut(&id) {
            *used = self.clock;
            return Some(tile.clone());
        }
        if self.inline && !self.failed.contains(&id) {
            return match self.index.tile(id) {
                Ok(tile) => {
                    let tile = Arc::new(tile);
                    self.kept.insert(id, (tile.clone(), self.clock));
                    Some(tile)
                }
                Err(error) => {
                    log::warn!("basemap tile {id:?} cannot be decoded: {error}");
                    self.failed.insert(id);
                    None
                }
            };
        }
        if !self.failed.contains(&id) && self.pending.insert(id) {
            self.request(id, ctx);
        }
        None
    }

    /// Whether the tile will never come (it failed to decode).
    pub fn has_failed(&self, id: TileId) -> bool {
        self.failed.contains(&id)
    }

    fn request(&mut self, id: TileId, ctx: &egui::Context) {
        IN_FLIGHT.fetch_add(1, Ordering::SeqCst);
        if self.requests.is_none() {
            self.requests = self.spawn_worker();
        }
        let sent = self
            .requests
            .as_ref()
            .is_some_and(|tx| tx.send((id, ctx.clone())).is_ok());
        if !sent {
            // No worker (the thread could not start): decode here rather than never.
            let result = self.index.tile(id);
            IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
            let _ = self.results_tx.send((id, result));
        }
    }

    fn spawn_worker(&self) -> Option<Sender<Request>> {
        let (tx, rx) = channel::<Request>();
        let index = self.index.clone();
        let results = self.results_tx.clone();
        let spawned = std::thread::Builder::new()
            .name("basemap-tiles".into())
            .spawn(move || {
                for (id, ctx) in &rx {
                    let result = index.tile(id);
                    let gone = results.send((id, result)).is_err();
                    IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
                    if gone {
                        break;
                    }
                    ctx.request_repaint();
                }
                // Requests still queued when the painter went away.
                for _ in rx.try_iter() {
                    IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
                }
            });
        match spawned {
            Ok(_) => Some(tx),
            Err(error) => {
                log::warn!("cannot start the basemap's tile thread, decoding inline: {error}");
                None
            }
        }
    }

    /// Forget the least recently used tiles beyond [`MAX_TILES`], never one used this frame.
    fn evict(&mut self) {
        if self.kept.len() <= MAX_TILES {
            return;
        }
        let mut by_age: Vec<(u64, TileId)> =
            self.kept.iter().map(|(id, (_, u))| (*u, *id)).collect();
        by_age.sort_unstable();
        let excess = self.kept.len() - MAX_TILES;
        for (used, id) in by_age.into_iter().take(excess) {
            if used < self.clock {
                self.kept.remove(&id);
            }
        }
    }

    /// Number of tiles decoded and kept (the coarsest one not counted).
    pub fn kept_count(&self) -> usize {
        self.kept.len()
    }
}
