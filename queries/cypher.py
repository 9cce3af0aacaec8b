"""Cypher on the in-memory graph: grand-cypher over a networkx view, made safe.

:func:`run_cypher` runs a read-only Cypher query on a claim graph (or a
:class:`queries.backend.Backend`) and returns a DataFrame whose columns are the
``RETURN`` items in order (their alias, else their text, as Neo4j names them).

The embedded engine is `grand-cypher <https://github.com/aplbrain/grand-cypher>`_
1.2.0 over :func:`embedded_view`. Before running, :func:`prepare` checks the
query and rewrites what grand-cypher would get wrong:

* features it lacks raise :class:`CypherFeatureError` naming the feature
  (``OPTIONAL MATCH``, ``WITH``, ``UNWIND``, ``CALL``, ``UNION``, writes, ``RETURN *``,
  ``COUNT(DISTINCT …)``, pattern predicates such as ``NOT (a)-->(b)``,
  arithmetic on aggregates, ``CASE``, list comprehensions, path functions…);
* undirected relationship patterns (``-[r:T]-``, ``--``), which grand-cypher
  answers with no rows on a directed graph, are rewritten to a directed pattern
  over the view's mirror edges (every claim also appears reversed with the type
  ``T__REV``; ``type(r)`` is mapped back to ``T`` in the result);
* directed patterns without a type are restricted to the real relation types,
  so they never see mirror edges;
* lower-case aggregations (``count(x)``) are upper-cased, ``count(*)`` becomes a
  count of the first node variable (the same number: MATCH rows never bind null);
* ``SKIP``/``LIMIT`` without ``ORDER BY`` on a ``DISTINCT`` or aggregating query
  (grand-cypher would cut the rows before de-duplicating) are applied afterwards;
* ``$name`` parameters are substituted as literals (grand-cypher has no
  parameters; strings are escaped, so values never change the query's shape).

One difference remains and is documented rather than fixed: grand-cypher
binds different node variables of one ``MATCH`` to different nodes (subgraph
isomorphism), Neo4j does not; write ``WHERE a.id <> b.id`` to get the same
rows from both.

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> g = ClaimGraph.build(
...     [("甲基金", ["Fund"], []), ("乙公司", ["Enterprise"], []), ("丙公司", ["Enterprise"], [])],
...     [{"source": "甲基金", "target": "乙公司", "type": "INVESTED_IN", "amount": 5e6},
...      {"source": "甲基金", "target": "丙公司", "type": "INVESTED_IN"}])
>>> run_cypher(g, "MATCH (f:Fund)-[:INVESTED_IN]->(e:Enterprise) "
...               "RETURN e.name AS company ORDER BY company")
  company
0     丙公司
1     乙公司
>>> run_cypher(g, "MATCH (e:Enterprise)-[r]-(x) RETURN e.name AS e, type(r) AS rel, "
...               "x.name AS other ORDER BY e")
     e          rel other
0  丙公司  INVESTED_IN   甲基金
1  乙公司  INVESTED_IN   甲基金
>>> run_cypher(g, "MATCH (a) OPTIONAL MATCH (a)-->(b) RETURN a, b")
Traceback (most recent call last):
...
ecox.queries.cypher.CypherFeatureError: OPTIONAL MATCH is not supported by the embedded ...
"""

from __future__ import annotations

from ecox.graph.errors import UnsupportedCypherError

__all__ = [
    "MIRROR_SUFFIX",
    "CypherFeatureError",
    "PreparedQuery",
    "cypher_literal",
    "embedded_view",
    "finish",
    "prepare",
    "return_columns",
    "run_cypher",
]

import logging
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pandas as pd

from ecox.graph.claims import ClaimGraph, plain_value, split_field
from ecox.graph.schema import CLAIM_COLUMNS, EdgeType
from ecox.graph.unnamed import unnamed_mask
from ecox.queries.cypher_literals import cypher_literal, mask_literals, unmask_literals

if TYPE_CHECKING:
    from ecox.queries.backend import Backend

logger = logging.getLogger(__name__)

