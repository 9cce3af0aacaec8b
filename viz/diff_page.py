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

from ecox.queries.diff import BROKER_TOP
from ecox.viz.messages import message
from ecox.viz.page import esc, page

_SECTIONS = ("actors", "ties", "ventures", "gaps", "brokers")
_SHOWN = ("change", "name", "type", "before", "after", "detail")
#: Rows a section shows; the rest are counted (the table output has them all).
PAGE_ROWS = 200


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


def _cell(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _table(rows: pd.DataFrame, lang: str) -> str:
    head = "".join(f"<th>{esc(message(f'diff.column.{c}', lang))}</th>" for c in _SHOWN)
    body = []
    for record in rows.itertuples(index=False):
        values = record._asdict()
        values["change"] = message(f"diff.change.{values['change']}", lang)
        body.append("<tr>" + "".join(f"<td>{esc(_cell(values[c]))}</td>" for c in _SHOWN) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def diff_page(changes: pd.DataFrame, old_name: str, new_name: str, *, lang: str = "zh") -> str:
    """A self-contained page listing ``changes`` (from :func:`queries.diff.graph_diff`)."""
    title = message("diff.title", lang, old=old_name, new=new_name)
    parts = [f"<h1>{esc(title)}</h1>", f"<p class='summary'>{esc(diff_summary(changes, lang))}</p>"]
    for section in _SECTIONS:
        rows = changes[changes["section"] == section]
        if rows.empty:
            continue
        heading = message(f"diff.section.{section}", lang, top=BROKER_TOP)
        parts.append(f"<section id='{section}'><h2>{esc(heading)} · {len(rows)}</h2>")
        parts.append(_table(rows.head(PAGE_ROWS), lang))
        if len(rows) > PAGE_ROWS:
            more = message("diff.more", lang, more=len(rows) - PAGE_ROWS)
            parts.append(f"<p class='more'>{esc(more)}</p>")
        parts.append("</section>")
    return page(title, "<main>" + "\n".join(parts) + "</main>", {}, network=False, lang=lang)
