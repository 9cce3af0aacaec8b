"""Brokers, paths, syndicates, fund chains and Triple Helix: hand-worked values and oracles.

The fixture (12 actors, 14 claims, built through ``ClaimGraph.build``)::

    银行甲(B1) ─LENT_TO→ 企业一(E1) ←LENT_TO─ 银行乙(B2)        创始人(N1) ─FOUNDED→ E1
    B1 ─LENT_TO→ 企业二(E2) ←LENT_TO─ B2                       教授(S1) ─TRANSFERRED_TECH→ E2
    E1, E2, 企业三(E3) ─LOCATED_IN→ 园区(P1)                   科技局(G1) ─SERVES→ P1, E1
    母基金(F0) ─COMMITTED_TO→ 子基金(F1) ←MANAGES─ 管理人(M1)   F1 ─INVESTED_IN→ E3

Undirected degrees: E1 5 (B1, B2, N1, P1, G1), E2 4, P1 4, F1 3, B1 2, B2 2,
G1 2, E3 2, the rest 1. The only triangle is G1–E1–P1. n = 12, so
betweenness is normalised by (n − 1)(n − 2)/2 = 55 pairs.
"""

from __future__ import annotations

import copy
import dataclasses
import math
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from ecox.cli import main
from ecox.graph.analysis import analysis_graph
from ecox.graph.claims import ClaimGraph
from ecox.graph.errors import InputError
from ecox.graph.schema import NodeType
from ecox.queries.brokerage import ROLES, brokerage_roles, brokerage_roles_python
from ecox.queries.brokers import (
    EXACT_LIMIT,
    INTERMEDIARIES,
    betweenness,
    broker_reasons,
    broker_table_columns,
    brokers,
    burt,
    burt_arrays,
)
from ecox.queries.chains import CHAIN_COLUMNS, fund_chains
from ecox.queries.helix import HELIX_COLUMNS, helix, synergy
from ecox.queries.inputs import analysis_of
from ecox.queries.paths import PATH_COLUMNS, UnknownActorError, find_path
from ecox.queries.syndicates import SYNDICATE_COLUMNS, syndicates
from ecox.store.files import to_json
from ecox.viz.network import ViewInput

ACTORS = [
    ("银行甲", ["Bank"], []),
    ("银行乙", ["Bank"], ["乙行"]),
    ("企业一", ["Enterprise"], []),
    ("企业二", ["Enterprise"], []),
    ("企业三", ["Enterprise"], []),
    ("教授", ["Scientist"], []),
    ("园区", ["Park"], []),
    ("母基金", ["Fund"], []),
    ("子基金", ["Fund"], []),
    ("管理人", ["Investor"], []),
    ("创始人", ["Entrepreneur"], []),
    ("科技局", ["Government"], []),
]


def _claim(s: str, t: str, rel: str, **extra: object) -> dict[str, object]:
    return {"source": s, "target": t, "type": rel, "source_doc": f"{s}-{t}-{rel}", **extra}


CLAIMS = [
    _claim("银行甲", "企业一", "LENT_TO", amount=1e6, currency="CNY", date="2025-01"),
    _claim("银行乙", "企业一", "LENT_TO", amount=2e6, currency="CNY", date="2025-02"),
    _claim("银行甲", "企业二", "LENT_TO", amount=3e6, currency="CNY", date="2025-03"),
    _claim("银行乙", "企业二", "LENT_TO", amount=5e5, currency="CNY"),
    _claim("创始人", "企业一", "FOUNDED"),
    _claim("教授", "企业二", "TRANSFERRED_TECH", date="2025-06"),
    _claim("企业一", "园区", "LOCATED_IN"),
    _claim("企业二", "园区", "LOCATED_IN"),
    _claim("母基金", "子基金", "COMMITTED_TO", amount=5e7, currency="CNY"),
    _claim("管理人", "子基金", "MANAGES"),
    _claim("子基金", "企业三", "INVESTED_IN", amount=1e7, currency="CNY", date="2026-01"),
    _claim("科技局", "园区", "SERVES"),
    _claim("企业三", "园区", "LOCATED_IN"),
    _claim("科技局", "企业一", "SERVES"),
]


@pytest.fixture(scope="module")
def fixture() -> ClaimGraph:
    return ClaimGraph.build(ACTORS, CLAIMS)


def _row(table: pd.DataFrame, name: str) -> pd.Series:
    rows = table[table["name"] == name]
    assert len(rows) == 1, name
    return rows.iloc[0]


# ---------------------------------------------------------------------------
# Brokers on the fixture, by hand
# ---------------------------------------------------------------------------


def test_degree_by_counterpart_type(fixture: ClaimGraph) -> None:
    table = brokers(fixture)
    e1 = _row(table, "企业一")
    # E1's counterparts: 2 banks, 1 entrepreneur, 1 park, 1 government body
    assert (e1["deg_Bank"], e1["deg_Entrepreneur"], e1["deg_Park"], e1["deg_Government"]) == (
        2,
        1,
        1,
        1,
    )
    assert e1["deg_Enterprise"] == 0 and e1["degree"] == 5
    # only types that are someone's counterpart get a column; every type here is one
    deg_cols = [c for c in table.columns if c.startswith("deg_")]
    assert deg_cols == [
        "deg_Scientist",
        "deg_Entrepreneur",
        "deg_Enterprise",
        "deg_Investor",
        "deg_Fund",
        "deg_Bank",
        "deg_Park",
        "deg_Government",
    ]
    assert (table[deg_cols].sum(axis=1) == table["degree"]).all()


