"""Actor identity for whole columns: what :class:`graph.identity.Resolver` gives rows
without aliases, worked out once per distinct name.

A row without aliases never merges two actors: it joins the actor of its name key
(:func:`graph.identity.name_key`) or starts one. So the first row of a key gives the
actor's canonical name and its id, later rows add their types in the order they
appear, and no actor gets an alias. Plain names (ASCII letters and digits, CJK
ideographs) are their own normal form and are case-folded by an Arrow kernel; other
names are normalised in Python, once per distinct name. When that reasoning does not
hold — a row with aliases, a name key that is itself an actor id, two keys whose ids
collide — :func:`resolve_actor_rows` returns ``None`` and the rows go through the
:class:`~graph.identity.Resolver` one by one.

Examples
--------
>>> import pyarrow as pa
>>> from ecox.graph.identity import actor_id
>>> rows = resolve_actor_rows(pa.array(["Acme", "ACME", "企业 1"]),
...                           pa.array(["Fund", "Bank|Fund", "Enterprise"]))
>>> rows.row_ids.to_pylist() == [actor_id("Acme"), actor_id("Acme"), actor_id("企业1")]
True
>>> rows.actors.sort_values("name")[["name", "types"]].values.tolist()
[['Acme', 'Fund|Bank'], ['企业1', 'Enterprise']]
>>> rows.lookup(pa.array(["acme", actor_id("企业1"), "nobody"])).to_pylist() == [
...     actor_id("Acme"), actor_id("企业1"), None]
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ecox.graph.identity import name_key, normalize_name, sha1_ids

__all__ = ["ActorRows", "resolve_actor_rows"]

#: :data:`graph.identity._PLAIN` as an RE2 pattern: names :func:`normalize_name` keeps as
#: they are and whose key is their lower case.
_PLAIN = r"^[0-9A-Za-z\x{4e00}-\x{9fff}]+$"
#: What an actor id looks like: a name key of that form would also be found as an id.
_ID_LIKE = r"^a_[0-9a-f]{16}$"


@dataclass(frozen=True)
class ActorRows:
    """Resolved actor rows.

    Attributes
    ----------
    row_ids
        The actor id of each row.
    actors
        One row per actor: ``id, name, types, aliases`` (``types`` ``|``-joined, the
        primary first; ``aliases`` empty), in order of first appearance.
    keys
        The name key of each actor, aligned with ``actors``.
    """

    row_ids: pa.Array
    actors: pd.DataFrame
    keys: pa.Array

    def lookup(self, values: pa.Array) -> pa.Array:
        """:meth:`graph.identity.Resolver.resolve` of each value (a name, or an actor id
        itself); null where unknown."""
        values = _array(values)
        ids = pa.array(self.actors["id"], type=pa.string())
        found = ids.take(pc.index_in(_normal(values)[1], value_set=self.keys))
        is_id = pc.is_in(values, value_set=ids)
        return pc.if_else(pc.and_(pc.is_null(found), is_id), values.cast(pa.string()), found)


def _array(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """One contiguous text array (a chunked column's dictionary codes would be per chunk)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return values.cast(pa.string())


def _normal(names: pa.Array) -> tuple[pa.Array, pa.Array]:
    """``(normalize_name, name_key)`` of each name, computed once per distinct name."""
    encoded = pc.dictionary_encode(names)
    distinct = encoded.dictionary.cast(pa.string())
    plain = pc.match_substring_regex(distinct, _PLAIN).to_numpy(zero_copy_only=False)
    normal, keys = distinct, pc.utf8_lower(distinct)
    if not plain.all():
        other = np.flatnonzero(~plain)
        names_other = [normalize_name(n) for n in distinct.take(other).to_pylist()]
        normal_list, key_list = distinct.to_pylist(), keys.to_pylist()
        for i, name in zip(other.tolist(), names_other, strict=True):
            normal_list[i], key_list[i] = name, name_key(name)
        normal, keys = pa.array(normal_list, pa.string()), pa.array(key_list, pa.string())
    return normal.take(encoded.indices), keys.take(encoded.indices)


def resolve_actor_rows(names: pa.Array, types: pa.Array) -> ActorRows | None:
    """The actors of rows ``(name, types)`` without aliases, in row order; ``None`` when
    the rows need the one-by-one :class:`~graph.identity.Resolver`.

    ``names`` are non-empty after normalisation; ``types`` ``|``-joined, without repeats.
    """
    names, types = _array(names), _array(types)
    normal, row_keys = _normal(names)
    encoded = pc.dictionary_encode(row_keys)  # codes in order of first appearance
    keys = encoded.dictionary.cast(pa.string())
    if pc.any(pc.match_substring_regex(keys, _ID_LIKE)).as_py():
        return None
    ids = sha1_ids(keys, "a_", 16)
    if pc.count_distinct(ids).as_py() != len(ids):
        return None
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    before = np.maximum.accumulate(np.concatenate([[-1], codes[:-1]])) if len(codes) else codes
    first = np.flatnonzero(codes > before)  # the first row of each key, in key order
    actor_types = types.take(pa.array(first))
    repeated = np.bincount(codes, minlength=len(keys)) > 1
    if repeated.any():
        actor_types = _merged_types(codes, types, repeated, actor_types)
    actors = pd.DataFrame(
        {
            "id": pd.arrays.ArrowStringArray(ids),
            "name": pd.arrays.ArrowStringArray(normal.take(pa.array(first))),
            "types": pd.arrays.ArrowStringArray(actor_types),
            "aliases": "",
        }
    )
    return ActorRows(ids.take(encoded.indices), actors, keys)


def _merged_types(
    codes: np.ndarray, types: pa.Array, repeated: np.ndarray, actor_types: pa.Array
) -> pa.Array:
    """Each actor's types, those of its later rows appended in order (keys of several rows)."""
    rows = np.flatnonzero(repeated[codes])
    merged: dict[int, dict[str, None]] = {}
    for code, text in zip(
        codes[rows].tolist(), types.take(pa.array(rows)).to_pylist(), strict=True
    ):
        merged.setdefault(code, {}).update(dict.fromkeys(text.split("|")))
    joined = actor_types.to_pylist()
    for code, kinds in merged.items():
        joined[code] = "|".join(kinds)
    return pa.array(joined, pa.string())
