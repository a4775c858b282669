//! Execution results as the GraphQL specification says them, where
//! async-graphql 7 departs from it: a field whose resolver fails is dropped
//! from its object (the spec wants `null` there, and a failed non-null field
//! to null its nearest nullable ancestor, `data` itself at the top), and an
//! object's keys come back in the order its fields finished (the spec wants
//! the query's order).
//!
//! The extension wraps every field's resolution: a failure becomes `null`
//! with its error kept for the response; a failed non-null field is marked
//! pending until an ancestor that may be null absorbs it (or `data` does);
//! and an object's keys are put back in the order of its selection.
//! Queries and mutations only: a subscription's events keep async-graphql's
//! own handling.

mod defaults;
mod order;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery, NextPrepareRequest,
    NextResolve, ResolveInfo,
};
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, OperationType, SelectionSet,
};
use async_graphql::registry::Registry;
use async_graphql::{
    PathSegment, Positioned, QueryPathNode, QueryPathSegment, Request, Response, ServerError,
    ServerResult, Value, Variables,
};

use order::reorder;

/// Installs [`Results`] on every request.
pub struct SpecResults;

impl ExtensionFactory for SpecResults {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Results::default())
    }
}

/// One request's document, the errors its fields gave and the failed
/// non-null fields no ancestor has absorbed yet.
#[derive(Default)]
struct Results {
    document: Mutex<Option<ExecutableDocument>>,
    /// Set while a query or a mutation executes.
    active: AtomicBool,
    /// Set once a non-null field fails: the fast path checks only this.
    failing: AtomicBool,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    errors: Vec<ServerError>,
    pending: Vec<Vec<PathSegment>>,
}

/// The owned path of a field in the response.
fn path_of(node: &QueryPathNode<'_>) -> Vec<PathSegment> {
    let mut path: Vec<PathSegment> = std::iter::once(node)
        .chain(node.parents())
        .map(|node| match node.segment {
            QueryPathSegment::Index(i) => PathSegment::Index(i),
            QueryPathSegment::Name(name) => PathSegment::Field(name.to_owned()),
        })
        .collect();
    path.reverse();
    path
}

/// The named type at the heart of a type reference (`[Statement!]!` → `Statement`).
fn named(type_ref: &str) -> &str {
    type_ref.trim_matches(|c| c == '[' || c == ']' || c == '!')
}

impl Results {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A field that failed: `null` in its place, its error kept, and, when
    /// the field may not be null, a failure for an ancestor to absorb.
    fn failed(&self, mut error: ServerError, at: &QueryPathNode<'_>, nullable: bool) -> Value {
        let path = path_of(at);
        if error.path.is_empty() {
            error.path = path.clone();
        }
        let mut state = self.lock();
        state.errors.push(error);
        if !nullable {
            state.pending.push(path);
            self.failing.store(true, Ordering::Release);
        }
        Value::Null
    }

    /// Whether a failure below the field at `at` nulls it (it may be null
    /// and a non-null field under it failed); the failure is then absorbed.
    fn absorbs(&self, at: &QueryPathNode<'_>) -> bool {
        if !self.failing.load(Ordering::Acquire) {
            return false;
        }
        let path = path_of(at);
        let mut state = self.lock();
        let before = state.pending.len();
        state.pending.retain(|failed| !failed.starts_with(&path));
        state.pending.len() < before
    }

    /// Puts the keys of `value`, an object of type `ty` selected by `set`, in the query's order.
    fn reorder(&self, registry: &Registry, ty: &str, set: &SelectionSet, value: &mut Value) {
        let guard = self.document.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(document) = guard.as_ref() {
            reorder(document, registry, ty, set, value);
        }
    }
}

/// A syntax error's message without the parser's drawing of the line (its
/// position is in `locations`): "syntax error: expected selection".
fn short(mut error: ServerError) -> ServerError {
    let expected = error
        .message
        .lines()
        .rev()
        .find_map(|line| line.trim().strip_prefix("= "))
        .map(|expected| format!("syntax error: {expected}"));
    if let Some(message) = expected {
        error.message = message;
    }
    error
}

/// The operation a request runs.
fn operation<'a>(
    document: &'a ExecutableDocument,
    name: Option<&str>,
) -> Option<&'a Positioned<async_graphql::parser::types::OperationDefinition>> {
    match (&document.operations, name) {
        (DocumentOperations::Single(op), _) => Some(op),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next(),
        _ => None,
    }
}

#[async_trait::async_trait]
impl Extension for Results {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        next.run(ctx, defaults::apply(request)).await
    }

    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await.map_err(short)?;
        *self.document.lock().unwrap_or_else(|p| p.into_inner()) = Some(document.clone());
        Ok(document)
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let ty = {
            let guard = self.document.lock().unwrap_or_else(|p| p.into_inner());
            guard
                .as_ref()
                .and_then(|d| operation(d, operation_name))
                .map(|op| op.node.ty)
        };
        let Some(ty) = ty else {
            return next.run(ctx, operation_name).await;
        };
        let registry = &ctx.schema_env.registry;
        let root_type = match ty {
            OperationType::Query => registry.query_type.clone(),
            OperationType::Mutation => registry.mutation_type.clone().unwrap_or_default(),
            OperationType::Subscription => return next.run(ctx, operation_name).await,
        };
        self.active.store(true, Ordering::Release);
        let mut response = next.run(ctx, operation_name).await;
        let state = std::mem::take(&mut *self.lock());
        response.errors.extend(state.errors);
        if !state.pending.is_empty() {
            response.data = Value::Null;
        }
        let guard = self.document.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(document) = guard.as_ref() {
            if let Some(op) = operation(document, operation_name) {
                let set = &op.node.selection_set.node;
                reorder(document, registry, &root_type, set, &mut response.data);
            }
        }
        drop(guard);
        response
    }

    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        if !self.active.load(Ordering::Acquire) {
            return next.run(ctx, info).await;
        }
        let (at, field) = (info.path_node, info.field);
        let return_type = info.return_type.to_owned();
        let nullable = !return_type.ends_with('!');
        match next.run(ctx, info).await {
            Ok(_) if nullable && self.absorbs(at) => Ok(Some(Value::Null)),
            Ok(Some(mut value)) => {
                let set = &field.selection_set.node;
                self.reorder(
                    &ctx.schema_env.registry,
                    named(&return_type),
                    set,
                    &mut value,
                );
                Ok(Some(value))
            }
            Ok(None) => Ok(None),
            Err(error) => Ok(Some(self.failed(error, at, nullable))),
        }
    }
}
