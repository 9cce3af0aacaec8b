/* ecox exploring script: search as people search, expand, time slider, relation filter, 查关系.
   Runs after app.js, on window.ecox (its vis DataSets and network) and the block
   data.network.explore written by viz/explore.py. Text goes in with textContent only. */
(function () {
  "use strict";
  var state = window.ecox;
  var nd = state && state.data && state.data.network;
  if (!nd || !nd.explore || !state.network) { return; }
  var ex = nd.explore;
  var links = ex.links;

  function say(key, fields) {
    var text = String(ex.text[key] || key);
    Object.keys(fields || {}).forEach(function (k) { text = text.split("{" + k + "}").join(String(fields[k])); });
    return text;
  }
  var el = state.dom.el, clear = state.dom.clear;
  function byId(id) { return document.getElementById(id); }

  /* ---------- the embedded actors and links ---------- */
  var ids = ex.drawn.concat(ex.extra);
  var indexOf = {};
  ids.forEach(function (id, i) { indexOf[id] = i; });

  /* ---------- every actor of the graph, in search order (viz/search_index.py) ---------- */
  var se = ex.search;
  var names = se.names ? se.names.split("\n") : [];
  var keyOf = names.map(function (n, p) { return se.keys[p] !== undefined ? se.keys[p] : n.toLowerCase(); });
  var idAt = {}, posOf = {};  // search position <-> embedded id
  se.slots.forEach(function (p, i) { idAt[p] = ids[i]; posOf[ids[i]] = p; });
  function pageId(p) { return idAt[p] !== undefined ? idAt[p] : "@" + p; }  // "@": index only
  function positionOf(id) { return posOf[id] !== undefined ? posOf[id] : (/^@\d+$/.test(id) ? Number(id.slice(1)) : -1); }
  var around = ids.map(function () { return []; });  // actor index -> link indices
  var pairLinks = {};                                // pair key -> link indices
  function pairKey(a, b) { return a < b ? a + "\u0001" + b : b + "\u0001" + a; }
  links.a.forEach(function (a, i) {
    var b = links.b[i];
    around[a].push(i); around[b].push(i);
    var key = pairKey(ids[a], ids[b]);
    (pairLinks[key] = pairLinks[key] || []).push(i);
  });
  var edgeOfPair = {};
  state.edges.forEach(function (e) {
    if (!e.ecoxSuggested && !e.ecoxUnnamed) { edgeOfPair[pairKey(e.from, e.to)] = e.id; }
  });

  /* ---------- filters: relation types and the date ---------- */
  var filter = { hiddenRelations: {}, until: ex.dates.length };  // until: last date index shown
  function linkShown(i) {
    if (filter.hiddenRelations[links.r[i]]) { return false; }
    return links.d[i] <= filter.until;  // undated links (-1) are known at any date
  }
  state.claimShown = function (claim) {  // the evidence panes list what the slider keeps
    return filter.until >= ex.dates.length || !claim.known || claim.known <= ex.dates[filter.until];
  };
  function relationHidden(name) {
    for (var r = 0; r < ex.relations.length; r++) {
      if (ex.relations[r][0] === name) { return !!filter.hiddenRelations[r]; }
    }
    return false;
  }
  function applyFilters() {
    var updates = [], lateOnly = 0;
    state.edges.forEach(function (e) {
      var hide;
      if (e.ecoxSuggested) { return; }
      if (e.ecoxUnnamed) {
        hide = (e.ecoxRelations || []).every(relationHidden);
      } else {
        var found = pairLinks[pairKey(e.from, e.to)];
        if (!found) { return; }
        hide = !found.some(linkShown);
        var ofShownRelations = found.filter(function (i) { return !filter.hiddenRelations[links.r[i]]; });
        if (hide && ofShownRelations.length) { lateOnly += 1; }  // hidden by the date alone
      }
      if (!!e.hidden !== hide) { updates.push({ id: e.id, hidden: hide }); }
    });
    state.edges.update(updates);
    var label = byId("ecox-time-label");
    if (label) {
      label.textContent = filter.until >= ex.dates.length ? say("time_all")
        : say("time_until", { date: ex.dates[filter.until], hidden: lateOnly });
    }
  }
  function buildFilters() {
    var slider = byId("ecox-time");
    if (slider) {
      slider.max = String(ex.dates.length);
      slider.value = String(ex.dates.length);
      slider.disabled = !ex.dates.length;
      slider.addEventListener("input", function () {
        filter.until = Number(slider.value);
        applyFilters();
        state.refreshPane();
      });
    }
    var box = byId("ecox-relations");
    if (box) {
      ex.relations.forEach(function (rel, r) {
        var label = el("label", "legend-item");
        var tick = el("input"); tick.type = "checkbox"; tick.checked = true;
        tick.setAttribute("data-relation", rel[0]);
        var sw = el("span", "swatch relation-swatch"); sw.style.background = rel[2];
        label.appendChild(tick); label.appendChild(sw);
        label.appendChild(el("span", "legend-name", rel[1]));  // the name stays in data-relation
        tick.addEventListener("change", function () {
          filter.hiddenRelations[r] = !tick.checked;
          applyFilters();
          state.refreshPane();
        });
        box.appendChild(label);
      });
    }
    applyFilters();
  }

  /* ---------- adding actors and ties from the embedded data (in batches: one redraw) ---------- */
  var added = 0, tieCount = 0;
  function typeSpec(index) { return ex.types[index] || ["", "", "#7f8c8d", "dot"]; }
  function actorNode(id, near) {
    var p = positionOf(id), name = names[p], spec = typeSpec(se.types[p] === "-" ? -1 : parseInt(se.types[p], 36));
    var at = near ? state.network.getPositions([near])[near] : { x: 0, y: 0 };
    var angle = 2.39996 * added; added += 1;
    var radius = 90 + 6 * Math.sqrt(added);
    return {
      id: id, label: name.length > 16 ? name.slice(0, 15) + "…" : name,
      shape: spec[3], value: 1, x: at.x + radius * Math.cos(angle), y: at.y + radius * Math.sin(angle),
      color: { background: spec[2], border: spec[2] }, borderWidth: 1,
      ecoxName: name, ecoxTypes: spec[0] ? [spec[0]] : [], ecoxAliases: [], ecoxScores: {},
      ecoxRole: null, ecoxNotes: [], ecoxExpanded: true
    };
  }
  function embed(id) {  // an actor's index among the embedded ones (added when it has none)
    if (indexOf[id] === undefined) { indexOf[id] = ids.length; ids.push(id); around.push([]); }
    return indexOf[id];
  }
  function embedLink(a, b, relation, when) {  // a tie of the search index, as an embedded link
    var i = links.a.length, ia = embed(a), ib = embed(b), key = pairKey(a, b);
    links.a.push(ia); links.b.push(ib); links.r.push(relation); links.d.push(when);
    around[ia].push(i); around[ib].push(i);
    (pairLinks[key] = pairLinks[key] || []).push(i);
  }
  // the vis edge of a pair; a new one goes to batch. A pair no embedded link joins, given
  // the relation and date (index) of its tie in the search index, is embedded with them,
  // so the slider and the relation filter treat it as any drawn tie.
  function tie(a, b, batch, relation, when) {
    var key = pairKey(a, b);
    if (edgeOfPair[key]) { return edgeOfPair[key]; }
    if (!pairLinks[key] && relation >= 0) { embedLink(a, b, relation, when); }
    var found = pairLinks[key] || [];
    var relations = {};
    found.forEach(function (i) { relations[ex.relations[links.r[i]][0]] = links.r[i]; });
    var names = Object.keys(relations).sort();
    var colour = names.length ? ex.relations[relations[names[0]]][2] : "#8a96a3";
    var id = "x" + (tieCount++);
    edgeOfPair[key] = id;
    batch.push({
      id: id, from: a, to: b, arrows: "", color: { color: colour, opacity: 0.85 }, width: 1,
      ecoxRelations: names, ecoxWeight: found.length, ecoxClaims: [], ecoxExpanded: true
    });
    return id;
  }
  function addActors(wanted) {  // [[id, near]...] -> ids added, with their ties to the page
    var nodes = [], fresh = {};
    wanted.forEach(function (w) {
      if (fresh[w[0]] || positionOf(w[0]) < 0 || state.nodes.get(w[0])) { return; }
      fresh[w[0]] = true;
      nodes.push(actorNode(w[0], w[1]));
    });
    state.nodes.add(nodes);
    var edges = [];
    nodes.forEach(function (n) {
      (around[indexOf[n.id]] || []).forEach(function (i) {
        var other = ids[links.a[i] === indexOf[n.id] ? links.b[i] : links.a[i]];
        if (state.nodes.get(other)) { tie(n.id, other, edges); }
      });
    });
    state.edges.add(edges);
    if (nodes.length && state.declutterSoon) { state.declutterSoon(); }  // their labels, if they fit
    return nodes.map(function (n) { return n.id; });
  }
  function neighbours(i) {  // actor index -> ids linked by a shown link
    return around[i].filter(linkShown).map(function (l) { return ids[links.a[l] === i ? links.b[l] : links.a[l]]; });
  }
  function expand(id) {
    var i = indexOf[id];
    if (i === undefined) { return 0; }
    var fresh = addActors(neighbours(i).map(function (other) { return [other, id]; }));
    applyFilters();
    var msg = byId("ecox-find-msg");
    if (msg) {
      msg.textContent = fresh.length ? say("expanded", { n: fresh.length })
        : say("expanded_none", { n: ex.neighboursPerActor });
    }
    return fresh.length;
  }

  /* ---------- search: the stages of graph/lookup.py, then pinyin ---------- */
  var CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef";
  var nearCjk = new RegExp("(?<=[" + CJK + "()])\\s+|\\s+(?=[" + CJK + "()])", "g");
  function nameKey(text) {  // graph/identity.py name_key
    var t = String(text).normalize("NFKC").replace(/\p{Cf}|(?![\t\n\v\f\r])\p{Cc}/gu, "");
    t = t.replace(/[“”‘’"「」]/g, "").replace(/\s+/g, " ").trim();
    return t.replace(nearCjk, "").toLowerCase();
  }
  function nameStage(key, names) {  // graph/lookup.py match_stage
    if (!key || !names.length) { return 0; }
    if (names[0] === key) { return 1; }
    if (names.indexOf(key, 1) > 0) { return 2; }
    if (names.some(function (n) { return n.indexOf(key) === 0; })) { return 3; }
    if (names.some(function (n) { return n.indexOf(key) >= 0; })) { return 4; }
    return 0;
  }
  function inOrder(q, text) {
    var at = 0;
    for (var k = 0; k < text.length && at < q.length; k++) { if (text[k] === q[at]) { at += 1; } }
    return at === q.length;
  }
  function spellingStage(q, pinyin, initials) {  // after the four name stages
    if (!q || !/^[a-z0-9]+$/.test(q)) { return 0; }
    if (pinyin.some(function (p) { return p.indexOf(q) === 0; })) { return 5; }
    if (initials.some(function (p) { return p.indexOf(q) === 0; })) { return 6; }
    if (pinyin.concat(initials).some(function (p) { return p.indexOf(q) >= 0; })) { return 7; }
    if (initials.some(function (p) { return inOrder(q, p); })) { return 8; }
    return 0;
  }
  function matches(query) {
    var raw = String(query).trim();
    if (!raw) { return []; }
    if (indexOf[raw] !== undefined) { return [{ id: raw, stage: 0, pos: posOf[raw] }]; }
    var key = nameKey(raw), spelt = key.replace(/\s+/g, "");
    var found = [];
    keyOf.forEach(function (own, p) {  // p: the search order (broker score first)
      var spell = se.spell[p];
      var stage = nameStage(key, se.aliases[p] ? [own].concat(se.aliases[p]) : [own]) ||
        (spell ? spellingStage(spelt, spell[0], spell[1]) : 0);
      if (stage) { found.push({ id: pageId(p), stage: stage, pos: p }); }
    });
    found.sort(function (a, b) { return a.stage - b.stage || a.pos - b.pos; });
    return found;
  }
  function nameOf(id) {
    var n = state.nodes.get(id);
    if (n) { return n.ecoxName; }
    return positionOf(id) >= 0 ? names[positionOf(id)] : id;
  }
  function reach(id) {  // [[id, relation, date index of the tie to the next]...] from id
    var chain = [];        // to an actor on the page, or null
    for (var p = positionOf(id); p >= 0; p = se.via[p]) {
      var here = pageId(p);
      if (state.nodes.get(here)) { return chain.concat([[here, -1, -1]]); }
      chain.push([here, se.rel[p] === "-" ? -1 : parseInt(se.rel[p], 36), se.when[p]]);
    }
    return null;
  }
  function bringIn(id) {  // an actor not on the page, with a shortest path to the drawn part
    var chain = reach(id);
    if (!chain) { return false; }
    var batch = [];
    for (var k = chain.length - 2; k >= 0; k--) {  // from the page outwards, each beside the last
      addActors([[chain[k][0], chain[k + 1][0]]]);
      tie(chain[k][0], chain[k + 1][0], batch, chain[k][1], chain[k][2]);
    }
    state.edges.add(batch);
    applyFilters();
    return true;
  }
  function bring(chain) {  // embedded actors not on the page: add each next to one that is
    var wanted = [];
    chain.forEach(function (id) {
      if (state.nodes.get(id)) { return; }
      var near = around[indexOf[id]].map(function (i) { return ids[links.a[i] === indexOf[id] ? links.b[i] : links.a[i]]; })
        .filter(function (other) { return state.nodes.get(other); })[0];
      wanted.push([id, near || null]);
    });
    addActors(wanted);
    applyFilters();
  }
  function select(id) {
    if (!state.nodes.get(id)) { bringIn(id); }
    var n = state.nodes.get(id);
    if (!n) { state.selected = null; return null; }
    if (n.hidden) { state.nodes.update({ id: id, hidden: false }); }
    state.network.selectNodes([id]);
    state.network.focus(id, { scale: 1.4, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    state.network.emit("click", { nodes: [id], edges: [], event: null, pointer: null });
    return id;
  }
  function buildSearch() {
    var input = byId("ecox-find"), list = byId("ecox-find-list"), msg = byId("ecox-find-msg");
    if (!input) { return; }
    var shown = [], active = 0;
    function mark(k) {
      active = Math.max(0, Math.min(k, shown.length - 1));
      Array.prototype.forEach.call(list.children, function (li, i) {
        li.classList.toggle("active", i === active);
        li.setAttribute("aria-selected", i === active ? "true" : "false");
      });
    }
    function showList() {
      clear(list);
      var found = matches(input.value);
      shown = found.slice(0, 30);
      var partial = se.of > names.length;
      msg.textContent = input.value.trim() && !found.length
        ? say(partial ? "no_match_partial" : "no_match", { n: names.length, of: se.of })
        : (found.length > shown.length ? say("more_matches", { n: found.length - shown.length }) : "");
      shown.forEach(function (m, k) {
        var li = el("li", "find-item");
        li.setAttribute("role", "option");
        li.setAttribute("data-id", m.id);
        li.setAttribute("data-pos", m.pos);
        li.setAttribute("data-stage", ex.search.stages[m.stage - 1] || "id");
        li.appendChild(el("span", "find-name", nameOf(m.id)));
        var note = say("stage." + (ex.search.stages[m.stage - 1] || "name"));
        if (!state.nodes.get(m.id)) { note += " · " + say(reach(m.id) ? "not_drawn" : "not_connected"); }
        li.appendChild(el("span", "find-stage", note));
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(k); });
        list.appendChild(li);
      });
      mark(0);
    }
    function pick(k) {
      if (!shown[k]) { return; }
      if (select(shown[k].id) === null) {  // in no component the page draws: name the command
        msg.textContent = say("draw_it", { name: nameOf(shown[k].id) });
      }
      clear(list);
    }
    input.addEventListener("input", showList);
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        ev.preventDefault();
        if (!list.children.length) { showList(); }
        mark(active + (ev.key === "ArrowDown" ? 1 : -1));
      } else if (ev.key === "Enter") {
        if (!list.children.length) { showList(); }
        pick(active);
      }
    });
    input.addEventListener("blur", function () { clear(list); });
    state.search = function (q) { input.value = q; showList(); pick(0); return state.selected; };
  }

  /* ---------- 查关系: shortest chain of shown ties, breadth-first ---------- */
  var marked = [];
  function unmark() {
    state.edges.update(marked);
    marked = [];
    applyFilters();
  }
  function shortestChain(from, to) {
    var start = indexOf[from], goal = indexOf[to];
    if (start === undefined || goal === undefined) { return null; }
    var previous = {}; previous[start] = -1;
    var queue = [start];
    for (var head = 0; head < queue.length; head++) {
      var at = queue[head];
      if (at === goal) { break; }
      for (var k = 0; k < around[at].length; k++) {
        var l = around[at][k];
        if (!linkShown(l)) { continue; }
        var next = links.a[l] === at ? links.b[l] : links.a[l];
        if (previous[next] === undefined) { previous[next] = at; queue.push(next); }
      }
    }
    if (previous[goal] === undefined) { return null; }
    var chain = [];
    for (var step = goal; step !== -1; step = previous[step]) { chain.unshift(ids[step]); }
    return chain;
  }
  function path(from, to) {
    unmark();
    var chain = shortestChain(from, to);
    if (!chain) { return null; }
    bring(chain);
    var fresh = [];
    var edgesOnPath = chain.slice(1).map(function (id, k) { return tie(chain[k], id, fresh); });
    state.edges.add(fresh);
    marked = edgesOnPath.map(function (id) {
      var e = state.edges.get(id);
      return { id: id, color: e.color, width: e.width, ecoxOnPath: false };
    });
    state.edges.update(edgesOnPath.map(function (id) {
      return { id: id, color: { color: "#e11d48", opacity: 1 }, width: 6, hidden: false, ecoxOnPath: true };
    }));
    state.network.selectNodes(chain);
    state.network.fit({ nodes: chain, animation: false });
    state.path = { actors: chain, edges: edgesOnPath };
    return state.path;
  }
  function buildPath() {
    var go = byId("ecox-path-go");
    if (!go) { return; }
    var msg = byId("ecox-path-msg");
    go.addEventListener("click", function () {
      var ends = ["ecox-path-from", "ecox-path-to"].map(function (box) {
        var text = byId(box).value;
        var found = matches(text).filter(function (m) { return indexOf[m.id] !== undefined; });
        return { text: text, id: found.length ? found[0].id : null };
      });
      clear(msg);
      var missing = ends.filter(function (e) { return !e.id; });
      if (missing.length) { msg.textContent = say("path_unknown", { name: missing[0].text }); return; }
      var found = path(ends[0].id, ends[1].id);
      if (!found) { msg.textContent = say("path_none"); return; }
      msg.appendChild(el("div", null, say("path_found", { n: found.edges.length })));
      msg.appendChild(el("div", "path-chain", found.actors.map(nameOf).join(" → ")));
    });
  }

  /* ---------- wiring ---------- */
  var expandButton = byId("ecox-expand");
  state.network.on("click", function (params) {
    state.selected = params.nodes.length ? params.nodes[0] : null;
    if (expandButton) { expandButton.disabled = !state.selected; }
  });
  state.network.on("doubleClick", function (params) {
    if (params.nodes.length) { expand(params.nodes[0]); }
  });
  if (expandButton) {
    expandButton.addEventListener("click", function () { if (state.selected) { expand(state.selected); } });
  }
  buildFilters();
  buildSearch();
  buildPath();
  state.explore = { matches: matches, expand: expand, path: path, nameKey: nameKey };
})();
