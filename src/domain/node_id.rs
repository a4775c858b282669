//! Global IDs: `Type:slug`, e.g. `Person:victor-canales`.
//!
//! An ID is derived from the record's type and slug, never from an
//! autoincrement, so every deployment built from the same data gives the same
//! IDs and partners can keep them. They are readable on purpose: a journalist
//! can type one in GraphiQL.

use super::slug::is_slug;

/// Declares [`NodeKind`], its list of every kind, their type names, tables
/// and whether search covers them from one list, and `with_node_kinds!`, which hands the same list to a macro
/// elsewhere (the GraphQL enum of record types is declared through it).
/// `$d` is a `$` passed in, for the inner macro's own variables.
macro_rules! node_kinds {
    ($d:tt $($(#[doc = $doc:literal])+ $kind:ident in $table:literal, searchable: $search:literal;)+) => {
        /// The kinds of record that have a global ID.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum NodeKind {
            $($(#[doc = $doc])+ $kind,)+
        }

        impl NodeKind {
            /// Every kind, in a fixed order.
            pub const ALL: [NodeKind; [$(NodeKind::$kind),+].len()] = [$(NodeKind::$kind),+];

            /// The GraphQL type name, which is also the ID's prefix.
            pub const fn type_name(self) -> &'static str {
                match self {
                    $(NodeKind::$kind => stringify!($kind),)+
                }
            }

            /// The table that holds records of this kind.
            pub const fn table_name(self) -> &'static str {
                match self {
                    $(NodeKind::$kind => $table,)+
                }
            }

            /// Whether search covers records of this kind (those with a name, a
            /// title or a text).
            pub const fn searchable(self) -> bool {
                match self {
                    $(NodeKind::$kind => $search,)+
                }
            }
        }

        /// Calls `$m!(Kind, ...)` with every kind, in [`NodeKind::ALL`]'s order.
        macro_rules! with_node_kinds {
            ($d m:ident) => {
                $d m!($($kind),+);
            };
        }
    };
}

node_kinds! {
    $
    /// A person.
    Person in "person", searchable: true;
    /// An organization.
    Organization in "organization", searchable: true;
    /// A place.
    Place in "place", searchable: true;
    /// A person's position in an organization.
    Position in "position", searchable: false;
    /// An incident.
    Incident in "incident", searchable: true;
    /// A statement.
    Statement in "statement", searchable: true;
    /// A source document.
    Source in "source", searchable: true;
    /// One source's casualty figures for an incident.
    CasualtyReport in "casualty_report", searchable: false;
}

impl NodeKind {
    /// The kind whose records live in `table`.
    pub fn from_table(table: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.table_name() == table)
    }

    /// The kind whose GraphQL type is named `name`.
    pub fn from_type_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.type_name() == name)
    }
}

/// A parsed global ID.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NodeId {
    /// The record's kind.
    pub kind: NodeKind,
    /// The record's slug.
    pub slug: String,
}

impl NodeId {
    /// The ID of the record of `kind` with `slug`.
    pub fn new(kind: NodeKind, slug: impl Into<String>) -> Self {
        NodeId {
            kind,
            slug: slug.into(),
        }
    }

    /// Parses `Type:slug`; the message says what is wrong.
    pub fn parse(id: &str) -> Result<Self, String> {
        let (prefix, slug) = id.split_once(':').ok_or_else(|| {
            format!("'{id}' is not a Quipu ID: IDs look like 'Person:victor-canales'")
        })?;
        let kind = NodeKind::ALL
            .into_iter()
            .find(|k| k.type_name() == prefix)
            .ok_or_else(|| {
                format!("'{id}' is not a Quipu ID: '{prefix}' is not a type with IDs")
            })?;
        if !is_slug(slug) {
            return Err(format!("'{id}' is not a Quipu ID: '{slug}' is not a slug"));
        }
        Ok(NodeId::new(kind, slug))
    }

    /// Parses an ID that must be of `kind`.
    pub fn parse_as(id: &str, kind: NodeKind) -> Result<String, String> {
        let parsed = Self::parse(id)?;
        if parsed.kind != kind {
            return Err(format!(
                "'{id}' is the ID of a {}, not of a {}",
                parsed.kind.type_name(),
                kind.type_name()
            ));
        }
        Ok(parsed.slug)
    }
}

impl std::fmt::Display for NodeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.kind.type_name(), self.slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_malformed_ids() {
        let id = NodeId::new(NodeKind::Place, "san-roman");
        assert_eq!(NodeId::parse(&id.to_string()), Ok(id));
        assert!(NodeId::parse("san-roman").is_err());
        assert!(NodeId::parse("Planet:mars").is_err());
        assert!(NodeId::parse("Place:San Román").is_err());
        assert!(NodeId::parse_as("Place:puno", NodeKind::Person).is_err());
    }
}