#: Suffix of the relationship type of the reversed copy of every claim in the embedded view.
MIRROR_SUFFIX = "__REV"

_REL_TYPES: tuple[str, ...] = tuple(t.value for t in EdgeType)
_REL_PROPERTIES = tuple(c for c in CLAIM_COLUMNS if c not in ("source", "target", "type"))
_ENGINE = "the embedded Cypher engine (grand-cypher)"
_ADVICE = "run it on Neo4j (ecox cypher --neo4j)"


class CypherFeatureError(UnsupportedCypherError):
    """The embedded engine does not support a Cypher feature the query uses."""

    def __init__(self, feature: str, hint: str = "") -> None:
        self.feature = feature
        message = f"{feature} is not supported by {_ENGINE}; {_ADVICE}"
        super().__init__(message + (f" or {hint}" if hint else ""))


# ---------------------------------------------------------------------- the graph view
def embedded_view(graph: ClaimGraph) -> nx.MultiDiGraph:
    """The networkx graph grand-cypher runs on.

    Nodes are actor ids with ``__labels__ = {"Actor", *types}`` and the properties
    ``id, name, types, aliases`` (lists, as stored in Neo4j). Every claim is an edge
    keyed by its id with ``__labels__ = {type}`` and its non-missing properties,
    plus a reversed mirror edge typed ``<type>__REV`` (for undirected patterns).

    Examples
    --------
    >>> from ecox.graph.claims import ClaimGraph
    >>> g = ClaimGraph.build([("甲", ["Bank"], []), ("乙", ["Enterprise"], ["乙乙"])],
    ...                      [{"source": "甲", "target": "乙", "type": "LENT_TO"}])
    >>> view = embedded_view(g)
    >>> sorted(view.nodes[g.actors["id"][1]]["__labels__"])
    ['Actor', 'Enterprise']
    >>> sorted(next(iter(d["__labels__"])) for _, _, d in view.edges(data=True))
    ['LENT_TO', 'LENT_TO__REV']
    """
    view = nx.MultiDiGraph()
    for rec in graph.actors.to_dict("records"):
        types = split_field(rec["types"])
        view.add_node(
            rec["id"],
            __labels__={"Actor", *types},
            id=rec["id"],
            name=plain_value(rec["name"]),
            types=types,
            aliases=split_field(rec["aliases"]),
        )
    claims = graph.claims[~unnamed_mask(graph.claims)]  # unnamed sides are no nodes
    if len(claims):
        cols = {c: claims[c].astype(object).tolist() for c in CLAIM_COLUMNS}
        for i in range(len(claims)):
            props = {c: plain_value(cols[c][i]) for c in _REL_PROPERTIES}
            props = {k: v for k, v in props.items() if v is not None}
            src, tgt, rel = cols["source"][i], cols["target"][i], str(cols["type"][i])
            view.add_edge(src, tgt, key=props["id"], __labels__={rel}, **props)
            view.add_edge(
                tgt, src, key=props["id"] + MIRROR_SUFFIX, __labels__={rel + MIRROR_SUFFIX}, **props
            )
    return view


