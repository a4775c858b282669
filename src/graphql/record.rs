//! What every record type shares, written once: the wrapper around its entity
//! model, the fields every record has (`id`, `slug`, `version`, `retracted`,
//! `updatedAt`), and the shorthands for its paginated to-many, loaded,
//! to-one and date fields; the same field lines serve the types that wrap a
//! link row. Its root fields are in `record_query.rs`.
//!
//! These are `macro_rules!` rather than generics because async-graphql reads
//! an `#[Object]` impl's items as written: a field cannot come from a trait or
//! a helper, so the shared fields must be spelled out inside each impl. The
//! macros spell them out before `#[Object]` runs.

/// A record type: `pub struct Name(pub module::Model)`, its list and plan
/// hooks, and its `#[Object]` impl with the shared record fields first, then
/// the body's fields in order. In the body, a field written
/// `/// doc connection name: Item = Rel::X;` becomes a Relay connection over
/// that relation with the usual `first`/`after`/`last`/`before` arguments
/// (`connection name(arg: Type): Item = expr;` adds an argument the relation
/// expression may read),
/// `/// doc list name: Item(module) = Rel::X;` the whole list of a
/// relation through the request's loader, `/// doc one name: Item = column;`
/// the record the reference `column` points to (`optional` for a nullable
/// one), `/// doc date name = column;` a partial date stored in `column`, and
/// `/// doc inferred;` the `inferred` flag (with that doc) and the
/// `inference` that explains it.
macro_rules! record_type {
    (
        $(#[doc = $doc:literal])+
        $name:ident($m:ident, $kind:ident);
        id: $id_doc:literal;
        slug: $($slug_doc:literal)+;
        { $($body:tt)* }
    ) => {
        $(#[doc = $doc])+
        pub struct $name(pub $m::Model);

        impl $crate::graphql::pagination::ListNode for $name {
            type Entity = $m::Entity;
            fn wrap(model: $m::Model) -> Self {
                $name(model)
            }
        }

        impl $crate::graphql::plan::Plannable for $name {
            const TY: $crate::graphql::plan::Ty = $crate::graphql::plan::Ty::$name;
            fn row(&self) -> $crate::graphql::plan::Row {
                $crate::graphql::plan::Row::$name(self.0.clone())
            }
        }

        // The `#[Object]` attribute, the connections' complexity and their
        // `first`/`last` arguments are written here, in one expansion, and
        // passed along: async-graphql binds `child_complexity` at the
        // attribute's call site and the arguments by their own spans, so all
        // three must share this expansion's hygiene.
        record_type!(@munch [
            [$(#[doc = $doc])+] $name $kind $id_doc [$($slug_doc)+]
            [#[async_graphql::Object]]
            ["crate::graphql::pagination::cost(first, last, child_complexity)" first last]
        ] [] $($body)*);
    };
    (@munch $head:tt [$($out:tt)*]) => {
        record_type!(@emit $head $($out)*);
    };
    (
        @munch [$h0:tt $h1:tt $h2:tt $h3:tt $h4:tt $h5:tt [$cx:literal $first:ident $last:ident]]
        [$($out:tt)*]
        $(#[doc = $d:literal])+ connection $field:ident $(($($arg:tt)*))?: $item:ident = $rel:expr;
        $($rest:tt)*
    ) => {
        record_type!(@munch [$h0 $h1 $h2 $h3 $h4 $h5 [$cx $first $last]] [$($out)*
            $(#[doc = $d])+
            #[graphql(complexity = $cx)]
            pub async fn $field(
                &self,
                ctx: &async_graphql::Context<'_>,
                $($($arg)*,)?
                #[graphql(desc = "At most this many items, from the start of the list or after `after`.")]
                $first: Option<i32>,
                #[graphql(desc = "Continue after the item with this cursor (`pageInfo.endCursor`, or an edge's `cursor`).")]
                after: Option<String>,
                #[graphql(desc = "At most this many items, from the end of the list or before `before`.")]
                $last: Option<i32>,
                #[graphql(desc = "Continue before the item with this cursor (`pageInfo.startCursor`, or an edge's `cursor`).")]
                before: Option<String>,
            ) -> $crate::error::Result<$crate::graphql::pagination::Connection<$item>> {
                let args = $crate::graphql::pagination::PageArgs::new($first, after, $last, before);
                $crate::graphql::pagination::related(ctx, $rel, self.0.id, &args).await
            }
        ] $($rest)*);
    };
    (
        @munch $head:tt [$($out:tt)*]
        $(#[doc = $d:literal])+ list $field:ident: $item:ident($m:ident) = $rel:expr;
        $($rest:tt)*
    ) => {
        record_type!(@munch $head [$($out)*
            $(#[doc = $d])+
            pub async fn $field(
                &self,
                ctx: &async_graphql::Context<'_>,
            ) -> $crate::error::Result<Vec<$item>> {
                let rows = $crate::graphql::loaders::related::<$m::Entity>(ctx, $rel, self.0.id).await?;
                Ok(rows.into_iter().map($item).collect())
            }
        ] $($rest)*);
    };
    // A record the row points to: `one` for a required reference,
    // `optional` for a nullable one.
    (@munch $head:tt $out:tt $(#[doc = $d:literal])+ one $field:ident: $item:ident = $column:ident; $($rest:tt)*) => {
        record_type!(@to_one $head $out [$(#[doc = $d])+] $field [$item] referenced $column $($rest)*);
    };
    (@munch $head:tt $out:tt $(#[doc = $d:literal])+ optional $field:ident: $item:ident = $column:ident; $($rest:tt)*) => {
        record_type!(@to_one $head $out [$(#[doc = $d])+] $field [Option<$item>] maybe_referenced $column $($rest)*);
    };
    (@to_one $head:tt [$($out:tt)*] [$($doc:tt)+] $field:ident [$($ty:tt)+] $load:ident $column:ident $($rest:tt)*) => {
        record_type!(@munch $head [$($out)*
            $($doc)+
            pub async fn $field(&self, ctx: &async_graphql::Context<'_>) -> $crate::error::Result<$($ty)+> {
                $crate::graphql::$load(ctx, self.0.$column).await
            }
        ] $($rest)*);
    };
    (
        @munch $head:tt [$($out:tt)*]
        $(#[doc = $d:literal])+ date $field:ident = $column:ident;
        $($rest:tt)*
    ) => {
        record_type!(@munch $head [$($out)*
            $(#[doc = $d])+
            pub async fn $field(&self) -> Option<$crate::domain::PartialDate> {
                $crate::graphql::scalars::stored_date(&self.0.$column)
            }
        ] $($rest)*);
    };
    (
        @munch $head:tt [$($out:tt)*]
        $(#[doc = $d:literal])+ inferred;
        $($rest:tt)*
    ) => {
        record_type!(@munch $head [$($out)*
            $(#[doc = $d])+
            pub async fn inferred(&self) -> bool {
                self.0.inferred
            }

            /// What was inferred, and from which words.
            pub async fn inference(&self) -> Option<&str> {
                self.0.inference.as_deref()
            }
        ] $($rest)*);
    };
    // Any other field passes through as written. Its parts are matched as
    // single tokens, not as `ty` or `meta` fragments: a fragment reaches
    // async-graphql as an opaque group, and it would no longer see that the
    // return type is a `Result`.
    (
        @munch $head:tt [$($out:tt)*]
        $(#[$($attr:tt)*])* $(pub)? async fn $field:ident $params:tt -> $($rest:tt)*
    ) => {
        record_type!(@ret $head [$($out)*] [$(#[$($attr)*])* pub async fn $field $params] [] $($rest)*);
    };
    // The return type: every token up to the body's braces (a return type
    // holds none). Up to four tokens go per step, so that a type's fields
    // stay well inside the compiler's recursion limit (the largest type,
    // `Statement`, needs between 48 and 64 nested expansions of the default
    // 128): the body is looked for in each of the next four places before
    // four tokens are taken.
    (@ret $head:tt [$($out:tt)*] [$($sig:tt)*] [$($ret:tt)*] { $($body:tt)* } $($rest:tt)*) => {
        record_type!(@munch $head [$($out)* $($sig)* -> $($ret)* { $($body)* }] $($rest)*);
    };
    (@ret $head:tt $out:tt $sig:tt [$($ret:tt)*] $a:tt { $($body:tt)* } $($rest:tt)*) => {
        record_type!(@ret $head $out $sig [$($ret)* $a] { $($body)* } $($rest)*);
    };
    (@ret $head:tt $out:tt $sig:tt [$($ret:tt)*] $a:tt $b:tt { $($body:tt)* } $($rest:tt)*) => {
        record_type!(@ret $head $out $sig [$($ret)* $a $b] { $($body)* } $($rest)*);
    };
    (@ret $head:tt $out:tt $sig:tt [$($ret:tt)*] $a:tt $b:tt $c:tt { $($body:tt)* } $($rest:tt)*) => {
        record_type!(@ret $head $out $sig [$($ret)* $a $b $c] { $($body)* } $($rest)*);
    };
    (@ret $head:tt $out:tt $sig:tt [$($ret:tt)*] $a:tt $b:tt $c:tt $d:tt $($rest:tt)*) => {
        record_type!(@ret $head $out $sig [$($ret)* $a $b $c $d] $($rest)*);
    };
    (@emit [[$($doc:tt)+] $name:ident link [] [] [$($object:tt)+] $connections:tt] $($out:tt)*) => {
        $($doc)+
        $($object)+
        impl $name {
            $($out)*
        }
    };
    (
        @emit [
            [$($doc:tt)+] $name:ident $kind:ident $id_doc:literal [$($slug_doc:literal)+]
            [$($object:tt)+] $connections:tt
        ]
        $($out:tt)*
    ) => {
        $($doc)+
        $($object)+
        impl $name {
            #[doc = $id_doc]
            pub async fn id(&self, _ctx: &async_graphql::Context<'_>) -> async_graphql::ID {
                $crate::graphql::node_id($crate::domain::NodeKind::$kind, &self.0.slug)
            }

            $(#[doc = $slug_doc])+
            pub async fn slug(&self, _ctx: &async_graphql::Context<'_>) -> &str {
                &self.0.slug
            }

            /// The record's version: bumped by every change, and sent back with an update.
            async fn version(&self) -> i32 {
                self.0.version
            }

            /// Whether the record was retracted (hidden from lists, kept with its history).
            async fn retracted(&self) -> bool {
                self.0.retracted
            }

            /// When the record last changed (RFC 3339, UTC); null for data loaded before history began.
            async fn updated_at(&self) -> Option<&str> {
                self.0.updated_at.as_deref()
            }

            $($out)*
        }
    };
}

/// A type that wraps a link row (an organization's part in an incident, a
/// citation): `pub struct Name(pub module::Model)` and its `#[Object]` impl,
/// with the fields of its body written as in [`record_type!`] (`one` for a
/// record the row points to).
macro_rules! link_type {
    ($(#[doc = $doc:literal])+ $name:ident($m:ident); { $($body:tt)* }) => {
        $(#[doc = $doc])+
        pub struct $name(pub $m::Model);

        record_type!(@munch [
            [$(#[doc = $doc])+] $name link [] []
            [#[async_graphql::Object]]
            ["crate::graphql::pagination::cost(first, last, child_complexity)" first last]
        ] [] $($body)*);
    };
}
