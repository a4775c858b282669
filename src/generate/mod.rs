//! `quipu generate`: a synthetic graph of realistic shape for benchmarks.
//!
//! A place tree four levels deep (country, 25 regions, 200 provinces, 1,000
//! cities; region 0 is "Puno"), organizations a third of them state bodies,
//! speakers with a long tail, one to three incidents per statement, casualty
//! reports from several sources, and citations. The same
//! seed gives the same graph. Rows are streamed in chunks, so memory stays
//! flat at a million statements. Needs an empty, migrated database.

mod bulk;
mod rng;
mod statements;

use crate::domain::speaker_role::Office;
use crate::domain::PartialDate;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};

use crate::domain::kinds::{IncidentKind, OrganizationKind, SourceKind};
use crate::domain::slug::slugify;
use crate::store;
use bulk::{flush, Bulk};
pub use rng::Rng;

/// How big a graph to make.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// Statements.
    pub statements: u64,
    /// Persons (speakers and others).
    pub persons: u64,
    /// Organizations.
    pub organizations: u64,
    /// Sources.
    pub sources: u64,
    /// Incidents.
    pub incidents: u64,
}

impl Shape {
    /// The shape of a graph with `statements` statements.
    pub fn for_statements(statements: u64) -> Self {
        Shape {
            statements,
            persons: (statements / 50).max(50),
            organizations: 200,
            sources: (statements / 20).max(20),
            incidents: (statements / 10).max(20),
        }
    }
}

/// What the generators draw from: the seeded randomness and the shape.
pub(crate) struct Gen {
    rng: Rng,
    shape: Shape,
}

/// Rows of a parent table written before their children, so foreign keys hold.
pub(crate) const CHUNK: i64 = 1_000;
pub(crate) const REGIONS: u64 = 25;
pub(crate) const PROVINCES_PER_REGION: u64 = 8;
pub(crate) const CITIES_PER_PROVINCE: u64 = 5;
const FIRST: [&str; 10] = [
    "Ana", "Luis", "María", "José", "Rosa", "Jorge", "Carmen", "Víctor", "Elena", "Pedro",
];
const LAST: [&str; 10] = [
    "Quispe", "Mamani", "Huamán", "Flores", "Rojas", "Torres", "Castillo", "Vargas", "Chávez",
    "Ramos",
];

/// The ID of place `(region, province, city)`: 1 is the country, then regions, provinces and cities.
pub(crate) fn city_id(region: u64, province: u64, city: u64) -> i64 {
    (1 + REGIONS
        + REGIONS * PROVINCES_PER_REGION
        + ((region * PROVINCES_PER_REGION + province) * CITIES_PER_PROVINCE + city)
        + 1) as i64
}

/// A date from 2015 to 2024, to the day nine times in ten and to the month otherwise.
pub(crate) fn date(rng: &mut Rng) -> String {
    let (year, month, day) = (2015 + rng.below(10), 1 + rng.below(12), 1 + rng.below(28));
    if rng.chance(0.1) {
        format!("{year:04}-{month:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02}")
    }
}

/// Fills an empty, migrated database with a synthetic graph; returns a summary.
pub async fn generate(
    db: &DatabaseConnection,
    shape: Shape,
    seed: u64,
) -> Result<String, sea_orm::DbErr> {
    // Generated data can be made again: skip waiting for each commit to reach the disk.
    match db.get_database_backend() {
        DbBackend::Sqlite => db.execute_unprepared("PRAGMA synchronous=NORMAL").await?,
        _ => {
            db.execute_unprepared("SET synchronous_commit = off")
                .await?
        }
    };
    let mut g = Gen {
        rng: Rng::new(seed),
        shape,
    };
    places(db).await?;
    let state = organizations(db, &mut g).await?;
    let offices = persons(db, &mut g).await?;
    sources(db, &mut g).await?;
    incidents(db, &mut g).await?;
    let speakers = statements::Speakers { state, offices };
    statements::statements(db, &mut g, &speakers).await?;
    store::places::rebuild_closure(db)
        .await
        .map_err(|e| sea_orm::DbErr::Custom(format!("{e:?}")))?;
    store::registry::reset_sequences(db).await?;
    store::search::record_bulk_load(db, "generated graph")
        .await
        .map_err(|e| sea_orm::DbErr::Custom(format!("{e:?}")))?;
    crate::search::local::committed(db);
    Ok(format!(
        "{} statements, {} persons, {} organizations, {} sources, {} incidents, {} places",
        shape.statements,
        shape.persons,
        shape.organizations,
        shape.sources,
        shape.incidents,
        1 + REGIONS * (1 + PROVINCES_PER_REGION * (1 + CITIES_PER_PROVINCE))
    ))
}

