"""Actor mentions in one article: organisations by their name forms, people by titles.

The rules read general forms, never particular names:

- organisations end with a form word (…有限公司, …银行…分行, …基金, 研究院, 大学,
  高新区, 交易所, 学会, 管委会 …, see ``lexicon/suffixes.txt``); the name runs left
  from the ending over name-like tokens and stops at verbs, prepositions,
  particles, numbers and punctuation. A name made only of generic words
  ("多家银行", "创投基金") is not an actor unless it is the short form of one;
- banks, universities and government bodies of the lexicon, CAS institutes
  (中科院…所), quoted platforms (“…”平台) and funds (“…基金”), enumerations
  (入驻企业如A、B、C等), ``(以下简称“…”)``, "旗下的X" and the organisation
  named before a title (X创始人张三);
- people by titles before or after the name (董事长张三, 张三教授), by speech
  (据张三介绍, 张三表示) and by 就职于X的张三.

Within an article, short names are merged with their full form (以下简称, prefixes
such as 陕西坤翔 of 陕西坤翔…有限公司, abbreviations such as 温医大眼视光医院,
lexicon short forms such as 浦发银行); a branch is never merged with its head.

Examples
--------
>>> found = find_actors("近日,江南星河智能装备有限公司(以下简称“星河智能”)董事长程远航表示,"
...                     "星河智能获得了宁波银行余杭支行发放的贷款。")
>>> sorted(e.name for e in found.entities.values())
['宁波银行余杭支行', '江南星河智能装备有限公司', '程远航']
>>> found.entities["江南星河智能装备有限公司"].aliases
{'星河智能'}
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Iterable
from dataclasses import dataclass, field

from ecox.loaders.lexicon import Lexicon, Token, get_lexicon, word_list

__all__ = ["ActorSet", "Entity", "Mention", "TitleLink", "find_actors"]

_CJK = r"\u4e00-\u9fff"

_NOMINAL_VERBS = frozenset(word_list("name_verbs"))
_SINGLE_STOP = frozenset(
    "是有将到让使给获投设建办在为向对从由与和及被把经按以于至自同跟请要会能可已也都还又再就"
    "才并而但或即且则等的了着过地得所像如入进赴去来说称指搬迁落据其该此这那每各某"
)
_TIME_STOP = frozenset(word_list("time_words"))
_STOP_WORDS = frozenset(word_list("stop_words"))
_STOP_TAGS = frozenset(word_list("stop_tags"))
_FUTURE_HEADS = frozenset(word_list("future_heads"))
# prepositions and verbs that the segmenter sometimes glues to the next unknown word
_GLUED_PREPS = frozenset("由向与为在被把从对和及获将经")
_ORG_TAILS = tuple(word_list("org_tails"))
_GENERIC_PARK_HEADS = frozenset(word_list("park_heads"))
# one-character words that never sit inside a company's trade name
_HARD_STOPS = frozenset("的了和与及在向为由被把从对给将是有获等所")
_RARE_SURNAME_PREPS = frozenset("由与为在被把从对及获将经")
# one-character verbs that abbreviate an industry after a province abbreviation (湘投, 川投)
_ABBR_VERBS = frozenset("投建发控")
_ADJ_STOP = frozenset(word_list("adjectives"))
_NUMBERED = re.compile(r"^第[一二三四五六七八九十]{1,3}$")
_ORDINAL = re.compile(r"^(首只|首支|首个|首家|第一只|第一家)$")
_NAME_STOP = frozenset("的了着过是在和与及等为将也都还就被把从对向说称据")
_COMPANY_ENDS = frozenset(["有限公司", "股份有限公司", "有限责任公司", "公司"])
_MEASURES = frozenset("只个家支项批笔名位户场次轮期届")
_ENUMERATORS = re.compile(r"^([一二三四五六七八九十]是|首先|其次|再次|最后)")
_FOUND_CUES = tuple(word_list("found_cues"))
_DEPT_END = re.compile(r"(事业部|部|办公室|办|处|室|科|组|中心|分部|委员会|学院|系)$")
_DEPT_WORDS = frozenset(word_list("dept_words"))
_PRONOUNS = {
    "该行": ("Bank", "Government"),
    "该机构": ("*",),
    "该公司": ("Enterprise", "Investor", "Platform"),
    "该企业": ("Enterprise",),
    "该院": ("Institute",),
    "该所": ("Institute",),
    "该基金": ("Fund",),
    "该平台": ("Platform",),
    "该园区": ("Park",),
}
_POST_WORDS = tuple(word_list("post_words"))
_SPEECH = re.compile(
    r"(?:在接受[^，。]{0,6}采访时|向记者|对记者|告诉记者|接受记者采访时)?"
    r"(?:表示|介绍|说|认为|指出|坦言|透露|强调|告诉|直言|分享)"
)
_NOT_NAMES = frozenset(word_list("not_names"))
_ENUM = re.compile(
    r"(?P<head>企业|公司|机构|管理人|投资人|投资方|银行|高校|院校|园区|平台|基金)"
    r"(?:如|包括|包含|例如|比如|有|涵盖)(?P<list>[^，。；：:,;！？\n]{2,120}?)(?=等|共|在内)"
)
_ENUM_TYPES = {
    "企业": "Enterprise",
    "公司": "Enterprise",
    "机构": "Investor",
    "管理人": "Investor",
    "投资人": "Investor",
    "投资方": "Investor",
    "银行": "Bank",
    "高校": "Institute",
    "院校": "Institute",
    "园区": "Park",
    "平台": "Platform",
    "基金": "Fund",
}
_SHORT_FOR = re.compile(
    r"[(（]\s*(?:以下简称|下称|简称)\s*[:：]?\s*[“\"「『]?(?P<short>[^”\"」』)）]{1,16})[”\"」』]?\s*[)）]"
)
_QUOTED_PLATFORM = re.compile(r"“(?P<name>[^”“]{2,14})”(?:系列活动|系列|综合|服务)?平台")
_QUOTED_FUND = re.compile(r"“(?P<name>[^”“]{1,12}基金)”")
_CAS = re.compile(r"(?:中国科学院|中科院)[" + _CJK + r"]{2,12}?(?:研究所|所)(?![在属有辖得以需谓])")
_ZONE_DISTRICT = re.compile(
    r"(?P<name>[" + _CJK + r"]{1,4}[区县市])[(（](?P<zone>高新区|开发区|新区|经开区|自贸区)[)）]"
)
_GOT_FROM = re.compile(
    r"获得(?:了)?(?:来自)?(?P<list>[^，。；、]{2,12}(?:(?:、|和|及|与)[^，。；、]{2,12}){0,4})"
    r"(?:的|等)(?:联合|共同)?(?:股权)?投资"
)
_HONOUR = re.compile(r"[^，。；：,;:\n]{2,18}?(?:获得者|得主|入选者|带头人|导师)")
# what follows a fund's name when it is an honour or a grant, not an actor
_GRANT_AFTER = re.compile(r"(?:获得者|得主|资助|项目|青年项目|重点项目|面上项目)")
_JOINT_BUILT = re.compile(r"(?:共建|共同建设|联合建设|合作共建|共同组建|合作建设)(?:了)?“?$")
_PHASE = re.compile(r"[一二三四五六七八九十\d]{1,2}期(?!间|限|内)")
_LOCATION_VERBS = r"(?:签约入驻|入驻|落户|迁入|迁至|搬迁至|搬入|进驻|坐落于|位于)(?:了|到|于|在)?"
_LOCATION_QUOTED = re.compile(_LOCATION_VERBS + r"“(?P<name>[^”“，。；\n]{2,20})”")
_LOCATION_CUE = re.compile(_LOCATION_VERBS)
# 昆明经开区的新能源材料产业园: a park named inside a zone
_PARK_IN_ZONE = re.compile(
    r"(?:高新区|开发区|经开区|新区|科技城|科学城)的“?(?P<name>[" + _CJK + r"]{2,12}?"
    r"(?:产业园|科技园|产业基地|孵化器|加速器|众创空间|创新中心|小镇))"
)
_DEAL_CUE = re.compile(r"(?:领投|跟投|参投|联合投资|独家投资)")
_PRONOUN_START = re.compile(r"^(该|其|本|此|这|我|他|她)")
_UNDER = re.compile(r"旗下(?:的|拥有的)?")
_WORKS_AT = re.compile(r"(?:就职于|任职于|供职于|就职|任职)")


@dataclass(slots=True)
class Mention:
    """One occurrence of an actor in the article text.

    ``key`` is the canonical name of the entity it belongs to.
    """

    start: int
    end: int
    text: str
    kind: str  # "org" or "person"
    types: tuple[str, ...]
    rule: str
    specific: bool = True
    key: str = ""


@dataclass(slots=True)
class TitleLink:
    """A person named with a title, and the organisation the title belongs to.

    ``org`` is an entity key, or ``None`` when the title stands alone; ``dept``
    is the department between them (科技金融部), which makes the post
    department-level (AFFILIATED_WITH rather than LEADS).
    """

    person: str
    org: str | None
    title: str
    relation: str
    dept: str
    start: int
    end: int


@dataclass(slots=True)
class Entity:
    """An actor of the article: canonical name, types, aliases."""

    name: str
    kind: str
    types: list[str]
    aliases: set[str] = field(default_factory=set)


@dataclass(slots=True)
class ActorSet:
    """Everything :func:`find_actors` found in one article."""

    text: str
    entities: dict[str, Entity]
    mentions: list[Mention]
    titles: list[TitleLink]
    tokens: list[Token]

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """Mentions that lie within ``[start, end)``, in order."""
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def type_of(self, key: str) -> list[str]:
        """Types of the entity ``key``."""
        return self.entities[key].types


_REGEX_CACHE: dict[tuple[int, str], re.Pattern[str]] = {}


def _suffix_regex(lex: Lexicon) -> re.Pattern[str]:
    key = (id(lex), "suffix")
    if key not in _REGEX_CACHE:
        sufs = [s for s, _t, _st in lex.suffixes] + ["谷"]
        _REGEX_CACHE[key] = re.compile(
            "|".join(re.escape(s) for s in sorted(set(sufs), key=len, reverse=True))
        )
    return _REGEX_CACHE[key]


def _role_regex(lex: Lexicon) -> re.Pattern[str]:
    """What follows a person's name when the sentence says what the person did."""
    key = (id(lex), "role")
    if key not in _REGEX_CACHE:
        titles = "|".join(re.escape(t) for t in sorted(lex.titles, key=len, reverse=True))
        _REGEX_CACHE[key] = re.compile(
            r"(?:于[^，。；]{2,12}?)?(?:联合|共同|一手)?(?:创立|创办|创建|创设)"
            r"|是[^，。；]{2,30}?的?(?:联合创始人|创始人|创办人)"
            r"|(?:于[^，。；]{2,12}?)?(?:出任|担任|升任|就任)[^，。；]{2,30}?(?:" + titles + ")"
        )
    return _REGEX_CACHE[key]


