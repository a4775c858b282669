//! One WebSocket connection's state: the key it authenticated with (checked
//! again before every operation), whether `connection_init` has arrived, and
//! a signal raised when the key is revoked, which ends the connection's
//! subscriptions and closes the socket; and how many operations it runs, so
//! that one socket cannot hold an unbounded number of subscriptions.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use async_graphql::parser::types::OperationType;
use async_graphql::{ErrorExtensions, Pos, Request, Response};
use sea_orm::DatabaseConnection;
use tokio::sync::watch;

use crate::auth;
use crate::graphql::input_limits::{self, refuse, InputLimits};

/// The state of one socket, shared by its executor and its pump.
pub struct Session {
    /// The hash of the key the connection authenticated with, if any.
    key_hash: Mutex<Option<String>>,
    /// Raised when the key is revoked (or found revoked).
    revoked: watch::Sender<bool>,
    /// Raised when `connection_init` has been accepted.
    initialised: watch::Sender<bool>,
    db: DatabaseConnection,
    input: InputLimits,
    mutations: bool,
    /// Operations running now, and the most allowed at once.
    running: Arc<AtomicUsize>,
    max_running: usize,
}

/// Counts one running operation for as long as it lives.
pub struct Running(Arc<AtomicUsize>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Session {
    /// A session over `db`; `mutations` says whether the socket may run
    /// them, `max_running` how many operations it may run at once.
    pub fn new(
        db: DatabaseConnection,
        input: InputLimits,
        mutations: bool,
        max_running: usize,
    ) -> Arc<Self> {
        Arc::new(Session {
            key_hash: Mutex::new(None),
            revoked: watch::Sender::new(false),
            initialised: watch::Sender::new(false),
            db,
            input,
            mutations,
            running: Arc::new(AtomicUsize::new(0)),
            max_running,
        })
    }

    /// Counts a new operation in, or None when the socket runs as many as it may.
    pub fn start(&self) -> Option<Running> {
        let taken = self.running.fetch_add(1, Ordering::Relaxed);
        let running = Running(self.running.clone());
        (taken < self.max_running).then_some(running)
    }

    /// The refusal of an operation past the socket's limit.
    pub fn too_many(&self) -> Response {
        let message = format!(
            "this socket already runs {} operations (QUIPU_WS_MAX_OPERATIONS): complete one first",
            self.max_running
        );
        Response::from_errors(vec![refuse("TOO_MANY_OPERATIONS", message)])
    }

    /// Remembers the key the connection authenticated with.
    pub fn set_key(&self, hash: Option<String>) {
        if let Ok(mut key) = self.key_hash.lock() {
            *key = hash;
        }
        self.initialised.send_replace(true);
    }

    /// The hash of the connection's key, if it has one.
    pub fn key(&self) -> Option<String> {
        self.key_hash.lock().ok().and_then(|k| k.clone())
    }

    /// Marks the key revoked: streams end and the pump closes the socket.
    pub fn revoke(&self) {
        self.revoked.send_replace(true);
    }

    /// Resolves once the key is revoked.
    pub fn revoked(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut receiver = self.revoked.subscribe();
        async move {
            let _ = receiver.wait_for(|revoked| *revoked).await;
        }
    }

    /// Resolves once `connection_init` has been accepted.
    pub fn initialised(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut receiver = self.initialised.subscribe();
        async move {
            let _ = receiver.wait_for(|done| *done).await;
        }
    }

    /// The refusal of an operation that may not run on this socket now: its
    /// document nests too deep, it is a mutation (unless allowed), or the
    /// connection's key has been revoked. None when it may run.
    pub async fn refusal(&self, request: &Request) -> Option<Response> {
        let refused =
            |code: &str, message: String| Some(Response::from_errors(vec![refuse(code, message)]));
        if let Err(message) = input_limits::check_text(&request.query, &self.input) {
            return refused(input_limits::TOO_DEEP, message);
        }
        if !self.mutations && is_mutation(request) {
            let message = "mutations are not accepted over WebSocket: send them with POST /graphql";
            return refused("METHOD_NOT_ALLOWED", message.into());
        }
        if let Some(hash) = self.key() {
            if let Err(err) = auth::authenticate_hash(&self.db, &hash).await {
                self.revoke();
                let error = err.extend().into_server_error(Pos::default());
                return Some(Response::from_errors(vec![error]));
            }
        }
        None
    }
}

/// Whether the request's operation (the named one, or the only one) is a mutation.
fn is_mutation(request: &Request) -> bool {
    let Ok(document) = async_graphql::parser::parse_query(&request.query) else {
        return false;
    };
    document.operations.iter().any(|(name, op)| {
        let chosen = match (&request.operation_name, name) {
            (Some(wanted), Some(name)) => wanted == name.as_str(),
            _ => true,
        };
        chosen && op.node.ty == OperationType::Mutation
    })
}
