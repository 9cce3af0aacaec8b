"""Path counts over the whole graph without enumerating the paths.

``MATCH (a)-[*1..3]->(b) RETURN count(*)`` on 100,000 actors counts billions of
paths; LadybugDB's recursive join from every actor did not finish in 30 s and
Neo4j enumerates them one by one. :func:`count_paths` answers the queries that
only count the paths of one chain pattern (``count(*)``, grouped by or the
``max`` / ``min`` of its length) by dynamic programming over the store's claims,
read once per store as arrays of node numbers: the number of walks reaching each
node is a vector, each hop a sparse matrix product (scipy), so the cost grows with
the relationships, not with the paths (a LadybugDB aggregation per hop, as until
round 9, took 2.1 s of CPU for ``*1..3`` at 100,000 actors; the products 0.05 s,
plus 0.4 s to read the claims the first time). Neo4j counts trails (a relationship
is used once per match); the walks that reuse one are subtracted by
inclusion–exclusion, which needs a graph without self-loops (ecox's graphs have
none; with one the query runs as usual) and chains of at most
:data:`MAX_COUNTED_HOPS` relationships. ``count(DISTINCT e)`` of the node at one
end of one directed variable-length relationship (``MATCH (a:Bank)-[*1..3]->(e)``, at most
one hop the least) is the nodes some walk reaches, hop by hop (4.2 s of CPU at 100,000
actors when LadybugDB enumerated the 1–3-hop trails, 0.02 s so).

A chain whose last node is its first (``MATCH (a)-[r1]-(b)-[r2]-(c)-[r3]-(a)``), or an
``a = c`` of the two ends returned beside the counts, counts closed walks: of three hops,
each at its node with the fewest claims (:func:`_closed_at_lowest`).

The nodes a pattern node may be (its labels and ``WHERE`` conditions) are found by a
parsed query printed by :func:`queries.cypher_translate.translate`, so labels,
unnamed counterparts and parameters keep Neo4j's semantics.

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> from ecox.queries.cypher_parse import parse
>>> from ecox.store.embedded import open_store
>>> g = ClaimGraph.build(
...     [("甲", ["Fund"], []), ("乙", ["Fund"], []), ("丙", ["Enterprise"], [])],
...     [{"source": "甲", "target": "乙", "type": "INVESTED_IN"},
...      {"source": "乙", "target": "丙", "type": "INVESTED_IN"}])
>>> count_paths(parse("MATCH (a)-[rs*1..3]-(b) RETURN size(rs) AS hops, count(*) AS n"),
...             open_store(g), {})
   hops  n
0     1  4
1     2  2
>>> count_paths(parse("MATCH (a) RETURN count(*)"), open_store(g), {}) is None
True
"""

from __future__ import annotations

__all__ = ["MAX_COUNTED_HOPS", "count_paths"]

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ecox.graph.schema import EdgeType
from ecox.queries.cypher_ast import (
    Binary,
    Expr,
    Func,
    Item,
    MapLit,
    Match,
    NodePat,
    Path,
    Prop,
    Query,
    RelPat,
    Return,
    Var,
    conjunction,
    conjuncts,
    has_pattern,
    renamed,
    variables,
)
from ecox.queries.cypher_deadline import Deadline
from ecox.queries.cypher_order import sort_answer
from ecox.queries.cypher_translate import translate
from ecox.store.embedded import ACTOR_TABLE, REL_ENDS
from ecox.store.neo4j_unnamed import UNNAMED_LABEL

if TYPE_CHECKING:
    from ecox.store.embedded import EmbeddedStore

#: Longest chain (relationships in the pattern) counted by dynamic programming.
MAX_COUNTED_HOPS = 3
_ALL_TYPES = frozenset(t.value for t in EdgeType)
_WAYS = {">": frozenset("F"), "<": frozenset("B"), "": frozenset("FB")}
_REVERSED = {"F": "B", "B": "F"}
_CLAIMS: dict[FilePath, _Claims] = {}


