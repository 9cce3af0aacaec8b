"""Short variable-length relationships read element by element, as fixed-length chains.

``MATCH (a:Bank)-[rs*1..2]->(b) RETURN [x IN rs | x.id] AS ids`` makes LadybugDB build
every path by its recursive join and then the lists of its relationships' properties.
When the longest length is small (at most :data:`MAX_HOPS`), the same rows are the
``UNION ALL`` of one query per length, each over a chain of single relationships
``(a)-[rs_1]->(_rs_1:Actor)-[rs_2]->(b)``, in which ``rs`` is the list ``[rs_1, rs_2]``;
and an expression on that list is usually known from its shape: ``size(rs)`` is 2,
``rs[0].id`` is ``rs_1.id``, ``rs[5].id`` is null, ``[x IN rs | x.id]`` is ``[rs_1.id,
rs_2.id]``. A path variable over the pattern becomes its nodes and relationships the same
way. Neo4j's rule that a match uses a relationship once holds, since the translator writes
the relationships of one ``MATCH`` pairwise unequal. The middle nodes are labelled
``Actor``: every node inside a trail is one (an unnamed counterpart ends a single claim),
and LadybugDB 0.22 loses rows of a chain whose middle nodes have no label.

:func:`fixed_lengths` rewrites a query so when:

* its one variable-length relationship is in a ``MATCH`` (not optional) before the first
  ``WITH`` or ``RETURN``, with ``*a..b``, ``1 <= a <= b <= MAX_HOPS``, not a shortest path;
* no ``WITH`` aggregates, is ``DISTINCT`` or has ``ORDER BY``, ``SKIP`` or ``LIMIT``; the
  ``RETURN`` has no ``ORDER BY`` (the answer is sorted afterwards, see
  :mod:`queries.cypher_order`), ``SKIP`` or ``LIMIT``;
* when the ``RETURN`` aggregates or is ``DISTINCT``, one of its grouping keys tells the
  lengths apart (a list as long as the path, ``size(rs)``): no group takes rows of two parts;
* no list of the chain's relationships is indexed by anything but a number.

A ``WITH`` that passes the list on passes its relationships instead, so the expressions
after it are known the same way. Anything else is returned unchanged.
:func:`one_query_per_length` gives the parts of a query whose ``RETURN`` aggregates over all
lengths at once, when the aggregates can be put together from each part's answer (a
``UNION`` cannot be aggregated, and LadybugDB 0.22 has no ``CALL { }`` subquery).

Examples
--------
>>> from ecox.queries.cypher_parse import parse
>>> q = fixed_lengths(parse("MATCH (a)-[rs*1..2]->(b) RETURN rs[1].id AS second"))
>>> len(q.parts), [str(part[-1].items[0].expr.__class__.__name__) for part in q.parts]
(2, ['Case', 'Prop'])
"""

from __future__ import annotations

__all__ = ["MAX_HOPS", "fixed_lengths", "one_query_per_length"]

import copy
from dataclasses import fields, is_dataclass, replace
from typing import Any

from ecox.queries.cypher_ast import (
    Case,
    Clause,
    Expr,
    Func,
    Index,
    Item,
    ListComp,
    ListLit,
    Literal,
    Match,
    NodePat,
    Path,
    Projection,
    Prop,
    Query,
    RelPat,
    Return,
    Slice,
    Unary,
    Var,
    With,
    walk,
)

#: The longest variable-length relationship rewritten (a chain of 3 is one join per hop).
MAX_HOPS = 3
_AGGREGATES = frozenset(
    {"count", "sum", "avg", "min", "max", "collect", "stdev", "stdevp"}
    | {"percentilecont", "percentiledisc"}
)
#: How the per-length answers of an aggregate combine (:func:`one_query_per_length`).
_COMBINED = {"count": "sum", "sum": "sum", "min": "min", "max": "max"}


def one_query_per_length(query: Query) -> tuple[list[Query], list[str | None]] | None:
    """The queries :func:`fixed_lengths` would join, when their ``RETURN`` aggregates so that
    they cannot be joined but the answer can be put together from theirs: every returned
    column a grouping key or ``count``, ``sum``, ``min``, ``max`` (not ``DISTINCT``) of
    values without an aggregate. With them, how each column combines: None for a key,
    ``"sum"``, ``"min"`` or ``"max"``. None for any other query.

    Examples
    --------
    >>> from ecox.queries.cypher_parse import parse
    >>> q = parse("MATCH (a:Fund)-[rs*1..2]->(b) UNWIND rs AS r "
    ...           "RETURN type(r) AS rel, count(*) AS n, max(r.amount) AS top")
    >>> parts, how = one_query_per_length(q)
    >>> len(parts), how
    (2, [None, 'sum', 'max'])
    """
    last = query.parts[0][-1] if len(query.parts) == 1 else None
    if not isinstance(last, Return) or last.distinct or last.star:
        return None
    how: list[str | None] = []
    for item in last.items:
        expr = item.expr
        if not _aggregates(expr):
            how.append(None)
        elif (
            isinstance(expr, Func)
            and expr.name.lower() in _COMBINED
            and not expr.distinct
            and not any(_aggregates(arg) for arg in expr.args)
        ):
            how.append(_COMBINED[expr.name.lower()])
        else:
            return None
    branches = _branches(query)
    if branches is None or len(branches) < 2 or _groups_apart(branches):
        return None
    return [Query(query.text, [branch], []) for branch in branches], how


