//! warta-crawl: follows news sites through robots.txt, sitemaps, feeds and section pages,
//! politely and incrementally, and hands every page to the same extraction `warta batch` runs.
//!
//! | part | module |
//! |---|---|
//! | URL normalisation (fragments, default ports, tracking parameters) | [`url_norm`] |
//! | robots.txt (allow rules, Crawl-delay, Sitemap lines) | [`robots`] |
//! | sitemaps, indexes, Google News sitemaps, gzip | [`sitemap`] |
//! | RSS, Atom, JSON Feed | [`feed`] |
//! | one HTTP request, archived as sent and received | [`fetch`] |
//! | what the crawl remembers between runs | [`state`] |
//! | the per-host crawl: order, delays, redirects, backoff, dedup | [`crawl`] |
//!
//! Which links of a page lead to articles is the extractor's call (`warta_core::links` and the
//! page type), not this crate's.

pub mod crawl;
pub mod feed;
pub mod fetch;
pub mod robots;
pub mod sitemap;
pub mod state;
pub mod url_norm;

pub use crawl::{run, Config, HostSummary, Summary, USER_AGENT};
