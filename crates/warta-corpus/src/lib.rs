//! warta-corpus: warta at corpus scale.
//!
//! Streams pages out of WARC/WET files (plain, gzip-per-record, zstd), directories, globs and
//! JSONL manifests; extracts them on every core with `warta_core::extract`; writes JSONL or a
//! directory of Markdown/text files in input order; resumes where a stopped run left off; marks
//! exact and near duplicates. Every page that cannot be read or extracted becomes an error
//! record: nothing is dropped silently.
//!
//! | part | module |
//! |---|---|
//! | WARC streams (reader, test/bench writer) | [`warc`] |
//! | HTTP responses inside WARC records | [`http`] |
//! | files, directories, globs, manifests, URLs | [`input`] |
//! | fetching URLs | the `warta-fetch` crate |
//! | one page → one record | [`page`] |
//! | fingerprints and duplicates | [`dedup`] |
//! | JSONL and directory outputs, resume | [`output`] |
//! | the parallel, ordered run | [`batch`] |

pub mod batch;
pub mod dedup;
pub mod http;
pub mod input;
pub mod output;
pub mod page;
pub mod warc;

pub use batch::{run, Config, Summary};
pub use dedup::Mode as DedupMode;
pub use input::{expand, Source};
pub use output::OutputFormat;
