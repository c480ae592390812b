//! The fetcher against a tiny HTTP server on 127.0.0.1 (no outside network): what the policy
//! refuses, the caps, redirects hop by hop, and conditional requests.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use warta_fetch::{AddressPolicy, FetchConfig, FetchError, Fetcher};

const PAGE: &str = "<html><body><p>The ferry runs again.</p></body></html>";
const ETAG: &str = "\"v7\"";

/// Serves each connection by path on a loopback port; returns `http://127.0.0.1:PORT`.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let own = base.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let own = own.clone();
            std::thread::spawn(move || answer(stream, &own));
        }
    });
    base
}

fn answer(mut stream: TcpStream, own: &str) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request = String::new();
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
        request.push_str(&line);
        line.clear();
    }
    let lower = request.to_ascii_lowercase();
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let port = own.rsplit(':').next().unwrap_or_default();
    let (status, headers, body): (&str, String, Vec<u8>) = match path.as_str() {
        "/page" if lower.contains(&format!("if-none-match: {}", ETAG.to_ascii_lowercase())) => {
            ("304 Not Modified", format!("ETag: {ETAG}\r\n"), Vec::new())
        }
        "/page" => (
            "200 OK",
            format!(
                "Content-Type: text/html; charset=utf-8\r\nETag: {ETAG}\r\n\
                 Last-Modified: Tue, 01 Dec 2026 10:00:00 GMT\r\nX-Echo-Agent: {}\r\n",
                lower.contains("warta/")
            ),
            PAGE.into(),
        ),
        "/hop" => (
            "301 Moved Permanently",
            "Location: /page\r\n".into(),
            Vec::new(),
        ),
        "/loop" => ("302 Found", "Location: /loop\r\n".into(), Vec::new()),
        "/elsewhere" => (
            "302 Found",
            format!("Location: http://127.0.0.2:{port}/page\r\n"),
            Vec::new(),
        ),
        "/big" => (
            "200 OK",
            "Content-Type: text/html\r\n".into(),
            vec![b'x'; 50_000],
        ),
        "/bomb" => (
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n".into(),
            gzip(&vec![b' '; 1_000_000]),
        ),
        "/gz" => (
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n".into(),
            gzip(PAGE.as_bytes()),
        ),
        "/logo" => (
            "200 OK",
            "Content-Type: image/png\r\n".into(),
            b"\x89PNG".to_vec(),
        ),
        "/busy" => (
            "503 Service Unavailable",
            "Retry-After: 120\r\n".into(),
            b"later".to_vec(),
        ),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(8));
            ("200 OK", String::new(), PAGE.into())
        }
        _ => ("404 Not Found", String::new(), Vec::new()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).expect("gzip");
    e.finish().expect("gzip")
}

/// A fetcher that may reach 127.0.0.1 only (any port), with small caps.
fn loopback_fetcher() -> Fetcher {
    Fetcher::new(FetchConfig {
        timeout: Duration::from_secs(2),
        max_bytes: 10_000,
        max_redirects: 3,
        policy: AddressPolicy::strict().allow_private("127.0.0.1/32".parse().expect("range")),
        ..FetchConfig::default()
    })
}

fn kind(result: Result<warta_fetch::Response, FetchError>) -> &'static str {
    match result {
        Ok(r) => panic!("expected a refusal, got status {}", r.status()),
        Err(e) => e.kind(),
    }
}

#[test]
fn the_strict_policy_refuses_every_internal_address_form() {
    let base = serve();
    let port = base.rsplit(':').next().expect("port");
    let strict = Fetcher::new(FetchConfig::default());
    for url in [
        format!("{base}/page"),
        format!("http://[::1]:{port}/page"),
        format!("http://[::ffff:127.0.0.1]:{port}/page"),
        format!("http://[::ffff:7f00:1]:{port}/page"),
        "http://169.254.169.254/latest/meta-data/".to_string(),
        "http://2130706433/".to_string(),
        "http://0177.0.0.1/".to_string(),
        "http://0x7f000001/".to_string(),
        "http://10.0.0.1/".to_string(),
        "http://100.64.0.1/".to_string(),
        "http://[fd00::1]/".to_string(),
        "http://[fe80::1]/".to_string(),
        "http://0.0.0.0/".to_string(),
        // A name that resolves to loopback is refused on the resolved address.
        "http://localhost/page".to_string(),
    ] {
        assert_eq!(kind(strict.fetch(&url)), "address-refused", "{url}");
    }
}

#[test]
fn schemes_and_ports_outside_the_policy_are_refused() {
    let strict = Fetcher::new(FetchConfig::default());
    for url in ["ftp://example.com/", "file:///etc/passwd", "gopher://x/"] {
        assert_eq!(kind(strict.fetch(url)), "scheme-refused", "{url}");
    }
    // A public address on a port other than 80/443: refused before any connection.
    assert_eq!(
        kind(strict.fetch("http://93.184.216.34:8080/")),
        "port-refused"
    );
    assert_eq!(kind(strict.fetch("http://example.com:25/")), "port-refused");
    assert_eq!(kind(strict.fetch("not a url")), "invalid-url");
}

