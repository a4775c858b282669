//! Filters on statements: who spoke, what about, who reported it, when.

use entity::{
    incident, place, source, statement, statement_incident, statement_mention, statement_place,
};
use sea_orm::sea_query::{Condition, Expr, ExprTrait};

use super::{
    in_select, qualified, ActorFilter, Criteria, IncidentFilter, PlaceFilter, SourceFilter,
};
use crate::domain::record_kinds::{SpeakerRole, StatementKind};
use crate::domain::PartialDate;
use crate::error::Result;

record_filter! {
    /// Selects statements.
    StatementFilter on statement;
    /// The statement with this slug.
    {
        /// The speaker matches this filter.
        pub speaker: Option<ActorFilter>,
        /// The statement is about at least one incident matching this filter.
        pub about: Option<IncidentFilter>,
        /// The statement names at least one actor matching this filter.
        pub mentions: Option<ActorFilter>,
        /// The source that reports the statement matches this filter.
        pub source: Option<SourceFilter>,
        /// Said on or after this date (inclusive at its precision).
        pub date_from: Option<PartialDate>,
        /// Said on or before this date (inclusive at its precision).
        pub date_to: Option<PartialDate>,
        /// The statement is in this language (ISO 639-1, e.g. `en`, `es`).
        pub language: Option<String>,
        /// The text contains this text, ignoring case.
        pub text_contains: Option<String>,
        /// The statement is a quote, a quoted fragment or a paraphrase, one of these.
        pub kind: Option<Vec<StatementKind>>,
        /// The speaker held a public office (or is an organ of the state) on the
        /// day spoken (true), or did not (false). Statements whose dates do not
        /// settle it match neither; ask `speakerRole: [OFFICIAL, UNKNOWN]` to include them.
        pub spoken_as_official: Option<bool>,
        /// The speaker's role on the day spoken is one of these.
        pub speaker_role: Option<Vec<SpeakerRole>>,
        /// The statement is about at least one place matching this filter (use `within` for a region).
        pub places: Option<PlaceFilter>,
    }
}

impl StatementFilter {
    /// The conditions of the filter's own fields.
    async fn criteria(&self, c: &mut Criteria<'_, '_>) -> Result<()> {
        use statement::Column::{Id, SpeakerOrganizationId, SpeakerPersonId, SpeakerRole as Role};
        use statement_incident::Column as About;
        use statement_mention::Column as Mention;
        use statement_place::Column as Places;
        if let Some(speakers) = &self.speaker {
            let on = speakers.on_columns(c.ctx(), SpeakerPersonId, SpeakerOrganizationId);
            c.push(on.await?);
        }
        let about = (About::StatementId, About::IncidentId);
        c.linked(&self.about, Id, about, incident::Column::Id)
            .await?;
        if let Some(actors) = &self.mentions {
            let named = actors.on_columns(c.ctx(), Mention::PersonId, Mention::OrganizationId);
            c.push(in_select(Id, Mention::StatementId, named.await?));
        }
        let source = source::Column::Id;
        c.nested(&self.source, statement::Column::SourceId, source)
            .await?;
        c.dates(statement::Column::Date, &self.date_from, &self.date_to);
        if let Some(language) = &self.language {
            let column = Expr::col(qualified(statement::Column::Language));
            c.push(Condition::all().add(column.eq(language.as_str())));
        }
        c.contains(statement::Column::Text, &self.text_contains);
        c.one_of(statement::Column::Kind, &self.kind);
        let official = self.spoken_as_official.map(|official| match official {
            true => vec![SpeakerRole::Official],
            false => vec![SpeakerRole::NotOfficial],
        });
        c.one_of(Role, &official);
        c.one_of(Role, &self.speaker_role);
        let places = (Places::StatementId, Places::PlaceId);
        c.linked(&self.places, Id, places, place::Column::Id).await
    }
}
