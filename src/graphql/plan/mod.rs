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
//! selection holds something no plan knows (a field with arguments, a
//! directive, a computed summary), hands it to the type's resolvers: the
//! answer is the same either way (`tests/api/plans.rs`).

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
            Ty::Alias => {
                type $entity = entity::alias::Entity;
                let $variant = Row::Alias;
                $body
            }
        }
    };
}

mod assemble;
mod fetch;
mod fields;
mod joins;
mod lookup;
mod root;
mod walk;

pub use lookup::{PlannedNode, PlannedNodes, PlannedOne};
pub use root::{Planned, ReadPath};

use entity::{alias, casualty_report, citation, incident, organization, person, place, position};
use entity::{source, statement};

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
