//! The main body: the stretch of lines where running prose outweighs everything else.
//!
//! Each line gets a weight: long sentence-like lines count for their length, short lines
//! without sentence punctuation (menus, tags, buttons) count against, inline furniture counts
//! a little against (an ad slot inside an article should not split it), and the headings of
//! related lists and boilerplate count heavily against (they end an article). The body is the
//! stretch with the largest total weight.

use std::ops::Range;

use crate::article::Block;
use crate::copyright;
use crate::options::Focus;
use crate::strings::{COLONS, PROSE_MARKS};

use super::furniture::{per_post_labels, Kind};
use super::lines::{has_menu_separators, Line};
use super::when::When;

/// A line this long in words is prose even without a full stop at its end.
const PROSE_WORDS: usize = 20;
/// What a long line of prose without a stop at its end counts, as a share of its words:
/// most are paragraphs whose last sentence lost its stop, few are menus.
const UNSTOPPED_PROSE_SHARE: f32 = 0.8;
/// A sentence this long (ending in punctuation) is prose.
const SENTENCE_WORDS: usize = 7;
/// Running prose has a comma or a stop every so many words, at the least.
const WORDS_PER_STOP: usize = 30;
/// What a short line that is not a sentence costs.
const SHORT_LINE_COST: f32 = 1.5;
/// What a line of inline furniture costs.
const INLINE_FURNITURE_COST: f32 = 2.0;
/// What a line that ends an article costs (related heading, boilerplate, list entry).
const BARRIER_COST: f32 = 25.0;
/// Below this share of words in prose, a page's short lines start to cost less.
const PROSE_SHARE_OF_AN_ARTICLE: f32 = 0.6;
/// The least a short line costs, as a share of [`SHORT_LINE_COST`], however little prose.
const MIN_SHORT_LINE_SHARE: f32 = 0.1;
/// Prose (in words) after which a related heading or boilerplate marks the article's end:
/// a short news item or a product's description is an article's worth too.
const ARTICLE_WORDS_BEFORE_END: usize = 125;
/// What prose after the page's copyright notice still counts: what a crawler finds there
/// is dialogs and overlays, however long (a privacy policy in a popup).
const AFTER_PAGE_END_SHARE: f32 = 0.0;
/// What prose after the article's end still counts: comments and teasers rarely outweigh it.
const AFTER_END_SHARE: f32 = 0.3;

/// What a short line costs on this page, and the page's prose share (from
/// [`MIN_SHORT_LINE_SHARE`] to 1) that sets it. Where prose is scarce (product pages,
/// listings) the short lines are the content, and cost less.
fn short_line_cost(lines: &[Line], kinds: &[Kind], focus: Focus) -> (f32, f32) {
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
    (SHORT_LINE_COST * dial * scarcity, scarcity)
}

/// Prose (in words) that makes the heaviest stretch an article; with less, the page may be
/// a list of records.
const ARTICLE_PROSE_WORDS: usize = 300;
/// Prose (in words) of a short article, which a list of bare headlines after it does not
/// join.
const SHORT_ARTICLE_WORDS: usize = 100;
/// Prose (in words) of a brief news item, which a list of dated headlines after it (title,
/// date, title, date) does not join: such a list is the site's latest news, not the item's.
const BRIEF_ARTICLE_WORDS: usize = 40;
/// The least a line in a run of records weighs on a page without prose; less as the page's
/// share of prose grows.
const RECORD_WEIGHT: f32 = 1.0;
/// The least share of [`RECORD_WEIGHT`] a record keeps however much prose the page has
/// elsewhere: a shop's guarantees and shipping notes should not outweigh its grid.
const MIN_RECORD_SHARE: f32 = 0.5;
/// A sentence line shorter than this, with no prose on either side, reads like a teaser.
const TEASER_WORDS: usize = 30;
/// What an isolated short sentence line (a teaser, a card's blurb) counts, as a share.
const ISOLATED_SHARE: f32 = 0.5;

/// A line that reads as running prose on its own.
fn is_prose(line: &Line, kind: &Kind) -> bool {
    *kind == Kind::Text
        && !has_menu_separators(&line.text)
        && (is_sentence(line) || (line.words >= PROSE_WORDS && reads_like_prose(line)))
}

/// A sentence long enough to be prose: closed by a stop, or by a colon that opens what
/// follows ("Services include:"); a label closed by a colon is a word or two.
fn is_sentence(line: &Line) -> bool {
    line.words >= SENTENCE_WORDS && (line.ends_sentence || line.text.ends_with(COLONS))
}

/// Inline furniture and captions sit inside an article without breaking its prose.
fn is_inline(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::Caption { .. }
            | Kind::Ad
            | Kind::ReadAlso(_)
            | Kind::ReadMore
            | Kind::CallToAction
            | Kind::Source(_)
            | Kind::PostFurniture
    )
}

/// For each line, whether it is a short prose line with no prose next to it (past inline
/// furniture): the blurb of a card or a teaser between titles and dates. Articles put
/// their sentences in runs; cards put one sentence between short lines.
fn isolated_teasers(lines: &[Line], kinds: &[Kind]) -> Vec<bool> {
    lone_prose(lines, kinds)
        .into_iter()
        .zip(lines)
        .map(|(lone, line)| lone && line.words < TEASER_WORDS)
        .collect()
}

/// For each line, whether it is prose with no prose next to it (past inline furniture).
fn lone_prose(lines: &[Line], kinds: &[Kind]) -> Vec<bool> {
    let prose: Vec<bool> = lines
        .iter()
        .zip(kinds)
        .map(|(l, k)| is_prose(l, k))
        .collect();
    // Whether the nearest line before (then after) each line, past inline furniture, is
    // prose: one pass each way, so long runs of furniture cost no more than short ones.
    let mut prose_before = vec![false; lines.len()];
    let mut last = false;
    for i in 0..lines.len() {
        prose_before[i] = last;
        if !is_inline(&kinds[i]) {
            last = prose[i];
        }
    }
    let mut prose_after = vec![false; lines.len()];
    last = false;
    for i in (0..lines.len()).rev() {
        prose_after[i] = last;
        if !is_inline(&kinds[i]) {
            last = prose[i];
        }
    }
    (0..lines.len())
        .map(|i| prose[i] && !prose_before[i] && !prose_after[i])
        .collect()
}

/// Isolated teasers this many lines apart or closer make a list of teasers.
const MAX_TEASER_GAP: usize = 8;
/// What a teaser in a list of teasers counts, as a share.
const TEASER_LIST_SHARE: f32 = 0.1;

/// A teaser's record has its data line (a date, an age) at most this many lines above it.
const MAX_TEASER_DATA_LINES: usize = 3;
/// Titled teasers without a data line make a list when this many follow each other.
const MIN_UNDATED_TEASERS: usize = 3;

/// For each line of prose standing alone (of any length), whether it is a teaser in a list
/// of stories (title, author, date, blurb) after an article: another one a few lines before
/// or after it, and a headline and a date or other data line of its own just above. A
/// single card's blurb, or a sentence between two code blocks, is none. Cards without
/// a data line (kicker, title, source, blurb) make a list when several follow each other.
fn teaser_lists(lines: &[Line], kinds: &[Kind], isolated: &[bool]) -> Vec<bool> {
    let at: Vec<usize> = (0..isolated.len())
        .filter(|&i| {
            isolated[i]
                && (i.saturating_sub(MAX_TEASER_DATA_LINES)..i)
                    .any(|j| is_data_line(&lines[j], &kinds[j], true))
                && (i.saturating_sub(MAX_TEASER_DATA_LINES + 1)..i)
                    .any(|j| kinds[j] == Kind::Text && lines[j].headline_shaped())
        })
        .collect();
    let mut listed = vec![false; isolated.len()];
    // Dated teasers: two close together already make a list.
    mark_close_runs(&at, 2, &mut listed);
    // Cards without a data line (kicker, title, source, blurb): a longer run of them.
    let titled: Vec<usize> = (0..isolated.len())
        .filter(|&i| {
            isolated[i]
                && (i.saturating_sub(MAX_TEASER_DATA_LINES + 1)..i)
                    .any(|j| kinds[j] == Kind::Text && lines[j].headline_shaped())
        })
        .collect();
    mark_close_runs(&titled, MIN_UNDATED_TEASERS, &mut listed);
    listed
}

/// Marks in `listed` every index of `at` (sorted line numbers) that belongs to a run of at
/// least `min_run` of them, each within `MAX_TEASER_GAP` lines of the one before.
fn mark_close_runs(at: &[usize], min_run: usize, listed: &mut [bool]) {
    for run in at.chunk_by(|a, b| b - a <= MAX_TEASER_GAP) {
        if run.len() >= min_run {
            for &i in run {
                listed[i] = true;
            }
        }
    }
}

/// Excerpts cut off with an ellipsis make a list when this many follow each other.
const MIN_CUT_TEASERS: usize = 3;

