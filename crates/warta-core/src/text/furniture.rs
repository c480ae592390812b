//! What each line is, and the first pass that names the lines a phrase gives away: ad slots,
//! "read also" cross-links, "read more" links, calls to action, source credits, boilerplate
//! and the headings of related-story lists.

use std::collections::HashMap;
use std::ops::Range;

use super::lines::{has_menu_separators, skip_chars, Line};
use super::phrases::Phrases;
use super::when::When;
use crate::strings::COLONS;

/// The role of one line in the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    /// Not yet explained: body text or unrecognised furniture.
    Text,
    Title,
    Byline,
    Date,
    /// A photo caption and its credit.
    Caption {
        caption: Option<String>,
        credit: Option<String>,
    },
    /// An inline cross-link; the title is `None` on a bare "Read also:" label.
    ReadAlso(Option<String>),
    ReadMore,
    Ad,
    CallToAction,
    /// A source credit line ("Sumber: Reuters") and the sources it names.
    Source(Vec<String>),
    Boilerplate,
    RelatedHeading,
    /// Part of a related-story list.
    Related,
    /// A post's counters in a thread: its number, votes, the poster's join date.
    PostFurniture,
}

/// Longest line (in words) that a call to action or a cross-link can be.
const MAX_FURNITURE_WORDS: usize = 30;
/// Longest line that a boilerplate phrase alone is enough to drop.
const MAX_BOILERPLATE_WORDS: usize = 15;
/// A source credit names a few sources, not a sentence.
const MAX_SOURCE_WORDS: usize = 8;

/// Classifies every line by the furniture phrases it carries; the rest stay [`Kind::Text`].
pub(super) fn classify(lines: &[Line], phrases: &Phrases) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = lines.iter().map(|l| classify_line(l, phrases)).collect();
    // A bare "Read also:" label introduces the title on the next line.
    for i in 1..kinds.len() {
        if kinds[i - 1] == Kind::ReadAlso(None)
            && kinds[i] == Kind::Text
            && lines[i].headline_shaped()
        {
            kinds[i] = Kind::ReadAlso(Some(lines[i].text.clone()));
        }
    }
    kinds
}

/// Stamps this many lines apart or closer belong to one run of posts.
const MAX_POST_LINES: usize = 12;
/// A run of this many post stamps before a comment section's opener makes the page a thread.
const MIN_POSTS_BEFORE: usize = 3;
/// Prose (in words) that must come before a run of stamps for it to be comments under an
/// article; a thread whose posts are the page's content opens with a stamp, and a question
/// (a Q&A page) is shorter than an article.
const MIN_ARTICLE_WORDS: usize = 200;
/// A line printed this many times is printed under every post ("Add a comment"): it opens
/// no comment section, it separates the posts of a thread.
pub(super) const PER_POST_COPIES: usize = 3;
/// Prose (in words) that must come before a comment section that a label opens: a short
/// post is still an article when the page says that what follows are its comments.
const MIN_SHORT_ARTICLE_WORDS: usize = 30;

