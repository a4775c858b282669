//! Change times: RFC 3339 in UTC with microseconds, one fixed width, so that
//! stored times compare as text in both databases.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

/// The current time, as stored.
pub fn now() -> String {
    format(Utc::now())
}

/// A time, as stored.
fn format(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Parses a client's time (`2026-11-23T10:00:00Z`, any offset, or a date
/// meaning its midnight UTC) into the stored form.
pub fn parse(text: &str) -> Result<String, String> {
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Ok(format(time.with_timezone(&Utc)));
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        if let Some(midnight) = date.and_hms_opt(0, 0, 0) {
            return Ok(format(midnight.and_utc()));
        }
    }
    Err(format!(
        "'{text}' is not a time: write RFC 3339 (2026-11-23T10:00:00Z) or a date (2026-11-23)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_to_one_sortable_form() {
        assert_eq!(
            parse("2026-11-23T10:00:00+02:00"),
            Ok("2026-11-23T08:00:00.000000Z".into())
        );
        assert_eq!(
            parse("2026-11-23"),
            Ok("2026-11-23T00:00:00.000000Z".into())
        );
        assert!(parse("yesterday").is_err());
        assert_eq!(now().len(), "2026-11-23T08:00:00.000000Z".len());
    }
}
