//! The batch runner: one reader thread streams items in input order, `jobs` workers extract
//! them, and the calling thread writes the records back in input order.
//!
//! Memory stays bounded by the work in flight: the reader takes a permit before handing out an
//! item and the writer returns it once the record is written, so at most `window` items exist
//! between reading and writing (queued, being extracted, or waiting in the reorder buffer),
//! whatever the input's size.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::io;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{channel, sync_channel, Receiver};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use warta_core::Options;

use crate::dedup::{Dedup, Fingerprints, Mode};
use crate::input::{self, ReadLimits, Reader, Source};
use crate::output::{OutputFormat, Sink};
use crate::page::{self, Item, Outcome};
use crate::record::Record;
use warta_fetch::{FetchConfig, Fetcher};

#[derive(Debug, Clone)]
pub struct Config {
    /// Worker threads; 1 runs everything on the calling thread.
    pub jobs: usize,
    pub format: OutputFormat,
    /// A JSONL file (`None` or `-`: standard output) or, for Markdown/text, a directory.
    pub output: Option<PathBuf>,
    /// Skip records already in the output, and append.
    pub resume: bool,
    pub dedup: Option<Mode>,
    /// Stop (as on Ctrl-C) after reading this many items.
    pub max_items: Option<u64>,
    pub options: Options,
    pub limits: ReadLimits,
    pub fetch: FetchConfig,
    /// Draw a progress bar on standard error.
    pub progress: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            format: OutputFormat::Jsonl,
            output: None,
            resume: false,
            dedup: None,
            max_items: None,
            options: Options::default(),
            limits: ReadLimits::default(),
            fetch: FetchConfig::default(),
            progress: false,
        }
    }
}

/// What a run did, for the end-of-run report.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Items read: records of every type, files, manifest lines.
    pub read: u64,
    /// Records written with an article.
    pub extracted: u64,
    pub skipped: BTreeMap<String, u64>,
    /// Error records written, by error kind.
    pub failed: BTreeMap<String, u64>,
    pub duplicates: u64,
    /// The run stopped before the end of its input (Ctrl-C or `max_items`).
    pub stopped_early: bool,
    pub input_bytes: u64,
    pub elapsed: Duration,
}

impl Summary {
    pub fn written(&self) -> u64 {
        self.extracted + self.failed.values().sum::<u64>()
    }

    fn skip(&mut self, reason: String) {
        *self.skipped.entry(reason).or_default() += 1;
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        writeln!(
            f,
            "read {} items ({:.1} MB) in {:.1}s: {:.1} pages/s, {:.1} MB/s",
            self.read,
            self.input_bytes as f64 / 1e6,
            secs,
            self.written() as f64 / secs,
            self.input_bytes as f64 / 1e6 / secs
        )?;
        writeln!(f, "extracted {}", self.extracted)?;
        if self.duplicates > 0 {
            writeln!(f, "  of which duplicates {}", self.duplicates)?;
        }
        let list = |f: &mut fmt::Formatter<'_>, title: &str, map: &BTreeMap<String, u64>| {
            writeln!(f, "{title} {}", map.values().sum::<u64>())?;
            let mut by_count: Vec<_> = map.iter().collect();
            by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            by_count
                .iter()
                .try_for_each(|(reason, n)| writeln!(f, "  {reason}: {n}"))
        };
        list(f, "skipped", &self.skipped)?;
        list(f, "failed", &self.failed)?;
        if self.stopped_early {
            writeln!(
                f,
                "stopped before the end of the input; run again with --resume to go on"
            )?;
        }
        Ok(())
    }
}

/// A worker's result, ready for the writer.
enum Done {
    Record {
        record: Box<Record>,
        rendered: String,
        fingerprints: Option<Fingerprints>,
    },
    Skipped(String),
}

