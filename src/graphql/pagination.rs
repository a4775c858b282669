//! Relay cursor pagination: `first`/`after`, `last`/`before`, `pageInfo`,
//! `totalCount`, for root lists and for relations alike.
//!
//! A root list's cursor is a keyset (see `keyset`), a relation's the
//! position of a row in its parent's list; both name their list (`cursor`).
//! `totalCount` costs a `COUNT(*)` on root lists, so it runs only when a
//! query asks for it (or when `last` without `before` needs the end).

use async_graphql::{Context, Object, OutputType, SimpleObject};
use sea_orm::sea_query::Condition;
use sea_orm::{EntityTrait, Order};

use super::{context::db, cursor, loaders};
use crate::error::{Error, Result};
use crate::store::{self, Record, Rel, Window};

/// The list name of the tests' position cursors.
#[cfg(test)]
const TEST_LIST: &str = "test";

/// The largest page a client may ask for.
pub const MAX_PAGE_SIZE: u64 = 100;
/// The page size when neither `first` nor `last` is given.
pub const DEFAULT_PAGE_SIZE: u64 = 20;

/// The complexity of a connection field: its rows' cost once per row it may
/// return (`first` or `last`, or the default page), plus its own.
pub fn cost(first: Option<i32>, last: Option<i32>, child_complexity: usize) -> usize {
    let rows = first.max(last).map_or(DEFAULT_PAGE_SIZE, |n| {
        n.clamp(0, MAX_PAGE_SIZE as i32) as u64
    });
    rows.max(1) as usize * child_complexity + 1
}

/// A GraphQL type listed in connections, wrapping a row of its table.
pub trait ListNode: OutputType + Send + Sync + 'static {
    /// The table behind the type.
    type Entity: Record<Model: Sync>;
    /// Wraps a row.
    fn wrap(model: <Self::Entity as EntityTrait>::Model) -> Self;
}

/// The Relay arguments of a connection field.
#[derive(Debug, Clone, Default)]
pub struct PageArgs {
    /// Rows after the cursor `after`, at most this many (at most 100).
    pub first: Option<i32>,
    /// The cursor the page starts after.
    pub after: Option<String>,
    /// Rows before the cursor `before`, at most this many (at most 100).
    pub last: Option<i32>,
    /// The cursor the page ends before.
    pub before: Option<String>,
}

impl PageArgs {
    /// Collects the four Relay arguments.
    pub fn new(
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Self {
        PageArgs {
            first,
            after,
            last,
            before,
        }
    }

    /// Whether the page cannot be placed without knowing the list's length.
    fn needs_total(&self) -> bool {
        self.last.is_some() && self.before.is_none() && self.first.is_none()
    }

    /// The rows `[start, end)` of `list` that the arguments select, for
    /// lists paged by position (relations, search, the timeline).
    pub(crate) fn range(&self, total: Option<u64>, list: &str) -> Result<(u64, u64)> {
        let first = page_size(self.first, "first")?;
        let last = page_size(self.last, "last")?;
        let start = match &self.after {
            Some(cursor) => cursor::decode_index(cursor, list)? + 1,
            None => 0,
        };
        let mut end = match &self.before {
            Some(cursor) => cursor::decode_index(cursor, list)?,
            None => total.unwrap_or(u64::MAX),
        };
        end = end.max(start);
        let first = if first.is_none() && last.is_none() {
            Some(DEFAULT_PAGE_SIZE)
        } else {
            first
        };
        if let Some(first) = first {
            end = end.min(start + first);
        }
        let start = match last {
            Some(last) => start.max(end.saturating_sub(last)),
            None => start,
        };
        Ok((start, end))
    }
}

/// Checks a `first` or `last` argument against the page cap.
pub(crate) fn page_size(value: Option<i32>, name: &str) -> Result<Option<u64>> {
    match value {
        None => Ok(None),
        Some(n) if n < 0 => Err(Error::bad_input(format!("`{name}` must not be negative, got {n}"))),
        Some(n) if n as u64 > MAX_PAGE_SIZE => Err(Error::bad_input(format!(
            "`{name}` must be at most {MAX_PAGE_SIZE}, got {n}: page through larger lists with cursors"
        ))),
        Some(n) => Ok(Some(n as u64)),
    }
}

/// How a connection's `totalCount` is found.
enum Total {
    /// Already known.
    Known(u64),
    /// Counted on demand: the rows of the root list matching this condition.
    Count(Condition),
}

/// A page of a list, with Relay's edges and page info.
pub struct Connection<N: ListNode> {
    edges: Vec<Edge<N>>,
    page_info: PageInfo,
    total: Total,
}

/// One row of a connection, with its cursor.
pub struct Edge<N> {
    cursor: String,
    node: N,
}

/// Where a page lies in its list.
#[derive(SimpleObject, Clone)]
pub struct PageInfo {
    /// Whether rows follow this page.
    has_next_page: bool,
    /// Whether rows precede this page.
    has_previous_page: bool,
    /// The cursor of the page's first row.
    start_cursor: Option<String>,
    /// The cursor of the page's last row.
    end_cursor: Option<String>,
}

impl PageInfo {
    /// Whether rows follow this page.
    pub(crate) fn has_next(&self) -> bool {
        self.has_next_page
    }

