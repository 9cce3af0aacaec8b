"""Who could fill the missing role of each venture one link short (:func:`fill_candidates`).

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> g = ClaimGraph.build(
...     actors=[("企业E", ["Enterprise"], []), ("曹", ["Entrepreneur"], []),
...             ("瞿", ["Scientist"], []), ("园区P", ["Park"], []),
...             ("银行B", ["Bank"], []), ("企业F", ["Enterprise"], [])],
...     claims=[{"source": "曹", "target": "企业E", "type": "FOUNDED"},
...             {"source": "瞿", "target": "企业E", "type": "TRANSFERRED_TECH"},
...             {"source": "企业E", "target": "园区P", "type": "LOCATED_IN"},
...             {"source": "银行B", "target": "园区P", "type": "LOCATED_IN"},
...             {"source": "银行B", "target": "企业F", "type": "LENT_TO"}])
>>> row = fill_candidates(g).iloc[0]
>>> row["enterprise_name"], row["missing"], row["candidate_name"], int(row["shared_parks"])
('企业E', 'investor', '银行B', 1)
>>> print(row["reason"])
银行B could fill the investor role at 企业E: shares 1 partner with 企业E: 园区P; both in 园区P
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecox.graph.adjacency import TypedAdjacency
from ecox.graph.analysis import AnalysisGraph
from ecox.graph.schema import SCHEMA, NodeType
from ecox.queries.gaps.nearest import nearest_sources, path_to_source
from ecox.queries.gaps.sparse import (
    entries,
    first_per_row,
    gathered,
    heaviest,
    joined_names,
    keys,
    link_weights,
    lookup,
    pair_details,
    path_hubs,
    positions,
    rank_ids,
    row_meet,
    shared_partners,
    str_names,
    tie_cut,
    top_pool,
    weighted_product,
)
from ecox.queries.inputs import GraphInput, analysis_of
from ecox.queries.triads import ROLE_TYPES, ROLES, Ventures, able_holders, complete_mask, mask_csr

__all__ = ["FILL_COLUMNS", "fill_candidates"]

_LOG = logging.getLogger(__name__)

FILL_COLUMNS: tuple[str, ...] = (
    "enterprise",
    "enterprise_name",
    "missing",
    "rank",
    "candidate",
    "candidate_name",
    "candidate_type",
    "score",
    "common",
    "adamic_adar",
    "resource_allocation",
    "shared_parks",
    "co_investors",
    "via",
    "reason",
    "reason_zh",
)


def _open_roles(ventures: Ventures) -> dict[str, np.ndarray]:
    """Per missing role, the enterprises (mask) with a one-link-short triad missing it."""
    complete = complete_mask(ventures)
    out = {}
    for missing in ROLES:
        a, b = (r for r in ROLES if r != missing)
        ca, cb = ventures.counts(a), ventures.counts(b)
        same = (ca == 1) & (cb == 1) & (_first_holder(ventures, a) == _first_holder(ventures, b))
        out[missing] = ventures.enterprise & ~complete & (ca > 0) & (cb > 0) & ~same
    return out


def _first_holder(ventures: Ventures, role: str) -> np.ndarray:
    """Per enterprise, the lowest index holding ``role`` (-1 when none)."""
    matrix = ventures.roles[role]
    first = np.full(matrix.shape[0], -1, dtype=np.int64)
    held = np.diff(matrix.indptr) > 0
    first[held] = matrix.indices[matrix.indptr[:-1][held]]
    return first


#: Co-investor pairs one product may hold, per actor and per link of the graph…
CO_PAIRS_PER_ELEMENT = 8
#: …and at least (small graphs are never cut).
CO_PAIRS_FLOOR = 4_000_000


def _co_investors(
    ventures: Ventures, missing: str, rows: np.ndarray, cols: np.ndarray, budget: int
) -> tuple[sp.csr_array, sp.csr_array, np.ndarray]:
    """Enterprise × candidate counts of the ``co_investors`` signal (see module notes),
    for the enterprises in ``rows`` and candidates in ``cols`` only (masks); the
    enterprise × middle links it runs through; the middles left out as hubs.

    The middle is a backer of the enterprise (missing scientist or entrepreneur)
    or a member of its team (missing investor). A middle tying ``a`` enterprises
    to ``b`` candidates makes ``a·b`` pairs: a fund backing 10,000 firms would make
    tens of millions, so the middles with the most pairs are left out (hubs, named
    in the reasons) until the others make at most ``budget``.
    """
    binary = {r: sp.csr_array(ventures.roles[r].astype(bool).astype(np.int64)) for r in ROLES}
    every = np.ones(ventures.adjacency.n, dtype=bool)
    if missing == "investor":
        middle = sp.csr_array(((binary["scientist"] + binary["entrepreneur"]) > 0).astype(np.int64))
        link = sp.csr_array(((middle.T @ binary["investor"]) > 0).astype(np.int64))
    else:
        middle = binary["investor"]
        link = sp.csr_array(((middle.T @ binary[missing]) > 0).astype(np.int64))
    left, right = mask_csr(middle, rows, every), mask_csr(link, every, cols)
    pairs = np.bincount(left.indices, minlength=left.shape[1]) * np.diff(right.indptr)
    hubs = heaviest(pairs, budget)
    if hubs.any():
        _LOG.debug("fill_candidates: %d co-investment hubs left out", int(hubs.sum()))
        left = mask_csr(left, every, ~hubs)
    return sp.csr_array(left @ right), mask_csr(middle, rows, hubs), hubs


@dataclass(frozen=True)
class _Scene:
    """One graph as every missing role is scored against it."""

    ag: AnalysisGraph
    adjacency: TypedAdjacency
    ventures: Ventures
    undirected: sp.csr_array
    deg: np.ndarray
    aa: np.ndarray
    ra: np.ndarray
    park: np.ndarray
    names: np.ndarray
    rank_of: np.ndarray
    blocked: sp.csr_array

    @classmethod
    def of(cls, ag: AnalysisGraph) -> _Scene:
        adjacency = ag.adjacency
        ventures = Ventures.of(adjacency)
        undirected = sp.csr_array(adjacency.undirected().astype(np.int64))
        deg, aa, ra = link_weights(undirected)
        team = sum(sp.csr_array(ventures.roles[r].astype(bool).astype(np.int8)) for r in ROLES)
        return cls(
            ag=ag, adjacency=adjacency, ventures=ventures, undirected=undirected, deg=deg,
            aa=aa, ra=ra, park=adjacency.has_type(NodeType.PARK),
            names=str_names(ag.actors["name"]), rank_of=rank_ids(adjacency),
            blocked=sp.csr_array(sp.csr_array(team).astype(bool)),
        )  # fmt: skip

    @property
    def by_id(self) -> bool:
        """Whether index order is id order (enables the exact shortcuts of the scoring)."""
        return bool(np.array_equal(self.rank_of, np.arange(len(self.rank_of))))


def fill_candidates(graph: GraphInput, *, top: int = 5, as_of: str | None = None) -> pd.DataFrame:
    """Who could fill the missing role of each triad one link short.

    A candidate must be able to play the role (``roles:`` of the schema, see
    :func:`queries.triads.able_holders`: for the scientist role a Scientist,
    or an Institute with research, tech-transfer or affiliation ties). Able
    candidates sharing partners or co-investors with the venture are ranked
    by score. A venture with none gets the nearest able actor of its network
    (fewest links, named path); failing that the nearest weak one (a holder
    type without such ties, e.g. a university known only as a founder's
    school), said to be weak; failing that one row without a candidate whose
    reason says why.

    Parameters
    ----------
    graph
        A claim, analysis or networkx graph.
    top
        Candidates kept per (enterprise, missing role).
    as_of
        Only ties known by this date.

    Returns
    -------
    pandas.DataFrame
        :data:`FILL_COLUMNS`, sorted by enterprise id, missing role
        (scientist, entrepreneur, investor), then ``rank`` (score descending,
        ties by candidate id; nearest-in-network rows have score 0). ``via``
        names the path; ``reason`` says why in English, ``reason_zh`` in Chinese.

    Examples
    --------
    >>> from ecox.graph.synthetic import synthetic_analysis_graph
    >>> f = fill_candidates(synthetic_analysis_graph(2_000, seed=4), top=3)
    >>> list(f.columns) == list(FILL_COLUMNS), int(f["rank"].max()) <= 3
    (True, True)
    """
    scene = _Scene.of(analysis_of(graph, as_of=as_of))
    open_roles = _open_roles(scene.ventures)
    frames = []
    for missing_pos, missing in enumerate(ROLES):
        lacking = open_roles[missing].copy()
        if not lacking.any():
            continue
        able = able_holders(scene.adjacency, missing)
        weak = scene.adjacency.has_any_type(ROLE_TYPES[missing]) & ~able
        parts = [_scored(scene, missing, lacking, able, top)]
        lacking[parts[0]["_e"].to_numpy(dtype=np.int64)] = False
        for sources, is_weak in ((able, False), (weak, True)):
            if lacking.any() and sources.any():
                parts.append(_nearest(scene, missing, lacking, sources, weak=is_weak))
                lacking[parts[-1]["_e"].to_numpy(dtype=np.int64)] = False
        if lacking.any():
            parts.append(_nobody(scene, missing, lacking))
        for part in parts:
            part["_m"] = missing_pos
        frames.extend(parts)
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in FILL_COLUMNS})
    out = pd.concat(frames, ignore_index=True)
    out["_e"] = scene.rank_of[out["_e"].to_numpy(dtype=np.int64)]
    out = out.sort_values(["_e", "_m", "rank"], kind="stable", ignore_index=True)
    return out.drop(columns=["_e", "_m"])


def _scored(
    scene: _Scene, missing: str, rows: np.ndarray, cols: np.ndarray, top: int
) -> pd.DataFrame:
    """The ``top`` supported candidates among ``cols`` for the ventures in ``rows``."""
    size = scene.adjacency.n + scene.undirected.nnz // 2
    budget = max(CO_PAIRS_FLOOR, CO_PAIRS_PER_ELEMENT * size)
    co, via_hub, hubs = _co_investors(scene.ventures, missing, rows, cols, budget)
    co = sp.csr_array(co.astype(float))
    co.sort_indices()  # once: the masks and look-ups below need it sorted
    weight = scene.aa + scene.ra + scene.park.astype(float)  # what one shared partner adds
    e, x, total = _fill_scores(
        scene.undirected, rows, cols, weight, co, scene.blocked, top, scene.by_id
    )
    rounded = np.round(total, 12)
    pool = top_pool(e, rounded, top)  # the top `top` per row, ties kept
    if scene.by_id and len(pool):
        pool = pool[tie_cut(e[pool], x[pool], rounded[pool], top, scene.adjacency.n)]
    e, x, total = e[pool], x[pool], total[pool]
    rank_of = scene.rank_of
    order = np.lexsort((rank_of[x], -np.round(total, 12), rank_of[e]))
    ranked = rank_of[e[order]]
    nth = np.arange(len(order)) - np.searchsorted(ranked, ranked)
    e, x = e[order[nth < top]], x[order[nth < top]]
    view = shared_partners(scene.undirected, e, x)
    adamic, alloc, common, parks = pair_details(view, scene.aa, scene.ra, scene.park, len(e))
    co_v = np.rint(lookup(e, x, co)).astype(np.int64)
    via, reason, reason_zh = _scored_words(scene, missing, e, x, view, (co_v > 0, hubs))
    if hubs.any():
        _hub_notes(scene, missing, e, via_hub, reason, reason_zh)
    numbers = {
        "score": adamic + alloc + parks + co_v, "common": common, "adamic_adar": adamic,
        "resource_allocation": alloc, "shared_parks": parks, "co_investors": co_v,
    }  # fmt: skip
    return _frame(scene, missing, e, x, nth[nth < top] + 1, numbers, (via, reason, reason_zh))


def _scored_words(
    scene: _Scene,
    missing: str,
    e: np.ndarray,
    x: np.ndarray,
    view: tuple[np.ndarray, np.ndarray],
    backed: tuple[np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(via, reason, reason_zh) of scored pairs: shared partners, parks, co-investors
    (``backed``: the pairs with some, and the hub middles not counted)."""
    row, col = view
    names, keys = scene.names, (scene.rank_of, scene.deg)
    shared = joined_names(row, col, keys, names, len(e), 3)
    first = joined_names(row, col, keys, names, len(e), 1)
    is_park = scene.park[col]
    in_parks = joined_names(row[is_park], col[is_park], (scene.rank_of,), names, len(e), 99)
    common = np.bincount(row, minlength=len(e))
    b_text, b_zh, b_path = _co_investor_names(
        scene.ventures, missing, e, x, names, scene.rank_of, *backed
    )
    label = SCHEMA.role(missing).label_zh
    en, xn = names[e], names[x]
    has = common > 0
    count = common.astype(str).astype(object)
    more = common > 3
    word = np.where(common == 1, "partner", "partners").astype(object)
    shares = _when(has, "shares " + count + " " + word + " with " + en + ": " + shared)
    shares = np.where(more, shares + ", …", shares).astype(object)
    shares_zh = _when(has, "与" + en + "有" + count + "个共同伙伴：" + shared)
    shares_zh = np.where(more, shares_zh + "等", shares_zh).astype(object)
    hop = _when(has, xn + " — " + first + " — " + en)
    parks = _when(in_parks != "", "both in " + in_parks)
    parks_zh = _when(in_parks != "", "同在" + in_parks)
    via = _joined([hop, b_path], "; ")
    reason = xn + f" could fill the {missing} role at " + en + ": "
    reason = reason + _joined([shares, parks, b_text], "; ")
    reason_zh = xn + "可补上" + en + f"的{label}角色：" + _joined([shares_zh, parks_zh, b_zh], "；")
    return via, reason, reason_zh


