//! What a planned read knows of each GraphQL object type: the scalar fields
//! it computes from a row (the same values the type's resolvers give; the
//! differential tests hold the two together) and the relations it follows.
//! A field not listed here sends the query down the resolver path.

use async_graphql::{InputType, Value};
use entity::{casualty_report, citation, incident, organization, person, place, position};
use entity::{source, statement};

use super::{Row, Ty};
use crate::domain::kinds::{
    FigureQualifier, IncidentKind, OrganizationKind, PlaceKind, SourceKind,
};
use crate::domain::record_kinds::{CasualtyCategory, SpeakerRole, StatementKind};
use crate::domain::{NodeId, NodeKind, PartialDate};
use crate::error::{Error, Result};
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
    /// The names of a relation's alias rows, in its order.
    Names(Rel),
}

/// Declares a type's scalar fields: their names and how each is computed.
macro_rules! scalars {
    ($list:ident, $compute:ident, $model:ty, |$m:ident| { $($name:literal => $value:expr),* $(,)? }) => {
        const $list: &[&str] = &[$($name),*];
        fn $compute($m: &$model, name: &str) -> Option<Result<Value>> {
            Some(match name { $($name => $value,)* _ => return None })
        }
    };
}

fn text(value: &str) -> Result<Value> {
    Ok(Value::String(value.to_owned()))
}

fn opt_text(value: &Option<String>) -> Result<Value> {
    Ok(value
        .as_deref()
        .map_or(Value::Null, |v| Value::String(v.to_owned())))
}

fn date(value: &Option<String>) -> Result<Value> {
    Ok(PartialDate::from_stored(value).map_or(Value::Null, |d| Value::String(d.to_string())))
}

fn plain<T: InputType>(value: T) -> Result<Value> {
    Ok(value.to_value())
}

fn id(kind: NodeKind, slug: &str) -> Result<Value> {
    Ok(Value::String(NodeId::new(kind, slug).to_string()))
}

/// A stored vocabulary value as its GraphQL enum value.
fn vocab<T: InputType>(parsed: Option<T>, what: &str, stored: &str) -> Result<Value> {
    parsed
        .map(|v| v.to_value())
        .ok_or_else(|| Error::Internal(format!("unknown {what} '{stored}'")))
}

scalars!(STATEMENT, statement_field, statement::Model, |m| {
    "id" => id(NodeKind::Statement, &m.slug),
    "slug" => text(&m.slug),
    "version" => plain(m.version),
    "retracted" => plain(m.retracted),
    "updatedAt" => opt_text(&m.updated_at),
    "text" => text(&m.text),
    "kind" => vocab(StatementKind::from_stored(&m.kind), "statement kind", &m.kind),
    "language" => text(&m.language),
    "date" => date(&m.date),
    "notBefore" => date(&m.not_before),
    "notAfter" => date(&m.not_after),
    "inferred" => plain(m.inferred),
    "inference" => opt_text(&m.inference),
    "speakerRole" => vocab(SpeakerRole::from_stored(&m.speaker_role), "speaker role", &m.speaker_role),
    "speakerRoleReason" => opt_text(&m.speaker_role_reason),
    "occasion" => opt_text(&m.occasion),
});

scalars!(INCIDENT, incident_field, incident::Model, |m| {
    "id" => id(NodeKind::Incident, &m.slug),
    "slug" => text(&m.slug),
    "version" => plain(m.version),
    "retracted" => plain(m.retracted),
    "updatedAt" => opt_text(&m.updated_at),
    "title" => text(&m.title),
    "summary" => text(&m.summary),
    "kind" => vocab(IncidentKind::from_stored(&m.kind), "incident kind", &m.kind),
    "startDate" => date(&m.start_date),
    "endDate" => date(&m.end_date),
    "inferred" => plain(m.inferred),
    "inference" => opt_text(&m.inference),
});

scalars!(PLACE, place_field, place::Model, |m| {
    "id" => id(NodeKind::Place, &m.slug),
    "slug" => text(&m.slug),
    "version" => plain(m.version),
    "retracted" => plain(m.retracted),
    "updatedAt" => opt_text(&m.updated_at),
    "name" => text(&m.name),
    "kind" => vocab(PlaceKind::from_stored(&m.kind), "place kind", &m.kind),
});

scalars!(PERSON, person_field, person::Model, |m| {
    "id" => id(NodeKind::Person, &m.slug),
    "slug" => text(&m.slug),
    "version" => plain(m.version),
    "retracted" => plain(m.retracted),
    "updatedAt" => opt_text(&m.updated_at),
    "name" => text(&m.name),
    "description" => opt_text(&m.description),
});

scalars!(ORGANIZATION, organization_field, organization::Model, |m| {
    "id" => id(NodeKind::Organization, &m.slug),
    "slug" => text(&m.slug),
    "version" => plain(m.version),
    "retracted" => plain(m.retracted),
    "updatedAt" => opt_text(&m.updated_at),
    "name" => text(&m.name),
    "kind" => vocab(OrganizationKind::from_stored(&m.kind), "organization kind", &m.kind),
    "description" => opt_text(&m.description),
    "isOfficial" => OrganizationKind::from_stored(&m.kind)
        .map(|k| Value::Boolean(k.is_state()))
        .ok_or_else(|| Error::Internal(format!("unknown organization kind '{}'", m.kind))),
});

