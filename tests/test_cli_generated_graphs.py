"""Every ``ecox`` command that reads a graph, on generated schema-valid graphs.

Hypothesis draws graphs of every shape (:mod:`tests.any_graph`: empty, one type,
no venture role, unnamed counterparts, odd dates); each command runs in process
through :func:`ecox.cli.main` and must exit 0 with its output written. The
fresh-process runs of the same commands are in ``test_cli_any_graph.py``.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from hypothesis import given, settings

import ecox
from ecox.cli import main
from tests.any_graph import as_of_values, claim_graphs
from tests.test_any_graph import FAST

#: Graphs per run (each runs every command below).
EXAMPLES = 10

#: Commands on ``{g}`` (the graph file); ``{o}`` is an output path prefix.
COMMANDS = [
    ["info", "{g}"],
    ["brokers", "{g}", "--csv", "{o}brokers.csv"],
    ["triads", "{g}", "--open", "--csv", "{o}open.csv"],
    ["census", "{g}"],
    *(["gaps", "{g}", "--kind", kind, "--csv", f"{{o}}{kind}.csv"]
      for kind in ("fill", "under", "links", "communities")),
    ["syndicates", "{g}"],
    ["chains", "{g}"],
    ["helix", "{g}"],
    *(["render", "{g}", "--view", view, "-o", f"{{o}}{view}.html"]
      for view in ("ecosystem", "ego", "triads", "gaps", "brokers")),
    ["report", "{g}", "-o", "{o}report.html"],
    ["export", "{g}", "-o", "{o}tables.csv"],
    ["export", "{g}", "-o", "{o}copy.graphml"],
    ["diff", "{g}", "{g}", "-o", "{o}diff.html"],
    ["cypher", "{g}", "MATCH (a) RETURN count(a) AS actors"],
    ["neo4j", "export-admin", "{g}", "{o}admin"],
]  # fmt: skip

#: Commands that take an ``--as-of`` slice as well.
SLICED = {"brokers", "triads", "census", "gaps", "render", "report"}


def _run(argv: list[str]) -> tuple[int, str]:
    """Run ecox in process; the exit status and standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, err.getvalue()


def _ok(argv: list[str]) -> None:
    status, err = _run(argv)
    assert status == 0, f"ecox {' '.join(argv)} exited {status}: {err[-1500:]}"


@settings(FAST, max_examples=EXAMPLES)
@given(graph=claim_graphs(max_actors=6, max_claims=8), as_of=as_of_values)
def test_every_graph_command_on_generated_graphs(graph: ecox.ClaimGraph, as_of: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        g = Path(folder) / "g.json"
        g.write_text(ecox.to_json(graph), encoding="utf-8")
        prefix = f"{folder}/"
        for command in COMMANDS:
            argv = [part.format(g=g, o=prefix) for part in command]
            if as_of is not None and command[0] in SLICED:
                argv += ["--as-of", as_of]
            _ok(argv)
        for page in ("ecosystem", "report", "diff"):
            assert (Path(folder) / f"{page}.html").stat().st_size > 0, page
        names = graph.actors["name"].tolist()
        if len(names) >= 2:
            status, err = _run(["path", str(g), names[0], names[-1]])
            assert status == 0 or (status == 1 and "no path between" in err), err
        if not names:
            return  # `ecox load` refuses an empty actors table in words (test_bad_inputs)
        # the exported tables load back into the same actors, or the loader says in words
        # what it refuses: a year 0000 (graph files may hold one), a header-only table
        tables = sorted(str(p) for p in Path(folder).glob("tables_*.csv"))
        status, err = _run(["load", *tables, "-o", f"{prefix}again.json"])
        if status == 1:
            refused = (
                "the relations table has no rows"
                if graph.claims.empty
                else "column 'date': no year 0"
            )
            assert "tables_claims.csv" in err and refused in err, err
            return
        assert status == 0, err
        again = ecox.read_graph(Path(folder) / "again.json")
        assert sorted(again.actors["name"]) == sorted(names)
        _ok(["update", str(g), *tables, "-o", f"{prefix}updated.json"])
