//! One page of children for many parents, in one SQL statement.
//!
//! Every relation a resolver follows (a person's statements, a place's
//! incidents, a statement's citations...) is a [`Rel`]. The relation loader
//! gathers the parents a GraphQL response needs at one level and asks for
//! their pages at once: `ROW_NUMBER()` and `COUNT(*)` windows partitioned by
//! parent give each parent its own page and total, so the number of
//! statements does not grow with the number of rows.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DatabaseBackend, Statement, Value};

use crate::error::Result;

/// Which rows of a parent's relation to return: `limit` rows after skipping `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Window {
    /// Rows to skip.
    pub offset: u64,
    /// Rows to return at most; `None` for all.
    pub limit: Option<u64>,
}

impl Window {
    /// Whether the 1-based row number `rn` falls in the window.
    pub fn contains(&self, rn: u64) -> bool {
        rn > self.offset && self.limit.is_none_or(|limit| rn <= self.offset + limit)
    }
}

/// One parent's page of a relation: child IDs in order, and the relation's size.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelPage {
    /// IDs of the children in the window, in the relation's order.
    pub ids: Vec<i64>,
    /// How many children the parent has in all.
    pub total: u64,
}

/// A relation from a parent record to child records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // each name reads as parent → children
pub enum Rel {
    PersonPositions,
    PersonStatements,
    PersonMentionedIn,
    PersonAliases,
    PersonAuthored,
    OrganizationMembers,
    OrganizationStatements,
    OrganizationMentionedIn,
    OrganizationAliases,
    OrganizationInvolvements,
    OrganizationPublished,
    PlaceChildren,
    PlaceAncestors,
    PlaceIncidentsWithin,
    PlaceIncidentsAt,
    PlaceAliases,
    IncidentStatements,
    IncidentCasualtyReports,
    IncidentInvolvements,
    IncidentCitations,
    StatementIncidents,
    StatementMentions,
    StatementCitations,
    SourceStatements,
    SourceCites,
    SourceCitedBy,
    SourceAuthors,
    SourceCasualtyReports,
    PositionCitations,
    CasualtyReportCitations,
    PersonParticipations,
    IncidentParticipants,
    IncidentPlaces,
    IncidentAllPlaces,
    IncidentLinks,
    IncidentLinkedFrom,
    StatementPlaces,
}

/// How a relation is read: the rows, the parent and child columns, the order.
struct Spec {
    from: &'static str,
    parent: &'static str,
    child: &'static str,
    order: &'static str,
}

const BY_DATE: &str = "s.date ASC NULLS LAST, s.id ASC";
const BY_START: &str = "i.start_date ASC NULLS LAST, i.id ASC";
const BY_PUBLISHED: &str = "s.published_at ASC NULLS LAST, s.id ASC";
const STATEMENT_MENTIONS: &str = "statement_mention m JOIN statement s ON s.id = m.statement_id";

const fn spec(
    from: &'static str,
    parent: &'static str,
    child: &'static str,
    order: &'static str,
) -> Spec {
    Spec {
        from,
        parent,
        child,
        order,
    }
}

