//! A parsed query as the ways each of its words can match, and those ways
//! as one Tantivy query: every word must match, each scored by its best way.
//!
//! A word's ways are, per searched field, the whole word and its longer
//! forms (a prefix's expansions), each worth its tier's points ([`WEIGHTS`]);
//! a quoted phrase's are the phrase in each field. The dense path
//! ([`super::dense`]) reads the same ways.

use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery, Occur, PhraseQuery, Query,
    TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Score, Searcher, Term};

use super::dense::Alternative;
use super::terms::expansions;
use super::tiered::Tiered;
use super::{SearchQuery, Term as QueryTerm};

/// Points for a whole word, a prefix and a phrase in each field: title, aliases, body.
const WEIGHTS: [(f32, f32, f32); 3] = [(10.0, 6.0, 12.0), (8.0, 5.0, 10.0), (2.0, 1.0, 4.0)];
/// One tier point in internal score units; BM25 (a few units at most per
/// term) and the name-length bonus fit between two tiers.
pub const TIER: f32 = 1000.0;
/// BM25's share of a term's score: it orders matches within a tier.
pub const BM25_SHARE: f32 = 0.01;

/// One way a query word matches.
#[derive(Debug, Clone)]
pub enum Way {
    /// Index terms (a word, or a prefix's expansions), BM25 summed.
    Terms(Alternative),
    /// A phrase in one field, worth these points.
    Phrase(Score, Vec<Term>),
}

/// The ways each word of `query` can match in the `searched` fields (each
/// with its tier: 0 title, 1 aliases, 2 body).
pub fn ways(
    searcher: &Searcher,
    searched: &[(Field, usize)],
    query: &SearchQuery,
) -> Vec<Vec<Way>> {
    query
        .terms
        .iter()
        .map(|term| word_ways(searcher, searched, term))
        .collect()
}

fn word_ways(searcher: &Searcher, searched: &[(Field, usize)], term: &QueryTerm) -> Vec<Way> {
    let mut ways = Vec::new();
    for &(field, tier) in searched {
        let (word, prefix, phrase) = WEIGHTS[tier];
        match term {
            QueryTerm::Word(w) => {
                let exact = Term::from_field_text(field, w);
                // A word a field never holds adds nothing to walk.
                if searcher.doc_freq(&exact).unwrap_or(1) > 0 {
                    ways.push(terms(word, vec![exact]));
                }
                let longer = expansions(searcher, field, w);
                if !longer.is_empty() {
                    ways.push(terms(prefix, longer));
                }
            }
            QueryTerm::Phrase(ws) if ws.len() > 1 => {
                let terms = ws.iter().map(|w| Term::from_field_text(field, w)).collect();
                ways.push(Way::Phrase(phrase * TIER, terms));
            }
            QueryTerm::Phrase(_) => {}
        }
    }
    ways
}

fn terms(points: f32, terms: Vec<Term>) -> Way {
    Way::Terms(Alternative {
        points: points * TIER,
        terms,
    })
}

/// The ways as term alternatives only, if no word is a phrase.
pub fn term_ways(words: &[Vec<Way>]) -> Option<Vec<Vec<Alternative>>> {
    words
        .iter()
        .map(|ways| {
            ways.iter()
                .map(|way| match way {
                    Way::Terms(alternative) => Some(alternative.clone()),
                    Way::Phrase(..) => None,
                })
                .collect()
        })
        .collect()
}

/// The Tantivy query: every word must match (and one of `kinds`, if any),
/// each word scored by its best way.
pub fn query(words: &[Vec<Way>], kinds: &[Term]) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = words
        .iter()
        .map(|ways| (Occur::Must, word_query(ways)))
        .collect();
    if !kinds.is_empty() {
        // A filter: it must match, and adds nothing to the score.
        let only = BoostQuery::new(Box::new(TermSetQuery::new(kinds.to_vec())), 0.0);
        clauses.push((Occur::Must, Box::new(only)));
    }
    // One clause stands alone: a boolean around it would score every match
    // instead of letting the clause prune.
    match clauses.len() {
        1 => clauses.remove(0).1,
        _ => Box::new(BooleanQuery::new(clauses)),
    }
}

/// One word's query: its best way.
fn word_query(ways: &[Way]) -> Box<dyn Query> {
    let mut tiers: Vec<Box<dyn Query>> = ways
        .iter()
        .map(|way| -> Box<dyn Query> {
            match way {
                Way::Terms(Alternative { points, terms }) => {
                    let inner: Box<dyn Query> = match terms.as_slice() {
                        [one] => term_of(one.clone()),
                        _ => Box::new(BooleanQuery::new(
                            terms
                                .iter()
                                .map(|t| (Occur::Should, term_of(t.clone())))
                                .collect(),
                        )),
                    };
                    Box::new(Tiered::new(inner, *points, BM25_SHARE))
                }
                Way::Phrase(points, terms) => {
                    let phrase = Box::new(PhraseQuery::new(terms.clone()));
                    Box::new(Tiered::new(phrase, *points, BM25_SHARE))
                }
            }
        })
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
