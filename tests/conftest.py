"""Shared test fixtures: the seed ecosystem, the shared data folder, the Neo4j server plugin."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ecox.graph.claims import ClaimGraph
from ecox.loaders.load import load_inputs, seed_path

pytest_plugins = ["tests.neo4j_fixture", "tests.triads_gaps_fixtures"]

#: ../shared beside the repository (CI lays a copy there; a git worktree elsewhere names it
#: with ECOX_SHARED); tests that need it skip without it.
SHARED = Path(
    os.environ.get("ECOX_SHARED") or Path(__file__).resolve().parents[1].parent / "shared"
)


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session")
def seed_graph() -> ClaimGraph:
    """The seed ecosystem as loaded by the real loader."""
    return load_inputs([seed_path()]).graph
