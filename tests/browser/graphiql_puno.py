#!/usr/bin/env python3
"""Browser test: GraphiQL, served by quipu, runs the Puno query in headless Chromium.

Starts `quipu serve` on a fresh SQLite database, drives Debian's chromium through
chromedriver's W3C WebDriver API (standard library only), presses GraphiQL's run
button on the first example tab, and checks the answer on screen; then opens
a link holding a query, runs it, and checks that editing rewrites the link; then
runs a subscription and checks that a change made through the API shows. The
journalist's workbench: the Table plugin shows the Puno answer (speaker, date,
source, a row's citations), its CSV download is byte for byte the server's
`Accept: text/csv` answer to the same query; from an empty tab, the Explorer
builds the Puno question by clicks (filter arguments and fields), it runs, and
its CSV is the server's too. Saves screenshots to target/browser/. Exits non-zero on failure.

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


def execute(base, session, script, *args):
    return webdriver(base, "POST", f"/session/{session}/execute/sync", {"script": script, "args": list(args)})


def click(base, session, css, seconds=30):
    element = find(base, session, css, seconds)
    webdriver(base, "POST", f"/session/{session}/element/{element}/click", {})


def screenshot(base, session, name):
    shot = webdriver(base, "GET", f"/session/{session}/screenshot")
    os.makedirs(os.path.join(ROOT, "target", "browser"), exist_ok=True)
    path = os.path.join(ROOT, "target", "browser", name)
    with open(path, "wb") as f:
        f.write(base64.b64decode(shot))
    return path


def query_text(base, session):
    return execute(base, session, "return document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue();")


def click_field(base, session, *path):
    """Clicks the Explorer's field at `path` (root field first), expanding as it goes."""
    # A field's children sit beside its row, in the wrapper around both.
    xpath = "".join(f'//span[@data-field-name="{name}"]/../..' for name in path[:-1])
    xpath = "//div[contains(@class, 'graphiql-explorer-root')]" + xpath + f'//span[@data-field-name="{path[-1]}"]'
    element = None
    deadline = time.time() + 15
    while element is None and time.time() < deadline:
        try:
            found = webdriver(base, "POST", f"/session/{session}/element", {"using": "xpath", "value": xpath})
            element = next(iter(found.values()))
        except urllib.error.HTTPError:
            time.sleep(0.25)
    if element is None:
        raise RuntimeError(f"the Explorer shows no field {'.'.join(path)}")
    webdriver(base, "POST", f"/session/{session}/element/{element}/click", {})


def explorer(base, session, app_port, downloads):
    """From an empty tab to the Puno question by pointing and clicking in the
    Explorer (the filter's arguments and the fields), then runs it.
    Returns what went wrong, or None."""
    webdriver(base, "POST", f"/session/{session}/url", {"url": f"http://127.0.0.1:{app_port}/?query=%23+built+in+the+Explorer%0A"})
    click(base, session, 'button[aria-label="Show GraphiQL Explorer"]')
    root = ".graphiql-explorer-root "
    click_field(base, session, "statements")
    click(base, session, root + '.graphiql-explorer-statements div[data-arg-name="filter"] > span')
    click(base, session, root + 'div[data-arg-name="spokenAsOfficial"] > span')
    click(base, session, root + 'div[data-arg-name="spokenAsOfficial"] option[value="true"]')
    click(base, session, root + 'div[data-arg-name="about"] > span')
    click(base, session, root + 'div[data-arg-name="about"] div[data-arg-name="place"] > span')
    click(base, session, root + 'div[data-arg-name="place"] div[data-arg-name="within"] > span')
    within = find(base, session, root + 'div[data-arg-name="within"] input')
    webdriver(base, "POST", f"/session/{session}/element/{within}/value", {"text": "puno"})
    opened = set()
    for path in (("edges", "node", "text"), ("edges", "node", "date"), ("edges", "node", "speaker", "name"),
                 ("edges", "node", "source", "title"), ("edges", "node", "citations", "excerpt")):
        # A click selects a field and opens it; a second click would drop it.
        for depth in range(1, len(path) + 1):
            if path[:depth] not in opened:
                click_field(base, session, "statements", *path[:depth])
                opened.add(path[:depth])
    built = query_text(base, session)
    wanted = ["spokenAsOfficial: true", 'within: "puno"', "text", "date", "speaker", "name", "source", "title",
              "citations", "excerpt"]
    if any(w not in built for w in wanted):
        return f"the Explorer did not build the Puno query: {built!r}"
    screenshot(base, session, "graphiql-explorer.png")
    click(base, session, ".graphiql-execute-button")
    text = result_text(base, session, '"excerpt"')
    if "Ombudsman" not in text or '"excerpt"' not in text:
        return f"the query built in the Explorer did not answer the Puno question: {text[:500]}"
    # And into a spreadsheet: the Table's CSV of what was built is the server's.
    click(base, session, 'button[aria-label="Show Table"]')
    return same_csv(base, session, app_port, built, os.path.join(downloads, "explorer"))


