"""Loading CSV and TSV tables column by column: the fast path of :func:`loaders.load.load_inputs`.

A table is parsed by pyarrow into string columns; every cell check of
:mod:`loaders.tables` and :mod:`loaders.investments` runs once per *distinct*
value of a column (the same functions, so the same results) and is mapped
back to the rows by their codes; actors without aliases resolve once per distinct
name (:mod:`graph.identity_columns`; with aliases, the :class:`graph.identity.Resolver`
takes the actor rows one by one); endpoints resolve by one lookup per input; endpoint
types are checked as bit masks (:meth:`graph.claims.ClaimGraph.validate`). The only
Python call per row is the SHA-1 of each claim id.

This path only succeeds: at the first sign of a problem (an undecodable line,
a ragged row, a cell a check refuses, a duplicate key, a forbidden pair) it
gives up with :class:`NotColumnar`, and the row-by-row loader reads the inputs
again to name the file, line and column, or to set the bad rows aside. An
endpoint that is no actor is named here (:class:`UnknownEndpointError`, the
row-by-row loader's message): re-reading a large input row by row only to find
it would take minutes. Inputs other than CSV/TSV tables (XLSX, JSON, reports)
always take the row-by-row path.

Examples
--------
>>> from ecox.loaders.load import seed_path
>>> graph, relation_rows = load_columnar([[seed_path()]])
>>> len(graph.actors), len(graph.claims), relation_rows
(101, 117, 117)
"""

from __future__ import annotations

import codecs
import csv
import io
import mmap
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ecox.graph.claims import ClaimGraph, actor_frame, plain_value
from ecox.graph.identity import Resolver, normalize_name
from ecox.graph.identity_columns import resolve_actor_rows
from ecox.graph.schema import SCHEMA, EdgeType, NodeType
from ecox.graph.unnamed import why_not_unnamed
from ecox.loaders.errors import SchemaError
from ecox.loaders.tables import _header, _require, table_kind
from ecox.loaders.textfile import read_text_lines
from ecox.loaders.values import normalize_date, parse_number
from ecox.store.safe_write import note_input
from ecox.store.spreadsheet import unescape_cell

__all__ = ["ColumnBatch", "NotColumnar", "UnknownEndpointError", "load_columnar"]

_DELIMITED = (".csv", ".tsv")
_OPTIONAL = (
    "id",
    "aliases",
    "amount",
    "amount_cny",
    "amount_usd",
    "currency",
    "date",
    "published",
    "confidence",
    "span_start",
    "span_end",
    "document",
    "source_doc",
    "article",
    "outlet",
    "evidence",
    "extractor",
    "counterpart_type",
    "counterpart_count",
    "funded_when",
)


_ACTORS = ["key", "name", "types", "aliases"]
#: What Python's ``str.isspace`` calls whitespace, as an RE2 class.
_SPACE = r"[\t\n\x0b\f\r\x1c-\x1f\x{85}\pZ]"
_NEEDS_CLEANING = rf"^(?:'|{_SPACE})|{_SPACE}$"
#: A byte that is not ASCII whitespace: a table with one is not blank.
_NOT_SPACE = re.compile(rb"\S")


class NotColumnar(Exception):
    """The inputs need the row-by-row loader (a problem to report, or a format it alone reads)."""


class UnknownEndpointError(SchemaError):
    """A relation names an actor that no input has (named as the row-by-row loader names it)."""


@dataclass
class ColumnBatch:
    """Checked actors and relations of one input, as frames.

    ``actors``: ``key, name, types, aliases`` (``types``/``aliases`` as lists);
    ``relations``: ``source, target, type`` and claim columns; ``relation_files``: the file
    and the number of rows of each part of ``relations``, in order.
    """

    actors: pd.DataFrame
    relations: pd.DataFrame
    relation_files: tuple[tuple[str, int], ...] = ()


