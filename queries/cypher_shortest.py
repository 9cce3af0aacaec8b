"""Shortest paths by a breadth-first search over the claims, without the engine's paths.

``MATCH p = allShortestPaths((a:Bank)-[:LENT_TO|SERVES*..3]->(e:Enterprise)) RETURN
length(p), count(*)`` from the 512 banks of a 100,000-actor graph took LadybugDB's
``ALL SHORTEST`` join 18.5 s of CPU, and ``shortestPath`` from every bank to every park did
not finish in 60 s. :func:`shortest_paths` answers the queries that return only the
shortest paths' lengths and counts (``length(p)``, ``count(*)``, ``max`` / ``min`` of the
length) or, row by row, properties of the two ends with the length (``a.name``,
``b.name``, ``[n IN nodes(p) | n.name][0]``), ordered and limited by returned columns.

The claims are the arrays :mod:`queries.cypher_counts` reads once per store; the search
starts from 64 start nodes at a time, one sparse matrix product per hop, and keeps for each
start the number of shortest paths reaching each node (parallel relationships are distinct
paths, as in Neo4j). A shortest path repeats no node, so it is a trail whatever the
relationships' directions. Neo4j refuses or treats apart a pair whose two ends are the same
node; such pairs never arise here: the query says ``a <> b``, or no node meets the
conditions of both ends (else it runs as usual).

Examples
--------
>>> import ecox
>>> from ecox.queries.cypher_parse import parse
>>> from ecox.store.embedded import open_store
>>> banks_to_parks = parse("MATCH p = shortestPath((a:Bank)-[*..4]-(b:Park)) WHERE NOT b:Bank "
...                        "RETURN count(*) AS pairs, max(length(p)) AS farthest")
>>> shortest_paths(banks_to_parks, open_store(ecox.seed()), {}).columns.tolist()
['pairs', 'farthest']
"""

from __future__ import annotations

__all__ = ["shortest_paths"]

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa

from ecox.queries.cypher_ast import (
    Binary,
    Expr,
    Func,
    Index,
    ListComp,
    Literal,
    MapLit,
    Match,
    NodePat,
    Prop,
    Query,
    RelPat,
    Return,
    Unary,
    Var,
    conjuncts,
    has_pattern,
    variables,
)
from ecox.queries.cypher_counts import _Hop, _hop, _Node, _Walks
from ecox.queries.cypher_deadline import Deadline
from ecox.queries.cypher_order import sort_answer
from ecox.queries.cypher_translate import SHORTEST_MAX_HOPS

if TYPE_CHECKING:
    from ecox.store.embedded import EmbeddedStore

#: Start nodes searched together when the shortest paths are counted (their visited nodes:
#: a boolean array of this many rows) …
_COUNTED_AT_ONCE = 64
#: … and when only the lengths are (a bit per start and node).
_MEASURED_AT_ONCE = 512


@dataclass
class _Search:
    """A shortest-path query: its two ends, the hop, the most hops, whether every shortest
    path is a row (``allShortestPaths``), the RETURN items as (column, what, end, key), the
    ORDER BY as (column, descending) and the LIMIT."""

    ends: tuple[_Node, _Node]
    hop: _Hop
    high: int
    every: bool
    items: list[tuple[str, str, int, str]]
    order: list[tuple[int, bool]]
    limit: int | None
    different: bool


def shortest_paths(
    query: Query,
    store: EmbeddedStore,
    params: Mapping[str, Any],
    deadline: Deadline | None = None,
) -> pd.DataFrame | None:
    """The answer of a shortest-path query, or None when the query is not one this module
    answers (see the module's documentation) or may pair a node with itself.

    Parameters
    ----------
    query : Query
        The parsed query (not yet translated).
    store : EmbeddedStore
        The graph's store.
    params : mapping
        The query's parameters.
    deadline : Deadline, optional
        When to stop with the engine's timeout error (default: the store's timeout from now).
    """
    search = _search_shape(query)
    if search is None:
        return None
    walks = _Walks(store, params, query.text, deadline)
    starts, ends = walks.mask([search.ends[0]]), walks.mask([search.ends[1]])
    if not search.different and bool((starts & ends).any()):
        return None
    steps, first = walks.matrix(search.hop), np.flatnonzero(starts)
    if search.every:
        source, target, length, paths = _counted(steps, first, ends, search.high, walks.deadline)
    else:
        source, target, length = _nearest(steps, first, ends, search.high, walks.deadline)
        paths = np.ones_like(length)
    if any(what in ("count", "max", "min") for _, what, _, _ in search.items):
        return _aggregated(search, length, paths)
    walks.deadline.check()
    return _rows(search, walks, (source, target), length, paths)


