"""What a pronoun or an unnamed subject refers to, for the relation rules.

Pronouns (该行, 该机构, 其, 企业, 公司, 学校, 后者, 该子基金, 我们) are resolved to the
most recent fitting actor (该行 to a bank before a government; 该子基金 to the last
fund whose name says 子基金; any other word, such as an organisation ending said alone
(研究院, 分行, 中心), to the last actor named with it at its end; 他 and 她 to the last
person named), or, for "我们" in a quote, to the organisation of the person speaking.
:func:`subject` finds the actor a clause is about.

Examples
--------
>>> from ecox.loaders.mentions import find_actors
>>> from ecox.loaders.rules.article import Article
>>> text = "宁波银行余杭支行行长张三介绍,该行已为多家企业提供贷款。"
>>> art = Article(find_actors(text), None)
>>> resolve(art, "该行", text.index("该行"))
'宁波银行余杭支行'
"""

from __future__ import annotations

import re

from ecox.graph.schema import EdgeType, NodeType
from ecox.loaders.actors import Mention
from ecox.loaders.rules.article import ADVERBS, Article

__all__ = ["fund_ref", "funds_before", "para_subject", "resolve", "speaker_org", "subject"]

_PREPS = (
    "与",
    "和",
    "对",
    "从",
    "在",
    "为",
    "向",
    "由",
    "同",
    "跟",
    "给",
    "及",
    "让",
    "把",
    "被",
    "于",
    "至",
    "像",
    "如",
    "经",
    "将",
    "据",
)
_SUBJECT_PRONOUNS = re.compile(r"该行|该机构|该公司|该企业|该院|该基金|我们|我行|公司|企业|其")
_OBJECT_BEFORE = re.compile(
    r"(?:收购|并购|控股|投资|入股|参股|兼并|对|向|与|和|及|给|为|、)(?:了)?(?:德国|美国|日本|英国|法国|韩国|香港|台湾)?$"
)


def speaker_org(art: Article, pos: int) -> str | None:
    """The organisation of the person quoted around ``pos`` (for 我们)."""
    ps, pe = art.paragraph(pos)
    best, dist = None, 10**9
    for r in art.out:
        if r.type in {EdgeType.FOUNDED, EdgeType.LEADS} and r.source not in art.person_org:
            art.person_org[r.source] = r.target
    for m in art.within(ps, pe):
        if m.kind == "person" and m.key in art.person_org:
            d = abs(m.start - pos)
            if d < dist:
                best, dist = art.person_org[m.key], d
    return best


def resolve(art: Article, word: str, pos: int) -> str | None:
    ps, _pe = art.paragraph(pos)
    if word in {"该行", "我行", "本行", "银行"}:
        bank = art.last_before(pos, {NodeType.BANK}, lo=max(0, pos - 600) if word == "银行" else 0)
        if bank is None:  # a central-bank branch (Government) is also 该行
            bank = next(
                (
                    m.key
                    for m in reversed(art.ms)
                    if m.end <= pos and m.kind == "org" and "银行" in m.key
                ),
                None,
            )
        return bank
    if word in {"学校", "该校", "高校", "母校"}:
        return art.last_before(pos, {NodeType.INSTITUTE}, lo=max(0, pos - 400))
    if word in {"后者"}:
        return art.last_before(pos, None)
    if word in {"该机构"}:
        return art.last_before(pos, None)
    if word in {"该院"}:
        return art.last_before(pos, {NodeType.INSTITUTE})
    if word in {"该基金"}:
        return art.last_before(pos, {NodeType.FUND})
    if word in {"我们"}:
        return speaker_org(art, pos) or art.last_before(pos, {NodeType.ENTERPRISE}, lo=ps)
    if word in {"园区", "该园区", "高新区", "开发区"}:
        # the zone whose 管委会 speaks just before (…管委会副主任表示,园区将…)
        ps, _pe = art.paragraph(pos)
        for m in reversed(art.ms):
            if m.end > pos or m.start < ps or not m.key.endswith(("管委会", "管理委员会")):
                continue
            zone = re.sub(r"(管委会|管理委员会)$", "", m.key)
            for key, e in art.a.entities.items():
                if NodeType.PARK in e.types and (key == zone or zone in e.aliases):
                    return key
            break
        return art.last_before(pos, {NodeType.PARK})
    if word in {"公司", "企业"}:
        # bare 公司: the company the article is about, the one named most so far
        counts: dict[str, int] = {}
        last: dict[str, int] = {}
        for m in art.ms:
            if m.end > pos:
                break
            if m.kind == "org" and NodeType.ENTERPRISE in art.types(m.key):
                subj = not _OBJECT_BEFORE.search(art.text[max(0, m.start - 6) : m.start])
                counts[m.key] = counts.get(m.key, 0) + (2 if subj else 1)
                last[m.key] = m.start
        near = [k for k in counts if last[k] >= pos - 400]
        if near:
            return max(near, key=lambda k: (counts[k], last[k]))
        return None
    if word in {"该公司", "该企业", "其"}:
        # the company the text is about: skip companies named as an object
        # (收购了X, 与X, 向X) in favour of the last one named as a subject
        for m in reversed(art.ms):
            if m.end > pos or m.kind != "org" or NodeType.ENTERPRISE not in art.types(m.key):
                continue
            if m.start < pos - 400:
                break
            if not _OBJECT_BEFORE.search(art.text[max(0, m.start - 6) : m.start]):
                return m.key
        return art.last_before(pos, {NodeType.ENTERPRISE}, lo=max(0, pos - 400))
    if word in {"他", "她"}:
        return _person_before(art, pos)
    # any other word (研究院, 分行, 中心, 引导基金 …): the last actor named with it at its end
    return _named_with_ending(art, word, pos)


