"""Actors found in one article: mentions, title links, entities, and the word tables the
mention rules share.

Examples
--------
>>> m = Mention(0, 4, "宁波银行", "org", ("Bank",), "lexicon")
>>> (m.text, m.kind, m.specific)
('宁波银行', 'org', True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ecox.loaders.lexicon import Token, word_list

__all__ = [
    "CJK",
    "DEPT_END",
    "DEPT_WORDS",
    "NOT_NAMES",
    "POST_WORDS",
    "ActorSet",
    "Entity",
    "Mention",
    "TitleLink",
]

CJK = r"\u4e00-\u9fff"
DEPT_END = re.compile(r"(事业部|部|办公室|办|处|室|科|组|中心|分部|委员会|学院|系)$")
DEPT_WORDS = frozenset(word_list("dept_words"))
POST_WORDS = tuple(word_list("post_words"))

# words that look like a person's name after a title or before a speech verb
NOT_NAMES = frozenset(word_list("not_names"))


@dataclass(slots=True)
class Mention:
    """One occurrence of an actor in the article text.

    ``key`` is the canonical name of the entity it belongs to.
    """

    start: int
    end: int
    text: str
    kind: str  # "org" or "person"
    types: tuple[str, ...]
    rule: str
    specific: bool = True
    key: str = ""


@dataclass(slots=True)
class TitleLink:
    """A person named with a title, and the organisation the title belongs to.

    ``org`` is an entity key, or ``None`` when the title stands alone; ``dept``
    is the department between them (科技金融部), which makes the post
    department-level (AFFILIATED_WITH rather than LEADS).
    """

    person: str
    org: str | None
    title: str
    relation: str
    dept: str
    start: int
    end: int


@dataclass(slots=True)
class Entity:
    """An actor of the article: canonical name, types, aliases."""

    name: str
    kind: str
    types: list[str]
    aliases: set[str] = field(default_factory=set)


@dataclass(slots=True)
class ActorSet:
    """Everything :func:`find_actors` found in one article."""

    text: str
    entities: dict[str, Entity]
    mentions: list[Mention]
    titles: list[TitleLink]
    tokens: list[Token]

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """Mentions that lie within ``[start, end)``, in order."""
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def type_of(self, key: str) -> list[str]:
        """Types of the entity ``key``."""
        return self.entities[key].types
