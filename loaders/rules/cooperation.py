"""Cooperation and service: 合作, 携手, 双方共建, 支持, 列入, 孵化, 提供服务, 撮合, 培训, 挂牌."""

from __future__ import annotations

import re

from ecox.graph.schema import EdgeType, NodeType
from ecox.loaders.rules.article import (
    ADVERBS,
    GUESS,
    INFERRED,
    PLAUSIBLE,
    WEAK,
    Article,
    add_relation,
)
from ecox.loaders.rules.cuewords import cue_pattern
from ecox.loaders.rules.reference import para_subject, resolve, speaker_org, subject

__all__ = [
    "both_sides",
    "co_founders",
    "cooperating",
    "incubating",
    "listing_in",
    "serving",
    "supporting",
]

_COOPERATION_CUE = re.compile(cue_pattern(EdgeType.COOPERATES_WITH))
_SUPPORT_CUE = re.compile(
    r"(?:继续|大力|全力|重点)?(?:" + cue_pattern(EdgeType.SERVES) + r")(?:了)?"
)
_SERVICE_TYPES = {
    NodeType.BANK,
    NodeType.PLATFORM,
    NodeType.PARK,
    NodeType.GOVERNMENT,
    NodeType.INSTITUTE,
    NodeType.INVESTOR,
}
_FOR_CUE = re.compile(r"为(?:像)?")
_SUPPORTED_BY = re.compile(
    r"在([^，。]{2,24}?)的(?:支持|帮助|指导|推动|辅导|培育|孵化|协助|牵线|撮合|推荐)下"
)
_TRAINED_BY = re.compile(
    r"接受(?:了)?(?:来自)?([^。]{2,60}?)的[^，。]{0,6}?(?:培训|辅导|指导|服务)"
)
_BROKERING = re.compile(r"撮合|牵线|对接服务")
_LISTED_ON = re.compile(r"在([^，。]{2,16}?)(?:平台)?(?:挂牌|上市)")
_BANK_SERVICE_CUE = re.compile(r"(?:金融服务|服务团队|专项服务|综合服务)")


def both_sides(art: Article) -> None:
    """…X…,双方已共建/合作…: the two parties named just before."""
    for m in re.finditer(
        r"双方(?:已|将|还|正|共同|已经)*(?:共建|合作|携手|签署|联合|共同)", art.text
    ):
        sent = art.sentence_at(m.start())
        orgs = list(dict.fromkeys(x.key for x in art.within(sent[0], m.start()) if x.kind == "org"))
        a: str | None
        if len(orgs) >= 2:
            a, b = orgs[0], orgs[-1]
        elif len(orgs) == 1:
            pm = re.search(
                r"(?<![\u4e00-\u9fff])(公司|企业|该公司|该企业|我们)",
                art.text[sent[0] : m.start()],
            )
            a = resolve(art, pm.group(1), sent[0] + pm.start(1)) if pm else None
            b = orgs[0]
        else:
            continue
        if a and b and a != b:
            add_relation(
                art,
                source=a,
                target=b,
                relation=EdgeType.COOPERATES_WITH,
                span=(sent[0], m.end()),
                rule="both-sides",
                confidence=WEAK,
            )


def supporting(art: Article) -> None:
    """园区/X将支持Y(等企业): a park, government or platform serves Y."""
    for m in _SUPPORT_CUE.finditer(art.text):
        _cs, ce = art.clause(m.start())
        after = [x for x in art.within(m.end(), ce) if NodeType.ENTERPRISE in art.types(x.key)]
        if not after or after[0].start - m.end() > 1:
            continue
        sent = art.sentence_at(m.start())
        lo = max(sent[0], m.start() - 30)
        pm = re.search(
            r"(?<![\u4e00-\u9fff])(园区|该园区|高新区|开发区|该平台|该机构)[^。；]{0,28}$",
            art.text[lo : m.start()],
        )
        src = resolve(art, pm.group(1), lo + pm.start(1)) if pm else None
        if src is None:
            src, _ = subject(art, sent[0], m.start())
        if src is None or src == after[0].key:
            continue
        if not art.types(src) & {NodeType.PARK, NodeType.GOVERNMENT, NodeType.PLATFORM}:
            continue
        add_relation(
            art,
            source=src,
            target=after[0].key,
            relation=EdgeType.SERVES,
            span=(m.start(), after[0].end),
            rule="supports",
            confidence=WEAK,
        )


