//! `warta-eval speed`: single-thread throughput on pages held in memory.
//!
//! Four timings per page: the whole of `warta_core::extract` (decode + parse + extract),
//! decoding alone, parsing alone (`warta_core::dom::parse`, default limits) on the decoded
//! string, and the html5ever floor under that parse ([`crate::parse_floor`]: the same parser
//! into a sink that keeps nothing); each as wall time and as this thread's CPU time (`*_cpu`,
//! ms/page), since on a shared machine wall time grows with the load. One warm-up pass, then `passes` timed
//! passes; the fastest pass is kept.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::report::{SetReport, Tally};
use crate::run::{options_for, PeerOutputs, System};
use crate::score::Mean;
use crate::sets::{self, Page};

struct Loaded {
    page: Page,
    bytes: Vec<u8>,
    decoded: String,
}

/// Wall and CPU time of one loop over the pages.
#[derive(Clone, Copy)]
struct Timing {
    wall: Duration,
    /// This thread's CPU time, where the OS tells it.
    cpu: Option<Duration>,
}

fn timed(f: impl FnOnce()) -> Timing {
    let cpu_start = thread_cpu_time();
    let start = Instant::now();
    f();
    let wall = start.elapsed();
    let cpu = thread_cpu_time()
        .zip(cpu_start)
        .map(|(end, start)| end.saturating_sub(start));
    Timing { wall, cpu }
}

struct Pass {
    extract: Timing,
    decode: Timing,
    parse: Timing,
    parse_floor: Timing,
    panicked: Vec<String>,
}

fn one_pass(pages: &[Loaded]) -> Pass {
    let mut panicked = Vec::new();
    let extract = timed(|| {
        for l in pages {
            let opts = options_for(&l.page);
            let r = warta_core::catch_panic(|| warta_core::extract(&l.bytes, &opts));
            if r.is_err() {
                panicked.push(l.page.id.clone());
            }
        }
    });
    let decode = timed(|| {
        for l in pages {
            std::hint::black_box(warta_core::internals::decode(&l.bytes, None).text.len());
        }
    });
    let limits = warta_core::Limits::default();
    let parse = timed(|| {
        for l in pages {
            std::hint::black_box(
                warta_core::internals::parse(&l.decoded, &limits)
                    .0
                    .nodes
                    .len(),
            );
        }
    });
    let parse_floor = timed(|| {
        for l in pages {
            std::hint::black_box(crate::parse_floor::parse(&l.decoded));
        }
    });
    Pass {
        extract,
        decode,
        parse,
        parse_floor,
        panicked,
    }
}

/// This thread's CPU time so far (Linux: `/proc/thread-self/schedstat`, nanoseconds on CPU).
/// On a shared machine wall time grows with the load; CPU time mostly does not.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn per_page_ms(d: Duration, n: usize) -> f64 {
    d.as_secs_f64() * 1e3 / n.max(1) as f64
}

fn pages_per_s(d: Duration, n: usize) -> f64 {
    if d.is_zero() {
        0.0
    } else {
        n as f64 / d.as_secs_f64()
    }
}

pub fn run(
    bench: &Path,
    set_names: &[&str],
    limit: Option<usize>,
    passes: usize,
    systems: &[System],
) -> Result<Vec<SetReport>> {
    let mut reports = Vec::new();
    for &set in set_names {
        let pages = sets::load(bench, set, limit)?;
        for system in systems {
            reports.push(match system {
                System::Peer(dir) => peer_speed(dir, set, &pages)?,
                System::Warta => warta_speed(set, pages.clone(), passes)?,
            });
        }
    }
    Ok(reports)
}

/// A peer's speed: the means of its own per-page timings.
fn peer_speed(dir: &Path, set: &str, pages: &[Page]) -> Result<SetReport> {
    let peer = PeerOutputs::load(dir, set)?;
    let mut tally = Tally::default();
    let mut cpu = Mean::default();
    for p in pages {
        let pred = peer.predict(p);
        if let Some(ms) = pred.cpu_ms {
            cpu.add(ms);
        }
        tally.add(p, &pred);
    }
    let ms = tally.ms.value();
    Ok(SetReport {
        set: set.into(),
        system: System::Peer(dir.to_path_buf()).name(),
        metrics: vec![
            ("extract_ms".into(), ms),
            ("pages/s".into(), if ms > 0.0 { 1e3 / ms } else { 0.0 }),
            ("cpu_ms".into(), cpu.value()),
            (
                "cpu_pages/s".into(),
                if cpu.value() > 0.0 {
                    1e3 / cpu.value()
                } else {
                    0.0
                },
            ),
        ],
        notes: vec![format!(
            "means of the peer's own per-page `ms` (wall, {} pages) and `cpu_ms` ({} pages)",
            tally.ms.count(),
            cpu.count()
        )],
        tally,
        ..Default::default()
    })
}

/// warta's speed, measured here on pages loaded into memory first.
fn warta_speed(set: &str, pages: Vec<Page>, passes: usize) -> Result<SetReport> {
    let mut report = SetReport {
        set: set.into(),
        system: System::Warta.name(),
        ..Default::default()
    };
    let mut loaded = Vec::with_capacity(pages.len());
    let mut bytes_total = 0usize;
    for page in pages {
        let bytes = page.bytes()?;
        bytes_total += bytes.len();
        let decoded = warta_core::internals::decode(&bytes, None)
            .text
            .into_owned();
        loaded.push(Loaded {
            page,
            bytes,
            decoded,
        });
    }
    let n = loaded.len();
    one_pass(&loaded); // warm-up
    let best = (0..passes.max(1))
        .map(|_| one_pass(&loaded))
        .min_by_key(|p| p.extract.wall)
        .expect("at least one pass");
    report.tally.pages = n;
    report.tally.panics = best.panicked.len();
    report.tally.panicked = best.panicked;
    let cpu_ms = |t: Timing| t.cpu.map_or(f64::NAN, |d| per_page_ms(d, n));
    report.metrics = vec![
        ("extract_ms".into(), per_page_ms(best.extract.wall, n)),
        ("pages/s".into(), pages_per_s(best.extract.wall, n)),
        ("cpu_ms".into(), cpu_ms(best.extract)),
        (
            "cpu_pages/s".into(),
            best.extract.cpu.map_or(f64::NAN, |d| pages_per_s(d, n)),
        ),
        ("decode_ms".into(), per_page_ms(best.decode.wall, n)),
        ("decode_cpu".into(), cpu_ms(best.decode)),
        ("parse_ms".into(), per_page_ms(best.parse.wall, n)),
        ("parse_cpu".into(), cpu_ms(best.parse)),
        ("floor_cpu".into(), cpu_ms(best.parse_floor)),
        (
            "MB/s".into(),
            bytes_total as f64 / 1e6 / best.extract.wall.as_secs_f64().max(1e-9),
        ),
    ];
    report.notes.push(format!(
        "single thread, in memory, best of {} pass(es) after one warm-up; extract = \
         decode + parse + extract",
        passes.max(1)
    ));
    if cfg!(debug_assertions) {
        report
            .notes
            .push("DEBUG BUILD: timings are meaningless".into());
    }
    Ok(report)
}
