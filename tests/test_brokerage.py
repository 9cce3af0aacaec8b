"""Tests for queries.brokerage: R sna reference, Python oracle, contract."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from ecox.queries import brokerage as brk
from ecox.queries import brokerage_triangles as tri
from ecox.queries.brokerage import (
    ROLES,
    brokerage_counts,
    brokerage_global,
    brokerage_roles,
    brokerage_roles_python,
    brokerage_zscores,
)

DATA = Path(__file__).resolve().parent / "data" / "brokerage"
CASES = sorted(DATA.glob("*.json"))
COLUMNS = ["node", *ROLES, "total"]


def _load(path: Path) -> dict[str, Any]:
    case: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return case


def _floats(rows: Any, width: int) -> np.ndarray:
    """R's JSON numbers, with "NaN"/"Inf"/"-Inf" written as strings."""
    return np.array([float(x) for x in np.asarray(rows, dtype=object).ravel()]).reshape(-1, width)


def _graph(case: dict[str, Any]) -> nx.Graph:
    G: nx.Graph = nx.DiGraph() if case["directed"] else nx.Graph()
    G.add_nodes_from((i, {"type": g}) for i, g in enumerate(case["groups"]))
    G.add_edges_from(tuple(e) for e in case["edges"])
    return G


def _by_node(frame: pd.DataFrame) -> np.ndarray:
    return frame.set_index("node").sort_index()[list(ROLES)].to_numpy()


# ---------------------------------------------------------------------------
# R sna reference (tests/data/brokerage/make_reference.R)
# ---------------------------------------------------------------------------


def test_reference_cases_cover_the_brief() -> None:
    cases = [_load(p) for p in CASES]
    assert len(cases) >= 30
    assert {c["directed"] for c in cases} == {True, False}
    sizes = {c["n"] for c in cases}
    assert min(sizes) == 5 and max(sizes) == 60
    assert {len(set(c["groups"])) for c in cases} >= {1, 2, 3, 5}
    names = {c["name"] for c in cases}
    assert {"complete_directed", "complete_undirected", "empty", "self_loops"} <= names
    assert {"isolated_directed", "one_group_undirected"} <= names
    # the reference is not all zeros: every role occurs somewhere
    raw = np.vstack([np.array(c["raw"], dtype=np.int64).reshape(-1, 5) for c in cases])
    assert (raw.sum(axis=0) > 0).all()


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_counts_equal_sna(path: Path) -> None:
    case = _load(path)
    expected = np.array(case["raw"], dtype=np.int64).reshape(-1, 5)
    G = _graph(case)
    assert np.array_equal(_by_node(brokerage_roles(G)), expected)
    # the array core on a CSR built from the edge list (both directions if undirected)
    edges = np.array(case["edges"], dtype=np.int64).reshape(-1, 2)
    src, dst = edges[:, 0], edges[:, 1]
    if not case["directed"]:
        src, dst = np.concatenate([src, dst]), np.concatenate([dst, src])
    n = case["n"]
    adjacency = sp.csr_array((np.ones(len(src)), (src, dst)), shape=(n, n))
    groups = np.array(case["groups"])
    assert np.array_equal(brokerage_counts(adjacency, groups), expected)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_moments_equal_sna(path: Path) -> None:
    case = _load(path)
    n = case["n"]
    zs = brokerage_zscores(_graph(case))
    assert len(zs) == 6 * n
    # brokerage_zscores sorts by str(node); put R's rows in that order
    order = sorted(range(n), key=str)
    assert zs["node"].tolist() == [i for i in order for _ in range(6)]
    for ours, theirs in (("raw", "raw"), ("expected", "exp"), ("sd", "sd"), ("z", "z")):
        got = zs[ours].to_numpy(dtype=float).reshape(n, 6)
        if theirs == "raw":
            ref = np.array(case["raw"], dtype=float).reshape(-1, 5)
            want = np.column_stack([ref, ref.sum(axis=1)])
        else:
            want = _floats(case[theirs], 6)
        np.testing.assert_allclose(got, want[order], rtol=1e-9, atol=1e-12, equal_nan=True)
    glob = brokerage_global(_graph(case))
    assert glob["role"].tolist() == [*ROLES, "total"]
    for ours, theirs in (("raw", "raw"), ("expected", "exp"), ("sd", "sd"), ("z", "z")):
        want = _floats(case["global"][theirs], 6)[0]
        np.testing.assert_allclose(
            glob[ours].to_numpy(dtype=float), want, rtol=1e-9, atol=1e-12, equal_nan=True
        )


def test_sna_nan_where_sd_is_zero() -> None:
    case = _load(DATA / "complete_directed.json")
    zs = brokerage_zscores(_graph(case))
    # d = 1: every expectation and sd is 0, so R's z is 0/0 = NaN
    assert zs["z"].isna().all()
    assert (zs["raw"] == 0).all()


