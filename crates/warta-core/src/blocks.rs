//! Stage 5: chosen content → blocks. Rebuilds lists, tables, quotes and figures from the
//! units selection kept, in reading order.

use html5ever::local_name;

use crate::article::{Block, Link, Related};
use crate::clean::{Cleaned, Reason};
use crate::dates::{self, DateContext};
use crate::dom::Dom;
use crate::dom::NodeId;
use crate::lang::FurnitureKind;
use crate::options::Options;
use crate::select::segment::{Unit, UnitKind};
use crate::select::Chosen;
use crate::strings::{collapse, COLONS};
use crate::text::split_caption_credit;

/// Builds the body; `language` picks the phrases that tell a caption's credit.
pub(crate) fn build(chosen: &Chosen, opts: &Options, language: Option<&str>) -> Vec<Block> {
    if let Some(body) = &chosen.from_article_body {
        return body
            .split('\n')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| Block::Paragraph {
                text: p.to_string(),
                links: Vec::new(),
            })
            .collect();
    }
    let mut b = Builder {
        language,
        base: opts.url.as_deref().and_then(|u| url::Url::parse(u).ok()),
        out: Vec::new(),
        open: None,
        row: None,
    };
    for u in &chosen.units {
        b.push(u);
    }
    b.out
}

/// The "read also" cross-links taken out of the body: the title after the label, and the
/// first link's target.
pub(crate) fn read_also(dom: &Dom, chosen: &Chosen, opts: &Options) -> Vec<Link> {
    let base = opts.url.as_deref().and_then(|u| url::Url::parse(u).ok());
    chosen
        .asides
        .iter()
        .filter(|u| u.furniture == Some(FurnitureKind::ReadAlso))
        .filter_map(|u| {
            let title = after_label(&u.text);
            let href = std::iter::once(u.node)
                .chain(dom.descendants(u.node))
                .find(|&n| dom.is_tag(n, &local_name!("a")))
                .and_then(|a| dom.attr(a, "href"));
            let url = href.map(|h| resolve(base.as_ref(), h));
            (!title.is_empty()).then_some(Link { title, url })
        })
        .collect()
}

/// Related-story lists the cleaner took out (boxes named "related" or "recommended"): each
/// item's linked headline, its target, the age as printed and, when a reference time is
/// known, the time that age points to.
pub(crate) fn related(
    dom: &Dom,
    cleaned: &Cleaned,
    opts: &Options,
    language: Option<&str>,
) -> Vec<Related> {
    let base = opts.url.as_deref().and_then(|u| url::Url::parse(u).ok());
    let languages: Vec<&str> = language.into_iter().collect();
    let ctx = DateContext::new(opts.reference_time.as_deref(), &languages);
    let mut out: Vec<Related> = Vec::new();
    let boxes = dom.descendants(crate::dom::DOCUMENT).filter(|&n| {
        matches!(
            cleaned.reason(n),
            Some(Reason::FurnitureName("related" | "recommended"))
        )
    });
    for b in boxes {
        for a in dom
            .descendants(b)
            .filter(|&n| dom.is_tag(n, &local_name!("a")))
        {
            let title = collapse(&dom.text_content(a));
            if title.chars().count() < MIN_RELATED_TITLE_CHARS
                || out.iter().any(|r| r.title == title)
            {
                continue;
            }
            // The item is the link's nearest list item or block, where the age is printed.
            let item = dom
                .ancestors(a)
                .take_while(|&p| p != b)
                .find(|&p| {
                    matches!(
                        dom.tag(p),
                        Some(&local_name!("li")) | Some(&local_name!("article"))
                    )
                })
                .unwrap_or(a);
            let rest = collapse(&dom.text_content(item)).replacen(&title, " ", 1);
            let age = dates::parse_relative(&rest, &ctx);
            out.push(Related {
                url: dom.attr(a, "href").map(|h| resolve(base.as_ref(), h)),
                published: age.as_ref().and_then(|r| r.at).map(|t| t.to_string()),
                age: age.map(|r| r.text),
                teaser: None,
                title,
            });
        }
    }
    out
}

/// Shorter linked texts in a related box are labels ("More", "Video"), not headlines.
const MIN_RELATED_TITLE_CHARS: usize = 15;

/// The texts of the wire-credit lines taken out of the body ("Sumber: Antara").
pub(crate) fn credit_lines(chosen: &Chosen) -> impl Iterator<Item = &str> {
    chosen
        .asides
        .iter()
        .filter(|u| u.furniture == Some(FurnitureKind::SourceCredit))
        .map(|u| u.text.as_str())
}