def _person_before(art: Article, pos: int) -> str | None:
    """The last person named in the 300 characters before ``pos`` (他, 她)."""
    for m in reversed(art.ms):
        if m.start < pos - 300:
            break
        if m.end <= pos and m.kind == "person":
            return m.key
    return None


def _named_with_ending(art: Article, ending: str, pos: int) -> str | None:
    """The last organisation named with ``ending`` in the 600 characters before ``pos``:
    an ending said alone (研究院将专利转让给…) stands for it."""
    for m in reversed(art.ms):
        if m.start < pos - 600:
            break
        if m.end <= pos and m.kind == "org" and m.key.endswith(ending):
            return m.key
    return None


def fund_ref(art: Article, pos: int, phrase: str) -> str | None:
    """The fund that "该子基金" / "该基金" / "其" before ``pos`` refers to.

    A descriptor (子基金, 母基金, 天使基金) picks the last fund whose name has it;
    a fund that commits money in a parallel clause (A认缴…, B认缴…) is skipped.
    """
    q = re.search(r"([\u4e00-\u9fff]{0,2}基金)", phrase)
    desc = q.group(1).lstrip("该其本此") if q else ""
    cands = funds_before(art, pos)
    if desc and desc != "基金":
        named = [
            x for x in cands if any(desc in f for f in [x.key, *art.a.entities[x.key].aliases])
        ]
        if named:
            return named[0].key
    return cands[0].key if cands else None


def funds_before(art: Article, pos: int) -> list[Mention]:
    """Funds named in the 300 characters before ``pos``, nearest first.

    A fund that itself commits money in a parallel clause (A认缴…, B认缴…) is left out.
    """
    return [
        x
        for x in reversed(art.ms)
        if x.end <= pos
        and x.start >= max(0, pos - 300)
        and NodeType.FUND in art.types(x.key)
        and not re.match(ADVERBS + r"(认缴|出资)", art.text[x.end : x.end + 8])
    ]


def subject(art: Article, start: int, cue: int, nearest: bool = False) -> tuple[str | None, int]:
    """The first (or ``nearest``) actor or pronoun before ``cue`` not after a preposition."""
    items: list[tuple[int, int, str | None]] = [
        (m.start, m.end, m.key)
        for m in art.ms
        if start <= m.start and m.end <= cue and m.kind == "org"
    ]
    for pm in _SUBJECT_PRONOUNS.finditer(art.text, start, cue):
        if pm.group() in {"公司", "企业"} and re.match(
            r"[\u4e00-\u9fff]", art.text[pm.start() - 1 : pm.start()] or "，"
        ):
            continue
        items.append((pm.start(), pm.end(), resolve(art, pm.group(), pm.start())))
    items.sort(reverse=nearest)
    for s, e, key in items:
        if any(c.start <= s < c.end for c in art.ms if (c.start, c.end) != (s, e)):
            continue
        head = art.text[max(0, s - 4) : s].rstrip('“"「『')
        if head.endswith(_PREPS) or head.endswith(("来自", "依托", "通过", "对接")):
            continue
        if key:
            return key, s
    return None, -1


def para_subject(art: Article, pos: int) -> str | None:
    ps, _pe = art.paragraph(pos)
    for s, e in art.sentences:
        if s >= ps and e <= pos + 1:
            key, _ = subject(art, s, e)
            if key:
                return key
    return None
