//! The request guard: Automatic Persisted Queries (by SHA-256), the
//! allow-list mode, and limits on the shape of a query (aliases, root
//! fields) that depth and complexity limits do not catch, and on input values
//! ([`super::input_limits`]). It runs before parsing is trusted, so a hostile
//! document is refused before any work. The APQ cache is bounded in bytes and
//! evicts the least recently used documents.

use std::sync::Arc;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextPrepareRequest,
};
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, Selection, SelectionSet,
};
use async_graphql::parser::Error as ParserError;
use async_graphql::{Request, ServerResult};
use moka::sync::Cache;
use sea_orm::DatabaseConnection;

use super::fragments::Unspreadable;
use super::input_limits::{self, refuse, InputLimits};
use crate::store::operations::{find_operation, sha256_hex};

/// What the guard enforces.
#[derive(Debug, Clone, Copy)]
pub struct GuardLimits {
    /// The most aliases in one document.
    pub max_aliases: usize,
    /// The most root fields in one operation.
    pub max_root_fields: usize,
    /// Whether only registered operations may run.
    pub allowlist: bool,
    /// Whether `__schema` and `__type` may be asked for.
    pub introspection: bool,
    /// How far input values may go.
    pub input: InputLimits,
    /// The most bytes of documents the APQ cache keeps.
    pub apq_cache_bytes: u64,
    /// The largest document the APQ cache keeps.
    pub apq_max_document_bytes: usize,
}

/// Installs the guard on a schema; clones share one APQ cache.
#[derive(Clone)]
pub struct RequestGuard {
    shared: Arc<Shared>,
}

struct Shared {
    db: Option<DatabaseConnection>,
    limits: GuardLimits,
    /// APQ documents by hash, weighed in bytes.
    cache: Cache<String, Arc<str>>,
}

impl RequestGuard {
    /// A guard with these limits; `db` holds the registered operations.
    pub fn new(db: Option<DatabaseConnection>, limits: GuardLimits) -> Self {
        RequestGuard {
            shared: Arc::new(Shared {
                db,
                limits,
                cache: Cache::builder()
                    .max_capacity(limits.apq_cache_bytes)
                    .weigher(|hash: &String, doc: &Arc<str>| {
                        u32::try_from(hash.len() + doc.len()).unwrap_or(u32::MAX)
                    })
                    .build(),
            }),
        }
    }
}

impl ExtensionFactory for RequestGuard {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Guard {
            shared: self.shared.clone(),
        })
    }
}

struct Guard {
    shared: Arc<Shared>,
}

/// The `persistedQuery` hash a request carries, if any.
fn persisted_hash(request: &mut Request) -> ServerResult<Option<String>> {
    let Some(value) = request.extensions.remove("persistedQuery") else {
        return Ok(None);
    };
    let json = value
        .into_json()
        .map_err(|_| refuse("BAD_USER_INPUT", "invalid persistedQuery extension"))?;
    if json.get("version").and_then(|v| v.as_i64()) != Some(1) {
        return Err(refuse(
            "BAD_USER_INPUT",
            "only version 1 of the persistedQuery extension is supported",
        ));
    }
    match json.get("sha256Hash").and_then(|h| h.as_str()) {
        Some(hash) => Ok(Some(hash.to_ascii_lowercase())),
        None => Err(refuse(
            "BAD_USER_INPUT",
            "persistedQuery needs a sha256Hash",
        )),
    }
}

impl Guard {
    /// The registered document with this hash, if any.
    async fn registered(&self, hash: &str) -> ServerResult<Option<String>> {
        let Some(db) = &self.shared.db else {
            return Ok(None);
        };
        match find_operation(db, hash).await {
            Ok(found) => Ok(found.map(|op| op.document)),
            Err(err) => {
                tracing::error!(?err, "looking up a persisted operation");
                Err(refuse("INTERNAL", "internal error"))
            }
        }
    }

    /// Fills in or checks the query text from the allow-list or the APQ cache.
    async fn resolve_query(&self, request: &mut Request, hash: Option<String>) -> ServerResult<()> {
        let given = (!request.query.is_empty()).then(|| sha256_hex(&request.query));
        if let (Some(hash), Some(actual)) = (&hash, &given) {
            if hash != actual {
                return Err(refuse(
                    "BAD_USER_INPUT",
                    "provided sha does not match query",
                ));
            }
        }
        if self.shared.limits.allowlist {
            let Some(key) = hash.or(given) else {
                return Err(refuse("OPERATION_NOT_ALLOWED", "empty request"));
            };
            return match self.registered(&key).await? {
                Some(document) => {
                    request.query = document;
                    Ok(())
                }
                None => Err(refuse(
                    "OPERATION_NOT_ALLOWED",
                    "only registered operations may run on this server",
                )),
            };
        }
        let Some(hash) = hash else { return Ok(()) };
        if request.query.is_empty() {
            let found = match self.shared.cache.get(&hash) {
                Some(text) => Some(text.to_string()),
                None => self.registered(&hash).await?,
            };
            // Apollo clients resend the full query when they read this exact message.
            request.query = found
                .ok_or_else(|| refuse("PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound"))?;
        } else if request.query.len() <= self.shared.limits.apq_max_document_bytes {
            self.shared
                .cache
                .insert(hash, request.query.as_str().into());
        }
        Ok(())
    }

