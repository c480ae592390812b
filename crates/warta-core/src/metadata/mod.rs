//! DOM → metadata: title, people, dates, site, language and the rest of the newsroom fields.
//!
//! For each field, candidates are gathered from every place a page can state it (JSON-LD,
//! microdata, OpenGraph, Dublin Core and other meta tags, `<time>`, byline text near the
//! headline, the URL), scored, and the best is kept with its provenance:
//! `{source, confidence}` in [`Article::provenance`].
//!
//! | file | reads |
//! |---|---|
//! | `page.rs` | meta tags, JSON-LD, microdata, shared DOM helpers |
//! | `when.rs` | `published`, `modified` |
//! | `people.rs` | `authors` with roles |

mod page;
mod people;
mod when;

use html5ever::local_name;
use serde_json::Value;

use crate::lead::{read_dateline, wire_sources};

use crate::article::{Article, Block, Image};
use crate::dom::{Dom, NodeId, DOCUMENT};
use crate::options::Options;
use crate::strings::{collapse, normalise, normalises_to, squash};
use page::{resolve_url, Page};

/// How much text after the headline is searched for bylines and written dates.
const MAX_LEAD_TEXT: usize = 1500;

/// What the page says about itself, before the body is chosen.
#[derive(Debug, Default)]
pub(crate) struct Metadata {
    /// Only the metadata fields are filled, with their provenance.
    pub fields: Article,
    /// JSON-LD `articleBody`, when the page carries one.
    pub article_body: Option<String>,
    /// The `<h1>` (or similar) that holds the headline, so the body can leave it out.
    pub headline_node: Option<NodeId>,
    /// The language the page declares (ISO 639-1), before it is checked against the text.
    pub declared_language: Option<String>,
    /// The page's own word for what it is: JSON-LD `@type` or `og:type`.
    pub declared_type: Option<String>,
    /// A JSON-LD product named by the page's headline or title: the page is that product's
    /// own page, not a list of products or an article with a product in a side box.
    pub main_product: bool,
}

/// A value for a field, where it came from, and how much it is trusted (0–1).
#[derive(Debug, Clone)]
struct Candidate<T> {
    value: T,
    source: String,
    confidence: f32,
}

impl Metadata {
    /// The page calls itself an article or blog post (JSON-LD or OpenGraph type). Forum
    /// posts ("DiscussionForumPosting") are not articles.
    pub(crate) fn declares_article(&self) -> bool {
        self.declared_type.as_deref().is_some_and(|t| {
            let t = t.to_ascii_lowercase();
            t.contains("article") || t == "blogposting" || t == "report"
        })
    }

    /// The page calls itself a product (JSON-LD or OpenGraph type).
    pub(crate) fn declares_product(&self) -> bool {
        self.declared_type.as_deref().is_some_and(|t| {
            let t = t.to_ascii_lowercase();
            // `og:type` is also written "og:product" or "<shop>:product"
            t == "product" || t.ends_with(":product")
        })
    }

    pub(crate) fn clean_hints(&self) -> crate::clean::Hints {
        crate::clean::Hints {
            declares_article: self.declares_article(),
            declares_product: self.declares_product(),
            main_product: self.main_product,
        }
    }
}

