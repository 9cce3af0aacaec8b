"""The Neo4j test server is a real Neo4j 5.26 Community server, and its fixture behaves.

These tests talk to it only through the official ``neo4j`` Python driver, as ecox does.
"""

from __future__ import annotations

__all__: list[str] = []

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ConstraintError, ServiceUnavailable

if TYPE_CHECKING:
    from tests.neo4j_fixture import Neo4jServer

# tests/conftest.py loads the plugin too; naming it here keeps this module runnable alone.
# (No runtime import of the plugin above: pytest must import it first to rewrite its asserts.)
pytest_plugins = ["tests.neo4j_fixture"]

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.neo4j


def _count(server: Neo4jServer, cypher: str, **params: object) -> int:
    rows = server.query(cypher, **params)
    return int(rows[0]["n"])


def _needs_managed(server: Neo4jServer) -> None:
    if not server.managed:
        pytest.skip("needs the server this fixture starts, not ECOX_NEO4J_URI")


def test_components_report_neo4j_5_26_community(neo4j_server: Neo4jServer) -> None:
    _needs_managed(neo4j_server)
    rows = neo4j_server.query("CALL dbms.components() YIELD name, versions, edition")
    assert len(rows) == 1
    assert rows[0]["name"] == "Neo4j Kernel"
    assert rows[0]["edition"] == "community"
    assert rows[0]["versions"][0].startswith("5.26.")
    assert rows[0]["versions"][0] == neo4j_server.version
    assert neo4j_server.uri.startswith("bolt://127.0.0.1:")
    assert neo4j_server.auth is None


def test_auth_disabled_accepts_any_credentials(neo4j_server: Neo4jServer) -> None:
    _needs_managed(neo4j_server)
    with GraphDatabase.driver(neo4j_server.uri, auth=("neo4j", "anything-at-all")) as drv:
        records, _, _ = drv.execute_query("RETURN 40 + 2 AS x", database_=neo4j_server.database)
    assert records[0]["x"] == 42


def test_auth_server_accepts_only_its_password(neo4j_auth_server: Neo4jServer) -> None:
    srv = neo4j_auth_server
    assert srv.auth is not None
    user, password = srv.auth
    with srv.driver() as drv:
        records, _, _ = drv.execute_query("RETURN 40 + 2 AS x", database_=srv.database)
    assert records[0]["x"] == 42
    for auth in [(user, "wrong-password"), ("nobody", password), None]:
        with GraphDatabase.driver(srv.uri, auth=auth) as drv, pytest.raises(AuthError):
            drv.verify_connectivity()
    if srv.managed:
        assert srv.log_path is not None
        assert " auth=on " in srv.log_path.read_text(encoding="utf-8")


def test_two_labels_and_uniqueness_constraint(neo4j_clean: Neo4jServer) -> None:
    srv = neo4j_clean
    srv.query("CREATE CONSTRAINT actor_id FOR (a:Actor) REQUIRE a.id IS UNIQUE")
    people = [
        {"id": "p1", "name": "张教授", "labels": ["Scientist", "Entrepreneur"]},
        {"id": "p2", "name": "李经理", "labels": ["Entrepreneur"]},
    ]
    with srv.driver() as drv, drv.session(database=srv.database) as session:
        session.execute_write(
            lambda tx: tx.run(
                "UNWIND $rows AS row "
                "CREATE (a:Actor {id: row.id, name: row.name}) "
                "WITH a, row WHERE 'Scientist' IN row.labels SET a:Scientist",
                rows=people,
            ).consume()
        )
        session.run("MATCH (a:Actor) SET a:Entrepreneur").consume()
        both = session.run(
            "MATCH (a:Scientist:Entrepreneur) RETURN a.id AS id, a.name AS name, labels(a) AS l"
        ).data()
        for row in both:  # labels() follows the order the server first saw each label
            row["l"] = sorted(row["l"])
        assert both == [{"id": "p1", "name": "张教授", "l": ["Actor", "Entrepreneur", "Scientist"]}]

        with pytest.raises(ConstraintError) as err:
            session.run("CREATE (:Actor:Investor {id: 'p1', name: 'dup'})").consume()
        assert err.value.code == "Neo.ClientError.Schema.ConstraintValidationFailed"

    constraints = srv.query("SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties")
    assert constraints == [
        {
            "name": "actor_id",
            "type": "UNIQUENESS",
            "labelsOrTypes": ["Actor"],
            "properties": ["id"],
        }
    ]
    assert _count(srv, "MATCH (a:Actor) RETURN count(a) AS n") == 2
    assert _count(srv, "MATCH (a:Investor) RETURN count(a) AS n") == 0


def test_second_session_sees_only_committed_data(neo4j_clean: Neo4jServer) -> None:
    srv = neo4j_clean
    with srv.driver() as writer, srv.driver() as reader:
        with writer.session(database=srv.database) as ws:
            tx = ws.begin_transaction()
            tx.run(
                "CREATE (:Fund {id: 'f1'})-[:INVESTED_IN {amount: 5.0}]->(:Enterprise {id: 'e1'})"
            )
            with reader.session(database=srv.database) as rs:
                before = rs.run("MATCH (n) RETURN count(n) AS n").single()
                assert before is not None and before["n"] == 0
            tx.commit()
        with reader.session(database=srv.database) as rs:
            row = rs.run(
                "MATCH (f:Fund)-[r:INVESTED_IN]->(e:Enterprise) "
                "RETURN f.id AS f, r.amount AS a, e.id AS e"
            ).single()
    assert row is not None and (row["f"], row["a"], row["e"]) == ("f1", 5.0, "e1")


