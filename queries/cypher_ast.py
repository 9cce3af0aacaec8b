"""The syntax tree of a parsed Cypher query (:func:`queries.cypher_parse.parse` builds it).

Expressions carry ``pos``, their offset in the analyst's text, for error messages;
a projection :class:`Item` keeps its own text, which is its column name in Neo4j.

Examples
--------
>>> Item(Var("a"), None, "a.name").name
'a.name'
>>> Item(Var("a"), "n", "a.name").name
'n'
"""

from __future__ import annotations

__all__ = [
    "Binary",
    "Case",
    "Clause",
    "Expr",
    "Func",
    "Index",
    "IsNull",
    "Item",
    "LabelTest",
    "ListComp",
    "ListLit",
    "Literal",
    "MapLit",
    "Match",
    "NodePat",
    "Param",
    "Path",
    "PatternExpr",
    "Projection",
    "Prop",
    "Query",
    "RelPat",
    "Return",
    "Slice",
    "Subquery",
    "Unary",
    "Unwind",
    "Var",
    "With",
    "conjunction",
    "conjuncts",
    "has_pattern",
    "renamed",
    "variables",
    "walk",
]

from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any


class Expr:
    """Base of expression nodes; ``pos`` is the offset in the query text."""

    pos: int


@dataclass
class Literal(Expr):
    value: Any
    pos: int = 0


@dataclass
class Param(Expr):
    name: str
    pos: int = 0


@dataclass
class Var(Expr):
    name: str
    pos: int = 0


@dataclass
class Prop(Expr):
    subject: Expr
    key: str
    pos: int = 0


@dataclass
class Index(Expr):
    subject: Expr
    index: Expr
    pos: int = 0


@dataclass
class Slice(Expr):
    subject: Expr
    start: Expr | None
    stop: Expr | None
    pos: int = 0


@dataclass
class LabelTest(Expr):
    """``a:X:Y`` (groups ``[[X], [Y]]``, all must hold) or ``a:X|Y`` (``[[X, Y]]``)."""

    subject: Expr
    groups: list[list[str]]
    pos: int = 0


@dataclass
class Unary(Expr):
    op: str  # NOT, -, +
    operand: Expr
    pos: int = 0


@dataclass
class Binary(Expr):
    op: str  # OR XOR AND = <> < > <= >= =~ IN STARTS_WITH ENDS_WITH CONTAINS + - * / % ^
    left: Expr
    right: Expr
    pos: int = 0


@dataclass
class IsNull(Expr):
    operand: Expr
    negated: bool
    pos: int = 0


@dataclass
class Func(Expr):
    name: str
    args: list[Expr]
    distinct: bool = False
    star: bool = False
    pos: int = 0


@dataclass
class ListLit(Expr):
    items: list[Expr]
    pos: int = 0


@dataclass
class MapLit(Expr):
    pairs: list[tuple[str, Expr]]
    pos: int = 0


@dataclass
class Case(Expr):
    subject: Expr | None
    whens: list[tuple[Expr, Expr]]
    default: Expr | None
    pos: int = 0


@dataclass
class ListComp(Expr):
    var: str
    source: Expr
    where: Expr | None
    projection: Expr | None
    pos: int = 0


@dataclass
class NodePat:
    var: str | None
    groups: list[list[str]]
    props: Expr | None
    pos: int = 0


@dataclass
class RelPat:
    var: str | None
    types: list[str]
    direction: str  # ">", "<" or "" (either)
    hops: tuple[int | None, int | None] | None  # None: one hop
    props: Expr | None
    pos: int = 0


@dataclass
class Path:
    var: str | None
    elements: list[NodePat | RelPat]  # node, rel, node, rel, node …
    function: str | None = None  # shortestPath / allShortestPaths
    pos: int = 0


@dataclass
class PatternExpr(Expr):
    """A pattern used as a predicate, ``WHERE (a)-[:X]->()``."""

    path: Path
    pos: int = 0


@dataclass
class Match:
    optional: bool
    paths: list[Path]
    where: Expr | None
    pos: int = 0