pub(crate) fn extract(dom: &Dom, opts: &Options) -> Metadata {
    let page = Page::read(dom, opts);
    let mut meta = Metadata {
        declared_language: page.declared_language.clone(),
        ..Metadata::default()
    };
    let f = &mut meta.fields;
    f.url = opts.url.clone();

    let brands = brand_names(&page);
    if let Some(site) = site_name(&page) {
        set(f, "site_name", site, |f, v| f.site_name = Some(v));
    }
    let (title, headline) = title(&page, &brands);
    meta.headline_node = headline;
    if let Some(t) = title {
        set(f, "title", t, |f, v| f.title = Some(v));
    }
    // where bylines and stamps are printed: under the <h1> headline, or any first <h1> (a
    // headline found in a lower heading anchors the body, not the byline search: measured,
    // the first <h1> serves the byline and date readers better there)
    let anchor = headline
        .filter(|&h| dom.is_tag(h, &local_name!("h1")))
        .or_else(|| {
            dom.descendants(DOCUMENT)
                .find(|&n| dom.is_tag(n, &local_name!("h1")) && !page.in_hidden(n))
        });
    let lead = anchor
        .map(|h| page::text_after(&page, Some(h), MAX_LEAD_TEXT))
        .unwrap_or_default();
    if let Some(people) = people::find(&page, &brands, &lead) {
        set(f, "authors", people, |f, v| f.authors = v);
    }
    let dates = when::find(&page, anchor, &lead);
    if let Some(d) = dates.published {
        let d = Candidate {
            value: d.value.to_rfc3339(),
            source: d.source,
            confidence: d.confidence.min(1.0),
        };
        set(f, "published", d, |f, v| f.published = Some(v));
    }
    if let Some(d) = dates.modified {
        let d = Candidate {
            value: d.value.to_rfc3339(),
            source: d.source,
            confidence: d.confidence.min(1.0),
        };
        set(f, "modified", d, |f, v| f.modified = Some(v));
    }
    let base = opts.url.as_deref();
    let canonical = page::canonical_href(dom)
        .and_then(|h| resolve_url(h, base))
        .map(|v| cand(v, "link:canonical", 0.95))
        .or_else(|| {
            page.tag(&["og:url"])
                .and_then(|u| resolve_url(&u, base))
                .map(|v| cand(v, "meta:og:url", 0.8))
        });
    if let Some(c) = canonical {
        set(f, "canonical_url", c, |f, v| f.canonical_url = Some(v));
    }
    let description = first_of(
        &page,
        &[
            "og:description",
            "description",
            "twitter:description",
            "dc.description",
        ],
    )
    .or_else(|| page.ld_str("description").map(|v| cand(v, "json-ld", 0.8)));
    if let Some(d) = description {
        set(f, "description", d, |f, v| f.description = Some(v));
    }
    let section = page
        .ld_str("articleSection")
        .map(|v| cand(v, "json-ld", 0.85))
        .or_else(|| {
            first_of(
                &page,
                &[
                    "article:section",
                    "parsely-section",
                    "sailthru.section",
                    "section",
                ],
            )
        });
    if let Some(s) = section {
        set(f, "section", s, |f, v| f.section = Some(v));
    }
    if let Some(t) = tags(&page) {
        set(f, "tags", t, |f, v| f.tags = v);
    }
    if let Some(i) = image(&page) {
        set(f, "image", i, |f, v| f.image = Some(v));
    }
    if let Some(l) = &meta.declared_language {
        f.language = Some(l.clone());
        f.set_provenance("language", "declared", 0.7);
    }
    // Kept raw: its line breaks are the only paragraph boundaries it has.
    meta.article_body = page
        .article_ld()
        .and_then(|v| v.get("articleBody"))
        .and_then(serde_json::Value::as_str)
        .map(|b| page::decode_entities(b).trim().to_string())
        .filter(|b| !b.is_empty());
    meta.declared_type = page.ld_str("@type").or_else(|| page.tag(&["og:type"]));
    let product_names: Vec<String> = page.ld.iter().filter_map(product_name).collect();
    if !product_names.is_empty() {
        // A product named by the page's headline or title ("Shop — Blue kettle, 1.7 l" holds
        // "Blue kettle 1.7 l") is the page's own. The other way round is no sign: a
        // collection titled "Kettles" lists products whose names hold "kettle".
        let page_names: Vec<String> = [
            meta.fields.title.clone(),
            headline.map(|h| page::spaced_text(dom, h, 400)),
            page.tag(&["og:title"]),
            dom.find_tag(&local_name!("title"))
                .map(|t| dom.text_content(t)),
        ]
        .into_iter()
        .flatten()
        .map(|t| words_of(&t))
        .collect();
        meta.main_product = product_names.iter().any(|name| {
            page_names
                .iter()
                .any(|t| page::find_word(t, name).is_some())
        });
    }
    meta
}

/// The name of a JSON-LD product object, as [`words_of`] gives it; `None` for other objects
/// and for names too short to tell.
fn product_name(v: &Value) -> Option<String> {
    let is_product = page::ld_types(v)
        .iter()
        .any(|t| matches!(*t, "Product" | "ProductGroup" | "IndividualProduct"));
    is_product
        .then(|| v.get("name").and_then(page::ld_text))
        .flatten()
        .map(|n| words_of(&n))
        .filter(|n| n.chars().filter(|c| c.is_alphanumeric()).count() >= MIN_PRODUCT_NAME_CHARS)
}

/// A product name shorter than this ("Tea") matches too many titles by chance.
const MIN_PRODUCT_NAME_CHARS: usize = 4;

