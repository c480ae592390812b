//! Helpers shared by the text-mode tests.

use warta_core::{Article, Block};

/// Each figure's caption and credit, in order.
pub(crate) fn figures(article: &Article) -> Vec<(Option<&str>, Option<&str>)> {
    article
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Figure {
                caption, credit, ..
            } => Some((caption.as_deref(), credit.as_deref())),
            _ => None,
        })
        .collect()
}
