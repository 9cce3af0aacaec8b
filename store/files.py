"""Claim graph serialisation: lossless JSON, and exports for Gephi and spreadsheets.

Functions here turn a graph into text or bytes and back; the CLI writes them
to files (atomically, see :func:`write_atomic`).

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
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from ecox.graph.claims import ClaimGraph, actor_frame, claim_frame, plain_value

__all__ = [
    "FORMAT",
    "from_json",
    "read_graph",
    "to_csv_tables",
    "to_gexf",
    "to_graphml",
    "to_json",
    "write_atomic",
]

#: The ``format`` field of an ecox graph JSON document.
FORMAT = "ecox-claim-graph"
_VERSION = 1


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


def read_graph(path: str | os.PathLike[str]) -> ClaimGraph:
    """Read a graph JSON file written by ``ecox load``."""
    path = Path(path)
    try:
        return from_json(path.read_text(encoding="utf-8"))
    except (ValueError, KeyError) as error:
        raise ValueError(f"{path}: {error}") from error


def to_graphml(graph: ClaimGraph) -> str:
    """GraphML text of the claim multigraph (one edge per claim; unnamed sides as group nodes)."""
    buffer = io.BytesIO()
    nx.write_graphml(graph.to_networkx(unnamed_nodes=True), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def to_gexf(graph: ClaimGraph) -> str:
    """GEXF text of the claim multigraph, for Gephi (unnamed sides as group nodes)."""
    buffer = io.BytesIO()
    nx.write_gexf(graph.to_networkx(unnamed_nodes=True), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def to_csv_tables(graph: ClaimGraph) -> dict[str, str]:
    """CSV text of the two tables, ``{"actors": ..., "claims": ...}``.

    The claims table also carries ``source_name`` and ``target_name``; both
    tables load back with ``ecox load``.
    """
    names = dict(zip(graph.actors["id"], graph.actors["name"], strict=True))
    claims = graph.claims.copy()
    claims.insert(2, "source_name", claims["source"].map(names))
    claims.insert(3, "target_name", claims["target"].map(names))
    return {
        "actors": graph.actors.to_csv(index=False, lineterminator="\n"),
        "claims": claims.to_csv(index=False, lineterminator="\n"),
    }


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write text to ``path`` through a temporary file, so a failure leaves no partial file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
