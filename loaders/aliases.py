"""Which surface forms name the same actor within one article.

Short names are merged with their full form (以下简称, prefixes such as 陕西坤翔 of
陕西坤翔…有限公司, abbreviations such as 温医大眼视光医院, lexicon short forms such as
浦发银行); a branch is never merged with its head.

Examples
--------
>>> from ecox.loaders.lexicon import get_lexicon
>>> _alias_of("温医大眼视光医院", "温州医科大学附属眼视光医院", get_lexicon())
True
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable

from ecox.graph.schema import NodeType
from ecox.loaders.actors import Entity, Mention
from ecox.loaders.candidates import ActorFinder
from ecox.loaders.lexicon import Lexicon

__all__ = ["Aliases", "occurrences"]


def occurrences(text: str, sub: str) -> Iterable[int]:
    i = text.find(sub)
    while i >= 0:
        yield i
        i = text.find(sub, i + 1)


def _stands_alone(text: str, sub: str, f: ActorFinder, covered: Container[int]) -> bool:
    """Whether ``sub`` occurs at a token start not inside a longer name already found."""
    return any(pos in f.tok_start and pos not in covered for pos in occurrences(text, sub))


def _is_subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


_ORG_END = re.compile(
    r"(银行|公司|集团|大学|学院|研究院|研究所|医院|基金|基金会|高新区|新区|交易所|学会|协会|中心|实验室|局|厅|委)$"
)
_BRANCH_END = re.compile(r"(分行|支行)$")
_COMPANY_END = re.compile(r"(公司|集团|有限合伙[)）])$")
_GROUP_KIND_END = re.compile(r"(集团|控股|资本|创投)$")
_COMPANY_OR_GROUP_END = re.compile(r"(公司|集团)$")


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
    if bool(_BRANCH_END.search(full)) != bool(_BRANCH_END.search(short)):
        return False
    if full.endswith(short):
        rest = full[: len(full) - len(short)]
        return lex.is_place(rest) or len(short) >= 4
    if short[0] == full[0] and short[-1] == full[-1] and len(short) >= 3:
        return _is_subsequence(short, full)
    if not _COMPANY_END.search(full) or len(short) < 2 or lex.is_place(short):
        return False
    # trade name + kind (or a later word) after the place: 厦门|金圆投资集团有限公司 → 金圆集团,
    # 宜昌|澜石精密传动科技有限公司 → 澜石传动
    if len(short) >= 4 and (_GROUP_KIND_END.search(short) or short[-2:] in full):
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


class Aliases:
    """The entities of one article and the surface forms that name each of them.

    ``key_of`` maps every surface form to the form it stands for (follow it to the
    entity key); the ``merge_*`` steps add short forms in a fixed order.
    """

    def __init__(self, text: str, lex: Lexicon, f: ActorFinder, chosen: list[Mention]) -> None:
        self.text, self.lex, self.f, self.chosen = text, lex, f, chosen
        self.entities: dict[str, Entity] = {}
        for m in chosen:
            e = self.entities.get(m.text)
            if e is None:
                self.entities[m.text] = Entity(m.text, m.kind, list(m.types))
            else:
                for t in m.types:
                    if t not in e.types and e.kind == m.kind:
                        e.types.append(t)
        self.key_of: dict[str, str] = {name: name for name in self.entities}
        self.covered = {p for m in chosen for p in range(m.start, m.end)}

    def merge(self, short: str, full: str) -> None:
        """Make ``short`` (and every form that stood for it) a form of ``full``."""
        full = self.key_of.get(full, full)
        if short == full:
            return
        for k, v in list(self.key_of.items()):
            if v == short:
                self.key_of[k] = full
        self.key_of[short] = full
        if short in self.entities and short != full:
            old = self.entities.pop(short)
            self.entities[full].aliases |= old.aliases | {short}
        else:
            self.entities[full].aliases.add(short)

    def merge_all(self) -> None:
        """Every merging step, in order."""
        self.merge_short_for()
        self.merge_lexicon_groups()
        self.merge_short_forms()
        self.merge_weak_forms()
        self.add_placeless_forms()
        self.add_park_tails()
        self.add_company_short_names()
        self.extend_zone_districts()

    def merge_short_for(self) -> None:
        """(以下简称“…”): the short form names the organisation right before it."""
        for short, full_end in self.f.short_for:
            full_m = next((m for m in self.chosen if m.end == full_end and m.kind == "org"), None)
            if full_m is None:
                continue
            if short not in self.entities:
                self.entities[short] = Entity(short, "org", list(full_m.types))
                self.key_of[short] = short
            self.merge(short, full_m.text)

    def merge_lexicon_groups(self) -> None:
        """Lexicon groups: 浦发银行 = 上海浦东发展银行, 人民银行总行 = 中国人民银行."""
        groups: dict[str, list[str]] = {}
        for name, e in self.entities.items():
            if e.kind == "org":
                g = _lexicon_group(name, self.lex)
                if g:
                    groups.setdefault(g, []).append(name)
        for names in groups.values():
            if len(names) > 1:
                full = max(names, key=len)
                for other in names:
                    if other != full and self.key_of.get(other) == other:
                        self.merge(other, full)

    def merge_short_forms(self) -> None:
        """A specific name that is the short form of one longer name (else of the first named)."""
        orgs = sorted(
            (n for n, e in self.entities.items() if e.kind == "org"), key=len, reverse=True
        )
        for short in sorted(orgs, key=len):
            if self.key_of.get(short) != short or short not in self.entities:
                continue
            fulls = [
                n
                for n in orgs
                if len(n) > len(short)
                and (short[0] in n or short.endswith("总行"))
                and n in self.entities
                and self.key_of.get(n) == n
                and _alias_of(short, n, self.lex)
            ]
            if len(fulls) == 1:
                self.merge(short, fulls[0])
            elif len(fulls) > 1:
                first = {n: self.text.find(n) for n in fulls}
                self.merge(short, min(fulls, key=lambda n: (first[n] < 0, first[n])))

    def merge_weak_forms(self) -> None:
        """Generic-looking names (多家银行 aside) that are the short form of a name found."""
        weak_names = {m.text for m in self.f.weak}
        for short in sorted(weak_names, key=len, reverse=True):
            if short in self.entities:
                continue
            fulls = [
                n
                for n in self.entities
                if len(n) > len(short)
                and short[0] in n
                and self.entities[n].kind == "org"
                and _alias_of(short, n, self.lex)
            ]
            if fulls:
                first = {n: self.text.find(n) for n in fulls}
                full = min(fulls, key=lambda n: (first[n] < 0, first[n]))
                self.entities[full].aliases.add(short)
                self.key_of[short] = full

    def add_placeless_forms(self) -> None:
        """A name without its leading place, used on its own (中国眼谷 → 眼谷)."""
        for name in list(self.entities):
            e = self.entities[name]
            if e.kind != "org" or self.key_of.get(name) != name:
                continue
            for n in range(min(len(name) - 2, 6), 1, -1):
                if not self.lex.is_place(name[:n]):
                    continue
                rest = name[n:]
                if rest in self.key_of:
                    continue
                suf = self.lex.ending(rest)
                if (
                    not self.f.strip_generic(rest[: len(rest) - len(suf)])
                    or self.lex.is_place(rest)
                    or len(rest) <= len(suf)
                ):
                    continue
                if _stands_alone(self.text, rest, self.f, self.covered):
                    e.aliases.add(rest)
                    self.key_of[rest] = name

    def add_park_tails(self) -> None:
        """A park's last word on its own (武汉光谷 → 光谷, 长兴智谷 → 智谷)."""
        for name in list(self.entities):
            e = self.entities[name]
            if NodeType.PARK not in e.types or self.key_of.get(name) != name or len(name) < 4:
                continue
            tail = name[-2:]
            if (
                tail[-1] not in "谷城港湾"
                or tail in self.key_of
                or (self.lex.known(tail) and tail[-1] != "谷")
            ):
                continue
            if _stands_alone(self.text, tail, self.f, self.covered):
                e.aliases.add(tail)
                self.key_of[tail] = name

    def add_company_short_names(self) -> None:
        """Prefixes of a company name used on their own, or the trade name after the place."""
        for name in list(self.entities):
            e = self.entities[name]
            if e.kind != "org" or not _COMPANY_OR_GROUP_END.search(name):
                continue
            core = re.split(r"[(（]", name, maxsplit=1)[0]
            best = None
            for n in range(2, len(core) + 1):
                pre = core[:n]
                if pre == name or self.lex.is_place(pre) or pre in self.key_of:
                    continue
                hit = next(
                    (
                        pos
                        for pos in occurrences(self.text, pre)
                        if pos in self.f.tok_start
                        and pos + len(pre) in self.f.tok_end
                        and pos not in self.covered
                    ),
                    None,
                )
                if hit is None:
                    continue
                lead_n = next(
                    (k for k in range(min(len(pre), 6), 1, -1) if self.lex.is_place(pre[:k])), 0
                )
                rest_ = pre[lead_n:]
                if not self.f.strip_generic(rest_) or (len(rest_) <= 2 and self.lex.known(rest_)):
                    continue  # 重庆科技: a place and a common word, not a short name
                best = pre
            if best is None and not e.aliases:
                # the trade name after the place: 成都|衡川智能…有限公司 → 衡川智能
                lead = next(
                    (n for n in range(min(len(core) - 2, 6), 1, -1) if self.lex.is_place(core[:n])),
                    0,
                )
                trade = core[lead:]
                for n in range(3, len(trade) + 1):
                    pre = trade[:n]
                    if pre in self.key_of or self.lex.known(pre) or not self.f.strip_generic(pre):
                        continue
                    if _stands_alone(self.text, pre, self.f, self.covered):
                        best = pre
            if best and best not in self.key_of:
                e.aliases.add(best)
                self.key_of[best] = name

    def extend_zone_districts(self) -> None:
        """Zone districts take their fullest form (温州 + 龙湾区)."""
        for name in list(self.entities):
            e = self.entities[name]
            if (
                NodeType.PARK in e.types
                and NodeType.GOVERNMENT in e.types
                and self.key_of.get(name) == name
            ):
                for at in occurrences(self.text, name):
                    for n in (4, 3, 2):
                        pre = self.text[max(0, at - n) : at]
                        if len(pre) == n and self.lex.is_place(pre) and pre not in name:
                            longer = pre + name
                            if longer not in self.entities:
                                self.entities[longer] = Entity(longer, "org", list(e.types))
                                self.key_of[longer] = longer
                                self.merge(name, longer)
                            break
                    if self.key_of.get(name) != name:
                        break
