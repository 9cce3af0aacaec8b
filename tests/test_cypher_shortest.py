"""Shortest paths by a breadth-first search (queries/cypher_shortest.py) against the engine's
own ``SHORTEST`` / ``ALL SHORTEST`` joins on the seed ecosystem;
tests/test_cypher_differential.py compares both with Neo4j."""

from __future__ import annotations

import pandas as pd
import pytest

from ecox.graph.claims import ClaimGraph
from ecox.queries.cypher_parse import parse
from ecox.queries.cypher_shortest import shortest_paths
from ecox.queries.embedded_cypher import prepare, run
from ecox.store.embedded import open_store
from tests.cypher_analyst_queries import ANALYST_QUERIES, analyst_params

#: The analyst suite's shortest-path queries (all but the one grouped by a property) and more.
SEARCHED = [
    q for q in ANALYST_QUERIES if "hortestPath" in q and "RETURN b.name AS target" not in q
] + [
    "MATCH p = shortestPath((a)-[*..3]->(b)) WHERE a.name = $bank AND a <> b "
    "RETURN min(length(p)) AS nearest, count(p) AS n",
    "MATCH p = allShortestPaths((a:Bank)-[*..4]-(b:Fund)) WHERE NOT b:Bank "
    "RETURN a.name AS bank, b.name AS fund, length(p) AS hops ORDER BY bank, fund",
    "MATCH p = shortestPath((a:Bank)-[:NOT_A_TYPE*..3]-(b:Fund)) WHERE NOT b:Bank "
    "RETURN count(*) AS n, max(length(p)) AS longest",
]


def test_the_analyst_suite_has_searches() -> None:
    assert len(SEARCHED) >= 14


@pytest.mark.parametrize("query", SEARCHED)
def test_searches_equal_the_engine(seed_graph: ClaimGraph, query: str) -> None:
    store = open_store(seed_graph)
    params = analyst_params(seed_graph)
    searched = shortest_paths(parse(query), store, params)
    assert searched is not None
    text, columns = prepare(query)
    engine = pd.DataFrame(store.rows(text, params), columns=columns)
    if "ORDER BY" not in query:
        engine = engine.sort_values(columns).reset_index(drop=True)
    assert searched.columns.tolist() == columns
    assert searched.values.tolist() == engine.values.tolist()
    assert run(seed_graph, query, params).values.tolist() == engine.values.tolist()


@pytest.mark.parametrize(
    "query",
    [
        # a bank meets both ends' conditions: the pair (a, a) is possible
        "MATCH p = shortestPath((a:Bank)-[*..3]-(b)) RETURN count(*) AS n",
        # grouped by a property
        "MATCH p = allShortestPaths((a:Bank)-[*..4]-(b:Fund)) WHERE NOT b:Bank "
        "RETURN b.name AS fund, count(p) AS n",
        # a condition on both ends, a path of two relationships, an optional match
        "MATCH p = shortestPath((a:Bank)-[*..3]-(b:Fund)) WHERE a.name < b.name "
        "RETURN count(*) AS n",
        "MATCH p = (a:Bank)-[*..3]-(b:Fund) RETURN count(*) AS n",
        "MATCH (a:Bank) OPTIONAL MATCH p = shortestPath((a)-[*..3]-(b:Fund)) RETURN count(p) AS n",
        # the nodes of the path, a relationship list, SKIP
        "MATCH p = shortestPath((a:Bank)-[*..3]-(b:Fund)) WHERE NOT b:Bank RETURN nodes(p) AS ns",
        "MATCH p = shortestPath((a:Bank)-[rs*..3]-(b:Fund)) WHERE NOT b:Bank RETURN rs",
        "MATCH p = shortestPath((a:Bank)-[*..3]-(b:Fund)) WHERE NOT b:Bank "
        "RETURN length(p) AS n SKIP 1",
    ],
)
def test_other_queries_are_left_to_the_engine(seed_graph: ClaimGraph, query: str) -> None:
    assert shortest_paths(parse(query), open_store(seed_graph), {}) is None
