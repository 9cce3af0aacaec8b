"""Triple Helix synergy T(UIG) per park or region (Leydesdorff 2003).

How the events are coded
------------------------
An **event** is one claim (one reported relationship; a merged link of the
analysis graph counts as many events as it has claims). Each event gets three
binary codes from the types its two endpoints hold (every type, not only the
primary one):

- ``U`` (university / research): an endpoint is a Scientist or an Institute;
- ``I`` (industry): an endpoint is an Enterprise, Entrepreneur, Investor,
  Fund or Bank;
- ``G`` (government): an endpoint is a Government or a Park.

Person and Platform code for none. An event that codes for no helix at all
(e.g. a person affiliated with a platform) is left out of the entropies and
counted in ``uncoded``.

An event belongs to a **region**:

- ``by="park"``: to every park one of its endpoints belongs to. A Park actor
  belongs to itself; an actor ``LOCATED_IN`` a park belongs to that park, and
  to every park that park lies in (``LOCATED_IN`` followed transitively).
  Events of actors with no park belong to no region.
- ``by="component"``: to the connected component of its endpoints (a report
  or bulletin often holds several separate regional ecosystems); the region
  is named after its actor with the most ties (ties by id).
- ``by="all"``: the whole graph, one row.

With the joint distribution of ``(U, I, G)`` over a region's events, and
Shannon entropies in bits of each marginal, pair and the triple,

    T = H_U + H_I + H_G − H_UI − H_UG − H_IG + H_UIG.

``T < 0`` is synergy (the three spheres reduce each other's uncertainty: the
configuration is more than the sum of the bilateral relations); ``T > 0``
means the spheres work apart; ``T = 0`` with no variation at all.

References
----------
.. [1] Leydesdorff, L. (2003). The mutual information of university-industry-
   government relations: an indicator of the Triple Helix dynamics.
   *Scientometrics* 58(2), 445–467.
.. [2] Abramson, N. (1963). *Information Theory and Coding*. McGraw-Hill
   (mutual information in three dimensions).

Examples
--------
>>> import pandas as pd
>>> codes = pd.DataFrame({"U": [1, 1, 0, 1], "I": [1, 0, 1, 1], "G": [0, 1, 1, 1]})
>>> round(synergy(codes)["T"], 6)  # 3·H(¾) − 3·1.5 + 2, worked out in the tests
-0.066166
"""

from __future__ import annotations

from ecox.graph.schema import EdgeType, NodeType

__all__ = ["HELICES", "HELIX_COLUMNS", "helix", "synergy"]

import logging
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd
import scipy.sparse as sp

from ecox.graph.adjacency import TypedAdjacency
from ecox.queries.inputs import GraphInput, analysis_of

logger = logging.getLogger(__name__)

#: The node types coding each helix.
HELICES: dict[str, tuple[str, ...]] = {
    "U": (NodeType.SCIENTIST, NodeType.INSTITUTE),
    "I": (
        NodeType.ENTERPRISE,
        NodeType.ENTREPRENEUR,
        NodeType.INVESTOR,
        NodeType.FUND,
        NodeType.BANK,
    ),
    "G": (NodeType.GOVERNMENT, NodeType.PARK),
}
#: Columns of :func:`helix`.
HELIX_COLUMNS: tuple[str, ...] = (
    "region",
    "name",
    "events",
    "uncoded",
    "U",
    "I",
    "G",
    "H_U",
    "H_I",
    "H_G",
    "H_UI",
    "H_UG",
    "H_IG",
    "H_UIG",
    "T",
    "reason",
)

FloatArray = npt.NDArray[np.float64]
#: Events, their region positions, and the regions' ids and names.
Regions = tuple[
    npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.object_], npt.NDArray[np.object_]
]


def _entropy(counts: FloatArray) -> FloatArray:
    """Row-wise Shannon entropy in bits of a count matrix (0 for an empty row)."""
    total = counts.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(total > 0, counts / total, 0.0)
        terms = np.where(p > 0, -p * np.log2(np.where(p > 0, p, 1.0)), 0.0)
    return np.asarray(terms.sum(axis=1), dtype=np.float64)


def _entropies(cells: FloatArray) -> dict[str, FloatArray]:
    """Entropies of every marginal of ``regions × 8`` counts (cell = 4U + 2I + G)."""
    cube = cells.reshape(-1, 2, 2, 2)  # axes: U, I, G
    return {
        "H_U": _entropy(cube.sum(axis=(2, 3))),
        "H_I": _entropy(cube.sum(axis=(1, 3))),
        "H_G": _entropy(cube.sum(axis=(1, 2))),
        "H_UI": _entropy(cube.sum(axis=3).reshape(-1, 4)),
        "H_UG": _entropy(cube.sum(axis=2).reshape(-1, 4)),
        "H_IG": _entropy(cube.sum(axis=1).reshape(-1, 4)),
        "H_UIG": _entropy(cells),
    }


