//! The dataset: its format ([`format`]), loading and checking it
//! ([`Dataset::load`]), importing it ([`import()`]) and verifying its quotes
//! against the source documents ([`verify()`]).

mod facts;
pub mod format;
mod import;
mod incidents;
mod links;
mod statements;
mod verify;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

pub use import::{import, is_empty, ImportSummary};
pub use verify::{verify, Mismatch, VerifyReport};

use crate::domain::slug::is_slug;
use crate::domain::{slugify, PartialDate};
use format::*;

/// Why a dataset could not be read, checked or imported; names the file and record.
#[derive(Debug)]
pub struct IngestError(pub String);

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for IngestError {}

impl From<sea_orm::DbErr> for IngestError {
    fn from(err: sea_orm::DbErr) -> Self {
        IngestError(format!("database: {err}"))
    }
}

impl From<crate::error::Error> for IngestError {
    fn from(err: crate::error::Error) -> Self {
        IngestError(format!("{err:?}"))
    }
}

/// A record with the file it came from and its slug.
#[derive(Debug, Clone)]
pub struct Located<T> {
    /// The file name, for messages.
    pub file: String,
    /// The record's slug, given or derived.
    pub slug: String,
    /// The record.
    pub record: T,
}

impl<T> Located<T> {
    /// An error about this record.
    pub fn error(&self, kind: &str, message: impl fmt::Display) -> IngestError {
        IngestError(format!("{}: {kind} '{}': {message}", self.file, self.slug))
    }
}

/// A whole dataset, read and checked, with every record's slug settled.
#[derive(Debug, Default)]
pub struct Dataset {
    /// Persons.
    pub persons: Vec<Located<PersonRecord>>,
    /// Organizations.
    pub organizations: Vec<Located<OrganizationRecord>>,
    /// Places.
    pub places: Vec<Located<PlaceRecord>>,
    /// Sources.
    pub sources: Vec<Located<SourceRecord>>,
    /// Positions.
    pub positions: Vec<Located<PositionRecord>>,
    /// Incidents.
    pub incidents: Vec<Located<IncidentRecord>>,
    /// Statements.
    pub statements: Vec<Located<StatementRecord>>,
    /// Casualty reports.
    pub casualty_reports: Vec<Located<CasualtyRecord>>,
}

/// Assigns slugs to one kind of record: a given slug must be valid and
/// unique; a derived one gets `-2`, `-3`... only to break a tie.
fn settle<T>(
    kind: &str,
    records: Vec<(String, T)>,
    given: impl Fn(&T) -> Option<String>,
    derive: impl Fn(&T) -> String,
) -> Result<Vec<Located<T>>, IngestError> {
    let mut taken: HashMap<String, String> = HashMap::new();
    let records: Vec<(String, Option<String>, T)> = records
        .into_iter()
        .map(|(file, record)| (file, given(&record), record))
        .collect();
    // Given slugs are reserved first, so a derived slug never takes one.
    for (file, slug, _) in &records {
        let Some(slug) = slug else { continue };
        if !is_slug(slug) {
            return Err(IngestError(format!(
                "{file}: {kind} '{slug}': not a slug (lowercase ASCII words joined by hyphens)"
            )));
        }
        if let Some(first) = taken.insert(slug.clone(), file.clone()) {
            return Err(IngestError(format!(
                "{file}: {kind} '{slug}': duplicate slug, first used in {first}"
            )));
        }
    }
    let mut located = Vec::with_capacity(records.len());
    for (file, slug, record) in records {
        let slug = match slug {
            Some(slug) => slug,
            None => derive_unique(&derive(&record), &mut taken, &file).ok_or_else(|| {
                IngestError(format!("{file}: a {kind} has no name to make a slug from"))
            })?,
        };
        located.push(Located { file, slug, record });
    }
    Ok(located)
}

/// `base`, or `base-2`, `base-3`... whichever is free; reserves it.
fn derive_unique(base: &str, taken: &mut HashMap<String, String>, file: &str) -> Option<String> {
    if base.is_empty() {
        return None;
    }
    let slug = (1..)
        .map(|n| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|s| !taken.contains_key(s))?;
    taken.insert(slug.clone(), file.to_string());
    Some(slug)
}

/// Checks that an optional date field parses.
fn check_date<T>(
    item: &Located<T>,
    kind: &str,
    field: &str,
    value: &Option<String>,
) -> Result<(), IngestError> {
    match value {
        Some(text) => PartialDate::parse(text)
            .map(|_| ())
            .map_err(|e| item.error(kind, format!("{field}: {e}"))),
        None => Ok(()),
    }
}

