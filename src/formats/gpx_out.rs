//! A story as GPX 1.1, written with the `gpx` crate: every place a waypoint (name, the note as
//! `desc`, the role as `type`, so that opening the file again keeps places off the route off
//! it), the route one track of one segment. What-if detours, reported times and the article
//! are not written (GPX has no place for them).

use crate::story::Story;

/// The story as GPX 1.1 bytes.
pub(crate) fn story_to_gpx(story: &Story) -> Result<Vec<u8>, String> {
    let title = story.meta.title.clone();
    let waypoints = story
        .places
        .iter()
        .map(|place| {
            let mut waypoint =
                gpx::Waypoint::new(geo::Point::new(place.position.lon, place.position.lat));
            waypoint.name = Some(place.name.clone());
            waypoint.description.clone_from(&place.note);
            waypoint.type_ = Some(place.role.as_str().to_owned());
            waypoint
        })
        .collect();
    let line = super::route_line(story);
    let mut tracks = Vec::new();
    if line.len() >= 2 {
        let mut segment = gpx::TrackSegment::new();
        segment.points = line
            .iter()
            .map(|point| gpx::Waypoint::new(geo::Point::new(point.lon, point.lat)))
            .collect();
        let mut track = gpx::Track::new();
        track.name = Some(title.clone());
        track.segments.push(segment);
        tracks.push(track);
    }
    let gpx = gpx::Gpx {
        version: gpx::GpxVersion::Gpx11,
        creator: Some("storyroute".to_owned()),
        metadata: Some(gpx::Metadata {
            name: Some(title),
            description: story.meta.url.clone(),
            ..gpx::Metadata::default()
        }),
        waypoints,
        tracks,
        routes: Vec::new(),
    };
    let mut bytes = Vec::new();
    gpx::write(&gpx, &mut bytes)
        .map_err(|error| format!("the GPX could not be written: {error}"))?;
    Ok(bytes)
}
