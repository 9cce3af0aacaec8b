"""Investing: 投资, 领投, 跟投, 获X青睐, 入股, 引入…作为战略投资者, 成为…股东, 持有…股权."""

from __future__ import annotations

import re

from ecox.graph.schema import EdgeType, NodeType
from ecox.loaders.actors import Mention
from ecox.loaders.amounts import Amount
from ecox.loaders.rules.article import (
    ADVERBS,
    INFERRED,
    LIKELY,
    PLAUSIBLE,
    Article,
    add_relation,
)
from ecox.loaders.rules.cuewords import cue_pattern
from ecox.loaders.rules.reference import resolve, subject

__all__ = ["holding", "investing", "shareholders"]

_INVEST_CUE = re.compile(cue_pattern(EdgeType.INVESTED_IN))

_INVESTOR_TYPES = {NodeType.INVESTOR, NodeType.FUND}
_LEAD_FOLLOW = re.compile(r"领投|跟投|参投|联合投资|独家投资")
_FAVOURED_BY = re.compile(r"获(?:得)?(?:了)?([^，。；]{2,40}?)(?:的)?青睐")


def investing(art: Article) -> None:
    for sent in art.sentences:
        s, e = sent
        seg = art.text[s:e]
        _lead_follow(art, sent, seg)
        _favoured_by(art, sent, seg)
        _invest_verb(art, sent, seg)


def _lead_follow(art: Article, sent: tuple[int, int], seg: str) -> None:
    """A、B和C领投/跟投Y (or 由其领投, 本轮融资由X领投)."""
    s, _e = sent
    for cue in _LEAD_FOLLOW.finditer(seg):
        cpos = s + cue.start()
        cs, ce = art.clause(cpos)
        invs = art.listed_before(cs, cpos)
        if not invs:
            pm = re.search(r"(?:由|获)?(其|该机构|该基金)(?:共同|联合)?$", art.text[cs:cpos])
            key = None
            if pm and pm.group(1) == "其":
                key = art.last_before(cs + pm.start(1), _INVESTOR_TYPES, lo=s)
            elif pm:
                key = resolve(art, pm.group(1), cs + pm.start(1))
            if pm is None or key is None or not art.types(key) & _INVESTOR_TYPES:
                continue
            at = cs + pm.start(1)
            invs = [art.stand_in(at, at + len(pm.group(1)), key)]
        tgts = [m for m in art.within(cpos, ce) if NodeType.ENTERPRISE in art.types(m.key)]
        tgt = tgts[0].key if tgts else None
        if tgt is None:
            ents = [m for m in art.within(s, cpos) if NodeType.ENTERPRISE in art.types(m.key)]
            tgt = ents[0].key if ents else subject(art, s, cpos)[0]
        if (tgt is None or NodeType.ENTERPRISE not in art.types(tgt)) and re.search(
            r"本轮|此轮|该轮|本次|此次|融资", art.text[s:cpos]
        ):
            tgt = resolve(art, "公司", s)  # 本轮融资由X领投: the company of the round
        if tgt is None or NodeType.ENTERPRISE not in art.types(tgt):
            continue
        amt = next(
            (a for a in art.amounts if cpos + 2 <= a.start <= cpos + 3 and a.end <= ce),
            None,
        )
        for inv_l in invs:
            add_relation(
                art,
                source=inv_l.key,
                target=tgt,
                relation=EdgeType.INVESTED_IN,
                span=(inv_l.start, amt.end if amt and len(invs) == 1 else cpos + 2),
                rule="lead-follow",
                confidence=LIKELY,
                amount=amt if len(invs) == 1 else None,
                date=art.date_for(cpos, sent),
            )