impl Dataset {
    /// Reads every `*.toml` file in `dir` (in name order) and checks slugs and dates.
    pub fn load(dir: &Path) -> Result<Self, IngestError> {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| IngestError(format!("{}: {e}", dir.display())))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        paths.sort();
        let mut files = Vec::new();
        for path in paths {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text =
                std::fs::read_to_string(&path).map_err(|e| IngestError(format!("{name}: {e}")))?;
            let file: DataFile =
                toml::from_str(&text).map_err(|e| IngestError(format!("{name}: {e}")))?;
            files.push((name, file));
        }
        Self::from_files(files)
    }

    /// Parses and checks files given as `(name, TOML text)` pairs.
    pub fn from_texts(texts: &[(&str, &str)]) -> Result<Self, IngestError> {
        let mut files = Vec::new();
        for (name, text) in texts {
            let file: DataFile =
                toml::from_str(text).map_err(|e| IngestError(format!("{name}: {e}")))?;
            files.push((name.to_string(), file));
        }
        Self::from_files(files)
    }

    /// Settles slugs and checks dates of already parsed files.
    pub fn from_files(files: Vec<(String, DataFile)>) -> Result<Self, IngestError> {
        let mut raw = DataFile::default();
        let mut origin: Vec<Vec<String>> = vec![Vec::new(); 8];
        for (name, file) in files {
            macro_rules! take {
                ($field:ident, $i:expr) => {
                    origin[$i].extend(std::iter::repeat(name.clone()).take(file.$field.len()));
                    raw.$field.extend(file.$field);
                };
            }
            take!(person, 0);
            take!(organization, 1);
            take!(place, 2);
            take!(source, 3);
            take!(position, 4);
            take!(incident, 5);
            take!(statement, 6);
            take!(casualty_report, 7);
        }
        let pair = |i: usize| origin[i].clone().into_iter();
        let dataset = Dataset {
            persons: settle(
                "person",
                pair(0).zip(raw.person).collect(),
                |r| r.slug.clone(),
                |r| slugify(&r.name),
            )?,
            organizations: settle(
                "organization",
                pair(1).zip(raw.organization).collect(),
                |r| r.slug.clone(),
                |r| slugify(&r.name),
            )?,
            places: settle(
                "place",
                pair(2).zip(raw.place).collect(),
                |r| r.slug.clone(),
                |r| slugify(&r.name),
            )?,
            sources: settle(
                "source",
                pair(3).zip(raw.source).collect(),
                |r| Some(r.slug.clone()),
                |_| String::new(),
            )?,
            positions: settle(
                "position",
                pair(4).zip(raw.position).collect(),
                |r| r.slug.clone(),
                |r| slugify(&format!("{} {} {}", r.person, r.title, r.organization)),
            )?,
            incidents: settle(
                "incident",
                pair(5).zip(raw.incident).collect(),
                |r| Some(r.slug.clone()),
                |_| String::new(),
            )?,
            statements: settle(
                "statement",
                pair(6).zip(raw.statement).collect(),
                |r| Some(r.slug.clone()),
                |_| String::new(),
            )?,
            casualty_reports: settle(
                "casualty report",
                pair(7).zip(raw.casualty_report).collect(),
                |r| r.slug.clone(),
                |r| slugify(&format!("{} {}", r.incident, r.source)),
            )?,
        };
        dataset.check()?;
        Ok(dataset)
    }

    /// Checks dates and required citations.
    fn check(&self) -> Result<(), IngestError> {
        for s in &self.sources {
            check_date(s, "source", "published_at", &s.record.published_at)?;
        }
        for p in &self.positions {
            check_date(p, "position", "start", &p.record.start)?;
            check_date(p, "position", "end", &p.record.end)?;
            if p.record.citations.is_empty() {
                return Err(p.error("position", "needs at least one citation"));
            }
        }
        for i in &self.incidents {
            check_date(i, "incident", "start", &i.record.start)?;
            check_date(i, "incident", "end", &i.record.end)?;
            if i.record.citations.is_empty() {
                return Err(i.error("incident", "needs at least one citation"));
            }
        }
        for s in &self.statements {
            check_date(s, "statement", "date", &s.record.date)?;
        }
        for c in &self.casualty_reports {
            check_date(c, "casualty report", "as_of", &c.record.as_of)?;
            if c.record.citations.is_empty() {
                return Err(c.error("casualty report", "needs at least one citation"));
            }
        }
        Ok(())
    }
}
