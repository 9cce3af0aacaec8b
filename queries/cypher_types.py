"""Static value types of Cypher expressions, for Neo4j's rules on a typed engine.

Neo4j compares values of any two types (``'1' = 1`` is false, ``'a' < 1`` is null)
and converts with ``toInteger`` / ``toFloat`` / ``toString`` returning null on bad
input; LadybugDB types every expression when it binds the query and casts, or
raises, where Neo4j does neither. :func:`static_type` tells the translator the
type of an expression when the parsed query shows it (literals, the store's
properties, functions of known result); :func:`compare` and :func:`convert` print
the Neo4j behaviour for those types.

Examples
--------
>>> from ecox.queries.cypher_ast import Literal, Prop, Var
>>> static_type(Prop(Var("r"), "amount"), {"r": "rel"})
'float'
>>> print(compare("=", "'1'", "1", "string", "int"))
CASE WHEN ('1') IS NULL OR (1) IS NULL THEN CAST(NULL AS BOOL) ELSE false END
>>> convert("tointeger", "x", "float")
'CAST(sign(x) * floor(abs(x)) AS INT64)'
"""

from __future__ import annotations

__all__ = [
    "NODE_COLUMN_TYPES",
    "REL_COLUMN_TYPES",
    "compare",
    "convert",
    "element_kind",
    "is_null_literal",
    "node_kind",
    "null_free",
    "plain_in",
    "quote",
    "static_type",
]

from collections.abc import Mapping

from ecox.graph.schema import CLAIM_COLUMNS
from ecox.queries.cypher_ast import (
    Binary,
    Expr,
    Func,
    Index,
    IsNull,
    LabelTest,
    ListComp,
    ListLit,
    Literal,
    MapLit,
    PatternExpr,
    Prop,
    Unary,
    Var,
)
from ecox.store.neo4j_ownership import GRAPH_PROPERTY
from ecox.store.neo4j_unnamed import UNNAMED_LABEL

#: Property types of an actor or unnamed-counterpart node in the store.
NODE_COLUMN_TYPES: dict[str, str] = {
    "id": "string",
    "name": "string",
    "types": "list",
    "aliases": "list",
    "type": "string",
    "count": "int",
    GRAPH_PROPERTY: "string",
}
#: Property types of a claim relationship in the store.
REL_COLUMN_TYPES: dict[str, str] = {
    **{c: "string" for c in CLAIM_COLUMNS if c not in ("source", "target", "type")},
    "amount": "float",
    "confidence": "float",
    "span_start": "int",
    "span_end": "int",
    "counterpart_count": "int",
    GRAPH_PROPERTY: "string",
}
_NODE_KINDS = frozenset({"node", "actor", "unnamed"})
_RESULT_TYPES = {
    **dict.fromkeys(("count", "size", "length", "tointeger", "sign"), "int"),
    **dict.fromkeys(("tofloat", "sqrt", "avg", "round", "ceil", "floor"), "float"),
    **dict.fromkeys(
        (
            "toupper",
            "tolower",
            "upper",
            "lower",
            "trim",
            "ltrim",
            "rtrim",
            "left",
            "right",
            "substring",
            "replace",
            "tostring",
            "type",
        ),
        "string",
    ),
    **dict.fromkeys(
        ("labels", "split", "collect", "range", "keys", "nodes", "relationships"), "list"
    ),
}
_COMPARISONS = frozenset(
    {
        "=",
        "<>",
        "<",
        ">",
        "<=",
        ">=",
        "=~",
        "IN",
        "STARTS_WITH",
        "ENDS_WITH",
        "CONTAINS",
        "AND",
        "OR",
        "XOR",
    }
)
#: A number as Neo4j's toInteger / toFloat read it from text (Java's parseDouble, less hex).
NUMBER_PATTERN = r"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$"
_NUMBER_LITERAL = "'" + NUMBER_PATTERN.replace("\\", "\\\\") + "'"


def _family(kind: str | None) -> str | None:
    return "number" if kind in ("int", "float") else kind


def static_type(expr: Expr, kinds: Mapping[str, str]) -> str | None:
    """``int``, ``float``, ``string``, ``bool``, ``list``, ``map`` or None when not known.

    ``kinds`` maps variables to ``node`` / ``actor`` / ``unnamed`` / ``rel`` / … as the
    translator's scope does. A null literal has no type (None).
    """
    if isinstance(expr, Literal):
        value = expr.value
        if value is None:
            return None
        return {bool: "bool", int: "int", float: "float", str: "string"}.get(type(value))
    if isinstance(expr, Prop) and isinstance(expr.subject, Var):
        kind = kinds.get(expr.subject.name)
        if kind in _NODE_KINDS:
            return NODE_COLUMN_TYPES.get(expr.key)
        if kind == "rel":
            return REL_COLUMN_TYPES.get(expr.key)
        return None
    if isinstance(expr, Func):
        name = expr.name.lower()
        if name in ("head", "last") and expr.args:
            return _element_type(expr.args[0], kinds)
        return _RESULT_TYPES.get(name)
    if isinstance(expr, Index):
        return _element_type(expr.subject, kinds)
    if isinstance(expr, Binary):
        return _binary_type(expr, kinds)
    if isinstance(expr, Unary):
        return "bool" if expr.op == "NOT" else static_type(expr.operand, kinds)
    if isinstance(expr, IsNull | LabelTest | PatternExpr):
        return "bool"
    if isinstance(expr, ListLit | ListComp):
        return "list"
    if isinstance(expr, MapLit):
        return "map"
    return None


