//! Variables an operation declares with a default and the request does not
//! send take their default before anything reads them. async-graphql 7.2
//! drops `@skip`/`@include` selections before execution reading the sent
//! variables only, so `query ($full: Boolean = true) { x @include(if: $full) }`
//! skipped `x`. Writing the defaults into the request's variables (the
//! spec's CoerceVariableValues) makes every reader agree.

use async_graphql::parser::parse_query;
use async_graphql::parser::types::OperationDefinition;
use async_graphql::{Name, Request};

/// The operation `name` picks (the only one when `None`).
fn chosen<'a>(
    document: &'a async_graphql::parser::types::ExecutableDocument,
    name: Option<&str>,
) -> Option<&'a OperationDefinition> {
    let mut operations = document.operations.iter();
    match name {
        Some(name) => operations
            .find(|(n, _)| n.map(Name::as_str) == Some(name))
            .map(|(_, op)| &op.node),
        None => match (operations.next(), operations.next()) {
            (Some((_, op)), None) => Some(&op.node),
            _ => None,
        },
    }
}

/// `request` with the defaults of the variables it did not send. Only a
/// query that declares a default is parsed here (a cheap text test first);
/// one that does not parse is left for the parser to report.
pub(super) fn apply(mut request: Request) -> Request {
    if !request.query.contains('=') {
        return request;
    }
    let Ok(document) = parse_query(&request.query) else {
        return request;
    };
    let Some(operation) = chosen(&document, request.operation_name.as_deref()) else {
        return request;
    };
    for definition in &operation.variable_definitions {
        let (name, default) = (&definition.node.name.node, &definition.node.default_value);
        if let (false, Some(default)) = (request.variables.contains_key(name), default) {
            request.variables.insert(name.clone(), default.node.clone());
        }
    }
    request
}
