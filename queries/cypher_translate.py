"""Neo4j semantics on the embedded database: a parsed query printed in LadybugDB's Cypher.

The store (:mod:`store.embedded`) has one node table ``Actor`` with the actor's
types as a list and one relationship table per relation type. :func:`translate`
prints a query parsed by :mod:`queries.cypher_parse` so that it answers as Neo4j
answers on the same graph pushed with :func:`store.neo4j.push`:

* labels: ``(a:Bank)``, ``(a:Scientist:Entrepreneur)``, ``(a:Fund|Investor)`` and
  ``WHERE a:Bank`` test ``list_contains(a.types, …)``; ``labels(a)`` is
  ``['EcoxActor', 'Actor'] + a.types`` (the labels ecox pushes to Neo4j); ``type(r)``
  is the relationship table's name;
* a relationship is used once per match (Neo4j's relationship uniqueness): every
  pair of relationships in one ``MATCH`` that could be the same one must differ,
  and variable-length relationships are trails;
* ``sum`` over no values is 0; lists are indexed and sliced from 0;
* every binary operation is parenthesised, so ``A OR B AND C`` keeps Cypher's precedence;
* a property no table has is null, as in Neo4j (LadybugDB would reject the query);
* result columns are named as Neo4j names them (the alias, else the item's text).

What cannot be made equal raises :class:`CypherFeatureRefused` in one line that
names the feature and says what to write instead.

Examples
--------
>>> from ecox.queries.cypher_parse import parse
>>> text, columns = translate(parse("MATCH (a:Bank) WHERE a.name = $n RETURN a.name, sum(1)"))
>>> print(text.replace(" RETURN", "\\nRETURN"))
MATCH (`a`) WHERE ((`a`.`name` = $n)) AND list_contains(`a`.`types`, 'Bank')
RETURN `a`.`name` AS `a.name`, coalesce(sum(1), 0) AS `sum(1)`
>>> columns
['a.name', 'sum(1)']
"""

from __future__ import annotations

__all__ = ["NODE_PROPERTIES", "REL_PROPERTIES", "translate"]

from collections.abc import Callable
from itertools import combinations

from ecox.graph.schema import CLAIM_COLUMNS, EdgeType
from ecox.queries.cypher_ast import (
    Binary,
    Case,
    Expr,
    Func,
    Index,
    IsNull,
    Item,
    LabelTest,
    ListComp,
    ListLit,
    Literal,
    MapLit,
    Match,
    NodePat,
    Param,
    Path,
    PatternExpr,
    Projection,
    Prop,
    Query,
    RelPat,
    Return,
    Slice,
    Subquery,
    Unary,
    Unwind,
    Var,
    With,
)
from ecox.queries.cypher_parse import CypherFeatureRefused, CypherSyntaxError, _position, _where
from ecox.store.neo4j_ownership import ECOX_LABEL

#: Properties of an actor node and of a claim relationship in the store.
NODE_PROPERTIES = frozenset({"id", "name", "types", "aliases"})
REL_PROPERTIES = frozenset(c for c in CLAIM_COLUMNS if c not in ("source", "target", "type"))
_REL_TYPES = frozenset(t.value for t in EdgeType)
_MAX_HOPS = 30

# Functions that keep their name (lower-case Cypher name → LadybugDB name).
_SAME = {
    "count": "count",
    "avg": "avg",
    "min": "min",
    "max": "max",
    "collect": "collect",
    "size": "size",
    "length": "length",
    "coalesce": "coalesce",
    "abs": "abs",
    "ceil": "ceil",
    "floor": "floor",
    "sqrt": "sqrt",
    "sign": "sign",
    "trim": "trim",
    "ltrim": "ltrim",
    "rtrim": "rtrim",
    "reverse": "reverse",
    "replace": "replace",
    "left": "left",
    "right": "right",
    "toupper": "upper",
    "tolower": "lower",
    "upper": "upper",
    "lower": "lower",
    "tofloat": "to_double",
    "split": "string_split",
    "nodes": "nodes",
    "relationships": "rels",
    "range": "range",
    "date": "date",
    "type": "label",
}
_REFUSED = {
    "id": "use the id property (a.id, r.id): internal ids differ between engines",
    "elementid": "use the id property (a.id, r.id): internal ids differ between engines",
    "properties": "return the variable itself (a) or name its properties",
    "keys": "name the properties: actors have id, name, types, aliases",
    "tointeger": "use floor(x) or round(x) (toInteger rounds differently in the embedded engine)",
    "tostring": "return the value itself and format it in Python",
    "startnode": "name the endpoints in the pattern: (a)-[r]->(b)",
    "endnode": "name the endpoints in the pattern: (a)-[r]->(b)",
    "stdev": "collect(x) and compute it in pandas",
    "stdevp": "collect(x) and compute it in pandas",
    "percentilecont": "collect(x) and compute it in pandas",
    "percentiledisc": "collect(x) and compute it in pandas",
}
_OPS = {"STARTS_WITH": "STARTS WITH", "ENDS_WITH": "ENDS WITH"}


