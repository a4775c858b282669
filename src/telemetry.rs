//! Logs and traces. `RUST_LOG` filters the logs on stderr (default `info`,
//! SQL driver chatter at `warn`); `QUIPU_LOG_FORMAT=json` writes one JSON
//! object per line for log collectors.
//!
//! With `OTEL_EXPORTER_OTLP_ENDPOINT` set (`http://collector:4318`), spans
//! go to that OpenTelemetry collector over OTLP/HTTP: one per request (in
//! the caller's trace when it sends a W3C `traceparent`, see
//! `http/trace.rs`), one per root field answered by a plan or by the
//! resolvers, and one per SQL statement (SeaORM's driver spans, with the
//! statement as an event).

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_otlp::{SpanExporter, WithExportConfig};
use opentelemetry_sdk::trace::SdkTracerProvider;
use opentelemetry_sdk::Resource;
use tracing::{Level, Subscriber};
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// A tracer provider that batches spans to the OTLP/HTTP collector at
/// `endpoint` (its base address: spans go to `/v1/traces`).
pub fn tracer_provider(endpoint: &str) -> anyhow::Result<SdkTracerProvider> {
    let traces = format!("{}/v1/traces", endpoint.trim_end_matches('/'));
    let exporter = SpanExporter::builder()
        .with_http()
        .with_endpoint(traces)
        .build()?;
    let resource = Resource::builder()
        .with_service_name("quipu")
        .with_attribute(opentelemetry::KeyValue::new(
            "service.version",
            env!("CARGO_PKG_VERSION"),
        ))
        .build();
    Ok(SdkTracerProvider::builder()
        .with_batch_exporter(exporter)
        .with_resource(resource)
        .build())
}

/// The layer that turns spans into OpenTelemetry spans of `provider`:
/// requests, plans and resolvers (`info`), and each SQL statement (SeaORM's
/// driver spans at `trace`, the statement's text as a `quipu::sql` event).
pub fn otel_layer<S>(provider: &SdkTracerProvider) -> impl Layer<S>
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    let targets = Targets::new()
        .with_default(Level::INFO)
        .with_target("sea_orm::driver", Level::TRACE)
        .with_target("quipu::sql", Level::DEBUG)
        .with_target("sqlx", Level::WARN);
    tracing_opentelemetry::layer()
        .with_tracer(provider.tracer("quipu"))
        .with_filter(targets)
}

/// Installs the global subscriber: logs to stderr, as `text` or `json`, and
/// spans to an OTLP collector when `OTEL_EXPORTER_OTLP_ENDPOINT` names one.
/// Returns the tracer provider, to flush at shutdown.
pub fn init(format: &str) -> Option<SdkTracerProvider> {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let logs = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    let logs = match format {
        "json" => logs.json().boxed(),
        _ => logs.boxed(),
    };
    let endpoint = std::env::var("OTEL_EXPORTER_OTLP_ENDPOINT").ok();
    let provider = endpoint
        .filter(|e| !e.is_empty())
        .and_then(|e| match tracer_provider(&e) {
            Ok(provider) => Some(provider),
            Err(err) => {
                eprintln!("OTEL_EXPORTER_OTLP_ENDPOINT={e}: no trace export: {err}");
                None
            }
        });
    let traces = provider.as_ref().map(otel_layer);
    tracing_subscriber::registry()
        .with(logs.with_filter(filter))
        .with(traces)
        .init();
    provider
}
