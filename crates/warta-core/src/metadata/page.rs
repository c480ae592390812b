//! What a page says about itself in machine-readable form: `<meta>` tags, JSON-LD (including
//! `@graph`), microdata `itemprop`s, and a few DOM helpers the field readers share.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use html5ever::{local_name, LocalName};
use serde_json::Value;

use crate::dates::DateContext;
use crate::dom::{Dom, NodeId, DOCUMENT};
use crate::options::Options;
use crate::strings::{collapse, push_collapsed};
use crate::tags;

/// JSON-LD scripts larger than this are skipped (they are catalogues, not articles).
const MAX_LD_BYTES: usize = 1 << 20;

/// The page's structured metadata, gathered in one walk.
pub(super) struct Page<'a> {
    pub dom: &'a Dom,
    pub url: Option<String>,
    /// `<meta name|property|itemprop|http-equiv=... content=...>`, keys lower-cased, in order.
    pub tags: Vec<(String, String)>,
    /// Every JSON-LD object, `@graph`s flattened.
    pub ld: Vec<Value>,
    /// Index in `ld` of the object that describes the article, when one does.
    pub article: Option<usize>,
    /// Elements other than `<meta>` that carry an `itemprop`, with the property lower-cased.
    pub itemprops: Vec<(String, NodeId)>,
    /// The declared language (`<html lang>`, `content-language`, `og:locale`), ISO 639-1.
    pub declared_language: Option<String>,
    pub ctx: DateContext,
    /// Per node: what its place and its class say ([`HIDDEN`], [`COMMENTS`], ...).
    marks: Vec<u8>,
}

/// Inside code the reader never sees (scripts, styles, templates, head).
const HIDDEN: u8 = 1;
/// Inside a comment thread.
const COMMENTS: u8 = 2;
/// Its class, id or itemprop names a date or a stamp.
const DATE_CLASS: u8 = 4;
/// Its class, id or itemprop names a byline or an author.
const BYLINE_CLASS: u8 = 8;

/// Appends `value` lower-cased, and a space.
fn push_lower(out: &mut String, value: &str) {
    let start = out.len();
    out.push_str(value);
    out[start..].make_ascii_lowercase();
    out.push(' ');
}

impl<'a> Page<'a> {
    pub(super) fn read(dom: &'a Dom, opts: &Options) -> Self {
        let mut tags = Vec::new();
        let mut ld = Vec::new();
        let mut itemprops = Vec::new();
        let mut marks = vec![0u8; dom.nodes.len()];
        // class, id, itemprop and rel of an element, lower-cased; one buffer for all
        let mut ci = String::new();
        // Pages repeat the same names on many elements: each set is judged once.
        let mut marks_by_names = foldhash::HashMap::default();
        // Parents come before their children in document order, so one pass inherits.
        for n in dom.descendants(DOCUMENT) {
            let inherited = marks[dom.parent(n).unwrap_or(DOCUMENT)] & (HIDDEN | COMMENTS);
            let Some(el) = dom.element(n) else {
                marks[n] = inherited;
                continue;
            };
            let tag = &el.name.local;
            let attr = |name: LocalName| {
                el.attrs
                    .iter()
                    .find(|a| a.name.local == name)
                    .map(|a| &*a.value)
            };
            let itemprop = attr(local_name!("itemprop"));
            let is_root = matches!(*tag, local_name!("html") | local_name!("body"));
            let names = (
                attr(local_name!("class")),
                attr(local_name!("id")),
                itemprop,
                attr(local_name!("rel")),
                is_root,
            );
            let mut mark = inherited;
            if tags::holds_no_text(tag) {
                mark |= HIDDEN;
            }
            mark |= *marks_by_names.entry(names).or_insert_with(|| {
                let (class, id, itemprop, rel, _) = names;
                ci.clear();
                class
                    .into_iter()
                    .chain(id)
                    .for_each(|v| push_lower(&mut ci, v));
                let class_and_id = ci.len();
                itemprop
                    .into_iter()
                    .chain(rel)
                    .for_each(|v| push_lower(&mut ci, v));
                if ci.is_empty() {
                    0
                } else {
                    class_marks(&ci, class_and_id, is_root)
                }
            });
            marks[n] = mark;

            if *tag == local_name!("meta") {
                let key = ["property", "name", "itemprop", "http-equiv"]
                    .iter()
                    .find_map(|k| el.attr(k));
                if let (Some(k), Some(v)) = (key, el.attr("content")) {
                    let v = collapse(&decode_entities(v));
                    // property="og:title twitter:title": one value under several keys
                    for k in k.split_whitespace().filter(|_| !v.is_empty()) {
                        tags.push((k.to_ascii_lowercase(), v.clone()));
                    }
                }
            } else if *tag == local_name!("script") {
                let is_ld = el
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if is_ld {
                    let src = dom.text_content(n);
                    if src.len() <= MAX_LD_BYTES {
                        // Every object up to the first fault: CMS templates leave a stray
                        // closing brace after the object, or write two objects in a row.
                        let values = serde_json::Deserializer::from_str(without_cdata(&src))
                            .into_iter::<Value>();
                        for v in values.map_while(Result::ok) {
                            flatten_ld(v, &mut ld, 0);
                        }
                    }
                }
            } else if let Some(p) = itemprop {
                for prop in p.split_whitespace() {
                    itemprops.push((prop.to_ascii_lowercase(), n));
                }
            }
        }
        let article = ld
            .iter()
            .position(is_article_type)
            .or_else(|| ld.iter().position(|v| v.get("headline").is_some()));
        let mut page = Page {
            dom,
            url: opts.url.clone(),
            tags,
            ld,
            article,
            itemprops,
            declared_language: None,
            ctx: DateContext::default(),
            marks,
        };
        page.declared_language = page.find_declared_language();
        page.ctx = DateContext {
            reference: opts
                .reference_time
                .as_deref()
                .and_then(|r| r.trim().parse().ok()),
            languages: page.declared_language.iter().cloned().collect(),
        };
        page
    }