def _favoured_by(art: Article, sent: tuple[int, int], seg: str) -> None:
    """Y获X青睐: X invests in Y."""
    s, _e = sent
    for cue in _FAVOURED_BY.finditer(seg):
        cpos = s + cue.start()
        cs, _ce = art.clause(cpos)
        invs = [
            m
            for m in art.within(s + cue.start(1), s + cue.end(1))
            if art.types(m.key) & _INVESTOR_TYPES
        ]
        ents = [m for m in art.within(cs, cpos) if NodeType.ENTERPRISE in art.types(m.key)]
        tgt = ents[-1].key if ents else subject(art, s, cpos)[0]
        if not invs or tgt is None or NodeType.ENTERPRISE not in art.types(tgt):
            continue
        for inv_l in invs:
            add_relation(
                art,
                source=inv_l.key,
                target=tgt,
                relation=EdgeType.INVESTED_IN,
                span=(cpos, s + cue.end()),
                rule="favoured-by",
                confidence=INFERRED,
                date=art.date_for(cpos, sent),
            )


def _invest_verb(art: Article, sent: tuple[int, int], seg: str) -> None:
    """X投资/入股Y, Y获得X投资, 向Y投资, 老股东追加投资."""
    s, _e = sent
    for cue in _INVEST_CUE.finditer(seg):
        cpos = s + cue.start()
        cs, ce = art.clause(cpos)
        if art.text[max(0, cpos - 1) : cpos] in {"领", "跟", "参"}:
            continue
        before = [m for m in art.within(cs, cpos) if m.kind == "org"]
        after = [m for m in art.within(cpos, ce) if m.kind == "org"]
        got = re.search(r"获(?:得)?[^，。]{0,20}$", art.text[cs:cpos])
        cue_at = (cpos, cpos + len(cue.group()))
        if got:
            _got_investment(art, sent, cue_at, (cs, ce), before, cs + got.start())
            continue
        before, after, via_to = _investee(art, cue_at, (cs, ce), before, after)
        if before and after:
            _add_investments(art, sent, cue_at, (cs, ce), before, after, via_to)


def _got_investment(
    art: Article,
    sent: tuple[int, int],
    cue: tuple[int, int],
    clause: tuple[int, int],
    before: list[Mention],
    got_at: int,
) -> None:
    """Y获得(X)投资: X (named after 获得, or the last investor before) invests in Y."""
    s, _e = sent
    cpos, cue_end = cue
    cs, ce = clause
    ents = [m for m in before if art.types(m.key) & {NodeType.ENTERPRISE}]
    if not ents:
        subj, spos = subject(art, s, cpos)
        if subj and NodeType.ENTERPRISE in art.types(subj):
            ents = [art.stand_in(spos, spos, subj, how="subject")]
    if not ents:
        return
    got_at = got_at
    invs = [m for m in before if art.types(m.key) & _INVESTOR_TYPES]
    named = [m for m in invs if m.start >= got_at]
    if len(named) > 1:
        for inv_m in named:
            add_relation(
                art,
                source=inv_m.key,
                target=ents[-1].key,
                relation=EdgeType.INVESTED_IN,
                span=(ents[-1].start, cue_end),
                rule="invest-got",
                confidence=INFERRED,
                date=art.date_for(cpos, sent),
            )
        return
    inv = invs[-1].key if invs else None
    if inv is None:
        ps, _pe = art.paragraph(cpos)
        wanted = {NodeType.FUND} if "基金" in art.text[cs:cpos] else _INVESTOR_TYPES
        inv = art.last_before(cs, wanted, lo=ps)
    amount = art.amount_near(cpos, (cs, ce))
    add_relation(
        art,
        source=inv,
        target=ents[-1].key,
        relation=EdgeType.INVESTED_IN,
        span=(ents[-1].start, cue_end),
        rule="invest-got",
        confidence=INFERRED,
        amount=amount,
        date=art.date_for(cpos, sent),
    )