def _when(mask: np.ndarray, text: np.ndarray) -> np.ndarray:
    """``text`` where ``mask``, else "" (object arrays of str)."""
    return np.where(mask, text, "").astype(object)


def _joined(parts: list[np.ndarray], sep: str) -> np.ndarray:
    """Element-wise join of the non-empty strings of ``parts`` with ``sep``."""
    out = parts[0].astype(object)
    for part in parts[1:]:
        both = (out != "") & (part != "")
        out = np.where(both, out + sep + part, out + part).astype(object)
    return out


def _nearest(
    scene: _Scene, missing: str, rows: np.ndarray, sources: np.ndarray, *, weak: bool
) -> pd.DataFrame:
    """For each venture in ``rows``: the nearest of ``sources`` in its network, not in its team."""
    owner, dist, toward = nearest_sources(scene.undirected, sources, scene.rank_of)
    e = np.flatnonzero(rows & (dist > 0))
    x = owner[e]
    keep = ~np.asarray(scene.blocked[e].toarray()[np.arange(len(e)), x]).astype(bool)
    e, x = e[keep], x[keep]
    names, spec = scene.names, SCHEMA.role(missing)
    via, reason, reason_zh = [], [], []
    for en_i, xn_i in zip(e.tolist(), x.tolist(), strict=True):
        en, xn, d = names[en_i], names[xn_i], int(dist[en_i])
        via.append(" — ".join(names[k] for k in reversed(path_to_source(toward, en_i))))
        reason.append(
            f"{xn} could fill the {missing} role at {en}: no shared partner; the nearest in its "
            f"network, {d} links away: {via[-1]}"
            + (f"; weak candidate: {spec.weak}" if weak else "")
        )
        reason_zh.append(
            f"{xn}可补上{en}的{spec.label_zh}角色：无共同伙伴；同一网络中最近，相距{d}步：{via[-1]}"
            + (f"；弱候选：{spec.weak_zh}" if weak else "")
        )
    zeros = np.zeros(len(e))
    numbers = {c: zeros for c in ("score", "adamic_adar", "resource_allocation")}
    numbers |= {c: zeros.astype(np.int64) for c in ("common", "shared_parks", "co_investors")}
    return _frame(
        scene, missing, e, x, np.ones(len(e), np.int64), numbers, (via, reason, reason_zh)
    )