def _search_shape(query: Query) -> _Search | None:
    """The search of ``MATCH (a …), (b …) WHERE … MATCH p = shortestPath((a)-[…]-(b)) WHERE …
    RETURN …`` (the first MATCH optional), or None."""
    if len(query.parts) != 1:
        return None
    *matches, ret = query.parts[0]
    if not isinstance(ret, Return) or not matches:
        return None
    if not all(isinstance(m, Match) and not m.optional for m in matches):
        return None
    last = matches[-1]
    assert isinstance(last, Match)
    if len(last.paths) != 1 or last.paths[0].function is None:
        return None
    path = last.paths[0]
    if len(path.elements) != 3:
        return None
    first, rel, second = path.elements
    assert isinstance(first, NodePat) and isinstance(rel, RelPat) and isinstance(second, NodePat)
    names = (first.var, second.var)
    if None in names or names[0] == names[1] or rel.props is not None or path.var is None:
        return None
    patterns = [first, second]
    wheres: list[Expr] = []
    for match in matches:
        assert isinstance(match, Match)
        wheres += conjuncts(match.where)
        if match is not last:
            for other in match.paths:
                node = other.elements[0]
                if len(other.elements) != 1 or other.var is not None:
                    return None
                assert isinstance(node, NodePat)
                if node.var not in names:
                    return None
                patterns.append(node)
    ends = _ends(patterns, wheres, names)
    if ends is None:
        return None
    nodes, different = ends
    items = _returned(ret, path.var, names)
    if items is None:
        return None
    low, high = rel.hops if rel.hops is not None else (1, 1)
    if low not in (None, 1) or (rel.var is not None and rel.var in variables(ret)):
        return None
    order = _order(ret, [column for column, _, _, _ in items])
    if order is None or ret.skip is not None:
        return None
    limit = ret.limit
    if limit is not None and not (isinstance(limit, Literal) and type(limit.value) is int):
        return None
    return _Search(
        nodes,
        _hop(rel),
        SHORTEST_MAX_HOPS if high is None else high,
        path.function is not None and path.function.lower() == "allshortestpaths",
        items,
        order,
        None if limit is None else int(limit.value),
        different,
    )


def _ends(
    patterns: list[NodePat], wheres: list[Expr], names: tuple[str | None, str | None]
) -> tuple[tuple[_Node, _Node], bool] | None:
    """The two ends with their labels and conditions (every WHERE part on one of them, or
    ``a <> b``), and whether ``a <> b`` is one of the parts."""
    found = {name: _Node(str(name), [], []) for name in names}
    different = False
    for part in wheres:
        if _says_different(part, names):
            different = True
            continue
        refers = variables(part)
        if len(refers) != 1 or not refers <= set(found) or has_pattern(part):
            return None
        found[next(iter(refers))].conditions.append(part)
    for pattern in patterns:
        node = found[pattern.var]
        node.groups += [list(g) for g in pattern.groups]
        if isinstance(pattern.props, MapLit):
            if variables(pattern.props) or has_pattern(pattern.props):
                return None
            node.conditions += [
                Binary("=", Prop(Var(node.var), key), value) for key, value in pattern.props.pairs
            ]
        elif pattern.props is not None:
            return None
    return (found[names[0]], found[names[1]]), different


def _says_different(part: Expr, names: tuple[str | None, str | None]) -> bool:
    """Whether ``part`` is ``a <> b`` or ``NOT a = b`` of the two ends."""
    if isinstance(part, Unary) and part.op == "NOT" and isinstance(part.operand, Binary):
        inner = part.operand
        return inner.op == "=" and _both(inner.left, inner.right, names)
    return isinstance(part, Binary) and part.op == "<>" and _both(part.left, part.right, names)


def _both(left: Expr, right: Expr, names: tuple[str | None, str | None]) -> bool:
    sides = {side.name for side in (left, right) if isinstance(side, Var)}
    return len(sides) == 2 and sides == set(names)


