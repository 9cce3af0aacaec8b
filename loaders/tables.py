"""Actor and relation tables from CSV, TSV, XLSX or JSON.

A table is a list of :class:`Row` (line number and cells). This module reads
tables and checks their cells against the schema; :mod:`loaders.load`
assembles the checked rows into one claim graph.

Accepted columns (case-insensitive; unknown columns are ignored):

actors
    ``name`` (required); ``types`` or ``type`` (required, ``|``-joined, primary
    first); ``id`` (the key relations use; defaults to the name); ``aliases``
    (``|``-joined).
relations
    ``source``, ``target`` (actor ids of the same input, or names), ``type``
    (required); ``amount`` with ``currency`` (default CNY), or ``amount_cny`` /
    ``amount_usd``; ``date`` (``2025``, ``2025-11``, ``2025-11-03``; ``/`` and
    ``.`` separators accepted); ``document`` or ``source_doc`` or ``article``;
    ``outlet``; ``published``; ``evidence``; ``span_start``; ``span_end``;
    ``extractor``; ``confidence`` (0–1). A report may leave one side unnamed:
    a blank ``source`` or ``target`` then needs ``counterpart_type`` (the node
    type of the unnamed side) and may give ``counterpart_count`` (how many,
    when the report counts them); see :mod:`graph.unnamed`.

Examples
--------
>>> rows = [Row(2, {"name": "瑞安农商银行", "types": "Bank"})]
>>> check_actor(rows[0], "a.csv")
ActorRow(key='瑞安农商银行', name='瑞安农商银行', types=['Bank'], aliases=[])
>>> try:
...     check_relation(Row(5, {"source": "x", "target": "y", "type": "LOVES"}), "r.csv")
... except SchemaError as error:
...     print(str(error)[:54])
r.csv:5: column 'type': unknown relation type 'LOVES';
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecox.graph.identity import normalize_name
from ecox.graph.schema import SCHEMA
from ecox.graph.unnamed import why_not_unnamed
from ecox.loaders.errors import Reject, SchemaError
from ecox.loaders.textfile import read_text, read_text_lines
from ecox.loaders.values import normalize_date, parse_number
from ecox.store.spreadsheet import unescape_cell

__all__ = [
    "ACTOR_REQUIRED",
    "INVESTMENT_REQUIRED",
    "RELATION_REQUIRED",
    "ActorRow",
    "Batch",
    "RelationRow",
    "Row",
    "Table",
    "check_actor",
    "check_relation",
    "read_json",
    "read_tables",
    "table_kind",
]

ACTOR_REQUIRED = ("name", "types")
RELATION_REQUIRED = ("source", "target", "type")
INVESTMENT_REQUIRED = ("company_name", "investor_name")
_REQUIRED = {
    "actors": ("name",),
    "relations": RELATION_REQUIRED,
    "investments": INVESTMENT_REQUIRED,
}
_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Row:
    """One table row: its line number in the file (header = line 1) and its cells."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        """The stripped cell text, empty when absent."""
        value = self.cells.get(column)
        return "" if value is None else str(value).strip()


@dataclass
class Table:
    """A named table read from a file: ``kind`` is ``actors`` or ``relations``.

    ``errors`` are rows that could not be read at all (a line in another
    encoding); the loader raises the first or, skipping invalid rows, rejects them.
    """

    file: str
    kind: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    errors: list[SchemaError] = field(default_factory=list)


@dataclass(frozen=True)
class ActorRow:
    """A checked actor row; ``key`` is what relations of the same input refer to."""

    key: str
    name: str
    types: list[str]
    aliases: list[str]


@dataclass(frozen=True)
class RelationRow:
    """A checked relation row: endpoint keys, type and claim properties."""

    source: str
    target: str
    type: str
    properties: dict[str, Any]


class Batch:
    """Checked actors and relations of one input, and the rows rejected from it.

    ``actors`` and ``relations`` hold ``(file, line, row)`` triples so
    assembly can still name where a duplicate id or a relation whose endpoint
    is missing came from.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.actors: list[tuple[str, int | None, ActorRow]] = []
        self.relations: list[tuple[str, int | None, RelationRow]] = []
        self.rejects: list[Reject] = []


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split("|") if part.strip()]


