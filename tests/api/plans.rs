//! The planned read path against the resolvers: every query answered the
//! same way by both (data and errors), on the same database; a seeded
//! generator builds random queries from the live schema's introspection;
//! and the SQL statements a planned query costs depend on its shape alone.

use quipu::config::{HttpConfig, LimitsConfig};
use quipu::AppState;
use serde_json::Value;

use crate::helpers::{load_data, spawn_app_with, TestApp};

/// Limits for thousands of requests in a row.
fn unlimited(planned_reads: bool) -> LimitsConfig {
    LimitsConfig {
        planned_reads,
        rate_limit_per_minute: 0,
        ..LimitsConfig::default()
    }
}

/// The bundled dataset served through plans.
async fn spawn_planned() -> TestApp {
    load_data(spawn_app_with(unlimited(true)).await).await
}

/// The same data served by the resolvers alone, beside the planned app.
fn resolvers_beside(app: &TestApp) -> TestApp {
    let http = HttpConfig {
        limits: unlimited(false),
        ..HttpConfig::default()
    };
    TestApp::over(quipu::app(
        AppState::new(app.db.clone(), http, app.metrics.clone()).expect("the state"),
    ))
}

/// Where two answers first differ, as a path and the two values there.
fn difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys = x.keys().chain(y.keys());
            keys.filter_map(|k| {
                difference(
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                    &format!("{path}.{k}"),
                )
            })
            .next()
            .or_else(|| {
                (x.len() != y.len())
                    .then(|| format!("{path}: keys {:?} / {:?}", x.keys(), y.keys()))
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (x, y))| difference(x, y, &format!("{path}[{i}]"))),
        _ => (a != b).then(|| format!("{path}: {a} / {b}")),
    }
}

/// The response with its errors in path order: the resolvers add errors as
/// fields finish, and GraphQL gives errors no order.
fn errors_sorted(mut response: Value) -> Value {
    if let Some(errors) = response.get_mut("errors").and_then(Value::as_array_mut) {
        errors.sort_by_key(|e| e.to_string());
    }
    response
}

/// Sends `query` to both paths and requires the same answer.
async fn same(planned: &TestApp, resolvers: &TestApp, query: &str) {
    let (a, b) = (planned.query(query).await, resolvers.query(query).await);
    let (a, b) = (errors_sorted(a), errors_sorted(b));
    if let Some(at) = difference(&a, &b, "") {
        panic!("the paths disagree on\n{query}\nat {at}");
    }
}

