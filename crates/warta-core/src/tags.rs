//! The one tag-set module: the element sets the stages each ask about (what starts a block of
//! text, what starts a line, what holds code rather than text, what is never content), named
//! once here rather than listed in clean, select and metadata.

use html5ever::{local_name, LocalName};

/// Elements that start a new block of text.
const BLOCK_TAGS: &[LocalName] = &[
    local_name!("p"),
    local_name!("div"),
    local_name!("section"),
    local_name!("article"),
    local_name!("main"),
    local_name!("header"),
    local_name!("footer"),
    local_name!("aside"),
    local_name!("h1"),
    local_name!("h2"),
    local_name!("h3"),
    local_name!("h4"),
    local_name!("h5"),
    local_name!("h6"),
    local_name!("ul"),
    local_name!("ol"),
    local_name!("li"),
    local_name!("dl"),
    local_name!("dt"),
    local_name!("dd"),
    local_name!("table"),
    local_name!("thead"),
    local_name!("tbody"),
    local_name!("tfoot"),
    local_name!("tr"),
    local_name!("td"),
    local_name!("th"),
    local_name!("caption"),
    local_name!("blockquote"),
    local_name!("pre"),
    local_name!("figure"),
    local_name!("figcaption"),
    local_name!("address"),
    local_name!("hr"),
    local_name!("details"),
    local_name!("summary"),
    local_name!("center"),
    local_name!("form"),
    local_name!("fieldset"),
    local_name!("body"),
];

pub(crate) fn is_block(tag: &LocalName) -> bool {
    BLOCK_TAGS.contains(tag)
}

/// Elements that start a new line when rendered.
pub(crate) fn starts_line(tag: &LocalName) -> bool {
    is_heading(tag)
        || matches!(
            *tag,
            local_name!("p")
                | local_name!("div")
                | local_name!("li")
                | local_name!("ul")
                | local_name!("ol")
                | local_name!("dl")
                | local_name!("dt")
                | local_name!("dd")
                | local_name!("br")
                | local_name!("section")
                | local_name!("article")
                | local_name!("header")
                | local_name!("footer")
                | local_name!("aside")
                | local_name!("nav")
                | local_name!("table")
                | local_name!("tr")
                | local_name!("td")
                | local_name!("th")
                | local_name!("figure")
                | local_name!("figcaption")
                | local_name!("blockquote")
        )
}

/// Code the reader never sees: scripts, styles, templates, the head.
pub(crate) fn holds_no_text(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("script")
            | local_name!("style")
            | local_name!("noscript")
            | local_name!("template")
            | local_name!("head")
    )
}

/// Elements whose content is never article text.
const NEVER_CONTENT: &[LocalName] = &[
    local_name!("script"),
    local_name!("style"),
    local_name!("template"),
    local_name!("svg"),
    local_name!("math"),
    local_name!("iframe"),
    local_name!("object"),
    local_name!("embed"),
    local_name!("canvas"),
    local_name!("audio"),
    local_name!("video"),
    local_name!("map"),
    local_name!("input"),
    local_name!("select"),
    local_name!("option"),
    local_name!("button"),
    local_name!("textarea"),
    local_name!("datalist"),
    local_name!("label"),
    local_name!("nav"),
    local_name!("dialog"),
    local_name!("head"),
    local_name!("menu"),
];

/// An element whose content is never article text: code, media, form controls, navigation.
pub(crate) fn is_never_content(tag: &LocalName) -> bool {
    NEVER_CONTENT.contains(tag)
}

/// A heading element, `h1` to `h6`.
pub(crate) fn is_heading(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}
