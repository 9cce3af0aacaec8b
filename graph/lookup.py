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

import pandas as pd

from ecox.graph.errors import UnknownActorError
from ecox.graph.identity import name_key

__all__ = ["find_actor"]


def _names_by_actor(actors: pd.DataFrame) -> tuple[list[str], list[str], list[list[str]]]:
    ids = actors["id"].astype(str).tolist()
    names = [name_key(str(n)) for n in actors["name"]]
    aliases = actors["aliases"] if "aliases" in actors.columns else pd.Series([""] * len(ids))
    alias_keys = [
        [name_key(a) for a in str(text).split("|") if a] if isinstance(text, str) else []
        for text in aliases
    ]
    return ids, names, alias_keys


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
    ids, names, alias_keys = _names_by_actor(actors)
    if query in ids:
        return query
    key = name_key(query)
    if not key:
        raise UnknownActorError("an empty name designates no actor")
    steps = (
        lambda i: names[i] == key,
        lambda i: key in alias_keys[i],
        lambda i: any(n.startswith(key) for n in (names[i], *alias_keys[i])),
        lambda i: any(key in n for n in (names[i], *alias_keys[i])),
    )
    for matches in steps:
        found = [i for i in range(len(ids)) if matches(i)]
        if len(found) == 1:
            return ids[found[0]]
        if found:
            shown = ", ".join(str(actors["name"].iloc[i]) for i in found[:5])
            more = ", …" if len(found) > 5 else ""
            raise UnknownActorError(
                f"{query!r} matches {len(found)} actors ({shown}{more}); "
                "give more of the name or the id"
            )
    raise UnknownActorError(f"no actor is named {query!r} (by id, name or alias)")
