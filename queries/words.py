"""Reason text of the triad and gap queries, one column at a time (pyarrow string kernels).

A reason per row is built from name columns and fixed words with the
element-wise string kernels of :mod:`pyarrow.compute`, never a Python loop
over rows; the result goes into a pandas ``str`` column without a copy.

Examples
--------
>>> names = pa.array(["甲", "乙", "丙"])
>>> text = concat(take(names, np.array([2, 0])), " meets ", take(names, np.array([1, 1])))
>>> text.to_pylist()
['丙 meets 乙', '甲 meets 乙']
>>> str(str_column(text).dtype)
'str'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "TEXT",
    "concat",
    "joined",
    "joined_lists",
    "joined_names",
    "name_array",
    "number_text",
    "ordered",
    "separated",
    "str_column",
    "take",
    "when",
]

Text: TypeAlias = "pa.Array | str"

#: The arrow type of every text column built here: 64-bit offsets, so a column may pass 2 GB.
TEXT = pa.large_string()


def name_array(column: pd.Series) -> pa.Array:
    """Actor names as an arrow string array (each value as ``str``).

    >>> name_array(pd.Series(["甲", 7])).to_pylist()
    ['甲', '7']
    """
    if isinstance(column.dtype, pd.StringDtype) and not column.hasnans:
        return pa.array(column.array).cast(TEXT)  # arrow-backed already: no Python objects
    values = column.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(values, skipna=False) == "string":
        return pa.array(values, type=TEXT)
    return pa.array([str(v) for v in values.tolist()], type=TEXT)


def take(names: pa.Array, positions: np.ndarray) -> pa.Array:
    """``names[positions]`` as an arrow array."""
    return names.take(pa.array(np.asarray(positions, dtype=np.int64)))


def concat(*parts: Text) -> pa.Array:
    """Element-wise concatenation of arrow string arrays and ``str`` constants."""
    return pc.binary_join_element_wise(*map(_text, parts), _text(""))


def separated(parts: Sequence[pa.Array], sep: str) -> pa.Array:
    """Element-wise join of ``parts`` with ``sep`` (every part kept, even when empty).

    >>> separated([pa.array(["a", ""]), pa.array(["b", "c"])], ", ").to_pylist()
    ['a, b', ', c']
    """
    return pc.binary_join_element_wise(*map(_text, parts), _text(sep))


def number_text(values: np.ndarray) -> pa.Array:
    """Integers as decimal strings.

    >>> number_text(np.array([3, 12])).to_pylist()
    ['3', '12']
    """
    return pc.cast(pa.array(np.asarray(values)), TEXT)


def _text(part: Text) -> pa.Array | pa.Scalar:
    """A ``str`` constant as an arrow scalar of :data:`TEXT`, an array cast to it."""
    if isinstance(part, str):
        return pa.scalar(part, TEXT)
    return part if part.type == TEXT else part.cast(TEXT)


def when(mask: np.ndarray | pa.Array, text: Text, otherwise: Text = "") -> pa.Array:
    """``text`` where ``mask``, else ``otherwise``.

    >>> when(np.array([True, False]), pa.array(["a", "b"])).to_pylist()
    ['a', '']
    """
    condition = mask if isinstance(mask, pa.Array) else pa.array(np.asarray(mask, dtype=bool))
    return pc.if_else(condition, _text(text), _text(otherwise))


def joined(parts: Sequence[pa.Array], sep: str) -> pa.Array:
    """Element-wise join of the non-empty strings of ``parts`` with ``sep``.

    One element-wise concatenation of the parts, a ``sep`` between two parts
    only in the rows where the first is non-empty and some later part too (no
    gather of every row's text by position: that reads the strings out of order).

    >>> joined([pa.array(["a", "", ""]), pa.array(["b", "c", ""])], "; ").to_pylist()
    ['a; b', 'c', '']
    """
    has = np.stack([pc.binary_length(_text(part)).to_numpy() > 0 for part in parts])
    later = np.logical_or.accumulate(has[::-1], axis=0)[::-1]  # some part from here on
    pieces: list[Text] = []
    for k, part in enumerate(parts):
        pieces.append(part)
        if k + 1 < len(parts):
            pieces.append(when(has[k] & later[k + 1], sep))
    return concat(*pieces)


def ordered(
    row: np.ndarray, col: np.ndarray, keys: tuple[np.ndarray, ...]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, col, place within the row) sorted by row, then ``keys`` of col (last key first).

    >>> [v.tolist() for v in ordered(np.array([1, 0, 0]), np.array([0, 2, 1]), (np.arange(3),))]
    [[0, 0, 1], [1, 2, 0], [0, 1, 0]]
    """
    order = np.lexsort((*(k[col] for k in keys), row))
    row, col = row[order], col[order]
    return row, col, np.arange(len(row)) - np.searchsorted(row, row)


def joined_names(
    row: np.ndarray,
    col: np.ndarray,
    keys: tuple[np.ndarray, ...],
    names: pa.Array,
    n_rows: int,
    limit: int,
) -> pa.Array:
    """Per row, its first ``limit`` column names ordered by ``keys`` (last key first),
    joined with ", " ("" for rows without columns).

    >>> joined_names(np.array([0, 0, 1]), np.array([2, 1, 0]), (np.array([0, 1, 2]),),
    ...               pa.array(["a", "b", "c"]), 3, 5).to_pylist()
    ['b, c', 'a', '']
    """
    row, col, nth = ordered(row, col, keys)
    kept = nth < limit
    return joined_lists(row[kept], take(names, col[kept]), n_rows, ", ")


def joined_lists(row: np.ndarray, values: pa.Array, n_rows: int, sep: str) -> pa.Array:
    """Join ``values`` (grouped by the sorted ``row``) per row with ``sep`` ("" for none).

    >>> joined_lists(np.array([0, 2, 2]), pa.array(["a", "b", "c"]), 3, "-").to_pylist()
    ['a', '', 'b-c']
    """
    offsets = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=n_rows), out=offsets[1:])
    lists = pa.LargeListArray.from_arrays(pa.array(offsets), _text(values))
    return pc.binary_join(lists, _text(sep))


def str_column(values: pa.Array | pa.ChunkedArray) -> pd.api.extensions.ExtensionArray:
    """An arrow string array as a pandas ``str`` array (nulls read as NaN), without a copy."""
    large = values.cast(TEXT)  # the storage pandas' own string kernels expect
    return pd.array(large, dtype=pd.StringDtype("pyarrow", na_value=np.nan))