def listing_in(art: Article) -> None:
    """X将Y列入/纳入…培育库/名单/计划: a government or park supports Y."""
    for m in re.finditer(
        r"将([^，。；]{2,30}?)(?:列入|纳入|认定为)[^，。；]{0,20}?(?:库|名单|计划|企业|工程)",
        art.text,
    ):
        cs, _ce = art.clause(m.start())
        srcs = [x for x in art.within(cs, m.start()) if x.kind == "org"]
        if not srcs or not re.fullmatch(ADVERBS, art.text[srcs[-1].end : m.start()]):
            continue
        if not art.types(srcs[-1].key) & {NodeType.GOVERNMENT, NodeType.PARK, NodeType.PLATFORM}:
            continue
        tgts = [
            x for x in art.within(m.start(1), m.end(1)) if NodeType.ENTERPRISE in art.types(x.key)
        ]
        tgt = tgts[0].key if tgts else None
        pron = re.match(r"(该公司|该企业|其|公司|企业)", m.group(1))
        if tgt is None and pron:
            tgt = resolve(art, pron.group(1), m.start())
        if tgt and tgt != srcs[-1].key:
            add_relation(
                art,
                source=srcs[-1].key,
                target=tgt,
                relation=EdgeType.SERVES,
                span=(srcs[-1].start, m.end()),
                rule="listed-in",
                confidence=WEAK,
            )


def incubating(art: Article) -> None:
    """X孵化(了)Y / Y由X孵化 / Y是X孵化的企业: X serves Y."""
    for m in re.finditer(r"孵化(?:了|出)?", art.text):
        cs, ce = art.clause(m.start())
        sent = art.sentence_at(m.start())
        orgs = [x for x in art.within(cs, m.start()) if x.kind == "org"]
        if not orgs or not re.fullmatch(
            r"(所|成功|累计|共)?|[\u4e00-\u9fff]{1,8}(学院|系|团队|实验室)",
            art.text[orgs[-1].end : m.start()],
        ):
            continue  # 天津大学化工学院孵化: the university is the actor
        inc = orgs[-1]
        if not art.types(inc.key) & {
            NodeType.PARK,
            NodeType.INSTITUTE,
            NodeType.PLATFORM,
            NodeType.INVESTOR,
            NodeType.GOVERNMENT,
        }:
            continue
        after = [x for x in art.within(m.end(), ce) if NodeType.ENTERPRISE in art.types(x.key)]
        tgt = None
        if after and after[0].start - m.end() <= 1:
            tgt = after[0].key
        elif re.search(r"(由|经|是|为|系)$", art.text[cs : inc.start]):
            ents = [
                x for x in art.within(sent[0], inc.start) if NodeType.ENTERPRISE in art.types(x.key)
            ]
            if ents:
                tgt = ents[-1].key
            else:
                pm = re.search(
                    r"(该公司|该企业|(?<![\u4e00-\u9fff])公司|(?<![\u4e00-\u9fff])企业)",
                    art.text[sent[0] : inc.start],
                )
                tgt = resolve(art, pm.group(1), sent[0] + pm.start(1)) if pm else None
                if tgt is None:
                    tgt = subject(art, sent[0], inc.start)[0]
        if tgt and tgt != inc.key and NodeType.ENTERPRISE in art.types(tgt):
            add_relation(
                art,
                source=inc.key,
                target=tgt,
                relation=EdgeType.SERVES,
                span=(inc.start, m.end()),
                rule="incubated",
                confidence=INFERRED,
            )


