"""The views in a real headless Chromium (Debian's ``/usr/bin/chromium``, driven by Playwright).

For each view and the report, on the seed ecosystem and on the hostile venture
graph (tests/views_data.py): the page is opened from a file URL with every
request to another host aborted and recorded; no such request, no console
error, no page error; the network holds the expected nodes and edges (counted
independently with networkx where the view's definition allows); clicking an
edge (its midpoint, found with ``getPositions`` and ``canvasToDOM``) fills the
evidence pane with the claims behind it; the XSS payloads never ran (no
dialog, ``window.__xss`` unset, no element they could create) and show as text.
Screenshots go to ``test-artefacts/`` (not tracked); ``python tests/screenshots.py``
copies the seed ecosystem and report ones to ``docs/screenshots/`` for the README.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from ecox.graph.analysis import analysis_graph
from ecox.graph.claims import ClaimGraph
from ecox.graph.schema import SCHEMA
from ecox.graph.unnamed import reported_ties
from ecox.loaders.load import load_inputs, seed_path
from ecox.viz.messages import catalogue, message
from ecox.viz.network import ViewInput
from ecox.viz.report import report
from ecox.viz.views import VIEWS, find_actor, render, top_broker
from tests.views_data import (
    ALIAS_PAYLOAD,
    EVIDENCE_PAYLOAD,
    IMG_PAYLOAD,
    SCRIPT_PAYLOAD,
    page_claims,
    venture_graph,
)

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
ARTEFACTS = ROOT / "test-artefacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PAGES = (*VIEWS, "report")
#: Relation labels the (Chinese) evidence pane shows.
RELATION_ZH = SCHEMA.relation_labels("zh")

sync_api = pytest.importorskip("playwright.sync_api")
if not CHROMIUM.exists():  # pragma: no cover - CI installs it
    pytest.skip("needs /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)


@dataclass
class Opened:
    """A loaded page and what it did."""

    page: Any
    remote: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def _graphs() -> dict[str, ClaimGraph]:
    return {"seed": load_inputs([seed_path()]).graph, "venture": venture_graph()}


@pytest.fixture(scope="module")
def graphs() -> dict[str, ClaimGraph]:
    return _graphs()


@pytest.fixture(scope="module")
def page_files(graphs: dict[str, ClaimGraph]) -> Iterator[dict[tuple[str, str], Path]]:
    folder = Path(tempfile.mkdtemp(prefix="ecox-views-"))
    files: dict[tuple[str, str], Path] = {}
    for label, graph in graphs.items():
        for name in PAGES:
            html = report(graph) if name == "report" else render(graph, view=name)
            path = folder / f"{label}-{name}.html"
            path.write_text(html, encoding="utf-8")
            files[label, name] = path
    yield files
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    profile = tempfile.mkdtemp(prefix="ecox-chromium-")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1500, "height": 900},
            device_scale_factor=1,
        )
        try:
            yield context
        finally:
            context.close()
    shutil.rmtree(profile, ignore_errors=True)


def _open(
    context: Any, path: Path, timeout: float = 30.0, size: tuple[int, int] | None = None
) -> Opened:
    page = context.new_page()
    if size is not None:
        page.set_viewport_size({"width": size[0], "height": size[1]})
    opened = Opened(page)

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith("file://"):
            request_route.continue_()
        else:
            opened.remote.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.errors.append(str(e)))

    def dialog(d: Any) -> None:
        opened.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(path.as_uri())
    start = time.monotonic()
    # polled with evaluate: the pages' CSP forbids the eval that wait_for_function uses
    while not page.evaluate("() => !!(window.ecox && window.ecox.ready)"):
        assert time.monotonic() - start < timeout, f"{path.name} not ready in {timeout} s"
        time.sleep(0.05)
    return opened


def _page_data(path: Path) -> dict[str, Any]:
    html = path.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="ecox-data">(.*?)</script>', html, re.S)
    assert found
    data: dict[str, Any] = json.loads(found.group(1))
    if "network" in data:
        data["network"]["claims"] = page_claims(data["network"])
    return data


def _expected_counts(graph: ClaimGraph, view: str, path: Path) -> tuple[int, int]:
    """Nodes and edges a page must hold, computed with networkx where the view allows."""
    ag = analysis_graph(graph)
    undirected = ag.to_networkx(directed=False)
    undirected.remove_edges_from(list(nx.selfloop_edges(undirected)))
    if view in ("ecosystem", "report"):
        return undirected.number_of_nodes(), undirected.number_of_edges()
    if view == "ego":
        focus = top_broker(ViewInput.of(graph))
        ego = nx.ego_graph(undirected, focus, radius=1)
        return ego.number_of_nodes(), ego.number_of_edges()
    if view == "brokers":
        from ecox.queries.brokers import brokers

        chosen = list(brokers(ag, top=15)["node"])
        shown = set(chosen).union(*(undirected[b] for b in chosen))
        return len(shown), undirected.subgraph(shown).number_of_edges()
    if view == "triads" and _has("ecox.queries.triads", "ecox.queries.gaps"):
        from ecox.queries.gaps import fill_candidates
        from ecox.queries.triads import complete_triads, open_triads

        members: set[str] = set()
        for frame in (complete_triads(ag), open_triads(ag)):
            for role in ("enterprise", "scientist", "entrepreneur", "investor"):
                members |= {v for v in frame[role] if isinstance(v, str)}
        best = fill_candidates(ag, top=1).drop_duplicates(["enterprise", "missing"])
        best = best[best["candidate"].notna()]  # rows saying nobody can fill draw nothing
        members |= set(best["candidate"])
        dashed = {frozenset(p) for p in zip(best["candidate"], best["enterprise"], strict=True)}
        return len(members), undirected.subgraph(members).number_of_edges() + len(dashed)
    if view == "gaps" and _has("ecox.queries.gaps"):
        import ecox.queries.gaps as gaps

        best = gaps.fill_candidates(ag, top=1).drop_duplicates(["enterprise", "missing"])
        best = best[best["candidate"].notna()]
        pairs = list(zip(best["candidate"], best["enterprise"], strict=True))[:40]
        ringed: list[str] = []
        if hasattr(gaps, "missing_links"):
            found = gaps.missing_links(ag, top=40)
            pairs += list(zip(found["source"], found["target"], strict=True))
        if hasattr(gaps, "under_connected"):
            ringed = list(gaps.under_connected(ag).head(40)["node"])
        dashed = {frozenset(p) for p in pairs}
        seeds = {a for p in dashed for a in p} | set(ringed)
        shown = seeds.union(*(undirected[a] for a in seeds)) if seeds else set()
        if len(shown) > 300:
            shown = seeds
        return len(shown), undirected.subgraph(shown).number_of_edges() + len(dashed)
    # a query this version lacks: the page shows what the view found; check it draws it all
    data = _page_data(path)["network"]
    ids = {n["id"] for n in data["nodes"] if not n.get("ecoxUnnamed")}
    suggested = sum(1 for e in data["edges"] if e.get("ecoxSuggested"))
    return len(ids), undirected.subgraph(ids).number_of_edges() + suggested


def _unnamed_groups(graph: ClaimGraph, path: Path) -> int:
    """Group nodes a page must add: one per reported unnamed tie of an actor it shows."""
    nodes = _page_data(path)["network"]["nodes"]
    actors = {n["id"] for n in nodes if not n.get("ecoxUnnamed")}
    return int(reported_ties(graph)["node"].isin(actors).sum())


def _has(*modules: str) -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in modules)


_COUNTS_JS = """() => {
  const net = window.ecox.network;
  const nodes = Object.keys(net.getPositions()).length;
  const edges = window.ecox.edges.getIds().filter(id => net.getConnectedNodes(id).length === 2);
  return [nodes, edges.length];
}"""

# An edge whose midpoint is on screen and hits that edge and no node; preferred ones first.
_FIND_EDGE_JS = """(preferred) => {
  const net = window.ecox.network;
  const box = document.getElementById("ecox-network").getBoundingClientRect();
  const pos = net.getPositions();
  const edges = window.ecox.edges.get();
  edges.sort((a, b) => (preferred.includes(b.id) ? 1 : 0) - (preferred.includes(a.id) ? 1 : 0));
  for (const e of edges) {
    const a = pos[e.from], b = pos[e.to];
    const mid = net.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
    if (mid.x < 8 || mid.y < 8 || mid.x > box.width - 8 || mid.y > box.height - 8) continue;
    if (net.getNodeAt(mid) !== undefined) continue;
    if (net.getEdgeAt(mid) !== e.id) continue;
    return {id: e.id, x: box.left + mid.x, y: box.top + mid.y};
  }
  return null;
}"""

# the report embeds the network below its charts: bring it into the viewport first
_SHOW_NETWORK_JS = """() => {
  document.getElementById("ecox-network").scrollIntoView({block: "center"});
  window.ecox.network.fit({animation: false});
}"""

_TITLE_JS = "() => document.querySelector('#ecox-pane-body .pane-title').textContent"

_NODE_JS = """(id) => {
  const net = window.ecox.network;
  const box = document.getElementById("ecox-network").getBoundingClientRect();
  const p = net.canvasToDOM(net.getPositions([id])[id]);
  return {x: box.left + p.x, y: box.top + p.y};
}"""


def _pane_text(opened: Opened) -> str:
    return str(opened.page.evaluate("() => document.getElementById('ecox-pane-body').textContent"))


def _assert_no_xss(opened: Opened) -> None:
    page = opened.page
    assert opened.dialogs == []
    assert page.evaluate("() => window.__xss === undefined")
    assert page.evaluate("() => document.querySelectorAll('img, [onerror], [onload]').length") == 0


def _click_edge(opened: Opened, data: dict[str, Any], preferred: list[str]) -> dict[str, Any]:
    page = opened.page
    page.evaluate(_SHOW_NETWORK_JS)
    target = page.evaluate(_FIND_EDGE_JS, preferred)
    assert target is not None, "no edge midpoint is clickable"
    page.mouse.click(target["x"], target["y"])
    edge = next(e for e in data["edges"] if e["id"] == target["id"])
    return edge


@pytest.mark.parametrize("label", ["seed", "venture"])
@pytest.mark.parametrize("name", PAGES)
def test_page_in_browser(
    browser: Any,
    page_files: dict[tuple[str, str], Path],
    graphs: dict[str, ClaimGraph],
    label: str,
    name: str,
) -> None:
    path = page_files[label, name]
    graph = graphs[label]
    data = _page_data(path)["network"]
    opened = _open(browser, path)
    page = opened.page
    try:
        assert opened.remote == []
        assert opened.errors == []
        nodes, edges = page.evaluate(_COUNTS_JS)
        groups = _unnamed_groups(graph, path)
        expected_nodes, expected_edges = _expected_counts(graph, name, path)
        assert (nodes, edges) == (expected_nodes + groups, expected_edges + groups)
        assert (nodes, edges) == (len(data["nodes"]), len(data["edges"]))

        if edges:
            names = {n["id"]: n["ecoxName"] for n in data["nodes"]}
            loan = [
                e["id"]
                for e in data["edges"]
                if any(
                    data["claims"][i].get("evidence") == EVIDENCE_PAYLOAD for i in e["ecoxClaims"]
                )
            ]
            edge = _click_edge(opened, data, loan)
            text = _pane_text(opened)
            assert names[edge["from"]] in text and names[edge["to"]] in text
            if edge.get("ecoxSuggested"):
                assert message("js.suggested_none", kind=edge["ecoxSuggested"]) in text
                assert edge["ecoxReason"] in text
            else:
                claims = [data["claims"][i] for i in edge["ecoxClaims"]]
                assert message("js.evidence", count=len(claims)) in text
                for claim in claims:
                    assert RELATION_ZH[claim["relation"]] in text
                    for key in ("evidence", "outlet", "document", "date"):
                        if claim.get(key):
                            assert claim[key] in text
            if loan and edge["id"] == loan[0]:
                assert EVIDENCE_PAYLOAD in text  # shown literally, as text
                assert "15,000,000 CNY (1,500 万元)" in text
                assert "2025-11" in text and "科技日报" in text and "doc-xss" in text

        if label == "venture" and name in ("ecosystem", "report"):
            _check_hostile_names(opened, data)
        _assert_no_xss(opened)
        assert opened.remote == [] and opened.errors == []

        ARTEFACTS.mkdir(exist_ok=True)
        shot = ARTEFACTS / f"{label}-{name}.png"
        page.mouse.move(2, 2)  # no tooltip left over in the screenshot
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=str(shot), full_page=name == "report")
    finally:
        page.close()


def test_unnamed_group_in_browser(browser: Any, page_files: dict[tuple[str, str], Path]) -> None:
    """A tie to an unnamed counterpart is a grey group node; its link opens the evidence."""
    path = page_files["seed", "ecosystem"]
    data = _page_data(path)["network"]
    groups = {n["id"]: n for n in data["nodes"] if n.get("ecoxUnnamed")}
    links = [e["id"] for e in data["edges"] if e.get("ecoxUnnamed")]
    assert groups and len(links) == len(groups)
    opened = _open(browser, path)
    page = opened.page
    try:
        edge = _click_edge(opened, data, links)
        assert edge["id"] in links, "no unnamed link was clickable"
        text = _pane_text(opened)
        group = groups[edge["from"] if edge["from"] in groups else edge["to"]]
        assert group["label"].startswith("未具名") and group["label"] in text
        for i in edge["ecoxClaims"]:
            assert data["claims"][i]["evidence"] in text
        at = page.evaluate(_NODE_JS, group["id"])
        page.mouse.click(at["x"], at["y"])
        assert page.evaluate(_TITLE_JS) == group["label"]
        assert opened.errors == [] and opened.remote == []
    finally:
        page.close()


def _check_hostile_names(opened: Opened, data: dict[str, Any]) -> None:
    """Click and hover the actors named like payloads: their names show as text."""
    page = opened.page
    for payload in (IMG_PAYLOAD, SCRIPT_PAYLOAD):
        node = next(n for n in data["nodes"] if n["ecoxName"] == payload)
        page.evaluate(_SHOW_NETWORK_JS)
        at = page.evaluate(_NODE_JS, node["id"])
        page.mouse.click(at["x"], at["y"])
        title = page.evaluate(
            "() => document.querySelector('#ecox-pane-body .pane-title').textContent"
        )
        assert title == payload
        page.mouse.move(at["x"] + 1, at["y"] + 1)
        page.mouse.move(at["x"], at["y"])
        deadline = time.monotonic() + 5
        tip = ""
        while time.monotonic() < deadline:
            tip = page.evaluate(
                "() => { const t = document.querySelector('div.vis-tooltip');"
                " return t && t.style.visibility !== 'hidden' ? t.textContent : ''; }"
            )
            if payload in tip:
                break
            time.sleep(0.1)
        assert payload in tip, "tooltip did not show the name as text"
    # the alias payload is searchable and shown literally
    page.fill("#ecox-find", "星云光电")
    page.press("#ecox-find", "Enter")
    assert ALIAS_PAYLOAD in _pane_text(opened)


@pytest.mark.parametrize("label", ["seed", "venture"])
def test_search_and_type_filter(
    browser: Any, page_files: dict[tuple[str, str], Path], graphs: dict[str, ClaimGraph], label: str
) -> None:
    path = page_files[label, "ecosystem"]
    graph = graphs[label]
    alias, name = ("温医大眼视光医院", "温州医科大学附属眼视光医院")
    if label == "venture":
        alias, name = ("浙大", "浙江大学")
    opened = _open(browser, path)
    page = opened.page
    try:
        page.fill("#ecox-find", alias)
        page.press("#ecox-find", "Enter")
        title = page.evaluate(
            "() => document.querySelector('#ecox-pane-body .pane-title').textContent"
        )
        assert title == name
        selected = page.evaluate("() => window.ecox.network.getSelectedNodes()")
        assert selected == [find_actor(ViewInput.of(graph), alias)]

        visible = "() => window.ecox.nodes.get({filter: n => !n.hidden}).length"
        total = page.evaluate(visible)
        enterprises = int((graph.actors["types"].str.split("|").str[0] == "Enterprise").sum())
        page.click("input[data-type='Enterprise']")
        assert page.evaluate(visible) == total - enterprises
        page.click("input[data-type='Enterprise']")
        assert page.evaluate(visible) == total
        assert opened.errors == [] and opened.remote == []
    finally:
        page.close()


def test_report_tables_sort(browser: Any, page_files: dict[tuple[str, str], Path]) -> None:
    opened = _open(browser, page_files["seed", "report"])
    page = opened.page
    try:
        first_table = "#counts table.sortable"  # actors by type; page.click takes the first
        column = (
            f"() => Array.from(document.querySelector('{first_table}').tBodies[0].rows)"
            ".map(r => Number(r.cells[2].getAttribute('data-sort')))"
        )
        before = page.evaluate(column)
        page.click(f"{first_table} thead th:nth-child(3)")
        ascending = page.evaluate(column)
        assert ascending == sorted(before)
        page.click(f"{first_table} thead th:nth-child(3)")
        assert page.evaluate(column) == sorted(before, reverse=True)
        assert opened.errors == []
    finally:
        page.close()


# ------------------------------------------------ Chinese first, print, small screens, lists

#: Drawn label boxes (canvas coordinates) of the actors whose label the network shows now.
_LABEL_BOXES_JS = """() => {
  const net = window.ecox.network;
  net.redraw();
  const boxes = [];
  window.ecox.nodes.getIds().forEach(id => {
    const n = net.body.nodes[id];
    if (n && n.options.label && n.labelModule.visible()) {
      const s = n.labelModule.size;
      boxes.push({id: id, top: !!window.ecox.nodes.get(id).ecoxTop,
                  l: s.left, t: s.top, r: s.left + s.width, b: s.top + s.height});
    }
  });
  return boxes;
}"""


def _overlaps(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (a["id"], b["id"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]
    ]


def _english_fragments() -> set[str]:
    """The catalogue's English texts cut at their placeholders: words a zh page must not show."""
    found: set[str] = set()
    for texts in catalogue().values():
        if texts["en"] == texts["zh"]:
            continue
        for piece in re.split(r"\{\w+\}", texts["en"]):
            piece = piece.strip(" .:;,()·—–-#→")
            if len(re.findall(r"[A-Za-z]", piece)) >= 4:
                found.add(piece)
    return found