/// For each line, whether it is an excerpt cut off mid-sentence ("… the residents may
/// soon...") in a run of such excerpts: a box of teasers, wherever it sits. An article
/// rarely cuts off several of its own sentences.
fn cut_short_teasers(lines: &[Line], kinds: &[Kind]) -> Vec<bool> {
    let cut: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            kinds[i] == Kind::Text
                && lines[i].words >= SENTENCE_WORDS
                && (lines[i].text.ends_with("...") || lines[i].text.ends_with('…'))
        })
        .collect();
    let mut listed = vec![false; lines.len()];
    mark_close_runs(&cut, MIN_CUT_TEASERS, &mut listed);
    listed
}

/// A record's data line (a price, a rating, a date, a count) is a few words with a digit.
const MAX_DATA_WORDS: usize = 6;
/// Data lines this many lines apart or closer belong to one run of records.
const MAX_RECORD_LINES: usize = 8;
/// Fewer records than this are a few facts, not a list.
const MIN_RECORDS: usize = 4;
/// A record is short lines; a long line between data lines is prose, not a record.
const MAX_RECORD_LINE_WORDS: usize = 40;

/// `counts`: whether a label with its count in brackets is a record's data line too.
fn is_data_line(line: &Line, kind: &Kind, counts: bool) -> bool {
    matches!(kind, Kind::Text | Kind::Date)
        && line.words <= MAX_DATA_WORDS
        && line.text.chars().any(|c| c.is_numeric())
        && (counts || !is_counted_label(&line.text))
}

/// "November (113)", "Gardening (12)": an archive's or a tag list's entry with its count
/// in brackets, not a record's data.
fn is_counted_label(text: &str) -> bool {
    text.strip_suffix(')')
        .and_then(|t| t.rsplit_once('('))
        .is_some_and(|(label, count)| {
            !count.is_empty()
                && count.chars().all(|c| c.is_ascii_digit())
                && label.chars().any(char::is_alphabetic)
                && !label.chars().any(|c| c.is_numeric())
        })
}

/// For each line, whether it sits in a run of records: product tiles, job posts, search
/// results, where a short data line (a price, a date, a count) comes back every few lines.
/// On a page of such records they are the content, and their short lines should not cost
/// as menus do.
///
/// An archive's or a category list's entries with their counts ("November (113)") are
/// records only on a page without any prose: beside an article, they are its sidebar.
fn in_records(lines: &[Line], kinds: &[Kind], counts: bool) -> Vec<bool> {
    let mut inside = vec![false; lines.len()];
    let data: Vec<usize> = (0..lines.len())
        .filter(|&i| is_data_line(&lines[i], &kinds[i], counts))
        .collect();
    let mut first = 0;
    while first < data.len() {
        let mut last = first;
        while last + 1 < data.len()
            && data[last + 1] - data[last] <= MAX_RECORD_LINES
            && lines[data[last]..data[last + 1]]
                .iter()
                .all(|l| l.words <= MAX_RECORD_LINE_WORDS)
        {
            last += 1;
        }
        if last + 1 - first >= MIN_RECORDS {
            let mut gaps: Vec<usize> = data[first..=last].windows(2).map(|w| w[1] - w[0]).collect();
            gaps.sort_unstable();
            // The lines before the first data line that belong to its record (its title).
            let period = gaps[gaps.len() / 2];
            let start = data[first].saturating_sub(period - 1);
            for flag in &mut inside[start..=data[last]] {
                *flag = true;
            }
        }
        first = last + 1;
    }
    mark_title_lists(lines, kinds, &mut inside);
    inside
}

/// A list of titles follows its introduction within this many lines.
const MAX_INTRO_GAP: usize = 2;
/// Titles in a row that make a list of items (recipes, guides, products by name).
const MIN_LISTED_TITLES: usize = 8;
/// The middle title of such a list is at least this many words.
const MIN_MEDIAN_TITLE_WORDS: usize = 4;

/// Marks runs of titles right under a line of prose (the list's introduction): a
/// collection's items by name, without a price or a date beside them. A menu's entries
/// are a word or two; a list of related stories under an article is not marked here, as
/// record runs count only where the article's prose is short.
fn mark_title_lists(lines: &[Line], kinds: &[Kind], inside: &mut [bool]) {
    let title =
        |i: usize| kinds[i] == Kind::Text && lines[i].headline_shaped() && !lines[i].ends_sentence;
    let mut i = 0;
    while i < lines.len() {
        if !title(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && title(i) {
            i += 1;
        }
        let introduced =
            (start.saturating_sub(MAX_INTRO_GAP)..start).any(|j| is_prose(&lines[j], &kinds[j]));
        if introduced && i - start >= MIN_LISTED_TITLES {
            let mut words: Vec<usize> = lines[start..i].iter().map(|l| l.words).collect();
            words.sort_unstable();
            if words[words.len() / 2] >= MIN_MEDIAN_TITLE_WORDS {
                inside[start..i].fill(true);
            }
        }
    }
}

/// Words at the end of a line that, printed again at the end of another, make the two
/// copies of one notice with its figures changed.
const TEMPLATE_TAIL_WORDS: usize = 8;

/// How many times each line's text is printed on the page. A menu shown twice, a teaser in
/// two boxes, a popup repeated: their prose counts once between all the copies. A notice
/// printed once per country or currency ("Free shipping on orders over $60 CAD. For more
/// information on shipping rates, please visit…") counts as copies too: its lines end the
/// same way.
fn copies(lines: &[Line]) -> Vec<usize> {
    let keys: Vec<&str> = lines.iter().map(copy_key).collect();
    let mut count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for key in &keys {
        *count.entry(key).or_default() += 1;
    }
    keys.iter().map(|k| count[k]).collect()
}

/// The part of a line that identifies it among copies: its last words when it is long.
fn copy_key(line: &Line) -> &str {
    let text = line.folded.as_str();
    if line.words <= TEMPLATE_TAIL_WORDS {
        return text;
    }
    text.char_indices()
        .rev()
        .filter(|&(_, c)| c == ' ')
        .nth(TEMPLATE_TAIL_WORDS - 1)
        .map_or(text, |(at, _)| &text[at + 1..])
}

/// Prose (in words) the page must have shown before its copyright notice for the notice to
/// end it: a footer printed above the article (a menu drawer flattened first) ends nothing.
const PROSE_BEFORE_PAGE_END: usize = 50;
/// Only paragraphs this long (in words) count toward [`PROSE_BEFORE_PAGE_END`]: a shop's
/// one-sentence offers over its menu are no article, and the article a script moves in
/// from after the footer (a streamed page) is still to come.
const PAGE_END_PARAGRAPH_WORDS: usize = PROSE_WORDS;

/// Lines from one paragraph to the next in an article: a heading or a picture may sit
/// between them, with its caption.
const MAX_PARAGRAPH_STEP: usize = 4;

/// The line after which the page has ended: its last copyright notice, when some prose comes
/// before it (wherever it sits: a form or a policy after the footer may be the longer half
/// of the page). What a crawler finds after it (cookie dialogs,
/// sign-up popups, overlays, policies shown in a dialog) is not the article, unless only
/// what follows has two paragraphs close together: a footer's author bio or a glossary's
/// definition stands alone, and the article a script moves in from after the footer is
/// still to come.
fn page_end(lines: &[Line], kinds: &[Kind]) -> Option<usize> {
    let notice = (0..lines.len()).rev().find(|&i| {
        let folded = &lines[i].folded;
        lines[i].words <= 40 && copyright::opens_notice(folded)
    })?;
    let paragraph =
        |i: usize| lines[i].words >= PAGE_END_PARAGRAPH_WORDS && is_prose(&lines[i], &kinds[i]);
    let close_pair = |range: Range<usize>| {
        let paragraphs: Vec<usize> = range.filter(|&i| paragraph(i)).collect();
        paragraphs.windows(2).any(|pair| {
            pair[1] - pair[0] <= MAX_PARAGRAPH_STEP && pair.iter().all(|&i| lines[i].ends_sentence)
        })
    };
    let prose: usize = (0..notice)
        .filter(|&i| paragraph(i))
        .map(|i| lines[i].words)
        .sum();
    let article_after = !close_pair(0..notice) && close_pair(notice + 1..lines.len());
    (prose >= PROSE_BEFORE_PAGE_END && !article_after).then_some(notice)
}

fn weight(line: &Line, kind: &Kind, short_cost: f32) -> f32 {
    match kind {
        Kind::Text => {
            let words = line.words as f32;
            if has_menu_separators(&line.text) {
                -short_cost * 2.0
            } else if is_glued_teaser(&line.text) {
                -short_cost
            } else if is_sentence(line) {
                words
            } else if line.words >= PROSE_WORDS && reads_like_prose(line) {
                words * UNSTOPPED_PROSE_SHARE
            } else if line.ends_sentence && line.words >= 3 {
                1.0
            } else {
                -short_cost
            }
        }
        Kind::Caption { .. } => 0.0,
        Kind::ReadAlso(_)
        | Kind::Ad
        | Kind::ReadMore
        | Kind::CallToAction
        | Kind::Source(_)
        | Kind::PostFurniture => -INLINE_FURNITURE_COST,
        Kind::Title | Kind::Byline | Kind::Date => -short_cost,
        Kind::Boilerplate | Kind::RelatedHeading | Kind::Related => -BARRIER_COST,
    }
}

/// A line of figures without a word ("+13.1%", "1/1/2013", "87.8").
fn is_figure(text: &str) -> bool {
    text.chars().any(|c| c.is_numeric()) && !text.chars().any(char::is_alphabetic)
}

/// For each line, whether it is a cell of a table of figures: a figure next to another one
/// (a date and its value, a row of numbers). A table is data inside an article, which
/// neither builds it nor breaks it the way a menu does; a lone count between posts or
/// under a product tile is no table.
fn table_cells(lines: &[Line], kinds: &[Kind]) -> Vec<bool> {
    let figure: Vec<bool> = lines
        .iter()
        .zip(kinds)
        .map(|(l, k)| *k == Kind::Text && is_figure(&l.text))
        .collect();
    (0..lines.len())
        .map(|i| {
            figure[i] && ((i > 0 && figure[i - 1]) || figure.get(i + 1).copied().unwrap_or(false))
        })
        .collect()
}

/// Kinds of code punctuation a line of code has at the least: brackets of one kind,
/// an operator, a statement's end.
const MIN_CODE_MARKS: usize = 2;
/// Lines of code this many lines apart or closer make one block: the keywords and names
/// between them ("then", "fi", "done") are its lines too.
const MAX_CODE_GAP: usize = 3;

/// Whether a line reads as a line of source code or of a shell session: two or more kinds
/// of code punctuation, or nothing but closing brackets. A menu's entry ("Cart (0)") has
/// one kind at most.
fn is_code(text: &str) -> bool {
    let mut marks = [false; 8];
    for c in text.chars() {
        let kind = match c {
            '{' | '}' => 0,
            '(' | ')' => 1,
            '[' | ']' => 2,
            '<' | '>' => 3,
            ';' => 4,
            '=' => 5,
            '$' => 6,
            '"' => 7,
            _ => continue,
        };
        marks[kind] = true;
    }
    marks.iter().filter(|&&m| m).count() >= MIN_CODE_MARKS
        || (!text.is_empty() && text.chars().all(|c| "{}()[];,".contains(c)))
}

/// For each line, whether it is in a block of code (in a question, an answer or a manual):
/// content that neither builds an article as prose does nor breaks it as a menu does.
fn code_lines(lines: &[Line], kinds: &[Kind]) -> Vec<bool> {
    let code_at: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            kinds[i] == Kind::Text && !is_prose(&lines[i], &kinds[i]) && is_code(&lines[i].text)
        })
        .collect();
    let mut code = vec![false; lines.len()];
    for pair in code_at.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if b - a <= MAX_CODE_GAP
            && (a + 1..b).all(|j| kinds[j] == Kind::Text && !is_prose(&lines[j], &kinds[j]))
        {
            code[a..=b].fill(true);
        }
    }
    for &i in &code_at {
        code[i] = true;
    }
    code
}