def synergy(codes: pd.DataFrame) -> dict[str, float]:
    """Entropies and T(UIG) of a table of coded events (columns ``U, I, G`` of 0/1).

    Rows coding for no helix are left out, as in :func:`helix`. An optional
    ``weight`` column counts each row that many times.

    Examples
    --------
    >>> import pandas as pd
    >>> synergy(pd.DataFrame({"U": [1, 1], "I": [1, 1], "G": [1, 1]}))["T"]
    0.0
    """
    u, i, g = (codes[c].to_numpy(dtype=np.int64) for c in ("U", "I", "G"))
    weight = codes["weight"].to_numpy(dtype=np.float64) if "weight" in codes else np.ones(len(u))
    cell = 4 * u + 2 * i + g
    keep = cell > 0
    cells = np.asarray(
        np.bincount(cell[keep], weights=weight[keep], minlength=8), dtype=np.float64
    ).reshape(1, 8)
    h = {name: float(value[0]) for name, value in _entropies(cells).items()}
    h["T"] = h["H_U"] + h["H_I"] + h["H_G"] - h["H_UI"] - h["H_UG"] - h["H_IG"] + h["H_UIG"]
    return h


def _park_membership(adj: TypedAdjacency, is_park: npt.NDArray[np.bool_]) -> sp.csr_array:
    """``n × n`` 0/1: actor i belongs to park j (itself, ``LOCATED_IN``, transitively)."""
    n = adj.n
    to_park = sp.diags_array(is_park.astype(np.int64), shape=(n, n), format="csr", dtype=np.int64)
    step = sp.csr_array(adj.relation(EdgeType.LOCATED_IN).astype(bool).astype(np.int64) @ to_park)
    member = sp.csr_array((to_park + step).astype(bool).astype(np.int64))
    while True:
        grown = sp.csr_array((member + member @ step).astype(bool).astype(np.int64))
        if grown.nnz == member.nnz:
            return member
        member = grown


def helix(
    G: GraphInput,
    *,
    by: Literal["park", "component", "all"] = "component",
    as_of: str | None = None,
) -> pd.DataFrame:
    """Triple Helix synergy T(UIG) per park or region, from coded claims.

    Parameters
    ----------
    G : ClaimGraph, AnalysisGraph or networkx graph
        Any input of :func:`queries.inputs.analysis_of`; not changed.
    by : {"component", "park", "all"}
        How events are grouped into regions (see the module docstring).
    as_of : str, optional
        Only claims known by this date.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`HELIX_COLUMNS`: ``region`` (a park id, a component's
        best-connected actor id, or ``"all"``), ``name``, ``events`` (coded
        events), ``uncoded``, ``U``/``I``/``G`` (events involving each
        helix), the seven entropies in bits, ``T`` and ``reason``. Sorted by
        ``T`` ascending (most synergy first), ties by ``region``. Regions with
        no coded event are left out.

    Examples
    --------
    >>> import ecox
    >>> table = helix(ecox.seed(), by="all")
    >>> table[["region", "events", "uncoded"]].values.tolist()
    [['all', 87, 3]]
    >>> bool(table.loc[0, "T"] < 0)
    True
    """
    if by not in ("park", "component", "all"):
        raise ValueError(f"by must be 'park', 'component' or 'all', not {by!r}")
    ag = analysis_of(G, as_of=as_of)
    adj = ag.adjacency
    ids = np.asarray(adj.ids, dtype=object)
    names = ag.actors["name"].astype(str).to_numpy(dtype=object)
    position = pd.Index(ids.astype(str))
    links = ag.links
    src = position.get_indexer(links["source"].astype(str))
    dst = position.get_indexer(links["target"].astype(str))
    weight = links["claims"].to_numpy(dtype=np.float64)
    flags = {key: adj.has_any_type(types) for key, types in HELICES.items()}
    code = np.zeros(len(links), dtype=np.int64)
    for bit, key in ((4, "U"), (2, "I"), (1, "G")):
        code += bit * (flags[key][src] | flags[key][dst]).astype(np.int64)

    m = len(links)
    if by == "all":
        event = np.arange(m)
        region = np.zeros(m, dtype=np.int64)
        region_ids = np.array(["all"], dtype=object)
        region_names = np.array(["all actors"], dtype=object)
    elif by == "component":
        event, region, region_ids, region_names = _component_regions(adj, ids, names, src)
    else:
        event, region, region_ids, region_names = _park_regions(adj, ids, names, src, dst)

    frame = _region_table(region, code[event], weight[event], region_ids, region_names)
    frame = frame[frame["events"] > 0]
    frame["reason"] = [_reason(row) for row in frame.itertuples(index=False)]
    frame = frame.sort_values(["T", "region"], ignore_index=True)
    return frame[list(HELIX_COLUMNS)]


