"""What a query accepts: a claim graph, an analysis graph, or a networkx graph.

Every query starts with :func:`analysis_of`, so it runs on the table-backed
:class:`~graph.analysis.AnalysisGraph` (and its cached sparse adjacency)
whatever the caller passed, and honours ``as_of``.

Examples
--------
>>> import networkx as nx
>>> g = nx.DiGraph()
>>> g.add_node("b", type="Bank", name="行")
>>> g.add_node("e", type="Enterprise", name="企")
>>> g.add_edge("b", "e", relations="LENT_TO")
>>> ag = analysis_of(g)
>>> ag.links[["source", "target", "type", "weight"]].values.tolist()
[['b', 'e', 'LENT_TO', 1]]
"""

from __future__ import annotations

from typing import Any, TypeAlias

import networkx as nx
import pandas as pd

from ecox.graph.analysis import LINK_COLUMNS, AnalysisGraph, shared_analysis_graph
from ecox.graph.claims import ClaimGraph
from ecox.graph.schema import SCHEMA

__all__ = ["GraphInput", "analysis_of"]

#: Anything a query accepts as its graph.
GraphInput: TypeAlias = ClaimGraph | AnalysisGraph | nx.Graph


def analysis_of(graph: GraphInput, *, as_of: str | None = None) -> AnalysisGraph:
    """The analysis graph of any accepted input, sliced at ``as_of`` when given.

    A networkx graph needs node attribute ``type`` (or ``types``, ``|``-joined)
    and edge attribute ``relations`` or ``type`` (``|``-joined relation types);
    ``weight`` defaults to 1. ``as_of`` cannot slice an analysis or networkx
    graph that carries no claim dates: pass the claim graph instead.
    """
    if isinstance(graph, ClaimGraph):
        return shared_analysis_graph(graph, as_of=as_of)
    if isinstance(graph, AnalysisGraph):
        if as_of is not None and as_of != graph.as_of:
            raise ValueError("as_of needs the claim graph: this analysis graph is already merged")
        return graph
    if isinstance(graph, nx.Graph):
        if as_of is not None:
            raise ValueError("as_of needs the claim graph: a networkx graph has no claim dates")
        return _from_networkx(graph)
    raise TypeError(f"expected a ClaimGraph, AnalysisGraph or networkx graph, not {type(graph)}")


def _from_networkx(graph: nx.Graph) -> AnalysisGraph:
    actors = []
    for node, data in graph.nodes(data=True):
        types = str(data.get("types") or data.get("type") or "")
        if not types:
            raise ValueError(f"node {node!r} has no 'type' attribute")
        actors.append(
            {
                "id": str(node),
                "name": str(data.get("name", node)),
                "types": types,
                "aliases": str(data.get("aliases", "")),
                "type": types.split("|")[0],
            }
        )
    links: list[dict[str, Any]] = []
    for u, v, data in graph.edges(data=True):
        relations = str(data.get("relations") or data.get("type") or "")
        if not relations:
            raise ValueError(f"edge {u!r}–{v!r} has no 'relations' or 'type' attribute")
        for rel in relations.split("|"):
            if rel not in SCHEMA.edges:
                raise ValueError(f"edge {u!r}–{v!r}: unknown relation type {rel!r}")
            source, target = str(u), str(v)
            if rel in SCHEMA.symmetric and source > target:
                source, target = target, source
            links.append(
                {
                    "source": source,
                    "target": target,
                    "type": rel,
                    "weight": int(data.get("weight", 1)),
                    "claims": 1,
                    "first_date": None,
                    "last_date": None,
                }
            )
    frame = pd.DataFrame(links, columns=list(LINK_COLUMNS))
    frame = frame.drop_duplicates(["source", "target", "type"]).sort_values(
        ["source", "target", "type"], ignore_index=True
    )
    frame = frame.astype({"weight": "int64", "claims": "int64"})
    actor_frame = pd.DataFrame(actors, columns=["id", "name", "types", "aliases", "type"])
    return AnalysisGraph(actors=actor_frame.sort_values("id", ignore_index=True), links=frame)
