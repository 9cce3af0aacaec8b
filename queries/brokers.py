"""Brokers: who bridges the ecosystem, and why.

One row per actor with, on the undirected binary graph of all relations
(self-loops dropped, link weights ignored):

- ``deg_<Type>``: distinct counterparts of each primary type (a column only
  for the types that occur as someone's counterpart), and ``degree``;
- ``reach``: how many actors its connected component holds besides itself;
- ``pairs``: betweenness, the actor pairs whose shortest paths run through
  it, ``Σ_{s<t} σ_st(v) / σ_st`` [1]_ [2]_ (estimated on large graphs by
  KADABRA, or from ``k`` sampled sources on request); a group of unnamed
  counterparts (164 funds, none named) counts as one endpoint of weight
  ``1 + ⌊log₂ 164⌋ = 8`` (:mod:`queries.betweenness`);
- ``broker_score``: the **broker score**, ``pairs`` over the pairs of the
  whole graph without the actor, ``pairs / ((n − 1)(n − 2) / 2)`` in
  ``[0, 1]`` (networkx's normalised betweenness of the whole graph). Every
  actor is weighed against the same pairs, so the centre of a small side
  cluster (few pairs) does not outrank the bridges of the main ecosystem.
  See :mod:`queries.betweenness`: computed once per graph and shared by
  the views and the report;
- ``constraint`` and ``effective_size``: Burt's structural-hole measures,
  equal to ``networkx.constraint`` and ``networkx.effective_size`` (NaN for
  isolated actors), computed from the triangles of the graph with array
  operations, not networkx;
- Gould–Fernandez role counts (``coordinator, itinerant, representative,
  gatekeeper, liaison``) with the primary node type as group, on the
  symmetric graph (each unordered pair of unlinked neighbours counts in both
  directions), and their sum ``brokerage`` (:mod:`queries.brokerage`);
- ``reason``: the actor's counterparts by type and the two circles it
  bridges, in words; ``reason_zh`` the same in Chinese, counted with the
  schema's Chinese labels and measure words (``连接 12 家企业与 4 家投资机构``).

Rows are sorted by ``broker_score`` descending, ties by node id;
``types=`` keeps the actors of some types (:data:`INTERMEDIARIES`: banks,
platforms, parks, government, funds, investors). The result's
``attrs["betweenness"]`` says ``"exact"``, ``"kadabra eps=… delta=… seed=…"``
or ``"sampled k=… seed=…"``.

``brokerage`` is the one brokerage count of ecox (the views and the report
show this number): Gould–Fernandez pairs on the *symmetric* graph, since a
claim's direction (a bank lends *to* two firms) is not a flow through the
actor; read directed, that bank would broker nothing.

References
----------
.. [1] Freeman, L. C. (1977). A set of measures of centrality based on
   betweenness. *Sociometry* 40(1), 35–41.
.. [2] Brandes, U. (2001). A faster algorithm for betweenness centrality.
   *Journal of Mathematical Sociology* 25(2), 163–177; Brandes, U. and
   Pich, C. (2007). Centrality estimation in large networks. *International
   Journal of Bifurcation and Chaos* 17(7), 2303–2318.
.. [3] Burt, R. S. (1992). *Structural Holes: The Social Structure of
   Competition*. Harvard University Press; Burt, R. S. (2004). Structural
   holes and good ideas. *American Journal of Sociology* 110(2), 349–399.
.. [4] Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy
   measures. *Connections* 20(1), 35–38.
.. [5] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation.
   *Sociological Methodology* 19, 89–126.

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> g = ClaimGraph.build(
...     actors=[("行", ["Bank"], []), ("甲公司", ["Enterprise"], []),
...             ("乙公司", ["Enterprise"], []), ("张三", ["Entrepreneur"], [])],
...     claims=[{"source": "行", "target": "甲公司", "type": "LENT_TO"},
...             {"source": "行", "target": "乙公司", "type": "LENT_TO"},
...             {"source": "张三", "target": "甲公司", "type": "FOUNDED"}],
... )
>>> table = brokers(g)
>>> print(table[["name", "deg_Bank", "deg_Enterprise", "degree", "broker_score"]]
...       .round(3).to_string(index=False))
name  deg_Bank  deg_Enterprise  degree  broker_score
   行         0               2       2         0.667
 甲公司         1               0       2         0.667
 乙公司         1               0       1         0.000
  张三         0               1       1         0.000
>>> table.loc[0, "reason"]
'links 2 enterprises; bridges 甲公司 and 乙公司 in a network of 4'
>>> table.loc[0, "reason_zh"]
'连接 2 家企业；在 甲公司 与 乙公司 之间搭桥（所在网络共 4 个主体）'
>>> table.attrs["betweenness"]
'exact'
"""