/// Comments under an article: three or more post stamps ("May 3, 2021 at 4:47 pm") a few
/// lines apart, after the article's prose and a line that opens the comments. Each stamp,
/// with the name line above it, becomes boilerplate, so the comments fall apart into pieces
/// that no longer join the body. Where a comment label printed once on the page opens them
/// ("Comments", "10 Comments"), the whole section is boilerplate: under a short post, the
/// comments would otherwise outweigh it. Runs after related lists are read, whose ages
/// would otherwise pass for stamps.
pub(super) fn mark_comment_stamps(
    lines: &[Line],
    kinds: &mut [Kind],
    phrases: &Phrases,
    when: &When,
) {
    let mut stamps: Vec<usize> = (0..lines.len())
        .filter(|&i| kinds[i] == Kind::Text && when.is_stamp(&lines[i].text))
        .collect();
    stamps.extend(unstamped_bylines(lines, kinds, &stamps));
    stamps.sort_unstable();
    let mut prose_before = Vec::with_capacity(lines.len() + 1);
    prose_before.push(0);
    for line in lines {
        let prose = if line.ends_sentence { line.words } else { 0 };
        prose_before.push(prose_before.last().copied().unwrap_or(0) + prose);
    }
    // Comments come after a line that says so ("34 Comments", "Leave a reply"), or after
    // a related heading that opens a shop's reviews ("Google Reviews"), once the
    // article has had its say; dated entries of an events page or a listing have none.
    // A comment count printed under every entry ("0 comments", "14 comments") is a
    // listing's, not the opening of one article's comments.
    let mut shapes: HashMap<String, usize> = HashMap::new();
    for line in lines {
        *shapes.entry(label_shape(line)).or_default() += 1;
    }
    let comments_label = |i: usize| {
        let shape = label_shape(&lines[i]);
        // "5 thoughts on “A Long Title”" is a label however long the title it quotes.
        let counted = kinds[i] == Kind::Text && lines[i].text.starts_with(|c: char| c.is_numeric());
        (counted || matches!(kinds[i], Kind::Boilerplate | Kind::CallToAction))
            && shapes[&shape] == 1
            && phrases.phrases(|f| &f.comments).any(|p| {
                // "12 Comments", or "5 thoughts on “The Title”"; not "Add a comment".
                shape == p || (p.contains(' ') && starts_with_words(&shape, p))
            })
    };
    let Some(opened) = (0..lines.len()).find(|&i| {
        (matches!(kinds[i], Kind::Boilerplate | Kind::RelatedHeading)
            && shapes[&label_shape(&lines[i])] < PER_POST_COPIES
            && prose_before[i] >= MIN_ARTICLE_WORDS)
            || (comments_label(i) && prose_before[i] >= MIN_SHORT_ARTICLE_WORDS)
    }) else {
        return;
    };
    // Posts with their stamps before the opener: the page is a thread (a question and its
    // comments), and what follows are more of its posts, not comments under an article. A
    // post's stamp printed twice in a row ("2014-03-28 15:35", "Commented Mar 28") is one.
    let posts_before = stamps
        .iter()
        .enumerate()
        .filter(|&(n, &s)| s < opened && (n == 0 || stamps[n - 1] + 1 != s))
        .map(|(_, &s)| s)
        .collect::<Vec<_>>();
    if posts_before
        .chunk_by(|a, b| b - a <= MAX_POST_LINES)
        .any(|run| run.len() >= MIN_POSTS_BEFORE && mostly_prose_between(lines, run))
    {
        return;
    }
    let labelled = comments_label(opened);
    let least_prose = prose_before[opened].min(MIN_ARTICLE_WORDS);
    let stamps: Vec<usize> = stamps.into_iter().filter(|&s| s > opened).collect();
    // From the first comment stamp to the end of the last comment.
    let mut section: Option<Range<usize>> = None;
    let mut first = 0;
    while first < stamps.len() {
        let mut last = first;
        while last + 1 < stamps.len() && stamps[last + 1] - stamps[last] <= MAX_POST_LINES {
            last += 1;
        }
        let run = &stamps[first..=last];
        first = last + 1;
        // Comments say something between their stamps; a listing's stamps sit over titles.
        if run.len() < 3 || !mostly_prose_between(lines, run) || mostly_teasers(lines, run) {
            continue;
        }
        let comments: Vec<usize> = run
            .iter()
            .copied()
            .filter(|&at| prose_before[at] >= least_prose)
            .collect();
        let (Some(&from), Some(&to)) = (comments.first(), comments.last()) else {
            continue;
        };
        // The last comment runs on for about as many lines as a comment takes, up to the
        // first line that is not comment text.
        let mut gaps: Vec<usize> = run.windows(2).map(|w| w[1] - w[0]).collect();
        gaps.sort_unstable();
        let typical_end = (to + gaps[gaps.len() / 2]).min(lines.len());
        let end = (to + 1..typical_end)
            .find(|&i| !matches!(kinds[i], Kind::Text | Kind::CallToAction))
            .unwrap_or(typical_end);
        section = Some(section.map_or(from, |s| s.start)..end);
        for at in comments {
            kinds[at] = Kind::Boilerplate;
            let above = at.wrapping_sub(1);
            if at > 0
                && kinds[above] == Kind::Text
                && lines[above].words <= 4
                && !lines[above].ends_sentence
            {
                kinds[above] = Kind::Boilerplate;
            }
        }
    }
    if let Some(section) = section.filter(|_| labelled) {
        for kind in &mut kinds[section] {
            if *kind == Kind::Text {
                *kind = Kind::Boilerplate;
            }
        }
    }
}

/// Words a poster's byline has at most without its stamp ("by Ann ( 1311177 ) writes:").
const MAX_UNSTAMPED_BYLINE_WORDS: usize = 8;
/// Lines between a byline and its stamp printed apart from it ("by Ann", "May 3, 2021").
const STAMP_BESIDE_BYLINE: usize = 2;
/// Bylines of one frame, without their stamps, that make a habit of the thread.
const MIN_UNSTAMPED_BYLINES: usize = 2;

