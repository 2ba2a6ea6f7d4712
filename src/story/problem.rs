//! What is wrong with a story file, said precisely: file, feature, id, field, reason; and
//! said once: many problems that differ only in their feature are grouped into one line
//! ([`group_problems`]).
//!
//! Invariants: every problem has a non-empty message; a [`LoadError`] holds at least one
//! [`Severity::Error`]; a group holds at least one problem, and all its problems share
//! severity, file, field and message.

use std::fmt;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The file cannot be opened as a story.
    Error,
    /// The story opens, but something is missing or doubtful.
    Warning,
    /// Nothing is wrong; worth knowing (e.g. how many legs have an official rail distance).
    /// Said once per story, not once per feature.
    Info,
}

impl Severity {
    /// "error", "warning" or "info", as problems are printed.
    pub fn label(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
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
        write!(f, "{}: {}", self.file, self.severity.label())?;
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
    /// A load that failed for one reason about the whole file (it cannot be opened, say).
    pub fn single(file: &str, message: String) -> Self {
        Self {
            file: file.to_owned(),
            problems: vec![Problem {
                severity: Severity::Error,
                file: file.to_owned(),
                feature_index: None,
                feature_id: None,
                field: None,
                message,
            }],
        }
    }

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
        for group in group_problems(&self.problems) {
            write!(f, "\n  {group}")?;
        }
        Ok(())
    }
}

/// Problems that say the same thing (same severity, file, field and message) about different
/// features, said once.
#[derive(Clone, Debug, PartialEq)]
pub struct ProblemGroup {
    /// Their severity.
    pub severity: Severity,
    /// How many problems the group holds (at least 1).
    pub count: usize,
    /// The first of them, as found.
    pub first: Problem,
    /// The feature indices of all of them, in the order found (problems without a feature
    /// add none).
    pub feature_indices: Vec<usize>,
}

/// Group `problems` that differ only in their feature (index and id) into one
/// [`ProblemGroup`] each; groups come in the order their first problem was found.
pub fn group_problems(problems: &[Problem]) -> Vec<ProblemGroup> {
    let mut groups: Vec<ProblemGroup> = Vec::new();
    // Index of each group by what its problems share; a linear scan would be quadratic for a
    // story of many features all missing the same field.
    let mut by_key: std::collections::HashMap<(u8, &str, Option<&str>, &str), usize> =
        std::collections::HashMap::new();
    for problem in problems {
        let severity_key = match problem.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        };
        let key = (
            severity_key,
            problem.file.as_str(),
            problem.field.as_deref(),
            problem.message.as_str(),
        );
        let index = *by_key.entry(key).or_insert_with(|| {
            groups.push(ProblemGroup {
                severity: problem.severity,
                count: 0,
                first: problem.clone(),
                feature_indices: Vec::new(),
            });
            groups.len() - 1
        });
        if let Some(group) = groups.get_mut(index) {
            group.count += 1;
            group.feature_indices.extend(problem.feature_index);
        }
    }
    groups
}

/// How many ranges of feature indices a group's line shows before "and N more".
const SHOWN_RANGES: usize = 5;

impl fmt::Display for ProblemGroup {
    /// One problem reads as [`Problem`] does; several as
    /// `file: warning: 9,999 features (1–9,999), field properties.utc_offset: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.count <= 1 {
            return self.first.fmt(f);
        }
        write!(
            f,
            "{}: {}: {} ",
            self.first.file,
            self.severity.label(),
            thousands(self.count)
        )?;
        if self.feature_indices.is_empty() {
            write!(f, "times")?;
        } else {
            write!(f, "features (")?;
            let ranges = index_ranges(&self.feature_indices);
            for (position, (start, end)) in ranges.iter().take(SHOWN_RANGES).enumerate() {
                if position > 0 {
                    write!(f, ", ")?;
                }
                if start == end {
                    write!(f, "{}", thousands(*start))?;
                } else {
                    write!(f, "{}–{}", thousands(*start), thousands(*end))?;
                }
            }
            if ranges.len() > SHOWN_RANGES {
                let rest: usize = ranges
                    .iter()
                    .skip(SHOWN_RANGES)
                    .map(|(start, end)| end.saturating_sub(*start).saturating_add(1))
                    .sum();
                write!(f, " and {} more", thousands(rest))?;
            }
            write!(f, ")")?;
        }
        if let Some(field) = &self.first.field {
            write!(f, ", field {field}")?;
        }
        write!(f, ": {}", self.first.message)
    }
}

/// Runs of consecutive indices, in the order given: [1, 2, 3, 7] → [(1, 3), (7, 7)].
fn index_ranges(indices: &[usize]) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for &index in indices {
        match ranges.last_mut() {
            Some((_, end)) if end.checked_add(1) == Some(index) => *end = index,
            _ => ranges.push((index, index)),
        }
    }
    ranges
}

/// 9999 → "9,999".
fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && (digits.len() - position).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(
        severity: Severity,
        feature_index: Option<usize>,
        field: &str,
        message: &str,
    ) -> Problem {
        Problem {
            severity,
            file: "f.geojson".to_owned(),
            feature_index,
            feature_id: feature_index.map(|index| format!("p{index}")),
            field: Some(field.to_owned()),
            message: message.to_owned(),
        }
    }

    #[test]
    fn ten_thousand_features_missing_the_same_field_are_said_in_one_line() {
        // Features 1 to 9,999 (9,999 of them), then one different problem.
        let mut problems: Vec<Problem> = (1..=9_999)
            .map(|index| {
                problem(
                    Severity::Warning,
                    Some(index),
                    "properties.utc_offset",
                    "missing: times at this place are shown in UTC",
                )
            })
            .collect();
        problems.push(problem(
            Severity::Error,
            Some(3),
            "properties.to",
            "\"c\" is not the id of any place",
        ));
        let groups = group_problems(&problems);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].count, 9_999);
        assert_eq!(
            groups[0].to_string(),
            "f.geojson: warning: 9,999 features (1–9,999), field properties.utc_offset: \
             missing: times at this place are shown in UTC"
        );
        // A group of one reads exactly as the problem does.
        assert_eq!(groups[1].count, 1);
        assert_eq!(
            groups[1].to_string(),
            "f.geojson: error: feature 3 (id \"p3\"), field properties.to: \"c\" is not the id of any place"
        );
    }

    #[test]
    fn scattered_features_show_the_first_five_runs_and_count_the_rest() {
        // Runs: 0–1, 3, 5, 7, 9, then 11–20 (10 more) and 30 (1 more) = 11 more.
        let indices = [0, 1, 3, 5, 7, 9].into_iter().chain(11..=20).chain([30]);
        let problems: Vec<Problem> = indices
            .map(|index| problem(Severity::Info, Some(index), "x", "m"))
            .collect();
        let groups = group_problems(&problems);
        assert_eq!(groups.len(), 1);
        assert_eq!(
            groups[0].to_string(),
            "f.geojson: info: 17 features (0–1, 3, 5, 7, 9 and 11 more), field x: m"
        );
    }

    #[test]
    fn problems_differing_in_severity_field_or_message_stay_apart() {
        let problems = [
            problem(Severity::Warning, Some(1), "a", "m"),
            problem(Severity::Error, Some(2), "a", "m"),
            problem(Severity::Warning, Some(3), "b", "m"),
            problem(Severity::Warning, Some(4), "a", "n"),
            problem(Severity::Warning, Some(5), "a", "m"),
        ];
        let counts: Vec<usize> = group_problems(&problems).iter().map(|g| g.count).collect();
        assert_eq!(counts, [2, 1, 1, 1]);
    }

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