from __future__ import annotations

from ecox.graph.schema import NodeType

__all__ = [
    "EXACT_LIMIT",
    "INTERMEDIARIES",
    "betweenness",
    "broker_numbers",
    "broker_reasons",
    "broker_table_columns",
    "brokers",
    "burt",
    "burt_arrays",
]

import logging
import weakref
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph

from ecox.graph.analysis import AnalysisGraph
from ecox.graph.errors import InputError
from ecox.graph.schema import SCHEMA
from ecox.graph.unnamed import counterpart_label, reported_ties
from ecox.queries.betweenness import (
    EXACT_LIMIT,
    Betweenness,
    Method,
    graph_skeleton,
    shared_betweenness,
    skeleton,
    undirected_edges,
)
from ecox.queries.broker_cache import BrokerNumbers, disk_path, read_numbers, write_numbers
from ecox.queries.brokerage import ROLES, ClosedCounts, open_counts_undirected
from ecox.queries.brokerage_triangles import TriangleBlock, triangle_blocks
from ecox.queries.inputs import GraphInput, analysis_of

logger = logging.getLogger(__name__)

#: The intermediaries the reports name as brokers (the schema's type group
#: ``intermediaries``): ``brokers(g, types=INTERMEDIARIES)``.
INTERMEDIARIES: tuple[NodeType, ...] = tuple(NodeType(t) for t in SCHEMA.groups["intermediaries"])

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: English nouns for counting counterparts in ``reason`` (singular, plural).
_NOUNS: dict[str, tuple[str, str]] = {
    NodeType.SCIENTIST: ("scientist", "scientists"),
    NodeType.ENTREPRENEUR: ("entrepreneur", "entrepreneurs"),
    NodeType.PERSON: ("person", "people"),
    NodeType.ENTERPRISE: ("enterprise", "enterprises"),
    NodeType.INVESTOR: ("investor", "investors"),
    NodeType.FUND: ("fund", "funds"),
    NodeType.BANK: ("bank", "banks"),
    NodeType.PARK: ("park", "parks"),
    NodeType.INSTITUTE: ("institute", "institutes"),
    NodeType.GOVERNMENT: ("government body", "government bodies"),
    NodeType.PLATFORM: ("platform", "platforms"),
}


def _count_words(count: int, node_type: str) -> str:
    singular, plural = _NOUNS.get(node_type, (node_type, node_type))
    return f"{count} {singular if count == 1 else plural}"


def broker_table_columns(type_columns: list[str]) -> list[str]:
    """The column order of :func:`brokers` given its ``deg_<Type>`` columns.

    >>> broker_table_columns(["deg_Bank"])[:5]
    ['node', 'type', 'name', 'deg_Bank', 'degree']
    """
    return [
        "node",
        "type",
        "name",
        *type_columns,
        "degree",
        "reach",
        "pairs",
        "broker_score",
        "constraint",
        "effective_size",
        *ROLES,
        "brokerage",
        "reason",
        "reason_zh",
    ]


