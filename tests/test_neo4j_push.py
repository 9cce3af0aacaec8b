"""ecox against a real Neo4j 5.26 server: push, pull, idempotency, injection, a crash mid-push,
and the named queries giving the same tables on both engines.
"""

from __future__ import annotations

__all__: list[str] = []

import json
import re
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecox.cli import main
from ecox.graph.claims import ClaimGraph
from ecox.graph.schema import SCHEMA
from ecox.graph.synthetic import synthetic_claim_graph
from ecox.loaders.load import load_inputs, seed_path
from ecox.queries.backend import InMemoryBackend, Neo4jBackend, named_queries
from ecox.store.files import from_json, to_json
from ecox.store.neo4j import Neo4jPushError, connect, pull, push

if TYPE_CHECKING:
    from tests.neo4j_fixture import Neo4jServer

pytest_plugins = ["tests.neo4j_fixture"]
pytestmark = pytest.mark.neo4j

HOSTILE = [
    "'}) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n //',
    "a\\b\\\\c",
    'O\'Brien "Bob"',
    "`backtick` $param {x: 1}",
    "😀 科技金融 🚀",
    "清大光德(浙江)照明科技有限公司",
    "line\nbreak\ttab",
]


def _conn(server: Neo4jServer) -> Any:
    return connect(server.uri, database=server.database, connection_timeout=10.0)


def _counts(server: Neo4jServer) -> tuple[int, int, int]:
    nodes = server.query("MATCH (n) RETURN count(n) AS n")[0]["n"]
    rels = server.query("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    labels = server.query("MATCH (n) UNWIND labels(n) AS l RETURN count(l) AS n")[0]["n"]
    return nodes, rels, labels


def _wipe_data(server: Neo4jServer) -> None:
    server.query("MATCH (n) DETACH DELETE n")


# ---------------------------------------------------------------------- round trip
def test_seed_push_pull_round_trip(neo4j_clean: Neo4jServer, seed_graph: ClaimGraph) -> None:
    # a constraint of earlier ecox versions (on every :Actor) is dropped by the push
    neo4j_clean.query("CREATE CONSTRAINT ecox_actor_id FOR (a:Actor) REQUIRE a.id IS UNIQUE")
    with _conn(neo4j_clean) as conn:
        report = push(seed_graph, conn)
        assert (report.actors, report.claims) == (101, 117)
        assert pull(conn) == seed_graph
    constraints = {r["name"] for r in neo4j_clean.query("SHOW CONSTRAINTS YIELD name")}
    assert "ecox_actor_key" in constraints and "ecox_actor_id" not in constraints
    assert {f"ecox_claim_key_{rel}" for rel in SCHEMA.edges} <= constraints
    graphs = neo4j_clean.query("MATCH (a:EcoxActor) RETURN DISTINCT a.ecox_graph AS g")
    assert graphs == [{"g": "default"}]
    # an actor with two types has both labels, plus :Actor and :EcoxActor
    multi = seed_graph.actors[seed_graph.actors["types"].str.contains("|", regex=False)]
    if len(multi):
        row = multi.iloc[0]
        labels = neo4j_clean.query("MATCH (a:Actor {id: $id}) RETURN labels(a) AS l", id=row["id"])
        assert set(labels[0]["l"]) == {"Actor", "EcoxActor", *str(row["types"]).split("|")}


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]), min_size=0, max_size=20
) | st.sampled_from(HOSTILE)
_NODE_TYPES = sorted(SCHEMA.nodes)


@st.composite
def claim_graphs(draw: st.DrawFn) -> ClaimGraph:
    n = draw(st.integers(1, 8))
    actors = []
    for i in range(n):
        types = draw(st.lists(st.sampled_from(_NODE_TYPES), min_size=1, max_size=3, unique=True))
        aliases = draw(
            st.lists(
                st.text(
                    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="|"),
                    min_size=1,
                    max_size=8,
                ),
                max_size=2,
                unique=True,
            )
        )
        actors.append(
            {"id": f"a_{i}", "name": draw(_TEXT), "types": "|".join(types),
             "aliases": "|".join(aliases)}
        )  # fmt: skip
    claims = []
    for _ in range(draw(st.integers(0, 12))):
        s, t = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        src, tgt = actors[s]["types"].split("|"), actors[t]["types"].split("|")
        allowed = [rel for rel in sorted(SCHEMA.edges) if SCHEMA.allows(rel, src, tgt)]
        if not allowed:
            continue
        claim: dict[str, Any] = {
            "source": f"a_{s}",
            "target": f"a_{t}",
            "type": draw(st.sampled_from(allowed)),
            "source_doc": draw(_TEXT),
            "evidence": draw(st.none() | _TEXT),
            "amount": draw(st.none() | st.floats(-1e15, 1e15, allow_nan=False)),
            "currency": draw(st.none() | st.sampled_from(["CNY", "USD"])),
            "span_start": draw(st.none() | st.integers(0, 2**40)),
            "confidence": draw(st.none() | st.floats(0, 1)),
            "date": draw(st.none() | st.sampled_from(["2025", "2025-11", "2025-11-26"])),
        }
        claims.append(claim)
    return ClaimGraph.from_tables(pd.DataFrame(actors), claims)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(graph=claim_graphs())
