//! Counts grouped the way pages show them: incidents by place, organization
//! and month; statements by speaker and month. Each is one statement over the
//! rows a filter selects.

use entity::{incident, involvement, organization, person, place, place_closure, statement};
use sea_orm::sea_query::{
    Alias, Asterisk, Condition, Expr, ExprTrait, Func, NullOrdering, Order, Query, SelectStatement,
};
use sea_orm::{ColumnTrait, ConnectionTrait};

use super::{on, qualified};
use crate::error::Result;

/// Runs a grouping query whose first column is the group key and last the count.
async fn grouped<K: sea_orm::TryGetable>(
    db: &impl ConnectionTrait,
    query: SelectStatement,
) -> Result<Vec<(K, i64)>> {
    let rows = db.query_all(&query).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push((
            row.try_get_by_index::<K>(0)?,
            row.try_get_by_index::<i64>(1)?,
        ));
    }
    Ok(out)
}

/// `SELECT key, COUNT(DISTINCT incident.id) AS n FROM incident` grouped by
/// `key`, most first, then by `key`: the caller joins the key's table and
/// adds the conditions.
fn incidents_per(key: impl ColumnTrait) -> SelectStatement {
    let count = Alias::new("n");
    let key = qualified(key);
    let incidents = Expr::col(qualified(incident::Column::Id)).count_distinct();
    Query::select()
        .column(key)
        .expr_as(incidents, count.clone())
        .from(incident::Entity)
        .group_by_col(key)
        .order_by(count, Order::Desc)
        .order_by(key, Order::Asc)
        .to_owned()
}

/// Incidents matching `condition`, counted per place of kind `level` they lie within (most first).
pub async fn incidents_by_place(
    db: &impl ConnectionTrait,
    level: &str,
    condition: Condition,
) -> Result<Vec<(i64, i64)>> {
    use place_closure::Column::{AncestorId, DescendantId};
    let query = incidents_per(AncestorId)
        .inner_join(
            place_closure::Entity,
            on(DescendantId, incident::Column::PlaceId),
        )
        .inner_join(place::Entity, on(place::Column::Id, AncestorId))
        .and_where(Expr::col(qualified(place::Column::Kind)).eq(level))
        .cond_where(condition)
        .to_owned();
    grouped(db, query).await
}

/// Incidents matching `condition`, counted per involved organization (most first).
pub async fn incidents_by_organization(
    db: &impl ConnectionTrait,
    condition: Condition,
) -> Result<Vec<(i64, i64)>> {
    let involved = on(involvement::Column::IncidentId, incident::Column::Id);
    let query = incidents_per(involvement::Column::OrganizationId)
        .inner_join(involvement::Entity, involved)
        .cond_where(condition)
        .to_owned();
    grouped(db, query).await
}

/// Rows matching `condition`, counted per month of their `date` column
/// (rows dated only to a year are left out), in month order.
pub async fn by_month<C: ColumnTrait>(
    db: &impl ConnectionTrait,
    date: C,
    condition: Condition,
) -> Result<Vec<(String, i64)>> {
    // Stored dates are ISO text at their precision: a month is its first 7 characters.
    let month = Func::cust("SUBSTR")
        .arg(Expr::col(qualified(date)))
        .arg(1)
        .arg(7);
    let dated_to_month = Expr::expr(Func::cust("LENGTH").arg(Expr::col(qualified(date)))).gte(7);
    let query = Query::select()
        .expr_as(month, Alias::new("month"))
        .expr(Expr::col(Asterisk).count())
        .from(C::EntityName::default())
        .and_where(dated_to_month)
        .cond_where(condition)
        .group_by_columns([Alias::new("month")])
        .order_by(Alias::new("month"), Order::Asc)
        .to_owned();
    grouped(db, query).await
}

/// Statements matching `condition`, counted per speaker (most first): (person, organization, count).
pub async fn statements_by_speaker(
    db: &impl ConnectionTrait,
    condition: Condition,
    limit: u64,
) -> Result<Vec<(Option<i64>, Option<i64>, i64)>> {
    let count = Alias::new("n");
    let query = Query::select()
        .column((statement::Entity, statement::Column::SpeakerPersonId))
        .column((statement::Entity, statement::Column::SpeakerOrganizationId))
        .expr_as(
            Expr::col((statement::Entity, statement::Column::Id)).count(),
            count.clone(),
        )
        .from(statement::Entity)
        // A retracted speaker is not listed (nor counted), like everywhere else.
        .left_join(
            person::Entity,
            on(person::Column::Id, statement::Column::SpeakerPersonId),
        )
        .left_join(
            organization::Entity,
            on(
                organization::Column::Id,
                statement::Column::SpeakerOrganizationId,
            ),
        )
        .and_where(
            Expr::expr(Func::coalesce([
                Expr::col((person::Entity, person::Column::Retracted)),
                Expr::col((organization::Entity, organization::Column::Retracted)),
            ]))
            .eq(false),
        )
        .cond_where(condition)
        .group_by_col((statement::Entity, statement::Column::SpeakerPersonId))
        .group_by_col((statement::Entity, statement::Column::SpeakerOrganizationId))
        .order_by(count, Order::Desc)
        .order_by_with_nulls(
            (statement::Entity, statement::Column::SpeakerPersonId),
            Order::Asc,
            NullOrdering::Last,
        )
        .order_by_with_nulls(
            (statement::Entity, statement::Column::SpeakerOrganizationId),
            Order::Asc,
            NullOrdering::Last,
        )
        .limit(limit)
        .to_owned();
    let rows = db.query_all(&query).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push((
            row.try_get_by_index(0)?,
            row.try_get_by_index(1)?,
            row.try_get_by_index(2)?,
        ));
    }
    Ok(out)
}
