//! A made-up news site served on 127.0.0.1 for the crawler's tests and benchmark: about 200
//! generated articles in Indonesian and four other languages, robots.txt, a sitemap index
//! (a Google News sitemap and a gzipped archive sitemap), RSS and Atom feeds, paginated section
//! pages, and the traps a crawler meets (redirect chain and loop, 500, 429, a slow page, an
//! oversized page, a gzip bomb, a windows-1252 page). Every request is logged with its time.
//!
//! Std only: one thread per connection, one request per connection.

#![allow(dead_code)] // Each test binary and the example use a different part of it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

pub const SECTIONS: [&str; 4] = ["nasional", "ekonomi", "olahraga", "dunia"];
/// Robots.txt closes this section; its articles are also in the news sitemap.
pub const DISALLOWED_SECTION: &str = "rahasia";
const PER_PAGE: usize = 10;
/// Articles listed in the news sitemap (with news:publication_date) ...
const NEWS_SITEMAP: std::ops::Range<usize> = 0..60;
/// ... in the gzipped archive sitemap (with lastmod) ...
const ARCHIVE_SITEMAP: std::ops::Range<usize> = 60..120;
/// ... in RSS and Atom; the rest only on section pages.
const RSS_FEED: std::ops::Range<usize> = 110..140;
const ATOM_FEED: std::ops::Range<usize> = 135..160;
const DISALLOWED_ARTICLES: usize = 8;

/// The pages behind the traps that are articles in the end (after redirects or a retry).
pub const TRAP_ARTICLES: [&str; 3] = [
    "/berita/tujuan-pengalihan.html",
    "/berita/antrean-panjang.html",
    "/berita/kafe-jendela.html",
];
/// The trap pages that never give an article.
pub const TRAP_FAILURES: [&str; 5] = [
    "/putar/a",
    "/rusak.html",
    "/lambat.html",
    "/raksasa.html",
    "/bom.html",
];

#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub articles: usize,
    /// The robots.txt `Crawl-delay` in seconds; none when `None`.
    pub crawl_delay: Option<f32>,
    /// How long the slow page takes.
    pub slow: Duration,
    /// The oversized page's size.
    pub oversized_bytes: usize,
    /// Also append `STATUS PATH` per request to this file (for the benchmark).
    pub log_file: Option<std::path::PathBuf>,
    /// Pages name the feeds with `<link rel="alternate">`; without, the feeds are still at
    /// `/rss.xml` and `/atom.xml`.
    pub announce_feeds: bool,
    /// Sections page by numbered links without `rel="next"`: `?page=N`, and on the last
    /// section `/SECTION/page/N/`.
    pub numbered_pages: bool,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            articles: 200,
            crawl_delay: Some(0.02),
            slow: Duration::from_secs(5),
            oversized_bytes: 3 * 1024 * 1024,
            log_file: None,
            announce_feeds: true,
            numbered_pages: false,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub path: String,
    /// When the connection was accepted.
    pub at: Instant,
    pub status: u16,
    /// The request carried If-None-Match or If-Modified-Since.
    pub conditional: bool,
}

#[derive(Debug, Clone)]
struct Story {
    n: usize,
    section: &'static str,
    lang: usize,
    version: u32,
    /// Hours after the site's epoch.
    published_hour: u32,
    modified_hour: u32,
}

struct Shared {
    config: SiteConfig,
    stories: RwLock<Vec<Story>>,
    log: Mutex<Vec<Hit>>,
    queue_hits: AtomicU32,
    stop: AtomicBool,
    base: String,
    log_file: Option<Mutex<std::fs::File>>,
}

pub struct Site {
    shared: Arc<Shared>,
    pub addr: std::net::SocketAddr,
}

impl Site {
    pub fn start(config: SiteConfig) -> Site {
        Site::start_on("127.0.0.1:0", config)
    }

