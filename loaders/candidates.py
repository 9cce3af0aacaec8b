"""Candidate actor mentions: organisations by endings, lexicon entries and patterns;
people by titles and speech.

Examples
--------
>>> from ecox.loaders.lexicon import get_lexicon
>>> finder = ActorFinder("宁波银行余杭支行行长程远航表示,将加大信贷投放。", get_lexicon())
>>> finder.suffix_candidates()
>>> finder.person_candidates()
>>> sorted({c.text for c in finder.cands})
['宁波银行', '宁波银行余杭支行', '程远航']
"""

from __future__ import annotations

import re

from ecox.graph.schema import NodeType
from ecox.loaders.actors import (
    CJK,
    DEPT_END,
    DEPT_WORDS,
    NOT_NAMES,
    POST_WORDS,
)
from ecox.loaders.lexicon import Lexicon, Token, word_list
from ecox.loaders.orgnames import NameScanner, suffix_regex

__all__ = ["ActorFinder"]

# a district or new area before a government body (余杭区|科学技术局, 临港|新区|财政局)
_DISTRICT = re.compile(r"[\u4e00-\u9fff]{1,2}[区县]|新区")
_ORG_TAILS = tuple(word_list("org_tails"))
# associations whose members' title is part of the name (企业家|促进会)
_ASSOCIATIONS = frozenset(["学会", "协会", "商会", "联合会", "促进会"])
# one-character words that never sit inside a company's trade name
_HARD_STOPS = frozenset("的了和与及在向为由被把从对给将是有获等所")
_NAME_STOP = frozenset("的了着过是在和与及等为将也都还就被把从对向说称据")
_ENUMERATORS = re.compile(r"^([一二三四五六七八九十]是|首先|其次|再次|最后)")
_FOUND_CUES = tuple(word_list("found_cues"))
# kind words said alone (孵化器, 中心, 园区 …) refer to an actor named before: no names
_KIND_WORDS = frozenset(line.partition("\t")[0] for line in word_list("anaphors"))
_SPEECH = re.compile(
    r"(?:在接受[^，。]{0,6}采访时|向记者|对记者|告诉记者|接受记者采访时)?"
    r"(?:表示|介绍|说|认为|指出|坦言|透露|强调|告诉|直言|分享)"
)
_HONOUR = re.compile(r"[^，。；：,;:\n]{2,18}?(?:获得者|得主|入选者|带头人|导师)")
# what follows a fund's name when it is an honour or a grant, not an actor
_GRANT_AFTER = re.compile(r"(?:获得者|得主|资助|项目|青年项目|重点项目|面上项目)")
_JOINT_BUILT = re.compile(r"(?:共建|共同建设|联合建设|合作共建|共同组建|合作建设)(?:了)?“?$")
_WORKS_AT = re.compile(r"(?:就职于|任职于|供职于|就职|任职)")
_HAN = re.compile(f"[{CJK}]")
_HAN_RUN = re.compile(f"[{CJK}]+")
# a count after an ending: 超过30家银行, 十余只基金
_COUNTED = re.compile(
    r"(超过|超|约|近|共|逾)?[\d一二两三四五六七八九十百千]+(余|多)?[只家个支项批所]"
)
_REGEX_CACHE: dict[tuple[int, str], re.Pattern[str]] = {}
_POST_TITLES: dict[int, frozenset[str]] = {}


def _role_regex(lex: Lexicon) -> re.Pattern[str]:
    """What follows a person's name when the sentence says what the person did."""
    key = (id(lex), "role")
    if key not in _REGEX_CACHE:
        titles = "|".join(re.escape(t) for t in sorted(lex.titles, key=len, reverse=True))
        _REGEX_CACHE[key] = re.compile(
            r"(?:于[^，。；]{2,12}?)?(?:联合|共同|一手)?(?:创立|创办|创建|创设)"
            r"|是[^，。；]{2,30}?的?(?:联合创始人|创始人|创办人)"
            r"|(?:于[^，。；]{2,12}?)?(?:出任|担任|升任|就任)[^，。；]{2,30}?(?:" + titles + ")"
            r"|(?:继续|曾|现)?任(?:" + titles + ")"  # 张三任总经理
            r"|(?:本科|硕士|博士)?毕业于"
            r"|曾在[^，。；]{2,24}?(?:工作|任职|担任|从事|负责)"  # 张三曾在X从事…研究
        )
    return _REGEX_CACHE[key]


def _title_regex(lex: Lexicon) -> re.Pattern[str]:
    key = (id(lex), "title")
    if key not in _REGEX_CACHE:
        titles = sorted(lex.titles, key=len, reverse=True)
        _REGEX_CACHE[key] = re.compile("|".join(re.escape(t) for t in titles))
    return _REGEX_CACHE[key]


