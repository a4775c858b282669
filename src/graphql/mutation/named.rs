//! What creating and updating any record shares: fresh slugs, the payload's
//! record and revision, and the name and aliases of persons, organizations
//! and places.

use async_graphql::ID;
use entity::alias;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::Value;

use super::validate;
use super::write::{Edit, NewRecord};
use crate::domain::{slugify, NodeId, NodeKind};
use crate::error::{Error, Result};
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

/// A new named record's name and slug: the name checked, the slug given or
/// made from it, both free of another record's (and of a lookalike's).
async fn new_name(
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

/// A new named record's slug (if given), name and aliases, as its input has them.
pub(super) type Names<'a> = (&'a Option<String>, &'a str, &'a Option<Vec<String>>);

/// A new named record of `kind`: its name and slug checked (see
/// [`new_name`]), its row made from them by `row`, and its aliases.
pub(super) async fn new_named<A: ActiveModelTrait>(
    change: &Change,
    kind: NodeKind,
    (slug, name, aliases): Names<'_>,
    row: impl FnOnce(String, String) -> A,
) -> Result<NewRecord> {
    let (name, slug) = new_name(change, kind, slug.as_deref(), name).await?;
    let aliases = alias_rows(aliases.as_deref().unwrap_or_default())?;
    Ok(NewRecord::new(&row(name, slug), vec![("alias", aliases)]))
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

/// The changes to a named record: the columns `fields` sets, and its aliases when given.
pub(super) fn edit_named(
    aliases: Option<Vec<String>>,
    fields: &impl ActiveModelTrait,
) -> Result<Edit> {
    let aliases = aliases.map(|a| alias_rows(&a)).transpose()?;
    Ok(Edit::new(fields, [("alias", aliases)]))
}
