//! A span per request, in the caller's trace: a W3C `traceparent` (and
//! `tracestate`) header makes the request's span a child of the caller's,
//! and the response carries the request span's own `traceparent`, so a
//! partner's APM follows a request into Quipu and finds it again. Without
//! an OpenTelemetry exporter (`OTEL_EXPORTER_OTLP_ENDPOINT`) the span is
//! only a log span and no header is added.

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use opentelemetry::propagation::TextMapPropagator;
use opentelemetry_http::{HeaderExtractor, HeaderInjector};
use opentelemetry_sdk::propagation::TraceContextPropagator;
use tracing::Instrument;
use tracing_opentelemetry::OpenTelemetrySpanExt;

/// Runs the request inside its span, continuing the caller's trace.
pub async fn traced(request: Request, next: Next) -> Response {
    let propagator = TraceContextPropagator::new();
    let parent = propagator.extract(&HeaderExtractor(request.headers()));
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("other".to_string(), |p| p.as_str().to_string());
    let method = request.method().clone();
    let span = tracing::info_span!(
        "request",
        otel.name = %format!("{method} {route}"),
        otel.kind = "server",
        http.request.method = %method,
        http.route = %route,
        http.response.status_code = tracing::field::Empty,
    );
    // An invalid or absent `traceparent` starts a new trace, as the W3C recommendation says.
    let _ = span.set_parent(parent);
    let mut response = next.run(request).instrument(span.clone()).await;
    span.record("http.response.status_code", response.status().as_u16());
    propagator.inject_context(&span.context(), &mut HeaderInjector(response.headers_mut()));
    response
}
