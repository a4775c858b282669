//! Records a root field returns among other things (a timeline's entries,
//! search hits, a neighborhood's nodes and edges' ends), answered together:
//! the first of them to resolve plans the selection once for the whole
//! batch, reads the rows of every kind among them in one statement per
//! kind and assembles every value; the others take theirs from it. So a
//! page of 100 hits costs what one costs, and nothing waits on a timer:
//! all of them resolve the same field of the query (its position keys the
//! batch), and whichever comes first does the work. A selection no plan
//! takes is answered by the types' resolvers, record by record.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex};

use async_graphql::parser::types::Field;
use async_graphql::{ContextSelectionSet, OutputType, Pos, Positioned, ServerResult, Value};
use sea_orm::DatabaseConnection;
use tokio::sync::OnceCell;

use super::lookup::node_row;
use super::root::{counted, db, planning, resolved, span};
use super::{assemble, walk, Row, Ty};
use crate::domain::NodeKind;
use crate::error::Result;
use crate::graphql::node::{load_node, Node};
use crate::store::records::find_by_ids;

/// A record of a batch: already read, or named by kind and row ID.
pub enum Item {
    /// A record read with the list (a timeline's entries).
    Read(Box<Node>),
    /// A record to read (a search hit, a graph node).
    Named(NodeKind, i64),
}

/// The values of a batch for one field of the query, once built.
type Built = Arc<OnceCell<Option<Vec<Value>>>>;

/// Records answered together.
pub struct Batch {
    items: Vec<Item>,
    built: Mutex<HashMap<Pos, Built>>,
}

/// One record of a batch, as a `T` in the schema (`Node`, or the record's
/// own type or interface: `Place`, `Actor`...).
pub struct Batched<T = Node> {
    batch: Arc<Batch>,
    index: usize,
    ty: PhantomData<fn() -> T>,
}

/// One record of a batch, as a `Node`.
pub type BatchedNode = Batched<Node>;

impl<T> Clone for Batched<T> {
    fn clone(&self) -> Self {
        Batched {
            batch: self.batch.clone(),
            index: self.index,
            ty: PhantomData,
        }
    }
}

impl Batch {
    /// The batch of `items`, each one a [`Batched`] in order.
    pub fn of<T>(items: Vec<Item>) -> Vec<Batched<T>> {
        let len = items.len();
        let batch = Arc::new(Batch {
            items,
            built: Mutex::new(HashMap::new()),
        });
        (0..len)
            .map(|index| Batched {
                batch: batch.clone(),
                index,
                ty: PhantomData,
            })
            .collect()
    }

    /// A batch of one.
    pub fn one<T>(item: Item) -> Batched<T> {
        Batched {
            batch: Arc::new(Batch {
                items: vec![item],
                built: Mutex::new(HashMap::new()),
            }),
            index: 0,
            ty: PhantomData,
        }
    }

    /// The cell of the values for the query's field at `pos`.
    fn cell(&self, pos: Pos) -> Built {
        // A poisoned lock only means another resolver panicked; the map is still sound.
        let mut built = self.built.lock().unwrap_or_else(|e| e.into_inner());
        built.entry(pos).or_default().clone()
    }

