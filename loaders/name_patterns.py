"""Organisation mentions found by fixed patterns rather than by their ending.

中科院…所, quoted platforms and funds, zone districts, (以下简称“…”), enumerations
(入驻企业如A、B、C等), investor lists (获得A、B的联合投资; A、B领投), parks after a
location verb, and 旗下的X.

Examples
--------
>>> from ecox.loaders.lexicon import get_lexicon
>>> from ecox.loaders.orgnames import NameScanner
>>> f = NameScanner("公司入驻“星河谷”,获得云帆创投、澜石资本的联合投资。", get_lexicon())
>>> pattern_candidates(f)
>>> sorted({c.text for c in f.cands})  # candidates; find_actors selects among them
['云帆创投', '星河谷', '澜石资本', '获得云帆创投']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ecox.graph.schema import NodeType
from ecox.loaders.actors import CJK, NOT_NAMES
from ecox.loaders.lexicon import word_list
from ecox.loaders.orgnames import NameScanner, suffix_regex

__all__ = ["pattern_candidates"]

_CAS = re.compile(r"(?:中国科学院|中科院)[" + CJK + r"]{2,12}?(?:研究所|所)(?![在属有辖得以需谓])")
_QUOTED_PLATFORM = re.compile(r"“(?P<name>[^”“]{2,14})”(?:系列活动|系列|综合|服务)?平台")
_QUOTED_FUND = re.compile(r"“(?P<name>[^”“]{1,12}基金)”")
_ZONE_DISTRICT = re.compile(
    r"(?P<name>[" + CJK + r"]{1,4}[区县市])[(（](?P<zone>高新区|开发区|新区|经开区|自贸区)[)）]"
)
_SHORT_FOR = re.compile(
    r"[(（]\s*(?:以下简称|下称|简称)\s*[:：]?\s*[“\"「『]?(?P<short>[^”\"」』)）]{1,16})[”\"」』]?\s*[)）]"
)
_ENUM = re.compile(
    r"(?P<head>企业|公司|机构|管理人|投资人|投资方|银行|高校|院校|园区|平台|基金)"
    r"(?:如|包括|包含|例如|比如|有|涵盖)(?P<list>[^，。；：:,;！？\n]{2,120}?)(?=等|共|在内)"
)
_ENUM_TYPES = {
    "企业": NodeType.ENTERPRISE,
    "公司": NodeType.ENTERPRISE,
    "机构": NodeType.INVESTOR,
    "管理人": NodeType.INVESTOR,
    "投资人": NodeType.INVESTOR,
    "投资方": NodeType.INVESTOR,
    "银行": NodeType.BANK,
    "高校": NodeType.INSTITUTE,
    "院校": NodeType.INSTITUTE,
    "园区": NodeType.PARK,
    "平台": NodeType.PLATFORM,
    "基金": NodeType.FUND,
}
_GOT_FROM = re.compile(
    r"获得(?:了)?(?:来自)?(?P<list>[^，。；、]{2,12}(?:(?:、|和|及|与)[^，。；、]{2,12}){0,4})"
    r"(?:的|等)(?:联合|共同)?(?:股权)?投资"
)
_LOCATION_VERBS = r"(?:签约入驻|入驻|落户|迁入|迁至|搬迁至|搬入|进驻|坐落于|位于)(?:了|到|于|在)?"
_LOCATION_QUOTED = re.compile(_LOCATION_VERBS + r"“(?P<name>[^”“，。；\n]{2,20})”")
_LOCATION_CUE = re.compile(_LOCATION_VERBS)
# 昆明经开区的新能源材料产业园: a park named inside a zone
_PARK_IN_ZONE = re.compile(
    r"(?:高新区|开发区|经开区|新区|科技城|科学城)的“?(?P<name>[" + CJK + r"]{2,12}?"
    r"(?:产业园|科技园|产业基地|孵化器|加速器|众创空间|创新中心|小镇))"
)
_DEAL_CUE = re.compile(r"(?:领投|跟投|参投|联合投资|独家投资)")
_PRONOUN_START = re.compile(r"^(该|其|本|此|这|我|他|她)")
_UNDER = re.compile(r"旗下(?:的|拥有的)?")
_GENERIC_PARK_HEADS = frozenset(word_list("park_heads"))

_AND = "、|和|及|与|以及"


def _list_items(listed: str, pos: int, separators: str) -> Iterator[tuple[int, str]]:
    """The items of a list (A、B和C) starting at ``pos``: each one's start and stripped text."""
    for item in re.split("(" + separators + ")", listed):
        if not re.fullmatch(separators, item):
            text = item.strip()
            yield pos + item.index(text), text
        pos += len(item)


def pattern_candidates(f: NameScanner) -> None:
    """Add every pattern-found organisation to ``f``'s candidates, in a fixed order."""
    _fixed_forms(f)
    _enumerations(f)
    _investor_lists(f)
    _park_names(f)
    _deal_lists(f)
    _under(f)


