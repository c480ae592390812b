//! Stage 2: decoded text → DOM.
//!
//! html5ever does the spec-compliant parsing; this module only gives it a compact arena to
//! build into, so that later stages walk plain vectors instead of reference-counted nodes.
//! Limits (node count, nesting depth, time) are enforced here so no later stage can be made
//! to hang or overflow its stack by a hostile page.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::rc::Rc;
use std::time::Instant;

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{local_name, ns, Attribute, LocalName, QualName};

use crate::options::Limits;

mod skim;

/// Attributes where lazy-loading pages keep an image's real address while `src` holds a
/// placeholder.
pub(crate) const LAZY_IMAGE_SOURCES: [&str; 3] = ["data-src", "data-lazy-src", "data-original"];

/// Whether some stage reads attribute `name` (any letter case). The skim drops all others
/// before parsing: a news page carries some 2,000 attributes, and html5ever reads each name a
/// character at a time. A stage that reads a new attribute adds it here; [`Element::attr`]
/// checks this in debug builds.
fn is_read_attribute(name: &[u8]) -> bool {
    // the longest name read is 13 bytes; the skim asks for every attribute of every tag
    let mut lower = [0u8; 13];
    let Some(lower) = lower.get_mut(..name.len()) else {
        return false;
    };
    for (l, b) in lower.iter_mut().zip(name) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &*lower,
        b"class"
            | b"id"
            | b"itemprop"
            | b"rel"
            | b"role"
            | b"style"
            | b"hidden"
            | b"aria-hidden"
            | b"aria-expanded"
            | b"aria-modal"
            | b"href"
            | b"src"
            // LAZY_IMAGE_SOURCES
            | b"data-src"
            | b"data-lazy-src"
            | b"data-original"
            | b"width"
            | b"height"
            | b"title"
            | b"datetime"
            // Unix seconds on a printed stamp (metadata/when.rs)
            | b"data-utime"
            | b"pubdate"
            | b"content"
            | b"property"
            | b"name"
            | b"http-equiv"
            // the tree builder reads `<input type>`; metadata reads `<script type>`
            | b"type"
            | b"charset"
            | b"lang"
            | b"xml:lang"
    )
}

/// Index of a node in [`Dom::nodes`].
pub type NodeId = usize;

/// The document node is always the first one.
pub const DOCUMENT: NodeId = 0;

#[derive(Debug)]
pub struct Node {
    pub parent: Option<NodeId>,
    pub first_child: Option<NodeId>,
    pub last_child: Option<NodeId>,
    pub prev_sibling: Option<NodeId>,
    pub next_sibling: Option<NodeId>,
    pub data: NodeData,
}

#[derive(Debug)]
pub enum NodeData {
    Document,
    /// Template contents and other parentless fragments.
    Fragment,
    Element(Element),
    Text(StrTendril),
    /// Comments, doctypes and processing instructions: kept only so that handles stay valid.
    Other,
}

#[derive(Debug)]
pub struct Element {
    pub name: QualName,
    pub attrs: Vec<Attribute>,
    template_contents: Option<NodeId>,
}

impl Element {
    /// Streaming server rendering (React's `<div hidden id="S:1">`) sends the parts of a page
    /// that were not ready at first in hidden segments at the end of the body, which a script
    /// then moves into place: a browser shows them, and they are the page's content.
    pub fn is_streamed_segment(&self) -> bool {
        self.attr("hidden").is_some()
            && self.attr("id").is_some_and(|i| {
                i.strip_prefix("S:")
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric()))
            })
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        debug_assert!(
            is_read_attribute(name.as_bytes()),
            "attribute `{name}` is read but the skim drops it: add it to is_read_attribute"
        );
        self.attrs
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| a.value.as_ref())
    }
}

/// A parsed page: an arena of nodes whose first entry is the document.
#[derive(Debug)]
pub struct Dom {
    pub nodes: Vec<Node>,
}

