"""ecox in a Neo4j database it shares: other people's data and other ecox graphs.

The foreign data is a small movie graph that uses the same label (``:Actor``), the same
relationship type (``INVESTED_IN``) and the same ids as the ecox graph. Its nodes and
relationships are remembered by ``elementId`` when created and compared, labels and
properties included, after every ecox operation.
"""

from __future__ import annotations

__all__: list[str] = []

from typing import TYPE_CHECKING, Any

import pytest

from ecox.graph.claims import ClaimGraph
from ecox.graph.errors import StoreError
from ecox.graph.synthetic import synthetic_claim_graph
from ecox.store.neo4j import (
    Neo4jCollisionError,
    Neo4jPushError,
    connect,
    graph_names,
    pull,
    push,
    verify_stored,
)

if TYPE_CHECKING:
    from tests.neo4j_fixture import Neo4jServer

pytest_plugins = ["tests.neo4j_fixture"]
pytestmark = pytest.mark.neo4j


def _conn(server: Neo4jServer) -> Any:
    return connect(server.uri, database=server.database, connection_timeout=10.0)


def _movie_graph(server: Neo4jServer, graph: ClaimGraph) -> dict[str, list[str]]:
    """Create foreign data colliding with ``graph``'s ids; the element ids created."""
    actor_id = str(graph.actors["id"].iloc[0])
    claim = graph.claims.iloc[0]
    rows = server.query(
        "CREATE (k:Actor {id: $actor_id, name: 'Keanu Reeves', types: ['Person']}) "
        "CREATE (c:Actor:Person {name: 'Carrie-Anne Moss'}) "
        "CREATE (m:Movie {id: 'm1', title: 'The Matrix'}) "
        "CREATE (k)-[r1:ACTED_IN {roles: ['Neo']}]->(m) "
        "CREATE (c)-[r2:ACTED_IN {roles: ['Trinity']}]->(m) "
        "CREATE (k)-[r3:INVESTED_IN {id: $claim_id, amount: 1.0}]->(c) "
        "CREATE (c)-[r4:`" + str(claim["type"]) + "` {id: $claim_id}]->(k) "
        "RETURN [elementId(k), elementId(c), elementId(m)] AS nodes, "
        "[elementId(r1), elementId(r2), elementId(r3), elementId(r4)] AS rels",
        actor_id=actor_id,
        claim_id=str(claim["id"]),
    )
    return {"nodes": rows[0]["nodes"], "rels": rows[0]["rels"]}


def _snapshot(server: Neo4jServer, ids: dict[str, list[str]]) -> list[Any]:
    nodes = server.query(
        "MATCH (n) WHERE elementId(n) IN $ids "
        "RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props ORDER BY id",
        ids=ids["nodes"],
    )
    rels = server.query(
        "MATCH (a)-[r]->(b) WHERE elementId(r) IN $ids RETURN elementId(r) AS id, type(r) AS t, "
        "properties(r) AS props, elementId(a) AS a, elementId(b) AS b ORDER BY id",
        ids=ids["rels"],
    )
    assert len(nodes) == len(ids["nodes"]) and len(rels) == len(ids["rels"])
    return [*nodes, *rels]


def _everything(server: Neo4jServer) -> list[Any]:
    """Every node and relationship with labels and properties, to prove nothing changed."""
    nodes = server.query(
        "MATCH (n) RETURN elementId(n) AS id, labels(n) AS l, properties(n) AS p ORDER BY id"
    )
    rels = server.query(
        "MATCH (a)-[r]->(b) RETURN elementId(r) AS id, type(r) AS t, properties(r) AS p, "
        "elementId(a) AS a, elementId(b) AS b ORDER BY id"
    )
    return [*nodes, *rels]


def _sub_graph(graph: ClaimGraph, n_actors: int) -> ClaimGraph:
    actors = graph.actors.iloc[:n_actors].reset_index(drop=True)
    ids = set(actors["id"])
    keep = graph.claims["source"].isin(ids) & graph.claims["target"].isin(ids)
    return ClaimGraph(actors, graph.claims[keep].reset_index(drop=True))