def _title_regex(lex: Lexicon) -> re.Pattern[str]:
    key = (id(lex), "title")
    if key not in _REGEX_CACHE:
        titles = sorted(lex.titles, key=len, reverse=True)
        _REGEX_CACHE[key] = re.compile("|".join(re.escape(t) for t in titles))
    return _REGEX_CACHE[key]


def _occurrences(text: str, sub: str) -> Iterable[int]:
    i = text.find(sub)
    while i >= 0:
        yield i
        i = text.find(sub, i + 1)


def _stands_alone(text: str, sub: str, f: _Finder, covered: Container[int]) -> bool:
    """Whether ``sub`` occurs at a token start not inside a longer name already found."""
    return any(pos in f.tok_start and pos not in covered for pos in _occurrences(text, sub))


class _Finder:
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
        self.suffix_info = {s: (t, strong) for s, t, strong in lex.suffixes}
        self.title_tuple = tuple(lex.titles)
        self.place_tuple = tuple(p for p in lex.places if len(p) >= 2)
        self.gov_banks = tuple(f for f, (_c, t) in lex.bank_forms.items() if t == "Government")
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
            tok = self.tokens[j]
            if (
                strong
                and j > 0
                and tok.tag[:1] in {"v", "d", "a"}
                and len(tok.word) == 2
                and self.lex.is_place(self.tokens[j - 1].word)
                and tok.word not in _STOP_WORDS
            ):
                start = self.tokens[j - 1].start
                j -= 2
                continue
            left_edge = self.tokens[j + 1].word
            if tok.word == "本" and j > 0 and self.tokens[j - 1].word.endswith("资"):
                start = self.tokens[j - 1].start  # 投资|本 is 资本 split: 云投|资本
                j -= 2
                continue
            if tok.word == "协同" and j + 1 == idx and j > 0:
                start = tok.start  # 协同创新区 / 协同创新中心: part of the name
                j -= 1
                continue
            if tok.word == "未来" and left_edge in _FUTURE_HEADS:
                start = tok.start  # 未来产业子基金: "future" names a field here, not a time
                j -= 1
                continue
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
                start = tok.start + 1  # the segmenter glued a preposition to the name: 由|金圆
                break
            if (
                len(tok.word) == 1
                and tok.word in _ABBR_VERBS
                and j > 0
                and len(self.tokens[j - 1].word) == 1
                and self.tokens[j - 1].tag in {"ns", "j"}
            ):
                start = self.tokens[j - 1].start  # province abbreviation + 投/建: 湘投, 川投
                j -= 2
                continue
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
                start = tok.start  # a field between a university and its institute: 粉末冶金
                j -= 1
                continue
            if (
                tok.word in {"联合", "携手", "会同"}
                and j > 0
                and any(self.tokens[j - 1].word.endswith(x) for x in _ORG_TAILS)
            ):
                break  # A基金联合B公司: 联合 joins two names here
            if tok.word in {")", "）"}:
                k = j - 1
                while k >= 0 and j - k <= 4 and self.tokens[k].word not in {"(", "（"}:
                    k -= 1
                if k >= 1 and self.tokens[k].word in {"(", "（"}:
                    inner = self.text[self.tokens[k].end : tok.start]
                    if self.lex.is_place(inner) and self.nameish(self.tokens[k - 1]):
                        start = self.tokens[k].start
                        j = k - 1
                        continue
                break
            if not self.nameish(tok) or end - tok.start > limit:
                break
            if tok.word in _COMPANY_ENDS or self.is_gov_token(tok.word):
                break
            if tok.tag.startswith("v") and (
                left_edge in self.lex.bank_forms or left_edge in self.lex.institute_forms
            ):
                break
            if (
                (tok.word[0] in _MEASURES or tok.tag == "q")
                and j > 0
                and re.search(r"[\d一二两三四五六七八九十]$", self.tokens[j - 1].word)
            ):
                break
            start = tok.start
            j -= 1
        return start

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
        if kind == "org" and "Park" in types:
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
            return ("Government",)
        if suffix_types[0] in {"Enterprise"}:
            if re.search(
                r"投资|创投|资本|基金|资产管理|资产经营|股权投资|私募|金控|金融控股", name
            ):
                return ("Investor",)
            if re.search(r"谷|园区|孵化|运营|创业管理|科技服务|创业服务", name):
                return ("Platform",)
        return suffix_types

    def suffix_candidates(self) -> None:
        text = self.text
        for m in _suffix_regex(self.lex).finditer(text):
            suffix, end = m.group(), m.end()
            if end not in self.tok_end:
                continue
            idx = self.tok_of[m.start()]
            start = self.walk_left(idx, end, strong=self.suffix_info.get(suffix, ("", False))[1])
            if self.suffix_info.get(suffix, ("", False))[1]:
                start = self._back_to_place(start)
            # "国家金融与发展实验室": a left conjunct that is not a name of its own
            start = self._join_conjunct(start, end, suffix)
            while start in self.tok_start and self.tok_start[start] < idx:
                lead_tok = self.tokens[self.tok_start[start]]
                if not (lead_tok.tag.startswith("v") and len(lead_tok.word) > 1):
                    break
                start = lead_tok.end
            name = text[start:end]
            if suffix == "谷":
                core = name[:-1]
                if not (
                    2 <= len(core) <= 5
                    and core.startswith(self.place_tuple)
                    and not self.lex.is_place(core)
                ):
                    continue
                self.add(start, end, "org", ("Park",), "valley", True)
                continue
            types, strong = self.suffix_info[suffix]
            if len(suffix) == 1 and (
                m.start() not in self.tok_start
                or not (name[:1] in {"省", "市", "区", "县"} or name.startswith(self.place_tuple))
            ):
                continue
            # a place before 国家/中国 is not part of a national name
            for lead in ("国家", "中国"):
                k = name.find(lead)
                if k > 0 and self.lex.is_place(name[:k]):
                    start += k
                    name = name[k:]
            if suffix == "学院":
                uni = re.match(r".{2,10}?大学", name)
                if uni and uni.end() < len(name) - 2:
                    continue  # a school of a university: the university is the actor
            if len(name) <= len(suffix):
                continue
            if name.startswith("某"):
                continue
            if "联合" in name and _JOINT_BUILT.search(text[max(0, start - 8) : start]):
                continue  # 共建“…联合研究中心”: a joint project of the partners, not an actor
            if suffix.endswith("基金") and _GRANT_AFTER.match(text, end):
                continue  # 国家自然科学基金资助 / …基金获得者: a grant or an honour
            enum_m = _ENUMERATORS.match(name)
            if enum_m:
                start += enum_m.end()
                name = name[enum_m.end() :]
            core = name[: len(name) - len(suffix)]
            before = text[max(0, start - 5) : start].rstrip("了起")
            cue = before.endswith(_FOUND_CUES)
            counted = re.match(
                r"(超过|超|约|近|共|逾)?[\d一二两三四五六七八九十百千]+(余|多)?[只家个支项批所]",
                text[end:],
            )
            if (
                name in self.lex.generic_names
                or counted
                or (not strong and not cue and not self.strip_generic(core))
            ):
                self.add(start, end, "org", self.org_type(name, types), "suffix", False)
                continue
            if suffix in {"资本", "创投", "控股"} and (
                re.search(r"基金|银行|公司|则|的|是", core)
                or (
                    end in self.tok_start
                    and self.tokens[self.tok_start[end]].tag[:1] in {"n", "v"}
                    and self.tokens[self.tok_start[end]].tag not in {"v"}
                    and self.tokens[self.tok_start[end]].word
                    not in {"旗下", "下属", "等", "独家", "领投", "跟投", "参投", "联合", "共同"}
                )
            ):
                continue
            if suffix in {"分行", "支行"} and not re.search(
                r"银行|农商行|信用社|信用联社", name[:-2]
            ):
                self.add(start, end, "org", self.org_type(name, types), "suffix", False)
                continue
            specific = strong or cue or self.is_specific(name, start, suffix)
            self.add(start, end, "org", self.org_type(name, types), "suffix", specific)

    def _back_to_place(self, start: int) -> int:
        """For a legal company name cut short (苏州|澜|至|科技有限公司), go back over at most
        two one-character tokens to the place the name starts with."""
        if start not in self.tok_start:
            return start
        i = self.tok_start[start] - 1
        skipped = 0
        while i >= 0 and skipped <= 2:
            tok = self.tokens[i]
            if self.lex.is_place(tok.word) and len(tok.word) >= 2:
                if skipped:
                    return tok.start
                return start
            if skipped == 2 or len(tok.word) != 1 or tok.tag == "w" or tok.word in _HARD_STOPS:
                return start
            skipped += 1
            i -= 1
        return start

    def _join_conjunct(self, start: int, end: int, suffix: str) -> int:
        conj = self.tokens[self.tok_end[start]] if start in self.tok_end else None
        if conj is None or conj.word not in {"与", "和"}:
            return start
        right = self.text[start:end]
        if self.is_specific(right, start, suffix):
            return start
        ci = self.tok_end[start]
        if ci == 0:
            return start
        left_start = self.walk_left(ci - 1, conj.start, limit=6)
        left = self.text[left_start : conj.start]
        if not left or self.lex.is_place(left) or _suffix_regex(self.lex).search(left):
            return start
        if not (left.startswith(("国家", "中国")) or left.startswith(self.place_tuple)):
            return start
        if left_start > 0 and self.text[left_start - 1] not in "，。、；：“”,;:\n 　(（":
            return start
        combined = self.text[left_start:end]
        if self.is_specific(combined, left_start, suffix):
            return left_start
        return start

    def lexicon_candidates(self) -> None:
        lex = self.lex
        for i, tok in enumerate(self.tokens):
            w = tok.word
            types: tuple[str, ...] | None = None
            if w in lex.bank_forms:
                types = (lex.bank_forms[w][1],)
            elif w in lex.institute_forms:
                types = ("Institute",)
            elif w in lex.gov_bodies or (
                w.endswith(("厅", "局", "委", "委员会", "办"))
                and any(
                    w == s + e for s in lex.gov_stems for e in ("厅", "局", "委", "委员会", "办")
                )
            ):
                types = ("Government",)
            if types is None or self.text[tok.end : tok.end + 1] in {"门", "员"}:
                continue
            start = tok.start
            if types == ("Government",):
                j = i - 1
                while j >= 0 and (
                    lex.is_place(self.tokens[j].word)
                    or self.tokens[j].word in {"省", "市", "区", "县", "州"}
                ):
                    start = self.tokens[j].start
                    j -= 1
            self.add(start, tok.end, "org", types, "lexicon", True)

    def pattern_candidates(self) -> None:
        text = self.text
        for m in _CAS.finditer(text):
            self.add(m.start(), m.end(), "org", ("Institute",), "cas", True)
        for m in _QUOTED_PLATFORM.finditer(text):
            self.add(m.start("name"), m.end("name"), "org", ("Platform",), "quoted", True)
        for m in _QUOTED_FUND.finditer(text):
            self.add(m.start("name"), m.end("name"), "org", ("Fund",), "quoted", True)
        for m in _ZONE_DISTRICT.finditer(text):
            end = m.end("name")
            if end in self.tok_end:
                tok = self.tokens[self.tok_end[end]]
                if tok.tag == "ns" or self.lex.is_place(tok.word):
                    self.add(tok.start, end, "org", ("Park", "Government"), "zone", True)
        for m in _SHORT_FOR.finditer(text):
            self.short_for.append((m["short"].strip(), m.start()))
        for m in _ENUM.finditer(text):
            ntype = _ENUM_TYPES[m["head"]]
            pos = m.start("list")
            for item in re.split(r"(、|和|及|与|以及)", m["list"]):
                if item in {"、", "和", "及", "与", "以及"}:
                    pos += len(item)
                    continue
                s = item.strip()
                ok = (
                    2 <= len(s) <= 10
                    and re.fullmatch(r"[" + _CJK + r"A-Za-z0-9]+", s)
                    and not re.search(r"\d", s)
                    and not self.lex.is_place(s)
                    and s not in self.lex.generic_modifiers
                    and s not in _NOT_NAMES
                )
                if ok:
                    st = pos + item.index(s)
                    self.add(st, st + len(s), "org", (ntype,), "enumeration", True)
                pos += len(item)
        for m in _GOT_FROM.finditer(text):
            pos = m.start("list")
            for item in re.split(r"(、|和|及|与|以及)", m["list"]):
                if item in {"、", "和", "及", "与", "以及"}:
                    pos += len(item)
                    continue
                s_ = item.strip()
                if (
                    2 <= len(s_) <= 10
                    and re.fullmatch(r"[" + _CJK + r"A-Za-z]+", s_)
                    and not self.lex.is_place(s_)
                    and self.strip_generic(s_) != ""
                    and s_ not in _NOT_NAMES
                    and self.is_specific(s_, pos + item.index(s_), "")
                ):
                    st = pos + item.index(s_)
                    ntype = "Fund" if s_.endswith("基金") else "Investor"
                    self.add(st, st + len(s_), "org", (ntype,), "investor-list", True)
                pos += len(item)
        for m in _LOCATION_QUOTED.finditer(text):
            self.add(m.start("name"), m.end("name"), "org", ("Park",), "quoted-park", True)
        for m in _PARK_IN_ZONE.finditer(text):
            self.add(m.start("name"), m.end("name"), "org", ("Park",), "park-in-zone", True)
        for m in _LOCATION_CUE.finditer(text):
            end = self.walk_right(m.end(), limit=10)
            name = text[m.end() : end]
            first = self.tokens[self.tok_start[m.end()]] if m.end() in self.tok_start else None
            if (
                len(name) >= 3
                and name[-1] in "谷园城港湾镇"
                and not self.lex.is_place(name)
                and name not in self.lex.generic_names
                and (
                    self.is_specific(name, m.end(), "", loose=True)
                    or (
                        len(name) >= 4
                        and first is not None
                        and first.tag[:1] in {"n", "j", "?"}
                        and first.word not in self.lex.generic_modifiers
                        and first.word not in _GENERIC_PARK_HEADS
                    )
                )
            ):
                self.add(m.end(), end, "org", ("Park",), "located-park", True)
        for m in _DEAL_CUE.finditer(text):
            lo = max(
                text.rfind(ch, max(0, m.start() - 60), m.start()) for ch in "，。；：,;:\n“”由"
            )
            pos = lo + 1 if lo >= 0 else max(0, m.start() - 60)
            listed = re.sub(r"(共同|联合|分别|等)?的?$", "", text[pos : m.start()])
            listed = re.sub(r"独家$", "", listed)
            for item in re.split(r"(、|和|及|与|以及|领投|跟投|参投)", listed):
                if item in {"、", "和", "及", "与", "以及", "领投", "跟投", "参投"}:
                    pos += len(item)
                    continue
                s_ = item.strip()
                if (
                    2 <= len(s_) <= 12
                    and re.fullmatch(r"[" + _CJK + r"A-Za-z]+", s_)
                    and not self.lex.is_place(s_)
                    and self.strip_generic(s_) != ""
                    and s_ not in _NOT_NAMES
                    and s_ not in self.lex.generic_names
                    and not _PRONOUN_START.match(s_)
                    and self.is_specific(s_, pos + item.index(s_), "", loose=True)
                ):
                    st = pos + item.index(s_)
                    ntype = "Fund" if s_.endswith("基金") else "Investor"
                    self.add(st, st + len(s_), "org", (ntype,), "deal-list", True)
                pos += len(item)
        for m in _UNDER.finditer(text):
            end = self.walk_right(m.end(), limit=10)
            if end - m.end() >= 2 and self.is_specific(text[m.end() : end], m.end(), ""):
                name = text[m.end() : end]
                if not _suffix_regex(self.lex).search(name[-3:]):
                    self.add(m.end(), end, "org", ("Enterprise",), "under", True)

    # ------------------------------------------------------------- people
    def name_at(self, p: int) -> int | None:
        """End offset of a person name starting at ``p``, or None."""
        text, lex = self.text, self.lex
        k = lex.is_surname_start(text[p : p + 2])
        if not k or text[p : p + 3] == "向记者" or text[p : p + 2] in _NOT_NAMES:
            return None

        def fits(n: int) -> bool:
            cand = text[p : p + n]
            if len(cand) < n or not re.fullmatch(r"[" + _CJK + r"]+", cand):
                return False
            if n == 2 and lex.known(cand) and lex.tag(cand) not in {"nr", "nrfg", "nrt", "?"}:
                return False  # a word (毕业, 高新), not a name
            return not (
                cand in _NOT_NAMES or "记者" in cand or any(c in _NAME_STOP for c in cand[k:])
            )

        def ends_well(n: int) -> bool:
            rest = text[p + n : p + n + 8]
            return (
                not rest
                or rest.startswith(_POST_WORDS)
                or not re.match(r"[" + _CJK + r"]", rest)
                or any(rest.startswith(t) for t in self.lex.titles)
            )

        if fits(k + 1) and text.startswith(_POST_WORDS, p + k + 1):
            return p + k + 1
        if fits(k + 2) and ends_well(k + 2):
            return p + k + 2
        if fits(k + 1) and ends_well(k + 1):
            return p + k + 1
        tok = self.tokens[self.tok_of[p]]
        if (
            tok.start == p
            and tok.tag in {"?", "nr", "nrfg", "nrt"}
            and k + 1 <= len(tok.word) <= k + 2
            and fits(len(tok.word))
        ):
            return tok.end
        return None

    def name_before(self, p: int) -> int | None:
        """Start offset of a person name ending at ``p`` (before 教授/院士), or None."""
        text = self.text
        for n in (3, 2, 4):
            s = p - n
            if s < 0:
                continue
            k = self.lex.is_surname_start(text[s : s + 2])
            if not k or not re.fullmatch(r"[" + _CJK + r"]+", text[s:p]):
                continue
            if text[s:p] in _NOT_NAMES:
                continue
            left_ok = (
                s == 0
                or text[s - 1] in "，。、；：“”,;:\n 　(（的与和及据由"
                or any(c.end == s for c in self.cands)
                or text.endswith(self.title_tuple, 0, s)
            )
            if left_ok:
                return s
        return None

    def person_candidates(self) -> None:
        text, lex = self.text, self.lex
        rx = _title_regex(lex)
        post_titles = {
            t
            for t, (_r, ptype) in lex.titles.items()
            if ptype in {"Scientist", "Doctor"} or t in {"专家"}
        }
        for m in rx.finditer(text):
            title = m.group()
            ts, te = m.span()
            if text[ts - 1 : ts] == "副" or text[ts - 2 : ts] in {"常务"}:
                continue
            rel, ptype = lex.titles[title]
            end = self.name_at(te)
            if end is None and text[te : te + 1] in {"、", "兼"}:
                honour = _HONOUR.match(text, te + 1)
                if honour:  # 教授、国家杰出青年科学基金获得者张三
                    ne = self.name_at(honour.end())
                    if ne is not None:
                        self.add(honour.end(), ne, "person", (ptype,), "title", True)
                        self.titles.append((honour.end(), ne, title, rel, ts, "shared"))
                        continue
                nxt = rx.search(text, te + 1, te + 24)
                if nxt and not re.search(r"[，。；：,;:]", text[te : nxt.start()]):
                    ne = self.name_at(nxt.end())
                    if ne is not None:
                        self.titles.append((nxt.end(), ne, title, rel, ts, "shared"))
                        continue
            if end is not None:
                self.add(te, end, "person", (ptype,), "title", True)
                self.titles.append((te, end, title, rel, ts, "after"))
                continue
            if title in post_titles:
                s = self.name_before(ts)
                if s is not None:
                    self.add(s, ts, "person", (ptype,), "title", True)
                    self.titles.append((s, ts, title, rel, ts, "before"))
        # people named by what they did: 张三于2015年创立…, 张三是X的创始人, 张三出任X董事长
        role = _role_regex(lex)
        for m in re.finditer(r"(?:^|(?<=[，。；：、\n“”\s,;:]))[" + _CJK + r"]", text):
            p = m.start()
            end = self.name_at(p)
            if end is not None and role.match(text, end):
                self.add(p, end, "person", ("Person",), "role", True)
        for m in re.finditer(r"据", text):
            end = self.name_at(m.end())
            if end is not None and text.startswith(("介绍", "透露", "表示"), end):
                self.add(m.end(), end, "person", ("Person",), "speech", True)
        for m in _SPEECH.finditer(text):
            for n in (3, 2, 4):
                s = m.start() - n
                if s < 0:
                    continue
                if s > 0 and text[s - 1] not in "，。、；：“”,;:\n 　的据":
                    continue
                if self.name_at(s) == m.start() and text[s : m.start()] not in _NOT_NAMES:
                    self.add(s, m.start(), "person", ("Person",), "speech", True)
                    break
        for m in _WORKS_AT.finditer(text):
            de = text.find("的", m.end(), m.end() + 25)
            if de > 0:
                end = self.name_at(de + 1)
                if end is not None:
                    self.add(de + 1, end, "person", ("Person",), "works-at", True)

    def title_orgs(self) -> None:
        """Organisations named only before a founder's or executive's title."""
        text = self.text
        for _ps, _pe, title, _rel, t_start, where in self.titles:
            if where not in {"after", "shared"} or t_start is None:
                continue
            ptype = self.lex.titles[title][1]
            if ptype not in {"Entrepreneur", "Executive"}:
                continue
            end = t_start
            if text[end - 1 : end] == "的":
                end -= 1
            if end <= 0 or end not in self.tok_end:
                continue
            if any(c.end == end and c.kind == "org" for c in self.cands):
                continue
            if any(
                c.kind == "org"
                and 0 < end - c.end <= 8
                and _DEPT_END.search(text[c.end : end])
                and re.fullmatch(r"[" + _CJK + r"]+", text[c.end : end])
                for c in self.cands
            ):
                continue  # 南京银行科技金融部总经理: a department of the bank, not an actor
            idx = self.tok_end[end]
            if self.tokens[idx].word in _DEPT_WORDS and idx > 0:
                end = self.tokens[idx].start
                idx -= 1
                if any(c.end == end and c.kind == "org" for c in self.cands):
                    continue
            if not self.nameish(self.tokens[idx]):
                continue
            start = self.walk_left(idx, end, limit=12)
            name = text[start:end]
            if (
                3 <= len(name) <= 12
                and not self.lex.is_place(name)
                and name not in self.lex.generic_modifiers
                and not re.search(r"(企业|公司|机构|团队|项目|行业|银行|平台)$", name)
                and self.is_specific(name, start, "", loose=True)
            ):
                self.add(start, end, "org", ("Enterprise",), "title-org", True)


