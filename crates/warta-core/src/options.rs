//! What a caller can tune: limits, the precision/recall dial, and what is known about the input.

use std::time::Duration;

/// Hard limits that keep one hostile page from taking the process down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Inputs larger than this are cut to this size (with a warning) before decoding.
    pub max_input_bytes: usize,
    /// Parsing stops (with a warning) once the tree holds this many nodes.
    pub max_nodes: usize,
    /// Subtrees nested deeper than this are dropped (with a warning).
    pub max_depth: usize,
    /// Parsing stops (with a warning) after this long.
    pub max_parse_time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 16 * 1024 * 1024,
            max_nodes: 500_000,
            max_depth: 256,
            max_parse_time: Duration::from_secs(5),
        }
    }
}

/// The precision/recall dial: how much borderline content to keep.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Focus {
    /// Keep only what is clearly the article.
    Precision,
    #[default]
    Balanced,
    /// Keep borderline blocks too (captions, short asides, sidebars inside the article).
    Recall,
}

/// How to read the input bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InputKind {
    /// HTML unless the input is plainly flattened text.
    #[default]
    Auto,
    Html,
    Text,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The page's URL, used to resolve links and as a metadata source.
    pub url: Option<String>,
    /// The charset from an HTTP `Content-Type` header, when the caller has one.
    pub http_charset: Option<String>,
    /// The time the page was fetched (RFC 3339); relative ages are resolved against it.
    pub reference_time: Option<String>,
    pub input_kind: InputKind,
    pub focus: Focus,
    pub limits: Limits,
}
