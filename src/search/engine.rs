//! Asking the index: a parsed query becomes the ways each word can match
//! ([`super::words`]); the top k are collected with every match counted by
//! kind in the same pass, and the hits come back with their stored text.
//! Common words (each in at least one document of 32) go the dense path
//! ([`super::dense`]), every other search one Tantivy query.
//!
//! A word's score is its best way: a whole word in a name beats a prefix
//! in a name, which beats an alias, which beats a text (the tiers of
//! [`super::words`]); within a tier BM25 orders the matches, and among equal
//! matches the shorter name wins. Names weigh most because names are what
//! people type, and the tiers keep a person's exact name above a hundred
//! thousand statements that repeat it.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};
use std::sync::Arc;

use tantivy::collector::{Collector, TopDocs};
use tantivy::query::{EnableScoring, Query};
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, DocId, Executor, Score, Searcher, SegmentReader, Term};

use super::dense::{self, Answer, Plan};
use super::facts::Facts;
use super::index::{internal, Store};
use super::kinds::{kind_code, KINDS};
use super::terms::KindCounts;
use super::words::{self, Way, BM25_SHARE, TIER};
use super::SearchQuery;
use crate::domain::NodeKind;
use crate::error::Result;

/// Which fields a search reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Names, aliases and texts (`search`).
    Everything,
    /// Names and aliases only (`suggest`).
    Names,
}

/// One hit, with its stored text.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The record's kind.
    pub kind: NodeKind,
    /// Its row ID.
    pub id: i64,
    /// How well it matched: tier points, plus fractions for BM25 and a short name.
    pub score: f64,
    /// Its name or title as written.
    pub title: String,
    /// Its aliases as written.
    pub aliases: String,
    /// Its text as written.
    pub body: String,
}

/// The best hits and how many records of each kind match.
#[derive(Debug, Default)]
pub struct Found {
    /// The first `limit` hits, best first.
    pub hits: Vec<Hit>,
    /// Matches per kind, every match counted.
    pub counts: BTreeMap<NodeKind, u64>,
}

/// The top `limit` records matching `query` among `kinds` (all when empty).
pub fn search(
    store: &Store,
    query: &SearchQuery,
    kinds: &[NodeKind],
    scope: Scope,
    limit: usize,
) -> Result<Found> {
    let searcher = store.reader.searcher();
    let running = Running::start(&store.running);
    let fields = store.fields;
    let searched: &[(Field, usize)] = match scope {
        Scope::Everything => &[(fields.title, 0), (fields.aliases, 1), (fields.body, 2)],
        Scope::Names => &[(fields.title, 0), (fields.aliases, 1)],
    };
    let ways = words::ways(&searcher, searched, query);
    let codes: Vec<Term> = kinds
        .iter()
        .filter_map(|k| kind_code(*k))
        .map(|c| Term::from_field_u64(fields.kind, c))
        .collect();
    let on = Threads::choose(&searcher, &running);
    let (top, counts) = match scope {
        Scope::Everything => everything(&on, &store.facts, &ways, &codes, limit.max(1)),
        Scope::Names => names(&on, words::query(&ways, &codes), limit.max(1)),
    }
    .map_err(internal)?;
    drop(running);
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top.into_iter().take(limit) {
        if let Some(hit) = read_hit(store, &searcher, address, score)? {
            hits.push(hit);
        }
    }
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.kind.cmp(&b.kind))
            .then(a.id.cmp(&b.id))
    });
    let counts = KINDS
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| (*k, n))
        .collect();
    Ok(Found { hits, counts })
}

/// Ranks and counts every match: by bitsets when every word is common,
/// by one Tantivy query otherwise.
fn everything(
    on: &Threads<'_>,
    facts: &Arc<Facts>,
    ways: &[Vec<Way>],
    kinds: &[Term],
    limit: usize,
) -> tantivy::Result<Answer> {
    match words::term_ways(ways).filter(|w| dense::pays(on.searcher, w)) {
        Some(words) => by_bits(on, facts, &words, kinds, limit),
        None => by_query(on, facts, &*words::query(ways, kinds), limit),
    }
}

