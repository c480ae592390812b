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
    assert_eq!(
        output.status.code(),
        Some(1),
        "an input failed: exit 1, with every record still written"
    );
    let out = String::from_utf8(output.stdout).expect("stdout is UTF-8");
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
fn exit_codes_say_all_well_some_input_failed_or_usage() {
    let page = example_page();
    let page = page.to_str().expect("UTF-8 path");
    assert_eq!(warta(&["extract", page]).status.code(), Some(0));

    let failed = warta(&["extract", page, "/no/such/page.html", "--format", "jsonl"]);
    assert_eq!(failed.status.code(), Some(1));
    let lines: Vec<Value> = String::from_utf8_lossy(&failed.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 2, "both records are written");
    assert_eq!(lines[1]["error"]["kind"], "read");

    assert_eq!(warta(&["extract", "--frobnicate"]).status.code(), Some(2));
    let bad_time = warta(&["extract", page, "--reference-time", "yesterday"]);
    assert_eq!(
        bad_time.status.code(),
        Some(2),
        "an invalid --reference-time is refused, not dropped"
    );
    assert!(String::from_utf8_lossy(&bad_time.stderr).contains("reference_time"));
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let page = example_page();
    let page = page.to_str().expect("UTF-8 path");
    // Far more output than a pipe holds, so the writes after the reader leaves fail.
    let mut args = vec!["extract", "--format", "jsonl"];
    args.extend(std::iter::repeat_n(page, 300));
    let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(&args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the warta binary runs");
    let mut first_line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().expect("stdout")),
        &mut first_line,
    )
    .expect("one line");
    // The reader (and the pipe's read end) is gone here, as with `| head -1`.
    let output = child.wait_with_output().expect("warta ends");
    assert!(first_line.contains(HEADLINE));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn a_gzip_bomb_is_inflated_only_up_to_the_input_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bomb = dir.path().join("bomb.html.gz");
    // 256 MiB of zero bytes: about 250 KiB compressed.
    let mut encoder = flate2::write::GzEncoder::new(
        std::fs::File::create(&bomb).expect("create gz"),
        flate2::Compression::fast(),
    );
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..256 {
        encoder.write_all(&zeros).expect("compress");
    }
    encoder.finish().expect("finish gz");
    let child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["extract", bomb.to_str().expect("UTF-8 path")])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the warta binary runs");
    let peak = peak_memory_while_running(child.id());
    let output = child.wait_with_output().expect("warta ends");
    assert_eq!(output.status.code(), Some(1), "the bomb is no page");
    let record: Value = serde_json::from_slice(&output.stdout).expect("an error record");
    assert_eq!(record["error"]["kind"], "not-a-page");
    // The input limit is 16 MiB; inflating the whole bomb would take 256.
    assert!(
        peak < 160 * 1024 * 1024,
        "peak resident memory {} MiB",
        peak / (1024 * 1024)
    );
}

/// The highest resident set size (`VmHWM`) seen while the process runs, read from `/proc`
/// until it exits. 0 where `/proc` is absent.
fn peak_memory_while_running(pid: u32) -> u64 {
    let status = format!("/proc/{pid}/status");
    let mut peak = 0;
    while let Ok(text) = std::fs::read_to_string(&status) {
        let hwm = text
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
        match hwm {
            Some(kb) => peak = peak.max(kb * 1024),
            // A zombie has no memory lines: it has ended.
            None => break,
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    peak
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
    assert_eq!(
        out.status.code(),
        Some(1),
        "a refused fetch is a failed input"
    );
    let refused: Value =
        serde_json::from_str(&String::from_utf8_lossy(&out.stdout)).expect("one JSON record");
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
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed fetch is a record, and the run says an input failed"
    );
    let record: Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).trim()).expect("one record");
    assert_eq!(record["error"]["kind"], "fetch");
    assert_eq!(record["input"], gone.as_str());
}

#[test]
fn explain_traces_the_run_in_both_modes() {
    let page = example_page();
    let page = page.to_str().expect("UTF-8 path");
    let html = stdout_of(&warta(&["extract", "--explain", page]));
    assert!(html.starts_with("reading: "), "{html}");
    assert!(html.contains("dropped: "), "{html}");

    let dir = tempfile::tempdir().expect("temp dir");
    let flat = dir.path().join("page.txt");
    std::fs::write(
        &flat,
        "Home\n\nNews\n\nHarbour reopens after the storm\n\nThe harbour reopened on Monday after \
         a week of repairs to the sea wall, the port authority said.\n\nFishing boats were the \
         first to leave, before dawn, and the ferry follows on Tuesday.\n\nShare this article\n",
    )
    .expect("write text page");
    let text = stdout_of(&warta(&[
        "extract",
        "--explain",
        "--input",
        "text",
        flat.to_str().expect("UTF-8 path"),
    ]));
    assert!(text.starts_with("lines (decision, text):"), "{text}");
    assert!(text.contains("kept"), "{text}");
}
