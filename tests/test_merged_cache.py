"""The merged links cached beside a graph (graph/merged_cache.py): same tables, no second merge."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ecox.graph import analysis
from ecox.graph.analysis import analysis_graph, merged_links, merged_links_at
from ecox.graph.merged_cache import merged_path, minimum_claims
from ecox.graph.synthetic import synthetic_claim_graph


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ECOX_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _fresh(graph):  # type: ignore[no-untyped-def]
    return analysis_graph(graph)  # below the claim threshold: merged in place, no file


def test_cached_links_equal_the_merge_and_skip_it(cache: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    graph = synthetic_claim_graph(3_000, seed=5)
    fresh = _fresh(graph)
    assert not cache.exists()
    with minimum_claims(0):
        first = analysis_graph(graph)
        path = merged_path(graph, None)
        assert path.exists() and path.parent.name == "merged"

        def no_merge(*_args, **_kwargs):  # type: ignore[no-untyped-def]
            raise AssertionError("merged again although cached")

        monkeypatch.setattr(analysis, "merged_links_at", no_merge)
        again = analysis_graph(graph)
    for got in (first, again):
        pd.testing.assert_frame_equal(got.links, fresh.links)
        assert got.links.dtypes.tolist() == fresh.links.dtypes.tolist()
        for rel, matrix in fresh.adjacency.relations.items():
            assert (got.adjacency.relations[rel] != matrix).nnz == 0
        assert set(got.adjacency.relations) == set(fresh.adjacency.relations)


def test_ends_are_the_actor_rows_of_the_link_ids() -> None:
    graph = synthetic_claim_graph(2_000, seed=2)
    links, ends = merged_links_at(graph.claims, graph.actors["id"])
    ids = graph.actors["id"].to_numpy(dtype=object)
    assert ends is not None
    assert (ids[ends.source] == links["source"].to_numpy(dtype=object)).all()
    assert (ids[ends.target] == links["target"].to_numpy(dtype=object)).all()
    pd.testing.assert_frame_equal(links, merged_links(graph.claims))


def test_an_endpoint_outside_the_actors_gives_no_ends() -> None:
    graph = synthetic_claim_graph(500, seed=1)
    links, ends = merged_links_at(graph.claims, graph.actors["id"].iloc[1:])
    assert ends is None
    pd.testing.assert_frame_equal(links, merged_links(graph.claims))


def test_a_damaged_or_foreign_cache_file_is_merged_again(cache: Path) -> None:
    graph = synthetic_claim_graph(2_000, seed=7)
    fresh = _fresh(graph).links
    with minimum_claims(0):
        analysis_graph(graph)
        path = merged_path(graph, None)
        path.write_bytes(b"not parquet")
        pd.testing.assert_frame_equal(analysis_graph(graph).links, fresh)
        assert path.read_bytes()[:4] == b"PAR1"  # replaced by a good file
        # a file naming actor rows this graph does not have is not trusted
        stored = pd.read_parquet(path)
        stored["source_at"] = np.int32(len(graph.actors) + 5)
        stored.to_parquet(path)
        pd.testing.assert_frame_equal(analysis_graph(graph).links, fresh)


def test_each_date_has_its_own_file(cache: Path) -> None:
    graph = synthetic_claim_graph(2_000, seed=3)
    dates = pd.Series(graph.claims["date"]).dropna().sort_values()
    middle = str(dates.iloc[len(dates) // 2])
    fresh = analysis_graph(graph, as_of=middle).links
    with minimum_claims(0):
        whole = analysis_graph(graph).links
        sliced = analysis_graph(graph, as_of=middle).links
    assert merged_path(graph, None) != merged_path(graph, middle)
    assert merged_path(graph, middle).exists()
    pd.testing.assert_frame_equal(sliced, fresh)
    assert len(sliced) < len(whole)