@dataclass(frozen=True)
class _Hop:
    """One relationship of the chain: its types and the ways it may be traversed
    (``F``: from the node before it to the node after it, ``B``: the other way)."""

    types: frozenset[str]
    ways: frozenset[str]

    def __and__(self, other: _Hop) -> _Hop:
        return _Hop(self.types & other.types, self.ways & other.ways)

    def reversed(self) -> _Hop:
        return _Hop(self.types, frozenset(_REVERSED[w] for w in self.ways))


@dataclass
class _Node:
    """A node of the pattern: its labels (all groups must hold) and its conditions,
    written on the variable ``var``."""

    var: str
    groups: list[list[str]]
    conditions: list[Expr]


@dataclass
class _Chain:
    """One length of the pattern: ``nodes[i]`` lists the pattern nodes at position i
    (two when a zero-length relationship joins them), ``hops[i]`` joins i and i + 1."""

    nodes: list[list[_Node]]
    hops: list[_Hop]
    closed: bool = False
    length: int = 0  # the length returned: of the path, or of its variable-length relationship


def count_paths(
    query: Query,
    store: EmbeddedStore,
    params: Mapping[str, Any],
    deadline: Deadline | None = None,
) -> pd.DataFrame | None:
    """The answer of a path-counting query, or None when the query is not one.

    Parameters
    ----------
    query : Query
        The parsed query (not yet translated: translation changes the tree).
    store : EmbeddedStore
        The graph's store.
    params : mapping
        The query's parameters.
    deadline : Deadline, optional
        When to stop with the engine's timeout error (default: the store's timeout from now).

    Returns
    -------
    pandas.DataFrame or None
        Columns and rows as Neo4j answers; None when the query does more than count the
        paths of one chain of at most :data:`MAX_COUNTED_HOPS` relationships, or the
        graph has a self-loop.
    """
    reach = _reach_shape(query)
    if reach is not None:
        return _reached(reach, _Walks(store, params, query.text, deadline))
    shape = _shape(query)
    if shape is None:
        return None
    claims = _claims(store)
    if bool((claims.source == claims.target).any()):  # a self-loop
        return None
    chains, items, order = shape
    walks = _Walks(store, params, query.text, deadline)
    counts: dict[tuple[int, bool | None], int] = {}
    ends: dict[int, np.ndarray] = {}  # the trails ending at each node, by length
    split = any(what == "closed" for _, what in items)
    for chain in chains:
        length = chain.length
        if chain.closed:
            counts[length, None] = _closed_trails(chain, walks)
        elif split:
            closed = _closed_trails(chain, walks)
            counts[length, True] = closed
            counts[length, False] = int(_trails(chain, walks).sum()) - closed
        else:
            ends[length] = ends.get(length, 0) + _trails(chain, walks)
            counts[length, None] = int(ends[length].sum())
    extremes = _end_extremes(items, ends, chains, walks)
    return None if extremes is None else _answer(counts, items, order, extremes)


# --- recognising a counting query


@dataclass
class _Reach:
    """``MATCH (a)-[*low..high]->(b) RETURN count(DISTINCT b)`` (``counted`` = b's position,
    1; a's, 0): the nodes at either end, the one hop repeated, and the column's name."""

    ends: tuple[_Node, _Node]
    hop: _Hop
    low: int
    high: int
    counted: int
    column: str