/// Runs a batch. Returns the summary; an error only when the output cannot be written (every
/// input problem is a record). Setting `stop` ends the run cleanly: the items in flight are
/// finished and written, and the output is left valid.
pub fn run(config: &Config, sources: &[Source], stop: &AtomicBool) -> io::Result<Summary> {
    let started = Instant::now();
    let mut dedup = config.dedup.map(Dedup::new);
    let (mut sink, done_keys) = open_output(config, dedup.as_mut())?;
    let summary = Mutex::new(Summary::default());
    let bytes_read = AtomicU64::new(0);
    let progress = config
        .progress
        .then(|| progress_bar(input::known_size(sources)));
    let wants_near = dedup.as_ref().is_some_and(|d| d.wants_near());
    let mut writer = Writer {
        sink: &mut sink,
        dedup: dedup.as_mut(),
        format: config.format,
        summary: &summary,
        progress: progress.as_ref(),
        bytes_read: &bytes_read,
        started,
        failure: None,
    };
    let reader = Reader {
        limits: config.limits,
        bytes_read: &bytes_read,
    };
    let feed = Feed {
        reader,
        sources,
        admission: Admission {
            done_keys,
            summary: &summary,
            max_items: config.max_items,
            stop,
        },
    };
    let fetcher = Fetcher::new(config.fetch.clone());
    let work = |item: Item| extract(item, config, &fetcher, wants_near);
    // `Break` when the run stopped before the end of its input.
    let read_all = if config.jobs <= 1 {
        in_sequence(feed, &work, &mut writer, stop)
    } else {
        in_parallel(config.jobs, feed, &work, &mut writer, stop)
    };
    let failure = writer.failure.take();
    sink.finish()?;
    if let Some(e) = failure {
        return Err(e);
    }
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    let mut summary = summary.into_inner().unwrap_or_else(|e| e.into_inner());
    summary.stopped_early = read_all.is_break();
    summary.input_bytes = bytes_read.load(Ordering::Relaxed);
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Opens the output. When resuming, the records already there are read back: their keys
/// are returned, to be skipped, and their fingerprints fed to `dedup`, so that a later copy
/// still points at the first one written before the restart.
fn open_output(
    config: &Config,
    mut dedup: Option<&mut Dedup>,
) -> io::Result<(Sink, HashSet<String>)> {
    let mut done_keys = HashSet::new();
    let sink = Sink::open(
        config.output.as_deref(),
        config.format,
        config.resume,
        &mut |prior| {
            if let Some(d) = dedup.as_mut() {
                // A record read back without its text still names its fingerprint.
                let fp = Fingerprints::of(&prior.text, d.wants_near()).or_else(|| {
                    let exact = u64::from_str_radix(prior.fingerprint.as_deref()?, 16).ok()?;
                    Some(Fingerprints { exact, near: None })
                });
                if let (Some(key), Some(fp)) = (prior.key(), fp) {
                    d.check(key, fp);
                }
            }
            if let Some(key) = prior.key() {
                done_keys.insert(key.to_string());
            }
        },
    )?;
    Ok((sink, done_keys))
}

/// The reader's gate: counts every item, applies `--resume` and the stop conditions.
struct Admission<'a> {
    /// Keys of the records already in the output.
    done_keys: HashSet<String>,
    summary: &'a Mutex<Summary>,
    max_items: Option<u64>,
    stop: &'a AtomicBool,
}

impl Admission<'_> {
    /// `Break` once the run is told to stop; `Some` when the item is work.
    fn admit(&mut self, item: Item) -> ControlFlow<(), Option<Item>> {
        if self.stop.load(Ordering::Relaxed) {
            return ControlFlow::Break(());
        }
        let mut s = lock(self.summary);
        s.read += 1;
        let read = s.read;
        let item = match item {
            Item::Skipped(reason) => {
                s.skip(reason);
                None
            }
            item if item.key().is_some_and(|k| self.done_keys.contains(k)) => {
                s.skip("already in the output".into());
                None
            }
            item => Some(item),
        };
        drop(s);
        if self.max_items.is_some_and(|max| read >= max) {
            self.stop.store(true, Ordering::Relaxed);
        }
        ControlFlow::Continue(item)
    }
}

/// Where the items come from: the sources, read in order through the gate.
struct Feed<'a> {
    reader: Reader<'a>,
    sources: &'a [Source],
    admission: Admission<'a>,
}

impl Feed<'_> {
    /// Hands each admitted item to `take`; `Break` when reading stopped before the end.
    fn each(mut self, take: &mut dyn FnMut(Item) -> ControlFlow<()>) -> ControlFlow<()> {
        self.reader.visit(
            self.sources,
            &mut |item| match self.admission.admit(item)? {
                Some(item) => take(item),
                None => ControlFlow::Continue(()),
            },
        )
    }
}

/// One page's work on a worker. A panic in it must not stall the ordered writer: it becomes
/// that page's error record (the extractor's own panics are already caught closer to the
/// source).
fn extract(item: Item, config: &Config, fetcher: &Fetcher, wants_near: bool) -> Done {
    let (id, input) = item.identity();
    warta_core::catch_panic(|| finish(item, &config.options, fetcher, config.format, wants_near))
        .unwrap_or_else(|panic| {
            let record = Record::refused(id, input, &panic);
            let rendered = config.format.render(&record);
            Done::Record {
                record: Box::new(record),
                rendered,
                fingerprints: None,
            }
        })
}

/// Everything on the calling thread: read, extract, write, one item at a time.
fn in_sequence(
    feed: Feed<'_>,
    work: &dyn Fn(Item) -> Done,
    writer: &mut Writer<'_>,
    stop: &AtomicBool,
) -> ControlFlow<()> {
    feed.each(&mut |item| {
        writer.write(work(item), stop);
        ControlFlow::Continue(())
    })
}

