//! Big stories as a reader uses them: 10,000 places open, the list scrolls to any of them,
//! and every place on the map can be reached by clicking clusters or zooming in.

// A test that cannot set up is a failed test: panicking is the right outcome here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/big_story.rs"]
mod big_story;
#[path = "common/harness.rs"]
mod harness;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use storyroute::app::{AppOptions, StoryApp};

/// The app opened on a generated story of `count` stops, run until its title is shown
/// (opening may happen in the background, a progress bar shown meanwhile).
fn open_big(count: usize) -> (tempfile::TempDir, Harness<'static, StoryApp>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("line-{count}.geojson"));
    std::fs::write(&path, big_story::big_story_text(count)).unwrap();
    let mut harness = harness::start_app(
        AppOptions {
            story_path: Some(path),
            ..AppOptions::default()
        },
        |builder| builder.with_max_steps(200),
    );
    let title = format!("A generated line of {count} stops (for measuring)");
    for _ in 0..600 {
        if harness.query_by_label(&title).is_some() && !harness.state().is_flying() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.step();
    }
    harness.get_by_label(&title);
    harness.run();
    (dir, harness)
}

/// The index of the place named `name`.
fn index_of(harness: &Harness<'_, StoryApp>, name: &str) -> usize {
    harness
        .state()
        .story()
        .places
        .iter()
        .position(|place| place.name == name)
        .unwrap()
}

#[test]
fn the_list_of_10000_places_scrolls_to_place_9000_and_selects_it() {
    let (_dir, mut harness) = open_big(10_000);
    // Fold the itinerary, as a reader looking for a place does, so the list is in view.
    harness.get_by_label("Itinerary").click();
    harness.run();
    // Only the rows in view exist: place 9,000's row is not there yet.
    assert!(harness.query_by_label_contains("Stop 9000 ·").is_none());
    let list = harness.get_by_label_contains("Stop 0 ·").rect().center();
    harness.hover_at(list);
    // Wheel towards it, as far as the rows in view say is left to go.
    let mut found = false;
    for _ in 0..100 {
        let rows: Vec<(usize, f32)> = harness
            .get_all_by_label_contains("Stop ")
            .filter_map(|node| {
                let ak = node.accesskit_node();
                let label = ak.label().or_else(|| ak.value())?;
                let number = label
                    .strip_prefix("Stop ")?
                    .split(' ')
                    .next()?
                    .parse()
                    .ok()?;
                label
                    .contains(" · ")
                    .then(|| (number, node.rect().center().y))
            })
            .collect();
        if let Some((_, y)) = rows.iter().find(|(number, _)| *number == 9_000) {
            // Bring it to the middle of the list, clear of its edges, then click it.
            let ys: Vec<f32> = rows.iter().map(|(_, y)| *y).collect();
            let middle = f32::midpoint(
                ys.iter().copied().fold(f32::INFINITY, f32::min),
                ys.iter().copied().fold(f32::NEG_INFINITY, f32::max),
            );
            harness.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, middle - *y),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
                modifiers: egui::Modifiers::NONE,
            });
            harness.run();
            harness.get_by_label_contains("Stop 9000 ·").click();
            found = true;
            break;
        }
        let (low, high) = rows.iter().fold((usize::MAX, 0), |(low, high), (n, _)| {
            (low.min(*n), high.max(*n))
        });
        let row_px = 18.0_f32;
        #[expect(clippy::cast_precision_loss, reason = "row counts")]
        let delta = if high < 9_000 {
            -((9_000 - high) as f32 * row_px).min(20_000.0)
        } else {
            ((low.saturating_sub(9_000)) as f32 * row_px + row_px).min(20_000.0)
        };
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, delta),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::NONE,
        });
        harness.run();
    }
    assert!(found, "place 9,000 never scrolled into view");
    harness.run();
    assert_eq!(
        harness.state().selected(),
        Some(index_of(&harness, "Stop 9000"))
    );
    // The map flew there: Stop 9000 is at 10° W + 9,000 × 0.005° = 35° E.
    let view = harness.state().map_view();
    assert!((view.center_lat - 45.0).abs() < 0.5, "{view:?}");
    let map = harness.state().map_rect();
    assert!(
        harness
            .get_all_by_role_and_label(Role::Button, "Stop 9000")
            .any(|node| map.contains_rect(node.rect())),
        "no marker for Stop 9000 on the map"
    );
}

#[test]
fn at_the_overview_10000_places_are_a_few_hundred_markers_and_clusters() {
    let (_dir, harness) = open_big(10_000);
    let layout = harness.state().marker_layout();
    let shown: usize = layout.singles.len() + layout.clusters.len();
    let members: usize = layout.singles.len()
        + layout
            .clusters
            .iter()
            .map(|c| c.members.len())
            .sum::<usize>();
    // Every place is in view at the overview, each once: alone or in a cluster.
    assert_eq!(members, 10_000);
    // The line is about 900 points wide on the map; stops group within a marker's radius
    // (5.5 points), so at most 900 / 5.5 ≈ 164 groups, plus the two ends.
    assert!(shown < 250, "{shown} markers and clusters");
    // Each is one button for a screen reader, not 10,000.
    let map = harness.state().map_rect();
    let buttons = harness
        .get_all_by_role(Role::Button)
        .filter(|node| map.contains_rect(node.rect()))
        .count();
    assert!(buttons < 300, "{buttons} buttons on the map");
}

#[test]
fn every_place_is_reached_by_clicking_clusters() {
    let (_dir, mut harness) = open_big(1_000);
    let map = harness.state().map_rect();
    for target in [1, 2, 137, 500, 997, 998] {
        let name = format!("Stop {target}");
        harness.key_press(egui::Key::Escape);
        harness.key_press(egui::Key::F);
        harness.run();
        let mut reached = false;
        for _ in 0..20 {
            let marker = harness
                .query_all_by_role_and_label(Role::Button, &name)
                .find(|node| map.contains_rect(node.rect()))
                .map(|node| node.rect().center());
            if let Some(center) = marker {
                harness.get_by_role_and_label(Role::Button, &name);
                harness.hover_at(center);
                harness
                    .query_all_by_role_and_label(Role::Button, &name)
                    .find(|node| map.contains_rect(node.rect()))
                    .unwrap()
                    .click();
                harness.run();
                reached = true;
                break;
            }
            let layout = harness.state().marker_layout().clone();
            if let Some((_, at)) = layout.singles.iter().find(|(index, _)| *index == target) {
                // On its own but under a bigger marker (the origin's): zoom in on it with the
                // wheel, as a reader does.
                harness.hover_at(*at);
                harness.event(egui::Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: egui::vec2(0.0, 200.0),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Wheel,
                    modifiers: egui::Modifiers::NONE,
                });
                harness.run();
                continue;
            }
            // In a cluster: click the cluster, found by its name ("N places: Stop a, …").
            let cluster = layout
                .clusters
                .iter()
                .find(|cluster| cluster.members.contains(&target))
                .unwrap_or_else(|| panic!("{name} is neither a marker nor in a cluster"));
            let prefix = format!(
                "{} places: Stop {}",
                cluster.members.len(),
                cluster.members[0]
            );
            harness
                .get_all_by_role(Role::Button)
                .find(|node| {
                    node.accesskit_node()
                        .label()
                        .is_some_and(|label| label.starts_with(&prefix))
                })
                .unwrap_or_else(|| panic!("no cluster button {prefix:?}"))
                .click();
            harness.run();
        }
        assert!(reached, "{name} not reached");
        assert_eq!(harness.state().selected(), Some(target), "{name}");
    }
}
