//! Stage 3: DOM → cleaned tree. Marks the nodes that can never be article text.
use crate::dom::Dom;

pub struct Cleaned {
    pub removed: Vec<bool>,
}

pub fn clean(dom: &Dom) -> Cleaned {
    Cleaned {
        removed: vec![false; dom.nodes.len()],
    }
}