def test_foreign_data_survives_push_replace_and_pull(
    neo4j_clean: Neo4jServer, seed_graph: ClaimGraph
) -> None:
    foreign = _movie_graph(neo4j_clean, seed_graph)
    before = _snapshot(neo4j_clean, foreign)
    small = _sub_graph(seed_graph, 40)
    with _conn(neo4j_clean) as conn:
        push(seed_graph, conn)
        assert _snapshot(neo4j_clean, foreign) == before
        assert pull(conn) == seed_graph
        push(small, conn, replace=True)
        assert _snapshot(neo4j_clean, foreign) == before
        assert pull(conn) == small
        push(seed_graph, conn, replace=True)
        assert pull(conn) == seed_graph
    assert _snapshot(neo4j_clean, foreign) == before
    # the foreign claim id and ecox's claim are both there, each between its own endpoints
    claim = seed_graph.claims.iloc[0]
    rows = neo4j_clean.query(
        "MATCH (s)-[r {id: $id}]->(t) RETURN s.id AS s, t.id AS t, r.amount AS amount",
        id=str(claim["id"]),
    )
    assert len(rows) == 3  # foreign INVESTED_IN, foreign same-type claim, ecox's claim
    assert {"s": claim["source"], "t": claim["target"], "amount": None} in rows


def test_two_graphs_side_by_side_pull_back_equal(
    neo4j_clean: Neo4jServer, seed_graph: ClaimGraph
) -> None:
    # the same name with another type in the second graph (a Bank of the seed as an Enterprise)
    bank = seed_graph.actors[seed_graph.actors["types"] == "Bank"].iloc[0]
    other = ClaimGraph.build(
        [(str(bank["name"]), ["Enterprise"], []), ("某某创投基金", ["Fund"], [])],
        [{"source": "某某创投基金", "target": str(bank["name"]), "type": "INVESTED_IN"}],
    )
    assert str(bank["id"]) in set(other.actors["id"])  # ids come from names: they collide
    foreign = _movie_graph(neo4j_clean, seed_graph)
    before = _snapshot(neo4j_clean, foreign)
    with _conn(neo4j_clean) as conn:
        push(seed_graph, conn, graph_name="seed")
        push(other, conn, graph_name="other")
        assert graph_names(conn) == ["other", "seed"]
        assert pull(conn, graph_name="seed") == seed_graph
        assert pull(conn, graph_name="other") == other
        with pytest.raises(StoreError, match=r"2 ecox graphs.*'other', 'seed'.*--graph"):
            pull(conn)
        push(_sub_graph(other, 1), conn, graph_name="other", replace=True)
        assert pull(conn, graph_name="seed") == seed_graph
        assert pull(conn, graph_name="other") == _sub_graph(other, 1)
        assert len(pull(conn, graph_name="nothing here").actors) == 0
    assert _snapshot(neo4j_clean, foreign) == before
    types = neo4j_clean.query(
        "MATCH (a:EcoxActor {id: $id}) RETURN a.ecox_graph AS g, a.types AS t ORDER BY g",
        id=str(bank["id"]),
    )
    assert types == [{"g": "other", "t": ["Enterprise"]}, {"g": "seed", "t": ["Bank"]}]


def test_single_graph_is_pulled_without_a_name(neo4j_clean: Neo4jServer) -> None:
    graph = synthetic_claim_graph(40, seed=11)
    with _conn(neo4j_clean) as conn:
        assert len(pull(conn).actors) == 0
        push(graph, conn, graph_name="only")
        assert graph_names(conn) == ["only"]
        assert pull(conn) == graph


