"""Unnamed counterparts: claims that name one side only (graph.unnamed).

Fixture: fund F invested in enterprise E, and E and E2 sit in park P (named);
an unnamed fund invested in E2 (2025-06); P cooperates with 92 unnamed investors
(2025-11); bank B lent to 990 unnamed enterprises (no date).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from ecox.graph.analysis import analysis_graph
from ecox.graph.claims import ClaimGraph
from ecox.graph.unnamed import reported_ties
from ecox.loaders.errors import SchemaError
from ecox.loaders.load import load_inputs, seed_path
from ecox.queries.gaps import under_connected
from ecox.store.files import from_json, to_csv_tables, to_gexf, to_graphml, to_json
from ecox.viz.report import report
from ecox.viz.views import ecosystem_view, network_block

ACTORS = [
    ("基金F", ["Fund"], []),
    ("企业E", ["Enterprise"], []),
    ("企业E2", ["Enterprise"], []),
    ("园区P", ["Park"], []),
    ("银行B", ["Bank"], []),
]
NAMED = [
    {"source": "基金F", "target": "企业E", "type": "INVESTED_IN", "source_doc": "d1"},
    {"source": "企业E", "target": "园区P", "type": "LOCATED_IN", "source_doc": "d1"},
    {"source": "企业E2", "target": "园区P", "type": "LOCATED_IN", "source_doc": "d1"},
]
UNNAMED = [
    {"source": "", "target": "企业E2", "type": "INVESTED_IN", "counterpart_type": "Fund",
     "date": "2025-06", "source_doc": "d2", "evidence": "相关基金投资了企业E2"},
    {"source": "园区P", "target": "", "type": "COOPERATES_WITH", "counterpart_type": "Investor",
     "counterpart_count": 92, "date": "2025-11", "source_doc": "d2"},
    {"source": "银行B", "target": "", "type": "LENT_TO", "counterpart_type": "Enterprise",
     "counterpart_count": 990, "source_doc": "d3"},
]  # fmt: skip


@pytest.fixture
def graph() -> ClaimGraph:
    return ClaimGraph.build(ACTORS, NAMED + UNNAMED)


def _ids(g: ClaimGraph) -> dict[str, str]:
    return dict(zip(g.actors["name"], g.actors["id"], strict=True))


# --------------------------------------------------------------------------- model


def test_unnamed_claims_are_kept_with_their_counterpart(graph: ClaimGraph) -> None:
    assert len(graph.claims) == 6
    unnamed = graph.claims[graph.claims["counterpart_type"].notna()]
    assert sorted(unnamed["counterpart_type"]) == ["Enterprise", "Fund", "Investor"]
    assert sorted(unnamed["counterpart_count"].dropna().tolist()) == [92, 990]
    assert ((unnamed["source"] == "") ^ (unnamed["target"] == "")).all()


def test_claim_id_includes_the_counterpart() -> None:
    base = {"source": "", "target": "企业E", "type": "INVESTED_IN", "source_doc": "d"}
    ids = {
        ClaimGraph.build(ACTORS, [{**base, **extra}]).claims["id"].iloc[0]
        for extra in (
            {"counterpart_type": "Fund"},
            {"counterpart_type": "Investor"},
            {"counterpart_type": "Fund", "counterpart_count": 3},
        )
    }
    assert len(ids) == 3


def test_named_claim_ids_do_not_change(graph: ClaimGraph) -> None:
    # The id of a claim between named actors is the same with or without unnamed claims.
    alone = ClaimGraph.build(ACTORS, NAMED)
    assert set(alone.claims["id"]) < set(graph.claims["id"])


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        ({"source": "", "target": "企业E", "type": "INVESTED_IN"}, "counterpart_type must say"),
        ({"source": "", "target": "", "type": "INVESTED_IN", "counterpart_type": "Fund"},
         "both empty"),
        ({"source": "", "target": "企业E", "type": "INVESTED_IN", "counterpart_type": "Bank"},
         "cannot start at a Bank"),
        ({"source": "", "target": "企业E", "type": "INVESTED_IN", "counterpart_type": "Alien"},
         "unknown counterpart type"),
        ({"source": "企业E", "target": "", "type": "INVESTED_IN", "counterpart_type": "Fund"},
         "cannot start at a Enterprise"),
        ({"source": "", "target": "企业E", "type": "INVESTED_IN", "counterpart_type": "Fund",
          "counterpart_count": 0}, "whole count"),
        ({"source": "基金F", "target": "企业E", "type": "INVESTED_IN",
          "counterpart_type": "Fund"}, "only for a claim with an unnamed side"),
    ],
)  # fmt: skip
def test_validation_refuses_bad_unnamed_claims(claim: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ClaimGraph.build(ACTORS, [claim])


def test_unnamed_claims_are_no_network_edges(graph: ClaimGraph) -> None:
    named = ClaimGraph.build(ACTORS, NAMED)
    assert graph.to_networkx().number_of_edges() == len(NAMED)
    ag, ag_named = analysis_graph(graph), analysis_graph(named)
    pd.testing.assert_frame_equal(ag.links, ag_named.links)
    assert "" not in ag.to_networkx()
    assert nx.betweenness_centrality(ag.to_networkx()) == nx.betweenness_centrality(
        ag_named.to_networkx()
    )
    assert len(ag.unnamed) == 3 and len(ag_named.unnamed) == 0


def test_merge_keeps_unnamed_claims(graph: ClaimGraph) -> None:
    merged = graph.merge(ClaimGraph.build(ACTORS, NAMED))
    assert merged == graph


# --------------------------------------------------------------------------- reported ties


def test_reported_ties_answers_relation_and_counterpart_type(graph: ClaimGraph) -> None:
    ids = _ids(graph)
    funded = reported_ties(graph, relation="INVESTED_IN", counterpart_type=("Fund", "Investor"))
    assert funded["node"].tolist() == [ids["企业E2"]]
    assert funded["actor_side"].tolist() == ["target"]
    finance = reported_ties(graph, counterpart_type=["Bank", "Investor", "Fund"])
    assert set(finance["name"]) == {"企业E2", "园区P"}
    park = finance.set_index("name").loc["园区P"]
    assert (park["relation"], park["counterpart_count"], park["claims"]) == (
        "COOPERATES_WITH",
        92,
        1,
    )
    assert "未具名投资机构 ×92" in park["reason"]
    assert reported_ties(graph, relation="FOUNDED").empty


def test_reported_ties_follow_as_of(graph: ClaimGraph) -> None:
    before = reported_ties(analysis_graph(graph, as_of="2025-07"))
    # the June investment and the undated loan are known in July; the November tie is not
    assert sorted(before["name"]) == ["企业E2", "银行B"]
    assert len(reported_ties(analysis_graph(graph, as_of="2025-12"))) == 3


# --------------------------------------------------------------------------- gaps


def test_under_connected_never_flags_a_reported_unnamed_tie(graph: ClaimGraph) -> None:
    flagged = set(map(tuple, under_connected(graph)[["name", "gap"]].values.tolist()))
    named_only = set(
        map(tuple, under_connected(ClaimGraph.build(ACTORS, NAMED))[["name", "gap"]].values)
    )
    # without the unnamed claims both gaps are flagged; with them neither is
    assert {("企业E2", "no_capital"), ("园区P", "no_finance")} <= named_only
    assert ("企业E2", "no_capital") not in flagged and ("园区P", "no_finance") not in flagged
    # before the reported ties were known, the gaps stand again
    earlier = under_connected(graph, as_of="2025-01")
    assert {"企业E2", "园区P"} <= set(earlier["name"])


SEED_PORTFOLIO = ["威邦震电", "康德赛", "泌之源", "思埃然", "清大视光"]


def test_seed_under_connected_holds_no_funded_or_tied_actor() -> None:
    seed = load_inputs([seed_path()]).graph
    names = set(under_connected(seed)["name"])
    assert names, "the seed still has real gaps"
    assert not names & {*SEED_PORTFOLIO, "中国眼谷"}, names
    # A1: the zone built the fund plaza, where 164 funds gathered: finance inside the zone
    assert "郑州高新区" not in names
    funded = set(reported_ties(seed, relation="INVESTED_IN", counterpart_type="Fund")["name"])
    assert set(SEED_PORTFOLIO) <= funded
    eye_valley = reported_ties(seed, counterpart_type="Investor").set_index("name")
    assert eye_valley.loc["中国眼谷", "counterpart_count"] == 92


def test_zone_has_the_finance_of_a_park_inside_it() -> None:
    actors = [("高新区", ["Park"], []), ("广场", ["Park"], []), ("孵化园", ["Park"], []),
              ("开发区", ["Park"], [])]  # fmt: skip
    claims = [
        {"source": "广场", "target": "高新区", "type": "LOCATED_IN"},
        {"source": "孵化园", "target": "开发区", "type": "LOCATED_IN"},
        {"source": "", "target": "广场", "type": "LOCATED_IN",
         "counterpart_type": "Fund", "counterpart_count": 164},
    ]  # fmt: skip
    flagged = under_connected(ClaimGraph.build(actors, claims))
    finance = set(flagged.loc[flagged["gap"] == "no_finance", "name"])
    # the plaza has its unnamed funds, the zone has the plaza's; neither 孵化园 nor its host has any
    assert finance == {"孵化园", "开发区"}


# --------------------------------------------------------------------------- loading


def _write(folder: Path, relations: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "entities.csv").write_text(
        "id,name,types\ne1,企业E,Enterprise\ne2,园区P,Park\n", encoding="utf-8"
    )
    (folder / "relations.csv").write_text(relations, encoding="utf-8")
    return folder


def test_gold_layout_loads_blank_sides(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "in",
        "source,target,type,counterpart_type,counterpart_count\n"
        ",e1,INVESTED_IN,Fund,3\ne2,,COOPERATES_WITH,Bank,\ne1,e2,LOCATED_IN,,\n",
    )
    claims = load_inputs([folder]).graph.claims.set_index("type")
    assert claims.loc["INVESTED_IN", "source"] == "" and claims.loc["INVESTED_IN", "target"]
    assert claims.loc["INVESTED_IN", "counterpart_count"] == 3
    assert claims.loc["COOPERATES_WITH", "target"] == ""
    assert pd.isna(claims.loc["COOPERATES_WITH", "counterpart_count"])


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (",e1,INVESTED_IN,,", "counterpart_type", "source is empty"),
        (",,INVESTED_IN,Fund,", "source", "both empty"),
        (",e1,INVESTED_IN,Fund,many", "counterpart_count", "not a number"),
        (",e1,INVESTED_IN,Fund,2.5", "counterpart_count", "whole count"),
        (",e1,INVESTED_IN,Bank,", "counterpart_type", "cannot start at a Bank"),
        ("e1,,INVESTED_IN,Fund,", "type", "cannot start at a Enterprise"),
    ],
)
def test_load_errors_name_file_line_and_column(
    tmp_path: Path, row: str, column: str, message: str
) -> None:
    folder = _write(
        tmp_path / "in",
        f"source,target,type,counterpart_type,counterpart_count\ne1,e2,LOCATED_IN,,\n{row}\n",
    )
    with pytest.raises(SchemaError) as caught:
        load_inputs([folder])
    text = str(caught.value)
    assert text.startswith(f"{folder / 'relations.csv'}:3: column '{column}'"), text
    assert message in text


def test_old_files_without_counterpart_columns_still_load() -> None:
    graph = load_inputs([seed_path()]).graph
    assert graph.claims["counterpart_type"].notna().sum() == 27


# --------------------------------------------------------------------------- store


def test_json_round_trip(graph: ClaimGraph) -> None:
    assert from_json(to_json(graph)) == graph


def _csv_round(graph: ClaimGraph, folder: Path) -> tuple[ClaimGraph, str]:
    folder.mkdir()
    tables = to_csv_tables(graph)
    for kind, text in tables.items():
        (folder / f"t_{kind}.csv").write_text(text, encoding="utf-8")
    return load_inputs([folder]).graph, tables["claims"]


def test_csv_tables_load_back(graph: ClaimGraph, tmp_path: Path) -> None:
    loaded, text = _csv_round(graph, tmp_path / "one")  # loading adds extractor=table
    rows = list(csv.DictReader(io.StringIO(text)))
    unnamed = [r for r in rows if r["counterpart_type"]]
    assert len(unnamed) == 3 and all(r["source_name"] or r["target_name"] for r in unnamed)
    assert len(loaded.claims) == len(graph.claims)
    back, _ = _csv_round(loaded, tmp_path / "two")
    assert back == loaded


@pytest.mark.parametrize("writer", [to_graphml, to_gexf])
def test_graph_exports_carry_unnamed_claims(graph: ClaimGraph, writer: object) -> None:
    text = writer(graph)  # type: ignore[operator]
    assert "未具名投资机构 ×92" in text and "990" in text
    reader = nx.read_graphml if writer is to_graphml else nx.read_gexf
    back = reader(io.BytesIO(text.encode("utf-8")))
    groups = [n for n, d in back.nodes(data=True) if d.get("unnamed") in (True, "true", 1)]
    assert len(groups) == 3
    assert back.number_of_edges() == len(graph.claims)


# --------------------------------------------------------------------------- views


def test_views_draw_unnamed_groups_with_evidence(graph: ClaimGraph) -> None:
    view = ecosystem_view(graph)
    assert view.node_count == 5 and view.unnamed_count == 3
    groups = {n["id"]: n for n in view.network.nodes if n.get("ecoxUnnamed")}
    assert sorted(n["label"] for n in groups.values()) == [
        "未具名企业 ×990",
        "未具名基金",
        "未具名投资机构 ×92",
    ]
    edges = [e for e in view.network.edges if {e["from"], e["to"]} & groups.keys()]
    assert len(edges) == 3
    invest = next(e for e in edges if e["ecoxRelations"] == ["INVESTED_IN"])
    assert invest["from"] in groups and invest["arrows"] == "to"
    (claim,) = [view.claims[i] for i in invest["ecoxClaims"]]
    assert (claim["source"], claim["target"]) == ("未具名基金", "企业E2")
    assert claim["evidence"] == "相关基金投资了企业E2"


def test_views_follow_as_of(graph: ClaimGraph) -> None:
    assert ecosystem_view(graph, as_of="2025-07").unnamed_count == 2


def test_report_counts_unnamed_ties() -> None:
    seed = load_inputs([seed_path()]).graph
    page = report(seed, lang="en")
    assert "Ties to unnamed counterparts" in page and "未具名投资机构 ×92" in page
    assert '<div class="n">27</div><div class="t">ties to unnamed counterparts</div>' in page


def test_view_key_explains_group_nodes(graph: ClaimGraph) -> None:
    html, _ = network_block(ecosystem_view(graph, lang="en"))
    assert "counterpart the reports do not name" in html
    plain, _ = network_block(ecosystem_view(ClaimGraph.build(ACTORS, NAMED), lang="en"))
    assert "counterpart the reports do not name" not in plain