/// Queries the suite, the benchmark and GraphiQL send, through plans.
const KNOWN: &[&str] = &[
    r#"{ statements(first: 20, orderBy: {field: DATE, direction: DESC},
  filter: { spokenAsOfficial: true, about: { place: { within: "puno" } } }) {
  edges { node { text date
    speaker { ... on Person { name positions { title organization { name } } } ... on Organization { name } }
    incidents { title place { name ancestors { name } } }
    source { title } } } } }"#,
    "{ statements(first: 100) { edges { node { id incidents { id casualtyReports { killed source { id } } } } } } }",
    "{ statements(first: 100) { pageInfo { endCursor hasNextPage hasPreviousPage startCursor } edges { cursor node { id date } } } }",
    r#"{ statements(last: 7) { totalCount __typename pageInfo { __typename hasPreviousPage } nodes { __typename id slug version retracted updatedAt text kind language date notBefore notAfter inferred inference speakerRole speakerRoleReason occasion } } }"#,
    r#"{ statements(first: 100) { edges { node {
        speaker { __typename id name ... on Person { positions { title start end endedBy organization { name kind isOfficial } } } }
        incidents { title kind startDate endDate place { name kind parent { name } ancestors { name } } casualtyReports { killed killedQualifier injured injuredQualifier asOf note category killedWords injuredWords inferred inference source { title publisher { name } } citations { excerpt source { slug } } } citations { excerpt } }
        source { kind title publishedAt url language authors { name } publisher { name } }
        originalSource { title } places { name children { name } } citations { excerpt source { title } }
    } } } }"#,
    r#"query Q($n: Int) { a: incidents(first: $n) { edges { node { ...I } } } b: persons(first: 5) { nodes { ... on Actor { name } ... on Node { id } } } }
       fragment I on Incident { t: title casualtyReports { incident { title } } }"#,
    "{ places(first: 50) { nodes { name ancestors { name } children { name } parent { slug } } } organizations(first: 60) { nodes { name kind isOfficial description } } }",
    "{ sources(first: 40) { nodes { title authors { name positions { title person { name } } } publisher { name } } } }",
    "{ statements(first: 3) { nodes { text text speaker { name } } } }",
    "{ persons(first: 30) { nodes { name aliases a: aliases } } places(first: 30) { nodes { aliases } } statements(first: 20) { nodes { speaker { ... on Organization { aliases } ... on Person { aliases } } } } }",
    r#"{ node(id: "Person:dina-boluarte") { id ... on Person { name positions { title organization { name } } } ... on Actor { slug } } }"#,
    r#"{ statement(slug: "sutran-20-sectors-puno") { text speaker { name } incidents { title } source { publisher { name } } } }"#,
    r#"{ place(slug: "juliaca") { name ancestors { name } } incident(slug: "juliaca-killings-2023-01-09") { title casualtyReports { killed } } }"#,
    // Connections below a row, paged per parent in one statement.
    "{ statements(first: 3) { nodes { speaker { statements(first: 1) { totalCount } } } } }",
    r#"query Q($n: Int = 2) { persons(first: 40) { nodes { name isOfficial statements(first: $n) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { text incidents { title } } } } mentionedIn(last: 2) { nodes { slug } } authored { totalCount } } } }"#,
    "{ places(first: 40) { nodes { name incidents(includeDescendants: false, last: 2) { totalCount nodes { title } } all: incidents { totalCount __typename pageInfo { hasNextPage } } } } }",
    "{ organizations(first: 40) { nodes { members(last: 3) { nodes { title person { name isOfficial } } } published { nodes { title } } statements(first: 3, last: 2) { edges { cursor } pageInfo { hasPreviousPage startCursor } } mentionedIn(first: 0) { totalCount pageInfo { hasNextPage } } } } }",
    "{ sources(first: 40) { nodes { cites { title } casualtyReports { killed } citedBy(first: 1) { pageInfo { hasNextPage } } statements(last: 1) { edges { cursor node { slug } } } } } }",
    "{ incidents(first: 40) { nodes { title statements(first: 2) { totalCount nodes { text source { title } } } } } }",
    // Mentions, parts in incidents, links, further places and casualty summaries.
    "{ statements(first: 80) { nodes { mentions { __typename ... on Person { name isOfficial } ... on Organization { name kind } ... on Node { id } } } } }",
    r#"{ incidents(first: 60) { nodes { places { name } casualtySummary { __typename reportCount killedLowest killedHighest injuredLowest injuredHighest disputed reports { killed source { title } } }
        involvedOrganizations { role organization { name } incident { slug } } participants { role description person { name } }
        links { relation from { slug } to { title } } linkedFrom { __typename relation from { slug } } } } }"#,
    "{ persons(first: 60) { nodes { incidents { role incident { title } } } } organizations(first: 60) { nodes { involvements { role incident { title } } } } }",
    r#"query Q($y: Boolean = true, $n: Boolean = false) { statements(first: 3) { nodes { text @include(if: $y) id @skip(if: $y)
        speaker @include(if: false) { __typename } source @skip(if: $n) { title } ... @include(if: $y) { slug } } } }"#,
    "{ statements(first: 3) { nodes { text @skip(if: true) id } } }",
    "{ statements(first: 3) { nodes { source { title } source { url publisher { name } } source { title } } } }",
    // Falls back: a connection below a row paged from a cursor.
    r#"{ persons(first: 3) { nodes { statements(after: "eyJsIjoieCIsImkiOjB9") { totalCount } } } }"#,
    // Errors come out the same.
    "{ statements(first: 101) { nodes { id } } }",
    r#"{ statements(after: "nonsense") { nodes { id } } }"#,
];

