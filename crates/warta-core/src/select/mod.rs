//! Stage 4: cleaned tree → chosen content.
//!
//! 1. The tree is cut into text units ([`segment`]).
//! 2. Each unit gets a value: long, sentence-like, link-free text is worth its length; link
//!    lists are worth a negative amount (a data table's linked cells are worth nothing, not
//!    less); short labels are worth nothing. Class and id names
//!    that speak of article bodies or of furniture scale the value.
//! 3. Every element's score is the sum of the values below it. The element with the highest
//!    score is the content container: going higher would add more furniture than text.
//! 4. Inside the container, units are dropped when they sit in a sub-box whose own score is
//!    negative (a related-links list inside the article), when a language pack says they are
//!    furniture ("Baca juga: ...", "Advertisement"), or when they are weak labels at the edges
//!    (bylines, dates, share prompts).
//! 5. Explicit fallbacks: the JSON-LD `articleBody` when the page has one and the tree gave
//!    far less; then a loose pass over the whole body.

pub(crate) mod segment;

use html5ever::local_name;

use crate::article::PageType;
use crate::clean::{is_footer_landmark, name_words, Cleaned};
use crate::dom::{Dom, NodeId, DOCUMENT};
use crate::lang::FurnitureKind;
use crate::metadata::Metadata;
use crate::options::{Focus, Options};
use crate::strings::{collapse, SELECTION_PUNCT_SET};
use crate::warning::Fallback;
use segment::{segment, Unit, UnitKind};

/// The knobs of selection, named and in one place.
pub(crate) mod knobs {
    /// Units at least this link-dense count against their container.
    pub(crate) const LINK_DENSE: f32 = 0.5;
    /// Units shorter than this (non-whitespace chars) without sentence punctuation carry no
    /// weight: labels, dates, bylines, buttons.
    pub(crate) const SHORT_UNIT_CHARS: usize = 25;
    /// Leading and trailing units shorter than this without sentence punctuation are trimmed.
    pub(crate) const EDGE_LABEL_CHARS: usize = 60;
    /// At most this many leading labels are trimmed (a kicker, a byline, a date, a share
    /// prompt): a longer run of short lines is a list of records, not the edge of a text.
    pub(crate) const LEAD_LABELS_MAX: usize = 3;
    /// Class/id words that mark article bodies, and the factor they give.
    pub(crate) const POSITIVE_WORDS: &[&str] = &[
        "article",
        "articlebody",
        "body",
        "content",
        "entry",
        "main",
        "post",
        "story",
        "text",
        "prose",
        "blog",
        "news",
        "detail",
        "markdown",
        "rich",
        "richtext",
        "single",
    ];
    pub(crate) const POSITIVE_FACTOR: f32 = 1.25;
    /// Class/id words that mark secondary matter inside pages.
    pub(crate) const NEGATIVE_WORDS: &[&str] = &[
        "byline",
        "meta",
        "caption",
        "credit",
        "tags",
        "tag",
        "author",
        "date",
        "footer",
        "header",
        "extra",
        "secondary",
        "teaser",
        "card",
        "nav",
        "list",
        "links",
        "more",
        "feed",
        "carousel",
        "slider",
        "rail",
        "aside",
        "bottom",
        "top",
    ];
    pub(crate) const NEGATIVE_FACTOR: f32 = 0.7;
    /// Below this much chosen text, the JSON-LD body is preferred when it is much longer.
    pub(crate) const MIN_CHOSEN_CHARS: usize = 250;
    /// The JSON-LD body replaces the chosen text when the chosen text is shorter than this
    /// share of it.
    pub(crate) const ARTICLE_BODY_SHARE: f32 = 0.3;
    /// A page with less prose than this may be a listing; it is read as one when that
    /// reading finds this many times more text.
    pub(crate) const LISTING_MAX_PROSE_CHARS: usize = 1000;
    pub(crate) const LISTING_GAIN: f32 = 2.0;
    /// ... and this many times more again on a product's own page.
    pub(crate) const PRODUCT_LISTING_GAIN: f32 = 2.0;
    /// In a listing, a linked unit this long is a teaser (a headline or summary), not a
    /// menu label.
    pub(crate) const TEASER_MIN_CHARS: usize = 30;
    /// A card in a grid or list (a product, a job, a story) is one of at least this many
    /// siblings of the same tag and class.
    pub(crate) const RECORD_MIN_SIBLINGS: usize = 3;
    /// Cards shorter than this are menu entries.
    pub(crate) const RECORD_MIN_CHARS: u32 = 20;
    /// Cards longer than this are page sections, not records.
    pub(crate) const RECORD_MAX_CHARS: u32 = 1500;
    /// How far above a text a card may start (shop themes nest a tile's name six or more
    /// levels deep: tile, wrapper, card, content, information, heading, link).
    pub(crate) const RECORD_REACH: usize = 10;
    /// A data table has at least this many rows below its row of column headers.
    pub(crate) const DATA_TABLE_MIN_ROWS: usize = 5;
    /// A listing shows at least this many teasers.
    pub(crate) const LISTING_MIN_TEASERS: usize = 5;
    /// A dated page with this much prose is an article, however short.
    pub(crate) const DATED_ARTICLE_PROSE_CHARS: usize = 300;
    /// A child holding at least (1 - this) of its parent's score replaces the parent as the
    /// container.
    pub(crate) const TIGHTEN_SLACK: f32 = 0.15;
    /// ... and at least this share of its text: a paragraph of a page whose other texts sit
    /// among links that cancel them out is not the whole content.
    pub(crate) const TIGHTEN_MIN_TEXT_SHARE: f32 = 0.7;
    /// A prose unit is at least this long.
    pub(crate) const PROSE_MIN_CHARS: usize = 80;
    /// Prose above the headline beyond which the headline does not open the content.
    pub(crate) const MAX_PROSE_ABOVE_HEADLINE: usize = 300;
    /// How many siblings away from the container a companion may stand.
    pub(crate) const COMPANION_REACH: usize = 2;
    /// A headline of at least this many words (Han and kana counted by characters) names a
    /// story; a section front's heading ("World", "Latest news") is shorter.
    pub(crate) const STORY_HEADLINE_WORDS: f32 = 4.0;
    /// ... and this much prose after it (a product's one line of description is not a story).
    pub(crate) const STORY_MIN_PROSE_CHARS: usize = 160;
    /// A standfirst under the headline is at least this long: a byline or a kicker is shorter.
    pub(crate) const STANDFIRST_MIN_CHARS: usize = 40;
    /// A labelled stamp line is at most this long.
    pub(crate) const STAMP_LINE_MAX_CHARS: usize = 80;
    /// The standfirst may stand this many boxes after the headline's own.
    pub(crate) const STANDFIRST_BOX_REACH: usize = 2;
    /// A labelled credit line names someone in this many words at most.
    pub(crate) const BYLINE_LINE_MAX_WORDS: usize = 8;
    /// A shorter headline heads a story when this much prose follows it before any link.
    pub(crate) const SHORT_HEADLINE_STORY_CHARS: usize = 600;
    /// A teaser feed: at least this many blurbs, each right after a linked title ...
    pub(crate) const FEED_MIN_TEASERS: usize = 3;
    /// ... and at least this share of the container's blurbs.
    pub(crate) const FEED_TEASER_SHARE: f32 = 0.5;
    /// A box inside the content is a feed when nearly all its blurbs follow a linked title.
    pub(crate) const FEED_BOX_SHARE: f32 = 0.8;
    /// ... and its blurbs are this long at most on average: a teaser's one or two sentences.
    pub(crate) const FEED_BLURB_MAX_CHARS: u32 = 250;
    /// A comment thread: at least this many posts, each under a short line stamped with a
    /// date and a time ...
    pub(crate) const THREAD_MIN_POSTS: usize = 3;
    pub(crate) const THREAD_STAMP_MAX_CHARS: usize = 80;
    /// ... once the article has given this much prose.
    pub(crate) const THREAD_AFTER_PROSE_CHARS: usize = 300;
    /// ... and the story before it is this many times longer than its average post.
    pub(crate) const THREAD_STORY_TO_POST: usize = 3;
}

/// What selection decided.
pub(crate) struct Chosen {
    /// The content container.
    pub root: NodeId,
    /// The units kept, in document order.
    pub units: Vec<Unit>,
    /// Set when the JSON-LD body was taken instead of the tree.
    pub from_article_body: Option<String>,
    /// Which fallback produced the content, if any.
    pub fallback: Option<Fallback>,
    pub page_type: PageType,
    pub confidence: f32,
    /// Furniture lines taken out of the container that still say something: "read also"
    /// cross-links and wire credits ("Sumber: Antara"), in document order.
    pub asides: Vec<Unit>,
    /// Only when tracing (`--explain`): the reading chosen, every unit and what became of it.
    pub trace: Option<Box<SelectTrace>>,
    /// The container holds a box of teasers beside its own text (see [`feed_boxes`]).
    pub held_feed: bool,
}

/// What selection decided about each unit of the reading it chose, for `--explain`.
pub(crate) struct SelectTrace {
    pub reading: Reading,
    pub units: Vec<Unit>,
    /// One per unit, in the same order.
    pub decisions: Vec<Decision>,
}

/// Why selection kept or dropped a unit: each rule of [`keep_units`] names itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    Kept,
    /// Outside the chosen container and its companions.
    OutsideContainer,
    /// Part of the headline, which metadata reads.
    InHeadline,
    /// Above the headline and not prose: breadcrumbs, kickers, section labels.
    AboveHeadline,
    /// Inside a box that scored below the floor.
    InWeakBox,
    /// Inside a box that a related-stories label heads.
    InRelatedBox,
    /// A related-stories label.
    RelatedLabel,
    /// Too much of its text is links.
    LinkDense,
    /// A furniture phrase ("Advertisement", "Share this").
    Furniture,
    /// The same text is printed elsewhere on the page (a gallery, a pull quote).
    RepeatedElsewhere,
    /// A short text printed twice in a row.
    RepeatedInARow,
    /// Cut from the edge of the content (a label or a byline line at its start or end).
    TrimmedEdge,
    /// Inside a box of teasers: linked titles, each with its blurb.
    InFeed,
    /// In the comment thread that follows the article.
    CommentThread,
    /// Outside the container, but the standfirst right under the headline.
    Standfirst,
    /// A labelled date line ("Published: 3 May 2012") above the story's first paragraph:
    /// the story's stamp, which is metadata.
    StampLine,
    /// A labelled credit ("Author: Jane Roe") above the story's first paragraph: the byline,
    /// which is metadata.
    BylineLine,
}

impl Decision {
    /// How `--explain` names the decision.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Decision::Kept => "kept",
            Decision::OutsideContainer => "dropped: outside the container",
            Decision::InHeadline => "dropped: the headline",
            Decision::AboveHeadline => "dropped: above the headline",
            Decision::InWeakBox => "dropped: in a low-scoring box",
            Decision::InRelatedBox => "dropped: in a related-stories box",
            Decision::RelatedLabel => "dropped: a related-stories label",
            Decision::LinkDense => "dropped: mostly links",
            Decision::Furniture => "dropped: furniture phrase",
            Decision::RepeatedElsewhere => "dropped: repeated elsewhere on the page",
            Decision::RepeatedInARow => "dropped: repeated in a row",
            Decision::TrimmedEdge => "dropped: trimmed from the content's edge",
            Decision::InFeed => "dropped: in a feed of teasers",
            Decision::CommentThread => "dropped: in the comment thread after the article",
            Decision::Standfirst => "kept: the standfirst under the headline",
            Decision::StampLine => "dropped: the story's date line (metadata)",
            Decision::BylineLine => "dropped: the story's byline (metadata)",
        }
    }
}

/// How the page is read. Articles are prose, so link text counts against a container;
/// listings (section fronts, search results, collections) are made of linked teasers, so
/// there link text is the content and only short link labels (menus) count against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    Article,
    Listing,
}

