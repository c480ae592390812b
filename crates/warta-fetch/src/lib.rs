//! warta-fetch: the one fetch unit shared by `warta extract URL`, `warta batch`, the server and
//! the crawler. Blocking (ureq), no progress bar, no async.
//!
//! - [`Fetcher`] GETs a URL and follows its redirects itself, hop by hop, so that every hop is
//!   checked by the [`AddressPolicy`]: only `http`/`https`, ports 80 and 443, and no loopback,
//!   private, link-local, shared, multicast or reserved address, IPv4 or IPv6 (IPv4-mapped,
//!   NAT64 and 6to4 forms judged by the IPv4 they carry). The check runs on the URL (after the
//!   `url` crate has normalised decimal and octal IPv4 forms) and on every address a name
//!   resolves to, before connecting.
//! - Caps from [`FetchConfig`]: one time limit for the whole fetch, a redirect limit, a body size
//!   cap (as sent and once inflated), and optionally the media types accepted.
//! - A [`Response`] carries every status (304 and 4xx/5xx too: the caller decides), the final
//!   URL, the redirect [`Exchange`]s, all headers in order, and the body both inflated and as
//!   sent, so a crawler can write WARC `request`/`response` records from it.
//! - Failures are a typed [`FetchError`] with a stable [`FetchError::kind`].

mod decode;
mod error;
mod fetcher;
mod policy;
mod response;

pub use decode::{undo_coding, ACCEPTED_CODINGS};
pub use error::FetchError;
pub use fetcher::{FetchConfig, Fetcher, USER_AGENT};
pub use policy::{canonical, refused_range, AddressPolicy, Cidr, InvalidCidr};
pub use response::{media_type, Exchange, Header, Response};