# ---------------------------------------------------------------------------
# Python oracle
# ---------------------------------------------------------------------------

TYPES = ("Scientist", "Entrepreneur", "Investor", "Enterprise", "Bank")


def _random_typed(seed: int, n: int, p: float, directed: bool, k: int) -> nx.Graph:
    rng = np.random.default_rng(seed)
    G = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    for node in G.nodes:
        G.nodes[node]["type"] = TYPES[int(rng.integers(k))]
    # a few self-loops and a multi-typed node, which must not change anything
    for node in rng.choice(n, size=3, replace=False).tolist():
        G.add_edge(node, node)
    G.nodes[0]["type"] = (G.nodes[0]["type"], "Person")
    return G


@pytest.mark.parametrize("directed", [True, False], ids=["DiGraph", "Graph"])
@pytest.mark.parametrize(
    ("seed", "n", "p", "k"),
    [(1, 30, 0.1, 2), (2, 60, 0.05, 3), (3, 80, 0.2, 5), (4, 40, 0.6, 4), (5, 120, 0.03, 5)],
)
def test_equals_oracle_random(seed: int, n: int, p: float, k: int, directed: bool) -> None:
    G = _random_typed(seed, n, p, directed, k)
    fast = brokerage_roles(G)
    slow = brokerage_roles_python(G)
    pd.testing.assert_frame_equal(fast, slow)
    assert fast["total"].sum() > 0


def test_equals_oracle_heavy_tailed_with_small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    # Hubs give rows with far more wedges than one block: exercise the block split.
    monkeypatch.setattr(brk, "_WEDGE_BLOCK", 7)
    G = nx.DiGraph(nx.scale_free_graph(400, seed=11))
    G.remove_edges_from(list(nx.selfloop_edges(G)))
    rng = np.random.default_rng(11)
    nx.set_node_attributes(G, {v: TYPES[int(rng.integers(5))] for v in G}, "type")
    small = brokerage_roles(G)
    pd.testing.assert_frame_equal(small, brokerage_roles_python(G))
    monkeypatch.undo()
    pd.testing.assert_frame_equal(small, brokerage_roles(G))


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(1, 9),
    directed=st.booleans(),
    data=st.data(),
)
def test_equals_oracle_hypothesis(n: int, directed: bool, data: st.DataObject) -> None:
    groups = data.draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
    edges = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))))
    G: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from((i, {"type": f"g{g}"}) for i, g in enumerate(groups))
    G.add_edges_from(edges)
    pd.testing.assert_frame_equal(brokerage_roles(G), brokerage_roles_python(G))


# ---------------------------------------------------------------------------
# Hand-worked example
# ---------------------------------------------------------------------------


def test_hand_worked_example() -> None:
    # Enterprises f, f2, f3; scientists s, s2; investor i; bank b.
    # Arcs: f2->f, s->f, f3->f, f->f3, f->s2, f->i, s->i, i->b.
    #
    # Broker f (Enterprise): in {f2, s, f3}, out {f3, s2, i}. Ordered pairs (a, b):
    #   (f2, f3) E-E-E, no f2->f3          coordinator
    #   (f2, s2) (f2, i) a in f's group    representative x2
    #   (f3, f3) a == b                    not a pair
    #   (f3, s2) (f3, i)                   representative x2   -> representative 4
    #   (s, f3)  b in f's group, a not     gatekeeper
    #   (s, s2)  a and b scientists        itinerant
    #   (s, i)   closed by s->i            not brokered
    #   -> f: coordinator 1, itinerant 1, representative 4, gatekeeper 1, liaison 0 = 7
    # Broker i (Investor): in {f, s}, out {b}: (f, b) E-I-B and (s, b) S-I-B,
    #   three groups each -> liaison 2.
    # Broker f3: in {f}, out {f}: only a == b -> nothing. Nobody else has both.
    # Ties at 0 are ordered by node id as text: b, f2, f3, s, s2.
    G = nx.DiGraph(
        [("f2", "f"), ("s", "f"), ("f3", "f"), ("f", "f3"), ("f", "s2"), ("f", "i"),
         ("s", "i"), ("i", "b")]
    )  # fmt: skip
    kinds = {"f": "Enterprise", "f2": "Enterprise", "f3": "Enterprise", "s": "Scientist",
             "s2": "Scientist", "i": "Investor", "b": "Bank"}  # fmt: skip
    nx.set_node_attributes(G, kinds, "type")
    got = brokerage_roles(G)
    assert got.values.tolist() == [
        ["f", 1, 1, 4, 1, 0, 7],
        ["i", 0, 0, 0, 0, 2, 2],
        ["b", 0, 0, 0, 0, 0, 0],
        ["f2", 0, 0, 0, 0, 0, 0],
        ["f3", 0, 0, 0, 0, 0, 0],
        ["s", 0, 0, 0, 0, 0, 0],
        ["s2", 0, 0, 0, 0, 0, 0],
    ]
    pd.testing.assert_frame_equal(got, brokerage_roles_python(G))


