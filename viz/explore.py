"""Exploring in the page: the data and controls for expand, time slider, relation filter, 查关系.

A view draws some actors; :func:`explore_data` embeds, compactly, every link of a drawn
actor (to drawn actors and to up to ``per_actor`` more neighbours each, the most
important first, :data:`EXTRA_LIMIT` in all) with its relation and the date its first
claim counts from (:func:`~ecox.graph.analysis.claim_dates`), so the page script
(``viz/assets/explore.js``) can, without asking anyone:

- expand an actor (double-click, or the 展开 button): add its neighbours that are not drawn;
- slide the date: hide the ties no claim reported by then (what ``--as-of`` hides);
- filter by relation type: hide the ties of the unticked relations;
- find the shortest chain of ties between two actors (查关系, breadth-first search over
  the embedded links) and highlight it.

:func:`explore_controls` is the side-bar HTML of these controls, :func:`search_box` that of
the search box (its index: :mod:`ecox.viz.search_index`).

Examples
--------
>>> import ecox
>>> from ecox.viz.network import ViewInput, actor_scores
>>> view = ViewInput.of(ecox.seed())
>>> ids = [str(a) for a in view.actors["id"]][:5]
>>> data = explore_data(view, ids, actor_scores(view.analysis))
>>> len(data["drawn"]), len(data["links"]["a"]) == len(data["links"]["r"])
(5, True)
>>> "ecox-find" in search_box(), "ecox-time" in explore_controls()
(True, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ecox.graph.analysis import AnalysisGraph, claim_dates, date_key
from ecox.graph.schema import SCHEMA
from ecox.viz.messages import catalogue, message
from ecox.viz.network import ViewInput
from ecox.viz.page import esc
from ecox.viz.positions import (
    actor_index,
    among,
    link_positions,
    link_rows,
    member_mask,
    score_positions,
)
from ecox.viz.search_index import search_index, searchable_actors
from ecox.viz.subgraph import paths_to

__all__ = ["EXTRA_LIMIT", "NEIGHBOURS_PER_ACTOR", "explore_controls", "explore_data", "search_box"]

#: Neighbours not drawn that the page embeds per drawn actor (the most important first).
NEIGHBOURS_PER_ACTOR = 20
#: Most neighbours not drawn that a page embeds in all (the most important first).
EXTRA_LIMIT = 1000
#: The claim columns that date a tie.
_DATED_ENDS = ("source", "target", "type", "date", "published")


def _extra_neighbours(
    analysis: AnalysisGraph, drawn: set[str], scores: pd.DataFrame, per_actor: int
) -> list[str]:
    """Actors not drawn linked to a drawn one: each drawn actor's ``per_actor`` best
    (by degree, then id), the most connected drawn actors' first (then by id), at most
    :data:`EXTRA_LIMIT` in all. Worked on actor positions: a drawn hub's links stay numbers."""
    ids = actor_index(analysis)
    n = len(ids)
    inside = member_mask(analysis, drawn)
    source, target = link_positions(analysis)
    near, other = np.concatenate([source, target]), np.concatenate([target, source])
    keep = inside[near] & ~inside[other] & (other >= 0)
    pairs = np.unique(near[keep] * n + other[keep])  # each (drawn, other) once
    if not len(pairs):
        return []
    near, other = pairs // n, pairs % n
    degree = _by_position(analysis, scores["degree"])
    score, strength = degree[other], degree[near]
    involved = np.unique(np.concatenate([near, other]))
    rank = np.zeros(n, dtype=np.int64)  # id order among the actors involved
    rank[involved] = _id_ranks(ids[involved])
    best = np.lexsort((rank[other], -score, near))  # each drawn actor's neighbours, best first
    first = np.ones(len(best), dtype=bool)
    first[1:] = near[best][1:] != near[best][:-1]
    step = np.arange(len(best))
    best = best[step - np.maximum.accumulate(np.where(first, step, 0)) < per_actor]
    chosen = best[np.lexsort((rank[other[best]], -score[best], rank[near[best]], -strength[best]))]
    return list(dict.fromkeys(ids[other[chosen]].astype(str)))[:EXTRA_LIMIT]


def _by_position(analysis: AnalysisGraph, column: pd.Series) -> np.ndarray:
    """A score column per actor position (0 where the scores have no row), one more 0 at the end
    (read for a position of -1)."""
    values = np.zeros(len(actor_index(analysis)) + 1)
    rows = score_positions(analysis, column.to_frame())
    values[rows[rows >= 0]] = column.to_numpy(dtype=float)[rows >= 0]
    return np.nan_to_num(values)


