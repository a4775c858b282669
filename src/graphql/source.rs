//! `Source`: a document that reports facts, and the root fields that find sources.

use entity::{casualty_report, person, source};

use super::filter::SourceFilter;
use super::{CasualtyReport, Organization, Person, Statement};
use crate::domain::kinds::SourceKind;
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
    optional publisher: Organization = publisher_id;

    /// The authors, in byline order.
    list authors: Person(person) = Rel::SourceAuthors;

    /// When it was published, at the precision known.
    date published_at = published_at;

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

record_query! {
    SourceQuery for Source(source, Source), "sources";
    /// Sources matching `filter`, oldest first unless `orderBy` says otherwise.
    sources, source(SourceFilter) by SourceOrder(SourceOrderField), default PublishedAt {
        /// The publication date (undated sources last).
        PublishedAt => [PublishedAt],
        /// The title.
        Title => [Title],
    }
}
