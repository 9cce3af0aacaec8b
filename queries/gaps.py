"""Gaps: who should meet whom, who is left out, and where communities barely touch.

Four questions, each a pure function returning a DataFrame with a ``reason``:

:func:`fill_candidates`
    For each triad one link short (:func:`queries.triads.open_triads`), the
    actors who could fill the missing role, ranked.
:func:`under_connected`
    Actors missing the tie their type exists for: an enterprise with no
    capital; a scientist or institute with no enterprise (成果躺在纸上); an
    investor or fund that has invested in no enterprise of its own region; a
    park with no bank, investor or fund.
:func:`missing_links`
    The best-supported absent ties between an actor and an enterprise whose
    venture role it could take.
:func:`community_holes`
    Louvain communities that have far fewer ties between them than their
    sizes predict, and the actors who span them.

Scores (typed link prediction)
------------------------------
Ties are read undirected over every relation; ``deg(w)`` is the number of
distinct actors tied to ``w``. For a candidate ``x`` and an enterprise ``e``:

- ``common``: shared partners ``N(x) ∩ N(e)``;
- ``adamic_adar`` = Σ 1 / log deg(w) over shared partners ``w`` [1]_;
- ``resource_allocation`` = Σ 1 / deg(w) [2]_;
- ``shared_parks``: shared partners that are parks;
- ``co_investors``: for a missing scientist or entrepreneur, how many of
  ``e``'s backers also back a venture where ``x`` holds that role; for a
  missing investor, how many of ``e``'s team (its scientists and
  entrepreneurs) hold a role in a venture ``x`` backs;
- ``score`` = adamic_adar + resource_allocation + shared_parks + co_investors.

Only pairs of types that the role allows are scored (a capital candidate is
an Investor, Fund or Bank; see :data:`queries.triads.ROLE_TYPES`), and only
pairs with some support (a shared partner or a co-investor) are listed. The
hot paths are sparse products restricted to those rows and columns; the
plain networkx definitions are in :mod:`queries.triads_oracle`.

References
----------
.. [1] Adamic, L. A. and Adar, E. (2003). Friends and neighbors on the Web.
   *Social Networks* 25(3), 211–230.
.. [2] Zhou, T., Lü, L. and Zhang, Y.-C. (2009). Predicting missing links via
   local information. *European Physical Journal B* 71, 623–630.
.. [3] Blondel, V. D. et al. (2008). Fast unfolding of communities in large
   networks. *J. Stat. Mech.* P10008.

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
import math

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecox.graph.adjacency import TypedAdjacency
from ecox.queries.inputs import GraphInput, analysis_of
from ecox.queries.reported import reported_fills
from ecox.queries.triads import (
    ROLE_RELATIONS,
    ROLE_TYPES,
    ROLES,
    Ventures,
    complete_mask,
    mask_csr,
)

__all__ = [
    "FILL_COLUMNS",
    "HOLE_COLUMNS",
    "LINK_COLUMNS",
    "UNDER_COLUMNS",
    "community_holes",
    "fill_candidates",
    "link_weights",
    "missing_links",
    "under_connected",
]

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
UNDER_COLUMNS: tuple[str, ...] = ("node", "type", "name", "gap", "degree", "reason")
LINK_COLUMNS: tuple[str, ...] = (
    "source",
    "target",
    "source_name",
    "target_name",
    "source_type",
    "role",
    "relation",
    "score",
    "common",
    "adamic_adar",
    "resource_allocation",
    "via",
    "reason",
)
HOLE_COLUMNS: tuple[str, ...] = (
    "community_a",
    "community_b",
    "size_a",
    "size_b",
    "ties",
    "expected",
    "ratio",
    "spanners",
    "reason",
)

_GAP_ORDER = ("no_capital", "no_enterprise", "no_regional_investment", "no_finance")
_ROLE_WORDS = {"scientist": "scientist", "entrepreneur": "entrepreneur", "investor": "investor"}


# --------------------------------------------------------------------------- scoring


def link_weights(undirected: sp.csr_array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Degree, Adamic–Adar weight 1/log deg and resource-allocation weight 1/deg per actor.

    >>> u = sp.csr_array(np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]]))
    >>> deg, aa, ra = link_weights(u)
    >>> deg.tolist(), round(float(aa[0]), 4), ra.tolist()
    ([2, 1, 1], 1.4427, [0.5, 1.0, 1.0])
    """
    deg = np.diff(undirected.indptr).astype(np.int64)
    with np.errstate(divide="ignore"):
        aa = np.where(deg > 1, 1.0 / np.log(np.maximum(deg, 2)), 0.0)
        ra = np.where(deg > 0, 1.0 / np.maximum(deg, 1), 0.0)
    return deg, aa, ra


def _pair_scores(
    undirected: sp.csr_array,
    rows: np.ndarray,
    cols: np.ndarray,
    aa: np.ndarray,
    ra: np.ndarray,
    middles: np.ndarray | None = None,
) -> sp.csr_array:
    """Σ over shared partners (``middles`` only, when given) of aa + i·ra, rows × cols."""
    every = np.ones_like(rows)
    left = mask_csr(undirected, rows, middles if middles is not None else every)
    right = mask_csr(undirected, middles if middles is not None else every, cols)
    weighted = sp.csr_array(left.astype(np.complex128) @ sp.diags_array(aa + 1j * ra))
    return sp.csr_array(weighted @ right)