def test_node_collision_is_a_clear_error_and_changes_nothing(
    neo4j_clean: Neo4jServer, seed_graph: ClaimGraph
) -> None:
    neo4j_clean.query("CREATE CONSTRAINT movie_actor_id FOR (a:Actor) REQUIRE a.id IS UNIQUE")
    _movie_graph(neo4j_clean, seed_graph)
    before = _everything(neo4j_clean)
    actor = seed_graph.actors.iloc[0]
    with (
        _conn(neo4j_clean) as conn,
        pytest.raises(Neo4jCollisionError) as error,
    ):
        push(seed_graph, conn)
    message = str(error.value)
    assert f"actor {actor['id']}" in message and "movie_actor_id" in message
    assert "Keanu Reeves" in message and "nothing was written" in message
    assert _everything(neo4j_clean) == before


def test_claim_collision_is_a_clear_error_and_changes_nothing(
    neo4j_clean: Neo4jServer, seed_graph: ClaimGraph
) -> None:
    claim = seed_graph.claims.iloc[0]
    rel = str(claim["type"])
    neo4j_clean.query(
        f"CREATE CONSTRAINT their_claim_id FOR ()-[r:{rel}]-() REQUIRE r.id IS UNIQUE"
    )
    neo4j_clean.query(f"CREATE (:Movie)-[:{rel} {{id: $id}}]->(:Movie)", id=str(claim["id"]))
    before = _everything(neo4j_clean)
    with (
        _conn(neo4j_clean) as conn,
        pytest.raises(Neo4jCollisionError, match=rf"claim {claim['id']} \({rel}\).*their_claim_id"),
    ):
        push(seed_graph, conn)
    assert _everything(neo4j_clean) == before


def test_replace_refuses_to_cut_foreign_relationships(
    neo4j_clean: Neo4jServer, seed_graph: ClaimGraph
) -> None:
    small = _sub_graph(seed_graph, 40)
    gone = str(seed_graph.actors["id"].iloc[60])
    with _conn(neo4j_clean) as conn:
        push(seed_graph, conn)
        neo4j_clean.query(
            "MATCH (a:EcoxActor {id: $id}) CREATE (:Note {text: 'mine'})-[:ABOUT]->(a)", id=gone
        )
        before = _everything(neo4j_clean)
        with pytest.raises(Neo4jCollisionError, match=rf"{gone}.*ABOUT.*not written by ecox"):
            push(small, conn, replace=True)
        assert _everything(neo4j_clean) == before
        assert pull(conn) == seed_graph  # the foreign ABOUT is not a claim


def test_claim_moved_to_other_endpoints_is_moved(neo4j_clean: Neo4jServer) -> None:
    before = ClaimGraph.build(
        [("甲基金", ["Fund"], []), ("乙公司", ["Enterprise"], []), ("丙公司", ["Enterprise"], [])],
        [{"source": "甲基金", "target": "乙公司", "type": "INVESTED_IN", "id": "c_1"}],
    )
    claims = before.claims.copy()
    target = before.actors.loc[before.actors["name"] == "丙公司", "id"].iloc[0]
    claims.loc[0, "target"] = target
    after = ClaimGraph(before.actors, claims)
    with _conn(neo4j_clean) as conn:
        push(before, conn)
        push(after, conn)
        assert pull(conn) == after
    rows = neo4j_clean.query("MATCH ()-[r:INVESTED_IN]->(t) RETURN t.name AS t")
    assert rows == [{"t": "丙公司"}]


def test_verification_checks_endpoints(neo4j_clean: Neo4jServer) -> None:
    graph = synthetic_claim_graph(30, seed=12)
    claim = graph.claims.iloc[0]
    with _conn(neo4j_clean) as conn:
        push(graph, conn)
        verify_stored(graph, conn)
        # someone re-attaches the stored claim to other ends, keeping its id and graph name
        neo4j_clean.query(
            f"MATCH (s)-[r:{claim['type']} {{id: $id}}]->(t) "
            f"MATCH (x:EcoxActor) WHERE NOT x.id IN [s.id, t.id] "
            f"WITH r, s, x, properties(r) AS props LIMIT 1 "
            f"DELETE r CREATE (s)-[r2:{claim['type']}]->(x) SET r2 = props",
            id=str(claim["id"]),
        )
        with pytest.raises(Neo4jPushError, match=rf"{claim['id']}.*{claim['source']}"):
            verify_stored(graph, conn)
