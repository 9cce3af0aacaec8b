"""Claims with an unnamed side on a real Neo4j 5.26 server (store.neo4j_unnamed)."""

from __future__ import annotations

__all__: list[str] = []

from typing import TYPE_CHECKING, Any

import pytest

from ecox.graph.claims import ClaimGraph
from ecox.store.neo4j import connect, pull, push
from tests.test_unnamed import ACTORS, NAMED, UNNAMED

if TYPE_CHECKING:
    from tests.neo4j_fixture import Neo4jServer

pytest_plugins = ["tests.neo4j_fixture"]
pytestmark = pytest.mark.neo4j


def _conn(server: Neo4jServer) -> Any:
    return connect(server.uri, database=server.database, connection_timeout=10.0)


def _total(server: Neo4jServer) -> tuple[int, int]:
    nodes = server.query("MATCH (n) RETURN count(n) AS n")[0]["n"]
    rels = server.query("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    return nodes, rels


def test_unnamed_claims_push_and_pull_back(neo4j_clean: Neo4jServer) -> None:
    graph = ClaimGraph.build(ACTORS, NAMED + UNNAMED)
    with _conn(neo4j_clean) as conn:
        report = push(graph, conn)
        assert report.claims == len(graph.claims) == 6
        assert pull(conn) == graph
        # one :EcoxUnnamed node per unnamed claim, not an :Actor
        rows = neo4j_clean.query(
            "MATCH (u:EcoxUnnamed)-[r]-(a:Actor) "
            "RETURN u.type AS type, u.count AS count, type(r) AS rel, a.name AS actor, "
            "r.counterpart_count AS on_claim, u:Actor AS actor_label ORDER BY type"
        )
        assert [(r["type"], r["count"], r["rel"], r["actor"]) for r in rows] == [
            ("Enterprise", 990, "LENT_TO", "银行B"),
            ("Fund", None, "INVESTED_IN", "企业E2"),
            ("Investor", 92, "COOPERATES_WITH", "园区P"),
        ]
        assert [r["on_claim"] for r in rows] == [990, None, 92]
        assert not any(r["actor_label"] for r in rows)
        # the fund's claim points from the unnamed node to the enterprise
        fund = neo4j_clean.query(
            "MATCH (:EcoxUnnamed)-[r:INVESTED_IN]->(e:Actor) RETURN e.name AS e"
        )
        assert fund == [{"e": "企业E2"}]
        # pushing again changes nothing
        before = _total(neo4j_clean)
        push(graph, conn)
        assert _total(neo4j_clean) == before == (5 + 3, 6)


def test_replace_removes_unnamed_claims_not_in_the_graph(neo4j_clean: Neo4jServer) -> None:
    full = ClaimGraph.build(ACTORS, NAMED + UNNAMED)
    fewer = ClaimGraph.build(ACTORS, NAMED + UNNAMED[:1])
    with _conn(neo4j_clean) as conn:
        push(full, conn)
        push(fewer, conn, replace=True)
        assert pull(conn) == fewer
        assert neo4j_clean.query("MATCH (u:EcoxUnnamed) RETURN count(u) AS n") == [{"n": 1}]
