//! What is wrong with a story file, said precisely: file, feature, id, field, reason.

use std::fmt;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The file cannot be opened as a story.
    Error,
    /// The story opens, but something is missing or doubtful.
    Warning,
}

/// One problem found in a story file.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The file, as the user named it.
    pub file: String,
    /// Index of the feature in `features` (0-based), if the problem is in one.
    pub feature_index: Option<usize>,
    /// The feature's `id` property (or GeoJSON id), if it has one.
    pub feature_id: Option<String>,
    /// The field, e.g. `properties.utc_offset` or `story.default_speed.value`.
    pub field: Option<String>,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {label}", self.file)?;
        if let Some(index) = self.feature_index {
            write!(f, ": feature {index}")?;
            if let Some(id) = &self.feature_id {
                write!(f, " (id {id:?})")?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, ", field {field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A story file that could not be loaded, with every error found in it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub struct LoadError {
    /// The file, as the user named it.
    pub file: String,
    /// Every problem found; at least one is an error.
    pub problems: Vec<Problem>,
}

impl LoadError {
    /// Only the errors (not the warnings found along the way).
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|problem| problem.severity == Severity::Error)
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.errors().count();
        write!(
            f,
            "{} could not be opened ({count} error{}):",
            self.file,
            if count == 1 { "" } else { "s" }
        )?;
        for problem in &self.problems {
            write!(f, "\n  {problem}")?;
        }
        Ok(())
    }
}
