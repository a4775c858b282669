"""Renders bench/results/latest.json into the tables of BENCHMARKS.md (between
its results markers) and a chart, bench/results/chart.svg."""

import os

START, END = "<!-- results:start -->", "<!-- results:end -->"
ENGINES = [("quipu_sqlite", "Quipu · SQLite"), ("quipu_postgres", "Quipu · PostgreSQL"), ("postgraphile", "PostGraphile 5"), ("sql", "raw SQL")]
OPERATIONS = ["lookup", "puno", "nested", "search", "timeline", "paging"]


def cell(result, key, fmt):
    return fmt.format(result[key]) if result and key in result else "n/a"


def ratio(a, b, key, invert=False):
    if not a or not b or not b.get(key):
        return "n/a"
    value = a[key] / b[key]
    return f"{value:.2f}×"


def table(size, run):
    lines = [f"### {int(size):,} statements", "",
             "| operation | engine | req/s | p50 ms | p99 ms | SQL/req | peak MB |", "|---|---|---:|---:|---:|---:|---:|"]
    for op in OPERATIONS:
        for key, label in ENGINES:
            r = run.get(key, {}).get(op)
            if not r:
                continue
            lines.append(f"| {op} | {label} | {cell(r, 'rps', '{:.0f}')} | {cell(r, 'p50_ms', '{:.2f}')} | {cell(r, 'p99_ms', '{:.2f}')} "
                         f"| {cell(r, 'sql_per_request', '{}')} | {cell(r, 'VmHWM', '{}')} |")
    lines += ["", "| operation | Quipu·PG p50 ÷ SQL p50 | Quipu·PG req/s ÷ PostGraphile req/s | Quipu·SQLite req/s ÷ PostGraphile req/s |",
              "|---|---:|---:|---:|"]
    for op in OPERATIONS:
        q, s, g, lite = (run.get(k, {}).get(op) for k in ("quipu_postgres", "sql", "postgraphile", "quipu_sqlite"))
        lines.append(f"| {op} | {ratio(q, s, 'p50_ms')} | {ratio(q, g, 'rps')} | {ratio(lite, g, 'rps')} |")
    return lines


def chart(results, path):
    sizes = sorted(results["runs"], key=int)
    run = results["runs"][sizes[-1]]
    colors = {"quipu_sqlite": "#4c78a8", "quipu_postgres": "#72b7b2", "postgraphile": "#f58518", "sql": "#bab0ac"}
    values = [(op, key, run.get(key, {}).get(op, {}).get("rps", 0)) for op in OPERATIONS for key, _ in ENGINES]
    # Each operation is scaled to its own fastest engine: the floor's lookup would flatten everything else.
    tops = {op: max([v for o, _, v in values if o == op] + [1]) for op in OPERATIONS}
    width, height, bar = 900, 360, 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="11">',
           f'<text x="10" y="18" font-size="14">Requests per second at {int(sizes[-1]):,} statements, each operation scaled to its fastest engine</text>']
    for i, (op, key, value) in enumerate(values):
        group, slot = divmod(i, len(ENGINES))
        x = 40 + group * (len(ENGINES) * bar + 20) + slot * bar
        h = int(250 * value / tops[op])
        out.append(f'<rect x="{x}" y="{300 - h}" width="{bar - 4}" height="{h}" fill="{colors[key]}"><title>{op} {key}: {value:.0f}</title></rect>')
        label = f"{value:.0f}" if value else "–"
        out.append(f'<text x="{x + (bar - 4) / 2}" y="{296 - h}" text-anchor="middle" font-size="9">{label}</text>')
        if slot == 0:
            out.append(f'<text x="{x}" y="318">{op}</text>')
    for j, (key, label) in enumerate(ENGINES):
        out.append(f'<rect x="{40 + j * 180}" y="335" width="12" height="12" fill="{colors[key]}"/><text x="{56 + j * 180}" y="345">{label}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out))


def write(results, root):
    lines = [START, "", f"Measured in one run: wrk with 2 threads and {results['settings']['connections']} connections, "
             f"{results['settings']['duration_s']} s per operation, on {results['settings']['machine']} shared by the load "
             "generator, the server and PostgreSQL. Peak MB is the server's high-water RSS after the operation.", ""]
    for size in sorted(results["runs"], key=int):
        lines += table(size, results["runs"][size]) + [""]
    lines += ["![requests per second](bench/results/chart.svg)", "", END]
    path = os.path.join(root, "BENCHMARKS.md")
    text = open(path).read() if os.path.exists(path) else f"# Benchmarks\n\n{START}\n{END}\n"
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    with open(path, "w") as f:
        f.write(head + "\n".join(lines) + tail)
    chart(results, os.path.join(root, "bench", "results", "chart.svg"))
