//! Limits on input values, as depth and complexity limit selections.
//!
//! async-graphql reads input objects recursively (a filter's `not` holds a
//! filter, which holds a filter...), and so do the parser, validation and our
//! filter compiler; a few hundred levels of `{not:{not:...}}` overflow a
//! worker's stack and abort the whole process. So every request is measured
//! here first, without recursion: [`text_nesting`] bounds the brackets of the
//! raw document before it is parsed, and [`check`] bounds the depth, list
//! lengths and size of every argument and variable before anything reads
//! them. Past these checks no input can drive any recursion deeper than
//! [`InputLimits::depth`].

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{ErrorExtensionValues, ServerError, Value as ConstValue, Variables};
use async_graphql_value::Value;

/// How far input values may go.
#[derive(Debug, Clone, Copy)]
pub struct InputLimits {
    /// The deepest nesting of input objects and lists.
    pub depth: usize,
    /// The most items in one list.
    pub list: usize,
    /// The most values in all arguments and variables together.
    pub values: usize,
    /// The deepest selection nesting (the parser's and validator's own limit).
    pub selection_depth: usize,
}

impl InputLimits {
    /// The input limits of a server's configuration.
    pub fn of(config: &crate::config::LimitsConfig) -> Self {
        InputLimits {
            depth: config.max_input_depth,
            list: config.max_input_list,
            values: config.max_input_values,
            selection_depth: config.max_depth,
        }
    }

    /// The deepest bracket nesting a document may have: selections and
    /// values together, plus the operation's own braces and some slack.
    pub fn text_depth(&self) -> usize {
        self.selection_depth + self.depth + 4
    }
}

/// An error with a stable code.
pub fn refuse(code: &str, message: impl Into<String>) -> ServerError {
    let mut error = ServerError::new(message, None);
    let mut extensions = ErrorExtensionValues::default();
    extensions.set("code", code);
    error.extensions = Some(extensions);
    error
}

/// The deepest nesting of `{`, `[` and `(` in a GraphQL document's text,
/// skipping strings, block strings and comments. Linear and recursion-free,
/// so it can run on any text before the parser does.
pub fn text_nesting(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                i += 3;
                while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 2;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'[' | b'(' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    deepest
}

/// The code of a document whose brackets nest too deep.
pub const TOO_DEEP: &str = "QUERY_TOO_DEEP";

/// Refuses a document whose brackets nest deeper than the limits allow,
/// before it is parsed; the error is the message (its code is [`TOO_DEEP`]).
pub fn check_text(text: &str, limits: &InputLimits) -> Result<(), String> {
    let nesting = text_nesting(text);
    if nesting > limits.text_depth() {
        return Err(format!(
            "the document nests {nesting} levels of brackets; at most {} are allowed",
            limits.text_depth()
        ));
    }
    Ok(())
}

/// What one walk has counted so far.
struct Tally<'l> {
    limits: &'l InputLimits,
    values: usize,
}

impl Tally<'_> {
    /// Counts a value at `depth` with `len` items, refusing what goes past a limit.
    fn count(&mut self, depth: usize, len: usize, what: &str) -> Result<(), ServerError> {
        self.values += 1;
        let limits = self.limits;
        let (code, message) = if depth > limits.depth {
            let levels = limits.depth;
            let message =
                format!("{what} nests input objects or lists deeper than {levels} levels");
            ("INPUT_TOO_DEEP", message)
        } else if len > limits.list {
            let most = limits.list;
            let message = format!("{what} has a list of {len} items; at most {most} are allowed");
            ("INPUT_TOO_LARGE", message)
        } else if self.values > limits.values {
            let most = limits.values;
            let message =
                format!("the request's arguments and variables hold more than {most} values");
            ("INPUT_TOO_LARGE", message)
        } else {
            return Ok(());
        };
        Err(refuse(code, message))
    }

    /// Refuses text holding NUL, which no column can store (PostgreSQL
    /// rejects it outright) and no legitimate client sends.
    fn text(&self, text: &str, what: &str) -> Result<(), ServerError> {
        if text.contains('\0') {
            return Err(refuse(
                "BAD_USER_INPUT",
                format!("{what} holds a NUL character"),
            ));
        }
        Ok(())
    }

    /// Walks a value, without recursion: a stack of (value, depth).
    fn walk<V: Walkable>(&mut self, root: &V, what: &str) -> Result<(), ServerError> {
        let mut stack = vec![(root, 1usize)];
        while let Some((value, depth)) = stack.pop() {
            match value.shape() {
                Shape::Many(items) => {
                    self.count(depth, items.len(), what)?;
                    stack.extend(items.into_iter().map(|v| (v, depth + 1)));
                }
                Shape::Text(text) => {
                    self.count(depth, 0, what)?;
                    self.text(text, what)?;
                }
                Shape::Other => self.count(depth, 0, what)?,
            }
        }
        Ok(())
    }
}