    pub fn start_on(bind: &str, config: SiteConfig) -> Site {
        let listener = TcpListener::bind(bind).expect("bind the fixture site");
        bomb();
        let addr = listener.local_addr().expect("local address");
        let mut stories: Vec<Story> = (0..config.articles).map(story).collect();
        stories.extend((0..DISALLOWED_ARTICLES).map(|i| Story {
            section: DISALLOWED_SECTION,
            ..story(config.articles + 100 + i)
        }));
        let log_file = config
            .log_file
            .as_ref()
            .map(|p| Mutex::new(std::fs::File::create(p).expect("create the request log")));
        let shared = Arc::new(Shared {
            log_file,
            config,
            stories: RwLock::new(stories),
            log: Mutex::new(Vec::new()),
            queue_hits: AtomicU32::new(0),
            stop: AtomicBool::new(false),
            base: format!("http://{addr}"),
        });
        let serving = Arc::clone(&shared);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if serving.stop.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                // Stamped at accept, before any thread scheduling, for the delay checks.
                let at = Instant::now();
                let shared = Arc::clone(&serving);
                std::thread::spawn(move || serve(&shared, stream, at));
            }
        });
        Site { shared, addr }
    }

    pub fn base(&self) -> String {
        self.shared.base.clone()
    }

    pub fn log(&self) -> Vec<Hit> {
        self.shared.log.lock().unwrap().clone()
    }

    pub fn clear_log(&self) {
        self.shared.log.lock().unwrap().clear();
    }

    /// Paths of every allowed article (traps that end in an article included).
    pub fn allowed_article_paths(&self) -> Vec<String> {
        let stories = self.shared.stories.read().unwrap();
        let mut paths: Vec<String> = stories
            .iter()
            .filter(|s| s.section != DISALLOWED_SECTION)
            .map(article_path)
            .collect();
        paths.extend(TRAP_ARTICLES.iter().map(|p| p.to_string()));
        paths
    }

    pub fn disallowed_prefix(&self) -> String {
        format!("/{DISALLOWED_SECTION}/")
    }

    /// Publishes `count` new articles (newest first everywhere); returns their paths.
    pub fn add_articles(&self, count: usize) -> Vec<String> {
        let mut stories = self.shared.stories.write().unwrap();
        let next = stories
            .iter()
            .filter(|s| s.section != DISALLOWED_SECTION)
            .count();
        let top = stories.iter().map(|s| s.published_hour).max().unwrap_or(0);
        (0..count)
            .map(|i| {
                let mut s = story(next + i);
                s.published_hour = top + 1 + i as u32;
                s.modified_hour = s.published_hour;
                let path = article_path(&s);
                stories.push(s);
                path
            })
            .collect()
    }

    /// Rewrites article `n` (a new paragraph, a later modified date); returns its path.
    pub fn change_article(&self, n: usize) -> String {
        let mut stories = self.shared.stories.write().unwrap();
        let top = stories.iter().map(|s| s.modified_hour).max().unwrap_or(0);
        let s = stories
            .iter_mut()
            .find(|s| s.n == n)
            .expect("article exists");
        s.version += 1;
        s.modified_hour = top + 10;
        article_path(s)
    }
}

impl Site {
    /// The path of page `page` of `section` when sections are paged by number.
    pub fn numbered_page_path(&self, section: &str, page: usize) -> String {
        numbered_page_path(section, page)
    }

    /// Every allowed article a sitemap or a feed lists, with the date it gives (the story's
    /// last change).
    pub fn listed_articles(&self) -> Vec<(String, String)> {
        let stories = self.shared.stories.read().unwrap();
        let articles = self.shared.config.articles;
        stories
            .iter()
            .filter(|s| s.section != DISALLOWED_SECTION)
            .filter(|s| {
                in_news_sitemap(s, articles)
                    || ARCHIVE_SITEMAP.contains(&s.n)
                    || RSS_FEED.contains(&s.n)
                    || ATOM_FEED.contains(&s.n)
            })
            .map(|s| (article_path(s), stamp(s.modified_hour)))
            .collect()
    }