# ---------------------------------------------------------------------- checks and rewrites
_UNSUPPORTED: tuple[tuple[str, str, str], ...] = (
    (r"\bOPTIONAL\s+MATCH\b", "OPTIONAL MATCH", "rewrite it with MATCH and EXISTS { }"),
    (r"\bUNWIND\b", "UNWIND", ""),
    (
        r"(?<!STARTS )(?<!ENDS )\bWITH\b",
        "WITH",
        "return the rows and post-process them in pandas",
    ),
    (r"\bCALL\b", "CALL (procedures and subqueries)", ""),
    (r"\bUNION\b", "UNION", "run the parts separately"),
    (r"\bCREATE\b", "CREATE (the embedded engine is read-only)", ""),
    (r"\bMERGE\b", "MERGE (the embedded engine is read-only)", ""),
    (r"\bSET\b", "SET (the embedded engine is read-only)", ""),
    (r"\bDELETE\b", "DELETE (the embedded engine is read-only)", ""),
    (r"\bREMOVE\b", "REMOVE (the embedded engine is read-only)", ""),
    (r"\bFOREACH\b", "FOREACH", ""),
    (r"\bLOAD\s+CSV\b", "LOAD CSV", ""),
    (r"\bCASE\b", "CASE expressions", ""),
    (r"\bRETURN\s+(DISTINCT\s+)?\*", "RETURN *", "name the returned items"),
    (r"\b(?:COUNT|SUM|AVG|MIN|MAX|COLLECT)\s*\(\s*DISTINCT\b", "aggregation over DISTINCT", ""),
    (
        r"\b(?:shortestPath|allShortestPaths|nodes|length|labels|properties|keys|startNode|endNode)\s*\(",
        "this function (path, label and map functions)",
        "return variables and properties instead",
    ),
    (r"(?<!-)\[[^\]]*\|[^\]]*\]", "list comprehensions", ""),
    (r"\bEXISTS\s*\(", "exists() as a function", "use EXISTS { MATCH … }"),
    (r"\bCOUNT\s*\{", "COUNT { } subqueries", ""),
    (r"\bCOLLECT\s*\{", "COLLECT { } subqueries", ""),
    (r"\bXOR\b", "XOR", "use AND / OR / NOT"),
    (r"=~", "regular expressions (=~)", "use STARTS WITH / ENDS WITH / CONTAINS"),
)
_AGGREGATE = re.compile(r"\b(count|sum|avg|min|max|collect)\s*\(", re.I)
_PATTERN_PREDICATE = re.compile(r"\b(?:WHERE|AND|OR|NOT)\s+\(\s*\w*[^()]*\)\s*(?:<?-)", re.I)
_REL_BRACKET = re.compile(r"(<?)-\[([^\]]*)\]-(>?)")
_REL_BARE = re.compile(r"(<?)--(>?)")


@dataclass(frozen=True)
class PreparedQuery:
    """A query rewritten for grand-cypher, with what must be done after it runs.

    Attributes
    ----------
    text : str
        The query grand-cypher runs.
    columns : list of str
        The result columns, in ``RETURN`` order.
    distinct : bool
        De-duplicate the rows afterwards.
    order : list of (str, bool)
        Sort the rows afterwards by these columns (``True`` = descending; nulls last
        ascending and first descending, as in Neo4j).
    skip, limit : int or None
        Applied to the rows afterwards (after ``distinct`` and ``order``).
    type_columns : frozenset of str
        Columns holding ``type(r)`` (mirror types are mapped back).
    """

    text: str
    columns: list[str]
    distinct: bool
    order: list[tuple[str, bool]]
    skip: int | None
    limit: int | None
    type_columns: frozenset[str]


def prepare(query: str, params: Mapping[str, Any] | None = None) -> PreparedQuery:
    """Check a query against the embedded engine's subset and rewrite it (see module doc).

    Raises
    ------
    CypherFeatureError
        The query uses a feature grand-cypher lacks; the message names it.

    Examples
    --------
    >>> p = prepare("match (a:Fund)-[r]-(b) where a.name = $n return a.id, count(*) limit 3",
    ...             {"n": "x"})
    >>> print(p.text[:60])
    MATCH (a:Fund)-[r:ACQUIRED|ACQUIRED__REV|AFFILIATED_WITH|AFF
    >>> print(p.text[-44:])
    (b) WHERE a.name = "x" RETURN a.id, COUNT(a)
    >>> p.columns, p.limit
    (['a.id', 'count(*)'], 3)
    >>> prepare("MATCH (a) DETACH DELETE a")
    Traceback (most recent call last):
    ...
    ecox.queries.cypher.CypherFeatureError: DELETE (the embedded engine is read-only) is not ...
    """
    masked, saved = mask_literals(query)
    masked = " ".join(masked.split())
    _check_supported(masked)
    masked = re.sub(r"\bmatch\b", "MATCH", masked, flags=re.I)
    masked = re.sub(r"\bwhere\b", "WHERE", masked, flags=re.I)
    masked = re.sub(r"\breturn\b", "RETURN", masked, flags=re.I)
    masked = _substitute_params(masked, params, saved)

    head, _, tail = masked.rpartition("RETURN ")
    clause = _parse_return(tail)
    columns = return_columns("RETURN " + clause.items, saved)
    items = _split_items(clause.items)
    aggregating = bool(_AGGREGATE.search(clause.items))
    items_text = _rewrite_aggregates(clause.items, head)
    order, kept_tail, skip, limit = _result_steps(clause, columns, items, saved, aggregating)
    head = _rewrite_patterns(head)
    type_columns = frozenset(
        col
        for col, item in zip(columns, items, strict=False)
        if re.match(r"\s*type\s*\(", item, re.I)
    )
    text = unmask_literals(head + "RETURN " + items_text + kept_tail, saved).strip()
    return PreparedQuery(
        text=text,
        columns=columns,
        distinct=clause.distinct,
        order=order,
        skip=skip,
        limit=limit,
        type_columns=type_columns,
    )


