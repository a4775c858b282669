//! Counts grouped the way pages show them: incidents by place, organization
//! and month; statements by speaker and month. Each is one statement over the
//! rows a filter selects.

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
        .column(("place_closure", "ancestor_id"))
        .expr_as(
            Expr::col(("incident", "id")).count_distinct(),
            count.clone(),
        )
        .from("incident")
        .inner_join(
            "place_closure",
            Expr::col(("place_closure", "descendant_id")).equals(("incident", "place_id")),
        )
        .inner_join(
            "place",
            Expr::col(("place", "id")).equals(("place_closure", "ancestor_id")),
        )
        .and_where(Expr::col(("place", "kind")).eq(level))
        .cond_where(condition)
        .group_by_col(("place_closure", "ancestor_id"))
        .order_by(count, Order::Desc)
        .order_by(("place_closure", "ancestor_id"), Order::Asc)
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
        .column(("involvement", "organization_id"))
        .expr_as(
            Expr::col(("incident", "id")).count_distinct(),
            count.clone(),
        )
        .from("incident")
        .inner_join(
            "involvement",
            Expr::col(("involvement", "incident_id")).equals(("incident", "id")),
        )
        .cond_where(condition)
        .group_by_col(("involvement", "organization_id"))
        .order_by(count, Order::Desc)
        .order_by(("involvement", "organization_id"), Order::Asc)
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
        .column(("statement", "speaker_person_id"))
        .column(("statement", "speaker_organization_id"))
        .expr_as(Expr::col(("statement", "id")).count(), count.clone())
        .from("statement")
        // A retracted speaker is not listed (nor counted), like everywhere else.
        .left_join(
            "person",
            Expr::col(("person", "id")).equals(("statement", "speaker_person_id")),
        )
        .left_join(
            "organization",
            Expr::col(("organization", "id")).equals(("statement", "speaker_organization_id")),
        )
        .and_where(
            Expr::expr(Func::coalesce([
                Expr::col(("person", "retracted")),
                Expr::col(("organization", "retracted")),
            ]))
            .eq(false),
        )
        .cond_where(condition)
        .group_by_col(("statement", "speaker_person_id"))
        .group_by_col(("statement", "speaker_organization_id"))
        .order_by(count, Order::Desc)
        .order_by_with_nulls(
            ("statement", "speaker_person_id"),
            Order::Asc,
            NullOrdering::Last,
        )
        .order_by_with_nulls(
            ("statement", "speaker_organization_id"),
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