def cooperating(art: Article) -> None:
    """X会同/联合/携手/与Y: cooperation, or service when one side relies on the other."""
    for m in _COOPERATION_CUE.finditer(art.text):
        sent = art.sentence_at(m.start())
        cs, ce = art.clause(m.start())
        word = m.group()
        partners = art.partners_after(m.end(), ce)
        if not partners:
            continue
        rest = art.text[partners[-1].end : ce]
        if word == "与" and not re.search(
            r"合作|携手|牵手|共建|联合|协同|签约|结成|共同|框架协议|战略协议", rest[:30]
        ):
            continue
        if re.match(r"[^，。；]{0,12}?(?:创立|创办|创建|创业)", rest):
            continue  # A与B(于2018年)共同创立C: co-founders, not partners
        src = _cooperation_source(art, sent[0], cs, m.start())
        if src is None:
            continue
        for p in partners:
            if p.key == src:
                continue
            ptypes = art.types(p.key)
            stypes = art.types(src)
            span = art.span(m.start(), p.end)
            if word in {"对接", "依托"}:
                if NodeType.INSTITUTE in ptypes and re.match(
                    r"[^，。]{0,12}(技术团队|技术|成果|专利)", art.text[p.end : ce]
                ):
                    continue  # technology transfer, below
                if NodeType.ENTERPRISE in stypes and ptypes & {
                    NodeType.PARK,
                    NodeType.PLATFORM,
                    NodeType.INSTITUTE,
                }:
                    add_relation(
                        art,
                        source=p.key,
                        target=src,
                        relation=EdgeType.SERVES,
                        span=span,
                        rule="relies-on",
                        confidence=INFERRED,
                    )
                    continue
                if not stypes & {
                    NodeType.BANK,
                    NodeType.GOVERNMENT,
                    NodeType.PARK,
                    NodeType.PLATFORM,
                    NodeType.INSTITUTE,
                }:
                    continue
                if not ptypes & {
                    NodeType.INSTITUTE,
                    NodeType.PLATFORM,
                    NodeType.FUND,
                    NodeType.BANK,
                    NodeType.GOVERNMENT,
                }:
                    continue
            if (
                word == "与"
                and art.a.entities[p.key].kind == "person"
                and art.a.entities[src].kind == "org"
                and not stypes & {NodeType.ENTERPRISE}
            ):
                continue
            add_relation(
                art,
                source=src,
                target=p.key,
                relation=EdgeType.COOPERATES_WITH,
                span=span,
                rule="cooperates",
                confidence=PLAUSIBLE,
            )


def _cooperation_source(art: Article, sent_start: int, cs: int, pos: int) -> str | None:
    """Who cooperates at the cue ``pos`` of the clause starting at ``cs``.

    The actor named right before the cue, else a pronoun or generic noun before
    it, the sentence's subject, the paragraph's subject or the speaker's organisation.
    """
    before = [x for x in art.within(cs, pos)]
    if before and re.fullmatch(ADVERBS, art.text[before[-1].end : pos]):
        return before[-1].key
    src = None
    pm = re.search(
        r"(该行|该机构|该公司|该园区|园区|我们|企业|公司|其)[^，。]{0,8}$",
        art.text[cs:pos],
    )
    if pm:
        src = resolve(art, pm.group(1), cs + pm.start(1))
    if src is None:
        src, _ = subject(art, sent_start, pos)
    if src is None:
        src = para_subject(art, pos)
    if src is None:
        src = speaker_org(art, pos)
    return src


def co_founders(art: Article) -> None:
    """由A、B联合发起设立F: A and B commit to F, or cooperate."""
    for m in re.finditer(r"由([^。]{2,60}?)(?:联合|共同)(发起|设立|组建|出资|成立|举办)", art.text):
        inner = [x for x in art.within(m.start(1), m.end(1)) if x.kind == "org"]
        keys = list(dict.fromkeys(x.key for x in inner))
        sent = art.sentence_at(m.start())
        subj, _ = subject(art, sent[0], m.start())
        if subj and (NodeType.FUND in art.types(subj) or m.group(2) == "出资"):
            for k in keys:
                add_relation(
                    art,
                    source=k,
                    target=subj,
                    relation=EdgeType.COMMITTED_TO,
                    span=(m.start(), m.end()),
                    rule="co-funders",
                    confidence=INFERRED,
                    date=art.date_for(m.start(), sent),
                )
            continue
        for i in range(len(keys)):
            for j in range(i + 1, len(keys)):
                add_relation(
                    art,
                    source=keys[i],
                    target=keys[j],
                    relation=EdgeType.COOPERATES_WITH,
                    span=(m.start(), m.end()),
                    rule="co-founders",
                    confidence=INFERRED,
                )


