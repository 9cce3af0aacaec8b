"""Betweenness, computed once per graph and shared by tables, views and the report.

On the undirected binary graph of all relations (self-loops dropped, link
weights ignored), the betweenness of an actor ``v`` is the number of actor
pairs whose shortest paths run through it [1]_,

    ``pairs(v) = Σ_{s < t; s, t ≠ v} σ_st(v) / σ_st``

(``σ_st`` shortest paths from ``s`` to ``t``, ``σ_st(v)`` of them through
``v``), and its **broker score** is that count over the pairs of the whole
graph that do not contain it [2]_,

    ``score(v) = pairs(v) / ((n − 1)(n − 2) / 2)``  in ``[0, 1]``,

which is ``networkx.betweenness_centrality(G, normalized=True)`` of the
whole graph. Every actor is measured against the same pairs, so a score is
comparable across components: the centre of a three-actor side cluster
connects one pair and scores ``1 / C(n−1, 2)``, far below the bridges of the
main ecosystem.

**Unnamed counterparts count.** A report that says the fund plaza hosts 164
funds, none named, states ties the named graph lacks (see
:mod:`graph.unnamed`). Each such group is one endpoint of weight
``w = 1 + ⌊log₂ c⌋`` for ``c`` reported members (1 when no count is given):
computed as ``w`` stand-in leaves of its actor, less the ``w(w − 1)/2`` pairs
of the group with itself, and ``n`` above counts the stand-ins. A group thus
weighs as a few actors, growing with its size but slowly: a plain count would
let one sentence ("serves 6,069 firms") outweigh a whole named ecosystem, and
ignoring the groups would rank an actor the reports call a hub by its two
named ties. Graphs without unnamed claims are unchanged.

Exact betweenness runs Brandes' algorithm [3]_ (igraph) from one source per
class of interchangeable actors [4]_: an actor with a single partner (a leaf)
sees the graph as its partner does, and actors with the same partners
(twins) see it identically, so each class is searched once and weighted by
its size, and the leaves' own pairs are added in closed form. On the
Crunchbase investment records (37,972 actors) this leaves 17,976 searches.
The searches are split over worker processes, with a progress bar on
standard error on a terminal or for long runs.

Above :data:`EXACT_LIMIT` actors, ``method="auto"`` runs **KADABRA** [6]_
(networkit, both cores): it samples shortest paths between random pairs
(balanced bidirectional searches, cost far below one full search each) until
every actor's normalised estimate ``2·pairs(v) / (n(n − 1))`` is within
``eps`` of the truth with probability ``1 − delta``. networkit reports twice
that, ``4·pairs(v) / (n(n − 1))`` (a star's centre scores ``2(n − 2) / n``);
rescaled, the broker score is within ``eps · n / (n − 2) ≈ eps`` of the exact one.
Measured on synthetic ecosystems (``bench/bench_betweenness.py``) it ranks the
exact top 100 better than 256 or 1,024 sampled sources and runs in seconds at
a million actors, where sampled sources take minutes. With two or more
workers its sample depends on thread timing; ``workers=1`` repeats exactly.

Sampled betweenness draws ``k`` sources as ``networkx.betweenness_centrality(G,
k=k, seed=seed)`` does and scales as it does [5]_: each source's dependency on
``v`` is at most ``n − 2``, so the estimate also lies in ``[0, 1]``, and it
converges to the exact score as ``k`` grows (exact at ``k = n``).

:func:`shared_betweenness` keeps one result per analysis graph and setting, so
the broker table, the views' node sizes and the report read the same numbers;
from :data:`DISK_CACHE_FROM` actors it also keeps it on disk
(``graph.cache.cached_path(…, "betweenness", ".npz")``, keyed by the actor ids
and the undirected ties), so ``ecox report`` after ``ecox brokers`` reads it back.

References
----------
.. [1] Freeman, L. C. (1977). A set of measures of centrality based on
   betweenness. *Sociometry* 40(1), 35–41.
.. [2] Brandes, U. (2008). On variants of shortest-path betweenness
   centrality and their generic computation. *Social Networks* 30(2), 136–145.
.. [3] Brandes, U. (2001). A faster algorithm for betweenness centrality.
   *Journal of Mathematical Sociology* 25(2), 163–177.
.. [4] Sarıyüce, A. E., Kaya, K., Saule, E. and Çatalyürek, Ü. V. (2013).
   Shattering and compressing networks for betweenness centrality. *SIAM
   International Conference on Data Mining*, 686–694 (degree-1 vertices and
   identical vertices).
.. [5] Brandes, U. and Pich, C. (2007). Centrality estimation in large
   networks. *International Journal of Bifurcation and Chaos* 17(7), 2303–2318.
.. [6] Borassi, M. and Natale, E. (2019). KADABRA is an ADaptive Algorithm for
   Betweenness via Random Approximation. *ACM Journal of Experimental
   Algorithmics* 24, 1.2:1–1.2:35.

Examples
--------
>>> import scipy.sparse as sp
>>> star = sp.csr_array(([1] * 6, ([0, 0, 0, 1, 2, 3], [1, 2, 3, 0, 0, 0])), shape=(4, 4))
>>> pairs, how = betweenness_pairs(star)
>>> pairs.tolist(), how
([3.0, 0.0, 0.0, 0.0], 'exact')
>>> broker_scores(pairs).tolist()  # 3 of the C(3, 2) = 3 pairs without the centre
[1.0, 0.0, 0.0, 0.0]
"""

