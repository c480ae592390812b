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

use std::borrow::Cow;

use html5ever::local_name;

use crate::dom::{Dom, NodeData, NodeId, DOCUMENT};
use crate::tags;

/// Why a subtree was marked out (shown by explain output and tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reason {
    /// An element that never holds article text (`script`, `nav`, `form` controls...).
    NonContentTag,
    /// Hidden by the `hidden` attribute, `aria-hidden` or an inline style.
    Hidden,
    /// A `header`, `footer` or `aside` outside the main text.
    PageFrame,
    /// A class or id names furniture; carries the furniture word that matched.
    FurnitureName(&'static str),
}

pub(crate) struct Cleaned {
    removed: Vec<Option<Reason>>,
}

impl Cleaned {
    /// True when `id` itself was marked out (its descendants are then out too, but are not
    /// marked individually: walkers skip the whole subtree).
    pub(crate) fn is_removed(&self, id: NodeId) -> bool {
        self.removed.get(id).is_some_and(Option::is_some)
    }

    pub(crate) fn reason(&self, id: NodeId) -> Option<Reason> {
        self.removed.get(id).copied().flatten()
    }
}

/// Words in class/id names that always mark furniture, even around much text: overlays,
/// consent boxes and ad slots are never the article.
const STRONG_FURNITURE_WORDS: &[&str] = &[
    "modal",
    "popup",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "newsletter",
    "disqus",
    "outbrain",
    "taboola",
    "pagination",
    "breadcrumb",
    "breadcrumbs",
    "advert",
    "advertisement",
    "advertising",
    "adsbygoogle",
];

/// The strong words that name overlays drawn over the page.
const OVERLAY_WORDS: &[&str] = &["modal", "popup", "cookie", "cookies", "consent", "gdpr"];

/// Whole class names that hide their content from readers.
const HIDING_NAMES: &[&str] = &[
    "sr-only",
    "screen-reader-text",
    "visually-hidden",
    "visuallyhidden",
    "hidden",
    "hide",
    "d-none",
];

/// Words in class/id names that mark furniture. Matched as whole words of the name.
const FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "affiliate",
    "banner",
    "comment",
    "comments",
    "dropdown",
    "masthead",
    "menu",
    "navbar",
    "navigation",
    "promo",
    "recommended",
    "related",
    "share",
    "sharing",
    "sidebar",
    "social",
    "sponsor",
    "sponsored",
    "subscribe",
    "subscription",
    "toolbar",
    "trending",
];

/// Words that make a name speak of embedded content, which the weak furniture words beside
/// them (social, share) do not turn into furniture.
const EMBED_WORDS: &[&str] = &["embed", "embedded", "embeds"];

/// A word beside one weak furniture word that makes the name speak of content:
/// "accordion-item__dropdown" is the panel an accordion opens, not a menu; "hero-banner" is
/// the page's own opening panel, not an ad; "faq_tabs-menu" holds a FAQ's questions and
/// answers.
const CONTENT_BESIDE: &[(&str, &str)] = &[
    ("accordion", "dropdown"),
    ("hero", "banner"),
    ("faq", "menu"),
    ("faq", "dropdown"),
];