def fixed_lengths(query: Query) -> Query:
    """``query`` as a ``UNION ALL`` of one query per length of its variable-length
    relationship, or ``query`` itself when it is not of the shape above.

    Examples
    --------
    >>> from ecox.queries.cypher_parse import parse
    >>> q = parse("MATCH (a:Bank)-[rs*1..3]->(b) RETURN size(rs) AS n, count(*) AS k")
    >>> [part[-1].items[0].expr.value for part in fixed_lengths(q).parts]
    [1, 2, 3]
    >>> q = parse("MATCH (a:Bank)-[rs*1..3]->(b) RETURN count(*) AS k")
    >>> fixed_lengths(q) is q
    True
    """
    branches = _branches(query)
    if branches is None or not _groups_apart(branches):
        return query
    if len(branches) > 1:
        for branch in branches:
            _distinct_columns(branch[-1])  # type: ignore[arg-type]
    return Query(query.text, branches, [True] * (len(branches) - 1))


def _branches(query: Query) -> list[list[Clause]] | None:
    """The query's one part once per length of its variable-length relationship, or None."""
    if len(query.parts) != 1:
        return None
    part = query.parts[0]
    found = _variable_hop(part)
    if found is None or not _projections_allow(part):
        return None
    at, path_index, rel_index = found
    match = part[at]
    assert isinstance(match, Match)
    rel = match.paths[path_index].elements[rel_index]
    assert isinstance(rel, RelPat) and rel.hops is not None
    low, high = rel.hops
    assert low is not None and high is not None
    taken = {n for n in walk(part) if isinstance(n, str)}
    branches = []
    for hops in range(low, high + 1):
        branch = _branch(part, at, path_index, rel_index, hops, taken)
        if branch is None:
            return None
        branches.append(branch)
    return branches


def _variable_hop(part: list[Clause]) -> tuple[int, int, int] | None:
    """Where the part's one rewritable variable-length relationship is (clause, path,
    element), or None."""
    found = []
    for at, clause in enumerate(part):
        for path_index, path in enumerate(getattr(clause, "paths", [])):
            for rel_index, element in enumerate(path.elements):
                if isinstance(element, RelPat) and element.hops is not None:
                    found.append((at, path_index, rel_index))
    if len(found) != 1:
        return None
    at, path_index, rel_index = found[0]
    clause = part[at]
    first_projection = next(i for i, c in enumerate(part) if isinstance(c, Projection))
    if not isinstance(clause, Match) or clause.optional or at > first_projection:
        return None
    path = clause.paths[path_index]
    rel = path.elements[rel_index]
    assert isinstance(rel, RelPat) and rel.hops is not None
    low, high = rel.hops
    if path.function is not None or low is None or high is None:
        return None
    if not 1 <= low <= high <= MAX_HOPS:
        return None
    return at, path_index, rel_index


def _projections_allow(part: list[Clause]) -> bool:
    """No ``WITH`` aggregates, is ``DISTINCT`` or orders or cuts the rows; no ``RETURN`` orders
    or cuts them (the parts' rows are only put one after the other)."""
    for clause in part:
        if not isinstance(clause, Projection):
            continue
        if clause.order or clause.skip is not None or clause.limit is not None:
            return False
        if isinstance(clause, With) and (
            clause.distinct or any(_aggregates(item.expr) for item in clause.items)
        ):
            return False
    return True


def _aggregates(expr: Expr) -> bool:
    return any(
        isinstance(n, Func) and (n.name.lower() in _AGGREGATES or n.star) for n in walk(expr)
    )


def _fresh(name: str, taken: set[str]) -> str:
    while name in taken:
        name = "_" + name
    taken.add(name)
    return name