    /// Whether rows precede this page.
    pub(crate) fn has_previous(&self) -> bool {
        self.has_previous_page
    }

    /// The cursor of the page's first row.
    pub(crate) fn start(&self) -> Option<&str> {
        self.start_cursor.as_deref()
    }

    /// The cursor of the page's last row.
    pub(crate) fn end(&self) -> Option<&str> {
        self.end_cursor.as_deref()
    }

    /// The page info of a page whose edges carry keyset cursors.
    pub(crate) fn keyed(
        start_cursor: Option<String>,
        end_cursor: Option<String>,
        has_next: bool,
        has_previous: bool,
    ) -> Self {
        PageInfo {
            has_next_page: has_next,
            has_previous_page: has_previous,
            start_cursor,
            end_cursor,
        }
    }

    /// The page info of `count` rows of `list` starting at position `start`.
    pub(crate) fn new(list: &str, start: u64, count: usize, has_next: bool) -> Self {
        let cursor = |i: u64| Some(cursor::encode_index(list, i));
        PageInfo {
            has_next_page: has_next,
            has_previous_page: start > 0,
            start_cursor: if count > 0 { cursor(start) } else { None },
            end_cursor: if count > 0 {
                cursor(start + count as u64 - 1)
            } else {
                None
            },
        }
    }
}

impl<N: ListNode> Connection<N> {
    /// The page's rows.
    pub(crate) fn rows(&self) -> impl Iterator<Item = &N> {
        self.edges.iter().map(|e| &e.node)
    }

    /// The page's cursors, row by row.
    pub(crate) fn cursors(&self) -> impl Iterator<Item = &str> {
        self.edges.iter().map(|e| e.cursor.as_str())
    }

    /// Where the page lies in its list.
    pub(crate) fn info(&self) -> &PageInfo {
        &self.page_info
    }

    /// How many rows the whole list has (a `COUNT(*)` on a root list).
    pub(crate) async fn count(&self, db: &sea_orm::DatabaseConnection) -> Result<u64> {
        match &self.total {
            Total::Known(total) => Ok(*total),
            Total::Count(condition) => {
                store::pages::count::<N::Entity>(db, condition.clone()).await
            }
        }
    }

    /// The page with its rows replaced by `f` of them (in the same order).
    pub(crate) fn with_rows(mut self, f: impl FnOnce(Vec<N>) -> Vec<N>) -> Self {
        let (cursors, rows): (Vec<String>, Vec<N>) =
            self.edges.into_iter().map(|e| (e.cursor, e.node)).unzip();
        self.edges = cursors
            .into_iter()
            .zip(f(rows))
            .map(|(cursor, node)| Edge { cursor, node })
            .collect();
        self
    }

    /// A page of `list` by position: its rows start at `start`.
    fn positioned(
        list: &str,
        rows: Vec<<N::Entity as EntityTrait>::Model>,
        start: u64,
        has_next: bool,
        total: Total,
    ) -> Self {
        let edges: Vec<Edge<N>> = rows
            .into_iter()
            .zip(start..)
            .map(|(row, index)| Edge {
                cursor: cursor::encode_index(list, index),
                node: N::wrap(row),
            })
            .collect();
        let page_info = PageInfo {
            has_next_page: has_next,
            has_previous_page: start > 0,
            start_cursor: edges.first().map(|e| e.cursor.clone()),
            end_cursor: edges.last().map(|e| e.cursor.clone()),
        };
        Connection {
            edges,
            page_info,
            total,
        }
    }

    /// A page of a root list by keyset: its rows, their cursors, and whether
    /// rows lie beyond it; `totalCount` counts `condition` when asked.
    pub(crate) fn keyed(
        rows: Vec<<N::Entity as EntityTrait>::Model>,
        cursors: Vec<String>,
        has_next: bool,
        has_previous: bool,
        condition: Condition,
    ) -> Self {
        let edges: Vec<Edge<N>> = rows
            .into_iter()
            .zip(cursors)
            .map(|(row, cursor)| Edge {
                cursor,
                node: N::wrap(row),
            })
            .collect();
        let page_info = PageInfo {
            has_next_page: has_next,
            has_previous_page: has_previous,
            start_cursor: edges.first().map(|e| e.cursor.clone()),
            end_cursor: edges.last().map(|e| e.cursor.clone()),
        };
        Connection {
            edges,
            page_info,
            total: Total::Count(condition),
        }
    }
}

/// A page of a list, Relay style: its edges (or nodes), where it lies
/// (`pageInfo`) and how many items match in all (`totalCount`).
#[Object(
    concrete(name = "PersonConnection", params(super::person::Person)),
    concrete(
        name = "OrganizationConnection",
        params(super::organization::Organization)
    ),
    concrete(name = "PlaceConnection", params(super::place::Place)),
    concrete(name = "PositionConnection", params(super::position::Position)),
    concrete(name = "IncidentConnection", params(super::incident::Incident)),
    concrete(name = "StatementConnection", params(super::statement::Statement)),
    concrete(name = "SourceConnection", params(super::source::Source)),
    concrete(name = "RevisionConnection", params(super::revision::Revision))
)]
impl<N: ListNode> Connection<N>
where
    Edge<N>: OutputType,
{
    /// The rows of this page, with their cursors.
    async fn edges(&self) -> &[Edge<N>] {
        &self.edges
    }

    /// The rows of this page, without cursors.
    async fn nodes(&self) -> Vec<&N> {
        self.edges.iter().map(|e| &e.node).collect()
    }

    /// Where this page lies in the list.
    async fn page_info(&self) -> &PageInfo {
        &self.page_info
    }

    /// How many rows the whole list has, across all pages.
    async fn total_count(&self, ctx: &Context<'_>) -> Result<u64> {
        self.count(db(ctx)?).await
    }
}