    /// The path of article `n` (as it is now).
    pub fn change_article_path(&self, n: usize) -> String {
        let stories = self.shared.stories.read().unwrap();
        stories
            .iter()
            .find(|s| s.n == n)
            .map(article_path)
            .expect("article exists")
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

fn story(n: usize) -> Story {
    let hour = 24 * 30 + n as u32 * 3;
    Story {
        n,
        section: SECTIONS[n % SECTIONS.len()],
        lang: n % LANGS.len(),
        version: 1,
        published_hour: hour,
        modified_hour: hour,
    }
}

fn article_path(s: &Story) -> String {
    format!("/{}/{}", s.section, slug(s))
}

fn slug(s: &Story) -> String {
    let words = &LANGS[s.lang].words;
    let mut rng = Rng(s.n as u64 * 7919 + 13);
    let mut parts: Vec<&str> = (0..4).map(|_| words[rng.below(words.len())]).collect();
    parts.dedup();
    format!("{}-{}.html", parts.join("-"), s.n)
}

// ---------------------------------------------------------------------------------------------
// Made-up text

struct Lang {
    code: &'static str,
    words: &'static [&'static str],
    read_more: &'static str,
    next: &'static str,
}

const LANGS: [Lang; 5] = [
    Lang {
        code: "id",
        words: &[
            "warga",
            "desa",
            "pemerintah",
            "pasar",
            "sungai",
            "jalan",
            "sekolah",
            "petani",
            "nelayan",
            "gubernur",
            "anggaran",
            "banjir",
            "panen",
            "pelabuhan",
            "kereta",
            "rumah",
            "sakit",
            "baru",
            "kota",
            "laporan",
            "menteri",
            "harga",
            "beras",
            "musim",
            "hujan",
            "kemarau",
            "jembatan",
            "rapat",
            "warung",
            "listrik",
            "air",
            "bersih",
        ],
        read_more: "Baca selengkapnya",
        next: "Berikutnya",
    },
    Lang {
        code: "en",
        words: &[
            "council", "river", "harbour", "market", "school", "farmers", "budget", "flood",
            "harvest", "railway", "hospital", "bridge", "minister", "prices", "season", "rain",
            "drought", "village", "report", "meeting", "power", "water", "road", "teachers",
        ],
        read_more: "Read more",
        next: "Next",
    },
    Lang {
        code: "ms",
        words: &[
            "penduduk",
            "kampung",
            "kerajaan",
            "pasaraya",
            "sungai",
            "lebuh",
            "sekolah",
            "pekebun",
            "nelayan",
            "menteri",
            "belanjawan",
            "banjir",
            "tuaian",
            "pelabuhan",
            "keretapi",
            "hospital",
            "jambatan",
            "mesyuarat",
            "harga",
            "musim",
            "hujan",
        ],
        read_more: "Baca lagi",
        next: "Seterusnya",
    },
    Lang {
        code: "de",
        words: &[
            "Gemeinde",
            "Fluss",
            "Hafen",
            "Markt",
            "Schule",
            "Bauern",
            "Haushalt",
            "Hochwasser",
            "Ernte",
            "Bahn",
            "Klinik",
            "Brücke",
            "Ministerin",
            "Preise",
            "Regen",
            "Dürre",
            "Dorf",
            "Bericht",
            "Sitzung",
            "Strom",
            "Wasser",
            "Straße",
            "Lehrer",
        ],
        read_more: "Weiterlesen",
        next: "Weiter",
    },
    Lang {
        code: "es",
        words: &[
            "vecinos",
            "río",
            "puerto",
            "mercado",
            "escuela",
            "agricultores",
            "presupuesto",
            "inundación",
            "cosecha",
            "tren",
            "hospital",
            "puente",
            "ministra",
            "precios",
            "lluvia",
            "sequía",
            "pueblo",
            "informe",
            "reunión",
            "energía",
            "agua",
            "carretera",
        ],
        read_more: "Leer más",
        next: "Siguiente",
    },
];

/// A small deterministic generator (xorshift), so every run builds the same site.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn sentence(rng: &mut Rng, words: &[&str], len: usize) -> String {
    let mut s = String::new();
    for i in 0..len {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(words[rng.below(words.len())]);
    }
    let mut chars = s.chars();
    let first: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    format!("{first}{}.", chars.as_str())
}

pub fn title(n: usize, lang: usize) -> String {
    let mut rng = Rng(n as u64 * 104_729 + 7);
    let t = sentence(&mut rng, LANGS[lang].words, 6);
    format!("{} {n}", t.trim_end_matches('.'))
}

