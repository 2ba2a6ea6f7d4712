//! A story as KML 2.2, written with `quick-xml`'s writer: one Document titled with the
//! story, a shared Style per role (placemarks coloured as the map colours them: origin green,
//! destination red, border orange, stops blue, waypoints grey) and one for the route; every
//! place a Point placemark (name, the note as `description`, `styleUrl` and its role in
//! ExtendedData, so that opening the file again keeps places off the route off it); the route
//! one LineString placemark. Coordinates are written in full (shortest exact decimal).
//! What-if detours, reported times and the article are not written.

use crate::story::{LonLat, Role, Story};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io;

/// The roles and their icon colours, KML's `aabbggrr`.
const ROLE_COLOURS: [(Role, &str); 5] = [
    (Role::Origin, "ff3c9d2e"),
    (Role::Destination, "ff2f2fd6"),
    (Role::Border, "ff0a8cf0"),
    (Role::Stop, "ffc46a1f"),
    (Role::Waypoint, "ff8a8a8a"),
];

/// The route's line colour, `aabbggrr`.
const ROUTE_COLOUR: &str = "ff2f2fd6";

/// The story as KML 2.2 bytes.
pub(crate) fn story_to_kml(story: &Story) -> Result<Vec<u8>, String> {
    write_kml(story).map_err(|error| format!("the KML could not be written: {error}"))
}

fn write_kml(story: &Story) -> io::Result<Vec<u8>> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer
        .create_element("kml")
        .with_attribute(("xmlns", "http://www.opengis.net/kml/2.2"))
        .write_inner_content(|writer| {
            writer
                .create_element("Document")
                .write_inner_content(|writer| document(writer, story))?;
            Ok(())
        })?;
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn text_element(writer: &mut Writer<Vec<u8>>, name: &str, text: &str) -> io::Result<()> {
    writer
        .create_element(name)
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

fn coordinates(points: impl Iterator<Item = LonLat>) -> String {
    points
        .map(|point| format!("{},{}", point.lon, point.lat))
        .collect::<Vec<_>>()
        .join(" ")
}

fn document(writer: &mut Writer<Vec<u8>>, story: &Story) -> io::Result<()> {
    text_element(writer, "name", &story.meta.title)?;
    for (role, colour) in ROLE_COLOURS {
        writer
            .create_element("Style")
            .with_attribute(("id", role.as_str()))
            .write_inner_content(|writer| {
                writer
                    .create_element("IconStyle")
                    .write_inner_content(|writer| {
                        text_element(writer, "color", colour)?;
                        text_element(
                            writer,
                            "scale",
                            if role == Role::Waypoint { "0.8" } else { "1.1" },
                        )
                    })?;
                Ok(())
            })?;
    }
    writer
        .create_element("Style")
        .with_attribute(("id", "route"))
        .write_inner_content(|writer| {
            writer
                .create_element("LineStyle")
                .write_inner_content(|writer| {
                    text_element(writer, "color", ROUTE_COLOUR)?;
                    text_element(writer, "width", "4")
                })?;
            Ok(())
        })?;
    for place in &story.places {
        writer
            .create_element("Placemark")
            .write_inner_content(|writer| {
                text_element(writer, "name", &place.name)?;
                if let Some(note) = &place.note {
                    text_element(writer, "description", note)?;
                }
                text_element(writer, "styleUrl", &format!("#{}", place.role.as_str()))?;
                writer
                    .create_element("ExtendedData")
                    .write_inner_content(|writer| {
                        writer
                            .create_element("Data")
                            .with_attribute(("name", "role"))
                            .write_inner_content(|writer| {
                                text_element(writer, "value", place.role.as_str())
                            })?;
                        Ok(())
                    })?;
                writer
                    .create_element("Point")
                    .write_inner_content(|writer| {
                        text_element(
                            writer,
                            "coordinates",
                            &coordinates(std::iter::once(place.position)),
                        )
                    })?;
                Ok(())
            })?;
    }
    let line = super::route_line(story);
    if line.len() >= 2 {
        writer
            .create_element("Placemark")
            .write_inner_content(|writer| {
                text_element(writer, "name", "Route")?;
                text_element(writer, "styleUrl", "#route")?;
                writer
                    .create_element("LineString")
                    .write_inner_content(|writer| {
                        text_element(writer, "tessellate", "1")?;
                        text_element(writer, "coordinates", &coordinates(line.iter().copied()))
                    })?;
                Ok(())
            })?;
    }
    Ok(())
}
