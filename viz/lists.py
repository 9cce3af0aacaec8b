"""Tables shown beside a network: the gaps view's suggestions and under-connected actors.

Each list is plain data the page script draws as a sortable table in the side
pane; clicking a row focuses its actor (and selects the suggested link) in the
network. Headers come from the message catalogue, so a list reads in the page's language.

Examples
--------
>>> from ecox.viz.network import SuggestedEdge
>>> table = suggestion_list([SuggestedEdge("a", "b", "同在一个园区", kind="预测", score=0.5)],
...                         {"a": "甲", "b": "乙"}.get, "zh")
>>> [c["label"] for c in table["columns"]]
['主体 → 建议对象', '得分', '理由']
>>> table["rows"][0]["cells"], table["rows"][0]["focus"]
(['甲 → 乙', '0.5', '预测：同在一个园区'], 'a')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ecox.viz.messages import message
from ecox.viz.network import SuggestedEdge

__all__ = ["reason_of", "suggestion_list", "under_list"]


def reason_of(row: Mapping[str, Any], lang: str) -> str | None:
    """A query row's reason in ``lang``: ``reason_zh`` in Chinese when the query gives one.

    >>> row = {"reason": "no bank", "reason_zh": "没有银行"}
    >>> reason_of(row, "zh"), reason_of(row, "en"), reason_of({"reason": "x"}, "zh")
    ('没有银行', 'no bank', 'x')
    """
    for column in ("reason_zh", "reason") if lang == "zh" else ("reason",):
        value = row.get(column)
        if isinstance(value, str) and value:
            return value
    return None


def _columns(keys: Sequence[str], numeric: Sequence[str], lang: str) -> list[dict[str, Any]]:
    return [{"label": message(f"list.col.{key}", lang), "numeric": key in numeric} for key in keys]


def suggestion_list(
    suggested: Sequence[SuggestedEdge], name_of: Callable[[str], str], lang: str
) -> dict[str, Any]:
    """The suggested links as a list: actor → partner, score, kind and reason.

    A row focuses its first actor and selects the dashed link.
    """
    colon = "：" if lang == "zh" else ": "
    rows = [
        {
            "focus": edge.source,
            "pair": [edge.source, edge.target],
            "cells": [
                f"{name_of(edge.source)} → {name_of(edge.target)}",
                "" if edge.score is None else f"{edge.score:.3g}",
                f"{edge.kind}{colon}{edge.reason}",
            ],
            "sort": [None, edge.score, None],
        }
        for edge in suggested
    ]
    return {
        "id": "suggestions",
        "title": message("list.suggestions", lang),
        "columns": [
            {"label": message("list.col.pair", lang), "numeric": False},
            *_columns(("score", "reason"), ("score",), lang),
        ],
        "rows": rows,
    }


def under_list(under: Sequence[Mapping[str, Any]], lang: str) -> dict[str, Any]:
    """Under-connected actors (rows of ``queries.gaps.under_connected``): actor, gap,
    partners, reason (``reason_zh`` in Chinese when given).

    >>> row = {"node": "n1", "name": "园区P", "gap": "no_finance", "degree": 2,
    ...        "reason": "no bank", "reason_zh": "没有银行"}
    >>> under_list([row], "en")["rows"][0]["cells"]
    ['园区P', 'no finance', '2', 'no bank']
    """
    rows = []
    for row in under:
        gap = str(row.get("gap") or "")
        reason = reason_of(row, lang) or ""
        degree = int(row.get("degree") or 0)
        rows.append(
            {
                "focus": str(row["node"]),
                "cells": [
                    str(row.get("name") or row["node"]),
                    message(f"gap.{gap}", lang) if gap else "",
                    str(degree),
                    str(reason),
                ],
                "sort": [None, None, degree, None],
            }
        )
    return {
        "id": "under",
        "title": message("list.under", lang),
        "columns": _columns(("actor", "gap", "degree", "reason"), ("degree",), lang),
        "rows": rows,
    }
