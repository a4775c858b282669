//! What creating and updating any record shares: fresh slugs, the payload's
//! record and revision, and the name and aliases of persons, organizations
//! and places.

use async_graphql::{Context, ID};
use serde_json::{json, Value};

use super::target;
use super::validate;
use crate::domain::{slugify, NodeId, NodeKind};
use crate::error::{Error, Result};
use crate::graphql::{loaders, Revision};
use crate::store;
use crate::write::Change;

/// Alias rows for `names` (owner columns are set when written).
pub(super) fn alias_rows(names: &[String]) -> Result<Vec<Value>> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let name = validate::name(&format!("input.aliases[{i}]"), name, 200)?;
            Ok(json!({
                "id": null, "name": name, "key": slugify(&name),
                "person_id": null, "organization_id": null, "place_id": null,
            }))
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

/// Commits and returns the record's row and the revision.
pub(super) async fn finish_record<E: store::Record<Model: Sync>>(
    ctx: &Context<'_>,
    change: Change,
) -> Result<(E::Model, Revision)> {
    let revision = change
        .commit()
        .await?
        .pop()
        .ok_or_else(|| Error::Internal("a change without a revision".into()))?;
    let model = loaders::record::<E>(ctx, revision.node_id).await?;
    Ok((model, Revision::new(revision)))
}

/// Creates a named record from its row and aliases.
pub(super) async fn create_named(
    change: &mut Change,
    kind: NodeKind,
    slug: Option<&str>,
    mut row: Value,
    aliases: &Option<Vec<String>>,
) -> Result<()> {
    let name = validate::name("input.name", row["name"].as_str().unwrap_or_default(), 200)?;
    let slug = validate::new_slug(slug, &name)?;
    unused_slug(change, kind, &slug).await?;
    no_lookalike(change, kind, &name, &slug).await?;
    row["slug"] = Value::from(slug);
    row["name"] = Value::from(name);
    let aliases = alias_rows(aliases.as_deref().unwrap_or_default())?;
    change.create(kind, row, vec![("alias", aliases)]).await?;
    Ok(())
}

/// Updates a named record: the name, the aliases, and what `more` changes.
pub(super) async fn update_named(
    change: &mut Change,
    kind: NodeKind,
    (id, version): (&ID, i32),
    name: Option<String>,
    aliases: Option<Vec<String>>,
    mut fields: Value,
) -> Result<()> {
    let (_, row) = target(change, id, Some(kind), version).await?;
    if let Some(name) = name {
        let name = validate::name("input.name", &name, 200)?;
        let own_slug = NodeId::parse_as(id, kind).map_err(Error::BadUserInput)?;
        no_lookalike(change, kind, &name, &own_slug).await?;
        fields["name"] = Value::from(name);
    }
    let aliases = aliases.map(|a| alias_rows(&a)).transpose()?;
    let links = aliases.map(|rows| ("alias", rows)).into_iter().collect();
    change.update(kind, row, fields, links).await
}
