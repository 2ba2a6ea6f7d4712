//! The app's fonts: egui's own, with the bundled DejaVu Sans after them. Shared by the
//! window and the offscreen map pictures ([`crate::render`]), so both draw the same glyphs.

/// egui's own font lacks arrows (→), the minus sign and other symbols the app shows; DejaVu
/// Sans, bundled, fills the gaps on every machine, with or without system fonts. Installed
/// once, when a context starts.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "DejaVuSans".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(include_bytes!(
            "../../assets/fonts/DejaVuSans.ttf"
        ))),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("DejaVuSans".to_owned());
    }
    ctx.set_fonts(fonts);
}
