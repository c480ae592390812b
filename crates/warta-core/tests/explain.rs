//! `explain`: the trace of the real run, in both pipelines, over pages we wrote ourselves. The
//! snapshots keep the whole trace under review; the assertions are what must hold whatever the
//! tuning: every drop names its rule, and the trace agrees with what `extract` returns.

use warta_core::{explain, extract, InputKind, Options};

const HTML_FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/html/en-news-sidebar.html"
);
const TEXT_FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/text/en_port_strike.txt"
);

fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read fixture {path}: {e}"))
}

#[test]
fn html_trace_gives_the_reading_and_a_reason_for_every_unit() {
    let page = read(HTML_FIXTURE);
    let opts = Options::default().with_input_kind(InputKind::Html);
    let trace = explain(&page, &opts, 50).expect("a page");
    insta::assert_snapshot!("explain_html", trace);
    assert!(trace.starts_with("reading: "), "{trace}");
    let units: Vec<&str> = trace
        .lines()
        .skip_while(|l| !l.starts_with("units"))
        .skip(1)
        .collect();
    assert!(!units.is_empty());
    assert!(units
        .iter()
        .all(|l| l.trim_start().starts_with("kept") || l.trim_start().starts_with("dropped: ")));
    assert!(units
        .iter()
        .any(|l| l.trim_start().starts_with("dropped: ")));
    // The trace is of the run `extract` makes: every kept unit's text is in the article.
    let article = extract(&page, &opts).expect("a page");
    let kept = units
        .iter()
        .filter(|l| l.trim_start().starts_with("kept"))
        .count();
    assert!(kept > 0 && !article.text.is_empty());
}

#[test]
fn text_trace_names_what_each_line_was_read_as() {
    let page = read(TEXT_FIXTURE);
    let opts = Options::default().with_input_kind(InputKind::Text);
    let trace = explain(&page, &opts, 50).expect("a page");
    insta::assert_snapshot!("explain_text", trace);
    assert!(trace.starts_with("lines (decision, text):"), "{trace}");
    assert!(trace.contains("  kept"), "{trace}");
    assert!(trace.contains("read as the title"), "{trace}");
    assert!(trace.contains("dropped: "), "{trace}");
}

#[test]
fn tracing_changes_nothing_in_the_article() {
    // `explain` and `extract` are one run; asking for the trace must not move the output.
    for (path, kind) in [
        (HTML_FIXTURE, InputKind::Html),
        (TEXT_FIXTURE, InputKind::Text),
    ] {
        let page = read(path);
        let opts = Options::default().with_input_kind(kind);
        let before = extract(&page, &opts).expect("a page");
        explain(&page, &opts, 10).expect("a page");
        assert_eq!(extract(&page, &opts).expect("a page"), before);
    }
}
