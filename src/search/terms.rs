//! What the index's dictionaries and columns tell a search: the words a
//! prefix expands to, the vocabulary typos are corrected against, and how
//! many matches each kind of record has.

use std::collections::BTreeMap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::schema::Field;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use super::facts::{Facts, SegmentFacts};
use super::index::Store;
use super::kinds::KINDS;

/// The most words a prefix expands to (the most frequent first).
const MAX_EXPANSIONS: usize = 64;
/// The most dictionary words a prefix reads in each segment, in the
/// dictionary's order: a prefix of one or two characters may start tens of
/// thousands of words (every number that starts with `3`), and reading them
/// all cost a type-ahead request several milliseconds.
const MAX_SCANNED: usize = 1024;

/// The words of `field` that start with `prefix` (not `prefix` itself), the
/// most frequent first, at most [`MAX_EXPANSIONS`] from the first
/// [`MAX_SCANNED`] of each segment.
pub fn expansions(searcher: &Searcher, field: Field, prefix: &str) -> Vec<Term> {
    let mut frequency: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
    let start = prefix.as_bytes();
    let mut end = start.to_vec();
    end.push(0xff);
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        let Ok(mut stream) = inverted.terms().range().gt(start).lt(&end).into_stream() else {
            continue;
        };
        let mut scanned = 0;
        while scanned < MAX_SCANNED && stream.advance() {
            *frequency.entry(stream.key().to_vec()).or_default() +=
                u64::from(stream.value().doc_freq);
            scanned += 1;
        }
    }
    let mut words: Vec<(Vec<u8>, u64)> = frequency.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    words
        .into_iter()
        .take(MAX_EXPANSIONS)
        .filter_map(|(bytes, _)| String::from_utf8(bytes).ok())
        .map(|w| Term::from_field_text(field, &w))
        .collect()
}

/// Counts every match by kind.
pub struct KindCounts(pub Arc<Facts>);

/// [`KindCounts`] in one segment.
pub struct SegmentKindCounts {
    facts: Arc<SegmentFacts>,
    counts: [u64; KINDS.len()],
}

impl Collector for KindCounts {
    type Fruit = [u64; KINDS.len()];
    type Child = SegmentKindCounts;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentKindCounts {
            facts: self.0.of(segment),
            counts: [0; KINDS.len()],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<[u64; KINDS.len()]>) -> tantivy::Result<Self::Fruit> {
        let mut total = [0; KINDS.len()];
        for fruit in fruits {
            for (t, n) in total.iter_mut().zip(fruit) {
                *t += n;
            }
        }
        Ok(total)
    }
}

impl SegmentCollector for SegmentKindCounts {
    type Fruit = [u64; KINDS.len()];

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(slot) = self.counts.get_mut(self.facts.kind(doc)) {
            *slot += 1;
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.counts
    }
}

/// The distinct words of every name and alias of at least four characters
/// and with a letter, for typo correction.
pub fn name_vocabulary(store: &Store) -> Vec<String> {
    let searcher = store.reader.searcher();
    let mut words = std::collections::BTreeSet::new();
    for field in [store.fields.title, store.fields.aliases] {
        for segment in searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(field) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().stream() else {
                continue;
            };
            while stream.advance() {
                // Numbers are not misspelt: only words with a letter.
                let key = stream.key();
                if key.len() >= 4 && key.iter().any(u8::is_ascii_alphabetic) {
                    if let Ok(word) = std::str::from_utf8(stream.key()) {
                        words.insert(word.to_string());
                    }
                }
            }
        }
    }
    words.into_iter().collect()
}
