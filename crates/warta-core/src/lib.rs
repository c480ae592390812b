//! warta-core: reads a news page the way a careful editor would.
//!
//! Hand [`extract`] a page's bytes (raw HTML, or the flattened text a crawler left) and
//! [`Options`]; get back an [`Article`] (the one output shape, documented in `docs/ARTICLE.md`)
//! or an [`Error`]. The library does no I/O and no async.
//!
//! ```
//! let opts = warta_core::Options::default().with_url("https://news.example/a");
//! let page = b"<html><body><article><h1>Rain</h1><p>It rained all day in the valley, and the \
//!     river rose by a metre before the evening.</p></article></body></html>";
//! let article = warta_core::extract(page, &opts).unwrap();
//! assert_eq!(article.title.as_deref(), Some("Rain"));
//! println!("{}", warta_core::render(&article, warta_core::Format::Markdown));
//! ```
//!
//! # The public items
//!
//! | item | what |
//! |---|---|
//! | [`extract`] | bytes → [`Article`] or [`Error`] |
//! | [`explain`] | bytes → a readable trace of how the content was chosen |
//! | [`Options`], [`Focus`], [`InputKind`], [`Limits`], [`InvalidOption`] | what a caller can tune, set through the `Options::with_*` setters |
//! | [`Article`], [`Block`], [`InlineLink`], [`Person`], [`Role`], [`Image`], [`Link`], [`Related`], [`PageType`], [`Provenance`], [`Warning`], [`ErrorInfo`] | the output |
//! | [`Error`], [`catch_panic`] | failures, and the one panic guard every front calls |
//! | [`render`], [`Format`] | article → JSON, JSON line, Markdown, text, HTML |
//! | [`page_links`], [`PageLinks`] | bytes → the links a crawler follows (canonical, feeds, next page, headlines, sections) |
//!
//! Types that may grow are `#[non_exhaustive]`: match them with a wildcard arm and build them
//! through their constructors.
//!
//! `internals` (hidden from these docs) opens a few stages (decoding, the parsed tree) to the
//! project's own evaluation command. It is not part of the API: it changes without notice.
//!
//! # The pipeline
//!
//! One private module per stage: bytes → decoded text (`decode`) → DOM (`dom`) → cleaned
//! tree, furniture marked out (`clean`) → chosen content (`select`) → blocks (`blocks`);
//! metadata from the DOM (`metadata`, dates read by `dates`); flattened text → article without a
//! DOM (`text`); the lead's dateline and credits, read once for both (`lead`); article → output
//! formats (`render`); the run's trace for [`explain`] (`explain`).

mod article;
mod blocks;
mod clean;
mod copyright;
mod dates;
mod decode;
// Reached from outside only through the hidden `internals`; documented for this crate's
// readers where it helps, not as API.
#[allow(missing_docs)]
mod dom;
mod error;
mod explain;
mod lang;
mod lead;
mod links;
mod metadata;
mod options;
mod render;
mod script;
mod select;
mod strings;
mod tags;
mod text;
mod warning;

pub use article::{
    Article, Block, ErrorInfo, Image, InlineLink, Link, PageType, Person, Provenance, Related, Role,
};
pub use error::{catch_panic, Error};
pub use links::{page_links, PageLinks};
pub use options::{Focus, InputKind, InvalidOption, Limits, Options};
pub use render::{render, Format};
pub use warning::{Fallback, Warning};

/// Stages opened to the project's own evaluation command (`warta-eval`): decoding, the parsed
/// tree it flattens pages from, and text mode on an already decoded string. **Not part of the
/// API**: hidden from the docs, and changed without notice.
#[doc(hidden)]
pub mod internals {
    pub use crate::decode::{decode, Decoded};
    pub use crate::dom::{parse, parse_with_navigation, Dom, Element, Node, NodeId, DOCUMENT};
}

