//! Create and update casualty reports: one source's figures for one incident.

use async_graphql::{InputObject, MaybeUndefined, ID};
use entity::casualty_report;
use sea_orm::Set;

use super::named::unused_slug;
use super::validate::{self, count, date, optional_text};
use super::write::{Edit, NewRecord};
use super::{
    new_citations, reference_of, replaced_citations, CasualtyReportPayload, CitationInput, Create,
    Update,
};
use crate::domain::kinds::FigureQualifier;
use crate::domain::record_kinds::CasualtyCategory;
use crate::domain::{NodeKind, PartialDate};
use crate::error::Result;
use crate::write::typed::{given, maybe};
use crate::write::Change;

record_mutations!(
    CasualtyReportMutation, "casualty reports";
    "a casualty report", CasualtyReportPayload: create_casualty_report(CreateCasualtyReportInput), update_casualty_report(UpdateCasualtyReportInput)
);

/// A new casualty report.
#[derive(InputObject)]
pub struct CreateCasualtyReportInput {
    /// The stable key (made from the incident and source when absent).
    slug: Option<String>,
    /// The incident (`Incident:...`).
    incident_id: ID,
    /// The source giving the figures (`Source:...`).
    source_id: ID,
    /// People killed, as the source counts them.
    killed: Option<i32>,
    /// How exact `killed` is in the source's words.
    #[graphql(default_with = "FigureQualifier::Exact")]
    killed_qualifier: FigureQualifier,
    /// People injured.
    injured: Option<i32>,
    /// How exact `injured` is.
    #[graphql(default_with = "FigureQualifier::Exact")]
    injured_qualifier: FigureQualifier,
    /// The date the figures are as of.
    as_of: Option<PartialDate>,
    /// What the figures cover, in a sentence (at most 2000 characters).
    note: Option<String>,
    /// The source's words for the figures (at least one).
    citations: Vec<CitationInput>,
}

/// Changes to a casualty report; absent fields stay as they are.
#[derive(InputObject)]
pub struct UpdateCasualtyReportInput {
    /// The report (`CasualtyReport:...`).
    id: ID,
    /// The version you read.
    version: i32,
    /// People killed; null clears it.
    killed: MaybeUndefined<i32>,
    /// How exact `killed` is.
    killed_qualifier: Option<FigureQualifier>,
    /// People injured; null clears it.
    injured: MaybeUndefined<i32>,
    /// How exact `injured` is.
    injured_qualifier: Option<FigureQualifier>,
    /// The date the figures are as of; null clears it.
    as_of: MaybeUndefined<PartialDate>,
    /// The note; null clears it.
    note: MaybeUndefined<String>,
    /// The citations, replacing the old (at least one).
    citations: Option<Vec<CitationInput>>,
}

impl Create<CasualtyReportPayload> for CreateCasualtyReportInput {
    async fn create(self, change: &Change) -> Result<NewRecord> {
        let incident = reference_of(
            change,
            "input.incidentId",
            &self.incident_id,
            NodeKind::Incident,
        )
        .await?;
        let source =
            reference_of(change, "input.sourceId", &self.source_id, NodeKind::Source).await?;
        let slug_of = |id: &ID| {
            id.as_str()
                .split(':')
                .nth(1)
                .unwrap_or_default()
                .to_string()
        };
        let fallback = format!(
            "{} {}",
            slug_of(&self.incident_id),
            slug_of(&self.source_id)
        );
        let slug = validate::new_slug(self.slug.as_deref(), &fallback)?;
        unused_slug(change, NodeKind::CasualtyReport, &slug).await?;
        let citations = new_citations(change, &self.citations).await?;
        let row = casualty_report::ActiveModel {
            slug: Set(slug),
            incident_id: Set(incident),
            source_id: Set(source),
            killed: Set(count("input.killed", self.killed)?),
            killed_qualifier: Set(self.killed_qualifier.as_str().into()),
            injured: Set(count("input.injured", self.injured)?),
            injured_qualifier: Set(self.injured_qualifier.as_str().into()),
            as_of: Set(date(self.as_of.as_ref())),
            note: Set(optional_text("input.note", self.note.as_deref(), 2000)?),
            // The API takes no category (figures count everyone the source
            // counts), no verbatim figure words and no inference.
            category: Set(CasualtyCategory::All.as_str().into()),
            killed_words: Set(None),
            injured_words: Set(None),
            inferred: Set(false),
            inference: Set(None),
            ..Default::default()
        };
        Ok(NewRecord::new(&row, vec![("citation", citations)]))
    }
}

impl Update<CasualtyReportPayload> for UpdateCasualtyReportInput {
    async fn update(self, change: &Change, _row: i64) -> Result<Edit> {
        let fields = casualty_report::ActiveModel {
            killed: maybe(self.killed, |n| count("input.killed", Some(n)))?,
            injured: maybe(self.injured, |n| count("input.injured", Some(n)))?,
            killed_qualifier: given(self.killed_qualifier, |q| Ok(q.as_str().to_string()))?,
            injured_qualifier: given(self.injured_qualifier, |q| Ok(q.as_str().to_string()))?,
            as_of: maybe(self.as_of, |d| Ok(date(Some(&d))))?,
            note: maybe(self.note, |n| optional_text("input.note", Some(&n), 2000))?,
            ..Default::default()
        };
        let citations = replaced_citations(change, self.citations.as_deref()).await?;
        Ok(Edit::new(&fields, [("citation", citations)]))
    }
}
