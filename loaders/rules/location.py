"""Location: 入驻, 落户, 位于, 迁至, 在X落地, 总部设在, 作为X的入驻企业, 搭建."""

from __future__ import annotations

import re

from ecox.graph.schema import EdgeType, NodeType
from ecox.loaders.rules.article import (
    CONFIDENT,
    GUESS,
    INFERRED,
    LIKELY,
    PLAUSIBLE,
    Article,
    add_relation,
)
from ecox.loaders.rules.cuewords import cue_pattern
from ecox.loaders.rules.reference import resolve, subject

__all__ = ["brought_in", "built_in", "located", "located_at", "tenant_of", "tenants"]

_LOCATION_CUE = re.compile(cue_pattern(EdgeType.LOCATED_IN))

_PLACE_TYPES = {NodeType.PARK, NodeType.INSTITUTE, NodeType.PLATFORM}


def located(art: Article) -> None:
    """X入驻/落户/位于/迁至P: X is located in P (and P in the park it sits in)."""
    for m in _LOCATION_CUE.finditer(art.text):
        sent = art.sentence_at(m.start())
        cs, ce = art.clause(m.start())
        after = [x for x in art.within(m.end(), ce) if x.kind == "org"]
        if not after or after[0].start - m.end() > 12:
            continue
        tgt = after[0]
        if not art.types(tgt.key) & _PLACE_TYPES:
            continue
        # 位于P的X: X sits in P; 公司入驻/位于P的X: the company sits in X, X in P
        tail = art.text[tgt.end : tgt.end + 1]
        if tail == "的":
            nxt = [x for x in art.within(tgt.end, ce) if x.kind == "org"]
            if nxt and nxt[0].start - tgt.end <= 2 and art.types(nxt[0].key) & _PLACE_TYPES:
                add_relation(
                    art,
                    source=nxt[0].key,
                    target=tgt.key,
                    relation=EdgeType.LOCATED_IN,
                    span=(tgt.start, nxt[0].end),
                    rule="located",
                    confidence=CONFIDENT,
                )
                inner = nxt[0]
                if m.group() == "位于" and not art.types(inner.key) & {NodeType.PARK}:
                    continue
                src, _ = subject(art, sent[0], m.start())
                if src and src not in {inner.key, tgt.key}:
                    add_relation(
                        art,
                        source=src,
                        target=inner.key,
                        relation=EdgeType.LOCATED_IN,
                        span=(cs, inner.end),
                        rule="located",
                        confidence=LIKELY,
                        date=art.date_for(m.start(), sent),
                    )
                continue
            if m.group() == "位于":
                continue
        src, _ = subject(art, sent[0], m.start())
        if src is None or src == tgt.key:
            continue
        if art.text[m.start() - 2 : m.start()] in {"项目", "企业"}:
            continue
        date = art.date_for(m.start(), sent)
        add_relation(
            art,
            source=src,
            target=tgt.key,
            relation=EdgeType.LOCATED_IN,
            span=(cs, tgt.end),
            rule="located",
            confidence=LIKELY,
            date=date,
        )
        frm = re.search(r"从([^，。]{2,20})$", art.text[cs : m.start()])
        if frm:
            olds = [x for x in art.within(cs + frm.start(1), m.start()) if x.kind == "org"]
            for old in olds[:1]:
                add_relation(
                    art,
                    source=src,
                    target=old.key,
                    relation=EdgeType.LOCATED_IN,
                    span=(old.start - 1, tgt.end),
                    rule="moved-from",
                    confidence=GUESS,
                )


def located_at(art: Article) -> None:
    """X在P落地/注册成立, 总部设在P."""
    for m in re.finditer(
        r"(?:(?<!设)在([^，。；]{2,30}?)(?:正式|成功)?(?:落地|落户|安家|扎根|注册成立|设立总部|办公)"
        r"|(?:设在|设于)([^，。；]{2,30}?)(?=[，。；]|$))",
        art.text,
    ):
        sent = art.sentence_at(m.start())
        cs, _ce = art.clause(m.start())
        g = 1 if m.group(1) is not None else 2
        parks = [x for x in art.within(m.start(g), m.end(g)) if x.kind == "org"]
        if not parks or parks[-1].end != m.end(g):
            continue
        if not art.types(parks[-1].key) & _PLACE_TYPES:
            continue
        src, _ = subject(art, cs, m.start())
        if src is None:
            src, _ = subject(art, sent[0], m.start())
        if src and src != parks[-1].key and not art.types(src) & {NodeType.PARK}:
            add_relation(
                art,
                source=src,
                target=parks[-1].key,
                relation=EdgeType.LOCATED_IN,
                span=(cs, m.end()),
                rule="located-at",
                confidence=PLAUSIBLE,
                date=art.date_for(m.start(), sent),
            )


