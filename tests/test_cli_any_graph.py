"""The ``ecox`` commands on graphs without ventures: empty, one actor, four actors, the seed
before its reports. Each command must exit 0 and write what it was asked to.

Only today's commands and flags (the CLI is being rewritten): report, gaps (every kind),
triads, census, render (every view), brokers, demo.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ecox
from ecox.graph.claims import ClaimGraph

ECOX = shutil.which("ecox") or str(Path(sys.executable).with_name("ecox"))


def _graphs() -> dict[str, ClaimGraph]:
    four = ClaimGraph.build(
        [("甲银行", ["Bank"], []), ("乙公司", ["Enterprise"], []),
         ("丙园区", ["Park"], []), ("丁局", ["Government"], [])],
        [{"source": "甲银行", "target": "乙公司", "type": "LENT_TO", "date": "2025-01-01"},
         {"source": "乙公司", "target": "丙园区", "type": "LOCATED_IN"},
         {"source": "丁局", "target": "丙园区", "type": "SERVES"}],
    )  # fmt: skip
    return {
        "empty": ClaimGraph.build([], []),
        "one": ClaimGraph.build([("孤独公司", ["Enterprise"], [])], []),
        "four": four,
    }


@pytest.fixture(scope="module")
def graph_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("graphs")
    files = {}
    for name, graph in _graphs().items():
        files[name] = folder / f"{name}.json"
        files[name].write_text(ecox.to_json(graph), encoding="utf-8")
    files["seed"] = folder / "seed.json"
    files["seed"].write_text(ecox.to_json(ecox.seed()), encoding="utf-8")
    return files


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [ECOX, "--debug", *map(str, args)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


#: (graph, command): every command at least once on a graph without ventures (each call
#: starts a fresh interpreter, so the list is kept short).
CALLS = [
    ("empty", ["report", "-o", "{out}.html"]),
    ("empty", ["gaps", "--csv", "{out}.csv"]),
    ("empty", ["render", "--view", "ego", "-o", "{out}.html"]),
    ("one", ["render", "--view", "gaps", "-o", "{out}.html"]),
    ("one", ["triads", "--open"]),
    ("four", ["gaps", "--kind", "fill", "--csv", "{out}.csv"]),
    ("four", ["render", "--view", "triads", "-o", "{out}.html"]),
    ("four", ["census"]),
    ("four", ["brokers"]),
    ("seed", ["report", "--as-of", "2025-12-31", "-o", "{out}.html"]),
    ("seed", ["gaps", "--as-of", "2025-12-31", "--csv", "{out}.csv"]),
    ("seed", ["render", "--view", "triads", "--as-of", "2025-12-31", "-o", "{out}.html"]),
]


@pytest.mark.parametrize(("name", "command"), CALLS)
def test_command_on_a_graph_without_ventures(graph_files, tmp_path, name, command):
    out = tmp_path / "out"
    args = [a.format(out=out) for a in command]
    _run(args[0], graph_files[name], *args[1:])
    written = [Path(a) for a in args if a.startswith(str(out))]
    for path in written:
        assert path.exists(), path
        if path.suffix == ".html":
            assert "<html" in path.read_text(encoding="utf-8").lower()


def test_demo_on_a_graph_without_ventures(graph_files, tmp_path):
    _run("demo", graph_files["four"], "-o", tmp_path / "demo")
    assert any((tmp_path / "demo").iterdir())
