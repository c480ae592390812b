//! The JSON API: `POST /v1/extract`, `POST /v1/batch`, `/healthz`, `/metrics`, `/openapi.json`.

use std::convert::Infallible;

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde::Deserialize;
use warta_core::{Article, Format, Options};

use crate::body::{charset, inflate_off_thread, media_type, read_capped};
use crate::error::ApiError;
use crate::Shared;

/// The options a request may set, from the query string or a JSON body's `options`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionFields {
    pub url: Option<String>,
    pub input: Option<String>,
    pub focus: Option<String>,
    pub reference_time: Option<String>,
    pub format: Option<String>,
}

impl OptionFields {
    /// `other`'s fields where it has them, else ours.
    fn overridden_by(self, other: OptionFields) -> OptionFields {
        OptionFields {
            url: other.url.or(self.url),
            input: other.input.or(self.input),
            focus: other.focus.or(self.focus),
            reference_time: other.reference_time.or(self.reference_time),
            format: other.format.or(self.format),
        }
    }

    /// The library's options; a value it cannot use is a 400.
    pub fn to_options(&self, http_charset: Option<String>) -> Result<Options, ApiError> {
        let invalid =
            |e: warta_core::InvalidOption| ApiError::bad_request("invalid-option", e.to_string());
        let mut opts = Options::default();
        if let Some(url) = &self.url {
            opts = opts.with_url(url.clone());
        }
        if let Some(input) = &self.input {
            opts = opts.with_input_kind(input.parse().map_err(invalid)?);
        }
        if let Some(focus) = &self.focus {
            opts = opts.with_focus(focus.parse().map_err(invalid)?);
        }
        if let Some(time) = &self.reference_time {
            opts = opts.with_reference_time(time).map_err(invalid)?;
        }
        if let Some(charset) = http_charset {
            opts = opts.with_http_charset(charset);
        }
        Ok(opts)
    }
}

/// A JSON request body: the page and, optionally, its URL and the options.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonExtract {
    html: String,
    url: Option<String>,
    #[serde(default)]
    options: OptionFields,
}

/// One line of a batch: an id, the page (or a URL to fetch), and the page's URL.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchLine {
    id: Option<serde_json::Value>,
    html: Option<String>,
    url: Option<String>,
}

pub async fn post_extract(
    State(state): State<Shared>,
    query: Result<Query<OptionFields>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let Query(query) = query.map_err(|e| ApiError::bad_request("invalid-option", e.body_text()))?;
    let raw = read_capped(
        &headers,
        body,
        state.config.max_body_bytes,
        state.config.body_timeout(),
    )
    .await?;
    let (page, fields, http_charset) =
        if media_type(&headers).as_deref() == Some("application/json") {
            let request: JsonExtract = serde_json::from_slice(&raw).map_err(|e| {
                ApiError::bad_request("malformed-json", format!("the JSON body is not valid: {e}"))
            })?;
            let mut fields = query.overridden_by(request.options);
            if request.url.is_some() {
                fields.url = request.url;
            }
            (Bytes::from(request.html), fields, None)
        } else {
            let page = inflate_off_thread(&headers, raw, state.config.max_inflated_bytes).await?;
            (page, query, charset(&headers))
        };
    let format = response_format(fields.format.as_deref(), &headers)?;
    let opts = fields.to_options(http_charset)?;
    let article = crate::extract_page(&state, page, opts).await?;
    Ok(rendered(&article, format))
}

/// `GET /v1/extract?url=…`: fetches the page under the fetch policy, then extracts it.
pub async fn get_extract(
    State(state): State<Shared>,
    query: Result<Query<OptionFields>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Query(mut fields) =
        query.map_err(|e| ApiError::bad_request("invalid-option", e.body_text()))?;
    let format = response_format(fields.format.as_deref(), &headers)?;
    let url = fields
        .url
        .clone()
        .filter(|u| !u.trim().is_empty())
        .ok_or_else(missing_url)?;
    // Options are checked before the fetch: a bad one costs the network nothing.
    fields.to_options(None)?;
    let fetched = crate::fetch::fetch_page(&state, &url).await?;
    fields.url = Some(fetched.url);
    let opts = fields.to_options(fetched.charset)?;
    let article = crate::extract_page(&state, fetched.body, opts).await?;
    Ok(rendered(&article, format))
}

pub fn missing_url() -> ApiError {
    ApiError::bad_request("missing-url", "give the address of a page: ?url=https://…")
}

