//! Building a planned response: the connection's page and page info, and
//! each node's fields from its row and the rows fetched below it, in query
//! order, with no future per field.

use std::collections::HashMap;

use async_graphql::indexmap::IndexMap;
use async_graphql::{Name, Value};
use sea_orm::DatabaseConnection;

use super::connections::{ConnOut, EdgeOut};
use super::fetch::{fetch_root, Fetched, OutRows};
use super::summary::SummaryOut;
use super::walk::{Level, What};
use super::{fields, Plannable, Row, Ty};
use crate::error::{Error, Result};
use crate::graphql::pagination::{Connection, ListNode, PageInfo};
use crate::graphql::{casualties, cursor};

/// The value of a connection planned as `plan`.
pub async fn connection<N: Plannable + ListNode>(
    db: &DatabaseConnection,
    page: &Connection<N>,
    plan: &[ConnOut],
) -> Result<Value> {
    let rows: Vec<Row> = page.rows().map(Plannable::row).collect();
    let refs: Vec<&Row> = rows.iter().collect();
    let mut map = IndexMap::with_capacity(plan.len());
    for out in plan {
        let (key, value) = match out {
            ConnOut::Typename(key) => (key, Value::String(format!("{}Connection", N::TY.name()))),
            ConnOut::TotalCount(key) => (key, Value::from(page.count(db).await?)),
            ConnOut::PageInfo(key, wanted) => (key, page_info(page.info(), wanted)),
            ConnOut::Nodes(key, level) => {
                let fetched = fetch_root(db, level, &refs).await?;
                (key, list(level, &rows, &fetched)?)
            }
            ConnOut::Edges(key, edge) => (key, edges::<N>(db, page, &refs, edge).await?),
        };
        map.insert(key.clone(), value);
    }
    Ok(Value::Object(map))
}

/// The value of one `row` planned as `level`.
pub async fn single(db: &DatabaseConnection, level: &Level, row: &Row) -> Result<Value> {
    let fetched = fetch_root(db, level, &[row]).await?;
    object(level, row, &fetched)
}

/// The values of `rows` (null where `None`), each planned as its type's level.
pub async fn nodes(
    db: &DatabaseConnection,
    levels: &HashMap<Ty, Level>,
    rows: &[Option<Row>],
) -> Result<Value> {
    let mut fetched = HashMap::with_capacity(levels.len());
    for (ty, level) in levels {
        let of_ty: Vec<&Row> = rows.iter().flatten().filter(|r| r.ty() == *ty).collect();
        fetched.insert(*ty, fetch_root(db, level, &of_ty).await?);
    }
    let value = |row: &Row| match (levels.get(&row.ty()), fetched.get(&row.ty())) {
        (Some(level), Some(below)) => object(level, row, below),
        _ => Err(unfetched()),
    };
    rows.iter()
        .map(|row| row.as_ref().map_or(Ok(Value::Null), value))
        .collect::<Result<Vec<_>>>()
        .map(Value::List)
}

/// The `edges` of a page.
async fn edges<N: Plannable + ListNode>(
    db: &DatabaseConnection,
    page: &Connection<N>,
    rows: &[&Row],
    plan: &[(Name, EdgeOut)],
) -> Result<Value> {
    let mut fetched = Vec::with_capacity(plan.len());
    for (_, out) in plan {
        fetched.push(match out {
            EdgeOut::Node(level) => Some(fetch_root(db, level, rows).await?),
            _ => None,
        });
    }
    let edge_type = format!("{}Edge", N::TY.name());
    let mut values = Vec::with_capacity(rows.len());
    for (row, cursor) in rows.iter().zip(page.cursors()) {
        let mut map = IndexMap::with_capacity(plan.len());
        for ((key, out), below) in plan.iter().zip(&fetched) {
            let value = match (out, below) {
                (EdgeOut::Typename, _) => Value::String(edge_type.clone()),
                (EdgeOut::Cursor, _) => Value::String(cursor.to_owned()),
                (EdgeOut::Node(level), Some(below)) => object(level, row, below)?,
                (EdgeOut::Node(_), None) => return Err(unfetched()),
            };
            map.insert(key.clone(), value);
        }
        values.push(Value::Object(map));
    }
    Ok(Value::List(values))
}

/// The `pageInfo` of a page, with the fields asked for.
fn page_info(info: &PageInfo, wanted: &[(Name, String)]) -> Value {
    let cursor = |c: Option<&str>| c.map_or(Value::Null, |c| Value::String(c.to_owned()));
    let map = wanted
        .iter()
        .map(|(key, name)| {
            let value = match name.as_str() {
                "hasNextPage" => Value::Boolean(info.has_next()),
                "hasPreviousPage" => Value::Boolean(info.has_previous()),
                "startCursor" => cursor(info.start()),
                "endCursor" => cursor(info.end()),
                _ => Value::String("PageInfo".into()),
            };
            (key.clone(), value)
        })
        .collect();
    Value::Object(map)
}

/// The error of a plan whose rows were not fetched (a bug, not bad input).
fn unfetched() -> Error {
    Error::Internal("a planned field's rows were not fetched".into())
}

/// A list of objects of `level`, one per row.
fn list<'a>(
    level: &Level,
    rows: impl IntoIterator<Item = &'a Row>,
    below: &Fetched,
) -> Result<Value> {
    rows.into_iter()
        .map(|row| object(level, row, below))
        .collect::<Result<Vec<_>>>()
        .map(Value::List)
}