def _returned(
    ret: Return, path: str, names: tuple[str | None, str | None]
) -> list[tuple[str, str, int, str]] | None:
    """Each RETURN item as (column, what, end, key): ``count``, ``length``, ``max`` or
    ``min`` (of the length), or ``property`` ``key`` of end 0 or 1."""
    if ret.distinct or ret.star:
        return None
    out = []
    for item in ret.items:
        expr = item.expr
        if isinstance(expr, Func) and not expr.distinct:
            name = expr.name.lower()
            if name == "count" and (expr.star or _is_var(expr.args, path)):
                out.append((item.name, "count", 0, ""))
                continue
            if name == "length" and _is_var(expr.args, path):
                out.append((item.name, "length", 0, ""))
                continue
            inner = expr.args[0] if len(expr.args) == 1 else None
            measured = isinstance(inner, Func) and inner.name.lower() == "length"
            if name in ("max", "min") and measured and _is_var(inner.args, path):  # type: ignore[union-attr]
                out.append((item.name, name, 0, ""))
                continue
            return None
        read = _end_property(expr, path, names)
        if read is None:
            return None
        out.append((item.name, "property", *read))
    kinds = {what for _, what, _, _ in out}
    if kinds & {"count", "max", "min"} and "property" in kinds:
        return None  # grouped by a property: left to the engine
    return out


def _is_var(args: list[Expr], name: str) -> bool:
    return len(args) == 1 and isinstance(args[0], Var) and args[0].name == name


def _end_property(
    expr: Expr, path: str, names: tuple[str | None, str | None]
) -> tuple[int, str] | None:
    """(end, key) for ``a.key``, ``b.key``, or ``[n IN nodes(p) | n.key][0]`` (or ``[-1]``)."""
    if isinstance(expr, Prop) and isinstance(expr.subject, Var) and expr.subject.name in names:
        return names.index(expr.subject.name), expr.key
    if not (isinstance(expr, Index) and isinstance(expr.subject, ListComp)):
        return None
    listed, at = expr.subject, expr.index
    last = isinstance(at, Unary) and at.op == "-" and at.operand == Literal(1, at.operand.pos)
    if not (last or (isinstance(at, Literal) and at.value == 0 and type(at.value) is int)):
        return None
    source, projection = listed.source, listed.projection
    if listed.where is not None or not isinstance(projection, Prop):
        return None
    if not (isinstance(source, Func) and source.name.lower() == "nodes"):
        return None
    subject = projection.subject
    if not _is_var(source.args, path) or not _is_var([subject], listed.var):
        return None
    return (1 if last else 0), projection.key


def _order(ret: Return, columns: list[str]) -> list[tuple[int, bool]] | None:
    keys = []
    for expr, descending in ret.order:
        if not isinstance(expr, Var) or expr.name not in columns:
            return None
        keys.append((columns.index(expr.name), descending))
    return keys


# --- the search


