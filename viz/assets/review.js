/* ecox review page: the extractor's relations and candidates on the report text.
   Every piece of data comes from the JSON block #ecox-data and is written with
   textContent (never innerHTML), so names and evidence from news text stay text.
   Saving builds the two CSV tables in the page and offers them as downloads (Blob). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ecox-data").textContent);
  var M = data.messages;
  var state = {
    ready: false, rows: [], pick: null, pair: null, minProbability: data.minProbability, openPanels: {}
  };
  window.ecox = state;

  var el = window.ecoxDom.el;  // viz/assets/dom.js
  var clear = window.ecoxDom.clear;
  function fill(text, fields) {
    return text.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(fields, key) ? String(fields[key]) : all;
    });
  }

  var entities = {};
  data.entities.forEach(function (e) {
    entities[e.id] = { name: e.name, types: (e.types || "").split("|").filter(Boolean), removed: false };
  });
  var relationTypes = {};
  data.types.forEach(function (t) { relationTypes[t.name] = t; });
  var articles = {};
  data.articles.forEach(function (a) { articles[a.id] = a; });

  function name(id) { return entities[id] ? entities[id].name : id; }
  function meets(allowed, types) {
    return types.some(function (t) { return allowed.indexOf(t) >= 0; });
  }
  /* The relation types the schema allows from source to target (any of their types). */
  function allowedTypes(source, target) {
    var s = entities[source] ? entities[source].types : [];
    var t = entities[target] ? entities[target].types : [];
    return data.types.filter(function (r) { return meets(r.source, s) && meets(r.target, t); })
      .map(function (r) { return r.name; });
  }
  function typeText(name) {
    var t = relationTypes[name];
    return t ? name + " " + t.label : name;
  }

  data.rows.forEach(function (row, i) {
    var f = {};
    Object.keys(row.fields).forEach(function (k) { f[k] = row.fields[k]; });
    state.rows.push({
      id: "r" + i, fields: f, origin: row.origin,
      status: row.origin === "relation" ? "accepted" : "candidate",
      type0: f.type, source0: f.source
    });
  });

  function spanOf(row) {
    var s = parseInt(row.fields.span_start, 10), e = parseInt(row.fields.span_end, 10);
    return isNaN(s) || isNaN(e) ? null : [s, e];
  }
  function review(row) {
    if (row.origin === "added") { return "added"; }
    var done = [];
    if (row.fields.type !== row.type0) { done.push("retyped"); }
    if (row.fields.source !== row.source0) { done.push("reversed"); }
    return done.length ? done.join("|") : row.fields.review || "accepted";  // kept from an earlier review
  }

  /* ---- the text: sentences cut into segments at mention and evidence boundaries ---- */
  function segments(article, start, end, rows) {
    var cuts = [start, end];
    var mentions = article.mentions.map(function (m, i) { return { s: m[0], e: m[1], id: m[2], index: i }; })
      .filter(function (m) { return m.e > start && m.s < end; });
    mentions.forEach(function (m) { cuts.push(Math.max(m.s, start), Math.min(m.e, end)); });
    var spans = [];
    rows.forEach(function (r) {
      var sp = spanOf(r);
      if (sp && r.status !== "rejected" && sp[1] > start && sp[0] < end) {
        spans.push({ s: sp[0], e: sp[1], row: r });
        cuts.push(Math.max(sp[0], start), Math.min(sp[1], end));
      }
    });
    cuts = cuts.filter(function (c, i) { return cuts.indexOf(c) === i; }).sort(function (a, b) { return a - b; });
    var out = [];
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      var seg = { s: a, e: b, mention: null, rows: [] };
      mentions.forEach(function (m) { if (m.s <= a && m.e >= b) { seg.mention = m; } });
      spans.forEach(function (x) { if (x.s <= a && x.e >= b) { seg.rows.push(x.row); } });
      out.push(seg);
    }
    return out;
  }

  function isPicked(articleId, index) {
    return [state.pick, state.pair && state.pair.second].some(function (m) {
      return m && m.article === articleId && m.index === index;
    });
  }
  function sentenceText(article, start, end, rows) {
    var p = el("p", "sentence-text");
    segments(article, start, end, rows).forEach(function (seg) {
      var span = el("span", null, article.text.slice(seg.s, seg.e));
      var classes = [];
      if (seg.mention) {
        classes.push(entities[seg.mention.id] && entities[seg.mention.id].removed ? "mention removed" : "mention");
        span.setAttribute("data-mention", article.id + "\u0000" + seg.mention.index);
        span.setAttribute("data-entity", seg.mention.id);
        span.title = name(seg.mention.id);
        span.tabIndex = 0;
        span.setAttribute("role", "button");
        if (isPicked(article.id, seg.mention.index)) { classes.push("picked"); }
      }
      if (seg.rows.length) {
        var firm = seg.rows.some(function (r) { return r.status !== "candidate"; });
        classes.push(firm ? "ev" : "ev-candidate");
        span.setAttribute("data-rows", seg.rows.map(function (r) { return r.id; }).join(" "));
      }
      span.className = classes.join(" ");
      p.appendChild(span);
    });
    return p;
  }

  /* ---- the rows ---- */
  function button(label, action, row, disabled) {
    var b = el("button", "act act-" + action, label);
    b.type = "button";
    b.setAttribute("data-action", action);
    b.setAttribute("data-row", row.id);
    b.disabled = !!disabled;
    return b;
  }
  function typeSelect(row) {
    var select = el("select", "retype");
    select.setAttribute("data-row", row.id);
    var choices = allowedTypes(row.fields.source, row.fields.target);
    if (choices.indexOf(row.fields.type) < 0) { choices.unshift(row.fields.type); }
    choices.forEach(function (t) {
      var o = el("option", null, typeText(t));
      o.value = t;
      o.selected = t === row.fields.type;
      select.appendChild(o);
    });
    return select;
  }
  function chance(row) {  // the row's probability (or confidence) as a number, NaN when none
    return parseFloat(row.fields.probability || row.fields.confidence || "");
  }
  /* Undecided candidates below the chosen probability are not shown (the learned extractor
     writes every typed pair of a sentence); relations and decided rows always are. */
  function shown(row) {
    return row.status !== "candidate" || !(chance(row) < state.minProbability);
  }
  function byStrength(a, b) {  // relations and added ones first, then the likelier candidates
    var rank = function (r) { return r.origin === "candidate" ? 1 : 0; };
    return rank(a) - rank(b) || (chance(b) || 0) - (chance(a) || 0);
  }
  function probability(row) {
    var p = row.fields.probability || row.fields.confidence || "";
    var x = parseFloat(p);
    return isNaN(x) ? p : x.toFixed(2);
  }
  function rowLine(row) {
    var tr = el("tr", "row status-" + row.status);
    tr.setAttribute("data-row", row.id);
    tr.appendChild(el("td", "source", name(row.fields.source)));
    var type = el("td", "type");
    type.appendChild(typeSelect(row));
    tr.appendChild(type);
    tr.appendChild(el("td", "target", name(row.fields.target)));
    tr.appendChild(el("td", "probability", probability(row)));
    tr.appendChild(el("td", "status", M["status." + row.status]));
    var acts = el("td", "actions");
    var reversible = allowedTypes(row.fields.target, row.fields.source).indexOf(row.fields.type) >= 0;
    acts.appendChild(button(M.accept, "accept", row, row.status === "accepted" || row.status === "added"));
    acts.appendChild(button(M.reject, "reject", row, row.status === "rejected"));
    acts.appendChild(button(M.reverse, "reverse", row, !reversible));
    tr.appendChild(acts);
    return tr;
  }
  /* the learned extractor's probability; the rules' confidence when there is none */
  var score = data.relationColumns.indexOf("probability") >= 0 ? "probability" : "confidence";
  function rowTable(rows) {
    var table = el("table", "relations");
    var head = el("tr");
    ["source", "type", "target", score, "status", "actions"].forEach(function (c) {
      head.appendChild(el("th", null, M["col." + c]));
    });
    table.appendChild(head);
    rows.forEach(function (r) { table.appendChild(rowLine(r)); });
    return table;
  }

  /* ---- the actors of an article: correct their types, or remove one the extractor made up ---- */
  function nodeTypeText(t) {  // "Enterprise 企业"; in English the label alone would repeat the name
    var label = data.typeLabels[t] || "";
    return label.toLowerCase() === t.toLowerCase() ? t : t + " " + label;
  }
  function entityTypeSelect(id) {
    var select = el("select", "entity-type");
    select.setAttribute("data-entity", id);
    var current = entities[id].types.join("|");
    var choices = Object.keys(data.typeLabels);
    if (choices.indexOf(current) < 0) { choices.unshift(current); }
    choices.forEach(function (t) {
      var o = el("option", null, t.split("|").map(nodeTypeText).join(" | "));
      o.value = t;
      o.selected = t === current;
      select.appendChild(o);
    });
    return select;
  }
  function entityPanel(article) {
    var ids = article.mentions.map(function (m) { return m[2]; })
      .filter(function (id, i, all) { return entities[id] && all.indexOf(id) === i; });
    var details = el("details", "entities");
    details.open = !!state.openPanels[article.id];
    details.addEventListener("toggle", function () { state.openPanels[article.id] = details.open; });
    details.appendChild(el("summary", null, fill(M.entities, { count: ids.length })));
    var table = el("table", "entities");
    var head = el("tr");
    [M["col.name"], M["col.types"], M["col.actions"]].forEach(function (c) { head.appendChild(el("th", null, c)); });
    table.appendChild(head);
    ids.forEach(function (id) {
      var tr = el("tr", entities[id].removed ? "entity removed" : "entity");
      tr.appendChild(el("td", "name", entities[id].name));
      var types = el("td");
      types.appendChild(entityTypeSelect(id));
      tr.appendChild(types);
      var acts = el("td");
      var b = el("button", "entity-act", entities[id].removed ? M["entity.restore"] : M["entity.remove"]);
      b.type = "button";
      b.setAttribute("data-entity", id);
      b.setAttribute("data-entity-action", entities[id].removed ? "restore" : "remove");
      acts.appendChild(b);
      tr.appendChild(acts);
      table.appendChild(tr);
    });
    details.appendChild(table);
    return details;
  }
  function removeEntity(id, removed) {
    entities[id].removed = removed;
    if (removed) {  // its relations go with it (a restored actor's relations are decided again)
      state.rows.forEach(function (r) {
        if (r.fields.source === id || r.fields.target === id) { r.status = "rejected"; }
      });
      if (state.pick && (state.pick.entity === id || (state.pair && state.pair.target === id) ||
          (state.pair && state.pair.source === id))) {
        state.pick = null;
        state.pair = null;
      }
    }
    render();
  }

  /* ---- the page ---- */
  var FOCUS_KEYS = ["data-mention", "data-row", "data-action", "id", "data-entity"];
  function focusKey() {  // what has the keyboard focus, so that it keeps it after a render
    var a = document.activeElement;
    if (!a || a === document.body) { return null; }
    return FOCUS_KEYS.map(function (k) { return [k, a.getAttribute(k)]; });
  }
  function refocus(key) {  // the same control, else (now disabled) another one of its row
    if (!key) { return; }
    var all = Array.prototype.filter.call(
      document.querySelectorAll("[data-mention], [data-row], [id], [data-entity]"), function (e) { return !e.disabled; });
    var same = function (e) { return key.every(function (kv) { return e.getAttribute(kv[0]) === kv[1]; }); };
    var row = function (e) { return key[1][1] && e.tagName !== "TR" && e.getAttribute("data-row") === key[1][1]; };
    var found = all.filter(same)[0] || all.filter(row)[0];
    if (found) { found.focus(); }
  }
  var blocks = {};  // article id → its sentence elements, redrawn one by one after a decision
  function articleRows(article) {
    return state.rows.filter(function (r) { return r.fields.article === article.id && shown(r); });
  }
  function holds(sentence, row) {
    var sp = spanOf(row);
    return !!sp && sp[0] >= sentence[0] && sp[0] < sentence[1];
  }
  function placed(row) {
    var article = articles[row.fields.article];
    return !!article && article.sentences.some(function (s) { return holds(s, row); });
  }
  function sentenceBlock(article, index, mine) {
    var sentence = article.sentences[index];
    var here = mine.filter(function (r) { return holds(sentence, r); }).sort(byStrength);
    var div = el("div", "sentence");
    div.appendChild(sentenceText(article, sentence[0], sentence[1], mine));
    if (here.length) { div.appendChild(rowTable(here)); }
    return div;
  }
  function render() {
    var keep = focusKey();
    var main = document.getElementById("review-articles");
    clear(main);
    data.articles.forEach(function (article) {
      var section = el("section", "article");
      section.setAttribute("data-article", article.id);
      section.appendChild(el("h2", null, M.article + " " + article.id + " · " + article.title));
      section.appendChild(entityPanel(article));
      var mine = articleRows(article);
      blocks[article.id] = article.sentences.map(function (s, i) {
        return section.appendChild(sentenceBlock(article, i, mine));
      });
      main.appendChild(section);
    });
    var rest = state.rows.filter(function (r) { return shown(r) && !placed(r); });
    if (rest.length) {
      var other = el("section", "article unplaced");
      other.appendChild(el("h2", null, M.unplaced));
      other.appendChild(rowTable(rest));
      main.appendChild(other);
    }
    renderTools();
    renderAdd();
    refocus(keep);
  }
  /* After a decision on one row: redraw only the sentences its evidence touches. */
  function refresh(row) {
    if (!placed(row)) { render(); return; }
    var keep = focusKey();
    var article = articles[row.fields.article];
    var sp = spanOf(row);
    var mine = articleRows(article);
    article.sentences.forEach(function (s, i) {
      if (holds(s, row) || (s[1] > sp[0] && s[0] < sp[1])) {
        var fresh = sentenceBlock(article, i, mine);
        blocks[article.id][i].replaceWith(fresh);
        blocks[article.id][i] = fresh;
      }
    });
    renderTools();
    renderAdd();
    refocus(keep);
  }
  function markPicks() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-mention]"), function (e) {
      var key = e.getAttribute("data-mention").split("\u0000");
      e.classList.toggle("picked", isPicked(key[0], parseInt(key[1], 10)));
    });
    renderAdd();
  }

  function counts() {
    var n = { accepted: 0, candidate: 0, rejected: 0, added: 0 };
    state.rows.forEach(function (r) { n[r.status] += 1; });
    return n;
  }
  function renderTools() {
    var tools = document.getElementById("review-tools");
    clear(tools);
    tools.appendChild(el("span", "summary", fill(M.summary, counts())));
    var label = el("label", null, M.filter);
    var input = el("input");
    input.id = "min-probability";
    input.type = "number";
    input.min = "0";
    input.max = "1";
    input.step = "0.05";
    input.value = String(state.minProbability);
    label.appendChild(input);
    tools.appendChild(label);
    var hidden = state.rows.filter(function (r) { return !shown(r); }).length;
    if (hidden) { tools.appendChild(el("span", "hidden-count", fill(M.hidden, { hidden: hidden }))); }
    var ent = el("button", "save", M["save.entities"]);
    ent.id = "save-entities";
    ent.type = "button";
    var rel = el("button", "save", M["save.relations"]);
    rel.id = "save-relations";
    rel.type = "button";
    tools.appendChild(ent);
    tools.appendChild(rel);
  }
  function renderAdd() {
    var box = document.getElementById("review-add");
    clear(box);
    if (state.pick && !state.pair) {
      box.appendChild(el("span", null, fill(M["add.first"], { source: name(state.pick.entity) })));
    } else if (state.pair) {
      var pair = state.pair;
      box.appendChild(el("span", null, fill(M["add.pair"], { source: name(pair.source), target: name(pair.target) })));
      var choices = allowedTypes(pair.source, pair.target);
      if (choices.length) {
        var select = el("select", "add-type");
        select.id = "add-type";
        choices.forEach(function (t) {
          var o = el("option", null, typeText(t));
          o.value = t;
          select.appendChild(o);
        });
        box.appendChild(select);
        var add = el("button", null, M["add.button"]);
        add.id = "add-confirm";
        add.type = "button";
        box.appendChild(add);
      } else {
        box.appendChild(el("span", "notice", M["add.none"]));
      }
      var swap = el("button", null, M["add.swap"]);
      swap.id = "add-swap";
      swap.type = "button";
      box.appendChild(swap);
    }
    if (state.pick || state.pair) {
      var cancel = el("button", null, M["add.cancel"]);
      cancel.id = "add-cancel";
      cancel.type = "button";
      box.appendChild(cancel);
    }
    box.className = state.pick || state.pair ? "active" : "";
  }

  /* ---- actions ---- */
  function findRow(id) { return state.rows.filter(function (r) { return r.id === id; })[0]; }
  function decide(row, action) {
    if (action === "accept") { row.status = "accepted"; }
    if (action === "reject") { row.status = "rejected"; }
    if (action === "reverse") {
      var s = row.fields.source;
      row.fields.source = row.fields.target;
      row.fields.target = s;
      if (row.status !== "added") { row.status = "accepted"; }
    }
  }
  function sentenceAround(article, at) {
    return article.sentences.filter(function (s) { return s[0] <= at && at < s[1]; })[0] || [at, at];
  }
  function pickMention(key) {
    var parts = key.split("\u0000");
    var article = articles[parts[0]];
    var index = parseInt(parts[1], 10);
    var m = article.mentions[index];
    if (!entities[m[2]] || entities[m[2]].removed) { return; }
    var picked = { article: article.id, index: index, entity: m[2], start: m[0], end: m[1] };
    if (!state.pick || state.pair || state.pick.article !== article.id || state.pick.entity === picked.entity) {
      state.pick = picked;
      state.pair = null;
    } else {
      state.pair = { first: state.pick, second: picked, source: state.pick.entity, target: picked.entity };
    }
    markPicks();
  }
  function addRelation(type) {
    var pair = state.pair;
    var article = articles[pair.first.article];
    var a = sentenceAround(article, Math.min(pair.first.start, pair.second.start));
    var b = sentenceAround(article, Math.max(pair.first.start, pair.second.start));
    var f = {};
    data.relationColumns.forEach(function (c) { f[c] = ""; });
    f.source = pair.source;
    f.target = pair.target;
    f.type = type;
    f.article = article.id;
    f.evidence = article.text.slice(a[0], b[1]);
    f.span_start = String(a[0]);
    f.span_end = String(b[1]);
    f.document = article.document;
    f.extractor = "ecox-review";
    f.rule = "review";
    var row = { id: "r" + state.rows.length, fields: f, origin: "added", status: "added", type0: type, source0: f.source };
    state.rows.push(row);
    state.pick = null;
    state.pair = null;
    refresh(row);
    markPicks();
  }

  /* ---- saving: CSV the table loader reads (formula-like cells escaped as ecox writes them) ---- */
  function cell(value) {
    var v = value === undefined || value === null ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(v) || /^'[=+\-@\t\r']/.test(v)) { v = "'" + v; }
    return /[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function csv(columns, records) {
    var lines = [columns.map(cell).join(",")];
    records.forEach(function (r) { lines.push(columns.map(function (c) { return cell(r[c]); }).join(",")); });
    return lines.join("\n") + "\n";
  }
  function kept(id) { return !!entities[id] && !entities[id].removed; }
  function savedEntities() {
    return data.entities.filter(function (e) { return kept(e.id); }).map(function (e) {
      var f = {};
      Object.keys(e).forEach(function (k) { f[k] = e[k]; });
      f.types = entities[e.id].types.join("|");
      return f;
    });
  }
  function savedRelations() {
    return state.rows.filter(function (r) {
      return (r.status === "accepted" || r.status === "added") && kept(r.fields.source) && kept(r.fields.target);
    })
      .map(function (r) {
        var f = {};
        Object.keys(r.fields).forEach(function (k) { f[k] = r.fields[k]; });
        f.review = review(r);
        return f;
      });
  }
  function download(filename, text) {
    var blob = new Blob(["\ufeff" + text], { type: "text/csv;charset=utf-8" });
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }
  state.tables = function () {
    return {
      "entities.csv": csv(data.entityColumns, savedEntities()),
      "relations.csv": csv(data.relationColumns, savedRelations())
    };
  };

  document.addEventListener("click", function (event) {
    var t = event.target;
    if (!(t instanceof Element)) { return; }
    var action = t.getAttribute("data-action");
    if (t.hasAttribute("data-entity-action")) {
      removeEntity(t.getAttribute("data-entity"), t.getAttribute("data-entity-action") === "remove");
    } else if (action && t.getAttribute("data-row")) {
      var decided = findRow(t.getAttribute("data-row"));
      decide(decided, action);
      refresh(decided);
    } else if (t.id === "save-entities" || t.id === "save-relations") {
      var name = t.id === "save-entities" ? "entities.csv" : "relations.csv";
      download(name, state.tables()[name]);
    } else if (t.id === "add-confirm") {
      addRelation(document.getElementById("add-type").value);
    } else if (t.id === "add-swap") {
      var p = state.pair;
      state.pair = { first: p.first, second: p.second, source: p.target, target: p.source };
      renderAdd();
    } else if (t.id === "add-cancel") {
      state.pick = null;
      state.pair = null;
      markPicks();
    } else if (t.closest && t.closest("[data-mention]")) {
      pickMention(t.closest("[data-mention]").getAttribute("data-mention"));
    }
  });
  document.addEventListener("keydown", function (event) {
    var t = event.target;
    if ((event.key === "Enter" || event.key === " ") && t instanceof Element && t.hasAttribute("data-mention")) {
      event.preventDefault();
      pickMention(t.getAttribute("data-mention"));
    }
  });
  document.addEventListener("change", function (event) {
    var t = event.target;
    if (t instanceof HTMLInputElement && t.id === "min-probability") {
      var p = parseFloat(t.value);
      state.minProbability = isNaN(p) ? 0 : p;
      render();
    } else if (t instanceof HTMLSelectElement && t.classList.contains("entity-type")) {
      entities[t.getAttribute("data-entity")].types = t.value.split("|");
      render();  // the relation types each row may take have changed
    } else if (t instanceof HTMLSelectElement && t.classList.contains("retype")) {
      var row = findRow(t.getAttribute("data-row"));
      row.fields.type = t.value;
      if (row.status !== "added") { row.status = "accepted"; }
      refresh(row);
    }
  });
  document.addEventListener("mouseover", function (event) {
    var tr = event.target instanceof Element && event.target.closest("tr[data-row]");
    var id = tr ? tr.getAttribute("data-row") : null;
    Array.prototype.forEach.call(document.querySelectorAll("[data-rows]"), function (s) {
      s.classList.toggle("ev-active", !!id && s.getAttribute("data-rows").split(" ").indexOf(id) >= 0);
    });
  });

  document.getElementById("review-title").textContent = data.title;
  document.getElementById("review-help").textContent = M.help;
  document.documentElement.lang = data.lang === "en" ? "en" : "zh-Hans";
  render();
  state.ready = true;
}());
