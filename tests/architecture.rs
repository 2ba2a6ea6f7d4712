//! The module layering, read from the source: which top-level module of `src/` names which
//! (`crate::x` paths, `use super::…` inside a module counts as itself). The layers, each
//! naming only those below it:
//!
//! ```text
//! app → ui, map → model → cli? → formats?, route → story → geodesy → units
//! model → desk → draft → gazetteer → geodesy
//! cli → draft
//! ```
//!
//! and the domain and the model never name egui, eframe or walkers.

// A test that cannot read the source is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A source file's code: not its tests (which may reach across layers to check them) and
/// not its comments (doc links may name any module).
fn code_of(path: &Path) -> String {
    let source = std::fs::read_to_string(path).unwrap();
    let code = source.split("#[cfg(test)]").next().unwrap_or_default();
    code.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// For each folder of `src/`, each file (`mod.rs` and tests left out) → the sibling files it
/// names through `super::` (`super::fields::At`, `use super::{geometry::Shape, …}`). Keys
/// and values are "folder/file".
fn sibling_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        let mut files = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if let Some(stem) = path.file_name().unwrap().to_str()
                && let Some(stem) = stem.strip_suffix(".rs")
                && stem != "mod"
                && !stem.ends_with("tests")
            {
                files.insert(stem.to_owned(), path);
            }
        }
        let folder = dir.strip_prefix(&src).unwrap().display().to_string();
        for (stem, path) in &files {
            let text = code_of(path);
            let mut named = BTreeSet::new();
            for (index, _) in text.match_indices("super::") {
                let rest = &text[index + "super::".len()..];
                // One path, or each path of a `{…}` group.
                let paths: Vec<&str> = match rest.strip_prefix('{') {
                    Some(group) => group
                        .split('}')
                        .next()
                        .unwrap_or_default()
                        .split(',')
                        .collect(),
                    None => vec![rest],
                };
                for path in paths {
                    let name: String = path
                        .trim()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if name != *stem && files.contains_key(&name) {
                        named.insert(format!("{folder}/{name}"));
                    }
                }
            }
            graph.insert(format!("{folder}/{stem}"), named);
        }
    }
    graph
}

/// Top-level module → the top-level modules it names (itself left out).
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|ext| ext != "rs") {
                continue;
            }
            let relative = path.strip_prefix(&src).unwrap();
            let first = relative.components().next().unwrap();
            let module = first
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_owned();
            let file_name = path.file_name().unwrap().to_string_lossy();
            if ["main", "lib", "bin"].contains(&module.as_str()) || file_name.ends_with("tests.rs")
            {
                continue;
            }
            let text = code_of(&path);
            let names = graph.entry(module.clone()).or_default();
            for (index, _) in text.match_indices("crate::") {
                let rest = &text[index + "crate::".len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != module {
                    names.insert(name);
                }
            }
            for external in ["egui", "egui_plot", "eframe", "walkers"] {
                // A path, not a log target in a string ("walkers::io").
                let path = format!("{external}::");
                let is_named = text
                    .match_indices(&path)
                    .any(|(index, _)| !text[..index].ends_with('"'));
                if is_named {
                    names.insert(external.to_owned());
                }
            }
        }
    }
    graph
}

/// Whether `target` can be reached from `from` along the graph's arrows (depth first).
fn reaches(
    graph: &BTreeMap<String, BTreeSet<String>>,
    from: &str,
    target: &str,
    seen: &mut BTreeSet<String>,
) -> bool {
    let Some(next) = graph.get(from) else {
        return false;
    };
    next.iter().any(|name| {
        name == target || (seen.insert(name.clone()) && reaches(graph, name, target, seen))
    })
}

#[test]
fn the_modules_form_no_cycle() {
    let graph = module_graph();
    for module in graph.keys() {
        assert!(
            !reaches(&graph, module, module, &mut BTreeSet::new()),
            "{module} imports itself through others: {graph:#?}"
        );
    }
}

#[test]
fn no_two_files_of_a_folder_need_each_other() {
    // A folder's mod.rs and its files refer to each other by nature (it declares them, they
    // use its types); two sibling files that need each other are one piece cut in two.
    let graph = sibling_graph();
    assert!(graph.len() > 20, "{} files read", graph.len());
    for file in graph.keys() {
        assert!(
            !reaches(&graph, file, file, &mut BTreeSet::new()),
            "{file} needs itself through its siblings: {:?}",
            graph[file]
        );
    }
}

#[test]
fn each_layer_names_only_the_layers_below_it() {
    let graph = module_graph();
    let allowed: &[(&str, &[&str])] = &[
        ("units", &[]),
        ("geodesy", &["units"]),
        ("diagnostics", &[]),
        ("story", &["geodesy", "units"]),
        ("route", &["story", "geodesy", "units"]),
        ("display", &["story", "units"]),
        (
            "formats",
            &["route", "story", "geodesy", "units", "display"],
        ),
        ("gazetteer", &["geodesy", "units"]),
        (
            "draft",
            &["gazetteer", "route", "story", "geodesy", "units", "display"],
        ),
        (
            "cli",
            &[
                "draft",
                "formats",
                "gazetteer",
                "route",
                "story",
                "geodesy",
                "units",
                "display",
            ],
        ),
        ("desk", &["draft", "gazetteer", "story", "geodesy", "units"]),
        (
            "model",
            &["desk", "route", "story", "geodesy", "units", "display"],
        ),
        ("basemap", &["story", "geodesy", "units", "egui", "walkers"]),
        ("softrender", &["egui"]),
        (
            "map",
            &[
                "model",
                "basemap",
                "diagnostics",
                "route",
                "story",
                "geodesy",
                "units",
                "display",
                "egui",
                "walkers",
            ],
        ),
        (
            "ui",
            &[
                "model",
                "desk",
                "basemap",
                "route",
                "story",
                "geodesy",
                "units",
                "display",
                "egui",
                "egui_plot",
            ],
        ),
        (
            "render",
            &[
                "map", "ui", "model", "basemap", "cli", "route", "story", "geodesy", "units",
                "display", "egui", "walkers",
            ],
        ),
    ];
    for (module, may_name) in allowed {
        let names = graph
            .get(*module)
            .unwrap_or_else(|| panic!("no module {module}"));
        let stray: Vec<&String> = names
            .iter()
            .filter(|name| !may_name.contains(&name.as_str()))
            .collect();
        assert!(stray.is_empty(), "{module} names {stray:?}");
    }
    // Only the shell joins everything; nothing names it.
    for (module, names) in &graph {
        assert!(!names.contains("app"), "{module} names the app shell");
    }
}

#[test]
fn the_domain_and_the_model_never_name_egui() {
    let graph = module_graph();
    for module in [
        "units",
        "geodesy",
        "story",
        "route",
        "display",
        "model",
        "cli",
        "gazetteer",
        "draft",
        "desk",
        "formats",
    ] {
        let names = &graph[module];
        for gui in ["egui", "egui_plot", "eframe", "walkers"] {
            assert!(!names.contains(gui), "{module} names {gui}");
        }
    }
}
