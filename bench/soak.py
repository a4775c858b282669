#!/usr/bin/env python3
"""Soak: mixed reads, writes, subscriptions and hostile requests against one
Quipu server for a while, with its resident memory read at the start, every
minute and at the end. Not a timed test: it reports, for BENCHMARKS.md.

    python3 bench/soak.py --bin target/release/quipu --db sqlite --minutes 10
    python3 bench/soak.py --bin target/release/quipu --db postgres --minutes 10

32 connections: 20 readers, 4 writers (read-modify-write on persons),
4 WebSocket subscribers (graphql-transport-ws), 4 hostile clients (deep
filters, random bearer tokens, 60 KB persisted-query documents, forged
cursors, slow and idle sockets). Needs `pip install websockets`.
"""
import argparse, hashlib, json, os, random, socket, subprocess, sys, tempfile, threading, time
import urllib.request, urllib.error

READS = [
    '{ statements(filter: { spokenAsOfficial: true, about: { place: { within: "puno" } } }) { totalCount edges { node { text date speaker { __typename name } incidents { title place { name ancestors { name } } } source { title } } } } }',
    '{ persons(first: 20) { edges { node { name positions { title organization { name } } } } } }',
    '{ search(query: "juliaca 17", first: 10) { totalCount edges { node { type score snippet } } } }',
    '{ timeline(filter: { placeWithin: "puno" }, first: 20) { edges { node { __typename } } } }',
    '{ incidents(first: 20) { edges { node { title casualtyReports { killed source { title } } } } } }',
]


