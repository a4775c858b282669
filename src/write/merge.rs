//! Merging two records found to be the same person or organization: every
//! reference to the merged record moves to the survivor, whose aliases gain
//! the merged record's name and aliases; the merged record is retracted and
//! points at the survivor, so its ID still resolves. Each record touched gets
//! a revision in the one change, so reverting the merge undoes all of it.

use std::collections::{BTreeMap, BTreeSet};

use entity::alias;
use sea_orm::Set;
use serde_json::Value;

use super::Change;
use crate::domain::{slugify, NodeKind};
use crate::error::{Error, Result};
use crate::on_table;
use crate::store::{documents, tables::rows_where};

/// Where a record of one kind refers to a person or organization.
enum Reference {
    /// A column of the owner's row.
    Row(NodeKind, &'static str),
    /// A column of a link row the owner holds.
    Link(NodeKind, &'static str, &'static str),
}

/// Every place a person or an organization is referred to.
fn references(kind: NodeKind) -> &'static [Reference] {
    use NodeKind::*;
    use Reference::*;
    match kind {
        Person => &[
            Row(Statement, "speaker_person_id"),
            Link(Statement, "statement_mention", "person_id"),
            Row(Position, "person_id"),
            Link(Source, "source_author", "person_id"),
            Link(Incident, "participant", "person_id"),
        ],
        _ => &[
            Row(Statement, "speaker_organization_id"),
            Link(Statement, "statement_mention", "organization_id"),
            Row(Position, "organization_id"),
            Link(Incident, "involvement", "organization_id"),
            Row(Source, "publisher_id"),
        ],
    }
}

/// Merges record `merged` into `survivor`, both persons or both organizations.
pub async fn merge(change: &mut Change, kind: NodeKind, survivor: i64, merged: i64) -> Result<()> {
    if survivor == merged {
        return Err(Error::bad_input(
            "`survivorId` and `mergedId` name the same record",
        ));
    }
    // A record may refer to the merged one in several ways (a statement by
    // and about them): each is edited once, with all its references moved.
    let mut referrers: BTreeMap<(NodeKind, i64), Vec<&Reference>> = BTreeMap::new();
    for reference in references(kind) {
        let (owner, table, column) = match reference {
            Reference::Row(owner, column) => (*owner, owner.table_name(), *column),
            Reference::Link(owner, table, column) => (*owner, *table, *column),
        };
        for id in owners(change, owner, table, column, merged).await? {
            referrers.entry((owner, id)).or_default().push(reference);
        }
    }
    for ((owner, id), references) in referrers {
        change
            .edit(owner, id, "merge", |document| {
                for reference in references {
                    repoint(document, reference, merged, survivor);
                }
                Ok(())
            })
            .await?;
    }
    let merged_document = documents::load(change.db(), kind, merged)
        .await?
        .ok_or_else(|| Error::Internal("the merged record is missing".into()))?;
    change
        .edit(kind, merged, "merge", |document| {
            document["row"]["retracted"] = Value::Bool(true);
            document["row"]["merged_into_id"] = Value::from(survivor);
            document["links"]["alias"] = Value::Array(Vec::new());
            Ok(())
        })
        .await?;
    change
        .edit(kind, survivor, "merge", |document| {
            adopt_aliases(document, &merged_document, kind, survivor)
        })
        .await
}

/// The row IDs of the records of `owner` whose `table.column` is `id`.
async fn owners(
    change: &Change,
    owner: NodeKind,
    table: &'static str,
    column: &'static str,
    id: i64,
) -> Result<BTreeSet<i64>> {
    let owner_column = if table == owner.table_name() {
        "id"
    } else {
        documents::owned_links(owner)
            .iter()
            .find(|(t, _)| *t == table)
            .map(|(_, c)| *c)
            .ok_or_else(|| Error::Internal(format!("{table} is not owned by {owner:?}")))?
    };
    let rows = on_table!(table, rows_where(change.db(), column, id))?;
    Ok(rows
        .iter()
        .filter_map(|r| r[owner_column].as_i64())
        .collect())
}

/// Points a document's references from `from` to `to`, dropping link rows
/// that become duplicates (a statement that mentioned both).
fn repoint(document: &mut Value, reference: &Reference, from: i64, to: i64) {
    match reference {
        Reference::Row(_, column) => document["row"][*column] = Value::from(to),
        Reference::Link(_, table, column) => {
            let mut kept: Vec<Value> = Vec::new();
            for mut row in documents::links(document, table).to_vec() {
                if row[*column].as_i64() == Some(from) {
                    row[*column] = Value::from(to);
                }
                if !kept.iter().any(|k| same_link(k, &row)) {
                    kept.push(row);
                }
            }
            document["links"][*table] = Value::Array(kept);
        }
    }
}

/// Whether two link rows say the same thing (their own IDs and order aside).
fn same_link(a: &Value, b: &Value) -> bool {
    let strip = |v: &Value| {
        let mut v = v.clone();
        if let Some(map) = v.as_object_mut() {
            map.remove("id");
            map.remove("ordinal");
        }
        v
    };
    strip(a) == strip(b)
}

/// Gives the survivor the merged record's aliases and its name as one more alias.
fn adopt_aliases(
    survivor: &mut Value,
    merged: &Value,
    kind: NodeKind,
    survivor_id: i64,
) -> Result<()> {
    let column = if kind == NodeKind::Person {
        "person_id"
    } else {
        "organization_id"
    };
    let mut aliases = documents::links(survivor, "alias").to_vec();
    let name = documents::row_text(merged, "name")?;
    let own_name = documents::row_text(survivor, "name")?;
    let mut known: BTreeSet<String> = aliases
        .iter()
        .filter_map(|a| a["key"].as_str().map(String::from))
        .collect();
    known.insert(slugify(own_name));
    let mut adopted = documents::links(merged, "alias").to_vec();
    let own = alias::ActiveModel {
        name: Set(name.to_string()),
        key: Set(slugify(name)),
        ..Default::default()
    };
    adopted.push(super::typed::new_row(&own));
    for mut alias in adopted {
        let key = alias["key"]
            .as_str()
            .ok_or_else(|| Error::Internal("an alias row without a key".into()))?
            .to_string();
        if known.insert(key) {
            alias[column] = Value::from(survivor_id);
            aliases.push(alias);
        }
    }
    survivor["links"]["alias"] = Value::Array(aliases);
    Ok(())
}
