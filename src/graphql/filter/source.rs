//! Filters on sources.

use entity::{organization, person, source, source_author};

use super::{Criteria, OrganizationFilter, PersonFilter};
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
    async fn criteria(&self, c: &mut Criteria<'_, '_>) -> Result<()> {
        c.one_of(source::Column::Kind, &self.kind);
        let (publisher, author) = (&self.publisher, &self.author);
        c.nested(
            publisher,
            source::Column::PublisherId,
            organization::Column::Id,
        )
        .await?;
        let authorship = (
            source_author::Column::SourceId,
            source_author::Column::PersonId,
        );
        c.linked(author, source::Column::Id, authorship, person::Column::Id)
            .await?;
        let (from, to) = (&self.published_from, &self.published_to);
        c.dates(source::Column::PublishedAt, from, to);
        c.contains(source::Column::Title, &self.title_contains);
        Ok(())
    }
}
