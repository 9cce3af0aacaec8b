"""CSV that a spreadsheet opens safely, and reads back to the same values.

Excel, WPS and LibreOffice run a cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return as a formula (``=HYPERLINK(…)``,
``+cmd|…``). Following OWASP's advice every such text cell is written with a
leading apostrophe, which spreadsheets show as text. To stay reversible a text
cell that already starts with an apostrophe followed by one of those
characters (or another apostrophe) gets one more; :func:`unescape_cell`, which
the table loader applies to every CSV cell, undoes exactly this. Numbers are
written as numbers (``-5`` stays a number); JSON outputs keep the original text.

Examples
--------
>>> escape_cell("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> all(unescape_cell(escape_cell(s)) == s for s in ["=1", "'=1", "''", "'", "-x", "a"])
True
>>> import pandas as pd
>>> print(to_safe_csv(pd.DataFrame({"name": ["+cmd|' /C calc'!A0", "ok"], "n": [-5, 2]})), end="")
name,n
'+cmd|' /C calc'!A0,-5
ok,2
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # loaded when a table is written: escape_cell alone needs no pandas
    import pandas as pd

__all__ = ["escape_cell", "escape_column", "to_safe_csv", "to_safe_csv_bytes", "unescape_cell"]

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED = (*_TRIGGERS, "'")


def escape_cell(value: object) -> object:
    """``value`` with a leading ``'`` if it is text a spreadsheet would run; else unchanged."""
    if not isinstance(value, str):
        return value
    if value.startswith(_TRIGGERS) or (value.startswith("'") and value[1:].startswith(_ESCAPED)):
        return "'" + value
    return value


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell` on text read from a CSV cell.

    >>> unescape_cell("'=1"), unescape_cell("'quoted'")
    ('=1', "'quoted'")
    """
    if text.startswith("'") and text[1:].startswith(_ESCAPED):
        return text[1:]
    return text


def to_safe_csv(frame: pd.DataFrame) -> str:
    """The CSV text of ``frame`` (no index, ``\\n`` line ends) with every text cell escaped.

    Column by column: Arrow's regular-expression kernel finds the cells to escape, and
    only those are rewritten (a column of text that holds other values too is escaped
    cell by cell); :func:`~ecox.store.csv_render.render_csv` writes the text.
    """
    return str(to_safe_csv_bytes(frame), "utf-8")


def to_safe_csv_bytes(frame: pd.DataFrame) -> bytes:
    """:func:`to_safe_csv` as UTF-8 bytes, ready for a file.

    >>> import pandas as pd
    >>> to_safe_csv_bytes(pd.DataFrame({"cmd": ["=1+1", "@x"], "n": [1, -2]}))
    b"cmd,n\\n'=1+1,1\\n'@x,-2\\n"
    """
    import pandas as pd

    from ecox.store.csv_render import render_csv_bytes

    safe = frame.copy(deep=False)
    for column in safe.columns:
        if isinstance(safe[column].dtype, pd.CategoricalDtype):
            safe[column] = safe[column].astype(object)
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = escape_column(safe[column])
    safe.columns = [escape_cell(str(c)) for c in safe.columns]
    return render_csv_bytes(safe)


#: What :func:`escape_cell` escapes, as a regular expression over a cell's text.
_NEEDS_ESCAPE = "^(?:[=+\\-@\\t\\r]|'[=+\\-@\\t\\r'])"


def escape_column(column: pd.Series) -> pd.Series:
    """:func:`escape_cell` over a column; the column itself when no cell needs it.

    >>> import pandas as pd
    >>> escape_column(pd.Series(["=1", None, "ok", "'@x"], dtype=object)).tolist()
    ["'=1", None, 'ok', "''@x"]
    >>> escape_column(pd.Series(["-x", 5, ["=y"]])).tolist()
    ["'-x", 5, ['=y']]
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from ecox.store.csv_render import repeated_cells

    try:
        text = pa.array(column, from_pandas=True)
    except (pa.ArrowException, TypeError, ValueError):  # text mixed with other values
        return column.map(escape_cell)
    if not (pa.types.is_string(text.type) or pa.types.is_large_string(text.type)):
        return column  # no text cell: numbers, lists, nothing at all
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    encoded = repeated_cells(text)
    if encoded is None:
        flagged = pc.match_substring_regex(text, _NEEDS_ESCAPE)
    else:  # each distinct cell looked at once
        flagged = pc.match_substring_regex(encoded.dictionary, _NEEDS_ESCAPE).take(encoded.indices)
    flagged = pc.fill_null(flagged, False)
    rows = np.flatnonzero(flagged.to_numpy(zero_copy_only=False))
    if not len(rows):
        return column
    escaped = column.copy()
    escaped.iloc[rows] = ["'" + cell for cell in column.iloc[rows]]
    return escaped
