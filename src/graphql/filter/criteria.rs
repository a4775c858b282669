//! The conditions of a filter's own fields, added field by field. Each
//! method takes the field as the input holds it and adds nothing when the
//! client left it out, so a filter's `criteria` reads as a list of its
//! fields and the columns they test.

use async_graphql::Context;
use sea_orm::sea_query::Condition;
use sea_orm::ColumnTrait;

use super::{all_of, contains_text, date_between, in_select, linked, one_of, Filter};
use crate::domain::kinds::Stored;
use crate::domain::PartialDate;
use crate::error::Result;

/// The conditions gathered so far for one filter, all of which must hold.
pub struct Criteria<'a, 'c> {
    ctx: &'a Context<'c>,
    parts: Vec<Condition>,
}

impl<'a, 'c> Criteria<'a, 'c> {
    /// Starts from the conditions already gathered (`and`, `or`, `not`).
    pub fn new(ctx: &'a Context<'c>, parts: Vec<Condition>) -> Self {
        Self { ctx, parts }
    }

    /// The request, for fields that look something up first.
    pub fn ctx(&self) -> &'a Context<'c> {
        self.ctx
    }

    /// Adds a condition of the filter's own making.
    pub fn push(&mut self, condition: Condition) {
        self.parts.push(condition);
    }

    /// Every condition gathered, as one.
    pub fn into_condition(self) -> Condition {
        all_of(self.parts)
    }

    /// `column` holds one of `values` (none matches nothing).
    pub fn one_of<K: Stored>(&mut self, column: impl ColumnTrait, values: &Option<Vec<K>>) {
        if let Some(values) = values {
            self.push(one_of(column, values.iter().map(|v| v.stored())));
        }
    }

    /// `column` contains `text`, ignoring case.
    pub fn contains(&mut self, column: impl ColumnTrait, text: &Option<String>) {
        if let Some(text) = text {
            self.push(contains_text(column, text));
        }
    }

    /// `column` is a date within `[from, to]`, each bound inclusive at its precision.
    pub fn dates(
        &mut self,
        column: impl ColumnTrait,
        from: &Option<PartialDate>,
        to: &Option<PartialDate>,
    ) {
        self.parts.extend(date_between(column, from, to));
    }

    /// `column` equals `select` of a row that `filter` matches (a statement's
    /// reporting source, an incident's participants).
    pub async fn nested<F: Filter>(
        &mut self,
        filter: &Option<F>,
        column: impl ColumnTrait,
        select: impl ColumnTrait,
    ) -> Result<()> {
        if let Some(filter) = filter {
            let condition = filter.condition(self.ctx).await?;
            self.push(in_select(column, select, condition));
        }
        Ok(())
    }

    /// `column` owns a row of the link `(owner, target)` whose target is the
    /// `select` of a row that `filter` matches (a statement about an incident,
    /// a person holding a position in an organization).
    pub async fn linked<F: Filter, L: ColumnTrait>(
        &mut self,
        filter: &Option<F>,
        column: impl ColumnTrait,
        link: (L, L),
        select: impl ColumnTrait,
    ) -> Result<()> {
        if let Some(filter) = filter {
            let condition = filter.condition(self.ctx).await?;
            self.push(linked(column, link, select, condition));
        }
        Ok(())
    }
}