    /// The first `<meta>` value under any of `keys`, in the order of `keys`.
    pub(super) fn tag(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| {
            self.tags
                .iter()
                .find(|(t, _)| t == k)
                .map(|(_, v)| v.clone())
        })
    }

    /// All `<meta>` values under `key`.
    pub(super) fn tags_all<'s>(&'s self, key: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.tags
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn article_ld(&self) -> Option<&Value> {
        self.article.and_then(|i| self.ld.get(i))
    }

    /// A string field of the article's JSON-LD.
    pub(super) fn ld_str(&self, key: &str) -> Option<String> {
        self.article_ld().and_then(|v| ld_text(v.get(key)?))
    }

    /// Inside code the reader never sees: scripts, styles, templates.
    pub(super) fn in_hidden(&self, n: NodeId) -> bool {
        self.marks[n] & HIDDEN != 0
    }

    /// Inside a comment thread.
    pub(super) fn in_comments(&self, n: NodeId) -> bool {
        self.marks[n] & COMMENTS != 0
    }

    /// Its class, id or itemprop names a date or a stamp ("date", "posted", "byline", ...),
    /// and not a comment.
    pub(super) fn date_class(&self, n: NodeId) -> bool {
        self.marks[n] & DATE_CLASS != 0
    }

    /// Its class, id or itemprop names a byline or an author, and not a comment.
    pub(super) fn byline_class(&self, n: NodeId) -> bool {
        self.marks[n] & BYLINE_CLASS != 0
    }

    /// Elements with this `itemprop` that are not inside comments.
    pub(super) fn itemprop_nodes<'s>(&'s self, prop: &'s str) -> impl Iterator<Item = NodeId> + 's {
        self.itemprops
            .iter()
            .filter(move |(p, _)| p == prop)
            .map(|&(_, n)| n)
            .filter(|&n| !self.in_comments(n))
    }

    fn find_declared_language(&self) -> Option<String> {
        let html_lang = self.dom.html().and_then(|h| {
            self.dom
                .attr(h, "lang")
                .or_else(|| self.dom.attr(h, "xml:lang"))
        });
        html_lang
            .map(str::to_string)
            .or_else(|| self.tag(&["content-language", "og:locale", "language", "dc.language"]))
            .or_else(|| self.ld_str("inLanguage"))
            .and_then(|l| iso_639_1(&l))
    }
}

/// Script text without the `<![CDATA[ ... ]]>` wrapper (and its `//` comment marks) that
/// XHTML-minded pages put around JSON-LD.
fn without_cdata(src: &str) -> &str {
    let s = src.trim();
    let s = s.strip_prefix("//").map_or(s, str::trim_start);
    let Some(inner) = s.strip_prefix("<![CDATA[") else {
        return s;
    };
    let inner = inner.trim_end();
    let inner = inner.strip_suffix("]]>").unwrap_or(inner).trim_end();
    inner.strip_suffix("//").unwrap_or(inner).trim()
}

