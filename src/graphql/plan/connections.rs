//! Planning connections: a root list's (`statements(first:)`) and a
//! relation's page below a row (`Person.statements(last: 2)`), whose window
//! comes from the field's arguments.

use async_graphql::parser::types::{Field, SelectionSet};
use async_graphql::{ContextSelectionSet, Name, Positioned};

use super::args;
use super::walk::{fields, level, Level, What};
use super::Ty;
use crate::store::Rel;

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

/// The plan of a relation's page: its window from the field's arguments,
/// the relation `flag` picks, and the connection's fields, of which at most
/// one may hold the rows' level (`nodes` or `edges { node }`, not both).
pub fn page(
    ctx: &ContextSelectionSet<'_>,
    field: &Positioned<Field>,
    rel: Rel,
    child: Ty,
    flag: Option<(&'static str, Rel)>,
) -> Option<What> {
    let rel = match flag {
        Some((name, other)) if !args::value::<bool>(ctx, field, name)? => other,
        _ => rel,
    };
    let slice = args::slice(ctx, field)?;
    let outs = connection(ctx, &field.node.selection_set.node, child)?;
    // The rows are read once, for one level: two differently selected
    // views of them (`nodes` and `edges { node }`, or two aliases) go to
    // the resolvers.
    if outs.iter().flat_map(ConnOut::levels).count() > 1 {
        return None;
    }
    Some(What::Page {
        rel,
        slice,
        ty: child,
        outs,
    })
}

impl ConnOut {
    /// The levels of the rows this field shows (`edges` may show them under two aliases).
    pub fn levels(&self) -> Vec<&Level> {
        match self {
            ConnOut::Nodes(_, level) => vec![level],
            ConnOut::Edges(_, edge) => edge
                .iter()
                .filter_map(|(_, out)| match out {
                    EdgeOut::Node(level) => Some(level),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
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