def post(base, body, key=None, timeout=30):
    headers = {"content-type": "application/json"}
    if key:
        headers["authorization"] = f"Bearer {key}"
    request = urllib.request.Request(f"{base}/graphql", json.dumps(body).encode(), headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as err:
        return err.code, {}
    except Exception:
        return 0, {}


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Counter:
    def __init__(self):
        self.lock, self.counts = threading.Lock(), {}

    def add(self, name):
        with self.lock:
            self.counts[name] = self.counts.get(name, 0) + 1


def reader(base, stop, counter):
    while not stop.is_set():
        status, body = post(base, {"query": random.choice(READS)})
        counter.add(f"read {status}{' error' if body.get('errors') else ''}")


def writer(base, key, stop, counter):
    query = 'mutation($id: ID!, $v: Int!, $d: String) { updatePerson(input: { id: $id, version: $v, description: $d }) { person { version } } }'
    slugs = ["pedro-castillo", "dina-boluarte", "alberto-otarola", "victor-canales"]
    while not stop.is_set():
        slug = random.choice(slugs)
        _, body = post(base, {"query": f'{{ person(slug: "{slug}") {{ id version }} }}'})
        person = (body.get("data") or {}).get("person")
        if not person:
            counter.add("write skipped")
            continue
        variables = {"id": person["id"], "v": person["version"], "d": f"soak {time.time()}"}
        status, body = post(base, {"query": query, "variables": variables}, key)
        code = (body.get("errors") or [{}])[0].get("extensions", {}).get("code", "ok")
        counter.add(f"write {code}")


def subscriber(base, stop, counter):
    from websockets.sync.client import connect
    url = base.replace("http://", "ws://") + "/graphql/ws"
    while not stop.is_set():
        try:
            with connect(url, subprotocols=["graphql-transport-ws"], open_timeout=10) as ws:
                ws.send(json.dumps({"type": "connection_init", "payload": {}}))
                ws.recv(timeout=10)
                ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": "subscription { entityChanged { nodeId action } }"}}))
                while not stop.is_set():
                    try:
                        ws.recv(timeout=1)
                        counter.add("event")
                    except TimeoutError:
                        pass
        except Exception as err:
            counter.add(f"socket {type(err).__name__}")
            time.sleep(1)


def hostile(base, port, stop, counter):
    while not stop.is_set():
        kind = random.randrange(5)
        if kind == 0:
            deep = "{}"
            for _ in range(400):
                deep = "{not:%s}" % deep
            status, _ = post(base, {"query": "{statements(filter:%s){totalCount}}" % deep})
        elif kind == 1:
            status, _ = post(base, {"query": "{ persons { totalCount } }"}, key=f"qk_{random.getrandbits(128):x}")
        elif kind == 2:
            query = "{ persons(first: 1) { totalCount } } # " + os.urandom(30_000).hex()
            digest = hashlib.sha256(query.encode()).hexdigest()
            status, _ = post(base, {"query": query, "extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}})
        elif kind == 3:
            status, _ = post(base, {"query": '{ statements(after: "Y3Vyc29yOjkyMjMzNzIwMzY4NTQ3NzU4MDc") { totalCount } }'})
        else:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
                    raw.sendall(b"GET /health HTTP/1.1\r\nHost: q\r\n")
                    time.sleep(0.5)
                status = "slow"
            except OSError:
                status = "refused"
        counter.add(f"hostile {kind} {status}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default="target/release/quipu")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--port", type=int, default=8231)
    parser.add_argument("--out", default="bench/results")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="quipu-soak-")
    if args.db == "sqlite":
        url = f"sqlite://{work}/soak.db?mode=rwc"
    else:
        name = f"quipu_soak_{os.getpid()}"
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc", f'CREATE DATABASE "{name}"'], check=True)
        url = f"postgres://postgres@127.0.0.1:5432/{name}"
    # Every client here shares one address: with the rate limit on, most
    # requests would be 429s and the soak would exercise little else.
    env = dict(os.environ, DATABASE_URL=url, QUIPU_ADDR=f"127.0.0.1:{args.port}", RUST_LOG="warn",
               QUIPU_RATE_LIMIT_PER_MINUTE="0")
    subprocess.run([args.bin, "migrate"], env=env, check=True)
    created = subprocess.run([args.bin, "keys", "create", "--name", "soak", "--role", "editor"], env=env, check=True, capture_output=True, text=True)
    key = created.stdout.split()[-1]
    server = subprocess.Popen([args.bin], env=env, stderr=open(f"{work}/server.log", "w"))
    base = f"http://127.0.0.1:{args.port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/health", timeout=1)
            break
        except Exception:
            time.sleep(0.3)
    stop, counter = threading.Event(), Counter()
    threads = [threading.Thread(target=reader, args=(base, stop, counter)) for _ in range(20)]
    threads += [threading.Thread(target=writer, args=(base, key, stop, counter)) for _ in range(4)]
    threads += [threading.Thread(target=subscriber, args=(base, stop, counter)) for _ in range(4)]
    threads += [threading.Thread(target=hostile, args=(base, args.port, stop, counter)) for _ in range(4)]
    for thread in threads:
        thread.daemon = True
        thread.start()
    time.sleep(20)  # warm-up: pools, caches and buckets fill
    samples = [(0, rss_mb(server.pid))]
    started = time.time()
    while time.time() - started < args.minutes * 60:
        time.sleep(min(60, args.minutes * 60 - (time.time() - started)))
        samples.append((round((time.time() - started) / 60, 1), rss_mb(server.pid)))
        print(f"minute {samples[-1][0]}: RSS {samples[-1][1]:.1f} MB", flush=True)
    stop.set()
    alive = server.poll() is None
    health = post(base, {"query": "{ persons { totalCount } }"})[0]
    server.terminate()
    server.wait(timeout=30)
    result = {"db": args.db, "minutes": args.minutes, "connections": len(threads), "rss_mb": samples,
              "server_alive": alive, "status_after": health, "counts": counter.counts}
    os.makedirs(args.out, exist_ok=True)
    with open(f"{args.out}/soak-{args.db}.json", "w") as out:
        json.dump(result, out, indent=1)
    print(json.dumps(result, indent=1))
    sys.exit(0 if alive else 1)


if __name__ == "__main__":
    main()
