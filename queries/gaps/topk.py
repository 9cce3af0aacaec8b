"""Each row's best entries of a sparse score matrix, without sorting the whole pair list.

:func:`row_top` keeps, per row of a CSR matrix, its ``k`` largest entries
(ties broken by a column rank), in time linear in the entries: the pair lists
of the gap queries reach tens of millions of entries at 1M actors, most rows
hold a few, a hub's neighbours hold thousands, and their scores tie massively
(every candidate reached through one partner scores that partner's weight).

Examples
--------
>>> m = sp.csr_array(np.array([[1.0, 3.0, 3.0, 2.0], [0.0, 0.0, 0.0, 0.5]]))
>>> [v.tolist() for v in row_top(m, 1)]
[[0, 1], [1, 3], [3.0, 0.5]]
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = ["kth_largest", "kth_per_row", "row_top"]

#: Entries per row that :func:`_kth_largest` and :func:`_lowest` rank as one padded block
#: (sorted side by side); longer rows are first cut down by the bound this many give.
BLOCK = 64


def row_top(
    matrix: sp.csr_array,
    top: int,
    extra: np.ndarray | None = None,
    rank: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, value) of each row's ``top`` + ``extra[row]`` best entries: value
    descending, then ``rank[column]`` ascending (the column itself without ``rank``);
    a row with fewer keeps all. Sorted by row; within a row in matrix order.

    Removing any ``extra[row]`` entries of a row afterwards leaves its true ``top``
    (the order is strict). The value threshold per row is found by padded block
    sorts and a few passes of row maxima, the ties at it are cut by rank the same
    way: linear in the entries, whatever the row lengths.

    >>> m = sp.csr_array(np.array([[1.0, 3.0, 3.0, 2.0], [5.0, 0, 5.0, 0], [0, 0, 0, 0.5]]))
    >>> [v.tolist() for v in row_top(m, 1)]
    [[0, 1, 2], [1, 0, 3], [3.0, 5.0, 0.5]]
    >>> row_top(m, 1, np.array([2, 0, 0]))[1].tolist()  # row 0: its three best
    [1, 2, 3, 0, 3]
    >>> row_top(m, 1, rank=np.array([3, 2, 1, 0]))[1].tolist()  # ties to the lower rank
    [2, 2, 3]
    """
    size = np.diff(matrix.indptr).astype(np.int64)
    want = np.full(len(size), top, dtype=np.int64) if extra is None else top + extra
    rows = np.repeat(np.arange(len(size), dtype=np.int64), size)
    cols, data = matrix.indices.astype(np.int64), matrix.data
    over = size > want
    if not over.any():
        return rows, cols, data
    threshold = np.full(len(size), -np.inf)
    sel = np.flatnonzero(over[rows])
    threshold[over] = _kth_largest(size[over], data[sel], want[over])
    kept = np.flatnonzero(data >= threshold[rows])
    rows, cols, data = rows[kept], cols[kept], data[kept]
    above = data > threshold[rows]
    room = want - np.bincount(rows[above], minlength=len(size))
    tied = np.flatnonzero(~above)  # only rows over `want` have entries at their threshold
    ties = np.bincount(rows[tied], minlength=len(size))
    cut = ties > room
    if cut.any():
        tied = tied[cut[rows[tied]]]
        order = cols[tied] if rank is None else rank[cols[tied]]
        drop = tied[~_lowest(ties[cut], order, room[cut])]
        keep = np.ones(len(rows), dtype=bool)
        keep[drop] = False
        rows, cols, data = rows[keep], cols[keep], data[keep]
    return rows, cols, data