def test_undirected_counts_both_directions() -> None:
    # Path x - v - y, all one group: v brokers (x, y) and (y, x).
    G = nx.path_graph(["x", "v", "y"])
    nx.set_node_attributes(G, "Fund", "type")
    row = brokerage_roles(G).iloc[0]
    assert row["node"] == "v"
    assert (row["coordinator"], row["total"]) == (2, 2)
    # Closing the triangle removes both.
    G.add_edge("x", "y")
    assert brokerage_roles(G)["total"].sum() == 0


# ---------------------------------------------------------------------------
# Contract
# ---------------------------------------------------------------------------


def test_columns_types_and_sorting() -> None:
    # Star: hub 0 brokers every ordered pair of leaves; leaves 1..12 tie at 0 and are
    # ordered as text ("1", "10", "11", "12", "2", ...).
    G = nx.star_graph(12)
    nx.set_node_attributes(G, {v: TYPES[v % 3] for v in G}, "type")
    got = brokerage_roles(G)
    assert got.columns.tolist() == COLUMNS
    assert all(got[c].dtype == np.int64 for c in COLUMNS[1:])
    assert got["node"].tolist() == [0, 1, 10, 11, 12, 2, 3, 4, 5, 6, 7, 8, 9]
    assert got.iloc[0]["total"] == 12 * 11
    assert (got[list(ROLES)].sum(axis=1) == got["total"]).all()
    totals = got["total"].tolist()
    assert totals == sorted(totals, reverse=True)


def test_sorting_by_total_then_text() -> None:
    G = nx.DiGraph([("a", "m"), ("m", "b"), ("c", "z"), ("z", "d"), ("z", "e"), ("q", "r")])
    nx.set_node_attributes(G, "Bank", "type")
    got = brokerage_roles(G)
    # z brokers 2 pairs, m brokers 1, the rest 0 in text order
    assert got["node"].tolist() == ["z", "m", "a", "b", "c", "d", "e", "q", "r"]


def test_input_not_mutated() -> None:
    G = _random_typed(7, 40, 0.15, True, 4)
    G.graph["name"] = "fixture"
    before = copy.deepcopy(G)
    brokerage_roles(G)
    brokerage_zscores(G)
    brokerage_global(G)
    assert nx.utils.graphs_equal(G, before)
    assert dict(G.nodes(data=True)) == dict(before.nodes(data=True))
    assert list(G.edges(data=True)) == list(before.edges(data=True))
    assert G.graph == before.graph


@pytest.mark.parametrize("multi", [("Scientist", "Entrepreneur"), ["Scientist", "Investor"]])
def test_multi_type_uses_first_element(multi: Any) -> None:
    # a (Scientist) -> v -> b (Enterprise), v listed as Scientist first: representative.
    G = nx.DiGraph([("a", "v"), ("v", "b")])
    nx.set_node_attributes(G, {"a": "Scientist", "v": multi, "b": "Enterprise"}, "type")
    H = G.copy()
    H.nodes["v"]["type"] = "Scientist"
    got = brokerage_roles(G)
    pd.testing.assert_frame_equal(got, brokerage_roles(H))
    assert got.iloc[0].tolist() == ["v", 0, 0, 1, 0, 0, 1]
    zs = brokerage_zscores(G)
    assert set(zs.loc[zs.node == "v", "group"]) == {"Scientist"}
    assert G.nodes["v"]["type"] == multi


def test_custom_group_attribute_and_mixed_node_ids() -> None:
    G = nx.DiGraph([(1, "x"), ("x", (2, 3))])
    nx.set_node_attributes(G, {1: "A", "x": "B", (2, 3): "C"}, "sector")
    got = brokerage_roles(G, group="sector")
    assert got.iloc[0].tolist() == ["x", 0, 0, 0, 0, 1, 1]
    assert got["node"].tolist() == ["x", (2, 3), 1]  # "(2, 3)" < "1" as text
    zs = brokerage_zscores(G, group="sector")
    assert zs["node"].tolist()[::6] == [(2, 3), 1, "x"]


def test_errors() -> None:
    G = nx.DiGraph([(0, 1)])
    G.nodes[0]["type"] = "Bank"
    with pytest.raises(ValueError, match="node 1 has no 'type'"):
        brokerage_roles(G)
    M = nx.MultiDiGraph([(0, 1)])
    nx.set_node_attributes(M, "Bank", "type")
    with pytest.raises(TypeError, match="multigraph"):
        brokerage_roles(M)
    with pytest.raises(ValueError, match="square"):
        brokerage_counts(sp.csr_array((2, 3)), np.zeros(2))
    with pytest.raises(ValueError, match="shape"):
        brokerage_counts(sp.csr_array((3, 3)), np.zeros(2))


