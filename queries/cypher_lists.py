"""Lists with Neo4j's meaning on LadybugDB: indexes and slices from 0, list comprehensions,
and the elements of a list of nodes or relationships.

The expression translator (:mod:`queries.cypher_translate`) takes these methods from
:class:`ListTranslator`:

* ``xs[i]`` is the minimum of a one-element slice (null out of range, where LadybugDB
  raises), ``xs[a..b]`` a 1-based slice;
* a variable-length relationship ``rs`` (``-[rs*1..3]->``) is a list of claims in Neo4j and
  a path in LadybugDB: it is printed ``rels(rs)`` wherever a list is read (``UNWIND rs``,
  ``RETURN rs``), and ``size(rs)`` is ``length(rs)``;
* LadybugDB 0.22 evaluates a lambda over the claims or nodes of a variable-length path with
  the elements of other rows, so ``[x IN rs | x.key]`` and ``[x IN rs | type(x)]`` (also over
  ``nodes(p)``, ``relationships(p)`` of such a path) are its ``properties(list, key)``, and
  any other comprehension over them is refused in one line;
* ``xs[i].key``, ``head(xs).key`` on a list of nodes or claims read the property of every
  element, then take one (LadybugDB takes no minimum of nodes or claims); the element itself
  (``xs[0]``, ``head(xs)``) is refused in one line;
* the variable of ``[x IN nodes(p) | …]`` over a fixed-length path is a node or a claim, so its
  unstored properties are printed as on a pattern variable, and never null.

Examples
--------
>>> from ecox.queries.cypher_parse import parse
>>> from ecox.queries.cypher_translate import translate
>>> print(translate(parse("MATCH (a)-[rs*1..4]->(b) RETURN [x IN rs | x.id] AS ids"))[0])
MATCH (`a`)-[`rs`* TRAIL 1..4]->(`b`) RETURN properties(rels(`rs`), 'id') AS `ids`
>>> print(translate(parse("WITH [1, 2] AS xs RETURN xs[-1] AS x"))[0])
WITH [1, 2] AS `xs` RETURN list_min(`xs`[-1..-1]) AS `x`
"""

from __future__ import annotations

__all__ = ["ListTranslator"]

from collections.abc import Callable
from typing import TYPE_CHECKING

from ecox.queries.cypher_ast import (
    Expr,
    Func,
    Index,
    ListComp,
    ListLit,
    Literal,
    Prop,
    Slice,
    Unary,
    Var,
)
from ecox.queries.cypher_parse import CypherFeatureRefused
from ecox.queries.cypher_types import element_kind, quote

if TYPE_CHECKING:
    from ecox.queries.cypher_translate import _Scope


def _natural(expr: Expr | None) -> int | None:
    """The value of a literal integer ≥ 0, else None."""
    if (
        isinstance(expr, Literal)
        and isinstance(expr.value, int)
        and not isinstance(expr.value, bool)
    ):
        return expr.value if expr.value >= 0 else None
    return None