#[tokio::test]
async fn known_queries_answer_the_same_on_both_paths() {
    let planned = spawn_planned().await;
    let resolvers = resolvers_beside(&planned);
    for query in KNOWN {
        same(&planned, &resolvers, query).await;
    }
}

/// A small, seeded random number generator (xorshift), so a failure replays.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// The schema as the generator reads it: each type's kind, fields and possible types.
struct Types(Value);

impl Types {
    fn get(&self, name: &str) -> &Value {
        self.0["__schema"]["types"]
            .as_array()
            .and_then(|types| types.iter().find(|t| t["name"] == name))
            .expect("a type of the schema")
    }
}

/// The named type under a field's list and non-null wrappers.
fn named(ty: &Value) -> (&str, &str) {
    let mut ty = ty;
    while ty["name"].is_null() {
        ty = &ty["ofType"];
    }
    (ty["kind"].as_str().unwrap(), ty["name"].as_str().unwrap())
}

/// A random selection on the object, interface or union `name`.
fn selection(types: &Types, rng: &mut Rng, name: &str, depth: usize) -> String {
    let ty = types.get(name);
    let mut parts = vec![];
    // Whether a field that applies to every object here is sure to stay.
    let mut kept = false;
    let mut passed = std::collections::HashMap::new();
    if ty["kind"] != "OBJECT" || rng.chance(10) {
        parts.push("__typename".to_string());
        kept = true;
    }
    if let Some(possible) = ty["possibleTypes"].as_array() {
        for option in possible {
            if rng.chance(60) {
                let option = option["name"].as_str().unwrap();
                parts.push(format!(
                    "... on {option} {{ {} }}",
                    selection(types, rng, option, depth)
                ));
            }
        }
    }
    let fields: Vec<&Value> = ty["fields"].as_array().map_or(vec![], |fields| {
        // Arguments stay unset, so only fields whose arguments are all optional.
        fields
            .iter()
            .filter(|f| {
                f["args"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|a| a["type"]["kind"] != "NON_NULL")
            })
            .collect()
    });
    for _ in 0..fields.len().min(1 + rng.below(4)) {
        let field = fields[rng.below(fields.len())];
        let (kind, inner) = named(&field["type"]);
        let name = field["name"].as_str().unwrap();
        // An alias names one field only: GraphQL forbids one key for two fields.
        let alias = if rng.chance(15) {
            format!("{name}{}: ", rng.below(2))
        } else {
            String::new()
        };
        // A field is skipped only beside one that stays: async-graphql's
        // resolvers answer `null` for an object whose whole selection is
        // skipped, where the plans (and the spec) answer `{}`.
        let directive = match rng.below(40) {
            0 if kept => " @skip(if: true)",
            1 => " @skip(if: false)",
            2 => " @include(if: $yes)",
            3 if kept => " @include(if: false)",
            _ => "",
        };
        let part = match kind {
            "SCALAR" | "ENUM" => format!("{alias}{name}{directive}"),
            _ if depth >= 5 || (depth >= 3 && rng.chance(50)) => continue,
            _ => format!(
                "{alias}{name}{}{directive} {{ {} }}",
                // A field picked twice passes the same arguments: GraphQL
                // forbids one key for two argument lists.
                passed
                    .entry(name)
                    .or_insert_with(|| arguments(field, rng))
                    .clone(),
                selection(types, rng, inner, depth + 1)
            ),
        };
        kept |= !matches!(directive, " @skip(if: true)" | " @include(if: false)");
        parts.push(match rng.chance(10) {
            true => format!(
                "... on {name_} {{ {part} }}",
                name_ = ty["name"].as_str().unwrap()
            ),
            false => part,
        });
    }
    if parts.is_empty() {
        parts.push("__typename".into());
    }
    parts.join(" ")
}