def _natural(expr: Expr | None) -> int | None:
    """The value of a literal integer ≥ 0, else None."""
    if (
        isinstance(expr, Literal)
        and isinstance(expr.value, int)
        and not isinstance(expr.value, bool)
    ):
        return expr.value if expr.value >= 0 else None
    return None


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


class _Scope:
    """Variables in scope, with ``node`` / ``rel`` / ``varlen`` / ``value`` kinds."""

    def __init__(self) -> None:
        self.kinds: dict[str, str] = {}

    def bind(self, name: str, kind: str) -> None:
        self.kinds.setdefault(name, kind)


class _PatternTranslator:
    """MATCH and its patterns, with the label tests and uniqueness conditions they need."""

    # The expression printer of :class:`_ExpressionTranslator`, used for WHERE and properties.
    expr: Callable[[Expr], str]

    def __init__(self, text: str) -> None:
        self.text = text
        self.fresh = 0
        self.scope = _Scope()

    def refuse(self, feature: str, advice: str, pos: int) -> CypherFeatureRefused:
        where = _position(self.text, pos)
        return CypherFeatureRefused(
            f"{feature} is not supported by the embedded engine: {advice} ({where})"
        )

    def new_name(self, stem: str) -> str:
        self.fresh += 1
        return f"ecox_{stem}{self.fresh}"

    def match(self, match: Match) -> str:
        unique = self.uniqueness(match)
        extra: list[str] = []
        paths = [self.path(p, extra) for p in match.paths]
        extra.extend(unique)
        conditions = ([f"({self.expr(match.where)})"] if match.where is not None else []) + extra
        head = "OPTIONAL MATCH" if match.optional else "MATCH"
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        return f"{head} {', '.join(paths)}{where}"

    def path(self, path: Path, extra: list[str]) -> str:
        if path.function is not None:
            raise self.refuse(
                path.function,
                "use ecox's path finder (ecox.find_path) or "
                "MATCH p = (a)-[*1..k]-(b) RETURN p ORDER BY length(p) LIMIT 1",
                path.pos,
            )
        parts = []
        for element in path.elements:
            if isinstance(element, NodePat):
                parts.append(self.node(element, extra))
            else:
                parts.append(self.rel(element, extra))
        prefix = ""
        if path.var is not None:
            prefix = f"{_quote(path.var)} = "
            self.scope.bind(path.var, "path")
        return prefix + "".join(parts)

    def node(self, node: NodePat, extra: list[str]) -> str:
        name = node.var
        if name is None and node.groups:
            name = node.var = self.new_name("n")
        if name is not None:
            self.scope.bind(name, "node")
            extra.extend(self.labels(_quote(name), node.groups))
        props = f" {self.expr(node.props)}" if node.props is not None else ""
        return f"({_quote(name) if name else ''}{props})"

    def labels(self, subject: str, groups: list[list[str]]) -> list[str]:
        tests = []
        for group in groups:
            if "Actor" in group or ECOX_LABEL in group:
                continue
            each = [f"list_contains({subject}.`types`, {_string(label)})" for label in group]
            tests.append(each[0] if len(each) == 1 else "(" + " OR ".join(each) + ")")
        return tests

    def rel(self, rel: RelPat, extra: list[str]) -> str:
        known = [t for t in rel.types if t in _REL_TYPES]
        if rel.types and not known:
            extra.append("false")
        if rel.var is not None:
            self.scope.bind(rel.var, "rel" if rel.hops is None else "varlen")
        inner = _quote(rel.var) if rel.var else ""
        if known:
            inner += ":" + "|".join(known)
        if rel.hops is not None:
            low, high = rel.hops
            if high is None:
                raise self.refuse(
                    "a variable-length relationship without an upper bound",
                    f"write an upper bound, e.g. *1..{min(_MAX_HOPS, 6)}",
                    rel.pos,
                )
            if high > _MAX_HOPS:
                raise self.refuse(
                    f"more than {_MAX_HOPS} hops", f"write *..{_MAX_HOPS} at most", rel.pos
                )
            inner += f"* TRAIL {1 if low is None else low}..{high}"
        if rel.props is not None:
            if rel.hops is not None:
                raise self.refuse(
                    "properties on a variable-length relationship",
                    "filter with WHERE all(…) after naming the relationships",
                    rel.pos,
                )
            inner += f" {self.expr(rel.props)}"
        body = f"[{inner}]" if inner else ""
        left = "<-" if rel.direction == "<" else "-"
        right = "->" if rel.direction == ">" else "-"
        return f"{left}{body}{right}"

    def uniqueness(self, match: Match) -> list[str]:
        """Conditions that keep two relationships of one MATCH from binding the same claim.

        A path with a variable-length relationship must be a trail (``is_trail``, which
        LadybugDB evaluates correctly; its ``rels()`` inside a lambda did not, in 0.22);
        two single relationships that could be the same claim must differ.
        """
        conditions = []
        owner: dict[int, int] = {}
        for number, path in enumerate(match.paths):
            rels = [e for e in path.elements if isinstance(e, RelPat)]
            for rel in rels:
                owner[id(rel)] = number
            if len(rels) > 1 and any(r.hops is not None for r in rels):
                if path.var is None:
                    path.var = self.new_name("p")
                conditions.append(f"is_trail({_quote(path.var)})")
        rels = [e for p in match.paths for e in p.elements if isinstance(e, RelPat)]
        for a, b in combinations(rels, 2):
            types_a = set(a.types) & _REL_TYPES if a.types else _REL_TYPES
            types_b = set(b.types) & _REL_TYPES if b.types else _REL_TYPES
            if not types_a & types_b:
                continue
            if a.hops is not None or b.hops is not None:
                if owner[id(a)] != owner[id(b)]:
                    raise self.refuse(
                        "a variable-length relationship and another relationship in separate "
                        "patterns of one MATCH",
                        "join them into one pattern or use two MATCH clauses",
                        b.pos,
                    )
                continue
            if a.var is None:
                a.var = self.new_name("r")
            if b.var is None:
                b.var = self.new_name("r")
            conditions.append(f"id({_quote(a.var)}) <> id({_quote(b.var)})")
        return conditions


