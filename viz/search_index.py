"""The page's search index: what the search box matches, precomputed for the page script.

The page ranks matches by the stages of :mod:`ecox.graph.lookup` (name, alias, prefix,
substring, see :func:`~ecox.graph.lookup.match_stage`), then by spelling: full pinyin
(``ruian``), initials (``rasnsyh``) and the initials in order with letters skipped
(``ranh``). Within a stage, the actor with the higher broker score comes first, then the
one with more partners, then the name (:func:`search_order`). Pinyin comes from pypinyin
here, once, so the page needs no dictionary. The index holds every actor of the graph, not
only the drawn ones, in few bytes each (:func:`search_index`: names in one string, keys and
spellings only where the page cannot derive them), so a page of a big graph still finds any
actor and can say how to draw it. Above :data:`SEARCH_LIMIT` actors the index holds the
embedded ones and the best ranked up to that limit (:func:`searchable_actors`), with the
steps that join them to the drawn part, and the page says how many it searches.

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
>>> actors = pd.DataFrame({"id": ["a1", "a2"], "name": ["东湖农商银行", "Okta"],
...                        "aliases": ["东湖农商", ""]})
>>> block, ranked = search_index(actors, scores)
>>> ranked, block["names"].splitlines(), block["aliases"], block["spell"][0][1]
(['a1', 'a2'], ['东湖农商银行', 'Okta'], {0: ['东湖农商']}, ['dhnsyh', 'dhns'])
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import pandas as pd
from pypinyin import Style, lazy_pinyin

from ecox.graph.identity import name_key
from ecox.graph.lookup import MATCH_STAGES

__all__ = [
    "SEARCH_LIMIT",
    "SPELLING_STAGES",
    "search_index",
    "search_order",
    "searchable_actors",
    "spellings",
]

#: Most actors a page's search holds (about 0.1 KB each in the page): every actor of
#: Crunchbase's 37,972 fits; a graph of a million actors keeps its best ranked.
SEARCH_LIMIT = 40_000

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


def searchable_actors(
    actors: pd.DataFrame,
    scores: pd.DataFrame,
    keep: list[str],
    steps: Mapping[str, str],
    limit: int | None = None,
) -> pd.DataFrame:
    """The rows of ``actors`` the page's search holds: all of them up to ``limit``; above it,
    ``keep`` and the best by :func:`search_order` up to ``limit``, with every actor on their
    ``steps`` towards the drawn part (so each can still be brought in). ``limit``:
    :data:`SEARCH_LIMIT` unless given.

    >>> actors = pd.DataFrame({"id": ["a1", "a2", "a3"], "name": ["甲", "乙", "丙"]})
    >>> scores = pd.DataFrame({"degree": [1.0, 3.0, 2.0], "betweenness": [0.0, 0.0, 0.0]},
    ...                       index=["a1", "a2", "a3"])
    >>> searchable_actors(actors, scores, keep=["a1"], steps={"a2": "a3"}, limit=2)["id"].tolist()
    ['a1', 'a2', 'a3']
    """
    limit = SEARCH_LIMIT if limit is None else limit
    if len(actors) <= limit:
        return actors
    ids = actors["id"].astype(str)
    order = search_order(scores, dict(zip(ids, actors["name"].astype(str), strict=True)))
    kept = set(keep) | {a for a, position in order.items() if position < limit - len(keep)}
    frontier = kept
    while frontier:
        frontier = {steps[a] for a in frontier if a in steps} - kept
        kept |= frontier
    return actors[ids.isin(kept).to_numpy()]


def search_index(actors: pd.DataFrame, scores: pd.DataFrame) -> tuple[dict[str, Any], list[str]]:
    """The search block of the page data: every actor of the graph, compactly.

    Parameters
    ----------
    actors
        ``id``, ``name`` and ``aliases`` (``|``-joined) of every actor.
    scores
        :func:`ecox.viz.network.actor_scores`.

    Returns
    -------
    (dict, list of str)
        The block: ``stages`` (names, lookup's name stages first); ``names``, every name
        ``\\n``-joined in :func:`search_order` (an actor's position in it is its order);
        ``keys`` (position → name key, only where it is not the name in lower case);
        ``aliases`` (position → alias keys) and ``spell`` (position → ``[pinyin, initials]``
        of the name and alias keys), only for the actors that have them. And the actor ids
        in that order.
    """
    ids = actors["id"].astype(str).tolist()
    names = dict(zip(ids, actors["name"].astype(str), strict=True))
    order = search_order(scores, names)
    ranked = sorted(ids, key=order.__getitem__)
    alias_text = dict(zip(ids, actors["aliases"].fillna("").astype(str), strict=True))
    keys: dict[int, str] = {}
    aliases: dict[int, list[str]] = {}
    spell: dict[int, list[list[str]]] = {}
    for position, actor in enumerate(ranked):
        name = names[actor]
        own = [name_key(name), *(name_key(a) for a in alias_text[actor].split("|") if a)]
        if own[0] != name.lower():
            keys[position] = own[0]
        if len(own) > 1:
            aliases[position] = own[1:]
        spelt = [spellings(k) for k in own]
        if any(p for p, _ in spelt):
            spell[position] = [[p for p, _ in spelt if p], [i for _, i in spelt if i]]
    block = {
        "stages": [*MATCH_STAGES[1:], *SPELLING_STAGES],
        "names": "\n".join(names[a].replace("\n", " ") for a in ranked),
        "keys": keys,
        "aliases": aliases,
        "spell": spell,
    }
    return block, ranked