def test_generated_graphs_round_trip(neo4j_clean: Neo4jServer, graph: ClaimGraph) -> None:
    _wipe_data(neo4j_clean)
    with _conn(neo4j_clean) as conn:
        push(graph, conn, batch_size=3)
        pulled = pull(conn)
    assert pulled == graph


# ---------------------------------------------------------------------- idempotency
def test_push_twice_leaves_the_same_database(neo4j_clean: Neo4jServer) -> None:
    graph = synthetic_claim_graph(300, seed=4)
    with _conn(neo4j_clean) as conn:
        push(graph, conn, batch_size=500)
        first = _counts(neo4j_clean)
        once = pull(conn)
        push(graph, conn, batch_size=170)  # other batch boundaries: still nothing new
        assert _counts(neo4j_clean) == first
        assert pull(conn) == once == graph
    assert first == (len(graph.actors), len(graph.claims), first[2])
    types = sum(len(str(t).split("|")) for t in graph.actors["types"])
    assert first[2] == 2 * len(graph.actors) + types  # :Actor:EcoxActor, one label per type


def test_push_updates_changed_values_and_labels(neo4j_clean: Neo4jServer) -> None:
    before = ClaimGraph.build(
        [("甲基金", ["Fund", "Investor"], []), ("乙公司", ["Enterprise"], [])],
        [{"source": "甲基金", "target": "乙公司", "type": "INVESTED_IN", "id": "c_1",
          "amount": 1.0, "evidence": "old"}],
    )  # fmt: skip
    actors = before.actors.copy()
    actors.loc[actors["name"] == "甲基金", "types"] = "Fund"
    claims = before.claims.copy()
    claims["amount"] = pd.array([2.0], dtype="Float64")
    claims["evidence"] = pd.array([pd.NA], dtype="string")
    after = ClaimGraph(actors, claims)
    with _conn(neo4j_clean) as conn:
        push(before, conn)
        push(after, conn)
        assert pull(conn) == after
    assert neo4j_clean.query("MATCH (a:Investor) RETURN count(a) AS n")[0]["n"] == 0
    rel = neo4j_clean.query("MATCH ()-[r:INVESTED_IN]->() RETURN properties(r) AS p")
    assert len(rel) == 1 and rel[0]["p"]["amount"] == 2.0 and "evidence" not in rel[0]["p"]


def test_replace_removes_what_the_graph_lost(neo4j_clean: Neo4jServer) -> None:
    big = synthetic_claim_graph(60, seed=5)
    small = ClaimGraph(big.actors.iloc[:30].reset_index(drop=True), big.claims.iloc[:0])
    keep = big.claims["source"].isin(small.actors["id"]) & big.claims["target"].isin(
        small.actors["id"]
    )
    small = ClaimGraph(small.actors, big.claims[keep].reset_index(drop=True))
    neo4j_clean.query("CREATE (:Other {id: 'not ecox'})")
    with _conn(neo4j_clean) as conn:
        push(big, conn)
        push(small, conn, replace=True)
        assert pull(conn) == small
    assert neo4j_clean.query("MATCH (o:Other) RETURN o.id AS id") == [{"id": "not ecox"}]


