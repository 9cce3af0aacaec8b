"""The README's quickstart runs: the demo command and the Python snippet."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_readme_gives_the_two_commands() -> None:
    commands = _blocks("bash")
    assert any("ecox demo" in c and "pip install -e ." in c for c in commands)
    assert any(c.strip() == "bash tests/run.sh" for c in commands)
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "tests/run.sh" in ci


def test_readme_demo_command_runs(tmp_path: Path) -> None:
    demo = next(c for c in _blocks("bash") if "ecox demo" in c)
    # the environment is set up already: run the part after the install
    command = demo.split("&&")[-1].strip()
    assert command.startswith("ecox demo -o ")
    out = tmp_path / command.split()[-1]
    done = subprocess.run(
        [sys.executable, "-m", "ecox.cli", *command.split()[1:-1], str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (out / "graph.json").stat().st_size > 10_000
    assert str(out / "graph.json") in done.stdout


def test_readme_python_snippet_runs() -> None:
    (snippet,) = _blocks("python")
    done = subprocess.run(
        [sys.executable, "-c", snippet], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    actors, claims, edges = map(int, done.stdout.split())
    assert (actors, claims) == (101, 117) and edges > 90