fn paragraphs(s: &Story) -> Vec<String> {
    let mut rng = Rng(s.n as u64 * 31 + 1);
    let words = LANGS[s.lang].words;
    let count = 4 + rng.below(4) + s.version as usize - 1;
    (0..count)
        .map(|_| {
            let sentences = 3 + rng.below(3);
            (0..sentences)
                .map(|_| {
                    let len = 9 + rng.below(8);
                    sentence(&mut rng, words, len)
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn stamp(hour: u32) -> String {
    // The site's epoch is 2026-10-01T00:00:00Z.
    let day = hour / 24;
    let (month, dom) = if day < 31 {
        (10, day + 1)
    } else if day < 61 {
        (11, day - 30)
    } else {
        (12, (day - 60).min(30) + 1)
    };
    format!("2026-{month:02}-{dom:02}T{:02}:00:00Z", hour % 24)
}

fn http_date(hour: u32) -> String {
    let iso = stamp(hour);
    // "2026-11-05T07:00:00Z" → "Thu, 05 Nov 2026 07:00:00 GMT" (the weekday is fixed: clients
    // only compare these strings).
    let month = match &iso[5..7] {
        "10" => "Oct",
        "11" => "Nov",
        _ => "Dec",
    };
    format!("Thu, {} {month} 2026 {} GMT", &iso[8..10], &iso[11..19])
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

// ---------------------------------------------------------------------------------------------
// Pages

fn article_page(base: &str, s: &Story) -> String {
    let lang = &LANGS[s.lang];
    let t = escape(&title(s.n, s.lang));
    let url = format!("{base}{}", article_path(s));
    let mut body = String::new();
    for p in paragraphs(s) {
        let _ = writeln!(body, "<p>{}</p>", escape(&p));
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="{code}"><head><meta charset="utf-8"><title>{t} | Kabar Contoh</title>
<link rel="canonical" href="{url}">
<meta property="og:title" content="{t}">
<meta property="article:published_time" content="{published}">
<meta property="article:modified_time" content="{modified}">
<link rel="alternate" type="application/rss+xml" href="/rss.xml">
</head><body>
<header><a href="/">Kabar Contoh</a><nav>{nav}</nav></header>
<main><article><h1>{t}</h1>
<p class="byline">Oleh Redaksi Contoh</p>
<time datetime="{published}">{published}</time>
{body}</article>
<aside><h2>Terpopuler</h2><ul><li><a href="/">Beranda</a></li></ul></aside></main>
<footer>© Kabar Contoh</footer></body></html>
"#,
        code = lang.code,
        published = stamp(s.published_hour),
        modified = stamp(s.modified_hour),
        nav = nav(),
    )
}

fn nav() -> String {
    SECTIONS
        .iter()
        .map(|s| format!(r#"<a href="/{s}/">{s}</a> "#))
        .collect()
}

fn teaser(s: &Story) -> String {
    let lang = &LANGS[s.lang];
    let first = paragraphs(s).into_iter().next().unwrap_or_default();
    let lead: String = first.chars().take(60).collect();
    format!(
        r#"<div class="card"><a href="{path}"><h3>{t}</h3><p>{lead}…</p></a><a href="{path}">{more}</a> <time datetime="{d}">{d}</time></div>
"#,
        path = article_path(s),
        t = escape(&title(s.n, s.lang)),
        lead = escape(&lead),
        more = lang.read_more,
        d = stamp(s.published_hour),
    )
}

fn listing_page(title: &str, cards: &str, next: Option<&str>, extra: &str) -> String {
    let next = next.map_or(String::new(), |n| {
        format!(r#"<nav class="pagination"><a rel="next" href="{n}">Berikutnya</a></nav>"#)
    });
    listing_page_with(title, cards, &next, extra)
}

fn listing_page_with(title: &str, cards: &str, next: &str, extra: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{title} | Kabar Contoh</title>
<link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml">
<link rel="alternate" type="application/atom+xml" title="Atom" href="/atom.xml">
</head><body>
<header><a href="/">Kabar Contoh</a><nav>{nav}</nav></header>
<main><h1>{title}</h1>
{cards}{next}{extra}</main>
<footer>© Kabar Contoh · <a href="/{DISALLOWED_SECTION}/">Arsip internal</a></footer></body></html>
"#,
        nav = nav()
    )
}

fn newest_first(stories: &[Story]) -> Vec<&Story> {
    let mut v: Vec<&Story> = stories.iter().collect();
    v.sort_by(|a, b| b.published_hour.cmp(&a.published_hour).then(b.n.cmp(&a.n)));
    v
}

fn home(stories: &[Story]) -> String {
    let cards: String = newest_first(stories)
        .into_iter()
        .filter(|s| s.section != DISALLOWED_SECTION)
        .take(PER_PAGE)
        .map(teaser)
        .collect();
    let traps = [
        (
            "/pindah/1",
            "Kantor wali kota pindah ke gedung baru di tepi sungai",
        ),
        (
            "/putar/a",
            "Jalan lingkar kota berputar tanpa ujung, kata warga",
        ),
        (
            "/rusak.html",
            "Laporan anggaran daerah yang sedang diperbaiki redaksi",
        ),
        (
            "/berita/antrean-panjang.html",
            "Antrean panjang di pelabuhan menjelang musim hujan",
        ),
        (
            "/lambat.html",
            "Kereta lambat tiba di stasiun pada malam hari",
        ),
        (
            "/raksasa.html",
            "Arsip raksasa semua laporan tahun ini dalam satu halaman",
        ),
        (
            "/bom.html",
            "Laporan khusus yang terlalu padat untuk dibaca",
        ),
        (
            "/berita/kafe-jendela.html",
            "Un café près de la fenêtre, says the owner",
        ),
        (
            "/nasional/?utm_source=beranda#atas",
            "Semua berita nasional hari ini dan kemarin",
        ),
    ];
    let picks: String = traps
        .iter()
        .map(|(href, t)| format!(r#"<div class="card"><h3><a href="{href}">{t}</a></h3></div>"#))
        .collect();
    listing_page(
        "Kabar Contoh: berita terbaru",
        &cards,
        None,
        &format!(r#"<section class="pilihan"><h2>Pilihan</h2>{picks}</section>"#),
    )
}

/// Page `page` of a section paged by numbered links.
fn numbered_page_path(section: &str, page: usize) -> String {
    match (section == SECTIONS[SECTIONS.len() - 1], page) {
        (_, 1) => format!("/{section}/"),
        (true, n) => format!("/{section}/page/{n}/"),
        (false, n) => format!("/{section}/?page={n}"),
    }
}

fn section_page(stories: &[Story], section: &str, page: usize, numbered: bool) -> Option<String> {
    let all: Vec<&Story> = newest_first(stories)
        .into_iter()
        .filter(|s| s.section == section)
        .collect();
    let start = (page - 1) * PER_PAGE;
    if start >= all.len() && page > 1 {
        return None;
    }
    let cards: String = all
        .iter()
        .skip(start)
        .take(PER_PAGE)
        .map(|s| teaser(s))
        .collect();
    if numbered {
        let pages: String = (1..=all.len().div_ceil(PER_PAGE))
            .map(|n| format!(r#"<a href="{}">{n}</a> "#, numbered_page_path(section, n)))
            .collect();
        return Some(listing_page_with(
            &format!("Berita {section}, halaman {page}"),
            &cards,
            &format!(r#"<div class="halaman">{pages}</div>"#),
            "",
        ));
    }
    let next = (start + PER_PAGE < all.len()).then(|| format!("/{section}/?page={}", page + 1));
    Some(listing_page(
        &format!("Berita {section}, halaman {page}"),
        &cards,
        next.as_deref(),
        "",
    ))
}

fn sitemap_index(base: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap-news.xml</loc></sitemap>
<sitemap><loc>{base}/sitemap-arsip.xml.gz</loc><lastmod>2026-11-30T00:00:00Z</lastmod></sitemap>
</sitemapindex>
"#
    )
}

fn in_news_sitemap(s: &Story, articles: usize) -> bool {
    NEWS_SITEMAP.contains(&s.n) || s.n >= articles
}

fn news_sitemap(base: &str, stories: &[Story], articles: usize) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
"#,
    );
    for s in newest_first(stories) {
        // The closed section's articles are listed too: robots.txt must still win.
        if !in_news_sitemap(s, articles) {
            continue;
        }
        let _ = writeln!(
            out,
            "<url><loc>{base}{path}</loc><lastmod>{m}</lastmod><news:news><news:publication><news:name>Kabar Contoh</news:name><news:language>{lang}</news:language></news:publication><news:publication_date>{p}</news:publication_date><news:title>{t}</news:title></news:news></url>",
            path = article_path(s),
            m = stamp(s.modified_hour),
            p = stamp(s.published_hour),
            lang = LANGS[s.lang].code,
            t = escape(&title(s.n, s.lang)),
        );
    }
    out.push_str("</urlset>\n");
    out
}

fn archive_sitemap(base: &str, stories: &[Story]) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
"#,
    );
    for s in stories.iter().filter(|s| ARCHIVE_SITEMAP.contains(&s.n)) {
        let _ = writeln!(
            out,
            "<url><loc>{base}{}?utm_source=sitemap&amp;utm_medium=xml</loc><lastmod>{}</lastmod></url>",
            article_path(s),
            stamp(s.modified_hour)
        );
    }
    out.push_str("</urlset>\n");
    out
}

fn rss(base: &str, stories: &[Story], articles: usize) -> String {
    let mut items = String::new();
    for s in newest_first(stories) {
        if !(RSS_FEED.contains(&s.n) || s.n >= articles) || s.section == DISALLOWED_SECTION {
            continue;
        }
        let _ = writeln!(
            items,
            "<item><title>{t}</title><link>{base}{path}</link><guid>{base}{path}</guid><pubDate>{d}</pubDate></item>",
            t = escape(&title(s.n, s.lang)),
            path = article_path(s),
            d = http_date(s.modified_hour).replace(" GMT", " +0000"),
        );
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Kabar Contoh</title><link>{base}/</link><description>Berita terbaru</description>
{items}</channel></rss>
"#
    )
}

fn atom(base: &str, stories: &[Story]) -> String {
    let mut entries = String::new();
    for s in stories.iter().filter(|s| ATOM_FEED.contains(&s.n)) {
        let _ = writeln!(
            entries,
            "<entry><title>{t}</title><link rel=\"alternate\" href=\"{base}{path}\"/><id>{base}{path}</id><updated>{u}</updated><published>{p}</published></entry>",
            t = escape(&title(s.n, s.lang)),
            path = article_path(s),
            u = stamp(s.modified_hour),
            p = stamp(s.published_hour),
        );
    }
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Kabar Contoh</title><id>{base}/</id><updated>2026-11-30T00:00:00Z</updated>
{entries}</feed>
"#
    )
}

fn special_article(base: &str, path: &str, title: &str, lang: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}"><head><title>{title}</title><link rel="canonical" href="{base}{path}">
<meta property="article:published_time" content="2026-11-20T08:00:00Z"></head>
<body><header><a href="/">Kabar Contoh</a><nav>{nav}</nav></header><main><article><h1>{title}</h1>
{body}</article></main><footer>© Kabar Contoh</footer></body></html>
"#,
        nav = nav()
    )
}

const LONG_ID: [&str; 4] = [
    "Kantor wali kota resmi pindah ke gedung baru di tepi sungai setelah dua tahun pembangunan yang molor karena hujan panjang dan harga bahan yang naik.",
    "Warga yang hendak mengurus surat kini harus naik angkutan kota dua kali, tetapi petugas berjanji membuka loket keliling di pasar setiap hari Kamis.",
    "Rapat dewan kota pekan lalu menyetujui anggaran tambahan untuk jembatan penyeberangan dan lampu jalan di sekitar gedung yang baru itu.",
    "Gubernur meminta semua dinas pindah paling lambat akhir bulan, sementara gedung lama akan dipakai sebagai perpustakaan dan ruang belajar warga.",
];

const QUEUE_ID: [&str; 4] = [
    "Antrean truk di pelabuhan memanjang hingga tiga kilometer menjelang musim hujan karena kapal pengangkut beras datang bersamaan dari tiga provinsi.",
    "Para sopir mengaku menunggu lebih dari sehari tanpa kepastian, sementara warung di sepanjang jalan pelabuhan kehabisan air bersih sejak pagi.",
    "Kepala pelabuhan berjanji menambah satu dermaga sementara dan membuka gerbang timur pada malam hari agar antrean cepat terurai sebelum akhir pekan.",
    "Pedagang beras di pasar kota khawatir harga naik bila pasokan tertahan lebih lama, dan meminta pemerintah daerah turun tangan mengatur jadwal kapal.",
];

/// In windows-1252: curly quotes (0x93, 0x94), é (0xE9), an en dash (0x96).
fn cp1252_page(base: &str) -> Vec<u8> {
    let text = special_article(
        base,
        "/berita/kafe-jendela.html",
        "Un café près de la fenêtre",
        "fr",
        &[
            "Le patron du café, installé près de la fenêtre depuis vingt ans, dit que « rien ne remplace une tasse servie au comptoir » et refuse les écrans.",
            "Les habitués arrivent avant l’aube – pêcheurs, infirmières, chauffeurs de nuit – et le café ouvre ses volets à cinq heures pile, même en hiver.",
            "La mairie a promis de refaire la façade l’été prochain. “Nous verrons bien”, répond le patron en essuyant le comptoir déjà propre.",
        ],
    );
    to_cp1252(&text)
}

/// Encodes the few non-ASCII characters the windows-1252 page uses (no encoder crate needed).
fn to_cp1252(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let b = match c {
            'é' => 0xE9,
            'è' => 0xE8,
            'ê' => 0xEA,
            'ç' => 0xE7,
            'à' => 0xE0,
            '«' => 0xAB,
            '»' => 0xBB,
            '“' => 0x93,
            '”' => 0x94,
            '’' => 0x92,
            '–' => 0x96,
            '©' => 0xA9,
            c if c.is_ascii() => c as u8,
            _ => b'?',
        };
        out.push(b);
    }
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// 64 MiB of zeros as 64 gzip members of 1 MiB each (about 65 KB), built once: cheap to
/// build, and a reader that inflates it whole runs far past any sane cap.
fn bomb() -> &'static [u8] {
    static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
    BOMB.get_or_init(|| gzip(&vec![0u8; 1 << 20]).repeat(64))
}

// ---------------------------------------------------------------------------------------------
// Serving

struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    /// Conditional requests apply (a validator is sent).
    validators: bool,
}

impl Reply {
    fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type", content_type.to_string())],
            body: body.into(),
            validators: true,
        }
    }
    fn html(body: impl Into<Vec<u8>>) -> Reply {
        Reply::ok("text/html; charset=utf-8", body)
    }
    fn status(status: u16) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type", "text/plain".into())],
            body: format!("status {status}\n").into_bytes(),
            validators: false,
        }
    }
    fn redirect(status: u16, to: &str) -> Reply {
        let mut r = Reply::status(status);
        r.headers.push(("Location", to.to_string()));
        r
    }
}

