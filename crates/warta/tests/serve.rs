//! `warta serve` as a process: its JSON answer is byte for byte `warta extract --format json`'s
//! (minus `input`), and SIGTERM stops it gracefully.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/portal-berita.html"
);
const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../warta-server/tests/fixtures"
);

/// Starts `warta serve` on a free port; returns the process and its address.
fn serve() -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .rsplit("http://")
        .next()
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    (child, addr)
}

/// POSTs `body` and returns the status and the body of the answer.
fn post(addr: &str, path: &str, body: &[u8]) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    stream.write_all(body).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let status = String::from_utf8_lossy(&raw[9..12]).parse().unwrap();
    (status, raw[end + 4..].to_vec())
}

/// What `warta extract --format json` prints, without its `input` line.
fn cli_json(page: &Path, url: &str) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["extract", "--format", "json", "--url", url])
        .arg(page)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let kept: Vec<&str> = text
        .split_inclusive('\n')
        .filter(|l| !l.starts_with("  \"input\": "))
        .collect();
    kept.concat().into_bytes()
}

#[test]
fn the_api_answers_exactly_what_the_cli_prints() {
    let (mut child, addr) = serve();
    let pages = [
        Path::new(EXAMPLE).to_path_buf(),
        Path::new(FIXTURES).join("rtl-arabic.html"),
        Path::new(FIXTURES).join("cjk-long.html"),
        Path::new(FIXTURES).join("hostile.html"),
    ];
    for page in &pages {
        let url = "https://news.example/story";
        let (status, body) = post(
            &addr,
            &format!("/v1/extract?url={url}"),
            &std::fs::read(page).unwrap(),
        );
        assert_eq!(status, 200);
        let expected = cli_json(page, url);
        assert!(
            body == expected,
            "{}: server and CLI differ\n--- server\n{}\n--- cli\n{}",
            page.display(),
            String::from_utf8_lossy(&body),
            String::from_utf8_lossy(&expected)
        );
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn sigterm_stops_the_server_gracefully() {
    let (mut child, addr) = serve();
    assert_eq!(post(&addr, "/v1/extract", b"<p>warm up</p>").0, 200);
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "exit status {status}");
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "still running after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(TcpStream::connect(&addr).is_err());
}
