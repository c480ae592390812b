//! Empties the bodies of scripts, style sheets, inline drawings and comments before html5ever
//! reads the page.
//!
//! Half of a news page's bytes are JavaScript, CSS and SVG (29%, 12% and 8% on WCXB dev), and
//! the tokenizer walks every one of them although no later stage reads them. This pass finds
//! `<script>`, `<style>`, `<svg>` and `<math>` elements and comments with a small scanner
//! that follows the tokenizer's states where they matter (comments, quoted attribute values,
//! raw-text and RCDATA elements, foreign content) and copies the page without their bodies;
//! the elements and comments themselves stay. Scripts holding JSON-LD are kept whole: metadata
//! reads them. Attributes no stage reads go too: the tokenizer reads each attribute name a
//! character at a time, and a page has some 2,000 of them. So may the bodies of menus
//! ([`navigation`]). Where the scanner cannot be sure how the tokenizer goes on (a `<!--`
//! inside a script, which starts its escape states; an HTML element breaking out of an
//! `<svg>`), it stops skimming and passes the rest through.

use std::borrow::Cow;
use std::ops::Range;

use memchr::memmem;

use super::is_read_attribute;

mod navigation;

/// The page with the bodies of non-JSON-LD scripts, style sheets, `<svg>` and `<math>` left
/// out, and attributes no stage reads (see [`is_read_attribute`]), or the page itself when
/// there is nothing to leave out. With `navigation` set, the bodies of `<nav>` elements go too
/// where that leaves the rest of the tree as it is (see [`navigation`]).
pub(super) fn without_code(html: &str, navigation: bool) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut cuts: Vec<Range<usize>> = Vec::new();
    let mut foreign = Foreign::default();
    let mut menus = navigation::Menus::default();
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        match next_token(bytes, lt, &mut foreign, &mut cuts) {
            Ok((end, token)) => {
                if navigation {
                    menus.read(token, lt, end, &mut cuts);
                }
                at = end;
            }
            Err(Lost) => break,
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let cut_len: usize = cuts.iter().map(ExactSizeIterator::len).sum();
    let mut out = String::with_capacity(html.len() - cut_len);
    let mut copied_to = 0;
    for cut in cuts {
        // Every cut starts and ends next to ASCII markup, so on char boundaries.
        out.push_str(&html[copied_to..cut.start]);
        copied_to = cut.end;
    }
    out.push_str(&html[copied_to..]);
    Cow::Owned(out)
}

/// The scanner cannot be sure how the tokenizer reads what follows: the rest of the page is
/// passed through as it is.
struct Lost;