/// What the walk sees of a value: the items of a list or object, text, or anything else.
enum Shape<'v, V> {
    Many(Vec<&'v V>),
    Text(&'v str),
    Other,
}

/// A value the walk can take apart: the document's (which may hold
/// variables) and a variable's own, which async-graphql types apart.
trait Walkable: Sized {
    fn shape(&self) -> Shape<'_, Self>;
}

/// The same walk for both value types: their lists, objects and strings
/// have the same variants.
macro_rules! walkable {
    ($($value:ident),+) => {$(
        impl Walkable for $value {
            fn shape(&self) -> Shape<'_, Self> {
                match self {
                    $value::List(items) => Shape::Many(items.iter().collect()),
                    $value::Object(fields) => Shape::Many(fields.values().collect()),
                    $value::String(text) => Shape::Text(text),
                    _ => Shape::Other,
                }
            }
        }
    )+};
}

walkable!(Value, ConstValue);

/// Refuses a request whose arguments or variables nest too deep, hold too
/// long a list or too many values (`INPUT_TOO_DEEP`, `INPUT_TOO_LARGE`), or
/// hold a NUL character in a string (`BAD_USER_INPUT`).
pub fn check(
    document: &ExecutableDocument,
    variables: &Variables,
    limits: &InputLimits,
) -> Result<(), ServerError> {
    let mut tally = Tally { limits, values: 0 };
    for (name, value) in variables.iter() {
        tally.walk(value, &format!("the variable `${name}`"))?;
    }
    let mut sets: Vec<&SelectionSet> = document
        .fragments
        .values()
        .map(|f| &f.node.selection_set.node)
        .collect();
    for (_, operation) in document.operations.iter() {
        for var in &operation.node.variable_definitions {
            if let Some(default) = &var.node.default_value {
                tally.walk(&default.node, "a variable's default value")?;
            }
        }
        sets.push(&operation.node.selection_set.node);
    }
    // Selection sets are walked with a stack too; the parser already bounds their depth.
    while let Some(set) = sets.pop() {
        for item in &set.items {
            match &item.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    let what = format!("the argument(s) of `{}`", field.name.node);
                    for (_, value) in &field.arguments {
                        tally.walk(&value.node, &what)?;
                    }
                    for directive in &field.directives {
                        for (_, value) in &directive.node.arguments {
                            tally.walk(&value.node, &what)?;
                        }
                    }
                    sets.push(&field.selection_set.node);
                }
                Selection::InlineFragment(fragment) => sets.push(&fragment.node.selection_set.node),
                Selection::FragmentSpread(_) => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_nesting_skips_strings_and_comments() {
        assert_eq!(text_nesting("{ a { b(x: [1, {y: 2}]) } }"), 5);
        assert_eq!(text_nesting(r#"{ a(s: "{{{[[[") }"#), 2);
        assert_eq!(text_nesting("{ a # {{{{{\n }"), 1);
        assert_eq!(text_nesting(r#"{ a(s: """ {{{ \""" {{ """) }"#), 2);
        assert_eq!(text_nesting("}}}{"), 1);
    }
}
