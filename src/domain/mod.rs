//! Domain values that parse and validate themselves: slugs, partial dates and
//! global IDs. The database, the importer and the API all go through them.

pub mod kinds;
#[macro_use]
pub mod node_id;
pub mod partial_date;
pub mod record_kinds;
pub mod slug;
pub mod speaker_role;
pub mod timestamp;

pub use node_id::{NodeId, NodeKind};
pub use partial_date::PartialDate;
pub use slug::slugify;
