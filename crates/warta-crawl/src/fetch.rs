//! One HTTP request through `warta-fetch` (its address policy, caps and typed errors), as the
//! crawler needs it: the request and response heads and the body as sent, for the archive;
//! the status and headers, for politeness and validators. Redirects are not followed here: the
//! crawler follows each hop itself, so every hop is checked against robots.txt, waits its turn,
//! and is archived.

use url::Url;
use warta_fetch::{FetchConfig, FetchError, Fetcher as Unit};

#[derive(Debug)]
pub struct Exchange {
    /// The request line and headers, ending in the blank line.
    pub request_head: Vec<u8>,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The status line and headers, ending in the blank line.
    pub response_head: Vec<u8>,
    /// The body as sent (content coding kept; the extraction undoes it as `warta batch` does).
    pub wire_body: Vec<u8>,
    /// The body with its content coding undone.
    pub body: Vec<u8>,
}

impl Exchange {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub struct Fetcher {
    unit: Unit,
}

impl Fetcher {
    pub fn new(config: &FetchConfig) -> Fetcher {
        Fetcher {
            unit: Unit::new(FetchConfig {
                follow_redirects: false,
                ..config.clone()
            }),
        }
    }

    /// Sends one GET with `headers` added (validators).
    pub fn get(&self, url: &Url, headers: &[(&str, String)]) -> Result<Exchange, FetchError> {
        let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let response = self.unit.fetch_with(url.as_str(), &headers)?;
        let exchange = &response.final_exchange;
        Ok(Exchange {
            request_head: exchange.request_head(),
            status: exchange.status,
            headers: exchange.headers.clone(),
            response_head: exchange.response_head(),
            wire_body: response.wire_body().to_vec(),
            body: response.body,
        })
    }
}