def _check_supported(masked: str) -> None:
    """Raise :class:`CypherFeatureError` for the first feature grand-cypher lacks."""
    for pattern, feature, hint in _UNSUPPORTED:
        if re.search(pattern, masked, re.I):
            raise CypherFeatureError(feature, hint)
    if _PATTERN_PREDICATE.search(masked):
        raise CypherFeatureError(
            "pattern predicates such as NOT (a)-->(b)", "use NOT EXISTS { MATCH (a)-->(b) }"
        )
    if not re.search(r"\bRETURN\b", masked, re.I):
        raise CypherFeatureError("a query without RETURN")


def _substitute_params(masked: str, params: Mapping[str, Any] | None, saved: list[str]) -> str:
    """Replace ``$name`` by its value: numbers inline, other values as masked literals."""

    def substitute(m: re.Match[str]) -> str:
        name = m.group(1)
        if params is None or name not in params:
            raise ValueError(f"missing value for parameter ${name}")
        value = params[name]
        if isinstance(value, int | float | np.integer | np.floating) and not isinstance(
            value, bool
        ):
            return cypher_literal(value)
        saved.append(cypher_literal(params[name]))
        return f"\x00{len(saved) - 1}\x00"

    return re.sub(r"\$(\w+)", substitute, masked)


@dataclass(frozen=True)
class _ReturnClause:
    """The parts of a masked RETURN clause."""

    distinct: bool
    items: str
    order: str | None
    skip: int | None
    limit: int | None


def _parse_return(tail: str) -> _ReturnClause:
    """Split the text after the last ``RETURN `` into items, ORDER BY, SKIP and LIMIT."""
    parts = re.fullmatch(
        r"\s*(?P<distinct>DISTINCT\s+)?(?P<items>.*?)"
        r"(?:\s+ORDER\s+BY\s+(?P<order>.*?))?"
        r"(?:\s+SKIP\s+(?P<skip>\S+))?(?:\s+LIMIT\s+(?P<limit>\S+))?\s*",
        tail,
        re.I | re.S,
    )
    if parts is None:  # pragma: no cover - the pattern matches any text
        raise CypherFeatureError("this RETURN clause")
    items_text = parts.group("items")
    if re.search(
        r"\b(?:COUNT|SUM|AVG|MIN|MAX|COLLECT)\s*\([^)]*\)\s*[-+*/%]"
        r"|[-+*/%]\s*(?:COUNT|SUM|AVG|MIN|MAX|COLLECT)\s*\(",
        items_text,
        re.I,
    ):
        raise CypherFeatureError("arithmetic on aggregates", "compute it on the result table")
    for bound in ("skip", "limit"):
        if parts.group(bound) is not None and not parts.group(bound).isdigit():
            raise CypherFeatureError(f"{bound.upper()} with an expression", "write a number")
    return _ReturnClause(
        distinct=parts.group("distinct") is not None,
        items=items_text,
        order=parts.group("order"),
        skip=int(parts.group("skip")) if parts.group("skip") else None,
        limit=int(parts.group("limit")) if parts.group("limit") else None,
    )


