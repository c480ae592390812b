//! Publication and update dates: candidates from every place a page states them (JSON-LD,
//! meta tags, microdata, `<time>`, date-like elements, text under the headline, the URL),
//! then the most trustworthy one.
//!
//! Traps avoided: dates in scripts (only JSON-LD is read from scripts), copyright lines,
//! comment threads, dates labelled as updates taken for the publication, dates after the
//! reference time (refused by [`crate::dates`]).

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use html5ever::local_name;
use jiff::civil::Date;
use jiff::Timestamp;

use super::page::{
    canonical_href, class_id, is_whole_word, rfind_word, spaced_text, text_after, Page,
};
use super::Candidate;
use crate::copyright;
use crate::dates::{self, ParsedDate};
use crate::dom::{NodeId, DOCUMENT};
use crate::lang;
use crate::tags;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stamp {
    Published,
    Modified,
}

/// The chosen dates.
#[derive(Debug, Default)]
pub(super) struct Dates {
    pub published: Option<Candidate<ParsedDate>>,
    pub modified: Option<Candidate<ParsedDate>>,
}

/// Elements with a date-like class are read only while their text is this short.
const MAX_STAMP_TEXT: usize = 160;
/// A stamp's line holds a label, a name or two and a time besides its date; a line with more
/// words around the date is a sentence ("On 2 Dec 2024, I received this message from …").
const MAX_STAMP_WORDS: usize = 10;
/// The headline's own stamp is printed within a few lines under it (bytes of the lead); a
/// first date further down is as likely the body's or a teaser's.
const MAX_STAMP_OFFSET: usize = 600;
/// How much of the page is searched when nothing else gives a date.
const MAX_PAGE_TEXT: usize = 30_000;

