"""Expected Gould–Fernandez brokerage under sna's null model (a Bernoulli graph).

The expectations and standard deviations ``sna::brokerage`` reports: per
broker (``exp.nli``, ``sd.nli``) and for the whole graph (``exp.gli``,
``sd.gli``), from the density ``d = arcs / (N (N − 1))``, the number of nodes
and the group sizes alone. :func:`queries.brokerage.brokerage_zscores` and
:func:`queries.brokerage.brokerage_global` divide the observed counts by them.

The references are those of :mod:`queries.brokerage` (Gould and Fernandez
1989; Butts 2008, R package ``sna``).

Examples
--------
>>> exp, sd = brokerage_global_moments(["x", "y", "y"], 2)
>>> exp.shape, sd.shape
((6,), (6,))
"""

from __future__ import annotations

__all__ = ["brokerage_global_moments", "brokerage_moments"]

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def _first_appearance(groups: npt.ArrayLike) -> tuple[IntArray, FloatArray]:
    """Group index of each node and group sizes, groups in order of first appearance."""
    labels = np.asarray(groups)
    if labels.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    _, first, codes, sizes = np.unique(
        labels, return_index=True, return_inverse=True, return_counts=True
    )
    order = np.argsort(first, kind="stable")
    remap = np.empty(len(order), dtype=np.int64)
    remap[order] = np.arange(len(order))
    return remap[codes.reshape(-1)], sizes[order].astype(np.float64)


def _choose2(x: FloatArray) -> FloatArray:
    return np.where(x >= 2, x * (x - 1) / 2, 0.0)


def _density(n_nodes: int, n_arcs: int) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.float64(n_arcs) / (np.float64(n_nodes) * (n_nodes - 1)))


def brokerage_moments(groups: npt.ArrayLike, n_arcs: int) -> tuple[FloatArray, FloatArray]:
    """Expected brokerage counts and their standard deviations, as sna computes them.

    sna's null model is a Bernoulli graph with the observed density
    ``d = n_arcs / (N (N - 1))``; expectations depend only on ``d``, ``N`` and
    the size of the broker's group (``exp.nli`` and ``sd.nli`` of
    ``sna::brokerage``).

    Parameters
    ----------
    groups : array_like, shape (N,)
        Group label of each node.
    n_arcs : int
        Number of arcs (an undirected edge counts twice; no self-loops).

    Returns
    -------
    expected, sd : numpy.ndarray
        ``N × 6`` float arrays, columns in :data:`ROLES` order then total.

    Examples
    --------
    >>> exp, sd = brokerage_moments(["x", "x", "y", "y"], 6)
    >>> round(float(exp[0, 5]), 4)  # d = 0.5: 0.5**2 * 0.5 * 3 * 2
    0.75
    """
    codes, n = _first_appearance(groups)
    n_nodes = len(codes)
    big_n = np.float64(n_nodes)
    d = _density(n_nodes, n_arcs)
    q = d**2 * (1 - d)
    d3 = d**3 * (1 - d) ** 3
    s2 = np.sum(n * (n - 1))
    s3 = np.sum(n * (n - 1) * (n - 2))
    s_sq = np.sum(n**2)
    ebr = np.empty((len(n), 6))
    vbr = np.empty((len(n), 6))
    ebr[:, 0] = q * (n - 1) * (n - 2)
    vbr[:, 0] = ebr[:, 0] * (1 - q) + 2 * (n - 1) * (n - 2) * (n - 3) * d3
    ebr[:, 1] = q * (s2 - n * (n - 1))
    vbr[:, 1] = ebr[:, 1] * (1 - q) + 2 * (s3 - n * (n - 1) * (n - 2)) * d3
    ebr[:, 2] = q * (big_n - n) * (n - 1)
    vbr[:, 2] = ebr[:, 2] * (1 - q) + 2 * (
        (n - 1) * _choose2(big_n - n) + (big_n - n) * _choose2(n - 1)
    ) * d3
    ebr[:, 3] = ebr[:, 2]
    vbr[:, 3] = vbr[:, 2]
    ebr[:, 4] = q * ((big_n - n) ** 2 - (s_sq - n**2))
    # sum over the other groups j of n_j * choose(N - n_j - n_i, 2)
    pair = n[None, :] * _choose2(big_n - n[None, :] - n[:, None]) * d3
    np.fill_diagonal(pair, 0.0)
    vbr[:, 4] = ebr[:, 4] * (1 - q) + 4 * pair.sum(axis=1)
    ebr[:, 5] = q * (big_n - 1) * (big_n - 2)
    vbr[:, 5] = ebr[:, 5] * (1 - q) + 2 * (big_n - 1) * (big_n - 2) * (big_n - 3) * d3
    with np.errstate(invalid="ignore"):
        sd = np.sqrt(vbr)
    return ebr[codes], sd[codes]


