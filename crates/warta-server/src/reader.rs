//! The reader page: a form (`GET /`) and the article laid out for long reading (`/read`).
//!
//! The article reaches the template as plain data: every text is escaped by the template
//! engine, and a link or image survives only with an `http(s)` address. The page's own markup,
//! scripts, styles, frames and event attributes have no way through.

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Multipart, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde::{Deserialize, Serialize};
use warta_core::{Article, Block};

use crate::api::OptionFields;
use crate::body::{inflate_off_thread, read_capped};
use crate::error::ApiError;
use crate::Shared;

pub fn templates() -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    for (name, source) in [
        ("base.html", include_str!("../templates/base.html")),
        ("index.html", include_str!("../templates/index.html")),
        ("article.html", include_str!("../templates/article.html")),
        ("error.html", include_str!("../templates/error.html")),
    ] {
        env.add_template(name, source)
            .expect("the built-in templates parse");
    }
    env
}

pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/reader.css"),
    )
}

pub async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/reader.js"),
    )
}

pub async fn index(State(state): State<Shared>) -> Response {
    page(&state, StatusCode::OK, "index.html", minijinja::context! {})
}

/// `GET /read?url=…`: fetches the page, then reads it.
pub async fn read_url(
    State(state): State<Shared>,
    query: Result<Query<OptionFields>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let fields = match query {
        Ok(Query(fields)) => fields,
        Err(e) => {
            return error_page(
                &state,
                &ApiError::bad_request("invalid-option", e.body_text()),
            )
        }
    };
    let Some(url) = fields.url.clone().filter(|u| !u.trim().is_empty()) else {
        return error_page(&state, &crate::api::missing_url());
    };
    match crate::fetch::fetch_page(&state, &url).await {
        Ok(fetched) => {
            let fields = OptionFields {
                url: Some(fetched.url),
                ..fields
            };
            read_page(&state, fetched.body, fields, fetched.charset).await
        }
        Err(e) => error_page(&state, &e),
    }
}

/// `POST /read`: the form's pasted HTML or uploaded file (or its URL).
pub async fn read_posted(State(state): State<Shared>, request: Request) -> Response {
    match posted_page(&state, request).await {
        Ok((page, fields, charset)) => read_page(&state, page, fields, charset).await,
        Err(e) => error_page(&state, &e),
    }
}

/// The posted page, its options, and its HTTP charset (when it was fetched).
async fn posted_page(
    state: &Shared,
    request: Request,
) -> Result<(Bytes, OptionFields, Option<String>), ApiError> {
    let (parts, body) = request.into_parts();
    let raw = read_capped(
        &parts.headers,
        body,
        state.config.max_body_bytes,
        state.config.body_timeout(),
    )
    .await?;
    let form = posted_form(parts, raw).await?;
    let fields = OptionFields {
        url: form.url.filter(|u| !u.trim().is_empty()),
        focus: form.focus.filter(|f| !f.is_empty()),
        ..OptionFields::default()
    };
    let page = match (form.file, form.html, &fields.url) {
        (Some(file), _, _) if !file.is_empty() => file,
        (_, Some(html), _) if !html.trim().is_empty() => Bytes::from(html),
        (_, _, Some(url)) => {
            let fetched = crate::fetch::fetch_page(state, url).await?;
            let fields = OptionFields {
                url: Some(fetched.url),
                ..fields
            };
            return Ok((fetched.body, fields, fetched.charset));
        }
        _ => {
            return Err(ApiError::bad_request(
                "empty-input",
                "paste a page's HTML, choose a file, or give its address",
            ))
        }
    };
    let page = inflate_off_thread(&HeaderMap::new(), page, state.config.max_inflated_bytes).await?;
    Ok((page, fields, None))
}

/// The reader form's fields, from `multipart/form-data` or `application/x-www-form-urlencoded`.
#[derive(Default, Deserialize)]
struct ReaderForm {
    url: Option<String>,
    html: Option<String>,
    focus: Option<String>,
    #[serde(skip)]
    file: Option<Bytes>,
}

