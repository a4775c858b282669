//! Walking a selection into a plan: the fields each level answers, under
//! their response keys, with fragments and inline fragments folded in by
//! their type conditions. `None` means no plan: the selection holds a field
//! a plan does not know, a directive, an object asked twice under one key,
//! or a connection below a row paged from a cursor (see `args`).

use std::borrow::Cow;

use async_graphql::parser::types::{Field, Selection, SelectionSet};
use async_graphql::{ContextSelectionSet, Name, Positioned, Value};

use super::connections::{self, ConnOut};
use super::links::{self, Fk};
use super::summary::{self, SummaryOut};
use super::{Row, Ty};
use crate::store::children::Slice;
use crate::store::Rel;

/// One level of a plan: the fields of one object type.
#[derive(Debug)]
pub struct Level {
    /// The type.
    pub ty: Ty,
    /// The fields, in query order.
    pub outs: Vec<Out>,
}

impl Level {
    /// A level that reads rows of `ty` and shows none of their fields (what
    /// a summary's figures, `isOfficial` or a page's `totalCount` read).
    pub fn empty(ty: Ty) -> Level {
        Level {
            ty,
            outs: Vec::new(),
        }
    }
}

/// One field of a level, under its response key.
#[derive(Debug)]
pub struct Out {
    /// The response key (the alias, or the field's name).
    pub key: Name,
    /// How it is answered.
    pub what: What,
}

/// How a planned field is answered.
#[derive(Debug)]
pub enum What {
    /// `__typename`.
    Typename,
    /// A scalar computed from the row.
    Scalar(&'static str),
    /// A row another table holds: the first target whose key is present.
    One {
        /// Each possible type, its key, and the level planned for it.
        targets: Vec<(Ty, Fk, Level)>,
        /// Whether the field may be null.
        nullable: bool,
    },
    /// A value derived from all of a relation's rows of a type (alias names).
    Derived(Rel, Ty, fn(&[Row]) -> Value),
    /// A relation's rows.
    Many {
        /// The relation.
        rel: Rel,
        /// The level planned for its rows.
        level: Level,
    },
    /// A page of a relation's rows, as a connection.
    Page {
        /// The relation.
        rel: Rel,
        /// Which of each parent's children.
        slice: Slice,
        /// The rows' type.
        ty: Ty,
        /// The connection's fields; at most one of them holds the rows' level.
        outs: Vec<ConnOut>,
    },
    /// An incident's casualty summary: its fields under their keys.
    Summary(Vec<(Name, SummaryOut)>),
}

/// The fields of `set` that apply to the object type `type_name`, in query
/// order, fragments folded in; `None` on a directive or an unknown fragment.
fn collect<'a>(
    ctx: &ContextSelectionSet<'a>,
    set: &'a SelectionSet,
    type_name: &str,
    out: &mut Vec<&'a Positioned<Field>>,
) -> Option<()> {
    let applies = |condition: &str| {
        condition == type_name
            || ctx
                .schema_env
                .registry
                .implements
                .get(type_name)
                .is_some_and(|interfaces| interfaces.contains(condition))
    };
    for selection in &set.items {
        // async-graphql has already dropped what `@skip`/`@include` leave
        // out, and those directives with it; any left is for the resolvers.
        if !selection.node.directives().is_empty() {
            return None;
        }
        match &selection.node {
            Selection::Field(field) => out.push(field),
            Selection::FragmentSpread(spread) => {
                let fragment = ctx
                    .query_env
                    .fragments
                    .get(&spread.node.fragment_name.node)?;
                if !fragment.node.directives.is_empty() {
                    return None;
                }
                if applies(&fragment.node.type_condition.node.on.node) {
                    collect(ctx, &fragment.node.selection_set.node, type_name, out)?;
                }
            }
            Selection::InlineFragment(inline) => {
                let condition = inline.node.type_condition.as_ref();
                if condition.is_none_or(|c| applies(&c.node.on.node)) {
                    collect(ctx, &inline.node.selection_set.node, type_name, out)?;
                }
            }
        }
    }
    Some(())
}

