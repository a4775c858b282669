//! Walking a selection into a plan: the fields each level answers, under
//! their response keys, with fragments and inline fragments folded in by
//! their type conditions. `None` means no plan: the selection holds a field
//! a plan does not know, a field with arguments, or a directive.

use async_graphql::parser::types::{Field, Selection, SelectionSet};
use async_graphql::{ContextSelectionSet, Name, Positioned};

use super::fields::{self, Fk};
use super::Ty;
use crate::store::Rel;

/// One level of a plan: the fields of one object type.
#[derive(Debug)]
pub struct Level {
    /// The type.
    pub ty: Ty,
    /// The fields, in query order.
    pub outs: Vec<Out>,
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
    /// The names of a relation's alias rows.
    Names(Rel),
    /// A relation's rows.
    Many {
        /// The relation.
        rel: Rel,
        /// The level planned for its rows.
        level: Level,
    },
}

/// A connection's fields.
#[derive(Debug)]
pub enum ConnOut {
    /// `__typename`.
    Typename(Name),
    /// `edges`, with `cursor`, `node` and `__typename` under their keys.
    Edges(Name, Vec<(Name, EdgeOut)>),
    /// `nodes`.
    Nodes(Name, Level),
    /// `pageInfo`, its fields by name under their keys.
    PageInfo(Name, Vec<(Name, String)>),
    /// `totalCount`.
    TotalCount(Name),
}

/// An edge's fields.
#[derive(Debug)]
pub enum EdgeOut {
    /// `__typename`.
    Typename,
    /// `cursor`.
    Cursor,
    /// `node`.
    Node(Level),
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

/// The fields of `set` on `type_name`, each response key once. A key asked
/// twice is kept once when it names a leaf (the same value either way); an
/// object asked twice under one key would need its selections merged, and
/// goes to the resolvers.
fn fields<'a>(
    ctx: &ContextSelectionSet<'a>,
    set: &'a SelectionSet,
    type_name: &str,
) -> Option<Vec<&'a Positioned<Field>>> {
    let mut all = Vec::new();
    collect(ctx, set, type_name, &mut all)?;
    let mut unique: Vec<&Positioned<Field>> = Vec::with_capacity(all.len());
    for field in all {
        let key = &field.node.response_key().node;
        match unique.iter().find(|f| &f.node.response_key().node == key) {
            None => unique.push(field),
            Some(seen) if seen.node.name.node != field.node.name.node => return None,
            Some(_) if !field.node.selection_set.node.items.is_empty() => return None,
            Some(_) => {}
        }
    }
    if unique.iter().any(|f| !f.node.arguments.is_empty()) {
        return None;
    }
    Some(unique)
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
            _ => match fields::field(ty, name)? {
                fields::Field::Scalar(name) => What::Scalar(name),
                fields::Field::One { targets, nullable } => What::One {
                    targets: targets
                        .iter()
                        .map(|&(ty, fk)| Some((ty, fk, level(ctx, sub, ty)?)))
                        .collect::<Option<_>>()?,
                    nullable,
                },
                fields::Field::Names(rel) => What::Names(rel),
                fields::Field::Many(rel, child) => What::Many {
                    rel,
                    level: level(ctx, sub, child)?,
                },
            },
        };
        outs.push(Out { key, what });
    }
    Some(Level { ty, outs })
}

/// The plan of a connection of `ty` selecting `set`.
pub fn connection(
    ctx: &ContextSelectionSet<'_>,
    set: &SelectionSet,
    ty: Ty,
) -> Option<Vec<ConnOut>> {
    let connection = format!("{}Connection", ty.name());
    let mut outs = Vec::new();
    for field in fields(ctx, set, &connection)? {
        let key = field.node.response_key().node.clone();
        let sub = &field.node.selection_set.node;
        outs.push(match field.node.name.node.as_str() {
            "__typename" => ConnOut::Typename(key),
            "totalCount" => ConnOut::TotalCount(key),
            "nodes" => ConnOut::Nodes(key, level(ctx, sub, ty)?),
            "edges" => ConnOut::Edges(key, edge(ctx, sub, ty)?),
            "pageInfo" => ConnOut::PageInfo(
                key,
                fields(ctx, sub, "PageInfo")?
                    .into_iter()
                    .map(|f| {
                        (
                            f.node.response_key().node.clone(),
                            f.node.name.node.to_string(),
                        )
                    })
                    .collect(),
            ),
            _ => return None,
        });
    }
    Some(outs)
}

/// The plan of an edge of `ty`.
fn edge(ctx: &ContextSelectionSet<'_>, set: &SelectionSet, ty: Ty) -> Option<Vec<(Name, EdgeOut)>> {
    let type_name = format!("{}Edge", ty.name());
    fields(ctx, set, &type_name)?
        .into_iter()
        .map(|field| {
            let key = field.node.response_key().node.clone();
            let out = match field.node.name.node.as_str() {
                "__typename" => EdgeOut::Typename,
                "cursor" => EdgeOut::Cursor,
                "node" => EdgeOut::Node(level(ctx, &field.node.selection_set.node, ty)?),
                _ => return None,
            };
            Some((key, out))
        })
        .collect()
}
