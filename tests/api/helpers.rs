//! Test helpers: every test gets its own database (a fresh SQLite file, or a
//! fresh PostgreSQL database when `QUIPU_TEST_DATABASE_URL` is set) and
//! drives the real axum router without a socket.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use std::sync::Arc;

use quipu::config::{HttpConfig, LimitsConfig};
use quipu::db;
use quipu::metrics::Metrics;
use quipu::{ingest, AppState};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{json, Value};
use tower::ServiceExt;

static NEXT: AtomicU64 = AtomicU64::new(0);

/// Where a test's database lives, removed when the test ends.
enum Place {
    /// A handle on another test app's database, which that app removes.
    Shared,
    Sqlite(PathBuf),
    Postgres {
        admin_url: String,
        name: String,
    },
}

/// An application over its own database.
pub struct TestApp {
    pub router: Router,
    /// The database's URL, for a second server over the same database.
    pub url: String,
    pub db: DatabaseConnection,
    pub metrics: Arc<Metrics>,
    place: Place,
}

/// The bundled dataset's directory.
pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// A fresh, empty database URL for this test.
async fn fresh_database() -> (String, Place) {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let unique = format!(
        "{}_{}_{}",
        std::process::id(),
        n,
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
    );
    match std::env::var("QUIPU_TEST_DATABASE_URL") {
        Ok(admin_url) if !admin_url.is_empty() => {
            let name = format!("quipu_t_{unique}");
            let admin = Database::connect(&admin_url)
                .await
                .expect("connect to QUIPU_TEST_DATABASE_URL");
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create test database");
            admin.close().await.ok();
            let (base, _) = admin_url
                .rsplit_once('/')
                .expect("a database URL has a path");
            (
                format!("{base}/{name}"),
                Place::Postgres { admin_url, name },
            )
        }
        _ => {
            let path = std::env::temp_dir().join(format!("quipu-test-{unique}.db"));
            (
                format!("sqlite://{}?mode=rwc", path.display()),
                Place::Sqlite(path),
            )
        }
    }
}

/// An application over a migrated, empty database.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(LimitsConfig::default()).await
}

/// An application with these limits over a migrated, empty database.
pub async fn spawn_app_with(limits: LimitsConfig) -> TestApp {
    let (url, place) = fresh_database().await;
    let (db, metrics) = db::connect(&url, 5).await.expect("connect");
    db::migrate(&db).await.expect("migrate");
    let http = HttpConfig {
        limits,
        ..HttpConfig::default()
    };
    let state = AppState::new(db.clone(), http, metrics.clone()).expect("the state");
    let router = quipu::app(state);
    TestApp {
        router,
        url,
        db,
        metrics,
        place,
    }
}

/// An application over a database holding the bundled dataset.
pub async fn spawn_app_with_data() -> TestApp {
    load_data(spawn_app().await).await
}

/// Loads the bundled dataset into an application's database.
pub async fn load_data(app: TestApp) -> TestApp {
    let dataset = ingest::Dataset::load(&data_dir()).expect("the bundled dataset loads");
    ingest::import(&app.db, &dataset)
        .await
        .expect("the bundled dataset imports");
    app
}

impl TestApp {
    /// Sends an HTTP request and returns the status and JSON body.
    pub async fn send(&self, request: Request<Body>) -> (StatusCode, Value) {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router answers");
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("a body")
            .to_bytes();
        let body = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
        (status, body)
    }

    /// POSTs a GraphQL query with variables and returns the JSON response.
    pub async fn query_with(&self, query: &str, variables: Value) -> Value {
        let body = json!({ "query": query, "variables": variables }).to_string();
        let request = Request::post("/graphql")
            .header("content-type", "application/json")
            .body(Body::from(body))
            .expect("request");
        let (status, json) = self.send(request).await;
        assert_eq!(status, StatusCode::OK, "{json}");
        json
    }

    /// POSTs a GraphQL query and returns the JSON response.
    pub async fn query(&self, query: &str) -> Value {
        self.query_with(query, json!({})).await
    }

    /// POSTs a query that must succeed and returns its `data`.
    pub async fn data(&self, query: &str) -> Value {
        let response = self.query(query).await;
        assert!(
            response.get("errors").is_none(),
            "unexpected errors: {response}"
        );
        response["data"].clone()
    }

    /// The `extensions.code` of the first error of a query that must fail.
    pub async fn error_code(&self, query: &str) -> (String, String) {
        let response = self.query(query).await;
        let error = &response["errors"][0];
        assert!(error.is_object(), "expected an error: {response}");
        (
            error["extensions"]["code"]
                .as_str()
                .unwrap_or("")
                .to_string(),
            error["message"].as_str().unwrap_or("").to_string(),
        )
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        match &self.place {
            Place::Shared => {}
            Place::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    std::fs::remove_file(format!("{}{suffix}", path.display())).ok();
                }
                std::fs::remove_dir_all(format!("{}.search", path.display())).ok();
            }
            Place::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // The test's runtime is ending; drop the database from a runtime of our own.
                std::thread::spawn(move || {
                    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    else {
                        return;
                    };
                    runtime.block_on(async {
                        if let Ok(admin) = Database::connect(&admin_url).await {
                            admin
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                                ))
                                .await
                                .ok();
                        }
                    });
                })
                .join()
                .ok();
            }
        }
    }
}

