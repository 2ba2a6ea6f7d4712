//! The open story as a document: which file it came from, whether that file is a
//! `storyroute/1` story (so Save can write it in place) or something imported (GPX, KML,
//! plain GeoJSON, an article), and whether it has changes not yet saved. Also the list of
//! recently used files.
//!
//! Invariants: a document is "unsaved" exactly when its session's revision differs from
//! the revision last saved; Save never writes over a file that is not a `storyroute/1`
//! story (an imported file is saved as a new story beside it, after asking where); the
//! recent list holds each path once, newest first, at most [`MAX_RECENT`].

use std::path::{Path, PathBuf};

/// The file name a new story (made from an article) is proposed under.
pub const NEW_FILE_NAME: &str = "story.geojson";

/// How many recently used files are remembered.
pub const MAX_RECENT: usize = 10;

/// What the file behind the open story is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The story built into the app: there is no file to save to.
    Bundled,
    /// A `storyroute/1` file: Save writes it in place.
    Story(PathBuf),
    /// Another format, turned into a story when opened: Save asks where to write the story.
    Imported(PathBuf),
    /// A story made in the app (from an article) that has no file yet: Save asks where.
    New,
}

/// The open story's file and its saved revision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    origin: Origin,
    /// The session's revision when the story was opened or last saved.
    saved_revision: u64,
}

/// Where Save goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveTarget {
    /// Write the story to this file (it is the story's own).
    Write(PathBuf),
    /// Ask where, proposing this folder (if any) and file name.
    Ask {
        /// The folder the dialog opens in.
        folder: Option<PathBuf>,
        /// The file name it proposes.
        file_name: String,
    },
}

impl Document {
    /// A document for a story just opened (or built in), at the session's `revision`.
    pub fn new(origin: Origin, revision: u64) -> Self {
        Self {
            origin,
            saved_revision: revision,
        }
    }

    /// Where the story came from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The file behind the story, if there is one.
    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::Bundled | Origin::New => None,
            Origin::Story(path) | Origin::Imported(path) => Some(path),
        }
    }

    /// Whether the story has changes that are not in its file. A story imported from
    /// another format has none until it is edited: nothing is lost by closing it, the file
    /// it came from is still there.
    pub fn is_unsaved(&self, revision: u64) -> bool {
        revision != self.saved_revision
    }

    /// The story was written to `path` as a `storyroute/1` story at `revision`: Save now
    /// writes there.
    pub fn saved_as(&mut self, path: PathBuf, revision: u64) {
        self.origin = Origin::Story(path);
        self.saved_revision = revision;
    }

    /// Where Save writes: the story's own file, or (built in or imported) a new file to
    /// ask for, named after the story's file with the `.geojson` extension.
    pub fn save_target(&self, bundled_file_name: &str) -> SaveTarget {
        match &self.origin {
            Origin::Story(path) => SaveTarget::Write(path.clone()),
            Origin::Bundled => SaveTarget::Ask {
                folder: None,
                file_name: bundled_file_name.to_owned(),
            },
            Origin::Imported(path) => SaveTarget::Ask {
                folder: path.parent().map(Path::to_path_buf),
                file_name: story_name_beside(path),
            },
            Origin::New => SaveTarget::Ask {
                folder: None,
                file_name: NEW_FILE_NAME.to_owned(),
            },
        }
    }

    /// The name a file exported as `extension` is proposed under: the story's file name (or
    /// `fallback` for the bundled story, "story" for a new one) with that extension.
    pub fn export_file_name(&self, fallback_stem: &str, extension: &str) -> String {
        match (&self.origin, self.path()) {
            (_, Some(path)) => file_name_with_extension(path, extension),
            (Origin::New, None) => file_name_with_extension(Path::new(NEW_FILE_NAME), extension),
            (_, None) => format!("{fallback_stem}.{extension}"),
        }
    }

    /// The window's title: an unsaved mark, the story's title, its file, the app.
    pub fn window_title(&self, story_title: &str, revision: u64) -> String {
        let mark = if self.is_unsaved(revision) {
            "● "
        } else {
            ""
        };
        let title = if story_title.trim().is_empty() {
            "Untitled story"
        } else {
            story_title.trim()
        };
        let file = match &self.origin {
            Origin::Bundled => "bundled story".to_owned(),
            Origin::New => "new story".to_owned(),
            Origin::Story(path) => display_name(path),
            Origin::Imported(path) => format!("{}, imported", display_name(path)),
        };
        format!("{mark}{title} ({file}) — storyroute")
    }
}

