//! warta-core: reads a news page the way a careful editor would.
//!
//! The pipeline, one module per stage:
//!
//! | stage | module |
//! |---|---|
//! | bytes → decoded text | [`decode`] |
//! | decoded text → DOM | [`dom`] |
//! | DOM → cleaned tree (furniture marked out) | [`clean`] |
//! | cleaned tree → chosen content | [`select`] |
//! | chosen content → blocks | [`blocks`] |
//! | DOM → metadata | [`metadata`] (dates read by [`dates`]) |
//! | flattened text → article (no DOM) | [`text`] |
//! | article → JSON, Markdown, text, HTML | [`render`] |
//!
//! The library does no I/O: callers hand it bytes and get an [`Article`] or an [`Error`].

pub mod article;
pub mod blocks;
pub mod clean;
pub mod dates;
pub mod decode;
pub mod dom;
pub mod error;
pub mod explain;
pub mod lang;
pub mod metadata;
pub mod options;
pub mod render;
pub(crate) mod script;
pub mod select;
pub mod text;

pub use article::{Article, Block, ErrorInfo, Image, Link, PageType, Person, Related, Role};
pub use error::{catch_panic, Error};
pub use options::{Focus, InputKind, InvalidOption, Limits, Options};
pub use render::{render, Format};

/// Extracts the article from a page's raw bytes (HTML or flattened text).
pub fn extract(input: &[u8], opts: &Options) -> Result<Article, Error> {
    if input.is_empty() {
        return Err(Error::EmptyInput);
    }
    let mut warnings = Vec::new();
    let input = if input.len() > opts.limits.max_input_bytes {
        warnings.push(format!(
            "input truncated to {} bytes (limit)",
            opts.limits.max_input_bytes
        ));
        &input[..opts.limits.max_input_bytes]
    } else {
        input
    };
    let decoded = decode::decode(input, opts.http_charset.as_deref());
    if decoded.had_errors {
        warnings.push(format!(
            "invalid {} bytes were replaced",
            decoded.encoding.name()
        ));
    }
    if looks_binary(&decoded.text) {
        return Err(Error::NotAPage("the input looks like binary data".into()));
    }
    let is_text = match opts.input_kind {
        InputKind::Html => false,
        InputKind::Text => true,
        InputKind::Auto => !text::looks_like_html(&decoded.text),
    };
    let mut article = if is_text {
        text::extract(&decoded.text, opts)
    } else {
        extract_html(&decoded.text, opts)
    };
    warnings.append(&mut article.warnings);
    article.warnings = warnings;
    Ok(article)
}

/// Extracts the article from decoded HTML.
pub fn extract_html(html: &str, opts: &Options) -> Article {
    let (dom, report) = dom::parse(html, &opts.limits);
    let mut article = Article::default();
    if report.truncated_nodes {
        article
            .warnings
            .push("node limit reached: page truncated".into());
    }
    if report.truncated_time {
        article
            .warnings
            .push("parse time limit reached: page truncated".into());
    }
    if report.cut_deep_subtrees > 0 {
        article.warnings.push(format!(
            "{} subtrees nested deeper than {} were dropped",
            report.cut_deep_subtrees, opts.limits.max_depth
        ));
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
        article.warnings.push(format!("fallback: {f}"));
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
    article
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