/// "en-US", "pt_BR", "EN" → "en".
pub(super) fn iso_639_1(tag: &str) -> Option<String> {
    let code = tag
        .trim()
        .split(['-', '_', ',', ';'])
        .next()?
        .to_ascii_lowercase();
    (code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())).then_some(code)
}

fn flatten_ld(v: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(a) => a.into_iter().for_each(|x| flatten_ld(x, out, depth + 1)),
        Value::Object(mut o) => {
            if let Some(g) = o.remove("@graph") {
                flatten_ld(g, out, depth + 1);
            }
            // an article nested as the main entity of a WebPage
            if let Some(main) = o.get("mainEntity").filter(|m| is_article_type(m)) {
                out.push(main.clone());
            }
            out.push(Value::Object(o));
        }
        _ => {}
    }
}

pub(super) fn ld_types(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    }
}

fn is_article_type(v: &Value) -> bool {
    ld_types(v).iter().any(|t| {
        t.ends_with("Article")
            || matches!(
                *t,
                "BlogPosting" | "Report" | "LiveBlogPosting" | "SocialMediaPosting" | "Review"
            )
    })
}

/// A JSON-LD value as text: a string, the first string of a list, or an object's `name`.
pub(super) fn ld_text(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => collapse(&decode_entities(s)),
        Value::Array(a) => return a.iter().find_map(ld_text),
        Value::Object(o) => return o.get("name").and_then(ld_text),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// A lower-cased class or id token that names a comment thread (not merely a comment count
/// or a "comments-open" flag on the page).
fn names_comments(token: &str) -> bool {
    const NOT_THREADS: [&str; 14] = [
        "count", "link", "open", "closed", "number", "num", "icon", "button", "btn", "page",
        "enabled", "disabled", "allowed", "bubble",
    ];
    let t = token;
    if t.contains("disqus") || t == "respond" {
        return true;
    }
    let Some(i) = t.find("comment") else {
        return false;
    };
    // "has-comments", "post-comment-count": a flag or a counter, not the thread
    !NOT_THREADS.iter().any(|w| t[i..].contains(w)) && !t[..i].contains("has")
}

/// Words looked for in class names, found in one scan: the first eight name a date or a
/// stamp ("submitted": a CMS's "Submitted by … on …" line), then a byline ("byline" too),
/// then a comment thread.
const CLASS_WORDS: [&str; 12] = [
    "date",
    "time",
    "publish",
    "posted",
    "byline",
    "meta",
    "stamp",
    "submitted",
    "author",
    "comment",
    "disqus",
    "respond",
];
static CLASS_WORDS_FINDER: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(CLASS_WORDS).expect("class words build an automaton"));

/// The marks a lower-cased class string earns: [`COMMENTS`] when its first `class_and_id`
/// bytes (class and id) name a comment thread, [`DATE_CLASS`] and [`BYLINE_CLASS`] when it
/// names a date or a byline and no comment.
fn class_marks(ci: &str, class_and_id: usize, is_root: bool) -> u8 {
    let mut found = 0u16;
    for m in CLASS_WORDS_FINDER.find_overlapping_iter(ci) {
        found |= 1 << m.pattern().as_usize();
    }
    let has = |w: &str| {
        CLASS_WORDS
            .iter()
            .position(|c| *c == w)
            .is_some_and(|i| found & (1 << i) != 0)
    };
    let mut mark = 0;
    let thread_words = has("comment") || has("disqus") || has("respond");
    if thread_words && !is_root && ci[..class_and_id].split_whitespace().any(names_comments) {
        mark |= COMMENTS;
    }
    if has("comment") {
        return mark;
    }
    if found & 0b1111_1111 != 0 {
        mark |= DATE_CLASS;
    }
    // "byline", "author-name", "post-author"; not "authorization" or "authority-control"
    let byline = (has("byline") || has("author"))
        && ci.split_whitespace().any(|t| {
            t.contains("byline")
                || t.contains("author") && !t.contains("authoriz") && !t.contains("authorit")
        });
    if byline {
        mark |= BYLINE_CLASS;
    }
    mark
}

/// Visible text of a node with spaces where elements meet, so "Jane Doe</a><span>12 Oct"
/// does not read as "Jane Doe12 Oct". Stops after `max` bytes.
pub(super) fn spaced_text(dom: &Dom, id: NodeId, max: usize) -> String {
    let mut out = String::new();
    for n in std::iter::once(id).chain(dom.descendants(id)) {
        if out.len() > max {
            break;
        }
        if let Some(t) = dom.text(n) {
            if after_element(dom, n) && !t.starts_with(CLOSING_PUNCTUATION) {
                out.push(' ');
            }
            if !dom.ancestors(n).take(4).any(|a| {
                dom.tag(a)
                    .is_some_and(|t| matches!(*t, local_name!("script") | local_name!("style")))
            }) {
                out.push_str(t);
            }
        } else if dom.tag(n).is_some() {
            out.push(' ');
        }
    }
    collapse(&out)
}

