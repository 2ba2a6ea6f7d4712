//! storyroute: tell a news story on a map.
//!
//! The library holds everything; `main.rs` only parses arguments and starts the app or a
//! command. The layers, each importing only those below it (checked by
//! `tests/architecture.rs`):
//!
//! - [`app`]: the shell that outlives stories (window, saved state, map memory, layers);
//! - [`render`]: beside the shell, pictures of the map drawn offscreen (`storyroute render`);
//! - [`ui`] and [`map`]: the panels and the map, reading a view model and returning intents;
//! - [`model`]: the per-story session, intents, the view model, the persisted state;
//! - [`desk`]: the author's desk, a draft of an article and the author's choices, with undo;
//! - [`story`], [`route`], [`formats`] and [`cli`]: the domain, files in and out, and the
//!   command line;
//! - [`geodesy`], [`units`], [`display`], [`basemap`], [`diagnostics`]: the ground floor.
//!
//! Nothing below `ui`/`map` imports egui but [`basemap`], whose painter draws with it.

pub mod app;
pub mod basemap;
pub mod cli;
pub mod desk;
pub mod diagnostics;
pub mod display;
pub mod draft;
pub mod formats;
pub mod gazetteer;
pub mod geodesy;
pub mod map;
pub mod model;
pub mod render;
pub mod route;
pub mod softrender;
pub mod story;
pub mod ui;
pub mod units;
