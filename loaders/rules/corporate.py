"""Acquisition and branches: 收购, 被X收购, 子公司, 所辖, …分行/支行 of a named parent."""

from __future__ import annotations

import re

from ecox.graph.schema import EdgeType, NodeType
from ecox.loaders.rules.article import (
    CERTAIN,
    CONFIDENT,
    INFERRED,
    LIKELY,
    PLAUSIBLE,
    Article,
    add_relation,
)
from ecox.loaders.rules.cuewords import cue_pattern
from ecox.loaders.rules.reference import resolve, subject

__all__ = [
    "acquiring",
    "acquiring_more",
    "branch_names",
    "set_up",
    "subordinates",
    "subsidiaries",
]

_ACQUISITION_CUE = re.compile(cue_pattern(EdgeType.ACQUIRED))
_SUBORDINATE_CUE = re.compile(cue_pattern(EdgeType.BRANCH_OF))


def subsidiaries(art: Article) -> None:
    """后者成为X的控股子公司 / X的全资子公司Y / 设立全资子公司Y."""
    for m in re.finditer(
        r"(?:成为|是|系|为)([^，。；]{2,30}?)的?(?:全资|控股|参股)?(?:子公司|孙公司)", art.text
    ):
        cs, _ce = art.clause(m.start())
        parents = [x for x in art.within(m.start(1), m.end(1)) if x.kind == "org"]
        if not parents:
            continue
        kids = [x for x in art.within(cs, m.start()) if x.kind == "org"]
        child = kids[-1].key if kids else None
        if child is None:
            pm = re.search(r"(后者|该公司|该企业|其|公司)[^，。]{0,4}$", art.text[cs : m.start()])
            if pm and pm.group(1) == "后者":
                child = art.last_before(cs + pm.start(1), {NodeType.ENTERPRISE, NodeType.INVESTOR})
            elif pm:
                child = resolve(art, pm.group(1), cs + pm.start(1))
        if child:
            add_relation(
                art,
                source=child,
                target=parents[-1].key,
                relation=EdgeType.BRANCH_OF,
                span=(cs, m.end()),
                rule="subsidiary-of",
                confidence=LIKELY,
            )
    for m in re.finditer(r"其?(?:母公司|控股股东|控股方)(?:为|是|系)", art.text):
        sent = art.sentence_at(m.start())
        _cs, ce = art.clause(m.start())
        after = [x for x in art.within(m.end(), ce) if x.kind == "org"]
        if not after or after[0].start - m.end() > 1:
            continue
        kids = [
            x
            for x in art.within(sent[0], m.start())
            if NodeType.ENTERPRISE in art.types(x.key) and x.key != after[0].key
        ]
        if kids:
            rtype = EdgeType.BRANCH_OF if "母公司" in m.group() else EdgeType.INVESTED_IN
            kid, par = kids[0].key, after[0].key
            if rtype == EdgeType.INVESTED_IN:
                kid, par = par, kid  # the controlling shareholder invests in the company
            add_relation(
                art,
                source=kid,
                target=par,
                relation=rtype,
                span=(kids[0].start, after[0].end),
                rule="parent",
                confidence=PLAUSIBLE,
            )
    for m in re.finditer(r"(?:全资|控股)子公司", art.text):
        cs, ce = art.clause(m.start())
        after = [x for x in art.within(m.end(), ce) if x.kind == "org"]
        if not after or after[0].start - m.end() > 1:
            continue
        head = art.text[cs : m.start()]
        parents = [x for x in art.within(cs, m.start()) if x.kind == "org"]
        parent = None
        if parents and re.fullmatch(
            r"(通过|依托|借助|以)?其?(的|旗下(的)?)?", art.text[parents[-1].end : m.start()]
        ):
            parent = parents[-1].key
        elif re.search(r"(设立|成立|组建|注册|拥有)(了)?$", head):
            src, _ = subject(art, cs, m.start())
            if src is None:
                sent = next((x for x in art.sentences if x[0] <= cs < x[1]), (0, cs))
                src, _ = subject(art, sent[0], m.start())
            parent = src
        if parent and parent != after[0].key:
            add_relation(
                art,
                source=after[0].key,
                target=parent,
                relation=EdgeType.BRANCH_OF,
                span=(m.start(), after[0].end),
                rule="subsidiary",
                confidence=LIKELY,
            )


