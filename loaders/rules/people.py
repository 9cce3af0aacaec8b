"""Founding, leading and affiliation: titles, 创办, 由…创立, 是X的创始人, 毕业于, 在X工作."""

from __future__ import annotations

import re

from ecox.graph.schema import EdgeType, NodeType
from ecox.loaders.lexicon import get_lexicon
from ecox.loaders.rules.article import (
    ADVERBS,
    CERTAIN,
    CONFIDENT,
    FIRM,
    INFERRED,
    LIKELY,
    Article,
    add_relation,
)
from ecox.loaders.rules.cuewords import cue_pattern
from ecox.loaders.rules.reference import subject

__all__ = ["affiliation", "alumni", "founded", "founded_by", "roles", "titles", "workplace"]

_AFFILIATION_CUE = re.compile("(" + cue_pattern(EdgeType.AFFILIATED_WITH) + ")")
_FOUNDED_BY_CUE = re.compile(
    r"由([^，。]{2,50}?)(?:于[^，。]{2,12})?(?:" + cue_pattern(EdgeType.FOUNDED) + ")"
)


def titles(art: Article) -> None:
    for link in art.a.titles:
        org = link.org
        if (
            link.relation == EdgeType.FOUNDED
            and org
            and not art.types(org)
            & {NodeType.ENTERPRISE, NodeType.INVESTOR, NodeType.PLATFORM, NodeType.FUND}
        ):
            org = None
        if org is None and link.relation == EdgeType.FOUNDED:
            ps, _pe = art.paragraph(link.start)
            org = art.last_before(link.start, {NodeType.ENTERPRISE}, lo=ps)
        if org is None:
            continue
        rel = link.relation
        if (
            rel == EdgeType.LEADS
            and link.dept
            and re.search(r"(部|办|处|室|科|组|中心|办公室|学院|系)$", link.dept)
        ):
            rel = EdgeType.AFFILIATED_WITH
        if rel == EdgeType.AFFILIATED_WITH and art.a.entities[link.person].kind != "person":
            continue
        om = next((m for m in reversed(art.ms) if m.key == org and m.end <= link.end), None)
        start = om.start if om else link.start
        add_relation(
            art,
            source=link.person,
            target=org,
            relation=rel,
            span=(start, link.end),
            rule="title",
            confidence=CERTAIN,
        )


def affiliation(art: Article) -> None:
    for m in _AFFILIATION_CUE.finditer(art.text):
        _s, e = art.clause(m.start())
        orgs = [x for x in art.within(m.end(), e) if x.kind == "org"]
        if not orgs or orgs[0].start - m.end() > 2:
            continue
        org = orgs[0]
        after = art.text[org.end : org.end + 12]
        person = None
        if after.startswith("的"):
            nxt = [x for x in art.within(org.end, org.end + 12) if x.kind == "person"]
            if nxt:
                person = nxt[0]
        if person is None and re.search(
            r"(这位|该|这名)$", art.text[max(0, m.start() - 3) : m.start()]
        ):
            prev = [x for x in art.ms if x.kind == "person" and x.end <= m.start()]
            person = prev[-1] if prev else None
        if person is not None:
            add_relation(
                art,
                source=person.key,
                target=org.key,
                relation=EdgeType.AFFILIATED_WITH,
                span=(min(m.start(), person.start), max(org.end, person.end)),
                rule="affiliation",
                confidence=CONFIDENT,
            )