    /// Every record's value for `field`, from one plan per type among them;
    /// `None` when the selection takes no plan or a named record is gone.
    async fn build(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> Option<Vec<Value>> {
        let rows = match self.rows(db(ctx).ok()?).await {
            Ok(rows) => rows?,
            Err(err) => {
                tracing::warn!(
                    ?err,
                    "a batch's rows could not be read; the resolvers answer"
                );
                return None;
            }
        };
        let mut levels = HashMap::new();
        for row in &rows {
            if let Entry::Vacant(entry) = levels.entry(row.ty()) {
                entry.insert(walk::level(ctx, &field.node.selection_set.node, row.ty())?);
            }
        }
        let rows: Vec<Option<Row>> = rows.into_iter().map(Some).collect();
        let db = db(ctx).ok()?;
        let built = assemble::nodes(db, &levels, &rows);
        match tracing::Instrument::instrument(built, span(field, true)).await {
            Ok(Value::List(values)) if values.len() == rows.len() => Some(values),
            Ok(_) => None,
            Err(err) => {
                tracing::warn!(?err, "a batch could not be assembled; the resolvers answer");
                None
            }
        }
    }

    /// The rows of the batch, in order: one statement per kind named;
    /// `None` if a named record is gone.
    async fn rows(&self, db: &DatabaseConnection) -> Result<Option<Vec<Row>>> {
        let mut wanted: HashMap<NodeKind, Vec<i64>> = HashMap::new();
        for item in &self.items {
            if let Item::Named(kind, id) = item {
                wanted.entry(*kind).or_default().push(*id);
            }
        }
        let mut found: HashMap<(NodeKind, i64), Row> = HashMap::new();
        for (kind, ids) in wanted {
            let ty = ty_of(kind);
            on_ty!(ty, |E, wrap| {
                for (id, model) in find_by_ids::<E>(db, &ids).await? {
                    found.insert((kind, id), wrap(model));
                }
            });
        }
        Ok(self
            .items
            .iter()
            .map(|item| match item {
                Item::Read(node) => Some(node_row(node)),
                Item::Named(kind, id) => found.get(&(*kind, *id)).cloned(),
            })
            .collect())
    }
}

/// The planned type of a kind of node.
fn ty_of(kind: NodeKind) -> Ty {
    match kind {
        NodeKind::Person => Ty::Person,
        NodeKind::Organization => Ty::Organization,
        NodeKind::Place => Ty::Place,
        NodeKind::Position => Ty::Position,
        NodeKind::Incident => Ty::Incident,
        NodeKind::Statement => Ty::Statement,
        NodeKind::Source => Ty::Source,
        NodeKind::CasualtyReport => Ty::CasualtyReport,
    }
}

impl<T> Batched<T> {
    /// The record read by the resolvers (a named one through the request's loader).
    async fn by_resolvers(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        let node = match &self.batch.items[self.index] {
            Item::Read(node) => return by_type(node, ctx, field).await,
            Item::Named(kind, id) => load_node(&ctx.with_field(field), *kind, *id).await,
        };
        match node {
            Ok(node) => by_type(&node, ctx, field).await,
            Err(err) => {
                Err(ctx
                    .set_error_path(async_graphql::Error::from(err).into_server_error(field.pos)))
            }
        }
    }
}

/// The record answered by its own type's resolvers: a field that declares
/// `Incident` or `Actor` selects that type's fields, which `Node`'s
/// resolvers (the interface's) do not all know.
async fn by_type(
    node: &Node,
    ctx: &ContextSelectionSet<'_>,
    field: &Positioned<Field>,
) -> ServerResult<Value> {
    match node {
        Node::Person(x) => x.resolve(ctx, field).await,
        Node::Organization(x) => x.resolve(ctx, field).await,
        Node::Place(x) => x.resolve(ctx, field).await,
        Node::Position(x) => x.resolve(ctx, field).await,
        Node::Incident(x) => x.resolve(ctx, field).await,
        Node::Statement(x) => x.resolve(ctx, field).await,
        Node::Source(x) => x.resolve(ctx, field).await,
        Node::CasualtyReport(x) => x.resolve(ctx, field).await,
    }
}

// The value is the record's, whatever type the field declares: a field of
// type `Place` or `Actor` selects what `Node` would dispatch to.
impl<T: OutputType> OutputType for Batched<T> {
    answers_as!(T, |self, ctx, field| {
        if planning(ctx) {
            let cell = self.batch.cell(field.pos);
            let built = cell
                .get_or_init(|| async {
                    let built = self.batch.build(ctx, field).await;
                    counted(ctx, built.is_some());
                    built
                })
                .await;
            if let Some(value) = built.as_ref().and_then(|values| values.get(self.index)) {
                return Ok(value.clone());
            }
        }
        resolved(self.by_resolvers(ctx, field), field).await
    });
}