def acquiring(art: Article) -> None:
    for m in _ACQUISITION_CUE.finditer(art.text):
        sent = art.sentence_at(m.start())
        cs, ce = art.clause(m.start())
        after = [x for x in art.within(m.end(), ce) if x.kind == "org"]
        if not after or after[0].start - m.end() > 2:
            continue
        tgt = after[0]
        if not art.types(tgt.key) & {NodeType.ENTERPRISE, NodeType.INVESTOR}:
            continue
        ents = [
            x
            for x in art.within(sent[0], m.start())
            if art.types(x.key) & {NodeType.ENTERPRISE, NodeType.INVESTOR} and x.key != tgt.key
        ]
        passive = art.text[max(cs, m.start() - 6) : m.start()]
        if not ents:
            src, _ = subject(art, sent[0], m.start())
            if src is None:
                continue
            first = src
        else:
            first = ents[0].key
        date = art.date_for(m.start(), sent)
        if m.group() == "并入" or "被" in passive:  # the later actor absorbs the first
            add_relation(
                art,
                source=tgt.key,
                target=first,
                relation=EdgeType.ACQUIRED,
                span=(sent[0], tgt.end),
                rule="merged-into" if m.group() == "并入" else "acquired-by",
                confidence=LIKELY,
                date=date,
            )
        else:
            add_relation(
                art,
                source=first,
                target=tgt.key,
                relation=EdgeType.ACQUIRED,
                span=(sent[0], tgt.end),
                rule="acquires",
                confidence=INFERRED,
                amount=art.amount_near(m.start(), sent),
                date=date,
            )


def acquiring_more(art: Article) -> None:
    """X完成对Y的收购 / Y被X收购 / X控股Y."""
    acq = {NodeType.ENTERPRISE, NodeType.INVESTOR}
    for m in re.finditer(r"对([^，。；]{2,30}?)的?(?:收购|并购|兼并|控股)", art.text):
        sent = art.sentence_at(m.start())
        cs, _ce = art.clause(m.start())
        tgts = [x for x in art.within(m.start(1), m.end(1)) if art.types(x.key) & acq]
        if not tgts:
            continue
        src, spos = subject(art, cs, m.start())
        if src is None:
            src, spos = subject(art, sent[0], m.start())
        if src and src != tgts[0].key and art.types(src) & acq:
            add_relation(
                art,
                source=src,
                target=tgts[0].key,
                relation=EdgeType.ACQUIRED,
                span=(spos, m.end()),
                rule="acquisition-of",
                confidence=PLAUSIBLE,
                amount=art.amount_near(m.start(), sent),
                date=art.date_for(m.start(), sent),
            )
    for m in re.finditer(r"被([^，。；]{2,30}?)(?:收购|并购|兼并|控股)", art.text):
        sent = art.sentence_at(m.start())
        cs, _ce = art.clause(m.start())
        buyers = [x for x in art.within(m.start(1), m.end(1)) if art.types(x.key) & acq]
        if not buyers or buyers[-1].end != m.end(1):
            continue
        tgt, tpos = subject(art, cs, m.start())
        if tgt is None:
            tgt, tpos = subject(art, sent[0], m.start())
        if tgt and tgt != buyers[-1].key and art.types(tgt) & acq:
            add_relation(
                art,
                source=buyers[-1].key,
                target=tgt,
                relation=EdgeType.ACQUIRED,
                span=(tpos, m.end()),
                rule="acquired-by",
                confidence=PLAUSIBLE,
                amount=art.amount_near(m.start(), sent),
                date=art.date_for(m.start(), sent),
            )


