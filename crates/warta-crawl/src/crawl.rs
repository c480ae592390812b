//! The crawl: one worker per host (at most `jobs` hosts at once), each with up to `per_host`
//! lanes that share the host's queue and its pace (the delay between request starts, a
//! server's `Retry-After`). Each host's work is, in order of trust: robots.txt, its sitemaps,
//! the seed pages and the feeds they announce, the listing pages the extractor recognises, and
//! the pages all of these point to.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use indicatif::ProgressBar;
use url::Url;
use warta_core::{Options, PageType};
use warta_corpus::page::{self, Outcome, Page, Payload};
use warta_corpus::warc::writer::{Compress, Exchange as WarcExchange, WarcWriter};
use warta_corpus::Record;
use warta_fetch::FetchConfig;

use crate::feed;
use crate::fetch::{Exchange, Fetcher};
use crate::robots::{self, Robots};
use crate::sitemap::{self, Sitemap};
use crate::state::{Kind, Status, Store, UrlRecord};
use crate::url_norm;

pub const USER_AGENT: &str = concat!(
    "warta/",
    env!("CARGO_PKG_VERSION"),
    " (news crawler; +",
    env!("CARGO_PKG_REPOSITORY"),
    ")"
);

/// How often a 429 or 503 is retried before the page is an error record.
const MAX_RETRIES: u32 = 3;
/// Where sites that announce no feed often keep one anyway.
const COMMON_FEED_PATHS: [&str; 6] = [
    "/feed",
    "/rss",
    "/rss.xml",
    "/atom.xml",
    "/feed.xml",
    "/index.xml",
];
/// A `Retry-After` longer than this is cut to it.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(120);

#[derive(Debug, Clone)]
pub struct Config {
    /// Sites (`https://news.example/`) or pages to start from.
    pub seeds: Vec<String>,
    /// Article JSON lines; `None` is standard output.
    pub output: Option<PathBuf>,
    pub warc: Option<PathBuf>,
    pub state: Option<PathBuf>,
    /// Stop after fetching this many pages (discovery documents not counted).
    pub max_pages: Option<u64>,
    /// Sitemap and feed entries dated before this are skipped.
    pub since: Option<jiff::Timestamp>,
    /// The least time from a request's start, and from a response's end, to the next request
    /// to the host (robots.txt's Crawl-delay can raise it).
    pub delay: Duration,
    /// Hosts crawled at once.
    pub jobs: usize,
    /// Requests in flight to one host at once. A host whose robots.txt sets a Crawl-delay
    /// gets one: the site asked for a pace, which the classic reading of Crawl-delay gives
    /// with one connection at a time.
    pub per_host: usize,
    /// How many listing pages deep (pagination, links from listings) to go from a seed.
    pub max_depth: u32,
    /// Caps, user agent and address policy for every request (redirects are followed by the
    /// crawl, hop by hop, up to `max_redirects`).
    pub fetch: FetchConfig,
    pub options: Options,
    pub progress: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            seeds: Vec::new(),
            output: None,
            warc: None,
            state: None,
            max_pages: None,
            since: None,
            delay: Duration::from_secs(1),
            jobs: 4,
            per_host: 1,
            max_depth: 10,
            fetch: FetchConfig {
                user_agent: USER_AGENT.to_string(),
                ..FetchConfig::default()
            },
            options: Options::default(),
            progress: false,
        }
    }
}

/// Per host: what the run found and did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostSummary {
    /// New URLs found (pages to fetch).
    pub found: u64,
    /// HTTP requests sent.
    pub requests: u64,
    /// Requests answered `304 Not Modified`.
    pub not_modified: u64,
    pub extracted: u64,
    /// Error records written.
    pub failed: u64,
    /// URLs robots.txt kept us from.
    pub disallowed: u64,
    /// Pages already extracted under another URL (redirect target or canonical link).
    pub duplicates: u64,
}

#[derive(Debug, Default)]
pub struct Summary {
    pub hosts: BTreeMap<String, HostSummary>,
    pub stopped_early: bool,
    pub elapsed: Duration,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (host, s) in &self.hosts {
            writeln!(
                f,
                "{host}: {} new URLs, {} requests ({} not modified), {} articles, {} errors, {} disallowed by robots.txt, {} duplicates",
                s.found, s.requests, s.not_modified, s.extracted, s.failed, s.disallowed, s.duplicates
            )?;
        }
        writeln!(f, "in {:.1} s", self.elapsed.as_secs_f64())?;
        if self.stopped_early {
            writeln!(f, "stopped early; run again with the same --state to go on")?;
        }
        Ok(())
    }
}

struct Outputs {
    lines: Box<dyn Write + Send>,
    warc: Option<WarcWriter<BufWriter<File>>>,
    /// The first write error: the run stops at it.
    failure: Option<io::Error>,
}