/// Explains how the article was read, from the very run [`extract`] makes: for HTML the
/// reading chosen, its container, the fallback taken, the subtrees cleaning removed, and each
/// text unit kept or dropped with the rule that decided; for flattened text each line's kind
/// and whether it made the body. Quotes up to `width` characters of each text. For people
/// tuning the engine and for users asking why a paragraph vanished.
pub fn explain(input: &[u8], opts: &Options, width: usize) -> Result<String, Error> {
    let mut traced = opts.clone();
    traced.trace = Some(width);
    let (_, trace) = read(input, &traced)?;
    Ok(trace.unwrap_or_default())
}

/// Extracts the article from a page's raw bytes (HTML or flattened text).
pub fn extract(input: &[u8], opts: &Options) -> Result<Article, Error> {
    read(input, opts).map(|(article, _)| article)
}

/// The one run behind [`extract`] and [`explain`]: the article, and the trace when
/// `opts.trace` asks for one.
fn read(input: &[u8], opts: &Options) -> Result<(Article, Option<String>), Error> {
    if input.is_empty() {
        return Err(Error::EmptyInput);
    }
    let mut warnings = Vec::new();
    let input = if input.len() > opts.limits.max_input_bytes {
        warnings.push(Warning::InputTruncated {
            limit: opts.limits.max_input_bytes,
        });
        &input[..opts.limits.max_input_bytes]
    } else {
        input
    };
    let decoded = decode::decode(input, opts.http_charset.as_deref());
    if decoded.had_errors {
        warnings.push(Warning::InvalidBytesReplaced {
            encoding: decoded.encoding.name(),
        });
    }
    if looks_binary(&decoded.text) {
        return Err(Error::NotAPage("the input looks like binary data".into()));
    }
    let is_text = match opts.input_kind {
        InputKind::Html => false,
        InputKind::Text => true,
        InputKind::Auto => !text::looks_like_html(&decoded.text),
    };
    let (mut article, trace) = if is_text {
        text::extract(&decoded.text, opts)
    } else {
        extract_html(&decoded.text, opts)
    };
    warnings.append(&mut article.warnings);
    article.warnings = warnings;
    Ok((article, trace))
}

/// Extracts the article from decoded HTML, with the trace when `opts.trace` asks for one.
fn extract_html(html: &str, opts: &Options) -> (Article, Option<String>) {
    let (dom, report) = dom::parse(html, &opts.limits);
    let mut article = Article::default();
    if report.truncated_nodes {
        article.warnings.push(Warning::NodeLimit);
    }
    if report.truncated_time {
        article.warnings.push(Warning::ParseTimeLimit);
    }
    if report.cut_deep_subtrees > 0 {
        article.warnings.push(Warning::DeepSubtreesDropped {
            subtrees: report.cut_deep_subtrees,
            max_depth: opts.limits.max_depth,
        });
    }
    let meta = metadata::extract(&dom, opts);
    let cleaned = clean::clean(&dom, meta.clean_hints());
    let chosen = select::select(&dom, &cleaned, &meta, opts);
    let language = meta
        .fields
        .language
        .clone()
        .or_else(|| meta.declared_language.clone());
    article.blocks = blocks::build(&chosen, opts, language.as_deref());
    if let Some(f) = chosen.fallback {
        article.warnings.push(Warning::Fallback(f));
    }
    article.read_also = blocks::read_also(&dom, &chosen, opts);
    article.related = blocks::related(&dom, &cleaned, opts, language.as_deref());
    metadata::apply(meta, &mut article);
    let had_sources = !article.sources.is_empty();
    for line in blocks::credit_lines(&chosen) {
        metadata::add_wire_sources(&mut article, line);
    }
    if !had_sources && !article.sources.is_empty() {
        article.set_provenance("sources", "credit-line", 0.8);
    }
    article.page_type = Some(chosen.page_type);
    article.confidence = Some(chosen.confidence);
    article.refresh_text();
    let trace = opts
        .trace
        .map(|width| explain::html(&dom, &cleaned, &chosen, width));
    (article, trace)
}

/// Text that is mostly control characters is not a page, whatever its charset claims.
fn looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(4096).collect();
    let control = sample
        .iter()
        .filter(|c| c.is_control() && !c.is_whitespace())
        .count();
    control * 10 > sample.len()
}