def sheet_from_server(app_port, query):
    request = urllib.request.Request(f"http://127.0.0.1:{app_port}/graphql?bom=1", data=json.dumps({"query": query}).encode(),
                                     headers={"Content-Type": "application/json", "Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def same_csv(base, session, app_port, query, directory):
    """Downloads the Table's CSV into `directory`; what differs from the
    server's CSV of `query`, or None."""
    os.makedirs(directory, exist_ok=True)
    webdriver(base, "POST", f"/session/{session}/goog/cdp/execute",
              {"cmd": "Browser.setDownloadBehavior", "params": {"behavior": "allow", "downloadPath": directory}})
    click(base, session, ".quipu-download-csv")
    path = os.path.join(directory, "quipu.csv")
    deadline = time.time() + 30
    while not os.path.exists(path) and time.time() < deadline:
        time.sleep(0.25)
    if not os.path.exists(path):
        return f"the CSV was not downloaded to {path}"
    time.sleep(0.5)
    with open(path, "rb") as f:
        downloaded = f.read()
    served = sheet_from_server(app_port, query)
    if downloaded != served:
        return f"the downloaded CSV differs from the server's:\n{downloaded[:600]!r}\n{served[:600]!r}"
    return None


def table(base, session, app_port, downloads):
    """Reads the flagship result as a table, opens a row's citations, and
    downloads the CSV, which must be the server's CSV of the same query.
    Returns what went wrong, or None."""
    click(base, session, 'button[aria-label="Show Table"]')
    headers = execute(base, session, "return Array.from(document.querySelectorAll('.quipu-table th')).map(function (e) { return e.textContent; });")
    wanted = ["speaker.name", "date", "source.title", "citations.excerpt"]
    if any(w not in headers for w in wanted):
        return f"the table lacks columns {wanted}: {headers}"
    answer = json.loads(result_text(base, session, "Ombudsman"))
    node = next(e["node"] for e in answer["data"]["statements"]["edges"] if e["node"]["citations"])
    rows = execute(base, session, "return Array.from(document.querySelectorAll('.quipu-table tbody tr')).map(function (r) {"
                   " return Array.from(r.querySelectorAll('td')).map(function (e) { return e.textContent; }); });")
    row = next((i for i, cells in enumerate(rows) if node["text"] in cells), None)
    if row is None:
        return f"no row holds {node['text']!r}: {rows}"
    # The first cell holds the citations button; then the columns, in order.
    for column, value in (("speaker.name", node["speaker"]["name"]), ("date", node["date"] or ""),
                          ("source.title", node["source"]["title"])):
        if rows[row][headers.index(column)] != value:
            return f"the row's {column} is not {value!r}: {rows[row]}"
    buttons = execute(base, session, "var b = document.querySelectorAll('.quipu-citations-button'); b[arguments[0]].click(); return b.length;", row)
    time.sleep(0.5)
    shown = execute(base, session, "var e = document.querySelector('.quipu-citations'); return e ? e.textContent : '';")
    citation = node["citations"][0]
    if citation["excerpt"] not in shown or citation["source"]["title"] not in shown:
        return f"the row's citations ({buttons} buttons) do not show {citation!r}: {shown!r}"
    screenshot(base, session, "graphiql-table.png")
    failure = same_csv(base, session, app_port, query_text(base, session), os.path.join(downloads, "table"))
    if failure:
        return failure
    # Every page comes from the server, which says what the query lacks (it takes no $after).
    click(base, session, ".quipu-download-all")
    deadline, note = time.time() + 15, ""
    while "$after" not in note and time.time() < deadline:
        note = execute(base, session, "return Array.from(document.querySelectorAll('.quipu-table-note')).map(function (e) { return e.textContent; }).join(' ');")
        time.sleep(0.25)
    if "$after" not in note:
        return f"'CSV, all pages' did not explain what the query lacks: {note!r}"
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
        # Downloads without asking, more than one per page (the Table's CSV, twice).
        prefs = {"profile.default_content_setting_values.automatic_downloads": 1}
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": "/usr/bin/chromium", "args": args, "prefs": prefs}}}}
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
        downloads = os.path.join(workdir, "downloads")
        os.makedirs(downloads, exist_ok=True)
        failure = (table(base, session, app_port, downloads) or explorer(base, session, app_port, downloads)
                   or shared_link(base, session, app_port) or subscription(base, session, app_port, binary, env))
        if failure:
            print(f"FAIL: {failure}")
            return 1
        print(f"ok: GraphiQL ran the Puno query in Chromium, showed it as a table with a row's citations, downloaded "
              f"the server's CSV, built the Puno question in the Explorer by clicks and got the server's CSV of it too, "
              f"a shared link ran its query, and a subscription "
              f"showed a change; screenshots in {os.path.dirname(path)}")
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