# ---------------------------------------------------------------------- injection
def test_hostile_names_are_stored_literally(neo4j_clean: Neo4jServer) -> None:
    neo4j_clean.query("CREATE (:Sentinel {id: 'still here'})")
    # names exactly as given (ClaimGraph.build would normalise them through the resolver)
    fund = "'}) DETACH DELETE n // 基金"
    names = [*HOSTILE, fund]
    actors = pd.DataFrame(
        {
            "id": [f"a_{i}" for i in range(len(names))],
            "name": names,
            "types": ["Enterprise"] * len(HOSTILE) + ["Fund"],
            "aliases": [""] * len(HOSTILE) + ['\\" alias|`x`'],
        }
    )
    claims = [
        {"source": f"a_{len(HOSTILE)}", "target": f"a_{i}", "type": "INVESTED_IN",
         "evidence": name, "source_doc": name}
        for i, name in enumerate(HOSTILE)
    ]  # fmt: skip
    graph = ClaimGraph.from_tables(actors, claims)
    with _conn(neo4j_clean) as conn:
        push(graph, conn)
        pulled = pull(conn)
        backend = Neo4jBackend(conn)
        found = backend.cypher(
            "MATCH (a:Actor) WHERE a.name = $n RETURN a.name AS name", {"n": HOSTILE[0]}
        )
    assert pulled == graph
    assert sorted(pulled.actors["name"]) == sorted(names)
    assert sorted(pulled.claims["evidence"]) == sorted(HOSTILE)
    assert found["name"].tolist() == [HOSTILE[0]]
    assert neo4j_clean.query("MATCH (s:Sentinel) RETURN s.id AS id") == [{"id": "still here"}]
    assert _counts(neo4j_clean)[0] == len(names) + 1
    mem = InMemoryBackend(graph).cypher(
        "MATCH (a:Actor) WHERE a.name = $n RETURN a.name AS name", {"n": HOSTILE[0]}
    )
    assert mem["name"].tolist() == [HOSTILE[0]]


# ---------------------------------------------------------------------- a crash mid-push
def test_server_killed_mid_push_then_push_again_completes(neo4j_clean: Neo4jServer) -> None:
    if not neo4j_clean.managed:
        pytest.skip("needs the server this fixture starts, not ECOX_NEO4J_URI")
    graph = synthetic_claim_graph(1500, seed=6)
    assert len(graph.claims) > 5000
    batches_seen: list[int] = []

    def progress(done: int, total: int) -> None:
        batches_seen.append(done)
        if len(batches_seen) == 5:  # actors and some claims committed, most claims to go
            neo4j_clean.kill()

    conn = connect(neo4j_clean.uri, database=neo4j_clean.database, connection_timeout=5.0,
                   max_transaction_retry_time=2.0)  # fmt: skip
    try:
        with pytest.raises(Neo4jPushError) as error:
            push(graph, conn, batch_size=500, progress=progress)
    finally:
        conn.close()
        neo4j_clean.restart()
    message = str(error.value)
    assert "interrupted" in message and "run the same push again" in message
    assert f"of {len(graph.actors) + len(graph.claims)} actor and claim rows" in message
    partial = _counts(neo4j_clean)
    assert 0 < partial[0] + partial[1] < len(graph.actors) + len(graph.claims)
    with _conn(neo4j_clean) as conn:
        push(graph, conn, batch_size=500)
        assert pull(conn) == graph
    assert _counts(neo4j_clean)[:2] == (len(graph.actors), len(graph.claims))


def test_unreachable_server_is_a_clear_error() -> None:
    from tests.neo4j_fixture import find_free_port

    graph = ClaimGraph.build([("甲", ["Bank"], [])], [])
    uri = f"bolt://127.0.0.1:{find_free_port()}"
    with (
        connect(uri, connection_timeout=2.0) as conn,
        pytest.raises(ConnectionError, match=f"cannot reach Neo4j at {re.escape(uri)}"),
    ):
        push(graph, conn)