def test_betweenness_by_hand(fixture: ClaimGraph) -> None:
    table = brokers(fixture)
    assert table.attrs["betweenness"] == "exact"
    # F1 separates F0 and M1 from each other and from the 9 others: 1 + 9 + 9 = 19 pairs
    assert _row(table, "子基金")["pairs"] == pytest.approx(19, abs=1e-9)
    assert _row(table, "子基金")["broker_score"] == pytest.approx(19 / 55, abs=1e-12)
    # E3 separates {F0, F1, M1} from the 8 others: 24 pairs
    assert _row(table, "企业三")["broker_score"] == pytest.approx(24 / 55, abs=1e-12)
    assert np.allclose(table["broker_score"], table["pairs"] / 55)
    assert (table["reach"] == 11).all()
    # leaves broker nobody
    assert _row(table, "教授")["pairs"] == 0.0


def test_burt_by_hand(fixture: ClaimGraph) -> None:
    table = brokers(fixture)
    g1 = _row(table, "科技局")
    # G1 ties E1 (degree 5) and P1 (degree 4), which are tied to each other:
    # c = ((1 + 1/4) / 2)² + ((1 + 1/5) / 2)² = 0.390625 + 0.36; e = 2 − 2·1/2
    assert g1["constraint"] == pytest.approx(0.750625, abs=1e-12)
    assert g1["effective_size"] == pytest.approx(1.0, abs=1e-12)
    # E1: 5 contacts, one tie among them (P1–G1): e = 5 − 2/5
    assert _row(table, "企业一")["effective_size"] == pytest.approx(4.6, abs=1e-12)
    # B1: two unconnected contacts: c = 2 · (1/2)²
    assert _row(table, "银行甲")["constraint"] == pytest.approx(0.5, abs=1e-12)


