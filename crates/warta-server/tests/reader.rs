//! The reader page: the form, the article laid out, and nothing of the page's own code.

mod support;

use support::{args, example_page, fixture, TestServer};

/// A `multipart/form-data` body with one field.
fn multipart(field: &str, filename: Option<&str>, content: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----wartatestboundary7MA4YWxkTrZu0gW";
    let disposition = match filename {
        Some(f) => format!("form-data; name=\"{field}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream"),
        None => format!("form-data; name=\"{field}\""),
    };
    let mut body =
        format!("--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n").into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn read(server: &TestServer, page: &[u8]) -> support::Reply {
    let (content_type, body) = multipart("html", None, page);
    server.post("/read", &[("Content-Type", &content_type)], &body)
}

#[test]
fn the_front_page_offers_address_paste_and_upload() {
    let server = TestServer::start(args(|_| {}));
    let reply = server.get("/");
    assert_eq!(reply.status, 200);
    let html = reply.text();
    assert!(html.contains("action=\"/read\" enctype=\"multipart/form-data\""));
    for field in [
        "name=\"url\"",
        "name=\"html\"",
        "name=\"file\" type=\"file\"",
    ] {
        assert!(html.contains(field), "{field}");
    }
    let csp = reply.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"));
}

#[test]
fn the_article_is_laid_out_with_its_metadata() {
    let server = TestServer::start(args(|_| {}));
    let reply = read(&server, &example_page());
    assert_eq!(reply.status, 200, "{}", reply.text());
    let html = reply.text();
    for expected in [
        "<h1 class=\"headline\">Petani Kopi Lereng Merbabu Panen Raya Lebih Awal, Harga Gabah Kopi Naik</h1>",
        "<span class=\"name\">Dewi Lestari Anggraini</span> <span class=\"role\" dir=\"ltr\">author</span>",
        "<span class=\"role\" dir=\"ltr\">editor</span>",
        "datetime=\"2022-10-12T08:00:00+07:00\" data-instant>2022-10-12 08:00</time> <span class=\"zone\">UTC+07:00</span>",
        "<span class=\"place\">Jakarta</span>",
        "<span class=\"wire\">Antara</span>",
        "Rahmat Hidayanto</span></figcaption>",
        "<h2 id=\"read-also-title\"",
        "min read</span>",
        "lang=\"id\" dir=\"ltr\"",
        "Read the original on www.kota.co.example",
    ] {
        assert!(html.contains(expected), "missing {expected}");
    }
}

#[test]
fn an_uploaded_file_is_read_too() {
    let server = TestServer::start(args(|_| {}));
    let (content_type, body) = multipart(
        "file",
        Some("page.html.gz"),
        &support::gzip(&example_page()),
    );
    let reply = server.post("/read", &[("Content-Type", &content_type)], &body);
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(reply.text().contains("Petani Kopi Lereng Merbabu"));
}

#[test]
fn arabic_is_laid_out_right_to_left() {
    let server = TestServer::start(args(|_| {}));
    let html = read(&server, &fixture("rtl-arabic.html")).text();
    assert!(html.contains("lang=\"ar\" dir=\"rtl\""), "{html}");
    let chinese = read(&server, &fixture("cjk-long.html")).text();
    assert!(chinese.contains("lang=\"zh\" dir=\"ltr\""));
}

#[test]
fn none_of_the_page_code_reaches_the_reader() {
    let server = TestServer::start(args(|_| {}));
    let reply = read(&server, &fixture("hostile.html"));
    assert_eq!(reply.status, 200, "{}", reply.text());
    let html = reply.text();
    assert!(html.contains("Harbour Ferry Returns After Winter Repairs"));
    assert!(html.contains("Click here for the timetable, or read the full timetable online."));
    let lower = html.to_lowercase();
    for forbidden in [
        "__page",
        "javascript:",
        "<iframe",
        "<style",
        "onerror",
        "onload",
        "onmouseover",
        "tracker.example",
        "<base",
        "evil.example",
    ] {
        assert!(
            !lower.contains(forbidden),
            "{forbidden} reached the reader page"
        );
    }
    assert_eq!(
        lower.matches("<script").count(),
        1,
        "only the reader's own script"
    );
    assert!(html.contains("<script src=\"/static/reader.js\" defer></script>"));
}

#[test]
fn a_form_without_a_page_gets_an_error_page() {
    let server = TestServer::start(args(|_| {}));
    let (content_type, body) = multipart("html", None, b"   ");
    let reply = server.post("/read", &[("Content-Type", &content_type)], &body);
    assert_eq!(reply.status, 400);
    assert!(reply
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert!(reply.text().contains("This page could not be read"));
}

#[test]
fn the_stylesheet_and_script_are_served_from_the_server() {
    let server = TestServer::start(args(|_| {}));
    let css = server.get("/static/reader.css");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(css.text().contains("@media print"));
    let js = server.get("/static/reader.js");
    assert!(js
        .header("content-type")
        .unwrap()
        .starts_with("text/javascript"));
}
