//! The journey replay: a time slider from departure to arrival, a play button, and where the
//! train would be at that moment at the current speed.

use crate::display::format_clock;
use crate::model::{Intent, ViewModel};
use crate::route::LegKind;
use crate::units::format_duration;
use egui::RichText;

/// The replay controls.
pub fn replay_ui(ui: &mut egui::Ui, model: &ViewModel<'_>) -> Vec<Intent> {
    let mut intents = Vec::new();
    let itinerary = model.itinerary;
    let total = itinerary.total_duration_secs;
    if total <= 0.0 {
        return intents;
    }
    ui.horizontal(|ui| {
        let play_label = if model.playing {
            "⏸ Pause"
        } else {
            "▶ Replay the journey"
        };
        if ui.button(play_label).clicked() {
            intents.push(Intent::TogglePlay);
        }
        if model.playback_secs.is_some() && ui.button("Hide the train").clicked() {
            intents.push(Intent::HideTrain);
        }
    });
    let Some(secs) = model.playback_secs else {
        return intents;
    };
    let mut value = secs;
    let response = ui.add(
        egui::Slider::new(&mut value, 0.0..=total)
            .show_value(false)
            .step_by(60.0),
    );
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::Slider, true, "Journey time");
        info.value = Some(secs);
        info
    });
    if response.changed() {
        intents.push(Intent::SetPlayback(value));
    }
    // Where the train is: on a leg, or waiting at a place.
    let leg = itinerary
        .legs
        .iter()
        .find(|leg| secs <= leg.cumulative_secs)
        .or(itinerary.legs.last());
    let whereabouts = leg.map_or_else(String::new, |leg| {
        let name = |index: usize| model.story.place_name(index);
        let what_if = if leg.kind == LegKind::Route {
            ""
        } else {
            " (what-if)"
        };
        if secs < leg.start_secs {
            format!("stopped at {}", name(leg.from))
        } else if secs >= total {
            format!("arrived at {}", name(leg.to))
        } else {
            format!("between {} and {}{what_if}", name(leg.from), name(leg.to))
        }
    });
    let clock = itinerary.options.departure.map(|departure| {
        let offset = leg
            .and_then(|leg| model.story.places.get(leg.to))
            .and_then(|place| place.utc_offset);
        crate::route::checked_local_time(departure, secs, offset)
            .map_or_else(|| "beyond the calendar".to_owned(), format_clock)
    });
    ui.label(format!(
        "{} after departure: {whereabouts}",
        format_duration(secs)
    ));
    if let Some(clock) = clock {
        ui.label(RichText::new(clock).weak());
    }
    intents
}
