//! Empties `<nav>` elements, where that leaves the rest of the tree as html5ever builds it.
//!
//! Cleaning drops every `<nav>` whole, yet menus are a sixth of a page's markup once code is
//! skimmed, and the tokenizer and tree builder spend most of their time on tags. The body of
//! a `<nav>` can go when it is a self-contained fragment: its tags close in order (or as the
//! tree builder closes them implicitly), and none of them reaches outside the `<nav>` (tables,
//! document-level tags, end tags of elements opened before it, a link or form inside it while
//! one is open around it). Anything the tracker cannot follow keeps the `<nav>` as it is.

use std::ops::Range;

use super::Token;

/// Tags that act on elements or state outside the element they sit in: the document's
/// (`html`, `body`, `head`, `frameset`), table insertion modes and ruby annotations.
const REACHES_OUTSIDE: [&[u8]; 19] = [
    b"body",
    b"caption",
    b"col",
    b"colgroup",
    b"frame",
    b"frameset",
    b"head",
    b"html",
    b"rb",
    b"rp",
    b"rt",
    b"rtc",
    b"table",
    b"tbody",
    b"td",
    b"tfoot",
    b"th",
    b"thead",
    b"tr",
];

/// Elements without an end tag: they never stay open.
const VOID: [&[u8]; 16] = [
    b"area",
    b"base",
    b"basefont",
    b"bgsound",
    b"br",
    b"embed",
    b"hr",
    b"image",
    b"img",
    b"input",
    b"keygen",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
];

/// Elements whose end tag the tree builder supplies when an enclosing element ends.
const IMPLIED_END: [&[u8]; 6] = [b"p", b"li", b"dd", b"dt", b"option", b"optgroup"];

/// End tags that act only inside the current element when nothing of their name is open:
/// `</p>` then adds an empty paragraph, `</br>` is a line break, the others are ignored.
const LOCAL_WHEN_ALONE: [&[u8]; 4] = [b"p", b"br", b"option", b"optgroup"];

/// Elements opened before a menu that a tag inside it could act on: `<a>` and `<nobr>` (a
/// new one ends the old one wherever it is), `<button>` (a new one closes one in scope) and
/// `<form>` (while one is open a new one is ignored, and its end tag closes the open one).
/// Each counts as open from its start tag to its end tag, even where the tree builder closed
/// it earlier: the tracker is then only more careful.
const OPEN_AROUND: [&[u8]; 4] = [b"a", b"nobr", b"button", b"form"];

/// The special elements (in the spec's sense) that stop the tree builder's search for an
/// open `<li>`, `<dd>` or `<dt>` to close, headings aside; `address`, `div` and `p` do not
/// stop it. Only those that can be open in a menu are listed.
const STOPS_LIST_ITEM_SEARCH: [&[u8]; 32] = [
    b"applet",
    b"article",
    b"aside",
    b"blockquote",
    b"button",
    b"center",
    b"details",
    b"dialog",
    b"dir",
    b"dl",
    b"fieldset",
    b"figcaption",
    b"figure",
    b"footer",
    b"header",
    b"hgroup",
    b"iframe",
    b"listing",
    b"main",
    b"marquee",
    b"menu",
    b"nav",
    b"object",
    b"ol",
    b"pre",
    b"search",
    b"section",
    b"select",
    b"summary",
    b"textarea",
    b"ul",
    b"xmp",
];

/// Menus nest a few levels deep. Deeper ones are kept as they are, so that the searches
/// through the open elements stay short on any page.
const MAX_OPEN: usize = 100;

fn is_one_of(name: &[u8], set: &[&[u8]]) -> bool {
    set.iter().any(|s| name.eq_ignore_ascii_case(s))
}

fn is_heading(name: &[u8]) -> bool {
    name.len() == 2 && name[0].eq_ignore_ascii_case(&b'h') && (b'1'..=b'6').contains(&name[1])
}

/// Follows the page's tags and cuts the body of each `<nav>` it can follow to its end.
#[derive(Default)]
pub(super) struct Menus<'a> {
    menu: Option<Menu<'a>>,
    /// Per [`OPEN_AROUND`]: one was opened outside menus and its end tag not seen.
    open_outside: [bool; 4],
}

