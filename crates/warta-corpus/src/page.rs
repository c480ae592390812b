//! The unit of work: a page read from some input, and what extracting it gives.

use warta_core::{InputKind, Options, Warning};

use crate::http::{self, split_content_type, HttpError};
use crate::record::Record;
use warta_fetch::Fetcher;

/// What the reader hands to the workers, in input order.
#[derive(Debug)]
pub enum Item {
    Page(Page),
    /// An input or a stretch of one that could not be read: written as an error record.
    Failed(Box<Record>),
    /// A record that holds no page to extract (counted by reason, not written).
    Skipped(String),
}

impl Item {
    /// The identity a record of this item carries in the output, for `--resume`.
    pub fn key(&self) -> Option<&str> {
        match self {
            Item::Page(p) => Some(p.id.as_deref().unwrap_or(&p.input)),
            Item::Failed(r) => r.key(),
            Item::Skipped(_) => None,
        }
    }

    /// The `id` and `input` a record of this item carries.
    pub fn identity(&self) -> (Option<String>, Option<String>) {
        match self {
            Item::Page(p) => (p.id.clone(), Some(p.input.clone())),
            Item::Failed(r) => (r.id.clone(), r.input.clone()),
            Item::Skipped(_) => (None, None),
        }
    }
}

#[derive(Debug)]
pub struct Page {
    /// The WARC-Record-ID, or the id a manifest gave.
    pub id: Option<String>,
    /// Where the page was read: a path, or `path@offset` for a record in a WARC file.
    pub input: String,
    pub url: Option<String>,
    /// When the page was fetched (the WARC-Date).
    pub fetched: Option<String>,
    pub payload: Payload,
    /// Problems found while reading (truncation and the like), carried into the record.
    pub warnings: Vec<String>,
}

#[derive(Debug)]
pub enum Payload {
    /// A document ready for the extractor.
    Document {
        bytes: Vec<u8>,
        charset: Option<String>,
        kind: InputKind,
    },
    /// A raw HTTP response (header and body) from a WARC `response` record.
    HttpResponse(Vec<u8>),
    /// Nothing yet: the worker fetches the page's `url`.
    Fetch,
}

/// What a worker makes of a page.
#[derive(Debug)]
pub enum Outcome {
    Record(Box<Record>),
    Skipped(String),
}

/// Bodies are cut to this size before extraction (the extractor has its own, lower, limit).
const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// Extracts one page (fetching it first when it is a URL). Never panics and never fails: a
/// failure is an error record. A page whose body is blank is skipped.
pub fn process(page: Page, base: &Options, fetcher: &Fetcher) -> Outcome {
    let ready = match prepare(page, base, fetcher) {
        Ok(ready) => ready,
        Err(outcome) => return outcome,
    };
    if ready.bytes.iter().all(u8::is_ascii_whitespace) {
        return Outcome::Skipped("empty body".into());
    }
    Outcome::Record(Box::new(ready.extract()))
}

/// A page with its bytes in hand (read, unwrapped from its HTTP response, or fetched) and the
/// options to read it with: what [`process`] extracts, and what `warta extract --explain`
/// explains.
#[derive(Debug)]
pub struct Prepared {
    id: Option<String>,
    input: String,
    url: Option<String>,
    fetched: Option<String>,
    warnings: Vec<String>,
    /// The document's bytes.
    pub bytes: Vec<u8>,
    /// `base` with what the page itself says: its URL, charset, kind and capture time.
    pub options: Options,
}

impl Prepared {
    /// Extracts the page into its record; a library error or panic becomes an error record.
    pub fn extract(self) -> Record {
        let mut article =
            match warta_core::catch_panic(|| warta_core::extract(&self.bytes, &self.options)) {
                Ok(Ok(a)) => a,
                Ok(Err(e)) | Err(e) => return self.failed(e.kind(), e.to_string()),
            };
        if self.url.is_some() {
            article.url = self.url;
        }
        let mut warnings: Vec<Warning> = self.warnings.into_iter().map(Warning::Input).collect();
        warnings.append(&mut article.warnings);
        article.warnings = warnings;
        let mut record = Record::read(self.id, Some(self.input), article);
        record.fetched = self.fetched;
        record
    }

