"""Load any mix of inputs into one claim graph, all or nothing.

Inputs: a folder of tables (such as the gold layout ``entities.csv`` +
``relations.csv``), a CSV/TSV/XLSX/JSON table, an investment-record CSV, an
ecox graph JSON, or a news report (``.txt``/``.html``, read by the
extractor). Relations refer to actors by the ``id`` of the same folder or
file group, or by name or alias. Every actor passes through one
:class:`graph.identity.Resolver`, so the same name in two inputs is one actor.

Strict by default: the first bad row raises :class:`~loaders.errors.SchemaError`
and nothing is returned. With ``skip_invalid=True`` bad rows are set aside as
:class:`~loaders.errors.Reject` records, and relations that lose an endpoint
that way are rejected too.

Examples
--------
>>> result = load_inputs([seed_path()])
>>> len(result.graph.actors), len(result.graph.claims)
(101, 117)
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm import tqdm

from ecox.graph.claims import ClaimGraph, actor_frame, plain_value
from ecox.graph.identity import Resolver
from ecox.graph.schema import SCHEMA
from ecox.graph.unnamed import why_not_unnamed
from ecox.loaders.columnar import NotColumnar, UnknownEndpointError, load_columnar
from ecox.loaders.errors import Reject, SchemaError
from ecox.loaders.investments import read_investments
from ecox.loaders.tables import (
    Batch,
    RelationRow,
    Row,
    Table,
    check_actor,
    check_relation,
    read_json,
    read_tables,
)
from ecox.store.safe_write import note_input
from ecox.store.spreadsheet import escape_cell

__all__ = [
    "REPORT_SUFFIXES",
    "TABLE_SUFFIXES",
    "LoadResult",
    "input_groups",
    "load_inputs",
    "rejects_csv",
    "seed_path",
]

TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".json")
REPORT_SUFFIXES = (".txt", ".html", ".htm")
#: Tables that, given side by side, are one input (:func:`input_groups`).
_LOOSE_TABLES = (".csv", ".tsv", ".xlsx", ".xlsm")
_LOG = logging.getLogger(__name__)


@dataclass
class LoadResult:
    """The loaded graph, the rejected rows, and how many rows repeated a claim."""

    graph: ClaimGraph
    rejects: list[Reject] = field(default_factory=list)
    relation_rows: int = 0
    duplicate_rows: int = 0


def rejects_csv(rejects: Sequence[Reject]) -> str:
    """The rejects table ``load --skip-invalid`` writes (a header only when nothing was rejected).

    Cells are spreadsheet-safe (:mod:`ecox.store.spreadsheet`); lone surrogates are escaped.

    >>> print(rejects_csv([Reject("r.csv", 3, "name", "bad name", "=HYPERLINK(1)")]), end="")
    file,line,column,reason,row
    r.csv,3,name,bad name,'=HYPERLINK(1)
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["file", "line", "column", "reason", "row"])
    for r in rejects:
        cells = [r.file, r.line or "", r.column or "", r.reason, r.row]
        writer.writerow([escape_cell(_encodable(c)) for c in cells])
    return buffer.getvalue()


def _encodable(cell: object) -> object:
    """A lone surrogate (the reason a row was rejected) written as ``\\udXXX``."""
    if isinstance(cell, str):
        return cell.encode("utf-8", "backslashreplace").decode("utf-8")
    return cell


def seed_path() -> Path:
    """The folder of the seed ecosystem shipped with ecox (its embedded default)."""
    return Path(str(resources.files("ecox.graph").joinpath("seed")))


def _batch_from_tables(tables: Sequence[Table], file: str, skip_invalid: bool) -> Batch:
    batch = Batch(file)
    for table in tables:
        for error in table.errors:
            if not skip_invalid:
                raise error
            batch.rejects.append(Reject.of(error, ""))
        check = check_actor if table.kind == "actors" else check_relation
        target = batch.actors if table.kind == "actors" else batch.relations
        for row in tqdm(
            table.rows,
            desc=Path(table.file).name,
            unit="row",
            disable=None,
            leave=False,
            mininterval=1.0,
            delay=2.0,
        ):
            try:
                target.append((table.file, row.line, check(row, table.file)))  # type: ignore[arg-type]
            except SchemaError as error:
                if not skip_invalid:
                    raise
                batch.rejects.append(Reject.of(error, _row_text(row)))
    return batch


def _row_text(row: Row) -> str:
    return json.dumps(row.cells, ensure_ascii=False)


def _graph_document(path: Path) -> list[Table] | None:
    """Tables of an ecox graph JSON file, or ``None`` if the file is something else."""
    document = read_json(path)
    if not isinstance(document, dict) or document.get("format") != "ecox-claim-graph":
        return None
    return _graph_tables(str(path), document.get("actors", []), document.get("claims", []))


