"""ecox installs under one import name, and every docstring example in it runs.

The four folders of the flow (graph/, loaders/, queries/, viz/) sit at the top of the
repository but are installed as ``ecox.graph`` … ``ecox.viz``; a user's own ``graph.py``
beside a notebook must not shadow them.
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FLOW_FOLDERS = ("graph", "loaders", "queries", "viz")


def _ecox_modules() -> list[str]:
    """Every module of the installed package (an editable install maps the sub-packages
    from other folders, so each is walked from its own path)."""
    names = {"ecox"}
    for package in ("ecox", *(f"ecox.{folder}" for folder in (*FLOW_FOLDERS, "store"))):
        names.add(package)
        path = importlib.import_module(package).__path__
        names.update(info.name for info in pkgutil.walk_packages(path, f"{package}."))
    return sorted(names)


def test_flow_folders_install_under_ecox() -> None:
    for folder in FLOW_FOLDERS:
        module = importlib.import_module(f"ecox.{folder}")
        assert Path(module.__file__ or "").resolve().parent.name == folder


def test_user_modules_named_like_the_folders_do_not_disturb_ecox(tmp_path: Path) -> None:
    for folder in FLOW_FOLDERS:
        (tmp_path / f"{folder}.py").write_text("raise ImportError('a user module was imported')\n")
    script = (
        "import ecox, importlib.util\n"
        "g = ecox.seed()\n"
        "print(len(g.actors))\n"
        f"mine = [importlib.util.find_spec(n).origin for n in {FLOW_FOLDERS!r}]\n"
        f"print(all(o.startswith({str(tmp_path)!r}) for o in mine))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["101", "True"]


def test_no_top_level_flow_packages_are_installed(tmp_path: Path) -> None:
    script = f"import importlib.util as u; print([n for n in {FLOW_FOLDERS!r} if u.find_spec(n)])"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("name", _ecox_modules())
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(
        optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS, verbose=False
    )
    report: list[str] = []
    for test in finder.find(module, name):
        if test.filename and Path(test.filename).resolve() != Path(module.__file__ or "").resolve():
            continue  # objects re-exported from another module are tested there
        runner.run(test, out=report.append)
    results = runner.summarize(verbose=False)
    assert results.failed == 0, "".join(report)


def test_every_sub_package_is_listed_for_a_wheel() -> None:
    """An editable install finds sub-packages anyway; a wheel holds only those listed."""
    import tomllib

    setup = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    listed = set(setup["setuptools"]["packages"])
    folders = {folder: name for name, folder in setup["setuptools"]["package-dir"].items()}
    found = {
        ".".join([folders[init.relative_to(REPO).parts[0]], *init.relative_to(REPO).parts[1:-1]])
        for folder in folders
        for init in (REPO / folder).rglob("__init__.py")
    }
    assert found - listed == set()