/// Title-cased words a headline has, at the least, before its teaser runs into it.
const MIN_GLUED_TITLE_WORDS: usize = 3;
/// Lowercase letters before a capital that glue two words; fewer make a name ("McPherson",
/// "YouTube").
const MIN_GLUED_LOWERCASE: usize = 4;

/// A teaser card flattened into one line: a title-cased headline run into its summary with
/// no space ("Bridge To Reopen In SpringThe council said..."). It reads as prose, but is a
/// link to another story.
fn is_glued_teaser(text: &str) -> bool {
    for (n, word) in text.split_whitespace().enumerate() {
        // A run of lowercase letters, then a capital: "SteakhouseA", not "McPherson".
        let mut lowercase_run = 0;
        let glued = word.chars().any(|c| {
            let joint = c.is_uppercase() && lowercase_run >= MIN_GLUED_LOWERCASE;
            lowercase_run = if c.is_lowercase() {
                lowercase_run + 1
            } else {
                0
            };
            joint
        });
        if glued {
            return n + 1 >= MIN_GLUED_TITLE_WORDS;
        }
        if !word
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        {
            return false;
        }
    }
    false
}

/// Words a flattened picker (a select box of languages or countries) has at the least.
const MIN_PICKER_WORDS: usize = 40;
/// Share (in percent) of a picker's words that open with a capital or a digit: its
/// entries are names.
const PICKER_CAPITALISED_SHARE: usize = 90;
/// A list of names set out by commas has one every few words; a picker's entries have
/// none, but for the odd name with a comma in it ("Catalan, Valencian").
const WORDS_PER_LISTED_NAME: usize = 6;

/// A select box's options flattened onto one line ("Abkhazian Afar Afrikaans Akan …"):
/// dozens of names, next to no commas or stops. Prose that long has lowercase words, a
/// list of credited names has a comma after each, and a product's long title is shorter.
fn is_flattened_picker(line: &Line) -> bool {
    if line.words < MIN_PICKER_WORDS {
        return false;
    }
    let (mut capitalised, mut marks) = (0, 0);
    for word in line.text.split_whitespace() {
        if word.starts_with(|c: char| c.is_uppercase() || c.is_numeric()) {
            capitalised += 1;
        }
        if word.ends_with(PROSE_MARKS) {
            marks += 1;
        }
    }
    capitalised * 100 >= line.words * PICKER_CAPITALISED_SHARE
        && marks * WORDS_PER_LISTED_NAME < line.words
}

/// A long line without a full stop at its end is prose when it has the commas and stops of
/// sentences inside; a menu or a tag cloud flattened into one line has next to none.
fn reads_like_prose(line: &Line) -> bool {
    let stops = line
        .text
        .chars()
        .filter(|c| PROSE_MARKS.contains(c))
        .count();
    stops * WORDS_PER_STOP >= line.words
}

/// The stretch of lines with the largest total weight, if any stretch weighs more than
/// nothing. Once the article has plainly ended (a related heading or boilerplate after
/// enough prose), what follows counts for less. When that stretch holds too little prose
/// for an article, the page is weighed again with its runs of records (product tiles, job
/// posts) counted as content.
/// A page that holds nothing but its footer's notices has none.
pub(super) fn main_span(
    lines: &[Line],
    kinds: &[Kind],
    focus: Focus,
    when: &When,
) -> Option<Range<usize>> {
    content_span(lines, kinds, focus, when).filter(|span| !is_footer_notice(lines, kinds, span))
}

/// A page with less prose than this (in words) may have nothing but its footer's notices.
const MAX_FOOTER_PROSE_WORDS: usize = 100;
/// A footer's notices (a newsletter's blurb, a helpline, lists of links) take a few lines.
const MAX_FOOTER_NOTICE_LINES: usize = 12;

/// Whether the heaviest stretch is the footer's notices on a page whose content a script
/// draws (a crawler sees only the footer): a few lines under a call to action ("Subscribe",
/// "Help"), or one notice right over the site's legal line (copyright, privacy policy), on a
/// page with little prose, with no prose after them and the legal line in the last of them
/// or after it.
fn is_footer_notice(lines: &[Line], kinds: &[Kind], span: &Range<usize>) -> bool {
    let page_prose = prose_words(lines, kinds, &(0..lines.len()));
    let legal = |i: usize| kinds[i] == Kind::Boilerplate || copyright::has_mark(&lines[i].folded);
    span.start > 0
        && (kinds[span.start - 1] == Kind::CallToAction
            || (span.len() == 1 && span.end < lines.len() && legal(span.end)))
        && span.len() <= MAX_FOOTER_NOTICE_LINES
        && page_prose < MAX_FOOTER_PROSE_WORDS
        && prose_words(lines, kinds, &(span.end..lines.len())) == 0
        && (span.end - 1..lines.len()).any(legal)
}

fn content_span(lines: &[Line], kinds: &[Kind], focus: Focus, when: &When) -> Option<Range<usize>> {
    let (short_cost, prose_share) = short_line_cost(lines, kinds, focus);
    let isolated = isolated_teasers(lines, kinds);
    let mut cut_short = cut_short_teasers(lines, kinds);
    // On a page of excerpts without an article of its own (a blog's index), they are the
    // content.
    let uncut_prose: usize = (0..lines.len())
        .filter(|&i| !cut_short[i] && is_prose(&lines[i], &kinds[i]))
        .map(|i| lines[i].words)
        .sum();
    if uncut_prose < ARTICLE_PROSE_WORDS {
        cut_short.fill(false);
    }
    let page = Page {
        lines,
        kinds,
        short_cost,
        in_teaser_list: teaser_lists(lines, kinds, &lone_prose(lines, kinds)),
        cut_short,
        isolated,
        copies: copies(lines),
        per_post: per_post_labels(lines, kinds, when),
        page_end: page_end(lines, kinds),
        table_cells: table_cells(lines, kinds),
        code: code_lines(lines, kinds),
    };
    let article = page.heaviest_stretch(None);
    let article_prose = article
        .as_ref()
        .map_or(0, |span| prose_words(lines, kinds, span));
    if article_prose >= ARTICLE_PROSE_WORDS {
        return article;
    }
    let records = in_records(lines, kinds, article.is_none());
    let record_weight = RECORD_WEIGHT * (1.0 - prose_share).max(MIN_RECORD_SHARE);
    let with_records = page.heaviest_stretch(Some((&records, record_weight)));
    match (with_records, article) {
        // A short article followed by a list of headlines without a sentence among them
        // (title, byline, date): the list is not the article's.
        (Some(listed), Some(article))
            if (article_prose >= SHORT_ARTICLE_WORDS
                || (article_prose >= BRIEF_ARTICLE_WORDS
                    && dated_headlines(lines, kinds, &(article.end..listed.end), when)))
                && listed.start <= article.start
                && listed.end > article.end
                && prose_words(lines, kinds, &(listed.start..article.start)) == 0
                && prose_words(lines, kinds, &(article.end..listed.end)) == 0 =>
        {
            Some(article)
        }
        (listed, article) => listed.or(article),
    }
}