def _investee(
    art: Article,
    cue: tuple[int, int],
    clause: tuple[int, int],
    before: list[Mention],
    after: list[Mention],
) -> tuple[list[Mention], list[Mention], bool]:
    """Investors and investees when no organisation follows the cue: 投资该公司, 向Y投资,
    老股东追加投资; the flag is ``True`` when the target came before the cue."""
    cpos, cue_end = cue
    cs, ce = clause
    if before and not after:
        pron = re.match(r"(该公司|该企业|其)", art.text[cue_end:ce])
        key = resolve(art, pron.group(1), cpos) if pron else None
        if key and pron:
            at = cue_end
            after = [art.stand_in(at, at + len(pron.group(1)), key, text=pron.group(1))]
    via_to = False
    if not after and before:
        # 向Y投资 / 对Y进行股权投资: the target sits between the source and the cue
        vm = re.search(
            r"(向|对)([^，。；]{2,30}?)(进行|开展|实施)?(了)?(股权|[^，。；]{0,6}轮)?$",
            art.text[cs:cpos],
        )
        if vm:
            tg = [
                x
                for x in art.within(cs + vm.start(2), cs + vm.end(2))
                if NodeType.ENTERPRISE in art.types(x.key)
            ]
            pron = re.match(r"(该公司|该企业|公司|企业|其|新公司)", vm.group(2))
            if not tg and pron:
                key = resolve(
                    art,
                    "公司" if pron.group(1) == "新公司" else pron.group(1),
                    cs + vm.start(2),
                )
                if key:
                    at = cs + vm.start(2)
                    tg = [art.stand_in(at, at + len(pron.group(1)), key)]
            sr = [x for x in art.within(cs, cs + vm.start()) if x.kind == "org"]
            if (
                tg
                and sr
                and re.fullmatch(
                    r"(已|还|又|也|先后|累计|共|曾|已经|再次|分别|均|拟|将)*",
                    art.text[sr[-1].end : cs + vm.start()],
                )
            ):
                before, after, via_to = sr, tg[:1], True
    if before and not after and re.search(r"(追加|跟进|继续|再次|持续)$", art.text[cs:cpos]):
        # 老股东X继续追加投资: the company of the article
        key = resolve(art, "公司", cs)
        if key and key != before[-1].key:
            after = [art.stand_in(cpos, cpos + 2, key)]
            via_to = True
    return before, after, via_to


def _add_investments(
    art: Article,
    sent: tuple[int, int],
    cue: tuple[int, int],
    clause: tuple[int, int],
    before: list[Mention],
    after: list[Mention],
    via_to: bool,
) -> None:
    """The investor right before the cue (or A和B分别) invests in, or commits to, each target."""
    cpos, cue_end = cue
    cs, ce = clause
    src_m = before[-1]
    if not art.types(src_m.key) & (_INVESTOR_TYPES | {NodeType.ENTERPRISE, NodeType.GOVERNMENT}):
        return
    if not via_to and not re.fullmatch(
        r"(已|还|又|先后|累计|共|曾|已经|再次|分别|共同|联合|均|也|拟|将|继续|追加)*(参与)?(对其)?(进行)?",
        art.text[src_m.end : cpos],
    ):
        return
    investors = [src_m]
    listed = art.listed_before(cs, src_m.end)
    if len(listed) > 1 and listed[-1].key == src_m.key:
        investors = listed  # A和B分别投资了Y
    amounts = [a for a in art.amounts if cpos <= a.start < ce]
    respective = "分别" in art.text[cs:ce] and len(amounts) == len(investors) > 1
    for tgt_m in after:
        if not via_to and tgt_m.start - cue_end > 6:
            break
        if art.types(tgt_m.key) & {NodeType.ENTERPRISE, NodeType.FUND}:
            for i, inv_m in enumerate(investors):
                fund_to_fund = NodeType.FUND in art.types(tgt_m.key) and bool(
                    art.types(inv_m.key) & (_INVESTOR_TYPES | {NodeType.GOVERNMENT})
                )
                rtype = EdgeType.COMMITTED_TO if fund_to_fund else EdgeType.INVESTED_IN
                amt: Amount | None = None
                if respective:
                    amt = amounts[i]
                elif len(investors) == 1:
                    amt = art.amount_near(cpos, (cs, ce))
                add_relation(
                    art,
                    source=inv_m.key,
                    target=tgt_m.key,
                    relation=rtype,
                    span=(inv_m.start, max(tgt_m.end, amt.end if amt else 0)),
                    rule="invest",
                    confidence=LIKELY,
                    amount=amt,
                    date=art.date_for(cpos, sent),
                )


