//! What a caller can tune: limits, the precision/recall dial, and what is known about the input.

use std::time::Duration;

/// Hard limits that keep one hostile page from taking the process down.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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
#[non_exhaustive]
pub enum Focus {
    /// Keep only what is clearly the article.
    Precision,
    /// The default: what a careful reader would call the article.
    #[default]
    Balanced,
    /// Keep borderline blocks too (captions, short asides, sidebars inside the article).
    Recall,
}

/// How to read the input bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputKind {
    /// HTML unless the input is plainly flattened text.
    #[default]
    Auto,
    /// Raw HTML.
    Html,
    /// Flattened text: the visible text of a page, a line per block, as crawlers store it.
    Text,
}

/// What [`extract`](crate::extract) is told about a page and how to read it. Start from
/// `Options::default()` and chain the `with_*` setters; the fields are private so that a new
/// option breaks no caller.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The page's URL, used to resolve links and as a metadata source.
    pub(crate) url: Option<String>,
    /// The charset from an HTTP `Content-Type` header, when the caller has one.
    pub(crate) http_charset: Option<String>,
    /// When the page was fetched: an RFC 3339 instant, checked by the setter. The written
    /// offset is kept as well as the instant: text mode shows resolved ages in it.
    pub(crate) reference_time: Option<String>,
    pub(crate) input_kind: InputKind,
    pub(crate) focus: Focus,
    pub(crate) limits: Limits,
    /// Set by [`explain`](crate::explain) only: record why each unit or line was kept or
    /// dropped, quoting this many characters of each.
    pub(crate) trace: Option<usize>,
}

/// An option value the library cannot use, with what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidOption {
    /// The option's name, as the CLI and the bindings spell it.
    pub option: &'static str,
    /// Why the value was refused.
    pub message: String,
}

impl std::fmt::Display for InvalidOption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid {}: {}", self.option, self.message)
    }
}

impl std::error::Error for InvalidOption {}

/// Setters for the fronts (CLI, bindings, server), so that adding an option breaks none of them.
impl Options {
    /// The page's URL.
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// The charset named by the HTTP `Content-Type` header.
    pub fn with_http_charset(mut self, charset: impl Into<String>) -> Self {
        self.http_charset = Some(charset.into());
        self
    }

    /// How to read the input (HTML, flattened text, or decide).
    pub fn with_input_kind(mut self, kind: InputKind) -> Self {
        self.input_kind = kind;
        self
    }

    /// The precision/recall dial.
    pub fn with_focus(mut self, focus: Focus) -> Self {
        self.focus = focus;
        self
    }

    /// The size, depth and time limits.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// When the page was fetched: the instant relative ages resolve against, written in UTC.
    pub fn with_reference_timestamp(mut self, instant: jiff::Timestamp) -> Self {
        self.reference_time = Some(instant.to_string());
        self
    }

    /// When the page was fetched, as an RFC 3339 instant with its offset
    /// (`2024-05-20T10:00:00+07:00`); relative ages ("11 jam lalu") resolve against it.
    pub fn with_reference_time(mut self, instant: &str) -> Result<Self, InvalidOption> {
        let instant = instant.trim();
        instant
            .parse::<jiff::Timestamp>()
            .map_err(|e| InvalidOption {
                option: "reference_time",
                message: format!("{instant:?} is not an RFC 3339 instant with an offset ({e})"),
            })?;
        self.reference_time = Some(instant.to_string());
        Ok(self)
    }
}

/// What the options say, for fronts that report them.
impl Options {
    /// The page's URL, if given.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// The HTTP charset, if given.
    pub fn http_charset(&self) -> Option<&str> {
        self.http_charset.as_deref()
    }

    /// The reference time, if given.
    pub fn reference_time(&self) -> Option<jiff::Timestamp> {
        self.reference_time.as_deref().and_then(|t| t.parse().ok())
    }

    /// How the input is read.
    pub fn input_kind(&self) -> InputKind {
        self.input_kind
    }

    /// The precision/recall dial.
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }
}

impl std::str::FromStr for Focus {
    type Err = InvalidOption;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "precision" => Ok(Focus::Precision),
            "balanced" => Ok(Focus::Balanced),
            "recall" => Ok(Focus::Recall),
            other => Err(InvalidOption {
                option: "focus",
                message: format!("{other:?}: expected precision, balanced or recall"),
            }),
        }
    }
}

impl std::str::FromStr for InputKind {
    type Err = InvalidOption;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auto" => Ok(InputKind::Auto),
            "html" => Ok(InputKind::Html),
            "text" => Ok(InputKind::Text),
            other => Err(InvalidOption {
                option: "input",
                message: format!("{other:?}: expected auto, html or text"),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_time_needs_an_offset() {
        assert!(Options::default()
            .with_reference_time("2024-05-20T10:00:00+07:00")
            .is_ok());
        let err = Options::default()
            .with_reference_time("yesterday")
            .unwrap_err();
        assert_eq!(err.option, "reference_time");
    }

    #[test]
    fn dial_and_input_names_parse() {
        assert_eq!("recall".parse::<Focus>(), Ok(Focus::Recall));
        assert_eq!("text".parse::<InputKind>(), Ok(InputKind::Text));
        assert!("loud".parse::<Focus>().is_err());
    }
}
