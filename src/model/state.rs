//! The one struct the app persists between runs. Everything else (the story, the route,
//! tiles, caches) is rebuilt at start.

use super::view::MapView;
use crate::units::{Speed, SpeedInput, SpeedUnit};
use serde::{Deserialize, Serialize};

/// The light/dark choice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// What survives a restart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersistedState {
    /// The speed, in `unit`; `None` means the story's reported speed.
    pub speed_value: Option<f64>,
    /// The unit speeds and distances are shown in.
    pub unit: Option<SpeedUnit>,
    /// Light, dark or follow the system.
    pub theme: ThemeChoice,
    /// The last view of the map.
    pub view: Option<MapView>,
    /// Whether the what-if detour is shown and counted.
    pub via_detour: bool,
    /// Whether the article panel is open.
    pub show_article: bool,
    /// Whether OpenStreetMap tiles are drawn (they need the network).
    pub online_tiles: bool,
    /// Whether the time–distance chart is open (absent in older saved states: closed).
    pub show_chart: bool,
    /// The files opened or saved lately, newest first (at most
    /// [`MAX_RECENT`](super::document::MAX_RECENT); absent in older saved states: none).
    pub recent_files: Vec<std::path::PathBuf>,
    /// Whether the basemap labels places with their local names instead of English ones
    /// (absent in older saved states: English).
    #[serde(default)]
    pub local_names: bool,
}

impl Default for PersistedState {
    fn default() -> Self {
        Self {
            speed_value: None,
            unit: None,
            theme: ThemeChoice::System,
            view: None,
            via_detour: false,
            show_article: true,
            online_tiles: false,
            show_chart: false,
            recent_files: Vec::new(),
            local_names: false,
        }
    }
}

impl PersistedState {
    /// The saved speed, if one was saved and it still is a valid speed; else `None`, and the
    /// story's reported speed is used.
    pub fn saved_speed(&self) -> Option<SpeedInput> {
        let unit = self.unit?;
        let speed = Speed::new(self.speed_value?, unit).ok()?;
        Some(SpeedInput { speed, unit })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_state_survives_serialisation() {
        let state = PersistedState {
            speed_value: Some(60.0),
            unit: Some(SpeedUnit::Kmh),
            theme: ThemeChoice::Dark,
            view: Some(MapView {
                center_lon: 130.0,
                center_lat: 45.0,
                zoom: 6.5,
            }),
            via_detour: true,
            show_article: false,
            online_tiles: false,
            show_chart: true,
            recent_files: vec!["/home/reader/trip.gpx".into()],
            local_names: true,
        };
        let text = serde_json::to_string(&state).unwrap();
        assert_eq!(
            serde_json::from_str::<PersistedState>(&text).unwrap(),
            state
        );
    }

    #[test]
    fn a_state_saved_before_the_chart_existed_opens_with_the_chart_closed() {
        let text = r#"{"speed_value": 60.0, "unit": "Kmh", "show_article": false}"#;
        let state: PersistedState = serde_json::from_str(text).unwrap();
        assert!(!state.show_chart && !state.show_article);
    }

    #[test]
    fn a_saved_speed_that_is_no_longer_valid_falls_back_to_the_story() {
        let state = PersistedState {
            speed_value: Some(-4.0),
            unit: Some(SpeedUnit::Mph),
            ..PersistedState::default()
        };
        assert_eq!(state.saved_speed(), None);
        let state = PersistedState {
            speed_value: Some(60.0),
            unit: Some(SpeedUnit::Kmh),
            ..PersistedState::default()
        };
        let saved = state.saved_speed().unwrap();
        assert_eq!(saved.unit, SpeedUnit::Kmh);
        assert!((saved.speed.kmh() - 60.0).abs() < 1e-9);
    }
}
