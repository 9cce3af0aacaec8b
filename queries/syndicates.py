"""Investor syndicates: capital providers that back the same ventures.

The co-investment projection of the bipartite graph *capital provider →
venture*: a capital provider is an actor holding the Investor, Fund or Bank
type; its ventures are the targets of its ``INVESTED_IN``, ``LENT_TO`` and
``COMMITTED_TO`` links (an enterprise it invested in or lent to, a fund it
committed to). Two providers form a syndicate pair when they share at least
``min_shared`` ventures; the weight ``shared`` is the number of ventures they
share. The projection is one sparse product ``B Bᵀ`` of the binary provider ×
venture matrix ``B``, of which the upper triangle is kept.

References
----------
.. [1] Newman, M. E. J. (2001). Scientific collaboration networks. I. Network
   construction and fundamental results. *Physical Review E* 64, 016131
   (one-mode projections of bipartite graphs).
.. [2] Sorenson, O. and Stuart, T. E. (2001). Syndication networks and the
   spatial distribution of venture capital investments. *American Journal of
   Sociology* 106(6), 1546–1588.

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> g = ClaimGraph.build(
...     actors=[("甲行", ["Bank"], []), ("乙行", ["Bank"], []), ("创投", ["Investor"], []),
...             ("公司", ["Enterprise"], [])],
...     claims=[{"source": "甲行", "target": "公司", "type": "LENT_TO"},
...             {"source": "乙行", "target": "公司", "type": "LENT_TO"},
...             {"source": "创投", "target": "公司", "type": "INVESTED_IN"}],
... )
>>> s = syndicates(g)
>>> len(s), s["shared"].tolist()
(3, [1, 1, 1])
>>> sorted(s["reason"])[0]
'乙行 and 创投 both back 公司'
"""

from __future__ import annotations

from ecox.graph.schema import EdgeType, NodeType

__all__ = ["CAPITAL_RELATIONS", "CAPITAL_TYPES", "SYNDICATE_COLUMNS", "syndicates"]

import logging
from collections.abc import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecox.queries.inputs import GraphInput, analysis_of

logger = logging.getLogger(__name__)

#: Actor types that provide capital.
CAPITAL_TYPES: tuple[str, ...] = (NodeType.INVESTOR, NodeType.FUND, NodeType.BANK)
#: Relations from a capital provider to a venture.
CAPITAL_RELATIONS: tuple[str, ...] = (EdgeType.INVESTED_IN, EdgeType.LENT_TO, EdgeType.COMMITTED_TO)
#: Columns of :func:`syndicates`.
SYNDICATE_COLUMNS: tuple[str, ...] = ("source", "target", "shared", "ventures", "reason")

#: Ventures named in ``reason`` before "and N more".
_NAMED = 3


def syndicates(
    G: GraphInput,
    *,
    min_shared: int = 1,
    relations: Sequence[str] = CAPITAL_RELATIONS,
    top: int | None = None,
    as_of: str | None = None,
) -> pd.DataFrame:
    """Pairs of capital providers weighted by the ventures they both back.

    Parameters
    ----------
    G : ClaimGraph, AnalysisGraph or networkx graph
        Any input of :func:`queries.inputs.analysis_of`; not changed.
    min_shared : int, default 1
        Keep pairs sharing at least this many ventures.
    relations : sequence of str
        Relation types that make a venture, default :data:`CAPITAL_RELATIONS`.
    top : int, optional
        Keep only the first ``top`` rows.
    as_of : str, optional
        Only claims known by this date.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SYNDICATE_COLUMNS`: ``source`` and ``target`` are actor
        ids (``source < target``), ``shared`` the number of shared ventures,
        ``ventures`` their ids ``|``-joined in id order, ``reason`` the pair
        and the ventures by name. Sorted by ``shared`` descending, then
        ``source``, ``target``.

    Examples
    --------
    >>> import ecox
    >>> s = syndicates(ecox.seed())
    >>> s.loc[0, "reason"]
    '稠州银行 and 邮储银行温州分行 both back 清大光德(浙江)照明科技有限公司'
    """
    if min_shared < 1:
        raise ValueError(f"min_shared must be at least 1, got {min_shared}")
    ag = analysis_of(G, as_of=as_of)
    adj = ag.adjacency
    n = adj.n
    ids = np.asarray(adj.ids, dtype=object)
    names = ag.actors["name"].astype(str).to_numpy(dtype=object)
    provider = adj.has_any_type(CAPITAL_TYPES)
    capital = sp.csr_array(adj.combined(tuple(relations)).astype(bool).astype(np.int64))
    keep = sp.diags_array(provider.astype(np.int64), shape=(n, n), format="csr", dtype=np.int64)
    b = sp.csr_array(keep @ capital)  # provider rows only
    b.eliminate_zeros()
    b.sort_indices()
    co = sp.csr_array(sp.triu(b @ b.T, k=1, format="csr"))
    co.eliminate_zeros()
    rows = np.repeat(np.arange(n), np.diff(co.indptr))
    cols = np.asarray(co.indices, dtype=np.int64)
    shared = np.asarray(co.data, dtype=np.int64)
    mask = shared >= min_shared
    rows, cols, shared = rows[mask], cols[mask], shared[mask]
    swap = ids[rows].astype(str) > ids[cols].astype(str)
    lo, hi = np.where(swap, cols, rows), np.where(swap, rows, cols)
    order = np.lexsort((ids[hi].astype(str), ids[lo].astype(str), -shared))
    if top is not None:
        order = order[: max(int(top), 0)]
    lo, hi, shared = lo[order], hi[order], shared[order]
    logger.debug("syndicates: %d pairs", len(lo))
    ventures, reasons = _shared_ventures(b, ids, names, lo, hi)
    return pd.DataFrame(
        {
            "source": pd.Series(ids[lo], dtype=object),
            "target": pd.Series(ids[hi], dtype=object),
            "shared": shared.astype(np.int64),
            "ventures": pd.Series(ventures, dtype=object),
            "reason": pd.Series(reasons, dtype=object),
        },
        columns=list(SYNDICATE_COLUMNS),
    )


def _shared_ventures(
    b: sp.csr_array, ids: np.ndarray, names: np.ndarray, lo: np.ndarray, hi: np.ndarray
) -> tuple[list[str], list[str]]:
    """The ``ventures`` and ``reason`` cells of each pair ``(lo[i], hi[i])``.

    ``b`` is the provider × venture matrix with sorted indices; ``ids`` and
    ``names`` are indexed by actor position.
    """
    ventures: list[str] = []
    reasons: list[str] = []
    for u, v in zip(lo, hi, strict=True):
        common = np.intersect1d(
            b.indices[b.indptr[u] : b.indptr[u + 1]],
            b.indices[b.indptr[v] : b.indptr[v + 1]],
            assume_unique=True,
        )
        common = common[np.argsort(ids[common].astype(str), kind="stable")]
        ventures.append("|".join(str(x) for x in ids[common]))
        named = "、".join(str(x) for x in names[common[:_NAMED]])
        more = f" and {len(common) - _NAMED} more" if len(common) > _NAMED else ""
        count = f"{len(common)} ventures: " if len(common) > 1 else ""
        reasons.append(f"{names[u]} and {names[v]} both back {count}{named}{more}")
    return ventures, reasons