def _id_ranks(ids: pd.Index) -> np.ndarray:
    """The rank of each id in code-point order (Arrow's, as Python compares ``str``)."""
    text = pa.array(ids.astype(str), type=pa.large_string(), from_pandas=True)
    return np.asarray(pc.rank(text, tiebreaker="dense").to_numpy(), dtype=np.int64)


def explore_data(
    view: ViewInput,
    drawn: Sequence[str],
    scores: pd.DataFrame,
    *,
    per_actor: int = NEIGHBOURS_PER_ACTOR,
    lang: str = "zh",
) -> dict[str, Any]:
    """What ``explore.js`` reads: actors (drawn, then embedded neighbours), links, search.

    Parameters
    ----------
    view
        The view's tables.
    drawn
        The ids of the actors the view draws.
    scores
        :func:`ecox.viz.network.actor_scores` (ranks neighbours and search matches).
    per_actor
        Neighbours not drawn to embed per drawn actor.
    lang
        Language of type and relation names.

    Returns
    -------
    dict
        ``drawn`` (ids), ``extra`` (ids of embedded neighbours), ``types`` and
        ``relations`` (name, label, colour, shape), ``dates`` (the sorted dates links and
        claims count from), ``links`` (columns ``a``, ``b``: actor indices, drawn then
        extra; ``r``: relation index; ``d``: date index or -1), ``search`` (every actor of
        the graph, :func:`_search_block`), ``text`` (the catalogue's ``explore.*``
        messages, fields unfilled).
    """
    drawn = [str(a) for a in drawn]
    drawn_set = set(drawn)
    analysis = view.analysis
    extra = _extra_neighbours(analysis, drawn_set, scores, per_actor)
    order = [*drawn, *extra]
    index = {a: i for i, a in enumerate(order)}
    links = _links_among(analysis, drawn_set, index)
    searchable = searchable_actors(view.actors, scores, order, paths_to(analysis, drawn))
    steps = searchable.steps
    stepping = set(steps) | set(steps.values())
    step_relations = _step_relations(_links_among(analysis, stepping, stepping), steps)
    type_labels = SCHEMA.type_labels(lang)
    relation_labels = SCHEMA.relation_labels(lang)
    relation_names = sorted(set(links["type"].astype(str)) | set(step_relations.values()))
    first, claim_days = _link_dates(view, links, drawn_set)
    step_dates = _step_dates(view.claim_columns(_DATED_ENDS), steps)
    claim_days |= {d for d in step_dates.values() if d is not None}
    dates, columns = _link_columns(links, first, claim_days, index, relation_names)
    date_index = {d: i for i, d in enumerate(dates)}
    step_when = {a: date_index[d] for a, d in step_dates.items() if d is not None}
    search = _search_block(
        view, searchable.actors, scores, order, (steps, step_relations, step_when), relation_names
    )
    return {
        "drawn": drawn,
        "extra": extra,
        "types": [
            [t, type_labels.get(t, t), spec.colour, spec.shape] for t, spec in SCHEMA.nodes.items()
        ],
        "relations": [
            [r, relation_labels.get(r, r), SCHEMA.edges[r].colour] for r in relation_names
        ],
        "dates": dates,
        "links": columns,
        "search": search,
        "neighboursPerActor": per_actor,
        "text": {
            key.removeprefix("explore."): texts[lang]
            for key, texts in catalogue().items()
            if key.startswith("explore.")
        },
    }


def _links_among(
    analysis: AnalysisGraph, touching: Iterable[str], inside: Iterable[str] | None
) -> pd.DataFrame:
    """The links (self-loops left out, ends as ``str``) with an end in ``touching`` and, unless
    ``inside`` is ``None``, both ends in ``inside``: found on actor positions, and only these
    are turned into text."""
    source, target = link_positions(analysis)
    near = member_mask(analysis, touching)
    mask = (near[source] | near[target]) & (source != target)
    if inside is not None:
        within = member_mask(analysis, inside)
        mask &= within[source] & within[target]
    return link_rows(analysis, mask, ["type", "weight", "first_date"])