def alumni(art: Article) -> None:
    """张三(博士)毕业于X / 张三曾就职于X: the person named right before the cue."""
    for m in re.finditer(r"(?:毕业于|就读于|就职于|任职于|供职于|曾任职于)", art.text):
        cs, ce = art.clause(m.start())
        orgs = [x for x in art.within(m.end(), ce) if x.kind == "org"]
        if not orgs or orgs[0].start - m.end() > 2:
            continue
        people = [x for x in art.within(cs, m.start()) if x.kind == "person"]
        if not people:
            continue
        gap = art.text[people[-1].end : m.start()]
        if not re.fullmatch(r"(博士|教授|院士|研究员|先生|女士)?(早年|曾|曾经|此前)?", gap):
            continue
        add_relation(
            art,
            source=people[-1].key,
            target=orgs[0].key,
            relation=EdgeType.AFFILIATED_WITH,
            span=(people[-1].start, orgs[0].end),
            rule="alumni",
            confidence=CONFIDENT,
        )


def roles(art: Article) -> None:
    """张三是X的创始人 / 张三(于2024年)出任X董事长."""
    lex = get_lexicon()
    rx = _roles_regex()
    for m in rx.finditer(art.text):
        cs, _ce = art.clause(m.start())
        people = [x for x in art.within(cs, m.start()) if x.kind == "person"]
        if not people or not re.fullmatch(
            r"(于[^，。；]{2,12}?)?(已|曾|将|正式)?", art.text[people[-1].end : m.start()]
        ):
            continue
        orgs = [x for x in art.within(m.start(1), m.end(1)) if x.kind == "org"]
        if not orgs or not re.fullmatch(r"的?", art.text[orgs[-1].end : m.end(1)]):
            continue
        rel, _ptype = lex.titles[m.group(2)]
        if rel == EdgeType.FOUNDED and not art.types(orgs[-1].key) & {
            NodeType.ENTERPRISE,
            NodeType.INVESTOR,
            NodeType.PLATFORM,
            NodeType.FUND,
        }:
            continue
        add_relation(
            art,
            source=people[-1].key,
            target=orgs[-1].key,
            relation=rel,
            span=(people[-1].start, m.end()),
            rule="role",
            confidence=FIRM,
            date=art.date_for(m.start(), (cs, m.end())),
        )


def workplace(art: Article) -> None:
    """张三(教授)曾在X工作/任职/任教: the person works at X."""
    for m in re.finditer(
        r"(?:曾|曾经|现|长期|先后)?在([^，。；]{2,30}?)(?:工作|任职|任教|从事科研|从事研究|做博士后)",
        art.text,
    ):
        cs, _ce = art.clause(m.start())
        orgs = [x for x in art.within(m.start(1), m.end(1)) if x.kind == "org"]
        if not orgs or orgs[-1].end != m.end(1):
            continue
        people = [x for x in art.within(cs, m.start()) if x.kind == "person"]
        if people:
            gap = art.text[people[-1].end : m.start()]
            if not re.fullmatch(r"(博士|教授|院士|研究员|先生|女士)?(早年|此前|毕业后)?", gap):
                continue
        elif re.fullmatch(r"(此前|早年|毕业后|还|也|并)?", art.text[cs : m.start()]):
            # 张三毕业于X,曾在Y工作: the person of the sentence's first clause
            sent = art.sentence_at(m.start())
            people = [x for x in art.within(sent[0], cs) if x.kind == "person"]
            if len(people) != 1:
                continue
        else:
            continue
        add_relation(
            art,
            source=people[-1].key,
            target=orgs[-1].key,
            relation=EdgeType.AFFILIATED_WITH,
            span=(people[-1].start, m.end()),
            rule="works-at",
            confidence=LIKELY,
        )