def _each_distinct(
    column: pd.Series, func: Callable[[str], Any], dtype: str | None = None
) -> pd.Series:
    """``column.map(func)``, calling ``func`` once per distinct value; any error gives up.

    With ``dtype`` (``"string"``, ``"Float64"``, ``"Int64"``) the result is a typed column
    (``None`` missing), built by one take from the distinct results; else Python objects.
    """
    if len(column) and _all_empty(column):  # e.g. an optional column left empty
        codes, distinct = np.zeros(len(column), dtype=np.intp), [""]
    else:
        codes, uniques = pd.factorize(column)
        distinct = uniques.tolist()
    try:
        values = [func(u) for u in distinct]
    except (ValueError, SchemaError) as error:
        raise NotColumnar(str(error)) from None
    if dtype is not None and len(values) == 1:  # e.g. an optional column left empty
        return pd.Series(values[0], index=column.index, dtype=dtype)
    if dtype is not None:
        return pd.Series(pd.array(values, dtype=dtype).take(codes), index=column.index)
    mapped = np.empty(len(values), dtype=object)
    mapped[:] = values
    return pd.Series(mapped[codes], index=column.index)


def _all_empty(column: pd.Series) -> bool:
    return not pc.max(pc.binary_length(pa.array(column))).as_py()


def _parse(data: bytes | memoryview, path: Path) -> pa.Table:
    """Every cell of a delimited table as text (the header is row 0); ``ArrowException``
    (e.g. bytes that are not UTF-8) if pyarrow cannot."""
    table = pacsv.read_csv(
        pa.BufferReader(data),
        parse_options=pacsv.ParseOptions(
            delimiter="\t" if path.suffix.lower() == ".tsv" else ",",
            newlines_in_values=True,
        ),
        convert_options=pacsv.ConvertOptions(
            column_types={},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
            null_values=[],
            auto_dict_encode=False,
        ),
        read_options=pacsv.ReadOptions(autogenerate_column_names=True),
    )
    return table.cast(pa.schema([(name, pa.string()) for name in table.column_names]))


def _read_table(path: Path) -> pa.Table:
    """The table's cells, parsed from the file's bytes when they are plain UTF-8 (no
    decoding pass), else from the text :func:`loaders.textfile.read_text_lines` proves."""
    note_input(path)
    data = _mapped(path)  # the bytes read in place: no copy of a large table
    start = len(codecs.BOM_UTF8) if data[:3] == codecs.BOM_UTF8 else 0
    plain = _NOT_SPACE.search(data, start) is not None and data.find(b"\r") < 0
    if plain and data.find(b"\x00", start, start + 4096) < 0:
        try:
            return _parse(memoryview(data)[start:], path)
        except pa.ArrowException:  # not UTF-8 after all: decode as the row loader does
            pass
    text, errors = read_text_lines(path)
    if errors:
        raise NotColumnar("undecodable lines")
    try:
        return _parse(text.encode("utf-8"), path)
    except (UnicodeEncodeError, pa.ArrowException) as error:
        raise NotColumnar(str(error)) from None


def _mapped(path: Path) -> bytes | mmap.mmap:
    """The file's bytes, memory-mapped (an empty file cannot be mapped: ``b""``)."""
    with path.open("rb") as file:
        if not os.fstat(file.fileno()).st_size:
            return b""
        return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)


def _read_frame(path: Path) -> tuple[str, pd.DataFrame]:
    """``(kind, cells)``: the table's kind and its stripped, unescaped string cells."""
    table = _read_table(path)
    frame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype()}.get)
    if not len(frame):
        raise NotColumnar("empty table")
    header = _header(list(frame.iloc[0]), str(path))
    kind = table_kind(header, str(path))
    if kind is None:
        raise NotColumnar("unknown kind")
    _require(str(path), kind, header)
    frame = frame.iloc[1:].set_axis(header, axis=1)
    frame = frame.loc[:, [c for c in header if c]]
    blank = np.ones(len(frame), dtype=bool)
    for column in frame.columns:
        frame[column] = _clean(frame[column])
        if blank.any():
            blank &= pc.equal(pa.array(frame[column]), "").to_numpy(zero_copy_only=False)
    if blank.any():
        frame = frame[~blank]
    frame = frame.reset_index(drop=True)
    if not len(frame):
        raise NotColumnar("no rows")
    return kind, frame


def _clean(column: pd.Series) -> pd.Series:
    """Cells as :meth:`loaders.tables.Row.get` sees them: unescaped, stripped (Python's
    rules, applied only to the cells that start with a quote or have whitespace at an end)."""
    maybe = _edge_candidates(pa.array(column))
    if not maybe.any():
        return column
    needs = np.zeros(len(column), dtype=bool)
    needs[maybe] = column[maybe].str.contains(_NEEDS_CLEANING, regex=True).to_numpy(dtype=bool)
    if not needs.any():
        return column
    column = column.copy()
    column[needs] = [unescape_cell(c).strip() for c in column[needs].tolist()]
    return column


