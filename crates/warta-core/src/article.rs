//! The article: warta's one output shape (see `docs/ARTICLE.md`). Every front serialises this.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fetched: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Person>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub read_also: Vec<Link>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_type: Option<PageType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub provenance: BTreeMap<String, Provenance>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Set only on a record that failed; the content fields are then empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorInfo {
    pub kind: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Author,
    Reporter,
    Editor,
    Photographer,
    Contributor,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub teaser: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageType {
    Article,
    Listing,
    Forum,
    Product,
    Documentation,
    Service,
    Collection,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    pub source: String,
    pub confidence: f32,
}

/// One unit of the body, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    Paragraph {
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        links: Vec<InlineLink>,
    },
    Heading {
        text: String,
        level: u8,
    },
    List {
        ordered: bool,
        items: Vec<String>,
    },
    Quote {
        text: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    Table {
        rows: Vec<Vec<String>>,
        header: bool,
    },
    Figure {
        #[serde(skip_serializing_if = "Option::is_none")]
        src: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        credit: Option<String>,
    },
    Code {
        text: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        language: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InlineLink {
    pub text: String,
    pub url: String,
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
    /// The record for an input that failed: its identity and the error, nothing else.
    pub fn failed(id: Option<String>, input: Option<String>, kind: &str, message: String) -> Self {
        Article {
            id,
            input,
            error: Some(ErrorInfo {
                kind: kind.to_string(),
                message,
            }),
            ..Default::default()
        }
    }

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

    pub fn set_provenance(&mut self, field: &str, source: &str, confidence: f32) {
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
