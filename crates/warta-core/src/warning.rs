//! What went less than well while reading a page, without failing it.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Something a caller may want to know about how a page was read: a limit was reached, bytes
/// were replaced, or the content came from a fallback. Each has a stable [`code`](Self::code)
/// for programs and a message for people; the JSON output carries the message (see
/// `docs/ARTICLE.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// The input was longer than [`Limits::max_input_bytes`](crate::Limits) and was cut.
    InputTruncated {
        /// The limit the input was cut to, in bytes.
        limit: usize,
    },
    /// Some bytes were not valid in the page's encoding and were replaced.
    InvalidBytesReplaced {
        /// The encoding's name (`UTF-8`, `windows-1252`, …).
        encoding: &'static str,
    },
    /// The node limit was reached: the rest of the page was not read.
    NodeLimit,
    /// The parse-time limit was reached: the rest of the page was not read.
    ParseTimeLimit,
    /// Subtrees nested deeper than the depth limit were dropped.
    DeepSubtreesDropped {
        /// How many subtrees were dropped.
        subtrees: usize,
        /// The depth limit.
        max_depth: usize,
    },
    /// Flattened text with more lines than text mode reads: the rest was not read.
    LineLimit {
        /// How many lines were read.
        lines: usize,
    },
    /// The content came from a fallback, not from the page's best container.
    Fallback(Fallback),
    /// A problem a front found while reading the input (a truncated WARC record, a bad
    /// content encoding), carried into the record as it was worded there.
    Input(String),
}

/// Where the content came from when the page's best container did not give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fallback {
    /// The JSON-LD `articleBody`, when the tree gave much less.
    ArticleBody,
    /// A loose pass over the whole page, when the container held next to nothing.
    LoosePass,
    /// Every text of a page that has almost none.
    EveryText,
    /// Nothing: the only text left was the page footer.
    OnlyFooter,
}

impl Fallback {
    const ALL: [Fallback; 4] = [
        Fallback::ArticleBody,
        Fallback::LoosePass,
        Fallback::EveryText,
        Fallback::OnlyFooter,
    ];

    /// How the output names this fallback.
    pub fn description(self) -> &'static str {
        match self {
            Fallback::ArticleBody => "json-ld articleBody",
            Fallback::LoosePass => "loose pass over the whole page",
            Fallback::EveryText => "every text on a page with almost none",
            Fallback::OnlyFooter => "nothing but the page footer has text",
        }
    }
}

impl Warning {
    /// A short name that stays the same across releases, for programs to match on.
    pub fn code(&self) -> &'static str {
        match self {
            Warning::InputTruncated { .. } => "input-truncated",
            Warning::InvalidBytesReplaced { .. } => "invalid-bytes",
            Warning::NodeLimit => "node-limit",
            Warning::ParseTimeLimit => "parse-time-limit",
            Warning::DeepSubtreesDropped { .. } => "deep-subtrees",
            Warning::LineLimit { .. } => "line-limit",
            Warning::Fallback(_) => "fallback",
            Warning::Input(_) => "input",
        }
    }

    /// The message for people, as the JSON output carries it.
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// Reads a warning back from its message (a record written earlier). A message this
    /// version does not know is kept as [`Warning::Input`].
    fn from_message(message: &str) -> Warning {
        let number = |s: &str| s.parse::<usize>().ok();
        let known = if let Some(limit) = message
            .strip_prefix("input truncated to ")
            .and_then(|r| r.strip_suffix(" bytes (limit)"))
            .and_then(number)
        {
            Some(Warning::InputTruncated { limit })
        } else if let Some(lines) = message
            .strip_prefix("only the first ")
            .and_then(|r| r.strip_suffix(" lines were read (limit)"))
            .and_then(number)
        {
            Some(Warning::LineLimit { lines })
        } else if let Some(name) = message
            .strip_prefix("invalid ")
            .and_then(|r| r.strip_suffix(" bytes were replaced"))
        {
            encoding_rs::Encoding::for_label(name.as_bytes())
                .map(|e| Warning::InvalidBytesReplaced { encoding: e.name() })
        } else if let Some((subtrees, max_depth)) = message
            .strip_suffix(" were dropped")
            .and_then(|r| r.split_once(" subtrees nested deeper than "))
        {
            number(subtrees)
                .zip(number(max_depth))
                .map(|(subtrees, max_depth)| Warning::DeepSubtreesDropped {
                    subtrees,
                    max_depth,
                })
        } else if let Some(reading) = message.strip_prefix("fallback: ") {
            Fallback::ALL
                .into_iter()
                .find(|f| f.description() == reading)
                .map(Warning::Fallback)
        } else {
            [Warning::NodeLimit, Warning::ParseTimeLimit]
                .into_iter()
                .find(|w| w.to_string() == message)
        };
        known.unwrap_or_else(|| Warning::Input(message.to_string()))
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::InputTruncated { limit } => {
                write!(f, "input truncated to {limit} bytes (limit)")
            }
            Warning::InvalidBytesReplaced { encoding } => {
                write!(f, "invalid {encoding} bytes were replaced")
            }
            Warning::NodeLimit => f.write_str("node limit reached: page truncated"),
            Warning::ParseTimeLimit => f.write_str("parse time limit reached: page truncated"),
            Warning::DeepSubtreesDropped {
                subtrees,
                max_depth,
            } => write!(
                f,
                "{subtrees} subtrees nested deeper than {max_depth} were dropped"
            ),
            Warning::LineLimit { lines } => {
                write!(f, "only the first {lines} lines were read (limit)")
            }
            Warning::Fallback(reading) => write!(f, "fallback: {}", reading.description()),
            Warning::Input(message) => f.write_str(message),
        }
    }
}

impl Serialize for Warning {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Warning {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let message = String::deserialize(deserializer)?;
        Ok(Warning::from_message(&message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_warning_reads_back_from_its_message() {
        let all = [
            Warning::InputTruncated { limit: 16 },
            Warning::InvalidBytesReplaced {
                encoding: encoding_rs::WINDOWS_1252.name(),
            },
            Warning::NodeLimit,
            Warning::ParseTimeLimit,
            Warning::DeepSubtreesDropped {
                subtrees: 3,
                max_depth: 256,
            },
            Warning::LineLimit { lines: 20_000 },
            Warning::Fallback(Fallback::LoosePass),
            Warning::Input("WARC-Truncated: length".into()),
        ];
        for w in all {
            let json = serde_json::to_string(&w).unwrap();
            assert_eq!(serde_json::from_str::<Warning>(&json).unwrap(), w, "{json}");
        }
    }

    #[test]
    fn the_json_is_the_message_and_the_code_is_stable() {
        let w = Warning::Fallback(Fallback::ArticleBody);
        assert_eq!(
            serde_json::to_string(&w).unwrap(),
            r#""fallback: json-ld articleBody""#
        );
        assert_eq!(w.code(), "fallback");
    }
}