/// Lines that open a post as a stamp does, but without its date: where some posts print
/// "by Bob ( 5754788 ) writes: on Friday December 19, 2025 @08:08PM", replies print only
/// "by Ann ( 1311177 ) writes:". Such a byline has the frame of the stamped ones (its first
/// word opens a stamp, its last word is in the same stamp) and comes back on the page,
/// with no stamp of its own beside it; without it, the replies break the run of stamps
/// that makes the comments.
fn unstamped_bylines(lines: &[Line], kinds: &[Kind], stamps: &[usize]) -> Vec<usize> {
    let mut frames: std::collections::HashSet<(&str, &str)> = std::collections::HashSet::new();
    for &at in stamps {
        let mut words = lines[at].folded.split_whitespace();
        if let Some(first) = words.next() {
            frames.extend(words.map(|word| (first, word)));
        }
    }
    let candidates: Vec<(usize, (&str, &str))> = (0..lines.len())
        .filter(|&i| {
            kinds[i] == Kind::Text
                && lines[i].words <= MAX_UNSTAMPED_BYLINE_WORDS
                && !lines[i].ends_sentence
        })
        .filter_map(|i| byline_frame(&lines[i]).map(|f| (i, f)))
        .filter(|(i, f)| {
            frames.contains(f)
                && stamps
                    .get(stamps.partition_point(|&at| at + STAMP_BESIDE_BYLINE < *i))
                    .is_none_or(|&at| at > i + STAMP_BESIDE_BYLINE)
        })
        .collect();
    let mut count: HashMap<(&str, &str), usize> = HashMap::new();
    for (_, f) in &candidates {
        *count.entry(*f).or_default() += 1;
    }
    candidates
        .into_iter()
        .filter(|(_, f)| count[f] >= MIN_UNSTAMPED_BYLINES)
        .map(|(i, _)| i)
        .collect()
}

/// A byline's first and last words ("by", "writes:"), between which the poster's name
/// changes.
fn byline_frame(line: &Line) -> Option<(&str, &str)> {
    let mut words = line.folded.split_whitespace();
    let first = words.next()?;
    let last = words.next_back()?;
    first
        .starts_with(char::is_alphabetic)
        .then_some((first, last))
}

/// For each line, whether it is boilerplate printed under every post of a thread: printed
/// [`PER_POST_COPIES`] times or more, as it is or with other counts and marks ("6 Comments",
/// "3 Comments", "Add a comment |"), or opening with such a label ("Add a comment | Show 1
/// more comment"). Post stamps marked as comments are no label: their dates differ.
pub(super) fn per_post_labels(lines: &[Line], kinds: &[Kind], when: &When) -> Vec<bool> {
    // Only boilerplate lines are labels; the others need no shape (an empty one allocates
    // nothing).
    let shapes: Vec<String> = lines
        .iter()
        .zip(kinds)
        .map(|(line, kind)| {
            if *kind == Kind::Boilerplate {
                label_shape(line)
            } else {
                String::new()
            }
        })
        .collect();
    let mut copies: HashMap<&str, usize> = HashMap::new();
    let mut shape_copies: HashMap<&str, usize> = HashMap::new();
    for ((shape, kind), line) in shapes.iter().zip(kinds).zip(lines) {
        if *kind != Kind::Boilerplate {
            continue;
        }
        *copies.entry(line.folded.as_str()).or_default() += 1;
        if !shape.is_empty() && !when.is_stamp(&line.text) {
            *shape_copies.entry(shape).or_default() += 1;
        }
    }
    let repeated: Vec<&str> = shape_copies
        .into_iter()
        .filter(|&(_, n)| n >= PER_POST_COPIES)
        .map(|(shape, _)| shape)
        .collect();
    shapes
        .iter()
        .zip(kinds)
        .zip(lines)
        .map(|((shape, kind), line)| {
            *kind == Kind::Boilerplate
                && (copies[line.folded.as_str()] >= PER_POST_COPIES
                    || repeated
                        .iter()
                        .any(|&r| shape == r || starts_with_words(shape, r)))
        })
        .collect()
}

fn starts_with_words(text: &str, words: &str) -> bool {
    text.strip_prefix(words)
        .is_some_and(|rest| rest.starts_with(' '))
}

