"""The ecox model: schema, identity, claim graph and analysis graph.

The schema's names are imported with the package; the others on first use (PEP 562),
so that a module needing only the schema (the news extractor's reading, in its worker
processes) does not load pandas or networkx.
"""

import importlib
from typing import TYPE_CHECKING, Any

from ecox.graph.schema import SCHEMA, EdgeType, NodeType

if TYPE_CHECKING:
    from ecox.graph.analysis import AnalysisGraph, analysis_graph
    from ecox.graph.claims import ClaimGraph
    from ecox.graph.identity import Resolver, actor_id, normalize_name

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

#: The names imported on first use → their module.
_LAZY = {
    "AnalysisGraph": "ecox.graph.analysis",
    "analysis_graph": "ecox.graph.analysis",
    "ClaimGraph": "ecox.graph.claims",
    "Resolver": "ecox.graph.identity",
    "actor_id": "ecox.graph.identity",
    "normalize_name": "ecox.graph.identity",
}


def __getattr__(name: str) -> Any:
    """The names of :data:`_LAZY`, imported on first use."""
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
