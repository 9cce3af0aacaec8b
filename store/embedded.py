"""The embedded graph database: a claim graph as a LadybugDB file, built once and cached.

:func:`open_store` returns a read-only connection to a LadybugDB database
(``ladybug`` on PyPI, the maintained continuation of Kùzu) holding the graph:

* one node table ``Actor(id, name, types STRING[], aliases STRING[])``: an actor's
  types are a list property, since a LadybugDB node has exactly one table;
* one relationship table per relation type of the schema (``INVESTED_IN``, …), each
  ``FROM Actor TO Actor`` with the flat claim properties of
  :data:`graph.schema.CLAIM_COLUMNS` (``id, amount, currency, date, …``).

The tables are bulk-loaded with ``COPY … FROM`` a DataFrame. The file lives in a
cache folder (:func:`store.cache.cached_path`), named by the graph's content hash
and the store's format: a changed graph gets a new file, an unchanged one is opened
again without rebuilding. A build goes to a temporary name and is renamed when
complete, so an interrupted build never leaves a half-filled store behind.

Examples
--------
>>> import ecox
>>> store = open_store(ecox.seed())
>>> store.rows("MATCH (a:Actor) RETURN count(*)")
[[101]]
>>> store.rows("MATCH ()-[r:LENT_TO]->() RETURN count(*)")[0][0] > 0
True
>>> open_store(ecox.seed()) is store
True
"""

from __future__ import annotations

__all__ = [
    "ACTOR_TABLE",
    "FORMAT_VERSION",
    "EmbeddedStore",
    "build_store",
    "open_store",
    "store_path",
]

import logging
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import ladybug
import numpy as np
import pandas as pd

from ecox.graph.claims import ClaimGraph, split_field
from ecox.graph.errors import StoreError
from ecox.graph.schema import CLAIM_COLUMNS, EdgeType
from ecox.graph.unnamed import unnamed_mask
from ecox.store.cache import cached_path
from ecox.store.neo4j_ownership import DEFAULT_GRAPH_NAME, GRAPH_PROPERTY

logger = logging.getLogger(__name__)

#: The one node table.
ACTOR_TABLE = "Actor"
#: Bumped whenever the layout of the store changes, so old cache files are not reused.
FORMAT_VERSION = 2

_REL_COLUMNS: tuple[str, ...] = tuple(
    c for c in CLAIM_COLUMNS if c not in ("source", "target", "type")
)
_COLUMN_TYPES = {
    "amount": "DOUBLE",
    "confidence": "DOUBLE",
    "span_start": "INT64",
    "span_end": "INT64",
}
_SALT = f"ecox-store-{FORMAT_VERSION}-ladybug-{version('ladybug')}"
_OPEN: dict[Path, EmbeddedStore] = {}
_LOCK = threading.Lock()


@dataclass
class EmbeddedStore:
    """A read-only connection to one cached store.

    Attributes
    ----------
    path : pathlib.Path
        The database file.
    connection : ladybug.Connection
        Queries run here; the database is opened read-only.
    """

    path: Path
    database: ladybug.Database
    connection: ladybug.Connection

    def rows(self, query: str, params: Mapping[str, Any] | None = None) -> list[list[Any]]:
        """Run LadybugDB Cypher as written; rows as lists of plain values."""
        return self.execute(query, params)[1]

    def execute(
        self, query: str, params: Mapping[str, Any] | None = None
    ) -> tuple[list[str], list[list[Any]]]:
        """Run LadybugDB Cypher as written; ``(column names, rows)``."""
        result = self.connection.execute(query, dict(params or {}))
        if isinstance(result, list):  # several statements: the last one answers
            result = result[-1]
        return result.get_column_names(), [list(row) for row in result.get_all()]


def store_path(graph: ClaimGraph) -> Path:
    """Where the store of ``graph`` is cached (it may not be built yet).

    Examples
    --------
    >>> import ecox
    >>> store_path(ecox.seed()).suffix
    '.lbdb'
    """
    return cached_path(graph, "stores", ".lbdb", salt=_SALT)


