"""Claim graph serialisation: the Parquet working file, lossless JSON, exports for Gephi.

Functions here turn a graph into text or bytes and back; the CLI writes them
to files through :mod:`ecox.store.safe_write`. CSV tables are spreadsheet-safe
(:mod:`ecox.store.spreadsheet`) and load back to the same graph; GraphML and
GEXF replace characters XML cannot hold by U+FFFD.

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> g = ClaimGraph.build([("A 基金", ["Fund"], []), ("B 公司", ["Enterprise"], [])],
...                      [{"source": "A 基金", "target": "B 公司", "type": "INVESTED_IN"}])
>>> from_json(to_json(g)) == g
True
>>> "<graphml" in to_graphml(g)
True
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from ecox.graph.characters import xml_safe
from ecox.graph.claims import ClaimGraph, actor_frame, claim_frame, plain_value
from ecox.graph.errors import InputError
from ecox.store.parquet import from_parquet, is_parquet, parquet_columns, to_parquet
from ecox.store.safe_write import note_input
from ecox.store.spreadsheet import to_safe_csv

__all__ = [
    "FORMAT",
    "PARQUET_SUFFIXES",
    "from_json",
    "graph_bytes",
    "read_graph",
    "read_graph_columns",
    "to_csv_tables",
    "to_gexf",
    "to_graphml",
    "to_json",
]

#: The ``format`` field of an ecox graph JSON document.
FORMAT = "ecox-claim-graph"
_VERSION = 1
#: Output suffixes that get the Parquet graph file (anything else gets JSON).
PARQUET_SUFFIXES = (".parquet", ".ecox")


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for record in frame.to_dict("records"):
        clean: dict[str, Any] = {}
        for key, value in record.items():
            value = plain_value(value)
            if value is not None:
                clean[key] = value
        out.append(clean)
    return out


def to_json(graph: ClaimGraph) -> str:
    """The claim graph as a JSON document (UTF-8 text, CJK kept readable)."""
    document = {
        "format": FORMAT,
        "version": _VERSION,
        "actors": _records(graph.actors),
        "claims": _records(graph.claims),
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def from_json(text: str) -> ClaimGraph:
    """Parse :func:`to_json`'s output; ``ValueError`` if it is not an ecox graph."""
    document = json.loads(text)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f"not an ecox graph document (expected format {FORMAT!r})")
    if document.get("version") != _VERSION:
        raise ValueError(f"unsupported ecox graph version {document.get('version')!r}")
    graph = ClaimGraph(actor_frame(document["actors"]), claim_frame(document["claims"]))
    graph.validate()
    return graph


def _file_bytes(path: Path) -> bytes | memoryview:
    """The file's bytes; a Parquet file memory-mapped rather than copied (at 1M actors
    426 MB that the reader then decodes from the page cache)."""
    with path.open("rb") as file:
        head = file.read(4)
    if not is_parquet(head) or path.stat().st_size < 12:
        return path.read_bytes()
    return memoryview(pa.memory_map(str(path)).read_buffer())


def read_graph(path: str | os.PathLike[str]) -> ClaimGraph:
    """Read a graph file written by ``ecox load``: Parquet (:mod:`ecox.store.parquet`) or JSON.

    The content decides, not the suffix.
    """
    path = Path(path)
    note_input(path)
    data = _file_bytes(path)
    try:
        if is_parquet(data):
            return from_parquet(data)
        return from_json(str(data, "utf-8"))
    except (ValueError, KeyError) as error:
        raise InputError(f"{path}: {error}") from error


def read_graph_columns(
    path: str | os.PathLike[str], actor_columns: list[str], claim_columns: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Some columns of a graph file's actor and claim tables, as :func:`read_graph` gives them.

    From a Parquet graph file ecox wrote, only these columns are read; any other
    file is read whole (and checked).
    """
    path = Path(path)
    note_input(path)
    data = _file_bytes(path)
    try:
        part = parquet_columns(data, actor_columns, claim_columns) if is_parquet(data) else None
    except ValueError as error:
        raise InputError(f"{path}: {error}") from error
    if part is not None:
        return part
    graph = read_graph(path)
    return graph.actors[actor_columns], graph.claims[claim_columns]


def graph_bytes(graph: ClaimGraph, path: str | os.PathLike[str]) -> bytes | str:
    """The graph in the format ``path``'s suffix names: ``.parquet`` or ``.ecox``, else JSON.

    >>> from ecox.graph.claims import ClaimGraph
    >>> empty = ClaimGraph.build([], [])
    >>> graph_bytes(empty, "g.parquet")[:4], graph_bytes(empty, "g.json")[:1]
    (b'PAR1', '{')
    """
    if Path(path).suffix.lower() in PARQUET_SUFFIXES:
        return to_parquet(graph)
    return to_json(graph)


def to_graphml(graph: ClaimGraph) -> str:
    """GraphML text of the claim multigraph (one edge per claim; unnamed sides as group nodes)."""
    import networkx as nx  # here: reading a graph file (a Cypher run) needs no networkx

    buffer = io.BytesIO()
    nx.write_graphml(graph.to_networkx(unnamed_nodes=True), buffer, encoding="utf-8")
    return xml_safe(buffer.getvalue().decode("utf-8"))


def to_gexf(graph: ClaimGraph) -> str:
    """GEXF text of the claim multigraph, for Gephi (unnamed sides as group nodes)."""
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_gexf(graph.to_networkx(unnamed_nodes=True), buffer, encoding="utf-8")
    return xml_safe(buffer.getvalue().decode("utf-8"))


def to_csv_tables(graph: ClaimGraph) -> dict[str, str]:
    """CSV text of the two tables, ``{"actors": ..., "claims": ...}``.

    The claims table also carries ``source_name`` and ``target_name``; both
    tables load back with ``ecox load``. Text cells a spreadsheet would run as
    a formula are escaped (:func:`~ecox.store.spreadsheet.to_safe_csv`).
    """
    names = dict(zip(graph.actors["id"], graph.actors["name"], strict=True))
    claims = graph.claims.copy()
    claims.insert(2, "source_name", claims["source"].map(names))
    claims.insert(3, "target_name", claims["target"].map(names))
    return {
        "actors": to_safe_csv(graph.actors),
        "claims": to_safe_csv(claims),
    }