def _reach_shape(query: Query) -> _Reach | None:
    """The reach of a query counting the distinct nodes at one end of one directed
    variable-length relationship of at most 1 minimum hop, else None.

    Neo4j's paths are trails, but in a directed pattern a node reached by a walk of 1…h hops
    is reached by a trail of at most as many (the shortest such walk repeats no node, save
    the start when it returns there: a cycle), so the nodes are those of the walks.
    """
    if len(query.parts) != 1 or len(query.parts[0]) != 2:
        return None
    match, ret = query.parts[0]
    if not isinstance(match, Match) or not isinstance(ret, Return) or match.optional:
        return None
    if len(match.paths) != 1 or match.paths[0].function is not None or len(ret.items) != 1:
        return None
    elements = match.paths[0].elements
    if len(elements) != 3 or ret.distinct or ret.star or ret.skip or ret.limit or ret.order:
        return None
    first, rel, last = elements
    assert isinstance(first, NodePat) and isinstance(rel, RelPat) and isinstance(last, NodePat)
    item = ret.items[0].expr
    if not (isinstance(item, Func) and item.name.lower() == "count" and item.distinct):
        return None
    names = [first.var, last.var]
    if len(item.args) != 1 or not isinstance(item.args[0], Var) or first.var == last.var:
        return None
    if item.args[0].name not in names or rel.hops is None or rel.props is not None:
        return None
    low, high = rel.hops
    low = 1 if low is None else low
    if high is None or low > 1 or rel.direction == "":
        return None
    if any(variables(n.props) or has_pattern(n.props) for n in (first, last)):
        return None
    conditions = _conditions(match.where, {n for n in names if n is not None})
    if conditions is None:
        return None
    hop = _hop(rel)
    if not hop.types:  # only unknown types: left to the engine
        return None
    ends = (_node(first, 0, conditions), _node(last, 1, conditions))
    counted = names.index(item.args[0].name)
    return _Reach(ends, hop, low, high, counted, ret.items[0].name)


_Shape = tuple[list[_Chain], list[tuple[str, str]], list[tuple[str, bool]]]


def _shape(query: Query) -> _Shape | None:
    """The chains of every length, the RETURN items as (column, what) and the ORDER BY."""
    if len(query.parts) != 1 or len(query.parts[0]) != 2:
        return None
    match, ret = query.parts[0]
    if not isinstance(match, Match) or not isinstance(ret, Return) or match.optional:
        return None
    if len(match.paths) != 1 or match.paths[0].function is not None:
        return None
    path = match.paths[0]
    nodes = [e for e in path.elements if isinstance(e, NodePat)]
    rels = [e for e in path.elements if isinstance(e, RelPat)]
    names = [n.var for n in nodes if n.var is not None]
    closed = nodes[0].var is not None and nodes[0].var == nodes[-1].var
    varlen = [r for r in rels if r.hops is not None]
    if len(set(names)) != len(names) - closed or len(varlen) > 1 or any(r.props for r in rels):
        return None
    if any(variables(n.props) or has_pattern(n.props) for n in nodes):  # {name: b.name}
        return None
    length_vars = {v for v in [path.var, *(r.var for r in varlen)] if v is not None}
    ends = None if closed else (nodes[0].var, nodes[-1].var)
    items = _items(ret, length_vars, ends)
    conditions = _conditions(match.where, set(names))
    if items is None or conditions is None:
        return None
    used = variables([ret, match.where])
    if any(r.var is not None and r.hops is None and r.var in used for r in rels):
        return None
    order = _order(ret, [name for name, _ in items])
    if order is None:
        return None
    if not varlen and len(rels) < 2:  # one relationship: the engine counts it quickly
        return None
    low, high = varlen[0].hops if varlen and varlen[0].hops else (1, 1)
    low = 1 if low is None else low
    if high is None or len(rels) - 1 + high > MAX_COUNTED_HOPS:
        return None
    if (closed or any(what == "closed" for _, what in items)) and (
        low == 0 or any(what not in ("count", "length", "closed") for _, what in items)
    ):
        return None
    returned = variables(ret)
    steps = bool(varlen) and len(rels) > 1 and varlen[0].var in returned  # size(rs)
    if steps and path.var in returned:
        return None
    pattern = [_node(n, i, conditions) for i, n in enumerate(nodes)]
    chains = [_chain(pattern, rels, k) for k in range(low, high + 1)] if varlen else []
    chains = chains or [_chain(pattern, rels, 1)]
    for k, chain in zip(range(low, high + 1), chains, strict=True):
        chain.closed = closed
        chain.length = k if steps else len(chain.hops)
    return chains, items, order