from __future__ import annotations

__all__ = [
    "DISK_CACHE_FROM",
    "EXACT_LIMIT",
    "KADABRA_DELTA",
    "KADABRA_EPS",
    "Betweenness",
    "Method",
    "betweenness_pairs",
    "broker_scores",
    "graph_skeleton",
    "shared_betweenness",
    "skeleton",
    "stand_in_counts",
    "undirected_edges",
    "unnamed_groups",
    "with_stand_ins",
]

import importlib.util
import logging
import multiprocessing as mp
import os
import random
import sys
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph

from ecox.graph.adjacency import symmetric_ties
from ecox.graph.analysis import AnalysisGraph
from ecox.graph.errors import InputError
from ecox.graph.machine import usable_cpus
from ecox.graph.unnamed import reported_ties

logger = logging.getLogger(__name__)

#: ``method="auto"`` is exact up to this many actors, sampled above.
EXACT_LIMIT = 5000

Method = Literal["auto", "exact", "sampled", "kadabra"]
_METHODS = ("auto", "exact", "sampled", "kadabra")

#: KADABRA's error bound (on the broker score: ``eps · n / (n − 2)``) and failure chance.
KADABRA_EPS = 0.01
KADABRA_DELTA = 0.1

#: Graphs from this many actors keep their betweenness in the disk cache.
DISK_CACHE_FROM = 20_000
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Graphs from this many actors are relabelled (reverse Cuthill–McKee) before
#: igraph runs: neighbours get nearby indices, so the searches miss the cache
#: less (about 20 % faster on the Crunchbase giant component).
_RELABEL_FROM = 10_000
#: Sources per igraph call (one progress-bar step).
_CHUNK = 256
#: Searches × actors above which a run counts as long: workers and a progress bar.
_LONG_RUN = 50_000_000

#: The igraph graph the forked workers read.
_SHARED: dict[str, Any] = {}


def skeleton(adjacency: sp.sparray) -> sp.csr_array:
    """Binary symmetric CSR without self-loops, canonical (sorted indices).

    >>> skeleton(sp.csr_array([[1, 2], [0, 0]])).toarray().tolist()
    [[False, True], [True, False]]
    """
    a = sp.coo_array(adjacency, copy=True)
    a.sum_duplicates()  # entries that cancel are no tie
    ties = a.data != 0
    return symmetric_ties([a.row[ties]], [a.col[ties]], a.shape[0], bool)


def undirected_edges(a: sp.csr_array) -> tuple[IntArray, IntArray]:
    """Each edge of a symmetric canonical CSR once: ``(lo, hi)`` sorted by ``lo * n + hi``.

    >>> [x.tolist() for x in undirected_edges(skeleton(sp.csr_array([[0, 1], [0, 0]])))]
    [[0], [1]]
    """
    n = a.shape[0]
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(a.indptr))
    cols = np.asarray(a.indices, dtype=np.int64)
    keep = rows < cols
    return rows[keep], cols[keep]


