//! Accessible names: what a screen reader reads for a widget (and what tests find it by),
//! when egui's own is not the words of the control (a glyph, a shortcut, or no label).

/// Set the name a screen reader reads (and tests find), whatever egui put there.
pub fn set_accessible_name(response: &egui::Response, name: &str) {
    response
        .ctx
        .accesskit_node_builder(response.id, |node| node.set_label(name));
}