def _entries(matrix: sp.csr_array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    matrix = sp.csr_array(matrix)
    matrix.sum_duplicates()
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    return rows, matrix.indices.astype(np.int64), matrix.data


def _lookup(keys_rows: np.ndarray, keys_cols: np.ndarray, matrix: sp.csr_array) -> np.ndarray:
    """``matrix[r, c]`` for each pair (0 when absent), vectorised."""
    r, c, v = _entries(matrix)
    n = matrix.shape[1]
    table = r * n + c
    if len(table) > 1 and not bool(np.all(table[1:] > table[:-1])):
        order = np.argsort(table)
        table, v = table[order], v[order]
    query = keys_rows.astype(np.int64) * n + keys_cols
    pos = np.searchsorted(table, query)
    pos = np.minimum(pos, max(len(table) - 1, 0))
    found = (len(table) > 0) & (table[pos] == query) if len(table) else np.zeros(len(query), bool)
    out = np.zeros(len(query), dtype=v.dtype if len(v) else np.float64)
    if len(table):
        out[found] = v[pos[found]]
    return out


def _str_names(column: pd.Series) -> np.ndarray:
    """Actor names as an object array of ``str`` (for vectorised concatenation)."""
    return np.array([str(v) for v in column.tolist()], dtype=object)


def _rank_ids(adjacency: TypedAdjacency) -> np.ndarray:
    ids = adjacency.ids
    if len(ids) < 2 or bool(np.all(ids[:-1] < ids[1:])):
        return np.arange(len(ids))
    rank = np.empty(len(ids), dtype=np.int64)
    rank[np.argsort(ids.astype(str), kind="stable")] = np.arange(len(ids))
    return rank


def _shared_names(
    undirected: sp.csr_array,
    deg: np.ndarray,
    rank: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    names: np.ndarray,
    limit: int = 3,
) -> list[list[str]]:
    """Names of up to ``limit`` shared partners per pair, most specific (lowest degree) first."""
    if not len(a):
        return []
    both = sp.csr_array(undirected[a].multiply(undirected[b]))
    row, col, _ = _entries(both)
    order = np.lexsort((rank[col], deg[col], row))
    row, col = row[order], col[order]
    first = np.searchsorted(row, np.arange(len(a)))
    nth = np.arange(len(row)) - first[row]
    keep = nth < limit
    out: list[list[str]] = [[] for _ in range(len(a))]
    for r, c in zip(row[keep].tolist(), col[keep].tolist(), strict=True):
        out[r].append(str(names[c]))
    return out


# --------------------------------------------------------------------------- fill


def _open_roles(ventures: Ventures) -> dict[str, np.ndarray]:
    """Per missing role, the enterprises (mask) with a one-link-short triad missing it."""
    complete = complete_mask(ventures)
    out = {}
    for missing in ROLES:
        a, b = (r for r in ROLES if r != missing)
        ca, cb = ventures.counts(a), ventures.counts(b)
        first_a = ventures.roles[a].indices[
            np.minimum(ventures.roles[a].indptr[:-1], max(ventures.roles[a].nnz - 1, 0))
        ]
        first_b = ventures.roles[b].indices[
            np.minimum(ventures.roles[b].indptr[:-1], max(ventures.roles[b].nnz - 1, 0))
        ]
        same = (ca == 1) & (cb == 1) & (first_a == first_b)
        out[missing] = ventures.enterprise & ~complete & (ca > 0) & (cb > 0) & ~same
    return out


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
    names = _str_names(ag.actors["name"])
    ids = adjacency.ids
    rank_of = _rank_ids(adjacency)
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
        pool = _top_pool(e, rounded, top)  # the top `top` per row, ties kept
        if by_id and len(pool):
            pool = pool[_tie_cut(e[pool], x[pool], rounded[pool], top, adjacency.n)]
        e, x, total = e[pool], x[pool], total[pool]
        order = np.lexsort((rank_of[x], -np.round(total, 12), rank_of[e]))
        ranked = rank_of[e[order]]
        nth = np.arange(len(order)) - np.searchsorted(ranked, ranked)
        src = order[nth < top]
        e_sel, x_sel = e[src], x[src]
        view = _shared_partners(undirected, e_sel, x_sel)
        adamic, alloc, common, parks = _pair_details(view, aa, ra, park, len(e_sel))
        co_v = np.rint(_lookup(e_sel, x_sel, co)).astype(np.int64)
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
        shared = _joined_names(row, col, (rank_of, deg), names, n_sel, 3)
        first_shared = _joined_names(row, col, (rank_of, deg), names, n_sel, 1)
        is_park = park[col]
        in_parks = _joined_names(row[is_park], col[is_park], (rank_of,), names, n_sel, 99)
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


def _weighted_product(
    undirected: sp.csr_array,
    rows: np.ndarray,
    cols: np.ndarray,
    weight: np.ndarray,
    middles: np.ndarray | None,
) -> sp.csr_array:
    """Σ over shared partners ``w`` (in ``middles``) of ``weight[w]``, rows × cols."""
    every = np.ones_like(rows)
    left = mask_csr(undirected, rows, every if middles is None else middles)
    right = mask_csr(undirected, every if middles is None else middles, cols)
    return sp.csr_array(sp.csr_array(left.astype(float) @ sp.diags_array(weight)) @ right)


def _path_hubs(undirected: sp.csr_array, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The partners with the most rows–cols paths, set aside until the rest fit the budget."""
    paths = (undirected @ rows.astype(np.int64)) * (undirected @ cols.astype(np.int64))
    hubs = np.zeros(len(rows), dtype=bool)
    if paths.sum() > _PATH_BUDGET:
        order = np.argsort(-paths, kind="stable")
        left = paths.sum() - np.cumsum(paths[order])
        hubs[order[: int(np.searchsorted(-left, -_PATH_BUDGET)) + 1]] = True
    return hubs


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
        scores = _weighted_product(undirected, row_mask, cols, weight, middles)
        scores.sort_indices()  # canonical operands: the sum below takes the fast path
        backed = co if row_mask is rows else mask_csr(co, row_mask, cols)  # co: rows × cols
        n = np.int64(scores.shape[1])
        bkey = np.unique(_keys(mask_csr(blocked, row_mask, cols), n))  # already in the team
        if by_id and middles is None:
            backed = _thin_co_only(scores, backed, bkey, top)
        scores = sp.csr_array(scores + backed)
        e, x, v = _entries(scores)
        keep = e != x
        if len(bkey) and len(e):  # drop the team (few): look them up among the sorted keys
            keep[_positions(e * n + x, bkey)] = False
        return e[keep], x[keep], v[keep]

    hubs = _path_hubs(undirected, rows, cols)
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
    total = low + _gathered(to_hubs, weight, e, x)
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


def _keys(matrix: sp.csr_array, n: np.int64) -> np.ndarray:
    """``row * n + col`` of every entry (sorted when ``matrix`` is canonical)."""
    rows = np.repeat(np.arange(matrix.shape[0], dtype=np.int64), np.diff(matrix.indptr))
    return rows * n + matrix.indices


def _positions(key: np.ndarray, query: np.ndarray) -> np.ndarray:
    """Positions in the sorted ``key`` of the ``query`` values present there."""
    if not len(key) or not len(query):
        return np.zeros(0, dtype=np.int64)
    pos = np.minimum(np.searchsorted(key, query), len(key) - 1)
    return pos[key[pos] == query]


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
    key = _keys(backed, n)
    rows = key // n
    alone = np.ones(len(key), dtype=bool)
    alone[_positions(key, _keys(partners, n))] = False  # also reached through partners
    keep = np.ones(len(key), dtype=bool)
    keep[_positions(key, team)] = False
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


def _gathered(matrix: sp.csr_array, weight: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Σ weight[w] over w in both matrix[a] and matrix[b], per pair (in chunks)."""
    out = np.zeros(len(a))
    step = 2_000_000
    for start in range(0, len(a), step):
        pair = slice(start, start + step)
        both = sp.csr_array(matrix[a[pair]].multiply(matrix[b[pair]]))
        row, col, _ = _entries(both)
        out[start : start + step] = np.bincount(row, weights=weight[col], minlength=both.shape[0])
    return out


def _top_pool(group: np.ndarray, value: np.ndarray, top: int) -> np.ndarray:
    """Positions of the entries that can be among the ``top`` largest ``value`` of their group.

    ``group`` must be sorted (non-decreasing). Per group, every entry at least
    as large as the group's ``top``-th largest value is kept (ties included),
    so ranking only the pool gives the same first ``top`` as ranking everything.

    >>> _top_pool(np.array([0, 0, 0, 1]), np.array([3.0, 1.0, 3.0, 2.0]), 1).tolist()
    [0, 2, 3]
    """
    if not len(group) or top <= 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate([[True], group[1:] != group[:-1]]))
    sizes = np.diff(np.append(starts, len(group)))
    if int(sizes.max()) <= top:
        return np.arange(len(group))
    which = np.repeat(np.arange(len(starts)), sizes)
    threshold = np.full(len(starts), np.inf)  # the k-th largest value found so far
    taken = np.zeros(len(starts), dtype=np.int64)  # entries at or above it
    for _ in range(top):
        open_ = taken < top
        if not open_.any():
            break
        below = np.where(value < threshold[which], value, -np.inf)
        best = np.maximum.reduceat(below, starts)
        step = open_ & np.isfinite(best)
        threshold[step] = best[step]
        at = (value == threshold[which]) & step[which]
        taken += np.bincount(which[at], minlength=len(starts))
        if not step.any():
            break
    threshold[taken < top] = -np.inf  # fewer than `top` entries: keep them all
    return np.flatnonzero(value >= threshold[which])


def _tie_cut(e: np.ndarray, x: np.ndarray, value: np.ndarray, top: int, n: int) -> np.ndarray:
    """Positions of the first ``top`` per row by (``value`` descending, ``x`` ascending),
    for a :func:`_top_pool` pool (every row's entries are its top ``top`` values, ties kept).

    Only cuts when the pairs are sorted by (``e``, ``x``) (then the entries tied at
    a row's lowest pooled value come in ``x`` order); otherwise keeps them all.

    >>> _tie_cut(np.array([0, 0, 0, 1]), np.array([1, 2, 3, 0]),
    ...          np.array([1.0, 2.0, 1.0, 5.0]), 2, 4).tolist()
    [0, 1, 3]
    """
    key = e.astype(np.int64) * np.int64(n) + x
    if len(key) < 2 or not bool(np.all(key[1:] > key[:-1])):
        return np.arange(len(e))
    starts = np.flatnonzero(np.concatenate([[True], e[1:] != e[:-1]]))
    which = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(e))))
    low = np.minimum.reduceat(value, starts)  # the row's top-th value: the pool keeps ties at it
    above = value > low[which]
    room = top - np.add.reduceat(above.astype(np.int64), starts)  # places left for the ties
    tied = ~above
    seen = np.cumsum(tied)  # ties so far, counted from the row's start
    before: np.ndarray = seen[starts] - tied[starts]
    keep = above | (seen - before[which] <= room[which])
    return np.flatnonzero(keep)


