// Mounts GraphiQL on /graphql with example queries for journalists, one per
// tab, the Explorer (point and click) and the Table (the result as a table).
(function () {
  var examples = [
    "# Statements by officials (as of the day they spoke) about incidents in Puno:\n" +
      "# speaker, incidents, the place chain and the source that reports each.\n" +
      "# The README's question, field for field. speakerRole: [OFFICIAL, UNKNOWN] also lists\n" +
      "# those the dates do not settle. Press ▶ to run.\n" +
      "query PunoStatementsByOfficials {\n" +
      "  statements(filter: { spokenAsOfficial: true, about: { place: { within: \"puno\" } } }) {\n" +
      "    totalCount\n" +
      "    edges { node {\n" +
      "      kind text date notBefore notAfter inferred inference\n" +
      "      speaker { __typename name ... on Person { positions { title start end organization { name } } } }\n" +
      "      speakerRole speakerRoleReason\n" +
      "      incidents { title startDate place { name ancestors { name } } places { name } casualtyReports { killed killedQualifier killedWords source { title } } }\n" +
      "      source { title publishedAt publisher { name } }\n" +
      "      originalSource { title }\n" +
      "      citations { excerpt source { title } }\n" +
      "    } }\n" +
      "  }\n" +
      "}\n",
    "# Casualty figures for Juliaca, source by source: they disagree, and every one is kept.\n" +
      "query JuliacaCasualtiesBySource {\n" +
      "  incident(slug: \"juliaca-killings-2023-01-09\") {\n" +
      "    title startDate place { name }\n" +
      "    casualtyReports {\n" +
      "      killed killedQualifier injured injuredQualifier note\n" +
      "      source { title publishedAt }\n" +
      "      citations { excerpt }\n" +
      "    }\n" +
      "  }\n" +
      "}\n",
    "# Search forgives accents, case, partial words and typos: try \"Boularte\" or \"Cana\".\n" +
      "query SearchByName {\n" +
      "  search(query: \"otarola\", first: 5) {\n" +
      "    totalCount correctedQuery facets { type count }\n" +
      "    edges { node { type score snippet entity { id ... on Person { name positions { title } } } } }\n" +
      "  }\n" +
      "}\n",
    "# A timeline of Puno: incidents there and statements about them, in date order.\n" +
      "query PunoTimeline {\n" +
      "  timeline(filter: { placeWithin: \"puno\" }) {\n" +
      "    totalCount\n" +
      "    edges { node { date precision kind node { id ... on Incident { title } ... on Statement { text speaker { name } } } } }\n" +
      "  }\n" +
      "}\n",
    "# How is Víctor Canales connected to Dina Boluarte? The shortest paths, edge by edge.\n" +
      "# (Try to: \"Place:juliaca\" too.)\n" +
      "query CanalesToBoluarte {\n" +
      "  paths(from: \"Person:victor-canales\", to: \"Person:dina-boluarte\") {\n" +
      "    length edges { type from { id } to { id } }\n" +
      "  }\n" +
      "}\n",
    "# Every change to the graph as it is committed (press ▶ and leave the tab open):\n" +
      "# a subscription over WebSocket, on any server behind the same database.\n" +
      "subscription WatchChanges {\n" +
      "  entityChanged { action nodeType nodeId at actor changedFields }\n" +
      "}\n",
    "# Who reports what: a source, what it cites, and what it quotes.\n" +
      "query WhoReportsWhat {\n" +
      "  source(slug: \"peoples-dispatch-juliaca-massacre\") {\n" +
      "    title publishedAt authors { name } publisher { name }\n" +
      "    cites { title }\n" +
      "    statements { edges { node { speaker { name } text originalSource { title } } } }\n" +
      "  }\n" +
      "}\n",
  ];
  // Subscriptions run over WebSocket at /graphql/ws (graphql-transport-ws),
  // through the vendored graphql-ws client.
  var socket = (window.location.protocol === "https:" ? "wss://" : "ws://") + window.location.host + "/graphql/ws";
  // The Table plugin sees each answer the page fetches.
  // (Plain JSON answers: Quipu does not stream @defer parts.)
  var fetcher = QuipuTable.wrap(GraphiQL.createFetcher({
    url: "/graphql",
    enableIncrementalDelivery: false,
    wsClient: graphqlWs.createClient({ url: socket, lazy: true }),
  }));
  // Point-and-click query building, and the result as a table with its citations.
  var plugins = [GraphiQLPluginExplorer.explorerPlugin({ showAttribution: false }), QuipuTable.plugin];
  var tabs = examples.map(function (query) { return { query: query }; });

  // The query and variables being edited live in the page's URL
  // (?query=...&variables=...), so a link reproduces a result: opening one
  // opens its query in a tab of its own.
  var shared = new URLSearchParams(window.location.search);
  var current = { query: shared.get("query") || "", variables: shared.get("variables") || "" };
  function remember() {
    var params = new URLSearchParams();
    if (current.query) params.set("query", current.query);
    if (current.variables && current.variables.trim()) params.set("variables", current.variables);
    var search = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
  }
  var props = {
    fetcher: fetcher,
    plugins: plugins,
    defaultTabs: tabs,
    defaultQuery: examples[0],
    onEditQuery: function (query) { current.query = query; remember(); },
    onEditVariables: function (variables) { current.variables = variables; remember(); },
    onTabChange: function (state) {
      var tab = state.tabs[state.activeTabIndex] || {};
      current = { query: tab.query || "", variables: tab.variables || "" };
      remember();
    },
  };
  if (current.query) {
    props.query = current.query;
    props.variables = current.variables || undefined;
  }
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(React.createElement(GraphiQL, props));
})();
