//! Filters on statements: who spoke, what about, who reported it, when.

use async_graphql::Context;
use entity::{
    incident, place, source, statement, statement_incident, statement_mention, statement_place,
};
use sea_orm::sea_query::{Condition, Expr, ExprTrait};

use super::PlaceFilter;
use super::{
    contains_text, date_between, in_select, linked, one_of, ActorFilter, Filter, IncidentFilter,
    SourceFilter,
};
use crate::domain::record_kinds::{SpeakerRole, StatementKind};
use crate::domain::PartialDate;
use crate::error::Result;

record_filter! {
    /// Selects statements.
    StatementFilter on statement;
    /// The statement with this slug.
    {
        /// The speaker matches this filter.
        pub speaker: Option<ActorFilter>,
        /// The statement is about at least one incident matching this filter.
        pub about: Option<IncidentFilter>,
        /// The statement names at least one actor matching this filter.
        pub mentions: Option<ActorFilter>,
        /// The source that reports the statement matches this filter.
        pub source: Option<SourceFilter>,
        /// Said on or after this date (inclusive at its precision).
        pub date_from: Option<PartialDate>,
        /// Said on or before this date (inclusive at its precision).
        pub date_to: Option<PartialDate>,
        /// The statement is in this language (ISO 639-1, e.g. `en`, `es`).
        pub language: Option<String>,
        /// The text contains this text, ignoring case.
        pub text_contains: Option<String>,
        /// The statement is a quote, a quoted fragment or a paraphrase, one of these.
        pub kind: Option<Vec<StatementKind>>,
        /// The speaker held a public office (or is an organ of the state) on the
        /// day spoken (true), or did not (false). Statements whose dates do not
        /// settle it match neither; ask `speakerRole: [OFFICIAL, UNKNOWN]` to include them.
        pub spoken_as_official: Option<bool>,
        /// The speaker's role on the day spoken is one of these.
        pub speaker_role: Option<Vec<SpeakerRole>>,
        /// The statement is about at least one place matching this filter (use `within` for a region).
        pub places: Option<PlaceFilter>,
    }
}

impl StatementFilter {
    /// The conditions of the filter's own fields.
    async fn criteria(&self, ctx: &Context<'_>, parts: &mut Vec<Condition>) -> Result<()> {
        if let Some(speakers) = &self.speaker {
            let on = speakers.on_columns(
                ctx,
                (statement::Entity, statement::Column::SpeakerPersonId),
                (statement::Entity, statement::Column::SpeakerOrganizationId),
            );
            parts.push(on.await?);
        }
        if let Some(incidents) = &self.about {
            parts.push(linked(
                (statement::Entity, statement::Column::Id),
                (
                    statement_incident::Entity,
                    statement_incident::Column::StatementId,
                    statement_incident::Column::IncidentId,
                ),
                (incident::Entity, incident::Column::Id),
                incidents.condition(ctx).await?,
            ));
        }
        if let Some(actors) = &self.mentions {
            let named = actors.on_columns(
                ctx,
                (
                    statement_mention::Entity,
                    statement_mention::Column::PersonId,
                ),
                (
                    statement_mention::Entity,
                    statement_mention::Column::OrganizationId,
                ),
            );
            parts.push(in_select(
                (statement::Entity, statement::Column::Id),
                (
                    statement_mention::Entity,
                    statement_mention::Column::StatementId,
                ),
                named.await?,
            ));
        }
        if let Some(sources) = &self.source {
            parts.push(in_select(
                (statement::Entity, statement::Column::SourceId),
                (source::Entity, source::Column::Id),
                sources.condition(ctx).await?,
            ));
        }
        parts.extend(date_between(
            (statement::Entity, statement::Column::Date),
            &self.date_from,
            &self.date_to,
        ));
        if let Some(language) = &self.language {
            parts.push(Condition::all().add(
                Expr::col((statement::Entity, statement::Column::Language)).eq(language.as_str()),
            ));
        }
        if let Some(text) = &self.text_contains {
            parts.push(contains_text(
                (statement::Entity, statement::Column::Text),
                text,
            ));
        }
        if let Some(kinds) = &self.kind {
            parts.push(one_of(
                (statement::Entity, statement::Column::Kind),
                kinds.iter().map(|k| k.as_str()),
            ));
        }
        if let Some(official) = self.spoken_as_official {
            let role = if official {
                SpeakerRole::Official
            } else {
                SpeakerRole::NotOfficial
            };
            parts.push(one_of(
                (statement::Entity, statement::Column::SpeakerRole),
                [role.as_str()],
            ));
        }
        if let Some(roles) = &self.speaker_role {
            parts.push(one_of(
                (statement::Entity, statement::Column::SpeakerRole),
                roles.iter().map(|r| r.as_str()),
            ));
        }
        if let Some(places) = &self.places {
            parts.push(linked(
                (statement::Entity, statement::Column::Id),
                (
                    statement_place::Entity,
                    statement_place::Column::StatementId,
                    statement_place::Column::PlaceId,
                ),
                (place::Entity, place::Column::Id),
                places.condition(ctx).await?,
            ));
        }
        Ok(())
    }
}
