"""Exploring in the page, in a real headless Chromium: search ranking (characters, pinyin,
initials), search over every actor of the graph (an undrawn one brought in with its shortest
path), expand, the time slider (ties and the evidence panes), the relation filter, 查关系,
and a big graph (the Crunchbase records) that stays within 5 MB and 2,000 drawn actors,
searches all 37,972 and shows readable, non-overlapping labels at full view.

Every expectation is computed independently in Python (networkx, the link table,
:func:`ecox.graph.lookup.ranked_matches`), not read back from the page's own data.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from ecox.graph.analysis import analysis_graph, claim_dates, date_key
from ecox.graph.claims import ClaimGraph
from ecox.graph.lookup import MATCH_STAGES, find_actor, ranked_matches
from ecox.loaders.load import load_inputs
from ecox.viz.explore import NEIGHBOURS_PER_ACTOR
from ecox.viz.network import ViewInput, actor_scores
from ecox.viz.subgraph import DRAWN_LIMIT
from ecox.viz.views import render
from tests.conftest import shared_path
from tests.test_views_browser import (  # noqa: F401  (browser: the Chromium fixture)
    RELATION_ZH,
    _open,
    browser,
    sync_api,
)

pytestmark = pytest.mark.browser

_LIST_JS = """() => Array.from(document.querySelectorAll('#ecox-find-list li'))
  .map(li => [li.getAttribute('data-id'), li.getAttribute('data-stage')])"""
_HIDDEN_PAIRS_JS = """() => window.ecox.edges.get({filter: e => e.hidden && !e.ecoxSuggested
  && !e.ecoxUnnamed}).map(e => [e.from, e.to].sort().join('|'))"""
_TITLE_JS = "() => document.querySelector('#ecox-pane-body .pane-title').textContent"


@pytest.fixture(scope="module")
def pages(seed_graph: ClaimGraph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("explore")
    focus = "瑞安农商银行"
    written = {}
    for name, html in (
        ("ecosystem", render(seed_graph, view="ecosystem")),
        ("ego", render(seed_graph, view="ego", focus=focus, hops=1)),
    ):
        written[name] = folder / f"{name}.html"
        written[name].write_text(html, encoding="utf-8")
    return written


@pytest.fixture()
def ecosystem(browser: Any, pages: dict[str, Path]) -> Iterator[Any]:  # noqa: F811
    opened = _open(browser, pages["ecosystem"])
    yield opened
    assert opened.errors == [] and opened.remote == []
    opened.page.close()


def _pairs(graph: ClaimGraph) -> dict[frozenset[str], list[tuple[str, str | None]]]:
    """Unordered actor pair → its links' (relation, first date key)."""
    links = analysis_graph(graph).links
    found: dict[frozenset[str], list[tuple[str, str | None]]] = {}
    for row in links.itertuples(index=False):
        if row.source != row.target:
            when = date_key(row.first_date) if isinstance(row.first_date, str) else None
            found.setdefault(frozenset((row.source, row.target)), []).append((row.type, when))
    return found


def _key(pair: frozenset[str]) -> str:
    return "|".join(sorted(pair))


def test_search_ranks_by_the_lookup_stages_then_broker_score(
    ecosystem: Any, seed_graph: ClaimGraph
) -> None:
    page = ecosystem.page
    actors = ViewInput.of(seed_graph).actors
    bank, fund = find_actor(actors, "瑞安农商银行"), find_actor(actors, "瑞安市产业基金")
    page.fill("#ecox-find", "瑞安")
    listed = page.evaluate(_LIST_JS)
    expected = ranked_matches(actors, "瑞安")
    # every match is listed, at the stage graph/lookup.py gives it
    assert sorted(listed) == sorted([a, MATCH_STAGES[s]] for a, s in expected)
    assert {s for _, s in expected} == {3}, "both names start with 瑞安: one stage"
    # within the stage the higher broker score comes first
    scores = actor_scores(analysis_graph(seed_graph))
    assert scores.at[bank, "betweenness"] > scores.at[fund, "betweenness"]
    order = [a for a, _ in listed]
    assert order[0] == bank and order.index(bank) < order.index(fund)
    ranked = sorted(order, key=lambda a: (-scores.at[a, "betweenness"], -scores.at[a, "degree"]))
    assert order == ranked
    # the arrow keys move through the list; Enter picks
    page.press("#ecox-find", "ArrowDown")
    page.press("#ecox-find", "Enter")
    assert page.evaluate("() => window.ecox.network.getSelectedNodes()") == [order[1]]
    # pinyin and initials, letters skipped
    for typed, stage in (("ruian", "pinyin"), ("RuiAn", "pinyin"), ("ranh", "initials-skip")):
        page.fill("#ecox-find", typed)
        listed = page.evaluate(_LIST_JS)
        assert listed[0] == [bank, stage], typed
    page.press("#ecox-find", "Enter")
    assert page.evaluate(_TITLE_JS) == "瑞安农商银行"
    assert page.evaluate("() => window.ecox.network.getSelectedNodes()") == [bank]
    page.fill("#ecox-find", "没有这个主体")
    assert page.evaluate(_LIST_JS) == []
    assert page.text_content("#ecox-find-msg") == "没有匹配的主体。"