def _nobody(scene: _Scene, missing: str, rows: np.ndarray) -> pd.DataFrame:
    """One row per venture in ``rows`` saying no actor of its network can fill ``missing``."""
    _, label = sp.csgraph.connected_components(scene.undirected, directed=False)
    size = np.bincount(label)[label]
    e = np.flatnonzero(rows)
    spec = SCHEMA.role(missing)
    reason = [
        f"no actor in the network of {scene.names[k]} ({size[k]} actors) can fill the "
        f"{missing} role: nobody to propose" for k in e.tolist()
    ]  # fmt: skip
    reason_zh = [
        f"{scene.names[k]}所在网络（{size[k]}个主体）中没有可担任{spec.label_zh}的主体，无从推荐"
        for k in e.tolist()
    ]
    nan = np.full(len(e), np.nan)
    numbers = {c: nan for c in ("score", "adamic_adar", "resource_allocation")}
    numbers |= {c: np.zeros(len(e), np.int64) for c in ("common", "shared_parks", "co_investors")}
    none = np.full(len(e), -1, dtype=np.int64)
    words = ([""] * len(e), reason, reason_zh)
    return _frame(scene, missing, e, none, np.zeros(len(e), np.int64), numbers, words)


def _frame(
    scene: _Scene,
    missing: str,
    e: np.ndarray,
    x: np.ndarray,
    rank: np.ndarray,
    numbers: dict[str, np.ndarray],
    words: tuple[list[str] | np.ndarray, list[str] | np.ndarray, list[str] | np.ndarray],
) -> pd.DataFrame:
    """Rows of :data:`FILL_COLUMNS` (``x`` = -1: no candidate) plus ``_e``, the venture index."""
    adjacency = scene.adjacency
    raw = scene.ag.actors["name"].astype(object).to_numpy()
    found = x >= 0

    def candidate(values: np.ndarray) -> np.ndarray:
        out = np.full(len(x), None, dtype=object)
        out[found] = values[x[found]]
        return out

    types = np.array(adjacency.type_names, dtype=object)[adjacency.primary]
    frame = pd.DataFrame(
        {
            "enterprise": adjacency.ids[e], "enterprise_name": raw[e], "missing": missing,
            "rank": rank.astype(np.int64), "candidate": candidate(adjacency.ids),
            "candidate_name": candidate(raw), "candidate_type": candidate(types),
            **numbers, "via": words[0], "reason": words[1], "reason_zh": words[2],
        },
        columns=list(FILL_COLUMNS),
    )  # fmt: skip
    frame["_e"] = e
    return frame


