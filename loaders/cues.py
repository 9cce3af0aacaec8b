"""Relationship cues: from the actors of an article to typed, directed claims.

Each rule reads one family of cue words the reports use and the actor
mentions around them, within one sentence:

========================  ==================================================
relation                  cues
========================  ==================================================
FOUNDED / LEADS /         titles (创始人, 董事长, 行长, 负责人, 教授 …) before or
AFFILIATED_WITH           after the name, shared titles (创始人、董事长X), 创办,
                          于…创立, 是X的创始人, 出任X董事长, 旗下, 就职于,
                          毕业于, 曾在X工作; department posts are affiliation
LENT_TO                   贷款, 授信, 信贷 with a bank (or 该行/银行) and a
                          borrower (or 其/公司), clause by clause (；)
INVESTED_IN               投资, 向/对Y投资, 领投, 跟投 (A、B和C跟投), 由其领投,
                          获X青睐, 入股, 获(得)…投资, 分别投资, 引入…作为战略
                          投资者, 成为…股东
COMMITTED_TO              出资, 认缴, 认缴其中 (the fund just named), 牵头设立,
                          A与B签约共同设立, A、B共同发起设立, 子基金管理人包括…
MANAGES                   管理机构, 基金管理人, 由…管理, 担任(该子基金的)管理人
LOCATED_IN                入驻, 落户, 位于, 坐落于, 迁至, 迁入, 签约入驻“…”,
                          在X落地, 总部设在, 作为X的入驻企业, 搭建 (a zone's park)
ACQUIRED                  并购, 收购, 并入, 对Y的收购, 被X收购
COOPERATES_WITH           合作, 携手, 牵手, 共建, 联合, 会同, 配合, 对接/依托
SERVES                    为…提供服务, 在…的支持/牵线下, 撮合, 培训, 挂牌, 孵化,
                          依托 (park), 发放创新券/补贴
TRANSFERRED_TECH          对接…技术团队, 样品寄送, 成果转化, 技术转让, 向Y转让/
                          许可, 转让给, 作价入股 (学校/该院 as the source)
BRANCH_OF                 …分行/支行 with the parent named, 所辖, 下属, 成立了…公司,
                          成为X的控股子公司, X的全资子公司Y, 设立全资子公司Y
========================  ==================================================

Pronouns (该行, 该机构, 其, 企业, 公司, 学校, 后者, 该子基金, 我们) are resolved to
the most recent fitting actor (该行 to a bank before a government; 该子基金 to the
last fund whose name says 子基金), or, for "我们" in a quote, to the organisation of
the person speaking.

Examples
--------
>>> from ecox.loaders.mentions import find_actors
>>> text = "今年3月,江南星河智能装备有限公司获得宁波银行余杭支行发放的贷款800万元。"
>>> rels = find_relations(find_actors(text), published="2026-02-01")
>>> [(r.source, r.target, r.type, r.amount.value, r.date) for r in rels]
[('宁波银行余杭支行', '江南星河智能装备有限公司', 'LENT_TO', 8000000.0, '2026-03')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ecox.loaders.amounts import Amount, find_amounts, find_dates
from ecox.loaders.mentions import ActorSet, Mention

__all__ = ["Relation", "find_relations"]

_SENT_END = re.compile(r"[。！？!?\n]")
_CLAUSE_END = re.compile(r"[，,；;：:。！？!?\n]")
_PREPS = (
    "与",
    "和",
    "对",
    "从",
    "在",
    "为",
    "向",
    "由",
    "同",
    "跟",
    "给",
    "及",
    "让",
    "把",
    "被",
    "于",
    "至",
    "像",
    "如",
    "经",
    "将",
    "据",
)
_SUBJECT_PRONOUNS = re.compile(r"该行|该机构|该公司|该企业|该院|该基金|我们|我行|公司|企业|其")
_ADVERBS = r"(已经|已|还|又|也|将|正在|正|积极|先后|率先|共同|主动|进一步|再次|曾|均|都)*"
_OBJECT_BEFORE = re.compile(
    r"(?:收购|并购|控股|投资|入股|参股|兼并|对|向|与|和|及|给|为|、)(?:了)?(?:德国|美国|日本|英国|法国|韩国|香港|台湾)?$"
)
_ORG_TYPES = {
    "Enterprise",
    "Investor",
    "Fund",
    "Bank",
    "Park",
    "Institute",
    "Government",
    "Platform",
}
_SERVICE_TYPES = {"Bank", "Platform", "Park", "Government", "Institute", "Investor"}


@dataclass(slots=True)
class Relation:
    """One claim found in the text (entity keys are canonical names)."""

    source: str
    target: str
    type: str
    span_start: int
    span_end: int
    rule: str
    confidence: float
    amount: Amount | None = None
    date: str | None = None


class _Article:
    def __init__(self, actors: ActorSet, published: str | None) -> None:
        self.a = actors
        self.text = actors.text
        self.published = published
        self.ms = actors.mentions
        self.dates = find_dates(self.text, published)
        self.amounts = find_amounts(self.text)
        self.out: list[Relation] = []
        self.sentences = self._spans(_SENT_END)
        self.lines = self._spans(re.compile(r"\n"))
        self.person_org: dict[str, str] = {}
        for link in actors.titles:
            if link.org and link.relation in {"FOUNDED", "LEADS"}:
                self.person_org.setdefault(link.person, link.org)

    def _spans(self, rx: re.Pattern[str]) -> list[tuple[int, int]]:
        out, start = [], 0
        for m in rx.finditer(self.text):
            if m.end() > start:
                out.append((start, m.end()))
            start = m.end()
        if start < len(self.text):
            out.append((start, len(self.text)))
        return out

    # ----------------------------------------------------------------- helpers
    def types(self, key: str) -> set[str]:
        return set(self.a.entities[key].types)

    def is_org(self, key: str) -> bool:
        return self.a.entities[key].kind == "org"

    def within(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.ms if m.start >= start and m.end <= end]

    def paragraph(self, pos: int) -> tuple[int, int]:
        for s, e in self.lines:
            if s <= pos < e:
                return s, e
        return 0, len(self.text)

    def clause(self, pos: int) -> tuple[int, int]:
        s = pos
        while s > 0 and not _CLAUSE_END.match(self.text[s - 1]):
            s -= 1
        m = _CLAUSE_END.search(self.text, pos)
        return s, (m.start() if m else len(self.text))

    def last_before(
        self, pos: int, wanted: set[str] | None, lo: int = 0, exclude: Iterable[str] = ()
    ) -> str | None:
        ex = set(exclude)
        for m in reversed(self.ms):
            if (
                m.end <= pos
                and m.start >= lo
                and m.key not in ex
                and m.kind == "org"
                and (wanted is None or self.types(m.key) & wanted)
            ):
                return m.key
        return None

    def speaker_org(self, pos: int) -> str | None:
        """The organisation of the person quoted around ``pos`` (for 我们)."""
        ps, pe = self.paragraph(pos)
        best, dist = None, 10**9
        for r in self.out:
            if r.type in {"FOUNDED", "LEADS"} and r.source not in self.person_org:
                self.person_org[r.source] = r.target
        for m in self.within(ps, pe):
            if m.kind == "person" and m.key in self.person_org:
                d = abs(m.start - pos)
                if d < dist:
                    best, dist = self.person_org[m.key], d
        return best

    def resolve(self, word: str, pos: int) -> str | None:
        ps, _pe = self.paragraph(pos)
        if word in {"该行", "我行", "本行", "银行"}:
            bank = self.last_before(pos, {"Bank"}, lo=max(0, pos - 600) if word == "银行" else 0)
            if bank is None:  # a central-bank branch (Government) is also 该行
                bank = next(
                    (
                        m.key
                        for m in reversed(self.ms)
                        if m.end <= pos and m.kind == "org" and "银行" in m.key
                    ),
                    None,
                )
            return bank
        if word in {"学校", "该校", "高校", "母校"}:
            return self.last_before(pos, {"Institute"}, lo=max(0, pos - 400))
        if word in {"后者"}:
            return self.last_before(pos, None)
        if word in {"该机构"}:
            return self.last_before(pos, None)
        if word in {"该院"}:
            return self.last_before(pos, {"Institute"})
        if word in {"该基金"}:
            return self.last_before(pos, {"Fund"})
        if word in {"我们"}:
            return self.speaker_org(pos) or self.last_before(pos, {"Enterprise"}, lo=ps)
        if word in {"园区", "该园区", "高新区", "开发区"}:
            # the zone whose 管委会 speaks just before (…管委会副主任表示,园区将…)
            ps, _pe = self.paragraph(pos)
            for m in reversed(self.ms):
                if m.end > pos or m.start < ps or not m.key.endswith(("管委会", "管理委员会")):
                    continue
                zone = re.sub(r"(管委会|管理委员会)$", "", m.key)
                for key, e in self.a.entities.items():
                    if "Park" in e.types and (key == zone or zone in e.aliases):
                        return key
                break
            return self.last_before(pos, {"Park"})
        if word in {"公司", "企业"}:
            # bare 公司: the company the article is about, the one named most so far
            counts: dict[str, int] = {}
            last: dict[str, int] = {}
            for m in self.ms:
                if m.end > pos:
                    break
                if m.kind == "org" and "Enterprise" in self.types(m.key):
                    subj = not _OBJECT_BEFORE.search(self.text[max(0, m.start - 6) : m.start])
                    counts[m.key] = counts.get(m.key, 0) + (2 if subj else 1)
                    last[m.key] = m.start
            near = [k for k in counts if last[k] >= pos - 400]
            if near:
                return max(near, key=lambda k: (counts[k], last[k]))
            return None
        if word in {"该公司", "该企业", "其"}:
            # the company the text is about: skip companies named as an object
            # (收购了X, 与X, 向X) in favour of the last one named as a subject
            for m in reversed(self.ms):
                if m.end > pos or m.kind != "org" or "Enterprise" not in self.types(m.key):
                    continue
                if m.start < pos - 400:
                    break
                if not _OBJECT_BEFORE.search(self.text[max(0, m.start - 6) : m.start]):
                    return m.key
            return self.last_before(pos, {"Enterprise"}, lo=max(0, pos - 400))
        return None

    def fund_ref(self, pos: int, phrase: str) -> str | None:
        """The fund that "该子基金" / "该基金" / "其" before ``pos`` refers to.

        A descriptor (子基金, 母基金, 天使基金) picks the last fund whose name has it;
        a fund that commits money in a parallel clause (A认缴…, B认缴…) is skipped.
        """
        q = re.search(r"([\u4e00-\u9fff]{0,2}基金)", phrase)
        desc = q.group(1).lstrip("该其本此") if q else ""
        cands = [
            x
            for x in reversed(self.ms)
            if x.end <= pos
            and x.start >= max(0, pos - 300)
            and "Fund" in self.types(x.key)
            and not re.match(_ADVERBS + r"(认缴|出资)", self.text[x.end : x.end + 8])
        ]
        if desc and desc != "基金":
            named = [
                x for x in cands if any(desc in f for f in [x.key, *self.a.entities[x.key].aliases])
            ]
            if named:
                return named[0].key
        return cands[0].key if cands else None

    def subject(self, start: int, cue: int, nearest: bool = False) -> tuple[str | None, int]:
        """The first (or ``nearest``) actor or pronoun before ``cue`` not after a preposition."""
        items: list[tuple[int, int, str | None]] = [
            (m.start, m.end, m.key)
            for m in self.ms
            if start <= m.start and m.end <= cue and m.kind == "org"
        ]
        for pm in _SUBJECT_PRONOUNS.finditer(self.text, start, cue):
            if pm.group() in {"公司", "企业"} and re.match(
                r"[\u4e00-\u9fff]", self.text[pm.start() - 1 : pm.start()] or "，"
            ):
                continue
            items.append((pm.start(), pm.end(), self.resolve(pm.group(), pm.start())))
        items.sort(reverse=nearest)
        for s, e, key in items:
            if any(c.start <= s < c.end for c in self.ms if (c.start, c.end) != (s, e)):
                continue
            head = self.text[max(0, s - 4) : s].rstrip('“"「『')
            if head.endswith(_PREPS) or head.endswith(("来自", "依托", "通过", "对接")):
                continue
            if key:
                return key, s
        return None, -1

    def para_subject(self, pos: int) -> str | None:
        ps, _pe = self.paragraph(pos)
        for s, e in self.sentences:
            if s >= ps and e <= pos + 1:
                key, _ = self.subject(s, e)
                if key:
                    return key
        return None

    def date_for(self, cue: int, sent: tuple[int, int]) -> str | None:
        cs, ce = self.clause(cue)
        for d in self.dates:
            if cs <= d.start < ce and self.text[max(0, d.start - 2) : d.start] != "截至":
                return d.value
        # a date that opens the sentence ("2025年11月,陕西坤翔获得…")
        for d in self.dates:
            if sent[0] <= d.start < cue:
                ds, de = self.clause(d.start)
                rest = self.text[ds:de].replace(d.text, "")
                if self.text[max(0, d.start - 2) : d.start] == "截至":
                    continue
                if not self.within(ds, de) and len(rest) <= 8:
                    return d.value
        return None

    def amount_near(self, cue: int, sent: tuple[int, int]) -> Amount | None:
        cands = [a for a in self.amounts if sent[0] <= a.start < sent[1]]
        cands = [
            a
            for a in cands
            if not re.search(
                r"(余额|规模|总额|总计|合计)$", self.text[max(0, a.start - 4) : a.start]
            )
        ]
        if not cands:
            return None
        return min(cands, key=lambda a: abs(a.start - cue))

    def add(
        self,
        source: str | None,
        target: str | None,
        rtype: str,
        start: int,
        end: int,
        rule: str,
        confidence: float = 0.7,
        amount: Amount | None = None,
        date: str | None = None,
    ) -> None:
        if not source or not target or source == target:
            return
        if rtype == "COOPERATES_WITH":
            for r in self.out:
                if r.type == rtype and {r.source, r.target} == {source, target}:
                    return
        for r in self.out:
            if (r.source, r.target, r.type) == (source, target, rtype):
                if r.amount is None and amount is not None:
                    r.amount = amount
                if r.date is None and date is not None:
                    r.date = date
                return
        start, end = max(0, start), min(len(self.text), end)
        self.out.append(Relation(source, target, rtype, start, end, rule, confidence, amount, date))

    def span(self, *points: int) -> tuple[int, int]:
        return min(points), max(points)

    # ----------------------------------------------------------------- rules
    def titles(self) -> None:
        for link in self.a.titles:
            org = link.org
            if (
                link.relation == "FOUNDED"
                and org
                and not self.types(org) & {"Enterprise", "Investor", "Platform", "Fund"}
            ):
                org = None
            if org is None and link.relation == "FOUNDED":
                ps, _pe = self.paragraph(link.start)
                org = self.last_before(link.start, {"Enterprise"}, lo=ps)
            if org is None:
                continue
            rel = link.relation
            if (
                rel == "LEADS"
                and link.dept
                and re.search(r"(部|办|处|室|科|组|中心|办公室|学院|系)$", link.dept)
            ):
                rel = "AFFILIATED_WITH"
            if rel == "AFFILIATED_WITH" and self.a.entities[link.person].kind != "person":
                continue
            om = next((m for m in reversed(self.ms) if m.key == org and m.end <= link.end), None)
            start = om.start if om else link.start
            self.add(link.person, org, rel, start, link.end, "title", 0.9)

    def affiliation(self) -> None:
        for m in re.finditer(r"(就职于|任职于|供职于|毕业于|就读于)", self.text):
            _s, e = self.clause(m.start())
            orgs = [x for x in self.within(m.end(), e) if x.kind == "org"]
            if not orgs or orgs[0].start - m.end() > 2:
                continue
            org = orgs[0]
            after = self.text[org.end : org.end + 12]
            person = None
            if after.startswith("的"):
                nxt = [x for x in self.within(org.end, org.end + 12) if x.kind == "person"]
                if nxt:
                    person = nxt[0]
            if person is None and re.search(
                r"(这位|该|这名)$", self.text[max(0, m.start() - 3) : m.start()]
            ):
                prev = [x for x in self.ms if x.kind == "person" and x.end <= m.start()]
                person = prev[-1] if prev else None
            if person is not None:
                self.add(
                    person.key,
                    org.key,
                    "AFFILIATED_WITH",
                    min(m.start(), person.start),
                    max(org.end, person.end),
                    "affiliation",
                    0.8,
                )

    def alumni(self) -> None:
        """张三(博士)毕业于X / 张三曾就职于X: the person named right before the cue."""
        for m in re.finditer(r"(?:毕业于|就读于|就职于|任职于|供职于|曾任职于)", self.text):
            cs, ce = self.clause(m.start())
            orgs = [x for x in self.within(m.end(), ce) if x.kind == "org"]
            if not orgs or orgs[0].start - m.end() > 2:
                continue
            people = [x for x in self.within(cs, m.start()) if x.kind == "person"]
            if not people:
                continue
            gap = self.text[people[-1].end : m.start()]
            if not re.fullmatch(r"(博士|教授|院士|研究员|先生|女士)?(早年|曾|曾经|此前)?", gap):
                continue
            self.add(
                people[-1].key,
                orgs[0].key,
                "AFFILIATED_WITH",
                people[-1].start,
                orgs[0].end,
                "alumni",
                0.8,
            )

    def roles(self) -> None:
        """张三是X的创始人 / 张三(于2024年)出任X董事长."""
        from ecox.loaders.lexicon import get_lexicon

        lex = get_lexicon()
        rx = _roles_regex()
        for m in rx.finditer(self.text):
            cs, _ce = self.clause(m.start())
            people = [x for x in self.within(cs, m.start()) if x.kind == "person"]
            if not people or not re.fullmatch(
                r"(于[^，。；]{2,12}?)?(已|曾|将|正式)?", self.text[people[-1].end : m.start()]
            ):
                continue
            orgs = [x for x in self.within(m.start(1), m.end(1)) if x.kind == "org"]
            if not orgs or not re.fullmatch(r"的?", self.text[orgs[-1].end : m.end(1)]):
                continue
            rel, _ptype = lex.titles[m.group(2)]
            if rel == "FOUNDED" and not self.types(orgs[-1].key) & {
                "Enterprise",
                "Investor",
                "Platform",
                "Fund",
            }:
                continue
            self.add(
                people[-1].key,
                orgs[-1].key,
                rel,
                people[-1].start,
                m.end(),
                "role",
                0.75,
                date=self.date_for(m.start(), (cs, m.end())),
            )

    def both_sides(self) -> None:
        """…X…,双方已共建/合作…: the two parties named just before."""
        for m in re.finditer(
            r"双方(?:已|将|还|正|共同|已经)*(?:共建|合作|携手|签署|联合|共同)", self.text
        ):
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            orgs = list(
                dict.fromkeys(x.key for x in self.within(sent[0], m.start()) if x.kind == "org")
            )
            a: str | None
            if len(orgs) >= 2:
                a, b = orgs[0], orgs[-1]
            elif len(orgs) == 1:
                pm = re.search(
                    r"(?<![\u4e00-\u9fff])(公司|企业|该公司|该企业|我们)",
                    self.text[sent[0] : m.start()],
                )
                a = self.resolve(pm.group(1), sent[0] + pm.start(1)) if pm else None
                b = orgs[0]
            else:
                continue
            if a and b and a != b:
                self.add(a, b, "COOPERATES_WITH", sent[0], m.end(), "both-sides", 0.55)

    def supporting(self) -> None:
        """园区/X将支持Y(等企业): a park, government or platform serves Y."""
        for m in re.finditer(
            r"(?:继续|大力|全力|重点)?(?:支持|扶持|帮助|助力|服务)(?:了)?", self.text
        ):
            _cs, ce = self.clause(m.start())
            after = [x for x in self.within(m.end(), ce) if "Enterprise" in self.types(x.key)]
            if not after or after[0].start - m.end() > 1:
                continue
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            lo = max(sent[0], m.start() - 30)
            pm = re.search(
                r"(?<![\u4e00-\u9fff])(园区|该园区|高新区|开发区|该平台|该机构)[^。；]{0,28}$",
                self.text[lo : m.start()],
            )
            src = self.resolve(pm.group(1), lo + pm.start(1)) if pm else None
            if src is None:
                src, _ = self.subject(sent[0], m.start())
            if src is None or src == after[0].key:
                continue
            if not self.types(src) & {"Park", "Government", "Platform"}:
                continue
            self.add(src, after[0].key, "SERVES", m.start(), after[0].end, "supports", 0.55)

    def listing_in(self) -> None:
        """X将Y列入/纳入…培育库/名单/计划: a government or park supports Y."""
        for m in re.finditer(
            r"将([^，。；]{2,30}?)(?:列入|纳入|认定为)[^，。；]{0,20}?(?:库|名单|计划|企业|工程)",
            self.text,
        ):
            cs, _ce = self.clause(m.start())
            srcs = [x for x in self.within(cs, m.start()) if x.kind == "org"]
            if not srcs or not re.fullmatch(_ADVERBS, self.text[srcs[-1].end : m.start()]):
                continue
            if not self.types(srcs[-1].key) & {"Government", "Park", "Platform"}:
                continue
            tgts = [
                x for x in self.within(m.start(1), m.end(1)) if "Enterprise" in self.types(x.key)
            ]
            tgt = tgts[0].key if tgts else None
            pron = re.match(r"(该公司|该企业|其|公司|企业)", m.group(1))
            if tgt is None and pron:
                tgt = self.resolve(pron.group(1), m.start())
            if tgt and tgt != srcs[-1].key:
                self.add(srcs[-1].key, tgt, "SERVES", srcs[-1].start, m.end(), "listed-in", 0.55)

    def holding(self) -> None:
        """X持有Y…股权/股份: X invests in Y."""
        for m in re.finditer(
            r"持有([^，。；]{2,30}?)(?:\d+(?:\.\d+)?%的?)?(?:股权|股份)", self.text
        ):
            cs, _ce = self.clause(m.start())
            holders = [x for x in self.within(cs, m.start()) if x.kind == "org"]
            if not holders or not re.fullmatch(_ADVERBS, self.text[holders[-1].end : m.start()]):
                continue
            tgts = [
                x for x in self.within(m.start(1), m.end(1)) if "Enterprise" in self.types(x.key)
            ]
            tgt = tgts[0].key if tgts else None
            if tgt is None and re.match(r"(新公司|该公司|公司|其|该企业)", m.group(1)):
                tgt = self.last_before(
                    m.start(), {"Enterprise"}, lo=max(0, m.start() - 300), exclude=[holders[-1].key]
                )
            if tgt and tgt != holders[-1].key:
                self.add(
                    holders[-1].key, tgt, "INVESTED_IN", holders[-1].start, m.end(), "holds", 0.6
                )

    def workplace(self) -> None:
        """张三(教授)曾在X工作/任职/任教: the person works at X."""
        for m in re.finditer(
            r"(?:曾|曾经|现|长期|先后)?在([^，。；]{2,30}?)(?:工作|任职|任教|从事科研|从事研究|做博士后)",
            self.text,
        ):
            cs, _ce = self.clause(m.start())
            orgs = [x for x in self.within(m.start(1), m.end(1)) if x.kind == "org"]
            if not orgs or orgs[-1].end != m.end(1):
                continue
            people = [x for x in self.within(cs, m.start()) if x.kind == "person"]
            if people:
                gap = self.text[people[-1].end : m.start()]
                if not re.fullmatch(r"(博士|教授|院士|研究员|先生|女士)?(早年|此前|毕业后)?", gap):
                    continue
            elif re.fullmatch(r"(此前|早年|毕业后|还|也|并)?", self.text[cs : m.start()]):
                # 张三毕业于X,曾在Y工作: the person of the sentence's first clause
                sent = next(
                    (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
                )
                people = [x for x in self.within(sent[0], cs) if x.kind == "person"]
                if len(people) != 1:
                    continue
            else:
                continue
            self.add(
                people[-1].key,
                orgs[-1].key,
                "AFFILIATED_WITH",
                people[-1].start,
                m.end(),
                "works-at",
                0.7,
            )

    def incubating(self) -> None:
        """X孵化(了)Y / Y由X孵化 / Y是X孵化的企业: X serves Y."""
        for m in re.finditer(r"孵化(?:了|出)?", self.text):
            cs, ce = self.clause(m.start())
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            orgs = [x for x in self.within(cs, m.start()) if x.kind == "org"]
            if not orgs or not re.fullmatch(
                r"(所|成功|累计|共)?|[\u4e00-\u9fff]{1,8}(学院|系|团队|实验室)",
                self.text[orgs[-1].end : m.start()],
            ):
                continue  # 天津大学化工学院孵化: the university is the actor
            inc = orgs[-1]
            if not self.types(inc.key) & {
                "Park",
                "Institute",
                "Platform",
                "Investor",
                "Government",
            }:
                continue
            after = [x for x in self.within(m.end(), ce) if "Enterprise" in self.types(x.key)]
            tgt = None
            if after and after[0].start - m.end() <= 1:
                tgt = after[0].key
            elif re.search(r"(由|经|是|为|系)$", self.text[cs : inc.start]):
                ents = [
                    x for x in self.within(sent[0], inc.start) if "Enterprise" in self.types(x.key)
                ]
                if ents:
                    tgt = ents[-1].key
                else:
                    pm = re.search(
                        r"(该公司|该企业|(?<![\u4e00-\u9fff])公司|(?<![\u4e00-\u9fff])企业)",
                        self.text[sent[0] : inc.start],
                    )
                    tgt = self.resolve(pm.group(1), sent[0] + pm.start(1)) if pm else None
                    if tgt is None:
                        tgt = self.subject(sent[0], inc.start)[0]
            if tgt and tgt != inc.key and "Enterprise" in self.types(tgt):
                self.add(inc.key, tgt, "SERVES", inc.start, m.end(), "incubated", 0.6)

    def founded(self) -> None:
        for m in re.finditer(
            r"团队旗下(?:的)?|旗下(?:的)?|创办(?:了)?|创立(?:了)?|创建(?:了)?", self.text
        ):
            s, e = self.clause(m.start())
            before = [x for x in self.within(s, m.start()) if x.kind == "person"]
            after = [x for x in self.within(m.end(), e) if x.kind == "org"]
            if (
                before
                and after
                and after[0].start - m.end() <= 2
                and (
                    m.start() - before[-1].end <= 6
                    or re.fullmatch(
                        r"(于|在)[^，。；]{1,12}?(联合|共同|一手)?",
                        self.text[before[-1].end : m.start()],
                    )
                )
            ):
                self.add(
                    before[-1].key,
                    after[0].key,
                    "FOUNDED",
                    before[-1].start,
                    after[0].end,
                    "founded",
                    0.8,
                )
            elif "旗下" in m.group() and after and after[0].start - m.end() <= 2:
                orgs = [x for x in self.within(s, m.start()) if x.kind == "org"]
                gap = self.text[orgs[-1].end : m.start()] if orgs else "?"
                if (
                    orgs
                    and "Fund" in self.types(after[0].key)
                    and "Investor" in self.types(orgs[-1].key)
                    and re.fullmatch(_ADVERBS + r"(通过|借助|依托)?", gap)
                ):
                    self.add(
                        orgs[-1].key,
                        after[0].key,
                        "MANAGES",
                        orgs[-1].start,
                        after[0].end,
                        "under-fund",
                        0.6,
                    )
                elif (
                    orgs
                    and m.start() - orgs[-1].end <= 1
                    and "Fund" in self.types(orgs[-1].key)
                    and "Fund" in self.types(after[0].key)
                ):
                    # 母基金旗下的子基金: the parent fund commits to the sub-fund
                    self.add(
                        orgs[-1].key,
                        after[0].key,
                        "COMMITTED_TO",
                        orgs[-1].start,
                        after[0].end,
                        "under-fund",
                        0.6,
                    )
                elif orgs and m.start() - orgs[-1].end <= 1:
                    self.add(
                        after[0].key,
                        orgs[-1].key,
                        "BRANCH_OF",
                        orgs[-1].start,
                        after[0].end,
                        "under",
                        0.7,
                    )

    def founded_by(self) -> None:
        for m in re.finditer(
            r"由([^，。]{2,50}?)(?:于[^，。]{2,12})?(?:创办|创立|创建|创设)", self.text
        ):
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            people = [x for x in self.within(m.start(1), m.end(1)) if x.kind == "person"]
            subj, spos = self.subject(sent[0], m.start())
            if subj is None or not people:
                continue
            for p in people:
                self.add(
                    p.key,
                    subj,
                    "FOUNDED",
                    spos,
                    m.end(),
                    "founded-by",
                    0.8,
                    date=self.date_for(m.start(), sent),
                )
        for m in re.finditer(
            r"是([^，。]{2,30}?)的(?:首批|首家|重点|长期|忠实)?(?:客户|服务对象)", self.text
        ):
            provs = [x for x in self.within(m.start(1), m.end(1)) if x.kind == "org"]
            cs, _ce = self.clause(m.start())
            clients = [x for x in self.within(cs, m.start()) if x.kind == "org"]
            if provs and clients:
                self.add(
                    provs[-1].key,
                    clients[-1].key,
                    "SERVES",
                    clients[-1].start,
                    m.end(),
                    "client",
                    0.6,
                )

    def lending(self) -> None:
        for sent in self._subsentences():
            s, e = sent
            seg = self.text[s:e]
            cue = re.search(r"贷款|授信|信贷|放贷|“[^”]{1,8}贷”", seg)
            if not cue:
                continue
            cpos = s + cue.start()
            banks = [m for m in self.within(s, e) if "Bank" in self.types(m.key)]
            if not banks:
                # 该行向…发放贷款 / 银行则为其提供授信: the lender is a bank named before
                pm = re.search(r"该行|我行|本行|(?<![\u4e00-\u9fff])银行", self.text[s:cpos])
                key = self.resolve("该行", s + pm.start()) if pm else None
                if pm is None or key is None or "Bank" not in self.types(key):
                    continue
                banks = [
                    Mention(s + pm.start(), s + pm.end(), key, "org", (), "pronoun", True, key)
                ]
            for i in range(len(banks) - 1):
                if self.text[banks[i].end : banks[i + 1].start] in {"所辖", "下属", "旗下"}:
                    banks[i] = banks[i + 1]
            before_cue = [b for b in banks if b.end <= cpos] or banks
            anchor = banks.index(before_cue[-1])
            lo = hi = anchor
            while lo > 0 and re.fullmatch(
                r"、|和|及|与|以及", self.text[banks[lo - 1].end : banks[lo].start]
            ):
                lo -= 1
            while hi < len(banks) - 1 and re.fullmatch(
                r"、|和|及|与|以及", self.text[banks[hi].end : banks[hi + 1].start]
            ):
                hi += 1
            banks = banks[lo : hi + 1]
            lenders = list(dict.fromkeys(b.key for b in banks))
            borrowers: list[tuple[str, int, int]] = [
                (m.key, m.start, m.end)
                for m in self.within(s, e)
                if self.types(m.key) & {"Enterprise"} and m.key not in lenders
            ]
            if not borrowers:
                pm = re.search(
                    r"该公司|该企业|为其|向其|为企业|为公司|向企业|与公司|与企业|我们|其"
                    r"|(?<![\u4e00-\u9fff])(?:公司|企业)(?!的)",
                    self.text[s:e],
                )
                if pm is None and s > 0:
                    # the borrower is the subject of the sentence this clause continues
                    sent_s = next((x[0] for x in self.sentences if x[0] <= s < x[1]), s)
                    pm = re.search(
                        r"该公司|该企业|(?<![\u4e00-\u9fff])(?:公司|企业)(?!的)",
                        self.text[sent_s:s],
                    )
                    s_off = sent_s
                else:
                    s_off = s
                if pm:
                    word = pm.group()
                    word = {
                        "为其": "其",
                        "向其": "其",
                        "为企业": "企业",
                        "向企业": "企业",
                        "与企业": "企业",
                        "为公司": "公司",
                        "与公司": "公司",
                    }.get(word, word)
                    key = self.resolve(word, s_off + pm.start())
                    if key and key not in lenders:
                        borrowers = [(key, s_off + pm.start(), s_off + pm.end())]
            if not borrowers:
                continue
            amount = self.amount_near(cpos, sent)
            date = self.date_for(cpos, sent)
            multi = len(lenders) > 1
            for b_key, b_s, b_e in borrowers[:2]:
                bs, be = self.clause(b_s)
                own = [a for a in self.amounts if bs <= a.start < be]
                if own and amount is not None and not bs <= amount.start < be:
                    # …贷款超过50亿元,其中向A发放3000万元: the amount of A's clause
                    amount = own[0]
                for lk in lenders:
                    lm = next(x for x in banks if x.key == lk)
                    amt = amount if (amount and (amount.each or not multi)) else None
                    st, en = self.span(
                        lm.start, lm.end, b_s, b_e, cpos, cpos + 2, *([amt.end] if amt else [])
                    )
                    self.add(lk, b_key, "LENT_TO", st, en, "lending", 0.75, amt, date)

    def _listed_before(self, lo: int, pos: int) -> list[Mention]:
        """The actors listed right before ``pos`` (A、B和C领投), last one within a character."""
        orgs = [m for m in self.within(lo, pos) if m.kind == "org"]
        if not orgs or not re.fullmatch(r"(共同|联合|独家)?", self.text[orgs[-1].end : pos]):
            return []
        out = [orgs[-1]]
        for m in reversed(orgs[:-1]):
            if not re.fullmatch(r"、|和|及|与|以及|，", self.text[m.end : out[0].start]):
                break
            if self.text[m.end : out[0].start] == "，":
                break
            out.insert(0, m)
        return out

    def _subsentences(self) -> list[tuple[int, int]]:
        """Sentences cut also at semicolons: 甲行向A发放贷款;乙行则为其提供授信."""
        out = []
        for s, e in self.sentences:
            start = s
            for m in re.finditer(r"[；;]", self.text[s:e]):
                out.append((start, s + m.end()))
                start = s + m.end()
            if start < e:
                out.append((start, e))
        return out

    def investing(self) -> None:
        inv_types = {"Investor", "Fund"}
        for sent in self.sentences:
            s, e = sent
            seg = self.text[s:e]
            for cue in re.finditer(r"领投|跟投|参投|联合投资|独家投资", seg):
                cpos = s + cue.start()
                cs, ce = self.clause(cpos)
                invs = self._listed_before(cs, cpos)
                if not invs:
                    pm = re.search(
                        r"(?:由|获)?(其|该机构|该基金)(?:共同|联合)?$", self.text[cs:cpos]
                    )
                    key = None
                    if pm and pm.group(1) == "其":
                        key = self.last_before(cs + pm.start(1), inv_types, lo=s)
                    elif pm:
                        key = self.resolve(pm.group(1), cs + pm.start(1))
                    if pm is None or key is None or not self.types(key) & inv_types:
                        continue
                    at = cs + pm.start(1)
                    invs = [
                        Mention(at, at + len(pm.group(1)), key, "org", (), "pronoun", True, key)
                    ]
                tgts = [m for m in self.within(cpos, ce) if "Enterprise" in self.types(m.key)]
                tgt = tgts[0].key if tgts else None
                if tgt is None:
                    ents = [m for m in self.within(s, cpos) if "Enterprise" in self.types(m.key)]
                    tgt = ents[0].key if ents else self.subject(s, cpos)[0]
                if (tgt is None or "Enterprise" not in self.types(tgt)) and re.search(
                    r"本轮|此轮|该轮|本次|此次|融资", self.text[s:cpos]
                ):
                    tgt = self.resolve("公司", s)  # 本轮融资由X领投: the company of the round
                if tgt is None or "Enterprise" not in self.types(tgt):
                    continue
                amt = next(
                    (a for a in self.amounts if cpos + 2 <= a.start <= cpos + 3 and a.end <= ce),
                    None,
                )
                for inv_l in invs:
                    self.add(
                        inv_l.key,
                        tgt,
                        "INVESTED_IN",
                        inv_l.start,
                        amt.end if amt and len(invs) == 1 else cpos + 2,
                        "lead-follow",
                        0.7,
                        amt if len(invs) == 1 else None,
                        self.date_for(cpos, sent),
                    )
            for cue in re.finditer(r"获(?:得)?(?:了)?([^，。；]{2,40}?)(?:的)?青睐", seg):
                cpos = s + cue.start()
                cs, ce = self.clause(cpos)
                invs = [
                    m
                    for m in self.within(s + cue.start(1), s + cue.end(1))
                    if self.types(m.key) & inv_types
                ]
                ents = [m for m in self.within(cs, cpos) if "Enterprise" in self.types(m.key)]
                tgt = ents[-1].key if ents else self.subject(s, cpos)[0]
                if not invs or tgt is None or "Enterprise" not in self.types(tgt):
                    continue
                for inv_l in invs:
                    self.add(
                        inv_l.key,
                        tgt,
                        "INVESTED_IN",
                        cpos,
                        s + cue.end(),
                        "favoured-by",
                        0.6,
                        None,
                        self.date_for(cpos, sent),
                    )
            for cue in re.finditer(r"入股|注资|股权投资|投资", seg):
                cpos = s + cue.start()
                cs, ce = self.clause(cpos)
                if self.text[max(0, cpos - 1) : cpos] in {"领", "跟", "参"}:
                    continue
                before = [m for m in self.within(cs, cpos) if m.kind == "org"]
                after = [m for m in self.within(cpos, ce) if m.kind == "org"]
                got = re.search(r"获(?:得)?[^，。]{0,20}$", self.text[cs:cpos])
                if got:
                    ents = [m for m in before if self.types(m.key) & {"Enterprise"}]
                    if not ents:
                        subj, spos = self.subject(s, cpos)
                        if subj and "Enterprise" in self.types(subj):
                            ents = [Mention(spos, spos, subj, "org", (), "subject", True, subj)]
                    if not ents:
                        continue
                    got_at = cs + got.start()
                    invs = [m for m in before if self.types(m.key) & inv_types]
                    named = [m for m in invs if m.start >= got_at]
                    if len(named) > 1:
                        for inv_m in named:
                            self.add(
                                inv_m.key,
                                ents[-1].key,
                                "INVESTED_IN",
                                ents[-1].start,
                                cpos + len(cue.group()),
                                "invest-got",
                                0.6,
                                None,
                                self.date_for(cpos, sent),
                            )
                        continue
                    inv = invs[-1].key if invs else None
                    if inv is None:
                        ps, _pe = self.paragraph(cpos)
                        wanted = {"Fund"} if "基金" in self.text[cs:cpos] else inv_types
                        inv = self.last_before(cs, wanted, lo=ps)
                    amount = self.amount_near(cpos, (cs, ce))
                    self.add(
                        inv,
                        ents[-1].key,
                        "INVESTED_IN",
                        ents[-1].start,
                        cpos + len(cue.group()),
                        "invest-got",
                        0.6,
                        amount,
                        self.date_for(cpos, sent),
                    )
                    continue
                if before and not after:
                    pron = re.match(r"(该公司|该企业|其)", self.text[cpos + len(cue.group()) : ce])
                    key = self.resolve(pron.group(1), cpos) if pron else None
                    if key and pron:
                        at = cpos + len(cue.group())
                        after = [
                            Mention(
                                at,
                                at + len(pron.group(1)),
                                pron.group(1),
                                "org",
                                (),
                                "pronoun",
                                True,
                                key,
                            )
                        ]
                via_to = False
                if not after and before:
                    # 向Y投资 / 对Y进行股权投资: the target sits between the source and the cue
                    vm = re.search(
                        r"(向|对)([^，。；]{2,30}?)(进行|开展|实施)?(了)?(股权|[^，。；]{0,6}轮)?$",
                        self.text[cs:cpos],
                    )
                    if vm:
                        tg = [
                            x
                            for x in self.within(cs + vm.start(2), cs + vm.end(2))
                            if "Enterprise" in self.types(x.key)
                        ]
                        pron = re.match(r"(该公司|该企业|公司|企业|其|新公司)", vm.group(2))
                        if not tg and pron:
                            key = self.resolve(
                                "公司" if pron.group(1) == "新公司" else pron.group(1),
                                cs + vm.start(2),
                            )
                            if key:
                                at = cs + vm.start(2)
                                tg = [
                                    Mention(
                                        at,
                                        at + len(pron.group(1)),
                                        key,
                                        "org",
                                        (),
                                        "pronoun",
                                        True,
                                        key,
                                    )
                                ]
                        sr = [x for x in self.within(cs, cs + vm.start()) if x.kind == "org"]
                        if (
                            tg
                            and sr
                            and re.fullmatch(
                                r"(已|还|又|也|先后|累计|共|曾|已经|再次|分别|均|拟|将)*",
                                self.text[sr[-1].end : cs + vm.start()],
                            )
                        ):
                            before, after, via_to = sr, tg[:1], True
                if (
                    before
                    and not after
                    and re.search(r"(追加|跟进|继续|再次|持续)$", self.text[cs:cpos])
                ):
                    # 老股东X继续追加投资: the company of the article
                    key = self.resolve("公司", cs)
                    if key and key != before[-1].key:
                        after = [Mention(cpos, cpos + 2, key, "org", (), "pronoun", True, key)]
                        via_to = True
                if not before or not after:
                    continue
                src_m = before[-1]
                if not self.types(src_m.key) & (inv_types | {"Enterprise", "Government"}):
                    continue
                if not via_to and not re.fullmatch(
                    r"(已|还|又|先后|累计|共|曾|已经|再次|分别|共同|联合|均|也|拟|将|继续|追加)*(参与)?(对其)?(进行)?",
                    self.text[src_m.end : cpos],
                ):
                    continue
                investors = [src_m]
                listed = self._listed_before(cs, src_m.end)
                if len(listed) > 1 and listed[-1].key == src_m.key:
                    investors = listed  # A和B分别投资了Y
                amounts = [a for a in self.amounts if cpos <= a.start < ce]
                respective = "分别" in self.text[cs:ce] and len(amounts) == len(investors) > 1
                for tgt_m in after:
                    if not via_to and tgt_m.start - (cpos + len(cue.group())) > 6:
                        break
                    if self.types(tgt_m.key) & {"Enterprise", "Fund"}:
                        for i, inv_m in enumerate(investors):
                            fund_to_fund = "Fund" in self.types(tgt_m.key) and bool(
                                self.types(inv_m.key) & (inv_types | {"Government"})
                            )
                            rtype = "COMMITTED_TO" if fund_to_fund else "INVESTED_IN"
                            if respective:
                                amt = amounts[i]
                            elif len(investors) == 1:
                                amt = self.amount_near(cpos, (cs, ce))
                            else:
                                amt = None
                            self.add(
                                inv_m.key,
                                tgt_m.key,
                                rtype,
                                inv_m.start,
                                max(tgt_m.end, amt.end if amt else 0),
                                "invest",
                                0.7,
                                amt,
                                self.date_for(cpos, sent),
                            )

    def shareholders(self) -> None:
        """X引入Y作为战略投资者 / Y成为X的股东: Y invests in X."""
        for m in re.finditer(
            r"(?:引入|引进)(?:了)?([^，。；]{2,40}?)(?:作为|为|成为)(?:公司的?)?(?:战略|财务|重要)?"
            r"(?:投资者|投资方|投资人|股东)",
            self.text,
        ):
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            cs, _ce = self.clause(m.start())
            invs = [
                x
                for x in self.within(m.start(1), m.end(1))
                if self.types(x.key) & {"Investor", "Fund", "Enterprise", "Government"}
            ]
            ents = [x for x in self.within(cs, m.start()) if "Enterprise" in self.types(x.key)]
            tgt = ents[-1].key if ents else self.subject(sent[0], m.start())[0]
            if tgt is None or "Enterprise" not in self.types(tgt):
                continue
            for inv in invs:
                if inv.key != tgt:
                    self.add(
                        inv.key,
                        tgt,
                        "INVESTED_IN",
                        m.start(),
                        m.end(),
                        "brought-in-investor",
                        0.65,
                        date=self.date_for(m.start(), sent),
                    )
        for m in re.finditer(
            r"(?:成为|是|系)([^，。；]{2,30}?)的?(?:第[一二三四五六七八九十\d]+大|重要|主要|控股|战略)?股东",
            self.text,
        ):
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            cs, _ce = self.clause(m.start())
            tgts = [
                x for x in self.within(m.start(1), m.end(1)) if "Enterprise" in self.types(x.key)
            ]
            invs = [x for x in self.within(cs, m.start()) if x.kind == "org"]
            if (
                not tgts
                or not invs
                or not re.fullmatch(_ADVERBS, self.text[invs[-1].end : m.start()])
            ):
                continue
            if invs[-1].key != tgts[-1].key:
                self.add(
                    invs[-1].key,
                    tgts[-1].key,
                    "INVESTED_IN",
                    invs[-1].start,
                    m.end(),
                    "shareholder",
                    0.65,
                    date=self.date_for(m.start(), sent),
                )

    def committing(self) -> None:
        committer_types = {"Bank", "Investor", "Fund", "Government", "Enterprise", "Park"}
        for m in re.finditer(
            r"(?:共同|牵头|发起|参与|联合)?(?:出资设立|出资|认缴|设立)(?:了)?", self.text
        ):
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            cs, ce = self.clause(m.start())
            funds = [x for x in self.within(m.end(), ce) if "Fund" in self.types(x.key)]
            implicit = False
            if not funds or funds[0].start - m.end() > 16:
                # 认缴其中2000万元 / 认缴出资1.5亿元: the fund is the one just named
                if "设立" in m.group() or not re.match(
                    r"(出资)?(其中)?[约近超逾]?[\d一二两三四五六七八九十百千]",
                    self.text[m.end() : ce],
                ):
                    continue
                fund = next(
                    (
                        x.key
                        for x in reversed(self.ms)
                        if x.end <= cs
                        and x.start >= max(0, cs - 300)
                        and "Fund" in self.types(x.key)
                        # a fund that itself commits in a parallel clause is not the target
                        and not re.match(_ADVERBS + r"(认缴|出资)", self.text[x.end : x.end + 8])
                    ),
                    None,
                )
                if fund is None:
                    continue
                funds = [Mention(m.start(), m.end(), fund, "org", (), "implicit", True, fund)]
                implicit = True
            src, _pos = self.subject(cs, m.start())
            partners: list[str] = []
            listed = self._listed_before(cs, m.start())
            if len(listed) > 1:  # A、B和C共同发起设立F
                src = listed[0].key
                partners = [x.key for x in listed[1:]]
            if src is None:
                pm = re.search(r"(?<![\u4e00-\u9fff])银行", self.text[cs : m.start()])
                src = self.resolve("银行", cs + pm.start()) if pm else None
            if src is None and re.fullmatch(
                _ADVERBS + r"(共同|联合)?", self.text[cs : m.start()].strip()
            ):
                # A与B签约,共同设立F: both A and B commit
                src, _pos = self.subject(sent[0], m.start())
                for pm in re.finditer(r"与|和|同|联合|携手|会同", self.text[sent[0] : cs]):
                    at = sent[0] + pm.end()
                    partners += [x.key for x in self._partners_after(at, cs) if x.kind == "org"]
            lead = re.match(r"(与|和|同|携手|联合|会同)", self.text[cs : m.start()])
            if src is None and lead:
                # …出资2亿元,与B共同发起设立F: the sentence's subject and B commit
                src, _pos = self.subject(sent[0], cs)
                partners += [
                    x.key
                    for x in self._partners_after(cs + lead.end(), m.start())
                    if x.kind == "org"
                ]
            if src is None or ("Fund" in self.types(src) and src == funds[0].key):
                continue
            if not self.types(src) & committer_types:
                continue
            if implicit:
                amount = next(
                    (a for a in self.amounts if m.end() <= a.start <= m.end() + 4 and a.end <= ce),
                    None,
                )
            else:
                amount = self.amount_near(m.start(), (m.end(), funds[0].start))
            for key in [src, *partners]:
                if key == funds[0].key or not self.types(key) & committer_types:
                    continue
                self.add(
                    key,
                    funds[0].key,
                    "COMMITTED_TO",
                    m.start(),
                    amount.end if implicit and amount else funds[0].end,
                    "commit-implicit" if implicit else "commit",
                    0.6 if implicit else 0.7,
                    amount if key == src else None,
                    self.date_for(m.start(), sent),
                )
        for m in re.finditer(r"子基金管理人", self.text):
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            inc = re.search(r"包括|为|有|是|如", self.text[m.end() : sent[1]])
            if not inc:
                continue
            start = m.end() + inc.end()
            cs, ce = self.clause(start)
            fund = self.last_before(m.start(), {"Fund"}, lo=max(0, m.start() - 300))
            for x in self.within(start, ce):
                if x.kind == "org" and self.types(x.key) & {"Investor", "Enterprise"}:
                    self.add(fund, x.key, "COMMITTED_TO", m.start(), x.end, "sub-fund", 0.6)

    def managing(self) -> None:
        for m in re.finditer(r"管理机构|基金管理人|管理人(?:为|是)", self.text):
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            if self.text[max(0, m.start() - 3) : m.start()].endswith(("子基金", "子")):
                continue
            after = [x for x in self.within(m.end(), sent[1]) if x.kind == "org"]
            if not after or after[0].start - m.end() > 3:
                continue
            fund = self.last_before(m.start(), {"Fund"}, lo=sent[0])
            if fund is None and re.search(
                r"(该|其|本)(母)?基金[^，。]{0,4}$|其$", self.text[sent[0] : m.start()]
            ):
                fund = self.last_before(m.start(), {"Fund"}, lo=self.paragraph(m.start())[0])
            if fund and "Investor" in self.types(after[0].key) | {"Investor"}:
                fs = self.text.rfind(fund, sent[0], m.start())
                self.add(
                    after[0].key,
                    fund,
                    "MANAGES",
                    fs if fs >= 0 else sent[0],
                    after[0].end,
                    "manager",
                    0.8,
                )
        for m in re.finditer(r"(?:受托|负责)?管理(?:的|着)?", self.text):
            cs, ce = self.clause(m.start())
            before = [x for x in self.within(cs, m.start()) if x.kind == "org"]
            after = [x for x in self.within(m.end(), ce) if "Fund" in self.types(x.key)]
            if (
                before
                and after
                and "Investor" in self.types(before[-1].key)
                and m.start() - before[-1].end <= 2
                and after[0].start - m.end() <= 2
            ):
                self.add(
                    before[-1].key,
                    after[0].key,
                    "MANAGES",
                    before[-1].start,
                    after[0].end,
                    "manages",
                    0.8,
                )

    def managing_more(self) -> None:
        """X担任(该基金的)管理人 / F由X(受托)管理."""
        for m in re.finditer(
            r"担任([^，。；]{0,12}?)(?:的)?(?:基金)?(?:管理人|管理机构|执行事务合伙人)", self.text
        ):
            cs, _ce = self.clause(m.start())
            before = [x for x in self.within(cs, m.start()) if x.kind == "org"]
            if not before or not re.fullmatch(_ADVERBS, self.text[before[-1].end : m.start()]):
                continue
            mgr = before[-1]
            funds = [x for x in self.within(m.start(1), m.end(1)) if "Fund" in self.types(x.key)]
            fund = funds[0].key if funds else None
            if fund is None and re.search(r"该|其|本|此", m.group(1)):
                fund = self.fund_ref(mgr.start, m.group(1))
            if fund and self.types(mgr.key) & {"Investor", "Enterprise"}:
                self.add(mgr.key, fund, "MANAGES", mgr.start, m.end(), "manager-role", 0.75)
        for m in re.finditer(
            r"由([^，。；]{2,40}?)(?:担任|作为)(?:其|该基金的?)?(?:基金)?(?:管理人|管理机构)",
            self.text,
        ):
            cs, _ce = self.clause(m.start())
            mgrs = [
                x
                for x in self.within(m.start(1), m.end(1))
                if self.types(x.key) & {"Investor", "Enterprise"}
            ]
            if not mgrs or mgrs[-1].end != m.end(1):
                continue
            head = self.text[cs : m.start()]
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            funds = [x for x in self.within(sent[0], m.start()) if "Fund" in self.types(x.key)]
            fund = funds[-1].key if funds else None
            if fund is None and re.search(r"(该|其|本|此)?[\u4e00-\u9fff]{0,2}基金$", head):
                fund = self.fund_ref(m.start(), head[-5:])
            if fund:
                self.add(mgrs[-1].key, fund, "MANAGES", cs, m.end(), "manager-role", 0.75)
        for m in re.finditer(
            r"由([^，。；]{2,40}?)(?:受托|负责|统一)?管理(?!人|机构|部|办法)", self.text
        ):
            cs, _ce = self.clause(m.start())
            mgrs = [
                x
                for x in self.within(m.start(1), m.end(1))
                if self.types(x.key) & {"Investor", "Enterprise"}
            ]
            funds = [x for x in self.within(cs, m.start()) if "Fund" in self.types(x.key)]
            if not mgrs or not funds:
                continue
            if mgrs[-1].end != m.end(1):
                continue
            self.add(
                mgrs[-1].key, funds[-1].key, "MANAGES", funds[-1].start, m.end(), "managed-by", 0.75
            )

    def subsidiaries(self) -> None:
        """后者成为X的控股子公司 / X的全资子公司Y / 设立全资子公司Y."""
        for m in re.finditer(
            r"(?:成为|是|系|为)([^，。；]{2,30}?)的?(?:全资|控股|参股)?(?:子公司|孙公司)", self.text
        ):
            cs, _ce = self.clause(m.start())
            parents = [x for x in self.within(m.start(1), m.end(1)) if x.kind == "org"]
            if not parents:
                continue
            kids = [x for x in self.within(cs, m.start()) if x.kind == "org"]
            child = kids[-1].key if kids else None
            if child is None:
                pm = re.search(
                    r"(后者|该公司|该企业|其|公司)[^，。]{0,4}$", self.text[cs : m.start()]
                )
                if pm and pm.group(1) == "后者":
                    child = self.last_before(cs + pm.start(1), {"Enterprise", "Investor"})
                elif pm:
                    child = self.resolve(pm.group(1), cs + pm.start(1))
            if child:
                self.add(child, parents[-1].key, "BRANCH_OF", cs, m.end(), "subsidiary-of", 0.7)
        for m in re.finditer(r"其?(?:母公司|控股股东|控股方)(?:为|是|系)", self.text):
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            _cs, ce = self.clause(m.start())
            after = [x for x in self.within(m.end(), ce) if x.kind == "org"]
            if not after or after[0].start - m.end() > 1:
                continue
            kids = [
                x
                for x in self.within(sent[0], m.start())
                if "Enterprise" in self.types(x.key) and x.key != after[0].key
            ]
            if kids:
                rtype = "BRANCH_OF" if "母公司" in m.group() else "INVESTED_IN"
                kid, par = kids[0].key, after[0].key
                if rtype == "INVESTED_IN":
                    kid, par = par, kid  # the controlling shareholder invests in the company
                self.add(kid, par, rtype, kids[0].start, after[0].end, "parent", 0.65)
        for m in re.finditer(r"(?:全资|控股)子公司", self.text):
            cs, ce = self.clause(m.start())
            after = [x for x in self.within(m.end(), ce) if x.kind == "org"]
            if not after or after[0].start - m.end() > 1:
                continue
            head = self.text[cs : m.start()]
            parents = [x for x in self.within(cs, m.start()) if x.kind == "org"]
            parent = None
            if parents and re.fullmatch(
                r"(通过|依托|借助|以)?其?(的|旗下(的)?)?", self.text[parents[-1].end : m.start()]
            ):
                parent = parents[-1].key
            elif re.search(r"(设立|成立|组建|注册|拥有)(了)?$", head):
                src, _ = self.subject(cs, m.start())
                if src is None:
                    sent = next((x for x in self.sentences if x[0] <= cs < x[1]), (0, cs))
                    src, _ = self.subject(sent[0], m.start())
                parent = src
            if parent and parent != after[0].key:
                self.add(
                    after[0].key, parent, "BRANCH_OF", m.start(), after[0].end, "subsidiary", 0.7
                )

    def locating(self) -> None:
        place_types = {"Park", "Institute", "Platform"}
        for m in re.finditer(r"入驻|落户|坐落于|位于|落地|迁至|迁入|搬迁至|搬到|扎根", self.text):
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            cs, ce = self.clause(m.start())
            after = [x for x in self.within(m.end(), ce) if x.kind == "org"]
            if not after or after[0].start - m.end() > 12:
                continue
            tgt = after[0]
            if not self.types(tgt.key) & place_types:
                continue
            # 位于P的X: X sits in P; 公司入驻/位于P的X: the company sits in X, X in P
            tail = self.text[tgt.end : tgt.end + 1]
            if tail == "的":
                nxt = [x for x in self.within(tgt.end, ce) if x.kind == "org"]
                if nxt and nxt[0].start - tgt.end <= 2 and self.types(nxt[0].key) & place_types:
                    self.add(
                        nxt[0].key, tgt.key, "LOCATED_IN", tgt.start, nxt[0].end, "located", 0.8
                    )
                    inner = nxt[0]
                    if m.group() == "位于" and not self.types(inner.key) & {"Park"}:
                        continue
                    src, _ = self.subject(sent[0], m.start())
                    if src and src not in {inner.key, tgt.key}:
                        self.add(
                            src,
                            inner.key,
                            "LOCATED_IN",
                            cs,
                            inner.end,
                            "located",
                            0.7,
                            date=self.date_for(m.start(), sent),
                        )
                    continue
                if m.group() == "位于":
                    continue
            src, _ = self.subject(sent[0], m.start())
            if src is None or src == tgt.key:
                continue
            if self.text[m.start() - 2 : m.start()] in {"项目", "企业"}:
                continue
            date = self.date_for(m.start(), sent)
            self.add(src, tgt.key, "LOCATED_IN", cs, tgt.end, "located", 0.7, date=date)
            frm = re.search(r"从([^，。]{2,20})$", self.text[cs : m.start()])
            if frm:
                olds = [x for x in self.within(cs + frm.start(1), m.start()) if x.kind == "org"]
                for old in olds[:1]:
                    self.add(src, old.key, "LOCATED_IN", old.start - 1, tgt.end, "moved-from", 0.5)
        for m in re.finditer(
            r"(?:(?<!设)在([^，。；]{2,30}?)(?:正式|成功)?(?:落地|落户|安家|扎根|注册成立|设立总部|办公)"
            r"|(?:设在|设于)([^，。；]{2,30}?)(?=[，。；]|$))",
            self.text,
        ):
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            cs, _ce = self.clause(m.start())
            g = 1 if m.group(1) is not None else 2
            parks = [x for x in self.within(m.start(g), m.end(g)) if x.kind == "org"]
            if not parks or parks[-1].end != m.end(g):
                continue
            if not self.types(parks[-1].key) & place_types:
                continue
            src, _ = self.subject(cs, m.start())
            if src is None:
                src, _ = self.subject(sent[0], m.start())
            if src and src != parks[-1].key and not self.types(src) & {"Park"}:
                self.add(
                    src,
                    parks[-1].key,
                    "LOCATED_IN",
                    cs,
                    m.end(),
                    "located-at",
                    0.65,
                    date=self.date_for(m.start(), sent),
                )
        for m in re.finditer(
            r"(?:作为|是|系)([^，。；]{2,30}?)的?(?:首批|重点|首家|第一批)?入驻(?:企业|项目|单位)",
            self.text,
        ):
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            parks = [x for x in self.within(m.start(1), m.end(1)) if x.kind == "org"]
            if not parks or not self.types(parks[-1].key) & place_types:
                continue
            ents = [
                x
                for x in self.within(sent[0], sent[1])
                if "Enterprise" in self.types(x.key) and not m.start() <= x.start < m.end()
            ]
            if len(ents) == 1:
                self.add(
                    ents[0].key, parks[-1].key, "LOCATED_IN", m.start(), m.end(), "tenant-of", 0.6
                )
        for m in re.finditer(r"(?:引入|引进|吸引)(?:了)?", self.text):
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            cs, ce = self.clause(m.start())
            after = [x for x in self.within(m.end(), ce) if x.kind == "org"]
            if not after or after[0].start - m.end() > 1:
                continue
            if self.types(after[0].key) & {"Institute"} and re.match(
                r"[^，。]{0,12}(技术|成果|专利)", self.text[after[0].end : ce]
            ):
                continue
            park = None
            pms = list(re.finditer(r"该园区|园区|高新区|开发区", self.text[sent[0] : m.start()]))
            pm = pms[-1] if pms else None
            if pm:
                park = self.resolve(pm.group(), sent[0] + pm.start())
            if park is None:
                subj, _ = self.subject(sent[0], m.start())
                park = subj if subj and "Park" in self.types(subj) else None
            for x in self._partners_after(m.end(), ce):
                if park and x.key != park and x.kind == "org":
                    self.add(x.key, park, "LOCATED_IN", m.start(), x.end, "brought-in", 0.5)
        for m in re.finditer(r"(?:及|和)?入驻(?:的)?企业(?:如|包括|有)", self.text):
            cs, ce = self.clause(m.start())
            parks = [x for x in self.within(cs, m.start()) if "Park" in self.types(x.key)]
            if not parks:
                continue
            for x in self.within(m.end(), ce):
                if "Enterprise" in self.types(x.key):
                    self.add(
                        x.key, parks[-1].key, "LOCATED_IN", parks[-1].start, x.end, "tenants", 0.7
                    )
        for m in re.finditer(r"(?:搭建|建设|打造|建成)(?:了)?", self.text):
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            cs, ce = self.clause(m.start())
            after = [x for x in self.within(m.end(), ce) if x.kind == "org"]
            if not after or after[0].start - m.end() > 1 or "Park" not in self.types(after[0].key):
                continue
            src, spos = self.subject(sent[0], m.start())
            if src and self.types(src) & {"Park", "Government"}:
                self.add(
                    after[0].key,
                    src,
                    "LOCATED_IN",
                    spos,
                    after[0].end,
                    "built-in",
                    0.6,
                    date=self.date_for(m.start(), sent),
                )

    def acquiring(self) -> None:
        for m in re.finditer(r"并入|收购|并购|兼并", self.text):
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            cs, ce = self.clause(m.start())
            after = [x for x in self.within(m.end(), ce) if x.kind == "org"]
            if not after or after[0].start - m.end() > 2:
                continue
            tgt = after[0]
            if not self.types(tgt.key) & {"Enterprise", "Investor"}:
                continue
            ents = [
                x
                for x in self.within(sent[0], m.start())
                if self.types(x.key) & {"Enterprise", "Investor"} and x.key != tgt.key
            ]
            passive = self.text[max(cs, m.start() - 6) : m.start()]
            if not ents:
                src, _ = self.subject(sent[0], m.start())
                if src is None:
                    continue
                first = src
            else:
                first = ents[0].key
            date = self.date_for(m.start(), sent)
            if m.group() == "并入":
                self.add(
                    tgt.key, first, "ACQUIRED", sent[0], tgt.end, "merged-into", 0.7, date=date
                )
            elif "被" in passive:
                self.add(
                    tgt.key, first, "ACQUIRED", sent[0], tgt.end, "acquired-by", 0.7, date=date
                )
            else:
                self.add(
                    first,
                    tgt.key,
                    "ACQUIRED",
                    sent[0],
                    tgt.end,
                    "acquires",
                    0.6,
                    self.amount_near(m.start(), sent),
                    date,
                )

    def acquiring_more(self) -> None:
        """X完成对Y的收购 / Y被X收购 / X控股Y."""
        acq = {"Enterprise", "Investor"}
        for m in re.finditer(r"对([^，。；]{2,30}?)的?(?:收购|并购|兼并|控股)", self.text):
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            cs, _ce = self.clause(m.start())
            tgts = [x for x in self.within(m.start(1), m.end(1)) if self.types(x.key) & acq]
            if not tgts:
                continue
            src, spos = self.subject(cs, m.start())
            if src is None:
                src, spos = self.subject(sent[0], m.start())
            if src and src != tgts[0].key and self.types(src) & acq:
                self.add(
                    src,
                    tgts[0].key,
                    "ACQUIRED",
                    spos,
                    m.end(),
                    "acquisition-of",
                    0.65,
                    self.amount_near(m.start(), sent),
                    self.date_for(m.start(), sent),
                )
        for m in re.finditer(r"被([^，。；]{2,30}?)(?:收购|并购|兼并|控股)", self.text):
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            cs, _ce = self.clause(m.start())
            buyers = [x for x in self.within(m.start(1), m.end(1)) if self.types(x.key) & acq]
            if not buyers or buyers[-1].end != m.end(1):
                continue
            tgt, tpos = self.subject(cs, m.start())
            if tgt is None:
                tgt, tpos = self.subject(sent[0], m.start())
            if tgt and tgt != buyers[-1].key and self.types(tgt) & acq:
                self.add(
                    buyers[-1].key,
                    tgt,
                    "ACQUIRED",
                    tpos,
                    m.end(),
                    "acquired-by",
                    0.65,
                    self.amount_near(m.start(), sent),
                    self.date_for(m.start(), sent),
                )

    def _partners_after(self, pos: int, end: int) -> list[Mention]:
        """Actors listed right after ``pos`` (A、B和C); an organisation followed by a
        title and a person stands for the person."""
        out: list[Mention] = []
        cur = pos
        for x in self.within(pos, end):
            gap = self.text[cur : x.start]
            if (
                out
                and x.kind == "person"
                and out[-1].kind == "org"
                and any(gap.endswith(t) for t in _titles())
            ):
                out[-1] = x
                cur = x.end
                continue
            if out and re.fullmatch(r"[^，。、；]{0,8}的", gap):
                out[-1] = x
                cur = x.end
                continue
            if out and not re.fullmatch(r"(、|和|及|与|以及|，)?", gap):
                break
            if not out and len(gap) > 3:
                break
            out.append(x)
            cur = x.end
        return out

    def cooperating(self) -> None:
        for m in re.finditer(r"会同|联合|配合|携手|协同|对接|依托|与", self.text):
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            cs, ce = self.clause(m.start())
            word = m.group()
            partners = self._partners_after(m.end(), ce)
            if not partners:
                continue
            rest = self.text[partners[-1].end : ce]
            if word == "与" and not re.search(
                r"合作|携手|牵手|共建|联合|协同|签约|结成|共同|框架协议|战略协议", rest[:30]
            ):
                continue
            if re.match(r"[^，。；]{0,12}?(?:创立|创办|创建|创业)", rest):
                continue  # A与B(于2018年)共同创立C: co-founders, not partners
            src = None
            before = [x for x in self.within(cs, m.start())]
            if before and re.fullmatch(_ADVERBS, self.text[before[-1].end : m.start()]):
                src = before[-1].key
            else:
                pm = re.search(
                    r"(该行|该机构|该公司|该园区|园区|我们|企业|公司|其)[^，。]{0,8}$",
                    self.text[cs : m.start()],
                )
                if pm:
                    src = self.resolve(pm.group(1), cs + pm.start(1))
                if src is None:
                    src, _ = self.subject(sent[0], m.start())
                if src is None:
                    src = self.para_subject(m.start())
                if src is None:
                    src = self.speaker_org(m.start())
            if src is None:
                continue
            for p in partners:
                if p.key == src:
                    continue
                ptypes = self.types(p.key)
                stypes = self.types(src)
                span = self.span(m.start(), p.end)
                if word in {"对接", "依托"}:
                    if "Institute" in ptypes and re.match(
                        r"[^，。]{0,12}(技术团队|技术|成果|专利)", self.text[p.end : ce]
                    ):
                        continue  # technology transfer, below
                    if "Enterprise" in stypes and ptypes & {"Park", "Platform", "Institute"}:
                        self.add(p.key, src, "SERVES", *span, "relies-on", 0.6)
                        continue
                    if not stypes & {"Bank", "Government", "Park", "Platform", "Institute"}:
                        continue
                    if not ptypes & {"Institute", "Platform", "Fund", "Bank", "Government"}:
                        continue
                if (
                    word == "与"
                    and self.a.entities[p.key].kind == "person"
                    and self.a.entities[src].kind == "org"
                    and not stypes & {"Enterprise"}
                ):
                    continue
                self.add(src, p.key, "COOPERATES_WITH", *span, "cooperates", 0.65)
        for m in re.finditer(
            r"由([^。]{2,60}?)(?:联合|共同)(发起|设立|组建|出资|成立|举办)", self.text
        ):
            inner = [x for x in self.within(m.start(1), m.end(1)) if x.kind == "org"]
            keys = list(dict.fromkeys(x.key for x in inner))
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            subj, _ = self.subject(sent[0], m.start())
            if subj and ("Fund" in self.types(subj) or m.group(2) == "出资"):
                for k in keys:
                    self.add(
                        k,
                        subj,
                        "COMMITTED_TO",
                        m.start(),
                        m.end(),
                        "co-funders",
                        0.6,
                        date=self.date_for(m.start(), sent),
                    )
                continue
            for i in range(len(keys)):
                for j in range(i + 1, len(keys)):
                    self.add(
                        keys[i], keys[j], "COOPERATES_WITH", m.start(), m.end(), "co-founders", 0.6
                    )

    def serving(self) -> None:
        for sent in self.sentences:
            s, e = sent
            lent = {
                (r.source, r.target)
                for r in self.out
                if r.type == "LENT_TO" and s <= r.span_start < e
            }
            seg = self.text[s:e]
            for m in re.finditer(r"为(?:像)?", seg):
                pos = s + m.start()
                cs, ce = self.clause(pos)
                tgts = [
                    x for x in self.within(s + m.end(), ce) if "Enterprise" in self.types(x.key)
                ]
                pron = re.match(r"(企业|公司|其|该公司|该企业)", self.text[s + m.end() : ce])
                named_before = [x for x in self.within(cs, pos) if x.kind == "org"]
                if (
                    (not tgts or tgts[0].start - (s + m.end()) > 1)
                    and pron
                    and named_before
                    and re.fullmatch(_ADVERBS, self.text[named_before[-1].end : pos])
                ):
                    # X还为企业兑现奖励: the company of the article, with X named right before
                    key = self.resolve(pron.group(1), s + m.end())
                    if key:
                        at = s + m.end()
                        tgts = [
                            Mention(
                                at, at + len(pron.group(1)), key, "org", (), "pronoun", True, key
                            )
                        ]
                if not tgts or tgts[0].start - (s + m.end()) > 1:
                    continue
                tail = self.text[tgts[0].end : ce]
                if not re.search(
                    r"提供|服务|支持|注入|嫁接|撮合|对接|辅导|赋能|解决|发放|兑现|拨付|奖励|补贴|补助",
                    tail,
                ):
                    continue
                srcs = []
                src, _ = self.subject(s, pos, nearest=True)
                if src:
                    srcs.append(src)
                via = re.search(r"通过[^，。]{0,4}?“?([^”，。]{2,12})”?平台", self.text[cs:pos])
                if via:
                    srcs += [
                        x.key
                        for x in self.within(cs + via.start(), pos)
                        if "Platform" in self.types(x.key)
                    ]
                for sk in srcs:
                    if (sk, tgts[0].key) in lent or not self.types(sk) & _SERVICE_TYPES:
                        continue
                    self.add(sk, tgts[0].key, "SERVES", pos, tgts[0].end, "serves", 0.6)
            for m in re.finditer(
                r"在([^，。]{2,24}?)的(?:支持|帮助|指导|推动|辅导|培育|孵化|协助|牵线|撮合|推荐)下",
                seg,
            ):
                pos = s + m.start()
                helpers = [x for x in self.within(s + m.start(1), s + m.end(1)) if x.kind == "org"]
                if not helpers:
                    continue
                src, _ = self.subject(s, pos, nearest=True)
                if src is None:
                    pm = re.search(r"(企业|公司|我们|其)[^，。]{0,20}$", self.text[s:pos])
                    src = self.resolve(pm.group(1), s + pm.start(1)) if pm else None
                served = [src] if src else []
                if src is None:
                    # 在X的牵线下,A与B达成合作: the actors of the clause that follows
                    a_s, a_e = self.clause(s + m.end() + 1)
                    firsts = [x for x in self.within(a_s, a_e) if x.kind == "org"]
                    if firsts and firsts[0].start - a_s <= 8:
                        served.append(firsts[0].key)
                        if re.search(r"牵线|撮合", m.group()):
                            served += [
                                x.key
                                for x in self._partners_after(firsts[0].end + 1, a_e)
                                if self.text[firsts[0].end] in "与和同"
                                and self.types(x.key) & {"Enterprise", "Institute"}
                            ]
                for key in served:
                    if key != helpers[-1].key:
                        self.add(helpers[-1].key, key, "SERVES", pos, s + m.end(), "support", 0.6)
            for m in re.finditer(
                r"接受(?:了)?(?:来自)?([^。]{2,60}?)的[^，。]{0,6}?(?:培训|辅导|指导|服务)", seg
            ):
                pos = s + m.start()
                src, _ = self.subject(s, pos)
                if src is None:
                    continue
                for x in self.within(s + m.start(1), s + m.end(1)):
                    if x.kind == "org":
                        self.add(
                            x.key,
                            src,
                            "SERVES",
                            pos - (pos - s),
                            s + m.end(),
                            "trained-by",
                            0.6,
                            date=self.date_for(pos, sent),
                        )
            if re.search(r"撮合|牵线|对接服务", seg):
                src, _ = self.subject(s, e)
                pm = re.search(r"我们", seg)
                if pm:
                    src = self.resolve("我们", s + pm.start()) or src
                for x in self.within(s, e):
                    if (
                        src
                        and x.key != src
                        and "Enterprise" in self.types(x.key)
                        and self.types(src) & _SERVICE_TYPES
                    ):
                        self.add(src, x.key, "SERVES", s, e, "brokered", 0.5)
            for m in re.finditer(r"在([^，。]{2,16}?)(?:平台)?(?:挂牌|上市)", seg):
                plats = [
                    x
                    for x in self.within(s + m.start(1), s + m.end(1))
                    if "Platform" in self.types(x.key)
                ]
                if not plats:
                    continue
                src, _ = self.subject(s, s + m.start())
                if src is None:
                    src = self.speaker_org(s + m.start())
                if src and "Enterprise" in self.types(src):
                    self.add(plats[0].key, src, "SERVES", s + m.start(), s + m.end(), "listed", 0.5)
            for m in re.finditer(r"(?:金融服务|服务团队|专项服务|综合服务)", seg):
                banks = [x for x in self.within(s, s + m.start()) if "Bank" in self.types(x.key)]
                if not banks:
                    continue
                src = banks[-1].key
                ents = [
                    x
                    for x in self.within(s, e)
                    if "Enterprise" in self.types(x.key)
                    and (
                        x.start > banks[-1].end
                        or re.match(r"的[^，。]{0,6}需求", self.text[x.end : e])
                    )
                ]
                tgt = ents[0].key if ents else None
                if tgt is None:
                    pm = re.search(r"支持(?:了)?(企业|其|该公司|该企业)", seg)
                    tgt = self.resolve(pm.group(1), s + pm.start(1)) if pm else None
                if tgt and (src, tgt) not in lent:
                    self.add(src, tgt, "SERVES", s, e, "bank-service", 0.5)

    def tech_transfer(self) -> None:
        for sent in self.sentences:
            s, e = sent
            seg = self.text[s:e]
            for m in re.finditer(r"(?:对接|引进|引入)", seg):
                cs, ce = self.clause(s + m.start())
                insts = [
                    x
                    for x in self._partners_after(s + m.end(), ce)
                    if "Institute" in self.types(x.key)
                ]
                if not insts or not re.match(
                    r"[^，。]{0,12}(技术团队|技术|成果|专利)", self.text[insts[-1].end : ce]
                ):
                    continue
                ents = [x for x in self.within(s, e) if "Enterprise" in self.types(x.key)]
                tgt = ents[-1].key if ents else self.resolve("企业", s + m.start())
                for x in insts:
                    self.add(
                        x.key, tgt, "TRANSFERRED_TECH", s + m.start(), x.end, "tech-match", 0.6
                    )
            if re.search(
                r"(技术转让|成果转化|专利转让|技术许可|专利许可|转让给|许可给|授权给|转化给|转移给|科研成果|作价入股)"
                r"(?!平台|中心|基地|机构|服务|体系|工作|率)",
                seg,
            ):
                srcs = [
                    x
                    for x in self.within(s, e)
                    if self.types(x.key) & {"Institute", "Scientist", "Platform"}
                ]
                ents = [x for x in self.within(s, e) if "Enterprise" in self.types(x.key)]
                tgt = ents[-1].key if ents else self.resolve("企业", s)
                cue_m = re.search(
                    r"技术转让|成果转化|专利转让|技术许可|专利许可|转让给|许可给|授权给|转化给|转移给"
                    r"|科研成果|作价入股",
                    seg,
                )
                cue_at = s + (cue_m.start() if cue_m else 0)
                before_cue = [x for x in srcs if x.end <= cue_at]
                lo = before_cue[-1].end if before_cue else s
                pms = list(re.finditer(r"学校|该校|高校|母校|该院|该所", self.text[lo:cue_at]))
                pm = pms[-1] if pms else None
                if pm is not None:
                    key = self.resolve(pm.group(), lo + pm.start())
                    if pm.group() in {"该院", "该所"}:
                        key = self.last_before(lo + pm.start(), {"Institute"})
                    if key:
                        at = lo + pm.start()
                        before_cue.append(Mention(at, at + 2, key, "org", (), "pronoun", True, key))
                if before_cue and tgt:
                    src = before_cue[-1]
                    self.add(
                        src.key,
                        tgt,
                        "TRANSFERRED_TECH",
                        s,
                        e,
                        "tech-transfer",
                        0.55,
                        date=self.date_for(src.start, sent),
                    )
            for m in re.finditer(
                r"向([^，。；]{2,30}?)(?:独家|无偿|有偿)?(?:转让|许可|授权|转移|转化)(?:了)?", seg
            ):
                cs, ce = self.clause(s + m.start())
                if not re.search(
                    r"专利|技术|成果|知识产权|使用权", self.text[s + m.end() : ce]
                ) or re.search(r"股权|股份|份额", self.text[s + m.end() : ce]):
                    continue
                srcs = [
                    x
                    for x in self.within(cs, s + m.start())
                    if self.types(x.key) & {"Institute", "Scientist", "Platform"}
                ]
                src_key = srcs[-1].key if srcs else None
                if src_key is None:
                    pm = re.search(
                        r"(学校|该校|高校|该院|该所)[^，。]{0,6}$", self.text[cs : s + m.start()]
                    )
                    src_key = self.resolve(pm.group(1), cs + pm.start(1)) if pm else None
                    if pm and src_key is None:
                        src_key = self.last_before(cs + pm.start(1), {"Institute"})
                if src_key is None:
                    continue
                ents = [
                    x
                    for x in self.within(s + m.start(1), s + m.end(1))
                    if "Enterprise" in self.types(x.key)
                ]
                tgt = ents[0].key if ents else None
                if tgt is None and re.search(r"企业|公司|其", m.group(1)):
                    tgt = self.resolve("企业", s + m.start())
                self.add(
                    src_key,
                    tgt,
                    "TRANSFERRED_TECH",
                    srcs[-1].start if srcs else s + m.start(),
                    ce,
                    "transfer-to",
                    0.65,
                    self.amount_near(s + m.end(), sent),
                    self.date_for(s + m.start(), sent),
                )
            for m in re.finditer(
                r"(?:样品|技术|成果|专利)[^，。]{0,6}(?:寄送|转让|许可|授权|转移|交付)(?:至|给|予)?",
                seg,
            ):
                cs, ce = self.clause(s + m.start())
                insts = [
                    x for x in self.within(cs, s + m.start()) if "Institute" in self.types(x.key)
                ]
                if not insts:
                    continue
                ents = [
                    x for x in self.within(s + m.end(), ce) if "Enterprise" in self.types(x.key)
                ]
                tgt = ents[0].key if ents else None
                if tgt is None and re.match(
                    r"(企业|公司|该企业|该公司)", self.text[s + m.end() : ce]
                ):
                    tgt = self.resolve("企业", s + m.start())
                self.add(
                    insts[-1].key,
                    tgt,
                    "TRANSFERRED_TECH",
                    cs,
                    ce,
                    "tech-sent",
                    0.6,
                    date=self.date_for(s + m.start(), sent),
                )

    def branches(self) -> None:
        ents = self.a.entities
        present = {m.key for m in self.ms}
        for child in present:
            e = ents[child]
            if e.kind != "org":
                continue
            best: tuple[str, int] | None = None
            for parent in present:
                if parent == child or ents[parent].kind != "org":
                    continue
                if not (
                    set(e.types) & set(ents[parent].types)
                    or (
                        {"Bank", "Government"} & set(e.types)
                        and {"Bank", "Government"} & set(ents[parent].types)
                    )
                    or ("Institute" in e.types and "Institute" in ents[parent].types)
                    or ("Park" in e.types and "Institute" in ents[parent].types)
                ):
                    continue
                forms = [parent, *ents[parent].aliases]
                for f in forms:
                    base = re.sub(r"(分行|总行)$", "", f)
                    if len(base) < 2 or not child.startswith(base) or child == f:
                        continue
                    is_branch = re.search(
                        r"(分行|支行|分院|研究院|研究所|分公司|大学科技园|附属医院)$", child
                    )
                    if not is_branch:
                        continue
                    if best is None or len(base) > best[1]:
                        best = (parent, len(base))
            if best:
                cm = next(x for x in self.ms if x.key == child)
                self.add(child, best[0], "BRANCH_OF", cm.start, cm.end, "branch-name", 0.9)
        for m in re.finditer(r"所辖|下属|下辖", self.text):
            before = [x for x in self.ms if x.end == m.start() and x.kind == "org"]
            after = [x for x in self.ms if x.start == m.end() and x.kind == "org"]
            if before and after:
                self.add(
                    after[0].key,
                    before[0].key,
                    "BRANCH_OF",
                    before[0].start,
                    after[0].end,
                    "subordinate",
                    0.8,
                )
        for m in re.finditer(r"(?:成立|设立|组建)(?:了)?", self.text):
            sent = next(
                (x for x in self.sentences if x[0] <= m.start() < x[1]), (0, len(self.text))
            )
            cs, ce = self.clause(m.start())
            after = [x for x in self.within(m.end(), ce) if x.kind == "org"]
            if not after or after[0].start != m.end():
                continue
            tgt = after[0]
            people = [x for x in self.within(cs, m.start()) if x.kind == "person"]
            if not people and "携手" in self.text[sent[0] : m.start()]:
                people = [x for x in self.within(sent[0], m.start()) if x.kind == "person"]
            if people and (
                self.text[m.start() - 2 : m.start()] in {"发起", "共同", "牵头"}
                or "携手" in self.text[sent[0] : m.start()]
            ):
                self.add(
                    people[-1].key, tgt.key, "FOUNDED", people[-1].start, tgt.end, "set-up", 0.6
                )
                continue
            if not re.search(r"(公司)$", tgt.key):
                continue
            pm = re.search(r"(我们|公司|企业|该公司)[^，。]{0,4}$", self.text[cs : m.start()])
            src = self.resolve(pm.group(1), cs + pm.start(1)) if pm else None
            if src and src != tgt.key and "Enterprise" in self.types(src):
                self.add(tgt.key, src, "BRANCH_OF", cs, tgt.end, "subsidiary", 0.6)


_ROLES_RX: list[re.Pattern[str]] = []


def _roles_regex() -> re.Pattern[str]:
    """是X的创始人 / 出任X董事长, built once from the lexicon's titles."""
    if not _ROLES_RX:
        from ecox.loaders.lexicon import get_lexicon

        titles = "|".join(re.escape(t) for t in sorted(get_lexicon().titles, key=len, reverse=True))
        _ROLES_RX.append(
            re.compile(
                r"(?:是|系|出任|担任|升任|就任)([^，。；]{2,30}?)(?:的)?("
                + titles
                + r")(?![\u4e00-\u9fff]{0,1}[的])"
            )
        )
    return _ROLES_RX[0]


def _titles() -> list[str]:
    from ecox.loaders.lexicon import get_lexicon

    return list(get_lexicon().titles)


_ORDER = (
    "titles",
    "affiliation",
    "founded",
    "founded_by",
    "lending",
    "investing",
    "shareholders",
    "committing",
    "managing",
    "managing_more",
    "subsidiaries",
    "alumni",
    "both_sides",
    "supporting",
    "listing_in",
    "holding",
    "roles",
    "workplace",
    "incubating",
    "locating",
    "acquiring",
    "acquiring_more",
    "cooperating",
    "serving",
    "tech_transfer",
    "branches",
)


def find_relations(actors: ActorSet, *, published: str | None = None) -> list[Relation]:
    """Typed, directed relations between the actors of one article.

    Parameters
    ----------
    actors : ActorSet
        From :func:`loaders.mentions.find_actors`.
    published : str, optional
        Publication date ``YYYY-MM-DD``; resolves 今年1月5日 and 1月28日.

    Returns
    -------
    list of Relation
        In the order the rules found them; one per (source, target, type), and
        COOPERATES_WITH once per unordered pair.
    """
    art = _Article(actors, published)
    for name in _ORDER:
        getattr(art, name)()
    return art.out