def test_double_click_expands_the_neighbours(
    browser: Any,  # noqa: F811
    pages: dict[str, Path],
    seed_graph: ClaimGraph,
) -> None:
    undirected = analysis_graph(seed_graph).to_networkx(directed=False)
    centre = find_actor(ViewInput.of(seed_graph).actors, "瑞安农商银行")
    drawn = set(nx.ego_graph(undirected, centre, radius=1))
    outside = {a: set(undirected[a]) - drawn for a in sorted(drawn)}
    actor = max(outside, key=lambda a: len(outside[a]))
    assert 0 < len(outside[actor]) <= NEIGHBOURS_PER_ACTOR, "all of them are embedded"
    opened = _open(browser, pages["ego"])
    page = opened.page
    try:
        before = set(page.evaluate("() => window.ecox.nodes.getIds()"))
        for _attempt in range(3):  # on a loaded machine the layout may still be moving
            at = page.evaluate(
                """(id) => { const net = window.ecox.network;
                  const box = document.getElementById('ecox-network').getBoundingClientRect();
                  net.focus(id, {scale: 1.5, animation: false});
                  const p = net.canvasToDOM(net.getPositions([id])[id]);
                  return {x: box.left + p.x, y: box.top + p.y}; }""",
                actor,
            )
            page.mouse.dblclick(at["x"], at["y"])
            grown = "(n) => window.ecox.nodes.getIds().length > n"
            try:
                page.wait_for_function(grown, arg=len(before), timeout=3000)
                break
            except sync_api.TimeoutError:  # the click missed a node that moved: aim again
                continue
        after = set(page.evaluate("() => window.ecox.nodes.getIds()"))
        assert after - before == outside[actor]
        # each new actor comes with its ties to every actor on the page
        ties = page.evaluate(
            "() => window.ecox.edges.get({filter: e => e.ecoxExpanded})"
            ".map(e => [e.from, e.to].sort().join('|'))"
        )
        # the page embeds the links of drawn actors: a new actor's ties to them
        expected = {
            _key(frozenset((a, b))) for a in after - before for b in undirected[a] if b in drawn
        }
        assert set(ties) == expected
        assert opened.errors == []
    finally:
        page.close()


_NEW_ACTORS_JS = """(before) => window.ecox.nodes.get({filter: n => !before.includes(n.id)})
  .map(n => n.ecoxName)"""


def _distances(graph: nx.Graph, sources: list[str]) -> dict[str, int]:
    """Each actor's number of ties to the nearest of ``sources`` (networkx, breadth-first)."""
    return dict(nx.multi_source_dijkstra_path_length(graph, set(sources), weight=None))


def _pick(page: Any, typed: str, wanted: str) -> dict[str, Any]:
    """Type ``typed`` in the search box, click the listed actor named ``wanted``."""
    page.fill("#ecox-find", typed)
    items = page.evaluate(
        """() => Array.from(document.querySelectorAll('#ecox-find-list li')).map(li => ({
          name: li.querySelector('.find-name').textContent, id: li.getAttribute('data-id'),
          note: li.querySelector('.find-stage').textContent}))"""
    )
    chosen = next(i for i, item in enumerate(items) if item["name"] == wanted)
    page.click(f"#ecox-find-list li:nth-child({chosen + 1})")
    return dict(items[chosen])


