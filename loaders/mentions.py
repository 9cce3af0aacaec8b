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

from ecox.graph.schema import EdgeType, NodeType
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
from ecox.loaders.aliases import Aliases, occurrences
from ecox.loaders.candidates import ActorFinder
from ecox.loaders.lexicon import Lexicon, get_lexicon, word_list
from ecox.loaders.mention_model import add_learned_mentions
from ecox.loaders.name_patterns import pattern_candidates

__all__ = ["ActorSet", "Entity", "Mention", "TitleLink", "find_actors", "rule_candidates"]


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


def rule_candidates(text: str, lex: Lexicon) -> ActorFinder:
    """The name candidates the rules propose (before the learned tagger and selection)."""
    f = ActorFinder(text, lex)
    if f.tokens:
        f.lexicon_candidates()
        pattern_candidates(f)
        f.suffix_candidates()
        f.person_candidates()
        f.title_orgs()
    return f


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
    f = rule_candidates(text, lex)
    if not f.tokens:
        return ActorSet(text, {}, [], [], [])
    add_learned_mentions(f)

    _promote_repeated(f, lex)
    chosen = _select(f.cands)
    people = {m.text for m in chosen if m.kind == "person"}
    chosen = [m for m in chosen if not (m.kind == "org" and m.text in people)]
    names = Aliases(text, lex, f, chosen)
    names.merge_all()
    mentions = _all_mentions(text, lex, f, names, chosen)
    links = _title_links(text, lex, f, mentions, names.entities)
    _type_people(names.entities, links, lex)
    _type_researchers(text, names.entities, mentions)
    return ActorSet(text, names.entities, mentions, links, f.tokens)


def _promote_repeated(f: ActorFinder, lex: Lexicon) -> None:
    """A generic-looking name said three times or more is taken as a name."""
    counts = Counter(m.text for m in f.weak)
    for m in list(f.weak):
        suf = lex.ending(m.text)
        if (
            counts[m.text] >= 3
            and len(m.text) >= 4
            and f.strip_generic(m.text[: len(m.text) - len(suf)])
        ):
            m.specific = True
            f.cands.append(m)
            f.weak.remove(m)


def _all_mentions(
    text: str, lex: Lexicon, f: ActorFinder, names: Aliases, chosen: list[Mention]
) -> list[Mention]:
    """Every occurrence of every surface form: longest first, never overlapping."""
    key_of, entities = names.key_of, names.entities
    forms = sorted(key_of, key=len, reverse=True)
    mentions: list[Mention] = []
    if forms:
        kinds = {n: e.kind for n, e in entities.items()}
        title_tuple = tuple(lex.titles)
        chosen_at = {(m.start, m.end): m for m in chosen}
        taken: set[int] = set()
        found: list[tuple[int, int, str]] = []
        for form in forms:  # longest first, then left to right, never overlapping
            for at in occurrences(text, form):
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

    return mentions


def _title_links(
    text: str, lex: Lexicon, f: ActorFinder, mentions: list[Mention], entities: dict[str, Entity]
) -> list[TitleLink]:
    """Each person's titles, with the organisation (and department) each belongs to."""
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
            if org_key is None and lex.titles[title][1] == NodeType.SCIENTIST:
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
    return links


_PRONOUNS = {
    "该行": (NodeType.BANK, NodeType.GOVERNMENT),
    "该机构": ("*",),
    "该公司": (NodeType.ENTERPRISE, NodeType.INVESTOR, NodeType.PLATFORM),
    "该企业": (NodeType.ENTERPRISE,),
    "该院": (NodeType.INSTITUTE,),
    "该所": (NodeType.INSTITUTE,),
    "该基金": (NodeType.FUND,),
    "该平台": (NodeType.PLATFORM,),
    "该园区": (NodeType.PARK,),
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
            if m.end <= ts - 2 and NodeType.ENTERPRISE in entities[m.key].types:
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
            and NodeType.INSTITUTE in m.types
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
            if link.relation == EdgeType.FOUNDED:
                types.append(NodeType.ENTREPRENEUR)
            elif ptype == NodeType.SCIENTIST:
                types.append(NodeType.SCIENTIST)
            elif (
                ptype == "Executive"
                and link.org
                and not link.dept
                and (NodeType.ENTERPRISE in entities[link.org].types)
            ) or (
                ptype == "Executive"
                and link.org
                and NodeType.ENTERPRISE in entities[link.org].types
                and link.dept in DEPT_WORDS
            ):
                types.append(NodeType.ENTREPRENEUR)
        if NodeType.ENTREPRENEUR not in types and any(
            lex.titles[link.title][1] == "Doctor" for link in by_person.get(name, [])
        ):
            types.append(NodeType.SCIENTIST)
        e.types = list(dict.fromkeys(types)) or [NodeType.PERSON]


_RESEARCH_CUES = re.compile("|".join(word_list("research_cues")))
_RESEARCH_REACH = 120  # characters back from the cue to the person it is said of


def _type_researchers(text: str, entities: dict[str, Entity], mentions: list[Mention]) -> None:
    """A person named (at most ``_RESEARCH_REACH`` characters) before a research-team
    cue (他带领团队研发的…, 带着团队的成果离岗创业) is also a Scientist.

    >>> a = find_actors("江南星河科技有限公司创始人李青山说,他带领团队研发的工艺已投产。")
    >>> a.entities["李青山"].types
    ['Entrepreneur', 'Scientist']
    """
    people = [m for m in mentions if m.kind == "person" and m.key in entities]
    for cue in _RESEARCH_CUES.finditer(text):
        before = [m for m in people if cue.start() - _RESEARCH_REACH <= m.end <= cue.start()]
        if before:
            types = entities[before[-1].key].types
            if NodeType.SCIENTIST not in types:
                types.append(NodeType.SCIENTIST)
