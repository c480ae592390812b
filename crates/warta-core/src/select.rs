//! Stage 4: cleaned tree → chosen content.
use crate::article::PageType;
use crate::clean::Cleaned;
use crate::dom::{Dom, NodeId, DOCUMENT};
use crate::metadata::Metadata;
use crate::options::Options;

pub struct Chosen {
    pub root: NodeId,
    pub page_type: PageType,
    pub confidence: f32,
}

pub fn select(dom: &Dom, _cleaned: &Cleaned, _meta: &Metadata, _opts: &Options) -> Chosen {
    Chosen {
        root: dom.body().unwrap_or(DOCUMENT),
        page_type: PageType::Article,
        confidence: 0.5,
    }
}
