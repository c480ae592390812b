//! End-to-end runs over WARC/WET files built here with the crate's writer: gzip members,
//! chunked and compressed bodies, a charset known only from the HTTP header, truncated records,
//! a corrupt member in the middle, stop-and-resume, duplicates, directories and manifests.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::Value;
use warta_core::Options;
use warta_corpus::warc::writer::{Compress, WarcWriter};
use warta_corpus::{run, Config, DedupMode, OutputFormat, Source, Summary};

const DATE: &str = "2024-03-05T08:30:00Z";

/// A scratch directory removed when the test ends.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("warta-corpus-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// A small news page with made-up text.
fn page(headline: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!DOCTYPE html><html><head><title>{headline} | The Valley Courier</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article><h1>{headline}</h1>\n{body}</article>\
         <footer>© The Valley Courier</footer></body></html>"
    )
}

fn story(n: usize) -> String {
    page(
        &format!("Ferry timetable changes, part {n}"),
        &[
            &format!(
                "The harbour authority said on Monday that the winter timetable for route {n} \
                 will start a week earlier than planned, after a review of passenger numbers."
            ),
            "Services will leave every ninety minutes on weekdays and every two hours at \
             weekends, and the last crossing of the day will move to half past nine.",
            "Passenger groups welcomed the earlier start but asked for a later sailing on \
             Fridays, which the authority said it would consider in the spring.",
        ],
    )
}

fn run_to(config: Config, sources: &[Source]) -> (Summary, Vec<Value>) {
    let stop = AtomicBool::new(false);
    let summary = run(&config, sources, &stop).expect("the run writes its output");
    let out = config.output.expect("an output file");
    (summary, read_jsonl(&out))
}

fn read_jsonl(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

fn config(out: PathBuf, jobs: usize) -> Config {
    Config {
        jobs,
        output: Some(out),
        ..Config::default()
    }
}

fn field<'a>(v: &'a Value, name: &str) -> &'a str {
    v[name].as_str().unwrap_or_default()
}

fn write_file(path: &Path, bytes: &[u8]) {
    fs::File::create(path).unwrap().write_all(bytes).unwrap();
}

fn html_headers() -> [(&'static str, &'static str); 1] {
    [("Content-Type", "text/html")]
}

#[test]
fn gzip_members_round_trip_in_input_order_whatever_the_thread_count() {
    let dir = Scratch::new("order");
    let mut w = WarcWriter::new(Vec::new(), Compress::Gzip);
    w.write_record(&[("WARC-Type", "warcinfo")], b"software: test")
        .unwrap();
    for n in 0..12 {
        let url = format!("https://courier.example/ferry-{n}");
        w.write_record(
            &[("WARC-Type", "request"), ("WARC-Target-URI", &url)],
            b"GET / HTTP/1.1\r\n\r\n",
        )
        .unwrap();
        w.write_response(&url, DATE, &html_headers(), story(n).as_bytes())
            .unwrap();
    }
    w.write_response(
        "https://courier.example/logo.png",
        DATE,
        &[("Content-Type", "image/png")],
        b"\x89PNG\r\n",
    )
    .unwrap();
    let warc = dir.path("crawl.warc.gz");
    write_file(&warc, &w.finish().unwrap());
    let sources = [Source::Path(warc)];

    let (summary, one) = run_to(config(dir.path("one.jsonl"), 1), &sources);
    let (_, three) = run_to(config(dir.path("three.jsonl"), 3), &sources);
    assert_eq!(
        fs::read(dir.path("one.jsonl")).unwrap(),
        fs::read(dir.path("three.jsonl")).unwrap()
    );
    assert_eq!(one.len(), 12);
    assert_eq!(three.len(), 12);
    for (n, rec) in one.iter().enumerate() {
        assert_eq!(
            field(rec, "url"),
            format!("https://courier.example/ferry-{n}")
        );
        assert_eq!(field(rec, "fetched"), DATE);
        assert!(field(rec, "id").starts_with("<urn:uuid:"));
        assert!(field(rec, "input").contains("crawl.warc.gz#"));
        assert_eq!(field(rec, "fingerprint").len(), 16);
        // The text is what the engine gives for the same page, URL and fetch time.
        let alone = warta_core::extract(
            story(n).as_bytes(),
            &Options::default()
                .with_url(format!("https://courier.example/ferry-{n}"))
                .with_reference_time(DATE)
                .unwrap(),
        )
        .unwrap();
        assert_eq!(field(rec, "text"), alone.text);
    }
    assert_eq!(summary.read, 1 + 12 * 2 + 1);
    assert_eq!(summary.extracted, 12);
    assert_eq!(summary.skipped.get("request record"), Some(&12));
    assert_eq!(summary.skipped.get("warcinfo record"), Some(&1));
    assert_eq!(summary.skipped.get("not HTML: image/png"), Some(&1));
}

