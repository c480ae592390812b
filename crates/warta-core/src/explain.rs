//! A readable trace of why content was chosen: the best containers with their scores, the
//! furniture subtrees removed by cleaning, and each unit's value. For developers tuning the
//! engine and for users asking "why did my paragraph vanish?".

use std::fmt::Write;

use crate::clean::clean;
use crate::dom::{Dom, NodeId, DOCUMENT};
use crate::options::Options;
use crate::select::segment::segment;
use crate::select::{best_container, score, scoring_root, Reading};

/// Explains the choices made on an HTML page, quoting up to `width` characters of each text.
pub(crate) fn explain_html(html: &str, opts: &Options, width: usize) -> String {
    let (dom, _) = crate::dom::parse(html, &opts.limits);
    let meta = crate::metadata::extract(&dom, opts);
    let cleaned = clean(&dom, meta.clean_hints());
    let start = scoring_root(&dom);
    let units = segment(&dom, &cleaned, start);
    let s = score(&dom, &units, &meta, Reading::Article);
    let mut out = String::new();
    let (_, root) = best_container(&dom, &s, start);
    let _ = writeln!(
        out,
        "container: {} score={:.0}",
        path(&dom, root),
        s.score[root]
    );
    let mut ranked: Vec<NodeId> = dom
        .descendants(start)
        .filter(|&n| dom.element(n).is_some() && s.count[n] > 0)
        .collect();
    ranked.sort_by(|a, b| s.score[*b].total_cmp(&s.score[*a]));
    let _ = writeln!(out, "\ntop candidates:");
    for &n in ranked.iter().take(8) {
        let _ = writeln!(out, "  {:>8.0}  {}", s.score[n], path(&dom, n));
    }
    let _ = writeln!(out, "\nremoved by cleaning (with text):");
    for n in dom.descendants(DOCUMENT) {
        if let Some(reason) = cleaned.reason(n) {
            let text = dom.text_content(n);
            let chars = text.chars().filter(|c| !c.is_whitespace()).count();
            if chars >= 40
                && dom
                    .tag(n)
                    .is_some_and(|t| &**t != "script" && &**t != "style")
            {
                let _ = writeln!(out, "  {chars:>6} chars  {reason:?}  {}", path(&dom, n));
            }
        }
    }
    let _ = writeln!(out, "\nunits (value, link density, text):");
    for (u, v) in units.iter().zip(&s.values) {
        let inside = u.node == root || dom.ancestors(u.node).any(|a| a == root);
        let snippet: String = u.text.chars().take(width).collect();
        let _ = writeln!(
            out,
            "  {} {:>7.0} {:.2}  {:?}",
            if inside { '*' } else { ' ' },
            v,
            u.link_density(),
            snippet
        );
    }
    out
}

/// `tag#id.class` for the element and a few of its ancestors.
fn path(dom: &Dom, id: NodeId) -> String {
    let mut parts: Vec<String> = std::iter::once(id)
        .chain(dom.ancestors(id))
        .filter_map(|n| {
            let el = dom.element(n)?;
            let mut p = el.name.local.to_string();
            if let Some(i) = el.attr("id") {
                p.push('#');
                p.push_str(i);
            }
            if let Some(c) = el.attr("class") {
                for c in c.split_whitespace().take(3) {
                    p.push('.');
                    p.push_str(c);
                }
            }
            Some(p)
        })
        .take(5)
        .collect();
    parts.reverse();
    parts.join(" > ")
}