def _rewrite_aggregates(items_text: str, head: str) -> str:
    """``count(*)`` as ``COUNT(first node variable of head)``; aggregations upper-case."""
    if re.search(r"\bcount\s*\(\s*\*\s*\)", items_text, re.I):
        var = re.search(r"\(\s*([A-Za-z_]\w*)\s*[:){]", head)
        if var is None:
            raise CypherFeatureError("count(*) without a named node variable")
        items_text = re.sub(
            r"\bcount\s*\(\s*\*\s*\)", f"COUNT({var.group(1)})", items_text, flags=re.I
        )
    return _AGGREGATE.sub(lambda m: m.group(1).upper() + "(", items_text)


def _result_steps(
    clause: _ReturnClause,
    columns: list[str],
    items: list[str],
    saved: list[str],
    aggregating: bool,
) -> tuple[list[tuple[str, bool]], str, int | None, int | None]:
    """Split ORDER BY, SKIP and LIMIT between grand-cypher and the result table.

    ORDER BY, DISTINCT, SKIP and LIMIT run on the result table (grand-cypher gets them
    wrong with DISTINCT and aggregation), except a bare SKIP/LIMIT, which it does right
    and which lets it stop early. Returns (order keys, text grand-cypher keeps after the
    RETURN items, skip, limit) where skip and limit are those left for the table.
    """
    skip, limit = clause.skip, clause.limit
    if clause.order:
        keys = _order_keys(clause.order, columns, items, saved)
        if keys is not None:
            return keys, "", skip, limit
        if clause.distinct or aggregating:
            raise CypherFeatureError(
                "ORDER BY on an expression that is not returned, with DISTINCT or an aggregation",
                "order by a returned column or its alias",
            )
        return [], " ORDER BY " + clause.order + _bounds_text(skip, limit), None, None
    if not clause.distinct and not aggregating:
        return [], _bounds_text(skip, limit), None, None
    return [], "", skip, limit


def _bounds_text(skip: int | None, limit: int | None) -> str:
    """`` SKIP n LIMIT m`` for the bounds that are set."""
    text = ""
    if skip is not None:
        text += f" SKIP {skip}"
    if limit is not None:
        text += f" LIMIT {limit}"
    return text


def _rewrite_patterns(head: str) -> str:
    """Rewrite the MATCH/WHERE part for grand-cypher (see the module doc).

    Comma-separated patterns become one MATCH each, node labels are repeated at every
    mention, relationship patterns name their types (undirected ones over the mirror
    edges) and ``x IS NOT NULL`` becomes ``NOT x IS NULL``.
    """
    undirected = False

    def directed(left: str, inner: str, right: str) -> str:
        nonlocal undirected
        var, types, hops = _parse_rel(inner)
        if left and right:
            raise CypherFeatureError("a relationship pattern pointing both ways (<-[]->)")
        if not left and not right:
            undirected = True
            wanted = types or list(_REL_TYPES)
            types = sorted({t for t in wanted} | {t + MIRROR_SUFFIX for t in wanted})
            right = ">"
        elif not types:
            types = list(_REL_TYPES)
        return f"{left}-[{var}:{'|'.join(types)}{hops}]-{right}"

    # MATCH (a), (b): grand-cypher has no comma; one MATCH per pattern means the same
    head = re.sub(r"\)\s*,\s*(?=\(\s*(?:[A-Za-z_]\w*)?\s*[:){])", ") MATCH ", head)
    head = _label_every_mention(head)
    head = _REL_BRACKET.sub(lambda m: directed(m.group(1), m.group(2), m.group(3)), head)
    head = _REL_BARE.sub(lambda m: directed(m.group(1), "", m.group(2)), head)
    head = re.sub(
        r"([A-Za-z_]\w*(?:\.\w+)?)\s+IS\s+NOT\s+NULL\b", r"NOT \1 IS NULL", head, flags=re.I
    )
    if undirected and re.search(r"\btype\s*\(", head, re.I):
        raise CypherFeatureError(
            "type(r) in WHERE on an undirected pattern", "name the type in the pattern, -[r:T]-"
        )
    return head


