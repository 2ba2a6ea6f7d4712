//! The desk on short articles whose answers are worked out by hand.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::draft::{
    CONFIRMED_TIME_SOURCE, DraftOptions, MEASURED_NOTE, OfficialDistance, find, to_story,
};
use crate::gazetteer::gazetteer;
use crate::geodesy::LonLat;
use crate::story::Role;

const ARTICLE: &str =
    "The train left Moscow on Monday. It stopped in Kazan at noon. It arrived in Omsk.";

fn places() -> &'static Gazetteer {
    gazetteer().expect("the embedded gazetteer decodes")
}

fn desk_of(text: &str) -> Desk {
    Desk::new(find(text, places(), &DraftOptions::default()), places())
}

fn names(story: &Story) -> Vec<&str> {
    story
        .places
        .iter()
        .map(|place| place.name.as_str())
        .collect()
}

fn candidate(desk: &Desk, name: &str) -> usize {
    desk.draft()
        .candidates
        .iter()
        .position(|candidate| candidate.name == name)
        .unwrap()
}

#[test]
fn a_new_desk_makes_the_story_storyroute_draft_makes() {
    let desk = desk_of(ARTICLE);
    let story = desk.story(places()).unwrap();
    assert_eq!(names(&story), ["Moscow", "Kazan", "Omsk"]);
    let drafted = to_story(desk.draft(), places(), &desk.title()).unwrap();
    assert_eq!(names(&drafted), names(&story));
    assert_eq!(story.legs.len(), 2);
    let roles: Vec<Role> = story.places.iter().map(|place| place.role).collect();
    assert_eq!(roles, [Role::Origin, Role::Stop, Role::Destination]);
    // No official figure: the leg says its length is measured on the line.
    assert_eq!(
        story.legs[0].rail_distance_note.as_deref(),
        Some(MEASURED_NOTE)
    );
}

#[test]
fn reordering_is_undone_and_redone() {
    let mut desk = desk_of(ARTICLE);
    let omsk = candidate(&desk, "Omsk");
    assert!(desk.apply(&DeskEdit::MoveUp(omsk)));
    let story = desk.story(places()).unwrap();
    assert_eq!(names(&story), ["Moscow", "Omsk", "Kazan"]);
    // Roles follow the new order: Kazan is now the destination.
    assert_eq!(story.places[2].role, Role::Destination);
    assert!(desk.undo());
    assert_eq!(
        names(&desk.story(places()).unwrap()),
        ["Moscow", "Kazan", "Omsk"]
    );
    assert!(desk.redo());
    assert_eq!(
        names(&desk.story(places()).unwrap()),
        ["Moscow", "Omsk", "Kazan"]
    );
    assert_eq!(desk.changes(), 3);
    assert!(!desk.redo());
}

#[test]
fn an_edit_that_changes_nothing_is_not_an_undo_step() {
    let mut desk = desk_of(ARTICLE);
    let moscow = candidate(&desk, "Moscow");
    // Already first.
    assert!(!desk.apply(&DeskEdit::MoveUp(moscow)));
    assert!(!desk.apply(&DeskEdit::SetUsed {
        candidate: 99,
        used: false
    }));
    assert!(!desk.can_undo());
    assert_eq!(desk.changes(), 0);
}

#[test]
fn a_rejected_place_leaves_the_route() {
    let mut desk = desk_of(ARTICLE);
    let kazan = candidate(&desk, "Kazan");
    desk.apply(&DeskEdit::SetUsed {
        candidate: kazan,
        used: false,
    });
    let story = desk.story(places()).unwrap();
    assert_eq!(names(&story), ["Moscow", "Omsk"]);
    assert_eq!(story.legs.len(), 1);
    let omsk = candidate(&desk, "Omsk");
    desk.apply(&DeskEdit::SetUsed {
        candidate: omsk,
        used: false,
    });
    assert!(desk.story(places()).is_err(), "one place is no story");
}

#[test]
fn a_moved_place_is_where_the_author_put_it_and_says_so() {
    let mut desk = desk_of(ARTICLE);
    let kazan = candidate(&desk, "Kazan");
    let to = LonLat::new(49.0, 55.5);
    desk.apply(&DeskEdit::Relocate {
        candidate: kazan,
        to,
    });
    let story = desk.story(places()).unwrap();
    assert_eq!(story.places[1].position, to);
    assert_eq!(
        story.places[1].coordinate_quality.as_deref(),
        Some("estimate")
    );
    // The leg ends where the place now is.
    assert_eq!(story.legs[0].geometry.last(), Some(&to));
    // Off the map: refused.
    assert!(!desk.apply(&DeskEdit::Relocate {
        candidate: kazan,
        to: LonLat::new(0.0, 95.0)
    }));
    assert!(!desk.apply(&DeskEdit::Relocate {
        candidate: kazan,
        to: LonLat::new(f64::NAN, 0.0)
    }));
}

