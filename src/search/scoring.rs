//! How the dense path scores a match: exactly, by reading each word's
//! postings forward to it ([`Exact`]); or from above, for a match where no
//! term occurs more than once, from the field lengths alone ([`Once`]).
//!
//! BM25 depends on a term's frequency in the document and the document's
//! field length. Where every term occurs once the frequency is known, so
//! the score needs no posting read: per term, a table of its score at
//! frequency one by field length. The bound adds the table entries of
//! every term of an alternative the match holds (all of them, where an
//! alternative is one term, which makes it the score itself), and is
//! combined exactly as the exact score is, so it is never below it.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::Bm25Weight;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader};

use super::bits::Bits;
use super::dense::Alternative;

/// Per field-length code, a term's BM25 score when it occurs once.
pub type AtOnce = [Score; 256];

/// The tables of `weights` (per word, its terms in order).
pub fn at_once(weights: &[Vec<Bm25Weight>]) -> Vec<Vec<AtOnce>> {
    let table =
        |weight: &Bm25Weight| -> AtOnce { std::array::from_fn(|norm| weight.score(norm as u8, 1)) };
    weights
        .iter()
        .map(|word| word.iter().map(table).collect())
        .collect()
}

/// A way's score: its points plus its share of BM25, if it matched.
fn way(points: Score, share: Score, bm25: Option<Score>) -> Option<Score> {
    bm25.map(|bm25| points + share * bm25)
}

/// The better of two ways (a word scores its best way).
fn better(best: Option<Score>, here: Option<Score>) -> Option<Score> {
    match (best, here) {
        (Some(b), Some(h)) => Some(b.max(h)),
        (b, h) => b.or(h),
    }
}

/// One query word in one segment, scored exactly: its alternatives'
/// postings, read forward.
pub struct Exact {
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

impl Exact {
    /// Opens the word's postings in `segment`, before its first document.
    pub fn open(
        segment: &SegmentReader,
        alternatives: &[Alternative],
        weights: &[Bm25Weight],
        share: Score,
    ) -> tantivy::Result<Exact> {
        let mut weights = weights.iter();
        let mut opened = Vec::with_capacity(alternatives.len());
        for alternative in alternatives {
            let mut scored = Vec::new();
            for (term, weight) in alternative.terms.iter().zip(weights.by_ref()) {
                let inverted = segment.inverted_index(term.field())?;
                let postings = inverted.read_postings(term, IndexRecordOption::WithFreqs)?;
                if let Some(postings) = postings {
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
        Ok(Exact {
            alternatives: opened,
            share,
        })
    }

    /// The word's score in `doc` (which matches it): its best alternative.
    /// Documents are asked in increasing order.
    pub fn score(&mut self, doc: DocId) -> Score {
        let mut best = None;
        for (points, scored) in &mut self.alternatives {
            let mut bm25: Option<Score> = None;
            for term in scored.iter_mut() {
                if term.postings.doc() <= doc && term.postings.seek(doc) == doc {
                    let norm = term.norms.fieldnorm_id(doc);
                    *bm25.get_or_insert(0.0) += term.weight.score(norm, term.postings.term_freq());
                }
            }
            best = better(best, way(*points, self.share, bm25));
        }
        best.unwrap_or(0.0)
    }
}

/// One query word in one segment, bounded for matches where every term
/// occurs once.
pub struct Once<'a> {
    /// Per alternative: its points, the documents it matches, its field's
    /// lengths and its terms' tables.
    alternatives: Vec<(Score, &'a Bits, FieldNormReader, &'a [AtOnce])>,
    share: Score,
}

impl<'a> Once<'a> {
    /// The word's alternatives in `segment`, with the documents each
    /// matches (`bits`) and the word's tables (its terms in order).
    pub fn open(
        segment: &SegmentReader,
        alternatives: &'a [Alternative],
        bits: &'a [Bits],
        tables: &'a [AtOnce],
        share: Score,
    ) -> tantivy::Result<Once<'a>> {
        let mut opened = Vec::with_capacity(alternatives.len());
        let mut first = 0;
        for (alternative, bits) in alternatives.iter().zip(bits) {
            let terms = alternative.terms.len();
            let Some(field) = alternative.terms.first().map(|t| t.field()) else {
                continue;
            };
            let norms = segment.get_fieldnorms_reader(field)?;
            let own = tables.get(first..first + terms).unwrap_or_default();
            opened.push((alternative.points, bits, norms, own));
            first += terms;
        }
        Ok(Once {
            alternatives: opened,
            share,
        })
    }

    /// At least the word's score in `doc`, if no term occurs in it more than once.
    pub fn bound(&self, doc: DocId) -> Score {
        let mut best = None;
        for (points, bits, norms, tables) in &self.alternatives {
            if !bits.contains(doc) {
                continue;
            }
            let norm = usize::from(norms.fieldnorm_id(doc));
            let mut bm25: Option<Score> = None;
            for table in *tables {
                *bm25.get_or_insert(0.0) += table[norm];
            }
            best = better(best, way(*points, self.share, bm25));
        }
        best.unwrap_or(0.0)
    }
}