def test_empty_graphs() -> None:
    got = brokerage_roles(nx.DiGraph())
    assert got.columns.tolist() == COLUMNS and len(got) == 0
    assert brokerage_counts(sp.csr_array((0, 0)), np.zeros(0)).shape == (0, 5)
    G = nx.Graph()
    G.add_nodes_from(range(4), type="Park")
    assert brokerage_roles(G)["total"].tolist() == [0, 0, 0, 0]


def test_csr_input_forms_agree() -> None:
    # Duplicates, explicit zeros, the diagonal, a non-canonical CSR and other sparse
    # formats give the same counts as the clean canonical CSR.
    G = _random_typed(9, 50, 0.12, True, 3)
    G.remove_edges_from(list(nx.selfloop_edges(G)))
    groups = np.array([brk._primary_group(v, G.nodes[v], "type") for v in range(50)])
    src = np.array([u for u, _ in G.edges()])
    dst = np.array([v for _, v in G.edges()])
    clean = sp.csr_array((np.ones(len(src)), (src, dst)), shape=(50, 50))
    assert clean.has_canonical_format
    expected = brokerage_counts(clean, groups)
    assert expected.sum() > 0
    non_arcs = [(u, v) for u in range(50) for v in range(50) if u != v and not G.has_edge(u, v)]
    zero_src, zero_dst = np.array(non_arcs[:5]).T
    rows = np.concatenate([src, src[:20], np.arange(50), zero_src])
    cols = np.concatenate([dst, dst[:20], np.arange(50), zero_dst])
    values = np.concatenate([np.ones(len(src) + 20), np.full(50, 5.0), np.zeros(5)])
    # raw CSR arrays: rows in order, columns descending within a row, duplicates kept
    order = np.lexsort((-cols, rows))
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=50))])
    messy = sp.csr_array((values[order], cols[order], indptr), shape=(50, 50))
    assert not messy.has_canonical_format
    assert messy.nnz == len(values)  # the explicit zeros are stored
    for form in (messy, messy.tocoo(), messy.tocsc(), sp.csr_matrix(messy)):
        assert np.array_equal(brokerage_counts(form, groups), expected)
    # group labels may be any codes: relabelling them changes nothing
    codes = {g: c for c, g in enumerate(sorted(set(groups.tolist())))}
    relabelled = np.array([100 - codes[g] for g in groups.tolist()])
    assert np.array_equal(brokerage_counts(clean, relabelled), expected)


def test_total_column_matches_sna_t() -> None:
    case = _load(DATA / "random_directed_12.json")
    zs = brokerage_zscores(_graph(case))
    totals = zs[zs.role == "total"].set_index("node").sort_index()["raw"].to_numpy()
    raw = np.array(case["raw"], dtype=np.int64).reshape(-1, 5)
    assert np.array_equal(totals, raw.sum(axis=1))
    assert math.isfinite(float(zs["z"].dropna().abs().max()))


def test_one_group_and_singleton_groups_partition_the_same_pairs() -> None:
    # With one group every brokered pair is coordinated; with every node its own group
    # (k = n, here 200k groups: no n x k dense table may be built) every one is liaison.
    rng = np.random.default_rng(3)
    n, m = 200_000, 800_000
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    src[: m // 4] = rng.integers(0, 50, m // 4)  # some hubs, so triangles exist
    adjacency = sp.csr_array((np.ones(m), (src, dst)), shape=(n, n))
    one = brokerage_counts(adjacency, np.zeros(n, dtype=np.int64))
    each = brokerage_counts(adjacency, np.arange(n))
    assert (one[:, 1:] == 0).all() and (each[:, :4] == 0).all()
    assert np.array_equal(one[:, 0], each[:, 4])
    assert one[:, 0].sum() > 0


@pytest.mark.parametrize("high", [1_000, 2**61])
def test_packed_argsort_and_find(high: int) -> None:
    # small values take the packed-sort path, values near 2**62 fall back to np.argsort
    rng = np.random.default_rng(high % 97)
    values = rng.integers(0, high, 5_000, dtype=np.int64)
    assert np.array_equal(
        values[tri.argsort_int(values)], values[np.argsort(values, kind="stable")]
    )
    keys = np.unique(values[::2])
    pos = tri.find_sorted(keys, values)
    present = np.isin(values, keys)
    assert present.any() and not present.all()
    assert np.array_equal(keys[pos[present]], values[present])
    assert (pos[~present] == -1).all()