/// What the scanner read at a `<`, as far as [`navigation`] needs to know.
#[derive(Clone, Copy)]
enum Token<'a> {
    /// A start tag in HTML content, by name.
    Start(&'a [u8]),
    /// An end tag in HTML content, by name.
    End(&'a [u8]),
    /// A script holding JSON-LD, which metadata reads.
    JsonLd,
    /// Anything else: text, comments, and tags in or around foreign content.
    Other,
}

/// Reads what starts at the `<` at `lt`, adds what can go to `cuts` (in order), and returns
/// where the scan goes on, with what it read.
fn next_token<'a>(
    bytes: &'a [u8],
    lt: usize,
    foreign: &mut Foreign<'a>,
    cuts: &mut Vec<Range<usize>>,
) -> Result<(usize, Token<'a>), Lost> {
    let rest = &bytes[lt..];
    if rest.starts_with(b"<!--") {
        // The spec lets `<!-->` and `<!--->` close at once, hence the search from the second
        // dash; `--!>` closes a comment too, once it has begun.
        let dashes = lt + 2 + memmem::find(&bytes[lt + 2..], b"-->").ok_or(Lost)?;
        let (body_end, end) = match bytes
            .get(lt + 4..dashes)
            .and_then(|body| memmem::find(body, b"--!>"))
            .map(|i| lt + 4 + i)
        {
            Some(bang) => (bang, bang + 4),
            None => (dashes, dashes + 3),
        };
        // Comments become nodes no stage reads: their text can go.
        if body_end > lt + 4 {
            cuts.push(lt + 4..body_end);
        }
        return Ok((end, Token::Other));
    }
    if rest.starts_with(b"<![CDATA[") && foreign.is_open() {
        // A section in foreign content, a bogus comment in HTML; inside an integration point
        // it depends on the element around it, which the scanner does not track.
        let close = memmem::find(rest, b"]]>").filter(|_| foreign.is_active());
        return close.map(|i| (lt + i + 3, Token::Other)).ok_or(Lost);
    }
    let bogus_end_tag =
        rest.starts_with(b"</") && !rest.get(2).is_some_and(u8::is_ascii_alphabetic);
    if rest.starts_with(b"<!") || rest.starts_with(b"<?") || bogus_end_tag {
        let close = memchr::memchr(b'>', rest).ok_or(Lost)?;
        return Ok((lt + close + 1, Token::Other));
    }
    if rest.starts_with(b"</") {
        let tag = read_tag(bytes, lt + 2).ok_or(Lost)?;
        let token = if foreign.is_open() {
            Token::Other
        } else {
            Token::End(tag.name)
        };
        // Drawings and formulas: cleaning drops them whole, so their bodies can go too.
        if let Some(body_start) = foreign.end(tag.name)? {
            // the comments cut inside go with the body
            while cuts.last().is_some_and(|c| c.start >= body_start) {
                cuts.pop();
            }
            cuts.push(body_start..lt);
        }
        return Ok((tag.end, token));
    }
    if !rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
        return Ok((lt + 1, Token::Other));
    }
    let tag = read_tag(bytes, lt + 1).ok_or(Lost)?;
    if foreign.is_active() {
        foreign.start(&tag)?;
        return Ok((tag.end, Token::Other));
    }
    let token = if foreign.is_open() {
        Token::Other
    } else {
        Token::Start(tag.name)
    };
    foreign.html_start(&tag);
    cuts.extend(tag.unread.iter().cloned());
    match body_kind(tag.name) {
        Body::Markup => Ok((tag.end, token)),
        Body::Code => {
            let close = end_tag(bytes, tag.end, tag.name).ok_or(Lost)?;
            let is_script = tag.name.eq_ignore_ascii_case(b"script");
            // `<!--` in a script starts the tokenizer's escape states.
            if is_script && memmem::find(&bytes[tag.end..close], b"<!--").is_some() {
                return Err(Lost);
            }
            // `ld+json`, however its `+` is written (`ld&#x2B;json` is seen).
            let json_ld = is_script
                && contains_ignore_case(tag.attrs, b"ld")
                && contains_ignore_case(tag.attrs, b"json");
            if json_ld {
                return Ok((close, Token::JsonLd));
            }
            if close > tag.end {
                cuts.push(tag.end..close);
            }
            Ok((close, token))
        }
        Body::Text => Ok((end_tag(bytes, tag.end, tag.name).ok_or(Lost)?, token)),
        Body::Rest => Err(Lost),
    }
}

/// The open elements of foreign content (`<svg>`, `<math>`), as far as the scanner must know
/// them to tell where HTML resumes.
#[derive(Default)]
struct Foreign<'a> {
    /// Innermost last.
    open: Vec<Open<'a>>,
    /// Where the body of the outermost `<svg>` or `<math>` starts.
    body_start: usize,
}

struct Open<'a> {
    name: &'a [u8],
    kind: OpenKind,
}

#[derive(PartialEq)]
enum OpenKind {
    /// `<svg>` or `<math>` in HTML content.
    Root,
    Element,
    /// An element whose children are HTML again; `true` once it has any, after which the
    /// scanner cannot tell what its end tag closes.
    IntegrationPoint(bool),
}

impl<'a> Foreign<'a> {
    fn is_open(&self) -> bool {
        !self.open.is_empty()
    }

    /// Whether the current node is a foreign element (not an integration point).
    fn is_active(&self) -> bool {
        self.open
            .last()
            .is_some_and(|o| !matches!(o.kind, OpenKind::IntegrationPoint(_)))
    }