/// What parsing had to give up on, reported as warnings on the article.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ParseReport {
    /// The node limit was reached; the rest of the page was not parsed.
    pub truncated_nodes: bool,
    /// The time limit was reached; the rest of the page was not parsed.
    pub truncated_time: bool,
    /// Subtrees nested deeper than the depth limit were cut off.
    pub cut_deep_subtrees: usize,
}

/// Parses `html` into a [`Dom`], honouring `limits`.
///
/// Script and style bodies are skimmed off first (`skim`): nothing reads them. So are the
/// bodies of `<nav>` elements, which cleaning drops whole; [`parse_with_navigation`] keeps
/// them.
///
/// Parsed as a browser without scripts would, `<noscript>` content becomes a tree: some sites
/// (forums especially) serve their whole text there, and cleaning decides what to keep. When
/// that reading lets a raw-text element swallow most of the page (an `<iframe ... />` left
/// open in a `<noscript>`, which a scripting browser never parses), the page is read again as
/// a scripting browser reads it.
pub fn parse(html: &str, limits: &Limits) -> (Dom, ParseReport) {
    parse_skimmed(html, limits, true)
}

/// Parses `html` as [`parse`] does, but keeps what is inside `<nav>` elements: for tools
/// that show the whole page, as a crawler flattening it would.
pub fn parse_with_navigation(html: &str, limits: &Limits) -> (Dom, ParseReport) {
    parse_skimmed(html, limits, false)
}

fn parse_skimmed(html: &str, limits: &Limits, skim_navigation: bool) -> (Dom, ParseReport) {
    let started = Instant::now();
    let html = &skim::without_code(html, skim_navigation);
    let (dom, report) = parse_with(html, limits, false);
    if !swallowed_by_raw_text(&dom, html.len()) {
        return (dom, report);
    }
    let left = Limits {
        max_parse_time: limits.max_parse_time.saturating_sub(started.elapsed()),
        ..limits.clone()
    };
    parse_with(html, &left, true)
}

/// Whether one element parsed as raw text (iframe, noembed, noframes, xmp) holds more than
/// half of the page's markup.
fn swallowed_by_raw_text(dom: &Dom, html_len: usize) -> bool {
    dom.nodes.iter().any(|n| match &n.data {
        NodeData::Text(t) if t.len() * 2 > html_len => n.parent.is_some_and(|p| {
            dom.tag(p).is_some_and(|tag| {
                matches!(
                    *tag,
                    local_name!("iframe")
                        | local_name!("noembed")
                        | local_name!("noframes")
                        | local_name!("xmp")
                )
            })
        }),
        _ => false,
    })
}

fn parse_with(html: &str, limits: &Limits, scripting_enabled: bool) -> (Dom, ParseReport) {
    let started = Instant::now();
    let node_count = Rc::new(Cell::new(1));
    // Skimmed pages run at one node per 46 bytes of markup (the median on WCXB dev), and 95%
    // of them at more than 27. Reserving for that saves the arena's doubling and copying while
    // it grows; the reserve is address space, touched only as far as nodes fill it.
    let mut nodes = Vec::with_capacity((html.len() / 27).min(limits.max_nodes).max(16));
    nodes.push(new_node(NodeData::Document));
    let sink = Sink {
        nodes: RefCell::new(nodes),
        node_count: Rc::clone(&node_count),
    };
    let parse_opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut parser = html5ever::parse_document(sink, parse_opts);
    let mut report = ParseReport::default();
    // Feed the parser in chunks so that the time limit can be checked between them.
    const CHUNK: usize = 64 * 1024;
    let mut rest = html;
    while !rest.is_empty() {
        let mut cut = rest.len().min(CHUNK);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (chunk, tail) = rest.split_at(cut);
        parser.process(StrTendril::from_slice(chunk));
        rest = tail;
        if rest.is_empty() {
            break;
        }
        if node_count.get() > limits.max_nodes {
            report.truncated_nodes = true;
            break;
        }
        if started.elapsed() > limits.max_parse_time {
            report.truncated_time = true;
            break;
        }
    }
    let mut dom = Dom {
        nodes: parser.finish(),
    };
    report.cut_deep_subtrees = dom.cut_below_depth(limits.max_depth);
    (dom, report)
}