def test_search_finds_and_brings_in_actors_not_drawn(
    browser: Any,  # noqa: F811
    pages: dict[str, Path],
    seed_graph: ClaimGraph,
) -> None:
    """The ego page draws 瑞安农商银行's neighbours only; searching any other actor of the graph
    lists it as not drawn, and a click adds it with a shortest path to the drawn part."""
    ag = analysis_graph(seed_graph)
    undirected = ag.to_networkx(directed=False)
    undirected.remove_edges_from(list(nx.selfloop_edges(undirected)))
    centre = find_actor(ViewInput.of(seed_graph).actors, "瑞安农商银行")
    drawn = sorted(nx.ego_graph(undirected, centre, radius=1))
    distance = _distances(undirected, drawn)
    far = max(sorted(distance), key=distance.__getitem__)
    assert distance[far] >= 2, "beyond the embedded neighbours"
    opened = _open(browser, pages["ego"])
    page = opened.page
    try:
        before = page.evaluate("() => window.ecox.nodes.getIds()")
        assert far not in before
        item = _pick(page, ag.name_of(far), ag.name_of(far))
        assert "未显示" in item["note"] and item["id"].startswith("@")  # in the index only
        added = page.evaluate(_NEW_ACTORS_JS, before)
        assert ag.name_of(far) in added
        assert len(added) == distance[far], "the actor and the actors between it and the page"
        chain = [a for a in undirected if ag.name_of(a) in added]
        assert {distance[a] for a in chain} == set(range(1, distance[far] + 1))
        # the new ties are ties of the graph, joining the chain to a drawn actor
        ties = page.evaluate(
            """() => window.ecox.edges.get({filter: e => e.ecoxExpanded}).map(e =>
              [window.ecox.nodes.get(e.from).ecoxName, window.ecox.nodes.get(e.to).ecoxName])"""
        )
        ids = {ag.name_of(a): a for a in undirected}
        assert len(ties) == distance[far]
        assert all(undirected.has_edge(ids[a], ids[b]) for a, b in ties)
        assert page.evaluate(_TITLE_JS) == ag.name_of(far)
        assert page.evaluate("() => window.ecox.network.getSelectedNodes()") == [item["id"]]
        # a neighbour of a drawn actor (embedded with its links) comes in with its real id
        near = next(a for a in sorted(distance) if distance[a] == 1 and ag.name_of(a) not in added)
        item = _pick(page, ag.name_of(near), ag.name_of(near))
        assert item["id"] == near and "未显示" in item["note"]
        assert page.evaluate("() => window.ecox.network.getSelectedNodes()") == [near]
        assert opened.errors == []
    finally:
        page.close()


def _drawn_pairs(graph: ClaimGraph, as_of: str | None = None) -> set[str]:
    links = analysis_graph(graph, as_of=as_of).links
    return {_key(frozenset((s, t))) for s, t in zip(links["source"], links["target"], strict=True)
            if s != t}  # fmt: skip


def _slide(page: Any, value: int) -> None:
    page.evaluate(
        """(v) => { const s = document.getElementById('ecox-time'); s.value = String(v);
          s.dispatchEvent(new Event('input')); }""",
        value,
    )


