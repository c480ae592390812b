//! Fetching URLs, against a small HTTP server on loopback: a page, a 404, a redirect loop, a
//! body over the size cap, a non-HTML response, and a server that never answers.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use warta_corpus::{run, Config, Source};
use warta_fetch::{AddressPolicy, FetchConfig, USER_AGENT};

const PAGE: &str = "<!DOCTYPE html><html><head><title>Tram line opens</title></head><body>\
    <article><h1>Tram line opens</h1><p>The new tram line between the station and the \
    university opened on Saturday, with trams every eight minutes.</p></article></body></html>";

/// Serves each connection by path; returns the base URL.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || answer(stream));
        }
    });
    base
}

fn answer(mut stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
        request.push_str(&line);
        line.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let honest = request
        .to_ascii_lowercase()
        .contains(&USER_AGENT.to_ascii_lowercase());
    let (status, headers, body): (&str, String, Vec<u8>) = match path.as_str() {
        "/news" if honest => (
            "200 OK",
            "Content-Type: text/html; charset=utf-8\r\n".into(),
            PAGE.into(),
        ),
        "/news" => ("403 Forbidden", String::new(), b"who are you?".to_vec()),
        "/hop" => ("302 Found", "Location: /news\r\n".into(), Vec::new()),
        "/loop" => ("302 Found", "Location: /loop\r\n".into(), Vec::new()),
        "/big" => (
            "200 OK",
            "Content-Type: text/html\r\n".into(),
            vec![b'x'; 300_000],
        ),
        "/logo" => (
            "200 OK",
            "Content-Type: image/png\r\n".into(),
            b"\x89PNG".to_vec(),
        ),
        "/silent" => {
            std::thread::sleep(Duration::from_secs(5));
            return;
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

#[test]
fn urls_become_records_and_failed_fetches_error_records() {
    let base = serve();
    let dir = std::env::temp_dir().join(format!("warta-corpus-fetch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let list = dir.join("urls.txt");
    std::fs::write(
        &list,
        format!("# a list\n{base}/hop\n\n{base}/logo\nftp://nope\n"),
    )
    .unwrap();
    let out = dir.join("out.jsonl");
    let config = Config {
        jobs: 3,
        output: Some(out.clone()),
        fetch: FetchConfig {
            timeout: Duration::from_secs(1),
            max_bytes: 100_000,
            max_redirects: 3,
            policy: AddressPolicy::strict().allow_private("127.0.0.1/32".parse().unwrap()),
            ..FetchConfig::default()
        },
        ..Config::default()
    };
    let sources = [
        Source::Url(format!("{base}/news")),
        Source::Url(format!("{base}/missing")),
        Source::Url(format!("{base}/loop")),
        Source::Url(format!("{base}/big")),
        Source::Url(format!("{base}/silent")),
        Source::UrlList(list),
    ];
    let summary = run(&config, &sources, &AtomicBool::new(false)).unwrap();
    let records: Vec<serde_json::Value> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let show = |i: usize| records[i].to_string();
    assert_eq!(records.len(), 7, "{records:?}");
    assert!(
        records[0]["text"].as_str().unwrap().contains("tram line"),
        "{}",
        show(0)
    );
    assert!(records[0]["fetched"].as_str().is_some());
    assert!(show(1).contains("HTTP status 404"), "{}", show(1));
    assert!(show(2).contains("redirect"), "{}", show(2));
    assert!(show(3).contains("larger than"), "{}", show(3));
    assert!(
        show(4).contains("imeout") || show(4).contains("timed out"),
        "{}",
        show(4)
    );
    assert!(
        records[5]["text"].as_str().unwrap().contains("tram line"),
        "{}",
        show(5)
    );
    assert!(show(6).contains("not an http(s) URL"), "{}", show(6));
    assert_eq!(summary.skipped.get("not HTML: image/png"), Some(&1));
    assert_eq!(summary.failed.get("fetch"), Some(&5));
    std::fs::remove_dir_all(&dir).unwrap();
}
