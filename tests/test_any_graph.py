"""Every public query, named query, view and the report on any schema-valid graph.

Hypothesis draws small graphs (tests/any_graph.py): empty, one actor, no claims,
one node type, no venture role, dates from year 0000, ``as_of`` before every
claim. Nothing may raise, and every table keeps its declared columns (those of
the module's ``*_COLUMNS``, else those the seed gives), possibly with no rows.
"""

from __future__ import annotations

import functools

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import ecox
from ecox.queries.backend import NamedQuery
from ecox.queries.chains import CHAIN_COLUMNS
from ecox.queries.gaps import (
    FILL_COLUMNS,
    HOLE_COLUMNS,
    LINK_COLUMNS,
    UNDER_COLUMNS,
    community_holes,
    fill_candidates,
    missing_links,
    under_connected,
)
from ecox.queries.helix import HELIX_COLUMNS
from ecox.queries.paths import PATH_COLUMNS
from ecox.queries.syndicates import SYNDICATE_COLUMNS
from ecox.queries.triads import CENSUS_COLUMNS, OPEN_COLUMNS, TRIAD_COLUMNS
from ecox.viz.views import VIEWS
from tests.any_graph import as_of_values, claim_graphs

#: Graphs per test: 100 + 100 + 25 + 12 = 237 generated graphs per run.
EXAMPLES = 100
#: No example database (the tree stays clean) and no shrinking (a failure prints its graph).
FAST = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: Query → (call on a graph with as_of, declared columns or None for "as on the seed").
QUERIES = {
    "complete_triads": (ecox.complete_triads, TRIAD_COLUMNS),
    "open_triads": (ecox.open_triads, OPEN_COLUMNS),
    "triad_census": (ecox.triad_census, CENSUS_COLUMNS),
    "fill_candidates": (fill_candidates, FILL_COLUMNS),
    "missing_links": (missing_links, LINK_COLUMNS),
    "under_connected": (under_connected, UNDER_COLUMNS),
    "community_holes": (community_holes, HOLE_COLUMNS),
    "fund_chains": (ecox.fund_chains, CHAIN_COLUMNS),
    "helix": (ecox.helix, HELIX_COLUMNS),
    "syndicates": (ecox.syndicates, SYNDICATE_COLUMNS),
    "brokers": (ecox.brokers, None),
    "burt": (ecox.burt, None),
}


#: Documented per-value columns: ``deg_<Type>`` (brokers), ``total_<CURRENCY>`` (fund_chains).
PER_VALUE = ("deg_", "total_")


def _fixed(columns: pd.Index) -> list[str]:
    return [c for c in columns if not c.startswith(PER_VALUE)]


@functools.cache
def _seed_columns(name: str) -> list[str]:
    return _fixed(QUERIES[name][0](ecox.seed()).columns)


def _check_queries(graph: ecox.ClaimGraph, as_of: str | None) -> None:
    for name, (query, declared) in QUERIES.items():
        frame = query(graph, as_of=as_of)
        expected = list(declared) if declared is not None else _seed_columns(name)
        assert _fixed(frame.columns) == expected, name
    scores = ecox.betweenness(graph, as_of=as_of)
    assert len(scores) == len(ecox.analysis_graph(graph, as_of=as_of).actors)
    nxg = ecox.analysis_graph(graph, as_of=as_of).to_networkx()
    for roles in (ecox.brokerage_roles(nxg), ecox.brokerage_zscores(nxg)):
        assert isinstance(roles, pd.DataFrame)
    names = graph.actors["name"].tolist()
    if len(names) >= 2:
        path = ecox.find_path(graph, names[0], names[-1], as_of=as_of)
        assert list(path.columns) == list(PATH_COLUMNS)


@FAST
@given(graph=claim_graphs(), as_of=as_of_values)
def test_every_query_on_any_graph(graph, as_of):
    _check_queries(graph, as_of)


def _named_params(query: NamedQuery, ids: list[str], data: st.DataObject) -> dict[str, object]:
    params: dict[str, object] = {p: data.draw(st.sampled_from(ids)) for p in query.params}
    if "top" in params:
        params["top"] = 5
    return params


@FAST
@given(graph=claim_graphs(), data=st.data())
def test_every_named_query_on_any_graph(graph, data):
    backend = ecox.InMemoryBackend(graph)
    ids = graph.actors["id"].tolist() or ["nobody"]
    for name, query in ecox.named_queries().items():
        frame = backend.named(name, **_named_params(query, ids, data))
        assert list(frame.columns) == query.columns, name


@settings(FAST, max_examples=25)
@given(graph=claim_graphs(max_actors=6, max_claims=8), as_of=as_of_values)
def test_every_view_and_the_report_on_any_graph(graph, as_of):
    for view in VIEWS:
        html = ecox.render(graph, view=view, as_of=as_of)
        assert html.lstrip().lower().startswith("<!doctype html>"), view
    page = ecox.report(graph, as_of=as_of)
    assert "<html" in page


@pytest.mark.parametrize("as_of", [None, "2025-12-31"])
def test_seed_before_its_ventures(as_of):
    """The seed sliced before the reports (no venture role left) still answers everything."""
    _check_queries(ecox.seed(), as_of)
    assert ecox.report(ecox.seed(), as_of=as_of).count("<table") >= 3


#: Public names that are no query over a graph (types, constructors, file I/O, the seed).
NOT_QUERIES = {
    "SCHEMA", "AnalysisGraph", "ClaimGraph", "EdgeType", "NodeType", "SchemaError",
    "Neo4jBackend", "from_json", "to_json", "load", "read_graph", "seed",
}  # fmt: skip
#: Run above besides QUERIES (run_cypher through the in-memory backend).
ALSO_RUN = {
    "analysis_graph", "betweenness", "brokerage_roles", "brokerage_zscores", "find_path",
    "named_queries", "InMemoryBackend", "run_cypher", "render", "report",
}  # fmt: skip


def test_every_public_function_is_exercised():
    """A public query added to ecox.__all__ must be added here too."""
    assert set(ecox.__all__) == NOT_QUERIES | ALSO_RUN | set(QUERIES)
