//! A query scored as its tier's points plus a share of its BM25 score, in
//! one pass over its postings. Tantivy can add two queries' scores (a
//! boolean `should` of a constant-score copy and a boosted copy), but that
//! walks every posting list twice and puts a union over them; this wrapper
//! scores each match once (a two-word search at a million statements went
//! from 16 ms to a few, BENCHMARKS.md, "Search at a million").

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

/// `inner`, scored `points + share × inner's score`.
#[derive(Debug)]
pub struct Tiered {
    inner: Box<dyn Query>,
    points: Score,
    share: Score,
}

impl Tiered {
    /// `inner` in the tier worth `points`, with `share` of its own score.
    pub fn new(inner: Box<dyn Query>, points: Score, share: Score) -> Self {
        Tiered {
            inner,
            points,
            share,
        }
    }
}

impl Clone for Tiered {
    fn clone(&self) -> Self {
        Tiered {
            inner: self.inner.box_clone(),
            points: self.points,
            share: self.share,
        }
    }
}

impl Query for Tiered {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(TieredWeight {
            inner: self.inner.weight(enable_scoring)?,
            points: self.points,
            share: self.share,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct TieredWeight {
    inner: Box<dyn Weight>,
    points: Score,
    share: Score,
}

impl Weight for TieredWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(TieredScorer {
            inner: self.inner.scorer(reader, boost)?,
            points: self.points * boost,
            share: self.share,
        }))
    }

    /// Top-k pruning passes through: a document beats `threshold` only if
    /// its inner score beats `(threshold - points) / share`.
    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let (points, share) = (self.points, self.share);
        let inner = move |t: Score| (t - points) / share;
        self.inner
            .for_each_pruning(inner(threshold), reader, &mut |doc, score| {
                inner(callback(doc, points + share * score))
            })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let inner = self.inner.explain(reader, doc)?;
        let mut explanation = Explanation::new(
            "tier points + share of the score",
            self.points + self.share * inner.value(),
        );
        explanation.add_detail(inner);
        Ok(explanation)
    }
}

struct TieredScorer {
    inner: Box<dyn Scorer>,
    points: Score,
    share: Score,
}

impl DocSet for TieredScorer {
    fn advance(&mut self) -> DocId {
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.inner.seek(target)
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for TieredScorer {
    fn score(&mut self) -> Score {
        self.points + self.share * self.inner.score()
    }
}