fn serve(shared: &Shared, mut stream: TcpStream, at: Instant) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut first = [0u8; 1];
    if stream.peek(&mut first).is_ok() && first[0] == 5 && socks_handshake(&mut stream).is_err() {
        return;
    }
    let Ok(mut write) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let target = percent_decode(line.split_whitespace().nth(1).unwrap_or("/"));
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    // Links name the host the client asked for, as on a virtual host.
    let base = headers
        .get("host")
        .map_or_else(|| shared.base.clone(), |h| format!("http://{h}"));
    let mut reply = route(shared, &base, &target);
    if !shared.config.announce_feeds {
        reply.body = without_feed_links(&reply.body);
    }
    let conditional =
        headers.contains_key("if-none-match") || headers.contains_key("if-modified-since");
    if reply.status == 200 && reply.validators {
        let etag = format!("\"{:016x}\"", fnv(&reply.body));
        if headers.get("if-none-match") == Some(&etag) {
            reply = Reply {
                status: 304,
                headers: vec![],
                body: Vec::new(),
                validators: false,
            };
        }
        reply.headers.push(("ETag", etag));
    }
    if let Some(file) = &shared.log_file {
        let _ = writeln!(file.lock().unwrap(), "{} {target}", reply.status);
    }
    shared.log.lock().unwrap().push(Hit {
        path: target.clone(),
        at,
        status: reply.status,
        conditional,
    });
    if target == "/lambat.html" {
        std::thread::sleep(shared.config.slow);
    }
    let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    for (k, v) in &reply.headers {
        let _ = writeln!(head, "{k}: {v}\r");
    }
    let _ = writeln!(
        head,
        "Content-Length: {}\r\nConnection: close\r\n\r",
        reply.body.len()
    );
    let _ = write.write_all(head.as_bytes());
    let _ = write.write_all(&reply.body);
    let _ = write.flush();
    // Drain what the client may still send so the close is clean.
    let _ = reader.read(&mut [0u8; 64]);
}

