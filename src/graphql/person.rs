//! `Person`: a named human being, and the root fields that find persons.

use async_graphql::Context;
use entity::{participant, person, position};

use super::filter::PersonFilter;
use super::{alias_names, loaders, Participant, Position, Source, Statement};
use crate::error::Result;
use crate::store::Rel;

record_type! {
    /// A named human being: an official, a commander, a victim, a journalist.
    Person(person, Person);
    id: "The global ID, `Person:<slug>`, the same in every deployment.";
    slug: "The stable, human-readable key: the name in lowercase ASCII with hyphens.";
    {
    /// The name as the sources write it, with accents.
    pub async fn name(&self, _ctx: &Context<'_>) -> &str {
        &self.0.name
    }

    /// Who the person is, in a line.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// Other names and spellings (with and without accents).
    pub async fn aliases(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        alias_names(ctx, Rel::PersonAliases, self.0.id).await
    }

    /// Positions held, oldest first.
    list positions: Position(position) = Rel::PersonPositions;

    /// The incidents the person had a part in (killed, detained, investigated,
    /// investigating...), oldest first, with the part.
    list incidents: Participant(participant) = Rel::PersonParticipations;

    /// Whether the person holds or held a public office (government, congress,
    /// armed forces, police, prosecutor, judiciary) at any time. For whether
    /// they held one when saying something, read `Statement.speakerRole`.
    async fn is_official(&self, ctx: &Context<'_>) -> Result<bool> {
        let rows =
            loaders::related::<position::Entity>(ctx, Rel::PersonPositions, self.0.id).await?;
        Ok(rows.iter().any(|p| p.is_public_office))
    }

    /// What the person said, oldest first.
    connection statements: Statement = Rel::PersonStatements;

    /// Statements that name this person, oldest first.
    connection mentioned_in: Statement = Rel::PersonMentionedIn;

    /// Sources the person wrote, oldest first.
    connection authored: Source = Rel::PersonAuthored;
    }
}

record_query! {
    PersonQuery for Person(person, Person), "persons";
    /// Persons matching `filter`, by name unless `orderBy` says otherwise.
    persons, person(PersonFilter) by PersonOrder(PersonOrderField), default Name {
        /// The name.
        Name => [Name],
    }
    /// A merged record's ID gives the record it was merged into.
}
