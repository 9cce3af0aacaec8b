/* ecox page script: network view, panes, legend filter, search, sortable tables.
   Every piece of data comes from the JSON block #ecox-data and is written with
   textContent (never innerHTML), so names and quotes from news text stay text. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ecox-data").textContent);
  var state = { data: data, ready: false, network: null, nodes: null, edges: null };
  window.ecox = state;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  state.dom = { el: el, clear: clear };  // shared with explore.js
  function typeName(t) {
    var zh = (data.typeLabels || {})[t];
    return zh ? t + " " + zh : t;
  }
  function relationName(r) {
    var zh = (data.relationLabels || {})[r];
    return zh ? r + " (" + zh + ")" : r;
  }
  function number(x, digits) {
    if (x === null || x === undefined) { return ""; }
    return Number(x).toLocaleString("en-US", { maximumFractionDigits: digits === undefined ? 2 : digits });
  }
  function scoreText(x) {  // as the report's tables: whole numbers in full, else 3 significant digits
    if (x === null || x === undefined) { return ""; }
    var v = Number(x);
    if (Number.isInteger(v) && Math.abs(v) >= 1) { return number(v, 0); }
    return v.toLocaleString("en-US", { maximumSignificantDigits: 3 });
  }
  function money(amount, currency) {
    if (amount === null || amount === undefined) { return ""; }
    var text = number(amount, 0) + (currency ? " " + currency : "");
    if (currency === "CNY" || !currency) {
      if (amount >= 1e8) { text += " (" + number(amount / 1e8, 2) + " 亿元)"; }
      else if (amount >= 1e4) { text += " (" + number(amount / 1e4, 2) + " 万元)"; }
    }
    return text;
  }

  /* ---------- tooltips: DOM elements, text only ---------- */
  function nodeTooltip(n) {
    var box = el("div", "tip");
    box.appendChild(el("div", "tip-title", n.ecoxName));
    box.appendChild(el("div", "tip-line", (n.ecoxTypes || []).map(typeName).join(" · ")));
    if (n.ecoxAliases && n.ecoxAliases.length) {
      box.appendChild(el("div", "tip-line", "aka " + n.ecoxAliases.join(", ")));
    }
    (n.ecoxNotes || []).forEach(function (line) { box.appendChild(el("div", "tip-line", line)); });
    return box;
  }
  function edgeTooltip(e) {
    var box = el("div", "tip");
    if (e.ecoxSuggested) {
      box.appendChild(el("div", "tip-title", "Suggested link (" + e.ecoxSuggested + ")"));
      box.appendChild(el("div", "tip-line", e.ecoxReason || ""));
    } else {
      box.appendChild(el("div", "tip-title", (e.ecoxRelations || []).map(relationName).join(", ")));
      box.appendChild(el("div", "tip-line", (e.ecoxClaims || []).length + " claim(s), " +
        e.ecoxWeight + " source(s) — click for evidence"));
    }
    return box;
  }

  /* ---------- panes ---------- */
  function pane() { return document.getElementById("ecox-pane-body"); }
  function field(parent, label, value) {
    if (value === null || value === undefined || value === "") { return; }
    var row = el("div", "field");
    row.appendChild(el("span", "field-label", label));
    row.appendChild(el("span", "field-value", value));
    parent.appendChild(row);
  }
  function showActor(id) {
    var n = state.nodes.get(id);
    if (!n) { return; }
    var body = pane(); clear(body);
    body.appendChild(el("h3", "pane-title", n.ecoxName));
    var types = el("div", "badges");
    (n.ecoxTypes || []).forEach(function (t) {
      var b = el("span", "badge", typeName(t));
      var spec = (data.network.types || []).filter(function (x) { return x.name === t; })[0];
      if (spec) { b.style.borderColor = spec.colour; }
      types.appendChild(b);
    });
    body.appendChild(types);
    field(body, "Aliases", (n.ecoxAliases || []).join(", ") || "—");
    if (n.ecoxRole) { field(body, "Highlighted as", n.ecoxRole); }
    (n.ecoxNotes || []).forEach(function (line) { body.appendChild(el("p", "note", line)); });
    var scores = n.ecoxScores || {};
    var ranks = data.network.ranks || {};
    var table = el("table", "scores");
    Object.keys(scores).forEach(function (k) {
      var tr = el("tr");
      tr.appendChild(el("th", null, k));
      tr.appendChild(el("td", null, scoreText(scores[k])));
      var rank = ranks[k] && ranks[k][id];
      tr.appendChild(el("td", "rank", rank ? "#" + rank + " of " + data.network.actorCount : ""));
      table.appendChild(tr);
    });
    body.appendChild(el("h4", null, "Scores · 指标"));
    body.appendChild(table);
    var links = state.network.getConnectedEdges(id);
    body.appendChild(el("h4", null, "Links shown (" + links.length + ")"));
    var list = el("ul", "links");
    links.slice(0, 40).forEach(function (eid) {
      var e = state.edges.get(eid);
      var other = state.nodes.get(e.from === id ? e.to : e.from);
      var li = el("li", e.ecoxSuggested ? "suggested" : null);
      var a = el("a", null, (e.ecoxSuggested ? "suggested · " : (e.ecoxRelations || []).join(", ") + " · ") +
        (other ? other.ecoxName : ""));
      a.href = "#"; a.addEventListener("click", function (ev) { ev.preventDefault(); selectEdge(eid); });
      li.appendChild(a);
      list.appendChild(li);
    });
    body.appendChild(list);
  }
  function showEdge(id) {
    var e = state.edges.get(id);
    if (!e) { return; }
    var a = state.nodes.get(e.from), b = state.nodes.get(e.to);
    var body = pane(); clear(body);
    body.appendChild(el("h3", "pane-title", (a ? a.ecoxName : e.from) + " — " + (b ? b.ecoxName : e.to)));
    if (e.ecoxSuggested) {
      body.appendChild(el("p", "suggested-title", "Suggested link (" + e.ecoxSuggested + "): no report yet"));
      body.appendChild(el("p", "reason", e.ecoxReason || ""));
      if (e.ecoxScore !== null && e.ecoxScore !== undefined) { field(body, "Score", number(e.ecoxScore, 3)); }
      return;
    }
    field(body, "Relations", (e.ecoxRelations || []).map(relationName).join(", "));
    field(body, "Independent sources", e.ecoxWeight);
    var claims = (e.ecoxClaims || []).map(function (i) { return data.network.claims[i]; });
    body.appendChild(el("h4", null, "Evidence · 证据 (" + claims.length + " claim" + (claims.length === 1 ? "" : "s") + ")"));
    if (!claims.length) { body.appendChild(el("p", "muted", "No claim text in this graph.")); }
    claims.forEach(function (c) {
      var card = el("div", "claim");
      var arrow = (data.symmetric || []).indexOf(c.relation) >= 0 ? " — " : " → ";
      card.appendChild(el("div", "claim-head", relationName(c.relation) + ": " + c.source + arrow + c.target));
      field(card, "Amount", money(c.amount, c.currency));
      field(card, "Date", c.date);
      field(card, "Outlet", c.outlet);
      field(card, "Published", c.published);
      field(card, "Document", c.document);
      if (c.evidence) { card.appendChild(el("blockquote", "evidence", c.evidence)); }
      body.appendChild(card);
    });
  }
  function selectEdge(id) {
    state.network.selectEdges([id]);
    showEdge(id);
  }
  function resetPane() {
    var body = pane(); clear(body);
    body.appendChild(el("p", "muted", "Click an actor for its types, aliases and scores; click a link for the reports behind it."));
  }

  /* ---------- legend and type filter ---------- */
  function buildLegend(nd) {
    var box = document.getElementById("ecox-legend");
    if (!box) { return; }
    var hiddenTypes = {};
    nd.types.forEach(function (t) {
      var label = el("label", "legend-item");
      var box2 = el("input"); box2.type = "checkbox"; box2.checked = true; box2.value = t.name;
      box2.setAttribute("data-type", t.name);
      var sw = el("span", "swatch shape-" + t.shape); sw.style.background = t.colour;
      label.appendChild(box2); label.appendChild(sw);
      label.appendChild(el("span", "legend-name", typeName(t.name)));
      label.appendChild(el("span", "legend-count", t.count));
      box2.addEventListener("change", function () {
        hiddenTypes[t.name] = !box2.checked;
        var updates = [];
        state.nodes.forEach(function (n) {
          var hide = !!hiddenTypes[(n.ecoxTypes || [""])[0]];
          if (!!n.hidden !== hide) { updates.push({ id: n.id, hidden: hide }); }
        });
        state.nodes.update(updates);
        state.visibleCount = state.nodes.get({ filter: function (n) { return !n.hidden; } }).length;
      });
      box.appendChild(label);
    });
  }

  /* ---------- search ---------- */
  function buildSearch(nd) {
    var input = document.getElementById("ecox-search");
    if (!input) { return; }
    var list = document.getElementById("ecox-names");
    var index = [];
    nd.nodes.forEach(function (n) {
      [n.ecoxName].concat(n.ecoxAliases || []).forEach(function (name) {
        index.push({ key: String(name).toLowerCase(), id: n.id });
      });
      var opt = el("option"); opt.value = n.ecoxName; list.appendChild(opt);
    });
    var msg = document.getElementById("ecox-search-msg");
    function find(q) {
      q = q.trim().toLowerCase();
      if (!q) { return null; }
      var i;
      for (i = 0; i < index.length; i++) { if (index[i].key === q) { return index[i].id; } }
      for (i = 0; i < index.length; i++) { if (index[i].key.indexOf(q) >= 0) { return index[i].id; } }
      return null;
    }
    function go() {
      var id = find(input.value);
      if (id === null) { msg.textContent = input.value.trim() ? "No actor matches." : ""; return; }
      var n = state.nodes.get(id);
      if (n.hidden) { state.nodes.update({ id: id, hidden: false }); }
      msg.textContent = "";
      state.network.selectNodes([id]);
      state.network.focus(id, { scale: 1.4, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
      showActor(id);
      state.selected = id;
    }
    input.addEventListener("change", go);
    input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { go(); } });
    state.search = function (q) { input.value = q; go(); return state.selected; };
  }

  /* ---------- network ---------- */
  function initNetwork(nd) {
    var container = document.getElementById("ecox-network");
    var nodes = new vis.DataSet(nd.nodes.map(function (n) {
      var copy = Object.assign({}, n); copy.title = nodeTooltip(n); return copy;
    }));
    var edges = new vis.DataSet(nd.edges.map(function (e) {
      var copy = Object.assign({}, e); copy.title = edgeTooltip(e); return copy;
    }));
    state.nodes = nodes; state.edges = edges;
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, nd.options);
    state.network = network;
    var done = false;
    function ready() {
      if (done) { return; }
      done = true;
      network.setOptions({ physics: { enabled: false } });
      state.ready = true;
      document.body.setAttribute("data-ready", "1");
    }
    if (!nd.nodes.length) {
      container.appendChild(el("p", "empty", "Nothing to draw in this view: see the notes on the left."));
      ready();
    } else if (nd.options.physics && nd.options.physics.enabled) {
      network.once("stabilizationIterationsDone", function () { network.fit(); ready(); });
      network.once("stabilized", ready);
    } else {
      network.once("afterDrawing", ready);
    }
    network.on("click", function (params) {
      if (params.nodes.length) { showActor(params.nodes[0]); }
      else if (params.edges.length) { showEdge(params.edges[0]); }
      else { resetPane(); }
    });
    buildLegend(nd);
    buildSearch(nd);
    resetPane();
  }

  /* ---------- sortable tables ---------- */
  function initTables() {
    var tables = document.querySelectorAll("table.sortable");
    Array.prototype.forEach.call(tables, function (table) {
      var heads = table.querySelectorAll("thead th");
      Array.prototype.forEach.call(heads, function (th, col) {
        th.setAttribute("tabindex", "0");
        th.addEventListener("click", function () {
          var asc = th.getAttribute("aria-sort") !== "ascending";
          Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", asc ? "ascending" : "descending");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (r1, r2) {
            var a = r1.cells[col], b = r2.cells[col];
            var c;
            if (a && b && a.hasAttribute("data-sort") && b.hasAttribute("data-sort")) {
              c = parseFloat(a.getAttribute("data-sort")) - parseFloat(b.getAttribute("data-sort"));
            } else {
              c = (a ? a.textContent : "").localeCompare(b ? b.textContent : "", "zh-Hans-CN");
            }
            return asc ? c : -c;
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });
  }

  if (data.network) { initNetwork(data.network); }
  else { state.ready = true; document.body.setAttribute("data-ready", "1"); }
  initTables();
})();
