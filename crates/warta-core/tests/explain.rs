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
fn text_trace_gives_the_rule_that_dropped_a_line_inside_the_body() {
    // Regression: a pull quote printed twice in the body read "kept" both times, as the trace
    // only looked for each line's text in the article; it now shows the fate the body
    // reader recorded.
    let quote = "\"We will rebuild the pier before the summer,\" the mayor said.";
    let page = format!(
        "Home\nNews\nSport\nPier to be rebuilt after winter storms\n\
         The town council voted on Tuesday to rebuild the old pier, which the winter storms \
         left broken in three places, and to open it again before the first ferries of June.\n\
         {quote}\n\
         Engineers from the harbour board will begin the work next month, once the tides \
         allow their barges to reach the piles that the storms pushed out of line.\n\
         {quote}\n\
         The council set aside the money from its reserves, and it expects the ferry company \
         to pay a share once the pier is open to its boats again in the summer.\n\
         About us\nContact\n"
    );
    let opts = Options::default().with_input_kind(InputKind::Text);
    let trace = explain(page.as_bytes(), &opts, 40).expect("a page");
    insta::assert_snapshot!("explain_text_repeat", trace);
    let quoted: Vec<&str> = trace
        .lines()
        .filter(|l| l.contains("We will rebuild"))
        .collect();
    assert_eq!(quoted.len(), 2, "{trace}");
    assert!(quoted[0].trim_start().starts_with("kept"), "{trace}");
    assert!(
        quoted[1]
            .trim_start()
            .starts_with("dropped: printed before"),
        "{trace}"
    );
    let article = extract(page.as_bytes(), &opts).expect("a page");
    assert_eq!(article.text.matches("We will rebuild").count(), 1);
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
