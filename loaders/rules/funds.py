"""Funds: 出资, 认缴, 牵头设立 (COMMITTED_TO); 管理机构, 基金管理人, 由…管理 (MANAGES)."""

from __future__ import annotations

import re

from ecox.graph.schema import EdgeType, NodeType
from ecox.loaders.rules.article import (
    ADVERBS,
    CONFIDENT,
    FIRM,
    INFERRED,
    LIKELY,
    Article,
    add_relation,
)
from ecox.loaders.rules.cuewords import cue_pattern
from ecox.loaders.rules.reference import fund_ref, funds_before, resolve, subject

__all__ = ["committing", "managing", "managing_more", "sub_fund_managers"]

_COMMIT_CUE = re.compile(
    r"(?:共同|牵头|发起|参与|联合)?(?:" + cue_pattern(EdgeType.COMMITTED_TO) + r")(?:了)?"
)
_MANAGER_CUE = re.compile(cue_pattern(EdgeType.MANAGES) + r"|管理人(?:为|是)")

_COMMITTER_TYPES = {
    NodeType.BANK,
    NodeType.INVESTOR,
    NodeType.FUND,
    NodeType.GOVERNMENT,
    NodeType.ENTERPRISE,
    NodeType.PARK,
}


def committing(art: Article) -> None:
    """X出资/认缴/牵头设立F, with partners and the fund just named."""
    for m in re.finditer(_COMMIT_CUE, art.text):
        sent = art.sentence_at(m.start())
        cs, ce = art.clause(m.start())
        funds = [x for x in art.within(m.end(), ce) if NodeType.FUND in art.types(x.key)]
        implicit = not funds or funds[0].start - m.end() > 16
        if implicit:
            fund = _fund_just_named(art, m, (cs, ce))
            if fund is None:
                continue
            funds = [art.stand_in(m.start(), m.end(), fund, how="implicit")]
        src, _pos = subject(art, cs, m.start())
        partners: list[str] = []
        listed = art.listed_before(cs, m.start())
        if len(listed) > 1:  # A、B和C共同发起设立F
            src = listed[0].key
            partners = [x.key for x in listed[1:]]
        if src is None:
            pm = re.search(r"(?<![\u4e00-\u9fff])银行", art.text[cs : m.start()])
            src = resolve(art, "银行", cs + pm.start()) if pm else None
        if src is None and re.fullmatch(
            ADVERBS + r"(共同|联合)?", art.text[cs : m.start()].strip()
        ):
            # A与B签约,共同设立F: both A and B commit
            src, _pos = subject(art, sent[0], m.start())
            for pm in re.finditer(r"与|和|同|联合|携手|会同", art.text[sent[0] : cs]):
                at = sent[0] + pm.end()
                partners += [x.key for x in art.partners_after(at, cs) if x.kind == "org"]
        lead = re.match(r"(与|和|同|携手|联合|会同)", art.text[cs : m.start()])
        if src is None and lead:
            # …出资2亿元,与B共同发起设立F: the sentence's subject and B commit
            src, _pos = subject(art, sent[0], cs)
            partners += [
                x.key for x in art.partners_after(cs + lead.end(), m.start()) if x.kind == "org"
            ]
        if src is None or (NodeType.FUND in art.types(src) and src == funds[0].key):
            continue
        if not art.types(src) & _COMMITTER_TYPES:
            continue
        if implicit:
            amount = next(
                (a for a in art.amounts if m.end() <= a.start <= m.end() + 4 and a.end <= ce),
                None,
            )
        else:
            amount = art.amount_near(m.start(), (m.end(), funds[0].start))
        for key in [src, *partners]:
            if key == funds[0].key or not art.types(key) & _COMMITTER_TYPES:
                continue
            add_relation(
                art,
                source=key,
                target=funds[0].key,
                relation=EdgeType.COMMITTED_TO,
                span=(m.start(), amount.end if implicit and amount else funds[0].end),
                rule="commit-implicit" if implicit else "commit",
                confidence=INFERRED if implicit else LIKELY,
                amount=amount if key == src else None,
                date=art.date_for(m.start(), sent),
            )


def _fund_just_named(art: Article, m: re.Match[str], clause: tuple[int, int]) -> str | None:
    """认缴其中2000万元 / 认缴出资1.5亿元: the fund named before the clause, if any."""
    cs, ce = clause
    if "设立" in m.group() or not re.match(
        r"(出资)?(其中)?[约近超逾]?[\d一二两三四五六七八九十百千]", art.text[m.end() : ce]
    ):
        return None
    funds = funds_before(art, cs)
    return funds[0].key if funds else None


def sub_fund_managers(art: Article) -> None:
    """子基金管理人包括X: the fund commits to X."""
    for m in re.finditer(r"子基金管理人", art.text):
        sent = art.sentence_at(m.start())
        inc = re.search(r"包括|为|有|是|如", art.text[m.end() : sent[1]])
        if not inc:
            continue
        start = m.end() + inc.end()
        _cs, ce = art.clause(start)
        fund = art.last_before(m.start(), {NodeType.FUND}, lo=max(0, m.start() - 300))
        for x in art.within(start, ce):
            if x.kind == "org" and art.types(x.key) & {NodeType.INVESTOR, NodeType.ENTERPRISE}:
                add_relation(
                    art,
                    source=fund,
                    target=x.key,
                    relation=EdgeType.COMMITTED_TO,
                    span=(m.start(), x.end),
                    rule="sub-fund",
                    confidence=INFERRED,
                )


