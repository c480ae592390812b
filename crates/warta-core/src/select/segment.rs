//! Cuts the cleaned tree into text units: each maximal run of inline content inside one block
//! element, with the structure around it (heading, list, table cell, quote, figure) recorded so
//! that the blocks stage can rebuild lists and tables from the units it keeps.

use foldhash::HashMap;
use std::cell::RefCell;

use html5ever::{local_name, LocalName};

use crate::clean::{anywhere_in_a_name, name_words, Cleaned};
use crate::dom::{Dom, NodeData, NodeId, LAZY_IMAGE_SOURCES};
use crate::lang::{furniture_kind, FurnitureKind};
use crate::tags;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Text,
    Heading(u8),
    ListItem {
        list: NodeId,
        ordered: bool,
    },
    Cell {
        table: NodeId,
        row: NodeId,
        header: bool,
    },
    Code,
    Caption {
        figure: NodeId,
    },
    Image {
        figure: Option<NodeId>,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// The block element that holds the run (the `img` for images).
    pub node: NodeId,
    pub kind: UnitKind,
    /// The enclosing `blockquote`, if any.
    pub quote: Option<NodeId>,
    /// Whitespace-collapsed text (for images: the `src`).
    pub text: String,
    /// Non-whitespace characters of `text`, a Han or kana character weighing as three
    /// ([`crate::script::char_weight`]): every length rule reads Chinese as it reads English.
    pub chars: usize,
    /// The same measure inside links.
    pub link_chars: usize,
    /// What kind of furniture the language packs say the text is, if any (asked once here,
    /// since every reading of the page needs it).
    pub furniture: Option<FurnitureKind>,
}

impl Unit {
    pub(crate) fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// An `<a>` leads somewhere only with an `href` that is not a script hook; anchors without
/// one (`<a name>`) and `javascript:` handlers wrap text without making it a link.
fn is_hyperlink(href: Option<&str>) -> bool {
    href.is_some_and(|h| {
        let h = h.trim_start();
        !h.get(..11)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("javascript:"))
    })
}

#[derive(Clone, Copy)]
struct Ctx {
    block: NodeId,
    kind: UnitKind,
    quote: Option<NodeId>,
    figure: Option<NodeId>,
    in_link: bool,
    pre: bool,
}

/// Class words naming a picture's caption or its credit line.
const CAPTION_WORDS: &[&str] = &["caption", "credit", "copyright", "attribution"];

/// A block named a caption with fewer words is a label; with more, a section of the page.
const CAPTION_MIN_WORDS: usize = 3;
const CAPTION_MAX_WORDS: usize = 100;

struct Segmenter<'a> {
    dom: &'a Dom,
    cleaned: &'a Cleaned,
    units: Vec<Unit>,
    buf: String,
    chars: usize,
    link_chars: usize,
    /// The previous `br` ended a line and nothing but whitespace followed yet.
    after_br: bool,
    /// Whether each table seen so far holds data (cached: asked once per cell).
    data_tables: RefCell<HashMap<NodeId, bool>>,
}

/// Cuts the subtree under `root` into units, in document order.
pub(crate) fn segment(dom: &Dom, cleaned: &Cleaned, root: NodeId) -> Vec<Unit> {
    let mut s = Segmenter {
        dom,
        cleaned,
        units: Vec::new(),
        buf: String::new(),
        chars: 0,
        link_chars: 0,
        after_br: false,
        data_tables: RefCell::default(),
    };
    let ctx = Ctx {
        block: root,
        kind: UnitKind::Text,
        quote: None,
        figure: None,
        in_link: false,
        pre: false,
    };
    s.walk(root, ctx);
    s.flush(ctx);
    s.units
}

