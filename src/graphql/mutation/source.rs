//! Create and update sources: the documents that report everything else.

use async_graphql::{InputObject, MaybeUndefined, ID};
use entity::{source, source_author, source_citation};
use sea_orm::Set;
use serde_json::Value;

use super::named::unused_slug;
use super::validate::{self, date, text, url};
use super::write::{Edit, NewRecord};
use super::{reference_of, references_of, Create, SourcePayload, Update};
use crate::domain::kinds::SourceKind;
use crate::domain::{NodeKind, PartialDate};
use crate::error::{Error, Result};
use crate::write::typed::{self, given, maybe};
use crate::write::Change;

record_mutations!(
    SourceMutation, "sources";
    "a source", SourcePayload: create_source(CreateSourceInput), update_source(UpdateSourceInput)
);

/// A new source.
#[derive(InputObject)]
pub struct CreateSourceInput {
    /// The stable key (made from `title` when absent).
    slug: Option<String>,
    /// What kind of document.
    kind: SourceKind,
    /// The title (at most 500 characters).
    title: String,
    /// Who published it (`Organization:...`).
    publisher_id: Option<ID>,
    /// When, at the precision known.
    published_at: Option<PartialDate>,
    /// Where it can be read (http or https).
    url: Option<String>,
    /// Its language (ISO 639-1).
    language: Option<String>,
    /// Its authors, in order (`Person:...`).
    author_ids: Option<Vec<ID>>,
    /// The sources it cites (`Source:...`).
    cites_ids: Option<Vec<ID>>,
}

/// Changes to a source; absent fields stay as they are, null clears.
#[derive(InputObject)]
pub struct UpdateSourceInput {
    /// The source (`Source:...`).
    id: ID,
    /// The version you read.
    version: i32,
    /// The new kind.
    kind: Option<SourceKind>,
    /// The new title.
    title: Option<String>,
    /// The new publisher.
    publisher_id: MaybeUndefined<ID>,
    /// The new publication date.
    published_at: MaybeUndefined<PartialDate>,
    /// The new URL.
    url: MaybeUndefined<String>,
    /// The new language.
    language: MaybeUndefined<String>,
    /// The new authors, replacing the old.
    author_ids: Option<Vec<ID>>,
    /// The new cited sources, replacing the old.
    cites_ids: Option<Vec<ID>>,
}

/// The `source_author` and `source_citation` rows of a source.
async fn link_rows(
    change: &Change,
    authors: Option<&[ID]>,
    cites: Option<&[ID]>,
) -> Result<(Option<Vec<Value>>, Option<Vec<Value>>)> {
    let authors = match authors {
        Some(ids) => Some(
            references_of(change, "input.authorIds", ids, NodeKind::Person)
                .await?
                .into_iter()
                .enumerate()
                .map(|(i, p)| author(p, i))
                .collect::<Result<_>>()?,
        ),
        None => None,
    };
    let cites = match cites {
        Some(ids) => Some(
            references_of(change, "input.citesIds", ids, NodeKind::Source)
                .await?
                .into_iter()
                .map(|s| {
                    typed::new_row(&source_citation::ActiveModel {
                        cited_source_id: Set(s),
                        ..Default::default()
                    })
                })
                .collect(),
        ),
        None => None,
    };
    Ok((authors, cites))
}

/// The `source_author` row of the `ordinal`th author.
fn author(person: i64, ordinal: usize) -> Result<Value> {
    let ordinal = i32::try_from(ordinal)
        .map_err(|_| Error::bad_input("`input.authorIds`: too many authors"))?;
    let row = source_author::ActiveModel {
        person_id: Set(person),
        ordinal: Set(ordinal),
        ..Default::default()
    };
    Ok(typed::new_row(&row))
}

/// A publisher reference as its row ID.
async fn publisher(change: &Change, id: &ID) -> Result<i64> {
    reference_of(change, "input.publisherId", id, NodeKind::Organization).await
}

/// A language code as a column value.
fn language(value: &str) -> Result<Option<String>> {
    validate::language("input.language", value).map(Some)
}

impl Create<SourcePayload> for CreateSourceInput {
    async fn create(self, change: &Change) -> Result<NewRecord> {
        let title = text("input.title", &self.title, 500)?;
        let slug = validate::new_slug(self.slug.as_deref(), &title)?;
        unused_slug(change, NodeKind::Source, &slug).await?;
        let publisher = match &self.publisher_id {
            Some(id) => Some(publisher(change, id).await?),
            None => None,
        };
        let row = source::ActiveModel {
            slug: Set(slug),
            kind: Set(self.kind.as_str().into()),
            title: Set(title),
            publisher_id: Set(publisher),
            published_at: Set(date(self.published_at.as_ref())),
            url: Set(url("input.url", self.url.as_deref())?),
            language: Set(self
                .language
                .as_deref()
                .map(language)
                .transpose()?
                .flatten()),
            text_file: Set(None),
            ..Default::default()
        };
        let (authors, cites) = link_rows(
            change,
            self.author_ids.as_deref(),
            self.cites_ids.as_deref(),
        )
        .await?;
        let links = vec![
            ("source_author", authors.unwrap_or_default()),
            ("source_citation", cites.unwrap_or_default()),
        ];
        Ok(NewRecord::new(&row, links))
    }
}

impl Update<SourcePayload> for UpdateSourceInput {
    async fn update(self, change: &Change, _row: i64) -> Result<Edit> {
        let mut fields = source::ActiveModel {
            kind: given(self.kind, |kind| Ok(kind.as_str().to_string()))?,
            title: given(self.title, |t| text("input.title", &t, 500))?,
            published_at: maybe(self.published_at, |d| Ok(date(Some(&d))))?,
            url: maybe(self.url, |u| url("input.url", Some(&u)))?,
            language: maybe(self.language, |l| language(&l))?,
            ..Default::default()
        };
        match &self.publisher_id {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => fields.publisher_id = Set(None),
            MaybeUndefined::Value(id) => {
                fields.publisher_id = Set(Some(publisher(change, id).await?));
            }
        }
        let (authors, cites) = link_rows(
            change,
            self.author_ids.as_deref(),
            self.cites_ids.as_deref(),
        )
        .await?;
        let links = [("source_author", authors), ("source_citation", cites)];
        Ok(Edit::new(&fields, links))
    }
}