/// `lead` is the text under the headline (see [`text_after`]), when there is a headline.
pub(super) fn find(page: &Page, headline: Option<NodeId>, lead: &str) -> Dates {
    let mut found: Vec<(Stamp, Candidate<ParsedDate>)> = Vec::new();
    let mut push = |stamp: Stamp, value: Option<ParsedDate>, source: String, confidence: f32| {
        add(&mut found, stamp, value, source, confidence);
    };
    let parse = |s: &str| read_machine_date(s, page);

    // JSON-LD: the article's own dates first, then any other object's.
    for (i, v) in page.ld.iter().enumerate() {
        let is_article = Some(i) == page.article;
        let weight = if is_article { 0.0 } else { 0.15 };
        for (key, stamp, confidence) in [
            ("datePublished", Stamp::Published, 0.95),
            ("dateCreated", Stamp::Published, 0.85),
            ("uploadDate", Stamp::Published, 0.8),
            ("dateModified", Stamp::Modified, 0.95),
        ] {
            if let Some(s) = v.get(key).and_then(super::page::ld_text) {
                push(stamp, parse(&s), "json-ld".into(), confidence - weight);
            }
        }
    }
    let mut repeated: Vec<&str> = Vec::new();
    for (key, value) in &page.tags {
        if let Some((stamp, confidence)) = meta_stamp(key) {
            // one per post (itemprop metas in a thread): the first post's is the page's
            if repeated.contains(&key.as_str()) {
                continue;
            }
            if page.tags.iter().filter(|(k, _)| k == key).count() > 2 {
                repeated.push(key);
            }
            push(stamp, parse(value), format!("meta:{key}"), confidence);
        }
    }
    for (prop, stamp, confidence) in [
        ("datepublished", Stamp::Published, 0.9),
        ("datecreated", Stamp::Published, 0.85),
        ("datemodified", Stamp::Modified, 0.9),
    ] {
        let nodes: Vec<NodeId> = page.itemprop_nodes(prop).collect();
        // many posts marked up: a thread or a listing, whose first post is the page's own
        let (nodes, confidence) = if nodes.len() > 2 {
            (&nodes[..1], 0.6)
        } else {
            (&nodes[..], confidence)
        };
        for &n in nodes {
            let dom = page.dom;
            let value = match dom.attr(n, "datetime").or_else(|| dom.attr(n, "content")) {
                Some(s) => parse(s),
                None => read_written_date(&spaced_text(dom, n, 200), page).map(|(_, d)| d),
            };
            push(stamp, value, "microdata".into(), confidence);
        }
    }
    let declared = Declared::of(&found);
    let mut push = |stamp: Stamp, value: Option<ParsedDate>, source: String, confidence: f32| {
        add(&mut found, stamp, value, source, confidence);
    };

    let labels = &*LABELS;
    let dom = page.dom;
    let mut seen_time = 0;
    let mut seen_stamps = 0;
    for n in dom.descendants(DOCUMENT) {
        let Some(tag) = dom.tag(n) else { continue };
        // Unix seconds on a printed stamp (Facebook-style `<abbr data-utime>`)
        if let Some(seconds) = dom.attr(n, "data-utime") {
            if !page.in_hidden(n) && !page.in_comments(n) {
                let placement = placement_penalty(page, n, headline);
                let when = read_machine_date(seconds, page);
                push(Stamp::Published, when, DATA_UTIME.into(), 0.6 - placement);
            }
        }
        // a date printed beside a calendar icon is a stamp, with or without a date class
        if is_calendar_icon(dom, n) && !page.in_hidden(n) && !page.in_comments(n) {
            let beside = dom.ancestors(n).take(3).find_map(|a| {
                let text = spaced_text(dom, a, MAX_STAMP_TEXT * 2);
                text.chars().any(char::is_alphanumeric).then_some((a, text))
            });
            if let Some((a, text)) = beside.filter(|(_, t)| t.len() <= MAX_STAMP_TEXT) {
                let placement = placement_penalty(page, a, headline);
                if !is_member_date(page, a, &text) {
                    for (label, d) in read_written_dates(&text, page) {
                        let stamp = label.unwrap_or_else(|| declared.stamp_of(Some(&d)));
                        push(stamp, Some(d), "byline-text".into(), 0.6 - placement);
                    }
                }
            }
        }
        let is_time = *tag == local_name!("time");
        let date_like = !is_time && seen_stamps < 30 && page.date_class(n);
        if !is_time && !date_like {
            continue;
        }
        let ci = class_id(dom, n);
        if page.in_hidden(n) || page.in_comments(n) {
            continue;
        }
        let text = spaced_text(dom, n, MAX_STAMP_TEXT * 2);
        if copyright::has_mark(&text) || is_member_date(page, n, &text) {
            continue;
        }
        // stamps of other stories: before the headline, in link lists, later in the page
        let placement =
            placement_penalty(page, n, headline) + 0.03 * (seen_time + seen_stamps).min(5) as f32;
        let context = format!("{ci} {}", ancestors_class(page, n));
        let class_stamp = if context.contains("modif") || context.contains("updat") {
            Some(Stamp::Modified)
        } else if ["publish", "posted", "pubdate", "entry-date", "created"]
            .iter()
            .any(|k| context.contains(k))
        {
            Some(Stamp::Published)
        } else {
            None
        };
        if is_time {
            seen_time += 1;
            let machine = dom.attr(n, "datetime").and_then(parse);
            let (label, written) = match read_written_date(&text, page) {
                Some((label, d)) => (label, Some(d)),
                None => (labels.stamp_before(&text, text.len()), None),
            };
            let stamp = label
                .or(class_stamp)
                .unwrap_or_else(|| declared.stamp_of(machine.as_ref().or(written.as_ref())));
            let mut confidence = if dom.attr(n, "pubdate").is_some() || class_stamp.is_some() {
                0.85
            } else if seen_time == 1 {
                0.7
            } else {
                0.55
            };
            if label == Some(Stamp::Published) {
                confidence += 0.05;
            }
            let source = if machine.is_some() {
                TIME_DATETIME
            } else {
                "time"
            };
            push(
                stamp,
                machine.or(written),
                source.into(),
                confidence - placement,
            );
        } else if text.len() <= MAX_STAMP_TEXT {
            seen_stamps += 1;
            // "3 hours ago" printed, the stamp itself in a tooltip
            let tooltip = dom.attr(n, "title").and_then(parse);
            if tooltip.is_some() {
                let confidence = if class_stamp.is_some() { 0.75 } else { 0.6 };
                let stamp = class_stamp.unwrap_or(Stamp::Published);
                push(stamp, tooltip, "byline-text".into(), confidence - placement);
            }
            for (label, d) in read_written_dates(&text, page) {
                let stamp = label
                    .or(class_stamp)
                    .unwrap_or_else(|| declared.stamp_of(Some(&d)));
                let confidence = if label.is_some() || class_stamp.is_some() {
                    0.75
                } else {
                    0.6
                };
                push(stamp, Some(d), "byline-text".into(), confidence - placement);
            }
        }
    }

    // The lines under the headline, where bylines and stamps are printed.
    if headline.is_some() {
        let lead: Vec<&str> = lead.lines().filter(|l| !copyright::has_mark(l)).collect();
        let lead = lead.join("\n");
        for (k, (label, d)) in read_written_dates(&lead, page)
            .into_iter()
            .take(3)
            .enumerate()
        {
            let d = declared.reading_of(d, &lead);
            let stamp = label.unwrap_or_else(|| declared.stamp_of(Some(&d)));
            // a stamp stands on a short line of its own; a date inside a sentence is news
            let line_start = lead[..d.span.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = lead[d.span.end..]
                .find('\n')
                .map_or(lead.len(), |i| d.span.end + i);
            let words = words_around(
                &lead[line_start..line_end],
                &(d.span.start - line_start..d.span.end - line_start),
            );
            let stamp_line = line_end - line_start <= MAX_STAMP_TEXT && words <= MAX_STAMP_WORDS;
            let confidence = if !stamp_line {
                0.45
            } else if k == 0 && label != Some(Stamp::Modified) {
                // further down, below the markup's own dates but above other printed ones
                if d.span.start <= MAX_STAMP_OFFSET {
                    0.96
                } else {
                    0.85
                }
            } else if label.is_some() {
                0.7
            } else {
                0.6
            } - 0.05 * k as f32;
            push(stamp, Some(d), "byline-text".into(), confidence);
        }
    }

    // The line right above the headline (its kicker), when it is a stamp line of its own,
    // is almost as surely the story's as the stamp under the headline: it outranks the
    // page's meta tags (a bare `date` tag is often the CMS's last change), not its JSON-LD.
    if let Some((block, line)) = headline.and_then(|h| kicker_line(page, h)) {
        if let Some((label, d)) = read_written_date(&line, page) {
            if words_around(&line, &d.span) <= MAX_STAMP_WORDS
                && !is_member_date(page, block, &line)
            {
                let stamp = label.unwrap_or_else(|| declared.stamp_of(Some(&d)));
                push(stamp, Some(d), "byline-text".into(), KICKER_CONFIDENCE);
            }
        }
    }

    // the page's address, else the canonical one it declares (which may carry the date)
    let canonical = canonical_href(dom).map(str::to_string);
    let addresses = page
        .url
        .iter()
        .cloned()
        .chain(canonical)
        .chain(page.tag(&["og:url"]));
    if let Some(d) = addresses.into_iter().find_map(|u| url_date(&u, &page.ctx)) {
        push(Stamp::Published, Some(d), "url".into(), 0.97);
    }

    // A full date in the page's <title> ("… | 02.11.2021"): below any stamp the page prints.
    if let Some(title) = dom.find_tag(&local_name!("title")) {
        let text = spaced_text(dom, title, MAX_STAMP_TEXT * 2);
        if let Some((label, d)) = read_written_date(&text, page) {
            if label != Some(Stamp::Modified) {
                push(Stamp::Published, Some(d), "title".into(), 0.5);
            }
        }
    }

    // Nothing states a date: the first one written anywhere on the page, as a last resort.
    if found.is_empty() {
        let text = text_after(page, None, MAX_PAGE_TEXT);
        let lines: Vec<&str> = text.lines().filter(|l| !copyright::has_mark(l)).collect();
        let written = read_written_dates(&lines.join("\n"), page);
        for want in [Stamp::Published, Stamp::Modified] {
            // a date its label names ("Posted on …") before the first unlabelled one
            let labelled = written.iter().find(|(label, _)| *label == Some(want));
            let unlabelled = || {
                let published = want == Stamp::Published;
                written
                    .iter()
                    .find(|(label, _)| published && label.is_none())
            };
            let first = labelled.or_else(unlabelled);
            if let Some((_, d)) = first {
                let candidate = Candidate {
                    value: d.clone(),
                    source: "page-text".into(),
                    confidence: 0.3,
                };
                found.push((want, candidate));
            }
        }
    }

    // Nothing is printed as published after the markup says the page last changed: such a
    // date is a later post's or another story's, unless nothing else is left.
    if let Some(&last_change) = declared.modified.iter().max() {
        let plausible = |(s, c): &(Stamp, Candidate<ParsedDate>)| {
            *s != Stamp::Published
                || is_declared(&c.source)
                || c.value.date <= last_change.tomorrow().unwrap_or(last_change)
        };
        let any_left = found
            .iter()
            .any(|f| f.0 == Stamp::Published && plausible(f));
        if any_left {
            found.retain(plausible);
        }
    }

    // Trusted sources of other kinds that agree on the day are worth more than one alone;
    // teasers and nested copies of one stamp are not agreement.
    let votes: Vec<(Stamp, Date, String)> = found
        .iter()
        .filter(|(_, c)| c.confidence >= 0.55)
        .map(|(s, c)| (*s, c.value.date, c.source.clone()))
        .collect();
    for (stamp, c) in &mut found {
        let mut kinds: Vec<&str> = votes
            .iter()
            .filter(|(s, d, src)| s == stamp && *d == c.value.date && *src != c.source)
            .map(|(_, _, src)| src.as_str())
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        c.confidence += 0.03 * kinds.len().min(3) as f32;
    }
    let modified = choose(&found, Stamp::Modified);
    // A page that states only when it was updated is dated by that stamp, at low confidence
    // and saying so in its provenance.
    let published = choose(&found, Stamp::Published).or_else(|| {
        modified.clone().map(|m| Candidate {
            source: format!("{} (updated)", m.source),
            confidence: m.confidence * 0.4,
            value: m.value,
        })
    });
    Dates {
        published,
        modified,
    }
}

/// The best candidate of one stamp, told as precisely as the page allows: the time and the
/// zone another source gives for the same day, then the offset by [`with_offset`].
fn choose(found: &[(Stamp, Candidate<ParsedDate>)], want: Stamp) -> Option<Candidate<ParsedDate>> {
    let same: Vec<&Candidate<ParsedDate>> = found
        .iter()
        .filter(|(s, _)| *s == want)
        .map(|(_, c)| c)
        .collect();
    let best = same
        .iter()
        .copied()
        .fold(None::<&Candidate<ParsedDate>>, |best, c| match best {
            Some(b) if !better(c, b, want) => Some(b),
            _ => Some(c),
        })?;
    // the same day, told with its time and zone by another source
    let precise = same
        .iter()
        .filter(|c| c.value.date == best.value.date && c.confidence >= 0.5)
        .max_by_key(|c| (c.value.time.is_some(), c.value.offset.is_some()))
        .copied()
        .filter(|c| {
            let adds_time = c.value.time.is_some() && best.value.time.is_none();
            // The same clock time, with the zone the best source left out.
            let adds_zone = c.value.offset.is_some()
                && best.value.offset.is_none()
                && best.value.time.is_some()
                && c.value.time == best.value.time;
            adds_time || adds_zone
        });
    let mut value = precise.map_or_else(|| best.value.clone(), |p| p.value.clone());
    // the same instant told in the newsroom's own zone rather than in UTC
    if value.offset.is_some_and(|o| o.seconds() == 0) {
        let instant = value.timestamp();
        let local = same.iter().find(|c| {
            c.confidence >= 0.5
                && c.value.offset.is_some_and(|o| o.seconds() != 0)
                && c.value.timestamp() == instant
        });
        if let Some(l) = local {
            value = l.value.clone();
        }
    }
    let (value, evidence) = with_offset(value, &same, found);
    let source = match evidence {
        Evidence::Stated => best.source.clone(),
        Evidence::Machine(from) if from == best.source => best.source.clone(),
        Evidence::Machine(from) => format!("{} (time from {from})", best.source),
        Evidence::ZoneOf(from) => format!("{} (zone from {from})", best.source),
        Evidence::Shared => format!("{} (zone shared by the page's stamps)", best.source),
        Evidence::None => format!("{} (local time, no zone stated)", best.source),
    };
    Some(Candidate {
        value,
        source,
        confidence: best.confidence,
    })
}

/// The source of a `<time>` element's `datetime` attribute (its printed text is "time").
const TIME_DATETIME: &str = "time:datetime";

/// The source of a `data-utime` attribute (Unix seconds).
const DATA_UTIME: &str = "data-utime";

/// Stamps written for machines: JSON-LD, meta tags, microdata, `<time datetime>` and
/// `data-utime`.
fn is_machine_readable(source: &str) -> bool {
    source != "url" && is_declared(source) || source == TIME_DATETIME || source == DATA_UTIME
}

/// A machine-readable stamp is trusted to settle the moment from this confidence up.
const MIN_MACHINE_CONFIDENCE: f32 = 0.6;
/// Printed clock times drop the seconds, so they may trail the stamp by up to this much.
const CLOCK_SLACK_SECONDS: i64 = 90;
/// UTC offsets in use are whole half-hours (the few quarter-hour zones aside) within ±14 h.
const HALF_HOUR: i64 = 1800;
const MAX_OFFSET_SECONDS: i64 = 14 * 3600;

/// Where a chosen time's offset came from.
#[derive(Debug, PartialEq)]
enum Evidence {
    /// The chosen source stated it (or there is no time to place).
    Stated,
    /// A machine-readable stamp of the same moment or day gave it, or won (its source).
    Machine(String),
    /// A UTC stamp of the same moment, printed in the newsroom's zone (the stamp's source).
    ZoneOf(String),
    /// The one offset all the page's other machine-readable stamps share.
    Shared,
    /// Nothing: a local time.
    None,
}

/// The one rule for a time's UTC offset, and for a printed time that disagrees with the
/// machine-readable one (`same`: the candidates of the chosen stamp; `all`: every stamp).
///
/// A machine-readable stamp (JSON-LD, meta, microdata, `<time datetime>`) of the same day
/// and at least [`MIN_MACHINE_CONFIDENCE`], the most trusted first, decides:
/// 1. it names the same moment as a time that has an offset: that time stands (its zone is
///    the newsroom's);
/// 2. it has the same clock time, to the minute: its offset (and its seconds);
/// 3. it is in UTC and the printed clock time is that moment shifted by whole half-hours:
///    the page prints the same moment in its own zone, whose offset is the shift;
/// 4. it names another moment: **the machine-readable stamp wins**. The CMS writes it when
///    the story goes out, while a printed time that disagrees is rounded, a later update's,
///    or carries a wrong zone name ("CET" in summer).
///
/// With no such stamp, a time without an offset takes the one non-zero offset that all the
/// page's machine-readable stamps share, if they share one; else it stays a local time. No
/// offset is ever guessed from the language or the country.
fn with_offset(
    value: ParsedDate,
    same: &[&Candidate<ParsedDate>],
    all: &[(Stamp, Candidate<ParsedDate>)],
) -> (ParsedDate, Evidence) {
    let Some(time) = value.time else {
        return (value, Evidence::Stated);
    };
    let mut machine: Vec<&Candidate<ParsedDate>> = same
        .iter()
        .copied()
        .filter(|c| {
            is_machine_readable(&c.source)
                && c.confidence >= MIN_MACHINE_CONFIDENCE
                && c.value.timestamp().is_some()
        })
        .collect();
    machine.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    let as_utc = |date: Date, time: jiff::civil::Time| {
        jiff::tz::Offset::UTC
            .to_timestamp(jiff::civil::DateTime::from_parts(date, time))
            .ok()
            .map(|t| t.as_second())
    };
    let Some(local_as_utc) = as_utc(value.date, time) else {
        return (value, Evidence::Stated);
    };
    // 1: a stated offset that the markup confirms, or no markup for the day
    if let Some(instant) = value.timestamp() {
        let confirmed = machine
            .iter()
            .filter_map(|c| c.value.timestamp())
            .any(|m| (m.as_second() - instant.as_second()).abs() <= CLOCK_SLACK_SECONDS);
        if confirmed {
            return (value, Evidence::Stated);
        }
    }
    for m in &machine {
        let Some(stamp) = m.value.timestamp() else {
            continue;
        };
        // 2: the same clock time
        let m_clock = m.value.time.and_then(|t| as_utc(m.value.date, t));
        if value.offset.is_none()
            && m_clock.is_some_and(|c| (c - local_as_utc).abs() <= CLOCK_SLACK_SECONDS)
        {
            return (m.value.clone(), Evidence::Machine(m.source.clone()));
        }
        // 3: a UTC stamp, printed in the newsroom's zone
        let utc = m.value.offset.is_some_and(|o| o.seconds() == 0);
        if value.offset.is_none() && utc {
            let shift = local_as_utc - stamp.as_second();
            let half_hours = (shift as f64 / HALF_HOUR as f64).round() as i64;
            let zone = half_hours * HALF_HOUR;
            if (shift - zone).abs() <= CLOCK_SLACK_SECONDS
                && zone != 0
                && zone.abs() <= MAX_OFFSET_SECONDS
            {
                if let Some(v) = at_offset(stamp, zone as i32, value.span.clone()) {
                    return (v, Evidence::ZoneOf(m.source.clone()));
                }
            }
        }
    }
    // 4: the most trusted stamp of the same day names another moment
    if let Some(m) = machine.first().filter(|m| m.value.date == value.date) {
        return (m.value.clone(), Evidence::Machine(m.source.clone()));
    }
    if value.offset.is_some() {
        return (value, Evidence::Stated);
    }
    // 5: the offset the page's stamps share
    let mut offsets = all
        .iter()
        .filter(|(_, c)| is_machine_readable(&c.source) && c.value.time.is_some())
        .filter_map(|(_, c)| c.value.offset);
    if let Some(first) = offsets.next() {
        let shared = first.seconds() != 0 && offsets.all(|o| o == first);
        if shared {
            return (
                ParsedDate {
                    offset: Some(first),
                    ..value
                },
                Evidence::Shared,
            );
        }
    }
    (value, Evidence::None)
}

/// `instant` as the clock time and day at `offset_seconds`.
fn at_offset(
    instant: Timestamp,
    offset_seconds: i32,
    span: std::ops::Range<usize>,
) -> Option<ParsedDate> {
    let offset = jiff::tz::Offset::from_seconds(offset_seconds).ok()?;
    let local = offset.to_datetime(instant);
    Some(ParsedDate {
        date: local.date(),
        time: Some(local.time()),
        offset: Some(offset),
        span,
    })
}

fn add(
    found: &mut Vec<(Stamp, Candidate<ParsedDate>)>,
    stamp: Stamp,
    value: Option<ParsedDate>,
    source: String,
    confidence: f32,
) {
    if let Some(value) = value {
        found.push((
            stamp,
            Candidate {
                value,
                source,
                confidence,
            },
        ));
    }
}

/// A source in the page's markup (or its address) rather than its printed text.
fn is_declared(source: &str) -> bool {
    source.starts_with("json-ld")
        || source.starts_with("meta:")
        || source == "microdata"
        || source == "url"
}

/// The days the page's markup (JSON-LD, meta tags, microdata) gives for publication and
/// update, to read printed dates by.
struct Declared {
    published: Vec<Date>,
    modified: Vec<Date>,
}

impl Declared {
    fn of(found: &[(Stamp, Candidate<ParsedDate>)]) -> Self {
        let days = |want: Stamp| {
            found
                .iter()
                .filter(|(s, c)| *s == want && c.confidence >= 0.75)
                .map(|(_, c)| c.value.date)
                .collect()
        };
        Declared {
            published: days(Stamp::Published),
            modified: days(Stamp::Modified),
        }
    }

    /// The stamp of an unlabelled printed date: an update when it is a bare day (no clock
    /// time, which newsrooms print on the stamp of a story's release) that the markup says
    /// the page was modified on (a day either way, for zones) while the markup dates the
    /// publication well before; else a publication.
    fn stamp_of(&self, printed: Option<&ParsedDate>) -> Stamp {
        let Some(day) = printed.filter(|d| d.time.is_none()).map(|d| d.date) else {
            return Stamp::Published;
        };
        let near = |a: Date, b: Date| a.since(b).is_ok_and(|s| s.get_days().abs() <= 1);
        let updated = self.modified.iter().any(|&m| near(m, day))
            && self.published.iter().any(|&p| p < day && !near(p, day));
        if updated {
            Stamp::Modified
        } else {
            Stamp::Published
        }
    }

    /// An all-numeric date whose day and month could swap ("09.10.2024"), read the way
    /// the markup's publication day agrees with.
    fn reading_of(&self, d: ParsedDate, text: &str) -> ParsedDate {
        let written = text.get(d.span.clone()).unwrap_or("");
        let numeric = written
            .chars()
            .all(|c| c.is_ascii_digit() || "./-".contains(c))
            && written.find(['.', '/', '-']).is_some_and(|i| i <= 2);
        if !numeric || self.published.contains(&d.date) {
            return d;
        }
        let swapped = Date::new(d.date.year(), d.date.day(), d.date.month());
        match swapped {
            Ok(s) if self.published.contains(&s) => ParsedDate { date: s, ..d },
            _ => d,
        }
    }
}

/// More confident wins; between equals, the one found first, except that of two publication
/// dates the markup declares the earlier wins: a page is published once, and a later
/// "published" stamp is a re-issue or the time the page was rebuilt.
fn better(a: &Candidate<ParsedDate>, b: &Candidate<ParsedDate>, want: Stamp) -> bool {
    a.confidence > b.confidence + 0.001
        || (a.confidence - b.confidence).abs() <= 0.001
            && want == Stamp::Published
            && is_declared(&a.source)
            && is_declared(&b.source)
            && a.value.date < b.value.date
}

/// How much a date element's place says it belongs to another story: before the headline,
/// or inside a link or a list item (teasers of related stories).
fn placement_penalty(page: &Page, n: NodeId, headline: Option<NodeId>) -> f32 {
    let dom = page.dom;
    let mut penalty = 0.0;
    // the arena holds nodes in document order; a stamp printed right above the headline,
    // with at most a name or a section between them, is the headline's own kicker line
    if headline.is_some_and(|h| n < h && !is_kicker(dom, n, h)) {
        penalty += 0.1;
    }
    let teaser = |a: NodeId| {
        dom.is_tag(a, &local_name!("a"))
            || dom.is_tag(a, &local_name!("li"))
                && dom.descendants(a).any(|d| {
                    dom.tag(d).is_some_and(|t| {
                        matches!(
                            *t,
                            local_name!("h2") | local_name!("h3") | local_name!("h4")
                        )
                    }) || dom.is_tag(d, &local_name!("a"))
                        && spaced_text(dom, d, 200).split_whitespace().count() >= 4
                })
    };
    if dom.ancestors(n).take(6).any(teaser) {
        penalty += 0.1;
    }
    penalty
}

/// How far back from the headline the walk looks for the text of its kicker line (nodes).
const MAX_KICKER_WALK: usize = 200;
/// The kicker line's box holds the headline at most this many levels down.
const MAX_KICKER_DEPTH: usize = 3;
/// A date on the kicker line: below JSON-LD (0.95) and the stamp right under the headline.
const KICKER_CONFIDENCE: f32 = 0.9;

/// The words on a stamp's line besides the date at `span`.
fn words_around(line: &str, span: &std::ops::Range<usize>) -> usize {
    let count = |s: Option<&str>| s.map_or(0, |s| s.split_whitespace().count());
    count(line.get(..span.start)) + count(line.get(span.end..))
}

/// The line printed right above the headline `h`, and its block: the block holding the
/// nearest visible text before the headline, when it stands apart from the headline
/// ([`is_kicker`]) and is short enough to be a stamp line.
fn kicker_line(page: &Page, h: NodeId) -> Option<(NodeId, String)> {
    let dom = page.dom;
    let code = |a: NodeId| {
        dom.tag(a).is_some_and(|t| {
            matches!(
                *t,
                local_name!("script") | local_name!("style") | local_name!("noscript")
            )
        })
    };
    // the arena holds nodes in document order, so the nodes before `h` precede it
    let text = (0..h).rev().take(MAX_KICKER_WALK).find(|&n| {
        dom.text(n)
            .is_some_and(|t| t.chars().any(char::is_alphanumeric))
            && !dom.ancestors(n).take(4).any(code)
            && !page.in_hidden(n)
            && !page.in_comments(n)
    })?;
    let block = dom
        .ancestors(text)
        .find(|&a| dom.tag(a).is_some_and(tags::starts_line))?;
    // a block around the headline too is the page's column, not a line of its own
    if dom.ancestors(h).any(|a| a == block) || !is_kicker(dom, block, h) {
        return None;
    }
    // the headline's own line shares its box (the date strip of the site's banner, the
    // reader's clock, ends right above a headline as well)
    let parent = dom.parent(block)?;
    if !dom.ancestors(h).take(MAX_KICKER_DEPTH).any(|a| a == parent) {
        return None;
    }
    let line = spaced_text(dom, block, MAX_STAMP_TEXT * 2);
    (line.len() <= MAX_STAMP_TEXT).then_some((block, line))
}

/// Letters and digits a stamp's kicker line may hold besides the stamp ("Dec 17, 2025 ·
/// Jane Q. Writer") before the headline.
const MAX_KICKER_TEXT: usize = 40;

/// Whether the page prints nothing but a few words between the end of `n` and the headline
/// `h`: the tree is walked in document order from the node after `n`'s subtree.
fn is_kicker(dom: &crate::dom::Dom, n: NodeId, h: NodeId) -> bool {
    // the node after `x`'s subtree: its next sibling, else its nearest ancestor's
    let after = |x: NodeId| {
        std::iter::once(x)
            .chain(dom.ancestors(x))
            .find_map(|a| dom.node(a).next_sibling)
    };
    let mut at = after(n);
    let mut between = 0;
    // a kicker is a few elements away; a long walk is another part of the page
    for _ in 0..200 {
        let Some(x) = at else { return false };
        if x == h {
            return true;
        }
        if let Some(t) = dom.text(x) {
            between += t.chars().filter(|c| c.is_alphanumeric()).count();
            if between > MAX_KICKER_TEXT {
                return false;
            }
        }
        at = dom.node(x).first_child.or_else(|| after(x));
    }
    false
}

/// A meta tag key's stamp and how much it is trusted, or `None` for keys that are not
/// publication or update dates (expiry, copyright, events, birthdays).
fn meta_stamp(key: &str) -> Option<(Stamp, f32)> {
    const NOT_STAMPS: [&str; 10] = [
        "expir",
        "valid",
        "birth",
        "copyright",
        "event",
        "start",
        "end",
        "embargo",
        "review",
        "print",
    ];
    if NOT_STAMPS.iter().any(|k| key.contains(k)) {
        return None;
    }
    if ["modif", "updat", "revis", "edited", "lastmod"]
        .iter()
        .any(|k| key.contains(k))
    {
        return Some((Stamp::Modified, 0.85));
    }
    if [
        "publish", "pubdate", "pub_date", "pub-date", "issued", "release", "posted",
    ]
    .iter()
    .any(|k| key.contains(k))
    {
        return Some((Stamp::Published, 0.9));
    }
    // a photo's or a video's page is published when it is uploaded (JSON-LD's uploadDate)
    if key.contains("creat") || key.contains("upload") {
        return Some((Stamp::Published, 0.8));
    }
    // a bare "date" is often the CMS's last change, so printed stamps may outrank it
    if key == "date" || key == "dc.date" || key == "dcterms.date" {
        return Some((Stamp::Published, 0.66));
    }
    if key.contains("date") {
        return Some((Stamp::Published, 0.75));
    }
    None
}

/// An icon of a calendar (`<svg><use href="#calendar">`, `glyphicon-calendar`,
/// `calendar.png`), which sites print beside a story's date.
fn is_calendar_icon(dom: &crate::dom::Dom, n: NodeId) -> bool {
    let Some(tag) = dom.tag(n) else { return false };
    let icon = matches!(
        *tag,
        local_name!("use") | local_name!("i") | local_name!("span") | local_name!("img")
    ) || &**tag == "svg";
    icon && ["class", "href", "src"].iter().any(|a| {
        dom.attr(n, a).is_some_and(|v| {
            v.as_bytes()
                .windows(b"calendar".len())
                .any(|w| w.eq_ignore_ascii_case(b"calendar"))
        })
    })
}

/// A date element that tells when someone joined a site: its own text names the
/// membership ("Joined March 2007", the moment in a tooltip), or the words just before it
/// end with such a label ("<strong>Registriert:</strong> <time>…").
fn is_member_date(page: &Page, n: NodeId, own: &str) -> bool {
    let labels = &*LABELS;
    if labels.names_member(own) {
        return true;
    }
    let dom = page.dom;
    // the words before it: its own earlier siblings, else its parent's or grandparent's
    // ("<dt>Joined</dt><dd><time>…")
    let mut before = String::new();
    for at in std::iter::once(n).chain(dom.ancestors(n)).take(3) {
        let mut sibling = dom.node(at).prev_sibling;
        for _ in 0..3 {
            let Some(s) = sibling else { break };
            before.insert_str(0, &format!("{} ", spaced_text(dom, s, 80)));
            sibling = dom.node(s).prev_sibling;
        }
        if before.chars().any(char::is_alphanumeric) {
            break;
        }
    }
    // a line of its own after the label, so only a label that ends the text counts
    let probe = format!("{}\n", before.trim());
    labels.label_before(&probe, probe.len()) == Some(Label::Member)
}

/// Class and id of the three nearest ancestors.
fn ancestors_class(page: &Page, n: NodeId) -> String {
    page.dom
        .ancestors(n)
        .take(3)
        .map(|a| class_id(page.dom, a))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A date in a machine-readable value: ISO 8601 and friends, or a Unix timestamp.
fn read_machine_date(s: &str, page: &Page) -> Option<ParsedDate> {
    let s = s.trim();
    // "20221012080000" (og:regDate and other portal metas): a local date and time
    if (s.len() == 8 || s.len() == 14) && s.bytes().all(|b| b.is_ascii_digit()) {
        let iso = if s.len() == 14 {
            format!(
                "{}-{}-{}T{}:{}:{}",
                &s[..4],
                &s[4..6],
                &s[6..8],
                &s[8..10],
                &s[10..12],
                &s[12..]
            )
        } else {
            format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..8])
        };
        return dates::parse(&iso, &page.ctx);
    }
    if (s.len() == 10 || s.len() == 13) && s.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = s.parse().ok()?;
        let secs = if s.len() == 13 { n / 1000 } else { n };
        let ts = Timestamp::from_second(secs).ok()?;
        let d = dates::parse(&format!("{ts}"), &page.ctx)?;
        return Some(d);
    }
    dates::parse(s, &page.ctx)
}

