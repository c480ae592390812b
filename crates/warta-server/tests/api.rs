//! The JSON API: extract in every format and body shape, batch, health, metrics, OpenAPI.

mod support;

use support::{args, example_page, gzip, TestServer};

#[test]
fn a_posted_page_comes_back_as_the_article() {
    let server = TestServer::start(args(|_| {}));
    let reply = server.post(
        "/v1/extract?url=https://news.example/a",
        &[("Content-Type", "text/html; charset=utf-8")],
        &example_page(),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let article = reply.json();
    assert_eq!(
        article["title"],
        "Petani Kopi Lereng Merbabu Panen Raya Lebih Awal, Harga Gabah Kopi Naik"
    );
    assert_eq!(article["url"], "https://news.example/a");
    assert!(article.get("input").is_none());
    assert!(reply.body.ends_with(b"}\n"));
}

#[test]
fn a_gzip_body_is_inflated() {
    let server = TestServer::start(args(|_| {}));
    let plain = server.post("/v1/extract", &[], &example_page());
    let by_header = server.post(
        "/v1/extract",
        &[("Content-Encoding", "gzip")],
        &gzip(&example_page()),
    );
    let by_magic = server.post("/v1/extract", &[], &gzip(&example_page()));
    assert_eq!(by_header.status, 200, "{}", by_header.text());
    assert_eq!(by_header.body, plain.body);
    assert_eq!(by_magic.body, plain.body);
}

#[test]
fn a_json_body_carries_the_page_and_its_options() {
    let server = TestServer::start(args(|_| {}));
    let request = serde_json::json!({
        "html": String::from_utf8(example_page()).unwrap(),
        "url": "https://news.example/b",
        "options": {"focus": "recall", "format": "markdown"}
    });
    let reply = server.post(
        "/v1/extract",
        &[("Content-Type", "application/json")],
        request.to_string().as_bytes(),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(reply
        .header("content-type")
        .unwrap()
        .starts_with("text/markdown"));
    assert!(reply.text().starts_with("# Petani Kopi"));
}

#[test]
fn the_format_follows_the_query_then_accept() {
    let server = TestServer::start(args(|_| {}));
    let text = server.post("/v1/extract", &[("Accept", "text/plain")], &example_page());
    assert!(text
        .header("content-type")
        .unwrap()
        .starts_with("text/plain"));
    assert!(text.text().starts_with("Ratusan petani kopi"));
    let html = server.post(
        "/v1/extract?format=html",
        &[("Accept", "text/plain")],
        &example_page(),
    );
    assert!(html
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    let bad = server.post("/v1/extract?format=pdf", &[], &example_page());
    assert_eq!(bad.status, 400);
    assert_eq!(bad.error_kind(), "invalid-option");
}

#[test]
fn bad_requests_get_a_clear_error_and_the_server_stays_up() {
    let server = TestServer::start(args(|_| {}));
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a [u8], u16, &'a str);
    let cases: [Case; 6] = [
        (
            "/v1/extract",
            &[("Content-Type", "application/json")],
            b"{\"html\": ",
            400,
            "malformed-json",
        ),
        (
            "/v1/extract",
            &[("Content-Type", "application/json")],
            b"{\"page\": \"x\"}",
            400,
            "malformed-json",
        ),
        (
            "/v1/extract?focus=loud",
            &[],
            b"<p>x</p>",
            400,
            "invalid-option",
        ),
        (
            "/v1/extract?reference_time=yesterday",
            &[],
            b"<p>x</p>",
            400,
            "invalid-option",
        ),
        ("/v1/extract", &[], b"", 400, "empty-input"),
        (
            "/v1/extract",
            &[("Content-Encoding", "gzip")],
            b"<p>not gzip</p>",
            400,
            "bad-gzip",
        ),
    ];
    for (path, headers, body, status, kind) in cases {
        let reply = server.post(path, headers, body);
        assert_eq!(reply.status, status, "{path}: {}", reply.text());
        assert_eq!(reply.error_kind(), kind, "{path}");
        assert!(!reply.json()["error"]["message"]
            .as_str()
            .unwrap()
            .is_empty());
    }
    let missing = server.get("/nowhere");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.error_kind(), "not-found");
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn a_batch_streams_articles_and_errors_in_order() {
    let server = TestServer::start(args(|_| {}));
    let page = String::from_utf8(example_page()).unwrap();
    let lines = [
        serde_json::json!({"id": "first", "html": page, "url": "https://news.example/1"}).to_string(),
        "{not json".to_string(),
        serde_json::json!({"id": 3, "html": ""}).to_string(),
        serde_json::json!({"id": "last", "html": "<html><body><article><h1>Short</h1><p>One short paragraph of made-up text that is long enough to read.</p></article></body></html>"}).to_string(),
    ];
    let reply = server.post(
        "/v1/batch",
        &[("Content-Type", "application/x-ndjson")],
        lines.join("\n").as_bytes(),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    let records: Vec<serde_json::Value> = reply
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 4);
    assert_eq!(records[0]["id"], "first");
    assert_eq!(records[0]["url"], "https://news.example/1");
    assert!(records[0]["title"]
        .as_str()
        .unwrap()
        .starts_with("Petani Kopi"));
    assert_eq!(records[1]["error"]["kind"], "malformed-json");
    assert_eq!(records[2]["id"], "3");
    assert_eq!(records[2]["error"]["kind"], "empty-input");
    assert_eq!(records[3]["id"], "last");
    assert!(records[3].get("error").is_none());
}

#[test]
fn health_metrics_and_the_openapi_document() {
    let server = TestServer::start(args(|_| {}));
    assert_eq!(server.get("/healthz").json()["status"], "ok");
    server.post("/v1/extract", &[], &example_page());
    server.post("/v1/extract?focus=loud", &[], b"<p>x</p>");
    let metrics = server.get("/metrics").text();
    for expected in [
        "warta_requests_total{route=\"/v1/extract\",status=\"200\"} 1",
        "warta_requests_total{route=\"/v1/extract\",status=\"400\"} 1",
        "warta_request_duration_seconds_bucket{route=\"/v1/extract\",le=\"+Inf\"} 2",
        "warta_errors_total{kind=\"invalid-option\"} 1",
        "warta_pages_extracted_total 1",
        "warta_pages_in_flight 0",
        "# TYPE warta_fetches_total counter",
    ] {
        assert!(
            metrics.contains(expected),
            "{expected} missing from\n{metrics}"
        );
    }
    let doc = server.get("/openapi.json").json();
    assert_eq!(doc["openapi"], "3.1.0");
    for path in ["/v1/extract", "/v1/batch", "/healthz", "/metrics", "/read"] {
        assert!(doc["paths"].get(path).is_some(), "{path} not documented");
    }
}