/// Whether the words of a name keep its weak furniture word `furniture` from making it
/// furniture.
fn names_content_beside(words: &[Cow<'_, str>], furniture: &str) -> bool {
    words.iter().any(|w| {
        EMBED_WORDS.contains(&&**w)
            || CONTENT_BESIDE
                .iter()
                .any(|(content, weak)| *weak == furniture && w == content)
    })
}

/// Whole class names (not words) that mark furniture or visually hidden text.
const FURNITURE_NAMES: &[&str] = &[
    "most-popular",
    "most-read",
    "read-more",
    "readmore",
    "more-news",
    "more-stories",
    "more-posts",
    "more-articles",
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
/// ... and so is one holding this share of the page's prose, when that is more than a blurb.
const WRAPPER_PROSE_SHARE: f32 = 0.4;
const WRAPPER_PROSE_CHARS: u32 = 400;
/// Share of the page's prose above which a hidden element is kept (see `is_hidden_wrapper`).
const HIDDEN_WRAPPER_PROSE_SHARE: f32 = 0.6;
/// A comment section is the page's content (a forum thread) only when there is next to no
/// prose outside it; otherwise it follows an article and goes.
const THREAD_MAX_PROSE_OUTSIDE: u32 = 600;
/// A page that declares itself an article yet has less prose than this outside its comment
/// section is a discussion of a link (an aggregator's thread): the comments are its content.
const ARTICLE_MIN_PROSE_OUTSIDE: u32 = 150;

/// What the page says about itself that cleaning needs.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Hints {
    /// The page declares itself an article or blog post: a comment thread on it is never the
    /// content, however short the article.
    pub declares_article: bool,
    /// The page declares itself a product: its customer reviews are not the content.
    pub declares_product: bool,
    /// The page is one product's own page (a JSON-LD product named by its headline).
    pub main_product: bool,
}

impl Hints {
    /// Neither an article nor a product: a landing page, a service's or a forum's.
    fn declares_nothing(&self) -> bool {
        !(self.declares_article || self.declares_product || self.main_product)
    }
}

pub(crate) fn clean(dom: &Dom, hints: Hints) -> Cleaned {
    let mut removed = vec![None; dom.nodes.len()];
    let stats = TextStats::new(dom);
    let page_text = stats.text[DOCUMENT].max(1) as f32;
    let page_prose = stats.prose[DOCUMENT].max(1) as f32;
    // Each entry carries whether it lies in a comment thread that was kept because it is the
    // page's main text (a forum thread): its posts are then content, not comments.
    // ... and whether it lies in an element named after a forum, a thread or a topic: a
    // comment section there is the discussion the page is about.
    let mut names = NameCache::default();
    let mut stack = vec![(DOCUMENT, false, false)];
    while let Some((id, in_thread, in_forum)) = stack.pop() {
        let talk = dom
            .element(id)
            .map_or(Discussion::default(), |el| names.discussion(el));
        let share = Share {
            text: stats.text[id] as f32 / page_text,
            prose: stats.prose[id] as f32 / page_prose,
            prose_chars: stats.prose[id],
            prose_outside: stats.prose[DOCUMENT] - stats.prose[id],
        };
        let place = Place {
            in_thread,
            in_forum: in_forum || talk.forum == ForumName::Forum,
            names_comments: talk.comments,
        };
        if let Some(reason) = judge(dom, id, share, place, hints, &mut names) {
            removed[id] = Some(reason);
            continue;
        }
        let in_thread = in_thread || talk.comments;
        let in_forum = in_forum || talk.forum != ForumName::None;
        stack.extend(dom.children(id).map(|c| (c, in_thread, in_forum)));
    }
    Cleaned { removed }
}

/// How much text, and how much prose, lies below each node.
struct TextStats {
    /// Non-whitespace characters of all text.
    text: Vec<u32>,
    /// Non-whitespace characters of prose: text runs long enough to be sentences, outside
    /// links. Sidebars and menus have text but little prose; article wrappers have most of it.
    prose: Vec<u32>,
}

/// A text node at least this long (non-whitespace chars), outside a link, counts as prose.
const PROSE_RUN_CHARS: u32 = 80;

/// URLs, hashes, base64 and escaped markup come as long unbroken ASCII tokens; prose does not
/// (scripts without spaces, such as Chinese, are not ASCII).
fn has_machine_token(text: &str) -> bool {
    text.split_whitespace()
        .any(|w| w.len() > MAX_PROSE_TOKEN_BYTES && w.is_ascii())
}

const MAX_PROSE_TOKEN_BYTES: usize = 45;

impl TextStats {
    fn new(dom: &Dom) -> Self {
        let mut stats = TextStats {
            text: vec![0; dom.nodes.len()],
            prose: vec![0; dom.nodes.len()],
        };
        stats.visit(dom, DOCUMENT, false);
        stats
    }

    /// Depth is bounded by the parser's depth limit, so recursion is safe here.
    fn visit(&mut self, dom: &Dom, id: NodeId, in_link: bool) -> (u32, u32) {
        let (text, prose) = match &dom.nodes[id].data {
            NodeData::Text(t) => {
                let n = if t.is_ascii() {
                    // `char::is_whitespace` also counts the vertical tab
                    t.bytes()
                        .filter(|&b| !b.is_ascii_whitespace() && b != 0x0B)
                        .count()
                } else {
                    t.chars().filter(|c| !c.is_whitespace()).count()
                } as u32;
                (
                    n,
                    if !in_link && n >= PROSE_RUN_CHARS && !has_machine_token(t) {
                        n
                    } else {
                        0
                    },
                )
            }
            NodeData::Element(_) if is_non_content(dom, id) => (0, 0),
            _ => {
                let in_link = in_link || dom.is_tag(id, &local_name!("a"));
                dom.children(id).fold((0, 0), |acc, c| {
                    let (t, p) = self.visit(dom, c, in_link);
                    (acc.0 + t, acc.1 + p)
                })
            }
        };
        self.text[id] = text;
        self.prose[id] = prose;
        (text, prose)
    }
}

fn is_non_content(dom: &Dom, id: NodeId) -> bool {
    dom.tag(id).is_some_and(tags::is_never_content)
}

/// An element's part of the page's text and prose.
struct Share {
    text: f32,
    prose: f32,
    prose_chars: u32,
    /// Prose elsewhere on the page.
    prose_outside: u32,
}

impl Share {
    /// A hidden element is still the article when it holds most of the page's prose: pages
    /// that reveal their body by script. Hidden copies of the article (schema.org blocks,
    /// print versions) hold at most half of it, the visible copy holding the rest.
    fn is_hidden_wrapper(&self) -> bool {
        self.text >= WRAPPER_TEXT_SHARE || self.prose >= HIDDEN_WRAPPER_PROSE_SHARE
    }

    /// Holds so much of the page's text or prose that it must wrap the article.
    fn is_wrapper(&self) -> bool {
        self.text >= WRAPPER_TEXT_SHARE
            || self.prose >= WRAPPER_PROSE_SHARE && self.prose_chars >= WRAPPER_PROSE_CHARS
    }
}

/// Where an element stands with respect to discussions.
#[derive(Clone, Copy)]
struct Place {
    /// Inside a comment section kept as the page's content.
    in_thread: bool,
    /// Inside an element named after a forum, thread or topic, or itself named after a
    /// forum or topic.
    in_forum: bool,
    /// The element's own class or id names a comment section.
    names_comments: bool,
}

/// What an element's class and id say of discussions.
#[derive(Clone, Copy, Default)]
struct Discussion {
    /// A comment section (judged before the wrapper guard, because its text is prose).
    comments: bool,
    forum: ForumName,
}

/// Pages repeat the same class attributes many times; each distinct one is judged once.
#[derive(Default)]
struct NameCache<'a> {
    furniture: foldhash::HashMap<&'a str, Option<(&'static str, bool)>>,
    discussions: foldhash::HashMap<&'a str, Discussion>,
}

