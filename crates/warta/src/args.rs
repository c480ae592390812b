//! Flag values shared by the subcommands, each mapped onto the library's own type.

use clap::ValueEnum;
use warta_core::{Focus, Format, InputKind};

/// `--focus`: the precision/recall dial.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum FocusArg {
    Precision,
    Balanced,
    Recall,
}

impl From<FocusArg> for Focus {
    fn from(f: FocusArg) -> Focus {
        match f {
            FocusArg::Precision => Focus::Precision,
            FocusArg::Balanced => Focus::Balanced,
            FocusArg::Recall => Focus::Recall,
        }
    }
}

/// `--input`: how to read the bytes.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum InputArg {
    Auto,
    Html,
    Text,
}

impl From<InputArg> for InputKind {
    fn from(i: InputArg) -> InputKind {
        match i {
            InputArg::Auto => InputKind::Auto,
            InputArg::Html => InputKind::Html,
            InputArg::Text => InputKind::Text,
        }
    }
}

/// `warta extract --format`.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum OutputFormat {
    Json,
    Jsonl,
    Markdown,
    Text,
    Html,
}

impl From<OutputFormat> for Format {
    fn from(f: OutputFormat) -> Format {
        match f {
            OutputFormat::Json => Format::Json,
            OutputFormat::Jsonl => Format::Jsonl,
            OutputFormat::Markdown => Format::Markdown,
            OutputFormat::Text => Format::Text,
            OutputFormat::Html => Format::Html,
        }
    }
}
