"""An answer of the embedded Cypher engine: plain columns, a DataFrame only when asked for.

:class:`Answer` holds what LadybugDB gave (an Arrow table, or rows of Python values)
and the column names. The Python API asks for :meth:`Answer.frame`, a DataFrame; the
``ecox cypher`` command asks for :meth:`Answer.render`, the text of a readable table, CSV
or JSON, written here without importing pandas (0.3–0.4 s of start-up) and byte for byte
what :meth:`ecox.output.TableOutput.emit` writes for the DataFrame. Each column is first
given the kind pandas would infer for it (whole numbers, numbers with gaps, text with
gaps, flags, anything else); a column holding values this module does not render as
pandas does (times, decimals, a number among other values) makes :meth:`Answer.render`
return None, and the caller goes through the DataFrame.

Examples
--------
>>> answer = Answer(["name", "amount"], rows=[["甲", 5e6], ["乙", None]])
>>> print(answer.render("table", rows=None), end="")
name    amount
   甲 5000000.0
   乙       NaN
>>> print(answer.render("csv", rows=None), end="")
name,amount
甲,5000000.0
乙,
>>> answer.frame().dtypes.astype(str).tolist()
['str', 'float64']
"""

from __future__ import annotations

__all__ = ["Answer"]

import csv
import datetime as dt
import io
import json
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ecox.graph.characters import neutralise_bidi
from ecox.store.spreadsheet import escape_cell

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

#: Decimals a readable table shows (``DataFrame.round``) and the digits pandas formats with.
_ROUNDED, _DIGITS = 3, 6
_INT64 = range(-(2**63), 2**63)
#: What pandas escapes in a readable table's text.
_ESCAPES = str.maketrans({"\t": "\\t", "\r": "\\r", "\n": "\\n"})
_DECIMAL_NUMBER = re.compile(r"^\s*[+-]?[0-9]+\.[0-9]*$")


class Answer:
    """The columns ``columns`` of an answer: an Arrow ``table`` of plain values, ``rows`` of
    Python values, or a DataFrame already made (``frame``, written by pandas)."""

    def __init__(
        self,
        columns: Sequence[str],
        *,
        table: pa.Table | None = None,
        rows: list[list[Any]] | None = None,
        frame: pd.DataFrame | None = None,
    ) -> None:
        self.columns = list(columns)
        self.table = table
        self.rows = rows
        self._frame = frame

    def __len__(self) -> int:
        if self._frame is not None:
            return len(self._frame)
        return self.table.num_rows if self.table is not None else len(self.rows or [])

    def frame(self) -> pd.DataFrame:
        """The answer as the Python API gives it: text through pandas (the same text column a
        list of Python strings gives), the rest as lists (lists stay lists, nulls None)."""
        if self._frame is not None:
            return self._frame
        import pandas as pd
        import pyarrow as pa

        if self.table is None:
            frame = pd.DataFrame(self.rows or [], columns=self.columns)
        else:
            values = {}
            for i, column in enumerate(self.table.columns):
                text = pa.types.is_string(column.type) or pa.types.is_large_string(column.type)
                use_pandas = text and column.null_count < len(column)
                values[i] = column.to_pandas() if use_pandas else column.to_pylist()
            frame = pd.DataFrame(values)
            frame.columns = pd.Index(self.columns)
        return frame.astype(object) if frame.empty else frame

    def _column_values(self) -> list[list[Any]]:
        if self.table is not None:
            return [column.to_pylist() for column in self.table.columns]
        return [list(column) for column in zip(*self.rows, strict=True)] if self.rows else []

    def render(self, format: str, *, rows: int | None) -> str | None:
        """The text :meth:`ecox.output.TableOutput.emit` writes for :meth:`frame` in
        ``format`` (``table``, ``csv`` or ``json``), a readable table cut to its first
        ``rows`` rows; None when only pandas can write it so.

        >>> Answer(["n"], rows=[[1], [22]]).render("json", rows=None)
        '[{"n": 1}, {"n": 22}]\\n'
        >>> Answer(["when"], rows=[[dt.datetime(2025, 1, 1)]]).render("table", rows=None) is None
        True
        """
        if self._frame is not None or len(set(self.columns)) != len(self.columns):
            return None
        if not self.columns:
            return None
        columns = self._column_values()
        if not columns:
            columns = [[] for _ in self.columns]
        kinds = [k for k in map(_kind, columns) if k is not None]
        if len(kinds) != len(columns):
            return None
        if format == "json":
            return _json(self.columns, columns, kinds)
        if format == "csv":
            return _csv(self.columns, columns, kinds)
        if not len(self):
            return "(no rows) " + ", ".join(self.columns) + "\n"
        shown = [_shown(values[:rows], kind) for values, kind in zip(columns, kinds, strict=True)]
        if any(s is None for s in shown):
            return None
        cells = [s[0] for s in shown if s is not None]
        # pandas heads a column of numbers or flags with a space
        numeric = [s is not None and s[1] for s in shown]
        names = [f" {n}" if k else n for n, k in zip(self.columns, numeric, strict=True)]
        return neutralise_bidi(_aligned(names, cells)) + "\n"