impl<'a> NameCache<'a> {
    fn furniture(&mut self, attr: &'a str) -> Option<(&'static str, bool)> {
        *self
            .furniture
            .entry(attr)
            .or_insert_with(|| furniture_name(attr))
    }

    /// Comment sections, and elements named after a forum, a thread or a topic (a forum's
    /// page body, its topic view), whose comments are the posts the page exists for. Each
    /// element asks once, for both.
    fn discussion(&mut self, el: &'a crate::dom::Element) -> Discussion {
        [el.attr("class"), el.attr("id")]
            .into_iter()
            .flatten()
            .map(|a| {
                *self.discussions.entry(a).or_insert_with(|| Discussion {
                    comments: names_comment_section(a),
                    forum: forum_name(a),
                })
            })
            .fold(Discussion::default(), |all, one| Discussion {
                comments: all.comments || one.comments,
                forum: all.forum.max(one.forum),
            })
    }
}

fn judge<'a>(
    dom: &'a Dom,
    id: NodeId,
    share: Share,
    place: Place,
    hints: Hints,
    names: &mut NameCache<'a>,
) -> Option<Reason> {
    let el = dom.element(id)?;
    let tag = &el.name.local;
    if tags::is_never_content(tag) && !is_heading_toggle(dom, id) {
        return Some(Reason::NonContentTag);
    }
    if *tag == local_name!("body") || *tag == local_name!("html") {
        return None;
    }
    let is_wrapper = share.is_wrapper();
    if el
        .attr("aria-modal")
        .is_some_and(|m| m.eq_ignore_ascii_case("true"))
        || el.attr("role").is_some_and(|r| {
            r.eq_ignore_ascii_case("dialog") || r.eq_ignore_ascii_case("alertdialog")
        })
    {
        // A dialog lays itself over the page (terms of service, a sign-up form), however much
        // text it holds.
        return Some(Reason::PageFrame);
    }
    if is_hidden(el.attr("hidden"), el.attr("aria-hidden"), el.attr("style"))
        && !share.is_hidden_wrapper()
        && !is_disclosure_panel(dom, id)
        && !el.is_streamed_segment()
    {
        return Some(Reason::Hidden);
    }
    // A forum's comment section is the thread itself: its name does not make it furniture.
    let in_thread = place.in_thread || place.in_forum && place.names_comments;
    // Inside code, class names are the highlighter's tokens: "hljs-comment" is a comment in
    // the code, which is part of it.
    let in_code = || {
        dom.ancestors(id)
            .any(|a| dom.is_tag(a, &local_name!("pre")) || dom.is_tag(a, &local_name!("code")))
    };
    if !place.in_thread
        && !place.in_forum
        && place.names_comments
        && (hints.declares_article && share.prose_outside >= ARTICLE_MIN_PROSE_OUTSIDE
            || share.prose_outside > THREAD_MAX_PROSE_OUTSIDE)
        && !in_code()
    {
        return Some(Reason::FurnitureName("comment"));
    }
    if hints.declares_product
        && [el.attr("class"), el.attr("id")]
            .into_iter()
            .flatten()
            .any(names_review_section)
        && !dom
            .descendants(id)
            .any(|n| dom.is_tag(n, &local_name!("h1")))
    {
        // Customer reviews are to a product page what comments are to an article.
        return Some(Reason::FurnitureName("reviews"));
    }
    let furniture = el
        .attr("class")
        .and_then(|a| names.furniture(a))
        .or_else(|| {
            el.attr("id")
                .and_then(|a| names.furniture(a))
                .filter(|_| !is_heading_anchor(dom, id))
        })
        .filter(|(word, _)| !(in_thread && word.starts_with("comment")))
        .filter(|(word, _)| !(HIDING_NAMES.contains(word) && is_disclosure_panel(dom, id)))
        .filter(|_| !in_code());
    if let Some((word, true)) = furniture {
        // Overlays are never the article, whatever their size, unless the headline is in them;
        // other strong names (ad slots, pagination) yield only to most of the page's prose.
        let holds_headline = dom
            .descendants(id)
            .any(|n| dom.is_tag(n, &local_name!("h1")));
        let holds_the_prose = share.prose >= WRAPPER_TEXT_SHARE && !OVERLAY_WORDS.contains(&word);
        if !holds_headline && !holds_the_prose {
            return Some(Reason::FurnitureName(word));
        }
    }
    if is_wrapper && !is_page_footer_beside_main(dom, id) {
        return None;
    }
    if matches!(
        *tag,
        local_name!("header")
            | local_name!("footer")
            | local_name!("aside")
            | local_name!("noscript")
    ) && !is_header_of_a_story_card(dom, id)
        && !(hints.declares_nothing() && is_header_of_a_section(dom, id))
    {
        return Some(Reason::PageFrame);
    }
    let role = el.attr("role").unwrap_or("");
    if matches!(
        role,
        "navigation" | "banner" | "contentinfo" | "complementary" | "search" | "menu"
    ) {
        return Some(Reason::PageFrame);
    }
    furniture.map(|(word, _)| Reason::FurnitureName(word))
}

