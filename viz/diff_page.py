"""The page of ``ecox diff``: what changed between two editions, section by section.

Examples
--------
>>> import ecox
>>> from ecox.queries.diff import graph_diff
>>> seed = ecox.seed()
>>> old = ecox.ClaimGraph.from_tables(seed.actors, seed.claims.iloc[:-5])
>>> html = diff_page(graph_diff(old, seed), "last.json", "this.json")
>>> "生态变化" in html, "新增" in html
(True, True)
>>> "Nothing changed" in diff_page(graph_diff(seed, seed), "a", "b", lang="en")
True
"""

from __future__ import annotations

__all__ = ["PAGE_ROWS", "diff_page", "diff_summary"]

import pandas as pd

from ecox.graph.schema import SCHEMA
from ecox.queries.diff import BROKER_TOP
from ecox.viz.messages import catalogue, message
from ecox.viz.page import esc, page
from ecox.viz.tables import TableWords, data_table

_SECTIONS = ("actors", "ties", "ventures", "gaps", "brokers")
_SHOWN = ("change", "name", "type", "before", "after", "detail")
#: Rows a section shows; the rest are counted (the table output has them all).
PAGE_ROWS = 200
#: How ``before`` and ``after`` read, per section: as a missing role, a gap kind, a rank.
_VALUE_KINDS = {"ventures": "missing", "gaps": "gap", "brokers": "rank"}


def diff_summary(changes: pd.DataFrame, lang: str = "zh") -> str:
    """One sentence counting the changes an operator looks for first.

    >>> import ecox
    >>> from ecox.queries.diff import graph_diff
    >>> diff_summary(graph_diff(ecox.seed(), ecox.seed()), "en")
    'Nothing changed between the two editions.'
    """
    if changes.empty:
        return message("diff.nothing", lang)

    def count(section: str, change: str) -> int:
        return int(((changes["section"] == section) & (changes["change"] == change)).sum())

    return message(
        "diff.summary",
        lang,
        actors=count("actors", "added"),
        ties=count("ties", "added"),
        completed=count("ventures", "completed"),
        opened=count("ventures", "opened") + count("gaps", "opened"),
        closed=count("gaps", "closed"),
    )


def _said(value: object, kind: str, words: TableWords) -> object:
    """A ``before``/``after`` value in the page's language (a rank as a whole number)."""
    if not _filled(value):
        return None
    if kind == "rank":
        return int(float(str(value)))
    key = f"diff.value.{value}"
    return message(key, words.lang) if key in catalogue() else words.value(kind, value)


def _tie_name(name: str, key: str, words: TableWords) -> str:
    """``A → RELATION → B`` with the relation's label (from the tie's key)."""
    relation = key.split("|")[1]
    label = words.value("relation", relation)
    return name.replace(f" → {relation} → ", f" → {label} → ", 1)


def _section_rows(rows: pd.DataFrame, section: str, words: TableWords) -> pd.DataFrame:
    """The section's rows as the page shows them: words in the page's language, and only
    the columns some row fills."""
    shown = rows.loc[:, list(_SHOWN)].copy()
    shown["change"] = [message(f"diff.change.{c}", words.lang) for c in rows["change"]]
    relations = set(SCHEMA.edges)
    shown["type"] = [words.value("relation" if t in relations else "type", t) for t in rows["type"]]
    if section == "ties":
        shown["name"] = [
            _tie_name(n, k, words) for n, k in zip(rows["name"], rows["key"], strict=True)
        ]
    kind = _VALUE_KINDS.get(section, "")
    for side in ("before", "after"):
        shown[side] = pd.Series(
            [_said(v, kind, words) for v in rows[side]], dtype=object
        ).to_numpy()
    if words.lang == "zh" and "detail_zh" in rows.columns:
        shown["detail"] = rows["detail_zh"].where(rows["detail_zh"].notna(), rows["detail"])
    kept = [c for c in _SHOWN if c in ("change", "name") or shown[c].map(_filled).any()]
    return shown[kept]


def _filled(value: object) -> bool:
    return value is not None and value != "" and not (isinstance(value, float) and pd.isna(value))


def diff_page(changes: pd.DataFrame, old_name: str, new_name: str, *, lang: str = "zh") -> str:
    """A self-contained page listing ``changes`` (from :func:`queries.diff.graph_diff`):
    a summary, then one sortable table per section, every word in ``lang``."""
    title = message("diff.title", lang, old=old_name, new=new_name)
    words = TableWords({}, lang, headers=("diff.column",))
    parts = []
    for section in _SECTIONS:
        rows = changes[changes["section"] == section]
        if rows.empty:
            continue
        heading = message(f"diff.section.{section}", lang, top=BROKER_TOP)
        table = data_table(_section_rows(rows.head(PAGE_ROWS), section, words), words)
        more = (
            f"<p class='more'>{esc(message('diff.more', lang, more=len(rows) - PAGE_ROWS))}</p>"
            if len(rows) > PAGE_ROWS
            else ""
        )
        parts.append(
            f"<section id='{section}'><h2>{esc(heading)} · {len(rows)}</h2>{table}{more}</section>"
        )
    header = (
        f'<header class="top"><h1>{esc(title)}</h1>'
        f'<p class="sub">{esc(diff_summary(changes, lang))}</p></header>'
    )
    body = header + '<div class="report diff">' + "\n".join(parts) + "</div>"
    return page(title, body, {}, network=False, lang=lang)
