//! Casualty figures side by side: per incident, and over a place and a date
//! range. The lowest and highest figures are shown with every source's own;
//! nothing is averaged, and disagreement is flagged, not resolved.

use async_graphql::{Context, InputObject, Object, SimpleObject};
use entity::{casualty_report, incident};

use super::context::db;
use super::filter::{Filter, IncidentFilter, PlaceFilter};
use super::plan::{Batch, Batched, Item};
use super::{loaders, CasualtyReport, Incident};
use crate::domain::PartialDate;
use crate::error::Result;
use crate::store::{self, Rel, Window};

/// Every source's figures for one incident, with their range.
pub struct CasualtySummary(pub Vec<casualty_report::Model>);

/// The lowest and highest of the figures given.
fn range(values: impl Iterator<Item = Option<i32>>) -> (Option<i32>, Option<i32>) {
    let known: Vec<i32> = values.flatten().collect();
    (known.iter().min().copied(), known.iter().max().copied())
}

/// Every source's figures for one incident, with their range.
#[Object]
impl CasualtySummary {
    /// Each source's figures, in order of publication.
    async fn reports(&self) -> Vec<CasualtyReport> {
        self.0.iter().cloned().map(CasualtyReport).collect()
    }

    /// How many reports there are.
    async fn report_count(&self) -> usize {
        self.0.len()
    }

    /// The lowest number of dead any source gives.
    async fn killed_lowest(&self) -> Option<i32> {
        range(self.0.iter().map(|r| r.killed)).0
    }

    /// The highest number of dead any source gives.
    async fn killed_highest(&self) -> Option<i32> {
        range(self.0.iter().map(|r| r.killed)).1
    }

    /// The lowest number of injured any source gives.
    async fn injured_lowest(&self) -> Option<i32> {
        range(self.0.iter().map(|r| r.injured)).0
    }

    /// The highest number of injured any source gives.
    async fn injured_highest(&self) -> Option<i32> {
        range(self.0.iter().map(|r| r.injured)).1
    }

    /// Whether the sources give different numbers of dead or of injured.
    async fn disputed(&self) -> bool {
        self.is_disputed()
    }
}

impl CasualtySummary {
    /// Whether the sources give different numbers of dead or of injured.
    fn is_disputed(&self) -> bool {
        disputed(
            range(self.0.iter().map(|r| r.killed)),
            range(self.0.iter().map(|r| r.injured)),
        )
    }
}

/// Whether two ranges of figures each hold more than one value.
fn disputed(killed: (Option<i32>, Option<i32>), injured: (Option<i32>, Option<i32>)) -> bool {
    killed.0 != killed.1 || injured.0 != injured.1
}

/// The figure field `name` (`reportCount`, `killedLowest`...) of the summary
/// of `reports`, as the fields above give it: a planned read's value.
pub(crate) fn figure<'a, I>(reports: I, name: &str) -> Option<async_graphql::Value>
where
    I: Iterator<Item = &'a casualty_report::Model> + Clone,
{
    use async_graphql::Value;
    let killed = || range(reports.clone().map(|r| r.killed));
    let injured = || range(reports.clone().map(|r| r.injured));
    let number = |n: Option<i32>| n.map_or(Value::Null, Value::from);
    Some(match name {
        "reportCount" => Value::from(reports.clone().count()),
        "killedLowest" => number(killed().0),
        "killedHighest" => number(killed().1),
        "injuredLowest" => number(injured().0),
        "injuredHighest" => number(injured().1),
        "disputed" => Value::Boolean(disputed(killed(), injured())),
        _ => return None,
    })
}

/// Loads an incident's casualty summary through the request's DataLoader.
pub async fn summary_of(ctx: &Context<'_>, incident_id: i64) -> Result<CasualtySummary> {
    let rows =
        loaders::related::<casualty_report::Entity>(ctx, Rel::IncidentCasualtyReports, incident_id)
            .await?;
    Ok(CasualtySummary(rows))
}

/// An incident and its figures.
pub struct IncidentCasualties(Batched<Incident>, CasualtySummary);

/// An incident and its figures.
#[Object]
impl IncidentCasualties {
    /// The incident.
    async fn incident(&self) -> &Batched<Incident> {
        &self.0
    }

    /// Its figures, side by side.
    async fn summary(&self) -> &CasualtySummary {
        &self.1
    }
}

/// Where and when to gather casualty figures.
#[derive(Debug, Clone, Default, InputObject)]
pub struct CasualtyFilter {
    /// Incidents at this place or below it (slug or ID).
    pub place_within: Option<String>,
    /// Incidents starting on or after this date.
    pub from: Option<PartialDate>,
    /// Incidents starting on or before this date.
    pub to: Option<PartialDate>,
}

/// The figures of every incident in a place and period that has any.
#[derive(SimpleObject)]
pub struct CasualtyOverview {
    /// Each incident with its figures, oldest first. No total is given:
    /// incidents can overlap (a national toll covers local ones), and a sum
    /// would count the same dead twice.
    incidents: Vec<IncidentCasualties>,
    /// Whether the sources disagree on any of them.
    disputed: bool,
}

/// Root field for casualty figures.
#[derive(Default)]
pub struct CasualtyQuery;

/// Root field for casualty figures.
#[Object]
impl CasualtyQuery {
    /// Casualty figures of the incidents in a place (and everything below it) and a date range, source by source.
    async fn casualties(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items that match every condition given here.")] filter: Option<
            CasualtyFilter,
        >,
    ) -> Result<CasualtyOverview> {
        let filter = filter.unwrap_or_default();
        let place = filter.place_within.map(|within| PlaceFilter {
            within: Some(within),
            ..Default::default()
        });
        let incidents = IncidentFilter {
            place,
            start_from: filter.from,
            start_to: filter.to,
            ..Default::default()
        };
        let counted = super::filter::in_select(
            incident::Column::Id,
            casualty_report::Column::IncidentId,
            super::filter::all_of(vec![]),
        );
        let condition = incidents
            .condition(ctx)
            .await?
            .add(counted)
            .add(super::filter::live(incident::Entity));
        let order = [(entity::incident::Column::StartDate, sea_orm::Order::Asc)];
        let window = Window {
            offset: 0,
            limit: Some(200),
        };
        let rows = store::pages::find_page::<entity::incident::Entity>(
            db(ctx)?,
            condition,
            &order,
            window,
        )
        .await?;
        // Loaded together, so the DataLoader batches them into one statement.
        let summaries =
            futures_util::future::try_join_all(rows.iter().map(|row| summary_of(ctx, row.id)))
                .await?;
        let disputed = summaries.iter().any(CasualtySummary::is_disputed);
        let items = rows
            .into_iter()
            .map(|row| Item::Read(Box::new(super::Node::Incident(Incident(row)))))
            .collect();
        Ok(CasualtyOverview {
            incidents: Batch::of(items)
                .into_iter()
                .zip(summaries)
                .map(|(incident, summary)| IncidentCasualties(incident, summary))
                .collect(),
            disputed,
        })
    }
}
