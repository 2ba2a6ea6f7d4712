//! Reading the saved settings without losing them: settings that cannot be read are
//! reported once and kept aside, never silently replaced by the defaults and overwritten.
//!
//! Invariants: [`restore_state`] never panics, whatever the text; when it falls back to the
//! defaults it returns the text it could not read and why. [`keep_aside`] never overwrites
//! an earlier copy.

use crate::model::PersistedState;
use std::path::{Path, PathBuf};

/// Saved settings that could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Unreadable {
    /// The text as it was saved.
    pub text: String,
    /// Why it could not be read.
    pub reason: String,
}

/// The settings to start with, and what could not be read, if anything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Restored {
    /// The settings: the saved ones, or the defaults.
    pub state: PersistedState,
    /// The saved text that could not be read, if it could not.
    pub unreadable: Option<Unreadable>,
}

/// Read the settings eframe saved (RON), if any.
pub fn restore_state(saved: Option<&str>) -> Restored {
    let Some(text) = saved else {
        return Restored::default();
    };
    match ron::from_str::<PersistedState>(text) {
        Ok(state) => Restored {
            state,
            unreadable: None,
        },
        Err(error) => Restored {
            state: PersistedState::default(),
            unreadable: Some(Unreadable {
                text: text.to_owned(),
                reason: error.to_string(),
            }),
        },
    }
}

/// Write `text` to a new file `unreadable-settings-N.ron` in `dir` (the first N not taken)
/// and return its path.
pub fn keep_aside(dir: &Path, text: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    for n in 1..=1000 {
        let path = dir.join(format!("unreadable-settings-{n}.ron"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                std::io::Write::write_all(&mut file, text.as_bytes())?;
                file.sync_all()?;
                return Ok(path);
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(error),
        }
    }
    Err(std::io::Error::other(
        "a thousand earlier copies are already there",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ThemeChoice;
    use crate::units::SpeedUnit;

    #[test]
    fn settings_saved_by_an_earlier_run_are_read() {
        // Written by hand in the RON eframe stores.
        let text = "(speed_value: Some(60.0), unit: Some(Kmh), theme: Dark, view: None, \
                    via_detour: true, show_article: false, online_tiles: false)";
        let restored = restore_state(Some(text));
        assert_eq!(restored.unreadable, None);
        assert_eq!(restored.state.speed_value, Some(60.0));
        assert_eq!(restored.state.unit, Some(SpeedUnit::Kmh));
        assert_eq!(restored.state.theme, ThemeChoice::Dark);
        assert!(restored.state.via_detour);
        assert!(!restored.state.show_article);
    }

    #[test]
    fn corrupt_settings_are_reported_and_kept_not_replaced_silently() {
        let text = "(speed_value: Some(60.0), unit: Some(Furlongs";
        let restored = restore_state(Some(text));
        assert_eq!(restored.state, PersistedState::default());
        let unreadable = restored.unreadable.expect("reported");
        assert_eq!(unreadable.text, text);
        assert!(!unreadable.reason.is_empty());
    }

    #[test]
    fn no_saved_settings_is_not_a_problem() {
        assert_eq!(restore_state(None), Restored::default());
    }

    #[test]
    fn kept_aside_settings_never_overwrite_an_earlier_copy() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = keep_aside(dir.path(), "first").expect("kept");
        let second = keep_aside(dir.path(), "second").expect("kept");
        assert_ne!(first, second);
        assert_eq!(std::fs::read_to_string(first).expect("read"), "first");
        assert_eq!(std::fs::read_to_string(second).expect("read"), "second");
    }
}
