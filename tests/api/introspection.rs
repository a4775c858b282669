//! What clients see is the contract: the schema introspection shows through
//! `app()` must be `schema.graphql`, element by element, and every element
//! must say what it is (a description on every type, field, argument, enum
//! value and input field: GraphiQL's docs pane shows them).

/// Every schema element a client can see, one line each: its kind, type,
/// default, interfaces or members and description (whitespace collapsed, as
/// a block string and a JSON string say the same text differently).
type Elements = std::collections::BTreeMap<String, String>;

fn words(text: Option<&str>) -> String {
    text.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn squeeze(value: &str) -> String {
    value.split_whitespace().collect()
}

/// The introspection type reference `ty` as SDL writes it (`[Statement!]!`).
fn type_ref(ty: &serde_json::Value) -> String {
    match ty["kind"].as_str() {
        Some("NON_NULL") => format!("{}!", type_ref(&ty["ofType"])),
        Some("LIST") => format!("[{}]", type_ref(&ty["ofType"])),
        _ => ty["name"].as_str().unwrap_or_default().to_string(),
    }
}

fn names(list: &serde_json::Value) -> String {
    let mut names: Vec<&str> = list
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["name"].as_str())
        .collect();
    names.sort();
    names.join(",")
}

/// An argument or input field from introspection.
fn input_value(out: &mut Elements, at: String, value: &serde_json::Value) {
    let default = value["defaultValue"]
        .as_str()
        .map(squeeze)
        .unwrap_or_default();
    let line = format!(
        "{} = {default} | {}",
        type_ref(&value["type"]),
        words(value["description"].as_str())
    );
    out.insert(at, line);
}

/// The elements of the schema as introspection shows them.
fn from_introspection(schema: &serde_json::Value) -> Elements {
    let mut out = Elements::new();
    for ty in schema["types"].as_array().into_iter().flatten() {
        let name = ty["name"].as_str().unwrap_or_default();
        if name.starts_with("__") || ["String", "Int", "Float", "Boolean", "ID"].contains(&name) {
            continue;
        }
        let line = format!(
            "{} implements={} members={} specifiedBy={} | {}",
            ty["kind"].as_str().unwrap_or_default(),
            names(&ty["interfaces"]),
            names(&ty["possibleTypes"]),
            ty["specifiedByURL"].as_str().unwrap_or_default(),
            words(ty["description"].as_str())
        );
        out.insert(name.to_string(), line);
        for field in ty["fields"].as_array().into_iter().flatten() {
            let at = format!("{name}.{}", field["name"].as_str().unwrap_or_default());
            let deprecated = field["deprecationReason"].as_str().unwrap_or_default();
            let line = format!(
                "{} deprecated={deprecated} | {}",
                type_ref(&field["type"]),
                words(field["description"].as_str())
            );
            for arg in field["args"].as_array().into_iter().flatten() {
                let arg_name = arg["name"].as_str().unwrap_or_default();
                input_value(&mut out, format!("{at}({arg_name})"), arg);
            }
            out.insert(at, line);
        }
        for field in ty["inputFields"].as_array().into_iter().flatten() {
            let at = format!("{name}.{}", field["name"].as_str().unwrap_or_default());
            input_value(&mut out, at, field);
        }
        for value in ty["enumValues"].as_array().into_iter().flatten() {
            let at = format!("{name}::{}", value["name"].as_str().unwrap_or_default());
            let deprecated = value["deprecationReason"].as_str().unwrap_or_default();
            let line = format!(
                "deprecated={deprecated} | {}",
                words(value["description"].as_str())
            );
            out.insert(at, line);
        }
    }
    out
}

/// The reason a definition's `@deprecated` gives, if it has one.
fn deprecation(
    directives: &[async_graphql::Positioned<async_graphql::parser::types::ConstDirective>],
) -> String {
    directives
        .iter()
        .find(|d| d.node.name.node == "deprecated")
        .map(|d| match d.node.get_argument("reason") {
            Some(reason) => match &reason.node {
                async_graphql::Value::String(reason) => reason.clone(),
                other => other.to_string(),
            },
            None => "No longer supported".to_string(),
        })
        .unwrap_or_default()
}

