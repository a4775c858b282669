//! Prometheus metrics: requests and their latency by route and status,
//! GraphQL errors by code, SQL statements and their durations, rate-limited
//! requests, the read path of root fields, the connection pool, the
//! process (CPU, memory, file descriptors, from `metrics-process`) and the
//! build. Recorded through the `metrics` crate into a recorder of this
//! application's own (`metrics-exporter-prometheus`), not a global one, so
//! several applications in one process (the tests) keep their counts apart.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use metrics::{Counter, Histogram, Key, Label, Level, Metadata, Recorder, Unit};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusRecorder};

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

const METADATA: Metadata<'static> = Metadata::new(module_path!(), Level::INFO, None);

/// Every metric described, with its unit: the `# HELP` lines of `/metrics`.
const DESCRIPTIONS: &[(&str, Option<Unit>, &str)] = &[
    (
        "quipu_http_requests_total",
        None,
        "HTTP requests by route and status.",
    ),
    (
        "quipu_http_request_duration_seconds",
        Some(Unit::Seconds),
        "HTTP request latency by route and status.",
    ),
    (
        "quipu_graphql_errors_total",
        None,
        "GraphQL errors by code.",
    ),
    (
        "quipu_sql_statement_duration_seconds",
        Some(Unit::Seconds),
        "SQL statement durations.",
    ),
    (
        "quipu_sql_background_statements_total",
        None,
        "SQL statements run by background tasks (the search index following the database, change listeners).",
    ),
    (
        "quipu_rate_limited_total",
        None,
        "Requests refused by the rate limiter.",
    ),
    (
        "quipu_root_field_reads_total",
        None,
        "Root lists and lookups by read path: a plan, or the resolvers.",
    ),
    (
        "quipu_db_pool_connections",
        None,
        "Open database connections.",
    ),
    (
        "quipu_db_pool_idle_connections",
        None,
        "Idle database connections.",
    ),
    (
        "quipu_apq_cache_bytes",
        Some(Unit::Bytes),
        "Bytes of documents in the persisted-query cache.",
    ),
    (
        "quipu_apq_cache_documents",
        None,
        "Documents in the persisted-query cache.",
    ),
    (
        "quipu_rate_limit_clients",
        None,
        "Clients the rate limiter tracks.",
    ),
    (
        "quipu_build_info",
        None,
        "The running build: its version, always 1.",
    ),
];

/// Everything `/metrics` reports.
pub struct Metrics {
    recorder: PrometheusRecorder,
    process: metrics_process::Collector,
    sql: Histogram,
    /// SQL statements run for requests, also in the histogram's count:
    /// tests and the benchmark read it to count what a request costs.
    statements: AtomicU64,
    /// SQL statements run by background tasks ([`in_background`]): the
    /// search index following the database, the change listener.
    background: Counter,
    /// The text of each statement run, while a test captures them (golden SQL).
    captured: std::sync::Mutex<Option<Vec<String>>>,
    /// Whether `captured` is kept (checked first, so serving pays no lock).
    capturing: std::sync::atomic::AtomicBool,
    /// Requests refused by the rate limiter.
    pub rate_limited: Counter,
    /// Root lists and lookups answered from a plan.
    pub planned_reads: Counter,
    /// Root lists and lookups answered by resolvers (a selection no plan knows, or plans off).
    pub resolved_reads: Counter,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        let builder = PrometheusBuilder::new();
        // The buckets are constant and valid: `set_buckets` refuses only an empty list.
        let recorder = builder
            .set_buckets(&BUCKETS)
            .unwrap_or_else(|_| PrometheusBuilder::new())
            .build_recorder();
        for (name, unit, help) in DESCRIPTIONS {
            recorder.describe_gauge((*name).into(), *unit, (*help).into());
        }
        // The standard `process_*` names, which dashboards already know.
        let process = metrics_process::Collector::default();
        metrics::with_local_recorder(&recorder, || process.describe());
        let counter = |name: &'static str, labels: Vec<Label>| {
            recorder.register_counter(&Key::from_parts(name, labels), &METADATA)
        };
        let path = |path: &'static str| vec![Label::new("path", path)];
        let version = vec![Label::new("version", env!("CARGO_PKG_VERSION"))];
        let build =
            recorder.register_gauge(&Key::from_parts("quipu_build_info", version), &METADATA);
        build.set(1.0);
        Metrics {
            sql: recorder.register_histogram(
                &Key::from_name("quipu_sql_statement_duration_seconds"),
                &METADATA,
            ),
            statements: AtomicU64::new(0),
            background: counter("quipu_sql_background_statements_total", Vec::new()),
            captured: std::sync::Mutex::new(None),
            capturing: std::sync::atomic::AtomicBool::new(false),
            rate_limited: counter("quipu_rate_limited_total", Vec::new()),
            planned_reads: counter("quipu_root_field_reads_total", path("planned")),
            resolved_reads: counter("quipu_root_field_reads_total", path("resolvers")),
            process,
            recorder,
        }
    }
}

