"""Claim graph, analysis graph (merging, weights, dates, amounts, as_of) and their I/O."""

from __future__ import annotations

import networkx as nx
import pytest

from ecox.graph.analysis import analysis_graph
from ecox.graph.claims import ClaimGraph
from ecox.store.files import from_json, to_csv_tables, to_gexf, to_graphml, to_json


def _small() -> ClaimGraph:
    return ClaimGraph.build(
        actors=[
            ("瑞安农商银行", ["Bank"], []),
            ("温州数智新能源有限公司", ["Enterprise"], ["数智新能源"]),
            ("庄约伟", ["Entrepreneur"], []),
            ("温州市工业科学研究院", ["Institute"], []),
        ],
        claims=[
            {
                "source": "瑞安农商银行",
                "target": "数智新能源",
                "type": "LENT_TO",
                "amount": 15_000_000,
                "currency": "CNY",
                "date": "2025-06",
                "source_doc": "A",
            },
            {
                "source": "瑞安农商银行",
                "target": "温州数智新能源有限公司",
                "type": "LENT_TO",
                "amount": 1_000_000,
                "currency": "USD",
                "date": "2026-01-05",
                "source_doc": "B",
            },
            {
                "source": "瑞安农商银行",
                "target": "温州数智新能源有限公司",
                "type": "LENT_TO",
                "amount": 2_000_000,
                "currency": "CNY",
                "date": "2025",
                "source_doc": "A",
                "evidence": "second mention in the same report",
            },
            {
                "source": "庄约伟",
                "target": "温州数智新能源有限公司",
                "type": "FOUNDED",
                "source_doc": "A",
            },
            {
                "source": "温州市工业科学研究院",
                "target": "瑞安农商银行",
                "type": "COOPERATES_WITH",
                "source_doc": "A",
            },
            {
                "source": "瑞安农商银行",
                "target": "温州市工业科学研究院",
                "type": "COOPERATES_WITH",
                "source_doc": "B",
            },
        ],
    )


def test_claims_are_kept_one_per_report_statement() -> None:
    g = _small()
    assert len(g.actors) == 4 and len(g.claims) == 6
    assert g.claims["id"].is_unique
    multi = g.to_networkx()
    assert isinstance(multi, nx.MultiDiGraph) and multi.number_of_edges() == 6


def test_same_claim_twice_is_kept_once() -> None:
    claim = {"source": "A", "target": "B", "type": "INVESTED_IN", "source_doc": "d"}
    g = ClaimGraph.build([("A", ["Fund"], []), ("B", ["Enterprise"], [])], [claim, dict(claim)])
    assert len(g.claims) == 1


def test_forbidden_pair_is_refused() -> None:
    with pytest.raises(ValueError, match="LENT_TO cannot start"):
        ClaimGraph.build(
            [("张三", ["Scientist"], []), ("某园区", ["Park"], [])],
            [{"source": "张三", "target": "某园区", "type": "LENT_TO"}],
        )


def test_analysis_merges_pairs_counts_sources_and_sums_per_currency() -> None:
    ag = analysis_graph(_small())
    lent = ag.links[ag.links["type"] == "LENT_TO"].iloc[0]
    # three claims from two documents (A twice, B once)
    assert (lent["claims"], lent["weight"]) == (3, 2)
    assert (lent["first_date"], lent["last_date"]) == ("2025", "2026-01-05")
    assert lent["amount_CNY"] == 17_000_000 and lent["amount_USD"] == 1_000_000
    coop = ag.links[ag.links["type"] == "COOPERATES_WITH"]
    # the two directions of a symmetric relation merge into one link
    assert len(coop) == 1 and coop.iloc[0]["weight"] == 2
    assert coop.iloc[0]["source"] < coop.iloc[0]["target"]


def test_as_of_slices_by_date() -> None:
    g = _small()
    early = analysis_graph(g, as_of="2025-12-31").links
    lent = early[early["type"] == "LENT_TO"].iloc[0]
    assert (lent["claims"], lent["amount_CNY"]) == (2, 17_000_000)
    assert "amount_USD" not in early.columns or early["amount_USD"].isna().all()
    before = analysis_graph(g, as_of="2024-12-31").links
    assert "LENT_TO" not in set(before["type"])
    # undated claims are always known
    assert {"FOUNDED", "COOPERATES_WITH"} <= set(before["type"])


def test_networkx_views() -> None:
    ag = analysis_graph(_small())
    d = ag.to_networkx()
    assert isinstance(d, nx.DiGraph) and not d.is_multigraph()
    bank = ag.actors.set_index("name").loc["瑞安农商银行", "id"]
    inst = ag.actors.set_index("name").loc["温州市工业科学研究院", "id"]
    assert d.has_edge(bank, inst) and d.has_edge(inst, bank)
    assert d.nodes[bank]["type"] == "Bank"
    u = ag.to_networkx(directed=False)
    assert u.number_of_edges() == 3
    d.remove_node(bank)
    assert ag.to_networkx().has_node(bank), "views are fresh copies"


