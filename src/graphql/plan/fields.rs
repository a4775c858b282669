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

/// Declares a type's scalar fields: their names, the columns each reads
/// (a planned read selects only those) and how each is computed.
macro_rules! scalars {
    ($list:ident, $compute:ident, $reads:ident, $model:ty, |$m:ident| {
        $($name:literal [$($column:ident),*] => $value:expr),* $(,)?
    }) => {
        const $list: &[&str] = &[$($name),*];
        fn $compute($m: &$model, name: &str) -> Option<Result<Value>> {
            Some(match name { $($name => $value,)* _ => return None })
        }
        fn $reads(name: &str) -> &'static [&'static str] {
            match name { $($name => &[$(stringify!($column)),*],)* _ => &[] }
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

scalars!(STATEMENT, statement_field, statement_reads, statement::Model, |m| {
    "id" [slug] => id(NodeKind::Statement, &m.slug),
    "slug" [slug] => text(&m.slug),
    "version" [version] => plain(m.version),
    "retracted" [retracted] => plain(m.retracted),
    "updatedAt" [updated_at] => opt_text(&m.updated_at),
    "text" [text] => text(&m.text),
    "kind" [kind] => vocab(StatementKind::from_stored(&m.kind), "statement kind", &m.kind),
    "language" [language] => text(&m.language),
    "date" [date] => date(&m.date),
    "notBefore" [not_before] => date(&m.not_before),
    "notAfter" [not_after] => date(&m.not_after),
    "inferred" [inferred] => plain(m.inferred),
    "inference" [inference] => opt_text(&m.inference),
    "speakerRole" [speaker_role] => vocab(SpeakerRole::from_stored(&m.speaker_role), "speaker role", &m.speaker_role),
    "speakerRoleReason" [speaker_role_reason] => opt_text(&m.speaker_role_reason),
    "occasion" [occasion] => opt_text(&m.occasion),
});

scalars!(INCIDENT, incident_field, incident_reads, incident::Model, |m| {
    "id" [slug] => id(NodeKind::Incident, &m.slug),
    "slug" [slug] => text(&m.slug),
    "version" [version] => plain(m.version),
    "retracted" [retracted] => plain(m.retracted),
    "updatedAt" [updated_at] => opt_text(&m.updated_at),
    "title" [title] => text(&m.title),
    "summary" [summary] => text(&m.summary),
    "kind" [kind] => vocab(IncidentKind::from_stored(&m.kind), "incident kind", &m.kind),
    "startDate" [start_date] => date(&m.start_date),
    "endDate" [end_date] => date(&m.end_date),
    "inferred" [inferred] => plain(m.inferred),
    "inference" [inference] => opt_text(&m.inference),
});

scalars!(PLACE, place_field, place_reads, place::Model, |m| {
    "id" [slug] => id(NodeKind::Place, &m.slug),
    "slug" [slug] => text(&m.slug),
    "version" [version] => plain(m.version),
    "retracted" [retracted] => plain(m.retracted),
    "updatedAt" [updated_at] => opt_text(&m.updated_at),
    "name" [name] => text(&m.name),
    "kind" [kind] => vocab(PlaceKind::from_stored(&m.kind), "place kind", &m.kind),
});

scalars!(PERSON, person_field, person_reads, person::Model, |m| {
    "id" [slug] => id(NodeKind::Person, &m.slug),
    "slug" [slug] => text(&m.slug),
    "version" [version] => plain(m.version),
    "retracted" [retracted] => plain(m.retracted),
    "updatedAt" [updated_at] => opt_text(&m.updated_at),
    "name" [name] => text(&m.name),
    "description" [description] => opt_text(&m.description),
});

scalars!(ORGANIZATION, organization_field, organization_reads, organization::Model, |m| {
    "id" [slug] => id(NodeKind::Organization, &m.slug),
    "slug" [slug] => text(&m.slug),
    "version" [version] => plain(m.version),
    "retracted" [retracted] => plain(m.retracted),
    "updatedAt" [updated_at] => opt_text(&m.updated_at),
    "name" [name] => text(&m.name),
    "kind" [kind] => vocab(OrganizationKind::from_stored(&m.kind), "organization kind", &m.kind),
    "description" [description] => opt_text(&m.description),
    "isOfficial" [kind] => OrganizationKind::from_stored(&m.kind)
        .map(|k| Value::Boolean(k.is_state()))
        .ok_or_else(|| Error::Internal(format!("unknown organization kind '{}'", m.kind))),
});

scalars!(POSITION, position_field, position_reads, position::Model, |m| {
    "id" [slug] => id(NodeKind::Position, &m.slug),
    "slug" [slug] => text(&m.slug),
    "version" [version] => plain(m.version),
    "retracted" [retracted] => plain(m.retracted),
    "updatedAt" [updated_at] => opt_text(&m.updated_at),
    "title" [title] => text(&m.title),
    "isPublicOffice" [is_public_office] => plain(m.is_public_office),
    "start" [start_date] => date(&m.start_date),
    "end" [end_date] => date(&m.end_date),
    "endedBy" [ended_by] => date(&m.ended_by),
    "inferred" [inferred] => plain(m.inferred),
    "inference" [inference] => opt_text(&m.inference),
});

scalars!(SOURCE, source_field, source_reads, source::Model, |m| {
    "id" [slug] => id(NodeKind::Source, &m.slug),
    "slug" [slug] => text(&m.slug),
    "version" [version] => plain(m.version),
    "retracted" [retracted] => plain(m.retracted),
    "updatedAt" [updated_at] => opt_text(&m.updated_at),
    "kind" [kind] => vocab(SourceKind::from_stored(&m.kind), "source kind", &m.kind),
    "title" [title] => text(&m.title),
    "publishedAt" [published_at] => date(&m.published_at),
    "url" [url] => opt_text(&m.url),
    "language" [language] => opt_text(&m.language),
});

scalars!(CASUALTY_REPORT, casualty_report_field, casualty_report_reads, casualty_report::Model, |m| {
    "id" [slug] => id(NodeKind::CasualtyReport, &m.slug),
    "slug" [slug] => text(&m.slug),
    "version" [version] => plain(m.version),
    "retracted" [retracted] => plain(m.retracted),
    "updatedAt" [updated_at] => opt_text(&m.updated_at),
    "killed" [killed] => plain(m.killed),
    "killedQualifier" [killed_qualifier] => vocab(FigureQualifier::from_stored(&m.killed_qualifier), "qualifier", &m.killed_qualifier),
    "injured" [injured] => plain(m.injured),
    "injuredQualifier" [injured_qualifier] => vocab(FigureQualifier::from_stored(&m.injured_qualifier), "qualifier", &m.injured_qualifier),
    "asOf" [as_of] => date(&m.as_of),
    "note" [note] => opt_text(&m.note),
    "category" [category] => vocab(CasualtyCategory::from_stored(&m.category), "casualty category", &m.category),
    "killedWords" [killed_words] => opt_text(&m.killed_words),
    "injuredWords" [injured_words] => opt_text(&m.injured_words),
    "inferred" [inferred] => plain(m.inferred),
    "inference" [inference] => opt_text(&m.inference),
});

scalars!(CITATION, citation_field, citation_reads, citation::Model, |m| {
    "excerpt" [excerpt] => text(&m.excerpt),
});

scalars!(INVOLVEMENT, involvement_field, involvement_reads, involvement::Model, |m| {
    "role" [role] => text(&m.role),
});

scalars!(PARTICIPANT, participant_field, participant_reads, participant::Model, |m| {
    "role" [role] => vocab(ParticipantRole::from_stored(&m.role), "participant role", &m.role),
    "description" [description] => opt_text(&m.description),
});

scalars!(INCIDENT_LINK, incident_link_field, incident_link_reads, incident_link::Model, |m| {
    "relation" [relation] => vocab(IncidentRelation::from_stored(&m.relation), "incident relation", &m.relation),
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

/// The columns the scalar field `name` of `ty` reads.
pub fn reads(ty: Ty, name: &str) -> &'static [&'static str] {
    match ty {
        Ty::Statement => statement_reads(name),
        Ty::Incident => incident_reads(name),
        Ty::Place => place_reads(name),
        Ty::Person => person_reads(name),
        Ty::Organization => organization_reads(name),
        Ty::Position => position_reads(name),
        Ty::Source => source_reads(name),
        Ty::CasualtyReport => casualty_report_reads(name),
        Ty::Citation => citation_reads(name),
        Ty::Involvement => involvement_reads(name),
        Ty::Participant => participant_reads(name),
        Ty::IncidentLink => incident_link_reads(name),
        Ty::Alias | Ty::Mention => &[],
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