pub async fn post_batch(
    State(state): State<Shared>,
    query: Result<Query<OptionFields>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let Query(query) = query.map_err(|e| ApiError::bad_request("invalid-option", e.body_text()))?;
    let base = query.to_options(None)?;
    let raw = read_capped(
        &headers,
        body,
        state.config.max_batch_bytes,
        state.config.body_timeout(),
    )
    .await?;
    let raw = inflate_off_thread(&headers, raw, state.config.max_batch_bytes).await?;
    let text = String::from_utf8(raw.to_vec())
        .map_err(|_| ApiError::bad_request("malformed-json", "the NDJSON body is not UTF-8"))?;
    let lines: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    let workers = state.config.workers();
    // In input order, `workers` pages at a time; each answer is sent as soon as it and those
    // before it are done.
    let records = futures_util::stream::iter(lines)
        .map(move |line| {
            let state = state.clone();
            let base = base.clone();
            async move {
                let mut record = batch_record(&state, &line, base).await;
                record.push('\n');
                Ok::<_, Infallible>(Bytes::from(record))
            }
        })
        .buffered(workers);
    Ok((
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        Body::from_stream(records),
    )
        .into_response())
}

/// One batch line's answer: the article, or an error record with the line's id.
async fn batch_record(state: &Shared, line: &str, base: Options) -> String {
    let parsed: BatchLine = match serde_json::from_str(line) {
        Ok(l) => l,
        Err(e) => {
            state.metrics.record_error("malformed-json");
            let failed = Article::failed(
                None,
                None,
                "malformed-json",
                format!("line is not valid JSON: {e}"),
            );
            return warta_core::render(&failed, Format::Jsonl);
        }
    };
    let id = parsed.id.map(|v| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    });
    let page = match (parsed.html, parsed.url) {
        (Some(html), url) => Ok((Bytes::from(html), url, None)),
        (None, Some(url)) => crate::fetch::fetch_page(state, &url)
            .await
            .map(|f| (f.body, Some(f.url), f.charset)),
        (None, None) => Err(ApiError::bad_request(
            "malformed-json",
            "a batch line needs \"html\" or \"url\"",
        )),
    };
    let extracted = match page {
        Ok((page, url, charset)) => {
            let mut opts = base;
            if let Some(url) = url {
                opts = opts.with_url(url);
            }
            if let Some(charset) = charset {
                opts = opts.with_http_charset(charset);
            }
            crate::extract_page(state, page, opts).await
        }
        Err(e) => Err(e),
    };
    match extracted {
        Ok(mut article) => {
            article.id = id;
            warta_core::render(&article, Format::Jsonl)
        }
        Err(e) => {
            state.metrics.record_error(e.kind);
            warta_core::render(&Article::failed(id, None, e.kind, e.message), Format::Jsonl)
        }
    }
}

/// The format asked for by `format=`, else by `Accept`, else JSON.
pub fn response_format(asked: Option<&str>, headers: &HeaderMap) -> Result<Format, ApiError> {
    if let Some(name) = asked {
        return match name {
            "json" => Ok(Format::Json),
            "markdown" => Ok(Format::Markdown),
            "text" => Ok(Format::Text),
            "html" => Ok(Format::Html),
            other => Err(ApiError::bad_request(
                "invalid-option",
                format!("invalid format: {other:?}: expected json, markdown, text or html"),
            )),
        };
    }
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let wanted = [
        ("application/json", Format::Json),
        ("text/markdown", Format::Markdown),
        ("text/html", Format::Html),
        ("text/plain", Format::Text),
    ];
    Ok(wanted
        .into_iter()
        .filter_map(|(media, format)| accept.find(media).map(|at| (at, format)))
        .min_by_key(|(at, _)| *at)
        .map_or(Format::Json, |(_, format)| format))
}

/// The article in the asked format. JSON is exactly `warta extract --format json`'s output.
pub fn rendered(article: &Article, format: Format) -> Response {
    let content_type = match format {
        Format::Json | Format::Jsonl => "application/json",
        Format::Markdown => "text/markdown; charset=utf-8",
        Format::Text => "text/plain; charset=utf-8",
        Format::Html => "text/html; charset=utf-8",
    };
    let mut text = warta_core::render(article, format);
    text.push('\n');
    ([(header::CONTENT_TYPE, content_type)], text).into_response()
}

pub async fn healthz() -> impl IntoResponse {
    axum::Json(serde_json::json!({"status": "ok"}))
}

pub async fn metrics(State(state): State<Shared>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
}

pub async fn openapi() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("openapi.json"),
    )
}

pub async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not-found",
        "no such route; see /openapi.json",
    )
}
