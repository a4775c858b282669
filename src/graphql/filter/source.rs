//! Filters on sources.

use async_graphql::{Context, InputObject};
use futures_util::future::BoxFuture;
use futures_util::FutureExt;
use sea_orm::sea_query::{Condition, Expr, ExprTrait};

use super::{
    all_of, contains_text, date_between, in_select, logical, one_of, Filter, OrganizationFilter,
    PersonFilter,
};
use crate::domain::kinds::SourceKind;
use crate::domain::PartialDate;
use crate::error::Result;

/// Selects sources.
#[derive(Debug, Clone, Default, InputObject)]
pub struct SourceFilter {
    /// Every one of these filters matches.
    pub and: Option<Vec<SourceFilter>>,
    /// At least one of these filters matches.
    pub or: Option<Vec<SourceFilter>>,
    /// This filter does not match.
    pub not: Option<Box<SourceFilter>>,
    /// The source with this slug.
    pub slug: Option<String>,
    /// The source is of one of these kinds.
    pub kind: Option<Vec<SourceKind>>,
    /// The publisher matches this filter.
    pub publisher: Option<OrganizationFilter>,
    /// An author matches this filter.
    pub author: Option<PersonFilter>,
    /// Published on or after this date (inclusive at its precision).
    pub published_from: Option<PartialDate>,
    /// Published on or before this date (inclusive at its precision).
    pub published_to: Option<PartialDate>,
    /// The title contains this text, ignoring case.
    pub title_contains: Option<String>,
}

impl Filter for SourceFilter {
    fn condition<'a>(&'a self, ctx: &'a Context<'_>) -> BoxFuture<'a, Result<Condition>> {
        async move {
            let mut parts = logical(ctx, &self.and, &self.or, &self.not).await?;
            if let Some(slug) = &self.slug {
                parts.push(Condition::all().add(Expr::col(("source", "slug")).eq(slug.as_str())));
            }
            if let Some(kinds) = &self.kind {
                parts.push(one_of(("source", "kind"), kinds.iter().map(|k| k.as_str())));
            }
            if let Some(publishers) = &self.publisher {
                parts.push(in_select(
                    ("source", "publisher_id"),
                    ("organization", "id"),
                    publishers.condition(ctx).await?,
                ));
            }
            if let Some(authors) = &self.author {
                let by = in_select(
                    ("source_author", "person_id"),
                    ("person", "id"),
                    authors.condition(ctx).await?,
                );
                parts.push(in_select(
                    ("source", "id"),
                    ("source_author", "source_id"),
                    by,
                ));
            }
            parts.extend(date_between(
                ("source", "published_at"),
                &self.published_from,
                &self.published_to,
            ));
            if let Some(text) = &self.title_contains {
                parts.push(contains_text(("source", "title"), text));
            }
            Ok(all_of(parts))
        }
        .boxed()
    }
}