def tenant_of(art: Article) -> None:
    """Y作为P的首批入驻企业."""
    for m in re.finditer(
        r"(?:作为|是|系)([^，。；]{2,30}?)的?(?:首批|重点|首家|第一批)?入驻(?:企业|项目|单位)",
        art.text,
    ):
        sent = art.sentence_at(m.start())
        parks = [x for x in art.within(m.start(1), m.end(1)) if x.kind == "org"]
        if not parks or not art.types(parks[-1].key) & _PLACE_TYPES:
            continue
        ents = [
            x
            for x in art.within(sent[0], sent[1])
            if NodeType.ENTERPRISE in art.types(x.key) and not m.start() <= x.start < m.end()
        ]
        if len(ents) == 1:
            add_relation(
                art,
                source=ents[0].key,
                target=parks[-1].key,
                relation=EdgeType.LOCATED_IN,
                span=(m.start(), m.end()),
                rule="tenant-of",
                confidence=INFERRED,
            )


def brought_in(art: Article) -> None:
    """园区引进(了)X: X is located in the park."""
    for m in re.finditer(r"(?:引入|引进|吸引)(?:了)?", art.text):
        sent = art.sentence_at(m.start())
        _cs, ce = art.clause(m.start())
        after = [x for x in art.within(m.end(), ce) if x.kind == "org"]
        if not after or after[0].start - m.end() > 1:
            continue
        if art.types(after[0].key) & {NodeType.INSTITUTE} and re.match(
            r"[^，。]{0,12}(技术|成果|专利)", art.text[after[0].end : ce]
        ):
            continue
        park = None
        pms = list(re.finditer(r"该园区|园区|高新区|开发区", art.text[sent[0] : m.start()]))
        pm = pms[-1] if pms else None
        if pm:
            park = resolve(art, pm.group(), sent[0] + pm.start())
        if park is None:
            subj, _ = subject(art, sent[0], m.start())
            park = subj if subj and NodeType.PARK in art.types(subj) else None
        for x in art.partners_after(m.end(), ce):
            if park and x.key != park and x.kind == "org":
                add_relation(
                    art,
                    source=x.key,
                    target=park,
                    relation=EdgeType.LOCATED_IN,
                    span=(m.start(), x.end),
                    rule="brought-in",
                    confidence=GUESS,
                )


def tenants(art: Article) -> None:
    """P及入驻企业如X、Y."""
    for m in re.finditer(r"(?:及|和)?入驻(?:的)?企业(?:如|包括|有)", art.text):
        cs, ce = art.clause(m.start())
        parks = [x for x in art.within(cs, m.start()) if NodeType.PARK in art.types(x.key)]
        if not parks:
            continue
        for x in art.within(m.end(), ce):
            if NodeType.ENTERPRISE in art.types(x.key):
                add_relation(
                    art,
                    source=x.key,
                    target=parks[-1].key,
                    relation=EdgeType.LOCATED_IN,
                    span=(parks[-1].start, x.end),
                    rule="tenants",
                    confidence=LIKELY,
                )


def built_in(art: Article) -> None:
    """X搭建/建成P: P sits in the zone X."""
    for m in re.finditer(r"(?:搭建|建设|打造|建成)(?:了)?", art.text):
        sent = art.sentence_at(m.start())
        _cs, ce = art.clause(m.start())
        after = [x for x in art.within(m.end(), ce) if x.kind == "org"]
        if (
            not after
            or after[0].start - m.end() > 1
            or NodeType.PARK not in art.types(after[0].key)
        ):
            continue
        src, spos = subject(art, sent[0], m.start())
        if src and art.types(src) & {NodeType.PARK, NodeType.GOVERNMENT}:
            add_relation(
                art,
                source=after[0].key,
                target=src,
                relation=EdgeType.LOCATED_IN,
                span=(spos, after[0].end),
                rule="built-in",
                confidence=INFERRED,
                date=art.date_for(m.start(), sent),
            )
