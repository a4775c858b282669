//! `CasualtyReport`: one source's figures of the dead and injured of an incident.

use entity::{casualty_report, citation};

use super::{Citation, Incident, Source};
use crate::domain::kinds::FigureQualifier;
use crate::domain::record_kinds::CasualtyCategory;
use crate::error::{Error, Result};
use crate::store::Rel;

/// Reads a stored qualifier.
fn qualifier(text: &str) -> Result<FigureQualifier> {
    FigureQualifier::from_stored(text)
        .ok_or_else(|| Error::Internal(format!("unknown qualifier '{text}'")))
}

record_type! {
    /// One source's count of the dead and injured of an incident. Sources
    /// disagree; each figure is kept with its source and its wording ("at least
    /// 17", "nearly 50"), never averaged.
    CasualtyReport(casualty_report, CasualtyReport);
    id: "The global ID, `CasualtyReport:<slug>`, the same in every deployment.";
    slug: "The stable key.";
    {
    /// The incident counted.
    one incident: Incident = incident_id;

    /// The source that gives the figures.
    one source: Source = source_id;

    /// People killed, as the source counts them (null when it gives no number).
    async fn killed(&self) -> Option<i32> {
        self.0.killed
    }

    /// How exact `killed` is, as the source words it.
    async fn killed_qualifier(&self) -> Result<FigureQualifier> {
        qualifier(&self.0.killed_qualifier)
    }

    /// People injured, as the source counts them (null when it gives no number).
    async fn injured(&self) -> Option<i32> {
        self.0.injured
    }

    /// How exact `injured` is, as the source words it.
    async fn injured_qualifier(&self) -> Result<FigureQualifier> {
        qualifier(&self.0.injured_qualifier)
    }

    /// The date the figures stand at, if the source says.
    date as_of = as_of;

    /// What the figures include or leave out, in our words.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }

    /// Whom the figures count: everyone, civilians, police or soldiers
    /// ("50 people and one policeman" is two reports, 50 civilians and 1 police officer).
    async fn category(&self) -> Result<CasualtyCategory> {
        CasualtyCategory::from_stored(&self.0.category).ok_or_else(|| {
            crate::error::Error::Internal(format!("unknown casualty category {}", self.0.category))
        })
    }

    /// The source's words for the killed, verbatim: the only figure when it is
    /// not a number ("dozens of demonstrators").
    async fn killed_words(&self) -> Option<&str> {
        self.0.killed_words.as_deref()
    }

    /// The source's words for the injured, verbatim ("thousands were injured").
    async fn injured_words(&self) -> Option<&str> {
        self.0.injured_words.as_deref()
    }

    /// Whether something here (the incident the figures are pinned to, the
    /// date) is inferred rather than stated by the source.
    inferred;

    /// The source's words that give the figures.
    list citations: Citation(citation) = Rel::CasualtyReportCitations;
    }
}