/// The header of one article in a run of sibling articles (a section front's river of story
/// cards): it holds that card's headline and summary, which are what a listing is made of.
fn is_header_of_a_story_card(dom: &Dom, id: NodeId) -> bool {
    let is_article = |n: NodeId| dom.is_tag(n, &local_name!("article"));
    dom.is_tag(id, &local_name!("header"))
        && dom
            .ancestors(id)
            .find(|&a| is_article(a))
            .and_then(|card| dom.parent(card))
            .is_some_and(|river| {
                dom.children(river).filter(|&c| is_article(c)).count() >= STORY_CARDS_MIN
            })
}

/// A header whose nearest sectioning element is a `section` outside any article: it
/// introduces one part of the page (a landing page's "Record in a few clicks" band), not the
/// page. (Inside an article, or on a page that calls itself one, it holds the kicker and byline;
/// on a product's page, the headings of order boxes and warranty notes.)
fn is_header_of_a_section(dom: &Dom, id: NodeId) -> bool {
    dom.is_tag(id, &local_name!("header"))
        && !dom
            .ancestors(id)
            .any(|a| dom.is_tag(a, &local_name!("article")))
        && dom
            .ancestors(id)
            .find(|&a| {
                dom.tag(a).is_some_and(|t| {
                    matches!(
                        *t,
                        local_name!("section")
                            | local_name!("article")
                            | local_name!("aside")
                            | local_name!("nav")
                            | local_name!("body")
                    )
                })
            })
            .is_some_and(|a| dom.is_tag(a, &local_name!("section")))
}

/// A run of at least this many sibling articles is a river of story cards.
const STORY_CARDS_MIN: usize = 3;

/// A page footer standing beside the page's `main` element: the page has said where its content
/// is, so the footer is frame however much fine print it holds (legal notes, footnotes to
/// prices), which would otherwise make it pass for a wrapper of the text.
/// The page's footer landmark: a `<footer>` or the `contentinfo` role. (A `<footer>` inside
/// an article is that article's, which callers tell apart.)
pub(crate) fn is_footer_landmark(el: &crate::dom::Element) -> bool {
    el.name.local == local_name!("footer")
        || el
            .attr("role")
            .is_some_and(|r| r.eq_ignore_ascii_case("contentinfo"))
}

fn is_page_footer_beside_main(dom: &Dom, id: NodeId) -> bool {
    let is_role = |el: &crate::dom::Element, role: &str| {
        el.attr("role")
            .is_some_and(|r| r.eq_ignore_ascii_case(role))
    };
    let Some(el) = dom.element(id) else {
        return false;
    };
    if !is_footer_landmark(el) {
        return false;
    }
    let Some(parent) = dom.parent(id) else {
        return false;
    };
    dom.children(parent).any(|c| {
        dom.element(c)
            .is_some_and(|e| e.name.local == local_name!("main") || is_role(e, "main"))
    })
}

/// An id made of the words of the heading the element opens with ("menu-innovation-strategies"
/// over "Menu Innovation Strategies") is an anchor for links to that section: it says what the
/// text is about, not what the element is.
fn is_heading_anchor(dom: &Dom, id: NodeId) -> bool {
    let Some(anchor) = dom.attr(id, "id") else {
        return false;
    };
    let anchor_words = anchor
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    if anchor_words.clone().count() < HEADING_ANCHOR_MIN_WORDS {
        return false;
    }
    let Some(heading) = dom.descendants(id).find(|&d| dom.is_heading(d)) else {
        return false;
    };
    let text = dom.text_content(heading).to_lowercase();
    let heading_words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    anchor_words
        .map(str::to_lowercase)
        .eq(heading_words.map(str::to_owned))
}

/// A one- or two-word anchor ("related", "more-news") may as well name the element.
const HEADING_ANCHOR_MIN_WORDS: usize = 3;

/// Finds any of `words` anywhere in a class or id, in any case: a cheap first test before
/// the name is split into words.
pub(crate) fn anywhere_in_a_name(words: &[&str]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("fixed patterns build")
}

/// Whether a class or id names its element with one of `words`.
fn names_one_of(attr: &str, words: &[&str]) -> bool {
    naming_tokens(attr)
        .flat_map(name_words)
        .any(|w| words.contains(&&*w))
}