def test_time_slider_hides_what_as_of_hides(ecosystem: Any, seed_graph: ClaimGraph) -> None:
    page = ecosystem.page
    # the slider's stops: dates some claim counts from (claim_dates), in order
    dates = page.evaluate("() => window.ecox.data.network.explore.dates")
    assert dates == sorted(set(dates)) and len(dates) > 4
    assert set(dates) <= set(claim_dates(seed_graph.claims).dropna())
    assert page.evaluate("() => document.getElementById('ecox-time').max") == str(len(dates))
    everything = _drawn_pairs(seed_graph)
    checked = 0
    for step in (0, len(dates) // 3, len(dates) // 2, len(dates) - 2):
        _slide(page, step)
        # hidden: the ties `ecox render --as-of DATE` would not draw
        later = everything - _drawn_pairs(seed_graph, as_of=dates[step])
        assert set(page.evaluate(_HIDDEN_PAIRS_JS)) == later, dates[step]
        assert dates[step] in page.text_content("#ecox-time-label")
        checked += bool(later)
    assert checked >= 2, "the slider hid something at several dates"
    _slide(page, len(dates))
    assert page.evaluate(_HIDDEN_PAIRS_JS) == []


#: The ties on the page (all, or the hidden ones) as name pairs: an actor brought in from the
#: search index only has no id of the graph on the page ("@" and its search position).
_NAMED_PAIRS_JS = """(hiddenOnly) => { const name = id => window.ecox.nodes.get(id).ecoxName;
  return window.ecox.edges.get({filter: e => !e.ecoxSuggested && !e.ecoxUnnamed
    && (!hiddenOnly || e.hidden)}).map(e => [name(e.from), name(e.to)].sort().join('|')); }"""


def test_time_slider_hides_ties_brought_in_from_the_search_index(
    browser: Any,  # noqa: F811
    pages: dict[str, Path],
    seed_graph: ClaimGraph,
) -> None:
    """Actors found in the search index only come in with the ties of their shortest paths;
    those ties carry their claim dates: the slider hides them when ``--as-of`` would."""
    ag = analysis_graph(seed_graph)
    undirected = ag.to_networkx(directed=False)
    undirected.remove_edges_from(list(nx.selfloop_edges(undirected)))
    centre = find_actor(ViewInput.of(seed_graph).actors, "瑞安农商银行")
    distance = _distances(undirected, sorted(nx.ego_graph(undirected, centre, radius=1)))
    assert len(set(ag.name_of(a) for a in undirected)) == len(undirected), "names are keys"

    def named(pairs: set[str]) -> set[str]:
        return {"|".join(sorted(ag.name_of(a) for a in p.split("|"))) for p in pairs}

    opened = _open(browser, pages["ego"])
    page = opened.page
    try:
        before = set(page.evaluate(_NAMED_PAIRS_JS, False))
        for far in sorted(a for a in distance if distance[a] >= 2):
            if ag.name_of(far) not in page.evaluate(_NEW_ACTORS_JS, []):
                item = _pick(page, ag.name_of(far), ag.name_of(far))
                assert item["id"].startswith("@"), "in the index only"
        on_page = set(page.evaluate(_NAMED_PAIRS_JS, False))
        brought = on_page - before
        assert len(brought) >= 3
        dates = page.evaluate("() => window.ecox.data.network.explore.dates")
        hid_brought = 0
        for step in range(len(dates)):
            _slide(page, step)
            hidden = set(page.evaluate(_NAMED_PAIRS_JS, True))
            assert hidden == on_page - named(_drawn_pairs(seed_graph, dates[step])), dates[step]
            hid_brought += len(hidden & brought)
        assert hid_brought, "the slider hid some tie brought in from the index"
        _slide(page, len(dates))
        assert page.evaluate(_NAMED_PAIRS_JS, True) == []
        assert opened.errors == []
    finally:
        page.close()


def test_relation_filter_hides_a_type(ecosystem: Any, seed_graph: ClaimGraph) -> None:
    page = ecosystem.page
    pairs = _pairs(seed_graph)
    only_investments = {
        _key(p) for p, links in pairs.items() if {r for r, _ in links} == {"INVESTED_IN"}
    }
    assert only_investments and len(only_investments) < len(pairs)
    page.click("input[data-relation='INVESTED_IN']")
    assert set(page.evaluate(_HIDDEN_PAIRS_JS)) == only_investments
    page.click("input[data-relation='INVESTED_IN']")
    assert page.evaluate(_HIDDEN_PAIRS_JS) == []


def _unique_path(graph: nx.Graph) -> list[str]:
    """The first pair (by id) at distance 3 or more joined by exactly one shortest path."""
    for source in sorted(graph):
        lengths = nx.single_source_shortest_path_length(graph, source)
        for target in sorted(t for t, d in lengths.items() if d >= 3):
            paths = list(nx.all_shortest_paths(graph, source, target))
            if len(paths) == 1:
                return paths[0]
    raise AssertionError("no pair with a unique shortest path")


def test_path_highlight_marks_the_shortest_chain(ecosystem: Any, seed_graph: ClaimGraph) -> None:
    page = ecosystem.page
    ag = analysis_graph(seed_graph)
    undirected = ag.to_networkx(directed=False)
    undirected.remove_edges_from(list(nx.selfloop_edges(undirected)))
    chain = _unique_path(undirected)
    page.fill("#ecox-path-from", chain[0])  # ids are found as ids
    page.fill("#ecox-path-to", ag.name_of(chain[-1]))
    page.click("#ecox-path-go")
    marked = page.evaluate(
        "() => window.ecox.edges.get({filter: e => e.ecoxOnPath})"
        ".map(e => [e.from, e.to].sort().join('|'))"
    )
    expected = {_key(frozenset(p)) for p in itertools.pairwise(chain)}
    assert set(marked) == expected
    assert page.evaluate("() => window.ecox.path.actors") == chain
    assert f"经 {len(chain) - 1} 条关系相连" in page.text_content("#ecox-path-msg")


@pytest.fixture(scope="module")
def crunchbase(tmp_path_factory: pytest.TempPathFactory) -> tuple[ClaimGraph, Path]:
    """The Crunchbase 2013 records and their brokers page (2,000 of 3,390 actors drawn)."""
    records = shared_path("data", "crunchbase2013_investments.csv")
    graph = load_inputs([records], skip_invalid=True).graph
    path = tmp_path_factory.mktemp("crunchbase") / "brokers.html"
    path.write_text(render(graph, view="brokers"), encoding="utf-8")
    return graph, path


def _network_data(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    found = re.search(r'id="ecox-data">(.*?)</script>', text, re.S)
    assert found
    network: dict[str, Any] = json.loads(found.group(1))["network"]
    return network


@pytest.mark.slow
def test_crunchbase_brokers_page_stays_readable(
    browser: Any,  # noqa: F811
    crunchbase: tuple[ClaimGraph, Path],
) -> None:
    graph, path = crunchbase
    size = path.stat().st_size
    assert size <= 5_000_000, f"{size:,} bytes"
    text = path.read_text(encoding="utf-8")
    drawn = [n["id"] for n in _network_data(path)["nodes"] if not n.get("ecoxUnnamed")]
    assert len(drawn) == DRAWN_LIMIT
    # the notice's counts add up: drawn = kept + joining actors, wanted = kept + hidden
    found = re.search(
        r"显示 ([\d,]+) 个主体：([\d,]+) 个中最重要的 ([\d,]+) 个，及连接它们的另外 ([\d,]+) 个；"
        r"其余 ([\d,]+) 个已隐藏",
        text,
    )
    assert found, "the page says what it hid"
    shown, wanted, kept, joined, hidden = (int(g.replace(",", "")) for g in found.groups())
    assert shown == kept + joined == DRAWN_LIMIT and wanted == kept + hidden
    undirected = analysis_graph(graph).to_networkx(directed=False)
    assert nx.is_connected(undirected.subgraph(drawn))
    opened = _open(browser, path, timeout=120)
    try:
        shown = opened.page.evaluate(
            "() => window.ecox.nodes.get({filter: n => !n.ecoxUnnamed}).length"
        )
        assert shown == len(drawn) <= 2000
        opened.page.fill("#ecox-find", "no such actor zzqx")
        assert opened.page.text_content("#ecox-find-msg") == "没有匹配的主体。"
        assert opened.errors == [] and opened.remote == []
    finally:
        opened.page.close()


@pytest.mark.slow
def test_crunchbase_search_covers_every_actor(
    browser: Any,  # noqa: F811
    crunchbase: tuple[ClaimGraph, Path],
) -> None:
    """All 37,972 actors are searchable on a page drawing 2,000: one far from the drawn part
    comes in with a shortest path to it; one in a part of the graph the page does not reach
    is marked so, and the page names the command that draws it."""
    graph, path = crunchbase
    network = _network_data(path)
    drawn = [n["id"] for n in network["nodes"] if not n.get("ecoxUnnamed")]
    embedded = set(drawn) | set(network["explore"]["extra"])
    ag = analysis_graph(graph)
    undirected = ag.to_networkx(directed=False)
    undirected.remove_edges_from(list(nx.selfloop_edges(undirected)))
    distance = _distances(undirected, drawn)
    names = dict(zip(ag.actors["id"], ag.actors["name"], strict=True))
    far = next(a for a in sorted(distance, key=lambda a: (-distance[a], a)) if a not in embedded)
    apart = sorted(a for a in names if a not in distance)
    assert distance[far] >= 3 and apart, "the graph has far and unreachable actors"
    opened = _open(browser, path, timeout=120)
    page = opened.page
    try:
        entries = page.evaluate("() => window.ecox.data.network.explore.search.names.split('\\n')")
        assert sorted(entries) == sorted(names.values())  # every actor, once
        before = page.evaluate("() => window.ecox.nodes.getIds()")
        item = _pick(page, names[far], names[far])
        assert item["note"] == "全名 · 未显示（点击加入）"
        added = page.evaluate(_NEW_ACTORS_JS, before)
        assert names[far] in added and len(added) == distance[far]
        assert page.evaluate(_TITLE_JS) == names[far]
        lonely = apart[0]
        item = _pick(page, names[lonely], names[lonely])
        assert item["note"].endswith("未显示，与本页主体不相连")
        message = page.text_content("#ecox-find-msg")
        assert "--focus" in message and names[lonely] in message
        assert not page.evaluate("(n) => window.ecox.nodes.get({filter: x => x.ecoxName === n})"
                                 ".length", names[lonely])  # fmt: skip
        assert opened.errors == [] and opened.remote == []
    finally:
        page.close()


_PANE_JS = """(labels) => { const body = document.getElementById('ecox-pane-body');
  const field = label => Array.from(body.querySelectorAll('.field'))
    .filter(f => f.querySelector('.field-label').textContent === label)
    .map(f => f.querySelector('.field-value').textContent)[0];
  const edges = Array.from(body.querySelectorAll('li[data-edge]'))
    .map(li => window.ecox.edges.get(li.getAttribute('data-edge')));
  return {heading: Array.from(body.querySelectorAll('h4')).map(h => h.textContent),
          claims: body.querySelectorAll('.claim').length, links: edges.length,
          named: edges.filter(e => !e.ecoxUnnamed).map(e => [e.from, e.to].sort().join('|')),
          relations: field(labels[0]), sources: field(labels[1])}; }"""
_SHOW_JS = """(what) => { const net = window.ecox.network;
  if (what.edge) { const e = window.ecox.edges.get({filter: x => !x.ecoxSuggested &&
      !x.ecoxUnnamed && [x.from, x.to].sort().join('|') === what.edge})[0];
    net.emit('click', {nodes: [], edges: [e.id]}); }
  else { net.emit('click', {nodes: [what.actor], edges: []}); } }"""


def test_time_slider_filters_the_evidence_panes(ecosystem: Any, seed_graph: ClaimGraph) -> None:
    """Claims first reported after the slider's date leave the link and actor panes (their
    counts, relations and independent sources as ``analysis_graph(as_of=…)`` gives them) and
    come back when the slider moves back."""
    from ecox.viz.messages import message

    page = ecosystem.page
    dates = page.evaluate("() => window.ecox.data.network.explore.dates")
    claims = seed_graph.claims.assign(known=claim_dates(seed_graph.claims))
    claims = claims[claims["source"] != claims["target"]]
    claims = claims.assign(
        pair=[_key(frozenset(p)) for p in zip(claims["source"], claims["target"], strict=True)]
    )
    spread = claims.dropna(subset=["known"]).groupby("pair")["known"].nunique()
    pair = str(spread.idxmax())  # the pair whose claims span the most dates
    known = sorted(claims.loc[claims["pair"] == pair, "known"].dropna().unique())
    assert len(known) >= 2 and set(known) <= set(dates)
    labels = (message("js.relations"), message("js.sources"))
    shown_at: dict[str, int] = {}
    for day in (known[0], known[-1]):
        _slide(page, dates.index(day))
        page.evaluate(_SHOW_JS, {"edge": pair})
        pane = page.evaluate(_PANE_JS, labels)
        mine = claims[
            (claims["pair"] == pair) & (claims["known"].isna() | (claims["known"] <= day))
        ]
        links = analysis_graph(seed_graph, as_of=day).links
        links = links[[_key(frozenset(p)) == pair for p in zip(links["source"], links["target"],
                                                                strict=True)]]  # fmt: skip
        assert pane["claims"] == len(mine), day
        assert message("js.evidence", count=len(mine)) in pane["heading"]
        assert pane["sources"] == str(int(links["weight"].sum())), day
        relations = sorted(set(links["type"]))
        assert pane["relations"] == "、".join(RELATION_ZH[r] for r in relations), day
        shown_at[day] = len(mine)
    assert shown_at[known[0]] < shown_at[known[-1]], "the earlier date lists fewer claims"
    # the open pane follows the slider, back and forth
    _slide(page, dates.index(known[0]))
    assert page.evaluate(_PANE_JS, labels)["claims"] == shown_at[known[0]]
    _slide(page, len(dates))
    assert page.evaluate(_PANE_JS, labels)["claims"] == int((claims["pair"] == pair).sum())
    # the actor pane lists only the ties known by the slider's date, and its count agrees
    step = len(dates) // 3
    earlier = _drawn_pairs(seed_graph, as_of=dates[step])
    everything = _drawn_pairs(seed_graph)

    def ties(actor: str, pairs: set[str]) -> set[str]:
        return {p for p in pairs if actor in p.split("|")}

    actor = max(sorted({a for p in earlier for a in p.split("|")}),
                key=lambda a: len(ties(a, everything)) - len(ties(a, earlier)))  # fmt: skip
    assert 0 < len(ties(actor, earlier)) < len(ties(actor, everything))
    for at, expected in ((step, ties(actor, earlier)), (len(dates), ties(actor, everything))):
        _slide(page, at)
        page.evaluate(_SHOW_JS, {"actor": actor})
        pane = page.evaluate(_PANE_JS, labels)
        assert sorted(pane["named"]) == sorted(expected), at
        assert message("js.links_shown", count=pane["links"]) in pane["heading"]


#: The labels the network draws now: canvas boxes and on-screen font size (CSS px).
_SCREEN_LABELS_JS = """() => { const net = window.ecox.network; net.redraw();
  const scale = net.getScale(), out = [];
  window.ecox.nodes.getIds().forEach(id => { const n = net.body.nodes[id];
    if (n && n.options.label && n.labelModule.visible()) {
      const s = n.labelModule.size, cap = n.labelModule.elementOptions.scaling.label.maxVisible;
      out.push({id: id, px: Math.min(n.labelModule.fontOptions.size * scale, cap || Infinity),
                l: s.left, t: s.top, r: s.left + s.width, b: s.top + s.height}); } });
  return out; }"""


@pytest.mark.slow
@pytest.mark.parametrize("size", [(1024, 768), (1500, 900)])
def test_crunchbase_labels_readable_at_full_view(
    browser: Any,  # noqa: F811
    crunchbase: tuple[ClaimGraph, Path],
    size: tuple[int, int],
) -> None:
    """Fit to the screen, 2,000 actors: the labels drawn are ≥ 11 px on screen, no two
    overlap, at least 10 are shown and they are the most important ones that fit; zoomed
    in, more are shown, still apart and readable."""
    from tests.test_views_browser import ARTEFACTS, _overlaps

    _, path = crunchbase
    opened = _open(browser, path, timeout=120, size=size)
    page = opened.page
    try:
        page.evaluate(
            "() => { window.ecox.network.fit({animation: false}); window.ecox.declutter(); }"
        )
        full = page.evaluate(_SCREEN_LABELS_JS)
        assert len(full) >= 10
        assert min(b["px"] for b in full) >= 11
        assert _overlaps(full) == []
        ranks = dict(page.evaluate("() => window.ecox.nodes.get().map(n => [n.id, n.ecoxRank])"))
        assert min(ranks[b["id"]] for b in full) == 0, "the most important actor is labelled"
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / f"crunchbase-brokers-{size[0]}.png"))
        page.evaluate(
            "() => { const net = window.ecox.network;"
            " net.moveTo({scale: net.getScale() * 4, animation: false}); window.ecox.declutter(); }"
        )
        zoomed = page.evaluate(_SCREEN_LABELS_JS)
        assert len(zoomed) > len(full)
        assert min(b["px"] for b in zoomed) >= 11 and _overlaps(zoomed) == []
        assert opened.errors == []
    finally:
        page.close()


def test_search_speaks_english_with_lang_en(
    browser: Any,  # noqa: F811
    seed_graph: ClaimGraph,
    tmp_path: Path,
) -> None:
    ag = analysis_graph(seed_graph)
    undirected = ag.to_networkx(directed=False)
    centre = find_actor(ViewInput.of(seed_graph).actors, "瑞安农商银行")
    distance = _distances(undirected, list(nx.ego_graph(undirected, centre, radius=1)))
    far = max(sorted(distance), key=distance.__getitem__)
    path = tmp_path / "ego-en.html"
    path.write_text(render(seed_graph, view="ego", focus=centre, lang="en"), encoding="utf-8")
    opened = _open(browser, path)
    try:
        opened.page.fill("#ecox-find", ag.name_of(far))
        note = opened.page.text_content("#ecox-find-list li .find-stage")
        assert note == "name · not drawn (click to add)"
        assert opened.errors == []
    finally:
        opened.page.close()
