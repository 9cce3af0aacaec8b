"""The schema is the one home of the vocabulary: package code names types through it.

Node and relation types are spelled only in ``graph/schema.yaml`` and the enums of
``graph/schema.py``; code elsewhere writes ``NodeType.BANK``, ``EdgeType.LENT_TO`` or asks
``SCHEMA`` (labels, roles, groups). Docstrings, f-strings and Cypher text are prose and
may name types.
"""

from __future__ import annotations

import ast
from pathlib import Path

from ecox.graph.schema import SCHEMA, EdgeType, NodeType

REPO = Path(__file__).resolve().parents[1]
PACKAGE_FOLDERS = ("ecox", "graph", "loaders", "queries", "store", "viz")
VOCABULARY = {t.value for t in NodeType} | {t.value for t in EdgeType}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _raw_type_strings(path: Path, base: Path = REPO) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    prose = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            prose.update(id(part) for part in ast.walk(node))
    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose:
            words = node.value.split("|")
            if words and all(w in VOCABULARY for w in words):
                hits.append(f"{path.relative_to(base)}:{node.lineno}: {node.value!r}")
    return hits


def test_no_raw_type_strings_in_package_code() -> None:
    hits = []
    for folder in PACKAGE_FOLDERS:
        for path in sorted((REPO / folder).rglob("*.py")):
            if path == REPO / "graph" / "schema.py":
                continue
            hits.extend(_raw_type_strings(path))
    assert hits == []


def test_the_check_finds_a_raw_type_string(tmp_path: Path) -> None:
    sample = tmp_path / "probe.py"
    sample.write_text('"""Doc naming Bank."""\nKIND = "Bank"\nBOTH = "Scientist|Entrepreneur"\n')
    assert [h.split(": ", 1)[1] for h in _raw_type_strings(sample, tmp_path)] == [
        "'Bank'",
        "'Scientist|Entrepreneur'",
    ]


def test_enums_and_schema_name_the_same_types() -> None:
    assert {t.value for t in NodeType} == set(SCHEMA.nodes)
    assert {t.value for t in EdgeType} == set(SCHEMA.edges)
