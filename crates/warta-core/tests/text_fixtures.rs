//! Flattened portal pages we wrote ourselves (made-up stories, realistic furniture), one per
//! language, read by the text mode. Each test states what an editor would take from the page;
//! the snapshot keeps the whole reading under review.

mod common;

use common::figures;
use warta_core::{Article, Block, InputKind, Options, Role};

fn read(name: &str, reference_time: &str) -> Article {
    let path = format!(
        "{}/tests/fixtures/text/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let input = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let opts = Options::default()
        .with_input_kind(InputKind::Text)
        .with_reference_time(reference_time)
        .expect("a valid reference time");
    warta_core::extract(input.as_bytes(), &opts).expect("a text page")
}

fn paragraphs(article: &Article) -> Vec<&str> {
    article
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

fn headings(article: &Article) -> Vec<&str> {
    article
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

fn assert_absent(article: &Article, furniture: &[&str]) {
    for f in furniture {
        assert!(!article.text.contains(f), "{f:?} is in the text");
    }
}

#[test]
fn english_wire_story_on_a_local_portal() {
    let a = read("en_port_strike", "2024-05-14T12:00:00-04:00");
    assert_eq!(
        a.title.as_deref(),
        Some("Port workers end two-week strike after pay deal")
    );
    let authors: Vec<(&str, Role)> = a
        .authors
        .iter()
        .map(|p| (p.name.as_str(), p.role))
        .collect();
    assert_eq!(
        authors,
        [
            ("Margaret Ellison", Role::Author),
            ("Tom Okafor", Role::Author)
        ]
    );
    assert_eq!(a.published.as_deref(), Some("2024-05-14T09:30:00-04:00"));
    assert_eq!(a.language.as_deref(), Some("en"));
    assert_eq!(a.site_name.as_deref(), Some("The Harbour Courier"));
    assert_eq!(a.dateline.as_deref(), Some("Eastbay, Maine"));
    assert_eq!(a.sources, ["Associated Press", "AP"]);
    assert_eq!(
        figures(&a),
        [(
            Some("Dock workers return to the container terminal at Eastbay on Tuesday."),
            Some("Jane Rivers/Reuters")
        )]
    );
    let paras = paragraphs(&a);
    assert_eq!(paras.len(), 6);
    assert!(paras[0].starts_with("Dock workers at the Eastbay container terminal voted"));
    assert!(paras[5].starts_with("The state's governor welcomed the agreement"));
    assert_eq!(headings(&a), ["Backlog will take weeks to clear"]);
    assert_eq!(a.read_also.len(), 1);
    assert_eq!(a.related.len(), 2);
    assert_eq!(a.related[0].age.as_deref(), Some("3 hours ago"));
    assert_eq!(
        a.related[0].published.as_deref(),
        Some("2024-05-14T09:00:00-04:00")
    );
    assert_absent(
        &a,
        &[
            "Sign in",
            "Advertisement",
            "Story continues",
            "Read more",
            "Source:",
            "Share this",
            "Related stories",
            "Comments are closed",
            "All rights reserved",
            "EASTBAY, Maine (AP)",
        ],
    );
    insta::assert_json_snapshot!(a);
}

#[test]
fn german_agency_story_with_umlauts_and_local_time() {
    let a = read("de_bahnstreik", "2024-03-12T12:00:00+01:00");
    assert_eq!(
        a.title.as_deref(),
        Some("Bahnstreik legt den Fernverkehr im Norden lahm")
    );
    let authors: Vec<(&str, Role)> = a
        .authors
        .iter()
        .map(|p| (p.name.as_str(), p.role))
        .collect();
    assert_eq!(authors, [("Anna Schuster", Role::Author)]);
    // No zone is printed, so none is guessed.
    assert_eq!(a.published.as_deref(), Some("2024-03-12T07:45:00"));
    assert_eq!(a.language.as_deref(), Some("de"));
    assert_eq!(a.site_name.as_deref(), Some("Nordkurier Allgemeine"));
    assert_eq!(a.dateline.as_deref(), Some("Hamburg"));
    assert_eq!(a.sources, ["dpa"]);
    assert_eq!(
        figures(&a),
        [(
            Some("Leere Bahnsteige am Hauptbahnhof am frühen Dienstagmorgen."),
            Some("Max Brandt/dpa")
        )]
    );
    let paras = paragraphs(&a);
    assert_eq!(paras.len(), 5);
    assert!(paras[0].starts_with("Wegen eines Streiks"));
    assert_eq!(headings(&a), ["Wie es weitergeht"]);
    let read_also: Vec<&str> = a.read_also.iter().map(|l| l.title.as_str()).collect();
    assert_eq!(
        read_also,
        ["Pendler steigen auf Fernbusse und Mitfahrgelegenheiten um"]
    );
    let related: Vec<(&str, Option<&str>)> = a
        .related
        .iter()
        .map(|r| (r.title.as_str(), r.age.as_deref()))
        .collect();
    assert_eq!(
        related,
        [
            (
                "Pendler steigen auf Fernbusse und Mitfahrgelegenheiten um",
                Some("vor 2 Stunden")
            ),
            (
                "Schlichter für den Tarifstreit bei der Bahn benannt",
                Some("vor 1 Tag")
            ),
        ]
    );
    assert_eq!(
        a.related[0].published.as_deref(),
        Some("2024-03-12T10:00:00+01:00")
    );
    assert_absent(
        &a,
        &[
            "Anzeige",
            "Lesen Sie auch",
            "Quelle",
            "Folgen Sie uns",
            "Mehr zum Thema",
            "Weiterlesen",
            "Impressum",
            "HAMBURG (dpa)",
        ],
    );
    insta::assert_json_snapshot!(a);
}

#[test]
fn russian_regional_news_in_cyrillic() {
    let a = read("ru_pavodok", "2024-04-12T15:00:00+03:00");
    assert_eq!(
        a.title.as_deref(),
        Some("Паводок в Приречье: эвакуированы жители трёх сёл")
    );
    let authors: Vec<(&str, Role)> = a
        .authors
        .iter()
        .map(|p| (p.name.as_str(), p.role))
        .collect();
    assert_eq!(authors, [("Ирина Соколова", Role::Author)]);
    assert_eq!(a.published.as_deref(), Some("2024-04-12T10:15:00"));
    assert_eq!(a.language.as_deref(), Some("ru"));
    assert_eq!(a.dateline.as_deref(), Some("Приречье"));
    assert_eq!(a.sources, ["ТАСС"]);
    assert_eq!(
        figures(&a),
        [(
            Some("Спасатели на затопленной улице в селе Заречное."),
            Some("Павел Кузнецов/ТАСС")
        )]
    );
    let paras = paragraphs(&a);
    assert_eq!(paras.len(), 4);
    assert!(paras[0].starts_with("Из-за резкого подъёма воды"));
    assert_eq!(a.read_also.len(), 1);
    let related: Vec<(&str, Option<&str>, Option<&str>)> = a
        .related
        .iter()
        .map(|r| (r.title.as_str(), r.age.as_deref(), r.published.as_deref()))
        .collect();
    assert_eq!(
        related,
        [
            (
                "Власти области выделили деньги на ремонт дамбы",
                Some("2 часа назад"),
                Some("2024-04-12T13:00:00+03:00")
            ),
            (
                "В Приречье ввели режим чрезвычайной ситуации",
                Some("1 день назад"),
                Some("2024-04-11T15:00:00+03:00")
            ),
        ]
    );
    assert_absent(
        &a,
        &[
            "Реклама",
            "Читайте также",
            "Источник",
            "Подписывайтесь",
            "Похожие новости",
            "Читать далее",
            "Все права защищены",
        ],
    );
    insta::assert_json_snapshot!(a);
}
