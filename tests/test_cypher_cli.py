"""``ecox cypher`` and ``ecox shell`` as an analyst uses them, run as subprocesses.

Files of several queries, typed parameters, output formats and files, the error display
(the analyst's own line and a caret under the column), and the interactive shell (from
a pipe, and on a pseudo-terminal for the history). Expected values come from the seed's
tables, not from the engine.
"""

from __future__ import annotations

__all__: list[str] = []

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pytest

from ecox.graph.claims import ClaimGraph
from ecox.store.files import to_json
from tests.ecox_process import run_ecox

if TYPE_CHECKING:
    from tests.neo4j_fixture import Neo4jServer


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of every run: one cache folder for the module (the store built once)."""
    cache = tmp_path_factory.mktemp("cache")
    return {**os.environ, "ECOX_CACHE_DIR": str(cache)}


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory, seed_graph: ClaimGraph) -> Path:
    path = tmp_path_factory.mktemp("graph") / "seed.json"
    path.write_text(to_json(seed_graph), encoding="utf-8")
    return path


def _ecox(env: dict[str, str], *args: object, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_ecox(*args, stdin=stdin, env=env)


def _banks(graph: ClaimGraph) -> list[str]:
    types = graph.actors["types"].astype(str).str.split("|")
    return sorted(graph.actors["name"][types.map(lambda t: "Bank" in t)])


def test_a_file_of_queries_each_answered_to_numbered_files(
    env: dict[str, str], graph_file: Path, seed_graph: ClaimGraph, tmp_path: Path
) -> None:
    queries = tmp_path / "q.cypher"
    queries.write_text(
        "// how many banks; and their names\n"
        "MATCH (b:Bank) RETURN count(*) AS banks;\n"
        "/* a ; in a comment */ MATCH (b:Bank)\n"
        "RETURN b.name AS name ORDER BY name;\n"
        "RETURN 'a;b' AS text  // the last query needs no ;\n",
        encoding="utf-8",
    )
    done = _ecox(
        env, "cypher", graph_file, "-f", queries, "--format", "csv", "-o", tmp_path / "a.csv"
    )
    assert done.returncode == 0, done.stderr
    banks = _banks(seed_graph)
    assert pd.read_csv(tmp_path / "a.csv")["banks"].tolist() == [len(banks)]
    assert pd.read_csv(tmp_path / "a-2.csv")["name"].tolist() == banks
    assert pd.read_csv(tmp_path / "a-3.csv")["text"].tolist() == ["a;b"]
    assert "wrote" in done.stderr and str(tmp_path / "a-3.csv") in done.stderr


def test_several_queries_on_stdout_have_headings(env: dict[str, str], graph_file: Path) -> None:
    done = _ecox(env, "cypher", graph_file, "RETURN 1 AS one;\n\nRETURN 2 AS two;")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "// query 1 (line 1)",
        " one",
        "   1",
        "",
        "// query 2 (line 3)",
        " two",
        "   2",
    ]


def test_typed_parameters_and_json_output(
    env: dict[str, str], graph_file: Path, seed_graph: ClaimGraph
) -> None:
    two = _banks(seed_graph)[:2]
    done = _ecox(
        env, "cypher", graph_file,
        "MATCH (a) WHERE a.name IN $names AND size(a.name) > $min RETURN a.name AS name "
        "ORDER BY name",
        "--param", f"names:={json.dumps(two, ensure_ascii=False)}", "--param", "min=1",
        "--format", "json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [{"name": n} for n in two]
    bad = _ecox(env, "cypher", graph_file, "RETURN $x AS x", "--param", "x:=[1,")
    assert bad.returncode == 1 and "--param x:= is not JSON" in bad.stderr


def test_a_parameter_without_value_is_named_with_a_caret(
    env: dict[str, str], graph_file: Path
) -> None:
    done = _ecox(env, "cypher", graph_file, "MATCH (a)\nWHERE a.name = $who\nRETURN a.id")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0].startswith("ecox: parameter $who has no value") and "--param who=" in lines[0]
    assert lines[0].endswith("at line 2, column 16:")
    assert lines[1:] == ["  WHERE a.name = $who", "                 ^"]


def test_syntax_errors_quote_the_analysts_line(
    env: dict[str, str], graph_file: Path, tmp_path: Path
) -> None:
    queries = tmp_path / "q.cypher"
    queries.write_text("RETURN 1 AS ok;\n\nMATCH (a:Bank)\nRETRUN a.name;\nRETURN 3;", "utf-8")
    done = _ecox(env, "cypher", graph_file, "-f", queries)
    assert done.returncode == 1
    assert done.stdout.splitlines()[:3] == ["// query 1 (line 1)", " ok", "  1"]
    lines = done.stderr.splitlines()
    assert lines[0].startswith(f"ecox: query 2 of {queries}: expected MATCH")
    assert "'RETRUN' at line 4, column 1:" in lines[0]  # lines and columns of the file
    assert lines[1:] == ["  RETRUN a.name", "  ^"]
    same_line = _ecox(env, "cypher", graph_file, "RETURN 1 AS one; RETURN 2 +")
    assert "at line 1, column 28:" in same_line.stderr
    assert same_line.stderr.splitlines()[1:] == [" " * 19 + "RETURN 2 +", " " * 29 + "^"]
    assert "query 3" not in done.stdout  # stops at the first error


def test_refusals_are_one_line(env: dict[str, str], graph_file: Path) -> None:
    for query, feature in (
        ("MATCH (a:Bank) SET a.name = 'x' RETURN a", "SET is not allowed"),
        ("LOAD CSV FROM 'file:///x.csv' AS row RETURN row", "LOAD CSV is not allowed"),
    ):
        done = _ecox(env, "cypher", graph_file, query)
        assert done.returncode == 1
        assert done.stderr.startswith(f"ecox: {feature}") and done.stderr.count("\n") == 1


def test_usage_errors(env: dict[str, str], graph_file: Path, tmp_path: Path) -> None:
    assert _ecox(env, "cypher", graph_file).returncode == 2
    both = _ecox(env, "cypher", graph_file, "--named", "complete_triads", "-f", "x.cypher")
    assert both.returncode == 2 and "not both" in both.stderr
    empty = tmp_path / "empty.cypher"
    empty.write_text("// nothing here;\n", encoding="utf-8")
    done = _ecox(env, "cypher", graph_file, "-f", empty)
    assert done.returncode == 1 and "no query in it" in done.stderr


def test_shell_from_a_pipe(env: dict[str, str], graph_file: Path, seed_graph: ClaimGraph) -> None:
    script = (
        ":schema\n"
        "MATCH (b:Bank)\n"
        "RETURN count(*) AS banks;\n"
        "MATCH (a) RETURN a.nope +;\n"
        ':param names:=["无此人"]\n'
        "MATCH (a) WHERE a.name IN $names RETURN count(*) AS nobody;\n"
        ":quit\n"
        "RETURN 'after quit' AS x;\n"
    )
    done = _ecox(env, "shell", graph_file, stdin=script)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    banks = len(_banks(seed_graph))
    assert "labels (actors):" in out and f"  :Bank  {banks}\n" in out
    # unnamed sides are :EcoxUnnamed nodes in the store, as in the Neo4j push: every loan counts
    loans = int((seed_graph.claims["type"] == "LENT_TO").sum())
    assert "relationship types (claims):" in out and f"  :LENT_TO  {loans}\n" in out
    assert "properties of claims (values set):" in out and "amount (" in out
    assert f" banks\n    {banks}\n" in out
    assert " nobody\n      0\n" in out
    assert "after quit" not in out
    assert done.stderr.count("^") == 1 and "RETURN a.nope +" in done.stderr


def test_shell_on_a_terminal_keeps_a_history(env: dict[str, str], graph_file: Path) -> None:
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ecox.cli", "shell", str(graph_file)],
        stdin=slave, stdout=slave, stderr=slave, env={**env, "TERM": "dumb"},
    )  # fmt: skip
    os.close(slave)
    os.write(master, b"MATCH (b:Bank)\nRETURN count(*) AS banks;\n:quit\n")
    seen = b""
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            seen += os.read(master, 4096)
        except OSError:
            break
    proc.wait(10)
    os.close(master)
    text = seen.decode("utf-8", "replace")
    assert "ecox> " in text and " ...> " in text and "banks" in text
    history = Path(env["ECOX_CACHE_DIR"]) / "shell_history"
    assert "RETURN count(*) AS banks;" in history.read_text(encoding="utf-8")


@pytest.mark.neo4j
def test_neo4j_runs_a_file_in_read_mode(
    neo4j_clean: Neo4jServer, env: dict[str, str], graph_file: Path, tmp_path: Path
) -> None:
    server = {**env, "NEO4J_URI": neo4j_clean.uri, "NEO4J_DATABASE": neo4j_clean.database}
    assert _ecox(server, "neo4j", "push", graph_file).returncode == 0
    queries = tmp_path / "q.cypher"
    queries.write_text("MATCH (b:Bank) RETURN count(*) AS banks;\nRETURN 'x;y' AS s;", "utf-8")
    both = [
        _ecox(server, "cypher", "--neo4j", "-f", queries, "--format", "json"),
        _ecox(server, "cypher", graph_file, "-f", queries, "--format", "json"),
    ]
    assert both[0].returncode == 0, both[0].stderr
    assert both[0].stdout == both[1].stdout  # two JSON tables, a blank line between them
    assert both[0].stdout.count("\n") == 3 and '[{"s": "x;y"}]' in both[0].stdout
    write = _ecox(server, "cypher", "--neo4j", "MATCH (b:Bank) SET b.name = 'x' RETURN b")
    assert write.returncode == 1 and write.stderr.startswith("ecox: Neo4j: ")
    assert "read" in write.stderr.lower()  # refused by the server: the session is read-only
    left = _ecox(server, "cypher", "--neo4j", "MATCH (b:Bank {name: 'x'}) RETURN count(*) AS n")
    assert left.stdout.split() == ["n", "0"]


def test_a_cypher_run_imports_neither_networkx_nor_the_neo4j_driver(
    env: dict[str, str], graph_file: Path
) -> None:
    """Start-up: ``ecox cypher GRAPH QUERY`` loads only what a Cypher run needs."""
    last = _loaded_after_cypher(env, graph_file, "RETURN 1 AS one").splitlines()[-1]
    loaded, code = last.split("] ")
    assert "networkx" not in loaded and "neo4j" not in loaded and code == "0", loaded


def _loaded_after_cypher(env: dict[str, str], graph: Path, query: str) -> str:
    """The output of ``ecox cypher GRAPH QUERY`` in a fresh process, then which of pandas,
    networkx and neo4j it loaded."""
    script = (
        "import sys\nfrom ecox.cli import main\n"
        f"code = main(['cypher', {str(graph)!r}, {query!r}, '--format', 'csv'])\n"
        "print(sorted(m for m in ('pandas', 'networkx', 'neo4j') if m in sys.modules), code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_built_store_answers_without_pandas_and_sees_a_changed_graph(
    env: dict[str, str], seed_graph: ClaimGraph, tmp_path: Path
) -> None:
    """Start-up on a Parquet graph file whose store is built: the file's tables are not read
    (no pandas); replacing the file with another graph (its modification time
    kept) gives that graph's answer."""
    from ecox.store.parquet import to_parquet

    graph = tmp_path / "g.parquet"
    graph.write_bytes(to_parquet(seed_graph))
    query = "MATCH (b:Bank) RETURN count(*) AS banks"
    banks = len(_banks(seed_graph))
    assert _loaded_after_cypher(env, graph, query).startswith(f"banks\n{banks}\n")  # built
    assert _loaded_after_cypher(env, graph, query) == f"banks\n{banks}\n[] 0\n"
    times = graph.stat()
    kept = ~seed_graph.actors["name"].isin(_banks(seed_graph)[:1])
    fewer = ClaimGraph(seed_graph.actors[kept], seed_graph.claims.iloc[:0])
    graph.write_bytes(to_parquet(fewer))
    os.utime(graph, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert _loaded_after_cypher(env, graph, query).startswith(f"banks\n{banks - 1}\n")
    assert _loaded_after_cypher(env, graph, query) == f"banks\n{banks - 1}\n[] 0\n"

