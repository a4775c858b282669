//! `search`: ranked full-text search over names, aliases, titles and texts,
//! forgiving of case, accents, partial words and (as a fallback) typos.

use super::cursor::encode_index;
use super::pagination::{PageArgs, PageInfo};
use super::plan::{Batch, BatchedNode, Item};

use crate::domain::NodeKind;
use crate::error::{Error, Result};
use crate::search::{self, Scope, SearchIndex, SearchQuery};
use async_graphql::{Context, Enum, Object, SimpleObject};
use std::sync::Arc;

/// The kinds of record search covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum EntityType {
    /// Persons, by name and alias.
    Person,
    /// Organizations, by name and alias.
    Organization,
    /// Places, by name and alias.
    Place,
    /// Incidents, by title and summary.
    Incident,
    /// Statements, by text.
    Statement,
    /// Sources, by title.
    Source,
}

impl EntityType {
    /// The node kind of this type.
    pub(crate) fn node_kind(self) -> NodeKind {
        match self {
            EntityType::Person => NodeKind::Person,
            EntityType::Organization => NodeKind::Organization,
            EntityType::Place => NodeKind::Place,
            EntityType::Incident => NodeKind::Incident,
            EntityType::Statement => NodeKind::Statement,
            EntityType::Source => NodeKind::Source,
        }
    }

    /// The type of records of `kind`, if search covers them.
    pub(crate) fn of(kind: NodeKind) -> Option<Self> {
        const ALL: [EntityType; 6] = [
            EntityType::Person,
            EntityType::Organization,
            EntityType::Place,
            EntityType::Incident,
            EntityType::Statement,
            EntityType::Source,
        ];
        ALL.into_iter().find(|t| t.node_kind() == kind)
    }
}

/// A ranked hit, before its page is cut.
struct Hit {
    kind: EntityType,
    entity_id: i64,
    score: f64,
    snippet: String,
}

/// One hit: the record, why it matched, and how well.
pub struct SearchResult {
    hit: Hit,
    /// The record, read with the page's others.
    entity: BatchedNode,
}

/// One hit: the record, why it matched, and how well.
#[Object]
impl SearchResult {
    /// The record found.
    async fn entity(&self) -> &BatchedNode {
        &self.entity
    }

    /// What kind of record it is.
    async fn r#type(&self) -> EntityType {
        self.hit.kind
    }

    /// How well it matched: names weigh more than texts, whole words more
    /// than prefixes; halved when the query had to be corrected for typos.
    async fn score(&self) -> f64 {
        self.hit.score
    }

    /// The matching words in context, each match wrapped in `<mark>`; the rest is HTML-escaped.
    async fn snippet(&self) -> &str {
        &self.hit.snippet
    }
}

/// A search hit with its cursor.
#[derive(SimpleObject)]
pub struct SearchEdge {
    /// The cursor to pass as `after`.
    cursor: String,
    /// The hit.
    node: SearchResult,
}

/// How many hits each type has.
#[derive(SimpleObject)]
pub struct SearchFacet {
    /// The type.
    r#type: EntityType,
    /// Its hits.
    count: u64,
}

/// A page of search hits, best first, with counts per type.
#[derive(SimpleObject)]
pub struct SearchConnection {
    /// The hits of this page.
    edges: Vec<SearchEdge>,
    /// Where this page lies.
    page_info: PageInfo,
    /// How many hits in all (of the requested types).
    total_count: u64,
    /// Hits per type, for the requested types, in the types' alphabetical order; every match counted.
    facets: Vec<SearchFacet>,
    /// The query actually run when the one typed found nothing and was corrected for typos.
    corrected_query: Option<String>,
}

/// Root field for search.
#[derive(Default)]
pub struct SearchQueryRoot;

