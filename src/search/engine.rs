//! Asking the index: a parsed query becomes one Tantivy query that scores
//! every match, the top k are collected with every match counted by kind in
//! the same pass, and the hits come back with their stored text.
//!
//! A term's score is its best field: a whole word in a name beats a prefix
//! in a name, which beats an alias, which beats a text (the tiers in
//! [`WEIGHTS`]); within a tier BM25 orders the matches, and among equal
//! matches the shorter name wins. Names weigh most because names are what
//! people type, and the tiers keep a person's exact name above a hundred
//! thousand statements that repeat it.

use std::collections::BTreeMap;

use tantivy::collector::TopDocs;
use tantivy::columnar::Column;
use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery, Occur, PhraseQuery, Query,
    TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader, Term};

use super::index::{internal, kind_code, Fields, Store, KINDS};
use super::terms::{expansions, KindCounts};
use super::tiered::Tiered;
use super::{SearchQuery, Term as QueryTerm};
use crate::domain::NodeKind;
use crate::error::Result;

/// Points for a whole word, a prefix and a phrase in each field: title, aliases, body.
const WEIGHTS: [(f32, f32, f32); 3] = [(10.0, 6.0, 12.0), (8.0, 5.0, 10.0), (2.0, 1.0, 4.0)];
/// One tier point in internal score units; BM25 (a few units at most per
/// term) and the name-length bonus fit between two tiers.
const TIER: f32 = 1000.0;
/// BM25's share of a term's score: it orders matches within a tier.
const BM25_SHARE: f32 = 0.01;

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
    let fields = store.fields;
    let query = build(&searcher, &fields, query, kinds, scope);
    let (top, counts) = match scope {
        Scope::Everything => {
            let top = TopDocs::with_limit(limit.max(1)).tweak_score(short_names_first);
            searcher.search(&query, &(top, KindCounts))
        }
        // Type-ahead shows no counts, and ranks by tier and BM25 alone (BM25
        // already favours the shorter name), so Tantivy can skip blocks that
        // cannot reach the top k (block-max WAND) instead of scoring every match.
        Scope::Names => searcher
            .search(&query, &TopDocs::with_limit(limit.max(1)))
            .map(|top| {
                let top = top.into_iter().map(|(s, a)| (f64::from(s), a)).collect();
                (top, [0; KINDS.len()])
            }),
    }
    .map_err(internal)?;
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top.into_iter().take(limit) {
        if let Some(hit) = read_hit(&searcher, &fields, address, score)? {
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

/// A segment's scores with the short-name bonus: among equal matches the
/// shorter name is the more specific answer.
fn short_names_first(segment: &SegmentReader) -> impl Fn(DocId, Score) -> f64 {
    let words = segment.fast_fields().u64("title_words").ok();
    move |doc: DocId, score: Score| {
        let n = words.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
        f64::from(score) + f64::from(TIER) / (1.0 + n as f64)
    }
}

/// The hit at `address`, read from its fast fields and stored text.
fn read_hit(
    searcher: &Searcher,
    fields: &Fields,
    address: DocAddress,
    score: f64,
) -> Result<Option<Hit>> {
    let segment = searcher.segment_reader(address.segment_ord);
    let value = |name: &str| -> Option<u64> {
        let column: Column<u64> = segment.fast_fields().u64(name).ok()?;
        column.first(address.doc_id)
    };
    let (Some(code), Some(id)) = (value("kind"), value("id")) else {
        return Ok(None);
    };
    let Some(kind) = KINDS.get(code as usize).copied() else {
        return Ok(None);
    };
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

/// The Tantivy query: every term must match, each scored by its best field.
fn build(
    searcher: &Searcher,
    fields: &Fields,
    query: &SearchQuery,
    kinds: &[NodeKind],
    scope: Scope,
) -> Box<dyn Query> {
    let searched: &[(Field, usize)] = match scope {
        Scope::Everything => &[(fields.title, 0), (fields.aliases, 1), (fields.body, 2)],
        Scope::Names => &[(fields.title, 0), (fields.aliases, 1)],
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = query
        .terms
        .iter()
        .map(|term| (Occur::Must, term_query(searcher, searched, term)))
        .collect();
    let codes: Vec<Term> = kinds
        .iter()
        .filter_map(|k| kind_code(*k))
        .map(|c| Term::from_field_u64(fields.kind, c))
        .collect();
    if !codes.is_empty() {
        // A filter: it must match, and adds nothing to the score.
        let only = BoostQuery::new(Box::new(TermSetQuery::new(codes)), 0.0);
        clauses.push((Occur::Must, Box::new(only)));
    }
    // One clause stands alone: a boolean around it would score every match
    // instead of letting the clause prune.
    match clauses.len() {
        1 => clauses.remove(0).1,
        _ => Box::new(BooleanQuery::new(clauses)),
    }
}

/// One term's query: its best match over the searched fields.
fn term_query(
    searcher: &Searcher,
    searched: &[(Field, usize)],
    term: &QueryTerm,
) -> Box<dyn Query> {
    // Each way the term can match, with its tier's points.
    let mut alternatives: Vec<(Box<dyn Query>, f32)> = Vec::new();
    for &(field, tier) in searched {
        let (word, prefix, phrase) = WEIGHTS[tier];
        match term {
            QueryTerm::Word(w) => {
                let exact = Term::from_field_text(field, w);
                // A word a field never holds adds nothing to walk.
                if searcher.doc_freq(&exact).unwrap_or(1) > 0 {
                    alternatives.push((term_of(exact), word));
                }
                let longer: Vec<Box<dyn Query>> = expansions(searcher, field, w)
                    .into_iter()
                    .map(term_of)
                    .collect();
                if !longer.is_empty() {
                    let any =
                        BooleanQuery::new(longer.into_iter().map(|q| (Occur::Should, q)).collect());
                    alternatives.push((Box::new(any), prefix));
                }
            }
            QueryTerm::Phrase(ws) => {
                let terms: Vec<Term> = ws.iter().map(|w| Term::from_field_text(field, w)).collect();
                if terms.len() > 1 {
                    alternatives.push((Box::new(PhraseQuery::new(terms)), phrase));
                }
            }
        }
    }
    let mut tiers: Vec<Box<dyn Query>> = alternatives
        .into_iter()
        .map(|(query, points)| tiered(query, points))
        .collect();
    match tiers.len() {
        0 => Box::new(EmptyQuery),
        1 => tiers.remove(0),
        _ => Box::new(DisjunctionMaxQuery::new(tiers)),
    }
}

/// A BM25 term query.
fn term_of(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
}

/// `query` scored as its tier's points plus a share of its BM25 score.
fn tiered(query: Box<dyn Query>, points: f32) -> Box<dyn Query> {
    Box::new(Tiered::new(query, points * TIER, BM25_SHARE))
}
