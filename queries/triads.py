"""三位一体 ventures: scientist, entrepreneur and capital around one enterprise.

A **venture** is an Enterprise with three roles around it:

================  ==============================  ==================================
role              who (node types)                tie to the enterprise
================  ==============================  ==================================
``scientist``     Scientist or Institute          FOUNDED it, AFFILIATED_WITH it,
                                                  TRANSFERRED_TECH to it, or
                                                  COOPERATES_WITH it
``entrepreneur``  Entrepreneur                    FOUNDED or LEADS it
``investor``      Investor, Fund or Bank          INVESTED_IN or LENT_TO it
================  ==============================  ==================================

The table is the ``roles:`` section of ``graph/schema.yaml``, the one
definition shared with the named Cypher queries (``queries/named``). The
``investor`` column is the capital role: a bank that lends fills it too.
An actor holds a role when one of its types (not only the primary one) fits,
so a professor typed ``Scientist|Entrepreneur`` who founded the company holds
both the scientist and the entrepreneur role. **One actor fills at most one
role in a triad**: the three actors of a triad are distinct, so a founding
professor alone is not a complete team, the professor plus another
entrepreneur (or another scientist) is. A ``complete`` triad is one row per
(scientist, entrepreneur, investor) combination of an enterprise.

A triad is **one link short** (:func:`open_triads`) when the enterprise has no
complete triad but two distinct actors fill two different roles; the row names
the ``missing`` role and leaves its columns empty. One new tie of the missing
kind, from an actor not already in the pair, completes it.

:func:`triad_census` counts typed paths ``a–b–c`` (any relation, read
undirected) and how many are closed by an ``a–c`` tie, for one type triple or
for all of them.

All three run on the typed sparse adjacency: role matrices are masked CSR
slices, triads are enumerated by mixed-radix index arithmetic over their rows,
and the census is degree products plus one masked sparse product (the
cheapest of the three pivots). The plain networkx versions live in
:mod:`queries.triads_oracle`; the tests check both agree.

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> g = ClaimGraph.build(
...     actors=[("光德", ["Enterprise"], []), ("曹", ["Entrepreneur"], []),
...             ("瞿", ["Scientist"], []), ("稠州银行", ["Bank"], [])],
...     claims=[{"source": "曹", "target": "光德", "type": "FOUNDED"},
...             {"source": "瞿", "target": "光德", "type": "COOPERATES_WITH"},
...             {"source": "稠州银行", "target": "光德", "type": "LENT_TO"}])
>>> complete_triads(g)[["enterprise_name", "scientist_name", "entrepreneur_name",
...                     "investor_name"]].values.tolist()
[['光德', '瞿', '曹', '稠州银行']]
>>> complete_triads(g)["reason"][0]
'瞿 cooperates with it, 曹 founded it, 稠州银行 lent to it'
>>> len(open_triads(g))
0
>>> census = triad_census(g, ("Scientist", "Enterprise", "Bank"))
>>> census[["paths", "closed", "open"]].values.tolist()
[[1, 0, 1]]
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import scipy.sparse as sp

from ecox.graph.adjacency import TypedAdjacency, read_only
from ecox.graph.analysis import AnalysisGraph
from ecox.graph.schema import SCHEMA, EdgeType, NodeType
from ecox.queries.inputs import GraphInput, analysis_of
from ecox.queries.words import TEXT, concat, name_array, separated, str_column, take

__all__ = [
    "CENSUS_COLUMNS",
    "OPEN_COLUMNS",
    "ROLES",
    "ROLE_NEEDS",
    "ROLE_RELATIONS",
    "ROLE_TYPES",
    "TRIAD_COLUMNS",
    "Ventures",
    "able_holders",
    "complete_mask",
    "complete_triads",
    "mask_csr",
    "open_triads",
    "role_matrix",
    "triad_census",
]

_LOG = logging.getLogger(__name__)

#: The three roles of a venture, in column order (``roles:`` of ``graph/schema.yaml``).
ROLES: tuple[str, ...] = tuple(SCHEMA.roles)

#: Node types that can hold each role.
ROLE_TYPES: dict[str, tuple[str, ...]] = {r: SCHEMA.role(r).types for r in ROLES}

#: Relations (actor → enterprise; a symmetric one either way) that give each role.
ROLE_RELATIONS: dict[str, tuple[str, ...]] = {r: SCHEMA.role(r).relations for r in ROLES}

_VERBS: dict[str, str] = {
    EdgeType.FOUNDED: "founded it",
    EdgeType.LEADS: "leads it",
    EdgeType.AFFILIATED_WITH: "works at it",
    EdgeType.TRANSFERRED_TECH: "transferred technology to it",
    EdgeType.COOPERATES_WITH: "cooperates with it",
    EdgeType.INVESTED_IN: "invested in it",
    EdgeType.LENT_TO: "lent to it",
}

#: The same, in Chinese: the schema's relation labels.
_VERBS_ZH: dict[str, str] = SCHEMA.relation_labels("zh")

#: What a missing role would take, in words.
ROLE_NEEDS: dict[str, str] = {r: SCHEMA.role(r).needs for r in ROLES}

TRIAD_COLUMNS: tuple[str, ...] = (
    "enterprise",
    "enterprise_name",
    "scientist",
    "scientist_name",
    "entrepreneur",
    "entrepreneur_name",
    "investor",
    "investor_name",
    "reason",
    "reason_zh",
)
OPEN_COLUMNS: tuple[str, ...] = (*TRIAD_COLUMNS[:-2], "missing", "reason", "reason_zh")
CENSUS_COLUMNS: tuple[str, ...] = (
    "a_type",
    "b_type",
    "c_type",
    "paths",
    "closed",
    "open",
    "closure",
    "reason",
)


# --------------------------------------------------------------------------- roles


def mask_csr(matrix: sp.csr_array, rows: np.ndarray, cols: np.ndarray) -> sp.csr_array:
    """Keep the entries of ``matrix`` in ``rows × cols`` (boolean masks); same shape, new arrays.

    Rows are taken first (only their entries are read), columns are tested only when some
    are dropped.

    >>> m = sp.csr_array(np.ones((2, 2), dtype=int))
    >>> mask_csr(m, np.array([True, False]), np.array([False, True])).toarray().tolist()
    [[0, 1], [0, 0]]
    """
    if not isinstance(matrix, sp.csr_array):
        matrix = sp.csr_array(matrix)
    n_rows = matrix.shape[0]
    data, indices, indptr = matrix.data, matrix.indices, matrix.indptr
    if not rows.all():
        where = np.flatnonzero(rows)
        sub = matrix[where]
        data, indices = sub.data, sub.indices
        indptr = np.zeros(n_rows + 1, dtype=np.int64)
        indptr[where + 1] = np.diff(sub.indptr)
        np.cumsum(indptr, out=indptr)
    if not cols.all():
        # positions, not a boolean mask: several times faster to take and to count by row
        keep = np.flatnonzero(cols[indices])
        indptr, data, indices = np.searchsorted(keep, indptr), data[keep], indices[keep]
    elif data is matrix.data:  # nothing dropped: a copy, never the input's own arrays
        data, indices, indptr = data.copy(), indices.copy(), indptr.copy()
    out = sp.csr_array((data, indices, indptr), shape=matrix.shape)
    if matrix.has_sorted_indices:  # kept in order: no pass over the result to check it
        out.has_sorted_indices = True
    else:
        out.sort_indices()
    return out


def _ends(matrix: sp.csr_array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, value) of every stored entry of a CSR matrix, in storage order."""
    rows = np.repeat(np.arange(matrix.shape[0], dtype=np.int64), np.diff(matrix.indptr))
    return rows, matrix.indices.astype(np.int64), matrix.data


