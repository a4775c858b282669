//! The second half of `quipu verify`: every date, figure and place a record
//! states as fact (`inferred = false`) must be in the words it cites. A
//! record that computes a date from "two days later" or pins a figure to an
//! incident the text does not name says so with `inferred = true` and an
//! `inference`; one that does not is reported here.

use super::format::{CitationRecord, StatementRecord};
use super::verify::{normalize, Mismatch};
use super::{Dataset, Located};
use crate::domain::record_kinds::StatementKind;
use crate::domain::PartialDate;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const NUMBER_WORDS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Whether `date` is written in `text` the way English texts write dates:
/// "January 9", "Jan. 9", "9 January" for a day (the year may be left to the
/// context), "December 2024" for a month, the digits for a year, or ISO.
pub fn mentions_date(text: &str, date: &PartialDate) -> bool {
    if text.contains(&date.to_string()) {
        return true;
    }
    let (year, month, day) = date.parts();
    let Some(month) = month else {
        return text.contains(&year.to_string());
    };
    let full = MONTHS[usize::from(month - 1)];
    let short = format!("{}.", &full[..3]);
    match day {
        None => [full, short.as_str()]
            .iter()
            .any(|m| text.contains(&format!("{m} {year}"))),
        Some(day) => [full, short.as_str()].iter().any(|m| {
            followed_by_number(text, &format!("{m} "), day)
                || followed_by_number(text, &format!("{m} ("), day)
                || text.contains(&format!("{day} {m}"))
        }),
    }
}

