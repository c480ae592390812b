//! The main body: the stretch of lines where running prose outweighs everything else.
//!
//! Each line gets a weight: long sentence-like lines count for their length, short lines
//! without sentence punctuation (menus, tags, buttons) count against, inline furniture counts
//! a little against (an ad slot inside an article should not split it), and the headings of
//! related lists and boilerplate count heavily against (they end an article). The body is the
//! stretch with the largest total weight.

use std::ops::Range;

use crate::article::Block;
use crate::options::Focus;

use super::furniture::Kind;
use super::lines::{has_menu_separators, Line};

/// A line this long in words is prose even without a full stop at its end.
const PROSE_WORDS: usize = 20;
/// A sentence this long (ending in punctuation) is prose.
const SENTENCE_WORDS: usize = 7;
/// Running prose has a comma or a stop every so many words, at the least.
const WORDS_PER_STOP: usize = 30;
/// What a short line that is not a sentence costs.
const SHORT_LINE_COST: f32 = 3.0;
/// What a line of inline furniture costs.
const INLINE_FURNITURE_COST: f32 = 1.0;
/// What a line that ends an article costs (related heading, boilerplate, list entry).
const BARRIER_COST: f32 = 25.0;
/// Below this share of words in prose, a page's short lines start to cost less.
const PROSE_SHARE_OF_AN_ARTICLE: f32 = 0.5;
/// The least a short line costs, as a share of [`SHORT_LINE_COST`], however little prose.
const MIN_SHORT_LINE_SHARE: f32 = 0.1;
/// Prose (in words) after which a related heading or boilerplate marks the article's end.
const ARTICLE_WORDS_BEFORE_END: usize = 150;
/// What prose after the article's end still counts: comments and teasers rarely outweigh it.
const AFTER_END_SHARE: f32 = 0.3;

/// What a short line costs on this page. Where prose is scarce (product pages, listings)
/// the short lines are the content, and cost less.
fn short_line_cost(lines: &[Line], kinds: &[Kind], focus: Focus) -> f32 {
    let dial = match focus {
        Focus::Precision => 1.5,
        Focus::Balanced => 1.0,
        Focus::Recall => 0.5,
    };
    let (mut prose, mut all) = (0usize, 0usize);
    for (line, kind) in lines.iter().zip(kinds) {
        if *kind == Kind::Text {
            all += line.words;
            if line.ends_sentence && line.words >= SENTENCE_WORDS {
                prose += line.words;
            }
        }
    }
    let ratio = prose as f32 / all.max(1) as f32;
    let scarcity = (ratio / PROSE_SHARE_OF_AN_ARTICLE).clamp(MIN_SHORT_LINE_SHARE, 1.0);
    SHORT_LINE_COST * dial * scarcity
}

fn weight(line: &Line, kind: &Kind, short_cost: f32) -> f32 {
    match kind {
        Kind::Text => {
            let words = line.words as f32;
            if has_menu_separators(&line.text) {
                -short_cost * 2.0
            } else if line.ends_sentence && line.words >= SENTENCE_WORDS {
                words
            } else if line.words >= PROSE_WORDS && reads_like_prose(line) {
                words * 0.6
            } else if line.ends_sentence && line.words >= 3 {
                1.0
            } else {
                -short_cost
            }
        }
        Kind::Caption { .. } => 0.0,
        Kind::ReadAlso(_) | Kind::Ad | Kind::ReadMore | Kind::CallToAction | Kind::Source(_) => {
            -INLINE_FURNITURE_COST
        }
        Kind::Title | Kind::Byline | Kind::Date => -short_cost,
        Kind::Boilerplate | Kind::RelatedHeading | Kind::Related => -BARRIER_COST,
    }
}

