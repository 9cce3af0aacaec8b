"""The page's search index: what the search box matches, precomputed for the page script.

The page ranks matches by the stages of :mod:`ecox.graph.lookup` (name, alias, prefix,
substring, see :func:`~ecox.graph.lookup.match_stage`), then by spelling: full pinyin
(``ruian``), initials (``rasnsyh``) and the initials in order with letters skipped
(``ranh``). Within a stage, the actor with the higher broker score comes first, then the
one with more partners, then the name (:func:`search_order`). Pinyin comes from pypinyin
here, once, so the page needs no dictionary. The index holds every actor of the graph, not
only the drawn ones, in few bytes each (:func:`search_index`: names in one string, keys and
spellings only where the page cannot derive them), so a page of a big graph still finds any
actor and can say how to draw it. When every actor would take more than :data:`SEARCH_BYTES`
of the page (:func:`index_bytes`), the index holds the embedded ones and the best ranked
within that budget (:func:`searchable_actors`), with the steps that join them to the drawn
part, and the page says how many it searches.

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
from functools import cache, lru_cache
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ecox.graph.identity import name_key
from ecox.graph.lookup import MATCH_STAGES
from ecox.viz.subgraph import Steps

__all__ = [
    "SEARCH_BYTES",
    "SPELLING_STAGES",
    "Searchable",
    "index_bytes",
    "search_index",
    "search_order",
    "searchable_actors",
    "spellings",
]

#: Most bytes of the page the search index may take, as :func:`index_bytes` estimates them:
#: every actor of Crunchbase's 37,972 fits; a graph of a million actors keeps its best ranked
#: and its page stays near 5 MB.
SEARCH_BYTES = 1_200_000

#: Stages after the lookup's name stages, in the order the page tries them.
SPELLING_STAGES: tuple[str, ...] = ("pinyin", "initials", "spelling-substring", "initials-skip")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: The same characters in the syntax of Arrow's regular expressions (RE2).
_CJK_ARROW = r"[\x{3400}-\x{9fff}\x{f900}-\x{faff}]"
#: Marks the text pypinyin has no pinyin for (kept as it is).
_KEPT = "\0"


def _kept(chars: str) -> str:
    """pypinyin's result for text it has no pinyin for: the text, marked."""
    return _KEPT + chars


@lru_cache(maxsize=65536)
def _run_syllables(run: str) -> tuple[str, ...]:
    """pypinyin's syllables of one run of Hanzi (it finds phrases within a run only)."""
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(run, errors=_kept))


def _syllables(key: str) -> list[str]:
    """``lazy_pinyin(key, errors=_kept)``, converting each distinct run of Hanzi once: pypinyin
    splits the text into runs of Hanzi and of other characters and converts each run alone,
    so names sharing a word (科学家00017, 科学家00018) share its conversion. pypinyin (its
    phrase dictionary takes a second to load) is imported for the first name with Hanzi."""
    runs = _hanzi_runs().split(key)  # other text, a run of Hanzi, other text, …
    return [
        syllable
        for number, run in enumerate(runs)
        if run
        for syllable in (_run_syllables(run) if number % 2 else (_kept(run),))
    ]


@cache
def _hanzi_runs() -> re.Pattern[str]:
    """Splits text around runs of the characters pypinyin converts (its ``RE_HANS``)."""
    from pypinyin.constants import RE_HANS

    hanzi = RE_HANS.pattern.removeprefix("^(?:").removesuffix(")+$")  # one character class
    return re.compile(f"({hanzi}+)")


@lru_cache(maxsize=65536)
def spellings(key: str) -> tuple[str | None, str | None]:
    """Full pinyin and initials of a name key (lower case, no spaces); ``None`` without Hanzi."""
    if not _CJK.search(key):
        return None, None
    # one conversion: the initials are the syllables' first letters, and the text without
    # pinyin (marked) is kept whole, as pypinyin's FIRST_LETTER style keeps it
    parts = _syllables(key)
    full = "".join(p.removeprefix(_KEPT) for p in parts).lower()
    initials = "".join(p[1:] if p.startswith(_KEPT) else p[:1] for p in parts).lower()
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
    ids = pd.Series(list(names), dtype=object)
    ranking = _search_ranking(scores, ids, pd.Series(list(names.values()), dtype=object))
    return dict(zip(ids.iloc[ranking].astype(str).tolist(), range(len(ranking)), strict=True))


def _search_ranking(scores: pd.DataFrame, ids: pd.Series, names: pd.Series) -> np.ndarray:
    """The positions of ``ids`` (with their ``names``) in :func:`search_order`."""
    betweenness, degree = _score_columns(scores, ids)
    return np.lexsort((*_text_ranks(ids, names), -degree, -betweenness))


