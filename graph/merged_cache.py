"""The merged links of a large claim graph, cached beside it so later commands skip the merge.

The analysis graph's link table (:func:`graph.analysis.merged_links_at`) of a graph
with at least :data:`MIN_CLAIMS` claims is stored under the one cache scheme
(:func:`graph.cache.cached_path`, kind ``merged``, keyed by the graph's content hash,
the date sliced at and :data:`FORMAT`) as a Parquet file: the ends as actor-table row
positions (their text is taken from the actor ids on reading), the other columns as
they are. Written under a temporary name, then renamed; an unreadable or inconsistent
file is merged again and replaced. Reading it at 1M actors and 5M links takes a
fraction of the merge (README, Performance).

Examples
--------
>>> import os, tempfile
>>> from ecox.graph.synthetic import synthetic_claim_graph
>>> from ecox.graph.analysis import analysis_graph
>>> os.environ["ECOX_CACHE_DIR"] = tempfile.mkdtemp()
>>> g = synthetic_claim_graph(2_000, seed=3)
>>> fresh = analysis_graph(g).links
>>> merged_path(g, None).exists()  # a small graph is merged in place, not cached
False
>>> with minimum_claims(0):
...     first, again = analysis_graph(g).links, analysis_graph(g).links
>>> merged_path(g, None).exists(), first.equals(fresh), again.equals(fresh)
(True, True, True)
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ecox.graph.cache import cached_path
from ecox.graph.deferred import DeferredTable

if TYPE_CHECKING:
    from ecox.graph.claims import ClaimGraph

__all__ = ["FORMAT", "MIN_CLAIMS", "LinkEnds", "cached_merge", "merged_path", "minimum_claims"]

_LOG = logging.getLogger(__name__)

#: Claims from which a merge is cached (below, merging costs less than hashing the graph).
MIN_CLAIMS = 50_000
#: Format of the stored links (a new one gets new cache names).
FORMAT = "merged-links-1"
#: The link columns stored as actor positions, and their text columns.
_ENDS = {"source": "source_at", "target": "target_at"}



@dataclass(frozen=True)
class LinkEnds:
    """Row positions in the actor table of each link's source and target."""

    source: np.ndarray
    target: np.ndarray


Merge = Callable[[], "tuple[pd.DataFrame, LinkEnds | None]"]


def merged_path(graph: ClaimGraph, as_of: str | None) -> Path:
    """Where the merged links of ``graph`` sliced at ``as_of`` are cached."""
    return cached_path(graph, "merged", ".parquet", salt=f"{FORMAT}|{as_of or ''}")


@contextlib.contextmanager
def minimum_claims(count: int) -> Iterator[None]:
    """Cache merges of graphs with at least ``count`` claims while the block runs."""
    global MIN_CLAIMS
    saved, MIN_CLAIMS = MIN_CLAIMS, count
    try:
        yield
    finally:
        MIN_CLAIMS = saved


def cached_merge(
    graph: ClaimGraph, as_of: str | None, merge: Merge
) -> tuple[pd.DataFrame | DeferredTable, LinkEnds | None]:
    """``merge()`` (links and their ends), read from the cache when stored (the links as a
    :class:`~graph.deferred.DeferredTable`: a column is read when first used), else run and
    stored; graphs under :data:`MIN_CLAIMS` claims are merged without the cache."""
    if graph.claim_count < MIN_CLAIMS:
        return merge()
    path = merged_path(graph, as_of)
    ids = graph.actors["id"]
    found = _read(path, ids)
    if found is not None:
        return found
    links, ends = merge()
    if ends is not None:
        _write(path, links, ends)
    return links, ends


def _read(path: Path, ids: pd.Series) -> tuple[DeferredTable, LinkEnds] | None:
    """The stored links (their columns read when first used) and ends, or None when absent,
    unreadable or not of these actors."""
    try:
        file = pq.ParquetFile(path)
        names = file.schema_arrow.names
        if not set(_ENDS.values()) <= set(names):
            return None
        stored = file.read(columns=list(_ENDS.values()))
    except FileNotFoundError:
        return None
    except (OSError, pa.ArrowException) as error:
        _LOG.warning("merged links cache %s unreadable (%s): merging again", path, error)
        return None
    ends = {}
    for column in _ENDS.values():
        at = stored.column(column).to_numpy()
        if len(at) and (at.min() < 0 or at.max() >= len(ids)):
            _LOG.warning("merged links cache %s names unknown actors: merging again", path)
            return None
        ends[column] = at
    rest = [n for n in names if n not in _ENDS.values()]

    def read(columns: list[str]) -> pd.DataFrame:
        out = {}
        text = [c for c in columns if c in _ENDS]
        if text:
            known = pa.array(ids, type=pa.large_string(), from_pandas=True)
            out = {end: _text(known.take(ends[_ENDS[end]])) for end in text}
        others = [c for c in columns if c not in _ENDS]
        table = file.read(columns=others, use_pandas_metadata=True)
        frame = table.to_pandas()  # the stored pandas types (Float64 …)
        for name in others:
            column = table.column(name)
            if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
                out[name] = _text(column.combine_chunks().cast(pa.large_string()))
            else:
                out[name] = frame[name].array
        return pd.DataFrame(out, columns=columns)

    links = DeferredTable(stored.num_rows, [*_ENDS, *rest], read)
    return links, LinkEnds(ends["source_at"], ends["target_at"])


def _text(array: pa.Array) -> pd.arrays.ArrowStringArray:
    return pd.array(array, dtype=pd.StringDtype("pyarrow"))


def _write(path: Path, links: pd.DataFrame, ends: LinkEnds) -> None:
    """Store the links with their ends as positions, under a temporary name, then rename; a
    failure only logs."""
    stored = links.drop(columns=list(_ENDS))
    largest = max(int(ends.source.max(initial=0)), int(ends.target.max(initial=0)))
    small = np.int32 if largest < 2**31 else np.int64
    table = pa.Table.from_pandas(stored, preserve_index=False)
    table = table.add_column(0, _ENDS["target"], pa.array(ends.target.astype(small)))
    table = table.add_column(0, _ENDS["source"], pa.array(ends.source.astype(small)))
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, temporary, compression="lz4")
        os.replace(temporary, path)
    except OSError as error:
        _LOG.warning("merged links not cached at %s: %s", path, error)
        temporary.unlink(missing_ok=True)