/// The fields of `set` on `type_name`, each response key once (arguments,
/// which only connections take, are read by [`level`]). A leaf asked twice
/// under one key is kept once (the same value either way); an object asked
/// twice is one object with both selections (validation has made sure the
/// two ask for the same field with the same arguments).
pub(super) fn fields<'a>(
    ctx: &ContextSelectionSet<'a>,
    set: &'a SelectionSet,
    type_name: &str,
) -> Option<Vec<Cow<'a, Positioned<Field>>>> {
    let mut all = Vec::new();
    collect(ctx, set, type_name, &mut all)?;
    let mut unique: Vec<Cow<'a, Positioned<Field>>> = Vec::with_capacity(all.len());
    for field in all {
        let key = &field.node.response_key().node;
        match unique
            .iter_mut()
            .find(|f| &f.node.response_key().node == key)
        {
            None => unique.push(Cow::Borrowed(field)),
            Some(seen) if seen.node.name.node != field.node.name.node => return None,
            // Validation should refuse one key for two argument lists; the
            // resolvers answer it as they can.
            Some(seen) if !same_arguments(seen, field) => return None,
            Some(_) if field.node.selection_set.node.items.is_empty() => {}
            Some(seen) => {
                let more = field.node.selection_set.node.items.iter().cloned();
                seen.to_mut().node.selection_set.node.items.extend(more);
            }
        }
    }
    Some(unique)
}

/// Whether two fields pass the same arguments (in any order).
fn same_arguments(a: &Positioned<Field>, b: &Positioned<Field>) -> bool {
    let (a, b) = (&a.node.arguments, &b.node.arguments);
    a.len() == b.len()
        && a.iter().all(|(name, value)| {
            b.iter()
                .any(|(n, v)| n.node == name.node && v.node == value.node)
        })
}

/// The plan of an object of type `ty` selecting `set`.
pub fn level(ctx: &ContextSelectionSet<'_>, set: &SelectionSet, ty: Ty) -> Option<Level> {
    let mut outs = Vec::new();
    for field in fields(ctx, set, ty.name())? {
        let key = field.node.response_key().node.clone();
        let name = field.node.name.node.as_str();
        let sub = &field.node.selection_set.node;
        let what = match name {
            "__typename" => What::Typename,
            _ => match links::field(ty, name)? {
                links::Field::Page { rel, child, flag } => {
                    connections::page(ctx, &field, rel, child, flag)?
                }
                _ if !field.node.arguments.is_empty() => return None,
                links::Field::Scalar(name) => What::Scalar(name),
                links::Field::One { targets, nullable } => What::One {
                    targets: targets
                        .iter()
                        .map(|&(ty, fk)| Some((ty, fk, level(ctx, sub, ty)?)))
                        .collect::<Option<_>>()?,
                    nullable,
                },
                links::Field::Derived(rel, ty, value) => What::Derived(rel, ty, value),
                links::Field::Summary => What::Summary(summary::plan(ctx, sub)?),
                links::Field::Through(rel, link, targets) => What::Many {
                    rel,
                    level: through(ctx, sub, link, targets)?,
                },
                links::Field::Many(rel, child) => What::Many {
                    rel,
                    level: level(ctx, sub, child)?,
                },
            },
        };
        outs.push(Out { key, what });
    }
    Some(Level { ty, outs })
}

/// The level of a link row shown as the row it points to: one field, the
/// target, whose object is the link's (see `assemble::object`).
fn through(
    ctx: &ContextSelectionSet<'_>,
    set: &SelectionSet,
    link: Ty,
    targets: &[(Ty, Fk)],
) -> Option<Level> {
    let targets = targets
        .iter()
        .map(|&(ty, fk)| Some((ty, fk, level(ctx, set, ty)?)))
        .collect::<Option<_>>()?;
    let what = What::One {
        targets,
        nullable: false,
    };
    Some(Level {
        ty: link,
        outs: vec![Out {
            key: Name::new("target"),
            what,
        }],
    })
}
