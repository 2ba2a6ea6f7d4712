//! The author's desk under any sequence of edits, undos and redos: it never panics, the
//! story it builds always loads (or it says it has too few places), and undoing everything
//! gives back the desk it started as. A property of the desk model alone (like the session's in
//! `model/session_tests.rs`); the desk's user flows are clicked in `tests/desk.rs`.

use crate::desk::{Desk, DeskEdit, OfficialDistance, Trim};
use crate::draft::{DraftOptions, find};
use crate::gazetteer::{Gazetteer, gazetteer};
use crate::story::{LonLat, Role, Status, parse_story, story_to_json};
use proptest::prelude::*;

/// A short journey with a homonym (Paris), a bypassed place and a speed.
const ARTICLE: &str = "The train left Moscow on Monday at about 60 km/h. It stopped in \
    Kazan at noon and bypassed Perm. It went on to Omsk and arrived in Paris.\n\n\
    Paris, the passengers said, was the end.";

fn places() -> &'static Gazetteer {
    gazetteer().expect("the embedded gazetteer decodes")
}

/// What the author may do: an edit, an undo or a redo.
#[derive(Clone, Debug)]
enum Step {
    Edit(DeskEdit),
    Undo,
    Redo,
}

fn position() -> impl Strategy<Value = LonLat> {
    // Some out of range, some not finite: the desk refuses those.
    (
        prop_oneof![-200.0..200.0_f64, Just(f64::NAN)],
        prop_oneof![-100.0..100.0_f64, Just(f64::INFINITY)],
    )
        .prop_map(|(lon, lat)| LonLat::new(lon, lat))
}

fn role() -> impl Strategy<Value = Option<Role>> {
    prop::sample::select(vec![
        None,
        Some(Role::Origin),
        Some(Role::Border),
        Some(Role::Stop),
        Some(Role::Waypoint),
        Some(Role::Destination),
    ])
}

fn status() -> impl Strategy<Value = Option<Status>> {
    prop::sample::select(vec![
        None,
        Some(Status::Departed),
        Some(Status::Passed),
        Some(Status::Stopped),
        Some(Status::Bypassed),
        Some(Status::Arrived),
    ])
}

fn edit() -> impl Strategy<Value = DeskEdit> {
    // Candidate numbers a little past the draft's, to reach the refusals.
    let c = 0..8_usize;
    prop_oneof![
        (c.clone(), any::<bool>())
            .prop_map(|(candidate, used)| DeskEdit::SetUsed { candidate, used }),
        (c.clone(), 0..6_usize)
            .prop_map(|(candidate, reading)| DeskEdit::ChooseReading { candidate, reading }),
        (c.clone(), role()).prop_map(|(candidate, role)| DeskEdit::SetRole { candidate, role }),
        (c.clone(), status())
            .prop_map(|(candidate, status)| DeskEdit::SetStatus { candidate, status }),
        c.clone().prop_map(DeskEdit::MoveUp),
        c.clone().prop_map(DeskEdit::MoveDown),
        (c.clone(), 0..10_usize)
            .prop_map(|(candidate, index)| DeskEdit::MoveToIndex { candidate, index }),
        (c.clone(), position()).prop_map(|(candidate, to)| DeskEdit::Relocate { candidate, to }),
        c.clone().prop_map(DeskEdit::ResetPosition),
        (
            c.clone(),
            0..3_usize,
            prop::sample::select(vec![Trim::Start, Trim::End, Trim::Untrim])
        )
            .prop_map(|(candidate, excerpt, trim)| DeskEdit::TrimExcerpt {
                candidate,
                excerpt,
                trim
            }),
        (c.clone(), c.clone(), 0..3_usize, position()).prop_map(|(from, to, index, point)| {
            DeskEdit::AddVia {
                from,
                to,
                index,
                point,
            }
        }),
        (c.clone(), c.clone()).prop_map(|(from, to)| DeskEdit::RemoveVias { from, to }),
        (
            c.clone(),
            c,
            prop::option::of((-10.0..5000.0_f64, "[a-z ]{0,6}"))
        )
            .prop_map(|(from, to, distance)| DeskEdit::SetOfficialDistance {
                from,
                to,
                distance: distance.map(|(km, source)| OfficialDistance { km, source }),
            }),
        any::<bool>().prop_map(DeskEdit::UseSpeed),
        // The article has a time or two; numbers past them are refused.
        (0..4_usize, any::<bool>())
            .prop_map(|(time, accepted)| DeskEdit::AcceptTime { time, accepted }),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => edit().prop_map(Step::Edit),
        1 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_edits_build_a_story_that_loads_and_undo_all_gives_the_start(
        steps in proptest::collection::vec(step(), 0..40),
    ) {
        let draft = find(ARTICLE, places(), &DraftOptions::default());
        let mut desk = Desk::new(draft, places());
        let start = desk.state().clone();
        for step in &steps {
            match step {
                Step::Edit(edit) => {
                    desk.apply(edit);
                }
                Step::Undo => {
                    desk.undo();
                }
                Step::Redo => {
                    desk.redo();
                }
            }
            match desk.story(places()) {
                Ok(story) => {
                    let json = story_to_json(&story).unwrap();
                    let loaded = parse_story(json.as_bytes(), "desk");
                    prop_assert!(loaded.is_ok(), "{:?} after {step:?}", loaded.err());
                }
                Err(error) => prop_assert!(error.to_string().contains("at least two")),
            }
        }
        while desk.undo() {}
        prop_assert_eq!(desk.state(), &start);
    }
}
