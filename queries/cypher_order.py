"""The final ``ORDER BY`` of a query, applied to the answer instead of inside the engine.

LadybugDB sorts a large answer slowly: ordering a million rows by four text ids was
about 44 % of ``complete_triads`` at 1M actors. When a query's last clause is ``RETURN
… ORDER BY`` without ``SKIP`` or ``LIMIT`` and every key names a column of the answer
(``ORDER BY enterprise`` for ``e.id AS enterprise``, ``ORDER BY a.name`` for an
unaliased ``a.name``), :func:`answer_order` gives those columns; the engine answers
without the ``ORDER BY`` and :func:`sort_answer` sorts the Arrow columns, as Neo4j orders
them (ascending: nulls last; descending: nulls first; text by code point; ties keep the
engine's order). A key column Arrow cannot sort (mixed values, nodes, lists) gives None:
the caller then lets the engine sort.

Examples
--------
>>> from ecox.queries.cypher_parse import parse
>>> query = parse("MATCH (a) RETURN a.id AS node, a.name ORDER BY node DESC, a.name")
>>> answer_order(query)
[(0, True), (1, False)]
>>> answer_order(parse("MATCH (a) RETURN a.id AS node ORDER BY node LIMIT 5")) is None
True
>>> import pyarrow as pa
>>> sort_answer([pa.chunked_array([["b", None, "a"]]), pa.chunked_array([[1, 2, 3]])],
...             [(0, False)]).to_pylist()
[2, 0, 1]
"""

from __future__ import annotations

__all__ = ["answer_order", "sort_answer", "without_order"]

from collections.abc import Sequence
from dataclasses import replace

import pyarrow as pa
import pyarrow.compute as pc

from ecox.queries.cypher_ast import Expr, Item, Match, NodePat, Prop, Query, RelPat, Return, Var
from ecox.queries.cypher_types import static_type

#: Key types sorted here (a float key, where NaN and -0.0 need care, is left to the engine).
_SORTED_TYPES = frozenset({"string", "int", "bool"})


def answer_order(query: Query) -> list[tuple[int, bool]] | None:
    """The answer's ``ORDER BY`` as (column index, descending), or None when the engine must
    sort (several parts, ``SKIP`` / ``LIMIT``, ``*``, a key that is not a returned column,
    or not known to be text, an integer or a boolean)."""
    if len(query.parts) != 1 or not query.parts[0]:
        return None
    last = query.parts[0][-1]
    if not isinstance(last, Return) or not last.order or last.star:
        return None
    if last.skip is not None or last.limit is not None:
        return None
    kinds = _pattern_kinds(query)
    keys = []
    for expr, descending in last.order:
        column = _column(expr, last.items)
        if column is None or static_type(last.items[column].expr, kinds) not in _SORTED_TYPES:
            return None
        keys.append((column, descending))
    return keys


def _pattern_kinds(query: Query) -> dict[str, str]:
    """``node`` or ``rel`` for the variables the MATCH patterns bind (a later ``WITH`` may
    rebind one: the types found here only spare the engine's sort, :func:`sort_answer`
    checks the values)."""
    kinds: dict[str, str] = {}
    for clause in query.parts[0]:
        if isinstance(clause, Match):
            for path in clause.paths:
                for element in path.elements:
                    if isinstance(element, NodePat) and element.var:
                        kinds[element.var] = "node"
                    elif isinstance(element, RelPat) and element.var and element.hops is None:
                        kinds[element.var] = "rel"
    return kinds


def without_order(query: Query) -> Query:
    """``query`` with its final ``ORDER BY`` left out (the parts before it shared)."""
    last = query.parts[0][-1]
    assert isinstance(last, Return)
    return replace(query, parts=[[*query.parts[0][:-1], replace(last, order=[])]])


def _column(expr: Expr, items: list[Item]) -> int | None:
    """The returned column a key names: the alias of a computed item (not of a bare
    variable, which may be a node), or an unaliased ``x.key`` item repeated as the key."""
    aliases = {item.alias for item in items if item.alias is not None}
    for number, item in enumerate(items):
        if isinstance(expr, Var) and item.alias == expr.name:
            return None if isinstance(item.expr, Var) else number
        if (
            isinstance(expr, Prop)
            and isinstance(expr.subject, Var)
            and expr.subject.name not in aliases
            and item.alias is None
            and isinstance(item.expr, Prop)
            and isinstance(item.expr.subject, Var)
            and (item.expr.subject.name, item.expr.key) == (expr.subject.name, expr.key)
        ):
            return number
    return None


def sort_answer(
    columns: Sequence[pa.ChunkedArray | pa.Array], keys: list[tuple[int, bool]]
) -> pa.Array | None:
    """The row order of an answer sorted by ``keys`` (column index, descending), or None when
    a key column holds values Arrow cannot order as Neo4j does (mixed types, nested values)."""
    table: dict[str, pa.ChunkedArray | pa.Array] = {}
    sort_keys = []
    for number, (column, descending) in enumerate(keys):
        values = columns[column]
        kind = values.type
        if not (
            pa.types.is_string(kind)
            or pa.types.is_large_string(kind)
            or pa.types.is_integer(kind)
            or pa.types.is_boolean(kind)
            or pa.types.is_null(kind)
        ):
            return None
        order = "descending" if descending else "ascending"
        if values.null_count:  # Neo4j: nulls after every value ascending, before descending
            table[f"n{number}"] = pc.is_null(values)
            sort_keys.append((f"n{number}", order))
        table[f"k{number}"] = values
        sort_keys.append((f"k{number}", order))
    indices: pa.Array = pc.sort_indices(pa.table(table), sort_keys=sort_keys)
    return indices