/// The values of `field` in a connection's nodes.
pub fn pluck(connection: &Value, field: &str) -> Vec<Value> {
    connection["edges"]
        .as_array()
        .map(|edges| edges.iter().map(|e| e["node"][field].clone()).collect())
        .unwrap_or_default()
}

/// The string values of `field` in a list of objects.
pub fn strings(list: &Value, field: &str) -> Vec<String> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i[field].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

impl TestApp {
    /// Another handle on an app's router, for tasks that share it (the database is not dropped by it).
    pub fn over(router: Router) -> TestApp {
        TestApp {
            router,
            url: String::new(),
            db: sea_orm::DatabaseConnection::default(),
            metrics: Arc::new(Metrics::default()),
            place: Place::Shared,
        }
    }

    /// A new API key with this role.
    pub async fn key(&self, role: quipu::auth::Role) -> String {
        let name = format!(
            "test-{}-{}",
            role.as_str(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        quipu::auth::create_key(&self.db, &name, role)
            .await
            .expect("create a key")
    }

    /// POSTs a GraphQL operation with a key (if any) and returns the status and body.
    pub async fn send_as(
        &self,
        key: Option<&str>,
        query: &str,
        variables: Value,
    ) -> (StatusCode, Value) {
        let body = json!({ "query": query, "variables": variables }).to_string();
        let mut request = Request::post("/graphql").header("content-type", "application/json");
        if let Some(key) = key {
            request = request.header("authorization", format!("Bearer {key}"));
        }
        self.send(request.body(Body::from(body)).expect("request"))
            .await
    }

    /// Runs an operation with a key; it must succeed. Returns `data`.
    pub async fn write(&self, key: &str, query: &str, variables: Value) -> Value {
        let (status, body) = self.send_as(Some(key), query, variables).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    /// Runs an operation with a key; it must fail. Returns the first error's code and message.
    pub async fn write_error(
        &self,
        key: Option<&str>,
        query: &str,
        variables: Value,
    ) -> (String, String) {
        let (_, body) = self.send_as(key, query, variables).await;
        let error = &body["errors"][0];
        assert!(error.is_object(), "expected an error: {body}");
        (
            error["extensions"]["code"]
                .as_str()
                .unwrap_or("")
                .to_string(),
            error["message"].as_str().unwrap_or("").to_string(),
        )
    }
}

/// Serves `router` on a free local port with Quipu's own server loop (its
/// timeouts), until the returned task is aborted.
pub async fn serve_on_socket(
    router: Router,
    timeouts: quipu::server::Timeouts,
) -> (std::net::SocketAddr, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a local port");
    let addr = listener.local_addr().expect("a local address");
    let server = tokio::spawn(async move {
        quipu::server::serve(listener, router, timeouts, std::future::pending())
            .await
            .ok();
    });
    (addr, server)
}

/// Timeouts long enough that no test trips them by accident.
pub fn relaxed_timeouts() -> quipu::server::Timeouts {
    quipu::server::Timeouts {
        idle: std::time::Duration::from_secs(60),
        header: std::time::Duration::from_secs(60),
    }
}

/// A GET of `path` on the app; the status and body.
pub async fn get(app: &TestApp, path: &str) -> (StatusCode, Value) {
    app.send(Request::get(path).body(Body::empty()).expect("request"))
        .await
}

/// A graphql-transport-ws socket on the server at `addr`.
pub async fn open_socket(
    addr: std::net::SocketAddr,
) -> tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>> {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut request = format!("ws://{addr}/graphql/ws")
        .into_client_request()
        .expect("a WebSocket request");
    request.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().expect("a header value"),
    );
    tokio_tungstenite::connect_async(request)
        .await
        .expect("the socket opens")
        .0
}

/// The value of one series (`name{labels}`) in the application's metrics, 0 when absent.
pub fn metric(app: &TestApp, series: &str) -> u64 {
    app.metrics
        .render()
        .lines()
        .find_map(|line| line.strip_prefix(series)?.trim().parse::<f64>().ok())
        .map_or(0, |v| v as u64)
}

/// The `/metrics` text, read with an admin key (the API's `/metrics` needs one).
pub async fn metrics_text(app: &TestApp) -> String {
    let key = app.key(quipu::auth::Role::Admin).await;
    let request = Request::get("/metrics")
        .header("authorization", format!("Bearer {key}"))
        .body(Body::empty())
        .expect("request");
    let (status, body) = app.send(request).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body.as_str().unwrap_or_default().to_string()
}
