//! `dump`: every page's whole article as JSON, in HTML mode and (for the text-mode sets) in
//! text mode on the flattened page. Two dumps from two builds diff line by line, which is how a
//! refactoring proves that it changed no output.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Result;
use serde_json::json;
use warta_core::InputKind;

use crate::flatten::flatten_html;
use crate::run::options_for;
use crate::{sets, textmode};

/// Writes one JSON line per page and mode to `out`: `{"set", "id", "mode", "article"}` (or
/// `"error"`). With `every`, only every n-th page of each set (a fixed sample for profiling).
pub fn run(
    bench: &Path,
    set_names: &[&str],
    limit: Option<usize>,
    every: usize,
    out: &Path,
) -> Result<usize> {
    let mut w = BufWriter::new(File::create(out)?);
    let mut lines = 0;
    for &set in set_names {
        let pages = sets::load(bench, set, limit)?;
        for page in pages.iter().step_by(every.max(1)) {
            let bytes = page.bytes()?;
            let opts = options_for(page);
            let html = warta_core::extract(&bytes, &opts);
            write_line(&mut w, set, &page.id, "html", html)?;
            lines += 1;
            if textmode::TEXTMODE_SETS.contains(&set) {
                let decoded = warta_core::internals::decode(&bytes, None);
                let flat = flatten_html(&decoded.text);
                let opts = options_for(page).with_input_kind(InputKind::Text);
                let text = warta_core::extract(flat.as_bytes(), &opts);
                write_line(&mut w, set, &page.id, "text", text)?;
                lines += 1;
            }
        }
    }
    w.flush()?;
    Ok(lines)
}

fn write_line(
    w: &mut impl Write,
    set: &str,
    id: &str,
    mode: &str,
    result: Result<warta_core::Article, warta_core::Error>,
) -> Result<()> {
    let line = match result {
        Ok(article) => json!({"set": set, "id": id, "mode": mode, "article": article}),
        Err(e) => json!({"set": set, "id": id, "mode": mode, "error": e.to_string()}),
    };
    writeln!(w, "{line}")?;
    Ok(())
}
