"""The ecox model: schema, identity, claim graph, analysis graph and their I/O."""

from graph.analysis import AnalysisGraph, analysis_graph
from graph.claims import ClaimGraph
from graph.identity import Resolver, actor_id, normalize_name
from graph.io import from_json, read_graph, to_json
from graph.schema import SCHEMA, EdgeType, NodeType

__all__ = [
    "SCHEMA",
    "AnalysisGraph",
    "ClaimGraph",
    "EdgeType",
    "NodeType",
    "Resolver",
    "actor_id",
    "analysis_graph",
    "from_json",
    "normalize_name",
    "read_graph",
    "to_json",
]