impl Metrics {
    /// Counts a finished request, with its latency, by route and status.
    pub fn record_request(&self, route: &str, status: u16, elapsed: Duration) {
        let labels = vec![
            Label::new("route", route.to_owned()),
            Label::new("status", status.to_string()),
        ];
        let key = Key::from_parts("quipu_http_requests_total", labels.clone());
        self.recorder.register_counter(&key, &METADATA).increment(1);
        let key = Key::from_parts("quipu_http_request_duration_seconds", labels);
        let latency = self.recorder.register_histogram(&key, &METADATA);
        latency.record(elapsed.as_secs_f64());
    }

    /// Counts a GraphQL error by its code.
    pub fn record_error(&self, code: &str) {
        let labels = vec![Label::new("code", code.to_owned())];
        let key = Key::from_parts("quipu_graphql_errors_total", labels);
        self.recorder.register_counter(&key, &METADATA).increment(1);
    }

    /// Times one SQL statement (and keeps its text while [`Metrics::capture`] runs).
    pub fn record_statement(&self, elapsed: Duration, sql: &str) {
        if BACKGROUND.try_with(|_| ()).is_ok() {
            // Counted apart, so that what a request costs never depends on
            // when a background task happened to run.
            self.background.increment(1);
            return;
        }
        self.statements.fetch_add(1, Ordering::Relaxed);
        self.sql.record(elapsed.as_secs_f64());
        if self.capturing.load(Ordering::Relaxed) {
            if let Some(texts) = self.lock_captured().as_mut() {
                texts.push(sql.to_owned());
            }
        }
    }

    /// Starts keeping the text of every statement run (the golden-SQL tests).
    pub fn capture(&self) {
        *self.lock_captured() = Some(Vec::new());
        self.capturing.store(true, Ordering::Relaxed);
    }

    /// The statements kept since [`Metrics::capture`], which stops keeping them.
    pub fn captured(&self) -> Vec<String> {
        self.capturing.store(false, Ordering::Relaxed);
        self.lock_captured().take().unwrap_or_default()
    }

    /// The captured texts; a poisoned lock only means a panicking test.
    fn lock_captured(&self) -> std::sync::MutexGuard<'_, Option<Vec<String>>> {
        self.captured.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How many SQL statements have run for requests.
    pub fn statements(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// Sets a gauge (the pool's and the caches' sizes, read when scraped).
    pub fn set_gauge(&self, name: &'static str, value: f64) {
        let gauge = self
            .recorder
            .register_gauge(&Key::from_name(name), &METADATA);
        gauge.set(value);
    }

    /// Every few seconds, folds the latency samples recorded since into the
    /// histograms: the exporter keeps each sample until then, so without
    /// this a server nobody scrapes would grow without bound. The task ends
    /// with the metrics.
    pub fn keep_up(self: &std::sync::Arc<Self>) {
        let metrics = std::sync::Arc::downgrade(self);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(5));
            loop {
                every.tick().await;
                match metrics.upgrade() {
                    Some(metrics) => metrics.recorder.handle().run_upkeep(),
                    None => break,
                }
            }
        });
    }

    /// The Prometheus text exposition, with the process read now.
    pub fn render(&self) -> String {
        metrics::with_local_recorder(&self.recorder, || self.process.collect());
        self.recorder.handle().render()
    }
}

tokio::task_local! {
    /// Set while a background task runs: its statements are counted apart.
    static BACKGROUND: ();
}

/// Runs `work` as background work: its SQL statements are counted in
/// `quipu_sql_background_statements_total`, not with the requests'.
pub async fn in_background<F: std::future::Future>(work: F) -> F::Output {
    BACKGROUND.scope((), work).await
}