def _element_type(items: Expr, kinds: Mapping[str, str]) -> str | None:
    """The type of the items of a list of text (an actor's types or aliases, labels, split)."""
    if (
        isinstance(items, Prop)
        and isinstance(items.subject, Var)
        and kinds.get(items.subject.name) in _NODE_KINDS
        and items.key in ("types", "aliases")
    ):
        return "string"
    if isinstance(items, Func) and items.name.lower() in ("labels", "split"):
        return "string"
    return None


def _binary_type(expr: Binary, kinds: Mapping[str, str]) -> str | None:
    if expr.op in _COMPARISONS:
        return "bool"
    left, right = static_type(expr.left, kinds), static_type(expr.right, kinds)
    if expr.op == "+" and "string" in (left, right):
        return "string"
    if left in ("int", "float") and right in ("int", "float"):
        return "int" if left == right == "int" and expr.op != "^" else "float"
    return None


def compare(op: str, left: str, right: str, left_type: str | None, right_type: str | None) -> str:
    """``left op right`` printed with Neo4j's answer when the two types cannot be compared.

    Values of different kinds (text and number, number and list, …) are never equal in
    Neo4j and have no order: ``=`` is false, ``<>`` true, ``<`` … null, and any of them
    is null when a side is null. Comparable or unknown types keep the engine's operator.
    """
    a, b = _family(left_type), _family(right_type)
    if a is None or b is None or a == b:
        return f"({left} {op} {right})"
    if op in ("=", "<>"):
        answer = "false" if op == "=" else "true"
        return (
            f"CASE WHEN ({left}) IS NULL OR ({right}) IS NULL THEN CAST(NULL AS BOOL) "
            f"ELSE {answer} END"
        )
    return "CAST(NULL AS BOOL)"


def convert(function: str, arg: str, kind: str | None) -> str | None:
    """``toInteger`` / ``toFloat`` / ``toString`` of ``arg`` of static type ``kind``, as Neo4j.

    None when the type does not allow an equal answer (the translator refuses it): the
    conversion of a value of unknown type, and ``toString`` of a decimal number (Neo4j
    prints Java's notation, ``1.0E7``).
    """
    number = f"CAST(CASE WHEN regexp_matches({arg}, {_NUMBER_LITERAL}) THEN {arg} END AS DOUBLE)"
    if function == "tointeger":
        truncated = "CAST(sign({0}) * floor(abs({0})) AS INT64)"
        if kind == "int":
            return arg
        if kind == "float":
            return truncated.format(arg)
        if kind == "string":
            return truncated.format(number)
        if kind == "bool":
            return f"CASE WHEN {arg} THEN 1 WHEN NOT {arg} THEN 0 END"
        return None
    if function == "tofloat":
        if kind in ("int", "float"):
            return f"CAST({arg} AS DOUBLE)"
        return number if kind == "string" else None
    if kind == "string":
        return arg
    if kind == "int":
        return f"CAST({arg} AS STRING)"
    if kind == "bool":
        return f"CASE WHEN {arg} THEN 'true' WHEN NOT {arg} THEN 'false' END"
    return None


def quote(name: str) -> str:
    """A variable or property name as LadybugDB reads it (in backticks).

    >>> quote("a`b")
    '`a``b`'
    """
    return "`" + name.replace("`", "``") + "`"


def is_null_literal(expr: Expr) -> bool:
    """The literal ``null``.

    Examples
    --------
    >>> is_null_literal(Literal(None)), is_null_literal(Literal(0))
    (True, False)
    """
    return isinstance(expr, Literal) and expr.value is None


def null_free(items: Expr) -> bool:
    """A list that never holds a null: labels, an actor's types or aliases, literals.

    Examples
    --------
    >>> null_free(ListLit([Literal(1)])), null_free(ListLit([Literal(None)]))
    (True, False)
    """
    if isinstance(items, Func) and items.name.lower() == "labels":
        return True
    if isinstance(items, Prop) and items.key in ("types", "aliases"):
        return True
    return isinstance(items, ListLit) and all(
        isinstance(i, Literal) and i.value is not None for i in items.items
    )


def plain_in(items: Expr) -> bool:
    """``x IN [..]`` of a non-empty literal list without nulls answers as in Neo4j as it is.

    Examples
    --------
    >>> plain_in(ListLit([Literal("Bank")])), plain_in(ListLit([]))
    (True, False)
    """
    return (
        isinstance(items, ListLit)
        and bool(items.items)
        and not any(isinstance(i, Literal) and i.value is None for i in items.items)
    )


def element_kind(items: Expr, kinds: Mapping[str, str] | None = None) -> str:
    """The kind of an element of ``items``: ``node`` for ``nodes(p)``, ``rel`` for
    ``relationships(p)`` and for a variable-length relationship (``rs`` of ``-[rs*1..3]->``,
    kind ``varlen``, or ``rels`` once carried by a WITH), else ``value`` (so ``x.ecox_graph``
    and a claim property the store lacks are read on ``[x IN nodes(p) | …]`` as on a pattern
    variable).

    Examples
    --------
    >>> element_kind(Func("relationships", [Var("p")])), element_kind(Var("xs"))
    ('rel', 'value')
    >>> element_kind(Var("rs"), {"rs": "varlen"})
    'rel'
    """
    if isinstance(items, Var) and (kinds or {}).get(items.name) in ("varlen", "rels"):
        return "rel"
    name = items.name.lower() if isinstance(items, Func) else ""
    return {"nodes": "node", "relationships": "rel", "rels": "rel"}.get(name, "value")


def node_kind(groups: list[list[str]]) -> str:
    """``actor`` or ``unnamed`` when the labels allow one table only, else ``node``.

    Examples
    --------
    >>> node_kind([["Bank"]]), node_kind([])
    ('actor', 'node')
    """
    if any(UNNAMED_LABEL not in group for group in groups):
        return "actor"
    if groups and all(set(group) == {UNNAMED_LABEL} for group in groups):
        return "unnamed"
    return "node"
