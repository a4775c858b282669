//! Filters on sources.

use async_graphql::{Context, InputObject};
use entity::{organization, person, source, source_author};
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
                parts.push(
                    Condition::all()
                        .add(Expr::col((source::Entity, source::Column::Slug)).eq(slug.as_str())),
                );
            }
            if let Some(kinds) = &self.kind {
                parts.push(one_of(
                    (source::Entity, source::Column::Kind),
                    kinds.iter().map(|k| k.as_str()),
                ));
            }
            if let Some(publishers) = &self.publisher {
                parts.push(in_select(
                    (source::Entity, source::Column::PublisherId),
                    (organization::Entity, organization::Column::Id),
                    publishers.condition(ctx).await?,
                ));
            }
            if let Some(authors) = &self.author {
                let by = in_select(
                    (source_author::Entity, source_author::Column::PersonId),
                    (person::Entity, person::Column::Id),
                    authors.condition(ctx).await?,
                );
                parts.push(in_select(
                    (source::Entity, source::Column::Id),
                    (source_author::Entity, source_author::Column::SourceId),
                    by,
                ));
            }
            parts.extend(date_between(
                (source::Entity, source::Column::PublishedAt),
                &self.published_from,
                &self.published_to,
            ));
            if let Some(text) = &self.title_contains {
                parts.push(contains_text((source::Entity, source::Column::Title), text));
            }
            Ok(all_of(parts))
        }
        .boxed()
    }
}