def open_store(graph: ClaimGraph, *, folder: Path | None = None) -> EmbeddedStore:
    """The store for ``graph``: opened from the cache, or built there first.

    Parameters
    ----------
    graph : ClaimGraph
        The graph to query.
    folder : pathlib.Path, optional
        Cache folder (default: ``"stores"`` under :func:`store.cache.cache_dir`).

    Raises
    ------
    StoreError
        The cache folder cannot be written or the build failed (message names the path).
    """
    path = store_path(graph)
    if folder is not None:
        path = folder / path.name
    with _LOCK:
        store = _OPEN.get(path)
        if store is not None and path.exists():
            return store
        if not path.exists():
            build_store(graph, path)
        try:
            database = ladybug.Database(str(path), read_only=True)
        except RuntimeError as error:
            raise StoreError(
                f"could not open the embedded store {path} ({error}); delete it to rebuild"
            ) from error
        store = EmbeddedStore(path, database, ladybug.Connection(database))
        _OPEN[path] = store
        return store


def build_store(graph: ClaimGraph, path: Path) -> Path:
    """Write ``graph`` as a new LadybugDB file at ``path`` (atomically: temp name, rename).

    Examples
    --------
    >>> import ecox, tempfile
    >>> from pathlib import Path
    >>> out = build_store(ecox.seed(), Path(tempfile.mkdtemp()) / "seed.lbdb")
    >>> out.is_file()
    True
    """
    started = time.perf_counter()
    tmp = path.with_name(f"{path.name}.building-{os.getpid()}-{threading.get_ident()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
        database = ladybug.Database(str(tmp))
        connection = ladybug.Connection(database)
        try:
            _load(connection, graph)
        finally:
            connection.close()
            database.close()
        os.replace(tmp, path)
    except (OSError, RuntimeError) as error:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"could not build the embedded store {path}: {error}") from error
    logger.info(
        "built %s (%d actors, %d claims) in %.1f s",
        path,
        len(graph.actors),
        len(graph.claims),
        time.perf_counter() - started,
    )
    return path


def _load(connection: ladybug.Connection, graph: ClaimGraph) -> None:
    connection.execute(
        f"CREATE NODE TABLE {ACTOR_TABLE}(id STRING PRIMARY KEY, name STRING, "
        f"types STRING[], aliases STRING[], {GRAPH_PROPERTY} STRING)"
    )
    columns = ", ".join(f"{c} {_COLUMN_TYPES.get(c, 'STRING')}" for c in _REL_COLUMNS)
    columns += f", {GRAPH_PROPERTY} STRING"
    for rel in EdgeType:
        connection.execute(
            f"CREATE REL TABLE {rel.value}(FROM {ACTOR_TABLE} TO {ACTOR_TABLE}, {columns})"
        )
    actors = _actor_rows(graph.actors)
    if len(actors):
        connection.execute(f"COPY {ACTOR_TABLE} FROM $rows", {"rows": actors})
    named = graph.claims[~unnamed_mask(graph.claims)]  # an unnamed side has no node to bind
    if not len(named):
        return
    for rel, claims in named.groupby("type", sort=True):
        connection.execute(f"COPY {rel} FROM $rows", {"rows": _claim_rows(claims)})


def _strings(series: pd.Series) -> pd.Series:
    """Object column of ``str`` and ``None`` (LadybugDB reads no ``pd.NA``)."""
    values = series.astype(object).to_numpy()
    return pd.Series(np.where(pd.isna(values), None, values), index=series.index, dtype=object)


def _actor_rows(actors: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": _strings(actors["id"]),
            "name": _strings(actors["name"]),
            "types": [split_field(t) for t in actors["types"]],
            "aliases": [split_field(a) for a in actors["aliases"]],
            # as ecox pushes it to Neo4j, so `RETURN a` gives the same properties there
            GRAPH_PROPERTY: DEFAULT_GRAPH_NAME,
        }
    )


def _claim_rows(claims: pd.DataFrame) -> pd.DataFrame:
    frame: dict[str, Any] = {
        "from": _strings(claims["source"]).to_numpy(),
        "to": _strings(claims["target"]).to_numpy(),
    }
    for column in _REL_COLUMNS:
        kind = _COLUMN_TYPES.get(column, "STRING")
        if kind == "DOUBLE":
            frame[column] = claims[column].astype("float64").to_numpy()  # NaN is loaded as null
        elif kind == "INT64":
            values = claims[column].astype(object).to_numpy()
            frame[column] = np.array([None if pd.isna(v) else int(v) for v in values], dtype=object)
        else:
            frame[column] = _strings(claims[column]).to_numpy()
    frame[GRAPH_PROPERTY] = DEFAULT_GRAPH_NAME
    return pd.DataFrame(frame)
