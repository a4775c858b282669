//! Prometheus metrics at `/metrics`: requests and their latency, GraphQL
//! errors by code, SQL statements and their durations, rate-limited
//! requests, and the connection pool. Plain atomics, rendered in the
//! Prometheus text format; no global registry.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// A latency histogram.
#[derive(Debug, Default)]
pub struct Histogram {
    counts: [AtomicU64; 13],
    sum_micros: AtomicU64,
}

impl Histogram {
    /// Records one observation.
    pub fn observe(&self, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        let bucket = BUCKETS
            .iter()
            .position(|b| seconds <= *b)
            .unwrap_or(BUCKETS.len());
        self.counts[bucket].fetch_add(1, Ordering::Relaxed);
        self.sum_micros
            .fetch_add(elapsed.as_micros() as u64, Ordering::Relaxed);
    }

    /// How many observations there were.
    pub fn count(&self) -> u64 {
        self.counts.iter().map(|c| c.load(Ordering::Relaxed)).sum()
    }

    /// Writes the histogram as `name_bucket`, `name_sum`, `name_count`.
    fn render(&self, out: &mut String, name: &str, help: &str) {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} histogram");
        let mut cumulative = 0;
        for (i, bound) in BUCKETS.iter().enumerate() {
            cumulative += self.counts[i].load(Ordering::Relaxed);
            let _ = writeln!(out, "{name}_bucket{{le=\"{bound}\"}} {cumulative}");
        }
        let _ = writeln!(out, "{name}_bucket{{le=\"+Inf\"}} {}", self.count());
        let _ = writeln!(
            out,
            "{name}_sum {}",
            self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6
        );
        let _ = writeln!(out, "{name}_count {}", self.count());
    }
}

/// Everything `/metrics` reports.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Requests by route and status.
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    /// Request latency.
    pub latency: Histogram,
    /// GraphQL errors by code.
    errors: Mutex<BTreeMap<String, u64>>,
    /// SQL statement durations (and so their count).
    pub sql: Histogram,
    /// Requests refused by the rate limiter.
    pub rate_limited: AtomicU64,
    /// Root lists and lookups answered from a plan.
    pub planned_reads: AtomicU64,
    /// Root lists and lookups answered by resolvers (a selection no plan knows, or plans off).
    pub resolved_reads: AtomicU64,
}

impl Metrics {
    /// Counts a finished request.
    pub fn record_request(&self, route: &str, status: u16, elapsed: Duration) {
        self.latency.observe(elapsed);
        if let Ok(mut requests) = self.requests.lock() {
            *requests.entry((route.to_string(), status)).or_default() += 1;
        }
    }

    /// Counts a GraphQL error by its code.
    pub fn record_error(&self, code: &str) {
        if let Ok(mut errors) = self.errors.lock() {
            *errors.entry(code.to_string()).or_default() += 1;
        }
    }

    /// The Prometheus text exposition; `pool` is (connections open, idle) when known.
    pub fn render(&self, pool: Option<(u32, usize)>) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# HELP quipu_http_requests_total HTTP requests by route and status.\n# TYPE quipu_http_requests_total counter");
        for ((route, status), n) in self.requests.lock().map(|r| r.clone()).unwrap_or_default() {
            let _ = writeln!(
                out,
                "quipu_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}"
            );
        }
        self.latency.render(
            &mut out,
            "quipu_http_request_duration_seconds",
            "HTTP request latency.",
        );
        let _ = writeln!(out, "# HELP quipu_graphql_errors_total GraphQL errors by code.\n# TYPE quipu_graphql_errors_total counter");
        for (code, n) in self.errors.lock().map(|e| e.clone()).unwrap_or_default() {
            let _ = writeln!(out, "quipu_graphql_errors_total{{code=\"{code}\"}} {n}");
        }
        self.sql.render(
            &mut out,
            "quipu_sql_statement_duration_seconds",
            "SQL statement durations.",
        );
        let _ = writeln!(out, "# HELP quipu_rate_limited_total Requests refused by the rate limiter.\n# TYPE quipu_rate_limited_total counter");
        let _ = writeln!(
            out,
            "quipu_rate_limited_total {}",
            self.rate_limited.load(Ordering::Relaxed)
        );
        let _ = writeln!(out, "# HELP quipu_root_field_reads_total Root lists and lookups by read path: a plan, or the resolvers.\n# TYPE quipu_root_field_reads_total counter");
        for (path, n) in [
            ("planned", &self.planned_reads),
            ("resolvers", &self.resolved_reads),
        ] {
            let _ = writeln!(
                out,
                "quipu_root_field_reads_total{{path=\"{path}\"}} {}",
                n.load(Ordering::Relaxed)
            );
        }
        if let Some((size, idle)) = pool {
            let _ = writeln!(out, "# HELP quipu_db_pool_connections Open database connections.\n# TYPE quipu_db_pool_connections gauge");
            let _ = writeln!(out, "quipu_db_pool_connections {size}");
            let _ = writeln!(out, "# HELP quipu_db_pool_idle_connections Idle database connections.\n# TYPE quipu_db_pool_idle_connections gauge");
            let _ = writeln!(out, "quipu_db_pool_idle_connections {idle}");
        }
        out
    }
}
