//! Fetching by URL: a loopback fixture server opened with `--allow-private`, and the SSRF
//! attacks, each a clear 4xx with the server still up. No test reaches past this machine: every
//! refused address is refused before a connection is made.

mod support;

use std::io::{Read, Write};
use std::net::TcpListener;

use support::{args, example_page, TestServer};

/// A fixture web server on 127.0.0.1: `/page` (the example), `/to-loopback` (a redirect to
/// 127.0.0.2, outside the opened range), `/image` (not HTML), `/missing` (404).
fn fixture_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(100) {
            let Ok(mut stream) = stream else { continue };
            let mut request = Vec::new();
            let mut buf = [0u8; 4096];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let line = String::from_utf8_lossy(&request);
            let path = line.split(' ').nth(1).unwrap_or("/").to_string();
            let (status, headers, body): (&str, String, Vec<u8>) = match path.as_str() {
                "/page" => (
                    "200 OK",
                    "Content-Type: text/html; charset=utf-8\r\n".into(),
                    example_page(),
                ),
                "/to-loopback" => (
                    "302 Found",
                    format!("Location: http://127.0.0.2:{}/page\r\n", addr.port()),
                    Vec::new(),
                ),
                "/image" => (
                    "200 OK",
                    "Content-Type: image/png\r\n".into(),
                    vec![0x89, b'P', b'N', b'G'],
                ),
                _ => (
                    "404 Not Found",
                    "Content-Type: text/html\r\n".into(),
                    b"<p>no</p>".to_vec(),
                ),
            };
            let head = format!(
                "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    format!("http://{addr}")
}

fn encode(url: &str) -> String {
    url::form_urlencoded::byte_serialize(url.as_bytes()).collect()
}

#[test]
fn a_page_on_an_opened_range_is_fetched_and_read() {
    let origin = fixture_server();
    let server = TestServer::start(args(|a| {
        a.allow_private = vec!["127.0.0.1/32".parse().unwrap()]
    }));
    let page_url = format!("{origin}/page");
    let reply = server.get(&format!("/v1/extract?url={}", encode(&page_url)));
    assert_eq!(reply.status, 200, "{}", reply.text());
    let article = reply.json();
    assert!(article["title"]
        .as_str()
        .unwrap()
        .starts_with("Petani Kopi"));
    assert_eq!(article["url"], page_url.as_str());

    let reader = server.get(&format!("/read?url={}", encode(&page_url)));
    assert_eq!(reader.status, 200);
    assert!(reader.text().contains("<h1 class=\"headline\">Petani Kopi"));

    let batch = server.post(
        "/v1/batch",
        &[],
        format!("{{\"id\":\"a\",\"url\":\"{page_url}\"}}\n{{\"id\":\"b\",\"url\":\"{origin}/missing\"}}\n").as_bytes(),
    );
    let lines: Vec<serde_json::Value> = batch
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines[0]["title"]
        .as_str()
        .unwrap()
        .starts_with("Petani Kopi"));
    assert_eq!(lines[1]["id"], "b");
    assert_eq!(lines[1]["error"]["kind"], "upstream-status");

    let metrics = server.get("/metrics").text();
    assert!(
        metrics.contains("warta_fetches_total{outcome=\"ok\"} 3"),
        "{metrics}"
    );
    assert!(metrics.contains("warta_fetches_total{outcome=\"upstream-status\"} 1"));
}

#[test]
fn ssrf_attacks_get_a_clear_4xx_and_the_server_stays_up() {
    let origin = fixture_server();
    let port = origin.rsplit(':').next().unwrap().to_string();
    // The fixture's own address is opened, so that a redirect from it can be followed and
    // refused at the next hop; everything else stays closed.
    let server = TestServer::start(args(|a| {
        a.allow_private = vec!["127.0.0.1/32".parse().unwrap()]
    }));
    let attacks = [
        (format!("http://127.0.0.2:{port}/page"), "loopback", 403),
        (format!("http://[::1]:{port}/"), "IPv6 loopback", 403),
        (
            "http://169.254.169.254/latest/meta-data/".to_string(),
            "cloud metadata",
            403,
        ),
        ("http://2130706434/".to_string(), "decimal IPv4", 403),
        ("http://0177.0.0.2/".to_string(), "octal IPv4", 403),
        ("http://0x7f.0.0.2/".to_string(), "hex IPv4", 403),
        (format!("{origin}/to-loopback"), "redirect to loopback", 403),
        (
            "http://[::ffff:127.0.0.2]/".to_string(),
            "IPv4-mapped IPv6",
            403,
        ),
        (
            "http://[::ffff:169.254.169.254]/".to_string(),
            "IPv4-mapped metadata",
            403,
        ),
        ("http://10.0.0.1/".to_string(), "private", 403),
        ("http://100.64.0.1/".to_string(), "CGNAT", 403),
        ("http://[fe80::1]/".to_string(), "IPv6 link-local", 403),
        ("http://224.0.0.1/".to_string(), "multicast", 403),
        ("http://0.0.0.0/".to_string(), "unspecified", 403),
        ("file:///etc/passwd".to_string(), "file scheme", 400),
        ("gopher://127.0.0.1:70/".to_string(), "gopher scheme", 400),
        ("ftp://example.com/".to_string(), "ftp scheme", 400),
        ("http://".to_string(), "malformed URL", 400),
        (format!("{origin}/image"), "not HTML", 422),
    ];
    for (url, what, status) in &attacks {
        let reply = server.get(&format!("/v1/extract?url={}", encode(url)));
        assert!(
            (400..500).contains(&reply.status),
            "{what} ({url}): {} {}",
            reply.status,
            reply.text()
        );
        if *status != 0 {
            assert_eq!(reply.status, *status, "{what} ({url}): {}", reply.text());
        }
        let kind = reply.error_kind();
        assert!(!kind.is_empty(), "{what}");
        assert!(!reply.json()["error"]["message"]
            .as_str()
            .unwrap()
            .is_empty());
        // The reader page refuses the same way, as a page.
        let page = server.get(&format!("/read?url={}", encode(url)));
        assert_eq!(page.status, reply.status, "{what} via /read");
        assert!(page.text().contains("This page could not be read"));
        assert_eq!(server.get("/healthz").status, 200, "down after {what}");
    }
    let missing = server.get("/v1/extract");
    assert_eq!(
        (missing.status, missing.error_kind().as_str()),
        (400, "missing-url")
    );
}

#[test]
fn without_allow_private_loopback_is_refused_in_every_spelling() {
    let origin = fixture_server();
    let port = origin.rsplit(':').next().unwrap().to_string();
    let server = TestServer::start(args(|_| {}));
    for url in [
        format!("{origin}/page"),
        format!("http://localhost:{port}/page"),
        "http://localhost/".to_string(),
        format!("http://2130706433:{port}/page"),
        "http://0177.0.0.1/".to_string(),
        format!("http://[::ffff:127.0.0.1]:{port}/page"),
    ] {
        let reply = server.get(&format!("/v1/extract?url={}", encode(&url)));
        assert!(
            (400..500).contains(&reply.status),
            "{url}: {} {}",
            reply.status,
            reply.text()
        );
        assert!(
            ["address-refused", "port-refused"].contains(&reply.error_kind().as_str()),
            "{url}: {}",
            reply.text()
        );
    }
    assert_eq!(server.get("/healthz").status, 200);
}
