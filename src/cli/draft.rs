//! `storyroute draft ARTICLE [--out FILE]`: make a story from an article with no questions
//! asked (the finding is [`crate::draft`]'s). The story goes to `--out`, or to stdout; the
//! report of what was found, assumed and left out goes to stdout with `--out`, else stderr.

use crate::draft::{DraftOptions, find, read_article, report, to_story};
use crate::gazetteer::gazetteer;
use crate::story::{parse_story, save_story_file, story_to_json};
use chrono::NaiveDate;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `draft`.
#[derive(Debug, Args)]
pub struct DraftArgs {
    /// The article: .txt, .md or .html.
    #[arg(value_name = "ARTICLE")]
    pub article: PathBuf,

    /// Write the story here (else to stdout).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// The story's date, YYYY-MM-DD: UTC offsets are taken on it. Default: the first full
    /// date in the article, else today.
    #[arg(long, value_name = "DATE")]
    pub date: Option<NaiveDate>,

    /// The story's title. Default: the article's first line.
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
}

/// Run `draft`: exit 0 with a story written, 1 if the article cannot be read or gives no
/// route.
pub fn run_draft(args: &DraftArgs) -> ExitCode {
    let text = match read_article(&args.article) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("storyroute draft: {error}");
            return ExitCode::FAILURE;
        }
    };
    let places = match gazetteer() {
        Ok(places) => places,
        Err(error) => {
            eprintln!("storyroute draft: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut draft = find(&text, places, &DraftOptions { date: args.date });
    let mut notes = String::new();
    if draft.date.is_none() {
        let today = chrono::Utc::now().date_naive();
        draft.date = Some(today);
        notes.push_str("The article gives no full date: today's was taken for UTC offsets.\n");
    }
    let title = args.title.clone().unwrap_or_else(|| {
        let first = draft.text.lines().next().unwrap_or_default();
        let title: String = first.chars().take(100).collect();
        if title.trim().is_empty() {
            args.article.display().to_string()
        } else {
            title
        }
    });
    let said = format!("{}{notes}", report(&draft, places));
    let story = match to_story(&draft, places, &title) {
        Ok(story) => story,
        Err(error) => {
            eprint!("{said}");
            eprintln!("storyroute draft: {}: {error}", args.article.display());
            return ExitCode::FAILURE;
        }
    };
    // What validate would say, so a story that does not load is never written.
    let written = match story_to_json(&story) {
        Ok(json) => json,
        Err(error) => {
            eprintln!("storyroute draft: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(error) = parse_story(written.as_bytes(), "the drafted story") {
        eprintln!("storyroute draft: the drafted story does not load (a bug): {error}");
        return ExitCode::FAILURE;
    }
    match &args.out {
        Some(path) => {
            if let Err(error) = save_story_file(&story, path) {
                eprintln!("storyroute draft: {error}");
                return ExitCode::FAILURE;
            }
            print!("{said}");
            println!("Wrote {}", path.display());
        }
        None => {
            eprint!("{said}");
            println!("{written}");
        }
    }
    ExitCode::SUCCESS
}
