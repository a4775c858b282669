//! Cursors: opaque to clients, and each bound to the list it came from.
//!
//! A root list's cursor holds the row's sort key and ID (a keyset), so the
//! next page starts after that row whatever was inserted, retracted or
//! merged before it. A relation's, a search's or a timeline's cursor holds a
//! position in that list. Either way the cursor names its list (and a
//! keyset cursor its order), and a cursor from another list, another order,
//! or one forged or out of range, is `BAD_USER_INPUT`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::error::{Error, Result};

/// The longest cursor accepted: keys are short dates, names and IDs.
const MAX_CURSOR_LEN: usize = 1024;

/// The largest position an offset cursor may name: far beyond any list, and
/// far below the 2^63 at which an SQL binding of an offset would overflow.
const MAX_INDEX: u64 = 1 << 40;

/// A cursor's contents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Payload {
    /// The list: a table for a root list, `search`, `timeline`, or a relation and its parent.
    #[serde(rename = "l")]
    list: String,
    /// A root list's order (`date:desc`); absent for positions.
    #[serde(rename = "o", default, skip_serializing_if = "Option::is_none")]
    order: Option<String>,
    /// The row's sort key (a string, a number, null, or a pair of them); null for positions.
    #[serde(rename = "k", default)]
    key: Json,
    /// The row's ID, for a keyset; its position, for the others.
    #[serde(rename = "i")]
    at: i64,
}

/// A row's place in a root list: its sort key (JSON null when the key is
/// null or the list sorts by ID alone) and its ID.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyCursor {
    /// The sort column's value.
    pub key: Json,
    /// The row's ID.
    pub id: i64,
}

fn encode(payload: &Payload) -> String {
    // Serializing strings, numbers and nulls cannot fail.
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(payload).unwrap_or_default())
}

fn decode(cursor: &str, list: &str) -> Result<Payload> {
    let invalid = || Error::bad_input(format!("'{cursor}' is not a cursor of this list"));
    if cursor.len() > MAX_CURSOR_LEN {
        return Err(invalid());
    }
    let payload: Payload = URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(invalid)?;
    if payload.list != list {
        return Err(invalid());
    }
    Ok(payload)
}

/// The cursor of a root list's row.
pub fn encode_key(list: &str, order: &str, cursor: &KeyCursor) -> String {
    encode(&Payload {
        list: list.into(),
        order: Some(order.into()),
        key: cursor.key.clone(),
        at: cursor.id,
    })
}

/// The row a root list's cursor names; from another list or order, BAD_USER_INPUT.
pub fn decode_key(cursor: &str, list: &str, order: &str) -> Result<KeyCursor> {
    let payload = decode(cursor, list)?;
    let other = || {
        Error::bad_input(format!(
            "'{cursor}' is a cursor of another order of this list"
        ))
    };
    if payload.order.as_deref() != Some(order) {
        return Err(other());
    }
    let key = payload.key;
    let scalar = |k: &Json| matches!(k, Json::Null | Json::String(_)) || k.is_i64();
    let valid_key = match &key {
        Json::Array(pair) => pair.len() == 2 && pair.iter().all(scalar),
        key => scalar(key),
    };
    if !valid_key || payload.at < 0 {
        return Err(Error::bad_input(format!(
            "'{cursor}' is not a cursor of this list"
        )));
    }
    Ok(KeyCursor {
        key,
        id: payload.at,
    })
}

/// The cursor of the row at `index` of `list`.
pub fn encode_index(list: &str, index: u64) -> String {
    encode(&Payload {
        list: list.into(),
        order: None,
        key: Json::Null,
        at: i64::try_from(index).unwrap_or(i64::MAX),
    })
}

/// The position an offset cursor of `list` names.
pub fn decode_index(cursor: &str, list: &str) -> Result<u64> {
    let payload = decode(cursor, list)?;
    match u64::try_from(payload.at) {
        Ok(index) if index <= MAX_INDEX && payload.order.is_none() => Ok(index),
        _ => Err(Error::bad_input(format!(
            "'{cursor}' is not a cursor of this list"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_name_their_list() {
        let key = KeyCursor {
            key: Json::from("2023-01-09"),
            id: 7,
        };
        let cursor = encode_key("statement", "date:asc", &key);
        assert_eq!(decode_key(&cursor, "statement", "date:asc"), Ok(key));
        assert!(decode_key(&cursor, "statement", "date:desc").is_err());
        assert!(decode_key(&cursor, "person", "date:asc").is_err());
        assert!(decode_index(&cursor, "statement").is_err());
        let at = encode_index("search", 41);
        assert_eq!(decode_index(&at, "search"), Ok(41));
        assert!(decode_index(&at, "timeline").is_err());
        assert!(decode_key(&at, "search", "").is_err());
    }

    #[test]
    fn forged_cursors_are_bad_input() {
        for forged in [
            "",
            "nonsense",
            "Y3Vyc29yOjE4NDQ2NzQ0MDczNzA5NTUxNjE1",
            &"A".repeat(2000),
        ] {
            assert!(decode_index(forged, "search").is_err(), "{forged}");
        }
        let huge = encode(&Payload {
            list: "search".into(),
            order: None,
            key: Json::Null,
            at: i64::MAX,
        });
        assert!(decode_index(&huge, "search").is_err());
        let object_key = encode(&Payload {
            list: "statement".into(),
            order: Some("date:asc".into()),
            key: serde_json::json!({ "a": 1 }),
            at: 1,
        });
        assert!(decode_key(&object_key, "statement", "date:asc").is_err());
    }
}
