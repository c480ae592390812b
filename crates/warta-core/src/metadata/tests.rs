//! Metadata over small pages written for the purpose: each checks one source or one trap.

use super::*;
use crate::article::{Person, Role};
use crate::dom;
use crate::options::Limits;

fn meta_of(html: &str, url: Option<&str>, reference: Option<&str>) -> Article {
    let (dom, _) = dom::parse(html, &Limits::default());
    let opts = Options {
        url: url.map(str::to_string),
        reference_time: reference.map(str::to_string),
        ..Options::default()
    };
    let mut a = Article::default();
    apply(extract(&dom, &opts), &mut a);
    a
}

fn meta(html: &str) -> Article {
    meta_of(html, None, None)
}

fn people(a: &Article) -> Vec<(&str, Role)> {
    a.authors
        .iter()
        .map(|p: &Person| (p.name.as_str(), p.role))
        .collect()
}

#[test]
fn reads_json_ld_graph_with_provenance() {
    let a = meta(
        r#"<html lang="en"><head><script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","name":"Daily Planet"},
          {"@type":"NewsArticle","headline":"Council approves new bridge",
           "datePublished":"2022-10-12T08:00:00-04:00","dateModified":"2022-10-13T09:00:00-04:00",
           "author":[{"@type":"Person","name":"Lois Lane"},{"@type":"Person","name":"Clark Kent"}],
           "publisher":{"@type":"Organization","name":"Daily Planet"}}]}
        </script><title>Council approves new bridge | Daily Planet</title></head>
        <body><h1>Council approves new bridge</h1></body></html>"#,
    );
    assert_eq!(a.title.as_deref(), Some("Council approves new bridge"));
    assert_eq!(a.published.as_deref(), Some("2022-10-12T08:00:00-04:00"));
    assert_eq!(a.modified.as_deref(), Some("2022-10-13T09:00:00-04:00"));
    assert_eq!(
        people(&a),
        [("Lois Lane", Role::Author), ("Clark Kent", Role::Author)]
    );
    assert_eq!(a.site_name.as_deref(), Some("Daily Planet"));
    assert_eq!(a.provenance["published"].source, "json-ld");
    assert_eq!(a.provenance["authors"].source, "json-ld");
}

#[test]
fn ignores_dates_in_scripts_and_copyright_lines() {
    let a = meta(
        r#"<html><head><script>var built = "2021-03-04T10:00:00Z";</script></head><body>
        <h1>A quiet day at the harbour</h1>
        <div class="byline">By Jane Doe</div>
        <p>Boats came and went.</p>
        <footer class="footer-date">© 2023 Harbour News. Updated 2023-01-01</footer>
        </body></html>"#,
    );
    assert_eq!(a.published, None);
}

#[test]
fn refuses_future_dates() {
    let a = meta_of(
        r#"<html><head><meta property="article:published_time" content="2030-01-01T00:00:00Z">
        <meta name="date" content="2022-10-11"></head><body><h1>Title here now</h1></body></html>"#,
        None,
        Some("2022-10-12T00:00:00Z"),
    );
    assert_eq!(a.published.as_deref(), Some("2022-10-11"));
}

#[test]
fn update_stamps_are_not_publication_dates() {
    let a = meta(
        r#"<html><body><h1>Storm hits the coast</h1>
        <div class="meta"><span>Updated: 14 October 2022</span></div>
        <div class="meta"><span>Published: 12 October 2022</span></div>
        <p>Text.</p></body></html>"#,
    );
    assert_eq!(a.published.as_deref(), Some("2022-10-12"));
    assert_eq!(a.modified.as_deref(), Some("2022-10-14"));
}

#[test]
fn an_update_label_on_its_own_line_names_the_date_below() {
    let a = meta(
        r#"<html><head><meta property="article:published_time" content="2016-02-25T23:48:16+00:00">
        </head><body><h1>Best camping hammocks</h1>
        <div><span>Last Updated:</span></div><div><span>April 1, 2025</span></div>
        <div>By <a href="/a">Jane Roe</a></div><p>Text.</p></body></html>"#,
    );
    assert_eq!(a.published.as_deref(), Some("2016-02-25T23:48:16+00:00"));
    assert_eq!(a.modified.as_deref(), Some("2025-04-01"));
}

#[test]
fn a_printed_day_the_markup_calls_the_update_is_not_the_publication() {
    let a = meta(
        r#"<html><head>
        <meta property="article:published_time" content="2022-01-03T16:52:00+00:00">
        <meta property="article:modified_time" content="2025-11-03T06:10:53+00:00">
        </head><body><h1>Tips for working from home</h1>
        <div>3 November 2025</div><div>Written by Jane Roe</div><p>Text.</p></body></html>"#,
    );
    assert_eq!(a.published.as_deref(), Some("2022-01-03T16:52:00+00:00"));
    // with its clock time, a printed stamp is the newsroom's own release time
    let b = meta(
        r#"<html><head>
        <meta property="article:published_time" content="2021-12-14T15:41:07+01:00">
        <meta property="article:modified_time" content="2022-02-04T15:33:00+01:00">
        </head><body><h1>Chip shortage goes on</h1>
        <div>04.02.2022, 15:33 Uhr</div><p>Text.</p></body></html>"#,
    );
    assert_eq!(b.published.as_deref().map(|d| &d[..10]), Some("2022-02-04"));
}