/// One item of a page and its cursor (pass it as `after` or `before`).
#[Object(
    concrete(name = "PersonEdge", params(super::person::Person)),
    concrete(name = "OrganizationEdge", params(super::organization::Organization)),
    concrete(name = "PlaceEdge", params(super::place::Place)),
    concrete(name = "PositionEdge", params(super::position::Position)),
    concrete(name = "IncidentEdge", params(super::incident::Incident)),
    concrete(name = "StatementEdge", params(super::statement::Statement)),
    concrete(name = "SourceEdge", params(super::source::Source)),
    concrete(name = "RevisionEdge", params(super::revision::Revision))
)]
impl<N: ListNode> Edge<N> {
    /// The cursor to pass as `after` or `before` to page from this row.
    async fn cursor(&self) -> &str {
        &self.cursor
    }

    /// The row.
    async fn node(&self) -> &N {
        &self.node
    }
}

/// A page of a root list: the rows of `N` matching `condition`, in `order`, by keyset.
pub async fn root<N: ListNode>(
    ctx: &Context<'_>,
    args: &PageArgs,
    condition: Condition,
    order: &[(<N::Entity as EntityTrait>::Column, Order)],
) -> Result<Connection<N>> {
    let page_info = ctx.look_ahead().field("pageInfo");
    let wanted = super::keyset::Wanted {
        has_next: page_info.field("hasNextPage").exists(),
        has_previous: page_info.field("hasPreviousPage").exists(),
    };
    super::keyset::root(db(ctx)?, args, condition, order, wanted).await
}

/// A page of `parent`'s relation `rel`, loaded through the request's DataLoader.
pub async fn related<N: ListNode>(
    ctx: &Context<'_>,
    rel: Rel,
    parent: i64,
    args: &PageArgs,
) -> Result<Connection<N>> {
    let total = match args.needs_total() {
        true => Some(
            loaders::page(
                ctx,
                rel,
                parent,
                Window {
                    offset: 0,
                    limit: Some(0),
                },
            )
            .await?
            .total,
        ),
        false => None,
    };
    let list = format!("{rel:?}:{parent}");
    let (start, end) = args.range(total, &list)?;
    let page = loaders::page(
        ctx,
        rel,
        parent,
        Window {
            offset: start,
            limit: Some(end - start),
        },
    )
    .await?;
    let rows = loaders::records::<N::Entity>(ctx, &page.ids).await?;
    let has_next = start + (rows.len() as u64) < page.total;
    Ok(Connection::positioned(
        &list,
        rows,
        start,
        has_next,
        Total::Known(page.total),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(
        first: Option<i32>,
        after: Option<u64>,
        last: Option<i32>,
        before: Option<u64>,
    ) -> PageArgs {
        PageArgs::new(
            first,
            after.map(|i| cursor::encode_index(TEST_LIST, i)),
            last,
            before.map(|i| cursor::encode_index(TEST_LIST, i)),
        )
    }

    #[test]
    fn selects_relay_ranges() {
        assert_eq!(
            args(None, None, None, None).range(None, TEST_LIST),
            Ok((0, 20))
        );
        assert_eq!(
            args(Some(5), Some(9), None, None).range(None, TEST_LIST),
            Ok((10, 15))
        );
        assert_eq!(
            args(None, None, Some(3), None).range(Some(10), TEST_LIST),
            Ok((7, 10))
        );
        assert_eq!(
            args(None, None, Some(3), Some(5)).range(None, TEST_LIST),
            Ok((2, 5))
        );
        assert_eq!(
            args(None, None, Some(30), Some(5)).range(None, TEST_LIST),
            Ok((0, 5))
        );
        assert_eq!(
            args(Some(10), Some(3), None, Some(6)).range(None, TEST_LIST),
            Ok((4, 6))
        );
    }

    #[test]
    fn rejects_bad_arguments() {
        assert!(args(Some(101), None, None, None)
            .range(None, TEST_LIST)
            .is_err());
        assert!(args(Some(-1), None, None, None)
            .range(None, TEST_LIST)
            .is_err());
        assert!(PageArgs::new(None, Some("nonsense".into()), None, None)
            .range(None, TEST_LIST)
            .is_err());
    }
}
