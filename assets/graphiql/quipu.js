// Mounts GraphiQL on /graphql with example queries for journalists, one per tab.
(function () {
  var examples = [
    "# Statements by officials about incidents in Puno: speaker, incidents,\n" +
      "# the place chain and the source that reports each. Press ▶ to run.\n" +
      "query PunoStatementsByOfficials {\n" +
      "  statements(filter: { speaker: { isOfficial: true }, about: { place: { within: \"puno\" } } }) {\n" +
      "    totalCount\n" +
      "    edges { node {\n" +
      "      text date\n" +
      "      speaker { __typename name ... on Person { positions { title organization { name } } } }\n" +
      "      incidents { title startDate place { name ancestors { name } } }\n" +
      "      source { title publishedAt publisher { name } }\n" +
      "      originalSource { title }\n" +
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
    "# Find people without accents or full names, then follow their positions and words.\n" +
      "query FindAPerson {\n" +
      "  persons(filter: { nameContains: \"otarola\" }) {\n" +
      "    edges { node { name aliases isOfficial positions { title organization { name } } statements { edges { node { text } } } } }\n" +
      "  }\n" +
      "}\n",
    "# What happened in Puno, in date order (Puno and every place below it).\n" +
      "query PunoIncidentsInOrder {\n" +
      "  incidents(filter: { place: { within: \"puno\" } }, orderBy: { field: START_DATE }) {\n" +
      "    edges { node { startDate kind title place { name } citations { source { title } excerpt } } }\n" +
      "  }\n" +
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
  var fetcher = GraphiQL.createFetcher({ url: "/graphql" });
  var tabs = examples.map(function (query) { return { query: query }; });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(React.createElement(GraphiQL, { fetcher: fetcher, defaultTabs: tabs, defaultQuery: examples[0] }));
})();
