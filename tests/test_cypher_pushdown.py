"""Conditions on a WITH's grouping keys moved before the aggregation (queries/cypher_pushdown.py):
which conditions move, and the same answers on the seed as the query run without the move;
tests/test_cypher_differential.py compares both with Neo4j."""

from __future__ import annotations

import pytest

from ecox.graph.claims import ClaimGraph
from ecox.queries import cypher_translate
from ecox.queries.cypher_ast import Match, With, variables
from ecox.queries.cypher_parse import parse
from ecox.queries.cypher_pushdown import filters_before_grouping
from ecox.queries.embedded_cypher import run

MOVED = [
    "MATCH (a)--(b) WITH b, count(*) AS w MATCH (b)--(c) WHERE b:Enterprise RETURN sum(w) AS s",
    "MATCH (a)-[r]->(b) WITH b, count(r) AS k MATCH (b)-[s]-(c) "
    "WHERE b:Enterprise AND k > 1 AND c.name IS NOT NULL RETURN count(*) AS n",
    "MATCH (a)-[r]->(b) WITH b, count(r) AS k WHERE k > 1 AND NOT b:Bank "
    "RETURN b.name AS name, k ORDER BY name",
    "MATCH (a)-[r]->(b) WITH DISTINCT a, b WHERE a.name < b.name RETURN count(*) AS n",
    "MATCH (a)-[r:LENT_TO]->(b) WITH r, count(*) AS n WHERE r.amount > 0 "
    "RETURN sum(r.amount) AS total, sum(n) AS n",
]
KEPT = [
    # an optional match keeps the rows its WHERE rejects
    "OPTIONAL MATCH (a)-[r]->(b) WITH b, count(r) AS k WHERE b:Enterprise RETURN sum(k) AS s",
    # LIMIT counts the rows before the filter (ordered by id too: the top five counts tie)
    "MATCH (a)-[r]->(b) WITH b, count(r) AS k ORDER BY k DESC, b.id LIMIT 5 WHERE b:Enterprise "
    "RETURN count(*) AS n",
    # the grouping key renamed, an aggregate, a pattern, another variable
    "MATCH (a)-[r]->(b) WITH b AS x, count(r) AS k WHERE x:Enterprise RETURN sum(k) AS s",
    "MATCH (a)-[r]->(b) WITH b, count(r) AS k WHERE k > 2 RETURN count(*) AS n",
    "MATCH (a)-[r]->(b) WITH b, count(r) AS k WHERE (b)-[:SERVES]->() RETURN sum(k) AS s",
    "MATCH (a)-[r]->(b) WITH b, count(r) AS k MATCH (b)--(c) WHERE b.name < c.name "
    "RETURN sum(k) AS s",
    # a variable-length relationship is not a single claim
    "MATCH (a)-[rs*1..2]->(b) WITH rs, count(*) AS k WHERE size(rs) = 2 RETURN sum(k) AS s",
]


def _wheres(query: str) -> list[set[str]]:
    """The variables each MATCH / WITH condition names, after the move."""
    moved = filters_before_grouping(parse(query))
    return [
        variables(clause.where)
        for clause in moved.parts[0]
        if isinstance(clause, Match | With) and clause.where is not None
    ]


def test_conditions_on_grouping_keys_move_before_the_with() -> None:
    assert _wheres(MOVED[0]) == [{"b"}]
    assert _wheres(MOVED[1]) == [{"b"}, {"k", "c"}]
    assert _wheres(MOVED[2]) == [{"b"}, {"k"}]
    assert _wheres(MOVED[3]) == [{"a", "b"}]


@pytest.mark.parametrize("query", KEPT)
def test_other_conditions_stay(query: str) -> None:
    before = [
        variables(c.where) for c in parse(query).parts[0] if isinstance(c, Match | With) and c.where
    ]
    assert _wheres(query) == before


@pytest.mark.parametrize("query", MOVED + KEPT)
def test_moved_conditions_give_the_same_answers(
    seed_graph: ClaimGraph, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    moved = run(seed_graph, query)
    monkeypatch.setattr(cypher_translate, "filters_before_grouping", lambda query: query)
    assert filters_before_grouping is not cypher_translate.filters_before_grouping
    unmoved = run(seed_graph, query)
    assert moved.columns.tolist() == unmoved.columns.tolist()
    assert sorted(map(repr, moved.values.tolist())) == sorted(map(repr, unmoved.values.tolist()))
