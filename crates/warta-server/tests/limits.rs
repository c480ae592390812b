//! Safe by default: body and inflation caps, slow clients, the deadline, the concurrency limit
//! and a graceful stop. Each answer is a clear error, and the server stays up.

mod support;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use support::{args, example_page, gzip, head, parse_reply, read_reply, TestServer};

const MIB: usize = 1024 * 1024;

#[test]
fn a_body_over_16_mib_is_refused_with_413() {
    let server = TestServer::start(args(|_| {}));
    // Declared too large: refused before the body is read.
    let mut stream = server.connect();
    stream
        .write_all(&head("POST", "/v1/extract", &[], Some(16 * MIB + 1)))
        .unwrap();
    let reply = read_reply(&mut stream);
    assert_eq!(reply.status, 413);
    assert_eq!(reply.error_kind(), "body-too-large");

    // Streamed without a length: refused once the cap is passed.
    let mut stream = server.connect();
    stream
        .write_all(&head(
            "POST",
            "/v1/extract",
            &[("Transfer-Encoding", "chunked")],
            None,
        ))
        .unwrap();
    let chunk = vec![b'a'; MIB];
    for _ in 0..17 {
        let mut framed = format!("{:x}\r\n", chunk.len()).into_bytes();
        framed.extend_from_slice(&chunk);
        framed.extend_from_slice(b"\r\n");
        if stream.write_all(&framed).is_err() {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n");
    let reply = read_reply(&mut stream);
    assert_eq!(reply.status, 413);
    assert_eq!(reply.error_kind(), "body-too-large");
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn a_gzip_bomb_is_refused_with_413() {
    let server = TestServer::start(args(|a| {
        a.max_inflated_bytes = 4 * MIB;
        a.max_batch_bytes = 8 * MIB;
    }));
    // Gzip members one after another: 1 MiB of spaces each, 1 GiB in all.
    let member = gzip(&vec![b' '; MIB]);
    let bomb = member.repeat(1024);
    assert!(bomb.len() < 2 * MIB, "the bomb is small on the wire");
    for headers in [&[("Content-Encoding", "gzip")][..], &[][..]] {
        let reply = server.post("/v1/extract", headers, &bomb);
        assert_eq!(reply.status, 413, "{}", reply.text());
        assert_eq!(reply.error_kind(), "inflated-too-large");
    }
    let reply = server.post("/v1/batch", &[], &bomb);
    assert_eq!(reply.status, 413);
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn a_client_slow_with_its_headers_is_disconnected() {
    let server = TestServer::start(args(|a| a.header_timeout_secs = 1));
    let mut stream = server.connect();
    stream
        .write_all(b"POST /v1/extract HTTP/1.1\r\nHost: test\r\n")
        .unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(900),
        "closed after {waited:?}"
    );
    assert!(
        waited < Duration::from_secs(10),
        "still open after {waited:?}"
    );
    if let Some(reply) = parse_reply(&rest) {
        assert_eq!(reply.status, 408);
    }
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn a_client_slow_with_its_body_gets_408() {
    let server = TestServer::start(args(|a| a.body_timeout_secs = 1));
    let mut stream = server.connect();
    stream
        .write_all(&head("POST", "/v1/extract", &[], Some(1000)))
        .unwrap();
    stream.write_all(b"<html><body>").unwrap();
    let started = Instant::now();
    let reply = read_reply(&mut stream);
    assert_eq!(reply.status, 408);
    assert_eq!(reply.error_kind(), "body-timeout");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn a_request_past_its_deadline_gets_408() {
    let server = TestServer::start(args(|a| {
        a.request_deadline_secs = 1;
        a.body_timeout_secs = 30;
    }));
    let mut stream = server.connect();
    stream
        .write_all(&head("POST", "/v1/extract", &[], Some(1000)))
        .unwrap();
    let started = Instant::now();
    let reply = read_reply(&mut stream);
    assert_eq!(reply.status, 408);
    assert_eq!(reply.error_kind(), "deadline");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn past_the_concurrency_limit_requests_get_503_with_retry_after() {
    let server = TestServer::start(args(|a| a.max_in_flight = 1));
    // One request holds the only slot while its body trickles in.
    let mut slow = server.connect();
    let page = example_page();
    slow.write_all(&head("POST", "/v1/extract", &[], Some(page.len())))
        .unwrap();
    slow.write_all(&page[..100]).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let refused = server.post("/v1/extract", &[], &page);
    assert_eq!(refused.status, 503);
    assert_eq!(refused.header("retry-after"), Some("1"));
    assert_eq!(refused.error_kind(), "overloaded");
    // Health and metrics are never refused.
    assert_eq!(server.get("/healthz").status, 200);
    slow.write_all(&page[100..]).unwrap();
    assert_eq!(read_reply(&mut slow).status, 200);
    assert_eq!(server.post("/v1/extract", &[], &page).status, 200);
}

#[test]
fn a_stop_lets_the_request_in_flight_finish() {
    let mut server = TestServer::start(args(|_| {}));
    let addr = server.addr;
    let mut in_flight = server.connect();
    let page = example_page();
    in_flight
        .write_all(&head("POST", "/v1/extract", &[], Some(page.len())))
        .unwrap();
    in_flight.write_all(&page[..100]).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let finisher = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(500));
        in_flight.write_all(&page[100..]).unwrap();
        read_reply(&mut in_flight)
    });
    server.shutdown();
    let reply = finisher.join().unwrap();
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(
        std::net::TcpStream::connect(addr).is_err(),
        "still accepting"
    );
}