async fn posted_form(
    parts: axum::http::request::Parts,
    raw: Bytes,
) -> Result<ReaderForm, ApiError> {
    let is_multipart =
        crate::body::media_type(&parts.headers).is_some_and(|m| m == "multipart/form-data");
    if !is_multipart {
        return Ok(url::form_urlencoded::parse(&raw).fold(
            ReaderForm::default(),
            |mut form, (name, value)| {
                let value = Some(value.into_owned());
                match &*name {
                    "url" => form.url = value,
                    "html" => form.html = value,
                    "focus" => form.focus = value,
                    _ => {}
                }
                form
            },
        ));
    }
    let bad = |e: axum::extract::multipart::MultipartError| {
        ApiError::bad_request(
            "bad-form",
            format!("the form could not be read: {}", e.body_text()),
        )
    };
    let request = Request::from_parts(parts, Body::from(raw));
    let mut multipart = Multipart::from_request(request, &())
        .await
        .map_err(|e| ApiError::bad_request("bad-form", e.body_text()))?;
    let mut form = ReaderForm::default();
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name().unwrap_or("") {
            "file" => form.file = Some(field.bytes().await.map_err(bad)?),
            "url" => form.url = Some(field.text().await.map_err(bad)?),
            "html" => form.html = Some(field.text().await.map_err(bad)?),
            "focus" => form.focus = Some(field.text().await.map_err(bad)?),
            _ => {}
        }
    }
    Ok(form)
}

async fn read_page(
    state: &Shared,
    page: Bytes,
    fields: OptionFields,
    charset: Option<String>,
) -> Response {
    let opts = match fields.to_options(charset) {
        Ok(o) => o,
        Err(e) => return error_page(state, &e),
    };
    match crate::extract_page(state, page, opts).await {
        Ok(article) => page_of(state, &article),
        Err(e) => error_page(state, &e),
    }
}

fn page_of(state: &Shared, article: &Article) -> Response {
    page(
        state,
        StatusCode::OK,
        "article.html",
        minijinja::context! { article => ReaderView::of(article) },
    )
}

fn error_page(state: &Shared, error: &ApiError) -> Response {
    let mut response = page(
        state,
        error.status,
        "error.html",
        minijinja::context! { status => error.status.as_u16(), kind => error.kind, message => &error.message },
    );
    response
        .extensions_mut()
        .insert(crate::error::ErrorKind(error.kind));
    response
}

fn page(state: &Shared, status: StatusCode, template: &str, context: minijinja::Value) -> Response {
    let rendered = state
        .templates
        .get_template(template)
        .and_then(|t| t.render(context));
    match rendered {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "template",
            format!("the page could not be rendered: {e}"),
        )
        .into_response(),
    }
}

/// The article as the template sees it: display-ready, with only safe addresses.
#[derive(Serialize)]
struct ReaderView {
    title: Option<String>,
    language: Option<String>,
    direction: &'static str,
    site_name: Option<String>,
    section: Option<String>,
    authors: Vec<PersonView>,
    published: Option<DateView>,
    modified: Option<DateView>,
    dateline: Option<String>,
    sources: Vec<String>,
    description: Option<String>,
    lead_image: Option<BlockView>,
    blocks: Vec<BlockView>,
    read_also: Vec<LinkView>,
    related: Vec<LinkView>,
    tags: Vec<String>,
    reading_minutes: usize,
    words: usize,
    original: Option<String>,
    original_host: Option<String>,
}

#[derive(Serialize)]
struct PersonView {
    name: String,
    role: &'static str,
}

#[derive(Serialize)]
struct DateView {
    /// As the page gave it (the `datetime` attribute).
    iso: String,
    /// In the page's own zone.
    display: String,
    /// The zone's offset, as `UTC+07:00`; absent when the page gave none.
    zone: Option<String>,
    /// Set when the date is an instant, so that the reader's local time can be shown beside.
    instant: bool,
}

