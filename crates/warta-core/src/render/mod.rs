//! Article → output formats. One document model, rendered to every format.

use crate::article::{Article, Block};

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// Pretty-printed article JSON.
    Json,
    /// One article JSON per line.
    Jsonl,
    /// Markdown: the title as a heading, then the blocks.
    Markdown,
    /// Plain text: the body text ([`Article::text`]).
    Text,
    /// An `<article>` element: the title and the blocks.
    Html,
}

/// Renders an article in one of the formats. Never fails: JSON of an article always
/// serialises.
pub fn render(article: &Article, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(article).unwrap_or_default(),
        Format::Jsonl => serde_json::to_string(article).unwrap_or_default(),
        Format::Markdown => markdown(article),
        Format::Text => article.text.clone(),
        Format::Html => html(article),
    }
}

fn markdown(article: &Article) -> String {
    let mut parts = Vec::new();
    if let Some(t) = &article.title {
        parts.push(format!("# {t}"));
    }
    for b in &article.blocks {
        parts.push(match b {
            Block::Paragraph { text, .. } => text.clone(),
            Block::Heading { text, level } => {
                format!("{} {text}", "#".repeat((*level).clamp(2, 6) as usize))
            }
            Block::List { ordered, items } => items
                .iter()
                .enumerate()
                .map(|(i, it)| {
                    if *ordered {
                        format!("{}. {it}", i + 1)
                    } else {
                        format!("- {it}")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Quote { text, cite } => {
                let mut q = text
                    .lines()
                    .map(|l| format!("> {l}"))
                    .collect::<Vec<_>>()
                    .join("\n");
                if let Some(c) = cite {
                    q.push_str(&format!("\n>\n> — {c}"));
                }
                q
            }
            Block::Table { rows, header } => markdown_table(rows, *header),
            Block::Figure {
                src,
                caption,
                credit,
            } => {
                let alt = caption.as_deref().unwrap_or("");
                let mut f = match src {
                    Some(s) => format!("![{alt}]({s})"),
                    None => String::new(),
                };
                let note = [caption.as_deref(), credit.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" — ");
                if !note.is_empty() {
                    if !f.is_empty() {
                        f.push('\n');
                    }
                    f.push_str(&format!("*{note}*"));
                }
                f
            }
            Block::Code { text, language } => {
                format!("```{}\n{text}\n```", language.as_deref().unwrap_or(""))
            }
        });
    }
    parts.retain(|p| !p.is_empty());
    parts.join("\n\n") + "\n"
}

fn markdown_table(rows: &[Vec<String>], header: bool) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let line = |r: &Vec<String>| {
        let mut cells: Vec<String> = r.iter().map(|c| c.replace('|', "\\|")).collect();
        cells.resize(width, String::new());
        format!("| {} |", cells.join(" | "))
    };
    let mut out = Vec::new();
    let (head, body) = if header {
        (rows[0].clone(), &rows[1..])
    } else {
        (vec![String::new(); width], rows)
    };
    out.push(line(&head));
    out.push(format!("|{}", " --- |".repeat(width)));
    out.extend(body.iter().map(line));
    out.join("\n")
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html(article: &Article) -> String {
    let mut out = String::from("<article>\n");
    if let Some(t) = &article.title {
        out.push_str(&format!("<h1>{}</h1>\n", esc(t)));
    }
    for b in &article.blocks {
        match b {
            Block::Paragraph { text, .. } => out.push_str(&format!("<p>{}</p>\n", esc(text))),
            Block::Heading { text, level } => {
                let l = (*level).clamp(1, 6);
                out.push_str(&format!("<h{l}>{}</h{l}>\n", esc(text)));
            }
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                out.push_str(&format!("<{tag}>\n"));
                for it in items {
                    out.push_str(&format!("<li>{}</li>\n", esc(it)));
                }
                out.push_str(&format!("</{tag}>\n"));
            }
            Block::Quote { text, cite } => {
                out.push_str(&format!("<blockquote><p>{}</p>", esc(text)));
                if let Some(c) = cite {
                    out.push_str(&format!("<cite>{}</cite>", esc(c)));
                }
                out.push_str("</blockquote>\n");
            }
            Block::Table { rows, header } => {
                out.push_str("<table>\n");
                for (i, r) in rows.iter().enumerate() {
                    let cell = if *header && i == 0 { "th" } else { "td" };
                    out.push_str("<tr>");
                    for c in r {
                        out.push_str(&format!("<{cell}>{}</{cell}>", esc(c)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
            }
            Block::Figure {
                src,
                caption,
                credit,
            } => {
                out.push_str("<figure>");
                if let Some(s) = src {
                    out.push_str(&format!(
                        "<img src=\"{}\" alt=\"{}\">",
                        esc(s),
                        esc(caption.as_deref().unwrap_or(""))
                    ));
                }
                if caption.is_some() || credit.is_some() {
                    out.push_str("<figcaption>");
                    if let Some(c) = caption {
                        out.push_str(&esc(c));
                    }
                    if let Some(c) = credit {
                        out.push_str(&format!(" <small>{}</small>", esc(c)));
                    }
                    out.push_str("</figcaption>");
                }
                out.push_str("</figure>\n");
            }
            Block::Code { text, language } => {
                let class = language
                    .as_ref()
                    .map(|l| format!(" class=\"language-{}\"", esc(l)))
                    .unwrap_or_default();
                out.push_str(&format!("<pre><code{class}>{}</code></pre>\n", esc(text)));
            }
        }
    }
    out.push_str("</article>\n");
    out
}
