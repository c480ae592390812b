//! Stage 3: DOM → cleaned tree.
//!
//! Marks the subtrees that cannot be article text: non-content elements (scripts, forms,
//! navigation), hidden elements, and containers whose class or id names page furniture. The DOM
//! itself is not changed; later stages consult [`Cleaned::is_removed`].
//!
//! Furniture names are matched against the words of a class or id (split on `-`, `_`, spaces
//! and camelCase), so that `related-posts` and `relatedPosts` match but `unrelated` does not.
//! A furniture-named container that holds most of the page's text is kept regardless: sites
//! name their outer wrappers after sidebars and headers surprisingly often.

use html5ever::{local_name, LocalName};

use crate::dom::{Dom, NodeData, NodeId, DOCUMENT};

/// Why a subtree was marked out (shown by explain output and tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// An element that never holds article text (`script`, `nav`, `form` controls...).
    NonContentTag,
    /// Hidden by the `hidden` attribute, `aria-hidden` or an inline style.
    Hidden,
    /// A `header`, `footer` or `aside` outside the main text.
    PageFrame,
    /// A class or id names furniture; carries the furniture word that matched.
    FurnitureName(&'static str),
}

pub struct Cleaned {
    removed: Vec<Option<Reason>>,
}

impl Cleaned {
    /// True when `id` itself was marked out (its descendants are then out too, but are not
    /// marked individually: walkers skip the whole subtree).
    pub fn is_removed(&self, id: NodeId) -> bool {
        self.removed.get(id).is_some_and(Option::is_some)
    }

    pub fn reason(&self, id: NodeId) -> Option<Reason> {
        self.removed.get(id).copied().flatten()
    }
}

/// Elements whose content is never article text.
const NON_CONTENT_TAGS: &[LocalName] = &[
    local_name!("script"),
    local_name!("style"),
    local_name!("noscript"),
    local_name!("template"),
    local_name!("svg"),
    local_name!("math"),
    local_name!("iframe"),
    local_name!("object"),
    local_name!("embed"),
    local_name!("canvas"),
    local_name!("audio"),
    local_name!("video"),
    local_name!("map"),
    local_name!("input"),
    local_name!("select"),
    local_name!("option"),
    local_name!("button"),
    local_name!("textarea"),
    local_name!("datalist"),
    local_name!("label"),
    local_name!("nav"),
    local_name!("dialog"),
    local_name!("head"),
    local_name!("menu"),
];

/// Words in class/id names that mark furniture. Matched as whole words of the name.
const FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adsbygoogle",
    "advert",
    "advertisement",
    "advertising",
    "affiliate",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "comment",
    "comments",
    "consent",
    "cookie",
    "cookies",
    "disqus",
    "dropdown",
    "gdpr",
    "masthead",
    "menu",
    "modal",
    "navbar",
    "navigation",
    "newsletter",
    "outbrain",
    "pagination",
    "paywall",
    "popup",
    "promo",
    "recommended",
    "related",
    "share",
    "sharing",
    "sidebar",
    "skip",
    "social",
    "sponsor",
    "sponsored",
    "subscribe",
    "subscription",
    "taboola",
    "toolbar",
    "trending",
    "widget",
];

/// Whole class names (not words) that mark furniture or visually hidden text.
const FURNITURE_NAMES: &[&str] = &[
    "sr-only",
    "screen-reader-text",
    "visually-hidden",
    "visuallyhidden",
    "hidden",
    "hide",
    "d-none",
    "most-popular",
    "most-read",
    "read-more",
    "readmore",
    "author-bio",
    "author-box",
    "post-tags",
    "tag-list",
    "tags",
    "site-header",
    "site-footer",
    "page-header",
    "page-footer",
];

/// A furniture-named or frame element holding at least this share of the page's text is kept.
const WRAPPER_TEXT_SHARE: f32 = 0.5;

pub fn clean(dom: &Dom) -> Cleaned {
    let mut removed = vec![None; dom.nodes.len()];
    let text_len = text_lengths(dom);
    let page_text = text_len[DOCUMENT].max(1) as f32;
    let mut stack = vec![DOCUMENT];
    while let Some(id) = stack.pop() {
        if let Some(reason) = judge(dom, id, text_len[id] as f32 / page_text) {
            removed[id] = Some(reason);
            continue;
        }
        stack.extend(dom.children(id));
    }
    Cleaned { removed }
}

/// Non-whitespace characters of text below each node.
pub(crate) fn text_lengths(dom: &Dom) -> Vec<usize> {
    let mut len = vec![0usize; dom.nodes.len()];
    // Children always come after their parents in the arena except after reparenting, so
    // accumulate in post-order explicitly.
    for id in post_order(dom, DOCUMENT) {
        let own = match &dom.nodes[id].data {
            NodeData::Text(t) => t.chars().filter(|c| !c.is_whitespace()).count(),
            NodeData::Element(_) if is_non_content(dom, id) => 0,
            _ => dom.children(id).map(|c| len[c]).sum(),
        };
        len[id] = own;
    }
    len
}

