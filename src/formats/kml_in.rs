//! KML 2.2, read with `quick-xml`, as plain GeoJSON. Folders and Documents are walked at any
//! depth; each Placemark gives, in file order:
//! - each Point (also inside a MultiGeometry): a Point feature with the placemark's `name`,
//!   `note` (its `description`; HTML written in it without CDATA is kept as written), `time`
//!   (its `TimeStamp/when`) and its ExtendedData (`Data` values and `SchemaData/SimpleData`)
//!   as properties;
//! - empty `<coordinates>` (white space only) are skipped: they draw nothing;
//! - each LineString and each `gx:Track` (`gx:coord`s): a LineString feature;
//! - each Polygon: a Polygon feature (an area), outer ring first.
//!
//! The title is the first Document's name. Styles, icons, overlays and views are dropped.
//! Invariants: every coordinate read is finite and on Earth, or the file is refused naming
//! the line; a file that ends inside an element is refused as cut short, and one with an
//! element after the end of `<kml>` as having something appended.

use quick_xml::events::{BytesEnd, BytesStart, Event};
use serde_json::{Map, Value, json};

type Position = [f64; 2];

/// The line (1-based) of byte `offset` in `bytes` (for errors only: no need for speed).
#[allow(clippy::naive_bytecount)]
pub(crate) fn line_at(bytes: &[u8], offset: u64) -> usize {
    let end = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    bytes[..end].iter().filter(|&&byte| byte == b'\n').count() + 1
}

