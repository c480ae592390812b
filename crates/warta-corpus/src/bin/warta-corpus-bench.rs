//! `warta-corpus-bench`: packs the WCXB dev pages into one `.warc.gz`, runs `warta batch` over
//! it with one and two jobs, and reports pages/s, the speed-up, and whether every record's text
//! is what `warta extract` gives for the same page. With `--rss-gb N` it also builds an N GB
//! WARC by repeating the pages and reports the peak memory of a run over it. With
//! `--trafilatura PYTHON` it also times trafilatura (in that Python) over the same pages, in the
//! same session, for the single-thread comparison.
//!
//! Usage (release build; see crates/warta-corpus/README.md):
//!   cargo build --release -p warta -p warta-corpus
//!   target/release/warta-corpus-bench [--shared DIR] [--warta BIN] [--work DIR] [--runs N]
//!                                     [--rss-gb N] [--trafilatura PYTHON]

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::Value;
use warta_corpus::warc::writer::{Compress, WarcWriter};

const DATE: &str = "2025-01-15T12:00:00Z";

struct Args {
    shared: PathBuf,
    warta: PathBuf,
    work: PathBuf,
    runs: usize,
    rss_gb: Option<f64>,
    trafilatura: Option<PathBuf>,
}

fn main() {
    if let Err(e) = run() {
        eprintln!("warta-corpus-bench: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let dev = args.shared.join("bench/wcxb-dev");
    if !dev.join("html").is_dir() {
        return Err(format!("{} is absent: nothing to measure", dev.display()));
    }
    fs::create_dir_all(&args.work).map_err(|e| format!("{}: {e}", args.work.display()))?;
    let pages = load_pages(&dev)?;
    let warc = args.work.join("wcxb-dev.warc.gz");
    let manifest = args.work.join("wcxb-dev.manifest.jsonl");
    pack(&pages, &warc, &manifest).map_err(|e| format!("packing: {e}"))?;
    let size = fs::metadata(&warc).map_or(0, |m| m.len());
    println!(
        "packed {} pages into {} ({:.1} MB)",
        pages.len(),
        warc.display(),
        size as f64 / 1e6
    );

    let reference = args.work.join("extract.jsonl");
    let extracted = Command::new(&args.warta)
        .args([
            "extract",
            "--format",
            "jsonl",
            "--reference-time",
            DATE,
            "--manifest",
        ])
        .arg(&manifest)
        .stdout(fs::File::create(&reference).map_err(|e| e.to_string())?)
        .status()
        .map_err(|e| format!("running {}: {e}", args.warta.display()))?;
    if !extracted.success() {
        return Err("warta extract failed".into());
    }
    let reference = texts(&reference)?;

    let mut speeds = Vec::new();
    let mut single_cpu = None;
    for jobs in [1, 2] {
        let out = args.work.join(format!("batch-jobs{jobs}.jsonl"));
        let mut best: Option<Run> = None;
        for _ in 0..args.runs {
            let run = timed_batch(&args.warta, &warc, &out, jobs)?;
            if best.is_none_or(|b| run.secs < b.secs) {
                best = Some(run);
            }
        }
        let best = best.ok_or("no run")?;
        let got = texts(&out)?;
        let differing = got.iter().zip(&reference).filter(|(a, b)| a != b).count();
        let same = got.len() == reference.len() && differing == 0;
        let rate = pages.len() as f64 / best.secs;
        if jobs == 1 {
            single_cpu = best.cpu_secs;
        }
        println!(
            "--jobs {jobs}: {:.2}s wall, {rate:.1} pages/s, {:.1} MB/s (compressed); CPU {}; \
             peak RSS {}; {} records, text identical to `warta extract`: {} ({differing} differ)",
            best.secs,
            size as f64 / 1e6 / best.secs,
            best.cpu_secs.map_or("n/a".into(), |c| format!(
                "{c:.2}s = {:.1} pages per CPU-second, {:.0}% of a core",
                pages.len() as f64 / c,
                100.0 * c / best.secs
            )),
            mib(best.rss_kib),
            got.len(),
            if same { "yes" } else { "NO" },
        );
        speeds.push(rate);
    }
    println!(
        "speed-up --jobs 2 / --jobs 1: {:.2}x (target >= 1.8x)",
        speeds[1] / speeds[0]
    );
    if let Some(python) = &args.trafilatura {
        let (wall, cpu) = time_trafilatura(python, &manifest)?;
        println!(
            "trafilatura (one process, extraction calls only): {wall:.2}s wall, {:.1} pages/s; \
             CPU {cpu:.2}s = {:.1} pages per CPU-second",
            pages.len() as f64 / wall,
            pages.len() as f64 / cpu
        );
        if let (Some(ours), Some(cpu_ours)) = (speeds.first(), single_cpu) {
            println!(
                "warta --jobs 1 vs trafilatura: {:.1}x by wall clock, {:.1}x by CPU time \
                 (target >= 10x)",
                ours / (pages.len() as f64 / wall),
                cpu / cpu_ours
            );
        }
    }

    if let Some(gb) = args.rss_gb {
        let big = args.work.join("repeated.warc.gz");
        let target = (gb * 1e9) as u64;
        let (written, records) =
            repeat(&warc, &big, target).map_err(|e| format!("repeating: {e}"))?;
        println!(
            "built {} ({:.2} GB, {records} records); running --jobs 2 with output to /dev/null",
            big.display(),
            written as f64 / 1e9
        );
        let run = timed_batch(&args.warta, &big, Path::new("/dev/null"), 2)?;
        println!(
            "repeated WARC: {:.1}s, {:.1} pages/s, peak RSS {} (target < 300 MiB)",
            run.secs,
            records as f64 / run.secs,
            mib(run.rss_kib)
        );
        let _ = fs::remove_file(&big);
    }
    Ok(())
}

fn parse_args() -> Result<Args, String> {
    let shared = std::env::var_os("WARTA_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into());
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let mut args = Args {
        shared,
        warta: exe_dir.join("warta"),
        work: std::env::temp_dir().join("warta-bench"),
        runs: 1,
        rss_gb: None,
        trafilatura: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--shared" => args.shared = value()?.into(),
            "--warta" => args.warta = value()?.into(),
            "--work" => args.work = value()?.into(),
            "--runs" => args.runs = value()?.parse().map_err(|_| "--runs: a number")?,
            "--rss-gb" => args.rss_gb = Some(value()?.parse().map_err(|_| "--rss-gb: a number")?),
            "--trafilatura" => args.trafilatura = Some(value()?.into()),
            other => return Err(format!("unknown flag {other}")),
        }
    }
    args.runs = args.runs.max(1);
    Ok(args)
}

struct BenchPage {
    url: String,
    path: PathBuf,
}

fn load_pages(dev: &Path) -> Result<Vec<BenchPage>, String> {
    let mut truths: Vec<PathBuf> = fs::read_dir(dev.join("ground-truth"))
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    truths.sort();
    let mut pages = Vec::new();
    for truth in truths {
        let json: Value = serde_json::from_slice(&fs::read(&truth).map_err(|e| e.to_string())?)
            .map_err(|e| format!("{}: {e}", truth.display()))?;
        let stem = truth
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let path = dev.join("html").join(format!("{stem}.html.gz"));
        if path.is_file() {
            pages.push(BenchPage {
                url: json["url"].as_str().unwrap_or_default().to_string(),
                path,
            });
        }
    }
    Ok(pages)
}

/// Writes the pages as HTTP response records, and a manifest of the same pages for `extract`.
fn pack(pages: &[BenchPage], warc: &Path, manifest: &Path) -> io::Result<()> {
    let mut w = WarcWriter::new(io::BufWriter::new(fs::File::create(warc)?), Compress::Gzip);
    let mut m = io::BufWriter::new(fs::File::create(manifest)?);
    for (n, page) in pages.iter().enumerate() {
        let mut html = Vec::new();
        flate2::read::MultiGzDecoder::new(fs::File::open(&page.path)?).read_to_end(&mut html)?;
        // No charset in the header: the engine sniffs it, as `extract` does on the file.
        w.write_response(&page.url, DATE, &[("Content-Type", "text/html")], &html)?;
        let line = serde_json::json!({"id": n, "path": page.path.canonicalize()?, "url": page.url});
        writeln!(m, "{line}")?;
    }
    w.finish()?.flush()?;
    m.flush()
}

/// Repeats the gzip members of `warc` until `target` bytes are written. Returns the bytes
/// written and the records in the result.
fn repeat(warc: &Path, big: &Path, target: u64) -> io::Result<(u64, u64)> {
    let members = fs::read(warc)?;
    let per_pass = count_records(warc)?;
    let mut out = io::BufWriter::new(fs::File::create(big)?);
    let (mut written, mut records) = (0u64, 0u64);
    while written < target {
        out.write_all(&members)?;
        written += members.len() as u64;
        records += per_pass;
    }
    out.flush()?;
    Ok((written, records))
}

fn count_records(warc: &Path) -> io::Result<u64> {
    let file = BufReader::new(fs::File::open(warc)?);
    let reader = warta_corpus::warc::WarcReader::new(
        file,
        warta_corpus::warc::Compression::Gzip,
        Default::default(),
    )?;
    Ok(reader.count() as u64)
}

/// Times `trafilatura.extract` over the manifest's pages in one Python process: the pages are
/// read and gunzipped before the clock starts. Returns (wall, CPU) seconds.
fn time_trafilatura(python: &Path, manifest: &Path) -> Result<(f64, f64), String> {
    const SCRIPT: &str = r#"
import gzip, json, sys, time
import trafilatura
docs = []
for line in open(sys.argv[1]):
    page = json.loads(line)
    docs.append((gzip.open(page["path"]).read(), page["url"]))
wall, cpu = time.perf_counter(), time.process_time()
for html, url in docs:
    trafilatura.extract(html, url=url)
print(time.perf_counter() - wall, time.process_time() - cpu)
"#;
    let out = Command::new(python)
        .args(["-c", SCRIPT])
        .arg(manifest)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("running {}: {e}", python.display()))?;
    if !out.status.success() {
        return Err("the trafilatura timing failed".into());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut numbers = text
        .split_whitespace()
        .filter_map(|t| t.parse::<f64>().ok());
    numbers
        .next()
        .zip(numbers.next())
        .ok_or_else(|| format!("unexpected trafilatura timing output: {text}"))
}

/// Runs `warta batch`, timing it; peak RSS (KiB) comes from `/usr/bin/time -v` when present.
fn timed_batch(warta: &Path, input: &Path, out: &Path, jobs: usize) -> Result<Run, String> {
    let gnu_time = Path::new("/usr/bin/time");
    let mut cmd = if gnu_time.is_file() {
        let mut c = Command::new(gnu_time);
        c.arg("-v").arg(warta);
        c
    } else {
        Command::new(warta)
    };
    cmd.arg("batch")
        .arg(input)
        .arg("-o")
        .arg(out)
        .args(["--jobs", &jobs.to_string(), "--quiet"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let output = cmd
        .output()
        .map_err(|e| format!("running {}: {e}", warta.display()))?;
    let secs = started.elapsed().as_secs_f64();
    if !output.status.success() {
        return Err(format!(
            "warta batch failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let report = String::from_utf8_lossy(&output.stderr);
    let measure = |name: &str| -> Option<f64> {
        report
            .lines()
            .find_map(|l| l.trim().strip_prefix(name)?.trim().parse().ok())
    };
    let cpu = measure("User time (seconds):")
        .zip(measure("System time (seconds):"))
        .map(|(u, s)| u + s);
    Ok(Run {
        secs,
        cpu_secs: cpu,
        rss_kib: measure("Maximum resident set size (kbytes):").map(|k| k as u64),
    })
}

/// One timed run: wall clock, CPU time (user + system) and peak RSS when known.
#[derive(Clone, Copy)]
struct Run {
    secs: f64,
    cpu_secs: Option<f64>,
    rss_kib: Option<u64>,
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or("n/a".into(), |k| format!("{:.0} MiB", k as f64 / 1024.0))
}

/// The `text` of each record of a JSONL file, in order.
fn texts(path: &Path) -> Result<Vec<String>, String> {
    let file = fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    BufReader::new(file)
        .lines()
        .map(|line| {
            let line = line.map_err(|e| e.to_string())?;
            let v: Value = serde_json::from_str(&line).map_err(|e| e.to_string())?;
            Ok(v["text"].as_str().unwrap_or_default().to_string())
        })
        .collect()
}
