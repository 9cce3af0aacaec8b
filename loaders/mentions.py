"""Actor mentions in one article: organisations by their name forms, people by titles.

The rules read general forms, never particular names:

- organisations end with a form word (…有限公司, …银行…分行, …基金, 研究院, 大学,
  高新区, 交易所, 学会, 管委会 …, see ``lexicon/suffixes.txt``); the name runs left
  from the ending over name-like tokens and stops at verbs, prepositions,
  particles, numbers and punctuation. A name made only of generic words
  ("多家银行", "创投基金") is not an actor unless it is the short form of one;
- banks, universities and government bodies of the lexicon, CAS institutes
  (中科院…所), quoted platforms (“…”平台) and funds (“…基金”), enumerations
  (入驻企业如A、B、C等), ``(以下简称“…”)``, "旗下的X" and the organisation
  named before a title (X创始人张三);
- people by titles before or after the name (董事长张三, 张三教授), by speech
  (据张三介绍, 张三表示) and by 就职于X的张三.

Within an article, short names are merged with their full form (以下简称, prefixes
such as 陕西坤翔 of 陕西坤翔…有限公司, abbreviations such as 温医大眼视光医院,
lexicon short forms such as 浦发银行); a branch is never merged with its head.

Examples
--------
>>> found = find_actors("近日,江南星河智能装备有限公司(以下简称“星河智能”)董事长程远航表示,"
...                     "星河智能获得了宁波银行余杭支行发放的贷款。")
>>> sorted(e.name for e in found.entities.values())
['宁波银行余杭支行', '江南星河智能装备有限公司', '程远航']
>>> found.entities["江南星河智能装备有限公司"].aliases
{'星河智能'}
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Iterable

from ecox.loaders.actors import (
    CJK,
    DEPT_END,
    DEPT_WORDS,
    POST_WORDS,
    ActorSet,
    Entity,
    Mention,
    TitleLink,
)
from ecox.loaders.candidates import ActorFinder
from ecox.loaders.lexicon import Lexicon, get_lexicon

__all__ = ["ActorSet", "Entity", "Mention", "TitleLink", "find_actors"]


def _occurrences(text: str, sub: str) -> Iterable[int]:
    i = text.find(sub)
    while i >= 0:
        yield i
        i = text.find(sub, i + 1)


def _stands_alone(text: str, sub: str, f: ActorFinder, covered: Container[int]) -> bool:
    """Whether ``sub`` occurs at a token start not inside a longer name already found."""
    return any(pos in f.tok_start and pos not in covered for pos in _occurrences(text, sub))


def _select(cands: list[Mention]) -> list[Mention]:
    """Longest non-overlapping candidates; people yield to organisations."""
    order = sorted(cands, key=lambda m: (-(m.end - m.start), m.start))
    chosen: list[Mention] = []
    taken: set[int] = set()
    for m in order:
        span = range(m.start, m.end)
        if any(p in taken for p in span):
            continue
        chosen.append(m)
        taken.update(span)
    return sorted(chosen, key=lambda m: m.start)


def _is_subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


_ORG_END = re.compile(
    r"(银行|公司|集团|大学|学院|研究院|研究所|医院|基金|基金会|高新区|新区|交易所|学会|协会|中心|实验室|局|厅|委)$"
)


def _alias_of(short: str, full: str, lex: Lexicon) -> bool:
    """Whether ``short`` can be a short form of ``full`` (branches never are)."""
    if short == full or len(short) >= len(full):
        return False
    known = _lexicon_group(short, lex)
    if known is not None and known != _lexicon_group(full, lex):
        return False  # 南京大学 is not a short form of 南京航空航天大学
    if short.endswith("总行"):
        short = short[:-2]
        if short == full or (short and full.endswith(short)):
            return True
    if full.startswith(short) and _ORG_END.search(short):
        return False  # 中国人民银行 is the head of 中国人民银行四川省分行
    if bool(re.search(r"(分行|支行)$", full)) != bool(re.search(r"(分行|支行)$", short)):
        return False
    if full.endswith(short):
        rest = full[: len(full) - len(short)]
        return lex.is_place(rest) or len(short) >= 4
    if short[0] == full[0] and short[-1] == full[-1] and len(short) >= 3:
        return _is_subsequence(short, full)
    if not re.search(r"(公司|集团|有限合伙[)）])$", full) or len(short) < 2 or lex.is_place(short):
        return False
    # trade name + kind after the place: 厦门|金圆投资集团有限公司 → 金圆集团
    if len(short) >= 4 and re.search(r"(集团|控股|资本|创投)$", short):
        for lead0 in [
            0,
            *(n for n in range(min(len(full) - 2, 6), 1, -1) if lex.is_place(full[:n])),
        ]:
            core0 = full[lead0:]
            if short[:2] == core0[:2] and _is_subsequence(short, core0):
                return True
    if full.startswith(short):
        return True
    # the trade name after the place: 武汉|锐影光电…有限公司 → 锐影光电
    lead = next((n for n in range(min(len(full) - 2, 6), 1, -1) if lex.is_place(full[:n])), 0)
    return lead > 0 and full[lead:].startswith(short) and len(short) >= 3


def _lexicon_group(name: str, lex: Lexicon) -> str | None:
    if name in lex.bank_forms:
        return lex.bank_forms[name][0]
    if name in lex.institute_forms:
        return lex.institute_forms[name]
    base = name[:-2] if name.endswith("总行") else None
    if base and base in lex.bank_forms:
        return lex.bank_forms[base][0]
    return None


def find_actors(text: str, *, lexicon: Lexicon | None = None) -> ActorSet:
    """Find the actors of one article and every place they are mentioned.

    Parameters
    ----------
    text : str
        The article text.
    lexicon : Lexicon, optional
        Defaults to :func:`~loaders.lexicon.get_lexicon`.

    Returns
    -------
    ActorSet
        Entities keyed by canonical name, all mentions (non-overlapping, in
        order, each with its entity key) and the title links of people.
    """
    lex = lexicon or get_lexicon()
    f = ActorFinder(text, lex)
    if not f.tokens:
        return ActorSet(text, {}, [], [], [])
    f.lexicon_candidates()
    f.pattern_candidates()
    f.suffix_candidates()
    f.person_candidates()
    f.title_orgs()

    counts = Counter(m.text for m in f.weak)
    for m in list(f.weak):
        suf = next((x for x, _t, _s in lex.suffixes if m.text.endswith(x)), "")
        if (
            counts[m.text] >= 3
            and len(m.text) >= 4
            and f.strip_generic(m.text[: len(m.text) - len(suf)])
        ):
            m.specific = True
            f.cands.append(m)
            f.weak.remove(m)

    chosen = _select(f.cands)
    people = {m.text for m in chosen if m.kind == "person"}
    chosen = [m for m in chosen if not (m.kind == "org" and m.text in people)]

    # entities from chosen candidates
    entities: dict[str, Entity] = {}
    for m in chosen:
        e = entities.get(m.text)
        if e is None:
            entities[m.text] = Entity(m.text, m.kind, list(m.types))
        else:
            for t in m.types:
                if t not in e.types and e.kind == m.kind:
                    e.types.append(t)

    key_of: dict[str, str] = {name: name for name in entities}
    covered = {p for m in chosen for p in range(m.start, m.end)}

    def merge(short: str, full: str) -> None:
        full = key_of.get(full, full)
        if short == full:
            return
        for k, v in list(key_of.items()):
            if v == short:
                key_of[k] = full
        key_of[short] = full
        if short in entities and short != full:
            old = entities.pop(short)
            entities[full].aliases |= old.aliases | {short}
        else:
            entities[full].aliases.add(short)

    # 以下简称
    for short, full_end in f.short_for:
        full_m = next((m for m in chosen if m.end == full_end and m.kind == "org"), None)
        if full_m is None:
            continue
        if short not in entities:
            entities[short] = Entity(short, "org", list(full_m.types))
            key_of[short] = short
        merge(short, full_m.text)
    # lexicon groups (浦发银行 = 上海浦东发展银行, 人民银行总行 = 中国人民银行)
    groups: dict[str, list[str]] = {}
    for name, e in entities.items():
        if e.kind == "org":
            g = _lexicon_group(name, lex)
            if g:
                groups.setdefault(g, []).append(name)
    for names in groups.values():
        if len(names) > 1:
            full = max(names, key=len)
            for other in names:
                if other != full and key_of.get(other) == other:
                    merge(other, full)
    # short forms among specific names, then weak names as short forms
    orgs = sorted((n for n, e in entities.items() if e.kind == "org"), key=len, reverse=True)
    for short in sorted(orgs, key=len):
        if key_of.get(short) != short or short not in entities:
            continue
        fulls = [
            n
            for n in orgs
            if len(n) > len(short)
            and (short[0] in n or short.endswith("总行"))
            and n in entities
            and key_of.get(n) == n
            and _alias_of(short, n, lex)
        ]
        if len(fulls) == 1:
            merge(short, fulls[0])
        elif len(fulls) > 1:
            first = {n: text.find(n) for n in fulls}
            merge(short, min(fulls, key=lambda n: (first[n] < 0, first[n])))
    weak_names = {m.text for m in f.weak}
    for short in sorted(weak_names, key=len, reverse=True):
        if short in entities:
            continue
        fulls = [
            n
            for n in entities
            if len(n) > len(short)
            and short[0] in n
            and entities[n].kind == "org"
            and _alias_of(short, n, lex)
        ]
        if fulls:
            first = {n: text.find(n) for n in fulls}
            full = min(fulls, key=lambda n: (first[n] < 0, first[n]))
            entities[full].aliases.add(short)
            key_of[short] = full
    # a name without its leading place, used on its own (中国眼谷 → 眼谷)
    for name in list(entities):
        e = entities[name]
        if e.kind != "org" or key_of.get(name) != name:
            continue
        for n in range(min(len(name) - 2, 6), 1, -1):
            if not lex.is_place(name[:n]):
                continue
            rest = name[n:]
            if rest in key_of:
                continue
            suf = next((x for x, _t, _s in lex.suffixes if rest.endswith(x)), "")
            if (
                not f.strip_generic(rest[: len(rest) - len(suf)])
                or lex.is_place(rest)
                or len(rest) <= len(suf)
            ):
                continue
            if _stands_alone(text, rest, f, covered):
                e.aliases.add(rest)
                key_of[rest] = name

    # a park's last word on its own (武汉光谷 → 光谷, 长兴智谷 → 智谷)
    for name in list(entities):
        e = entities[name]
        if "Park" not in e.types or key_of.get(name) != name or len(name) < 4:
            continue
        tail = name[-2:]
        if tail[-1] not in "谷城港湾" or tail in key_of or (lex.known(tail) and tail[-1] != "谷"):
            continue
        if _stands_alone(text, tail, f, covered):
            e.aliases.add(tail)
            key_of[tail] = name

    # company short names: prefixes of a company name used on their own
    for name in list(entities):
        e = entities[name]
        if e.kind != "org" or not re.search(r"(公司|集团)$", name):
            continue
        core = re.split(r"[(（]", name, maxsplit=1)[0]
        best = None
        for n in range(2, len(core) + 1):
            pre = core[:n]
            if pre == name or lex.is_place(pre) or pre in key_of:
                continue
            hit = next(
                (
                    pos
                    for pos in _occurrences(text, pre)
                    if pos in f.tok_start and pos + len(pre) in f.tok_end and pos not in covered
                ),
                None,
            )
            if hit is None:
                continue
            lead_n = next((k for k in range(min(len(pre), 6), 1, -1) if lex.is_place(pre[:k])), 0)
            rest_ = pre[lead_n:]
            if not f.strip_generic(rest_) or (len(rest_) <= 2 and lex.known(rest_)):
                continue  # 重庆科技: a place and a common word, not a short name
            best = pre
        if best is None and not e.aliases:
            # the trade name after the place: 成都|衡川智能…有限公司 → 衡川智能
            lead = next(
                (n for n in range(min(len(core) - 2, 6), 1, -1) if lex.is_place(core[:n])), 0
            )
            trade = core[lead:]
            for n in range(3, len(trade) + 1):
                pre = trade[:n]
                if pre in key_of or lex.known(pre) or not f.strip_generic(pre):
                    continue
                if _stands_alone(text, pre, f, covered):
                    best = pre
        if best and best not in key_of:
            e.aliases.add(best)
            key_of[best] = name

    # zone districts take their fullest form (温州 + 龙湾区)
    for name in list(entities):
        e = entities[name]
        if "Park" in e.types and "Government" in e.types and key_of.get(name) == name:
            for at in _occurrences(text, name):
                for n in (4, 3, 2):
                    pre = text[max(0, at - n) : at]
                    if len(pre) == n and lex.is_place(pre) and pre not in name:
                        longer = pre + name
                        if longer not in entities:
                            entities[longer] = Entity(longer, "org", list(e.types))
                            key_of[longer] = longer
                            merge(name, longer)
                        break
                if key_of.get(name) != name:
                    break

    # every occurrence of every surface form
    forms = sorted(key_of, key=len, reverse=True)
    mentions: list[Mention] = []
    if forms:
        kinds = {n: e.kind for n, e in entities.items()}
        title_tuple = tuple(lex.titles)
        chosen_at = {(m.start, m.end): m for m in chosen}
        taken: set[int] = set()
        found: list[tuple[int, int, str]] = []
        for form in forms:  # longest first, then left to right, never overlapping
            for at in _occurrences(text, form):
                span = range(at, at + len(form))
                if not any(p in taken for p in span):
                    found.append((at, at + len(form), form))
                    taken.update(span)
        for s, e_, surface in sorted(found):
            key = key_of[surface]
            while key_of.get(key, key) != key:
                key = key_of[key]
            if key not in entities:
                continue
            if len(surface) <= 2 and s not in f.tok_start and (s, e_) not in chosen_at:
                continue
            if kinds[key] == "person" and (s, e_) not in chosen_at:
                nxt = text[e_ : e_ + 1]
                if (
                    len(surface) == 2
                    and nxt
                    and re.match(r"[" + CJK + r"]", nxt)
                    and not text.startswith(POST_WORDS, e_)
                    and not text.startswith(title_tuple, e_)
                ):
                    continue
            base = chosen_at.get((s, e_))
            mentions.append(
                Mention(
                    s,
                    e_,
                    surface,
                    kinds[key],
                    tuple(entities[key].types),
                    base.rule if base else "repeat",
                    True,
                    key,
                )
            )

    # title links
    mention_at = {(m.start, m.end): m.key for m in mentions}
    links: list[TitleLink] = []
    org_mentions = [m for m in mentions if m.kind == "org"]
    for ps, pe, title, rel, t_start, where in f.titles:
        pkey = mention_at.get((ps, pe))
        if pkey is None:
            continue
        if where == "before":
            org_key, dept = _org_before(text, ps, org_mentions, entities)
            start, end = ps, pe + len(title)
        else:
            org_key, dept = _org_before(text, t_start, org_mentions, entities)
            if org_key is None and lex.titles[title][1] == "Scientist":
                # 浙江大学求是特聘教授: honours between the university and the title
                org_key = _org_before_loose(text, t_start, org_mentions)
            start, end = t_start, pe
        links.append(TitleLink(pkey, org_key, title, rel, dept, start, end))
    # 创始人、董事长张三 / 董事长兼总经理张三: a later title shares the organisation of the first
    for link in links:
        if link.org is None and text[link.start - 1 : link.start] in {"、", "兼"}:
            prev = [
                x
                for x in links
                if x.person == link.person and x.org and x.end == link.end and x is not link
            ]
            if prev:
                link.org, link.dept = prev[0].org, prev[0].dept
    _type_people(entities, links, lex)
    return ActorSet(text, entities, mentions, links, f.tokens)


_PRONOUNS = {
    "该行": ("Bank", "Government"),
    "该机构": ("*",),
    "该公司": ("Enterprise", "Investor", "Platform"),
    "该企业": ("Enterprise",),
    "该院": ("Institute",),
    "该所": ("Institute",),
    "该基金": ("Fund",),
    "该平台": ("Platform",),
    "该园区": ("Park",),
}


def _org_before(
    text: str, ts: int, orgs: list[Mention], entities: dict[str, Entity]
) -> tuple[str | None, str]:
    """The organisation named just before a title at ``ts`` and the department between."""
    if text.endswith(("公司", "企业"), 0, ts) and (
        ts == 2 or not re.match(r"[" + CJK + r"]", text[ts - 3])
    ):
        # 公司总经理王强: the company the article is about
        for m in reversed(orgs):
            if m.end <= ts - 2 and "Enterprise" in entities[m.key].types:
                return (m.key, "") if ts - m.end <= 400 else (None, "")
        return None, ""
    for pron, wanted in _PRONOUNS.items():
        if text.endswith(pron, 0, ts):
            for m in reversed(orgs):
                if m.end <= ts - len(pron) and (
                    wanted == ("*",) or set(entities[m.key].types) & set(wanted)
                ):
                    return m.key, ""
            return None, ""
    if text[ts - 1 : ts] in {"原", "前"}:
        ts -= 1  # 原副院长: a former post
    best = None
    for m in orgs:
        if m.end <= ts and ts - m.end <= 10:
            best = m
    if best is None:
        return None, ""
    if text.endswith(("毕业于", "来自", "就职于", "任职于", "就读于", "出身于"), 0, best.start):
        return None, ""
    between = text[best.end : ts]
    if between in {"", "的"} or re.fullmatch(r"[”\"」』)）]+", between):
        return best.key, ""
    if re.search(r"[，。、；：,;:\s“”]", between):
        return None, ""
    if between in DEPT_WORDS or DEPT_END.search(between) or between.startswith("党委"):
        return best.key, between
    return None, ""


def _org_before_loose(text: str, ts: int, orgs: list[Mention]) -> str | None:
    """An institute named up to eight characters before a scientist's title, with
    only name-like words between (特聘, 讲席, 博士生导师)."""
    for m in reversed(orgs):
        if m.end > ts:
            continue
        between = text[m.end : ts]
        if (
            len(between) <= 8
            and re.fullmatch(r"[" + CJK + r"]*", between)
            and "Institute" in m.types
        ):
            if re.search(r"的|与|和|及|向|为|由|在", between):
                return None
            return m.key
        return None
    return None


def _type_people(entities: dict[str, Entity], links: list[TitleLink], lex: Lexicon) -> None:
    by_person: dict[str, list[TitleLink]] = {}
    for link in links:
        by_person.setdefault(link.person, []).append(link)
    for name, e in entities.items():
        if e.kind != "person":
            continue
        types: list[str] = []
        for link in by_person.get(name, []):
            _rel, ptype = lex.titles[link.title]
            if link.relation == "FOUNDED":
                types.append("Entrepreneur")
            elif ptype == "Scientist":
                types.append("Scientist")
            elif (
                ptype == "Executive"
                and link.org
                and not link.dept
                and ("Enterprise" in entities[link.org].types)
            ) or (
                ptype == "Executive"
                and link.org
                and "Enterprise" in entities[link.org].types
                and link.dept in DEPT_WORDS
            ):
                types.append("Entrepreneur")
        if "Entrepreneur" not in types and any(
            lex.titles[link.title][1] == "Doctor" for link in by_person.get(name, [])
        ):
            types.append("Scientist")
        e.types = list(dict.fromkeys(types)) or ["Person"]
