//! Stage 5: chosen content → blocks. Rebuilds lists, tables, quotes and figures from the
//! units selection kept, in reading order.

use crate::article::Block;
use crate::dom::NodeId;
use crate::options::Options;
use crate::select::segment::{Unit, UnitKind};
use crate::select::Chosen;

pub fn build(chosen: &Chosen, opts: &Options) -> Vec<Block> {
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

struct Builder {
    base: Option<url::Url>,
    out: Vec<Block>,
    /// The group of the last block, which the next unit may extend.
    open: Option<Group>,
    /// The table row of the last cell.
    row: Option<NodeId>,
}

impl Builder {
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
                let (caption, credit) = split_credit(&u.text);
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
                    let (c, cr) = split_credit(&u.text);
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
        match &self.base {
            Some(base) => base
                .join(src)
                .map_or_else(|_| src.to_string(), |u| u.to_string()),
            None => src.to_string(),
        }
    }
}

/// Words that introduce a picture credit inside a caption.
const CREDIT_LABELS: &[&str] = &[
    "foto:",
    "photo:",
    "photograph:",
    "image:",
    "bild:",
    "credit:",
    "credits:",
    "source:",
    "sumber:",
    "©",
    "(c)",
    "picture:",
    "fotó:",
    "фото:",
];

/// Splits a caption into its text and a trailing credit: "(Photo: X)", "Foto: X", "[X]",
/// "X/AFP", "© X".
pub fn split_credit(caption: &str) -> (String, Option<String>) {
    let c = caption.trim();
    // Bracketed credit at the end: "Sergei Lavrov [Reuters]" or "… (Photo: AP)".
    if let Some(stripped) = c.strip_suffix(']').or_else(|| c.strip_suffix(')')) {
        let open = if c.ends_with(']') { '[' } else { '(' };
        if let Some(pos) = stripped.rfind(open) {
            let inner = stripped[pos + 1..].trim();
            let words = inner.split_whitespace().count();
            let labelled = CREDIT_LABELS
                .iter()
                .find(|l| inner.to_lowercase().starts_with(*l));
            if pos > 0 && (labelled.is_some() || (open == '[' && words <= 6)) {
                let credit = match labelled {
                    Some(l) => inner[l.len()..].trim().to_string(),
                    None => inner.to_string(),
                };
                return (
                    c[..pos].trim().to_string(),
                    Some(credit).filter(|s| !s.is_empty()),
                );
            }
        }
    }
    // Labelled credit anywhere after the text: "A fire in the hills. Photo: Jane Doe".
    let lower = c.to_lowercase();
    for label in CREDIT_LABELS {
        if let Some(pos) = lower.rfind(label) {
            if pos > 0 && c.is_char_boundary(pos) {
                let credit = c[pos + label.len()..].trim();
                if !credit.is_empty() && credit.split_whitespace().count() <= 8 {
                    let text = c[..pos]
                        .trim()
                        .trim_end_matches(['|', '-', '–', '/'])
                        .trim();
                    return (text.to_string(), Some(credit.to_string()));
                }
            }
        }
    }
    (c.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_split_off_captions() {
        assert_eq!(
            split_credit("Sergei Lavrov [Reuters]"),
            ("Sergei Lavrov".into(), Some("Reuters".into()))
        );
        assert_eq!(
            split_credit("Fire in the hills. (Photo: Jane Doe/AP)"),
            ("Fire in the hills.".into(), Some("Jane Doe/AP".into()))
        );
        assert_eq!(
            split_credit("Der Hafen am Morgen. Foto: Max Muster"),
            ("Der Hafen am Morgen.".into(), Some("Max Muster".into()))
        );
        assert_eq!(
            split_credit("A plain caption."),
            ("A plain caption.".into(), None)
        );
    }
}
