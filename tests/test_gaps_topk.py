"""Per-row top-k of sparse score matrices (queries/gaps/topk.py) against a full sort."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import ecox.queries.gaps.topk as topk
from ecox.graph.synthetic import synthetic_analysis_graph
from ecox.queries.gaps import fill_candidates
from ecox.queries.gaps.fill import _row_blocks as _blocks


def _scores(seed: int) -> sp.csr_array:
    """Rows of 0 to 600 entries whose values tie a lot (a tenth of a unit apart)."""
    rng = np.random.default_rng(seed)
    size = rng.choice([0, 1, 3, 7, 40, 90, 600], size=300)
    rows = np.repeat(np.arange(300), size)
    cols = rng.integers(0, 5_000, len(rows))
    values = np.round(rng.integers(1, 12, len(rows)) * 0.1, 12)
    matrix = sp.csr_array(sp.coo_array((values, (rows, cols)), shape=(300, 5_000)))
    matrix.sum_duplicates()
    matrix.data = np.round(matrix.data, 12)
    return matrix


def _sorted_top(matrix: sp.csr_array, want: np.ndarray, rank: np.ndarray) -> set[tuple]:
    coo = matrix.tocoo()
    r, c, v = coo.row.astype(np.int64), coo.col.astype(np.int64), coo.data
    order = np.lexsort((rank[c], -v, r))
    nth = np.arange(len(order)) - np.searchsorted(r[order], r[order])
    keep = order[nth < want[r[order]]]
    return set(zip(r[keep].tolist(), c[keep].tolist(), v[keep].tolist(), strict=True))


@pytest.mark.parametrize("block", [4, 64])
@pytest.mark.parametrize("top", [1, 5, 40])
def test_row_top_equals_a_full_sort(monkeypatch, block, top):
    monkeypatch.setattr(topk, "BLOCK", block)  # 4: the long rows are bounded round after round
    rng = np.random.default_rng(top)
    for seed in range(3):
        matrix = _scores(seed)
        extra = rng.integers(0, 4, matrix.shape[0])
        rank = rng.permutation(matrix.shape[1])
        r, c, v = topk.row_top(matrix, top, extra, rank)
        assert bool(np.all(r[1:] >= r[:-1]))  # sorted by row
        got = set(zip(r.tolist(), c.tolist(), v.tolist(), strict=True))
        assert got == _sorted_top(matrix, top + extra, rank)
        r, c, v = topk.row_top(matrix, top)  # ties to the lower column
        got = set(zip(r.tolist(), c.tolist(), v.tolist(), strict=True))
        expected = _sorted_top(matrix, np.full(300, top), np.arange(matrix.shape[1]))
        assert got == expected


@pytest.mark.parametrize("k", [1, 3, 50])
def test_kth_per_row_counts_ties(monkeypatch, k):
    monkeypatch.setattr(topk, "BLOCK", 8)
    matrix = _scores(k).tocoo()
    order = np.lexsort((matrix.col, matrix.row))
    row, values = matrix.row[order].astype(np.int64), matrix.data[order]
    got = topk.kth_per_row(row, values, k, matrix.shape[0])
    for r in range(matrix.shape[0]):
        mine = np.sort(values[row == r])[::-1]
        assert got[r] == (mine[k - 1] if len(mine) >= k else -np.inf)


@pytest.mark.parametrize("heavy", [2, 40])
def test_fill_candidates_same_with_small_blocks_and_heavy_partners(monkeypatch, heavy):
    import ecox.queries.gaps.fill as fill

    graph = synthetic_analysis_graph(3_000, seed=7)
    monkeypatch.setattr(fill, "HEAVY_PARTNER", 10**9)  # every partner expanded
    whole = fill_candidates(graph, top=3)
    monkeypatch.setattr(fill, "HEAVY_PARTNER", heavy)  # most partners heavy
    monkeypatch.setattr(fill, "HEAVY_PATHS", 0)  # and split off however few their pairs
    monkeypatch.setattr(topk, "BLOCK", 4)
    pd.testing.assert_frame_equal(whole, fill_candidates(graph, top=3))


@pytest.mark.parametrize("heavy", [None, 2])
def test_fill_candidates_same_scored_in_blocks_of_rows(monkeypatch, heavy):
    import ecox.queries.gaps.fill as fill

    graph = synthetic_analysis_graph(3_000, seed=7)
    if heavy is not None:  # the candidates of one heavy partner listed apart
        monkeypatch.setattr(fill, "HEAVY_PARTNER", heavy)
        monkeypatch.setattr(fill, "HEAVY_PATHS", 0)
    whole = fill_candidates(graph, top=3)
    monkeypatch.setattr(fill, "BLOCK_PATHS", 50)
    blocks = []
    monkeypatch.setattr(fill, "_row_blocks", lambda *a: blocks.extend(r := _blocks(*a)) or r)
    pd.testing.assert_frame_equal(whole, fill_candidates(graph, top=3))
    assert len(blocks) > 20


@pytest.mark.parametrize("k", [1, 20, 5_000])
def test_kth_largest_equals_a_sort(k):
    rng = np.random.default_rng(k)
    values = np.round(rng.integers(0, 30, 200_000) * 0.1, 12)  # massive ties
    values[rng.integers(0, len(values), 50)] += rng.random(50) * 9  # a few distinct on top
    assert topk.kth_largest(values, k) == np.sort(values)[::-1][k - 1]
    assert topk.kth_largest(values[:3], 4) == -np.inf


@pytest.mark.parametrize("parts", [1, 2, 3])
def test_joined_reasons_skip_empty_parts_like_a_loop(parts: int) -> None:
    """The one-pass join of reason parts equals joining each row's non-empty parts."""
    import pyarrow as pa

    from ecox.queries.words import joined

    rng = np.random.default_rng(parts)
    words = np.array(["", "", "甲乙", "a, b", "；", "x" * 30])
    columns = [words[rng.integers(0, len(words), 500)] for _ in range(parts)]
    got = joined([pa.array(c.tolist()) for c in columns], "; ").to_pylist()
    want = ["; ".join(w for w in row if w) for row in zip(*columns, strict=True)]
    assert got == want