def betweenness(
    G: GraphInput,
    *,
    method: Method = "auto",
    k: int = 256,
    seed: int = 0,
    as_of: str | None = None,
    workers: int | None = None,
    progress: bool | None = None,
) -> pd.Series:
    """The broker score of every actor: betweenness normalised over the whole graph.

    The same numbers as ``networkx.betweenness_centrality(G, normalized=True)``
    on the undirected graph of all relations (see :mod:`queries.betweenness`),
    computed once per analysis graph and shared with :func:`brokers`.

    Parameters
    ----------
    G : ClaimGraph, AnalysisGraph or networkx graph
        Any input of :func:`queries.inputs.analysis_of`; not changed.
    method : {"auto", "exact", "sampled", "kadabra"}
        ``"auto"`` is exact up to :data:`EXACT_LIMIT` actors and KADABRA above
        (:mod:`queries.betweenness`); ``"sampled"`` uses ``k`` sources.
    k : int, default 256
        Sampled sources (exact when ``k >= n``).
    seed : int, default 0
        Seed of the source sample: the same nodes networkx's
        ``betweenness_centrality(G, k=k, seed=seed)`` draws when ``G``'s
        nodes are in actor-table order, so the estimates are equal (or of KADABRA).
    as_of : str, optional
        Only claims known by this date.
    workers : int, optional
        Processes the searches are split over (forked), or KADABRA's threads;
        default all CPUs for a long run, else one. The result is the same up
        to rounding (KADABRA: the same only with one worker).
    progress : bool, optional
        Progress bar on standard error; default on a terminal or for a long run.

    Returns
    -------
    pandas.Series
        Indexed by actor id (actor-table order), named ``betweenness``, in
        ``[0, 1]``; ``attrs["betweenness"]`` is ``"exact"``, ``"kadabra …"`` or
        ``"sampled k=… seed=…"``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> nx.set_node_attributes(G, "Fund", "type")
    >>> nx.set_edge_attributes(G, "COOPERATES_WITH", "relations")
    >>> betweenness(G).tolist()
    [0.0, 1.0, 0.0]
    """
    ag = analysis_of(G, as_of=as_of)
    shared = shared_betweenness(
        ag, method=method, k=k, seed=seed, workers=workers, progress=progress
    )
    return shared.series()


# ---------------------------------------------------------------------------
# Burt's constraint and effective size
# ---------------------------------------------------------------------------