/// Tabs and accordions hide all panels but one until clicked; the page means them all to be
/// read (a service's plans, a FAQ's answers, a product's specifications).
fn is_disclosure_panel(dom: &Dom, id: NodeId) -> bool {
    let names_panel = |el: &crate::dom::Element| {
        [el.attr("class"), el.attr("id")]
            .into_iter()
            .flatten()
            .any(|a| names_one_of(a, DISCLOSURE_WORDS))
    };
    let Some(el) = dom.element(id) else {
        return false;
    };
    // A panel right after the button that toggles it, or after a line of its own that holds
    // only the toggle (a "Methodology" link in a div).
    let after_toggle = dom
        .children(dom.parent(id).unwrap_or(id))
        .filter(|&c| dom.element(c).is_some())
        .take_while(|&c| c != id)
        .last()
        .is_some_and(|prev| {
            dom.is_tag(prev, &local_name!("button"))
                || dom.attr(prev, "aria-expanded").is_some()
                || dom.descendants(prev).any(|d| {
                    dom.attr(d, "aria-expanded").is_some()
                        && (dom.is_tag(d, &local_name!("a"))
                            || dom.is_tag(d, &local_name!("button")))
                }) && dom.text_content(prev).len() <= TOGGLE_LINE_MAX_BYTES
        });
    if after_toggle {
        return true;
    }
    // The panel itself may be unnamed inside a named accordion item. (The body's classes
    // describe the page's state: "skybox-auto-collapse".)
    el.attr("role")
        .is_some_and(|r| r.eq_ignore_ascii_case("tabpanel"))
        || names_panel(el)
        || dom
            .parent(id)
            .and_then(|p| dom.element(p))
            .is_some_and(|p| p.name.local != local_name!("body") && names_panel(p))
}

/// A button holding a heading is the question of an accordion (a FAQ), not a control.
fn is_heading_toggle(dom: &Dom, id: NodeId) -> bool {
    dom.is_tag(id, &local_name!("button")) && dom.descendants(id).any(|d| dom.is_heading(d))
}

/// A line holding a disclosure toggle says what the panel is, briefly.
const TOGGLE_LINE_MAX_BYTES: usize = 160;

/// Class/id words of tab and accordion panels.
const DISCLOSURE_WORDS: &[&str] = &[
    "tabpanel",
    "tab",
    "tabs",
    "accordion",
    "collapse",
    "collapsible",
    "panel",
    "faq",
];

fn names_review_section(attr: &str) -> bool {
    names_one_of(attr, &["review", "reviews"])
}

/// What a class or id says of a forum, in rising strength.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
enum ForumName {
    #[default]
    None,
    /// "thread": a forum's thread view, but also the comment threads under an article, so it
    /// counts only above a comment section.
    Thread,
    /// "forum", "topic".
    Forum,
}

fn forum_name(attr: &str) -> ForumName {
    // Most names hold none of the words anywhere; finding that out needs no word split.
    static ANYWHERE: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| anywhere_in_a_name(&["forum", "topic", "thread"]));
    if !ANYWHERE.is_match(attr) {
        ForumName::None
    } else if names_one_of(attr, &["forum", "forums", "topic", "topics"]) {
        ForumName::Forum
    } else if names_one_of(attr, &["thread", "threads"]) {
        ForumName::Thread
    } else {
        ForumName::None
    }
}

fn names_comment_section(attr: &str) -> bool {
    const WORDS: [&str; 4] = ["comment", "comments", "disqus", "discussion"];
    // Most names hold none of the words anywhere; finding that out needs no word split.
    static ANYWHERE: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| anywhere_in_a_name(&WORDS));
    // A comment word before a word naming a person speaks of that person: "discussionAuthor"
    // marks the post of the thread's starter, not a comment section.
    ANYWHERE.is_match(attr)
        && naming_tokens(attr).any(|token| {
            let words: Vec<Cow<'_, str>> = name_words(token).collect();
            words.iter().enumerate().any(|(i, w)| {
                WORDS.contains(&&**w)
                    && !words
                        .get(i + 1)
                        .is_some_and(|next| PERSON_WORDS.contains(&&**next))
            })
        })
}

/// Words that, after a comment word, name a person rather than a comment section.
const PERSON_WORDS: &[&str] = &["author", "user", "member", "poster"];

/// Responsive frameworks hide an element at small widths and show it at larger ones with a
/// second class (`d-none d-lg-block`): such an element is visible on a desktop.
fn shown_at_some_width(attr: &str) -> bool {
    attr.split_ascii_whitespace().any(|t| {
        let t = t.to_ascii_lowercase();
        t.starts_with("d-")
            && t != "d-none"
            && ["block", "flex", "inline", "grid", "table"]
                .iter()
                .any(|d| t.ends_with(d))
    })
}

/// First words of class tokens that describe a state or a taxonomy term of the element
/// (`has-comments`, `no-sidebar`, `tag-social-media`, `category-ads`) rather than name it.
const NON_NAMING_PREFIXES: &[&str] = &[
    "has", "no", "with", "without", "is", "show", "hide", "enable", "enabled", "disable", "tag",
    "category", "author", "format", "post", "type",
];