def _items(
    ret: Return, length_vars: set[str], ends: tuple[str | None, str | None] | None
) -> list[tuple[str, str]] | None:
    """``count``, ``length``, ``max`` or ``min`` (of the length) for each RETURN item, or
    ``closed`` for ``a = c`` when a and c are the chain's two ends."""
    if ret.distinct or ret.star or ret.skip is not None or ret.limit is not None:
        return None
    out = []
    for item in ret.items:
        what = "closed" if _compares_ends(item.expr, ends) else _item_kind(item.expr, length_vars)
        what = what or _end_kind(item.expr, ends)
        if what is None:
            return None
        out.append((item.name, what))
    return out


def _compares_ends(expr: Expr, ends: tuple[str | None, str | None] | None) -> bool:
    """Whether ``expr`` is ``a = c``, a and c the two ends (distinct variables) of the chain."""
    if ends is None or None in ends or not isinstance(expr, Binary) or expr.op != "=":
        return False
    sides = (expr.left, expr.right)
    names = {side.name for side in sides if isinstance(side, Var)}
    return len(names) == 2 and names == set(ends)


def _item_kind(expr: Expr, length_vars: set[str]) -> str | None:
    if not isinstance(expr, Func):
        return None
    name = expr.name.lower()
    if name == "count" and expr.star and not expr.distinct:
        return "count"
    if name in ("size", "length") and len(expr.args) == 1:
        arg = expr.args[0]
        return "length" if isinstance(arg, Var) and arg.name in length_vars else None
    if name in ("max", "min", "sum") and len(expr.args) == 1 and not expr.distinct:
        return name if _item_kind(expr.args[0], length_vars) == "length" else None
    return None


def _end_kind(expr: Expr, ends: tuple[str | None, str | None] | None) -> str | None:
    """``max b.key`` / ``min b.key`` for ``max(b.key)`` / ``min(b.key)``, b the chain's last
    node (its first too when it is closed: then no end is named)."""
    if ends is None or ends[1] is None or not isinstance(expr, Func) or expr.distinct:
        return None
    if expr.name.lower() not in ("max", "min") or len(expr.args) != 1:
        return None
    arg = expr.args[0]
    if isinstance(arg, Prop) and isinstance(arg.subject, Var) and arg.subject.name == ends[1]:
        return f"{expr.name.lower()} {arg.key}"
    return None


def _order(ret: Return, columns: list[str]) -> list[tuple[str, bool]] | None:
    keys = []
    for expr, descending in ret.order:
        if not isinstance(expr, Var) or expr.name not in columns:
            return None
        keys.append((expr.name, descending))
    return keys


def _conditions(where: Expr | None, names: set[str]) -> dict[str, list[Expr]] | None:
    """The WHERE's conjuncts by the one node variable each refers to (None if one refers
    to none, to several, or holds a pattern)."""
    found: dict[str, list[Expr]] = {}
    for part in conjuncts(where):
        refers = variables(part)
        if len(refers) != 1 or not refers <= names or has_pattern(part):
            return None
        found.setdefault(next(iter(refers)), []).append(part)
    return found


def _node(pattern: NodePat, position: int, conditions: dict[str, list[Expr]]) -> _Node:
    var = pattern.var or f"ecox_p{position}"
    given = list(conditions.get(var, [])) if pattern.var else []
    if isinstance(pattern.props, MapLit):
        given += [Binary("=", Prop(Var(var), key), value) for key, value in pattern.props.pairs]
    return _Node(var, [list(g) for g in pattern.groups], given)


def _hop(rel: RelPat) -> _Hop:
    types = frozenset(rel.types) & _ALL_TYPES if rel.types else _ALL_TYPES
    return _Hop(types, _WAYS[rel.direction])


