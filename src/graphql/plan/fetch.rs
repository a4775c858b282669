//! Fetching a plan's rows, level by level: each relation with its child
//! rows and, joined in the same statement, the rows their to-one fields
//! reach (down chains of to-one fields); a root page's to-one rows in one
//! statement more. The statements run even when a level is empty, so the
//! count depends on the query's shape alone: never on the rows, the timing
//! or the load.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;

use sea_orm::DatabaseConnection;

use super::columns::Cols;
use super::connections::ConnOut;
use super::joins::{self, Joined, Kids};
use super::walk::{Level, What};
use super::{Row, Ty};
use crate::error::{Error, Result};
use crate::store::children::Slice;
use crate::store::Rel;

/// The rows a level's fields need, in the order of the level's fields.
#[derive(Debug, Default)]
pub struct Fetched {
    /// One entry per field of the level.
    pub outs: Vec<OutRows>,
}

/// The rows behind one field of a level.
#[derive(Debug)]
pub enum OutRows {
    /// A scalar or `__typename`: nothing to fetch.
    Nothing,
    /// Per target of a to-one field: its rows by ID and what their level needs.
    One(Vec<(HashMap<i64, Row>, Fetched)>),
    /// A relation: the children of each parent in order (a page of them for
    /// a connection), and what their level needs.
    Many(HashMap<i64, Kids>, Fetched),
}

/// Each distinct row once (a row reached from two parents is planned once).
fn distinct<'a>(rows: impl Iterator<Item = &'a Row>) -> Vec<&'a Row> {
    let mut seen = HashSet::new();
    rows.filter(|row| seen.insert(row.id())).collect()
}

/// The rows `level` needs below a root page's `rows`.
pub async fn fetch_root(db: &DatabaseConnection, level: &Level, rows: &[&Row]) -> Result<Fetched> {
    let ids: Vec<i64> = rows.iter().map(|row| row.id()).collect();
    let joined = joins::to_ones(db, level, &ids).await?;
    fetch(db, level, rows, joined).await
}

/// The rows `level` needs below `rows`, whose to-one rows `joined` already holds.
fn fetch<'a>(
    db: &'a DatabaseConnection,
    level: &'a Level,
    rows: &'a [&'a Row],
    joined: Joined,
) -> Pin<Box<dyn Future<Output = Result<Fetched>> + Send + 'a>> {
    Box::pin(async move {
        let mut outs = Vec::with_capacity(level.outs.len());
        for (out, read) in level.outs.iter().zip(joined.0) {
            outs.push(match (&out.what, read) {
                (What::Typename | What::Scalar(_), _) => OutRows::Nothing,
                (What::One { targets, .. }, Some(read)) => {
                    let mut per_target = Vec::with_capacity(targets.len());
                    for ((_, _, sub), (found, below)) in targets.iter().zip(read) {
                        let below = fetch(db, sub, &distinct(found.values()), below).await?;
                        per_target.push((found, below));
                    }
                    OutRows::One(per_target)
                }
                (What::Derived(rel, ty, _), _) => {
                    // The value is a function of whole rows.
                    let whole = (&Level::empty(*ty), Cols::ALL);
                    let (found, _) =
                        joins::children(db, *rel, whole, &ids(rows), Slice::All).await?;
                    OutRows::Many(found, Fetched::default())
                }
                (What::Many { rel, level: sub }, _) => {
                    many(db, *rel, (sub, Cols::of(sub)), rows, Slice::All).await?
                }
                (
                    What::Page {
                        rel,
                        slice,
                        ty,
                        outs,
                    },
                    _,
                ) => {
                    let empty = Level::empty(*ty);
                    let sub = outs
                        .iter()
                        .flat_map(ConnOut::levels)
                        .next()
                        .unwrap_or(&empty);
                    many(db, *rel, (sub, Cols::of(sub)), rows, *slice).await?
                }
                (What::Summary(outs), _) => {
                    let empty = Level::empty(Ty::CasualtyReport);
                    let sub = outs
                        .iter()
                        .find_map(|(_, out)| out.level())
                        .unwrap_or(&empty);
                    // The figures are functions of whole reports.
                    let whole = (sub, Cols::ALL);
                    many(db, Rel::IncidentCasualtyReports, whole, rows, Slice::All).await?
                }
                (What::One { .. }, None) => {
                    return Err(Error::Internal("a to-one field was not joined".into()))
                }
            });
        }
        Ok(Fetched { outs })
    })
}

/// The IDs of `rows`.
fn ids(rows: &[&Row]) -> Vec<i64> {
    rows.iter().map(|row| row.id()).collect()
}

/// The `slice` of each row's children in `rel`, with the columns `cols`,
/// and what `level` needs below them.
async fn many(
    db: &DatabaseConnection,
    rel: Rel,
    (level, cols): (&Level, Cols),
    rows: &[&Row],
    slice: Slice,
) -> Result<OutRows> {
    let (found, below) = joins::children(db, rel, (level, cols), &ids(rows), slice).await?;
    let children = distinct(found.values().flat_map(|kids| &kids.rows));
    let below = fetch(db, level, &children, below).await?;
    Ok(OutRows::Many(found, below))
}
