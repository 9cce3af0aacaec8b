"""Views without a browser: escaping, no remote URL, input unchanged, counts, CLI.

The browser proves the pages work (tests/test_views_browser.py); these tests
pin what can be checked on the HTML text and the Python side.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from pyvis.network import Network

import ecox
from ecox.cli import main
from ecox.graph.analysis import analysis_graph
from ecox.graph.claims import ClaimGraph
from ecox.graph.errors import UnknownActorError
from ecox.graph.unnamed import reported_ties
from ecox.store.files import to_json
from ecox.viz.charts import column_chart, hbar_chart
from ecox.viz.labels import overlapping
from ecox.viz.network import (
    LARGE_GRAPH,
    TOP_LABELS,
    ViewInput,
    _label_boxes,
    actor_scores,
    layout_positions,
    styled_network,
)
from ecox.viz.page import page, remote_urls, script_json
from ecox.viz.report import report
from ecox.viz.views import (
    NOT_AVAILABLE,
    VIEWS,
    ecosystem_view,
    ego_view,
    find_actor,
    render,
    triads_view,
)
from tests.views_data import (
    ALIAS_PAYLOAD,
    EVIDENCE_PAYLOAD,
    IMG_PAYLOAD,
    SCRIPT_PAYLOAD,
    page_claims,
    venture_graph,
)

PAYLOADS = (IMG_PAYLOAD, SCRIPT_PAYLOAD, ALIAS_PAYLOAD, EVIDENCE_PAYLOAD)


def _data(html: str) -> dict:
    """The JSON block a page script reads."""
    found = re.search(r'<script type="application/json" id="ecox-data">(.*?)</script>', html, re.S)
    assert found
    return json.loads(found.group(1))


def _pages(graph: ClaimGraph) -> dict[str, str]:
    pages = {view: render(graph, view=view) for view in VIEWS}
    pages["report"] = report(graph)
    return pages


@pytest.fixture(scope="module")
def venture_pages() -> dict[str, str]:
    return _pages(venture_graph())


# ---------------------------------------------------------------- escaping


def test_script_json_escapes_everything_that_could_end_a_script() -> None:
    text = script_json({"a": SCRIPT_PAYLOAD, "b": "x & y <!-- \u2028\u2029"})
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == {"a": SCRIPT_PAYLOAD, "b": "x & y <!-- \u2028\u2029"}


def test_script_json_refuses_nan() -> None:
    with pytest.raises(ValueError):
        script_json({"x": float("nan")})


@pytest.mark.parametrize("name", [*VIEWS, "report"])
def test_payloads_never_appear_raw(venture_pages: dict[str, str], name: str) -> None:
    html = venture_pages[name]
    for payload in PAYLOADS:
        assert payload not in html, f"{name}: raw {payload!r}"
    # the page holds one script end tag per script element, no more
    assert html.count("</script>") == html.count("<script")


@pytest.mark.parametrize("name", [*VIEWS, "report"])
def test_payloads_survive_as_data(venture_pages: dict[str, str], name: str) -> None:
    """The names reach the page script intact (it writes them with textContent)."""
    data = _data(venture_pages[name])
    names = {n["ecoxName"] for n in data["network"]["nodes"]}
    if name in ("ecosystem", "report"):
        assert {IMG_PAYLOAD, SCRIPT_PAYLOAD} <= names
        evidence = {c.get("evidence") for c in page_claims(data["network"])}
        assert EVIDENCE_PAYLOAD in evidence
        aliases = {a for n in data["network"]["nodes"] for a in n["ecoxAliases"]}
        assert ALIAS_PAYLOAD in aliases


def test_report_tables_escape_names(venture_pages: dict[str, str]) -> None:
    html = venture_pages["report"]
    tables = html[: html.index('<script type="application/json"')]
    assert "&lt;img src=x onerror=alert(1)&gt;" in tables  # the brokers table lists it
    assert "<img" not in tables


def test_charts_escape_labels() -> None:
    assert "<img" not in hbar_chart([(IMG_PAYLOAD, 2, "#000000")])
    assert "&lt;/script&gt;" in column_chart([(SCRIPT_PAYLOAD, 1)])


# ------------------------------------------------------------ offline


def test_remote_url_check_finds_what_pyvis_in_line_emits() -> None:
    net = Network(cdn_resources="in_line", notebook=False)
    net.add_node(1, label="a")
    found = remote_urls(net.generate_html())
    assert any("bootstrap" in url for url in found)
    assert remote_urls("<link rel=stylesheet href=//cdn.example/x.css>") == ["//cdn.example/x.css"]
    assert remote_urls("<style>a{background:url( 'http://x.example/i.png')}</style>") == [
        "http://x.example/i.png"
    ]
    assert remote_urls('<a href="#n">x</a><img src="data:image/png;base64,AA">') == []


@pytest.mark.parametrize("name", [*VIEWS, "report"])
def test_pages_reference_no_other_host(venture_pages: dict[str, str], name: str) -> None:
    html = venture_pages[name]
    assert remote_urls(html) == []
    assert "<link" not in html and "@font-face" not in html
    assert "default-src 'none'" in html  # the browser refuses remote loads too


def test_seed_pages_reference_no_other_host(seed_graph: ClaimGraph) -> None:
    for name, html in _pages(seed_graph).items():
        assert remote_urls(html) == [], name


# ------------------------------------------------------------ input unchanged


def test_claim_graph_not_mutated(seed_graph: ClaimGraph) -> None:
    before = ClaimGraph(seed_graph.actors.copy(deep=True), seed_graph.claims.copy(deep=True))
    _pages(seed_graph)
    render(seed_graph, view="ego", focus="瑞安农商银行", hops=2, top=10, size_by="brokerage")
    assert seed_graph == before
    pd.testing.assert_frame_equal(seed_graph.claims, before.claims)


def test_networkx_input_not_mutated() -> None:
    g = analysis_graph(venture_graph()).to_networkx()
    before_nodes = copy.deepcopy(dict(g.nodes(data=True)))
    before_edges = copy.deepcopy(list(g.edges(data=True)))
    html = render(g, view="ecosystem")
    assert dict(g.nodes(data=True)) == before_nodes
    assert list(g.edges(data=True)) == before_edges
    assert len(_data(html)["network"]["nodes"]) == 14


# ------------------------------------------------------------ what is drawn


def test_ecosystem_counts_on_seed(seed_graph: ClaimGraph) -> None:
    view = ecosystem_view(seed_graph)
    ag = analysis_graph(seed_graph)
    pairs = {frozenset(p) for p in zip(ag.links["source"], ag.links["target"], strict=True)}
    assert view.node_count == 101
    # one grey group node and edge per reported tie to an unnamed counterpart
    assert view.unnamed_count == len(reported_ties(seed_graph)) > 0
    assert view.edge_count == len({p for p in pairs if len(p) == 2}) + view.unnamed_count
    # every claim is listed under exactly one edge
    assert sum(len(e["ecoxClaims"]) for e in view.network.edges) == len(seed_graph.claims)


def test_edges_carry_their_claims() -> None:
    view = ecosystem_view(venture_graph())
    by_pair = {
        frozenset((e["from"], e["to"])): [view.claims[i] for i in e["ecoxClaims"]]
        for e in view.network.edges
    }
    g = venture_graph()
    ids = dict(zip(g.actors["name"], g.actors["id"], strict=True))
    sequoia = by_pair[frozenset((ids["红杉中国"], ids["星云光电科技有限公司"]))]
    # reported twice by two documents: two claims, oldest first
    assert [c["evidence"] for c in sequoia] == ["红杉中国领投星云光电A轮", "红杉中国继续加注"]
    assert sequoia[0]["amount"] == 50_000_000 and sequoia[0]["currency"] == "CNY"
    loan = by_pair[frozenset((ids["招商银行杭州分行"], ids[IMG_PAYLOAD]))]
    assert loan[0]["relation"] == "LENT_TO" and loan[0]["document"] == "doc-xss"


def test_node_style_comes_from_schema() -> None:
    from ecox.graph.schema import SCHEMA

    view = ecosystem_view(venture_graph())
    for node in view.network.nodes:
        spec = SCHEMA.nodes[node["ecoxTypes"][0]]
        assert node["color"]["background"] == spec.colour
        assert node["shape"] == spec.shape
    chen = next(n for n in view.network.nodes if n["ecoxName"] == "陈华")
    assert chen["color"]["border"] == SCHEMA.nodes["Entrepreneur"].colour  # second type


def test_size_by_changes_values() -> None:
    g = venture_graph()
    by_degree = {n["id"]: n["value"] for n in ecosystem_view(g).network.nodes}
    by_betweenness = {
        n["id"]: n["value"] for n in ecosystem_view(g, size_by="betweenness").network.nodes
    }
    assert by_degree != by_betweenness
    with pytest.raises(ValueError, match="size"):
        ecosystem_view(g, size_by="charisma")


def test_top_keeps_the_most_important_connected(seed_graph: ClaimGraph) -> None:
    view = ecosystem_view(seed_graph, top=10)
    assert view.node_count == 10
    drawn = [n["id"] for n in view.network.nodes if not n.get("ecoxUnnamed")]
    undirected = analysis_graph(seed_graph).to_networkx(directed=False)
    assert nx.is_connected(undirected.subgraph(drawn))
    # the most important actor is the root (drawn first); the others join it by shortest
    # paths: each is as far from the root in the drawing as in the whole graph
    top = view.scores.sort_values("degree", ascending=False).index[0]
    assert drawn[0] == top
    whole = nx.single_source_shortest_path_length(undirected, top)
    part = nx.single_source_shortest_path_length(undirected.subgraph(drawn), top)
    assert part == {a: whole[a] for a in drawn}
    assert view.notices and "10 / " in view.notices[0]


def test_ego_matches_networkx(seed_graph: ClaimGraph) -> None:
    ag = analysis_graph(seed_graph)
    g = ag.to_networkx(directed=False)
    focus = find_actor(ViewInput.of(seed_graph), "瑞安农商银行")
    for hops in (1, 2):
        view = ego_view(seed_graph, "瑞安农商银行", hops=hops)
        expected = nx.ego_graph(g, focus, radius=hops)
        drawn = {n["id"] for n in view.network.nodes if not n.get("ecoxUnnamed")}
        assert drawn == set(expected.nodes)
        assert view.edge_count == expected.number_of_edges() + view.unnamed_count
        assert [n["ecoxRole"] for n in view.network.nodes if n["id"] == focus] == ["focus"]


def test_find_actor_by_alias_and_errors() -> None:
    view = ViewInput.of(venture_graph())
    assert view.analysis.name_of(find_actor(view, "浙大")) == "浙江大学"
    assert view.analysis.name_of(find_actor(view, "星云光电")) == "星云光电科技有限公司"
    with pytest.raises(UnknownActorError, match="no actor"):
        find_actor(view, "不存在")
    with pytest.raises(UnknownActorError, match="matches 3 actors"):
        find_actor(view, "杭州")


def test_precomputed_layout_is_final_and_keeps_top_labels_apart() -> None:
    """No physics at any size; the top actors' label boxes, as drawn at zoom 1, do not
    overlap after the label-aware spacing, though they do in the force layout alone."""
    n = LARGE_GRAPH + 10
    actors: list[tuple[str, list[str], list[str]]] = [("银行", ["Bank"], [])]
    actors += [(f"企业{i}", ["Enterprise"], []) for i in range(n)]
    claims = [{"source": "银行", "target": f"企业{i}", "type": "LENT_TO"} for i in range(n)]
    net, _ = styled_network(ViewInput.of(ClaimGraph.build(actors, claims)))
    assert net.options["physics"]["enabled"] is False
    assert all("x" in node and "y" in node for node in net.nodes)
    view = ViewInput.of(ecox.seed())
    seed_net, _ = styled_network(view)
    assert seed_net.options["physics"]["enabled"] is False
    top = {node["id"] for node in seed_net.nodes if node.get("ecoxTop")}
    assert len(top) >= TOP_LABELS
    scores = actor_scores(view.analysis)
    values = scores["degree"].to_dict()
    table = view.actors.set_index(view.actors["id"].astype(str))
    names = dict(zip(table.index, table["name"].astype(str), strict=True))
    boxes = _label_boxes(table, names, values, top)
    spaced = {node["id"]: (node["x"], node["y"]) for node in seed_net.nodes if node["id"] in top}
    assert overlapping(spaced, boxes) == []
    links = view.analysis.links
    raw = layout_positions(list(table.index), zip(links["source"], links["target"], strict=True))
    assert overlapping({a: raw[a] for a in top}, boxes) != []


def test_as_of_hides_later_claims() -> None:
    g = venture_graph()
    late = ecosystem_view(g, as_of="2025-12")
    early = ecosystem_view(g, as_of="2024-12")
    # undated claims count from their publication (2025-11-20): at the end of 2024
    # only the two foundings (2021-03, 2023-09) and the first round (2024-06) are known
    assert (late.edge_count, len(late.claims)) == (16, 17)
    assert (early.edge_count, len(early.claims)) == (3, 3)
    assert {c["date"] for c in early.claims} == {"2021-03", "2023-09", "2024-06"}


def test_triads_view_marks_triads_and_the_candidate() -> None:
    pytest.importorskip("ecox.queries.triads")
    pytest.importorskip("ecox.queries.gaps")
    g = venture_graph()
    view = triads_view(g)
    ids = dict(zip(g.actors["name"], g.actors["id"], strict=True))
    thick = {frozenset((e["from"], e["to"])) for e in view.network.edges if e.get("ecoxEmphasis")}
    # 星云光电: 李明, 张伟, 红杉中国, 杭州科创基金; the payload venture: 陈华, its leader, the bank
    for venture, members in (
        ("星云光电科技有限公司", ("李明", "张伟", "红杉中国", "杭州科创基金")),
        (IMG_PAYLOAD, ("陈华", SCRIPT_PAYLOAD, "招商银行杭州分行")),
    ):
        for member in members:
            assert frozenset((ids[venture], ids[member])) in thick
    assert len(thick) == 7
    dashed = [e for e in view.network.edges if e.get("ecoxSuggested")]
    assert [(e["from"], e["to"]) for e in dashed] == [(ids["张伟"], ids["青禾生物科技有限公司"])]
    assert "红杉中国" in dashed[0]["ecoxReason"]
    roles = {n["ecoxName"]: n["ecoxRole"] for n in view.network.nodes}
    assert roles["青禾生物科技有限公司"] == "one link short"
    assert roles["星云光电科技有限公司"] == "complete triad"


def test_missing_query_module_says_not_available(monkeypatch: pytest.MonkeyPatch) -> None:
    # brokers are no longer optional: the views and the report read the broker table
    for module in ("ecox.queries.triads", "ecox.queries.gaps"):
        monkeypatch.setitem(sys.modules, module, None)  # import raises ImportError
    g = venture_graph()
    for view in ("triads", "gaps"):
        assert NOT_AVAILABLE in render(g, view=view), view
    html = report(g)
    # complete and open triads, fill candidates, suggested links, under-connected
    assert html.count(NOT_AVAILABLE) == 5


def test_page_is_one_document() -> None:
    html = page("t", "<p>x</p>", {"k": "v"}, network=False)
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "visjs.github.io" not in html  # the vis-network library is left out


# ------------------------------------------------------------ CLI


def test_cli_render_and_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph_path = tmp_path / "g.json"
    graph_path.write_text(to_json(venture_graph()), encoding="utf-8")
    out = tmp_path / "ego.html"
    args = ["render", str(graph_path), "-o", str(out), "--view", "ego", "--focus", "浙大"]
    status = main([*args, "--hops", "1"])
    assert status == 0
    names = {n["ecoxName"] for n in _data(out.read_text(encoding="utf-8"))["network"]["nodes"]}
    assert names == {"浙江大学", "李明", "陈华", "杭州高新区"}
    assert main(["report", str(graph_path), "-o", str(tmp_path / "r.html")]) == 0
    assert "分类统计" in (tmp_path / "r.html").read_text(encoding="utf-8")
    english = tmp_path / "r-en.html"
    assert main(["report", str(graph_path), "-o", str(english), "--lang", "en"]) == 0
    assert "Counts by type" in english.read_text(encoding="utf-8")
    assert main(["render", str(graph_path), "-o", str(out), "--view", "ego", "--focus", "无"]) == 1
    assert "no actor" in capsys.readouterr().err


def test_demo_writes_report_and_five_views(tmp_path: Path) -> None:
    assert main(["demo", "-o", str(tmp_path)]) == 0
    for name in ("report", *VIEWS):
        html = (tmp_path / f"{name}.html").read_text(encoding="utf-8")
        assert remote_urls(html) == [] and "ecox-data" in html


def test_layout_is_the_same_for_the_same_seed_in_fresh_processes() -> None:
    script = (
        "import random; random.seed(%d)\n"
        "from ecox.viz.network import layout_positions\n"
        "pairs = [(str(i), str((i * 7 + 3) %% 40)) for i in range(40)]\n"
        "pos = layout_positions([str(i) for i in range(40)], pairs, seed=7)\n"
        "print(repr(sorted(pos.items())))\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script % state], capture_output=True, text=True, check=True
        ).stdout
        for state in (1, 2)
    ]
    assert runs[0] == runs[1] and runs[0].startswith("[('0', (")


def test_report_needs_a_page_or_a_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph_path = tmp_path / "g.json"
    graph_path.write_text(to_json(venture_graph()), encoding="utf-8")
    assert main(["report", str(graph_path)]) == 2
    assert "--pdf" in capsys.readouterr().err


def test_pdf_without_chromium_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import ecox.viz.pdf

    monkeypatch.setattr(ecox.viz.pdf, "find_chromium", lambda: None)
    graph_path = tmp_path / "g.json"
    graph_path.write_text(to_json(venture_graph()), encoding="utf-8")
    pdf = tmp_path / "r.pdf"
    assert main(["report", str(graph_path), "--pdf", str(pdf)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Chromium" in err[0] and str(pdf) in err[0]
    assert not pdf.exists()


def test_english_and_chinese_pages_differ_only_in_words() -> None:
    g = venture_graph()
    zh, en = render(g, view="gaps"), render(g, view="gaps", lang="en")
    assert '<html lang="zh-Hans">' in zh and '<html lang="en">' in en
    assert "缺口与建议连接" in zh and "Gaps and suggested links" in en
    zh_data, en_data = _data(zh), _data(en)
    assert zh_data["messages"]["js.aliases"] == "别名"
    assert en_data["messages"]["js.aliases"] == "Aliases"
    ids = [n["id"] for n in zh_data["network"]["nodes"]]
    assert ids == [n["id"] for n in en_data["network"]["nodes"]]
    lists = {lst["id"]: lst for lst in zh_data["network"]["lists"]}
    assert lists["suggestions"]["rows"] and lists["under"]["rows"]
    assert all(row["focus"] in ids for lst in lists.values() for row in lst["rows"])
    with pytest.raises(ValueError, match="unknown language"):
        render(g, lang="fr")