def _chain(pattern: list[_Node], rels: list[RelPat], varlen_hops: int) -> _Chain:
    """The pattern with its variable-length relationship as ``varlen_hops`` single ones."""
    nodes: list[list[_Node]] = [[pattern[0]]]
    hops: list[_Hop] = []
    for rel, after in zip(rels, pattern[1:], strict=True):
        repeat = 1 if rel.hops is None else varlen_hops
        for i in range(repeat):
            hops.append(_hop(rel))
            nodes.append([after] if i == repeat - 1 else [])
        if repeat == 0:
            nodes[-1].append(after)
    return _Chain(nodes, hops)


# --- counting


_Move = tuple[_Hop, list[_Node], list[_Node] | None]
_Walk = tuple[list[_Node], list[_Move]]


def _trails(chain: _Chain, walks: _Walks) -> np.ndarray:
    """Paths of the chain that use each relationship once, by the node they end at: the
    walks, less those that reuse one (inclusion–exclusion; no self-loops, so reuse means
    going back)."""
    n, h = chain.nodes, chain.hops
    walk: list[_Move] = [(h[i], n[i + 1], None) for i in range(len(h))]
    total = walks.count((n[0], walk))
    if len(h) < 2:
        return total
    if len(h) == 2:  # r1 = r2: back along the same relationship
        return total - walks.count((n[0], [(h[0] & h[1].reversed(), n[1], n[2])]))
    bounce_12: _Walk = (n[0], [(h[0] & h[1].reversed(), n[1], n[2]), (h[2], n[3], None)])
    bounce_23: _Walk = (n[0], [(h[0], n[1], None), (h[1] & h[2].reversed(), n[2], n[3])])
    all_three: _Walk = (n[0] + n[2], [(h[0] & h[1].reversed() & h[2], n[1] + n[3], None)])
    total -= walks.count(bounce_12) + walks.count(bounce_23)
    total -= walks.there_and_back(chain)
    return total + 2 * walks.count(all_three)


def _closed_trails(chain: _Chain, walks: _Walks) -> int:
    """Paths of the chain that use each relationship once and end where they start. With no
    self-loops a closed walk of one hop is none, and one of three reuses no relationship
    (two equal ones would leave the third a self-loop); one of two may go back along its
    first relationship."""
    n, h = chain.nodes, chain.hops
    ends = n[0] + n[-1]
    if len(h) == 1:
        return 0
    if len(h) == 2:
        back = walks.count((ends, [(h[0] & h[1].reversed(), n[1], ends)]))
        return walks.closed([ends, n[1]], h) - int(back.sum())
    return walks.closed([ends, n[1], n[2]], h)


@dataclass
class _Claims:
    """Every claim of a store as node numbers (actors by their row, then the unnamed
    counterparts): ``source[i]`` to ``target[i]``, of type ``types[kind[i]]``."""

    source: np.ndarray
    target: np.ndarray
    kind: np.ndarray
    types: list[str]
    nodes: int
    actors: int


def _claims(store: EmbeddedStore) -> _Claims:
    """The store's claims as arrays (read once per store and process)."""
    if store.path in _CLAIMS:
        return _CLAIMS[store.path]
    actors = int(store.rows(f"MATCH (x:{ACTOR_TABLE}) RETURN count(*)")[0][0])
    unnamed = int(store.rows(f"MATCH (x:{UNNAMED_LABEL}) RETURN count(*)")[0][0])
    base = {ACTOR_TABLE: 0, UNNAMED_LABEL: actors}
    ends, kinds = [], []
    for a, b in REL_ENDS:
        table = store.table(
            f"MATCH (a:{a})-[r]->(b:{b}) RETURN offset(id(a)) AS s, offset(id(b)) AS t, "
            "label(r) AS k"
        )
        ends.append((table["s"].to_numpy() + base[a], table["t"].to_numpy() + base[b]))
        kinds.append(table["k"])
    labels = pc.dictionary_encode(
        pa.concat_arrays([c for k in kinds for c in k.chunks] or [pa.array([], pa.string())])
    )
    indices = labels.indices.to_numpy(zero_copy_only=False)
    types = labels.dictionary.to_pylist()
    claims = _Claims(
        np.concatenate([s for s, _ in ends]).astype(np.int64),
        np.concatenate([t for _, t in ends]).astype(np.int64),
        indices.astype(np.int64),
        types,
        actors + unnamed,
        actors,
    )
    _CLAIMS[store.path] = claims
    return claims


