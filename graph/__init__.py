"""The ecox model: schema, identity, claim graph and analysis graph."""

from ecox.graph.analysis import AnalysisGraph, analysis_graph
from ecox.graph.claims import ClaimGraph
from ecox.graph.identity import Resolver, actor_id, normalize_name
from ecox.graph.schema import SCHEMA, EdgeType, NodeType

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
