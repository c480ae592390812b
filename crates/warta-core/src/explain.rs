//! `--explain`: a readable trace of how a page was read, written from the decisions the run
//! itself recorded (selection's [`Decision`] for each unit, cleaning's reasons, text mode's
//! kind for each line), so it shows what happened, not a second guess. For developers tuning
//! the engine and for users asking "why did my paragraph vanish?".

use std::fmt::Write;

use crate::clean::Cleaned;
use crate::dom::{Dom, NodeId, DOCUMENT};
use crate::select::{Chosen, Reading};

/// The HTML pipeline's trace: the reading chosen, its container, the fallback taken, what
/// cleaning removed, and each unit with what became of it.
pub(crate) fn html(dom: &Dom, cleaned: &Cleaned, chosen: &Chosen, width: usize) -> String {
    let mut out = String::new();
    if let Some(trace) = &chosen.trace {
        let reading = match trace.reading {
            Reading::Article => "article (the best-scoring container's prose)",
            Reading::Listing => "listing (teasers win over the container's prose)",
        };
        let _ = writeln!(out, "reading: {reading}");
    }
    let _ = writeln!(
        out,
        "container: {}  (page type {:?}, confidence {:.2})",
        path(dom, chosen.root),
        chosen.page_type,
        chosen.confidence
    );
    match chosen.fallback {
        Some(f) => {
            let _ = writeln!(
                out,
                "fallback: {} (the units below are the container's reading, before it)",
                f.description()
            );
        }
        None => {
            let _ = writeln!(out, "fallback: none");
        }
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
                let _ = writeln!(out, "  {chars:>6} chars  {reason:?}  {}", path(dom, n));
            }
        }
    }
    let _ = writeln!(out, "\nunits (decision, link density, text):");
    if let Some(trace) = &chosen.trace {
        for (u, d) in trace.units.iter().zip(&trace.decisions) {
            let _ = writeln!(
                out,
                "  {:<44} {:.2}  {:?}",
                d.describe(),
                u.link_density(),
                snippet(&u.text, width)
            );
        }
    }
    out
}

/// Text mode's trace: each line, what it was read as, and whether it made the body.
pub(crate) fn text(lines: &[(String, String)], width: usize) -> String {
    let mut out = String::from("lines (decision, text):\n");
    for (decision, text) in lines {
        let _ = writeln!(out, "  {decision:<44} {:?}", snippet(text, width));
    }
    out
}

fn snippet(text: &str, width: usize) -> String {
    text.chars().take(width).collect()
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

#[cfg(test)]
mod tests {
    use crate::select::Decision;

    #[test]
    fn every_decision_says_whether_it_kept() {
        assert_eq!(Decision::Kept.describe(), "kept");
        assert!(Decision::LinkDense.describe().starts_with("dropped"));
    }
}
