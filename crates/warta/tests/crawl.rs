//! `warta crawl` end to end, against the made-up news site the tests serve on 127.0.0.1
//! (`crates/warta-crawl/tests/support/site.rs`): robots.txt, sitemaps, feeds, sections, traps.

#[path = "../../warta-crawl/tests/support/site.rs"]
mod site;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;
use site::{Site, SiteConfig};

fn warta() -> Command {
    Command::new(env!("CARGO_BIN_EXE_warta"))
}

/// The crawl command with the tests' caps: the slow page must time out, the oversized page and
/// the gzip bomb must exceed the size cap.
fn crawl_command(site: &Site, dir: &Path) -> Command {
    let mut cmd = warta();
    cmd.arg("crawl")
        .arg(format!("{}/", site.base()))
        .args(["--delay", "0", "--timeout", "2", "--max-bytes", "2000000"])
        .args(["--allow-private", "127.0.0.1/32", "--quiet"])
        .arg("--state")
        .arg(dir.join("state"))
        .arg("--warc")
        .arg(dir.join("crawl.warc.gz"))
        .arg("-o")
        .arg(dir.join("articles.jsonl"));
    cmd
}

fn run_ok(mut cmd: Command) -> Output {
    let out = cmd.output().expect("run warta");
    assert!(
        out.status.success(),
        "warta failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn records(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// The paths of the article records (errors aside), one entry per record: the canonical URL's
/// when the page names one (a print version stands for its story).
fn article_paths(records: &[Value], base: &str) -> Vec<String> {
    records
        .iter()
        .filter(|r| r.get("error").is_none())
        .map(|r| {
            let url = r["canonical_url"]
                .as_str()
                .or(r["url"].as_str())
                .expect("a url");
            decode_path(url.strip_prefix(base).expect("on the site"))
        })
        .collect()
}

fn decode_path(p: &str) -> String {
    let mut out = Vec::new();
    let b = p.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if let Some(v) = p
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

fn once_each(paths: &[String]) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for p in paths {
        assert!(seen.insert(p.clone()), "{p} extracted twice");
    }
    seen
}

#[test]
fn a_crawl_extracts_every_allowed_article_once_politely_and_archives_what_it_read() {
    let delay = 0.05;
    let site = Site::start(SiteConfig {
        crawl_delay: Some(delay),
        ..SiteConfig::default()
    });
    let dir = tempfile::tempdir().unwrap();
    run_ok(crawl_command(&site, dir.path()));
    let out = records(&dir.path().join("articles.jsonl"));

    // Every allowed article, exactly once (sitemaps, feeds and sections overlap; tracking
    // parameters, redirects and the 429 are in the way).
    let extracted = once_each(&article_paths(&out, &site.base()));
    let expected: BTreeSet<String> = site.allowed_article_paths().into_iter().collect();
    assert_eq!(extracted, expected);
    // The print version names its story as canonical: one of the two was written, not both.
    assert!(out
        .iter()
        .all(|r| r["url"].as_str().is_none_or(|u| !u.contains("/cetak/"))));

    // The traps that never give an article are error lines, by kind.
    let errors: BTreeMap<String, String> = out
        .iter()
        .filter_map(|r| {
            let kind = r.get("error")?["kind"].as_str()?.to_string();
            Some((
                decode_path(r["url"].as_str()?.strip_prefix(&site.base())?),
                kind,
            ))
        })
        .collect();
    assert_eq!(
        errors.get("/putar/a").map(String::as_str),
        Some("redirect-loop")
    );
    assert_eq!(errors.get("/rusak.html").map(String::as_str), Some("fetch"));
    assert_eq!(
        errors.get("/lambat.html").map(String::as_str),
        Some("timeout")
    );
    assert_eq!(
        errors.get("/raksasa.html").map(String::as_str),
        Some("too-large")
    );
    assert_eq!(
        errors.get("/bom.html").map(String::as_str),
        Some("too-large")
    );
    assert_eq!(errors.len(), site::TRAP_FAILURES.len());

    // The windows-1252 page reads right.
    let cafe = out
        .iter()
        .find(|r| {
            r["url"]
                .as_str()
                .is_some_and(|u| u.ends_with("/kafe-jendela.html"))
        })
        .expect("the windows-1252 page");
    let text = cafe["text"].as_str().unwrap();
    assert!(
        text.contains("près de la fenêtre depuis vingt ans"),
        "{text}"
    );
    assert!(text.contains("« rien ne remplace"), "{text}");
    assert!(text.contains("“Nous verrons bien”"), "{text}");

    // robots.txt came first, and nothing it disallows was asked for.
    let log = site.log();
    assert_eq!(log[0].path, "/robots.txt");
    for hit in &log {
        assert!(
            !hit.path.starts_with(&site.disallowed_prefix()) && !hit.path.starts_with("/cari"),
            "requested a disallowed URL: {}",
            hit.path
        );
    }
    assert_requests_apart(&log, delay);

    // The WARC replays through `warta batch` to the same texts, record for record.
    let replay = dir.path().join("replay.jsonl");
    let mut batch = warta();
    batch
        .arg("batch")
        .arg(dir.path().join("crawl.warc.gz"))
        .arg("-o")
        .arg(&replay)
        .arg("--quiet");
    run_ok(batch);
    let replayed: BTreeMap<String, Value> = records(&replay)
        .into_iter()
        .filter_map(|r| Some((r.get("id")?.as_str()?.to_string(), r)))
        .collect();
    assert!(replayed.values().all(|r| r.get("error").is_none()));
    for article in out.iter().filter(|r| r.get("error").is_none()) {
        let id = article["id"]
            .as_str()
            .expect("an archived article has its record id");
        let again = replayed
            .get(id)
            .expect("the article's response is in the WARC");
        assert_eq!(again["text"], article["text"], "{}", article["url"]);
        assert_eq!(again["title"], article["title"]);
        assert_eq!(again["url"], article["url"]);
    }
}

#[test]
fn a_rerun_fetches_only_new_and_changed_pages_with_conditional_checks_for_the_rest() {
    let site = Site::start(SiteConfig {
        crawl_delay: None,
        ..SiteConfig::default()
    });
    let dir = tempfile::tempdir().unwrap();
    run_ok(crawl_command(&site, dir.path()));
    let first = records(&dir.path().join("articles.jsonl")).len();

    let mut changed: BTreeSet<String> = site.add_articles(5).into_iter().collect();
    changed.insert(site.change_article(10));
    assert_eq!(changed.len(), 6);
    site.clear_log();
    run_ok(crawl_command(&site, dir.path()));

    let all = records(&dir.path().join("articles.jsonl"));
    let new_paths: BTreeSet<String> = once_each(&article_paths(&all[first..], &site.base()));
    assert_eq!(new_paths, changed, "the rerun wrote exactly the six");
    let discovery = |p: &str| {
        p == "/"
            || p == "/robots.txt"
            || p.ends_with(".xml")
            || p.ends_with(".xml.gz")
            || site::SECTIONS
                .iter()
                .any(|s| p.starts_with(&format!("/{s}/?")) || p == format!("/{s}/"))
    };
    let log = site.log();
    let pages: BTreeSet<String> = log
        .iter()
        .filter(|h| !discovery(&h.path))
        .map(|h| h.path.clone())
        .collect();
    assert_eq!(pages, changed, "the rerun fetched exactly the six pages");
    // Each discovery document is asked for once, conditionally when it was fetched before.
    for hit in log.iter().filter(|h| discovery(&h.path)) {
        assert!(hit.conditional, "{} asked for without validators", hit.path);
        assert_eq!(
            log.iter().filter(|h| h.path == hit.path).count(),
            1,
            "{}",
            hit.path
        );
    }
    // The changed article was asked for with its old validators and answered in full.
    let changed_hit = log
        .iter()
        .find(|h| h.path == site.change_article_path(10))
        .unwrap();
    assert!(changed_hit.conditional && changed_hit.status == 200);

    // The WARC says what wrote it, once: the rerun appended to it without a second warcinfo.
    let mut warc = Vec::new();
    let file = std::fs::File::open(dir.path().join("crawl.warc.gz")).unwrap();
    std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(file), &mut warc).unwrap();
    let warc = String::from_utf8_lossy(&warc);
    assert!(warc.starts_with("WARC/1.1\r\nWARC-Type: warcinfo\r\n"));
    assert_eq!(warc.matches("WARC-Type: warcinfo\r\n").count(), 1);
}

#[test]
fn ctrl_c_then_a_rerun_loses_nothing_and_repeats_nothing() {
    let site = Site::start(SiteConfig {
        crawl_delay: Some(0.02),
        ..SiteConfig::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("articles.jsonl");
    let mut child = crawl_command(&site, dir.path())
        .spawn()
        .expect("start warta");
    let started = Instant::now();
    while records_count(&output) < 60 {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the crawl made no progress"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).expect("send SIGINT");
    let status = child.wait().expect("warta exits");
    assert_eq!(
        status.code(),
        Some(130),
        "an interrupted crawl exits as interrupted"
    );
    let stopped_at = records(&output).len();
    assert!(
        stopped_at < 180,
        "the crawl stopped early ({stopped_at} records)"
    );

    run_ok(crawl_command(&site, dir.path()));
    let all = records(&output);
    let extracted = once_each(&article_paths(&all, &site.base()));
    let expected: BTreeSet<String> = site.allowed_article_paths().into_iter().collect();
    assert_eq!(extracted, expected);

    // The WARC holds only whole records: the replay finds no damage.
    let replay = dir.path().join("replay.jsonl");
    let mut batch = warta();
    batch
        .arg("batch")
        .arg(dir.path().join("crawl.warc.gz"))
        .arg("-o")
        .arg(&replay)
        .arg("--quiet");
    run_ok(batch);
    assert!(records(&replay).iter().all(|r| r.get("error").is_none()));
}

#[test]
fn since_skips_the_entries_sitemaps_and_feeds_date_earlier() {
    let site = Site::start(SiteConfig {
        crawl_delay: None,
        ..SiteConfig::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let since = "2026-11-10";
    let mut cmd = crawl_command(&site, dir.path());
    // Depth 0: the home page's links are not followed, so every article comes from a sitemap
    // or a feed, where it is dated.
    cmd.args(["--since", since, "--max-depth", "0"]);
    run_ok(cmd);

    let listed = site.listed_articles();
    let (recent, older): (Vec<_>, Vec<_>) =
        listed.iter().partition(|(_, date)| date.as_str() >= since);
    assert!(
        !recent.is_empty() && !older.is_empty(),
        "the date splits the site"
    );
    let requested: BTreeSet<String> = site.log().into_iter().map(|h| h.path).collect();
    for (path, date) in &older {
        assert!(
            !requested.contains(path),
            "{path}, dated {date}, was fetched"
        );
    }
    let out = records(&dir.path().join("articles.jsonl"));
    let extracted = once_each(&article_paths(&out, &site.base()));
    let expected: BTreeSet<String> = recent.iter().map(|(p, _)| p.clone()).collect();
    assert_eq!(extracted, expected);
    // The site announces its feeds: no common path was guessed.
    assert!(!requested.contains("/feed") && !requested.contains("/index.xml"));
}

#[test]
fn feeds_no_page_announces_are_found_at_the_common_paths() {
    let site = Site::start(SiteConfig {
        crawl_delay: None,
        announce_feeds: false,
        ..SiteConfig::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = crawl_command(&site, dir.path());
    // Depth 0: the articles only the feeds list are reachable only through them.
    cmd.args(["--max-depth", "0"]);
    run_ok(cmd);

    let log = site.log();
    for path in ["/rss.xml", "/atom.xml", "/feed"] {
        assert!(log.iter().any(|h| h.path == path), "{path} was not tried");
    }
    let out = records(&dir.path().join("articles.jsonl"));
    let extracted = once_each(&article_paths(&out, &site.base()));
    let expected: BTreeSet<String> = site.listed_articles().into_iter().map(|(p, _)| p).collect();
    assert_eq!(extracted, expected);
}

#[test]
fn sections_paged_by_number_are_followed_to_the_depth_limit() {
    // Enough articles that many are only on a section's later pages.
    let config = SiteConfig {
        crawl_delay: None,
        articles: 300,
        numbered_pages: true,
        ..SiteConfig::default()
    };
    let site = Site::start(config.clone());
    let dir = tempfile::tempdir().unwrap();
    run_ok(crawl_command(&site, dir.path()));
    let out = records(&dir.path().join("articles.jsonl"));
    let extracted = once_each(&article_paths(&out, &site.base()));
    let expected: BTreeSet<String> = site.allowed_article_paths().into_iter().collect();
    assert_eq!(extracted, expected);
    let requested: BTreeSet<String> = site.log().into_iter().map(|h| h.path).collect();
    for section in site::SECTIONS {
        let fourth = site.numbered_page_path(section, 4);
        assert!(requested.contains(&fourth), "{fourth} not requested");
    }

    // Seed at depth 0, a section's first page at 1, its second at 2: no third.
    let site = Site::start(config);
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = crawl_command(&site, dir.path());
    cmd.args(["--max-depth", "2"]);
    run_ok(cmd);
    let requested: BTreeSet<String> = site.log().into_iter().map(|h| h.path).collect();
    for section in site::SECTIONS {
        assert!(requested.contains(&site.numbered_page_path(section, 2)));
        let third = site.numbered_page_path(section, 3);
        assert!(
            !requested.contains(&third),
            "{third} requested beyond the depth"
        );
    }
}

fn records_count(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .map(|s| s.lines().count())
        .unwrap_or(0)
}

/// The requests the site accepted while the slow page was being answered (the client gives
/// up on it after the 2 s time limit).
fn accepted_during_the_slow_page(log: &[site::Hit]) -> usize {
    let slow = log
        .iter()
        .find(|h| h.path == "/lambat.html")
        .expect("the slow page was asked for");
    let window = slow.at..slow.at + Duration::from_millis(1900);
    log.iter()
        .filter(|h| h.path != slow.path && window.contains(&h.at))
        .count()
}

#[test]
fn lanes_overlap_the_slow_page_and_a_retry_after_pauses_them_all() {
    let site = Site::start(SiteConfig {
        crawl_delay: None,
        ..SiteConfig::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = crawl_command(&site, dir.path());
    cmd.args(["--per-host", "4"]);
    run_ok(cmd);

    // Four lanes still extract every allowed article exactly once.
    let out = records(&dir.path().join("articles.jsonl"));
    let extracted = once_each(&article_paths(&out, &site.base()));
    let expected: BTreeSet<String> = site.allowed_article_paths().into_iter().collect();
    assert_eq!(extracted, expected);
    assert_eq!(
        out.iter().filter(|r| r.get("error").is_some()).count(),
        site::TRAP_FAILURES.len()
    );

    let log = site.log();
    let during = accepted_during_the_slow_page(&log);
    assert!(during > 0, "nothing else was asked while the slow page was");

    // The 429 says `Retry-After: 1`: once its answer is in (allowing half a second for it to
    // arrive), no lane asks the host anything for the rest of that second.
    let queue = site::TRAP_ARTICLES[1];
    let refused = log
        .iter()
        .find(|h| h.path == queue && h.status == 429)
        .expect("the 429");
    let paused = refused.at + Duration::from_millis(500)..refused.at + Duration::from_secs(1);
    let early: Vec<&str> = log
        .iter()
        .filter(|h| paused.contains(&h.at))
        .map(|h| h.path.as_str())
        .collect();
    assert!(early.is_empty(), "asked during the Retry-After: {early:?}");
    let after = log
        .iter()
        .filter(|h| h.at >= paused.end && h.path != queue)
        .count();
    assert!(after > 0, "the crawl had nothing left to pause");
}

#[test]
fn a_crawl_delay_keeps_one_request_at_a_time_whatever_the_lanes() {
    let delay = 0.05;
    let site = Site::start(SiteConfig {
        crawl_delay: Some(delay),
        ..SiteConfig::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = crawl_command(&site, dir.path());
    cmd.args(["--per-host", "4"]);
    run_ok(cmd);

    let log = site.log();
    assert_eq!(accepted_during_the_slow_page(&log), 0);
    assert_requests_apart(&log, delay);
}

/// Requests to the host are at least the Crawl-delay apart. The server stamps each connection
/// as it accepts it, and a loaded machine adds some jitter, hence the quarter of slack.
fn assert_requests_apart(log: &[site::Hit], delay: f32) {
    let mut times: Vec<Instant> = log.iter().map(|h| h.at).collect();
    times.sort();
    let shortest = times
        .windows(2)
        .map(|w| w[1] - w[0])
        .min()
        .expect("several requests");
    assert!(
        shortest >= Duration::from_secs_f32(delay * 0.75),
        "two requests only {shortest:?} apart"
    );
}
