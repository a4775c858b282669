//! Snippets: a window of the matching text with each matching word wrapped
//! in `<mark>`; everything else is HTML-escaped, so a page can show it as is.

use super::{SearchQuery, Term};
use crate::domain::slug::fold_words;

/// Words shown around the first match.
const RADIUS: usize = 12;

/// Whether a folded word matches a term (as a word or a prefix, or as a word of a phrase).
fn matches(query: &SearchQuery, folded: &str) -> bool {
    !folded.is_empty()
        && query.terms.iter().any(|t| match t {
            Term::Word(w) => folded.starts_with(w.as_str()),
            Term::Phrase(ws) => ws.iter().any(|w| w == folded),
        })
}

/// Whether every term of `query` matches `text`: each word as a word or
/// the start of one, each phrase as consecutive words.
pub fn matches_all(query: &SearchQuery, text: &str) -> bool {
    let folded = fold_words(text);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    query.terms.iter().all(|t| match t {
        Term::Word(w) => words.iter().any(|x| x.starts_with(w.as_str())),
        Term::Phrase(ws) => words
            .windows(ws.len())
            .any(|window| window == ws.as_slice()),
    })
}

/// Escapes text for HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A highlighted window of `text` around its first match (the start of `text` if none).
pub fn snippet(query: &SearchQuery, text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let hits: Vec<bool> = words
        .iter()
        .map(|w| matches(query, &fold_words(w)))
        .collect();
    let first = hits.iter().position(|&h| h).unwrap_or(0);
    let start = first.saturating_sub(RADIUS);
    let end = (first + RADIUS + 1).min(words.len());
    let mut out: Vec<String> = Vec::with_capacity(end - start + 2);
    if start > 0 {
        out.push("…".into());
    }
    for i in start..end {
        let word = escape(words[i]);
        out.push(if hits[i] {
            format!("<mark>{word}</mark>")
        } else {
            word
        });
    }
    if end < words.len() {
        out.push("…".into());
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_matches_ignoring_accents_and_escapes_the_rest() {
        let q = SearchQuery::parse("otarola").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            snippet(&q, "PM Alberto Otárola <b>"),
            "PM Alberto <mark>Otárola</mark> &lt;b&gt;"
        );
    }
}
