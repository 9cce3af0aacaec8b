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
from scipy.sparse.csgraph import breadth_first_order, connected_components

__all__ = ["component_sizes", "nearest_sources", "source_paths"]

#: Components searched one by one at most; with more, the whole graph is labelled.
FEW_COMPONENTS = 16


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
        Boolean mask of the actors asked about: only they and the actors on
        their ways are answered (the others may be left at -1, or hold what a
        search narrowed to the targets found). Default: every actor.

    Returns
    -------
    tuple of numpy.ndarray
        ``owner`` (source index, -1 when unreachable), ``dist`` (-1 when
        unreachable) and ``toward`` (next actor on a shortest way to the
        owner; -1 for sources and unreachable actors).

    With ``targets``, the search is pulled from them (:func:`_pulled`) rather than
    spread from every source, out to a radius grown one link at a time until
    every target is answered; when their components are exhausted first, it is
    spread from every source as without ``targets``, stopping once all are reached.

    >>> star = sp.csr_array(np.array([[0, 1, 1, 1], [1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]]))
    >>> owner, dist, toward = nearest_sources(
    ...     star, np.array([False, False, True, True]), np.arange(4), np.array([0, 1, 0, 0], bool))
    >>> int(owner[1]), int(dist[1]), int(toward[1]), int(toward[0])
    (2, 2, 0, 2)
    """
    if targets is not None and sources.any():
        layers, seen = [np.flatnonzero(targets)], targets.copy()
        while True:  # the radius grown one link (one layer) at a time
            owner, dist, toward = _pulled(undirected, sources, rank, layers)
            if bool(np.all(dist[targets] >= 0)):
                return owner, dist, toward
            nbr = _neighbours(undirected, layers[-1])[1]
            layer = np.unique(nbr[~seen[nbr]])
            if not len(layer):  # the targets' components hold no more actors
                break
            seen[layer] = True
            layers.append(layer)
    n = undirected.shape[0]
    owner = np.full(n, -1, dtype=np.int64)
    dist = np.full(n, -1, dtype=np.int64)
    toward = np.full(n, -1, dtype=np.int64)
    frontier = np.flatnonzero(sources).astype(np.int64)
    owner[frontier] = frontier
    dist[frontier] = 0
    level = 0
    waiting = np.flatnonzero(targets) if targets is not None else None
    while len(frontier):
        if waiting is not None:
            waiting = waiting[dist[waiting] < 0]
            if not len(waiting):
                break
        level += 1
        src, nbr = _neighbours(undirected, frontier)
        new = dist[nbr] < 0
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


def _pulled(
    undirected: sp.csr_array, sources: np.ndarray, rank: np.ndarray, layers: list[np.ndarray]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`nearest_sources` for the actors within ``len(layers)`` links of the sources
    on the ways of the targets (``layers[0]``), pulled from the targets' side.

    At distance ``k`` from the sources, only the actors fewer than ``len(layers)`` - ``k``
    + 1 links from the targets are answered, each from its neighbours answered at ``k`` -
    1 (the lowest source, then the lowest hop, as the spread from every source picks).
    A target ``d`` <= ``len(layers)`` links from its nearest source is answered exactly:
    every actor of its ways and every rival hop at distance ``k`` is within ``d`` - ``k``
    links of it, and so answered before it.
    """
    n = undirected.shape[0]
    owner = np.full(n, -1, dtype=np.int64)
    dist = np.full(n, -1, dtype=np.int64)
    toward = np.full(n, -1, dtype=np.int64)
    at_source = np.flatnonzero(sources)
    owner[at_source], dist[at_source] = at_source, 0
    for level in range(1, len(layers) + 1):
        asked = np.concatenate(layers[: len(layers) - level + 1])
        asked = asked[dist[asked] < 0]
        node, nbr = _neighbours(undirected, asked)
        near = dist[nbr] == level - 1
        node, nbr = node[near], nbr[near]
        if not len(node):
            break
        key = rank[owner[nbr]] * np.int64(n) + rank[nbr]  # lowest wins: source, then hop
        start = np.flatnonzero(np.concatenate([[True], node[1:] != node[:-1]]))
        best = np.minimum.reduceat(key, start)
        pick = np.flatnonzero(key == np.repeat(best, np.diff(np.append(start, len(key)))))
        node, nbr = node[pick], nbr[pick]
        owner[node], dist[node], toward[node] = owner[nbr], level, nbr
    return owner, dist, toward


def component_sizes(undirected: sp.csr_array, actors: np.ndarray) -> np.ndarray:
    """Per actor of the mask ``actors``, how many actors its connected component holds (0
    for the others). A few components are searched from one of their actors each (a
    search from a seed costs its component, and no transposed copy of the graph as a
    labelling of the whole graph does); past :data:`FEW_COMPONENTS` of them, the whole
    graph is labelled.

    >>> pair = sp.csr_array(np.array([[0, 1, 0], [1, 0, 0], [0, 0, 0]]))
    >>> component_sizes(pair, np.array([True, False, True])).tolist()
    [2, 0, 1]
    """
    n = undirected.shape[0]
    # the form scipy's searches take, made once (else converted at every search)
    graph = sp.csr_array(
        (np.ones(undirected.nnz), undirected.indices.astype(np.int32),
         undirected.indptr.astype(np.int32)), shape=(n, n),
    )  # fmt: skip
    sizes, searched = np.zeros(n, dtype=np.int64), 0
    for seed in np.flatnonzero(actors).tolist():
        if sizes[seed]:  # in a component already searched
            continue
        if searched == FEW_COMPONENTS:  # symmetric: its strong components are the components
            labels = connected_components(graph, directed=True, connection="strong")[1]
            return np.where(actors, np.bincount(labels)[labels], 0)
        members = breadth_first_order(graph, seed, directed=True, return_predecessors=False)
        sizes[members], searched = len(members), searched + 1
    return np.where(actors, sizes, 0)


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