impl Rel {
    fn spec(self) -> Spec {
        use Rel::*;
        match self {
            PersonPositions => spec(
                "position p JOIN organization x ON x.id = p.organization_id",
                "p.person_id",
                "p.id",
                "p.start_date ASC NULLS LAST, p.id ASC",
            ),
            PersonStatements => spec("statement s", "s.speaker_person_id", "s.id", BY_DATE),
            PersonMentionedIn => spec(STATEMENT_MENTIONS, "m.person_id", "s.id", BY_DATE),
            PersonAliases => spec("alias a", "a.person_id", "a.id", "a.id ASC"),
            PersonAuthored => spec(
                "source_author sa JOIN source s ON s.id = sa.source_id",
                "sa.person_id",
                "s.id",
                BY_PUBLISHED,
            ),
            OrganizationMembers => spec(
                "position p JOIN person x ON x.id = p.person_id",
                "p.organization_id",
                "p.id",
                "p.start_date ASC NULLS LAST, p.id ASC",
            ),
            OrganizationStatements => {
                spec("statement s", "s.speaker_organization_id", "s.id", BY_DATE)
            }
            OrganizationMentionedIn => {
                spec(STATEMENT_MENTIONS, "m.organization_id", "s.id", BY_DATE)
            }
            OrganizationAliases => spec("alias a", "a.organization_id", "a.id", "a.id ASC"),
            OrganizationInvolvements => spec(
                "involvement v JOIN incident i ON i.id = v.incident_id",
                "v.organization_id",
                "v.id",
                "i.start_date ASC NULLS LAST, v.id ASC",
            ),
            OrganizationPublished => spec("source s", "s.publisher_id", "s.id", BY_PUBLISHED),
            PlaceChildren => spec("place p", "p.parent_id", "p.id", "p.name ASC, p.id ASC"),
            PlaceAncestors => spec(
                "place_closure c",
                "c.descendant_id",
                "c.ancestor_id",
                "c.depth ASC",
            ),
            PlaceIncidentsWithin => spec(
                "place_closure c JOIN incident i ON i.place_id = c.descendant_id",
                "c.ancestor_id",
                "i.id",
                BY_START,
            ),
            PlaceIncidentsAt => spec("incident i", "i.place_id", "i.id", BY_START),
            PlaceAliases => spec("alias a", "a.place_id", "a.id", "a.id ASC"),
            IncidentStatements => spec(
                "statement_incident si JOIN statement s ON s.id = si.statement_id",
                "si.incident_id",
                "s.id",
                BY_DATE,
            ),
            IncidentCasualtyReports => spec(
                "casualty_report r JOIN source s ON s.id = r.source_id",
                "r.incident_id",
                "r.id",
                "s.published_at ASC NULLS LAST, r.id ASC",
            ),
            IncidentInvolvements => spec(
                "involvement v JOIN organization x ON x.id = v.organization_id",
                "v.incident_id",
                "v.id",
                "v.id ASC",
            ),
            IncidentCitations => spec("citation c", "c.incident_id", "c.id", "c.id ASC"),
            StatementIncidents => spec(
                "statement_incident si JOIN incident i ON i.id = si.incident_id",
                "si.statement_id",
                "i.id",
                BY_START,
            ),
            StatementMentions => spec(
                "statement_mention m LEFT JOIN person xp ON xp.id = m.person_id \
                 LEFT JOIN organization xo ON xo.id = m.organization_id",
                "m.statement_id",
                "m.id",
                "m.id ASC",
            ),
            StatementCitations => spec("citation c", "c.statement_id", "c.id", "c.id ASC"),
            SourceStatements => spec("statement s", "s.source_id", "s.id", BY_DATE),
            SourceCites => spec(
                "source_citation sc JOIN source s ON s.id = sc.cited_source_id",
                "sc.source_id",
                "s.id",
                BY_PUBLISHED,
            ),
            SourceCitedBy => spec(
                "source_citation sc JOIN source s ON s.id = sc.source_id",
                "sc.cited_source_id",
                "s.id",
                BY_PUBLISHED,
            ),
            SourceAuthors => spec(
                "source_author sa JOIN person x ON x.id = sa.person_id",
                "sa.source_id",
                "sa.person_id",
                "sa.ordinal ASC",
            ),
            SourceCasualtyReports => spec("casualty_report r", "r.source_id", "r.id", "r.id ASC"),
            PositionCitations => spec("citation c", "c.position_id", "c.id", "c.id ASC"),
            CasualtyReportCitations => {
                spec("citation c", "c.casualty_report_id", "c.id", "c.id ASC")
            }
            PersonParticipations => spec(
                "participant pa JOIN incident i ON i.id = pa.incident_id",
                "pa.person_id",
                "pa.id",
                "i.start_date ASC NULLS LAST, pa.id ASC",
            ),
            IncidentParticipants => spec(
                "participant pa JOIN person x ON x.id = pa.person_id",
                "pa.incident_id",
                "pa.id",
                "pa.id ASC",
            ),
            IncidentPlaces => spec(
                "incident_place ip JOIN place p ON p.id = ip.place_id",
                "ip.incident_id",
                "p.id",
                "ip.id ASC",
            ),
            // The main place first, then the further ones (`Incident.places`).
            IncidentAllPlaces => spec(
                "(SELECT i.id AS incident_id, i.place_id, 0 AS o FROM incident i \
                 WHERE i.place_id IS NOT NULL UNION ALL \
                 SELECT ip.incident_id, ip.place_id, ip.id AS o FROM incident_place ip \
                 JOIN incident i ON i.id = ip.incident_id \
                 WHERE i.place_id IS NULL OR ip.place_id <> i.place_id) ap",
                "ap.incident_id",
                "ap.place_id",
                "ap.o ASC",
            ),
            IncidentLinks => spec(
                "incident_link l JOIN incident i ON i.id = l.related_id",
                "l.incident_id",
                "l.id",
                "l.id ASC",
            ),
            IncidentLinkedFrom => spec(
                "incident_link l JOIN incident i ON i.id = l.incident_id",
                "l.related_id",
                "l.id",
                "l.id ASC",
            ),
            StatementPlaces => spec(
                "statement_place sp JOIN place p ON p.id = sp.place_id",
                "sp.statement_id",
                "p.id",
                "sp.id ASC",
            ),
        }
    }
}

