//! Planning an incident's casualty summary: figures computed over its
//! casualty reports (the same functions the resolvers use), and the reports.

use async_graphql::parser::types::SelectionSet;
use async_graphql::{ContextSelectionSet, Name};

use super::walk::{fields, level, Level};
use super::Ty;

/// A casualty summary's field.
#[derive(Debug)]
pub enum SummaryOut {
    /// `__typename`.
    Typename,
    /// A figure computed over the reports (`killedLowest`, `disputed`...).
    Figure(String),
    /// `reports`, planned as this level.
    Reports(Level),
}

/// The plan of a casualty summary: its figures, and its reports' level.
pub fn plan(ctx: &ContextSelectionSet<'_>, set: &SelectionSet) -> Option<Vec<(Name, SummaryOut)>> {
    let none = std::iter::empty::<&entity::casualty_report::Model>();
    let outs: Vec<(Name, SummaryOut)> = fields(ctx, set, "CasualtySummary")?
        .into_iter()
        .map(|field| {
            let key = field.node.response_key().node.clone();
            let out = match field.node.name.node.as_str() {
                "__typename" => SummaryOut::Typename,
                "reports" => SummaryOut::Reports(level(
                    ctx,
                    &field.node.selection_set.node,
                    Ty::CasualtyReport,
                )?),
                name => {
                    crate::graphql::casualties::figure(none.clone(), name)?;
                    SummaryOut::Figure(name.to_owned())
                }
            };
            Some((key, out))
        })
        .collect::<Option<_>>()?;
    // The reports are read once, for one level: two differently selected
    // lists of them (under two aliases) go to the resolvers.
    (outs.iter().filter_map(|(_, out)| out.level()).count() <= 1).then_some(outs)
}

impl SummaryOut {
    /// The reports' level, if the summary shows them.
    pub fn level(&self) -> Option<&Level> {
        match self {
            SummaryOut::Reports(level) => Some(level),
            _ => None,
        }
    }
}
