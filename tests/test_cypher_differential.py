"""The embedded Cypher engine against a real Neo4j 5.26 on the same graphs.

Every analyst query (tests/cypher_analyst_queries.py) runs on both engines, on the seed and
on a synthetic ecosystem, and is classified:

SAME     the same table (rows in order when the query orders them, else as a multiset)
REFUSED  the embedded engine refused it in one line naming the feature
WRONG    both answered, differently
UNCLEAR  any other error (an engine error, a refusal over several lines, a bad test query)

The same for 500 seeded random queries (tests/cypher_random_queries.py) per graph. The
tests fail on any WRONG or UNCLEAR and print the counts.
"""

from __future__ import annotations

__all__: list[str] = []

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import neo4j
import pandas as pd
import pytest

from ecox.graph.claims import ClaimGraph
from ecox.graph.synthetic import synthetic_claim_graph
from ecox.queries.backend import Neo4jBackend
from ecox.queries.catalogue import check_params, named_queries, named_query
from ecox.queries.cypher_ast import Return
from ecox.queries.cypher_parse import CypherFeatureRefused, parse
from ecox.queries.embedded_cypher import run
from ecox.store.neo4j import connect, push
from tests.cypher_analyst_queries import ANALYST_QUERIES, analyst_params
from tests.cypher_random_queries import carried_queries, random_queries

if TYPE_CHECKING:
    from tests.neo4j_fixture import Neo4jServer

pytestmark = pytest.mark.neo4j


def _norm(value: Any) -> Any:
    """A value both engines' answers can be compared by (floats to 9 significant digits)."""
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime):
        return value.iso_format()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() else float(f"{value:.9g}")
    if isinstance(value, dict):
        return tuple(sorted((k, _norm(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_norm(v) for v in value)
    return value


def _rows(frame: pd.DataFrame, ordered: bool) -> list[tuple[Any, ...]]:
    rows = [tuple(_norm(v) for v in row) for row in frame.itertuples(index=False)]
    return rows if ordered else sorted(rows, key=repr)


def _ordered(query: str) -> bool:
    last = parse(query).parts[-1][-1]
    return isinstance(last, Return) and bool(last.order) and len(parse(query).parts) == 1


def classify(graph: ClaimGraph, neo: Neo4jBackend, query: str, params: dict[str, Any]) -> str:
    """SAME, REFUSED, WRONG or UNCLEAR (with the reason after a colon)."""
    try:
        mine = run(graph, query, params)
    except CypherFeatureRefused as refusal:
        one_line = "\n" not in str(refusal)
        return "REFUSED" if one_line else f"UNCLEAR: refusal over several lines: {refusal}"
    except Exception as error:  # every other failure is classified
        return f"UNCLEAR: embedded {type(error).__name__}: {error}"
    try:
        theirs = neo.cypher(query, params)
    except Exception as error:
        return f"UNCLEAR: neo4j {type(error).__name__}: {error}"
    if list(mine.columns) != list(theirs.columns):
        return f"WRONG: columns {list(mine.columns)} vs {list(theirs.columns)}"
    ordered = _ordered(query)
    a, b = _rows(mine, ordered), _rows(theirs, ordered)
    if a == b:
        return "SAME"
    return f"WRONG: {len(a)} vs {len(b)} rows; first difference {_first_difference(a, b)}"


def _first_difference(a: list[Any], b: list[Any]) -> str:
    for x, y in zip(a, b, strict=False):
        if x != y:
            return f"{x!r} vs {y!r}"
    return "in the row count"


def _suite(
    server: Neo4jServer,
    graph: ClaimGraph,
    label: str,
    queries: Sequence[str],
    params: dict[str, Any] | None = None,
) -> Counter[str]:
    server.wipe()
    with connect(server.uri, database=server.database) as conn:
        push(graph, conn)
        neo = Neo4jBackend(conn)
        params = params or analyst_params(graph)
        counts: Counter[str] = Counter()
        problems = []
        for query in queries:
            used = {k: v for k, v in params.items() if f"${k}" in query}
            verdict = classify(graph, neo, query, used)
            counts[verdict.split(":")[0]] += 1
            if verdict.startswith(("WRONG", "UNCLEAR")):
                problems.append(f"{verdict}\n    {query}")
    print(f"\n{label}: {dict(counts)} of {len(queries)} queries")
    for problem in problems:
        print(" ", problem)
    return counts


@pytest.mark.parametrize("which", ["seed", "synthetic"])
def test_analyst_queries_match_neo4j(
    neo4j_server: Neo4jServer, seed_graph: ClaimGraph, which: str
) -> None:
    graph = seed_graph if which == "seed" else synthetic_claim_graph(400, seed=3)
    counts = _suite(neo4j_server, graph, f"{which}, analyst", ANALYST_QUERIES)
    assert len(ANALYST_QUERIES) >= 100
    assert counts["WRONG"] == 0 and counts["UNCLEAR"] == 0, dict(counts)
    answered = counts["SAME"] / len(ANALYST_QUERIES)
    assert answered >= 0.95, f"only {answered:.0%} answered"


@pytest.mark.slow
@pytest.mark.parametrize("which", ["seed", "synthetic"])
def test_random_queries_match_neo4j(
    neo4j_server: Neo4jServer, seed_graph: ClaimGraph, which: str
) -> None:
    graph = seed_graph if which == "seed" else synthetic_claim_graph(400, seed=3)
    queries = random_queries(500, seed=2026)
    counts = _suite(neo4j_server, graph, f"{which}, random", queries)
    assert counts["WRONG"] == 0 and counts["UNCLEAR"] == 0, dict(counts)
    assert counts["SAME"] == len(queries), dict(counts)


@pytest.mark.parametrize("which", ["seed", "synthetic"])
def test_named_queries_match_neo4j(
    neo4j_server: Neo4jServer, seed_graph: ClaimGraph, which: str
) -> None:
    graph = seed_graph if which == "seed" else synthetic_claim_graph(400, seed=3)
    degree = pd.concat([graph.claims["source"], graph.claims["target"]]).value_counts()
    a, b = (str(actor) for actor in degree.index[degree.index != ""][:2])
    queries, params = [], {"a": a, "b": b, "top": 10}
    for name in sorted(named_queries()):
        query = named_query(name)
        queries.append(query.text)
        check_params(query, {k: v for k, v in params.items() if f"${k}" in query.text})
    counts = _suite(neo4j_server, graph, f"{which}, named", queries, params)
    assert counts["SAME"] == len(queries), dict(counts)


@pytest.mark.slow
@pytest.mark.parametrize("which", ["seed", "synthetic"])
def test_carried_variable_queries_match_neo4j(
    neo4j_server: Neo4jServer, seed_graph: ClaimGraph, which: str
) -> None:
    """An aggregating WITH, then a MATCH on the carried node, then a WHERE (see
    tests/cypher_random_queries.py :func:`carried_queries`)."""
    graph = seed_graph if which == "seed" else synthetic_claim_graph(400, seed=3)
    queries = carried_queries(150, seed=2026)
    counts = _suite(neo4j_server, graph, f"{which}, carried", queries)
    assert counts["WRONG"] == 0 and counts["UNCLEAR"] == 0, dict(counts)
    assert counts["SAME"] == len(queries), dict(counts)