def _select(cands: list[Mention]) -> list[Mention]:
    """Longest non-overlapping candidates; people yield to organisations."""
    order = sorted(cands, key=lambda m: (-(m.end - m.start), m.start))
    chosen: list[Mention] = []
    taken: set[int] = set()
    for m in order:
        span = range(m.start, m.end)
        if any(p in taken for p in span):
            continue
        chosen.append(m)
        taken.update(span)
    return sorted(chosen, key=lambda m: m.start)


def _is_subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


_SUB_UNIT = re.compile(
    r"(分行|支行|分公司|子公司|研究院|研究所|分院|学院|医院|中心|实验室|基金|分会)$"
)
_ORG_END = re.compile(
    r"(银行|公司|集团|大学|学院|研究院|研究所|医院|基金|基金会|高新区|新区|交易所|学会|协会|中心|实验室|局|厅|委)$"
)


def _alias_of(short: str, full: str, lex: Lexicon) -> bool:
    """Whether ``short`` can be a short form of ``full`` (branches never are)."""
    if short == full or len(short) >= len(full):
        return False
    known = _lexicon_group(short, lex)
    if known is not None and known != _lexicon_group(full, lex):
        return False  # 南京大学 is not a short form of 南京航空航天大学
    if short.endswith("总行"):
        short = short[:-2]
        if short == full or (short and full.endswith(short)):
            return True
    if full.startswith(short) and _ORG_END.search(short):
        return False  # 中国人民银行 is the head of 中国人民银行四川省分行
    if bool(re.search(r"(分行|支行)$", full)) != bool(re.search(r"(分行|支行)$", short)):
        return False
    if full.endswith(short):
        rest = full[: len(full) - len(short)]
        return lex.is_place(rest) or len(short) >= 4
    if short[0] == full[0] and short[-1] == full[-1] and len(short) >= 3:
        return _is_subsequence(short, full)
    if not re.search(r"(公司|集团|有限合伙[)）])$", full) or len(short) < 2 or lex.is_place(short):
        return False
    # trade name + kind after the place: 厦门|金圆投资集团有限公司 → 金圆集团
    if len(short) >= 4 and re.search(r"(集团|控股|资本|创投)$", short):
        for lead0 in [
            0,
            *(n for n in range(min(len(full) - 2, 6), 1, -1) if lex.is_place(full[:n])),
        ]:
            core0 = full[lead0:]
            if short[:2] == core0[:2] and _is_subsequence(short, core0):
                return True
    if full.startswith(short):
        return True
    # the trade name after the place: 武汉|锐影光电…有限公司 → 锐影光电
    lead = next((n for n in range(min(len(full) - 2, 6), 1, -1) if lex.is_place(full[:n])), 0)
    return lead > 0 and full[lead:].startswith(short) and len(short) >= 3


