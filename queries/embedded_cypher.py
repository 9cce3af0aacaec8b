"""Cypher on an embedded graph database, answering as Neo4j answers.

:func:`run` parses the analyst's query (:mod:`queries.cypher_parse`), prints it
for LadybugDB with Neo4j's semantics (:mod:`queries.cypher_translate`) and runs
it on the graph's cached store (:mod:`store.embedded`). The table has the shape of
:func:`queries.cypher.run_cypher`: one row per result, the columns in ``RETURN``
order and named as Neo4j names them, nodes and relationships as dicts of their
(non-null) properties, paths as lists of node dicts.

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> g = ClaimGraph.build(
...     [("甲基金", ["Fund", "Investor"], []), ("乙公司", ["Enterprise"], []),
...      ("丙公司", ["Enterprise"], [])],
...     [{"source": "甲基金", "target": "乙公司", "type": "INVESTED_IN", "amount": 5e6},
...      {"source": "甲基金", "target": "丙公司", "type": "INVESTED_IN"}])
>>> run(g, "MATCH (f:Fund:Investor)-[r:INVESTED_IN]->(e:Enterprise) "
...        "RETURN e.name AS company, r.amount ORDER BY company")
  company   r.amount
0     丙公司        NaN
1     乙公司  5000000.0
>>> run(g, "MATCH (e:Enterprise) WHERE NOT (e)<-[:INVESTED_IN]-() RETURN count(*) AS n")
   n
0  0
>>> run(g, "MATCH (a) SET a.name = 'x' RETURN a")
Traceback (most recent call last):
...
ecox.queries.cypher_parse.CypherFeatureRefused: SET is not allowed: ecox runs Cypher read-only; ...
"""

from __future__ import annotations

__all__ = [
    "CypherFeatureRefused",
    "CypherSyntaxError",
    "answer",
    "check_parameters",
    "plain_result",
    "prepare",
    "run",
]

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from ecox.queries.cypher_absent import empty_twin, matches_nothing
from ecox.queries.cypher_answer import Answer
from ecox.queries.cypher_ast import Binary, Func, Match, Query, RelPat, Return
from ecox.queries.cypher_deadline import Deadline
from ecox.queries.cypher_hops import one_query_per_length
from ecox.queries.cypher_order import answer_order, sort_answer, without_order
from ecox.queries.cypher_parse import (
    CypherFeatureRefused,
    CypherSyntaxError,
    _where,
    parse,
    tokenize,
)
from ecox.queries.cypher_translate import translate
from ecox.store.embedded import EmbeddedStore, open_store
from ecox.store.neo4j_ownership import DEFAULT_GRAPH_NAME, GRAPH_PROPERTY

if TYPE_CHECKING:  # pandas loads when a DataFrame is asked for (the command writes without it)
    import pandas as pd

    from ecox.graph.claims import ClaimGraph

logger = logging.getLogger(__name__)
#: LadybugDB column types whose values Arrow gives as plain Python values (also as lists).
_PLAIN_TYPES = frozenset(
    {"BOOL", "INT8", "INT16", "INT32", "INT64", "INT128", "UINT8", "UINT16", "UINT32"}
    | {"UINT64", "FLOAT", "DOUBLE", "STRING", "DATE"}
)


#: LadybugDB column types of nodes and relationships (:func:`_entities` reads them from Arrow).
_ENTITY_TYPES = frozenset({"NODE", "REL"})


def prepare(
    query: str,
    stored: frozenset[str] | None = None,
    constants: Mapping[str, str] | None = None,
) -> tuple[str, list[str]]:
    """The LadybugDB text of a query and its column names (see :mod:`queries.cypher_translate`;
    ``stored``: the claim properties the store holds, default all; ``constants``: those with
    one value on every claim, not stored).

    Examples
    --------
    >>> prepare("MATCH (a)-[r]->(b) RETURN type(r) AS rel, count(*)")[1]
    ['rel', 'count(*)']
    """
    return translate(parse(query), stored, constants)