/// The KML `bytes` as a plain GeoJSON FeatureCollection, or why they are not KML.
pub(crate) fn kml_to_geojson(bytes: &[u8]) -> Result<Value, String> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut walk = Walk::default();
    loop {
        let event = reader.read_event().map_err(|error| {
            let line = line_at(bytes, reader.error_position());
            format!("not well-formed XML at line {line}: {error}")
        })?;
        let line = || line_at(bytes, reader.buffer_position());
        match event {
            Event::Start(element) if walk.keeps_markup() => walk.markup(&element, false),
            Event::Start(element) => walk
                .start(&element)
                .map_err(|reason| format!("line {}: {reason}", line()))?,
            Event::Empty(element) if walk.keeps_markup() => walk.markup(&element, true),
            Event::Empty(element) => {
                walk.start(&element)
                    .map_err(|reason| format!("line {}: {reason}", line()))?;
                walk.end()
                    .map_err(|reason| format!("line {}: {reason}", line()))?;
            }
            Event::End(element) if walk.markup_depth > 0 => walk.close_markup(&element),
            Event::End(_) => walk
                .end()
                .map_err(|reason| format!("line {}: {reason}", line()))?,
            Event::Text(text) => {
                let text = text
                    .xml10_content()
                    .map_err(|error| format!("line {}: {error}", line()))?;
                walk.text.push_str(&text);
            }
            Event::CData(text) => {
                let text = text
                    .xml10_content()
                    .map_err(|error| format!("line {}: {error}", line()))?;
                walk.text.push_str(&text);
            }
            Event::GeneralRef(reference) => {
                let name = reference
                    .decode()
                    .map_err(|error| format!("line {}: {error}", line()))?;
                if let Some(text) = quick_xml::escape::resolve_predefined_entity(&name) {
                    walk.text.push_str(text);
                } else if let Ok(Some(character)) = reference.resolve_char_ref() {
                    walk.text.push(character);
                } else {
                    return Err(format!("line {}: unknown entity &{name};", line()));
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = walk.stack.last() {
        return Err(format!(
            "the file ends inside <{open}> (line {}): is it cut short?",
            line_at(bytes, reader.buffer_position())
        ));
    }
    if !walk.seen_root {
        return Err("not KML: the file has no XML element".to_owned());
    }
    if walk.features.is_empty() {
        return Err(
            "nothing to show: the KML file has no Point, LineString, gx:Track or Polygon placemark"
                .to_owned(),
        );
    }
    let mut root = Map::new();
    root.insert("type".into(), json!("FeatureCollection"));
    if let Some(title) = walk.title.filter(|title| !title.trim().is_empty()) {
        root.insert("name".into(), json!(title));
    }
    root.insert("features".into(), Value::Array(walk.features));
    Ok(Value::Object(root))
}

/// What a Placemark holds, gathered until it ends.
#[derive(Default)]
struct Placemark {
    name: Option<String>,
    description: Option<String>,
    when: Option<String>,
    properties: Map<String, Value>,
    points: Vec<Position>,
    lines: Vec<Vec<Position>>,
    polygons: Vec<Vec<Vec<Position>>>,
    /// The rings of the Polygon being read.
    rings: Vec<Vec<Position>>,
    /// The `gx:coord`s of the `gx:Track` being read.
    track: Vec<Position>,
}

/// The walk through the elements: the open elements, the text of the innermost one, the
/// placemark being read, and the features found.
#[derive(Default)]
struct Walk {
    stack: Vec<String>,
    text: String,
    seen_root: bool,
    title: Option<String>,
    placemark: Option<Placemark>,
    /// The `name` attribute of the `Data` or `SimpleData` being read.
    data_name: Option<String>,
    /// How many elements are open inside a `description` (HTML written without CDATA).
    markup_depth: usize,
    features: Vec<Value>,
}

impl Walk {
    /// Whether an element starting now is markup inside a `description`, kept as text.
    fn keeps_markup(&self) -> bool {
        self.markup_depth > 0 || self.stack.last().is_some_and(|open| open == "description")
    }

    /// A start tag (or an empty element) inside a `description`, added to its text as it is
    /// written.
    fn markup(&mut self, element: &BytesStart<'_>, empty: bool) {
        self.text.push('<');
        self.text.push_str(&String::from_utf8_lossy(element));
        if empty {
            self.text.push('/');
        } else {
            self.markup_depth += 1;
        }
        self.text.push('>');
    }

    /// The end tag of an element opened by [`Walk::markup`].
    fn close_markup(&mut self, element: &BytesEnd<'_>) {
        self.markup_depth -= 1;
        self.text.push_str("</");
        self.text
            .push_str(&String::from_utf8_lossy(element.name().as_ref()));
        self.text.push('>');
    }

    fn start(&mut self, element: &BytesStart<'_>) -> Result<(), String> {
        let name = String::from_utf8_lossy(element.local_name().as_ref()).into_owned();
        if self.seen_root && self.stack.is_empty() {
            return Err(format!(
                "<{name}> after the end of the <kml> element: is something appended to the file?"
            ));
        }
        if !self.seen_root {
            if name != "kml" {
                return Err(format!("not KML: the root element is <{name}>, not <kml>"));
            }
            self.seen_root = true;
        }
        self.text.clear();
        match name.as_str() {
            "Placemark" => self.placemark = Some(Placemark::default()),
            "Data" | "SimpleData" => {
                self.data_name =
                    element
                        .try_get_attribute("name")
                        .ok()
                        .flatten()
                        .and_then(|attribute| {
                            attribute
                                .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                                .ok()
                                .map(std::borrow::Cow::into_owned)
                        });
            }
            _ => {}
        }
        self.stack.push(name);
        Ok(())
    }

    fn end(&mut self) -> Result<(), String> {
        let Some(name) = self.stack.pop() else {
            return Err("an end tag with no element open".to_owned());
        };
        let parent = self.stack.last().map_or("", String::as_str);
        let text = std::mem::take(&mut self.text);
        if name == "name" && parent == "Document" && self.title.is_none() {
            self.title = Some(text.trim().to_owned());
            return Ok(());
        }
        if name == "Placemark" {
            if let Some(placemark) = self.placemark.take() {
                self.emit(placemark);
            }
            return Ok(());
        }
        let Some(placemark) = self.placemark.as_mut() else {
            return Ok(());
        };
        match (name.as_str(), parent) {
            ("name", "Placemark") => placemark.name = Some(text.trim().to_owned()),
            ("description", "Placemark") => placemark.description = Some(text.trim().to_owned()),
            ("when", "TimeStamp") => placemark.when = Some(text.trim().to_owned()),
            ("coordinates", "Point") => placemark.points.extend(parse_coordinates(&text)?),
            // Empty `<coordinates>` (white space only) draw nothing: no line, no ring.
            ("coordinates", "LineString") => {
                let line = parse_coordinates(&text)?;
                if !line.is_empty() {
                    placemark.lines.push(line);
                }
            }
            ("coordinates", "LinearRing") => {
                let ring = parse_coordinates(&text)?;
                if !ring.is_empty() {
                    placemark.rings.push(ring);
                }
            }
            ("coord", "Track") => placemark.track.push(parse_gx_coord(&text)?),
            ("Track", _) => {
                let track = std::mem::take(&mut placemark.track);
                match track.len() {
                    0 => {}
                    1 => placemark.points.extend(track),
                    _ => placemark.lines.push(track),
                }
            }
            ("Polygon", _) => {
                let rings = std::mem::take(&mut placemark.rings);
                if !rings.is_empty() {
                    placemark.polygons.push(rings);
                }
            }
            ("value", "Data") | ("SimpleData", _) => {
                if let Some(key) = self.data_name.take() {
                    placemark.properties.insert(key, json!(text.trim()));
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn emit(&mut self, placemark: Placemark) {
        let mut properties = placemark.properties;
        let mut set = |key: &str, value: Option<String>| {
            if let Some(value) = value.filter(|value| !value.is_empty()) {
                properties.insert(key.to_owned(), json!(value));
            }
        };
        set("name", placemark.name.clone());
        set("note", placemark.description);
        set("time", placemark.when);
        for point in placemark.points {
            self.features.push(json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": point},
                "properties": properties,
            }));
        }
        for line in placemark.lines {
            let geometry = match line.as_slice() {
                [point] => json!({"type": "Point", "coordinates": point}),
                _ => json!({"type": "LineString", "coordinates": line}),
            };
            self.features.push(json!({
                "type": "Feature",
                "geometry": geometry,
                "properties": {"name": placemark.name},
            }));
        }
        for polygon in placemark.polygons {
            self.features.push(json!({
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": polygon},
                "properties": {"name": placemark.name},
            }));
        }
    }
}

fn on_earth(lon: f64, lat: f64) -> bool {
    lon.is_finite()
        && lat.is_finite()
        && (-180.0..=180.0).contains(&lon)
        && (-90.0..=90.0).contains(&lat)
}

/// `<coordinates>`: tuples `lon,lat[,alt]` separated by white space (white space next to a
/// comma is tolerated, as some writers put it there).
fn parse_coordinates(text: &str) -> Result<Vec<Position>, String> {
    let mut joined = String::with_capacity(text.len());
    let mut after_comma = false;
    for character in text.chars() {
        if character.is_whitespace() && after_comma {
            continue;
        }
        if character == ',' {
            while joined.ends_with(char::is_whitespace) {
                joined.pop();
            }
        }
        after_comma = character == ',';
        joined.push(character);
    }
    joined
        .split_whitespace()
        .map(|tuple| {
            let mut parts = tuple.split(',');
            let number = |part: Option<&str>| part.and_then(|part| part.parse::<f64>().ok());
            match (number(parts.next()), number(parts.next())) {
                (Some(lon), Some(lat)) if on_earth(lon, lat) => Ok([lon, lat]),
                (Some(_), Some(_)) => Err(format!(
                    "<coordinates>: {tuple:?} is not a position on Earth"
                )),
                _ => Err(format!(
                    "<coordinates>: {tuple:?} is not longitude,latitude[,altitude]"
                )),
            }
        })
        .collect()
}

/// `<gx:coord>`: `lon lat [alt]` separated by spaces.
fn parse_gx_coord(text: &str) -> Result<Position, String> {
    let mut parts = text.split_whitespace();
    let number = |part: Option<&str>| part.and_then(|part| part.parse::<f64>().ok());
    match (number(parts.next()), number(parts.next())) {
        (Some(lon), Some(lat)) if on_earth(lon, lat) => Ok([lon, lat]),
        _ => Err(format!(
            "<gx:coord>: {:?} is not \"longitude latitude [altitude]\" on Earth",
            text.trim()
        )),
    }
}
