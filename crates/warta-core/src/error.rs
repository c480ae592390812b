//! The library's typed errors. Every failure a caller can see is one of these; nothing panics.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input holds no bytes.
    EmptyInput,
    /// The input decodes to something with no readable content at all (binary, or no text).
    NotAPage(String),
}

impl Error {
    /// A short, stable name for the error, as used in the `error.kind` field of records.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::EmptyInput => "empty-input",
            Error::NotAPage(_) => "not-a-page",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::EmptyInput => write!(f, "the input is empty"),
            Error::NotAPage(why) => write!(f, "the input is not a readable page: {why}"),
        }
    }
}

impl std::error::Error for Error {}
