"""Queries: brokers, triads, gaps, paths and Cypher, as pure functions returning DataFrames.

Every query takes the graph first (a claim graph, an analysis graph or a
networkx graph), keyword-only options, and returns a ``pandas.DataFrame``
with a fixed sort order and a ``reason`` (or ``via``) column in words.
"""

from queries.backend import InMemoryBackend, Neo4jBackend, named_queries
from queries.brokerage import brokerage_roles, brokerage_zscores
from queries.brokers import betweenness, brokers, burt
from queries.chains import fund_chains
from queries.cypher import run_cypher
from queries.gaps import community_holes, fill_candidates, missing_links, under_connected
from queries.helix import helix
from queries.inputs import analysis_of
from queries.paths import find_path
from queries.syndicates import syndicates
from queries.triads import complete_triads, open_triads, triad_census

__all__ = [
    "InMemoryBackend",
    "Neo4jBackend",
    "analysis_of",
    "betweenness",
    "brokerage_roles",
    "brokerage_zscores",
    "brokers",
    "burt",
    "community_holes",
    "complete_triads",
    "fill_candidates",
    "find_path",
    "fund_chains",
    "helix",
    "missing_links",
    "named_queries",
    "open_triads",
    "run_cypher",
    "syndicates",
    "triad_census",
    "under_connected",
]
