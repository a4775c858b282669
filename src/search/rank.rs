//! Ranking: where the terms match (name, alias, text) and how (whole word
//! or prefix). Names weigh most, because names are what people type.

use super::{SearchQuery, Term};
use crate::domain::slug::fold_words;

/// Points for a whole-word and a prefix match in each field: title, aliases, body.
const WEIGHTS: [(f64, f64); 3] = [(10.0, 6.0), (8.0, 5.0), (2.0, 1.0)];
/// Points for a phrase in each field.
const PHRASE: [f64; 3] = [12.0, 10.0, 4.0];

/// How well a record's title, aliases and body match the query (0 when a term matches nowhere).
pub fn score(query: &SearchQuery, title: &str, aliases: &str, body: &str) -> f64 {
    let fields: Vec<Vec<String>> = [title, aliases, body]
        .iter()
        .map(|f| fold_words(f).split(' ').map(String::from).collect())
        .collect();
    let mut total = 0.0;
    for term in &query.terms {
        let best = fields
            .iter()
            .enumerate()
            .map(|(i, words)| term_score(term, words, i))
            .fold(0.0, f64::max);
        if best == 0.0 {
            return 0.0;
        }
        total += best;
    }
    // Among equal matches, the shorter name is the more specific answer.
    total + 1.0 / (1.0 + fields[0].len() as f64)
}

/// A term's points in one field.
fn term_score(term: &Term, words: &[String], field: usize) -> f64 {
    match term {
        Term::Word(w) => {
            if words.iter().any(|x| x == w) {
                WEIGHTS[field].0
            } else if words.iter().any(|x| x.starts_with(w.as_str())) {
                WEIGHTS[field].1
            } else {
                0.0
            }
        }
        Term::Phrase(ws) => {
            if words
                .windows(ws.len())
                .any(|window| window == ws.as_slice())
            {
                PHRASE[field]
            } else {
                0.0
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_beat_texts_and_words_beat_prefixes() {
        let q = SearchQuery::parse("boluarte").unwrap_or_else(|e| panic!("{e}"));
        let person = score(&q, "Dina Boluarte", "Boluarte", "President of Peru");
        let press = score(&q, "Dina Boluarte's press conference", "", "");
        let statement = score(&q, "", "", "Mrs. Dina Boluarte, how can you continue");
        assert!(person > press && press > statement && statement > 0.0);
        let prefix = SearchQuery::parse("bolu").unwrap_or_else(|e| panic!("{e}"));
        assert!(score(&prefix, "Dina Boluarte", "", "") < person);
        assert_eq!(score(&q, "Víctor Canales", "", ""), 0.0);
    }
}
