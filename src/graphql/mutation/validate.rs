//! Checks on mutation inputs. Each names the field's path in its message
//! (`input.name`, `input.citations[1].excerpt`), so a client can point at it.

use crate::domain::{slugify, PartialDate};
use crate::error::{Error, Result};

/// Whether `c` may not appear in stored text: control characters (but
/// line breaks and tabs), NUL, and the invisible formatting characters that
/// reorder or hide text (bidi embeddings, overrides and isolates, zero-width
/// joiners, the byte-order mark).
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t' && c != '\r')
        || matches!(
            c,
            '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'
        )
}

/// Required text: trimmed, not empty, at most `max` characters, and free of
/// control and invisible formatting characters.
pub fn text(path: &str, value: &str, max: usize) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::bad_input(format!("`{path}` must not be empty")));
    }
    if let Some(c) = value.chars().find(|c| forbidden(*c)) {
        return Err(Error::bad_input(format!(
            "`{path}` holds the invisible or control character U+{:04X}; remove it",
            u32::from(c)
        )));
    }
    let length = value.chars().count();
    if length > max {
        return Err(Error::bad_input(format!(
            "`{path}` has {length} characters; at most {max} are allowed"
        )));
    }
    Ok(value.to_string())
}

/// A name: text on one line, in one script. A name that mixes scripts
/// (a Cyrillic "а" in "Dinа Boluarte") is how a lookalike of another record
/// is made, so it is refused (UTS #39 mixed-script detection).
pub fn name(path: &str, value: &str, max: usize) -> Result<String> {
    use unicode_security::MixedScript;
    let value = text(path, value, max)?;
    if value.contains(['\n', '\r', '\t']) {
        return Err(Error::bad_input(format!("`{path}` must be on one line")));
    }
    if !value.as_str().is_single_script() {
        return Err(Error::bad_input(format!(
            "`{path}`: '{value}' mixes letters of different scripts (a lookalike of another name?)"
        )));
    }
    Ok(value)
}

/// The slug of a name's confusable skeleton (UTS #39): two names that look
/// alike have the same one, whatever characters they are written with.
pub fn skeleton_slug(name: &str) -> String {
    slugify(&unicode_security::skeleton(name).collect::<String>())
}

/// Optional text: absent or blank is null.
pub fn optional_text(path: &str, value: Option<&str>, max: usize) -> Result<Option<String>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(value) => text(path, value, max).map(Some),
        None => Ok(None),
    }
}

/// A date at its precision, or null.
pub fn date(value: Option<&PartialDate>) -> Option<String> {
    value.map(PartialDate::to_string)
}

/// An `http` or `https` URL with a host and no spaces.
pub fn url(path: &str, value: Option<&str>) -> Result<Option<String>> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
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
    Ok(Some(value.to_string()))
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

/// A count that cannot be negative.
pub fn count(path: &str, value: Option<i32>) -> Result<Option<i32>> {
    match value {
        Some(n) if n < 0 => Err(Error::bad_input(format!(
            "`{path}` must not be negative, got {n}"
        ))),
        n => Ok(n),
    }
}
