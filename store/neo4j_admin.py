"""Bulk files for ``neo4j-admin database import full``: a new database from a claim graph.

The layout is :mod:`ecox.store.neo4j`'s, as a push leaves it: actors are
``:EcoxActor:Actor`` nodes with one label per type and ``ecox_graph, id, name,
types, aliases``; claims are relationships of their relation type with
``ecox_graph``, ``id`` and every other claim column present; a claim with an
unnamed side links its actor to an ``:EcoxUnnamed {ecox_graph, id, type, count}``
node. Each file set is a header file and a data file; :func:`import_arguments`
gives the ``--nodes``/``--relationships`` arguments, with ``|`` as the array and
label delimiter (``types`` and ``aliases`` never hold one). Empty cells are
missing properties; text is always quoted, so an empty text stays empty. The
uniqueness constraints a push creates are created by the next push (or by
:func:`ecox.store.neo4j.ensure_constraints`).

Examples
--------
>>> import ecox
>>> files = admin_import_files(ecox.seed())
>>> sorted(files)[:3]
['actors.csv', 'actors_header.csv', 'claims.csv']
>>> files["actors_header.csv"]
'id:ID(EcoxActor),ecox_graph,name,types:string[],aliases:string[],:LABEL\\n'
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from ecox.graph.claims import ClaimGraph, plain_value, split_field
from ecox.graph.schema import CLAIM_COLUMNS, NodeType
from ecox.graph.unnamed import unnamed_mask
from ecox.store.neo4j_ownership import ECOX_LABEL, GRAPH_PROPERTY
from ecox.store.neo4j_unnamed import UNNAMED_LABEL

__all__ = ["ARRAY_DELIMITER", "admin_import_files", "import_arguments"]

#: Array and label delimiter of the files (``--array-delimiter``).
ARRAY_DELIMITER = "|"
_NODE_LABELS = frozenset(t.value for t in NodeType)
_PROPERTIES = tuple(c for c in CLAIM_COLUMNS if c not in ("source", "target", "type"))
_TYPED = {"amount": "double", "confidence": "double"}
_TYPED |= dict.fromkeys(("span_start", "span_end", "counterpart_count"), "long")


def _cell(value: Any) -> str:
    value = plain_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    if isinstance(value, list):
        if not value:
            return ""
        value = ARRAY_DELIMITER.join(value)
    return '"' + str(value).replace('"', '""') + '"'


def _lines(rows: Iterable[Iterable[Any]]) -> str:
    return "".join(",".join(_cell(v) for v in row) + "\n" for row in rows)


def _claim_header(start: str, end: str) -> str:
    columns = [f":START_ID({start})", f":END_ID({end})", ":TYPE", GRAPH_PROPERTY]
    columns += [f"{p}:{_TYPED[p]}" if p in _TYPED else p for p in _PROPERTIES]
    return ",".join(columns) + "\n"


def admin_import_files(graph: ClaimGraph, graph_name: str = "default") -> dict[str, str]:
    """File name → CSV text of every header and data file (UTF-8, ``\\n`` line ends)."""
    files = {
        "actors_header.csv": "id:ID(EcoxActor),ecox_graph,name,types:string[],aliases:string[],"
        ":LABEL\n"
    }
    actors = graph.actors
    labels = [
        [ECOX_LABEL, "Actor", *(t for t in split_field(types) if t in _NODE_LABELS)]
        for types in actors["types"]
    ]
    files["actors.csv"] = _lines(
        (i, graph_name, n, split_field(t), split_field(a), ARRAY_DELIMITER.join(ls))
        for i, n, t, a, ls in zip(
            actors["id"], actors["name"], actors["types"], actors["aliases"], labels, strict=True
        )
    )
    claims = graph.claims
    unnamed = unnamed_mask(claims).to_numpy()
    named = claims[~unnamed]
    columns = [named[c].astype(object).tolist() for c in ("source", "target", "type")]
    columns += [[graph_name] * len(named)]
    columns += [named[c].astype(object).tolist() for c in _PROPERTIES]
    files["claims_header.csv"] = _claim_header(ECOX_LABEL, ECOX_LABEL)
    files["claims.csv"] = _lines(zip(*columns, strict=True))
    files.update(_unnamed_files(graph.claims[unnamed], graph_name))
    return files


def _unnamed_files(claims: Any, graph_name: str) -> dict[str, str]:
    files = {
        "unnamed_header.csv": f"id:ID({UNNAMED_LABEL}),{GRAPH_PROPERTY},type,count:long,:LABEL\n"
    }
    records = claims.to_dict("records")
    files["unnamed.csv"] = _lines(
        (r["id"], graph_name, r["counterpart_type"], r["counterpart_count"], UNNAMED_LABEL)
        for r in records
    )
    for side, (start, end) in (
        ("out", (ECOX_LABEL, UNNAMED_LABEL)),
        ("in", (UNNAMED_LABEL, ECOX_LABEL)),
    ):
        files[f"unnamed_{side}_header.csv"] = _claim_header(start, end)
        chosen = [r for r in records if bool(r["source"]) == (side == "out")]
        files[f"unnamed_{side}.csv"] = _lines(
            (
                r["source"] or r["id"],
                r["target"] or r["id"],
                r["type"],
                graph_name,
                *(r[p] for p in _PROPERTIES),
            )
            for r in chosen
        )
    return files


def import_arguments(folder: str) -> list[str]:
    """The ``neo4j-admin database import full`` arguments that read the files in ``folder``.

    >>> import_arguments("/tmp/x")[0]
    '--nodes=/tmp/x/actors_header.csv,/tmp/x/actors.csv'
    """
    base = folder.rstrip("/")

    def pair(name: str) -> str:
        return f"{base}/{name}_header.csv,{base}/{name}.csv"

    return [
        f"--nodes={pair('actors')}",
        f"--nodes={pair('unnamed')}",
        f"--relationships={pair('claims')}",
        f"--relationships={pair('unnamed_out')}",
        f"--relationships={pair('unnamed_in')}",
        f"--array-delimiter={ARRAY_DELIMITER}",
        "--multiline-fields=true",
    ]