    /// Refuses documents with too many aliases or root fields.
    fn check_shape(&self, document: &ExecutableDocument) -> ServerResult<()> {
        let limits = self.shared.limits;
        let mut aliases = document
            .fragments
            .values()
            .map(|f| count_aliases(&f.node.selection_set.node))
            .sum::<usize>();
        for (_, operation) in operations(document) {
            let set = &operation.node.selection_set.node;
            aliases += count_aliases(set);
            if !limits.introspection && introspects(set) {
                return Err(refuse(
                    "INTROSPECTION_DISABLED",
                    "introspection is switched off on this server",
                ));
            }
            if set.items.len() > limits.max_root_fields {
                let message = format!(
                    "the operation selects {} root fields; at most {} are allowed",
                    set.items.len(),
                    limits.max_root_fields
                );
                return Err(refuse("QUERY_TOO_WIDE", message));
            }
        }
        if aliases > limits.max_aliases {
            return Err(refuse(
                "QUERY_TOO_MANY_ALIASES",
                format!(
                    "the request uses {aliases} aliases; at most {} are allowed",
                    limits.max_aliases
                ),
            ));
        }
        Ok(())
    }
}

/// Refuses a fragment that spreads itself, and selections nested deeper
/// once fragments are spread than the text's own limit allows.
fn check_spread_depth(document: &ExecutableDocument, limits: &InputLimits) -> ServerResult<()> {
    let limit = limits.text_depth();
    let message = match super::fragments::expanded_depth(document, limit) {
        Ok(depth) if depth <= limit => return Ok(()),
        Err(Unspreadable::Cycle(name)) => {
            format!("fragment {name} spreads itself, directly or through other fragments")
        }
        _ => format!(
            "with its fragments spread the document nests more than {limit} levels; \
             at most {} levels of fields are allowed",
            limits.selection_depth
        ),
    };
    Err(refuse(input_limits::TOO_DEEP, message))
}

/// Every operation of a document.
fn operations(
    document: &ExecutableDocument,
) -> Vec<(
    Option<&str>,
    &async_graphql::Positioned<async_graphql::parser::types::OperationDefinition>,
)> {
    match &document.operations {
        DocumentOperations::Single(op) => vec![(None, op)],
        DocumentOperations::Multiple(ops) => ops
            .iter()
            .map(|(name, op)| (Some(name.as_str()), op))
            .collect(),
    }
}

/// Whether a root selection asks for `__schema` or `__type`.
fn introspects(set: &SelectionSet) -> bool {
    set.items.iter().any(|item| match &item.node {
        Selection::Field(field) => matches!(field.node.name.node.as_str(), "__schema" | "__type"),
        Selection::InlineFragment(fragment) => introspects(&fragment.node.selection_set.node),
        Selection::FragmentSpread(_) => false,
    })
}

/// Aliases in a selection set, nested sets included (fragment spreads are counted where defined).
fn count_aliases(set: &SelectionSet) -> usize {
    set.items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(field) => {
                usize::from(field.node.alias.is_some())
                    + count_aliases(&field.node.selection_set.node)
            }
            Selection::InlineFragment(fragment) => count_aliases(&fragment.node.selection_set.node),
            Selection::FragmentSpread(_) => 0,
        })
        .sum()
}

#[async_trait::async_trait]
impl Extension for Guard {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        mut request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        let hash = persisted_hash(&mut request)?;
        self.resolve_query(&mut request, hash).await?;
        let limits = &self.shared.limits.input;
        input_limits::check_text(&request.query, limits)
            .map_err(|message| refuse(input_limits::TOO_DEEP, message))?;
        // A document that does not parse is left for the parser to report
        // with its position, unless it nests past the parser's own limit.
        match async_graphql::parser::parse_query(&request.query) {
            Ok(document) => {
                check_spread_depth(&document, limits)?;
                self.check_shape(&document)?;
                input_limits::check(&document, &request.variables, limits)?;
                request.set_parsed_query(document);
            }
            Err(ParserError::RecursionLimitExceeded) => {
                return Err(refuse(
                    input_limits::TOO_DEEP,
                    "the document nests deeper than the parser follows",
                ));
            }
            Err(_) => {}
        }
        next.run(ctx, request).await
    }
}

impl RequestGuard {
    /// The APQ cache's weight in bytes and its number of documents, after pending evictions.
    pub fn cache_usage(&self) -> (u64, u64) {
        self.shared.cache.run_pending_tasks();
        (
            self.shared.cache.weighted_size(),
            self.shared.cache.entry_count(),
        )
    }
}
