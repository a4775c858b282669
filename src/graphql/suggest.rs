//! `suggest`: type-ahead over names and titles, from the first typed letter.

use async_graphql::{Context, Object, SimpleObject};

use super::pagination::page_size;
use super::plan::{Batch, BatchedNode, Item};
use super::search::{search_index, EntityType};
use crate::domain::NodeKind;
use crate::error::{Error, Result};
use crate::search::{self, Scope, SearchQuery};

/// How many suggestions when `first` is not given.
const DEFAULT_SUGGESTIONS: u64 = 10;

/// A record whose name starts with what was typed.
#[derive(SimpleObject)]
pub struct Suggestion {
    /// The record.
    entity: BatchedNode,
    /// What kind of record it is.
    #[graphql(name = "type")]
    kind: EntityType,
    /// Its name or title, as written.
    name: String,
    /// The name (or the alias that matched) with the typed words wrapped in
    /// `<mark>`; the rest is HTML-escaped.
    highlighted: String,
}

/// Root field for type-ahead.
#[derive(Default)]
pub struct SuggestQueryRoot;

/// Root field for type-ahead.
#[Object]
impl SuggestQueryRoot {
    /// Names and titles that start with what was typed, best first: every
    /// typed word must start a word of the record's name or of one of its
    /// aliases, the last one as it is being typed ("dina bo" finds Dina
    /// Boluarte). Accents and case do not matter. Statements have no names,
    /// so they are never suggested.
    #[graphql(complexity = "crate::graphql::pagination::cost(first, None, child_complexity)")]
    async fn suggest(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What has been typed so far (one letter is enough).")] prefix: String,
        #[graphql(desc = "Only records of these kinds (every named kind when omitted).")]
        types: Option<Vec<EntityType>>,
        #[graphql(desc = "At most this many suggestions (10 when omitted, at most 100).")]
        first: Option<i32>,
    ) -> Result<Vec<Suggestion>> {
        let query = SearchQuery::parse(&prefix).map_err(Error::BadUserInput)?;
        let limit = page_size(first, "first")?.unwrap_or(DEFAULT_SUGGESTIONS);
        // No filter by default: statements have no names, so they never match.
        let kinds: Vec<NodeKind> = types
            .unwrap_or_default()
            .into_iter()
            .map(EntityType::node_kind)
            .collect();
        let index = search_index(ctx)?;
        let found = index
            .search(&query, &kinds, Scope::Names, limit as usize)
            .await?;
        let (hits, items): (Vec<_>, Vec<_>) = found
            .hits
            .into_iter()
            .filter_map(|hit| {
                let kind = EntityType::of(hit.kind)?;
                let item = Item::Named(hit.kind, hit.id);
                Some(((kind, hit), item))
            })
            .unzip();
        Ok(hits
            .into_iter()
            .zip(Batch::of(items))
            .map(|((kind, hit), entity)| {
                let shown = if search::matches_all(&query, &hit.title) {
                    &hit.title
                } else {
                    &hit.aliases
                };
                Suggestion {
                    kind,
                    highlighted: search::snippet(&query, shown),
                    name: hit.title,
                    entity,
                }
            })
            .collect())
    }
}
