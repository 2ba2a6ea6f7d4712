//! Reading a story file: bytes → JSON → a checked [`Story`], or every reason it is not one.

use super::fields::{
    At, Fields, MAX_DWELL_SECS, MAX_RAIL_DISTANCE_KM, Report, check_position, kind_of,
};
use super::geometry::{FeatureParts, Shape, area_name, feature_parts, parse_shape};
use super::plain::parse_plain;
use super::progress::{CountingReader, LoadProgress, LoadStage};
use super::{
    Area, BorderCrossing, Departure, Extra, FeatureRef, Leg, LoadError, Loaded, LonLat, Place,
    ReportedSpeed, Role, SourceRef, SourcedDistance, Status, Story, StoryKind, StoryMeta,
};
use crate::units::{Distance, Speed, SpeedUnit};
use serde_json::Value;
use std::collections::HashSet;
use std::io::Read as _;
use std::path::Path;

/// How many features are read between two reports of progress (and checks for a cancel).
const PROGRESS_EVERY_FEATURES: usize = 1024;

/// Larger files are refused rather than read: no story needs 64 MiB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How far (in metres) a leg's drawn line may start or end from its place before it is
/// worth a warning.
const ENDPOINT_TOLERANCE_M: f64 = 5_000.0;

/// The format tag of story files.
pub(crate) const FORMAT: &str = "storyroute/1";

/// What a load that was called off says (see [`LoadProgress::cancel`]).
pub const CANCELLED_MESSAGE: &str = "opening was cancelled";

/// Load a story (or plain GeoJSON) from a file.
pub fn load_story_file(path: &Path) -> Result<Loaded, LoadError> {
    load_story_file_with(path, &LoadProgress::new())
}

/// [`load_story_file`], reporting how far it got into `progress` and stopping (with
/// [`CANCELLED_MESSAGE`]) once `progress` is cancelled.
pub fn load_story_file_with(path: &Path, progress: &LoadProgress) -> Result<Loaded, LoadError> {
    let bytes = read_file_with(path, progress)?;
    parse_story_with(&bytes, &path.display().to_string(), progress)
}

/// The bytes of the file at `path`, read once from start to end (a pipe cannot be read
/// twice), at most [`MAX_FILE_BYTES`] and one more (so a huge file is refused without
/// reading all of it), reporting the reading into `progress`; stops with
/// [`CANCELLED_MESSAGE`] once `progress` is cancelled.
pub fn read_file_with(path: &Path, progress: &LoadProgress) -> Result<Vec<u8>, LoadError> {
    let file = path.display().to_string();
    let fail = |message: String| LoadError::single(&file, message);
    let handle =
        std::fs::File::open(path).map_err(|error| fail(format!("cannot open: {error}")))?;
    // The size is for the progress bar only (a pipe has none); what is read decides.
    let size = handle.metadata().map_or(0, |metadata| metadata.len());
    progress.begin(LoadStage::Reading, size.min(MAX_FILE_BYTES + 1));
    let mut bytes = Vec::with_capacity(usize::try_from(size.min(MAX_FILE_BYTES + 1)).unwrap_or(0));
    CountingReader::new(handle, progress)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| {
            if progress.is_cancelled() {
                fail(CANCELLED_MESSAGE.to_owned())
            } else {
                fail(format!("cannot read: {error}"))
            }
        })?;
    if progress.is_cancelled() {
        return Err(fail(CANCELLED_MESSAGE.to_owned()));
    }
    Ok(bytes)
}

/// Parse a story (or plain GeoJSON) from bytes; `file` names it in problems.
pub fn parse_story(bytes: &[u8], file: &str) -> Result<Loaded, LoadError> {
    parse_story_with(bytes, file, &LoadProgress::new())
}

