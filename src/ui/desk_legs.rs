//! The legs at the author's desk: for each leg of the route, whether its line goes through
//! via points (added by dragging the leg on the map; removed here) and whether its distance
//! is official (typed here with its source) or measured on the line drawn.

use super::accessible::set_accessible_name;
use crate::desk::{Desk, DeskEdit, OfficialDistance};
use crate::model::Intent;
use std::collections::HashMap;

/// What is being typed for one leg.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LegFields {
    /// The official distance, in kilometres, as typed.
    pub km: String,
    /// Who gives it, as typed.
    pub source: String,
    /// Why the last figure typed was refused.
    pub error: Option<String>,
}

/// What is being typed at the desk, by leg (the pair of candidates it joins).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeskFields {
    /// The legs' fields.
    pub legs: HashMap<(usize, usize), LegFields>,
}

/// The legs of the route; `drawn_km`: the length of each one's line as drawn now.
pub fn legs_ui(
    ui: &mut egui::Ui,
    desk: &Desk,
    drawn_km: &[f64],
    fields: &mut DeskFields,
    intents: &mut Vec<Intent>,
) {
    ui.heading("Legs");
    let pairs = desk.state().leg_pairs();
    if pairs.is_empty() {
        ui.weak("Use two places or more to make a route.");
        return;
    }
    ui.weak("Drag a leg on the map to make it pass through a point.");
    for (leg, (from, to)) in pairs.into_iter().enumerate() {
        let said = desk
            .state()
            .legs
            .iter()
            .find(|leg| leg.from == from && leg.to == to);
        let leg_name = format!("{} to {}", desk.name(from), desk.name(to));
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            ui.strong(format!("{} → {}", desk.name(from), desk.name(to)));
            match said.and_then(|leg| leg.official.as_ref()) {
                Some(official) => {
                    ui.label(format!(
                        "official distance {} km ({})",
                        official.km, official.source
                    ));
                }
                None => match drawn_km.get(leg) {
                    Some(km) => {
                        ui.weak(format!("{km:.0} km, measured on the line drawn"));
                    }
                    None => {
                        ui.weak("distance measured on the line drawn");
                    }
                },
            }
            let vias = said.map_or(0, |leg| leg.via.len());
            if vias > 0 {
                ui.label(format!("through {vias} point(s)"));
                let remove = ui.small_button("Remove via points");
                set_accessible_name(&remove, &format!("Remove via points {leg_name}"));
                if remove.clicked() {
                    intents.push(Intent::Desk(DeskEdit::RemoveVias { from, to }));
                }
            }
        });
        let typed = fields.legs.entry((from, to)).or_default();
        ui.horizontal_wrapped(|ui| {
            ui.label("Official distance (km)");
            text_field(
                ui,
                &mut typed.km,
                70.0,
                &format!("Official distance {leg_name}"),
            );
            ui.label("Source");
            text_field(ui, &mut typed.source, 180.0, &format!("Source {leg_name}"));
            let set = ui.small_button("Set");
            set_accessible_name(&set, &format!("Set distance {leg_name}"));
            if set.clicked() {
                match official_distance(typed) {
                    Ok(distance) => {
                        typed.error = None;
                        intents.push(Intent::Desk(DeskEdit::SetOfficialDistance {
                            from,
                            to,
                            distance: Some(distance),
                        }));
                    }
                    Err(why) => typed.error = Some(why),
                }
            }
            if said.is_some_and(|leg| leg.official.is_some()) {
                let clear = ui.small_button("Measure instead");
                set_accessible_name(&clear, &format!("Measure instead {leg_name}"));
                if clear.clicked() {
                    intents.push(Intent::Desk(DeskEdit::SetOfficialDistance {
                        from,
                        to,
                        distance: None,
                    }));
                }
            }
        });
        if let Some(error) = &typed.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
    }
}

/// A one-line field named `name`.
fn text_field(ui: &mut egui::Ui, text: &mut String, width: f32, name: &str) {
    let field = ui.add(egui::TextEdit::singleline(text).desired_width(width));
    field.widget_info(|| {
        let mut info = egui::WidgetInfo::text_edit(true, &*text, &*text, name);
        info.label = Some(name.to_owned());
        info
    });
}

/// The distance typed, if it is one with a source.
fn official_distance(typed: &LegFields) -> Result<OfficialDistance, String> {
    let km: f64 = typed
        .km
        .trim()
        .parse()
        .map_err(|_| format!("“{}” is not a number of kilometres", typed.km.trim()))?;
    if !km.is_finite() || km <= 0.0 {
        return Err("A distance is more than 0 km".to_owned());
    }
    let source = typed.source.trim();
    if source.is_empty() {
        return Err("Say who gives this distance (the source)".to_owned());
    }
    Ok(OfficialDistance {
        km,
        source: source.to_owned(),
    })
}
