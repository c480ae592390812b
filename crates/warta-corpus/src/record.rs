//! A record: one line of a batch's output. The article the library read, with what the corpus
//! knows around it (where the page came from, when it was fetched, its fingerprint, whether it
//! duplicates an earlier one, or why it failed). One JSON object per record: the article's
//! fields are flattened in, so the line is the shape `docs/ARTICLE.md` documents.

use serde::{Deserialize, Serialize};
use warta_core::{Article, Error, ErrorInfo, Format};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The id the caller gave (a manifest line's `id`), or the WARC-Record-ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What was read: a path, `-` for standard input, a URL, or `<file>@<offset>` in a WARC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// Capture time (`WARC-Date`, or the moment a URL was fetched); also the reference time
    /// for relative ages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fetched: Option<String>,
    /// What the library read; empty on a failed record.
    #[serde(flatten)]
    pub article: Article,
    /// A hash of the article's text, for finding duplicates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// In a deduplicating batch, the key of the first record with the same (or nearly the
    /// same) text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    /// Set only on a record that failed; the article is then empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
}

impl Record {
    /// The record of a page read well.
    pub fn read(id: Option<String>, input: Option<String>, article: Article) -> Self {
        Record {
            id,
            input,
            article,
            ..Default::default()
        }
    }

    /// The record for an input that failed: its identity and the error, nothing else.
    pub fn failed(id: Option<String>, input: Option<String>, kind: &str, message: String) -> Self {
        Record {
            id,
            input,
            error: Some(ErrorInfo::new(kind, message)),
            ..Default::default()
        }
    }

    /// The record for an input the library refused.
    pub fn refused(id: Option<String>, input: Option<String>, error: &Error) -> Self {
        Record {
            id,
            input,
            error: Some(error.into()),
            ..Default::default()
        }
    }

    /// The record's identity: its id, else the input it came from.
    pub fn key(&self) -> Option<&str> {
        self.id.as_deref().or(self.input.as_deref())
    }

    /// The record in a format: the whole record as JSON, or the article's body in the others.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Json => serde_json::to_string_pretty(self).unwrap_or_default(),
            Format::Jsonl => serde_json::to_string(self).unwrap_or_default(),
            other => warta_core::render(&self.article, other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_one_flat_object_that_reads_back() {
        let mut r = Record::failed(
            Some("a".into()),
            Some("x.html".into()),
            "read",
            "gone".into(),
        );
        r.article.url = Some("https://news.example/a".into());
        let line = r.render(Format::Jsonl);
        assert_eq!(
            line,
            r#"{"id":"a","input":"x.html","url":"https://news.example/a","error":{"kind":"read","message":"gone"}}"#
        );
        assert_eq!(serde_json::from_str::<Record>(&line).unwrap(), r);
    }
}
