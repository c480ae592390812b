//! The seed page: a Tempo.co article as a crawler flattened it, read as its expected JSON
//! (`../shared/seed/`) says it must be.

mod common;

use std::path::PathBuf;

use serde_json::Value;
use warta_core::{Article, Block, InputKind, Options};

/// The text mode, through the library's one entry point.
fn read_text(input: &str, opts: Options) -> Article {
    warta_core::extract(input.as_bytes(), &opts.with_input_kind(InputKind::Text))
        .expect("a text page")
}

const SEED: &str = "000_35ec97baab3b6147";

/// `../shared` from the repository root; `WARTA_SHARED` points elsewhere (a worktree that
/// does not sit next to `shared/`).
fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("WARTA_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")));
    dir.join("seed").is_dir().then_some(dir)
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn the_seed_reads_as_expected() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipped: ../shared/seed is absent (set WARTA_SHARED to the shared directory)");
        return;
    };
    let seed = shared.join("seed");
    let input = std::fs::read_to_string(seed.join(format!("{SEED}.txt"))).expect("seed text");
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(seed.join(format!("{SEED}.expected.json"))).expect("seed json"),
    )
    .expect("seed json parses");

    let article = read_text(&input, Options::default());

    assert_eq!(article.title.as_deref(), expected["title"].as_str());
    let authors: Vec<(String, String)> = article
        .authors
        .iter()
        .map(|a| {
            (
                a.name.clone(),
                serde_json::to_value(a.role)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    let expected_authors: Vec<(String, String)> = expected["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap().to_string(),
                a["role"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(authors, expected_authors);
    assert_eq!(article.site_name.as_deref(), expected["site_name"].as_str());
    assert_eq!(article.published.as_deref(), expected["published"].as_str());
    assert_eq!(article.language.as_deref(), expected["language"].as_str());
    assert_eq!(article.dateline.as_deref(), expected["dateline"].as_str());
    assert_eq!(article.sources, strings(&expected["sources"]));

    let paragraphs: Vec<&str> = article
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(paragraphs, strings(&expected["paragraphs"]));

    let figures = common::figures(&article);
    let expected_figures: Vec<(Option<&str>, Option<&str>)> = expected["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["caption"].as_str(), f["credit"].as_str()))
        .collect();
    assert_eq!(figures, expected_figures);

    let read_also: Vec<&str> = article.read_also.iter().map(|l| l.title.as_str()).collect();
    let expected_read_also: Vec<&str> = expected["read_also"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["title"].as_str())
        .collect();
    assert_eq!(read_also, expected_read_also);

    let related: Vec<(&str, Option<&str>, Option<&str>)> = article
        .related
        .iter()
        .map(|r| (r.title.as_str(), r.age.as_deref(), r.teaser.as_deref()))
        .collect();
    let expected_related: Vec<(&str, Option<&str>, Option<&str>)> = expected["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["title"].as_str().unwrap(),
                r["age"].as_str(),
                r["teaser"].as_str(),
            )
        })
        .collect();
    assert_eq!(related, expected_related);

    for banned in strings(&expected["not_in_text"]) {
        assert!(!article.text.contains(banned), "{banned:?} is in the text");
    }
}

#[test]
fn related_ages_resolve_against_the_reference_time() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipped: ../shared/seed is absent (set WARTA_SHARED to the shared directory)");
        return;
    };
    let input = std::fs::read_to_string(shared.join("seed").join(format!("{SEED}.txt")))
        .expect("seed text");
    let opts = Options::default()
        .with_reference_time("2024-05-18T12:00:00+07:00")
        .expect("a valid reference time");
    let article = read_text(&input, opts);
    assert_eq!(
        article.related[0].published.as_deref(),
        Some("2024-05-18T01:00:00+07:00")
    );
    assert_eq!(
        article.related[1].published.as_deref(),
        Some("2024-05-17T12:00:00+07:00")
    );
    let without = read_text(&input, Options::default());
    assert!(without.related.iter().all(|r| r.published.is_none()));
}