def _row_meet(
    left: sp.csr_array, a: np.ndarray, right: sp.csr_array, b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(pair number, column) of every column present in both ``left[a[p]]`` and ``right[b[p]]``.

    Walks the shorter of the two rows of each pair and looks its columns up
    among the other row's (binary search in the sorted CSR keys); output is
    sorted by pair, then column.

    >>> m = sp.csr_array(np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1]]))
    >>> [v.tolist() for v in _row_meet(m, np.array([0, 1]), m, np.array([1, 2]))]
    [[0, 1], [1, 2]]
    """
    if not len(a):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    mats = []
    for m in (left, right):
        m = sp.csr_array(m)
        if not m.has_sorted_indices:
            m = m.copy()
            m.sort_indices()
        mats.append(m)
    k = mats[0].shape[1]
    ptr = [m.indptr.astype(np.int64) for m in mats]
    deg = [np.diff(p) for p in ptr]
    keys = [np.repeat(np.arange(m.shape[0], dtype=np.int64), d) * k + m.indices
            for m, d in zip(mats, deg, strict=True)]
    a, b = a.astype(np.int64), b.astype(np.int64)
    swap = deg[0][a] > deg[1][b]  # walk right[b], look up in left[a]
    out_pair, out_col = [], []
    for walk_right in (False, True):
        sel = np.flatnonzero(swap == walk_right)
        if not len(sel):
            continue
        w, o = (1, 0) if walk_right else (0, 1)
        walk_rows, other_rows = (b[sel], a[sel]) if walk_right else (a[sel], b[sel])
        sizes = deg[w][walk_rows]
        pair = np.repeat(sel, sizes)
        offset = np.arange(len(pair)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        col = mats[w].indices[np.repeat(ptr[w][walk_rows], sizes) + offset].astype(np.int64)
        query = np.repeat(other_rows, sizes) * k + col
        if not len(keys[o]):
            continue
        pos = np.minimum(np.searchsorted(keys[o], query), len(keys[o]) - 1)
        hit = keys[o][pos] == query
        out_pair.append(pair[hit])
        out_col.append(col[hit])
    if not out_pair:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    pair, col = np.concatenate(out_pair), np.concatenate(out_col)
    order = np.lexsort((col, pair))
    return pair[order], col[order]


def _shared_partners(
    undirected: sp.csr_array, a: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(pair number, shared partner) of every shared partner of each pair, sorted."""
    return _row_meet(undirected, a, undirected, b)


