//! storyroute: tell a news story on a map.
//!
//! The library holds everything; `main.rs` only parses arguments and starts the app or a
//! command. The domain (`story`, `route`, `units`) never imports egui.