/// [`everything`] on the dense path.
fn by_bits(
    on: &Threads<'_>,
    facts: &Facts,
    words: &[Vec<dense::Alternative>],
    kinds: &[Term],
    limit: usize,
) -> tantivy::Result<Answer> {
    let plan = Plan {
        words,
        kinds,
        share: BM25_SHARE,
        bonus: f64::from(TIER),
        limit,
    };
    dense::search(on.searcher, on.executor, facts, &plan)
}

/// [`everything`] as one Tantivy query (the words' ways among the kinds).
fn by_query(
    on: &Threads<'_>,
    facts: &Arc<Facts>,
    query: &dyn Query,
    limit: usize,
) -> tantivy::Result<Answer> {
    let per_segment = facts.clone();
    let top = TopDocs::with_limit(limit).tweak_score(move |segment: &SegmentReader| {
        let facts = per_segment.of(segment);
        // Among equal matches the shorter name is the more specific answer.
        move |doc: DocId, score: Score| {
            f64::from(score) + f64::from(TIER) / (1.0 + facts.title_words(doc) as f64)
        }
    });
    let counts = KindCounts(facts.clone());
    on.search(query, &(top, counts))
}

/// Type-ahead shows no counts, and ranks by tier and BM25 alone (BM25
/// already favours the shorter name), so Tantivy can skip blocks that
/// cannot reach the top k (block-max WAND) instead of scoring every match.
fn names(on: &Threads<'_>, query: Box<dyn Query>, limit: usize) -> tantivy::Result<Answer> {
    let top = on.search(&*query, &TopDocs::with_limit(limit))?;
    let top = top.into_iter().map(|(s, a)| (f64::from(s), a)).collect();
    Ok((top, [0; KINDS.len()]))
}

/// One running search, counted in its index's count while it lives; it
/// knows how many others were running when it started.
struct Running<'a> {
    count: &'a AtomicUsize,
    others: usize,
}

impl<'a> Running<'a> {
    fn start(count: &'a AtomicUsize) -> Running<'a> {
        let others = count.fetch_add(1, AtomicOrdering::Relaxed);
        Running { count, others }
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.count.fetch_sub(1, AtomicOrdering::Relaxed);
    }
}

/// Where a search reads its segments: in parallel when it runs alone, so
/// a search at rest answers sooner; on its own thread when others run,
/// since then every core is busy already and handing segments between
/// threads only costs switches (at a million statements, 8 concurrent
/// searches: BENCHMARKS.md, "Search at a million").
struct Threads<'a> {
    searcher: &'a Searcher,
    executor: &'a Executor,
}

/// Reads every segment on the calling thread.
static ONE_THREAD: Executor = Executor::SingleThread;

impl<'a> Threads<'a> {
    fn choose(searcher: &'a Searcher, running: &Running) -> Threads<'a> {
        let executor = match running.others {
            0 => searcher.index().search_executor(),
            _ => &ONE_THREAD,
        };
        Threads { searcher, executor }
    }

    fn search<C: Collector>(&self, query: &dyn Query, collector: &C) -> tantivy::Result<C::Fruit> {
        let scoring = EnableScoring::enabled_from_searcher(self.searcher);
        self.searcher
            .search_with_executor(query, collector, self.executor, scoring)
    }
}

/// The hit at `address`, read from its segment's facts and stored text.
fn read_hit(
    store: &Store,
    searcher: &Searcher,
    address: DocAddress,
    score: f64,
) -> Result<Option<Hit>> {
    let facts = store.facts.of(searcher.segment_reader(address.segment_ord));
    let (Some(kind), Some(id)) = (
        KINDS.get(facts.kind(address.doc_id)),
        facts.id(address.doc_id),
    ) else {
        return Ok(None);
    };
    let (kind, fields) = (*kind, store.fields);
    let doc: tantivy::TantivyDocument = searcher.doc(address).map_err(internal)?;
    let text = |field: Field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    Ok(Some(Hit {
        kind,
        id: id as i64,
        score: score / f64::from(TIER),
        title: text(fields.title_text),
        aliases: text(fields.aliases_text),
        body: text(fields.body_text),
    }))
}

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;