fn new_node(data: NodeData) -> Node {
    Node {
        parent: None,
        first_child: None,
        last_child: None,
        prev_sibling: None,
        next_sibling: None,
        data,
    }
}

impl Dom {
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes[id].data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The local tag name of an element, or `None` for other nodes.
    pub fn tag(&self, id: NodeId) -> Option<&LocalName> {
        self.element(id).map(|e| &e.name.local)
    }

    pub fn is_tag(&self, id: NodeId, name: &LocalName) -> bool {
        self.tag(id) == Some(name)
    }

    /// Whether `id` is a heading element, `h1` to `h6`.
    pub fn is_heading(&self, id: NodeId) -> bool {
        self.tag(id).is_some_and(crate::tags::is_heading)
    }

    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.element(id).and_then(|e| e.attr(name))
    }

    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id].data {
            NodeData::Text(t) => Some(t),
            _ => None,
        }
    }

    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.nodes[id].first_child,
        }
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id].parent
    }

    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.nodes[id].parent, move |&p| self.nodes[p].parent)
    }

    /// All nodes below `id` in document order, without `id` itself. Iterative, so depth is
    /// never a stack concern.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            dom: self,
            root: id,
            next: self.nodes[id].first_child,
        }
    }

    /// The first element with this tag name in document order.
    pub fn find_tag(&self, name: &LocalName) -> Option<NodeId> {
        self.descendants(DOCUMENT).find(|&n| self.is_tag(n, name))
    }

    /// The `<html>`, `<head>` and `<body>` elements.
    pub fn html(&self) -> Option<NodeId> {
        self.children(DOCUMENT)
            .find(|&n| self.is_tag(n, &local_name!("html")))
    }

    pub fn head(&self) -> Option<NodeId> {
        self.html().and_then(|h| {
            self.children(h)
                .find(|&n| self.is_tag(n, &local_name!("head")))
        })
    }

    pub fn body(&self) -> Option<NodeId> {
        self.html().and_then(|h| {
            self.children(h)
                .find(|&n| self.is_tag(n, &local_name!("body")))
        })
    }

    /// Concatenated text of all text nodes below `id`, as they stand in the source.
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        if let Some(t) = self.text(id) {
            out.push_str(t);
        }
        for n in self.descendants(id) {
            if let Some(t) = self.text(n) {
                out.push_str(t);
            }
        }
        out
    }

    /// Detaches every node deeper than `max_depth`; returns how many subtrees were cut.
    fn cut_below_depth(&mut self, max_depth: usize) -> usize {
        let mut cut = 0;
        let mut stack: Vec<(NodeId, usize)> = vec![(DOCUMENT, 0)];
        while let Some((id, depth)) = stack.pop() {
            let mut child = self.nodes[id].first_child;
            while let Some(c) = child {
                child = self.nodes[c].next_sibling;
                if depth + 1 > max_depth {
                    self.detach(c);
                    cut += 1;
                } else {
                    stack.push((c, depth + 1));
                }
            }
        }
        cut
    }

    fn detach(&mut self, id: NodeId) {
        detach(&mut self.nodes, id);
    }
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = self.dom.nodes[id].next_sibling;
        Some(id)
    }
}

pub struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: Option<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        let nodes = &self.dom.nodes;
        self.next = if let Some(c) = nodes[id].first_child {
            Some(c)
        } else {
            let mut at = id;
            loop {
                if at == self.root {
                    break None;
                }
                if let Some(s) = nodes[at].next_sibling {
                    break Some(s);
                }
                match nodes[at].parent {
                    Some(p) if p != self.root => at = p,
                    _ => break None,
                }
            }
        };
        Some(id)
    }
}