@cache
def _edge_tables() -> tuple[np.ndarray, np.ndarray, dict[int, np.ndarray]]:
    """Byte tables of what ``str.isspace`` calls whitespace (every such character is below
    U+3001): the first bytes a cell to clean can start with (a quote too), the last bytes
    a whitespace character can end with, and for each UTF-8 length above one the lead
    bytes of such characters."""
    spaces = [chr(c).encode("utf-8") for c in range(0x3001) if chr(c).isspace()]
    first, last = np.zeros(256, dtype=bool), np.zeros(256, dtype=bool)
    first[[s[0] for s in spaces] + [ord("'")]] = True
    last[[s[-1] for s in spaces]] = True
    leads = {}
    for size in sorted({len(s) for s in spaces} - {1}):
        leads[size] = np.zeros(256, dtype=bool)
        leads[size][[s[0] for s in spaces if len(s) == size]] = True
    return first, last, leads


def _edge_candidates(column: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Rows whose cell may start with a quote or whitespace or end with whitespace, from
    the bytes at its ends (a superset: the regular expression decides).

    >>> _edge_candidates(pa.array(["a", " a", "a\u3000", "'=1", "中文", ""])).tolist()
    [False, True, True, True, False, False]
    """
    first, last, leads = _edge_tables()
    masks = []
    for chunk in column.chunks if isinstance(column, pa.ChunkedArray) else [column]:
        wide = pa.types.is_large_string(chunk.type)
        raw = np.frombuffer(chunk.buffers()[1], dtype=np.int64 if wide else np.int32)
        offsets = raw[chunk.offset : chunk.offset + len(chunk) + 1].astype(np.int64)
        data = chunk.buffers()[2]
        cells = np.frombuffer(data, dtype=np.uint8) if data else np.zeros(1, dtype=np.uint8)
        start, end = offsets[:-1], offsets[1:]
        rows = np.flatnonzero(end > start)
        start, end = start[rows], end[rows]
        tail = cells[end - 1]
        maybe = first[cells[start]] | (last[tail] & (tail < 0x80))
        wider = np.flatnonzero(last[tail] & (tail >= 0x80))  # may end a multi-byte space
        for size, lead in leads.items():
            fits = wider[end[wider] - start[wider] >= size]
            maybe[fits] |= lead[cells[end[fits] - size]]
        mask = np.zeros(len(chunk), dtype=bool)
        mask[rows] = maybe
        masks.append(mask)
    return np.concatenate(masks) if masks else np.zeros(0, dtype=bool)


def _cells(frame: pd.DataFrame, column: str) -> pd.Series:
    if column in frame.columns:
        return frame[column]
    return pd.Series("", index=frame.index, dtype="string")


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split("|") if part.strip()]


def _name(name: str) -> str:
    if not name or (not any(map(str.isalnum, name)) and not normalize_name(name)):
        raise NotColumnar("bad name")
    return name


def _types(text: str) -> str:
    types = _split(text)
    if not types or any(t not in SCHEMA.nodes for t in types):
        raise NotColumnar("bad types")
    return "|".join(dict.fromkeys(types))


def _actors(frame: pd.DataFrame) -> pd.DataFrame:
    names = _each_distinct(_cells(frame, "name"), _name, "string")
    type_column = "types" if "types" in frame.columns else "type"
    keys = _cells(frame, "id")
    return pd.DataFrame(
        {
            "key": keys.where(keys != "", names),
            "name": names,
            "types": _each_distinct(_cells(frame, type_column), _types, "string"),
            "aliases": _each_distinct(
                _cells(frame, "aliases"), lambda text: "|".join(_split(text)), "string"
            ),
        }
    )


def _number(
    column: pd.Series, check: Callable[[float], bool] = lambda v: True, *, whole: bool = False
) -> pd.Series:
    def parse(text: str) -> float | None:
        value = parse_number(text)
        if value is not None and not check(value):
            raise ValueError(f"{value} out of range")
        if whole and value is not None and value != int(value):
            raise ValueError(f"{value} is not a whole number")
        return int(value) if whole and value is not None else value

    return _each_distinct(column, parse, "Int64" if whole else "Float64")


def _date(text: str) -> str | None:
    return normalize_date(text) if text else None


def _relations(frame: pd.DataFrame, file: str) -> pd.DataFrame:
    """The claim columns :func:`loaders.tables.check_relation` gives, for every row at once."""
    source, target, rel = (_cells(frame, c) for c in ("source", "target", "type"))
    if not rel.isin(list(SCHEMA.edges)).all():
        raise NotColumnar("unknown relation type")
    out = pd.DataFrame({"source": source, "target": target, "type": rel})
    out["counterpart_type"] = _each_distinct(
        _cells(frame, "counterpart_type"), lambda c: c or None, "string"
    )
    counts = _number(_cells(frame, "counterpart_count"), whole=True)
    out["counterpart_count"] = counts
    unusual = (source == "") | (target == "") | out["counterpart_type"].notna() | counts.notna()
    every_type = list(SCHEMA.nodes)  # the named side's types are checked on assembly
    for row, count in zip(
        out[unusual.to_numpy()].itertuples(index=False), counts[unusual], strict=True
    ):
        ends = [every_type if end else None for end in (row.source, row.target)]
        kind, count = plain_value(row.counterpart_type), plain_value(count)
        if why_not_unnamed(row.type, ends[0], ends[1], kind, count)[1]:
            raise NotColumnar("unnamed side")
    amount = pd.Series(pd.NA, index=frame.index, dtype="Float64")
    currency = pd.Series(pd.NA, index=frame.index, dtype="string")
    given = _each_distinct(_cells(frame, "currency"), lambda c: (c or "CNY").upper(), "string")
    for column, fixed in (("amount", None), ("amount_cny", "CNY"), ("amount_usd", "USD")):
        value = _number(_cells(frame, column), lambda v: v >= 0)
        take = amount.isna() & value.notna()
        amount = amount.where(~take, value)
        currency = currency.where(~take, given if fixed is None else fixed)
    codes = pc.drop_null(pc.unique(pa.array(currency, type=pa.string(), from_pandas=True)))
    if len(codes) and not pc.all(pc.match_substring_regex(codes, r"^[A-Z]{3}$")).as_py():
        raise NotColumnar("bad currency")
    out["amount"], out["currency"] = amount, currency
    out["date"] = _each_distinct(_cells(frame, "date"), _date, "string")
    out["published"] = _each_distinct(_cells(frame, "published"), _date, "string")
    out["confidence"] = _number(_cells(frame, "confidence"), lambda v: 0 <= v <= 1)
    for column in ("span_start", "span_end"):
        out[column] = _number(
            _cells(frame, column), lambda v: 0 <= v < 10**9 and v == int(v), whole=True
        )
    document = _cells(frame, "document")
    for column in ("source_doc", "article"):
        document = document.where(document != "", _cells(frame, column))
    out["source_doc"] = document.where(document != "", Path(file).name)
    for column in ("outlet", "evidence"):
        cells = _cells(frame, column)
        out[column] = cells.where(cells != "", None)
    extractor = _cells(frame, "extractor")
    out["extractor"] = extractor.where(extractor != "", "table")
    return out


def _investments(frame: pd.DataFrame, file: str) -> ColumnBatch:
    """What :func:`loaders.investments.read_investments` reads, column by column."""
    company = _each_distinct(_cells(frame, "company_name"), _name, "string")
    investor = _each_distinct(_cells(frame, "investor_name"), _name, "string")
    amount = _number(_cells(frame, "amount_usd"), lambda v: v >= 0)
    relations = pd.DataFrame(
        {
            "source": investor,
            "target": company,
            "type": str(EdgeType.INVESTED_IN),
            "source_doc": Path(file).name,
            "extractor": "investments",
            "amount": amount,
            "currency": pd.Series("USD", index=frame.index, dtype="string").where(
                amount.notna(), None
            ),
            "date": _each_distinct(_cells(frame, "funded_when"), _date, "string"),
        }
    )
    companies, investors = set(company), set(investor)
    names = sorted(companies | investors)
    types = [
        "|".join(
            t
            for t, s in ((NodeType.ENTERPRISE, companies), (NodeType.INVESTOR, investors))
            if n in s
        )
        for n in names
    ]
    actors = pd.DataFrame(
        {"key": names, "name": names, "types": types, "aliases": ""}, dtype="string"
    )
    return ColumnBatch(actors, relations)


def _paths(path: Path) -> list[Path]:
    if not path.exists():
        raise NotColumnar("missing")
    note_input(path)
    if path.is_dir():
        files = sorted(
            p
            for p in path.iterdir()
            if p.suffix.lower() in (*_DELIMITED, ".xlsx", ".xlsm", ".json")
            and p.stem.lower() != "candidates"  # relations ecox extract did not accept
        )
        if not files or any(p.suffix.lower() not in _DELIMITED for p in files):
            raise NotColumnar("folder with other tables")
        return files
    if path.suffix.lower() not in _DELIMITED:
        raise NotColumnar("not a delimited table")
    return [path]


def _batches(group: Sequence[Path]) -> list[ColumnBatch]:
    """The batches of one input (a folder, or tables given side by side), in the row-by-row
    loader's order (deal tables first)."""
    deals, actors, relations, files = [], [], [], []
    for file in (f for path in group for f in _paths(path)):
        kind, frame = _read_frame(file)
        if kind == "investments":
            deals.append(_investments(frame, str(file)))
        elif kind == "actors":
            actors.append(_actors(frame))
        else:
            relations.append(_relations(frame, str(file)))
            files.append((str(file), len(frame)))
    batches = deals
    if actors or relations:
        batches.append(
            ColumnBatch(
                pd.concat(actors, ignore_index=True) if actors else pd.DataFrame(columns=_ACTORS),
                pd.concat(relations, ignore_index=True) if relations else pd.DataFrame(),
                tuple(files),
            )
        )
    return batches


def _resolve_batch(
    batch: ColumnBatch, row_ids: pa.Array, lookup: Callable[[pa.Array], pa.Array]
) -> pd.DataFrame:
    """The batch's relations with actor ids for endpoints: a key of the batch's own actors
    (``row_ids`` aligned with them), else a name or id ``lookup`` knows (once per value)."""
    claims = batch.relations.copy(deep=False)  # endpoints replaced, the rest shared
    keys = pa.array(batch.actors["key"], type=pa.string())
    unknown: list[tuple[int, int, str]] = []  # (row, 0 source / 1 target, end)
    for side, end in enumerate(("source", "target")):
        values = pa.array(claims[end], type=pa.string())
        found = row_ids.take(pc.index_in(values, value_set=keys))
        elsewhere = pc.and_(pc.is_null(found), pc.not_equal(values, ""))  # "": unnamed side
        if pc.any(elsewhere).as_py():
            names = pc.unique(values.filter(elsewhere))
            found = pc.coalesce(found, lookup(names).take(pc.index_in(values, value_set=names)))
            missing = pc.and_(pc.is_null(found), elsewhere)
            if pc.any(missing).as_py():
                unknown.append((pc.index(missing, True).as_py(), side, end))
        claims[end] = pd.arrays.ArrowStringArray(pc.fill_null(found, ""))
    if unknown:
        row, _, end = min(unknown)
        raise _unknown_endpoint(batch, row, end)
    return claims


def _unknown_endpoint(batch: ColumnBatch, row: int, end: str) -> UnknownEndpointError:
    """The error of the row-by-row loader for relation ``row`` of ``batch`` (its first row
    naming no actor), with the line found by reading that file's records up to it."""
    value = str(batch.relations[end].iloc[row])
    ends = np.cumsum([rows for _, rows in batch.relation_files])
    file = batch.relation_files[int(np.searchsorted(ends, row, side="right"))][0]
    message = f"{end} {value!r} is not an actor of this input"
    return UnknownEndpointError(file, _line_of(Path(file), end, value), end, message)


def _malformed(path: Path) -> bool:
    """Whether :func:`loaders.tables.read_tables`' strict CSV reader refuses the file (only
    quotes can make it refuse what pyarrow parsed)."""
    data = _mapped(path)
    if data.find(b'"') < 0:
        return False
    try:
        for _ in _records(path):
            pass
    except csv.Error:
        return True
    return False


def _records(path: Path) -> Any:
    """A strict CSV reader of the file's text, as :func:`loaders.tables.read_tables` reads it."""
    text, _ = read_text_lines(path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    return csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)


def _line_of(path: Path, column: str, value: str) -> int | None:
    """The line number :func:`loaders.tables.read_tables` gives the first row whose
    ``column`` cell is ``value`` (stripped and unescaped), read until that row only."""
    reader = _records(path)
    index = _header(next(reader), str(path)).index(column)
    try:
        for cells in reader:
            if index < len(cells) and unescape_cell(cells[index]).strip() == value:
                return reader.line_num
    except csv.Error:  # the row-by-row loader names it
        raise NotColumnar("malformed CSV") from None
    return None


def _one_by_one(
    actors: pd.DataFrame,
) -> tuple[pa.Array, pd.DataFrame, Callable[[pa.Array], pa.Array]]:
    """:func:`graph.identity_columns.resolve_actor_rows`' results from the one-by-one
    :class:`~graph.identity.Resolver` (rows with aliases may merge actors)."""
    resolver = Resolver()
    ids = resolver.add_many(
        actors["name"].tolist(),
        [t.split("|") for t in actors["types"].tolist()],
        [a.split("|") if a else [] for a in actors["aliases"].tolist()],
    )

    def settle(found: str | None) -> str | None:  # an id a later row merged away, followed
        if found is None or resolver.settled(found):
            return found
        return resolver.resolve(found) or found

    def lookup(values: pa.Array) -> pa.Array:
        return pa.array([settle(resolver.resolve(v)) for v in values.to_pylist()], pa.string())

    row_ids = pa.array(_each_distinct(pd.Series(ids, dtype="string"), settle, "string"))
    found = resolver.actors.values()
    table = pd.DataFrame(
        {
            "id": [a.id for a in found],
            "name": [a.name for a in found],
            "types": ["|".join(a.types) for a in found],
            "aliases": ["|".join(a.aliases) for a in found],
        }
    )
    return row_ids, table, lookup


def _resolve_actors(
    actors: pd.DataFrame,
) -> tuple[pa.Array, pd.DataFrame, Callable[[pa.Array], pa.Array]]:
    """Every input's actor rows, in order: each row's actor id, the actor table, and the
    lookup of a name or id; column by column unless a row has aliases."""
    if (actors["aliases"] == "").all():
        names, types = (pa.array(actors[c], type=pa.string()) for c in ("name", "types"))
        resolved = resolve_actor_rows(names, types)
        if resolved is not None:
            return resolved.row_ids, resolved.actors, resolved.lookup
    return _one_by_one(actors)


def load_columnar(inputs: Sequence[Sequence[str | os.PathLike[str]]]) -> tuple[ClaimGraph, int]:
    """Load CSV/TSV inputs as :func:`loaders.load.load_inputs` does (strict mode).

    Each input is a list of paths (a folder, or tables given side by side:
    :func:`loaders.load.input_groups`). Returns the graph and the number of relation rows
    read; raises :class:`UnknownEndpointError` naming the file, line and column of the first
    relation whose endpoint is no actor, and :class:`NotColumnar` when the row-by-row loader
    must take over.
    """
    batches = [b for group in inputs for b in _batches([Path(p) for p in group])]
    if any(batch.actors["key"].duplicated().any() for batch in batches):
        raise NotColumnar("duplicate actor id")
    row_ids, table, lookup = _resolve_actors(
        pd.concat([b.actors for b in batches] or [pd.DataFrame(columns=_ACTORS)])
    )
    claims, start = [], 0
    try:
        for batch in batches:
            if len(batch.relations):
                claims.append(
                    _resolve_batch(batch, row_ids.slice(start, len(batch.actors)), lookup)
                )
            start += len(batch.actors)
    except UnknownEndpointError:
        # the row-by-row loader reads every table before resolving, with a stricter parser
        if any(_malformed(f) for group in inputs for p in group for f in _paths(Path(p))):
            raise NotColumnar("malformed CSV") from None
        raise
    del batches  # the unresolved columns
    frame = (
        claims[0] if len(claims) == 1 else pd.concat(claims or [pd.DataFrame()], ignore_index=True)
    )
    del claims
    try:
        graph = ClaimGraph.from_tables(actor_frame(table), frame)
    except ValueError as error:
        raise NotColumnar(str(error)) from None
    return graph, len(frame)
