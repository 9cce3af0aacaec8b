"""CSV text of a table column by column: the bytes pandas writes, without a Python step per cell.

``frame.to_csv(index=False, lineterminator="\\n")`` hands every cell to Python's
``csv`` writer; at a million rows that alone takes seconds. :func:`render_csv` gives the
same text from Arrow's string kernels: each column is rendered as a whole (text quoted
where Python's writer would quote it, numbers as pandas formats them, a missing cell
empty), the columns are joined row-wise, and the rows come out of one buffer. Tables
with other kinds of columns (dates, nullable numbers, mixed objects), one column or no
rows go to pandas, which writes them as before.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"name": ['甲 "乙" 丙', "a,b"], "n": [1, 2], "x": [0.5, float("nan")]})
>>> render_csv(frame) == frame.to_csv(index=False, lineterminator="\\n")
True
>>> print(render_csv(frame), end="")
name,n,x
"甲 ""乙"" 丙",1,0.5
"a,b",2,
"""

from __future__ import annotations

import csv
import io
from concurrent.futures import ThreadPoolExecutor
from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ecox.graph.machine import usable_cpus

__all__ = ["ROWS_AT_ONCE", "render_csv", "render_csv_bytes", "repeated_cells"]

_DELIMITER, _QUOTE, _LINE_END = ",", '"', "\n"


@cache
def _quote_pattern() -> str:
    """A regular expression matching text Python's ``csv`` writer quotes (asked of the
    writer itself: whether a carriage return is quoted depends on the Python version)."""
    probes = [_DELIMITER, _QUOTE, "\n", "\r"]
    quoted = [c for c in probes if _header([f"a{c}b", "x"]).startswith(_QUOTE)]
    return "[" + "".join("\\r" if c == "\r" else "\\n" if c == "\n" else c for c in quoted) + "]"


def _header(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=_LINE_END).writerow(cells)
    return buffer.getvalue()


def _text(value: str) -> pa.Scalar:
    return pa.scalar(value, pa.large_string())


def _rendered(column: pd.Series) -> pa.Array | None:
    """One column's cells as CSV text, or ``None`` for a kind of column left to pandas."""
    dtype = column.dtype
    if pd.api.types.is_bool_dtype(dtype) and isinstance(dtype, np.dtype):
        return pa.array(np.where(column.to_numpy(), "True", "False"), type=pa.large_string())
    if isinstance(dtype, np.dtype) and dtype.kind in "iu":
        return pc.cast(pa.array(column.to_numpy()), pa.large_string())  # as numpy writes them
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        return _repeated_floats_text(column.to_numpy())
    if not (pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)):
        return None
    try:
        text = pa.array(column, type=pa.large_string(), from_pandas=True)
    except (pa.ArrowException, TypeError, ValueError):  # objects other than text
        return None
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    encoded = repeated_cells(text)
    if encoded is not None:  # each distinct cell rendered once
        return pc.fill_null(_quoted(encoded.dictionary).take(encoded.indices), "")
    return pc.fill_null(_quoted(text), "")


#: A column with fewer distinct cells than one in this many is worked on by its distinct
#: cells (the evidence of a 1 MB text's candidates: 152,190 cells, 2,386 distinct).
_REPEATS = 4


def repeated_cells(cells: pa.Array) -> pa.DictionaryArray | None:
    """``cells`` by their distinct values when these repeat (fewer than one in
    :data:`_REPEATS`), else ``None``.

    >>> repeated_cells(pa.array(["a", "b"] * 5)).dictionary.to_pylist()
    ['a', 'b']
    >>> repeated_cells(pa.array(["a", "b", "c"])) is None
    True
    """
    encoded = cells.dictionary_encode()
    return encoded if len(encoded.dictionary) * _REPEATS < len(cells) else None


def _quoted(text: pa.Array) -> pa.Array:
    """Text cells quoted where Python's ``csv`` writer quotes them (a missing one stays
    missing)."""
    needs = pc.fill_null(pc.match_substring_regex(text, _quote_pattern()), False)
    quoting = pc.sum(needs).as_py() or 0
    if not quoting:
        return text
    if pc.any(pc.match_substring_regex(text, _QUOTE)).as_py():  # faster than a substring
        text = pc.replace_substring(text, _QUOTE, _QUOTE * 2)
    quoted = pc.binary_join_element_wise(_text(_QUOTE), text, _text(_QUOTE), _text(""))
    return quoted if quoting == len(text) else pc.if_else(needs, quoted, text)


def _repeated_floats_text(values: np.ndarray) -> pa.Array:
    """:func:`_float_text` of each distinct number once when they repeat (a probability
    rounded to four digits), else of all. Numbers are told apart by their bits: ``-0.0``
    is not ``0.0``.

    >>> _repeated_floats_text(np.array([0.5, -0.0, 0.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5])).to_pylist()
    ['0.5', '-0.0', '0.0', '0.5', '0.5', '0.5', '0.5', '0.5', '0.5']
    """
    if values.dtype != np.float64:
        return _float_text(values)
    encoded = repeated_cells(pa.array(values.view(np.int64)))
    if encoded is None:
        return _float_text(values)
    distinct = encoded.dictionary.to_numpy().view(np.float64)
    return _float_text(distinct).take(encoded.indices)