/// Every element's score: the sum of the values of the units below it.
pub(crate) struct Scores {
    pub values: Vec<f32>,
    pub score: Vec<f32>,
    pub count: Vec<u32>,
    /// Characters of prose units (see [`is_prose`]) below each node.
    pub prose: Vec<u32>,
    /// The sum of the positive unit values below each node: the text a container holds,
    /// before the furniture in it is counted against it.
    pub positive: Vec<f32>,
    /// Per unit: kept however link-dense: a teaser of a listing, or a cell of a data table.
    pub teaser: Vec<bool>,
    /// Per node: a box of teasers (see [`feed_boxes`]).
    pub feed: Vec<bool>,
}

/// Where scoring starts: the body, or the document when there is none.
pub(crate) fn scoring_root(dom: &Dom) -> NodeId {
    dom.body().unwrap_or(DOCUMENT)
}

pub(crate) fn score(dom: &Dom, units: &[Unit], meta: &Metadata, reading: Reading) -> Scores {
    let start = scoring_root(dom);
    let body_hint = meta.article_body.as_deref().map(normalise_for_match);
    let data_cells = data_table_cells(dom, units);
    let listed = match reading {
        Reading::Article => vec![false; units.len()],
        Reading::Listing => teasers(dom, units, start),
    };
    // A data table's linked cells weigh nothing against their container, and are kept.
    let values: Vec<f32> = units
        .iter()
        .zip(listed.iter().zip(&data_cells))
        .map(|(u, (&t, &d))| {
            let v = unit_value(u, body_hint.as_deref(), t);
            if d {
                v.max(0.0)
            } else {
                v
            }
        })
        .collect();
    let teaser: Vec<bool> = listed.iter().zip(&data_cells).map(|(t, d)| t | d).collect();
    let mut path_factors = PathFactors::new(dom);
    let mut score = vec![0f32; dom.nodes.len()];
    let mut count = vec![0u32; dom.nodes.len()];
    let mut prose = vec![0u32; dom.nodes.len()];
    let mut positive = vec![0f32; dom.nodes.len()];
    for (u, &v) in units.iter().zip(&values) {
        let prose_chars = if is_prose(u) { u.chars as u32 } else { 0 };
        let factor = path_factors.get(dom, u.node);
        let v = if v > 0.0 { v * factor } else { v };
        for a in std::iter::once(u.node).chain(dom.ancestors(u.node)) {
            score[a] += v;
            count[a] += 1;
            prose[a] += prose_chars;
            positive[a] += v.max(0.0);
            if a == start {
                break;
            }
        }
    }
    Scores {
        values,
        score,
        count,
        prose,
        positive,
        teaser,
        feed: feed_boxes(dom, units, start),
    }
}