#[test]
fn a_via_point_is_on_the_leg_and_an_official_distance_replaces_the_measure() {
    let mut desk = desk_of(ARTICLE);
    let (moscow, kazan) = (candidate(&desk, "Moscow"), candidate(&desk, "Kazan"));
    // Nizhny Novgorod, roughly: the railway goes through it.
    let via = LonLat::new(44.0, 56.3);
    desk.apply(&DeskEdit::AddVia {
        from: moscow,
        to: kazan,
        index: 0,
        point: via,
    });
    let story = desk.story(places()).unwrap();
    assert!(story.legs[0].geometry.contains(&via));
    // An official distance needs a source.
    assert!(!desk.apply(&DeskEdit::SetOfficialDistance {
        from: moscow,
        to: kazan,
        distance: Some(OfficialDistance {
            km: 820.0,
            source: "  ".to_owned()
        }),
    }));
    assert!(desk.apply(&DeskEdit::SetOfficialDistance {
        from: moscow,
        to: kazan,
        distance: Some(OfficialDistance {
            km: 820.0,
            source: "Russian Railways timetable".to_owned()
        }),
    }));
    let story = desk.story(places()).unwrap();
    let official = story.legs[0].rail_distance.as_ref().unwrap();
    assert!((official.distance.km() - 820.0).abs() < 1e-9);
    assert_eq!(official.source, "Russian Railways timetable");
    assert_eq!(story.legs[0].rail_distance_note, None);
    desk.apply(&DeskEdit::RemoveVias {
        from: moscow,
        to: kazan,
    });
    assert!(
        !desk.story(places()).unwrap().legs[0]
            .geometry
            .contains(&via)
    );
}

#[test]
fn an_excerpt_is_trimmed_by_words_and_stays_verbatim() {
    let mut desk = desk_of(ARTICLE);
    let kazan = candidate(&desk, "Kazan");
    let trim = |trim| DeskEdit::TrimExcerpt {
        candidate: kazan,
        excerpt: 0,
        trim,
    };
    let excerpt = |desk: &Desk| desk.story(places()).unwrap().places[1].excerpts.clone();
    assert_eq!(excerpt(&desk), ["It stopped in Kazan at noon."]);
    desk.apply(&trim(Trim::Start));
    assert_eq!(excerpt(&desk), ["stopped in Kazan at noon."]);
    desk.apply(&trim(Trim::End));
    assert_eq!(excerpt(&desk), ["stopped in Kazan at"]);
    desk.apply(&trim(Trim::Untrim));
    assert_eq!(excerpt(&desk), ["It stopped in Kazan at noon."]);
}

#[test]
fn a_one_word_excerpt_is_not_trimmed_to_nothing() {
    let text = "Go to Omsk now.";
    let mut span = 0..text.len();
    for _ in 0..5 {
        span = trim_start(text, &span);
    }
    assert_eq!(&text[span.clone()], "now.");
    assert_eq!(trim_end(text, &span), span);
}

#[test]
fn homonyms_are_told_apart_by_country() {
    let desk = desk_of("The bus left Dallas, stopped in Sherman and arrived in Paris.");
    let paris = candidate(&desk, "Paris");
    let labels = desk.labels(paris);
    assert!(
        labels.iter().any(|label| label == "Paris, France"),
        "{labels:?}"
    );
    assert!(
        labels
            .iter()
            .any(|label| label.starts_with("Paris, United States of America")),
        "{labels:?}"
    );
}

#[test]
fn choosing_another_reading_moves_the_place_to_it() {
    let mut desk = desk_of("The train left London and arrived in Paris.");
    let paris = candidate(&desk, "Paris");
    let france = desk
        .labels(paris)
        .iter()
        .position(|label| label == "Paris, France")
        .unwrap();
    let other = desk
        .labels(paris)
        .iter()
        .position(|label| label.starts_with("Paris, United States of America"))
        .unwrap();
    desk.apply(&DeskEdit::ChooseReading {
        candidate: paris,
        reading: france,
    });
    let story = desk.story(places()).unwrap();
    assert_eq!(story.places[1].country.as_deref(), Some("FR"));
    desk.apply(&DeskEdit::ChooseReading {
        candidate: paris,
        reading: other,
    });
    let story = desk.story(places()).unwrap();
    assert_eq!(story.places[1].country.as_deref(), Some("US"));
    // West of Greenwich: in the Americas.
    assert!(story.places[1].position.lon < -60.0);
}