def _graph_tables(
    file: str, actors: Iterable[Mapping[str, Any]], claims: Iterable[Mapping[str, Any]]
) -> list[Table]:
    """A graph's actor and claim records as the tables of an input (records numbered from 1)."""
    tables = []
    for kind, records in (("actors", list(actors)), ("relations", list(claims))):
        columns = sorted({k for r in records for k in r})
        rows = [Row(n, {k: _cell(v) for k, v in r.items()}) for n, r in enumerate(records, start=1)]
        tables.append(Table(file, kind, columns, rows))
    return tables


def _cell(value: Any) -> str:
    value = plain_value(value)
    return "" if value is None else str(value)


def _graph_batch(graph: ClaimGraph, file: str, skip_invalid: bool) -> Batch:
    tables = _graph_tables(file, graph.actors.to_dict("records"), graph.claims.to_dict("records"))
    return _batch_from_tables(tables, file, skip_invalid)


def _report_batch(path: Path, skip_invalid: bool) -> Batch:
    from ecox.loaders.extraction import extract_files  # the extractor is optional at import time

    extraction = extract_files([path])
    tables = [
        _frame_table(str(path), "actors", extraction.entities),
        _frame_table(str(path), "relations", extraction.relations),
    ]
    return _batch_from_tables(tables, str(path), skip_invalid)


def _frame_table(file: str, kind: str, frame: pd.DataFrame) -> Table:
    columns = [str(c).lower() for c in frame.columns]
    rows = [
        Row(n, {c: "" if pd.isna(v) else str(v) for c, v in zip(columns, record, strict=True)})
        for n, record in enumerate(frame.itertuples(index=False), start=2)
    ]
    return Table(file, kind, columns, rows)


def input_groups(
    paths: Iterable[str | os.PathLike[str]], alone: Iterable[str] = ()
) -> list[list[Path]]:
    """The inputs of one load: table files given side by side are one input, as in a folder.

    A folder, a JSON file, a report and each path in ``alone`` is an input of its own; every
    CSV, TSV or XLSX file among ``paths`` joins one input at the place of the first, so a
    claims table can name the actors of an actors table by their ids.

    >>> [[p.name for p in group] for group in input_groups(["a.csv", "g.json", "c.csv"])]
    [['a.csv', 'c.csv'], ['g.json']]
    """
    kept = {str(Path(a)) for a in alone}
    groups: list[list[Path]] = []
    tables: list[Path] = []
    for given in paths:
        path = Path(given)
        if str(path) in kept or path.suffix.lower() not in _LOOSE_TABLES or path.is_dir():
            groups.append([path])
            continue
        if not tables:
            groups.append(tables)
        tables.append(path)
    return groups


def _read_files(files: Sequence[Path], name: str, skip_invalid: bool) -> list[Batch]:
    """The batches of tables read as one input: each deal table its own, the rest one."""
    tables = [t for f in files for t in read_tables(f)]
    loose = [t for t in tables if t.kind == "investments"]
    batches = [read_investments(t.file, skip_invalid=skip_invalid) for t in loose]
    rest = [t for t in tables if t.kind != "investments"]
    if rest:
        batches.append(_batch_from_tables(rest, name, skip_invalid))
    return batches


def _read_input(group: Sequence[Path], skip_invalid: bool) -> list[Batch]:
    for path in group:
        if not path.exists():
            raise SchemaError(str(path), None, None, "no such file or folder")
        note_input(path)
    path = group[0]
    if len(group) > 1:
        return _read_files(group, " + ".join(map(str, group)), skip_invalid)
    if path.is_dir():
        # candidates.csv (from ecox extract) holds relations not accepted: not loaded
        files = sorted(
            p
            for p in path.iterdir()
            if p.suffix.lower() in TABLE_SUFFIXES and p.stem.lower() != "candidates"
        )
        for file in files:
            note_input(file)
        if not files:
            raise SchemaError(
                str(path), None, None, "the folder holds no CSV, TSV, XLSX or JSON table"
            )
        return _read_files(files, str(path), skip_invalid)
    suffix = path.suffix.lower()
    if suffix in REPORT_SUFFIXES:
        return [_report_batch(path, skip_invalid)]
    if suffix == ".json":
        graph_tables = _graph_document(path)
        if graph_tables is not None:
            return [_batch_from_tables(graph_tables, str(path), skip_invalid)]
    if suffix in TABLE_SUFFIXES:
        return _read_files([path], str(path), skip_invalid)
    raise SchemaError(
        str(path),
        None,
        None,
        f"unsupported input {suffix or 'without extension'}: expected a folder, "
        f"{', '.join(TABLE_SUFFIXES + REPORT_SUFFIXES)}",
    )


