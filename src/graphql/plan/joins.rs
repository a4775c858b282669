//! The to-one rows of a level read in the statement that reads the level:
//! a plan's to-one fields (and theirs, down a chain: a report's source's
//! publisher) become `LEFT JOIN`s, and each joined row is decoded back to
//! the field it answers.

use std::collections::HashMap;

use sea_orm::DatabaseConnection;
use sea_orm::{EntityName, EntityTrait, FromQueryResult, IdenStatic, Iterable, QueryResult};

use super::walk::{Level, What};
use super::{Row, Ty};
use crate::error::Result;
use crate::store::children::{self, Join, Slice};
use crate::store::Rel;

/// Where a level's to-one rows sit among the joins: for each field of the
/// level, for a to-one field, each target's type, join index and the shape
/// of the target's own level.
#[derive(Debug)]
pub struct Shape(Vec<Option<Vec<(Ty, usize, Shape)>>>);

/// The to-one rows read for a level, shaped like its fields: for each
/// to-one field, each target's rows by ID and what was joined below them.
#[derive(Debug, Default)]
pub struct Joined(pub Vec<Option<Targets>>);

/// A to-one field's rows: per target, its rows by ID and what was joined below them.
pub type Targets = Vec<(HashMap<i64, Row>, Joined)>;

/// The table behind `ty`.
fn table(ty: Ty) -> &'static str {
    on_ty!(ty, |E, _wrap| E::default().table_name())
}

/// The columns of `ty`'s table.
fn columns(ty: Ty) -> Vec<&'static str> {
    on_ty!(ty, |E, _wrap| <E as EntityTrait>::Column::iter()
        .map(|c| c.as_str())
        .collect())
}

/// The joins `level`'s to-one fields need, below the row `parent` (the base row when `None`).
fn shape(level: &Level, parent: Option<usize>, joins: &mut Vec<Join>) -> Shape {
    let fields = level.outs.iter().map(|out| match &out.what {
        What::One { targets, .. } => Some(
            targets
                .iter()
                .map(|(ty, fk, sub)| {
                    let index = joins.len();
                    joins.push(Join {
                        table: table(*ty),
                        columns: columns(*ty),
                        parent,
                        key: fk.column,
                    });
                    (*ty, index, shape(sub, Some(index), joins))
                })
                .collect(),
        ),
        _ => None,
    });
    Shape(fields.collect())
}

/// The row of `ty` whose columns carry `prefix`, if the row has one (a `LEFT JOIN` may not).
fn decode(ty: Ty, row: &QueryResult, prefix: &str) -> Result<Option<Row>> {
    on_ty!(ty, |E, wrap| {
        let id: Option<i64> = row.try_get(prefix, "id")?;
        match id {
            None => Ok(None),
            Some(_) => Ok(Some(wrap(<E as EntityTrait>::Model::from_query_result(
                row, prefix,
            )?))),
        }
    })
}

impl Joined {
    /// Nothing read yet, in `shape`.
    fn empty(shape: &Shape) -> Joined {
        let fields = shape.0.iter().map(|field| {
            field.as_ref().map(|targets| {
                targets
                    .iter()
                    .map(|(_, _, below)| (HashMap::new(), Joined::empty(below)))
                    .collect()
            })
        });
        Joined(fields.collect())
    }

    /// Adds the joined rows of one result row.
    fn absorb(&mut self, shape: &Shape, row: &QueryResult) -> Result<()> {
        for (field, read) in shape.0.iter().zip(self.0.iter_mut()) {
            let (Some(targets), Some(read)) = (field, read) else {
                continue;
            };
            for ((ty, index, below), (rows, joined)) in targets.iter().zip(read.iter_mut()) {
                if let Some(found) = decode(*ty, row, &format!("j{index}_"))? {
                    joined.absorb(below, row)?;
                    rows.insert(found.id(), found);
                }
            }
        }
        Ok(())
    }
}

/// The to-one rows `level` needs for the rows with `ids`: one statement,
/// none when the level has no to-one field.
pub async fn to_ones(db: &DatabaseConnection, level: &Level, ids: &[i64]) -> Result<Joined> {
    let mut joins = Vec::new();
    let shape = shape(level, None, &mut joins);
    let mut joined = Joined::empty(&shape);
    if joins.is_empty() {
        return Ok(joined);
    }
    for row in children::find_joined(db, table(level.ty), ids, &joins).await? {
        joined.absorb(&shape, &row)?;
    }
    Ok(joined)
}

/// A parent's children in a slice, in order, and how many it has in all.
#[derive(Debug, Default)]
pub struct Kids {
    /// The children in the slice.
    pub rows: Vec<Row>,
    /// How many children the parent has.
    pub total: u64,
}

/// The children in `rel` of each parent, the `slice` of them, rows of
/// `level`'s type, with the to-one rows `level` needs: one statement.
pub async fn children(
    db: &DatabaseConnection,
    rel: Rel,
    level: &Level,
    parents: &[i64],
    slice: Slice,
) -> Result<(HashMap<i64, Kids>, Joined)> {
    let mut joins = Vec::new();
    let shape = shape(level, None, &mut joins);
    let mut joined = Joined::empty(&shape);
    let mut found: HashMap<i64, Kids> = HashMap::new();
    let rows = children::find_children(db, rel, table(level.ty), parents, &joins, slice).await?;
    for row in rows {
        let parent: i64 = row.try_get("", "q_parent")?;
        let kids = found.entry(parent).or_default();
        if slice == Slice::All {
            kids.total += 1;
        } else {
            let rn: i64 = row.try_get("", "q_rn")?;
            let total: i64 = row.try_get("", "q_total")?;
            kids.total = u64::try_from(total).unwrap_or_default();
            if !slice.contains(u64::try_from(rn).unwrap_or_default(), kids.total) {
                continue;
            }
        }
        if let Some(child) = decode(level.ty, &row, "")? {
            kids.rows.push(child);
        }
        joined.absorb(&shape, &row)?;
    }
    Ok((found, joined))
}
