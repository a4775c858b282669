//! The columns a planned read selects, and their values read back by
//! position. A level reads its rows' ID, the columns its scalars compute
//! from and the keys its to-one fields follow, and nothing else: showing a
//! statement's ID does not read its text. The values fill a model whose
//! other fields keep their defaults, and no field of a level reads a column
//! the level did not select (`fields::reads` declares each scalar's
//! columns beside its computation). Rows that a function reads whole (a
//! casualty summary's figures, alias names, `isOfficial`) are read with
//! every column ([`Cols::ALL`]).
//!
//! Rows are read by position ([`rows::model`]): decoding by name looked
//! each column up in a hash map, formatted its prefixed name, and formatted
//! an error for every NULL of an optional column (about a quarter of the
//! nested list's CPU in `bench/results/issue11-nested-profile-session3.txt`).

use sea_orm::{EntityTrait, IdenStatic, Iterable, QueryResult};

use super::fields;
use super::walk::{Level, What};
use super::{Row, Ty};
use crate::error::Result;
use crate::store::rows;

/// Which columns of a type's table a level reads, as bits by the columns'
/// positions in the entity's order (the order the select list follows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cols(u64);

impl Cols {
    /// Every column.
    pub const ALL: Cols = Cols(u64::MAX);

    /// The columns `level` reads: the ID, its scalars' columns and its
    /// to-one fields' keys.
    pub fn of(level: &Level) -> Cols {
        let mut names = vec!["id"];
        for out in &level.outs {
            match &out.what {
                What::Scalar(name) => names.extend(fields::reads(level.ty, name)),
                What::One { targets, .. } => {
                    names.extend(targets.iter().map(|(_, fk, _)| fk.column))
                }
                _ => {}
            }
        }
        Cols::named(level.ty, &names)
    }

    /// The columns of `ty` with these names; every column if one is unknown
    /// (reading more is always correct).
    fn named(ty: Ty, names: &[&str]) -> Cols {
        let mut bits = 0;
        for name in names {
            match position(ty, name) {
                Some(at) if at < 64 => bits |= 1 << at,
                _ => return Cols::ALL,
            }
        }
        Cols(bits)
    }

    /// Whether the column at position `at` is read.
    fn has(self, at: usize) -> bool {
        at < 64 && self.0 & (1 << at) != 0
    }

    /// The names of the columns of `ty` read, in the entity's order.
    pub fn names(self, ty: Ty) -> Vec<&'static str> {
        on_ty!(ty, |E, _row| <E as EntityTrait>::Column::iter()
            .enumerate()
            .filter(|(at, _)| self.has(*at))
            .map(|(_, column)| column.as_str())
            .collect())
    }
}

/// The position of the column `name` of `ty`'s table in the entity's order.
fn position(ty: Ty, name: &str) -> Option<usize> {
    on_ty!(ty, |E, _row| <E as EntityTrait>::Column::iter()
        .position(|column| column.as_str() == name))
}

/// The row of `ty` whose columns `cols` start at position `start` of
/// `row`; `None` when its ID is NULL (a `LEFT JOIN` that found nothing).
pub fn decode(ty: Ty, cols: Cols, row: &QueryResult, start: usize) -> Result<Option<Row>> {
    on_ty!(ty, |E, wrap| Ok(rows::model::<E>(row, start, |at| cols
        .has(at))?
    .map(wrap)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphql::plan::walk::Out;

    const TYPES: [Ty; 14] = [
        Ty::Statement,
        Ty::Incident,
        Ty::Place,
        Ty::Person,
        Ty::Organization,
        Ty::Position,
        Ty::Source,
        Ty::CasualtyReport,
        Ty::Citation,
        Ty::Alias,
        Ty::Involvement,
        Ty::Participant,
        Ty::IncidentLink,
        Ty::Mention,
    ];

    #[test]
    fn every_scalar_names_columns_its_table_has() {
        for ty in TYPES {
            assert_eq!(position(ty, "id"), Some(0), "{ty:?}'s first column");
            assert!(Cols::ALL.names(ty).len() < 64, "{ty:?} fits the bits");
            for name in fields::scalars_of(ty) {
                let reads = fields::reads(ty, name);
                assert!(!reads.is_empty(), "{ty:?}.{name} reads no column");
                for column in reads {
                    assert!(position(ty, column).is_some(), "{ty:?}.{name}: {column}");
                }
            }
        }
    }

    #[test]
    fn a_level_reads_its_id_its_scalars_and_its_keys() {
        let level = Level {
            ty: Ty::Statement,
            outs: vec![Out {
                key: async_graphql::Name::new("date"),
                what: What::Scalar("date"),
            }],
        };
        assert_eq!(Cols::of(&level).names(Ty::Statement), ["id", "date"]);
        let whole = Cols::ALL.names(Ty::Statement);
        assert!(whole.contains(&"text") && whole.len() > 10);
    }
}