    fn failed(&self, kind: &str, message: String) -> Record {
        failed_record(
            &self.id,
            &self.input,
            &self.url,
            &self.fetched,
            kind,
            message,
        )
    }
}

fn failed_record(
    id: &Option<String>,
    input: &str,
    url: &Option<String>,
    fetched: &Option<String>,
    kind: &str,
    message: String,
) -> Record {
    let mut r = Record::failed(id.clone(), Some(input.to_string()), kind, message);
    r.article.url = url.clone();
    r.fetched = fetched.clone();
    r
}

/// Gets a page's bytes and options: reads the HTTP response around them or fetches them, and
/// tells the options what the page says of itself. A failure is an error record; a response
/// that holds no page (not HTML, not 2xx) is a skip.
pub fn prepare(page: Page, base: &Options, fetcher: &Fetcher) -> Result<Prepared, Outcome> {
    let Page {
        id,
        input,
        url,
        fetched,
        payload,
        mut warnings,
    } = page;
    let failed = |kind: &str, message: String| {
        Outcome::Record(Box::new(failed_record(
            &id, &input, &url, &fetched, kind, message,
        )))
    };
    // For a page fetched now: when.
    let mut fetched_now = None;
    let (bytes, charset, kind) = match payload {
        Payload::Document {
            bytes,
            charset,
            kind,
        } => (bytes, charset, kind),
        Payload::HttpResponse(block) => match http_page(&block) {
            Ok(resp) => {
                warnings.extend(resp.warnings);
                (resp.body, resp.charset, InputKind::Html)
            }
            Err(NotExtracted::Failed { kind, message }) => return Err(failed(kind, message)),
            Err(NotExtracted::Skipped(reason)) => return Err(Outcome::Skipped(reason)),
        },
        Payload::Fetch => {
            let Some(target) = url.as_deref() else {
                return Err(failed("fetch", "no URL to fetch".into()));
            };
            fetched_now = Some(
                jiff::Timestamp::now()
                    .strftime("%Y-%m-%dT%H:%M:%SZ")
                    .to_string(),
            );
            let page = match fetcher.fetch(target) {
                Ok(p) => p,
                Err(e) => return Err(failed("fetch", format!("{}: {e}", e.kind()))),
            };
            if !(200..300).contains(&page.status()) {
                return Err(failed("fetch", format!("HTTP status {}", page.status())));
            }
            let (mime, charset) = page
                .content_type()
                .map(split_content_type)
                .unwrap_or_default();
            if !is_html(mime.as_deref(), &page.body) {
                return Err(Outcome::Skipped(format!(
                    "not HTML: {}",
                    mime.as_deref().map_or("no type".into(), reason_safe)
                )));
            }
            (page.body, charset, InputKind::Html)
        }
    };
    let fetched = fetched.or(fetched_now);
    let mut options = base.clone();
    // What the page says of itself wins over the caller's defaults, where it says anything.
    if kind != InputKind::Auto {
        options = options.with_input_kind(kind);
    }
    if let Some(url) = &url {
        options = options.with_url(url.as_str());
    }
    if let Some(charset) = charset {
        options = options.with_http_charset(charset);
    }
    // A capture time that is not an instant (a damaged WARC-Date) resolves no ages; the
    // record still carries it as written.
    if let Some(Ok(with_time)) = fetched
        .as_deref()
        .map(|f| options.clone().with_reference_time(f))
    {
        options = with_time;
    }
    Ok(Prepared {
        id,
        input,
        url,
        fetched,
        warnings,
        bytes,
        options,
    })
}

