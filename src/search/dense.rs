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
//! with each word's postings read forward to them, except those a bound
//! from their field lengths rules out ([`super::scoring`]). The score is the
//! Tantivy query's: per word, the best of its alternatives (tier points plus
//! a share of BM25, a prefix's expansions summed), summed over the words,
//! plus the short-name bonus; ties go to the earlier document, as with
//! Tantivy's top-k.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use tantivy::query::Bm25Weight;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, Executor, Score, Searcher, SegmentReader, Term};

use super::bits::Bits;
use super::facts::{Facts, SegmentFacts};
use super::kinds::KINDS;
use super::scoring::{self, AtOnce, Exact, Once};

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
    let tables = scoring::at_once(&weights);
    let segments = searcher.segment_readers().iter().enumerate();
    let fruits: Vec<Fruit> = executor.map(
        |(ord, segment)| in_segment(ord as u32, segment, facts, plan, (&weights, &tables)),
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

/// Per word, its terms' BM25 weights and their tables at frequency one.
type Weights<'a> = (&'a [Vec<Bm25Weight>], &'a [Vec<AtOnce>]);

/// [`search`] in one segment. Matches where some term occurs more than
/// once are scored first, exactly: they hold most of the best hits. The
/// rest hold every term once, and their bound ([`Once`]) rules most of them
/// out without reading a posting.
fn in_segment(
    ord: u32,
    segment: &SegmentReader,
    facts: &Facts,
    plan: &Plan<'_>,
    (weights, tables): Weights<'_>,
) -> tantivy::Result<Fruit> {
    let found = matches(segment, plan)?;
    let facts = facts.of(segment);
    let counts = count_kinds(&found.all, &facts);
    let exact = || -> tantivy::Result<Vec<Exact>> {
        let words = plan.words.iter().zip(weights);
        words
            .map(|(alternatives, w)| Exact::open(segment, alternatives, w, plan.share))
            .collect()
    };
    let bonus = |doc| plan.bonus / (1.0 + facts.title_words(doc) as f64);
    // Every title has at least one word (an empty one counts as one).
    let most = plan.bonus / 2.0;
    let mut top = Top::new(ord, plan.limit);
    let (repeated, once) = found.all.split(&found.repeated);
    let mut words = exact()?;
    for doc in repeated.iter() {
        let score = sum(words.iter_mut().map(|w| w.score(doc)));
        if top.admits(score + most, doc) {
            top.push(score + bonus(doc), doc);
        }
    }
    let bounds = plan.words.iter().zip(&found.ways).zip(tables);
    let bounds = bounds
        .map(|((alternatives, bits), tables)| {
            Once::open(segment, alternatives, bits, tables, plan.share)
        })
        .collect::<tantivy::Result<Vec<_>>>()?;
    // Fresh postings: these documents come in order from the first again.
    let mut words = exact()?;
    for doc in once.iter() {
        let bonus = bonus(doc);
        if !top.admits(sum(bounds.iter().map(|b| b.bound(doc))) + bonus, doc) {
            continue;
        }
        top.push(sum(words.iter_mut().map(|w| w.score(doc))) + bonus, doc);
    }
    Ok((top.into_hits(), counts))
}

/// Every match counted by kind code.
fn count_kinds(matched: &Bits, facts: &SegmentFacts) -> [u64; KINDS.len()] {
    let mut counts = [0; KINDS.len()];
    for doc in matched.iter() {
        if let Some(slot) = counts.get_mut(facts.kind(doc)) {
            *slot += 1;
        }
    }
    counts
}

/// The words' scores summed in f32, as Tantivy sums a boolean query's clauses.
fn sum(scores: impl Iterator<Item = Score>) -> f64 {
    f64::from(scores.sum::<Score>())
}

/// The best hits of one segment so far.
struct Top {
    ord: u32,
    limit: usize,
    heap: BinaryHeap<Reverse<Ranked>>,
}

impl Top {
    fn new(ord: u32, limit: usize) -> Top {
        let heap = BinaryHeap::with_capacity(limit + 1);
        Top { ord, limit, heap }
    }

    /// Whether a hit scoring `total` (or less) at `doc` could be kept: ties
    /// go to the earlier document.
    fn admits(&self, total: f64, doc: DocId) -> bool {
        let lowest = (self.heap.len() >= self.limit)
            .then(|| self.heap.peek())
            .flatten();
        lowest.is_none_or(|low| Ranked(total, DocAddress::new(self.ord, doc)) > low.0)
    }

    fn push(&mut self, total: f64, doc: DocId) {
        self.heap
            .push(Reverse(Ranked(total, DocAddress::new(self.ord, doc))));
        if self.heap.len() > self.limit {
            self.heap.pop();
        }
    }

    fn into_hits(self) -> Vec<Ranked> {
        self.heap.into_iter().map(|r| r.0).collect()
    }
}

/// What a segment's postings say of a search: the live documents that
/// match every word and kind, those where some term occurs more than once,
/// and per word the documents each alternative matches.
struct Matched {
    all: Bits,
    repeated: Bits,
    ways: Vec<Vec<Bits>>,
}

/// Reads [`Matched`] from the postings, a decoded block at a time.
fn matches(segment: &SegmentReader, plan: &Plan<'_>) -> tantivy::Result<Matched> {
    let max = segment.max_doc();
    let mut repeated = Bits::new(max);
    let mut all: Option<Bits> = None;
    let mut ways = Vec::with_capacity(plan.words.len());
    for alternatives in plan.words {
        let mut word = Bits::new(max);
        let mut own = Vec::with_capacity(alternatives.len());
        for alternative in alternatives {
            let mut bits = Bits::new(max);
            for term in &alternative.terms {
                let inverted = segment.inverted_index(term.field())?;
                let block = inverted.read_block_postings(term, IndexRecordOption::WithFreqs)?;
                if let Some(block) = block {
                    bits.add_postings_noting_repeats(block, &mut repeated);
                }
            }
            word.union(&bits);
            own.push(bits);
        }
        ways.push(own);
        meet(&mut all, word);
    }
    if !plan.kinds.is_empty() {
        let mut kinds = Bits::new(max);
        for term in plan.kinds {
            let inverted = segment.inverted_index(term.field())?;
            if let Some(block) = inverted.read_block_postings(term, IndexRecordOption::Basic)? {
                kinds.add_postings(block);
            }
        }
        meet(&mut all, kinds);
    }
    let mut all = all.unwrap_or_else(|| Bits::new(max));
    if let Some(alive) = segment.alive_bitset() {
        all.retain(|doc| alive.is_alive(doc));
    }
    Ok(Matched {
        all,
        repeated,
        ways,
    })
}

/// Narrows `all` to `bits` (the first set becomes `all`).
fn meet(all: &mut Option<Bits>, bits: Bits) {
    match all.as_mut() {
        Some(all) => all.intersect(&bits),
        None => *all = Some(bits),
    }
}
