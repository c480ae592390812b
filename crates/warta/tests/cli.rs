//! Runs the built `warta` binary the way a user would.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn example_page() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/portal-berita.html")
}

fn warta(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .output()
        .expect("the warta binary runs")
}

fn stdout_of(output: &Output) -> String {
    assert!(
        output.status.success(),
        "warta failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn extract_example(format: &str) -> String {
    let page = example_page();
    stdout_of(&warta(&[
        "extract",
        page.to_str().expect("UTF-8 path"),
        "--format",
        format,
    ]))
}

const HEADLINE: &str = "Petani Kopi Lereng Merbabu Panen Raya Lebih Awal, Harga Gabah Kopi Naik";
const FIRST_WORDS: &str = "Ratusan petani kopi di lereng Gunung Merbabu";

#[test]
fn json_is_one_article_object() {
    let out = extract_example("json");
    let article: Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(article["title"], HEADLINE);
    assert!(article["text"]
        .as_str()
        .is_some_and(|t| t.contains(FIRST_WORDS)));
    assert!(article["blocks"].as_array().is_some_and(|b| !b.is_empty()));
    assert!(article["input"]
        .as_str()
        .is_some_and(|i| i.ends_with("portal-berita.html")));
}

#[test]
fn jsonl_is_one_record_on_one_line() {
    let out = extract_example("jsonl");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    let article: Value = serde_json::from_str(lines[0]).expect("valid JSON line");
    assert_eq!(article["title"], HEADLINE);
}

#[test]
fn markdown_has_the_headline_and_body() {
    let out = extract_example("markdown");
    assert!(out.starts_with(&format!("# {HEADLINE}")), "{out}");
    assert!(out.contains("## Pengeringan Jadi Tantangan"), "{out}");
    assert!(out.contains(FIRST_WORDS), "{out}");
    assert!(!out.contains("Baca juga"), "{out}");
}

#[test]
fn text_is_plain_prose() {
    let out = extract_example("text");
    assert!(out.contains(FIRST_WORDS), "{out}");
    assert!(!out.contains('<'), "markup in plain text: {out}");
    assert!(
        !out.trim_start().starts_with('{'),
        "JSON instead of text: {out}"
    );
}

#[test]
fn html_is_markup_with_the_body() {
    let out = extract_example("html");
    assert!(out.contains("<p>"), "{out}");
    assert!(out.contains(FIRST_WORDS), "{out}");
    assert!(!out.contains("<script"), "{out}");
}

#[test]
fn manifest_reports_every_line_and_failures_keep_their_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(example_page(), dir.path().join("good.html")).expect("copy example");
    std::fs::write(dir.path().join("empty.html"), b"").expect("write empty file");
    let manifest = dir.path().join("manifest.jsonl");
    std::fs::write(
        &manifest,
        concat!(
            "{\"id\": \"good\", \"path\": \"good.html\", \"url\": \"https://kota.co.example/a\"}\n",
            "{\"id\": \"missing\", \"path\": \"no-such-file.html\"}\n",
            "{\"id\": 7, \"path\": \"empty.html\"}\n",
        ),
    )
    .expect("write manifest");

    let output = warta(&[
        "extract",
        "--manifest",
        manifest.to_str().expect("UTF-8 path"),
        "--format",
        "jsonl",
    ]);
    let out = stdout_of(&output);
    let records: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect();
    assert_eq!(records.len(), 3, "{out}");

    assert_eq!(records[0]["id"], "good");
    assert_eq!(records[0]["title"], HEADLINE);
    assert!(records[0].get("error").is_none(), "{}", records[0]);

    assert_eq!(records[1]["id"], "missing");
    assert!(records[1]["error"]["kind"].is_string(), "{}", records[1]);
    assert!(records[1]["error"]["message"].is_string(), "{}", records[1]);

    assert_eq!(records[2]["id"], "7");
    assert_eq!(records[2]["error"]["kind"], "empty-input", "{}", records[2]);
}

#[test]
fn bad_invocations_fail() {
    assert!(!warta(&[]).status.success(), "no subcommand");
    assert!(
        !warta(&["frobnicate"]).status.success(),
        "unknown subcommand"
    );
    let page = example_page();
    let page = page.to_str().expect("UTF-8 path");
    assert!(
        !warta(&["extract", page, "--format", "yaml"])
            .status
            .success(),
        "unknown format"
    );
    assert!(
        !warta(&["extract", "--manifest", "/no/such/manifest.jsonl"])
            .status
            .success(),
        "missing manifest"
    );
}

#[test]
fn gzip_input_is_read_transparently() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gz_path = dir.path().join("page.html.gz");
    let page = std::fs::read(example_page()).expect("read example");
    let mut encoder = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz_path).expect("create gz"),
        flate2::Compression::default(),
    );
    encoder.write_all(&page).expect("compress");
    encoder.finish().expect("finish gz");

    let out = stdout_of(&warta(&[
        "extract",
        gz_path.to_str().expect("UTF-8 path"),
        "--format",
        "json",
    ]));
    let article: Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(article["title"], HEADLINE);
}

/// Serves each of `responses` once, in order, on a loopback port; returns the base URL.
fn serve_once(responses: Vec<Vec<u8>>) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().expect("local address");
    std::thread::spawn(move || {
        for response in responses {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            let mut request = [0u8; 4096];
            let _ = std::io::Read::read(&mut stream, &mut request);
            let _ = stream.write_all(&response);
        }
    });
    format!("http://{addr}")
}

#[test]
fn a_url_is_fetched_and_its_header_charset_honoured() {
    let body = b"<html><head><title>Ca\xe9 du port</title></head><body><h1>Ca\xe9 du port</h1>\
        <p>Le caf\xe9 du port rouvre ses portes apr\xe8s deux ans de travaux, au grand plaisir \
        des p\xeacheurs qui y prennent leur premier caf\xe9 avant l'aube.</p></body></html>";
    let mut ok = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    ok.extend_from_slice(body);
    let missing =
        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec();
    let base = serve_once(vec![ok, missing]);

    let page = format!("{base}/cafe");
    let out = warta(&["extract", &page, "--format", "json"]);
    assert!(out.status.success());
    let refused: Value = serde_json::from_str(&stdout_of(&out)).expect("one JSON record");
    assert_eq!(
        refused["error"]["kind"], "fetch",
        "loopback is refused unless opened"
    );
    assert!(refused["error"]["message"]
        .as_str()
        .unwrap_or("")
        .starts_with("address-refused"));

    let opened = ["--allow-private", "127.0.0.1/32"];
    let out = warta(&[&["extract", &page, "--format", "json"][..], &opened].concat());
    assert!(out.status.success());
    let article: Value = serde_json::from_str(&stdout_of(&out)).expect("one JSON article");
    assert_eq!(article["url"], page.as_str());
    assert!(article["text"]
        .as_str()
        .unwrap_or("")
        .contains("Le café du port rouvre"));

    let gone = format!("{base}/gone");
    let out = warta(&[&["extract", &gone, "--format", "jsonl"][..], &opened].concat());
    assert!(
        out.status.success(),
        "a failed fetch is a record, not a failed run"
    );
    let record: Value = serde_json::from_str(stdout_of(&out).trim()).expect("one record");
    assert_eq!(record["error"]["kind"], "fetch");
    assert_eq!(record["input"], gone.as_str());
}