class _BurtSums:
    """Burt's per-edge sums ``S_ij`` and per-node triangle counts, fed block after block."""

    def __init__(self, lo: IntArray, hi: IntArray, n: int) -> None:
        self.lo, self.hi, self.n = lo, hi, n
        self.degree = (np.bincount(lo, minlength=n) + np.bincount(hi, minlength=n)).astype(
            np.float64
        )
        self.inv = np.zeros(n)
        np.divide(1.0, self.degree, out=self.inv, where=self.degree > 0)
        # one sum per triangle edge (t–x, t–y, x–y), added in that order as before
        self.shared = [np.zeros(len(lo)) for _ in range(3)]
        self.tri = np.zeros(n, dtype=np.int64)

    def add(self, block: TriangleBlock) -> None:
        """Add the triangles of one block: edge ``t–x`` gains ``1 / d_y``, and so on."""
        t, x, y = block.nodes
        for sums, edge, opposite in zip(self.shared, block.edges, (y, x, t), strict=True):
            sums += np.bincount(edge, weights=self.inv[opposite], minlength=len(sums))
        for node in (t, x, y):
            self.tri += np.bincount(node, minlength=self.n)

    def result(self) -> tuple[FloatArray, FloatArray]:
        """Constraint and effective size (NaN for isolated nodes)."""
        shared = np.zeros(len(self.lo))
        for sums in self.shared:
            shared += sums
        term = (1.0 + shared) ** 2
        n, inv, degree = self.n, self.inv, self.degree
        total = np.bincount(self.lo, weights=term, minlength=n) + np.bincount(
            self.hi, weights=term, minlength=n
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            constraint = total * inv * inv
            effective = degree - 2.0 * self.tri * inv
        isolated = degree == 0
        constraint[isolated] = np.nan
        effective[isolated] = np.nan
        return np.asarray(constraint, dtype=np.float64), np.asarray(effective, dtype=np.float64)


def burt_arrays(adjacency: sp.sparray) -> tuple[FloatArray, FloatArray]:
    """Burt's constraint and effective size of every node of an undirected graph.

    Parameters
    ----------
    adjacency : scipy sparse array
        ``n × n``; any non-zero ``[i, j]`` or ``[j, i]`` is the undirected
        edge ``{i, j}`` (weights and the diagonal are ignored).

    Returns
    -------
    constraint, effective_size : numpy.ndarray
        Float arrays of length ``n``; NaN for isolated nodes, as networkx.

    Notes
    -----
    For an unweighted undirected graph networkx's definitions reduce to
    ``c(i) = Σ_{j ∈ N(i)} ((1 + S_ij) / d_i)²`` with
    ``S_ij = Σ_{w ∈ N(i) ∩ N(j)} 1 / d_w``, and Borgatti's
    ``e(i) = d_i − 2 t_i / d_i`` with ``t_i`` the triangles at ``i``. Both
    need only the triangles, listed once each by degree-ordered wedges in
    blocks (:func:`queries.brokerage_triangles.triangle_blocks`: ``Σ`` of
    squared *oriented* out-degrees, far fewer than the ``Σ d_w²`` two-paths
    of a masked product ``(A D⁻¹ A) ∘ A``).

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> # a triangle 0-1-2 with a pendant 3 on node 0, and an isolated node 4:
    >>> # c(1) = ((1 + 1/2) / 2)² + ((1 + 1/3) / 2)², e(0) = 3 - 2·1/3
    >>> r, c = [0, 1, 0, 0], [1, 2, 2, 3]
    >>> a = sp.csr_array((np.ones(4), (r, c)), shape=(5, 5))
    >>> con, eff = burt_arrays(a)
    >>> [round(float(x), 4) for x in con]
    [0.6111, 1.0069, 1.0069, 1.0, nan]
    >>> [round(float(x), 4) for x in eff]
    [2.3333, 1.0, 1.0, 1.0, nan]
    """
    a = skeleton(adjacency)
    n = a.shape[0]
    lo, hi = undirected_edges(a)
    sums = _BurtSums(lo, hi, n)
    for block in triangle_blocks(lo, hi, n):
        sums.add(block)
    return sums.result()


def burt(G: GraphInput, *, as_of: str | None = None) -> pd.DataFrame:
    """Burt's constraint and effective size of every actor, as networkx defines them.

    Computed on the undirected binary graph of all relations, equal to
    ``nx.constraint(H)`` and ``nx.effective_size(H)`` for that graph ``H``
    (see :func:`burt_arrays`).

    Parameters
    ----------
    G : ClaimGraph, AnalysisGraph or networkx graph
        Not changed.
    as_of : str, optional
        Only claims known by this date.

    Returns
    -------
    pandas.DataFrame
        Indexed by actor id (actor-table order), columns ``constraint,
        effective_size``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.star_graph(3)
    >>> nx.set_node_attributes(G, "Bank", "type")
    >>> nx.set_edge_attributes(G, "COOPERATES_WITH", "relations")
    >>> burt(G).loc["0"].tolist()
    [0.3333333333333333, 3.0]
    """
    ag = analysis_of(G, as_of=as_of)
    adj = ag.adjacency
    con, eff = burt_arrays(adj.undirected())
    return pd.DataFrame(
        {"constraint": con, "effective_size": eff}, index=pd.Index(adj.ids, name="node")
    )


# ---------------------------------------------------------------------------
# The broker table
# ---------------------------------------------------------------------------


def _bridge(a: sp.csr_array, v: int, degree: IntArray, ids: np.ndarray) -> tuple[int, int] | None:
    """``(X, Y)``: v's best-connected neighbour and the best one not tied to it (indices)."""
    nbrs = a.indices[a.indptr[v] : a.indptr[v + 1]]
    if len(nbrs) < 2:
        return None
    order = np.lexsort((ids[nbrs].astype(str), -degree[nbrs]))
    ranked = nbrs[order]
    x = int(ranked[0])
    x_nbrs = a.indices[a.indptr[x] : a.indptr[x + 1]]
    for y in ranked[1:]:
        pos = np.searchsorted(x_nbrs, y)
        if pos >= len(x_nbrs) or x_nbrs[pos] != y:
            return x, int(y)
    return None


def _reasons(
    counts: npt.NDArray[np.int64],
    type_names: list[str],
    bridge: tuple[str, str] | None,
    reach: int,
    reported: tuple[str, str] | None = None,
) -> tuple[str, str]:
    """The reason in English and in Chinese (the schema's labels and measure words), ending
    with the ``reported`` unnamed groups in words (:func:`_reported_words`)."""
    text, zh = _named_reasons(counts, type_names, bridge, reach)
    if reported is None:
        return text, zh
    if text == "no ties":
        text, zh = "no named ties", "没有具名的联系"
    return f"{text}; reported, unnamed: {reported[0]}", f"{zh}；另据报道：{reported[1]}"


def _named_reasons(
    counts: npt.NDArray[np.int64],
    type_names: list[str],
    bridge: tuple[str, str] | None,
    reach: int,
) -> tuple[str, str]:
    """The reason from the named ties alone."""
    order = sorted(
        (i for i in range(len(type_names)) if counts[i]), key=lambda i: (-counts[i], type_names[i])
    )
    if not order:
        return "no ties", "没有任何联系"
    words = [_count_words(int(counts[i]), type_names[i]) for i in order]
    words_zh = [SCHEMA.count_zh(type_names[i], int(counts[i])) for i in order[:3]]
    rest = int(sum(counts[i] for i in order[3:]))
    if len(words) == 1:
        text = f"links {words[0]}"
    elif len(words) == 2:
        text = f"links {words[0]} to {words[1]}"
    elif len(words) == 3:
        text = f"links {words[0]}, {words[1]} and {words[2]}"
    else:
        text = f"links {words[0]}, {words[1]}, {words[2]} and {rest} more"
    if rest:
        zh = "连接 " + "、".join(words_zh) + f"及其他 {rest} 个主体"
    else:
        zh = (
            "连接 " + ("、".join(words_zh[:-1]) + "与 " if len(words_zh) > 1 else "") + words_zh[-1]
        )
    if bridge is not None:
        text += f"; bridges {bridge[0]} and {bridge[1]}"
        zh += f"；在 {bridge[0]} 与 {bridge[1]} 之间搭桥"
        if reach >= 3:
            text += f" in a network of {reach + 1}"
            zh += f"（所在网络共 {reach + 1} 个主体）"
    return text, zh


def _reported_words(ag: AnalysisGraph) -> dict[str, tuple[str, str]]:
    """Actor id → its unnamed groups in words: ``164 funds``, ``未具名基金 ×164``."""
    ties = reported_ties(ag)
    words: dict[str, tuple[list[str], list[str]]] = {}
    for node, kind, count in ties[["node", "counterpart_type", "counterpart_count"]].itertuples(
        index=False
    ):
        english, chinese = words.setdefault(node, ([], []))
        plural = _NOUNS.get(kind, (kind, kind))[1]
        english.append(plural if pd.isna(count) else _count_words(int(count), kind))
        chinese.append(counterpart_label(kind, count))
    return {node: (", ".join(en), "、".join(zh)) for node, (en, zh) in words.items()}


def _type_names(types: Iterable[NodeType | str]) -> list[str]:
    """Validated node-type names (``NodeType`` members or their values)."""
    names = []
    for wanted in types:
        try:
            names.append(NodeType(wanted).value)
        except ValueError:
            known = ", ".join(t.value for t in NodeType)
            raise InputError(f"unknown actor type {wanted!r}; expected one of {known}") from None
    return names


@dataclass(frozen=True)
class _Structure:
    """What the broker table reads of one analysis graph, whatever its betweenness."""

    skeleton: sp.csr_array
    ids: npt.NDArray[np.object_]
    primary: IntArray
    type_names: list[str]
    by_type: npt.NDArray[np.int32]
    degree: IntArray
    size: IntArray


#: The structure of each analysis graph, and its numbers per betweenness result.
_STRUCTURES: weakref.WeakKeyDictionary[AnalysisGraph, _Structure] = weakref.WeakKeyDictionary()
_NUMBERS: weakref.WeakKeyDictionary[AnalysisGraph, dict[str, BrokerNumbers]] = (
    weakref.WeakKeyDictionary()
)


def _structure(ag: AnalysisGraph) -> _Structure:
    """Degrees by counterpart type and component sizes, computed once per analysis graph."""
    if ag not in _STRUCTURES:
        adj = ag.adjacency
        n = adj.n
        a = graph_skeleton(ag)
        primary = np.asarray(adj.primary, dtype=np.int64)
        k = len(adj.type_names)
        rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(a.indptr))
        by_type = np.bincount(rows * k + primary[a.indices], minlength=n * k)
        _, labels = csgraph.connected_components(a, directed=False)
        _STRUCTURES[ag] = _Structure(
            skeleton=a,
            ids=np.asarray(adj.ids, dtype=object),
            primary=primary,
            type_names=list(adj.type_names),
            by_type=by_type.astype(np.int32).reshape(n, k),
            degree=np.diff(a.indptr).astype(np.int64),
            size=np.bincount(labels)[labels].astype(np.int64) if n else np.zeros(0, np.int64),
        )
    return _STRUCTURES[ag]


