//! Dates known to a year, a month or a day, kept at that precision.
//!
//! Sources say "December 2022" or "2023" as often as "January 9, 2023", and a
//! record must not claim more than its source: `2022-12` stays a month. The
//! ISO 8601 text form (`2023`, `2023-01`, `2023-01-09`) is also the stored
//! form; it sorts as text by its start, a month before its days.

use std::fmt;

/// How much of a [`PartialDate`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    /// Only the year.
    Year,
    /// The year and month.
    Month,
    /// The full date.
    Day,
}

/// A date known to a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible months and days.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("'{text}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
        let parts: Vec<&str> = text.split('-').collect();
        let widths_ok = match parts.as_slice() {
            [y] => y.len() == 4,
            [y, m] => y.len() == 4 && m.len() == 2,
            [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
            _ => false,
        };
        if !widths_ok || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            return Err(bad());
        }
        let year: u16 = parts[0].parse().map_err(|_| bad())?;
        let month: Option<u8> = parts
            .get(1)
            .map(|m| m.parse())
            .transpose()
            .map_err(|_| bad())?;
        let day: Option<u8> = parts
            .get(2)
            .map(|d| d.parse())
            .transpose()
            .map_err(|_| bad())?;
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(format!("'{text}' has no month {m}"));
            }
            if let Some(d) = day {
                if d == 0 || d > days_in_month(year, m) {
                    return Err(format!("'{text}' has no day {d} in that month"));
                }
            }
        }
        Ok(PartialDate { year, month, day })
    }

    /// A stored date column's value; a malformed one (which no write lets in) reads as none.
    pub fn from_stored(text: &Option<String>) -> Option<Self> {
        text.as_deref().and_then(|t| Self::parse(t).ok())
    }

    /// The first day the date may stand for, as (year, month, day).
    pub fn first_day(&self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day the date may stand for, as (year, month, day).
    pub fn last_day(&self) -> (u16, u8, u8) {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        (self.year, month, day)
    }

    /// The year, and the month and day where known.
    pub fn parts(&self) -> (u16, Option<u8>, Option<u8>) {
        (self.year, self.month, self.day)
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }
}

/// Days in a month of the proleptic Gregorian calendar.
fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_precision() {
        for text in ["2023", "2024-12", "2023-01-09", "2024-02-29"] {
            let date = PartialDate::parse(text);
            assert_eq!(date.map(|d| d.to_string()), Ok(text.to_string()));
        }
        assert_eq!(
            PartialDate::parse("2024-12").map(|d| d.precision()),
            Ok(Precision::Month)
        );
    }

    #[test]
    fn rejects_malformed_and_impossible_dates() {
        for text in [
            "",
            "23",
            "2023-1",
            "2023-13",
            "2023-02-29",
            "2023-01-32",
            "2023/01/09",
            "2023-01-09T00",
            "abcd",
        ] {
            assert!(
                PartialDate::parse(text).is_err(),
                "{text} should be rejected"
            );
        }
    }
}