def _data_words(network: dict[str, Any]) -> set[str]:
    """Latin words of the data itself (names, aliases, claims): a zh page may show those."""
    texts = [str(v) for c in network["claims"] for v in c.values() if v is not None]
    for node in network["nodes"]:
        texts += [node["ecoxName"], *node["ecoxAliases"]]
    return set(re.findall(r"[A-Za-z]{3,}", " ".join(texts)))


def _visible_words(opened: Opened) -> str:
    return str(
        opened.page.evaluate(
            "() => document.body.innerText + '\\n' + Array.from("
            "document.querySelectorAll('[placeholder], [title], [aria-label]')).map(e => "
            "[e.getAttribute('placeholder'), e.getAttribute('title'), "
            "e.getAttribute('aria-label')].join(' ')).join('\\n')"
        )
    )


@pytest.mark.parametrize("name", ["ecosystem", "gaps", "brokers", "report"])
def test_zh_pages_show_no_english_ui_words(
    browser: Any, page_files: dict[tuple[str, str], Path], name: str
) -> None:
    """Chinese by default: the catalogue's Chinese words are shown, none of its English ones,
    also in the panes an actor and a link fill."""
    opened = _open(browser, page_files["seed", name])
    page = opened.page
    try:
        page.evaluate("() => window.ecox.search('瑞安农商银行')")
        actor_pane = _pane_text(opened)
        if page.evaluate("() => window.ecox.search('未具名')"):  # a tie to an unnamed side
            actor_pane += "\n" + _pane_text(opened)
        data = _page_data(page_files["seed", name])["network"]
        _click_edge(opened, data, [])
        text = _visible_words(opened) + "\n" + actor_pane
        for key in ("view.side.find", "view.side.types", "js.aliases", "js.scores"):
            assert message(key) in text, key
        if name == "report":
            assert message("report.section.brokers") in text
            assert message("col.broker_score") in text
        if name == "gaps":
            assert message("list.suggestions") in text and message("list.under") in text
        left = sorted(
            f
            for f in _english_fragments()
            if re.search(rf"(?<![A-Za-z-]){re.escape(f)}", text, re.IGNORECASE)
        )
        assert left == [], f"English UI words on the zh {name} page: {left}"
        names = _data_words(data) | {"Gould", "Fernandez"}  # the brokerage measure's authors
        commands = re.sub(r"--[a-z][a-z-]*", " ", text)  # CLI options stay as typed
        stray = sorted(set(re.findall(r"[A-Za-z]{3,}", commands)) - names)
        assert stray == [], (
            f"Latin words on the zh {name} page that no name or claim holds: {stray}"
        )
        assert opened.errors == []
    finally:
        page.close()


