//! `storyroute draft` and the finder behind it, on real articles: the bundled story's
//! article and the labelled articles of `tests/data/articles/` (sources and licences in its
//! README), with precision and recall against labels written by hand; made-up sentences for
//! the travel order, times, homonyms and name forms; any text into the finder; the real
//! binary writing a story that `validate` accepts.

// A test that cannot read its fixtures is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::float_cmp)]

use chrono::{FixedOffset, NaiveDate};
use proptest::prelude::*;
use std::collections::HashSet;
use std::path::Path;
use storyroute::draft::{Draft, DraftOptions, find, read_article, to_story};
use storyroute::gazetteer::{Gazetteer, gazetteer, name_key};
use storyroute::story::{Role, Status, default_story, parse_story, story_to_json};
use storyroute::units::SpeedUnit;

fn places() -> &'static Gazetteer {
    gazetteer().expect("the embedded gazetteer decodes")
}

fn bundled_article() -> String {
    default_story().unwrap().story.article_text()
}

fn draft_of(text: &str) -> Draft {
    find(text, places(), &DraftOptions::default())
}

/// Every written form of every place found.
fn found_names(draft: &Draft) -> HashSet<String> {
    draft
        .candidates
        .iter()
        .flat_map(|c| c.mentions.iter().map(|m| draft.slice(&m.span).to_owned()))
        .collect()
}

/// The chosen entry's name and country of each candidate.
fn chosen(draft: &Draft) -> Vec<(String, String)> {
    draft
        .candidates
        .iter()
        .filter_map(|c| draft.chosen_entry(places(), c))
        .map(|e| (e.name.clone(), e.country.clone()))
        .collect()
}

fn route_names(draft: &Draft) -> Vec<String> {
    draft
        .route
        .iter()
        .map(|&i| {
            draft
                .chosen_entry(places(), &draft.candidates[i])
                .unwrap()
                .name
                .clone()
        })
        .collect()
}

#[test]
fn the_bundled_article_gives_its_four_places_and_no_people() {
    let draft = draft_of(&bundled_article());
    let names = found_names(&draft);
    for place in ["Pyongyang", "Khasan", "Vladivostok"] {
        assert!(names.contains(place), "{place} not found: {names:?}");
    }
    assert!(
        names.iter().any(|n| n.starts_with("Vostochny")),
        "Vostochny not found: {names:?}"
    );
    for not_a_place in ["Kim", "Putin", "Kremlin", "White House", "US", "White"] {
        assert!(
            !names.contains(not_a_place),
            "{not_a_place} taken as a place"
        );
    }
    // "Kim" names places (in GeoNames' alternate names): it is refused as a person.
    let rejected: HashSet<&str> = draft.rejected.iter().map(|r| r.name.as_str()).collect();
    assert!(rejected.contains("Kim"), "{rejected:?}");
}

#[test]
fn the_bundled_article_drafts_the_bundled_route_with_vladivostok_bypassed() {
    let draft = draft_of(&bundled_article());
    assert_eq!(
        route_names(&draft),
        ["Pyongyang", "Khasan", "Vostochny Cosmodrome"]
    );
    assert!(
        draft.origin_assumed,
        "the article never says the train left"
    );
    let story = to_story(&draft, places(), "Kim's train").unwrap();
    let roles: Vec<(&str, Role, Option<Status>)> = story
        .places
        .iter()
        .map(|p| (p.name.as_str(), p.role, p.status))
        .collect();
    assert_eq!(
        roles,
        [
            ("Pyongyang", Role::Origin, Some(Status::Departed)),
            ("Khasan", Role::Border, Some(Status::Passed)),
            (
                "Vostochny Cosmodrome",
                Role::Destination,
                Some(Status::Arrived)
            ),
            ("Vladivostok", Role::Waypoint, Some(Status::Bypassed)),
        ]
    );
}

#[test]
fn the_bundled_article_gives_37_mph_with_its_sentence() {
    let draft = draft_of(&bundled_article());
    let speed = draft.speed.as_ref().expect("a speed is found");
    assert_eq!(speed.speed.value, 37.0);
    assert_eq!(speed.speed.input.unit, SpeedUnit::Mph);
    let story = to_story(&draft, places(), "t").unwrap();
    let quote = story.meta.default_speed.quote.clone().unwrap();
    // The bundled story quotes the same sentence, by hand.
    let bundled = default_story().unwrap().story;
    let bundled_quote = bundled.meta.default_speed.quote.unwrap();
    assert!(
        quote.contains(&bundled_quote) || bundled_quote.contains(&quote),
        "{quote:?}"
    );
}