_MAX_OFFSET = 10**9


def _check_cells(row: Row, file: str) -> None:
    for column, value in row.cells.items():
        if any("\ud800" <= c <= "\udfff" for c in str(value)):
            raise SchemaError(file, row.line, column, "holds a lone surrogate (broken UTF-16 text)")


def check_actor(row: Row, file: str) -> ActorRow:
    """Check one actor row; ``SchemaError`` naming the line and column if it is wrong."""
    _check_cells(row, file)
    name = row.get("name")
    if not name:
        raise SchemaError(file, row.line, "name", "an actor needs a name")
    if not any(map(str.isalnum, name)) and not normalize_name(name):
        raise SchemaError(file, row.line, "name", f"no name left in {name!r} without quote marks")
    type_column = "types" if "types" in row.cells else "type"
    types = _split(row.get(type_column))
    if not types:
        raise SchemaError(file, row.line, type_column, f"actor {name!r} has no type")
    for node_type in types:
        if node_type not in SCHEMA.nodes:
            raise SchemaError(
                file,
                row.line,
                type_column,
                f"unknown actor type {node_type!r}; expected one of {', '.join(SCHEMA.nodes)}",
            )
    key = row.get("id") or name
    return ActorRow(key=key, name=name, types=types, aliases=_split(row.get("aliases")))


def _number(row: Row, file: str, column: str) -> float | None:
    try:
        return parse_number(row.get(column))
    except ValueError as error:
        raise SchemaError(file, row.line, column, str(error)) from None


def _amount(row: Row, file: str) -> tuple[float | None, str | None]:
    for column, currency in (("amount", None), ("amount_cny", "CNY"), ("amount_usd", "USD")):
        value = _number(row, file, column)
        if value is None:
            continue
        if value < 0:
            raise SchemaError(file, row.line, column, f"negative amount {value:g}")
        if currency is None:
            currency = (row.get("currency") or "CNY").upper()
            if not _CURRENCY.match(currency):
                raise SchemaError(
                    file, row.line, "currency", f"not an ISO currency code: {currency!r}"
                )
        return value, currency
    return None, None


def check_relation(row: Row, file: str) -> RelationRow:
    """Check one relation row's own cells (endpoints are checked on assembly).

    One of ``source`` and ``target`` may be blank when ``counterpart_type`` says
    what the unnamed side is; the named side's type is checked on assembly.
    """
    _check_cells(row, file)
    if not row.get("type"):
        raise SchemaError(file, row.line, "type", "empty type")
    rel_type = row.get("type")
    if rel_type not in SCHEMA.edges:
        raise SchemaError(
            file,
            row.line,
            "type",
            f"unknown relation type {rel_type!r}; expected one of {', '.join(SCHEMA.edges)}",
        )
    properties: dict[str, Any] = _counterpart(row, file, rel_type)
    amount, currency = _amount(row, file)
    properties.update(amount=amount, currency=currency)
    for column in ("date", "published"):
        if row.get(column):
            try:
                properties[column] = normalize_date(row.get(column))
            except ValueError as error:
                raise SchemaError(file, row.line, column, str(error)) from None
    confidence = _number(row, file, "confidence")
    if confidence is not None and not 0 <= confidence <= 1:
        raise SchemaError(file, row.line, "confidence", f"{confidence:g} is not within 0..1")
    properties["confidence"] = confidence
    for column in ("span_start", "span_end"):
        value = _number(row, file, column)
        if value is not None and not (0 <= value < _MAX_OFFSET and value == int(value)):
            raise SchemaError(
                file, row.line, column, f"a span offset is a whole number in 0..{_MAX_OFFSET - 1}"
            )
        properties[column] = None if value is None else int(value)
    document = row.get("document") or row.get("source_doc") or row.get("article")
    properties["source_doc"] = document or Path(file).name
    for column in ("outlet", "evidence", "extractor"):
        properties[column] = row.get(column) or None
    properties["extractor"] = properties["extractor"] or "table"
    return RelationRow(row.get("source"), row.get("target"), rel_type, properties)