impl Rel {
    /// The alias of the record table whose retracted rows the relation hides,
    /// when its children are records (links and citations are not retracted;
    /// they go with their owner).
    fn live_alias(self) -> Option<&'static str> {
        use Rel::*;
        match self {
            PersonPositions | OrganizationMembers | PlaceChildren => Some("p"),
            PersonStatements
            | PersonMentionedIn
            | PersonAuthored
            | OrganizationStatements
            | OrganizationMentionedIn
            | OrganizationPublished
            | IncidentStatements
            | SourceStatements
            | SourceCites
            | SourceCitedBy => Some("s"),
            IncidentLinks | IncidentLinkedFrom | PersonParticipations => Some("i"),
            OrganizationInvolvements
            | PlaceIncidentsWithin
            | PlaceIncidentsAt
            | StatementIncidents => Some("i"),
            IncidentCasualtyReports | SourceCasualtyReports => Some("r"),
            _ => None,
        }
    }

    /// The condition that hides a link whose other end is a retracted record
    /// (a position of a retracted person, a mention of a retracted
    /// organization): the link stays, but nobody reading sees through it.
    fn live_target(self) -> Option<&'static str> {
        use Rel::*;
        match self {
            PersonPositions | OrganizationMembers | IncidentInvolvements | IncidentParticipants
            | SourceAuthors => Some("x.retracted = FALSE"),
            StatementMentions => Some("COALESCE(xp.retracted, xo.retracted) = FALSE"),
            _ => None,
        }
    }
}

/// The set of IDs bound as the statement's one parameter, a JSON array.
pub(super) fn id_set(backend: DatabaseBackend) -> &'static str {
    match backend {
        DatabaseBackend::Postgres => "SELECT (jsonb_array_elements_text($1::jsonb))::bigint",
        _ => "SELECT value FROM json_each($1)",
    }
}

/// `ids` as the JSON array [`id_set`] reads.
pub(super) fn id_array(ids: &[i64]) -> Value {
    let items: Vec<String> = ids.iter().map(i64::to_string).collect();
    Value::from(format!("[{}]", items.join(",")))
}

