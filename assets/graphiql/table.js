// The result as a table: a GraphiQL plugin that flattens the last answer's
// main list by the same rules as the server's `Accept: text/csv`
// (src/http/sheet.rs, README "CSV and TSV of any query"), shows it sortable,
// with links, each row's citations one click away, and downloads it as CSV
// or TSV (UTF-8 with a byte-order mark, for spreadsheet programs).
(function () {
  var h = React.createElement;

  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

  // A connection's items: its edges' nodes, or its nodes.
  function connectionItems(map) {
    if (Array.isArray(map.edges)) {
      return map.edges.filter(function (e) { return isObject(e) && "node" in e; }).map(function (e) { return e.node; });
    }
    return Array.isArray(map.nodes) ? map.nodes.slice() : null;
  }

  // The items of the first list of objects in `value`, in order.
  function mainList(value) {
    if (!isObject(value)) return null;
    var items = connectionItems(value);
    if (items) return items;
    var keys = Object.keys(value);
    for (var i = 0; i < keys.length; i++) {
      var child = value[keys[i]];
      if (Array.isArray(child) && child.some(isObject)) return child.filter(isObject);
      if (isObject(child)) {
        var found = mainList(child);
        if (found) return found;
      }
    }
    return null;
  }

  function cell(cells, path) {
    if (!cells.has(path)) cells.set(path, []);
    return cells.get(path);
  }

  // Adds the leaves of `value` under `prefix` to `cells` (a Map: path → values).
  function leaves(prefix, value, cells) {
    if (Array.isArray(value)) {
      cell(cells, prefix);
      value.forEach(function (item) { leaves(prefix, item, cells); });
    } else if (isObject(value)) {
      Object.keys(value).forEach(function (key) {
        var child = value[key];
        if (key === "cursor" || key === "pageInfo") return;
        if (key === "edges" && Array.isArray(child)) {
          child.forEach(function (e) { if (isObject(e) && "node" in e) leaves(prefix, e.node, cells); });
        } else if (key === "nodes" && Array.isArray(child)) {
          child.forEach(function (n) { leaves(prefix, n, cells); });
        } else {
          leaves(prefix ? prefix + "." + key : key, child, cells);
        }
      });
    } else if (value === null || value === undefined) {
      cell(cells, prefix);
    } else {
      cell(cells, prefix).push(typeof value === "string" ? value : JSON.stringify(value));
    }
  }

  // The items of the list (or connection) at `path` in `value`.
  function listAt(value, path) {
    if (!isObject(value) || !(path[0] in value)) return null;
    var child = value[path[0]];
    if (path.length > 1) return listAt(child, path.slice(1));
    if (Array.isArray(child)) return child.slice();
    return isObject(child) ? connectionItems(child) : null;
  }

  function replaceAt(value, path, replacement) {
    if (!isObject(value) || !(path[0] in value)) return;
    if (path.length === 1) value[path[0]] = replacement;
    else replaceAt(value[path[0]], path.slice(1), replacement);
  }

  function clone(value) { return JSON.parse(JSON.stringify(value)); }

  // `item` once, or once per item of the list at `path` inside it.
  function exploded(item, path) {
    var items = path ? listAt(item, path) : null;
    if (!items) return [item];
    if (items.length === 0) {
      var row = clone(item);
      replaceAt(row, path, null);
      return [row];
    }
    return items.map(function (one) {
      var row = clone(item);
      replaceAt(row, path, one);
      return row;
    });
  }

  // The main list of `data` as { columns, rows, sources } (sources: each row's object).
  function flatten(data, explode) {
    var path = explode ? explode.split(".") : null;
    var maps = [], sources = [];
    (mainList(data) || []).forEach(function (item) {
      exploded(item, path).forEach(function (row) {
        var cells = new Map();
        leaves("", row, cells);
        maps.push(cells);
        sources.push(row);
      });
    });
    var seen = new Map();
    maps.forEach(function (m) { m.forEach(function (_, k) { seen.set(k, true); }); });
    var all = Array.from(seen.keys());
    var parents = new Set();
    all.forEach(function (c) {
      for (var i = c.indexOf("."); i >= 0; i = c.indexOf(".", i + 1)) parents.add(c.slice(0, i));
    });
    var columns = all.filter(function (c) { return !parents.has(c); });
    var rows = maps.map(function (m) {
      return columns.map(function (c) { return m.has(c) ? m.get(c).join("; ") : ""; });
    });
    return { columns: columns, rows: rows, sources: sources };
  }

  // The sheet's text: a header row, then the rows, CRLF line ends.
  function write(table, tsv, bom) {
    function escape(text) {
      if (tsv) return text.replace(/[\t\n\r]/g, " ");
      return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }
    var lines = [table.columns].concat(table.rows).map(function (line) {
      return line.map(escape).join(tsv ? "\t" : ",") + "\r\n";
    });
    return (bom ? "\uFEFF" : "") + lines.join("");
  }

  // Paths of lists inside the main list's items: what `explode` can take.
  function listPaths(items) {
    var found = [];
    function walk(prefix, value) {
      if (!isObject(value)) return;
      Object.keys(value).forEach(function (key) {
        var child = value[key], path = prefix ? prefix + "." + key : key;
        var isList = Array.isArray(child) || (isObject(child) && connectionItems(child));
        if (isList) { if (found.indexOf(path) < 0) found.push(path); } else walk(path, child);
      });
    }
    (items || []).forEach(function (item) { walk("", item); });
    return found;
  }

  // Every citation under `value`, with where it was found.
  function citations(value, path, out) {
    if (Array.isArray(value)) { value.forEach(function (v) { citations(v, path, out); }); return out; }
    if (!isObject(value)) return out;
    Object.keys(value).forEach(function (key) {
      var child = value[key];
      if (key === "citations" && child) {
        var list = Array.isArray(child) ? child : connectionItems(child) || [];
        list.forEach(function (c) { if (isObject(c)) out.push({ at: path || "(row)", citation: c }); });
      } else if (key !== "cursor" && key !== "pageInfo") {
        var next = key === "edges" || key === "nodes" || key === "node" ? path : path ? path + "." + key : key;
        citations(child, next, out);
      }
    });
    return out;
  }

  // The last answer GraphiQL fetched (not introspection), for the plugin.
  var last = null, listeners = [];
  function publish(params, result) {
    if (!params || params.operationName === "IntrospectionQuery") return;
    if (!result || !isObject(result) || !("data" in result || "errors" in result)) return;
    last = { params: params, result: result };
    listeners.forEach(function (l) { l(last); });
  }
  function wrap(fetcher) {
    return function (params, options) {
      var answer = fetcher(params, options);
      if (answer && typeof answer.then === "function") {
        answer.then(function (result) { publish(params, result); }, function () {});
      }
      return answer;
    };
  }

  function download(text, name, type) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  // Every page of the main list as the server's CSV (`?all=1`): the query
  // must take `$after` (see the README); the server says so if it does not.
  function downloadAll(params, setNote) {
    var body = JSON.stringify({ query: params.query, variables: params.variables || null, operationName: params.operationName || null });
    fetch("/graphql?all=1&bom=1", { method: "POST", headers: { "Content-Type": "application/json", "Accept": "text/csv" }, body: body })
      .then(function (response) {
        return response.text().then(function (text) {
          if (!response.ok) {
            var message = text;
            try { message = JSON.parse(text).errors.map(function (e) { return e.message; }).join("; "); } catch (e) { /* not JSON */ }
            setNote(message);
          } else {
            setNote("");
            download(text, "quipu-all.csv", "text/csv;charset=utf-8");
          }
        });
      }, function (err) { setNote(String(err)); });
  }

  function compare(a, b) {
    var x = Number(a), y = Number(b);
    if (a !== "" && b !== "" && isFinite(x) && isFinite(y)) return x - y;
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function renderCell(text) {
    if (/^https?:\/\/\S+$/.test(text)) return h("a", { href: text, target: "_blank", rel: "noopener noreferrer" }, text);
    return text;
  }

  function Citations(props) {
    if (!props.list.length) return h("p", { className: "quipu-table-note" }, "No citations were asked for in this row: add citations { excerpt source { title } } to the query.");
    return h("ol", { className: "quipu-citations" }, props.list.map(function (c, i) {
      var source = c.citation.source || {};
      return h("li", { key: i },
        h("q", null, c.citation.excerpt || "(no excerpt asked for)"),
        " — ", source.url ? h("a", { href: source.url, target: "_blank", rel: "noopener noreferrer" }, source.title || source.url) : (source.title || "(source not asked for)"),
        h("span", { className: "quipu-table-note" }, " · " + c.at));
    }));
  }

  function TableView() {
    var state = React.useState(last), answer = state[0], setAnswer = state[1];
    var ex = React.useState(""), explode = ex[0], setExplode = ex[1];
    var so = React.useState(null), sort = so[0], setSort = so[1];
    var op = React.useState(null), open = op[0], setOpen = op[1];
    var nt = React.useState(""), note = nt[0], setNote = nt[1];
    React.useEffect(function () {
      var listener = function (a) { setAnswer(a); setOpen(null); };
      listeners.push(listener);
      return function () { listeners.splice(listeners.indexOf(listener), 1); };
    }, []);
    if (!answer) return h("div", { className: "quipu-table" }, h("p", null, "Run a query (▶): its main list shows here as a table."));
    var data = answer.result.data;
    var table = flatten(data || {}, explode);
    var order = table.rows.map(function (_, i) { return i; });
    if (sort) {
      order.sort(function (i, j) {
        var d = compare(table.rows[i][sort.column], table.rows[j][sort.column]);
        return sort.descending ? -d : d;
      });
    }
    var paths = listPaths(mainList(data || {}));
    var toolbar = h("div", { className: "quipu-table-toolbar" },
      h("span", null, table.rows.length + " rows · " + (answer.params.operationName || "query")),
      h("label", null, " Lists: ",
        h("select", { value: explode, "aria-label": "Explode a list into rows", onChange: function (e) { setExplode(e.target.value); setSort(null); } },
          [h("option", { key: "", value: "" }, "joined in a cell")].concat(paths.map(function (p) {
            return h("option", { key: p, value: p }, "a row per " + p);
          })))),
      h("button", { type: "button", className: "quipu-download-csv", onClick: function () { download(write(table, false, true), "quipu.csv", "text/csv;charset=utf-8"); } }, "CSV"),
      h("button", { type: "button", className: "quipu-download-tsv", onClick: function () { download(write(table, true, true), "quipu.tsv", "text/tab-separated-values;charset=utf-8"); } }, "TSV"),
      h("button", { type: "button", className: "quipu-download-all", title: "Every page, from the server (the query takes $after)", onClick: function () { downloadAll(answer.params, setNote); } }, "CSV, all pages"),
      note ? h("span", { className: "quipu-table-note" }, note) : null);
    if (answer.result.errors) {
      toolbar = h("div", null, toolbar, h("p", { className: "quipu-table-note" }, "The answer has errors: " + answer.result.errors.map(function (e) { return e.message; }).join("; ")));
    }
    var head = h("tr", null, [h("th", { key: "#" }, "")].concat(table.columns.map(function (c, i) {
      var mark = sort && sort.column === i ? (sort.descending ? " ▼" : " ▲") : "";
      return h("th", { key: c, title: "Sort by " + c, onClick: function () { setSort({ column: i, descending: !!(sort && sort.column === i && !sort.descending) }); } }, c + mark);
    })));
    var body = [];
    order.forEach(function (i) {
      var found = citations(table.sources[i], "", []);
      body.push(h("tr", { key: i, className: open === i ? "quipu-open" : "" },
        [h("td", { key: "#" }, h("button", { type: "button", className: "quipu-citations-button", title: "Citations of this row", onClick: function () { setOpen(open === i ? null : i); } }, "❝ " + found.length))]
          .concat(table.rows[i].map(function (text, j) { return h("td", { key: j }, renderCell(text)); }))));
      if (open === i) body.push(h("tr", { key: i + "-citations", className: "quipu-citations-row" }, h("td", { colSpan: table.columns.length + 1 }, h(Citations, { list: found }))));
    });
    return h("div", { className: "quipu-table" }, toolbar,
      h("div", { className: "quipu-table-scroll" }, h("table", null, h("thead", null, head), h("tbody", null, body))));
  }

  var icon = function () {
    return h("svg", { viewBox: "0 0 24 24", width: "1em", height: "1em", fill: "none", stroke: "currentColor", strokeWidth: 1.5 },
      h("rect", { x: 3, y: 4, width: 18, height: 16, rx: 1 }), h("path", { d: "M3 9h18M3 14h18M9 4v16M15 4v16" }));
  };

  window.QuipuTable = {
    plugin: { title: "Table", icon: icon, content: function () { return h(TableView); } },
    wrap: wrap,
    flatten: flatten,
    write: write,
  };
})();
