//! Searches whose every word matches a large share of the index: the
//! matches are found with bitsets instead of by seeking one posting list
//! into another.
//!
//! Tantivy intersects posting lists by seeking one into the other: for two
//! words each in a quarter of a million statements, a seek per document of
//! the shorter list, which was most of such a search's time (BENCHMARKS.md,
//! "Search at a million"). Here each word's documents are decoded block by
//! block into a bitset and the bitsets are intersected a machine word at a
//! time; every match is counted from the bitset, and the matches are scored
//! in order, each word's postings read forward to them. The score is the
//! Tantivy query's: per word, the best of its alternatives (tier points plus
//! a share of BM25, a prefix's expansions summed), summed over the words,
//! plus the short-name bonus; ties go to the earlier document, as with
//! Tantivy's top-k.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::Bm25Weight;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Executor, Score, Searcher, SegmentReader, Term};

use super::bits::Bits;
use super::facts::Facts;
use super::index::KINDS;

/// One way a query word matches: its tier's points and the index terms
/// whose BM25 scores add up (a whole word, or a prefix's expansions).
#[derive(Debug, Clone)]
pub struct Alternative {
    /// Tier points, in internal score units.
    pub points: Score,
    /// The index terms, all of one field.
    pub terms: Vec<Term>,
}

/// A search the dense path can answer.
pub struct Plan<'a> {
    /// Per query word, its alternatives; a match matches every word.
    pub words: &'a [Vec<Alternative>],
    /// Kind terms a match must hold one of (empty: any kind).
    pub kinds: &'a [Term],
    /// BM25's share of an alternative's score.
    pub share: Score,
    /// The short-name bonus: a document with `n` title words gets `bonus / (1 + n)`.
    pub bonus: f64,
    /// How many hits to keep.
    pub limit: usize,
}

/// A match counts as common when it is in at least one document of this many.
const COMMON: u64 = 32;

/// Whether every word is common enough for bitsets to beat seeking.
pub fn pays(searcher: &Searcher, words: &[Vec<Alternative>]) -> bool {
    let floor = (searcher.num_docs() / COMMON).max(1);
    !words.is_empty()
        && words.iter().all(|alternatives| {
            let terms = alternatives.iter().flat_map(|a| &a.terms);
            terms
                .map(|t| searcher.doc_freq(t).unwrap_or(0))
                .sum::<u64>()
                >= floor
        })
}

/// A hit: by score, then the earlier address first.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Ranked(f64, DocAddress);

impl Eq for Ranked {}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .total_cmp(&other.0)
            .then_with(|| other.1.cmp(&self.1))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The best hits, as (score, address), best first, and the matches by kind code.
pub type Answer = (Vec<(f64, DocAddress)>, [u64; KINDS.len()]);

/// One segment's best hits and counts by kind.
type Fruit = (Vec<Ranked>, [u64; KINDS.len()]);

/// The top hits of `plan`, best first, and every match counted by kind code.
pub fn search(
    searcher: &Searcher,
    executor: &Executor,
    facts: &Facts,
    plan: &Plan<'_>,
) -> tantivy::Result<Answer> {
    let weights = plan
        .words
        .iter()
        .map(|alternatives| {
            let terms = alternatives.iter().flat_map(|a| &a.terms);
            terms
                .map(|t| Bm25Weight::for_terms(searcher, std::slice::from_ref(t)))
                .collect::<tantivy::Result<Vec<_>>>()
        })
        .collect::<tantivy::Result<Vec<_>>>()?;
    let segments = searcher.segment_readers().iter().enumerate();
    let fruits: Vec<Fruit> = executor.map(
        |(ord, segment)| in_segment(ord as u32, segment, facts, plan, &weights),
        segments,
    )?;
    let mut counts = [0; KINDS.len()];
    let mut hits = Vec::new();
    for (top, segment_counts) in fruits {
        hits.extend(top);
        for (total, n) in counts.iter_mut().zip(segment_counts) {
            *total += n;
        }
    }
    hits.sort_by(|a, b| b.cmp(a));
    hits.truncate(plan.limit);
    Ok((hits.into_iter().map(|r| (r.0, r.1)).collect(), counts))
}

