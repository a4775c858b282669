"""A/B of two builds of Quipu in one run: each generates its own graph of SIZE
statements (deterministic, same seed), then both serve bench/operations.py
under the same wrk settings, interleaved old/new twice, on each backend.
Writes bench/.work/ab/ab-SIZE.json. Build the old binary from another
worktree with its own CARGO_TARGET_DIR.

Usage: python3 bench/ab.py OLD_BIN NEW_BIN SIZE sqlite,postgres [OPERATIONS]"""
import os, sys, json, sqlite3, subprocess
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run, operations

old, new, size, backends = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split(",")
ops = sys.argv[5].split(",") if len(sys.argv) > 5 else None
work = os.path.join(run.WORK, "ab")
os.makedirs(work, exist_ok=True)


class A:
    duration = 10
    connections = 8



results = {}
def db_for(label, binary, backend):
    if backend == "sqlite":
        path = f"{work}/{label}-{size}.db"
        if not os.path.exists(path + ".done"):
            for s in ("", "-wal", "-shm"):
                if os.path.exists(path + s): os.remove(path + s)
            run.sh([binary, "generate", "--database-url", f"sqlite://{path}?mode=rwc", "--statements", str(size)])
            open(path + ".done", "w").close()
        c = sqlite3.connect(path)
        q = lambda sql: str(c.execute(sql).fetchone()[0])
        return f"sqlite://{path}?mode=rwc", q
    pg = f"quipu_ab_{label}_{size}"
    if run.psql(pg, "SELECT count(*) FROM statement") != str(size):
        run.psql("test", f'DROP DATABASE IF EXISTS "{pg}"'); run.psql("test", f'CREATE DATABASE "{pg}"')
        run.sh([binary, "generate", "--database-url", f"{run.PG_BASE}/{pg}", "--statements", str(size)])
        run.psql(pg, "VACUUM ANALYZE")
    return f"{run.PG_BASE}/{pg}", lambda sql: run.psql(pg, sql)
if ops:
    operations.QUIPU = {k: v for k, v in operations.QUIPU.items() if k in ops}
for backend in backends:
    dbs = {label: db_for(label, b, backend) for label, b in (("old", old), ("new", new))}
    for rnd in range(2):
        for label, binary in (("old", old), ("new", new)):
            url, q = dbs[label]
            params = {"person_slug": q("SELECT slug FROM person ORDER BY id LIMIT 1"),
                      "person_id": q("SELECT id FROM person ORDER BY id LIMIT 1"),
                      "puno_id": q("SELECT id FROM place WHERE slug = 'puno'")}
            run.QUIPU = binary
            results[f"{backend}/{label}/{rnd}"] = run.run_quipu(url, params, A)
json.dump(results, open(f"{work}/ab-{size}.json", "w"), indent=1)