/// A long line without a full stop at its end is prose when it has the commas and stops of
/// sentences inside; a menu or a tag cloud flattened into one line has next to none.
fn reads_like_prose(line: &Line) -> bool {
    let stops = line
        .text
        .chars()
        .filter(|c| matches!(c, ',' | '.' | ';' | '!' | '?' | '，' | '、' | '。' | '،'))
        .count();
    stops * WORDS_PER_STOP >= line.words
}

/// The stretch of lines with the largest total weight, if any stretch weighs more than
/// nothing. Once the article has plainly ended (a related heading or boilerplate after
/// enough prose), what follows counts for less.
pub(super) fn main_span(lines: &[Line], kinds: &[Kind], focus: Focus) -> Option<Range<usize>> {
    let mut best: Option<(f32, Range<usize>)> = None;
    let mut sum = 0.0f32;
    let mut start = 0;
    let mut prose = 0;
    let mut ended = false;
    let short_cost = short_line_cost(lines, kinds, focus);
    for (i, (line, kind)) in lines.iter().zip(kinds).enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        let mut w = weight(line, kind, short_cost);
        if ended && w > 0.0 {
            w *= AFTER_END_SHARE;
        }
        if *kind == Kind::Text && line.ends_sentence {
            prose += line.words;
        }
        if prose >= ARTICLE_WORDS_BEFORE_END
            && matches!(
                kind,
                Kind::Boilerplate | Kind::RelatedHeading | Kind::Related
            )
        {
            ended = true;
        }
        sum += w;
        if sum > 0.0 && best.as_ref().is_none_or(|(b, _)| sum > *b) {
            best = Some((sum, start..i + 1));
        }
    }
    best.map(|(_, span)| span)
}

/// The blocks of the body span: prose as paragraphs, short lines that introduce prose as
/// headings, captions as figures; furniture left out.
pub(super) fn blocks(lines: &[Line], kinds: &[Kind], span: Range<usize>) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for i in span.clone() {
        // A line printed twice (a pull quote, a repeated teaser) is read once.
        if kinds[i] == Kind::Text && lines[i].words >= 3 && !seen.insert(lines[i].text.as_str()) {
            continue;
        }
        match &kinds[i] {
            Kind::Text => {
                let line = &lines[i];
                let next_is_prose = lines[i + 1..span.end]
                    .iter()
                    .zip(&kinds[i + 1..span.end])
                    .find(|(_, k)| **k == Kind::Text)
                    .is_some_and(|(l, _)| l.ends_sentence && l.words >= SENTENCE_WORDS);
                if !line.ends_sentence
                    && line.words < PROSE_WORDS
                    && next_is_prose
                    && line.starts_capitalised()
                {
                    blocks.push(Block::Heading {
                        text: line.text.clone(),
                        level: 2,
                    });
                } else {
                    blocks.push(Block::Paragraph {
                        text: line.text.clone(),
                        links: Vec::new(),
                    });
                }
            }
            Kind::Caption { caption, credit } => blocks.push(Block::Figure {
                src: None,
                caption: caption.clone(),
                credit: credit.clone(),
            }),
            _ => {}
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines::segment;

    #[test]
    fn the_body_outweighs_the_menu_around_it() {
        let lines = segment(
            "Home\nNews\nSport\nWeather\n\
             The council met on Monday to agree the budget for the coming year.\n\
             Budget\n\
             Spending on roads will rise by a tenth, the treasurer told members.\n\
             Contact\nAbout us\nJobs",
        );
        let kinds = vec![Kind::Text; lines.len()];
        assert_eq!(main_span(&lines, &kinds, Focus::Balanced), Some(4..7));
        let blocks = blocks(&lines, &kinds, 4..7);
        assert!(matches!(&blocks[1], Block::Heading { text, .. } if text == "Budget"));
    }

    #[test]
    fn no_prose_no_body() {
        let lines = segment("Home\nNews\nSport");
        let kinds = vec![Kind::Text; lines.len()];
        assert_eq!(main_span(&lines, &kinds, Focus::Balanced), None);
    }
}