/// The first date written in `text`, with the stamp its label gives it.
fn read_written_date(text: &str, page: &Page) -> Option<(Option<Stamp>, ParsedDate)> {
    read_written_dates(text, page).into_iter().next()
}

fn read_written_dates(text: &str, page: &Page) -> Vec<(Option<Stamp>, ParsedDate)> {
    if copyright::has_mark(text) {
        return Vec::new();
    }
    let labels = &*LABELS;
    dates::parse_all(text, &page.ctx)
        .into_iter()
        .filter_map(|d| match labels.label_before(text, d.span.start) {
            Some(Label::Member | Label::Clock) => None,
            Some(Label::Stamp(s)) => Some((Some(s), d)),
            None => Some((None, d)),
        })
        .collect()
}

/// A full date in a URL path: /2022/10/12/, /2017/7/12/, /2020/oct/02/, /2022-10-12/,
/// /20221012/, a slug ending in -20221012, a segment 12-10-2022. Only the page's own
/// addresses are read this way (never an image's path).
fn url_date(url: &str, ctx: &dates::DateContext) -> Option<ParsedDate> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = &path[path.find('/')?..];
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    let parts: Vec<&str> = path
        .split('/')
        .map(|p| {
            p.strip_suffix(".html")
                .or_else(|| p.strip_suffix(".htm"))
                .unwrap_or(p)
        })
        .collect();
    let digits = |p: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    let ymd = |y: &str, m: &str, d: &str| -> Option<ParsedDate> {
        let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        dates::parse(&format!("{y:04}-{m:02}-{d:02}"), ctx)
    };
    for w in parts.windows(3) {
        if !digits(w[0], 4..=4) || !digits(w[2], 1..=2) {
            continue;
        }
        let found = if digits(w[1], 1..=2) {
            ymd(w[0], w[1], w[2])
        } else if (3..=9).contains(&w[1].len()) && w[1].chars().all(char::is_alphabetic) {
            // a month's name or abbreviation, as the packs spell them
            dates::parse(&format!("{} {} {}", w[2], w[1], w[0]), ctx)
                .filter(|d| d.span.end - d.span.start >= 8)
        } else {
            None
        };
        if found.is_some() {
            return found;
        }
    }
    for p in &parts {
        let lead: String = p.chars().take_while(char::is_ascii_digit).collect();
        if lead.len() == 8 && (lead.starts_with("19") || lead.starts_with("20")) {
            if let Some(d) = ymd(&lead[..4], &lead[4..6], &lead[6..]) {
                return Some(d);
            }
        }
        let b = p.as_bytes();
        if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
            let day = p.get(8..10).unwrap_or_default();
            if let Some(d) = ymd(&p[..4], &p[5..7], day) {
                return Some(d);
            }
        }
        // "12-10-2022" as a whole segment
        if b.len() == 10 && b[2] == b'-' && b[5] == b'-' && digits(&p[6..], 4..=4) {
            if let Some(d) = ymd(&p[6..], &p[3..5], &p[..2]) {
                return Some(d);
            }
        }
        // a slug that ends in its day: "...-brought-under-control-20200113"
        if let Some((slug, tail)) = p.rsplit_once('-') {
            let dated = !slug.is_empty() && digits(tail, 8..=8);
            if dated && (tail.starts_with("19") || tail.starts_with("20")) {
                if let Some(d) = ymd(&tail[..4], &tail[4..6], &tail[6..]) {
                    return Some(d);
                }
            }
        }
    }
    None
}