/// Root field for search.
#[Object]
impl SearchQueryRoot {
    /// Ranked search. Words match in any case and with or without accents
    /// ("otarola" finds Alberto Otárola), each word also as the start of a
    /// word ("Cana" finds Víctor Canales), and "quoted words" as a phrase;
    /// every term must match. When nothing matches, close misspellings of
    /// names are corrected (`correctedQuery` says so).
    #[graphql(complexity = "crate::graphql::pagination::cost(first, None, child_complexity)")]
    async fn search(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The words to look for; accents and case do not matter, and every word must match."
        )]
        query: String,
        #[graphql(desc = "Only results of these kinds (all when omitted).")] types: Option<
            Vec<EntityType>,
        >,
        #[graphql(desc = "At most this many items, from the start of the list or after `after`.")]
        first: Option<i32>,
        #[graphql(
            desc = "Continue after the item with this cursor (`pageInfo.endCursor`, or an edge's `cursor`)."
        )]
        after: Option<String>,
    ) -> Result<SearchConnection> {
        let parsed = SearchQuery::parse(&query).map_err(Error::BadUserInput)?;
        let kinds: Vec<NodeKind> = types
            .unwrap_or_default()
            .into_iter()
            .map(EntityType::node_kind)
            .collect();
        let (start, end) = PageArgs::new(first, after, None, None).range(None, "search")?;
        if end > MAX_WINDOW {
            return Err(Error::bad_input(format!(
                "search pages reach the first {MAX_WINDOW} hits; narrow the query or the types"
            )));
        }
        let index = search_index(ctx)?;
        let limit = end as usize;
        let (mut found, mut used, mut corrected, mut weight) = (
            index
                .search(&parsed, &kinds, Scope::Everything, limit)
                .await?,
            parsed.clone(),
            None,
            1.0,
        );
        if found.counts.is_empty() {
            if let Some(fixed) = search::correct(&parsed, &index.vocabulary().await?) {
                found = index
                    .search(&fixed, &kinds, Scope::Everything, limit)
                    .await?;
                corrected = Some(describe(&fixed));
                (used, weight) = (fixed, 0.5);
            }
        }
        let mut counts: Vec<(NodeKind, u64)> = found.counts.into_iter().collect();
        counts.sort_by_key(|(kind, _)| kind.table_name());
        let facets: Vec<SearchFacet> = counts
            .into_iter()
            .filter_map(|(kind, count)| {
                EntityType::of(kind).map(|t| SearchFacet { r#type: t, count })
            })
            .collect();
        let total_count: u64 = facets.iter().map(|f| f.count).sum();
        let (hits, items): (Vec<_>, Vec<_>) = found
            .hits
            .into_iter()
            .enumerate()
            .skip(start as usize)
            .filter_map(|(i, hit)| {
                let hit = Hit::of(hit, &used, weight)?;
                let item = Item::Named(hit.kind.node_kind(), hit.entity_id);
                Some(((i, hit), item))
            })
            .unzip();
        let page: Vec<SearchEdge> = hits
            .into_iter()
            .zip(Batch::of(items))
            .map(|((i, hit), entity)| SearchEdge {
                cursor: encode_index("search", i as u64),
                node: SearchResult { hit, entity },
            })
            .collect();
        let page_info = PageInfo::new("search", start, page.len(), end < total_count);
        Ok(SearchConnection {
            edges: page,
            page_info,
            total_count,
            facets,
            corrected_query: corrected,
        })
    }
}

/// The furthest hit a page may reach: deep pages of a ranked list are
/// what narrower queries are for, and each costs the hits before it.
const MAX_WINDOW: u64 = 10_000;

/// The search index the schema serves.
pub(crate) fn search_index<'a>(ctx: &'a Context<'_>) -> Result<&'a Arc<SearchIndex>> {
    ctx.data::<Arc<SearchIndex>>()
        .map_err(|_| Error::Internal("the schema has no search index".into()))
}

impl Hit {
    /// A hit of the index, with its snippet from the text that matched:
    /// the record's text if every term is in it, else its name or aliases.
    fn of(found: search::Hit, query: &SearchQuery, weight: f64) -> Option<Hit> {
        let text = if search::matches_all(query, &found.body) {
            &found.body
        } else if !found.title.is_empty() {
            &found.title
        } else {
            &found.aliases
        };
        Some(Hit {
            kind: EntityType::of(found.kind)?,
            entity_id: found.id,
            score: found.score * weight,
            snippet: search::snippet(query, text),
        })
    }
}

/// A query as text, for `correctedQuery`.
pub(crate) fn describe(query: &SearchQuery) -> String {
    let parts: Vec<String> = query
        .terms
        .iter()
        .map(|t| match t {
            search::Term::Word(w) => w.clone(),
            search::Term::Phrase(ws) => format!("\"{}\"", ws.join(" ")),
        })
        .collect();
    parts.join(" ")
}