/// A `<nav>` being read.
struct Menu<'a> {
    /// Just past the `<nav>` start tag.
    body_start: usize,
    /// How many cuts were made before the body, which the body's cut replaces.
    cuts_before: usize,
    /// The elements open inside it, as the tree builder would have them, innermost last.
    open: Vec<&'a [u8]>,
}

enum Step {
    Continue,
    /// The menu's end tag, with the tree inside it closed.
    Closed,
    /// Something the tracker cannot follow: the menu stays.
    Unsure,
}

impl<'a> Menus<'a> {
    /// Reads the token at `lt..end`; on the end of a menu, replaces the cuts made in its body
    /// by one cut of the whole body.
    pub(super) fn read(
        &mut self,
        token: Token<'a>,
        lt: usize,
        end: usize,
        cuts: &mut Vec<Range<usize>>,
    ) {
        let Some(menu) = &mut self.menu else {
            match token {
                Token::Start(name) if name.eq_ignore_ascii_case(b"nav") => {
                    if !self.open_outside.contains(&true) {
                        self.menu = Some(Menu {
                            body_start: end,
                            cuts_before: cuts.len(),
                            open: Vec::new(),
                        });
                    }
                }
                Token::Start(name) => self.note_outside(name, true),
                Token::End(name) => self.note_outside(name, false),
                Token::JsonLd | Token::Other => {}
            }
            return;
        };
        match menu.read(token) {
            Step::Continue => {}
            Step::Closed => {
                cuts.truncate(menu.cuts_before);
                if lt > menu.body_start {
                    cuts.push(menu.body_start..lt);
                }
                self.menu = None;
            }
            Step::Unsure => {
                // what the menu left open is open outside it now
                let left_open = std::mem::take(&mut menu.open);
                self.menu = None;
                for name in left_open {
                    self.note_outside(name, true);
                }
            }
        }
    }

    fn note_outside(&mut self, name: &[u8], opened: bool) {
        if let Some(i) = OPEN_AROUND
            .iter()
            .position(|s| name.eq_ignore_ascii_case(s))
        {
            self.open_outside[i] = opened;
        }
    }
}

impl<'a> Menu<'a> {
    fn read(&mut self, token: Token<'a>) -> Step {
        match token {
            Token::Other => Step::Continue,
            Token::JsonLd => Step::Unsure,
            Token::Start(name) => self.start(name),
            Token::End(name) => self.end(name),
        }
    }

    fn start(&mut self, name: &'a [u8]) -> Step {
        if is_one_of(name, &REACHES_OUTSIDE) || self.open.len() >= MAX_OPEN {
            return Step::Unsure;
        }
        if is_one_of(name, &VOID) || super::is_foreign_root(name) {
            // foreign content is followed by the scanner itself
            return Step::Continue;
        }
        if name.eq_ignore_ascii_case(b"li") {
            self.close_list_item(&[b"li"]);
        } else if is_one_of(name, &[b"dd", b"dt"]) {
            self.close_list_item(&[b"dd", b"dt"]);
        } else if is_heading(name) && self.open.last().is_some_and(|t| is_heading(t)) {
            self.open.pop();
        }
        self.open.push(name);
        Step::Continue
    }

    /// A new list item closes the open one of `names`, unless a special element lies between.
    fn close_list_item(&mut self, names: &[&[u8]]) {
        for i in (0..self.open.len()).rev() {
            let t = self.open[i];
            if is_one_of(t, names) {
                self.open.truncate(i);
                return;
            }
            if is_one_of(t, &STOPS_LIST_ITEM_SEARCH) || is_heading(t) {
                return;
            }
        }
    }

    fn end(&mut self, name: &[u8]) -> Step {
        let Some(i) = self
            .open
            .iter()
            .rposition(|t| t.eq_ignore_ascii_case(name) || is_heading(name) && is_heading(t))
        else {
            if name.eq_ignore_ascii_case(b"nav") {
                return if self.open.iter().all(|t| is_one_of(t, &IMPLIED_END)) {
                    Step::Closed
                } else {
                    Step::Unsure
                };
            }
            // an end tag of nothing open in the menu may close what is open around it
            return if is_one_of(name, &LOCAL_WHEN_ALONE) {
                Step::Continue
            } else {
                Step::Unsure
            };
        };
        if !self.open[i + 1..]
            .iter()
            .all(|t| is_one_of(t, &IMPLIED_END))
        {
            return Step::Unsure;
        }
        self.open.truncate(i);
        Step::Continue
    }
}
