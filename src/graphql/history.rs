//! Root fields over the revision log: a record's `history`, the `changes`
//! feed partners sync from, and the `entityChanged` subscription.

use async_graphql::{Context, Enum, Object, SimpleObject, Subscription, ID};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use entity::revision;
use futures_util::Stream;
use sea_orm::sea_query::{Condition, Expr, ExprTrait};
use sea_orm::Order;

use super::context::db;
use super::pagination::{self, Connection, PageArgs};
use super::Revision;
use crate::changes::ChangeHub;
use crate::domain::{NodeId, NodeKind};
use crate::error::{in_range, Error, Result};
use crate::store;

/// Declares `NodeType` from the kinds `with_node_kinds!` lists.
macro_rules! node_type {
    ($($kind:ident),+) => {
        /// The types of record that have a history.
        // `remote` converts both ways with exhaustive matches.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
        #[graphql(remote = "crate::domain::NodeKind")]
        pub enum NodeType {
            $(#[doc = concat!("`", stringify!($kind), "`.")] $kind,)+
        }
    };
}

with_node_kinds!(node_type);

impl NodeType {
    /// The GraphQL type name, as revisions store it.
    fn type_name(self) -> &'static str {
        NodeKind::from(self).type_name()
    }
}

/// One page of the change feed.
#[derive(SimpleObject)]
pub struct ChangeFeed {
    /// The revisions after the cursor, in commit order.
    revisions: Vec<Revision>,
    /// Pass as `after` to continue from here; when nothing new has come, it is the cursor you sent.
    end_cursor: String,
    /// Whether more revisions wait right now (ask again at once) or you have caught up.
    has_more: bool,
}

/// The feed cursor after revision `id`.
fn encode_feed_cursor(id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("revision:{id}"))
}

/// The revision ID a feed cursor stands after.
fn decode_feed_cursor(cursor: &str) -> Result<i64> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|t| t.strip_prefix("revision:").and_then(|n| n.parse().ok()))
        .ok_or_else(|| Error::bad_input(format!("'{cursor}' is not a change-feed cursor")))
}

/// The stored type names of `types` (all when empty or absent).
fn type_names(types: &Option<Vec<NodeType>>) -> Vec<&'static str> {
    types.iter().flatten().map(|t| t.type_name()).collect()
}

/// Root fields over the revision log.
#[derive(Default)]
pub struct HistoryQuery;

/// Root fields over the revision log.
#[Object]
impl HistoryQuery {
    /// Every revision of one record, oldest first: who changed what, when,
    /// before and after. Works for retracted and merged records too.
    #[graphql(complexity = "crate::graphql::pagination::cost(first, last, child_complexity)")]
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The record's global ID (`Type:slug`).")] id: ID,
        #[graphql(desc = "At most this many items, from the start of the list or after `after`.")]
        first: Option<i32>,
        #[graphql(
            desc = "Continue after the item with this cursor (`pageInfo.endCursor`, or an edge's `cursor`)."
        )]
        after: Option<String>,
        #[graphql(desc = "At most this many items, from the end of the list or before `before`.")]
        last: Option<i32>,
        #[graphql(
            desc = "Continue before the item with this cursor (`pageInfo.startCursor`, or an edge's `cursor`)."
        )]
        before: Option<String>,
    ) -> Result<Connection<Revision>> {
        let id = NodeId::parse(&id).map_err(Error::BadUserInput)?;
        let found = store::records::find_ref(db(ctx)?, id.kind.table_name(), &id.slug)
            .await?
            .ok_or_else(|| Error::not_found(format!("nothing has the ID '{id}'")))?;
        let condition = Condition::all()
            .add(Expr::col(revision::Column::NodeType).eq(id.kind.type_name()))
            .add(Expr::col(revision::Column::NodeId).eq(found.id));
        let order = [(revision::Column::Id, Order::Asc)];
        let args = PageArgs::new(first, after, last, before);
        let page = pagination::root(ctx, &args, condition, &order).await?;
        Ok(page.with_rows(Revision::batch))
    }

    /// The change feed: revisions in commit order after the cursor `after`
    /// (from the beginning without one), of the given `types` (all without),
    /// at most `first` (default 100, at most 1000). Keep `endCursor` and pass
    /// it next time: nothing committed later is ever skipped.
    async fn changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The `endCursor` of the previous call; from the first revision when omitted."
        )]
        after: Option<String>,
        #[graphql(desc = "Only revisions of these kinds of record (all when omitted).")]
        types: Option<Vec<NodeType>>,
        #[graphql(default = 100, desc = "At most this many revisions (at most 1000).")] first: i32,
    ) -> Result<ChangeFeed> {
        in_range("first", first, 1..=1000)?;
        let start = match &after {
            Some(cursor) => decode_feed_cursor(cursor)?,
            None => 0,
        };
        let types = type_names(&types);
        let mut rows =
            store::history::find_after(db(ctx)?, start, &types, first as u64 + 1).await?;
        let has_more = rows.len() > first as usize;
        rows.truncate(first as usize);
        let end = rows.last().map_or(start, |r| r.id);
        Ok(ChangeFeed {
            revisions: Revision::batch(rows.into_iter().map(Revision::new).collect()),
            end_cursor: encode_feed_cursor(end),
            has_more,
        })
    }
}

/// The subscription root.
#[derive(Default)]
pub struct SubscriptionRoot;

/// Live events: revisions as they are committed, on any server.
#[Subscription(name = "Subscription")]
impl SubscriptionRoot {
    /// Every revision committed from now on, on any server, of the given
    /// `types` (all without). Over WebSocket at `/graphql/ws` (graphql-transport-ws).
    async fn entity_changed(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only revisions of these kinds of record (all when omitted).")]
        types: Option<Vec<NodeType>>,
    ) -> Result<impl Stream<Item = Revision>> {
        let hub = ctx
            .data::<ChangeHub>()
            .map_err(|_| Error::Internal("the schema has no change hub".into()))?;
        let types = type_names(&types);
        let receiver = hub.subscribe();
        Ok(futures_util::stream::unfold(
            receiver,
            move |mut receiver| {
                let types = types.clone();
                async move {
                    loop {
                        match receiver.recv().await {
                            Ok(r) if types.is_empty() || types.contains(&r.node_type.as_str()) => {
                                return Some((Revision::new(r), receiver))
                            }
                            Ok(_) => continue,
                            // A subscriber that fell behind skips what it missed; the feed has it all.
                            Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                            Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
                        }
                    }
                }
            },
        ))
    }
}