def _component_regions(
    adj: TypedAdjacency,
    ids: npt.NDArray[np.object_],
    names: npt.NDArray[np.object_],
    src: npt.NDArray[np.int64],
) -> Regions:
    """Every link an event of its connected component, headed by its best-connected actor."""
    n, m = adj.n, len(src)
    undirected = adj.undirected()
    labels = adj.component_labels()
    degree = np.diff(sp.csr_array(undirected).indptr)
    best = pd.DataFrame({"label": labels, "deg": -degree, "id": ids.astype(str)})
    best["pos"] = np.arange(n)
    heads = best.sort_values(["label", "deg", "id"]).groupby("label")["pos"].first()
    head = heads.to_numpy()
    event = np.arange(m)
    region = labels[src] if m else np.zeros(0, dtype=np.int64)
    region_ids = ids[head]
    region_names = np.array([f"network of {names[h]}" for h in head], dtype=object)
    return event, region, region_ids, region_names


def _park_regions(
    adj: TypedAdjacency,
    ids: npt.NDArray[np.object_],
    names: npt.NDArray[np.object_],
    src: npt.NDArray[np.int64],
    dst: npt.NDArray[np.int64],
) -> Regions:
    """Every link an event of each park either end belongs to (see :func:`_park_membership`)."""
    n, m = adj.n, len(src)
    is_park = adj.has_type(NodeType.PARK)
    member = _park_membership(adj, is_park)
    incidence = sp.csr_array(
        (np.ones(2 * m), (np.tile(np.arange(m), 2), np.concatenate([src, dst]))),
        shape=(m, n),
    )
    in_park = sp.coo_array(sp.csr_array((incidence @ member.astype(np.float64)).astype(bool)))
    event = np.asarray(in_park.row, dtype=np.int64)
    parks = np.flatnonzero(is_park)
    park_index = np.full(n, -1)
    park_index[parks] = np.arange(len(parks))
    region = park_index[np.asarray(in_park.col, dtype=np.int64)]
    region_ids = ids[parks]
    region_names = names[parks]
    return event, region, region_ids, region_names


def _region_table(
    region: npt.NDArray[np.int64],
    code: npt.NDArray[np.int64],
    weight: FloatArray,
    region_ids: npt.NDArray[np.object_],
    region_names: npt.NDArray[np.object_],
) -> pd.DataFrame:
    """Event counts, helix involvement, entropies and ``T`` per region, one row each.

    ``region``, ``code`` and ``weight`` are given per event.
    """
    k = len(region_ids)
    cells = np.asarray(
        np.bincount(region * 8 + code, weights=weight, minlength=8 * k),
        dtype=np.float64,
    ).reshape(k, 8)
    uncoded = cells[:, 0].copy()
    cells[:, 0] = 0.0
    h = _entropies(cells)
    t = h["H_U"] + h["H_I"] + h["H_G"] - h["H_UI"] - h["H_UG"] - h["H_IG"] + h["H_UIG"]
    cube = cells.reshape(k, 2, 2, 2)
    involve = {
        "U": cube[:, 1].sum(axis=(1, 2)),
        "I": cube[:, :, 1].sum(axis=(1, 2)),
        "G": cube[:, :, :, 1].sum(axis=(1, 2)),
    }
    events = cells.sum(axis=1)
    return pd.DataFrame(
        {
            "region": pd.Series(region_ids, dtype=object),
            "name": pd.Series(region_names, dtype=object),
            "events": events.astype(np.int64),
            "uncoded": uncoded.astype(np.int64),
            "U": involve["U"].astype(np.int64),
            "I": involve["I"].astype(np.int64),
            "G": involve["G"].astype(np.int64),
            **h,
            "T": t,
        }
    )


def _reason(row: object) -> str:
    events, u, i, g, t = (getattr(row, c) for c in ("events", "U", "I", "G", "T"))
    if abs(t) < 1e-12:
        verdict = "no three-way interplay"
    elif t < 0:
        verdict = "synergy: research, industry and government ties reinforce each other"
    else:
        verdict = "no synergy: the three spheres work apart"
    return (
        f"{events} events, {u} with research, {i} with industry, {g} with government; "
        f"T = {t:+.3f} bits ({verdict})"
    )
