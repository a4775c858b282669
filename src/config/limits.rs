//! Limits that protect the service from careless and hostile clients, and the
//! server's timeouts. Each has a flag of `quipu serve` and an environment
//! variable; the README's Operations section lists them with their codes.
//!
//! | variable | default |
//! |---|---|
//! | `QUIPU_MAX_DEPTH` | `15` selection levels |
//! | `QUIPU_MAX_INPUT_DEPTH` | `20` levels of nested input objects and lists |
//! | `QUIPU_MAX_INPUT_LIST` | `500` items in one input list |
//! | `QUIPU_MAX_INPUT_VALUES` | `10000` values in all arguments and variables |
//! | `QUIPU_APQ_CACHE_BYTES` | `33554432` (32 MiB of persisted documents) |
//! | `QUIPU_APQ_MAX_DOCUMENT_BYTES` | `65536` (larger documents run but are not kept) |
//! | `QUIPU_HEADER_TIMEOUT_SECS` | `10` |
//! | `QUIPU_IDLE_TIMEOUT_SECS` | `60` |
//! | `QUIPU_BODY_TIMEOUT_SECS` | `15` |
//! | `QUIPU_WS_INIT_TIMEOUT_SECS` | `10` |
//! | `QUIPU_WS_MUTATIONS` | `false` |
//! | `QUIPU_WS_MAX_OPERATIONS` | `50` operations running at once on one socket |
//! | `QUIPU_TRACE_RESOLVERS` | `false` (a span per resolver, for profiling) |

use clap::Args;