def test_clean_fixture_wipes_data_constraints_and_indexes(neo4j_clean: Neo4jServer) -> None:
    srv = neo4j_clean
    srv.query("CREATE CONSTRAINT bank_id FOR (b:Bank) REQUIRE b.id IS UNIQUE")
    srv.query("CREATE INDEX park_name FOR (p:Park) ON (p.name)")
    srv.query("CREATE (:Bank {id: 'b1'})-[:LENT_TO]->(:Park {name: 'x'})")
    srv.query(
        "DROP INDEX "
        + srv.query(
            "SHOW INDEXES YIELD name, entityType WHERE entityType = 'RELATIONSHIP' RETURN name"
        )[0]["name"]
    )
    assert _count(srv, "SHOW INDEXES YIELD name RETURN count(*) AS n") == 3

    srv.wipe()

    assert _count(srv, "MATCH (n) RETURN count(n) AS n") == 0
    assert _count(srv, "MATCH ()-[r]->() RETURN count(r) AS n") == 0
    assert srv.query("SHOW CONSTRAINTS YIELD name") == []
    indexes = srv.query(
        "SHOW INDEXES YIELD type, entityType RETURN type, entityType ORDER BY entityType"
    )
    assert indexes == [
        {"type": "LOOKUP", "entityType": "NODE"},
        {"type": "LOOKUP", "entityType": "RELATIONSHIP"},
    ]


def test_sigkill_mid_transaction_is_service_unavailable_then_restart_recovers(
    neo4j_clean: Neo4jServer,
) -> None:
    srv = neo4j_clean
    _needs_managed(srv)
    srv.query("CREATE (:Enterprise {id: 'kept'})")
    uri, old_pid = srv.uri, srv.pid
    try:
        with srv.driver(max_transaction_retry_time=0) as drv:
            with drv.session(database=srv.database) as session:
                tx = session.begin_transaction()
                tx.run("CREATE (:Enterprise {id: 'lost'})").consume()
                srv.kill()
                assert not srv.running
                with pytest.raises(ServiceUnavailable):
                    tx.run("CREATE (:Enterprise {id: 'after-kill'})").consume()
            with pytest.raises(ServiceUnavailable):
                drv.execute_query("RETURN 1", database_=srv.database)
    finally:
        srv.restart()
    assert srv.running and srv.uri == uri and srv.pid != old_pid
    ids = [r["id"] for r in srv.query("MATCH (e:Enterprise) RETURN e.id AS id ORDER BY id")]
    assert ids == ["kept"]


def test_clean_restart_keeps_data_port_and_logs_shutdown(neo4j_clean: Neo4jServer) -> None:
    srv = neo4j_clean
    _needs_managed(srv)
    srv.query("CREATE (:Institute {id: 'i1'})")
    uri = srv.uri
    srv.restart()
    assert srv.uri == uri
    assert _count(srv, "MATCH (i:Institute {id: 'i1'}) RETURN count(i) AS n") == 1
    assert srv.log_path is not None
    log = srv.log_path.read_text(encoding="utf-8")
    assert "NEO4J_STOPPING reason=signal" in log and "NEO4J_STOPPED" in log
    assert srv.last_start_seconds is not None and srv.last_start_seconds < 120


def test_start_on_a_port_in_use_fails_fast(neo4j_server: Neo4jServer, tmp_path: Path) -> None:
    _needs_managed(neo4j_server)
    from tests.neo4j_fixture import Neo4jServer, Neo4jStartError

    other = Neo4jServer(neo4j_server.uri, home=tmp_path / "home")
    t0 = time.monotonic()
    with pytest.raises(Neo4jStartError, match=f"port {neo4j_server.port} is in use"):
        other.start(port_wait=1.0)
    assert time.monotonic() - t0 < 10  # never launched java
    assert not other.running and not (tmp_path / "home").exists()


@pytest.mark.slow
def test_second_server_on_same_data_folder_reports_the_store_lock(
    neo4j_server: Neo4jServer,
) -> None:
    _needs_managed(neo4j_server)
    from tests.neo4j_fixture import Neo4jServer, Neo4jStartError, find_free_port

    assert neo4j_server.home is not None
    other = Neo4jServer(f"bolt://127.0.0.1:{find_free_port()}", home=neo4j_server.home)
    with pytest.raises(Neo4jStartError, match=r"exited with code 4 during start: .*FileLock"):
        other.start(timeout=120)
    assert not other.running
    assert neo4j_server.query("RETURN 1 AS n") == [{"n": 1}]  # the first one is unharmed


@pytest.mark.slow
def test_server_stops_itself_when_its_parent_is_killed(
    neo4j_server: Neo4jServer, tmp_path: Path
) -> None:
    """A pytest that dies by SIGKILL leaves no orphan: the pipe closes, the server stops."""
    _needs_managed(neo4j_server)  # the jar is built by then
    home = tmp_path / "orphan-home"
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from tests.neo4j_fixture import Neo4jServer\n"
        "srv = Neo4jServer.launch(Path(sys.argv[1]))\n"
        "print(srv.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", code, str(home)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert parent.stdout is not None
        line = parent.stdout.readline()
        assert line.strip().isdigit(), f"launcher printed {line!r}"
        java_pid = int(line)
        os.kill(java_pid, 0)  # alive
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and _alive(java_pid):
            time.sleep(0.2)
        assert not _alive(java_pid), "server outlived its parent"
    finally:
        if parent.poll() is None:
            parent.kill()
    log = (home.parent / "orphan-home-server.log").read_text(encoding="utf-8")
    assert "NEO4J_STOPPING reason=stdin-eof" in log and "NEO4J_STOPPED" in log


def _alive(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