/// A label's words without its counts and marks: "· 76 comments" and "14 comments" are one
/// label.
fn label_shape(line: &Line) -> String {
    line.folded
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Longest line that a consent phrase marks as a banner; longer is an essay on privacy.
const MAX_CONSENT_WORDS: usize = 150;

fn classify_line(line: &Line, phrases: &Phrases) -> Kind {
    // Consent banners talk in sentences, so length alone does not tell them from prose.
    if line.words <= MAX_CONSENT_WORDS && phrases.contains(&line.folded, |f| &f.consent) {
        return Kind::Boilerplate;
    }
    if phrases.whole_line(line, |f| &f.advertisement) {
        return Kind::Ad;
    }
    if phrases.whole_line(line, |f| &f.read_more) {
        return Kind::ReadMore;
    }
    if phrases.whole_line(line, |f| &f.related) || related_heading_with_a_name(line, phrases) {
        return Kind::RelatedHeading;
    }
    if line.words <= MAX_FURNITURE_WORDS {
        if let Some(len) = phrases.prefix(line, |f| &f.read_also) {
            let title = skip_chars(&line.text, len)
                .trim_start_matches(|c: char| c.is_whitespace() || ":-–—|»›>".contains(c))
                .trim();
            return Kind::ReadAlso((!title.is_empty()).then(|| title.to_string()));
        }
        if let Some(sources) = source_credit(line, phrases) {
            return Kind::Source(sources);
        }
        if phrases.prefix(line, |f| &f.call_to_action).is_some() {
            return Kind::CallToAction;
        }
    }
    if phrases.whole_line(line, |f| &f.buttons) {
        return Kind::CallToAction;
    }
    if line.words <= MAX_BOILERPLATE_WORDS && is_boilerplate(line, phrases) {
        return Kind::Boilerplate;
    }
    Kind::Text
}

/// Longest related heading that names its section or site ("More from The Courier").
const MAX_NAMED_HEADING_WORDS: usize = 6;

/// "More from The Courier", "Related stories from Politics": a related heading of two or
/// more words followed by a name. A one-word heading ("Related") must be the whole line,
/// or "Related charges were dropped" would end an article.
fn related_heading_with_a_name(line: &Line, phrases: &Phrases) -> bool {
    line.words <= MAX_NAMED_HEADING_WORDS
        && !line.ends_sentence
        && line.starts_capitalised()
        && phrases
            .phrases(|f| &f.related)
            .filter(|p| p.contains(' '))
            .any(|p| line.folded.starts_with(p) && line.folded[p.len()..].starts_with([' ', ':']))
}

/// A boilerplate phrase in a short line. One word ("comments") is enough only in a label
/// ("34 Comments", "Permalink | 10 Comments"): "His comments drew criticism." is reporting.
fn is_boilerplate(line: &Line, phrases: &Phrases) -> bool {
    let label_like = line.words <= 4 || has_menu_separators(&line.text);
    phrases.phrases(|f| &f.boilerplate).any(|p| {
        (p.contains(' ') || (label_like && !line.ends_sentence))
            && super::phrases::contains_word(&line.folded, p)
    })
}

/// "Sumber: Reuters", "Source: AP, AFP": a label, a colon, and a few names.
fn source_credit(line: &Line, phrases: &Phrases) -> Option<Vec<String>> {
    let len = phrases.prefix(line, |f| &f.source_labels)?;
    let rest = skip_chars(&line.text, len).trim_start();
    let names = rest.strip_prefix(COLONS)?.trim();
    if names.is_empty() || names.split_whitespace().count() > MAX_SOURCE_WORDS {
        return None;
    }
    Some(
        names
            .split([',', ';', '/', '&'])
            .map(|n| n.trim().trim_end_matches('.').trim().to_string())
            .filter(|n| !n.is_empty())
            .collect(),
    )
}

/// Whether at least half the gaps between consecutive stamps (line numbers, in order) hold a
/// sentence: posts say something between their stamps, a listing's dates sit over titles.
/// A teaser's headline is at least this many words; a poster's name is fewer.
const MIN_TEASER_HEADLINE_WORDS: usize = 4;

/// Whether most stamps close a story's card (a headline, its one-sentence blurb, then the
/// author and date): a list of stories, not comments, whose stamps sit over the poster's
/// words or under them after a name.
fn mostly_teasers(lines: &[Line], stamps: &[usize]) -> bool {
    let teasers = stamps
        .iter()
        .filter(|&&at| {
            at >= 2 && {
                let (headline, blurb) = (&lines[at - 2], &lines[at - 1]);
                blurb.ends_sentence
                    && headline.words >= MIN_TEASER_HEADLINE_WORDS
                    && headline.headline_shaped()
                    && !headline.ends_sentence
            }
        })
        .count();
    teasers * 2 > stamps.len()
}

pub(super) fn mostly_prose_between(lines: &[Line], stamps: &[usize]) -> bool {
    let with_prose = stamps
        .windows(2)
        .filter(|w| {
            lines[w[0] + 1..w[1]]
                .iter()
                .any(|l| l.ends_sentence && l.words >= 7)
        })
        .count();
    with_prose * 2 >= stamps.len().saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines::segment;
    use crate::text::when::When;

    fn kinds(text: &str, lang: &str) -> Vec<Kind> {
        classify(&segment(text), &Phrases::for_language(Some(lang)))
    }

    #[test]
    fn names_the_furniture_of_an_indonesian_page() {
        let got = kinds(
            "Baca juga: Rusia Bombardir Kyiv\nAdvertising\nSumber: Reuters\n\
             Ikuti berita terkini dari Tempo.co di Google News, klik di sini.\n\
             Berita terkait\nBaca Selengkapnya\nLavrov mengatakan Rusia sudah siap.",
            "id",
        );
        assert_eq!(
            got,
            [
                Kind::ReadAlso(Some("Rusia Bombardir Kyiv".into())),
                Kind::Ad,
                Kind::Source(vec!["Reuters".into()]),
                Kind::CallToAction,
                Kind::RelatedHeading,
                Kind::ReadMore,
                Kind::Text,
            ]
        );
    }

    #[test]
    fn a_forum_lists_similar_threads_under_its_posts() {
        // Regression: "Similar threads" under a thread was no heading, and the list of
        // other threads (titles, posters, counts) joined the last post.
        let got = kinds(
            "Similar threads\nRelated Questions\nSimilar posts\nRelated threads\n",
            "en",
        );
        assert!(got.iter().all(|k| *k == Kind::RelatedHeading), "{got:?}");
    }

    #[test]
    fn a_bare_label_takes_the_next_line_as_its_title() {
        let got = kinds(
            "Lesen Sie auch:\nBahnstreik legt den Fernverkehr lahm",
            "de",
        );
        assert_eq!(
            got[1],
            Kind::ReadAlso(Some("Bahnstreik legt den Fernverkehr lahm".into()))
        );
    }

    const ARTICLE: &str = "The council met on Monday to agree the budget for the coming year, and \
        members spent most of the evening on the roads. Spending on roads will rise by a tenth, \
        the treasurer told members, while the library keeps its hours and its staff for now. \
        The opposition said the rise was too small to repair the worst streets before winter, \
        and asked for a second vote in the spring, when the state grant for the year is known. \
        The treasurer answered that the grant had fallen in each of the last four years and \
        that the council could not spend money it did not yet have, however bad the potholes. \
        Residents who came to watch the meeting from the public gallery were allowed to speak \
        for three minutes each; most of them spoke about the bridge on the east side of town, \
        which has been closed to lorries since a survey found cracks in two of its supports. \
        The council will ask engineers for a repair plan and a price before the summer recess, \
        and the leader promised that the bridge would be the first call on any money left over \
        once the roads budget has been spent, though she would not say how much that might be. \
        A final vote on the whole budget is due at the next full meeting at the end of March.\n";

    fn comment_marks(text: &str) -> Vec<usize> {
        let lines = segment(text);
        let phrases = Phrases::for_language(Some("en"));
        let mut kinds = classify(&lines, &phrases);
        mark_comment_stamps(&lines, &mut kinds, &phrases, &When::new(None, Some("en")));
        (0..lines.len())
            .filter(|&i| kinds[i] == Kind::Boilerplate)
            .collect()
    }

    #[test]
    fn stamps_after_a_comments_line_are_comments() {
        let text = format!(
            "{ARTICLE}Leave a reply\nalice\nMay 3, 2021 at 4:47 pm\nI think the roads needed this money for years.\n\
             bob\nMay 3, 2021 at 5:02 pm\nThe library should have had a share of it too.\n\
             carol\nMay 4, 2021 at 9:15 am\nWhat about the buses on the east side of town?\n"
        );
        // The opener, then each name line and its stamp.
        assert_eq!(comment_marks(&text), [1, 2, 3, 5, 6, 8, 9]);
    }

    #[test]
    fn replies_whose_bylines_drop_the_stamp_still_make_the_comments() {
        // Regression: replies printed "by NAME ( NUMBER ) writes:" without the stamp that
        // the first posts had, so no three stamps came close enough to make the comments.
        let text = format!(
            "{ARTICLE}Leave a reply\n\
             by alice ( 1311 ) writes: on Friday May 3, 2021 @04:47PM\n\
             I think the roads needed this money for years, and more of it.\n\
             I said so at the meeting and nobody listened to me at the time.\n\
             The potholes on my street have been there since the winter floods.\n\
             Reply to This\n\
             by bob ( 5754 ) writes:\n\
             The library should have had a share of it too, and the buses.\n\
             Everyone in the gallery agreed with that point, even the treasurer.\n\
             Reply to This\n\
             by carol ( 4471 ) writes:\n\
             What about the buses on the east side of town, and the bridge?\n\
             The lorries have been going round by the ring road for months now.\n\
             Reply to This\n\
             by dave ( 1042 ) writes: on Saturday May 4, 2021 @09:15AM\n\
             Nobody here has said a word about the cost of the repairs so far.\n"
        );
        let marks = comment_marks(&text);
        // The replies' bylines are read as the stamps they stand for.
        assert!(marks.contains(&7) && marks.contains(&11), "{marks:?}");
    }

    #[test]
    fn reviews_under_a_related_heading_after_the_article_are_comments() {
        // Regression: a shop's reviews (text, name, age) under a heading of the pack's
        // related words outweighed its description: nothing opened them as posts.
        let text = format!(
            "{ARTICLE}Google Reviews\n\
             An amazing place to rent gear, with just about everything for a trip.\n\
             Eric Colton\n3 months ago\n\
             We rented the family camping set in October, and it worked out very well!\n\
             Allison Bruno\n4 months ago\n\
             The tent arrived two days early, and everything was clean and complete.\n\
             Diwas Amatya\n5 months ago\n"
        );
        let lines = segment(&text);
        let phrases = Phrases::for_language(Some("en"));
        let kinds = classify(&lines, &phrases);
        assert_eq!(kinds[1], Kind::RelatedHeading);
        let marks = comment_marks(&text);
        assert!(marks.contains(&4) && marks.contains(&7), "{marks:?}");
    }

    #[test]
    fn stamps_that_close_story_cards_are_no_comments() {
        // Regression: a list of stories (headline, blurb, author and date) after a long
        // cookie notice read as comments, and every card's stamp became boilerplate.
        let text = format!(
            "{ARTICLE}Leave a reply
             Which of the two arcades is the largest in town
The answer depends on how you count the machines.
Jane Row – 3/6/2026 | 72
             Hunting for the last trams of the harbour line
A film follows the men who restore them at night.
Sam Lee – 3/7/2026 | 15
             Fishing crews keep dredging up old shells near the pier
The crews say the shells burn their hands and nets.
Amy Fox – 3/7/2026 | 27
"
        );
        // Only the opener.
        assert_eq!(comment_marks(&text), [1]);
    }

    #[test]
    fn a_count_of_thoughts_on_a_long_title_opens_the_comments() {
        // Regression: the label quoting a long headline was too long for boilerplate, so
        // nothing opened the comments and they joined the article.
        let text = format!(
            "{ARTICLE}4 thoughts on “Why the Council Finally Agreed to Spend More on the Roads This Year”\n\
             alice\nMay 3, 2021 at 4:47 pm\nI think the roads needed this money for years.\n\
             bob\nMay 3, 2021 at 5:02 pm\nThe library should have had a share of it too.\n\
             carol\nMay 4, 2021 at 9:15 am\nWhat about the buses on the east side of town?\n"
        );
        // From the first stamp to the end of the last comment.
        assert_eq!(comment_marks(&text), (2..11).collect::<Vec<_>>());
    }

    #[test]
    fn a_comments_label_cuts_the_comments_under_a_short_post() {
        // Regression: under a post of two paragraphs, the comments outweighed the post.
        let text = "We opened the thread so that readers can ask us about our work, in the comments below.\n\
            The previous thread, from June, is still open as well for anyone who missed it.\n\
            Comments\n\
            Milan on September 12, 2018 at 4:47 pm said:\n\
            Any update on how the new study will change your view of the cash programme?\n\
            Catherine on September 13, 2018 at 5:23 pm said:\n\
            Hi Milan,\n\
            We have not yet read the study, but plan to look at it in our review at the end of the year.\n\
            Alex on September 17, 2018 at 6:34 am said:\n\
            I read your report on the bus programme and missed any word on journey times.\n\
            Slower buses are safer, but the time lost must count for something too.\n";
        // Everything from the first stamp to the end of the last comment.
        assert_eq!(comment_marks(text), (3..11).collect::<Vec<_>>());
    }

    #[test]
    fn comment_counts_under_each_entry_open_no_comments() {
        let mut text = String::from(
            "Our blog has news from the team, tips for new users and stories from the people who use our tools every day.\n",
        );
        for (day, title, count) in [
            (3, "A new look", 4),
            (10, "Faster search", 0),
            (17, "Chat for all", 12),
        ] {
            text.push_str(&format!(
                "May {day}, 2024\n{title}\nWe shipped a change that many of you asked for in the last survey.\n{count} comments\n"
            ));
        }
        // Only the count lines themselves.
        assert_eq!(comment_marks(&text), [4, 8, 12]);
    }

    #[test]
    fn answers_under_a_short_question_are_not_comments() {
        // Regression: on Q&A pages the answers, each with its stamp, were cut as comments
        // under the question.
        let text = "How do I back up a whole system to an external disk each night?\n\
            I have a server with two disks in a mirror and want a copy that survives a fire.\n\
            Add a comment\n\
            A mirror guards against one disk failing, not against deleting a file by mistake.\n\
            answered May 2, 2009 at 0:09\nkevin\n\
            Use a tool that keeps versions, so that yesterday's copy is still there next week.\n\
            answered May 2, 2009 at 0:41\nsam\n\
            Keep one copy in another building, or the fire takes the backup with the server.\n\
            answered May 3, 2009 at 21:22\nlee\n";
        assert_eq!(comment_marks(text), [2]);
    }

    #[test]
    fn answers_after_a_question_with_its_own_comments_are_not_comments() {
        // Regression: on a Q&A page whose question has comments of its own, with their
        // stamps, and an article's worth of prose, the link that shows more of them opened
        // a comment section that cut every answer after it.
        let mut text = String::from(
            "Should I fly one way or buy a return ticket when I move abroad for good this year?\n",
        );
        for (n, stamp) in [
            "May 2, 2014 at 9:10",
            "May 2, 2014 at 9:45",
            "May 3, 2014 at 8:02",
        ]
        .iter()
        .enumerate()
        {
            text.push_str(&format!(
                "Comment {n}: a return ticket is often cheaper than a one way fare on the long \
                 routes, so price both before you book, and ask about refunds for the unused \
                 leg of the trip, since some airlines give the taxes back when you ask them. \
                 Keep the booking, the receipts and the boarding passes of every leg until the \
                 refund is paid, and write to the airline rather than call it.\n\
                 kim\n2014-05-02 09:10\nCommented {stamp}\n"
            ));
        }
        text.push_str("Show 3 more comments\n");
        for stamp in [
            "May 4, 2014 at 10:00",
            "May 5, 2014 at 11:30",
            "May 6, 2014 at 12:15",
        ] {
            text.push_str(&format!(
                "One way is simpler: you pay for what you fly, and you stay free to choose the \
                 date of your first trip home once you are settled in the new country.\n\
                 answered {stamp}\nlee\n"
            ));
        }
        // Only the link itself, a boilerplate line of its own.
        assert_eq!(comment_marks(&text), [13]);
    }

    #[test]
    fn boilerplate_under_every_post_opens_no_comments() {
        // Regression: after a long question, the "Add a comment" printed under every post
        // opened "comments", and the answers' stamps became barriers between the answers.
        let answer = "Keep one copy in another building, or the fire takes the backup with it.\n";
        let text = format!(
            "{ARTICLE}Add a comment\n{answer}answered May 2, 2009 at 10:09\nkevin\nAdd a comment\n\
             {answer}answered May 2, 2009 at 10:41\nsam\nAdd a comment\n\
             {answer}answered May 3, 2009 at 21:22\nlee\nAdd a comment\n"
        );
        // Only the labels themselves.
        assert_eq!(comment_marks(&text), [1, 5, 9, 13]);
    }

    #[test]
    fn dated_entries_without_an_opener_stay() {
        let text = format!(
            "{ARTICLE}Book fair\nMay 3, 2021\nPublishers from twelve countries show their spring lists in the hall.\n\
             Poetry night\nMay 10, 2021\nLocal poets read new work in the library garden after dark.\n\
             Film club\nMay 17, 2021\nThe club shows a silent comedy with a live piano score.\n"
        );
        assert!(comment_marks(&text).is_empty());
    }

    #[test]
    fn site_notices_in_long_sentences_are_boilerplate() {
        // Regression: a browser warning over the article and the reuse notice under it read
        // as prose and joined the article.
        let got = kinds(
            "We've detected you are on Internet Explorer. For the best experience on our site, \
             please update to a modern browser.\n\
             This document is subject to copyright. Apart from any fair dealing for the purpose \
             of private study or research, no part may be reproduced without written permission.\n\
             Readers were asked to update their browsers before the vote on Monday.",
            "en",
        );
        assert_eq!(got, [Kind::Boilerplate, Kind::Boilerplate, Kind::Text]);
    }

    #[test]
    fn picks_of_the_editors_head_a_related_list() {
        // Regression: the plural "Editors' Picks" was missed, so its teasers joined the
        // article.
        let got = kinds(
            "Editors' Picks\nEditor Picks\nThe editors picked a new mayor.",
            "en",
        );
        assert_eq!(
            got,
            [Kind::RelatedHeading, Kind::RelatedHeading, Kind::Text]
        );
    }

    #[test]
    fn explore_further_heads_a_list_of_links() {
        // Regression: the links under "Explore more" read as the article's closing lines.
        let got = kinds(
            "Explore more\nExplore further\nWe will explore further options next year.",
            "en",
        );
        assert_eq!(
            got,
            [Kind::RelatedHeading, Kind::RelatedHeading, Kind::Text]
        );
    }

    #[test]
    fn a_related_heading_may_name_its_section() {
        // Regression: "More from …" headings were missed, so the teasers under them joined
        // the article.
        let got = kinds(
            "More from The Harbour Courier\nRelated stories: Politics\n\
             Related charges were dropped\nMore from the council is expected on Monday.",
            "en",
        );
        assert_eq!(
            got,
            [
                Kind::RelatedHeading,
                Kind::RelatedHeading,
                Kind::Text,
                Kind::Text
            ]
        );
    }

    #[test]
    fn a_consent_banner_is_boilerplate_however_long() {
        // Regression: long consent sentences passed for the article's prose.
        let got = kinds(
            "We and our partners use cookies to improve your experience, measure how the site is \
             used and show you adverts that suit you; you can change your choice at any time \
             in the settings, where each purpose is explained in full.\n\
             Transfer the cookies to a wire rack and let them cool for ten minutes before serving.",
            "en",
        );
        assert_eq!(got, [Kind::Boilerplate, Kind::Text]);
    }

    #[test]
    fn the_purposes_of_a_consent_dialog_are_boilerplate() {
        // Regression: a consent dialog's list of purposes and cookie kinds, each a sentence,
        // outweighed a page whose content is a list of titles.
        let got = kinds(
            "Measure content performance 33 partners can use this purpose\n\
             These cookies allow us to count visits and traffic sources so we can measure and \
             improve the performance of our site.\n\
             You are using an out of date browser. It may not display this or other websites correctly.\n\
             Targeting Cookies\n\
             The partners of the port authority met on Monday to agree the budget.",
            "en",
        );
        assert_eq!(
            got,
            [
                Kind::Boilerplate,
                Kind::Boilerplate,
                Kind::Boilerplate,
                Kind::Boilerplate,
                Kind::Text
            ]
        );
    }

    #[test]
    fn the_buttons_of_a_question_and_its_answers_are_furniture() {
        // Regression: the buttons under each post of a Q&A page came out with the answers.
        let got = kinds(
            "Improve this answer\nAsk Question\nClick to expand...\nFollow\n\
             Follow the river to the bridge, then turn left at the mill.",
            "en",
        );
        assert_eq!(
            got,
            [
                Kind::CallToAction,
                Kind::CallToAction,
                Kind::CallToAction,
                Kind::CallToAction,
                Kind::Text
            ]
        );
    }

    #[test]
    fn legal_notices_at_the_page_foot_are_boilerplate() {
        // Regression: a supplement shop's health disclaimer and a list of trademark owners
        // under a blog post read as its closing paragraphs.
        let got = kinds(
            "*These statements have not been evaluated by the Food and Drug Administration. \
             This product is not intended to diagnose, treat, cure, or prevent any disease.\n\
             Acme Phone and Acme Pad are registered trademarks of Acme Inc. in the United \
             States and other countries, and the logos are trademarks of their owners.\n\
             The trial found that the drug was no better than a placebo at easing the pain.",
            "en",
        );
        assert_eq!(got, [Kind::Boilerplate, Kind::Boilerplate, Kind::Text]);
    }

    #[test]
    fn feedback_prompts_and_source_lists_under_an_article_are_boilerplate() {
        // Regression: the prompt after an article and the list of its sources or its
        // discussion read as its closing lines.
        let got = kinds(
            "Was this page helpful?\nDiscussion about this post\nArticle Sources\n\
             The study was helpful to the council, the treasurer said.",
            "en",
        );
        assert_eq!(
            got,
            [
                Kind::Boilerplate,
                Kind::Boilerplate,
                Kind::Boilerplate,
                Kind::Text
            ]
        );
        assert_eq!(
            kinds("War dieser Artikel hilfreich?\n", "de"),
            [Kind::Boilerplate]
        );
    }

    #[test]
    fn a_call_to_review_a_product_is_boilerplate() {
        // Regression: a shop's reviews, often longer than its description, read as the
        // page's content: nothing marked where they start.
        assert_eq!(
            kinds("Write a Review\n159 reviews\n", "en"),
            [Kind::Boilerplate, Kind::Text]
        );
        assert_eq!(kinds("Bewertung schreiben\n", "de"), [Kind::Boilerplate]);
        assert_eq!(kinds("Écrire un avis\n", "fr"), [Kind::Boilerplate]);
    }

    #[test]
    fn consent_to_marketing_emails_is_boilerplate() {
        // Regression: a newsletter form's consent sentence, the one sentence on a shop's
        // grid of products, outweighed the grid.
        let got = kinds(
            "I consent to Harbour Gear processing my email address and sending me commercial \
             emails in line with its privacy notice, and I can withdraw at any time.\n\
             Our emails on the new season went out to every member on Monday.\n",
            "en",
        );
        assert_eq!(got, [Kind::Boilerplate, Kind::Text]);
    }

    #[test]
    fn the_standard_texts_of_a_consent_dialogs_purposes_are_boilerplate() {
        // Regression: the purposes a consent dialog explains in sentences, printed after the
        // footer of a page whose content is a list of titles, outweighed the list.
        let got = kinds(
            "Cookies, device or similar online identifiers can be used to recognise you.\n\
             Information about your activity on this service can be stored and combined.\n\
             Advertising presented to you on this service can be based on limited data.\n\
             Information regarding which content is presented to you and how you interact with \
             it can be used to determine whether it reached you.\n\
             Reports can be generated based on data sets (like user profiles, statistics and \
             market research) to give insight.\n\
             Presented to the council, the plan for the service won the vote on Monday night.\n",
            "en",
        );
        assert_eq!(got[..5], [const { Kind::Boilerplate }; 5]);
        assert_eq!(got[5], Kind::Text);
    }

    #[test]
    fn a_sentence_that_mentions_a_source_is_not_a_credit() {
        let got = kinds("Source code for the tool was published on Monday.", "en");
        assert_eq!(got, [Kind::Text]);
    }
}
