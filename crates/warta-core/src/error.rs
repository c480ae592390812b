//! The library's typed errors. Every failure a caller can see is one of these; nothing panics.

use std::fmt;

/// Why a page could not be read at all. (A page read less than well is still an [`Article`],
/// with [`Warning`]s.)
///
/// [`Article`]: crate::Article
/// [`Warning`]: crate::Warning
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input holds no bytes.
    EmptyInput,
    /// The input decodes to something with no readable content at all (binary, or no text).
    NotAPage(String),
    /// The work panicked: a bug in warta, caught by [`catch_panic`] and reported instead.
    Panicked(String),
}

impl Error {
    /// A short, stable name for the error, as used in the `error.kind` field of records.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::EmptyInput => "empty-input",
            Error::NotAPage(_) => "not-a-page",
            Error::Panicked(_) => "panic",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::EmptyInput => write!(f, "the input is empty"),
            Error::NotAPage(why) => write!(f, "the input is not a readable page: {why}"),
            Error::Panicked(what) => write!(f, "warta panicked (a bug; please report it): {what}"),
        }
    }
}

impl std::error::Error for Error {}

/// The one panic guard: runs `work` and turns a panic into [`Error::Panicked`] with its message.
/// Every front (batch, eval, bindings, server) calls this, so that one bad page becomes one error
/// record and never takes down the run, the interpreter or the server.
pub fn catch_panic<T>(work: impl FnOnce() -> T) -> Result<T, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".into());
        Error::Panicked(message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_with_its_message() {
        let caught = catch_panic(|| -> u8 { panic!("page 7 broke") });
        assert_eq!(caught, Err(Error::Panicked("page 7 broke".into())));
        assert_eq!(catch_panic(|| 3), Ok(3));
        assert_eq!(Error::Panicked(String::new()).kind(), "panic");
    }
}