struct Shared<'a> {
    config: &'a Config,
    store: Store,
    outputs: Mutex<Outputs>,
    fetcher: Fetcher,
    /// `page::process` wants a fetcher for pages it must fetch itself; ours never are.
    no_fetch: warta_fetch::Fetcher,
    stop: &'a AtomicBool,
    pages_fetched: AtomicU64,
    summary: Mutex<BTreeMap<String, HostSummary>>,
    progress: Option<ProgressBar>,
}

/// Crawls the seeds. Setting `stop` (Ctrl-C) ends the run after the pages in flight; the state,
/// the output and the WARC are then consistent.
pub fn run(config: &Config, stop: &AtomicBool) -> Result<Summary, String> {
    let started = Instant::now();
    let mut by_host: BTreeMap<String, Vec<Url>> = BTreeMap::new();
    for seed in &config.seeds {
        let url = url_norm::parse(seed).ok_or_else(|| format!("{seed}: not an http(s) URL"))?;
        by_host
            .entry(url_norm::host_key(&url))
            .or_default()
            .push(url);
    }
    let store = Store::open(config.state.as_deref())?;
    let lines: Box<dyn Write + Send> = match &config.output {
        None => Box::new(io::stdout()),
        Some(p) if p.as_os_str() == "-" => Box::new(io::stdout()),
        Some(p) => Box::new(BufWriter::new(append(p)?)),
    };
    let warc = match &config.warc {
        Some(p) => Some(open_warc(p, config)?),
        None => None,
    };
    let shared = Shared {
        config,
        store,
        outputs: Mutex::new(Outputs {
            lines,
            warc,
            failure: None,
        }),
        fetcher: Fetcher::new(&config.fetch),
        no_fetch: warta_fetch::Fetcher::new(FetchConfig::default()),
        stop,
        pages_fetched: AtomicU64::new(0),
        summary: Mutex::new(BTreeMap::new()),
        progress: config
            .progress
            .then(|| warta_corpus::batch::progress_bar(None)),
    };
    let hosts = Mutex::new(by_host.into_iter().collect::<VecDeque<_>>());
    std::thread::scope(|scope| {
        for _ in 0..config.jobs.max(1) {
            scope.spawn(|| loop {
                let next = lock(&hosts).pop_front();
                let Some((key, seeds)) = next else { break };
                crawl_host(&shared, key, seeds);
            });
        }
    });
    if let Some(bar) = &shared.progress {
        bar.finish_and_clear();
    }
    shared.store.sync()?;
    let mut outputs = shared
        .outputs
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(e) = outputs.failure.take() {
        return Err(format!("cannot write the output: {e}"));
    }
    outputs
        .lines
        .flush()
        .map_err(|e| format!("cannot write the output: {e}"))?;
    if let Some(w) = outputs.warc.take() {
        w.finish()
            .map_err(|e| format!("cannot write the WARC: {e}"))?;
    }
    Ok(Summary {
        hosts: shared
            .summary
            .into_inner()
            .unwrap_or_else(|e| e.into_inner()),
        stopped_early: stop.load(Ordering::Relaxed),
        elapsed: started.elapsed(),
    })
}

fn append(path: &std::path::Path) -> Result<File, String> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))
}

/// Opens the WARC to append to; a new (empty) file starts with a `warcinfo` record saying
/// what wrote it and how.
fn open_warc(
    path: &std::path::Path,
    config: &Config,
) -> Result<WarcWriter<BufWriter<File>>, String> {
    let file = append(path)?;
    let fresh = file.metadata().map(|m| m.len() == 0).unwrap_or(false);
    let mut warc = WarcWriter::new(BufWriter::new(file), compression(path));
    if fresh {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        warc.write_warcinfo(
            &now(),
            &name,
            &[
                ("software", concat!("warta/", env!("CARGO_PKG_VERSION"))),
                ("format", "WARC File Format 1.1"),
                (
                    "conformsTo",
                    "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
                ),
                ("robots", "obey"),
                ("http-header-user-agent", &config.fetch.user_agent),
            ],
        )
        .and_then(|_| warc.flush())
        .map_err(|e| format!("cannot write the WARC: {e}"))?;
    }
    Ok(warc)
}