class _ExpressionTranslator(_PatternTranslator):
    """Expressions, one ``e_<Node>`` method per expression node, and the function table."""

    def expr(self, e: Expr) -> str:
        handler: Callable[[Expr], str] | None = getattr(self, "e_" + type(e).__name__, None)
        if handler is None:
            raise self.refuse(type(e).__name__, "rewrite the expression", e.pos)
        return handler(e)

    def e_Literal(self, e: Literal) -> str:
        v = e.value
        if v is None:
            return "NULL"
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, float):
            return repr(v)
        return _string(str(v))

    def e_Param(self, e: Param) -> str:
        if e.name.isdigit():
            raise self.refuse("numbered parameters ($0)", "name the parameter ($name)", e.pos)
        return f"${e.name}"

    def e_Var(self, e: Var) -> str:
        if e.name not in self.scope.kinds:
            raise CypherSyntaxError(
                f"variable `{e.name}` not defined at {_where(self.text, e.pos)}"
            )
        return _quote(e.name)

    def e_Prop(self, e: Prop) -> str:
        if isinstance(e.subject, Var):
            kind = self.scope.kinds.get(e.subject.name)
            known = {"node": NODE_PROPERTIES, "rel": REL_PROPERTIES}.get(kind or "")
            if known is not None and e.key not in known:
                self.expr(e.subject)
                return "NULL"
        return f"{self.expr(e.subject)}.{_quote(e.key)}"

    def e_Index(self, e: Index) -> str:
        idx = e.index
        if isinstance(idx, Literal) and isinstance(idx.value, str):
            raise self.refuse("map access by subscript (m['key'])", "write m.key", e.pos)
        if isinstance(idx, Literal) and isinstance(idx.value, int):
            position = str(idx.value + 1 if idx.value >= 0 else idx.value)
        else:
            inner = self.expr(idx)
            position = f"CASE WHEN {inner} < 0 THEN {inner} ELSE {inner} + 1 END"
        # Neo4j gives null past either end where LadybugDB raises (and evaluates both CASE
        # branches): take a one-element slice, empty when out of range, and its minimum.
        return f"list_min({self.expr(e.subject)}[{position}..{position}])"

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

    def e_LabelTest(self, e: LabelTest) -> str:
        tests = self.labels(self.expr(e.subject), e.groups)
        return "(" + " AND ".join(tests) + ")" if tests else "true"

    def e_Unary(self, e: Unary) -> str:
        return (
            f"({e.op} {self.expr(e.operand)})"
            if e.op == "NOT"
            else f"({e.op}{self.expr(e.operand)})"
        )

    def e_Binary(self, e: Binary) -> str:
        return f"({self.expr(e.left)} {_OPS.get(e.op, e.op)} {self.expr(e.right)})"

    def e_IsNull(self, e: IsNull) -> str:
        return f"({self.expr(e.operand)} IS {'NOT ' if e.negated else ''}NULL)"

    def e_ListLit(self, e: ListLit) -> str:
        return "[" + ", ".join(self.expr(i) for i in e.items) + "]"

    def e_MapLit(self, e: MapLit) -> str:
        return "{" + ", ".join(f"{_quote(k)}: {self.expr(v)}" for k, v in e.pairs) + "}"

    def e_Case(self, e: Case) -> str:
        out = "CASE" + (f" {self.expr(e.subject)}" if e.subject is not None else "")
        for cond, value in e.whens:
            out += f" WHEN {self.expr(cond)} THEN {self.expr(value)}"
        if e.default is not None:
            out += f" ELSE {self.expr(e.default)}"
        return out + " END"

    def e_ListComp(self, e: ListComp) -> str:
        source = self.expr(e.source)
        self.scope.bind(e.var, "value")
        out = source
        if e.where is not None:
            out = f"list_filter({out}, {_quote(e.var)} -> {self.expr(e.where)})"
        if e.projection is not None:
            out = f"list_transform({out}, {_quote(e.var)} -> {self.expr(e.projection)})"
        del self.scope.kinds[e.var]
        return out

    def e_PatternExpr(self, e: PatternExpr) -> str:
        return self.e_Subquery(Subquery("EXISTS", Match(False, [e.path], None, e.pos), e.pos))

    def e_Subquery(self, e: Subquery) -> str:
        saved = dict(self.scope.kinds)
        try:
            return f"{e.kind} {{ {self.match(e.match)} }}"
        finally:
            self.scope.kinds = saved

    def e_Func(self, e: Func) -> str:
        lower = e.name.lower()
        if e.star:
            if lower != "count":
                raise CypherSyntaxError(f"{e.name}(*) at {_where(self.text, e.pos)}")
            return "count(*)"
        if lower in _REFUSED:
            raise self.refuse(f"{e.name}()", _REFUSED[lower], e.pos)
        args = [self.expr(a) for a in e.args]
        distinct = "DISTINCT " if e.distinct else ""
        special = self.special_function(lower, e, args)
        if special is not None:
            return special
        if lower not in _SAME:
            raise self.refuse(
                f"the function {e.name}()",
                "see the README's list of functions "
                "the embedded engine runs, or run the query on Neo4j",
                e.pos,
            )
        return f"{_SAME[lower]}({distinct}{', '.join(args)})"

    def special_function(self, lower: str, e: Func, args: list[str]) -> str | None:
        distinct = "DISTINCT " if e.distinct else ""
        if lower == "sum":
            return f"coalesce(sum({distinct}{', '.join(args)}), 0)"
        if lower == "labels":
            return f"list_concat(['{ECOX_LABEL}', 'Actor'], {args[0]}.`types`)"
        if lower == "exists":
            return args[0] if isinstance(e.args[0], PatternExpr) else f"({args[0]} IS NOT NULL)"
        if lower == "date" and not args:
            raise self.refuse(
                "date() without an argument", "pass the date, e.g. date('2025-01-01')", e.pos
            )
        if lower == "round" and len(args) == 1:
            return f"round({args[0]}, 0)"
        if lower == "round":
            return f"round({', '.join(args)})"
        if lower == "substring":
            length = args[2] if len(args) > 2 else f"size({args[0]})"
            return f"substring({args[0]}, {args[1]} + 1, {length})"
        if lower in ("head", "last"):
            position = "1" if lower == "head" else "-1"
            return f"list_min({args[0]}[{position}..{position}])"
        arg = e.args[0] if e.args else None
        if lower == "size" and isinstance(arg, Var) and self.scope.kinds.get(arg.name) == "varlen":
            return f"length({args[0]})"
        return None


