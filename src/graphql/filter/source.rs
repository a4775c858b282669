//! Filters on sources.

use async_graphql::Context;
use entity::{organization, person, source, source_author};
use sea_orm::sea_query::Condition;

use super::{
    contains_text, date_between, in_select, linked, one_of, Filter, OrganizationFilter,
    PersonFilter,
};
use crate::domain::kinds::SourceKind;
use crate::domain::PartialDate;
use crate::error::Result;

record_filter! {
    /// Selects sources.
    SourceFilter on source;
    /// The source with this slug.
    {
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
}

impl SourceFilter {
    /// The conditions of the filter's own fields.
    async fn criteria(&self, ctx: &Context<'_>, parts: &mut Vec<Condition>) -> Result<()> {
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
            parts.push(linked(
                (source::Entity, source::Column::Id),
                (
                    source_author::Entity,
                    source_author::Column::SourceId,
                    source_author::Column::PersonId,
                ),
                (person::Entity, person::Column::Id),
                authors.condition(ctx).await?,
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
        Ok(())
    }
}