@dataclass
class Subquery(Expr):
    """``EXISTS { … }`` or ``COUNT { … }`` around a MATCH (or a bare pattern)."""

    kind: str  # EXISTS or COUNT
    match: Match
    pos: int = 0


@dataclass
class Item:
    expr: Expr
    alias: str | None
    text: str  # the analyst's text of the expression

    @property
    def name(self) -> str:
        """The column name Neo4j gives it: the alias, else the expression's text."""
        return self.alias if self.alias is not None else self.text


@dataclass
class Projection:
    distinct: bool
    items: list[Item]  # empty with star
    star: bool
    order: list[tuple[Expr, bool]]  # (expression, descending)
    skip: Expr | None
    limit: Expr | None
    pos: int = 0


@dataclass
class With(Projection):
    where: Expr | None = None


@dataclass
class Return(Projection):
    pass


@dataclass
class Unwind:
    expr: Expr
    var: str
    pos: int = 0


Clause = Match | With | Unwind | Return


@dataclass
class Query:
    """Single queries joined by ``UNION`` (``union_all[i]`` joins part i and i + 1)."""

    text: str
    parts: list[list[Clause]]
    union_all: list[bool] = field(default_factory=list)


def walk(tree: object) -> list[object]:
    """``tree`` and every field value and list item under it, depth first.

    >>> [type(n).__name__ for n in walk(Binary("=", Var("a"), Literal(1)))]
    ['Binary', 'str', 'Var', 'str', 'Literal', 'int']
    """
    out = [tree]
    if isinstance(tree, list | tuple):
        for item in tree:
            out += walk(item)
    elif is_dataclass(tree) and not isinstance(tree, type):
        for part in fields(tree):
            if part.name != "pos":
                out += walk(getattr(tree, part.name))
    return out


def variables(tree: object) -> set[str]:
    """Names of the variables an expression (or pattern, or clause) refers to.

    >>> sorted(variables(Binary("AND", Prop(Var("a"), "x"), Var("b"))))
    ['a', 'b']
    """
    return {n.name for n in walk(tree) if isinstance(n, Var)}


def has_pattern(tree: object) -> bool:
    """Whether a pattern (a predicate, ``EXISTS { }``, ``COUNT { }``) is under ``tree``, whose
    node variables :func:`variables` does not see."""
    return any(isinstance(n, PatternExpr | Subquery | NodePat) for n in walk(tree))


def conjuncts(expr: Expr | None) -> list[Expr]:
    """The parts of ``A AND B AND …`` (nothing for None).

    >>> conjuncts(Binary("AND", Var("a"), Binary("AND", Var("b"), Var("c"))))
    [Var(name='a', pos=0), Var(name='b', pos=0), Var(name='c', pos=0)]
    """
    if expr is None:
        return []
    if isinstance(expr, Binary) and expr.op == "AND":
        return conjuncts(expr.left) + conjuncts(expr.right)
    return [expr]


def conjunction(parts: list[Expr]) -> Expr | None:
    """``A AND B AND …`` of ``parts`` (None for none): the inverse of :func:`conjuncts`.

    >>> conjuncts(conjunction([Var("a"), Var("b"), Var("c")])) == [Var("a"), Var("b"), Var("c")]
    True
    >>> conjunction([]) is None
    True
    """
    if not parts:
        return None
    out = parts[0]
    for more in parts[1:]:
        out = Binary("AND", out, more, out.pos)
    return out


def renamed(tree: Any, old: str, new: str) -> Any:
    """A copy of ``tree`` with the variable ``old`` called ``new``.

    >>> renamed(Prop(Var("a"), "name"), "a", "b")
    Prop(subject=Var(name='b', pos=0), key='name', pos=0)
    """
    if isinstance(tree, Var):
        return Var(new, tree.pos) if tree.name == old else tree
    if isinstance(tree, list):
        return [renamed(item, old, new) for item in tree]
    if isinstance(tree, tuple):
        return tuple(renamed(item, old, new) for item in tree)
    if is_dataclass(tree) and not isinstance(tree, type):
        changes = {f.name: renamed(getattr(tree, f.name), old, new) for f in fields(tree)}
        return replace(tree, **changes)
    return tree