@dataclass(frozen=True)
class Ventures:
    """The role structure of every enterprise (rows: enterprise index, cols: actor index).

    ``roles[r]`` holds a bit mask of the relations of :data:`ROLE_RELATIONS`
    (bit k = the k-th relation of that role) from each role holder to the
    enterprise, with sorted column indices.
    """

    adjacency: TypedAdjacency
    enterprise: np.ndarray
    roles: dict[str, sp.csr_array]

    @classmethod
    def of(cls, adjacency: TypedAdjacency) -> Ventures:
        """The role matrices of the typed adjacency: built once per adjacency, then shared
        (read-only) by every query on it."""

        def build() -> Ventures:
            enterprise = read_only(adjacency.has_type(NodeType.ENTERPRISE))
            roles = {role: read_only(role_matrix(adjacency, role, enterprise)) for role in ROLES}
            return cls(adjacency=adjacency, enterprise=enterprise, roles=roles)

        return adjacency.derived(Ventures, build)

    def counts(self, role: str) -> np.ndarray:
        """Number of holders of ``role`` per enterprise index."""
        return np.diff(self.roles[role].indptr)


def role_matrix(adjacency: TypedAdjacency, role: str, enterprise: np.ndarray) -> sp.csr_array:
    """One role of :class:`Ventures`: enterprise rows, holder columns, bit codes of the ties;
    built straight from the relations' entries (no sum or transpose of masked matrices).

    >>> from ecox.graph.claims import ClaimGraph
    >>> from ecox.graph.analysis import analysis_graph
    >>> g = ClaimGraph.build(
    ...     actors=[("E", ["Enterprise"], []), ("P", ["Scientist", "Entrepreneur"], [])],
    ...     claims=[{"source": "P", "target": "E", "type": "FOUNDED"},
    ...             {"source": "P", "target": "E", "type": "LEADS"}])
    >>> adj = analysis_graph(g).adjacency
    >>> m = role_matrix(adj, "entrepreneur", adj.has_type("Enterprise"))
    >>> m.nnz, m.data.tolist()  # one holder, founded (bit 0) and leads (bit 1)
    (1, [3])
    """
    holders = adjacency.has_any_type(ROLE_TYPES[role])
    held, ents, bits = [], [], []
    for bit, rel in enumerate(ROLE_RELATIONS[role]):
        source, target, weight = _ends(adjacency.relation(rel))
        keep = holders[source] & enterprise[target] & (weight != 0)
        held.append(source[keep])
        ents.append(target[keep])
        bits.append(np.full(len(held[-1]), 1 << bit, dtype=np.int16))
    # each relation holds a pair once: summing the bits of a pair is or-ing them
    ends = (np.concatenate(ents), np.concatenate(held))
    matrix = sp.csr_array(
        sp.coo_array((np.concatenate(bits), ends), shape=(adjacency.n, adjacency.n)).tocsr()
    )
    matrix.sum_duplicates()
    return matrix


