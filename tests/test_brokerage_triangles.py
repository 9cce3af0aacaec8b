"""The triangle listing shared by Burt's measures and the brokerage roles."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from ecox.queries import brokerage_triangles as tri
from ecox.queries.betweenness import skeleton, undirected_edges
from ecox.queries.brokerage import ClosedCounts, brokerage_counts, open_counts_undirected
from ecox.queries.brokers import burt_arrays


def _graph(seed: int, n: int = 120) -> nx.Graph:
    """A random graph with a hub (its wedges span many blocks) and isolated nodes."""
    G = nx.gnm_random_graph(n, 4 * n, seed=seed)
    G.add_edges_from((0, v) for v in range(1, n, 2))
    G.add_nodes_from(range(n, n + 3))
    return G


def _edges(G: nx.Graph) -> tuple[np.ndarray, np.ndarray, int]:
    n = G.number_of_nodes()
    a = skeleton(sp.csr_array(nx.to_scipy_sparse_array(G, nodelist=range(n))))
    lo, hi = undirected_edges(a)
    return lo, hi, n


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_triangle_once_with_its_edges(seed: int) -> None:
    G = _graph(seed)
    lo, hi, n = _edges(G)
    listed = []
    for block in tri.triangle_blocks(lo, hi, n):
        t, x, y = block.nodes
        for (u, v), edge in zip(((t, x), (t, y), (x, y)), block.edges, strict=True):
            ends = np.sort(np.column_stack([lo[edge], hi[edge]]), axis=1)
            assert np.array_equal(ends, np.sort(np.column_stack([u, v]), axis=1))
        triples = zip(t.tolist(), x.tolist(), y.tolist(), strict=True)
        listed.extend(tuple(sorted(z)) for z in triples)
    expected = {tuple(sorted(c)) for c in nx.enumerate_all_cliques(G) if len(c) == 3}
    assert len(listed) == len(set(listed)) == len(expected) > 50
    assert set(listed) == expected


def test_blocks_do_not_change_the_order() -> None:
    lo, hi, n = _edges(_graph(3))

    def flat(block: int | None) -> list[np.ndarray]:
        parts = list(tri.triangle_blocks(lo, hi, n, block=block))
        return [np.concatenate([b.nodes[i] for b in parts]) for i in range(3)] + [
            np.concatenate([b.edges[i] for b in parts]) for i in range(3)
        ]

    whole = flat(None)
    for block in (1, 7, 100):
        assert len(list(tri.triangle_blocks(lo, hi, n, block=block))) > 1
        assert all(np.array_equal(a, b) for a, b in zip(flat(block), whole, strict=True))


def test_burt_is_bit_identical_in_small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    a = sp.csr_array(nx.to_scipy_sparse_array(_graph(4)))
    whole = burt_arrays(a)
    monkeypatch.setattr(tri, "WEDGE_BLOCK", 5)
    small = burt_arrays(a)
    for x, y in zip(whole, small, strict=True):
        assert np.array_equal(x, y, equal_nan=True)
    assert np.isnan(whole[0]).sum() == 3  # the isolated nodes


@pytest.mark.parametrize("seed", [0, 5])
def test_undirected_roles_from_group_counts_and_triangles(seed: int) -> None:
    G = _graph(seed)
    lo, hi, n = _edges(G)
    groups = np.random.default_rng(seed).integers(0, 4, n)
    a = skeleton(sp.csr_array(nx.to_scipy_sparse_array(G, nodelist=range(n))))
    rows = np.repeat(np.arange(n), np.diff(a.indptr))
    by_group = np.bincount(rows * 4 + groups[a.indices], minlength=n * 4).reshape(n, 4)
    closed = ClosedCounts(groups)
    for block in tri.triangle_blocks(lo, hi, n, block=9):
        closed.add(block)
    counts = open_counts_undirected(by_group.astype(np.int32), groups) - closed.counts()
    reference = brokerage_counts(a, groups)
    assert np.array_equal(counts, reference)
    assert (reference > 0).any(axis=0).all()  # every role occurs


def test_packed_sort_falls_back_for_large_values() -> None:
    values = np.array([2**61, 3, 2**61 - 1, 3])
    assert tri.argsort_int(values).tolist() == [1, 3, 2, 0]
    assert tri.find_sorted(np.array([3, 2**61]), values).tolist() == [1, 0, -1, 0]


def test_skeleton_of_any_matrix() -> None:
    rng = np.random.default_rng(0)
    for _ in range(30):
        n = int(rng.integers(1, 40))
        m = int(rng.integers(0, 3 * n))
        rows, cols = rng.integers(0, n, m), rng.integers(0, n, m)
        values = rng.integers(0, 3, m)  # explicit zeros, duplicates, loops, one direction
        dense = np.zeros((n, n))
        np.add.at(dense, (rows, cols), values)
        expected = (dense + dense.T) != 0
        np.fill_diagonal(expected, False)
        for matrix in (sp.coo_array((values, (rows, cols)), shape=(n, n)), sp.csr_array(expected)):
            got = skeleton(matrix)
            assert got.dtype == bool and got.has_sorted_indices
            assert np.array_equal(got.toarray(), expected)
            assert got.nnz == expected.sum()
