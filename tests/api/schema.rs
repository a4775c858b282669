//! The committed `schema.graphql` is the public contract: it must match the code.

#[test]
fn schema_graphql_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.graphql");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let current = quipu::graphql::sdl();
    assert!(
        committed == current,
        "schema.graphql is stale: run `cargo run -- schema --out schema.graphql` and commit the result"
    );
}