def test_en_page_speaks_english(
    tmp_path: Path, browser: Any, graphs: dict[str, ClaimGraph]
) -> None:
    path = tmp_path / "gaps-en.html"
    path.write_text(render(graphs["seed"], view="gaps", lang="en"), encoding="utf-8")
    opened = _open(browser, path)
    try:
        text = _visible_words(opened).lower()  # headings are shown in capitals
        for key in ("view.side.find", "list.suggestions", "view.key.suggested"):
            assert message(key, "en").lower() in text and message(key, "zh") not in text
        assert opened.errors == []
    finally:
        opened.page.close()


_TABLE_FITS_JS = """(selector) => {
  const wrap = document.querySelector(selector + " .table-wrap");
  const rows = Array.from(wrap.querySelectorAll("tbody tr"));
  const box = wrap.getBoundingClientRect();
  const shown = rows.filter(r => { const b = r.getBoundingClientRect();
    return b.height > 0 && b.top >= box.top - 1 && b.bottom <= box.bottom + 1; }).length;
  return {rows: rows.length, shown: shown, hidden: wrap.scrollHeight - wrap.clientHeight,
          head: getComputedStyle(wrap.querySelector("thead")).display};
}"""


def test_print_shows_every_brokers_row(
    browser: Any, page_files: dict[tuple[str, str], Path], graphs: dict[str, ClaimGraph]
) -> None:
    """On screen the brokers table scrolls inside its box; printed, every row is laid out
    (nothing clipped), headers repeat on each page, each section starts a page."""
    from ecox.queries.brokers import brokers

    expected = len(brokers(graphs["seed"], top=25))
    opened = _open(browser, page_files["seed", "report"])
    page = opened.page
    try:
        screen = page.evaluate(_TABLE_FITS_JS, "#brokers")
        assert screen["rows"] == expected and screen["shown"] < expected and screen["hidden"] > 0
        page.emulate_media(media="print")
        printed = page.evaluate(_TABLE_FITS_JS, "#brokers")
        assert printed == {"rows": expected, "shown": expected, "hidden": 0,
                           "head": "table-header-group"}  # fmt: skip
        breaks = page.evaluate(
            "() => Array.from(document.querySelectorAll('.report section:not(.cover)'))"
            ".map(s => getComputedStyle(s).breakBefore)"
        )
        assert breaks and set(breaks) == {"page"}
        cover = page.evaluate("() => document.querySelector('section.cover').innerText")
        assert message("report.card.actors") in cover and "20" in cover  # counts and the date
        assert opened.errors == []
    finally:
        page.close()