/// A reader thread, `jobs` workers and the writer on the calling thread. Each item carries its
/// sequence number so the writer can put the results back in input order; permits bound the
/// items in flight to `jobs * 4`.
fn in_parallel(
    jobs: usize,
    feed: Feed<'_>,
    work: &(dyn Fn(Item) -> Done + Sync),
    writer: &mut Writer<'_>,
    stop: &AtomicBool,
) -> ControlFlow<()> {
    let window = jobs * 4;
    let (task_tx, task_rx) = sync_channel::<(u64, Item)>(jobs);
    let (done_tx, done_rx) = channel::<(u64, Done)>();
    let (permit_tx, permit_rx) = sync_channel::<()>(window);
    let task_rx = Mutex::new(task_rx);
    std::thread::scope(|scope| {
        let reading = scope.spawn(move || {
            let mut seq = 0u64;
            feed.each(&mut |item| {
                // The sends fail only when the writer is gone; stop reading then.
                if permit_tx.send(()).is_err() || task_tx.send((seq, item)).is_err() {
                    return ControlFlow::Break(());
                }
                seq += 1;
                ControlFlow::Continue(())
            })
        });
        for _ in 0..jobs {
            let (task_rx, done_tx) = (&task_rx, done_tx.clone());
            scope.spawn(move || loop {
                let next = lock(task_rx).recv();
                let Ok((seq, item)) = next else { break };
                if done_tx.send((seq, work(item))).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        write_in_order(writer, done_rx, permit_rx, stop);
        reading.join().unwrap_or(ControlFlow::Break(()))
    })
}

/// Writes results as they come, in sequence order, holding early ones back.
fn write_in_order(
    writer: &mut Writer<'_>,
    done: Receiver<(u64, Done)>,
    permits: Receiver<()>,
    stop: &AtomicBool,
) {
    let mut waiting = BTreeMap::new();
    let mut next = 0u64;
    for (seq, result) in done {
        waiting.insert(seq, result);
        while let Some(result) = waiting.remove(&next) {
            writer.write(result, stop);
            next += 1;
            let _ = permits.recv();
        }
    }
}

/// The worker's side: extract, fingerprint, render.
fn finish(
    item: Item,
    options: &Options,
    fetcher: &Fetcher,
    format: OutputFormat,
    wants_near: bool,
) -> Done {
    let mut record = match item {
        Item::Skipped(reason) => return Done::Skipped(reason),
        Item::Failed(r) => r,
        Item::Page(p) => match page::process(p, options, fetcher) {
            Outcome::Record(r) => r,
            Outcome::Skipped(reason) => return Done::Skipped(reason),
        },
    };
    let fingerprints = record
        .error
        .is_none()
        .then(|| Fingerprints::of(&record.article.text, wants_near))
        .flatten();
    record.fingerprint = fingerprints.map(|f| f.hex());
    let rendered = format.render(&record);
    Done::Record {
        record,
        rendered,
        fingerprints,
    }
}

struct Writer<'a> {
    sink: &'a mut Sink,
    dedup: Option<&'a mut Dedup>,
    format: OutputFormat,
    summary: &'a Mutex<Summary>,
    progress: Option<&'a ProgressBar>,
    bytes_read: &'a AtomicU64,
    started: Instant,
    /// The first write error; the run stops at it.
    failure: Option<io::Error>,
}

impl Writer<'_> {
    fn write(&mut self, done: Done, stop: &AtomicBool) {
        let mut s = lock(self.summary);
        match done {
            Done::Skipped(reason) => s.skip(reason),
            Done::Record {
                mut record,
                mut rendered,
                fingerprints,
            } => {
                if let (Some(d), Some(fp), Some(key)) =
                    (self.dedup.as_mut(), fingerprints, record.key())
                {
                    if let Some(first) = d.check(key, fp) {
                        record.duplicate_of = Some(first);
                        rendered = self.format.render(&record);
                        s.duplicates += 1;
                    }
                }
                match &record.error {
                    Some(e) => *s.failed.entry(e.kind.clone()).or_default() += 1,
                    None => s.extracted += 1,
                }
                if self.failure.is_none() {
                    if let Err(e) = self.sink.write(&record, &rendered) {
                        self.failure = Some(e);
                        stop.store(true, Ordering::Relaxed);
                    }
                }
            }
        }
        if let Some(bar) = self.progress {
            bar.set_position(self.bytes_read.load(Ordering::Relaxed));
            let secs = self.started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{} pages ({:.0}/s), {} errors",
                s.extracted,
                s.written() as f64 / secs,
                s.failed.values().sum::<u64>()
            ));
        }
    }
}

/// The project's progress bar on standard error: bytes against `total` when it is known.
pub fn progress_bar(total: Option<u64>) -> ProgressBar {
    let bar = match total {
        Some(t) => ProgressBar::new(t),
        None => ProgressBar::no_length(),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    let template = if total.is_some() {
        "{elapsed_precise} [{wide_bar}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta} | {msg}"
    } else {
        "{elapsed_precise} {binary_bytes} {binary_bytes_per_sec} | {msg}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
