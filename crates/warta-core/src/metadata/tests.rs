//! Metadata over small pages written for the purpose: each checks one source or one trap.

use super::*;
use crate::article::{Person, Role};
use crate::dom;
use crate::options::Limits;

fn meta_of(html: &str, url: Option<&str>, reference: Option<&str>) -> Article {
    let (dom, _) = dom::parse(html, &Limits::default());
    let opts = Options {
        url: url.map(str::to_string),
        reference_time: reference.map(str::to_string),
        ..Options::default()
    };
    let mut a = Article::default();
    apply(extract(&dom, &opts), &mut a);
    a
}

fn meta(html: &str) -> Article {
    meta_of(html, None, None)
}

fn people(a: &Article) -> Vec<(&str, Role)> {
    a.authors
        .iter()
        .map(|p: &Person| (p.name.as_str(), p.role))
        .collect()
}

#[test]
fn reads_json_ld_graph_with_provenance() {
    let a = meta(
        r#"<html lang="en"><head><script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","name":"Daily Planet"},
          {"@type":"NewsArticle","headline":"Council approves new bridge",
           "datePublished":"2022-10-12T08:00:00-04:00","dateModified":"2022-10-13T09:00:00-04:00",
           "author":[{"@type":"Person","name":"Lois Lane"},{"@type":"Person","name":"Clark Kent"}],
           "publisher":{"@type":"Organization","name":"Daily Planet"}}]}
        </script><title>Council approves new bridge | Daily Planet</title></head>
        <body><h1>Council approves new bridge</h1></body></html>"#,
    );
    assert_eq!(a.title.as_deref(), Some("Council approves new bridge"));
    assert_eq!(a.published.as_deref(), Some("2022-10-12T08:00:00-04:00"));
    assert_eq!(a.modified.as_deref(), Some("2022-10-13T09:00:00-04:00"));
    assert_eq!(
        people(&a),
        [("Lois Lane", Role::Author), ("Clark Kent", Role::Author)]
    );
    assert_eq!(a.site_name.as_deref(), Some("Daily Planet"));
    assert_eq!(a.provenance["published"].source, "json-ld");
    assert_eq!(a.provenance["authors"].source, "json-ld");
}

#[test]
fn ignores_dates_in_scripts_and_copyright_lines() {
    let a = meta(
        r#"<html><head><script>var built = "2021-03-04T10:00:00Z";</script></head><body>
        <h1>A quiet day at the harbour</h1>
        <div class="byline">By Jane Doe</div>
        <p>Boats came and went.</p>
        <footer class="footer-date">© 2023 Harbour News. Updated 2023-01-01</footer>
        </body></html>"#,
    );
    assert_eq!(a.published, None);
}

#[test]
fn refuses_future_dates() {
    let a = meta_of(
        r#"<html><head><meta property="article:published_time" content="2030-01-01T00:00:00Z">
        <meta name="date" content="2022-10-11"></head><body><h1>Title here now</h1></body></html>"#,
        None,
        Some("2022-10-12T00:00:00Z"),
    );
    assert_eq!(a.published.as_deref(), Some("2022-10-11"));
}

#[test]
fn update_stamps_are_not_publication_dates() {
    let a = meta(
        r#"<html><body><h1>Storm hits the coast</h1>
        <div class="meta"><span>Updated: 14 October 2022</span></div>
        <div class="meta"><span>Published: 12 October 2022</span></div>
        <p>Text.</p></body></html>"#,
    );
    assert_eq!(a.published.as_deref(), Some("2022-10-12"));
    assert_eq!(a.modified.as_deref(), Some("2022-10-14"));
}

