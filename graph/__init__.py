"""The ecox model: schema, identity, claim graph and analysis graph."""

from typing import TYPE_CHECKING, Any

from ecox.graph.claims import ClaimGraph
from ecox.graph.identity import Resolver, actor_id, normalize_name
from ecox.graph.schema import SCHEMA, EdgeType, NodeType

if TYPE_CHECKING:
    from ecox.graph.analysis import AnalysisGraph, analysis_graph

__all__ = [
    "SCHEMA",
    "AnalysisGraph",
    "ClaimGraph",
    "EdgeType",
    "NodeType",
    "Resolver",
    "actor_id",
    "analysis_graph",
    "normalize_name",
]


def __getattr__(name: str) -> Any:
    """``AnalysisGraph`` and ``analysis_graph``, imported on first use (they need networkx,
    which a Cypher run does not)."""
    if name in ("AnalysisGraph", "analysis_graph"):
        from ecox.graph.analysis import AnalysisGraph, analysis_graph

        return {"AnalysisGraph": AnalysisGraph, "analysis_graph": analysis_graph}[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
