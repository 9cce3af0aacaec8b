"""The article a rule reads, and the one way a rule records a relation.

:class:`Article` holds one article's text, its actor mentions, dates and amounts,
and the position helpers the rules share (sentence, clause, paragraph, the
actors listed before or after a point). :func:`add_relation` records a relation
with a named confidence level; the first rule to find a (source, target, type)
keeps it, and later finds only fill in a missing amount or date.

Examples
--------
>>> from ecox.loaders.mentions import find_actors
>>> art = Article(find_actors("宁波银行余杭支行向江南星河智能装备有限公司发放贷款。"), None)
>>> add_relation(
...     art, source="宁波银行余杭支行", target="江南星河智能装备有限公司",
...     relation="LENT_TO", span=(0, 20), rule="example", confidence=LIKELY,
... )
>>> [(r.type, r.confidence) for r in art.out]
[('LENT_TO', 0.7)]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cached_property

from ecox.graph.schema import EdgeType
from ecox.loaders.actors import ActorSet, Mention
from ecox.loaders.amounts import Amount, DateMention, find_amounts, find_dates
from ecox.loaders.lexicon import get_lexicon

__all__ = [
    "ADVERBS",
    "CERTAIN",
    "CONFIDENT",
    "FIRM",
    "GUESS",
    "INFERRED",
    "LIKELY",
    "PLAUSIBLE",
    "WEAK",
    "Article",
    "Relation",
    "add_relation",
]

# Confidence levels, from the wording that states a relation outright to the
# wording that only suggests it. Each rule picks the level of its weakest step.
CERTAIN = 0.9
"""The name or a title beside it says it: 工商银行杭州分行 of 工商银行; 行长张三."""
CONFIDENT = 0.8
"""An explicit cue with both actors right beside it: X管理Y, 张三创办了X, 入驻X."""
FIRM = 0.75
"""An explicit cue with one actor a few words off: 张三出任X董事长, X向Y发放贷款."""
LIKELY = 0.7
"""An explicit cue with an actor found by its place in the clause or sentence."""
PLAUSIBLE = 0.65
"""An indirect phrasing: 成为X的股东, 引入X作为战略投资者, 对Y的收购."""
INFERRED = 0.6
"""One side is a pronoun, a descriptor (该子基金) or the subject of the article."""
WEAK = 0.55
"""A loose phrasing that usually means the relation: 双方共建, 园区将支持, 列入培育库."""
GUESS = 0.5
"""A vague cue or a party guessed from context: 撮合, 引进, 从X迁至Y."""

ADVERBS = r"(已经|已|还|又|也|将|正在|正|积极|先后|率先|共同|主动|进一步|再次|曾|均|都)*"
"""Adverbs allowed between an actor and its verb (a regular expression)."""

_SENT_END = re.compile(r"[。！？!?\n]")
_CLAUSE_END = re.compile(r"[，,；;：:。！？!?\n]")
_SEMICOLON = re.compile(r"[；;]")


@dataclass(slots=True)
class Relation:
    """One claim found in the text (entity keys are canonical names)."""

    source: str
    target: str
    type: str
    span_start: int
    span_end: int
    rule: str
    confidence: float
    amount: Amount | None = None
    date: str | None = None


class Article:
    """One article's text and actors, with the position helpers the rules share.

    Parameters
    ----------
    actors : ActorSet
        From :func:`ecox.loaders.mentions.find_actors`.
    published : str, optional
        Publication date ``YYYY-MM-DD`` (resolves 今年1月5日).
    """

    def __init__(self, actors: ActorSet, published: str | None) -> None:
        self.a = actors
        self.text = actors.text
        self.published = published
        self.ms = actors.mentions
        self.out: list[Relation] = []
        self.sentences = self._spans(_SENT_END)
        self.lines = self._spans(re.compile(r"\n"))
        self.clause_ends = [m.start() for m in _CLAUSE_END.finditer(self.text)]
        self.person_org: dict[str, str] = {}
        for link in actors.titles:
            if link.org and link.relation in {EdgeType.FOUNDED, EdgeType.LEADS}:
                self.person_org.setdefault(link.person, link.org)

    @cached_property
    def dates(self) -> list[DateMention]:
        """The article's dates (found when a rule first asks: resolving a pronoun does not)."""
        return find_dates(self.text, self.published)

    @cached_property
    def amounts(self) -> list[Amount]:
        """The article's amounts of money (found when a rule first asks)."""
        return find_amounts(self.text)

    def _spans(self, rx: re.Pattern[str]) -> list[tuple[int, int]]:
        out, start = [], 0
        for m in rx.finditer(self.text):
            if m.end() > start:
                out.append((start, m.end()))
            start = m.end()
        if start < len(self.text):
            out.append((start, len(self.text)))
        return out

    def types(self, key: str) -> set[str]:
        return set(self.a.entities[key].types)

    def within(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.ms if m.start >= start and m.end <= end]

    def paragraph(self, pos: int) -> tuple[int, int]:
        for s, e in self.lines:
            if s <= pos < e:
                return s, e
        return 0, len(self.text)

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause holding ``pos``: from after the punctuation mark before it to the
        next one (at ``pos`` or after)."""
        ends = self.clause_ends
        k = bisect_left(ends, pos)
        return (ends[k - 1] + 1 if k else 0), (ends[k] if k < len(ends) else len(self.text))

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence holding ``pos`` (the whole text when none does)."""
        return next((x for x in self.sentences if x[0] <= pos < x[1]), (0, len(self.text)))

    def last_before(
        self, pos: int, wanted: AbstractSet[str] | None, lo: int = 0, exclude: Iterable[str] = ()
    ) -> str | None:
        ex = set(exclude)
        for m in reversed(self.ms):
            if (
                m.end <= pos
                and m.start >= lo
                and m.key not in ex
                and m.kind == "org"
                and (wanted is None or self.types(m.key) & wanted)
            ):
                return m.key
        return None

    def date_for(self, cue: int, sent: tuple[int, int]) -> str | None:
        cs, ce = self.clause(cue)
        for d in self.dates:
            if cs <= d.start < ce and self.text[max(0, d.start - 2) : d.start] != "截至":
                return d.value
        # a date that opens the sentence ("2025年11月,陕西坤翔获得…")
        for d in self.dates:
            if sent[0] <= d.start < cue:
                ds, de = self.clause(d.start)
                rest = self.text[ds:de].replace(d.text, "")
                if self.text[max(0, d.start - 2) : d.start] == "截至":
                    continue
                if not self.within(ds, de) and len(rest) <= 8:
                    return d.value
        return None

    def amount_near(self, cue: int, sent: tuple[int, int]) -> Amount | None:
        cands = [a for a in self.amounts if sent[0] <= a.start < sent[1]]
        cands = [
            a
            for a in cands
            if not re.search(
                r"(余额|规模|总额|总计|合计)$", self.text[max(0, a.start - 4) : a.start]
            )
        ]
        if not cands:
            return None
        return min(cands, key=lambda a: abs(a.start - cue))

    def span(self, *points: int) -> tuple[int, int]:
        return min(points), max(points)

    def listed_before(self, lo: int, pos: int) -> list[Mention]:
        """The actors listed right before ``pos`` (A、B和C领投), last one within a character."""
        orgs = [m for m in self.within(lo, pos) if m.kind == "org"]
        if not orgs or not re.fullmatch(r"(共同|联合|独家)?", self.text[orgs[-1].end : pos]):
            return []
        out = [orgs[-1]]
        for m in reversed(orgs[:-1]):
            if not re.fullmatch(r"、|和|及|与|以及|，", self.text[m.end : out[0].start]):
                break
            if self.text[m.end : out[0].start] == "，":
                break
            out.insert(0, m)
        return out

    def subsentences(self) -> list[tuple[int, int]]:
        """Sentences cut also at semicolons: 甲行向A发放贷款;乙行则为其提供授信."""
        out = []
        for s, e in self.sentences:
            start = s
            for m in _SEMICOLON.finditer(self.text[s:e]):
                out.append((start, s + m.end()))
                start = s + m.end()
            if start < e:
                out.append((start, e))
        return out

    def partners_after(self, pos: int, end: int) -> list[Mention]:
        """Actors listed right after ``pos`` (A、B和C); an organisation followed by a
        title and a person stands for the person."""
        out: list[Mention] = []
        cur = pos
        for x in self.within(pos, end):
            gap = self.text[cur : x.start]
            if (
                out
                and x.kind == "person"
                and out[-1].kind == "org"
                and any(gap.endswith(t) for t in get_lexicon().titles)
            ):
                out[-1] = x
                cur = x.end
                continue
            if out and re.fullmatch(r"[^，。、；]{0,8}的", gap):
                out[-1] = x
                cur = x.end
                continue
            if out and not re.fullmatch(r"(、|和|及|与|以及|，)?", gap):
                break
            if not out and len(gap) > 3:
                break
            out.append(x)
            cur = x.end
        return out

    @staticmethod
    def stand_in(
        start: int, end: int, key: str, *, text: str = "", how: str = "pronoun"
    ) -> Mention:
        """A mention of ``key`` for a pronoun or an implied actor at ``start:end``."""
        return Mention(start, end, text or key, "org", (), how, True, key)


def add_relation(
    art: Article,
    *,
    source: str | None,
    target: str | None,
    relation: str,
    span: tuple[int, int],
    rule: str,
    confidence: float,
    amount: Amount | None = None,
    date: str | None = None,
) -> None:
    """Record ``source -relation-> target`` found at ``span`` by ``rule``.

    Nothing is recorded when either side is missing or both are the same actor.
    COOPERATES_WITH is kept once per unordered pair; a (source, target, type) found
    again only fills in an amount or a date the first find lacked.
    """
    if not source or not target or source == target:
        return
    if relation == EdgeType.COOPERATES_WITH:
        for r in art.out:
            if r.type == relation and {r.source, r.target} == {source, target}:
                return
    for r in art.out:
        if (r.source, r.target, r.type) == (source, target, relation):
            if r.amount is None and amount is not None:
                r.amount = amount
            if r.date is None and date is not None:
                r.date = date
            return
    start, end = max(0, span[0]), min(len(art.text), span[1])
    art.out.append(Relation(source, target, relation, start, end, rule, confidence, amount, date))