def _counterpart(row: Row, file: str, rel_type: str) -> dict[str, Any]:
    """``counterpart_type`` and ``counterpart_count`` of a row, checked as far as the row allows."""
    counterpart = row.get("counterpart_type") or None
    count = _number(row, file, "counterpart_count")
    every_type = list(SCHEMA.nodes)  # the named side's types are known only on assembly
    ends = [every_type if row.get(end) else None for end in ("source", "target")]
    column, why = why_not_unnamed(rel_type, ends[0], ends[1], counterpart, count)
    if why:
        raise SchemaError(file, row.line, column, why)
    return {
        "counterpart_type": counterpart,
        "counterpart_count": None if count is None else int(count),
    }


_KIND_BY_STEM = {
    "entities": "actors",
    "actors": "actors",
    "nodes": "actors",
    "relations": "relations",
    "claims": "relations",
    "edges": "relations",
    "links": "relations",
}


def table_kind(columns: list[str], file: str | None = None) -> str | None:
    """``actors``, ``relations`` or ``investments`` from a header (or else the file name).

    >>> table_kind(["company_name", "investor_name", "funded_when", "amount_usd"])
    'investments'
    >>> table_kind(["source", "kind"], "data/relations.csv")
    'relations'
    """
    names = set(columns)
    if set(INVESTMENT_REQUIRED) <= names:
        return "investments"
    if set(RELATION_REQUIRED) <= names:
        return "relations"
    if "name" in names and ({"types", "type"} & names):
        return "actors"
    if file is not None:
        stem = Path(file).stem.lower().split(".")[0]
        return _KIND_BY_STEM.get(stem.removeprefix("tables_").split("_")[-1])
    return None


def _header(columns: list[Any], file: str) -> list[str]:
    header = [unescape_cell(str(c or "").strip()).lower() for c in columns]
    repeated = [c for c, n in Counter(header).items() if c and n > 1]
    if repeated:
        raise SchemaError(file, 1, repeated[0], f"the column {repeated[0]!r} appears twice")
    return header


def _require(file: str, kind: str, columns: list[str]) -> None:
    for column in _REQUIRED[kind]:
        if column not in columns:
            raise SchemaError(file, 1, column, f"missing column {column!r} in the {kind} table")
    if kind == "actors" and not ({"types", "type"} & set(columns)):
        raise SchemaError(file, 1, "types", "missing column 'types' in the actors table")


def _delimited(path: Path, kind: str | None) -> list[Table]:
    text, errors = read_text_lines(path)
    if errors and errors[0].line == 1:
        raise errors[0]
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        header = _header(next(reader), str(path))
    except StopIteration:
        raise SchemaError(str(path), None, None, "the file is empty") from None
    except csv.Error as error:
        raise SchemaError(str(path), 1, None, f"malformed CSV: {error}") from None
    kind = kind or table_kind(header, str(path))
    if kind is None:
        raise SchemaError(
            str(path),
            1,
            None,
            "cannot tell what this table holds: expected columns name,types (actors), "
            "source,target,type (relations) or company_name,investor_name (investments)",
        )
    _require(str(path), kind, header)
    table = Table(str(path), kind, header, errors=errors)
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                raise SchemaError(
                    str(path),
                    reader.line_num,
                    None,
                    f"{len(cells)} cells but the header has {len(header)} columns",
                )
            cells = [unescape_cell(c) for c in cells]
            table.rows.append(Row(reader.line_num, dict(zip(header, cells, strict=False))))
    except csv.Error as error:
        raise SchemaError(str(path), reader.line_num, None, f"malformed CSV: {error}") from None
    if not table.rows and not table.errors:
        raise SchemaError(str(path), None, None, f"the {kind} table has no rows")
    return [table]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _is_formula(value: Any) -> bool:
    return (isinstance(value, str) and value.startswith("=")) or hasattr(value, "text")


