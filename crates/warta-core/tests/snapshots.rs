//! Snapshot and invariant tests over fixture pages we wrote ourselves (realistic layouts,
//! made-up text).
//!
//! The snapshots record what the engine reads today and are re-accepted as it is tuned
//! (`INSTA_UPDATE=always cargo test -p warta-core --test snapshots`, then review the diff).
//! The hand-written assertions below them are the part that must hold whatever the tuning.

use serde_json::{json, Value};
use warta_core::{extract, Article, Options, PageType, Role};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/html");
const EXAMPLE_PAGE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/portal-berita.html"
);

fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read fixture {path}: {e}"))
}

fn extract_fixture(name: &str) -> Article {
    let bytes = read(&format!("{FIXTURES}/{name}"));
    extract(&bytes, &Options::default())
        .unwrap_or_else(|e| panic!("{name}: extraction failed: {e}"))
}

fn extract_example() -> Article {
    extract(&read(EXAMPLE_PAGE), &Options::default())
        .unwrap_or_else(|e| panic!("example page: extraction failed: {e}"))
}

/// The part of an article worth reviewing by eye: metadata that a reader sees, and the body.
fn readable(article: &Article) -> Value {
    json!({
        "title": article.title,
        "authors": article.authors,
        "published": article.published,
        "language": article.language,
        "dateline": article.dateline,
        "sources": article.sources,
        "page_type": article.page_type,
        "blocks": article.blocks,
        "read_also": article.read_also,
        "related": article.related,
    })
}

macro_rules! snapshot_tests {
    ($($test:ident => $file:literal,)*) => {$(
        #[test]
        fn $test() {
            insta::assert_json_snapshot!(readable(&extract_fixture($file)));
        }
    )*};
}

snapshot_tests! {
    snapshot_en_news_sidebar => "en-news-sidebar.html",
    snapshot_de_artikel_anzeige => "de-artikel-anzeige.html",
    snapshot_blog_code_table => "blog-code-table.html",
    snapshot_section_front_listing => "section-front-listing.html",
    snapshot_forum_thread => "forum-thread.html",
    snapshot_product_page => "product-page.html",
    snapshot_jsonld_body_only => "jsonld-body-only.html",
    snapshot_nested_divs_layout_table => "nested-divs-layout-table.html",
    snapshot_id_editor_reporter_jsonld => "id-editor-reporter-jsonld.html",
    snapshot_de_stamp_local_jsonld_utc => "de-stamp-local-jsonld-utc.html",
}

#[test]
fn snapshot_example_portal_berita() {
    insta::assert_json_snapshot!(readable(&extract_example()));
}

// ---- invariants: these hold however the engine is tuned ----

fn assert_has(article: &Article, needle: &str) {
    assert!(
        article.text.contains(needle),
        "expected {needle:?} in the text, got:\n{}",
        article.text
    );
}

fn assert_lacks(article: &Article, needle: &str) {
    assert!(
        !article.text.contains(needle),
        "furniture {needle:?} leaked into the text:\n{}",
        article.text
    );
}

