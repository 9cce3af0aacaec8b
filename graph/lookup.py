"""Finding an actor from what a user types: the one look-up of ecox.

``ecox path A B``, ``--focus A``, the Python API and the pages all resolve names the same
way, in this order, stopping at the first step that finds anyone:

1. the actor id itself;
2. the canonical name, compared by :func:`~ecox.graph.identity.name_key` (full-width and
   half-width forms, case and spacing do not matter);
3. an alias (a short name such as ``浙大``), compared the same way;
4. names and aliases that start with the text, then names and aliases that contain it.

A step that finds one actor answers; a step that finds several raises
:class:`~ecox.graph.errors.UnknownActorError` naming them (give the id or more of the name);
when no step finds anyone the error says so.

Examples
--------
>>> actors = pd.DataFrame({"id": ["a1", "a2", "a3"],
...                        "name": ["瑞安农商银行", "瑞安市产业基金", "浙江大学"],
...                        "aliases": ["", "", "浙大"]})
>>> find_actor(actors, "浙大"), find_actor(actors, "瑞安农商"), find_actor(actors, "a2")
('a3', 'a1', 'a2')
>>> find_actor(actors, "瑞安")
Traceback (most recent call last):
...
ecox.graph.errors.UnknownActorError: '瑞安' matches 2 actors (瑞安农商银行, 瑞安市产业基金); ...
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ecox.graph.errors import UnknownActorError
from ecox.graph.identity import name_key

__all__ = ["MATCH_STAGES", "find_actor", "match_stage", "ranked_matches"]


def _names_by_actor(actors: pd.DataFrame) -> tuple[list[str], list[str], list[list[str]]]:
    ids = actors["id"].astype(str).tolist()
    names = [name_key(str(n)) for n in actors["name"]]
    aliases = actors["aliases"] if "aliases" in actors.columns else pd.Series([""] * len(ids))
    alias_keys = [
        [name_key(a) for a in str(text).split("|") if a] if isinstance(text, str) else []
        for text in aliases
    ]
    return ids, names, alias_keys


#: The look-up's stages, in order: a query is answered by the first stage that matches.
MATCH_STAGES: tuple[str, ...] = ("id", "name", "alias", "prefix", "substring")


def match_stage(key: str, names: Sequence[str]) -> int | None:
    """The first name stage (1 name, 2 alias, 3 prefix, 4 substring) at which ``key`` matches.

    ``names`` are one actor's keys (:func:`~ecox.graph.identity.name_key`): its name first,
    then its aliases; ``key`` is the query's key. Stage 0 (the id) is not a name stage.

    >>> match_stage("瑞安", ["瑞安农商银行"]), match_stage("农商", ["瑞安农商银行"])
    (3, 4)
    >>> match_stage("浙大", ["浙江大学", "浙大"]), match_stage("x", ["浙江大学"]) is None
    (2, True)
    """
    if not key or not names:
        return None
    if names[0] == key:
        return 1
    if key in names[1:]:
        return 2
    if any(n.startswith(key) for n in names):
        return 3
    if any(key in n for n in names):
        return 4
    return None


def ranked_matches(actors: pd.DataFrame, query: str) -> list[tuple[str, int]]:
    """Every actor ``query`` matches, as ``(id, stage)`` by stage (see :data:`MATCH_STAGES`).

    Within a stage, actors keep the table's order; the first stage that matches is the
    answer of :func:`find_actor`.

    >>> actors = pd.DataFrame({"id": ["a1", "a2"], "name": ["瑞安农商银行", "瑞安市产业基金"],
    ...                        "aliases": ["", ""]})
    >>> ranked_matches(actors, "瑞安"), ranked_matches(actors, "产业")
    ([('a1', 3), ('a2', 3)], [('a2', 4)])
    """
    ids, names, alias_keys = _names_by_actor(actors)
    if query in ids:
        return [(query, 0)]
    key = name_key(query)
    found = []
    for i, actor in enumerate(ids):
        stage = match_stage(key, [names[i], *alias_keys[i]])
        if stage is not None:
            found.append((actor, stage))
    return sorted(found, key=lambda m: m[1])


def find_actor(actors: pd.DataFrame, query: str) -> str:
    """The id of the one actor ``query`` designates (id, name, alias, prefix, substring).

    Parameters
    ----------
    actors : pandas.DataFrame
        An actor table with ``id``, ``name`` and (optionally) ``aliases`` (``|``-joined).
    query : str
        What the user typed.

    Raises
    ------
    UnknownActorError
        No actor matches, or several match at the first step that finds any.
    """
    if not name_key(query) and query not in set(actors["id"].astype(str)):
        raise UnknownActorError("an empty name designates no actor")
    matches = ranked_matches(actors, query)
    if not matches:
        raise UnknownActorError(f"no actor is named {query!r} (by id, name or alias)")
    found = [actor for actor, stage in matches if stage == matches[0][1]]
    if len(found) == 1:
        return found[0]
    names = dict(zip(actors["id"].astype(str), actors["name"].astype(str), strict=True))
    shown = ", ".join(names[a] for a in found[:5])
    more = ", …" if len(found) > 5 else ""
    raise UnknownActorError(
        f"{query!r} matches {len(found)} actors ({shown}{more}); give more of the name or the id"
    )