/// Whether a stretch is a list of dated headlines: its records' data lines are all dates or
/// ages, not prices or counts.
fn dated_headlines(lines: &[Line], kinds: &[Kind], span: &Range<usize>, when: &When) -> bool {
    let mut dates = 0;
    for i in span.clone() {
        if is_data_line(&lines[i], &kinds[i], false) {
            if when.age(&lines[i].text).is_none() {
                return false;
            }
            dates += 1;
        }
    }
    dates >= MIN_RECORDS
}

/// Prose (in words of sentence lines) in a stretch.
fn prose_words(lines: &[Line], kinds: &[Kind], span: &Range<usize>) -> usize {
    span.clone()
        .filter(|&i| is_prose(&lines[i], &kinds[i]))
        .map(|i| lines[i].words)
        .sum()
}

/// The page's lines with what the weighing needs to know about their context.
struct Page<'a> {
    lines: &'a [Line],
    kinds: &'a [Kind],
    short_cost: f32,
    isolated: Vec<bool>,
    in_teaser_list: Vec<bool>,
    cut_short: Vec<bool>,
    copies: Vec<usize>,
    per_post: Vec<bool>,
    page_end: Option<usize>,
    table_cells: Vec<bool>,
    code: Vec<bool>,
}

impl Page<'_> {
    /// The stretch with the largest total weight; `records`, when given, marks the lines of
    /// record runs and the least each of them weighs.
    fn heaviest_stretch(&self, records: Option<(&[bool], f32)>) -> Option<Range<usize>> {
        let mut best: Option<(f32, Range<usize>)> = None;
        let mut sum = 0.0f32;
        let mut start = 0;
        let mut prose = 0;
        // Prose outside teasers: the article's own.
        let mut article_prose = 0;
        let mut ended = false;
        for (i, (line, kind)) in self.lines.iter().zip(self.kinds).enumerate() {
            if sum <= 0.0 {
                // A new stretch: whatever ended before (a cookie banner, a menu) is not this
                // stretch's article.
                sum = 0.0;
                start = i;
                prose = 0;
                article_prose = 0;
                ended = false;
            }
            // Boilerplate printed under every post ("Add a comment", "Report") separates
            // the posts of a thread; it does not end the page's content.
            let per_post = self.per_post[i];
            // A line printed again right under itself (a ticker, a marquee) says nothing new.
            let repeated = i > 0 && self.lines[i - 1].text == line.text;
            let mut w = if repeated {
                0.0
            } else if per_post {
                -INLINE_FURNITURE_COST
            } else if self.cut_short[i] {
                -self.short_cost
            } else if self.table_cells[i] || self.code[i] {
                0.0
            } else {
                weight(line, kind, self.short_cost)
            };
            if let Some((in_record, least)) = records {
                if in_record[i] && *kind == Kind::Text && w < least {
                    w = least;
                }
            }
            if w > 0.0 {
                // A list of teasers counts little after an article's worth of running
                // prose; on a page of cards, the blurbs are the content.
                if self.in_teaser_list[i] && article_prose >= ARTICLE_WORDS_BEFORE_END {
                    w *= TEASER_LIST_SHARE;
                } else if self.isolated[i] {
                    w *= ISOLATED_SHARE;
                }
                w /= self.copies[i] as f32;
                if self.page_end.is_some_and(|end| i > end) {
                    w *= AFTER_PAGE_END_SHARE;
                } else if ended {
                    w *= AFTER_END_SHARE;
                }
            }
            if *kind == Kind::Text && line.ends_sentence {
                prose += line.words;
                if !self.isolated[i] && !self.in_teaser_list[i] {
                    article_prose += line.words;
                }
            }
            if !per_post
                && prose >= ARTICLE_WORDS_BEFORE_END
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
        best.map(|(_, span)| self.without_detached_opening(span, records.map(|(r, _)| r)))
    }

    /// The span without its opening pieces that a long run of menu entries (a mega menu's
    /// columns, a drawer) cuts off from its heaviest part. Where prose is scarce, short
    /// lines cost little, and a menu's teaser blurbs still pay for crossing the menu. An
    /// opening piece with much less prose than the heaviest is dropped; on a page of
    /// records (`records`) short lines are content, and nothing is cut.
    fn without_detached_opening(
        &self,
        span: Range<usize>,
        records: Option<&[bool]>,
    ) -> Range<usize> {
        if records.is_some() {
            return span;
        }
        let menu_entry = |i: usize| {
            let line = &self.lines[i];
            self.kinds[i] != Kind::Text
                || (line.words <= MAX_MENU_ITEM_WORDS
                    && !line.ends_sentence
                    && line.text.starts_with(char::is_uppercase)
                    && !line.text.contains(['{', '}', ';', '=', '(', ')']))
        };
        // Where each piece starts: the span's start, and the end of every long run of
        // menu entries.
        let mut starts = vec![span.start];
        let mut run_from = None;
        for i in span.clone() {
            if menu_entry(i) {
                run_from.get_or_insert(i);
            } else if let Some(from) = run_from.take() {
                if i - from >= MIN_DETACHING_LINES {
                    starts.push(i);
                }
            }
        }
        if starts.len() == 1 {
            return span;
        }
        let ends = starts[1..].iter().copied().chain(std::iter::once(span.end));
        let prose: Vec<usize> = starts
            .iter()
            .zip(ends)
            .map(|(&start, end)| prose_words(self.lines, self.kinds, &(start..end)))
            .collect();
        let heaviest = prose.iter().copied().max().unwrap_or(0);
        let first = prose
            .iter()
            .position(|&p| p * DETACHED_SHARE_KEPT >= heaviest)
            .unwrap_or(0);
        starts[first]..span.end
    }
}

/// A menu's entry is a few words opening with a capital, with no sentence and no code in it.
const MAX_MENU_ITEM_WORDS: usize = 5;
/// A run of this many menu entries cuts the prose on either side apart.
const MIN_DETACHING_LINES: usize = 30;
/// An opening piece cut off by such a run stays when its prose is at least this share
/// (1/n) of the heaviest piece's.
const DETACHED_SHARE_KEPT: usize = 3;

/// A line this long (in bytes) may be the whole article run together.
const MIN_DIGEST_BYTES: usize = 1000;
/// A paragraph this long (in bytes) is specific enough to be recognised inside a digest.
const MIN_DIGESTED_BYTES: usize = 40;
/// Paragraphs of the span found inside a long line that make it a copy of the article.
const MIN_DIGESTED: usize = 3;
/// At most this many paragraphs are looked for in each long line.
const MAX_DIGEST_PROBES: usize = 200;

/// The long lines of the span that repeat several of its paragraphs run together: the
/// article's text printed a second time in one block (structured data a crawler also sees).
fn digest_copies(lines: &[Line], kinds: &[Kind], span: &Range<usize>) -> Vec<usize> {
    let paragraphs: Vec<usize> = span
        .clone()
        .filter(|&i| kinds[i] == Kind::Text && lines[i].text.len() >= MIN_DIGESTED_BYTES)
        .take(MAX_DIGEST_PROBES)
        .collect();
    span.clone()
        .filter(|&i| kinds[i] == Kind::Text && lines[i].text.len() >= MIN_DIGEST_BYTES)
        .filter(|&i| {
            paragraphs
                .iter()
                .filter(|&&p| p != i && lines[i].text.contains(lines[p].text.as_str()))
                .take(MIN_DIGESTED)
                .count()
                >= MIN_DIGESTED
        })
        .collect()
}

/// What became of a text line of the body span, recorded for `--explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fate {
    Kept,
    Dropped(Reason),
}

/// Why a text line inside the body span was left out of the blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reason {
    /// A long line that repeats several of the span's paragraphs run together.
    Digest,
    /// The same line printed before in the span (a pull quote, a repeated teaser).
    Repeat,
    /// A select box's options flattened onto one line.
    Picker,
}

impl Fate {
    /// How the trace says it.
    pub(super) fn describe(self) -> &'static str {
        match self {
            Fate::Kept => "kept",
            Fate::Dropped(Reason::Digest) => "dropped: a copy of the body's paragraphs",
            Fate::Dropped(Reason::Repeat) => "dropped: printed before in the body",
            Fate::Dropped(Reason::Picker) => "dropped: a picker's options",
        }
    }
}