/// Random values for a nested field's optional arguments: a connection's
/// window (sometimes out of range, sometimes from a cursor of another
/// list), a place's `includeDescendants`.
fn arguments(field: &Value, rng: &mut Rng) -> String {
    let names: Vec<&str> = field["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    let mut args = vec![];
    if names.contains(&"first") {
        match rng.below(8) {
            0 | 1 => args.push(format!("first: {}", rng.below(4))),
            2 | 3 => args.push(format!("last: {}", 1 + rng.below(3))),
            4 => args.push(format!(
                "first: {}, last: {}",
                1 + rng.below(4),
                1 + rng.below(2)
            )),
            5 if rng.chance(30) => args.push("first: 101".into()),
            5 => args.push("after: \"eyJsIjoieCIsImkiOjB9\", first: 1".into()),
            _ => {}
        }
    }
    if names.contains(&"includeDescendants") && rng.chance(50) {
        args.push(format!("includeDescendants: {}", rng.chance(50)));
    }
    match args.is_empty() {
        true => String::new(),
        false => format!("({})", args.join(", ")),
    }
}

/// A random lookup of one record, by global ID or by slug.
fn random_lookup(types: &Types, rng: &mut Rng) -> String {
    let lookups = [
        ("node(id: \"Statement:boluarte-pretext-chaos\")", "Node"),
        ("node(id: \"Person:dina-boluarte\")", "Node"),
        ("node(id: \"Incident:juliaca-killings-2023-01-09\")", "Node"),
        ("statement(slug: \"sutran-20-sectors-puno\")", "Statement"),
        ("person(slug: \"alberto-otarola\")", "Person"),
        ("place(slug: \"juliaca\")", "Place"),
        ("organization(slug: \"government-of-peru\")", "Organization"),
        (
            "nodes(ids: [\"Statement:boluarte-pretext-chaos\", \"Person:dina-boluarte\", \"Place:nowhere\", \"Incident:juliaca-killings-2023-01-09\", \"Statement:boluarte-pretext-chaos\"])",
            "Node",
        ),
    ];
    let (root, ty) = lookups[rng.below(lookups.len())];
    format!("{{ {root} {{ {} }} }}", selection(types, rng, ty, 1))
}

/// A random query on a root field that returns records among other things:
/// the timeline, search, the graph around a record, history and the feed.
fn random_batch(types: &Types, rng: &mut Rng) -> String {
    let mut node = |ty| selection(types, rng, ty, 2);
    let (a, b, c) = (node("Node"), node("Node"), node("Node"));
    let (place, organization) = (node("Place"), node("Organization"));
    let (actor, incident) = (node("Actor"), node("Incident"));
    let roots = [
        format!("incidentsByPlace(level: DISTRICT) {{ count place {{ {place} }} }} a: incidentsByPlace {{ place {{ name }} }}"),
        format!("incidentsByOrganization {{ count organization {{ {organization} }} }}"),
        format!("statementsBySpeaker(first: 30) {{ count speaker {{ {actor} }} }}"),
        format!(
            r#"casualties(filter: {{ placeWithin: "peru" }}) {{ disputed incidents {{ incident {{ {incident} }} summary {{ disputed reportCount reports {{ killed source {{ title }} }} }} }} }}"#
        ),
        format!(
            r#"timeline(first: 30, filter: {{ placeWithin: "puno" }}) {{ edges {{ cursor node {{ date kind node {{ {a} }} }} }} }}"#
        ),
        format!(
            r#"search(query: "juliaca", first: 15) {{ totalCount edges {{ node {{ type score entity {{ {a} }} }} }} }}"#
        ),
        format!(
            r#"neighbors(id: "Place:juliaca", depth: 2, first: 40) {{ nodes {{ distance node {{ {a} }} }} edges {{ type from {{ {b} }} to {{ {c} }} }} }}"#
        ),
        format!(
            r#"paths(from: "Person:dina-boluarte", to: "Place:juliaca", first: 3) {{ length edges {{ from {{ {a} }} to {{ {b} }} }} }}"#
        ),
        format!(r#"history(id: "Person:dina-boluarte") {{ nodes {{ action node {{ {a} }} }} }}"#),
        format!("changes(first: 60) {{ hasMore revisions {{ nodeType node {{ {a} }} }} }}"),
    ];
    format!("{{ {} }}", roots[rng.below(roots.len())])
}

/// The query with the variable its directives may use declared.
fn declared(query: String) -> String {
    match query.contains("$yes") {
        true => format!("query Q($yes: Boolean = true) {query}"),
        false => query,
    }
}

/// A random query on one of the planned root lists or lookups.
fn random_query(types: &Types, rng: &mut Rng) -> String {
    if rng.chance(25) {
        return random_lookup(types, rng);
    }
    if rng.chance(20) {
        return random_batch(types, rng);
    }
    let roots = [
        ("statements", "Statement"),
        ("incidents", "Incident"),
        ("persons", "Person"),
        ("places", "Place"),
        ("organizations", "Organization"),
        ("sources", "Source"),
    ];
    let (root, ty) = roots[rng.below(roots.len())];
    let window = match rng.below(3) {
        0 => format!("first: {}", 1 + rng.below(4)),
        1 => format!("last: {}", 1 + rng.below(4)),
        _ => String::new(),
    };
    let args = if window.is_empty() {
        String::new()
    } else {
        format!("({window})")
    };
    let nodes = selection(types, rng, ty, 1);
    let body = match rng.below(3) {
        0 => format!("nodes {{ {nodes} }}"),
        1 => format!("edges {{ cursor node {{ {nodes} }} }} pageInfo {{ hasNextPage endCursor }}"),
        _ => format!("totalCount edges {{ node {{ {nodes} }} }}"),
    };
    format!("{{ {root}{args} {{ {body} }} }}")
}

const INTROSPECTION: &str = "{ __schema { types { name kind possibleTypes { name }
  fields { name args { name type { kind } } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }";

#[tokio::test]
async fn random_queries_from_the_schema_answer_the_same_on_both_paths() {
    let planned = spawn_planned().await;
    let resolvers = resolvers_beside(&planned);
    let types = Types(planned.data(INTROSPECTION).await);
    let mut rng = Rng(0x5157_4950_0000_0001);
    let counted = |app: &TestApp| {
        crate::helpers::metric(app, "quipu_root_field_reads_total{path=\"planned\"}")
    };
    let before = counted(&planned);
    for _ in 0..2_000 {
        let query = declared(random_query(&types, &mut rng));
        same(&planned, &resolvers, &query).await;
    }
    // The comparison means something only where plans answered.
    let plans = counted(&planned) - before;
    eprintln!("{plans} of 2,000 random queries were planned");
    assert!(
        plans >= 1_400,
        "only {plans} of 2,000 random queries were planned"
    );
}

/// The SQL statements one query sends.
async fn statements_of(app: &TestApp, query: &str) -> u64 {
    let before = app.metrics.statements();
    let response = app.query(query).await;
    assert!(response.get("errors").is_none(), "{response}");
    app.metrics.statements() - before
}

/// Statements about incidents, with speaker, place chain, figures, sources and citations.
fn deep(n: usize) -> String {
    format!(
        "{{ statements(first: {n}) {{ edges {{ node {{ text speaker {{ name }}
           incidents {{ title place {{ name ancestors {{ name }} }} casualtyReports {{ killed source {{ title publisher {{ name }} }} }} }}
           citations {{ excerpt source {{ title }} }} }} }} }} }}"
    )
}