def _branch(
    part: list[Clause], at: int, path_index: int, rel_index: int, hops: int, taken: set[str]
) -> list[Clause] | None:
    """The part with the variable-length relationship as a chain of ``hops`` relationships,
    or None when an expression on it cannot be known from the chain."""
    match = part[at]
    assert isinstance(match, Match)
    path = match.paths[path_index]
    rel = path.elements[rel_index]
    assert isinstance(rel, RelPat)
    base = rel.var or "hop"
    names = [_fresh(f"{base}_{i + 1}", set(taken)) for i in range(hops)]
    middles = [_fresh(f"_{base}_{i + 1}", set(taken)) for i in range(hops - 1)]
    chain: list[NodePat | RelPat] = []
    for i in range(hops):
        if i:
            # every node inside a trail is an actor (an unnamed counterpart ends one claim);
            # LadybugDB 0.22 loses rows of a chain with unlabelled middle nodes (module notes)
            chain.append(NodePat(middles[i - 1], [["Actor"]], None, rel.pos))
        chain.append(replace(rel, var=names[i], hops=None))
    elements = path.elements[:rel_index] + chain + path.elements[rel_index + 1 :]
    lists: dict[str, ListLit] = {}
    if rel.var is not None:
        lists[rel.var] = ListLit([Var(n, rel.pos) for n in names], rel.pos)
    named_path = path.var
    if named_path is not None:
        elements = [_named(e, i, taken) for i, e in enumerate(elements)]
    new_path = Path(None if named_path else path.var, elements, None, path.pos)
    paths = list(match.paths)
    paths[path_index] = new_path
    out: list[Clause] = copy.deepcopy(part)  # the translator changes clauses in place
    out[at] = replace(match, paths=paths)
    path_lists = None
    if named_path is not None:
        nodes: list[Expr] = [
            Var(e.var, path.pos) for e in elements if isinstance(e, NodePat) and e.var
        ]
        rels: list[Expr] = [
            Var(e.var, path.pos) for e in elements if isinstance(e, RelPat) and e.var
        ]
        path_lists = (named_path, ListLit(nodes, path.pos), ListLit(rels, path.pos))
    for i in range(at, len(out)):
        clause = out[i]
        if isinstance(clause, Match) and i == at:
            clause = replace(clause, where=_known(clause.where, lists, path_lists))
        elif isinstance(clause, Projection):
            items = []
            for item in clause.items:
                passed = isinstance(item.expr, Var) and item.expr.name in lists
                if passed and isinstance(clause, With):
                    assert isinstance(item.expr, Var)
                    chain_list = lists.pop(item.expr.name)
                    lists[item.name] = chain_list
                    items += [Item(v, None, v.name) for v in chain_list.items if isinstance(v, Var)]
                else:
                    items.append(replace(item, expr=_known(item.expr, lists, path_lists)))
            clause = replace(clause, items=items)
            if isinstance(clause, With):
                if clause.where is not None:
                    clause = replace(clause, where=_known(clause.where, lists, path_lists))
                path_lists = None  # a path is not passed on by name
        else:
            clause = _known(clause, lists, path_lists)
        out[i] = clause
    if any(_indexed_unknown(n) for n in walk(out)):
        return None
    if named_path is not None and named_path in {n.name for n in walk(out) if isinstance(n, Var)}:
        return None  # the path itself is used, not only its nodes, relationships or length
    return out


def _named(element: NodePat | RelPat, i: int, taken: set[str]) -> NodePat | RelPat:
    if element.var is not None:
        return element
    return replace(element, var=_fresh(f"_p{i}", taken))


def _indexed_unknown(node: object) -> bool:
    """An index or slice of a chain's list that is still there (not a number)."""
    return (
        isinstance(node, Index | Slice)
        and isinstance(node.subject, ListLit)
        and any(isinstance(n, Var) for n in walk(node.subject))
    )


def _known(tree: Any, lists: dict[str, ListLit], path: tuple[str, ListLit, ListLit] | None) -> Any:
    """``tree`` with the lists put in place of their names and what is known of them worked out."""
    if isinstance(tree, list):
        return [_known(item, lists, path) for item in tree]
    if isinstance(tree, tuple):
        return tuple(_known(item, lists, path) for item in tree)
    if not is_dataclass(tree) or isinstance(tree, type):
        return tree
    if isinstance(tree, Var) and tree.name in lists:
        return lists[tree.name]
    if isinstance(tree, ListComp) and tree.var in lists:  # the comprehension's own variable
        inner = {k: v for k, v in lists.items() if k != tree.var}
        source = _known(tree.source, lists, path)
        return _simplified(replace(_known(tree, inner, path), source=source), path)
    changes = {f.name: _known(getattr(tree, f.name), lists, path) for f in fields(tree)}
    return _simplified(replace(tree, **changes), path)


