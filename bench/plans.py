"""The planned read path against the resolvers, on one database, in one run:
`python3 bench/plans.py QUIPU_BINARY DATABASE_URL [OUT.json]`.

Starts the server twice over the same database (QUIPU_PLANNED_READS=true,
then false) and, for each operation, measures at rest, one request at a
time: the median wall time of 50 requests, the server's CPU time per request
over 200 requests (from /proc), and the SQL statements per request (from
/metrics). Ratios from one run are what to compare; absolute figures move
with the machine's load."""
import json, os, signal, statistics, subprocess, sys, time, urllib.request

sys.path.insert(0, os.path.dirname(__file__))
import operations  # noqa: E402

BINARY, URL = sys.argv[1], sys.argv[2]
OUT = sys.argv[3] if len(sys.argv) > 3 else None
PORT = 8600

DEEP = """{ statements(first: 100) { edges { node { text speaker { name }
  incidents { title place { name ancestors { name } } casualtyReports { killed source { title publisher { name } } } }
  citations { excerpt source { title } } } } } }"""
# Records read together (a timeline page, search hits) and connections
# paged below each row: the resolvers answered these before issue 11's
# second session.
TIMELINE = """{ timeline(filter: { placeWithin: "puno" }, first: 20) { edges { node { date node { id
  ... on Statement { text speaker { ... on Person { name } ... on Organization { name } } }
  ... on Incident { title place { name } } } } } } }"""
SEARCH = """{ search(query: "repression justice", first: 10) { totalCount edges { node { score entity { id
  ... on Statement { text source { title } } ... on Person { name } } } } } }"""
CONNECTIONS = """{ persons(first: 50) { nodes { name isOfficial
  statements(last: 5) { totalCount nodes { text incidents { title } } } } } }"""
OPERATIONS = {
    "nested": operations.QUIPU["nested"],
    "puno": operations.PUNO,
    "deep": DEEP,
    "page": operations.FIRST_PAGE,
    "timeline": TIMELINE,
    "search": SEARCH,
    "connections": CONNECTIONS,
}


def post(query):
    body = json.dumps({"query": query}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}/graphql", data=body,
                                     headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        data = json.loads(response.read())
    assert "errors" not in data, data
    return data


def cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")


def sql_count():
    # QUIPU_METRICS_ADDR (the API's /metrics needs an admin key).
    text = urllib.request.urlopen(f"http://127.0.0.1:{PORT + 1}/metrics").read().decode()
    for line in text.splitlines():
        if line.startswith("quipu_sql_statement_duration_seconds_count"):
            return int(float(line.split()[-1]))
    return 0


def measure(pid, query):
    post(query)
    walls = []
    for _ in range(50):
        t = time.perf_counter()
        post(query)
        walls.append((time.perf_counter() - t) * 1000)
    before_sql, before_cpu = sql_count(), cpu(pid)
    for _ in range(200):
        post(query)
    cpu_ms = (cpu(pid) - before_cpu) / 200 * 1000
    # /metrics itself runs no SQL.
    sql = (sql_count() - before_sql) / 200
    return {"p50_ms": round(statistics.median(walls), 2), "cpu_ms": round(cpu_ms, 2), "sql": round(sql, 2)}


def run(planned):
    env = dict(os.environ, DATABASE_URL=URL, QUIPU_ADDR=f"127.0.0.1:{PORT}", QUIPU_METRICS_ADDR=f"127.0.0.1:{PORT + 1}",
               QUIPU_RATE_LIMIT_PER_MINUTE="0",
               QUIPU_MAX_COMPLEXITY="1000000", RUST_LOG="warn", QUIPU_PLANNED_READS=str(planned).lower())
    server = subprocess.Popen([BINARY, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/ready", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        return {name: measure(server.pid, query) for name, query in OPERATIONS.items()}
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


planned, resolvers = run(True), run(False)
result = {"database": URL.split("://")[0], "planned": planned, "resolvers": resolvers,
          "cpu_ratio": {k: round(resolvers[k]["cpu_ms"] / max(planned[k]["cpu_ms"], 1e-9), 2) for k in OPERATIONS}}
print(json.dumps(result, indent=1))
if OUT:
    with open(OUT, "w") as f:
        json.dump(result, f, indent=1)