/// The blocks of the body span: prose as paragraphs, short lines that introduce prose as
/// headings, captions as figures; furniture left out. With `fates`, each text line's fate
/// is recorded there by line index, for the trace.
pub(super) fn blocks(
    lines: &[Line],
    kinds: &[Kind],
    span: Range<usize>,
    mut fates: Option<&mut Vec<(usize, Fate)>>,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let digests = digest_copies(lines, kinds, &span);
    let mut record = |i: usize, fate: Fate| {
        if let Some(f) = fates.as_deref_mut() {
            if kinds[i] == Kind::Text {
                f.push((i, fate));
            }
        }
    };
    for i in span.clone() {
        if digests.contains(&i) {
            record(i, Fate::Dropped(Reason::Digest));
            continue;
        }
        // A line printed twice (a pull quote, a repeated teaser) is read once.
        if kinds[i] == Kind::Text && lines[i].words >= 3 && !seen.insert(lines[i].text.as_str()) {
            record(i, Fate::Dropped(Reason::Repeat));
            continue;
        }
        match &kinds[i] {
            Kind::Text if is_flattened_picker(&lines[i]) => {
                record(i, Fate::Dropped(Reason::Picker))
            }
            Kind::Text => {
                record(i, Fate::Kept);
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
        assert_eq!(
            main_span(&lines, &kinds, Focus::Balanced, &When::new(None, None)),
            Some(4..7)
        );
        let blocks = blocks(&lines, &kinds, 4..7, None);
        assert!(matches!(&blocks[1], Block::Heading { text, .. } if text == "Budget"));
    }

    const PARAGRAPHS: &str = "The council met on Monday to agree the budget for the coming year, \
        and members spent most of the evening arguing about the state of the roads.\n\
        Spending on roads will rise by a tenth, the treasurer told members, while the library \
        keeps its hours and its staff for at least another year.\n\
        The opposition said the rise was too small to repair the worst streets before winter, \
        and asked for a second vote in the spring.\n";

    /// A portal's section menu, three short lines per section.
    fn section_menu() -> String {
        let mut text = String::new();
        for section in [
            "News", "Sport", "Business", "Weather", "Opinion", "Travel", "Money", "Health",
            "Science", "Arts", "Food", "Books",
        ] {
            text.push_str(&format!(
                "{section}\nLatest {section}\nAll {section} stories\n"
            ));
        }
        text
    }

    fn span_of(text: &str) -> (Vec<Line>, Option<Range<usize>>) {
        let lines = segment(text);
        let kinds = vec![Kind::Text; lines.len()];
        let span = main_span(&lines, &kinds, Focus::Balanced, &When::new(None, None));
        (lines, span)
    }

    #[test]
    fn a_popup_after_the_copyright_line_is_not_the_body() {
        // Regression: sign-up dialogs a crawler finds after the footer, repeated, outweighed
        // a short article.
        let popup = "Stay on top of the latest news from the council and the town hall.\n\
            Plus get a free guide to the new budget and what it means for your street. No purchase needed.\n\
            Sign me up\n";
        let text = format!(
            "Home\nNews\n{PARAGRAPHS}About us\nContact\nJobs\nAdvertise\nTerms\n\
             © 2024 The Harbour Courier\n{popup}{popup}"
        );
        let (lines, span) = span_of(&text);
        let first = span
            .clone()
            .and_then(|s| lines.get(s.start))
            .map(|l| &l.text);
        assert_eq!(span, Some(2..5), "starts at {first:?}");
    }

    #[test]
    fn a_flattened_language_picker_is_left_out_of_the_body() {
        // Regression: a select box of languages, flattened onto one line inside a listing,
        // was printed in full with the listing.
        let picker = "Language: Any\nAbkhazian Afar Afrikaans Akan Albanian Amharic Arabic \
            Aragonese Armenian Assamese Avaric Avestan Aymara Azerbaijani Bambara Bashkir Basque \
            Belarusian Bengali Bislama Bosnian Breton Bulgarian Burmese Catalan, Valencian \
            Chamorro Chechen Chinese Chuvash Cornish Corsican Cree Croatian Czech Danish Dutch \
            Dzongkha English Esperanto Estonian Ewe Faroese Fijian Finnish French\n";
        let credits = "Thanks to the people who built it: Ana Ruiz, Tom Baker, Li Wei, Sara \
            Holm, Omar Aziz, Jan Novak, Eva Berg, Ian Moss, Kai Lund, Mia Roth, Lee Park, Ada \
            Frey, Ben Cole, Ivy Hart, Max Ode, Zoe Lam\n";
        let text = format!("{PARAGRAPHS}{picker}{credits}{PARAGRAPHS}");
        let lines = segment(&text);
        let kinds = vec![Kind::Text; lines.len()];
        let blocks = blocks(&lines, &kinds, 0..lines.len(), None);
        let printed = |start: &str| {
            blocks
                .iter()
                .any(|b| matches!(b, Block::Paragraph { text, .. } if text.starts_with(start)))
        };
        assert!(!printed("Abkhazian"));
        assert!(printed("Thanks to the people"));
    }

    #[test]
    fn a_long_form_after_an_early_copyright_line_is_not_the_body() {
        // Regression: a registration form a crawler found after the footer, with its terms
        // in full, ran on for three times the page above it; the notice ended the page only
        // in the page's second half.
        let mut text = format!("Home\nNews\n{PARAGRAPHS}About us\n© 2024 The Harbour Courier\n");
        for n in 1..=40 {
            text.push_str(&format!(
                "Field {n}*\nThe parent signs for the student and agrees to pay each lesson \
                 booked, as the terms set out.\n"
            ));
        }
        let (_, span) = span_of(&text);
        assert!(
            span.clone().is_some_and(|s| s.start == 2 && s.end <= 7),
            "{span:?}"
        );
    }

    #[test]
    fn a_policy_shown_in_a_dialog_after_the_footer_is_not_the_body() {
        // Regression: a privacy policy a crawler found after the copyright line, many times
        // longer than the article, won at a third of its weight.
        let mut text = section_menu();
        text.push_str(&format!(
            "{PARAGRAPHS}{PARAGRAPHS}About us\n© 2024 The Harbour Courier\nPrivacy policy\nClose\n"
        ));
        for n in 1..=40 {
            text.push_str(&format!(
                "{n}. We may process the personal data you give us, such as your name and your \
                 address, to deliver the services you asked for and to meet our duties in law.\n"
            ));
        }
        let (_, span) = span_of(&text);
        assert_eq!(span, Some(36..42));
    }

    #[test]
    fn one_sentence_offers_before_the_footer_do_not_end_the_page() {
        // Regression: a streamed page's article, which a script moves in from after the
        // footer, counted for nothing: the shop's one-line offers over the menu passed for
        // the prose of an article that the copyright line ended.
        let text = format!(
            "Up to 20% off all desks and chairs this week only, while stocks last!\n\
             Oak desks starting at $599 with free delivery to your door!\n\
             Enjoy interest-free payments on every order over $500 this month.\n\
             Visit one of our nine stores to try any chair before you buy it.\n\
             Sign up today and get a tenth off your first order with us!\n\
             Home\n{}© 2024 The Desk Shop\nBudget agreed at last\n{PARAGRAPHS}{PARAGRAPHS}",
            section_menu().repeat(2)
        );
        let (_, span) = span_of(&text);
        assert_eq!(span, Some(80..86));
    }

    #[test]
    fn an_author_bio_over_the_footer_does_not_end_the_page() {
        // Regression: a streamed page's article, which a script moves in from after the
        // footer, counted for nothing: the author's bio in the footer, one long paragraph,
        // passed for the prose of an article that the copyright line ended.
        let text = format!(
            "{}About the author\n\
             Jane Row has covered the council, the town hall and the harbour for the paper \
             since 2009. She writes a weekly column on local politics, the budget, the schools \
             and the state of the roads, and she hosts our podcast on the town's history, its \
             people and its buildings, with a new episode every other Friday.\n\
             Facebook\nTwitter\n© 2024 The Harbour Courier\nAbout us\nContact\n\
             Budget agreed at last\n{PARAGRAPHS}{PARAGRAPHS}",
            section_menu()
        );
        let (_, span) = span_of(&text);
        // The article (lines 44 to 49) is read; the bio may stay with it.
        assert!(
            span.as_ref().is_some_and(|s| s.start <= 44 && s.end == 50),
            "{span:?}"
        );
    }

    #[test]
    fn a_collection_of_titles_under_its_introduction_is_the_content() {
        // Regression: a recipe collection (one sentence, then its recipes by name) was read
        // as the sentence alone, the titles costing as a menu's entries do.
        let mut text = section_menu();
        text.push_str(
            "Our collection of tomato sauce recipes has something for every dish, from pasta to pizza.\n",
        );
        for title in [
            "Easy Slow-Cooker Pork Ragu",
            "Spaghetti and Meatballs for a Crowd",
            "Sweet and Spicy Tomato Chutney",
            "Pasta With Spicy Sausage and Tomato Sauce",
            "Quick Red Sauce in Forty Minutes or Less",
            "Roman-Style Spaghetti With Tuna and Mushrooms",
            "The Best Fresh Tomato Sauce",
            "Baked Ziti With Two Cheeses",
            "Pressure Cooker Tomato Sauce Recipe",
            "Homemade Ketchup With Cloves",
        ] {
            text.push_str(title);
            text.push('\n');
        }
        text.push_str("Home\nAbout us\nContact\n");
        let (_, span) = span_of(&text);
        assert_eq!(span, Some(36..47));
        // Without the introduction, the same titles are no list of the page's own.
        let (_, span) = span_of(&text.replace(
            "Our collection of tomato sauce recipes has something for every dish, from pasta to pizza.\n",
            "",
        ));
        assert_eq!(span, None);
    }

    #[test]
    fn a_sentence_that_opens_a_list_with_a_colon_is_prose() {
        // Regression: the sentence that opens a list ("… services include:") cost as a
        // menu's entry does, and the article's first paragraph was cut off.
        let lead =
            Line::new("The department keeps the town safe, and its services include:".into());
        assert!(weight(&lead, &Kind::Text, SHORT_LINE_COST) > 0.0);
        assert!(is_prose(&lead, &Kind::Text));
        let label = Line::new("Tags:".into());
        assert!(weight(&label, &Kind::Text, SHORT_LINE_COST) < 0.0);
    }

    #[test]
    fn a_short_article_ends_at_its_related_heading() {
        // Regression: under a short article (130 words), the teasers after its related
        // heading counted in full, and joined it.
        let sentence = |topic: &str, words: usize| {
            let mut line = format!("The {topic}");
            for n in 2..words {
                line.push(' ');
                line.push_str(if n % 2 == 0 { topic } else { "met" });
            }
            line.push_str(" again.\n");
            line
        };
        let mut text = String::from("Home\nNews\n");
        for topic in ["budget", "roads", "library", "bridge", "buses"] {
            text.push_str(&sentence(topic, 26));
        }
        text.push_str("Related stories\n");
        for topic in ["harbour", "market"] {
            text.push_str(&sentence(topic, 26));
        }
        text.push_str("About us\nContact\n");
        let lines = segment(&text);
        let kinds = super::super::furniture::classify(
            &lines,
            &super::super::phrases::Phrases::for_language(Some("en")),
        );
        assert_eq!(kinds[7], Kind::RelatedHeading);
        let span = main_span(&lines, &kinds, Focus::Balanced, &When::new(None, None));
        assert_eq!(lines[2].words, 27);
        assert_eq!(span, Some(2..7));
    }

    #[test]
    fn a_mega_menus_teasers_do_not_open_the_body() {
        // Regression: a mega menu's product blurbs, far above the article past the
        // menu's columns, still paid for crossing them where short lines cost little.
        let sentence = |seed: usize, words: usize| {
            let mut line = String::from("The");
            for n in 1..words - 1 {
                line.push_str(&format!(" word{seed}x{n}"));
            }
            line.push_str(" again.\n");
            line
        };
        let entries = [
            "About Us",
            "Contact Page",
            "Careers Desk",
            "Press Room",
            "Help Centre",
        ];
        let mut text = String::new();
        for seed in 0..4 {
            text.push_str(&format!("Product {seed}\n{}", sentence(seed, 28)));
        }
        for entry in entries.iter().cycle().take(35) {
            text.push_str(entry);
            text.push('\n');
        }
        let article_start = segment(&text).len();
        for seed in 10..24 {
            text.push_str(&sentence(seed, 25));
        }
        for entry in entries.iter().cycle().take(400) {
            text.push_str(entry);
            text.push('\n');
        }
        let (_, span) = span_of(&text);
        assert_eq!(span, Some(article_start..article_start + 14));
    }

    #[test]
    fn a_block_of_code_does_not_split_an_article() {
        // Regression: a script in a question or a manual cost as a menu does, line by
        // line, and the prose after it was lost.
        let mut text = format!("Home\nNews\n{PARAGRAPHS}{PARAGRAPHS}");
        for name in ["alpha", "beta", "gamma", "delta", "kappa", "sigma"].repeat(10) {
            text.push_str(&format!(
                "if [ -e \"/dev/{name}\" ]\nthen\necho \"found {name}\" >> log\nfi\n"
            ));
        }
        text.push_str(PARAGRAPHS);
        text.push_str("About us\nContact\n");
        let (lines, span) = span_of(&text);
        assert_eq!(span, Some(2..lines.len() - 2));
        assert!(is_code("DMMAP=$(mktemp)"));
        assert!(is_code("});"));
        assert!(!is_code("Your Cart (0)"));
        assert!(!is_code("Re: Guaranteed jobs? (Score:2)"));
    }

    #[test]
    fn a_table_of_figures_does_not_split_an_article() {
        // Regression: a chart's data (a date and its value, row after row) cost as a menu
        // does, and the article's second half lost to its first.
        let mut text = String::from("Home\n");
        for n in 1..=14 {
            text.push_str(&format!(
                "Members of the council argued about the roads, the library and the bridge \
                 for the {n}th time this year, and no vote was taken before {n} o'clock.\n"
            ));
        }
        text.push_str("Prices over time\n");
        for year in 1950..2030 {
            text.push_str(&format!("1/1/{year}\n+{}.{}%\n", year % 13, year % 7));
        }
        text.push_str(PARAGRAPHS);
        let (lines, span) = span_of(&text);
        assert_eq!(span, Some(1..lines.len()));
        // A lone count (votes under a post) is no table.
        let cells = table_cells(
            &segment("Great answer.\n3\nThanks!\n12\n1/1/2020\n"),
            &vec![Kind::Text; 5],
        );
        assert_eq!(cells, [false, false, false, true, true]);
    }

    #[test]
    fn a_lone_notice_over_the_legal_line_is_no_body() {
        // Regression: on a page whose content a script draws, the footer's one notice over
        // the legal line was read as the body.
        let mut text = String::new();
        for plan in [
            "Aetna",
            "Cigna",
            "Humana",
            "Medicare",
            "Optimum",
            "Tricare",
            "Wellfleet",
        ] {
            text.push_str(plan);
            text.push('\n');
        }
        text.push_str(
            "If you or someone you know is in a crisis and needs help now, call the emergency \
             line or go to the nearest hospital at once.\n",
        );
        let (_, span) = span_of(&format!(
            "{text}Privacy Policy | Terms | © 2026 Harbour Care\n"
        ));
        assert_eq!(span, None);
        // With more of the page after it, the notice is the page's one paragraph.
        let (_, span) = span_of(&format!(
            "{text}Learn more\nResources\n© 2026 Harbour Care\n"
        ));
        assert_eq!(span, Some(7..8));
    }

    #[test]
    fn a_footer_printed_above_the_article_does_not_end_the_page() {
        // Regression: a menu drawer with the site's copyright line flattened before the
        // article made everything after it count for nothing.
        let text = format!(
            "Home\nNews\nSport\nAbout us\nContact\n© The Harbour Courier. All rights reserved.\n\
             Budget agreed at last\n{PARAGRAPHS}{PARAGRAPHS}"
        );
        let (_, span) = span_of(&text);
        assert_eq!(span, Some(7..13));
    }

    #[test]
    fn a_notice_printed_once_per_country_counts_once() {
        // Regression: a shipping notice printed for every country and currency, each copy
        // a sentence with its own figures, outweighed the short text below the menu.
        let mut text = String::new();
        for (sum, currency) in [
            ("60", "CAD"),
            ("110", "AUD"),
            ("65", "EUR"),
            ("480", "SEK"),
            ("990", "JPY"),
            ("50", "GBP"),
        ] {
            text.push_str(&format!(
                "Free standard shipping on orders over {sum} {currency}. For more information on \
                 shipping rates and timelines, please visit our international page.\n"
            ));
        }
        for item in [
            "Shop",
            "Sets",
            "Gifts",
            "Face",
            "Eyes",
            "Lips",
            "Body",
            "Hair",
            "Hands",
            "Tools",
            "Minis",
            "Travel",
            "New",
            "Best sellers",
            "Stores",
            "Sale",
        ] {
            text.push_str(item);
            text.push('\n');
        }
        text.push_str(
            "Our lip balm is made with shea butter and castor oil, and it keeps lips soft all day.\n\
             It comes in six flavours, from plain to cherry, and each tube lasts about two months.\n",
        );
        let (_, span) = span_of(&text);
        assert_eq!(span, Some(22..24));
    }

    #[test]
    fn comment_counts_under_each_answer_do_not_end_a_thread() {
        // Regression: on a Q&A page, the count over each answer's comments ("6 Comments",
        // "3 Comments") and a variant of the per-post link ("Add a comment | Show 1 more
        // comment") were each printed once, so each ended the page after the first answer.
        let mut text = String::from(
            "Questions\nTags\nUsers\n\
             Why does my bread sink in the middle after it leaves the oven every time I bake?\n",
        );
        let labels = [
            "6 Comments",
            "Add a comment | Show 1 more comment",
            "3 Comments",
            "2 Comments",
        ];
        for (n, label) in labels.iter().enumerate() {
            text.push_str(&format!(
                "Answer {n}: the dough has risen too long before baking, so the gluten cannot \
                 hold the gas once the crust sets, and the loaf falls as it cools on the rack.\n\
                 Shorten the second rise by a quarter and bake it a little hotter next time.\n\
                 {label}\nAdd a comment\n"
            ));
        }
        text.push_str("About\nContact\n");
        let lines = segment(&text);
        let kinds: Vec<Kind> = lines
            .iter()
            .map(|l| {
                if l.folded.contains("comment") {
                    Kind::Boilerplate
                } else {
                    Kind::Text
                }
            })
            .collect();
        let span = main_span(
            &lines,
            &kinds,
            Focus::Balanced,
            &When::new(None, Some("en")),
        );
        let last_answer = lines.len() - 5;
        assert!(
            span.as_ref()
                .is_some_and(|s| s.start <= 4 && s.end > last_answer),
            "{span:?}"
        );
    }

    #[test]
    fn a_line_printed_again_and_again_in_a_row_costs_once() {
        // Regression: a call to enrol printed sixty times in a row (a ticker) split a
        // course page of short lines, and only its first part was read.
        let mut text = String::from(
            "Get ready to design. Live classes and flexible study for total beginners, from \
             the first sketch to the final portfolio.\n\
             Join a free session to get a clear view of the skills that matter next year.\n",
        );
        for _ in 0..60 {
            text.push_str("SECURE YOUR SPOT - ENROL NOW\n");
        }
        text.push_str(
            "Course outcome\n\
             You leave with a professional portfolio, a personal brand and the confidence to \
             speak about your work.\n\
             Most of our graduates work in design within a year of finishing the course.\n",
        );
        let (_, span) = span_of(&text);
        assert_eq!(span, Some(0..65));
    }

    #[test]
    fn a_grid_of_products_is_the_content_of_a_page_without_prose() {
        // Regression: on product listings the short lines cost like a menu, and the body
        // shrank to a promotion line.
        let mut text = String::from("Desks\nChairs\nStorage\nSale\nBuy more and save more when you outfit your whole office this spring.\n");
        for (name, price) in [
            ("Bamboo Desk Organizer", "$49"),
            ("Narrow File Cabinet", "$269"),
            ("Headphone Stand", "$29"),
            ("Compact Desk Drawer", "$79"),
            ("Single Monitor Arm", "$99"),
            ("Dual Monitor Arm", "$169"),
        ] {
            text.push_str(&format!("{name}\n{price}+\n"));
        }
        text.push_str("Contact\nAbout us\n");
        let (lines, span) = span_of(&text);
        let span = span.unwrap();
        let first_tile = lines.iter().position(|l| l.text == "Bamboo Desk Organizer");
        assert!(first_tile.is_some_and(|at| span.contains(&at)));
        assert_eq!(lines[span.end - 1].text, "$169+");
    }

    #[test]
    fn a_grid_of_records_outweighs_the_shop_notes_beside_it() {
        // Regression: on a shop's category page, its notes on guarantees and shipping made
        // the page's prose share high, the records weighed next to nothing, and the notes
        // were read instead of the grid.
        let mut text = String::from(
            "Examine your purchase at home, and if you are not delighted, send it back within \
             sixty days for a full refund of the price, no questions asked.\n\
             Every order is shipped in a padded box with tracking, and arrives within a week.\n\
             Orders over fifty dollars ship free to any address in the country, every day.\n\
             Watches\nRings\nNecklaces\nSale\n",
        );
        for (name, item, price) in [
            ("Harbour Field Watch", 59370, 199),
            ("Dash Chronograph", 17469, 199),
            ("Meister Timepiece", 20319, 149),
            ("Gold Dash Chronograph", 17475, 199),
            ("Graves Wristwatch", 17454, 199),
            ("Heirloom Automatic", 55780, 199),
            ("Griffin Automatic", 56559, 249),
            ("Ritorno Timepiece", 40012, 179),
        ] {
            text.push_str(&format!("{name}\nItem# {item}\n${price}.00\n"));
        }
        let (lines, span) = span_of(&text);
        let span = span.unwrap();
        let last = lines.iter().rposition(|l| l.text == "$179.00");
        assert!(last.is_some_and(|at| span.contains(&at)), "{span:?}");
    }

    #[test]
    fn an_archive_with_counts_is_no_list_of_records_beside_a_short_story() {
        // Regression: a one-paragraph story lost to the archive list beside it
        // ("November (113)", one entry a line), which was weighed as product tiles.
        let mut text = String::from("Health\n");
        for year in [2019, 2018, 2017] {
            text.push_str(&format!("{year}\n"));
            for month in [
                "December",
                "November",
                "October",
                "September",
                "August",
                "July",
            ] {
                text.push_str(&format!("{month} ({})\n", year - 1900 + month.len()));
            }
        }
        text.push_str(
            "Cars broken into at the clinic\n\
             Staff at the home care clinic found two of its five cars broken into this morning, \
             with their windows smashed and the radios gone, and have asked the police to look \
             at the cameras in the street.\n\
             Share\nBack\n",
        );
        let (lines, span) = span_of(&text);
        let span = span.unwrap();
        let story = lines.iter().position(|l| l.text.starts_with("Staff at"));
        assert!(story.is_some_and(|at| span.contains(&at)), "{span:?}");
        assert!(!lines[span].iter().any(|l| l.text.ends_with(')')));
        assert!(is_counted_label("Gardening (12)"));
        assert!(!is_counted_label("Blue desk lamp (2 pack)"));
        assert!(!is_counted_label("$49 (was $69)"));
    }

    #[test]
    fn boilerplate_under_every_post_does_not_end_a_thread() {
        // Regression: "Add a comment" under each answer ended the page after the first one.
        let answer = "A mirror guards against one disk failing, but not against deleting a file \
            by mistake, so keep a copy that has its own history of versions as well.\n";
        let text = format!(
            "Home\nQuestions\n{PARAGRAPHS}Add a comment\n{answer}Share\nAdd a comment\n\
             {answer}Share\nAdd a comment\n{answer}Share\nAdd a comment\nAbout us\n"
        );
        let lines = segment(&text);
        let phrases = crate::text::phrases::Phrases::for_language(Some("en"));
        let kinds = crate::text::furniture::classify(&lines, &phrases);
        assert_eq!(kinds[5], Kind::Boilerplate);
        let span = main_span(&lines, &kinds, Focus::Balanced, &When::new(None, None)).unwrap();
        assert_eq!((span.start, span.end), (2, 13));
    }

    #[test]
    fn records_beside_an_article_stay_out() {
        let mut text = format!("Home\n{PARAGRAPHS}{PARAGRAPHS}");
        for title in [
            "Port strike ends",
            "Bridge to reopen",
            "School wins prize",
            "Ferry fares rise",
        ] {
            text.push_str(&format!("{title}\nMay 3, 2024\n"));
        }
        let (_, span) = span_of(&text);
        assert_eq!(span, Some(1..7));
    }

    #[test]
    fn a_blurb_between_short_lines_is_a_teaser_and_a_paragraph_run_is_not() {
        let text = format!(
            "Port strike ends after two weeks\n\
             Dockers return to work at dawn after a pay deal was reached.\n\
             Jane Doe\n{PARAGRAPHS}"
        );
        let lines = segment(&text);
        let mut kinds = vec![Kind::Text; lines.len()];
        // Inline furniture between two paragraphs does not make either of them alone.
        kinds[4] = Kind::Ad;
        let isolated = isolated_teasers(&lines, &kinds);
        assert!(isolated[1]);
        assert!(!isolated[3] && !isolated[5]);
    }

    /// Summaries of four other stories, for the teaser lists that follow an article.
    const TEASER_BLURBS: [&str; 4] = [
        "The works on the old bridge will take another year to finish, the engineers say.",
        "Tickets to the islands will cost a fifth more from the first day of spring.",
        "The reading room stays open on Sunday afternoons for at least another year.",
        "Dockers went back to work at dawn after a pay deal was reached late at night.",
    ];

    /// A fourteen-paragraph opinion piece.
    fn opinion_piece() -> String {
        let mut text = String::from("Opinion\n");
        for n in 1..=14 {
            text.push_str(&format!(
                "In the {n}th part of the budget debate, members of the council argued about \
                 the roads, the library and the bridge on the east side of town until late.\n"
            ));
        }
        text
    }

    /// The opinion piece, then the label of what follows it.
    fn opinion_piece_then(label: &str) -> String {
        opinion_piece() + label + "\n"
    }

    #[test]
    fn a_list_of_dated_teasers_after_an_article_stays_out() {
        // Regression: title, author, date and blurb of each story after a short opinion
        // piece joined it; each blurb was only halved as an isolated teaser.
        let mut text = opinion_piece_then("Latest");
        let titles = [
            "Bridge repairs fall behind",
            "Ferry fares to rise again",
            "Library keeps its hours",
            "Port strike ends at last",
        ];
        for ((title, blurb), day) in titles.iter().zip(TEASER_BLURBS).zip([19, 18, 17, 16]) {
            text.push_str(&format!(
                "{title}\nJane Doe\nTuesday November {day}, 2019\n{blurb}\n"
            ));
        }
        let (_, span) = span_of(&text);
        assert_eq!(span, Some(1..15));
    }

    #[test]
    fn a_run_of_undated_cards_after_an_article_stays_out() {
        // Regression: cards of kicker, title, source and blurb, with no date or count to
        // mark them as records, joined the article before them.
        let mut text = opinion_piece();
        let cards = [
            ("SLOW WORK", "Bridge Repairs Fall Behind Again"),
            ("PRICEY CROSSING", "Ferry Fares To Rise Again In Spring"),
            ("OPEN ON SUNDAYS", "The Library Keeps Its Hours"),
            ("BACK TO WORK", "The Port Strike Ends At Last"),
        ];
        for ((kicker, title), blurb) in cards.iter().zip(TEASER_BLURBS) {
            text.push_str(&format!(
                "{kicker}\n{title}\ncourier.example Town News\n{blurb}\n"
            ));
        }
        let (_, span) = span_of(&text);
        assert_eq!(span, Some(1..15));
    }

    #[test]
    fn excerpts_cut_short_before_an_article_stay_out() {
        // Regression: a box of teasers cut off with an ellipsis, over the article, read as
        // prose and joined it.
        let mut text = String::new();
        for topic in ["bridge", "ferry", "library", "port"] {
            text.push_str(&format!(
                "Council row over the {topic} goes on HARBOURTOWN: Members of the council \
                 argued again on Tuesday about the {topic}, and the mayor said that...\n\
                 Share\n"
            ));
        }
        text.push_str("Budget agreed at last\n");
        for n in 1..=14 {
            text.push_str(&format!(
                "In the {n}th part of the budget debate, members of the council argued about \
                 the roads, the library and the bridge on the east side of town until late.\n"
            ));
        }
        let (_, span) = span_of(&text);
        assert_eq!(span, Some(9..23));
    }

    #[test]
    fn a_page_of_excerpts_cut_short_is_the_content() {
        let mut text = String::from("Home\nBlog\n");
        for topic in ["bridge", "ferry", "library", "port", "roads"] {
            text.push_str(&format!(
                "Why the {topic} matters\nMarch 3, 2024\nMembers of the council argued again \
                 on Tuesday about the {topic}, and the mayor said that the town could...\n"
            ));
        }
        text.push_str("Contact\n");
        let (_, span) = span_of(&text);
        // Every excerpt, up to the footer; the first one's title and date with the rest.
        let span = span.unwrap();
        assert!(span.start <= 2 && span.end == 17, "{span:?}");
    }

    #[test]
    fn long_teasers_in_a_dated_list_after_an_article_stay_out() {
        // Regression: blurbs of thirty words and more were no isolated teasers, and the
        // list of opinion pieces after an article joined it.
        let mut text = opinion_piece_then("More from the Courier");
        for (title, day) in [
            ("Bridge repairs fall behind", 19),
            ("Ferry fares to rise again", 18),
            ("Library keeps its hours", 17),
            ("Port strike ends at last", 16),
        ] {
            text.push_str(&format!(
                "{title}\nJane Doe\nTuesday November {day}, 2019\n\
                 Our writer has followed the story for years, and says that the council, the \
                 harbour board and the unions all share the blame for a summer of delays, \
                 strikes and broken promises to the town.\n"
            ));
        }
        let (_, span) = span_of(&text);
        assert_eq!(span, Some(1..15));
    }

    #[test]
    fn bare_headlines_after_a_short_article_stay_out() {
        // Regression: a short story (too little prose to be sure it is an article) was
        // weighed again with records, and the list of headlines after it joined it.
        let mut text = section_menu();
        text.push_str(&format!(
            "{PARAGRAPHS}The treasurer answered that the grant had fallen in each of the last \
             four years and that the council could not spend money it did not yet have.\n"
        ));
        for (title, time) in [
            ("Port strike ends after two weeks", "01:14 PM"),
            ("Bridge to reopen in the spring", "10:08 AM"),
            ("School wins a national prize", "09:39 AM"),
            ("Ferry fares to rise again", "08:11 AM"),
            ("Library keeps its Sunday hours", "04:06 AM"),
        ] {
            text.push_str(&format!("{title}\nBy Courier Staff\n11/20/2019 {time}\n"));
        }
        let (_, span) = span_of(&text);
        assert_eq!(span, Some(36..40));
    }

    /// A brief item (about 60 words of prose) under a big menu, then the lines in `after`.
    fn brief_item_then(after: &str) -> Option<Range<usize>> {
        let mut text = section_menu();
        text.push_str(
            "The son of a former mayor was attacked during a talk he gave at the city \
             hospital on Tuesday evening, and another man was hurt trying to stop the attacker.\n\
             Police arrested a 57-year-old man at the scene and said they were still \
             looking for a motive, a spokesman told reporters on Wednesday morning.\n",
        );
        text.push_str(after);
        span_of(&text).1
    }

    /// Records of a name line and a data line each.
    fn two_line_records(records: &[(&str, &str)]) -> String {
        records
            .iter()
            .map(|(name, data)| format!("{name}\n{data}\n"))
            .collect()
    }

    #[test]
    fn dated_headlines_after_a_brief_item_stay_out() {
        // Regression: a news brief too short for the bare-headline rule took in the list of
        // the site's latest headlines (title, date) printed after it.
        let after = two_line_records(&[
            ("Port strike ends after two weeks", "11/20/2019 01:14 PM"),
            ("Bridge to reopen in the spring", "11/20/2019 10:08 AM"),
            ("School wins a national prize", "11/20/2019 09:39 AM"),
            ("Ferry fares to rise again", "11/20/2019 08:11 AM"),
            ("Library keeps its Sunday hours", "11/20/2019 04:06 AM"),
        ]);
        assert_eq!(brief_item_then(&after), Some(36..38));
    }

    #[test]
    fn priced_records_after_a_short_introduction_stay_in() {
        // Only dates mark a list of headlines: a shop's products with their prices after a
        // short introduction are the page's content.
        let after = two_line_records(&[
            ("Oak writing desk", "$655.00"),
            ("Walnut side table", "$403.00"),
            ("Pine bookcase with five shelves", "$249.00"),
            ("Mesh task chair", "$359.00"),
            ("Standing desk frame", "$614.00"),
        ]);
        assert_eq!(brief_item_then(&after), Some(36..48));
    }

    #[test]
    fn teaser_cards_run_into_one_line_are_not_the_body() {
        // Regression: cards of other stories, each a headline glued to its summary, read as
        // paragraphs and joined the article before them.
        let mut text = String::from(PARAGRAPHS);
        for card in [
            "Port Strike Ends After Two WeeksDockers voted on Friday to accept a pay offer, \
             and the first ships are expected to unload their cargo on Monday.",
            "Ferry Fares To Rise AgainThe operator said fuel costs had doubled since the spring \
             and that the rise would be the last one this year.",
            "Library Keeps Its Sunday HoursVolunteers will run the reading room after the \
             council found the money for heating but not for staff.",
        ] {
            text.push_str(card);
            text.push('\n');
        }
        assert_eq!(span_of(&text).1, Some(0..3));
        // A name with a capital inside ("McPherson") does not make a line a card.
        assert!(!is_glued_teaser(
            "Wichita East's Hugh McPherson won the 100 yard freestyle."
        ));
    }

    #[test]
    fn the_article_printed_again_as_one_line_is_read_once() {
        // Regression: the whole article run together in one block (structured data the
        // crawler saw) came out after the article, doubling it.
        let closing = "A final vote on the whole budget is due at the next full meeting.";
        let digest = format!("{} {closing}", PARAGRAPHS.replace('\n', " ").repeat(3));
        let text = format!("{PARAGRAPHS}{closing}\n{digest}\n");
        let lines = segment(&text);
        let kinds = vec![Kind::Text; lines.len()];
        let blocks = blocks(&lines, &kinds, 0..lines.len(), None);
        assert_eq!(blocks.len(), 4);
        assert!(blocks
            .iter()
            .all(|b| !matches!(b, Block::Paragraph { text, .. } if text.len() > 1000)));
    }

    #[test]
    fn a_page_with_only_its_footer_has_no_body() {
        // Regression: a shop whose products a script draws flattened to its menu and footer,
        // and the newsletter's blurb under "Subscribe" came out as the article.
        let text = "Skip to content\nCart (0)\nShop\nTrade In\nStores\nSubscribe\n\
            Repair tips, events, stories from the road and more, once a month.\n\
            By signing up you agree to get our newsletter about our gear, our repairs and our \
            events, and you can leave the list at any time from the link in every mail.\n\
            Need Help?\nFAQs\nContact Us\nPrivacy Policy\n© 2025 Trail Gear, Inc.\n";
        let lines = segment(text);
        let phrases = crate::text::phrases::Phrases::for_language(Some("en"));
        let kinds = crate::text::furniture::classify(&lines, &phrases);
        assert_eq!(kinds[5], Kind::CallToAction);
        let when = When::new(None, None);
        assert_eq!(main_span(&lines, &kinds, Focus::Balanced, &when), None);
        // The same notice over an article's paragraphs is not all the page has.
        let text = format!("{text}{PARAGRAPHS}");
        let lines = segment(&text);
        let kinds = crate::text::furniture::classify(&lines, &phrases);
        assert!(main_span(&lines, &kinds, Focus::Balanced, &when).is_some());
    }

    #[test]
    fn no_prose_no_body() {
        let lines = segment("Home\nNews\nSport");
        let kinds = vec![Kind::Text; lines.len()];
        assert_eq!(
            main_span(&lines, &kinds, Focus::Balanced, &When::new(None, None)),
            None
        );
    }
}