impl Segmenter<'_> {
    fn walk(&mut self, id: NodeId, ctx: Ctx) {
        let dom = self.dom;
        for child in dom.children(id) {
            match &dom.nodes[child].data {
                NodeData::Text(t) => self.push_text(t, ctx),
                NodeData::Element(_) if !self.cleaned.is_removed(child) => {
                    self.element(child, ctx);
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, id: NodeId, ctx: Ctx) {
        let Some(tag) = self.dom.tag(id) else { return };
        match *tag {
            local_name!("br") => {
                if self.after_br {
                    // Two line breaks in a row separate paragraphs.
                    self.flush(ctx);
                } else {
                    self.buf.push('\n');
                    self.after_br = true;
                }
                return;
            }
            local_name!("img") => {
                self.image(id, ctx);
                return;
            }
            local_name!("a") if is_hyperlink(self.dom.attr(id, "href")) => {
                self.walk(
                    id,
                    Ctx {
                        in_link: true,
                        ..ctx
                    },
                );
                return;
            }
            _ => {}
        }
        // An inline element named a caption (`span.caption` after the picture) is a block of
        // its own.
        if !tags::is_block(tag) && !self.is_named_caption(id, ctx) {
            self.walk(id, ctx);
            return;
        }
        self.flush(ctx);
        let inner = self.block_ctx(id, tag, ctx);
        self.walk(id, inner);
        self.flush(inner);
    }

    fn block_ctx(&self, id: NodeId, tag: &LocalName, ctx: Ctx) -> Ctx {
        let mut inner = Ctx { block: id, ..ctx };
        match *tag {
            local_name!("h1") => inner.kind = UnitKind::Heading(1),
            local_name!("h2") => inner.kind = UnitKind::Heading(2),
            local_name!("h3") => inner.kind = UnitKind::Heading(3),
            local_name!("h4") => inner.kind = UnitKind::Heading(4),
            local_name!("h5") => inner.kind = UnitKind::Heading(5),
            local_name!("h6") => inner.kind = UnitKind::Heading(6),
            local_name!("li") => {
                let parent = self.dom.parent(id).unwrap_or(id);
                let ordered = self.dom.is_tag(parent, &local_name!("ol"));
                inner.kind = UnitKind::ListItem {
                    list: parent,
                    ordered,
                };
            }
            local_name!("ul") | local_name!("ol") => inner.kind = UnitKind::Text,
            local_name!("table") => {
                inner.kind = UnitKind::Text;
            }
            local_name!("td") | local_name!("th") => {
                let row = self.dom.parent(id).unwrap_or(id);
                let table = self
                    .dom
                    .ancestors(id)
                    .find(|&a| self.dom.is_tag(a, &local_name!("table")));
                if let Some(table) = table.filter(|&t| self.is_data_table(t)) {
                    inner.kind = UnitKind::Cell {
                        table,
                        row,
                        header: *tag == local_name!("th"),
                    };
                } else {
                    inner.kind = UnitKind::Text;
                }
            }
            local_name!("pre") => {
                inner.kind = UnitKind::Code;
                inner.pre = true;
            }
            local_name!("blockquote") => inner.quote = Some(id),
            local_name!("figure") => inner.figure = Some(id),
            local_name!("figcaption") => {
                // Templates often set the caption beside the figure rather than inside it.
                if let Some(figure) = ctx.figure {
                    inner.kind = UnitKind::Caption { figure };
                } else if self.beside_a_picture(id) {
                    inner.kind = UnitKind::Caption { figure: id };
                }
            }
            _ => {
                // A plain block inside a list item or cell stays part of it.
            }
        }
        if !matches!(inner.kind, UnitKind::Caption { .. }) && self.is_named_caption(id, ctx) {
            inner.kind = UnitKind::Caption {
                figure: ctx.figure.unwrap_or(id),
            };
        }
        inner
    }

    /// A block whose class names it a caption (`wp-caption-text`, `figure__caption`,
    /// `imageCaption`) describes a picture, however the template built the picture. A card's
    /// text block carries the same word but holds a link, a heading or a list, and an icon's
    /// label is a few words; a block that long is a section that merely carries the word.
    fn is_named_caption(&self, id: NodeId, ctx: Ctx) -> bool {
        let dom = self.dom;
        // Most classes hold none of the words anywhere; finding that out needs no word split.
        static ANYWHERE: std::sync::LazyLock<aho_corasick::AhoCorasick> =
            std::sync::LazyLock::new(|| anywhere_in_a_name(CAPTION_WORDS));
        let names_caption = dom.attr(id, "class").is_some_and(|class| {
            ANYWHERE.is_match(class)
                && class
                    .split_ascii_whitespace()
                    .flat_map(name_words)
                    .any(|w| CAPTION_WORDS.contains(&&*w))
        });
        if !names_caption || ctx.in_link || dom.is_tag(id, &local_name!("figcaption")) {
            return false;
        }
        if !self.beside_a_picture(id) {
            return false;
        }
        let holds_structure = dom.descendants(id).any(|d| {
            dom.is_heading(d)
                || dom.is_tag(d, &local_name!("a")) && is_hyperlink(dom.attr(d, "href"))
                || dom.tag(d).is_some_and(|t| {
                    matches!(
                        *t,
                        local_name!("ul")
                            | local_name!("ol")
                            | local_name!("dl")
                            | local_name!("table")
                    )
                })
        });
        let words = dom.text_content(id).split_whitespace().count();
        !holds_structure && (CAPTION_MIN_WORDS..=CAPTION_MAX_WORDS).contains(&words)
    }

    /// Whether a picture sits beside `id`, within its parent or grandparent.
    fn beside_a_picture(&self, id: NodeId) -> bool {
        let dom = self.dom;
        dom.ancestors(id).take(2).any(|a| {
            dom.descendants(a).any(|d| {
                dom.tag(d).is_some_and(|t| {
                    matches!(
                        *t,
                        local_name!("img") | local_name!("picture") | local_name!("video")
                    )
                }) && !dom.ancestors(d).any(|x| x == id)
            })
        })
    }

    fn is_data_table(&self, table: NodeId) -> bool {
        *self
            .data_tables
            .borrow_mut()
            .entry(table)
            .or_insert_with(|| is_data_table(self.dom, table))
    }

    fn image(&mut self, id: NodeId, ctx: Ctx) {
        let dom = self.dom;
        let src = std::iter::once("src")
            .chain(LAZY_IMAGE_SOURCES)
            .filter_map(|a| dom.attr(id, a))
            .find(|s| !s.trim().is_empty() && !s.starts_with("data:"));
        let Some(src) = src else { return };
        let tiny = ["width", "height"].iter().any(|a| {
            dom.attr(id, a)
                .and_then(|v| v.trim_end_matches("px").parse::<u32>().ok())
                .is_some_and(|v| v < 50)
        });
        if tiny || ctx.in_link && ctx.figure.is_none() {
            return;
        }
        self.flush(ctx);
        self.units.push(Unit {
            node: id,
            kind: UnitKind::Image { figure: ctx.figure },
            quote: ctx.quote,
            text: src.trim().to_string(),
            chars: 0,
            link_chars: 0,
            furniture: None,
        });
    }

    fn push_text(&mut self, text: &str, ctx: Ctx) {
        if ctx.pre {
            self.buf.push_str(text);
            let n = crate::script::weighed_chars(text);
            self.chars += n;
            if ctx.in_link {
                self.link_chars += n;
            }
            return;
        }
        // word by word: a run of whitespace is one space, and none at the start of a line
        let mut rest = text;
        while !rest.is_empty() {
            let word_start = rest
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len());
            if word_start > 0 && !self.buf.is_empty() && !self.buf.ends_with([' ', '\n']) {
                self.buf.push(' ');
            }
            rest = &rest[word_start..];
            if rest.is_empty() {
                break;
            }
            let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = &rest[..word_end];
            self.after_br = false;
            self.buf.push_str(word);
            let weight = crate::script::word_weight(word);
            self.chars += weight;
            if ctx.in_link {
                self.link_chars += weight;
            }
            rest = &rest[word_end..];
        }
    }

    fn flush(&mut self, ctx: Ctx) {
        self.after_br = false;
        if self.chars == 0 {
            self.buf.clear();
            return;
        }
        let text = if ctx.pre {
            self.buf.trim_matches('\n').trim_end().to_string()
        } else {
            self.buf
                .split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        };
        self.buf.clear();
        let furniture = furniture_kind(&text);
        self.units.push(Unit {
            node: ctx.block,
            kind: ctx.kind,
            quote: ctx.quote,
            furniture,
            text,
            chars: std::mem::take(&mut self.chars),
            link_chars: std::mem::take(&mut self.link_chars),
        });
    }
}

/// A table of data rather than one used for page layout: no nested tables, and cells short
/// on average.
fn is_data_table(dom: &Dom, table: NodeId) -> bool {
    let (mut cells, mut chars) = (0usize, 0usize);
    for n in dom.descendants(table) {
        match &dom.nodes[n].data {
            NodeData::Text(t) => chars += t.len(),
            NodeData::Element(e) => match e.name.local {
                local_name!("table") => return false,
                local_name!("td") | local_name!("th") => cells += 1,
                _ => {}
            },
            _ => {}
        }
    }
    cells > 1 && chars / cells < MAX_MEAN_DATA_CELL_BYTES
}

/// Cells of data tables hold figures and short labels, not paragraphs.
const MAX_MEAN_DATA_CELL_BYTES: usize = 150;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::clean;
    use crate::dom::{parse, DOCUMENT};
    use crate::options::Limits;

    fn units(html: &str) -> Vec<(UnitKind, String)> {
        let (dom, _) = parse(html, &Limits::default());
        let cleaned = clean(&dom, Default::default());
        segment(&dom, &cleaned, DOCUMENT)
            .into_iter()
            .map(|u| (u.kind, u.text))
            .collect()
    }

    #[test]
    fn inline_runs_and_blocks() {
        let u = units("<div>Lead <b>bold</b><p>Para <a href=x>link</a>.</p>tail</div>");
        let texts: Vec<_> = u.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, vec!["Lead bold", "Para link.", "tail"]);
    }

    #[test]
    fn a_block_named_a_caption_beside_a_picture_is_a_caption() {
        let is_caption = |html: &str, text: &str| {
            units(html)
                .iter()
                .any(|(k, t)| t == text && matches!(k, UnitKind::Caption { .. }))
        };
        let caption = "The minister arrives at the harbour on Monday. Photo: Jane Roe";
        assert!(is_caption(
            &format!(
                "<div class=wp-caption><img src=a.jpg><p class=wp-caption-text>{caption}</p></div>"
            ),
            caption
        ));
        assert!(is_caption(
            &format!("<div><p><img src=a.jpg></p><span class=newsCaption>{caption}</span></div>"),
            caption
        ));
        let credit = "(Image credit: Jane Roe Studio)";
        assert!(is_caption(
            &format!("<figure><img src=a.jpg><div class=image-credit>{credit}</div></figure>"),
            credit
        ));
        assert!(is_caption(
            &format!(
                "<div><figure><img src=a.jpg></figure><figcaption>{caption}</figcaption></div>"
            ),
            caption
        ));
        // A card's text block, an icon's label and a styled line with no picture stay text.
        let card = "Laser projector with five thousand lumens";
        assert!(!is_caption(
            &format!("<div><img src=p.jpg><div class=caption><h3>{card}</h3></div></div>"),
            card
        ));
        assert!(!is_caption(
            "<div><img src=i.svg><div class=caption-s>Model name</div></div>",
            "Model name"
        ));
        assert!(!is_caption(
            &format!("<div><div class=caption-s>{caption}</div></div>"),
            caption
        ));
    }

    #[test]
    fn double_br_splits_paragraphs() {
        let u = units("<div>one<br>two<br><br>three</div>");
        let texts: Vec<_> = u.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, vec!["one\ntwo", "three"]);
    }

    #[test]
    fn lists_and_headings_keep_their_kind() {
        let u = units("<h2>Sub</h2><ol><li>a</li><li>b</li></ol>");
        assert_eq!(u[0].0, UnitKind::Heading(2));
        assert!(matches!(u[1].0, UnitKind::ListItem { ordered: true, .. }));
        assert_eq!(u.len(), 3);
    }

    #[test]
    fn only_anchors_that_lead_somewhere_are_links() {
        for (html, linked) in [
            ("<p><a href=/x>abcd</a></p>", 4),
            ("<p><a href='JavaScript:void(0)'>abcd</a></p>", 0),
            ("<p><a name=top>abcd</a></p>", 0),
        ] {
            let (dom, _) = parse(html, &Limits::default());
            let cleaned = clean(&dom, Default::default());
            let u = segment(&dom, &cleaned, DOCUMENT);
            assert_eq!(u[0].link_chars, linked, "{html}");
        }
    }

    #[test]
    fn han_characters_weigh_as_three_letters() {
        let (dom, _) = parse("<p>港口 <a href=x>ab</a></p>", &Limits::default());
        let cleaned = clean(&dom, Default::default());
        let u = segment(&dom, &cleaned, DOCUMENT);
        assert_eq!((u[0].chars, u[0].link_chars), (8, 2));
    }

    #[test]
    fn link_density_counts_link_text() {
        let (dom, _) = parse("<p>abcd <a href=x>efgh</a></p>", &Limits::default());
        let cleaned = clean(&dom, Default::default());
        let u = segment(&dom, &cleaned, DOCUMENT);
        assert_eq!(u[0].chars, 8);
        assert_eq!(u[0].link_chars, 4);
    }
}
