"""Paging by keyset and the nested list's CPU at rest, against a running
Quipu: `python3 bench/keyset.py http://127.0.0.1:8000/graphql PID`.
Medians of 30 sequential requests for the first, a middle and the last page
of 100 statements; process CPU time (from /proc) over 200 sequential nested
list requests. Run it once with QUIPU_TRACE_RESOLVERS=false and once with
true to see what resolver spans cost."""
import json, sys, time, urllib.request, statistics, os
URL = sys.argv[1]; PID = int(sys.argv[2])
def q(query, variables=None):
    r = urllib.request.urlopen(urllib.request.Request(URL, data=json.dumps({"query": query, "variables": variables or {}}).encode(), headers={"content-type": "application/json"}))
    d = json.loads(r.read()); assert "errors" not in d, d; return d["data"]
def cpu():
    with open(f"/proc/{PID}/stat") as f: parts = f.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")
def timed(query, variables=None, n=30):
    q(query, variables)
    ts = []
    for _ in range(n):
        t = time.perf_counter(); q(query, variables); ts.append((time.perf_counter() - t) * 1000)
    return statistics.median(ts)
PAGE = "query($a: String) { statements(first: 100, after: $a) { edges { node { id date } } } }"
near_end = q("{ statements(last: 100) { edges { cursor } } }")["statements"]["edges"][0]["cursor"]
mid = q("{ statements(first: 1, orderBy: {field: DATE, direction: ASC}, filter: { dateFrom: \"2020-06\" }) { edges { cursor } } }")["statements"]["edges"][0]["cursor"]
out = {"first_page_ms": timed(PAGE), "middle_page_ms": timed(PAGE, {"a": mid}), "last_page_ms": timed(PAGE, {"a": near_end})}
NESTED = "{ statements(first: 100) { edges { node { id incidents { id casualtyReports { killed source { id } } } } } } }"
q(NESTED)
c0 = cpu(); t0 = time.perf_counter()
for _ in range(200): q(NESTED)
out["nested_cpu_ms_per_request"] = (cpu() - c0) / 200 * 1000
out["nested_wall_ms_per_request"] = (time.perf_counter() - t0) / 200 * 1000
print(json.dumps(out))
