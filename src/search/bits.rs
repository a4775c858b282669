//! A set of one segment's documents, a bit each: what the dense search path
//! intersects a machine word (64 documents) at a time.

use tantivy::postings::BlockSegmentPostings;
use tantivy::DocId;

/// A set of documents below a segment's `max_doc`.
#[derive(Debug, Clone)]
pub struct Bits {
    words: Vec<u64>,
}

impl Bits {
    /// The empty set for a segment of `max_doc` documents.
    pub fn new(max_doc: DocId) -> Bits {
        Bits {
            words: vec![0; (max_doc as usize).div_ceil(64)],
        }
    }

    /// Adds every document of a posting list, a decoded block at a time.
    pub fn add_postings(&mut self, mut block: BlockSegmentPostings) {
        while !block.docs().is_empty() {
            for &doc in block.docs() {
                if let Some(word) = self.words.get_mut((doc / 64) as usize) {
                    *word |= 1 << (doc % 64);
                }
            }
            block.advance();
        }
    }

    /// Adds every document of a posting list read with term frequencies,
    /// and adds to `repeated` those that hold the term more than once.
    pub fn add_postings_noting_repeats(
        &mut self,
        mut block: BlockSegmentPostings,
        repeated: &mut Bits,
    ) {
        while !block.docs().is_empty() {
            for (&doc, &freq) in block.docs().iter().zip(block.freqs()) {
                let (i, bit) = ((doc / 64) as usize, doc % 64);
                let words = (self.words.get_mut(i), repeated.words.get_mut(i));
                if let (Some(word), Some(again)) = words {
                    *word |= 1 << bit;
                    *again |= u64::from(freq > 1) << bit;
                }
            }
            block.advance();
        }
    }

    /// Whether `doc` is in the set.
    pub fn contains(&self, doc: DocId) -> bool {
        self.words
            .get((doc / 64) as usize)
            .is_some_and(|word| word & (1 << (doc % 64)) != 0)
    }

    /// Adds the documents `other` holds.
    pub fn union(&mut self, other: &Bits) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= *b;
        }
    }

    /// Splits the set into the documents `other` holds and the rest.
    pub fn split(self, other: &Bits) -> (Bits, Bits) {
        let (mut inside, mut outside) = (self.clone(), self);
        for ((a, b), o) in inside
            .words
            .iter_mut()
            .zip(outside.words.iter_mut())
            .zip(&other.words)
        {
            *a &= *o;
            *b &= !*o;
        }
        (inside, outside)
    }

    /// Keeps only the documents `other` holds too.
    pub fn intersect(&mut self, other: &Bits) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= *b;
        }
    }

    /// Keeps only the documents `keep` accepts.
    pub fn retain(&mut self, keep: impl Fn(DocId) -> bool) {
        for (i, word) in self.words.iter_mut().enumerate() {
            let mut rest = *word;
            while rest != 0 {
                let bit = rest.trailing_zeros();
                rest &= rest - 1;
                if !keep(i as DocId * 64 + bit) {
                    *word &= !(1 << bit);
                }
            }
        }
    }

    /// The documents, in order.
    pub fn iter(&self) -> impl Iterator<Item = DocId> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros();
                    rest &= rest - 1;
                    i as DocId * 64 + bit
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intersects_and_keeps() {
        let mut a = Bits::new(200);
        a.retain(|_| true);
        a.words[0] = 0b1011;
        a.words[2] = 1 << 5;
        let mut b = a.clone();
        b.words[0] = 0b0011;
        a.intersect(&b);
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![0, 1, 133]);
        a.retain(|doc| doc != 1);
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![0, 133]);
        assert!(a.contains(133) && !a.contains(1) && !a.contains(500));
        let mut some = Bits::new(200);
        some.words[0] = 0b0001;
        let (inside, outside) = a.clone().split(&some);
        assert_eq!(inside.iter().collect::<Vec<_>>(), vec![0]);
        assert_eq!(outside.iter().collect::<Vec<_>>(), vec![133]);
        some.union(&outside);
        assert_eq!(some.iter().collect::<Vec<_>>(), vec![0, 133]);
    }
}