#[test]
fn chunked_gzipped_bodies_and_a_charset_given_only_in_the_http_header() {
    let dir = Scratch::new("codings");
    // Polish text in ISO-8859-2, with no <meta charset> in the page.
    let polish = page(
        "Zażółć gęślą jaźń",
        &[
            "Mieszkańcy Łodzi głosowali w niedzielę nad budżetem obywatelskim; frekwencja \
           była najwyższa od pięciu lat, a najwięcej głosów zdobył projekt nowego parku.",
        ],
    );
    let polish = polish.replace('©', "(c)");
    let (latin2, _, unmappable) = encoding_rs::ISO_8859_2.encode(&polish);
    assert!(!unmappable);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(story(1).as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let mut chunked = Vec::new();
    for piece in gz.chunks(100) {
        chunked.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        chunked.extend_from_slice(piece);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");

    let mut w = WarcWriter::new(Vec::new(), Compress::Gzip);
    w.write_response(
        "https://lodz.example/budzet",
        DATE,
        &[("Content-Type", "text/html; charset=ISO-8859-2")],
        &latin2,
    )
    .unwrap();
    w.write_response(
        "https://courier.example/chunked",
        DATE,
        &[
            ("Content-Type", "text/html"),
            ("Transfer-Encoding", "chunked"),
            ("Content-Encoding", "gzip"),
        ],
        &chunked,
    )
    .unwrap();
    let warc = dir.path("codings.warc.gz");
    write_file(&warc, &w.finish().unwrap());
    let (_, records) = run_to(config(dir.path("out.jsonl"), 2), &[Source::Path(warc)]);
    assert_eq!(records.len(), 2);
    let all = serde_json::to_string(&records[0]).unwrap();
    assert!(all.contains("Mieszkańcy Łodzi"), "{all}");
    assert!(
        field(&records[1], "text").contains("winter timetable"),
        "{}",
        records[1]
    );
}

#[test]
fn truncated_records_are_kept_with_a_warning() {
    let dir = Scratch::new("truncated");
    let mut w = WarcWriter::new(Vec::new(), Compress::None);
    let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
    block.extend_from_slice(story(1).as_bytes());
    w.write_record(
        &[
            ("WARC-Type", "response"),
            ("WARC-Target-URI", "https://courier.example/long"),
            ("WARC-Truncated", "length"),
        ],
        &block,
    )
    .unwrap();
    w.write_response(
        "https://courier.example/cut",
        DATE,
        &html_headers(),
        story(2).as_bytes(),
    )
    .unwrap();
    let bytes = w.finish().unwrap();
    let warc = dir.path("cut.warc");
    // The file ends in the middle of the second record's page.
    write_file(&warc, &bytes[..bytes.len() - 200]);
    let (summary, records) = run_to(config(dir.path("out.jsonl"), 2), &[Source::Path(warc)]);
    assert_eq!(records.len(), 2);
    let warnings = |r: &Value| serde_json::to_string(&r["warnings"]).unwrap();
    assert!(warnings(&records[0]).contains("WARC-Truncated: length"));
    assert!(
        warnings(&records[1]).contains("cut short"),
        "{}",
        records[1]
    );
    assert!(field(&records[1], "text").contains("harbour authority"));
    assert_eq!(summary.extracted, 2);
}

#[test]
fn records_after_a_corrupt_gzip_member_are_still_read() {
    let dir = Scratch::new("corrupt");
    let mut w = WarcWriter::new(Vec::new(), Compress::Gzip);
    let mut starts = Vec::new();
    for n in 0..5 {
        starts.push(w.position() as usize);
        w.write_response(
            &format!("https://courier.example/{n}"),
            DATE,
            &html_headers(),
            story(n).as_bytes(),
        )
        .unwrap();
    }
    let mut bytes = w.finish().unwrap();
    // Overwrite the deflate data in the middle of the third member.
    let (from, to) = (starts[2] + 40, starts[3] - 40);
    for b in &mut bytes[from..to] {
        *b ^= 0x5a;
    }
    let warc = dir.path("corrupt.warc.gz");
    write_file(&warc, &bytes);
    let (summary, records) = run_to(config(dir.path("out.jsonl"), 2), &[Source::Path(warc)]);
    let urls: Vec<&str> = records.iter().map(|r| field(r, "url")).collect();
    assert_eq!(
        urls.iter()
            .filter(|u| !u.is_empty())
            .copied()
            .collect::<Vec<_>>(),
        [
            "https://courier.example/0",
            "https://courier.example/1",
            "https://courier.example/3",
            "https://courier.example/4"
        ]
    );
    let damaged: Vec<&Value> = records.iter().filter(|r| !r["error"].is_null()).collect();
    assert_eq!(damaged.len(), 1);
    assert_eq!(damaged[0]["error"]["kind"], "damaged-warc");
    assert_eq!(
        field(damaged[0], "input"),
        format!(
            "warc:{}#{}",
            dir.path("corrupt.warc.gz").display(),
            starts[2]
        )
    );
    assert_eq!(summary.failed.get("damaged-warc"), Some(&1));
}

#[test]
fn wet_conversion_records_are_read_as_text() {
    let dir = Scratch::new("wet");
    let mut w = WarcWriter::new(Vec::new(), Compress::Gzip);
    w.write_record(
        &[
            ("WARC-Type", "conversion"),
            ("WARC-Target-URI", "https://courier.example/text"),
            ("WARC-Date", DATE),
            ("Content-Type", "text/plain"),
        ],
        "Ferry timetable changes\nThe harbour authority said the winter timetable starts early.\n"
            .as_bytes(),
    )
    .unwrap();
    let wet = dir.path("crawl.warc.wet.gz");
    write_file(&wet, &w.finish().unwrap());
    let (_, records) = run_to(config(dir.path("out.jsonl"), 1), &[Source::Path(wet)]);
    assert_eq!(records.len(), 1);
    assert!(field(&records[0], "text").contains("harbour authority said"));
    assert_eq!(field(&records[0], "url"), "https://courier.example/text");
}

fn twelve_page_warc(dir: &Scratch) -> PathBuf {
    let mut w = WarcWriter::new(Vec::new(), Compress::Gzip);
    for n in 0..12 {
        w.write_response(
            &format!("https://courier.example/{n}"),
            DATE,
            &html_headers(),
            story(n).as_bytes(),
        )
        .unwrap();
    }
    let warc = dir.path("twelve.warc.gz");
    write_file(&warc, &w.finish().unwrap());
    warc
}

#[test]
fn a_stopped_run_resumes_to_the_same_output_as_an_uninterrupted_one() {
    let dir = Scratch::new("resume");
    let sources = [Source::Path(twelve_page_warc(&dir))];
    let (_, whole) = run_to(config(dir.path("whole.jsonl"), 2), &sources);

    let partial = dir.path("partial.jsonl");
    let stopped = Config {
        max_items: Some(5),
        ..config(partial.clone(), 2)
    };
    let (first, so_far) = run_to(stopped, &sources);
    assert!(first.stopped_early);
    assert_eq!(so_far.len(), 5);
    // A run killed hard leaves half a line; resume must cut it, not keep or choke on it.
    let mut f = fs::OpenOptions::new().append(true).open(&partial).unwrap();
    f.write_all(b"{\"id\":\"<urn:uuid:half").unwrap();
    drop(f);

    let resumed = Config {
        resume: true,
        ..config(partial.clone(), 2)
    };
    let (second, all) = run_to(resumed, &sources);
    assert!(!second.stopped_early);
    assert_eq!(second.skipped.get("already in the output"), Some(&5));
    assert_eq!(second.extracted, 7);
    assert_eq!(all, whole);
}

#[test]
fn stopping_mid_run_leaves_a_valid_output() {
    let dir = Scratch::new("stop");
    let sources = [Source::Path(twelve_page_warc(&dir))];
    let out = dir.path("out.jsonl");
    let stop = AtomicBool::new(false);
    let config = config(out.clone(), 2);
    let summary = std::thread::scope(|s| {
        let running = s.spawn(|| run(&config, &sources, &stop).unwrap());
        stop.store(true, Ordering::Relaxed);
        running.join().unwrap()
    });
    let records = read_jsonl(&out);
    assert!(summary.stopped_early);
    assert_eq!(records.len() as u64, summary.written());
    for (n, r) in records.iter().enumerate() {
        assert_eq!(field(r, "url"), format!("https://courier.example/{n}"));
    }
}

/// Stories 1 and 2, then story 1 again under another address and with other furniture.
fn warc_with_a_copy(dir: &Scratch) -> PathBuf {
    let mut w = WarcWriter::new(Vec::new(), Compress::Gzip);
    w.write_response(
        "https://courier.example/a",
        DATE,
        &html_headers(),
        story(1).as_bytes(),
    )
    .unwrap();
    w.write_response(
        "https://courier.example/b",
        DATE,
        &html_headers(),
        story(2).as_bytes(),
    )
    .unwrap();
    // The same story again, under another address and with other furniture around it.
    let copy = story(1).replace(
        "<footer>© The Valley Courier</footer>",
        "<footer>Syndicated</footer>",
    );
    w.write_response(
        "https://mirror.example/a",
        DATE,
        &html_headers(),
        copy.as_bytes(),
    )
    .unwrap();
    let warc = dir.path("dups.warc.gz");
    write_file(&warc, &w.finish().unwrap());
    warc
}

#[test]
fn duplicates_point_at_the_first_seen() {
    let dir = Scratch::new("dedup");
    let warc = warc_with_a_copy(&dir);
    let cfg = Config {
        dedup: Some(DedupMode::Exact),
        ..config(dir.path("out.jsonl"), 2)
    };
    let (summary, records) = run_to(cfg, &[Source::Path(warc)]);
    assert_eq!(records.len(), 3);
    assert!(records[0]["duplicate_of"].is_null());
    assert!(records[1]["duplicate_of"].is_null());
    assert_eq!(records[2]["duplicate_of"], records[0]["id"]);
    assert_eq!(summary.duplicates, 1);
}

#[test]
fn a_resumed_run_still_knows_the_originals_written_before_it() {
    let dir = Scratch::new("dedup-resume");
    let sources = [Source::Path(warc_with_a_copy(&dir))];
    let out = dir.path("out.jsonl");
    let dedup = |max_items, resume| Config {
        dedup: Some(DedupMode::Near { max_distance: 3 }),
        max_items,
        resume,
        ..config(out.clone(), 2)
    };
    let (first, _) = run_to(dedup(Some(2), false), &sources);
    assert!(first.stopped_early);
    let (second, records) = run_to(dedup(None, true), &sources);
    assert_eq!(second.skipped.get("already in the output"), Some(&2));
    assert_eq!(records.len(), 3);
    assert_eq!(records[2]["duplicate_of"], records[0]["id"]);
    assert_eq!(second.duplicates, 1);
}

#[test]
fn directories_manifests_and_markdown_output() {
    let dir = Scratch::new("dirs");
    let pages = dir.path("pages");
    fs::create_dir_all(pages.join("sub")).unwrap();
    fs::write(pages.join("a.html"), story(1)).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(story(2).as_bytes()).unwrap();
    fs::write(pages.join("sub/b.html.gz"), gz.finish().unwrap()).unwrap();
    fs::write(pages.join("notes.pdf"), b"%PDF").unwrap();
    let manifest = dir.path("list.jsonl");
    fs::write(
        &manifest,
        "{\"id\": \"story-3\", \"path\": \"pages/a.html\", \"url\": \"https://courier.example/3\"}\n\
         {\"id\": \"gone\", \"path\": \"pages/missing.html\"}\nnot json\n",
    )
    .unwrap();
    let sources =
        warta_corpus::expand(&[pages.display().to_string(), manifest.display().to_string()])
            .unwrap();
    let out = dir.path("md");
    let cfg = Config {
        format: OutputFormat::Markdown,
        output: Some(out.clone()),
        jobs: 2,
        ..Config::default()
    };
    let summary = run(&cfg, &sources, &AtomicBool::new(false)).unwrap();
    let index = read_jsonl(&out.join("index.jsonl"));
    assert_eq!(index.len(), 5);
    assert_eq!(field(&index[0], "file"), "00000000.md");
    assert!(fs::read_to_string(out.join("00000000.md"))
        .unwrap()
        .contains("harbour authority"));
    assert!(field(&index[1], "input").ends_with("b.html.gz"));
    assert_eq!(field(&index[2], "id"), "story-3");
    assert_eq!(index[3]["error"]["kind"], "read");
    assert_eq!(index[4]["error"]["kind"], "manifest");
    assert_eq!(
        summary.skipped.get("file type not read in directories"),
        Some(&1)
    );
}

/// The benchmark pages, when the shared data is there: the first few, packed and read back.
#[test]
fn benchmark_pages_round_trip() {
    // The shared data sits beside the repository; WARTA_SHARED points elsewhere (a worktree).
    let shared = std::env::var_os("WARTA_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into());
    let root = shared.join("bench/wcxb-dev");
    if !root.join("html").is_dir() {
        eprintln!("skipped: {} is absent", root.display());
        return;
    }
    let dir = Scratch::new("bench-pages");
    let mut w = WarcWriter::new(Vec::new(), Compress::Gzip);
    let mut expected = Vec::new();
    for n in 1..=8 {
        let gz = fs::read(root.join(format!("html/{n:04}.html.gz"))).unwrap();
        let mut html = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut html).unwrap();
        let url = format!("https://bench.example/{n}");
        w.write_response(&url, DATE, &html_headers(), &html)
            .unwrap();
        let opts = Options::default()
            .with_url(url)
            .with_reference_time(DATE)
            .unwrap();
        expected.push(warta_core::extract(&html, &opts).unwrap().text);
    }
    let warc = dir.path("bench.warc.gz");
    write_file(&warc, &w.finish().unwrap());
    let (_, records) = run_to(config(dir.path("out.jsonl"), 2), &[Source::Path(warc)]);
    let texts: Vec<&str> = records.iter().map(|r| field(r, "text")).collect();
    assert_eq!(texts, expected);
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_output_holds_one_row_per_record() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let dir = Scratch::new("parquet");
    let sources = [Source::Path(twelve_page_warc(&dir))];
    let out = dir.path("out.parquet");
    let cfg = Config {
        format: OutputFormat::Parquet,
        ..config(out.clone(), 2)
    };
    let summary = run(&cfg, &sources, &AtomicBool::new(false)).unwrap();
    let reader = SerializedFileReader::new(fs::File::open(&out).unwrap()).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows(), 12);
    assert_eq!(summary.extracted, 12);
    let first = reader
        .get_row_iter(None)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .to_string();
    assert!(first.contains("https://courier.example/0"), "{first}");
}