def founded(art: Article) -> None:
    for m in re.finditer(
        r"团队旗下(?:的)?|旗下(?:的)?|创办(?:了)?|创立(?:了)?|创建(?:了)?", art.text
    ):
        s, e = art.clause(m.start())
        before = [x for x in art.within(s, m.start()) if x.kind == "person"]
        after = [x for x in art.within(m.end(), e) if x.kind == "org"]
        if (
            before
            and after
            and after[0].start - m.end() <= 2
            and (
                m.start() - before[-1].end <= 6
                or re.fullmatch(
                    r"(于|在)[^，。；]{1,12}?(联合|共同|一手)?",
                    art.text[before[-1].end : m.start()],
                )
            )
        ):
            add_relation(
                art,
                source=before[-1].key,
                target=after[0].key,
                relation=EdgeType.FOUNDED,
                span=(before[-1].start, after[0].end),
                rule="founded",
                confidence=CONFIDENT,
            )
        elif "旗下" in m.group() and after and after[0].start - m.end() <= 2:
            orgs = [x for x in art.within(s, m.start()) if x.kind == "org"]
            gap = art.text[orgs[-1].end : m.start()] if orgs else "?"
            if (
                orgs
                and NodeType.FUND in art.types(after[0].key)
                and NodeType.INVESTOR in art.types(orgs[-1].key)
                and re.fullmatch(ADVERBS + r"(通过|借助|依托)?", gap)
            ):
                add_relation(
                    art,
                    source=orgs[-1].key,
                    target=after[0].key,
                    relation=EdgeType.MANAGES,
                    span=(orgs[-1].start, after[0].end),
                    rule="under-fund",
                    confidence=INFERRED,
                )
            elif (
                orgs
                and m.start() - orgs[-1].end <= 1
                and NodeType.FUND in art.types(orgs[-1].key)
                and NodeType.FUND in art.types(after[0].key)
            ):
                # 母基金旗下的子基金: the parent fund commits to the sub-fund
                add_relation(
                    art,
                    source=orgs[-1].key,
                    target=after[0].key,
                    relation=EdgeType.COMMITTED_TO,
                    span=(orgs[-1].start, after[0].end),
                    rule="under-fund",
                    confidence=INFERRED,
                )
            elif orgs and m.start() - orgs[-1].end <= 1:
                add_relation(
                    art,
                    source=after[0].key,
                    target=orgs[-1].key,
                    relation=EdgeType.BRANCH_OF,
                    span=(orgs[-1].start, after[0].end),
                    rule="under",
                    confidence=LIKELY,
                )


def founded_by(art: Article) -> None:
    for m in re.finditer(_FOUNDED_BY_CUE, art.text):
        sent = art.sentence_at(m.start())
        people = [x for x in art.within(m.start(1), m.end(1)) if x.kind == "person"]
        subj, spos = subject(art, sent[0], m.start())
        if subj is None or not people:
            continue
        for p in people:
            add_relation(
                art,
                source=p.key,
                target=subj,
                relation=EdgeType.FOUNDED,
                span=(spos, m.end()),
                rule="founded-by",
                confidence=CONFIDENT,
                date=art.date_for(m.start(), sent),
            )
    for m in re.finditer(
        r"是([^，。]{2,30}?)的(?:首批|首家|重点|长期|忠实)?(?:客户|服务对象)", art.text
    ):
        provs = [x for x in art.within(m.start(1), m.end(1)) if x.kind == "org"]
        cs, _ce = art.clause(m.start())
        clients = [x for x in art.within(cs, m.start()) if x.kind == "org"]
        if provs and clients:
            add_relation(
                art,
                source=provs[-1].key,
                target=clients[-1].key,
                relation=EdgeType.SERVES,
                span=(clients[-1].start, m.end()),
                rule="client",
                confidence=INFERRED,
            )


_ROLES_RX: list[re.Pattern[str]] = []


def _roles_regex() -> re.Pattern[str]:
    """是X的创始人 / 出任X董事长, built once from the lexicon's titles."""
    if not _ROLES_RX:
        titles = "|".join(re.escape(t) for t in sorted(get_lexicon().titles, key=len, reverse=True))
        _ROLES_RX.append(
            re.compile(
                r"(?:是|系|"
                + cue_pattern(EdgeType.LEADS)
                + r")([^，。；]{2,30}?)(?:的)?("
                + titles
                + r")(?![\u4e00-\u9fff]{0,1}[的])"
            )
        )
    return _ROLES_RX[0]