/// The class tokens that name what an element is. A BEM modifier (`Section--Ads`) describes
/// a variant of the element, so only the part before `--` names it.
fn naming_tokens(attr: &str) -> impl Iterator<Item = &str> {
    attr.split_ascii_whitespace()
        .map(|t| t.split("--").next().unwrap_or(t))
        .filter(|t| !t.is_empty())
        .filter(|t| {
            let first = t.split(['-', '_']).next().unwrap_or("");
            // A token with nothing after the prefix ("hide", "post") still names the element,
            // and `author-bio` names a box where `author-jsmith` names a taxonomy term.
            first.len() == t.len()
                || !NON_NAMING_PREFIXES.contains(&first.to_ascii_lowercase().as_str())
                || names_author_box(&name_words(t).collect::<Vec<_>>())
        })
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

/// The furniture word or name a class/id attribute carries, if any, and whether it is one
/// that holds even around much text.
fn furniture_name(attr: &str) -> Option<(&'static str, bool)> {
    for class in naming_tokens(attr) {
        let lower = class.to_ascii_lowercase();
        if let Some(n) = HIDING_NAMES.iter().find(|n| **n == lower) {
            if !shown_at_some_width(attr) {
                return Some((n, true));
            }
            continue;
        }
        if let Some(n) = FURNITURE_NAMES.iter().find(|n| **n == lower) {
            return Some((n, false));
        }
        let words: Vec<Cow<'_, str>> = name_words(class).collect();
        if names_author_box(&words) {
            return Some(("author-box", false));
        }
        for word in &words {
            if let Some(w) = STRONG_FURNITURE_WORDS.iter().find(|w| ***w == **word) {
                return Some((w, true));
            }
            if let Some(w) = FURNITURE_WORDS.iter().find(|w| ***w == **word) {
                if !names_content_beside(&words, w) {
                    return Some((w, false));
                }
            }
        }
    }
    None
}

/// Words that, beside "author", name a box presenting the writer (`author-bio`,
/// `AuthorCard`, `about-author`): it follows the article and is no part of it.
const AUTHOR_BOX_WORDS: &[&str] = &[
    "bio",
    "biography",
    "box",
    "card",
    "profile",
    "about",
    "description",
    "info",
    "details",
];

fn names_author_box(words: &[Cow<'_, str>]) -> bool {
    words.iter().any(|w| w == "author") && words.iter().any(|w| AUTHOR_BOX_WORDS.contains(&&**w))
}

/// Splits a class or id into lower-case words: on `-`, `_`, `:`, `.`, `/` and camelCase humps.
/// Most names are lower case already and are borrowed, not copied: pages carry thousands.
pub(crate) fn name_words(name: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    name.split(['-', '_', ':', '.', '/'])
        .flat_map(camel_humps)
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(w.to_ascii_lowercase())
            } else {
                Cow::Borrowed(w)
            }
        })
}