/// Nodes below and including `root`, children before parents.
pub(crate) fn post_order(dom: &Dom, root: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut stack = vec![(root, false)];
    while let Some((id, expanded)) = stack.pop() {
        if expanded {
            out.push(id);
        } else {
            stack.push((id, true));
            let children: Vec<NodeId> = dom.children(id).collect();
            stack.extend(children.into_iter().rev().map(|c| (c, false)));
        }
    }
    out
}

fn is_non_content(dom: &Dom, id: NodeId) -> bool {
    dom.tag(id).is_some_and(|t| NON_CONTENT_TAGS.contains(t))
}

fn judge(dom: &Dom, id: NodeId, text_share: f32) -> Option<Reason> {
    let el = dom.element(id)?;
    let tag = &el.name.local;
    if NON_CONTENT_TAGS.contains(tag) {
        return Some(Reason::NonContentTag);
    }
    if *tag == local_name!("body") || *tag == local_name!("html") {
        return None;
    }
    let is_wrapper = text_share >= WRAPPER_TEXT_SHARE;
    if is_hidden(el.attr("hidden"), el.attr("aria-hidden"), el.attr("style")) && !is_wrapper {
        return Some(Reason::Hidden);
    }
    if is_wrapper {
        return None;
    }
    if matches!(
        *tag,
        local_name!("header") | local_name!("footer") | local_name!("aside")
    ) {
        return Some(Reason::PageFrame);
    }
    let role = el.attr("role").unwrap_or("");
    if matches!(
        role,
        "navigation" | "banner" | "contentinfo" | "complementary" | "search" | "dialog" | "menu"
    ) {
        return Some(Reason::PageFrame);
    }
    for name in [el.attr("class"), el.attr("id")].into_iter().flatten() {
        if let Some(word) = furniture_word(name) {
            return Some(Reason::FurnitureName(word));
        }
    }
    None
}

fn is_hidden(hidden: Option<&str>, aria_hidden: Option<&str>, style: Option<&str>) -> bool {
    if hidden.is_some() || aria_hidden == Some("true") {
        return true;
    }
    style.is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// The furniture word or name a class/id attribute carries, if any.
pub(crate) fn furniture_word(attr: &str) -> Option<&'static str> {
    for class in attr.split_ascii_whitespace() {
        let lower = class.to_ascii_lowercase();
        if let Some(n) = FURNITURE_NAMES.iter().find(|n| **n == lower) {
            return Some(n);
        }
        for word in name_words(class) {
            if let Some(w) = FURNITURE_WORDS.iter().find(|w| **w == word) {
                return Some(w);
            }
        }
    }
    None
}

/// Splits a class or id into lower-case words: on `-`, `_`, `:` and camelCase humps.
pub(crate) fn name_words(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(['-', '_', ':', '.', '/'])
        .flat_map(split_camel)
        .filter(|w| !w.is_empty())
}

fn split_camel(part: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in part.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            words.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        cur.push(c.to_ascii_lowercase());
    }
    words.push(cur);
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;
    use crate::options::Limits;

    fn removed_texts(html: &str) -> Vec<String> {
        let (dom, _) = parse(html, &Limits::default());
        let cleaned = clean(&dom);
        dom.descendants(DOCUMENT)
            .filter(|&n| cleaned.is_removed(n))
            .map(|n| dom.text_content(n).trim().to_string())
            .filter(|t| !t.is_empty())
            .collect()
    }

    const BODY: &str = "<p>A long paragraph of article text that makes up most of the page, \
        long enough to dominate the share of text so that wrappers are recognised.</p>";

    #[test]
    fn furniture_names_match_whole_words() {
        assert_eq!(furniture_word("related-posts"), Some("related"));
        assert_eq!(furniture_word("relatedPosts box"), Some("related"));
        assert_eq!(furniture_word("unrelated"), None);
        assert_eq!(furniture_word("shareholders"), None);
        assert_eq!(furniture_word("article-body"), None);
        assert_eq!(furniture_word("sr-only"), Some("sr-only"));
    }

    #[test]
    fn removes_furniture_but_keeps_the_wrapper() {
        let html = format!(
            "<div class='layout-with-sidebar'>{BODY}<div class='share-bar'>Share</div>\
             <aside>Popular</aside><p hidden>secret</p><script>var x</script></div>"
        );
        let removed = removed_texts(&html);
        assert_eq!(removed, vec!["Share", "Popular", "secret", "var x"]);
    }

    #[test]
    fn hidden_by_inline_style() {
        let html = format!("{BODY}<div style='display: none'>gone</div>");
        assert_eq!(removed_texts(&html), vec!["gone"]);
    }
}
