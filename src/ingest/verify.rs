//! `quipu verify`: every statement text and every citation excerpt must
//! appear, word for word, in the text of the source it cites.
//!
//! Then every date, figure and place a record states as fact must be in the
//! words it cites (see `facts`).
//!
//! Both sides are normalized first: runs of white space become one space,
//! typographic quotes become straight ones, `…` becomes `...`, and Markdown
//! emphasis (`*`) left in the texts is dropped. Nothing else is forgiven.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use super::format::CitationRecord;
use super::{Dataset, IngestError};

/// One record whose words are not in its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// Where the record is: `file: kind 'slug'`.
    pub record: String,
    /// What is wrong.
    pub problem: String,
}

/// The result of a verification.
#[derive(Debug, Default)]
pub struct VerifyReport {
    /// How many texts and excerpts were checked.
    pub checked: usize,
    /// Those that did not match.
    pub mismatches: Vec<Mismatch>,
}

impl VerifyReport {
    /// Whether everything matched.
    pub fn is_clean(&self) -> bool {
        self.mismatches.is_empty()
    }
}

impl fmt::Display for VerifyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for m in &self.mismatches {
            writeln!(f, "MISMATCH {}: {}", m.record, m.problem)?;
        }
        writeln!(
            f,
            "checked {} texts and excerpts: {} mismatch(es)",
            self.checked,
            self.mismatches.len()
        )
    }
}

/// Folds the differences that typesetting makes, and nothing else.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => out.push('"'),
            '\u{2026}' => out.push_str("..."),
            '*' => {}
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// The normalized texts of the dataset's sources that have one, by source slug.
fn source_texts(
    dataset: &Dataset,
    dir: &Path,
) -> Result<HashMap<String, Result<String, String>>, IngestError> {
    let mut texts = HashMap::new();
    for s in &dataset.sources {
        let Some(file) = &s.record.text_file else {
            continue;
        };
        let text = std::fs::read_to_string(dir.join(file))
            .map(|t| normalize(&t))
            .map_err(|e| format!("cannot read {file}: {e}"));
        texts.insert(s.slug.clone(), text);
    }
    Ok(texts)
}

/// Checks every statement text and citation excerpt of `dataset` against the texts in `dir`.
pub fn verify(dataset: &Dataset, dir: &Path) -> Result<VerifyReport, IngestError> {
    let texts = source_texts(dataset, dir)?;
    let mut report = VerifyReport::default();
    let mut check = |record: String, source: &str, words: &str, what: &str| {
        report.checked += 1;
        let problem = match texts.get(source) {
            None => Some(format!(
                "{what}: source '{source}' has no text_file to check against"
            )),
            Some(Err(e)) => Some(format!("{what}: {e}")),
            Some(Ok(text)) if !text.contains(&normalize(words)) => Some(format!(
                "{what} is not in source '{source}': \"{}\"",
                excerpt_of(words)
            )),
            Some(Ok(_)) => None,
        };
        if let Some(problem) = problem {
            report.mismatches.push(Mismatch { record, problem });
        }
    };
    let cite = |record: &str,
                citations: &[CitationRecord],
                check: &mut dyn FnMut(String, &str, &str, &str)| {
        for c in citations {
            check(
                record.to_string(),
                &c.source,
                &c.excerpt,
                "citation excerpt",
            );
        }
    };
    for s in &dataset.statements {
        let record = format!("{}: statement '{}'", s.file, s.slug);
        check(
            record.clone(),
            &s.record.source,
            &s.record.text,
            "statement text",
        );
        if let Some(words) = &s.record.speaker_role_excerpt {
            check(
                record.clone(),
                &s.record.source,
                words,
                "speaker role excerpt",
            );
        }
        cite(&record, &s.record.citations, &mut check);
    }
    for p in &dataset.positions {
        cite(
            &format!("{}: position '{}'", p.file, p.slug),
            &p.record.citations,
            &mut check,
        );
    }
    for i in &dataset.incidents {
        cite(
            &format!("{}: incident '{}'", i.file, i.slug),
            &i.record.citations,
            &mut check,
        );
    }
    for c in &dataset.casualty_reports {
        cite(
            &format!("{}: casualty report '{}'", c.file, c.slug),
            &c.record.citations,
            &mut check,
        );
    }
    report.checked += super::facts::check(dataset, &mut report.mismatches);
    Ok(report)
}

/// The first words of a long text, for messages.
fn excerpt_of(words: &str) -> String {
    let short: String = words.chars().take(80).collect();
    if short.len() < words.len() {
        format!("{short}...")
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn folds_typesetting_only() {
        assert_eq!(normalize("“Be  just,”\n he told"), "\"Be just,\" he told");
        assert_eq!(
            normalize("the **President** said…"),
            "the President said..."
        );
        assert_ne!(normalize("17 killed"), normalize("18 killed"));
    }
}
