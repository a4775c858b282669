//! Filters on incidents.

use async_graphql::{Context, InputObject};
use entity::{incident, incident_place, involvement, organization, participant, person, place};
use futures_util::future::BoxFuture;
use futures_util::FutureExt;
use sea_orm::sea_query::Condition;

use super::{in_select, Criteria, Filter, OrganizationFilter, PersonFilter, PlaceFilter};
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
    async fn criteria(&self, c: &mut Criteria<'_, '_>) -> Result<()> {
        c.one_of(incident::Column::Kind, &self.kind);
        if let Some(places) = &self.place {
            let places = places.condition(c.ctx()).await?;
            let further = in_select(
                incident_place::Column::PlaceId,
                place::Column::Id,
                places.clone(),
            );
            c.push(
                Condition::any()
                    .add(in_select(
                        incident::Column::PlaceId,
                        place::Column::Id,
                        places,
                    ))
                    .add(in_select(
                        incident::Column::Id,
                        incident_place::Column::IncidentId,
                        further,
                    )),
            );
        }
        let (id, parts) = (incident::Column::Id, participant::Column::IncidentId);
        c.nested(&self.participant, id, parts).await?;
        c.dates(
            incident::Column::StartDate,
            &self.start_from,
            &self.start_to,
        );
        let involved = (
            involvement::Column::IncidentId,
            involvement::Column::OrganizationId,
        );
        c.linked(&self.involves, id, involved, organization::Column::Id)
            .await?;
        c.contains(incident::Column::Title, &self.title_contains);
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

impl Filter for ParticipantFilter {
    /// The `participant` rows this filter selects.
    fn condition<'a>(&'a self, ctx: &'a Context<'_>) -> BoxFuture<'a, Result<Condition>> {
        async move {
            let mut c = Criteria::new(ctx, Vec::new());
            let (column, id) = (participant::Column::PersonId, person::Column::Id);
            c.nested(&self.person, column, id).await?;
            c.one_of(participant::Column::Role, &self.role);
            Ok(c.into_condition())
        }
        .boxed()
    }
}
