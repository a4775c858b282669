//! Custom scalars: `PartialDate`.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};

use crate::domain::PartialDate;

/// A date known to a year, a month or a day, written in ISO 8601 at that
/// precision: `2023`, `2024-12`, `2023-01-09`. A month stays a month: Quipu
/// never claims more precision than its source.
#[Scalar(
    name = "PartialDate",
    specified_by_url = "https://www.iso.org/iso-8601-date-and-time-format.html"
)]
impl ScalarType for PartialDate {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(text) => PartialDate::parse(text).map_err(InputValueError::custom),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.to_string())
    }
}

/// Reads a stored date column; the importer only stores valid dates.
pub fn stored_date(text: &Option<String>) -> Option<PartialDate> {
    PartialDate::from_stored(text)
}
