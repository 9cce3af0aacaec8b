"""The nearest-source search asked about a few targets, and the component sizes, against
plain networkx searches on small random graphs."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from ecox.queries.gaps import nearest
from ecox.queries.gaps.nearest import component_sizes, nearest_sources, source_paths


def _random_graph(rng: np.random.Generator) -> tuple[sp.csr_array, nx.Graph]:
    n = int(rng.integers(1, 60))
    ends = rng.integers(0, n, size=(int(rng.integers(0, 2 * n)), 2))
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from((int(a), int(b)) for a, b in ends if a != b)
    return sp.csr_array(nx.to_scipy_sparse_array(g, nodelist=range(n), dtype=np.int8)), g


def _ways(g: nx.Graph, sources: np.ndarray, rank: np.ndarray) -> tuple[dict, dict, dict]:
    """Per actor reached: distance to the nearest source, the lowest-ranked source that
    near, and the hop toward it (the neighbour one link nearer whose own source, then
    itself, ranks lowest)."""
    found = np.flatnonzero(sources).tolist()
    reach = {s: nx.single_source_shortest_path_length(g, s) for s in found}
    dist, owner = {}, {}
    for v in g.nodes:
        near = [(d[v], int(rank[s]), s) for s, d in reach.items() if v in d]
        if near:
            dist[v], _, owner[v] = min(near)
    toward = {
        v: min((u for u in g.neighbors(v) if dist.get(u) == dist[v] - 1),
               key=lambda u: (int(rank[owner[u]]), int(rank[u])))
        for v in dist if dist[v] > 0
    }  # fmt: skip
    return dist, owner, toward


@pytest.mark.parametrize("seed", range(8))
def test_nearest_sources_of_targets_match_searches_from_every_source(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(40):
        matrix, g = _random_graph(rng)
        n = matrix.shape[0]
        sources, targets = rng.random(n) < 0.2, rng.random(n) < 0.2
        rank = rng.permutation(n)
        owner, dist, toward = nearest_sources(matrix, sources, rank, targets)
        want_dist, want_owner, want_toward = _ways(g, sources, rank)
        asked = np.flatnonzero(targets)
        assert dist[asked].tolist() == [want_dist.get(int(v), -1) for v in asked]
        assert owner[asked].tolist() == [want_owner.get(int(v), -1) for v in asked]
        far = asked[dist[asked] > 0]
        which, actor = source_paths(toward, far)
        for pos, v in enumerate(far.tolist()):
            way = [v]
            while way[-1] in want_toward:
                way.append(want_toward[way[-1]])
            assert actor[which == pos].tolist() == way[::-1]


@pytest.mark.parametrize("few", [0, 1, 16])
def test_component_sizes_match_networkx(monkeypatch, few: int) -> None:
    monkeypatch.setattr(nearest, "FEW_COMPONENTS", few)  # searched one by one, or labelled
    rng = np.random.default_rng(few)
    for _ in range(60):
        matrix, g = _random_graph(rng)
        actors = rng.random(matrix.shape[0]) < 0.4
        size = {v: len(c) for c in nx.connected_components(g) for v in c}
        want = [size[v] if actors[v] else 0 for v in range(matrix.shape[0])]
        assert component_sizes(matrix, actors).tolist() == want