# ---------------------------------------------------------------------- parity
def _normalise(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as JSON text, rows sorted by every column: the stated sort for parity."""
    text = frame.map(lambda v: json.dumps(None if v is None or v is pd.NA or v != v else v,
                                          ensure_ascii=False, sort_keys=True))  # fmt: skip
    return text.sort_values(list(text.columns)).reset_index(drop=True)


def _params(graph: ClaimGraph, name: str) -> dict[str, Any]:
    wanted = named_queries()[name].params
    # a and b: the two ends of the first claim whose target has another claim (so that
    # path_between has rows), found once per graph.
    claims = graph.claims
    second = claims.merge(claims, left_on="target", right_on="source")
    second = second[second["source_x"] != second["target_y"]]
    a, b = second.iloc[0][["source_x", "target_y"]] if len(second) else ("x", "y")
    values = {"top": 15, "a": str(a), "b": str(b)}
    return {k: values[k] for k in wanted}


@pytest.fixture(scope="module")
def parity_graphs() -> dict[str, ClaimGraph]:
    return {
        "seed": load_inputs([seed_path()]).graph,
        "synthetic": synthetic_claim_graph(150, seed=7),
        "synthetic-300": synthetic_claim_graph(300, seed=1),
    }


@pytest.mark.parametrize("which", ["seed", "synthetic", "synthetic-300"])
def test_named_queries_give_equal_tables_on_both_engines(
    neo4j_clean: Neo4jServer, parity_graphs: dict[str, ClaimGraph], which: str
) -> None:
    graph = parity_graphs[which]
    nonempty = 0
    with _conn(neo4j_clean) as conn:
        push(graph, conn)
        neo = Neo4jBackend(conn)
        mem = InMemoryBackend(graph)
        for name in named_queries():
            params = _params(graph, name)
            right = neo.named(name, **params)
            left = mem.named(name, **params)
            label = f"{name} on the embedded engine"
            assert left.columns.tolist() == right.columns.tolist(), label
            assert len(left) == len(right), label
            pd.testing.assert_frame_equal(_normalise(left), _normalise(right), obj=label)
            # ORDER BY in every named query: the unsorted order is the same too
            pd.testing.assert_frame_equal(
                left.map(lambda v: json.dumps(v, ensure_ascii=False, default=str)),
                right.map(lambda v: json.dumps(v, ensure_ascii=False, default=str)),
                obj=f"{label} (order)",
                check_dtype=False,
            )
            nonempty += bool(len(right))
        assert neo.claim_graph() == graph
    assert nonempty >= (6 if which == "seed" else 9)


# ---------------------------------------------------------------------- the CLI
def test_cli_push_pull_and_cypher_on_neo4j(
    neo4j_clean: Neo4jServer,
    seed_graph: ClaimGraph,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    graph_file = tmp_path / "g.json"
    graph_file.write_text(to_json(seed_graph), encoding="utf-8")
    monkeypatch.setenv("NEO4J_URI", neo4j_clean.uri)
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_clean.database)
    assert main(["neo4j", "push", str(graph_file)]) == 0
    assert "pushed 101 actors and 117 claims" in capsys.readouterr().err
    assert main(["neo4j", "pull", "-o", str(tmp_path / "back.json")]) == 0
    assert from_json((tmp_path / "back.json").read_text(encoding="utf-8")) == seed_graph
    capsys.readouterr()
    assert main(["cypher", "--neo4j", "MATCH (b:Bank) RETURN count(b) AS n", "--json"]) == 0
    banks = int(seed_graph.actors["types"].str.contains("Bank").sum())
    assert json.loads(capsys.readouterr().out) == [{"n": banks}]
    assert main(["cypher", "--neo4j", "--named", "cross_type_brokers", "--param", "top=2",
                 "--json"]) == 0  # fmt: skip
    on_server = json.loads(capsys.readouterr().out)
    assert main(["cypher", str(graph_file), "--named", "cross_type_brokers", "--param", "top=2",
                 "--json"]) == 0  # fmt: skip
    assert json.loads(capsys.readouterr().out) == on_server
    assert main(["cypher", "--neo4j", "MATCH (a) RETURN a.nosuch("]) == 1
    assert capsys.readouterr().err.startswith("ecox: Neo4j: Invalid input")


def test_password_login(neo4j_auth_server: Neo4jServer) -> None:
    """The right password pushes and pulls; a wrong or missing one is one clear error."""
    srv = neo4j_auth_server
    assert srv.auth is not None
    user, password = srv.auth
    graph = ClaimGraph.build(
        [("甲银行", ["Bank"], []), ("乙公司", ["Enterprise"], [])],
        [{"source": "甲银行", "target": "乙公司", "type": "LENT_TO"}],
    )
    with connect(srv.uri, user, password, srv.database, environ={}) as conn:
        push(graph, conn, graph_name="auth-test", replace=True)
        assert pull(conn, graph_name="auth-test") == graph
    for wrong in [(user, password + "x"), ("nobody", password)]:
        with connect(srv.uri, *wrong, srv.database, environ={}) as conn:
            with pytest.raises(ConnectionError, match="refused the credentials") as error:
                push(graph, conn, graph_name="auth-test")
            assert password not in str(error.value)
            with pytest.raises(ConnectionError, match="refused the credentials"):
                pull(conn, graph_name="auth-test")
            with pytest.raises(ConnectionError, match="refused the credentials"):
                Neo4jBackend(conn).cypher("RETURN 1 AS one")
    with (
        connect(srv.uri, database=srv.database, environ={}) as conn,
        pytest.raises(ConnectionError, match=f"Neo4j at {re.escape(srv.uri)}"),
    ):
        pull(conn, graph_name="auth-test")


def test_cli_password_from_the_environment(
    neo4j_auth_server: Neo4jServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    srv = neo4j_auth_server
    assert srv.auth is not None
    graph = synthetic_claim_graph(30, seed=9)
    graph_file = tmp_path / "g.json"
    graph_file.write_text(to_json(graph), encoding="utf-8")
    for name, value in [
        ("NEO4J_URI", srv.uri),
        ("NEO4J_DATABASE", srv.database),
        ("NEO4J_USER", srv.auth[0]),
        ("NEO4J_PASSWORD", srv.auth[1]),
    ]:
        monkeypatch.setenv(name, value)  # fmt: skip
    assert main(["neo4j", "push", str(graph_file), "--graph", "cli-auth", "--replace"]) == 0
    assert main(["neo4j", "pull", "--graph", "cli-auth", "-o", str(tmp_path / "b.json")]) == 0
    assert from_json((tmp_path / "b.json").read_text(encoding="utf-8")) == graph
    capsys.readouterr()
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    assert main(["neo4j", "pull", "--graph", "cli-auth", "-o", str(tmp_path / "c.json")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ecox: ") and "Neo4j at" in err and "refused the credentials" in err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "c.json").exists()


def test_pull_sees_only_committed_pushes(neo4j_clean: Neo4jServer) -> None:
    """A reader during a push sees whole batches only: never a claim without its endpoints."""
    graph = synthetic_claim_graph(800, seed=8)
    seen: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        try:
            with _conn(neo4j_clean) as conn:
                while not stop.is_set():
                    g = pull(conn)  # validates: every claim's endpoints are actors
                    seen.append((len(g.actors), len(g.claims)))
                    time.sleep(0.05)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        with _conn(neo4j_clean) as conn:
            push(graph, conn, batch_size=400)
    finally:
        stop.set()
        thread.join(60)
    assert not errors, errors
    assert seen and all(a in (0, 400, len(graph.actors)) or c == 0 for a, c in seen)
    assert all(c == 0 or a == len(graph.actors) for a, c in seen)


def test_multi_typed_actors_and_same_pair_claims_push_incrementally(
    neo4j_clean: Neo4jServer,
) -> None:
    actors = [
        ("张三", ["Scientist", "Entrepreneur"], ["老张"]),
        ("甲基金", ["Fund", "Investor"], []),
        ("乙公司", ["Enterprise"], []),
        ("丙银行", ["Bank", "Investor"], []),
    ]
    claims = [  # three claims between 甲基金 and 乙公司, two of one type; two of 丙银行's
        {"source": "甲基金", "target": "乙公司", "type": "INVESTED_IN", "id": "c1", "amount": 1.0},
        {"source": "甲基金", "target": "乙公司", "type": "INVESTED_IN", "id": "c2", "amount": 2.0},
        {"source": "乙公司", "target": "甲基金", "type": "COOPERATES_WITH", "id": "c3"},
        {"source": "张三", "target": "乙公司", "type": "FOUNDED", "id": "c4"},
        {"source": "丙银行", "target": "乙公司", "type": "LENT_TO", "id": "c5", "amount": 9.0},
        {"source": "丙银行", "target": "乙公司", "type": "INVESTED_IN", "id": "c6"},
    ]
    graph = ClaimGraph.build(actors, claims)
    with _conn(neo4j_clean) as conn:
        first = push(graph, conn, batch_size=2, workers=2)
        assert pull(conn) == graph and first.sent == len(actors) + len(claims)
        rels = neo4j_clean.query(
            "MATCH (:Fund:Investor {name: '甲基金'})-[r:INVESTED_IN]->(:Enterprise) "
            "RETURN r.id AS id ORDER BY id"
        )
        assert rels == [{"id": "c1"}, {"id": "c2"}]
        assert neo4j_clean.query("MATCH (a:Scientist:Entrepreneur) RETURN a.name AS n") == [
            {"n": "张三"}
        ]
        assert push(graph, conn).sent == 0  # nothing changed: nothing sent
        # one claim's value, one claim's target, one actor's types, one new same-pair claim
        changed = [
            *claims[:2],
            {**claims[2], "target": "丙银行"},
            claims[3],
            {**claims[4], "amount": 10.0},
            claims[5],
            {"source": "甲基金", "target": "乙公司", "type": "INVESTED_IN", "id": "c7"},
        ]
        after = ClaimGraph.build([actors[0], ("甲基金", ["Fund"], []), *actors[2:]], changed)
        report = push(after, conn, workers=2)
        assert report.sent == 4 and pull(conn) == after
    assert neo4j_clean.query("MATCH (a:Investor) RETURN a.name AS n") == [{"n": "丙银行"}]
    assert neo4j_clean.query(
        "MATCH (s)-[r:COOPERATES_WITH]->(t) RETURN r.id AS id, t.name AS t"
    ) == [{"id": "c3", "t": "丙银行"}]
    assert neo4j_clean.query("MATCH (:Bank)-[r:LENT_TO]->() RETURN r.amount AS a") == [{"a": 10.0}]