def _id_ranks(ids: npt.NDArray[np.object_]) -> IntArray:
    """Each id's place in the ids sorted as text (no sort when they already are)."""
    index = pd.Index(ids, dtype=object)
    if index.inferred_type == "string" and index.is_monotonic_increasing:
        return np.arange(len(ids), dtype=np.int64)
    ranks = np.empty(len(ids), dtype=np.int64)
    ranks[np.argsort(ids.astype(str), kind="stable")] = np.arange(len(ids))
    return ranks


def _counted(ag: AnalysisGraph, pairs: FloatArray, score: FloatArray, how: str) -> BrokerNumbers:
    """Every actor's numbers: degrees, reach, betweenness, Burt and the roles, from one
    listing of the triangles (Burt's measures and the closed two-paths read the same)."""
    s = _structure(ag)
    n = len(s.ids)
    lo, hi = undirected_edges(s.skeleton)
    sums = _BurtSums(lo, hi, n)
    closed = ClosedCounts(s.primary)
    for block in triangle_blocks(lo, hi, n):
        sums.add(block)
        closed.add(block)
    constraint, effective = sums.result()
    roles = open_counts_undirected(s.by_type, s.primary) - closed.counts()
    columns: dict[str, np.ndarray] = {
        f"deg_{s.type_names[j]}": s.by_type[:, j] for j in np.flatnonzero(s.by_type.any(axis=0))
    }
    columns |= {
        "degree": s.degree,
        "reach": s.size - 1,
        "pairs": pairs,
        "broker_score": score,
        "constraint": constraint,
        "effective_size": effective,
    }
    columns |= {role: roles[:, j] for j, role in enumerate(ROLES)}
    columns["brokerage"] = roles.sum(axis=1)
    order = np.lexsort((_id_ranks(s.ids), -score))
    return BrokerNumbers(columns=columns, order=order, how=how)


