//! What a person types: words (each also matches as a prefix, for
//! type-ahead) and "quoted phrases", all of which must match.

use crate::domain::slug::fold_words;

/// One part of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A folded word; matches words that start with it.
    Word(String),
    /// Folded words that must appear together, in order.
    Phrase(Vec<String>),
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// Its terms, all required.
    pub terms: Vec<Term>,
}

/// The most terms a query may have.
const MAX_TERMS: usize = 12;

impl SearchQuery {
    /// Parses `text`: quoted spans are phrases, the rest words; accents and case are folded.
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.chars().count() > 300 {
            return Err("the search query is longer than 300 characters".into());
        }
        let mut terms = Vec::new();
        for (i, part) in text.split('"').enumerate() {
            let words: Vec<String> = fold_words(part)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect();
            match (i % 2 == 1, words.len()) {
                (_, 0) => {}
                (true, n) if n > 1 => terms.push(Term::Phrase(words)),
                _ => terms.extend(words.into_iter().map(Term::Word)),
            }
        }
        if terms.is_empty() {
            return Err("the search query has no letters or digits".into());
        }
        if terms.len() > MAX_TERMS {
            return Err(format!("the search query has more than {MAX_TERMS} terms"));
        }
        Ok(SearchQuery { terms })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_words_phrases_and_accents() {
        let query = SearchQuery::parse("Otárola \"poorly designed\" Cana")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            query.terms,
            [
                Term::Word("otarola".into()),
                Term::Phrase(vec!["poorly".into(), "designed".into()]),
                Term::Word("cana".into())
            ]
        );
    }

    #[test]
    fn refuses_empty_and_oversized_queries() {
        assert!(SearchQuery::parse("  \"\" %% ").is_err());
        assert!(SearchQuery::parse(&"a ".repeat(13)).is_err());
        assert!(SearchQuery::parse(&"x".repeat(301)).is_err());
    }
}