/// "Baca juga: Judul" → "Judul"; a line without a colon is all title after its first words,
/// which the language pack matched, so it is kept whole rather than guessed at.
fn after_label(line: &str) -> String {
    match line.split_once(COLONS) {
        Some((_, title)) => title.trim().to_string(),
        None => line.trim().to_string(),
    }
}

/// Units that belong to one output block share a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    List(NodeId),
    Table(NodeId),
    Figure(NodeId),
    Quote(NodeId),
}

impl Group {
    fn of(u: &Unit) -> Option<Group> {
        match u.kind {
            UnitKind::ListItem { list, .. } => Some(Group::List(list)),
            UnitKind::Cell { table, .. } => Some(Group::Table(table)),
            UnitKind::Caption { figure }
            | UnitKind::Image {
                figure: Some(figure),
            } => Some(Group::Figure(figure)),
            _ => u.quote.map(Group::Quote),
        }
    }
}

struct Builder<'a> {
    language: Option<&'a str>,
    base: Option<url::Url>,
    out: Vec<Block>,
    /// The group of the last block, which the next unit may extend.
    open: Option<Group>,
    /// The table row of the last cell.
    row: Option<NodeId>,
}

impl Builder<'_> {
    fn push(&mut self, u: &Unit) {
        let group = Group::of(u);
        if group.is_some() && group == self.open {
            self.extend(u);
        } else {
            self.open = group;
            let block = self.start(u);
            self.out.push(block);
        }
        if let UnitKind::Cell { row, .. } = u.kind {
            self.row = Some(row);
        }
    }

    fn start(&self, u: &Unit) -> Block {
        if u.quote.is_some() && !matches!(u.kind, UnitKind::ListItem { .. } | UnitKind::Cell { .. })
        {
            return Block::Quote {
                text: u.text.clone(),
                cite: None,
            };
        }
        match u.kind {
            UnitKind::Text => Block::Paragraph {
                text: u.text.clone(),
                links: Vec::new(),
            },
            UnitKind::Heading(level) => Block::Heading {
                text: u.text.clone(),
                level,
            },
            UnitKind::ListItem { ordered, .. } => Block::List {
                ordered,
                items: vec![u.text.clone()],
            },
            UnitKind::Cell { header, .. } => Block::Table {
                rows: vec![vec![u.text.clone()]],
                header,
            },
            UnitKind::Code => Block::Code {
                text: u.text.clone(),
                language: None,
            },
            UnitKind::Caption { .. } => {
                let (caption, credit) = split_caption_credit(&u.text, self.language);
                Block::Figure {
                    src: None,
                    caption: Some(caption),
                    credit,
                }
            }
            UnitKind::Image { .. } => Block::Figure {
                src: Some(self.resolve(&u.text)),
                caption: None,
                credit: None,
            },
        }
    }

    fn extend(&mut self, u: &Unit) {
        let src = matches!(u.kind, UnitKind::Image { .. }).then(|| self.resolve(&u.text));
        let same_row = matches!(u.kind, UnitKind::Cell { row, .. } if Some(row) == self.row);
        let Some(last) = self.out.last_mut() else {
            return;
        };
        match last {
            Block::List { items, .. } => items.push(u.text.clone()),
            Block::Table { rows, header } => {
                let is_th = matches!(u.kind, UnitKind::Cell { header: true, .. });
                match rows.last_mut() {
                    Some(r) if same_row => r.push(u.text.clone()),
                    _ => rows.push(vec![u.text.clone()]),
                }
                // A header row is a first row made only of header cells.
                if rows.len() == 1 && !is_th {
                    *header = false;
                }
            }
            Block::Figure {
                src: fig_src,
                caption,
                credit,
            } => match u.kind {
                UnitKind::Image { .. } if fig_src.is_none() => *fig_src = src,
                UnitKind::Caption { .. } => {
                    let (c, cr) = split_caption_credit(&u.text, self.language);
                    *caption = Some(match caption.take() {
                        Some(prev) => format!("{prev} {c}"),
                        None => c,
                    });
                    if cr.is_some() {
                        *credit = cr;
                    }
                }
                _ => {}
            },
            Block::Quote { text, .. } => {
                text.push('\n');
                text.push_str(&u.text);
            }
            _ => {}
        }
    }

    fn resolve(&self, src: &str) -> String {
        resolve(self.base.as_ref(), src)
    }
}

/// `href` made absolute against the page's URL when there is one; kept as written otherwise.
fn resolve(base: Option<&url::Url>, href: &str) -> String {
    match base {
        Some(base) => base
            .join(href)
            .map_or_else(|_| href.to_string(), |u| u.to_string()),
        None => href.to_string(),
    }
}
