//! The dataset format: TOML files under `data/`, read in name order.
//!
//! Any file may hold any of the tables `[[person]]`, `[[organization]]`,
//! `[[place]]`, `[[source]]`, `[[position]]`, `[[incident]]`,
//! `[[statement]]` and `[[casualty_report]]`; records refer to each other by
//! slug. docs/dataset.md describes every field. Unknown fields are errors, so
//! a misspelt field name never passes silently.

use serde::Deserialize;
use std::borrow::Cow;

use crate::domain::kinds::{
    FigureQualifier, IncidentKind, OrganizationKind, PlaceKind, SourceKind,
};
use crate::domain::record_kinds::{
    CasualtyCategory, IncidentRelation, ParticipantRole, SpeakerRole, StatementKind,
};

/// One TOML file of the dataset.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataFile {
    /// Persons.
    #[serde(default)]
    pub person: Vec<PersonRecord>,
    /// Organizations.
    #[serde(default)]
    pub organization: Vec<OrganizationRecord>,
    /// Places.
    #[serde(default)]
    pub place: Vec<PlaceRecord>,
    /// Sources.
    #[serde(default)]
    pub source: Vec<SourceRecord>,
    /// Positions.
    #[serde(default)]
    pub position: Vec<PositionRecord>,
    /// Incidents.
    #[serde(default)]
    pub incident: Vec<IncidentRecord>,
    /// Statements.
    #[serde(default)]
    pub statement: Vec<StatementRecord>,
    /// Casualty reports.
    #[serde(default)]
    pub casualty_report: Vec<CasualtyRecord>,
}

/// A source and the verbatim words of it that support a record.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CitationRecord {
    /// The source's slug.
    pub source: String,
    /// The words, verbatim.
    pub excerpt: String,
}

/// A person.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonRecord {
    /// The slug; derived from the name when absent.
    pub slug: Option<String>,
    /// The name as the sources write it.
    pub name: String,
    /// Other names and spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Who the person is, in a line.
    pub description: Option<String>,
}

/// An organization.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationRecord {
    /// The slug; derived from the name when absent.
    pub slug: Option<String>,
    /// The name.
    pub name: String,
    /// Its kind.
    pub kind: OrganizationKind,
    /// Other names, acronyms and spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What it is, in a line.
    pub description: Option<String>,
}

/// A place.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceRecord {
    /// The slug; derived from the name when absent.
    pub slug: Option<String>,
    /// The name.
    pub name: String,
    /// Its kind.
    pub kind: PlaceKind,
    /// The slug of the place directly above it.
    pub parent: Option<String>,
    /// Other names and spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A source document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    /// The slug (required: titles are long).
    pub slug: String,
    /// Its kind.
    pub kind: SourceKind,
    /// The title, or for a source known only by citation, a description.
    pub title: String,
    /// The publisher's organization slug.
    pub publisher: Option<String>,
    /// Author person slugs, in byline order.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Publication date, at its precision.
    pub published_at: Option<String>,
    /// Where it can be read.
    pub url: Option<String>,
    /// ISO 639-1 language.
    pub language: Option<String>,
    /// The file name of its text, for `quipu verify`.
    pub text_file: Option<String>,
    /// Slugs of sources it cites.
    #[serde(default)]
    pub cites: Vec<String>,
}

/// A position.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionRecord {
    /// The slug; derived from person, title and organization when absent.
    pub slug: Option<String>,
    /// The person's slug.
    pub person: String,
    /// The organization's slug.
    pub organization: String,
    /// The title as the sources give it.
    pub title: String,
    /// Whether it is a public office; by default, whether the organization is a state body.
    pub public_office: Option<bool>,
    /// Start, at its precision.
    pub start: Option<String>,
    /// End, at its precision.
    pub end: Option<String>,
    /// When the end is unknown: ended no later than this.
    pub ended_by: Option<String>,
    /// Whether something here is inferred rather than stated (say what in `inference`).
    #[serde(default)]
    pub inferred: bool,
    /// What was inferred, and from which words.
    pub inference: Option<String>,
    /// Support (at least one).
    pub citations: Vec<CitationRecord>,
}

/// A person's part in an incident.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParticipantRecord {
    /// The person's slug.
    pub person: String,
    /// The part they had.
    pub role: ParticipantRole,
    /// The part in words, when the role says too little.
    pub description: Option<String>,
}

/// An incident's link to another.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncidentLinkRecord {
    /// The other incident's slug.
    pub incident: String,
    /// How this incident relates to it.
    pub relation: IncidentRelation,
}

/// An organization's part in an incident.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvolvementRecord {
    /// The organization's slug.
    pub organization: String,
    /// Its role, in the sources' terms.
    pub role: String,
}

