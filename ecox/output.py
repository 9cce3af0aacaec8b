"""How the CLI shows a result table: CSV to a file, or a readable slice on stdout."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from ecox.store.files import write_atomic

__all__ = ["PRINT_ROWS", "emit_table"]

#: Rows printed when neither ``--top`` nor ``--csv`` is given.
PRINT_ROWS = 20


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
        write_atomic(Path(csv), frame.to_csv(index=False))
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
        print(view.round(3).to_string(index=False))
