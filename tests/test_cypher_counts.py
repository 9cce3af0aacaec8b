"""Path counts by dynamic programming (queries/cypher_counts.py) against the engine's own
enumeration of the same trails (LadybugDB's ``TRAIL`` paths and ``id(r1) <> id(r2)``), on the
seed ecosystem; tests/test_cypher_differential.py compares both with Neo4j."""

from __future__ import annotations

import pandas as pd
import pytest

from ecox.graph.claims import ClaimGraph
from ecox.queries.cypher_counts import count_paths
from ecox.queries.cypher_parse import parse
from ecox.queries.embedded_cypher import prepare, run
from ecox.store.embedded import open_store

COUNTED = [
    "MATCH (a)-[r1]->(b)-[r2]->(c) RETURN count(*) AS n",
    "MATCH (a)-[r1]-(b)-[r2]-(c) RETURN count(*) AS n",
    "MATCH (a)-[r1]-(b:Enterprise)-[r2]-(c)-[r3]-(d:Fund) RETURN count(*) AS n",
    "MATCH (a)-[r1]->(b)<-[r2]-(c)-[r3]->(d) RETURN count(*) AS n",
    "MATCH (a)-[:INVESTED_IN|SERVES]-(b)-[:SERVES|LENT_TO]-(c)-[:LENT_TO|SERVES]-(d) "
    "RETURN count(*) AS n",
    "MATCH (a)-[rs*1..3]-(b:Enterprise) WHERE a:Bank AND a.name <> 'x' RETURN count(*) AS n",
    "MATCH (a)-[rs*0..1]->(b) RETURN count(*) AS n",
    "MATCH (a:Bank)-[*0..3]-(b:Enterprise) WHERE NOT b:Bank RETURN count(*) AS n",
    "MATCH (a)-[rs*1..2]-(b)-[r]-(c) RETURN count(*) AS n",
    "MATCH (a)-[rs*1..3]-(b) RETURN size(rs) AS hops, count(*) AS n ORDER BY hops DESC",
    "MATCH p = (a:Bank)-[*1..2]->(b) RETURN max(length(p)) AS longest, min(length(p)) AS shortest",
    "MATCH (u:EcoxUnnamed)-[*1..3]-(b:EcoxUnnamed) RETURN count(*) AS n",
    "MATCH (a)-[:NOT_A_TYPE*1..2]->(b) RETURN count(*) AS n",
    "MATCH (a {name: $bank})-[*1..3]-(b) RETURN count(*) AS n",
    # closed chains (the first node again at the end) and a = c
    "MATCH (a)-[r1]-(b)-[r2]-(c)-[r3]-(a) RETURN count(*) AS n",
    "MATCH (a)-[r1]-(b)-[r2]-(a) RETURN count(*) AS n",
    "MATCH (a:Bank)-[r1]->(b)<-[r2]-(c)-[r3:LENT_TO|SERVES]-(a) RETURN count(*) AS n",
    "MATCH (a:Enterprise)-[r1]->(b)-[r2]->(c)-[r3]->(a) WHERE NOT b:Bank RETURN count(*) AS n",
    "MATCH (a)-[*1..3]-(a) RETURN count(*) AS n",
    "MATCH (a:Bank)-[rs*1..3]->(a) RETURN size(rs) AS hops, count(*) AS n ORDER BY hops",
    "MATCH (a)-[rs*1..2]->(b)-[r]->(c) RETURN size(rs) AS hops, a = c AS back, count(*) AS n "
    "ORDER BY hops, back",
    "MATCH (a:Bank)-[rs*1..2]-(b)-[r]-(c) RETURN c = a AS back, count(*) AS n ORDER BY back",
    "MATCH p = (a)-[rs*1..2]-(b)-[r]-(c) RETURN length(p) AS len, count(*) AS n ORDER BY len",
    "MATCH (a)-[rs*1..2]-(b)-[r]-(c) RETURN max(size(rs)) AS longest, count(*) AS n",
    # the distinct nodes at one end of a directed variable-length relationship
    "MATCH (a)-[:INVESTED_IN|COMMITTED_TO*1..3]->(e:Enterprise) RETURN count(DISTINCT e) AS n",
    "MATCH (a:Bank)-[*0..2]->(e) RETURN count(DISTINCT e) AS n",
    "MATCH (a)<-[*1..2]-(e:Bank) WHERE a.name <> 'x' RETURN count(DISTINCT a) AS reaching",
    "MATCH (u:EcoxUnnamed)-[*1..2]->(e) RETURN count(DISTINCT e) AS n",
    "MATCH (a {name: $bank})<-[*1..4]-(e) RETURN count(DISTINCT e) AS n",
    # the sum of the lengths, the least and greatest property of the last node
    "MATCH (a:Bank)-[rs*1..3]-(b) RETURN count(*) AS n, min(b.name) AS lo, max(size(rs)) AS hi, "
    "sum(size(rs)) AS s",
    "MATCH (a:Investor)-[rs*1..3]->(b) RETURN size(rs) AS k, min(b.name) AS lo, max(b.id) AS hi, "
    "sum(size(rs)) AS s ORDER BY k",
    "MATCH (a)-[r1]-(b)-[r2]-(c) WHERE a.name = $bank RETURN count(*) AS n, min(c.name) AS lo, "
    "max(c.name) AS hi",
    "MATCH (a:Bank)-[rs*1..2]->(b:Scientist) RETURN count(*) AS n, min(b.name) AS lo, "
    "sum(size(rs)) AS s",
    "MATCH (a:Bank)-[rs*0..2]-(b) RETURN min(b.count) AS lo, max(b.type) AS t, count(*) AS n",
    "MATCH (a:Bank)-[rs:NOT_A_TYPE*1..2]->(b) RETURN min(b.name) AS lo, sum(size(rs)) AS s",
]


