"""Tables whose columns are read on first use: a graph file's claims, the cached merged links.

A command rarely needs every column: ``ecox triads`` on a graph whose merged links are
cached reads the actors and two claim columns, not the claim ids, documents and dates
that make up most of a 1M-actor file. :class:`DeferredTable` holds a table's length,
its column names and a reader; :meth:`DeferredTable.frame` reads the columns asked for
(each once) and gives them as a DataFrame. :class:`DeferredField` is the dataclass
field that holds either a DataFrame or a deferred table and always *gives* a
DataFrame (the whole table, read on first access), so ``graph.claims`` stays a plain
DataFrame for every caller; :func:`columns_of` is the cheap way to a few columns.

Examples
--------
>>> import pandas as pd
>>> from dataclasses import dataclass
>>> asked = []
>>> def read(names):
...     asked.append(names)
...     return pd.DataFrame({n: [n.upper()] * 2 for n in names})
>>> @dataclass(frozen=True)
... class Pair:
...     rows: pd.DataFrame = DeferredField()
>>> pair = Pair(DeferredTable(2, ["a", "b"], read))
>>> columns_of(pair, "rows", ["b"])["b"].tolist(), asked
(['B', 'B'], [['b']])
>>> columns_of(pair, "rows", ["a"], keep=False)["a"].tolist(), asked  # read, not kept
(['A', 'A'], [['b'], ['a']])
>>> list(pair.rows.columns), asked  # the rest read once, when the whole table is asked for
(['a', 'b'], [['b'], ['a'], ['a']])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, overload

import pandas as pd

__all__ = ["DeferredField", "DeferredTable", "columns_of", "row_count", "stored_table"]

#: Reads some columns of a table (in the order asked) as a DataFrame with its full length.
ColumnReader = Callable[[list[str]], pd.DataFrame]


class DeferredTable:
    """A table of ``length`` rows and columns ``names`` whose columns ``read`` gives on demand.

    Each column is read once and kept; the DataFrames handed out share the kept columns
    (pandas copies a column on write, so a caller changing one does not change the others).
    """

    def __init__(self, length: int, names: Sequence[str], read: ColumnReader) -> None:
        self.length = length
        self.names = list(names)
        self._read = read
        self._columns: dict[str, pd.Series] = {}

    @property
    def read_names(self) -> list[str]:
        """The columns read so far, in the table's order."""
        return [n for n in self.names if n in self._columns]

    def frame(self, names: Sequence[str] | None = None, *, keep: bool = True) -> pd.DataFrame:
        """The columns ``names`` (every column when ``None``), reading those not read yet;
        with ``keep=False`` those are handed out and not kept (a column needed once, by a
        caller that slices it, is not held for the table's life)."""
        wanted = self.names if names is None else list(names)
        unknown = [n for n in wanted if n not in self.names]
        if unknown:
            raise KeyError(f"no such columns: {unknown}")
        missing = [n for n in wanted if n not in self._columns]
        columns = dict(self._columns)
        if missing:
            read = self._read(missing)
            if len(read) != self.length:
                raise ValueError(f"read {len(read)} rows of a table of {self.length}")
            columns |= {name: read[name] for name in missing}
            if keep:
                self._columns = columns
        return pd.DataFrame({n: columns[n] for n in wanted}, columns=wanted, copy=False)


class DeferredField:
    """A dataclass field holding a DataFrame or a :class:`DeferredTable`; reading the
    attribute gives the DataFrame (a deferred table is read whole once, then kept).

    The field has no default; a frozen dataclass may hold it (its ``__init__`` sets the
    value through this descriptor).
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self._slot = f"_{name}_table"

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> DeferredField: ...

    @overload
    def __get__(self, obj: object, owner: type | None = None) -> pd.DataFrame: ...

    def __get__(self, obj: object | None, owner: type | None = None) -> Any:
        if obj is None:  # the class's default: none
            raise AttributeError(self._slot)
        value = obj.__dict__[self._slot]
        if isinstance(value, DeferredTable):
            value = value.frame()
            obj.__dict__[self._slot] = value
        return value

    def __set__(self, obj: object, value: pd.DataFrame | DeferredTable) -> None:
        obj.__dict__[self._slot] = value

    def stored(self, obj: object) -> pd.DataFrame | DeferredTable:
        """What ``obj`` holds, without reading a deferred table."""
        value: pd.DataFrame | DeferredTable = obj.__dict__[self._slot]
        return value


def _field(obj: object, field: str) -> DeferredField:
    found = next((k.__dict__[field] for k in type(obj).__mro__ if field in k.__dict__), None)
    if not isinstance(found, DeferredField):
        raise TypeError(f"{type(obj).__name__}.{field} is not a deferred field")
    return found


def stored_table(obj: object, field: str) -> pd.DataFrame | DeferredTable:
    """What ``obj`` holds in the table ``field``: a DataFrame, or a deferred table not read
    whole yet (its :attr:`~DeferredTable.read_names` say which columns were read)."""
    return _field(obj, field).stored(obj)


def columns_of(
    obj: object, field: str, names: Sequence[str], *, keep: bool = True
) -> pd.DataFrame:
    """The columns ``names`` of ``obj``'s table ``field``, reading only those from a deferred
    table (a DataFrame already there is sliced); ``keep=False``: the columns read are not
    kept (:meth:`DeferredTable.frame`)."""
    value = stored_table(obj, field)
    if isinstance(value, DeferredTable):
        return value.frame(names, keep=keep)
    return value[list(names)]


def row_count(obj: object, field: str) -> int:
    """The number of rows of ``obj``'s table ``field``, without reading it."""
    value = stored_table(obj, field)
    return value.length if isinstance(value, DeferredTable) else len(value)