#[test]
fn a_drafted_story_loads_and_its_excerpts_are_the_articles_words() {
    let draft = find(
        &bundled_article(),
        places(),
        &DraftOptions {
            date: NaiveDate::from_ymd_opt(2023, 9, 13),
        },
    );
    let story = to_story(&draft, places(), "Kim's train").unwrap();
    let json = story_to_json(&story).unwrap();
    let loaded = parse_story(json.as_bytes(), "drafted.geojson").unwrap();
    let article = loaded.story.article_text();
    for place in &loaded.story.places {
        assert!(!place.excerpts.is_empty(), "{} has no excerpt", place.name);
        for excerpt in &place.excerpts {
            assert!(article.contains(excerpt.as_str()));
        }
    }
    // The bundled story's offsets, worked out by hand from the time zones (FACTS.md):
    // Pyongyang UTC+9, Khasan (Vladivostok time) UTC+10, Vostochny (Yakutsk time) UTC+9.
    let offset = |name: &str| {
        loaded
            .story
            .places
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.utc_offset)
    };
    assert_eq!(offset("Pyongyang"), FixedOffset::east_opt(9 * 3600));
    assert_eq!(offset("Khasan"), FixedOffset::east_opt(10 * 3600));
    assert_eq!(
        offset("Vostochny Cosmodrome"),
        FixedOffset::east_opt(9 * 3600)
    );
    // Every leg is drawn as a great circle in short pieces.
    for leg in &loaded.story.legs {
        assert!(
            leg.geometry.len() > 2,
            "{} → {} is one straight line",
            leg.from,
            leg.to
        );
    }
}

#[test]
fn daylight_saving_is_in_the_offset_of_the_day() {
    let text = "The train left London and arrived in Paris.";
    let offset_of = |date| {
        let draft = find(text, places(), &DraftOptions { date });
        let story = to_story(&draft, places(), "t").unwrap();
        story.places[1].utc_offset
    };
    // Paris: CET (UTC+1) in January, CEST (UTC+2) in July.
    assert_eq!(
        offset_of(NaiveDate::from_ymd_opt(2024, 1, 15)),
        FixedOffset::east_opt(3600)
    );
    assert_eq!(
        offset_of(NaiveDate::from_ymd_opt(2024, 7, 15)),
        FixedOffset::east_opt(7200)
    );
}

#[test]
fn the_route_follows_from_via_and_to() {
    let draft = draft_of(
        "Officials in Beijing watched. The train arrived in Vladivostok on Friday after it \
         left Moscow and passed through Yaroslavl.",
    );
    assert_eq!(route_names(&draft), ["Moscow", "Yaroslavl", "Vladivostok"]);
    assert!(!draft.origin_assumed);
}

#[test]
fn a_time_near_a_place_becomes_its_reported_arrival_to_confirm() {
    let draft = draft_of(
        "The train left Ussuriysk on 11 September 2023. It arrived in Khabarovsk at 06:00 \
         on 12 September 2023.",
    );
    let story = to_story(&draft, places(), "t").unwrap();
    let khabarovsk = story
        .places
        .iter()
        .find(|p| p.name == "Khabarovsk")
        .unwrap();
    let arrival = khabarovsk.reported_arrival.as_ref().unwrap();
    // Khabarovsk keeps Vladivostok time, UTC+10: 06:00 local is 20:00 UTC the day before.
    assert_eq!(arrival.time.to_rfc3339(), "2023-09-12T06:00:00+10:00");
    assert!(arrival.approximate);
    assert!(arrival.source.contains("to confirm"));
}

#[test]
fn possessives_hyphens_and_many_word_names_are_found() {
    let draft = draft_of(
        "Russia's navy sailed from Ulan-Ude. The train went via Rostov-on-Don to the \
         Vostochny space centre, then to Russky Island.",
    );
    let names = chosen(&draft);
    for (name, country) in [
        ("Russia", "RU"),
        ("Ulan-Ude", "RU"),
        ("Rostov-on-Don", "RU"),
        ("Vostochny Cosmodrome", "RU"),
        ("Russkiy", "RU"),
    ] {
        assert!(
            names.iter().any(|(n, c)| n == name && c == country),
            "{name} not found: {names:?}"
        );
    }
}