/// [`parse_story`], reporting into `progress` and stopping once it is cancelled.
pub fn parse_story_with(
    bytes: &[u8],
    file: &str,
    progress: &LoadProgress,
) -> Result<Loaded, LoadError> {
    let mut report = Report::new(file);
    let story = parse_bytes(bytes, file, &mut report, progress);
    if progress.is_cancelled() {
        return Err(LoadError::single(file, CANCELLED_MESSAGE.to_owned()));
    }
    match story {
        Some(story) if !report.has_errors() => Ok(Loaded {
            story,
            warnings: report.problems,
        }),
        _ => {
            if !report.has_errors() {
                report.error(&At::default(), "", "the file could not be read as a story");
            }
            Err(LoadError {
                file: file.to_owned(),
                problems: report.problems,
            })
        }
    }
}

fn parse_bytes(
    bytes: &[u8],
    file: &str,
    report: &mut Report,
    progress: &LoadProgress,
) -> Option<Story> {
    let top = At::default();
    if bytes.len() as u64 > MAX_FILE_BYTES {
        report.error(
            &top,
            "",
            format!(
                "the file is larger than {} MiB",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        );
        return None;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            report.error(
                &top,
                "",
                format!(
                    "not UTF-8 text (invalid byte at offset {}): is this a GeoJSON file?",
                    error.valid_up_to()
                ),
            );
            return None;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        report.error(&top, "", "the file is empty");
        return None;
    }
    // Parsed from memory in one go (the text is already read and checked to be UTF-8): two
    // to three times as fast as through a reader. A cancel takes effect once it is parsed.
    progress.begin(LoadStage::ReadingJson, text.len() as u64);
    let parsed = serde_json::from_str::<Value>(text);
    progress.set_done(text.len() as u64);
    if progress.is_cancelled() {
        return None;
    }
    let value: Value = match parsed {
        Ok(value) => value,
        Err(error) => {
            report.error(&top, "", format!("not valid JSON: {error}"));
            return None;
        }
    };
    let Value::Object(root) = value else {
        report.error(
            &top,
            "",
            format!(
                "not GeoJSON: the top level is {}, not an object",
                kind_of(&value)
            ),
        );
        return None;
    };
    match root.get("type") {
        Some(Value::String(kind)) if kind == "FeatureCollection" && root.contains_key("story") => {
            parse_story_collection(&root, report, progress)
        }
        Some(Value::String(_)) => parse_plain(&root, file, report),
        Some(other) => {
            report.error(
                &top,
                "type",
                format!("expected text, found {}", kind_of(other)),
            );
            None
        }
        None => {
            report.error(&top, "type", "missing: not a GeoJSON object");
            None
        }
    }
}

fn parse_story_collection(
    root: &Extra,
    report: &mut Report,
    progress: &LoadProgress,
) -> Option<Story> {
    let top = Fields::new(root, At::default());
    let meta = match root.get("story") {
        Some(Value::Object(story)) => parse_meta(story, report),
        Some(other) => {
            report.error(
                &At::default(),
                "story",
                format!("expected an object, found {}", kind_of(other)),
            );
            None
        }
        None => None,
    };
    let Some(features) = top.optional_array(report, "features") else {
        if !root.contains_key("features") {
            report.error(&At::default(), "features", "missing (required)");
        }
        return None;
    };

    let mut places = Vec::new();
    let mut legs = Vec::new();
    let mut detours = Vec::new();
    let mut areas = Vec::new();
    let mut other_features = Vec::new();
    let mut feature_order = Vec::new();
    let mut source_index = Vec::new();
    let mut failed = Failed::default();
    progress.begin(LoadStage::CheckingPlaces, features.len() as u64);
    for (index, feature) in features.iter().enumerate() {
        if index % PROGRESS_EVERY_FEATURES == 0 {
            progress.set_done(index as u64);
            if progress.is_cancelled() {
                return None;
            }
        }
        let parsed = parse_feature(index, feature, report, &mut failed);
        if parsed.is_some() {
            source_index.push(index);
        }
        match parsed {
            Some(Parsed::Place(place)) => {
                feature_order.push(FeatureRef::Place(places.len()));
                places.push(*place);
            }
            Some(Parsed::Leg(leg)) if leg.detour => {
                feature_order.push(FeatureRef::Detour(detours.len()));
                detours.push(*leg);
            }
            Some(Parsed::Leg(leg)) => {
                feature_order.push(FeatureRef::Leg(legs.len()));
                legs.push(*leg);
            }
            Some(Parsed::Area(area)) => {
                areas.push(Area {
                    feature: other_features.len(),
                    ..*area
                });
                feature_order.push(FeatureRef::Other(other_features.len()));
                other_features.push(feature.clone());
            }
            Some(Parsed::Other) => {
                feature_order.push(FeatureRef::Other(other_features.len()));
                other_features.push(feature.clone());
            }
            None => {}
        }
    }

    let story = Story {
        kind: StoryKind::Story,
        meta: meta?,
        places,
        legs,
        detours,
        areas,
        other_features,
        feature_order,
        extra: top.extra(&["type", "features", "story"]),
    };
    progress.begin(LoadStage::CheckingStory, 0);
    check_story(&story, &source_index, &failed, report);
    Some(story)
}

fn parse_meta(object: &Extra, report: &mut Report) -> Option<StoryMeta> {
    let fields = Fields::new(object, At::member("story"));
    match fields.optional_str(report, "format") {
        Some(format) if format == FORMAT => {}
        Some(format) => report.error(
            &fields.at,
            "format",
            format!("{format:?} is not a format this version reads (it reads {FORMAT:?})"),
        ),
        None if !object.contains_key("format") => {
            report.error(
                &fields.at,
                "format",
                format!("missing (required): {FORMAT:?}"),
            );
        }
        None => {}
    }
    let title = fields.required_str(report, "title");
    let outlet = fields.optional_str(report, "outlet");
    let date = fields.optional_str(report, "date");
    if let Some(date) = &date
        && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err()
    {
        report.error(
            &fields.at,
            "date",
            format!("{date:?} is not a date like 2023-09-13"),
        );
    }
    let url = fields.optional_str(report, "url");
    if !object.contains_key("article") {
        report.error(
            &fields.at,
            "article",
            "missing (required): the article's paragraphs",
        );
    }
    let article = fields.string_list(report, "article");
    let article_source = fields.optional_str(report, "article_source");
    let default_speed = match fields.optional_object(report, "default_speed") {
        Some(speed) => parse_reported_speed(speed, report),
        None => {
            if object.get("default_speed").is_none_or(Value::is_null) {
                report.error(&fields.at, "default_speed", "missing (required)");
            }
            None
        }
    };
    let departure = fields
        .optional_object(report, "departure")
        .and_then(|departure| parse_departure(departure, report));
    let mut sources = Vec::new();
    if let Some(items) = fields.optional_array(report, "sources") {
        for (index, item) in items.iter().enumerate() {
            let at = At::member(&format!("story.sources[{index}]"));
            let Value::Object(source) = item else {
                report.error(
                    &at,
                    "",
                    format!("expected an object, found {}", kind_of(item)),
                );
                continue;
            };
            let source = Fields::new(source, at);
            if let Some(label) = source.required_str(report, "label") {
                sources.push(SourceRef {
                    label,
                    url: source.optional_str(report, "url"),
                });
            }
        }
    }
    Some(StoryMeta {
        title: title?,
        outlet,
        date,
        url,
        article,
        article_source,
        default_speed: default_speed?,
        departure,
        sources,
        extra: fields.extra(&[
            "format",
            "title",
            "outlet",
            "date",
            "url",
            "article",
            "article_source",
            "default_speed",
            "departure",
            "sources",
        ]),
    })
}

fn parse_reported_speed(object: &Extra, report: &mut Report) -> Option<ReportedSpeed> {
    let fields = Fields::new(object, At::member("story.default_speed"));
    let value = fields.optional_f64(report, "value");
    if !object.contains_key("value") {
        report.error(&fields.at, "value", "missing (required)");
    }
    let unit = fields.required_str(report, "unit").and_then(|unit| {
        unit.parse::<SpeedUnit>()
            .map_err(|error| report.error(&fields.at, "unit", error.to_string()))
            .ok()
    });
    let source = fields.required_str(report, "source");
    let quote = fields.optional_str(report, "quote");
    let (value, unit) = (value?, unit?);
    let speed = Speed::new(value, unit)
        .map_err(|error| report.error(&fields.at, "value", error.to_string()))
        .ok()?;
    Some(ReportedSpeed {
        value,
        unit,
        speed,
        source: source?,
        quote,
        extra: fields.extra(&["value", "unit", "source", "quote"]),
    })
}

fn parse_departure(object: &Extra, report: &mut Report) -> Option<Departure> {
    let fields = Fields::new(object, At::member("story.departure"));
    if object.get("time").is_none_or(Value::is_null) {
        report.error(&fields.at, "time", "missing (required)");
    }
    let time = fields.optional_time(report, "time");
    Some(Departure {
        time: time?,
        assumed: fields.optional_bool(report, "assumed").unwrap_or(false),
        note: fields.optional_str(report, "note"),
        source: fields.optional_str(report, "source"),
        extra: fields.extra(&["time", "assumed", "note", "source"]),
    })
}

/// What one feature turned out to be.
enum Parsed {
    Place(Box<Place>),
    Leg(Box<Leg>),
    /// A polygon: kept as an other feature, and drawn.
    Area(Box<Area>),
    Other,
}

const PLACE_KEYS: &[&str] = &[
    "kind",
    "id",
    "name",
    "role",
    "status",
    "country",
    "utc_offset",
    "coordinate_source",
    "coordinate_quality",
    "reported_arrival",
    "reported_departure",
    "dwell_secs",
    "dwell_source",
    "note",
    "excerpts",
];

const LEG_KEYS: &[&str] = &[
    "kind",
    "from",
    "to",
    "rail_distance_km",
    "rail_distance_source",
    "rail_distance_note",
    "border_crossing",
    "detour",
];

/// A feature that could not be read: enough to avoid reporting its absence again.
#[derive(Default)]
pub(crate) struct Failed {
    /// Ids of places that failed, so legs naming them are not also reported.
    pub place_ids: HashSet<String>,
    /// Some place failed (the origin or destination may be among them).
    pub any_place: bool,
    /// Some leg failed (the chain has a hole).
    pub any_leg: bool,
}

fn parse_feature(
    index: usize,
    feature: &Value,
    report: &mut Report,
    failed: &mut Failed,
) -> Option<Parsed> {
    let Some(parts) = feature_parts(index, feature, report) else {
        failed.any_place = true;
        failed.any_leg = true;
        return None;
    };
    let kind = parts
        .geometry
        .and_then(|geometry| geometry.get("type"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let id = match parts.properties.get("id") {
        Some(Value::String(id)) => Some(id.clone()),
        _ => None,
    };
    let mut note_failure = || {
        if kind == "LineString" {
            failed.any_leg = true;
        } else {
            failed.any_place = true;
            if let Some(id) = id.clone() {
                failed.place_ids.insert(id);
            }
            if kind != "Point" {
                failed.any_leg = true;
            }
        }
    };
    let Some(geometry) = parts.geometry else {
        report.error(
            &parts.at.with_prefix(""),
            "geometry",
            "missing: a place needs a Point, a leg a LineString",
        );
        note_failure();
        return None;
    };
    let Some(shape) = parse_shape(geometry, &parts.at, report) else {
        note_failure();
        return None;
    };
    let parsed = match shape {
        Shape::Point(position) => {
            parse_place(parts, position, report).map(|place| Parsed::Place(Box::new(place)))
        }
        Shape::Line(geometry) => {
            parse_leg(parts, geometry, report).map(|leg| Parsed::Leg(Box::new(leg)))
        }
        Shape::Polygons(polygons) => Some(Parsed::Area(Box::new(Area {
            name: area_name(&parts.properties),
            polygons,
            feature: 0,
        }))),
        Shape::Points(_) | Shape::Lines(_) | Shape::Collection(_) => {
            let kind = geometry
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("geometry");
            report.warning(
                &parts.at.with_prefix(""),
                "geometry",
                format!(
                    "a {kind} is neither a place (Point) nor a leg (LineString): kept, not shown"
                ),
            );
            Some(Parsed::Other)
        }
    };
    if parsed.is_none() {
        note_failure();
    }
    parsed
}

fn parse_place(parts: FeatureParts<'_>, position: LonLat, report: &mut Report) -> Option<Place> {
    let fields = Fields::new(&parts.properties, parts.at.clone());
    let id = fields.required_str(report, "id");
    if let Some(id) = &id
        && !id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        report.error(
            &fields.at,
            "id",
            format!("{id:?} may only hold letters, digits, - and _"),
        );
    }
    let name = fields.required_str(report, "name");
    let role = fields.required_str(report, "role").and_then(|role| {
        Role::parse(&role).or_else(|| {
            report.error(
                &fields.at,
                "role",
                format!(
                    "{role:?} is not a role: use origin, border, stop, waypoint or destination"
                ),
            );
            None
        })
    });
    let status = fields.optional_str(report, "status").and_then(|status| {
        Status::parse(&status).or_else(|| {
            report.error(
                &fields.at,
                "status",
                format!(
                    "{status:?} is not a status: use departed, passed, stopped, bypassed or arrived"
                ),
            );
            None
        })
    });
    let utc_offset = fields.optional_offset(report, "utc_offset");
    if !parts.properties.contains_key("utc_offset") {
        report.warning(
            &fields.at,
            "utc_offset",
            "missing: times at this place are shown in UTC",
        );
    }
    let dwell_secs = fields.optional_f64(report, "dwell_secs").filter(|dwell| {
        let within = (0.0..=MAX_DWELL_SECS).contains(dwell);
        if !within {
            report.error(
                &fields.at,
                "dwell_secs",
                format!(
                    "a stop cannot last {dwell} seconds: it must be 0 to 2,592,000 s (30 days)"
                ),
            );
        }
        within
    });
    Some(Place {
        id: id?,
        name: name?,
        role: role?,
        status,
        country: fields.optional_str(report, "country"),
        position,
        utc_offset,
        coordinate_source: fields.optional_str(report, "coordinate_source"),
        coordinate_quality: fields.optional_str(report, "coordinate_quality"),
        reported_arrival: fields.optional_reported_time(report, "reported_arrival"),
        reported_departure: fields.optional_reported_time(report, "reported_departure"),
        dwell_secs,
        dwell_source: fields.optional_str(report, "dwell_source"),
        note: fields.optional_str(report, "note"),
        excerpts: fields.string_list(report, "excerpts"),
        feature_id: parts.feature_id,
        extra: fields.extra(PLACE_KEYS),
        feature_extra: parts.feature_extra,
    })
}

fn parse_leg(parts: FeatureParts<'_>, geometry: Vec<LonLat>, report: &mut Report) -> Option<Leg> {
    let fields = Fields::new(&parts.properties, parts.at.clone());
    let from = fields.required_str(report, "from");
    let to = fields.required_str(report, "to");
    let rail_km = fields.optional_f64(report, "rail_distance_km");
    let rail_source = fields.optional_str(report, "rail_distance_source");
    let rail_note = fields.optional_str(report, "rail_distance_note");
    let rail_distance = match (rail_km, rail_source) {
        (Some(km), _) if km <= 0.0 || km > MAX_RAIL_DISTANCE_KM => {
            report.error(
                &fields.at,
                "rail_distance_km",
                format!(
                    "{km} km is not a rail distance: it must be more than 0 and at most 40,000 km (once round the Earth)"
                ),
            );
            None
        }
        (Some(km), Some(source)) => Some(SourcedDistance {
            distance: Distance::from_km(km),
            source,
            note: rail_note.clone(),
        }),
        (Some(_), None) => {
            report.error(
                &fields.at,
                "rail_distance_source",
                "missing: a rail distance needs its source",
            );
            None
        }
        // Normal: the drawn length is used, and the story says so once (see `check_story`).
        (None, _) => None,
    };
    let border_crossing = fields
        .optional_object(report, "border_crossing")
        .and_then(|object| {
            let at = fields.at.with_prefix("properties.border_crossing");
            let crossing = Fields::new(object, at.clone());
            let position = match crossing.optional_array(report, "lon_lat") {
                Some(numbers) => {
                    let numbers: Option<Vec<f64>> = numbers.iter().map(Value::as_f64).collect();
                    match numbers.map(|numbers| check_position(&numbers)) {
                        Some(Ok(position)) => Some(position),
                        Some(Err(message)) => {
                            report.error(&at, "lon_lat", message);
                            None
                        }
                        None => {
                            report.error(&at, "lon_lat", "expected [longitude, latitude] numbers");
                            None
                        }
                    }
                }
                None => {
                    report.error(&at, "lon_lat", "missing (required)");
                    None
                }
            };
            Some(BorderCrossing {
                position: position?,
                name: crossing.optional_str(report, "name"),
                source: crossing.optional_str(report, "source"),
                extra: crossing.extra(&["lon_lat", "name", "source"]),
            })
        });
    Some(Leg {
        from: from?,
        to: to?,
        geometry,
        rail_distance,
        rail_distance_note: rail_note,
        border_crossing,
        detour: fields.optional_bool(report, "detour").unwrap_or(false),
        feature_id: parts.feature_id,
        extra: fields.extra(LEG_KEYS),
        feature_extra: parts.feature_extra,
    })
}

/// The checks across features: ids, references, the chain, the excerpts.
///
/// `source_index[i]` is the index in the file of `story.feature_order[i]`; `failed` says what
/// could not be read, so that its absence is not reported a second time.
pub(crate) fn check_story(
    story: &Story,
    source_index: &[usize],
    failed: &Failed,
    report: &mut Report,
) {
    // Where each feature came from in the file, found once (not searched per feature).
    let file_indices = FileIndices::new(story, source_index);
    let file_index = |feature_ref: FeatureRef| file_indices.get(feature_ref);
    let place_indices = story.place_indices();
    let at_place = |index: usize| {
        let feature_index = file_index(FeatureRef::Place(index));
        At {
            feature_index,
            feature_id: story.places.get(index).map(|place| place.id.clone()),
            prefix: "properties".to_owned(),
        }
    };
    let mut seen = HashSet::new();
    for (index, place) in story.places.iter().enumerate() {
        if !seen.insert(place.id.as_str()) {
            report.error(
                &at_place(index),
                "id",
                format!("duplicate id {:?}", place.id),
            );
        }
        for (excerpt_index, excerpt) in place.excerpts.iter().enumerate() {
            if !story
                .meta
                .article
                .iter()
                .any(|paragraph| paragraph.contains(excerpt.as_str()))
            {
                report.error(
                    &at_place(index),
                    &format!("excerpts[{excerpt_index}]"),
                    format!("not found verbatim in the article: {:?}", shorten(excerpt)),
                );
            }
        }
    }
    if let Some(quote) = &story.meta.default_speed.quote
        && !story
            .meta
            .article
            .iter()
            .any(|paragraph| paragraph.contains(quote.as_str()))
    {
        report.error(
            &At::member("story.default_speed"),
            "quote",
            format!("not found verbatim in the article: {:?}", shorten(quote)),
        );
    }

    let all_legs = story
        .legs
        .iter()
        .enumerate()
        .map(|(index, leg)| (FeatureRef::Leg(index), leg))
        .chain(
            story
                .detours
                .iter()
                .enumerate()
                .map(|(index, leg)| (FeatureRef::Detour(index), leg)),
        );
    for (feature_ref, leg) in all_legs {
        let at = At {
            feature_index: file_index(feature_ref),
            feature_id: None,
            prefix: "properties".to_owned(),
        };
        for (key, id, end) in [
            ("from", &leg.from, leg.geometry.first()),
            ("to", &leg.to, leg.geometry.last()),
        ] {
            let Some(place) = place_indices
                .get(id.as_str())
                .and_then(|index| story.places.get(*index))
            else {
                if !failed.place_ids.contains(id.as_str()) {
                    report.error(&at, key, format!("{id:?} is not the id of any place"));
                }
                continue;
            };
            if let Some(end) = end {
                let gap_m = crate::geodesy::geodesic_distance(*end, place.position).metres();
                if gap_m > ENDPOINT_TOLERANCE_M {
                    report.warning(
                        &at.with_prefix("geometry"),
                        "coordinates",
                        format!(
                            "the line {} {:.1} km from {:?}",
                            if key == "from" { "starts" } else { "ends" },
                            gap_m / 1000.0,
                            place.name
                        ),
                    );
                }
            }
        }
    }

    check_chain(story, &file_index, failed, report);
    rail_distance_info(story, report);
}

/// The index in the file of each feature of a story, by kind and index within its kind:
/// `story.feature_order[i]` came from `source_index[i]`. Where a reference occurs twice
/// (never, in a story the readers build), the first is kept, as a search would find it.
struct FileIndices {
    places: Vec<Option<usize>>,
    legs: Vec<Option<usize>>,
    detours: Vec<Option<usize>>,
    others: Vec<Option<usize>>,
}

impl FileIndices {
    fn new(story: &Story, source_index: &[usize]) -> Self {
        let mut indices = Self {
            places: vec![None; story.places.len()],
            legs: vec![None; story.legs.len()],
            detours: vec![None; story.detours.len()],
            others: vec![None; story.other_features.len()],
        };
        for (feature, file_index) in story.feature_order.iter().zip(source_index) {
            if let Some(slot) = indices.slot(*feature)
                && slot.is_none()
            {
                *slot = Some(*file_index);
            }
        }
        indices
    }

    fn slot(&mut self, feature: FeatureRef) -> Option<&mut Option<usize>> {
        match feature {
            FeatureRef::Place(index) => self.places.get_mut(index),
            FeatureRef::Leg(index) => self.legs.get_mut(index),
            FeatureRef::Detour(index) => self.detours.get_mut(index),
            FeatureRef::Other(index) => self.others.get_mut(index),
        }
    }

    fn get(&self, feature: FeatureRef) -> Option<usize> {
        let slot = match feature {
            FeatureRef::Place(index) => self.places.get(index),
            FeatureRef::Leg(index) => self.legs.get(index),
            FeatureRef::Detour(index) => self.detours.get(index),
            FeatureRef::Other(index) => self.others.get(index),
        };
        slot.copied().flatten()
    }
}

/// One line per story on how many route legs have an official rail distance: a leg without
/// one is normal (the drawn length is used), so it is information, not a warning per leg.
fn rail_distance_info(story: &Story, report: &mut Report) {
    let total = story.legs.len();
    let rail = story
        .legs
        .iter()
        .filter(|leg| leg.rail_distance.is_some())
        .count();
    let drawn = total - rail;
    let message = match (rail, drawn) {
        (0, 0) => return,
        (_, 0) if total == 1 => "the leg uses an official rail distance".to_owned(),
        (_, 0) => format!("all {total} legs use official rail distances"),
        (0, _) if total == 1 => {
            "the leg has no official rail distance: it uses the drawn length".to_owned()
        }
        (0, _) => {
            format!("no leg has an official rail distance: all {total} use the drawn length")
        }
        _ => format!(
            "{rail} of {total} legs use official rail distances; {drawn} use{} the drawn length",
            if drawn == 1 { "s" } else { "" }
        ),
    };
    report.info(&At::default(), "properties.rail_distance_km", message);
}

fn check_chain(
    story: &Story,
    file_index: &dyn Fn(FeatureRef) -> Option<usize>,
    failed: &Failed,
    report: &mut Report,
) {
    if failed.any_place || failed.any_leg {
        // The chain cannot be judged with features missing; their own errors say why.
        return;
    }
    let top = At::default();
    let origins: Vec<&Place> = story
        .places
        .iter()
        .filter(|p| p.role == Role::Origin)
        .collect();
    let destinations: Vec<&Place> = story
        .places
        .iter()
        .filter(|p| p.role == Role::Destination)
        .collect();
    // A story with no route yet (one place, or only areas, as plain GeoJSON can be) is
    // still a map: its places need no chain.
    let on_route = story
        .places
        .iter()
        .filter(|p| p.role != Role::Waypoint)
        .count();
    let no_route_needed = story.legs.is_empty()
        && destinations.is_empty()
        && origins.len() <= 1
        && on_route == origins.len()
        && (!story.places.is_empty() || !story.areas.is_empty());
    if no_route_needed {
        report.warning(
            &top,
            "features",
            "no legs: the story shows its places but no route to follow",
        );
        return;
    }
    if origins.len() != 1 {
        report.error(
            &top,
            "features",
            format!(
                "a story needs exactly one origin place, found {}",
                origins.len()
            ),
        );
    }
    if destinations.len() != 1 {
        report.error(
            &top,
            "features",
            format!(
                "a story needs exactly one destination place, found {}",
                destinations.len()
            ),
        );
    }
    let (Some(first), Some(last)) = (story.legs.first(), story.legs.last()) else {
        report.error(
            &top,
            "features",
            "no legs: a story needs at least one LineString leg from the origin to the destination",
        );
        return;
    };
    if let [origin] = origins.as_slice()
        && first.from != origin.id
    {
        report.error(
            &top,
            "features",
            format!(
                "the first leg starts at {:?}, not at the origin {:?}",
                first.from, origin.id
            ),
        );
    }
    if let [destination] = destinations.as_slice()
        && last.to != destination.id
    {
        report.error(
            &top,
            "features",
            format!(
                "the last leg ends at {:?}, not at the destination {:?}",
                last.to, destination.id
            ),
        );
    }
    for (index, pair) in story.legs.windows(2).enumerate() {
        if let [before, after] = pair
            && before.to != after.from
        {
            let feature_index = file_index(FeatureRef::Leg(index + 1));
            report.error(
                &At { feature_index, feature_id: None, prefix: "properties".to_owned() },
                "from",
                format!(
                    "the legs do not chain: the previous leg ends at {:?} but this one starts at {:?}",
                    before.to, after.from
                ),
            );
        }
    }
    let on_route: HashSet<&str> = story
        .legs
        .iter()
        .flat_map(|leg| [leg.from.as_str(), leg.to.as_str()])
        .collect();
    for place in &story.places {
        if place.role != Role::Waypoint && !on_route.contains(place.id.as_str()) {
            report.warning(
                &At {
                    feature_index: None,
                    feature_id: Some(place.id.clone()),
                    prefix: "properties".to_owned(),
                },
                "role",
                format!(
                    "{:?} is on no leg: shown on the map, not in the itinerary",
                    place.name
                ),
            );
        }
    }
}

/// The start of a long text, for messages.
fn shorten(text: &str) -> String {
    const MAX_CHARS: usize = 80;
    if text.chars().count() <= MAX_CHARS {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(MAX_CHARS).collect::<String>())
    }
}