def _lexicon_group(name: str, lex: Lexicon) -> str | None:
    if name in lex.bank_forms:
        return lex.bank_forms[name][0]
    if name in lex.institute_forms:
        return lex.institute_forms[name]
    base = name[:-2] if name.endswith("总行") else None
    if base and base in lex.bank_forms:
        return lex.bank_forms[base][0]
    return None


def find_actors(text: str, *, lexicon: Lexicon | None = None) -> ActorSet:
    """Find the actors of one article and every place they are mentioned.

    Parameters
    ----------
    text : str
        The article text.
    lexicon : Lexicon, optional
        Defaults to :func:`~loaders.lexicon.get_lexicon`.

    Returns
    -------
    ActorSet
        Entities keyed by canonical name, all mentions (non-overlapping, in
        order, each with its entity key) and the title links of people.
    """
    lex = lexicon or get_lexicon()
    f = _Finder(text, lex)
    if not f.tokens:
        return ActorSet(text, {}, [], [], [])
    f.lexicon_candidates()
    f.pattern_candidates()
    f.suffix_candidates()
    f.person_candidates()
    f.title_orgs()

    counts = Counter(m.text for m in f.weak)
    for m in list(f.weak):
        suf = next((x for x, _t, _s in lex.suffixes if m.text.endswith(x)), "")
        if (
            counts[m.text] >= 3
            and len(m.text) >= 4
            and f.strip_generic(m.text[: len(m.text) - len(suf)])
        ):
            m.specific = True
            f.cands.append(m)
            f.weak.remove(m)

    chosen = _select(f.cands)
    people = {m.text for m in chosen if m.kind == "person"}
    chosen = [m for m in chosen if not (m.kind == "org" and m.text in people)]

    # entities from chosen candidates
    entities: dict[str, Entity] = {}
    for m in chosen:
        e = entities.get(m.text)
        if e is None:
            entities[m.text] = Entity(m.text, m.kind, list(m.types))
        else:
            for t in m.types:
                if t not in e.types and e.kind == m.kind:
                    e.types.append(t)

    key_of: dict[str, str] = {name: name for name in entities}
    covered = {p for m in chosen for p in range(m.start, m.end)}

    def merge(short: str, full: str) -> None:
        full = key_of.get(full, full)
        if short == full:
            return
        for k, v in list(key_of.items()):
            if v == short:
                key_of[k] = full
        key_of[short] = full
        if short in entities and short != full:
            old = entities.pop(short)
            entities[full].aliases |= old.aliases | {short}
        else:
            entities[full].aliases.add(short)

    # 以下简称
    for short, full_end in f.short_for:
        full_m = next((m for m in chosen if m.end == full_end and m.kind == "org"), None)
        if full_m is None:
            continue
        if short not in entities:
            entities[short] = Entity(short, "org", list(full_m.types))
            key_of[short] = short
        merge(short, full_m.text)
    # lexicon groups (浦发银行 = 上海浦东发展银行, 人民银行总行 = 中国人民银行)
    groups: dict[str, list[str]] = {}
    for name, e in entities.items():
        if e.kind == "org":
            g = _lexicon_group(name, lex)
            if g:
                groups.setdefault(g, []).append(name)
    for names in groups.values():
        if len(names) > 1:
            full = max(names, key=len)
            for other in names:
                if other != full and key_of.get(other) == other:
                    merge(other, full)
    # short forms among specific names, then weak names as short forms
    orgs = sorted((n for n, e in entities.items() if e.kind == "org"), key=len, reverse=True)
    for short in sorted(orgs, key=len):
        if key_of.get(short) != short or short not in entities:
            continue
        fulls = [
            n
            for n in orgs
            if len(n) > len(short)
            and (short[0] in n or short.endswith("总行"))
            and n in entities
            and key_of.get(n) == n
            and _alias_of(short, n, lex)
        ]
        if len(fulls) == 1:
            merge(short, fulls[0])
        elif len(fulls) > 1:
            first = {n: text.find(n) for n in fulls}
            merge(short, min(fulls, key=lambda n: (first[n] < 0, first[n])))
    weak_names = {m.text for m in f.weak}
    for short in sorted(weak_names, key=len, reverse=True):
        if short in entities:
            continue
        fulls = [
            n
            for n in entities
            if len(n) > len(short)
            and short[0] in n
            and entities[n].kind == "org"
            and _alias_of(short, n, lex)
        ]
        if fulls:
            first = {n: text.find(n) for n in fulls}
            full = min(fulls, key=lambda n: (first[n] < 0, first[n]))
            entities[full].aliases.add(short)
            key_of[short] = full
    # a name without its leading place, used on its own (中国眼谷 → 眼谷)
    for name in list(entities):
        e = entities[name]
        if e.kind != "org" or key_of.get(name) != name:
            continue
        for n in range(min(len(name) - 2, 6), 1, -1):
            if not lex.is_place(name[:n]):
                continue
            rest = name[n:]
            if rest in key_of:
                continue
            suf = next((x for x, _t, _s in lex.suffixes if rest.endswith(x)), "")
            if (
                not f.strip_generic(rest[: len(rest) - len(suf)])
                or lex.is_place(rest)
                or len(rest) <= len(suf)
            ):
                continue
            if _stands_alone(text, rest, f, covered):
                e.aliases.add(rest)
                key_of[rest] = name

    # a park's last word on its own (武汉光谷 → 光谷, 长兴智谷 → 智谷)
    for name in list(entities):
        e = entities[name]
        if "Park" not in e.types or key_of.get(name) != name or len(name) < 4:
            continue
        tail = name[-2:]
        if tail[-1] not in "谷城港湾" or tail in key_of or (lex.known(tail) and tail[-1] != "谷"):
            continue
        if _stands_alone(text, tail, f, covered):
            e.aliases.add(tail)
            key_of[tail] = name

    # company short names: prefixes of a company name used on their own
    for name in list(entities):
        e = entities[name]
        if e.kind != "org" or not re.search(r"(公司|集团)$", name):
            continue
        core = re.split(r"[(（]", name, maxsplit=1)[0]
        best = None
        for n in range(2, len(core) + 1):
            pre = core[:n]
            if pre == name or lex.is_place(pre) or pre in key_of:
                continue
            hit = next(
                (
                    pos
                    for pos in _occurrences(text, pre)
                    if pos in f.tok_start and pos + len(pre) in f.tok_end and pos not in covered
                ),
                None,
            )
            if hit is None:
                continue
            lead_n = next((k for k in range(min(len(pre), 6), 1, -1) if lex.is_place(pre[:k])), 0)
            rest_ = pre[lead_n:]
            if not f.strip_generic(rest_) or (len(rest_) <= 2 and lex.known(rest_)):
                continue  # 重庆科技: a place and a common word, not a short name
            best = pre
        if best is None and not e.aliases:
            # the trade name after the place: 成都|衡川智能…有限公司 → 衡川智能
            lead = next(
                (n for n in range(min(len(core) - 2, 6), 1, -1) if lex.is_place(core[:n])), 0
            )
            trade = core[lead:]
            for n in range(3, len(trade) + 1):
                pre = trade[:n]
                if pre in key_of or lex.known(pre) or not f.strip_generic(pre):
                    continue
                if _stands_alone(text, pre, f, covered):
                    best = pre
        if best and best not in key_of:
            e.aliases.add(best)
            key_of[best] = name

    # zone districts take their fullest form (温州 + 龙湾区)
    for name in list(entities):
        e = entities[name]
        if "Park" in e.types and "Government" in e.types and key_of.get(name) == name:
            for at in _occurrences(text, name):
                for n in (4, 3, 2):
                    pre = text[max(0, at - n) : at]
                    if len(pre) == n and lex.is_place(pre) and pre not in name:
                        longer = pre + name
                        if longer not in entities:
                            entities[longer] = Entity(longer, "org", list(e.types))
                            key_of[longer] = longer
                            merge(name, longer)
                        break
                if key_of.get(name) != name:
                    break

    # every occurrence of every surface form
    forms = sorted(key_of, key=len, reverse=True)
    mentions: list[Mention] = []
    if forms:
        kinds = {n: e.kind for n, e in entities.items()}
        title_tuple = tuple(lex.titles)
        chosen_at = {(m.start, m.end): m for m in chosen}
        taken: set[int] = set()
        found: list[tuple[int, int, str]] = []
        for form in forms:  # longest first, then left to right, never overlapping
            for at in _occurrences(text, form):
                span = range(at, at + len(form))
                if not any(p in taken for p in span):
                    found.append((at, at + len(form), form))
                    taken.update(span)
        for s, e_, surface in sorted(found):
            key = key_of[surface]
            while key_of.get(key, key) != key:
                key = key_of[key]
            if key not in entities:
                continue
            if len(surface) <= 2 and s not in f.tok_start and (s, e_) not in chosen_at:
                continue
            if kinds[key] == "person" and (s, e_) not in chosen_at:
                nxt = text[e_ : e_ + 1]
                if (
                    len(surface) == 2
                    and nxt
                    and re.match(r"[" + _CJK + r"]", nxt)
                    and not text.startswith(_POST_WORDS, e_)
                    and not text.startswith(title_tuple, e_)
                ):
                    continue
            base = chosen_at.get((s, e_))
            mentions.append(
                Mention(
                    s,
                    e_,
                    surface,
                    kinds[key],
                    tuple(entities[key].types),
                    base.rule if base else "repeat",
                    True,
                    key,
                )
            )

    # title links
    mention_at = {(m.start, m.end): m.key for m in mentions}
    links: list[TitleLink] = []
    org_mentions = [m for m in mentions if m.kind == "org"]
    for ps, pe, title, rel, t_start, where in f.titles:
        pkey = mention_at.get((ps, pe))
        if pkey is None:
            continue
        if where == "before":
            org_key, dept = _org_before(text, ps, org_mentions, entities)
            start, end = ps, pe + len(title)
        else:
            org_key, dept = _org_before(text, t_start, org_mentions, entities)
            if org_key is None and lex.titles[title][1] == "Scientist":
                # 浙江大学求是特聘教授: honours between the university and the title
                org_key = _org_before_loose(text, t_start, org_mentions)
            start, end = t_start, pe
        links.append(TitleLink(pkey, org_key, title, rel, dept, start, end))
    # 创始人、董事长张三 / 董事长兼总经理张三: a later title shares the organisation of the first
    for link in links:
        if link.org is None and text[link.start - 1 : link.start] in {"、", "兼"}:
            prev = [
                x
                for x in links
                if x.person == link.person and x.org and x.end == link.end and x is not link
            ]
            if prev:
                link.org, link.dept = prev[0].org, prev[0].dept
    _type_people(entities, links, lex)
    return ActorSet(text, entities, mentions, links, f.tokens)