/// The object of `level` for `row`.
fn object(level: &Level, row: &Row, below: &Fetched) -> Result<Value> {
    let mut map = IndexMap::with_capacity(level.outs.len());
    for (out, rows) in level.outs.iter().zip(&below.outs) {
        let value = match (&out.what, rows) {
            (What::Typename, _) => Value::String(level.ty.name().into()),
            (What::Scalar(name), _) => fields::scalar(row, name).ok_or_else(unfetched)??,
            (What::One { targets, nullable }, OutRows::One(found)) => {
                let target = targets
                    .iter()
                    .zip(found)
                    .find_map(|((_, fk, sub), found)| (fk.read)(row).map(|id| (id, sub, found)));
                match target {
                    Some((id, sub, (rows, below))) => {
                        let child = rows.get(&id).ok_or_else(|| {
                            Error::Internal(format!("dangling reference to id {id}"))
                        })?;
                        object(sub, child, below)?
                    }
                    None if *nullable => Value::Null,
                    None => return Err(Error::Internal("a required reference is missing".into())),
                }
            }
            (What::Derived(_, _, derive), OutRows::Many(children, _)) => {
                derive(children.get(&row.id()).map_or(&[], |kids| &kids.rows))
            }
            (What::Many { level: sub, .. }, OutRows::Many(children, below)) => {
                let kids = children.get(&row.id()).map_or(&[][..], |kids| &kids.rows);
                list(sub, kids, below)?
            }
            (
                What::Page {
                    rel,
                    slice,
                    ty,
                    outs,
                },
                OutRows::Many(children, below),
            ) => {
                let kids = children.get(&row.id());
                let page = Page {
                    list: format!("{rel:?}:{}", row.id()),
                    rows: kids.map_or(&[], |kids| &kids.rows),
                    total: kids.map_or(0, |kids| kids.total),
                };
                let start = slice.start(page.total);
                page.value(*ty, start, outs, below)?
            }
            (What::Summary(outs), OutRows::Many(children, below)) => {
                let kids = children.get(&row.id()).map_or(&[][..], |kids| &kids.rows);
                summary(outs, kids, below)?
            }
            _ => return Err(unfetched()),
        };
        map.insert(out.key.clone(), value);
    }
    if level.ty == Ty::Mention {
        // A link shown as its target: the level's one field.
        return map.pop().map(|(_, target)| target).ok_or_else(unfetched);
    }
    Ok(Value::Object(map))
}

/// An incident's casualty summary over its `reports`.
fn summary(outs: &[(Name, SummaryOut)], reports: &[Row], below: &Fetched) -> Result<Value> {
    let models = reports.iter().filter_map(|row| match row {
        Row::CasualtyReport(report) => Some(report),
        _ => None,
    });
    let mut map = IndexMap::with_capacity(outs.len());
    for (key, out) in outs {
        let value = match out {
            SummaryOut::Typename => Value::String("CasualtySummary".into()),
            SummaryOut::Figure(name) => {
                casualties::figure(models.clone(), name).ok_or_else(unfetched)?
            }
            SummaryOut::Reports(level) => list(level, reports, below)?,
        };
        map.insert(key.clone(), value);
    }
    Ok(Value::Object(map))
}

/// One parent's page of a relation, as its connection shows it.
struct Page<'a> {
    /// The list its cursors name (the relation and the parent).
    list: String,
    /// The rows of the page.
    rows: &'a [Row],
    /// How many rows the relation has for the parent.
    total: u64,
}

impl Page<'_> {
    /// The connection's value: the page starts at position `start`.
    fn value(&self, ty: Ty, start: u64, outs: &[ConnOut], below: &Fetched) -> Result<Value> {
        let has_next = start + (self.rows.len() as u64) < self.total;
        let info = PageInfo::new(&self.list, start, self.rows.len(), has_next);
        let mut map = IndexMap::with_capacity(outs.len());
        for out in outs {
            let (key, value) = match out {
                ConnOut::Typename(key) => (key, Value::String(format!("{}Connection", ty.name()))),
                ConnOut::TotalCount(key) => (key, Value::from(self.total)),
                ConnOut::PageInfo(key, wanted) => (key, page_info(&info, wanted)),
                ConnOut::Nodes(key, level) => (key, list(level, self.rows, below)?),
                ConnOut::Edges(key, edge) => (key, self.edges(ty, start, edge, below)?),
            };
            map.insert(key.clone(), value);
        }
        Ok(Value::Object(map))
    }

    /// The connection's `edges`.
    fn edges(
        &self,
        ty: Ty,
        start: u64,
        plan: &[(Name, EdgeOut)],
        below: &Fetched,
    ) -> Result<Value> {
        let edge_type = format!("{}Edge", ty.name());
        let mut values = Vec::with_capacity(self.rows.len());
        for (row, index) in self.rows.iter().zip(start..) {
            let mut map = IndexMap::with_capacity(plan.len());
            for (key, out) in plan {
                let value = match out {
                    EdgeOut::Typename => Value::String(edge_type.clone()),
                    EdgeOut::Cursor => Value::String(cursor::encode_index(&self.list, index)),
                    EdgeOut::Node(level) => object(level, row, below)?,
                };
                map.insert(key.clone(), value);
            }
            values.push(Value::Object(map));
        }
        Ok(Value::List(values))
    }
}