#[test]
fn a_homonym_takes_the_reading_its_neighbours_suggest() {
    // Alone, Paris is France's capital; with Dallas and Texas towns around, the Texan one.
    let alone = draft_of("The train arrived in Paris.");
    assert_eq!(chosen(&alone)[0].1, "FR");
    let texan = draft_of("The bus left Dallas, stopped in Sherman and arrived in Paris.");
    let paris = chosen(&texan)
        .into_iter()
        .find(|(name, _)| name == "Paris")
        .unwrap();
    assert_eq!(paris.1, "US");
}

#[test]
fn the_navy_article_resolves_cartagena_to_colombia_and_the_ship_is_no_place() {
    let text = read_article(Path::new(
        "tests/data/articles/us-navy-america-departs-peru-2014.txt",
    ))
    .unwrap();
    let draft = draft_of(&text);
    let names = chosen(&draft);
    assert!(
        names.iter().any(|(n, c)| n == "Cartagena" && c == "CO"),
        "{names:?}"
    );
    assert!(
        names.iter().all(|(n, _)| n != "America" && n != "Kelly"),
        "{names:?}"
    );
}

#[test]
fn an_html_article_is_read_as_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.html");
    std::fs::write(
        &path,
        "<html><head><style>p{color:red}</style><script>var Paris=1;</script></head>\
         <body><h1>Rail</h1><p>The train <b>left</b> Moscow.</p><p>It arrived in Kazan.</p></body></html>",
    )
    .unwrap();
    let text = read_article(&path).unwrap();
    assert!(!text.contains('<'), "{text}");
    assert!(!text.contains("var Paris"), "{text}");
    assert_eq!(route_names(&draft_of(&text)), ["Moscow", "Kazan"]);
}

#[test]
fn an_unreadable_article_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binary.txt");
    std::fs::write(&path, [0xff, 0xfe, 0x00]).unwrap();
    let error = read_article(&path).unwrap_err().to_string();
    assert!(
        error.contains("binary.txt") && error.contains("UTF-8"),
        "{error}"
    );
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, "  \n").unwrap();
    assert!(
        read_article(&empty)
            .unwrap_err()
            .to_string()
            .contains("empty")
    );
    let missing = read_article(&dir.path().join("nope.txt")).unwrap_err();
    assert!(missing.to_string().contains("nope.txt"));
}

#[test]
fn a_text_with_one_place_is_refused_with_the_reason() {
    let draft = draft_of("The train arrived in Kazan.");
    let error = to_story(&draft, places(), "t").unwrap_err().to_string();
    assert!(
        error.contains("Kazan") && error.contains("at least two"),
        "{error}"
    );
}

#[derive(serde::Deserialize)]
struct Label {
    name: String,
    country: String,
}

#[derive(serde::Deserialize)]
struct Labels {
    articles: std::collections::BTreeMap<String, Vec<Label>>,
}

#[test]
fn precision_and_recall_on_the_labelled_articles() {
    let labels: Labels =
        serde_json::from_str(&std::fs::read_to_string("tests/data/articles/labels.json").unwrap())
            .unwrap();
    let (mut found_total, mut found_right, mut expected_total, mut expected_found) = (0, 0, 0, 0);
    for (article, expected) in &labels.articles {
        let text = if article.contains("(bundled)") {
            bundled_article()
        } else {
            read_article(&Path::new("tests/data/articles").join(article)).unwrap()
        };
        let draft = draft_of(&text);
        // Each candidate: its written forms' keys and its chosen entry's country.
        let found: Vec<(HashSet<String>, String)> = draft
            .candidates
            .iter()
            .map(|c| {
                let keys = c
                    .mentions
                    .iter()
                    .map(|m| name_key(draft.slice(&m.span)))
                    .collect();
                let country = draft
                    .chosen_entry(places(), c)
                    .map(|e| e.country.clone())
                    .unwrap_or_default();
                (keys, country)
            })
            .collect();
        let is_label = |keys: &HashSet<String>, country: &str, label: &Label| {
            keys.contains(&name_key(&label.name)) && label.country == country
        };
        let right = found
            .iter()
            .filter(|(keys, country)| expected.iter().any(|l| is_label(keys, country, l)))
            .count();
        let recalled = expected
            .iter()
            .filter(|l| {
                found
                    .iter()
                    .any(|(keys, country)| is_label(keys, country, l))
            })
            .count();
        let missed: Vec<&str> = expected
            .iter()
            .filter(|l| {
                !found
                    .iter()
                    .any(|(keys, country)| is_label(keys, country, l))
            })
            .map(|l| l.name.as_str())
            .collect();
        let wrong: Vec<String> = draft
            .candidates
            .iter()
            .zip(&found)
            .filter(|(_, (keys, country))| !expected.iter().any(|l| is_label(keys, country, l)))
            .map(|(c, (_, country))| format!("{} ({country})", c.name))
            .collect();
        println!(
            "{article}: {right}/{} found are places, {recalled}/{} places found; missed {missed:?}, wrong {wrong:?}",
            found.len(),
            expected.len()
        );
        found_total += found.len();
        found_right += right;
        expected_total += expected.len();
        expected_found += recalled;
    }
    let precision = f64::from(u32::try_from(found_right).unwrap())
        / f64::from(u32::try_from(found_total).unwrap());
    let recall = f64::from(u32::try_from(expected_found).unwrap())
        / f64::from(u32::try_from(expected_total).unwrap());
    println!(
        "precision {precision:.2} ({found_right}/{found_total}), recall {recall:.2} ({expected_found}/{expected_total})"
    );
    assert!(precision >= 0.85, "precision {precision:.2}");
    assert!(recall >= 0.75, "recall {recall:.2}");
}

