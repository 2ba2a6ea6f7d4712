//! The settings file of the software path: the same file eframe's `FileStorage` keeps for the
//! GPU path (`app.ron` in eframe's storage folder for the app: a RON map from key to string),
//! so both renderers read and write the same settings. eframe does not make its own type
//! public outside its runner, hence this one.
//!
//! Invariant: a settings file that exists but cannot be read is never written over (the
//! app's own state is kept aside by the app; the file as a whole is kept by not saving).

use std::collections::HashMap;
use std::path::PathBuf;

/// A key-value store kept in a RON file.
pub struct RonFileStorage {
    path: PathBuf,
    values: HashMap<String, String>,
    /// Whether something changed since the last flush.
    dirty: bool,
    /// Why saving is off, if it is (the file could not be read).
    read_only_because: Option<String>,
}

impl RonFileStorage {
    /// The app's settings file in eframe's folder for `app_id`; `None` without a folder.
    pub fn for_app(app_id: &str) -> Option<Self> {
        let dir = eframe::storage_dir(app_id)?;
        Some(Self::at(dir.join("app.ron")))
    }

    /// The store kept at `path` (read now if it exists).
    pub fn at(path: PathBuf) -> Self {
        let (values, read_only_because) = match std::fs::read_to_string(&path) {
            Ok(text) => match ron::from_str::<HashMap<String, String>>(&text) {
                Ok(values) => (values, None),
                Err(error) => {
                    let why = format!("{}: not a settings file ({error})", path.display());
                    log::warn!("{why}; settings will not be saved");
                    (HashMap::new(), Some(why))
                }
            },
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => (HashMap::new(), None),
            Err(error) => {
                let why = format!("{}: {error}", path.display());
                log::warn!("{why}; settings will not be saved");
                (HashMap::new(), Some(why))
            }
        };
        Self {
            path,
            values,
            dirty: false,
            read_only_because,
        }
    }
}

impl eframe::Storage for RonFileStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.values.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        if self.values.get(key) != Some(&value) {
            self.values.insert(key.to_owned(), value);
            self.dirty = true;
        }
    }

    fn remove_string(&mut self, key: &str) {
        self.dirty |= self.values.remove(key).is_some();
    }

    fn flush(&mut self) {
        if !self.dirty || self.read_only_because.is_some() {
            return;
        }
        let written = ron::ser::to_string_pretty(&self.values, ron::ser::PrettyConfig::default())
            .map_err(|error| error.to_string())
            .and_then(|text| {
                if let Some(dir) = self.path.parent() {
                    std::fs::create_dir_all(dir).map_err(|error| error.to_string())?;
                }
                std::fs::write(&self.path, text).map_err(|error| error.to_string())
            });
        match written {
            Ok(()) => self.dirty = false,
            Err(error) => log::warn!(
                "could not save the settings in {}: {error}",
                self.path.display()
            ),
        }
    }
}
