//! Checks on mutation inputs. Each names the field's path in its message
//! (`input.name`, `input.citations[1].excerpt`), so a client can point at it.

use async_graphql::MaybeUndefined;
use serde_json::Value;

use crate::domain::{slugify, PartialDate};
use crate::error::{Error, Result};

/// Required text: trimmed, not empty, at most `max` characters.
pub fn text(path: &str, value: &str, max: usize) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::bad_input(format!("`{path}` must not be empty")));
    }
    let length = value.chars().count();
    if length > max {
        return Err(Error::bad_input(format!(
            "`{path}` has {length} characters; at most {max} are allowed"
        )));
    }
    Ok(value.to_string())
}

/// Optional text: absent or blank is null.
pub fn optional_text(path: &str, value: Option<&str>, max: usize) -> Result<Value> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(value) => Ok(Value::from(text(path, value, max)?)),
        None => Ok(Value::Null),
    }
}

/// A date at its precision, or null.
pub fn date(value: Option<&PartialDate>) -> Value {
    value.map_or(Value::Null, |d| Value::from(d.to_string()))
}

/// An `http` or `https` URL with a host and no spaces.
pub fn url(path: &str, value: Option<&str>) -> Result<Value> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(Value::Null);
    };
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
    let valid = host.is_some_and(|h| h.contains('.') || h.starts_with("localhost"))
        && !value.contains(char::is_whitespace)
        && value.len() <= 2000;
    if !valid {
        return Err(Error::bad_input(format!(
            "`{path}`: '{value}' is not an http(s) URL"
        )));
    }
    Ok(Value::from(value))
}

/// A two-letter ISO 639-1 language code, lowercase.
pub fn language(path: &str, value: &str) -> Result<String> {
    let code = value.trim().to_lowercase();
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase()) {
        Ok(code)
    } else {
        Err(Error::bad_input(format!(
            "`{path}`: '{value}' is not a two-letter ISO 639-1 language code"
        )))
    }
}

/// The slug a new record gets: the one given (which must already be a
/// slug) or one made from `name`.
pub fn new_slug(given: Option<&str>, name: &str) -> Result<String> {
    match given {
        Some(slug) if slugify(slug) == slug && !slug.is_empty() && slug.len() <= 120 => {
            Ok(slug.to_string())
        }
        Some(slug) => Err(Error::bad_input(format!(
            "`input.slug`: '{slug}' is not a slug (lowercase ASCII words joined by hyphens, like '{}')",
            slugify(slug)
        ))),
        None => {
            let slug: String = slugify(name).chars().take(80).collect();
            let slug = slug.trim_end_matches('-').to_string();
            if slug.is_empty() {
                return Err(Error::bad_input(
                    "`input.slug`: the name has no letter or digit to make a slug from; give one",
                ));
            }
            Ok(slug)
        }
    }
}

/// An optional field of an update: absent leaves the column alone, null clears it.
pub fn patch<T>(
    row: &mut Value,
    column: &str,
    value: MaybeUndefined<T>,
    convert: impl FnOnce(T) -> Result<Value>,
) -> Result<()> {
    match value {
        MaybeUndefined::Undefined => {}
        MaybeUndefined::Null => row[column] = Value::Null,
        MaybeUndefined::Value(v) => row[column] = convert(v)?,
    }
    Ok(())
}

/// A count that cannot be negative.
pub fn count(path: &str, value: Option<i32>) -> Result<Value> {
    match value {
        Some(n) if n < 0 => Err(Error::bad_input(format!(
            "`{path}` must not be negative, got {n}"
        ))),
        Some(n) => Ok(Value::from(n)),
        None => Ok(Value::Null),
    }
}