def able_holders(adjacency: TypedAdjacency, role: str) -> np.ndarray:
    """Actors (mask) who can credibly take ``role``: the ``able`` rule of the schema's role.

    For the scientist role: a Scientist, or an Institute with a research,
    technology-transfer or affiliation tie (either way) to a scientist or an
    enterprise. A university known only as a founder's school is not able.

    >>> from ecox.graph.claims import ClaimGraph
    >>> from ecox.graph.analysis import analysis_graph
    >>> g = ClaimGraph.build(
    ...     actors=[("美院", ["Institute"], []), ("庄", ["Entrepreneur"], []),
    ...             ("所", ["Institute"], []), ("E", ["Enterprise"], [])],
    ...     claims=[{"source": "庄", "target": "美院", "type": "AFFILIATED_WITH"},
    ...             {"source": "所", "target": "E", "type": "TRANSFERRED_TECH"}])
    >>> ag = analysis_graph(g)
    >>> sorted(ag.actors["name"][able_holders(ag.adjacency, "scientist")])
    ['所']

    Computed once per adjacency; each call returns a fresh copy.
    """
    return adjacency.derived((able_holders, role), lambda: read_only(_able(adjacency, role))).copy()


def _able(adjacency: TypedAdjacency, role: str) -> np.ndarray:
    """:func:`able_holders`, computed."""
    spec = SCHEMA.role(role)
    holders = adjacency.has_any_type(spec.types)
    able = holders & adjacency.has_any_type(spec.able_types)
    if spec.able_ties:
        partners = adjacency.has_any_type(spec.able_partners)
        tied = np.zeros(adjacency.n, dtype=bool)  # a tie (either way) to a partner
        for rel in spec.able_ties:
            source, target, weight = _ends(adjacency.relation(rel))
            real = weight > 0
            tied[source[real & partners[target]]] = True
            tied[target[real & partners[source]]] = True
        able |= holders & tied
    return able