/// Why an HTTP response holds no page to extract.
#[derive(Debug, PartialEq, Eq)]
pub enum NotExtracted {
    /// The response is broken: an error record of this kind.
    Failed { kind: &'static str, message: String },
    /// The response is fine but not a page (a redirect, an image, …): a counted skip.
    Skipped(String),
}

/// The page inside the HTTP response of a WARC `response` record: a 2xx HTML response with its
/// codings undone, or why there is none. The batch and the Python binding's `read_warc` both
/// decide with this, so that they agree on what is a page.
pub fn http_page(block: &[u8]) -> Result<http::Response, NotExtracted> {
    match http::parse_response(block, MAX_BODY_BYTES) {
        Ok(resp) => {
            if !(200..300).contains(&resp.status) {
                return Err(NotExtracted::Skipped(format!(
                    "HTTP status {}xx",
                    resp.status / 100
                )));
            }
            if !is_html(resp.mime.as_deref(), &resp.body) {
                return Err(NotExtracted::Skipped(format!(
                    "not HTML: {}",
                    resp.mime.as_deref().map_or("no type".into(), reason_safe)
                )));
            }
            Ok(resp)
        }
        Err(HttpError::Malformed(message)) => Err(NotExtracted::Failed {
            kind: "bad-http",
            message,
        }),
        Err(HttpError::Decoding(message)) => Err(NotExtracted::Failed {
            kind: "content-decoding",
            message,
        }),
        Err(HttpError::UnsupportedCoding(reason)) => Err(NotExtracted::Skipped(reason)),
    }
}

fn is_html(mime: Option<&str>, body: &[u8]) -> bool {
    match mime {
        Some("text/html" | "application/xhtml+xml") => true,
        // Types that say nothing useful: trust the bytes.
        None | Some("text/plain" | "application/octet-stream" | "unknown/unknown") => {
            http::sniffs_as_html(body)
        }
        Some(_) => false,
    }
}

/// A media type fit to be a summary key: short and plain.
fn reason_safe(mime: &str) -> String {
    let clean: String = mime
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "/.+-_".contains(*c))
        .take(40)
        .collect();
    if clean.is_empty() {
        "odd type".into()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http_page(block: &[u8]) -> Page {
        Page {
            id: Some("<urn:uuid:1>".into()),
            input: "x.warc@0".into(),
            url: Some("https://news.example/a".into()),
            fetched: Some("2024-05-01T10:00:00Z".into()),
            payload: Payload::HttpResponse(block.to_vec()),
            warnings: vec!["WARC-Truncated: length".into()],
        }
    }

    #[test]
    fn html_responses_become_articles_with_their_identity() {
        let out = process(
            http_page(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Hello there, reader.</p></body></html>"),
            &Options::default(),
            &Fetcher::new(Default::default()),
        );
        let Outcome::Record(a) = out else {
            panic!("expected an article")
        };
        assert!(a.error.is_none());
        assert_eq!(a.id.as_deref(), Some("<urn:uuid:1>"));
        assert_eq!(a.article.url.as_deref(), Some("https://news.example/a"));
        assert_eq!(a.fetched.as_deref(), Some("2024-05-01T10:00:00Z"));
        assert_eq!(
            a.article.warnings.first(),
            Some(&Warning::Input("WARC-Truncated: length".into()))
        );
    }

    #[test]
    fn non_html_and_non_2xx_are_skipped_by_reason() {
        let img = process(
            http_page(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG"),
            &Options::default(),
            &Fetcher::new(Default::default()),
        );
        assert!(matches!(img, Outcome::Skipped(r) if r == "not HTML: image/png"));
        let moved = process(
            http_page(b"HTTP/1.1 301 Moved\r\nLocation: /b\r\n\r\n"),
            &Options::default(),
            &Fetcher::new(Default::default()),
        );
        assert!(matches!(moved, Outcome::Skipped(r) if r == "HTTP status 3xx"));
    }

    #[test]
    fn a_broken_response_is_an_error_record() {
        let Outcome::Record(a) = process(
            http_page(b"garbage"),
            &Options::default(),
            &Fetcher::new(Default::default()),
        ) else {
            panic!("expected an error record")
        };
        assert_eq!(a.error.map(|e| e.kind).as_deref(), Some("bad-http"));
        assert_eq!(a.id.as_deref(), Some("<urn:uuid:1>"));
    }
}