/// Visible text that follows node `h` (or the whole page) in document order, up to `max`
/// bytes, one line per block, leaving out scripts and comment threads.
pub(super) fn text_after(page: &Page, h: Option<NodeId>, max: usize) -> String {
    let dom = page.dom;
    let mut out = String::new();
    let last_inside = h.map(|h| dom.descendants(h).last().unwrap_or(h));
    let mut started = last_inside.is_none();
    for n in dom.descendants(DOCUMENT) {
        if !started {
            started = Some(n) == last_inside;
            continue;
        }
        if let Some(t) = dom.text(n) {
            if page.in_hidden(n) || page.in_comments(n) {
                continue;
            }
            if after_element(dom, n) && !t.starts_with(CLOSING_PUNCTUATION) {
                out.push(' ');
            }
            out.push_str(t);
            if out.len() > max {
                break;
            }
        } else if let Some(tag) = dom.tag(n) {
            out.push(if tags::starts_line(tag) { '\n' } else { ' ' });
        }
    }
    // one line per block, so a label only reaches the date beside it
    let mut lines = String::with_capacity(out.len());
    for line in out
        .lines()
        .filter(|l| l.contains(|c: char| !c.is_whitespace()))
    {
        if !lines.is_empty() {
            lines.push('\n');
        }
        push_collapsed(&mut lines, line);
    }
    lines
}

/// Punctuation that clings to the word before it: "<em>Metroid</em>, One" reads
/// "Metroid, One". Not the full stop, which byline cleaning reads as a break
/// ("Jane Doe</span>. Reviewed by ...").
const CLOSING_PUNCTUATION: [char; 9] = [',', ';', ':', '!', '?', ')', ']', '”', '’'];

/// True when the node follows an element that has just closed ("<span>06</span>2018").
fn after_element(dom: &Dom, n: NodeId) -> bool {
    dom.node(n)
        .prev_sibling
        .is_some_and(|p| dom.tag(p).is_some())
}

