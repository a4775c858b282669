//! Filter inputs that nest across relations, with `and` / `or` / `not`.
//!
//! Each filter compiles to a SQL condition on its own table's rows; a nested
//! filter becomes `id IN (SELECT ...)` over the related table, so a whole
//! filter tree is one statement whatever its depth. Compilation is async only
//! because `within` resolves a place slug first, to say so when it is unknown.

/// A record filter input: `and`, `or`, `not` and `slug`, then its own
/// fields; its [`Filter`] impl combines those four with the conditions its
/// `criteria` method adds for its own fields.
macro_rules! record_filter {
    (
        $(#[doc = $doc:literal])+
        $name:ident on $m:ident;
        $(#[doc = $slug_doc:literal])+
        { $($fields:tt)* }
    ) => {
        $(#[doc = $doc])+
        #[derive(Debug, Clone, Default, async_graphql::InputObject)]
        pub struct $name {
            /// Every one of these filters matches.
            pub and: Option<Vec<$name>>,
            /// At least one of these filters matches.
            pub or: Option<Vec<$name>>,
            /// This filter does not match.
            pub not: Option<Box<$name>>,
            $(#[doc = $slug_doc])+
            pub slug: Option<String>,
            $($fields)*
        }

        impl $crate::graphql::filter::Filter for $name {
            fn condition<'a>(
                &'a self,
                ctx: &'a async_graphql::Context<'_>,
            ) -> futures_util::future::BoxFuture<'a, $crate::error::Result<sea_orm::sea_query::Condition>> {
                use futures_util::FutureExt;
                use sea_orm::sea_query::{Condition, Expr, ExprTrait};
                async move {
                    let filter = $crate::graphql::filter::logical(ctx, &self.and, &self.or, &self.not);
                    let mut criteria = $crate::graphql::filter::Criteria::new(ctx, filter.await?);
                    if let Some(slug) = &self.slug {
                        let column = Expr::col(($m::Entity, $m::Column::Slug));
                        criteria.push(Condition::all().add(column.eq(slug.as_str())));
                    }
                    self.criteria(&mut criteria).await?;
                    Ok(criteria.into_condition())
                }
                .boxed()
            }
        }
    };
}

mod actor;
mod criteria;
mod incident;
mod place;
mod source;
mod statement;

pub use actor::{ActorFilter, OrganizationFilter, PersonFilter};
pub use criteria::Criteria;
pub use incident::{IncidentFilter, ParticipantFilter};
pub use place::PlaceFilter;
pub use source::SourceFilter;
pub use statement::StatementFilter;

use async_graphql::Context;
use futures_util::future::BoxFuture;
use std::str::FromStr;

use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func, LikeExpr, Query};
use sea_orm::{ColumnTrait, EntityTrait};

use crate::domain::{slugify, PartialDate};
use crate::error::Result;

/// A filter input that compiles to a condition on its table.
pub trait Filter: Send + Sync {
    /// The condition selecting the rows the filter matches.
    fn condition<'a>(&'a self, ctx: &'a Context<'_>) -> BoxFuture<'a, Result<Condition>>;
}

pub use crate::store::qualified;

/// The conditions of a filter's `and`, `or` and `not` fields.
pub async fn logical<F: Filter>(
    ctx: &Context<'_>,
    and: &Option<Vec<F>>,
    or: &Option<Vec<F>>,
    not: &Option<Box<F>>,
) -> Result<Vec<Condition>> {
    let mut parts = Vec::new();
    if let Some(filters) = and {
        let mut all = Condition::all();
        for filter in filters {
            all = all.add(filter.condition(ctx).await?);
        }
        parts.push(all);
    }
    if let Some(filters) = or {
        let mut any = Condition::any().add(never());
        for filter in filters {
            any = any.add(filter.condition(ctx).await?);
        }
        parts.push(any);
    }
    if let Some(filter) = not {
        parts.push(filter.condition(ctx).await?.not());
    }
    Ok(parts)
}

/// All the conditions at once; an empty list matches every row, spelled out
/// so that the result is never an empty condition (which `NOT` cannot wrap).
pub fn all_of(parts: Vec<Condition>) -> Condition {
    if parts.is_empty() {
        return Condition::all().add(Expr::val(1).eq(1));
    }
    parts.into_iter().fold(Condition::all(), Condition::add)
}

/// The rows of a record table that are not retracted (links have no flag: they go with their owner).
pub fn live<E: EntityTrait>(_table: E) -> Condition {
    live_rows::<E::Column>()
}

/// The live rows of the table `C` is a column of.
fn live_rows<C: ColumnTrait>() -> Condition {
    match C::from_str("retracted") {
        Ok(retracted) => Condition::all().add(Expr::col(qualified(retracted)).eq(false)),
        Err(_) => Condition::all(),
    }
}

