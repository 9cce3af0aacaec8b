"""ecox: innovation-ecosystem explorer. One import for the Python API.

The names are imported on first use (PEP 562), so ``import ecox`` and the
``ecox`` command's ``--help`` stay fast: pandas and networkx load only when a
function or class that needs them is first asked for.

Examples
--------
>>> import ecox
>>> g = ecox.seed()
>>> len(g.actors), len(g.claims)
(101, 117)
>>> ag = ecox.analysis_graph(g, as_of="2026-01-31")
>>> ag.to_networkx().number_of_nodes()
101
>>> "清大光德(浙江)照明科技有限公司" in set(ecox.complete_triads(g)["enterprise_name"])
True
>>> "brokers" in dir(ecox)
True
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ecox.graph import SCHEMA, AnalysisGraph, ClaimGraph, EdgeType, NodeType, analysis_graph
    from ecox.loaders import SchemaError
    from ecox.queries.backend import InMemoryBackend, Neo4jBackend, named_queries
    from ecox.queries.brokerage import brokerage_roles, brokerage_zscores
    from ecox.queries.brokers import betweenness, brokers, burt
    from ecox.queries.chains import fund_chains
    from ecox.queries.cypher import run_cypher
    from ecox.queries.gaps import community_holes, fill_candidates, missing_links, under_connected
    from ecox.queries.helix import helix
    from ecox.queries.paths import find_path
    from ecox.queries.syndicates import syndicates
    from ecox.queries.triads import complete_triads, open_triads, triad_census
    from ecox.store.files import from_json, read_graph, to_json
    from ecox.viz import render, report

#: Where each public name lives: name → module (imported on first use).
_LAZY: dict[str, str] = {
    **dict.fromkeys(
        ("SCHEMA", "AnalysisGraph", "ClaimGraph", "EdgeType", "NodeType", "analysis_graph"),
        "ecox.graph",
    ),
    "SchemaError": "ecox.loaders",
    **dict.fromkeys(("InMemoryBackend", "Neo4jBackend", "named_queries"), "ecox.queries.backend"),
    **dict.fromkeys(("brokerage_roles", "brokerage_zscores"), "ecox.queries.brokerage"),
    **dict.fromkeys(("betweenness", "brokers", "burt"), "ecox.queries.brokers"),
    "fund_chains": "ecox.queries.chains",
    "run_cypher": "ecox.queries.cypher",
    **dict.fromkeys(
        ("community_holes", "fill_candidates", "missing_links", "under_connected"),
        "ecox.queries.gaps",
    ),
    "helix": "ecox.queries.helix",
    "find_path": "ecox.queries.paths",
    "syndicates": "ecox.queries.syndicates",
    **dict.fromkeys(("complete_triads", "open_triads", "triad_census"), "ecox.queries.triads"),
    **dict.fromkeys(("from_json", "read_graph", "to_json"), "ecox.store.files"),
    **dict.fromkeys(("render", "report"), "ecox.viz"),
}

__all__ = [
    "SCHEMA",
    "AnalysisGraph",
    "ClaimGraph",
    "EdgeType",
    "InMemoryBackend",
    "Neo4jBackend",
    "NodeType",
    "SchemaError",
    "analysis_graph",
    "betweenness",
    "brokerage_roles",
    "brokerage_zscores",
    "brokers",
    "burt",
    "community_holes",
    "complete_triads",
    "fill_candidates",
    "find_path",
    "from_json",
    "fund_chains",
    "helix",
    "load",
    "missing_links",
    "named_queries",
    "open_triads",
    "read_graph",
    "render",
    "report",
    "run_cypher",
    "seed",
    "syndicates",
    "to_json",
    "triad_census",
    "under_connected",
]


def __getattr__(name: str) -> Any:
    """Import a public name on first use and keep it (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ecox' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def load(*paths: str | os.PathLike[str] | Iterable[str], skip_invalid: bool = False) -> ClaimGraph:
    """Load folders and files (tables, deal records, reports, graph JSON) into one claim graph."""
    from ecox.loaders import load_inputs

    flat: list[str | os.PathLike[str]] = []
    for path in paths:
        if isinstance(path, str | os.PathLike):
            flat.append(path)
        else:
            flat.extend(path)
    return load_inputs(flat, skip_invalid=skip_invalid).graph


def seed() -> ClaimGraph:
    """The seed ecosystem shipped with ecox (five 2026 reports on tech finance in China)."""
    from ecox.loaders import load_inputs, seed_path

    return load_inputs([seed_path()]).graph