/// "socialShare" → "social", "Share": a word starts at an upper-case letter that follows a
/// lower-case letter or a digit.
fn camel_humps(part: &str) -> impl Iterator<Item = &str> {
    let bytes = part.as_bytes();
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let hump = (start + 1..bytes.len()).find(|&i| {
            bytes[i].is_ascii_uppercase()
                && (bytes[i - 1].is_ascii_lowercase() || bytes[i - 1].is_ascii_digit())
        });
        let end = hump.unwrap_or(bytes.len());
        done = hump.is_none();
        let word = &part[start..end];
        start = end;
        Some(word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;
    use crate::options::Limits;

    fn removed_texts(html: &str) -> Vec<String> {
        let (dom, _) = parse(html, &Limits::default());
        let cleaned = clean(&dom, Hints::default());
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
        assert_eq!(furniture_name("related-posts"), Some(("related", false)));
        assert_eq!(furniture_name("relatedPosts box"), Some(("related", false)));
        assert_eq!(furniture_name("unrelated"), None);
        assert_eq!(
            furniture_name("more-stories"),
            Some(("more-stories", false))
        );
        assert_eq!(furniture_name("more"), None);
        assert_eq!(furniture_name("social-media-embed"), None);
        assert_eq!(furniture_name("social-share"), Some(("social", false)));
        assert_eq!(furniture_name("shareholders"), None);
        assert_eq!(furniture_name("article-body"), None);
        assert_eq!(furniture_name("sr-only"), Some(("sr-only", true)));
        assert_eq!(furniture_name("cookieConsent"), Some(("cookie", true)));
        // State and taxonomy classes describe the element, they do not name it.
        assert_eq!(furniture_name("BlogItem has-comments tag-social"), None);
        assert_eq!(furniture_name("d-none d-lg-block"), None);
        assert_eq!(furniture_name("d-none"), Some(("d-none", true)));
        assert_eq!(furniture_name("TestReport__Section--Ads"), None);
    }

    #[test]
    fn an_id_spelling_the_section_heading_names_no_furniture() {
        let html = format!(
            "{BODY}<div id=menu-innovation-strategies-for-caterers><h2>Menu innovation \
             strategies for caterers</h2><p>Seasonal menus.</p></div>\
             <div id=menu-for-the-site><h2>Sections</h2><p>World</p></div>"
        );
        assert_eq!(removed_texts(&html), vec!["SectionsWorld"]);
    }

    #[test]
    fn class_names_inside_code_are_highlighter_tokens() {
        let html = format!(
            "{BODY}{BODY}{BODY}{BODY}{BODY}<pre><code><span class=hljs-comment># stage all files\
             </span>\ngit add .</code></pre><div class=comments>{BODY}</div>"
        );
        let removed = removed_texts(&html);
        assert_eq!(removed.len(), 1, "{removed:?}");
        assert!(removed[0].starts_with("A long paragraph"));
    }

    #[test]
    fn a_faq_menu_is_content() {
        assert_eq!(furniture_name("faq_tabs-menu"), None);
        assert_eq!(furniture_name("faq-dropdown"), None);
        assert_eq!(furniture_name("tabs-menu"), Some(("menu", false)));
    }

    #[test]
    fn boxes_presenting_the_writer_are_furniture() {
        for name in [
            "c-author-card",
            "AuthorCard_root__x1",
            "about-author-new",
            "authorBio",
        ] {
            assert_eq!(furniture_name(name), Some(("author-box", false)), "{name}");
        }
        assert_eq!(
            furniture_name("row author-box"),
            Some(("author-box", false))
        );
        assert!(furniture_name("author-bio").is_some());
        // A taxonomy term naming the writer is no box.
        assert_eq!(furniture_name("post author-jsmith"), None);
        // The byline's own name is not a box.
        assert_eq!(furniture_name("author-name"), None);
        assert_eq!(furniture_name("article-info"), None);
    }

    #[test]
    fn name_words_split_on_separators_and_humps() {
        let words: Vec<_> = name_words("relatedPosts-Header__item2Box:x/Ü").collect();
        assert_eq!(
            words,
            ["related", "posts", "header", "item2", "box", "x", "Ü"].map(Cow::from)
        );
        let words: Vec<_> = name_words("socialShareBAR").collect();
        assert_eq!(words, ["social", "share", "bar"].map(Cow::from));
    }

    #[test]
    fn removes_furniture_but_keeps_the_wrapper() {
        let html = format!(
            "<div class='layout-with-sidebar'>{BODY}<div class='share-bar'>Share</div>\
             <aside>Popular</aside><p hidden>secret</p>\
             <script type='application/ld+json'>{{}}</script></div>"
        );
        let removed = removed_texts(&html);
        assert_eq!(removed, vec!["Share", "Popular", "secret", "{}"]);
    }

    #[test]
    fn a_page_footer_beside_main_goes_however_much_fine_print_it_holds() {
        let fine_print = "<p>Prices include taxes where the law requires them, and offers \
            end when stocks run out or at the end of the month, whichever comes first.</p>";
        let footer =
            format!("<footer><ol><li>{fine_print}</li><li>{fine_print}</li></ol></footer>");
        let beside_main = format!("<main><h1>Light laptop</h1>{BODY}</main>{footer}");
        assert_eq!(removed_texts(&beside_main).len(), 1, "the footer goes");
        // Without a main element to say where the content is, the footer may be the wrapper.
        let no_main = format!("<div><h1>Light laptop</h1>{BODY}</div>{footer}");
        assert!(removed_texts(&no_main).is_empty());
    }

    #[test]
    fn the_headers_of_a_river_of_story_cards_stay() {
        let card = |n: u32| {
            format!(
                "<article class=card><header><h2><a href=/s{n}>Story number {n} on the river</a>\
                 </h2><p>A summary of story {n}.</p></header></article>"
            )
        };
        let river: String = (1..=3).map(card).collect();
        let html = format!("<main><section>{river}</section></main>");
        assert!(
            removed_texts(&html).is_empty(),
            "{:?}",
            removed_texts(&html)
        );
        // One article's own header (its kicker and byline) is frame as before.
        let single = format!(
            "<main><article><header><p>Kicker</p><p>By A. Writer</p></header>{BODY}{BODY}\
             </article></main>"
        );
        assert_eq!(removed_texts(&single).len(), 1);
    }

    #[test]
    fn the_header_of_a_page_section_stays() {
        let band = "<section><header><h2>Record in a few clicks</h2><p>Share anywhere and \
            collaborate better.</p></header><p>Details of the band.</p></section>";
        let html = format!("<header>Site name</header><main>{band}{BODY}</main>");
        assert_eq!(removed_texts(&html), vec!["Site name"]);
        // An article's own header holds its kicker and byline.
        let html = format!("<main><article>{band}{BODY}</article></main>");
        assert_eq!(removed_texts(&html).len(), 1);
        // ... and so does a header on a page that calls itself an article.
        let (dom, _) = parse(&format!("<main>{band}{BODY}</main>"), &Limits::default());
        let hints = Hints {
            declares_article: true,
            ..Hints::default()
        };
        let cleaned = clean(&dom, hints);
        assert!(dom.descendants(DOCUMENT).any(|n| cleaned.is_removed(n)));
    }

    #[test]
    fn customer_reviews_go_on_a_product_page_only() {
        let html = format!(
            "<h1>Trail pack 25</h1>{BODY}<section id=reviews><p>Great pack, fits well.</p></section>"
        );
        let (dom, _) = parse(&html, &Limits::default());
        let removed_with = |declares_product| {
            let cleaned = clean(
                &dom,
                Hints {
                    declares_product,
                    ..Hints::default()
                },
            );
            dom.descendants(DOCUMENT)
                .any(|n| cleaned.is_removed(n) && dom.text_content(n).contains("Great pack"))
        };
        assert!(removed_with(true));
        // A film review's body is the article.
        assert!(!removed_with(false));
    }

    #[test]
    fn a_link_discussion_keeps_its_comments_even_when_declared_an_article() {
        let thread = format!("<ol class=comments><li>{BODY}</li><li>{BODY}</li></ol>");
        let removed = |outside: &str| {
            let html = format!("<h1><a href=/x>A link worth discussing</a></h1>{outside}{thread}");
            let (dom, _) = parse(&html, &Limits::default());
            let hints = Hints {
                declares_article: true,
                ..Hints::default()
            };
            let cleaned = clean(&dom, hints);
            dom.descendants(DOCUMENT)
                .any(|n| cleaned.is_removed(n) && dom.is_tag(n, &local_name!("ol")))
        };
        assert!(!removed(""));
        assert!(removed(&format!("<div class=post>{BODY}{BODY}</div>")));
    }

    #[test]
    fn the_comment_section_of_a_forum_topic_is_its_thread() {
        let first_post = BODY.repeat(5);
        let replies = format!("<div class=post>{BODY}</div><div class=post>{BODY}</div>");
        let removed = |outer: &str, section: &str| {
            let html = format!(
                "<div class='{outer}'><div class=first>{first_post}</div>\
                 <div class='{section}'>{replies}</div></div>"
            );
            !removed_texts(&html).is_empty()
        };
        assert!(!removed("topic-view", "comments"));
        assert!(!removed("page", "comments cTopic"));
        assert!(!removed("ThreadView", "comments"));
        // Under an article, comments go, even when their own name speaks of threads.
        assert!(removed("page", "comments"));
        assert!(removed("page", "comments comment-thread"));
    }

    #[test]
    fn a_comment_word_naming_a_person_names_no_comment_section() {
        assert!(!names_comment_section("message uix_discussionAuthor"));
        assert!(names_comment_section("discussion"));
        assert!(names_comment_section("comment-list"));
        // The thread starter's post, with the replies after it, stays.
        let html = format!(
            "<ol><li class='message uix_discussionAuthor'>{BODY}</li><li class=message>{}</li></ol>",
            BODY.repeat(5)
        );
        assert!(removed_texts(&html).is_empty());
    }

    #[test]
    fn hidden_tab_and_accordion_panels_stay() {
        let html = format!(
            "{BODY}<div role=tabpanel hidden>Second plan: two rounds of revisions.</div>\
             <div class='tab-pane' style='display:none'>Third plan: a cover letter.</div>\
             <div class='accordion-item__dropdown'>How long does it take? Three days.</div>\
             <div class=dropdown>Menu</div><div hidden>secret</div>"
        );
        assert_eq!(removed_texts(&html), vec!["Menu", "secret"]);
    }

    #[test]
    fn a_panel_after_a_line_holding_its_toggle_stays() {
        let html = format!(
            "{BODY}<div><a href='#' aria-expanded=false>Methodology</a></div>\
             <div class=hide aria-hidden=true>How the calculator works.</div>\
             <div>{BODY}{BODY}<a href='#' aria-expanded=false>More</a></div>\
             <div hidden>Other items from this seller</div>"
        );
        assert_eq!(removed_texts(&html), vec!["Other items from this seller"]);
    }

    #[test]
    fn an_unnamed_panel_of_a_named_accordion_item_stays() {
        let html = format!(
            "{BODY}<div class='faq-accordion'><h3>Do you ship abroad?</h3>\
             <div id=item_0_content hidden>Yes, to every country in Europe.</div></div>\
             <div class=box><div hidden>Sign in</div></div>"
        );
        assert_eq!(removed_texts(&html), vec!["Sign in"]);
        // The body's classes describe the page, not a panel.
        let html = format!("<body class=auto-collapse>{BODY}<div hidden>site data</div></body>");
        assert_eq!(removed_texts(&html), vec!["site data"]);
    }

    #[test]
    fn streamed_segments_stay_and_hero_banners_are_no_ads() {
        let html = format!(
            "<div class=hero-banner><h2>Celebrating 150 years</h2></div>{BODY}\
             <div class=banner>Sale</div><div hidden id='S:1f'>The rest of the story.</div>\
             <div hidden id='S:'>empty id</div>"
        );
        assert_eq!(removed_texts(&html), vec!["Sale", "empty id"]);
    }

    #[test]
    fn a_faq_toggle_keeps_its_question_and_its_hidden_answer() {
        let html = format!(
            "{BODY}<div><button type=button><h5>How long does delivery take?</h5></button>\
             <div class='text-sm hidden'><p>Three working days.</p></div></div>\
             <button>Load more</button><div><span>x</span><div class=hidden>gone</div></div>"
        );
        assert_eq!(removed_texts(&html), vec!["Load more", "gone"]);
    }

    #[test]
    fn a_dialog_goes_however_much_text_it_holds() {
        let terms = BODY.repeat(6);
        let html = format!(
            "<p>A short product blurb.</p><footer><div id=terms aria-modal=true><h1>Terms of use</h1>\
             {terms}</div></footer><div role=dialog><p>Sign up for our letters.</p></div>"
        );
        let removed = removed_texts(&html);
        assert_eq!(removed.len(), 2, "{removed:?}");
        assert!(removed[0].starts_with("Terms of use"));
    }

    #[test]
    fn hidden_by_inline_style() {
        let html = format!("{BODY}<div style='display: none'>gone</div>");
        assert_eq!(removed_texts(&html), vec!["gone"]);
    }

    #[test]
    fn a_hidden_copy_of_the_article_goes_but_a_hidden_body_stays() {
        // A schema.org block repeating the article holds as much prose as the article itself.
        let story = BODY.repeat(4);
        let html = format!(
            "<h1>Harbour wall to be rebuilt</h1><div class=post>{story}</div>\
             <div style='display:none'>{story}</div>"
        );
        assert_eq!(removed_texts(&html).len(), 1);
        // A body hidden until a script reveals it holds all of the prose.
        let html = format!("<div style='display:none'>{BODY}<p>More of the same story.</p></div>");
        assert!(removed_texts(&html).is_empty());
    }
}