def serving(art: Article) -> None:
    """Service cues, sentence by sentence (a bank that lent to a company does not also serve it)."""
    for sent in art.sentences:
        s, e = sent
        lent = {
            (r.source, r.target)
            for r in art.out
            if r.type == EdgeType.LENT_TO and s <= r.span_start < e
        }
        seg = art.text[s:e]
        _serves_for(art, sent, lent, seg)
        _supported_by(art, sent, seg)
        _trained_by(art, sent, seg)
        _brokered(art, sent, seg)
        _listed_on(art, sent, seg)
        _bank_service(art, sent, lent, seg)


def _serves_for(art: Article, sent: tuple[int, int], lent: set[tuple[str, str]], seg: str) -> None:
    """X为企业提供服务/兑现奖励: X serves the company (not when X lent to it)."""
    s, _e = sent
    for m in _FOR_CUE.finditer(seg):
        pos = s + m.start()
        cs, ce = art.clause(pos)
        tgts = [x for x in art.within(s + m.end(), ce) if NodeType.ENTERPRISE in art.types(x.key)]
        pron = re.match(r"(企业|公司|其|该公司|该企业)", art.text[s + m.end() : ce])
        named_before = [x for x in art.within(cs, pos) if x.kind == "org"]
        if (
            (not tgts or tgts[0].start - (s + m.end()) > 1)
            and pron
            and named_before
            and re.fullmatch(ADVERBS, art.text[named_before[-1].end : pos])
        ):
            # X还为企业兑现奖励: the company of the article, with X named right before
            key = resolve(art, pron.group(1), s + m.end())
            if key:
                at = s + m.end()
                tgts = [art.stand_in(at, at + len(pron.group(1)), key)]
        if not tgts or tgts[0].start - (s + m.end()) > 1:
            continue
        tail = art.text[tgts[0].end : ce]
        if not re.search(
            r"提供|服务|支持|注入|嫁接|撮合|对接|辅导|赋能|解决|发放|兑现|拨付|奖励|补贴|补助",
            tail,
        ):
            continue
        srcs = []
        src, _ = subject(art, s, pos, nearest=True)
        if src:
            srcs.append(src)
        via = re.search(r"通过[^，。]{0,4}?“?([^”，。]{2,12})”?平台", art.text[cs:pos])
        if via:
            srcs += [
                x.key
                for x in art.within(cs + via.start(), pos)
                if NodeType.PLATFORM in art.types(x.key)
            ]
        for sk in srcs:
            if (sk, tgts[0].key) in lent or not art.types(sk) & _SERVICE_TYPES:
                continue
            add_relation(
                art,
                source=sk,
                target=tgts[0].key,
                relation=EdgeType.SERVES,
                span=(pos, tgts[0].end),
                rule="serves",
                confidence=INFERRED,
            )


def _supported_by(art: Article, sent: tuple[int, int], seg: str) -> None:
    """在X的支持/牵线下: X serves the subject (and the partner it was matched with)."""
    s, _e = sent
    for m in _SUPPORTED_BY.finditer(seg):
        pos = s + m.start()
        helpers = [x for x in art.within(s + m.start(1), s + m.end(1)) if x.kind == "org"]
        if not helpers:
            continue
        src, _ = subject(art, s, pos, nearest=True)
        if src is None:
            pm = re.search(r"(企业|公司|我们|其)[^，。]{0,20}$", art.text[s:pos])
            src = resolve(art, pm.group(1), s + pm.start(1)) if pm else None
        served = [src] if src else []
        if src is None:
            # 在X的牵线下,A与B达成合作: the actors of the clause that follows
            a_s, a_e = art.clause(s + m.end() + 1)
            firsts = [x for x in art.within(a_s, a_e) if x.kind == "org"]
            if firsts and firsts[0].start - a_s <= 8:
                served.append(firsts[0].key)
                if re.search(r"牵线|撮合", m.group()):
                    served += [
                        x.key
                        for x in art.partners_after(firsts[0].end + 1, a_e)
                        if art.text[firsts[0].end] in "与和同"
                        and art.types(x.key) & {NodeType.ENTERPRISE, NodeType.INSTITUTE}
                    ]
        for key in served:
            if key != helpers[-1].key:
                add_relation(
                    art,
                    source=helpers[-1].key,
                    target=key,
                    relation=EdgeType.SERVES,
                    span=(pos, s + m.end()),
                    rule="support",
                    confidence=INFERRED,
                )


