//! Filters on incidents.

use async_graphql::{Context, InputObject};
use entity::{incident, incident_place, involvement, organization, participant, person, place};
use sea_orm::sea_query::Condition;

use super::PersonFilter;
use super::{
    all_of, contains_text, date_between, in_select, linked, one_of, Filter, OrganizationFilter,
    PlaceFilter,
};
use crate::domain::kinds::IncidentKind;
use crate::domain::record_kinds::ParticipantRole;
use crate::domain::PartialDate;
use crate::error::Result;

record_filter! {
    /// Selects incidents.
    IncidentFilter on incident;
    /// The incident with this slug.
    {
        /// The incident is of one of these kinds.
        pub kind: Option<Vec<IncidentKind>>,
        /// The incident's main place, or one of its further places, matches this
        /// filter (use `within` for a region and everything in it).
        pub place: Option<PlaceFilter>,
        /// A person matching this filter had a part in it, in one of the roles given (any role when none).
        pub participant: Option<ParticipantFilter>,
        /// Started on or after this date (inclusive at its precision).
        pub start_from: Option<PartialDate>,
        /// Started on or before this date (inclusive at its precision: `2023-01` includes all of January).
        pub start_to: Option<PartialDate>,
        /// An organization matching this filter was involved.
        pub involves: Option<OrganizationFilter>,
        /// The title contains this text, ignoring case.
        pub title_contains: Option<String>,
    }
}

impl IncidentFilter {
    /// The conditions of the filter's own fields.
    async fn criteria(&self, ctx: &Context<'_>, parts: &mut Vec<Condition>) -> Result<()> {
        if let Some(kinds) = &self.kind {
            parts.push(one_of(
                (incident::Entity, incident::Column::Kind),
                kinds.iter().map(|k| k.as_str()),
            ));
        }
        if let Some(places) = &self.place {
            let places = places.condition(ctx).await?;
            let further = in_select(
                (incident_place::Entity, incident_place::Column::PlaceId),
                (place::Entity, place::Column::Id),
                places.clone(),
            );
            parts.push(
                Condition::any()
                    .add(in_select(
                        (incident::Entity, incident::Column::PlaceId),
                        (place::Entity, place::Column::Id),
                        places,
                    ))
                    .add(in_select(
                        (incident::Entity, incident::Column::Id),
                        (incident_place::Entity, incident_place::Column::IncidentId),
                        further,
                    )),
            );
        }
        if let Some(participant) = &self.participant {
            parts.push(in_select(
                (incident::Entity, incident::Column::Id),
                (participant::Entity, participant::Column::IncidentId),
                participant.condition(ctx).await?,
            ));
        }
        parts.extend(date_between(
            (incident::Entity, incident::Column::StartDate),
            &self.start_from,
            &self.start_to,
        ));
        if let Some(organizations) = &self.involves {
            parts.push(linked(
                (incident::Entity, incident::Column::Id),
                (
                    involvement::Entity,
                    involvement::Column::IncidentId,
                    involvement::Column::OrganizationId,
                ),
                (organization::Entity, organization::Column::Id),
                organizations.condition(ctx).await?,
            ));
        }
        if let Some(text) = &self.title_contains {
            parts.push(contains_text(
                (incident::Entity, incident::Column::Title),
                text,
            ));
        }
        Ok(())
    }
}

/// Selects a person's part in an incident.
#[derive(Debug, Clone, Default, InputObject)]
pub struct ParticipantFilter {
    /// The person matches this filter.
    pub person: Option<PersonFilter>,
    /// The part is one of these roles.
    pub role: Option<Vec<ParticipantRole>>,
}

impl ParticipantFilter {
    /// The `participant` rows this filter selects.
    async fn condition(&self, ctx: &Context<'_>) -> Result<Condition> {
        let mut parts = Vec::new();
        if let Some(persons) = &self.person {
            parts.push(in_select(
                (participant::Entity, participant::Column::PersonId),
                (person::Entity, person::Column::Id),
                persons.condition(ctx).await?,
            ));
        }
        if let Some(roles) = &self.role {
            parts.push(one_of(
                (participant::Entity, participant::Column::Role),
                roles.iter().map(|r| r.as_str()),
            ));
        }
        Ok(all_of(parts))
    }
}
