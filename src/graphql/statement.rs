//! `Statement`: words said by a person or an organization, as a source
//! reports them, and the root fields that find statements.

use async_graphql::Context;
use entity::{citation, incident, place, statement, statement_mention};

use super::filter::StatementFilter;
use super::{loaders, maybe_referenced, referenced, Actor, Citation, Incident, Place, Source};
use crate::domain::record_kinds::{SpeakerRole, StatementKind};
use crate::error::{Error, Result};
use crate::store::Rel;

/// The actor in a pair of nullable person / organization columns.
pub async fn actor(
    ctx: &Context<'_>,
    person_id: Option<i64>,
    organization_id: Option<i64>,
) -> Result<Actor> {
    match (person_id, organization_id) {
        (Some(id), None) => Ok(Actor::Person(referenced(ctx, id).await?)),
        (None, Some(id)) => Ok(Actor::Organization(referenced(ctx, id).await?)),
        _ => Err(Error::Internal(
            "a row must name exactly one person or organization".into(),
        )),
    }
}

record_type! {
    /// Words said or written by a person or an organization, exactly as the
    /// reporting source gives them, with who said them, when, what about, and
    /// where they were first said.
    Statement(statement, Statement);
    id: "The global ID, `Statement:<slug>`, the same in every deployment.";
    slug: "The stable key.";
    {
    /// The words, verbatim from the reporting source (its brackets and ellipses
    /// included). For a `QUOTE` or `FRAGMENT`, the speaker's words as quoted;
    /// for a `PARAPHRASE`, the source's own words about what was said.
    async fn text(&self) -> &str {
        &self.0.text
    }

    /// Whether `text` is a quote, a quoted fragment or the source's paraphrase.
    async fn kind(&self) -> Result<StatementKind> {
        StatementKind::from_stored(&self.0.kind)
            .ok_or_else(|| Error::Internal(format!("unknown statement kind {}", self.0.kind)))
    }

    /// The language of `text` as reported (ISO 639-1), e.g. `en` for a translation.
    async fn language(&self) -> &str {
        &self.0.language
    }

    /// When the words were said, at the precision the source gives.
    date date = date;

    /// When `date` is unknown: the words were said no earlier than this.
    date not_before = not_before;

    /// When `date` is unknown: the words were said no later than this.
    date not_after = not_after;

    /// Whether something in the record (its date or bounds, its speaker) is
    /// not stated by the source but inferred; `inference` says what and why.
    inferred;

    /// Whether the speaker held a public office (or is an organ of the state)
    /// on the day the words were said, as far as the dates settle it. Unlike
    /// `Person.isOfficial` ("holds or held"), this is as of the day spoken.
    async fn speaker_role(&self) -> Result<SpeakerRole> {
        SpeakerRole::from_stored(&self.0.speaker_role)
            .ok_or_else(|| Error::Internal(format!("unknown speaker role {}", self.0.speaker_role)))
    }

    /// Why `speakerRole` is what it is: the office and dates that decide it,
    /// or the source's words when the source states it.
    async fn speaker_role_reason(&self) -> Option<&str> {
        self.0.speaker_role_reason.as_deref()
    }

    /// Where or how they were said: "farewell speech", "press conference", "tweet".
    async fn occasion(&self) -> Option<&str> {
        self.0.occasion.as_deref()
    }

    /// Who said them.
    async fn speaker(&self, ctx: &Context<'_>) -> Result<Actor> {
        actor(
            ctx,
            self.0.speaker_person_id,
            self.0.speaker_organization_id,
        )
        .await
    }

    /// The incidents the statement is about, oldest first.
    list incidents: Incident(incident) = Rel::StatementIncidents;

    /// The places the statement is about, rather than an incident there.
    list places: Place(place) = Rel::StatementPlaces;

    /// The persons and organizations the statement names.
    async fn mentions(&self, ctx: &Context<'_>) -> Result<Vec<Actor>> {
        let rows =
            loaders::related::<statement_mention::Entity>(ctx, Rel::StatementMentions, self.0.id)
                .await?;
        let actors = rows
            .iter()
            .map(|m| actor(ctx, m.person_id, m.organization_id));
        futures_util::future::try_join_all(actors).await
    }

    /// The source that reports the statement.
    async fn source(&self, ctx: &Context<'_>) -> Result<Source> {
        referenced(ctx, self.0.source_id).await
    }

    /// Where the words were first said or published (an interview, a post), when not the reporting source.
    async fn original_source(&self, ctx: &Context<'_>) -> Result<Option<Source>> {
        maybe_referenced(ctx, self.0.original_source_id).await
    }

    /// The reporting source's words that carry the statement.
    list citations: Citation(citation) = Rel::StatementCitations;
    }
}

record_query! {
    StatementQuery for Statement(statement, Statement), "statements";
    /// Statements matching `filter`, oldest first unless `orderBy` says otherwise.
    /// For example, statements by officials, as of the day they spoke, about incidents in Puno:
    /// `statements(filter: { spokenAsOfficial: true, about: { place: { within: "puno" } } })`.
    statements, statement(StatementFilter) by StatementOrder(StatementOrderField), default Date {
        /// The date said (undated statements last).
        Date => [Date],
    }
}
