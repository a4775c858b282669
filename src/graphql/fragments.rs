//! How deep a document's selections go once its fragments are spread, and
//! whether a fragment spreads itself. The guard refuses both with
//! `QUERY_TOO_DEEP` before async-graphql sees the document, so that
//! async-graphql's own recursion check (an error without a code) never
//! has to. The walk stops at a limit, counting a spread as a level, so a
//! chain of thousands of fragments cannot recurse thousands deep.

use std::collections::HashMap;

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};

/// Fragment depths already measured (`None` while one is being measured).
type Measured<'a> = HashMap<&'a str, Option<usize>>;

/// Why a document cannot be spread.
#[derive(Debug, PartialEq, Eq)]
pub enum Unspreadable {
    /// This fragment spreads itself, directly or through others.
    Cycle(String),
    /// Selections and spreads nest deeper than the limit.
    TooDeep,
}

/// What a walk carries: the fragments measured and how deep it may go.
struct Walk<'a> {
    document: &'a ExecutableDocument,
    measured: Measured<'a>,
    limit: usize,
}

/// The deepest nesting of the document's operations with fragments spread
/// (a spread counts as a level of its own), up to `limit`.
pub fn expanded_depth(document: &ExecutableDocument, limit: usize) -> Result<usize, Unspreadable> {
    let mut walk = Walk {
        document,
        measured: Measured::new(),
        limit,
    };
    let mut deepest = 0;
    for name in document.fragments.keys() {
        deepest = deepest.max(walk.fragment(name.as_str(), 0)?);
    }
    for (_, operation) in document.operations.iter() {
        let set = &operation.node.selection_set.node;
        deepest = deepest.max(walk.set(set, 0)?);
    }
    Ok(deepest)
}

impl<'a> Walk<'a> {
    /// A fragment's depth, spread at `level`.
    fn fragment(&mut self, name: &'a str, level: usize) -> Result<usize, Unspreadable> {
        match self.measured.get(name) {
            Some(Some(depth)) => return Ok(*depth),
            Some(None) => return Err(Unspreadable::Cycle(name.to_string())),
            None => {}
        }
        let Some((key, fragment)) = self.document.fragments.get_key_value(name) else {
            // An unknown fragment is for validation to report.
            return Ok(0);
        };
        self.measured.insert(key.as_str(), None);
        let depth = self.set(&fragment.node.selection_set.node, level + 1)?;
        self.measured.insert(key.as_str(), Some(depth));
        Ok(depth)
    }

    /// A selection set's depth at `level`: 1 for its own fields, plus its deepest child.
    fn set(&mut self, set: &'a SelectionSet, level: usize) -> Result<usize, Unspreadable> {
        if level > self.limit {
            return Err(Unspreadable::TooDeep);
        }
        let mut deepest = 0;
        for item in &set.items {
            let depth = match &item.node {
                Selection::Field(field) => {
                    let inner = &field.node.selection_set.node;
                    match inner.items.is_empty() {
                        true => 1,
                        false => 1 + self.set(inner, level + 1)?,
                    }
                }
                Selection::InlineFragment(fragment) => {
                    self.set(&fragment.node.selection_set.node, level + 1)?
                }
                Selection::FragmentSpread(spread) => {
                    self.fragment(spread.node.fragment_name.node.as_str(), level + 1)?
                }
            };
            deepest = deepest.max(depth);
        }
        Ok(deepest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(text: &str, limit: usize) -> Result<usize, Unspreadable> {
        let document = async_graphql::parser::parse_query(text).expect("parses");
        expanded_depth(&document, limit)
    }

    #[test]
    fn spreads_fragments_finds_cycles_and_stops_at_the_limit() {
        assert_eq!(depth("{ a { b { c } } }", 10), Ok(3));
        assert_eq!(
            depth("{ a { ...F } } fragment F on T { b { c } }", 10),
            Ok(3)
        );
        assert_eq!(depth("{ a { ... on T { b } } }", 10), Ok(2));
        let cycle = depth(
            "{ a { ...A } } fragment A on T { ...B } fragment B on T { ...A }",
            10,
        );
        assert!(
            matches!(&cycle, Err(Unspreadable::Cycle(n)) if n == "A" || n == "B"),
            "{cycle:?}"
        );
        let chain: String = (0..50)
            .map(|i| format!("fragment F{i} on T {{ ...F{} }} ", i + 1))
            .collect();
        let text = format!("{{ a {{ ...F0 }} }} {chain} fragment F50 on T {{ b }}");
        assert_eq!(depth(&text, 20), Err(Unspreadable::TooDeep));
    }
}