/// Lowercase words of letters and digits, one space apart: marks ("™", "-", "|") dropped.
fn words_of(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Copies the metadata fields into the article, and reads what needs the body: the
/// dateline and wire credits of the lead, and the language of the text.
pub(crate) fn apply(meta: Metadata, article: &mut Article) {
    let f = meta.fields;
    article.url = article.url.take().or(f.url);
    article.canonical_url = f.canonical_url;
    article.title = f.title;
    article.authors = f.authors;
    article.site_name = f.site_name;
    article.published = f.published;
    article.modified = f.modified;
    article.description = f.description;
    article.image = f.image;
    article.section = f.section;
    article.tags = f.tags;
    article.provenance.extend(f.provenance);

    let first = article.blocks.iter_mut().find_map(|b| match b {
        Block::Paragraph { text, .. } => Some(text),
        _ => None,
    });
    if let Some(text) = first {
        article.sources = wire_sources(text);
        if article.dateline.is_none() {
            if let Some(found) = read_dateline(text) {
                *text = found.rest;
                article.dateline = Some(found.place);
                article.set_provenance("dateline", "lead", 0.8);
            }
        }
    }
    let credited: Vec<String> = article
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text, .. } => Some(wire_sources(text)),
            _ => None,
        })
        .flatten()
        .collect();
    for source in credited {
        add_source(article, source);
    }
    if !article.sources.is_empty() {
        article.set_provenance("sources", "lead", 0.7);
    }

    let text: String = article
        .blocks
        .iter()
        .filter_map(Block::plain_text)
        .collect::<Vec<_>>()
        .join("\n");
    let sample = if text.len() < 200 {
        format!(
            "{} {} {text}",
            article.title.as_deref().unwrap_or(""),
            article.description.as_deref().unwrap_or("")
        )
    } else {
        text
    };
    let (language, source, confidence) =
        checked_language(meta.declared_language.as_deref(), &sample);
    article.language = language;
    if article.language.is_some() {
        article.set_provenance("language", source, confidence);
    }
}

/// Adds the wire credits `text` names to the article's sources, once each.
pub(crate) fn add_wire_sources(article: &mut Article, text: &str) {
    for source in wire_sources(text) {
        add_source(article, source);
    }
}

fn add_source(article: &mut Article, source: String) {
    if !article
        .sources
        .iter()
        .any(|o| o.eq_ignore_ascii_case(&source))
    {
        article.sources.push(source);
    }
}

/// Trigram detection is as sure on a long paragraph as on a whole article, and its cost grows
/// with the sample.
const LANGUAGE_SAMPLE_CHARS: usize = 1500;

/// A sample long enough to confirm a declared language, at a third of the cost.
const CONFIRMING_SAMPLE_CHARS: usize = 500;

/// The declared language, unless the text is plainly in another one; the detected one
/// when nothing is declared and detection is sure.
fn checked_language(declared: Option<&str>, text: &str) -> (Option<String>, &'static str, f32) {
    let detect = |chars: usize| {
        let sample: String = text.chars().take(chars).collect();
        whatlang::detect(&sample)
            .filter(|i| i.is_reliable() && sample.len() >= 100)
            .and_then(|i| crate::lang::iso_639_1(i.lang()))
    };
    // Most pages declare their language truly: a short sample that agrees settles it.
    let confirming = declared.and_then(|_| detect(CONFIRMING_SAMPLE_CHARS));
    let detected = match confirming {
        Some(t) if declared == Some(t) => Some(t),
        _ => detect(LANGUAGE_SAMPLE_CHARS),
    };
    match (declared, detected) {
        (Some(d), Some(t)) if d == t => (Some(d.to_string()), "declared+detected", 0.95),
        (Some(_), Some(t)) => (Some(t.to_string()), "detected", 0.75),
        (Some(d), None) => (Some(d.to_string()), "declared", 0.7),
        (None, Some(t)) => (Some(t.to_string()), "detected", 0.7),
        (None, None) => (None, "", 0.0),
    }
}

fn cand(value: String, source: &str, confidence: f32) -> Candidate<String> {
    Candidate {
        value,
        source: source.to_string(),
        confidence,
    }
}

fn set<T>(f: &mut Article, field: &str, c: Candidate<T>, store: impl FnOnce(&mut Article, T)) {
    f.set_provenance(field, &c.source, (c.confidence * 100.0).round() / 100.0);
    store(f, c.value);
}

/// The first of these meta tags that is present, with provenance `meta:<key>`.
fn first_of(page: &Page, keys: &[&str]) -> Option<Candidate<String>> {
    keys.iter()
        .find_map(|k| page.tag(&[k]).map(|v| cand(v, &format!("meta:{k}"), 0.85)))
}

fn site_name(page: &Page) -> Option<Candidate<String>> {
    first_of(page, &["og:site_name"])
        .or_else(|| {
            page.article_ld()
                .and_then(|a| a.get("publisher"))
                .and_then(page::ld_text)
                .map(|v| cand(v, "json-ld", 0.85))
        })
        .or_else(|| {
            page.ld
                .iter()
                .find(|v| page::ld_types(v).contains(&"WebSite"))
                .and_then(|v| v.get("name"))
                .and_then(page::ld_text)
                .map(|v| cand(v, "json-ld", 0.75))
        })
        .or_else(|| {
            first_of(
                page,
                &["application-name", "al:android:app_name", "al:ios:app_name"],
            )
        })
}