/// The parts of a relation's SQL: its `FROM` clause, parent and child
/// columns, order, and the conditions (each starting with ` AND`) that
/// hide retracted rows.
pub(super) struct Parts {
    pub from: &'static str,
    pub parent: &'static str,
    pub child: &'static str,
    pub order: &'static str,
    pub extra: String,
}

impl Parts {
    /// `FROM ... WHERE ...` for the parents bound as the statement's one
    /// parameter, with `joins` (SQL text of our own) after the `FROM` clause.
    pub(super) fn scope(&self, joins: &str, backend: DatabaseBackend) -> String {
        format!(
            "FROM {from}{joins} WHERE {parent} IN ({ids}){extra}",
            from = self.from,
            parent = self.parent,
            ids = id_set(backend),
            extra = self.extra,
        )
    }
}

impl Rel {
    /// The parts of the relation's SQL.
    pub(super) fn parts(self) -> Parts {
        let Spec {
            from,
            parent,
            child,
            order,
        } = self.spec();
        let mut extra = if self == Rel::PlaceAncestors {
            " AND c.depth > 0".to_string()
        } else {
            String::new()
        };
        if let Some(alias) = self.live_alias() {
            extra.push_str(&format!(" AND {alias}.retracted = FALSE"));
        }
        if let Some(condition) = self.live_target() {
            extra.push_str(&format!(" AND {condition}"));
        }
        Parts {
            from,
            parent,
            child,
            order,
            extra,
        }
    }
}

/// The SQL that ranks every child of the given parents in the relation's
/// order: columns `parent_id`, `child_id`, `rn` (1-based) and `total`.
///
/// Only the static text of [`Spec`] is spliced in; the parents' IDs are the
/// statement's one parameter.
fn ranked_sql(rel: Rel, backend: DatabaseBackend) -> String {
    let parts = rel.parts();
    format!(
        "SELECT {parent} AS parent_id, {child} AS child_id, \
         ROW_NUMBER() OVER (PARTITION BY {parent} ORDER BY {order}) AS rn, \
         COUNT(*) OVER (PARTITION BY {parent}) AS total {scope}",
        parent = parts.parent,
        child = parts.child,
        order = parts.order,
        scope = parts.scope("", backend),
    )
}

/// The SQL for one relation and window over the given parents. The first
/// row of every parent is always returned so that its total is known even
/// when the window is past its end.
fn page_sql(rel: Rel, window: Window, backend: DatabaseBackend) -> String {
    let upper = match window.limit {
        Some(limit) => format!(" AND rn <= {}", window.offset + limit),
        None => String::new(),
    };
    format!(
        "SELECT parent_id, child_id, rn, total FROM ({ranked}) ranked \
         WHERE rn = 1 OR (rn > {offset}{upper}) ORDER BY parent_id, rn",
        ranked = ranked_sql(rel, backend),
        offset = window.offset,
    )
}

/// The page of `rel` in `window` for every parent (parents without children get an empty page).
pub async fn find_pages(
    db: &impl ConnectionTrait,
    rel: Rel,
    window: Window,
    parents: &[i64],
) -> Result<HashMap<i64, RelPage>> {
    let mut pages: HashMap<i64, RelPage> =
        parents.iter().map(|&p| (p, RelPage::default())).collect();
    if parents.is_empty() {
        return Ok(pages);
    }
    let backend = db.get_database_backend();
    let statement = Statement::from_sql_and_values(
        backend,
        page_sql(rel, window, backend),
        [id_array(parents)],
    );
    for row in db.query_all_raw(statement).await? {
        let parent: i64 = row.try_get_by_index(0)?;
        let child: i64 = row.try_get_by_index(1)?;
        let rn: i64 = row.try_get_by_index(2)?;
        let total: i64 = row.try_get_by_index(3)?;
        let page = pages.entry(parent).or_default();
        page.total = u64::try_from(total).unwrap_or_default();
        if window.contains(u64::try_from(rn).unwrap_or_default()) {
            page.ids.push(child);
        }
    }
    Ok(pages)
}
