//! Which kinds of record search covers, and the code each is stored
//! under in the index: derived from [`NodeKind`], so a new kind is
//! searchable by saying so there.

use crate::domain::NodeKind;

/// The kinds of record search covers ([`NodeKind::searchable`]), in
/// [`NodeKind::ALL`]'s order; a document's `kind` is its position here.
pub const KINDS: [NodeKind; searchable_count()] = searchable_kinds();

/// How many kinds search covers.
const fn searchable_count() -> usize {
    let (mut n, mut i) = (0, 0);
    while i < NodeKind::ALL.len() {
        n += NodeKind::ALL[i].searchable() as usize;
        i += 1;
    }
    n
}

/// The kinds search covers.
const fn searchable_kinds<const N: usize>() -> [NodeKind; N] {
    let mut kinds = [NodeKind::Person; N];
    let (mut n, mut i) = (0, 0);
    while i < NodeKind::ALL.len() {
        if NodeKind::ALL[i].searchable() {
            kinds[n] = NodeKind::ALL[i];
            n += 1;
        }
        i += 1;
    }
    kinds
}

/// The position of `kind` in [`KINDS`], as stored.
pub fn kind_code(kind: NodeKind) -> Option<u64> {
    KINDS.iter().position(|k| *k == kind).map(|i| i as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_kind_codes_do_not_move() {
        // An index on disk stores these positions: a kind moved or put
        // between them would make every index built before misread kinds.
        let codes = [
            NodeKind::Person,
            NodeKind::Organization,
            NodeKind::Place,
            NodeKind::Incident,
            NodeKind::Statement,
            NodeKind::Source,
        ];
        assert_eq!(KINDS, codes);
        for (code, kind) in codes.into_iter().enumerate() {
            assert_eq!(kind_code(kind), Some(code as u64));
        }
        assert_eq!(kind_code(NodeKind::Position), None);
    }
}