def _order_keys(
    order_text: str, columns: list[str], items: list[str], saved: list[str]
) -> list[tuple[str, bool]] | None:
    """ORDER BY items as (column, descending), or None if one is not a returned column."""
    by_text = {
        _norm(unmask_literals(item, saved)).lower(): col
        for item, col in zip(items, columns, strict=False)
    }
    by_text.update({_norm(col).lower(): col for col in columns})
    keys = []
    for entry in _split_items(order_text):
        m = re.fullmatch(
            r"(.*?)(?:\s+(ASC|ASCENDING|DESC|DESCENDING))?", entry.strip(), re.I | re.S
        )
        assert m is not None
        expr, direction = m.group(1), (m.group(2) or "ASC").upper()
        column = by_text.get(_norm(unmask_literals(expr, saved)).lower())
        if column is None:
            return None
        keys.append((column, direction.startswith("DESC")))
    return keys


_NODE = re.compile(r"(?<![\w\]])\(\s*([A-Za-z_]\w*)\s*(?::\s*([\w|:]+?))?\s*(\{[^}]*\})?\s*\)")


def _label_every_mention(head: str) -> str:
    """Repeat a node variable's labels where it is mentioned without them.

    grand-cypher drops the labels of ``(e:Enterprise)`` when a later pattern says
    ``(e)`` (its pattern graph keeps the last mention), so it would match any node.
    """
    labels: dict[str, str] = {}
    for m in _NODE.finditer(head):
        var, lab = m.group(1), m.group(2)
        if lab:
            lab = lab.replace(" ", "")
            if labels.setdefault(var, lab) != lab:
                raise CypherFeatureError(
                    f"a node variable with different labels in two places ({var})",
                    f"write all of {var}'s labels once",
                )

    def fill(m: re.Match[str]) -> str:
        var, lab, props = m.group(1), m.group(2), m.group(3)
        if lab or var not in labels:
            return m.group(0)
        return f"({var}:{labels[var]}{' ' + props if props else ''})"

    return _NODE.sub(fill, head)


def _parse_rel(inner: str) -> tuple[str, list[str], str]:
    inner = inner.strip()
    if "{" in inner:
        raise CypherFeatureError("property maps on relationships", "filter with WHERE r.p = value")
    hops = ""
    star = inner.find("*")
    if star >= 0:
        hops = inner[star:].replace(" ", "")
        inner = inner[:star]
        if hops == "*" or not re.fullmatch(r"\*\d+(\.\.\d+)?", hops):
            raise CypherFeatureError("variable-length patterns without both bounds", "write *1..3")
    var, _, types_text = inner.partition(":")
    types = [t.strip() for t in types_text.replace(":", "|").split("|") if t.strip()]
    for t in types:
        if t not in _REL_TYPES:
            raise ValueError(
                f"unknown relationship type {t!r}; ecox types are {', '.join(_REL_TYPES)}"
            )
    return var.strip(), types, hops


def _split_items(tail: str) -> list[str]:
    """Top-level comma-separated RETURN items (``tail`` is after ``RETURN ``)."""
    body = re.sub(r"^\s*DISTINCT\b", "", tail, flags=re.I)
    body = re.split(r"\b(?:ORDER\s+BY|SKIP|LIMIT)\b", body, flags=re.I)[0]
    items: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in body:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return [i.strip() for i in items if i.strip()]


def return_columns(return_clause: str, saved: list[str] | None = None) -> list[str]:
    """Column names of a RETURN clause as Neo4j names them (alias, else the item's text).

    Examples
    --------
    >>> return_columns("RETURN DISTINCT a.id, count(b) AS n ORDER BY n")
    ['a.id', 'n']
    """
    tail = re.sub(r"^\s*RETURN\s+", "", return_clause, flags=re.I)
    columns = []
    for item in _split_items(tail):
        m = re.search(r"\s+AS\s+`?(\w+)`?\s*$", item, re.I)
        name = m.group(1) if m else item
        columns.append(unmask_literals(name, saved or []))
    return columns


