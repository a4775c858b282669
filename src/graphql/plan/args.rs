//! A planned connection's arguments: the Relay window of a relation's page
//! as a [`Slice`] of each parent's children. A page that starts at a cursor
//! is not planned: a relation's cursor names its parent, so one cursor fits
//! one parent's list and the others answer an error each, which the
//! resolvers give at the right paths. Arguments out of range go there too.

use async_graphql::parser::types::Field;
use async_graphql::{ContextSelectionSet, InputType, Positioned};

use crate::graphql::pagination::{page_size, DEFAULT_PAGE_SIZE};
use crate::store::children::Slice;

/// The value of `field`'s argument `name`, variables and defaults applied;
/// `None` when it does not parse (the resolvers report it).
pub fn value<T: InputType>(
    ctx: &ContextSelectionSet<'_>,
    field: &Positioned<Field>,
    name: &str,
) -> Option<T> {
    ctx.with_field(field)
        .param_value::<T>(name, None)
        .ok()
        .map(|(_, value)| value)
}

/// The slice of each parent's children that `field`'s `first` and `last`
/// select, the way `PageArgs::range` places a page without a cursor.
pub fn slice(ctx: &ContextSelectionSet<'_>, field: &Positioned<Field>) -> Option<Slice> {
    let cursor = |name| value::<Option<String>>(ctx, field, name);
    if cursor("after")?.is_some() || cursor("before")?.is_some() {
        return None;
    }
    let first = page_size(value::<Option<i32>>(ctx, field, "first")?, "first").ok()?;
    let last = page_size(value::<Option<i32>>(ctx, field, "last")?, "last").ok()?;
    Some(match (first, last) {
        (None, Some(last)) => Slice::Last(last),
        (first, last) => {
            let end = first.unwrap_or(DEFAULT_PAGE_SIZE);
            Slice::Range {
                start: last.map_or(0, |last| end.saturating_sub(last)),
                end,
            }
        }
    })
}
