#!/usr/bin/env python3
"""Browser test: GraphiQL, served by quipu, runs the Puno query in headless Chromium.

Starts `quipu serve` on a fresh SQLite database, drives Debian's chromium through
chromedriver's W3C WebDriver API (standard library only), presses GraphiQL's run
button on the first example tab, and checks the answer on screen; then opens
a link holding a query, runs it, and checks that editing rewrites the link; then
runs a subscription and checks that a change made through the API shows. Saves a
screenshot to target/browser/graphiql-puno.png. Exits non-zero on failure.

Usage: tests/browser/graphiql_puno.py [path/to/quipu]   (default: target/debug/quipu)
"""

import base64
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXPECTED = ["Ombudsman Office", "OFFICIAL", "PARAPHRASE", "Juliaca", "San Román",
            "Peruvian security forces massacre 17 protesters in Juliaca, Puno", "\"totalCount\": 3",
            # The first tab is the README's query, citations and casualty figures included.
            "\"citations\"", "\"killedWords\"", "\"excerpt\""]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"{url} did not answer within {seconds}s")


def webdriver(base, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())["value"]


def find(base, session, css, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            element = webdriver(base, "POST", f"/session/{session}/element", {"using": "css selector", "value": css})
            return next(iter(element.values()))
        except urllib.error.HTTPError:
            time.sleep(0.25)
    raise RuntimeError(f"no element matches {css}")


def result_text(base, session, wanted, seconds=30):
    """The result pane's whole text, once it holds `wanted` (or at the deadline)."""
    deadline, text = time.time() + seconds, ""
    script = "var e = document.querySelector('.result-window .CodeMirror'); return e ? e.CodeMirror.getValue() : '';"
    while time.time() < deadline:
        text = webdriver(base, "POST", f"/session/{session}/execute/sync", {"script": script, "args": []})
        if wanted in text:
            break
        time.sleep(0.5)
    return text


def shared_link(base, session, app_port):
    """A link holding a query opens it and runs it; editing the query rewrites the link.
    Returns what went wrong, or None."""
    query = '{ person(slug: "dina-boluarte") { name } }'
    link = f"http://127.0.0.1:{app_port}/?" + urllib.parse.urlencode({"query": query})
    webdriver(base, "POST", f"/session/{session}/url", {"url": link})
    button = find(base, session, ".graphiql-execute-button")
    webdriver(base, "POST", f"/session/{session}/element/{button}/click", {})
    text = result_text(base, session, '"person"')
    if '"person"' not in text or "Dina Boluarte" not in text:
        return f"the shared link's query did not run: {text[:500]}"
    edited = '{ person(slug: "alberto-otarola") { name } }'
    script = ("var e = document.querySelector('.graphiql-query-editor .CodeMirror');"
              "e.CodeMirror.setValue(arguments[0]); return window.location.search;")
    webdriver(base, "POST", f"/session/{session}/execute/sync", {"script": script, "args": [edited]})
    time.sleep(1)
    search = webdriver(base, "POST", f"/session/{session}/execute/sync", {"script": "return window.location.search;", "args": []})
    if urllib.parse.parse_qs(search.lstrip("?")).get("query") != [edited]:
        return f"editing the query did not rewrite the link: {search}"
    return None


def subscription(base, session, app_port, binary, env):
    """A subscription typed in GraphiQL receives a change made through the API.
    Returns what went wrong, or None."""
    made = subprocess.run([binary, "keys", "create", "--name", "browser", "--role", "editor"], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    key = made.stdout.split()[-1]
    query = "subscription { entityChanged(types: [PERSON]) { action nodeType nodeId } }"
    link = f"http://127.0.0.1:{app_port}/?" + urllib.parse.urlencode({"query": query})
    webdriver(base, "POST", f"/session/{session}/url", {"url": link})
    button = find(base, session, ".graphiql-execute-button")
    webdriver(base, "POST", f"/session/{session}/element/{button}/click", {})
    time.sleep(2)  # the socket connects and subscribes
    mutation = 'mutation { createPerson(input: { name: "Browser Test Person" }) { person { id } } }'
    request = urllib.request.Request(f"http://127.0.0.1:{app_port}/graphql", data=json.dumps({"query": mutation}).encode(),
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        written = json.loads(response.read())
    if "errors" in written:
        return f"the write failed: {written}"
    text = result_text(base, session, "browser-test-person")
    if "browser-test-person" not in text or "CREATE" not in text:
        return f"the subscription showed no event: {text[:500]}"
    return None


def run(binary):
    app_port, driver_port = free_port(), free_port()
    workdir = tempfile.mkdtemp(prefix="quipu-browser-")
    env = dict(os.environ, DATABASE_URL=f"sqlite://{workdir}/quipu.db?mode=rwc", QUIPU_ADDR=f"127.0.0.1:{app_port}")
    server = subprocess.Popen([binary, "serve"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    driver = subprocess.Popen(["chromedriver", f"--port={driver_port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    session = None
    base = f"http://127.0.0.1:{driver_port}"
    try:
        wait_for(f"http://127.0.0.1:{app_port}/health")
        wait_for(f"{base}/status")
        args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", f"--user-data-dir={workdir}/chrome"]
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": args}}}}
        session = webdriver(base, "POST", "/session", caps)["sessionId"]
        webdriver(base, "POST", f"/session/{session}/url", {"url": f"http://127.0.0.1:{app_port}/"})
        button = find(base, session, ".graphiql-execute-button")
        webdriver(base, "POST", f"/session/{session}/element/{button}/click", {})
        deadline, text = time.time() + 30, ""
        while time.time() < deadline:
            find(base, session, ".result-window")
            # The result pane only renders visible lines; read its whole text from CodeMirror.
            script = "var e = document.querySelector('.result-window .CodeMirror'); return e ? e.CodeMirror.getValue() : '';"
            text = webdriver(base, "POST", f"/session/{session}/execute/sync", {"script": script, "args": []})
            if "Ombudsman" in text:
                break
            time.sleep(0.5)
        shot = webdriver(base, "GET", f"/session/{session}/screenshot")
        os.makedirs(os.path.join(ROOT, "target", "browser"), exist_ok=True)
        path = os.path.join(ROOT, "target", "browser", "graphiql-puno.png")
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot))
        missing = [e for e in EXPECTED if e not in text]
        if missing:
            print(f"FAIL: the result on screen lacks {missing}:\n{text[:2000]}")
            return 1
        failure = shared_link(base, session, app_port) or subscription(base, session, app_port, binary, env)
        if failure:
            print(f"FAIL: {failure}")
            return 1
        print(f"ok: GraphiQL ran the Puno query in Chromium, a shared link ran its query, and a subscription "
              f"showed a change; screenshot at {path}")
        return 0
    finally:
        if session:
            try:
                webdriver(base, "DELETE", f"/session/{session}")
            except OSError:
                pass
        for process in (driver, server):
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "debug", "quipu")))
