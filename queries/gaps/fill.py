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

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecox.queries.gaps.sparse import (
    entries,
    first_per_row,
    gathered,
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
from ecox.queries.triads import ROLE_TYPES, ROLES, Ventures, complete_mask, mask_csr

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


def _co_investors(
    ventures: Ventures, missing: str, rows: np.ndarray, cols: np.ndarray
) -> sp.csr_array:
    """Enterprise × candidate counts of the ``co_investors`` signal (see module notes),
    for the enterprises in ``rows`` and candidates in ``cols`` only (masks)."""
    binary = {r: sp.csr_array(ventures.roles[r].astype(bool).astype(np.int64)) for r in ROLES}
    every = np.ones(ventures.adjacency.n, dtype=bool)
    if missing == "investor":
        team = sp.csr_array(((binary["scientist"] + binary["entrepreneur"]) > 0).astype(np.int64))
        link = sp.csr_array(((team.T @ binary["investor"]) > 0).astype(np.int64))
        return sp.csr_array(mask_csr(team, rows, every) @ mask_csr(link, every, cols))
    cap = binary["investor"]
    link = sp.csr_array(((cap.T @ binary[missing]) > 0).astype(np.int64))
    return sp.csr_array(mask_csr(cap, rows, every) @ mask_csr(link, every, cols))


def fill_candidates(graph: GraphInput, *, top: int = 5, as_of: str | None = None) -> pd.DataFrame:
    """Who could fill the missing role of each triad one link short.

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
        ties by candidate id). A candidate holds one of the missing role's
        types, is not yet in the enterprise's team (any role) and has some
        support (``common`` or ``co_investors`` > 0); ``via`` names the path.

    Examples
    --------
    >>> from ecox.graph.synthetic import synthetic_analysis_graph
    >>> f = fill_candidates(synthetic_analysis_graph(2_000, seed=4), top=3)
    >>> list(f.columns) == list(FILL_COLUMNS), int(f["rank"].max()) <= 3
    (True, True)
    """
    ag = analysis_of(graph, as_of=as_of)
    adjacency = ag.adjacency
    ventures = Ventures.of(adjacency)
    undirected = sp.csr_array(adjacency.undirected().astype(np.int64))
    deg, aa, ra = link_weights(undirected)
    park = adjacency.has_type("Park")
    raw_names = ag.actors["name"].astype(object).to_numpy()
    names = str_names(ag.actors["name"])
    ids = adjacency.ids
    rank_of = rank_ids(adjacency)
    team = sum(sp.csr_array(ventures.roles[r].astype(bool).astype(np.int8)) for r in ROLES)
    team = sp.csr_array(team)
    blocked = sp.csr_array(team.astype(bool))
    weight = aa + ra + park.astype(float)  # what one shared partner adds to the score
    open_roles = _open_roles(ventures)
    by_id = bool(np.array_equal(rank_of, np.arange(len(rank_of))))  # index order is id order
    parts = []
    for missing_pos, missing in enumerate(ROLES):
        rows = open_roles[missing]
        if not rows.any():
            continue
        cols = adjacency.has_any_type(ROLE_TYPES[missing])
        co = sp.csr_array(_co_investors(ventures, missing, rows, cols).astype(float))
        co.sort_indices()  # once: the masks and look-ups below need it sorted
        e, x, total = _fill_scores(undirected, rows, cols, weight, co, blocked, top, by_id)
        rounded = np.round(total, 12)
        pool = top_pool(e, rounded, top)  # the top `top` per row, ties kept
        if by_id and len(pool):
            pool = pool[tie_cut(e[pool], x[pool], rounded[pool], top, adjacency.n)]
        e, x, total = e[pool], x[pool], total[pool]
        order = np.lexsort((rank_of[x], -np.round(total, 12), rank_of[e]))
        ranked = rank_of[e[order]]
        nth = np.arange(len(order)) - np.searchsorted(ranked, ranked)
        src = order[nth < top]
        e_sel, x_sel = e[src], x[src]
        view = shared_partners(undirected, e_sel, x_sel)
        adamic, alloc, common, parks = pair_details(view, aa, ra, park, len(e_sel))
        co_v = np.rint(lookup(e_sel, x_sel, co)).astype(np.int64)
        parts.append(
            (
                missing_pos,
                missing,
                e_sel,
                {
                    "x": x_sel,
                    "rank": nth[nth < top] + 1,
                    "score": adamic + alloc + parks + co_v,
                    "common": common,
                    "adamic_adar": adamic,
                    "resource_allocation": alloc,
                    "shared_parks": parks,
                    "co_investors": co_v,
                    "view": view,
                },
            )
        )
    frames = []
    for missing_pos, missing, e_sel, cols_data in parts:
        x_sel = cols_data["x"]
        row, col = cols_data["view"]
        n_sel = len(e_sel)
        common = cols_data["common"]
        shared = joined_names(row, col, (rank_of, deg), names, n_sel, 3)
        first_shared = joined_names(row, col, (rank_of, deg), names, n_sel, 1)
        is_park = park[col]
        in_parks = joined_names(row[is_park], col[is_park], (rank_of,), names, n_sel, 99)
        backer_text, backer_path = _co_investor_names(
            ventures, missing, e_sel, x_sel, names, rank_of, cols_data["co_investors"] > 0
        )
        head = f" could fill the {missing} role at "
        rows_text = zip(
            names[e_sel].tolist(), names[x_sel].tolist(), common.tolist(), shared.tolist(),
            first_shared.tolist(), (cols_data["shared_parks"] > 0).tolist(), in_parks.tolist(),
            backer_text.tolist(), backer_path.tolist(), strict=True,
        )  # fmt: skip
        via, reason = [], []
        for en, xn, n_common, listed, first, any_park, parks_in, b_text, b_path in rows_text:
            if n_common:
                word = "partner" if n_common == 1 else "partners"
                more = ", …" if n_common > 3 else ""
                bit = f"shares {n_common} {word} with {en}: {listed}{more}"
                path = f"{xn} — {first} — {en}"
                bit = bit + "; both in " + parks_in if any_park else bit
                if b_text:
                    bit, path = f"{bit}; {b_text}", f"{path}; {b_path}"
            else:
                bit = "both in " + parks_in if any_park else ""
                if b_text:
                    bit = f"{bit}; {b_text}" if any_park else b_text
                path = b_path
            via.append(path)
            reason.append(f"{xn}{head}{en}: {bit}")
        frame = pd.DataFrame(
            {
                "enterprise": ids[e_sel],
                "enterprise_name": raw_names[e_sel],
                "missing": missing,
                "rank": cols_data["rank"].astype(np.int64),
                "candidate": ids[x_sel],
                "candidate_name": raw_names[x_sel],
                "candidate_type": np.array(adjacency.type_names, dtype=object)[
                    adjacency.primary[x_sel]
                ],
                "score": cols_data["score"],
                "common": cols_data["common"],
                "adamic_adar": cols_data["adamic_adar"],
                "resource_allocation": cols_data["resource_allocation"],
                "shared_parks": cols_data["shared_parks"],
                "co_investors": cols_data["co_investors"],
                "via": via,
                "reason": reason,
            },
            columns=list(FILL_COLUMNS),
        )
        frame["_e"] = rank_of[e_sel]
        frame["_m"] = missing_pos
        frames.append(frame)
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in FILL_COLUMNS})
    out = pd.concat(frames, ignore_index=True)
    out = out.sort_values(["_e", "_m", "rank"], kind="stable", ignore_index=True)
    return out.drop(columns=["_e", "_m"])


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
        _LOG.debug("fill_candidates: %d of %d enterprises with every partner",
                    int(redo.sum()), int(rows.sum()))
        again = ~redo[e]
        e2, x2, v2 = supported(redo, None)
        e, x, total = (np.concatenate([e[again], e2]), np.concatenate([x[again], x2]),
                       np.concatenate([total[again], v2]))
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
    return sp.csr_array(
        (backed.data[keep], backed.indices[keep], indptr), shape=backed.shape
    )


