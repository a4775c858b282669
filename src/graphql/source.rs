//! `Source`: a document that reports facts, and the root fields that find sources.

use async_graphql::Context;
use entity::{casualty_report, person, source};

use super::filter::SourceFilter;
use super::scalars::stored_date;
use super::{maybe_referenced, CasualtyReport, Organization, Person, Statement};
use crate::domain::kinds::SourceKind;
use crate::domain::PartialDate;
use crate::error::{Error, Result};
use crate::store::Rel;

record_type! {
    /// A document that reports facts: a news article, a press release, a report,
    /// an interview, a post. Every statement, casualty figure and citation points
    /// at one.
    Source(source, Source);
    id: "The global ID, `Source:<slug>`, the same in every deployment.";
    slug: "The stable key.";
    {
    /// What kind of document it is.
    async fn kind(&self) -> Result<SourceKind> {
        SourceKind::from_stored(&self.0.kind)
            .ok_or_else(|| Error::Internal(format!("unknown source kind '{}'", self.0.kind)))
    }

    /// The title (for a source known only by citation, a description of it).
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// The organization that published it.
    async fn publisher(&self, ctx: &Context<'_>) -> Result<Option<Organization>> {
        maybe_referenced(ctx, self.0.publisher_id).await
    }

    /// The authors, in byline order.
    list authors: Person(person) = Rel::SourceAuthors;

    /// When it was published, at the precision known.
    async fn published_at(&self) -> Option<PartialDate> {
        stored_date(&self.0.published_at)
    }

    /// Where it can be read, when known.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }

    /// Its language (ISO 639-1).
    async fn language(&self) -> Option<&str> {
        self.0.language.as_deref()
    }

    /// The statements it reports, oldest first.
    connection statements: Statement = Rel::SourceStatements;

    /// The casualty figures it gives.
    list casualty_reports: CasualtyReport(casualty_report) = Rel::SourceCasualtyReports;

    /// The sources it cites.
    list cites: Source(source) = Rel::SourceCites;

    /// The sources that cite it, oldest first.
    connection cited_by: Source = Rel::SourceCitedBy;
    }
}

record_order! {
    SourceOrder, SourceOrderField, source, "sources";
    {
        /// The publication date (undated sources last).
        PublishedAt => [PublishedAt],
        /// The title.
        Title => [Title],
    }
}

record_query! {
    /// Root fields that find sources.
    SourceQuery for Source(source, Source);
    /// Sources matching `filter`, oldest first unless `orderBy` says otherwise.
    sources(SourceFilter, SourceOrder, default PublishedAt);
    /// One source, by ID or by slug; null, with a NOT_FOUND error at its path, when none has it
    /// (or it is retracted, unless `includeRetracted`).
    source;
}