#[test]
fn a_members_join_date_is_not_the_publication() {
    // the poster's card sits between the headline and the post's own stamp
    let a = meta(
        r#"<html><body><h1>Which lens for night skies?</h1>
        <div class="poster">Jane Roe<br>Joined: 3 May 2011<br>Posts: 412</div>
        <div class="post">Posted 18 March 2020<p>Text.</p></div></body></html>"#,
    );
    assert_eq!(a.published.as_deref(), Some("2020-03-18"));
    // the same in German, the label and the date in elements of their own
    let b = meta(
        r#"<html lang="de"><body><h1>Welches Objektiv für Nachtaufnahmen?</h1>
        <dl><dt>Mitglied seit:</dt><dd><time datetime="2011-05-03">03.05.2011</time></dd></dl>
        <div class="date">18.03.2020</div><p>Text.</p></body></html>"#,
    );
    assert_eq!(b.published.as_deref(), Some("2020-03-18"));
    // a profile card whose stamp names the membership, the moment in a tooltip
    let c = meta(
        r#"<html><body><h1>Harbour views</h1>
        <span class="join-date" title="10:46 AM - 20 Mar 2007">Joined March 2007</span>
        <div>Posted 11 July 2020</div><p>Text.</p></body></html>"#,
    );
    assert_eq!(c.published.as_deref(), Some("2020-07-11"));
}

#[test]
fn a_date_inside_a_sentence_under_the_headline_is_news_not_a_stamp() {
    let a = meta(
        r#"<html><head><meta property="article:published_time" content="2025-03-01T16:35:52+00:00">
        </head><body><h1>The project changes hands</h1>
        <p>On 2 Dec 2024, I received this message from the new owner of the project:</p>
        <p>Text.</p></body></html>"#,
    );
    assert_eq!(a.published.as_deref(), Some("2025-03-01T16:35:52+00:00"));
    // a byline line with a name, a label and a time is still a stamp
    let b = meta(
        r#"<html><head><meta property="article:published_time" content="2025-03-01T16:35:52+00:00">
        </head><body><h1>The project changes hands</h1>
        <p>By Jane Roe, Harbour Desk | Published 3 March 2025, 10:00</p>
        <p>Text.</p></body></html>"#,
    );
    assert_eq!(b.published.as_deref().map(|d| &d[..10]), Some("2025-03-03"));
}

#[test]
fn a_media_page_is_dated_by_its_upload_meta() {
    let a = meta(
        r#"<html><head><meta property="gallery:uploaded" content="2013-02-16T04:36:36-05:00">
        </head><body><h1>Spring on the river</h1><p>A photo.</p></body></html>"#,
    );
    assert_eq!(a.published.as_deref(), Some("2013-02-16T04:36:36-05:00"));
}

#[test]
fn json_ld_with_a_stray_closing_brace_is_still_read() {
    let a = meta(
        r#"<html><head><script type="application/ld+json">
        {"@type":"NewsArticle","headline":"Grid chief tests positive",
         "datePublished":"2020-10-26T18:10:00+01:00"}
        }
        </script></head><body><h1>Grid chief tests positive</h1><p>Text.</p></body></html>"#,
    );
    assert_eq!(a.published.as_deref(), Some("2020-10-26T18:10:00+01:00"));
}

#[test]
fn a_first_date_far_below_the_headline_does_not_outrank_the_markup() {
    let body = "The new trainer is light and quick, and the sole gives back more than it takes. "
        .repeat(8);
    let page = |teaser_at_top: bool| {
        let teaser = "<div>31 May 2016</div>";
        let (top, bottom) = if teaser_at_top {
            (teaser, "")
        } else {
            ("", teaser)
        };
        format!(
            r#"<html><head><meta property="article:published_time" content="2019-10-01">
            </head><body><h1>A quick trainer</h1>{top}<p>{body}</p>{bottom}</body></html>"#
        )
    };
    // a teaser's date under a long body is not the story's stamp
    assert_eq!(meta(&page(false)).published.as_deref(), Some("2019-10-01"));
    // right under the headline, the printed stamp still wins
    assert_eq!(meta(&page(true)).published.as_deref(), Some("2016-05-31"));
}

#[test]
fn a_stamp_printed_right_above_the_headline_outranks_the_teasers_below() {
    let body =
        "The lanterns go up along the quay at dusk, and the choir sings until late. ".repeat(25);
    let page = |between: &str| {
        format!(
            r#"<html><body><div class="date">Festival, 30.10.23</div>{between}
            <h1>Lanterns on the quay</h1><p>{body}</p>
            <div class="date">13.10.2023</div><h2>Boat parade moves to Sunday</h2>
            <div class="date">08.10.2023</div><h2>New ferry timetable</h2>
            </body></html>"#
        )
    };
    // only a name between the stamp and the headline: the headline's own kicker line
    let kicker = meta(&page("<span>Ada Quill</span>"));
    assert_eq!(kicker.published.as_deref(), Some("2023-10-30"));
    // a menu between them: the stamp above belongs to another part of the page
    let menu = "<ul><li>Home</li><li>Harbour news</li><li>Events and festivals</li>\
                <li>Weather and tides</li></ul>";
    assert_eq!(meta(&page(menu)).published.as_deref(), Some("2023-10-13"));
}

