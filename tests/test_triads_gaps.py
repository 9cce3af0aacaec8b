"""Triads and gaps: the hand-worked mini ecosystem, the seed, and fast versus networkx oracle.

Expected values of the mini ecosystem are worked out in tests/fixtures/mini/README.md.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from ecox.graph.analysis import analysis_graph
from ecox.graph.synthetic import synthetic_analysis_graph, synthetic_claim_graph
from ecox.queries import triads_oracle as oracle
from ecox.queries.gaps import (
    FILL_COLUMNS,
    HOLE_COLUMNS,
    LINK_COLUMNS,
    UNDER_COLUMNS,
    community_holes,
    fill_candidates,
    missing_links,
    under_connected,
)
from ecox.queries.triads import (
    CENSUS_COLUMNS,
    OPEN_COLUMNS,
    ROLES,
    TRIAD_COLUMNS,
    complete_triads,
    open_triads,
    triad_census,
)

ROLE_COLS = ["enterprise", "scientist", "entrepreneur", "investor"]


def _names(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return [tuple(None if pd.isna(v) else v for v in row) for row in frame[columns].values]


# --------------------------------------------------------------------------- mini fixture


def test_mini_complete_triads(mini_graph):
    t = complete_triads(mini_graph)
    assert list(t.columns) == list(TRIAD_COLUMNS)
    got = set(
        _names(t, ["enterprise_name", "scientist_name", "entrepreneur_name", "investor_name"])
    )
    assert got == {
        ("光谷科技有限公司", "李明教授", "王创", "青松创投"),
        ("光谷科技有限公司", "李明教授", "王创", "江南银行"),
        ("光谷科技有限公司", "东湖大学", "王创", "青松创投"),
        ("光谷科技有限公司", "东湖大学", "王创", "江南银行"),
    }
    assert len(t) == 4
    assert t["reason"].str.contains("transferred technology to it").all()
    assert list(t["enterprise"] + t["scientist"] + t["investor"]) == sorted(
        t["enterprise"] + t["scientist"] + t["investor"]
    )


def test_mini_as_of_drops_the_later_loan(mini_graph):
    t = complete_triads(mini_graph, as_of="2024-12")
    assert set(t["investor_name"]) == {"青松创投"}
    assert len(t) == 2


def test_mini_open_triads(mini_graph):
    o = open_triads(mini_graph)
    assert list(o.columns) == list(OPEN_COLUMNS)
    got = _names(
        o, ["enterprise_name", "scientist_name", "entrepreneur_name", "investor_name", "missing"]
    )
    assert sorted(got, key=str) == sorted(
        [
            ("星河材料有限公司", "东湖大学", "赵博士", None, "investor"),
            ("云帆医疗有限公司", None, "陈总", "启明基金", "scientist"),
        ],
        key=str,
    )
    star = o[o["enterprise_name"] == "星河材料有限公司"].iloc[0]
    assert "missing an investor, fund or bank" in star["reason"]
    assert pd.isna(star["investor"]) and pd.isna(star["investor_name"])


@pytest.mark.parametrize(
    ("types", "paths", "closed"),
    [
        (("Scientist", "Enterprise", "Investor"), 1, 0),
        (("Enterprise", "Park", "Bank"), 2, 1),
        (("Institute", "Enterprise", "Scientist"), 2, 1),
    ],
)
def test_mini_census(mini_graph, types, paths, closed):
    row = triad_census(mini_graph, types).iloc[0]
    assert (row["paths"], row["closed"], row["open"]) == (paths, closed, paths - closed)
    assert row["closure"] == pytest.approx(closed / paths)


def test_mini_census_all_triples_contains_the_single_ones(mini_graph):
    full = triad_census(mini_graph)
    assert list(full.columns) == list(CENSUS_COLUMNS)
    assert (full["paths"] > 0).all()
    assert list(full["paths"]) == sorted(full["paths"], reverse=True)
    row = full[
        (full["a_type"] == "Enterprise") & (full["b_type"] == "Park") & (full["c_type"] == "Bank")
    ].iloc[0]
    assert (row["paths"], row["closed"]) == (2, 1)


def test_mini_fill_candidates(mini_graph):
    f = fill_candidates(mini_graph)
    assert list(f.columns) == list(FILL_COLUMNS)
    star = f[f["enterprise_name"] == "星河材料有限公司"]
    assert list(star["candidate_name"]) == ["江南银行", "启明基金", "青松创投"]
    assert list(star["rank"]) == [1, 2, 3]
    top = star.iloc[0]
    assert top["adamic_adar"] == pytest.approx(1 / math.log(5))
    assert top["resource_allocation"] == pytest.approx(0.2)
    assert (top["common"], top["shared_parks"], top["co_investors"]) == (1, 1, 1)
    assert top["score"] == pytest.approx(1 / math.log(5) + 0.2 + 1 + 1)
    assert "shares 1 partner with 星河材料有限公司: 未来科学城" in top["reason"]
    assert "东湖大学" in top["reason"]  # the co-investment path names the team member
    assert star.iloc[1]["score"] == pytest.approx(1 / math.log(5) + 0.2 + 1)
    qing = star.iloc[2]
    assert (qing["common"], qing["co_investors"], qing["score"]) == (0, 1, 1.0)
    assert "光谷科技有限公司" in qing["via"]
    # 湖畔实验室 shares 启明基金 but has no research tie: the able scientist nearest in the network
    cloud = f[f["enterprise_name"] == "云帆医疗有限公司"]
    assert list(cloud["candidate_name"]) == ["李明教授"]
    assert (cloud.iloc[0]["score"], cloud.iloc[0]["common"]) == (0.0, 0)
    assert (
        cloud.iloc[0]["via"]
        == "李明教授 — 光谷科技有限公司 — 未来科学城 — 启明基金 — 云帆医疗有限公司"
    )
    assert "4 links away" in cloud.iloc[0]["reason"] and "相距4步" in cloud.iloc[0]["reason_zh"]


def test_mini_fill_top_cut(mini_graph):
    f = fill_candidates(mini_graph, top=1)
    assert list(f["candidate_name"]) == ["李明教授", "江南银行"] or list(f["candidate_name"]) == [
        "江南银行",
        "李明教授",
    ]
    assert (f["rank"] == 1).all()


def test_mini_under_connected(mini_graph):
    u = under_connected(mini_graph)
    assert list(u.columns) == list(UNDER_COLUMNS)
    assert _names(u, ["name", "gap"]) == [
        ("星河材料有限公司", "no_capital"),
        ("湖畔实验室", "no_enterprise"),
        ("启明基金", "no_regional_investment"),
        ("南湖孵化器", "no_finance"),
    ]
    fund = u[u["gap"] == "no_regional_investment"].iloc[0]
    assert "未来科学城" in fund["reason"]
    assert "成果躺在纸上" in u[u["gap"] == "no_enterprise"].iloc[0]["reason"]


def test_mini_missing_links(mini_graph, mini_id):
    links = missing_links(mini_graph, top=20)
    assert list(links.columns) == list(LINK_COLUMNS)
    assert len(links) == 4  # 湖畔实验室 has no research tie: not proposed as a scientist
    assert _names(links.head(1), ["source_name", "target_name"]) == [
        ("李明教授", "星河材料有限公司")
    ]
    assert links["adamic_adar"].iloc[0] == pytest.approx(1 / math.log(3))
    rest = [
        ("江南银行", "星河材料有限公司"),
        ("启明基金", "光谷科技有限公司"),
        ("启明基金", "星河材料有限公司"),
    ]
    rest.sort(key=lambda p: (mini_id[p[0]], mini_id[p[1]]))
    assert _names(links.iloc[1:], ["source_name", "target_name"]) == rest
    assert links["adamic_adar"].iloc[1:].tolist() == pytest.approx([1 / math.log(5)] * 3)
    bank = links[links["source_name"] == "江南银行"].iloc[0]
    assert (bank["role"], bank["relation"]) == ("investor", "LENT_TO")
    assert "未来科学城" in bank["reason"]


def test_mini_community_holes(mini_graph):
    holes = community_holes(mini_graph, seed=0)
    assert list(holes.columns) == list(HOLE_COLUMNS)
    assert (holes["ratio"] < 1).all()
    assert list(holes["ratio"]) == sorted(holes["ratio"])
    assert holes.equals(community_holes(mini_graph, seed=0))


# --------------------------------------------------------------------------- seed


def test_seed_qingda_guangde_is_a_venture(seed_graph):
    t = complete_triads(seed_graph)
    o = open_triads(seed_graph)
    name = "清大光德(浙江)照明科技有限公司"
    rows = pd.concat([t[t["enterprise_name"] == name], o[o["enterprise_name"] == name]])
    assert len(rows) > 0
    assert set(t[t["enterprise_name"] == name]["entrepreneur_name"]) == {"曹磊"}
    assert set(t[t["enterprise_name"] == name]["investor_name"]) == {"邮储银行温州分行", "稠州银行"}


CONTRACT = [
    complete_triads,
    open_triads,
    triad_census,
    fill_candidates,
    under_connected,
    missing_links,
    community_holes,
]


@pytest.mark.parametrize("query", CONTRACT, ids=lambda f: f.__name__)
def test_seed_contract(seed_graph, query):
    before = (seed_graph.actors.copy(), seed_graph.claims.copy())
    first = query(seed_graph)
    second = query(seed_graph)
    assert first.equals(second)
    assert seed_graph.actors.equals(before[0]) and seed_graph.claims.equals(before[1])
    assert "reason" in first.columns
    if len(first):
        assert first["reason"].map(lambda r: isinstance(r, str) and len(r) > 10).all()


@pytest.mark.parametrize(
    "query",
    [complete_triads, open_triads, fill_candidates, under_connected],
    ids=lambda f: f.__name__,
)
def test_synthetic_determinism_and_accepts_every_input(query):
    claims = synthetic_claim_graph(300, seed=5)
    ag = analysis_graph(claims)
    a = query(claims).reset_index(drop=True)
    b = query(ag).reset_index(drop=True)
    c = query(ag.to_networkx()).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a, c)


# --------------------------------------------------------------------------- fast vs oracle

SEEDS = [0, 1, 2, 3]


@pytest.fixture(scope="module", params=SEEDS)
def random_graph(request):
    ag = synthetic_analysis_graph(400, claims_per_actor=4, seed=request.param)
    return ag, ag.to_networkx()


def test_complete_triads_match_oracle(random_graph):
    ag, nxg = random_graph
    fast = complete_triads(ag)
    assert set(fast[ROLE_COLS].itertuples(index=False, name=None)) == oracle.complete_triads_nx(nxg)
    assert len(fast) == len(oracle.complete_triads_nx(nxg))


def test_open_triads_match_oracle(random_graph):
    ag, nxg = random_graph
    fast = open_triads(ag)
    got = {
        tuple(None if pd.isna(v) else v for v in row)
        for row in fast[[*ROLE_COLS, "missing"]].itertuples(index=False, name=None)
    }
    assert got == oracle.open_triads_nx(nxg)
    assert len(fast) == len(got)


@pytest.mark.parametrize(
    "types",
    [
        ("Scientist", "Enterprise", "Investor"),
        ("Enterprise", "Park", "Enterprise"),
        ("Scientist", "Scientist", "Scientist"),
        ("Entrepreneur", "Enterprise", "Bank"),
        ("Investor", "Enterprise", "Investor"),
    ],
)
def test_census_matches_oracle(random_graph, types):
    ag, nxg = random_graph
    row = triad_census(ag, types).iloc[0]
    assert (row["paths"], row["closed"]) == oracle.triad_census_nx(nxg, *types)


def test_census_all_triples_match_single(random_graph):
    ag, _ = random_graph
    full = triad_census(ag).set_index(["a_type", "b_type", "c_type"])
    for triple in [("Enterprise", "Park", "Enterprise"), ("Scientist", "Enterprise", "Bank")]:
        single = triad_census(ag, triple).iloc[0]
        if single["paths"]:
            assert full.loc[triple, "closed"] == single["closed"]


def test_fill_candidates_match_oracle(random_graph):
    ag, nxg = random_graph
    fast = fill_candidates(ag, top=10**6)  # no cut: every supported candidate
    nearest = fast[(fast["common"] == 0) & (fast["co_investors"] == 0)]
    fast = fast[(fast["common"] > 0) | (fast["co_investors"] > 0)]
    expected = oracle.fill_scores_nx(nxg)
    # a venture without a supported candidate gets one nearest row (or a row saying nobody)
    supported = {(e, m) for e, m, _ in expected}
    short = {(o[0], o[4]) for o in oracle.open_triads_nx(nxg)}
    assert sorted(zip(nearest["enterprise"], nearest["missing"], strict=True)) == sorted(
        short - supported
    )
    got = {
        (r.enterprise, r.missing, r.candidate): (
            r.score,
            r.common,
            r.adamic_adar,
            r.resource_allocation,
            r.shared_parks,
            r.co_investors,
        )
        for r in fast.itertuples(index=False)
    }
    assert got.keys() == expected.keys()
    for key, values in expected.items():
        assert got[key] == pytest.approx(values, abs=1e-9)
    # ranks follow scores, ties by candidate id
    for _, group in fast.groupby(["enterprise", "missing"]):
        keys = list(zip(-group["score"].round(9), group["candidate"], strict=True))
        assert keys == sorted(keys)
        assert list(group["rank"]) == list(range(1, len(group) + 1))


def test_missing_links_match_oracle(random_graph):
    ag, nxg = random_graph
    fast = missing_links(ag, top=15)
    expected = oracle.missing_links_nx(nxg, 15)
    assert list(zip(fast["source"], fast["target"], strict=True)) == [e[:2] for e in expected]
    assert fast["adamic_adar"].tolist() == pytest.approx([e[2] for e in expected], abs=1e-9)
    assert fast["resource_allocation"].tolist() == pytest.approx([e[3] for e in expected], abs=1e-9)


def test_missing_links_hub_split_is_exact(random_graph, monkeypatch):
    import ecox.queries.gaps.sparse as sparse

    ag, _ = random_graph
    whole = missing_links(ag, top=10)
    monkeypatch.setattr(sparse, "path_budget", lambda *_: 50)  # hubs out of the first product
    split = missing_links(ag, top=10)
    pd.testing.assert_frame_equal(whole, split)


def test_fill_candidates_hub_split_is_exact(random_graph, monkeypatch):
    import ecox.queries.gaps.sparse as sparse

    ag, _ = random_graph
    whole = fill_candidates(ag, top=3)
    monkeypatch.setattr(sparse, "path_budget", lambda *_: 50)  # hubs out, unsettled rows redone
    split = fill_candidates(ag, top=3)
    pd.testing.assert_frame_equal(whole, split)


def test_under_connected_matches_oracle(random_graph):
    ag, nxg = random_graph
    fast = under_connected(ag)
    assert set(zip(fast["node"], fast["gap"], strict=True)) == oracle.under_connected_nx(nxg)


def test_synthetic_shapes():
    ag = synthetic_analysis_graph(5_000, seed=9)
    counts = ag.actors["type"].value_counts(normalize=True)
    assert counts["Enterprise"] > counts["Scientist"] > counts["Investor"] > counts["Bank"]
    assert len(ag.links) == 25_000
    deg = np.diff(ag.adjacency.undirected().indptr)
    assert deg.max() > 20 * np.median(deg)  # heavy tail: hubs
    from ecox.graph.schema import SCHEMA

    types = dict(zip(ag.actors["id"], ag.actors["types"].str.split("|"), strict=True))
    sample = ag.links.sample(500, random_state=0)
    assert all(
        SCHEMA.allows(r.type, types[r.source], types[r.target])
        for r in sample.itertuples(index=False)
    )
    assert ag.links["first_date"].str[:4].astype(int).between(2012, 2025).all()


def test_missing_links_floor_pruning_is_exact(random_graph, monkeypatch):
    import ecox.queries.gaps.links as gaps
    import ecox.queries.gaps.sparse as sparse

    ag, nxg = random_graph
    monkeypatch.setattr(gaps, "_FLOOR_SEEDS", 10)  # seeds on the small graph: rows get pruned
    monkeypatch.setattr(gaps, "_FLOOR_SEED_DEGREE", 10**6)
    fast = missing_links(ag, top=8)
    expected = oracle.missing_links_nx(nxg, 8)
    assert list(zip(fast["source"], fast["target"], strict=True)) == [e[:2] for e in expected]
    monkeypatch.setattr(sparse, "path_budget", lambda *_: 50)  # with the hub split as well
    pd.testing.assert_frame_equal(fast, missing_links(ag, top=8))


def test_fill_candidates_weak_school_only_when_nothing_better():
    from ecox.graph.claims import ClaimGraph

    actors = [("新能源E", ["Enterprise"], []), ("创始人F", ["Entrepreneur"], []),
              ("银行B", ["Bank"], []), ("美院U", ["Institute"], [])]  # fmt: skip
    claims = [
        {"source": "创始人F", "target": "新能源E", "type": "FOUNDED"},
        {"source": "银行B", "target": "新能源E", "type": "LENT_TO"},
        {"source": "创始人F", "target": "美院U", "type": "AFFILIATED_WITH"},
    ]
    weak = fill_candidates(ClaimGraph.build(actors, claims)).iloc[0]
    assert (weak["candidate_name"], weak["via"]) == ("美院U", "美院U — 创始人F — 新能源E")
    assert "weak candidate" in weak["reason"] and "弱候选" in weak["reason_zh"]
    # a scientist two links further away beats the school
    actors += [("教授S", ["Scientist"], []), ("园区P", ["Park"], [])]
    claims += [
        {"source": "银行B", "target": "园区P", "type": "LOCATED_IN"},
        {"source": "教授S", "target": "园区P", "type": "COOPERATES_WITH"},
    ]
    able = fill_candidates(ClaimGraph.build(actors, claims))
    assert able["candidate_name"].tolist() == ["教授S"]
    assert "weak" not in able["reason"].iloc[0]


def test_missing_links_skip_enterprises_that_invest():
    """An Enterprise|Investor backing startups shares them with its co-investors: no tip."""
    from ecox.graph.claims import ClaimGraph

    actors = [("YC", ["Enterprise", "Investor"], []), ("SV Angel", ["Investor"], []),
              *((f"startup{k}", ["Enterprise"], []) for k in range(3))]  # fmt: skip
    claims = [
        {"source": backer, "target": f"startup{k}", "type": "INVESTED_IN"}
        for backer in ("YC", "SV Angel")
        for k in range(3)
    ]
    links = missing_links(ClaimGraph.build(actors, claims))
    assert "YC" not in set(links["target_name"])


@pytest.mark.parametrize("shuffled", [False, True])
def test_triads_limit_gives_the_first_rows(shuffled: bool) -> None:
    """``limit`` builds names and reasons for the first rows only: the same rows as ``head``,
    also when the actor table is not in id order (rows then ordered by id rank)."""
    from ecox.graph.analysis import AnalysisGraph
    from ecox.queries.triads import _order

    ag = synthetic_analysis_graph(3_000, seed=6)
    if shuffled:
        actors = ag.actors.sample(frac=1.0, random_state=1).reset_index(drop=True)
        ag = AnalysisGraph(actors=actors, links=ag.links)
        assert _order(ag.adjacency) is not None
    for query in (complete_triads, open_triads):
        whole = query(ag)
        assert len(whole) > 40
        by = ["enterprise", "missing", *ROLES] if "missing" in whole else ["enterprise", *ROLES]
        if "missing" in whole:  # missing roles in role order, as the table gives them
            key = whole.assign(missing=whole["missing"].map(ROLES.index))
            assert key.sort_values(by, na_position="first").index.tolist() == list(whole.index)
        else:
            pd.testing.assert_frame_equal(whole.sort_values(by, ignore_index=True), whole)
        for limit in (1, 17, len(whole) + 5):
            first = query(ag, limit=limit)
            pd.testing.assert_frame_equal(first, whole.head(limit))
            assert first.attrs["rows"] == len(whole)  # the report's row count


def test_undirected_adjacency_is_the_simple_graph_of_every_relation():
    """Both directions, duplicates and several relation types between one pair give one
    tie; a self-loop gives none; weights never leak into the 0/1 matrix."""
    import networkx as nx

    from ecox.graph.adjacency import TypedAdjacency

    rng = np.random.default_rng(7)
    ids = [f"a{i}" for i in range(60)]
    actors = pd.DataFrame({"id": ids, "types": ["Enterprise|Investor"] * 60})
    src = rng.integers(0, 60, 400)
    dst = rng.integers(0, 60, 400)
    kinds = rng.choice(["INVESTED_IN", "COOPERATES_WITH", "LENT_TO"], 400)
    links = pd.DataFrame({
        "source": [ids[i] for i in src], "target": [ids[i] for i in dst],
        "type": kinds, "weight": rng.integers(1, 300, 400),
    })
    simple = nx.Graph()
    simple.add_nodes_from(ids)
    simple.add_edges_from((ids[s], ids[t]) for s, t in zip(src, dst, strict=True) if s != t)
    expected = nx.to_scipy_sparse_array(simple, nodelist=ids, dtype=np.int8)
    got = TypedAdjacency.from_tables(actors, links).undirected()
    assert got.dtype == np.int8 and got.has_sorted_indices
    assert (got != expected).nnz == 0
    assert set(np.unique(got.data)) == {1}


def test_undirected_adjacency_of_a_graph_without_links_is_empty():
    from ecox.graph.adjacency import TypedAdjacency

    actors = pd.DataFrame({"id": ["a", "b"], "types": ["Bank", "Enterprise"]})
    links = pd.DataFrame({"source": [], "target": [], "type": [], "weight": []})
    got = TypedAdjacency.from_tables(actors, links).undirected()
    assert got.shape == (2, 2) and got.nnz == 0 and got.dtype == np.int8


@pytest.mark.parametrize("shuffled", [False, True])
def test_fill_limit_and_threads_give_the_rows_of_the_whole_table(shuffled, monkeypatch):
    """``limit`` scores and names the ventures of the first rows only, yet gives the rows of
    the whole table (co-investment hubs are still those of every venture, so the same
    ones are left out and named); the threads over the missing roles change nothing."""
    import ecox.queries.gaps.fill as fill
    import ecox.queries.gaps.sparse as sparse
    from ecox.graph.analysis import AnalysisGraph

    ag = synthetic_analysis_graph(3_000, seed=6)
    if shuffled:
        actors = ag.actors.sample(frac=1.0, random_state=1).reset_index(drop=True)
        ag = AnalysisGraph(actors=actors, links=ag.links)
    monkeypatch.setattr(fill, "path_budget", lambda *_: 5_000)  # co-investment hubs left out
    monkeypatch.setattr(sparse, "path_budget", lambda *_: 50)  # hub partners split off
    whole = fill_candidates(ag, top=3, workers=1)
    assert whole["reason"].str.contains("not counted", regex=False).sum() > 100
    pd.testing.assert_frame_equal(fill_candidates(ag, top=3, workers=3), whole)
    for limit in (1, 17, 400, len(whole) + 5):
        first = fill_candidates(ag, top=3, limit=limit)
        pd.testing.assert_frame_equal(first, whole.head(limit))


def test_queries_share_read_only_structures_and_give_the_tables_of_a_fresh_graph():
    from ecox.queries.gaps.sparse import wide_undirected
    from ecox.queries.triads import Ventures, able_holders

    def tables(graph):
        return [complete_triads(graph), open_triads(graph), triad_census(graph),
                fill_candidates(graph, top=3), missing_links(graph, top=10)]  # fmt: skip

    shared = synthetic_analysis_graph(3_000, seed=4)
    first = tables(shared)
    again = tables(shared)  # every structure now comes from the graph's cache
    fresh = tables(synthetic_analysis_graph(3_000, seed=4))
    for a, b, c in zip(first, again, fresh, strict=True):
        pd.testing.assert_frame_equal(a, c)
        pd.testing.assert_frame_equal(b, c)
    adjacency = shared.adjacency
    ventures = Ventures.of(adjacency)
    assert ventures is Ventures.of(adjacency)
    for frozen in (ventures.roles["investor"].data, ventures.enterprise, adjacency.id_rank(),
                   wide_undirected(adjacency).indices):  # fmt: skip
        with pytest.raises(ValueError, match="read-only"):
            frozen[0] = 1
    able = able_holders(adjacency, "scientist")
    able[:] = False  # a fresh copy: the cached mask stays as it was
    assert able_holders(adjacency, "scientist").any()


def test_census_counts_past_the_int32_range():
    from ecox.graph.analysis import AnalysisGraph

    n = 70_000  # one enterprise with n scientists: n (n - 1) / 2 > 2**31 paths
    ids = [f"s{k:05d}" for k in range(n)] + ["e"]
    types = ["Scientist"] * n + ["Enterprise"]
    actors = pd.DataFrame({"id": ids, "name": ids, "types": types, "aliases": "", "type": types})
    links = pd.DataFrame({"source": ids[:n], "target": "e", "type": "AFFILIATED_WITH",
                          "weight": 1, "claims": 1, "first_date": "2020-01",
                          "last_date": "2020-01"})  # fmt: skip
    census = triad_census(AnalysisGraph(actors=actors, links=links),
                          ("Scientist", "Enterprise", "Scientist"))  # fmt: skip
    assert census[["paths", "closed"]].values.tolist() == [[n * (n - 1) // 2, 0]]
    assert n * (n - 1) // 2 > np.iinfo(np.int32).max