def _verb_table(role: str, *, zh: bool = False) -> list[str]:
    """How a holder of ``role`` is tied, for each bit code of its relations (see
    :class:`Ventures`)."""
    rels = ROLE_RELATIONS[role]
    return [
        ("、" if zh else " and ").join(
            _VERBS_ZH[r] if zh else _VERBS[r] for k, r in enumerate(rels) if code >> k & 1
        )
        for code in range(1 << len(rels))
    ]


def _combos(
    ventures: Ventures, roles: Sequence[str], rows: np.ndarray
) -> tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]]]:
    """Every combination of one holder per role, for the enterprises in ``rows`` (mask).

    Returns the enterprise index of each combination and, per role, the
    holder index and its position in the role matrix's data. Combinations come out sorted by
    enterprise, then holder index of each role in turn.
    """
    counts = [ventures.counts(r).astype(np.int64) for r in roles]
    per = np.where(rows, np.prod(counts, axis=0), 0)
    where = np.flatnonzero(per)
    sizes = per[where]
    total = int(sizes.sum())
    ent = np.repeat(where, sizes)
    k = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for role, count in zip(reversed(roles), reversed(counts), strict=True):
        c = count[ent]
        local = k % c
        k //= c
        matrix = ventures.roles[role]
        pos = matrix.indptr[ent] + local
        out[role] = (matrix.indices[pos], pos)
    return ent, out


def _distinct(members: Sequence[np.ndarray]) -> np.ndarray:
    keep = np.ones(len(members[0]), dtype=bool)
    for a, b in itertools.combinations(members, 2):
        keep &= a != b
    return keep


def _order(adjacency: TypedAdjacency) -> np.ndarray | None:
    """Rank of each actor id in sorted order, or None when the index is already sorted."""
    rank = adjacency.id_rank()
    return None if bool(np.all(rank[1:] > rank[:-1])) else rank


def _names(ag: AnalysisGraph) -> tuple[pa.Array, pa.Array]:
    """Actor ids and names as arrow strings, in the adjacency's index order."""
    return name_array(ag.actors["id"]), name_array(ag.actors["name"])


def complete_mask(ventures: Ventures) -> np.ndarray:
    """Enterprises (by index) with at least one complete triad of distinct actors.

    All three roles filled is enough unless one actor holds two roles there;
    only those enterprises are enumerated. Computed once per adjacency (read-only).
    """
    return ventures.adjacency.derived(complete_mask, lambda: read_only(_complete_mask(ventures)))


def _complete_mask(ventures: Ventures) -> np.ndarray:
    """:func:`complete_mask`, computed."""
    counts = [ventures.counts(r) > 0 for r in ROLES]
    filled = ventures.enterprise & counts[0] & counts[1] & counts[2]
    shared = np.zeros_like(filled)
    for a, b in itertools.combinations(ROLES, 2):
        both = ventures.roles[a].astype(bool).multiply(ventures.roles[b].astype(bool))
        shared |= np.diff(sp.csr_array(both).indptr) > 0
    doubtful = filled & shared
    if doubtful.any():
        ent, members = _combos(ventures, ROLES, doubtful)
        keep = _distinct([members[r][0] for r in ROLES])
        filled[doubtful] = False
        filled[ent[keep]] = True
    return filled


def _complete(ventures: Ventures) -> tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]]]:
    ent, members = _combos(ventures, ROLES, ventures.enterprise)
    keep = _distinct([members[r][0] for r in ROLES])
    ent = ent[keep]
    members = {r: (m[keep], c[keep]) for r, (m, c) in members.items()}
    return ent, members


