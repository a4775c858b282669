//! The to-one rows of a level read in the statement that reads the level:
//! a plan's to-one fields (and theirs, down a chain: a report's source's
//! publisher) become `LEFT JOIN`s, and each joined row is decoded back, by
//! the position of its columns, to the field it answers. Each row reads
//! only the columns its level uses ([`Cols`]).

use std::collections::HashMap;

use sea_orm::{DatabaseConnection, EntityName, QueryResult};

use super::columns::{self, Cols};
use super::walk::{Level, What};
use super::{Row, Ty};
use crate::error::{Error, Result};
use crate::store::children::{self, Join, Slice};
use crate::store::rows;
use crate::store::Rel;

/// Where a level's to-one rows sit among the joins: for each field of the
/// level, for a to-one field, each target's type, the columns read, where
/// they start in the result row, and the shape of the target's own level.
#[derive(Debug)]
pub struct Shape(Vec<Option<Vec<Target>>>);

/// One target of a to-one field in a [`Shape`].
#[derive(Debug)]
struct Target {
    /// Its type.
    ty: Ty,
    /// The columns read.
    cols: Cols,
    /// The position of its first column in the result row.
    start: usize,
    /// Its own level's joins.
    below: Shape,
}

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

/// The joins `level`'s to-one fields need, below the row `parent` (the
/// base row when `None`); `at` is the position the next join's columns
/// start at in the result row.
fn shape(level: &Level, parent: Option<usize>, joins: &mut Vec<Join>, at: &mut usize) -> Shape {
    let fields = level.outs.iter().map(|out| match &out.what {
        What::One { targets, .. } => Some(
            targets
                .iter()
                .map(|(ty, fk, sub)| {
                    let index = joins.len();
                    let cols = Cols::of(sub);
                    let columns = cols.names(*ty);
                    let start = *at;
                    *at += columns.len();
                    joins.push(Join {
                        table: table(*ty),
                        columns,
                        parent,
                        key: fk.column,
                    });
                    let below = shape(sub, Some(index), joins, at);
                    Target {
                        ty: *ty,
                        cols,
                        start,
                        below,
                    }
                })
                .collect(),
        ),
        _ => None,
    });
    Shape(fields.collect())
}

impl Joined {
    /// Nothing read yet, in `shape`.
    fn empty(shape: &Shape) -> Joined {
        let fields = shape.0.iter().map(|field| {
            field.as_ref().map(|targets| {
                targets
                    .iter()
                    .map(|target| (HashMap::new(), Joined::empty(&target.below)))
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
            for (target, (rows, joined)) in targets.iter().zip(read.iter_mut()) {
                if let Some(found) = columns::decode(target.ty, target.cols, row, target.start)? {
                    joined.absorb(&target.below, row)?;
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
    // Position 0 is the base row's ID.
    let shape = shape(level, None, &mut joins, &mut 1);
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
/// `level`'s type with the columns `cols` (those `level` reads, or all of
/// them for a function of whole rows), with the to-one rows `level`
/// needs: one statement.
pub async fn children(
    db: &DatabaseConnection,
    rel: Rel,
    (level, cols): (&Level, Cols),
    parents: &[i64],
    slice: Slice,
) -> Result<(HashMap<i64, Kids>, Joined)> {
    let columns = cols.names(level.ty);
    let mut joins = Vec::new();
    // Position 0 is the parent's ID, then the row's columns, then the joins'.
    let shape = shape(level, None, &mut joins, &mut (1 + columns.len()));
    let mut joined = Joined::empty(&shape);
    let mut found: HashMap<i64, Kids> = HashMap::new();
    let base = (table(level.ty), &columns[..]);
    let rows = children::find_children(db, rel, base, parents, &joins, slice).await?;
    for row in rows {
        let parent: i64 = rows::get(&row, 0)?
            .ok_or_else(|| Error::Internal("a child row came without its parent".into()))?;
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
        if let Some(child) = columns::decode(level.ty, cols, &row, 1)? {
            kids.rows.push(child);
        }
        joined.absorb(&shape, &row)?;
    }
    Ok((found, joined))
}
