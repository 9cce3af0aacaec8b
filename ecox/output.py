"""Where the ``ecox`` command puts what it makes: one writer, and result tables in three formats.

Every file the command writes goes through :func:`write_output`; a result table
goes through :meth:`TableOutput.emit` as a readable table, CSV or JSON, to
standard output (``-``) or to a file.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"name": ["甲", "乙"], "score": [0.51234, None], "tags": [["a"], []]})
>>> TableOutput("json", "-").emit(frame)
[{"name": "甲", "score": 0.51234, "tags": ["a"]}, {"name": "乙", "score": null, "tags": []}]
>>> TableOutput("csv", "-").emit(frame, top=1)
name,score,tags
甲,0.51234,"[""a""]"
>>> TableOutput("table", "-").emit(frame.assign(name=["a", "b"]), shown=["name", "score"])
name  score
   a  0.512
   b    NaN
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    import pandas as pd

    from ecox.queries.cypher_answer import Answer

__all__ = [
    "FORMATS",
    "PRINT_ROWS",
    "STDOUT",
    "TableOutput",
    "csv_bytes",
    "csv_text",
    "write_output",
    "write_outputs",
]

#: The formats of ``--format``.
FORMATS = ("table", "csv", "json")
#: The output name that means standard output.
STDOUT = "-"
#: Rows a readable table shows on standard output when ``--top`` is not given.
PRINT_ROWS = 20

Format = Literal["table", "csv", "json"]
#: A file name or path given to the writers.
Target = TypeVar("Target", bound=str | os.PathLike[str])


def write_output(target: str | os.PathLike[str], text: str | bytes) -> None:
    """Write ``text`` to the file ``target``, or to standard output when ``target`` is ``-``.

    The one place where the ``ecox`` command writes a file, through
    :func:`ecox.store.safe_write.write_outputs`: never a device, a folder or an
    input of the same run; a failure leaves the old file as it was.
    """
    write_outputs({target: text})


def write_outputs(files: Mapping[Target, str | bytes]) -> None:
    """Write several files all or nothing (a graph and its rejects, a CSV pair)."""
    from ecox.store import safe_write

    safe_write.write_outputs(files)


def _cell(value: Any) -> Any:
    """Lists and maps (Cypher results) as JSON text in a CSV or readable table."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text a spreadsheet opens safely (formula-like cells escaped, see
    :mod:`ecox.store.spreadsheet`), lists and maps in a cell written as JSON."""
    return str(csv_bytes(frame), "utf-8")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """:func:`csv_text` as UTF-8 bytes, the form a file or standard output takes."""
    from ecox.store.spreadsheet import to_safe_csv_bytes

    return to_safe_csv_bytes(_json_cells(frame))


def _json_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with :func:`_cell` applied to its columns of Python objects other than
    text (lists, maps, numbers with gaps); pandas' type inference tells them apart
    without a Python loop, and text columns are taken as they are."""
    from pandas.api.types import infer_dtype, is_object_dtype

    mapped = [
        i for i, dtype in enumerate(frame.dtypes)
        if is_object_dtype(dtype) and infer_dtype(frame.iloc[:, i], skipna=True) != "string"
    ]  # fmt: skip
    if not mapped:
        return frame
    frame = frame.copy(deep=False)
    for i in mapped:
        frame.isetitem(i, frame.iloc[:, i].map(_cell))
    return frame


@dataclass(frozen=True)
class TableOutput:
    """Where and how a command shows its result table (``--format``, ``-o``)."""

    format: Format = "table"
    target: str = STDOUT

    @property
    def page(self) -> bool:
        """``-o`` names an HTML file (and no ``--format`` other than a readable table): the
        command writes its page, not a table.

        >>> TableOutput("table", "gaps.html").page, TableOutput("csv", "gaps.html").page
        (True, False)
        """
        return self.format == "table" and self.target.lower().endswith((".html", ".htm"))

    def emit(
        self, frame: pd.DataFrame, *, shown: list[str] | None = None, top: int | None = None
    ) -> None:
        """Show ``frame``: its first ``top`` rows, and as a readable table only ``shown`` columns.

        CSV and JSON carry every column and row (up to ``top``); a readable table
        on standard output shows at most :data:`PRINT_ROWS` rows unless ``top`` is given.
        """
        if top is not None:
            frame = frame.head(top)
        if self.format == "json":
            rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
            text: str | bytes = json.dumps(rows, ensure_ascii=False, default=str) + "\n"
        elif self.format == "csv":
            text = csv_bytes(frame)
        else:
            text = self._readable(frame, shown or [], top)
        write_output(self.target, text)
        if self.target != STDOUT:
            print(f"wrote {self.target}: {len(frame)} rows", file=sys.stderr)

    def emit_answer(self, answer: Answer) -> None:
        """Show a Cypher answer as :meth:`emit` shows its DataFrame, the same bytes, written
        without pandas when :meth:`~ecox.queries.cypher_answer.Answer.render` can.

        >>> from ecox.queries.cypher_answer import Answer
        >>> TableOutput("table", "-").emit_answer(Answer(["n"], rows=[[1], [None]]))
          n
        1.0
        NaN
        """
        cut = self.format == "table" and self.target == STDOUT and len(answer) > PRINT_ROWS
        text = answer.render(self.format, rows=PRINT_ROWS if cut else None)
        if text is None:
            self.emit(answer.frame())
            return
        if cut:
            print(f"showing {PRINT_ROWS} of {len(answer)} rows (--top N, -o FILE)", file=sys.stderr)
        write_output(self.target, text)
        if self.target != STDOUT:
            print(f"wrote {self.target}: {len(answer)} rows", file=sys.stderr)

    def emit_text(self, text: str) -> None:
        """Write a result that is not a table (a path, a count) to the output."""
        write_output(self.target, text if text.endswith("\n") else text + "\n")

    def _readable(self, frame: pd.DataFrame, shown: list[str], top: int | None) -> str:
        import pandas as pd

        if frame.empty:
            return "(no rows) " + ", ".join(map(str, frame.columns)) + "\n"
        view = frame[[c for c in shown if c in frame.columns]] if shown else frame
        if top is None and self.target == STDOUT and len(view) > PRINT_ROWS:
            print(f"showing {PRINT_ROWS} of {len(view)} rows (--top N, -o FILE)", file=sys.stderr)
            view = view.head(PRINT_ROWS)
        from ecox.graph.characters import neutralise_bidi

        with pd.option_context("display.max_colwidth", 120, "display.width", 250):
            return neutralise_bidi(view.map(_cell).round(3).to_string(index=False)) + "\n"
