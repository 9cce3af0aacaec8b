"""One cache scheme for derived data: a folder per kind, files named by the graph's content.

Everything ecox derives from a graph and keeps between commands (the embedded Cypher
store, betweenness, layouts) lives under :func:`cache_dir`, in a folder per kind,
named by :func:`cached_path`: a hash of the graph's actors and claims plus a *salt*
naming the format and engine version of what is stored. A changed graph or a new
format gets a new name; an unchanged graph finds its file again. Writers build under
a temporary name and rename when complete, so a reader never sees half a file.

Examples
--------
>>> import ecox, os
>>> os.environ["ECOX_CACHE_DIR"] = "/tmp/ecox-doc-cache"
>>> cached_path(ecox.seed(), "stores", ".lbdb", salt="v2").parent.name
'stores'
>>> cached_path(ecox.seed(), "stores", ".lbdb", salt="v2") == cached_path(
...     ecox.seed(), "stores", ".lbdb", salt="v3")
False
"""

from __future__ import annotations

__all__ = [
    "Tables",
    "cache_dir",
    "cache_file",
    "cached_path",
    "content_hash",
    "remember_content_hash",
]

import hashlib
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ecox.graph.machine import cache_dir

if TYPE_CHECKING:  # loaded to hash a graph's tables, not to name a known hash's files
    import pandas as pd


class Tables(Protocol):
    """What :func:`content_hash` reads: an actor table and a claim table (a
    :class:`~graph.claims.ClaimGraph`, or any object holding the two tables
    a derived result depends on)."""

    @property
    def actors(self) -> pd.DataFrame: ...

    @property
    def claims(self) -> pd.DataFrame: ...


#: id(graph) → (weak reference, content hash): a graph's tables are not changed in place.
_HASHES: dict[int, tuple[weakref.ref[Tables], str]] = {}


def content_hash(graph: Tables) -> str:
    """A hex digest of the graph's actors and claims (every column, in order).

    Computed once per graph object (a graph's tables are not changed in place).

    Examples
    --------
    >>> import ecox
    >>> content_hash(ecox.seed()) == content_hash(ecox.seed())
    True
    >>> len(content_hash(ecox.seed()))
    24
    """
    known = _HASHES.get(id(graph))
    if known is not None and known[0]() is graph:
        return known[1]
    digest = hashlib.sha256(b"ecox-graph-2")
    for frame in (graph.actors, graph.claims):
        digest.update(str(len(frame)).encode())
        for column in frame.columns:
            digest.update(column.encode())
            if len(frame):
                _hash_column(digest, frame[column])
    value = digest.hexdigest()[:24]
    remember_content_hash(graph, value)
    return value


def _hash_column(digest: Any, column: pd.Series) -> None:
    """Feed one column's values and missing cells to ``digest``, straight from its buffers.

    Text goes in as its UTF-8 bytes and the length of every cell, numbers as their
    machine values; a separate bit per cell marks the missing ones, so ``""`` and
    ``<NA>`` differ. No Python runs per cell.
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    array = pa.array(column, from_pandas=True)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    missing = array.is_null().to_numpy(zero_copy_only=False)
    digest.update(np.packbits(missing).tobytes())
    if pa.types.is_dictionary(array.type):
        array = array.dictionary_decode()
    if pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
        array = pc.fill_null(array, "").cast(pa.large_string())
        offsets = np.frombuffer(array.buffers()[1], dtype=np.int64)
        offsets = offsets[array.offset : array.offset + len(array) + 1]
        digest.update(np.diff(offsets).tobytes())
        digest.update(memoryview(array.buffers()[2])[offsets[0] : offsets[-1]])
    elif pa.types.is_integer(array.type) or pa.types.is_floating(array.type):
        values = pc.fill_null(array, 0).to_numpy(zero_copy_only=False)
        digest.update(np.ascontiguousarray(values).tobytes())
    else:  # any other kind of column (lists, dates): pandas' hash of each value
        hashed = pd.util.hash_pandas_object(column, index=False, categorize=False)
        digest.update(hashed.to_numpy().tobytes())


def remember_content_hash(graph: Tables, value: str) -> None:
    """Record ``value`` as the content hash of ``graph``, known without hashing its tables.

    For a reader that found the hash stored beside the data it read
    (:mod:`ecox.store.parquet`), so a cache key costs nothing for a large graph.

    Examples
    --------
    >>> import ecox
    >>> graph = ecox.seed()
    >>> remember_content_hash(graph, content_hash(ecox.seed()))
    >>> content_hash(graph) == content_hash(ecox.seed())
    True
    """
    key = id(graph)
    _HASHES[key] = (weakref.ref(graph, lambda _ref: _HASHES.pop(key, None)), value)


def cached_path(graph: Tables, kind: str, suffix: str, *, salt: str = "") -> Path:
    """The cache file for data of ``kind`` derived from ``graph`` (not created here).

    Parameters
    ----------
    graph : ClaimGraph or Tables
        The graph (or tables) the data is derived from.
    kind : str
        Folder under :func:`cache_dir` (``"stores"``, ``"betweenness"``, …).
    suffix : str
        File ending, e.g. ``".lbdb"``.
    salt : str
        Format and engine version of what is stored: a new salt gives a new name.
    """
    return cache_file(content_hash(graph), kind, suffix, salt=salt)


def cache_file(graph_hash: str, kind: str, suffix: str, *, salt: str = "") -> Path:
    """:func:`cached_path` of the graph whose :func:`content_hash` is ``graph_hash`` (a graph
    file's footer holds it: :func:`ecox.store.parquet_footer.file_content_hash`).

    >>> import ecox
    >>> cache_file(content_hash(ecox.seed()), "stores", ".lbdb") == cached_path(
    ...     ecox.seed(), "stores", ".lbdb")
    True
    """
    name = hashlib.sha256(f"{graph_hash}|{salt}".encode()).hexdigest()[:24]
    return cache_dir() / kind / f"{name}{suffix}"
