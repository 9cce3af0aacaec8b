"""Sparse pair scoring shared by the gap queries: link weights, shared partners, top-k pools.

Ties are read undirected over every relation; ``deg(w)`` is the number of
distinct actors tied to ``w``. For a pair ``x``, ``e``: shared partners
``N(x) ∩ N(e)``, Adamic–Adar Σ 1/log deg(w) and resource allocation Σ 1/deg(w)
(see :mod:`ecox.queries.gaps`).

Examples
--------
>>> u = sp.csr_array(np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]]))
>>> shared_partners(u, np.array([1]), np.array([2]))[1].tolist()
[0]
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ecox.graph.adjacency import TypedAdjacency, read_only
from ecox.queries.triads import mask_csr

__all__ = [
    "PATHS_PER_ELEMENT",
    "PATHS_SMALLEST_GRAPH",
    "entries",
    "exact_scores",
    "first_meeting",
    "first_per_row",
    "gathered",
    "halves",
    "heaviest",
    "keys",
    "link_weights",
    "lookup",
    "pair_details",
    "path_budget",
    "path_hubs",
    "present",
    "rank_ids",
    "row_meet",
    "row_slice",
    "shared_names",
    "shared_partners",
    "weighted_factors",
    "wide_undirected",
    "within_reach",
]


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


def entries(matrix: sp.csr_array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    matrix = sp.csr_array(matrix)
    matrix.sum_duplicates()
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    return rows, matrix.indices.astype(np.int64), matrix.data


def lookup(keys_rows: np.ndarray, keys_cols: np.ndarray, matrix: sp.csr_array) -> np.ndarray:
    """``matrix[r, c]`` for each pair (0 when absent), vectorised."""
    r, c, v = entries(matrix)
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


def rank_ids(adjacency: TypedAdjacency) -> np.ndarray:
    """Each actor's position in id order (:meth:`TypedAdjacency.id_rank`: cached, read-only)."""
    return adjacency.id_rank()