def shareholders(art: Article) -> None:
    """X引入Y作为战略投资者 / Y成为X的股东: Y invests in X."""
    for m in re.finditer(
        r"(?:引入|引进)(?:了)?([^，。；]{2,40}?)(?:作为|为|成为)(?:公司的?)?(?:战略|财务|重要)?"
        r"(?:投资者|投资方|投资人|股东)",
        art.text,
    ):
        sent = art.sentence_at(m.start())
        cs, _ce = art.clause(m.start())
        invs = [
            x
            for x in art.within(m.start(1), m.end(1))
            if art.types(x.key)
            & {NodeType.INVESTOR, NodeType.FUND, NodeType.ENTERPRISE, NodeType.GOVERNMENT}
        ]
        ents = [x for x in art.within(cs, m.start()) if NodeType.ENTERPRISE in art.types(x.key)]
        tgt = ents[-1].key if ents else subject(art, sent[0], m.start())[0]
        if tgt is None or NodeType.ENTERPRISE not in art.types(tgt):
            continue
        for inv in invs:
            if inv.key != tgt:
                add_relation(
                    art,
                    source=inv.key,
                    target=tgt,
                    relation=EdgeType.INVESTED_IN,
                    span=(m.start(), m.end()),
                    rule="brought-in-investor",
                    confidence=PLAUSIBLE,
                    date=art.date_for(m.start(), sent),
                )
    for m in re.finditer(
        r"(?:成为|是|系)([^，。；]{2,30}?)的?(?:第[一二三四五六七八九十\d]+大|重要|主要|控股|战略)?股东",
        art.text,
    ):
        sent = art.sentence_at(m.start())
        cs, _ce = art.clause(m.start())
        tgts = [
            x for x in art.within(m.start(1), m.end(1)) if NodeType.ENTERPRISE in art.types(x.key)
        ]
        invs = [x for x in art.within(cs, m.start()) if x.kind == "org"]
        if not tgts or not invs or not re.fullmatch(ADVERBS, art.text[invs[-1].end : m.start()]):
            continue
        if invs[-1].key != tgts[-1].key:
            add_relation(
                art,
                source=invs[-1].key,
                target=tgts[-1].key,
                relation=EdgeType.INVESTED_IN,
                span=(invs[-1].start, m.end()),
                rule="shareholder",
                confidence=PLAUSIBLE,
                date=art.date_for(m.start(), sent),
            )


def holding(art: Article) -> None:
    """X持有Y…股权/股份: X invests in Y."""
    for m in re.finditer(r"持有([^，。；]{2,30}?)(?:\d+(?:\.\d+)?%的?)?(?:股权|股份)", art.text):
        cs, _ce = art.clause(m.start())
        holders = [x for x in art.within(cs, m.start()) if x.kind == "org"]
        if not holders or not re.fullmatch(ADVERBS, art.text[holders[-1].end : m.start()]):
            continue
        tgts = [
            x for x in art.within(m.start(1), m.end(1)) if NodeType.ENTERPRISE in art.types(x.key)
        ]
        tgt = tgts[0].key if tgts else None
        if tgt is None and re.match(r"(新公司|该公司|公司|其|该企业)", m.group(1)):
            tgt = art.last_before(
                m.start(),
                {NodeType.ENTERPRISE},
                lo=max(0, m.start() - 300),
                exclude=[holders[-1].key],
            )
        if tgt and tgt != holders[-1].key:
            add_relation(
                art,
                source=holders[-1].key,
                target=tgt,
                relation=EdgeType.INVESTED_IN,
                span=(holders[-1].start, m.end()),
                rule="holds",
                confidence=INFERRED,
            )