#[test]
fn the_binary_drafts_a_story_that_validate_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("kim.txt");
    std::fs::write(&article, bundled_article()).unwrap();
    let out = dir.path().join("kim.geojson");
    let binary = env!("CARGO_BIN_EXE_storyroute");
    let drafted = std::process::Command::new(binary)
        .args([
            "draft",
            article.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(["--date", "2023-09-13"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&drafted.stdout);
    assert!(
        drafted.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&drafted.stderr)
    );
    assert!(
        said.contains("Route: Pyongyang, KP → Khasan, RU → Vostochny Cosmodrome, RU"),
        "{said}"
    );
    assert!(said.contains("Pyongyang, KP is the origin"), "{said}");
    assert!(said.contains("“Kim” ×"), "{said}");
    let validated = std::process::Command::new(binary)
        .args(["validate", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        validated.status.success(),
        "{}",
        String::from_utf8_lossy(&validated.stderr)
    );
}

#[test]
fn the_binary_refuses_an_article_without_a_route_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("none.md");
    std::fs::write(&article, "# Nothing\n\nNo places at all here.").unwrap();
    let drafted = std::process::Command::new(env!("CARGO_BIN_EXE_storyroute"))
        .args(["draft", article.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(drafted.status.code(), Some(1));
    let said = String::from_utf8_lossy(&drafted.stderr);
    assert!(
        said.contains("none.md") && said.contains("at least two"),
        "{said}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_text_drafts_without_panicking(text in any::<String>()) {
        let draft = draft_of(&text);
        for candidate in &draft.candidates {
            for mention in &candidate.mentions {
                prop_assert!(draft.text.get(mention.span.clone()).is_some());
            }
        }
        if let Ok(story) = to_story(&draft, places(), "t") {
            let json = story_to_json(&story).unwrap();
            prop_assert!(parse_story(json.as_bytes(), "t").is_ok());
        }
    }

    #[test]
    fn place_names_in_noise_draft_a_story_that_loads(
        noise in proptest::collection::vec("[A-Za-z .,'’\\-\n]{0,12}", 0..12),
        names in proptest::collection::vec(
            prop::sample::select(vec!["Moscow", "Kazan", "Omsk", "Paris", "Lyon", "Khasan", "Tumangang"]),
            0..8,
        ),
    ) {
        let mut text = String::new();
        for (index, name) in names.iter().enumerate() {
            text.push_str(noise.get(index).map_or("", String::as_str));
            text.push_str(if index % 2 == 0 { " via " } else { " to " });
            text.push_str(name);
            text.push_str(" by train. ");
        }
        let draft = draft_of(&text);
        match to_story(&draft, places(), "t") {
            Ok(story) => {
                let json = story_to_json(&story).unwrap();
                let loaded = parse_story(json.as_bytes(), "t");
                prop_assert!(loaded.is_ok(), "{:?}", loaded.err());
            }
            Err(error) => prop_assert!(error.to_string().contains("at least two")),
        }
    }

}

proptest! {
    // Each case is a line of up to 10,000 words: few cases.
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn huge_lines_draft_without_panicking(
        word in "[A-Za-zА-я가-힣]{1,8}",
        repeat in 1_000_usize..10_000,
    ) {
        let text = format!("{} Moscow.", vec![word; repeat].join(" "));
        let draft = draft_of(&text);
        prop_assert!(draft.sentences.len() <= 2 + draft.text.len() / 2);
    }
}