def _float_text(values: np.ndarray) -> pa.Array:
    """Floats as pandas writes them (Python's shortest round-trip form, ``1.0``, ``1e-05``),
    a NaN empty.

    Arrow's cast gives the same shortest digits, but writes a whole number without ``.0``
    and chooses an exponent otherwise: whole numbers get ``.0``, and numpy writes the cells
    where one of the two forms has an exponent (a few).

    >>> x = np.array([0.1, 2.0, -0.0, 1e-05, 1e16, 2.5e-4, 14527635654660.865, np.nan])
    >>> _float_text(x).to_pylist()
    ['0.1', '2.0', '-0.0', '1e-05', '1e+16', '0.00025', '14527635654660.865', '']
    """
    size = np.abs(values)
    plain = (size < 1e16) & ((size >= 1e-4) | (size == 0))  # no exponent in Python's form
    text = pc.cast(pa.array(values), pa.large_string())
    with np.errstate(invalid="ignore"):  # NaN and infinities are not whole
        whole = plain & (values == np.round(values))
    if whole.any():
        text = pc.if_else(whole, pc.binary_join_element_wise(text, _text(".0"), _text("")), text)
    exponent = pc.match_substring_regex(text, "e").to_numpy(zero_copy_only=False)
    other = (~plain | exponent) & ~np.isnan(values)
    if other.any():
        redone = pa.array(values[other].astype(str), pa.large_string())
        text = pc.replace_with_mask(text, other, redone)
    return pc.if_else(np.isnan(values), _text(""), text)


def render_csv(frame: pd.DataFrame) -> str:
    """``frame.to_csv(index=False, lineterminator="\\n")``, the same text, column-wise
    (at most :data:`ROWS_AT_ONCE` rows at a time, so the intermediate columns stay small;
    the blocks of equal size, rendered on as many threads as this process may use CPUs)."""
    return str(render_csv_bytes(frame), "utf-8")


def render_csv_bytes(frame: pd.DataFrame) -> bytes:
    """:func:`render_csv` as UTF-8 bytes, the form a file takes (no text decoded and
    encoded again).

    >>> render_csv_bytes(pd.DataFrame({"a": ["x,y"], "b": [1]}))
    b'a,b\\n"x,y",1\\n'
    """
    if len(frame.columns) < 2 or not len(frame):  # a lone empty cell is quoted: pandas
        return frame.to_csv(index=False, lineterminator=_LINE_END).encode()
    size = _block_size(len(frame), usable_cpus())

    def body(start: int) -> memoryview | None:
        return _body(frame.iloc[start : start + size])

    starts = range(0, len(frame), size)
    # Arrow's kernels let go of the interpreter: the blocks are rendered side by side
    with ThreadPoolExecutor(max(1, min(usable_cpus(), len(starts)))) as pool:
        bodies = list(pool.map(body, starts))
    if any(b is None for b in bodies):
        return frame.to_csv(index=False, lineterminator=_LINE_END).encode()
    # each row's line end is written before it, so the header's goes and one comes last
    header = _header([str(c) for c in frame.columns])[:-1].encode()
    return b"".join([header, *(b for b in bodies if b is not None), _LINE_END.encode()])


#: Rows rendered together by :func:`render_csv`, at most.
ROWS_AT_ONCE = 1 << 17
#: Fewer rows than this per thread are not worth a thread of their own.
_ROWS_PER_THREAD = 1 << 13


def _block_size(rows: int, cpus: int) -> int:
    """Rows per block: blocks of equal size, at most :data:`ROWS_AT_ONCE`, their number a
    multiple of the threads (so that no thread renders a whole block while the others
    have a sliver: 138,000 rows on 2 CPUs are 2 blocks of 69,000, not 131,072 and 6,928).

    >>> _block_size(138_000, 2), _block_size(300_000, 2), _block_size(5_000, 2)
    (69000, 75000, 5000)
    """
    threads = max(1, min(cpus, rows // _ROWS_PER_THREAD))
    blocks = -(-rows // ROWS_AT_ONCE)
    blocks += -blocks % threads
    return max(1, -(-rows // blocks))


def _body(frame: pd.DataFrame) -> memoryview | None:
    """The CSV lines of ``frame``'s rows, each after its line end, or ``None`` when a column
    is left to pandas."""
    columns = []
    for i in range(len(frame.columns)):
        rendered = _rendered(frame.iloc[:, i])
        if rendered is None:
            return None
        columns.append(rendered)
    columns[0] = pc.binary_join_element_wise(_text(_LINE_END), columns[0], _text(""))
    lines = pc.binary_join_element_wise(*columns, _text(_DELIMITER))
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)
    start, end = offsets[lines.offset], offsets[lines.offset + len(lines)]
    return memoryview(lines.buffers()[2])[start:end]
