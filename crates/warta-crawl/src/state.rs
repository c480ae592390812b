//! The crawl's memory between runs, in one redb file under `--state DIR`: every URL seen, what
//! it is, whether it is done, its validators (ETag, Last-Modified) and the date the site last
//! listed for it; for discovery documents (robots.txt, sitemaps, feeds, listings), their last
//! body, so a `304 Not Modified` can be read again. Every page's record is committed after its
//! output line and WARC records are written, so a stopped run loses nothing and the next one
//! goes on from there.

use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use redb::{Database, Durability, ReadableTable, TableDefinition};
use serde::{Deserialize, Serialize};

const URLS: TableDefinition<&str, &[u8]> = TableDefinition::new("urls");
const BODIES: TableDefinition<&str, &[u8]> = TableDefinition::new("bodies");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Robots,
    Sitemap,
    Feed,
    /// A page not typed yet, or an article (or anything else but a listing).
    Page,
    /// A page the extractor typed a listing: read again on every run, conditionally.
    Listing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Found, not fetched yet.
    Pending,
    Done,
    Failed,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UrlRecord {
    pub kind: Kind,
    pub status: Status,
    /// How many listing pages away from a seed (pagination depth).
    pub depth: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// The date a sitemap or feed gave the URL when it was fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listed: Option<String>,
}

impl UrlRecord {
    pub fn pending(kind: Kind, depth: u32, listed: Option<String>) -> UrlRecord {
        UrlRecord {
            kind,
            status: Status::Pending,
            depth,
            etag: None,
            last_modified: None,
            listed,
        }
    }
}

/// How often a commit is made durable. The commits between are visible to this process but
/// not yet in the file's header: the end of a run syncs them, a process killed outright loses
/// at most this much (its pages are fetched again). A sync per page cost more time than the
/// pages' extraction.
const SYNC_EVERY: Duration = Duration::from_secs(1);

/// The state store: redb on disk, or nothing (every run starts afresh).
pub struct Store {
    db: Option<Database>,
    last_sync: Mutex<Instant>,
}

impl Store {
    pub fn open(dir: Option<&Path>) -> Result<Store, String> {
        let Some(dir) = dir else {
            return Ok(Store {
                db: None,
                last_sync: Mutex::new(Instant::now()),
            });
        };
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let path = dir.join("crawl.redb");
        let db = Database::create(&path)
            .map_err(|e| format!("cannot open the state in {}: {e}", path.display()))?;
        let store = Store {
            db: Some(db),
            last_sync: Mutex::new(Instant::now()),
        };
        store.write(|_| Ok(()))?;
        Ok(store)
    }

    pub fn get(&self, url: &str) -> Option<UrlRecord> {
        let db = self.db.as_ref()?;
        let read = db.begin_read().ok()?;
        let table = read.open_table(URLS).ok()?;
        let value = table.get(url).ok()??;
        serde_json::from_slice(value.value()).ok()
    }

    pub fn body(&self, url: &str) -> Option<Vec<u8>> {
        let db = self.db.as_ref()?;
        let read = db.begin_read().ok()?;
        let table = read.open_table(BODIES).ok()?;
        let value = table.get(url).ok()??;
        Some(value.value().to_vec())
    }

    /// Records several URLs (and discovery bodies) in one transaction.
    pub fn put_all(
        &self,
        records: &[(String, UrlRecord)],
        bodies: &[(String, Vec<u8>)],
    ) -> Result<(), String> {
        self.write(|tx| {
            let mut urls = tx.open_table(URLS).map_err(fail)?;
            for (url, record) in records {
                let json = serde_json::to_vec(record).unwrap_or_default();
                urls.insert(url.as_str(), json.as_slice()).map_err(fail)?;
            }
            let mut stored = tx.open_table(BODIES).map_err(fail)?;
            for (url, body) in bodies {
                stored.insert(url.as_str(), body.as_slice()).map_err(fail)?;
            }
            Ok(())
        })
    }

    /// Makes every commit so far durable (the end of a run, stopped or not).
    pub fn sync(&self) -> Result<(), String> {
        self.transaction(true, |_| Ok(()))
    }

    /// URLs found but not fetched (a run stopped before them), in key order.
    pub fn pending(&self) -> Vec<(String, UrlRecord)> {
        let Some(db) = self.db.as_ref() else {
            return Vec::new();
        };
        let Ok(read) = db.begin_read() else {
            return Vec::new();
        };
        let Ok(table) = read.open_table(URLS) else {
            return Vec::new();
        };
        let Ok(iter) = table.iter() else {
            return Vec::new();
        };
        iter.filter_map(Result::ok)
            .filter_map(|(k, v)| {
                let record: UrlRecord = serde_json::from_slice(v.value()).ok()?;
                (record.status == Status::Pending).then(|| (k.value().to_string(), record))
            })
            .collect()
    }

    fn write(
        &self,
        work: impl FnOnce(&redb::WriteTransaction) -> Result<(), String>,
    ) -> Result<(), String> {
        self.transaction(false, work)
    }

    /// One write transaction, synced when `sync` or when the last sync is `SYNC_EVERY` old.
    fn transaction(
        &self,
        sync: bool,
        work: impl FnOnce(&redb::WriteTransaction) -> Result<(), String>,
    ) -> Result<(), String> {
        let Some(db) = self.db.as_ref() else {
            return Ok(());
        };
        let mut tx = db.begin_write().map_err(fail)?;
        let mut last_sync = self.last_sync.lock().unwrap_or_else(|e| e.into_inner());
        let sync = sync || last_sync.elapsed() >= SYNC_EVERY;
        if sync {
            *last_sync = Instant::now();
        } else {
            tx.set_durability(Durability::None);
        }
        {
            // Both tables exist from the first write on.
            tx.open_table(URLS).map_err(fail)?;
            tx.open_table(BODIES).map_err(fail)?;
        }
        work(&tx)?;
        tx.commit().map_err(fail)
    }
}

fn fail(e: impl std::fmt::Display) -> String {
    format!("state: {e}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_survive_a_reopen_and_pending_ones_are_listed() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(Some(dir.path())).unwrap();
            let mut done = UrlRecord::pending(Kind::Page, 0, Some("2026-11-01".into()));
            done.status = Status::Done;
            done.etag = Some("\"v1\"".into());
            store
                .put_all(
                    &[
                        ("https://news.example/a".into(), done),
                        (
                            "https://news.example/b".into(),
                            UrlRecord::pending(Kind::Page, 1, None),
                        ),
                    ],
                    &[("https://news.example/rss".into(), b"<rss/>".to_vec())],
                )
                .unwrap();
        }
        let store = Store::open(Some(dir.path())).unwrap();
        let a = store.get("https://news.example/a").unwrap();
        assert_eq!(a.status, Status::Done);
        assert_eq!(a.etag.as_deref(), Some("\"v1\""));
        let pending: Vec<String> = store.pending().into_iter().map(|(u, _)| u).collect();
        assert_eq!(pending, ["https://news.example/b"]);
        assert_eq!(
            store.body("https://news.example/rss").as_deref(),
            Some(&b"<rss/>"[..])
        );
    }
}