def _pair_details(
    view: tuple[np.ndarray, np.ndarray],
    aa: np.ndarray,
    ra: np.ndarray,
    park: np.ndarray,
    n_pairs: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(Adamic–Adar, resource allocation, shared partners, shared parks) per pair."""
    row, col = view
    return (
        np.bincount(row, weights=aa[col], minlength=n_pairs),
        np.bincount(row, weights=ra[col], minlength=n_pairs),
        np.bincount(row, minlength=n_pairs).astype(np.int64),
        np.bincount(row[park[col]], minlength=n_pairs).astype(np.int64),
    )


def _joined_names(
    row: np.ndarray,
    col: np.ndarray,
    keys: tuple[np.ndarray, ...],
    names: np.ndarray,
    n_rows: int,
    limit: int,
) -> np.ndarray:
    """Per row, its first ``limit`` column names ordered by ``keys`` (last key first),
    joined with ", " ("" for rows without columns); one vectorised pass per position.

    >>> _joined_names(np.array([0, 0, 1]), np.array([2, 1, 0]), (np.array([0, 1, 2]),),
    ...               np.array(["a", "b", "c"], dtype=object), 3, 5).tolist()
    ['b, c', 'a', '']
    """
    out = np.full(n_rows, "", dtype=object)
    if not len(row):
        return out
    order = np.lexsort((*(k[col] for k in keys), row))
    row, col = row[order], col[order]
    nth = np.arange(len(row)) - np.searchsorted(row, row)
    for k in range(min(limit, int(nth.max()) + 1)):
        at = nth == k
        r = row[at]
        out[r] = names[col[at]] if k == 0 else out[r] + ", " + names[col[at]]
    return out


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
    hit, v = _row_meet(holders_t, mid, backed_t, x[expand])  # ventures of both m and x
    if not len(hit):
        return text_out, path_out
    middle = _first_per_row(expand[hit], mid[hit], rank, len(e))
    chosen = mid[hit] == middle[expand[hit]]
    ok = chosen & (v != e[expand[hit]])
    venture = _first_per_row(expand[hit][ok], v[ok], rank, len(e))
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


def _first_per_row(row: np.ndarray, col: np.ndarray, rank: np.ndarray, n_rows: int) -> np.ndarray:
    """Per row, the column with the lowest id rank (-1 for rows with none)."""
    out = np.full(n_rows, -1, dtype=np.int64)
    if not len(row):
        return out
    order = np.lexsort((rank[col], row))
    row, col = row[order], col[order]
    first = np.concatenate([[True], row[1:] != row[:-1]])
    out[row[first]] = col[first]
    return out


# --------------------------------------------------------------------------- missing links

#: Most shared-partner paths one sparse product may expand before hubs are set aside.
_PATH_BUDGET = 30_000_000
#: The same for missing_links, lower: its hub-only pairs are found by a small second product.
_LINK_PATH_BUDGET = 3_000_000


def _role_signature(adjacency: TypedAdjacency) -> tuple[np.ndarray, np.ndarray]:
    """Per actor: bit mask of the venture roles its types allow, and of the relations."""
    roles = np.zeros(adjacency.n, dtype=np.int64)
    for k, role in enumerate(ROLES):
        roles |= adjacency.has_any_type(ROLE_TYPES[role]).astype(np.int64) << k
    bits = 1 << np.arange(len(adjacency.type_names))
    return roles, adjacency.membership.astype(np.int64) @ bits


def _relations_for(types_mask: int, type_names: list[str], role_mask: int) -> tuple[str, str]:
    from ecox.graph.schema import SCHEMA

    types = [t for k, t in enumerate(type_names) if types_mask >> k & 1]
    roles = [r for k, r in enumerate(ROLES) if role_mask >> k & 1]
    rels: list[str] = []
    for role in roles:
        for rel in ROLE_RELATIONS[role]:
            if rel not in rels and SCHEMA.allows(rel, types, ["Enterprise"]):
                rels.append(rel)
    return "|".join(roles), "|".join(rels)


def missing_links(graph: GraphInput, *, top: int = 20, as_of: str | None = None) -> pd.DataFrame:
    """The best-supported absent ties between an actor and an enterprise it could join.

    A pair is an actor ``x`` whose types allow a venture role (scientist or
    institute, entrepreneur, investor, fund or bank) and an enterprise ``e``,
    not tied yet, with at least one shared partner. Pairs are ranked by
    Adamic–Adar over all shared partners, then resource allocation, then ids.

    Exact at any size: actors and enterprises whose Adamic–Adar sum over
    their own partners is below the ``top``-th score of some seeded real pairs
    are left out; when the shared-partner paths still exceed a budget, the
    partners with the most paths (big parks, banks) are first left out of the
    product, the pairs they could lift into the top are scored exactly, and
    pairs tied through those hubs alone are added from a product restricted
    to the ends whose hub sum reaches the current ``top``-th score.

    Parameters
    ----------
    graph
        A claim, analysis or networkx graph.
    top
        Number of pairs.
    as_of
        Only ties known by this date.

    Returns
    -------
    pandas.DataFrame
        :data:`LINK_COLUMNS`: ``source`` is the actor, ``target`` the
        enterprise, ``role`` the role(s) it could take and ``relation`` the
        tie(s) that would make it so.

    Examples
    --------
    >>> from ecox.graph.synthetic import synthetic_analysis_graph
    >>> links = missing_links(synthetic_analysis_graph(2_000, seed=2), top=5)
    >>> len(links), bool(links["adamic_adar"].is_monotonic_decreasing)
    (5, True)
    """
    ag = analysis_of(graph, as_of=as_of)
    adjacency = ag.adjacency
    undirected = sp.csr_array(adjacency.undirected().astype(np.int64))
    deg, aa, ra = link_weights(undirected)
    roles, types_mask = _role_signature(adjacency)
    rows = roles > 0
    cols = adjacency.has_type("Enterprise")
    rank_of = _rank_ids(adjacency)
    names = ag.actors["name"].astype(object).to_numpy()
    ids = adjacency.ids

    tied = sp.csr_array(undirected.astype(bool))

    def scored(
        middles: np.ndarray | None, only: tuple[np.ndarray, np.ndarray] | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        r, c = (rows, cols) if only is None else only
        scores = _pair_scores(undirected, r, c, aa, ra, middles)
        scores = sp.csr_array(scores - scores.multiply(tied))  # already tied: not missing
        x, e, s = _entries(scores)
        keep = (x != e) & (s != 0)
        return x[keep], e[keep], s[keep]

    # a pair scores at most the Adamic–Adar sum over either end's partners: actors whose
    # sum is below the top-th score of some real pairs cannot reach the top
    reach_aa = undirected @ aa
    floor = _links_floor(undirected, aa, ra, rows, cols, tied, reach_aa, deg, top)
    rows = rows & (reach_aa >= floor - 1e-9)
    cols = cols & (reach_aa >= floor - 1e-9)
    paths = (undirected @ rows.astype(np.int64)) * (undirected @ cols.astype(np.int64))
    hubs = np.zeros(adjacency.n, dtype=bool)
    budget = min(_PATH_BUDGET, _LINK_PATH_BUDGET)
    if paths.sum() > budget:
        order = np.argsort(-paths, kind="stable")
        left = paths.sum() - np.cumsum(paths[order])
        cut = int(np.searchsorted(-left, -budget))  # first k with left <= budget
        hubs[order[: cut + 1]] = True
    x, e, low = scored(~hubs if hubs.any() else None)
    if hubs.any():
        # exact scores only for pairs the hubs could lift into the top
        hub_reach = undirected @ (aa * hubs)
        real = low.real
        kth = np.partition(real, len(real) - top)[len(real) - top] if len(real) >= top else -np.inf
        hopeful = real + np.minimum(hub_reach[x], hub_reach[e]) >= max(kth, floor) - 1e-9
        x, e = x[hopeful], e[hopeful]
        exact = _exact_scores(undirected, aa, ra, x, e)[0]
        result = _top_pairs(x, e, exact, rank_of, top)
        tau = exact.real[result][-1] if len(result) == top else -np.inf
        # pairs tied through hubs alone score at most min(hub_reach) of their ends
        r2 = rows & (hub_reach >= tau - 1e-9)
        c2 = cols & (hub_reach >= tau - 1e-9)
        if r2.any() and c2.any():
            _LOG.debug("missing_links: hub-only pairs of %d × %d", int(r2.sum()), int(c2.sum()))
            hx, he, _ = scored(hubs, (r2, c2))
            n = adjacency.n
            new = ~np.isin(hx * n + he, x * n + e)
            if new.any():
                x, e = np.concatenate([x, hx[new]]), np.concatenate([e, he[new]])
                more = _exact_scores(undirected, aa, ra, hx[new], he[new])[0]
                exact = np.concatenate([exact, more])
                result = _top_pairs(x, e, exact, rank_of, top)
    else:
        result = _top_pairs(x, e, low, rank_of, top)
    x, e = x[result], e[result]
    score, common = _exact_scores(undirected, aa, ra, x, e)
    shared = _shared_names(undirected, deg, rank_of, e, x, names)
    labels = [
        _relations_for(int(t), adjacency.type_names, int(r))
        for t, r in zip(types_mask[x], roles[x], strict=True)
    ]
    reasons, via = [], []
    for k in range(len(x)):
        xn, en = str(names[x[k]]), str(names[e[k]])
        n_common = round(float(common[k].real))
        listed = ", ".join(shared[k]) + (", …" if n_common > len(shared[k]) else "")
        word = "partner" if n_common == 1 else "partners"
        role = labels[k][0]
        reasons.append(
            f"{xn} and {en} are not tied but share {n_common} {word}: {listed}; "
            f"{xn} could join it as {role.replace('|', ' or ')}"
        )
        via.append(f"{xn} — {shared[k][0]} — {en}" if shared[k] else "")
    return pd.DataFrame(
        {
            "source": ids[x],
            "target": ids[e],
            "source_name": names[x],
            "target_name": names[e],
            "source_type": np.array(adjacency.type_names, dtype=object)[adjacency.primary[x]],
            "role": [lab[0] for lab in labels],
            "relation": [lab[1] for lab in labels],
            "score": score.real,
            "common": np.rint(common.real).astype(np.int64),
            "adamic_adar": score.real,
            "resource_allocation": score.imag,
            "via": via,
            "reason": reasons,
        },
        columns=list(LINK_COLUMNS),
    )


#: Actors scored first (against every enterprise) to find a floor for missing_links' top.
_FLOOR_SEEDS = 2_000
#: Largest degree of a seed actor: hubs make the seed product expensive.
_FLOOR_SEED_DEGREE = 64


def _links_floor(
    undirected: sp.csr_array,
    aa: np.ndarray,
    ra: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    tied: sp.csr_array,
    reach_aa: np.ndarray,
    deg: np.ndarray,
    top: int,
) -> float:
    """A lower bound of the ``top``-th best missing-link score (-inf when unsure).

    Scores the non-hub actors with the largest Adamic–Adar sums against every
    enterprise; the ``top``-th best of those real pairs can only be beaten, so
    any actor or enterprise whose own sum is below it is out of the top.
    """
    if top <= 0:
        return -np.inf
    light = np.flatnonzero(rows & (deg <= _FLOOR_SEED_DEGREE))
    if len(light) <= _FLOOR_SEEDS:
        return -np.inf  # small graph: the bound would not save anything
    seeds = np.zeros(len(rows), dtype=bool)
    seeds[light[np.argsort(-reach_aa[light], kind="stable")[:_FLOOR_SEEDS]]] = True
    scores = _pair_scores(undirected, seeds, cols, aa, ra)
    scores = sp.csr_array(scores - scores.multiply(tied))
    x, e, v = _entries(scores)
    real = v.real[(x != e) & (v != 0)]
    if len(real) < top:
        return -np.inf
    return float(np.partition(real, len(real) - top)[len(real) - top])


def _exact_scores(
    undirected: sp.csr_array, aa: np.ndarray, ra: np.ndarray, x: np.ndarray, e: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(aa + i·ra, count) over all shared partners of each pair, by row gathers."""
    if not len(x):
        return np.zeros(0, complex), np.zeros(0, complex)
    scores = np.zeros(len(x), dtype=np.complex128)
    counts = np.zeros(len(x), dtype=np.complex128)
    step = 2_000_000
    for start in range(0, len(x), step):
        both = sp.csr_array(
            undirected[x[start : start + step]].multiply(undirected[e[start : start + step]])
        )
        row, col, _ = _entries(both)
        scores[start : start + step] = np.bincount(
            row, weights=aa[col], minlength=both.shape[0]
        ) + 1j * np.bincount(row, weights=ra[col], minlength=both.shape[0])
        counts[start : start + step] = np.bincount(row, minlength=both.shape[0])
    return scores, counts


def _top_pairs(
    x: np.ndarray, e: np.ndarray, score: np.ndarray, rank: np.ndarray, top: int
) -> np.ndarray:
    """Positions of the ``top`` best pairs: score, then resource allocation, then ids."""
    real = np.round(score.real, 12)
    if len(real) > top > 0:
        floor = np.partition(real, len(real) - top)[len(real) - top]
        pool = np.flatnonzero(real >= floor)  # every pair tied with the k-th stays in
    else:
        pool = np.arange(len(real))
    order = np.lexsort((rank[e[pool]], rank[x[pool]], -np.round(score.imag[pool], 12), -real[pool]))
    return pool[order[:top]]


# --------------------------------------------------------------------------- under-connected


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
        a Park with no tie to a bank, investor or fund.

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
        :data:`UNDER_COLUMNS` (``degree``: distinct actors it is tied to),
        sorted by gap (in the order above), then node id.

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
    ventures = Ventures.of(adjacency)
    undirected = sp.csr_array(adjacency.undirected().astype(np.int64))
    deg = np.diff(undirected.indptr)
    enterprise = ventures.enterprise
    frames = []

    def add(mask: np.ndarray, gap: str, reasons: list[str] | str) -> None:
        where = np.flatnonzero(mask)
        frames.append(
            pd.DataFrame(
                {
                    "_i": where,
                    "gap": gap,
                    "reason": reasons if isinstance(reasons, list) else [reasons] * len(where),
                }
            )
        )

    no_capital = enterprise & (ventures.counts("investor") == 0)
    add(
        no_capital,
        "no_capital",
        [
            f"no investor, fund or bank has invested in or lent to it ({d} other ties)"
            for d in deg[no_capital].tolist()
        ],
    )
    science = adjacency.has_any_type(ROLE_TYPES["scientist"])
    to_enterprise = undirected @ enterprise.astype(np.int64)
    lonely = science & (to_enterprise == 0)
    add(
        lonely,
        "no_enterprise",
        [
            f"成果躺在纸上: tied to no enterprise ({d} ties, none to a company)"
            for d in deg[lonely].tolist()
        ],
    )
    funds = adjacency.has_any_type(("Investor", "Fund"))
    located = sp.csr_array(adjacency.relation("LOCATED_IN").astype(bool).astype(np.int64))
    reach = sp.csr_array(((located + located @ located) > 0).astype(np.int64))
    invested = mask_csr(adjacency.relation("INVESTED_IN"), funds, enterprise)
    inv_x, inv_e, _ = _entries(invested)
    regional = (
        np.asarray(sp.csr_array(reach[inv_x].multiply(reach[inv_e])).sum(axis=1)).ravel() > 0
        if len(inv_x)
        else np.zeros(0, bool)
    )
    has_region = np.diff(reach.indptr) > 0
    counts_any = np.bincount(inv_x, minlength=adjacency.n)
    counts_regional = np.bincount(inv_x[regional], minlength=adjacency.n)
    gap = funds & np.where(has_region, counts_regional == 0, counts_any == 0)
    names = ag.actors["name"].astype(object).to_numpy()
    region_names = _region_names(reach, names)
    add(
        gap,
        "no_regional_investment",
        [
            (
                f"invests in no enterprise of its region ({region_names[i]})"
                + (f"; {counts_any[i]} investments elsewhere" if counts_any[i] else "")
            )
            if has_region[i]
            else "has invested in no enterprise (region unknown)"
            for i in np.flatnonzero(gap).tolist()
        ],
    )
    parks = adjacency.has_type("Park")
    finance = adjacency.has_any_type(("Bank", "Investor", "Fund"))
    unfinanced = parks & ((undirected @ finance.astype(np.int64)) == 0)
    add(
        unfinanced,
        "no_finance",
        [f"no bank, investor or fund is tied to it ({d} ties)" for d in deg[unfinanced].tolist()],
    )
    out = pd.concat(frames, ignore_index=True)
    out = out[~reported_fills(ag, adjacency.ids[out["_i"].to_numpy()], out["gap"])]
    out["_g"] = out["gap"].map({g: k for k, g in enumerate(_GAP_ORDER)})
    out["_r"] = _rank_ids(adjacency)[out["_i"].to_numpy()]
    out = out.sort_values(["_g", "_r"], ignore_index=True)
    idx = out["_i"].to_numpy()
    result = pd.DataFrame(
        {
            "node": adjacency.ids[idx],
            "type": np.array(adjacency.type_names, dtype=object)[adjacency.primary[idx]],
            "name": names[idx],
            "gap": out["gap"].to_numpy(dtype=object),
            "degree": deg[idx].astype(np.int64),
            "reason": out["reason"].to_numpy(dtype=object),
        },
        columns=list(UNDER_COLUMNS),
    )
    return result


def _region_names(reach: sp.csr_array, names: np.ndarray) -> list[str]:
    out = []
    for i in range(reach.shape[0]):
        cols = reach.indices[reach.indptr[i] : reach.indptr[i + 1]]
        out.append(", ".join(sorted(str(names[c]) for c in cols[:3])) if len(cols) else "")
    return out


# --------------------------------------------------------------------------- communities


def community_holes(
    graph: GraphInput, *, seed: int = 0, top: int = 20, as_of: str | None = None
) -> pd.DataFrame:
    """Pairs of communities with far fewer ties than their sizes predict, and who spans them.

    Communities are networkx's Louvain communities [3]_ of the undirected
    graph (every relation, weight = independent sources) with ``seed``,
    labelled ``C1, C2, …`` by size (then smallest member id) and named after
    their best-connected member. For two communities with ``ties`` between
    them, ``expected = vol_a · vol_b / 2m`` (the configuration model: ``vol``
    sums degrees, ``m`` counts ties) and ``ratio = ties / expected``; pairs
    with ``ratio < 1`` are holes, the smallest ratio first. ``spanners`` names
    the actors with ties into both, most such ties first.

    Parameters
    ----------
    graph
        A claim, analysis or networkx graph.
    seed
        Louvain's random seed.
    top
        Number of community pairs.
    as_of
        Only ties known by this date.

    Returns
    -------
    pandas.DataFrame
        :data:`HOLE_COLUMNS`, sorted by ratio, then the two labels.

    Examples
    --------
    >>> from ecox.graph.synthetic import synthetic_analysis_graph
    >>> holes = community_holes(synthetic_analysis_graph(1_000, seed=1), seed=0, top=3)
    >>> len(holes), bool((holes["ratio"] < 1).all())
    (3, True)
    """
    ag = analysis_of(graph, as_of=as_of)
    adjacency = ag.adjacency
    undirected = sp.csr_array(adjacency.undirected().astype(np.int64))
    n = adjacency.n
    names = ag.actors["name"].astype(object).to_numpy()
    rank = _rank_ids(adjacency)
    nxg = nx.from_scipy_sparse_array(undirected)
    communities = nx.community.louvain_communities(nxg, seed=seed)
    deg = np.diff(undirected.indptr)
    groups = sorted(
        (sorted(c, key=lambda i: rank[i]) for c in communities),
        key=lambda c: (-len(c), rank[c[0]]),
    )
    label = np.empty(n, dtype=np.int64)
    for k, members in enumerate(groups):
        label[members] = k
    k_comm = len(groups)
    member = sp.csr_array((np.ones(n), (np.arange(n), label)), shape=(n, k_comm))
    between = sp.csr_array(member.T @ undirected.astype(float) @ member).toarray()
    vol = np.bincount(label, weights=deg, minlength=k_comm)
    two_m = max(float(deg.sum()), 1.0)
    head = [max(members, key=lambda i: (deg[i], -rank[i])) for members in groups]
    rows = []
    upper = np.triu_indices(k_comm, 1)
    for a, b in zip(upper[0].tolist(), upper[1].tolist(), strict=True):
        ties = int(between[a, b])
        if ties == 0:
            continue
        expected = vol[a] * vol[b] / two_m
        ratio = ties / expected if expected else math.inf
        if ratio < 1:
            rows.append((int(a), int(b), ties, float(expected), float(ratio)))
    rows.sort(key=lambda r: (round(r[4], 12), r[0], r[1]))
    rows = rows[:top]
    out = []
    touches = sp.csr_array(undirected @ member)  # actor × community: ties into it
    for a, b, ties, expected, ratio in rows:
        ta, tb = touches[:, [a]].toarray().ravel(), touches[:, [b]].toarray().ravel()
        spanning = np.flatnonzero(((label == a) & (tb > 0)) | ((label == b) & (ta > 0)))
        span = sorted(
            spanning.tolist(), key=lambda i: (-(ta[i] if label[i] == b else tb[i]), rank[i])
        )
        spanners = ", ".join(str(names[i]) for i in span[:5])
        name_a, name_b = str(names[head[a]]), str(names[head[b]])
        out.append(
            {
                "community_a": f"C{a + 1} ({name_a})",
                "community_b": f"C{b + 1} ({name_b})",
                "size_a": len(groups[a]),
                "size_b": len(groups[b]),
                "ties": ties,
                "expected": expected,
                "ratio": ratio,
                "spanners": spanners,
                "reason": (
                    f"the {len(groups[a])} actors around {name_a} and the {len(groups[b])} around "
                    f"{name_b} have {ties} tie{'s' if ties != 1 else ''} where {expected:.1f} "
                    f"would be typical; bridged by {spanners}"
                ),
            }
        )
    return pd.DataFrame(out, columns=list(HOLE_COLUMNS))