#[tokio::test]
async fn a_planned_query_costs_what_its_shape_says_for_one_row_or_a_hundred_and_under_load() {
    let app = spawn_planned().await;
    let nested = |n| {
        format!("{{ statements(first: {n}) {{ edges {{ node {{ id incidents {{ id casualtyReports {{ killed source {{ id }} }} }} }} }} }} }}")
    };
    let puno = |n| {
        format!(
            r#"{{ statements(first: {n}, filter: {{ spokenAsOfficial: true, about: {{ place: {{ within: "puno" }} }} }}) {{
          edges {{ node {{ text speaker {{ ... on Person {{ name }} ... on Organization {{ name }} }} incidents {{ title place {{ name ancestors {{ name }} }} }} source {{ title }} }} }} }} }}"#
        )
    };
    // The page; the root rows' to-one rows (speaker, source), when asked;
    // then one statement per relation, its rows' to-one rows joined in (an
    // incident's place; a report's source and its publisher). The Puno query
    // also looks up the place `within` names.
    // A connection below a row pages every parent in one statement.
    let paged = |n| {
        format!(
            "{{ persons(first: {n}) {{ nodes {{ name isOfficial statements(last: 2) {{ totalCount
           edges {{ cursor node {{ text mentions {{ ... on Person {{ name }} }} }} }} }} }} }} }}"
        )
    };
    // Records a root field returns among other things are read together:
    // a statement per kind among them, and per relation of each kind's
    // plan (the timeline's page holds statements and incidents; the search's
    // hits, several kinds), whatever their number.
    let timeline = |n| {
        format!(
            r#"{{ timeline(first: {n}, filter: {{ placeWithin: "peru" }}) {{ edges {{ node {{ date node {{ id
           ... on Statement {{ speaker {{ ... on Person {{ name }} }} incidents {{ place {{ name }} }} }}
           ... on Incident {{ title place {{ name }} }} }} }} }} }} }}"#
        )
    };
    let search = |n| {
        format!(
            r#"{{ search(query: "puno", first: {n}) {{ edges {{ node {{ entity {{ id
           ... on Statement {{ source {{ title }} }} ... on Place {{ ancestors {{ name }} }} }} }} }} }} }}"#
        )
    };
    let cases = [
        (timeline(50), timeline(50), 6),
        // The hits' records are read as a planned page; the index asks
        // the database whether it is behind only after this process
        // committed (search_index.rs).
        (search(40), search(40), 6),
        (nested(1), nested(100), 3),
        (puno(1), puno(100), 5),
        (deep(1), deep(100), 6),
        (paged(1), paged(100), 4),
    ];
    // The index builds at its first search (the dataset was bulk-loaded).
    app.data(&search(1)).await;
    for (one, hundred, expected) in &cases {
        assert_eq!(statements_of(&app, one).await, *expected, "{one}");
        assert_eq!(statements_of(&app, hundred).await, *expected, "{hundred}");
    }
    // Sixteen at once: each still costs the same (the total is exact).
    let before = app.metrics.statements();
    let runs = (0..16).map(|_| app.query(&cases[2].1));
    for response in futures_util::future::join_all(runs).await {
        assert!(response.get("errors").is_none(), "{response}");
    }
    assert_eq!(app.metrics.statements() - before, 16 * cases[2].2);
}

