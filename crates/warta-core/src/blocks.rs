//! Stage 5: chosen content → blocks.
use crate::article::Block;
use crate::clean::Cleaned;
use crate::dom::Dom;
use crate::metadata::Metadata;
use crate::options::Options;
use crate::select::Chosen;

pub fn build(
    dom: &Dom,
    _cleaned: &Cleaned,
    chosen: &Chosen,
    _meta: &Metadata,
    _opts: &Options,
) -> Vec<Block> {
    dom.descendants(chosen.root)
        .filter(|&n| dom.is_tag(n, &html5ever::local_name!("p")))
        .map(|n| Block::Paragraph {
            text: crate::metadata::collapse(&dom.text_content(n)),
            links: vec![],
        })
        .collect()
}