/// The packs' publication, update and membership labels, to tell "Updated: 12 Oct" and
/// "Joined: 12 Oct" from "12 Oct".
static LABELS: LazyLock<Labels> = LazyLock::new(Labels::new);

/// What a label says of the date after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Stamp(Stamp),
    /// When a person joined or registered (forum and profile cards), not the article's date.
    Member,
    /// The reader's clock or last visit: when the page was served, not the article's date.
    Clock,
}

struct Labels {
    /// Every label, lower-cased, with what it says.
    all: Vec<(String, Label)>,
    /// The membership labels, lower-cased, searched in one pass: every date on the page is
    /// asked about them.
    members: AhoCorasick,
    /// Every distinct label, searched in one pass, with what it says: where two packs give
    /// one label two meanings, the later pack's.
    any: AhoCorasick,
    any_kinds: Vec<Label>,
}

impl Labels {
    fn new() -> Self {
        let mut all = Vec::new();
        for p in lang::packs() {
            let d = &p.dates;
            for (labels, kind) in [
                (&d.published_labels, Label::Stamp(Stamp::Published)),
                (&d.modified_labels, Label::Stamp(Stamp::Modified)),
                (&d.membership_labels, Label::Member),
                (&d.clock_labels, Label::Clock),
            ] {
                all.extend(labels.iter().map(|l| (l.to_lowercase(), kind)));
            }
        }
        let members = AhoCorasick::new(
            all.iter()
                .filter(|(l, kind)| *kind == Label::Member && !l.is_empty())
                .map(|(l, _)| l),
        )
        .expect("the packs' membership labels");
        let mut kinds: Vec<(&str, Label)> = Vec::new();
        for (l, kind) in all.iter().filter(|(l, _)| !l.is_empty()) {
            match kinds.iter_mut().find(|(seen, _)| seen == l) {
                Some(entry) => entry.1 = *kind,
                None => kinds.push((l, *kind)),
            }
        }
        let any = AhoCorasick::new(kinds.iter().map(|(l, _)| l)).expect("the packs' date labels");
        let any_kinds = kinds.into_iter().map(|(_, kind)| kind).collect();
        Labels {
            all,
            members,
            any,
            any_kinds,
        }
    }

