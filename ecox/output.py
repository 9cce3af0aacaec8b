"""How the CLI shows a result table: CSV to a file, or a readable slice on stdout."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from ecox.graph.characters import neutralise_bidi
from ecox.store import safe_write
from ecox.store.spreadsheet import to_safe_csv

__all__ = ["PRINT_ROWS", "emit_table", "write_output"]

#: Rows printed when neither ``--top`` nor ``--csv`` is given.
PRINT_ROWS = 20


def write_output(path_or_dash: str | Path, data: str | bytes) -> None:
    """Write one output file safely, or stream it to stdout for ``-``.

    See :mod:`ecox.store.safe_write` (its ``write_outputs`` writes several all-or-nothing).
    """
    safe_write.write_output(path_or_dash, data)


def emit_table(frame: pd.DataFrame, args: argparse.Namespace, shown: list[str]) -> None:
    """Write ``frame`` as CSV (``--csv``, all columns) or print its ``shown`` columns.

    ``--top N`` keeps the first N rows; without it at most :data:`PRINT_ROWS`
    rows are printed (all of them go to CSV). An empty ``shown`` prints every column.
    """
    top = getattr(args, "top", None)
    if top is not None:
        frame = frame.head(top)
    csv = getattr(args, "csv", None)
    if csv:
        write_output(csv, to_safe_csv(frame))
        print(f"wrote {csv}: {len(frame)} rows", file=sys.stderr)
        return
    if frame.empty:
        print("(no rows)")
        return
    view = frame[[c for c in shown if c in frame.columns]] if shown else frame
    if top is None and len(view) > PRINT_ROWS:
        print(f"showing {PRINT_ROWS} of {len(view)} rows (--top N, --csv OUT)", file=sys.stderr)
        view = view.head(PRINT_ROWS)
    with pd.option_context("display.max_colwidth", 120, "display.width", 250):
        print(neutralise_bidi(view.round(3).to_string(index=False)))
