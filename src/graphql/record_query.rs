//! The root fields of a record type, written once: the filtered, ordered,
//! paginated and planned list, its `orderBy` input, and the lookup by ID or
//! slug. Macros for the same reason as `record.rs`'s: async-graphql reads an
//! `#[Object]` impl as written.

/// The `orderBy` input of a list: `NameOrderField` (one variant per way to
/// order, each a list of columns the direction applies to, the first leading)
/// and `NameOrder { field, direction }` with `columns()`.
macro_rules! record_order {
    (
        $order:ident, $field_enum:ident, $m:ident, $plural:literal;
        { $($(#[doc = $vdoc:literal])+ $variant:ident => [$($column:ident),+],)+ }
    ) => {
        #[doc = concat!("What ", $plural, " can be ordered by.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
        pub enum $field_enum {
            $($(#[doc = $vdoc])+ $variant,)+
        }

        #[doc = concat!("The order of a list of ", $plural, ".")]
        #[derive(Debug, Clone, Copy, async_graphql::InputObject)]
        pub struct $order {
            /// What to order by.
            field: $field_enum,
            /// Which way.
            #[graphql(default)]
            direction: $crate::graphql::OrderDirection,
        }

        impl $order {
            /// The columns and directions to sort by: every column follows the
            /// first one's direction, so one index range serves a page.
            fn columns(self) -> Vec<($m::Column, sea_orm::Order)> {
                let direction: sea_orm::Order = self.direction.into();
                let columns: &[$m::Column] = match self.field {
                    $($field_enum::$variant => &[$($m::Column::$column),+],)+
                };
                columns.iter().map(|c| (*c, direction.clone())).collect()
            }
        }
    };
}

/// The root fields of a record type: the list (filtered, scoped to live or
/// recently changed records, ordered, paginated and planned) and the lookup by
/// ID or slug.
macro_rules! record_query {
    (
        $query:ident for $name:ident($m:ident, $kind:ident), $plural:literal;
        $(#[doc = $list_doc:literal])+
        $list:ident, $one:ident($filter:ident) by $order:ident($field_enum:ident), default $default:ident {
            $($(#[doc = $vdoc:literal])+ $variant:ident => [$($column:ident),+],)+
        }
        $(#[doc = $note:literal])*
    ) => {
        record_order! {
            $order, $field_enum, $m, $plural;
            { $($(#[doc = $vdoc])+ $variant => [$($column),+],)+ }
        }

        #[doc = concat!("Root fields that find ", $plural, ".")]
        #[derive(Default)]
        pub struct $query;

        #[doc = concat!("Root fields that find ", $plural, ".")]
        #[async_graphql::Object]
        impl $query {
            $(#[doc = $list_doc])+
            #[allow(clippy::too_many_arguments)]
            #[graphql(complexity = "crate::graphql::pagination::cost(first, last, child_complexity)")]
            async fn $list(
                &self,
                ctx: &async_graphql::Context<'_>,
                #[graphql(desc = "Only the items that match every condition given here.")]
                filter: Option<$filter>,
                #[graphql(desc = "Show retracted records too (hidden by default).")]
                include_retracted: Option<bool>,
                #[graphql(desc = "Only records changed at or after this time (RFC 3339, or a date), for incremental sync.")]
                updated_since: Option<String>,
                #[graphql(desc = "The order of the list.")]
                order_by: Option<$order>,
                #[graphql(desc = "At most this many items, from the start of the list or after `after`.")]
                first: Option<i32>,
                #[graphql(desc = "Continue after the item with this cursor (`pageInfo.endCursor`, or an edge's `cursor`).")]
                after: Option<String>,
                #[graphql(desc = "At most this many items, from the end of the list or before `before`.")]
                last: Option<i32>,
                #[graphql(desc = "Continue before the item with this cursor (`pageInfo.startCursor`, or an edge's `cursor`).")]
                before: Option<String>,
            ) -> $crate::error::Result<$crate::graphql::plan::Planned<$name>> {
                use $crate::graphql::filter::Filter as _;
                let scope = $crate::graphql::filter::scope($m::Entity, include_retracted, updated_since)?;
                let condition = filter.unwrap_or_default().condition(ctx).await?.add(scope);
                let order = order_by.map_or_else(
                    || vec![($m::Column::$default, sea_orm::Order::Asc)],
                    $order::columns,
                );
                let args = $crate::graphql::pagination::PageArgs::new(first, after, last, before);
                $crate::graphql::pagination::root(ctx, &args, condition, &order)
                    .await
                    .map($crate::graphql::plan::Planned)
            }

            #[doc = concat!("One ", stringify!($one), ", by ID or by slug; null, with a NOT_FOUND error at its path, when none has it")]
            #[doc = "(or it is retracted, unless `includeRetracted`)."]
            $(#[doc = $note])*
            async fn $one(
                &self,
                ctx: &async_graphql::Context<'_>,
                #[graphql(desc = "The record's global ID (`Type:slug`, as `Person:dina-boluarte`).")]
                id: Option<async_graphql::ID>,
                #[graphql(desc = "The record's slug: its global ID without the type (`dina-boluarte`).")]
                slug: Option<String>,
                #[graphql(desc = "Find it even if it was retracted.")]
                include_retracted: Option<bool>,
            ) -> $crate::error::Result<Option<$crate::graphql::plan::PlannedOne<$name>>> {
                let kind = $crate::domain::NodeKind::$kind;
                $crate::graphql::find_one::<$m::Entity>(ctx, kind, id, slug, include_retracted)
                    .await
                    .map(|row| Some($crate::graphql::plan::PlannedOne($name(row))))
            }
        }
    };
}
