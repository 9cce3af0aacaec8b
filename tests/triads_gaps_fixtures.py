"""Fixtures of the triads and gaps tests: the hand-worked mini ecosystem and its name lookups."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecox.graph.analysis import AnalysisGraph, analysis_graph
from ecox.graph.claims import ClaimGraph
from ecox.loaders.load import load_inputs

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


@pytest.fixture(scope="session")
def mini_graph() -> ClaimGraph:
    """tests/fixtures/mini through the real loader (see its README for the expected values)."""
    return load_inputs([MINI]).graph


@pytest.fixture(scope="session")
def mini_analysis(mini_graph: ClaimGraph) -> AnalysisGraph:
    """The mini ecosystem's analysis graph."""
    return analysis_graph(mini_graph)


@pytest.fixture(scope="session")
def mini_id(mini_graph: ClaimGraph) -> dict[str, str]:
    """Actor name → loader id in the mini ecosystem."""
    return dict(zip(mini_graph.actors["name"], mini_graph.actors["id"], strict=True))
