//! Related-story lists. They show themselves two ways: a heading from the language packs
//! ("Berita terkait", "Related stories") followed by entries, or a repeated shape with no
//! heading at all: a title, its age, the same title again, a teaser, "read more".

use crate::article::Related;

use super::furniture::Kind;
use super::lines::Line;
use super::when::When;

/// Lists longer than this are a listing page, not a related block; stop there.
const MAX_ENTRIES: usize = 60;
/// An entry's title is a headline, not a paragraph.
const MAX_TITLE_WORDS: usize = 25;
/// An age or a date printed under a title is a few words.
const MAX_AGE_WORDS: usize = 8;
/// Lines from the article's share buttons ("Share this:", "Facebook", "Like this:") to the
/// related heading under them.
const MAX_SHARE_BAR_GAP: usize = 5;

/// Finds the related-story lists, marks their lines [`Kind::Related`] and returns their
/// entries in reading order.
pub(super) fn extract(lines: &[Line], kinds: &mut [Kind], when: &When) -> Vec<Related> {
    let mut entries: Vec<(usize, Related)> = Vec::new();
    for start in 0..lines.len() {
        if kinds[start] == Kind::RelatedHeading {
            let list = list_after_heading(lines, kinds, start, when);
            // One word ("Popular") over no list is a badge on a card, not a heading;
            // under the article's share buttons, it heads a list a script fills.
            let under_share_buttons =
                kinds[start.saturating_sub(MAX_SHARE_BAR_GAP)..start].contains(&Kind::CallToAction);
            if list.is_empty() && lines[start].words == 1 && !under_share_buttons {
                kinds[start] = Kind::Text;
            }
            entries.extend(list);
        }
    }
    entries.extend(title_twice_around_age(lines, kinds, when));
    entries.sort_by_key(|(at, _)| *at);
    entries.into_iter().map(|(_, r)| r).collect()
}

/// The entries under a related heading, until a line fits no entry.
fn list_after_heading(
    lines: &[Line],
    kinds: &mut [Kind],
    heading: usize,
    when: &When,
) -> Vec<(usize, Related)> {
    let mut entries: Vec<(usize, Related)> = Vec::new();
    let mut pending_age: Option<(String, Option<String>)> = None;
    let mut consumed = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(heading + 1) {
        match kinds[i] {
            Kind::ReadMore | Kind::Ad => {
                consumed.push(i);
                continue;
            }
            Kind::Text => {}
            _ => break,
        }
        // An entry's count (votes, answers, comments) printed beside its title.
        if is_count(&line.text) && entries.len() < MAX_ENTRIES {
            consumed.push(i);
            continue;
        }
        // A list whose earlier entries are bare titles is a list of titles: a sentence
        // after its last title is the article going on, not that entry's teaser.
        let titles_only = entries.len() > 2
            && entries[..entries.len() - 1]
                .iter()
                .all(|(_, e)| e.teaser.is_none());
        let current = entries.last_mut().map(|(_, r)| r);
        if let Some((age, published)) = age_of(line, when) {
            match current {
                Some(entry) if entry.age.is_none() && entry.teaser.is_none() => {
                    entry.age = Some(age);
                    entry.published = published;
                }
                _ => pending_age = Some((age, published)),
            }
        } else if current.as_ref().is_some_and(|e| e.title == line.text) {
            // The title printed a second time, over the teaser.
        } else if let Some(entry) = current
            .filter(|e| e.teaser.is_none() && !titles_only && is_teaser(lines, kinds, i, &e.title))
        {
            entry.teaser = Some(line.text.clone());
        } else if line.headline_shaped()
            && line.words <= MAX_TITLE_WORDS
            && entries.len() < MAX_ENTRIES
        {
            let (age, published) = pending_age.take().unzip();
            entries.push((
                i,
                Related {
                    title: line.text.clone(),
                    age,
                    published: published.flatten(),
                    ..Default::default()
                },
            ));
        } else {
            break;
        }
        consumed.push(i);
    }
    if entries.is_empty() {
        return entries;
    }
    // Trailing "read more" links and ad slots belong to the list; the list ends at its last
    // entry's last line.
    for i in consumed {
        kinds[i] = Kind::Related;
    }
    entries
}

/// A bare count: "6", "1,204", "12k".
fn is_count(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit())
        && text.len() <= 8
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | 'k' | 'K' | 'm' | 'M'))
}

/// A teaser follows its title: a sentence, or clearly longer than the title, or closed by
/// a "read more" link.
fn is_teaser(lines: &[Line], kinds: &[Kind], i: usize, title: &str) -> bool {
    let line = &lines[i];
    let title_words = title.split_whitespace().count();
    line.words >= 6
        && (line.ends_sentence
            || line.words * 2 >= title_words * 3
            || kinds.get(i + 1) == Some(&Kind::ReadMore))
}

