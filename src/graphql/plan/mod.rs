//! The planned read path: a root list's or a lookup's selection is walked
//! into a plan ([`walk`]), its rows are fetched level by level with one SQL
//! statement per relation, the rows its to-one fields reach joined in
//! ([`fetch`], [`joins`]), and the response value is built from the rows
//! ([`assemble`]) without a future per field.
//!
//! async-graphql stays the front door: it parses, validates and limits the
//! request, and the root field's resolver finds the page or the record as
//! before. It comes back wrapped in [`Planned`], [`PlannedOne`] or
//! [`PlannedNode`], whose `OutputType` is the real type's (same name, same
//! schema), so when it resolves it either answers from a plan or, when the
//! selection holds something no plan takes (a directive, an object asked
//! twice under one key, a nested page from a cursor), hands it to the
//! type's resolvers: the answer is the same either way
//! (`tests/api/plans.rs`).

/// Runs `$body` with `$entity` and `$variant` bound to the entity and the row variant of `$ty`.
macro_rules! on_ty {
    ($ty:expr, |$entity:ident, $variant:ident| $body:expr) => {
        match $ty {
            Ty::Statement => {
                type $entity = entity::statement::Entity;
                let $variant = Row::Statement;
                $body
            }
            Ty::Incident => {
                type $entity = entity::incident::Entity;
                let $variant = Row::Incident;
                $body
            }
            Ty::Place => {
                type $entity = entity::place::Entity;
                let $variant = Row::Place;
                $body
            }
            Ty::Person => {
                type $entity = entity::person::Entity;
                let $variant = Row::Person;
                $body
            }
            Ty::Organization => {
                type $entity = entity::organization::Entity;
                let $variant = Row::Organization;
                $body
            }
            Ty::Position => {
                type $entity = entity::position::Entity;
                let $variant = Row::Position;
                $body
            }
            Ty::Source => {
                type $entity = entity::source::Entity;
                let $variant = Row::Source;
                $body
            }
            Ty::CasualtyReport => {
                type $entity = entity::casualty_report::Entity;
                let $variant = Row::CasualtyReport;
                $body
            }
            Ty::Citation => {
                type $entity = entity::citation::Entity;
                let $variant = Row::Citation;
                $body
            }
            Ty::Involvement => {
                type $entity = entity::involvement::Entity;
                let $variant = Row::Involvement;
                $body
            }
            Ty::Participant => {
                type $entity = entity::participant::Entity;
                let $variant = Row::Participant;
                $body
            }
            Ty::IncidentLink => {
                type $entity = entity::incident_link::Entity;
                let $variant = Row::IncidentLink;
                $body
            }
            Ty::Mention => {
                type $entity = entity::statement_mention::Entity;
                let $variant = Row::Mention;
                $body
            }
            Ty::Alias => {
                type $entity = entity::alias::Entity;
                let $variant = Row::Alias;
                $body
            }
        }
    };
}

/// The `OutputType` functions of a wrapper that answers as `$inner` does
/// (its name and its type in the schema are `$inner`'s) and resolves a
/// field with `$body`.
macro_rules! answers_as {
    ($inner:ty, |$this:ident, $ctx:ident, $field:ident| $body:block) => {
        fn type_name() -> std::borrow::Cow<'static, str> {
            <$inner>::type_name()
        }

        fn create_type_info(registry: &mut async_graphql::registry::Registry) -> String {
            <$inner>::create_type_info(registry)
        }

        async fn resolve(
            &$this,
            $ctx: &async_graphql::ContextSelectionSet<'_>,
            $field: &async_graphql::Positioned<async_graphql::parser::types::Field>,
        ) -> async_graphql::ServerResult<async_graphql::Value> $body
    };
}

mod args;
mod assemble;
mod batch;
mod columns;
mod connections;
mod fetch;
mod fields;
mod joins;
mod links;
mod lookup;
mod root;
mod summary;
mod walk;

pub use batch::{Batch, Batched, BatchedNode, Item};
pub use lookup::{PlannedNode, PlannedOne};
pub use root::{Planned, ReadPath};

