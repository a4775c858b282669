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

#[test]
fn the_contract_names_are_in_the_schema() {
    let sdl = quipu::graphql::sdl();
    for needle in [
        "interface Node {",
        "interface Actor implements Node {",
        "type Person implements Actor & Node {",
        "type Organization implements Actor & Node {",
        "scalar PartialDate",
        "\tnode(\t\tid: ID!,",
        "\tnodes(\t\tids: [ID!]!,",
        "\tstatements(\t\tfilter: StatementFilter,",
        "type Mutation {",
        "createStatement(input: CreateStatementInput!): StatementPayload!",
        "retract(input: RetractInput!): ChangePayload!",
        "merge(input: MergeInput!): ChangePayload!",
        "revert(revisionId: ID!): ChangePayload!",
        "history(id: ID!, first: Int, after: String, last: Int, before: String): RevisionConnection!",
        "changes(after: String, types: [NodeType!], first: Int! = 100): ChangeFeed!",
        "entityChanged(types: [NodeType!]): Revision!",
        "within: String",
        "isOfficial: Boolean",
        "totalCount: Int!",
    ] {
        assert!(sdl.contains(needle), "the schema lacks `{needle}`");
    }
}
