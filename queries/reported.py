"""Gaps the reports already fill: ties to unnamed counterparts.

A report that says 相关基金投资了 X (funds invested in X, none named) states
that X has capital, though no fund of the graph is linked to X. The
under-connected query asks :func:`reported_fills` which of its candidate gaps
such a tie fills, and drops them.

Which unnamed tie fills which gap (the gaps of :func:`queries.gaps.under_connected`):

``no_capital``
    the enterprise is the target of an INVESTED_IN or LENT_TO from an unnamed
    investor, fund or bank (the investor role of :data:`queries.triads.ROLE_TYPES`);
``no_enterprise``
    the scientist or institute has any tie to unnamed enterprises;
``no_regional_investment``
    the investor or fund INVESTED_IN unnamed enterprises (their region is not
    reported, so the report's word is taken);
``no_finance``
    the park has any tie to unnamed banks, investors or funds.

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> from ecox.graph.analysis import analysis_graph
>>> g = ClaimGraph.build(
...     actors=[("企业E", ["Enterprise"], []), ("园区P", ["Park"], [])],
...     claims=[{"source": "", "target": "企业E", "type": "INVESTED_IN",
...              "counterpart_type": "Fund"}])
>>> reported_fills(analysis_graph(g), ["a_e", "a_p"], ["no_capital", "no_finance"]).tolist()
[False, False]
>>> ids = g.actors.set_index("name")["id"]
>>> reported_fills(analysis_graph(g), [ids["企业E"], ids["园区P"]],
...                ["no_capital", "no_finance"]).tolist()
[True, False]
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from ecox.graph.analysis import AnalysisGraph
from ecox.graph.schema import EdgeType, NodeType
from ecox.graph.unnamed import reported_ties
from ecox.queries.triads import ROLE_RELATIONS, ROLE_TYPES

__all__ = ["GAP_TIES", "reported_fills"]

#: gap → (relations or ``None`` for any, the side the actor is on or ``None``, counterpart types).
GAP_TIES: dict[str, tuple[tuple[str, ...] | None, str | None, tuple[str, ...]]] = {
    "no_capital": (ROLE_RELATIONS["investor"], "target", ROLE_TYPES["investor"]),
    "no_enterprise": (None, None, (NodeType.ENTERPRISE,)),
    "no_regional_investment": ((EdgeType.INVESTED_IN,), "source", (NodeType.ENTERPRISE,)),
    "no_finance": (None, None, (NodeType.BANK, NodeType.INVESTOR, NodeType.FUND)),
}


def reported_fills(graph: AnalysisGraph, nodes: Iterable[str], gaps: Iterable[str]) -> np.ndarray:
    """For each ``(node, gap)`` pair, whether a reported unnamed tie fills that gap.

    Parameters
    ----------
    graph
        The analysis graph the gaps were computed on (its ``as_of`` applies).
    nodes, gaps
        Actor ids and gap names (:data:`GAP_TIES` keys), pairwise.

    Returns
    -------
    numpy.ndarray
        Booleans, one per pair.
    """
    ties = reported_ties(graph)
    filled: dict[str, set[str]] = {}
    for gap, (relations, side, kinds) in GAP_TIES.items():
        match = ties["counterpart_type"].isin(kinds)
        if relations is not None:
            match &= ties["relation"].isin(relations)
        if side is not None:
            match &= ties["actor_side"] == side
        filled[gap] = set(ties.loc[match, "node"])
    return np.array(
        [node in filled.get(gap, ()) for node, gap in zip(nodes, gaps, strict=True)], dtype=bool
    )
