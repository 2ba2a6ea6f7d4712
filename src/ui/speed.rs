//! The speed control: a slider, a number field, the unit switch, and the way back to the
//! reported speed with where that figure comes from.

use crate::model::{Intent, ViewModel};
use crate::units::{Speed, SpeedUnit};

/// The slider's top speed in each unit: faster than any plausible train of the story.
fn slider_max(unit: SpeedUnit) -> f64 {
    match unit {
        SpeedUnit::Mph => 150.0,
        SpeedUnit::Kmh => 240.0,
    }
}

/// The speed control.
pub fn speed_ui(ui: &mut egui::Ui, model: &ViewModel<'_>) -> Vec<Intent> {
    let mut intents = Vec::new();
    let unit = model.unit;
    let current = model.speed.in_unit(unit);
    ui.horizontal(|ui| {
        let label = ui.strong("Speed");
        for choice in SpeedUnit::ALL {
            if ui
                .selectable_label(unit == choice, choice.symbol())
                .clicked()
                && unit != choice
            {
                intents.push(Intent::SetUnit(choice));
            }
        }
        let _ = label;
    });
    let field_problem = ui.horizontal(|ui| {
        let mut value = current;
        let slider = egui::Slider::new(
            &mut value,
            1.0_f64.min(current)..=slider_max(unit).max(current),
        )
        .show_value(false)
        .step_by(0.5);
        let response = ui.add(slider);
        response.widget_info(|| {
            let mut info = egui::WidgetInfo::labeled(egui::Role::Slider, true, "Speed slider");
            info.value = Some(current);
            info
        });
        // The slider snaps to its 0.5 steps whenever it is drawn: a speed between steps
        // (typed, or fitted to the reports) must not be rounded unless the slider is moved.
        let snapped_only =
            (value - (current * 2.0).round() / 2.0).abs() <= f64::EPSILON && !response.dragged();
        if response.changed() && (value - current).abs() > f64::EPSILON && !snapped_only {
            intents.push(Intent::SetSpeed(value));
        }
        let (intent, problem) = speed_field_ui(ui, current, unit, model.speed_error);
        intents.extend(intent);
        problem
    });
    if let Some(problem) = field_problem.inner {
        ui.colored_label(ui.visuals().error_fg_color, problem);
    }
    let reported = &model.story.meta.default_speed;
    let at_reported = (model.speed.kmh() - reported.speed.kmh()).abs() < 1e-6;
    ui.horizontal_wrapped(|ui| {
        let reset = ui.add_enabled(
            !at_reported,
            egui::Button::new(format!(
                "Reported speed ({} {})",
                reported.value,
                reported.unit.symbol()
            )),
        );
        if reset
            .on_hover_text("Back to the speed the story reports")
            .clicked()
        {
            intents.push(Intent::ResetSpeed);
        }
    });
    // Where the reported figure comes from: the article's words, the source on demand.
    let note = match &reported.quote {
        Some(quote) => format!("The article: “{quote}”"),
        None => format!("Reported: {} {}", reported.value, reported.unit.symbol()),
    };
    egui::CollapsingHeader::new(
        egui::RichText::new(format!(
            "Where {} {} comes from",
            reported.value,
            reported.unit.symbol()
        ))
        .small(),
    )
    .id_salt("speed_source")
    .show(ui, |ui| {
        ui.label(egui::RichText::new(note).small().italics());
        ui.label(
            egui::RichText::new(format!("Source: {}", reported.source))
                .small()
                .weak(),
        );
    });
    intents
}

/// The number field: follows the slider; typing a valid speed applies it at once. A speed
/// out of range is refused with the reason under the field, and the last valid speed stays.
fn speed_field_ui(
    ui: &mut egui::Ui,
    current: f64,
    unit: SpeedUnit,
    refused: Option<&str>,
) -> (Option<Intent>, Option<String>) {
    let id = ui.make_persistent_id("speed_text");
    let shown = format!("{current:.1}");
    let mut text: String = ui
        .data_mut(|data| data.get_temp::<String>(id))
        .unwrap_or_else(|| shown.clone());
    let response = ui.add(
        egui::TextEdit::singleline(&mut text)
            .id(id.with("edit"))
            .desired_width(56.0)
            .hint_text("speed"),
    );
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::text_edit(true, &text, &text, "speed");
        info.label = Some("Speed value".to_owned());
        info
    });
    ui.label(unit.symbol());
    let number = text.trim().replace(',', ".").parse::<f64>().ok();
    let checked = number.map(|value| Speed::new(value, unit).map(|_| value));
    let mut intent = None;
    let entered = response.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
    if response.has_focus() {
        ui.data_mut(|data| data.insert_temp(id, text.clone()));
        if response.changed()
            && let Some(Ok(value)) = checked
        {
            intent = Some(Intent::SetSpeed(value));
        }
    } else {
        // Not being edited: show the speed as it is (the slider may have moved it).
        ui.data_mut(|data| data.remove::<String>(id));
        if entered && let Some(value) = number {
            // Valid or not: the session keeps the last valid speed and says why it refused.
            intent = Some(Intent::SetSpeed(value));
        }
    }
    let problem = if response.has_focus() && !text.trim().is_empty() {
        match checked {
            None => Some(format!(
                "{:?} is not a number: type a speed in {}",
                text.trim(),
                unit.symbol()
            )),
            Some(Err(error)) => Some(error.to_string()),
            Some(Ok(_)) => None,
        }
    } else {
        refused.map(|why| format!("Kept {shown} {}: {why}", unit.symbol()))
    };
    (intent, problem)
}
