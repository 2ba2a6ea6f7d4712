//! storyroute: tell a news story on a map.
//!
//! The library holds everything; `main.rs` only parses arguments and starts the app or a
//! command. The domain ([`story`], [`route`], [`units`]) never imports egui; [`app`], [`map`]
//! and [`ui`] are the desktop app.

pub mod app;
pub mod basemap;
pub mod cli;
pub mod display;
pub mod geodesy;
pub mod map;
pub mod route;
pub mod story;
pub mod ui;
pub mod units;
