"""Actor identity: name normalisation, stable ids and entity resolution.

Every loader hands its actors to one :class:`Resolver`, so resolution happens
once, here: full-width and half-width forms, stray whitespace, invisible
format characters (zero-width space, soft hyphen, bidi controls), short names
(``以下简称``), title forms and aliases all map to one actor id. A branch
(``…分行``, ``…支行``) is never merged into its head office: it is a name of
its own and is linked with ``BRANCH_OF`` where a report says so.

Examples
--------
>>> normalize_name("  清大光德（浙江）照明科技 有限公司 ")
'清大光德(浙江)照明科技有限公司'
>>> actor_id("ＡＢＣ Capital") == actor_id("abc  capital")
True
>>> r = Resolver()
>>> a = r.add("陕西坤翔静态交通科技有限公司", ["Enterprise"], aliases=["陕西坤翔"])
>>> r.add("陕西坤翔", ["Enterprise"]) == a
True
>>> r.add("浦发银行西安分行", ["Bank"]) == r.add("浦发银行", ["Bank"])
False
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import methodcaller
from typing import TYPE_CHECKING

from ecox.graph.characters import strip_invisible

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "Actor",
    "Resolver",
    "actor_id",
    "claim_id",
    "claim_ids_of_arrow",
    "name_key",
    "normalize_name",
    "sha1_ids",
]

_SPACE = re.compile(r"\s+")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}()])\s+|\s+(?=[{_CJK}()])")
#: Names that :func:`normalize_name` leaves as they are: ASCII letters and digits, CJK
#: unified ideographs (no spaces, quotes, brackets, full-width or invisible characters).
_PLAIN = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]+")
_DIGEST = methodcaller("digest")
_QUOTES = str.maketrans({"“": "", "”": "", "‘": "", "’": "", '"': "", "「": "", "」": ""})


@lru_cache(maxsize=1 << 16)
def normalize_name(name: str) -> str:
    """The canonical display form of a name.

    NFKC folds full-width letters, digits and brackets to half width;
    invisible format characters (zero-width, soft hyphen, bidi controls) are
    removed; runs of whitespace shrink to one space and vanish next to CJK
    characters; quote marks around a name are dropped.

    >>> normalize_name("温州 数智新能源\u3000有限公司")
    '温州数智新能源有限公司'
    >>> normalize_name("Greylock   Partners ")
    'Greylock Partners'
    >>> normalize_name("瑞安\u200b农商银行") == normalize_name("瑞安农商银行")
    True
    """
    text = strip_invisible(unicodedata.normalize("NFKC", name)).translate(_QUOTES)
    text = _SPACE.sub(" ", text).strip()
    return _SPACE_NEAR_CJK.sub("", text)


def name_key(name: str) -> str:
    """The matching key of a name: normalised and case-folded.

    >>> name_key("Sequoia Capital") == name_key("SEQUOIA  CAPITAL")
    True
    """
    return normalize_name(name).casefold()


def _digest(*parts: object) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()


def actor_id(name: str) -> str:
    """Stable actor id derived from the normalised name (not the type: types can grow).

    >>> actor_id("瑞安农商银行")
    'a_...'
    >>> len(actor_id("x"))
    18
    """
    return "a_" + _digest(name_key(name))[:16]


def claim_id(source: str, target: str, rel_type: str, *provenance: object) -> str:
    """Stable claim id: a hash of both endpoints, the type and the provenance fields.

    >>> claim_id("a_1", "a_2", "LENT_TO", "doc", "2025-11") == claim_id(
    ...     "a_1", "a_2", "LENT_TO", "doc", "2025-11")
    True
    """
    return "c_" + _digest(source, target, rel_type, *provenance)[:20]


def claim_ids_of_arrow(keys: pa.Array | pa.ChunkedArray) -> pa.Array:
    """:func:`claim_id` of each key of an Arrow text column whose keys already join their
    parts with ``\\x1f`` (read as bytes, not decoded).

    >>> import pyarrow as pa
    >>> claim_ids_of_arrow(pa.array(["a_1\x1fa_2\x1fLENT_TO"])).to_pylist() == [
    ...     claim_id("a_1", "a_2", "LENT_TO")]
    True
    """
    return sha1_ids(keys, "c_", 20)


def sha1_ids(keys: pa.Array | pa.ChunkedArray, prefix: str, digits: int) -> pa.Array:
    """``prefix`` and the first ``digits`` hex digits of the SHA-1 of each key's UTF-8 bytes.

    One OpenSSL call per key and nothing else per key: the digests are joined into
    one buffer, turned into hex by a table lookup, and the ids are one Arrow array
    over one fixed-width buffer (no Python string per id).

    >>> import pyarrow as pa
    >>> sha1_ids(pa.array(["x", "瑞安农商银行"]), "a_", 16).to_pylist() == [
    ...     actor_id("x"), actor_id("瑞安农商银行")]
    True
    """
    import numpy as np  # not at import: `import ecox` stays light
    import pyarrow as pa
    import pyarrow.compute as pc

    data = pc.cast(keys, pa.binary()).to_pylist()
    digests = np.frombuffer(b"".join(map(_DIGEST, map(hashlib.sha1, data))), dtype=np.uint8)
    head = digests.reshape(len(data), 20)[:, : (digits + 1) // 2]
    width = len(prefix) + digits
    cells = np.empty((len(data), len(prefix) + 2 * head.shape[1]), dtype=np.uint8)
    cells[:, : len(prefix)] = np.frombuffer(prefix.encode("ascii"), dtype=np.uint8)
    hex_digits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
    cells[:, len(prefix) :: 2] = hex_digits[head >> 4]
    cells[:, len(prefix) + 1 :: 2] = hex_digits[head & 15]
    offsets = np.arange(0, width * (len(data) + 1), width, dtype=np.int32)
    body = np.ascontiguousarray(cells[:, :width])
    return pa.Array.from_buffers(
        pa.string(), len(data), [None, pa.py_buffer(offsets), pa.py_buffer(body)]
    )


@dataclass
class Actor:
    """One resolved actor: id, canonical name, types (primary first) and aliases."""

    id: str
    name: str
    types: list[str]
    aliases: list[str] = field(default_factory=list)

    def add_types(self, types: Iterable[str]) -> None:
        """Append types not yet held, keeping the primary type first."""
        for t in types:
            if t not in self.types:
                self.types.append(t)

    def add_aliases(self, aliases: Iterable[str]) -> None:
        """Append aliases that differ from the name and from each other."""
        seen = {name_key(self.name), *(name_key(a) for a in self.aliases)}
        for alias in aliases:
            alias = normalize_name(alias)
            if alias and name_key(alias) not in seen:
                self.aliases.append(alias)
                seen.add(name_key(alias))


class Resolver:
    """Maps every known name and alias to one actor.

    ``add`` returns the id of the actor a name resolves to, creating it when
    neither the name nor any alias is known. When the name and an alias
    point to two different actors already, the two are merged and the later
    id redirects to the earlier one (:meth:`resolve` follows redirects).
    """

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self._by_key: dict[str, str] = {}
        self._redirect: dict[str, str] = {}

    def resolve(self, name_or_id: str) -> str | None:
        """The actor id for a name, alias or (possibly merged) id; ``None`` if unknown."""
        found = self._by_key.get(name_key(name_or_id))
        if found is None and (name_or_id in self.actors or name_or_id in self._redirect):
            found = name_or_id
        while found is not None and found in self._redirect:
            found = self._redirect[found]
        return found

    def add(self, name: str, types: Iterable[str], aliases: Iterable[str] = ()) -> str:
        """Register an actor mention and return its id."""
        name = normalize_name(name)
        if not name:
            raise ValueError("an actor needs a non-empty name")
        aliases = [a for a in (normalize_name(a) for a in aliases) if a]
        hits = [h for h in (self.resolve(n) for n in [name, *aliases]) if h is not None]
        if hits:
            keep = hits[0]
            for other in dict.fromkeys(hits[1:]):
                if other != keep:
                    self._merge(keep, other)
            actor = self.actors[keep]
        else:
            actor = Actor(id=actor_id(name), name=name, types=[])
            self.actors[actor.id] = actor
        actor.add_types(types)
        actor.add_aliases([name, *aliases])
        for n in [name, *aliases]:
            self._by_key[name_key(n)] = actor.id
        return actor.id

    def add_many(
        self,
        names: Sequence[str],
        types: Sequence[Iterable[str]],
        aliases: Sequence[Iterable[str]],
    ) -> list[str]:
        """:meth:`add` each row in order; the ids.

        A row whose name is plain (:data:`_PLAIN`: already normal), without aliases,
        and not yet known creates its actor directly, without normalising the name again.

        >>> r = Resolver()
        >>> ids = r.add_many(["企业1", "Acme", "企业1"], [["Enterprise"], ["Fund"], ["Bank"]],
        ...                  [[], [], []])
        >>> ids == [r.resolve("企业1"), r.resolve("ACME"), r.resolve("企业1")]
        True
        >>> r.actors[r.resolve("企业1")].types
        ['Enterprise', 'Bank']
        """
        ids = []
        plain, by_key, actors, sha1 = _PLAIN.fullmatch, self._by_key, self.actors, hashlib.sha1
        redirect = self._redirect
        for name, kinds, more in zip(names, types, aliases, strict=True):
            more = list(more)
            key = name.casefold() if not more and plain(name) else None
            if key is None or key in by_key:
                ids.append(self.add(name, kinds, more))
                continue
            new = "a_" + sha1(key.encode("utf-8")).hexdigest()[:16]
            if new in actors or new in redirect:
                ids.append(self.add(name, kinds, more))
                continue
            actors[new] = Actor(id=new, name=name, types=list(dict.fromkeys(kinds)))
            by_key[key] = new
            ids.append(new)
        return ids

    def settled(self, actor_id: str) -> bool:
        """Whether :meth:`resolve` gives ``actor_id`` itself: a current actor, merged into
        no other, whose id is no other actor's name (checked without normalising it).

        >>> r = Resolver()
        >>> r.settled(r.add("瑞安农商银行", ["Bank"])), r.settled("a_0")
        (True, False)
        """
        return actor_id in self.actors and actor_id not in self._by_key

    def _merge(self, keep: str, other: str) -> None:
        gone = self.actors.pop(other)
        actor = self.actors[keep]
        actor.add_types(gone.types)
        actor.add_aliases([gone.name, *gone.aliases])
        self._redirect[other] = keep
        for key, value in list(self._by_key.items()):
            if value == other:
                self._by_key[key] = keep
