//! `warta-server-bench`: load on `warta serve` against `warta batch --jobs N` in the same run.
//!
//! Gunzips the pages into memory (and into a scratch folder for the batch), times
//! `warta batch --jobs N` over the folder, starts `warta serve --workers N` on a free loopback
//! port, posts the pages from `--concurrency` keep-alive connections for `--seconds`, samples
//! the server's resident memory every second, stops it with SIGTERM, times the batch again, and
//! prints the figures as Markdown. Only 127.0.0.1 is ever reached; the run stops by itself.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Parser;

#[derive(Parser)]
#[command(about = "Load on `warta serve` against `warta batch` in the same run")]
struct Args {
    /// A folder of pages (`*.html.gz` or `*.html`), e.g. ../shared/bench/wcxb-dev/html.
    #[arg(long)]
    pages: PathBuf,
    /// The `warta` binary (a release build).
    #[arg(long, default_value = "target/release/warta")]
    warta: PathBuf,
    /// Connections posting at once.
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// Seconds of measured load (after the warm-up).
    #[arg(long, default_value_t = 30)]
    seconds: u64,
    /// Seconds of warm-up load before the clock starts.
    #[arg(long, default_value_t = 5)]
    warm_up: u64,
    /// `--workers` for the server and `--jobs` for the batch.
    #[arg(long, default_value_t = 2)]
    jobs: usize,
}

/// What one connection saw.
#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    ok: u64,
    client_errors: u64,
    server_errors: u64,
    broken: u64,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let pages = load_pages(&args.pages)?;
    let scratch = std::env::temp_dir().join(format!("warta-server-bench-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    for (i, page) in pages.iter().enumerate() {
        std::fs::write(scratch.join(format!("{i:05}.html")), page)?;
    }
    let megabytes = pages.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    eprintln!("{} pages, {megabytes:.1} MB", pages.len());
    let load_before = loadavg();

    let batch_before = time_batch(&args, &scratch, pages.len())?;
    eprintln!(
        "batch --jobs {}: {:.1} pages/s",
        args.jobs, batch_before.wall
    );

    let (mut server, addr) = start_server(&args)?;
    let pages = Arc::new(pages);
    run_load(
        &addr,
        &pages,
        args.concurrency,
        Duration::from_secs(args.warm_up),
    );
    let rss_start = rss_mib(server.id());
    let rss_samples = Arc::new(Mutex::new(Vec::new()));
    let sampling = Arc::new(AtomicBool::new(true));
    let sampler = {
        let (samples, sampling, pid) = (rss_samples.clone(), sampling.clone(), server.id());
        std::thread::spawn(move || {
            while sampling.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_secs(1));
                if let Some(mib) = rss_mib(pid) {
                    samples.lock().unwrap().push(mib);
                }
            }
        })
    };
    let measured = Duration::from_secs(args.seconds);
    let cpu_before = process_cpu_secs(server.id());
    let started = Instant::now();
    let tallies = run_load(&addr, &pages, args.concurrency, measured);
    let elapsed = started.elapsed();
    let server_cpu = process_cpu_secs(server.id()) - cpu_before;
    sampling.store(false, Ordering::Relaxed);
    let _ = sampler.join();
    let rss_end = rss_mib(server.id());
    Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()?;
    let stopped = server.wait()?;

    let batch_after = time_batch(&args, &scratch, pages.len())?;
    eprintln!(
        "batch --jobs {}: {:.1} pages/s",
        args.jobs, batch_after.wall
    );
    let load_after = loadavg();
    let _ = std::fs::remove_dir_all(&scratch);

    let mut latencies: Vec<Duration> = tallies.iter().flat_map(|t| t.latencies.clone()).collect();
    latencies.sort();
    let quantile = |q: f64| -> f64 {
        latencies
            .get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let sum = |f: fn(&Tally) -> u64| tallies.iter().map(f).sum::<u64>();
    let answered = latencies.len() as f64;
    let served = sum(|t| t.ok) as f64;
    let server_pps = served / elapsed.as_secs_f64();
    let server_cpu_pps = served / server_cpu;
    let batch_pps = (batch_before.wall + batch_after.wall) / 2.0;
    let batch_cpu_pps = (batch_before.cpu + batch_after.cpu) / 2.0;
    let samples = rss_samples.lock().unwrap().clone();
    let rss_max = samples.iter().copied().fold(0.0, f64::max);
    println!(
        "| server pages/s (per CPU-s) | batch --jobs {} pages/s (per CPU-s), before / after | ratio by wall (by CPU) | p50 ms | p99 ms | 2xx | 4xx | 5xx | broken | RSS MiB start / max / end | load before / after | exit |",
        args.jobs
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
    println!(
        "| {server_pps:.1} ({server_cpu_pps:.1}) | {:.1} ({:.1}) / {:.1} ({:.1}) | {:.1}% ({:.1}%) | {:.1} | {:.1} | {} | {} | {} | {} | {:.0} / {rss_max:.0} / {:.0} | {load_before} / {load_after} | {} |",
        batch_before.wall,
        batch_before.cpu,
        batch_after.wall,
        batch_after.cpu,
        100.0 * server_pps / batch_pps,
        100.0 * server_cpu_pps / batch_cpu_pps,
        quantile(0.5),
        quantile(0.99),
        sum(|t| t.ok),
        sum(|t| t.client_errors),
        sum(|t| t.server_errors),
        sum(|t| t.broken),
        rss_start.unwrap_or(0.0),
        rss_end.unwrap_or(0.0),
        stopped.code().map_or("signal".to_string(), |c| c.to_string()),
    );
    eprintln!(
        "{answered} answers in {:.1}s at concurrency {}; RSS samples: {samples:?}",
        elapsed.as_secs_f64(),
        args.concurrency
    );
    Ok(())
}

fn load_pages(dir: &Path) -> Result<Vec<Vec<u8>>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(".html.gz") || name.ends_with(".html")
        })
        .collect();
    paths.sort();
    let mut pages = Vec::new();
    for path in paths {
        let raw = std::fs::read(&path)?;
        if raw.starts_with(&[0x1f, 0x8b]) {
            let mut page = Vec::new();
            flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut page)?;
            pages.push(page);
        } else {
            pages.push(raw);
        }
    }
    if pages.is_empty() {
        bail!("no pages in {}", dir.display());
    }
    Ok(pages)
}