/// The place tree.
async fn places(db: &impl ConnectionTrait) -> Result<(), sea_orm::DbErr> {
    let mut rows = Bulk::new("place", "id slug name kind parent_id");
    let push = |id: i64, name: String, slug: String, kind: &str, parent: Option<i64>| {
        vec![
            id.into(),
            slug.into(),
            name.into(),
            kind.into(),
            parent.into(),
        ]
    };
    let mut all = vec![push(1, "Peru".into(), "peru".into(), "country", None)];
    for r in 0..REGIONS {
        let region = 2 + r as i64;
        let name = if r == 0 {
            "Puno".to_string()
        } else {
            format!("Region {r}")
        };
        all.push(push(
            region,
            name.clone(),
            slugify(&name),
            "region",
            Some(1),
        ));
        for p in 0..PROVINCES_PER_REGION {
            let province = (1 + REGIONS + r * PROVINCES_PER_REGION + p + 1) as i64;
            all.push(push(
                province,
                format!("Province {r}-{p}"),
                format!("province-{r}-{p}"),
                "province",
                Some(region),
            ));
            for c in 0..CITIES_PER_PROVINCE {
                all.push(push(
                    city_id(r, p, c),
                    format!("City {r}-{p}-{c}"),
                    format!("city-{r}-{p}-{c}"),
                    "city",
                    Some(province),
                ));
            }
        }
    }
    for row in all {
        rows.push(db, row).await?;
    }
    rows.flush(db).await
}

/// Organizations: every third a state body. Returns whether each (by ID - 1) is one.
async fn organizations(
    db: &impl ConnectionTrait,
    g: &mut Gen,
) -> Result<Vec<bool>, sea_orm::DbErr> {
    let Gen { rng, shape } = g;
    let mut state = Vec::with_capacity(shape.organizations as usize);
    let mut rows = Bulk::new("organization", "id slug name kind");
    for i in 1..=shape.organizations as i64 {
        let kind = if i % 3 == 0 {
            OrganizationKind::STATE[rng.below(OrganizationKind::STATE.len() as u64) as usize]
        } else {
            OrganizationKind::ALL[rng.below(OrganizationKind::ALL.len() as u64) as usize]
        };
        state.push(kind.is_state());
        let name = format!("Organization {i}");
        rows.push(
            db,
            vec![
                i.into(),
                slugify(&name).into(),
                name.into(),
                kind.as_str().into(),
            ],
        )
        .await?;
    }
    rows.flush(db).await?;
    Ok(state)
}