/// [`search`] in one segment.
fn in_segment(
    ord: u32,
    segment: &SegmentReader,
    facts: &Facts,
    plan: &Plan<'_>,
    weights: &[Vec<Bm25Weight>],
) -> tantivy::Result<Fruit> {
    let matched = matches(segment, plan)?;
    let facts = facts.of(segment);
    let mut counts = [0; KINDS.len()];
    for doc in matched.iter() {
        if let Some(slot) = counts.get_mut(facts.kind(doc)) {
            *slot += 1;
        }
    }
    let mut words = plan
        .words
        .iter()
        .zip(weights)
        .map(|(alternatives, weights)| Word::open(segment, alternatives, weights, plan.share))
        .collect::<tantivy::Result<Vec<_>>>()?;
    // Every title has at least one word (an empty one counts as one).
    let most = plan.bonus / 2.0;
    let mut top: BinaryHeap<Reverse<Ranked>> = BinaryHeap::with_capacity(plan.limit + 1);
    for doc in matched.iter() {
        let lowest = (top.len() == plan.limit)
            .then(|| top.peek().map(|r| r.0 .0))
            .flatten();
        // Summed in f32, as Tantivy sums a boolean query's clauses.
        let score: Score = words.iter_mut().map(|w| w.score(doc)).sum();
        let score = f64::from(score);
        // A later document with an equal score ranks lower: ties skip too.
        if lowest.is_some_and(|low| low >= score + most) {
            continue;
        }
        let bonus = plan.bonus / (1.0 + facts.title_words(doc) as f64);
        top.push(Reverse(Ranked(score + bonus, DocAddress::new(ord, doc))));
        if top.len() > plan.limit {
            top.pop();
        }
    }
    Ok((top.into_iter().map(|r| r.0).collect(), counts))
}

/// The live documents of `segment` that match every word and kind.
fn matches(segment: &SegmentReader, plan: &Plan<'_>) -> tantivy::Result<Bits> {
    let words = plan.words.iter().map(|alternatives| {
        let terms: Vec<&Term> = alternatives.iter().flat_map(|a| &a.terms).collect();
        terms
    });
    let kinds = (!plan.kinds.is_empty()).then(|| plan.kinds.iter().collect());
    let mut matched: Option<Bits> = None;
    for terms in words.chain(kinds) {
        let mut bits = Bits::new(segment.max_doc());
        for term in terms {
            let inverted = segment.inverted_index(term.field())?;
            if let Some(block) = inverted.read_block_postings(term, IndexRecordOption::Basic)? {
                bits.add_postings(block);
            }
        }
        match matched.as_mut() {
            Some(m) => m.intersect(&bits),
            None => matched = Some(bits),
        }
    }
    let mut matched = matched.unwrap_or_else(|| Bits::new(segment.max_doc()));
    if let Some(alive) = segment.alive_bitset() {
        matched.retain(|doc| alive.is_alive(doc));
    }
    Ok(matched)
}

/// One query word in one segment: its alternatives' postings, read forward.
struct Word {
    /// Per alternative: its points and its terms' postings with their BM25 weights.
    alternatives: Vec<(Score, Vec<Scored>)>,
    share: Score,
}

/// A term's postings and how to score them.
struct Scored {
    postings: SegmentPostings,
    norms: FieldNormReader,
    weight: Bm25Weight,
}

impl Word {
    fn open(
        segment: &SegmentReader,
        alternatives: &[Alternative],
        weights: &[Bm25Weight],
        share: Score,
    ) -> tantivy::Result<Word> {
        let mut weights = weights.iter();
        let mut opened = Vec::with_capacity(alternatives.len());
        for alternative in alternatives {
            let mut scored = Vec::new();
            for (term, weight) in alternative.terms.iter().zip(weights.by_ref()) {
                let inverted = segment.inverted_index(term.field())?;
                if let Some(postings) =
                    inverted.read_postings(term, IndexRecordOption::WithFreqs)?
                {
                    let norms = segment.get_fieldnorms_reader(term.field())?;
                    let weight = weight.clone();
                    scored.push(Scored {
                        postings,
                        norms,
                        weight,
                    });
                }
            }
            opened.push((alternative.points, scored));
        }
        Ok(Word {
            alternatives: opened,
            share,
        })
    }

    /// The word's score in `doc` (which matches it): its best alternative.
    /// Documents are asked in increasing order.
    fn score(&mut self, doc: DocId) -> Score {
        let mut best: Option<Score> = None;
        for (points, scored) in &mut self.alternatives {
            let mut bm25: Option<Score> = None;
            for term in scored.iter_mut() {
                if term.postings.doc() <= doc && term.postings.seek(doc) == doc {
                    let norm = term.norms.fieldnorm_id(doc);
                    *bm25.get_or_insert(0.0) += term.weight.score(norm, term.postings.term_freq());
                }
            }
            if let Some(bm25) = bm25 {
                let here = *points + self.share * bm25;
                best = Some(best.map_or(here, |b| b.max(here)));
            }
        }
        best.unwrap_or(0.0)
    }
}