def _co_investor_names(
    ventures: Ventures,
    missing: str,
    e: np.ndarray,
    x: np.ndarray,
    names: np.ndarray,
    rank: np.ndarray,
    need: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """One named co-investment path per pair (lowest ids): (text, path), "" when none.

    Only the pairs in ``need`` (those with a co-investor) are looked at; the
    others have no path by definition.
    """
    text_out = np.full(len(e), "", dtype=object)
    path_out = np.full(len(e), "", dtype=object)
    asked = np.flatnonzero(need)
    if not len(asked):
        return text_out, path_out
    e, x = e[asked], x[asked]
    roles = {r: sp.csr_array(ventures.roles[r].astype(bool).astype(np.int8)) for r in ROLES}
    if missing == "investor":
        team = sp.csr_array(((roles["scientist"] + roles["entrepreneur"]) > 0).astype(np.int8))
        holders, backed = team, roles["investor"]  # member of e's team; x backs their venture
    else:
        holders, backed = roles["investor"], roles[missing]  # e's backer; x holds role there
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
        return text_out, path_out
    middle = first_per_row(expand[hit], mid[hit], rank, len(e))
    chosen = mid[hit] == middle[expand[hit]]
    ok = chosen & (v != e[expand[hit]])
    venture = first_per_row(expand[hit][ok], v[ok], rank, len(e))
    found = np.flatnonzero(venture >= 0)
    four = zip(
        names[middle[found]].tolist(), names[venture[found]].tolist(),
        names[x[found]].tolist(), names[e[found]].tolist(), strict=True,
    )  # fmt: skip
    if missing == "investor":
        pairs = [
            (f"backs {vn}, a venture of {mn} (in {en}'s team)", f"{xn} → {vn} ← {mn} → {en}")
            for mn, vn, xn, en in four
        ]
    else:
        pairs = [
            (f"{mn}, which backs {en}, also backs {vn} where {xn} is {missing}",
             f"{en} ← {mn} → {vn} ← {xn}")
            for mn, vn, xn, en in four
        ]  # fmt: skip
    text = np.array([p[0] for p in pairs], dtype=object)
    path = np.array([p[1] for p in pairs], dtype=object)
    text_out[asked[found]] = text
    path_out[asked[found]] = path
    return text_out, path_out