scalars!(POSITION, position_field, position::Model, |m| {
    "id" => id(NodeKind::Position, &m.slug),
    "slug" => text(&m.slug),
    "version" => plain(m.version),
    "retracted" => plain(m.retracted),
    "updatedAt" => opt_text(&m.updated_at),
    "title" => text(&m.title),
    "isPublicOffice" => plain(m.is_public_office),
    "start" => date(&m.start_date),
    "end" => date(&m.end_date),
    "endedBy" => date(&m.ended_by),
    "inferred" => plain(m.inferred),
    "inference" => opt_text(&m.inference),
});

scalars!(SOURCE, source_field, source::Model, |m| {
    "id" => id(NodeKind::Source, &m.slug),
    "slug" => text(&m.slug),
    "version" => plain(m.version),
    "retracted" => plain(m.retracted),
    "updatedAt" => opt_text(&m.updated_at),
    "kind" => vocab(SourceKind::from_stored(&m.kind), "source kind", &m.kind),
    "title" => text(&m.title),
    "publishedAt" => date(&m.published_at),
    "url" => opt_text(&m.url),
    "language" => opt_text(&m.language),
});

scalars!(CASUALTY_REPORT, casualty_report_field, casualty_report::Model, |m| {
    "id" => id(NodeKind::CasualtyReport, &m.slug),
    "slug" => text(&m.slug),
    "version" => plain(m.version),
    "retracted" => plain(m.retracted),
    "updatedAt" => opt_text(&m.updated_at),
    "killed" => plain(m.killed),
    "killedQualifier" => vocab(FigureQualifier::from_stored(&m.killed_qualifier), "qualifier", &m.killed_qualifier),
    "injured" => plain(m.injured),
    "injuredQualifier" => vocab(FigureQualifier::from_stored(&m.injured_qualifier), "qualifier", &m.injured_qualifier),
    "asOf" => date(&m.as_of),
    "note" => opt_text(&m.note),
    "category" => vocab(CasualtyCategory::from_stored(&m.category), "casualty category", &m.category),
    "killedWords" => opt_text(&m.killed_words),
    "injuredWords" => opt_text(&m.injured_words),
    "inferred" => plain(m.inferred),
    "inference" => opt_text(&m.inference),
});

scalars!(CITATION, citation_field, citation::Model, |m| {
    "excerpt" => text(&m.excerpt),
});

/// The value of the scalar field `name` of `row`; `None` if the type has no such scalar.
pub fn scalar(row: &Row, name: &str) -> Option<Result<Value>> {
    match row {
        Row::Statement(m) => statement_field(m, name),
        Row::Incident(m) => incident_field(m, name),
        Row::Place(m) => place_field(m, name),
        Row::Person(m) => person_field(m, name),
        Row::Organization(m) => organization_field(m, name),
        Row::Position(m) => position_field(m, name),
        Row::Source(m) => source_field(m, name),
        Row::CasualtyReport(m) => casualty_report_field(m, name),
        Row::Citation(m) => citation_field(m, name),
        Row::Alias(_) => None,
    }
}

/// The scalar field names of `ty`.
fn scalars_of(ty: Ty) -> &'static [&'static str] {
    match ty {
        Ty::Statement => STATEMENT,
        Ty::Incident => INCIDENT,
        Ty::Place => PLACE,
        Ty::Person => PERSON,
        Ty::Organization => ORGANIZATION,
        Ty::Position => POSITION,
        Ty::Source => SOURCE,
        Ty::CasualtyReport => CASUALTY_REPORT,
        Ty::Citation => CITATION,
        Ty::Alias => &[],
    }
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

/// How `ty`'s field `name` is answered, if a plan can answer it.
pub fn field(ty: Ty, name: &str) -> Option<Field> {
    let one = |targets, nullable| Some(Field::One { targets, nullable });
    let many = |rel, child| Some(Field::Many(rel, child));
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
        (Ty::Person, "aliases") => Some(Field::Names(Rel::PersonAliases)),
        (Ty::Organization, "aliases") => Some(Field::Names(Rel::OrganizationAliases)),
        (Ty::Place, "aliases") => Some(Field::Names(Rel::PlaceAliases)),
        (Ty::Position, "person") => one(POSITION_PERSON, false),
        (Ty::Position, "organization") => one(POSITION_ORGANIZATION, false),
        (Ty::Position, "citations") => many(Rel::PositionCitations, Ty::Citation),
        (Ty::Source, "publisher") => one(PUBLISHER, true),
        (Ty::Source, "authors") => many(Rel::SourceAuthors, Ty::Person),
        (Ty::CasualtyReport, "source") => one(REPORT_SOURCE, false),
        (Ty::CasualtyReport, "incident") => one(REPORT_INCIDENT, false),
        (Ty::CasualtyReport, "citations") => many(Rel::CasualtyReportCitations, Ty::Citation),
        (Ty::Citation, "source") => one(CITATION_SOURCE, false),
        _ => scalars_of(ty)
            .iter()
            .find(|known| **known == name)
            .map(|known| Field::Scalar(known)),
    }
}