/// A batch run's speed: pages per second of wall clock and per second of CPU.
#[derive(Clone, Copy)]
struct Speed {
    wall: f64,
    cpu: f64,
}

/// `warta batch --jobs N` over the scratch folder.
fn time_batch(args: &Args, folder: &Path, pages: usize) -> Result<Speed> {
    let cpu_before = children_cpu_secs();
    let started = Instant::now();
    let status = Command::new(&args.warta)
        .arg("batch")
        .arg(folder)
        .args([
            "--jobs",
            &args.jobs.to_string(),
            "--quiet",
            "-o",
            "/dev/null",
        ])
        .status()
        .context("cannot run warta batch")?;
    if !status.success() {
        bail!("warta batch failed: {status}");
    }
    let wall = started.elapsed().as_secs_f64();
    let cpu = children_cpu_secs() - cpu_before;
    Ok(Speed {
        wall: pages as f64 / wall,
        cpu: pages as f64 / cpu,
    })
}

/// CPU seconds (user + system) of a process, all its threads, from `/proc/PID/stat`.
fn process_cpu_secs(pid: u32) -> f64 {
    stat_fields(&format!("/proc/{pid}/stat"), 11, 12)
}

/// CPU seconds of this process's children that have been waited for.
fn children_cpu_secs() -> f64 {
    stat_fields("/proc/self/stat", 13, 14)
}

/// The sum of two clock-tick fields, counted from the one after the command name (field 3),
/// in seconds (Linux reports them in USER_HZ, 100 a second).
fn stat_fields(path: &str, a: usize, b: usize) -> f64 {
    let stat = std::fs::read_to_string(path).unwrap_or_default();
    let fields: Vec<f64> = stat
        .rsplit_once(')')
        .map(|(_, rest)| {
            rest.split_whitespace()
                .map(|f| f.parse().unwrap_or(0.0))
                .collect()
        })
        .unwrap_or_default();
    (fields.get(a).unwrap_or(&0.0) + fields.get(b).unwrap_or(&0.0)) / 100.0
}

fn start_server(args: &Args) -> Result<(std::process::Child, String)> {
    let mut child = Command::new(&args.warta)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--workers",
            &args.jobs.to_string(),
        ])
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot start warta serve")?;
    let mut line = String::new();
    BufReader::new(child.stderr.take().context("no stderr")?).read_line(&mut line)?;
    let Some((_, addr)) = line.trim().rsplit_once("http://") else {
        bail!("warta serve did not say where it listens: {line:?}");
    };
    Ok((child, addr.to_string()))
}

/// `concurrency` connections, each posting pages in turn until `duration` is over.
fn run_load(
    addr: &str,
    pages: &Arc<Vec<Vec<u8>>>,
    concurrency: usize,
    duration: Duration,
) -> Vec<Tally> {
    let deadline = Instant::now() + duration;
    let workers: Vec<_> = (0..concurrency)
        .map(|worker| {
            let (addr, pages) = (addr.to_string(), pages.clone());
            std::thread::spawn(move || {
                let mut tally = Tally::default();
                let mut connection: Option<TcpStream> = None;
                let mut next = worker * pages.len() / concurrency;
                while Instant::now() < deadline {
                    let page = &pages[next % pages.len()];
                    next += 1;
                    let stream = match connection.take() {
                        Some(s) => s,
                        None => match TcpStream::connect(&addr) {
                            Ok(s) => {
                                let _ = s.set_nodelay(true);
                                let _ = s.set_read_timeout(Some(Duration::from_secs(60)));
                                s
                            }
                            Err(_) => {
                                tally.broken += 1;
                                std::thread::sleep(Duration::from_millis(10));
                                continue;
                            }
                        },
                    };
                    let sent = Instant::now();
                    match post(stream, page) {
                        Some((status, stream)) => {
                            tally.latencies.push(sent.elapsed());
                            match status {
                                200..=299 => tally.ok += 1,
                                400..=499 => tally.client_errors += 1,
                                _ => tally.server_errors += 1,
                            }
                            connection = Some(stream);
                        }
                        None => tally.broken += 1,
                    }
                }
                tally
            })
        })
        .collect();
    workers.into_iter().filter_map(|w| w.join().ok()).collect()
}

/// One keep-alive `POST /v1/extract`; the status and the connection, or `None` if it broke.
fn post(mut stream: TcpStream, page: &[u8]) -> Option<(u16, TcpStream)> {
    let head = format!(
        "POST /v1/extract HTTP/1.1\r\nHost: bench\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n",
        page.len()
    );
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(page).ok()?;
    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line).ok()?;
    let status: u16 = status_line.split(' ').nth(1)?.parse().ok()?;
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok()?;
            }
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).ok()?;
    // Nothing is buffered past the body: the server answers one request at a time.
    Some((status, reader.into_inner()))
}

fn rss_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kib / 1024.0)
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}
