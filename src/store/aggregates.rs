//! Counts grouped the way pages show them: incidents by place, organization
//! and month; statements by speaker and month. Each is one statement over the
//! rows a filter selects.

use entity::{incident, involvement, organization, person, place, place_closure, statement};
use sea_orm::sea_query::{
    Alias, Condition, Expr, ExprTrait, Func, NullOrdering, Order, Query, SelectStatement,
};
use sea_orm::ConnectionTrait;

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

/// Incidents matching `condition`, counted per place of kind `level` they lie within (most first).
pub async fn incidents_by_place(
    db: &impl ConnectionTrait,
    level: &str,
    condition: Condition,
) -> Result<Vec<(i64, i64)>> {
    let count = Alias::new("n");
    let query = Query::select()
        .column((place_closure::Entity, place_closure::Column::AncestorId))
        .expr_as(
            Expr::col((incident::Entity, incident::Column::Id)).count_distinct(),
            count.clone(),
        )
        .from("incident")
        .inner_join(
            "place_closure",
            Expr::col((place_closure::Entity, place_closure::Column::DescendantId))
                .equals((incident::Entity, incident::Column::PlaceId)),
        )
        .inner_join(
            "place",
            Expr::col((place::Entity, place::Column::Id))
                .equals((place_closure::Entity, place_closure::Column::AncestorId)),
        )
        .and_where(Expr::col((place::Entity, place::Column::Kind)).eq(level))
        .cond_where(condition)
        .group_by_col((place_closure::Entity, place_closure::Column::AncestorId))
        .order_by(count, Order::Desc)
        .order_by(
            (place_closure::Entity, place_closure::Column::AncestorId),
            Order::Asc,
        )
        .to_owned();
    grouped(db, query).await
}

/// Incidents matching `condition`, counted per involved organization (most first).
pub async fn incidents_by_organization(
    db: &impl ConnectionTrait,
    condition: Condition,
) -> Result<Vec<(i64, i64)>> {
    let count = Alias::new("n");
    let query = Query::select()
        .column((involvement::Entity, involvement::Column::OrganizationId))
        .expr_as(
            Expr::col((incident::Entity, incident::Column::Id)).count_distinct(),
            count.clone(),
        )
        .from("incident")
        .inner_join(
            "involvement",
            Expr::col((involvement::Entity, involvement::Column::IncidentId))
                .equals((incident::Entity, incident::Column::Id)),
        )
        .cond_where(condition)
        .group_by_col((involvement::Entity, involvement::Column::OrganizationId))
        .order_by(count, Order::Desc)
        .order_by(
            (involvement::Entity, involvement::Column::OrganizationId),
            Order::Asc,
        )
        .to_owned();
    grouped(db, query).await
}

/// Rows of `table` matching `condition`, counted per month of `date_column`
/// (rows dated only to a year are left out), in month order.
pub async fn by_month(
    db: &impl ConnectionTrait,
    table: &'static str,
    date_column: &'static str,
    condition: Condition,
) -> Result<Vec<(String, i64)>> {
    let month = Expr::cust(format!("SUBSTR({table}.{date_column}, 1, 7)"));
    let query = Query::select()
        .expr_as(month.clone(), Alias::new("month"))
        .expr(Expr::col((table, "id")).count())
        .from(table)
        .and_where(Expr::cust(format!("LENGTH({table}.{date_column}) >= 7")))
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
        .from("statement")
        // A retracted speaker is not listed (nor counted), like everywhere else.
        .left_join(
            "person",
            Expr::col((person::Entity, person::Column::Id))
                .equals((statement::Entity, statement::Column::SpeakerPersonId)),
        )
        .left_join(
            "organization",
            Expr::col((organization::Entity, organization::Column::Id))
                .equals((statement::Entity, statement::Column::SpeakerOrganizationId)),
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
