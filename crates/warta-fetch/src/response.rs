//! What a fetch gives back: every exchange, redirects included, with its headers in order.

/// One header line, name and value as received (names lower-cased by the HTTP stack).
pub type Header = (String, String);

/// One request and the head of the response it got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// The URL asked for.
    pub url: String,
    /// The request headers as set by the fetcher (`Host` first); the HTTP stack writes them
    /// in its own order.
    pub request_headers: Vec<Header>,
    /// `HTTP/1.1`, `HTTP/1.0`, …
    pub version: String,
    pub status: u16,
    /// All response headers, in the order received.
    pub headers: Vec<Header>,
}

impl Exchange {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of header `name` (any case), in order.
    pub fn header_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The request head as an HTTP/1.1 message (`GET /path HTTP/1.1`, headers, blank line), as
    /// a WARC `request` record holds it.
    pub fn request_head(&self) -> Vec<u8> {
        let target = url::Url::parse(&self.url).map_or_else(
            |_| "/".to_string(),
            |u| match u.query() {
                Some(q) => format!("{}?{q}", u.path()),
                None => u.path().to_string(),
            },
        );
        let mut head = format!("GET {target} HTTP/1.1\r\n");
        push_headers(&mut head, &self.request_headers);
        head.into_bytes()
    }

    /// The response head (status line, headers, blank line), as a WARC `response` record holds
    /// it before the body.
    pub fn response_head(&self) -> Vec<u8> {
        let reason = http_reason(self.status);
        let mut head = format!("{} {} {reason}\r\n", self.version, self.status);
        push_headers(&mut head, &self.headers);
        head.into_bytes()
    }
}

fn push_headers(head: &mut String, headers: &[Header]) {
    for (name, value) in headers {
        head.push_str(name);
        head.push_str(": ");
        head.push_str(value);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
}

fn http_reason(status: u16) -> &'static str {
    ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

/// A response: the last exchange, the redirects that led to it, and its body.
///
/// Any status comes back here, 304 and 4xx/5xx included: the caller decides what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The final request and response head; `final_exchange.url` is the final URL.
    pub final_exchange: Exchange,
    /// The redirects followed before it, in order (each a 3xx with a `Location`).
    pub hops: Vec<Exchange>,
    /// The body with its `Content-Encoding` undone.
    pub body: Vec<u8>,
    /// The body as sent, when a `Content-Encoding` was undone (for an archive that keeps the
    /// bytes as received next to the headers that describe them); `None` when `body` is that.
    pub encoded_body: Option<Vec<u8>>,
}

impl Response {
    pub fn status(&self) -> u16 {
        self.final_exchange.status
    }

    /// The URL the body came from, after redirects.
    pub fn url(&self) -> &str {
        &self.final_exchange.url
    }

    /// The first value of header `name` of the final response (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.final_exchange.header(name)
    }

    /// The `Content-Type` value of the final response.
    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }

    /// The body as sent on the wire (after de-chunking): what a WARC `response` record holds.
    pub fn wire_body(&self) -> &[u8] {
        self.encoded_body.as_deref().unwrap_or(&self.body)
    }
}

/// The media type of a `Content-Type` value, lower-cased, without parameters.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_written_as_http_messages() {
        let exchange = Exchange {
            url: "https://news.example/a/b?x=1#top".into(),
            request_headers: vec![("Host".into(), "news.example".into())],
            version: "HTTP/1.1".into(),
            status: 304,
            headers: vec![
                ("etag".into(), "\"v1\"".into()),
                ("set-cookie".into(), "a=1".into()),
                ("set-cookie".into(), "b=2".into()),
            ],
        };
        assert_eq!(
            exchange.request_head(),
            b"GET /a/b?x=1 HTTP/1.1\r\nHost: news.example\r\n\r\n".to_vec()
        );
        assert_eq!(
            String::from_utf8(exchange.response_head()).unwrap(),
            "HTTP/1.1 304 Not Modified\r\netag: \"v1\"\r\nset-cookie: a=1\r\nset-cookie: b=2\r\n\r\n"
        );
        assert_eq!(exchange.header("ETag"), Some("\"v1\""));
        assert_eq!(exchange.header_all("Set-Cookie").count(), 2);
        assert_eq!(media_type("Text/HTML; charset=utf-8"), "text/html");
    }
}
