//! What creating and updating any record shares: fresh slugs, the payload's
//! record and revision, and the name and aliases of persons, organizations
//! and places.

use async_graphql::{Context, ID};
use entity::alias;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::Value;

use super::validate;
use super::RecordPayload;
use crate::domain::{slugify, NodeId, NodeKind};
use crate::error::{Error, Result};
use crate::graphql::Revision;
use crate::store;
use crate::write::typed;
use crate::write::Change;

/// Alias rows for `names` (owner columns are set when written).
pub(super) fn alias_rows(names: &[String]) -> Result<Vec<Value>> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let name = validate::name(&format!("input.aliases[{i}]"), name, 200)?;
            let key = slugify(&name);
            let alias = alias::ActiveModel {
                name: Set(name),
                key: Set(key),
                person_id: Set(None),
                organization_id: Set(None),
                place_id: Set(None),
                ..Default::default()
            };
            Ok(typed::new_row(&alias))
        })
        .collect()
}

/// BAD_USER_INPUT unless no record of `kind` has `slug` yet.
pub(super) async fn unused_slug(change: &Change, kind: NodeKind, slug: &str) -> Result<()> {
    match store::records::find_ref(change.db(), kind.table_name(), slug).await? {
        Some(_) => Err(Error::bad_input(format!(
            "`input.slug`: a {} with the slug '{slug}' exists already",
            kind.type_name()
        ))),
        None => Ok(()),
    }
}

/// BAD_USER_INPUT when `name` looks like the name of another record of
/// `kind` (their confusable skeletons make the slug of that record).
pub(super) async fn no_lookalike(
    change: &Change,
    kind: NodeKind,
    name: &str,
    own_slug: &str,
) -> Result<()> {
    let skeleton = validate::skeleton_slug(name);
    if skeleton == slugify(name) || skeleton == own_slug {
        return Ok(());
    }
    match store::records::find_ref(change.db(), kind.table_name(), &skeleton).await? {
        Some(_) => Err(Error::bad_input(format!(
            "`input.name`: '{name}' looks like the name of {}:{skeleton}",
            kind.type_name()
        ))),
        None => Ok(()),
    }
}

/// Commits the change and returns the payload of the record it wrote last.
async fn finish<P: RecordPayload>(ctx: &Context<'_>, change: Change) -> Result<P> {
    let revision = change
        .commit()
        .await?
        .pop()
        .ok_or_else(|| Error::Internal("a change without a revision".into()))?;
    let node = crate::graphql::referenced(ctx, revision.node_id).await?;
    Ok(P::new(node, Revision::new(revision)))
}

/// Creates the record `row` with its link rows, commits, and returns its payload.
pub(super) async fn created<P: RecordPayload>(
    ctx: &Context<'_>,
    mut change: Change,
    row: &impl ActiveModelTrait,
    links: Vec<(&'static str, Vec<Value>)>,
) -> Result<P> {
    change.create(P::KIND, typed::new_row(row), links).await?;
    finish(ctx, change).await
}

/// Updates the record with row ID `id` (already checked by [`super::target`]):
/// the columns `fields` sets, and the link tables `links` replaces; commits and
/// returns its payload.
pub(super) async fn updated<P: RecordPayload>(
    ctx: &Context<'_>,
    mut change: Change,
    id: i64,
    fields: &impl ActiveModelTrait,
    links: Vec<(&'static str, Vec<Value>)>,
) -> Result<P> {
    change
        .update(P::KIND, id, typed::changed(fields), links)
        .await?;
    finish(ctx, change).await
}

/// A new named record's name and slug: the name checked, the slug given or
/// made from it, both free of another record's (and of a lookalike's).
pub(super) async fn new_name(
    change: &Change,
    kind: NodeKind,
    slug: Option<&str>,
    name: &str,
) -> Result<(String, String)> {
    let name = validate::name("input.name", name, 200)?;
    let slug = validate::new_slug(slug, &name)?;
    unused_slug(change, kind, &slug).await?;
    no_lookalike(change, kind, &name, &slug).await?;
    Ok((name, slug))
}

/// Creates a named record from its row and aliases.
pub(super) async fn create_named<P: RecordPayload>(
    ctx: &Context<'_>,
    change: Change,
    row: &impl ActiveModelTrait,
    aliases: &Option<Vec<String>>,
) -> Result<P> {
    let aliases = alias_rows(aliases.as_deref().unwrap_or_default())?;
    created(ctx, change, row, vec![("alias", aliases)]).await
}

/// A named record's new name, checked against lookalikes, when one is given.
pub(super) async fn renamed(
    change: &Change,
    kind: NodeKind,
    id: &ID,
    name: Option<String>,
) -> Result<Option<String>> {
    let Some(name) = name else {
        return Ok(None);
    };
    let name = validate::name("input.name", &name, 200)?;
    let own_slug = NodeId::parse_as(id, kind).map_err(Error::BadUserInput)?;
    no_lookalike(change, kind, &name, &own_slug).await?;
    Ok(Some(name))
}

/// Updates the named record with row ID `id` (already checked by
/// [`super::target`]): the columns `fields` sets, and its aliases when given.
pub(super) async fn update_named<P: RecordPayload>(
    ctx: &Context<'_>,
    change: Change,
    id: i64,
    aliases: Option<Vec<String>>,
    fields: &impl ActiveModelTrait,
) -> Result<P> {
    let aliases = aliases.map(|a| alias_rows(&a)).transpose()?;
    let links = aliases.map(|rows| ("alias", rows)).into_iter().collect();
    updated(ctx, change, id, fields, links).await
}