fn compression(path: &std::path::Path) -> Compress {
    if path.extension().is_some_and(|e| e == "gz") {
        Compress::Gzip
    } else {
        Compress::None
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A URL waiting in a host's queue.
#[derive(Debug, Clone)]
struct Task {
    url: Url,
    kind: Kind,
    depth: u32,
    /// The date a sitemap or feed gave it.
    listed: Option<String>,
    /// A page the user named: its navigation links lead to sections.
    seed: bool,
}

/// What one fetch (with its redirects) gave.
struct Fetched {
    /// Where the last hop was.
    url: Url,
    exchange: Exchange,
    /// The archived response record's id.
    record_id: Option<String>,
    date: String,
}

enum Got {
    Page(Box<Fetched>),
    /// 304: the stored copy still holds.
    NotModified,
    /// An error record was written (or the URL was refused); nothing more to do.
    Gone,
}

/// One host's fixed context, shared by its lanes: robots.txt is read before they start.
struct Host<'s, 'a> {
    shared: &'s Shared<'a>,
    key: String,
    robots: Robots,
    delay: Duration,
    pace: Mutex<Pace>,
}

/// When the host may be asked again; every lane waits on it.
struct Pace {
    last_start: Option<Instant>,
    last_end: Option<Instant>,
    /// A server's `Retry-After`: no request before this.
    not_before: Instant,
}

/// One host's frontier, behind the lock the lanes share.
struct HostCrawl<'h, 's, 'a> {
    host: &'h Host<'s, 'a>,
    origin: Url,
    /// Discovery documents first, then listings, then the pages they lead to.
    queues: [VecDeque<Task>; 3],
    queued: HashSet<String>,
    /// Pages written this run, under every URL they answer to (asked, final, canonical).
    written: HashSet<String>,
    /// Seed pages not yet visited: when the last is read, the common feed paths are tried
    /// unless a page announced a feed.
    seeds_left: usize,
    feeds_announced: bool,
    /// Tasks taken by a lane and not yet read: an empty queue is the end only when none are.
    in_flight: usize,
}

/// Crawls one host: robots.txt first, then its lanes until the queue is empty.
fn crawl_host(shared: &Shared, key: String, seeds: Vec<Url>) {
    let Some(origin) = seeds.first().and_then(|s| s.join("/").ok()) else {
        return;
    };
    let mut host = Host {
        shared,
        key,
        robots: Robots::AllowAll,
        delay: shared.config.delay,
        pace: Mutex::new(Pace {
            last_start: None,
            last_end: None,
            not_before: Instant::now(),
        }),
    };
    host.count(|_| {});
    host.read_robots(&origin);
    let lanes = if host.robots.delay().is_some_and(|d| d > 0.0) {
        1
    } else {
        shared.config.per_host.max(1)
    };
    let mut frontier = HostCrawl {
        host: &host,
        origin,
        queues: Default::default(),
        queued: HashSet::new(),
        written: HashSet::new(),
        seeds_left: 0,
        feeds_announced: false,
        in_flight: 0,
    };
    frontier.start(seeds);
    let frontier = Mutex::new(frontier);
    let wake = Condvar::new();
    std::thread::scope(|scope| {
        for _ in 1..lanes {
            scope.spawn(|| lane(&host, &frontier, &wake));
        }
        lane(&host, &frontier, &wake);
    });
}

/// Takes tasks from the host's queue until it is empty and no other lane may add to it. The
/// request and the extraction run outside the lock; what they found is read inside it.
fn lane(host: &Host, frontier: &Mutex<HostCrawl>, wake: &Condvar) {
    let mut crawl = lock(frontier);
    loop {
        if host.stopping() || lock(&host.shared.outputs).failure.is_some() {
            break;
        }
        let Some(task) = crawl.next_task() else {
            if crawl.in_flight == 0 {
                break;
            }
            crawl = wake.wait(crawl).unwrap_or_else(|e| e.into_inner());
            continue;
        };
        if matches!(task.kind, Kind::Page | Kind::Listing) {
            if let Some(max) = host.shared.config.max_pages {
                if host.shared.pages_fetched.fetch_add(1, Ordering::SeqCst) >= max {
                    break;
                }
            }
        }
        let seed = task.seed;
        if crawl.written.contains(task.url.as_str()) {
            // Already written this run under another URL that names this one as canonical.
            host.count(|s| s.duplicates += 1);
        } else {
            crawl.in_flight += 1;
            drop(crawl);
            let got = host.fetch(&task);
            let outcome = host.extract(&task, &got);
            crawl = lock(frontier);
            crawl.in_flight -= 1;
            crawl.visit(task, got, outcome);
            wake.notify_all();
        }
        if seed {
            crawl.seed_done();
        }
    }
    drop(crawl);
    // Lanes waiting for this one's findings see the end (or the stop) for themselves.
    wake.notify_all();
}

impl<'s, 'a> Host<'s, 'a> {
    fn count(&self, update: impl FnOnce(&mut HostSummary)) {
        let mut all = lock(&self.shared.summary);
        update(all.entry(self.key.clone()).or_default());
        if let Some(bar) = &self.shared.progress {
            let s = all.values().fold(HostSummary::default(), |mut t, h| {
                t.found += h.found;
                t.requests += h.requests;
                t.extracted += h.extracted;
                t.failed += h.failed;
                t
            });
            bar.set_message(format!(
                "{} hosts: {} found, {} fetched, {} extracted, {} failed",
                all.len(),
                s.found,
                s.requests,
                s.extracted,
                s.failed
            ));
        }
    }

    fn stopping(&self) -> bool {
        self.shared.stop.load(Ordering::Relaxed)
    }

    fn read_robots(&mut self, origin: &Url) {
        let Ok(url) = origin.join("/robots.txt") else {
            return;
        };
        let agent = robots::agent_token(&self.shared.config.fetch.user_agent).to_string();
        let task = Task {
            url: url.clone(),
            kind: Kind::Robots,
            depth: 0,
            listed: None,
            seed: false,
        };
        // robots.txt itself is never refused by robots.txt.
        self.robots = Robots::AllowAll;
        let (status, body) = match self.fetch(&task) {
            Got::Page(f) => {
                let status = f.exchange.status;
                self.remember(&task, &f, Some(f.exchange.body.clone()), &[]);
                (status, f.exchange.body)
            }
            Got::NotModified => (
                200,
                self.shared.store.body(url.as_str()).unwrap_or_default(),
            ),
            // Unreachable: nothing may be fetched this run.
            Got::Gone => (503, Vec::new()),
        };
        self.robots = Robots::from_response(&agent, status, &body);
        if let Some(d) = self.robots.delay() {
            self.delay = self.delay.max(Duration::from_secs_f32(d.min(60.0)));
        }
    }

    /// A page's extraction, through the same code `warta batch` runs on the archived response;
    /// `None` for discovery documents and for responses that are not a success.
    fn extract(&self, task: &Task, got: &Got) -> Option<Outcome> {
        let Got::Page(fetched) = got else { return None };
        if matches!(task.kind, Kind::Sitemap | Kind::Feed)
            || !(200..300).contains(&fetched.exchange.status)
        {
            return None;
        }
        let mut block = fetched.exchange.response_head.clone();
        block.extend_from_slice(&fetched.exchange.wire_body);
        Some(page::process(
            Page {
                id: fetched.record_id.clone(),
                input: task.url.to_string(),
                url: Some(fetched.url.to_string()),
                fetched: Some(fetched.date.clone()),
                payload: Payload::HttpResponse(block),
                warnings: Vec::new(),
            },
            &self.shared.config.options,
            &self.shared.no_fetch,
        ))
    }

    /// Sends the request, following redirects and waiting out 429/503, and archives every
    /// exchange. Error records for failures are written here.
    fn fetch(&self, task: &Task) -> Got {
        let previous = self.shared.store.get(task.url.as_str());
        let mut validators = Vec::new();
        if let Some(r) = previous.as_ref().filter(|r| r.status == Status::Done) {
            if let Some(etag) = &r.etag {
                validators.push(("If-None-Match", etag.clone()));
            }
            if let Some(lm) = &r.last_modified {
                validators.push(("If-Modified-Since", lm.clone()));
            }
        }
        let mut url = task.url.clone();
        let mut hops = vec![url.to_string()];
        let mut retries = 0;
        loop {
            if task.kind != Kind::Robots && !self.robots.allowed(url.as_str()) {
                self.count(|s| s.disallowed += 1);
                self.fail(task, "robots", format!("robots.txt disallows {url}"), false);
                return Got::Gone;
            }
            if !self.wait_turn() {
                return Got::Gone;
            }
            let date = now();
            let sent = self.shared.fetcher.get(&url, &validators);
            lock(&self.pace).last_end = Some(Instant::now());
            self.count(|s| s.requests += 1);
            let exchange = match sent {
                Ok(e) => e,
                Err(e) => {
                    self.fail(task, e.kind(), e.to_string(), true);
                    return Got::Gone;
                }
            };
            let record_id = self.archive(&url, &date, &exchange);
            if let Some(bar) = &self.shared.progress {
                bar.inc(exchange.wire_body.len() as u64);
            }
            match exchange.status {
                304 => {
                    self.count(|s| s.not_modified += 1);
                    return Got::NotModified;
                }
                301 | 302 | 303 | 307 | 308 => {
                    let target = exchange
                        .header("location")
                        .and_then(|l| url_norm::resolve(&url, l));
                    let Some(target) = target else {
                        self.fail(
                            task,
                            "fetch",
                            "redirect without a usable Location".into(),
                            true,
                        );
                        return Got::Gone;
                    };
                    if hops.contains(&target.to_string()) {
                        self.fail(
                            task,
                            "redirect-loop",
                            format!("redirect loop at {target}"),
                            true,
                        );
                        return Got::Gone;
                    }
                    if hops.len() > self.shared.config.fetch.max_redirects as usize {
                        self.fail(
                            task,
                            "too-many-redirects",
                            format!(
                                "more than {} redirects",
                                self.shared.config.fetch.max_redirects
                            ),
                            true,
                        );
                        return Got::Gone;
                    }
                    hops.push(target.to_string());
                    // Validators belong to the first URL only.
                    validators.clear();
                    url = target;
                }
                429 | 503 if retries < MAX_RETRIES => {
                    retries += 1;
                    let wait = exchange
                        .header("retry-after")
                        .and_then(retry_after)
                        .unwrap_or(self.delay.max(Duration::from_secs(1)) * 2u32.pow(retries))
                        .min(MAX_RETRY_AFTER);
                    // The whole host waits, not only this lane.
                    let mut pace = lock(&self.pace);
                    pace.not_before = pace.not_before.max(Instant::now() + wait);
                }
                _ => {
                    return Got::Page(Box::new(Fetched {
                        url,
                        exchange,
                        record_id,
                        date,
                    }))
                }
            }
        }
    }

    /// Sleeps until the host may be asked again, and takes that start for this lane; false
    /// when the run is stopping. A start waits out `delay` from the last start and from the
    /// last response's end: with one lane this is the delay between a response and the next
    /// request, with more it still spaces the starts.
    fn wait_turn(&self) -> bool {
        loop {
            if self.stopping() {
                return false;
            }
            let now = Instant::now();
            let due = {
                let mut pace = lock(&self.pace);
                let due = [pace.last_start, pace.last_end]
                    .into_iter()
                    .flatten()
                    .map(|t| t + self.delay)
                    .fold(pace.not_before, Instant::max);
                if now >= due {
                    pace.last_start = Some(now);
                    return true;
                }
                due
            };
            std::thread::sleep((due - now).min(Duration::from_millis(50)));
        }
    }

    fn archive(&self, url: &Url, date: &str, exchange: &Exchange) -> Option<String> {
        let mut out = lock(&self.shared.outputs);
        let out = &mut *out;
        let warc = out.warc.as_mut()?;
        let written = warc.write_exchange(&WarcExchange {
            url: url.as_str(),
            date,
            ip: None,
            request: &exchange.request_head,
            response_head: &exchange.response_head,
            body: &exchange.wire_body,
        });
        match written.and_then(|id| warc.flush().map(|()| id)) {
            Ok(id) => Some(id),
            Err(e) => {
                out.failure.get_or_insert(e);
                self.shared.stop.store(true, Ordering::Relaxed);
                None
            }
        }
    }

    /// Records a failure: an error line for pages (`write`), the state in any case.
    fn fail(&self, task: &Task, kind: &str, message: String, write: bool) {
        if write && matches!(task.kind, Kind::Page | Kind::Listing) {
            let mut record = Record::failed(None, Some(task.url.to_string()), kind, message);
            record.article.url = Some(task.url.to_string());
            self.write_line(&record);
            self.count(|s| s.failed += 1);
        }
        let mut record = UrlRecord::pending(task.kind, task.depth, task.listed.clone());
        record.status = Status::Failed;
        self.commit(&[(task.url.to_string(), record)], &[]);
    }

    fn write_line(&self, record: &Record) {
        let line = record.render(warta_core::Format::Jsonl);
        let mut out = lock(&self.shared.outputs);
        let written = writeln!(out.lines, "{line}").and_then(|()| out.lines.flush());
        if let Err(e) = written {
            out.failure.get_or_insert(e);
            self.shared.stop.store(true, Ordering::Relaxed);
        }
    }

    fn commit(&self, records: &[(String, UrlRecord)], bodies: &[(String, Vec<u8>)]) {
        if let Err(e) = self.shared.store.put_all(records, bodies) {
            let mut out = lock(&self.shared.outputs);
            out.failure.get_or_insert(io::Error::other(e));
            self.shared.stop.store(true, Ordering::Relaxed);
        }
    }

    /// Marks the task done with the response's validators, together with `found` (new URLs)
    /// and, for discovery documents, the body.
    fn remember(
        &self,
        task: &Task,
        fetched: &Fetched,
        body: Option<Vec<u8>>,
        found: &[(String, UrlRecord)],
    ) {
        let mut record = UrlRecord::pending(task.kind, task.depth, task.listed.clone());
        record.status = Status::Done;
        record.etag = fetched.exchange.header("etag").map(str::to_string);
        record.last_modified = fetched.exchange.header("last-modified").map(str::to_string);
        let mut records = found.to_vec();
        records.push((task.url.to_string(), record));
        let bodies: Vec<(String, Vec<u8>)> = body
            .map(|b| (task.url.to_string(), b))
            .into_iter()
            .collect();
        self.commit(&records, &bodies);
    }

    fn already_done(&self, url: &str) -> bool {
        self.shared
            .store
            .get(url)
            .is_some_and(|r| r.status == Status::Done)
    }
}

impl HostCrawl<'_, '_, '_> {
    /// Queues the sitemaps, the seeds and what a stopped run had found but not fetched.
    fn start(&mut self, seeds: Vec<Url>) {
        let sitemaps: Vec<String> = if self.host.robots.sitemaps().is_empty() {
            ["sitemap.xml", "sitemap_index.xml"]
                .iter()
                .filter_map(|p| self.origin.join(p).ok().map(String::from))
                .collect()
        } else {
            self.host.robots.sitemaps().to_vec()
        };
        for s in sitemaps {
            if let Some(url) = url_norm::parse(&s) {
                self.enqueue(Task {
                    url,
                    kind: Kind::Sitemap,
                    depth: 0,
                    listed: None,
                    seed: false,
                });
            }
        }
        self.seeds_left = seeds.len();
        for url in seeds {
            self.enqueue(Task {
                url,
                kind: Kind::Page,
                depth: 0,
                listed: None,
                seed: true,
            });
        }
        for (url, record) in self.host.shared.store.pending() {
            let Some(url) = url_norm::parse(&url) else {
                continue;
            };
            if url_norm::host_key(&url) == self.host.key {
                self.enqueue(Task {
                    url,
                    kind: record.kind,
                    depth: record.depth,
                    listed: record.listed,
                    seed: false,
                });
            }
        }
    }

    /// A seed page was visited: after the last, a site whose pages announce no feed has the
    /// paths where feeds usually are queued; they are asked like any other document
    /// (robots.txt, the delay), and one that is not a feed gives nothing.
    fn seed_done(&mut self) {
        self.seeds_left = self.seeds_left.saturating_sub(1);
        if self.seeds_left > 0 || self.feeds_announced {
            return;
        }
        for path in COMMON_FEED_PATHS {
            if let Ok(url) = self.origin.join(path) {
                self.enqueue(Task {
                    url,
                    kind: Kind::Feed,
                    depth: 0,
                    listed: None,
                    seed: false,
                });
            }
        }
    }

    fn next_task(&mut self) -> Option<Task> {
        self.queues.iter_mut().find_map(VecDeque::pop_front)
    }

    fn enqueue(&mut self, task: Task) {
        if url_norm::host_key(&task.url) != self.host.key
            || !self.queued.insert(task.url.to_string())
        {
            return;
        }
        let queue = match task.kind {
            Kind::Robots | Kind::Sitemap | Kind::Feed => 0,
            Kind::Listing => 1,
            Kind::Page if task.seed || task.depth == 0 => 1,
            Kind::Page => 2,
        };
        self.queues[queue].push_back(task);
    }

    fn visit(&mut self, task: Task, got: Got, outcome: Option<Outcome>) {
        match got {
            Got::Gone => {}
            Got::NotModified => self.not_modified(&task),
            Got::Page(fetched) => match task.kind {
                Kind::Sitemap | Kind::Feed => self.read_discovery(&task, *fetched),
                Kind::Page | Kind::Listing | Kind::Robots => {
                    self.read_page(&task, *fetched, outcome)
                }
            },
        }
    }

    /// A 304: discovery documents are read again from their stored copy (their links may
    /// still be new to this run's queue); a page stays as it was extracted.
    fn not_modified(&mut self, task: &Task) {
        let stored = self.host.shared.store.body(task.url.as_str());
        let mut record = self
            .host
            .shared
            .store
            .get(task.url.as_str())
            .unwrap_or_else(|| UrlRecord::pending(task.kind, task.depth, None));
        record.listed = task.listed.clone().or(record.listed);
        record.status = Status::Done;
        self.host.commit(&[(task.url.to_string(), record)], &[]);
        let Some(body) = stored else { return };
        let found = match task.kind {
            Kind::Sitemap => self.sitemap_links(task, &body),
            Kind::Feed => self.feed_links(task, &body),
            Kind::Page | Kind::Listing => {
                self.listing_links(task, &task.url, &body, None, false);
                return;
            }
            Kind::Robots => return,
        };
        self.host.commit(&found, &[]);
    }

    /// Queues a URL found in a sitemap, a feed or a listing; returns its record when the URL is
    /// new to the state (to be committed with the document that named it). A URL already
    /// done is fetched again only when its listed date moved on.
    fn found(
        &mut self,
        url: Url,
        kind: Kind,
        depth: u32,
        listed: Option<String>,
    ) -> Option<(String, UrlRecord)> {
        if url_norm::host_key(&url) != self.host.key || self.queued.contains(url.as_str()) {
            return None;
        }
        if let (Some(since), Some(date)) = (self.host.shared.config.since, listed.as_deref()) {
            if parse_date(date).is_some_and(|d| d < since) {
                return None;
            }
        }
        let key = url.to_string();
        let task = Task {
            url,
            kind,
            depth,
            listed: listed.clone(),
            seed: false,
        };
        match self.host.shared.store.get(&key) {
            None => {
                self.enqueue(task);
                self.host.count(|s| s.found += 1);
                Some((key, UrlRecord::pending(kind, depth, listed)))
            }
            Some(r)
                if r.status == Status::Pending || kind != Kind::Page || r.kind != Kind::Page =>
            {
                self.enqueue(task);
                None
            }
            Some(r) => {
                if newer(listed.as_deref(), r.listed.as_deref()) {
                    self.enqueue(task);
                }
                None
            }
        }
    }

    /// A sitemap or feed: the links it lists; its body is kept so that a 304 on a rerun can be
    /// read again.
    fn read_discovery(&mut self, task: &Task, fetched: Fetched) {
        if !(200..300).contains(&fetched.exchange.status) {
            self.host.fail(
                task,
                "fetch",
                format!("HTTP status {}", fetched.exchange.status),
                false,
            );
            return;
        }
        let found = if task.kind == Kind::Sitemap {
            self.sitemap_links(task, &fetched.exchange.body)
        } else {
            self.feed_links(task, &fetched.exchange.body)
        };
        self.host
            .remember(task, &fetched, Some(fetched.exchange.body.clone()), &found);
    }

    fn sitemap_links(&mut self, task: &Task, body: &[u8]) -> Vec<(String, UrlRecord)> {
        let mut found = Vec::new();
        match sitemap::parse(body) {
            Ok(Sitemap::Index(maps)) => {
                for m in maps {
                    if let Some(url) = url_norm::resolve(&task.url, &m.loc) {
                        found.extend(self.found(url, Kind::Sitemap, 0, None));
                    }
                }
            }
            Ok(Sitemap::Urls(urls)) => {
                for u in urls {
                    if let Some(url) = url_norm::resolve(&task.url, &u.loc) {
                        found.extend(self.found(url, Kind::Page, 1, u.date));
                    }
                }
            }
            Err(_) => {}
        }
        found
    }

    fn feed_links(&mut self, task: &Task, body: &[u8]) -> Vec<(String, UrlRecord)> {
        let Ok(entries) = feed::parse(body) else {
            return Vec::new();
        };
        entries
            .into_iter()
            .filter_map(|e| {
                let url = url_norm::resolve(&task.url, &e.url)?;
                self.found(url, Kind::Page, 1, e.date)
            })
            .collect()
    }

    /// A page with its extraction (`None`: the response was not a success): written as an
    /// article, or, when the extractor types it a listing, read for links.
    fn read_page(&mut self, task: &Task, fetched: Fetched, outcome: Option<Outcome>) {
        let record = match outcome {
            Some(Outcome::Record(r)) => r,
            Some(Outcome::Skipped(reason)) => {
                self.host.fail(task, "skipped", reason, true);
                return;
            }
            None => {
                let status = fetched.exchange.status;
                self.host
                    .fail(task, "fetch", format!("HTTP status {status}"), true);
                return;
            }
        };
        let final_url = fetched.url.to_string();
        let redirected = final_url != task.url.as_str();
        // Another lane may have written this page, or named it canonical, while it was fetched.
        if self.written.contains(task.url.as_str())
            || (redirected && self.host.already_done(&final_url))
        {
            self.host.count(|s| s.duplicates += 1);
            self.host.remember(task, &fetched, None, &[]);
            return;
        }
        if record.error.is_none() && record.article.page_type == Some(PageType::Listing) {
            let body = fetched.exchange.body.clone();
            let listing = Task {
                kind: Kind::Listing,
                ..task.clone()
            };
            self.listing_links(&listing, &fetched.url, &body, Some(&fetched), true);
            return;
        }
        let mut extra = Vec::new();
        let mut done = |url: &str| {
            let mut r = UrlRecord::pending(Kind::Page, task.depth, task.listed.clone());
            r.status = Status::Done;
            extra.push((url.to_string(), r));
        };
        if redirected {
            done(&final_url);
        }
        let canonical = record
            .article
            .canonical_url
            .as_deref()
            .and_then(|c| url_norm::resolve(&fetched.url, c))
            .map(String::from)
            .filter(|c| *c != final_url && *c != task.url.as_str());
        if let Some(c) = canonical {
            let seen_before = self.host.already_done(&c) && !self.queued_for_update(&c);
            if seen_before || self.written.contains(&c) {
                self.host.count(|s| s.duplicates += 1);
                self.host.remember(task, &fetched, None, &[]);
                return;
            }
            done(&c);
        }
        self.written.insert(task.url.to_string());
        self.written
            .extend(extra.iter().map(|(url, _)| url.clone()));
        self.host.write_line(&record);
        match record.error {
            Some(_) => self.host.count(|s| s.failed += 1),
            None => self.host.count(|s| s.extracted += 1),
        }
        self.host.remember(task, &fetched, None, &extra);
    }

    /// A URL queued in this run because its listed date moved on.
    fn queued_for_update(&self, url: &str) -> bool {
        self.queued.contains(url)
    }

    /// Follows a listing: its headline links, the feeds it announces, and, on a seed page,
    /// its navigation (the sections). Its next page is followed only when this one showed
    /// something new, so a rerun stops paging where it reaches what it has seen.
    fn listing_links(
        &mut self,
        task: &Task,
        base: &Url,
        html: &[u8],
        fetched: Option<&Fetched>,
        fresh: bool,
    ) {
        let links = warta_core::page_links(html, None, self.host.shared.config.options.limits());
        let mut found = Vec::new();
        let deeper = task.depth < self.host.shared.config.max_depth;
        self.feeds_announced |= !links.feeds.is_empty();
        for feed in &links.feeds {
            if let Some(url) = url_norm::resolve(base, feed) {
                found.extend(self.found(url, Kind::Feed, 0, None));
            }
        }
        let mut new_pages = 0;
        if deeper {
            let sections = if task.seed {
                &links.navigation[..]
            } else {
                &[]
            };
            for href in links.headlines.iter().chain(sections) {
                if let Some(url) = url_norm::resolve(base, href) {
                    if let Some(f) = self.found(url, Kind::Page, task.depth + 1, None) {
                        found.push(f);
                        new_pages += 1;
                    }
                }
            }
            if new_pages > 0 || (fresh && task.seed) {
                let numbered = || {
                    links
                        .pages
                        .iter()
                        .chain(&links.navigation)
                        .filter_map(|href| url_norm::resolve(base, href))
                        .find(|url| is_next_page(base, url))
                };
                let next = links
                    .next
                    .as_deref()
                    .and_then(|n| url_norm::resolve(base, n))
                    .or_else(numbered);
                if let Some(url) = next {
                    let next = Task {
                        url,
                        kind: Kind::Page,
                        depth: task.depth + 1,
                        listed: None,
                        seed: false,
                    };
                    if self.queued.insert(next.url.to_string()) {
                        self.queues[1].push_back(next);
                    }
                }
            }
        }
        match fetched {
            Some(f) => self.host.remember(task, f, Some(html.to_vec()), &found),
            None => self.host.commit(&found, &[]),
        }
    }
}

