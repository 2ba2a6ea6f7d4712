//! The things File ▸ Export writes: the story in four formats, the itinerary in two, the
//! map as an image at two scales.
//!
//! Invariant: every kind has a menu label, a file extension (without the dot) and a name
//! for the dialog; [`ExportKind::ALL`] lists each once, in menu order.

/// One entry of File ▸ Export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportKind {
    /// The story as a `storyroute/1` GeoJSON file.
    StoryGeoJson,
    /// Places as waypoints, the route as a track.
    StoryGpx,
    /// Placemarks styled by role, the route as a LineString.
    StoryKml,
    /// The KML, zipped (Google Earth's own format).
    StoryKmz,
    /// The itinerary, one row per leg, the columns of `storyroute itinerary --format csv`.
    ItineraryCsv,
    /// The itinerary as `storyroute itinerary --format json` writes it.
    ItineraryJson,
    /// The map area as it is on screen.
    MapPng,
    /// The map area as it is on screen, at twice the pixels.
    MapPng2x,
}

impl ExportKind {
    /// Every kind, in menu order.
    pub const ALL: [Self; 8] = [
        Self::StoryGeoJson,
        Self::StoryGpx,
        Self::StoryKml,
        Self::StoryKmz,
        Self::ItineraryCsv,
        Self::ItineraryJson,
        Self::MapPng,
        Self::MapPng2x,
    ];

    /// The menu entry.
    pub fn label(self) -> &'static str {
        match self {
            Self::StoryGeoJson => "Story as GeoJSON…",
            Self::StoryGpx => "Story as GPX…",
            Self::StoryKml => "Story as KML…",
            Self::StoryKmz => "Story as KMZ…",
            Self::ItineraryCsv => "Itinerary as CSV…",
            Self::ItineraryJson => "Itinerary as JSON…",
            Self::MapPng => "Map as PNG…",
            Self::MapPng2x => "Map as PNG, 2× pixels…",
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::StoryGeoJson => "geojson",
            Self::StoryGpx => "gpx",
            Self::StoryKml => "kml",
            Self::StoryKmz => "kmz",
            Self::ItineraryCsv => "csv",
            Self::ItineraryJson => "json",
            Self::MapPng | Self::MapPng2x => "png",
        }
    }

    /// The suffix the proposed file name gets before its extension (the itinerary is not
    /// the story; a 2× image is not the 1× one).
    pub fn name_suffix(self) -> &'static str {
        match self {
            Self::StoryGeoJson | Self::StoryGpx | Self::StoryKml | Self::StoryKmz => "",
            Self::ItineraryCsv | Self::ItineraryJson => "-itinerary",
            Self::MapPng => "-map",
            Self::MapPng2x => "-map@2x",
        }
    }

    /// The export dialog's title.
    pub fn dialog_title(self) -> &'static str {
        match self {
            Self::StoryGeoJson => "Export the story as GeoJSON",
            Self::StoryGpx => "Export the story as GPX",
            Self::StoryKml => "Export the story as KML",
            Self::StoryKmz => "Export the story as KMZ",
            Self::ItineraryCsv => "Export the itinerary as CSV",
            Self::ItineraryJson => "Export the itinerary as JSON",
            Self::MapPng => "Export the map as PNG",
            Self::MapPng2x => "Export the map as PNG at 2× pixels",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_label() {
        let mut labels: Vec<&str> = ExportKind::ALL.iter().map(|kind| kind.label()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), ExportKind::ALL.len());
    }
}