/// Every name the site goes by: og:site_name, publishers, the WebSite's name, the domain.
fn brand_names(page: &Page) -> Vec<String> {
    // a misfilled "application-name" that repeats the article's title is no brand
    let titles: Vec<String> = ["og:title", "twitter:title"]
        .iter()
        .filter_map(|k| page.tag(&[k]))
        .chain(page.ld_str("headline"))
        .map(|t| squash(&t))
        .collect();
    let app_name = page
        .tag(&["application-name"])
        .filter(|a| !titles.contains(&squash(a)));
    let mut names: Vec<String> = ["og:site_name", "twitter:site"]
        .iter()
        .filter_map(|k| page.tag(&[k]))
        .chain(app_name)
        .map(|s| s.trim_start_matches('@').to_string())
        .collect();
    for v in &page.ld {
        if let Some(p) = v.get("publisher").and_then(page::ld_text) {
            names.push(p);
        }
        if page::ld_types(v)
            .iter()
            .any(|t| *t == "WebSite" || *t == "Organization" || *t == "NewsMediaOrganization")
        {
            if let Some(n) = v.get("name").and_then(page::ld_text) {
                names.push(n);
            }
        }
    }
    if let Some(host) = page
        .url
        .as_deref()
        .and_then(|u| u.split_once("://"))
        .map(|(_, r)| r.split(['/', '?', '#', ':']).next().unwrap_or(""))
    {
        let host = host.trim_start_matches("www.");
        names.push(host.to_string());
        if let Some(label) = host.split('.').next() {
            names.push(label.to_string());
        }
    }
    names.retain(|n| !n.trim().is_empty());
    names
}

