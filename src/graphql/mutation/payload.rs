//! What mutations return: the record as it now is (read through a plan of
//! its selection, like a lookup), and the revisions written.

use async_graphql::SimpleObject;

use crate::graphql::plan::{PlannedNode, PlannedOne};
use crate::graphql::{
    CasualtyReport, Incident, Organization, Person, Place, Position, Revision, Source, Statement,
};

/// Declares the payload of the create and update mutations of one type.
macro_rules! payload {
    ($($name:ident { $field:ident: $ty:ty }),* $(,)?) => {$(
        #[doc = concat!("The result of creating or updating a `", stringify!($ty), "`.")]
        #[derive(SimpleObject)]
        pub struct $name {
            #[doc = concat!("The `", stringify!($ty), "` as it now is.")]
            pub $field: PlannedOne<$ty>,
            /// The revision the change wrote (its `version` is the record's new version).
            pub revision: Revision,
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
