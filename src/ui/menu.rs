//! The menu bar: open a story, the view options (theme, article, time–distance chart,
//! online tiles) and help.

use crate::model::{Intent, ThemeChoice, ViewModel};

/// The bar at the top of the window.
pub fn menu_bar_ui(
    ui: &mut egui::Ui,
    model: &ViewModel<'_>,
    open_path_text: &mut String,
) -> Vec<Intent> {
    let mut intents = Vec::new();
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                ui.label("Open a story or GeoJSON file (or drop one on the window):");
                ui.horizontal(|ui| {
                    let field = ui.add(
                        egui::TextEdit::singleline(open_path_text)
                            .hint_text("/path/to/story.geojson")
                            .desired_width(260.0),
                    );
                    field.widget_info(|| {
                        let mut info = egui::WidgetInfo::text_edit(
                            true,
                            &*open_path_text,
                            &*open_path_text,
                            "path",
                        );
                        info.label = Some("Story file path".to_owned());
                        info
                    });
                    let enter =
                        field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
                    if (ui.button("Open").clicked() || enter) && !open_path_text.trim().is_empty() {
                        intents.push(Intent::OpenStory(open_path_text.trim().into()));
                        ui.close();
                    }
                });
            });
            ui.menu_button("View", |ui| {
                let mut article = model.state.show_article;
                if ui.checkbox(&mut article, "Article panel").changed() {
                    intents.push(Intent::SetArticle(article));
                }
                let mut chart = model.state.show_chart;
                if ui
                    .checkbox(&mut chart, "Time–distance chart")
                    .on_hover_text("The journey as time against distance: the estimate, the reported times and the speeds they imply")
                    .changed()
                {
                    intents.push(Intent::SetChart(chart));
                    ui.close();
                }
                let mut online = model.state.online_tiles;
                if ui
                    .checkbox(&mut online, "OpenStreetMap tiles (online)")
                    .on_hover_text(
                        "Draw OpenStreetMap tiles over the offline map; needs the network",
                    )
                    .changed()
                {
                    intents.push(Intent::SetOnlineTiles(online));
                }
                let mut local = model.state.local_names;
                if ui
                    .checkbox(&mut local, "Local place names")
                    .on_hover_text("Label places in their own language where the map knows it (else in English)")
                    .changed()
                {
                    intents.push(Intent::SetLocalNames(local));
                }
                ui.separator();
                ui.label("Theme");
                for (choice, label) in [
                    (ThemeChoice::System, "Follow the system"),
                    (ThemeChoice::Light, "Light"),
                    (ThemeChoice::Dark, "Dark"),
                ] {
                    if ui.radio(model.state.theme == choice, label).clicked() {
                        intents.push(Intent::SetTheme(choice));
                    }
                }
                ui.separator();
                if ui.button("Fit the route (F)").clicked() {
                    intents.push(Intent::FitRoute);
                    ui.close();
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard shortcuts (F1)").clicked() {
                    intents.push(Intent::ToggleHelp);
                    ui.close();
                }
                if ui.button("Sources and licences").clicked() {
                    intents.push(Intent::ToggleSources);
                    ui.close();
                }
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let dark = ui.visuals().dark_mode;
                let (icon, target, name) = if dark {
                    ("☀", ThemeChoice::Light, "Switch to the light theme")
                } else {
                    ("🌙", ThemeChoice::Dark, "Switch to the dark theme")
                };
                let button = ui.button(icon);
                button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
                if button.on_hover_text(name).clicked() {
                    intents.push(Intent::SetTheme(target));
                }
                if !model.state.show_article
                    && !model.story.meta.article.is_empty()
                    && ui.button("Article").clicked()
                {
                    intents.push(Intent::SetArticle(true));
                }
            });
        });
    });
    intents
}