def shared_names(
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
    row, col, _ = entries(both)
    order = np.lexsort((rank[col], deg[col], row))
    row, col = row[order], col[order]
    first = np.searchsorted(row, np.arange(len(a)))
    nth = np.arange(len(row)) - first[row]
    keep = nth < limit
    out: list[list[str]] = [[] for _ in range(len(a))]
    for r, c in zip(row[keep].tolist(), col[keep].tolist(), strict=True):
        out[r].append(str(names[c]))
    return out


def weighted_factors(
    undirected: sp.csr_array,
    rows: np.ndarray,
    cols: np.ndarray,
    weight: np.ndarray,
    middles: np.ndarray | None,
    plus: tuple[sp.csr_array, sp.csr_array] | None = None,
) -> tuple[sp.csr_array, sp.csr_array]:
    """(rows × middle, middle × cols) whose product sums, per pair, ``weight[w]`` over the
    shared partners ``w`` (in ``middles``) plus ``plus[0] @ plus[1]`` on the same rows and
    columns: the partners weighted on the left, then the middles of ``plus`` side by side
    (their columns numbered after the actors'), so the sum is one product.

    >>> u = sp.csr_array(np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]]))
    >>> yes = np.ones(3, dtype=bool)
    >>> left, right = weighted_factors(u, yes, yes, np.array([2.0, 0, 0]), None)
    >>> (left @ right).toarray()[1].tolist()
    [0.0, 2.0, 2.0]
    >>> left, right = weighted_factors(u, yes, yes, np.zeros(3), None, (u, u))
    >>> left.shape, right.shape, (left @ right).toarray()[1].tolist()
    ((3, 6), (6, 3), [0.0, 1.0, 1.0])
    """
    every = np.ones_like(rows)
    left = mask_csr(undirected, rows, every if middles is None else middles)
    reached = np.zeros_like(rows)
    reached[left.indices] = True  # the right factor's other rows would meet no entry
    right = mask_csr(undirected, reached, cols)
    left = _scaled(left, weight)
    if plus is not None:
        left = sp.hstack([left, mask_csr(plus[0], rows, every).astype(float)], format="csr")
        right = sp.vstack([right, mask_csr(plus[1], every, cols)], format="csr")
    return sp.csr_array(left), sp.csr_array(right)


def _scaled(matrix: sp.csr_array, weight: np.ndarray) -> sp.csr_array:
    """``matrix @ diag(weight)`` for a 0/1 matrix, without a product: each entry becomes its
    column's weight."""
    data = matrix.data * weight[matrix.indices]
    return sp.csr_array((data, matrix.indices, matrix.indptr), shape=matrix.shape)


def path_hubs(
    undirected: sp.csr_array, rows: np.ndarray, cols: np.ndarray, per_element: int | None = None
) -> np.ndarray:
    """The partners with the most rows–cols paths, set aside until the rest fit
    :func:`path_budget`."""
    paths = (undirected @ rows.astype(np.int64)) * (undirected @ cols.astype(np.int64))
    return heaviest(paths, path_budget(undirected, per_element))


#: Shared-partner paths one sparse product may expand, per actor and per link of the graph.
#: A path costs the product at most one entry (a 4-byte index and an 8-byte value) and its
#: share of scipy's temporaries, about 16 bytes: 8 paths are ~130 bytes per actor and link.
PATHS_PER_ELEMENT = 8
#: Graphs with fewer actors + links than this are budgeted as if they had this many
#: (small graphs are never cut).
PATHS_SMALLEST_GRAPH = 500_000


def path_budget(undirected: sp.csr_array, per_element: int | None = None) -> int:
    """Most paths (or pairs) one product over ``undirected`` may expand: ``per_element``
    (default :data:`PATHS_PER_ELEMENT`) × max(actors + links, :data:`PATHS_SMALLEST_GRAPH`),
    so its memory is linear in the graph, never in a hub's squared degree.

    >>> path_budget(sp.csr_array(np.ones((3, 3))))  # a small graph: the floor
    4000000
    >>> path_budget(sp.csr_array((1_000_000, 1_000_000)), per_element=2)
    2000000
    """
    per = PATHS_PER_ELEMENT if per_element is None else per_element
    return per * max(undirected.shape[0] + undirected.nnz // 2, PATHS_SMALLEST_GRAPH)


def heaviest(paths: np.ndarray, budget: int) -> np.ndarray:
    """Mask of the middles with the most ``paths``, taken until the others sum to ``budget``
    at most (none when all fit).

    >>> heaviest(np.array([5, 1, 9, 2]), 8).tolist()  # 17 paths; without the 9: 8
    [False, False, True, False]
    >>> heaviest(np.array([5, 1, 9, 2]), 7).tolist()
    [True, False, True, False]
    """
    hubs = np.zeros(len(paths), dtype=bool)
    if paths.sum() > budget:
        order = np.argsort(-paths, kind="stable")
        left = paths.sum() - np.cumsum(paths[order])
        hubs[order[: int(np.searchsorted(-left, -budget)) + 1]] = True
    return hubs


def keys(matrix: sp.csr_array, n: np.int64) -> np.ndarray:
    """``row * n + col`` of every entry (sorted when ``matrix`` is canonical)."""
    rows = np.repeat(np.arange(matrix.shape[0], dtype=np.int64), np.diff(matrix.indptr))
    return rows * n + matrix.indices


def present(key: np.ndarray, query: np.ndarray) -> np.ndarray:
    """Mask of the ``query`` values found in the sorted ``key`` (binary search: ``np.isin``
    hashes or sorts both sides, many times slower on tens of millions of keys).

    >>> present(np.array([2, 5, 9]), np.array([5, 1, 9, 10])).tolist()
    [True, False, True, False]
    """
    if not len(key):
        return np.zeros(len(query), dtype=bool)
    pos = np.minimum(np.searchsorted(key, query), len(key) - 1)
    return key[pos] == query


def gathered(matrix: sp.csr_array, weight: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Σ weight[w] over w in both matrix[a] and matrix[b], per pair (in chunks)."""
    out = np.zeros(len(a))
    step = 2_000_000
    for start in range(0, len(a), step):
        pair = slice(start, start + step)
        both = sp.csr_array(matrix[a[pair]].multiply(matrix[b[pair]]))
        row, col, _ = entries(both)
        out[start : start + step] = np.bincount(row, weights=weight[col], minlength=both.shape[0])
    return out


def halves(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``mask`` cut in two at its middle set entry: the lower and the upper half.

    >>> [h.tolist() for h in halves(np.array([True, False, True, True]))]
    [[True, False, False, False], [False, False, True, True]]
    """
    where = np.flatnonzero(mask)
    cut = where[len(where) // 2] if len(where) else 0
    lower = mask.copy()
    lower[cut:] = False
    return lower, mask & ~lower


def row_meet(
    left: sp.csr_array, a: np.ndarray, right: sp.csr_array, b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(pair number, column) of every column present in both ``left[a[p]]`` and ``right[b[p]]``.

    Walks the shorter of the two rows of each pair and looks its columns up
    among the other row's (binary search in the sorted keys of the rows looked
    up, gathered once: a small table stays in cache; the queries searched in
    sorted order); output is sorted by pair, then column.

    >>> m = sp.csr_array(np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1]]))
    >>> [v.tolist() for v in row_meet(m, np.array([0, 1]), m, np.array([1, 2]))]
    [[0, 1], [1, 2]]
    """
    if not len(a):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    mats = [_sorted_csr(left)]
    mats.append(mats[0] if right is left else _sorted_csr(right))
    k = np.int64(mats[0].shape[1])
    ptr = [m.indptr.astype(np.int64) for m in mats]
    deg = [np.diff(p) for p in ptr]
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
        looked, local = np.unique(other_rows, return_inverse=True)
        table = mats[o][looked]  # the rows looked up, in `looked` order
        keys = np.repeat(np.arange(len(looked), dtype=np.int64), np.diff(table.indptr)) * k
        keys += table.indices
        if not len(keys):
            continue
        query = np.repeat(local.astype(np.int64), sizes) * k + col
        pos = np.empty(len(query), dtype=np.int64)
        order = np.argsort(query)  # queries in order: each search starts where the last ended
        pos[order] = np.minimum(np.searchsorted(keys, query[order]), len(keys) - 1)
        hit = keys[pos] == query
        out_pair.append(pair[hit])
        out_col.append(col[hit])
    if not out_pair:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    pair, col = np.concatenate(out_pair), np.concatenate(out_col)
    order = np.argsort(pair * k + col, kind="stable")  # two sorted runs: merged
    return pair[order], col[order]


def _sorted_csr(matrix: sp.csr_array) -> sp.csr_array:
    """``matrix`` as CSR with sorted columns: itself when it is so (its checked flag kept:
    a check walks every entry), else a sorted copy.

    >>> m = sp.csr_array(np.eye(2))
    >>> _sorted_csr(m) is m
    True
    """
    if not isinstance(matrix, sp.csr_array):
        matrix = sp.csr_array(matrix)
    if not matrix.has_sorted_indices:
        matrix = matrix.copy()
        matrix.sort_indices()
    return matrix


def shared_partners(
    undirected: sp.csr_array, a: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(pair number, shared partner) of every shared partner of each pair, sorted."""
    return row_meet(undirected, a, undirected, b)


def pair_details(
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


def first_per_row(row: np.ndarray, col: np.ndarray, rank: np.ndarray, n_rows: int) -> np.ndarray:
    """Per row, the column with the lowest id rank (-1 for rows with none; ``rank``: each
    column's distinct rank). A running minimum per row, no sort.

    >>> first_per_row(np.array([0, 0, 2]), np.array([1, 2, 0]), np.array([2, 0, 1]), 3).tolist()
    [1, -1, 0]
    """
    out = np.full(n_rows, -1, dtype=np.int64)
    if not len(row):
        return out
    ranks = rank[col]
    lowest = np.full(n_rows, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(lowest, row, ranks)
    first = ranks == lowest[row]
    out[row[first]] = col[first]
    return out


def exact_scores(
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
        row, col, _ = entries(both)
        scores[start : start + step] = np.bincount(
            row, weights=aa[col], minlength=both.shape[0]
        ) + 1j * np.bincount(row, weights=ra[col], minlength=both.shape[0])
        counts[start : start + step] = np.bincount(row, minlength=both.shape[0])
    return scores, counts


def wide_undirected(adjacency: TypedAdjacency) -> sp.csr_array:
    """:meth:`TypedAdjacency.undirected` with int64 entries, the form the pair products run
    on: built once per adjacency and shared, read-only (a product writing into it raises).

    >>> import pandas as pd
    >>> actors = pd.DataFrame({"id": ["a", "b"], "types": ["Bank", "Enterprise"]})
    >>> links = pd.DataFrame({"source": ["a"], "target": ["b"], "type": ["LENT_TO"],
    ...                       "weight": [1]})
    >>> wide = wide_undirected(TypedAdjacency.from_tables(actors, links))
    >>> wide.dtype, wide.data.flags.writeable, wide.toarray().tolist()
    (dtype('int64'), False, [[0, 1], [1, 0]])
    """

    def build() -> sp.csr_array:
        ties = adjacency.undirected()  # 0/1: its index arrays are shared, not copied
        ones = np.ones(ties.nnz, dtype=np.int64)
        wide = sp.csr_array((ones, ties.indices, ties.indptr), shape=ties.shape)
        wide.has_sorted_indices = ties.has_sorted_indices
        return read_only(wide)

    return adjacency.derived(wide_undirected, build)


def partner_factors(
    undirected: sp.csr_array,
    parts: list[np.ndarray],
    cols: np.ndarray,
    weight: np.ndarray,
    middles: np.ndarray | None = None,
) -> tuple[list[sp.csr_array], sp.csr_array]:
    """Factors whose products ``lefts[k] @ right`` sum, per pair of a row in ``parts[k]``
    (a mask) and a column in ``cols``, ``weight[w]`` over their shared partners ``w`` (in
    ``middles`` only, when given); float64, with one right factor for every part.

    The left factors are 1 at (row, partner); the right one holds ``weight[w]`` at (w, col),
    for the partners the parts reach only (a few rows cost their partners' ties, not a pass
    over the whole graph).

    >>> u = sp.csr_array(np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]]))
    >>> lefts, right = partner_factors(u, [np.array([False, True, True])], np.ones(3, bool),
    ...                                np.array([2.0, 0, 0]))
    >>> (lefts[0] @ right).toarray().tolist()
    [[0.0, 0.0, 0.0], [0.0, 2.0, 2.0], [0.0, 2.0, 2.0]]
    """
    every = np.ones(undirected.shape[0], dtype=bool)
    lefts = []
    reached = np.zeros(undirected.shape[0], dtype=bool)
    for part in parts:
        left = mask_csr(undirected, part, every if middles is None else middles)
        reached[left.indices] = True
        lefts.append(_with_data(left, np.ones(left.nnz)))
    right = mask_csr(undirected, reached, cols)
    row_of = np.repeat(np.arange(right.shape[0]), np.diff(right.indptr))
    return lefts, _with_data(right, weight[row_of].astype(np.float64))


def _with_data(matrix: sp.csr_array, data: np.ndarray) -> sp.csr_array:
    """``matrix``'s pattern (indices shared, sorted as it is) with new entry values."""
    out = sp.csr_array((data, matrix.indices, matrix.indptr), shape=matrix.shape)
    out.has_sorted_indices = matrix.has_sorted_indices
    return out


def first_meeting(
    holders: sp.csr_array, backed: sp.csr_array, e: np.ndarray, x: np.ndarray, rank: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per pair (``e``, ``x``): the lowest-ranked middle ``m`` of ``e`` (a row of
    ``holders``) sharing a venture with ``x`` (a row of ``backed``), and the
    lowest-ranked such venture other than ``e`` (-1 for either when none).

    Each pair's first middle is looked at first, the rest only for the pairs it
    does not serve: most pairs meet there.

    >>> h = sp.csr_array(np.array([[0, 1, 1], [0, 1, 0]]))  # ventures × middles
    >>> b = sp.csr_array(np.array([[0, 0, 0], [1, 0, 0]]))  # ventures × candidates
    >>> [v.tolist() for v in first_meeting(h, b, np.array([0]), np.array([0]), np.arange(3))]
    [[1], [1]]
    """
    holders_t = sp.csr_array(holders.T.tocsr())  # actor → its ventures
    backed_t = sp.csr_array(backed.T.tocsr())
    held = holders[e]  # one row gather: each pair's middle candidates
    expand = np.repeat(np.arange(len(e)), np.diff(held.indptr))  # one row per (pair, middle)
    mid = held.indices.astype(np.int64)
    lowest = mid == first_per_row(expand, mid, rank, len(e))[expand]
    middle = np.full(len(e), -1, dtype=np.int64)
    venture = middle.copy()
    for stage in (lowest, ~lowest):
        sel = np.flatnonzero(stage & (middle[expand] < 0))
        hit, v = row_meet(holders_t, mid[sel], backed_t, x[expand[sel]])  # ventures of m and x
        pair, m = expand[sel][hit], mid[sel][hit]
        first = first_per_row(pair, m, rank, len(e))
        ok = (m == first[pair]) & (v != e[pair])
        found = first >= 0
        middle[found] = first[found]
        venture[found] = first_per_row(pair[ok], v[ok], rank, len(e))[found]
    return middle, venture


def row_slice(matrix: sp.csr_array, start: int, stop: int) -> sp.csr_array:
    """Rows ``start:stop`` of ``matrix``, sharing its entries (no copy)."""
    lo, hi = matrix.indptr[start], matrix.indptr[stop]
    return sp.csr_array(
        (matrix.data[lo:hi], matrix.indices[lo:hi], matrix.indptr[start : stop + 1] - lo),
        shape=(stop - start, matrix.shape[1]),
    )


def within_reach(
    scores: sp.csr_array, left: sp.csr_array, counts: np.ndarray, want: np.ndarray
) -> sp.csr_array:
    """``scores`` without the pairs that cannot be among their row's ``want`` best: a row
    tied (``left``) to a middle reaching ``want`` candidates or more (``counts``) has that
    many pairs scoring at least the tie's weight, so a pair below the heaviest such tie is
    out (scores and bound rounded alike to 12 places).

    >>> left = sp.csr_array(np.array([[0.5, 2.0]]))
    >>> s = sp.csr_array(np.array([[1.0, 2.0, 3.0, 2.5]]))
    >>> within_reach(s, left, np.array([9, 2]), np.array([2])).toarray().tolist()
    [[0.0, 2.0, 3.0, 2.5]]
    """
    per_row = np.diff(left.indptr)
    tie_row = np.repeat(np.arange(left.shape[0]), per_row)
    reach = np.where(counts[left.indices] >= want[tie_row], left.data, -np.inf)
    bound = np.full(left.shape[0], -np.inf)
    held = np.flatnonzero(per_row)
    bound[held] = np.maximum.reduceat(reach, left.indptr[held])
    keep = np.flatnonzero(scores.data >= np.repeat(np.round(bound, 12), np.diff(scores.indptr)))
    return sp.csr_array(
        (scores.data[keep], scores.indices[keep], np.searchsorted(keep, scores.indptr)),
        shape=scores.shape,
    )