/// Persons, each with a position; positions in state bodies are public
/// offices. Returns each person's (by ID - 1) public office, if any.
async fn persons(
    db: &impl ConnectionTrait,
    g: &mut Gen,
) -> Result<Vec<Option<Office>>, sea_orm::DbErr> {
    let Gen { rng, shape } = g;
    let mut offices = Vec::with_capacity(shape.persons as usize);
    let mut rows = Bulk::new("person", "id slug name");
    let mut positions = Bulk::new(
        "position",
        "id slug person_id organization_id title is_public_office start_date",
    );
    for i in 1..=shape.persons as i64 {
        let name = format!(
            "{} {} {i}",
            FIRST[rng.below(10) as usize],
            LAST[rng.below(10) as usize]
        );
        let org = 1 + rng.below(shape.organizations) as i64;
        let public = org % 3 == 0;
        let slug = slugify(&name);
        let start = date(rng);
        offices.push(public.then(|| Office {
            label: format!("Member (Organization {org})"),
            start: PartialDate::parse(&start).ok(),
            end: None,
            ended_by: None,
        }));
        rows.push(db, vec![i.into(), slug.clone().into(), name.into()])
            .await?;
        positions
            .push(
                db,
                vec![
                    i.into(),
                    format!("{slug}-position").into(),
                    i.into(),
                    org.into(),
                    "Member".into(),
                    public.into(),
                    start.into(),
                ],
            )
            .await?;
        if i % CHUNK == 0 {
            flush(db, &mut [&mut rows, &mut positions]).await?;
        }
    }
    flush(db, &mut [&mut rows, &mut positions]).await?;
    Ok(offices)
}

/// Sources, published by the organizations.
async fn sources(db: &impl ConnectionTrait, g: &mut Gen) -> Result<(), sea_orm::DbErr> {
    let Gen { rng, shape } = g;
    let mut rows = Bulk::new("source", "id slug kind title publisher_id published_at");
    for i in 1..=shape.sources as i64 {
        let title = format!("Report {i} on the protests");
        let kind = SourceKind::ALL[rng.below(4) as usize];
        let publisher = 1 + rng.below(shape.organizations) as i64;
        rows.push(
            db,
            vec![
                i.into(),
                format!("source-{i}").into(),
                kind.as_str().into(),
                title.into(),
                publisher.into(),
                date(rng).into(),
            ],
        )
        .await?;
    }
    rows.flush(db).await
}

/// Incidents in cities, with casualty reports from one to three sources for a third of them.
async fn incidents(db: &impl ConnectionTrait, g: &mut Gen) -> Result<(), sea_orm::DbErr> {
    let Gen { rng, shape } = g;
    let mut rows = Bulk::new("incident", "id slug title summary kind start_date place_id");
    let mut reports = Bulk::new(
        "casualty_report",
        "id slug incident_id source_id killed killed_qualifier injured injured_qualifier",
    );
    let mut report_id = 0i64;
    for i in 1..=shape.incidents as i64 {
        let (r, p, c) = (
            rng.below(REGIONS),
            rng.below(PROVINCES_PER_REGION),
            rng.below(CITIES_PER_PROVINCE),
        );
        let kind = IncidentKind::ALL[rng.below(IncidentKind::ALL.len() as u64) as usize];
        let title = format!("Incident {i} in City {r}-{p}-{c}");
        let summary = format!("Security forces and protesters clashed in City {r}-{p}-{c}.");
        rows.push(
            db,
            vec![
                i.into(),
                format!("incident-{i}").into(),
                title.into(),
                summary.into(),
                kind.as_str().into(),
                date(rng).into(),
                city_id(r, p, c).into(),
            ],
        )
        .await?;
        if rng.chance(0.33) {
            for _ in 0..1 + rng.below(3) {
                report_id += 1;
                let source = 1 + rng.below(shape.sources) as i64;
                let (killed, injured) = (rng.below(20) as i32, rng.below(100) as i32);
                reports
                    .push(
                        db,
                        vec![
                            report_id.into(),
                            format!("report-{report_id}").into(),
                            i.into(),
                            source.into(),
                            killed.into(),
                            "exact".into(),
                            injured.into(),
                            "at_least".into(),
                        ],
                    )
                    .await?;
            }
        }
        if i % CHUNK == 0 {
            flush(db, &mut [&mut rows, &mut reports]).await?;
        }
    }
    flush(db, &mut [&mut rows, &mut reports]).await
}