#[test]
fn reads_byline_and_stamp_under_the_headline() {
    let a = meta(
        r#"<html lang="id"><body><h1>Perang Ukraina, Lavrov Ingatkan Lagi</h1>
        <div><span>Reporter</span></div><div><span>Tempo.co</span></div>
        <div>Rabu, 12 Oktober 2022 08:00 WIB</div>
        <p>TEMPO.CO, Jakarta - Menteri Luar Negeri Rusia Sergei Lavrov mengingatkan kembali.</p>
        </body></html>"#,
    );
    assert_eq!(a.published.as_deref(), Some("2022-10-12T08:00:00+07:00"));
    assert_eq!(people(&a), [("Tempo.co", Role::Reporter)]);
}

#[test]
fn commenters_are_not_authors() {
    let a = meta(
        r#"<html><body><h1>How to fix a bike chain</h1>
        <p>Article text that is long enough to matter here.</p>
        <div id="comments"><div class="comment"><span class="comment-author">Troll Person</span>
        <time datetime="2024-01-01T00:00:00Z">1 Jan</time><p>First!</p></div></div>
        </body></html>"#,
    );
    assert!(a.authors.is_empty(), "{:?}", a.authors);
    assert_eq!(a.published, None);
}

#[test]
fn email_the_author_is_not_a_name() {
    let a = meta(
        r#"<html><body><h1>City budget passes after long debate</h1>
        <div class="author-info"><a href="mailto:x@example.com">Email the author</a></div>
        <div class="byline">By Sam Rivera</div></body></html>"#,
    );
    assert_eq!(people(&a), [("Sam Rivera", Role::Author)]);
}

#[test]
fn the_site_is_not_an_author_unless_alone() {
    let a = meta_of(
        r#"<html><head><meta property="og:site_name" content="Harbour News">
        <meta name="author" content="Harbour News"></head>
        <body><h1>Boats come and go all day</h1><div class="byline">By Ann Poe</div></body></html>"#,
        Some("https://harbour.example/2022/10/12/boats"),
        None,
    );
    assert_eq!(people(&a), [("Ann Poe", Role::Author)]);
    assert_eq!(a.published.as_deref(), Some("2022-10-12"));
    assert_eq!(a.provenance["published"].source, "url");
}

#[test]
fn title_loses_site_affixes_and_canonical_is_resolved() {
    let a = meta_of(
        r#"<html><head><title>Bridge reopens after repairs - Harbour News</title>
        <meta property="og:site_name" content="Harbour News">
        <link rel="canonical" href="/news/bridge"></head><body></body></html>"#,
        Some("https://harbour.example/x?y=1"),
        None,
    );
    assert_eq!(a.title.as_deref(), Some("Bridge reopens after repairs"));
    assert_eq!(
        a.canonical_url.as_deref(),
        Some("https://harbour.example/news/bridge")
    );
}

#[test]
fn dateline_and_wire_credit_come_out_of_the_lead() {
    let mut a = Article {
        blocks: vec![Block::Paragraph {
            text: "WASHINGTON (Reuters) - The Senate voted on Tuesday.".into(),
            links: vec![],
        }],
        ..Article::default()
    };
    apply(Metadata::default(), &mut a);
    assert_eq!(a.dateline.as_deref(), Some("Washington"));
    assert_eq!(a.sources, ["Reuters"]);
    assert!(
        matches!(&a.blocks[0], Block::Paragraph { text, .. } if text == "The Senate voted on Tuesday.")
    );
}

#[test]
fn declared_language_is_checked_against_the_text() {
    let body = "Der Bundestag hat am Dienstag über den Haushalt beraten. Die Abgeordneten stritten lange über die Ausgaben für Verkehr und Bildung, bevor sie abstimmten.";
    let html = r#"<html lang="en"><body><h1>Haushalt</h1></body></html>"#;
    let (dom, _) = dom::parse(html, &Limits::default());
    let mut a = Article {
        blocks: vec![Block::Paragraph {
            text: body.into(),
            links: vec![],
        }],
        ..Article::default()
    };
    apply(extract(&dom, &Options::default()), &mut a);
    assert_eq!(a.language.as_deref(), Some("de"));
    assert_eq!(a.provenance["language"].source, "detected");
}