class ListTranslator:
    """The list expressions of the translator (a mixin of its expression printer)."""

    scope: _Scope
    expr: Callable[[Expr], str]
    refuse: Callable[[str, str, int], CypherFeatureRefused]
    stored_keys: Callable[[str], frozenset[str]]

    def e_Index(self, e: Index) -> str:
        # Neo4j gives null past either end where LadybugDB raises (and evaluates both CASE
        # branches): take a one-element slice, empty when out of range, and its minimum.
        self.refuse_element(e.subject, e.pos)
        position = self.position(e)
        return f"list_min({self.expr(e.subject)}[{position}..{position}])"

    def position(self, e: Index) -> str:
        """LadybugDB's 1-based position of Neo4j's 0-based ``xs[i]`` (negative: from the end)."""
        idx = e.index
        if isinstance(idx, Literal) and isinstance(idx.value, str):
            raise self.refuse("map access by subscript (m['key'])", "write m.key", e.pos)
        if isinstance(idx, Unary) and idx.op == "-" and isinstance(idx.operand, Literal):
            idx = Literal(-idx.operand.value) if isinstance(idx.operand.value, int) else idx
        if isinstance(idx, Literal) and isinstance(idx.value, int):
            return str(idx.value + 1 if idx.value >= 0 else idx.value)
        inner = self.expr(idx)
        return f"CASE WHEN {inner} < 0 THEN {inner} ELSE {inner} + 1 END"

    def element_of(self, e: Expr) -> tuple[Expr | None, str]:
        """``(xs, position)`` when ``e`` is one element (``xs[i]``, ``head(xs)``,
        ``last(xs)``) of a list of nodes or claims, else ``(None, '')``."""
        if isinstance(e, Index):
            items, position = e.subject, self.position(e)
        elif isinstance(e, Func) and e.name.lower() in ("head", "last") and len(e.args) == 1:
            items, position = e.args[0], "1" if e.name.lower() == "head" else "-1"
        else:
            return None, ""
        if element_kind(items, self.scope.kinds) == "value":
            return None, ""
        return items, position

    def refuse_element(self, items: Expr, pos: int) -> None:
        """LadybugDB takes no minimum of nodes or claims: only their properties are read."""
        if element_kind(items, self.scope.kinds) != "value":
            raise self.refuse(
                "a whole node or relationship taken from a list (xs[0], head(xs), last(xs))",
                "read one property (xs[0].id), or UNWIND the list",
                pos,
            )

    def e_Slice(self, e: Slice) -> str:
        bounds = [_natural(part) for part in (e.start, e.stop)]
        if any(b is None and p is not None for b, p in zip(bounds, (e.start, e.stop), strict=True)):
            raise self.refuse(
                "list slices with negative or computed bounds",
                "use literal bounds from 0, e.g. xs[0..3]",
                e.pos,
            )
        start = 1 if bounds[0] is None else bounds[0] + 1
        subject = self.expr(e.subject)
        if bounds[1] is None:
            return f"{subject}[{start}..]"
        if bounds[1] < start:
            return f"{subject}[1..0]"
        return f"{subject}[{start}..{bounds[1]}]"

    def e_ListLit(self, e: ListLit) -> str:
        return "[" + ", ".join(self.expr(i) for i in e.items) + "]"

    def e_ListComp(self, e: ListComp) -> str:
        source = self.expr(e.source)
        if self.recursive(e.source):
            return self.path_properties(e, source)
        kind = element_kind(e.source, self.scope.kinds)
        self.scope.bind(e.var, kind)
        if kind != "value":
            self.scope.elements.add(e.var)
        out = source
        if e.where is not None:
            out = f"list_filter({out}, {quote(e.var)} -> {self.expr(e.where)})"
        if e.projection is not None:
            out = f"list_transform({out}, {quote(e.var)} -> {self.expr(e.projection)})"
        del self.scope.kinds[e.var]
        self.scope.elements.discard(e.var)
        return out

    def recursive(self, items: Expr) -> bool:
        """Whether ``items`` are the claims or nodes of a variable-length relationship or path
        (``rs``, ``relationships(p)``, ``nodes(p)``), whose lambdas LadybugDB 0.22 evaluates
        wrongly (the elements of another row)."""
        kinds = self.scope.kinds
        if isinstance(items, Var):
            return kinds.get(items.name) in ("varlen", "rels")
        return (
            isinstance(items, Func)
            and items.name.lower() in ("nodes", "relationships", "rels")
            and len(items.args) == 1
            and isinstance(items.args[0], Var)
            and kinds.get(items.args[0].name) == "varpath"
        )

    def path_properties(self, e: ListComp, source: str) -> str:
        """``[x IN rs | x.key]`` / ``[x IN rs | type(x)]`` over a variable-length path as
        LadybugDB's ``properties(list, key)`` (no lambda); any other comprehension refused."""
        item = e.projection
        key = None
        if isinstance(item, Prop) and isinstance(item.subject, Var) and item.subject.name == e.var:
            kind = element_kind(e.source, self.scope.kinds)
            key = item.key if item.key in self.stored_keys(kind) else None
        elif (
            isinstance(item, Func)
            and item.name.lower() == "type"
            and len(item.args) == 1
            and isinstance(item.args[0], Var)
            and item.args[0].name == e.var
        ):
            key = "_label"
        if e.where is not None or key is None:
            raise self.refuse(
                "a list comprehension over a variable-length path other than [x IN rs | x.key] "
                "of a stored property or [x IN rs | type(x)] (LadybugDB 0.22 answers it wrongly)",
                "UNWIND the list and aggregate, e.g. UNWIND rs AS x … collect(x.amount)",
                e.pos,
            )
        return f"properties({source}, '{key}')"  # a stored property's name: no quote inside
