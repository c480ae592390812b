//! Prometheus counters: requests, latency histograms, errors by kind, fetches, pages in flight.
//! A handful of labelled series behind one mutex each; the lock is held for an increment only.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency histogram's buckets, in seconds.
const LATENCY_BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

#[derive(Default)]
struct Histogram {
    buckets: [u64; LATENCY_BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
    errors: Mutex<BTreeMap<&'static str, u64>>,
    fetches: Mutex<BTreeMap<String, u64>>,
    pages_extracted: AtomicU64,
    pages_in_flight: AtomicI64,
}

/// Counts a page as in flight while it lives.
pub struct InFlight<'a>(&'a Metrics);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.pages_in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Metrics {
    pub fn record_request(&self, route: &str, status: u16, elapsed: Duration) {
        *lock(&self.requests)
            .entry((route.to_string(), status))
            .or_default() += 1;
        let seconds = elapsed.as_secs_f64();
        let mut latency = lock(&self.latency);
        let h = latency.entry(route.to_string()).or_default();
        for (bucket, bound) in h.buckets.iter_mut().zip(LATENCY_BUCKETS) {
            if seconds <= bound {
                *bucket += 1;
            }
        }
        h.count += 1;
        h.sum += seconds;
    }

    pub fn record_error(&self, kind: &'static str) {
        *lock(&self.errors).entry(kind).or_default() += 1;
    }

    pub fn record_fetch(&self, outcome: &str) {
        *lock(&self.fetches).entry(outcome.to_string()).or_default() += 1;
    }

    pub fn page_started(&self) -> InFlight<'_> {
        self.pages_in_flight.fetch_add(1, Ordering::Relaxed);
        InFlight(self)
    }

    pub fn page_extracted(&self) {
        self.pages_extracted.fetch_add(1, Ordering::Relaxed);
    }

    /// The Prometheus text exposition format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP warta_requests_total HTTP requests answered, by route and status.\n");
        out.push_str("# TYPE warta_requests_total counter\n");
        for ((route, status), n) in lock(&self.requests).iter() {
            let _ = writeln!(
                out,
                "warta_requests_total{{route=\"{}\",status=\"{status}\"}} {n}",
                escape(route)
            );
        }
        out.push_str("# HELP warta_request_duration_seconds Time from request to response.\n");
        out.push_str("# TYPE warta_request_duration_seconds histogram\n");
        for (route, h) in lock(&self.latency).iter() {
            let route = escape(route);
            for (n, bound) in h.buckets.iter().zip(LATENCY_BUCKETS) {
                let _ = writeln!(
                    out,
                    "warta_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {n}"
                );
            }
            let _ = writeln!(
                out,
                "warta_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "warta_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "warta_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.count
            );
        }
        out.push_str("# HELP warta_errors_total Error answers and error records, by kind.\n");
        out.push_str("# TYPE warta_errors_total counter\n");
        for (kind, n) in lock(&self.errors).iter() {
            let _ = writeln!(out, "warta_errors_total{{kind=\"{kind}\"}} {n}");
        }
        out.push_str("# HELP warta_fetches_total Pages fetched by URL, by outcome.\n");
        out.push_str("# TYPE warta_fetches_total counter\n");
        for (outcome, n) in lock(&self.fetches).iter() {
            let _ = writeln!(
                out,
                "warta_fetches_total{{outcome=\"{}\"}} {n}",
                escape(outcome)
            );
        }
        out.push_str("# HELP warta_pages_extracted_total Pages extracted.\n");
        out.push_str("# TYPE warta_pages_extracted_total counter\n");
        let _ = writeln!(
            out,
            "warta_pages_extracted_total {}",
            self.pages_extracted.load(Ordering::Relaxed)
        );
        out.push_str("# HELP warta_pages_in_flight Pages being fetched or extracted now.\n");
        out.push_str("# TYPE warta_pages_in_flight gauge\n");
        let _ = writeln!(
            out,
            "warta_pages_in_flight {}",
            self.pages_in_flight.load(Ordering::Relaxed)
        );
        out
    }
}

/// A poisoned lock only means another request panicked mid-increment; the counts still stand.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn escape(label: &str) -> String {
    label
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_buckets_are_cumulative() {
        let m = Metrics::default();
        m.record_request("/v1/extract", 200, Duration::from_millis(30));
        m.record_request("/v1/extract", 413, Duration::from_millis(2));
        let text = m.render();
        assert!(text.contains("warta_requests_total{route=\"/v1/extract\",status=\"413\"} 1"));
        assert!(text.contains("route=\"/v1/extract\",le=\"0.005\"} 1"));
        assert!(text.contains("route=\"/v1/extract\",le=\"0.05\"} 2"));
        assert!(text.contains("warta_request_duration_seconds_count{route=\"/v1/extract\"} 2"));
    }
}