def _trained_by(art: Article, sent: tuple[int, int], seg: str) -> None:
    """接受X的培训/辅导: X serves the subject."""
    s, _e = sent
    for m in _TRAINED_BY.finditer(seg):
        pos = s + m.start()
        src, _ = subject(art, s, pos)
        if src is None:
            continue
        for x in art.within(s + m.start(1), s + m.end(1)):
            if x.kind == "org":
                add_relation(
                    art,
                    source=x.key,
                    target=src,
                    relation=EdgeType.SERVES,
                    span=(pos - (pos - s), s + m.end()),
                    rule="trained-by",
                    confidence=INFERRED,
                    date=art.date_for(pos, sent),
                )


def _brokered(art: Article, sent: tuple[int, int], seg: str) -> None:
    """撮合/牵线/对接服务: the subject (or the speaker's organisation) serves the companies."""
    s, e = sent
    if _BROKERING.search(seg):
        src, _ = subject(art, s, e)
        pm = re.search(r"我们", seg)
        if pm:
            src = resolve(art, "我们", s + pm.start()) or src
        for x in art.within(s, e):
            if (
                src
                and x.key != src
                and NodeType.ENTERPRISE in art.types(x.key)
                and art.types(src) & _SERVICE_TYPES
            ):
                add_relation(
                    art,
                    source=src,
                    target=x.key,
                    relation=EdgeType.SERVES,
                    span=(s, e),
                    rule="brokered",
                    confidence=GUESS,
                )


def _listed_on(art: Article, sent: tuple[int, int], seg: str) -> None:
    """在X(平台)挂牌/上市: the platform serves the company."""
    s, _e = sent
    for m in _LISTED_ON.finditer(seg):
        plats = [
            x
            for x in art.within(s + m.start(1), s + m.end(1))
            if NodeType.PLATFORM in art.types(x.key)
        ]
        if not plats:
            continue
        src, _ = subject(art, s, s + m.start())
        if src is None:
            src = speaker_org(art, s + m.start())
        if src and NodeType.ENTERPRISE in art.types(src):
            add_relation(
                art,
                source=plats[0].key,
                target=src,
                relation=EdgeType.SERVES,
                span=(s + m.start(), s + m.end()),
                rule="listed",
                confidence=GUESS,
            )


def _bank_service(
    art: Article, sent: tuple[int, int], lent: set[tuple[str, str]], seg: str
) -> None:
    """金融服务/服务团队 of a bank: the bank serves the company it did not lend to."""
    s, e = sent
    for m in _BANK_SERVICE_CUE.finditer(seg):
        banks = [x for x in art.within(s, s + m.start()) if NodeType.BANK in art.types(x.key)]
        if not banks:
            continue
        src = banks[-1].key
        ents = [
            x
            for x in art.within(s, e)
            if NodeType.ENTERPRISE in art.types(x.key)
            and (x.start > banks[-1].end or re.match(r"的[^，。]{0,6}需求", art.text[x.end : e]))
        ]
        tgt = ents[0].key if ents else None
        if tgt is None:
            pm = re.search(r"支持(?:了)?(企业|其|该公司|该企业)", seg)
            tgt = resolve(art, pm.group(1), s + pm.start(1)) if pm else None
        if tgt and (src, tgt) not in lent:
            add_relation(
                art,
                source=src,
                target=tgt,
                relation=EdgeType.SERVES,
                span=(s, e),
                rule="bank-service",
                confidence=GUESS,
            )
