"""Sortable data tables in the page's language: the report's and the diff page's tables.

:func:`data_table` writes a query result as an escaped HTML table whose header sorts it
when clicked (``viz/assets/app.js``); :class:`TableWords` says its headers and values in
the page's language: types, relations, gap kinds and roles by their catalogue or schema
labels, actor ids by name, and reasons from ``reason_zh`` in Chinese where the query gives
one. Printed, a table keeps every row (``viz/assets/page.css``).

Examples
--------
>>> import pandas as pd
>>> words = TableWords({"a1": "东湖农商银行"}, "zh")
>>> frame = pd.DataFrame({"node": ["a1"], "type": ["Bank"], "degree": [12],
...                       "reason": ["links 12"], "reason_zh": ["连接 12 家"]})
>>> html = data_table(frame, words)
>>> "东湖农商银行" in html, "银行" in html, "连接 12 家" in html, "links 12" in html
(True, True, True, False)
>>> words.value("gap", "no_capital"), words.value("missing", "scientist")
('缺资本', '科学家')
"""

from __future__ import annotations

__all__ = ["TABLE_ROWS", "TableWords", "data_table"]

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ecox.graph.schema import SCHEMA
from ecox.viz.messages import catalogue, message
from ecox.viz.page import esc

#: Rows a table shows; the rest are counted under it.
TABLE_ROWS = 200
#: Columns holding actor ids: shown by name (from ``<column>_name`` or the names given).
_ID_COLUMNS = (
    "node",
    "source",
    "target",
    "enterprise",
    "scientist",
    "entrepreneur",
    "investor",
    "candidate",
)
_TYPE_WORDS = {lang: SCHEMA.type_labels(lang) for lang in ("zh", "en")}
_RELATION_WORDS = {lang: SCHEMA.relation_labels(lang) for lang in ("zh", "en")}


@dataclass(frozen=True)
class TableWords:
    """What a table needs to speak the page's language: actor names, the language, and the
    catalogue prefixes its headers come from (``<prefix>.<column>``, the first found)."""

    names: Mapping[str, str]
    lang: str
    headers: tuple[str, ...] = ("col", "role")

    def header(self, column: str) -> str:
        """A column's header from the catalogue, else the column's name."""
        for prefix in self.headers:
            if f"{prefix}.{column}" in catalogue():
                return message(f"{prefix}.{column}", self.lang)
        return column

    def value(self, column: str, value: Any) -> Any:
        """A type, relation, gap or role value in the page's language."""
        if not isinstance(value, str):
            return value
        if column in ("type", "candidate_type", "counterpart_type", "source_type"):
            return "、".join(_TYPE_WORDS[self.lang].get(t, t) for t in value.split("|"))
        if column == "relation":
            return "、".join(_RELATION_WORDS[self.lang].get(r, r) for r in value.split("|"))
        if column == "gap" and f"gap.{value}" in catalogue():
            return message(f"gap.{value}", self.lang)
        if column in ("missing", "role") and value in SCHEMA.roles and self.lang == "zh":
            return SCHEMA.roles[value].label_zh
        return value


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA


def _cell(value: Any, lang: str = "zh") -> tuple[str, str | None]:
    """Display text and numeric sort key of a table cell."""
    if _missing(value):
        return "", None
    if isinstance(value, bool | np.bool_):
        return message("report.yes" if value else "report.no", lang), None
    if isinstance(value, int | np.integer):
        return f"{int(value):,}", str(int(value))
    if isinstance(value, float | np.floating):
        number = float(value)
        if math.isnan(number):
            return "", None
        text = f"{number:,.0f}" if number.is_integer() and abs(number) >= 1 else f"{number:,.3g}"
        return text, repr(number)
    return str(value), None


def _shown_columns(columns: list[str]) -> list[tuple[str, str]]:
    """(column read, column named in the header): an id column is read from its names."""
    shown: list[tuple[str, str]] = []
    for column in columns:
        if column.endswith("_name") and column[: -len("_name")] in columns:
            continue
        if column == "node" and "name" in columns:
            continue
        if column in _ID_COLUMNS and f"{column}_name" in columns:
            shown.append((f"{column}_name", column))
        else:
            shown.append((column, column))
    return shown


def data_table(
    frame: pd.DataFrame | None,
    words: TableWords,
    *,
    limit: int = TABLE_ROWS,
    count: int | None = None,
) -> str:
    """An escaped, sortable HTML table of ``frame``'s first ``limit`` rows (the rest counted:
    ``count`` rows in all when ``frame`` holds only the first ones); actor-id columns shown
    as names, reasons in the page's language (``reason_zh`` in Chinese when the query gives
    it). Each cell's class is ``c-<column>``."""
    if frame is None or not len(frame):
        return f'<p class="muted">{esc(message("report.none", words.lang))}</p>'
    if "reason_zh" in frame.columns:
        if words.lang == "zh":
            frame = frame.assign(reason=frame["reason_zh"].where(frame["reason_zh"].notna(), None))
        frame = frame.drop(columns="reason_zh")
    total = len(frame) if count is None else count
    shown = _shown_columns(list(frame.columns))
    head = "".join(f"<th>{esc(words.header(header))}</th>" for _, header in shown)
    rows = []
    for record in frame.head(limit).to_dict("records"):
        cells = []
        for column, header in shown:
            value = record.get(column)
            if header in _ID_COLUMNS and column == header and not _missing(value):
                value = words.names.get(str(value), value)
            text, key = _cell(words.value(header, value), words.lang)
            if key is None:
                cells.append(f'<td class="c-{esc(header)}">{esc(text)}</td>')
            else:
                cells.append(
                    f'<td class="num c-{esc(header)}" data-sort="{esc(key)}">{esc(text)}</td>'
                )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = (
        f'<p class="muted">'
        f"{esc(message('report.first_rows', words.lang, shown=limit, count=total))}</p>"
        if total > limit
        else ""
    )
    return (
        f'<div class="table-wrap"><table class="data sortable"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>{more}"
    )