    /// A start tag read as HTML: `<svg>` and `<math>` open foreign content.
    fn html_start(&mut self, tag: &Tag<'a>) {
        if self.open.is_empty() {
            self.body_start = tag.end;
        }
        if let Some(Open {
            kind: OpenKind::IntegrationPoint(has_children),
            ..
        }) = self.open.last_mut()
        {
            *has_children = true;
        }
        if is_foreign_root(tag.name) && !tag.self_closing {
            self.open.push(Open {
                name: tag.name,
                kind: OpenKind::Root,
            });
        }
    }

    /// A start tag in foreign content, where every element is markup.
    fn start(&mut self, tag: &Tag<'a>) -> Result<(), Lost> {
        if breaks_out_of_foreign_content(tag.name) {
            return Err(Lost);
        }
        if !tag.self_closing {
            let root = self
                .open
                .iter()
                .rfind(|o| o.kind == OpenKind::Root)
                .map_or(&b""[..], |o| o.name);
            // An `<svg>` right inside MathML's `<annotation-xml>` starts SVG proper.
            let svg_in_annotation = tag.name.eq_ignore_ascii_case(b"svg")
                && self
                    .open
                    .last()
                    .is_some_and(|o| o.name.eq_ignore_ascii_case(b"annotation-xml"));
            let kind = if svg_in_annotation {
                OpenKind::Root
            } else if is_integration_point(root, tag.name) {
                OpenKind::IntegrationPoint(false)
            } else {
                OpenKind::Element
            };
            self.open.push(Open {
                name: tag.name,
                kind,
            });
        }
        Ok(())
    }

    /// An end tag: in foreign content it closes the nearest open element of its name; one
    /// that names none of them is HTML's business, which the scanner does not follow.
    /// Returns where the outermost foreign element's body started, if this closed it.
    fn end(&mut self, name: &[u8]) -> Result<Option<usize>, Lost> {
        let Some(last) = self.open.last() else {
            return Ok(None);
        };
        // Under HTML children of an integration point the end tag is HTML's: it never closes
        // past the integration point, but it may close that, which the scanner cannot tell.
        // Anywhere else the foreign rules apply, even with a bare integration point current.
        if last.kind == OpenKind::IntegrationPoint(true) {
            return if last.name.eq_ignore_ascii_case(name) {
                Err(Lost)
            } else {
                Ok(None)
            };
        }
        if name.eq_ignore_ascii_case(b"p") || name.eq_ignore_ascii_case(b"br") {
            return Err(Lost);
        }
        let segment = self
            .open
            .iter()
            .rposition(|o| o.kind == OpenKind::IntegrationPoint(true))
            .map_or(0, |i| i + 1);
        let matching = self.open[segment..]
            .iter()
            .rposition(|o| o.name.eq_ignore_ascii_case(name))
            .ok_or(Lost)?;
        self.open.truncate(segment + matching);
        Ok(self.open.is_empty().then_some(self.body_start))
    }
}

/// How the tokenizer reads what follows a start tag.
enum Body {
    /// Ordinary markup.
    Markup,
    /// Raw text no stage reads: script and style.
    Code,
    /// Raw text or RCDATA that ends only at its own end tag, read as text.
    Text,
    /// `<plaintext>`: the rest of the page is text.
    Rest,
}

fn body_kind(name: &[u8]) -> Body {
    const CODE: [&[u8]; 2] = [b"script", b"style"];
    const TEXT: [&[u8]; 6] = [
        b"textarea",
        b"title",
        b"xmp",
        b"iframe",
        b"noembed",
        b"noframes",
    ];
    if CODE.iter().any(|c| name.eq_ignore_ascii_case(c)) {
        Body::Code
    } else if TEXT.iter().any(|c| name.eq_ignore_ascii_case(c)) {
        Body::Text
    } else if name.eq_ignore_ascii_case(b"plaintext") {
        Body::Rest
    } else {
        Body::Markup
    }
}

/// `<svg>` and `<math>` switch to foreign content, where scripts and styles are markup.
fn is_foreign_root(name: &[u8]) -> bool {
    name.eq_ignore_ascii_case(b"svg") || name.eq_ignore_ascii_case(b"math")
}

