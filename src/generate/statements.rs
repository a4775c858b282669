//! Generated statements: a speaker from the long tail, one to three
//! incidents, a reporting source, mentions, and a citation.

use sea_orm::ConnectionTrait;

use crate::domain::record_kinds::SpeakerRole;
use crate::domain::speaker_role::{self, Office, Spoken};
use crate::domain::PartialDate;

use super::bulk::{flush, Bulk};
use super::{date, Gen, CHUNK};

const WORDS: [&str; 12] = [
    "repression",
    "protest",
    "curfew",
    "strike",
    "investigation",
    "dialogue",
    "violence",
    "elections",
    "airport",
    "blockade",
    "massacre",
    "justice",
];

/// What the speaker role of a generated statement depends on.
pub struct Speakers {
    /// Whether each organization (by ID - 1) is a state body.
    pub state: Vec<bool>,
    /// Each person's (by ID - 1) public office, if any.
    pub offices: Vec<Option<Office>>,
}

impl Speakers {
    /// The role and its reason for a statement said on `date`, by the same rule as the graph's.
    fn role(
        &self,
        person: Option<i64>,
        organization: Option<i64>,
        date: &str,
    ) -> (SpeakerRole, String) {
        let index = |id: i64| usize::try_from(id - 1).unwrap_or_default();
        match (person, organization) {
            (Some(id), _) => {
                let spoken = Spoken {
                    date: PartialDate::parse(date).ok(),
                    ..Default::default()
                };
                let offices = self.offices.get(index(id)).cloned().flatten();
                speaker_role::of_person(&spoken, offices.as_slice())
            }
            (None, Some(id)) => speaker_role::of_organization(
                &format!("Organization {id}"),
                self.state.get(index(id)).copied().unwrap_or(false),
            ),
            (None, None) => (SpeakerRole::Unknown, String::new()),
        }
    }
}

/// Writes the statements and everything that hangs on them.
pub async fn statements(
    db: &impl ConnectionTrait,
    g: &mut Gen,
    speakers: &Speakers,
) -> Result<(), sea_orm::DbErr> {
    let Gen { rng, shape } = g;
    let columns = "id slug text language date speaker_person_id speaker_organization_id \
                   source_id speaker_role speaker_role_reason";
    let mut rows = Bulk::new("statement", columns);
    let mut about = Bulk::new("statement_incident", "statement_id incident_id");
    let mut mentions = Bulk::new("statement_mention", "id statement_id person_id");
    let mut citations = Bulk::new("citation", "id source_id excerpt statement_id");
    let mut mention_id = 0i64;
    for i in 1..=shape.statements as i64 {
        let by_person = rng.chance(0.9);
        let speaker = 1 + rng.skewed(if by_person {
            shape.persons
        } else {
            shape.organizations
        }) as i64;
        let (person, organization) = if by_person {
            (Some(speaker), None)
        } else {
            (None, Some(speaker))
        };
        let source = 1 + rng.below(shape.sources) as i64;
        let text = format!(
            "Statement {i}: the {} and the {} must be answered with {}.",
            WORDS[rng.below(12) as usize],
            WORDS[rng.below(12) as usize],
            WORDS[rng.below(12) as usize]
        );
        let mut incidents: Vec<i64> = (0..1 + rng.below(3))
            .map(|_| 1 + rng.below(shape.incidents) as i64)
            .collect();
        incidents.sort_unstable();
        incidents.dedup();
        for incident in incidents {
            about.push(db, vec![i.into(), incident.into()]).await?;
        }
        for _ in 0..rng.below(3) {
            mention_id += 1;
            mentions
                .push(
                    db,
                    vec![
                        mention_id.into(),
                        i.into(),
                        (1 + rng.below(shape.persons) as i64).into(),
                    ],
                )
                .await?;
        }
        citations
            .push(
                db,
                vec![i.into(), source.into(), text.clone().into(), i.into()],
            )
            .await?;
        let said = date(rng);
        let (role, reason) = speakers.role(person, organization, &said);
        rows.push(
            db,
            vec![
                i.into(),
                format!("statement-{i}").into(),
                text.into(),
                "en".into(),
                said.into(),
                person.into(),
                organization.into(),
                source.into(),
                role.as_str().into(),
                reason.into(),
            ],
        )
        .await?;
        if i % CHUNK == 0 {
            // Statements before the rows that point at them.
            flush(
                db,
                &mut [&mut rows, &mut about, &mut mentions, &mut citations],
            )
            .await?;
        }
    }
    flush(
        db,
        &mut [&mut rows, &mut about, &mut mentions, &mut citations],
    )
    .await
}
