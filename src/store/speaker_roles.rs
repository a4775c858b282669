//! Keeps `statement.speaker_role` in step with the graph.
//!
//! Whether a speaker held office when speaking depends on the statement's
//! dates, the speaker's public positions (or, for an organization, its kind)
//! and the reporting source's date. It is stored on the statement so the
//! statement filter can ask for it in SQL; every import and every change
//! that touches one of those records recomputes it here, in the same
//! transaction. A role the source states itself ("the now-retired General
//! Canales") is kept as stated.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use entity::{organization, position, source, statement};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Select};

use crate::domain::kinds::OrganizationKind;
use crate::domain::speaker_role::{self, Office, Spoken};
use crate::domain::{NodeKind, PartialDate};
use crate::error::Result;

/// The row IDs of the records a change touched, by kind. A statement's role
/// may move with the statement itself, its speaker (a person whose positions
/// changed or who was merged, an organization whose kind changed), a position
/// of its speaker, or its reporting source (whose publication date bounds
/// when the words were said); other kinds do not matter here.
#[derive(Debug, Default, Clone)]
pub struct Touched(pub BTreeMap<NodeKind, BTreeSet<i64>>);

/// The kinds a statement's role depends on.
const ROLE_KINDS: [NodeKind; 5] = [
    NodeKind::Statement,
    NodeKind::Person,
    NodeKind::Position,
    NodeKind::Organization,
    NodeKind::Source,
];

impl Touched {
    /// The touched records of `kind`.
    fn ids(&self, kind: NodeKind) -> Vec<i64> {
        self.0
            .get(&kind)
            .map(|ids| ids.iter().copied().collect())
            .unwrap_or_default()
    }

    /// Whether nothing a statement's role depends on was touched.
    pub fn is_empty(&self) -> bool {
        ROLE_KINDS.iter().all(|kind| self.ids(*kind).is_empty())
    }

    /// The statements whose role may depend on what was touched, unless stated by their source.
    fn condition(&self) -> Condition {
        let positions = Query::select()
            .column(position::Column::PersonId)
            .from(position::Entity)
            .and_where(position::Column::Id.is_in(self.ids(NodeKind::Position)))
            .to_owned();
        Condition::any()
            .add(statement::Column::Id.is_in(self.ids(NodeKind::Statement)))
            .add(statement::Column::SpeakerPersonId.is_in(self.ids(NodeKind::Person)))
            .add(statement::Column::SpeakerOrganizationId.is_in(self.ids(NodeKind::Organization)))
            .add(statement::Column::SourceId.is_in(self.ids(NodeKind::Source)))
            .add(statement::Column::SpeakerPersonId.in_subquery(positions))
    }
}

/// Recomputes the speaker role of every statement `touched` reaches.
pub async fn refresh(db: &impl ConnectionTrait, touched: &Touched) -> Result<()> {
    if touched.is_empty() {
        return Ok(());
    }
    let statements = statement::Entity::find()
        .filter(touched.condition())
        .filter(Expr::col(statement::Column::SpeakerRoleStated).is_null())
        .all(db)
        .await?;
    let offices = offices(db, statements.iter().filter_map(|s| s.speaker_person_id)).await?;
    let bodies = bodies(
        db,
        statements.iter().filter_map(|s| s.speaker_organization_id),
    )
    .await?;
    let published = published(db, statements.iter().map(|s| s.source_id)).await?;
    let mut updates: BTreeMap<(String, String), Vec<i64>> = BTreeMap::new();
    for s in &statements {
        let spoken = Spoken {
            date: PartialDate::from_stored(&s.date),
            not_before: PartialDate::from_stored(&s.not_before),
            not_after: PartialDate::from_stored(&s.not_after),
            reported: published.get(&s.source_id).copied().flatten(),
        };
        let (role, reason) = match (s.speaker_person_id, s.speaker_organization_id) {
            (Some(person), _) => speaker_role::of_person(
                &spoken,
                offices.get(&person).map_or(&[][..], Vec::as_slice),
            ),
            (None, Some(org)) => match bodies.get(&org) {
                Some((name, state)) => speaker_role::of_organization(name, *state),
                None => continue,
            },
            (None, None) => continue,
        };
        if s.speaker_role != role.as_str() || s.speaker_role_reason.as_deref() != Some(&reason) {
            let key = (role.as_str().to_string(), reason);
            updates.entry(key).or_default().push(s.id);
        }
    }
    for ((role, reason), ids) in updates {
        statement::Entity::update_many()
            .col_expr(statement::Column::SpeakerRole, Expr::value(role))
            .col_expr(statement::Column::SpeakerRoleReason, Expr::value(reason))
            .filter(statement::Column::Id.is_in(ids))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// The rows of `C`'s table whose `column` is one of `ids`.
fn rows_in<C>(column: C, ids: impl Iterator<Item = i64>) -> Select<C::EntityName>
where
    C: ColumnTrait,
    C::EntityName: EntityTrait,
{
    C::EntityName::find().filter(column.is_in(ids.collect::<Vec<_>>()))
}

/// The live public offices of each person, labelled "title (organization)".
async fn offices(
    db: &impl ConnectionTrait,
    persons: impl Iterator<Item = i64>,
) -> Result<HashMap<i64, Vec<Office>>> {
    let rows = rows_in(position::Column::PersonId, persons)
        .filter(position::Column::IsPublicOffice.eq(true))
        .filter(position::Column::Retracted.eq(false))
        .all(db)
        .await?;
    let names = bodies(db, rows.iter().map(|p| p.organization_id)).await?;
    let mut offices: HashMap<i64, Vec<Office>> = HashMap::new();
    for p in rows {
        let org = names
            .get(&p.organization_id)
            .map_or("", |(n, _)| n.as_str());
        offices.entry(p.person_id).or_default().push(Office {
            label: format!("{} ({org})", p.title),
            start: PartialDate::from_stored(&p.start_date),
            end: PartialDate::from_stored(&p.end_date),
            ended_by: PartialDate::from_stored(&p.ended_by),
        });
    }
    Ok(offices)
}

/// Each organization's name and whether it is an organ of the state.
async fn bodies(
    db: &impl ConnectionTrait,
    ids: impl Iterator<Item = i64>,
) -> Result<HashMap<i64, (String, bool)>> {
    let rows = rows_in(organization::Column::Id, ids).all(db).await?;
    Ok(rows
        .into_iter()
        .map(|o| {
            let state = OrganizationKind::from_stored(&o.kind).is_some_and(|k| k.is_state());
            (o.id, (o.name, state))
        })
        .collect())
}

/// Each source's publication date.
async fn published(
    db: &impl ConnectionTrait,
    ids: impl Iterator<Item = i64>,
) -> Result<HashMap<i64, Option<PartialDate>>> {
    let rows = rows_in(source::Column::Id, ids).all(db).await?;
    Ok(rows
        .into_iter()
        .map(|s| (s.id, PartialDate::from_stored(&s.published_at)))
        .collect())
}