def brokerage_global_moments(
    groups: npt.ArrayLike, n_arcs: int
) -> tuple[FloatArray, FloatArray]:
    """Expected whole-graph brokerage totals and their standard deviations.

    These are ``exp.gli`` and ``sd.gli`` of ``sna::brokerage``.

    Parameters
    ----------
    groups : array_like, shape (N,)
        Group label of each node.
    n_arcs : int
        Number of arcs (an undirected edge counts twice; no self-loops).

    Returns
    -------
    expected, sd : numpy.ndarray
        Six floats each, :data:`ROLES` order then total. A negative variance
        (possible in sna's liaison formula) gives ``nan``, as in R.

    Examples
    --------
    >>> exp, sd = brokerage_global_moments(["x", "x", "y", "y"], 6)
    >>> round(float(exp[5]), 4)  # 0.5**2 * 0.5 * 4 * 3 * 2
    3.0
    """
    _, n = _first_appearance(groups)
    big_n = np.float64(len(np.asarray(groups)))
    d = _density(int(big_n), n_arcs)
    q = d**2 * (1 - d)
    d3 = d**3 * (1 - d) ** 3
    d4 = d**4 * (1 - d) ** 2
    d5 = d**5 * (1 - d)
    e = np.empty(6)
    v = np.empty(6)
    e[0] = q * np.sum(n * (n - 1) * (n - 2))
    v[0] = e[0] * (1 - q) + np.sum(
        n * (n - 1) * (n - 2) * (((4 * n - 10) * d3) - (4 * (n - 3) * d4) + ((n - 3) * d5))
    )
    e[1] = q * np.sum(n * (big_n - n) * (n - 1))
    x, y = n[:, None], n[None, :]
    outer = x * y * (x - 1) * (((2 * x + 2 * y - 6) * d3) + ((big_n - x - 1) * d5))
    v[1] = e[1] * (1 - q) + (
        np.sum(outer) - np.sum(n * n * (n - 1) * (((4 * n - 6) * d3) + ((big_n - n - 1) * d5)))
    )
    e[2] = q * np.sum(n * (big_n - n) * (n - 1))
    v[2] = e[2] * (1 - q) + np.sum(
        n * (big_n - n) * (n - 1) * (((big_n - 3) * d3) + ((n - 2) * d5))
    )
    e[3] = e[2]
    v[3] = v[2]
    e[4] = q * (np.sum(x * y * (big_n - x - y)) - np.sum(n * n * (big_n - 2 * n)))
    v[4] = e[4] * (1 - q)
    ni, nj, nk = n[:, None, None], n[None, :, None], n[None, None, :]
    k = len(n)
    idx = np.arange(k)
    distinct = (
        (idx[:, None, None] != idx[None, :, None])
        & (idx[None, :, None] != idx[None, None, :])
        & (idx[:, None, None] != idx[None, None, :])
    )
    triple = (
        ni
        * nj
        * nk
        * (
            (4 * (big_n - nj) - 2 * (ni + nk + 1)) * d3
            - (4 * (big_n - nk) - 2 * (ni + nj + 1)) * d4
            + (big_n - (ni + nk + 1)) * d5
        )
    )
    v[4] += np.sum(np.where(distinct, triple, 0.0))
    e[5] = q * big_n * (big_n - 1) * (big_n - 2)
    v[5] = e[5] * (1 - q) + big_n * (big_n - 1) * (big_n - 2) * (
        ((4 * big_n - 10) * d3) - (4 * (big_n - 3) * d4) + ((big_n - 3) * d5)
    )
    with np.errstate(invalid="ignore"):
        sd = np.sqrt(v)
    return e, sd
