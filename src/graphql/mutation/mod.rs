//! The mutation root: create and update for every kind of record, and
//! `retract`, `merge` and `revert` for any record. Every mutation needs an
//! editor key, runs as one [`Change`] (one transaction, a revision per record
//! touched) and validates its whole input before it writes: a bad field is a
//! BAD_USER_INPUT naming the field's path, and nothing is half-written.

/// The mutation object of one or more kinds of record:
/// `record_mutations!(Object, "plural"; "a thing", Payload: create_thing(CreateInput),
/// update_thing(UpdateInput))`. Each field runs [`create`] or [`update`],
/// which start the change and leave the rest to the input's [`Create`] or
/// [`Update`] impl.
macro_rules! record_mutations {
    (
        $name:ident, $plural:literal;
        $($what:literal, $payload:ident: $create:ident($cin:ident), $update:ident($uin:ident));+ $(;)?
    ) => {
        $(impl $crate::graphql::mutation::Targeted for $uin {
            fn target(&self) -> (&async_graphql::ID, i32) {
                (&self.id, self.version)
            }
        })+

        record_mutations!(@fields $name $plural [] $(
            [concat!("Creates ", $what, ". Needs an editor key.")]
            $create($cin) "The new record's fields." => $payload, create;
            [concat!("Updates ", $what, ". Needs an editor key and the version you read.")]
            $update($uin) "The record, the version you read, and the fields to change (omitted fields stay as they are)." => $payload, update;
        )+);
    };
    (@fields $name:ident $plural:literal [$($out:tt)*]) => {
        #[doc = concat!("Mutations of ", $plural, ".")]
        #[derive(Default)]
        pub struct $name;

        #[doc = concat!("Mutations of ", $plural, ".")]
        #[async_graphql::Object]
        impl $name {
            $($out)*
        }
    };
    (
        @fields $name:ident $plural:literal [$($out:tt)*]
        [$($doc:tt)+] $field:ident($input:ident) $desc:literal => $payload:ident, $run:ident;
        $($rest:tt)*
    ) => {
        record_mutations!(@fields $name $plural [$($out)*
            // The doc as tokens: async-graphql does not read an `expr` fragment.
            #[doc = $($doc)+]
            async fn $field(
                &self,
                ctx: &async_graphql::Context<'_>,
                #[graphql(desc = $desc)]
                input: $input,
            ) -> $crate::error::Result<$payload> {
                $crate::graphql::mutation::$run(ctx, input).await
            }
        ] $($rest)*);
    };
}

mod actor;
mod casualty_report;
mod incident;
mod named;
mod payload;
mod place;
mod position;
mod record;
mod source;
mod statement;
pub mod validate;
mod write;

use async_graphql::{Context, MergedObject, ID};
use entity::citation;
use sea_orm::Set;
use serde_json::Value;

pub use payload::*;
use write::{finish, Edit, NewRecord};

use crate::auth::{self, Role};
use crate::domain::{NodeId, NodeKind};
use crate::error::{Error, Result};
use crate::store::{self, records::RecordRef};
use crate::write::{typed, Change, Writer};

/// Every root mutation field, merged from the per-domain objects.
#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct MutationRoot(
    actor::ActorMutation,
    place::PlaceMutation,
    source::SourceMutation,
    position::PositionMutation,
    incident::IncidentMutation,
    statement::StatementMutation,
    casualty_report::CasualtyReportMutation,
    record::RecordMutation,
);

/// A create mutation's input, for the record kind of the payload `P`.
trait Create<P: RecordPayload> {
    /// Checks the input (looking up what it refers to within `change`) and
    /// says what to write.
    async fn create(self, change: &Change) -> Result<NewRecord>;
}

/// An update input's `id` and `version` (`record_mutations!` implements it).
trait Targeted {
    /// The record to update and the version the client read.
    fn target(&self) -> (&ID, i32);
}

/// An update mutation's input: what it does once its target is checked.
trait Update<P: RecordPayload>: Targeted {
    /// Checks the input (looking up what it refers to within `change`) and
    /// says what to write to the record with row ID `row` (live, at the
    /// version the client read).
    async fn update(self, change: &Change, row: i64) -> Result<Edit>;
}

/// A create mutation: a change for the caller, the input checked, the
/// record and its links written; commits and returns the payload.
async fn create<P: RecordPayload>(ctx: &Context<'_>, input: impl Create<P>) -> Result<P> {
    let mut change = begin(ctx).await?;
    let new = input.create(&change).await?;
    change.create(P::KIND, new.row, new.links).await?;
    finish(ctx, change).await
}

/// An update mutation: a change for the caller, the target checked (live,
/// of the payload's kind, at the version the client read), the input
/// checked, the changes written; commits and returns the payload.
async fn update<P: RecordPayload>(ctx: &Context<'_>, input: impl Update<P>) -> Result<P> {
    let mut change = begin(ctx).await?;
    let (id, version) = input.target();
    let (_, row) = target(&change, id, Some(P::KIND), version).await?;
    let edit = input.update(&change, row).await?;
    change.update(P::KIND, row, edit.fields, edit.links).await?;
    finish(ctx, change).await
}