def _numbers(ag: AnalysisGraph, shared: Betweenness) -> BrokerNumbers:
    """Every actor's numbers with the betweenness ``shared``: once per graph and betweenness
    in a process, and on disk beside that betweenness when it is kept there (so ``ecox
    render`` and ``ecox report`` after ``ecox brokers`` read them back instead of listing
    the triangles again)."""
    known = _NUMBERS.setdefault(ag, {})
    if shared.how not in known:
        path = disk_path(ag, shared)
        found = None if path is None else read_numbers(path, ag.adjacency.n)
        if found is None:
            found = _counted(ag, shared.pairs, shared.score, shared.how)
            if path is not None:
                write_numbers(path, found)
        known[shared.how] = found
    return known[shared.how]


def broker_numbers(
    G: GraphInput,
    *,
    betweenness: Method = "auto",
    k: int = 256,
    seed: int = 0,
    as_of: str | None = None,
) -> dict[str, np.ndarray]:
    """The numeric columns of :func:`brokers` for every actor, in actor-table order, without
    a table: what a caller needs of a million actors (the views size and rank every actor
    by ``degree``, ``broker_score`` and ``brokerage``) costs one array each.

    Computed once per analysis graph and setting and shared (read them, do not change
    them); from :data:`~ecox.queries.betweenness.DISK_CACHE_FROM` actors kept on disk beside
    the betweenness. Parameters as :func:`brokers`.

    Examples
    --------
    >>> import ecox
    >>> numbers = broker_numbers(ecox.seed())
    >>> table = brokers(ecox.seed(), reasons=False)
    >>> import numpy as np
    >>> at = pd.Index(ecox.seed().actors["id"]).get_indexer(table["node"])
    >>> bool(np.array_equal(numbers["brokerage"][at], table["brokerage"]))
    True
    """
    ag = analysis_of(G, as_of=as_of)
    return _numbers(ag, shared_betweenness(ag, method=betweenness, k=k, seed=seed)).columns