fn detach(nodes: &mut [Node], id: NodeId) {
    let (parent, prev, next) = {
        let n = &nodes[id];
        (n.parent, n.prev_sibling, n.next_sibling)
    };
    if let Some(p) = prev {
        nodes[p].next_sibling = next;
    } else if let Some(par) = parent {
        nodes[par].first_child = next;
    }
    if let Some(nx) = next {
        nodes[nx].prev_sibling = prev;
    } else if let Some(par) = parent {
        nodes[par].last_child = prev;
    }
    let n = &mut nodes[id];
    n.parent = None;
    n.prev_sibling = None;
    n.next_sibling = None;
}

fn append_child(nodes: &mut [Node], parent: NodeId, child: NodeId) {
    detach(nodes, child);
    let last = nodes[parent].last_child;
    nodes[child].parent = Some(parent);
    nodes[child].prev_sibling = last;
    match last {
        Some(l) => nodes[l].next_sibling = Some(child),
        None => nodes[parent].first_child = Some(child),
    }
    nodes[parent].last_child = Some(child);
}

fn insert_before(nodes: &mut [Node], sibling: NodeId, child: NodeId) {
    detach(nodes, child);
    let parent = nodes[sibling].parent;
    let prev = nodes[sibling].prev_sibling;
    nodes[child].parent = parent;
    nodes[child].prev_sibling = prev;
    nodes[child].next_sibling = Some(sibling);
    nodes[sibling].prev_sibling = Some(child);
    match prev {
        Some(p) => nodes[p].next_sibling = Some(child),
        None => {
            if let Some(par) = parent {
                nodes[par].first_child = Some(child);
            }
        }
    }
}

/// The html5ever tree sink. It shares its node count with [`parse`], which stops feeding input
/// once the node limit is passed (overshooting by at most one chunk's worth of nodes).
struct Sink {
    nodes: RefCell<Vec<Node>>,
    node_count: Rc<Cell<usize>>,
}

