//! `search`: ranked full-text search over names, aliases, titles and texts,
//! forgiving of case, accents, partial words and (as a fallback) typos.

use super::context::db;
use super::cursor::encode_index;
use super::pagination::{PageArgs, PageInfo};
use super::plan::{Batch, BatchedNode, Item};

use crate::domain::NodeKind;
use crate::error::{Error, Result};
use crate::search::{self, SearchQuery};
use crate::store;
use async_graphql::{Context, Enum, Object, SimpleObject};

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
    /// The stored kind name.
    fn stored(self) -> &'static str {
        store::search::KINDS[self as usize]
    }

    /// The node kind of this type.
    fn node_kind(self) -> NodeKind {
        match self {
            EntityType::Person => NodeKind::Person,
            EntityType::Organization => NodeKind::Organization,
            EntityType::Place => NodeKind::Place,
            EntityType::Incident => NodeKind::Incident,
            EntityType::Statement => NodeKind::Statement,
            EntityType::Source => NodeKind::Source,
        }
    }

    /// The type with this stored kind name.
    fn from_stored(kind: &str) -> Option<Self> {
        const ALL: [EntityType; 6] = [
            EntityType::Person,
            EntityType::Organization,
            EntityType::Place,
            EntityType::Incident,
            EntityType::Statement,
            EntityType::Source,
        ];
        ALL.into_iter().find(|t| t.stored() == kind)
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
    /// Hits per type, for the requested types.
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
        let kinds: Vec<&str> = types
            .unwrap_or_default()
            .into_iter()
            .map(EntityType::stored)
            .collect();
        let db = db(ctx)?;
        let (mut hits, mut used, mut corrected) =
            (run(db, &parsed, &kinds, 1.0).await?, parsed.clone(), None);
        if hits.is_empty() {
            if let Some(fixed) =
                search::correct(&parsed, &store::search::name_vocabulary(db).await?)
            {
                hits = run(db, &fixed, &kinds, 0.5).await?;
                corrected = Some(describe(&fixed));
                used = fixed;
            }
        }
        let counts = store::search::count_by_kind(db, &used, &kinds).await?;
        let facets: Vec<SearchFacet> = counts
            .into_iter()
            .filter_map(|(kind, count)| {
                EntityType::from_stored(&kind).map(|t| SearchFacet {
                    r#type: t,
                    count: count as u64,
                })
            })
            .collect();
        let total_count: u64 = facets.iter().map(|f| f.count).sum();
        let ranked = hits.len() as u64;
        let (start, end) = PageArgs::new(first, after, None, None).range(Some(ranked), "search")?;
        let (hits, items): (Vec<_>, Vec<_>) = hits
            .into_iter()
            .enumerate()
            .skip(start as usize)
            .take((end - start) as usize)
            .map(|(i, hit)| {
                let item = Item::Named(hit.kind.node_kind(), hit.entity_id);
                ((i, hit), item)
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
        let page_info = PageInfo::new("search", start, page.len(), end < ranked);
        Ok(SearchConnection {
            edges: page,
            page_info,
            total_count,
            facets,
            corrected_query: corrected,
        })
    }
}

/// The candidates for `query`, scored and sorted best first.
async fn run(
    db: &sea_orm::DatabaseConnection,
    query: &SearchQuery,
    kinds: &[&str],
    weight: f64,
) -> Result<Vec<Hit>> {
    let candidates = store::search::find_candidates(db, query, kinds).await?;
    let mut hits: Vec<Hit> = candidates
        .into_iter()
        .filter_map(|doc| {
            let kind = EntityType::from_stored(&doc.entity_kind)?;
            let score = search::score(query, &doc.title, &doc.aliases, &doc.body) * weight;
            let text = if search::score(query, "", "", &doc.body) > 0.0 {
                &doc.body
            } else {
                &doc.title
            };
            let text = if text.is_empty() { &doc.aliases } else { text };
            (score > 0.0).then(|| Hit {
                kind,
                entity_id: doc.entity_id,
                score,
                snippet: search::snippet(query, text),
            })
        })
        .collect();
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then((a.kind as u8).cmp(&(b.kind as u8)))
            .then(a.entity_id.cmp(&b.entity_id))
    });
    Ok(hits)
}

/// A query as text, for `correctedQuery`.
fn describe(query: &SearchQuery) -> String {
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
