"""A tokenizer and parser for the read-only Cypher an analyst writes.

:func:`parse` turns query text into a small syntax tree (:class:`Query` of
:class:`Match`, :class:`With`, :class:`Unwind` and :class:`Return` clauses over
patterns and expressions); :mod:`queries.cypher_translate` prints that tree in
the dialect of the embedded database. Every node keeps its offset in the
analyst's text, so errors point there (:class:`CypherSyntaxError`), and every
``RETURN`` item keeps its own text, which is its column name in Neo4j.

Writes (``CREATE``, ``MERGE``, ``SET``, ``DELETE``, ``REMOVE``, ``FOREACH``),
``LOAD CSV``, ``CALL`` and anything else that is not a read clause are refused
here, in one line naming the feature (:class:`CypherFeatureRefused`).

Examples
--------
>>> q = parse("MATCH (a:Bank)-[r:LENT_TO]->(e) WHERE r.amount > 1e6 "
...           "RETURN e.name, count(*) AS n")
>>> [type(c).__name__ for c in q.parts[0]]
['Match', 'Return']
>>> [item.name for item in q.parts[0][-1].items]
['e.name', 'n']
>>> parse("MATCH (a) DETACH DELETE a")
Traceback (most recent call last):
...
ecox.queries.cypher_parse.CypherFeatureRefused: DELETE is not allowed: ecox runs Cypher ...
"""

from __future__ import annotations

__all__ = ["CypherFeatureRefused", "CypherSyntaxError", "Token", "parse", "tokenize"]

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ecox.graph.errors import InputError, UnsupportedCypherError
from ecox.queries.cypher_ast import (
    Binary,
    Case,
    Clause,
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

_WRITES = ("CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH")
_CLAUSE_WORDS = (
    "MATCH",
    "OPTIONAL",
    "WITH",
    "UNWIND",
    "RETURN",
    "UNION",
    "WHERE",
    "ORDER",
    "SKIP",
    "LIMIT",
    *_WRITES,
    "CALL",
    "LOAD",
    "USE",
)


class CypherSyntaxError(InputError):
    """The query is not Cypher this parser reads; the message quotes the line and column."""


class CypherFeatureRefused(UnsupportedCypherError):
    """A Cypher feature the embedded engine refuses (writes, or one it cannot run as Neo4j)."""


def _position(text: str, offset: int) -> str:
    """``line L, column C`` of an offset (1-based)."""
    line = text.count("\n", 0, offset) + 1
    return f"line {line}, column {offset - text.rfind(chr(10), 0, offset)}"


def _where(text: str, offset: int) -> str:
    """``line L, column C`` and the analyst's line with a caret under the offset."""
    line_no = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start : end if end >= 0 else len(text)]
    return f"line {line_no}, column {offset - start + 1}:\n  {line}\n  {' ' * (offset - start)}^"


# ---------------------------------------------------------------------- tokens
@dataclass(frozen=True)
class Token:
    """One token: ``kind`` is name, quoted (backticks), string, number, param, op or end."""

    kind: str
    text: str
    pos: int
    value: Any = None


_TOKEN = re.compile(
    r"""(?P<space>\s+|//[^\n]*|/\*.*?\*/)
      |(?P<number>\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\.\d+(?:[eE][+-]?\d+)?|0x[0-9a-fA-F]+|\d+)
      |(?P<name>[A-Za-z_\u00c0-\uffff][\w\u00c0-\uffff]*)
      |(?P<quoted>`(?:[^`]|``)*`)
      |(?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
      |(?P<param>\$(?:[A-Za-z_][\w]*|\d+))
      |(?P<op>\.\.|<>|<=|>=|=~|\+=|[-+*/%^=<>()\[\]{}.,:|;&])""",
    re.X | re.S,
)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "\\": "\\", "'": "'", '"': '"'}


def _unescape(body: str) -> str:
    return re.sub(
        r"\\(u[0-9a-fA-F]{4}|.)",
        lambda m: (
            chr(int(m.group(1)[1:], 16))
            if m.group(1)[0] == "u" and len(m.group(1)) == 5
            else _ESCAPES.get(m.group(1), "\\" + m.group(1))
        ),
        body,
    )


