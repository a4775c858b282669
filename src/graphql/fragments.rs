//! How deep a document's selections go once its fragments are spread, and
//! whether a fragment spreads itself. The guard refuses both with
//! `QUERY_TOO_DEEP` before async-graphql sees the document, so that
//! async-graphql's own recursion check (an error without a code) never
//! has to.

use std::collections::HashMap;

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};

/// Fragment depths already measured (`None` while one is being measured).
type Measured<'a> = HashMap<&'a str, Option<usize>>;

/// The deepest nesting of the document's operations with fragments spread,
/// or the name of a fragment that spreads itself.
pub fn expanded_depth(document: &ExecutableDocument) -> Result<usize, String> {
    let mut measured = Measured::new();
    let mut deepest = 0;
    for name in document.fragments.keys() {
        deepest = deepest.max(fragment_depth(document, name.as_str(), &mut measured)?);
    }
    for (_, operation) in document.operations.iter() {
        let set = &operation.node.selection_set.node;
        deepest = deepest.max(set_depth(document, set, &mut measured)?);
    }
    Ok(deepest)
}

fn fragment_depth<'a>(
    document: &'a ExecutableDocument,
    name: &'a str,
    measured: &mut Measured<'a>,
) -> Result<usize, String> {
    match measured.get(name) {
        Some(Some(depth)) => return Ok(*depth),
        Some(None) => return Err(name.to_string()),
        None => {}
    }
    let Some((key, fragment)) = document.fragments.get_key_value(name) else {
        // An unknown fragment is for validation to report.
        return Ok(0);
    };
    measured.insert(key.as_str(), None);
    let depth = set_depth(document, &fragment.node.selection_set.node, measured)?;
    measured.insert(key.as_str(), Some(depth));
    Ok(depth)
}

/// A selection set's depth: 1 for its own fields, plus its deepest child.
fn set_depth<'a>(
    document: &'a ExecutableDocument,
    set: &'a SelectionSet,
    measured: &mut Measured<'a>,
) -> Result<usize, String> {
    let mut deepest = 0;
    for item in &set.items {
        let depth = match &item.node {
            Selection::Field(field) => {
                let inner = &field.node.selection_set.node;
                match inner.items.is_empty() {
                    true => 1,
                    false => 1 + set_depth(document, inner, measured)?,
                }
            }
            Selection::InlineFragment(fragment) => {
                set_depth(document, &fragment.node.selection_set.node, measured)?
            }
            Selection::FragmentSpread(spread) => {
                let name = spread.node.fragment_name.node.as_str();
                fragment_depth(document, name, measured)?
            }
        };
        deepest = deepest.max(depth);
    }
    Ok(deepest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(text: &str) -> Result<usize, String> {
        let document = async_graphql::parser::parse_query(text).map_err(|e| e.to_string())?;
        expanded_depth(&document)
    }

    #[test]
    fn spreads_fragments_and_finds_cycles() {
        assert_eq!(depth("{ a { b { c } } }"), Ok(3));
        assert_eq!(depth("{ a { ...F } } fragment F on T { b { c } }"), Ok(3));
        assert_eq!(depth("{ a { ... on T { b } } }"), Ok(2));
        let cycle = depth("{ a { ...A } } fragment A on T { ...B } fragment B on T { ...A }");
        assert!(
            matches!(cycle.as_ref().map_err(String::as_str), Err("A" | "B")),
            "{cycle:?}"
        );
    }
}
