"""The page's search index: what the search box matches, precomputed for the page script.

The page ranks matches by the stages of :mod:`ecox.graph.lookup` (name, alias, prefix,
substring, see :func:`~ecox.graph.lookup.match_stage`), then by spelling: full pinyin
(``ruian``), initials (``rasnsyh``) and the initials in order with letters skipped
(``ranh``). Within a stage, the actor with the higher broker score comes first, then the
one with more partners, then the name (:func:`search_order`). Pinyin comes from pypinyin
here, once, so the page needs no dictionary.

Examples
--------
>>> spellings("东湖农商银行")
('donghunongshangyinhang', 'dhnsyh')
>>> spellings("Sequoia Capital")
(None, None)
>>> scores = pd.DataFrame({"degree": [3.0, 5.0], "betweenness": [0.4, 0.1]},
...                       index=["a1", "a2"])
>>> search_order(scores, {"a1": "东湖农商银行", "a2": "东湖市产业基金"})
{'a1': 0, 'a2': 1}
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import pandas as pd
from pypinyin import Style, lazy_pinyin

from ecox.graph.identity import name_key
from ecox.graph.lookup import MATCH_STAGES

__all__ = ["SPELLING_STAGES", "search_entries", "search_order", "spellings"]

#: Stages after the lookup's name stages, in the order the page tries them.
SPELLING_STAGES: tuple[str, ...] = ("pinyin", "initials", "spelling-substring", "initials-skip")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=65536)
def spellings(key: str) -> tuple[str | None, str | None]:
    """Full pinyin and initials of a name key (lower case, no spaces); ``None`` without Hanzi."""
    if not _CJK.search(key):
        return None, None
    full = "".join(lazy_pinyin(key)).lower()
    initials = "".join(lazy_pinyin(key, style=Style.FIRST_LETTER)).lower()
    return re.sub(r"\s+", "", full), re.sub(r"\s+", "", initials)


def search_order(scores: pd.DataFrame, names: Mapping[str, str]) -> dict[str, int]:
    """Actor id → tie-break position within a stage: broker score, degree (both high first), name.

    Parameters
    ----------
    scores
        :func:`ecox.viz.network.actor_scores` (``betweenness``, ``degree``), indexed by id.
    names
        Actor id → name, for the actors to order.
    """
    frame = pd.DataFrame({"id": list(names), "name": list(names.values())})
    frame["betweenness"] = scores["betweenness"].reindex(frame["id"]).fillna(0.0).to_numpy()
    frame["degree"] = scores["degree"].reindex(frame["id"]).fillna(0.0).to_numpy()
    frame = frame.sort_values(
        ["betweenness", "degree", "name", "id"], ascending=[False, False, True, True]
    )
    return {str(a): i for i, a in enumerate(frame["id"])}


def search_entries(
    actors: Sequence[tuple[str, str, Sequence[str]]], scores: pd.DataFrame
) -> dict[str, Any]:
    """The search block of the page data.

    Parameters
    ----------
    actors
        ``(id, name, aliases)`` of each actor the page can show.
    scores
        :func:`ecox.viz.network.actor_scores`.

    Returns
    -------
    dict
        ``stages`` (names, lookup's name stages first), and ``entries``: one
        ``[id, order, keys, pinyin, initials]`` per actor, ``keys`` the name key then the
        alias keys, ``pinyin`` and ``initials`` their spellings (left out without Hanzi).
    """
    order = search_order(scores, {a: n for a, n, _ in actors})
    entries = []
    for actor, name, aliases in actors:
        keys = [name_key(name), *(name_key(a) for a in aliases if a)]
        spelt = [spellings(k) for k in keys]
        pinyin = [s[0] for s in spelt if s[0]]
        initials = [s[1] for s in spelt if s[1]]
        entries.append(
            [actor, order[actor], keys, pinyin, initials] if pinyin else [actor, order[actor], keys]
        )
    return {"stages": [*MATCH_STAGES[1:], *SPELLING_STAGES], "entries": entries}