def _step_relations(links: pd.DataFrame, steps: dict[str, str]) -> dict[str, str]:
    """Actor → the relation of its link to its step (:func:`paths_to`), the best sourced."""
    if not steps:
        return {}
    low = links["source"].where(links["source"] <= links["target"], links["target"])
    high = links["target"].where(links["source"] <= links["target"], links["source"])
    best = (
        pd.DataFrame({"lo": low, "hi": high, "type": links["type"].astype(str),
                      "weight": links["weight"]})
        .sort_values(["weight", "type"], ascending=[False, True])
        .drop_duplicates(["lo", "hi"])
    )  # fmt: skip
    pairs = pd.DataFrame({"actor": list(steps), "step": list(steps.values())})
    ordered = pairs["actor"] <= pairs["step"]
    pairs["lo"] = pairs["actor"].where(ordered, pairs["step"])
    pairs["hi"] = pairs["step"].where(ordered, pairs["actor"])
    found = pairs.merge(best, on=["lo", "hi"], how="left", validate="many_to_one")
    return dict(zip(found["actor"], found["type"], strict=True))


def _search_block(
    view: ViewInput,
    searchable: pd.DataFrame,
    scores: pd.DataFrame,
    embedded: list[str],
    step_links: tuple[dict[str, str], dict[str, str], dict[str, int]],
    relation_names: list[str],
) -> dict[str, Any]:
    """:func:`~ecox.viz.search_index.search_index` of the ``searchable`` actors, and what the page
    needs to show and bring in one: ``slots`` (the search position of each embedded actor, drawn
    then extra), ``types`` (one character per position: the type's index in base 36, ``-``
    unknown), ``via`` (the position of its step towards the drawn part, :func:`paths_to`, or
    -1), ``rel`` (one character: that tie's relation index in base 36, or ``-``) and ``when``
    (the index in the page's dates that tie counts from, or -1: known at any date).
    ``step_links``: each actor's step, that tie's relation and its date index."""
    steps, step_relations, step_when = step_links
    block, ranked = search_index(searchable, scores)
    block["of"] = len(view.actors)
    position = {a: i for i, a in enumerate(ranked)}
    primary = searchable["types"].astype(str).str.split("|").str[0]
    types = dict(zip(searchable["id"].astype(str), primary, strict=True))
    type_names = list(SCHEMA.nodes)
    relation_index = {r: i for i, r in enumerate(relation_names)}
    block["slots"] = [position[a] for a in embedded]
    block["types"] = "".join(_digit(type_names.index(types[a])) if types[a] in type_names
                             else "-" for a in ranked)  # fmt: skip
    block["via"] = [position[steps[a]] if a in steps else -1 for a in ranked]
    block["rel"] = "".join(_digit(relation_index[step_relations[a]]) if a in steps else "-"
                           for a in ranked)  # fmt: skip
    block["when"] = [step_when.get(a, -1) for a in ranked]
    return block


def _step_dates(claims: pd.DataFrame, steps: dict[str, str]) -> dict[str, str | None]:
    """Actor → the date its tie to its step (:func:`paths_to`) counts from, by
    :func:`~ecox.graph.analysis.claim_dates`: the first claim between the two, of any
    relation (``None`` when one is undated: known at any date), as ``--as-of`` keeps a tie."""
    if not steps or not len(claims) or "type" not in claims.columns:
        return {}
    step = pd.Series(steps, dtype=object)
    ends = set(steps) | set(steps.values())
    claims = claims[among(claims["source"], ends) & among(claims["target"], ends)]
    source, target = claims["source"].astype(str), claims["target"].astype(str)
    forward = (source.map(step) == target).to_numpy()
    backward = (target.map(step) == source).to_numpy()
    when = claim_dates(claims)
    frame = pd.concat(
        [
            pd.DataFrame({"actor": source[forward], "when": when[forward]}),
            pd.DataFrame({"actor": target[backward], "when": when[backward]}),
        ]
    )
    undated = set(frame.loc[frame["when"].isna(), "actor"])
    first = frame.dropna(subset=["when"]).groupby("actor")["when"].min()
    return {str(a): None if a in undated else str(d) for a, d in first.items()}


def _digit(number: int) -> str:
    return "0123456789abcdefghijklmnopqrstuvwxyz"[number]


def _pair_keys(source: pd.Series, target: pd.Series, kind: pd.Series) -> pd.DataFrame:
    """``lo``, ``hi`` (the smaller and larger id) and ``type`` of each tie, as text."""
    source, target = source.astype(str), target.astype(str)
    ordered = source <= target
    return pd.DataFrame(
        {
            "lo": source.where(ordered, target).to_numpy(),
            "hi": target.where(ordered, source).to_numpy(),
            "type": kind.astype(str).to_numpy(),
        }
    )