#[test]
fn a_plain_stamp_line_right_above_the_headline_outranks_a_bare_date_tag() {
    let page = |kicker: &str| {
        format!(
            r#"<html><head><meta name="date" content="2020-02-12"></head><body>
            <p>{kicker}</p><h1>Fair supply chains</h1>
            <p>The youth groups plan a workshop on fair supply chains in the spring.</p>
            </body></html>"#
        )
    };
    // a line of its own above the headline, with no date class: the story's stamp
    let stamp = meta(&page("05.02.2020 10:16 - Regional league - Press office"));
    assert_eq!(stamp.published.as_deref(), Some("2020-02-05T10:16:00"));
    // a sentence above the headline is no stamp line: the markup's day stands
    let sentence = meta(&page(
        "On 05.02.2020 the youth groups met in the town hall to plan the spring workshop \
         on supply chains together with the regional office",
    ));
    assert_eq!(sentence.published.as_deref(), Some("2020-02-12"));
    // the banner's date strip (the reader's clock) ends right above the headline too, but
    // in another box than the headline's
    let banner = meta(
        r#"<html><head><meta name="date" content="2020-02-12"></head><body>
        <div class="top"><p>Home</p><p>Thursday, 13 Feb 2020 3PM 8°C</p></div>
        <div class="page"><div class="column"><div class="story"><h1>Fair supply chains</h1>
        <p>The youth groups plan a workshop on fair supply chains in the spring.</p>
        </div></div></div></body></html>"#,
    );
    assert_eq!(banner.published.as_deref(), Some("2020-02-12"));
}

#[test]
fn a_cms_submitted_line_below_the_body_is_the_stamp() {
    let body = "The camp ran workshops on open licences and a hackathon for the coin's wallet. "
        .repeat(25);
    let a = meta(&format!(
        r#"<html><body><h1>Hackathon at the summer camp</h1>
        <p>The next camp is planned for 26 August 2017 in the same hall by the river, with more tables.</p><p>{body}</p>
        <div class="submitted">Saved by <span>ana</span> at 24 July 2017 - 18:55</div>
        </body></html>"#
    ));
    assert_eq!(a.published.as_deref().map(|d| &d[..10]), Some("2017-07-24"));
}

#[test]
fn with_no_stamp_anywhere_a_labelled_date_in_the_text_beats_the_first_one() {
    let a = meta(
        r#"<html><body><div>Harbour rowing club, founded 3 March 2010</div>
        <div>Posted on 13 April 2023</div><div>The season opens on the first weekend of May.</div>
        </body></html>"#,
    );
    assert_eq!(a.published.as_deref(), Some("2023-04-13"));
}

#[test]
fn of_two_equally_trusted_declared_publication_dates_the_earlier_wins() {
    let a = meta(
        r#"<html><head><meta name="published-time" content="2024-03-09T08:45:32Z">
        <meta name="published-date" content="2021-02-16"></head>
        <body><h1>Tide tables explained</h1><p>Text.</p></body></html>"#,
    );
    assert_eq!(a.published.as_deref(), Some("2021-02-16"));
}

#[test]
fn a_date_beside_a_calendar_icon_is_a_stamp() {
    let a = meta(
        r#"<html><body><p>The ranger caught the poacher on 9 September 2019 near the river.</p>
        <div><img src="/icons/calendar_month.png" alt=""> 27 Sep 2016</div>
        </body></html>"#,
    );
    assert_eq!(a.published.as_deref(), Some("2016-09-27"));
}

#[test]
fn the_readers_clock_is_not_the_publication() {
    let a = meta(
        r#"<html><body><h1>What is free software?</h1>
        <p>It is currently 14 October 2020, 12:18</p>
        <p>by r23 » 21 January 2009, 05:42</p><p>Text.</p></body></html>"#,
    );
    assert_eq!(a.published.as_deref().map(|d| &d[..10]), Some("2009-01-21"));
}