/// The page without its `<link rel="alternate">` lines (each page has them on lines of their
/// own).
fn without_feed_links(body: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(body) else {
        return body.to_vec();
    };
    text.lines()
        .filter(|l| !l.starts_with(r#"<link rel="alternate""#))
        .flat_map(|l| [l, "\n"])
        .collect::<String>()
        .into_bytes()
}

/// The server side of a SOCKS5 CONNECT (no authentication), answered by this server itself:
/// a client that only reaches sites through a SOCKS proxy (trafilatura) can then ask for
/// `http://news.example/` and get this site, under that name.
fn socks_handshake(stream: &mut TcpStream) -> std::io::Result<()> {
    let mut head = [0u8; 2];
    stream.read_exact(&mut head)?;
    let mut methods = vec![0u8; head[1] as usize];
    stream.read_exact(&mut methods)?;
    stream.write_all(&[5, 0])?;
    let mut request = [0u8; 4];
    stream.read_exact(&mut request)?;
    let address_len = match request[3] {
        1 => 4,
        4 => 16,
        _ => {
            let mut len = [0u8; 1];
            stream.read_exact(&mut len)?;
            len[0] as usize
        }
    };
    let mut address_and_port = vec![0u8; address_len + 2];
    stream.read_exact(&mut address_and_port)?;
    stream.write_all(&[5, 0, 0, 1, 127, 0, 0, 1, 0, 0])
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        429 => "Too Many Requests",
        _ => "Status",
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325u64, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

fn route(shared: &Shared, base: &str, target: &str) -> Reply {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let stories = shared.stories.read().unwrap();
    let articles = shared.config.articles;
    match path {
        "/robots.txt" => {
            let delay = shared
                .config
                .crawl_delay
                .map_or(String::new(), |d| format!("Crawl-delay: {d}\n"));
            Reply::ok(
                "text/plain",
                format!(
                    "User-agent: *\nDisallow: /{DISALLOWED_SECTION}/\nDisallow: /cari\n{delay}\nSitemap: {base}/sitemap_index.xml\n"
                ),
            )
        }
        "/" => Reply::html(home(&stories)),
        "/sitemap_index.xml" => Reply::ok("application/xml", sitemap_index(base)),
        "/sitemap-news.xml" => Reply::ok("application/xml", news_sitemap(base, &stories, articles)),
        "/sitemap-arsip.xml.gz" => Reply::ok(
            "application/gzip",
            gzip(archive_sitemap(base, &stories).as_bytes()),
        ),
        "/rss.xml" => Reply::ok("application/rss+xml", rss(base, &stories, articles)),
        "/atom.xml" => Reply::ok("application/atom+xml", atom(base, &stories)),
        "/pindah/1" => Reply::redirect(301, "/pindah/2"),
        "/pindah/2" => Reply::redirect(302, &format!("{base}{}", TRAP_ARTICLES[0])),
        "/putar/a" => Reply::redirect(302, "/putar/b"),
        "/putar/b" => Reply::redirect(302, "/putar/a"),
        "/rusak.html" => Reply::status(500),
        "/lambat.html" => Reply::html(special_article(base, path, "Kereta lambat", "id", &LONG_ID)),
        "/raksasa.html" => {
            let para = format!("<p>{}</p>\n", LONG_ID[0]);
            let mut page = String::from("<html><body><article><h1>Arsip raksasa</h1>");
            while page.len() < shared.config.oversized_bytes {
                page.push_str(&para);
            }
            page.push_str("</article></body></html>");
            Reply::html(page)
        }
        "/bom.html" => {
            let mut r = Reply::html(bomb().to_vec());
            r.headers.push(("Content-Encoding", "gzip".into()));
            r.validators = false;
            r
        }
        p if p == TRAP_ARTICLES[0] => Reply::html(special_article(
            base,
            p,
            "Kantor wali kota pindah ke gedung baru",
            "id",
            &LONG_ID,
        )),
        p if p == TRAP_ARTICLES[1] => {
            if shared.queue_hits.fetch_add(1, Ordering::SeqCst) == 0 {
                let mut r = Reply::status(429);
                r.headers.push(("Retry-After", "1".into()));
                return r;
            }
            Reply::html(special_article(
                base,
                p,
                "Antrean panjang di pelabuhan",
                "id",
                &QUEUE_ID,
            ))
        }
        p if p == TRAP_ARTICLES[2] => {
            let mut r = Reply::ok("text/html; charset=windows-1252", cp1252_page(base));
            r.validators = true;
            r
        }
        // A print version: the same story, its canonical link naming the story's own URL.
        p if p.starts_with("/cetak/") => {
            let n: Option<usize> = p["/cetak/".len()..].parse().ok();
            match stories.iter().find(|s| Some(s.n) == n) {
                Some(s) => Reply::html(article_page(base, s)),
                None => Reply::status(404),
            }
        }
        _ => {
            let trimmed = path.trim_matches('/');
            let (trimmed, path_page) = match trimmed.split_once("/page/") {
                Some((section, n)) => (section, n.parse().ok()),
                None => (trimmed, None),
            };
            if let Some(section) = SECTIONS
                .iter()
                .chain([&DISALLOWED_SECTION])
                .find(|s| **s == trimmed)
            {
                let page = query
                    .split('&')
                    .find_map(|kv| kv.strip_prefix("page="))
                    .and_then(|v| v.parse().ok())
                    .or(path_page)
                    .unwrap_or(1usize)
                    .max(1);
                return section_page(&stories, section, page, shared.config.numbered_pages)
                    .map_or_else(|| Reply::status(404), Reply::html);
            }
            match stories.iter().find(|s| article_path(s) == path) {
                Some(s) => Reply::html(article_page(base, s)),
                None => Reply::status(404),
            }
        }
    }
}