_BRANCH_END = re.compile(r"(分行|支行|分院|研究院|研究所|分公司|大学科技园|附属医院)$")
_BANK_OFFICE_END = re.compile(r"(分行|总行)$")


def branch_names(art: Article) -> None:
    """…分行/支行/研究院 whose name starts with a parent's name (the longest such name wins;
    on a tie, the parent first in name order, whatever the hash seed)."""
    ents = art.a.entities
    present = sorted({m.key for m in art.ms})
    for child in present:
        e = ents[child]
        if e.kind != "org" or not _BRANCH_END.search(child):
            continue
        best: tuple[str, int] | None = None
        for parent in present:
            if parent == child or ents[parent].kind != "org":
                continue
            if not (
                set(e.types) & set(ents[parent].types)
                or (
                    {NodeType.BANK, NodeType.GOVERNMENT} & set(e.types)
                    and {NodeType.BANK, NodeType.GOVERNMENT} & set(ents[parent].types)
                )
                or (NodeType.INSTITUTE in e.types and NodeType.INSTITUTE in ents[parent].types)
                or (NodeType.PARK in e.types and NodeType.INSTITUTE in ents[parent].types)
            ):
                continue
            forms = [parent, *ents[parent].aliases]
            for f in forms:
                base = _BANK_OFFICE_END.sub("", f)
                if len(base) < 2 or not child.startswith(base) or child == f:
                    continue
                if best is None or len(base) > best[1]:
                    best = (parent, len(base))
        if best:
            cm = next(x for x in art.ms if x.key == child)
            add_relation(
                art,
                source=child,
                target=best[0],
                relation=EdgeType.BRANCH_OF,
                span=(cm.start, cm.end),
                rule="branch-name",
                confidence=CERTAIN,
            )


def subordinates(art: Article) -> None:
    """X所辖/下属Y."""
    for m in _SUBORDINATE_CUE.finditer(art.text):
        before = [x for x in art.ms if x.end == m.start() and x.kind == "org"]
        after = [x for x in art.ms if x.start == m.end() and x.kind == "org"]
        if before and after:
            add_relation(
                art,
                source=after[0].key,
                target=before[0].key,
                relation=EdgeType.BRANCH_OF,
                span=(before[0].start, after[0].end),
                rule="subordinate",
                confidence=CONFIDENT,
            )


def set_up(art: Article) -> None:
    """张三发起成立X (FOUNDED) / 公司成立了X公司 (BRANCH_OF)."""
    for m in re.finditer(r"(?:成立|设立|组建)(?:了)?", art.text):
        sent = art.sentence_at(m.start())
        cs, ce = art.clause(m.start())
        after = [x for x in art.within(m.end(), ce) if x.kind == "org"]
        if not after or after[0].start != m.end():
            continue
        tgt = after[0]
        people = [x for x in art.within(cs, m.start()) if x.kind == "person"]
        if not people and "携手" in art.text[sent[0] : m.start()]:
            people = [x for x in art.within(sent[0], m.start()) if x.kind == "person"]
        if people and (
            art.text[m.start() - 2 : m.start()] in {"发起", "共同", "牵头"}
            or "携手" in art.text[sent[0] : m.start()]
        ):
            add_relation(
                art,
                source=people[-1].key,
                target=tgt.key,
                relation=EdgeType.FOUNDED,
                span=(people[-1].start, tgt.end),
                rule="set-up",
                confidence=INFERRED,
            )
            continue
        if not re.search(r"(公司)$", tgt.key):
            continue
        pm = re.search(r"(我们|公司|企业|该公司)[^，。]{0,4}$", art.text[cs : m.start()])
        src = resolve(art, pm.group(1), cs + pm.start(1)) if pm else None
        if src and src != tgt.key and NodeType.ENTERPRISE in art.types(src):
            add_relation(
                art,
                source=tgt.key,
                target=src,
                relation=EdgeType.BRANCH_OF,
                span=(cs, tgt.end),
                rule="subsidiary",
                confidence=INFERRED,
            )
