//! What a planned read knows of each GraphQL object type beyond its
//! scalars: the to-one fields it joins, the relations it follows, the
//! connections it pages and the values it derives from a relation's rows.
//! A field not listed here (or in `fields`) sends the query down the
//! resolver path.

use async_graphql::Value;

use super::fields::scalars_of;
use super::{Row, Ty};
use crate::store::Rel;

/// The foreign key a to-one field follows.
#[derive(Debug, Clone, Copy)]
pub struct Fk {
    /// Reads it from the parent row.
    pub read: fn(&Row) -> Option<i64>,
    /// Its column.
    pub column: &'static str,
}

/// How a field is answered.
pub enum Field {
    /// A value computed from the row.
    Scalar(&'static str),
    /// A row of another table, one of `targets` (an `Actor` is a person or an organization).
    One {
        /// The target types and the keys that point to them; the first key present wins.
        targets: &'static [(Ty, Fk)],
        /// Whether the field may be null.
        nullable: bool,
    },
    /// A relation's rows, in its order.
    Many(Rel, Ty),
    /// A page of a relation's rows (a connection with Relay arguments);
    /// when the boolean argument `flag.0` is false, the relation `flag.1`.
    Page {
        /// The relation.
        rel: Rel,
        /// The children's type.
        child: Ty,
        /// A boolean argument that picks another relation when false.
        flag: Option<(&'static str, Rel)>,
    },
    /// A value computed from all of a relation's rows of type `Ty`.
    Derived(Rel, Ty, fn(&[Row]) -> Value),
    /// A relation's link rows, each shown as the row it points to, one of
    /// `targets` (`Statement.mentions`: persons and organizations).
    Through(Rel, Ty, &'static [(Ty, Fk)]),
    /// `Incident.casualtySummary`: figures over the incident's casualty reports.
    Summary,
}

/// The names of alias rows.
fn names(rows: &[Row]) -> Value {
    Value::List(
        rows.iter()
            .filter_map(|row| match row {
                Row::Alias(alias) => Some(Value::String(alias.name.clone())),
                _ => None,
            })
            .collect(),
    )
}

/// Whether any of the positions is a public office (`Person.isOfficial`).
fn any_public_office(rows: &[Row]) -> Value {
    Value::Boolean(
        rows.iter()
            .any(|row| matches!(row, Row::Position(p) if p.is_public_office)),
    )
}

/// Reads a foreign key of one row type.
macro_rules! fk {
    ($variant:ident . $column:ident) => {
        Fk {
            read: |row: &Row| match row {
                Row::$variant(m) => Some(m.$column),
                _ => None,
            },
            column: stringify!($column),
        }
    };
    ($variant:ident . $column:ident ?) => {
        Fk {
            read: |row: &Row| match row {
                Row::$variant(m) => m.$column,
                _ => None,
            },
            column: stringify!($column),
        }
    };
}

const SPEAKER: &[(Ty, Fk)] = &[
    (Ty::Person, fk!(Statement.speaker_person_id?)),
    (Ty::Organization, fk!(Statement.speaker_organization_id?)),
];
const STATEMENT_SOURCE: &[(Ty, Fk)] = &[(Ty::Source, fk!(Statement.source_id))];
const ORIGINAL_SOURCE: &[(Ty, Fk)] = &[(Ty::Source, fk!(Statement.original_source_id?))];
const INCIDENT_PLACE: &[(Ty, Fk)] = &[(Ty::Place, fk!(Incident.place_id?))];
const PLACE_PARENT: &[(Ty, Fk)] = &[(Ty::Place, fk!(Place.parent_id?))];
const POSITION_PERSON: &[(Ty, Fk)] = &[(Ty::Person, fk!(Position.person_id))];
const POSITION_ORGANIZATION: &[(Ty, Fk)] = &[(Ty::Organization, fk!(Position.organization_id))];
const PUBLISHER: &[(Ty, Fk)] = &[(Ty::Organization, fk!(Source.publisher_id?))];
const REPORT_SOURCE: &[(Ty, Fk)] = &[(Ty::Source, fk!(CasualtyReport.source_id))];
const REPORT_INCIDENT: &[(Ty, Fk)] = &[(Ty::Incident, fk!(CasualtyReport.incident_id))];
const CITATION_SOURCE: &[(Ty, Fk)] = &[(Ty::Source, fk!(Citation.source_id))];
const INVOLVED: &[(Ty, Fk)] = &[(Ty::Organization, fk!(Involvement.organization_id))];
const INVOLVEMENT_INCIDENT: &[(Ty, Fk)] = &[(Ty::Incident, fk!(Involvement.incident_id))];
const PARTICIPANT_PERSON: &[(Ty, Fk)] = &[(Ty::Person, fk!(Participant.person_id))];
const PARTICIPANT_INCIDENT: &[(Ty, Fk)] = &[(Ty::Incident, fk!(Participant.incident_id))];
const LINK_FROM: &[(Ty, Fk)] = &[(Ty::Incident, fk!(IncidentLink.incident_id))];
const LINK_TO: &[(Ty, Fk)] = &[(Ty::Incident, fk!(IncidentLink.related_id))];
const MENTIONED: &[(Ty, Fk)] = &[
    (Ty::Person, fk!(Mention.person_id?)),
    (Ty::Organization, fk!(Mention.organization_id?)),
];

/// How `ty`'s field `name` is answered, if a plan can answer it.
pub fn field(ty: Ty, name: &str) -> Option<Field> {
    let one = |targets, nullable| Some(Field::One { targets, nullable });
    let many = |rel, child| Some(Field::Many(rel, child));
    let page = |rel, child| {
        Some(Field::Page {
            rel,
            child,
            flag: None,
        })
    };
    let names = |rel| Some(Field::Derived(rel, Ty::Alias, names));
    match (ty, name) {
        (Ty::Statement, "speaker") => one(SPEAKER, false),
        (Ty::Statement, "source") => one(STATEMENT_SOURCE, false),
        (Ty::Statement, "originalSource") => one(ORIGINAL_SOURCE, true),
        (Ty::Statement, "incidents") => many(Rel::StatementIncidents, Ty::Incident),
        (Ty::Statement, "places") => many(Rel::StatementPlaces, Ty::Place),
        (Ty::Statement, "citations") => many(Rel::StatementCitations, Ty::Citation),
        (Ty::Incident, "place") => one(INCIDENT_PLACE, true),
        (Ty::Incident, "casualtyReports") => many(Rel::IncidentCasualtyReports, Ty::CasualtyReport),
        (Ty::Incident, "citations") => many(Rel::IncidentCitations, Ty::Citation),
        (Ty::Place, "parent") => one(PLACE_PARENT, true),
        (Ty::Place, "ancestors") => many(Rel::PlaceAncestors, Ty::Place),
        (Ty::Place, "children") => many(Rel::PlaceChildren, Ty::Place),
        (Ty::Person, "positions") => many(Rel::PersonPositions, Ty::Position),
        (Ty::Person, "aliases") => names(Rel::PersonAliases),
        (Ty::Organization, "aliases") => names(Rel::OrganizationAliases),
        (Ty::Place, "aliases") => names(Rel::PlaceAliases),
        (Ty::Person, "isOfficial") => Some(Field::Derived(
            Rel::PersonPositions,
            Ty::Position,
            any_public_office,
        )),
        (Ty::Person, "statements") => page(Rel::PersonStatements, Ty::Statement),
        (Ty::Person, "mentionedIn") => page(Rel::PersonMentionedIn, Ty::Statement),
        (Ty::Person, "authored") => page(Rel::PersonAuthored, Ty::Source),
        (Ty::Organization, "members") => page(Rel::OrganizationMembers, Ty::Position),
        (Ty::Organization, "statements") => page(Rel::OrganizationStatements, Ty::Statement),
        (Ty::Organization, "mentionedIn") => page(Rel::OrganizationMentionedIn, Ty::Statement),
        (Ty::Organization, "published") => page(Rel::OrganizationPublished, Ty::Source),
        (Ty::Source, "statements") => page(Rel::SourceStatements, Ty::Statement),
        (Ty::Source, "citedBy") => page(Rel::SourceCitedBy, Ty::Source),
        (Ty::Source, "cites") => many(Rel::SourceCites, Ty::Source),
        (Ty::Source, "casualtyReports") => many(Rel::SourceCasualtyReports, Ty::CasualtyReport),
        (Ty::Incident, "statements") => page(Rel::IncidentStatements, Ty::Statement),
        (Ty::Place, "incidents") => Some(Field::Page {
            rel: Rel::PlaceIncidentsWithin,
            child: Ty::Incident,
            flag: Some(("includeDescendants", Rel::PlaceIncidentsAt)),
        }),
        (Ty::Position, "person") => one(POSITION_PERSON, false),
        (Ty::Position, "organization") => one(POSITION_ORGANIZATION, false),
        (Ty::Position, "citations") => many(Rel::PositionCitations, Ty::Citation),
        (Ty::Source, "publisher") => one(PUBLISHER, true),
        (Ty::Source, "authors") => many(Rel::SourceAuthors, Ty::Person),
        (Ty::CasualtyReport, "source") => one(REPORT_SOURCE, false),
        (Ty::CasualtyReport, "incident") => one(REPORT_INCIDENT, false),
        (Ty::CasualtyReport, "citations") => many(Rel::CasualtyReportCitations, Ty::Citation),
        (Ty::Citation, "source") => one(CITATION_SOURCE, false),
        (Ty::Involvement, "organization") => one(INVOLVED, false),
        (Ty::Involvement, "incident") => one(INVOLVEMENT_INCIDENT, false),
        (Ty::Participant, "person") => one(PARTICIPANT_PERSON, false),
        (Ty::Participant, "incident") => one(PARTICIPANT_INCIDENT, false),
        (Ty::IncidentLink, "from") => one(LINK_FROM, false),
        (Ty::IncidentLink, "to") => one(LINK_TO, false),
        (Ty::Incident, "involvedOrganizations") => many(Rel::IncidentInvolvements, Ty::Involvement),
        (Ty::Organization, "involvements") => many(Rel::OrganizationInvolvements, Ty::Involvement),
        (Ty::Incident, "participants") => many(Rel::IncidentParticipants, Ty::Participant),
        (Ty::Person, "incidents") => many(Rel::PersonParticipations, Ty::Participant),
        (Ty::Incident, "links") => many(Rel::IncidentLinks, Ty::IncidentLink),
        (Ty::Incident, "linkedFrom") => many(Rel::IncidentLinkedFrom, Ty::IncidentLink),
        (Ty::Incident, "casualtySummary") => Some(Field::Summary),
        (Ty::Incident, "places") => many(Rel::IncidentAllPlaces, Ty::Place),
        (Ty::Statement, "mentions") => Some(Field::Through(
            Rel::StatementMentions,
            Ty::Mention,
            MENTIONED,
        )),
        _ => scalars_of(ty)
            .iter()
            .find(|known| **known == name)
            .map(|known| Field::Scalar(known)),
    }
}
