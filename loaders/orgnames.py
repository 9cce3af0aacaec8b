"""Organisation names by their form: the name runs left from its ending over name-like
tokens and stops at verbs, prepositions, particles, numbers and punctuation.

Examples
--------
>>> from ecox.loaders.lexicon import get_lexicon
>>> scan = NameScanner("据悉,江南星河智能装备有限公司获得贷款。", get_lexicon())
>>> [t.word for t in scan.tokens][:3]
['据悉', ',', '江南']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ecox.graph.schema import NodeType
from ecox.loaders.actors import (
    Mention,
)
from ecox.loaders.lexicon import Lexicon, Token, word_list

__all__ = ["NameScanner", "suffix_regex"]

_NOMINAL_VERBS = frozenset(word_list("name_verbs"))
_SINGLE_STOP = frozenset(
    "是有将到让使给获投设建办在为向对从由与和及被把经按以于至自同跟请要会能可已也都还又再就"
    "才并而但或即且则等的了着过地得所像如入进赴去来说称指搬迁落据其该此这那每各某系"
)
_TIME_STOP = frozenset(word_list("time_words"))
# a name running left stops at a function word and at a role noun (基金管理人|X有限公司)
_STOP_WORDS = frozenset(word_list("stop_words")) | frozenset(word_list("role_nouns"))
_STOP_TAGS = frozenset(word_list("stop_tags"))
# a park named after its zone starts after the zone's ending (高新区|青柳产业园)
_ZONE_ENDINGS = re.compile("|".join(word_list("zone_endings")))
_FUTURE_HEADS = frozenset(word_list("future_heads"))
# prepositions and verbs that the segmenter sometimes glues to the next unknown word
_GLUED_PREPS = frozenset("由向与为在被把从对和及获将经")
_ORG_TAILS = tuple(word_list("org_tails"))
_RARE_SURNAME_PREPS = frozenset("由与为在被把从对及获将经")
# the first characters of the post verbs 曾任, 现任, 兼任, 出任, 担任
_POST_LEADS = frozenset("曾现兼出担")
# one-character verbs that abbreviate an industry after a province abbreviation (湘投, 川投)
_ABBR_VERBS = frozenset("投建发控")
_ADJ_STOP = frozenset(word_list("adjectives"))
_NUMBERED = re.compile(r"^第[一二三四五六七八九十]{1,3}$")
_ORDINAL = re.compile(r"^(首只|首支|首个|首家|第一只|第一家)$")
_COMPANY_ENDS = frozenset(["有限公司", "股份有限公司", "有限责任公司", "公司"])
_MEASURES = frozenset("只个家支项批笔名位户场次轮期届")
_PHASE = re.compile(r"[一二三四五六七八九十\d]{1,2}期(?!间|限|内)")
_INVESTOR_WORDS = re.compile(r"投资|创投|资本|基金|资产管理|资产经营|股权投资|私募|金控|金融控股")
_SERVICE_WORDS = re.compile(
    r"谷|园区|孵化|运营|创业管理|科技服务|创业服务|担保|评估|金融服务|合规服务"
)


_LOOKUPS: dict[int, tuple[Lexicon, tuple[Any, ...]]] = {}


def _lookups(
    lex: Lexicon,
) -> tuple[
    dict[str, tuple[tuple[str, ...], bool]], tuple[str, ...], tuple[str, ...], tuple[str, ...]
]:
    """The lexicon's endings, titles, places and government banks as every scanner reads
    them, built once per lexicon."""
    known = _LOOKUPS.get(id(lex))
    if known is None or known[0] is not lex:
        built = (
            {s: (t, strong) for s, t, strong in lex.suffixes},
            tuple(lex.titles),
            tuple(p for p in lex.places if len(p) >= 2),
            tuple(f for f, (_c, t) in lex.bank_forms.items() if t == NodeType.GOVERNMENT),
        )
        known = _LOOKUPS[id(lex)] = (lex, built)
    return known[1]  # type: ignore[return-value]


class NameScanner:
    """The tokens of one article and the name-form tests the mention rules share."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.tokens = lex.tokenize(text)
        self.tok_start = {t.start: i for i, t in enumerate(self.tokens)}
        self.tok_end = {t.end: i for i, t in enumerate(self.tokens)}
        self.tok_of = [0] * (len(text) + 1)
        for i, t in enumerate(self.tokens):
            for p in range(t.start, t.end):
                self.tok_of[p] = i
        if self.tokens:
            self.tok_of[len(text)] = len(self.tokens) - 1
        self.suffix_info, self.title_tuple, self.place_tuple, self.gov_banks = _lookups(lex)
        self.cands: list[Mention] = []
        self.weak: list[Mention] = []
        self.short_for: list[tuple[str, int]] = []  # (short name, end of full name)
        # (name start, name end, title, relation, title start, where)
        self.titles: list[tuple[int, int, str, str, int, str]] = []

    # ------------------------------------------------------------- token tests
    def nameish(self, tok: Token) -> bool:
        w, tag = tok.word, tok.tag
        if tag == "w" or w in _STOP_WORDS or w in _TIME_STOP:
            return False
        if _ORDINAL.match(w) or _NUMBERED.match(w):
            return True  # 首只, 第二(医院)
        if tag == "x":
            return bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9+&.\-]*", w))
        if tag == "a" and w in _ADJ_STOP:
            return False
        if tag in _STOP_TAGS:
            return tag == "m" and w in {"一"}  # never really
        if tag.startswith("v"):
            if w in _NOMINAL_VERBS:
                return True
            return len(w) == 1 and w not in _SINGLE_STOP
        return not (len(w) == 1 and w in _SINGLE_STOP)

    def walk_left(self, idx: int, end: int, limit: int = 24, strong: bool = False) -> int:
        """Start offset of the name that ends at ``end`` and includes token ``idx``.

        With ``strong`` (a legal company ending), one verb-like trade-name word
        right after a place is kept: 苏州|启明|微电子有限公司.
        """
        start = self.tokens[idx].start
        j = idx - 1
        while j >= 0:
            step, to = self._left_join(j, idx, strong)
            if step == "":
                step, to = self._left_field(j)
            if step == "skip":
                start, j = self.tokens[to + 1].start, to
                continue
            if step == "glued":
                start = self.tokens[j].start + 1  # the segmenter glued a preposition: 由|金圆
                break
            if step == "stop" or self._ends_name(j, end, limit):
                break
            start = self.tokens[j].start
            j -= 1
        return start

    def _left_join(self, j: int, idx: int, strong: bool) -> tuple[str, int]:
        """Tokens that join a name running left: ("skip", the next token left) or ("glued", -1)."""
        tok = self.tokens[j]
        if (
            strong
            and j > 0
            and tok.tag[:1] in {"v", "d", "a"}
            and len(tok.word) == 2
            and self.lex.is_place(self.tokens[j - 1].word)
            and tok.word not in _STOP_WORDS
        ):
            return "skip", j - 2
        if tok.word == "本" and j > 0 and self.tokens[j - 1].word.endswith("资"):
            return "skip", j - 2  # 投资|本 is 资本 split: 云投|资本
        if tok.word == "协同" and j + 1 == idx and j > 0:
            return "skip", j - 1  # 协同创新区 / 协同创新中心: part of the name
        if tok.word == "未来" and self.tokens[j + 1].word in _FUTURE_HEADS:
            return "skip", j - 1  # 未来产业子基金: "future" names a field here, not a time
        if (
            tok.tag == "?"
            and len(tok.word) >= 2
            and tok.word[0] in _GLUED_PREPS
            and (
                tok.word[0] in _RARE_SURNAME_PREPS
                or not self.lex.is_surname_start(tok.word)
                or (j > 0 and self.tokens[j - 1].word in self.suffix_info)
            )
        ):
            return "glued", -1
        if (
            tok.tag == "?"
            and len(tok.word) >= 2
            and tok.word[0] == "任"
            and (self.text[tok.start - 1 : tok.start] in _POST_LEADS)
        ):
            return "glued", -1  # 曾|任湘楚…研究院: the post verb 曾任 split by the segmenter
        return "", -1

    def _left_field(self, j: int) -> tuple[str, int]:
        """Abbreviations, fields and bracketed places inside a name, or a joining 联合."""
        tok = self.tokens[j]
        if (
            len(tok.word) == 1
            and tok.word in _ABBR_VERBS
            and j > 0
            and len(self.tokens[j - 1].word) == 1
            and self.tokens[j - 1].tag in {"ns", "j"}
        ):
            return "skip", j - 2  # province abbreviation + 投/建: 湘投, 川投
        if (
            tok.tag == "vn"
            and len(tok.word) >= 2
            and j > 0
            and tok.word not in _STOP_WORDS
            and (
                self.tokens[j - 1].word in self.lex.institute_forms
                or self.tokens[j - 1].word in self.lex.bank_forms
            )
        ):
            return "skip", j - 1  # a field between a university and its institute: 粉末冶金
        if (
            tok.word in {"联合", "携手", "会同"}
            and j > 0
            and any(self.tokens[j - 1].word.endswith(x) for x in _ORG_TAILS)
        ):
            return "stop", -1  # A基金联合B公司: 联合 joins two names here
        if tok.word in {")", "）"}:
            k = j - 1
            while k >= 0 and j - k <= 4 and self.tokens[k].word not in {"(", "（"}:
                k -= 1
            if k >= 1 and self.tokens[k].word in {"(", "（"}:
                inner = self.text[self.tokens[k].end : tok.start]
                if self.lex.is_place(inner) and self.nameish(self.tokens[k - 1]):
                    return "skip", k - 1
            return "stop", -1
        return "", -1

    def _ends_name(self, j: int, end: int, limit: int) -> bool:
        """Whether token ``j`` is outside a name running left to ``end``."""
        tok = self.tokens[j]
        left_edge = self.tokens[j + 1].word
        if not self.nameish(tok) or end - tok.start > limit:
            return True
        if tok.word in _COMPANY_ENDS or self.is_gov_token(tok.word):
            return True
        if tok.word.endswith("企业") and self.lex.is_place(left_edge):
            return True  # 封测企业|苏州…: a kind of firm before a name that starts with a place
        if tok.tag.startswith("v") and (
            left_edge in self.lex.bank_forms or left_edge in self.lex.institute_forms
        ):
            return True
        return bool(
            (tok.word[0] in _MEASURES or tok.tag == "q")
            and j > 0
            and re.search(r"[\d一二两三四五六七八九十]$", self.tokens[j - 1].word)
        )

    def is_gov_token(self, w: str) -> bool:
        lex = self.lex
        return w in lex.gov_bodies or (
            w.endswith(("厅", "局", "委", "委员会", "办"))
            and any(w == s + e for s in lex.gov_stems for e in ("厅", "局", "委", "委员会", "办"))
        )

    def walk_right(self, pos: int, limit: int = 10) -> int:
        if pos not in self.tok_start:
            return pos
        i = self.tok_start[pos]
        end = pos
        while i < len(self.tokens):
            tok = self.tokens[i]
            future = (
                tok.word == "未来"
                and i + 1 < len(self.tokens)
                and self.tokens[i + 1].word in _FUTURE_HEADS
            )
            capital = tok.word == "本" and i > 0 and self.tokens[i - 1].word.endswith("资")
            if (not self.nameish(tok) and not future and not capital) or tok.end - pos > limit:
                break
            end = tok.end
            i += 1
        return end

    # ------------------------------------------------------------- specificity
    def strip_generic(self, core: str) -> str:
        """``core`` without its leading generic words (大型, 创投, 自管直投 …)."""
        mods = self.lex.generic_modifiers
        changed = True
        while core and changed:
            changed = False
            for n in range(min(len(core), 6), 0, -1):
                if core[:n] in mods:
                    core = core[n:]
                    changed = True
                    break
        return core

    def core_tokens(self, start: int, end: int) -> list[Token]:
        i = self.tok_of[start]
        out = []
        while i < len(self.tokens) and self.tokens[i].start < end:
            out.append(self.tokens[i])
            i += 1
        return out

    def zone_end(self, start: int, end: int, suffix: str) -> int | None:
        """Where a park's own name starts when it is named right after its zone
        (<zone>|青柳产业园; the ending ``suffix`` at ``end``), if the rest is specific.

        >>> from ecox.loaders.lexicon import get_lexicon
        >>> text = "位于东山高新区青柳产业园。"
        >>> NameScanner(text, get_lexicon()).zone_end(2, text.index("产业园"), "产业园")
        7
        """
        for zone in _ZONE_ENDINGS.finditer(self.text, start, end):
            rest = zone.end()
            name = self.text[rest : end + len(suffix)]
            if rest in self.tok_start and self.is_specific(name, rest, suffix):
                return rest
        return None

    def is_specific(self, name: str, start: int, suffix: str, loose: bool = False) -> bool:
        lex = self.lex
        core = name[: len(name) - len(suffix)] if suffix and name.endswith(suffix) else name
        if not core:
            return False
        if name in lex.generic_names:
            return False
        if core.startswith(("国家", "中国")) and not core.startswith("国家级"):
            return True
        rest = self.strip_generic(core)
        if not rest:
            return False
        toks = self.core_tokens(start + len(core) - len(rest), start + len(core))
        words = [t for t in toks if t.word not in lex.generic_modifiers]
        if not words:
            return False
        singles = 0
        for t in words:
            if t.tag in {"ns", "nrt", "nt", "?", "x"} or lex.is_place(t.word):
                return True
            if loose and t.tag in {"nz", "nr", "j", "nrfg"}:
                return True
            if t.tag in {"nr", "nrfg", "j"} and not lex.known(t.word):
                return True
            if len(t.word) == 1:
                singles += 1
                if singles >= 2:
                    return True
            else:
                singles = 0
            if not lex.known(t.word):
                return True
        return False

    # ------------------------------------------------------------- candidates
    def add(
        self,
        start: int,
        end: int,
        kind: str,
        types: Iterable[str],
        rule: str,
        specific: bool = True,
    ) -> Mention | None:
        if kind == "org" and NodeType.PARK in types:
            phase = _PHASE.match(self.text, end)
            if phase:
                end = phase.end()  # 软件园三期: the phase is part of the park's name
        text = self.text[start:end]
        if not text or len(text) < 2:
            return None
        m = Mention(start, end, text, kind, tuple(types), rule, specific)
        (self.cands if specific else self.weak).append(m)
        return m

    def org_type(self, name: str, suffix_types: tuple[str, ...]) -> tuple[str, ...]:
        if name.startswith(self.gov_banks):
            return (NodeType.GOVERNMENT,)
        if suffix_types[0] in {NodeType.ENTERPRISE}:
            if _INVESTOR_WORDS.search(name):
                return (NodeType.INVESTOR,)
            # service firms of the ecosystem (guarantee, appraisal, financial services)
            if _SERVICE_WORDS.search(name):
                return (NodeType.PLATFORM,)
        return suffix_types


_SUFFIX_RX: dict[int, re.Pattern[str]] = {}


def suffix_regex(lex: Lexicon) -> re.Pattern[str]:
    """Any organisation ending of the lexicon (and 谷), longest first; built once per lexicon."""
    key = id(lex)
    if key not in _SUFFIX_RX:
        sufs = [s for s, _t, _st in lex.suffixes] + ["谷"]
        _SUFFIX_RX[key] = re.compile(
            "|".join(re.escape(s) for s in sorted(set(sufs), key=len, reverse=True))
        )
    return _SUFFIX_RX[key]