fn author_names(article: &Article) -> Vec<&str> {
    article.authors.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn example_page_keeps_the_body_from_first_to_last_paragraph() {
    let a = extract_example();
    assert_eq!(
        a.title.as_deref(),
        Some("Petani Kopi Lereng Merbabu Panen Raya Lebih Awal, Harga Gabah Kopi Naik")
    );
    assert_has(&a, "Ratusan petani kopi di lereng Gunung Merbabu");
    assert_has(&a, "Pengeringan Jadi Tantangan");
    assert_has(&a, "biji dibalik setidaknya tiga kali sehari");
    assert_has(&a, "Kopi yang dijemur asal-asalan");
    assert_has(&a, "Suparman berharap bantuan itu segera terwujud");
}

#[test]
fn example_page_keeps_furniture_out_of_the_text() {
    let a = extract_example();
    for furniture in [
        "Baca juga",
        "Harga Pupuk Nonsubsidi",
        "Advertisement",
        "Ikuti berita terkini",
        "Google News",
        "Berita terkait",
        "Harga Cabai Rawit",
        "2 jam lalu",
        "Semoga rumah pengeringnya",
        "Kopi Merbabu memang enak",
        "Kami menggunakan cookie",
        "Terpopuler",
        "Salin Tautan",
        "Pedoman Media Siber",
        "Penulis:",
        "Rabu, 12 Oktober 2022",
    ] {
        assert_lacks(&a, furniture);
    }
}

#[test]
fn example_page_metadata() {
    let a = extract_example();
    assert!(
        author_names(&a).contains(&"Dewi Lestari Anggraini"),
        "authors: {:?}",
        a.authors
    );
    assert!(
        a.published
            .as_deref()
            .is_some_and(|p| p.starts_with("2022-10-12")),
        "published: {:?}",
        a.published
    );
    assert_eq!(a.page_type, Some(PageType::Article));
}

#[test]
fn english_article_drops_sidebar_related_and_comments() {
    let a = extract_fixture("en-news-sidebar.html");
    assert_has(&a, "Councillors voted 23 to 21 on Tuesday evening");
    assert_has(&a, "A public consultation on the design of the stops");
    for furniture in [
        "Read more:",
        "Bus timetable changes",
        "Ferry fares to rise",
        "3 hours ago",
        "About time. I have waited",
        "white elephant",
        "Most read",
        "Sign up to our newsletter",
        "Advertisement",
        "All rights reserved",
    ] {
        assert_lacks(&a, furniture);
    }
    assert!(
        author_names(&a).contains(&"Margaret Oyelaran"),
        "{:?}",
        a.authors
    );
}

#[test]
fn german_article_drops_lesen_sie_auch_and_anzeige() {
    let a = extract_fixture("de-artikel-anzeige.html");
    assert_has(&a, "Seit dem Frühjahr wird an beiden Ufern gearbeitet");
    assert_has(&a, "prüfe eine provisorische Lösung");
    for furniture in [
        "Lesen Sie auch",
        "Parkhaus am Bahnhof",
        "Anzeige",
        "Wir verwenden Cookies",
        "Mehr zum Thema",
        "Impressum",
    ] {
        assert_lacks(&a, furniture);
    }
}

#[test]
fn blog_post_keeps_code_and_table_as_blocks() {
    let a = extract_fixture("blog-code-table.html");
    assert_has(&a, "Last week a colleague asked");
    assert!(
        a.blocks.iter().any(|b| matches!(
            b,
            warta_core::Block::Code { text, .. } if text.contains("fn count_words")
        )),
        "no code block with the function: {:#?}",
        a.blocks
    );
    assert!(
        a.blocks.iter().any(|b| matches!(
            b,
            warta_core::Block::Table { rows, .. } if rows.iter().flatten().any(|c| c == "crashed")
        )),
        "no table with the measurements: {:#?}",
        a.blocks
    );
    assert_lacks(&a, "Older post");
}

#[test]
fn section_front_is_not_read_as_an_article() {
    let a = extract_fixture("section-front-listing.html");
    assert_ne!(a.page_type, Some(PageType::Article));
}

#[test]
fn forum_thread_keeps_the_posts() {
    let a = extract_fixture("forum-thread.html");
    assert_has(&a, "my starter is about ten days old");
    assert_has(&a, "Not dead, just hungry");
    assert_lacks(&a, "Similar threads");
    assert_lacks(&a, "Rye starter not rising");
}

#[test]
fn product_page_is_typed_as_product() {
    let a = extract_fixture("product-page.html");
    assert_eq!(a.page_type, Some(PageType::Product));
}

#[test]
fn body_only_in_json_ld_is_still_read() {
    let a = extract_fixture("jsonld-body-only.html");
    assert_eq!(
        a.title.as_deref(),
        Some("Volunteers count record number of migrating cranes")
    );
    assert_has(&a, "More than forty thousand sandhill cranes");
    assert_has(&a, "track long-term changes in the population");
    assert_lacks(&a, "enable JavaScript");
}

#[test]
fn deeply_nested_layout_table_yields_the_story() {
    let a = extract_fixture("nested-divs-layout-table.html");
    assert_has(
        &a,
        "The harvest festival in the valley drew around nine thousand",
    );
    assert_has(&a, "Next year's festival is planned");
    assert_lacks(&a, "Obituaries");
    assert_lacks(&a, "Classifieds");
    assert_lacks(&a, "All rights reserved");
}

// ---- contract gaps: what ARTICLE.md asks for and the engine does not do yet ----
// Ignored so the suite stays green while the lead works on them; run with `-- --ignored`.

#[test]
fn example_page_collects_wire_read_also_and_related() {
    let a = extract_example();
    assert!(
        a.sources.iter().any(|s| s == "Antara"),
        "sources: {:?}",
        a.sources
    );
    assert_lacks(&a, "Sumber: Antara");
    let read_also: Vec<&str> = a.read_also.iter().map(|l| l.title.as_str()).collect();
    assert!(
        read_also.contains(&"Harga Pupuk Nonsubsidi Turun Tipis Menjelang Musim Tanam"),
        "read_also: {read_also:?}"
    );
    assert!(
        a.related
            .iter()
            .any(|r| r.title == "Harga Cabai Rawit Melonjak di Pasar Induk"
                && r.age.as_deref() == Some("2 jam lalu")),
        "related: {:?}",
        a.related
    );
}

#[test]
fn example_page_collects_wire_credit_and_read_also_links() {
    let a = extract_example();
    assert!(
        a.sources.iter().any(|s| s == "Antara"),
        "sources: {:?}",
        a.sources
    );
    assert_lacks(&a, "Sumber: Antara");
    let read_also: Vec<(&str, Option<&str>)> = a
        .read_also
        .iter()
        .map(|l| (l.title.as_str(), l.url.as_deref()))
        .collect();
    assert_eq!(
        read_also,
        [
            (
                "Harga Pupuk Nonsubsidi Turun Tipis Menjelang Musim Tanam",
                Some("/ekonomi/2022/10/10/harga-pupuk-nonsubsidi-turun-tipis")
            ),
            (
                "Ekspor Kopi Jawa Tengah Naik Dua Kali Lipat",
                Some("/ekonomi/2022/10/08/ekspor-kopi-jawa-tengah-naik")
            ),
        ]
    );
}

#[test]
fn example_page_splits_caption_and_credit() {
    let a = extract_example();
    let figure = a.blocks.iter().find_map(|b| match b {
        warta_core::Block::Figure {
            caption, credit, ..
        } => Some((caption.clone(), credit.clone())),
        _ => None,
    });
    let (caption, credit) = figure.expect("the lead image is a figure block");
    assert_eq!(credit.as_deref(), Some("KOTA.CO/Rahmat Hidayanto"));
    assert!(caption.is_some_and(|c| !c.contains("Rahmat Hidayanto")));
}

#[test]
#[ignore = "engine gap: forum threads without a declared type are not typed `forum`"]
fn page_types_of_articles_and_threads() {
    for name in ["en-news-sidebar.html", "de-artikel-anzeige.html"] {
        assert_eq!(
            extract_fixture(name).page_type,
            Some(PageType::Article),
            "{name}"
        );
    }
    assert_eq!(
        extract_fixture("forum-thread.html").page_type,
        Some(PageType::Forum)
    );
}

#[test]
#[ignore = "engine gap: a German dateline (\"Marburg.\") is not taken out of the lead"]
fn german_dateline_is_read() {
    let a = extract_fixture("de-artikel-anzeige.html");
    assert_eq!(a.dateline.as_deref(), Some("Marburg"));
    assert!(!a.text.starts_with("Marburg."), "{}", a.text);
}

#[test]
fn json_ld_article_body_keeps_its_paragraphs() {
    let a = extract_fixture("jsonld-body-only.html");
    let paragraphs = a
        .blocks
        .iter()
        .filter(|b| matches!(b, warta_core::Block::Paragraph { .. }))
        .count();
    assert_eq!(paragraphs, 4, "{:#?}", a.blocks);
}

#[test]
#[ignore = "engine gap: the printed byline line stays in the body"]
fn english_byline_line_is_not_body_text() {
    let a = extract_fixture("en-news-sidebar.html");
    assert_lacks(&a, "By Margaret Oyelaran");
}

#[test]
#[ignore = "engine gap: a product reviewer is taken for the page's author"]
fn product_reviewers_are_not_authors() {
    let a = extract_fixture("product-page.html");
    assert!(
        !author_names(&a).iter().any(|n| n.contains("Henrike")),
        "{:?}",
        a.authors
    );
}

#[test]
fn printed_editor_and_reporter_lines_outrank_a_contradicting_json_ld_author() {
    // JSON-LD calls the editor the author; the page prints "Reporter:" and "Editor :"
    let a = extract_fixture("id-editor-reporter-jsonld.html");
    let people: Vec<(&str, Role)> = a
        .authors
        .iter()
        .map(|p| (p.name.as_str(), p.role))
        .collect();
    assert_eq!(
        people,
        [
            ("Agus Salim Nugroho", Role::Reporter),
            ("Rina Kusumawati", Role::Editor)
        ]
    );
    // "09:30 WIB" and the JSON-LD's "02:30Z" are one moment, told in the newsroom's zone
    assert_eq!(a.published.as_deref(), Some("2023-03-15T09:30:00+07:00"));
}

#[test]
fn a_printed_local_time_takes_the_zone_of_the_same_moment_in_utc() {
    let a = extract_fixture("de-stamp-local-jsonld-utc.html");
    assert_eq!(a.published.as_deref(), Some("2024-05-03T17:47:42+02:00"));
    assert_eq!(author_names(&a), ["Jana Brückner", "Tobias Wendel"]);
}