def _fixed_forms(f: NameScanner) -> None:
    """中科院…所, quoted platforms and funds (“…”平台), zone districts, and (以下简称“…”)."""
    text = f.text
    for m in _CAS.finditer(text):
        f.add(m.start(), m.end(), "org", (NodeType.INSTITUTE,), "cas", True)
    for m in _QUOTED_PLATFORM.finditer(text):
        f.add(m.start("name"), m.end("name"), "org", (NodeType.PLATFORM,), "quoted", True)
    for m in _QUOTED_FUND.finditer(text):
        f.add(m.start("name"), m.end("name"), "org", (NodeType.FUND,), "quoted", True)
    for m in _ZONE_DISTRICT.finditer(text):
        end = m.end("name")
        if end in f.tok_end:
            tok = f.tokens[f.tok_end[end]]
            if tok.tag == "ns" or f.lex.is_place(tok.word):
                f.add(tok.start, end, "org", (NodeType.PARK, NodeType.GOVERNMENT), "zone", True)
    for m in _SHORT_FOR.finditer(text):
        f.short_for.append((m["short"].strip(), m.start()))


def _enumerations(f: NameScanner) -> None:
    """Enumerations: 入驻企业如A、B、C等 (the head word gives the type)."""
    text = f.text
    for m in _ENUM.finditer(text):
        ntype = _ENUM_TYPES[m["head"]]
        for st, s in _list_items(m["list"], m.start("list"), _AND):
            ok = (
                2 <= len(s) <= 10
                and re.fullmatch(r"[" + CJK + r"A-Za-z0-9]+", s)
                and not re.search(r"\d", s)
                and not f.lex.is_place(s)
                and s not in f.lex.generic_modifiers
                and s not in NOT_NAMES
            )
            if ok:
                f.add(st, st + len(s), "org", (ntype,), "enumeration", True)


def _investor_lists(f: NameScanner) -> None:
    """获得A、B和C的联合投资: the investors listed."""
    text = f.text
    for m in _GOT_FROM.finditer(text):
        for st, s_ in _list_items(m["list"], m.start("list"), _AND):
            if (
                2 <= len(s_) <= 10
                and re.fullmatch(r"[" + CJK + r"A-Za-z]+", s_)
                and not f.lex.is_place(s_)
                and f.strip_generic(s_) != ""
                and s_ not in NOT_NAMES
                and f.is_specific(s_, st, "")
            ):
                ntype = NodeType.FUND if s_.endswith("基金") else NodeType.INVESTOR
                f.add(st, st + len(s_), "org", (ntype,), "investor-list", True)


def _park_names(f: NameScanner) -> None:
    """Parks named after a location verb: 入驻“…”, 位于X园 (a name ending 谷/园/城/港/湾/镇)."""
    text = f.text
    for m in _LOCATION_QUOTED.finditer(text):
        f.add(m.start("name"), m.end("name"), "org", (NodeType.PARK,), "quoted-park", True)
    for m in _PARK_IN_ZONE.finditer(text):
        f.add(m.start("name"), m.end("name"), "org", (NodeType.PARK,), "park-in-zone", True)
    for m in _LOCATION_CUE.finditer(text):
        end = f.walk_right(m.end(), limit=10)
        name = text[m.end() : end]
        first = f.tokens[f.tok_start[m.end()]] if m.end() in f.tok_start else None
        if (
            len(name) >= 3
            and name[-1] in "谷园城港湾镇"
            and not f.lex.is_place(name)
            and name not in f.lex.generic_names
            and (
                f.is_specific(name, m.end(), "", loose=True)
                or (
                    len(name) >= 4
                    and first is not None
                    and first.tag[:1] in {"n", "j", "?"}
                    and first.word not in f.lex.generic_modifiers
                    and first.word not in _GENERIC_PARK_HEADS
                )
            )
            and f.zone_end(m.end(), end - 1, name[-1]) is None  # <zone><park>: two names
        ):
            f.add(m.end(), end, "org", (NodeType.PARK,), "located-park", True)


def _deal_lists(f: NameScanner) -> None:
    """A、B和C领投/跟投: the investors listed before the deal word."""
    text = f.text
    for m in _DEAL_CUE.finditer(text):
        lo = max(text.rfind(ch, max(0, m.start() - 60), m.start()) for ch in "，。；：,;:\n“”由")
        pos = lo + 1 if lo >= 0 else max(0, m.start() - 60)
        listed = re.sub(r"(共同|联合|分别|等)?的?$", "", text[pos : m.start()])
        listed = re.sub(r"独家$", "", listed)
        for st, s_ in _list_items(listed, pos, _AND + "|领投|跟投|参投"):
            if (
                2 <= len(s_) <= 12
                and re.fullmatch(r"[" + CJK + r"A-Za-z]+", s_)
                and not f.lex.is_place(s_)
                and f.strip_generic(s_) != ""
                and s_ not in NOT_NAMES
                and s_ not in f.lex.generic_names
                and not _PRONOUN_START.match(s_)
                and f.is_specific(s_, st, "", loose=True)
            ):
                ntype = NodeType.FUND if s_.endswith("基金") else NodeType.INVESTOR
                f.add(st, st + len(s_), "org", (ntype,), "deal-list", True)


def _under(f: NameScanner) -> None:
    """旗下的X: a company named after 旗下."""
    text = f.text
    for m in _UNDER.finditer(text):
        end = f.walk_right(m.end(), limit=10)
        if end - m.end() >= 2 and f.is_specific(text[m.end() : end], m.end(), ""):
            name = text[m.end() : end]
            if not suffix_regex(f.lex).search(name[-3:]):
                f.add(m.end(), end, "org", (NodeType.ENTERPRISE,), "under", True)