/// A listing page's number and the URL without it: `page=N` in the query, or a `/page/N`
/// path segment; a URL with neither is page 1 of itself.
fn page_number(url: &Url) -> (String, u32) {
    let mut stem = url.clone();
    let mut number = None;
    let others: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, v)| {
            let page = k == "page" && number.is_none();
            if page {
                number = v.parse().ok();
            }
            !page || number.is_none()
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if number.is_some() {
        stem.query_pairs_mut().clear().extend_pairs(&others);
        if others.is_empty() {
            stem.set_query(None);
        }
    } else if let Some((before, after)) = url.path().rsplit_once("/page/") {
        if let Ok(n) = after.trim_end_matches('/').parse() {
            number = Some(n);
            stem.set_path(&format!("{before}/"));
        }
    }
    (stem.to_string(), number.unwrap_or(1))
}

/// `candidate` is the listing `current`'s next page by number.
fn is_next_page(current: &Url, candidate: &Url) -> bool {
    let (stem, n) = page_number(current);
    let (candidate_stem, m) = page_number(candidate);
    candidate_stem == stem && m == n + 1
}

/// `Retry-After`: seconds, or an HTTP date.
fn retry_after(value: &str) -> Option<Duration> {
    if let Ok(secs) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = jiff::fmt::rfc2822::parse(value.trim()).ok()?.timestamp();
    let wait = at.duration_since(jiff::Timestamp::now());
    Some(Duration::from_secs_f64(wait.as_secs_f64().max(0.0)))
}

