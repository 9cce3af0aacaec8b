"""Multi-source breadth-first search: each actor's nearest source and the way to it.

One pass over the undirected adjacency finds, for every actor, the closest of
a set of sources (ties: the lowest-ranked source), how many links away it is
and the next hop towards it, so a fill candidate can be named with its path
even when it shares no partner with the venture.

Examples
--------
>>> import numpy as np, scipy.sparse as sp
>>> chain = sp.csr_array(np.array([[0, 1, 0, 0], [1, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 0]]))
>>> owner, dist, toward = nearest_sources(chain, np.array([True, False, False, False]),
...                                       np.arange(4))
>>> owner.tolist(), dist.tolist()
([0, 0, 0, -1], [0, 1, 2, -1])
>>> [v.tolist() for v in source_paths(toward, np.array([2, 0]))]
[[0, 0, 0, 1], [0, 1, 2, 0]]
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

__all__ = ["component_sizes", "nearest_sources", "source_paths"]


def _neighbours(undirected: sp.csr_array, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(node, neighbour) of every tie of ``nodes`` (one row gather of the CSR)."""
    ties = undirected[nodes]
    return np.repeat(nodes, np.diff(ties.indptr)), ties.indices.astype(np.int64)


def nearest_sources(
    undirected: sp.csr_array,
    sources: np.ndarray,
    rank: np.ndarray,
    targets: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per actor: its nearest source, the distance in links and the next hop towards it.

    Parameters
    ----------
    undirected
        Symmetric adjacency (CSR).
    sources
        Boolean mask of the sources.
    rank
        Distinct tie-break rank of each actor (lower wins): the source, then the hop.
    targets
        Boolean mask of the actors asked about: only they and the actors on their
        ways are answered (the others may be left at -1 or hold the answer of a
        narrower search). Default: every actor.

    Returns
    -------
    tuple of numpy.ndarray
        ``owner`` (source index, -1 when unreachable), ``dist`` (-1 when
        unreachable) and ``toward`` (next actor on a shortest way to the
        owner; -1 for sources and unreachable actors).

    With ``targets``, the search spreads only inside a ball of ``radius`` links
    around them (doubled until it answers every target): a target whose nearest
    source is ``d <= radius`` links away has every source as near, every shortest
    way to them and every rival hop within ``d`` links of itself, so the answer
    inside the ball is the answer in the whole graph.

    >>> star = sp.csr_array(np.array([[0, 1, 1, 1], [1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]]))
    >>> [v.tolist() for v in nearest_sources(star, np.array([0, 0, 1, 1], bool),
    ...                                      np.arange(4), np.array([0, 1, 0, 0], bool))]
    [[2, 2, 2, 3], [1, 2, 0, 0], [2, 0, -1, -1]]
    """
    if targets is None:
        return _spread(undirected, sources, rank, None)
    radius = 1
    while True:
        inside, whole = _ball(undirected, targets, radius)
        owner, dist, toward = _spread(undirected, sources & inside, rank, (inside, targets))
        far = dist[targets]
        if whole or bool(np.all((far >= 0) & (far <= radius))):
            return owner, dist, toward
        radius *= 2


def component_sizes(undirected: sp.csr_array, actors: np.ndarray) -> np.ndarray:
    """Per actor of the mask ``actors``, how many actors its connected component holds (0
    for the others): only the components of ``actors`` are searched.

    >>> pair = sp.csr_array(np.array([[0, 1, 0], [1, 0, 0], [0, 0, 0]]))
    >>> component_sizes(pair, np.array([True, False, True])).tolist()
    [2, 0, 1]
    """
    at = np.flatnonzero(_ball(undirected, actors, undirected.shape[0])[0])
    labels = connected_components(undirected[at][:, at], directed=False)[1]
    sizes = np.zeros(len(actors), dtype=np.int64)
    sizes[at] = np.bincount(labels)[labels]
    return np.where(actors, sizes, 0)


def _ball(undirected: sp.csr_array, centres: np.ndarray, radius: int) -> tuple[np.ndarray, bool]:
    """Mask of the actors at most ``radius`` links from ``centres``; whether it holds their
    whole components (it stopped growing before ``radius``)."""
    inside = centres.copy()
    frontier = np.flatnonzero(centres)
    for _ in range(radius):
        nbr = _neighbours(undirected, frontier)[1]
        frontier = np.unique(nbr[~inside[nbr]])
        if not len(frontier):
            return inside, True
        inside[frontier] = True
    return inside, False


def _spread(
    undirected: sp.csr_array,
    sources: np.ndarray,
    rank: np.ndarray,
    within: tuple[np.ndarray, np.ndarray] | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`nearest_sources` from ``sources`` over every actor, or (``within``: a mask of
    the actors it may pass, and of the targets) inside that mask until the targets are
    reached."""
    n = undirected.shape[0]
    owner = np.full(n, -1, dtype=np.int64)
    dist = np.full(n, -1, dtype=np.int64)
    toward = np.full(n, -1, dtype=np.int64)
    frontier = np.flatnonzero(sources).astype(np.int64)
    owner[frontier] = frontier
    dist[frontier] = 0
    level = 0
    waiting = np.flatnonzero(within[1]) if within is not None else None
    while len(frontier):
        if waiting is not None:
            waiting = waiting[dist[waiting] < 0]
            if not len(waiting):
                break
        level += 1
        src, nbr = _neighbours(undirected, frontier)
        new = dist[nbr] < 0
        if within is not None:
            new &= within[0][nbr]
        src, nbr = src[new], nbr[new]
        if not len(nbr):
            break
        key = rank[owner[src]] * np.int64(n) + rank[src]  # lowest wins: source, then hop
        best = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(best, nbr, key)
        first = key == best[nbr]
        src, nbr = src[first], nbr[first]
        owner[nbr], dist[nbr], toward[nbr] = owner[src], level, src
        frontier = nbr
    return owner, dist, toward


def source_paths(toward: np.ndarray, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(position in ``nodes``, actor) along each node's way to its nearest source, source
    first: every path in one pass per link of the longest.
    """
    pair = [np.arange(len(nodes), dtype=np.int64)]
    actor = [np.asarray(nodes, dtype=np.int64)]
    while True:
        nxt = toward[actor[-1]]
        on = nxt >= 0
        if not on.any():
            break
        pair.append(pair[-1][on])
        actor.append(nxt[on])
    step = np.concatenate([np.full(len(a), k, dtype=np.int64) for k, a in enumerate(actor)])
    which, who = np.concatenate(pair), np.concatenate(actor)
    order = np.lexsort((-step, which))
    return which[order], who[order]