def tokenize(text: str) -> list[Token]:
    """Split a query into tokens (comments and whitespace dropped; an ``end`` token last).

    Examples
    --------
    >>> [t.text for t in tokenize("MATCH (a)-->(b) // all")][:6]
    ['MATCH', '(', 'a', ')', '-', '-']
    >>> tokenize("RETURN 'it\\\\'s'")[1].value
    "it's"
    """
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise CypherSyntaxError(f"unexpected character {text[pos]!r} at {_where(text, pos)}")
        kind = m.lastgroup or "op"
        raw = m.group(0)
        if kind == "number":
            value: Any = (
                int(raw, 16)
                if raw.startswith("0x")
                else (int(raw) if raw.isdigit() else float(raw))
            )
            tokens.append(Token(kind, raw, pos, value))
        elif kind == "string":
            tokens.append(Token(kind, raw, pos, _unescape(raw[1:-1])))
        elif kind == "quoted":
            tokens.append(Token(kind, raw, pos, raw[1:-1].replace("``", "`")))
        elif kind == "name":
            tokens.append(Token(kind, raw, pos, raw))
        elif kind != "space":
            tokens.append(Token(kind, raw, pos, raw[1:] if kind == "param" else raw))
        pos = m.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


# ---------------------------------------------------------------------- parser
class _TokenCursor:
    """A position in the token list of one query, with the error messages that quote it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.label_kinds: set[str] = set()

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def peek(self, ahead: int = 1) -> Token:
        return self.tokens[min(self.i + ahead, len(self.tokens) - 1)]

    def is_word(self, *words: str, ahead: int = 0) -> bool:
        t = self.peek(ahead) if ahead else self.tok
        return t.kind == "name" and t.text.upper() in words

    def is_op(self, *ops: str, ahead: int = 0) -> bool:
        t = self.peek(ahead) if ahead else self.tok
        return t.kind == "op" and t.text in ops

    def advance(self) -> Token:
        t = self.tok
        self.i += 1
        return t

    def error(self, message: str, pos: int | None = None) -> CypherSyntaxError:
        return CypherSyntaxError(
            f"{message} at {_where(self.text, self.tok.pos if pos is None else pos)}"
        )

    def refuse(self, feature: str, advice: str, pos: int | None = None) -> CypherFeatureRefused:
        where = _position(self.text, self.tok.pos if pos is None else pos)
        return CypherFeatureRefused(f"{feature}: {advice} ({where})")

    def _found(self) -> str:
        return repr(self.tok.text) if self.tok.kind != "end" else "the end"

    def expect_op(self, op: str) -> Token:
        if not self.is_op(op):
            raise self.error(f"expected {op!r} but found {self._found()}")
        return self.advance()

    def expect_word(self, word: str) -> Token:
        if not self.is_word(word):
            raise self.error(f"expected {word} but found {self._found()}")
        return self.advance()

    def name(self) -> str:
        t = self.tok
        if t.kind in ("name", "quoted"):
            self.advance()
            return str(t.value)
        raise self.error(f"expected a name but found {self._found()}")


class _PatternParser(_TokenCursor):
    """Node and relationship patterns, paths and MATCH; expressions come from the subclass."""

    # The expression grammar of :class:`_ExpressionParser`, used for WHERE and properties.
    expr: Callable[[], Expr]
    map_literal: Callable[[], MapLit]

    def match(self) -> Match:
        pos = self.tok.pos
        optional = False
        if self.is_word("OPTIONAL"):
            self.advance()
            optional = True
        self.expect_word("MATCH")
        paths = [self.path()]
        while self.is_op(","):
            self.advance()
            paths.append(self.path())
        where = None
        if self.is_word("WHERE"):
            self.advance()
            where = self.expr()
        return Match(optional, paths, where, pos)

    def path(self) -> Path:
        pos = self.tok.pos
        var = None
        if self.tok.kind in ("name", "quoted") and self.is_op("=", ahead=1):
            var = self.name()
            self.advance()
        if self.is_word("SHORTESTPATH", "ALLSHORTESTPATHS") and self.is_op("(", ahead=1):
            function = self.advance().text
            self.advance()
            inner = self.path()
            self.expect_op(")")
            return Path(var, inner.elements, function, pos)
        elements: list[NodePat | RelPat] = [self.node()]
        while self.is_op("-", "<"):
            elements.append(self.rel())
            elements.append(self.node())
        return Path(var, elements, None, pos)

    def labels(self, *, node: bool = True) -> list[list[str]]:
        groups: list[list[str]] = []
        while self.is_op(":") or (groups and self.is_op("&")):
            gpm = self.is_op("&")
            pos = self.advance().pos
            group = [self.name()]
            while self.is_op("|"):
                self.advance()
                if self.is_op(":"):
                    self.advance()
                group.append(self.name())
            groups.append(group)
            if node:
                kind = "|" if len(group) > 1 or gpm else ":" if len(groups) > 1 else ""
                self.label_syntax(pos, kind)
        return groups

    def label_syntax(self, pos: int, kind: str) -> None:
        """Neo4j 5 rejects ``:A:B`` and ``:A|B`` on nodes in one query; so does this parser."""
        if not kind:
            return
        self.label_kinds.add(kind)
        if len(self.label_kinds) > 1:
            raise self.error(
                "mixing ':A:B' and ':A|B' node labels in one query is not allowed (as in Neo4j); "
                "write :A&B for both labels",
                pos,
            )

    def node(self) -> NodePat:
        pos = self.expect_op("(").pos
        var = self.name() if self.tok.kind in ("name", "quoted") else None
        groups = self.labels()
        props = self.properties()
        if self.is_word("WHERE"):
            raise self.refuse(
                "WHERE inside a node pattern is not supported",
                "move the condition to the MATCH's WHERE",
            )
        self.expect_op(")")
        return NodePat(var, groups, props, pos)

    def properties(self) -> Expr | None:
        if self.is_op("{"):
            return self.map_literal()
        if self.tok.kind == "param":
            t = self.advance()
            return Param(str(t.value), t.pos)
        return None

    def rel(self) -> RelPat:
        pos = self.tok.pos
        left = False
        if self.is_op("<"):
            self.advance()
            left = True
        self.expect_op("-")
        var, types, hops, props = None, [], None, None
        if self.is_op("["):
            self.advance()
            if self.tok.kind in ("name", "quoted"):
                var = self.name()
            for group in self.labels(node=False):
                types.extend(group)
            if self.is_op("*"):
                hops = self.hops()
            props = self.properties()
            if self.is_word("WHERE"):
                raise self.refuse(
                    "WHERE inside a relationship pattern is not supported",
                    "move the condition to the MATCH's WHERE",
                )
            self.expect_op("]")
        self.expect_op("-")
        right = False
        if self.is_op(">"):
            self.advance()
            right = True
        if left and right:
            raise self.error("a relationship cannot point both ways", pos)
        return RelPat(var, types, ">" if right else "<" if left else "", hops, props, pos)

    def hops(self) -> tuple[int | None, int | None]:
        self.advance()
        low: int | None = None
        high: int | None = None
        if self.tok.kind == "number":
            low = int(self.advance().value)
            if not self.is_op(".."):
                return low, low
        if self.is_op(".."):
            self.advance()
            if self.tok.kind == "number":
                high = int(self.advance().value)
        return low, high


class _ExpressionParser(_PatternParser):
    """Expressions by precedence, literals, CASE, subqueries and function calls."""

    def expr(self) -> Expr:
        return self.binary_level(0)

    _LEVELS: tuple[tuple[str, ...], ...] = (("OR",), ("XOR",), ("AND",))

    def binary_level(self, level: int) -> Expr:
        if level == len(self._LEVELS):
            return self.not_expr()
        left = self.binary_level(level + 1)
        while self.is_word(*self._LEVELS[level]):
            op = self.advance()
            left = Binary(op.text.upper(), left, self.binary_level(level + 1), op.pos)
        return left

    def not_expr(self) -> Expr:
        if self.is_word("NOT"):
            pos = self.advance().pos
            return Unary("NOT", self.not_expr(), pos)
        return self.comparison()

    def comparison(self) -> Expr:
        left = self.additive()
        compared = False
        while True:
            pos = self.tok.pos
            if self.is_op("=", "<>", "<", ">", "<=", ">=", "=~"):
                op = self.advance().text
            elif self.is_word("IN"):
                self.advance()
                op = "IN"
            elif self.is_word("STARTS", "ENDS") and self.is_word("WITH", ahead=1):
                op = self.advance().text.upper() + "_WITH"
                self.advance()
            elif self.is_word("CONTAINS"):
                self.advance()
                op = "CONTAINS"
            elif self.is_word("IS"):
                self.advance()
                negated = bool(self.is_word("NOT") and self.advance())
                self.expect_word("NULL")
                left = IsNull(left, negated, pos)
                continue
            else:
                return left
            if compared and op in ("=", "<>", "<", ">", "<=", ">="):
                raise self.refuse(
                    "chained comparisons (a < b < c) are not supported",
                    "write a < b AND b < c",
                    pos,
                )
            compared = op in ("=", "<>", "<", ">", "<=", ">=")
            left = Binary(op, left, self.additive(), pos)

    def additive(self) -> Expr:
        left = self.multiplicative()
        while self.is_op("+", "-"):
            op = self.advance()
            left = Binary(op.text, left, self.multiplicative(), op.pos)
        return left

    def multiplicative(self) -> Expr:
        left = self.power()
        while self.is_op("*", "/", "%"):
            op = self.advance()
            left = Binary(op.text, left, self.power(), op.pos)
        return left

    def power(self) -> Expr:
        left = self.unary()
        while self.is_op("^"):
            op = self.advance()
            left = Binary("^", left, self.unary(), op.pos)
        return left

    def unary(self) -> Expr:
        if self.is_op("-", "+"):
            op = self.advance()
            return Unary(op.text, self.unary(), op.pos)
        return self.postfix()

    def postfix(self) -> Expr:
        expr = self.atom()
        while True:
            if self.is_op(".") and self.peek().kind in ("name", "quoted"):
                pos = self.advance().pos
                expr = Prop(expr, self.name(), pos)
            elif self.is_op("["):
                pos = self.advance().pos
                start = None if self.is_op("..") else self.expr()
                if self.is_op(".."):
                    self.advance()
                    stop = None if self.is_op("]") else self.expr()
                    expr = Slice(expr, start, stop, pos)
                else:
                    assert start is not None
                    expr = Index(expr, start, pos)
                self.expect_op("]")
            elif self.is_op(":") and isinstance(expr, Var):
                expr = LabelTest(expr, self.labels(), expr.pos)
            else:
                return expr

    def atom(self) -> Expr:
        t = self.tok
        if t.kind in ("number", "string"):
            self.advance()
            return Literal(t.value, t.pos)
        if t.kind == "param":
            self.advance()
            return Param(str(t.value), t.pos)
        if t.kind == "op":
            return self.op_atom(t)
        if t.kind == "quoted":
            return Var(self.name(), t.pos)
        if t.kind != "name":
            raise self.error("expected an expression but found the end")
        word = t.text.upper()
        if word in ("TRUE", "FALSE", "NULL"):
            self.advance()
            return Literal({"TRUE": True, "FALSE": False, "NULL": None}[word], t.pos)
        if word == "CASE":
            return self.case()
        if word in ("EXISTS", "COUNT", "COLLECT") and self.is_op("{", ahead=1):
            return self.subquery(word)
        if self.is_op("(", ahead=1) or (self.is_op(".", ahead=1) and self.is_op("(", ahead=3)):
            return self.function()
        if word in _CLAUSE_WORDS:
            raise self.error(f"expected an expression but found {t.text!r}")
        return Var(self.name(), t.pos)

    def op_atom(self, t: Token) -> Expr:
        if t.text == "(":
            if self.looks_like_pattern():
                path = self.path()
                return PatternExpr(path, t.pos)
            self.advance()
            inner = self.expr()
            self.expect_op(")")
            return inner
        if t.text == "[":
            return self.list_literal()
        if t.text == "{":
            return self.map_literal()
        raise self.error(f"expected an expression but found {t.text!r}")

    def looks_like_pattern(self) -> bool:
        """``(a)-->(b)``, ``(a:X)<-[:R]-()`` start a pattern; ``(a:X OR b)``, ``(a + 1)`` do not."""
        depth = 0
        for j in range(self.i, len(self.tokens)):
            t = self.tokens[j]
            if t.kind == "op" and t.text in ("(", "[", "{"):
                depth += 1
            elif t.kind == "op" and t.text in (")", "]", "}"):
                depth -= 1
                if depth == 0:
                    after, then = self.tokens[j + 1], self.tokens[min(j + 2, len(self.tokens) - 1)]
                    return (after.kind, after.text) in (("op", "-"), ("op", "<")) and (
                        then.kind == "op" and then.text in ("-", "[", ">")
                    )
            elif t.kind == "end":
                return False
        return False

    def list_literal(self) -> Expr:
        pos = self.expect_op("[").pos
        if self.tok.kind == "name" and self.is_word("IN", ahead=1):
            comprehension = self.comprehension(pos)
            self.expect_op("]")
            return comprehension
        items: list[Expr] = []
        if not self.is_op("]"):
            items.append(self.expr())
            while self.is_op(","):
                self.advance()
                items.append(self.expr())
        self.expect_op("]")
        return ListLit(items, pos)

    def comprehension(self, pos: int) -> ListComp:
        """``x IN xs [WHERE …] [| …]``: a list comprehension's body, or a quantifier's."""
        var = self.name()
        self.expect_word("IN")
        source = self.expr()
        where = self.expr() if self.is_word("WHERE") and self.advance() else None
        projection = self.expr() if self.is_op("|") and self.advance() else None
        return ListComp(var, source, where, projection, pos)

    def map_literal(self) -> MapLit:
        pos = self.expect_op("{").pos
        pairs: list[tuple[str, Expr]] = []
        while not self.is_op("}"):
            key = self.name()
            self.expect_op(":")
            pairs.append((key, self.expr()))
            if not self.is_op(","):
                break
            self.advance()
        self.expect_op("}")
        return MapLit(pairs, pos)

    def case(self) -> Expr:
        pos = self.advance().pos
        subject = None if self.is_word("WHEN") else self.expr()
        whens: list[tuple[Expr, Expr]] = []
        while self.is_word("WHEN"):
            self.advance()
            cond = self.expr()
            self.expect_word("THEN")
            whens.append((cond, self.expr()))
        if not whens:
            raise self.error("CASE needs at least one WHEN")
        default = None
        if self.is_word("ELSE"):
            self.advance()
            default = self.expr()
        self.expect_word("END")
        return Case(subject, whens, default, pos)

    def subquery(self, word: str) -> Expr:
        pos = self.advance().pos
        if word == "COLLECT":
            raise self.refuse(
                "COLLECT { } subqueries are not supported", "use OPTIONAL MATCH … collect()", pos
            )
        self.expect_op("{")
        if self.is_word("MATCH"):
            match = self.match()
        else:
            paths = [self.path()]
            where = None
            if self.is_word("WHERE"):
                self.advance()
                where = self.expr()
            match = Match(False, paths, where, pos)
        if not self.is_op("}"):
            raise self.refuse(
                f"{word} {{ }} with clauses after MATCH is not supported",
                "keep one MATCH … WHERE … inside the braces",
            )
        self.advance()
        return Subquery(word, match, pos)

    def function(self) -> Expr:
        pos = self.tok.pos
        name = self.name()
        while self.is_op("."):
            self.advance()
            name += "." + self.name()
        self.expect_op("(")
        if self.is_op("*"):
            self.advance()
            self.expect_op(")")
            return Func(name, [], star=True, pos=pos)
        distinct = bool(self.is_word("DISTINCT") and self.advance())
        args: list[Expr] = []
        if name.lower() in ("all", "any", "none", "single") and self.is_word("IN", ahead=1):
            args.append(self.comprehension(self.tok.pos))  # all(x IN xs WHERE …)
        elif not self.is_op(")"):
            args.append(self.expr())
            while self.is_op(","):
                self.advance()
                args.append(self.expr())
        self.expect_op(")")
        return Func(name, args, distinct, pos=pos)


class _Parser(_ExpressionParser):
    """A whole query: UNION parts, their clauses and the refused clauses."""

    def query(self) -> Query:
        parts = [self.single_query()]
        union_all: list[bool] = []
        while self.is_word("UNION"):
            self.advance()
            union_all.append(bool(self.is_word("ALL") and self.advance()))
            parts.append(self.single_query())
        if self.is_op(";"):
            self.advance()
        if self.tok.kind != "end":
            raise self.error(f"unexpected {self.tok.text!r}")
        return Query(self.text, parts, union_all)

    def single_query(self) -> list[Clause]:
        clauses: list[Clause] = []
        while True:
            self.check_refused()
            if self.is_word("MATCH") or self.is_word("OPTIONAL"):
                clauses.append(self.match())
            elif self.is_word("WITH"):
                clauses.append(self.projection(With))
            elif self.is_word("UNWIND"):
                pos = self.advance().pos
                expr = self.expr()
                self.expect_word("AS")
                clauses.append(Unwind(expr, self.name(), pos))
            elif self.is_word("RETURN"):
                clauses.append(self.projection(Return))
                return clauses
            elif self.tok.kind == "end" or self.is_op(";") or self.is_word("UNION"):
                if not clauses:
                    raise self.error("empty query")
                raise self.error("the query must end with RETURN")
            else:
                raise self.error(
                    f"expected MATCH, OPTIONAL MATCH, WITH, UNWIND or RETURN, "
                    f"found {self.tok.text!r}"
                )

    def check_refused(self) -> None:
        word = self.tok.text.upper() if self.tok.kind == "name" else ""
        if word in _WRITES:
            feature = "DELETE" if word == "DETACH" else word
            raise self.refuse(
                f"{feature} is not allowed",
                "ecox runs Cypher read-only; change the graph files and load them again",
            )
        if word == "LOAD":
            raise self.refuse(
                "LOAD CSV is not allowed",
                "ecox runs Cypher read-only on the loaded graph; load files with ecox's loaders",
            )
        if word == "CALL":
            raise self.refuse(
                "CALL (procedures and subqueries) is not supported",
                "use MATCH … WITH … or EXISTS { } / COUNT { }",
            )
        if word == "USE":
            raise self.refuse("USE is not supported", "the embedded engine holds one graph")

    def projection(self, cls: type[With] | type[Return]) -> With | Return:
        pos = self.advance().pos
        distinct = bool(self.is_word("DISTINCT") and self.advance())
        items: list[Item] = []
        star = False
        if self.is_op("*"):
            self.advance()
            star = True
        else:
            items.append(self.item())
        while self.is_op(","):
            self.advance()
            items.append(self.item())
        order: list[tuple[Expr, bool]] = []
        if self.is_word("ORDER"):
            self.advance()
            self.expect_word("BY")
            while True:
                expr = self.expr()
                descending = False
                if self.is_word("DESC", "DESCENDING"):
                    self.advance()
                    descending = True
                elif self.is_word("ASC", "ASCENDING"):
                    self.advance()
                order.append((expr, descending))
                if not self.is_op(","):
                    break
                self.advance()
        skip = limit = None
        if self.is_word("SKIP", "OFFSET"):
            self.advance()
            skip = self.expr()
        if self.is_word("LIMIT"):
            self.advance()
            limit = self.expr()
        if cls is With:
            where = None
            if self.is_word("WHERE"):
                self.advance()
                where = self.expr()
            return With(distinct, items, star, order, skip, limit, pos, where)
        return Return(distinct, items, star, order, skip, limit, pos)

    def item(self) -> Item:
        start = self.tok.pos
        expr = self.expr()
        end = self.tokens[self.i - 1]
        text = self.text[start : end.pos + len(end.text)]
        alias = None
        if self.is_word("AS"):
            self.advance()
            alias = self.name()
        return Item(expr, alias, text)


def parse(text: str) -> Query:
    """Parse one read-only Cypher query (several parts joined by ``UNION``).

    Raises
    ------
    CypherSyntaxError
        Not Cypher this parser reads; the message quotes the line and marks the column.
    CypherFeatureRefused
        A write clause, ``LOAD CSV``, ``CALL`` or another refused feature.

    Examples
    --------
    >>> parse("MATCH (a) RETURN a.name AS name ORDER BY name").parts[0][1].order[0][1]
    False
    >>> parse("MATCH (a) RETURN a.name AS")
    Traceback (most recent call last):
    ...
    ecox.queries.cypher_parse.CypherSyntaxError: expected a name but found the end at line 1, ...
    """
    return _Parser(text).query()