    /// Whether `text` names a membership anywhere ("Joined March 2007").
    fn names_member(&self, text: &str) -> bool {
        let lower = text.to_lowercase();
        self.members
            .find_overlapping_iter(&lower)
            .any(|m| is_whole_word(&lower, m.start(), m.len()))
    }

    /// The stamp named by the label closest before byte `at` in `text` (on the same line,
    /// within a few words).
    fn stamp_before(&self, text: &str, at: usize) -> Option<Stamp> {
        match self.label_before(text, at)? {
            Label::Stamp(s) => Some(s),
            Label::Member | Label::Clock => None,
        }
    }

    /// The label closest before byte `at` in `text`: on the same line within a few words,
    /// or alone on the line before ("Last Updated:" on a line of its own, the date on the
    /// next). The label that ends last wins, and of two ending together the longer
    /// ("last updated" over "updated").
    fn label_before(&self, text: &str, at: usize) -> Option<Label> {
        let before = text.get(..at)?;
        let mut lines = before.rsplit('\n');
        let line = lines.next().unwrap_or(before);
        if !line.chars().any(char::is_alphanumeric) {
            let previous = lines
                .next()?
                .trim_end_matches(|c: char| c == ':' || c.is_whitespace())
                .to_lowercase();
            return self
                .all
                .iter()
                .filter(|(l, _)| {
                    previous.ends_with(l.as_str()) && rfind_word(&previous, l).is_some()
                })
                .max_by_key(|(l, _)| l.len())
                .map(|(_, kind)| *kind);
        }
        let start = line.char_indices().rev().nth(40).map_or(0, |(i, _)| i);
        let window = line[start..].to_lowercase();
        self.any
            .find_overlapping_iter(&window)
            .filter(|m| is_whole_word(&window, m.start(), m.len()))
            .max_by_key(|m| (m.end(), m.len()))
            .map(|m| self.any_kinds[m.pattern().as_usize()])
    }
}

