//! Flattened text → article, for pages whose HTML is already gone (crawler text, WET records,
//! scraped corpora).
//!
//! The stages, in order:
//! 1. [`lines`]: the text as non-empty lines with their shape (length, punctuation, case);
//! 2. [`phrases`]: the language, and with it the packs whose furniture phrases apply;
//! 3. [`furniture`]: lines a phrase gives away (ads, "read also", calls to action, sources);
//! 4. [`related`]: related-story lists, by heading or by their repeated shape;
//! 5. [`captions`]: photo captions, split from their credits;
//! 6. [`body`]: the stretch of lines where prose outweighs everything else;
//! 7. [`header`]: headline, byline and date above the body, dateline in its first paragraph;
//! 8. [`thread`]: in a forum thread or a Q&A page, the counters around each post.

mod body;
mod captions;
mod furniture;
mod header;
mod lines;
mod phrases;
mod related;
mod thread;
mod when;

pub(crate) use captions::split_caption_credit;

use crate::article::{Article, Block, Link};
use crate::options::Options;
use crate::warning::Warning;

use furniture::Kind;

/// Tags whose presence near the top marks a page as HTML. Flattened text may mention one in
/// passing, but not two different ones.
const HTML_MARKERS: &[&str] = &[
    "<html",
    "<!doctype",
    "<head",
    "<body",
    "<div",
    "<p>",
    "<p ",
    "<meta",
    "<title",
    "<?xml",
    "<script",
    "<style",
    "<link",
    "<span",
    "<a href",
    "<br",
    "<table",
    "<!--",
    "<article",
];

/// True when the input is plainly HTML rather than flattened text.
pub(crate) fn looks_like_html(s: &str) -> bool {
    let mut end = s.len().min(8192);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let head = s[..end].to_ascii_lowercase();
    let markers = HTML_MARKERS.iter().filter(|t| head.contains(*t)).count();
    let starts_with_tag = head
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<');
    markers >= 2 || starts_with_tag && markers >= 1
}

/// Reads flattened text: finds the body among the furniture, and the head, dateline,
/// captions, cross-links and related stories around it. With `opts.trace`, also the trace:
/// each line with what it was read as.
pub(crate) fn extract(text: &str, opts: &Options) -> (Article, Option<String>) {
    let mut article = Article::default();
    let text = if text.len() > opts.limits.max_input_bytes {
        article.warnings.push(Warning::InputTruncated {
            limit: opts.limits.max_input_bytes,
        });
        let mut cut = opts.limits.max_input_bytes;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        &text[..cut]
    } else {
        text
    };
    let lines = lines::segment(text);
    if lines.len() == lines::MAX_LINES {
        article.warnings.push(Warning::LineLimit {
            lines: lines::MAX_LINES,
        });
    }
    let language = phrases::detect_language(&lines);
    article.language = language.map(str::to_string);
    let phrases = phrases::Phrases::for_language(language);

    let when = when::When::new(opts.reference_time.as_deref(), language);

    let mut kinds = furniture::classify(&lines, &phrases);
    article.related = related::extract(&lines, &mut kinds, &when);
    captions::mark(&lines, &mut kinds, &phrases);
    furniture::mark_comment_stamps(&lines, &mut kinds, &phrases, &when);

    let Some(mut span) = body::main_span(&lines, &kinds, opts.focus, &when) else {
        let trace = opts
            .trace
            .map(|width| trace(&lines, &kinds, &[], &article, width));
        return (article, trace);
    };
    // Captions just outside the prose belong to the article (a lead photo above it).
    while span.start > 0 && matches!(kinds[span.start - 1], Kind::Caption { .. }) {
        span.start -= 1;
    }
    while span.end < lines.len() && matches!(kinds[span.end], Kind::Caption { .. }) {
        span.end += 1;
    }

    let head = header::read(&lines, &mut kinds, &phrases, span.start, span.end, &when);
    article.title = head.title;
    article.authors = head.authors;
    article.published = head.published;
    article.site_name = head.site_name;
    thread::mark_post_furniture(&lines, &mut kinds, &span, &when);

    // Cross-links and source credits sit in the body and just after it, up to the first line
    // that ends the article.
    let zone_end = (span.end..lines.len())
        .find(|&i| {
            matches!(
                kinds[i],
                Kind::Boilerplate | Kind::RelatedHeading | Kind::Related
            )
        })
        .unwrap_or(lines.len());
    for kind in &kinds[span.start..zone_end] {
        match kind {
            Kind::ReadAlso(Some(title)) => article.read_also.push(Link {
                title: title.clone(),
                url: None,
            }),
            Kind::Source(names) => push_unique(&mut article.sources, names),
            _ => {}
        }
    }

    let mut fates = opts.trace.map(|_| Vec::new());
    article.blocks = body::blocks(&lines, &kinds, span.clone(), fates.as_mut());
    apply_dateline(&mut article);
    article.refresh_text();
    let trace = opts
        .trace
        .map(|width| trace(&lines, &kinds, &fates.unwrap_or_default(), &article, width));
    (article, trace)
}