use entity::statement_mention;
use entity::{alias, casualty_report, citation, incident, incident_link, involvement};
use entity::{organization, participant, person, place, position, source, statement};

use async_graphql::OutputType;

/// The object types a plan can build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ty {
    /// `Statement`.
    Statement,
    /// `Incident`.
    Incident,
    /// `Place`.
    Place,
    /// `Person`.
    Person,
    /// `Organization`.
    Organization,
    /// `Position`.
    Position,
    /// `Source`.
    Source,
    /// `CasualtyReport`.
    CasualtyReport,
    /// `Citation`.
    Citation,
    /// A name in `aliases` (a list of strings in the schema, rows in the database).
    Alias,
    /// `Involvement`.
    Involvement,
    /// `Participant`.
    Participant,
    /// `IncidentLink`.
    IncidentLink,
    /// `Mention` (no type of its own: its object is the actor it names).
    Mention,
}

impl Ty {
    /// The GraphQL type name.
    pub fn name(self) -> &'static str {
        match self {
            Ty::Statement => "Statement",
            Ty::Incident => "Incident",
            Ty::Place => "Place",
            Ty::Person => "Person",
            Ty::Organization => "Organization",
            Ty::Position => "Position",
            Ty::Source => "Source",
            Ty::CasualtyReport => "CasualtyReport",
            Ty::Citation => "Citation",
            Ty::Alias => "Alias",
            Ty::Involvement => "Involvement",
            Ty::Participant => "Participant",
            Ty::IncidentLink => "IncidentLink",
            Ty::Mention => "Mention",
        }
    }
}

/// A fetched row of one of the planned types.
#[derive(Debug, Clone)]
pub enum Row {
    /// A statement.
    Statement(statement::Model),
    /// An incident.
    Incident(incident::Model),
    /// A place.
    Place(place::Model),
    /// A person.
    Person(person::Model),
    /// An organization.
    Organization(organization::Model),
    /// A position.
    Position(position::Model),
    /// A source.
    Source(source::Model),
    /// A casualty report.
    CasualtyReport(casualty_report::Model),
    /// A citation.
    Citation(citation::Model),
    /// An alias.
    Alias(alias::Model),
    /// An organization's part in an incident.
    Involvement(involvement::Model),
    /// A person's part in an incident.
    Participant(participant::Model),
    /// A link between incidents.
    IncidentLink(incident_link::Model),
    /// A statement's mention of a person or an organization (an `Actor` in the schema).
    Mention(statement_mention::Model),
}

impl Row {
    /// The row's type.
    pub fn ty(&self) -> Ty {
        match self {
            Row::Statement(_) => Ty::Statement,
            Row::Incident(_) => Ty::Incident,
            Row::Place(_) => Ty::Place,
            Row::Person(_) => Ty::Person,
            Row::Organization(_) => Ty::Organization,
            Row::Position(_) => Ty::Position,
            Row::Source(_) => Ty::Source,
            Row::CasualtyReport(_) => Ty::CasualtyReport,
            Row::Citation(_) => Ty::Citation,
            Row::Alias(_) => Ty::Alias,
            Row::Involvement(_) => Ty::Involvement,
            Row::Participant(_) => Ty::Participant,
            Row::IncidentLink(_) => Ty::IncidentLink,
            Row::Mention(_) => Ty::Mention,
        }
    }

    /// The row's ID.
    pub fn id(&self) -> i64 {
        match self {
            Row::Statement(m) => m.id,
            Row::Incident(m) => m.id,
            Row::Place(m) => m.id,
            Row::Person(m) => m.id,
            Row::Organization(m) => m.id,
            Row::Position(m) => m.id,
            Row::Source(m) => m.id,
            Row::CasualtyReport(m) => m.id,
            Row::Citation(m) => m.id,
            Row::Alias(m) => m.id,
            Row::Involvement(m) => m.id,
            Row::Participant(m) => m.id,
            Row::IncidentLink(m) => m.id,
            Row::Mention(m) => m.id,
        }
    }
}

/// A type whose rows a plan can build.
pub trait Plannable: OutputType {
    /// Its planned type.
    const TY: Ty;
    /// Its row.
    fn row(&self) -> Row;
}