def _simplified(expr: Any, path: tuple[str, ListLit, ListLit] | None) -> Any:
    if isinstance(expr, Func) and len(expr.args) == 1 and not expr.distinct:
        name, arg = expr.name.lower(), expr.args[0]
        if path is not None and isinstance(arg, Var) and arg.name == path[0]:
            if name == "nodes":
                return path[1]
            if name == "relationships":
                return path[2]
            if name == "length":
                return Literal(len(path[2].items), expr.pos)
        if isinstance(arg, ListLit):
            if name in ("size", "length"):
                return Literal(len(arg.items), expr.pos)
            if name in ("head", "last"):
                return _item(arg, 0 if name == "head" else -1, expr.pos)
    if isinstance(expr, Index) and isinstance(expr.subject, ListLit):
        index = _number(expr.index)
        if index is not None:
            return _item(expr.subject, index, expr.pos)
    if isinstance(expr, Prop):
        typed = _null_of(expr.subject)
        if typed is not None:
            return _null(Prop(typed, expr.key, expr.pos))
    if (
        isinstance(expr, ListComp)
        and isinstance(expr.source, ListLit)
        and expr.where is None
        and expr.projection is not None
    ):
        items = [_subst(expr.projection, expr.var, item) for item in expr.source.items]
        return ListLit([_simplified(i, path) for i in items], expr.pos)
    return expr


def _number(expr: Expr) -> int | None:
    """The integer a literal (or its negation) is, else None."""
    if isinstance(expr, Unary) and expr.op == "-":
        inner = _number(expr.operand)
        return None if inner is None else -inner
    if isinstance(expr, Literal) and type(expr.value) is int:
        return expr.value
    return None


def _item(items: ListLit, i: int, pos: int) -> Expr:
    """Item ``i`` of the list, past its end a null of the type of its last item (a bare
    ``NULL`` in one part of a ``UNION`` and a number in another are refused by LadybugDB)."""
    if -len(items.items) <= i < len(items.items):
        return items.items[i]
    return _null(items.items[-1])


def _null(typed: Expr) -> Case:
    """A null with the type of ``typed``: ``CASE WHEN false THEN typed END``."""
    return Case(None, [(Literal(False, typed.pos), typed)], None, typed.pos)


def _null_of(expr: Expr) -> Expr | None:
    """What :func:`_null` made ``expr`` from, or None when it is not such a null."""
    if isinstance(expr, Case) and expr.subject is None and expr.default is None:
        (condition, value), *more = expr.whens
        if not more and isinstance(condition, Literal) and condition.value is False:
            return value
    return None


def _subst(tree: Any, name: str, value: Expr) -> Any:
    """``tree`` with the variable ``name`` replaced by ``value`` (not under a comprehension
    that binds ``name`` again)."""
    if isinstance(tree, Var):
        return value if tree.name == name else tree
    if isinstance(tree, list):
        return [_subst(item, name, value) for item in tree]
    if isinstance(tree, tuple):
        return tuple(_subst(item, name, value) for item in tree)
    if isinstance(tree, ListComp) and tree.var == name:
        return replace(tree, source=_subst(tree.source, name, value))
    if is_dataclass(tree) and not isinstance(tree, type):
        return replace(
            tree, **{f.name: _subst(getattr(tree, f.name), name, value) for f in fields(tree)}
        )
    return tree


def _distinct_columns(ret: Return) -> None:
    """Write a column that repeats an earlier one's expression as ``coalesce(…)`` of it: in a
    ``UNION``, LadybugDB 0.22 answers a part whose ``RETURN`` repeats an expression with the
    values of another part's columns (``RETURN x.id AS f, x.id AS l UNION ALL RETURN x.id AS
    f, y.id AS l`` gives ``x.id`` as ``l`` in both parts)."""
    seen: list[list[object]] = []
    for i, item in enumerate(ret.items):
        shape = [
            type(n).__name__ if is_dataclass(n) or isinstance(n, list) else n
            for n in walk(item.expr)
        ]  # the expression without its positions
        if shape in seen:
            ret.items[i] = replace(item, expr=Func("coalesce", [item.expr], pos=item.expr.pos))
        seen.append(shape)


def _groups_apart(branches: list[list[Clause]]) -> bool:
    """Whether the parts' rows may simply be put together: the ``RETURN`` neither aggregates
    nor is ``DISTINCT``, or one of its keys differs between every two parts."""
    returns = [branch[-1] for branch in branches]
    assert all(isinstance(r, Return) for r in returns)
    first = returns[0]
    assert isinstance(first, Return)
    if not first.distinct and not any(_aggregates(item.expr) for item in first.items):
        return True
    if len(branches) == 1:
        return True
    for column in range(len(first.items)):
        exprs = [r.items[column].expr for r in returns if isinstance(r, Return)]
        if _aggregates(exprs[0]):
            continue
        sizes = [
            len(e.items) if isinstance(e, ListLit) else repr(e.value)
            for e in exprs
            if isinstance(e, ListLit) or (isinstance(e, Literal) and e.value is not None)
        ]
        if len(sizes) == len(exprs) and len(set(sizes)) == len(sizes):
            return True
    return False
