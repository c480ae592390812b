//! HTML → text the way a crawler flattens a page: every visible text node, one line per block
//! element, a blank line between blocks, whitespace collapsed, no other structure. This is the
//! input of the text-mode evaluation, and also how gold HTML (Readability's `expected.html`)
//! is turned into text for scoring.

use warta_core::internals::{parse_with_navigation, Dom, NodeId, DOCUMENT};
use warta_core::Limits;

/// Elements whose content is never shown as text. `<noscript>` is not among them: a crawler
/// runs no scripts, so it sees what a browser without scripts shows (forums serve whole
/// threads there), as warta's own parser does.
const INVISIBLE: &[&str] = &[
    "head", "script", "style", "template", "svg", "math", "iframe", "object",
];

/// Elements that start and end a block (a line of their own).
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// What separates the next word from the text before it; a stronger separator wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Sep {
    None,
    Space,
    Line,
    Block,
}

struct Writer {
    out: String,
    sep: Sep,
}

impl Writer {
    fn separate(&mut self, s: Sep) {
        self.sep = self.sep.max(s);
    }

    fn word(&mut self, w: &str) {
        if !self.out.is_empty() {
            self.out.push_str(match self.sep {
                Sep::None => "",
                Sep::Space => " ",
                Sep::Line => "\n",
                Sep::Block => "\n\n",
            });
        }
        self.sep = Sep::None;
        self.out.push_str(w);
    }

    /// Text outside `<pre>`: all whitespace collapses to one space.
    fn text(&mut self, t: &str) {
        if t.starts_with(char::is_whitespace) {
            self.separate(Sep::Space);
        }
        for w in t.split_whitespace() {
            self.word(w);
            self.sep = Sep::Space;
        }
        if !t.ends_with(char::is_whitespace) && !t.trim().is_empty() {
            self.sep = Sep::None;
        }
    }

    /// Text inside `<pre>`: its line breaks stay line breaks.
    fn preformatted(&mut self, t: &str) {
        for (i, line) in t.split('\n').enumerate() {
            if i > 0 {
                self.separate(Sep::Line);
            }
            self.text(line);
        }
    }
}

fn is_block(tag: &str) -> bool {
    BLOCKS.contains(&tag)
}

/// An element the page hides, but for the streamed segments a script moves into place.
fn is_hidden(dom: &Dom, id: NodeId) -> bool {
    dom.element(id)
        .is_some_and(|el| el.attr("hidden").is_some() && !el.is_streamed_segment())
}

/// Flattens a parsed page.
pub fn flatten(dom: &Dom) -> String {
    let mut w = Writer {
        out: String::new(),
        sep: Sep::None,
    };
    // (node, leaving): an explicit stack, so deep pages cannot overflow ours.
    let mut stack: Vec<(NodeId, bool)> = dom.children(DOCUMENT).map(|c| (c, false)).collect();
    stack.reverse();
    let mut pre_depth = 0usize;
    while let Some((id, leaving)) = stack.pop() {
        if let Some(t) = dom.text(id) {
            if pre_depth > 0 {
                w.preformatted(t);
            } else {
                w.text(t);
            }
            continue;
        }
        let Some(tag) = dom.tag(id) else { continue };
        let tag: &str = tag;
        if leaving {
            if tag == "pre" {
                pre_depth -= 1;
            }
            if is_block(tag) {
                w.separate(Sep::Block);
            }
            continue;
        }
        if INVISIBLE.contains(&tag) || is_hidden(dom, id) {
            continue;
        }
        match tag {
            "br" => w.separate(Sep::Line),
            "pre" => pre_depth += 1,
            _ => {}
        }
        if is_block(tag) {
            w.separate(Sep::Block);
        }
        stack.push((id, true));
        let first = stack.len();
        stack.extend(dom.children(id).map(|c| (c, false)));
        stack[first..].reverse();
    }
    w.out
}

/// Parses `html` with default limits and flattens it.
pub fn flatten_html(html: &str) -> String {
    let (dom, _) = parse_with_navigation(html, &Limits::default());
    flatten(&dom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_lines_with_blank_lines_between() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\
            <header><nav><a href=/>Home</a> <a href=/x>World</a></nav></header>\
            <h1>The  headline</h1><p>First <b>bold</b>\n paragraph.</p>\
            <ul><li>one</li><li>two</li></ul><script>var x=1;</script>\
            <p>Line<br>break</p></body></html>";
        assert_eq!(
            flatten_html(html),
            "Home World\n\nThe headline\n\nFirst bold paragraph.\n\none\n\ntwo\n\nLine\nbreak"
        );
    }

    #[test]
    fn inline_elements_do_not_split_words() {
        assert_eq!(
            flatten_html("<p>Ex<i>am</i>ple <span>text</span></p>"),
            "Example text"
        );
    }

    #[test]
    fn invisible_content_is_skipped() {
        let html = "<body><template><p>tpl</p></template>\
            <div hidden>secret</div><p>shown</p><svg><text>chart</text></svg></body>";
        assert_eq!(flatten_html(html), "shown");
    }

    #[test]
    fn streamed_segments_are_shown() {
        // Regression: React's streamed segments (hidden until a script moves them into
        // place) held whole articles, and flattened to nothing.
        let html =
            "<body><div hidden>menu</div><div hidden id=\"S:0\"><p>Article.</p></div></body>";
        assert_eq!(flatten_html(html), "Article.");
    }

    #[test]
    fn noscript_content_is_read_as_a_crawler_sees_it() {
        // Regression: forum threads served in <noscript> flattened to nothing.
        let html = "<body><noscript><div><p>First post.</p><p>A reply.</p></div></noscript></body>";
        assert_eq!(flatten_html(html), "First post.\n\nA reply.");
    }

    #[test]
    fn table_cells_are_blocks() {
        let html = "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>";
        assert_eq!(flatten_html(html), "a\n\nb\n\nc");
    }

    #[test]
    fn preformatted_lines_are_kept() {
        assert_eq!(
            flatten_html("<pre>fn main() {\n    run();\n}</pre>"),
            "fn main() {\nrun();\n}"
        );
    }

    #[test]
    fn empty_page_flattens_to_nothing() {
        assert_eq!(flatten_html(""), "");
        assert_eq!(flatten_html("<div><p> </p></div>"), "");
    }
}
