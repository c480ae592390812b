//! No input may panic the engine or take it down: arbitrary bytes, hostile HTML, huge and
//! deeply nested pages. Run the slow sweep over the shared benchmark pages with
//! `cargo test --release -p warta-core --test robustness -- --ignored --nocapture`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use warta_core::{extract, Error, InputKind, Limits, Options};

/// The default stack of a spawned thread; extraction must fit in it.
const DEFAULT_THREAD_STACK: usize = 2 * 1024 * 1024;

/// Runs one extraction on a fresh thread with the default stack, so deep recursion shows up
/// as a failed test instead of depending on the test harness's stack size.
fn extract_on_small_stack(input: Vec<u8>, opts: Options) -> Result<warta_core::Article, Error> {
    std::thread::Builder::new()
        .stack_size(DEFAULT_THREAD_STACK)
        .spawn(move || extract(&input, &opts))
        .expect("spawn extraction thread")
        .join()
        .expect("extraction panicked or overflowed its stack")
}

fn all_input_kinds() -> [Options; 3] {
    [InputKind::Auto, InputKind::Html, InputKind::Text]
        .map(|input_kind| Options::default().with_input_kind(input_kind))
}

/// Pieces that exercise the tokenizer, tree builder and our own stages in odd combinations.
fn html_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<div>".to_string()),
        Just("</div>".to_string()),
        Just("<p class=\"lead baca-juga\">".to_string()),
        Just("</p>".to_string()),
        Just("<a href=\"/x?a=1&b=2\">".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("<ul><li>".to_string()),
        Just("<pre><code>".to_string()),
        Just("<h1>".to_string()),
        Just("<figure><img src=x><figcaption>".to_string()),
        Just("<blockquote>".to_string()),
        Just("<b><i><u>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just(
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":\""
                .to_string()
        ),
        Just("<meta property=\"article:published_time\" content=\"".to_string()),
        Just("<time datetime=\"2022-13-45T99:99\">".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<![CDATA[".to_string()),
        Just("<svg><math><template>".to_string()),
        Just("&amp;&#0;&#x110000;&#xD800;&bogus;&".to_string()),
        Just("\0".to_string()),
        Just("\u{feff}\u{202e}\u{fffd}".to_string()),
        Just("Baca juga: ".to_string()),
        Just("Penulis: Nama Orang | Editor: ".to_string()),
        Just("Rabu, 12 Oktober 2022 08:00 WIB".to_string()),
        Just("KOTA.CO, Jakarta - ".to_string()),
        Just("\n\n".to_string()),
        "[a-zA-Z ,.]{0,40}",
        "\\PC{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        for opts in all_input_kinds() {
            let _ = extract(&bytes, &opts);
        }
    }

    #[test]
    fn html_fragments_never_panic(parts in proptest::collection::vec(html_fragment(), 0..200)) {
        let page = parts.concat();
        for opts in all_input_kinds() {
            let _ = extract(page.as_bytes(), &opts);
        }
    }

    #[test]
    fn html_fragments_with_invalid_utf8_never_panic(
        parts in proptest::collection::vec(html_fragment(), 0..100),
        junk in proptest::collection::vec(any::<u8>(), 1..64),
        at in any::<prop::sample::Index>(),
    ) {
        let mut page = parts.concat().into_bytes();
        let cut = at.index(page.len() + 1);
        page.splice(cut..cut, junk);
        let _ = extract(&page, &Options::default());
    }
}

proptest! {
    // Deep pages are slower to build and read: fewer cases.
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn deep_unclosed_nesting_never_panics(
        open in prop::sample::select(vec!["<div>", "<span>", "<b>", "<li>", "<td>", "<blockquote>", "<div><p>"]),
        depth in 1usize..4000,
        close in any::<bool>(),
    ) {
        let mut page = open.repeat(depth);
        page.push_str("<p>Teks di dasar pohon yang sangat dalam.</p>");
        if close {
            page.push_str(&"</div>".repeat(depth));
        }
        let _ = extract_on_small_stack(page.into_bytes(), Options::default());
    }
}

/// A page whose body is `depth` nested divs, with prose outside and at the bottom.
fn nested_divs(depth: usize) -> Vec<u8> {
    let mut page =
        String::from("<html><body><p>Paragraf pembuka yang berada di luar tumpukan.</p>");
    page.push_str(&"<div>".repeat(depth));
    page.push_str("<p>Paragraf di dasar tumpukan.</p>");
    page.push_str(&"</div>".repeat(depth));
    page.push_str("</body></html>");
    page.into_bytes()
}

fn assert_deep_page_is_cut_with_a_warning(depth: usize) {
    let started = Instant::now();
    let article = extract_on_small_stack(nested_divs(depth), Options::default())
        .expect("a deep page is still a page");
    eprintln!("{depth} nested divs read in {:?}", started.elapsed());
    assert!(
        !article.warnings.is_empty(),
        "cutting a {depth}-deep tree should leave a warning"
    );
}

#[test]
fn ten_thousand_nested_divs_fit_in_a_default_stack() {
    assert_deep_page_is_cut_with_a_warning(10_000);
}

/// Tree building is quadratic in the depth of open elements (scope checks walk the stack):
/// about 9 s in release, a minute in debug.
#[test]
#[ignore = "slow in debug builds; run with --release -- --ignored"]
fn fifty_thousand_nested_divs_fit_in_a_default_stack() {
    assert_deep_page_is_cut_with_a_warning(50_000);
}

#[test]
fn fifty_thousand_unclosed_formatting_tags_fit_in_a_default_stack() {
    let mut page = String::from("<p>Awal.</p>");
    page.push_str(&"<b><i>".repeat(25_000));
    page.push_str("teks");
    let started = Instant::now();
    let _ = extract_on_small_stack(page.into_bytes(), Options::default());
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "formatting-element reconstruction went quadratic: {:?}",
        started.elapsed()
    );
}