impl Sink {
    fn push(&self, data: NodeData) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(new_node(data));
        self.node_count.set(nodes.len());
        nodes.len() - 1
    }

    /// Merges `text` into `prev` when that is a text node (as the spec requires); otherwise
    /// creates a new text node and returns it.
    fn merge_or_create_text(&self, prev: Option<NodeId>, text: StrTendril) -> Option<NodeId> {
        if let Some(prev) = prev {
            if let NodeData::Text(t) = &mut self.nodes.borrow_mut()[prev].data {
                t.push_tendril(&text);
                return None;
            }
        }
        Some(self.push(NodeData::Text(text)))
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Vec<Node>;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Self::Output {
        self.nodes.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |nodes| match &nodes[*target].data {
            NodeData::Element(e) => &e.name,
            // The tree builder only asks for names of elements it created.
            _ => &PLACEHOLDER_NAME,
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let template_contents = flags.template.then(|| self.push(NodeData::Fragment));
        self.push(NodeData::Element(Element {
            name,
            attrs,
            template_contents,
        }))
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.push(NodeData::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(NodeData::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let child = match child {
            NodeOrText::AppendNode(id) => id,
            NodeOrText::AppendText(text) => {
                let last = self.nodes.borrow()[*parent].last_child;
                match self.merge_or_create_text(last, text) {
                    Some(id) => id,
                    None => return,
                }
            }
        };
        let mut nodes = self.nodes.borrow_mut();
        if child != *parent {
            append_child(&mut nodes, *parent, child);
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.nodes.borrow()[*element].parent.is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        _name: StrTendril,
        _public_id: StrTendril,
        _system_id: StrTendril,
    ) {
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        match &self.nodes.borrow()[*target].data {
            NodeData::Element(Element {
                template_contents: Some(c),
                ..
            }) => *c,
            // Only called for templates; answering with the node itself keeps a bad call harmless.
            _ => *target,
        }
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, child: NodeOrText<NodeId>) {
        let child = match child {
            NodeOrText::AppendNode(id) => id,
            NodeOrText::AppendText(text) => {
                let prev = self.nodes.borrow()[*sibling].prev_sibling;
                match self.merge_or_create_text(prev, text) {
                    Some(id) => id,
                    None => return,
                }
            }
        };
        let mut nodes = self.nodes.borrow_mut();
        if child != *sibling {
            insert_before(&mut nodes, *sibling, child);
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        if let NodeData::Element(e) = &mut self.nodes.borrow_mut()[*target].data {
            for a in attrs {
                if !e.attrs.iter().any(|x| x.name == a.name) {
                    e.attrs.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        while let Some(c) = nodes[*node].first_child {
            append_child(&mut nodes, *new_parent, c);
        }
    }
}

static PLACEHOLDER_NAME: std::sync::LazyLock<QualName> =
    std::sync::LazyLock::new(|| QualName::new(None, ns!(html), local_name!("div")));

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits::default()
    }

    #[test]
    fn the_skim_keeps_the_attributes_stages_read_in_any_case() {
        for name in LAZY_IMAGE_SOURCES
            .iter()
            .chain(&["CLASS", "Aria-Hidden", "xml:lang"])
        {
            assert!(is_read_attribute(name.as_bytes()), "{name}");
        }
        for name in [
            "data-srcset",
            "onclick",
            "alt",
            "classes",
            "a-very-long-attribute",
        ] {
            assert!(!is_read_attribute(name.as_bytes()), "{name}");
        }
    }

    #[test]
    fn an_iframe_left_open_in_noscript_does_not_swallow_the_page() {
        let html = format!(
            "<body><noscript><iframe src=/tag height=0 width=0 /></noscript>\
             <main><h1>Headline</h1>{}</main></body>",
            "<p>A paragraph of the story that a reader sees.</p>".repeat(20)
        );
        let (dom, _) = parse(&html, &limits());
        assert!(dom.find_tag(&local_name!("main")).is_some());
        // Text in <noscript> is still a tree when nothing is swallowed.
        let (dom, _) = parse("<noscript><p>Whole thread here</p></noscript>", &limits());
        assert!(dom.find_tag(&local_name!("p")).is_some());
    }

    #[test]
    fn builds_head_and_body() {
        let (dom, report) = parse(
            "<title>T</title><p class=x>Hello <b>world</b></p>",
            &limits(),
        );
        assert_eq!(report, ParseReport::default());
        let body = dom.body().unwrap();
        let p = dom.children(body).next().unwrap();
        assert_eq!(dom.attr(p, "class"), Some("x"));
        assert_eq!(dom.text_content(p), "Hello world");
        let title = dom.find_tag(&local_name!("title")).unwrap();
        assert_eq!(dom.text_content(title), "T");
    }

    #[test]
    fn misnested_tags_follow_the_spec() {
        // The adoption agency algorithm reparents nodes; the arena must stay a tree.
        let (dom, _) = parse("<p>1<b>2<i>3</b>4</i>5</p>", &limits());
        assert_eq!(dom.text_content(dom.body().unwrap()), "12345");
    }

    #[test]
    fn node_limit_truncates() {
        let html = "<div>x</div>".repeat(1000);
        let html = html.repeat(20);
        let (dom, report) = parse(
            &html,
            &Limits {
                max_nodes: 100,
                ..limits()
            },
        );
        assert!(report.truncated_nodes);
        // At most one chunk past the limit was parsed, and the result is still a tree.
        assert!(dom.nodes.len() < 20_000);
        assert!(dom.descendants(DOCUMENT).count() < 20_000);
    }

    #[test]
    fn deep_nesting_is_cut() {
        let html = "<span>".repeat(5000) + "deep";
        let (dom, report) = parse(
            &html,
            &Limits {
                max_depth: 64,
                ..limits()
            },
        );
        assert!(report.cut_deep_subtrees > 0);
        let deepest = dom
            .descendants(DOCUMENT)
            .map(|n| dom.ancestors(n).count())
            .max()
            .unwrap();
        assert!(deepest <= 64);
    }
}