def test_report_pdf(tmp_path: Path, graphs: dict[str, ClaimGraph]) -> None:
    from ecox.store.files import to_json

    graph_path = tmp_path / "g.json"
    graph_path.write_text(to_json(graphs["venture"]), encoding="utf-8")
    pdf = tmp_path / "r.pdf"
    from ecox.cli import main

    assert main(["report", str(graph_path), "--pdf", str(pdf)]) == 0
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", content))
    assert pages >= 10  # the cover and one page or more per section


@pytest.mark.parametrize("name", ["ecosystem", "gaps", "brokers"])
def test_small_screen_labels_apart_and_network_wide(
    browser: Any, page_files: dict[tuple[str, str], Path], name: str
) -> None:
    """At 1024×768 the network takes ≥ 60 % of the width and no two drawn labels overlap;
    zoomed in, actors beyond the top ones get labels too, still apart; the pane folds away."""
    opened = _open(browser, page_files["seed", name], size=(1024, 768))
    page = opened.page
    try:
        width = page.evaluate("() => document.getElementById('ecox-network').clientWidth")
        assert width >= 0.6 * 1024
        boxes = page.evaluate(_LABEL_BOXES_JS)
        assert len(boxes) >= 8 and _overlaps(boxes) == []
        page.evaluate(
            "() => { window.ecox.network.moveTo({scale: 2.5}); window.ecox.declutter(); }"
        )
        zoomed = page.evaluate(_LABEL_BOXES_JS)
        assert any(not b["top"] for b in zoomed), "zoomed in, no label beyond the top actors"
        assert _overlaps(zoomed) == []
        page.click("#ecox-pane-toggle")
        time.sleep(0.2)
        wider = page.evaluate("() => document.getElementById('ecox-network').clientWidth")
        assert wider > width + 150
        page.mouse.move(2, 2)
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / f"seed-{name}-1024.png"))
        assert opened.errors == []
    finally:
        page.close()