def _post_titles(lex: Lexicon) -> frozenset[str]:
    """The titles that may follow a name (张三教授): a scientist's, a doctor's, 专家."""
    key = id(lex)
    if key not in _POST_TITLES:
        _POST_TITLES[key] = frozenset(
            t
            for t, (_r, ptype) in lex.titles.items()
            if ptype in {NodeType.SCIENTIST, "Doctor"} or t in {"专家"}
        )
    return _POST_TITLES[key]


class OrgFinder(NameScanner):
    """Organisation candidates: by name endings, lexicon entries and patterns."""

    def suffix_candidates(self) -> None:
        """Organisations by their ending (…有限公司, …分行, …基金, 研究院; lexicon/suffixes.txt)."""
        for m in suffix_regex(self.lex).finditer(self.text):
            if m.end() in self.tok_end:
                self._add_suffix_name(m, self._suffix_name_start(m))

    def _suffix_name_start(self, m: re.Match[str]) -> int:
        """Where the name ending with the suffix ``m`` starts."""
        suffix, end = m.group(), m.end()
        idx = self.tok_of[m.start()]
        if suffix in _ASSOCIATIONS and idx > 0 and self.tokens[idx - 1].tag == "nn":
            idx -= 1  # 企业家|促进会: the members' title is part of an association's name
        start = self.walk_left(idx, end, strong=self.suffix_info.get(suffix, ("", False))[1])
        if self.suffix_info.get(suffix, ("", False))[1]:
            start = self._back_to_place(start)
            if not self.is_specific(self.text[start:end], start, suffix, loose=True):
                start = self._back_over_generic(start)
        elif suffix in {"分行", "支行"} and self.text.startswith("银行", start):
            start = self._back_to_bank_name(start)
        # "国家金融与发展实验室": a left conjunct that is not a name of its own
        start = self._join_conjunct(start, end, suffix)
        while start in self.tok_start and self.tok_start[start] < idx:
            lead_tok = self.tokens[self.tok_start[start]]
            if not (lead_tok.tag.startswith("v") and len(lead_tok.word) > 1):
                break
            start = lead_tok.end
        return self._after_zone(start, m)

    def _after_zone(self, start: int, m: re.Match[str]) -> int:
        """The start of a park named right after its zone: after the zone (found by itself)."""
        if NodeType.PARK not in self.suffix_info.get(m.group(), ((), False))[0]:
            return start
        return self.zone_end(start, m.start(), m.group()) or start

    def _add_suffix_name(self, m: re.Match[str], start: int) -> None:
        """Add the name ``text[start:m.end()]`` unless its form rules it out."""
        text = self.text
        suffix, end = m.group(), m.end()
        name = text[start:end]
        if suffix == "谷":
            core = name[:-1]
            if not (
                2 <= len(core) <= 5
                and core.startswith(self.place_tuple)
                and not self.lex.is_place(core)
            ):
                return
            self.add(start, end, "org", (NodeType.PARK,), "valley", True)
            return
        types, strong = self.suffix_info[suffix]
        if len(suffix) == 1 and (
            m.start() not in self.tok_start
            or not (name[:1] in {"省", "市", "区", "县"} or name.startswith(self.place_tuple))
        ):
            return
        # a place before 国家/中国 is not part of a national name
        for lead in ("国家", "中国"):
            k = name.find(lead)
            if k > 0 and self.lex.is_place(name[:k]) and not name.startswith("国家高新区", k):
                start += k
                name = name[k:]
        if suffix == "学院":
            uni = re.match(r".{2,10}?(?:大学|学院)", name)
            if uni and uni.end() < len(name) - 2:
                return  # a school of a university or college: the university is the actor
        if len(name) <= len(suffix):
            return
        if name.startswith("某"):
            return
        if "联合" in name and _JOINT_BUILT.search(text[max(0, start - 8) : start]):
            return  # 共建“…联合研究中心”: a joint project of the partners, not an actor
        if suffix.endswith("基金") and _GRANT_AFTER.match(text, end):
            return  # 国家自然科学基金资助 / …基金获得者: a grant or an honour
        enum_m = _ENUMERATORS.match(name)
        if enum_m:
            start += enum_m.end()
            name = name[enum_m.end() :]
        core = name[: len(name) - len(suffix)]
        before = text[max(0, start - 5) : start].rstrip("了起")
        cue = before.endswith(_FOUND_CUES)
        counted = _COUNTED.match(text, end)
        if (
            name in self.lex.generic_names
            or counted
            or (not strong and not cue and not self.strip_generic(core))
        ):
            self.add(start, end, "org", self.org_type(name, types), "suffix", False)
            return
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
            return
        if suffix in {"分行", "支行"} and not re.search(r"银行|农商行|信用社|信用联社", name[:-2]):
            specific = self._named_branch(start, end - len(suffix))
            self.add(start, end, "org", self.org_type(name, types), "suffix", specific)
            return
        specific = strong or cue or self.is_specific(name, start, suffix)
        self.add(start, end, "org", self.org_type(name, types), "suffix", specific)

    def _back_over_generic(self, start: int) -> int:
        """For a legal company name made only of generic words (产业投资集团有限公司), the
        start of its trade name cut off by the segmenter: back over at most four tokens to a
        place or an unknown word and the places before it (宜昌|澜石|精密|传动|科技有限公司),
        or over one or two one-character tokens after a preposition, conjunction or
        punctuation (与|云|岫|产业投资…)."""
        if start not in self.tok_start:
            return start
        i = self.tok_start[start] - 1
        singles = 0
        for k in range(4):
            if i - k < 0:
                return start
            tok = self.tokens[i - k]
            if self._place_token(tok) or (tok.tag == "?" and k):
                j = i - k
                while j > 0 and self._place_token(self.tokens[j - 1]):
                    j -= 1
                return self.tokens[j].start
            if (
                tok.tag[:1] in {"w", "p", "c", "u", "m", "x"}
                or tok.word in _HARD_STOPS
                or tok.word.endswith(_ORG_TAILS)
            ):
                return self.tokens[i - k + 1].start if 0 < singles == k else start
            singles += len(tok.word) == 1
        return start

    def _back_to_bank_name(self, start: int) -> int:
        """For a branch whose bank's own name was cut (江北|汇|和|银行余杭支行):
        back over at most three tokens to a place, or to punctuation or a preposition."""
        if start not in self.tok_start:
            return start
        i = self.tok_start[start] - 1
        for k in range(3):
            tok = self.tokens[i - k] if i - k >= 0 else None
            if tok is None or tok.tag[:1] in {"w", "p"}:
                return self.tokens[i - k + 1].start
            if self._place_token(tok):
                return tok.start
            if tok.tag[:1] in {"m", "x", "u"}:
                return start
        return start

    def _named_branch(self, start: int, end: int) -> bool:
        """Whether a branch named without its bank has a name of its own: a place, then
        words that are not places (东湖|光谷科技|支行), not a place alone (东湖|支行)."""
        toks = self.core_tokens(start, end)
        first = next((i for i, t in enumerate(toks) if not self._place_token(t)), 0)
        return first > 0 and all(t.tag != "w" for t in toks)

    def _place_token(self, tok: Token) -> bool:
        return tok.tag == "ns" or self.lex.is_place(tok.word)

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
        if not left or self.lex.is_place(left) or suffix_regex(self.lex).search(left):
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
                types = (NodeType.INSTITUTE,)
            elif w in lex.gov_bodies or (
                w.endswith(("厅", "局", "委", "委员会", "办"))
                and any(
                    w == s + e for s in lex.gov_stems for e in ("厅", "局", "委", "委员会", "办")
                )
            ):
                types = (NodeType.GOVERNMENT,)
            if types is None or self.text[tok.end : tok.end + 1] in {"门", "员"}:
                continue
            start = tok.start
            if types == (NodeType.GOVERNMENT,):
                j = i - 1
                while j >= 0 and (
                    lex.is_place(self.tokens[j].word)
                    or self.tokens[j].word in {"省", "市", "区", "县", "州"}
                    or _DISTRICT.fullmatch(self.tokens[j].word)
                ):
                    start = self.tokens[j].start
                    j -= 1
            self.add(start, tok.end, "org", types, "lexicon", True)