def load_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    skip_invalid: bool = False,
    graphs_read: Mapping[str, ClaimGraph] | None = None,
) -> LoadResult:
    """Load every input into one :class:`~graph.claims.ClaimGraph`.

    Parameters
    ----------
    paths
        Folders and files, in any mix; table files given side by side are one input
        (:func:`input_groups`).
    skip_invalid
        Set bad rows aside as rejects instead of failing on the first one.
    graphs_read
        Graph files among ``paths`` that the caller has read already (path as given →
        graph): their actors and claims are loaded as they are, the file is not read again.

    CSV and TSV tables without a problem load column by column
    (:mod:`ecox.loaders.columnar`); anything else, and any input with a problem
    to report, is read row by row.
    """
    paths = list(paths)
    read = {str(Path(p)): graph for p, graph in (graphs_read or {}).items()}
    groups = input_groups(paths, read)
    if not any(str(Path(p)) in read for p in paths):
        loaded = _load_columnar(groups, skip_invalid)
        if loaded is not None:
            return loaded
    batches = [
        b
        for group in groups
        for b in (
            [_graph_batch(read[str(group[0])], str(group[0]), skip_invalid)]
            if str(group[0]) in read
            else _read_input(group, skip_invalid)
        )
    ]
    resolver = Resolver()
    rejects: list[Reject] = [r for b in batches for r in b.rejects]
    keys: list[dict[str, str]] = []
    for batch in batches:
        scope: dict[str, str] = {}
        for file, line, actor in batch.actors:
            if actor.key in scope:
                error = SchemaError(file, line, "id", f"duplicate actor id {actor.key!r}")
                if not skip_invalid:
                    raise error
                rejects.append(Reject.of(error, actor.name))
                continue
            scope[actor.key] = resolver.add(actor.name, actor.types, actor.aliases)
        keys.append(scope)
    types = {a.id: a.types for a in resolver.actors.values()}
    claims: list[dict[str, object]] = []
    relation_rows = 0
    for batch, scope in zip(batches, keys, strict=True):
        for file, line, relation in batch.relations:
            relation_rows += 1
            try:
                claims.append(_resolve(relation, file, line, scope, resolver, types))
            except SchemaError as error:
                if not skip_invalid:
                    raise
                rejects.append(
                    Reject.of(error, f"{relation.source} -{relation.type}-> {relation.target}")
                )
    actors = actor_frame(
        {"id": a.id, "name": a.name, "types": "|".join(a.types), "aliases": "|".join(a.aliases)}
        for a in resolver.actors.values()
    )
    graph = ClaimGraph.from_tables(actors, claims)
    duplicates = len(claims) - len(graph.claims)
    if duplicates:
        _LOG.info("%d relation rows repeated a claim already loaded", duplicates)
    return LoadResult(graph, rejects, relation_rows, duplicates)


def _load_columnar(groups: list[list[Path]], skip_invalid: bool) -> LoadResult | None:
    """The inputs loaded column by column, or ``None`` when they need the row-by-row loader."""
    try:
        graph, rows = load_columnar(groups)
    except UnknownEndpointError:
        if not skip_invalid:  # named already: reading every row again would name it too
            raise
    except (NotColumnar, SchemaError) as why:  # the row-by-row loader names what is wrong
        _LOG.debug("loading row by row: %s", why)
    else:
        return LoadResult(graph, [], rows, rows - len(graph.claims))
    return None


def _resolve(
    relation: RelationRow,
    file: str,
    line: int | None,
    scope: dict[str, str],
    resolver: Resolver,
    types: dict[str, list[str]],
) -> dict[str, object]:
    ends = {}
    for end in ("source", "target"):
        key = getattr(relation, end)
        if not key:  # an unnamed side (checked by check_relation)
            ends[end] = ""
            continue
        found = scope.get(key) or resolver.resolve(key)
        if found is None:
            raise SchemaError(file, line, end, f"{end} {key!r} is not an actor of this input")
        ends[end] = resolver.resolve(found) or found
    src_types, tgt_types = types.get(ends["source"]), types.get(ends["target"])
    if src_types is None or tgt_types is None:
        props = relation.properties
        kind, count = props.get("counterpart_type"), props.get("counterpart_count")
        column, why = why_not_unnamed(relation.type, src_types, tgt_types, kind, count)
        if why:
            raise SchemaError(file, line, column, why)
    elif not SCHEMA.allows(relation.type, src_types, tgt_types):
        raise SchemaError(file, line, "type", SCHEMA.why_not(relation.type, src_types, tgt_types))
    return {**relation.properties, **ends, "type": relation.type}
