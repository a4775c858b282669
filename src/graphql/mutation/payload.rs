//! What mutations return: the record as it now is (read through a plan of
//! its selection, like a lookup), and the revisions written.

use async_graphql::SimpleObject;

use crate::domain::NodeKind;
use crate::graphql::pagination::ListNode;
use crate::graphql::plan::{PlannedNode, PlannedOne};
use crate::graphql::{
    CasualtyReport, Incident, Organization, Person, Place, Position, Revision, Source, Statement,
};

/// The payload of a create or update mutation: the record and the revision.
pub trait RecordPayload: Sized {
    /// The kind of record.
    const KIND: NodeKind;
    /// The record's GraphQL type.
    type Node: ListNode;
    /// The payload for `node` as the change left it.
    fn new(node: Self::Node, revision: Revision) -> Self;
}

/// Declares the payload of the create and update mutations of one type
/// (whose name is also its [`NodeKind`]).
macro_rules! payload {
    ($($name:ident { $field:ident: $ty:ident }),* $(,)?) => {$(
        #[doc = concat!("The result of creating or updating a `", stringify!($ty), "`.")]
        #[derive(SimpleObject)]
        pub struct $name {
            #[doc = concat!("The `", stringify!($ty), "` as it now is.")]
            pub $field: PlannedOne<$ty>,
            /// The revision the change wrote (its `version` is the record's new version).
            pub revision: Revision,
        }

        impl RecordPayload for $name {
            const KIND: NodeKind = NodeKind::$ty;
            type Node = $ty;
            fn new(node: $ty, revision: Revision) -> Self {
                Self { $field: PlannedOne(node), revision }
            }
        }
    )*};
}

payload! {
    PersonPayload { person: Person },
    OrganizationPayload { organization: Organization },
    PlacePayload { place: Place },
    SourcePayload { source: Source },
    PositionPayload { position: Position },
    IncidentPayload { incident: Incident },
    StatementPayload { statement: Statement },
    CasualtyReportPayload { casualty_report: CasualtyReport },
}

/// The result of `retract`, `merge` or `revert`: the records touched and
/// the revisions written, one per record.
#[derive(SimpleObject)]
pub struct ChangePayload {
    /// The record the mutation was about, as it now is (for a merge, the survivor).
    pub node: PlannedNode,
    /// Every revision the change wrote, in order; all share one `changeId`.
    pub revisions: Vec<Revision>,
}
