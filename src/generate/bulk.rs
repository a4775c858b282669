//! Bulk inserts: rows are buffered and written as multi-row `INSERT`s, in
//! chunks that stay under every database's limit on bound parameters, so
//! memory stays flat however many rows are generated.

use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ConnectionTrait, DbErr, Value};

/// The most bound parameters one statement carries (SQLite allows 32,766).
const MAX_PARAMETERS: usize = 30_000;

/// A buffered multi-row insert into one table.
pub struct Bulk {
    table: &'static str,
    columns: Vec<&'static str>,
    rows: Vec<Vec<Value>>,
    /// Rows written so far.
    pub written: u64,
}

impl Bulk {
    /// An insert into `table` of rows with the columns named in `columns`,
    /// separated by spaces, in the order each row gives its values.
    pub fn new(table: &'static str, columns: &'static str) -> Self {
        Bulk {
            table,
            columns: columns.split_whitespace().collect(),
            rows: Vec::new(),
            written: 0,
        }
    }

    /// Adds a row, writing the buffer when it is full.
    pub async fn push(&mut self, db: &impl ConnectionTrait, row: Vec<Value>) -> Result<(), DbErr> {
        self.rows.push(row);
        if self.rows.len() * self.columns.len() >= MAX_PARAMETERS {
            self.flush(db).await?;
        }
        Ok(())
    }

    /// Writes the buffered rows.
    pub async fn flush(&mut self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let mut insert = Query::insert();
        insert
            .into_table(self.table)
            .columns(self.columns.iter().copied());
        for row in self.rows.drain(..) {
            self.written += 1;
            insert
                .values(row.into_iter().map(Expr::val))
                .map_err(|e| DbErr::Custom(e.to_string()))?;
        }
        db.execute(&insert).await?;
        Ok(())
    }
}

/// Writes the buffered rows of each insert, in order (parents before children:
/// foreign keys are checked row by row).
pub async fn flush(db: &impl ConnectionTrait, bulks: &mut [&mut Bulk]) -> Result<(), DbErr> {
    for bulk in bulks {
        bulk.flush(db).await?;
    }
    Ok(())
}