def _link_dates(
    view: ViewInput, links: pd.DataFrame, drawn: set[str]
) -> tuple[list[str | None], set[str]]:
    """The date each of ``links`` is known from, and every date the claims of ``drawn``
    actors count from (where the evidence panes change).

    A link is known from its first claim's date by :func:`~ecox.graph.analysis.claim_dates`
    (``None`` when one claim is undated: known at any date), so the page's slider hides what
    ``--as-of`` would; a link without claims of drawn actors, from its ``first_date``."""
    codes, distinct = pd.factorize(links["first_date"])  # missing: -1, no date
    fallback = np.array([*map(date_key, distinct), None], dtype=object)[codes]
    claims = view.claim_columns(_DATED_ENDS)
    if not len(claims) or "type" not in claims.columns:
        return fallback.tolist(), set()
    claims = claims[among(claims["source"], drawn) | among(claims["target"], drawn)]
    dated = claim_dates(claims)
    days = set(dated.dropna().unique())
    # only claims between two ends of ``links`` can date one of them: the others are not keyed
    ends = set(links["source"]) | set(links["target"])
    linking = among(claims["source"], ends) & among(claims["target"], ends)
    claims = claims[linking]
    frame = _pair_keys(claims["source"], claims["target"], claims["type"])
    frame["when"] = dated[linking].reset_index(drop=True)
    frame["undated"] = frame["when"].isna()
    first = frame.groupby(["lo", "hi", "type"], sort=False).agg(
        when=("when", "min"), undated=("undated", "max")
    )
    found = _pair_keys(links["source"], links["target"], links["type"]).merge(
        first, left_on=["lo", "hi", "type"], right_index=True, how="left", validate="many_to_one"
    )
    known = found["undated"].notna().to_numpy()
    when = np.where(found["undated"].eq(True).to_numpy(dtype=bool), None, found["when"])
    return np.where(known, when, fallback).tolist(), days


def _link_columns(
    links: pd.DataFrame,
    first: list[str | None],
    claim_days: set[str],
    index: dict[str, int],
    relation_names: list[str],
) -> tuple[list[str], dict[str, list[int]]]:
    """The sorted dates links are known from (``first``, and ``claim_days``), and the link
    columns ``a``, ``b``, ``r``, ``d`` (indices)."""
    dates = sorted({d for d in first if d is not None} | claim_days)
    date_index = {d: i for i, d in enumerate(dates)}
    relation_index = {r: i for i, r in enumerate(relation_names)}
    return dates, {
        "a": [index[s] for s in links["source"]],
        "b": [index[t] for t in links["target"]],
        "r": [relation_index[str(r)] for r in links["type"]],
        "d": [-1 if d is None else date_index[d] for d in first],
    }


def _say(key: str, lang: str) -> str:
    return esc(message(f"explore.{key}", lang))


def search_box(lang: str = "zh") -> str:
    """The side-bar HTML of the search box and its list of matches."""
    return (
        f"<h2>{_say('find', lang)}</h2>\n"
        f'<input id="ecox-find" type="search" placeholder="{_say("find_hint", lang)}" '
        'autocomplete="off" role="combobox" aria-controls="ecox-find-list">\n'
        '<ul id="ecox-find-list" class="find-list" role="listbox"></ul>'
        '<div id="ecox-find-msg"></div>\n'
    )


def explore_controls(lang: str = "zh") -> str:
    """The side-bar HTML of expand, time slider, relation filter and 查关系."""

    def say(key: str) -> str:
        return _say(key, lang)

    return (
        f'<div class="explore-actions"><button id="ecox-expand" type="button" disabled>'
        f'{say("expand")}</button> <span class="muted">{say("expand_hint")}</span></div>\n'
        f"<h2>{say('time')}</h2>\n"
        '<input id="ecox-time" type="range" min="0" max="0" value="0">'
        '<div id="ecox-time-label"></div>\n'
        f'<h2>{say("relations")}</h2>\n<div id="ecox-relations"></div>\n'
        f"<h2>{say('path')}</h2>\n"
        f'<input id="ecox-path-from" type="search" placeholder="{say("path_from")}" '
        'autocomplete="off">\n'
        f'<input id="ecox-path-to" type="search" placeholder="{say("path_to")}" '
        'autocomplete="off">\n'
        f'<button id="ecox-path-go" type="button">{say("path_go")}</button>'
        '<div id="ecox-path-msg"></div>\n'
    )
