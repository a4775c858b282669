//! Typo tolerance: when nothing matches, each word of the query is replaced
//! by the closest word of the names in the graph, if one is close enough.

use super::{SearchQuery, Term};

/// The edit distance with transpositions (optimal string alignment), by `strsim`.
pub fn damerau_levenshtein(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The edits a word of this length may be off by.
fn allowed(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The query with each word replaced by the nearest vocabulary word within
/// reach (ties go to the alphabetically first), or `None` if nothing changes.
pub fn correct(query: &SearchQuery, vocabulary: &[String]) -> Option<SearchQuery> {
    let mut changed = false;
    let terms = query
        .terms
        .iter()
        .map(|term| match term {
            Term::Word(w) if !vocabulary.contains(w) => {
                let best = vocabulary
                    .iter()
                    .map(|v| (damerau_levenshtein(w, v), v))
                    .filter(|(d, _)| *d > 0 && *d <= allowed(w.chars().count()))
                    .min();
                match best {
                    Some((_, v)) => {
                        changed = true;
                        Term::Word(v.clone())
                    }
                    None => term.clone(),
                }
            }
            other => other.clone(),
        })
        .collect();
    changed.then_some(SearchQuery { terms })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrects_typos_within_reach() {
        assert_eq!(damerau_levenshtein("boularte", "boluarte"), 1);
        assert_eq!(damerau_levenshtein("otarolla", "otarola"), 1);
        let vocabulary: Vec<String> = ["boluarte", "canales", "dina"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let query = SearchQuery::parse("Boularte").unwrap_or_else(|e| panic!("{e}"));
        let fixed = correct(&query, &vocabulary).map(|q| q.terms);
        assert_eq!(fixed, Some(vec![Term::Word("boluarte".into())]));
        let far = SearchQuery::parse("zzzzzz").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(correct(&far, &vocabulary), None);
    }
}
