//! eframe's storage in memory, and the app started with what it holds, as after a restart.

use egui_kittest::Harness;
use storyroute::app::{AppOptions, StoryApp};

/// The app started with `saved` as what eframe stored last time (not fresh), at 1280×800.
pub fn app_with_storage(saved: MemoryStorage, options: AppOptions) -> Harness<'static, StoryApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(40)
        .build_eframe(move |cc| {
            let storage: &'static MemoryStorage = Box::leak(Box::new(saved));
            cc.storage = Some(storage);
            StoryApp::new(cc, options)
        })
}

/// An in-memory stand-in for eframe's storage file.
#[derive(Default)]
pub struct MemoryStorage(pub std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}