/// Starts a change for the caller, who needs an editor key.
async fn begin(ctx: &Context<'_>) -> Result<Change> {
    let actor = auth::caller(ctx)?.require(Role::Editor)?.to_string();
    let writer = ctx
        .data::<Writer>()
        .map_err(|_| Error::Internal("the schema has no writer".into()))?;
    writer.begin(&actor).await
}

/// The live record `id` names, which must be of one of `kinds`;
/// BAD_USER_INPUT naming `path` otherwise.
async fn live_ref(
    change: &Change,
    path: &str,
    id: &ID,
    kinds: &[NodeKind],
) -> Result<(NodeKind, RecordRef)> {
    let parsed = NodeId::parse(id).map_err(|e| Error::bad_input(format!("`{path}`: {e}")))?;
    let id = id.as_str();
    if !kinds.contains(&parsed.kind) {
        let names: Vec<&str> = kinds.iter().map(|k| k.type_name()).collect();
        return Err(Error::bad_input(format!(
            "`{path}`: '{id}' is a {}, expected a {}",
            parsed.kind.type_name(),
            names.join(" or ")
        )));
    }
    let found =
        store::records::find_live_ref(change.db(), parsed.kind.table_name(), &parsed.slug).await?;
    match found {
        Some(found) if !found.retracted => Ok((parsed.kind, found)),
        Some(_) => Err(Error::bad_input(format!("`{path}`: '{id}' is retracted"))),
        None => Err(Error::bad_input(format!(
            "`{path}`: nothing has the ID '{id}'"
        ))),
    }
}

/// The kind and row ID of the live record `id` names, which must be of one of `kinds`.
async fn reference(
    change: &Change,
    path: &str,
    id: &ID,
    kinds: &[NodeKind],
) -> Result<(NodeKind, i64)> {
    let (kind, found) = live_ref(change, path, id, kinds).await?;
    Ok((kind, found.id))
}

/// The row ID of the live record of `kind` that `id` names.
async fn reference_of(change: &Change, path: &str, id: &ID, kind: NodeKind) -> Result<i64> {
    Ok(reference(change, path, id, &[kind]).await?.1)
}

/// The row IDs of a list of references of `kind`, without repeats.
async fn references_of(
    change: &Change,
    path: &str,
    ids: &[ID],
    kind: NodeKind,
) -> Result<Vec<i64>> {
    let mut rows: Vec<i64> = Vec::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        let row = reference_of(change, &format!("{path}[{i}]"), id, kind).await?;
        if !rows.contains(&row) {
            rows.push(row);
        }
    }
    Ok(rows)
}

/// The record to update or retract: live, of `kind`, and still at `version`
/// (a CONFLICT otherwise: someone changed it since the client read it).
async fn target(
    change: &Change,
    id: &ID,
    kind: Option<NodeKind>,
    version: i32,
) -> Result<(NodeKind, i64)> {
    let kinds = kind.map_or(NodeKind::ALL.to_vec(), |k| vec![k]);
    let (kind, found) = live_ref(change, "input.id", id, &kinds).await?;
    if found.version != version {
        return Err(Error::Conflict(format!(
            "'{}' is at version {}, not {version}: someone changed it since you read it; read it again and reapply your change",
            id.as_str(),
            found.version
        )));
    }
    Ok((kind, found.id))
}

/// The citation link rows for a list of citation inputs.
async fn citation_rows(
    change: &Change,
    path: &str,
    citations: &[CitationInput],
) -> Result<Vec<Value>> {
    let mut rows = Vec::with_capacity(citations.len());
    for (i, citation) in citations.iter().enumerate() {
        let path = format!("{path}[{i}]");
        let source = reference_of(
            change,
            &format!("{path}.sourceId"),
            &citation.source_id,
            NodeKind::Source,
        )
        .await?;
        let excerpt = validate::text(&format!("{path}.excerpt"), &citation.excerpt, 5000)?;
        let row = citation::ActiveModel {
            source_id: Set(source),
            excerpt: Set(excerpt),
            ..Default::default()
        };
        rows.push(typed::new_row(&row));
    }
    Ok(rows)
}

/// The citation rows replacing a record's citations, when an update gives
/// them (at least one: every fact cites its source).
async fn replaced_citations(
    change: &Change,
    citations: Option<&[CitationInput]>,
) -> Result<Option<Vec<Value>>> {
    match citations {
        Some(list) => Ok(Some(new_citations(change, list).await?)),
        None => Ok(None),
    }
}

/// The citation rows of a record's citations: at least one, each of a live source.
async fn new_citations(change: &Change, citations: &[CitationInput]) -> Result<Vec<Value>> {
    if citations.is_empty() {
        return Err(Error::bad_input(
            "`input.citations` needs at least one citation: every fact cites its source",
        ));
    }
    citation_rows(change, "input.citations", citations).await
}

/// Where a fact comes from: a source and its verbatim words.
#[derive(async_graphql::InputObject)]
pub struct CitationInput {
    /// The source (`Source:...`).
    pub source_id: ID,
    /// The source's words that support the fact, verbatim (at most 5000 characters).
    pub excerpt: String,
}