def run(graph: ClaimGraph, query: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Run a read-only Cypher query on the embedded database built from ``graph``.

    Parameters
    ----------
    graph : ClaimGraph
        The graph; its store is built on first use and cached (:func:`store.embedded.open_store`).
    query : str
        Cypher as for Neo4j; ``$name`` refers to ``params[name]``.
    params : mapping, optional
        Parameter values (strings, numbers, booleans, None, lists of those).

    Returns
    -------
    pandas.DataFrame
        Columns in ``RETURN`` order, named as Neo4j names them.

    Raises
    ------
    CypherSyntaxError
        The text is not Cypher the parser reads, or a ``$name`` has no value; the message
        shows the analyst's line and a caret under the column.
    CypherFeatureRefused
        A write, ``LOAD CSV`` or a feature the engine cannot run as Neo4j does.
    """
    prepare(query)  # refusals and syntax errors before the store is built
    check_parameters(query, params)
    return _answer(open_store(graph), query, params).frame()


def answer(store: EmbeddedStore, query: str, params: Mapping[str, Any] | None = None) -> Answer:
    """:func:`run` on an open store, the answer as plain columns (no pandas needed to
    write it: :meth:`~queries.cypher_answer.Answer.render`).

    Examples
    --------
    >>> import ecox
    >>> answer(open_store(ecox.seed()), "MATCH (a) RETURN count(*) AS n").render("csv", rows=None)
    'n\\n128\\n'
    """
    prepare(query)
    check_parameters(query, params)
    return _answer(store, query, params)


def _answer(store: EmbeddedStore, query: str, params: Mapping[str, Any] | None) -> Answer:
    shape = parse(query)  # read by the checks below; what rewrites a query parses its own
    try:  # every call below may meet the engine's timeout (RuntimeError)
        if matches_nothing(shape, store):  # the same answer as on an empty graph, at once
            store = empty_twin(store)
        text, columns = prepare(query, store.claim_properties, store.claim_constants)
        logger.debug("embedded query: %s", text)
        deadline = Deadline(store)
        found = _computed(store, shape, query, params, deadline)
        order = answer_order(shape)
        if found is None:
            found = _combined_lengths(store, query, params, columns, order, deadline)
        if found is None and order is not None:  # the engine answers unsorted, sorted here
            unsorted, _ = translate(
                without_order(parse(query)), store.claim_properties, store.claim_constants
            )
            found = _result(store, unsorted, _params(params), columns, store.claim_constants, order)
        if found is None:
            found = _result(store, text, _params(params), columns, store.claim_constants)
        assert found is not None  # without an order the answer is always there
    except RuntimeError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise CypherSyntaxError(
            f"the embedded engine could not run this query ({first}):\n  {query.strip()}"
        ) from error
    return found


def _computed(
    store: EmbeddedStore,
    shape: Query,
    query: str,
    params: Mapping[str, Any] | None,
    deadline: Deadline,
) -> Answer | None:
    """The answer of a path-counting or shortest-path query computed beside the engine
    (:mod:`queries.cypher_counts`, :mod:`queries.cypher_shortest`), else None."""
    if _may_count_paths(shape):
        from ecox.queries.cypher_counts import count_paths  # numpy, scipy and pandas

        counted = count_paths(parse(query), store, _params(params), deadline)
        if counted is not None:
            return Answer(list(map(str, counted.columns)), frame=counted)
    if _searches_shortest(shape):
        from ecox.queries.cypher_shortest import shortest_paths  # numpy, scipy and pandas

        found = shortest_paths(parse(query), store, _params(params), deadline)
        if found is not None:
            return Answer(list(map(str, found.columns)), frame=found)
    return None


def _combined_lengths(
    store: EmbeddedStore,
    query: str,
    params: Mapping[str, Any] | None,
    columns: list[str],
    order: list[tuple[int, bool]] | None,
    deadline: Deadline,
) -> Answer | None:
    """The answer put together from one query per length of a short variable-length
    relationship (:func:`queries.cypher_hops.one_query_per_length`): the groups of all
    lengths as one table, each group's counts and sums added, its minima and maxima taken.
    None when the query is not of that shape, a part's answer is not plain values or a
    grouping key is a list (Arrow groups by scalars only)."""
    parsed = parse(query)
    if answer_order(parsed) is not None:
        parsed = without_order(parsed)
    elif any(isinstance(c, Return) and c.order for c in parsed.parts[-1]):
        return None
    split = one_query_per_length(parsed)
    if split is None:
        return None
    parts, how = split
    tables = []
    for part in parts:
        deadline.check()
        text, _ = translate(part, store.claim_properties, store.claim_constants)
        found = _result(store, text, _params(params), columns, store.claim_constants)
        if found is None or found.table is None:
            return None
        tables.append(found.table.rename_columns([str(i) for i in range(len(columns))]))
    keys = [str(i) for i, combine in enumerate(how) if combine is None]
    if any(not _groupable(tables[0].column(key).type) for key in keys):
        return None
    try:
        table = pa.concat_tables(tables, promote_options="permissive")
    except pa.ArrowException:
        return None
    sums = [(str(i), combine) for i, combine in enumerate(how) if combine is not None]
    grouped = table.group_by(keys, use_threads=False).aggregate(sums)
    names = {f"{column}_{combine}": column for column, combine in sums}
    grouped = grouped.rename_columns([names.get(n, n) for n in grouped.column_names])
    table = _sorted_table(grouped.select([str(i) for i in range(len(columns))]), order)
    return None if table is None else Answer(columns, table=table)


def _sorted_table(table: pa.Table, order: list[tuple[int, bool]] | None) -> pa.Table | None:
    """``table`` with its rows sorted by ``order`` (unchanged without one), or None when Arrow
    cannot sort them as Neo4j does (:func:`queries.cypher_order.sort_answer`)."""
    if order is None:
        return table
    rows = sort_answer(table.columns, order)
    return None if rows is None else table.take(rows)


def _groupable(kind: pa.DataType) -> bool:
    return not (pa.types.is_list(kind) or pa.types.is_large_list(kind) or pa.types.is_struct(kind))


def _may_count_paths(query: Query) -> bool:
    """Whether :func:`queries.cypher_counts.count_paths` may answer ``query`` (one MATCH of
    a relationship pattern, every RETURN item a function or an equality): the others never
    load it."""
    if len(query.parts) != 1 or len(query.parts[0]) != 2:
        return False
    match, ret = query.parts[0]
    if not isinstance(match, Match) or not isinstance(ret, Return):
        return False
    relationships = any(isinstance(e, RelPat) for path in match.paths for e in path.elements)
    return relationships and all(isinstance(item.expr, Func | Binary) for item in ret.items)


def _searches_shortest(query: Query) -> bool:
    """Whether ``query`` has a shortestPath / allShortestPaths pattern (the others never load
    :mod:`queries.cypher_shortest`)."""
    return any(
        isinstance(clause, Match) and any(path.function for path in clause.paths)
        for part in query.parts
        for clause in part
    )


def _result(
    store: EmbeddedStore,
    text: str,
    params: dict[str, Any],
    columns: list[str],
    constants: Mapping[str, str],
    order: list[tuple[int, bool]] | None = None,
) -> Answer | None:
    """The answer: column by column through Arrow when every column holds plain values (text,
    numbers, booleans, dates and lists of them; several times faster than row by row), else
    each value through :func:`plain_result` (nodes, relationships, paths, maps). With
    ``order`` (see :func:`queries.cypher_order.answer_order`) the rows are sorted by those
    columns; None when they cannot be (:func:`queries.cypher_order.sort_answer`)."""
    result = store.connection.execute(text, params)
    if isinstance(result, list):  # several statements: the last one answers
        result = result[-1]
    if all(t.rstrip("[]") in _PLAIN_TYPES for t in result.get_column_data_types()):
        table = _sorted_table(result.get_as_arrow(), order)
        return None if table is None else Answer(columns, table=table)
    kinds = result.get_column_data_types()
    if all(t.rstrip("[]") in _PLAIN_TYPES | _ENTITY_TYPES for t in kinds):
        table = result.get_as_arrow()
        columns_values = [
            _entities(column, constants)
            if kind.rstrip("[]") in _ENTITY_TYPES
            else column.to_pylist()
            for column, kind in zip(table.columns, kinds, strict=True)
        ]
        values = [list(row) for row in zip(*columns_values, strict=True)]
    else:
        values = [[plain_result(v, constants) for v in row] for row in result.get_all()]
    if order is not None:
        rows = _sorted_rows(values, order)
        if rows is None:
            return None
        values = [values[i] for i in rows.to_pylist()]
    return Answer(columns, rows=values)


def _entities(column: pa.ChunkedArray, constants: Mapping[str, str]) -> list[Any]:
    """A column of nodes or relationships (or lists of them) from Arrow as :func:`plain_result`
    gives them: the properties read field by field, each dict built once (eight times less
    CPU than converting LadybugDB's values one by one for a million paths' relationships).

    Examples
    --------
    >>> kind = pa.struct([("_LABEL", pa.string()), ("_SRC", pa.int64()), ("id", pa.string()),
    ...                   ("amount", pa.float64())])
    >>> rels = pa.chunked_array([pa.array([[{"_LABEL": "LENT_TO", "_SRC": 1, "id": "c1",
    ...                                      "amount": None}], None], pa.list_(kind))])
    >>> _entities(rels, {})
    [[{'id': 'c1', 'ecox_graph': 'default'}], None]
    """
    chunk = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    nested = pa.types.is_list(chunk.type)
    items = chunk.flatten() if nested else chunk
    kind = items.type
    keys = [kind.field(i).name for i in range(kind.num_fields)]
    fixed = dict(constants) if "_SRC" in keys else {}
    fixed[GRAPH_PROPERTY] = DEFAULT_GRAPH_NAME
    shown = [k for k in keys if not k.startswith("_")]
    fields = [items.field(k).to_pylist() for k in shown]
    valid = items.is_valid().to_pylist()
    dicts = (
        [
            {**{k: v for k, v in zip(shown, row, strict=True) if v is not None}, **fixed}
            if ok
            else None
            for ok, row in zip(valid, zip(*fields, strict=True), strict=True)
        ]
        if fields
        else [dict(fixed) if ok else None for ok in valid]
    )
    if not nested:
        return dicts
    starts = chunk.offsets.to_pylist()
    first = starts[0]
    present = chunk.is_valid().to_pylist()
    return [
        dicts[start - first : stop - first] if ok else None
        for ok, start, stop in zip(present, starts, starts[1:], strict=False)
    ]


def _sorted_rows(values: list[list[Any]], order: list[tuple[int, bool]]) -> pa.Array | None:
    """The order of rows of Python values by ``order``'s columns (None: not sortable here)."""
    try:
        keys = [pa.array([row[column] for row in values]) for column, _ in order]
    except (pa.ArrowException, TypeError, ValueError):
        return None
    return sort_answer(keys, [(i, descending) for i, (_, descending) in enumerate(order)])


def check_parameters(query: str, params: Mapping[str, Any] | None) -> None:
    """Raise :class:`CypherSyntaxError` at the first ``$name`` of ``query`` without a value.

    LadybugDB would read a missing parameter as null and answer with no rows.

    Examples
    --------
    >>> check_parameters("MATCH (a) WHERE a.name IN $names RETURN a", {"names": []})
    >>> check_parameters("MATCH (a)\\nWHERE a.name = $who RETURN a", {})
    Traceback (most recent call last):
    ...
    ecox.queries.cypher_parse.CypherSyntaxError: parameter $who has no value ...
    """
    for token in tokenize(query):
        if token.kind == "param" and token.value not in (params or {}):
            raise CypherSyntaxError(
                f"parameter ${token.value} has no value (give it one: --param {token.value}=VALUE, "
                f":param {token.value}=VALUE in ecox shell, params={{{token.value!r}: …}} in "
                f"Python) "
                f"at {_where(query, token.pos)}"
            )


def _params(params: Mapping[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in (params or {}).items():
        out[key] = list(value) if isinstance(value, tuple) else value
    return out


def plain_result(value: Any, constants: Mapping[str, str] | None = None) -> Any:
    """A LadybugDB value as Neo4j's driver gives it through ecox: nodes and claims as dicts.

    Internal keys (``_ID``, ``_LABEL``, …) and null properties are dropped (Neo4j stores
    no nulls) and the graph name ecox pushes with every node and claim is added, and to
    every claim the ``constants`` (claim properties with one value on every claim, not
    stored); a path becomes the list of its node dicts, a variable-length relationship the
    list of its relationship dicts.

    Examples
    --------
    >>> plain_result({"_ID": {"offset": 0, "table": 0}, "_LABEL": "Actor", "id": "a1",
    ...               "name": "甲", "amount": None})
    {'id': 'a1', 'name': '甲', 'ecox_graph': 'default'}
    >>> plain_result([1, {"_NODES": [], "_RELS": [{"_LABEL": "LENT_TO", "id": "c1"}]}])
    [1, [{'id': 'c1', 'ecox_graph': 'default'}]]
    """
    if isinstance(value, dict):
        if "_NODES" in value and "_RELS" in value:
            if value["_NODES"]:
                return [plain_result(n, constants) for n in value["_NODES"]]
            return [plain_result(r, constants) for r in value["_RELS"]]
        if "_LABEL" in value or "_ID" in value:
            # the graph name ecox pushes onto every node and claim is not stored (constant)
            plain = {
                k: plain_result(v, constants)
                for k, v in value.items()
                if not k.startswith("_") and v is not None
            }
            fixed = dict(constants or {}) if "_SRC" in value else {}
            return {**plain, **fixed, GRAPH_PROPERTY: DEFAULT_GRAPH_NAME}
        return {k: plain_result(v, constants) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_result(v, constants) for v in value]
    return value