#[cfg(test)]
mod tests {
    use super::url_date;
    use crate::dates::DateContext;
    use proptest::prelude::*;

    fn day_in(url: &str) -> Option<String> {
        url_date(url, &DateContext::default()).map(|d| d.date.to_string())
    }

    #[test]
    fn reads_the_shapes_of_dates_in_addresses() {
        let want = Some("2017-07-12".to_string());
        assert_eq!(day_in("https://x.de/home/2017/7/12/unter-uns"), want);
        assert_eq!(day_in("https://x.com/world/2017/jul/12/story"), want);
        assert_eq!(day_in("/news/world/quake-strikes-coast-20170712"), want);
        assert_eq!(day_in("https://x.de/meldungen/12-07-2017"), want);
        assert_eq!(day_in("https://x.id/read/20170712/story.html"), want);
        // a year and a month are no day; a story id is no date
        assert_eq!(day_in("https://x.de/2019/10/new-shoes/"), None);
        assert_eq!(day_in("https://x.com/article/825076-vote"), None);
        assert_eq!(day_in("https://x.com/2017/foo/12/"), None);
    }

    proptest! {
        #[test]
        fn url_dates_never_panic(s in "\\PC{0,80}") {
            let _ = day_in(&s);
        }

        #[test]
        fn a_dated_path_gives_its_day(y in 1996i16..2024, m in 1i8..=12, d in 1i8..=28, zero in any::<bool>()) {
            let path = if zero {
                format!("https://example.com/{y}/{m:02}/{d:02}/slug")
            } else {
                format!("https://example.com/{y}/{m}/{d}/slug")
            };
            prop_assert_eq!(day_in(&path), Some(format!("{y}-{m:02}-{d:02}")));
        }
    }
}
