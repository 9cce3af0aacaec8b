"""Memory on hubs: no query's peak grows with a hub's squared degree.

A 30,000-actor synthetic ecosystem gets an investor and a bank each tied to
the same 10,000 enterprises (a regional bank lending to thousands of firms).
Every query's peak of traced allocations (numpy and scipy arrays included)
must stay under 600 bytes per actor and link of the graph: about 100 MB here,
where the co-investor product of the fill candidates alone took 571 MB
(10,000 ventures × every candidate the hub's portfolio holds).
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from ecox.graph.analysis import AnalysisGraph
from ecox.graph.synthetic import synthetic_analysis_graph
from ecox.queries.brokers import brokers
from ecox.queries.gaps import fill_candidates, missing_links, under_connected
from ecox.queries.triads import complete_triads, open_triads, triad_census

#: Traced bytes a query may hold at its peak, per actor and per link.
BYTES_PER_ELEMENT = 600
HUB_LINKS = 10_000


@pytest.fixture(scope="module")
def hub_graph() -> AnalysisGraph:
    base = synthetic_analysis_graph(30_000, seed=5)
    actors = base.actors
    firms = actors["id"][actors["type"] == "Enterprise"].to_numpy()[:HUB_LINKS]
    extra = [
        pd.DataFrame(
            {"source": actors["id"][actors["type"] == kind].iloc[0], "target": firms,
             "type": relation, "weight": 1, "claims": 1,
             "first_date": "2020-01", "last_date": "2020-01"}
        )
        for kind, relation in (("Investor", "INVESTED_IN"), ("Bank", "LENT_TO"))
    ]  # fmt: skip
    links = pd.concat([base.links, *extra], ignore_index=True)
    links = links.drop_duplicates(["source", "target", "type"], ignore_index=True)
    graph = AnalysisGraph(actors=actors, links=links)
    degree = np.diff(graph.adjacency.undirected().indptr)
    assert degree.max() >= HUB_LINKS
    return graph


QUERIES: dict[str, Callable[[AnalysisGraph], pd.DataFrame]] = {
    "complete_triads": complete_triads,
    "open_triads": open_triads,
    "triad_census": triad_census,
    "fill_candidates": fill_candidates,
    "missing_links": missing_links,
    "under_connected": under_connected,
    "brokers": lambda g: brokers(g, top=20, workers=1),
}


@pytest.mark.parametrize("name", list(QUERIES))
def test_peak_memory_linear_with_a_10000_link_hub(hub_graph: AnalysisGraph, name: str) -> None:
    bound = BYTES_PER_ELEMENT * (len(hub_graph.actors) + len(hub_graph.links))
    tracemalloc.start()
    try:
        result = QUERIES[name](hub_graph)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(result) > 0
    assert peak <= bound, f"{name}: peak {peak / 2**20:.0f} MiB > {bound / 2**20:.0f} MiB"


def test_fill_reasons_name_the_hub_left_out(hub_graph: AnalysisGraph) -> None:
    fill = fill_candidates(hub_graph)
    noted = fill[fill["reason"].str.contains("not counted", regex=False)]
    assert len(noted) > 0
    hubs = {
        hub_graph.actors["name"][hub_graph.actors["type"] == k].iloc[0]
        for k in ("Bank", "Investor")
    }
    assert noted["reason"].str.contains("|".join(hubs)).all()
    assert noted["reason_zh"].str.contains("枢纽").all()