def test_gap_list_row_focuses_the_network(
    browser: Any, page_files: dict[tuple[str, str], Path]
) -> None:
    path = page_files["seed", "gaps"]
    lists = {lst["id"]: lst for lst in _page_data(path)["network"]["lists"]}
    names = {n["id"]: n["ecoxName"] for n in _page_data(path)["network"]["nodes"]}
    opened = _open(browser, path)
    page = opened.page
    try:
        rows = "#ecox-list-under tbody tr"
        assert page.locator(rows).count() == len(lists["under"]["rows"])
        # sortable: by partners (a numeric column), both ways
        column = (
            f"() => Array.from(document.querySelectorAll('{rows}'))"
            ".map(r => +r.cells[2].dataset.sort)"
        )
        page.click("#ecox-list-under thead th:nth-child(3)")
        assert page.evaluate(column) == sorted(page.evaluate(column))
        page.click("#ecox-list-under thead th:nth-child(3)")
        assert page.evaluate(column) == sorted(page.evaluate(column), reverse=True)
        row = page.locator(rows).nth(1)
        focus = row.get_attribute("data-focus")
        row.click()
        assert page.evaluate("() => window.ecox.network.getSelectedNodes()") == [focus]
        assert page.evaluate(_TITLE_JS) == names[focus]
        deadline = time.monotonic() + 5
        while True:  # the network glides to the actor: wait until it is in the centre
            centre = page.evaluate(
                """(id) => { const net = window.ecox.network;
                  const p = net.canvasToDOM(net.getPositions([id])[id]);
                  const c = document.getElementById('ecox-network');
                  return [p.x / c.clientWidth, p.y / c.clientHeight]; }""",
                focus,
            )
            if all(abs(v - 0.5) < 0.02 for v in centre) or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert all(abs(v - 0.5) < 0.02 for v in centre), centre
        suggestion = lists["suggestions"]["rows"][0]
        page.locator("#ecox-list-suggestions tbody tr").first.click()
        edges = page.evaluate("() => window.ecox.network.getSelectedEdges()")
        assert len(edges) == 1
        edge = page.evaluate("(id) => window.ecox.edges.get(id)", edges[0])
        assert {edge["from"], edge["to"]} == set(suggestion["pair"]) and edge["ecoxSuggested"]
        assert opened.errors == []
    finally:
        page.close()
