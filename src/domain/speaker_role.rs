//! Whether a speaker held public office on the day they spoke.
//!
//! `isOfficial` says whether a person holds or held an office at any time;
//! a journalist asking for "statements by officials" means officials as of
//! the day they spoke. Both the statement's date and the office's dates may
//! be vague (a month, a bound), so the answer is `Official` only when every
//! day the statement may have been said falls in the office's certain span,
//! `NotOfficial` only when no such day can fall in any office's possible
//! span, and `Unknown` otherwise.

use super::record_kinds::SpeakerRole;
use super::PartialDate;

/// A day as (year, month, day), ordered.
type Day = (u16, u8, u8);
const FIRST: Day = (0, 1, 1);
const LAST: Day = (u16::MAX, 12, 31);

/// When a statement was said, as far as the record knows.
#[derive(Debug, Clone, Copy, Default)]
pub struct Spoken {
    /// The date, at its precision.
    pub date: Option<PartialDate>,
    /// Said no earlier than this.
    pub not_before: Option<PartialDate>,
    /// Said no later than this.
    pub not_after: Option<PartialDate>,
    /// When the reporting source was published: nothing is said after it is reported.
    pub reported: Option<PartialDate>,
}

impl Spoken {
    /// The first and last day the statement may have been said.
    fn span(&self) -> (Day, Day) {
        let first = self
            .date
            .or(self.not_before)
            .map_or(FIRST, |d| d.first_day());
        let last = self
            .date
            .or(self.not_after)
            .or(self.reported)
            .map_or(LAST, |d| d.last_day());
        (first, last)
    }

    /// The statement's date in words, for reasons.
    fn describe(&self) -> String {
        match (self.date, self.not_before, self.not_after.or(self.reported)) {
            (Some(date), _, _) => format!("on {date}"),
            (None, Some(from), Some(to)) => format!("between {from} and {to}"),
            (None, Some(from), None) => format!("no earlier than {from}"),
            (None, None, Some(to)) => format!("no later than {to}"),
            (None, None, None) => "at an unknown date".into(),
        }
    }
}

/// A public office a person held, with the dates the sources give.
#[derive(Debug, Clone)]
pub struct Office {
    /// "President of Peru (Presidency of Peru)".
    pub label: String,
    /// Start, at its precision; none when the sources do not say.
    pub start: Option<PartialDate>,
    /// End, at its precision.
    pub end: Option<PartialDate>,
    /// Ended no later than this, when the end is unknown.
    pub ended_by: Option<PartialDate>,
}

impl Office {
    /// The days the office was surely held (a missing start or end counts as open).
    fn certain(&self) -> (Day, Day) {
        let first = self.start.map_or(FIRST, |d| d.last_day());
        let last = match (self.end, self.ended_by) {
            (Some(end), _) => end.first_day(),
            (None, Some(_)) => first,
            (None, None) => LAST,
        };
        (first, last)
    }

    /// The days the office may have been held.
    fn possible(&self) -> (Day, Day) {
        let first = self.start.map_or(FIRST, |d| d.first_day());
        let last = self.end.or(self.ended_by).map_or(LAST, |d| d.last_day());
        (first, last)
    }
}

/// Whether a person with these public offices spoke as an official, and why.
pub fn of_person(spoken: &Spoken, offices: &[Office]) -> (SpeakerRole, String) {
    let (first, last) = spoken.span();
    let when = spoken.describe();
    if let Some(office) = offices.iter().find(|o| {
        let (from, to) = o.certain();
        from <= first && last <= to
    }) {
        return (
            SpeakerRole::Official,
            format!("Held {} when speaking ({when}).", office.label),
        );
    }
    if offices.is_empty() {
        return (
            SpeakerRole::NotOfficial,
            "No public office is recorded for the speaker.".into(),
        );
    }
    let labels: Vec<&str> = offices.iter().map(|o| o.label.as_str()).collect();
    let disjoint = offices.iter().all(|o| {
        let (from, to) = o.possible();
        to < first || last < from
    });
    if disjoint {
        (
            SpeakerRole::NotOfficial,
            format!("Held no public office {when}: {}.", labels.join("; ")),
        )
    } else {
        (
            SpeakerRole::Unknown,
            format!(
                "The dates do not settle whether the speaker held {} {when}.",
                labels.join(" or ")
            ),
        )
    }
}

/// Whether an organization speaks as an official: when it is an organ of the state.
pub fn of_organization(name: &str, is_state: bool) -> (SpeakerRole, String) {
    if is_state {
        (SpeakerRole::Official, format!("{name} is a state body."))
    } else {
        (
            SpeakerRole::NotOfficial,
            format!("{name} is not a state body."),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<PartialDate> {
        PartialDate::parse(text).ok()
    }

    fn president() -> Office {
        Office {
            label: "President".into(),
            start: date("2022-12-07"),
            end: None,
            ended_by: None,
        }
    }

    /// A statement said on `date`, under a president in office since 2022-12-07.
    fn under_the_president(date_said: &str) -> SpeakerRole {
        let spoken = Spoken {
            date: date(date_said),
            ..Default::default()
        };
        of_person(&spoken, &[president()]).0
    }

    #[test]
    fn a_dated_statement_inside_an_open_office_is_official() {
        assert_eq!(under_the_president("2023-01-09"), SpeakerRole::Official);
    }

    #[test]
    fn a_month_that_straddles_the_start_is_unknown() {
        assert_eq!(under_the_president("2022-12"), SpeakerRole::Unknown);
    }

    #[test]
    fn an_office_ended_before_the_statement_is_not_official() {
        let general = Office {
            label: "General".into(),
            start: None,
            end: None,
            ended_by: date("2023-01-12"),
        };
        let spoken = Spoken {
            not_before: date("2023-02"),
            ..Default::default()
        };
        assert_eq!(
            of_person(&spoken, std::slice::from_ref(&general)).0,
            SpeakerRole::NotOfficial
        );
        let earlier = Spoken {
            reported: date("2023-01-12"),
            ..Default::default()
        };
        assert_eq!(of_person(&earlier, &[general]).0, SpeakerRole::Unknown);
    }

    #[test]
    fn no_office_is_not_official() {
        assert_eq!(
            of_person(&Spoken::default(), &[]).0,
            SpeakerRole::NotOfficial
        );
    }
}
