//! DOM → metadata: title, people, dates, site, language and the rest of the newsroom fields.
//!
//! This first version takes what JSON-LD, OpenGraph and `<title>`/`<h1>` plainly give.

use html5ever::local_name;
use serde_json::Value;

use crate::article::{Article, Person, Role};
use crate::dom::{Dom, NodeId, DOCUMENT};
use crate::options::Options;

/// What the page says about itself, before the body is chosen.
#[derive(Debug, Default)]
pub struct Metadata {
    /// Only the metadata fields are filled.
    pub fields: Article,
    /// JSON-LD `articleBody`, when the page carries one.
    pub article_body: Option<String>,
    /// The `<h1>` (or similar) that holds the headline, so the body can leave it out.
    pub headline_node: Option<NodeId>,
}

pub fn extract(dom: &Dom, opts: &Options) -> Metadata {
    let mut meta = Metadata::default();
    let tags = MetaTags::collect(dom);
    let ld = json_ld(dom);
    let f = &mut meta.fields;
    f.url = opts.url.clone();
    f.canonical_url = canonical(dom).or_else(|| tags.get("og:url"));
    f.site_name = tags
        .get("og:site_name")
        .or_else(|| ld_str(&ld, &["publisher", "name"]));
    let raw_title = ld_str(&ld, &["headline"])
        .or_else(|| tags.get("og:title"))
        .or_else(|| tags.get("twitter:title"))
        .or_else(|| {
            dom.find_tag(&local_name!("title"))
                .map(|t| collapse(&dom.text_content(t)))
        });
    meta.headline_node = find_headline(dom, raw_title.as_deref());
    f.title = match (meta.headline_node, raw_title) {
        (Some(h), _) => Some(collapse(&dom.text_content(h))),
        (None, Some(t)) => Some(strip_site_affix(&t, f.site_name.as_deref())),
        (None, None) => None,
    }
    .filter(|t| !t.is_empty());
    f.description = tags
        .get("og:description")
        .or_else(|| tags.get("description"));
    f.published = ld_str(&ld, &["datePublished"])
        .or_else(|| tags.get("article:published_time"))
        .or_else(|| tags.get("date"));
    f.modified = ld_str(&ld, &["dateModified"]).or_else(|| tags.get("article:modified_time"));
    let author = ld_author(&ld).or_else(|| tags.get("author"));
    if let Some(a) = author {
        f.authors = a
            .split([',', ';', '&'])
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| Person {
                name: n.to_string(),
                role: Role::Author,
            })
            .collect();
    }
    f.language = dom
        .html()
        .and_then(|h| dom.attr(h, "lang"))
        .map(|l| l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase())
        .filter(|l| l.len() == 2);
    meta.article_body = ld_str(&ld, &["articleBody"]);
    meta
}

/// Copies the metadata fields into the article.
pub fn apply(meta: Metadata, article: &mut Article) {
    let f = meta.fields;
    article.url = article.url.take().or(f.url);
    article.canonical_url = f.canonical_url;
    article.title = f.title;
    article.authors = f.authors;
    article.site_name = f.site_name;
    article.published = f.published;
    article.modified = f.modified;
    article.language = f.language;
    article.description = f.description;
    article.image = f.image;
    article.section = f.section;
    article.tags = f.tags;
    article.provenance = f.provenance;
}

/// `<meta name|property=... content=...>` pairs, keys lower-cased.
struct MetaTags(Vec<(String, String)>);

impl MetaTags {
    fn collect(dom: &Dom) -> Self {
        let mut pairs = Vec::new();
        for n in dom.descendants(DOCUMENT) {
            if !dom.is_tag(n, &local_name!("meta")) {
                continue;
            }
            let key = dom
                .attr(n, "property")
                .or_else(|| dom.attr(n, "name"))
                .or_else(|| dom.attr(n, "itemprop"));
            if let (Some(k), Some(v)) = (key, dom.attr(n, "content")) {
                let v = collapse(v);
                if !v.is_empty() {
                    pairs.push((k.to_ascii_lowercase(), v));
                }
            }
        }
        MetaTags(pairs)
    }

    fn get(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }
}

fn canonical(dom: &Dom) -> Option<String> {
    dom.descendants(DOCUMENT)
        .find(|&n| dom.is_tag(n, &local_name!("link")) && dom.attr(n, "rel") == Some("canonical"))
        .and_then(|n| dom.attr(n, "href"))
        .map(str::to_string)
}

