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
MATCH (`a`:Actor) WHERE ((`a`.`name` = $n)) AND list_contains(`a`.`types`, 'Bank')
RETURN `a`.`name` AS `a.name`, coalesce(sum(1), 0) AS `sum(1)`
>>> columns
['a.name', 'sum(1)']
"""

from __future__ import annotations

__all__ = ["NODE_PROPERTIES", "REL_PROPERTIES", "SHORTEST_MAX_HOPS", "translate"]

from collections.abc import Callable, Mapping
from itertools import combinations

from ecox.graph.schema import CLAIM_COLUMNS, EdgeType
from ecox.queries.cypher_ast import (
    Binary,
    Case,
    Expr,
    Func,
    IsNull,
    Item,
    LabelTest,
    ListComp,
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
    Subquery,
    Unary,
    Unwind,
    Var,
    With,
    variables,
)
from ecox.queries.cypher_functions import REFUSED_FUNCTIONS, SAME_NAME
from ecox.queries.cypher_hops import fixed_lengths
from ecox.queries.cypher_lists import ListTranslator
from ecox.queries.cypher_parse import CypherFeatureRefused, CypherSyntaxError, _position, _where
from ecox.queries.cypher_pushdown import filters_before_grouping
from ecox.queries.cypher_types import (
    REL_COLUMN_TYPES,
    compare,
    convert,
    element_kind,
    is_null_literal,
    node_kind,
    null_free,
    plain_in,
    quote,
    static_type,
)
from ecox.store.embedded import MAX_PATH_HOPS
from ecox.store.neo4j_ownership import DEFAULT_GRAPH_NAME, ECOX_LABEL, GRAPH_PROPERTY
from ecox.store.neo4j_unnamed import UNNAMED_LABEL

#: Properties of an actor node, of an unnamed counterpart's node and of a claim in the store.
ACTOR_PROPERTIES = frozenset({"id", "name", "types", "aliases", GRAPH_PROPERTY})
UNNAMED_PROPERTIES = frozenset({"id", "type", "count", GRAPH_PROPERTY})
NODE_PROPERTIES = ACTOR_PROPERTIES | UNNAMED_PROPERTIES
REL_PROPERTIES = frozenset(
    {GRAPH_PROPERTY, *(c for c in CLAIM_COLUMNS if c not in ("source", "target", "type"))}
)
_KNOWN_PROPERTIES = {
    "node": NODE_PROPERTIES,
    "actor": ACTOR_PROPERTIES,
    "unnamed": UNNAMED_PROPERTIES,
    "rel": REL_PROPERTIES,
}
_NODE_KINDS = frozenset({"node", "actor", "unnamed"})
_STORE_TYPES = {"string": "STRING", "float": "DOUBLE", "int": "INT64"}
_ACTOR_LABELS = frozenset({"Actor", ECOX_LABEL})
_REL_TYPES = frozenset(t.value for t in EdgeType)
_MAX_HOPS = 30
#: Longest shortest path searched for ``shortestPath((a)-[*]-(b))`` without an upper bound.
SHORTEST_MAX_HOPS = MAX_PATH_HOPS

_OPS = {"STARTS_WITH": "STARTS WITH", "ENDS_WITH": "ENDS WITH"}


def _string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


class _Scope:
    """Variables in scope, with ``node`` / ``rel`` / ``varlen`` / ``value`` kinds, and the
    names some of them are printed under (``printed``: an alias renamed for ORDER BY)."""

    def __init__(self) -> None:
        self.kinds: dict[str, str] = {}
        self.printed: dict[str, str] = {}
        # list-comprehension variables over nodes or claims: never null
        self.elements: set[str] = set()

    def bind(self, name: str, kind: str) -> None:
        self.kinds.setdefault(name, kind)


def _label_test(subject: str, label: str, kind: str) -> str:
    """Neo4j's ``subject:label`` on a node of the given kind (see :func:`node_kind`), or on
    a relationship (kind ``rel``): its type."""
    if kind == "rel":
        return f"(label({subject}) = {_string(label)})"
    if label == UNNAMED_LABEL:
        return {"actor": "false", "unnamed": "true"}.get(
            kind, f"(label({subject}) = 'EcoxUnnamed')"
        )
    if kind == "unnamed":
        return "false"
    if label in _ACTOR_LABELS:
        return "true" if kind == "actor" else f"(label({subject}) = 'Actor')"
    types = f"{subject}.`types`" if kind == "actor" else f"coalesce({subject}.`types`, [])"
    return f"list_contains({types}, {_string(label)})"


class _PatternTranslator:
    """MATCH and its patterns, with the label tests and uniqueness conditions they need."""

    # The expression printer of :class:`_ExpressionTranslator`, used for WHERE and properties.
    expr: Callable[[Expr], str]
    condition: Callable[[Expr], str]

    def __init__(
        self,
        text: str,
        stored: frozenset[str] | None = None,
        constants: Mapping[str, str] | None = None,
    ) -> None:
        self.text = text
        self.fresh = 0
        self.scope = _Scope()
        # the claim properties the store holds (the others read as null or as a constant)
        self.stored = REL_PROPERTIES - {GRAPH_PROPERTY} if stored is None else stored
        self.constants = dict(constants or {})

    def stored_keys(self, kind: str) -> frozenset[str]:
        """The properties the store holds on a node or claim of ``kind`` (``rel`` or a node)."""
        if kind == "rel":
            return frozenset(self.stored) - set(self.constants)
        return NODE_PROPERTIES - {GRAPH_PROPERTY}

    def constant(self, kind: str, key: str) -> str | None:
        """The printed text value of a property the same on every node or claim of its kind
        (the graph name; a claim property with one value on every claim), else None."""
        if key == GRAPH_PROPERTY and kind in _KNOWN_PROPERTIES:
            return _string(DEFAULT_GRAPH_NAME)
        if kind == "rel" and key in self.constants:
            return _string(self.constants[key])
        return None

    def refuse(self, feature: str, advice: str, pos: int) -> CypherFeatureRefused:
        where = _position(self.text, pos)
        return CypherFeatureRefused(
            f"{feature} is not supported by the embedded engine: {advice} ({where})"
        )

    def new_name(self, stem: str) -> str:
        self.fresh += 1
        return f"ecox_{stem}{self.fresh}"

    def match(self, match: Match) -> str:
        self.check_shortest_filters(match)
        unique = self.uniqueness(match)
        extra: list[str] = []
        paths = [self.path(p, extra) for p in match.paths]
        extra.extend(unique)
        given = [f"({self.condition(match.where)})"] if match.where is not None else []
        conditions = given + extra
        head = "OPTIONAL MATCH" if match.optional else "MATCH"
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        return f"{head} {', '.join(paths)}{where}"

    def path(self, path: Path, extra: list[str]) -> str:
        shortest = self.shortest(path)
        parts = []
        elements = path.elements
        for i, element in enumerate(elements):
            if isinstance(element, NodePat):
                inner = 0 < i < len(elements) - 1 and all(
                    isinstance(e, RelPat) and e.hops is None
                    for e in (elements[i - 1], elements[i + 1])
                )
                parts.append(self.node(element, extra, inner))
            else:
                parts.append(self.rel(element, extra, shortest))
        prefix = ""
        if path.var is not None:
            prefix = f"{quote(path.var)} = "
            recursive = any(isinstance(e, RelPat) and e.hops is not None for e in path.elements)
            self.scope.bind(path.var, "varpath" if recursive else "path")
        return prefix + "".join(parts)

    def node(self, node: NodePat, extra: list[str], inner: bool = False) -> str:
        """A node pattern. An ``inner`` node (between two single relationships of one path)
        with no label is an actor: an unnamed counterpart has one claim, and a match uses a
        claim once. Its table is written out, as LadybugDB 0.22 loses rows of a chain of
        undirected relationships through nodes of no table."""
        name = node.var
        inner = inner and not node.groups and (name is None or name not in self.scope.kinds)
        if name is None and (node.groups or inner):
            name = node.var = self.new_name("n")
        table = ""
        if name is not None:
            bound = name in self.scope.kinds
            kind = "actor" if inner else node_kind(node.groups)
            self.scope.bind(name, kind)
            if not bound and kind != "node":
                table = ":" + (UNNAMED_LABEL if kind == "unnamed" else "Actor")
            extra.extend(self.labels(quote(name), node.groups, self.scope.kinds[name]))
        props = self.pattern_props(node.props, "node", extra)
        return f"({quote(name) if name else ''}{table}{props})"

    def pattern_props(self, props: Expr | None, kind: str, extra: list[str]) -> str:
        """``{key: value}`` of a pattern: stored properties inline; the graph name (the same
        on every node and claim) and a claim property the store lacks as conditions."""
        if not isinstance(props, MapLit):
            return f" {self.expr(props)}" if props is not None else ""
        inline = []
        for key, value in props.pairs:
            fixed = self.constant(kind, key)
            if fixed is not None:
                given = self.expr(value)
                kinds = self.scope.kinds
                extra.append(compare("=", fixed, given, "string", static_type(value, kinds)))
            elif kind == "rel" and key in REL_PROPERTIES and key not in self.stored:
                self.expr(value)
                extra.append("false")
            else:
                inline.append((key, value))
        return f" {self.expr(MapLit(inline, props.pos))}" if inline else ""

    def labels(self, subject: str, groups: list[list[str]], kind: str) -> list[str]:
        """Label tests on a node of kind ``node`` (any table), ``actor`` or ``unnamed``, or
        type tests on a relationship (kind ``rel``)."""
        tests = []
        for group in groups:
            each = [_label_test(subject, label, kind) for label in group]
            if "true" in each:
                continue
            each = [t for t in each if t != "false"] or ["false"]
            tests.append(each[0] if len(each) == 1 else "(" + " OR ".join(each) + ")")
        return tests

    def shortest(self, path: Path) -> str:
        """``SHORTEST`` or ``ALL SHORTEST`` for shortestPath / allShortestPaths, else ''."""
        if path.function is None:
            return ""
        function = path.function.lower()
        rels = [e for e in path.elements if isinstance(e, RelPat)]
        if len(rels) != 1:
            raise self.refuse(
                f"{path.function} over {len(rels)} relationships",
                "write one relationship pattern inside it, e.g. shortestPath((a)-[*..5]-(b))",
                path.pos,
            )
        rel = rels[0]
        low, high = rel.hops if rel.hops is not None else (1, 1)
        if low not in (None, 1):
            raise self.refuse(
                f"{path.function} with a minimum length of {low}",
                "write *..k (paths of one hop or more)",
                rel.pos,
            )
        rel.hops = (1, SHORTEST_MAX_HOPS if high is None else high)
        return "ALL SHORTEST" if function == "allshortestpaths" else "SHORTEST"

    def rel(self, rel: RelPat, extra: list[str], shortest: str = "") -> str:
        known = [t for t in rel.types if t in _REL_TYPES]
        unknown = bool(rel.types) and not known  # no claim has these types
        if unknown and not (rel.hops is not None and rel.hops[0] == 0):
            extra.append("false")
        if rel.var is not None:
            self.scope.bind(rel.var, "rel" if rel.hops is None else "varlen")
        inner = quote(rel.var) if rel.var else ""
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
            if high > _MAX_HOPS and not shortest:
                raise self.refuse(
                    f"more than {_MAX_HOPS} hops", f"write *..{_MAX_HOPS} at most", rel.pos
                )
            high = 0 if unknown and low == 0 else high  # unknown types: the path of no claim
            inner += f"* {shortest or 'TRAIL'} {1 if low is None else low}..{high}"
        if rel.props is not None:
            if rel.hops is not None:
                raise self.refuse(
                    "properties on a variable-length relationship",
                    "filter with WHERE all(…) after naming the relationships",
                    rel.pos,
                )
            inner += self.pattern_props(rel.props, "rel", extra)
        body = f"[{inner}]" if inner else ""
        left = "<-" if rel.direction == "<" else "-"
        right = "->" if rel.direction == ">" else "-"
        return f"{left}{body}{right}"

    def check_shortest_filters(self, match: Match) -> None:
        """Neo4j searches for the shortest path that meets the WHERE on its path or relationships;
        filtering afterwards would answer differently, so such a WHERE is refused."""
        searched = {
            name
            for path in match.paths
            if path.function is not None
            for name in [path.var, *(e.var for e in path.elements if isinstance(e, RelPat))]
            if name is not None
        }
        if match.where is not None and searched & variables(match.where):
            raise self.refuse(
                "a WHERE condition on a shortest path's path or relationships",
                "restrict the relationship types in the pattern, or MATCH p = (a)-[*1..k]-(b) "
                "WHERE … RETURN p ORDER BY length(p) LIMIT 1",
                match.pos,
            )

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
                conditions.append(f"is_trail({quote(path.var)})")
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
            conditions.append(f"id({quote(a.var)}) <> id({quote(b.var)})")
        return conditions


class _ExpressionTranslator(ListTranslator, _PatternTranslator):
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
        name = quote(self.scope.printed.get(e.name, e.name))
        # a variable-length relationship is a path in LadybugDB; in Neo4j a list of them
        return f"rels({name})" if self.scope.kinds[e.name] == "varlen" else name

    def e_Prop(self, e: Prop) -> str:
        subject = e.subject
        items, position = self.element_of(subject)
        if items is not None:  # xs[i].key, head(xs).key on a list of nodes or claims
            var = self.new_name("x")
            keys = self.expr(ListComp(var, items, None, Prop(Var(var, e.pos), e.key, e.pos), e.pos))
            return f"list_min({keys}[{position}..{position}])"
        if isinstance(subject, Func) and subject.name.lower() == "properties" and subject.args:
            subject = subject.args[0]  # properties(a).name is a.name
        if isinstance(subject, Var):
            kind = self.scope.kinds.get(subject.name, "")
            known = _KNOWN_PROPERTIES.get(kind)
            if known is not None and e.key not in known:
                self.expr(subject)
                return "NULL"
            fixed = self.constant(kind, e.key) if known is not None else None
            if fixed is not None and subject.name in self.scope.elements:
                return fixed  # (`x IS NULL` in a lambda: wrong or a crash in LadybugDB 0.22)
            if fixed is not None:
                return f"CASE WHEN {self.expr(subject)} IS NULL THEN NULL ELSE {fixed} END"
            if kind == "rel" and e.key not in self.stored:
                self.expr(subject)
                return f"CAST(NULL AS {_STORE_TYPES[REL_COLUMN_TYPES[e.key]]})"
        return f"{self.expr(subject)}.{quote(e.key)}"

    def e_LabelTest(self, e: LabelTest) -> str:
        kind = (
            self.scope.kinds.get(e.subject.name, "node") if isinstance(e.subject, Var) else "node"
        )
        tests = self.labels(self.expr(e.subject), e.groups, kind)
        return "(" + " AND ".join(tests) + ")" if tests else "true"

    def e_Unary(self, e: Unary) -> str:
        return (
            f"({e.op} {self.expr(e.operand)})"
            if e.op == "NOT"
            else f"({e.op}{self.expr(e.operand)})"
        )

    def e_Binary(self, e: Binary) -> str:
        left, right = self.expr(e.left), self.expr(e.right)
        if e.op in ("=", "<>", "<", ">", "<=", ">="):
            kinds = self.scope.kinds
            return compare(
                e.op, left, right, static_type(e.left, kinds), static_type(e.right, kinds)
            )
        if e.op == "IN" and not plain_in(e.right):
            # Neo4j: null when not found and the list holds a null (or x is null), false in [].
            # (`x IS NULL` in a lambda crashes LadybugDB 0.22 on large tables: count the items
            # equal to themselves instead.)
            x, xs = left, right
            holds_null = (
                "false"
                if null_free(e.right)
                else f"size({xs}) > size(list_filter({xs}, ecox_x -> ecox_x = ecox_x))"
            )
            return (
                f"CASE WHEN size({xs}) = 0 THEN false WHEN list_contains({xs}, {x}) THEN true "
                f"WHEN ({x}) IS NULL OR {holds_null} THEN CAST(NULL AS BOOL) ELSE false END"
            )
        if e.op in "+-*/%^" and any(is_null_literal(x) for x in (e.left, e.right)):
            return "NULL"  # any arithmetic or concatenation with null
        if e.op == "+" and not {
            static_type(e.left, self.scope.kinds),
            static_type(e.right, self.scope.kinds),
        } <= {"int", "float"}:
            # Neo4j: text + null is null; LadybugDB reads the null as empty text
            either_null = f"({left}) IS NULL OR ({right}) IS NULL"
            return f"CASE WHEN {either_null} THEN NULL ELSE ({left} + {right}) END"
        return f"({left} {_OPS.get(e.op, e.op)} {right})"

    def condition(self, e: Expr) -> str:
        """A WHERE condition: where null and false both drop the row, ``x IN xs`` needs no
        three-valued rewrite under AND / OR."""
        if isinstance(e, Binary) and e.op in ("AND", "OR"):
            return f"({self.condition(e.left)} {e.op} {self.condition(e.right)})"
        if isinstance(e, Binary) and e.op == "IN":
            return f"({self.expr(e.left)} IN {self.expr(e.right)})"
        return self.expr(e)

    def e_IsNull(self, e: IsNull) -> str:
        return f"({self.expr(e.operand)} IS {'NOT ' if e.negated else ''}NULL)"

    def e_MapLit(self, e: MapLit) -> str:
        return "{" + ", ".join(f"{quote(k)}: {self.expr(v)}" for k, v in e.pairs) + "}"

    def e_Case(self, e: Case) -> str:
        out = "CASE" + (f" {self.expr(e.subject)}" if e.subject is not None else "")
        for cond, value in e.whens:
            out += f" WHEN {self.expr(cond)} THEN {self.expr(value)}"
        if e.default is not None:
            out += f" ELSE {self.expr(e.default)}"
        return out + " END"

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
        if lower in REFUSED_FUNCTIONS:
            raise self.refuse(f"{e.name}()", REFUSED_FUNCTIONS[lower], e.pos)
        args = [self.expr(a) for a in e.args]
        distinct = "DISTINCT " if e.distinct else ""
        special = self.special_function(lower, e, args)
        if special is not None:
            return special
        if lower not in SAME_NAME:
            raise self.refuse(
                f"the function {e.name}()",
                "see the README's list of functions "
                "the embedded engine runs, or run the query on Neo4j",
                e.pos,
            )
        return f"{SAME_NAME[lower]}({distinct}{', '.join(args)})"

    def special_function(self, lower: str, e: Func, args: list[str]) -> str | None:
        distinct = "DISTINCT " if e.distinct else ""
        if lower == "sum":
            return f"coalesce(sum({distinct}{', '.join(args)}), 0)"
        if lower == "labels":
            return self.labels_of(e.args[0], args[0])
        if lower == "coalesce" and "bool" in (static_type(a, self.scope.kinds) for a in e.args):
            # LadybugDB 0.22 pairs values carried by an aggregating WITH with the wrong rows
            # under a filter whose root is a boolean coalesce; a comparison is filtered right
            return f"(coalesce({', '.join(args)}) = true)"
        if lower == "properties":
            return self.properties_of(e, args[0])
        if lower in ("all", "any", "none", "single") and isinstance(e.args[0], ListComp):
            # LadybugDB 0.22 answers these wrongly on large tables (lambdas under CASE)
            raise self.refuse(
                f"{e.name}(x IN … WHERE …)",
                f"write size([x IN xs WHERE …]) {'= size(xs)' if lower == 'all' else '> 0'}",
                e.pos,
            )
        if lower in ("tointeger", "tofloat", "tostring"):
            if isinstance(e.args[0], Literal) and e.args[0].value is None:
                return "NULL"
            kind = static_type(e.args[0], self.scope.kinds)
            converted = convert(lower, args[0], kind)
            if converted is None:
                raise self.refuse(
                    f"{e.name}() of a {kind or 'value of unknown type'}",
                    "apply it to a property, a literal or another function's result"
                    if kind is None
                    else "return the number itself and format it in Python",
                    e.pos,
                )
            return converted
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
            self.refuse_element(e.args[0], e.pos)
            position = "1" if lower == "head" else "-1"
            return f"list_min({args[0]}[{position}..{position}])"
        arg = e.args[0] if e.args else None
        if lower == "size" and isinstance(arg, Var) and self.scope.kinds.get(arg.name) == "varlen":
            return f"length({quote(arg.name)})"
        return None

    def labels_of(self, arg: Expr, printed: str) -> str:
        kind = self.scope.kinds.get(arg.name, "node") if isinstance(arg, Var) else "node"
        actor = f"list_concat(['{ECOX_LABEL}', 'Actor'], {printed}.`types`)"
        if kind == "actor":
            return actor
        if kind == "unnamed":
            return f"['{UNNAMED_LABEL}']"
        unnamed = f"'{UNNAMED_LABEL}'"
        return f"CASE WHEN label({printed}) = {unnamed} THEN [{unnamed}] ELSE {actor} END"

    def properties_of(self, e: Func, printed: str) -> str:
        """``properties(x)``: a node or claim is returned as the map of its set properties."""
        arg = e.args[0] if e.args else None
        kind = self.scope.kinds.get(arg.name, "") if isinstance(arg, Var) else ""
        if kind in _NODE_KINDS or kind == "rel" or isinstance(arg, MapLit):
            return printed
        raise self.refuse(
            "properties() of a value that is not a node, relationship or map",
            "return the variable of a node or relationship",
            e.pos,
        )


class _Translator(_ExpressionTranslator):
    """One part of a query: its clauses in order, with the variables in scope."""

    def single(self, clauses: list) -> tuple[str, list[str]]:
        self.scope = _Scope()
        out: list[str] = []
        columns: list[str] = []
        limited = False  # after a WITH with SKIP or LIMIT
        for clause in clauses:
            if limited and isinstance(clause, Match):
                # LadybugDB 0.22 matches from more rows than the LIMIT kept when the new
                # MATCH filters (docs/cypher-engine.md, Faults): refused, not answered wrongly
                raise self.refuse(
                    "MATCH after a WITH with SKIP or LIMIT",
                    "order and limit in the RETURN, or run the first part and pass what it "
                    "keeps as a parameter (WHERE b.id IN $ids)",
                    clause.pos,
                )
            limited = limited or _keeps_some_rows(clause)
            if isinstance(clause, Match):
                out.append(self.match(clause))
            elif isinstance(clause, Unwind):
                out.append(f"UNWIND {self.expr(clause.expr)} AS {quote(clause.var)}")
                self.scope.bind(clause.var, element_kind(clause.expr, self.scope.kinds))
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
        if isinstance(proj, With) and proj.order and proj.skip is None and proj.limit is None:
            raise self.refuse(
                "ORDER BY in WITH without SKIP or LIMIT",
                "order the RETURN instead, or add LIMIT to the WITH",
                proj.pos,
            )
        hidden = self.shadowing_aliases(proj, items)
        printed: list[str] = []
        by_text: dict[str, str] = {}
        kinds: dict[str, str] = {}
        for item in items:
            if isinstance(proj, With) and item.alias is None and not isinstance(item.expr, Var):
                where = _where(self.text, item.expr.pos)
                raise CypherSyntaxError(f"expression in WITH must be aliased (use AS) at {where}")
            body = self.expr(item.expr)
            by_text[body] = quote(hidden.get(item.name, item.name))
            printed.append(f"{body} AS {by_text[body]}")
            kind = self.scope.kinds.get(item.expr.name) if isinstance(item.expr, Var) else None
            # a variable-length relationship leaves a WITH as the list rels(rs) of its claims
            kinds[item.name] = "rels" if kind == "varlen" else kind or "value"
        text = f"{keyword} {'DISTINCT ' if proj.distinct else ''}{', '.join(printed)}"
        old_scope = self.scope
        if proj.order:
            keys = []
            for expr, descending in proj.order:
                body = self.order_expr(expr, by_text, kinds, old_scope, hidden)
                keys.append(body + (" DESC" if descending else ""))
            text += " ORDER BY " + ", ".join(keys)
        if proj.skip is not None:
            text += f" SKIP {self.expr(proj.skip)}"
        if proj.limit is not None:
            text += f" LIMIT {self.expr(proj.limit)}"
        limited = _keeps_some_rows(proj)
        if limited:
            # LadybugDB 0.22 filters and aggregates the rows after a WITH's SKIP or LIMIT
            # wrongly (`WITH b, count(r) AS k ORDER BY k DESC LIMIT 5 WHERE b:Enterprise
            # RETURN count(*)`: 4, sometimes 0, where 3 of the 5 rows are firms); a one-row
            # UNWIND after the LIMIT keeps them apart
            text += f" UNWIND [1] AS {self.new_name('limited')}"
        if (hidden or limited) and isinstance(proj, With):  # back to the analyst's names
            renamed = (f"{quote(hidden.get(i.name, i.name))} AS {quote(i.name)}" for i in items)
            text += " WITH " + ", ".join(renamed)
        self.scope = _Scope()
        for name, kind in kinds.items():
            self.scope.bind(name, kind)
        if isinstance(proj, With) and proj.where is not None:
            text += f" WHERE {self.expr(proj.where)}"
        return text, [item.name for item in items]

    def shadowing_aliases(self, proj: Projection, items: list[Item]) -> dict[str, str]:
        """Fresh names for the aliases that shadow a variable of the pattern, when ORDER BY follows.

        In ``RETURN a.name AS a ORDER BY a`` Neo4j sorts by the alias; LadybugDB takes the
        node ``a``. Such an alias is printed under a fresh name (the column keeps the
        analyst's name; a WITH renames it back after its ORDER BY, SKIP and LIMIT).
        """
        if not proj.order:
            return {}
        return {
            item.name: self.new_name("alias")
            for item in items
            if item.name in self.scope.kinds
            and not (isinstance(item.expr, Var) and item.expr.name == item.name)
        }

    def order_expr(
        self,
        expr: Expr,
        by_text: dict[str, str],
        kinds: dict[str, str],
        old: _Scope,
        hidden: dict[str, str],
    ) -> str:
        """An ORDER BY key: the projected column when it repeats an item, else the expression."""
        merged = _Scope()
        merged.kinds = {**old.kinds, **kinds}
        merged.printed = hidden
        self.scope, saved = merged, self.scope
        try:
            body = self.expr(expr)
        finally:
            self.scope = saved
        return by_text.get(body, body)


def _keeps_some_rows(clause: object) -> bool:
    """Whether ``clause`` is a WITH with SKIP or LIMIT (LadybugDB 0.22 mishandles the rows
    after one: docs/cypher-engine.md, Faults)."""
    return isinstance(clause, With) and (clause.skip is not None or clause.limit is not None)


def translate(
    query: Query,
    stored: frozenset[str] | None = None,
    constants: Mapping[str, str] | None = None,
) -> tuple[str, list[str]]:
    """LadybugDB Cypher for a parsed query, and its result columns as Neo4j names them.

    ``stored``: the claim properties the store holds (default: all of them); ``constants``:
    claim properties with one text value on every claim, not stored (read as that value).

    Raises
    ------
    CypherFeatureRefused
        A feature the embedded engine cannot run as Neo4j does (the message says what to write).
    CypherSyntaxError
        An undefined variable, an unaliased WITH expression, …
    """
    query = filters_before_grouping(fixed_lengths(query))
    translator = _Translator(query.text, stored, constants)
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