class ActorFinder(OrgFinder):
    """Organisation and person candidates of one article (people by titles and speech)."""

    # ------------------------------------------------------------- people
    def name_at(self, p: int) -> int | None:
        """End offset of a person name starting at ``p``, or None."""
        text, lex = self.text, self.lex
        k = lex.is_surname_start(text[p : p + 2])
        if not k or text[p : p + 3] == "向记者" or text[p : p + 2] in NOT_NAMES:
            return None

        def fits(n: int) -> bool:
            cand = text[p : p + n]
            if len(cand) < n or not _HAN_RUN.fullmatch(cand):
                return False
            if n == 2 and lex.known(cand) and lex.tag(cand) not in {"nr", "nrfg", "nrt", "?"}:
                return False  # a word (毕业, 高新), not a name
            return not (
                cand in NOT_NAMES or "记者" in cand or any(c in _NAME_STOP for c in given(cand))
            )

        def given(cand: str) -> str:
            # 向 starts given names (张向东, 李向前) though it is a preposition
            return cand[k + 1 :] if len(cand) == k + 2 and cand[k] == "向" else cand[k:]

        def ends_well(n: int) -> bool:
            rest = text[p + n : p + n + 8]
            return (
                not rest
                or rest.startswith(POST_WORDS)
                or not _HAN.match(rest)
                or rest.startswith(self.title_tuple)
            )

        if text[p + k + 1 : p + k + 2] == "和" and fits(k + 1) and _SPEECH.match(text, p + k + 2):
            return p + k + 2  # 和 ends the given name when speech follows: 张德和说
        if fits(k + 1) and text.startswith(POST_WORDS, p + k + 1):
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
            if len(tok.word) == k + 1 and fits(k + 2) and self._verb_after(self.tok_of[p] + 2):
                return p + k + 2  # the segmenter split the given name: 张望|秋|撮合
            return tok.end
        return None

    def _verb_after(self, i: int) -> bool:
        """Whether token ``i`` is a verb of two or more characters (or starts with one) right
        after a one-character token (顾言|秋|撮合): that character then ends a name."""
        if not 0 < i < len(self.tokens):
            return False
        last, verb = self.tokens[i - 1], self.tokens[i]
        return (
            len(last.word) == 1
            and last.word not in _HARD_STOPS
            and len(verb.word) >= 2
            and (verb.tag.startswith("v") or self.lex.tag(verb.word[:2]).startswith("v"))
        )

    def name_before(self, p: int) -> int | None:
        """Start offset of a person name ending at ``p`` (before 教授/院士), or None."""
        text = self.text
        role = _role_regex(self.lex)
        for n in (3, 2, 4):
            s = p - n
            if s < 0:
                continue
            k = self.lex.is_surname_start(text[s : s + 2])
            if not k or not _HAN_RUN.fullmatch(text[s:p]):
                continue
            if text[s:p] in NOT_NAMES or any(role.match(text, q) for q in range(s + 2, p)):
                continue  # 张三任|首席科学家: the name ends where 任 begins
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
        rx, post_titles = _title_regex(lex), _post_titles(lex)
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
        for m in re.finditer(r"(?:^|(?<=[，。；：、\n“”\s,;:由]))[" + CJK + r"]", text):
            p = m.start()
            end = self.name_at(p)
            if end is not None and role.match(text, end):
                self.add(p, end, "person", (NodeType.PERSON,), "role", True)
        for m in re.finditer(r"据", text):
            end = self.name_at(m.end())
            if end is not None and text.startswith(("介绍", "透露", "表示"), end):
                self.add(m.end(), end, "person", (NodeType.PERSON,), "speech", True)
        for m in _SPEECH.finditer(text):
            for n in (3, 2, 4):
                s = m.start() - n
                if s < 0:
                    continue
                if s > 0 and text[s - 1] not in "，。、；：“”,;:\n 　的据":
                    continue
                if self.name_at(s) == m.start() and text[s : m.start()] not in NOT_NAMES:
                    self.add(s, m.start(), "person", (NodeType.PERSON,), "speech", True)
                    break
        for m in _WORKS_AT.finditer(text):
            de = text.find("的", m.end(), m.end() + 25)
            if de > 0:
                end = self.name_at(de + 1)
                if end is not None:
                    self.add(de + 1, end, "person", (NodeType.PERSON,), "works-at", True)

    def title_orgs(self) -> None:
        """Organisations named only before a founder's or executive's title."""
        text = self.text
        for _ps, _pe, title, _rel, t_start, where in self.titles:
            if where not in {"after", "shared"} or t_start is None:
                continue
            ptype = self.lex.titles[title][1]
            if ptype not in {NodeType.ENTREPRENEUR, "Executive"}:
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
                and DEPT_END.search(text[c.end : end])
                and _HAN_RUN.fullmatch(text[c.end : end])
                for c in self.cands
            ):
                continue  # 南京银行科技金融部总经理: a department of the bank, not an actor
            idx = self.tok_end[end]
            if self.tokens[idx].word in DEPT_WORDS and idx > 0:
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
                and name not in _KIND_WORDS
                and not re.search(r"(企业|公司|机构|团队|项目|行业|银行|平台)$", name)
                and self.is_specific(name, start, "", loose=True)
            ):
                self.add(start, end, "org", (NodeType.ENTERPRISE,), "title-org", True)