def complete_triads(
    graph: GraphInput, *, as_of: str | None = None, limit: int | None = None
) -> pd.DataFrame:
    """Every complete scientist–entrepreneur–capital triad around an enterprise.

    Parameters
    ----------
    graph
        A claim, analysis or networkx graph (see :func:`queries.inputs.analysis_of`).
    as_of
        Only ties known by this date.
    limit
        Only the first ``limit`` rows (their names and reasons alone are written out).

    Returns
    -------
    pandas.DataFrame
        :data:`TRIAD_COLUMNS`: one row per (enterprise, scientist, entrepreneur,
        investor), three distinct actors, sorted by those ids; ``reason`` says
        how each is tied to the enterprise. ``attrs["rows"]`` counts every triad, also
        beyond ``limit``.

    Examples
    --------
    >>> from ecox.graph.synthetic import synthetic_analysis_graph
    >>> t = complete_triads(synthetic_analysis_graph(3_000, seed=1))
    >>> list(t.columns) == list(TRIAD_COLUMNS), len(t) > 0
    (True, True)
    >>> first = complete_triads(synthetic_analysis_graph(3_000, seed=1), limit=2)
    >>> first.equals(t.head(2)), first.attrs["rows"] == len(t)
    (True, True)
    """
    ag = analysis_of(graph, as_of=as_of)
    ventures = Ventures.of(ag.adjacency)
    ent, members = _complete(ventures)
    total = len(ent)
    rank = _order(ag.adjacency)
    if rank is not None or limit is not None:
        if rank is None:  # combinations come out in id order already
            keep = np.arange(min(total, limit or total))
        else:
            keep = _first_rows([rank[k] for k in (ent, *(members[r][0] for r in ROLES))], limit)
        ent, members = ent[keep], {r: (m[keep], pos[keep]) for r, (m, pos) in members.items()}
    at = np.stack([members[r][1] for r in ROLES])
    frame = _table(_columns(_names(ag), ventures, ent, at, None), TRIAD_COLUMNS)
    frame.attrs["rows"] = total
    _LOG.debug("%d complete triads", total)
    return frame


def _first_rows(keys: Sequence[np.ndarray], limit: int | None) -> np.ndarray:
    """Positions of the first ``limit`` rows (all when ``None``) ordered by ``keys``, the
    first key first."""
    order = np.lexsort(tuple(reversed(keys)))
    return order if limit is None else order[:limit]


def open_triads(
    graph: GraphInput, *, as_of: str | None = None, limit: int | None = None
) -> pd.DataFrame:
    """Triads one link short: two distinct actors in two roles, no complete triad.

    Parameters
    ----------
    graph
        A claim, analysis or networkx graph.
    as_of
        Only ties known by this date.
    limit
        Only the first ``limit`` rows (their names and reasons alone are written out).

    Returns
    -------
    pandas.DataFrame
        :data:`OPEN_COLUMNS`: the two present roles filled, the ``missing``
        role's columns empty (``<NA>``), sorted by enterprise id, missing role
        (scientist, entrepreneur, investor) and the actor ids. ``attrs["rows"]`` counts
        every such triad, also beyond ``limit``.

    Examples
    --------
    >>> from ecox.graph.claims import ClaimGraph
    >>> g = ClaimGraph.build(
    ...     actors=[("E", ["Enterprise"], []), ("S", ["Scientist"], []), ("F", ["Fund"], [])],
    ...     claims=[{"source": "S", "target": "E", "type": "TRANSFERRED_TECH"},
    ...             {"source": "F", "target": "E", "type": "INVESTED_IN"}])
    >>> row = open_triads(g).iloc[0]
    >>> row["missing"], row["scientist_name"], row["investor_name"], pd.isna(row["entrepreneur"])
    ('entrepreneur', 'S', 'F', True)
    >>> print(row["reason"])
    S transferred technology to it, F invested in it; missing an entrepreneur who founded or
    leads it
    """
    ag = analysis_of(graph, as_of=as_of)
    ventures = Ventures.of(ag.adjacency)
    candidates = ventures.enterprise & ~complete_mask(ventures)
    ents, held, at = [], [], []
    for missing in ROLES:
        pair = [r for r in ROLES if r != missing]
        ent, members = _combos(ventures, pair, candidates)
        keep = _distinct([members[r][0] for r in pair])
        ents.append(ent[keep])
        none = np.full(len(ents[-1]), -1)
        held.append(np.stack([members[r][0][keep] if r in pair else none for r in ROLES]))
        at.append(np.stack([members[r][1][keep] if r in pair else none for r in ROLES]))
    part = np.repeat(np.arange(len(ROLES)), [len(e) for e in ents])
    ent_all = np.concatenate(ents)
    rank = _order(ag.adjacency)
    if rank is None:
        # each part is sorted by holder ids already; a stable sort by enterprise
        # keeps the missing-role order (scientist, entrepreneur, investor) within it
        order = np.argsort(ent_all, kind="stable")[:limit]
    else:
        ranked = [np.where(h >= 0, rank[h], -1) for h in np.concatenate(held, axis=1)]
        order = _first_rows([rank[ent_all], part, *ranked], limit)
    at_all = np.concatenate(at, axis=1)[:, order]
    columns = _columns(_names(ag), ventures, ent_all[order], at_all, part[order])
    frame = _table(columns, OPEN_COLUMNS)
    frame.attrs["rows"] = len(ent_all)
    _LOG.debug("%d open triads", len(ent_all))
    return frame


