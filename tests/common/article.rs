//! File ▸ New story from article…, as an author does it: the article pasted into its field
//! (Ctrl+V's event), then Find places.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use storyroute::app::StoryApp;

/// Paste `article` into a new story's article window and find its places.
pub fn new_story_from_article(harness: &mut Harness<'_, StoryApp>, article: &str) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("New story from article…").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Article text")
        .click();
    harness.run();
    harness.event(egui::Event::Paste(article.to_owned()));
    harness.run();
    harness.get_by_label("Find places").click();
    harness.run();
}
