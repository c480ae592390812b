//! The article: warta's one output shape (see `docs/ARTICLE.md`). Every front serialises this.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::warning::Warning;

/// The article read from one page: warta's one output shape, the same for HTML and for
/// flattened text. Serialised with serde it is the JSON documented in `docs/ARTICLE.md`; a
/// value the page does not give is `None` (or empty) and left out of the JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Article {
    /// The page's URL: the one the caller gave, else the canonical URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// From `<link rel=canonical>` or `og:url`, made absolute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    /// The headline, without the site's name around it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Credited people or organisations, each with a role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Person>,
    /// The publication's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// First publication, RFC 3339 (a day alone when the page gives only a day).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Last update, RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// The language of the article text, ISO 639-1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The place that opens the lead ("Jakarta"), taken out of the first paragraph.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// Wire and source credits ("Reuters", "Antara").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The site's section.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Keywords.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The summary or standfirst the page declares.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The lead image.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    /// The body in reading order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    /// The body as plain text: every block's text but figures', separated by a blank line.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// "Read also" cross-links taken out of the body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub read_also: Vec<Link>,
    /// Entries of related-story lists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// What kind of page this is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_type: Option<PageType>,
    /// How sure the engine is that `text` is the main content, 0–1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    /// Per metadata field, where its value came from.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub provenance: BTreeMap<String, Provenance>,
    /// Limits reached, fallbacks taken, input truncated, bytes replaced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// An error as a record carries it: its stable [`Error::kind`](crate::Error::kind) and its
/// message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorInfo {
    /// A short stable name (`empty-input`, `not-a-page`, `panic`, and the fronts' own such as
    /// `read` or `fetch`).
    pub kind: String,
    /// What went wrong, for people.
    pub message: String,
}

impl ErrorInfo {
    /// An error of the given kind (the fronts' own kinds: `read`, `fetch`, …).
    pub fn new(kind: impl Into<String>, message: impl Into<String>) -> Self {
        ErrorInfo {
            kind: kind.into(),
            message: message.into(),
        }
    }
}

impl From<&crate::Error> for ErrorInfo {
    fn from(e: &crate::Error) -> Self {
        ErrorInfo::new(e.kind(), e.to_string())
    }
}

/// A credited person or organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Person {
    /// The name as credited.
    pub name: String,
    /// What they did.
    pub role: Role,
}

impl Person {
    /// A person with a role.
    pub fn new(name: impl Into<String>, role: Role) -> Self {
        Person {
            name: name.into(),
            role,
        }
    }
}

/// What a credited person did for the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Role {
    /// Wrote it.
    Author,
    /// Reported it (often a wire or a correspondent).
    Reporter,
    /// Edited it.
    Editor,
    /// Took the pictures.
    Photographer,
    /// Helped otherwise ("with reporting by").
    Contributor,
}

impl Role {
    /// The role's stable name, as the JSON spells it (`author`, `reporter`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Author => "author",
            Role::Reporter => "reporter",
            Role::Editor => "editor",
            Role::Photographer => "photographer",
            Role::Contributor => "contributor",
        }
    }
}

/// An image with what is printed beside it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Image {
    /// Its address, made absolute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
    /// The caption.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Who the picture is credited to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

/// A cross-link: a title and where it leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Link {
    /// The linked story's title.
    pub title: String,
    /// Its address, made absolute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One entry of a related-story list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Related {
    /// The story's title.
    pub title: String,
    /// Its address, made absolute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Its age as printed ("11 jam lalu").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age: Option<String>,
    /// When it was published, where the page says or a reference time resolves the age.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The teaser printed with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub teaser: Option<String>,
}

/// What kind of page was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum PageType {
    /// One story.
    Article,
    /// A list of stories (a section front, a tag page, search results).
    Listing,
    /// A thread of posts.
    Forum,
    /// A product's page.
    Product,
    /// Reference or manual pages.
    Documentation,
    /// A page for doing something (a form, a tool, an account page).
    Service,
    /// A gallery or other collection of items.
    Collection,
    /// None of these.
    Other,
}

