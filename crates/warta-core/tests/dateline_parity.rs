//! One reader of datelines: the same lead paragraph gives the same dateline whether the page
//! comes as HTML or as flattened text. (Made-up leads in the shapes wires and portals use.)

use warta_core::{Article, InputKind, Options};

const BODY: &str = "The second paragraph goes on with the story at some length, as stories do. \
    It has a few sentences of its own, so that the page reads as an article.\n\n\
    A third paragraph closes it, with a quote from someone who was there and saw it all.";

fn read(page: &str, kind: InputKind) -> Article {
    warta_core::extract(page.as_bytes(), &Options::default().with_input_kind(kind)).expect("a page")
}

fn as_html(lead: &str) -> String {
    let paragraphs: String = std::iter::once(lead)
        .chain(BODY.split("\n\n"))
        .map(|p| format!("<p>{p}</p>"))
        .collect();
    format!(
        "<html><head><title>Harbour news</title></head><body><article>\
         <h1>Harbour news</h1>{paragraphs}</article></body></html>"
    )
}

fn as_text(lead: &str) -> String {
    format!("Harbour news\n\n{lead}\n\n{BODY}")
}

#[test]
fn both_pipelines_read_the_same_dateline() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "BERLIN: Die Regierung hat am Montag neue Regeln beschlossen.",
            Some("Berlin"),
        ),
        ("LONDON — Prices rose.", Some("London")),
        (
            "detik.com, Jakarta - Pemerintah mengumumkan kebijakan baru hari ini.",
            Some("Jakarta"),
        ),
        (
            "EASTBAY, Maine - The town council voted on Tuesday to close the pier.",
            Some("Eastbay, Maine"),
        ),
        (
            "HAYWARD, Calif. — The city opened a new library on Saturday.",
            Some("Hayward, Calif."),
        ),
        (
            "TEMPO.CO, Jakarta - Menteri Luar Negeri berkata pada Selasa.",
            Some("Jakarta"),
        ),
        (
            "JAKARTA, KOMPAS.com — Presiden berkata pada rapat kabinet.",
            Some("Jakarta"),
        ),
        (
            "WASHINGTON (Reuters) - The Senate voted on the budget on Friday.",
            Some("Washington"),
        ),
        (
            "NEW YORK, Oct 12 (AP) — Stocks fell sharply.",
            Some("New York"),
        ),
        (
            "New York, NY – With content moving to phones, advertisers follow.",
            Some("New York, NY"),
        ),
        ("TLDR and more - we ship it on Monday.", None),
        (
            "BERLIN (dpa) – Die Bahn streikt wieder am Montag.",
            Some("Berlin"),
        ),
        (
            "The minister said - once again - that talks were open.",
            None,
        ),
        ("Sarah - who runs the shop - said no to the plan.", None),
        ("Note: this is not a dateline at all, only a note.", None),
    ];
    for &(lead, expected) in cases {
        let html = read(&as_html(lead), InputKind::Html);
        let text = read(&as_text(lead), InputKind::Text);
        assert_eq!(html.dateline.as_deref(), expected, "HTML: {lead}");
        assert_eq!(text.dateline.as_deref(), expected, "text: {lead}");
        if expected.is_some() {
            let first = |a: &Article| {
                a.text
                    .split("\n\n")
                    .find(|p| !p.contains("Harbour news"))
                    .map(str::to_string)
            };
            assert_eq!(
                first(&html),
                first(&text),
                "the lead without its dateline: {lead}"
            );
        }
    }
}