def managing(art: Article) -> None:
    for m in _MANAGER_CUE.finditer(art.text):
        sent = art.sentence_at(m.start())
        if art.text[max(0, m.start() - 3) : m.start()].endswith(("子基金", "子")):
            continue
        after = [x for x in art.within(m.end(), sent[1]) if x.kind == "org"]
        if not after or after[0].start - m.end() > 3:
            continue
        fund = art.last_before(m.start(), {NodeType.FUND}, lo=sent[0])
        if fund is None and re.search(
            r"(该|其|本)(母)?基金[^，。]{0,4}$|其$", art.text[sent[0] : m.start()]
        ):
            fund = art.last_before(m.start(), {NodeType.FUND}, lo=art.paragraph(m.start())[0])
        if fund and NodeType.INVESTOR in art.types(after[0].key) | {NodeType.INVESTOR}:
            fs = art.text.rfind(fund, sent[0], m.start())
            add_relation(
                art,
                source=after[0].key,
                target=fund,
                relation=EdgeType.MANAGES,
                span=(fs if fs >= 0 else sent[0], after[0].end),
                rule="manager",
                confidence=CONFIDENT,
            )
    for m in re.finditer(r"(?:受托|负责)?管理(?:的|着)?", art.text):
        cs, ce = art.clause(m.start())
        before = [x for x in art.within(cs, m.start()) if x.kind == "org"]
        after = [x for x in art.within(m.end(), ce) if NodeType.FUND in art.types(x.key)]
        if (
            before
            and after
            and NodeType.INVESTOR in art.types(before[-1].key)
            and m.start() - before[-1].end <= 2
            and after[0].start - m.end() <= 2
        ):
            add_relation(
                art,
                source=before[-1].key,
                target=after[0].key,
                relation=EdgeType.MANAGES,
                span=(before[-1].start, after[0].end),
                rule="manages",
                confidence=CONFIDENT,
            )


def managing_more(art: Article) -> None:
    """X担任(该基金的)管理人 / F由X(受托)管理."""
    for m in re.finditer(
        r"担任([^，。；]{0,12}?)(?:的)?(?:基金)?(?:管理人|管理机构|执行事务合伙人)", art.text
    ):
        cs, _ce = art.clause(m.start())
        before = [x for x in art.within(cs, m.start()) if x.kind == "org"]
        if not before or not re.fullmatch(ADVERBS, art.text[before[-1].end : m.start()]):
            continue
        mgr = before[-1]
        funds = [x for x in art.within(m.start(1), m.end(1)) if NodeType.FUND in art.types(x.key)]
        fund = funds[0].key if funds else None
        if fund is None and re.search(r"该|其|本|此", m.group(1)):
            fund = fund_ref(art, mgr.start, m.group(1))
        if fund and art.types(mgr.key) & {NodeType.INVESTOR, NodeType.ENTERPRISE}:
            add_relation(
                art,
                source=mgr.key,
                target=fund,
                relation=EdgeType.MANAGES,
                span=(mgr.start, m.end()),
                rule="manager-role",
                confidence=FIRM,
            )
    for m in re.finditer(
        r"由([^，。；]{2,40}?)(?:担任|作为)(?:其|该基金的?)?(?:基金)?(?:管理人|管理机构)",
        art.text,
    ):
        cs, _ce = art.clause(m.start())
        mgrs = [
            x
            for x in art.within(m.start(1), m.end(1))
            if art.types(x.key) & {NodeType.INVESTOR, NodeType.ENTERPRISE}
        ]
        if not mgrs or mgrs[-1].end != m.end(1):
            continue
        head = art.text[cs : m.start()]
        sent = art.sentence_at(m.start())
        funds = [x for x in art.within(sent[0], m.start()) if NodeType.FUND in art.types(x.key)]
        fund = funds[-1].key if funds else None
        if fund is None and re.search(r"(该|其|本|此)?[\u4e00-\u9fff]{0,2}基金$", head):
            fund = fund_ref(art, m.start(), head[-5:])
        if fund:
            add_relation(
                art,
                source=mgrs[-1].key,
                target=fund,
                relation=EdgeType.MANAGES,
                span=(cs, m.end()),
                rule="manager-role",
                confidence=FIRM,
            )
    for m in re.finditer(
        r"由([^，。；]{2,40}?)(?:受托|负责|统一)?管理(?!人|机构|部|办法)", art.text
    ):
        cs, _ce = art.clause(m.start())
        mgrs = [
            x
            for x in art.within(m.start(1), m.end(1))
            if art.types(x.key) & {NodeType.INVESTOR, NodeType.ENTERPRISE}
        ]
        funds = [x for x in art.within(cs, m.start()) if NodeType.FUND in art.types(x.key)]
        if not mgrs or not funds:
            continue
        if mgrs[-1].end != m.end(1):
            continue
        add_relation(
            art,
            source=mgrs[-1].key,
            target=funds[-1].key,
            relation=EdgeType.MANAGES,
            span=(funds[-1].start, m.end()),
            rule="managed-by",
            confidence=FIRM,
        )