class _Walks:
    """Walk counts of one query on one store: sparse matrix products over its claims, the
    nodes' conditions evaluated by the store (each set of nodes once)."""

    def __init__(
        self,
        store: EmbeddedStore,
        params: Mapping[str, Any],
        text: str,
        deadline: Deadline | None = None,
    ) -> None:
        self.store, self.params, self.text = store, dict(params), text
        self.deadline = deadline or Deadline(store)
        self.claims = _claims(store)
        self.masks: dict[tuple[int, ...], np.ndarray] = {}
        self.matrices: dict[_Hop, Any] = {}

    def count(self, walk: _Walk) -> np.ndarray:
        """Walks that start at a node meeting ``walk[0]`` and make each move of ``walk[1]``:
        a hop to a node meeting its conditions, or (with a third part) a hop and back along
        the same relationship, the node it returns to meeting the third part's conditions;
        by the node they end at."""
        start, moves = walk
        if any(not hop.types or not hop.ways for hop, _, _ in moves):
            return np.zeros(self.claims.nodes, dtype=np.int64)
        weights = self.mask(start).astype(np.int64)
        for hop, there, back in moves:
            self.deadline.check()
            steps = self.matrix(hop)
            if back is None:
                weights = (steps.T @ weights) * self.mask(there)
            else:
                returns = steps @ self.mask(there).astype(np.int64)
                weights = weights * self.mask(back) * returns
        return np.asarray(weights)

    def there_and_back(self, chain: _Chain) -> np.ndarray:
        """Walks of three hops whose first and third are the same relationship (r1 = r3): with
        no self-loops they go n0 → n1 → n0 → n1, the second hop any relationship back; by
        the node they end at."""
        n, h = chain.nodes, chain.hops
        first = h[0] & h[2]
        if not first.types or not first.ways or not h[1].types:
            return np.zeros(self.claims.nodes, dtype=np.int64)
        pairs = self.matrix(first).multiply(self.matrix(h[1]).T).tocoo()
        there, back = self.mask(n[0] + n[2]), self.mask(n[1] + n[3])
        weights = pairs.data * there[pairs.row] * back[pairs.col]
        return np.bincount(pairs.col, weights=weights, minlength=self.claims.nodes).astype(np.int64)

    def closed(self, nodes: list[list[_Node]], hops: list[_Hop]) -> int:
        """Closed walks of two or three hops: ``hops[i]`` from a node meeting ``nodes[i]`` to
        one meeting the next (the first again after the last hop)."""
        if any(not hop.types or not hop.ways for hop in hops):
            return 0
        steps = [
            self._kept(self.matrix(hop), self.mask(at)) for hop, at in zip(hops, nodes, strict=True)
        ]
        if len(steps) == 2:
            return int(steps[0].multiply(steps[1].T).sum())
        degree = np.bincount(
            np.concatenate([self.claims.source, self.claims.target]), minlength=self.claims.nodes
        )
        rank = np.empty(self.claims.nodes, dtype=np.int64)
        rank[np.lexsort((np.arange(self.claims.nodes), -degree))] = np.arange(self.claims.nodes)
        first, second, third = steps
        self.deadline.check()
        return sum(
            _closed_at_lowest(x, y, z, rank)
            for x, y, z in ((first, second, third), (second, third, first), (third, first, second))
        )

    @staticmethod
    def _kept(steps: Any, rows: np.ndarray) -> Any:
        """``steps`` from the nodes of ``rows`` only."""
        from scipy import sparse

        return (sparse.diags(rows.astype(np.int64), dtype=np.int64) @ steps).tocsr()

    def matrix(self, hop: _Hop) -> Any:
        """``m[u, v]``: the relationships ``hop`` may take from node u to node v."""
        if hop not in self.matrices:
            self.deadline.check()
            self.matrices[hop] = self._steps(hop)
        return self.matrices[hop]

    def _steps(self, hop: _Hop) -> Any:
        from scipy import sparse

        claims = self.claims
        wanted = [i for i, name in enumerate(claims.types) if name in hop.types]
        keep = np.isin(claims.kind, wanted)
        source, target = claims.source[keep], claims.target[keep]
        rows = np.concatenate([source if way == "F" else target for way in sorted(hop.ways)])
        cols = np.concatenate([target if way == "F" else source for way in sorted(hop.ways)])
        ones = np.ones(len(rows), dtype=np.int64)
        shape = (claims.nodes, claims.nodes)
        return sparse.csr_matrix((ones, (rows, cols)), shape=shape)

    def mask(self, nodes: list[_Node]) -> np.ndarray:
        """Which nodes meet the labels and conditions of every node of ``nodes``."""
        key = tuple(id(node) for node in nodes)
        if key not in self.masks:
            self.deadline.check()
            self.masks[key] = self._meets(nodes)
        return self.masks[key]

    def _meets(self, nodes: list[_Node]) -> np.ndarray:
        meets = np.zeros(self.claims.nodes, dtype=bool)
        if not any(node.groups or node.conditions for node in nodes):
            meets[:] = True
            return meets
        meets[self.numbered(nodes, [])[0]] = True
        return meets

    def numbered(self, nodes: list[_Node], keys: list[str]) -> tuple[np.ndarray, pa.Table]:
        """The node numbers of the nodes meeting every node of ``nodes``, and their ``keys``
        properties (a column each, in that order), read by the store as Neo4j reads them."""
        groups = [list(g) for node in nodes for g in node.groups]
        conditions = _on("ecox_x", nodes)
        alone = Path(None, [NodePat("ecox_x", groups, None)])
        returned = [Item(Prop(Var("ecox_x"), key), f"v{i}", "") for i, key in enumerate(keys)]
        returned = returned or [Item(Func("count", [], star=True), "n", "")]
        ret = Return(False, returned, False, [], None, None)
        query = Query(self.text, [[Match(False, [alone], conjunction(conditions)), ret]])
        printed, _ = translate(query, self.store.claim_properties, self.store.claim_constants)
        head, tail = printed.rsplit(" RETURN ", 1)
        printed = head + (
            f" RETURN label(`ecox_x`) = '{UNNAMED_LABEL}' AS u, offset(id(`ecox_x`)) AS i"
        )
        printed += f", {tail}" if keys else ""
        found = self.store.table(printed, self.params)
        unnamed = found["u"].to_numpy(zero_copy_only=False).astype(bool)
        numbers = found["i"].to_numpy() + unnamed * self.claims.actors
        return numbers, found.select([f"v{i}" for i in range(len(keys))])


