"""Lending: 贷款, 授信, 信贷 with a bank (or 该行/银行) and a borrower (or 其/公司)."""

from __future__ import annotations

import re

from ecox.graph.schema import EdgeType, NodeType
from ecox.loaders.actors import Mention
from ecox.loaders.rules.article import (
    FIRM,
    Article,
    add_relation,
)
from ecox.loaders.rules.cuewords import cue_pattern
from ecox.loaders.rules.reference import resolve

__all__ = ["lending"]

_LOAN_CUE = re.compile(
    cue_pattern(EdgeType.LENT_TO) + r"|“[^”]{1,8}贷”"
)  # or a named product: “科创贷”


def lending(art: Article) -> None:
    """A bank (or 该行/银行) lends to the company of the clause (or 其/公司), clause by clause."""
    for sent in art.subsentences():
        s, e = sent
        cue = _LOAN_CUE.search(art.text[s:e])
        if not cue:
            continue
        cpos = s + cue.start()
        banks = _lenders(art, sent, cpos)
        if not banks:
            continue
        lenders = list(dict.fromkeys(b.key for b in banks))
        borrowers: list[tuple[str, int, int]] = [
            (m.key, m.start, m.end)
            for m in art.within(s, e)
            if art.types(m.key) & {NodeType.ENTERPRISE} and m.key not in lenders
        ]
        if not borrowers:
            borrowers = _pronoun_borrower(art, sent, lenders)
        if not borrowers:
            continue
        amount = art.amount_near(cpos, sent)
        date = art.date_for(cpos, sent)
        multi = len(lenders) > 1
        for b_key, b_s, b_e in borrowers[:2]:
            bs, be = art.clause(b_s)
            own = [a for a in art.amounts if bs <= a.start < be]
            if own and amount is not None and not bs <= amount.start < be:
                # …贷款超过50亿元,其中向A发放3000万元: the amount of A's clause
                amount = own[0]
            for lk in lenders:
                lm = next(x for x in banks if x.key == lk)
                amt = amount if (amount and (amount.each or not multi)) else None
                st, en = art.span(
                    lm.start, lm.end, b_s, b_e, cpos, cpos + 2, *([amt.end] if amt else [])
                )
                add_relation(
                    art,
                    source=lk,
                    target=b_key,
                    relation=EdgeType.LENT_TO,
                    span=(st, en),
                    rule="lending",
                    confidence=FIRM,
                    amount=amt,
                    date=date,
                )


def _lenders(art: Article, sent: tuple[int, int], cpos: int) -> list[Mention]:
    """The banks of the clause listed together around the one before the cue (A、B和C)."""
    s, e = sent
    banks = [m for m in art.within(s, e) if NodeType.BANK in art.types(m.key)]
    if not banks:
        # 该行向…发放贷款 / 银行则为其提供授信: the lender is a bank named before
        pm = re.search(r"该行|我行|本行|(?<![\u4e00-\u9fff])银行", art.text[s:cpos])
        key = resolve(art, "该行", s + pm.start()) if pm else None
        if pm is None or key is None or NodeType.BANK not in art.types(key):
            return []
        banks = [art.stand_in(s + pm.start(), s + pm.end(), key)]
    for i in range(len(banks) - 1):
        if art.text[banks[i].end : banks[i + 1].start] in {"所辖", "下属", "旗下"}:
            banks[i] = banks[i + 1]
    before_cue = [b for b in banks if b.end <= cpos] or banks
    anchor = banks.index(before_cue[-1])
    lo = hi = anchor
    while lo > 0 and re.fullmatch(
        r"、|和|及|与|以及", art.text[banks[lo - 1].end : banks[lo].start]
    ):
        lo -= 1
    while hi < len(banks) - 1 and re.fullmatch(
        r"、|和|及|与|以及", art.text[banks[hi].end : banks[hi + 1].start]
    ):
        hi += 1
    return banks[lo : hi + 1]


_PRONOUN_WORD = {
    "为其": "其",
    "向其": "其",
    "为企业": "企业",
    "向企业": "企业",
    "与企业": "企业",
    "为公司": "公司",
    "与公司": "公司",
}


def _pronoun_borrower(
    art: Article, sent: tuple[int, int], lenders: list[str]
) -> list[tuple[str, int, int]]:
    """The borrower a pronoun (其, 为企业, 该公司) stands for, with its position."""
    s, e = sent
    pm = re.search(
        r"该公司|该企业|为其|向其|为企业|为公司|向企业|与公司|与企业|我们|其"
        r"|(?<![\u4e00-\u9fff])(?:公司|企业)(?!的)",
        art.text[s:e],
    )
    if pm is None and s > 0:
        # the borrower is the subject of the sentence this clause continues
        sent_s = next((x[0] for x in art.sentences if x[0] <= s < x[1]), s)
        pm = re.search(
            r"该公司|该企业|(?<![\u4e00-\u9fff])(?:公司|企业)(?!的)",
            art.text[sent_s:s],
        )
        s_off = sent_s
    else:
        s_off = s
    if pm:
        word = _PRONOUN_WORD.get(pm.group(), pm.group())
        key = resolve(art, word, s_off + pm.start())
        if key and key not in lenders:
            return [(key, s_off + pm.start(), s_off + pm.end())]
    return []