/// Per node: whether it is a box of teasers, the "latest headlines" beside or below a story:
/// at least [`knobs::FEED_MIN_TEASERS`] blurbs that each follow a linked title, and most of
/// the box's blurbs so, and short ones. An article whose paragraphs follow a few linked
/// words is none: its other paragraphs outnumber them; nor is a list of books or places each
/// linked and then described at length.
///
/// Cards that close with a linked "read more" are teasers too, however short their titles
/// (see [`teaser_blurbs`]), but only in a box that stands apart from the story: a roundup
/// placed among the story's own paragraphs ("the best machines for beginners", each with
/// its button) is the story's list.
fn feed_boxes(dom: &Dom, units: &[Unit], start: NodeId) -> Vec<bool> {
    let mut blurbs = vec![0u32; dom.nodes.len()];
    let mut blurb_chars = vec![0u32; dom.nodes.len()];
    let mut after_title = vec![0u32; dom.nodes.len()];
    let mut teasers = vec![0u32; dom.nodes.len()];
    let mut prose_nodes: foldhash::HashSet<NodeId> = Default::default();
    for (u, blurb) in units.iter().zip(teaser_blurbs(units)) {
        if is_prose(u) {
            prose_nodes.insert(u.node);
        }
        let Some(blurb) = blurb else { continue };
        for a in std::iter::once(u.node).chain(dom.ancestors(u.node)) {
            blurbs[a] += 1;
            blurb_chars[a] += u.chars as u32;
            after_title[a] += u32::from(blurb == TeaserBlurb::AfterTitle);
            teasers[a] += u32::from(blurb != TeaserBlurb::Plain);
            if a == start {
                break;
            }
        }
    }
    let feed = |n: NodeId, t: u32| {
        t as usize >= knobs::FEED_MIN_TEASERS
            && t as f32 >= blurbs[n] as f32 * knobs::FEED_BOX_SHARE
            && blurb_chars[n] <= blurbs[n] * knobs::FEED_BLURB_MAX_CHARS
    };
    // Whether the outermost box holding just these blurbs stands beside paragraphs of prose.
    let among_prose = |n: NodeId| {
        let mut top = n;
        while let Some(p) = dom
            .parent(top)
            .filter(|&p| p != start && blurbs[p] == blurbs[n])
        {
            top = p;
        }
        dom.parent(top)
            .is_some_and(|p| dom.children(p).any(|c| prose_nodes.contains(&c)))
    };
    (0..dom.nodes.len())
        .map(|n| feed(n, after_title[n]) || feed(n, teasers[n]) && !among_prose(n))
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TeaserBlurb {
    /// Right after a linked title.
    AfterTitle,
    /// Right before a linked "read more".
    BeforeReadMore,
    /// Neither.
    Plain,
}

/// Per unit: `None` when it is no blurb (plain text of some length), else whether it is a
/// teaser's: right after a linked title, or between linked words and a linked "read more"
/// (a card whose title is too short to tell from a menu label still closes with its link to
/// the story; a review or a quote cut short by a "read more" has no linked title above it).
/// Pictures between them do not count.
fn teaser_blurbs(units: &[Unit]) -> Vec<Option<TeaserBlurb>> {
    let is_blurb = |u: &Unit| {
        !is_linked_title(u)
            && u.link_density() < knobs::LINK_DENSE
            && u.chars >= knobs::PROSE_MIN_CHARS
    };
    let is_read_more = |u: &Unit| {
        u.furniture == Some(FurnitureKind::ReadMore) && u.link_density() >= knobs::LINK_DENSE
    };
    let mut out = Vec::with_capacity(units.len());
    let (mut after_title, mut after_link) = (false, false);
    for (i, u) in units.iter().enumerate() {
        out.push(is_blurb(u).then(|| {
            if after_title {
                TeaserBlurb::AfterTitle
            } else if after_link
                && units[i + 1..]
                    .iter()
                    .find(|n| !matches!(n.kind, UnitKind::Image { .. }))
                    .is_some_and(is_read_more)
            {
                TeaserBlurb::BeforeReadMore
            } else {
                TeaserBlurb::Plain
            }
        }));
        if !matches!(u.kind, UnitKind::Image { .. }) {
            after_title = is_linked_title(u);
            after_link = u.link_density() >= knobs::LINK_DENSE && !is_read_more(u);
        }
    }
    out
}

/// Which units are teasers in a listing: linked text long enough to be a headline, or any
/// text inside a card, however short each of its lines is. A card is one of several like
/// siblings that links to one thing and says something about it: a product tile's name and
/// price, a job ad's title and place. A list of links (a menu, an archive by month) is not.
fn teasers(dom: &Dom, units: &[Unit], start: NodeId) -> Vec<bool> {
    let mut under = vec![CardShape::default(); dom.nodes.len()];
    for u in units {
        let link = dom
            .ancestors(u.node)
            .take_while(|&a| a != start)
            .find(|&a| {
                dom.element(a)
                    .is_some_and(|e| e.name.local == local_name!("a"))
            });
        for a in std::iter::once(u.node).chain(dom.ancestors(u.node)) {
            under[a].add(u, link);
            if a == start {
                break;
            }
        }
    }
    let mut records = RecordCache::new(dom);
    units
        .iter()
        .map(|u| {
            u.chars >= knobs::TEASER_MIN_CHARS && u.link_density() >= knobs::LINK_DENSE
                || std::iter::once(u.node)
                    .chain(dom.ancestors(u.node))
                    .take_while(|&a| a != start)
                    .take(knobs::RECORD_REACH)
                    .any(|a| under[a].is_card() && records.is_record(dom, a))
        })
        .collect()
}

/// Per unit: a cell of a data table, whose links are its data (a list of laureates, a
/// results table), not a menu. A data table opens with a row of at least two column
/// headers and has several rows below it; link boxes laid out as tables (a site's footer,
/// a navigation box titled by one spanning header) do not.
fn data_table_cells(dom: &Dom, units: &[Unit]) -> Vec<bool> {
    let mut known: foldhash::HashMap<NodeId, bool> = Default::default();
    units
        .iter()
        .map(|u| match u.kind {
            UnitKind::Cell { table, .. } => *known
                .entry(table)
                .or_insert_with(|| is_data_table(dom, table)),
            _ => false,
        })
        .collect()
}

fn is_data_table(dom: &Dom, table: NodeId) -> bool {
    let rows: Vec<NodeId> = dom
        .descendants(table)
        .filter(|&d| dom.is_tag(d, &local_name!("tr")))
        .take(knobs::DATA_TABLE_MIN_ROWS + 1)
        .collect();
    let Some(&first) = rows.first() else {
        return false;
    };
    let cells =
        |tag: &html5ever::LocalName| dom.children(first).filter(|&c| dom.is_tag(c, tag)).count();
    rows.len() > knobs::DATA_TABLE_MIN_ROWS
        && cells(&local_name!("th")) >= 2
        && cells(&local_name!("td")) == 0
}

/// What the units inside an element add up to, as far as telling a card goes.
#[derive(Clone, Copy, Default)]
struct CardShape {
    chars: u32,
    units: u32,
    /// Units that are mostly plain text.
    plain: u32,
    /// The enclosing link of the linked units, while they all share one.
    link: Option<NodeId>,
    several_links: bool,
}

impl CardShape {
    fn add(&mut self, u: &Unit, link: Option<NodeId>) {
        self.chars += u.chars as u32;
        self.units += 1;
        if u.link_density() < knobs::LINK_DENSE {
            self.plain += 1;
        } else if self.link.is_none() {
            self.link = link;
        } else if link != self.link {
            self.several_links = true;
        }
    }

    fn is_card(&self) -> bool {
        (knobs::RECORD_MIN_CHARS..=knobs::RECORD_MAX_CHARS).contains(&self.chars)
            && (self.plain > 0 || self.units >= 2 && self.link.is_some() && !self.several_links)
    }
}

/// Whether an element is one of several siblings with its tag and first class name,
/// answered for all siblings at once.
struct RecordCache {
    known: Vec<Option<bool>>,
}

impl RecordCache {
    fn new(dom: &Dom) -> Self {
        RecordCache {
            known: vec![None; dom.nodes.len()],
        }
    }

    fn is_record(&mut self, dom: &Dom, id: NodeId) -> bool {
        if let Some(known) = self.known[id] {
            return known;
        }
        let Some(parent) = dom.parent(id) else {
            return false;
        };
        let signature = |c: NodeId| {
            dom.element(c).map(|e| {
                let class = e.attr("class").unwrap_or("");
                (e.name.local.clone(), class.split_ascii_whitespace().next())
            })
        };
        let siblings: Vec<(NodeId, _)> = dom
            .children(parent)
            .filter_map(|c| signature(c).map(|s| (c, s)))
            .collect();
        let mut tally: foldhash::HashMap<_, usize> = Default::default();
        for (_, s) in &siblings {
            *tally.entry(s.clone()).or_default() += 1;
        }
        for (c, s) in &siblings {
            self.known[*c] = Some(tally[s] >= knobs::RECORD_MIN_SIBLINGS);
        }
        self.known[id].unwrap_or(false)
    }
}

pub(crate) fn select(dom: &Dom, cleaned: &Cleaned, meta: &Metadata, opts: &Options) -> Chosen {
    let start = scoring_root(dom);
    let units = segment(dom, cleaned, start);
    let mut chosen = choose(dom, &units, meta, opts, Reading::Article);
    let chosen_chars = chars_of(&chosen.units);
    if let Some(body) = meta.article_body.as_deref() {
        let body_chars = crate::script::weighed_chars(body);
        if chosen_chars < knobs::MIN_CHOSEN_CHARS
            && (chosen_chars as f32) < body_chars as f32 * knobs::ARTICLE_BODY_SHARE
        {
            chosen.from_article_body = Some(body.to_string());
            chosen.fallback = Some(Fallback::ArticleBody);
            chosen.page_type = PageType::Article;
            return chosen;
        }
    }
    let prose = prose_chars(&chosen.units);
    // Many sites label every page an article (`og:type`); only a dated one is taken at its word.
    let claims_article = meta.declares_article() && meta.fields.published.is_some();
    // A product's own page takes the listing reading from its grid of related items only
    // when its own reading found next to nothing.
    let gain = if meta.main_product {
        knobs::LISTING_GAIN * knobs::PRODUCT_LISTING_GAIN
    } else {
        knobs::LISTING_GAIN
    };
    // A story's headline with the story's prose after it makes an article, however short
    // the story and however long the teaser feeds beside it. A dated page needs only a
    // paragraph: a news brief is one sentence under its headline and date.
    let story_prose = if meta.fields.published.is_some() {
        knobs::PROSE_MIN_CHARS
    } else {
        knobs::STORY_MIN_PROSE_CHARS
    };
    let headed_story = meta.headline_node.is_some_and(|h| {
        let prose_after: usize = chosen
            .units
            .iter()
            .filter(|u| u.node > h && is_prose(u))
            .map(|u| u.chars)
            .sum();
        (is_story_headline(dom, h)
            || meta.fields.published.is_some() && story_follows(dom, &units, h))
            && prose_after >= story_prose
            && !is_feed(dom, &units, chosen.root)
    });
    // A story whose container also holds a feed of teasers is still the story.
    if prose < knobs::LISTING_MAX_PROSE_CHARS
        && !claims_article
        && !headed_story
        && !chosen.held_feed
    {
        let listing = choose(dom, &units, meta, opts, Reading::Listing);
        let teasers = listing
            .units
            .iter()
            .filter(|u| u.link_density() >= knobs::LINK_DENSE)
            .count();
        if teasers >= knobs::LISTING_MIN_TEASERS
            && chars_of(&listing.units) as f32 > chosen_chars as f32 * gain
        {
            chosen = listing;
            chosen.page_type = PageType::Listing;
        }
    }
    // A brief under its headline is short by nature: the loose pass would only add the page's
    // other boxes to it.
    if chosen.fallback.is_none()
        && chars_of(&chosen.units) < knobs::MIN_CHOSEN_CHARS
        && !headed_story
    {
        let loose: Vec<Unit> = units
            .iter()
            .filter(|u| {
                u.link_density() < knobs::LINK_DENSE
                    && (u.chars >= knobs::SHORT_UNIT_CHARS
                        || is_heading(u)
                        || has_sentence_punct(&u.text))
                    && !is_furniture(u)
                    && !in_headline(dom, u, meta.headline_node)
            })
            .cloned()
            .collect();
        if chars_of(&loose) > chars_of(&chosen.units) * 2 {
            chosen.units = loose;
            chosen.root = start;
            chosen.fallback = Some(Fallback::LoosePass);
            chosen.confidence *= 0.5;
        }
    }
    if chosen.units.is_empty() {
        // A page with only a few words still has them: the last, loosest reading.
        chosen.units = units
            .iter()
            .filter(|u| u.link_density() < knobs::LINK_DENSE && !is_furniture(u))
            .cloned()
            .collect();
        if !chosen.units.is_empty() {
            chosen.root = start;
            chosen.fallback = Some(Fallback::EveryText);
            chosen.confidence = 0.1;
        }
    }
    if chosen.fallback.is_none() && chosen.page_type != PageType::Listing {
        take_standfirst(dom, &units, meta.headline_node, &mut chosen);
    }
    if only_footer_left(dom, &chosen.units) {
        chosen.units.clear();
        chosen.fallback = Some(Fallback::OnlyFooter);
        chosen.confidence = 0.0;
    }
    if chosen.page_type != PageType::Listing {
        chosen.page_type = page_type(&units, &chosen, meta);
    }
    chosen.asides = units
        .iter()
        .filter(|u| {
            matches!(
                u.furniture,
                Some(FurnitureKind::ReadAlso | FurnitureKind::SourceCredit)
            ) && (u.node == chosen.root || dom.ancestors(u.node).any(|a| a == chosen.root))
        })
        .cloned()
        .collect();
    chosen
}

/// One reading of the page: the best container and the units kept in it.
fn choose(dom: &Dom, units: &[Unit], meta: &Metadata, opts: &Options, reading: Reading) -> Chosen {
    let mut decisions = opts.trace.is_some().then(Vec::new);
    let s = score(dom, units, meta, reading);
    let (mut wide, mut root) = best_container(dom, &s, scoring_root(dom));
    if reading == Reading::Article {
        if let Some(story) = story_beside_feed(dom, units, &s, meta.headline_node, root) {
            (wide, root) = story;
        }
    }
    let mut roots = vec![root];
    roots.extend(companions(dom, &s, wide, root));
    let positive_total: f32 = s.values.iter().filter(|v| **v > 0.0).sum();
    let confidence = if positive_total > 0.0 {
        (s.score[root] / positive_total).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let kept = keep_units(
        dom,
        units,
        &s,
        &roots,
        meta.headline_node,
        opts.focus,
        reading,
        decisions.as_mut(),
    );
    let held_feed = reading == Reading::Article && dom.descendants(root).any(|d| s.feed[d]);
    Chosen {
        held_feed,
        root,
        units: kept,
        from_article_body: None,
        fallback: None,
        page_type: PageType::Other,
        confidence,
        asides: Vec::new(),
        trace: decisions.map(|decisions| {
            Box::new(SelectTrace {
                reading,
                units: units.to_vec(),
                decisions,
            })
        }),
    }
}

/// The article that follows its headline, when the best-scoring container is a teaser feed:
/// a short story beside (or inside the same column as) a long feed of dated teasers. The
/// story is the smallest box around the headline that holds a story's worth of prose,
/// tightened as any container is; a box that also holds the whole feed says nothing.
fn story_beside_feed(
    dom: &Dom,
    units: &[Unit],
    s: &Scores,
    headline: Option<NodeId>,
    root: NodeId,
) -> Option<(NodeId, NodeId)> {
    let h = headline?;
    if !is_story_headline(dom, h) || !is_feed(dom, units, root) {
        return None;
    }
    // Inside the feed's own box, a standfirst beside the headline must not pass for the
    // story: there the story box needs a story's worth of prose.
    let min_prose = if dom.ancestors(h).any(|a| a == root) {
        knobs::STORY_MIN_PROSE_CHARS
    } else {
        knobs::PROSE_MIN_CHARS
    };
    let story = dom
        .ancestors(h)
        .find(|&a| s.prose[a] as usize >= min_prose)?;
    let holds_root = story == root || dom.ancestors(root).any(|a| a == story);
    if holds_root || s.score[story] <= 0.0 {
        return None;
    }
    Some(best_container(dom, s, story))
}

/// Adds the standfirst to a story whose container starts below it: the line right under the
/// headline, beside it in the headline's box and above the container, plain text long enough
/// to say something (a deck, a summary in a sentence without its full stop). A byline or a
/// date line there is shorter or reads as a date; a caption follows a picture, and a
/// promotion carries links.
fn take_standfirst(dom: &Dom, units: &[Unit], headline: Option<NodeId>, chosen: &mut Chosen) {
    let Some(h) = headline else { return };
    let Some(headline_box) = dom.parent(h) else {
        return;
    };
    let Some((i, u)) = units
        .iter()
        .enumerate()
        .find(|(_, u)| u.node > h && !in_headline(dom, u, Some(h)))
    else {
        return;
    };
    // The headline's box, or a box right after it or after the one the headline fills
    // alone: a headline printed in a table row of its own has its standfirst in the next
    // row or the one after a spacer.
    let elements = |p: NodeId| dom.children(p).filter(|&c| dom.element(c).is_some());
    let after = |b: NodeId| -> Vec<NodeId> {
        dom.parent(b)
            .map(|p| {
                elements(p)
                    .skip_while(|&c| c != b)
                    .skip(1)
                    .take(knobs::STANDFIRST_BOX_REACH)
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut own = h;
    while let Some(p) = dom.parent(own).filter(|&p| elements(p).count() == 1) {
        own = p;
    }
    let mut boxes = vec![headline_box];
    boxes.extend(after(headline_box));
    boxes.extend(after(own));
    let ctx = crate::dates::DateContext::default();
    let standfirst = u.node < chosen.root
        && std::iter::once(u.node)
            .chain(dom.ancestors(u.node))
            .any(|a| boxes.contains(&a))
        && !dom.ancestors(chosen.root).any(|a| a == u.node)
        && !chosen.units.iter().any(|k| k.node == u.node)
        && u.chars >= knobs::STANDFIRST_MIN_CHARS
        && !matches!(u.kind, UnitKind::Image { .. })
        && u.link_density() < 0.2
        && !is_furniture(u)
        && crate::dates::parse(&u.text, &ctx).is_none();
    if !standfirst {
        return;
    }
    let at = chosen.units.partition_point(|k| k.node < u.node);
    chosen.units.insert(at, u.clone());
    if let Some(d) = chosen.trace.as_mut().and_then(|t| t.decisions.get_mut(i)) {
        *d = Decision::Standfirst;
    }
}

/// A headline long enough to name a story, counted in words (Han and kana by characters).
fn is_story_headline(dom: &Dom, h: NodeId) -> bool {
    crate::script::words(&dom.text_content(h)) >= knobs::STORY_HEADLINE_WORDS
}

/// Whether a story follows the headline: more prose than a section's or a shop category's
/// introduction, before any link. A short headline ("Scandal at court") on a dated page
/// still heads its story then; a category's heading is followed by a line or two of
/// introduction and then its first linked title.
fn story_follows(dom: &Dom, units: &[Unit], h: NodeId) -> bool {
    let mut prose = 0;
    for u in units
        .iter()
        .filter(|u| u.node > h && !in_headline(dom, u, Some(h)))
    {
        if u.link_density() >= knobs::LINK_DENSE {
            return false;
        }
        if is_prose(u) {
            prose += u.chars;
            if prose >= knobs::SHORT_HEADLINE_STORY_CHARS {
                return true;
            }
        }
    }
    false
}

/// A linked line long enough to be a story's title, not a menu label.
fn is_linked_title(u: &Unit) -> bool {
    u.link_density() >= knobs::LINK_DENSE && u.chars >= knobs::SHORT_UNIT_CHARS
}

/// Whether a container is a feed of teasers: its blurbs (plain text of some length) mostly
/// come right after a linked title, the repeated shape of "title, blurb, time stamp" that a
/// story's paragraphs do not have.
fn is_feed(dom: &Dom, units: &[Unit], root: NodeId) -> bool {
    let inside = |u: &Unit| u.node == root || dom.ancestors(u.node).any(|a| a == root);
    let (mut blurbs, mut teasers) = (0usize, 0usize);
    let mut after_title = false;
    for u in units.iter().filter(|u| inside(u)) {
        let linked_title = is_linked_title(u);
        if !linked_title
            && u.link_density() < knobs::LINK_DENSE
            && u.chars >= knobs::PROSE_MIN_CHARS
        {
            blurbs += 1;
            teasers += usize::from(after_title);
        }
        if !matches!(u.kind, UnitKind::Image { .. }) {
            after_title = linked_title;
        }
    }
    teasers >= knobs::FEED_MIN_TEASERS && teasers as f32 >= blurbs as f32 * knobs::FEED_TEASER_SHARE
}

/// Whether all the chosen text lies in the page footer: a `<footer>` outside any article or
/// `<main>`, or the `contentinfo` landmark. A page whose content a script draws leaves only
/// that, and it is no article.
fn only_footer_left(dom: &Dom, units: &[Unit]) -> bool {
    let in_footer = |node: NodeId| {
        let mut inside = false;
        for a in std::iter::once(node).chain(dom.ancestors(node)) {
            let Some(el) = dom.element(a) else { continue };
            if el.name.local == local_name!("article") || el.name.local == local_name!("main") {
                return false;
            }
            inside |= is_footer_landmark(el);
        }
        inside
    };
    !units.is_empty() && units.iter().all(|u| in_footer(u.node))
}

fn chars_of(units: &[Unit]) -> usize {
    units.iter().map(|u| u.chars).sum()
}

/// A sentence-like, link-free unit: what makes a page an article.
fn is_prose(u: &Unit) -> bool {
    u.chars >= knobs::PROSE_MIN_CHARS && u.link_density() < 0.2 && has_sentence_punct(&u.text)
}

fn prose_chars(units: &[Unit]) -> usize {
    units.iter().filter(|u| is_prose(u)).map(|u| u.chars).sum()
}

/// Sibling subtrees that belong with the tightened container: prose or pictures standing right
/// before it (a standfirst, a lead paragraph, a lead image or product gallery), on each level
/// between the tight container and the widest best-scoring one.
fn companions(dom: &Dom, s: &Scores, wide: NodeId, tight: NodeId) -> Vec<NodeId> {
    let mut found = Vec::new();
    let mut at = tight;
    while let Some(parent) = dom.parent(at) {
        let siblings: Vec<NodeId> = dom
            .children(parent)
            .filter(|&c| dom.element(c).is_some())
            .collect();
        let Some(pos) = siblings.iter().position(|&c| c == at) else {
            break;
        };
        // Only what stands before: after the body come author boxes, teasers and comments.
        // Above the widest container, only pictures: a gallery beside a product's details.
        let outside = at == wide;
        for &sib in siblings[..pos].iter().rev().take(knobs::COMPANION_REACH) {
            if s.score[sib] < 0.0 {
                break;
            }
            if s.prose[sib] > 0 && !outside || is_picture_only(dom, sib) {
                found.push(sib);
            }
        }
        if outside {
            break;
        }
        at = parent;
    }
    found
}

/// A lead image or gallery: images and no text at all.
fn is_picture_only(dom: &Dom, id: NodeId) -> bool {
    let mut pictures = false;
    for d in dom.descendants(id) {
        if dom.is_tag(d, &local_name!("img")) {
            pictures = true;
        } else if dom.text(d).is_some_and(|t| !t.trim().is_empty()) {
            return false;
        }
    }
    pictures
}

/// Sentence or clause punctuation (see [`crate::strings::SELECTION_PUNCT`]). A colon between
/// digits is a clock time ("в 12:30"), not the end of a clause.
fn has_sentence_punct(text: &str) -> bool {
    SELECTION_PUNCT_SET.found_in(text)
        || text.match_indices(':').any(|(i, _)| {
            let digit_before = text[..i].ends_with(|c: char| c.is_ascii_digit());
            let digit_after = text[i + 1..].starts_with(|c: char| c.is_ascii_digit());
            !(digit_before && digit_after)
        })
}

fn unit_value(u: &Unit, article_body: Option<&str>, teaser: bool) -> f32 {
    if matches!(u.kind, UnitKind::Image { .. }) || u.chars == 0 {
        return 0.0;
    }
    if is_furniture(u) {
        return -(u.chars as f32);
    }
    if teaser {
        return u.chars as f32;
    }
    let ld = u.link_density();
    if ld >= knobs::LINK_DENSE {
        return -(u.link_chars as f32);
    }
    if u.chars < knobs::SHORT_UNIT_CHARS && !has_sentence_punct(&u.text) {
        return 0.0;
    }
    let mut v = u.chars as f32 * (1.0 - ld) * (1.0 - ld);
    if let Some(body) = article_body {
        // Text the page itself declares as the article body is worth more.
        let probe = normalise_for_match(&u.text);
        if probe.chars().count() >= 20
            && memchr::memmem::find(body.as_bytes(), probe.as_bytes()).is_some()
        {
            v *= 2.0;
        }
    }
    v
}

fn normalise_for_match(s: &str) -> String {
    collapse(s).to_lowercase()
}

fn is_heading(u: &Unit) -> bool {
    matches!(u.kind, UnitKind::Heading(_))
}

/// A long text that only mentions a legal phrase is prose; one that also carries the
/// copyright sign is the site's legal notice, however long.
fn is_furniture(u: &Unit) -> bool {
    u.furniture
        .is_some_and(|k| k != FurnitureKind::Boilerplate || u.chars < 200 || u.text.contains('©'))
}

/// The element with the highest score, then tightened: while one element below holds nearly
/// all of its score and most of its text, that element is the better answer (the rest only adds a cookie notice, a
/// poll or a comment box).
/// Returns the widest best-scoring element and the tightened one.
pub(crate) fn best_container(dom: &Dom, s: &Scores, start: NodeId) -> (NodeId, NodeId) {
    let score = &s.score;
    let mut best = start;
    for id in dom.descendants(start) {
        if dom.element(id).is_some() && score[id] > score[best] {
            best = id;
        }
    }
    let wide = best;
    loop {
        let floor = score[best] * (1.0 - knobs::TIGHTEN_SLACK);
        let text_floor = s.positive[best] * knobs::TIGHTEN_MIN_TEXT_SHARE;
        let qualifies = |d: NodeId| {
            dom.element(d).is_some()
                && score[d] > 0.0
                && score[d] >= floor
                && s.positive[d] >= text_floor
        };
        let child = dom
            .children(best)
            .filter(|&c| dom.element(c).is_some())
            .max_by(|a, b| score[*a].total_cmp(&score[*b]))
            .filter(|&c| qualifies(c));
        // Else any element below, not only a child: the levels between may hold a video rail
        // or a link list that scores below the floor while the article body lies deeper.
        let deeper = child.or_else(|| {
            dom.descendants(best)
                .filter(|&d| qualifies(d))
                .max_by(|a, b| score[*a].total_cmp(&score[*b]).then(b.cmp(a)))
        });
        match deeper {
            Some(d) => best = d,
            None => return (wide, best),
        }
    }
}

/// The product of the class-word factors of an element and of all its ancestors: units deep
/// in the same container share most of the path, so each product is worked out once.
struct PathFactors {
    /// NaN where not yet known.
    memo: Vec<f32>,
    /// Nodes on the way up to the nearest known one, reused between calls.
    climb: Vec<NodeId>,
}

impl PathFactors {
    fn new(dom: &Dom) -> Self {
        PathFactors {
            memo: vec![f32::NAN; dom.nodes.len()],
            climb: Vec::new(),
        }
    }

    fn get(&mut self, dom: &Dom, id: NodeId) -> f32 {
        self.climb.clear();
        let mut above = 1.0;
        let mut n = Some(id);
        while let Some(x) = n {
            if !self.memo[x].is_nan() {
                above = self.memo[x];
                break;
            }
            self.climb.push(x);
            n = dom.parent(x);
        }
        for &x in self.climb.iter().rev() {
            above *= class_factor(dom, x);
            self.memo[x] = above;
        }
        above
    }
}

fn class_factor(dom: &Dom, id: NodeId) -> f32 {
    let Some(el) = dom.element(id) else {
        return 1.0;
    };
    if el
        .attr("itemprop")
        .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
    {
        return knobs::POSITIVE_FACTOR * knobs::POSITIVE_FACTOR;
    }
    if matches!(el.name.local, local_name!("article") | local_name!("main")) {
        return knobs::POSITIVE_FACTOR;
    }
    let mut positive = false;
    let mut negative = false;
    for name in [el.attr("class"), el.attr("id")].into_iter().flatten() {
        for word in name.split_ascii_whitespace().flat_map(name_words) {
            positive |= knobs::POSITIVE_WORDS.contains(&&*word);
            negative |= knobs::NEGATIVE_WORDS.contains(&&*word);
        }
    }
    match (positive, negative) {
        (true, false) => knobs::POSITIVE_FACTOR,
        (false, true) => knobs::NEGATIVE_FACTOR,
        _ => 1.0,
    }
}

fn in_headline(dom: &Dom, u: &Unit, headline: Option<NodeId>) -> bool {
    headline.is_some_and(|h| u.node == h || dom.ancestors(u.node).any(|a| a == h))
}

// The rules' inputs, plus the optional trace; a struct for them would only rename them.
#[allow(clippy::too_many_arguments)]
fn keep_units(
    dom: &Dom,
    units: &[Unit],
    scores: &Scores,
    roots: &[NodeId],
    headline: Option<NodeId>,
    focus: Focus,
    reading: Reading,
    mut trace: Option<&mut Vec<Decision>>,
) -> Vec<Unit> {
    // Tracing records one decision per unit; off, it costs a branch per dropped unit.
    let mut note = |d: Decision| {
        if let Some(t) = trace.as_mut() {
            t.push(d);
        }
    };
    let root = roots[0];
    let (score, count) = (&scores.score, &scores.count);
    let box_floor = match focus {
        Focus::Precision => 0.0,
        Focus::Balanced => 0.0,
        Focus::Recall => -200.0,
    };
    // Node ids follow document order (the parser creates nodes as it reads), which is all
    // that is needed to tell what stands above the headline.
    // A headline with much prose above it does not open the content (a service page's h1
    // halfway down, below testimonials): nothing above it is cut then.
    let headline_inside = headline
        .filter(|&h| dom.ancestors(h).any(|a| a == root))
        .filter(|&h| {
            let prose_above: usize = units
                .iter()
                .take_while(|u| u.node < h)
                .filter(|u| is_prose(u) && dom.ancestors(u.node).any(|a| a == root))
                .map(|u| u.chars)
                .sum();
            prose_above < knobs::MAX_PROSE_ABOVE_HEADLINE
        });
    let mut kept: Vec<Unit> = Vec::new();
    // Galleries, lightboxes, pull quotes and responsive layouts print the same caption,
    // line or paragraph again elsewhere on the page; a text repeated within one parent is
    // the author's own repetition.
    let mut seen: foldhash::HashMap<&str, Option<NodeId>> = Default::default();
    // Gathered only once a text repeats elsewhere: most pages repeat none.
    let mut with_unique_prose: Option<foldhash::HashSet<Option<NodeId>>> = None;
    // Boxes that follow a related-stories label, once some of the article has been read (a
    // label misread at the top must not take the article with it).
    let mut related: Vec<NodeId> = Vec::new();
    let mut prose_kept = 0u32;
    for (i, u) in units.iter().enumerate() {
        let Some(unit_root) = std::iter::once(u.node)
            .chain(dom.ancestors(u.node))
            .find(|a| roots.contains(a))
        else {
            note(Decision::OutsideContainer);
            continue;
        };
        let path: Vec<NodeId> = std::iter::once(u.node)
            .chain(dom.ancestors(u.node))
            .take_while(|&a| a != unit_root)
            .collect();
        if in_headline(dom, u, headline) {
            note(Decision::InHeadline);
            continue;
        }
        if headline_inside.is_some_and(|h| u.node < h)
            && !matches!(u.kind, UnitKind::Image { .. })
            && !is_prose(u)
        {
            // Above the headline: breadcrumbs, kickers, section labels. Prose stays, in case
            // the headline found is a later story's.
            note(Decision::AboveHeadline);
            continue;
        }
        let in_bad_box = path
            .iter()
            .any(|&a| count[a] >= 2 && score[a] < box_floor && a != u.node);
        if in_bad_box {
            note(Decision::InWeakBox);
            continue;
        }
        if path.iter().any(|a| related.contains(a)) {
            note(Decision::InRelatedBox);
            continue;
        }
        if reading == Reading::Article
            && path.iter().any(|&a| scores.feed[a] && a != u.node)
            && !headline.is_some_and(|h| {
                path.iter()
                    .any(|&a| a == h || dom.ancestors(h).any(|b| b == a))
            })
        {
            note(Decision::InFeed);
            continue;
        }
        if u.furniture == Some(FurnitureKind::RelatedHeading) && reading == Reading::Article {
            // "You may also like" heading a box of its own: the rest of the box is the
            // related list. (A label standing inside the article's text heads only a list the
            // link-density rule already drops.)
            let label = outermost_holding_only(dom, u.node, count, unit_root);
            let siblings: Vec<NodeId> = dom.children(dom.parent(label).unwrap_or(label)).collect();
            let at = siblings.iter().position(|&c| c == label).unwrap_or(0);
            let heads_its_box = siblings[..at].iter().all(|&c| count[c] == 0);
            if heads_its_box && prose_kept >= knobs::PROSE_MIN_CHARS as u32 {
                related.extend(&siblings[at + 1..]);
            }
            note(Decision::RelatedLabel);
            continue;
        }
        let ld = u.link_density();
        let max_ld = match focus {
            Focus::Precision => 0.3,
            Focus::Balanced => knobs::LINK_DENSE,
            Focus::Recall => 0.7,
        };
        let teaser = scores.teaser[i];
        if ld >= max_ld && !teaser && !matches!(u.kind, UnitKind::Image { .. }) {
            note(Decision::LinkDense);
            continue;
        }
        if is_furniture(u) {
            note(Decision::Furniture);
            continue;
        }
        let repeatable = matches!(
            u.kind,
            UnitKind::ListItem { .. } | UnitKind::Cell { .. } | UnitKind::Code
        );
        let parent = dom.parent(u.node);
        if !repeatable && u.chars >= knobs::SHORT_UNIT_CHARS {
            match seen.get(u.text.as_str()) {
                Some(first_parent) if *first_parent != parent => {
                    let with_unique_prose = with_unique_prose
                        .get_or_insert_with(|| parents_of_unique_prose(dom, units));
                    if !with_unique_prose.contains(&parent) {
                        note(Decision::RepeatedElsewhere);
                        continue;
                    }
                }
                Some(_) => {}
                None => {
                    seen.insert(u.text.as_str(), parent);
                }
            }
        }
        // A card printing its name or price twice in a row (a hidden and a shown copy, a
        // title and its link) says it once; longer texts are handled by `seen` above.
        if !matches!(
            u.kind,
            UnitKind::Image { .. } | UnitKind::Cell { .. } | UnitKind::Code
        ) && u.chars < knobs::SHORT_UNIT_CHARS
            && kept.last().is_some_and(|k| k.text == u.text)
        {
            note(Decision::RepeatedInARow);
            continue;
        }
        if reading == Reading::Article && prose_kept == 0 && is_stamp_line(&u.text) {
            note(Decision::StampLine);
            continue;
        }
        if reading == Reading::Article && prose_kept == 0 && is_byline_line(&u.text) {
            note(Decision::BylineLine);
            continue;
        }
        if is_prose(u) {
            prose_kept += u.chars as u32;
        }
        note(Decision::Kept);
        kept.push(u.clone());
    }
    if reading == Reading::Article {
        let start = [
            comment_thread_start(&kept),
            comment_count_start(units, &kept),
        ]
        .into_iter()
        .flatten()
        .min();
        if let Some(start) = start {
            let before = trace
                .as_ref()
                .map(|_| kept.iter().map(|u| u.node).collect::<Vec<_>>());
            kept.truncate(start);
            if let (Some(trace), Some(before)) = (trace.as_deref_mut(), before) {
                mark_dropped(trace, units, &before, &kept, Decision::CommentThread);
            }
        }
    }
    if focus != Focus::Recall {
        let before = trace
            .as_ref()
            .map(|_| kept.iter().map(|u| u.node).collect::<Vec<_>>());
        trim_edges(&mut kept, reading);
        if let (Some(trace), Some(before)) = (trace, before) {
            mark_dropped(trace, units, &before, &kept, Decision::TrimmedEdge);
        }
    }
    kept
}

/// Where the comment thread below an article starts: the first of several short lines each
/// stamped with a date and a time ("reader (guest) 30.12.11, 21:33"), once the article has
/// given some prose. A story's own dates seldom carry a time, and a stamp at its top is the
/// story's.
fn comment_thread_start(kept: &[Unit]) -> Option<usize> {
    let ctx = crate::dates::DateContext::default();
    let mut prose = 0;
    let mut stamps = Vec::new();
    for (i, u) in kept.iter().enumerate() {
        if prose >= knobs::THREAD_AFTER_PROSE_CHARS
            && u.chars <= knobs::THREAD_STAMP_MAX_CHARS
            && has_clock_time(&u.text)
            && crate::dates::parse(&u.text, &ctx).is_some_and(|d| d.time.is_some())
        {
            stamps.push(i);
        }
        if is_prose(u) {
            prose += u.chars;
        }
    }
    let &first = stamps.first()?;
    // A forum's posts are its content, each about as long as the one that opened it; a
    // story's comments are short beside the story.
    let (story, thread) = (prose_chars(&kept[..first]), prose_chars(&kept[first..]));
    (stamps.len() >= knobs::THREAD_MIN_POSTS
        && story >= thread / stamps.len() * knobs::THREAD_STORY_TO_POST)
        .then_some(first)
}

/// Where the comments below an article start when a line counting them opens them ("13
/// Comments"), once the article has given some prose. A listing or a Q&A thread prints a
/// count under every entry; only the one count on the page opens one article's comments. A
/// thread whose every post has comments of its own prints a comment prompt or label under
/// each: its posts are the content, and their comments no article's.
fn comment_count_start(units: &[Unit], kept: &[Unit]) -> Option<usize> {
    let counts: Vec<usize> = (0..kept.len())
        .filter(|&i| crate::lang::is_comment_count(&kept[i].text))
        .collect();
    let &[count] = counts.as_slice() else {
        return None;
    };
    // asked only of a page with one count: most pages have none, and this scans every unit
    let labels = units
        .iter()
        .filter(|u| crate::lang::is_comment_label(&u.text))
        .count();
    (labels < knobs::THREAD_MIN_POSTS
        && prose_chars(&kept[..count]) >= knobs::THREAD_AFTER_PROSE_CHARS)
        .then_some(count)
}

/// A clock time written with a colon ("21:33"): what a post's stamp prints, where a caption's
/// "1982-83" or a price is no time.
fn has_clock_time(text: &str) -> bool {
    let b = text.as_bytes();
    (1..b.len().saturating_sub(2)).any(|i| {
        b[i] == b':'
            && b[i - 1].is_ascii_digit()
            && b[i + 1].is_ascii_digit()
            && b[i + 2].is_ascii_digit()
    })
}

/// Turns the trace's `Kept` into `to` for the units a later pass took off.
fn mark_dropped(
    trace: &mut [Decision],
    units: &[Unit],
    before: &[NodeId],
    after: &[Unit],
    to: Decision,
) {
    let trimmed: Vec<NodeId> = before
        .iter()
        .filter(|n| !after.iter().any(|u| u.node == **n))
        .copied()
        .collect();
    for (d, u) in trace.iter_mut().zip(units) {
        if *d == Decision::Kept && trimmed.contains(&u.node) {
            *d = to;
        }
    }
}

/// The highest element above `node` (up to `stop`) that holds no unit but `node`'s: the
/// label's own box, whose following siblings are what it labels.
/// The parents of prose printed nowhere else on the page. A paragraph printed again beside
/// such prose is the author's own repetition (a recap, a refrain); a lightbox or a second
/// layout repeats whole boxes.
fn parents_of_unique_prose(dom: &Dom, units: &[Unit]) -> foldhash::HashSet<Option<NodeId>> {
    let mut printed: foldhash::HashMap<&str, u32> = Default::default();
    for u in units {
        *printed.entry(u.text.as_str()).or_default() += 1;
    }
    units
        .iter()
        .filter(|u| is_prose(u) && printed[u.text.as_str()] == 1)
        .map(|u| dom.parent(u.node))
        .collect()
}

fn outermost_holding_only(dom: &Dom, node: NodeId, count: &[u32], stop: NodeId) -> NodeId {
    let mut at = node;
    while let Some(parent) = dom.parent(at) {
        if at == stop || count[parent] != count[node] {
            break;
        }
        at = parent;
    }
    at
}

/// A line that is only a labelled publication or update stamp: "Published: 3 May 2012",
/// "ΔΗΜΟΣΙΕΥΣΗ: 11/10/2011 08:26" (the labels from the language packs), nothing after the
/// date but its marks.
fn is_stamp_line(text: &str) -> bool {
    static LABELS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let mut all: Vec<String> = crate::lang::packs()
            .iter()
            .flat_map(|p| {
                p.dates
                    .published_labels
                    .iter()
                    .chain(&p.dates.modified_labels)
            })
            .map(|l| l.to_lowercase())
            .collect();
        // the longest first: "last updated" before "updated"
        all.sort_by_key(|l| std::cmp::Reverse(l.len()));
        all
    });
    if text.chars().count() > knobs::STAMP_LINE_MAX_CHARS {
        return false;
    }
    let lower = text.trim().to_lowercase();
    let Some(rest) = LABELS.iter().find_map(|l| {
        lower
            .strip_prefix(l.as_str())
            .filter(|r| r.starts_with(|c: char| !c.is_alphanumeric()))
    }) else {
        return false;
    };
    let rest = rest.trim_start_matches(|c: char| c == ':' || c.is_whitespace());
    let ctx = crate::dates::DateContext::default();
    crate::dates::parse(rest, &ctx).is_some_and(|d| {
        let left = format!("{}{}", &rest[..d.span.start], &rest[d.span.end..]);
        !left.chars().any(char::is_alphanumeric)
    })
}

/// A line that is only a labelled credit: an author's, reporter's or editor's label from the
/// language packs, a colon, and a few words of name ("Author: Jane Roe", "Συντάκτης: Dr.
/// Άννα Παππά (Παθολόγος)"). Without the colon a label word opens sentences too.
fn is_byline_line(text: &str) -> bool {
    use crate::article::Role;
    static LABELS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        crate::lang::packs()
            .iter()
            .flat_map(|p| p.bylines.labels())
            .filter(|(_, role)| matches!(role, Role::Author | Role::Reporter | Role::Editor))
            .map(|(l, _)| l.to_lowercase())
            .collect()
    });
    if text.chars().count() > knobs::STAMP_LINE_MAX_CHARS || text.contains('\n') {
        return false;
    }
    let lower = text.trim().to_lowercase();
    LABELS.iter().any(|l| {
        lower.strip_prefix(l.as_str()).is_some_and(|r| {
            let name = r.trim_start();
            name.starts_with(':')
                && (1..=knobs::BYLINE_LINE_MAX_WORDS)
                    .contains(&name[1..].split_whitespace().count())
        })
    })
}

/// Initials and nothing else: "J.R.", "Ι.Π.", "A. B." (two to four capitals, each with its
/// dot).
fn is_initials(text: &str) -> bool {
    let t = text.trim();
    let parts: Vec<&str> = t.split('.').map(str::trim).collect();
    t.ends_with('.')
        && (3..=5).contains(&parts.len())
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// A short unit without sentence punctuation: a byline, a date, a label, a button.
fn is_label(u: &Unit) -> bool {
    u.chars < knobs::EDGE_LABEL_CHARS && !has_sentence_punct(&u.text)
}

/// Drops the labels at the edges of an article's text. A listing's short lines are its
/// records (a product's name, a price, a place), so there only trailing pictures go.
fn trim_edges(kept: &mut Vec<Unit>, reading: Reading) {
    let is_label = |u: &Unit| reading == Reading::Article && is_label(u);
    let lead = kept
        .iter()
        .take_while(|u| is_label(u) && !is_heading(u))
        .take(knobs::LEAD_LABELS_MAX)
        .count();
    kept.drain(..lead);
    // A list that ends the text is its last point, not a trailing label; the writer's
    // initials signing it off ("J.R.") are a label, dots and all.
    while kept.last().is_some_and(|u| {
        (is_label(u) || reading == Reading::Article && is_initials(&u.text))
            && !matches!(u.kind, UnitKind::ListItem { .. })
            || matches!(u.kind, UnitKind::Image { .. })
    }) {
        kept.pop();
    }
}

fn page_type(all: &[Unit], chosen: &Chosen, meta: &Metadata) -> PageType {
    if meta.declares_product() {
        return PageType::Product;
    }
    if let Some(t) = meta.declared_type.as_deref() {
        let t = t.to_ascii_lowercase();
        // Before the article test: "DiscussionForumPosting" also ends in "Posting".
        if t.contains("discussionforum") || t.contains("qapage") {
            return PageType::Forum;
        }
        if t.contains("article") || t.contains("posting") || t == "report" {
            return PageType::Article;
        }
    }
    let link_chars: usize = all.iter().map(|u| u.link_chars).sum();
    let chars: usize = all.iter().map(|u| u.chars).sum::<usize>().max(1);
    let prose = prose_chars(&chosen.units);
    let dated = meta.fields.published.is_some();
    if prose >= knobs::LISTING_MAX_PROSE_CHARS || dated && prose >= knobs::DATED_ARTICLE_PROSE_CHARS
    {
        PageType::Article
    } else if link_chars * 2 > chars {
        PageType::Listing
    } else {
        PageType::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::clean;
    use crate::dom::parse;
    use crate::options::Limits;

    fn chosen_texts(html: &str) -> Vec<String> {
        let (dom, _) = parse(html, &Limits::default());
        let cleaned = clean(&dom, Default::default());
        let meta = crate::metadata::extract(&dom, &Options::default());
        select(&dom, &cleaned, &meta, &Options::default())
            .units
            .into_iter()
            .map(|u| u.text)
            .collect()
    }

    const P1: &str = "The council voted on Tuesday to rebuild the old harbour wall, which has \
        protected the fishing quarter since the storms of the last century.";
    const P2: &str = "Residents had asked for the work for years, and the mayor said the money \
        would come from the regional budget rather than from new local taxes.";

    const P3: &str = "Work on the wall will start in the spring, once the fishing season is over, \
        and the harbour will stay open to boats while the builders are there.";

    /// A dated teaser feed: linked titles, each with a blurb and a time stamp.
    fn teaser_feed(n: usize) -> String {
        (1..=n)
            .map(|i| {
                format!(
                    "<div class=item><a href=/s{i}>Ferry timetable story number {i} changes</a>\
                     <p>The ferry company said on Monday that story {i} would see its boats \
                     leave earlier in the morning, and that tickets would cost the same.</p>\
                     <span>Today, 10:{i:02}</span></div>"
                )
            })
            .collect()
    }

    #[test]
    fn a_short_story_beside_a_long_teaser_feed_is_the_content() {
        let html = format!(
            "<html><head><title>Harbour wall to be rebuilt after storms</title></head><body>\
             <div class=column>{}</div><div class=menu>{}</div>\
             <article><h1>Harbour wall to be rebuilt after storms</h1><p>{P1}</p><p>{P2}</p>\
             <p>{P3}</p>\
             </article></body></html>",
            teaser_feed(12),
            (1..=80)
                .map(|i| format!("<a href=/m{i}>Section {i}</a> "))
                .collect::<String>()
        );
        assert_eq!(chosen_texts(&html), [P1, P2, P3]);
    }

    #[test]
    fn a_dated_brief_under_a_plain_headline_is_the_content() {
        // A one-paragraph story, its headline in a bold line and its date beside it, amid a
        // menu and a column of linked titles longer than the story: no listing.
        let brief = "The harbour office said on Monday that the morning ferry will leave at \
            seven from the first of May, an hour earlier than it does now.";
        let html = format!(
            "<html><head><title>Paper : Ferry to leave earlier from May</title></head><body>\
             <ul>{}</ul><div><b>Ferry to leave earlier from May</b><span class=date>3 May 2012</span>\
             <p>{brief}</p></div><div>{}</div></body></html>",
            (1..=30)
                .map(|i| format!("<li><a href=/m{i}>Section {i}</a></li>"))
                .collect::<String>(),
            (1..=12)
                .map(|i| format!(
                    "<p><a href=/s{i}>Ferry timetable story number {i} \
                    changes for the spring</a></p>"
                ))
                .collect::<String>(),
        );
        assert_eq!(chosen_texts(&html), [brief]);
    }

    #[test]
    fn a_box_of_teasers_after_the_story_is_left_out() {
        let feed: String = (1..=4)
            .map(|i| {
                format!(
                    "<a href=/s{i}>Ferry timetable story number {i} changes</a>\
                     <p>The ferry company said on Monday that story {i} would see its boats \
                     leave an hour earlier in the morning from May.</p>"
                )
            })
            .collect();
        let html = format!(
            "<html><head><title>Harbour wall to be rebuilt after storms</title></head><body>\
             <div class=story><h1>Harbour wall to be rebuilt after storms</h1>\
             <p>{P1}</p><p>{P2}</p><p>{P3}</p><div><h3>Latest headlines</h3>{feed}</div>\
             </div></body></html>"
        );
        assert_eq!(chosen_texts(&html), [P1, P2, P3]);
    }

    /// Cards with a picture, a short linked title, a blurb and a linked "Read more".
    fn read_more_cards(n: usize) -> String {
        (1..=n)
            .map(|i| {
                format!(
                    "<div class=card><img src=/p{i}.jpg><div><a href=/s{i}>Ferries {i}</a></div>\
                     <div><p>The ferry company said on Monday that story {i} would see its \
                     boats leave an hour earlier in the morning from May.</p></div>\
                     <div><a href=/s{i}>Read more ..</a></div></div>"
                )
            })
            .collect()
    }

    #[test]
    fn a_column_of_cards_closing_with_read_more_is_left_out() {
        let html = format!(
            "<html><head><title>Harbour wall to be rebuilt after storms</title></head><body>\
             <div class=panel><div class=column><div class=story>\
             <h1>Harbour wall to be rebuilt after storms</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p>\
             </div></div><div class=column><div class=box>{}</div><div class=box>{}</div>\
             </div></div></body></html>",
            read_more_cards(2),
            read_more_cards(2),
        );
        assert_eq!(chosen_texts(&html), [P1, P2, P3]);
    }

    #[test]
    fn a_roundup_of_cards_among_the_storys_paragraphs_is_kept() {
        let html = format!(
            "<html><head><title>Harbour wall to be rebuilt after storms</title></head><body>\
             <div class=story><h1>Harbour wall to be rebuilt after storms</h1>\
             <p>{P1}</p><p>{P2}</p><p>{P3}</p><div class=roundup>{}</div></div></body></html>",
            read_more_cards(4),
        );
        let texts = chosen_texts(&html);
        assert!(
            texts.iter().any(|t| t.contains("story 3 would see")),
            "{texts:?}"
        );
    }

    #[test]
    fn a_labelled_date_line_above_the_story_is_metadata() {
        let html = format!(
            "<html><head><title>Harbour wall to be rebuilt after storms</title></head><body>\
             <div class=story><h1>Harbour wall to be rebuilt after storms</h1>\
             <div>Council backs the plan. Work starts in spring.</div><div>PUBLISHED: 03/05/2012 08:26</div>\
             <p>{P1}</p><p>{P2}</p><p>Updated: 4 May 2012</p><p>{P3}</p></div></body></html>"
        );
        assert_eq!(
            chosen_texts(&html),
            [
                "Council backs the plan. Work starts in spring.",
                P1,
                P2,
                "Updated: 4 May 2012",
                P3
            ]
        );
        assert!(is_stamp_line("Ημερομηνία δημοσίευσης: 3 Ιανουαρίου 2012"));
        assert!(is_stamp_line("ΔΗΜΟΣΙΕΥΣΗ: 11/10/2011 08:26"));
        assert!(!is_stamp_line("Published 3 May 2012 by the harbour office"));
        assert!(!is_stamp_line("Postedon 3 May 2012"));
    }

    #[test]
    fn a_labelled_credit_above_the_story_is_metadata() {
        let html = format!(
            "<html><head><title>Harbour wall to be rebuilt after storms</title></head><body>\
             <div class=story><h1>Harbour wall to be rebuilt after storms</h1>\
             <div>Council backs the plan. Work starts in spring.</div>\
             <div>Author: Dr.Jane Roe (Harbour Desk)</div>\
             <p>{P1}</p><p>Editor: the wall was built in 1901.</p><p>{P2}</p></div></body></html>"
        );
        assert_eq!(
            chosen_texts(&html),
            [
                "Council backs the plan. Work starts in spring.",
                P1,
                "Editor: the wall was built in 1901.",
                P2
            ]
        );
        assert!(is_byline_line("Συντάκτης: Dr.Άννα Παππά (Παθολόγος)"));
        assert!(!is_byline_line("By the harbour, boats wait for spring."));
    }

    #[test]
    fn the_writers_initials_closing_the_story_are_left_out() {
        let html = format!(
            "<html><head><title>Harbour wall to be rebuilt after storms</title></head><body>\
             <div class=story><h1>Harbour wall to be rebuilt after storms</h1>\
             <p>{P1}</p><p>{P2}</p><p>{P3}</p><p>J.R.</p></div></body></html>"
        );
        assert_eq!(chosen_texts(&html), [P1, P2, P3]);
        assert!(is_initials("Ι.Π."));
        assert!(is_initials("A. B. C."));
        assert!(!is_initials("U.S. Navy."));
        assert!(!is_initials("Go."));
    }

    #[test]
    fn the_comments_under_a_count_of_them_are_left_out() {
        let comments: String = (1..=4)
            .map(|i| format!("<p><b>reader{i}</b><br>I do not agree with the council at all, number {i}.</p>"))
            .collect();
        let html = format!(
            "<html><head><title>Harbour wall to be rebuilt after storms</title></head><body>\
             <div class=story><h1>Harbour wall to be rebuilt after storms</h1>\
             <p>{P1}</p><p>{P2}</p><p>{P3}</p><div>| 4 Comment(s)</div><hr>{comments}</div>\
             </body></html>"
        );
        assert_eq!(chosen_texts(&html), [P1, P2, P3]);
    }

    #[test]
    fn a_count_among_posts_that_each_have_comments_cuts_no_thread() {
        let answers: String = (1..=4)
            .map(|i| {
                let count = if i == 1 {
                    "<div>| 3 Comment(s)</div>"
                } else {
                    ""
                };
                format!(
                    "<div class=answer><p>Answer {i}: the council should rebuild the wall with \
                     stone from the old quarry, because concrete cracks in the salt air.</p>\
                     {count}<div><a href=#c{i}>Add a comment</a></div></div>"
                )
            })
            .collect();
        let html = format!(
            "<html><head><title>Harbour wall to be rebuilt after storms</title></head><body>\
             <div class=thread><h1>Harbour wall to be rebuilt after storms</h1>\
             <p>{P1}</p><p>{P2}</p><p>{P3}</p>{answers}</div></body></html>"
        );
        assert!(chosen_texts(&html)
            .iter()
            .any(|t| t.starts_with("Answer 4:")));
    }

    #[test]
    fn the_comment_thread_after_a_story_is_left_out() {
        let thread: String = (1..=4)
            .map(|i| {
                format!(
                    "<p>reader{i} (guest) 0{i}.01.12, 16:5{i}:22</p>\
                     <p>I do not agree with the council at all, number {i}.</p>"
                )
            })
            .collect();
        let html = format!(
            "<html><head><title>Harbour wall to be rebuilt after storms</title></head><body>\
             <div class=story><h1>Harbour wall to be rebuilt after storms</h1>\
             <p>{P1}</p><p>{P2}</p><p>{P3}</p>{thread}</div></body></html>"
        );
        assert_eq!(chosen_texts(&html), [P1, P2, P3]);
    }

    #[test]
    fn a_clock_time_is_no_sentence_end() {
        assert!(!has_sentence_punct("Опубликовано в 12:30"));
        assert!(has_sentence_punct("Заявление министра: реформа начнётся"));
    }

    #[test]
    fn a_story_after_its_headline_is_no_listing() {
        // A list of linked teasers below the story, longer than the story: still an article.
        let html = format!(
            "<html><head><title>Harbour wall to be rebuilt after storms</title></head><body>\
             <div class=main><div class=story><h1>Harbour wall to be rebuilt after storms</h1>\
             <p>{P1}</p><p>{P2}</p><p>{P3}</p></div><ul>{}</ul></div></body></html>",
            (1..=12)
                .map(|i| format!(
                    "<li><a href=/s{i}>Ferry timetable story number {i} changes \
                    for the spring</a></li>"
                ))
                .collect::<String>()
        );
        assert_eq!(chosen_texts(&html), [P1, P2, P3]);
    }

    #[test]
    fn a_short_headline_over_its_story_is_no_listing() {
        // A two-word headline on a dated page, too short to name a story by itself, with the
        // story right under it, beside a column of the linked titles and a box of the
        // latest news.
        let p4 = "The builders will use stone from the old quarry above the town, so that the \
            new wall looks like the one the storms took away.";
        let p5 = "Fishermen said they were glad the work would wait for the end of the season, \
            and asked the council to keep the slipway free for their boats all winter.";
        let p6 = "The council will meet them again in March to agree where the builders may \
            leave their machines and how long the quay will stay closed.";
        let html = format!(
            "<html><head><title>Paper : Quiet deal</title></head><body><div>\
             <div class=date>Thursday 15 December 2011</div><div class=col>{}</div>\
             <div class=wide><div class=title>Quiet deal</div>\
             <div class=story_body><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{p4}</p><p>{p5}</p><p>{p6}</p></div></div>\
             <div class=latest>{}</div></div></body></html>",
            (1..=25)
                .map(|i| format!(
                    "<div><a href=/s{i}>Ferry timetable story number {i} changes for the \
                     spring</a></div>"
                ))
                .collect::<String>(),
            (1..=24)
                .map(|i| format!(
                    "<div><a href=/n{i}>13:{i:02}</a></div><div><a href=/n{i}>Harbour \
                     workers meet the board again on day {i} of talks</a></div>"
                ))
                .collect::<String>(),
        );
        assert_eq!(chosen_texts(&html), [P1, P2, P3, p4, p5, p6]);
    }

    #[test]
    fn the_standfirst_above_the_story_box_is_kept() {
        // The deck sits between the headline and the box of the story's paragraphs, with no
        // full stop; the story box alone scores best.
        let deck = "Builders will start in the spring and the harbour stays open to boats";
        let html = format!(
            "<html><head><title>Harbour wall to be rebuilt after storms</title></head><body>\
             <div class=menu>{}</div><div class=story><h1>Harbour wall to be rebuilt after \
             storms</h1><div class=deck>{deck}</div><div class=tools><a href=/p>Print this page</a> \
             <a href=/e>Email this page</a> <a href=/f>Follow the paper</a></div>\
             <div class=text><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></div></body></html>",
            (1..=20)
                .map(|i| format!("<a href=/m{i}>Section {i}</a> "))
                .collect::<String>()
        );
        assert_eq!(chosen_texts(&html), [deck, P1, P2, P3]);
    }

    #[test]
    fn the_standfirst_in_the_table_row_after_the_headlines_is_kept() {
        // A page laid out in table rows: the headline's row, a spacer row, the deck's row.
        let deck = "Builders will start in the spring and the harbour stays open to boats";
        let html = format!(
            "<html><head><title>Harbour wall to be rebuilt after storms</title></head><body>\
             <div class=menu>{}</div><table><tr><td class=date>3 May 2012</td></tr>\
             <tr><td><h1>Harbour wall to be rebuilt after storms</h1></td></tr><tr><td> </td></tr>\
             <tr><td class=deck>{deck}</td></tr><tr><td class=tools><a href=/p>Print this page</a> \
             <a href=/e>Email this page</a> <a href=/f>Follow the paper</a></td></tr>\
             <tr><td><span class=body><p>{P1}</p><p>{P2}</p>\
             <p>{P3}</p></span></td></tr></table></body></html>",
            (1..=20)
                .map(|i| format!("<a href=/m{i}>Section {i}</a> "))
                .collect::<String>()
        );
        assert_eq!(chosen_texts(&html), [deck, P1, P2, P3]);
    }

    #[test]
    fn a_data_tables_linked_cells_are_its_content() {
        let rows: String = (1..=8)
            .map(|i| {
                format!(
                    "<tr><td>19{i:02}</td><td><a href=/p{i}>Physicist Number {i}</a></td>\
                     <td><a href=/c{i}>Chemist Number {i}</a></td></tr>"
                )
            })
            .collect();
        // Enough prose for the page to be read as an article, not as a listing.
        let prose: String = (1..=4)
            .map(|i| format!("<p>{P1} Part {i}.</p><p>{P2} Part {i}.</p>"))
            .collect();
        let html = format!(
            "<body><ul><li><a href=/a>Home</a></li><li><a href=/b>Prizes</a></li></ul>\
             <main><h1>List of laureates</h1>{prose}\
             <table><tr><th>Year</th><th>Physics</th><th>Chemistry</th></tr>{rows}</table>\
             <p>{P2}</p></main></body>"
        );
        let texts = chosen_texts(&html);
        assert!(texts.iter().any(|t| t == "Physicist Number 3"), "{texts:?}");
        assert!(texts.iter().any(|t| t == "Chemist Number 8"), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with(P1)), "{texts:?}");
        assert!(!texts.iter().any(|t| t == "Home"), "{texts:?}");
    }

    #[test]
    fn a_table_without_column_headers_is_no_data_table() {
        let rows: String = (1..=8)
            .map(|i| format!("<tr><td><a href=/s{i}>Section page number {i}</a></td></tr>"))
            .collect();
        let html = format!(
            "<body><main><h1>Harbour wall to be rebuilt</h1><p>{P1}</p><p>{P2}</p></main>\
             <table><tr><th colspan=2>Sections of the site</th></tr>{rows}</table></body>"
        );
        let texts = chosen_texts(&html);
        assert!(
            !texts.iter().any(|t| t.starts_with("Section page")),
            "{texts:?}"
        );
    }

    #[test]
    fn picks_the_article_over_navigation_and_related_links() {
        let html = format!(
            "<body><ul><li><a href=/a>Home</a></li><li><a href=/b>World</a></li></ul>\
             <h1>Harbour wall to be rebuilt</h1>\
             <div class=content><p>{P1}</p><p>{P2}</p>\
             <div class=box><h3>More</h3><ul><li><a href=/x>Another story about the harbour</a></li>\
             <li><a href=/y>Yet another story about the council</a></li></ul></div></div>\
             <div><a href=/z>Privacy</a> <a href=/w>Contact us</a></div></body>"
        );
        assert_eq!(chosen_texts(&html), vec![P1, P2]);
    }

    #[test]
    fn a_long_caption_printed_again_by_a_lightbox_is_kept_once() {
        let caption = format!("{P1} {P2}");
        let html = format!(
            "<article><figure><img src=a.jpg><figcaption>{caption}</figcaption></figure>\
             <p>{P2}</p><p>{P1}</p><div class=lightbox><div class=slide><p>{caption}</p>\
             </div></div></article>"
        );
        let kept = chosen_texts(&html);
        assert_eq!(
            kept.iter().filter(|t| **t == caption).count(),
            1,
            "{kept:?}"
        );
    }

    #[test]
    fn a_paragraph_repeated_beside_new_prose_is_the_authors() {
        let p3 = "The work starts in spring and should be done before the autumn storms \
                  return to the coast, the harbour master told the meeting.";
        let html = format!(
            "<article><h1>Harbour</h1><div><p>{P1}</p><p>{P2}</p></div><h2>Next</h2>\
             <div><p>{p3}</p><p>{P2}</p></div></article>"
        );
        let kept = chosen_texts(&html);
        assert_eq!(kept.iter().filter(|t| **t == P2).count(), 2, "{kept:?}");
    }

    #[test]
    fn a_related_label_heading_its_own_box_takes_the_box_with_it() {
        let teaser = |n: u32| {
            format!(
                "<article class=post><h3><a href=/t{n}>Older story number {n}</a></h3><p>An older \
                 summary that runs long enough to read like prose, number {n}, about the town.</p>\
                 </article>"
            )
        };
        let teasers: String = (1..=4).map(teaser).collect();
        let html = format!(
            "<main><article class=post><p>{P1}</p><p>{P2}</p><p>{P1}</p></article>\
             <section><h3>You may also like</h3>{teasers}</section></main>"
        );
        assert_eq!(chosen_texts(&html), vec![P1, P2, P1]);
    }

    #[test]
    fn a_shop_recommendation_box_goes_with_its_label() {
        let card = |n: u32| {
            format!(
                "<div class=item><p>Enamelled dutch oven number {n}, in a deep blue glaze, \
                 holds five litres and goes from the hob to the oven.</p></div>"
            )
        };
        let cards: String = (1..=3).map(card).collect();
        let html = format!(
            "<main><h1>Cast iron casserole</h1><div class=product><p>{P1}</p><p>{P2}</p>\
             <p>{P1}</p></div><section><h3>Frequently bought together</h3>{cards}</section></main>"
        );
        assert_eq!(chosen_texts(&html), vec![P1, P2, P1]);
    }

    #[test]
    fn customer_reviews_go_with_their_heading() {
        let review = |n: u32| {
            format!(
                "<div class=entry><p>Bought it for my mother, number {n} of many gifts this \
                 year, and she uses it every morning for her porridge.</p></div>"
            )
        };
        let reviews: String = (1..=3).map(review).collect();
        let html = format!(
            "<main><h1>Cast iron casserole</h1><div class=details><p>{P1}</p><p>{P2}</p>\
             <p>{P1}</p></div><section><h2>Customer reviews</h2>{reviews}</section></main>"
        );
        assert_eq!(chosen_texts(&html), vec![P1, P2, P1]);
    }

    #[test]
    fn a_shipping_and_returns_box_goes_with_its_heading() {
        let html = format!(
            "<main><h1>Cast iron casserole</h1><div class=details><p>{P1}</p><p>{P2}</p>\
             <p>{P1}</p></div><section><h3>Shipping &amp; returns</h3><p>Orders leave our \
             warehouse within two working days, and unused items may be sent back within a \
             month for a full refund.</p></section></main>"
        );
        assert_eq!(chosen_texts(&html), vec![P1, P2, P1]);
    }

    #[test]
    fn a_related_label_inside_the_text_does_not_end_the_article() {
        let html = format!(
            "<article><p>{P1}</p><p>{P2}</p><h4>Read next</h4><ul><li><a href=/a>Another \
             harbour story from the same town</a></li></ul><p>{P2}</p><p>{P1}</p></article>"
        );
        assert_eq!(chosen_texts(&html), vec![P1, P2, P2, P1]);
    }

    #[test]
    fn tightens_past_a_level_that_a_link_rail_drags_down() {
        let rail: String = (1..=2)
            .map(|i| {
                format!(
                    "<li><a href=/v{i}>Video: another clip about the markets, part {i}</a></li>"
                )
            })
            .collect();
        let html = format!(
            "<body><div class=wrapper><ul class=playlist>{rail}</ul><div class=story>\
             <p>{P1}</p><p>{P2}</p><p>{P1}</p></div></div>\
             <p>Market data is delayed by at least fifteen minutes, and all times shown on this \
             page are local to the exchange that reports them.</p>\
             </body>"
        );
        assert_eq!(chosen_texts(&html), vec![P1, P2, P1]);
    }

    #[test]
    fn does_not_tighten_to_one_paragraph_among_linked_calls() {
        let tile = |n: u32| {
            format!(
                "<div class=tile><h3>Plan {n}</h3><p>Answers come {n} times faster.</p>\
                 <p><a href=/t{n}>Start a free trial of plan {n}</a></p></div>"
            )
        };
        let tiles: String = (1..=8).map(tile).collect();
        let html = format!(
            "<body><main><div class=intro><p>{P1}</p><p>{P2}</p><p>{P1}</p></div>{tiles}\
             </main></body>"
        );
        let (dom, _) = parse(&html, &Limits::default());
        let cleaned = clean(&dom, Default::default());
        let meta = crate::metadata::extract(&dom, &Options::default());
        let units = segment(&dom, &cleaned, scoring_root(&dom));
        let s = score(&dom, &units, &meta, Reading::Article);
        let (_, root) = best_container(&dom, &s, scoring_root(&dom));
        assert_eq!(
            dom.tag(root).map(|t| t.to_string()).as_deref(),
            Some("main")
        );
    }

    #[test]
    fn drops_read_also_lines_and_ad_labels() {
        let html = format!(
            "<article><p>{P1}</p><p>Baca juga: Dermaga Baru Dibuka</p>\
             <div>Advertisement</div><p>{P2}</p></article>"
        );
        assert_eq!(chosen_texts(&html), vec![P1, P2]);
    }

    #[test]
    fn reads_a_grid_of_short_product_cards_as_a_listing() {
        let card = |name: &str, price: &str| {
            format!(
                "<li class='card tile'><a href=/p><span>Maker</span><h3>{name}</h3></a>\
                 <div class=price>{price}</div></li>"
            )
        };
        let cards: String = [
            ("Cast iron skillet, 12 inch", "$49.99"),
            ("Square grill pan with ridges", "$32.99"),
            ("Enamelled dutch oven", "$89.00"),
            ("Cast iron lid, 9 inch", "$31.99"),
            ("Silicone handle holder", "$6.99"),
        ]
        .iter()
        .map(|(n, p)| card(n, p))
        .collect();
        let html = format!(
            "<body><ul class=menu><li><a href=/>Home</a></li><li><a href=/s>Shop</a></li>\
             <li><a href=/c>Contact</a></li></ul><h1>Cast iron</h1><ul class=grid>{cards}</ul>\
             <p>Only 3 left!</p></body>"
        );
        let kept = chosen_texts(&html);
        assert!(kept.iter().any(|t| t == "Enamelled dutch oven"), "{kept:?}");

        assert!(kept.iter().any(|t| t == "$6.99"), "{kept:?}");
        assert!(!kept.iter().any(|t| t == "Contact"), "{kept:?}");
    }

    #[test]
    fn a_product_page_does_not_take_the_listing_reading_from_its_related_items() {
        let card = |n: u32| {
            format!(
                "<li class=tile><a href=/p{n}><h3>Stoneware teapot in glaze number {n}</h3></a>\
                 <span class=price>$3{n}.00</span></li>"
            )
        };
        let cards: String = (1..=9).map(card).collect();
        let page = |ld: &str| {
            format!(
                "<head><title>Blue enamel kettle, 1.7 l | Shop</title>{ld}</head><body>\
                 <main><h1>Blue enamel kettle, 1.7 l</h1><p>{P1}</p>\
                 <h2>You may also like</h2><ul class=grid>{cards}</ul></main></body>"
            )
        };
        let related = "Stoneware teapot in glaze number 4";
        let unnamed = chosen_texts(&page(""));
        assert!(unnamed.iter().any(|t| t == related), "{unnamed:?}");
        let product = chosen_texts(&page(
            "<script type=application/ld+json>{\"@type\":\"Product\",\
             \"name\":\"Blue enamel kettle 1.7 l\"}</script>",
        ));
        assert!(product.iter().any(|t| t == P1), "{product:?}");
        assert!(!product.iter().any(|t| t == related), "{product:?}");
    }

    #[test]
    fn a_short_line_printed_twice_in_a_row_is_kept_once() {
        let cards: String = [
            ("Dark roast beans", "19 EUR"),
            ("Medium roast beans", "17 EUR"),
            ("Espresso roast beans", "21 EUR"),
            ("Decaf roast beans", "18 EUR"),
            ("Blend of the month", "16 EUR"),
        ]
        .iter()
        .map(|(name, price)| {
            format!(
                "<li class=product><h3>{name}</h3><div><a href=/p>{name}</a></div>\
                 <div class=price>{price}</div><div class=sale>{price}</div></li>"
            )
        })
        .collect();
        let html = format!(
            "<head><title>Coffee</title></head><body><ul class=products>{cards}</ul>\
             <p>Free returns within 30 days.</p></body>"
        );
        let kept = chosen_texts(&html);
        let count = |text: &str| kept.iter().filter(|t| t.as_str() == text).count();
        assert_eq!(count("Medium roast beans"), 1, "{kept:?}");
        assert!(count("17 EUR") <= 1, "{kept:?}");
    }

    #[test]
    fn a_listing_keeps_the_short_lines_of_its_first_records() {
        let cards: String = [
            ("Linen shirt with a camp collar, sand", "39 EUR"),
            ("Linen shirt with a camp collar, moss", "39 EUR"),
            ("Wool overshirt with two pockets, charcoal", "89 EUR"),
            ("Cotton pique polo with short sleeves, navy", "45 EUR"),
            ("Denim trucker jacket, washed black", "99 EUR"),
        ]
        .iter()
        .map(|(name, price)| {
            format!("<li class=product><a href=/p>{name}</a><span class=price>{price}</span></li>")
        })
        .collect();
        let html = format!(
            "<head><title>Shirts</title></head><body><ul class=products>{cards}</ul>\
             <p>Free returns within 30 days.</p></body>"
        );
        let kept = chosen_texts(&html);
        // Short lines without a full stop are labels at the edges of an article, not here.
        assert!(
            kept.iter()
                .any(|t| t.starts_with("Linen shirt with a camp collar, sand")),
            "{kept:?}"
        );
        assert!(
            kept.iter().any(|t| t.starts_with("Denim trucker jacket")),
            "{kept:?}"
        );
    }

    #[test]
    fn reads_cards_nested_deep_in_a_shop_theme_as_records() {
        let card = |name: &str, price: &str| {
            format!(
                "<li class=grid-item><div class=wrap><div class=card><div class=inner>\
                 <div class=content><div class=info><div class=title><h3><a href=/p>{name}</a>\
                 </h3></div></div><div class=price>{price}</div></div></div></div></div></li>"
            )
        };
        let cards: String = [
            ("Dark roast whole beans", "12 EUR"),
            ("Medium roast whole beans", "12 EUR"),
            ("Espresso roast ground", "14 EUR"),
            ("Decaf roast whole beans", "13 EUR"),
            ("Blueberry blend ground", "15 EUR"),
        ]
        .iter()
        .map(|(n, p)| card(n, p))
        .collect();
        let html = format!(
            "<head><title>Coffee</title></head><body><h1>Coffee</h1><ul class=grid>{cards}</ul>\
             </body>"
        );
        let kept = chosen_texts(&html);
        assert!(
            kept.iter().any(|t| t == "Espresso roast ground"),
            "{kept:?}"
        );
        assert!(kept.iter().any(|t| t == "15 EUR"), "{kept:?}");
    }

    #[test]
    fn only_a_few_leading_labels_are_trimmed() {
        let html = format!(
            "<article><p>Garden</p><p>Ann Lee</p><p>4 May 2024</p><ul><li>Two spades</li>\
             <li>One rake</li><li>A wheelbarrow</li><li>Seed trays</li></ul><p>{P1}</p>\
             <p>{P2}</p></article>"
        );
        let kept = chosen_texts(&html);
        assert_eq!(kept.first().map(String::as_str), Some("Two spades"));
    }

    #[test]
    fn an_undated_page_labelled_an_article_can_still_be_a_listing() {
        let teaser = |n: u32| {
            format!(
                "<li class=card><a href=/r{n}><h3>Slow cooker stew number {n}, with barley</h3></a>\
                 <span>{n}0 ratings</span></li>"
            )
        };
        let teasers: String = (1..=8).map(teaser).collect();
        let page = |date: &str| {
            format!(
                "<head><meta property=og:type content=article>{date}</head><body><main>\
                 <h1>Dinner recipes</h1><p>What is for dinner? Our most loved dishes.</p>\
                 <ul class=grid>{teasers}</ul></main></body>"
            )
        };
        let kept = chosen_texts(&page(""));
        assert!(
            kept.iter()
                .any(|t| t == "Slow cooker stew number 3, with barley"),
            "{kept:?}"
        );
        let dated = page("<meta property=article:published_time content=2024-03-01T10:00:00Z>");
        assert!(!chosen_texts(&dated).iter().any(|t| t.contains("number 3")));
    }

    #[test]
    fn a_list_of_links_is_not_a_grid_of_cards() {
        let months: String = ["May", "June", "July", "August"]
            .iter()
            .map(|m| {
                format!(
                    "<ul class=year><li><a href=/a>{m} (12)</a></li><li><a href=/b>{m} (7)</a></li>\
                     <li><a href=/c>{m} (31)</a></li></ul>"
                )
            })
            .collect();
        let html = format!(
            "<body><div class=content><p>{P1}</p><p>{P2}</p></div>\
             <div class=archive>{months}</div></body>"
        );
        assert_eq!(chosen_texts(&html), vec![P1, P2]);
    }

    #[test]
    fn a_headline_below_much_prose_does_not_cut_the_labels_above_it() {
        let quote = |n: u32| {
            format!(
                "<blockquote><p>\u{201c}The new plan number {n} saved our small bakery hours of \
                 paperwork every single week, and the staff were kind.\u{201d}</p>\
                 <p>Client {n}, Lisbon</p></blockquote>"
            )
        };
        let quotes: String = (1..=4).map(quote).collect();
        let html = format!(
            "<head><title>Bookkeeping for bakeries</title></head><body><main>{quotes}\
             <h1>Bookkeeping for bakeries</h1><p>{P1}</p><p>{P2}</p></main></body>"
        );
        let kept = chosen_texts(&html);
        assert!(kept.iter().any(|t| t == "Client 3, Lisbon"), "{kept:?}");
    }

    #[test]
    fn an_h2_headline_still_marks_where_the_story_starts() {
        let ticker: String = (1..=4)
            .map(|i| {
                format!(
                    "<li><a href=/s{i}>Ferry service number {i} resumes after the storm</a> \
                     PORT TOWN: The operator said crossings would run on the winter timetable \
                     from Monday, with extra sailings at the weekend.</li>"
                )
            })
            .collect();
        let html = format!(
            "<head><title>Harbour wall to be rebuilt | Daily Planet</title>\
             <meta property=og:title content='Harbour wall to be rebuilt'>\
             <meta property=og:site_name content='Daily Planet'></head><body>\
             <h1><a href=/>Daily Planet</a></h1><div class=main><ul class=ticker>{ticker}</ul>\
             <h2>Harbour wall to be rebuilt</h2><p>{P1}</p><p>{P2}</p><p>{P1}</p></div></body>"
        );
        assert_eq!(chosen_texts(&html), vec![P1, P2, P1]);
    }

    #[test]
    fn a_page_drawn_by_scripts_leaves_no_article_in_its_footer() {
        let html = "<body><div id=root></div><footer><div class=links>\
            <h5>Help</h5><p>Our help centre answers questions about orders, returns and \
            delivery times, and you can reach the team by mail at any hour of the day.</p>\
            <p><a href=/a>Returns</a>, <a href=/b>Shipping</a>, <a href=/c>Privacy</a></p>\
            </div></footer></body>";
        assert!(chosen_texts(html).is_empty());
    }

    #[test]
    fn an_article_ending_in_a_footer_keeps_it() {
        let html =
            format!("<body><article><p>{P1}</p><footer><p>{P2}</p></footer></article></body>");
        assert_eq!(chosen_texts(&html), [P1, P2]);
    }

    #[test]
    fn falls_back_to_json_ld_body() {
        let body = format!("{P1} {P2} {P1}");
        let html = format!(
            "<script type='application/ld+json'>{{\"@type\":\"NewsArticle\",\
             \"articleBody\":\"{body}\"}}</script><body><div>Short teaser.</div></body>"
        );
        let (dom, _) = parse(&html, &Limits::default());
        let cleaned = clean(&dom, Default::default());
        let meta = crate::metadata::extract(&dom, &Options::default());
        let chosen = select(&dom, &cleaned, &meta, &Options::default());
        assert_eq!(chosen.fallback, Some(Fallback::ArticleBody));
        assert_eq!(chosen.from_article_body.as_deref(), Some(body.as_str()));
    }
}
