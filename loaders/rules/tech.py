"""Technology transfer: 对接…技术团队, 成果转化, 技术转让, 向Y转让/许可, 样品寄送."""

from __future__ import annotations

import re

from ecox.graph.schema import EdgeType, NodeType
from ecox.loaders.rules.article import (
    INFERRED,
    PLAUSIBLE,
    WEAK,
    Article,
    add_relation,
)
from ecox.loaders.rules.cuewords import cue_pattern
from ecox.loaders.rules.reference import resolve

__all__ = ["tech_transfer"]

_TRANSFER_WORDS = cue_pattern(EdgeType.TRANSFERRED_TECH)
# a transfer cue, not the name of a body (技术转移中心, 成果转化平台)
_TRANSFER_CUE = re.compile("(" + _TRANSFER_WORDS + r")(?!平台|中心|基地|机构|服务|体系|工作|率)")
_BROUGHT_IN = re.compile(r"(?:对接|引进|引入)")
_TRANSFER_TO = re.compile(
    r"向([^，。；]{2,30}?)(?:独家|无偿|有偿)?(?:转让|许可|授权|转移|转化)(?:了)?"
)
_SENT_OVER = re.compile(
    r"(?:样品|技术|成果|专利)[^，。]{0,6}(?:寄送|转让|许可|授权|转移|交付)(?:至|给|予)?"
)


def tech_transfer(art: Article) -> None:
    for sent in art.sentences:
        s, e = sent
        seg = art.text[s:e]
        _tech_match(art, sent, seg)
        _transfer_cue(art, sent, seg)
        _transfer_to(art, sent, seg)
        _tech_sent(art, sent, seg)


def _tech_match(art: Article, sent: tuple[int, int], seg: str) -> None:
    """X对接/引进Y的技术团队/成果: the institute Y transfers technology to the company."""
    s, e = sent
    for m in _BROUGHT_IN.finditer(seg):
        _cs, ce = art.clause(s + m.start())
        insts = [
            x for x in art.partners_after(s + m.end(), ce) if NodeType.INSTITUTE in art.types(x.key)
        ]
        if not insts or not re.match(
            r"[^，。]{0,12}(技术团队|技术|成果|专利)", art.text[insts[-1].end : ce]
        ):
            continue
        ents = [x for x in art.within(s, e) if NodeType.ENTERPRISE in art.types(x.key)]
        tgt = ents[-1].key if ents else resolve(art, "企业", s + m.start())
        for x in insts:
            add_relation(
                art,
                source=x.key,
                target=tgt,
                relation=EdgeType.TRANSFERRED_TECH,
                span=(s + m.start(), x.end),
                rule="tech-match",
                confidence=INFERRED,
            )


def _transfer_cue(art: Article, sent: tuple[int, int], seg: str) -> None:
    """技术转让/成果转化/作价入股: the institute (or 学校/该院) before the cue to the company."""
    s, e = sent
    if _TRANSFER_CUE.search(seg):
        srcs = [
            x
            for x in art.within(s, e)
            if art.types(x.key) & {NodeType.INSTITUTE, NodeType.SCIENTIST, NodeType.PLATFORM}
        ]
        ents = [x for x in art.within(s, e) if NodeType.ENTERPRISE in art.types(x.key)]
        tgt = ents[-1].key if ents else resolve(art, "企业", s)
        cue_m = re.search(
            _TRANSFER_WORDS,
            seg,
        )
        cue_at = s + (cue_m.start() if cue_m else 0)
        before_cue = [x for x in srcs if x.end <= cue_at]
        lo = before_cue[-1].end if before_cue else s
        pms = list(re.finditer(r"学校|该校|高校|母校|该院|该所", art.text[lo:cue_at]))
        pm = pms[-1] if pms else None
        if pm is not None:
            key = resolve(art, pm.group(), lo + pm.start())
            if pm.group() in {"该院", "该所"}:
                key = art.last_before(lo + pm.start(), {NodeType.INSTITUTE})
            if key:
                at = lo + pm.start()
                before_cue.append(art.stand_in(at, at + 2, key))
        if before_cue and tgt:
            src = before_cue[-1]
            add_relation(
                art,
                source=src.key,
                target=tgt,
                relation=EdgeType.TRANSFERRED_TECH,
                span=(s, e),
                rule="tech-transfer",
                confidence=WEAK,
                date=art.date_for(src.start, sent),
            )


def _transfer_to(art: Article, sent: tuple[int, int], seg: str) -> None:
    """X向Y转让/许可专利: X transfers technology to Y."""
    s, _e = sent
    for m in _TRANSFER_TO.finditer(seg):
        cs, ce = art.clause(s + m.start())
        if not re.search(
            r"专利|技术|成果|知识产权|使用权", art.text[s + m.end() : ce]
        ) or re.search(r"股权|股份|份额", art.text[s + m.end() : ce]):
            continue
        srcs = [
            x
            for x in art.within(cs, s + m.start())
            if art.types(x.key) & {NodeType.INSTITUTE, NodeType.SCIENTIST, NodeType.PLATFORM}
        ]
        src_key = srcs[-1].key if srcs else None
        if src_key is None:
            pm = re.search(r"(学校|该校|高校|该院|该所)[^，。]{0,6}$", art.text[cs : s + m.start()])
            src_key = resolve(art, pm.group(1), cs + pm.start(1)) if pm else None
            if pm and src_key is None:
                src_key = art.last_before(cs + pm.start(1), {NodeType.INSTITUTE})
        if src_key is None:
            continue
        ents = [
            x
            for x in art.within(s + m.start(1), s + m.end(1))
            if NodeType.ENTERPRISE in art.types(x.key)
        ]
        tgt = ents[0].key if ents else None
        if tgt is None and re.search(r"企业|公司|其", m.group(1)):
            tgt = resolve(art, "企业", s + m.start())
        add_relation(
            art,
            source=src_key,
            target=tgt,
            relation=EdgeType.TRANSFERRED_TECH,
            span=(srcs[-1].start if srcs else s + m.start(), ce),
            rule="transfer-to",
            confidence=PLAUSIBLE,
            amount=art.amount_near(s + m.end(), sent),
            date=art.date_for(s + m.start(), sent),
        )


def _tech_sent(art: Article, sent: tuple[int, int], seg: str) -> None:
    """样品/技术寄送至/转让给Y by an institute."""
    s, _e = sent
    for m in _SENT_OVER.finditer(seg):
        cs, ce = art.clause(s + m.start())
        insts = [x for x in art.within(cs, s + m.start()) if NodeType.INSTITUTE in art.types(x.key)]
        if not insts:
            continue
        ents = [x for x in art.within(s + m.end(), ce) if NodeType.ENTERPRISE in art.types(x.key)]
        tgt = ents[0].key if ents else None
        if tgt is None and re.match(r"(企业|公司|该企业|该公司)", art.text[s + m.end() : ce]):
            tgt = resolve(art, "企业", s + m.start())
        add_relation(
            art,
            source=insts[-1].key,
            target=tgt,
            relation=EdgeType.TRANSFERRED_TECH,
            span=(cs, ce),
            rule="tech-sent",
            confidence=INFERRED,
            date=art.date_for(s + m.start(), sent),
        )