def broker_scores(pairs: FloatArray) -> FloatArray:
    """Pairs through each actor over the ``(n − 1)(n − 2) / 2`` pairs without it.

    >>> broker_scores(np.array([1.0, 0.0, 0.0])).tolist()
    [1.0, 0.0, 0.0]
    """
    n = len(pairs)
    if n < 3:
        return np.zeros(n)
    return np.clip(pairs * 2.0 / ((n - 1.0) * (n - 2.0)), 0.0, 1.0)  # clip: round-off only


# ---------------------------------------------------------------------------
# Searches (igraph), split over workers, with a progress bar
# ---------------------------------------------------------------------------


def _halved_dependencies(sources: list[int]) -> FloatArray:
    graph = _SHARED["graph"]
    return np.asarray(graph.betweenness(directed=False, sources=sources), dtype=np.float64)


def _weighted_task(task: tuple[float, list[int]]) -> tuple[int, FloatArray]:
    weight, sources = task
    return len(sources), weight * _halved_dependencies(sources)


def _run_searches(
    graph: Any,
    sources: IntArray,
    weights: FloatArray,
    workers: int | None,
    progress: bool | None,
) -> FloatArray:
    """``Σ_s weight_s · ½ δ_s``: igraph's halved dependency sums, weighted per source."""
    from tqdm import tqdm

    n = graph.vcount()
    searches = len(sources)
    long_run = searches * n >= _LONG_RUN
    if workers is None:
        workers = usable_cpus() if long_run else 1
    workers = max(1, min(workers, searches))
    # a few chunks per worker at least, so the workers finish together
    tasks = _tasks(sources, weights, max(1, min(_CHUNK, searches // (4 * workers))))
    show = progress if progress is not None else (sys.stderr.isatty() or long_run)
    total = np.zeros(n)
    _SHARED["graph"] = graph
    try:
        with tqdm(
            total=searches, disable=not show, desc="betweenness", unit="search", file=sys.stderr
        ) as bar:
            if workers == 1 or "fork" not in mp.get_all_start_methods():
                for task in tasks:
                    done, part = _weighted_task(task)
                    total += part
                    bar.update(done)
            else:
                with mp.get_context("fork").Pool(workers) as pool:
                    for done, part in pool.imap_unordered(_weighted_task, tasks):
                        total += part
                        bar.update(done)
    finally:
        _SHARED.clear()
    return total


def _tasks(sources: IntArray, weights: FloatArray, chunk: int) -> list[tuple[float, list[int]]]:
    """Sources grouped by weight, in chunks of at most ``chunk`` (largest first)."""
    tasks: list[tuple[float, list[int]]] = []
    for weight in np.unique(weights):
        group = sources[weights == weight].tolist()
        tasks.extend((float(weight), group[i : i + chunk]) for i in range(0, len(group), chunk))
    tasks.sort(key=lambda task: -len(task[1]))
    return tasks


def _igraph(a: sp.csr_array) -> tuple[Any, IntArray]:
    """The skeleton as an igraph graph, and each actor's vertex (relabelled when large)."""
    import igraph as ig

    n = a.shape[0]
    lo, hi = undirected_edges(a)
    if n >= _RELABEL_FROM:
        perm = csgraph.reverse_cuthill_mckee(sp.csr_matrix(a), symmetric_mode=True)
        label = np.empty(n, dtype=np.int64)
        label[np.asarray(perm, dtype=np.int64)] = np.arange(n)
    else:
        label = np.arange(n, dtype=np.int64)
    graph = ig.Graph(n=n, directed=False)
    graph.add_edges(np.column_stack([label[lo], label[hi]]))
    return graph, label


# ---------------------------------------------------------------------------
# Exact: one search per class of interchangeable actors
# ---------------------------------------------------------------------------


def _source_classes(a: sp.csr_array) -> tuple[IntArray, FloatArray, FloatArray]:
    """Sources, their weights, and the leaves' own pairs per actor.

    In a component of ``c ≥ 3`` actors, a leaf ``ℓ`` of partner ``u`` has the
    dependencies of ``u`` plus ``c − 2`` on ``u``; twins (the same partners)
    have equal dependencies. So ``Σ_s δ_s = Σ_r W_r δ_r + Σ_u L_u (c − 2) e_u``
    over one representative ``r`` per twin class of non-leaves, ``W_r`` the
    class's actors and leaves.
    """
    n = a.shape[0]
    degree = np.diff(a.indptr)
    _, labels = csgraph.connected_components(a, directed=False)
    size = np.bincount(labels)[labels]
    leaf = (degree == 1) & (size >= 3)
    hub = np.zeros(n, dtype=np.int64)
    hub[leaf] = a.indices[a.indptr[:-1][leaf]]
    leaves_of = np.bincount(hub[leaf], minlength=n).astype(np.float64)
    searched = np.flatnonzero((size >= 3) & ~leaf)
    representative: dict[bytes, int] = {}
    rep = np.empty(n, dtype=np.int64)
    for v in searched.tolist():
        rep[v] = representative.setdefault(a.indices[a.indptr[v] : a.indptr[v + 1]].tobytes(), v)
    weight = np.zeros(n)
    np.add.at(weight, rep[searched], 1.0 + leaves_of[searched])
    sources = np.asarray(sorted(representative.values()), dtype=np.int64)
    own = 0.5 * leaves_of * (size - 2.0)
    return sources, weight[sources], own


def betweenness_pairs(
    a: sp.sparray,
    *,
    method: Method = "auto",
    k: int = 256,
    seed: int = 0,
    workers: int | None = None,
    progress: bool | None = None,
    eps: float = KADABRA_EPS,
) -> tuple[FloatArray, str]:
    """Pairs through each actor (Freeman's betweenness) and how they were computed.

    Parameters
    ----------
    a : scipy sparse array
        Adjacency; read as the undirected binary graph (:func:`skeleton`).
    method : {"auto", "exact", "sampled", "kadabra"}
        ``"auto"`` is exact up to :data:`EXACT_LIMIT` actors and KADABRA above
        (sampled sources when networkit is not installed).
    k : int, default 256
        Sampled sources (exact when ``k >= n``).
    seed : int, default 0
        Seed of networkx's source sample (``random.Random(seed).sample``), or of KADABRA.
    workers : int, optional
        Processes (forked), or KADABRA's threads; default all available CPUs
        for a long run (KADABRA: always), else 1.
    progress : bool, optional
        Progress bar on standard error; default on a terminal or for a long run.

    Returns
    -------
    pairs : numpy.ndarray
        Float per actor, an estimate when sampled.
    eps : float, default :data:`KADABRA_EPS`
        KADABRA's error bound (see the module notes).
    how : str
        ``"exact"``, ``"sampled k=… seed=…"`` or ``"kadabra eps=… delta=… seed=…"``.

    Examples
    --------
    >>> import networkx as nx
    >>> path = sp.csr_array(nx.to_scipy_sparse_array(nx.path_graph(5)))
    >>> pairs, how = betweenness_pairs(path, method="kadabra", eps=0.02, workers=1)
    >>> how, bool(abs(pairs[2] - 4) <= 0.02 * 5 / 3 * 6)  # the centre: 4 of C(4, 2) pairs
    ('kadabra eps=0.02 delta=0.1 seed=0', True)
    """
    resolved = _resolved(method, a.shape[0], k)
    return _pairs(skeleton(a), resolved, k, seed, workers, progress, eps)


def _pairs(
    a: sp.csr_array,
    resolved: Method,
    k: int,
    seed: int,
    workers: int | None,
    progress: bool | None,
    eps: float = KADABRA_EPS,
) -> tuple[FloatArray, str]:
    """:func:`betweenness_pairs` of a skeleton, by the method ``resolved``."""
    n = a.shape[0]
    exact = resolved == "exact"
    if n < 3:
        return np.zeros(n), "exact"
    if resolved == "kadabra":
        how = f"kadabra eps={eps:g} delta={KADABRA_DELTA:g} seed={seed}"
        return _kadabra(a, eps, seed, workers), how
    graph, label = _igraph(a)
    if exact:
        sources, weights, own = _source_classes(a)
        logger.debug("betweenness: %d searches for %d actors", len(sources), n)
        raw = _run_searches(graph, label[sources], weights, workers, progress)
        return raw[label] + own, "exact"
    # networkx's sample: random.Random(seed).sample(list(G), k) picks these indices.
    sample = np.asarray(random.Random(seed).sample(range(n), k), dtype=np.int64)
    raw = _run_searches(graph, label[sample], np.ones(k), workers, progress)[label]
    # networkx (3.6) scales sources by 1/((k-1)(n-2)), the others by 1/(k(n-2)):
    # Σ_s δ_s(v) / (k (n − 2)) ≤ 1 because each dependency is at most n − 2.
    scale = np.full(n, 1.0 / (k * (n - 2)))
    scale[sample] = 1.0 / ((k - 1) * (n - 2)) if k > 1 else 0.0
    score = np.clip(2.0 * raw * scale, 0.0, 1.0)
    return score * ((n - 1.0) * (n - 2.0) / 2.0), f"sampled k={k} seed={seed}"


def _resolved(method: str, n: int, k: int) -> Method:
    """``"exact"``, ``"sampled"`` or ``"kadabra"``: what ``method`` runs on ``n`` actors."""
    if method not in _METHODS:
        raise InputError(f"betweenness must be one of {', '.join(_METHODS)}, not {method!r}")
    if k < 1:
        raise InputError(f"k must be at least 1, got {k}")
    if (
        method == "exact"
        or (method != "kadabra" and k >= n)
        or (method == "auto" and n <= EXACT_LIMIT)
    ):
        return "exact"
    if method == "auto":
        # looked up, not imported: importing networkit takes a second (it imports scikit-learn)
        if importlib.util.find_spec("networkit") is None:  # pragma: no cover - a dependency
            return "sampled"
        return "kadabra"
    return "kadabra" if method == "kadabra" else "sampled"


def _kadabra(a: sp.csr_array, eps: float, seed: int, workers: int | None) -> FloatArray:
    """KADABRA's estimate of the pairs through each actor (networkit, ``workers`` threads)."""
    import networkit as nk

    n = a.shape[0]
    lo, hi = undirected_edges(a)
    graph = nk.GraphFromCoo(
        (np.ones(len(lo)), (lo.astype(np.uint64), hi.astype(np.uint64))),
        n=n, directed=False, weighted=False,
    )  # fmt: skip
    threads = nk.getMaxNumberOfThreads()
    nk.setNumberOfThreads(max(1, workers if workers is not None else usable_cpus()))
    nk.setSeed(seed, False)
    try:
        run = nk.centrality.KadabraBetweenness(graph, eps, KADABRA_DELTA)
        run.run()
        scores = np.asarray(run.scores(), dtype=np.float64)
    finally:
        nk.setNumberOfThreads(threads)
    # networkit's scale: a star's centre, on C(n − 1, 2) pairs, scores 2 (n − 2) / n
    return scores * (n * (n - 1.0) / 4.0)


# ---------------------------------------------------------------------------
# Unnamed counterparts: stand-ins
# ---------------------------------------------------------------------------


def stand_in_counts(counts: pd.Series) -> IntArray:
    """Stand-ins per unnamed group of ``c`` actors: ``1 + ⌊log₂ c⌋``; 1 when ``c`` is missing.

    >>> stand_in_counts(pd.Series([None, 1, 2, 7, 164, 6069], dtype="Int64")).tolist()
    [1, 1, 2, 3, 8, 13]
    """
    members = counts.astype("Float64").fillna(1.0).clip(lower=1.0).to_numpy(dtype=np.float64)
    return 1 + np.floor(np.log2(members)).astype(np.int64)


def unnamed_groups(ag: AnalysisGraph) -> tuple[IntArray, IntArray]:
    """Each unnamed group's actor index and its weight in stand-ins.

    One row of :func:`graph.unnamed.reported_ties` (an actor, a relation, a
    side, a counterpart type) is one group, weighing :func:`stand_in_counts`.

    >>> from ecox.graph.claims import ClaimGraph
    >>> from ecox.queries.inputs import analysis_of
    >>> plaza = ClaimGraph.build(
    ...     actors=[("广场", ["Park"], [])],
    ...     claims=[{"source": "", "target": "广场", "type": "LOCATED_IN",
    ...              "counterpart_type": "Fund", "counterpart_count": 164},
    ...             {"source": "广场", "target": "", "type": "SERVES",
    ...              "counterpart_type": "Enterprise", "counterpart_count": 7}])
    >>> hubs, weights = unnamed_groups(analysis_of(plaza))
    >>> hubs.tolist(), weights.tolist()  # 164 funds located there, 7 firms served
    ([0, 0], [8, 3])
    """
    ties = reported_ties(ag)
    if not len(ties):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    hubs = pd.Index(ag.adjacency.ids).get_indexer(ties["node"]).astype(np.int64)
    return hubs, stand_in_counts(ties["counterpart_count"])


def with_stand_ins(undirected: sp.sparray, hubs: IntArray, weights: IntArray) -> sp.csr_array:
    """The ties, with each group's stand-ins appended after the actors as leaves of its actor.

    >>> with_stand_ins(sp.csr_array((2, 2)), np.array([0]), np.array([2])).shape
    (4, 4)
    """
    if not len(hubs):
        return sp.csr_array(undirected)
    a = sp.coo_array(undirected)
    hubs = np.repeat(hubs, weights)
    n = a.shape[0]
    leaves = n + np.arange(len(hubs), dtype=np.int64)
    rows = np.concatenate([a.row, hubs, leaves])
    cols = np.concatenate([a.col, leaves, hubs])
    data = np.ones(len(rows), dtype=bool)
    total = n + len(hubs)
    return sp.csr_array((data, (rows, cols)), shape=(total, total))


# ---------------------------------------------------------------------------
# One result per graph
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Betweenness:
    """Betweenness of every actor of one analysis graph.

    Attributes
    ----------
    ids
        Actor ids, actor-table order.
    pairs
        Actor pairs whose shortest paths run through each actor.
    score
        The broker score, ``pairs / ((n − 1)(n − 2) / 2)``.
    how
        ``"exact"`` or ``"sampled k=… seed=…"``.
    stored
        The disk-cache file it is kept in (``None`` below :data:`DISK_CACHE_FROM` actors):
        what is derived from it may be kept beside it under a name made from this one.
    """

    ids: npt.NDArray[np.object_]
    pairs: FloatArray
    score: FloatArray
    how: str
    stored: Path | None = None

    def series(self) -> pd.Series:
        """The scores as a Series indexed by actor id, named ``betweenness``."""
        out = pd.Series(self.score, index=pd.Index(self.ids, name="node"), name="betweenness")
        out.attrs["betweenness"] = self.how
        return out


_CACHE: weakref.WeakKeyDictionary[AnalysisGraph, dict[tuple[Any, ...], Betweenness]] = (
    weakref.WeakKeyDictionary()
)
_SKELETONS: weakref.WeakKeyDictionary[AnalysisGraph, sp.csr_array] = weakref.WeakKeyDictionary()


def graph_skeleton(ag: AnalysisGraph) -> sp.csr_array:
    """The :func:`skeleton` of ``ag``'s ties, computed once per analysis graph and shared
    (betweenness and the broker table read the same one; do not change it).

    >>> import ecox
    >>> from ecox.queries.inputs import analysis_of
    >>> ag = analysis_of(ecox.seed())
    >>> graph_skeleton(ag) is graph_skeleton(ag), graph_skeleton(ag).dtype
    (True, dtype('bool'))
    """
    if ag not in _SKELETONS:
        u = ag.adjacency.undirected()  # already 0/1, symmetric, without self-loops, sorted
        _SKELETONS[ag] = sp.csr_array((u.data.astype(bool), u.indices, u.indptr), shape=u.shape)
    return _SKELETONS[ag]


def shared_betweenness(
    ag: AnalysisGraph,
    *,
    method: Method = "auto",
    k: int = 256,
    seed: int = 0,
    workers: int | None = None,
    progress: bool | None = None,
) -> Betweenness:
    """The betweenness of ``ag``, computed once per graph and setting, then shared.

    Every caller with the same analysis graph object (the broker table, the
    views' node sizes, the report) gets the same :class:`Betweenness`; from
    :data:`DISK_CACHE_FROM` actors, later processes read it from the disk
    cache. ``workers`` and ``progress`` change only how it is computed.

    Examples
    --------
    >>> import ecox
    >>> from ecox.queries.inputs import analysis_of
    >>> ag = analysis_of(ecox.seed())
    >>> shared_betweenness(ag) is shared_betweenness(ag, method="exact")
    True
    >>> bool(0 <= shared_betweenness(ag).score.min() <= shared_betweenness(ag).score.max() <= 1)
    True
    """
    resolved = _resolved(method, len(ag.actors), k)
    key: tuple[Any, ...] = (
        ("exact",) if resolved == "exact"
        else ("sampled", k, seed) if resolved == "sampled"
        else ("kadabra", KADABRA_EPS, KADABRA_DELTA, seed)
    )  # fmt: skip
    found = _CACHE.setdefault(ag, {})
    if key not in found:
        ids = np.asarray(ag.adjacency.ids, dtype=object)
        hubs, weights = unnamed_groups(ag)
        ties = graph_skeleton(ag)
        if len(hubs):
            ties = skeleton(with_stand_ins(ties, hubs, weights))
        n = len(ids)
        path: Path | None = None
        if n >= DISK_CACHE_FROM:
            stand_in_ids = np.char.add("~stand-in-", np.arange(ties.shape[0] - n).astype(str))
            path = _disk_path(np.concatenate([ids, stand_in_ids.astype(object)]), ties, key)
        stored = _read(path) if path is not None else None
        if stored is None:
            stored = _pairs(ties, resolved, k, seed, workers, progress)
            if path is not None:
                _write(path, *stored)
        pairs, how = stored
        # a group's stand-ins stand for one set: their pairs with one another are not brokered
        within = np.bincount(hubs, weights=weights * (weights - 1) / 2.0, minlength=n)
        pairs = np.concatenate([np.clip(pairs[:n] - within, 0.0, None), pairs[n:]])
        found[key] = Betweenness(
            ids=ids, pairs=pairs[:n], score=broker_scores(pairs)[:n], how=how, stored=path
        )
    return found[key]


@dataclass(frozen=True)
class _Ties:
    """What betweenness depends on, in the shape :func:`graph.cache.content_hash` reads:
    the actor ids and each undirected tie once."""

    actors: pd.DataFrame
    claims: pd.DataFrame


#: Format of the stored betweenness (a new one gets new cache names).
_DISK_SALT = "betweenness-npz-1"


def _disk_path(ids: npt.NDArray[np.object_], ties: sp.csr_array, key: tuple[Any, ...]) -> Path:
    """Where the betweenness of the skeleton ``ties`` (actors ``ids``) is kept."""
    from ecox.graph.cache import cached_path

    lo, hi = undirected_edges(ties)
    ties = _Ties(actors=pd.DataFrame({"id": ids}), claims=pd.DataFrame({"lo": lo, "hi": hi}))
    salt = f"{_DISK_SALT}|" + "|".join(map(str, key))
    return cached_path(ties, "betweenness", ".npz", salt=salt)


def _read(path: Any) -> tuple[FloatArray, str] | None:
    """The stored (pairs, how), or None when absent or unreadable."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            return np.asarray(stored["pairs"], dtype=np.float64), str(stored["how"])
    except (OSError, KeyError, ValueError) as error:
        if not isinstance(error, FileNotFoundError):
            logger.warning("betweenness cache %s unreadable (%s): computing again", path, error)
        return None


def _write(path: Any, pairs: FloatArray, how: str) -> None:
    """Store (pairs, how) under a temporary name, then rename; a failure only logs."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as out:
            np.savez(out, pairs=pairs, how=np.asarray(how))
        os.replace(temporary, path)
    except OSError as error:
        logger.warning("betweenness not cached at %s: %s", path, error)
        temporary.unlink(missing_ok=True)