def _xlsx(path: Path) -> list[Table]:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        book = load_workbook(path, read_only=True, data_only=True)
        formulas = load_workbook(path, read_only=True, data_only=False)
    except Exception as error:
        raise SchemaError(str(path), None, None, f"not a readable XLSX workbook: {error}") from None
    tables = []
    for sheet, formula_sheet in zip(book.worksheets, formulas.worksheets, strict=True):
        rows = zip(
            sheet.iter_rows(values_only=True),
            formula_sheet.iter_rows(values_only=True),
            strict=False,
        )
        first = next(rows, None)
        if first is None:
            continue
        where = f"{path}[{sheet.title}]"
        header = _header(list(first[0]), where)
        kind = table_kind(header)
        if kind is None:
            continue
        _require(where, kind, header)
        table = Table(where, kind, header)
        for number, (values, written) in enumerate(rows, start=2):
            lost = [
                i
                for i, (value, formula) in enumerate(zip(values, written, strict=False))
                if value is None and _is_formula(formula) and i < len(header)
            ]
            if lost:
                message = (
                    f"cell {get_column_letter(lost[0] + 1)}{number} holds a formula without a "
                    "saved value; open and save the workbook in Excel, or paste values"
                )
                table.errors.append(SchemaError(where, number, header[lost[0]], message))
                continue
            cells = {h: _cell_text(v) for h, v in zip(header, values, strict=False)}
            if any(c.strip() for c in cells.values()):
                table.rows.append(Row(number, cells))
        tables.append(table)
    book.close()
    formulas.close()
    if not tables:
        raise SchemaError(str(path), None, None, "no sheet with an actors or relations header")
    return tables


def _json(path: Path, document: Any) -> list[Table]:
    if not isinstance(document, dict):
        raise SchemaError(str(path), 1, None, "expected an object with 'actors' and 'relations'")
    tables = []
    for kind, keys in (("actors", ("actors", "entities")), ("relations", ("relations", "claims"))):
        records = next((document[k] for k in keys if k in document), None)
        if records is None:
            continue
        if not isinstance(records, list):
            raise SchemaError(str(path), None, kind, f"'{kind}' must be a list of records")
        columns = sorted({str(k).lower() for r in records if isinstance(r, dict) for k in r})
        table = Table(str(path), kind, columns)
        for number, record in enumerate(records, start=1):
            if not isinstance(record, dict):
                raise SchemaError(str(path), number, None, f"{kind} record {number} is no object")
            cells = {str(k).lower(): "" if v is None else str(v) for k, v in record.items()}
            if len(cells) < len(record):
                raise SchemaError(str(path), number, None, f"{kind} record {number} repeats a key")
            table.rows.append(Row(number, cells))
        if table.rows:
            _require(str(path), kind, columns)
        tables.append(table)
    if not tables:
        raise SchemaError(str(path), 1, None, "expected an object with 'actors' and 'relations'")
    return tables


def read_json(path: str | os.PathLike[str]) -> Any:
    """Parse a JSON file; ``SchemaError`` names the line of a syntax error or a repeated key."""

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        repeated = [k for k, n in Counter(k for k, _ in pairs).items() if n > 1]
        if repeated:
            raise SchemaError(str(path), None, repeated[0], "the key appears twice in one object")
        return dict(pairs)

    try:
        return json.loads(read_text(path), object_pairs_hook=unique)
    except json.JSONDecodeError as error:
        raise SchemaError(str(path), error.lineno, None, f"invalid JSON: {error.msg}") from None


def read_tables(path: str | os.PathLike[str], kind: str | None = None) -> list[Table]:
    """Read the tables of one file (CSV, TSV, XLSX or JSON tables).

    ``kind`` forces ``actors``, ``relations`` or ``investments`` for delimited files; otherwise
    the header decides. JSON rows are numbered by record (1-based).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return _delimited(path, kind)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path)
    if suffix == ".json":
        return _json(path, read_json(path))
    raise SchemaError(str(path), None, None, f"unsupported table format {suffix!r}")