#[derive(Serialize)]
struct LinkView {
    title: String,
    href: Option<String>,
    note: Option<String>,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum BlockView {
    Paragraph {
        segments: Vec<Segment>,
    },
    Heading {
        text: String,
        level: u8,
    },
    List {
        ordered: bool,
        items: Vec<String>,
    },
    Quote {
        text: String,
        cite: Option<String>,
    },
    Table {
        head: Option<Vec<String>>,
        rows: Vec<Vec<String>>,
    },
    Figure {
        src: Option<String>,
        caption: Option<String>,
        credit: Option<String>,
    },
    Code {
        text: String,
        language: Option<String>,
    },
}

/// A run of a paragraph's text, linked or not.
#[derive(Serialize)]
struct Segment {
    text: String,
    href: Option<String>,
}

impl ReaderView {
    fn of(article: &Article) -> Self {
        let base = [&article.url, &article.canonical_url]
            .into_iter()
            .flatten()
            .find_map(|u| url::Url::parse(u).ok());
        let blocks: Vec<BlockView> = article
            .blocks
            .iter()
            .map(|b| BlockView::of(b, base.as_ref()))
            .filter(|b| !b.is_empty_figure())
            .collect();
        let has_figure = blocks.iter().any(|b| matches!(b, BlockView::Figure { .. }));
        let lead_image = article
            .image
            .as_ref()
            .filter(|_| !has_figure)
            .and_then(|img| {
                let src = safe_url(base.as_ref(), img.src.as_deref())?;
                Some(BlockView::Figure {
                    src: Some(src),
                    caption: img.caption.clone(),
                    credit: img.credit.clone(),
                })
            });
        let (words, reading_minutes) = reading_time(&article.text);
        let original = safe_url(None, article.canonical_url.as_deref())
            .or_else(|| safe_url(None, article.url.as_deref()));
        ReaderView {
            title: article.title.clone(),
            language: article.language.clone(),
            direction: direction(article),
            site_name: article.site_name.clone(),
            section: article.section.clone(),
            authors: article
                .authors
                .iter()
                .map(|p| PersonView {
                    name: p.name.clone(),
                    role: p.role.as_str(),
                })
                .collect(),
            published: article.published.as_deref().map(DateView::of),
            modified: article
                .modified
                .as_deref()
                .filter(|m| Some(*m) != article.published.as_deref())
                .map(DateView::of),
            dateline: article.dateline.clone(),
            sources: article.sources.clone(),
            description: article.description.clone(),
            lead_image,
            blocks,
            read_also: article
                .read_also
                .iter()
                .map(|l| LinkView {
                    title: l.title.clone(),
                    href: safe_url(base.as_ref(), l.url.as_deref()),
                    note: None,
                })
                .collect(),
            related: article
                .related
                .iter()
                .map(|r| LinkView {
                    title: r.title.clone(),
                    href: safe_url(base.as_ref(), r.url.as_deref()),
                    note: r.teaser.clone().or_else(|| r.age.clone()),
                })
                .collect(),
            tags: article.tags.clone(),
            reading_minutes,
            words,
            original_host: original
                .as_deref()
                .and_then(|u| url::Url::parse(u).ok())
                .and_then(|u| u.host_str().map(str::to_string)),
            original,
        }
    }
}

impl BlockView {
    /// A figure left with nothing to show once its unsafe address is dropped.
    fn is_empty_figure(&self) -> bool {
        matches!(
            self,
            BlockView::Figure {
                src: None,
                caption: None,
                credit: None
            }
        )
    }

    fn of(block: &Block, base: Option<&url::Url>) -> Self {
        match block {
            Block::Paragraph { text, links } => BlockView::Paragraph {
                segments: segments(text, links, base),
            },
            Block::Heading { text, level } => BlockView::Heading {
                text: text.clone(),
                level: (*level).clamp(2, 6),
            },
            Block::List { ordered, items } => BlockView::List {
                ordered: *ordered,
                items: items.clone(),
            },
            Block::Quote { text, cite } => BlockView::Quote {
                text: text.clone(),
                cite: cite.clone(),
            },
            Block::Table { rows, header } => {
                let mut rows = rows.clone();
                let head = (*header && !rows.is_empty()).then(|| rows.remove(0));
                BlockView::Table { head, rows }
            }
            Block::Figure {
                src,
                caption,
                credit,
            } => BlockView::Figure {
                src: safe_url(base, src.as_deref()),
                caption: caption.clone(),
                credit: credit.clone(),
            },
            Block::Code { text, language } => BlockView::Code {
                text: text.clone(),
                language: language.clone(),
            },
            // A block kind the library adds later reads as its plain text until it has a view.
            other => BlockView::Paragraph {
                segments: segments(&other.plain_text().unwrap_or_default(), &[], base),
            },
        }
    }
}

/// Splits a paragraph at its links, in order; a link whose text is not found stays unlinked.
fn segments(text: &str, links: &[warta_core::InlineLink], base: Option<&url::Url>) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut rest = text;
    for link in links {
        let Some(href) = safe_url(base, Some(&link.url)) else {
            continue;
        };
        if link.text.is_empty() {
            continue;
        }
        let Some(at) = rest.find(&link.text) else {
            continue;
        };
        if at > 0 {
            out.push(Segment {
                text: rest[..at].to_string(),
                href: None,
            });
        }
        out.push(Segment {
            text: link.text.clone(),
            href: Some(href),
        });
        rest = &rest[at + link.text.len()..];
    }
    if !rest.is_empty() {
        out.push(Segment {
            text: rest.to_string(),
            href: None,
        });
    }
    out
}