def _score_columns(scores: pd.DataFrame, ids: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``betweenness`` and ``degree`` of ``ids`` (0 without a score), read as they are when
    ``ids`` are the rows of ``scores`` in order (no look-up of a million ids)."""
    same = len(ids) == len(scores) and pd.Index(ids).equals(scores.index)
    rows = scores if same else scores.reindex(ids.to_numpy())
    return (
        rows["betweenness"].fillna(0.0).to_numpy(dtype=float),
        rows["degree"].fillna(0.0).to_numpy(dtype=float),
    )


def _text_ranks(ids: pd.Series, names: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The rank of each id and of each name (code-point order, as Python compares ``str``:
    Arrow's ranks), id first, as :func:`numpy.lexsort` keys."""
    ranks = [
        pc.rank(pa.array(column, type=pa.large_string(), from_pandas=True), tiebreaker="dense")
        for column in (ids, names)
    ]
    return np.asarray(ranks[0].to_numpy(), np.int64), np.asarray(ranks[1].to_numpy(), np.int64)


def _within_budget(
    free: np.ndarray,
    cost: np.ndarray,
    room: int,
    scores: tuple[np.ndarray, np.ndarray],
    text: tuple[pd.Series, pd.Series],
) -> np.ndarray:
    """The rows of ``free`` that come first in :func:`search_order` while their ``cost`` adds up
    to at most ``room``. Sorted by the scores alone; only the actors tied at the cut are ranked
    by name and id (text ranks of a million names take seconds)."""
    betweenness, degree = scores
    free = free[np.lexsort((-degree[free], -betweenness[free]))]
    spent = np.cumsum(cost[free])
    cut = int(np.searchsorted(spent, room, side="right"))  # the first actor that does not fit
    if cut == len(free):
        return free
    tied = np.flatnonzero(
        (betweenness[free] == betweenness[free[cut]]) & (degree[free] == degree[free[cut]])
    )
    start, end = int(tied[0]), int(tied[-1]) + 1
    group = free[start:end]
    ids, names = (column.iloc[group] for column in text)
    group = group[np.lexsort(_text_ranks(ids, names))]
    before = int(spent[start - 1]) if start else 0
    return np.concatenate([free[:start], group[np.cumsum(cost[group]) <= room - before]])


def index_bytes(names: pd.Series) -> np.ndarray:
    """Estimated bytes each name costs the page's search index: the name and its entries,
    and for a name with Hanzi its pinyin and initials (about five letters a character).

    >>> index_bytes(pd.Series(["东湖农商银行", "Okta"])).tolist()
    [84, 18]
    """
    text = pa.array(names.astype(str), type=pa.large_string(), from_pandas=True)
    length = pc.utf8_length(text).to_numpy().astype(np.int64)
    hanzi = pc.count_substring_regex(text, _CJK_ARROW).to_numpy().astype(np.int64)
    size = pc.binary_length(text).to_numpy().astype(np.int64) + 14
    return np.asarray(size + np.where(hanzi > 0, 5 * hanzi + 2 * (length - hanzi) + 22, 0))


class Searchable(NamedTuple):
    """What a page's search holds: its ``actors`` rows and the ``steps`` among them."""

    actors: pd.DataFrame
    steps: dict[str, str]


def _steps_of(steps: Mapping[str, str], actors: list[str]) -> dict[str, str]:
    """The ``steps`` of those of ``actors`` that have one (one look-up for :class:`Steps`)."""
    if isinstance(steps, Steps):
        return steps.of(actors)
    return {a: steps[a] for a in actors if a in steps}


def searchable_actors(
    actors: pd.DataFrame,
    scores: pd.DataFrame,
    keep: list[str],
    steps: Mapping[str, str],
    budget: int | None = None,
) -> Searchable:
    """The rows of ``actors`` the page's search holds: all of them when they fit ``budget``
    bytes (:func:`index_bytes`); otherwise ``keep`` and the best by :func:`search_order`
    within it, with every actor on their ``steps`` towards the drawn part (so each can still
    be brought in). ``budget``: :data:`SEARCH_BYTES` unless given. The steps come back
    restricted to the actors kept, so nothing is computed for the others.

    >>> actors = pd.DataFrame({"id": ["a1", "a2", "a3"], "name": ["甲", "乙", "丙"]})
    >>> scores = pd.DataFrame({"degree": [1.0, 3.0, 2.0], "betweenness": [0.0, 0.0, 0.0]},
    ...                       index=["a1", "a2", "a3"])
    >>> kept = searchable_actors(actors, scores, keep=["a1"], steps={"a2": "a3"}, budget=90)
    >>> kept.actors["id"].tolist(), kept.steps
    (['a1', 'a2', 'a3'], {'a2': 'a3'})
    """
    budget = SEARCH_BYTES if budget is None else budget
    cost = index_bytes(actors["name"])
    ids = actors["id"].astype(str)
    if cost.sum() <= budget:
        return Searchable(actors, _steps_of(steps, ids.tolist()))
    forced = ids.isin(set(keep)).to_numpy()
    room = budget - int(cost[forced].sum())
    text = (ids, actors["name"].astype(str))
    within = _within_budget(np.flatnonzero(~forced), cost, room, _score_columns(scores, ids), text)
    kept = set(keep) | set(ids.iloc[within])
    frontier = kept
    while frontier:
        frontier = set(_steps_of(steps, list(frontier)).values()) - kept
        kept |= frontier
    chosen = ids.isin(kept).to_numpy()
    return Searchable(actors[chosen], _steps_of(steps, ids[chosen].tolist()))


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
    ids = actors["id"].astype(str).reset_index(drop=True)
    names = actors["name"].astype(str).reset_index(drop=True)
    ranking = _search_ranking(scores, ids, names)
    ranked = ids.iloc[ranking].tolist()
    ranked_names = names.iloc[ranking].tolist()
    alias_text = actors["aliases"].fillna("").astype(str).iloc[ranking].tolist()
    keys: dict[int, str] = {}
    aliases: dict[int, list[str]] = {}
    spell: dict[int, list[list[str]]] = {}
    for position, (name, also) in enumerate(zip(ranked_names, alias_text, strict=True)):
        own = [name_key(name), *(name_key(a) for a in also.split("|") if a)]
        if own[0] != name.lower():
            keys[position] = own[0]
        if len(own) > 1:
            aliases[position] = own[1:]
        spelt = [spellings(k) for k in own]
        if any(p for p, _ in spelt):
            spell[position] = [[p for p, _ in spelt if p], [i for _, i in spelt if i]]
    block = {
        "stages": [*MATCH_STAGES[1:], *SPELLING_STAGES],
        "names": "\n".join(name.replace("\n", " ") for name in ranked_names),
        "keys": keys,
        "aliases": aliases,
        "spell": spell,
    }
    return block, ranked
