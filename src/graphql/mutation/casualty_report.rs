//! Create and update casualty reports: one source's figures for one incident.

use crate::graphql::plan::PlannedOne;
use async_graphql::{Context, InputObject, MaybeUndefined, Object, ID};
use entity::casualty_report;
use serde_json::{json, Value};

use super::named::{finish_record, unused_slug};
use super::position::cited;
use super::validate::{self, count, date, optional_text, patch};
use super::{
    begin, citation_rows, reference_of, replaced_citations, target, CasualtyReportPayload,
    CitationInput,
};
use crate::domain::kinds::FigureQualifier;
use crate::domain::{NodeKind, PartialDate};
use crate::error::Result;
use crate::graphql::CasualtyReport;

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

/// Mutations of casualty reports.
#[derive(Default)]
pub struct CasualtyReportMutation;

/// Mutations of casualty reports.
#[Object]
impl CasualtyReportMutation {
    /// Creates a casualty report. Needs an editor key.
    async fn create_casualty_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new record's fields.")] input: CreateCasualtyReportInput,
    ) -> Result<CasualtyReportPayload> {
        let mut change = begin(ctx).await?;
        let incident = reference_of(
            &change,
            "input.incidentId",
            &input.incident_id,
            NodeKind::Incident,
        )
        .await?;
        let source = reference_of(
            &change,
            "input.sourceId",
            &input.source_id,
            NodeKind::Source,
        )
        .await?;
        let slug_of = |id: &ID| {
            id.as_str()
                .split(':')
                .nth(1)
                .unwrap_or_default()
                .to_string()
        };
        let fallback = format!(
            "{} {}",
            slug_of(&input.incident_id),
            slug_of(&input.source_id)
        );
        let slug = validate::new_slug(input.slug.as_deref(), &fallback)?;
        unused_slug(&change, NodeKind::CasualtyReport, &slug).await?;
        cited(&input.citations)?;
        let citations = citation_rows(&change, "input.citations", &input.citations).await?;
        let row = json!({
            "slug": slug, "incident_id": incident, "source_id": source,
            "killed": count("input.killed", input.killed)?, "killed_qualifier": input.killed_qualifier.as_str(),
            "injured": count("input.injured", input.injured)?, "injured_qualifier": input.injured_qualifier.as_str(),
            "as_of": date(input.as_of.as_ref()),
            "note": optional_text("input.note", input.note.as_deref(), 2000)?,
        });
        change
            .create(NodeKind::CasualtyReport, row, vec![("citation", citations)])
            .await?;
        let (model, revision) = finish_record::<casualty_report::Entity>(ctx, change).await?;
        Ok(CasualtyReportPayload {
            casualty_report: PlannedOne(CasualtyReport(model)),
            revision,
        })
    }

    /// Updates a casualty report. Needs an editor key and the version you read.
    async fn update_casualty_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The record, the version you read, and the fields to change (omitted fields stay as they are)."
        )]
        input: UpdateCasualtyReportInput,
    ) -> Result<CasualtyReportPayload> {
        let mut change = begin(ctx).await?;
        let (_, row) = target(
            &change,
            &input.id,
            Some(NodeKind::CasualtyReport),
            input.version,
        )
        .await?;
        let mut fields = json!({});
        patch(&mut fields, "killed", input.killed, |n| {
            count("input.killed", Some(n))
        })?;
        patch(&mut fields, "injured", input.injured, |n| {
            count("input.injured", Some(n))
        })?;
        if let Some(q) = input.killed_qualifier {
            fields["killed_qualifier"] = Value::from(q.as_str());
        }
        if let Some(q) = input.injured_qualifier {
            fields["injured_qualifier"] = Value::from(q.as_str());
        }
        patch(&mut fields, "as_of", input.as_of, |d| Ok(date(Some(&d))))?;
        patch(&mut fields, "note", input.note, |n| {
            optional_text("input.note", Some(&n), 2000)
        })?;
        let citations = replaced_citations(&change, input.citations.as_deref()).await?;
        let links = citations
            .map(|rows| ("citation", rows))
            .into_iter()
            .collect();
        change
            .update(NodeKind::CasualtyReport, row, fields, links)
            .await?;
        let (model, revision) = finish_record::<casualty_report::Entity>(ctx, change).await?;
        Ok(CasualtyReportPayload {
            casualty_report: PlannedOne(CasualtyReport(model)),
            revision,
        })
    }
}