def test_json_round_trip_is_lossless() -> None:
    g = _small()
    again = from_json(to_json(g))
    assert again == g
    assert to_json(again) == to_json(g)


def test_json_rejects_other_documents() -> None:
    with pytest.raises(ValueError, match="not an ecox graph"):
        from_json('{"nodes": []}')


def test_graphml_gexf_and_csv_exports_hold_every_claim() -> None:
    g = _small()
    for text, reader in ((to_graphml(g), nx.read_graphml), (to_gexf(g), nx.read_gexf)):
        import io

        back = reader(io.BytesIO(text.encode("utf-8")))
        assert back.number_of_nodes() == 4 and back.number_of_edges() == 6
    tables = to_csv_tables(g)
    assert tables["actors"].count("\n") == 5 and tables["claims"].count("\n") == 7
    assert "温州数智新能源有限公司" in tables["claims"]


def test_seed_graph_loads_with_provenance(seed_graph: ClaimGraph) -> None:
    assert len(seed_graph.actors) == 101 and len(seed_graph.claims) == 117
    claims = seed_graph.claims
    assert claims["outlet"].notna().all() and claims["published"].notna().all()
    assert set(claims["source_doc"]) == {f"bulletin-295/A{i}" for i in range(1, 6)}
    names = dict(zip(seed_graph.actors["id"], seed_graph.actors["name"], strict=True))
    loan = claims[(claims["type"] == "LENT_TO") & (claims["amount"] == 4_950_000)].iloc[0]
    assert names[loan["source"]] == "浦发银行西安分行" and loan["date"] == "2025-11"


HOSTILE_NAMES = [
    '=HYPERLINK("http://evil.example","点我")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "'=already quoted",
    "''",
    "控制\x01字符\x1f公司",
]


def _hostile() -> ClaimGraph:
    return ClaimGraph.build(
        actors=[(name, ["Enterprise"], []) for name in HOSTILE_NAMES]
        + [("瑞安农商银行", ["Bank"], ["\tTAB alias"])],
        claims=[
            {
                "source": "瑞安农商银行",
                "target": name,
                "type": "LENT_TO",
                "amount": 5.0,
                "currency": "CNY",
                "evidence": "=1+1 证据\x01\x0b。",
                "source_doc": "-doc",
                "extractor": "@manual",
            }
            for name in HOSTILE_NAMES
        ],
    )


def test_csv_export_is_spreadsheet_safe_and_loads_back_to_the_same_graph(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    from ecox.loaders.load import load_inputs

    g = _hostile()
    tables = to_csv_tables(g)
    for text in tables.values():
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert "'=HYPERLINK" in tables["actors"] and "'-doc" in tables["claims"]
    assert "'''=already quoted" not in tables["actors"] and "''=already quoted" in tables["actors"]
    for name, text in tables.items():
        (tmp_path / f"x_{name}.csv").write_text(text, encoding="utf-8")
    back = load_inputs([tmp_path]).graph
    assert sorted(back.actors["name"]) == sorted(g.actors["name"])
    assert back == g
    assert to_json(g).count("=HYPERLINK") == 1  # JSON keeps the original text


def test_graphml_and_gexf_replace_characters_xml_cannot_hold() -> None:
    import io
    import xml.etree.ElementTree as ET

    g = _hostile()
    for text, reader in ((to_graphml(g), nx.read_graphml), (to_gexf(g), nx.read_gexf)):
        ET.fromstring(text.encode("utf-8"))
        back = reader(io.BytesIO(text.encode("utf-8")))
        assert back.number_of_nodes() == len(HOSTILE_NAMES) + 1
        assert back.number_of_edges() == len(HOSTILE_NAMES)
        assert "证据\ufffd\ufffd" in text and "\x01" not in text
        assert "控制字符公司" in text  # control characters are no part of a name


def test_invisible_characters_do_not_split_an_actor() -> None:
    g = ClaimGraph.build(
        actors=[
            ("瑞安农商银行", ["Bank"], []),
            ("瑞安\u200b农商银行", ["Bank"], []),
            ("\ufeff瑞安农商\u00ad银行\u2060", ["Bank"], []),
            ("\u202e瑞安农商银行\u202c", ["Bank"], []),
        ],
        claims=[],
    )
    assert list(g.actors["name"]) == ["瑞安农商银行"]


def test_query_tables_written_as_csv_are_spreadsheet_safe(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import csv
    import subprocess
    import sys

    (tmp_path / "h.json").write_text(to_json(_hostile()), encoding="utf-8")
    for args in (
        ["cypher", "h.json", "MATCH (a:Actor) RETURN a.name AS name", "--csv", "c.csv"],
        ["brokers", "h.json", "--csv", "b.csv"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "ecox.cli", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        with open(tmp_path / args[-1], encoding="utf-8", newline="") as table:
            cells = [cell for row in csv.reader(table) for cell in row]
        assert "'+cmd|' /C calc'!A0" in cells
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_pages_drop_bidi_controls() -> None:
    from ecox.viz.page import esc

    assert esc("\u202eevil\u202c <b>") == "evil &lt;b&gt;"
