//! The dense path answers as the Tantivy query does: the same counts, the
//! same top hits with the same scores, on an index where every word is common.

use tantivy::Term;

use super::super::index::{Doc, Store};
use super::super::kinds::kind_code;
use super::super::{Marks, SearchQuery};
use super::{by_bits, by_query, words, Answer, Field, Threads, ONE_THREAD};
use crate::domain::NodeKind;

const VOCABULARY: [&str; 8] = [
    "repression",
    "protest",
    "protests",
    "curfew",
    "justice",
    "juliaca",
    "dialogue",
    "strike",
];

/// Statements of three words each, and persons whose names repeat some of
/// them, in two commits (two segments), with a few deleted.
fn store() -> Store {
    let store = Store::open(None).expect("a temporary index");
    let mut seed = 7u64;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for batch in 0..2 {
        let docs: Vec<Doc> = (0..1500)
            .map(|i| {
                let id = batch * 1500 + i + 1;
                let words: Vec<&str> = (0..3)
                    .map(|_| VOCABULARY[next() % VOCABULARY.len()])
                    .collect();
                let person = id % 10 == 0;
                Doc {
                    kind: if person {
                        NodeKind::Person
                    } else {
                        NodeKind::Statement
                    },
                    id: id as i64,
                    title: if person {
                        words[..1 + next() % 2].join(" ")
                    } else {
                        String::new()
                    },
                    aliases: String::new(),
                    body: words.join(" "),
                }
            })
            .collect();
        store.add(&docs).expect("added");
        store.commit(Marks::default()).expect("committed");
    }
    store
        .replace(NodeKind::Statement, &[1, 2, 3], &[])
        .expect("deleted");
    store.commit(Marks::default()).expect("committed");
    store
}

fn both(store: &Store, text: &str, kinds: &[NodeKind], limit: usize) -> (Answer, Answer) {
    let searcher = store.reader.searcher();
    let fields = store.fields;
    let searched: &[(Field, usize)] = &[(fields.title, 0), (fields.aliases, 1), (fields.body, 2)];
    let query = SearchQuery::parse(text).expect("a query");
    let ways = words::ways(&searcher, searched, &query);
    let kinds: Vec<Term> = kinds
        .iter()
        .filter_map(|k| kind_code(*k))
        .map(|c| Term::from_field_u64(fields.kind, c))
        .collect();
    let terms = words::term_ways(&ways).expect("words only");
    let on = Threads {
        searcher: &searcher,
        executor: &ONE_THREAD,
    };
    let dense = by_bits(&on, &store.facts, &terms, &kinds, limit).expect("dense");
    let query = words::query(&ways, &kinds);
    let tantivy = by_query(&on, &store.facts, &*query, limit).expect("tantivy");
    (dense, tantivy)
}

/// Ten hits come from matches where a word repeats; a hundred and more
/// need the matches where every word occurs once, which a bound sorts.
#[test]
fn the_dense_path_ranks_and_counts_as_tantivy_does() {
    let store = store();
    for limit in [10, 100, 400] {
        same_answers(&store, limit);
    }
}

fn same_answers(store: &Store, limit: usize) {
    for (text, kinds) in [
        ("repression justice", vec![]),
        ("protest", vec![]),
        ("prot juliaca", vec![]),
        ("curfew strike dialogue", vec![]),
        ("justice", vec![NodeKind::Person]),
        (
            "repression protest",
            vec![NodeKind::Statement, NodeKind::Person],
        ),
    ] {
        let ((dense, dense_counts), (tantivy, tantivy_counts)) = both(store, text, &kinds, limit);
        assert_eq!(dense_counts, tantivy_counts, "{text}");
        assert!(
            dense_counts.iter().sum::<u64>() > 10,
            "{text}: {dense_counts:?}"
        );
        assert_eq!(dense.len(), tantivy.len(), "{text}");
        for ((ds, da), (ts, ta)) in dense.iter().zip(&tantivy) {
            // Floats summed in another order may differ in the last bits.
            assert!((ds - ts).abs() < 1e-3, "{text}: {ds} vs {ts}");
            // The same record, unless another scores within rounding.
            let near = tantivy.iter().filter(|(s, _)| (s - ts).abs() < 1e-6);
            if near.count() == 1 {
                assert_eq!(da, ta, "{text}, {limit} hits");
            }
        }
    }
}