/// An incident.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncidentRecord {
    /// The slug (required).
    pub slug: String,
    /// A short title.
    pub title: String,
    /// What happened.
    pub summary: String,
    /// Its kind.
    pub kind: IncidentKind,
    /// Start date, at its precision.
    pub start: Option<String>,
    /// End date, at its precision.
    pub end: Option<String>,
    /// The place's slug.
    pub place: Option<String>,
    /// Further places it happened in (a strike in seven regions).
    #[serde(default)]
    pub places: Vec<String>,
    /// Organizations involved.
    #[serde(default)]
    pub involved: Vec<InvolvementRecord>,
    /// Persons with a part in it.
    #[serde(default)]
    pub participants: Vec<ParticipantRecord>,
    /// Incidents it investigates, answers or is part of.
    #[serde(default)]
    pub links: Vec<IncidentLinkRecord>,
    /// Whether something here is inferred rather than stated.
    #[serde(default)]
    pub inferred: bool,
    /// What was inferred, and from which words.
    pub inference: Option<String>,
    /// Support (at least one).
    pub citations: Vec<CitationRecord>,
}

/// A statement.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementRecord {
    /// The slug (required).
    pub slug: String,
    /// The speaker: a person's or an organization's slug.
    pub speaker: String,
    /// Quote, fragment or paraphrase.
    #[serde(default = "quote")]
    pub kind: StatementKind,
    /// The words, verbatim from the reporting source.
    pub text: String,
    /// ISO 639-1 language of `text`.
    pub language: String,
    /// When said, at its precision.
    pub date: Option<String>,
    /// When the date is unknown: said no earlier than this.
    pub not_before: Option<String>,
    /// When the date is unknown: said no later than this.
    pub not_after: Option<String>,
    /// Whether something here (a date, a bound, the speaker) is inferred rather than stated.
    #[serde(default)]
    pub inferred: bool,
    /// What was inferred, and from which words.
    pub inference: Option<String>,
    /// The speaker's role when the source states it ("the now-retired General").
    pub speaker_role: Option<SpeakerRole>,
    /// The source's words that state `speaker_role`, verbatim.
    pub speaker_role_excerpt: Option<String>,
    /// Where or how said.
    pub occasion: Option<String>,
    /// The reporting source's slug.
    pub source: String,
    /// Where first said or published, when not the reporting source.
    pub original_source: Option<String>,
    /// Slugs of the incidents it is about.
    #[serde(default)]
    pub about: Vec<String>,
    /// Slugs of the places it is about (rather than an incident there).
    #[serde(default)]
    pub places: Vec<String>,
    /// Slugs of the persons and organizations it names.
    #[serde(default)]
    pub mentions: Vec<String>,
    /// Support; by default the reporting source with `text` as the excerpt.
    #[serde(default)]
    pub citations: Vec<CitationRecord>,
}

impl StatementRecord {
    /// Its citations; without explicit ones, the reporting source's own words
    /// (the quote as that source gives it) are the support.
    pub fn support(&self) -> Cow<'_, [CitationRecord]> {
        if self.citations.is_empty() {
            Cow::Owned(vec![CitationRecord {
                source: self.source.clone(),
                excerpt: self.text.clone(),
            }])
        } else {
            Cow::Borrowed(&self.citations)
        }
    }
}

/// One source's casualty figures for an incident.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CasualtyRecord {
    /// The slug; derived from incident and source when absent.
    pub slug: Option<String>,
    /// The incident's slug.
    pub incident: String,
    /// The source's slug.
    pub source: String,
    /// Whom the figures count.
    #[serde(default = "all")]
    pub category: CasualtyCategory,
    /// People killed.
    pub killed: Option<i32>,
    /// The source's words for the killed, verbatim ("dozens of demonstrators").
    pub killed_words: Option<String>,
    /// How exact `killed` is.
    #[serde(default = "exact")]
    pub killed_qualifier: FigureQualifier,
    /// People injured.
    pub injured: Option<i32>,
    /// How exact `injured` is.
    #[serde(default = "exact")]
    pub injured_qualifier: FigureQualifier,
    /// The source's words for the injured, verbatim ("thousands were injured").
    pub injured_words: Option<String>,
    /// Whether something here (the incident, the date) is inferred rather than stated.
    #[serde(default)]
    pub inferred: bool,
    /// What was inferred, and from which words.
    pub inference: Option<String>,
    /// The date the figures stand at.
    pub as_of: Option<String>,
    /// What the figures include or leave out.
    pub note: Option<String>,
    /// Support (at least one).
    pub citations: Vec<CitationRecord>,
}

/// The default qualifier.
fn exact() -> FigureQualifier {
    FigureQualifier::Exact
}

/// The default statement kind.
fn quote() -> StatementKind {
    StatementKind::Quote
}

/// The default casualty category.
fn all() -> CasualtyCategory {
    CasualtyCategory::All
}