def _tails(*, zh: bool) -> list[str]:
    """Tail of a one-short triad's reason per missing role (``ROLES`` order), then whether the
    enterprise's only holders of that role are already in the pair (no, yes)."""
    out = []
    for role in ROLES:
        spec = SCHEMA.role(role)
        if zh:
            tail = f"；缺少{spec.needs_zh}"
            out += [tail, f"{tail}（其唯一的{spec.label_zh}已在此组合中）"]
        else:
            tail = f"; missing {ROLE_NEEDS[role]}"
            out += [tail, f"{tail} (its only {role} is already in this pair)"]
    return out


@dataclass(frozen=True)
class _Entries:
    """The entries of one role matrix that a table's rows use, with their texts (a holder
    sits in many triads: its name and phrases are made once, then looked up).

    ``number[p]`` is the place among them of the entry at data position ``p`` (-1 when
    unused, and at ``p`` = -1); ``english`` and ``chinese`` are the reason phrases of each.
    """

    number: np.ndarray
    ids: pa.Array
    names: pa.Array
    english: pa.Array
    chinese: pa.Array

    @classmethod
    def of(
        cls, ventures: Ventures, role: str, at: np.ndarray, both_names: tuple[pa.Array, pa.Array]
    ) -> _Entries:
        """The entries at positions ``at`` (-1: none) of ``role``'s matrix."""
        matrix = ventures.roles[role]
        used = np.zeros(matrix.nnz, dtype=bool)
        used[at[at >= 0]] = True
        number = np.append(np.where(used, np.cumsum(used) - 1, -1), -1)
        where = np.flatnonzero(used)
        holder, code = matrix.indices[where], matrix.data[where]
        names = take(both_names[1], holder)
        english = concat(names, " ", take(pa.array(_verb_table(role), type=TEXT), code))
        verbs_zh = take(pa.array(_verb_table(role, zh=True), type=TEXT), code)
        chinese = concat(f"{SCHEMA.role(role).label_zh} ", names, "（", verbs_zh, "）")
        return cls(number, take(both_names[0], holder), names, english, chinese)

    def objects(self, place: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Ids and names at ``place`` as Python objects, ``None`` where it is -1."""
        out = []
        for values in (self.ids, self.names):
            column = np.full(len(place), None, dtype=object)
            there = place >= 0
            column[there] = values.to_numpy(zero_copy_only=False)[place[there]]
            out.append(column)
        return out[0], out[1]


def _columns(
    both_names: tuple[pa.Array, pa.Array],
    ventures: Ventures,
    ent: np.ndarray,
    at: np.ndarray,
    missing: np.ndarray | None,
) -> dict[str, pa.Array | np.ndarray]:
    """Columns of triad rows with their reasons. ``at[k]`` is the position, in the matrix of
    ``ROLES[k]``, of the row's holder of that role; ``missing`` is the missing role's
    number per row (position -1 there), ``None`` for complete triads.

    Text columns are arrow text; in one-short triads the role columns are Python objects,
    ``None`` where the role is missing.
    """
    ids, names = both_names
    data: dict[str, pa.Array | np.ndarray] = {
        "enterprise": take(ids, ent), "enterprise_name": take(names, ent)
    }  # fmt: skip
    # the text kernels release the GIL: roles, then the two languages, on two threads
    with ThreadPoolExecutor(2) as pool:
        entries = list(pool.map(lambda k: _Entries.of(ventures, ROLES[k], at[k], both_names),
                                range(len(ROLES))))  # fmt: skip
        place = np.stack([e.number[at[k]] for k, e in enumerate(entries)])
        if missing is None:
            for role, held, row in zip(ROLES, entries, place, strict=True):
                data[role], data[f"{role}_name"] = take(held.ids, row), take(held.names, row)

            def reason(zh: bool) -> pa.Array:
                texts = [e.chinese if zh else e.english for e in entries]
                return separated([take(t, row) for t, row in zip(texts, place, strict=True)],
                                 "、" if zh else ", ")  # fmt: skip

        else:
            for role, held, row in zip(ROLES, entries, place, strict=True):
                data[role], data[f"{role}_name"] = held.objects(row)
            data["missing"] = take(pa.array(ROLES, type=TEXT), missing)
            # every role's phrases end to end: a row's two present roles are looked up there
            start = np.cumsum([0] + [len(e.english) for e in entries])[:-1]
            rows = np.arange(len(ent))
            present = (np.where(missing == 0, 1, 0), np.where(missing == 2, 1, 2))  # role numbers
            first, second = (start[k] + place[k, rows] for k in present)
            filled = np.stack([ventures.counts(r) for r in ROLES])[missing, ent] > 0
            which = 2 * missing + filled

            def reason(zh: bool) -> pa.Array:
                phrases = pa.concat_arrays([e.chinese if zh else e.english for e in entries])
                tail = take(pa.array(_tails(zh=zh), type=TEXT), which)
                return concat(take(phrases, first), "、" if zh else ", ", take(phrases, second),
                              tail)  # fmt: skip

        data["reason"], data["reason_zh"] = pool.map(reason, (False, True))
    return data


def _table(columns: dict[str, pa.Array | np.ndarray], names: Sequence[str]) -> pd.DataFrame:
    """The triad table: arrow text as pandas ``str`` columns (no Python string per cell),
    object arrays as they are."""
    return pd.DataFrame(
        {
            name: pd.Series(value, dtype=object)
            if isinstance(value := columns[name], np.ndarray)
            else str_column(value)
            for name in names
        },
        columns=list(names),
    )


# --------------------------------------------------------------------------- census


def _partners_in(undirected: sp.csr_array, mask: np.ndarray) -> np.ndarray:
    """Per actor, how many of its partners are in ``mask`` (``undirected`` is 0/1): a running
    count over the stored columns, read at the row bounds.

    >>> u = sp.csr_array(np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]]))
    >>> _partners_in(u, np.array([False, True, True])).tolist()
    [2, 0, 0]
    """
    running = np.zeros(undirected.nnz + 1, dtype=_counter(undirected.nnz))
    np.cumsum(mask[undirected.indices], out=running[1:])
    return running[undirected.indptr[1:]] - running[undirected.indptr[:-1]]


def _counter(largest: int) -> type:
    """The narrowest of int32 and int64 that holds counts up to ``largest`` (half the memory
    traffic of int64 on graphs under two billion ties)."""
    return np.int32 if largest < np.iinfo(np.int32).max else np.int64


def _census_counts(
    adjacency: TypedAdjacency, a: str, b: str, c: str, undirected: sp.csr_array, deg_by_type: dict
) -> tuple[int, int]:
    """(paths, closed) for one type triple; ordered ends, halved when ``a == c``."""
    A, B, C = (adjacency.has_type(t) for t in (a, b, c))
    kA, kC = deg_by_type[a], deg_by_type[c]
    both = A & C
    kAC = _partners_in(undirected, both) if both.any() else np.zeros(adjacency.n, np.int32)

    def pairs(x: np.ndarray, y: np.ndarray, at: np.ndarray) -> int:
        """Σ x·y over the actors in ``at``, in int64 (a hub's product overflows int32)."""
        return int(np.dot(x[at].astype(np.int64), y[at]))

    paths = pairs(kA, kC, B) - int(np.sum(kAC[B], dtype=np.int64))
    closed = 0
    if paths:
        kB = deg_by_type[b]
        # three ways to count the same triangles; expand at the cheapest pivot
        costs = {"b": pairs(kA, kC, B), "c": pairs(kA, kB, C), "a": pairs(kB, kC, A)}
        pivot = min(costs, key=lambda p: (costs[p], p))
        if pivot == "b":
            left, right, mask = (A, B), (B, C), (A, C)
        elif pivot == "c":
            left, right, mask = (A, C), (C, B), (A, B)
        else:
            left, right, mask = (C, A), (A, B), (C, B)
        # a pair's path count is at most the number of actors: it fits the counter of n
        count = _counter(adjacency.n)
        paths_ac = mask_csr(undirected, *left).astype(count) @ mask_csr(
            undirected, *right
        ).astype(count)  # fmt: skip
        closing = sp.csr_array(paths_ac).multiply(mask_csr(undirected, *mask))
        closed = int(np.sum(closing.data, dtype=np.int64))
    if a == c:
        paths //= 2
        closed //= 2
    return paths, closed


def triad_census(
    graph: GraphInput,
    types: tuple[str, str, str] | None = None,
    *,
    as_of: str | None = None,
) -> pd.DataFrame:
    """Typed triad census: paths ``a–b–c`` and how many an ``a–c`` tie closes.

    Ties are read undirected over every relation. A path is three distinct
    actors ``a``, ``b``, ``c`` holding types ``A``, ``B``, ``C`` (any of
    their types), with ``a–b`` and ``b–c`` ties; it is closed when ``a–c`` is
    tied too. Ends are ordered (``a`` is the ``A`` end) unless ``A == C``,
    when each path counts once.

    Parameters
    ----------
    graph
        A claim, analysis or networkx graph.
    types
        ``(A, B, C)`` with ``B`` the middle; ``None`` for every triple of
        types present (``A`` ≤ ``C`` in schema order), rows with no path left out.
    as_of
        Only ties known by this date.

    Returns
    -------
    pandas.DataFrame
        :data:`CENSUS_COLUMNS`; ``closure`` = closed / paths. One row for a
        given triple; otherwise sorted by paths (descending), then type names.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> for n, t in [("s", "Scientist"), ("e", "Enterprise"), ("i", "Investor")]:
    ...     g.add_node(n, type=t)
    >>> g.add_edge("s", "e", relations="COOPERATES_WITH")
    >>> g.add_edge("i", "e", relations="INVESTED_IN")
    >>> g.add_edge("s", "i", relations="COOPERATES_WITH")
    >>> triad_census(g, ("Scientist", "Enterprise", "Investor")).iloc[0]["closed"].item()
    1
    """
    ag = analysis_of(graph, as_of=as_of)
    adjacency = ag.adjacency
    undirected = adjacency.undirected()
    present = [t for t in adjacency.type_names if adjacency.has_type(t).any()]
    if types is not None:
        unknown = [t for t in types if t not in adjacency.type_names]
        if len(types) != 3 or unknown:
            raise ValueError(f"types must be three node types; unknown: {unknown}")
        triples = [tuple(types)]
    else:
        triples = [
            (a, b, c)
            for a, b, c in itertools.product(present, repeat=3)
            if present.index(a) <= present.index(c)
        ]
    needed = {t for triple in triples for t in triple}
    deg_by_type = {
        t: _partners_in(undirected, adjacency.has_type(t))
        if t in present
        else np.zeros(adjacency.n, dtype=np.int32)
        for t in needed
    }
    rows = []
    for a, b, c in triples:
        paths, closed = _census_counts(adjacency, a, b, c, undirected, deg_by_type)
        if types is None and paths == 0:
            continue
        rows.append((a, b, c, paths, closed, paths - closed))
    return _census_frame(rows, by_paths=types is None)


def _census_frame(
    rows: list[tuple[str, str, str, int, int, int]], *, by_paths: bool
) -> pd.DataFrame:
    """:data:`CENSUS_COLUMNS` from (a, b, c, paths, closed, open) rows."""
    frame = pd.DataFrame(rows, columns=list(CENSUS_COLUMNS[:6]))
    frame = frame.astype({"paths": "int64", "closed": "int64", "open": "int64"})
    frame["closure"] = np.where(
        frame["paths"] > 0, frame["closed"] / frame["paths"].where(frame["paths"] > 0, 1), 0.0
    )
    frame["reason"] = [
        f"{p:,} {x}–{y}–{z} paths: {cl:,} closed (the {x} also tied to the {z}), {o:,} open"
        for x, y, z, p, cl, o in zip(
            frame["a_type"], frame["b_type"], frame["c_type"], frame["paths"],
            frame["closed"], frame["open"], strict=True,
        )
    ]  # fmt: skip
    if by_paths:
        frame = frame.sort_values(
            ["paths", "a_type", "b_type", "c_type"],
            ascending=[False, True, True, True],
            ignore_index=True,
        )
    return frame[list(CENSUS_COLUMNS)]
