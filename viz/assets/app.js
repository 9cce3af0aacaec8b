/* ecox page script: network view, panes, legend filter, search, sortable tables,
   lists beside the network, label decluttering and print support.
   Every piece of data comes from the JSON block #ecox-data and is written with
   textContent (never innerHTML), so names and quotes from news text stay text.
   Every word comes from data.messages (the message catalogue, in the page's language). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ecox-data").textContent);
  if (data.network && data.network.claims && data.network.claims.columns) {
    data.network.claims = window.ecoxDom.unpackRows(data.network.claims);  // viz/page.py packed_rows
  }
  var state = { data: data, ready: false, network: null, nodes: null, edges: null };
  window.ecox = state;

  var el = window.ecoxDom.el;  // viz/assets/dom.js
  var clear = window.ecoxDom.clear;
  state.dom = { el: el, clear: clear };  // shared with explore.js
  function t(key, fields) {  // a message of the catalogue, {field}s filled in
    var text = (data.messages || {})[key];
    if (text === undefined) { return key; }
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      return fields && fields[name] !== undefined ? String(fields[name]) : m;
    });
  }
  var LOCALE = (data.messages || {})["js.number_locale"] || "zh-CN";  // pages without words: zh
  function typeName(x) { return (data.typeLabels || {})[x] || x; }
  function relationName(r) { return (data.relationLabels || {})[r] || r; }
  function roleName(r) { var k = "js.role." + r; return (data.messages || {})[k] ? t(k) : r; }
  function scoreName(k) { var m = "js.score." + k; return (data.messages || {})[m] ? t(m) : k; }
  function number(x, digits) {
    if (x === null || x === undefined) { return ""; }
    return Number(x).toLocaleString(LOCALE, { maximumFractionDigits: digits === undefined ? 2 : digits });
  }
  function scoreText(x) {  // as the report's tables: whole numbers in full, else 3 significant digits
    if (x === null || x === undefined) { return ""; }
    var v = Number(x);
    if (Number.isInteger(v) && Math.abs(v) >= 1) { return number(v, 0); }
    return v.toLocaleString(LOCALE, { maximumSignificantDigits: 3 });
  }
  function money(amount, currency) {
    if (amount === null || amount === undefined) { return ""; }
    var text = number(amount, 0) + (currency ? " " + currency : "");
    if (currency === "CNY" || !currency) {
      if (amount >= 1e8) { text += " (" + number(amount / 1e8, 2) + " " + t("js.yi") + ")"; }
      else if (amount >= 1e4) { text += " (" + number(amount / 1e4, 2) + " " + t("js.wan") + ")"; }
    }
    return text;
  }

  /* ---------- tooltips: DOM elements, text only ---------- */
  function nodeTooltip(n) {
    var box = el("div", "tip");
    box.appendChild(el("div", "tip-title", n.ecoxName));
    box.appendChild(el("div", "tip-line", (n.ecoxTypes || []).map(typeName).join(" · ")));
    if (n.ecoxAliases && n.ecoxAliases.length) {
      box.appendChild(el("div", "tip-line", t("js.aka", { names: n.ecoxAliases.join(", ") })));
    }
    (n.ecoxNotes || []).forEach(function (line) { box.appendChild(el("div", "tip-line", line)); });
    return box;
  }
  function edgeTooltip(e) {
    var box = el("div", "tip");
    if (e.ecoxSuggested) {
      box.appendChild(el("div", "tip-title", t("js.suggested", { kind: e.ecoxSuggested })));
      box.appendChild(el("div", "tip-line", e.ecoxReason || ""));
    } else {
      box.appendChild(el("div", "tip-title", (e.ecoxRelations || []).map(relationName).join(", ")));
      box.appendChild(el("div", "tip-line", t("js.edge_tip",
        { claims: (e.ecoxClaims || []).length, sources: e.ecoxWeight })));
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
  /* ---------- evidence as of the time slider (explore.js sets state.claimShown) ---------- */
  state.claimShown = function () { return true; };
  function evidence(e) {  // the claims of an edge the slider keeps, their relations and sources
    var all = (e.ecoxClaims || []).map(function (i) { return data.network.claims[i]; });
    var claims = all.filter(function (c) { return state.claimShown(c); });
    if (claims.length === all.length) {
      return { claims: all, later: 0, relations: e.ecoxRelations || [], sources: e.ecoxWeight };
    }
    var relations = {}, origins = {};
    claims.forEach(function (c, k) {  // graph/analysis.py weight: distinct documents per link
      var symmetric = (data.symmetric || []).indexOf(c.relation) >= 0;
      var link = c.relation + (symmetric ? "" : "\u0001" + c.source + "\u0001" + c.target);
      relations[c.relation] = true;
      origins[link + "\u0002" + (c.document || c.outlet || "#" + k)] = true;
    });
    return { claims: claims, later: all.length - claims.length,
             relations: Object.keys(relations).sort(), sources: Object.keys(origins).length };
  }
  function edgeShown(e) {
    if (e.hidden) { return false; }
    return [e.from, e.to].every(function (end) { var n = state.nodes.get(end); return !n || !n.hidden; });
  }
  var paneShows = null;  // what the pane shows, redrawn when the slider moves
  state.refreshPane = function () {
    if (paneShows && paneShows.actor) { showActor(paneShows.actor); }
    else if (paneShows && paneShows.edge) { showEdge(paneShows.edge); }
  };

  function showActor(id) {
    var n = state.nodes.get(id);
    if (!n) { return; }
    paneShows = { actor: id };
    var body = pane(); clear(body);
    body.appendChild(el("h3", "pane-title", n.ecoxName));
    var types = el("div", "badges");
    (n.ecoxTypes || []).forEach(function (tp) {
      var b = el("span", "badge", typeName(tp));
      var spec = (data.network.types || []).filter(function (x) { return x.name === tp; })[0];
      if (spec) { b.style.borderColor = spec.colour; }
      types.appendChild(b);
    });
    body.appendChild(types);
    field(body, t("js.aliases"), (n.ecoxAliases || []).join(", ") || "—");
    if (n.ecoxRole) { field(body, t("js.highlighted"), roleName(n.ecoxRole)); }
    (n.ecoxNotes || []).forEach(function (line) { body.appendChild(el("p", "note", line)); });
    var scores = n.ecoxScores || {};
    var ranks = data.network.ranks || {};
    var table = el("table", "scores");
    Object.keys(scores).forEach(function (k) {
      var tr = el("tr");
      tr.appendChild(el("th", null, scoreName(k)));
      tr.appendChild(el("td", null, scoreText(scores[k])));
      var rank = ranks[k] && ranks[k][id];
      tr.appendChild(el("td", "rank", rank ? t("js.rank", { rank: rank, total: data.network.actorCount }) : ""));
      table.appendChild(tr);
    });
    body.appendChild(el("h4", null, t("js.scores")));
    body.appendChild(table);
    var links = state.network.getConnectedEdges(id).filter(function (eid) {
      return edgeShown(state.edges.get(eid));
    });
    body.appendChild(el("h4", null, t("js.links_shown", { count: links.length })));
    var list = el("ul", "links");
    links.slice(0, 40).forEach(function (eid) {
      var e = state.edges.get(eid);
      var other = state.nodes.get(e.from === id ? e.to : e.from);
      var li = el("li", e.ecoxSuggested ? "suggested" : null);
      li.setAttribute("data-edge", eid);
      var a = el("a", null, (e.ecoxSuggested ? t("js.suggested_prefix") :
        evidence(e).relations.map(relationName).join("、") + " · ") + (other ? other.ecoxName : ""));
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
    paneShows = { edge: id };
    var body = pane(); clear(body);
    body.appendChild(el("h3", "pane-title", (a ? a.ecoxName : e.from) + " — " + (b ? b.ecoxName : e.to)));
    if (e.ecoxSuggested) {
      body.appendChild(el("p", "suggested-title", t("js.suggested_none", { kind: e.ecoxSuggested })));
      body.appendChild(el("p", "reason", e.ecoxReason || ""));
      if (e.ecoxScore !== null && e.ecoxScore !== undefined) { field(body, t("js.score"), number(e.ecoxScore, 3)); }
      return;
    }
    var shown = evidence(e), claims = shown.claims;
    field(body, t("js.relations"), shown.relations.map(relationName).join("、"));
    field(body, t("js.sources"), shown.sources);
    body.appendChild(el("h4", null, t("js.evidence", { count: claims.length })));
    if (shown.later) { body.appendChild(el("p", "muted later", t("js.claims_later", { n: shown.later }))); }
    else if (!claims.length) { body.appendChild(el("p", "muted", t("js.no_claims"))); }
    claims.forEach(function (c) {
      var card = el("div", "claim");
      var arrow = (data.symmetric || []).indexOf(c.relation) >= 0 ? " — " : " → ";
      card.appendChild(el("div", "claim-head", relationName(c.relation) + ": " + c.source + arrow + c.target));
      field(card, t("js.amount"), money(c.amount, c.currency));
      field(card, t("js.date"), c.date);
      field(card, t("js.outlet"), c.outlet);
      field(card, t("js.published"), c.published);
      field(card, t("js.document"), c.document);
      if (c.evidence) { card.appendChild(el("blockquote", "evidence", c.evidence)); }
      body.appendChild(card);
    });
  }
  function selectEdge(id) {
    state.network.selectEdges([id]);
    showEdge(id);
  }
  function resetPane() {
    paneShows = null;
    var body = pane(); clear(body);
    body.appendChild(el("p", "muted", t("js.pane_help")));
  }

  /* ---------- legend and type filter ---------- */
  function buildLegend(nd) {
    var box = document.getElementById("ecox-legend");
    if (!box) { return; }
    var hiddenTypes = {};
    nd.types.forEach(function (tp) {
      var label = el("label", "legend-item");
      var box2 = el("input"); box2.type = "checkbox"; box2.checked = true; box2.value = tp.name;
      box2.setAttribute("data-type", tp.name);
      var sw = el("span", "swatch shape-" + tp.shape); sw.style.background = tp.colour;
      label.appendChild(box2); label.appendChild(sw);
      label.appendChild(el("span", "legend-name", typeName(tp.name)));
      label.appendChild(el("span", "legend-count", tp.count));
      box2.addEventListener("change", function () {
        hiddenTypes[tp.name] = !box2.checked;
        var updates = [];
        state.nodes.forEach(function (n) {
          var hide = !!hiddenTypes[(n.ecoxTypes || [""])[0]];
          if (!!n.hidden !== hide) { updates.push({ id: n.id, hidden: hide }); }
        });
        state.nodes.update(updates);
        state.visibleCount = state.nodes.get({ filter: function (n) { return !n.hidden; } }).length;
        declutterSoon();
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
      if (id === null) { msg.textContent = input.value.trim() ? t("js.no_match") : ""; return; }
      msg.textContent = "";
      focusActor(id);
    }
    input.addEventListener("change", go);
    input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { go(); } });
    state.search = function (q) { input.value = q; go(); return state.selected; };
  }

  /* ---------- focus: select an actor, centre it, show its pane ---------- */
  function focusActor(id, edgeId) {
    var n = state.nodes.get(id);
    if (!n) { return; }
    if (n.hidden) { state.nodes.update({ id: id, hidden: false }); }
    state.network.setSelection({ nodes: [id], edges: edgeId ? [edgeId] : [] }, { highlightEdges: !edgeId });
    state.network.focus(id, {
      scale: Math.max(state.network.getScale(), 1.2),
      animation: { duration: 300, easingFunction: "easeInOutQuad" }
    });
    showActor(id);
    state.selected = id;
  }

  /* ---------- labels: the most important actors in view whose label fits, readable ---------- */
  var LABEL_PX = [12, 22];      // a label's size on screen, CSS px: never less, never more
  var LABELS_TRIED = 400;       // the most important actors in view tried per redraw
  var naturalFont = {};         // node id -> its label size at zoom 1 (vis value scaling)
  var INSIDE = { box: 1, ellipse: 1, circle: 1, database: 1, text: 1 };  // shapes holding their label
  function overlaps(a, b) { return a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b; }
  function labelSize(id, size) {  // a label's font size (canvas units), whatever the node's value
    return { id: id, ecoxFontSize: size,
             scaling: { label: { enabled: true, min: size, max: size, maxVisible: LABEL_PX[1], drawThreshold: 5 } } };
  }
  function unlabelled(n) {  // no label; a shape that held one shrinks back to its margins
    if (n.ecoxFontSize === undefined) { return { id: n.id, label: "" }; }
    // vis-network keeps the last text's size when a label becomes "": a blank at a tiny size
    // resizes the shape (and is never drawn)
    var inside = INSIDE[state.network.body.nodes[n.id].options.shape];
    var update = labelSize(n.id, inside ? 0.1 : naturalFont[n.id]);
    update.label = inside ? " " : "";
    return update;
  }
  function inView(net) {
    var box = document.getElementById("ecox-network");
    var lo = net.DOMtoCanvas({ x: 0, y: 0 });
    var hi = net.DOMtoCanvas({ x: box.clientWidth, y: box.clientHeight });
    var at = net.getPositions();
    return function (id) { var p = at[id]; return p && p.x >= lo.x && p.x <= hi.x && p.y >= lo.y && p.y <= hi.y; };
  }
  function declutter() {
    var net = state.network;
    if (!net) { return; }
    var scale = net.getScale(), shown = inView(net), selected = {};
    net.getSelectedNodes().forEach(function (id) { selected[id] = true; });
    var tried = state.nodes.get({ filter: function (n) { return !n.hidden && !!n.ecoxLabel && shown(n.id); } });
    tried.sort(function (a, b) {  // the selected first, then by importance (ecoxRank), then the added
      return (selected[b.id] ? 1 : 0) - (selected[a.id] ? 1 : 0) ||
        (a.ecoxRank === undefined ? 1e9 : a.ecoxRank) - (b.ecoxRank === undefined ? 1e9 : b.ecoxRank);
    });
    tried = tried.slice(0, LABELS_TRIED);
    var want = {}, updates = [];
    tried.forEach(function (n) {
      if (naturalFont[n.id] === undefined) { naturalFont[n.id] = net.body.nodes[n.id].options.font.size; }
      var px = Math.min(LABEL_PX[1], Math.max(LABEL_PX[0], naturalFont[n.id] * scale));
      var size = px / scale;  // canvas units: drawn at px on screen
      want[n.id] = true;
      if (n.label !== n.ecoxLabel || n.ecoxFontSize !== size) {
        var update = labelSize(n.id, size);
        update.label = n.ecoxLabel;
        updates.push(update);
      }
    });
    state.nodes.forEach(function (n) { if (!want[n.id] && n.label && n.label.trim()) { updates.push(unlabelled(n)); } });
    if (updates.length) { state.nodes.update(updates); }
    net.redraw();  // synchronous: every label tried now has its drawn size
    var kept = [], dropped = [];
    tried.forEach(function (n) {
      var node = net.body.nodes[n.id], lm = node && node.labelModule;
      if (!lm || !lm.visible()) { return; }
      var s = lm.size, box = { l: s.left, t: s.top, r: s.left + s.width, b: s.top + s.height };
      if (INSIDE[node.options.shape]) {  // the whole shape, not only its text
        var bb = node.shape.boundingBox;
        box = { l: bb.left, t: bb.top, r: bb.right, b: bb.bottom };
      }
      for (var i = 0; i < kept.length; i++) {
        if (overlaps(box, kept[i])) { dropped.push(unlabelled(state.nodes.get(n.id))); return; }
      }
      kept.push(box);
    });
    if (dropped.length) { state.nodes.update(dropped); net.redraw(); }
  }
  var declutterTimer = null;
  function declutterSoon() {
    if (declutterTimer) { clearTimeout(declutterTimer); }
    declutterTimer = setTimeout(function () { declutterTimer = null; declutter(); }, 120);
  }

  /* ---------- rings round highlighted actors: the fill keeps the type colour ---------- */
  function drawRings(ctx) {
    (state.ringed || []).forEach(function (id) {
      var n = state.nodes.get(id), bn = state.network.body.nodes[id];
      if (!n || n.hidden || !bn) { return; }
      var r = Math.max(bn.shape.width || 0, bn.shape.height || 0) / 2 + 6;
      ctx.save();
      ctx.beginPath();
      ctx.lineWidth = 3;
      var under = n.ecoxRole === "under-connected";
      ctx.strokeStyle = under ? "#d35400" : "#1d2733";
      ctx.setLineDash(under ? [5, 4] : []);
      ctx.arc(bn.x, bn.y, r, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.restore();
    });
  }

  /* ---------- lists beside the network (gaps view) ---------- */
  function focusRow(row) {
    var edgeId = null;
    if (row.pair) {
      state.edges.forEach(function (e) {
        if (e.ecoxSuggested && ((e.from === row.pair[0] && e.to === row.pair[1]) ||
            (e.from === row.pair[1] && e.to === row.pair[0]))) { edgeId = e.id; }
      });
    }
    focusActor(row.focus, edgeId);
  }
  function buildLists(nd) {
    var box = document.getElementById("ecox-lists");
    if (!box) { return; }
    (nd.lists || []).forEach(function (list) {
      var part = el("details", "list"); part.open = true; part.id = "ecox-list-" + list.id;
      part.appendChild(el("summary", null, list.title + " (" + list.rows.length + ")"));
      var table = el("table", "data sortable list-table");
      var head = el("tr");
      list.columns.forEach(function (c) { head.appendChild(el("th", null, c.label)); });
      var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
      var tbody = el("tbody");
      list.rows.forEach(function (row) {
        var tr = el("tr", "list-row"); tr.tabIndex = 0;
        tr.setAttribute("data-focus", row.focus);
        row.cells.forEach(function (text, i) {
          var td = el("td", list.columns[i].numeric ? "num" : null, text);
          if (row.sort[i] !== null && row.sort[i] !== undefined) { td.setAttribute("data-sort", row.sort[i]); }
          tr.appendChild(td);
        });
        tr.addEventListener("click", function () { focusRow(row); });
        tr.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { focusRow(row); } });
        tbody.appendChild(tr);
      });
      table.appendChild(tbody); part.appendChild(table); box.appendChild(part);
    });
  }

  /* ---------- the collapsible pane ---------- */
  function initPaneToggle() {
    var button = document.getElementById("ecox-pane-toggle");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var body = button.closest(".view-body");
      var collapsed = body.classList.toggle("pane-collapsed");
      button.setAttribute("aria-expanded", collapsed ? "false" : "true");
      button.textContent = collapsed ? "⇤" : "⇥";
      if (state.network) { state.network.setSize("100%", "100%"); state.network.redraw(); }
    });
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
    state.ringed = nd.nodes.filter(function (n) { return n.ecoxRole; }).map(function (n) { return n.id; });
    network.on("afterDrawing", drawRings);
    var done = false;
    function ready() {
      if (done) { return; }
      done = true;
      network.setOptions({ physics: { enabled: false } });
      declutter();
      network.on("zoom", declutterSoon);
      network.on("dragEnd", declutterSoon);
      network.on("animationFinished", declutterSoon);
      window.addEventListener("resize", declutterSoon);
      state.declutter = declutter;
      state.declutterSoon = declutterSoon;
      state.ready = true;
      document.body.setAttribute("data-ready", "1");
    }
    if (!nd.nodes.length) {
      container.appendChild(el("p", "empty", t("js.empty")));
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
    buildLists(nd);
    initPaneToggle();
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
