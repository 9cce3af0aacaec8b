"""Dates and numbers in table cells, whatever digits they are typed in.

Full-width (``２０２５``), Arabic-Indic (``٢٠٢٥``) and other Unicode digits
are written as ASCII first, so every date is stored as ``YYYY[-MM[-DD]]`` and
takes part in ``--as-of`` slices. Dates must exist on the calendar.

Examples
--------
>>> normalize_date("２０２５／４／８"), normalize_date("2025.11"), normalize_date("٢٠٢٥")
('2025-04-08', '2025-11', '2025')
>>> parse_number("１,２００.５"), parse_number("")
(1200.5, None)
>>> normalize_date("2026-02-30")
Traceback (most recent call last):
...
ValueError: no such day: '2026-02-30' (February 2026 has 28 days)
"""

from __future__ import annotations

import calendar
import math
import re

from ecox.graph.characters import ascii_digits

__all__ = ["normalize_date", "parse_number"]

_DATE = re.compile(r"^([0-9]{4})(?:[-/.]([0-9]{1,2}))?(?:[-/.]([0-9]{1,2}))?$")


def normalize_date(text: str) -> str:
    """``2025/4/8`` → ``2025-04-08``; ``ValueError`` if it is no date of the calendar."""
    match = _DATE.match(ascii_digits(text).strip())
    if not match:
        raise ValueError(f"not a date: {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = match.groups()
    if int(year) < 1:
        raise ValueError(f"no year 0 in {text!r}")
    parts = [year]
    if month:
        if not 1 <= int(month) <= 12:
            raise ValueError(f"month out of range in {text!r}")
        parts.append(month.zfill(2))
    if day:
        days = calendar.monthrange(int(year), int(month))[1]
        if not 1 <= int(day) <= days:
            name = calendar.month_name[int(month)]
            raise ValueError(f"no such day: {text!r} ({name} {year} has {days} days)")
        parts.append(day.zfill(2))
    return "-".join(parts)


def parse_number(text: str) -> float | None:
    """A finite number (``,`` separates thousands); ``None`` if blank; else ``ValueError``."""
    plain = ascii_digits(text).strip().replace(",", "")
    if not plain:
        return None
    if not plain.isascii():
        raise ValueError(f"not a number: {text!r}")
    try:
        value = float(plain)
    except ValueError:
        raise ValueError(f"not a number: {text!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {text!r}")
    return value
