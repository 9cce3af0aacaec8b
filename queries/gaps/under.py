"""Actors missing the tie their type exists for (:func:`under_connected`).

Examples
--------
>>> import ecox
>>> list(under_connected(ecox.seed()).columns) == list(UNDER_COLUMNS)
True
>>> under_connected(ecox.seed())["reason_zh"][0]
'尚无投资机构、基金或银行投资或贷款（另有 1 条联系）'
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecox.graph.adjacency import TypedAdjacency
from ecox.graph.analysis import AnalysisGraph
from ecox.graph.schema import SCHEMA, EdgeType, NodeType
from ecox.queries.gaps.sparse import entries, rank_ids
from ecox.queries.inputs import GraphInput, analysis_of
from ecox.queries.reported import reported_fills
from ecox.queries.triads import ROLE_TYPES, Ventures, mask_csr

__all__ = ["UNDER_COLUMNS", "under_connected"]

UNDER_COLUMNS: tuple[str, ...] = ("node", "type", "name", "gap", "degree", "reason", "reason_zh")

_GAP_ORDER = ("no_capital", "no_enterprise", "no_regional_investment", "no_finance")


def under_connected(graph: GraphInput, *, as_of: str | None = None) -> pd.DataFrame:
    """Actors missing the tie their type exists for.

    ``gap`` is one of:

    ``no_capital``
        an Enterprise no investor, fund or bank has invested in or lent to;
    ``no_enterprise``
        a Scientist or Institute with no tie of any kind to an enterprise
        (成果躺在纸上: results left on paper);
    ``no_regional_investment``
        an Investor or Fund with no INVESTED_IN to an enterprise of its
        region. Its region is the parks it sits in (LOCATED_IN, followed up to
        two hops, so a park inside a district counts); when unknown, any
        enterprise counts;
    ``no_finance``
        a Park with no tie to a bank, investor or fund, neither its own nor one
        of a park located in it (the funds of a fund plaza inside a zone are
        the zone's finance).

    An actor with several types can appear under several gaps.

    Parameters
    ----------
    graph
        A claim, analysis or networkx graph.
    as_of
        Only ties known by this date.

    Returns
    -------
    pandas.DataFrame
        :data:`UNDER_COLUMNS` (``degree``: distinct actors it is tied to;
        ``reason`` in English, ``reason_zh`` in Chinese), sorted by gap (in the
        order above), then node id.

    Examples
    --------
    >>> from ecox.graph.claims import ClaimGraph
    >>> g = ClaimGraph.build(
    ...     actors=[("企业E", ["Enterprise"], []), ("教授S", ["Scientist"], []),
    ...             ("园区P", ["Park"], [])],
    ...     claims=[{"source": "企业E", "target": "园区P", "type": "LOCATED_IN"}])
    >>> under_connected(g)[["name", "gap"]].values.tolist()
    [['企业E', 'no_capital'], ['教授S', 'no_enterprise'], ['园区P', 'no_finance']]
    """
    ag = analysis_of(graph, as_of=as_of)
    adjacency = ag.adjacency
    undirected = sp.csr_array(adjacency.undirected().astype(np.int64))
    deg = np.diff(undirected.indptr)
    names = ag.actors["name"].astype(object).to_numpy()
    found = [
        _no_capital(adjacency, deg),
        _no_enterprise(adjacency, undirected, deg),
        _no_regional_investment(adjacency, names),
        _no_finance(ag, undirected, deg),
    ]
    frames = [
        pd.DataFrame(
            {"_i": np.flatnonzero(mask), "gap": gap, "reason": reasons, "reason_zh": reasons_zh}
        )
        for gap, (mask, reasons, reasons_zh) in zip(_GAP_ORDER, found, strict=True)
    ]
    out = pd.concat(frames, ignore_index=True)
    out = out[~reported_fills(ag, adjacency.ids[out["_i"].to_numpy(dtype=np.int64)], out["gap"])]
    out["_g"] = out["gap"].map({g: k for k, g in enumerate(_GAP_ORDER)})
    out["_r"] = rank_ids(adjacency)[out["_i"].to_numpy(dtype=np.int64)]
    out = out.sort_values(["_g", "_r"], ignore_index=True)
    idx = out["_i"].to_numpy(dtype=np.int64)
    return pd.DataFrame(
        {
            "node": adjacency.ids[idx],
            "type": np.array(adjacency.type_names, dtype=object)[adjacency.primary[idx]],
            "name": names[idx],
            "gap": out["gap"].to_numpy(dtype=object),
            "degree": deg[idx].astype(np.int64),
            "reason": out["reason"].to_numpy(dtype=object),
            "reason_zh": out["reason_zh"].to_numpy(dtype=object),
        },
        columns=list(UNDER_COLUMNS),
    )


#: (mask of the actors with the gap, their reasons in English, in Chinese)
_Found = tuple[np.ndarray, list[str], list[str]]


def _no_capital(adjacency: TypedAdjacency, deg: np.ndarray) -> _Found:
    ventures = Ventures.of(adjacency)
    mask = ventures.enterprise & (ventures.counts("investor") == 0)
    degrees = deg[mask].tolist()
    return (
        mask,
        [
            f"no investor, fund or bank has invested in or lent to it ({d} other ties)"
            for d in degrees
        ],
        [f"尚无投资机构、基金或银行投资或贷款（另有 {d} 条联系）" for d in degrees],
    )


def _no_enterprise(adjacency: TypedAdjacency, undirected: sp.csr_array, deg: np.ndarray) -> _Found:
    enterprise = adjacency.has_type(NodeType.ENTERPRISE)
    to_enterprise = undirected @ enterprise.astype(np.int64)
    mask = adjacency.has_any_type(ROLE_TYPES["scientist"]) & (to_enterprise == 0)
    degrees = deg[mask].tolist()
    return (
        mask,
        [f"成果躺在纸上: tied to no enterprise ({d} ties, none to a company)" for d in degrees],
        [f"成果躺在纸上：未与任何企业建立联系（{d} 条联系均不涉及企业）" for d in degrees],
    )


def _no_regional_investment(adjacency: TypedAdjacency, names: np.ndarray) -> _Found:
    funds = adjacency.has_any_type(SCHEMA.group("investing"))
    located = sp.csr_array(adjacency.relation(EdgeType.LOCATED_IN).astype(bool).astype(np.int64))
    reach = sp.csr_array(((located + located @ located) > 0).astype(np.int64))
    invested = mask_csr(
        adjacency.relation(EdgeType.INVESTED_IN), funds, adjacency.has_type(NodeType.ENTERPRISE)
    )
    inv_x, inv_e, _ = entries(invested)
    regional = (
        np.asarray(sp.csr_array(reach[inv_x].multiply(reach[inv_e])).sum(axis=1)).ravel() > 0
        if len(inv_x)
        else np.zeros(0, bool)
    )
    has_region = np.diff(reach.indptr) > 0
    counts_any = np.bincount(inv_x, minlength=adjacency.n)
    counts_regional = np.bincount(inv_x[regional], minlength=adjacency.n)
    mask = funds & np.where(has_region, counts_regional == 0, counts_any == 0)
    region_names = _region_names(reach, names)
    chosen = np.flatnonzero(mask).tolist()
    return (
        mask,
        [
            (
                f"invests in no enterprise of its region ({region_names[i]})"
                + (f"; {counts_any[i]} investments elsewhere" if counts_any[i] else "")
            )
            if has_region[i]
            else "has invested in no enterprise (region unknown)"
            for i in chosen
        ],
        [
            (
                f"未投资本地区（{region_names[i]}）的企业"
                + (f"；在外地有 {counts_any[i]} 笔投资" if counts_any[i] else "")
            )
            if has_region[i]
            else "尚未投资任何企业（所在地区不详）"
            for i in chosen
        ],
    )


def _no_finance(ag: AnalysisGraph, undirected: sp.csr_array, deg: np.ndarray) -> _Found:
    """Parks without finance, neither their own ties nor those of a park located in them."""
    adjacency = ag.adjacency
    park = adjacency.has_type(NodeType.PARK)
    finance = adjacency.has_any_type(SCHEMA.group("capital"))
    own = (undirected @ finance.astype(np.int64)) > 0
    parks = np.flatnonzero(park)
    own[parks] |= reported_fills(ag, adjacency.ids[parks], ["no_finance"] * len(parks))
    located = adjacency.relation(EdgeType.LOCATED_IN)  # row: the park inside, column: its host
    inside = (located.T @ (own & park).astype(np.int64)) > 0
    mask = park & ~own & ~inside
    degrees = deg[mask].tolist()
    return (
        mask,
        [f"no bank, investor or fund is tied to it or to a park inside it ({d} ties)"
         for d in degrees],
        [f"没有银行、投资机构或基金与其或其内园区建立联系（共 {d} 条联系）" for d in degrees],
    )  # fmt: skip


def _region_names(reach: sp.csr_array, names: np.ndarray) -> list[str]:
    out = []
    for i in range(reach.shape[0]):
        cols = reach.indices[reach.indptr[i] : reach.indptr[i + 1]]
        out.append(", ".join(sorted(str(names[c]) for c in cols[:3])) if len(cols) else "")
    return out