class _Translator(_ExpressionTranslator):
    """One part of a query: its clauses in order, with the variables in scope."""

    def single(self, clauses: list) -> tuple[str, list[str]]:
        self.scope = _Scope()
        out: list[str] = []
        columns: list[str] = []
        for clause in clauses:
            if isinstance(clause, Match):
                out.append(self.match(clause))
            elif isinstance(clause, Unwind):
                out.append(f"UNWIND {self.expr(clause.expr)} AS {_quote(clause.var)}")
                self.scope.bind(clause.var, "value")
            elif isinstance(clause, With | Return):
                text, columns = self.projection(clause)
                out.append(text)
        return " ".join(out), columns

    def projection(self, proj: Projection) -> tuple[str, list[str]]:
        keyword = "WITH" if isinstance(proj, With) else "RETURN"
        items = proj.items
        if proj.star:
            names = sorted(k for k in self.scope.kinds if not k.startswith("ecox_"))
            if not names:
                raise CypherSyntaxError(
                    f"{keyword} * with no variables in scope at {_where(self.text, proj.pos)}"
                )
            items = [Item(Var(n, proj.pos), None, n) for n in names]
        printed: list[str] = []
        by_text: dict[str, str] = {}
        kinds: dict[str, str] = {}
        for item in items:
            if isinstance(proj, With) and item.alias is None and not isinstance(item.expr, Var):
                where = _where(self.text, item.expr.pos)
                raise CypherSyntaxError(f"expression in WITH must be aliased (use AS) at {where}")
            body = self.expr(item.expr)
            by_text[body] = _quote(item.name)
            printed.append(f"{body} AS {_quote(item.name)}")
            kinds[item.name] = (
                self.scope.kinds.get(item.expr.name, "value")
                if isinstance(item.expr, Var)
                else "value"
            )
        text = f"{keyword} {'DISTINCT ' if proj.distinct else ''}{', '.join(printed)}"
        old_scope = self.scope
        if proj.order:
            keys = []
            for expr, descending in proj.order:
                body = self.order_expr(expr, by_text, kinds, old_scope)
                keys.append(body + (" DESC" if descending else ""))
            text += " ORDER BY " + ", ".join(keys)
        if proj.skip is not None:
            text += f" SKIP {self.expr(proj.skip)}"
        if proj.limit is not None:
            text += f" LIMIT {self.expr(proj.limit)}"
        self.scope = _Scope()
        for name, kind in kinds.items():
            self.scope.bind(name, kind)
        if isinstance(proj, With) and proj.where is not None:
            text += f" WHERE {self.expr(proj.where)}"
        return text, [item.name for item in items]

    def order_expr(
        self, expr: Expr, by_text: dict[str, str], kinds: dict[str, str], old: _Scope
    ) -> str:
        """An ORDER BY key: the projected column when it repeats an item, else the expression."""
        merged = _Scope()
        merged.kinds = {**old.kinds, **kinds}
        self.scope, saved = merged, self.scope
        try:
            body = self.expr(expr)
        finally:
            self.scope = saved
        return by_text.get(body, body)


def translate(query: Query) -> tuple[str, list[str]]:
    """LadybugDB Cypher for a parsed query, and its result columns as Neo4j names them.

    Raises
    ------
    CypherFeatureRefused
        A feature the embedded engine cannot run as Neo4j does (the message says what to write).
    CypherSyntaxError
        An undefined variable, an unaliased WITH expression, …
    """
    translator = _Translator(query.text)
    texts: list[str] = []
    columns: list[str] = []
    for i, part in enumerate(query.parts):
        text, cols = translator.single(part)
        if i and cols != columns:
            raise CypherSyntaxError(
                f"all parts of a UNION must return the same column names ({columns} vs {cols})"
            )
        columns = cols
        if i:
            texts.append("UNION ALL" if query.union_all[i - 1] else "UNION")
        texts.append(text)
    if not query.parts or not isinstance(query.parts[-1][-1], Return):
        raise CypherSyntaxError("the query must end with RETURN")
    return " ".join(texts), columns