/// Elements of foreign content (inside `root`, `svg` or `math`) whose children are parsed as
/// HTML again.
fn is_integration_point(root: &[u8], name: &[u8]) -> bool {
    const SVG: [&[u8]; 3] = [b"foreignobject", b"desc", b"title"];
    const MATH: [&[u8]; 5] = [b"mi", b"mo", b"mn", b"ms", b"mtext"];
    if root.eq_ignore_ascii_case(b"svg") {
        SVG.iter().any(|p| name.eq_ignore_ascii_case(p))
    } else {
        // `annotation-xml` is one only with some encodings; treating it as foreign
        // content is the safe side, where the scanner skims nothing.
        MATH.iter().any(|p| name.eq_ignore_ascii_case(p))
    }
}

/// HTML start tags that end foreign content (the spec's list in "parsing tokens in foreign
/// content").
fn breaks_out_of_foreign_content(name: &[u8]) -> bool {
    const BREAKOUT: [&[u8]; 44] = [
        b"b",
        b"big",
        b"blockquote",
        b"body",
        b"br",
        b"center",
        b"code",
        b"dd",
        b"div",
        b"dl",
        b"dt",
        b"em",
        b"embed",
        b"h1",
        b"h2",
        b"h3",
        b"h4",
        b"h5",
        b"h6",
        b"head",
        b"hr",
        b"i",
        b"img",
        b"li",
        b"listing",
        b"menu",
        b"meta",
        b"nobr",
        b"ol",
        b"p",
        b"pre",
        b"ruby",
        b"s",
        b"small",
        b"span",
        b"strong",
        b"strike",
        b"sub",
        b"sup",
        b"table",
        b"tt",
        b"u",
        b"ul",
        b"var",
    ];
    BREAKOUT.iter().any(|b| name.eq_ignore_ascii_case(b)) || name.eq_ignore_ascii_case(b"font")
}

struct Tag<'a> {
    name: &'a [u8],
    attrs: &'a [u8],
    self_closing: bool,
    /// Just past the closing `>`.
    end: usize,
    /// Attributes with a value that nothing reads, name to end of value.
    unread: Vec<Range<usize>>,
}

/// Where the scanner is inside a tag, after its name (the tokenizer's attribute states).
#[derive(PartialEq)]
enum InTag {
    /// Inside a name: `=` here expects a value.
    Name,
    /// Spaces after a name: `=` still expects a value.
    AfterName,
    /// Between attributes before any name: `=` here starts a name.
    BeforeName,
    /// After `=`: a quote opens a quoted value, anything else an unquoted one.
    BeforeValue,
    /// An unquoted value, which only a space or `>` ends.
    Unquoted,
}

/// Reads a tag whose name starts at `from`, up to its closing `>`, following the tokenizer:
/// a quote opens a value only right after `=`, and an unquoted value runs to a space or `>`.
fn read_tag(bytes: &[u8], from: usize) -> Option<Tag<'_>> {
    let name_len = bytes[from..]
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')?;
    let attrs_from = from + name_len;
    let mut state = InTag::BeforeName;
    let mut unread = Vec::new();
    // The current attribute's name, and whether it followed a value, the tag name or a `/`:
    // only then does cutting the attribute leave the tokenizer where it was (after a bare
    // name, a later `=` would bind to that name instead).
    let mut name = 0..0;
    let mut cuttable = false;
    let mut value_ends = |name: &Range<usize>, cuttable: bool, end: usize| {
        if cuttable && !is_read_attribute(&bytes[name.clone()]) {
            unread.push(name.start..end);
        }
    };
    let mut i = attrs_from;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'>' {
            if state == InTag::Unquoted {
                value_ends(&name, cuttable, i);
            }
            return Some(Tag {
                name: &bytes[from..attrs_from],
                attrs: &bytes[attrs_from..i],
                self_closing: state != InTag::Unquoted && i > attrs_from && bytes[i - 1] == b'/',
                end: i + 1,
                unread,
            });
        }
        let space = b.is_ascii_whitespace();
        let next = match state {
            InTag::BeforeValue if space => InTag::BeforeValue,
            InTag::BeforeValue if b == b'"' || b == b'\'' => {
                i += 1 + memchr::memchr(b, &bytes[i + 1..])?;
                value_ends(&name, cuttable, i + 1);
                InTag::BeforeName
            }
            InTag::BeforeValue => InTag::Unquoted,
            InTag::Unquoted if space => {
                value_ends(&name, cuttable, i);
                InTag::BeforeName
            }
            InTag::Unquoted => InTag::Unquoted,
            InTag::Name | InTag::AfterName if b == b'=' => InTag::BeforeValue,
            InTag::Name | InTag::AfterName if space => InTag::AfterName,
            InTag::BeforeName if space => InTag::BeforeName,
            _ if b == b'/' => InTag::BeforeName,
            _ => InTag::Name,
        };
        if next == InTag::Name && state != InTag::Name {
            name = i..i;
            // and not right after a `/`, which the cut could turn into `/>`
            cuttable = state == InTag::BeforeName && bytes[i - 1] != b'/';
        }
        if state == InTag::Name && next != InTag::Name {
            name.end = i;
        }
        state = next;
        i += 1;
    }
    None
}