/// Whether `prefix` occurs in `text` followed by exactly the number `n`.
fn followed_by_number(text: &str, prefix: &str, n: u8) -> bool {
    text.match_indices(prefix).any(|(at, _)| {
        let digits: String = text[at + prefix.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits == n.to_string()
    })
}

/// Whether the figure `n` is written in `text`, in digits (with or without
/// thousands separators) or, up to twenty, in words.
pub fn mentions_number(text: &str, n: i32) -> bool {
    let lower = text.to_lowercase();
    let plain = n.to_string();
    let grouped = group_thousands(n);
    let as_number = |needle: &str| {
        lower.match_indices(needle).any(|(at, _)| {
            let before = lower[..at].chars().next_back();
            let after = lower[at + needle.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit() || c == ',')
                && !after.is_some_and(|c| c.is_ascii_digit())
        })
    };
    let as_word = usize::try_from(n)
        .ok()
        .and_then(|i| NUMBER_WORDS.get(i))
        .is_some_and(|word| {
            lower
                .split(|c: char| !c.is_alphabetic())
                .any(|w| w == *word)
        });
    as_number(&plain) || as_number(&grouped) || as_word
}

/// `1400` as `1,400`.
fn group_thousands(n: i32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Checks the stated facts of every record; returns how many were checked.
pub fn check(dataset: &Dataset, mismatches: &mut Vec<Mismatch>) -> usize {
    let mut checks = Checks {
        dataset,
        mismatches,
        checked: 0,
    };
    for s in &dataset.statements {
        checks.statement(s);
    }
    for p in &dataset.positions {
        let record = format!("{}: position '{}'", p.file, p.slug);
        let r = &p.record;
        if !r.inferred {
            for (what, date) in [
                ("start", &r.start),
                ("end", &r.end),
                ("ended_by", &r.ended_by),
            ] {
                checks.date(&record, what, date, &r.citations);
            }
        }
    }
    for i in &dataset.incidents {
        let record = format!("{}: incident '{}'", i.file, i.slug);
        let r = &i.record;
        if !r.inferred {
            checks.date(&record, "start", &r.start, &r.citations);
            checks.date(&record, "end", &r.end, &r.citations);
            for place in r.place.iter().chain(&r.places) {
                checks.place(&record, place, &r.citations);
            }
        }
    }
    for c in &dataset.casualty_reports {
        checks.casualty(c);
    }
    checks.checked
}

/// The checks' shared state.
struct Checks<'a> {
    dataset: &'a Dataset,
    mismatches: &'a mut Vec<Mismatch>,
    checked: usize,
}

impl Checks<'_> {
    fn fail(&mut self, record: &str, problem: String) {
        self.mismatches.push(Mismatch {
            record: record.to_string(),
            problem,
        });
    }

    /// Every excerpt of `citations`, normalized and joined.
    fn cited(citations: &[CitationRecord]) -> String {
        let words: Vec<String> = citations.iter().map(|c| normalize(&c.excerpt)).collect();
        words.join(" | ")
    }

    fn date(
        &mut self,
        record: &str,
        what: &str,
        date: &Option<String>,
        citations: &[CitationRecord],
    ) {
        let Some(text) = date else { return };
        self.checked += 1;
        let Ok(date) = PartialDate::parse(text) else {
            return self.fail(record, format!("{what} '{text}' is not a date"));
        };
        if !mentions_date(&Self::cited(citations), &date) {
            self.fail(
                record,
                format!("{what} {date} is not in its cited words; cite them or mark it inferred"),
            );
        }
    }

    fn place(&mut self, record: &str, slug: &str, citations: &[CitationRecord]) {
        self.checked += 1;
        let Some(place) = self.dataset.places.iter().find(|p| p.slug == slug) else {
            return;
        };
        let cited = Self::cited(citations).to_lowercase();
        let names = std::iter::once(&place.record.name).chain(&place.record.aliases);
        if !names
            .into_iter()
            .any(|n| cited.contains(&normalize(n).to_lowercase()))
        {
            self.fail(
                record,
                format!(
                    "place '{slug}' is not named in its cited words; cite them or mark it inferred"
                ),
            );
        }
    }

    fn statement(&mut self, s: &Located<StatementRecord>) {
        let record = format!("{}: statement '{}'", s.file, s.slug);
        let r = &s.record;
        let support = r.support();
        let citations = &support[..];
        if !r.inferred {
            self.date(&record, "date", &r.date, citations);
            self.date(&record, "not_before", &r.not_before, citations);
            self.date(&record, "not_after", &r.not_after, citations);
        } else if r.inference.is_none() {
            self.fail(
                &record,
                "inferred without an `inference` saying what and why".into(),
            );
        }
        self.checked += 1;
        if r.kind == StatementKind::Paraphrase && normalize(&r.text).contains('"') {
            self.fail(
                &record,
                "a paraphrase holds quotation marks: quote the words as a QUOTE or FRAGMENT".into(),
            );
        }
    }

    fn casualty(&mut self, c: &Located<super::format::CasualtyRecord>) {
        let record = format!("{}: casualty report '{}'", c.file, c.slug);
        let r = &c.record;
        if r.inferred {
            return;
        }
        let cited = Self::cited(&r.citations);
        let figures = [
            ("killed", r.killed, &r.killed_words),
            ("injured", r.injured, &r.injured_words),
        ];
        for (what, figure, words) in figures {
            let Some(n) = figure else { continue };
            self.checked += 1;
            // "A police officer was killed" carries a figure no digit shows.
            let singular = n == 1
                && words.as_deref().is_some_and(|w| {
                    let w = w.to_lowercase();
                    w.starts_with("a ") || w.starts_with("an ")
                });
            if !singular && !mentions_number(&cited, n) {
                self.fail(&record, format!("{what} {n} is not in its cited words"));
            }
        }
        for (what, words) in [
            ("killed_words", &r.killed_words),
            ("injured_words", &r.injured_words),
        ] {
            let Some(words) = words else { continue };
            self.checked += 1;
            if !cited.contains(&normalize(words)) {
                self.fail(
                    &record,
                    format!("{what} \"{words}\" is not in its cited words"),
                );
            }
        }
        self.date(&record, "as_of", &r.as_of, &r.citations);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn dates_are_found_as_english_texts_write_them() {
        assert!(mentions_date(
            "On Monday, January 9, Peruvian",
            &date("2023-01-09")
        ));
        assert!(mentions_date(
            "hours ago (Jan. 9) when",
            &date("2023-01-09")
        ));
        assert!(mentions_date(
            "on Wednesday (Dec. 7) in a day",
            &date("2022-12-07")
        ));
        assert!(mentions_date("In December 2024, General", &date("2024-12")));
        assert!(!mentions_date("January 19", &date("2023-01-09")));
        assert!(!mentions_date("two days later", &date("2022-12-17")));
        assert!(!mentions_date("In December, General", &date("2024-12")));
    }

    #[test]
    fn figures_are_found_in_digits_and_words() {
        assert!(mentions_number("over 1,400 injured", 1400));
        assert!(mentions_number("Eighteen people were killed", 18));
        assert!(mentions_number("killing ten demonstrators", 10));
        assert!(!mentions_number("at least 17 protesters", 7));
        assert!(!mentions_number("some 48 people", 4));
    }
}