def _closed_at_lowest(x: Any, y: Any, z: Any, rank: np.ndarray) -> int:
    """Closed walks ``x[u, v] y[v, w] z[w, u]`` (three distinct nodes: no self-loops) whose
    middle node v has the highest rank, i.e. the fewest relationships: each closed walk is
    counted once over the three rotations, and products through low-degree middles stay
    small (1.8 million entries against 71 million for the whole product at 100,000 actors)."""
    from scipy import sparse

    x, y = x.tocoo(), y.tocoo()
    keep_x, keep_y = rank[x.row] < rank[x.col], rank[y.col] < rank[y.row]
    before = sparse.csr_matrix((x.data[keep_x], (x.row[keep_x], x.col[keep_x])), shape=x.shape)
    after = sparse.csr_matrix((y.data[keep_y], (y.row[keep_y], y.col[keep_y])), shape=y.shape)
    return int((before @ after).multiply(z.T).sum())


def _on(var: str, nodes: list[_Node]) -> list[Expr]:
    """The nodes' conditions, written on ``var``."""
    return [renamed(c, node.var, var) for node in nodes for c in node.conditions]


def _reached(reach: _Reach, walks: _Walks) -> pd.DataFrame:
    """The answer of a :class:`_Reach` query: the nodes at the counted end of some walk of
    ``low``…``high`` hops from a node at the other end."""
    hop = reach.hop if reach.counted == 1 else reach.hop.reversed()
    steps = walks.matrix(hop).T.tocsr()
    origin, counted = (
        walks.mask([reach.ends[1 - reach.counted]]),
        walks.mask([reach.ends[reach.counted]]),
    )
    found = origin.copy() if reach.low == 0 else np.zeros_like(origin)
    frontier = origin
    for _ in range(reach.high):
        walks.deadline.check()
        frontier = (steps @ frontier.astype(np.int64)) > 0
        found |= frontier
    return pd.DataFrame({reach.column: [int((found & counted).sum())]})


