//! The links a crawler follows out of a page: the canonical URL, the feeds it announces, the
//! next page of a listing, a listing's headline links and the site's navigation. Hrefs are
//! returned as written (the caller resolves them against the page's URL); which of them to
//! follow is decided by the page's type, which [`crate::extract`] reports.

use html5ever::local_name;

use crate::dom::{self, Dom, NodeId, DOCUMENT};
use crate::options::Limits;
use crate::select::knobs::TEASER_MIN_CHARS;

/// The links of one page that lead a crawler on, as written in the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PageLinks {
    /// `<link rel="canonical">`.
    pub canonical: Option<String>,
    /// `<link rel="alternate">` to an RSS, Atom or JSON feed.
    pub feeds: Vec<String>,
    /// `rel="next"` on a `<link>` or `<a>`: the listing's next page.
    pub next: Option<String>,
    /// Links whose text is as long as a headline, outside navigation, header and footer: on a
    /// listing, the stories it lists.
    pub headlines: Vec<String>,
    /// Links inside `<nav>`: the site's sections.
    pub navigation: Vec<String>,
    /// Links that name a page of a listing by number (`?page=3`, `/page/3/`), wherever they
    /// are: the pagination of a listing without `rel="next"`.
    pub pages: Vec<String>,
}

const FEED_TYPES: [&str; 4] = [
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
];

/// Reads the links of an HTML page from its bytes, decoded as [`crate::extract`] decodes them
/// (BOM, the HTTP charset when given, `<meta>`, detection).
pub fn page_links(input: &[u8], http_charset: Option<&str>, limits: &Limits) -> PageLinks {
    let input = &input[..input.len().min(limits.max_input_bytes)];
    let html = crate::decode::decode(input, http_charset).text;
    let (dom, _) = dom::parse_with_navigation(&html, limits);
    let mut links = PageLinks::default();
    for id in dom.descendants(DOCUMENT) {
        let Some(tag) = dom.tag(id) else { continue };
        let rel = dom.attr(id, "rel").unwrap_or_default().to_ascii_lowercase();
        let has_rel = |word: &str| rel.split_ascii_whitespace().any(|r| r == word);
        let Some(href) = dom
            .attr(id, "href")
            .map(str::trim)
            .filter(|h| !h.is_empty())
        else {
            continue;
        };
        match *tag {
            local_name!("link") => {
                if has_rel("canonical") {
                    links.canonical.get_or_insert_with(|| href.to_string());
                } else if has_rel("next") {
                    links.next.get_or_insert_with(|| href.to_string());
                } else if has_rel("alternate") {
                    let kind = dom
                        .attr(id, "type")
                        .unwrap_or_default()
                        .to_ascii_lowercase();
                    if FEED_TYPES.contains(&kind.trim()) {
                        links.feeds.push(href.to_string());
                    }
                }
            }
            local_name!("a") => {
                if has_rel("next") {
                    links.next.get_or_insert_with(|| href.to_string());
                } else if names_a_page(href) {
                    links.pages.push(href.to_string());
                } else if within(&dom, id, &[local_name!("nav")]) {
                    links.navigation.push(href.to_string());
                } else if !within(
                    &dom,
                    id,
                    &[
                        local_name!("header"),
                        local_name!("footer"),
                        local_name!("aside"),
                    ],
                ) && headline_length(&dom.text_content(id))
                {
                    links.headlines.push(href.to_string());
                }
            }
            _ => {}
        }
    }
    links
}

/// `page=N` in the query or a `/page/N` path segment.
fn names_a_page(href: &str) -> bool {
    let digit_after = |marker: &str| {
        href.match_indices(marker).any(|(at, _)| {
            href[at + marker.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
        })
    };
    digit_after("?page=") || digit_after("&page=") || digit_after("/page/")
}

fn within(dom: &Dom, id: NodeId, tags: &[html5ever::LocalName]) -> bool {
    dom.ancestors(id)
        .any(|a| dom.tag(a).is_some_and(|t| tags.contains(t)))
}

/// A headline, not a menu label or a "read more".
fn headline_length(text: &str) -> bool {
    text.split_whitespace()
        .map(|w| w.chars().count() + 1)
        .sum::<usize>()
        > TEASER_MIN_CHARS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_canonical_feeds_next_headlines_and_navigation() {
        let html = r#"<html><head><link rel="canonical" href="/a">
            <link rel="alternate" type="application/rss+xml" href="/rss.xml">
            <link rel="alternate" hreflang="en" href="/en/"></head><body>
            <header><a href="/">Home</a><nav><a href="/politik/">Politik</a></nav></header>
            <div><h3><a href="/politik/menteri-baru-dilantik.html">Menteri baru dilantik di istana negara pagi ini</a></h3>
            <a href="/politik/menteri-baru-dilantik.html">Baca selengkapnya</a></div>
            <a rel="next" href="?page=2">Berikutnya</a>
            <div class="pages"><a href="?page=3">3</a> <a href="/politik/page/4/">4</a> <a href="/homepage/">x</a></div>
            <footer><a href="/tentang">Tentang kami dan pedoman media siber yang kami ikuti</a></footer>
            </body></html>"#;
        let links = page_links(html.as_bytes(), None, &Limits::default());
        assert_eq!(links.canonical.as_deref(), Some("/a"));
        assert_eq!(links.feeds, ["/rss.xml"]);
        assert_eq!(links.next.as_deref(), Some("?page=2"));
        assert_eq!(links.headlines, ["/politik/menteri-baru-dilantik.html"]);
        assert_eq!(links.navigation, ["/politik/"]);
        assert_eq!(links.pages, ["?page=3", "/politik/page/4/"]);
    }
}