def test_brokerage_roles_by_hand(fixture: ClaimGraph) -> None:
    f1 = _row(brokers(fixture), "子基金")
    # F1 (Fund) between F0 (Fund), M1 (Investor), E3 (Enterprise), none tied:
    # (F0, M1), (F0, E3) representative; reversed gatekeeper; M1↔E3 liaison
    got = f1[["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]]
    assert got.tolist() == [0, 0, 2, 2, 2]
    assert f1["brokerage"] == 6


def test_reason_in_words(fixture: ClaimGraph) -> None:
    table = brokers(fixture)
    assert _row(table, "子基金")["reason"] == (
        "links 1 enterprise, 1 fund and 1 investor; bridges 企业三 and 母基金 in a network of 12"
    )
    e1 = _row(table, "企业一")["reason"]
    assert e1.startswith("links 2 banks, 1 entrepreneur, 1 government body and 1 more; ")
    assert "bridges 园区 and " in e1  # P1 is E1's best-connected contact
    assert _row(table, "教授")["reason"] == "links 1 enterprise"


def test_order_and_top(fixture: ClaimGraph) -> None:
    table = brokers(fixture)
    keys = list(zip(-table["broker_score"], table["node"], strict=True))
    assert keys == sorted(keys)
    assert table.columns.tolist() == broker_table_columns(
        [c for c in table.columns if c.startswith("deg_")]
    )
    top = brokers(fixture, top=3)
    pd.testing.assert_frame_equal(top, table.head(3))
    # P1 cuts {E3, F1, F0, M1} from the 7 others (28 pairs), is the only shortest
    # way from G1 to E2 and to S1 (2), and one of three between E1 or N1 and E2 or
    # S1 (4 pairs, 1/3 each, the others via B1 or B2): 28 + 2 + 4/3 = 94/3 pairs
    assert top.loc[0, "name"] == "园区"
    assert top.loc[0, "broker_score"] == pytest.approx(94 / 3 / 55, abs=1e-12)


def test_reasons_for_chosen_rows_only(fixture: ClaimGraph) -> None:
    full = brokers(fixture)
    numbers = full.drop(columns=["reason", "reason_zh"])
    bare = brokers(fixture, reasons=False)
    pd.testing.assert_frame_equal(bare.drop(columns=["reason", "reason_zh"]), numbers)
    assert bare.columns.tolist() == full.columns.tolist()
    assert bare["reason"].isna().all() and bare["reason_zh"].isna().all()
    chosen = [_row(full, "子基金")["node"], _row(full, "教授")["node"], "not-an-actor"]
    some = brokers(fixture, reasons=chosen)
    asked = some["node"].isin(chosen)
    assert asked.sum() == 2 and some.loc[~asked, "reason"].isna().all()
    pd.testing.assert_frame_equal(some[asked], full[asked])
    words = broker_reasons(fixture, chosen[1::-1])
    assert words.index.tolist() == chosen[1::-1]
    expected = full.set_index("node").loc[chosen[1::-1], ["reason", "reason_zh"]]
    pd.testing.assert_frame_equal(words, expected)
    with pytest.raises(InputError, match="not-an-actor"):
        broker_reasons(fixture, chosen)


def test_cli_words_only_the_printed_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import ecox.queries.brokers as broker_module

    # a bank lending to 30 firms, each founded by its own entrepreneur: 61 actors
    actors = [("行", ["Bank"], [])]
    claims = []
    for i in range(30):
        actors += [(f"企业{i}", ["Enterprise"], []), (f"创始人{i}", ["Entrepreneur"], [])]
        claims += [_claim("行", f"企业{i}", "LENT_TO"), _claim(f"创始人{i}", f"企业{i}", "FOUNDED")]
    graph = ClaimGraph.build(actors, claims)
    path = tmp_path / "g.json"
    path.write_text(to_json(graph), encoding="utf-8")
    worded: list[int] = []
    bridge = broker_module._bridge
    monkeypatch.setattr(
        broker_module, "_bridge", lambda a, v, *rest: worded.append(v) or bridge(a, v, *rest)
    )
    assert main(["brokers", str(path)]) == 0
    printed = capsys.readouterr()
    assert len(worded) == 20 and "showing 20 of 61 rows" in printed.err
    expected = brokers(graph)["reason"].head(20)
    assert all(reason in printed.out for reason in expected)
    worded.clear()
    assert main(["brokers", str(path), "--csv", str(tmp_path / "b.csv")]) == 0
    assert len(worded) == 61
    assert pd.read_csv(tmp_path / "b.csv")["reason"].tolist() == brokers(graph)["reason"].tolist()


def test_as_of_drops_later_claims(fixture: ClaimGraph) -> None:
    # F1 → E3 is dated 2026-01: before that, F0–F1–M1 is a network of its own
    table = brokers(fixture, as_of="2025-12-31")
    f1 = _row(table, "子基金")
    # it connects one pair (F0, M1) of the 55 pairs without it
    assert f1["reach"] == 2 and f1["pairs"] == 1.0
    assert f1["broker_score"] == pytest.approx(1 / 55)


def test_isolated_actor_is_nan() -> None:
    g = ClaimGraph.build(
        [("行", ["Bank"], []), ("企", ["Enterprise"], []), ("孤", ["Platform"], [])],
        [{"source": "行", "target": "企", "type": "LENT_TO"}],
    )
    lone = _row(brokers(g), "孤")
    assert math.isnan(lone["constraint"]) and math.isnan(lone["effective_size"])
    assert lone["degree"] == 0 and lone["reason"] == "no ties"


def test_seed_brokers_the_reports_name() -> None:
    """Written from the bulletin before the score: the intermediaries its reports name."""
    import ecox

    seed = ecox.seed()
    table = brokers(seed)
    rank = {name: i + 1 for i, name in enumerate(table["name"])}
    # A5: the rural bank is "the bridge between firms and capital" in Wenzhou
    assert rank["瑞安农商银行"] <= 3
    assert table.loc[rank["瑞安农商银行"] - 1, "brokerage"] == table["brokerage"].max()
    # A1: the fund plaza brings 164 funds to the firms (its ties are unnamed);
    # A4: the eye valley hosts the firms and works with 92 financial institutions;
    # A3: the Shaanxi provincial fund of funds
    assert rank["科技金融广场"] <= 10 and rank["中国眼谷"] <= 3
    assert rank["陕西省级科创母基金"] <= 10
    middle = brokers(seed, types=INTERMEDIARIES)
    assert set(middle["type"]) <= {t.value for t in INTERMEDIARIES}
    mid_rank = {name: i + 1 for i, name in enumerate(middle["name"])}
    assert mid_rank["瑞安农商银行"] <= 2 and mid_rank["中国眼谷"] <= 2
    # the centre of a 5-actor side cluster with nothing reported beyond it ranks low
    assert rank["北京歌锐科技"] > 20


def test_unnamed_groups_count_as_weighted_stand_ins() -> None:
    """A group of c unnamed actors is one endpoint of weight 1 + floor(log2 c): the pairs
    are networkx's betweenness with the stand-ins as leaves, less each group's own pairs."""
    g = ClaimGraph.build(
        actors=[("园区", ["Park"], []), ("高新区", ["Park"], []), ("企业", ["Enterprise"], [])],
        claims=[
            {"source": "高新区", "target": "园区", "type": "LOCATED_IN"},
            {"source": "企业", "target": "高新区", "type": "LOCATED_IN"},
            {"source": "", "target": "园区", "type": "LOCATED_IN",
             "counterpart_type": "Fund", "counterpart_count": 164},
            {"source": "园区", "target": "", "type": "SERVES",
             "counterpart_type": "Enterprise", "counterpart_count": 7},
        ],
    )  # fmt: skip
    table = brokers(g).set_index("name")
    stand_in = nx.Graph([("园区", "高新区"), ("企业", "高新区")])
    stand_in.add_edges_from(("园区", f"F{i}") for i in range(8))  # 1 + floor(log2 164)
    stand_in.add_edges_from(("园区", f"E{i}") for i in range(3))  # 1 + floor(log2 7)
    expected = nx.betweenness_centrality(stand_in, normalized=False)
    own = 8 * 7 / 2 + 3 * 2 / 2
    assert table.loc["园区", "pairs"] == pytest.approx(expected["园区"] - own)
    assert table.loc["高新区", "pairs"] == pytest.approx(expected["高新区"])
    n = stand_in.number_of_nodes()
    assert table.loc["园区", "broker_score"] == pytest.approx(
        (expected["园区"] - own) / ((n - 1) * (n - 2) / 2)
    )
    assert brokers(g).attrs["betweenness"] == "exact"


def test_types_filter_and_errors(fixture: ClaimGraph) -> None:
    banks = brokers(fixture, types=[NodeType.BANK])
    assert sorted(banks["name"]) == ["银行乙", "银行甲"]
    full = brokers(fixture).set_index("node")
    # the scores are those of the whole graph, not of the banks among themselves
    assert (
        banks.set_index("node")["broker_score"] == full.loc[banks["node"], "broker_score"]
    ).all()
    assert brokers(fixture, types=["Fund", NodeType.INVESTOR], top=1)["name"].tolist() == ["子基金"]
    with pytest.raises(InputError, match="unknown actor type 'Banks'"):
        brokers(fixture, types=["Banks"])


def test_one_betweenness_per_graph(fixture: ClaimGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    import ecox.queries.betweenness as module
    from ecox.viz.network import actor_scores
    from ecox.viz.report import report
    from ecox.viz.views import brokers_view, top_broker

    fixture = dataclasses.replace(fixture)  # a graph no earlier test has shared an analysis of

    runs: list[str] = []
    real = module._pairs

    def counted(*args: object, **kwargs: object) -> object:
        runs.append("run")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "_pairs", counted)
    view = ViewInput.of(fixture)
    table = brokers(view.analysis).set_index("node")
    scores = actor_scores(view.analysis)
    # the views' numbers are the table's numbers
    assert (scores["betweenness"] == table.loc[scores.index, "broker_score"]).all()
    assert (scores["brokerage"] == table.loc[scores.index, "brokerage"]).all()
    assert top_broker(view) == table.index[0]
    brokers_view(fixture, view=view)
    assert len(runs) == 1
    html = report(fixture)
    assert len(runs) == 1  # the report shares the view's analysis graph and its betweenness
    assert f"{table['broker_score'].iloc[0]:,.3g}" in html


# ---------------------------------------------------------------------------
# Against networkx on random typed graphs
# ---------------------------------------------------------------------------

TYPES = ["Scientist", "Enterprise", "Investor", "Bank", "Fund", "Park", "Institute"]


def _random_typed(seed: int, n: int = 160, m: int = 380) -> nx.Graph:
    rng = np.random.default_rng(seed)
    base = nx.gnm_random_graph(n, m, seed=seed)
    # a few triangles-rich hubs and isolated nodes
    base.add_edges_from((0, int(v)) for v in rng.choice(np.arange(1, n), 25, replace=False))
    base.add_nodes_from(range(n, n + 4))
    G = nx.Graph()
    for v in base:
        G.add_node(f"n{v:04d}", type=TYPES[int(rng.integers(len(TYPES)))])
    for u, v in base.edges():
        G.add_edge(f"n{u:04d}", f"n{v:04d}", relations="COOPERATES_WITH")
    return G


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_burt_matches_networkx(seed: int) -> None:
    ag = analysis_of(_random_typed(seed))
    U = ag.to_networkx(directed=False)
    ours = burt(ag)
    con, eff = nx.constraint(U), nx.effective_size(U)
    ref_c = np.array([con[v] for v in ours.index])
    ref_e = np.array([eff[v] for v in ours.index])
    np.testing.assert_allclose(ours["constraint"], ref_c, rtol=0, atol=1e-9, equal_nan=True)
    np.testing.assert_allclose(ours["effective_size"], ref_e, rtol=0, atol=1e-9, equal_nan=True)
    assert np.isnan(ours["constraint"]).sum() >= 4  # the 4 added isolated nodes, at least


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_betweenness_matches_networkx(seed: int) -> None:
    ag = analysis_of(_random_typed(seed))
    U = ag.to_networkx(directed=False)
    exact = betweenness(ag, method="exact")
    ref = nx.betweenness_centrality(U)
    np.testing.assert_allclose(exact, [ref[v] for v in exact.index], atol=1e-12)
    assert exact.attrs["betweenness"] == "exact"
    # the same sample as networkx's k= estimator with the same seed
    sampled = betweenness(ag, method="sampled", k=24, seed=seed + 7)
    ref_s = nx.betweenness_centrality(U, k=24, seed=seed + 7)
    np.testing.assert_allclose(sampled, [ref_s[v] for v in sampled.index], atol=1e-12)
    assert sampled.attrs["betweenness"] == f"sampled k=24 seed={seed + 7}"
    assert not np.allclose(sampled, exact)


def test_auto_betweenness_switches_to_kadabra() -> None:
    from ecox.queries.betweenness import KADABRA_EPS

    assert EXACT_LIMIT >= 1000
    n = EXACT_LIMIT + 1
    G = nx.path_graph([f"v{i:05d}" for i in range(n)])
    nx.set_node_attributes(G, "Enterprise", "type")
    nx.set_edge_attributes(G, "COOPERATES_WITH", "relations")
    out = betweenness(G, seed=1, workers=1)
    assert out.attrs["betweenness"] == f"kadabra eps={KADABRA_EPS:g} delta=0.1 seed=1"
    assert out.between(0.0, 1.0).all()
    # on a path, actor i lies between i·(n − 1 − i) pairs; KADABRA's guarantee on the score
    i = np.arange(n)
    exact = i * (n - 1.0 - i) / ((n - 1.0) * (n - 2.0) / 2.0)
    assert np.abs(out.to_numpy() - exact).max() <= KADABRA_EPS * n / (n - 2.0)
    assert betweenness(G, workers=1, seed=1).equals(out)  # one thread: repeatable
    assert betweenness(G, method="sampled", k=16, seed=1).attrs["betweenness"] == (
        "sampled k=16 seed=1"
    )
    assert betweenness(G, method="exact").attrs["betweenness"] == "exact"


@pytest.mark.parametrize("seed", [5, 6])
def test_broker_table_matches_oracles(seed: int) -> None:
    G = _random_typed(seed)
    table = brokers(G).set_index("node")
    U = analysis_of(G).to_networkx(directed=False)
    # degree by counterpart type, by a plain loop
    for v in list(U)[:40]:
        for t in TYPES:
            count = sum(1 for w in U[v] if U.nodes[w]["type"] == t)
            column = f"deg_{t}"
            assert (table.loc[v, column] if column in table.columns else 0) == count
    # brokerage roles: the symmetric graph through the public networkx front and the oracle
    roles = brokerage_roles(U).set_index("node")
    oracle = brokerage_roles_python(U).set_index("node").loc[table.index]
    assert (table["brokerage"] == roles.loc[table.index, "total"]).all()
    for role in ROLES:
        assert (table[role] == oracle[role]).all()
    assert (table[list(ROLES)] > 0).any().all()


def test_burt_arrays_ignores_direction_weights_and_loops() -> None:
    import scipy.sparse as sp

    a = sp.csr_array(np.array([[5, 2, 0], [0, 0, 3], [1, 0, 0]]))
    con, eff = burt_arrays(a)
    # a triangle: each node c = 2 · ((1 + 1/2) / 2)², e = 2 − 2/2
    np.testing.assert_allclose(con, [1.125] * 3)
    np.testing.assert_allclose(eff, [1.0] * 3)


# ---------------------------------------------------------------------------
# Paths
# ---------------------------------------------------------------------------


def test_path_text(fixture: ClaimGraph) -> None:
    hops = find_path(fixture, "创始人", "科技局")
    assert hops.attrs["path"] == "创始人 —FOUNDED→ 企业一 ←SERVES— 科技局"
    assert hops.columns.tolist() == list(PATH_COLUMNS)
    assert hops["hop"].tolist() == [1, 2]
    assert hops["direction"].tolist() == ["forward", "backward"]
    assert hops.loc[1, "text"] == "企业一 ←SERVES— 科技局"
    chain = find_path(fixture, "母基金", "企业三")
    assert chain.attrs["path"] == "母基金 —COMMITTED_TO→ 子基金 —INVESTED_IN→ 企业三"


def test_path_by_alias_and_id(fixture: ClaimGraph) -> None:
    ag = analysis_graph(fixture)
    bank = ag.actors.loc[ag.actors["name"] == "银行乙", "id"].item()
    by_alias = find_path(fixture, "乙行", "企业一")
    by_id = find_path(fixture, bank, "企业一")
    pd.testing.assert_frame_equal(by_alias, by_id)
    assert by_id.attrs["path"] == "银行乙 —LENT_TO→ 企业一"


def test_path_errors_and_edge_cases(fixture: ClaimGraph) -> None:
    with pytest.raises(UnknownActorError, match="无此人"):
        find_path(fixture, "无此人", "企业一")
    with pytest.raises(KeyError):
        find_path(fixture, "企业一", "nobody")
    same = find_path(fixture, "企业一", "企业一")
    assert len(same) == 0 and same.attrs["path"] == "企业一"
    apart = find_path(fixture, "母基金", "企业一", as_of="2025-12-31")
    assert len(apart) == 0 and apart.attrs["path"] is None


def test_path_mutual_relation() -> None:
    g = ClaimGraph.build(
        [("行", ["Bank"], []), ("局", ["Government"], [])],
        [
            {"source": "局", "target": "行", "type": "COOPERATES_WITH"},
            {"source": "局", "target": "行", "type": "SERVES"},
        ],
    )
    assert find_path(g, "局", "行").attrs["path"] == "局 —COOPERATES_WITH—/—SERVES→ 行"
    assert find_path(g, "行", "局").loc[0, "direction"] == "mutual|backward"


# ---------------------------------------------------------------------------
# Syndicates, chains, helix
# ---------------------------------------------------------------------------


def test_syndicate_weights(fixture: ClaimGraph) -> None:
    table = syndicates(fixture)
    assert table.columns.tolist() == list(SYNDICATE_COLUMNS)
    ag = analysis_graph(fixture)
    ids = dict(zip(ag.actors["name"], ag.actors["id"], strict=True))
    # B1 and B2 both lent to E1 and E2; nobody else shares a venture
    assert len(table) == 1
    row = table.iloc[0]
    assert {row["source"], row["target"]} == {ids["银行甲"], ids["银行乙"]}
    assert row["source"] < row["target"] and row["shared"] == 2
    assert row["ventures"] == "|".join(sorted([ids["企业一"], ids["企业二"]]))
    assert "both back 2 ventures" in row["reason"]
    assert syndicates(fixture, min_shared=3).empty


def test_syndicates_match_plain_projection() -> None:
    rng = np.random.default_rng(11)
    investors = [(f"投资{i}", ["Investor"], []) for i in range(15)]
    firms = [(f"企业{i}", ["Enterprise"], []) for i in range(20)]
    claims = [
        {"source": f"投资{i}", "target": f"企业{j}", "type": "INVESTED_IN"}
        for i in range(15)
        for j in range(20)
        if rng.random() < 0.2
    ]
    g = ClaimGraph.build(investors + firms, claims)
    table = syndicates(g)
    ag = analysis_graph(g)
    name = dict(zip(ag.actors["id"], ag.actors["name"], strict=True))
    backs: dict[str, set[str]] = {}
    for c in claims:
        backs.setdefault(str(c["source"]), set()).add(str(c["target"]))
    expected = {}
    names = sorted(backs)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if backs[a] & backs[b]:
                expected[frozenset((a, b))] = len(backs[a] & backs[b])
    got = {
        frozenset((name[s], name[t])): w
        for s, t, w in table[["source", "target", "shared"]].itertuples(index=False)
    }
    assert got == expected
    assert table["shared"].is_monotonic_decreasing


def test_chain_amounts(fixture: ClaimGraph) -> None:
    table = fund_chains(fixture)
    assert table.columns.tolist() == [*CHAIN_COLUMNS, "total_CNY"]
    by_path = {row.path: row for row in table.itertuples(index=False)}
    assert set(by_path) == {
        "母基金 —COMMITTED_TO 50,000,000 CNY→ 子基金 —INVESTED_IN 10,000,000 CNY→ 企业三",
        "管理人 —MANAGES→ 子基金 —INVESTED_IN 10,000,000 CNY→ 企业三",
    }
    mother = next(row for path, row in by_path.items() if path.startswith("母基金"))
    assert mother.hops == 2 and mother.total_CNY == 60_000_000.0
    assert mother.hop_amounts == "50,000,000 CNY; 10,000,000 CNY"
    manager = next(row for path, row in by_path.items() if path.startswith("管理人"))
    assert manager.hop_amounts == "?; 10,000,000 CNY" and manager.total_CNY == 10_000_000.0
    # before F1 invested, no chain reaches an enterprise
    assert fund_chains(fixture, as_of="2025-12-31").empty


def test_chains_are_maximal() -> None:
    g = ClaimGraph.build(
        [
            ("省", ["Government"], []),
            ("母", ["Fund"], []),
            ("子", ["Fund"], []),
            ("企", ["Enterprise"], []),
        ],
        [
            {
                "source": "省",
                "target": "母",
                "type": "COMMITTED_TO",
                "amount": 1e8,
                "currency": "CNY",
            },
            {
                "source": "母",
                "target": "子",
                "type": "COMMITTED_TO",
                "amount": 2e7,
                "currency": "USD",
            },
            {"source": "子", "target": "企", "type": "INVESTED_IN"},
        ],
    )
    table = fund_chains(g)
    # 母 → 子 → 企 is the tail of 省 → 母 → 子 → 企 and is not listed again
    assert len(table) == 1 and table.loc[0, "hops"] == 3
    assert table.loc[0, "total_CNY"] == 1e8 and table.loc[0, "total_USD"] == 2e7
    assert table.loc[0, "hop_amounts"] == "100,000,000 CNY; 20,000,000 USD; ?"
    assert len(fund_chains(g, max_hops=2)) == 1  # only 母 → 子 → 企 fits in two hops


def _h(*counts: float) -> float:
    total = sum(counts)
    return -sum(c / total * math.log2(c / total) for c in counts if c)


def test_synergy_hand_checked() -> None:
    # events (U,I,G): 110, 101, 011, 111. Each helix is present in 3 of 4 events:
    # H_U = H_I = H_G = H(3/4, 1/4) = 0.811278; each pair has cells 11 (2), 10 (1),
    # 01 (1): H = 1.5 bits; the triple has 4 distinct cells: H_UIG = 2 bits.
    # T = 3 · 0.811278 − 3 · 1.5 + 2 = −0.066166 (synergy)
    codes = pd.DataFrame({"U": [1, 1, 0, 1], "I": [1, 0, 1, 1], "G": [0, 1, 1, 1]})
    h = synergy(codes)
    assert h["H_U"] == pytest.approx(0.8112781244591328)
    assert h["H_UI"] == pytest.approx(1.5) and h["H_UIG"] == pytest.approx(2.0)
    assert h["T"] == pytest.approx(3 * 0.8112781244591328 - 4.5 + 2)
    assert h["T"] == pytest.approx(-0.066166, abs=1e-6)
    # weights count rows; uncoded rows are left out
    weighted = pd.DataFrame({"U": [1, 0, 0], "I": [1, 1, 0], "G": [0, 1, 0], "weight": [2, 2, 5]})
    assert synergy(weighted)["H_UIG"] == pytest.approx(1.0)


def test_helix_on_fixture(fixture: ClaimGraph) -> None:
    table = helix(fixture, by="all")
    assert table.columns.tolist() == list(HELIX_COLUMNS)
    row = table.iloc[0]
    # the 14 claims coded (U, I, G): 010 ×8 (loans, founding, fund hops),
    # 110 ×1 (tech transfer), 011 ×4 (3 LOCATED_IN park, 科技局 SERVES 企业一),
    # 001 ×1 (科技局 SERVES 园区)
    assert (row["events"], row["uncoded"], row["U"], row["I"], row["G"]) == (14, 0, 1, 13, 5)
    expected = (
        # H_U, H_I, H_G
        _h(13, 1)
        + _h(1, 13)
        + _h(9, 5)
        - _h(12, 1, 1)  # UI: 01 ×12, 11 ×1, 00 ×1
        - _h(8, 1, 5)  # UG: 00 ×8, 10 ×1, 01 ×5
        - _h(9, 4, 1)  # IG: 10 ×9, 11 ×4, 01 ×1
        + _h(8, 1, 4, 1)
    )
    assert row["T"] == pytest.approx(expected, abs=1e-12)
    parks = helix(fixture, by="park")
    assert parks["name"].tolist() == ["园区"]
    # 园区's events: those touching P1 or an actor located in it (E1, E2, E3):
    # all but 母基金→子基金 and 管理人→子基金
    assert parks.loc[0, "events"] == 12
    comps = helix(fixture, by="component")
    assert len(comps) == 1 and comps.loc[0, "name"] == "network of 企业一"


# ---------------------------------------------------------------------------
# Contract: columns, determinism, input unchanged, every input kind
# ---------------------------------------------------------------------------

QUERIES = {
    "brokers": lambda g: brokers(g),
    "brokers_sampled": lambda g: brokers(g, betweenness="sampled", k=5, seed=3),
    "betweenness": lambda g: betweenness(g).to_frame(),
    "burt": lambda g: burt(g),
    "path": lambda g: find_path(g, "创始人", "管理人"),
    "syndicates": lambda g: syndicates(g),
    "chains": lambda g: fund_chains(g),
    "helix": lambda g: helix(g, by="park"),
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_contract_deterministic_and_pure(name: str, fixture: ClaimGraph) -> None:
    query = QUERIES[name]
    before = copy.deepcopy(fixture)
    first = query(fixture)
    second = query(fixture)
    pd.testing.assert_frame_equal(first, second)
    assert first.attrs == second.attrs
    pd.testing.assert_frame_equal(fixture.actors, before.actors)
    pd.testing.assert_frame_equal(fixture.claims, before.claims)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_contract_networkx_input_unchanged(name: str, fixture: ClaimGraph) -> None:
    G = analysis_graph(fixture).to_networkx()
    before = nx.node_link_data(G, edges="links")
    out = QUERIES[name](G)
    assert nx.node_link_data(G, edges="links") == before
    # the same answer as from the claim graph, except dates (a networkx graph has none)
    if name != "chains":
        assert len(out) == len(QUERIES[name](fixture))


def test_contract_leading_columns(fixture: ClaimGraph) -> None:
    assert brokers(fixture).columns[:3].tolist() == ["node", "type", "name"]
    for frame in (syndicates(fixture), fund_chains(fixture), find_path(fixture, "教授", "园区")):
        assert frame.columns[:2].tolist() == ["source", "target"]
    for frame in (brokers(fixture), syndicates(fixture), fund_chains(fixture), helix(fixture)):
        assert "reason" in frame.columns
        assert frame["reason"].map(lambda s: isinstance(s, str) and len(s) > 0).all()


# ---------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------


@pytest.fixture()
def graph_file(fixture: ClaimGraph, tmp_path: Path) -> Path:
    path = tmp_path / "g.json"
    path.write_text(to_json(fixture), encoding="utf-8")
    return path


def test_cli_brokers(graph_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brokers", str(graph_file), "--top", "3"]) == 0
    out = capsys.readouterr()
    assert "园区" in out.out.splitlines()[1] and "betweenness: exact" in out.err
    csv = tmp_path / "b.csv"
    assert main(["brokers", str(graph_file), "--csv", str(csv), "--sample", "4"]) == 0
    written = pd.read_csv(csv)
    assert len(written) == 12 and written.columns[:3].tolist() == ["node", "type", "name"]
    assert "sampled k=4 seed=0" in capsys.readouterr().err


def test_cli_path_syndicates_chains_helix(
    graph_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["path", str(graph_file), "创始人", "科技局"]) == 0
    assert capsys.readouterr().out.strip() == "创始人 —FOUNDED→ 企业一 ←SERVES— 科技局"
    assert main(["path", str(graph_file), "创始人", "无此人"]) == 1
    assert "no actor is named '无此人'" in capsys.readouterr().err
    assert main(["syndicates", str(graph_file)]) == 0
    assert "银行甲 and 银行乙 both back 2 ventures" in capsys.readouterr().out
    assert main(["chains", str(graph_file)]) == 0
    assert "母基金 —COMMITTED_TO 50,000,000 CNY→ 子基金" in capsys.readouterr().out
    assert main(["helix", str(graph_file), "--by", "park"]) == 0
    assert "园区" in capsys.readouterr().out


def test_demo_writes_csvs(fixture: ClaimGraph, tmp_path: Path) -> None:
    from ecox.cmd_brokers import demo

    written = demo(fixture, tmp_path)
    assert [p.name for p in written] == ["brokers.csv", "syndicates.csv", "chains.csv", "helix.csv"]
    assert pd.read_csv(written[0])["name"].iloc[0] == "园区"


@pytest.mark.parametrize("size", [0, 1, 2])
def test_tiny_graphs(size: int) -> None:
    actors = [("行", ["Bank"], []), ("企", ["Enterprise"], [])][:size]
    claims = [{"source": "行", "target": "企", "type": "LENT_TO"}] if size == 2 else []
    g = ClaimGraph.build(actors, claims)
    table = brokers(g)
    assert len(table) == size and table.columns[:3].tolist() == ["node", "type", "name"]
    assert (table["broker_score"] == 0).all() and (table["pairs"] == 0).all()
    assert syndicates(g).empty and fund_chains(g).empty
    assert len(helix(g, by="all")) == (1 if size == 2 else 0)


def test_betweenness_relabelled_and_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    import ecox.queries.betweenness as module

    G = _random_typed(9)
    U = analysis_of(G).to_networkx(directed=False)
    ref = nx.betweenness_centrality(U, k=30, seed=4)
    plain = betweenness(G, method="sampled", k=30, seed=4)
    monkeypatch.setattr(module, "_RELABEL_FROM", 0)  # reverse Cuthill–McKee labels
    relabelled = betweenness(G, method="sampled", k=30, seed=4, workers=2)
    exact = betweenness(G, method="exact", workers=2)
    np.testing.assert_allclose(relabelled, plain, atol=1e-12)
    np.testing.assert_allclose(relabelled, [ref[v] for v in relabelled.index], atol=1e-12)
    exact_ref = nx.betweenness_centrality(U)
    np.testing.assert_allclose(exact, [exact_ref[v] for v in exact.index], atol=1e-12)
    table = brokers(G, betweenness="sampled", k=30, seed=4, workers=2).set_index("node")
    np.testing.assert_allclose(table.loc[plain.index, "broker_score"], plain, atol=1e-12)


def test_chains_limit() -> None:
    firms = [(f"企{i}", ["Enterprise"], []) for i in range(4)]
    funds = [("母", ["Fund"], []), ("子", ["Fund"], [])]
    claims = [{"source": "母", "target": "子", "type": "COMMITTED_TO"}] + [
        {"source": "子", "target": f"企{i}", "type": "INVESTED_IN"} for i in range(4)
    ]
    g = ClaimGraph.build(funds + firms, claims)
    full = fund_chains(g)
    assert len(full) == 4 and full.attrs["truncated"] is False
    cut = fund_chains(g, max_chains=2)
    assert len(cut) == 2 and cut.attrs["truncated"] is True
    assert set(cut["path"]) <= set(full["path"])


# ---------------------------------------------------------------------------
# The shared betweenness: exact reductions, bounds, convergence, progress
# ---------------------------------------------------------------------------


def _stars_and_twins(seed: int) -> nx.Graph:
    """A random core with stars (leaves), twins (same partners) and small components."""
    rng = np.random.default_rng(seed)
    G = nx.gnm_random_graph(80, 110, seed=seed)
    for hub in range(6):
        G.add_edges_from((hub, f"leaf{hub}-{j}") for j in range(int(rng.integers(1, 7))))
    for twin in range(5):  # five actors tied to the same two partners
        G.add_edges_from([(f"twin{twin}", 10), (f"twin{twin}", 11)])
    G.add_edges_from([("a", "b"), ("b", "c"), ("d", "e"), ("f", "g"), ("f", "h"), ("f", "i")])
    G.add_node("alone")
    H = nx.Graph()
    H.add_nodes_from((str(v), {"type": "Enterprise"}) for v in G)
    H.add_edges_from(((str(u), str(v)) for u, v in G.edges()), relations="COOPERATES_WITH")
    return H


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_exact_reductions_match_networkx(seed: int) -> None:
    G = _stars_and_twins(seed)
    ag = analysis_of(G)
    U = ag.to_networkx(directed=False)
    ours = brokers(ag, betweenness="exact").set_index("node")
    ref = nx.betweenness_centrality(U, normalized=False)
    np.testing.assert_allclose(ours.loc[list(ref), "pairs"], list(ref.values()), atol=1e-9)
    ref_score = nx.betweenness_centrality(U)
    np.testing.assert_allclose(
        ours.loc[list(ref_score), "broker_score"], list(ref_score.values()), atol=1e-12
    )
    assert ours.loc["f", "pairs"] == 3.0  # a 4-actor star's centre: 3 pairs
    forked = brokers(analysis_of(G), betweenness="exact", workers=2).set_index("node")
    np.testing.assert_allclose(forked.loc[ours.index, "pairs"], ours["pairs"], atol=1e-9)


@pytest.mark.parametrize("k", [1, 2, 7, 40])
def test_scores_bounded_in_sampled_mode(k: int) -> None:
    # stars are the worst case for the estimator: every search depends on the centre
    G = nx.star_graph(60)
    nx.set_node_attributes(G, "Bank", "type")
    nx.set_edge_attributes(G, "COOPERATES_WITH", "relations")
    for seed in range(5):
        table = brokers(G, betweenness="sampled", k=k, seed=seed)
        assert table["broker_score"].between(0.0, 1.0).all(), (k, seed)
        assert table.attrs["betweenness"] == f"sampled k={k} seed={seed}"
    exact = brokers(G, betweenness="exact")
    assert exact.loc[0, "broker_score"] == 1.0 and exact["broker_score"].iloc[1:].eq(0).all()


def test_sampled_converges_to_exact() -> None:
    from ecox.graph.synthetic import synthetic_analysis_graph
    from ecox.queries.betweenness import betweenness_pairs

    ag = synthetic_analysis_graph(1500, seed=3)
    a = ag.adjacency.undirected()
    exact, _ = betweenness_pairs(a, method="exact")
    scale = exact.max()
    errors = {}
    for k in (16, 64, 256, 1024):
        runs = [betweenness_pairs(a, method="sampled", k=k, seed=s)[0] for s in range(3)]
        errors[k] = float(np.mean([np.abs(r - exact).max() for r in runs]) / scale)
    # the largest error, relative to the top score, shrinks as k grows (about 1/√k)
    assert errors[16] > errors[64] > errors[256] > errors[1024]
    assert errors[1024] < 0.5 * errors[64]
    sampled_all, how = betweenness_pairs(a, method="sampled", k=1500)
    assert how == "exact" and np.allclose(sampled_all, exact)


def test_progress_bar_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    from ecox.queries.betweenness import betweenness_pairs

    G = nx.path_graph(40)
    import scipy.sparse as sp

    a = sp.csr_array(nx.to_scipy_sparse_array(G))
    betweenness_pairs(a, method="exact", progress=True)
    assert "betweenness: 100%" in capsys.readouterr().err
    betweenness_pairs(a, method="exact", progress=False)
    assert capsys.readouterr().err == ""


def test_betweenness_kept_on_disk_for_the_next_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ecox.graph.synthetic import synthetic_analysis_graph
    from ecox.queries import betweenness as bt

    monkeypatch.setenv("ECOX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(bt, "DISK_CACHE_FROM", 1000)
    first = bt.shared_betweenness(synthetic_analysis_graph(6000, seed=2), workers=1)
    stored = list((tmp_path / "cache" / "betweenness").glob("*.npz"))
    assert len(stored) == 1 and first.how.startswith("kadabra")

    def recompute(*args: object, **kwargs: object) -> None:
        raise AssertionError("betweenness computed again")

    monkeypatch.setattr(bt, "_pairs", recompute)
    again = bt.shared_betweenness(synthetic_analysis_graph(6000, seed=2))  # a new graph object
    assert again.how == first.how and np.array_equal(again.pairs, first.pairs)
    with pytest.raises(AssertionError, match="computed again"):  # other ties: other file
        bt.shared_betweenness(synthetic_analysis_graph(6000, seed=3))
    stored[0].write_bytes(b"not an npz")  # a damaged file is computed again, not trusted
    monkeypatch.undo()
    monkeypatch.setenv("ECOX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(bt, "DISK_CACHE_FROM", 1000)
    fresh = bt.shared_betweenness(synthetic_analysis_graph(6000, seed=2), workers=1)
    assert np.array_equal(fresh.pairs, first.pairs)


def test_broker_numbers_kept_on_disk_beside_the_betweenness(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ecox.graph.synthetic import synthetic_analysis_graph
    from ecox.queries import betweenness as bt
    from ecox.queries import brokers as bk

    monkeypatch.setenv("ECOX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(bt, "DISK_CACHE_FROM", 1000)
    first = brokers(synthetic_analysis_graph(3000, seed=2), workers=1, reasons=False)
    stored = list((tmp_path / "cache" / "brokers").glob("*.npz"))
    assert len(stored) == 1

    def recount(*args: object, **kwargs: object) -> None:
        raise AssertionError("numbers counted again")

    monkeypatch.setattr(bk, "_counted", recount)
    again = brokers(synthetic_analysis_graph(3000, seed=2), reasons=False)  # a new graph object
    pd.testing.assert_frame_equal(again, first)
    assert again.attrs == first.attrs
    numbers = bk.broker_numbers(synthetic_analysis_graph(3000, seed=2))
    assert sorted(numbers["brokerage"].tolist()) == sorted(first["brokerage"].tolist())
    with pytest.raises(AssertionError, match="counted again"):  # other ties: other file
        brokers(synthetic_analysis_graph(3000, seed=3), workers=1)
    graph = synthetic_analysis_graph(3000, seed=2)
    retyped = dataclasses.replace(graph, actors=graph.actors.assign(types="Bank"))
    with pytest.raises(AssertionError, match="counted again"):  # same ties, other types
        brokers(retyped, reasons=False)
    stored[0].write_bytes(b"not an npz")  # a damaged file is counted again, not trusted
    monkeypatch.setattr(bk, "_counted", recount)
    with pytest.raises(AssertionError, match="counted again"):
        brokers(synthetic_analysis_graph(3000, seed=2), reasons=False)