# ---------------------------------------------------------------------- running
_PATCHED = False


def _patch_grand_cypher() -> None:
    """Fix grand-cypher 1.2.0's hint double-check on multigraphs (once per process).

    With equality conditions on two connected node variables (``WHERE x.id = "a" AND
    y.id = "b"``), grand-cypher turns them into hints and then re-checks the hinted
    edge with a function that never matches a ``MultiDiGraph`` edge, so the query
    returns no rows. The replacement checks the hinted nodes' labels and properties
    and that some parallel edge has the wanted type (variable-length edges skipped:
    they stand for paths, not edges).
    """
    global _PATCHED
    if _PATCHED:
        return
    import grandcypher
    from grandcypher.hinter import Hinter

    class _MultiEdgeHinter(Hinter):  # type: ignore[misc]
        def doublecheck(
            self, host: nx.DiGraph, motif: nx.DiGraph, match: dict[Any, Any], hints: list[Any]
        ) -> bool:
            if not hints:
                return True
            keys = {k for h in hints for k in h}
            for node in keys:
                if node in motif and not self._is_node_attr_match(node, match[node], motif, host):
                    return False
            for u, v, attrs in motif.subgraph(keys).edges(data=True):
                if attrs.get("__is_hop__"):
                    continue
                hu, hv = match[u], match[v]
                if not host.has_edge(hu, hv):
                    return False
                found = host.get_edge_data(hu, hv)
                candidates = list(found.values()) if host.is_multigraph() else [found]
                wanted = attrs.get("__labels__") or set()
                others = {k: val for k, val in attrs.items() if not str(k).startswith("__")}
                if not any(
                    (not wanted or d.get("__labels__", set()) & wanted)
                    and all(d.get(k) == val for k, val in others.items())
                    for d in candidates
                ):
                    return False
            return True

    grandcypher.Hinter = _MultiEdgeHinter
    _PATCHED = True


_VIEW_CACHE: dict[int, tuple[ClaimGraph, nx.MultiDiGraph]] = {}


def _view_for(graph: ClaimGraph) -> nx.MultiDiGraph:
    cached = _VIEW_CACHE.get(id(graph))
    if cached is not None and cached[0] is graph:
        return cached[1]
    view = embedded_view(graph)
    _VIEW_CACHE.clear()
    _VIEW_CACHE[id(graph)] = (graph, view)
    return view


