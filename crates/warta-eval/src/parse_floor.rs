//! The floor under `warta_core::dom::parse`: html5ever's tokenizer and tree builder feeding a
//! sink that keeps only what the tree builder must ask back (element names) and drops text,
//! attributes and links between nodes. The gap between this and `dom::parse` is what our own
//! arena costs; this itself is what any html5ever-based extractor pays before doing anything.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{local_name, ns, Attribute, QualName};

/// Parses `html` into nothing; returns the number of nodes the tree builder created.
pub fn parse(html: &str) -> usize {
    let sink = NameOnlySink {
        names: RefCell::new(vec![placeholder()]),
    };
    // The same options as `dom::parse`, so both parsers build the same tree.
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    html5ever::parse_document(sink, opts).one(StrTendril::from_slice(html))
}

/// Node handles index `names`.
struct NameOnlySink {
    names: RefCell<Vec<QualName>>,
}

/// The name given to non-elements, which the tree builder never asks about (all its atoms are
/// static, so cloning it costs nothing).
fn placeholder() -> QualName {
    QualName::new(None, ns!(html), local_name!("div"))
}

impl NameOnlySink {
    fn push(&self, name: QualName) -> usize {
        let mut names = self.names.borrow_mut();
        names.push(name);
        names.len() - 1
    }
}

impl TreeSink for NameOnlySink {
    type Handle = usize;
    type Output = usize;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> usize {
        self.names.into_inner().len()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> usize {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a usize) -> Ref<'a, QualName> {
        Ref::map(self.names.borrow(), |names| &names[*target])
    }

    fn create_element(&self, name: QualName, _attrs: Vec<Attribute>, _: ElementFlags) -> usize {
        self.push(name)
    }

    fn create_comment(&self, _text: StrTendril) -> usize {
        self.push(placeholder())
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> usize {
        self.push(placeholder())
    }

    fn append(&self, _parent: &usize, _child: NodeOrText<usize>) {}

    fn append_based_on_parent_node(&self, _: &usize, _: &usize, _: NodeOrText<usize>) {}

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &usize) -> usize {
        *target
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, _sibling: &usize, _child: NodeOrText<usize>) {}

    fn add_attrs_if_missing(&self, _target: &usize, _attrs: Vec<Attribute>) {}

    fn remove_from_parent(&self, _target: &usize) {}

    fn reparent_children(&self, _node: &usize, _new_parent: &usize) {}
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_the_nodes_the_tree_builder_creates() {
        // document, html, head, body, p, b, comment
        assert_eq!(super::parse("<p>a<b>b</b><!-- c -->"), 7);
    }
}