def _kind(values: list[Any]) -> str | None:
    """The kind of column pandas makes of ``values``: ``int``, ``float`` (numbers with gaps),
    ``bool``, ``str`` (text with gaps), ``object`` (None, lists, maps, dates, text and
    flags mixed); None for values not rendered here."""
    types = {type(v) for v in values}
    if not types <= {type(None), bool, int, float, str, list, dict, dt.date}:
        return None
    if any(type(v) is int and v not in _INT64 for v in values):
        return None
    if types == {int}:
        return "int"
    if types == {bool}:
        return "bool"
    if types and types <= {int, float, type(None)} and types != {type(None)}:
        return "float"
    if str in types and types <= {str, type(None)}:
        return "str"
    if types & {int, float}:  # a number among other values: pandas' own formatting
        return None
    return "object"


def _json_cell(value: Any) -> Any:
    """A list or a map as the JSON text a CSV cell or a readable table shows."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _json(names: list[str], columns: list[list[Any]], kinds: list[str]) -> str:
    plain = [
        [None if v is None else float(v) for v in values] if kind == "float" else values
        for values, kind in zip(columns, kinds, strict=True)
    ]
    records = [dict(zip(names, row, strict=True)) for row in zip(*plain, strict=True)]
    return json.dumps(records, ensure_ascii=False, default=str) + "\n"


def _csv_cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "float":
        return "" if math.isnan(value) else repr(float(value))
    value = _json_cell(value)
    return str(escape_cell(value))


def _csv(names: list[str], columns: list[list[Any]], kinds: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([str(escape_cell(name)) for name in names])
    for row in zip(*columns, strict=True):
        writer.writerow([_csv_cell(v, kind) for v, kind in zip(row, kinds, strict=True)])
    return buffer.getvalue()


def _rounded(value: float) -> float:
    """``value`` rounded to :data:`_ROUNDED` decimals as numpy rounds (scaled, rounded half
    to even, scaled back), the sign of a zero kept."""
    if not math.isfinite(value):
        return value
    scale = 10.0**_ROUNDED
    scaled = value * scale
    if not math.isfinite(scaled):  # past the float range once scaled: numpy gives ±inf
        return scaled / scale
    whole = round(scaled)
    return math.copysign(whole / scale, scaled) if whole == 0 else whole / scale


def _shown(values: list[Any], kind: str) -> tuple[list[str], bool] | None:
    """A readable table's cells of one column as pandas shows them after ``map`` (lists and
    maps to JSON text: pandas then infers the kind of the column again, from the rows
    shown) and ``round(3)``, and whether pandas takes it for numbers (a space before its
    name); None when only pandas shows it so."""
    if kind == "str" and all(v is None for v in values):
        kind = "float"  # the gaps of text are NaN: alone they make a column of numbers
    elif kind == "object":
        values = [_json_cell(v) for v in values]
        kind = _kind(values) or "other"
    if kind == "float":
        return _float_cells([math.nan if v is None else _rounded(float(v)) for v in values]), True
    if kind in ("int", "bool"):
        return [str(v) for v in values], True
    if kind == "str":
        return ["NaN" if v is None else v.translate(_ESCAPES) for v in values], False
    if kind != "object":
        return None
    shown = ["None" if v is None else str(v) for v in values]
    return [c.translate(_ESCAPES) for c in shown], False


def _float_cells(values: list[float]) -> list[str]:
    """Numbers as pandas shows a column of them: six decimals, trailing zeros trimmed equally
    (one kept), or six digits with an exponent when a number is tiny, or huge and long."""
    cells = _trimmed([f"{v:.{_DIGITS}f}" if not math.isnan(v) else "NaN" for v in values])
    too_long = max((len(c) for c in cells), default=0) > _DIGITS + 6
    large = any(abs(v) > 1e6 for v in values if not math.isnan(v))
    small = any(0 < abs(v) < 10**-_DIGITS for v in values if not math.isnan(v))
    if small or (too_long and large):
        cells = _trimmed([f"{v:.{_DIGITS}e}" if not math.isnan(v) else "NaN" for v in values])
    return cells


def _trimmed(cells: list[str]) -> list[str]:
    numbers = [_DECIMAL_NUMBER.match(c) is not None for c in cells]
    if not any(numbers):
        return cells
    while all(c.endswith("0") for c, n in zip(cells, numbers, strict=True) if n):
        cells = [c[:-1] if n else c for c, n in zip(cells, numbers, strict=True)]
    return [c + "0" if n and c.endswith(".") else c for c, n in zip(cells, numbers, strict=True)]


def _aligned(names: list[str], cells: list[list[str]]) -> str:
    """Columns right-aligned under their names, one space apart (``to_string(index=False)``)."""
    widths = [
        max([len(name), *(len(c) for c in column)])
        for name, column in zip(names, cells, strict=True)
    ]
    lines = [" ".join(n.rjust(w) for n, w in zip(names, widths, strict=True))]
    for row in zip(*cells, strict=True):
        lines.append(" ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
    return "\n".join(lines)
