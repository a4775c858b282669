//! A property test: random documents and variables built from
//! `schema.graphql` by a seeded generator — deep selections and inputs, wide
//! ones, huge and negative numbers, odd Unicode, wrong types, variables —
//! sent through `app()`. Every answer must be JSON with a code on every
//! error and none of them INTERNAL, and the server must still answer
//! `/health`. A failing case prints its seed and document.

use std::collections::HashMap;

use async_graphql::parser::types::{BaseType, Type, TypeKind, TypeSystemDefinition};
use axum::body::Body;
use axum::http::Request;
use serde_json::{json, Value};

use crate::helpers::{get, load_data, spawn_app_with, TestApp};

/// How many documents one run sends.
const CASES: u64 = 1500;

/// A field: its name, its arguments (name, type) and its type.
type Field = (String, Vec<(String, Type)>, Type);

/// The schema's types, as the generator needs them.
#[derive(Default)]
struct Schema {
    /// Object and interface fields: (name, arguments (name, type), type).
    fields: HashMap<String, Vec<Field>>,
    inputs: HashMap<String, Vec<(String, Type)>>,
    enums: HashMap<String, Vec<String>>,
    /// The object types a union or interface may be.
    possible: HashMap<String, Vec<String>>,
}

impl Schema {
    fn read() -> Self {
        let sdl = include_str!("../../schema.graphql");
        let document = async_graphql::parser::parse_schema(sdl).expect("schema.graphql parses");
        let mut schema = Schema::default();
        for definition in document.definitions {
            let TypeSystemDefinition::Type(ty) = definition else {
                continue;
            };
            let ty = ty.node;
            let name = ty.name.node.to_string();
            let fields = |fields: &[async_graphql::Positioned<
                async_graphql::parser::types::FieldDefinition,
            >]| {
                fields
                    .iter()
                    .map(|f| {
                        let args = f
                            .node
                            .arguments
                            .iter()
                            .map(|a| (a.node.name.node.to_string(), a.node.ty.node.clone()))
                            .collect();
                        (f.node.name.node.to_string(), args, f.node.ty.node.clone())
                    })
                    .collect::<Vec<_>>()
            };
            match ty.kind {
                TypeKind::Object(object) => {
                    for interface in &object.implements {
                        schema
                            .possible
                            .entry(interface.node.to_string())
                            .or_default()
                            .push(name.clone());
                    }
                    schema.fields.insert(name, fields(&object.fields));
                }
                TypeKind::Interface(interface) => {
                    schema.fields.insert(name, fields(&interface.fields));
                }
                TypeKind::Union(union) => {
                    schema.possible.insert(
                        name,
                        union.members.iter().map(|m| m.node.to_string()).collect(),
                    );
                }
                TypeKind::InputObject(input) => {
                    let fields = input
                        .fields
                        .iter()
                        .map(|f| (f.node.name.node.to_string(), f.node.ty.node.clone()))
                        .collect();
                    schema.inputs.insert(name, fields);
                }
                TypeKind::Enum(values) => {
                    schema.enums.insert(
                        name,
                        values
                            .values
                            .iter()
                            .map(|v| v.node.value.node.to_string())
                            .collect(),
                    );
                }
                TypeKind::Scalar => {}
            }
        }
        schema
    }
}

/// A small deterministic generator (xorshift), so a failure can be replayed from its seed.
struct Rng(u64, usize);

