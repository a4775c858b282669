//! The scalar fields a planned read computes from a row: the same values
//! the types' resolvers give (the differential tests hold the two together).

use async_graphql::{InputType, Value};
use entity::{casualty_report, citation, incident, incident_link, involvement, organization};
use entity::{participant, person, place, position, source, statement};

use super::{Row, Ty};
use crate::domain::kinds::{
    FigureQualifier, IncidentKind, OrganizationKind, PlaceKind, SourceKind,
};
use crate::domain::record_kinds::{CasualtyCategory, IncidentRelation, ParticipantRole};
use crate::domain::record_kinds::{SpeakerRole, StatementKind};
use crate::domain::{NodeId, NodeKind, PartialDate};
use crate::error::{Error, Result};

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

scalars!(INVOLVEMENT, involvement_field, involvement::Model, |m| {
    "role" => text(&m.role),
});

scalars!(PARTICIPANT, participant_field, participant::Model, |m| {
    "role" => vocab(ParticipantRole::from_stored(&m.role), "participant role", &m.role),
    "description" => opt_text(&m.description),
});

scalars!(INCIDENT_LINK, incident_link_field, incident_link::Model, |m| {
    "relation" => vocab(IncidentRelation::from_stored(&m.relation), "incident relation", &m.relation),
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
        Row::Involvement(m) => involvement_field(m, name),
        Row::Participant(m) => participant_field(m, name),
        Row::IncidentLink(m) => incident_link_field(m, name),
        Row::Alias(_) | Row::Mention(_) => None,
    }
}

/// The scalar field names of `ty`.
pub fn scalars_of(ty: Ty) -> &'static [&'static str] {
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
        Ty::Involvement => INVOLVEMENT,
        Ty::Participant => PARTICIPANT,
        Ty::IncidentLink => INCIDENT_LINK,
        Ty::Alias | Ty::Mention => &[],
    }
}