#[tokio::test]
async fn nodes_cost_a_statement_per_kind_not_per_id() {
    let app = spawn_planned().await;
    let page = app
        .query("{ statements(first: 100) { nodes { id } } }")
        .await;
    let ids: Vec<String> = page["data"]["statements"]["nodes"]
        .as_array()
        .expect("a page of statements")
        .iter()
        .map(|node| node["id"].to_string())
        .collect();
    assert!(ids.len() > 20, "{page}");
    let query = |ids: &[String]| {
        format!(
            "{{ nodes(ids: [{}, \"Person:dina-boluarte\", \"Person:nobody\"]) {{ id
               ... on Statement {{ speaker {{ name }} incidents {{ title }} }} ... on Person {{ name }} }} }}",
            ids.join(", ")
        )
    };
    // Per kind named: the records by slug; for statements, their to-one rows
    // (the speaker) and one statement for the incidents relation.
    let (one, many) = (query(&ids[..1]), query(&ids));
    assert_eq!(statements_of(&app, &one).await, 4, "{one}");
    assert_eq!(statements_of(&app, &many).await, 4, "{many}");
    let answer = app.query(&many).await;
    let nodes = answer["data"]["nodes"].as_array().expect("a list");
    assert_eq!(nodes.len(), ids.len() + 2);
    assert_eq!(nodes[0]["id"].to_string(), ids[0]);
    assert_eq!(nodes[ids.len()]["name"], "Dina Boluarte");
    assert!(nodes[ids.len() + 1].is_null(), "{answer}");
    same(&app, &resolvers_beside(&app), &many).await;
}