/// The first JSON-LD object that describes an article (or any object, failing that).
fn json_ld(dom: &Dom) -> Value {
    let mut fallback = Value::Null;
    for n in dom.descendants(DOCUMENT) {
        if !dom.is_tag(n, &local_name!("script"))
            || dom.attr(n, "type") != Some("application/ld+json")
        {
            continue;
        }
        let Ok(v) = serde_json::from_str::<Value>(&dom.text_content(n)) else {
            continue;
        };
        let mut items = Vec::new();
        flatten_ld(v, &mut items);
        for item in items {
            if is_article_type(&item) {
                return item;
            }
            if fallback.is_null() {
                fallback = item;
            }
        }
    }
    fallback
}

fn flatten_ld(v: Value, out: &mut Vec<Value>) {
    match v {
        Value::Array(a) => a.into_iter().for_each(|x| flatten_ld(x, out)),
        Value::Object(mut o) => {
            if let Some(g) = o.remove("@graph") {
                flatten_ld(g, out);
            }
            out.push(Value::Object(o));
        }
        _ => {}
    }
}

fn is_article_type(v: &Value) -> bool {
    let t = |s: &str| s.ends_with("Article") || s == "BlogPosting" || s == "Report";
    match v.get("@type") {
        Some(Value::String(s)) => t(s),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).any(t),
        _ => false,
    }
}

fn ld_str(v: &Value, path: &[&str]) -> Option<String> {
    let mut cur = v;
    for p in path {
        cur = match cur {
            Value::Array(a) => a.first()?.get(p)?,
            _ => cur.get(p)?,
        };
    }
    match cur {
        Value::String(s) => Some(collapse(s)).filter(|s| !s.is_empty()),
        Value::Array(a) => a.first().and_then(Value::as_str).map(collapse),
        _ => None,
    }
}

fn ld_author(v: &Value) -> Option<String> {
    let names: Vec<String> = match v.get("author")? {
        Value::String(s) => vec![s.clone()],
        Value::Object(o) => o
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_string)
            .into_iter()
            .collect(),
        Value::Array(a) => a
            .iter()
            .filter_map(|x| match x {
                Value::String(s) => Some(s.clone()),
                _ => x.get("name").and_then(Value::as_str).map(str::to_string),
            })
            .collect(),
        _ => vec![],
    };
    let joined = names
        .iter()
        .map(|n| collapse(n))
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    (!joined.is_empty()).then_some(joined)
}

/// The `<h1>` whose text matches the declared title, or the only `<h1>` of the page.
fn find_headline(dom: &Dom, title: Option<&str>) -> Option<NodeId> {
    let h1s: Vec<NodeId> = dom
        .descendants(DOCUMENT)
        .filter(|&n| dom.is_tag(n, &local_name!("h1")))
        .collect();
    if let Some(t) = title {
        let t = normalise(t);
        if let Some(&h) = h1s.iter().find(|&&h| {
            let ht = normalise(&dom.text_content(h));
            !ht.is_empty() && (t.contains(&ht) || ht.contains(&t))
        }) {
            return Some(h);
        }
    }
    (h1s.len() == 1 && !collapse(&dom.text_content(h1s[0])).is_empty()).then(|| h1s[0])
}

/// Removes " | Site" style suffixes and "Site - " prefixes from a `<title>`.
pub fn strip_site_affix(title: &str, site: Option<&str>) -> String {
    const SEPARATORS: [&str; 6] = [" | ", " - ", " – ", " — ", " :: ", " · "];
    let mut t = title.trim().to_string();
    for sep in SEPARATORS {
        if let Some((head, tail)) = t.rsplit_once(sep) {
            let is_site = site.is_some_and(|s| normalise(tail).contains(&normalise(s)))
                || tail.split_whitespace().count() <= 3
                    && head.split_whitespace().count() > tail.split_whitespace().count();
            if is_site {
                t = head.trim().to_string();
                break;
            }
        }
        if let (Some(s), Some((head, tail))) = (site, t.split_once(sep)) {
            if normalise(head) == normalise(s) {
                t = tail.trim().to_string();
                break;
            }
        }
    }
    t
}

pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn normalise(s: &str) -> String {
    collapse(s).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_site_suffix() {
        assert_eq!(
            strip_site_affix("Big news today | Daily Planet", Some("Daily Planet")),
            "Big news today"
        );
        assert_eq!(
            strip_site_affix("Daily Planet - Big news today", Some("Daily Planet")),
            "Big news today"
        );
        assert_eq!(
            strip_site_affix("Big news about the city today - Planet", None),
            "Big news about the city today"
        );
    }
}
