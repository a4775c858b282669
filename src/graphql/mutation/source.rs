//! Create and update sources: the documents that report everything else.

use crate::graphql::plan::PlannedOne;
use async_graphql::{Context, InputObject, MaybeUndefined, Object, ID};
use entity::source;
use serde_json::{json, Value};

use super::named::{finish_record, unused_slug};
use super::validate::{self, date, patch, text, url};
use super::{begin, reference_of, references_of, target, SourcePayload};
use crate::domain::kinds::SourceKind;
use crate::domain::{NodeKind, PartialDate};
use crate::error::Result;
use crate::graphql::Source;
use crate::write::Change;

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
                .map(|(i, p)| json!({ "source_id": 0, "person_id": p, "ordinal": i as i32 }))
                .collect(),
        ),
        None => None,
    };
    let cites = match cites {
        Some(ids) => Some(
            references_of(change, "input.citesIds", ids, NodeKind::Source)
                .await?
                .into_iter()
                .map(|s| json!({ "source_id": 0, "cited_source_id": s }))
                .collect(),
        ),
        None => None,
    };
    Ok((authors, cites))
}

/// A publisher reference as a column value.
async fn publisher(change: &Change, id: &ID) -> Result<Value> {
    Ok(Value::from(
        reference_of(change, "input.publisherId", id, NodeKind::Organization).await?,
    ))
}

/// A language code as a column value.
fn language(value: &str) -> Result<Value> {
    Ok(Value::from(validate::language("input.language", value)?))
}

/// Mutations of sources.
#[derive(Default)]
pub struct SourceMutation;

/// Mutations of sources.
#[Object]
impl SourceMutation {
    /// Creates a source. Needs an editor key.
    async fn create_source(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new record's fields.")] input: CreateSourceInput,
    ) -> Result<SourcePayload> {
        let mut change = begin(ctx).await?;
        let title = text("input.title", &input.title, 500)?;
        let slug = validate::new_slug(input.slug.as_deref(), &title)?;
        unused_slug(&change, NodeKind::Source, &slug).await?;
        let publisher = match &input.publisher_id {
            Some(id) => publisher(&change, id).await?,
            None => Value::Null,
        };
        let row = json!({
            "slug": slug, "kind": input.kind.as_str(), "title": title, "publisher_id": publisher,
            "published_at": date(input.published_at.as_ref()),
            "url": url("input.url", input.url.as_deref())?,
            "language": input.language.as_deref().map(language).transpose()?.unwrap_or(Value::Null),
            "text_file": null,
        });
        let (authors, cites) = link_rows(
            &change,
            input.author_ids.as_deref(),
            input.cites_ids.as_deref(),
        )
        .await?;
        let links = vec![
            ("source_author", authors.unwrap_or_default()),
            ("source_citation", cites.unwrap_or_default()),
        ];
        change.create(NodeKind::Source, row, links).await?;
        let (model, revision) = finish_record::<source::Entity>(ctx, change).await?;
        Ok(SourcePayload {
            source: PlannedOne(Source(model)),
            revision,
        })
    }

    /// Updates a source. Needs an editor key and the version you read.
    async fn update_source(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The record, the version you read, and the fields to change (omitted fields stay as they are)."
        )]
        input: UpdateSourceInput,
    ) -> Result<SourcePayload> {
        let mut change = begin(ctx).await?;
        let (_, row) = target(&change, &input.id, Some(NodeKind::Source), input.version).await?;
        let mut fields = json!({});
        if let Some(kind) = input.kind {
            fields["kind"] = Value::from(kind.as_str());
        }
        if let Some(title) = &input.title {
            fields["title"] = Value::from(text("input.title", title, 500)?);
        }
        if let MaybeUndefined::Value(id) = &input.publisher_id {
            fields["publisher_id"] = publisher(&change, id).await?;
        } else if input.publisher_id.is_null() {
            fields["publisher_id"] = Value::Null;
        }
        patch(&mut fields, "published_at", input.published_at, |d| {
            Ok(date(Some(&d)))
        })?;
        patch(&mut fields, "url", input.url, |u| {
            url("input.url", Some(&u))
        })?;
        patch(&mut fields, "language", input.language, |l| language(&l))?;
        let (authors, cites) = link_rows(
            &change,
            input.author_ids.as_deref(),
            input.cites_ids.as_deref(),
        )
        .await?;
        let links = [
            authors.map(|rows| ("source_author", rows)),
            cites.map(|rows| ("source_citation", rows)),
        ];
        change
            .update(
                NodeKind::Source,
                row,
                fields,
                links.into_iter().flatten().collect(),
            )
            .await?;
        let (model, revision) = finish_record::<source::Entity>(ctx, change).await?;
        Ok(SourcePayload {
            source: PlannedOne(Source(model)),
            revision,
        })
    }
}