def _nearest(
    steps: Any, starts: np.ndarray, ends: np.ndarray, high: int, deadline: Deadline
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(start, end, length) for each pair joined by a path of at most ``high`` hops,
    ``ends[end]`` true, ``steps[u, v]`` the relationships from u to v: each node holds a bit
    per start (64 to a word), a hop ORs the bits of the nodes before it."""
    into = steps.T.tocoo()  # the relationships u -> v as (v, u), by v
    order = np.lexsort((into.col, into.row))
    later, earlier = into.row[order], into.col[order]
    targets = np.flatnonzero(ends)
    found: list[tuple[np.ndarray, ...]] = []
    for group in _groups(starts, _MEASURED_AT_ONCE):
        bit = np.arange(len(group))
        frontier = np.zeros((steps.shape[0], -(-len(group) // 64)), dtype=np.uint64)
        frontier[group, bit // 64] = np.left_shift(np.uint64(1), (bit % 64).astype(np.uint64))
        seen = frontier.copy()
        for length in range(1, high + 1):
            deadline.check()
            moved = np.asarray(frontier.any(axis=1))
            active = moved[earlier]  # from a node reached at the last hop
            into_v, from_u = later[active], earlier[active]
            first = np.flatnonzero(np.r_[True, into_v[1:] != into_v[:-1]][: len(into_v)])
            reached = np.zeros_like(frontier)
            if len(first):
                reached[into_v[first]] = np.bitwise_or.reduceat(frontier[from_u], first, axis=0)
            new = reached & ~seen
            if not new.any():
                break
            seen |= new
            frontier = new
            hit = new[targets]
            rows = np.flatnonzero(hit.any(axis=1))
            starting = np.unpackbits(hit[rows].view(np.uint8), axis=1, bitorder="little")
            at, start = np.nonzero(starting[:, : len(group)])
            found.append((group[start], targets[rows[at]], np.full(len(at), length)))
    columns = _columns(found, 3)
    return columns[0], columns[1], columns[2]


def _columns(found: list[tuple[np.ndarray, ...]], width: int) -> list[np.ndarray]:
    """The found parts, column by column."""
    found = found or [tuple(np.zeros(0, dtype=np.int64) for _ in range(width))]
    return [np.concatenate(column) for column in zip(*found, strict=True)]


def _groups(starts: np.ndarray, size: int) -> list[np.ndarray]:
    return np.array_split(starts, max(1, -(-len(starts) // size)))


def _counted(
    steps: Any, starts: np.ndarray, ends: np.ndarray, high: int, deadline: Deadline
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_nearest` with the number of shortest paths of each pair: sparse products of
    the paths reaching each node from each start."""
    from scipy import sparse

    found: list[tuple[np.ndarray, ...]] = []
    nodes = steps.shape[0]
    for group in _groups(starts, _COUNTED_AT_ONCE):
        rows = np.arange(len(group))
        seen = np.zeros((len(group), nodes), dtype=bool)
        seen[rows, group] = True
        frontier = sparse.csr_matrix(
            (np.ones(len(group), dtype=np.int64), (rows, group)), shape=(len(group), nodes)
        )
        for length in range(1, high + 1):
            deadline.check()
            reached = (frontier @ steps).tocoo()
            new = ~seen[reached.row, reached.col]
            row, col, paths = reached.row[new], reached.col[new], reached.data[new]
            if not len(row):
                break
            seen[row, col] = True
            hit = ends[col]
            found.append((group[row[hit]], col[hit], np.full(hit.sum(), length), paths[hit]))
            frontier = sparse.csr_matrix((paths, (row, col)), shape=(len(group), nodes))
    columns = _columns(found, 4)
    return columns[0], columns[1], columns[2], columns[3]


# --- the answer


def _aggregated(search: _Search, length: np.ndarray, paths: np.ndarray) -> pd.DataFrame:
    """Counts and lengths: one row per length when ``length(p)`` is returned, else one."""
    grouped = any(what == "length" for _, what, _, _ in search.items)
    if grouped:
        lengths = np.unique(length)
        counts = [int(paths[length == k].sum()) for k in lengths]
        groups: list[tuple[int | None, int]] = [
            (int(k), n) for k, n in zip(lengths, counts, strict=True) if n > 0
        ]
    else:
        groups = [(None, int(paths.sum()))]
    values = {
        "max": int(length.max()) if len(length) else None,
        "min": int(length.min()) if len(length) else None,
    }
    rows = [
        [
            n if what == "count" else k if what == "length" else values[what]
            for _, what, _, _ in search.items
        ]
        for k, n in groups
    ]
    return _finished(search, [list(column) for column in zip(*rows, strict=True)] if rows else None)


def _rows(
    search: _Search,
    walks: _Walks,
    pairs: tuple[np.ndarray, np.ndarray],
    length: np.ndarray,
    paths: np.ndarray,
) -> pd.DataFrame | None:
    """A row per shortest path: its length and the properties of its ends."""
    columns: list[Any] = []
    read: dict[int, tuple[np.ndarray, pa.Table]] = {}
    for end in (0, 1):
        keys = [key for _, what, at, key in search.items if what == "property" and at == end]
        if keys:
            read[end] = walks.numbered([search.ends[end]], sorted(set(keys)))
    for _, what, end, key in search.items:
        if what == "length":
            columns.append(pa.array(np.repeat(length, paths)))
            continue
        numbers, table = read[end]
        keys = sorted({k for _, w, e, k in search.items if w == "property" and e == end})
        position = np.full(walks.claims.nodes, -1, dtype=np.int64)
        position[numbers] = np.arange(len(numbers))
        at = position[np.repeat(pairs[end], paths)]
        columns.append(table.column(keys.index(key)).take(pa.array(at)))
    return _finished(search, columns)


def _finished(search: _Search, columns: list[Any] | None) -> pd.DataFrame | None:
    """The table, sorted and limited (None when a key column cannot be sorted as Neo4j
    sorts it)."""
    names = [column for column, _, _, _ in search.items]
    if columns is None:
        return pd.DataFrame(columns=names).astype(object)
    arrays = [c if isinstance(c, pa.ChunkedArray | pa.Array) else pa.array(c) for c in columns]
    if search.order:
        rows = sort_answer(arrays, search.order)
        if rows is None:
            return None
        arrays = [a.take(rows) for a in arrays]
    if search.limit is not None:
        arrays = [a.slice(0, search.limit) for a in arrays]
    frame = pa.table(
        dict(zip([f"c{i}" for i in range(len(names))], arrays, strict=True))
    ).to_pandas()
    frame.columns = names
    return frame.astype(object) if frame.empty else frame
