"""``ecox neo4j export-admin``: the test server's own ``neo4j-admin database import full``
loads the files into a fresh database equal to what ``ecox neo4j push`` writes."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ecox.cmd_neo4j import neo4j as neo4j_group
from ecox.graph.claims import ClaimGraph
from ecox.store.files import to_json
from ecox.store.neo4j import connect, pull, push
from ecox.store.neo4j_admin import import_arguments
from tests.neo4j_fixture import Neo4jServer, build_server

pytestmark = pytest.mark.neo4j

_NODES = (
    "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props "
    "ORDER BY n.id, labels(n)[0]"
)
_RELS = (
    "MATCH (s)-[r]->(t) RETURN type(r) AS type, s.id AS s, t.id AS t, properties(r) AS props "
    "ORDER BY r.id"
)


def _admin_import(files: Path, home: Path) -> str:
    home.mkdir(parents=True, exist_ok=True)
    jar = build_server()
    target = jar.parent if jar.suffix == ".jar" else jar / "target"
    java = os.environ.get("JAVA_HOME")
    command = [
        f"{java}/bin/java" if java else "java",
        "-Xmx512m",
        "-cp",
        f"{target}/neo4j-test-server.jar:{target}/lib/*",
        "org.neo4j.cli.AdminTool",
        "database",
        "import",
        "full",
        *import_arguments(str(files)),
        f"--report-file={home}/import-report.txt",
        "--threads=1",
        "neo4j",
    ]
    done = subprocess.run(
        command,
        env={**os.environ, "NEO4J_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


def _dump(server: Neo4jServer) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    nodes = server.query(_NODES)
    for node in nodes:
        node["labels"] = sorted(node["labels"])
        node["props"] = {k: v for k, v in node["props"].items() if v != []}
    return nodes, server.query(_RELS)


def test_admin_import_equals_a_push(
    neo4j_clean: Neo4jServer, seed_graph: ClaimGraph, tmp_path: Path
) -> None:
    graph_file = tmp_path / "seed.json"
    graph_file.write_text(to_json(seed_graph), encoding="utf-8")
    files = tmp_path / "admin"
    written = CliRunner().invoke(neo4j_group, ["export-admin", str(graph_file), str(files)])
    assert written.exit_code == 0, written.output
    assert "database import full" in written.stdout
    report = _admin_import(files, tmp_path / "home")
    unnamed = int(seed_graph.claims[["source", "target"]].eq("").any(axis=1).sum())
    assert f"{len(seed_graph.actors) + unnamed} nodes" in report
    assert f"{len(seed_graph.claims)} relationships" in report

    imported = Neo4jServer.launch(tmp_path / "home")
    try:
        with connect(imported.uri, connection_timeout=10.0) as conn:
            assert pull(conn) == seed_graph
        from_import = _dump(imported)
        lent = imported.query(
            "MATCH (:Bank)-[r:LENT_TO {ecox_graph: 'default'}]->(:Enterprise) RETURN count(r) AS n"
        )
    finally:
        imported.stop()

    with connect(neo4j_clean.uri, database=neo4j_clean.database, connection_timeout=10.0) as conn:
        push(seed_graph, conn)
    from_push = _dump(neo4j_clean)
    assert len(from_import[0]) == len(from_push[0]) and len(from_import[1]) == len(from_push[1])
    assert from_import == from_push  # every label, property and endpoint
    same = neo4j_clean.query(
        "MATCH (:Bank)-[r:LENT_TO {ecox_graph: 'default'}]->(:Enterprise) RETURN count(r) AS n"
    )
    assert lent == same and lent[0]["n"] > 0