def run_cypher(
    graph_or_backend: ClaimGraph | Backend,
    query: str,
    params: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Run a read-only Cypher query; one row per result, columns in RETURN order.

    Parameters
    ----------
    graph_or_backend : ClaimGraph or Backend
        A claim graph (runs on the embedded engine) or a backend
        (:class:`queries.backend.InMemoryBackend` or ``Neo4jBackend``).
    query : str
        Cypher; ``$name`` refers to ``params[name]``.
    params : mapping, optional
        Parameter values (strings, numbers, booleans, None, lists of those).

    Returns
    -------
    pandas.DataFrame
        Nodes and relationships come back as dicts of their properties.

    Raises
    ------
    CypherFeatureError
        On the embedded engine, for a feature it lacks (the message names it).

    Examples
    --------
    >>> from ecox.graph.claims import ClaimGraph
    >>> g = ClaimGraph.build([("甲", ["Bank"], []), ("乙", ["Enterprise"], [])],
    ...                      [{"source": "甲", "target": "乙", "type": "LENT_TO"}])
    >>> run_cypher(g, "MATCH (b:Bank)-[:LENT_TO]->(e) WHERE e.name = $n RETURN count(*) AS n",
    ...            {"n": "乙"})
       n
    0  1
    """
    if not isinstance(graph_or_backend, ClaimGraph):
        return graph_or_backend.cypher(query, params)
    return _run_embedded(_view_for(graph_or_backend), query, params)


def _run_embedded(
    view: nx.MultiDiGraph, query: str, params: Mapping[str, Any] | None
) -> pd.DataFrame:
    from grandcypher import GrandCypher
    from lark.exceptions import LarkError

    _patch_grand_cypher()
    prepared = prepare(query, params)
    logger.debug("grand-cypher query: %s", prepared.text)
    try:
        raw = GrandCypher(view).run(prepared.text)
    except TypeError as error:
        if "unhashable" in str(error):
            raise CypherFeatureError(
                "grouping or DISTINCT on a list or map value (e.g. a.types) with an aggregation",
                "return scalar properties",
            ) from error
        raise
    except LarkError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise CypherFeatureError(
            f"this query's syntax ({first})", "use the subset listed in the README"
        ) from error
    except NotImplementedError as error:
        raise CypherFeatureError(f"this construct ({error})") from error
    by_key = {_norm(str(k)): v for k, v in raw.items()}
    data: dict[str, list[Any]] = {}
    for column in prepared.columns:
        key = _norm(column)
        if key not in by_key:
            key = _norm(
                re.sub(
                    r"\b(count|sum|avg|min|max|collect)\s*\(",
                    lambda m: m.group(1).upper() + "(",
                    column,
                    flags=re.I,
                )
            )
        if key not in by_key and len(raw) == len(prepared.columns):
            key = _norm(str(list(raw)[prepared.columns.index(column)]))
        values = by_key.get(key)
        if values is None:
            raise CypherFeatureError(f"the RETURN item {column!r}")
        values = [_value(v) for v in values]
        if column in prepared.type_columns:
            values = [_unmirror(v) for v in values]
        data[column] = values
    return finish(pd.DataFrame(data, columns=prepared.columns), prepared)


def finish(frame: pd.DataFrame, prepared: PreparedQuery) -> pd.DataFrame:
    """Apply a prepared query's DISTINCT, ORDER BY, SKIP and LIMIT to its raw rows.

    Examples
    --------
    >>> p = prepare("MATCH (a) RETURN DISTINCT a.x AS x ORDER BY x DESC LIMIT 2")
    >>> finish(pd.DataFrame({"x": ["b", None, "c", "c"]}, dtype=object), p)["x"].tolist()
    [None, 'c']
    """
    if frame.empty:
        frame = frame.astype(object)
    if prepared.distinct and len(frame):
        keys = [tuple(_hashable(v) for v in row) for row in frame.itertuples(index=False)]
        frame = frame[~pd.Series(keys).duplicated().to_numpy()].reset_index(drop=True)
    if prepared.order and len(frame):
        positions = list(range(len(frame)))
        for column, descending in reversed(prepared.order):
            values = frame[column].tolist()
            positions.sort(key=lambda i: _sort_key(values[i]), reverse=descending)
        frame = frame.iloc[positions].reset_index(drop=True)
    start = prepared.skip or 0
    stop = None if prepared.limit is None else start + prepared.limit
    if start or stop is not None:
        frame = frame.iloc[start:stop].reset_index(drop=True)
    return frame


def _hashable(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, list | tuple | set):
        return tuple(_hashable(v) for v in value)
    return value


def _sort_key(value: Any) -> tuple[int, Any]:
    """Nulls sort as the largest value (Neo4j's order); lists compare element-wise."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return (1, 0)
    return (0, _hashable(value))


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _unmirror(value: Any) -> Any:
    if isinstance(value, str) and value.endswith(MIRROR_SUFFIX):
        return value[: -len(MIRROR_SUFFIX)]
    return value


def _value(value: Any) -> Any:
    """Nodes and relationships as property dicts (no ``__labels__``)."""
    if isinstance(value, dict):
        if "__labels__" in value:
            return {k: v for k, v in value.items() if k != "__labels__"}
        if value and all(isinstance(v, dict) for v in value.values()):
            # a relationship on a multigraph: {key: attrs}; one claim per row
            first = next(iter(value.values()))
            return {k: v for k, v in first.items() if k != "__labels__"}
    return value
