"""The engine's query timeout kept by the answers computed beside it (path counts, shortest
paths): they stop with LadybugDB's own error (queries/cypher_deadline.py)."""

from __future__ import annotations

__all__: list[str] = []

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from ecox.graph.synthetic import synthetic_claim_graph
from ecox.queries.cypher_counts import count_paths
from ecox.queries.cypher_deadline import INTERRUPTED, Deadline
from ecox.queries.cypher_parse import CypherSyntaxError, parse
from ecox.queries.cypher_shortest import shortest_paths
from ecox.queries.embedded_cypher import answer
from ecox.store.embedded import EmbeddedStore, open_store

COUNTED = "MATCH (a:Bank)-[rs*1..3]-(b) RETURN size(rs) AS hops, count(*) AS n ORDER BY hops"
SHORTEST = "MATCH p = allShortestPaths((a:Bank)-[*..4]-(b:Park)) RETURN a.name, b.name, length(p)"


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    """3,000 actors: each query below takes over 10 ms, ten times the timeout of 1 ms."""
    return open_store(synthetic_claim_graph(3000, seed=11))


@pytest.fixture
def timeout(store: EmbeddedStore) -> Iterator[None]:
    """A timeout of 1 ms on the store's connection for one test."""
    store.connection.set_query_timeout(1)
    yield
    store.connection.set_query_timeout(0)


def _over(store: EmbeddedStore) -> Deadline:
    """A deadline that has run out."""
    store.connection.set_query_timeout(1)
    try:
        deadline = Deadline(store)
    finally:
        store.connection.set_query_timeout(0)
    time.sleep(0.005)
    return deadline


def test_without_a_timeout_the_answers_come(store: EmbeddedStore) -> None:
    deadline = Deadline(store)
    assert deadline.until is None
    counted = count_paths(parse(COUNTED), store, {}, deadline)
    assert counted is not None and int(counted["n"].sum()) > 0
    found = shortest_paths(parse(SHORTEST), store, {}, deadline)
    assert found is not None and len(found) > 0


@pytest.mark.parametrize("compute", [count_paths, shortest_paths])
def test_a_computed_answer_stops_when_the_timeout_is_over(
    store: EmbeddedStore, compute: Callable[..., Any]
) -> None:
    query = COUNTED if compute is count_paths else SHORTEST
    with pytest.raises(RuntimeError, match=INTERRUPTED):
        compute(parse(query), store, {}, _over(store))


@pytest.mark.usefixtures("timeout")
@pytest.mark.parametrize("query", [COUNTED, SHORTEST])
def test_the_analyst_sees_the_engines_timeout_message(store: EmbeddedStore, query: str) -> None:
    with pytest.raises(CypherSyntaxError, match=r"could not run this query \(Interrupted\.\)"):
        answer(store, query)