def _fill_scores(
    undirected: sp.csr_array,
    rows: np.ndarray,
    cols: np.ndarray,
    weight: np.ndarray,
    co: sp.csr_array,
    blocked: sp.csr_array,
    top: int,
    by_id: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (enterprise, candidate, score) that can reach an enterprise's top ``top``.

    Exact: hub partners are first left out; an enterprise is settled when
    ``top`` candidates already score more than all its hubs could add to
    anyone; the others are recomputed with every partner. With ``by_id``
    (index order is id order), candidates backed by co-investors alone are
    thinned first (see :func:`_thin_co_only`).
    """

    def supported(
        row_mask: np.ndarray, middles: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        scores = weighted_product(undirected, row_mask, cols, weight, middles)
        scores.sort_indices()  # canonical operands: the sum below takes the fast path
        backed = co if row_mask is rows else mask_csr(co, row_mask, cols)  # co: rows × cols
        n = np.int64(scores.shape[1])
        bkey = np.unique(keys(mask_csr(blocked, row_mask, cols), n))  # already in the team
        if by_id and middles is None:
            backed = _thin_co_only(scores, backed, bkey, top)
        scores = sp.csr_array(scores + backed)
        e, x, v = entries(scores)
        keep = e != x
        if len(bkey) and len(e):  # drop the team (few): look them up among the sorted keys
            keep[positions(e * n + x, bkey)] = False
        return e[keep], x[keep], v[keep]

    hubs = path_hubs(undirected, rows, cols)
    if not hubs.any():
        return supported(rows, None)
    e, x, low = supported(rows, ~hubs)
    to_hubs = mask_csr(undirected, np.ones_like(rows), hubs)
    reach = to_hubs @ weight  # the most the hubs can add to any pair of this enterprise
    # settled: `top` candidates already beat anything reached through hubs alone
    settled = np.bincount(e[low > reach[e]], minlength=len(rows)) >= top
    # the k-th best partial score per enterprise: a pair below it even with every hub is out
    order = np.lexsort((-low, e))
    nth = np.arange(len(order)) - np.searchsorted(e[order], e[order])
    kth = np.full(len(rows), -np.inf)
    at_k = order[nth == top - 1]
    kth[e[at_k]] = low[at_k]
    hopeful = low + reach[e] >= kth[e] - 1e-9
    e, x, low = e[hopeful], x[hopeful], low[hopeful]
    total = low + gathered(to_hubs, weight, e, x)
    redo = rows & ~settled
    if redo.any():
        _LOG.debug(
            "fill_candidates: %d of %d enterprises with every partner",
            int(redo.sum()),
            int(rows.sum()),
        )
        again = ~redo[e]
        e2, x2, v2 = supported(redo, None)
        e, x, total = (
            np.concatenate([e[again], e2]),
            np.concatenate([x[again], x2]),
            np.concatenate([total[again], v2]),
        )
    return e, x, total


#: Most distinct co-investor counts :func:`_thin_co_only` thins (the rest are kept whole).
_THIN_VALUES = 16


def _thin_co_only(
    partners: sp.csr_array, backed: sp.csr_array, team: np.ndarray, top: int
) -> sp.csr_array:
    """``backed`` without the pairs backed by co-investors alone (no entry in ``partners``)
    that ``top`` others of the same enterprise and count precede in index order, and
    without those in ``team`` (keys) or on the diagonal.

    Their score is the count itself, ties go to the lower id, so they cannot
    reach the top ``top``. Both matrices must be canonical.

    >>> p = sp.csr_array(np.array([[0.0, 0.5, 0, 0], [0, 0, 0, 0]]))
    >>> b = sp.csr_array(np.array([[0.0, 1, 1, 1], [1, 1, 0, 1]]))
    >>> _thin_co_only(p, b, np.array([4]), 1).toarray().tolist()
    [[0.0, 1.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0]]
    """
    n = np.int64(backed.shape[1])
    key = keys(backed, n)
    rows = key // n
    alone = np.ones(len(key), dtype=bool)
    alone[positions(key, keys(partners, n))] = False  # also reached through partners
    keep = np.ones(len(key), dtype=bool)
    keep[positions(key, team)] = False
    keep &= rows != backed.indices
    eligible = alone & keep
    where = np.flatnonzero(eligible)
    count = np.rint(backed.data[where]).astype(np.int64)
    seen = np.bincount(count) if len(count) else np.zeros(0, dtype=np.int64)
    for value in np.argsort(-seen, kind="stable")[:_THIN_VALUES]:
        if seen[value] <= top:
            break
        idx = where[count == value]
        r = rows[idx]
        start = np.concatenate([[True], r[1:] != r[:-1]])
        first = np.maximum.accumulate(np.where(start, np.arange(len(idx)), 0))
        keep[idx[np.arange(len(idx)) - first >= top]] = False
    per_row = np.bincount(rows[keep], minlength=backed.shape[0])
    indptr = np.concatenate([[0], np.cumsum(per_row)])
    return sp.csr_array((backed.data[keep], backed.indices[keep], indptr), shape=backed.shape)


def _hub_notes(
    scene: _Scene,
    missing: str,
    e: np.ndarray,
    via_hub: sp.csr_array,
    reason: np.ndarray,
    reason_zh: np.ndarray,
) -> None:
    """Say in the reasons of ventures tied to a co-investment hub that it was not counted."""
    hub = first_per_row(*entries(via_hub)[:2], scene.rank_of, via_hub.shape[0])[e]
    count = np.diff(via_hub.indptr)[e]
    ties = np.bincount(via_hub.indices, minlength=via_hub.shape[1])
    kind = "backer" if missing != "investor" else "team member"
    for k in np.flatnonzero(hub >= 0).tolist():
        name, many = scene.names[hub[k]], int(ties[hub[k]])
        more = f" and {count[k] - 1} more" if count[k] > 1 else ""
        reason[k] += (
            f"; co-investments through {name}{more} not counted ({kind} tied to "
            f"{many:,} ventures here: a hub)"
        )
        reason_zh[k] += (
            f"；未计经{name}{'等' if more else ''}的共同投资（枢纽：关联{many:,}个企业）"
        )


def _co_investor_names(
    ventures: Ventures,
    missing: str,
    e: np.ndarray,
    x: np.ndarray,
    names: np.ndarray,
    rank: np.ndarray,
    need: np.ndarray,
    hubs: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One named co-investment path per pair (lowest ids): (text, Chinese text, path), "" when
    none.

    Only the pairs in ``need`` (those with a co-investor) are looked at; the
    others have no path by definition. Paths through ``hubs`` (not counted) are not named.
    """
    text_out = np.full(len(e), "", dtype=object)
    zh_out = np.full(len(e), "", dtype=object)
    path_out = np.full(len(e), "", dtype=object)
    asked = np.flatnonzero(need)
    if not len(asked):
        return text_out, zh_out, path_out
    e, x = e[asked], x[asked]
    roles = {r: sp.csr_array(ventures.roles[r].astype(bool).astype(np.int8)) for r in ROLES}
    if missing == "investor":
        team = sp.csr_array(((roles["scientist"] + roles["entrepreneur"]) > 0).astype(np.int8))
        holders, backed = team, roles["investor"]  # member of e's team; x backs their venture
    else:
        holders, backed = roles["investor"], roles[missing]  # e's backer; x holds role there
    if hubs.any():
        holders = mask_csr(holders, np.ones(holders.shape[0], dtype=bool), ~hubs)
    # for each pair: the middle actor m (holder of e) and a venture v with m and x both tied
    holders_t = sp.csr_array(holders.T.tocsr())  # actor → its ventures
    backed_t = sp.csr_array(backed.T.tocsr())
    h_ptr = holders.indptr.astype(np.int64)
    sizes = np.diff(h_ptr)[e]
    expand = np.repeat(np.arange(len(e)), sizes)  # one row per (pair, middle candidate)
    offset = np.arange(len(expand)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    mid = holders.indices[np.repeat(h_ptr[e], sizes) + offset].astype(np.int64)
    hit, v = row_meet(holders_t, mid, backed_t, x[expand])  # ventures of both m and x
    if not len(hit):
        return text_out, zh_out, path_out
    middle = first_per_row(expand[hit], mid[hit], rank, len(e))
    chosen = mid[hit] == middle[expand[hit]]
    ok = chosen & (v != e[expand[hit]])
    venture = first_per_row(expand[hit][ok], v[ok], rank, len(e))
    found = np.flatnonzero(venture >= 0)
    four = zip(
        names[middle[found]].tolist(), names[venture[found]].tolist(),
        names[x[found]].tolist(), names[e[found]].tolist(), strict=True,
    )  # fmt: skip
    label = SCHEMA.role(missing).label_zh
    if missing == "investor":
        triples = [
            (f"backs {vn}, a venture of {mn} (in {en}'s team)", f"投资了{en}团队成员{mn}的{vn}",
             f"{xn} → {vn} ← {mn} → {en}")
            for mn, vn, xn, en in four
        ]  # fmt: skip
    else:
        triples = [
            (f"{mn}, which backs {en}, also backs {vn} where {xn} is {missing}",
             f"投资{en}的{mn}也投资了{vn}，{xn}是那里的{label}", f"{en} ← {mn} → {vn} ← {xn}")
            for mn, vn, xn, en in four
        ]  # fmt: skip
    for k, out in enumerate((text_out, zh_out, path_out)):
        out[asked[found]] = np.array([t[k] for t in triples], dtype=object)
    return text_out, zh_out, path_out