def kth_largest(values: np.ndarray, k: int) -> float:
    """The ``k``-th largest of ``values`` counting ties (-inf when there are fewer).

    ``np.partition`` slows down badly on the massive ties of link scores; here a
    strided sample's ``k``-th largest bounds it from below (a subset's never
    exceeds the whole's), and only the values above that bound are ranked.

    >>> kth_largest(np.array([1.0, 3.0, 3.0, 2.0]), 2), kth_largest(np.array([1.0]), 2)
    (3.0, -inf)
    """
    if k <= 0 or len(values) < k:
        return -np.inf
    sample = values[:: max(1, len(values) // _SAMPLE)]
    bound = np.partition(sample, len(sample) - k)[len(sample) - k] if len(sample) >= k else -np.inf
    left = values[values >= bound]
    if len(left) == k:
        return float(left.min())
    return float(_kth_largest(np.array([len(left)]), left, np.array([k]))[0])


#: Values :func:`kth_largest` samples for its bound.
_SAMPLE = 4096


def kth_per_row(row: np.ndarray, values: np.ndarray, k: int, n_rows: int) -> np.ndarray:
    """Per row, its ``k``-th largest value counting ties (-inf for rows with fewer);
    ``row`` (of each value) must be sorted.

    >>> kth_per_row(np.array([0, 0, 0, 2]), np.array([3.0, 1.0, 3.0, 2.0]), 2, 3).tolist()
    [3.0, -inf, -inf]
    """
    size = np.bincount(row, minlength=n_rows)
    out = np.full(n_rows, -np.inf)
    if k <= 0 or not len(row):
        return out
    held = np.flatnonzero(size > 0)
    least = np.minimum.reduceat(values, (np.cumsum(size) - size)[held])
    out[held[size[held] == k]] = least[size[held] == k]  # exactly k: the row's least
    over = size > k
    if over.any():
        out[over] = _kth_largest(size[over], values[over[row]], np.full(int(over.sum()), k))
    return out


def _padded(size: np.ndarray, values: np.ndarray, width: int, fill: float) -> np.ndarray:
    """``width`` values of each group (groups of ``size`` consecutive values), evenly spread
    over a longer group (its order may cluster alike values: a product lists one middle's
    pairs together), as the rows of a 2-D array, ``fill`` after a group's end."""
    start = np.cumsum(size) - size
    taken = np.minimum(size, width)
    at = np.repeat(np.arange(len(size)), taken)
    offset = np.arange(len(at)) - np.repeat(np.cumsum(taken) - taken, taken)
    spread = np.where(size[at] > width, offset * size[at] // width, offset)
    pad = np.full((len(size), width), fill, dtype=float)
    pad[at, offset] = values[np.repeat(start, taken) + spread]
    return pad


def _kth_largest(size: np.ndarray, values: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Per group (``size`` consecutive values each, every size > ``k``), its ``k``-th
    largest value counting ties.

    A bound first: the ``k``-th largest of :data:`BLOCK` of a group's values (its
    answer when the group is no longer); values below it cannot matter. Then the
    row maxima of what is left are taken off pass by pass until ``k`` are counted:
    at most ``k`` passes, fewer when the scores tie.

    >>> _kth_largest(np.array([4, 2]), np.array([1.0, 3.0, 3.0, 2.0, 5.0, 4.0]),
    ...              np.array([2, 1])).tolist()
    [3.0, 5.0]
    """
    width = min(BLOCK, int(size.max()))
    pad = _padded(size, values, width, -np.inf)
    pad.sort(axis=1)
    bound = pad[np.arange(len(size)), width - np.minimum(k, width)]
    bound[k > width] = -np.inf  # too few in the block to bound the k-th
    out = bound.copy()
    group = np.repeat(np.arange(len(size)), size)
    left = np.flatnonzero((size[group] > width) & (values >= bound[group]))
    group, values = group[left], values[left]
    taken = np.zeros(len(size), dtype=np.int64)
    while len(group):
        starts = np.flatnonzero(np.concatenate([[True], group[1:] != group[:-1]]))
        which = group[starts]
        best = np.maximum.reduceat(values, starts)
        at = values == np.repeat(best, np.diff(np.append(starts, len(group))))
        taken[which] += np.add.reduceat(at.astype(np.int64), starts)
        out[which] = best
        done = taken >= k
        rest = ~at & ~done[group]
        group, values = group[rest], values[rest]
    return out


def _lowest(size: np.ndarray, values: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Mask of the ``k`` lowest of each group (``size`` consecutive distinct values each).

    The ``k``-th lowest of :data:`BLOCK` of a group's values bounds it; the groups
    still longer than :data:`BLOCK` under that bound are bounded again, until every
    group fits one padded block (each round drops at least ``BLOCK - k`` values of a
    long group; for ``k`` above ``BLOCK / 2`` the groups are sorted whole instead).

    >>> _lowest(np.array([3, 2]), np.array([5, 1, 3, 7, 2]), np.array([2, 1])).tolist()
    [False, True, True, False, True]
    """
    group = np.repeat(np.arange(len(size)), size)
    if 2 * int(k.max()) > BLOCK:  # a block would not cut: rank the groups whole
        order = np.lexsort((values, group))
        nth = np.arange(len(order)) - np.repeat(np.cumsum(size) - size, size)
        mask = np.zeros(len(values), dtype=bool)
        mask[order[nth < k[group[order]]]] = True
        return mask
    left = np.arange(len(values))
    while True:
        width = min(BLOCK, int(size.max()))
        whole = int(size.max()) <= width  # every group in its block: the bound is exact
        pad = _padded(size, values[left].astype(float), width, np.inf)
        pad.sort(axis=1)
        bound = pad[np.arange(len(size)), np.minimum(k, width) - 1]
        left = left[values[left] <= bound[group[left]]]
        if whole:
            break
        size = np.bincount(group[left], minlength=len(size))
    mask = np.zeros(len(values), dtype=bool)
    mask[left] = True
    return mask
