//! Fetching a plan's rows: each level's to-one targets by ID, and each
//! relation with its child rows, for all the level's parents at once. A
//! level costs one statement per planned relation and per to-one target,
//! run even when the level is empty, so the count depends on the query's
//! shape alone: never on the rows, the timing or the load.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;

use entity::{casualty_report, citation, incident, organization, person, place, position};
use entity::{source, statement};
use sea_orm::DatabaseConnection;

use super::walk::{Level, What};
use super::{Row, Ty};
use crate::error::Result;
use crate::store::children::find_children;
use crate::store::records::find_by_ids;
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
    /// A relation: the children of each parent in order, and what their level needs.
    Many(HashMap<i64, Vec<Row>>, Fetched),
}

/// Runs `$body` with `$entity` and `$variant` bound to the entity and the row variant of `$ty`.
macro_rules! on_ty {
    ($ty:expr, |$entity:ident, $variant:ident| $body:expr) => {
        match $ty {
            Ty::Statement => {
                type $entity = statement::Entity;
                let $variant = Row::Statement;
                $body
            }
            Ty::Incident => {
                type $entity = incident::Entity;
                let $variant = Row::Incident;
                $body
            }
            Ty::Place => {
                type $entity = place::Entity;
                let $variant = Row::Place;
                $body
            }
            Ty::Person => {
                type $entity = person::Entity;
                let $variant = Row::Person;
                $body
            }
            Ty::Organization => {
                type $entity = organization::Entity;
                let $variant = Row::Organization;
                $body
            }
            Ty::Position => {
                type $entity = position::Entity;
                let $variant = Row::Position;
                $body
            }
            Ty::Source => {
                type $entity = source::Entity;
                let $variant = Row::Source;
                $body
            }
            Ty::CasualtyReport => {
                type $entity = casualty_report::Entity;
                let $variant = Row::CasualtyReport;
                $body
            }
            Ty::Citation => {
                type $entity = citation::Entity;
                let $variant = Row::Citation;
                $body
            }
        }
    };
}

/// The rows of `ty` with these IDs.
async fn by_ids(db: &DatabaseConnection, ty: Ty, ids: &[i64]) -> Result<HashMap<i64, Row>> {
    on_ty!(ty, |E, wrap| {
        let rows = find_by_ids::<E>(db, ids).await?;
        Ok(rows.into_iter().map(|(id, m)| (id, wrap(m))).collect())
    })
}

/// The children in `rel`, rows of `ty`, of each parent.
async fn children(
    db: &DatabaseConnection,
    rel: Rel,
    ty: Ty,
    parents: &[i64],
) -> Result<HashMap<i64, Vec<Row>>> {
    on_ty!(ty, |E, wrap| {
        let rows = find_children::<E>(db, rel, parents).await?;
        Ok(rows
            .into_iter()
            .map(|(parent, list)| (parent, list.into_iter().map(wrap).collect()))
            .collect())
    })
}

/// Each distinct row once (a row reached from two parents is planned once).
fn distinct<'a>(rows: impl Iterator<Item = &'a Row>) -> Vec<&'a Row> {
    let mut seen = HashSet::new();
    rows.filter(|row| seen.insert(row.id())).collect()
}

/// The rows `level` needs below `rows`, fetched level by level.
pub fn fetch<'a>(
    db: &'a DatabaseConnection,
    level: &'a Level,
    rows: &'a [&'a Row],
) -> Pin<Box<dyn Future<Output = Result<Fetched>> + Send + 'a>> {
    Box::pin(async move {
        let mut outs = Vec::with_capacity(level.outs.len());
        for out in &level.outs {
            outs.push(match &out.what {
                What::Typename | What::Scalar(_) => OutRows::Nothing,
                What::One { targets, .. } => {
                    let mut per_target = Vec::with_capacity(targets.len());
                    for (ty, fk, sub) in targets {
                        let mut ids: Vec<i64> = rows.iter().filter_map(|row| fk(row)).collect();
                        ids.sort_unstable();
                        ids.dedup();
                        let found = by_ids(db, *ty, &ids).await?;
                        let below = fetch(db, sub, &distinct(found.values())).await?;
                        per_target.push((found, below));
                    }
                    OutRows::One(per_target)
                }
                What::Many { rel, level: sub } => {
                    let parents: Vec<i64> = rows.iter().map(|row| row.id()).collect();
                    let found = children(db, *rel, sub.ty, &parents).await?;
                    let below = fetch(db, sub, &distinct(found.values().flatten())).await?;
                    OutRows::Many(found, below)
                }
            });
        }
        Ok(Fetched { outs })
    })
}