/// Entries without a heading: a title, an age, the same title again; then maybe a teaser and
/// a "read more" link.
fn title_twice_around_age(
    lines: &[Line],
    kinds: &mut [Kind],
    when: &When,
) -> Vec<(usize, Related)> {
    let mut entries = Vec::new();
    let mut i = 0;
    while i + 2 < lines.len() {
        let shape = kinds[i] == Kind::Text
            && kinds[i + 1] == Kind::Text
            && kinds[i + 2] == Kind::Text
            && lines[i].headline_shaped()
            && lines[i].text == lines[i + 2].text;
        let age = if shape {
            age_of(&lines[i + 1], when)
        } else {
            None
        };
        let Some((age, published)) = age else {
            i += 1;
            continue;
        };
        let mut entry = Related {
            title: lines[i].text.clone(),
            age: Some(age),
            published,
            ..Default::default()
        };
        let mut end = i + 3;
        if end < lines.len()
            && kinds[end] == Kind::Text
            && is_teaser(lines, kinds, end, &entry.title)
        {
            entry.teaser = Some(lines[end].text.clone());
            end += 1;
        }
        if end < lines.len() && kinds[end] == Kind::ReadMore {
            end += 1;
        }
        for kind in &mut kinds[i..end] {
            *kind = Kind::Related;
        }
        entries.push((i, entry));
        i = end;
    }
    entries
}

/// An age ("11 jam lalu") or a date printed on its own line, with the moment it names when
/// that can be known.
fn age_of(line: &Line, when: &When) -> Option<(String, Option<String>)> {
    if line.words > MAX_AGE_WORDS {
        return None;
    }
    when.age(&line.text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::furniture::classify;
    use crate::text::lines::segment;
    use crate::text::phrases::Phrases;

    fn related(text: &str, reference: Option<&str>) -> (Vec<Related>, Vec<Kind>) {
        let lines = segment(text);
        let mut kinds = classify(&lines, &Phrases::for_language(Some("en")));
        let related = extract(&lines, &mut kinds, &When::new(reference, Some("en")));
        (related, kinds)
    }

    #[test]
    fn counts_beside_the_entries_belong_to_the_list() {
        // Regression: a list of related questions, each with its vote count on the line
        // above, ended at the first count, and its titles passed for the page's text.
        let (got, kinds) = related(
            "Related\n6\nMount could not find any free loop device\n\
             7\nRebuilding an array from disk images instead of drives\n\
             1\nJoin two files in a batch mode\nAbout us",
            None,
        );
        assert_eq!(got.len(), 3);
        assert_eq!(kinds[1], Kind::Related);
        assert_ne!(kinds[7], Kind::Related);
    }

    #[test]
    fn one_word_over_no_list_is_a_badge() {
        // Regression: "Popular" printed on a pricing card read as a related heading, and
        // ended the page's text at the card.
        let (got, kinds) = related(
            "Popular\nPremium\nEverything you need to apply to jobs, including a cover letter.\n",
            None,
        );
        assert!(got.is_empty());
        assert_eq!(kinds[0], Kind::Text);
        // A heading of more words stays one, list or not.
        let (_, kinds) = related("Related stories\nPremium\n", None);
        assert_eq!(kinds[0], Kind::RelatedHeading);
    }

    #[test]
    fn one_word_under_the_share_buttons_stays_a_heading() {
        // Regression: "Related" under an article's share buttons, whose list a script fills,
        // read as a badge, and the office's address and hours joined the article.
        let (_, kinds) = related(
            "Share this:\nFacebook\nLike this:\nRelated\nTagged blog\nOur Office\n",
            None,
        );
        assert_eq!(kinds[1], Kind::CallToAction, "{kinds:?}");
        assert_eq!(kinds[3], Kind::RelatedHeading);
    }

    #[test]
    fn reads_a_list_under_a_heading() {
        let (got, kinds) = related(
            "Related stories\nPort strike ends after two weeks\n3 hours ago\n\
             Dockers return to work at dawn after a pay deal was reached.\nRead more\n\
             City council approves new budget\n1 day ago\n\
             Copyright 2024 The Daily Example. All rights reserved.",
            Some("2024-05-18T12:00:00+00:00"),
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].age.as_deref(), Some("3 hours ago"));
        assert_eq!(
            got[0].published.as_deref(),
            Some("2024-05-18T09:00:00+00:00")
        );
        assert_eq!(
            got[0].teaser.as_deref(),
            Some("Dockers return to work at dawn after a pay deal was reached.")
        );
        assert_eq!(got[1].title, "City council approves new budget");
        assert_eq!(got[1].teaser, None);
        assert_eq!(kinds.last(), Some(&Kind::Boilerplate));
    }

    #[test]
    fn a_sentence_after_a_list_of_bare_titles_is_no_teaser() {
        // Regression: a related box inside an article took the paragraph after it as the
        // teaser of its last title.
        let (got, kinds) = related(
            "Related stories\nPort strike ends\nCouncil approves budget\nFerry fares rise\n\
             Dressed in black, the mayor took her place at the front of the hall and began to speak.",
            None,
        );
        assert_eq!(got.len(), 3);
        assert!(got.iter().all(|r| r.teaser.is_none()));
        assert_eq!(kinds.last(), Some(&Kind::Text));
    }

    #[test]
    fn reads_entries_with_the_title_printed_twice() {
        let (got, kinds) = related(
            "Port strike ends after two weeks\n3 hours ago\nPort strike ends after two weeks\n\
             Dockers return to work at dawn after a pay deal was reached.\nRead more",
            None,
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].published, None);
        assert!(kinds.iter().all(|k| *k == Kind::Related));
    }
}
