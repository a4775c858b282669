//! Filters on persons, organizations, and actors (either of them).
//!
//! An [`ActorFilter`] compiles to a pair of conditions, one on `person` and
//! one on `organization`: an actor is exactly one of the two, so `and`, `or`
//! and `not` combine the pair side by side and stay correct.

use async_graphql::{Context, Enum, InputObject};
use entity::{alias, organization, person, position};
use futures_util::future::BoxFuture;
use futures_util::FutureExt;
use sea_orm::sea_query::{Condition, Expr, ExprTrait};
use sea_orm::ColumnTrait;

use super::{all_of, contains_folded, in_select, never, one_of, qualified, Criteria, Filter};
use crate::domain::kinds::OrganizationKind;
use crate::error::Result;

/// Which kind of actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum ActorKind {
    /// A person.
    Person,
    /// An organization.
    Organization,
}

record_filter! {
    /// Selects persons.
    PersonFilter on person;
    /// The person with this slug.
    {
        /// The name or an alias contains this text, ignoring case and accents.
        pub name_contains: Option<String>,
        /// Holds or held a public office (true), or never did (false).
        pub is_official: Option<bool>,
        /// Holds or held a position in an organization matching this filter.
        pub member_of: Option<OrganizationFilter>,
    }
}

record_filter! {
    /// Selects organizations.
    OrganizationFilter on organization;
    /// The organization with this slug.
    {
        /// The name or an alias contains this text, ignoring case and accents.
        pub name_contains: Option<String>,
        /// The organization is of one of these kinds.
        pub kind: Option<Vec<OrganizationKind>>,
        /// Is an organ of the state (true) or not (false).
        pub is_official: Option<bool>,
    }
}

/// Selects actors: persons and organizations. Criteria that only make sense
/// for one kind (`memberOf`, `organizationKind`) never match the other.
#[derive(Debug, Clone, Default, InputObject)]
pub struct ActorFilter {
    /// Every one of these filters matches.
    pub and: Option<Vec<ActorFilter>>,
    /// At least one of these filters matches.
    pub or: Option<Vec<ActorFilter>>,
    /// This filter does not match.
    pub not: Option<Box<ActorFilter>>,
    /// The actor with this slug.
    pub slug: Option<String>,
    /// Only persons or only organizations.
    pub kind: Option<ActorKind>,
    /// The name or an alias contains this text, ignoring case and accents.
    pub name_contains: Option<String>,
    /// A person who holds or held a public office, or an organ of the state (true); anyone else (false).
    pub is_official: Option<bool>,
    /// An organization of one of these kinds.
    pub organization_kind: Option<Vec<OrganizationKind>>,
    /// A person with a position in an organization matching this filter.
    pub member_of: Option<OrganizationFilter>,
}

/// Persons who hold or held a public office.
fn official_persons() -> Condition {
    let public = Expr::col(qualified(position::Column::IsPublicOffice)).eq(true);
    let holder = position::Column::PersonId;
    in_select(person::Column::Id, holder, Condition::all().add(public))
}

/// Organizations that are organs of the state.
fn state_organizations() -> Condition {
    let state = OrganizationKind::STATE.iter().map(|k| k.as_str());
    one_of(organization::Column::Kind, state)
}

/// `condition` when `wanted` is true, its negation when false.
fn matching(condition: Condition, wanted: bool) -> Condition {
    if wanted {
        condition
    } else {
        condition.not()
    }
}

/// Name or alias of the rows whose `slug` and `id` columns are given
/// contains `text`, folded: the slug, or the key of an alias whose `owner`
/// column names the row.
fn named<C: ColumnTrait>((slug, id): (C, C), owner: alias::Column, text: &str) -> Condition {
    let alias = contains_folded(alias::Column::Key, text);
    Condition::any()
        .add(contains_folded(slug, text))
        .add(in_select(id, owner, alias))
}

/// A person's name columns, for [`named`].
const PERSON: (person::Column, person::Column) = (person::Column::Slug, person::Column::Id);

/// An organization's name columns, for [`named`].
const ORGANIZATION: (organization::Column, organization::Column) =
    (organization::Column::Slug, organization::Column::Id);