# --- the table


def _answer(
    counts: dict[tuple[int, bool | None], int],
    items: list[tuple[str, str]],
    order: list[tuple[str, bool]],
    extremes: dict[tuple[str, int | None], Any],
) -> pd.DataFrame:
    """One row per length (and per ``a = c``) with paths when an item is one, else one row;
    ``extremes``: the end property's minima and maxima by (item, length; None: any)."""
    found = sorted((key for key, n in counts.items() if n > 0), key=lambda k: (k[0], bool(k[1])))
    lengths = sorted({length for length, _ in found})
    columns = [name for name, _ in items]
    if any(what in ("length", "closed") for _, what in items):
        keyed = {"length": 0, "closed": 1}
        grouped: dict[tuple[Any, ...], int] = {}
        for key in found:
            group: tuple[Any, ...] = tuple(key[keyed[what]] for _, what in items if what in keyed)
            grouped[group] = grouped.get(group, 0) + counts[key]
        rows: list[list[Any]] = []
        for group, n in grouped.items():
            keys = iter(group)
            hops = group[0]  # with a sum or an end property, the groups are the lengths
            rows.append(
                [
                    n
                    if what == "count"
                    else n * hops
                    if what == "sum"
                    else next(keys)
                    if what in keyed
                    else extremes[what, hops]
                    for _, what in items
                ]
            )
    else:
        values: dict[str, int | None] = {
            "count": sum(counts.values()),
            "sum": sum(length * n for (length, _), n in counts.items()),
            "max": lengths[-1] if lengths else None,
            "min": lengths[0] if lengths else None,
        }
        rows = [[values[what] if what in values else extremes[what, None] for _, what in items]]
    frame = pd.DataFrame(rows, columns=columns)
    if order and not frame.empty:
        frame = frame.sort_values(
            [name for name, _ in order], ascending=[not d for _, d in order], kind="stable"
        ).reset_index(drop=True)
    return frame.astype(object) if frame.empty else frame


def _end_extremes(
    items: list[tuple[str, str]], ends: dict[int, np.ndarray], chains: list[_Chain], walks: _Walks
) -> dict[tuple[str, int | None], Any] | None:
    """The minimum or maximum of the last node's property (``min(b.name)``) over the nodes
    some trail ends at, for each length and for all (None: Neo4j may order the values
    otherwise than Arrow, e.g. floats)."""
    wanted = [what for _, what in items if what.startswith(("max ", "min "))]
    if not wanted:
        return {}
    if not ends:
        return None
    out: dict[tuple[str, int | None], Any] = {}
    for what in wanted:
        kind, key = what.split(" ", 1)
        numbers, table = walks.numbered(chains[-1].nodes[-1], [key])
        column = table.column(0)
        anywhere: np.ndarray = np.sum(list(ends.values()), axis=0)
        for length, trails in [*ends.items(), (None, anywhere)]:
            values = column.filter(pa.array(trails[numbers] > 0)).drop_null()
            rows = sort_answer([values], [(0, kind == "max")])
            if rows is None:
                return None
            out[what, length] = values[rows[0].as_py()].as_py() if len(values) else None
    return out