/// The headline, and the `<h1>` that prints it.
fn title(page: &Page, brands: &[String]) -> (Option<Candidate<String>>, Option<NodeId>) {
    let dom = page.dom;
    let mut declared: Vec<Candidate<String>> = Vec::new();
    if let Some(h) = page.ld_str("headline") {
        declared.push(cand(h, "json-ld", 0.85));
    }
    for (key, confidence) in [
        // Dublin Core is set by hand where it is set at all
        ("dc:title", 0.82),
        ("dc.title", 0.82),
        ("dcterms.title", 0.82),
        ("og:title", 0.8),
        ("twitter:title", 0.75),
        ("sailthru.title", 0.7),
        ("parsely-title", 0.7),
    ] {
        if let Some(t) = page.tag(&[key]) {
            declared.push(cand(t, &format!("meta:{key}"), confidence));
        }
    }
    for n in page
        .itemprop_nodes("headline")
        .filter(|&n| !dom.is_tag(n, &local_name!("meta")))
    {
        let t = page::spaced_text(dom, n, 400);
        if !t.is_empty() && t.len() < 400 {
            declared.push(cand(t, "microdata", 0.8));
        }
    }
    if let Some(t) = dom
        .find_tag(&local_name!("title"))
        .map(|t| collapse(&dom.text_content(t)))
        .filter(|t| !t.is_empty())
    {
        declared.push(cand(t, "title", 0.6));
    }
    let site = brands.first().map(String::as_str);
    let h1s: Vec<(NodeId, String)> = dom
        .descendants(DOCUMENT)
        .filter(|&n| {
            dom.is_tag(n, &local_name!("h1")) && !page.in_hidden(n) && !page.in_comments(n)
        })
        .map(|n| {
            let text = without_anchor_marks(&page::spaced_text(dom, n, 600));
            // a printed headline may carry the site's name too
            (n, strip_affix(&text, site, brands, false))
        })
        .filter(|(_, t)| !t.is_empty() && t.len() < 600)
        .collect();
    // The printed headline that a declared title names.
    for (n, text) in &h1s {
        let h = normalise(text);
        let matches = declared.iter().any(|d| {
            let d_full = normalise(&d.value);
            let d_bare = normalise(&strip_site_affix(&d.value, site, brands));
            h == d_full
                || h == d_bare
                || (h.len() * 2 >= d_bare.len()
                    && d_bare.contains(&h)
                    && h.split_whitespace().count() >= 2)
                || (d_bare.len() * 3 >= h.len() * 2 && h.contains(&d_bare))
        }) && !is_brand_name(text, brands);
        if matches {
            return (Some(cand(text.clone(), "h1", 0.9)), Some(*n));
        }
    }
    // A printed headline that names no declared title is still the headline, unless it is
    // the site's logo or a navigation heading.
    let declared_words: Vec<String> = declared
        .iter()
        .flat_map(|d| {
            normalise(&d.value)
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let overlap = |text: &str| {
        normalise(text)
            .split_whitespace()
            .filter(|w| declared_words.iter().any(|d| d == w))
            .count()
    };
    // Words of the printed headline found in the declared titles: at least half, when the
    // page declares a title at all ("Lorem" or a section's name is not "Base URL test").
    let title_words = |s: &str| -> Vec<String> {
        normalise(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let declared_titles: Vec<&Candidate<String>> = declared
        .iter()
        .filter(|d| !is_brand_name(&d.value, brands))
        .collect();
    let known: Vec<String> = declared_titles
        .iter()
        .flat_map(|d| title_words(&d.value))
        .collect();
    let agrees = |text: &str| {
        let words = title_words(text);
        let shared = words.iter().filter(|w| known.contains(w)).count();
        known.is_empty() || shared * 2 >= words.len()
    };
    // "Silicon Exposed" printed as the h1 of "Silicon Exposed: Open Verilog flow..." whose
    // og:title is "Open Verilog flow...": the site's name, which one declared title carries
    // as a prefix or suffix of what another declares
    let names_the_site = |text: &str| {
        let t = normalise(text);
        let separators: &[char] = &[':', '|', '-', '–', '—', '·', '»'];
        let bare: Vec<String> = declared_titles
            .iter()
            .map(|d| normalise(&d.value))
            .collect();
        let is_declared = |rest: &str| {
            let rest = rest.trim_matches(|c: char| c.is_whitespace() || separators.contains(&c));
            !rest.is_empty() && bare.iter().any(|b| b == rest)
        };
        bare.iter().any(|d| {
            let after = d
                .strip_prefix(t.as_str())
                .filter(|r| r.trim_start().starts_with(separators));
            let before = d
                .strip_suffix(t.as_str())
                .filter(|r| r.trim_end().ends_with(separators));
            after.or(before).is_some_and(is_declared)
        })
    };
    let printed = h1s
        .iter()
        .filter(|(n, text)| {
            let ci = format!(
                "{} {}",
                page::class_id(dom, *n),
                dom.ancestors(*n)
                    .take(2)
                    .map(|a| page::class_id(dom, a))
                    .collect::<String>()
            );
            !is_brand_name(text, brands)
                && agrees(text)
                && !names_the_site(text)
                && !links_home(dom, *n)
                && !["logo", "brand", "site-title", "sitename", "site-name"]
                    .iter()
                    .any(|k| ci.contains(k))
                && !dom
                    .ancestors(*n)
                    .any(|a| dom.is_tag(a, &local_name!("nav")))
        })
        // of two, the one that shares the most words with the declared titles
        .fold(None::<&(NodeId, String)>, |best, h| match best {
            Some(b) if overlap(&b.1) >= overlap(&h.1) => Some(b),
            _ => Some(h),
        });
    if let (Some((n, text)), true) = (printed, h1s.len() <= 2) {
        return (Some(cand(text.clone(), "h1", 0.8)), Some(*n));
    }
    let best = declared
        .into_iter()
        .map(|mut d| {
            // "| Site": a title whose own part the CMS left empty
            let bare = strip_site_affix(&d.value, site, brands);
            d.value = trim_separators(&bare).to_string();
            d
        })
        .filter(|d| {
            !d.value.is_empty()
                && !is_brand_name(&d.value, brands)
                && !names_only_the_site(&d.value, brands)
        })
        .fold(None::<Candidate<String>>, |b, c| match b {
            Some(b) if b.confidence >= c.confidence => Some(b),
            _ => Some(c),
        });
    match (best, h1s.as_slice()) {
        (Some(b), _) => {
            // Sites that keep <h1> for their logo print the headline in a lower heading.
            let title = normalise(&b.value);
            let printed = dom.descendants(DOCUMENT).find(|&n| {
                [local_name!("h2"), local_name!("h3")]
                    .iter()
                    .any(|h| dom.is_tag(n, h))
                    && !page.in_hidden(n)
                    && !page.in_comments(n)
                    && normalise(&page::spaced_text(dom, n, 600)) == title
            });
            if let Some(printed) = printed.or_else(|| printed_plain(page, &title)) {
                return (Some(b), Some(printed));
            }
            // A title of several parts that no brand cut ("Paper - Headline - Section - Desk"):
            // the part the page prints on its own line is the headline.
            match printed_part(page, &b.value) {
                Some((part, n)) => (Some(cand(part, &b.source, b.confidence)), Some(n)),
                None => (Some(b), None),
            }
        }
        (None, [(n, text)]) => (Some(cand(text.clone(), "h1", 0.5)), Some(*n)),
        (None, []) => match titled_element(page, brands) {
            Some((text, n)) => (Some(cand(text, "title-class", 0.5)), Some(n)),
            None => (None, None),
        },
        (None, _) => (None, None),
    }
}

/// A title made of nothing but the site's names: "Paper, paper.com", "Paper | paper.com".
/// Each part between separators is a known brand or a host name, and one is a brand.
fn names_only_the_site(title: &str, brands: &[String]) -> bool {
    let parts: Vec<&str> = title
        .split([',', '|', '-', '–', '—', ':', '·', '»', '«'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.iter().any(|p| is_brand_name(p, brands))
        && parts
            .iter()
            .all(|p| is_brand_name(p, brands) || crate::lead::looks_like_domain(p))
}

/// Whether `text` is one of the site's names, letters and digits compared.
fn is_brand_name(text: &str, brands: &[String]) -> bool {
    let t = squash(text);
    brands.iter().any(|b| squash(b) == t)
}

/// With no title but the site's name and no `<h1>`: the first element whose class or id
/// names a title or a headline ("title_xbig", "headline") and that prints a headline's
/// words, plain text outside any link (a teaser's linked title is not this page's).
fn titled_element(page: &Page, brands: &[String]) -> Option<(String, NodeId)> {
    let dom = page.dom;
    let body = dom.body()?;
    dom.descendants(body).find_map(|n| {
        dom.element(n)?;
        let names = page::class_id(dom, n);
        let titled = names
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.starts_with("title") || w.starts_with("headline"));
        if !titled || page.in_hidden(n) || page.in_comments(n) {
            return None;
        }
        let linked = std::iter::once(n)
            .chain(dom.ancestors(n))
            .chain(dom.descendants(n))
            .any(|a| dom.is_tag(a, &local_name!("a")));
        let text = collapse(&page::spaced_text(dom, n, 400));
        let words = crate::script::words(&text);
        let headline_sized = (3.0..=TITLED_ELEMENT_MAX_WORDS).contains(&words);
        (!linked && headline_sized && !is_brand_name(&text, brands)).then_some((text, n))
    })
}

/// A headline found by its class is this many words at most: more is a summary.
const TITLED_ELEMENT_MAX_WORDS: f32 = 30.0;

/// A heading that is one link to the site's front page ("/", "https://news.example") is
/// the site's logo or name, whatever words it shares with the story's title.
fn links_home(dom: &Dom, heading: NodeId) -> bool {
    let text = normalise(&dom.text_content(heading));
    dom.descendants(heading)
        .filter(|&a| dom.is_tag(a, &local_name!("a")))
        .any(|a| {
            let href = dom.attr(a, "href").unwrap_or("").trim();
            let path = href
                .split_once("//")
                .map_or(href, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
            href != "#"
                && path.trim_end_matches('/').is_empty()
                && normalise(&dom.text_content(a)) == text
        })
}

/// A title without the separators left at its ends by a cut site name ("| Site"), but with
/// the `»` that closes a quote it opened ("… σκάνδαλο «Ζήμενς»").
fn trim_separators(title: &str) -> &str {
    let is_sep = |c: char| c.is_whitespace() || "|-–—·»:｜_".contains(c);
    let start = title.trim_start_matches(is_sep);
    let t = start.trim_end_matches(is_sep);
    let closes_quote =
        start[t.len()..].starts_with('»') && t.matches('«').count() > t.matches('»').count();
    if closes_quote {
        &start[..t.len() + '»'.len_utf8()]
    } else {
        t
    }
}

/// The element that prints the headline whole without being a heading (a bold line, a
/// `div` styled as one): it anchors the article as an `<h1>` would. Linked copies are
/// teasers of the story elsewhere on the page, not its headline.
fn printed_plain(page: &Page, title: &str) -> Option<NodeId> {
    let dom = page.dom;
    if title.split_whitespace().count() < 2 && crate::script::words(title) < 2.0 {
        return None;
    }
    let body = dom.body()?;
    dom.descendants(body)
        .filter(|&n| dom.text(n).is_some_and(|t| normalises_to(t, title)))
        .filter_map(|n| dom.parent(n))
        .find(|&e| {
            !page.in_hidden(e)
                && !page.in_comments(e)
                && !std::iter::once(e).chain(dom.ancestors(e)).any(|a| {
                    dom.is_tag(a, &local_name!("a")) || dom.is_tag(a, &local_name!("option"))
                })
        })
}

/// The longest part of a title split at its separators that the page prints whole, with the
/// element that prints it. A part of a word or two is a section's or a site's name.
fn printed_part(page: &Page, title: &str) -> Option<(String, NodeId)> {
    let t = collapse(title);
    let cuts = title_separators(&t);
    if cuts.is_empty() {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    let mut start = 0;
    for &(a, b) in &cuts {
        parts.push(&t[start..a]);
        start = b;
    }
    parts.push(&t[start..]);
    parts.retain(|p| crate::script::words(p) >= 3.0);
    parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
    parts.into_iter().find_map(|p| {
        let p = trim_separators(p);
        printed_plain(page, &normalise(p)).map(|n| (p.to_string(), n))
    })
}

/// Removes " | Site" style suffixes and "Site - " prefixes from a title: every segment
/// from a brand's name to the nearer end goes; without a known brand, a short last segment
/// after a strong separator does.
pub(crate) fn strip_site_affix(title: &str, site: Option<&str>, brands: &[String]) -> String {
    strip_affix(title, site, brands, true)
}

/// As [`strip_site_affix`]; `guess` allows cutting short branding segments when no brand is
/// named in the title.
fn strip_affix(title: &str, site: Option<&str>, brands: &[String], guess: bool) -> String {
    let t = collapse(title);
    let cuts = title_separators(&t);
    if cuts.is_empty() {
        return t;
    }
    // segment byte ranges: the text between separators
    let mut segments: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for &(a, b) in &cuts {
        segments.push((start, a));
        start = b;
    }
    segments.push((start, t.len()));
    let text = |(a, b): (usize, usize)| &t[a..b];
    let is_brand = |s: &str| {
        let s = squash(s);
        !s.is_empty()
            && site
                .into_iter()
                .chain(brands.iter().map(String::as_str))
                .any(|b| {
                    let b = squash(b);
                    b.len() >= 3 && (b == s || s.contains(&b) && s.len() <= b.len() + 12)
                })
    };
    let n = segments.len();
    if let Some(k) = (0..n).rev().find(|&k| is_brand(text(segments[k]))) {
        let kept = if k == 0 {
            (segments[1].0, t.len())
        } else if k * 2 >= n - 1 {
            (0, segments[k - 1].1)
        } else {
            (segments[k + 1].0, t.len())
        };
        return t[kept.0..kept.1].trim().to_string();
    }
    if !guess {
        return t;
    }
    let (first, last) = branding_guess(&t, &cuts, &segments);
    t[segments[first].0..segments[last].1].trim().to_string()
}

/// The separators of a title's segments, as byte ranges: spaced bars, dashes, colons and
/// the like; a full-width bar however spaced; and, between Han or kana characters, an
/// underscore or a dash written without spaces ("…危机_时政_凤凰网", "…看点-《财经网》").
fn title_separators(t: &str) -> Vec<(usize, usize)> {
    const SPACED: [&str; 9] = [
        " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // ", " : ",
    ];
    let cjk_side = |c: Option<char>| {
        c.is_some_and(|c| crate::script::is_cjk(c) || crate::script::is_cjk_punct(c))
    };
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let rest = &t[i..];
        let Some(c) = rest.chars().next() else { break };
        if let Some(sep) = SPACED.iter().find(|s| rest.starts_with(**s)) {
            cuts.push((i, i + sep.len()));
            i += sep.len();
            continue;
        }
        let before = t[..i].chars().next_back();
        let after = rest[c.len_utf8()..].chars().next();
        let tight = matches!(c, '_' | '-' | '－') && cjk_side(before) && cjk_side(after);
        if c == '｜' || tight {
            let a = t[..i].trim_end().len();
            let b = t.len() - rest[c.len_utf8()..].trim_start().len();
            // one separator per run ("｜ ｜"), and none at the very ends
            if a > cuts.last().map_or(0, |&(_, end)| end) && b < t.len() {
                cuts.push((a, b));
            }
            i = b.max(i + c.len_utf8());
            continue;
        }
        i += c.len_utf8();
    }
    cuts
}

/// With no brand known, which segments of a title are its headline (first and last index):
/// short segments at the end go while the headline before them stays much longer ("… |
/// News | Times"); a short first segment goes when a strong separator or a domain name marks
/// it as the site's ("SITE : headline", "site.gr - headline"). Lengths are in words, Han and
/// kana counted by characters ([`crate::script::words`]).
fn branding_guess(t: &str, cuts: &[(usize, usize)], segments: &[(usize, usize)]) -> (usize, usize) {
    let words = |a: usize, b: usize| crate::script::words(&t[segments[a].0..segments[b].1]);
    let separator = |k: usize| &t[cuts[k].0..cuts[k].1];
    let strong = |k: usize| !separator(k).contains(['-', '–', '—', '_', '－']);
    let letters = t.chars().filter(|c| c.is_alphanumeric()).count();
    let cjk_title = t.chars().filter(|&c| crate::script::is_cjk(c)).count() * 2 > letters;
    let is_domain = |k: usize| {
        let text = t[segments[k].0..segments[k].1].trim();
        text.contains('.') && !text.contains(' ') && text.chars().any(char::is_alphabetic)
    };
    let (mut first, mut last) = (0, segments.len() - 1);
    // a segment naming a domain ("… | site.info - slogan") is the site's, with all after it
    if let Some(k) = (1..segments.len()).find(|&k| is_domain(k)) {
        last = k - 1;
    }
    while last > first {
        let (tail, head) = (words(last, last), words(first, last - 1));
        let short =
            strong(last - 1) && tail <= 3.0 && head > tail + 1.0 || tail <= 2.0 && head >= 4.0;
        // Chinese and Japanese sites chain their channel names with one separator
        // ("｜新聞速報｜中時樂活｜中時電子報", "_时政_凤凰网"); elsewhere only the last
        // segment is guessed away ("… | Code | Author" keeps "Code").
        let chained = last == segments.len() - 1
            || cjk_title && separator(last - 1).trim() == separator(last).trim();
        if !(short && chained) {
            break;
        }
        last -= 1;
    }
    if last > first {
        let (lead, rest) = (words(0, 0), words(1, last));
        if lead <= 3.0 && rest >= 2.0 && rest > lead && (strong(0) || is_domain(0)) {
            first = 1;
        }
    }
    (first, last)
}

/// "Quickstart ¶" → "Quickstart": permalink marks that documentation sites print after
/// headings.
fn without_anchor_marks(s: &str) -> String {
    let s = s.trim_end_matches(|c: char| c.is_whitespace() || "¶#§🔗".contains(c));
    // "News News": a visually hidden copy printed beside the visible one
    let words: Vec<&str> = s.split_whitespace().collect();
    let half = words.len() / 2;
    if words.len() % 2 == 0 && half > 0 && words[..half] == words[half..] {
        return words[..half].join(" ");
    }
    s.to_string()
}

fn tags(page: &Page) -> Option<Candidate<Vec<String>>> {
    let mut out: Vec<String> = Vec::new();
    let mut source = "";
    let mut add = |v: &str, src: &'static str, out: &mut Vec<String>| {
        for t in v.split([',', ';']) {
            let t = collapse(t);
            if !t.is_empty()
                && t.chars().count() <= 60
                && !out.iter().any(|o| o.eq_ignore_ascii_case(&t))
            {
                out.push(t);
                if source.is_empty() {
                    source = src;
                }
            }
        }
    };
    for v in page.tags_all("article:tag") {
        add(v, "meta:article:tag", &mut out);
    }
    if out.is_empty() {
        if let Some(k) = page.article_ld().and_then(|a| a.get("keywords")) {
            match k {
                Value::Array(a) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .for_each(|s| add(s, "json-ld", &mut out)),
                Value::String(s) => add(s, "json-ld", &mut out),
                _ => {}
            }
        }
    }
    for key in ["news_keywords", "keywords", "parsely-tags", "sailthru.tags"] {
        if out.is_empty() {
            if let Some(v) = page.tag(&[key]) {
                add(&v, "meta:keywords", &mut out);
            }
        }
    }
    (!out.is_empty()).then(|| Candidate {
        value: out,
        source: source.to_string(),
        confidence: 0.8,
    })
}

fn image(page: &Page) -> Option<Candidate<Image>> {
    let base = page.url.as_deref();
    let ld = page.article_ld().and_then(|a| a.get("image"));
    let ld_obj = match ld {
        Some(Value::Array(a)) => a.first(),
        other => other,
    };
    let ld_src = ld_obj.and_then(|v| match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o
            .get("url")
            .or_else(|| o.get("contentUrl"))
            .and_then(Value::as_str)
            .map(str::to_string),
        _ => None,
    });
    let (src, source) = match page.tag(&[
        "og:image",
        "og:image:url",
        "og:image:secure_url",
        "twitter:image",
        "twitter:image:src",
    ]) {
        Some(s) => (s, "meta:og:image"),
        None => (ld_src?, "json-ld"),
    };
    let src = resolve_url(&src, base)?;
    let text_of = |key: &str| ld_obj.and_then(|o| o.get(key)).and_then(page::ld_text);
    let caption = text_of("caption")
        .or_else(|| text_of("description"))
        .or_else(|| page.tag(&["og:image:alt", "twitter:image:alt"]));
    let credit = text_of("creditText")
        .or_else(|| text_of("copyrightHolder"))
        .or_else(|| text_of("author"));
    Some(Candidate {
        value: Image {
            src: Some(src),
            caption,
            credit,
        },
        source: source.to_string(),
        confidence: 0.8,
    })
}

#[cfg(test)]
mod tests;