impl Rng {
    /// Counts a generated value; false once a document has enough of them.
    fn spend(&mut self) -> bool {
        self.1 += 1;
        self.1 < 3000
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}

/// Strings a careless or hostile client sends.
fn odd_string(rng: &mut Rng) -> String {
    let samples = [
        "puno",
        "Otárola",
        "",
        " ",
        "%",
        "_",
        "\\",
        "\"quoted\"",
        "<script>alert(1)</script>",
        "'; DROP TABLE person; --",
        "\u{202E}evil",
        "\u{0000}nul",
        "Din\u{0430}",
        "😀👩‍👩‍👧",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "ﷺ",
        "Person:dina-boluarte",
        "2023-01-09",
        "2023-13-45",
        "9999-99",
        "not a date",
        "cursor:1",
        "Y3Vyc29yOjE",
        "Y3Vyc29yOjkyMjMzNzIwMzY4NTQ3NzU4MDc",
    ];
    match rng.below(12) {
        0 => "x".repeat(rng.below(20_000)),
        _ => samples[rng.below(samples.len())].to_string(),
    }
}

/// A value for `ty`, or something else entirely; `depth` bounds input objects.
fn value(schema: &Schema, rng: &mut Rng, ty: &Type, depth: usize) -> Value {
    if (ty.nullable && rng.chance(10)) || !rng.spend() {
        return Value::Null;
    }
    match &ty.base {
        BaseType::List(inner) => {
            let len = if depth == 0 && rng.chance(3) {
                600
            } else {
                rng.below(4)
            };
            Value::Array(
                (0..len)
                    .map(|_| value(schema, rng, inner, depth + 1))
                    .collect(),
            )
        }
        BaseType::Named(name) => named_value(schema, rng, name.as_str(), depth),
    }
}

fn named_value(schema: &Schema, rng: &mut Rng, name: &str, depth: usize) -> Value {
    if rng.chance(2) {
        return odd_string(rng).into(); // the wrong type altogether
    }
    if let Some(fields) = schema.inputs.get(name) {
        let mut object = serde_json::Map::new();
        if depth > 40 {
            return Value::Object(object);
        }
        for (field, ty) in fields {
            // Logical fields nest the same filter: follow them often, to go deep.
            let nests = matches!(field.as_str(), "and" | "or" | "not");
            if rng.chance(if nests { 35 } else { 25 }) {
                object.insert(field.clone(), value(schema, rng, ty, depth + 1));
            }
        }
        return Value::Object(object);
    }
    if let Some(values) = schema.enums.get(name) {
        return rng.pick(values).cloned().unwrap_or_default().into();
    }
    match name {
        "Int" => [
            0i64,
            -1,
            1,
            5,
            100,
            101,
            i64::from(i32::MAX),
            i64::from(i32::MIN),
            i64::MAX,
        ][rng.below(9)]
        .into(),
        "Float" => json!([0.0, -1.5, 1e308, 3.5][rng.below(4)]),
        "Boolean" => rng.chance(50).into(),
        _ => odd_string(rng).into(),
    }
}

/// A selection set on `type_name`, `depth` levels at most.
fn selection(
    schema: &Schema,
    rng: &mut Rng,
    type_name: &str,
    depth: usize,
    variables: &mut Vec<(String, String, Value)>,
) -> String {
    if let Some(possible) = schema.possible.get(type_name) {
        let on = rng.pick(possible).cloned().unwrap_or_default();
        return format!(
            "__typename ... on {on} {{ {} }}",
            selection(schema, rng, &on, depth, variables)
        );
    }
    let Some(fields) = schema.fields.get(type_name) else {
        return "__typename".into();
    };
    let mut out = Vec::new();
    for i in 0..1 + rng.below(3) {
        let Some((name, args, ty)) = rng.pick(fields) else {
            break;
        };
        let mut text = if rng.chance(15) {
            format!("a{i}: {name}")
        } else {
            name.clone()
        };
        let mut given = Vec::new();
        for (arg, arg_ty) in args {
            if !arg_ty.nullable || rng.chance(40) {
                let v = value(schema, rng, arg_ty, 0);
                if rng.chance(30) {
                    let var = format!("v{}", variables.len());
                    given.push(format!("{arg}: ${var}"));
                    variables.push((var, arg_ty.to_string(), v));
                } else {
                    given.push(format!("{arg}: {}", literal(&v)));
                }
            }
        }
        if !given.is_empty() {
            text.push_str(&format!("({})", given.join(", ")));
        }
        let mut base = ty;
        while let BaseType::List(inner) = &base.base {
            base = inner;
        }
        let BaseType::Named(inner) = &base.base else {
            continue;
        };
        if schema.fields.contains_key(inner.as_str())
            || schema.possible.contains_key(inner.as_str())
        {
            let nested = if depth == 0 {
                "__typename".to_string()
            } else {
                selection(schema, rng, inner.as_str(), depth - 1, variables)
            };
            text.push_str(&format!(" {{ {nested} }}"));
        }
        out.push(text);
    }
    out.join(" ")
}

/// A JSON value written as a GraphQL literal (object keys bare, strings quoted).
fn literal(value: &Value) -> String {
    match value {
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{k}: {}", literal(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(literal).collect::<Vec<_>>().join(", ")
        ),
        other => other.to_string(),
    }
}

/// Sends one random document; panics with its seed when the answer breaks
/// the rules. Returns the answer's first error code ("" for none).
async fn check_one(app: &TestApp, schema: &Schema, seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1, 0);
    let mut variables = Vec::new();
    let depth = 2 + rng.below(6);
    let body = selection(schema, &mut rng, "Query", depth, &mut variables);
    let declared: Vec<String> = variables
        .iter()
        .map(|(n, t, _)| format!("${n}: {t}"))
        .collect();
    let header = if declared.is_empty() {
        String::new()
    } else {
        format!("query({})", declared.join(", "))
    };
    let document = format!("{header} {{ {body} }}");
    let values: serde_json::Map<String, Value> =
        variables.into_iter().map(|(n, _, v)| (n, v)).collect();
    let request = Request::post("/graphql")
        .header("content-type", "application/json")
        .body(Body::from(
            json!({ "query": document, "variables": values }).to_string(),
        ))
        .unwrap();
    let (status, answer) = app.send(request).await;
    let context = || {
        format!(
            "seed {seed}: {}\n{}",
            &document[..document.len().min(2000)],
            answer.to_string().chars().take(1000).collect::<String>()
        )
    };
    assert!(status.as_u16() < 500, "status {status}: {}", context());
    assert!(answer.is_object(), "not JSON: {}", context());
    for error in answer["errors"].as_array().into_iter().flatten() {
        let code = error["extensions"]["code"].as_str().unwrap_or("");
        assert!(!code.is_empty() && code != "INTERNAL", "{}", context());
    }
    answer["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[tokio::test]
async fn random_documents_always_get_coded_answers() {
    // One client sends everything: the rate limit would answer most of it.
    let limits = quipu::config::LimitsConfig {
        rate_limit_per_minute: 0,
        ..Default::default()
    };
    let app = load_data(spawn_app_with(limits).await).await;
    let schema = Schema::read();
    let base: u64 = std::env::var("QUIPU_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let mut codes: HashMap<String, usize> = HashMap::new();
    for seed in base..base + CASES {
        let answered = tokio::time::timeout(
            std::time::Duration::from_secs(40),
            check_one(&app, &schema, seed),
        )
        .await;
        let Ok(code) = answered else {
            panic!("seed {seed} got no answer in 40 s")
        };
        *codes.entry(code).or_default() += 1;
    }
    eprintln!("answers by first error code (\"\" = data, no error): {codes:?}");
    // A generator that only ever trips limits would test nothing else.
    assert!(
        codes.get("").copied().unwrap_or(0) as u64 >= CASES / 20,
        "{codes:?}"
    );
    let (status, _) = get(&app, "/health").await;
    assert_eq!(status.as_u16(), 200);
}