/// Where the end tag `</name` that closes a raw-text body starting at `from` begins: the name
/// must be followed by a space, `/` or `>`, in any letter case.
fn end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(i) = memmem::find(&bytes[at..], b"</") {
        let start = at + i;
        let after = start + 2 + name.len();
        let named = bytes
            .get(start + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        if named
            && bytes
                .get(after)
                .is_some_and(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        {
            return Some(start);
        }
        at = start + 2;
    }
    None
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::ns;

    #[test]
    fn empties_scripts_and_styles() {
        let html = "<p>a</p><script src=x.js>var s = '<b>';</script><style>p{}</style><p>b</p>";
        assert_eq!(
            without_code(html, false),
            "<p>a</p><script src=x.js></script><style></style><p>b</p>"
        );
    }

    #[test]
    fn keeps_json_ld_whole() {
        let html = r#"<script type="application/LD+JSON">{"a":1}</script><script>x()</script>"#;
        assert_eq!(
            without_code(html, false),
            r#"<script type="application/LD+JSON">{"a":1}</script><script></script>"#
        );
        let escaped = r#"<script type="application/ld&#x2B;json">{"a":1}</script>"#;
        assert_eq!(without_code(escaped, false), escaped);
        let data = r#"<script type="application/json">{"a":1}</script>"#;
        assert_eq!(
            without_code(data, false),
            r#"<script type="application/json"></script>"#
        );
    }

    #[test]
    fn drops_attributes_nothing_reads() {
        let html = r#"<img class=a data-meta='{"b":">"}' data-src=x.jpg srcset="x 1x, y 2x" alt="A"><p data-k=1 ID=p>t</p>"#;
        assert_eq!(
            without_code(html, false),
            "<img class=a  data-src=x.jpg  ><p  ID=p>t</p>"
        );
    }

    #[test]
    fn empties_menus_that_close_in_order() {
        let html =
            "<nav class=top><ul><li><a href=/>Home</a><li><a href=/n>News</a></ul></nav><p>x</p>";
        assert_eq!(without_code(html, true), "<nav class=top></nav><p>x</p>");
        let nested = "<NAV><nav>a</nav><p>b</nav>c";
        assert_eq!(without_code(nested, true), "<NAV></nav>c");
        let search = "<nav><form action=/s><input name=q></form><template><li>t</template></nav>";
        assert_eq!(without_code(search, true), "<nav></nav>");
        assert_eq!(without_code(html, false), html);
    }

    #[test]
    fn keeps_menus_that_reach_outside() {
        for html in [
            // an end tag of an element opened before the menu
            "<div><nav><a>x</a></div></nav>",
            // a formatting element left open, which the tree builder carries on after it
            "<nav><b>x</nav>y",
            // a form in a menu inside another form ends the outer one
            "<form><nav><form><input></form></nav><input></form>",
            // metadata reads JSON-LD
            r#"<nav><script type="application/ld+json">{}</script></nav>"#,
            // a link opened before the menu is closed by the first link in it
            "<a href=/><nav><a href=/x>x</a></nav>y",
            // a second heading end tag reaches a heading around the menu
            "<h2><nav><h3>x</h3></h3></nav></h2>",
        ] {
            assert_eq!(without_code(html, true), html, "{html}");
        }
        // nested deeper than menus go, where following the tags would cost time
        let deep = format!("<nav>{}{}</nav>", "<div>".repeat(200), "</div>".repeat(200));
        assert_eq!(without_code(&deep, true), deep);
    }

    #[test]
    fn the_tree_around_a_menu_is_the_same_without_its_body() {
        for html in [
            "<a href=/><nav><a href=/x>x</a></nav>y",
            "<li><nav><li>x<li>y</li></li></nav>z",
            "<h2><nav><h2>x<h3>y</h3></h2></nav>z",
            "<div><nav><p>x<div>y</div></p></nav>z</div>",
            "<button><nav><button>x</button></nav>z",
            "<form><nav><form>x</form></nav><input></form>",
        ] {
            let skimmed = without_code(html, true);
            assert_eq!(
                outline(html, true),
                outline(&skimmed, true),
                "{html} → {skimmed}"
            );
        }
    }

    #[test]
    fn leaves_pages_without_code_borrowed() {
        assert!(matches!(
            without_code("<p>plain</p>", false),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_script_tag_inside_a_comment_attribute_or_textarea_is_text() {
        assert_eq!(
            without_code("<!-- <script> --><p>kept</p>", false),
            "<!----><p>kept</p>"
        );
        for html in [
            "<a title='<script>'>kept</a>",
            "<textarea><script></textarea><p>kept</p>",
            "<title><style></title><p>kept</p>",
            "<a rel = '<script>'>kept</a>",
            "<a href=x'<script>>kept</a>",
        ] {
            assert_eq!(without_code(html, false), html, "{html}");
        }
    }

    #[test]
    fn empties_comments_up_to_where_the_tokenizer_ends_them() {
        let html = "<p>a<!-- x -->b<!--[if IE]><p>old</p><![endif]--></p>";
        assert_eq!(without_code(html, false), "<p>a<!---->b<!----></p>");
        // `--!>` ends a comment as `-->` does; `<!-->` and `<!--->` end it at once.
        let bang = "<!-- x --!><p>kept</p><!-- y -->";
        assert_eq!(without_code(bang, false), "<!----!><p>kept</p><!---->");
        for abrupt in ["<!--><p>kept</p>", "<!---><p>kept</p>", "<!--!><p>kept-->"] {
            let expected = abrupt.replace("!><p>kept-->", "-->");
            assert_eq!(without_code(abrupt, false), expected, "{abrupt}");
        }
    }

    #[test]
    fn the_end_tag_needs_a_delimiter_after_its_name() {
        let html = "<script>a</scripts>b</SCRIPT ><p>c</p>";
        assert_eq!(without_code(html, false), "<script></SCRIPT ><p>c</p>");
    }

    #[test]
    fn stops_at_an_escaped_script() {
        let html = "<script><!-- document.write('<script></script>') --></script><style>x</style>";
        assert_eq!(without_code(html, false), html);
    }

    #[test]
    fn empties_drawings_whose_end_is_certain() {
        let html = "<svg class='icon'><title>Share</title><path d='M0 0'/></svg><p>x</p>";
        assert_eq!(
            without_code(html, false),
            "<svg class='icon'></svg><p>x</p>"
        );
        // `<p>` leaves foreign content: the scanner stops and keeps the rest.
        let broken = "<svg><p>text</p></svg><style>b</style>";
        assert_eq!(without_code(broken, false), broken);
    }

    #[test]
    fn scripts_in_foreign_content_are_markup() {
        let html = "<svg><style>a</style><script/></svg><style>b</style>";
        assert_eq!(without_code(html, false), "<svg></svg><style></style>");
        let commented = "<svg><!-- icon --><path/></svg><!-- end -->";
        assert_eq!(without_code(commented, false), "<svg></svg><!---->");
    }

    #[test]
    fn unterminated_constructs_pass_through() {
        for html in ["<script>never closed", "<!-- open", "<a title='x", "<p"] {
            assert_eq!(without_code(html, false), html, "{html}");
        }
    }

    /// The tree as a string, leaving out the text of scripts and style sheets and what is
    /// inside foreign elements.
    fn outline(html: &str, without_navigation: bool) -> String {
        use crate::dom::{parse_with, DOCUMENT};
        let (dom, _) = parse_with(html, &crate::options::Limits::default(), false);
        let mut out = String::new();
        for n in dom.descendants(DOCUMENT) {
            let in_foreign = dom
                .ancestors(n)
                .any(|a| dom.element(a).is_some_and(|e| e.name.ns != ns!(html)));
            let in_navigation = without_navigation
                && dom
                    .ancestors(n)
                    .any(|a| dom.is_tag(a, &html5ever::local_name!("nav")));
            if in_foreign || in_navigation {
                continue;
            }
            let depth = dom.ancestors(n).count();
            if let Some(e) = dom.element(n) {
                let attrs: Vec<String> = e
                    .attrs
                    .iter()
                    .filter(|a| is_read_attribute(a.name.local.as_bytes()))
                    .map(|a| format!("{}={}", a.name.local, a.value))
                    .collect();
                out += &format!(
                    "{depth}<{:?}:{} {}>",
                    e.name.ns,
                    e.name.local,
                    attrs.join(" ")
                );
            } else if let Some(t) = dom.text(n) {
                let in_code = dom
                    .parent(n)
                    .and_then(|p| dom.tag(p))
                    .is_some_and(|t| matches!(&**t, "script" | "style"));
                if !in_code {
                    out += &format!("{depth}{t:?}");
                }
            }
        }
        out
    }

    proptest::proptest! {
        /// Skimming never changes the tree html5ever builds, only the code it holds.
        #[test]
        fn skimming_keeps_the_tree(parts in proptest::collection::vec(proptest::sample::select(vec![
            "<script>", "</script>", "<script type=application/ld+json>", "<SCRIPT/>",
            "<style>", "</style >", "<!--", "-->", "<!-->", "--!>", "-", "!", "<svg>", "</svg>", "<math>",
            "<textarea>", "</textarea>", "<foreignObject>", "</foreignObject>", "<mi>", "</mi>", "<desc>", "<annotation-xml encoding=text/html>", "<title>", "</title>", "<iframe>", "</iframe>",
            "<plaintext>", "<![CDATA[", "]]>", "<!doctype html>", "<?x>", "<p>", "</p>",
            "<b>", "<a href=", "title='", "\"", "'", "=", ">", "/>", "<", "</", "x", " ",
            "<table>", "<td>", "<img data-x=", "<p srcset='", " data-src=", " data-", "<b data-y ", "<svg/", "/data-z=1", " = ", "= ", " =", "<a b", "/", "<select>", "<noscript>", "</noscript>", "é", "\n",
        ]), 0..40)) {
            let html: String = parts.concat();
            let skimmed = without_code(&html, false);
            proptest::prop_assert_eq!(outline(&html, false), outline(&skimmed, false), "skimmed: {}", skimmed);
        }

        /// Emptying menus never changes the tree outside them.
        #[test]
        fn emptying_menus_keeps_the_tree_around_them(parts in proptest::collection::vec(proptest::sample::select(vec![
            "<nav>", "</nav>", "<NAV class=m>", "<nav/>", "<a href=x>", "</a>", "<b>", "</b>", "<i>", "</i>", "<nobr>", "</nobr>",
            "<li>", "</li>", "<ul>", "</ul>", "<ol>", "</ol>", "<dl>", "<dd>", "<dt>", "</dd>", "</dt>", "<div>", "</div>",
            "<p>", "</p>", "<span>", "</span>", "<h2>", "</h2>", "<h3>", "</h3>", "<button>", "</button>", "<form>", "</form>",
            "<table>", "<tr>", "<td>", "</td>", "</table>", "<select>", "<option>", "</select>", "<section>", "</section>",
            "<header>", "</header>", "<br>", "</br>", "<img src=x>", "<svg>", "</svg>", "<foreignObject>", "<script>", "</script>",
            "<script type=application/ld+json>", "<textarea>", "</textarea>", "<template>", "</template>", "<body>", "</body>",
            "<noscript>", "</noscript>", "<ruby>", "<rt>", "<!--", "-->", "<object>", "</object>", "<!doctype html>", "x", " ",
        ]), 0..40)) {
            let html: String = parts.concat();
            let skimmed = without_code(&html, true);
            proptest::prop_assert_eq!(outline(&html, true), outline(&skimmed, true), "skimmed: {}", skimmed);
        }
    }
}