fn parse_date(s: &str) -> Option<jiff::Timestamp> {
    let s = s.trim();
    s.parse::<jiff::Timestamp>().ok().or_else(|| {
        let date: jiff::civil::Date = s.get(..10)?.parse().ok()?;
        date.to_zoned(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp())
    })
}

/// True when `listed` is later than `before` (a page with no date before is not refetched
/// for a date now).
fn newer(listed: Option<&str>, before: Option<&str>) -> bool {
    match (listed, before) {
        (Some(now), Some(then)) => match (parse_date(now), parse_date(then)) {
            (Some(a), Some(b)) => a > b,
            _ => now != then,
        },
        (Some(_), None) => true,
        _ => false,
    }
}

fn now() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn the_next_page_is_the_next_number_of_the_same_listing() {
        let url = |s: &str| Url::parse(s).unwrap();
        let next = |a: &str, b: &str| is_next_page(&url(a), &url(b));
        assert!(next("https://n.example/a/", "https://n.example/a/?page=2"));
        assert!(next(
            "https://n.example/a/?page=2&s=x",
            "https://n.example/a/?s=x&page=3"
        ));
        assert!(next("https://n.example/a/", "https://n.example/a/page/2/"));
        assert!(next(
            "https://n.example/a/page/2",
            "https://n.example/a/page/3"
        ));
        assert!(!next("https://n.example/a/", "https://n.example/a/?page=3"));
        assert!(!next("https://n.example/a/", "https://n.example/b/?page=2"));
        assert!(!next(
            "https://n.example/a/?page=2",
            "https://n.example/a/?page=1"
        ));
    }

    #[test]
    fn only_a_later_listed_date_is_news() {
        assert!(newer(Some("2026-11-02T00:00:00Z"), Some("2026-11-01")));
        assert!(!newer(
            Some("2026-11-01T00:00:00+00:00"),
            Some("2026-11-01T00:00:00Z")
        ));
        assert!(!newer(None, Some("2026-11-01")));
        assert!(newer(Some("2026-11-01"), None));
    }
}