/// The URL of a scalar's `@specifiedBy`, if it has one.
fn specified_by(
    directives: &[async_graphql::Positioned<async_graphql::parser::types::ConstDirective>],
) -> String {
    directives
        .iter()
        .find(|d| d.node.name.node == "specifiedBy")
        .and_then(|d| match d.node.get_argument("url").map(|u| &u.node) {
            Some(async_graphql::Value::String(url)) => Some(url.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

fn sdl_input(
    out: &mut Elements,
    at: String,
    value: &async_graphql::parser::types::InputValueDefinition,
) {
    let default = value
        .default_value
        .as_ref()
        .map(|d| squeeze(&d.node.to_string()))
        .unwrap_or_default();
    let description = words(value.description.as_ref().map(|d| d.node.as_str()));
    out.insert(at, format!("{} = {default} | {description}", value.ty.node));
}

fn sorted(list: impl Iterator<Item = String>) -> String {
    let mut list: Vec<String> = list.collect();
    list.sort();
    list.join(",")
}

fn sdl_fields(
    out: &mut Elements,
    name: &str,
    fields: &[async_graphql::Positioned<async_graphql::parser::types::FieldDefinition>],
) {
    for field in fields {
        let field = &field.node;
        let at = format!("{name}.{}", field.name.node);
        for arg in &field.arguments {
            sdl_input(out, format!("{at}({})", arg.node.name.node), &arg.node);
        }
        let description = words(field.description.as_ref().map(|d| d.node.as_str()));
        let line = format!(
            "{} deprecated={} | {description}",
            field.ty.node,
            deprecation(&field.directives)
        );
        out.insert(at, line);
    }
}

/// The elements of the schema as `schema.graphql` writes them.
fn from_sdl(sdl: &str) -> Elements {
    use async_graphql::parser::types::{TypeKind, TypeSystemDefinition};
    let document = async_graphql::parser::parse_schema(sdl).expect("schema.graphql parses");
    let types: Vec<_> = document
        .definitions
        .iter()
        .filter_map(|d| match d {
            TypeSystemDefinition::Type(t) => Some(&t.node),
            _ => None,
        })
        .collect();
    let implementers = |interface: &str| {
        sorted(types.iter().filter_map(|t| match &t.kind {
            TypeKind::Object(o) if o.implements.iter().any(|i| i.node == interface) => {
                Some(t.name.node.to_string())
            }
            _ => None,
        }))
    };
    let mut out = Elements::new();
    for ty in &types {
        let name = ty.name.node.as_str();
        let names = |list: &[async_graphql::Positioned<async_graphql::Name>]| {
            sorted(list.iter().map(|n| n.node.to_string()))
        };
        let (kind, implements, members, url) = match &ty.kind {
            TypeKind::Scalar => (
                "SCALAR",
                String::new(),
                String::new(),
                specified_by(&ty.directives),
            ),
            TypeKind::Object(o) => {
                sdl_fields(&mut out, name, &o.fields);
                ("OBJECT", names(&o.implements), String::new(), String::new())
            }
            TypeKind::Interface(i) => {
                sdl_fields(&mut out, name, &i.fields);
                (
                    "INTERFACE",
                    names(&i.implements),
                    implementers(name),
                    String::new(),
                )
            }
            TypeKind::Union(u) => ("UNION", String::new(), names(&u.members), String::new()),
            TypeKind::Enum(e) => {
                for value in &e.values {
                    let value = &value.node;
                    let description = words(value.description.as_ref().map(|d| d.node.as_str()));
                    let line = format!(
                        "deprecated={} | {description}",
                        deprecation(&value.directives)
                    );
                    out.insert(format!("{name}::{}", value.value.node), line);
                }
                ("ENUM", String::new(), String::new(), String::new())
            }
            TypeKind::InputObject(i) => {
                for field in &i.fields {
                    sdl_input(
                        &mut out,
                        format!("{name}.{}", field.node.name.node),
                        &field.node,
                    );
                }
                ("INPUT_OBJECT", String::new(), String::new(), String::new())
            }
        };
        let description = words(ty.description.as_ref().map(|d| d.node.as_str()));
        let line = format!(
            "{kind} implements={implements} members={members} specifiedBy={url} | {description}"
        );
        out.insert(name.to_string(), line);
    }
    out
}

const INTROSPECTION: &str = r#"
query {
  __schema {
    types {
      kind name description specifiedByURL
      interfaces { name } possibleTypes { name }
      fields(includeDeprecated: true) {
        name description isDeprecated deprecationReason type { ...T }
        args { name description defaultValue type { ...T } }
      }
      inputFields { name description defaultValue type { ...T } }
      enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
    }
  }
}
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
"#;

#[tokio::test]
async fn the_live_schema_is_schema_graphql() {
    let app = crate::helpers::spawn_app().await;
    let data = app.data(INTROSPECTION).await;
    let live = from_introspection(&data["__schema"]);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.graphql");
    let file = from_sdl(&std::fs::read_to_string(path).expect("schema.graphql"));
    assert!(
        live.len() > 500,
        "introspection showed only {} elements",
        live.len()
    );
    let differences: Vec<String> = live
        .keys()
        .chain(file.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|key| live.get(*key) != file.get(*key))
        .map(|key| {
            format!(
                "{key}\n  live: {:?}\n  file: {:?}",
                live.get(key),
                file.get(key)
            )
        })
        .collect();
    assert!(
        differences.is_empty(),
        "{} differences between introspection and schema.graphql:\n{}",
        differences.len(),
        differences.join("\n")
    );
}

#[tokio::test]
async fn every_type_field_argument_and_enum_value_is_described() {
    let app = crate::helpers::spawn_app().await;
    let data = app.data(INTROSPECTION).await;
    let live = from_introspection(&data["__schema"]);
    let undescribed: Vec<&String> = live
        .iter()
        .filter(|(_, line)| line.ends_with("| "))
        .map(|(key, _)| key)
        .collect();
    assert!(
        undescribed.is_empty(),
        "{} schema elements have no description: {undescribed:?}",
        undescribed.len()
    );
}

#[test]
fn the_contract_names_are_in_the_schema() {
    let file = from_sdl(&quipu::graphql::sdl());
    let type_of = |key: &str| {
        let line = file
            .get(key)
            .unwrap_or_else(|| panic!("the schema lacks `{key}`"));
        line.split(" | ").next().unwrap_or_default().to_string()
    };
    for (key, expected) in [
        ("Node", "INTERFACE implements= members=CasualtyReport,Incident,Organization,Person,Place,Position,Source,Statement specifiedBy="),
        ("Actor", "INTERFACE implements= members=Organization,Person specifiedBy="),
        ("Person", "OBJECT implements=Actor,Node members= specifiedBy="),
        ("Organization", "OBJECT implements=Actor,Node members= specifiedBy="),
        ("Query.node", "Node deprecated="),
        ("Query.node(id)", "ID! = "),
        ("Query.nodes(ids)", "[ID!]! = "),
        ("Query.statements(filter)", "StatementFilter = "),
        ("Mutation.createStatement", "StatementPayload! deprecated="),
        ("Mutation.createStatement(input)", "CreateStatementInput! = "),
        ("Mutation.retract(input)", "RetractInput! = "),
        ("Mutation.merge(input)", "MergeInput! = "),
        ("Mutation.revert(revisionId)", "ID! = "),
        ("Query.history", "RevisionConnection! deprecated="),
        ("Query.changes", "ChangeFeed! deprecated="),
        ("Query.changes(first)", "Int! = 100"),
        ("Query.changes(types)", "[NodeType!] = "),
        ("Subscription.entityChanged", "Revision! deprecated="),
        ("PlaceFilter.within", "String = "),
        ("StatementConnection.totalCount", "Int! deprecated="),
    ] {
        assert_eq!(type_of(key), expected, "{key}");
    }
    assert!(file["PartialDate"].starts_with("SCALAR implements= members= specifiedBy=https://"));
}

/// Checks that every revision's `changedFields` (at least `at_least` revisions
/// with some) names fields of the record's GraphQL type, never a column.
pub async fn changed_fields_are_fields(app: &crate::helpers::TestApp, at_least: usize) {
    let data = app.data(INTROSPECTION).await;
    let live = from_introspection(&data["__schema"]);
    let feed = app
        .data("{ changes(first: 1000) { revisions { nodeType action changedFields } } }")
        .await;
    let revisions = feed["changes"]["revisions"].as_array().expect("revisions");
    let mut checked = 0;
    for revision in revisions {
        let ty = revision["nodeType"].as_str().unwrap_or_default();
        let fields = revision["changedFields"].as_array().expect("a list");
        checked += usize::from(!fields.is_empty());
        for field in fields {
            let key = format!("{ty}.{}", field.as_str().unwrap_or_default());
            assert!(
                live.contains_key(&key),
                "`{key}` is not a field: {revision}"
            );
        }
    }
    assert!(checked >= at_least, "only {checked} revisions named fields");
}