def _org_before(
    text: str, ts: int, orgs: list[Mention], entities: dict[str, Entity]
) -> tuple[str | None, str]:
    """The organisation named just before a title at ``ts`` and the department between."""
    if text.endswith(("公司", "企业"), 0, ts) and (
        ts == 2 or not re.match(r"[" + _CJK + r"]", text[ts - 3])
    ):
        # 公司总经理王强: the company the article is about
        for m in reversed(orgs):
            if m.end <= ts - 2 and "Enterprise" in entities[m.key].types:
                return (m.key, "") if ts - m.end <= 400 else (None, "")
        return None, ""
    for pron, wanted in _PRONOUNS.items():
        if text.endswith(pron, 0, ts):
            for m in reversed(orgs):
                if m.end <= ts - len(pron) and (
                    wanted == ("*",) or set(entities[m.key].types) & set(wanted)
                ):
                    return m.key, ""
            return None, ""
    if text[ts - 1 : ts] in {"原", "前"}:
        ts -= 1  # 原副院长: a former post
    best = None
    for m in orgs:
        if m.end <= ts and ts - m.end <= 10:
            best = m
    if best is None:
        return None, ""
    if text.endswith(("毕业于", "来自", "就职于", "任职于", "就读于", "出身于"), 0, best.start):
        return None, ""
    between = text[best.end : ts]
    if between in {"", "的"} or re.fullmatch(r"[”\"」』)）]+", between):
        return best.key, ""
    if re.search(r"[，。、；：,;:\s“”]", between):
        return None, ""
    if between in _DEPT_WORDS or _DEPT_END.search(between) or between.startswith("党委"):
        return best.key, between
    return None, ""


