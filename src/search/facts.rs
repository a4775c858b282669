//! What a search reads of every match besides its score: the record's kind
//! (for facet counts) and how many words its title has (for the short-name
//! bonus). Read from the fast-field columns, a match costs two column
//! look-ups; at a million statements a two-word search has 38,105 matches
//! and the look-ups were a sixth of its time. A segment never changes once
//! written, so its facts are read once into an array and kept until the
//! segment leaves the index.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::{DocId, Searcher, SegmentReader};

/// The largest title length kept; longer titles count as this long.
const MAX_WORDS: u64 = 0x0fff;

/// The facts of one segment's documents, a `u16` each: the kind's code in
/// the low four bits, the title's words above; and the column of record
/// IDs, opened once (opening a column reads its block index, which for a
/// million documents cost more than the search it served).
pub struct SegmentFacts {
    packed: Vec<u16>,
    ids: Option<Column<u64>>,
}

impl SegmentFacts {
    /// The kind code of `doc` (as in `kinds::KINDS`).
    pub fn kind(&self, doc: DocId) -> usize {
        self.packed
            .get(doc as usize)
            .map_or(usize::MAX, |f| usize::from(f & 0x0f))
    }

    /// How many words the title of `doc` has.
    pub fn title_words(&self, doc: DocId) -> u64 {
        self.packed
            .get(doc as usize)
            .map_or(0, |f| u64::from(f >> 4))
    }

    /// The record ID of `doc`.
    pub fn id(&self, doc: DocId) -> Option<u64> {
        self.ids.as_ref()?.first(doc)
    }

    fn read(segment: &SegmentReader) -> SegmentFacts {
        let column = |name: &str| -> Option<Column<u64>> { segment.fast_fields().u64(name).ok() };
        let (kind, words) = (column("kind"), column("title_words"));
        let value = |c: &Option<Column<u64>>, doc| c.as_ref().and_then(|c| c.first(doc));
        let packed = (0..segment.max_doc())
            .map(|doc| {
                let kind = value(&kind, doc).unwrap_or(0x0f).min(0x0f);
                let words = value(&words, doc).unwrap_or(0).min(MAX_WORDS);
                (kind | words << 4) as u16
            })
            .collect();
        SegmentFacts {
            packed,
            ids: column("id"),
        }
    }
}

/// The facts of every segment searched lately.
#[derive(Default)]
pub struct Facts {
    segments: Mutex<HashMap<SegmentId, Arc<SegmentFacts>>>,
}

impl Facts {
    /// The facts of `segment`, read on first use.
    pub fn of(&self, segment: &SegmentReader) -> Arc<SegmentFacts> {
        let id = segment.segment_id();
        if let Some(found) = self.segments.lock().ok().and_then(|s| s.get(&id).cloned()) {
            return found;
        }
        let facts = Arc::new(SegmentFacts::read(segment));
        if let Ok(mut segments) = self.segments.lock() {
            segments.insert(id, facts.clone());
        }
        facts
    }

    /// Forgets the segments `searcher` no longer reads (merged or deleted).
    pub fn keep_only(&self, searcher: &Searcher) {
        let live: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(SegmentReader::segment_id)
            .collect();
        if let Ok(mut segments) = self.segments.lock() {
            segments.retain(|id, _| live.contains(id));
        }
    }
}