/// The live rows `filter` matches (every live row when there is none).
pub async fn live_matching<F: Filter + Default, E: EntityTrait>(
    ctx: &Context<'_>,
    filter: Option<F>,
    table: E,
) -> Result<Condition> {
    Ok(filter
        .unwrap_or_default()
        .condition(ctx)
        .await?
        .add(live(table)))
}

/// The rows a root list shows: live ones unless `include_retracted`, and
/// only those changed since `updated_since` when given.
pub fn scope<E: EntityTrait>(
    table: E,
    include_retracted: Option<bool>,
    updated_since: Option<String>,
) -> Result<Condition> {
    let mut condition = match include_retracted {
        Some(true) => Condition::all(),
        _ => live(table),
    };
    if let Some(since) = updated_since {
        let since = crate::domain::timestamp::parse(&since)
            .map_err(|e| crate::error::Error::bad_input(format!("`updatedSince`: {e}")))?;
        let updated_at = E::Column::from_str("updated_at").map_err(|_| {
            crate::error::Error::Internal(format!("{} has no updated_at", table.table_name()))
        })?;
        condition = condition.add(Expr::col((table, updated_at)).gte(since));
    }
    Ok(condition)
}

/// A condition no row meets, spelled the same on every database.
pub fn never() -> Condition {
    Condition::all().add(Expr::val(1).eq(0))
}

/// The rows whose `column` equals `select` of some row of `select`'s table
/// matching `condition`, written as a correlated
/// `EXISTS (SELECT 1 FROM t WHERE t.select = column AND condition)`.
///
/// EXISTS lets the database walk the outer rows in the order asked for and
/// probe each through an index, instead of building the whole inner set
/// first (what `IN (SELECT ...)` tends to do); at a million statements that
/// is the difference between milliseconds and a second. It also has no NULL
/// trap: a NULL `column` matches nothing, and its `not` matches.
pub fn in_select<S: ColumnTrait>(
    column: impl ColumnTrait,
    select: S,
    condition: Condition,
) -> Condition {
    let query = Query::select()
        .expr(Expr::val(1))
        .from(S::EntityName::default())
        .and_where(Expr::col(qualified(select)).equals(qualified(column)))
        .cond_where(live_rows::<S>())
        .cond_where(condition)
        .to_owned();
    Condition::all().add(Expr::exists(query))
}

/// Rows whose `column` is the owner in a link table's `(owner, target)`
/// row whose target is a row of `select` that matches `condition`: a
/// statement about an incident in Puno, a person holding a position in an
/// organization.
pub fn linked<L: ColumnTrait>(
    column: impl ColumnTrait,
    (owner, target): (L, L),
    select: impl ColumnTrait,
    condition: Condition,
) -> Condition {
    in_select(column, owner, in_select(target, select, condition))
}

/// Case-insensitive `column` contains `text` (LIKE wildcards in `text` are taken literally).
pub fn contains_text(column: impl ColumnTrait, text: &str) -> Condition {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let pattern = LikeExpr::new(format!("%{escaped}%")).escape('\\');
    Condition::all().add(Func::lower(Expr::col(qualified(column))).like(pattern))
}

/// Accent- and case-insensitive name match on a slug or an alias key column.
/// Text with no letter or digit (`%`, `--`) matches nothing rather than everything.
pub fn contains_folded(column: impl ColumnTrait, text: &str) -> Condition {
    let folded = slugify(text);
    if folded.is_empty() && !text.is_empty() {
        return never();
    }
    Condition::all().add(Expr::col(qualified(column)).like(format!("%{folded}%")))
}

/// A date column within `[from, to]`, each bound inclusive at its own precision.
///
/// Stored dates are ISO text at their precision, so they compare as text; the
/// `~` appended to `to` sorts after every digit and hyphen, which makes
/// `to: "2023-01"` include `2023-01-31`.
pub fn date_between(
    column: impl ColumnTrait,
    from: &Option<PartialDate>,
    to: &Option<PartialDate>,
) -> Vec<Condition> {
    let column = qualified(column);
    let mut parts = Vec::new();
    if let Some(from) = from {
        parts.push(Condition::all().add(Expr::col(column).gte(from.to_string())));
    }
    if let Some(to) = to {
        parts.push(Condition::all().add(Expr::col(column).lte(format!("{to}~"))));
    }
    parts
}

/// `column` is one of the stored names.
pub fn one_of(
    column: impl ColumnTrait,
    values: impl IntoIterator<Item = &'static str>,
) -> Condition {
    Condition::all().add(Expr::col(qualified(column)).is_in(values))
}