/// An address a reader may follow or load: `http` or `https` only, a relative one resolved
/// against the page's own address (`base`) when there is one.
fn safe_url(base: Option<&url::Url>, url: Option<&str>) -> Option<String> {
    let parsed = url::Url::options().base_url(base).parse(url?.trim()).ok()?;
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

/// Right to left when most strong letters of the headline and the text's start are Hebrew or
/// Arabic script (Unicode's ranges, not a list of languages).
fn direction(article: &Article) -> &'static str {
    let sample = article
        .title
        .as_deref()
        .unwrap_or("")
        .chars()
        .chain(article.text.chars().take(2000));
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for c in sample.filter(|c| c.is_alphabetic()) {
        if matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF) {
            rtl += 1;
        } else {
            ltr += 1;
        }
    }
    if rtl > ltr {
        "rtl"
    } else {
        "ltr"
    }
}

/// Words and minutes at a steady reading pace: 230 words a minute, or 500 characters of
/// scripts written without spaces between words (Chinese, Japanese, Thai…).
fn reading_time(text: &str) -> (usize, usize) {
    let unspaced = text.chars().filter(|c| is_unspaced_script(*c)).count();
    let words = text
        .split_whitespace()
        .filter(|w| !w.chars().any(is_unspaced_script))
        .count();
    let minutes = (words as f64 / 230.0 + unspaced as f64 / 500.0).ceil() as usize;
    (words + unspaced, minutes.max(1))
}

fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF        // Thai, Lao
        | 0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xF900..=0xFAFF) // CJK compatibility ideographs
}

impl DateView {
    fn of(raw: &str) -> Self {
        if let Ok(ts) = raw.parse::<jiff::Timestamp>() {
            // The offset the page wrote is its zone; the instant alone would lose it.
            let offset = offset_of(raw).unwrap_or(jiff::tz::Offset::UTC);
            let zoned = ts.to_zoned(jiff::tz::TimeZone::fixed(offset));
            let offset = zoned.offset();
            return DateView {
                iso: raw.to_string(),
                display: zoned.strftime("%Y-%m-%d %H:%M").to_string(),
                zone: Some(zone_label(offset)),
                instant: true,
            };
        }
        DateView {
            iso: raw.to_string(),
            display: raw.replace('T', " "),
            zone: None,
            instant: false,
        }
    }
}

/// The offset written at the end of an RFC 3339 instant (`+07:00`, `-05:00`, `Z`), as jiff's
/// own parser reads it.
fn offset_of(raw: &str) -> Option<jiff::tz::Offset> {
    use jiff::fmt::temporal::{Pieces, PiecesOffset};
    match Pieces::parse(raw.trim()).ok()?.offset()? {
        PiecesOffset::Zulu => Some(jiff::tz::Offset::UTC),
        PiecesOffset::Numeric(n) => Some(n.offset()),
        _ => None,
    }
}

fn zone_label(offset: jiff::tz::Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let seconds = seconds.abs();
    format!("UTC{sign}{:02}:{:02}", seconds / 3600, seconds % 3600 / 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_survive() {
        let base = url::Url::parse("https://news.example/2024/story").ok();
        for base in [None, base.as_ref()] {
            assert_eq!(safe_url(base, Some("javascript:alert(1)")), None);
            assert_eq!(safe_url(base, Some(" JavaScript:alert(1)")), None);
            assert_eq!(safe_url(base, Some("data:text/html,x")), None);
            assert_eq!(
                safe_url(base, Some("https://example.com/a")).as_deref(),
                Some("https://example.com/a")
            );
        }
        assert_eq!(safe_url(None, Some("/relative")), None);
        assert_eq!(
            safe_url(base.as_ref(), Some("/relative")).as_deref(),
            Some("https://news.example/relative")
        );
    }

    #[test]
    fn a_date_keeps_the_page_zone() {
        let d = DateView::of("2022-10-12T08:00:00+07:00");
        assert_eq!(d.display, "2022-10-12 08:00");
        assert_eq!(d.zone.as_deref(), Some("UTC+07:00"));
        assert!(d.instant);
        let plain = DateView::of("2022-10-12");
        assert!(!plain.instant);
        assert_eq!(plain.display, "2022-10-12");
    }

    #[test]
    fn paragraphs_split_at_their_links() {
        let links = vec![warta_core::InlineLink::new(
            "the report",
            "https://example.com/r",
        )];
        let s = segments("Read the report today.", &links, None);
        assert_eq!(s.len(), 3);
        assert_eq!(s[1].href.as_deref(), Some("https://example.com/r"));
        assert_eq!(s[2].text, " today.");
    }

    #[test]
    fn reading_time_counts_unspaced_scripts_by_character() {
        assert_eq!(reading_time(&"word ".repeat(460)), (460, 2));
        assert_eq!(reading_time(&"字".repeat(1000)).1, 2);
    }
}