/// Where a metadata field's value came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Provenance {
    /// The source (`json-ld`, `meta:article:published_time`, `byline-text`, `url`, …).
    pub source: String,
    /// How much that source is trusted for the field, 0–1.
    pub confidence: f32,
}

/// One unit of the body, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
#[non_exhaustive]
pub enum Block {
    /// A paragraph of prose.
    Paragraph {
        /// Its text, whitespace collapsed.
        text: String,
        /// The links inside it.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        links: Vec<InlineLink>,
    },
    /// A heading inside the body.
    Heading {
        /// Its text.
        text: String,
        /// 1–6, as `<h1>`–`<h6>`.
        level: u8,
    },
    /// A list.
    List {
        /// Numbered (`<ol>`) or not.
        ordered: bool,
        /// Each item's text.
        items: Vec<String>,
    },
    /// A quotation set apart.
    Quote {
        /// Its text.
        text: String,
        /// Whom it is attributed to.
        #[serde(skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    /// A data table.
    Table {
        /// Rows of cell texts.
        rows: Vec<Vec<String>>,
        /// Whether the first row is a header.
        header: bool,
    },
    /// An image in the body.
    Figure {
        /// Its address, made absolute.
        #[serde(skip_serializing_if = "Option::is_none")]
        src: Option<String>,
        /// The caption.
        #[serde(skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
        /// Who the picture is credited to.
        #[serde(skip_serializing_if = "Option::is_none")]
        credit: Option<String>,
    },
    /// Preformatted code.
    Code {
        /// The code, whitespace kept.
        text: String,
        /// Its language, where the page names it.
        #[serde(skip_serializing_if = "Option::is_none")]
        language: Option<String>,
    },
}

/// A link inside a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InlineLink {
    /// The linked words.
    pub text: String,
    /// Where it leads, made absolute.
    pub url: String,
}

impl InlineLink {
    /// A link over some words of a paragraph.
    pub fn new(text: impl Into<String>, url: impl Into<String>) -> Self {
        InlineLink {
            text: text.into(),
            url: url.into(),
        }
    }
}

impl Block {
    /// The block's text as it appears in [`Article::text`]; figures have none there.
    pub fn plain_text(&self) -> Option<String> {
        match self {
            Block::Paragraph { text, .. }
            | Block::Heading { text, .. }
            | Block::Quote { text, .. }
            | Block::Code { text, .. } => Some(text.clone()),
            Block::List { items, .. } => Some(items.join("\n")),
            Block::Table { rows, .. } => Some(
                rows.iter()
                    .map(|r| r.join(" | "))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            Block::Figure { .. } => None,
        }
    }
}

impl Article {
    /// Recomputes [`Article::text`] from the blocks: every block but figures, joined by a
    /// blank line.
    pub fn refresh_text(&mut self) {
        self.text = self
            .blocks
            .iter()
            .filter_map(Block::plain_text)
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
    }

    /// Records where a metadata field's value came from.
    pub(crate) fn set_provenance(&mut self, field: &str, source: &str, confidence: f32) {
        self.provenance.insert(
            field.to_string(),
            Provenance {
                source: source.to_string(),
                confidence,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_joins_blocks_but_not_figures() {
        let mut a = Article {
            blocks: vec![
                Block::Heading {
                    text: "H".into(),
                    level: 2,
                },
                Block::Figure {
                    src: None,
                    caption: Some("cap".into()),
                    credit: None,
                },
                Block::List {
                    ordered: false,
                    items: vec!["a".into(), "b".into()],
                },
            ],
            ..Default::default()
        };
        a.refresh_text();
        assert_eq!(a.text, "H\n\na\nb");
    }

    #[test]
    fn blocks_serialise_with_a_type_tag() {
        let b = Block::Heading {
            text: "x".into(),
            level: 2,
        };
        assert_eq!(
            serde_json::to_string(&b).unwrap(),
            r#"{"type":"heading","text":"x","level":2}"#
        );
    }
}
