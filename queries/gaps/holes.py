"""Louvain communities with far fewer ties between them than their sizes predict.

Examples
--------
>>> import ecox
>>> list(community_holes(ecox.seed()).columns) == list(HOLE_COLUMNS)
True
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecox.queries.gaps.sparse import rank_ids
from ecox.queries.inputs import GraphInput, analysis_of

__all__ = ["HOLE_COLUMNS", "community_holes"]

HOLE_COLUMNS: tuple[str, ...] = (
    "community_a",
    "community_b",
    "size_a",
    "size_b",
    "ties",
    "expected",
    "ratio",
    "spanners",
    "reason",
)


def community_holes(
    graph: GraphInput, *, seed: int = 0, top: int = 20, as_of: str | None = None
) -> pd.DataFrame:
    """Pairs of communities with far fewer ties than their sizes predict, and who spans them.

    Communities are networkx's Louvain communities [3]_ of the undirected
    graph (every relation, weight = independent sources) with ``seed``,
    labelled ``C1, C2, …`` by size (then smallest member id) and named after
    their best-connected member. For two communities with ``ties`` between
    them, ``expected = vol_a · vol_b / 2m`` (the configuration model: ``vol``
    sums degrees, ``m`` counts ties) and ``ratio = ties / expected``; pairs
    with ``ratio < 1`` are holes, the smallest ratio first. ``spanners`` names
    the actors with ties into both, most such ties first.

    Parameters
    ----------
    graph
        A claim, analysis or networkx graph.
    seed
        Louvain's random seed.
    top
        Number of community pairs.
    as_of
        Only ties known by this date.

    Returns
    -------
    pandas.DataFrame
        :data:`HOLE_COLUMNS`, sorted by ratio, then the two labels.

    Examples
    --------
    >>> from ecox.graph.synthetic import synthetic_analysis_graph
    >>> holes = community_holes(synthetic_analysis_graph(1_000, seed=1), seed=0, top=3)
    >>> len(holes), bool((holes["ratio"] < 1).all())
    (3, True)
    """
    ag = analysis_of(graph, as_of=as_of)
    adjacency = ag.adjacency
    undirected = sp.csr_array(adjacency.undirected().astype(np.int64))
    n = adjacency.n
    names = ag.actors["name"].astype(object).to_numpy()
    rank = rank_ids(adjacency)
    deg = np.diff(undirected.indptr)
    groups = _communities(undirected, rank, seed)
    label = np.empty(n, dtype=np.int64)
    for k, members in enumerate(groups):
        label[members] = k
    member = sp.csr_array((np.ones(n), (np.arange(n), label)), shape=(n, len(groups)))
    rows = _holes(undirected, member, deg)[:top]
    head = [max(members, key=lambda i: (deg[i], -rank[i])) for members in groups]
    out = []
    touches = sp.csr_array(undirected @ member)  # actor × community: ties into it
    for a, b, ties, expected, ratio in rows:
        ta, tb = touches[:, [a]].toarray().ravel(), touches[:, [b]].toarray().ravel()
        spanning = np.flatnonzero(((label == a) & (tb > 0)) | ((label == b) & (ta > 0)))
        span = sorted(
            spanning.tolist(), key=lambda i: (-(ta[i] if label[i] == b else tb[i]), rank[i])
        )
        spanners = ", ".join(str(names[i]) for i in span[:5])
        name_a, name_b = str(names[head[a]]), str(names[head[b]])
        out.append(
            {
                "community_a": f"C{a + 1} ({name_a})",
                "community_b": f"C{b + 1} ({name_b})",
                "size_a": len(groups[a]),
                "size_b": len(groups[b]),
                "ties": ties,
                "expected": expected,
                "ratio": ratio,
                "spanners": spanners,
                "reason": (
                    f"the {len(groups[a])} actors around {name_a} and the {len(groups[b])} around "
                    f"{name_b} have {ties} tie{'s' if ties != 1 else ''} where {expected:.1f} "
                    f"would be typical; bridged by {spanners}"
                ),
            }
        )
    return pd.DataFrame(out, columns=list(HOLE_COLUMNS))


def _communities(undirected: sp.csr_array, rank: np.ndarray, seed: int) -> list[list[int]]:
    """Louvain communities, members by id rank, largest first (ties: smallest member id)."""
    communities = nx.community.louvain_communities(
        nx.from_scipy_sparse_array(undirected), seed=seed
    )
    return sorted(
        (sorted(c, key=lambda i: rank[i]) for c in communities),
        key=lambda c: (-len(c), rank[c[0]]),
    )


def _holes(
    undirected: sp.csr_array, member: sp.csr_array, deg: np.ndarray
) -> list[tuple[int, int, int, float, float]]:
    """(a, b, ties, expected, ratio) of community pairs with ratio < 1, smallest ratio first."""
    k_comm = member.shape[1]
    between = sp.csr_array(member.T @ undirected.astype(float) @ member).toarray()
    vol = member.T @ deg.astype(float)
    two_m = max(float(deg.sum()), 1.0)
    rows = []
    upper = np.triu_indices(k_comm, 1)
    for a, b in zip(upper[0].tolist(), upper[1].tolist(), strict=True):
        ties = int(between[a, b])
        if ties == 0:
            continue
        expected = vol[a] * vol[b] / two_m
        ratio = ties / expected if expected else math.inf
        if ratio < 1:
            rows.append((int(a), int(b), ties, float(expected), float(ratio)))
    rows.sort(key=lambda r: (round(r[4], 12), r[0], r[1]))
    return rows