/// The `href` of the page's first `<link rel="canonical">` (one `rel` token among others
/// counts), as written.
pub(super) fn canonical_href(dom: &Dom) -> Option<&str> {
    dom.descendants(DOCUMENT)
        .find(|&n| {
            dom.is_tag(n, &local_name!("link"))
                && dom.attr(n, "rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                })
        })
        .and_then(|n| dom.attr(n, "href"))
}

/// Class and id of a node, lower-cased, space-joined.
pub(super) fn class_id(dom: &Dom, n: NodeId) -> String {
    let mut s = String::new();
    for k in ["class", "id", "itemprop", "rel"] {
        if let Some(v) = dom.attr(n, k) {
            s.push_str(&v.to_ascii_lowercase());
            s.push(' ');
        }
    }
    s
}

/// Decodes the character references a value may still carry: JSON-LD is script text, which
/// HTML never decodes, and some sites escape meta values twice.
pub(super) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // a reference is short: look for its ';' among the next few characters only
        let end = rest
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Byte position of the first occurrence of `word` in `text` as a whole word.
pub(super) fn find_word(text: &str, word: &str) -> Option<usize> {
    word_starts(text, word).find(|&i| is_whole_word(text, i, word.len()))
}

/// Byte position of the last occurrence of `word` in `text` as a whole word.
pub(super) fn rfind_word(text: &str, word: &str) -> Option<usize> {
    word_starts(text, word)
        .rev()
        .find(|&i| is_whole_word(text, i, word.len()))
}

/// Where `word` (not empty) occurs in `text`. The texts are short, so the first byte's
/// positions are searched, which costs less than setting up a substring searcher. A match
/// always starts on a char boundary: a UTF-8 text starts with no continuation byte.
fn word_starts<'a>(text: &'a str, word: &'a str) -> impl DoubleEndedIterator<Item = usize> + 'a {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    w.first()
        .into_iter()
        .flat_map(move |&b| memchr::memchr_iter(b, t))
        .filter(move |&i| t[i..].starts_with(w))
}

pub(super) fn is_whole_word(text: &str, at: usize, len: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Resolves `href` against `base`: enough URL grammar for links in meta tags.
pub(super) fn resolve_url(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with("javascript:") || href.starts_with("data:") {
        return None;
    }
    if let Some((scheme, _)) = href.split_once("://") {
        if !scheme.is_empty() && scheme.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Some(href.to_string());
        }
    }
    let base = base?;
    let (scheme, rest) = base.split_once("://")?;
    if let Some(stripped) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{stripped}"));
    }
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..host_end]);
    if href.starts_with('/') {
        return Some(format!("{origin}{href}"));
    }
    let path = &rest[host_end..];
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    if href.starts_with('?') || href.starts_with('#') {
        return Some(format!("{origin}{path}{href}"));
    }
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let dir = if dir.is_empty() { "/" } else { dir };
    Some(format!("{origin}{dir}{href}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_words_only() {
        let text = "editor-at-large, editorial editor; é editor";
        assert_eq!(find_word(text, "editor"), Some(0));
        assert_eq!(rfind_word(text, "editor"), Some(text.len() - 6));
        assert_eq!(find_word("editorial", "editor"), None);
        assert_eq!(find_word("éditor", "ditor"), None);
        assert_eq!(find_word("«ditor»", "ditor"), Some(2));
        assert_eq!(find_word("anything", ""), None);
    }

    #[test]
    fn resolves_urls() {
        let base = Some("https://news.example/a/b/page.html?x=1");
        assert_eq!(
            resolve_url("/c", base).as_deref(),
            Some("https://news.example/c")
        );
        assert_eq!(
            resolve_url("d.html", base).as_deref(),
            Some("https://news.example/a/b/d.html")
        );
        assert_eq!(
            resolve_url("//cdn.example/i.jpg", base).as_deref(),
            Some("https://cdn.example/i.jpg")
        );
        assert_eq!(
            resolve_url("http://x.example/", base).as_deref(),
            Some("http://x.example/")
        );
        assert_eq!(resolve_url("/c", None), None);
    }

    #[test]
    fn decodes_leftover_entities() {
        assert_eq!(
            decode_entities("Tom &amp; Jerry&#8217;s &#x26; co &bogus; &"),
            "Tom & Jerry’s & co &bogus; &"
        );
    }

    #[test]
    fn decodes_next_to_wide_characters() {
        assert_eq!(decode_entities("& Hello》，凭借"), "& Hello》，凭借");
        assert_eq!(decode_entities("&#20973;借&amp"), "凭借&amp");
    }

    proptest::proptest! {
        #[test]
        fn entity_decoding_never_panics(s in "[&#x;a-z0-9》，凭 ]{0,40}") {
            let _ = decode_entities(&s);
        }
    }

    #[test]
    fn class_marks_name_dates_bylines_and_threads() {
        let marks = |ci: &str| class_marks(ci, ci.len(), false);
        assert_eq!(marks("entry-date published "), DATE_CLASS);
        assert_eq!(marks("post-author "), BYLINE_CLASS);
        assert_eq!(marks("byline "), DATE_CLASS | BYLINE_CLASS);
        assert_eq!(marks("submitted "), DATE_CLASS);
        assert_eq!(marks("authorization-form "), 0);
        assert_eq!(marks("authority-control "), 0);
        assert_eq!(marks("comment-list "), COMMENTS);
        // a comment counter is not a thread, and still no date or byline
        assert_eq!(marks("comment-count date "), 0);
        assert_eq!(marks("respond "), COMMENTS);
        // the page's own root is never a thread
        assert_eq!(class_marks("comments ", 9, true), 0);
    }

    #[test]
    fn json_ld_inside_cdata_is_read() {
        assert_eq!(
            without_cdata("\n <![CDATA[\n {\"a\":1}\n ]]>\n"),
            "{\"a\":1}"
        );
        assert_eq!(without_cdata("//<![CDATA[\n{}\n//]]>"), "{}");
        assert_eq!(without_cdata(" {} "), "{}");
    }

    #[test]
    fn punctuation_after_an_element_clings_to_it() {
        let (dom, _) = crate::dom::parse(
            "<h1><em>Metroid</em>, One Of <b>Gaming</b>’s <i>Richest</i> Universes</h1>",
            &crate::options::Limits::default(),
        );
        let h1 = dom.find_tag(&local_name!("h1")).expect("an h1");
        assert_eq!(
            spaced_text(&dom, h1, 200),
            "Metroid, One Of Gaming’s Richest Universes"
        );
    }

    #[test]
    fn language_tags() {
        assert_eq!(iso_639_1("en-US").as_deref(), Some("en"));
        assert_eq!(iso_639_1("pt_BR").as_deref(), Some("pt"));
        assert_eq!(iso_639_1("english"), None);
    }
}
