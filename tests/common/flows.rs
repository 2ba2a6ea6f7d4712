//! Steps of user flows shared by the kittest files: a File menu entry clicked, a dialog's
//! field typed into, the background load waited for.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use storyroute::app::StoryApp;

/// Wait until the story being opened in the background is in place.
pub fn settle(harness: &mut Harness<'_, StoryApp>) {
    for _ in 0..200 {
        harness.run();
        if !harness.state().is_loading() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the story did not open");
}

/// Click File, then the entry named `entry`.
pub fn file_menu(harness: &mut Harness<'_, StoryApp>, entry: &str) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label(entry).click();
    harness.run();
}

/// In a dialog: type `text` into the field named `field` (replacing what it holds) and
/// press Enter.
pub fn type_into(harness: &mut Harness<'_, StoryApp>, field: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .click();
    harness.run();
    // Select what the field holds, so that typing replaces it.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .type_text(text);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}
