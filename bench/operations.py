"""The benchmark's fixed operations: the GraphQL Quipu answers, the GraphQL
PostGraphile answers over the same tables, and the raw SQL each needs (the
floor). Placeholders: {person_slug}, {person_id}, {puno_id}."""

PUNO = """{ statements(first: 20, orderBy: {field: DATE, direction: DESC},
  filter: { spokenAsOfficial: true, about: { place: { within: "puno" } } }) {
  edges { node { text date
    speaker { ... on Person { name positions { title organization { name } } } ... on Organization { name } }
    incidents { title place { name ancestors { name } } }
    source { title } } } } }"""

QUIPU = {
    "lookup": '{ node(id: "Person:{person_slug}") { id ... on Person { name } } }',
    "puno": PUNO,
    "nested": "{ statements(first: 100) { edges { node { id incidents { id casualtyReports { killed source { id } } } } } } }",
    "search": '{ search(query: "repression justice", first: 10) { totalCount edges { node { score entity { id } } } } }',
    "timeline": '{ timeline(filter: { placeWithin: "puno" }, first: 20) { edges { node { date node { id } } } } }',
}

# Paging through 10,000 statements: 100 pages of 100, each request the next page.
FIRST_PAGE = "{ statements(first: 100) { pageInfo { endCursor } edges { node { id date } } } }"
PAGE = "{ statements(first: 100, after: \"%s\") { pageInfo { endCursor } edges { node { id date } } } }"


def page_queries(post):
    """The 100 paging requests. Cursors hold a row's sort key and ID, so
    they are read by walking the list once: `post(query)` returns the answer."""
    queries = [FIRST_PAGE]
    for _ in range(1, 100):
        cursor = post(queries[-1])["data"]["statements"]["pageInfo"]["endCursor"]
        queries.append(PAGE % cursor)
    return queries


# Quipu's search reads its own index (Tantivy), not the database; the floor
# it is compared with is PostgreSQL's own full-text search over the same
# texts, in a table and GIN index the benchmark makes once for that purpose.
SQL_SETUP = """CREATE TABLE IF NOT EXISTS bench_fts AS
  SELECT 'statement' AS kind, id, to_tsvector('simple', text) AS tsv FROM statement
  UNION ALL SELECT 'incident', id, to_tsvector('simple', title || ' ' || summary) FROM incident
  UNION ALL SELECT 'person', id, to_tsvector('simple', name) FROM person
  UNION ALL SELECT 'source', id, to_tsvector('simple', title) FROM source;
CREATE INDEX IF NOT EXISTS bench_fts_tsv ON bench_fts USING GIN (tsv);
ANALYZE bench_fts;"""

SQL = {
    "lookup": "SELECT id, slug, name FROM person WHERE slug = '{person_slug}';",
    "puno": """SELECT s.id, s.text, s.date, COALESCE(p.name, o.name), src.title,
  (SELECT json_agg(json_build_object('title', i.title, 'place', pl.name)) FROM statement_incident si
     JOIN incident i ON i.id = si.incident_id JOIN place pl ON pl.id = i.place_id WHERE si.statement_id = s.id) AS incidents
FROM statement s
LEFT JOIN person p ON p.id = s.speaker_person_id
LEFT JOIN organization o ON o.id = s.speaker_organization_id
JOIN source src ON src.id = s.source_id
WHERE s.speaker_role = 'official'
  AND EXISTS (SELECT 1 FROM statement_incident si JOIN incident i ON i.id = si.incident_id
              JOIN place_closure c ON c.descendant_id = i.place_id
              WHERE si.statement_id = s.id AND c.ancestor_id = {puno_id})
ORDER BY s.date DESC NULLS LAST, s.id LIMIT 20;""",
    "nested": """SELECT s.id, si.incident_id, r.killed, r.source_id
FROM (SELECT id FROM statement ORDER BY date NULLS LAST, id LIMIT 100) s
JOIN statement_incident si ON si.statement_id = s.id
LEFT JOIN casualty_report r ON r.incident_id = si.incident_id;""",
    "search": """SELECT kind, id FROM bench_fts WHERE tsv @@ to_tsquery('simple', 'repression:* & justice:*')
ORDER BY ts_rank(tsv, to_tsquery('simple', 'repression:* & justice:*')) DESC LIMIT 10;""",
    "timeline": """(SELECT 'incident' AS kind, i.id, i.start_date AS date FROM incident i
  JOIN place_closure c ON c.descendant_id = i.place_id WHERE c.ancestor_id = {puno_id} AND i.start_date IS NOT NULL
  ORDER BY i.start_date, i.id LIMIT 20)
UNION ALL
(SELECT 'statement', s.id, s.date FROM statement s WHERE s.date IS NOT NULL AND s.id IN
  (SELECT si.statement_id FROM statement_incident si JOIN incident i ON i.id = si.incident_id
   JOIN place_closure c ON c.descendant_id = i.place_id WHERE c.ancestor_id = {puno_id})
  ORDER BY s.date, s.id LIMIT 20)
ORDER BY date, kind, id LIMIT 20;""",
    "paging": "\\set page random(0, 99)\nSELECT id, date FROM statement ORDER BY date NULLS LAST, id LIMIT 100 OFFSET :page * 100;",
}

# The same operations for PostGraphile 5 (simplify-inflection, connection-filter
# with relations) over the same tables. It has no full-text search and no
# union of incidents and statements: the timeline asks for both lists.
POSTGRAPHILE = {
    "lookup": '{ personBySlug(slug: "{person_slug}") { id name } }',
    "puno": """{ statements(first: 20, orderBy: [DATE_DESC, ROW_ID_ASC], filter: {
  speakerRole: { equalTo: "official" },
  statementIncidents: { some: { incident: { place: { placeClosuresByDescendantId: { some: { ancestorId: { equalTo: "{puno_id}" } } } } } } } }) {
  nodes { text date speakerPerson { name positions { nodes { title organization { name } } } } speakerOrganization { name }
    statementIncidents { nodes { incident { title place { name placeClosuresByDescendantId { nodes { ancestor { name } } } } } } }
    source { title } } } }""",
    "nested": """{ statements(first: 100, orderBy: [DATE_ASC, ROW_ID_ASC]) { nodes { rowId
  statementIncidents { nodes { incident { rowId casualtyReports { nodes { killed source { rowId } } } } } } } } }""",
    "timeline": """{ incidents(first: 20, orderBy: [START_DATE_ASC, ROW_ID_ASC], filter: {
    place: { placeClosuresByDescendantId: { some: { ancestorId: { equalTo: "{puno_id}" } } } } }) { nodes { rowId startDate } }
  statements(first: 20, orderBy: [DATE_ASC, ROW_ID_ASC], filter: { statementIncidents: { some: { incident: {
    place: { placeClosuresByDescendantId: { some: { ancestorId: { equalTo: "{puno_id}" } } } } } } } }) { nodes { rowId date } } }""",
}


def postgraphile_pages():
    """The 100 paging requests for PostGraphile, by offset."""
    return ["{ statements(first: 100, offset: %d, orderBy: [DATE_ASC, ROW_ID_ASC]) { nodes { rowId date } } }" % (p * 100)
            for p in range(100)]