fn long_page(bytes: usize) -> Vec<u8> {
    let paragraph = "<p>Kalimat panjang yang diulang-ulang untuk membuat halaman yang sangat besar sekali.</p>\n";
    let mut page = String::from("<html><head><title>Halaman besar</title></head><body><article>");
    while page.len() < bytes {
        page.push_str(paragraph);
    }
    page.push_str("</article></body></html>");
    page.into_bytes()
}

#[test]
fn oversized_input_is_truncated_with_a_warning() {
    let mut limits = Limits::default();
    limits.max_input_bytes = 64 * 1024;
    let opts = Options::default().with_limits(limits);
    let article = extract(&long_page(256 * 1024), &opts).expect("a long page is a page");
    assert!(
        article
            .warnings
            .iter()
            .any(|w| w.code() == "input-truncated"),
        "warnings: {:?}",
        article.warnings
    );
    assert!(article.text.contains("Kalimat panjang"));
    assert!(
        article.text.len() <= 64 * 1024,
        "{} bytes of text",
        article.text.len()
    );
}

#[test]
#[ignore = "slow in debug builds; run with --release -- --ignored"]
fn twenty_megabyte_page_is_truncated_by_the_default_limit() {
    let started = Instant::now();
    let article =
        extract(&long_page(20 * 1024 * 1024), &Options::default()).expect("a long page is a page");
    assert!(
        article
            .warnings
            .iter()
            .any(|w| w.code() == "input-truncated"),
        "warnings: {:?}",
        article.warnings
    );
    eprintln!("20 MB page read in {:?}", started.elapsed());
}

#[test]
fn empty_input_is_a_typed_error() {
    for opts in all_input_kinds() {
        assert!(matches!(extract(b"", &opts), Err(Error::EmptyInput)));
    }
}

#[test]
fn binary_garbage_is_an_error_not_a_panic() {
    // A PNG signature followed by bytes of every value, as a mis-labelled image would be.
    let mut garbage = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    garbage.extend((0..8192u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let result = extract(&garbage, &Options::default());
    assert!(
        matches!(result, Err(Error::NotAPage(_))),
        "binary data was read as a page: {result:?}"
    );
}

#[test]
fn nul_bytes_and_lone_markup_do_not_panic() {
    for input in [
        &b"\0"[..],
        b"\0\0\0\0<p>\0</p>",
        b"<",
        b"<!",
        b"</",
        b"<html",
        b"&",
        b"&#",
        b"\xff\xfe<\0p\0>\0",
        b"\xef\xbb\xbf",
        b"   \n\t  ",
    ] {
        for opts in all_input_kinds() {
            let _ = extract(input, &opts);
        }
    }
}

// ---- the sweep over the shared benchmark pages ----

/// `shared/bench` next to the repository or one of its ancestors (a git worktree sits one
/// level deeper than the main checkout).
fn bench_dir() -> Option<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|dir| dir.join("shared/bench"))
        .find(|dir| dir.is_dir())
}

fn pages_under(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            pages_under(&path, found);
        } else if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".html") || n.ends_with(".htm") || n.ends_with(".gz"))
        {
            found.push(path);
        }
    }
}

fn read_page(path: &Path) -> std::io::Result<Vec<u8>> {
    let raw = std::fs::read(path)?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        return Ok(out);
    }
    Ok(raw)
}

#[test]
#[ignore = "reads every benchmark page; run with --release -- --ignored"]
fn every_benchmark_page_extracts_without_panic() {
    let Some(dir) = bench_dir() else {
        eprintln!("skipped: no shared/bench next to the repository or its ancestors");
        return;
    };
    let mut pages = Vec::new();
    pages_under(&dir, &mut pages);
    pages.sort();

    let mut panics = Vec::new();
    let mut errors = std::collections::BTreeMap::<&str, usize>::new();
    let mut slowest = (Duration::ZERO, PathBuf::new());
    let started = Instant::now();
    for path in &pages {
        let bytes = read_page(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let page_started = Instant::now();
        let outcome = std::panic::catch_unwind(|| extract(&bytes, &Options::default()));
        let took = page_started.elapsed();
        if took > slowest.0 {
            slowest = (took, path.clone());
        }
        match outcome {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => *errors.entry(e.kind()).or_default() += 1,
            Err(_) => panics.push(path.display().to_string()),
        }
    }
    eprintln!(
        "{} pages in {:?}; errors by kind: {errors:?}; slowest {:?} ({})",
        pages.len(),
        started.elapsed(),
        slowest.0,
        slowest.1.display()
    );
    assert!(panics.is_empty(), "panicked on: {panics:#?}");
}