impl PersonFilter {
    /// The conditions of the filter's own fields.
    async fn criteria(&self, c: &mut Criteria<'_, '_>) -> Result<()> {
        if let Some(text) = &self.name_contains {
            c.push(named(PERSON, alias::Column::PersonId, text));
        }
        if let Some(wanted) = self.is_official {
            c.push(matching(official_persons(), wanted));
        }
        let positions = (position::Column::PersonId, position::Column::OrganizationId);
        c.linked(
            &self.member_of,
            person::Column::Id,
            positions,
            organization::Column::Id,
        )
        .await
    }
}

impl OrganizationFilter {
    /// The conditions of the filter's own fields.
    async fn criteria(&self, c: &mut Criteria<'_, '_>) -> Result<()> {
        if let Some(text) = &self.name_contains {
            c.push(named(ORGANIZATION, alias::Column::OrganizationId, text));
        }
        c.one_of(organization::Column::Kind, &self.kind);
        if let Some(wanted) = self.is_official {
            c.push(matching(state_organizations(), wanted));
        }
        Ok(())
    }
}

/// The compiled form of an [`ActorFilter`]: conditions on persons and on organizations.
pub struct ActorConditions {
    /// The persons the filter matches.
    pub person: Condition,
    /// The organizations the filter matches.
    pub organization: Condition,
}

impl ActorFilter {
    /// Compiles the filter to its two sides.
    pub fn conditions<'a>(
        &'a self,
        ctx: &'a Context<'_>,
    ) -> BoxFuture<'a, Result<ActorConditions>> {
        async move {
            let (mut persons, mut orgs) = (Vec::new(), Vec::new());
            for filter in self.and.iter().flatten() {
                let sides = filter.conditions(ctx).await?;
                persons.push(sides.person);
                orgs.push(sides.organization);
            }
            if let Some(filters) = &self.or {
                let (mut any_person, mut any_org) =
                    (Condition::any().add(never()), Condition::any().add(never()));
                for filter in filters {
                    let sides = filter.conditions(ctx).await?;
                    any_person = any_person.add(sides.person);
                    any_org = any_org.add(sides.organization);
                }
                persons.push(any_person);
                orgs.push(any_org);
            }
            if let Some(filter) = &self.not {
                let sides = filter.conditions(ctx).await?;
                persons.push(sides.person.not());
                orgs.push(sides.organization.not());
            }
            self.add_own(ctx, &mut persons, &mut orgs).await?;
            Ok(ActorConditions {
                person: all_of(persons),
                organization: all_of(orgs),
            })
        }
        .boxed()
    }

    /// Adds the conditions of this filter's own fields to each side.
    async fn add_own(
        &self,
        ctx: &Context<'_>,
        persons: &mut Vec<Condition>,
        orgs: &mut Vec<Condition>,
    ) -> Result<()> {
        if let Some(slug) = &self.slug {
            persons.push(
                Condition::all()
                    .add(Expr::col((person::Entity, person::Column::Slug)).eq(slug.as_str())),
            );
            orgs.push(Condition::all().add(
                Expr::col((organization::Entity, organization::Column::Slug)).eq(slug.as_str()),
            ));
        }
        match self.kind {
            Some(ActorKind::Person) => orgs.push(never()),
            Some(ActorKind::Organization) => persons.push(never()),
            None => {}
        }
        if let Some(text) = &self.name_contains {
            persons.push(named(PERSON, alias::Column::PersonId, text));
            orgs.push(named(ORGANIZATION, alias::Column::OrganizationId, text));
        }
        if let Some(wanted) = self.is_official {
            persons.push(matching(official_persons(), wanted));
            orgs.push(matching(state_organizations(), wanted));
        }
        if let Some(kinds) = &self.organization_kind {
            persons.push(never());
            orgs.push(one_of(
                organization::Column::Kind,
                kinds.iter().map(|k| k.as_str()),
            ));
        }
        if let Some(organizations) = &self.member_of {
            let person_filter = PersonFilter {
                member_of: Some(organizations.clone()),
                ..Default::default()
            };
            persons.push(person_filter.condition(ctx).await?);
            orgs.push(never());
        }
        Ok(())
    }

    /// The condition on the rows of `table` whose actor columns point at a matching actor.
    pub async fn on_columns<C: ColumnTrait>(
        &self,
        ctx: &Context<'_>,
        person_column: C,
        organization_column: C,
    ) -> Result<Condition> {
        let sides = self.conditions(ctx).await?;
        let organization = organization::Column::Id;
        Ok(Condition::any()
            .add(in_select(person_column, person::Column::Id, sides.person))
            .add(in_select(
                organization_column,
                organization,
                sides.organization,
            )))
    }
}
