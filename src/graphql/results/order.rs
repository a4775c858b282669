//! Response keys in the query's order: a selection's keys collected for
//! one object type (fragments expanded by their type conditions), and an
//! object's keys sorted by them.

use std::collections::HashMap;

use async_graphql::indexmap::IndexMap;
use async_graphql::parser::types::{
    ExecutableDocument, FragmentDefinition, Selection, SelectionSet,
};
use async_graphql::registry::Registry;
use async_graphql::{Name, Positioned, Value};

/// Puts the keys of `value`, an object of type `ty` selected by `set` in
/// `document`, in the query's order.
pub(super) fn reorder(
    document: &ExecutableDocument,
    registry: &Registry,
    ty: &str,
    set: &SelectionSet,
    value: &mut Value,
) {
    let Value::Object(map) = value else { return };
    if map.len() < 2 {
        return;
    }
    let typename = match map.get("__typename") {
        Some(Value::String(name)) => name.to_string(),
        _ => ty.to_owned(),
    };
    let mut order = Vec::new();
    let mut keys = Keys {
        registry,
        fragments: &document.fragments,
        ty: &typename,
    };
    keys.collect(set, &mut order, 0);
    sort(map, &order);
}

/// Sorts `map` by the position of each key in `order` (keys not in it last, as they were).
fn sort(map: &mut IndexMap<Name, Value>, order: &[&Name]) {
    let rank = |key: &Name| order.iter().position(|k| *k == key).unwrap_or(usize::MAX);
    let ranks: Vec<usize> = map.keys().map(rank).collect();
    if ranks.windows(2).all(|w| w[0] <= w[1]) {
        return;
    }
    map.sort_by(|a, _, b, _| rank(a).cmp(&rank(b)));
}

/// Collects a selection's response keys for one object type, fragments expanded.
struct Keys<'a> {
    registry: &'a Registry,
    fragments: &'a HashMap<Name, Positioned<FragmentDefinition>>,
    /// The object's type; an abstract one when its concrete type is not known.
    ty: &'a str,
}

impl<'a> Keys<'a> {
    /// Whether a fragment on `condition` applies to the object.
    fn applies(&self, condition: &str) -> bool {
        condition == self.ty
            || self
                .registry
                .types
                .get(condition)
                .is_some_and(|t| t.is_possible_type(self.ty))
            || self
                .registry
                .types
                .get(self.ty)
                .is_some_and(|t| t.is_abstract())
    }

    fn collect(&mut self, set: &'a SelectionSet, order: &mut Vec<&'a Name>, depth: usize) {
        // Validation has refused fragment cycles; the bound is a second guard.
        if depth > 64 {
            return;
        }
        for selection in &set.items {
            match &selection.node {
                Selection::Field(field) => {
                    let key = &field.node.response_key().node;
                    if !order.contains(&key) {
                        order.push(key);
                    }
                }
                Selection::InlineFragment(inline) => {
                    let condition = inline.node.type_condition.as_ref();
                    if condition.is_none_or(|c| self.applies(&c.node.on.node)) {
                        self.collect(&inline.node.selection_set.node, order, depth + 1);
                    }
                }
                Selection::FragmentSpread(spread) => {
                    let Some(fragment) = self.fragments.get(&spread.node.fragment_name.node) else {
                        continue;
                    };
                    if self.applies(&fragment.node.type_condition.node.on.node) {
                        self.collect(&fragment.node.selection_set.node, order, depth + 1);
                    }
                }
            }
        }
    }
}