#[test]
fn an_opened_range_is_fetched_with_every_header_and_the_agent() {
    let base = serve();
    let response = loopback_fetcher()
        .fetch(&format!("{base}/page"))
        .expect("fetched");
    assert_eq!(response.status(), 200);
    assert_eq!(response.body, PAGE.as_bytes());
    assert_eq!(response.header("etag"), Some(ETAG));
    assert_eq!(
        response.header("Last-Modified"),
        Some("Tue, 01 Dec 2026 10:00:00 GMT")
    );
    assert_eq!(response.header("x-echo-agent"), Some("true"));
    assert_eq!(response.final_exchange.version, "HTTP/1.1");
    assert!(response.hops.is_empty());
    assert!(
        String::from_utf8_lossy(&response.final_exchange.response_head())
            .starts_with("HTTP/1.1 200 OK\r\n")
    );
}

#[test]
fn a_name_is_fetched_only_at_its_opened_addresses() {
    let base = serve();
    let port = base.rsplit(':').next().expect("port");
    // `localhost` may also resolve to ::1, which is dropped; 127.0.0.1 is kept.
    let response = loopback_fetcher()
        .fetch(&format!("http://localhost:{port}/page"))
        .expect("fetched");
    assert_eq!(response.body, PAGE.as_bytes());
}

#[test]
fn a_redirect_out_of_the_opened_range_is_refused_at_that_hop() {
    let base = serve();
    assert_eq!(
        kind(loopback_fetcher().fetch(&format!("{base}/elsewhere"))),
        "address-refused"
    );
}

#[test]
fn redirects_are_followed_hop_by_hop_and_recorded() {
    let base = serve();
    let response = loopback_fetcher()
        .fetch(&format!("{base}/hop"))
        .expect("fetched");
    assert_eq!(response.status(), 200);
    assert_eq!(response.url(), format!("{base}/page"));
    assert_eq!(response.hops.len(), 1);
    assert_eq!(response.hops[0].status, 301);
    assert_eq!(response.hops[0].url, format!("{base}/hop"));
    assert_eq!(response.hops[0].header("location"), Some("/page"));
}

#[test]
fn without_following_a_redirect_is_the_response() {
    let base = serve();
    let fetcher = Fetcher::new(FetchConfig {
        follow_redirects: false,
        ..loopback_fetcher().config().clone()
    });
    let response = fetcher.fetch(&format!("{base}/hop")).expect("fetched");
    assert_eq!(response.status(), 301);
    assert_eq!(response.header("location"), Some("/page"));
    assert!(response.hops.is_empty());
}

#[test]
fn a_redirect_loop_ends_at_the_limit() {
    let base = serve();
    assert_eq!(
        kind(loopback_fetcher().fetch(&format!("{base}/loop"))),
        "too-many-redirects"
    );
}

#[test]
fn bodies_over_the_cap_are_refused_as_sent_and_once_inflated() {
    let base = serve();
    let fetcher = loopback_fetcher();
    assert_eq!(kind(fetcher.fetch(&format!("{base}/big"))), "too-large");
    assert_eq!(kind(fetcher.fetch(&format!("{base}/bomb"))), "too-large");
    let gz = fetcher.fetch(&format!("{base}/gz")).expect("fetched");
    assert_eq!(gz.body, PAGE.as_bytes());
    assert_eq!(gz.wire_body(), gzip(PAGE.as_bytes()).as_slice());
}

#[test]
fn a_slow_server_hits_the_time_limit() {
    let base = serve();
    let started = Instant::now();
    assert_eq!(
        kind(loopback_fetcher().fetch(&format!("{base}/slow"))),
        "timeout"
    );
    assert!(started.elapsed() < Duration::from_secs(6));
}

#[test]
fn a_conditional_get_gives_304_as_a_response() {
    let base = serve();
    let fetcher = loopback_fetcher();
    let url = format!("{base}/page");
    let first = fetcher.fetch(&url).expect("fetched");
    let etag = first.header("etag").expect("an ETag");
    let again = fetcher
        .fetch_with(
            &url,
            &[("If-None-Match", etag), ("User-Agent", "crawler/1")],
        )
        .expect("fetched");
    assert_eq!(again.status(), 304);
    assert!(again.body.is_empty());
    let sent = String::from_utf8(again.final_exchange.request_head()).expect("text");
    assert!(sent.contains("If-None-Match: \"v7\"\r\n"), "{sent}");
    assert!(sent.contains("User-Agent: crawler/1\r\n"), "{sent}");
}

#[test]
fn error_statuses_are_responses_the_caller_judges() {
    let base = serve();
    let busy = loopback_fetcher()
        .fetch(&format!("{base}/busy"))
        .expect("a response");
    assert_eq!(busy.status(), 503);
    assert_eq!(busy.header("retry-after"), Some("120"));
    assert_eq!(busy.body, b"later");
}

#[test]
fn only_allowed_media_types_are_read_when_a_list_is_set() {
    let base = serve();
    let fetcher = Fetcher::new(FetchConfig {
        content_types: Some(FetchConfig::html_or_text()),
        ..loopback_fetcher().config().clone()
    });
    assert_eq!(
        kind(fetcher.fetch(&format!("{base}/logo"))),
        "content-type-refused"
    );
    assert!(fetcher.fetch(&format!("{base}/page")).is_ok());
}
