//! `Incident`: an event (a killing, an arrest, an announcement), and the root
//! fields that find incidents.

use async_graphql::Context;
use entity::{casualty_report, citation, incident, incident_link, involvement, participant, place};

use super::filter::IncidentFilter;
use super::{
    loaders, CasualtyReport, Citation, IncidentLink, Involvement, Participant, Place, Statement,
};
use crate::domain::kinds::IncidentKind;
use crate::error::{Error, Result};
use crate::store::Rel;

record_type! {
    /// Something that happened: killings at a place on a day, an arrest, the
    /// announcement of an investigation. Dates keep their precision.
    Incident(incident, Incident);
    id: "The global ID, `Incident:<slug>`, the same in every deployment.";
    slug: "The stable key.";
    {
    /// A short title in our words.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// What happened, in our words; the citations give the sources' own.
    async fn summary(&self) -> &str {
        &self.0.summary
    }

    /// What kind of incident it is.
    async fn kind(&self) -> Result<IncidentKind> {
        IncidentKind::from_stored(&self.0.kind)
            .ok_or_else(|| Error::Internal(format!("unknown incident kind '{}'", self.0.kind)))
    }

    /// When it began, at the precision the sources give.
    date start_date = start_date;

    /// When it ended, if it lasted more than a day and the sources say.
    date end_date = end_date;

    /// Where it happened, when one place says it; `place { ancestors }` gives the chain up to the
    /// country. An incident in several places (a strike in seven regions) lists them in `places`.
    optional place: Place = place_id;

    /// Statements about this incident, oldest first.
    connection statements: Statement = Rel::IncidentStatements;

    /// Every source's casualty figures, side by side, in order of publication.
    list casualty_reports: CasualtyReport(casualty_report) = Rel::IncidentCasualtyReports;

    /// Every source's figures side by side, with the lowest and highest and
    /// whether the sources disagree. Never an average.
    async fn casualty_summary(
        &self,
        ctx: &Context<'_>,
    ) -> Result<super::casualties::CasualtySummary> {
        super::casualties::summary_of(ctx, self.0.id).await
    }

    /// The organizations involved (forces deployed, offices acting), with their roles.
    list involved_organizations: Involvement(involvement) = Rel::IncidentInvolvements;

    /// Every place it happened in: the main `place` first, then the others
    /// (the strike of January 4, 2023 in seven regions).
    async fn places(&self, ctx: &Context<'_>) -> Result<Vec<Place>> {
        let mut ids: Vec<i64> = self.0.place_id.into_iter().collect();
        let further =
            loaders::page(ctx, Rel::IncidentPlaces, self.0.id, Default::default()).await?;
        ids.extend(
            further
                .ids
                .into_iter()
                .filter(|id| Some(*id) != self.0.place_id),
        );
        let rows = loaders::records::<place::Entity>(ctx, &ids).await?;
        Ok(rows.into_iter().map(Place).collect())
    }

    /// The persons with a part in it (killed, investigated, commanding...), with their roles.
    list participants: Participant(participant) = Rel::IncidentParticipants;

    /// The incidents this one investigates, responds to or is part of.
    list links: IncidentLink(incident_link) = Rel::IncidentLinks;

    /// The incidents that investigate, respond to or are part of this one.
    list linked_from: IncidentLink(incident_link) = Rel::IncidentLinkedFrom;

    /// Whether something in the record (a date, a place) is inferred rather than stated by its sources.
    inferred;

    /// The sources and their words that establish the incident.
    list citations: Citation(citation) = Rel::IncidentCitations;
    }
}

record_query! {
    IncidentQuery for Incident(incident, Incident), "incidents";
    /// Incidents matching `filter`, oldest first unless `orderBy` says otherwise.
    incidents, incident(IncidentFilter) by IncidentOrder(IncidentOrderField), default StartDate {
        /// The start date (undated incidents last).
        StartDate => [StartDate],
        /// The title.
        Title => [Title],
    }
}