def _org_before_loose(text: str, ts: int, orgs: list[Mention]) -> str | None:
    """An institute named up to eight characters before a scientist's title, with
    only name-like words between (特聘, 讲席, 博士生导师)."""
    for m in reversed(orgs):
        if m.end > ts:
            continue
        between = text[m.end : ts]
        if (
            len(between) <= 8
            and re.fullmatch(r"[" + _CJK + r"]*", between)
            and "Institute" in m.types
        ):
            if re.search(r"的|与|和|及|向|为|由|在", between):
                return None
            return m.key
        return None
    return None


def _type_people(entities: dict[str, Entity], links: list[TitleLink], lex: Lexicon) -> None:
    by_person: dict[str, list[TitleLink]] = {}
    for link in links:
        by_person.setdefault(link.person, []).append(link)
    for name, e in entities.items():
        if e.kind != "person":
            continue
        types: list[str] = []
        for link in by_person.get(name, []):
            _rel, ptype = lex.titles[link.title]
            if link.relation == "FOUNDED":
                types.append("Entrepreneur")
            elif ptype == "Scientist":
                types.append("Scientist")
            elif (
                ptype == "Executive"
                and link.org
                and not link.dept
                and ("Enterprise" in entities[link.org].types)
            ) or (
                ptype == "Executive"
                and link.org
                and "Enterprise" in entities[link.org].types
                and link.dept in _DEPT_WORDS
            ):
                types.append("Entrepreneur")
        if "Entrepreneur" not in types and any(
            lex.titles[link.title][1] == "Doctor" for link in by_person.get(name, [])
        ):
            types.append("Scientist")
        e.types = list(dict.fromkeys(types)) or ["Person"]