#[test]
fn a_thread_is_dated_by_its_first_post() {
    let posts: String = ["2019-01-21", "2020-05-02", "2021-04-08"]
        .iter()
        .map(|d| {
            format!(r#"<div class="answer"><time itemprop="datePublished" datetime="{d}T10:00:00Z">x</time></div>"#)
        })
        .collect();
    let a = meta(&format!(
        r#"<html><body><h1>Why is a bare except bad?</h1>
        <div>Asked <time itemprop="dateCreated" datetime="2014-02-04T13:02:51Z">12 years ago</time></div>
        {posts}</body></html>"#
    ));
    assert_eq!(a.published.as_deref().map(|d| &d[..10]), Some("2014-02-04"));
}

#[test]
fn an_ambiguous_numeric_date_is_read_the_way_the_markup_agrees() {
    let a = meta(
        r#"<html lang="en"><head><script type="application/ld+json">
        {"@type":"Article","headline":"Renovation phases","datePublished":"2024-09-10T16:07:00Z"}
        </script></head><body><h1>Renovation phases</h1>
        <div>By Jane Roe</div><div>09.10.2024</div><p>Text.</p></body></html>"#,
    );
    assert_eq!(a.published.as_deref().map(|d| &d[..10]), Some("2024-09-10"));
}

#[test]
fn reads_byline_and_stamp_under_the_headline() {
    let a = meta(
        r#"<html lang="id"><body><h1>Perang Ukraina, Lavrov Ingatkan Lagi</h1>
        <div><span>Reporter</span></div><div><span>Tempo.co</span></div>
        <div>Rabu, 12 Oktober 2022 08:00 WIB</div>
        <p>TEMPO.CO, Jakarta - Menteri Luar Negeri Rusia Sergei Lavrov mengingatkan kembali.</p>
        </body></html>"#,
    );
    assert_eq!(a.published.as_deref(), Some("2022-10-12T08:00:00+07:00"));
    assert_eq!(people(&a), [("Tempo.co", Role::Reporter)]);
}

#[test]
fn commenters_are_not_authors() {
    let a = meta(
        r#"<html><body><h1>How to fix a bike chain</h1>
        <p>Article text that is long enough to matter here.</p>
        <div id="comments"><div class="comment"><span class="comment-author">Troll Person</span>
        <time datetime="2024-01-01T00:00:00Z">1 Jan</time><p>First!</p></div></div>
        </body></html>"#,
    );
    assert!(a.authors.is_empty(), "{:?}", a.authors);
    assert_eq!(a.published, None);
}

#[test]
fn a_consent_line_after_a_comma_is_no_byline() {
    // Regression: the part after the comma began with a space, so its opening "I" read as
    // the Polish joiner and "Acme's Privacy Notice" became the author.
    let a = meta(
        r#"<html><body><h1>How to write a help centre article</h1>
        <p>Article text that is long enough to matter here.</p>
        <form><p class="byline">By submitting, I agree to Acme's Privacy Notice.</p></form>
        </body></html>"#,
    );
    assert!(a.authors.is_empty(), "{:?}", a.authors);
}

#[test]
fn email_the_author_is_not_a_name() {
    let a = meta(
        r#"<html><body><h1>City budget passes after long debate</h1>
        <div class="author-info"><a href="mailto:x@example.com">Email the author</a></div>
        <div class="byline">By Sam Rivera</div></body></html>"#,
    );
    assert_eq!(people(&a), [("Sam Rivera", Role::Author)]);
}

#[test]
fn the_site_is_not_an_author_unless_alone() {
    let a = meta_of(
        r#"<html><head><meta property="og:site_name" content="Harbour News">
        <meta name="author" content="Harbour News"></head>
        <body><h1>Boats come and go all day</h1><div class="byline">By Ann Poe</div></body></html>"#,
        Some("https://harbour.example/2022/10/12/boats"),
        None,
    );
    assert_eq!(people(&a), [("Ann Poe", Role::Author)]);
    assert_eq!(a.published.as_deref(), Some("2022-10-12"));
    assert_eq!(a.provenance["published"].source, "url");
}

#[test]
fn a_heading_linking_to_the_front_page_is_the_site_not_the_headline() {
    let a = meta(
        r#"<html><head><title>Harbour wall to be rebuilt | Harbour News</title></head><body>
        <h1><a href="https://harbour.example">Harbour News Today</a></h1>
        <h3>Harbour wall to be rebuilt</h3><p>The council voted on Tuesday.</p></body></html>"#,
    );
    assert_eq!(a.title.as_deref(), Some("Harbour wall to be rebuilt"));
}

#[test]
fn title_loses_site_affixes_and_canonical_is_resolved() {
    let a = meta_of(
        r#"<html><head><title>Bridge reopens after repairs - Harbour News</title>
        <meta property="og:site_name" content="Harbour News">
        <link rel="canonical" href="/news/bridge"></head><body></body></html>"#,
        Some("https://harbour.example/x?y=1"),
        None,
    );
    assert_eq!(a.title.as_deref(), Some("Bridge reopens after repairs"));
    assert_eq!(
        a.canonical_url.as_deref(),
        Some("https://harbour.example/news/bridge")
    );
}

#[test]
fn a_canonical_link_among_other_rel_tokens_gives_the_url_date() {
    // Regression: the date reader matched `rel` to "canonical" whole, while the canonical
    // field took one token among others; both now read the same link.
    let a = meta(
        r#"<html><head><link rel="alternate Canonical" href="https://harbour.example/2021/05/04/ferry">
        </head><body><h1>The ferry runs again</h1></body></html>"#,
    );
    assert_eq!(
        a.canonical_url.as_deref(),
        Some("https://harbour.example/2021/05/04/ferry")
    );
    assert_eq!(a.published.as_deref(), Some("2021-05-04"));
    assert_eq!(a.provenance["published"].source, "url");
}

#[test]
fn dateline_and_wire_credit_come_out_of_the_lead() {
    let mut a = Article {
        blocks: vec![Block::Paragraph {
            text: "WASHINGTON (Reuters) - The Senate voted on Tuesday.".into(),
            links: vec![],
        }],
        ..Article::default()
    };
    apply(Metadata::default(), &mut a);
    assert_eq!(a.dateline.as_deref(), Some("Washington"));
    assert_eq!(a.sources, ["Reuters"]);
    assert!(
        matches!(&a.blocks[0], Block::Paragraph { text, .. } if text == "The Senate voted on Tuesday.")
    );
}

#[test]
fn declared_language_is_checked_against_the_text() {
    let body = "Der Bundestag hat am Dienstag über den Haushalt beraten. Die Abgeordneten stritten lange über die Ausgaben für Verkehr und Bildung, bevor sie abstimmten.";
    let html = r#"<html lang="en"><body><h1>Haushalt</h1></body></html>"#;
    let (dom, _) = dom::parse(html, &Limits::default());
    let mut a = Article {
        blocks: vec![Block::Paragraph {
            text: body.into(),
            links: vec![],
        }],
        ..Article::default()
    };
    apply(extract(&dom, &Options::default()), &mut a);
    assert_eq!(a.language.as_deref(), Some("de"));
    assert_eq!(a.provenance["language"].source, "detected");
}

#[test]
fn site_branding_goes_in_every_script() {
    let bare = |t: &str| strip_site_affix(t, None, &[]);
    // channel names chained by one separator, full-width bars or tight underscores
    assert_eq!(
        bare("新桥今日通车 居民欢迎 ｜新闻速报｜乐活｜电子报"),
        "新桥今日通车 居民欢迎"
    );
    assert_eq!(
        bare("港口大桥修复后重新开放_时政_本地站_新闻网"),
        "港口大桥修复后重新开放"
    );
    assert_eq!(
        bare("港口大桥修复后重新开放-《新闻网》"),
        "港口大桥修复后重新开放"
    );
    // a site's name before a spaced colon, or its domain before a dash
    assert_eq!(
        bare("HARBOUR DAILY : Bridge reopens after three months of repairs"),
        "Bridge reopens after three months of repairs"
    );
    assert_eq!(
        bare("harbour.example - Bridge reopens after three months of repairs"),
        "Bridge reopens after three months of repairs"
    );
    // a headline's own colon stays, and in a spaced script only the last short segment goes
    assert_eq!(
        bare("Mayor: the bridge reopens next week"),
        "Mayor: the bridge reopens next week"
    );
    assert_eq!(
        bare("Get your tests covered | Code | Jane Roe"),
        "Get your tests covered | Code"
    );
    assert_eq!(
        bare("图文-2011年度人物提名揭晓"),
        "图文-2011年度人物提名揭晓"
    );
    assert_eq!(bare("HERALD : Bridge reopens"), "Bridge reopens");
    assert_eq!(
        bare("Bridge reopens | harbour.example - live well, live long!"),
        "Bridge reopens"
    );
}

proptest::proptest! {
    #[test]
    fn never_panics_on_odd_text(s in "\\PC{0,60}") {
        let _ = people::tests_parse(&s);
        let _ = read_dateline(&s);
        let _ = wire_sources(&s);
        let _ = strip_site_affix(&s, Some("Site"), &["site".to_string()]);
    }

    #[test]
    fn never_panics_on_odd_pages(
        title in "\\PC{0,30}",
        byline in "\\PC{0,30}",
        stamp in "[0-9 İı./:年月日A-Za-zß-]{0,24}",
    ) {
        let html = format!(
            r#"<html><head><title>{title}</title><meta name="author" content="{byline}">
            <meta property="article:published_time" content="{stamp}"></head>
            <body><h1>{title}</h1><div class="byline">By {byline} · {stamp}</div>
            <p>{byline} - {title}</p></body></html>"#
        );
        let _ = meta(&html);
    }
}

#[test]
fn the_newsrooms_zone_beats_utc_for_the_same_instant() {
    let a = meta(
        r#"<html><head><script type="application/ld+json">
        [{"@type":"NewsArticle","headline":"Late night vote","datePublished":"2023-11-09T02:11:03Z"},
         {"@type":"VideoObject","uploadDate":"2023-11-08T21:11:03-05:00"}]
        </script></head><body><h1>Late night vote</h1></body></html>"#,
    );
    assert_eq!(a.published.as_deref(), Some("2023-11-08T21:11:03-05:00"));
    assert_eq!(a.provenance["published"].source, "json-ld");
}

#[test]
fn reads_the_stamp_behind_a_printed_age() {
    let a = meta(
        r#"<html><body><h1>Market opens higher today</h1>
        <span class="news-time" title="2020-09-20T14:20:02Z">3 hours ago</span>
        <p>Text.</p></body></html>"#,
    );
    assert_eq!(a.published.as_deref(), Some("2020-09-20T14:20:02+00:00"));
}

#[test]
fn a_heading_unrelated_to_the_declared_title_is_not_the_headline() {
    let a = meta(
        r#"<html><head><title>Base URL test</title></head><body>
        <h1>Lorem</h1><p>Lorem ipsum dolor sit amet.</p></body></html>"#,
    );
    assert_eq!(a.title.as_deref(), Some("Base URL test"));
}

#[test]
fn a_heading_that_is_the_title_prefix_is_the_site_name() {
    let a = meta(
        r#"<html><head><title>Quiet Circuits: Open flow for small logic chips</title>
        <meta property="og:title" content="Open flow for small logic chips"></head><body>
        <h1>Quiet Circuits</h1><h2>Open flow for small logic chips</h2><p>Text.</p></body></html>"#,
    );
    assert_eq!(a.title.as_deref(), Some("Open flow for small logic chips"));
    // a page titled "Heading — Site" keeps its heading
    let b = meta(
        r#"<html><head><title>Quickstart — Kettle Documentation (3.1.x)</title></head><body>
        <h1>Quickstart</h1><p>Text.</p></body></html>"#,
    );
    assert_eq!(b.title.as_deref(), Some("Quickstart"));
}

#[test]
fn reads_space_separated_meta_properties_and_dublin_core_first() {
    let a = meta(
        r#"<html><head><title>Title Element</title>
        <meta property="x:title dc:title" content="Declared title"></head><body>
        <h1>Test document heading</h1><p>Text.</p></body></html>"#,
    );
    assert_eq!(a.title.as_deref(), Some("Declared title"));
}

#[test]
fn an_application_name_that_repeats_the_title_is_no_brand() {
    let a = meta(
        r#"<html><head><title>Harbour reopens after storm</title>
        <meta name="application-name" content="Harbour reopens after storm">
        <meta property="og:title" content="Harbour reopens after storm"></head><body>
        <h1>Morning Show</h1><h1>Harbour reopens after storm</h1><p>Text.</p></body></html>"#,
    );
    assert_eq!(a.title.as_deref(), Some("Harbour reopens after storm"));
}

#[test]
fn a_title_that_is_only_the_site_name_is_skipped() {
    let a = meta(
        r#"<html><head><title>| Nuts &amp; Bolts Magazine</title>
        <meta property="og:site_name" content="Nuts and Bolts Magazine"></head><body>
        <h1>Electronic Gadgets</h1><p>Text.</p></body></html>"#,
    );
    assert_eq!(a.title.as_deref(), Some("Electronic Gadgets"));
}

#[test]
fn dublin_core_creator_comes_first_and_repeated_tags_count_once() {
    let a = meta(
        r#"<html><head><meta name="author" content="Site Desk">
        <meta property="x:creator dc:creator" content="Jane Roe"></head>
        <body><h1>Heading</h1><p>Text.</p></body></html>"#,
    );
    assert_eq!(people(&a), [("Jane Roe", Role::Author)]);
    let b = meta(
        r#"<html><head><meta name="author" content="Jane Roe"><meta name="author" content="Jane Roe">
        </head><body><h1>Heading</h1><p>Text.</p></body></html>"#,
    );
    assert_eq!(people(&b), [("Jane Roe", Role::Author)]);
}

#[test]
fn a_name_in_capitals_takes_the_case_another_source_gives() {
    let a = meta(
        r#"<html><head><meta name="author" content="Jane Roe"></head><body><h1>Heading</h1>
        <div itemprop="author" itemscope><span itemprop="name">JANE ROE</span></div>
        <p>Text.</p></body></html>"#,
    );
    assert_eq!(people(&a), [("Jane Roe", Role::Author)]);
}

#[test]
fn a_label_word_that_opens_a_phrase_is_part_of_the_name() {
    let a = meta(
        r#"<html><head><script type="application/ld+json">
        {"@type":"Article","headline":"Heading",
         "author":{"@type":"Organization","name":"Contributors to Open Atlas projects"}}
        </script></head><body><h1>Heading</h1>
        <div class="authority-control">Authority control</div><p>Text.</p></body></html>"#,
    );
    assert_eq!(
        people(&a),
        [("Contributors to Open Atlas projects", Role::Reporter)]
    );
}

#[test]
fn a_meta_date_repeated_for_every_post_dates_the_thread_by_its_first() {
    let posts: String = ["2024-01-03T11:23:42-05:00", "2024-01-15T01:13:51-05:00"]
        .iter()
        .chain(&["2024-09-26T01:50:27-04:00"])
        .map(|d| format!(r#"<div class="post"><meta itemprop="datePublished" content="{d}"><p>Reply.</p></div>"#))
        .collect();
    let a = meta(&format!(
        r#"<html><body><h1>Projector recommendations</h1>{posts}</body></html>"#
    ));
    assert_eq!(a.published.as_deref(), Some("2024-01-03T11:23:42-05:00"));
}

#[test]
fn a_printed_date_after_the_last_change_is_not_the_publication() {
    let a = meta(
        r#"<html><head><meta itemprop="dateModified" content="2023-12-11T09:31:35+00:00">
        </head><body><h1>Hybrid computing</h1><div>5 March 2026</div>
        <div class="post-date">9 March 2023</div><p>Text.</p></body></html>"#,
    );
    assert_eq!(a.published.as_deref(), Some("2023-03-09"));
}

#[test]
fn a_product_named_by_the_title_is_the_main_entity_and_one_in_a_collection_is_not() {
    let page = |title: &str| {
        format!(
            "<html><head><title>{title}</title><script type=application/ld+json>\
             {{\"@context\":\"https://schema.org\",\"@graph\":[{{\"@type\":\"WebSite\",\
             \"name\":\"Shop\"}},{{\"@type\":\"Product\",\"name\":\"Blue kettle™ 1.7 l\"}}]}}\
             </script></head><body><h1>{title}</h1></body></html>"
        )
    };
    let main_product = |html: &str| {
        let (dom, _) = dom::parse(html, &Limits::default());
        extract(&dom, &Options::default()).main_product
    };
    assert!(main_product(&page("Blue kettle 1.7 l – Shop")));
    assert!(!main_product(&page("Kettles")));
    assert!(!main_product(&page("Blue kettles")));
}

/// A page printing `stamp` under its headline, with `ld` as its JSON-LD article's fields.
fn stamped(ld: &str, stamp: &str) -> Article {
    meta(&format!(
        r#"<html><head><script type="application/ld+json">
        {{"@type":"NewsArticle","headline":"Harbour cranes return after the storm"{ld}}}
        </script></head><body><article><h1>Harbour cranes return after the storm</h1>
        <p class="meta">{stamp}</p>
        <p>The three cranes on the north quay were back at work on the morning after the storm, the
        port said, after engineers had checked every cable and the control cabins.</p>
        </article></body></html>"#
    ))
}

#[test]
fn a_printed_local_time_takes_its_zone_from_the_same_moment_in_utc() {
    let a = stamped(
        r#","datePublished":"2024-05-03T15:47:42.389Z""#,
        "3. Mai 2024, 17:47 Uhr",
    );
    assert_eq!(a.published.as_deref(), Some("2024-05-03T17:47:42+02:00"));
    assert!(a.provenance["published"]
        .source
        .contains("zone from json-ld"));
}

#[test]
fn a_printed_time_takes_the_offset_of_the_same_clock_time_in_the_markup() {
    let a = stamped(
        r#","datePublished":"2025-06-05T14:46:12+02:00""#,
        "June 5, 2025 14:46",
    );
    assert_eq!(a.published.as_deref(), Some("2025-06-05T14:46:12+02:00"));
}

#[test]
fn the_markup_wins_over_a_printed_time_of_another_moment_that_day() {
    // the printed time is the update's
    let a = stamped(
        r#","datePublished":"2025-10-25T12:10:35+02:00""#,
        "October 25, 2025 15:26",
    );
    assert_eq!(a.published.as_deref(), Some("2025-10-25T12:10:35+02:00"));
    // a printed zone name that is wrong for the season
    let a = stamped(
        r#","datePublished":"2025-10-23T15:50:00Z""#,
        "October 23, 2025 5:50 pm CET",
    );
    assert_eq!(a.published.as_deref(), Some("2025-10-23T15:50:00+00:00"));
}

#[test]
fn a_time_without_any_zone_on_the_page_stays_local_and_says_so() {
    let a = stamped("", "October 25, 2025 15:26");
    assert_eq!(a.published.as_deref(), Some("2025-10-25T15:26:00"));
    assert!(a.provenance["published"].source.contains("local time"));
}

#[test]
fn a_local_time_takes_the_offset_all_the_pages_stamps_share() {
    let a = stamped(
        r#","dateModified":"2025-10-26T09:00:00+07:00""#,
        "Sabtu, 25 Oktober 2025 15:26",
    );
    assert_eq!(a.published.as_deref(), Some("2025-10-25T15:26:00+07:00"));
    assert!(a.provenance["published"].source.contains("zone shared"));
}

#[test]
fn json_ld_names_given_in_parts_and_initials_after_names() {
    let a = stamped(
        r#","author":[{"@type":"Person","givenName":"Anna Giulia","familyName":"Fink"},
        {"@type":"Person","name":"Elena Oberholzer (obe)"},{"@type":"Person","name":"Corina Gall (cog.)"},{"@type":"Person","name":"Jan Roth (dpa)"}]"#,
        "",
    );
    assert_eq!(
        people(&a),
        [
            ("Anna Giulia Fink", Role::Author),
            ("Elena Oberholzer", Role::Author),
            ("Corina Gall", Role::Author),
            ("Jan Roth", Role::Author),
            ("dpa", Role::Author)
        ]
    );
}

#[test]
fn a_printed_role_label_outranks_the_markup_author() {
    let a = meta(
        r#"<html lang="id"><head><script type="application/ld+json">
        {"@type":"NewsArticle","headline":"Banjir rob rendam pesisir utara",
         "author":{"@type":"Person","name":"Rina Kusumawati"}}
        </script></head><body><article><h1>Banjir rob rendam pesisir utara</h1>
        <div>Reporter: Agus Salim Nugroho</div><div>Editor : Rina Kusumawati</div>
        <p>Ratusan rumah di tiga desa pesisir utara terendam banjir rob sejak Selasa malam setelah
        tanggul darurat di muara sungai jebol diterjang gelombang pasang.</p>
        </article></body></html>"#,
    );
    assert_eq!(
        people(&a),
        [
            ("Agus Salim Nugroho", Role::Reporter),
            ("Rina Kusumawati", Role::Editor)
        ]
    );
}

#[test]
fn reads_the_date_markers_portals_use() {
    let page = |head: &str, body: &str| {
        meta(&format!(
            "<html><head>{head}</head><body><h1>Ferry timetable changes for winter</h1>{body}\
             <p>The island ferry will run four times a day from November, the operator said.</p>\
             </body></html>"
        ))
    };
    let a = page(
        r#"<meta property="og:regDate" content="20221012080000">"#,
        "",
    );
    assert_eq!(a.published.as_deref(), Some("2022-10-12T08:00:00"));
    let a = page("", r#"<abbr data-utime="1665561600">Wednesday</abbr>"#);
    assert_eq!(a.published.as_deref(), Some("2022-10-12T08:00:00+00:00"));
    let a = page(
        r#"<link rel="canonical" href="https://example.com/2022/oct/12/ferry">"#,
        "",
    );
    assert_eq!(a.published.as_deref(), Some("2022-10-12"));
    let a = page("<title>Ferry timetable | 12.10.2022</title>", "");
    assert_eq!(a.published.as_deref(), Some("2022-10-12"));
    // a copyright year is no date, and neither is a date in an image's path
    let a = page(
        "<title>Ferry timetable</title>",
        r#"<img src="/img/2021/03/04/ferry.jpg"><footer>© 2019 Harbour Post</footer>"#,
    );
    assert_eq!(a.published, None);
}

#[test]
fn a_job_title_marked_inside_the_byline_is_not_part_of_the_name() {
    let a = meta(
        r#"<html><body><h1>Ten games to play this winter</h1>
        <div class="author"><a class="author-link" href="/author/ben-stone">Ben Stone</a>
        <div class="author-title">Games Editor</div></div>
        <p>Winter is the season for long games, and this year brought more of them than usual.</p>
        </body></html>"#,
    );
    assert_eq!(people(&a), [("Ben Stone", Role::Author)]);
}

#[test]
fn a_title_keeps_the_guillemet_that_closes_its_quote() {
    let a = meta(
        "<html><head><title>ΕΦΗΜΕΡΙΔΑ : Τα «αρχεία» της υπόθεσης «Λιμάνι»</title></head>\
         <body><p>Κείμενο.</p></body></html>",
    );
    assert_eq!(
        a.title.as_deref(),
        Some("Τα «αρχεία» της υπόθεσης «Λιμάνι»")
    );
}

#[test]
fn a_headline_printed_whole_in_a_plain_element_anchors_the_article() {
    let html = "<html><head><title>Paper : Harbour wall rebuilt after the storms</title></head>\
         <body><a href=/s>Harbour wall rebuilt after the storms</a>\
         <div><b>Harbour wall rebuilt after the storms</b></div><p>Text.</p></body></html>";
    let (dom, _) = dom::parse(html, &Limits::default());
    let m = extract(&dom, &Options::default());
    let h = m.headline_node.expect("a headline node");
    assert!(dom.is_tag(h, &local_name!("b")));
}

#[test]
fn the_part_of_a_title_the_page_prints_is_the_headline() {
    // The paper's name before the headline and two section names after it, none a known brand.
    let html = "<html><head><title>THE PAPER - Harbour wall rebuilt after the storms - news - \
         Coast</title></head><body><div class=section>news</div>\
         <div class=article_title>Harbour wall rebuilt after the storms</div>\
         <p>Text.</p></body></html>";
    let (dom, _) = dom::parse(html, &Limits::default());
    let m = extract(&dom, &Options::default());
    assert_eq!(
        m.fields.title.as_deref(),
        Some("Harbour wall rebuilt after the storms")
    );
    let h = m.headline_node.expect("a headline node");
    assert_eq!(dom.attr(h, "class"), Some("article_title"));
}

#[test]
fn a_title_of_only_the_sites_names_gives_way_to_the_printed_headline() {
    // No <h1>: the page prints its headline in a table cell whose class names it.
    let a = meta(
        r#"<html><head><title>The Harbour Times, harbourtimes.com</title>
        <meta property="og:site_name" content="The Harbour Times"></head><body>
        <table><tr><td class="nav"><a href="/">Front page</a></td></tr>
        <tr><td class="date">3 May 2012</td></tr>
        <tr><td class="title_xbig">Harbour wall to be rebuilt after storms</td></tr>
        <tr><td class="subtitle">Work starts in spring</td></tr>
        <tr><td><p>The council voted on Tuesday to rebuild the old harbour wall.</p></td></tr>
        </table></body></html>"#,
    );
    assert_eq!(
        a.title.as_deref(),
        Some("Harbour wall to be rebuilt after storms")
    );
    // A title with words of its own beside the site's name stays.
    let b = meta(
        r#"<html><head><title>Ferry news, harbourtimes.com</title>
        <meta property="og:site_name" content="The Harbour Times"></head><body>
        <div class="title">Harbour wall to be rebuilt after storms</div></body></html>"#,
    );
    assert_eq!(b.title.as_deref(), Some("Ferry news, harbourtimes.com"));
}