@pytest.mark.parametrize("query", COUNTED)
def test_counts_equal_the_enumerated_trails(seed_graph: ClaimGraph, query: str) -> None:
    store = open_store(seed_graph)
    params = {"bank": str(seed_graph.actors["name"].iloc[0])} if "$bank" in query else {}
    counted = count_paths(parse(query), store, params)
    assert counted is not None
    text, columns = prepare(query)
    enumerated = pd.DataFrame(store.rows(text, params), columns=columns)
    assert counted.columns.tolist() == columns
    assert counted.values.tolist() == enumerated.values.tolist()
    assert run(seed_graph, query, params).values.tolist() == enumerated.values.tolist()


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (a)-[r]->(b) RETURN count(*) AS n",  # one relationship: left to the engine
        "MATCH (a)-[*1..2]->(b) RETURN b.name, count(*) AS n",  # grouped by a node
        "MATCH (a)-[r]-(a) RETURN count(*) AS n",  # one relationship
        "MATCH (a)-[*0..2]-(a) RETURN count(*) AS n",  # a closed chain of no hop
        "MATCH (a)-[r1]->(b)-[r2]->(a) RETURN a = b AS same, count(*) AS n",  # closed: a = b
        "MATCH p = (a)-[rs*1..2]->(b)-[r]->(c) RETURN size(rs) AS k, length(p) AS n",
        "MATCH (a)-[r1]-(b)-[r2]-(c) RETURN a = b AS same, count(*) AS n",  # not the two ends
        "MATCH (a)-[*1..4]->(b) RETURN count(*) AS n",  # longer than three
        "MATCH (a)-[r1]->(b)-[r2]->(c) WHERE a.name = c.name RETURN count(*) AS n",
        "MATCH (a)-[r1]->(b)-[r2]->(c) WHERE r1.amount > 0 RETURN count(*) AS n",
        "MATCH (a)-[*1..2]->(b) RETURN count(*) AS n LIMIT 1",
        "MATCH (a)-[r1]->(b {name: a.name})-[r2]->(c) RETURN count(*) AS n",
        # distinct ends: undirected, from two hops on, or with another item
        "MATCH (a:Bank)-[*1..2]-(e) RETURN count(DISTINCT e) AS n",
        "MATCH (a:Bank)-[*2..3]->(e) RETURN count(DISTINCT e) AS n",
        "MATCH (a:Bank)-[*1..2]->(e) RETURN count(DISTINCT e) AS n, count(*) AS paths",
        "MATCH (a:Bank)-[:NOT_A_TYPE*0..2]->(e) RETURN count(DISTINCT e) AS n",
        # a property of the first node, of a closed chain's end, a sum beside a = c
        "MATCH (a:Bank)-[rs*1..2]->(b) RETURN min(a.name) AS lo",
        "MATCH (a)-[r1]-(b)-[r2]-(a) RETURN min(a.name) AS lo, count(*) AS n",
        "MATCH (a:Bank)-[rs*1..2]->(b)-[r]->(c) RETURN a = c AS back, sum(size(rs)) AS s",
    ],
)
def test_other_queries_are_left_to_the_engine(seed_graph: ClaimGraph, query: str) -> None:
    assert count_paths(parse(query), open_store(seed_graph), {}) is None