/// The last part of `path`, or the whole path if it has none.
pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// The name a story made from the imported file `path` is proposed under: its name with
/// `.geojson`, or with `-story.geojson` when it already was GeoJSON (so that Save does not
/// propose the file it came from).
fn story_name_beside(path: &Path) -> String {
    let plain = file_name_with_extension(path, "geojson");
    if path
        .file_name()
        .is_some_and(|name| name.to_string_lossy() == plain)
        || path
            .extension()
            .is_some_and(|extension| extension.eq_ignore_ascii_case("json"))
    {
        let stem = path
            .file_stem()
            .map_or_else(|| "story".into(), |stem| stem.to_string_lossy());
        format!("{stem}-story.geojson")
    } else {
        plain
    }
}

fn file_name_with_extension(path: &Path, extension: &str) -> String {
    let stem = path
        .file_stem()
        .map_or_else(|| "story".into(), |stem| stem.to_string_lossy());
    format!("{stem}.{extension}")
}

/// `recent` with `path` put first (moved there if it was already in), at most
/// [`MAX_RECENT`] long.
pub fn remember_recent(recent: &mut Vec<PathBuf>, path: &Path) {
    recent.retain(|kept| kept != path);
    recent.insert(0, path.to_path_buf());
    recent.truncate(MAX_RECENT);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_story_file_is_saved_in_place_and_an_imported_one_beside_it_as_geojson() {
        let story = Document::new(Origin::Story("/a/trip.geojson".into()), 0);
        assert_eq!(
            story.save_target("bundled.geojson"),
            SaveTarget::Write("/a/trip.geojson".into())
        );
        let gpx = Document::new(Origin::Imported("/tracks/ride.gpx".into()), 0);
        assert_eq!(
            gpx.save_target("bundled.geojson"),
            SaveTarget::Ask {
                folder: Some("/tracks".into()),
                file_name: "ride.geojson".to_owned()
            }
        );
        let plain = Document::new(Origin::Imported("/maps/stations.geojson".into()), 0);
        assert_eq!(
            plain.save_target("x"),
            SaveTarget::Ask {
                folder: Some("/maps".into()),
                file_name: "stations-story.geojson".to_owned()
            }
        );
        let bundled = Document::new(Origin::Bundled, 0);
        assert_eq!(
            bundled.save_target("kim.geojson"),
            SaveTarget::Ask {
                folder: None,
                file_name: "kim.geojson".to_owned()
            }
        );
    }

    #[test]
    fn unsaved_follows_the_revision_and_saving_makes_it_a_story() {
        let mut document = Document::new(Origin::Imported("/t/ride.kml".into()), 3);
        assert!(!document.is_unsaved(3));
        assert!(document.is_unsaved(4));
        assert_eq!(
            document.window_title("Ride", 4),
            "● Ride (ride.kml, imported) — storyroute"
        );
        document.saved_as("/t/ride.geojson".into(), 4);
        assert!(!document.is_unsaved(4));
        assert_eq!(
            document.window_title("Ride", 4),
            "Ride (ride.geojson) — storyroute"
        );
        assert_eq!(
            document.save_target("x"),
            SaveTarget::Write("/t/ride.geojson".into())
        );
    }

    #[test]
    fn a_blank_title_reads_untitled() {
        let document = Document::new(Origin::Bundled, 0);
        assert_eq!(
            document.window_title("  ", 0),
            "Untitled story (bundled story) — storyroute"
        );
    }

    #[test]
    fn exports_are_named_after_the_file() {
        let document = Document::new(Origin::Story("/a/trip.geojson".into()), 0);
        assert_eq!(document.export_file_name("kim", "gpx"), "trip.gpx");
        let bundled = Document::new(Origin::Bundled, 0);
        assert_eq!(bundled.export_file_name("kim", "csv"), "kim.csv");
    }

    #[test]
    fn the_recent_list_keeps_ten_newest_first_without_repeats() {
        let mut recent = Vec::new();
        for n in 0..12 {
            remember_recent(&mut recent, Path::new(&format!("/f/{n}.gpx")));
        }
        assert_eq!(recent.len(), 10);
        assert_eq!(recent[0], PathBuf::from("/f/11.gpx"));
        assert_eq!(recent[9], PathBuf::from("/f/2.gpx"));
        remember_recent(&mut recent, Path::new("/f/5.gpx"));
        assert_eq!(recent.len(), 10);
        assert_eq!(recent[0], PathBuf::from("/f/5.gpx"));
        assert_eq!(recent.iter().filter(|p| p.ends_with("5.gpx")).count(), 1);
    }
}