def _frame(ag: AnalysisGraph, numbers: BrokerNumbers, rows: IntArray) -> pd.DataFrame:
    """The table's rows for the actors at indices ``rows`` (no reasons yet)."""
    adjacency = ag.adjacency
    types = np.asarray(adjacency.type_names, dtype=object)
    frame = pd.DataFrame(
        {
            "node": pd.Series(np.asarray(adjacency.ids, dtype=object)[rows], dtype=object),
            "type": pd.Series(types[adjacency.primary[rows]], dtype=object),
            "name": pd.Series(_names(ag, rows), dtype=object),
        }
        | {
            name: values[rows].astype(np.int64 if values.dtype.kind in "iu" else np.float64)
            for name, values in numbers.columns.items()
        }
    )
    frame.attrs["betweenness"] = numbers.how
    return frame


def _names(ag: AnalysisGraph, rows: IntArray) -> npt.NDArray[np.object_]:
    """The names of the actors at indices ``rows``, as text."""
    return ag.actors["name"].iloc[rows].astype(str).to_numpy(dtype=object)


def _reason_texts(ag: AnalysisGraph, rows: IntArray) -> tuple[list[str], list[str]]:
    """The reasons (English, Chinese) of the actors at indices ``rows``."""
    s = _structure(ag)
    reported = _reported_words(ag) if len(rows) else {}
    bridges = [_bridge(s.skeleton, int(v), s.degree, s.ids) for v in rows.tolist()]
    ends = np.asarray([v for pair in bridges if pair is not None for v in pair], dtype=np.int64)
    named = iter(_names(ag, ends).tolist())
    reasons = [
        _reasons(
            s.by_type[v],
            s.type_names,
            None if pair is None else (next(named), next(named)),
            int(s.size[v] - 1),
            reported.get(s.ids[v]),
        )
        for v, pair in zip(rows.tolist(), bridges, strict=True)
    ]
    return [english for english, _ in reasons], [chinese for _, chinese in reasons]


def broker_reasons(
    G: GraphInput, nodes: Iterable[str], *, as_of: str | None = None
) -> pd.DataFrame:
    """The ``reason`` and ``reason_zh`` of chosen actors only, as :func:`brokers` words them.

    For callers that show a few rows of a large graph: the words of one actor
    take about 0.1 ms, so a million of them would take minutes.

    Parameters
    ----------
    G : ClaimGraph, AnalysisGraph or networkx graph
        Not changed.
    nodes : iterable of str
        Actor ids.
    as_of : str, optional
        Only claims known by this date.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``node`` in the order given, columns ``reason, reason_zh``.

    Raises
    ------
    InputError
        For an id that is no actor of the graph.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("行", "甲"), ("行", "乙"), ("丙", "乙")])
    >>> nx.set_node_attributes(G, {"行": "Bank", "甲": "Enterprise", "乙": "Enterprise",
    ...                            "丙": "Entrepreneur"}, "type")
    >>> nx.set_edge_attributes(G, "LENT_TO", "relations")
    >>> broker_reasons(G, ["行", "丙"])["reason_zh"].tolist()
    ['连接 2 家企业；在 乙 与 甲 之间搭桥（所在网络共 4 个主体）', '连接 1 家企业']
    """
    ag = analysis_of(G, as_of=as_of)
    wanted = pd.Index([str(node) for node in nodes], dtype=object, name="node")
    rows = pd.Index(_structure(ag).ids).get_indexer(wanted)
    if (rows < 0).any():
        unknown = ", ".join(map(repr, wanted[rows < 0][:5]))
        raise InputError(f"no actor with id {unknown} in the graph")
    english, chinese = _reason_texts(ag, rows.astype(np.int64))
    return pd.DataFrame({"reason": english, "reason_zh": chinese}, index=wanted)