/// Limits that protect the service from careless and hostile requests.
#[derive(Debug, Clone, Args)]
pub struct LimitsConfig {
    /// The deepest a query may nest.
    #[arg(long, env = "QUIPU_MAX_DEPTH", default_value_t = 15)]
    pub max_depth: usize,
    /// The deepest input objects and lists (filters, mutation inputs, variables) may nest.
    #[arg(long, env = "QUIPU_MAX_INPUT_DEPTH", default_value_t = 20)]
    pub max_input_depth: usize,
    /// The most items one input list may hold.
    #[arg(long, env = "QUIPU_MAX_INPUT_LIST", default_value_t = 500)]
    pub max_input_list: usize,
    /// The most values (scalars, objects and lists) all arguments and variables of a request may hold.
    #[arg(long, env = "QUIPU_MAX_INPUT_VALUES", default_value_t = 10_000)]
    pub max_input_values: usize,
    /// The most a query may cost: one per field, times `first`/`last` (or 20) under a list.
    #[arg(long, env = "QUIPU_MAX_COMPLEXITY", default_value_t = 50_000)]
    pub max_complexity: usize,
    /// The most aliases one request may use.
    #[arg(long, env = "QUIPU_MAX_ALIASES", default_value_t = 30)]
    pub max_aliases: usize,
    /// The most root fields one operation may select.
    #[arg(long, env = "QUIPU_MAX_ROOT_FIELDS", default_value_t = 15)]
    pub max_root_fields: usize,
    /// The largest request body, in bytes.
    #[arg(long, env = "QUIPU_MAX_BODY_BYTES", default_value_t = 1_048_576)]
    pub max_body_bytes: usize,
    /// How long one request may run, in seconds.
    #[arg(long, env = "QUIPU_REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,
    /// The most rows a sheet that walks every page (`Accept: text/csv`, `?all=1`) may stream.
    #[arg(long, env = "QUIPU_SHEET_MAX_ROWS", default_value_t = 10_000)]
    pub sheet_max_rows: u64,
    /// Whether clients may introspect the schema (GraphiQL needs it).
    #[arg(long, env = "QUIPU_INTROSPECTION", default_value_t = true, action = clap::ArgAction::Set)]
    pub introspection: bool,
    /// A tracing span around every resolver (off by default: on a nested list
    /// it costs about a quarter of the request's CPU). Request spans, SQL
    /// events and metrics are recorded either way.
    #[arg(long, env = "QUIPU_TRACE_RESOLVERS", default_value_t = false, action = clap::ArgAction::Set)]
    pub trace_resolvers: bool,
    /// Answer root lists from plans (a few SQL statements, values built
    /// without a future per field); off, every field goes through its
    /// resolver, as the differential tests compare.
    #[arg(long, env = "QUIPU_PLANNED_READS", default_value_t = true, action = clap::ArgAction::Set)]
    pub planned_reads: bool,
    /// The most operations one batched request may hold (0 turns batching off).
    #[arg(long, env = "QUIPU_MAX_BATCH", default_value_t = 10)]
    pub max_batch: usize,
    /// Requests per minute allowed per API key, or per client address without one (0 turns the limit off).
    #[arg(long, env = "QUIPU_RATE_LIMIT_PER_MINUTE", default_value_t = 600)]
    pub rate_limit_per_minute: u32,
    /// Requests a client may send at once above the steady rate.
    #[arg(long, env = "QUIPU_RATE_LIMIT_BURST", default_value_t = 60)]
    pub rate_limit_burst: u32,
    /// The most clients the rate limiter tracks; past it, new clients share one bucket.
    #[arg(long, env = "QUIPU_RATE_LIMIT_MAX_CLIENTS", default_value_t = 100_000)]
    pub rate_limit_max_clients: usize,
    /// Take the client address from `X-Forwarded-For` (only behind a proxy that sets it).
    #[arg(long, env = "QUIPU_TRUST_FORWARDED_FOR", default_value_t = false, action = clap::ArgAction::Set)]
    pub trust_forwarded_for: bool,
    /// Run only operations registered with `quipu operations add`.
    #[arg(long, env = "QUIPU_ALLOWLIST", default_value_t = false, action = clap::ArgAction::Set)]
    pub allowlist: bool,
    /// The most bytes of documents the persisted-query cache keeps (least recently used go first).
    #[arg(long, env = "QUIPU_APQ_CACHE_BYTES", default_value_t = 32 * 1024 * 1024)]
    pub apq_cache_bytes: u64,
    /// The largest document the persisted-query cache keeps; larger ones run but are not kept.
    #[arg(long, env = "QUIPU_APQ_MAX_DOCUMENT_BYTES", default_value_t = 64 * 1024)]
    pub apq_max_document_bytes: usize,
    /// Seconds a client has to send a request's headers once it has started sending them.
    #[arg(long, env = "QUIPU_HEADER_TIMEOUT_SECS", default_value_t = 10)]
    pub header_timeout_secs: u64,
    /// Seconds a kept-alive connection may wait for its next request before it is closed.
    #[arg(long, env = "QUIPU_IDLE_TIMEOUT_SECS", default_value_t = 60)]
    pub idle_timeout_secs: u64,
    /// Seconds a client has to send a request's whole body.
    #[arg(long, env = "QUIPU_BODY_TIMEOUT_SECS", default_value_t = 15)]
    pub body_timeout_secs: u64,
    /// Seconds a WebSocket client has to send `connection_init` before the socket is closed.
    #[arg(long, env = "QUIPU_WS_INIT_TIMEOUT_SECS", default_value_t = 10)]
    pub ws_init_timeout_secs: u64,
    /// Accept mutations over WebSocket (off: a socket serves queries and subscriptions only).
    #[arg(long, env = "QUIPU_WS_MUTATIONS", default_value_t = false, action = clap::ArgAction::Set)]
    pub ws_mutations: bool,
    /// The most operations (subscriptions, mostly) one WebSocket may run at once.
    #[arg(long, env = "QUIPU_WS_MAX_OPERATIONS", default_value_t = 50)]
    pub ws_max_operations: usize,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        LimitsConfig {
            max_depth: 15,
            max_input_depth: 20,
            max_input_list: 500,
            max_input_values: 10_000,
            max_complexity: 50_000,
            max_aliases: 30,
            max_root_fields: 15,
            max_body_bytes: 1_048_576,
            request_timeout_secs: 30,
            sheet_max_rows: 10_000,
            introspection: true,
            trace_resolvers: false,
            planned_reads: true,
            max_batch: 10,
            rate_limit_per_minute: 600,
            rate_limit_burst: 60,
            rate_limit_max_clients: 100_000,
            trust_forwarded_for: false,
            allowlist: false,
            apq_cache_bytes: 32 * 1024 * 1024,
            apq_max_document_bytes: 64 * 1024,
            header_timeout_secs: 10,
            idle_timeout_secs: 60,
            body_timeout_secs: 15,
            ws_init_timeout_secs: 10,
            ws_mutations: false,
            ws_max_operations: 50,
        }
    }
}