/// Each line with what became of it: read as furniture of some kind, outside the body, or
/// its fate in the body (`fates`, by line index, as `body::blocks` recorded them).
fn trace(
    lines: &[lines::Line],
    kinds: &[Kind],
    fates: &[(usize, body::Fate)],
    article: &Article,
    width: usize,
) -> String {
    let mut fates = fates.iter().peekable();
    let decided: Vec<(String, String)> = lines
        .iter()
        .zip(kinds)
        .enumerate()
        .map(|(i, (line, kind))| {
            let fate = fates.next_if(|(at, _)| *at == i).map(|(_, f)| *f);
            let decision = match (kind, fate) {
                (Kind::Text, None) => "dropped: outside the body".to_string(),
                (Kind::Text, Some(body::Fate::Kept))
                    if !article.text.contains(line.text.as_str())
                        && crate::lead::read_dateline(&line.text)
                            .is_some_and(|d| article.text.contains(d.rest.as_str())) =>
                {
                    "kept, its dateline read apart".to_string()
                }
                (Kind::Text, Some(fate)) => fate.describe().to_string(),
                (other, _) => format!("read as {}", describe(other)),
            };
            (decision, line.text.clone())
        })
        .collect();
    crate::explain::text(&decided, width)
}

/// How the trace names a line's kind.
fn describe(kind: &Kind) -> &'static str {
    match kind {
        Kind::Text => "text",
        Kind::Title => "the title",
        Kind::Byline => "the byline",
        Kind::Date => "the date",
        Kind::Caption { .. } => "a caption",
        Kind::ReadAlso(_) => "a read-also link",
        Kind::ReadMore => "a read-more link",
        Kind::Ad => "an ad label",
        Kind::CallToAction => "a call to action",
        Kind::Source(_) => "a source credit",
        Kind::Boilerplate => "boilerplate",
        Kind::RelatedHeading => "a related-stories heading",
        Kind::Related => "a related story",
        Kind::PostFurniture => "a post's counters",
    }
}

/// Moves a dateline out of the first paragraph into its own field.
fn apply_dateline(article: &mut Article) {
    let Some(Block::Paragraph { text, .. }) = article
        .blocks
        .iter_mut()
        .find(|b| matches!(b, Block::Paragraph { .. }))
    else {
        return;
    };
    let Some(found) = crate::lead::read_dateline(text) else {
        return;
    };
    *text = found.rest;
    article.dateline = Some(found.place);
    push_unique(&mut article.sources, &found.agencies);
    if article.site_name.is_none() {
        article.site_name = found.site;
    }
}

fn push_unique(into: &mut Vec<String>, names: &[String]) {
    for name in names {
        if !into.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            into.push(name.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn html_is_told_from_flattened_text() {
        assert!(looks_like_html(
            "<!DOCTYPE html><html><body><p>x</p></body></html>"
        ));
        // Regression: pages opening with a style or script block were read as text.
        assert!(looks_like_html(
            "<style>p{}</style>\n<div class=a><p>Text</p></div>"
        ));
        assert!(looks_like_html("\u{feff}  <script>var a;</script><p>x"));
        assert!(!looks_like_html("Judul berita\n\nIsi berita yang panjang."));
        assert!(!looks_like_html(
            "A note on the <p> tag in HTML.\n\nMore prose."
        ));
    }

    proptest! {
        #[test]
        fn never_panics(text in any::<String>()) {
            let _ = extract(&text, &Options::default());
        }

        #[test]
        fn never_panics_on_page_like_text(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("Baca juga: ".to_string()),
                    Just("Read more".to_string()),
                    Just("Berita terkait".to_string()),
                    Just("11 jam lalu".to_string()),
                    Just(" - ".to_string()),
                    Just("[Reuters]".to_string()),
                    Just("Foto: ".to_string()),
                    Just("\n".to_string()),
                    Just("\n\n".to_string()),
                    Just(". ".to_string()),
                    "[A-Za-zÀ-ÿ一-龥 ,.:()\\[\\]/-]{0,40}",
                ],
                0..60,
            )
        ) {
            let text = parts.concat();
            let _ = extract(&text, &Options::default());
        }
    }

    #[test]
    fn input_over_the_limit_is_cut_at_a_char_boundary() {
        let mut opts = Options::default();
        opts.limits.max_input_bytes = 5;
        let (article, _) = extract("ééééé", &opts);
        assert_eq!(article.warnings.len(), 1);
    }
}