def _with_reasons(
    ag: AnalysisGraph, frame: pd.DataFrame, rows: IntArray, reasons: bool | Iterable[str]
) -> pd.DataFrame:
    """``frame`` (actor index ``rows`` per row) with its ``reason`` columns: for every row,
    none, or the rows of the ids in ``reasons``."""
    if reasons is True:
        chosen = np.arange(len(frame))
    elif reasons is False:
        chosen = np.zeros(0, dtype=np.int64)
    else:
        chosen = np.flatnonzero(frame["node"].isin(pd.Index([str(i) for i in reasons])))
    words = np.full((2, len(frame)), None, dtype=object)
    english, chinese = _reason_texts(ag, rows[chosen])
    words[0, chosen] = np.asarray(english, dtype=object)
    words[1, chosen] = np.asarray(chinese, dtype=object)
    return frame.assign(reason=words[0], reason_zh=words[1])


def brokers(
    G: GraphInput,
    *,
    top: int | None = None,
    types: Iterable[NodeType | str] | None = None,
    betweenness: Method = "auto",
    k: int = 256,
    seed: int = 0,
    as_of: str | None = None,
    workers: int | None = None,
    progress: bool | None = None,
    reasons: bool | Iterable[str] = True,
) -> pd.DataFrame:
    """Who bridges the ecosystem: one row per actor, best brokers first.

    Parameters
    ----------
    G : ClaimGraph, AnalysisGraph or networkx graph
        Any input of :func:`queries.inputs.analysis_of`; not changed.
    top : int, optional
        Keep only the first ``top`` rows.
    types : iterable of NodeType, optional
        Rank only actors holding one of these types (e.g.
        :data:`INTERMEDIARIES`); scores stay those of the whole graph.
    betweenness : {"auto", "exact", "sampled", "kadabra"}
        How betweenness is computed: ``"auto"`` is exact up to
        :data:`EXACT_LIMIT` actors, KADABRA above; ``"sampled"`` uses ``k`` sources.
    k : int, default 256
        Sampled sources.
    seed : int, default 0
        Seed of the source sample.
    as_of : str, optional
        Only claims known by this date.
    workers : int, optional
        Processes betweenness is split over (see :func:`betweenness`).
    progress : bool, optional
        Progress bar on standard error (see :func:`betweenness`).
    reasons : bool or iterable of str, default True
        Which returned rows get their ``reason`` and ``reason_zh`` words: all,
        none (``False``: the columns are missing values), or the rows of
        these actor ids (others missing; ids not among the rows are ignored). The numbers
        take seconds at a million actors, the words of every row minutes:
        a caller showing a few rows asks for those (or :func:`broker_reasons`).

    Returns
    -------
    pandas.DataFrame
        Columns :func:`broker_table_columns` (see the module docstring),
        sorted by ``broker_score`` descending, ties by node id;
        ``attrs["betweenness"]`` says whether betweenness was exact. The
        numbers are computed once per analysis graph and setting; each call
        gets its own copy.

    Examples
    --------
    >>> import ecox
    >>> from ecox.graph.schema import NodeType
    >>> table = brokers(ecox.seed(), top=3)
    >>> "瑞安农商银行" in set(table["name"])
    True
    >>> brokers(ecox.seed(), types=[NodeType.BANK], top=1)["name"].tolist()
    ['瑞安农商银行']
    """
    wanted = None if types is None else _type_names(types)
    ag = analysis_of(G, as_of=as_of)
    shared = shared_betweenness(
        ag, method=betweenness, k=k, seed=seed, workers=workers, progress=progress
    )
    numbers = _numbers(ag, shared)
    rows = numbers.order
    if wanted is not None:
        rows = rows[ag.adjacency.has_any_type(wanted)[rows]]
    if top is not None:
        rows = rows[: max(int(top), 0)]
    frame = _with_reasons(ag, _frame(ag, numbers, rows), rows, reasons)
    frame.attrs["betweenness"] = shared.how
    return frame
