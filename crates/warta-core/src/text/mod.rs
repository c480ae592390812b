//! Flattened text → article, for pages whose HTML is already gone (crawler text, WET records).

use crate::article::{Article, Block};
use crate::options::Options;

/// True when the input is plainly HTML rather than flattened text.
pub fn looks_like_html(s: &str) -> bool {
    let head: String = s
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    let trimmed = head.trim_start();
    trimmed.starts_with('<')
        && [
            "<html",
            "<!doctype",
            "<head",
            "<body",
            "<div",
            "<p",
            "<meta",
            "<title",
            "<?xml",
        ]
        .iter()
        .any(|t| head.contains(t))
}

/// Reads flattened text: each non-empty line becomes a paragraph.
pub fn extract(text: &str, _opts: &Options) -> Article {
    let mut article = Article {
        blocks: text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| Block::Paragraph {
                text: l.to_string(),
                links: Vec::new(),
            })
            .collect(),
        ..Default::default()
    };
    article.refresh_text();
    article
}