#[test]
fn a_role_set_by_the_author_wins_and_a_waypoint_has_no_leg() {
    let mut desk = desk_of(ARTICLE);
    let kazan = candidate(&desk, "Kazan");
    desk.apply(&DeskEdit::SetRole {
        candidate: kazan,
        role: Some(Role::Waypoint),
    });
    let story = desk.story(places()).unwrap();
    assert_eq!(names(&story), ["Moscow", "Omsk", "Kazan"]);
    assert_eq!(story.legs.len(), 1);
    assert_eq!(story.places[2].status, Some(crate::story::Status::Bypassed));
}

#[test]
fn a_via_point_goes_where_it_lengthens_the_line_least() {
    // Along the equator from 0° to 30°, bent at 10° and 20°: a point at 15° goes between
    // them, one at 25° after them, one at 5° before them.
    let start = LonLat::new(0.0, 0.0);
    let end = LonLat::new(30.0, 0.0);
    let via = [LonLat::new(10.0, 1.0), LonLat::new(20.0, 1.0)];
    assert_eq!(via_index(start, &via, end, LonLat::new(15.0, 2.0)), 1);
    assert_eq!(via_index(start, &via, end, LonLat::new(25.0, 2.0)), 2);
    assert_eq!(via_index(start, &via, end, LonLat::new(5.0, 2.0)), 0);
    assert_eq!(via_index(start, &[], end, LonLat::new(5.0, 2.0)), 0);
}

/// Two times near places, worked by hand: Moscow and Kazan keep UTC+3 all year (Russia
/// has had no summer time since 2014), and the second sentence gives no day, so it takes
/// the article's, 13 September 2023.
const TIMED: &str =
    "The train left Moscow at 10:30 on 13 September 2023. It arrived in Kazan at 18:00.";

#[test]
fn a_time_found_is_only_offered_until_the_author_accepts_it_and_undo_takes_it_back() {
    let mut desk = desk_of(TIMED);
    let (moscow, kazan) = (candidate(&desk, "Moscow"), candidate(&desk, "Kazan"));
    let near: Vec<Option<usize>> = desk.draft().times.iter().map(|t| t.candidate).collect();
    assert_eq!(near, [Some(moscow), Some(kazan)]);
    assert_eq!(desk.state().times, [false, false]);
    let story = desk.story(places()).unwrap();
    assert_eq!(names(&story), ["Moscow", "Kazan"]);
    assert!(story.places[0].reported_departure.is_none());
    assert!(story.places[1].reported_arrival.is_none());

    assert!(desk.apply(&DeskEdit::AcceptTime {
        time: 1,
        accepted: true
    }));
    let story = desk.story(places()).unwrap();
    assert!(story.places[0].reported_departure.is_none());
    let arrival = story.places[1].reported_arrival.as_ref().unwrap();
    assert_eq!(arrival.time.to_rfc3339(), "2023-09-13T18:00:00+03:00");
    assert_eq!(arrival.source, CONFIRMED_TIME_SOURCE);
    assert_eq!(
        arrival.note.as_deref(),
        Some("confirmed: “It arrived in Kazan at 18:00.”")
    );

    assert!(desk.apply(&DeskEdit::AcceptTime {
        time: 0,
        accepted: true
    }));
    let story = desk.story(places()).unwrap();
    let departure = story.places[0].reported_departure.as_ref().unwrap();
    assert_eq!(departure.time.to_rfc3339(), "2023-09-13T10:30:00+03:00");

    // Accepting it again, or a time that is not there, changes nothing.
    assert!(!desk.apply(&DeskEdit::AcceptTime {
        time: 0,
        accepted: true
    }));
    assert!(!desk.apply(&DeskEdit::AcceptTime {
        time: 2,
        accepted: true
    }));

    assert!(desk.undo());
    assert!(desk.undo());
    assert_eq!(desk.state().times, [false, false]);
    assert!(
        desk.story(places()).unwrap().places[1]
            .reported_arrival
            .is_none()
    );
}
