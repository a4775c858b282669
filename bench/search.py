#!/usr/bin/env python3
"""Search at scale: `python3 bench/search.py --sizes 1000000`.

For each size, on the graphs bench/run.py generates (SQLite and PostgreSQL):
- builds the search index from scratch with `quipu search-index rebuild`,
  sampling the process's resident memory every 0.2 s (peak and the samples
  at each quarter of the build, to show it stays flat), and reports the
  build time and the index's size on disk;
- serves with that index and measures with wrk, in one run: the two-word
  search of bench/operations.py at rest (one connection, one request at a
  time) and under concurrency (req/s, p50, p99), and `suggest` over
  prefixes of one to eleven characters, at rest and under concurrency;
- measures PostgreSQL's own full-text query for the same two words with
  pgbench (a `tsvector` GIN index over the same texts, made once in the
  benchmark database for this comparison only), the floor the old search
  stood on.
Writes bench/results/search-latest.json; BENCHMARKS.md is written by hand
from it.

Options: --sizes 1000000  --duration 10  --connections 8
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time

import run
import operations

SUGGEST = [
    "a", "an", "ana q", "qu", "r", "ro", "rosa m", "inc", "incident 12", "rep", "report 3", "pun", "c", "ch", "vi",
]
SUGGEST_QUERY = '{ suggest(prefix: %s, first: 10) { name entity { id } } }'

FLOOR = {
    "search": operations.SQL["search"],
    "search_count": """SELECT kind, count(*) FROM bench_fts
WHERE tsv @@ to_tsquery('simple', 'repression:* & justice:*') GROUP BY kind;""",
}


def build(url, directory):
    """Rebuilds the index in `directory`; returns seconds, peak RSS and RSS by quarter."""
    shutil.rmtree(directory, ignore_errors=True)
    started = time.time()
    process = subprocess.Popen([run.QUIPU, "search-index", "--database-url", url, "--search-dir", directory, "rebuild"],
                               stdout=subprocess.PIPE, text=True)
    samples = []

    def sample():
        while process.poll() is None:
            try:
                samples.append((time.time() - started, run.memory(process.pid).get("VmRSS", 0)))
            except OSError:
                pass
            time.sleep(0.2)

    watcher = threading.Thread(target=sample)
    watcher.start()
    out, _ = process.communicate()
    watcher.join()
    seconds = time.time() - started
    quarters = [max((m for t, m in samples if t <= seconds * q / 4), default=0) for q in range(1, 5)]
    size = sum(os.path.getsize(os.path.join(directory, f)) for f in os.listdir(directory))
    print(f"  built in {seconds:.1f}s: {out.strip()}", flush=True)
    return {"seconds": round(seconds, 1), "peak_rss_mb": max((m for _, m in samples), default=0),
            "rss_mb_by_quarter": quarters, "index_mb": round(size / 1e6, 1), "report": out.strip()}


def serve(url, directory, args):
    port = 8500
    env = dict(os.environ, DATABASE_URL=url, QUIPU_ADDR=f"127.0.0.1:{port}", QUIPU_SEARCH_DIR=directory,
               QUIPU_RATE_LIMIT_PER_MINUTE="0", QUIPU_MAX_COMPLEXITY="1000000", RUST_LOG="warn",
               QUIPU_MAX_CONNECTIONS="16")
    server = subprocess.Popen([run.QUIPU, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = {}
    try:
        run.wait_for(f"http://127.0.0.1:{port}/ready", seconds=600)
        search = [operations.QUIPU["search"]]
        run.check(port, search, "search")
        answer = run.post(port, {"query": search[0]})
        results["search_total"] = answer["data"]["search"]["totalCount"]
        at_rest = argparse.Namespace(connections=1, duration=args.duration)
        results["search_at_rest"] = run.wrk(port, search, at_rest)
        print(f"  search at rest: {results['search_at_rest']}", flush=True)
        results["search"] = run.wrk(port, search, args)
        print(f"  search under load: {results['search']}", flush=True)
        suggest = [SUGGEST_QUERY % json.dumps(p) for p in SUGGEST]
        run.check(port, suggest, "suggest")
        results["suggest_at_rest"] = run.wrk(port, suggest, at_rest)
        print(f"  suggest at rest: {results['suggest_at_rest']}", flush=True)
        results["suggest"] = run.wrk(port, suggest, args)
        print(f"  suggest under load: {results['suggest']}", flush=True)
        results.update(run.memory(server.pid))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return results


def floor(db, args):
    saved = operations.SQL
    operations.SQL = FLOOR
    try:
        return run.run_sql(db, {"person_slug": "", "puno_id": "0"}, args)
    finally:
        operations.SQL = saved


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000000")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    os.makedirs(run.WORK, exist_ok=True)
    results = {"settings": {"duration_s": args.duration, "connections": args.connections,
                            "machine": f"{os.cpu_count()} cores"}, "runs": {}}
    for size in [int(s) for s in args.sizes.split(",")]:
        sqlite_url, pg_url = run.generate(size)
        entry = {}
        for name, url in (("sqlite", sqlite_url), ("postgres", pg_url)):
            directory = tempfile.mkdtemp(prefix=f"quipu-bench-search-{name}-", dir=run.WORK)
            print(f"== {size} statements, {name}", flush=True)
            entry[name] = {"build": build(url, directory), **serve(url, directory, args)}
            shutil.rmtree(directory, ignore_errors=True)
        entry["postgres_fts_floor"] = floor(pg_url.rsplit("/", 1)[1], args)
        results["runs"][str(size)] = entry
    os.makedirs(os.path.join(run.ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(run.ROOT, "bench", "results", "search-latest.json"), "w") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