#[tokio::test]
async fn hostile_selections_answer_the_same_on_both_paths_without_a_panic() {
    let planned = spawn_planned().await;
    let resolvers = resolvers_beside(&planned);
    // A chain of to-one and to-many fields down to the depth limit, and one level past it.
    let chain = |levels: usize| {
        let mut inner = "id".to_string();
        for i in 0..levels {
            // The outermost level sits under a casualty report: an incident.
            inner = match (levels - i) % 2 {
                1 => format!("incident {{ {inner} }}"),
                _ => format!("casualtyReports {{ {inner} }}"),
            };
        }
        format!("{{ incidents(first: 1) {{ nodes {{ casualtyReports {{ {inner} }} }} }} }}")
    };
    // Named fragments spread inside each other, ten deep, each with an alias.
    let mut fragments = String::from("fragment F0 on Statement { a0: id }");
    for i in 1..10 {
        fragments.push_str(&format!(
            " fragment F{i} on Statement {{ a{i}: slug ...F{} }}",
            i - 1
        ));
    }
    let nested_fragments =
        format!("{{ statements(first: 5) {{ nodes {{ ...F9 }} }} }} {fragments}");
    // Thirty aliases of one relation, the alias limit.
    let aliases: Vec<String> = (0..29)
        .map(|i| format!("i{i}: incidents {{ title }}"))
        .collect();
    let wide = format!(
        "{{ statements(first: 3) {{ nodes {{ {} }} }} }}",
        aliases.join(" ")
    );
    let deepest = planned.query(&chain(6)).await;
    assert!(deepest.get("errors").is_none(), "{deepest}");
    for query in [chain(6), chain(20), nested_fragments, wide] {
        same(&planned, &resolvers, &query).await;
    }
}

#[tokio::test]
async fn mutation_payloads_are_read_through_plans() {
    let app = spawn_planned().await;
    let resolvers = resolvers_beside(&app);
    let key = app.key(quipu::auth::Role::Editor).await;
    let planned = || crate::helpers::metric(&app, "quipu_root_field_reads_total{path=\"planned\"}");
    let selection = "name description positions { title organization { name } }";
    let before = planned();
    let update = format!(
        r#"mutation {{ updatePerson(input: {{ id: "Person:dina-boluarte", version: 1, description: "President of Peru from December 2022." }}) {{ person {{ {selection} }} }} }}"#
    );
    let written = app.write(&key, &update, serde_json::json!({})).await;
    assert_eq!(planned() - before, 1, "the payload's person was planned");
    let read = resolvers
        .data(&format!(
            r#"{{ person(slug: "dina-boluarte") {{ {selection} }} }}"#
        ))
        .await;
    assert_eq!(written["updatePerson"]["person"], read["person"]);
    let retract = r#"mutation { retract(input: { id: "Statement:boluarte-pretext-chaos", version: 1 }) { node { id ... on Statement { retracted speaker { ... on Person { name } } } } } }"#;
    let written = app.write(&key, retract, serde_json::json!({})).await;
    assert_eq!(
        planned() - before,
        2,
        "the change payload's node was planned"
    );
    assert_eq!(
        written["retract"]["node"],
        serde_json::json!({ "id": "Statement:boluarte-pretext-chaos", "retracted": true, "speaker": { "name": "Dina Boluarte" } })
    );
}
