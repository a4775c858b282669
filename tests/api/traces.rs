//! Traces reach an OpenTelemetry collector over OTLP/HTTP: a request that
//! carries a W3C `traceparent` is traced inside the caller's trace, with a
//! span for the request, one for each root field (plan or resolvers) and
//! one per SQL statement (its text as an event), and the response names the
//! request's span in its own `traceparent`.

use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::http::{Request, StatusCode};
use axum::routing::post;
use axum::Router;
use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::trace::v1::Span;
use prost::Message;
use tower::ServiceExt;
use tracing_subscriber::layer::SubscriberExt;

type Received = Arc<Mutex<Vec<ExportTraceServiceRequest>>>;

/// An OTLP/HTTP collector on its own thread and runtime (the exporter
/// blocks while it sends); its address and what it has received.
fn collector() -> (std::net::SocketAddr, Received) {
    let received = Received::default();
    let store = received.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("a port");
            tx.send(listener.local_addr().expect("an address"))
                .expect("the test waits");
            let receive = move |body: Bytes| {
                let store = store.clone();
                async move {
                    match ExportTraceServiceRequest::decode(body) {
                        Ok(request) => {
                            store.lock().expect("the store").push(request);
                            StatusCode::OK
                        }
                        Err(_) => StatusCode::BAD_REQUEST,
                    }
                }
            };
            let app = Router::new().route("/v1/traces", post(receive));
            axum::serve(listener, app)
                .await
                .expect("the collector serves");
        });
    });
    (rx.recv().expect("the collector's address"), received)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every span received in the trace `trace_id`.
fn spans_of(received: &Received, trace_id: &str) -> Vec<Span> {
    let requests = received.lock().expect("the store");
    requests
        .iter()
        .flat_map(|r| &r.resource_spans)
        .flat_map(|r| &r.scope_spans)
        .flat_map(|s| &s.spans)
        .filter(|span| hex(&span.trace_id) == trace_id)
        .cloned()
        .collect()
}

#[test]
fn a_request_is_traced_in_the_callers_trace_down_to_each_sql_statement() {
    let (addr, received) = collector();
    let provider =
        quipu::telemetry::tracer_provider(&format!("http://{addr}")).expect("a tracer provider");
    let subscriber = tracing_subscriber::registry().with(quipu::telemetry::otel_layer(&provider));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let (trace_id, caller_span) = ("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");
    let response = {
        // This thread's subscriber; the runtime runs every task on this thread.
        let _traced = tracing::subscriber::set_default(subscriber);
        runtime.block_on(async {
            let app = crate::helpers::spawn_app_with_data().await;
            // Other tests of this binary register the middleware's callsites
            // on their threads, perhaps while this subscriber was being set:
            // tracing may have cached "no subscriber wants this" for them.
            tracing::callsite::rebuild_interest_cache();
            let query = r#"{"query":"{ statements(first: 3) { nodes { text speaker { ... on Person { name } } } } }"}"#;
            let request = Request::post("/graphql")
                .header("content-type", "application/json")
                .header("traceparent", format!("00-{trace_id}-{caller_span}-01"))
                .body(Body::from(query))
                .expect("a request");
            app.router.clone().oneshot(request).await.expect("an answer")
        })
    };
    assert_eq!(response.status(), StatusCode::OK);
    let traceparent = response.headers()["traceparent"]
        .to_str()
        .expect("a header");
    let parts: Vec<&str> = traceparent.split('-').collect();
    assert_eq!((parts[0], parts[1]), ("00", trace_id), "{traceparent}");
    assert_ne!(parts[2], caller_span, "the response names Quipu's own span");
    provider.force_flush().expect("the spans are sent");
    let spans = spans_of(&received, trace_id);
    let named = |name: &str| spans.iter().find(|s| s.name == name);
    let request = named("POST /graphql").unwrap_or_else(|| panic!("no request span: {spans:?}"));
    assert_eq!(hex(&request.parent_span_id), caller_span);
    assert_eq!(hex(&request.span_id), parts[2]);
    assert!(
        named("plan statements").is_some(),
        "no plan span: {spans:?}"
    );
    let sql: Vec<&Span> = spans
        .iter()
        .filter(|s| s.name.starts_with("query_"))
        .collect();
    assert!(sql.len() >= 2, "a span per SQL statement: {spans:?}");
    let texts = sql
        .iter()
        .flat_map(|s| &s.events)
        .flat_map(|e| &e.attributes)
        .filter(|a| a.key == "sql")
        .count();
    assert!(texts >= sql.len(), "each statement's text: {sql:?}");
    let _ = provider.shutdown();
}
